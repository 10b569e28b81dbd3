/* SPDX-License-Identifier: ISC */
/*
 * Startups and other organisations whose names have no telling suffix
 * (퀀텀링크, 하이드로젠스, MediTwin) are found by the lists that carry them:
 * - after a label: "참가 기업은 A, B, C 등이다", "参展企业：A、B";
 * - before a class noun: "A, B, C 등 한국 스타트업 7개사",
 *   "MediTwin、AIPharm、Mobigen Lab等7家初创企业";
 * - in a bullet list where another item is already an organisation
 *   (△㈜뉴로웨이브(…) △하이드로젠스(…));
 * - a Hangul name glued to its Latin original: 메디트윈(MediTwin);
 * - right after a class noun: "스타트업 퀀텀링크가", "기업 궈량양자(国量量子)와";
 * - the subject opening a signing sentence: "하이드로젠스는 … 맺었다".
 * An item is a short run of one to three words with no vocabulary word in
 * it (no trigger, role, date or city), its bracketed description dropped.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define LIST_ITEM_MAX_CP 24
#define LIST_HAN_ITEM_MAX_CP 10	/* a Chinese list item longer is a phrase */
#define LIST_CLASS_GAP 40	/* bytes from 등 to the class noun */
#define LIST_MAX_ITEMS 40
#define LIST_WORDS_MAX 3
#define LABEL_WORDS_MAX 2	/* "대상: 한국 일반여권 소지자" is no firm */

struct list_ctx {
	struct mention_doc *d;
	struct mention_cands *out;
	size_t ncands;		/* candidates before this pass */
};

static bool
covered(const struct list_ctx *c, size_t a, size_t b)
{
	for (size_t i = 0; i < c->out->n; i++)
		if (c->out->v[i].start < b && a < c->out->v[i].end)
			return true;
	return false;
}

static void
push(struct list_ctx *c, size_t a, size_t b)
{
	struct mention_cands *o = c->out;
	struct mention_cand *k;

	if (o->n >= MENTION_MAX_ORGS || covered(c, a, b))
		return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	k = &o->v[o->n++];
	k->start = a;
	k->end = k->sfx = b;
	k->entity = -1;
	k->kind = "company";
	k->unit = false;
}

static bool item_trim_max(const struct mention_doc *d, size_t *a, size_t *b,
    size_t maxw);

static bool
item_cp(uint32_t cp)
{
	return mention_is_hangul(cp) || mention_is_latin(cp) ||
	    mention_is_han(cp) || cp == ' ' || cp == '&' || cp == '-' ||
	    cp == '.' || cp == '(' || cp == ')';
}

/*
 * Trims [*a, *b) to a name: no spaces at the ends, no "(…)" tail; at
 * most three words (LIST_WORDS_MAX).
 */
static bool
item_trim(const struct mention_doc *d, size_t *a, size_t *b)
{
	return item_trim_max(d, a, b, LIST_WORDS_MAX);
}

/* Trims like item_trim, allowing at most maxw words. */
static bool
item_trim_max(const struct mention_doc *d, size_t *a, size_t *b,
    size_t maxw)
{
	const struct cfg_patterns *p = d->voc->pat;
	const char *paren;
	size_t n, words = 1;

	while (*a < *b && d->s[*a] == ' ')
		(*a)++;
	while ((n = mention_word_at(&p->bullets, d->s, *a, *b)) > 0)
		for (*a += n; *a < *b && d->s[*a] == ' ';)
			(*a)++;
	paren = memchr(d->s + *a, '(', *b - *a);
	if (paren != NULL && paren > d->s + *a &&
	    (size_t)(d->s + *b - paren) >= 5 && memcmp(paren, "(주)", 5) != 0)
		*b = (size_t)(paren - d->s);
	while (*b > *a && d->s[*b - 1] == ' ')
		(*b)--;
	for (size_t i = *a; i < *b; i++)
		words += d->s[i] == ' ';
	return *b > *a && words <= maxw;
}

