/* SPDX-License-Identifier: ISC */
/*
 * Organisations that are not in the gazetteer, found by their shape: a
 * name ending in a suffix such as 센터, 재단, 中心, 有限公司, or opened by
 * (주), or a run of capitalised Latin words ending in Co., Ltd./Inc./AI.
 * The hard part is the left edge:
 * - Korean: the space-separated token holding the suffix, particles cut
 *   off the right (센터와 -> 센터), a person's title rejected (센터장 is a
 *   person), extended leftwards over at most two tokens that are place
 *   names or known modifiers (중국, 한국, 국립): "상하이 기술거래소";
 * - Chinese: no spaces, so walk back over Han characters until a stop
 *   word (、，与和及在由 and verbs such as 签署/举办) or 24 characters;
 * - both: reject bare or generic names (센터, 해당 센터, 该中心, 创新中心).
 * Candidates are only proposed here; mention_org.c resolves overlaps with
 * the gazetteer and merges repeats.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define SHAPE_ZH_MAX_CP 24	/* longest Chinese name we walk back over */
#define SHAPE_KO_EXTRA_TOKENS 2
#define SHAPE_LATIN_MAX 200	/* bytes of a Latin company name */
#define SHAPE_MAX_CANDS 8192

struct shape_ctx {
	struct mention_doc *d;
	struct mention_cands *out;
	unsigned char *ent_in;	/* bit b: byte b is inside an entity hit */
};

static bool
bit_get(const unsigned char *bm, size_t b)
{
	return (bm[b >> 3] >> (b & 7)) & 1;
}

static void
bit_set(unsigned char *bm, size_t b)
{
	bm[b >> 3] |= (unsigned char)(1u << (b & 7));
}

static void
cand_push(struct shape_ctx *c, size_t start, size_t sfx, size_t end,
    const char *kind)
{
	struct mention_cands *o = c->out;
	struct mention_cand *k;

	if (o->n >= SHAPE_MAX_CANDS)
		return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	k = &o->v[o->n++];
	k->start = start;
	k->end = end;
	k->sfx = sfx;
	k->entity = -1;
	k->kind = kind;
	k->unit = false;
}

static bool
is_exact(const struct cfg_words *w, const char *s, size_t start, size_t end)
{
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->v[i]) == end - start &&
		    memcmp(w->v[i], s + start, end - start) == 0)
			return true;
	return false;
}

/* Names that say "this/that/the centre" or are a bare generic noun. */
static bool
shape_generic(const struct mention_doc *d, size_t start, size_t sfx,
    size_t end)
{
	size_t n;

	if (start >= sfx)
		return true;
	if (is_exact(&d->voc->generic_orgs, d->s, start, end))
		return true;
	n = mention_word_at(&d->voc->generic_prefixes, d->s, start, sfx);
	return n > 0 && (start + n == sfx || d->s[start + n] == ' ');
}

/* The Hangul after a Korean suffix must be particles only (센터와, not 센터장). */
static bool
ko_right_ok(const struct mention_doc *d, size_t end)
{
	size_t j = end, p;
	uint32_t cp;

	if (j >= d->len)
		return true;
	cp = mention_next(d->s, d->len, &j);
	if (!mention_is_hangul(cp))
		return true;
	p = mention_particles_len(d, end, d->len);
	if (p == 0)
		return false;
	j = end + p;
	if (j >= d->len)
		return true;
	return !mention_is_hangul(mention_next(d->s, d->len, &j));
}

static bool
ko_token_cp(uint32_t cp)
{
	return mention_is_hangul(cp) || mention_is_latin(cp) ||
	    mention_is_han(cp) || cp == '-' || cp == '&';
}

/* Start of the token ending at byte i. */
static size_t
ko_token_start(const struct mention_doc *d, size_t i)
{
	size_t st;

	while (i > 0) {
		uint32_t cp = mention_prev(d->s, i, &st);

		if (cp == ')' && i == st + 1) {
			/* 중한(우한)혁신창업단지: a short bracket inside a word */
			size_t o = st, lim = st > 16 ? st - 16 : 0;

			while (o > lim && d->s[o] != '(' && d->s[o] != ' ')
				o--;
			if (d->s[o] != '(' || o == 0 ||
			    !ko_token_cp(mention_prev(d->s, o, &st)))
				break;
			i = o;
			continue;
		}
		if (!ko_token_cp(cp))
			break;
		i = st;
	}
	return i;
}

