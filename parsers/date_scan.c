/* SPDX-License-Identifier: ISC */
/*
 * The date scanner: one forward pass over the bytes. At a digit run it
 * tries the ISO-like form (2024-09-09, 2024.9.9., 24.09.09) and then the
 * CJK one (2024년 9월 9일, 9月9日, 19일, with "a~b" shorthands); at a
 * Korean or Chinese keyword (지난해, 오는, 上月 ...) a relative mention.
 * A match is followed by an optional range (~, 至, 부터 ... a second date).
 * Hand-written rather than pcre2: the forms nest (prefix, components,
 * range) and the negatives (3일간, 第3日, 010-2024-...) are contextual, and
 * a byte scanner costs a few ns per byte with no compiled state.
 */
#include "date.h"

#include <stdlib.h>
#include <string.h>

#include "date_priv.h"
#include "text.h"
#include "xmem.h"

enum unit { U_NONE, U_YEAR, U_MONTH, U_DAY };

struct scan {
	const char *s;
	size_t len;
	const struct date_ymd *ref;	/* NULL: absolute mentions only */
	struct date_mention *v;
	size_t n, cap;
};

enum rel { R_YEAR, R_MONTH, R_PAST, R_NEXT };

struct keyword {
	const char *w;
	size_t len;
	enum rel rel;
	int off;		/* years or months from the reference */
	bool hangul;		/* must not follow a Hangul syllable */
	bool open;		/* must not precede one (지난 해외, 내달리다) */
};

#define KW(w, rel, off, h, o)	{w, sizeof(w) - 1, rel, off, h, o}

/* Longest first where one is a prefix of another (지난해 before 지난). */
static const struct keyword keywords[] = {
	KW("재작년", R_YEAR, -2, true, false),
	KW("지난해", R_YEAR, -1, true, false),
	KW("지난 해", R_YEAR, -1, true, true),
	KW("작년", R_YEAR, -1, true, false),
	KW("올해", R_YEAR, 0, true, false),
	KW("금년", R_YEAR, 0, true, false),
	KW("내년", R_YEAR, 1, true, false),
	KW("前年", R_YEAR, -2, false, false),
	KW("去年", R_YEAR, -1, false, false),
	KW("今年", R_YEAR, 0, false, false),
	KW("明年", R_YEAR, 1, false, false),
	KW("지난달", R_MONTH, -1, true, false),
	KW("지난 달", R_MONTH, -1, true, false),
	KW("이달", R_MONTH, 0, true, false),
	KW("이번 달", R_MONTH, 0, true, false),
	KW("이번달", R_MONTH, 0, true, false),
	KW("다음달", R_MONTH, 1, true, false),
	KW("다음 달", R_MONTH, 1, true, false),
	KW("내달", R_MONTH, 1, true, true),
	KW("上个月", R_MONTH, -1, false, false),
	KW("上月", R_MONTH, -1, false, false),
	KW("本月", R_MONTH, 0, false, false),
	KW("当月", R_MONTH, 0, false, false),
	KW("下个月", R_MONTH, 1, false, false),
	KW("下月", R_MONTH, 1, false, false),
	KW("지난", R_PAST, 0, true, false),
	KW("오는", R_NEXT, 0, true, false),
};

/* After "N일": a duration or count, not a date (3일간, 10일 이내). */
static const char *const day_not_ko[] = {
	"간", "째", "치", "동안", "이내", "내에", "내로", "만에", "만의",
	"연속", "이상", "미만", "일정", "가량", "정도", "내외",
};
/* After "N日": 3日内, 30日以内. */
static const char *const day_not_zh[] = {"内", "以内", "之内", "以上"};

/* Period-of-month words kept in a month mention's surface (이달 말). */
static const char *const month_part[] = {
	"초순", "상순", "중순", "하순", "초", "중", "말", "께", "경",
	"上旬", "中旬", "下旬", "初", "底", "末",
};