/* May s[a..b) be an organisation's name? */
static bool
item_ok(const struct mention_doc *d, size_t a, size_t b)
{
	size_t i = a, n = text_cp_len(d->s + a, b - a);

	if (n < 2 || n > LIST_ITEM_MAX_CP || (d->s[a] >= '0' && d->s[a] <= '9'))
		return false;
	while (i < b) {
		uint32_t cp = mention_next(d->s, b, &i);

		if (!item_cp(cp))
			return false;
		if (mention_is_han(cp) && n > LIST_HAN_ITEM_MAX_CP)
			return false;
	}
	if (mention_has_cue(d, MK_BIT(MK_ROLE) | MK_BIT(MK_CUE) |
	    MK_BIT(MK_EVENT) | MK_BIT(MK_MOU) | MK_BIT(MK_TITLE) |
	    MK_BIT(MK_PLACE), -1, a, b + 1))
		return false;
	for (size_t k = mention_hits_from(d, a); k < d->hits.n &&
	    d->hits.v[k].start == a; k++)
		if (d->hits.v[k].kind == MK_SECTOR && d->hits.v[k].end == b)
			return false;
	return mention_date_at(d, a) == NULL;
}

static void
item_add(struct list_ctx *c, size_t a, size_t b, size_t maxw)
{
	if (item_trim_max(c->d, &a, &b, maxw) && item_ok(c->d, a, b))
		push(c, a, b);
}

/* Length of a list separator at i, or 0. */
static size_t
sep_at(const struct mention_doc *d, size_t i, size_t end)
{
	const struct cfg_patterns *p = d->voc->pat;
	size_t n = mention_word_at(&p->list_joiners, d->s, i, end);

	if (n == 0)
		n = mention_word_at(&p->bullets, d->s, i, end);
	return n;
}

/*
 * Splits s[a..b) at separators (skipping "(…)") and adds each item.
 * Hangul joiners (와, 과, 및) separate only when a space follows them.
 */
static void
items_add(struct list_ctx *c, size_t a, size_t b, size_t maxw)
{
	const struct mention_doc *d = c->d;
	size_t start = a, i = a, n, count = 0;

	while (i < b && count < LIST_MAX_ITEMS) {
		if (d->s[i] == '(') {
			const char *q = memchr(d->s + i, ')', b - i);

			i = q != NULL ? (size_t)(q - d->s) + 1 : b;
			continue;
		}
		n = sep_at(d, i, b);
		if (n > 0 && ((unsigned char)d->s[i] < 0xea || i + n >= b ||
		    d->s[i + n] == ' ')) {
			if (i > start)
				item_add(c, start, i, maxw);
			count++;
			i += n;
			start = i;
			continue;
		}
		mention_next(d->s, b, &i);
	}
	if (start < b)
		item_add(c, start, b, maxw);
}

/* The end of a list that starts at a: " 등", "等", ';' or the sentence end. */
static size_t
list_stop(const struct mention_doc *d, size_t a, size_t end)
{
	for (size_t i = a; i < end; i++) {
		if (d->s[i] == ';' || d->s[i] == '\n')
			return i;
		if (i + 4 <= end && memcmp(d->s + i, " 등", 4) == 0)
			return i;
		if (i + 3 <= end && (memcmp(d->s + i, "等", 3) == 0 ||
		    memcmp(d->s + i, "。", 3) == 0))
			return i;
	}
	return end;
}

/* 참가 기업은 A, B 등이다; 参展企业：A、B. */
static void
label_lists(struct list_ctx *c, size_t a, size_t b)
{
	const struct mention_doc *d = c->d;

	for (size_t k = mention_hits_from(d, a); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];
		size_t i, p;

		if (h->start >= b)
			break;
		if (h->kind != MK_ROLE || h->idx % 2 != 1 || h->end > b)
			continue;
		i = h->end;
		/* only the topic particle: "참가 기업은 A, B" (not 운영의) */
		p = i + 3 <= b && (memcmp(d->s + i, "은", 3) == 0 ||
		    memcmp(d->s + i, "는", 3) == 0) ? 3 : 0;
		i += p;
		while (i < b && d->s[i] == ' ')
			i++;
		if (i < b && d->s[i] == ':')
			i++;
		else if (p == 0)
			continue;
		items_add(c, i, list_stop(d, i, b), LABEL_WORDS_MAX);
	}
}

