/* SPDX-License-Identifier: ISC */
/*
 * Sentence segmentation for Korean, Chinese and the English bits of both.
 * Chinese ends sentences with 。！？； and Korean with a period after the
 * final ending (했다. 밝혔다. 예정이다.), so '.' only ends a sentence after
 * a word and before a space: never inside numbers (3.5, 2024.9.9) or after
 * abbreviations and initials (No. 1, Co., Ltd., U.S.). Closing quotes and
 * brackets stay with the sentence they close; a Korean quotation that goes
 * on with a particle ("…했다.”고 밝혔다) is one sentence. Line breaks always
 * end a sentence: the body text puts one between paragraphs.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmem.h"

/* Words that a '.' follows without ending the sentence (lowercase). */
static const char *const abbrev[] = {
	"no", "nos", "co", "ltd", "inc", "corp", "dr", "mr", "mrs", "ms",
	"prof", "st", "vs", "jr", "sr", "vol", "fig", "dept", "univ", "gov",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "approx", "est", "ed", "pp", "op", "assn", "intl",
};

struct seg {
	const char *s;
	size_t len;
	struct text_span *v;
	size_t n, cap;
};

static bool
is_hangul(uint32_t c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

static bool
is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static bool
is_closer(uint32_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case 0x2019: case 0x201D:
	case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x300B:
	case 0x3009: case 0x3015: case 0xFF3D:
		return true;
	}
	return false;
}

static bool
is_stop(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B ||
	    c == '!' || c == '?' || c == '.' || c == 0xFF0E;
}

static bool
is_break(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 ||
	    c == 0x0B || c == 0x0C || c == 0x85;
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is the '.' at byte dot the end of an abbreviation, an initial or a
   number, looking only at the ASCII word before it? */
static bool
dot_is_inner(const char *s, size_t dot)
{
	size_t w = dot, k;

	if (dot == 0)
		return false;
	if (s[dot - 1] >= '0' && s[dot - 1] <= '9')
		return true;
	while (w > 0 && is_alpha(s[w - 1]))
		w--;
	if (w == dot)
		return false;
	if (dot - w == 1)
		return true;	/* an initial, U.S., e.g. */
	for (k = 0; k < sizeof(abbrev) / sizeof(abbrev[0]); k++)
		if (strlen(abbrev[k]) == dot - w &&
		    strncasecmp(s + w, abbrev[k], dot - w) == 0)
			return true;
	return false;
}

static void
seg_push(struct seg *g, size_t a, size_t z)
{
	size_t i = a, at, last = a;
	bool seen = false;
	uint32_t c;

	/* Trim every kind of space (U+3000, U+00A0 too), decoding forward
	   so bad bytes are counted the way text_utf8_next counts them. */
	while (i < z) {
		at = i;
		c = text_utf8_next(g->s, z, &i);
		if (text_is_space(c))
			continue;
		if (!seen)
			a = at;
		seen = true;
		last = i;
	}
	if (!seen)
		return;
	z = last;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->v = xreallocarray(g->v, g->cap, sizeof(*g->v));
	}
	g->v[g->n].start = a;
	g->v[g->n].end = z;
	g->n++;
}

/*
 * Decides whether the terminator c ending at byte *i closes a sentence;
 * on yes, moves *i past trailing terminators and closers.
 */
static bool
sentence_ends(const struct seg *g, uint32_t c, size_t at, size_t *i)
{
	size_t j = *i, k;
	uint32_t n = 0;

	if ((c == '.' || c == 0xFF0E) && dot_is_inner(g->s, at))
		return false;
	while (j < g->len) {
		k = j;
		n = text_utf8_next(g->s, g->len, &k);
		if (!is_stop(n) && !is_closer(n))
			break;
		j = k;
	}
	if (j == g->len) {
		*i = j;
		return true;
	}
	/* 했다.”고 / 인가?라는: a Korean particle continues the sentence. */
	if (is_hangul(n))
		return false;
	if ((c == '.' || c == 0xFF0E) && !text_is_space(n) && !is_han(n) &&
	    !is_hangul(n))
		return false;
	*i = j;
	return true;
}

void
text_sentences(const char *s, size_t len, struct text_span **out, size_t *n)
{
	struct seg g = {s, len, NULL, 0, 0};
	size_t i = 0, start = 0, at;
	uint32_t c;

	while (i < len) {
		at = i;
		c = text_utf8_next(s, len, &i);
		if (is_break(c)) {
			seg_push(&g, start, at);
			start = i;
		} else if (is_stop(c) && sentence_ends(&g, c, at, &i)) {
			seg_push(&g, start, i);
			start = i;
		}
	}
	seg_push(&g, start, len);
	*out = g.v;
	*n = g.n;
}