static size_t
at_kw(const struct scan *sc, size_t i, const char *w)
{
	size_t n = strlen(w);

	if (i + n > sc->len || memcmp(sc->s + i, w, n) != 0)
		return 0;
	return n;
}

static size_t
spaces(const struct scan *sc, size_t i)
{
	size_t k = i;

	while (k < sc->len && k - i < 2 && sc->s[k] == ' ')
		k++;
	return k;
}

static bool
is_digit(const struct scan *sc, size_t i)
{
	return i < sc->len && sc->s[i] >= '0' && sc->s[i] <= '9';
}

/* A run of 1 to 4 digits at i: its length (0 if none or longer). */
static size_t
number(const struct scan *sc, size_t i, int *v)
{
	size_t k = i;

	*v = 0;
	while (is_digit(sc, k)) {
		if (k - i == 4)
			return 0;
		*v = *v * 10 + (sc->s[k] - '0');
		k++;
	}
	return k - i;
}

/* A unit at i (after at most one space); *end is set past it. */
static enum unit
unit(const struct scan *sc, size_t i, bool hao, size_t *end)
{
	size_t k, j = i < sc->len && sc->s[i] == ' ' ? i + 1 : i;

	if ((k = at_kw(sc, j, "년")) || (k = at_kw(sc, j, "年"))) {
		*end = j + k;
		return U_YEAR;
	}
	if ((k = at_kw(sc, j, "월")) || (k = at_kw(sc, j, "月"))) {
		*end = j + k;
		return U_MONTH;
	}
	if ((k = at_kw(sc, j, "일")) || (k = at_kw(sc, j, "日")) ||
	    (hao && (k = at_kw(sc, j, "号")))) {
		*end = j + k;
		return U_DAY;
	}
	return U_NONE;
}

static bool
any_kw(const struct scan *sc, size_t i, const char *const *w, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (at_kw(sc, i, w[k]))
			return true;
	return false;
}

/* Is the day unit ending at i followed by a duration word? */
static bool
day_is_duration(const struct scan *sc, size_t i)
{
	size_t j = spaces(sc, i), k;
	uint32_t c;

	if (any_kw(sc, i, day_not_zh, sizeof(day_not_zh) /
	    sizeof(day_not_zh[0])) || any_kw(sc, i, day_not_ko,
	    sizeof(day_not_ko) / sizeof(day_not_ko[0])) || any_kw(sc, j,
	    day_not_ko, sizeof(day_not_ko) / sizeof(day_not_ko[0])))
		return true;
	/* "10일 내 처리" but not "9일 내한" (visiting Korea on the 9th). */
	if (!at_kw(sc, j, "내"))
		return false;
	k = j + strlen("내");
	c = k < sc->len ? text_utf8_next(sc->s, sc->len, &k) : 0;
	return !(c >= 0xAC00 && c <= 0xD7A3);
}

/* A range connector (with spaces around) at i: its length, or 0. */
static size_t
connector(const struct scan *sc, size_t i)
{
	static const char *const conn[] = {"~", "～", "〜", "-", "–", "—", "至",
	    "到", "부터"};
	size_t j = spaces(sc, i), k, n;

	for (k = 0; k < sizeof(conn) / sizeof(conn[0]); k++) {
		n = at_kw(sc, j, conn[k]);
		if (n)
			return spaces(sc, j + n) - i;
	}
	return 0;
}

/* "(월)", "（周一）", "(星期三)" after a day: its length, or 0. */
static size_t
weekday(const struct scan *sc, size_t i)
{
	static const char *const wd[] = {"월", "화", "수", "목", "금", "토",
	    "일", "一", "二", "三", "四", "五", "六", "日", "天", "周", "星期"};
	size_t j, k, n, open, parts = 0;

	open = at_kw(sc, i, "(");
	if (!open)
		open = at_kw(sc, i, "（");
	if (!open)
		return 0;
	j = i + open;
	while (parts < 3) {
		for (k = 0, n = 0; k < sizeof(wd) / sizeof(wd[0]) && !n; k++)
			n = at_kw(sc, j, wd[k]);
		if (!n)
			break;
		j += n;
		parts++;
	}
	if (parts == 0)
		return 0;
	if ((n = at_kw(sc, j, ")")) || (n = at_kw(sc, j, "）")))
		return j + n - i;
	return 0;
}

