/* SPDX-License-Identifier: ISC */
/*
 * Gazetteer: patterns -> one Aho-Corasick automaton, with the script
 * handling done at build time so that scanning is a single byte loop.
 * Chosen over a pcre2 alternation by measurement (bench/micro/gaz_bench.c).
 * Short all-capital Latin acronyms (HIT, BIT, KIST) match case-sensitively,
 * because lower case "hit"/"bit" are common English words; every other
 * Latin pattern is case-insensitive.
 */
#include "gaz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "acm.h"
#include "cfg_patterns.h"
#include "xmem.h"

#define GAZ_F_WORD_LEFT (1u << 8)	/* pattern starts with [A-Za-z0-9] */
#define GAZ_F_WORD_RIGHT (1u << 9)	/* pattern ends with [A-Za-z0-9] */
#define GAZ_ACRONYM_MAX 5

struct gaz_pat {
	char *text;		/* normalised bytes as added */
	uint32_t len;
	uint32_t idx;
	uint16_t kind;
	uint16_t flags;		/* enum gaz_flag | GAZ_F_WORD_* */
};

struct gaz_builder {
	struct gaz_pat *p;
	size_t n, cap;
	gaz_han_fn *on_han;	/* tests: gaz_builder_on_han */
	void *on_han_arg;
};

struct gaz {
	struct acm *acm;
	struct gaz_pat *p;	/* indexed by acm id */
	size_t n;
};

int
gaz_builder_new(struct gaz_builder **out, struct err *e)
{
	(void)e;
	*out = xcalloc(1, sizeof(**out));
	return 0;
}

void
gaz_builder_free(struct gaz_builder *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->p[i].text);
	free(b->p);
	free(b);
}

void
gaz_builder_on_han(struct gaz_builder *b, gaz_han_fn *fn, void *arg)
{
	b->on_han = fn;
	b->on_han_arg = arg;
}

static bool
gaz_is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static bool
gaz_has_han(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (*p) {
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			return false;
		if ((cp >= 0x4e00 && cp <= 0x9fff) ||
		    (cp >= 0x3400 && cp <= 0x4dbf) ||
		    (cp >= 0xf900 && cp <= 0xfaff))
			return true;
		p += n;
	}
	return false;
}

/* ASCII letters only, all capitals, short: an acronym like HIT. */
static bool
gaz_is_acronym(const char *s, size_t len)
{
	bool upper = false;

	if (len > GAZ_ACRONYM_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			return false;
		if (c >= 'A' && c <= 'Z')
			upper = true;
		else if (!(c >= '0' && c <= '9'))
			return false;
	}
	return upper;
}

/* NFKC and whitespace runs folded to one space, trimmed; NULL if empty. */
static char *
gaz_normalise(const char *text)
{
	char *n, *w;
	const char *r;
	bool sp = false;

	n = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)text);
	if (n == NULL)
		return NULL;
	for (r = n, w = n; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			sp = w != n;
			continue;
		}
		if (sp)
			*w++ = ' ';
		sp = false;
		*w++ = *r;
	}
	*w = '\0';
	if (w == n) {
		free(n);
		return NULL;
	}
	return n;
}

static void
gaz_push(struct gaz_builder *b, const char *text, uint16_t kind,
    uint32_t idx, unsigned flags)
{
	struct gaz_pat *p;
	size_t len = strlen(text);

	if (len == 0 || len >= UINT32_MAX)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->p = xreallocarray(b->p, b->cap, sizeof(*b->p));
	}
	if (gaz_is_acronym(text, len))
		flags |= GAZ_F_CASE;
	if (gaz_is_alnum((unsigned char)text[0]))
		flags |= GAZ_F_WORD_LEFT;
	if (gaz_is_alnum((unsigned char)text[len - 1]))
		flags |= GAZ_F_WORD_RIGHT;
	p = &b->p[b->n++];
	p->text = xstrdup(text);
	p->len = (uint32_t)len;
	p->idx = idx;
	p->kind = kind;
	p->flags = (uint16_t)flags;
}

/* The forms of a Han word (gaz_han.c), shown to the test hook. */
static char **
gaz_forms(const struct gaz_builder *b, const char *text, size_t *n)
{
	char **v = gaz_han_forms(text, n);

	if (b->on_han != NULL)
		b->on_han(b->on_han_arg, text, v, *n);
	return v;
}

void
gaz_builder_add(struct gaz_builder *b, const char *text, uint16_t kind,
    uint32_t idx, unsigned flags)
{
	char *n, **v;
	size_t nv;

	if (text == NULL || (n = gaz_normalise(text)) == NULL)
		return;
	gaz_push(b, n, kind, idx, flags);
	if ((flags & GAZ_F_HAN) && gaz_has_han(n)) {
		v = gaz_forms(b, n, &nv);
		for (size_t i = 0; i < nv; i++) {
			gaz_push(b, v[i], kind, idx, flags);
			free(v[i]);
		}
		free(v);
	}
	free(n);
}

void
gaz_builder_expand(struct gaz_builder *b, const struct cfg_words *in,
    struct cfg_words *out)
{
	size_t cap = in->n + 1, nv;
	char *n, **v;

	out->v = xcalloc(cap, sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i] == NULL || (n = gaz_normalise(in->v[i])) == NULL)
			continue;
		nv = 0;
		v = gaz_has_han(n) ? gaz_forms(b, n, &nv) : NULL;
		cap += nv;
		out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		out->v[out->n++] = n;
		for (size_t k = 0; k < nv; k++)
			out->v[out->n++] = v[k];
		free(v);
	}
	out->v[out->n] = NULL;
}

