/* SPDX-License-Identifier: ISC */
/*
 * UTF-8 code points and offsets: the decoder every text_ and date_
 * function shares (so a bad byte is one code point everywhere), byte <->
 * code-point conversion with a checkpoint index for long texts, and
 * evidence snippets. Normalisation, sentences and the language guess live
 * in text_norm.c, text_sentence.c and text_lang.c.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmem.h"

/* One checkpoint per this many code points: O(64) scan per lookup. */
#define INDEX_STEP	64

struct text_index {
	const char *s;
	size_t len;
	size_t *byte_at;	/* byte offset of code point k * INDEX_STEP */
	size_t n;		/* checkpoints */
	size_t ncp;		/* code points in s */
};

static int
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

uint32_t
text_utf8_decode(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	uint32_t c = p[0], cp;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF && left >= 2 && is_cont(p[1])) {
		*i += 2;
		return (c & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if (c >= 0xE0 && c <= 0xEF && left >= 3 && is_cont(p[1]) &&
	    is_cont(p[2])) {
		cp = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*i += 3;
			return cp;
		}
	}
	if (c >= 0xF0 && c <= 0xF4 && left >= 4 && is_cont(p[1]) &&
	    is_cont(p[2]) && is_cont(p[3])) {
		cp = (c & 0x07) << 18 | (p[1] & 0x3F) << 12 |
		    (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		if (cp >= 0x10000 && cp <= 0x10FFFF) {
			*i += 4;
			return cp;
		}
	}
	(*i)++;
	return 0xFFFD;
}

size_t
text_ascii_run(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	size_t i = 0;
	uint64_t w;

	while (i + 8 <= len) {
		memcpy(&w, s + i, sizeof(w));
		/* A byte >= 0x80, or a zero byte (exact test). */
		if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
			break;
		i += 8;
	}
	return i;
}

size_t
text_cp_len(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			text_utf8_next(s, len, &i);
		n++;
	}
	return n;
}

size_t
text_byte_to_cp(const char *s, size_t len, size_t b)
{
	size_t i = 0, n = 0;

	if (b > len)
		b = len;
	while (i < b) {
		text_utf8_next(s, len, &i);
		n++;
	}
	return n;
}

size_t
text_cp_to_byte(const char *s, size_t len, size_t cp)
{
	size_t i = 0, n = 0;

	while (i < len && n < cp) {
		text_utf8_next(s, len, &i);
		n++;
	}
	return i;
}

struct text_index *
text_index_new(const char *s, size_t len)
{
	struct text_index *x = xcalloc(1, sizeof(*x));
	size_t i = 0, cp = 0, cap = len / INDEX_STEP + 1;

	x->s = s;
	x->len = len;
	x->byte_at = xreallocarray(NULL, cap, sizeof(*x->byte_at));
	while (i < len) {
		if (cp % INDEX_STEP == 0) {
			if (x->n == cap) {
				cap *= 2;
				x->byte_at = xreallocarray(x->byte_at, cap,
				    sizeof(*x->byte_at));
			}
			x->byte_at[x->n++] = i;
		}
		text_utf8_next(s, len, &i);
		cp++;
	}
	x->ncp = cp;
	return x;
}

void
text_index_free(struct text_index *x)
{
	if (x == NULL)
		return;
	free(x->byte_at);
	free(x);
}