/* A class noun (스타트업 7개사, 7家初创企业) shortly after 등/等 at i. */
static bool
class_after(const struct mention_doc *d, size_t i, size_t b)
{
	const struct cfg_words *w = &d->voc->class_nouns;
	size_t lim = i + LIST_CLASS_GAP < b ? i + LIST_CLASS_GAP : b;

	for (size_t j = i; j < lim; j++)
		if (mention_word_at(w, d->s, j, b) > 0)
			return true;
	return false;
}

/* Items before "등 … 개사": walked back from the 등 while they are names. */
static void
class_list(struct list_ctx *c, size_t a, size_t stop)
{
	const struct mention_doc *d = c->d;
	size_t pos = stop;

	for (int k = 0; k < LIST_MAX_ITEMS && pos > a; k++) {
		size_t from = pos > a + 80 ? pos - 80 : a, last = a, lend = a;
		size_t ia, ib, n;

		for (size_t i = from; i < pos;) {
			if (d->s[i] == '(') {
				const char *q = memchr(d->s + i, ')', pos - i);

				i = q != NULL ? (size_t)(q - d->s) + 1 : pos;
				continue;
			}
			n = sep_at(d, i, pos);
			if (n > 0 && ((unsigned char)d->s[i] < 0xea ||
			    d->s[i + n] == ' ')) {
				last = i;
				lend = i + n;
				i += n;
				continue;
			}
			mention_next(d->s, pos, &i);
		}
		ia = lend;
		ib = pos;
		if (!item_trim(d, &ia, &ib) || !item_ok(d, ia, ib)) {
			/* "매칭회에는 하이드로젠스": the first item's last word */
			const char *sp = memrchr(d->s + ia, ' ', ib - ia);

			if (sp != NULL && item_ok(d, (size_t)(sp - d->s) + 1, ib))
				push(c, (size_t)(sp - d->s) + 1, ib);
			break;
		}
		push(c, ia, ib);
		if (lend == a)
			break;
		pos = last;
	}
}

/* A role cue starts at j. */
static bool
role_starts(const struct mention_doc *d, size_t j)
{
	for (size_t k = mention_hits_from(d, j); k < d->hits.n &&
	    d->hits.v[k].start == j; k++)
		if (d->hits.v[k].kind == MK_ROLE)
			return true;
	return false;
}

/*
 * "A, B, ㈜C 등이 참가했다", "㈜A, B, C 등이 …": after 등 a role cue or the
 * subject particle, and a known name among the items.
 */
static bool
role_after_list(const struct list_ctx *c, size_t a, size_t i, size_t b)
{
	const struct mention_doc *d = c->d;
	size_t p = mention_particles_len(d, i, b), j = i + p, n = 0;
	bool subject = p == 3 && (memcmp(d->s + i, "이", 3) == 0 ||
	    memcmp(d->s + i, "가", 3) == 0 || memcmp(d->s + i, "은", 3) == 0);

	while (j < b && d->s[j] == ' ')
		j++;
	if (!subject && !role_starts(d, j))
		return false;
	for (size_t k = 0; k < c->ncands; k++)
		if (c->out->v[k].start >= a && c->out->v[k].end <= i)
			n++;
	return n > 0;
}

static void
class_lists(struct list_ctx *c, size_t a, size_t b)
{
	const struct mention_doc *d = c->d;

	for (size_t i = a; i + 3 <= b; i++) {
		bool ko, zh;
		size_t after;

		if (d->s[i] != ' ' && (unsigned char)d->s[i] != 0xe7)
			continue;
		ko = i + 4 <= b && memcmp(d->s + i, " 등", 4) == 0;
		zh = memcmp(d->s + i, "等", 3) == 0;
		after = i + (ko ? 4 : 3);

		if ((ko || zh) && (class_after(d, after, b) ||
		    role_after_list(c, a, after, b)))
			class_list(c, a, i);
	}
}