/* Can a date start at the digit at i? Not inside a word, number, code
   or ordinal (第3日, 제3일). */
static bool
digit_starts(const struct scan *sc, size_t i)
{
	unsigned char p;

	if (i == 0)
		return true;
	p = sc->s[i - 1];
	if ((p >= '0' && p <= '9') || (p >= 'a' && p <= 'z') ||
	    (p >= 'A' && p <= 'Z') || strchr(".,/_-+#", p) != NULL)
		return false;
	if (i >= 3 && (memcmp(sc->s + i - 3, "第", 3) == 0 ||
	    memcmp(sc->s + i - 3, "제", 3) == 0))
		return false;
	return true;
}

static bool
is_hangul(uint32_t c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Is the code point ending at byte i a Hangul syllable (3 bytes)? */
static bool
hangul_before(const struct scan *sc, size_t i)
{
	size_t k = 0;

	if (i < 3)
		return false;
	return is_hangul(text_utf8_next(sc->s + i - 3, 3, &k)) && k == 3;
}

static bool
hangul_at(const struct scan *sc, size_t i)
{
	return i < sc->len && is_hangul(text_utf8_next(sc->s, sc->len, &i));
}

/*
 * "a~b<unit>" written once with the unit (4~5월, 9~11일), with the
 * connector at i; want is U_MONTH, U_DAY or U_NONE for either.
 */
static bool
comp_shorthand(const struct scan *sc, size_t i, int a, enum unit want,
    struct date_comp *c)
{
	size_t k, n, e;
	int b;
	enum unit u;

	k = connector(sc, i);
	if (k == 0 || (n = number(sc, i + k, &b)) == 0 || b <= a)
		return false;
	u = unit(sc, i + k + n, false, &e);
	if (want != U_NONE && u != want)
		return false;
	if (u == U_MONTH && a >= 1 && b <= 12) {
		c->m = a;
		c->um = b;
	} else if (u == U_DAY && a >= 1 && b <= 31 && !day_is_duration(sc, e)) {
		c->d = a;
		c->ud = b;
	} else
		return false;
	c->end = e;
	return true;
}

/* The day after "N월 " or "N月", if any: sets d (or d~ud), moves end. */
static void
comp_day(const struct scan *sc, struct date_comp *c)
{
	size_t i = spaces(sc, c->end), n, e;
	struct date_comp t = *c;
	int d;

	n = number(sc, i, &d);
	if (n == 0 || n > 2)
		return;
	if (unit(sc, i + n, true, &e) == U_DAY) {
		if (d >= 1 && d <= 31 && !day_is_duration(sc, e)) {
			c->d = d;
			c->end = e;
		}
	} else if (comp_shorthand(sc, i + n, d, U_DAY, &t))
		*c = t;
}

/* The month after "YYYY년 " or "YYYY年": required, a bare year is not a
   date ("2024년 매출"). */
static bool
comp_year_month(const struct scan *sc, size_t i, struct date_comp *c)
{
	size_t j = spaces(sc, i), n, e;
	int m;

	n = number(sc, j, &m);
	if (n == 0 || n > 2)
		return false;
	if (unit(sc, j + n, false, &e) == U_MONTH) {
		if (m < 1 || m > 12)
			return false;
		c->m = m;
		c->end = e;
		comp_day(sc, c);
		return true;
	}
	return comp_shorthand(sc, j + n, m, U_MONTH, c);
}

/* [Y년] [M월] [D일] (or 年月日/号) at the digit at i. */
static bool
comp_parse(const struct scan *sc, size_t i, bool year_ok, struct date_comp *c)
{
	size_t n, e;
	int a;

	memset(c, 0, sizeof(*c));
	n = number(sc, i, &a);
	if (n == 0)
		return false;
	switch (unit(sc, i + n, false, &e)) {
	case U_YEAR:
		if (!year_ok || (n != 4 && n != 2))
			return false;
		c->y = n == 2 ? 2000 + a : a;
		if (c->y < DATE_YEAR_MIN || c->y > DATE_YEAR_MAX)
			return false;
		return comp_year_month(sc, e, c);
	case U_MONTH:
		if (n > 2 || a < 1 || a > 12)
			return false;
		c->m = a;
		c->end = e;
		comp_day(sc, c);
		return true;
	case U_DAY:
		if (n > 2 || a < 1 || a > 31 || day_is_duration(sc, e))
			return false;
		c->d = a;
		c->end = e;
		return true;
	default:
		return n <= 2 && comp_shorthand(sc, i + n, a, U_NONE, c);
	}
}

/* 2024-09-09, 2024.9.9., 2024. 9. 9., 2024/09/09, 24.09.09 at i. */
static bool
iso_parse(const struct scan *sc, size_t i, struct date_comp *c)
{
	size_t n1, n2, n3, j;
	int y, m, d;
	char sep;

	memset(c, 0, sizeof(*c));
	n1 = number(sc, i, &y);
	j = i + n1;
	if ((n1 != 4 && n1 != 2) || j >= sc->len ||
	    (sc->s[j] != '-' && sc->s[j] != '.' && sc->s[j] != '/'))
		return false;
	sep = sc->s[j++];
	if (n1 == 2 && sep != '.')
		return false;
	if (sep == '.' && n1 == 4 && j < sc->len && sc->s[j] == ' ')
		j++;
	n2 = number(sc, j, &m);
	j += n2;
	if (n2 == 0 || n2 > 2 || (n1 == 2 && n2 != 2) || j >= sc->len ||
	    sc->s[j] != sep)
		return false;
	j++;
	if (sep == '.' && n1 == 4 && j < sc->len && sc->s[j] == ' ')
		j++;
	n3 = number(sc, j, &d);
	j += n3;
	if (n3 == 0 || n3 > 2 || (n1 == 2 && n3 != 2) || is_digit(sc, j))
		return false;
	/* 2024.1.2.3 is a version, 2010-12-31-5 a code. */
	if (j < sc->len && sc->s[j] == sep && is_digit(sc, j + 1))
		return false;
	if (sep == '.' && j < sc->len && sc->s[j] == '.')
		j++;
	c->y = n1 == 2 ? 2000 + y : y;
	c->m = m;
	c->d = d;
	c->end = j;
	return c->y >= DATE_YEAR_MIN && c->y <= DATE_YEAR_MAX && m >= 1 &&
	    m <= 12 && d >= 1 && d <= 31;
}

/* "9.9(월)", "9/11(수)": month and day, trusted only with the weekday
   that notices put after them (a bare 9.9 is a number). */
static bool
md_weekday(const struct scan *sc, size_t i, struct date_comp *c)
{
	size_t n1, n2, j;
	int m, d;

	memset(c, 0, sizeof(*c));
	n1 = number(sc, i, &m);
	j = i + n1;
	if (n1 == 0 || n1 > 2 || j >= sc->len ||
	    (sc->s[j] != '.' && sc->s[j] != '/'))
		return false;
	n2 = number(sc, j + 1, &d);
	j += 1 + n2;
	if (n2 == 0 || n2 > 2 || m < 1 || m > 12 || d < 1 || d > 31 ||
	    weekday(sc, j) == 0)
		return false;
	c->m = m;
	c->d = d;
	c->end = j;
	return true;
}

/* A second date after a connector makes c a range (9일~11일, 9月9日至
   10月2日, 2024-09-09 ~ 2024-09-11); the end must be as precise. */
static void
comp_range(const struct scan *sc, struct date_comp *c)
{
	size_t w, k, p;
	struct date_comp t;

	if (c->uy || c->um || c->ud)
		return;
	w = weekday(sc, c->end);
	k = connector(sc, c->end + w);
	if (k == 0)
		return;
	p = c->end + w + k;
	if (!is_digit(sc, p) || !(iso_parse(sc, p, &t) ||
	    comp_parse(sc, p, true, &t) || md_weekday(sc, p, &t)))
		return;
	if (t.uy || t.um || t.ud || (c->d != 0) != (t.d != 0) ||
	    (!c->d && !t.m) || (t.y && !t.m))
		return;
	c->uy = t.y;
	c->um = t.m;
	c->ud = t.d;
	c->end = t.end;
}

static int
ymd_cmp(const struct date_ymd *a, const struct date_ymd *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return a->d < b->d ? -1 : a->d > b->d;
}

/* The end of a range, completed from its start; y = 0 if unusable. */
static void
comp_until(const struct date_comp *c, const struct date_ymd *from,
    struct date_ymd *u)
{
	u->y = 0;
	if (!c->uy && !c->um && !c->ud)
		return;
	u->y = c->uy ? c->uy : from->y;
	u->m = c->um ? c->um : from->m;
	u->d = from->d ? c->ud : 0;
	if (ymd_cmp(u, from) <= 0 && !c->um && !c->uy)
		date_add_months(&u->y, &u->m, 1);
	else if (ymd_cmp(u, from) <= 0 && !c->uy)
		u->y++;
	if (ymd_cmp(u, from) <= 0 || !date_is_valid(u))
		u->y = 0;
}

/*
 * Places c in time: as written when it has a year, else against the
 * reference with mode, or with the year (and month) fixed by a keyword
 * (fix->y, fix->m; 0 = not fixed). 0, or -1 when it cannot be placed.
 */
static int
comp_resolve(const struct scan *sc, const struct date_comp *c,
    enum date_mode mode, const struct date_ymd *fix, struct date_ymd *from,
    struct date_ymd *until)
{
	if (c->y) {
		from->y = c->y;
		from->m = c->m;
		from->d = c->d;
	} else if (sc->ref == NULL)
		return -1;
	else if (fix->y && fix->m) {
		from->y = fix->y;
		from->m = fix->m;
		from->d = c->d;
	} else if (fix->y) {
		from->y = fix->y;
		from->m = c->m;
		from->d = c->d;
	} else if (c->m) {
		if (date_resolve_month(sc->ref, c->m, c->d, mode, from) == -1)
			return -1;
	} else if (date_resolve_day(sc->ref, c->d, mode, from) == -1)
		return -1;
	if (from->m == 0 || !date_is_valid(from))
		return -1;
	comp_until(c, from, until);
	return 0;
}

static void
emit(struct scan *sc, size_t a, size_t z, const struct date_ymd *from,
    const struct date_ymd *until, enum date_kind kind)
{
	struct date_mention *m;

	if (sc->n == DATE_MAX_MENTIONS)
		return;
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 16;
		sc->v = xreallocarray(sc->v, sc->cap, sizeof(*sc->v));
	}
	m = &sc->v[sc->n++];
	m->start = a;
	m->end = z;
	m->date = *from;
	m->until = *until;
	if (until->y == 0)
		m->until.m = m->until.d = 0;
	m->kind = kind;
}