size_t
text_index_cp(const struct text_index *x, size_t b)
{
	size_t lo = 0, hi = x->n, i, cp;

	if (b >= x->len)
		return x->ncp;
	/* Last checkpoint at or before b. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->byte_at[mid] <= b)
			lo = mid;
		else
			hi = mid;
	}
	i = x->byte_at[lo];
	cp = lo * INDEX_STEP;
	while (i < b) {
		text_utf8_next(x->s, x->len, &i);
		cp++;
	}
	return cp;
}

size_t
text_index_byte(const struct text_index *x, size_t cp)
{
	size_t k, i, n;

	if (cp >= x->ncp)
		return x->len;
	k = cp / INDEX_STEP;
	i = x->byte_at[k];
	for (n = k * INDEX_STEP; n < cp; n++)
		text_utf8_next(x->s, x->len, &i);
	return i;
}

bool
text_is_space_slow(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

/* Start of the code point that ends just before byte b (b > 0). */
static size_t
prev_cp(const char *s, size_t b)
{
	size_t i = b - 1, k;

	for (k = 0; k < 3 && i > 0 && is_cont((unsigned char)s[i]); k++)
		i--;
	/* A lead byte whose sequence does not reach b exactly is invalid:
	   the byte before b is then a code point of its own. */
	if (i != b - 1) {
		size_t j = i;

		text_utf8_next(s, b, &j);
		if (j != b)
			i = b - 1;
	}
	return i;
}

/* The code point that ends just before byte b (b > 0). */
static uint32_t
cp_before(const char *s, size_t len, size_t b)
{
	size_t i = prev_cp(s, b);

	return text_utf8_next(s, len, &i);
}

static bool
ends_sentence(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' ||
	    c == '?' || c == '.' || c == '\n';
}

/* Extends [*a, *z) by up to budget code points each way, stopping at line
   breaks and after sentence ends. Returns the code points added. */
static size_t
snippet_grow(const char *s, size_t len, size_t *a, size_t *z, size_t budget)
{
	size_t left = budget / 2, right = budget - budget / 2, used = 0;
	size_t i, j;
	uint32_t c;

	while (left > 0 && *a > 0) {
		i = prev_cp(s, *a);
		j = i;
		c = text_utf8_next(s, len, &j);
		if (c == '\n' || (ends_sentence(c) && *a < len &&
		    text_is_space((unsigned char)s[*a])))
			break;
		*a = i;
		left--;
		used++;
	}
	right += left;
	while (right > 0 && *z < len) {
		j = *z;
		c = text_utf8_next(s, len, &j);
		if (c == '\n')
			break;
		*z = j;
		right--;
		used++;
		if (ends_sentence(c) && (j == len ||
		    text_is_space((unsigned char)s[j])))
			break;
	}
	return used;
}

static void
snippet_put(struct buf *b, const char *s, size_t a, size_t z, size_t max)
{
	size_t i = a, n = 0;
	bool space = false;
	uint32_t c;

	while (i < z && n < max) {
		size_t at = i;

		c = text_utf8_next(s, z, &i);
		if (text_is_space(c)) {
			space = b->len > 0;
			continue;
		}
		if (space && n + 1 < max) {
			buf_putc(b, ' ');
			n++;
		}
		space = false;
		if (c == 0xFFFD && i - at == 1)
			buf_puts(b, "\xEF\xBF\xBD");
		else
			buf_append(b, s + at, i - at);
		n++;
	}
}

char *
text_snippet(const char *s, size_t len, size_t start, size_t end,
    size_t max)
{
	struct buf b = {0};
	size_t a, z, i, n = 0;

	if (max < 8)
		max = 8;
	if (end > len)
		end = len;
	if (start > end)
		start = end;
	/* Align to code point starts so we never cut a sequence. */
	while (start > 0 && start < len && is_cont((unsigned char)s[start]))
		start--;
	a = start;
	z = start;
	/* The span itself, capped to leave room for the two ellipses. */
	while (z < end && n < max - 2) {
		text_utf8_next(s, len, &z);
		n++;
	}
	if (z < end) {
		snippet_put(&b, s, a, z, max - 1);
		buf_puts(&b, "\xE2\x80\xA6");
		return buf_steal(&b);
	}
	snippet_grow(s, len, &a, &z, max - 2 - n);
	i = a;
	while (i < z && text_is_space((unsigned char)s[i]))
		i++;
	if (a > 0 && !ends_sentence(cp_before(s, len, a)))
		buf_puts(&b, "\xE2\x80\xA6");
	snippet_put(&b, s, i, z, max - 2);
	if (z < len && z > 0 && s[z] != '\n' &&
	    !ends_sentence(cp_before(s, len, z)))
		buf_puts(&b, "\xE2\x80\xA6");
	return buf_steal(&b);
}
