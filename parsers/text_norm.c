/* SPDX-License-Identifier: ISC */
/*
 * NFKC with a way back. The text is cut into segments (a character and the
 * combining marks or conjoining jamo that follow it); each segment is
 * decomposed, reordered and composed on its own with utf8proc, and every
 * output byte records the original code points of its segment. Scripts that
 * NFKC leaves alone (ASCII, Hangul syllables, CJK ideographs) skip utf8proc.
 * Hangul compatibility jamo (ㄱ, ㆍ used as a list dot) are kept as they
 * are rather than turned into conjoining jamo, which would not render.
 * Segments are capped at SEG_MAX code points so hostile runs of combining
 * marks stay linear; past the cap NFKC is approximate, which is harmless.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "xmem.h"

#define SEG_MAX		32	/* code points of one segment */
#define DECOMP_MAX	(SEG_MAX * 18)	/* U+FDFA decomposes into 18 */

struct norm {
	struct text_norm *n;
	size_t cap;		/* bytes allocated in s, from and to */
	int flags;
	bool ws;		/* a whitespace run is pending */
	bool nl;		/* ... and it held a line break */
	uint32_t ws_from, ws_to;
};

static void
norm_reserve(struct norm *st, size_t extra)
{
	struct text_norm *n = st->n;
	size_t need = n->len + extra + 1;

	if (need <= st->cap)
		return;
	while (st->cap < need)
		st->cap = st->cap ? st->cap * 2 : 256;
	n->s = xreallocarray(n->s, st->cap, 1);
	n->from = xreallocarray(n->from, st->cap, sizeof(*n->from));
	n->to = xreallocarray(n->to, st->cap, sizeof(*n->to));
}

static void
put_raw(struct norm *st, uint32_t cp, uint32_t from, uint32_t to)
{
	struct text_norm *n = st->n;
	unsigned char u[4];
	size_t k, w;

	if (cp < 0x80) {
		u[0] = cp;
		w = 1;
	} else if (cp < 0x800) {
		u[0] = 0xC0 | cp >> 6;
		u[1] = 0x80 | (cp & 0x3F);
		w = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xE0 | cp >> 12;
		u[1] = 0x80 | (cp >> 6 & 0x3F);
		u[2] = 0x80 | (cp & 0x3F);
		w = 3;
	} else {
		u[0] = 0xF0 | cp >> 18;
		u[1] = 0x80 | (cp >> 12 & 0x3F);
		u[2] = 0x80 | (cp >> 6 & 0x3F);
		u[3] = 0x80 | (cp & 0x3F);
		w = 4;
	}
	norm_reserve(st, w);
	for (k = 0; k < w; k++) {
		n->s[n->len] = u[k];
		n->from[n->len] = from;
		n->to[n->len] = to;
		n->len++;
	}
}

/* The fast path: a character that is its own normalisation, copied. */
static void
put_copy(struct norm *st, const char *src, size_t w, uint32_t pos)
{
	struct text_norm *n = st->n;
	size_t k;

	norm_reserve(st, w);
	memcpy(n->s + n->len, src, w);
	for (k = 0; k < w; k++) {
		n->from[n->len + k] = pos;
		n->to[n->len + k] = pos + 1;
	}
	n->len += w;
}

/* Emits one normalised code point: folds whitespace, drops controls and
   format characters (zero-width spaces and joiners, BOM, bidi marks). */
static bool is_stable(uint32_t cp);

static void
put(struct norm *st, uint32_t cp, uint32_t from, uint32_t to)
{
	const utf8proc_property_t *p;

	/* The common case: a letter of a script NFKC leaves alone. */
	if ((cp > 0x20 && cp < 0x7F) || (cp >= 0x3130 && is_stable(cp))) {
		if (st->ws && st->n->len > 0)
			put_raw(st, st->nl ? '\n' : ' ', st->ws_from,
			    st->ws_to);
		st->ws = st->nl = false;
		put_raw(st, cp, from, to);
		return;
	}
	if (text_is_space(cp)) {
		if (!st->ws)
			st->ws_from = from;
		st->ws = true;
		st->ws_to = to;
		if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
		    cp == 0x85 || cp == 0x2028 || cp == 0x2029)
			st->nl = true;
		return;
	}
	if (cp < 0x20 || cp == 0x7F)
		return;
	if (cp >= 0x80) {
		p = utf8proc_get_property(cp);
		if (p->category == UTF8PROC_CATEGORY_CF ||
		    p->category == UTF8PROC_CATEGORY_CC)
			return;
	}
	if (st->ws && st->n->len > 0)
		put_raw(st, st->nl ? '\n' : ' ', st->ws_from, st->ws_to);
	st->ws = st->nl = false;
	put_raw(st, cp, from, to);
}