/* A whole token that a Korean organisation name may start with. */
static bool
ko_modifier_token(const struct mention_doc *d, size_t ts, size_t te)
{
	for (size_t i = mention_hits_from(d, ts); i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->start > ts)
			break;
		if (h->end == te && (h->kind == MK_MODIFIER ||
		    h->kind == MK_PLACE))
			return true;
	}
	return false;
}

/* s[a..b) is one "(...)" group. */
static bool
bracket_between(const struct mention_doc *d, size_t a, size_t b)
{
	const char *q;

	if (b <= a + 1 || d->s[a] != '(' || d->s[b - 1] != ')')
		return false;
	q = memchr(d->s + a, ')', b - a);
	return q == d->s + b - 1;
}

/* The entity whose gazetteer name is exactly s[ts..te), or -1. */
static long
entity_exact(const struct mention_doc *d, size_t ts, size_t te)
{
	for (size_t i = mention_hits_from(d, ts); i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->start > ts)
			break;
		if (h->kind == MK_ENTITY && h->end == te)
			return (long)h->idx;
	}
	return -1;
}

static bool
is_venue(const struct mention_doc *d, size_t start, size_t end)
{
	return mention_word_ending(&d->voc->venues, d->s, start, end) > 0;
}

static void
ko_shape(struct shape_ctx *c, const struct gaz_hit *h, const char *kind)
{
	struct mention_doc *d = c->d;
	size_t start, ts;
	long ent;

	if (!ko_right_ok(d, h->end))
		return;
	start = ko_token_start(d, h->start);
	if (is_venue(d, start, h->end))
		return;
	/* KAIST 기술사업화센터: a unit of the entity named before it */
	if (start >= 2 && d->s[start - 1] == ' ') {
		ts = ko_token_start(d, start - 1);
		ent = entity_exact(d, ts, start - 1);
		if (ent >= 0) {
			cand_push(c, ts, h->start, h->end, kind);
			c->out->v[c->out->n - 1].entity = ent;
			c->out->v[c->out->n - 1].kind =
			    d->voc->ents->v[ent].kind;
			c->out->v[c->out->n - 1].unit = true;
			return;
		}
		/* 베이징경제기술개발구(北京…) 관리위원회: one name */
		if (c->out->n > 0 && c->out->v[c->out->n - 1].entity < 0 &&
		    (c->out->v[c->out->n - 1].end == start - 1 ||
		    bracket_between(d, c->out->v[c->out->n - 1].end,
		    start - 1))) {
			c->out->v[c->out->n - 1].end = h->end;
			c->out->v[c->out->n - 1].sfx = h->start;
			return;
		}
	}
	/* 베이징 센터: a city before a bare suffix is no name */
	for (int k = 0; k < SHAPE_KO_EXTRA_TOKENS && start < h->start; k++) {
		if (start < 2 || d->s[start - 1] != ' ')
			break;
		ts = ko_token_start(d, start - 1);
		if (ts == start - 1 || !ko_modifier_token(d, ts, start - 1))
			break;
		start = ts;
	}
	if (shape_generic(d, start, h->start, h->end) ||
	    is_venue(d, start, h->end))
		return;
	cand_push(c, start, h->start, h->end, kind);
}

/* (주)가나다, 주식회사 가나다: the name is the token after the marker. */
static void
ko_prefix_shape(struct shape_ctx *c, const struct gaz_hit *h,
    const char *kind)
{
	struct mention_doc *d = c->d;
	size_t j = h->end, e, at;
	uint32_t cp;

	if (j < d->len && d->s[j] == ' ')
		j++;
	e = j;
	while (e < d->len) {
		at = e;
		cp = mention_next(d->s, d->len, &at);
		if (!ko_token_cp(cp))
			break;
		e = at;
	}
	/* particles at the end of the token are not part of the name */
	for (size_t k = j; k < e; k++) {
		size_t p = mention_particles_len(d, k, e);

		if (p > 0 && k + p == e && k > j) {
			e = k;
			break;
		}
	}
	if (e > j)
		cand_push(c, h->start, e, e, kind);
}