/* 초/중순/말 after a month mention (이달 말, 9월 초, 本月底): its end. */
static size_t
month_part_end(const struct scan *sc, size_t i)
{
	static const char *const particle[] = {"에", "까지", "부터", "의",
	    "로", "쯤", "께"};
	size_t j = spaces(sc, i), k, n;

	for (k = 0; k < sizeof(month_part) / sizeof(month_part[0]); k++) {
		n = at_kw(sc, j, month_part[k]);
		if (n == 0)
			continue;
		/* One-syllable parts must end the word: "9월 중국" is not
		   "mid-September". */
		if (n == 3 && hangul_at(sc, j + n) && !any_kw(sc, j + n,
		    particle, sizeof(particle) / sizeof(particle[0])))
			return i;
		return j + n;
	}
	return i;
}

static size_t
skip_digits(const struct scan *sc, size_t i)
{
	while (is_digit(sc, i))
		i++;
	return i;
}

/* Emits a mention spelled out in full (English dates): no keyword, no
   range or month-part suffix left to look for. */
static size_t
emit_comp(struct scan *sc, size_t i, const struct date_comp *c)
{
	static const struct date_ymd none = {0, 0, 0};
	struct date_ymd from, until;

	if (comp_resolve(sc, c, DATE_MODE_BARE, &none, &from, &until) == 0)
		emit(sc, i, c->end, &from, &until,
		    c->y ? DATE_ABSOLUTE : DATE_PARTIAL);
	return c->end;
}