/* △A(…) △B(…): a bullet list in which one item is a known organisation. */
static void
bullet_lists(struct list_ctx *c, size_t a, size_t b)
{
	const struct mention_doc *d = c->d;
	size_t nb = 0, first = b;
	bool org = false;

	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)d->s[i];
		size_t n;

		/* bullets are -, *, or U+00B7, U+2xxx: lead bytes C2, E2 */
		if (ch != 0xe2 && ch != 0xc2 && ch != '-' && ch != '*')
			continue;
		n = mention_word_at(&d->voc->pat->bullets, d->s, i, b);

		if (n == 0 || (n == 1 && (d->s[i] == '-' || d->s[i] == '*')))
			continue;
		if (first == b)
			first = i;
		nb++;
		for (size_t k = 0; k < c->ncands; k++)
			if (c->out->v[k].start >= i + n &&
			    c->out->v[k].start <= i + n + 1)
				org = true;
	}
	if (nb >= 2 && org)
		items_add(c, first, list_stop(d, first, b), LIST_WORDS_MAX);
}

/* 메디트윈(MediTwin): a Hangul word glued to a capitalised Latin name. */
static void
latin_pairs(struct list_ctx *c)
{
	const struct mention_doc *d = c->d;

	for (size_t i = 1; i + 2 < d->len; i++) {
		const char *q;
		size_t ts = i, st, words = 1;
		bool lower = false;

		if (d->s[i] != '(' || !(d->s[i + 1] >= 'A' && d->s[i + 1] <= 'Z') ||
		    !mention_is_hangul(mention_prev(d->s, i, &st)))
			continue;
		q = memchr(d->s + i, ')', d->len - i < 40 ? d->len - i : 40);
		if (q == NULL)
			continue;
		for (const char *r = d->s + i + 1; r < q; r++) {
			lower |= *r >= 'a' && *r <= 'z';
			words += *r == ' ';
			if (!mention_is_latin((unsigned char)*r) && *r != ' ' &&
			    *r != '&' && *r != '-')
				words = 99;
		}
		while (ts > 0 && mention_is_hangul(mention_prev(d->s, ts, &st)))
			ts = st;
		if (!lower || words > 3 || q - (d->s + i + 1) < 4 ||
		    !item_ok(d, ts, i) ||
		    !item_ok(d, i + 1, (size_t)(q - d->s)))
			continue;
		push(c, ts, i);
		push(c, i + 1, (size_t)(q - d->s));
	}
}

/* The word starting at i (Hangul, Latin), up to a particle or bracket. */
static size_t
word_end(const struct mention_doc *d, size_t i, size_t b)
{
	size_t j = i, at;

	while (j < b) {
		at = j;
		if (!mention_is_hangul(mention_next(d->s, b, &at)) &&
		    !mention_is_latin((unsigned char)d->s[j]))
			break;
		j = at;
	}
	return j;
}

/* Cuts the particles off a word: 퀀텀링크가 -> 퀀텀링크. */
static size_t
word_stem(const struct mention_doc *d, size_t i, size_t e)
{
	for (size_t k = i; k < e; k++) {
		size_t p = mention_particles_len(d, k, e);

		if (p > 0 && k + p == e && k > i)
			return k;
	}
	return e;
}

/*
 * "스타트업 퀀텀링크가", "기술 기업 궈량양자(国量量子)와", "설비 기업인 X와":
 * a name right after a class noun, marked by a particle or a bracket.
 */