static bool
zh_name_cp(uint32_t cp)
{
	return mention_is_han(cp) || (cp >= 'A' && cp <= 'Z');
}

static void
zh_shape(struct shape_ctx *c, const struct gaz_hit *h,
    const struct cfg_org_suffix *sx)
{
	struct mention_doc *d = c->d;
	size_t i = h->start, st;
	unsigned n = 0;

	if (mention_word_at(&d->voc->suffix_not_before[h->idx], d->s, h->end, d->len) > 0)
		return;
	while (i > 0 && n < SHAPE_ZH_MAX_CP) {
		uint32_t cp = mention_prev(d->s, i, &st);

		if (!zh_name_cp(cp) || mention_bit(d->zh_stop_end, i))
			break;
		i = st;
		n++;
	}
	/* 6G通信实验室: a name does not start in the middle of "6G" */
	if (i > 0 && d->s[i] >= 'A' && d->s[i] <= 'Z' &&
	    d->s[i - 1] >= '0' && d->s[i - 1] <= '9')
		return;
	/* a name never starts inside a gazetteer name it only partly covers */
	while (i < h->start && bit_get(c->ent_in, i) && i > 0 &&
	    bit_get(c->ent_in, i - 1))
		mention_next(d->s, d->len, &i);
	if (text_cp_len(d->s + i, h->start - i) < 2 ||
	    shape_generic(d, i, h->start, h->end) || is_venue(d, i, h->end))
		return;
	cand_push(c, i, h->start, h->end, sx->kind);
}

static void
latin_shape(struct shape_ctx *c)
{
	const struct cfg_patterns *p = c->d->voc->pat;
	struct mention_doc *d = c->d;
	pcre2_match_data *md;
	PCRE2_SIZE *ov, at = 0;
	size_t guard = 0;

	if (p->latin_org == NULL)
		return;
	md = pcre2_match_data_create_from_pattern(p->latin_org, NULL);
	while (at < d->len && guard++ < SHAPE_MAX_CANDS) {
		int rc = pcre2_match(p->latin_org, (PCRE2_SPTR)d->s, d->len,
		    at, 0, md, p->mctx);

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] <= ov[0]) {
			at = ov[0] + 1;
			continue;
		}
		if (ov[1] - ov[0] <= SHAPE_LATIN_MAX &&
		    mention_word_at(&p->latin_org_stop, d->s, ov[0], ov[1]) == 0)
			cand_push(c, ov[0], ov[1], ov[1], "company");
		at = ov[1];
	}
	pcre2_match_data_free(md);
}

/* Marks the bytes of entity names. */
static void
shape_bitmaps(struct shape_ctx *c)
{
	struct mention_doc *d = c->d;

	c->ent_in = xcalloc(d->len / 8 + 1, 1);
	for (size_t i = 0; i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->kind == MK_ENTITY)
			for (size_t b = h->start; b < h->end; b++)
				bit_set(c->ent_in, b);
	}
}

bool
mention_shape_valid(const struct mention_doc *d, size_t start, size_t sfx,
    size_t end)
{
	return text_cp_len(d->s + start, sfx - start) >= 2 &&
	    !shape_generic(d, start, sfx, end);
}

void
mention_shape_find(struct mention_doc *d, struct mention_cands *out)
{
	const struct cfg_patterns *p = d->voc->pat;
	struct shape_ctx c = {d, out, NULL};

	shape_bitmaps(&c);
	for (size_t i = 0; i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];
		const struct cfg_org_suffix *sx;
		size_t k = h->start;

		if (h->kind != MK_SUFFIX || bit_get(c.ent_in, h->end - 1))
			continue;
		sx = &p->suffixes[h->idx];
		if (sx->prefix)
			ko_prefix_shape(&c, h, sx->kind);
		else if (mention_is_hangul(mention_next(d->s, d->len, &k)))
			ko_shape(&c, h, sx->kind);
		else
			zh_shape(&c, h, sx);
	}
	latin_shape(&c);
	free(c.ent_in);
}