static size_t
scan_digits(struct scan *sc, size_t i)
{
	static const struct date_ymd none = {0, 0, 0};
	struct date_ymd from, until;
	struct date_comp c;
	size_t end;

	if (!digit_starts(sc, i))
		return skip_digits(sc, i);
	if (date_en_parse(sc->s, sc->len, i, &c))
		return emit_comp(sc, i, &c);
	if (!(iso_parse(sc, i, &c) || comp_parse(sc, i, true, &c) ||
	    md_weekday(sc, i, &c)))
		return skip_digits(sc, i);
	comp_range(sc, &c);
	end = c.end;
	if (!c.d && !c.ud)
		end = month_part_end(sc, end);
	if (comp_resolve(sc, &c, DATE_MODE_BARE, &none, &from, &until) == 0)
		emit(sc, i, end, &from, &until,
		    c.y ? DATE_ABSOLUTE : DATE_PARTIAL);
	return end;
}

/* Could a keyword start with cp? A switch, because this runs at every
   Hangul and Han character of the text. */
static bool
keyword_first(uint32_t cp)
{
	switch (cp) {
	case 0xC7AC:	/* 재 */
	case 0xC9C0:	/* 지 */
	case 0xC791:	/* 작 */
	case 0xC62C:	/* 올 */
	case 0xAE08:	/* 금 */
	case 0xB0B4:	/* 내 */
	case 0xC774:	/* 이 */
	case 0xB2E4:	/* 다 */
	case 0xC624:	/* 오 */
	case 0x524D:	/* 前 */
	case 0x53BB:	/* 去 */
	case 0x4ECA:	/* 今 */
	case 0x660E:	/* 明 */
	case 0x4E0A:	/* 上 */
	case 0x672C:	/* 本 */
	case 0x5F53:	/* 当 */
	case 0x4E0B:	/* 下 */
		return true;
	}
	return false;
}