/* Characters NFKC maps to themselves, and that nothing composes with. */
static bool
is_stable(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x3130 && cp <= 0x318F);
}

/* Code points that attach to the one before them under NFKC. */
static bool
is_attached(uint32_t cp)
{
	if (cp < 0x300 || is_stable(cp))
		return false;
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return true;
	return utf8proc_get_property(cp)->combining_class != 0;
}

static int
ccc(int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class;
}

/* Canonical ordering: stable insertion sort of each run of marks. */
static void
reorder(int32_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		int32_t c = v[i];
		int k = ccc(c);

		if (k == 0)
			continue;
		for (j = i; j > 0 && ccc(v[j - 1]) > k; j--)
			v[j] = v[j - 1];
		v[j] = c;
	}
}

static void
put_segment(struct norm *st, const uint32_t *seg, size_t nseg,
    uint32_t from, uint32_t to)
{
	utf8proc_int32_t d[DECOMP_MAX];
	utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
	utf8proc_ssize_t r, nd = 0, k;
	int bound = 0;
	size_t i;

	if (st->flags & TEXT_NORM_CASEFOLD)
		opt |= UTF8PROC_CASEFOLD;
	for (i = 0; i < nseg; i++) {
		r = utf8proc_decompose_char(seg[i], d + nd, DECOMP_MAX - nd,
		    opt, &bound);
		if (r < 0 || r > DECOMP_MAX - nd) {
			/* Cannot happen with SEG_MAX * 18; keep the input. */
			d[nd++] = seg[i];
			continue;
		}
		nd += r;
	}
	reorder(d, nd);
	r = utf8proc_normalize_utf32(d, nd, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (r < 0)
		r = nd;
	for (k = 0; k < r; k++)
		put(st, d[k], from, to);
}

static void
norm_run(struct norm *st, const char *s, size_t len)
{
	uint32_t seg[SEG_MAX], c, pos = 0;
	size_t i = 0, j, nseg;
	bool fold = st->flags & TEXT_NORM_CASEFOLD;

	while (i < len) {
		seg[0] = text_utf8_next(s, len, &i);
		nseg = 1;
		/* Lead bytes below 0xCC start code points below U+0300. */
		while (i < len && nseg < SEG_MAX &&
		    (unsigned char)s[i] >= 0xCC) {
			j = i;
			c = text_utf8_next(s, len, &j);
			if (!is_attached(c))
				break;
			seg[nseg++] = c;
			i = j;
		}
		c = seg[0];
		if (nseg == 1 && !st->ws && ((c > 0x20 && c < 0x7F && !fold) ||
		    (c >= 0x3130 && is_stable(c))))
			put_copy(st, s + i - (c < 0x80 ? 1 : 3), c < 0x80 ? 1 : 3,
			    pos);
		else if (nseg == 1 && c < 0x80)
			put(st, fold && c >= 'A' && c <= 'Z' ? c + 32 : c, pos,
			    pos + 1);
		else if (nseg == 1 && is_stable(c))
			put(st, c, pos, pos + 1);
		else
			put_segment(st, seg, nseg, pos, pos + nseg);
		pos += nseg;
	}
	st->n->from[st->n->len] = pos;
	st->n->to[st->n->len] = pos;
}

int
text_norm_new(const char *s, size_t len, int flags, struct text_norm **out,
    struct err *e)
{
	struct norm st = {0};

	if (len > TEXT_MAX_BYTES)
		return err_set(e, "text too long to normalise (%zu bytes)", len);
	st.n = xcalloc(1, sizeof(*st.n));
	st.flags = flags;
	norm_reserve(&st, len);
	norm_run(&st, s, len);
	st.n->s[st.n->len] = '\0';
	*out = st.n;
	return 0;
}

void
text_norm_free(struct text_norm *n)
{
	if (n == NULL)
		return;
	free(n->s);
	free(n->from);
	free(n->to);
	free(n);
}

struct text_span
text_norm_span(const struct text_norm *n, size_t bstart, size_t bend)
{
	struct text_span sp;

	if (bstart > n->len)
		bstart = n->len;
	if (bend > n->len)
		bend = n->len;
	sp.start = n->from[bstart];
	sp.end = bend > bstart ? n->to[bend - 1] : sp.start;
	return sp;
}
