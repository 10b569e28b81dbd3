/* SPDX-License-Identifier: ISC */
/*
 * The name of an event: a quoted title holding its trigger or written
 * right before it (‘2024 K-데모데이’, “中韩创新论坛”, 「…」 《…》 <…>), else
 * the noun phrase that ends in the trigger: in Korean the trigger's word
 * and up to two words before it that are neither verbs (열린, 개최된),
 * nor particle-marked (상하이에서), nor dates; in Chinese the characters
 * before it back to a stop word (举办、在、的) or a date. A bare trigger
 * (포럼, 论坛) or "이번 포럼" is no name.
 */
#include "event.h"

#include <string.h>

#include "xmem.h"

#define NAME_QUOTE_MAX 160	/* bytes of a quoted title */
#define NAME_ZH_MAX_CP 20
#define NAME_TITLE_MAX_CP 48	/* a longer quote is speech */
#define NAME_KO_TOKENS 2
#define NAME_LATIN_TOKENS 6	/* 2024 Korea-China S&T Innovation … Forum */

struct quote_pair {
	const char *open, *close;
};

static const struct quote_pair quote_pairs[] = {
	{"‘", "’"}, {"“", "”"}, {"「", "」"}, {"『", "』"}, {"《", "》"},
	{"〈", "〉"}, {"<", ">"}, {"'", "'"}, {"\"", "\""},
};

/*
 * Finds a quote pair in s[start..end) whose content [*cs, *ce) contains
 * [a, b), or, when adjacent is set, ends within a few bytes before a.
 */
static bool
quote_find(const struct mention_doc *d, size_t start, size_t end, size_t a,
    size_t b, bool adjacent, size_t *cs, size_t *ce)
{
	for (size_t q = 0; q < sizeof(quote_pairs) / sizeof(quote_pairs[0]);
	    q++) {
		size_t ol = strlen(quote_pairs[q].open);
		size_t cl = strlen(quote_pairs[q].close);
		size_t i = start;

		while (i + ol <= end) {
			const char *o = memmem(d->s + i, end - i,
			    quote_pairs[q].open, ol), *c;
			size_t os, cp, lim;

			if (o == NULL)
				break;
			os = (size_t)(o - d->s) + ol;
			lim = end - os < NAME_QUOTE_MAX ? end - os :
			    NAME_QUOTE_MAX;
			c = memmem(d->s + os, lim, quote_pairs[q].close, cl);
			if (c == NULL) {
				i = os;
				continue;
			}
			cp = (size_t)(c - d->s);
			if (cp > os + 1 && ((os <= a && b <= cp) ||
			    (adjacent && cp + cl <= a && a - (cp + cl) <= 4))) {
				*cs = os;
				*ce = cp;
				return true;
			}
			i = cp + cl;
		}
	}
	return false;
}

/*
 * Quoted speech, not a title: long, ending like a sentence, or followed
 * by a quotative (”라고, ”며).
 */
static bool
quote_is_speech(const struct mention_doc *d, size_t cs, size_t ce)
{
	static const char *const ends[] = {"다", "요", "。", ".", "!", "?",
	    "！", "？", "죠", "까"};
	size_t st, after = ce;

	if (after < d->len)
		mention_next(d->s, d->len, &after);
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_QUOTATIVE, after,
	    after + 1))
		return true;
	while (ce > cs && d->s[ce - 1] == ' ')
		ce--;
	if (ce <= cs)
		return false;
	if (text_cp_len(d->s + cs, ce - cs) > NAME_TITLE_MAX_CP)
		return true;
	mention_prev(d->s, ce, &st);
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (strlen(ends[i]) == ce - st &&
		    memcmp(d->s + st, ends[i], ce - st) == 0)
			return true;
	return false;
}

bool
event_in_speech(const struct mention_doc *d, size_t a, size_t b)
{
	size_t si = mention_sentence_of(d, a), cs, ce;

	if (si >= d->nsent)
		return false;
	return quote_find(d, d->sent[si].start, d->sent[si].end, a, b, false,
	    &cs, &ce) && quote_is_speech(d, cs, ce);
}

static bool
ko_word_cp(uint32_t cp)
{
	return mention_is_hangul(cp) || mention_is_latin(cp) ||
	    mention_is_han(cp) || cp == '-' || cp == '&' || cp == '.';
}

