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

#include <opencc/opencc.h>
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
#define GAZ_NCONV 3		/* s2t, s2tw, t2s */

struct gaz_pat {
	char *text;		/* normalised bytes as added */
	uint32_t len;
	uint32_t idx;
	uint16_t kind;
	uint16_t flags;		/* enum gaz_flag | GAZ_F_WORD_* */
};

/*
 * A Han text waiting for its OpenCC forms. They are made in gaz_build,
 * one converter open at a time: s2t alone holds ~8.5 MiB of phrase
 * tables, and the three open together were a crawl's peak memory.
 */
struct gaz_han {
	char *text;		/* normalised, owned */
	char *var[GAZ_NCONV];	/* its s2t, s2tw, t2s forms; owned or NULL */
	uint32_t idx;		/* a pattern's payload, when pattern */
	uint16_t kind;
	uint16_t flags;
	bool pattern;		/* add the forms as patterns */
};

/* A word of a list gaz_builder_expand asked for. */
struct gaz_word {
	char *text;		/* normalised, owned; NULL if han says */
	size_t han;		/* index in b->han of its text, or SIZE_MAX */
};

struct gaz_expand {
	struct cfg_words *out;	/* the caller's, filled by gaz_build */
	struct gaz_word *w;
	size_t n;
};

struct gaz_builder {
	struct gaz_pat *p;
	size_t n, cap;
	struct gaz_han *han;
	size_t nhan, caphan;
	struct gaz_expand *ex;
	size_t nex;
};

struct gaz {
	struct acm *acm;
	struct gaz_pat *p;	/* indexed by acm id */
	size_t n;
};

static const char *const gaz_opencc_cfg[GAZ_NCONV] = {"s2t.json",
    "s2tw.json", "t2s.json"};

int
gaz_builder_new(struct gaz_builder **out, struct err *e)
{
	(void)e;
	*out = xcalloc(1, sizeof(**out));
	return 0;
}

static void
gaz_han_clear(struct gaz_builder *b)
{
	for (size_t i = 0; i < b->nhan; i++) {
		free(b->han[i].text);
		for (size_t k = 0; k < GAZ_NCONV; k++)
			free(b->han[i].var[k]);
	}
	free(b->han);
	b->han = NULL;
	b->nhan = b->caphan = 0;
	for (size_t i = 0; i < b->nex; i++) {
		for (size_t k = 0; k < b->ex[i].n; k++)
			free(b->ex[i].w[k].text);
		free(b->ex[i].w);
	}
	free(b->ex);
	b->ex = NULL;
	b->nex = 0;
}

void
gaz_builder_free(struct gaz_builder *b)
{
	if (b == NULL)
		return;
	gaz_han_clear(b);
	for (size_t i = 0; i < b->n; i++)
		free(b->p[i].text);
	free(b->p);
	free(b);
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

/* Queues a Han text for gaz_build's conversion; returns its index. */
static size_t
gaz_han_push(struct gaz_builder *b, char *text)
{
	struct gaz_han *h;

	if (b->nhan == b->caphan) {
		b->caphan = b->caphan ? b->caphan * 2 : 256;
		b->han = xreallocarray(b->han, b->caphan, sizeof(*b->han));
	}
	h = &b->han[b->nhan];
	memset(h, 0, sizeof(*h));
	h->text = text;
	return b->nhan++;
}

void
gaz_builder_add(struct gaz_builder *b, const char *text, uint16_t kind,
    uint32_t idx, unsigned flags)
{
	struct gaz_han *h;
	size_t i;
	char *n;

	if (text == NULL || (n = gaz_normalise(text)) == NULL)
		return;
	gaz_push(b, n, kind, idx, flags);
	if (!(flags & GAZ_F_HAN) || !gaz_has_han(n)) {
		free(n);
		return;
	}
	i = gaz_han_push(b, n);	/* may move b->han */
	h = &b->han[i];
	h->pattern = true;
	h->idx = idx;
	h->kind = kind;
	h->flags = (uint16_t)flags;
}

void
gaz_builder_expand(struct gaz_builder *b, const struct cfg_words *in,
    struct cfg_words *out)
{
	struct gaz_expand *x;
	char *n;

	out->v = NULL;
	out->n = 0;
	b->ex = xreallocarray(b->ex, b->nex + 1, sizeof(*b->ex));
	x = &b->ex[b->nex++];
	x->out = out;
	x->w = xcalloc(in->n + 1, sizeof(*x->w));
	x->n = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i] == NULL || (n = gaz_normalise(in->v[i])) == NULL)
			continue;
		x->w[x->n].han = SIZE_MAX;
		if (gaz_has_han(n))
			x->w[x->n].han = gaz_han_push(b, n);
		else
			x->w[x->n].text = n;
		x->n++;
	}
}

/* Every queued text through one converter. */
static void
gaz_convert_all(struct gaz_builder *b, opencc_t cv, size_t k)
{
	char *v;

	for (size_t i = 0; i < b->nhan; i++) {
		v = opencc_convert_utf8(cv, b->han[i].text,
		    strlen(b->han[i].text));
		if (v == NULL)
			continue;
		b->han[i].var[k] = xstrdup(v);
		opencc_convert_utf8_free(v);
	}
}

/* The OpenCC forms of every queued text, one converter open at a time. */
static int
gaz_convert(struct gaz_builder *b, struct err *e)
{
	opencc_t cv;

	if (b->nhan == 0)
		return 0;
	for (size_t k = 0; k < GAZ_NCONV; k++) {
		cv = opencc_open(gaz_opencc_cfg[k]);
		if (cv == (opencc_t)-1)
			return err_set(e, "gazetteer: cannot open OpenCC "
			    "configuration %s", gaz_opencc_cfg[k]);
		gaz_convert_all(b, cv, k);
		opencc_close(cv);
	}
	return 0;
}

/* A text and its distinct forms, in converter order, appended to out. */
static void
gaz_expand_word(const struct gaz_builder *b, const struct gaz_word *w,
    struct cfg_words *out)
{
	const struct gaz_han *h;
	size_t first = out->n;

	if (w->han == SIZE_MAX) {
		out->v[out->n++] = xstrdup(w->text);
		return;
	}
	h = &b->han[w->han];
	out->v[out->n++] = xstrdup(h->text);
	for (size_t k = 0; k < GAZ_NCONV; k++) {
		bool dup = false;

		if (h->var[k] == NULL)
			continue;
		for (size_t i = first; i < out->n; i++)
			dup |= strcmp(out->v[i], h->var[k]) == 0;
		if (!dup)
			out->v[out->n++] = xstrdup(h->var[k]);
	}
}

/* The queued forms become patterns and fill the expanded lists. */
static void
gaz_han_apply(struct gaz_builder *b)
{
	for (size_t i = 0; i < b->nhan; i++) {
		const struct gaz_han *h = &b->han[i];

		for (size_t k = 0; h->pattern && k < GAZ_NCONV; k++)
			if (h->var[k] != NULL)
				gaz_push(b, h->var[k], h->kind, h->idx,
				    h->flags);
	}
	for (size_t i = 0; i < b->nex; i++) {
		struct gaz_expand *x = &b->ex[i];

		x->out->v = xcalloc(x->n * (GAZ_NCONV + 1) + 1,
		    sizeof(*x->out->v));
		x->out->n = 0;
		for (size_t k = 0; k < x->n; k++)
			gaz_expand_word(b, &x->w[k], x->out);
	}
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

	if (gaz_convert(b, e) == -1) {
		gaz_builder_free(b);
		return -1;
	}
	gaz_han_apply(b);
	gaz_han_clear(b);
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