static const struct keyword *
keyword_at(const struct scan *sc, size_t i)
{
	const struct keyword *kw;
	size_t k;

	for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		kw = &keywords[k];
		if (sc->s[i] != kw->w[0] || i + kw->len > sc->len ||
		    memcmp(sc->s + i, kw->w, kw->len) != 0)
			continue;
		if (kw->hangul && hangul_before(sc, i))
			continue;
		if (kw->open && hangul_at(sc, i + kw->len))
			continue;
		return kw;
	}
	return NULL;
}

/* 지난해 7월, 올해, 今年9月: a month of a named year, or the year. */
static size_t
scan_year(struct scan *sc, size_t i, const struct keyword *kw)
{
	struct date_ymd fix = {sc->ref->y + kw->off, 0, 0}, from, until;
	size_t j = i + kw->len, p = spaces(sc, j);
	struct date_comp c;

	if (is_digit(sc, p) && comp_parse(sc, p, false, &c) && c.m) {
		comp_range(sc, &c);
		if (comp_resolve(sc, &c, DATE_MODE_BARE, &fix, &from,
		    &until) == 0)
			emit(sc, i, c.d ? c.end : month_part_end(sc, c.end),
			    &from, &until, DATE_RELATIVE);
		return c.end;
	}
	until.y = 0;
	if (date_is_valid(&fix))
		emit(sc, i, j, &fix, &until, DATE_RELATIVE);
	return j;
}