static size_t
ko_word_start(const struct mention_doc *d, size_t i)
{
	size_t st;

	while (i > 0 && ko_word_cp(mention_prev(d->s, i, &st)))
		i = st;
	return i;
}

/* May the word [ws, we) precede a trigger inside an event's name? */
static bool
ko_name_word(const struct mention_doc *d, size_t ws, size_t we)
{
	const struct cfg_patterns *p = d->voc->pat;
	size_t n;

	if (we <= ws)
		return false;
	n = mention_word_ending(&p->particles, d->s, ws, we);
	if (n > 0 && n < we - ws)
		return false;
	if (mention_word_ending(&p->ko_adnominal, d->s, ws, we) > 0 &&
	    text_cp_len(d->s + ws, we - ws) > 1)
		return false;
	if (mention_date_at(d, ws) != NULL || mention_date_at(d, we - 1))
		return false;
	if (mention_word_at(&d->voc->generic_prefixes, d->s, ws, we) == we - ws)
		return false;
	return !mention_has_cue(d, MK_BIT(MK_ROLE) | MK_BIT(MK_CUE) |
	    MK_BIT(MK_MOU) | MK_BIT(MK_EVENT), -1, ws, we);
}

/* A capitalised Latin word: names in English run longer. */
static bool
latin_cap_word(const struct mention_doc *d, size_t ws, size_t we)
{
	return we > ws && ((d->s[ws] >= 'A' && d->s[ws] <= 'Z') ||
	    (d->s[ws] >= '0' && d->s[ws] <= '9')) &&
	    (unsigned char)d->s[we - 1] < 0x80;
}

static size_t
ko_np_start(const struct mention_doc *d, size_t start, size_t tstart)
{
	size_t s = ko_word_start(d, tstart), ws;

	if (s < start)
		s = start;
	for (int k = 0; k < NAME_LATIN_TOKENS; k++) {
		if (s < start + 2 || d->s[s - 1] != ' ')
			break;
		ws = ko_word_start(d, s - 1);
		if (ws < start || !ko_name_word(d, ws, s - 1) ||
		    (k >= NAME_KO_TOKENS && !latin_cap_word(d, ws, s - 1)))
			break;
		s = ws;
	}
	return s;
}

static bool
zh_np_cp(uint32_t cp)
{
	return mention_is_han(cp) || mention_is_latin(cp) || cp == '-';
}

static size_t
zh_np_start(const struct mention_doc *d, size_t start, size_t tstart)
{
	size_t i = tstart, st;
	unsigned n = 0;

	while (i > start && n < NAME_ZH_MAX_CP) {
		uint32_t cp = mention_prev(d->s, i, &st);

		if (!zh_np_cp(cp) || mention_bit(d->zh_stop_end, i) ||
		    mention_date_at(d, st) != NULL)
			break;
		i = st;
		n++;
	}
	return i;
}

/* "이번 포럼", "本次论坛", a bare "论坛": no name. */
static bool
name_is_generic(const struct mention_doc *d, size_t ns, size_t ts,
    size_t te)
{
	size_t n;

	if (ns >= ts)
		return true;
	n = mention_word_at(&d->voc->generic_prefixes, d->s, ns, ts);
	if (n == 0)
		return false;
	while (ns + n < ts && d->s[ns + n] == ' ')
		n++;
	(void)te;
	return ns + n >= ts;
}

char *
event_name(const struct mention_doc *d, size_t start, size_t end,
    size_t tstart, size_t tend, bool *quoted)
{
	size_t cs, ce, ns;
	uint32_t cp;
	size_t k = tstart;

	*quoted = false;
	if (quote_find(d, start, end, tstart, tend, true, &cs, &ce) &&
	    !quote_is_speech(d, cs, ce)) {
		while (cs < ce && d->s[cs] == ' ')
			cs++;
		while (ce > cs && d->s[ce - 1] == ' ')
			ce--;
		if (ce > cs) {
			*quoted = true;
			return xstrndup(d->s + cs, ce - cs);
		}
	}
	cp = mention_next(d->s, d->len, &k);
	if (mention_is_han(cp))
		ns = zh_np_start(d, start, tstart);
	else
		ns = ko_np_start(d, start, tstart);
	if (name_is_generic(d, ns, tstart, tend))
		return NULL;
	return xstrndup(d->s + ns, tend - ns);
}