void
gaz_builder_add_entities(struct gaz_builder *b,
    const struct cfg_entities *ents, uint16_t kind)
{
	for (size_t i = 0; i < ents->n; i++) {
		const struct cfg_entity *en = &ents->v[i];

		gaz_builder_add(b, en->name, kind, (uint32_t)i, GAZ_F_HAN);
		for (size_t k = 0; k < en->naliases; k++)
			gaz_builder_add(b, en->aliases[k].text, kind,
			    (uint32_t)i, GAZ_F_HAN);
	}
}

static int
gaz_pat_cmp(const void *x, const void *y)
{
	const struct gaz_pat *a = x, *b = y;
	int r = strcmp(a->text, b->text);

	if (r != 0)
		return r;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Sorts the patterns and drops repeats (Han variants often coincide). */
static void
gaz_dedup(struct gaz_builder *b)
{
	size_t w = 0;

	if (b->n == 0)
		return;
	qsort(b->p, b->n, sizeof(*b->p), gaz_pat_cmp);
	for (size_t i = 1; i < b->n; i++) {
		if (gaz_pat_cmp(&b->p[w], &b->p[i]) == 0) {
			b->p[w].flags |= b->p[i].flags;
			free(b->p[i].text);
			continue;
		}
		b->p[++w] = b->p[i];
	}
	b->n = w + 1;
}

int
gaz_build(struct gaz_builder *b, struct gaz **out, struct err *e)
{
	struct gaz *g;

	gaz_dedup(b);

	if (b->n >= UINT32_MAX) {
		gaz_builder_free(b);
		return err_set(e, "gazetteer: too many patterns");
	}
	g = xcalloc(1, sizeof(*g));
	g->acm = acm_new();
	for (size_t i = 0; i < b->n; i++)
		acm_add(g->acm, b->p[i].text, b->p[i].len, (uint32_t)i);
	acm_build(g->acm);
	/* Kept for the life of the process: no spare capacity. */
	g->p = xreallocarray(b->p, b->n + 1, sizeof(*g->p));
	g->n = b->n;
	b->p = NULL;
	b->n = 0;
	gaz_builder_free(b);
	*out = g;
	return 0;
}

void
gaz_free(struct gaz *g)
{
	if (g == NULL)
		return;
	acm_free(g->acm);
	for (size_t i = 0; i < g->n; i++)
		free(g->p[i].text);
	free(g->p);
	free(g);
}

size_t
gaz_patterns(const struct gaz *g)
{
	return g->n;
}

size_t
gaz_states(const struct gaz *g)
{
	return acm_states(g->acm);
}

struct gaz_scan_ctx {
	const struct gaz *g;
	const char *s;
	size_t len;
	struct gaz_hits *out;
};

/* True if the byte before s[i] ends a Hangul syllable (U+AC00..U+D7A3). */
static bool
gaz_hangul_before(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	if (i < 3 || (u[i - 3] & 0xf0) != 0xe0)
		return false;
	cp = ((u[i - 3] & 0x0fu) << 12) | ((u[i - 2] & 0x3fu) << 6) |
	    (u[i - 1] & 0x3fu);
	return cp >= 0xac00 && cp <= 0xd7a3;
}

static bool
gaz_bounds_ok(const struct gaz_scan_ctx *c, const struct gaz_pat *p,
    size_t start, size_t end)
{
	if ((p->flags & GAZ_F_WORD_LEFT) && start > 0 &&
	    gaz_is_alnum((unsigned char)c->s[start - 1]))
		return false;
	if ((p->flags & GAZ_F_WORD_RIGHT) && end < c->len &&
	    gaz_is_alnum((unsigned char)c->s[end]))
		return false;
	if ((p->flags & GAZ_F_HANGUL_LEFT) && gaz_hangul_before(c->s, start))
		return false;
	if ((p->flags & GAZ_F_CASE) &&
	    memcmp(c->s + start, p->text, p->len) != 0)
		return false;
	return true;
}

static int
gaz_on_match(void *arg, size_t start, size_t end, uint32_t id)
{
	struct gaz_scan_ctx *c = arg;
	const struct gaz_pat *p = &c->g->p[id];
	struct gaz_hit h;

	if (!gaz_bounds_ok(c, p, start, end))
		return 0;
	if (c->out->n >= GAZ_MAX_HITS)
		return 1;
	h.start = start;
	h.end = end;
	h.idx = p->idx;
	h.kind = p->kind;
	h.flags = p->flags & 0xff;
	gaz_hits_push(c->out, &h);
	return 0;
}

static int
gaz_hit_cmp(const void *x, const void *y)
{
	const struct gaz_hit *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

size_t
gaz_scan(const struct gaz *g, const char *s, size_t len,
    struct gaz_hits *out)
{
	struct gaz_scan_ctx c = {g, s, len, out};
	size_t before = out->n;

	acm_scan(g->acm, s, len, gaz_on_match, &c);
	if (out->n > before)
		qsort(out->v + before, out->n - before, sizeof(*out->v),
		    gaz_hit_cmp);
	return out->n - before;
}

void
gaz_select(const struct gaz_hits *in, uint32_t kinds, struct gaz_hits *out)
{
	size_t last_end = 0;
	bool any = false;

	for (size_t i = 0; i < in->n; i++) {
		const struct gaz_hit *h = &in->v[i];

		if (h->kind >= 32 || !((1u << h->kind) & kinds))
			continue;
		if (any && h->start < last_end)
			continue;
		gaz_hits_push(out, h);
		last_end = h->end;
		any = true;
	}
}

void
gaz_hits_push(struct gaz_hits *h, const struct gaz_hit *hit)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	h->v[h->n++] = *hit;
}

void
gaz_hits_free(struct gaz_hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}