/* 지난달 25일, 이달 말, 上月: a day of a named month, or the month. */
static size_t
scan_month(struct scan *sc, size_t i, const struct keyword *kw)
{
	struct date_ymd fix = {sc->ref->y, sc->ref->m, 0}, from, until;
	size_t j = i + kw->len, p = spaces(sc, j);
	struct date_comp c;

	date_add_months(&fix.y, &fix.m, kw->off);
	if (is_digit(sc, p) && comp_parse(sc, p, false, &c) && !c.m && c.d) {
		comp_range(sc, &c);
		if (comp_resolve(sc, &c, DATE_MODE_BARE, &fix, &from,
		    &until) == 0)
			emit(sc, i, c.end, &from, &until, DATE_RELATIVE);
		return c.end;
	}
	until.y = 0;
	if (date_is_valid(&fix))
		emit(sc, i, month_part_end(sc, j), &fix, &until,
		    DATE_RELATIVE);
	return j;
}

/* 지난 9일, 오는 19일, 오는 4~5월: the nearest such date before/after. */
static size_t
scan_near(struct scan *sc, size_t i, const struct keyword *kw)
{
	static const struct date_ymd none = {0, 0, 0};
	struct date_ymd from, until;
	size_t j = i + kw->len, p = spaces(sc, j);
	enum date_mode mode = kw->rel == R_PAST ? DATE_MODE_PAST :
	    DATE_MODE_NEXT;
	struct date_comp c;

	if (p == j || !is_digit(sc, p) || !comp_parse(sc, p, false, &c))
		return j;
	comp_range(sc, &c);
	if (comp_resolve(sc, &c, mode, &none, &from, &until) == 0)
		emit(sc, i, c.d ? c.end : month_part_end(sc, c.end), &from,
		    &until, DATE_RELATIVE);
	return c.end;
}

static size_t
scan_keyword(struct scan *sc, size_t i, const struct keyword *kw)
{
	if (sc->ref == NULL)
		return i + kw->len;
	switch (kw->rel) {
	case R_YEAR:
		return scan_year(sc, i, kw);
	case R_MONTH:
		return scan_month(sc, i, kw);
	default:
		return scan_near(sc, i, kw);
	}
}

size_t
date_scan(const char *s, size_t len, const struct date_ymd *ref,
    struct date_mention **out)
{
	struct scan sc = {s, len, NULL, NULL, 0, 0};
	const struct keyword *kw;
	struct date_comp dc;
	size_t i = 0, j;
	unsigned char c;

	if (ref != NULL && ref->y && ref->m && date_is_valid(ref))
		sc.ref = ref;
	while (i < len && sc.n < DATE_MAX_MENTIONS) {
		c = s[i];
		if (c >= '0' && c <= '9') {
			i = scan_digits(&sc, i);
			continue;
		}
		if (c >= 'A' && c <= 'Z' && date_en_parse(s, len, i, &dc)) {
			i = emit_comp(&sc, i, &dc);
			continue;
		}
		j = i;
		if (keyword_first(text_utf8_next(s, len, &j)) &&
		    (kw = keyword_at(&sc, i)) != NULL)
			i = scan_keyword(&sc, i, kw);
		else
			i = j;
	}
	*out = sc.v;
	return sc.n;
}

bool
date_find_absolute(const char *s, size_t len, struct date_ymd *out)
{
	struct date_mention *v;
	size_t n, k;
	bool found = false;

	n = date_scan(s, len, NULL, &v);
	for (k = 0; k < n && !found; k++) {
		if (v[k].kind == DATE_ABSOLUTE && v[k].date.d) {
			*out = v[k].date;
			found = true;
		}
	}
	free(v);
	return found;
}