static void
appositives(struct list_ctx *c, size_t a, size_t b)
{
	/* bracket: only "기업 X(原名)" counts; else "스타트업 X가", "기업인 X와" */
	static const struct {
		const char *w;
		bool bracket;
	} cls[] = {{"스타트업 ", false}, {"기업인 ", false}, {"업체인 ", false},
	    {"회사인 ", false}, {"스타트업인 ", false}, {"기업 ", true},
	    {"업체 ", true}, {"회사 ", true}};
	const struct mention_doc *d = c->d;

	for (size_t i = a; i < b; i++) {
		if ((unsigned char)d->s[i] < 0xea)
			continue;
		for (size_t k = 0; k < sizeof(cls) / sizeof(cls[0]); k++) {
			size_t n = strlen(cls[k].w), e, st;
			bool br;

			if (i + n > b || d->s[i] != cls[k].w[0] ||
			    d->s[i + 1] != cls[k].w[1] ||
			    d->s[i + 2] != cls[k].w[2] ||
			    memcmp(d->s + i, cls[k].w, n) != 0)
				continue;
			e = word_end(d, i + n, b);
			st = word_stem(d, i + n, e);
			/* 입주기업 선정(8개사): a count is no original name */
			br = e + 1 < b && d->s[e] == '(' &&
			    !(d->s[e + 1] >= '0' && d->s[e + 1] <= '9');
			if ((cls[k].bracket ? br : (st < e || br)) &&
			    item_ok(d, i + n, st))
				push(c, i + n, st);
		}
	}
}

/*
 * The subject of a signing sentence is a party even when it is a name
 * the gazetteer lacks: "하이드로젠스는 … 와 … 파트너십을 맺었다".
 */
static void
mou_subject(struct list_ctx *c, size_t a, size_t b)
{
	const struct mention_doc *d = c->d;
	size_t i = a, e, st;

	if (!mention_has_cue(d, MK_BIT(MK_MOU), MOU_TRIGGER, a, b) ||
	    !mention_has_cue(d, MK_BIT(MK_MOU), MOU_VERB, a, b))
		return;
	while (i < b && d->s[i] == ' ')
		i++;
	e = word_end(d, i, b);
	st = word_stem(d, i, e);
	if (st < e && e - st == 3 && e < b && d->s[e] == ' ' &&
	    (memcmp(d->s + st, "은", 3) == 0 || memcmp(d->s + st, "는", 3) == 0 ||
	    memcmp(d->s + st, "이", 3) == 0 || memcmp(d->s + st, "가", 3) == 0) &&
	    item_ok(d, i, st))
		push(c, i, st);
}

/*
 * Latin names inside Korean or Chinese text are organisations or their
 * products: "AI新药开发的AIPharm", "业者Mobigen Lab等". One to three
 * capitalised words, five letters or more, some lower case (not an
 * acronym such as CEO or KOTRA), and no vocabulary word.
 */
static void
latin_in_cjk(struct list_ctx *c)
{
	const struct mention_doc *d = c->d;

	for (size_t i = 1; i < d->len; i++) {
		size_t e = i, st, letters = 0, words = 1;
		bool lower = false;
		uint32_t cp;

		if (!(d->s[i] >= 'A' && d->s[i] <= 'Z'))
			continue;
		cp = mention_prev(d->s, i, &st);
		if (!mention_is_han(cp) && !mention_is_hangul(cp) && cp != 0x3001)
			continue;
		while (e < d->len && (mention_is_latin((unsigned char)d->s[e]) ||
		    (d->s[e] == ' ' && e + 1 < d->len && d->s[e + 1] >= 'A' &&
		    d->s[e + 1] <= 'Z' && words < 3))) {
			words += d->s[e] == ' ';
			lower |= d->s[e] >= 'a' && d->s[e] <= 'z';
			letters += d->s[e] != ' ';
			e++;
		}
		if (letters >= 5 && lower && (e >= d->len ||
		    (unsigned char)d->s[e] >= 0x80) && item_ok(d, i, e))
			push(c, i, e);
		i = e;
	}
}

void
mention_list_find(struct mention_doc *d, struct mention_cands *out)
{
	struct list_ctx c = {d, out, out->n};

	for (size_t si = 0; si < d->nsent; si++) {
		size_t a = d->sent[si].start, b = d->sent[si].end;

		label_lists(&c, a, b);
		class_lists(&c, a, b);
		bullet_lists(&c, a, b);
		appositives(&c, a, b);
		mou_subject(&c, a, b);
	}
	latin_pairs(&c);
	latin_in_cjk(&c);
}
