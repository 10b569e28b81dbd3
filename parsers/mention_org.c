/* SPDX-License-Identifier: ISC */
/*
 * Organisation mentions: gazetteer names (leftmost-longest) and shape
 * candidates resolved into one sorted list of mentions, then grouped into
 * distinct organisations.
 * - A shape name that holds a gazetteer name is a unit of that entity
 *   and a mention of it (北京理工大学深圳研究院 is BIT).
 * - "X(Y, Z)": names in brackets right after a name are the same
 *   organisation (하이촹후이(海創匯, HCH)); a bare transliteration before
 *   a bracketed name becomes a mention of it.
 * - A name directly followed by another (공업정보화부 횃불센터) is marked as
 *   its parent (modifier), so roles and parties go to the second one.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define ORG_BRACKET_MAX 120	/* bytes inside a "(...)" we look into */

static int
cand_cmp(const void *x, const void *y)
{
	const struct mention_cand *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return (a->entity < 0) - (b->entity < 0);
}

static void
om_push(struct mention_doc *d, size_t *cap, size_t start, size_t end,
    size_t org, bool nested, bool unit)
{
	struct mention_om *m;

	if (d->nom == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		d->om = xreallocarray(d->om, *cap, sizeof(*d->om));
	}
	m = &d->om[d->nom++];
	m->start = start;
	m->end = end;
	m->org = org;
	m->nested = nested;
	m->modifier = false;
	m->unit = unit;
}

/* The merge key of an unknown name: no spaces, ASCII lower case. */
static char *
org_key(const struct mention_doc *d, size_t start, size_t end)
{
	char *k = xmalloc(end - start + 1);
	size_t n = 0;

	for (size_t i = start; i < end; i++) {
		char ch = d->s[i];

		if (ch == ' ')
			continue;
		k[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
	}
	k[n] = '\0';
	return k;
}

static size_t
org_get(struct mention_doc *d, const struct mention_cand *c)
{
	char *key = NULL;
	struct mention_org *o;

	if (c->entity < 0)
		key = org_key(d, c->start, c->end);
	for (size_t i = 0; i < d->norgs; i++) {
		o = &d->orgs[i];
		if (c->entity >= 0 ? o->entity == c->entity :
		    o->entity < 0 && strcmp(o->key, key) == 0) {
			free(key);
			return i;
		}
	}
	d->orgs = xreallocarray(d->orgs, d->norgs + 1, sizeof(*d->orgs));
	o = &d->orgs[d->norgs];
	o->entity = c->entity;
	o->key = key;
	o->kind = c->kind;
	o->first = d->nom;
	o->nmentions = 0;
	o->alias_of = -1;
	return d->norgs++;
}

/*
 * A shape candidate holding a gazetteer name is a unit of that entity
 * (北京理工大学深圳研究院, KAIST 기술사업화센터): the mention is the
 * entity's, spanning the whole name.
 */
static void
cand_absorb(struct mention_cand *c, const struct mention_cand *v, size_t n,
    size_t from)
{
	for (size_t k = from; k < n && v[k].start < c->sfx; k++) {
		if (v[k].entity < 0 || v[k].end > c->sfx || v[k].start < c->start)
			continue;
		c->entity = v[k].entity;
		c->kind = v[k].kind;
		c->unit = true;
		return;
	}
}

static void
org_resolve(struct mention_doc *d, struct mention_cands *c)
{
	size_t outer_end = 0, cap = 0;
	bool outer_shape = false;

	qsort(c->v, c->n, sizeof(*c->v), cand_cmp);
	for (size_t i = 0; i < c->n; i++) {
		struct mention_cand *k = &c->v[i];
		bool nested = false;

		if (k->entity < 0 && k->sfx > k->start)
			cand_absorb(k, c->v, c->n, i + 1);
		if (k->start < outer_end) {
			if (k->entity < 0 || !outer_shape || k->end > outer_end)
				continue;
			nested = true;
		} else {
			outer_end = k->end;
			outer_shape = k->entity < 0;
		}
		if (d->norgs >= MENTION_MAX_ORGS)
			break;
		om_push(d, &cap, k->start, k->end, org_get(d, k), nested,
		    k->unit);
	}
}

static size_t
org_root(const struct mention_doc *d, size_t o)
{
	for (int guard = 0; d->orgs[o].alias_of >= 0 && guard < 64; guard++)
		o = (size_t)d->orgs[o].alias_of;
	return o;
}

/* Makes a and b one organisation, keeping the gazetteer one if any. */
static void
org_merge(struct mention_doc *d, size_t a, size_t b)
{
	a = org_root(d, a);
	b = org_root(d, b);
	if (a == b)
		return;
	if (d->orgs[a].entity >= 0 && d->orgs[b].entity >= 0)
		return;
	if (d->orgs[b].entity >= 0) {
		size_t t = a;

		a = b;
		b = t;
	}
	d->orgs[b].alias_of = (long)a;
}

static bool
bracket_sep(char ch)
{
	return ch == ' ' || ch == ',' || ch == '/' || ch == ';';
}

/*
 * If s[open] is '(' and its content is only organisation names and
 * separators, returns the index in om of the first one and sets *close;
 * else d->nom.
 */
static size_t
bracket_orgs(const struct mention_doc *d, size_t open, size_t *close)
{
	size_t first = mention_om_from(d, open + 1), i = first, at = open + 1;

	if (open >= d->len || d->s[open] != '(')
		return d->nom;
	while (at < d->len && at < open + ORG_BRACKET_MAX) {
		if (d->s[at] == ')') {
			*close = at;
			return at > open + 1 && first < d->nom &&
			    d->om[first].start == open + 1 ? first : d->nom;
		}
		if (i < d->nom && d->om[i].start == at) {
			at = d->om[i].end;
			while (++i < d->nom && d->om[i].nested)
				;
			continue;
		}
		/* 베이징경제기술개발구(北京经济技术开发区, 이하 이좡개발구) */
		if ((at + 6 <= d->len && memcmp(d->s + at, "이하", 6) == 0) ||
		    (at + 6 <= d->len && memcmp(d->s + at, "以下", 6) == 0) ||
		    (at + 6 <= d->len && memcmp(d->s + at, "简称", 6) == 0)) {
			const char *q = memchr(d->s + at, ')',
			    open + ORG_BRACKET_MAX - at);

			if (q == NULL || at == open + 1)
				return d->nom;
			*close = (size_t)(q - d->s);
			return first;
		}
		if (!bracket_sep(d->s[at]) && !(at + 3 <= d->len &&
		    memcmp(d->s + at, "、", 3) == 0)) {
			/* (北京经济技术开发区, 이좡): a short local name after */
			const char *q = memchr(d->s + at, ')',
			    d->len - at < 24 ? d->len - at : 24);

			if (q == NULL || i == first)
				return d->nom;
			*close = (size_t)(q - d->s);
			return first;
		}
		at += d->s[at] == ',' || d->s[at] == ' ' || d->s[at] == '/' ||
		    d->s[at] == ';' ? 1 : 3;
	}
	return d->nom;
}

static void
org_pairs(struct mention_doc *d)
{
	size_t n = d->nom, close = 0;

	for (size_t i = 0; i < n; i++) {
		const struct mention_om *m = &d->om[i];
		size_t f = bracket_orgs(d, m->end, &close);

		if (m->nested || f >= d->nom)
			continue;
		for (size_t k = f; k < d->nom && d->om[k].end <= close; k++)
			org_merge(d, m->org, d->om[k].org);
	}
}

static bool
om_between_blank(const struct mention_doc *d, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (d->s[i] != ' ')
			return false;
	return true;
}

/*
 * "A 산하 B", "A 旗下的 B", "A의 (창업 플랫폼) B": A owns B, the one that
 * acts; the next name must follow within a few words.
 */
static bool
om_parent_of(const struct mention_doc *d, const struct mention_om *a,
    const struct mention_om *b)
{
	size_t i = a->end, e;

	/* 하이얼(海爾) 그룹의 창업 플랫폼 하이촹후이: over ") 그룹" */
	while (i < b->start && (d->s[i] == ')' || d->s[i] == ' '))
		i++;
	for (e = i; e < b->start && e < i + 12 && d->s[e] != ' ' &&
	    d->s[e] != ','; e++)
		;
	if (e > i + 3 && e - 3 > i && memcmp(d->s + e - 3, "의", 3) == 0 &&
	    mention_word_at(&d->voc->pat->particles, d->s, i, e) == 0)
		i = e - 3;
	else
		i = a->end;

	if (b->start < i || b->start - i > 24)
		return false;
	if (i + 3 <= d->len && memcmp(d->s + i, "의", 3) == 0 &&
	    (i + 3 == b->start || d->s[i + 3] == ' ')) {
		for (size_t k = i + 3; k < b->start; k++)
			if (d->s[k] == ',' || d->s[k] == '\n')
				return false;
		return mention_particles_len(d, i + 3, b->start) == 0;
	}
	while (i < b->start && d->s[i] == ' ')
		i++;
	return mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PARENT, i, i + 1);
}

static void
org_modifiers(struct mention_doc *d)
{
	long prev = -1;

	for (size_t i = 0; i < d->nom; i++) {
		if (d->om[i].nested)
			continue;
		if (prev >= 0 && d->om[prev].org != d->om[i].org &&
		    (om_between_blank(d, d->om[prev].end, d->om[i].start) ||
		    om_parent_of(d, &d->om[prev], &d->om[i])))
			d->om[prev].modifier = true;
		prev = (long)i;
	}
}

/* Drops merged-away organisations and renumbers, first mention first. */
static void
org_compact(struct mention_doc *d)
{
	size_t *map = xcalloc(d->norgs + 1, sizeof(*map));
	struct mention_org *no = xcalloc(d->norgs + 1, sizeof(*no));
	size_t n = 0;

	for (size_t i = 0; i < d->norgs; i++)
		map[i] = SIZE_MAX;
	for (size_t i = 0; i < d->nom; i++) {
		size_t r = org_root(d, d->om[i].org);

		if (map[r] == SIZE_MAX) {
			no[n] = d->orgs[r];
			no[n].first = i;
			no[n].nmentions = 0;
			no[n].alias_of = -1;
			d->orgs[r].key = NULL;
			map[r] = n++;
		}
		d->om[i].org = map[r];
		no[map[r]].nmentions++;
	}
	for (size_t i = 0; i < d->norgs; i++)
		free(d->orgs[i].key);
	free(d->orgs);
	free(map);
	d->orgs = no;
	d->norgs = n;
}

static int
om_cmp(const void *x, const void *y)
{
	const struct mention_om *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

/* A place name written alone before a bracket is not a transliteration. */
static bool
is_place_exact(const struct mention_doc *d, size_t start, size_t end)
{
	for (size_t i = mention_hits_from(d, start); i < d->hits.n; i++) {
		if (d->hits.v[i].start > start)
			break;
		if (d->hits.v[i].kind == MK_PLACE && d->hits.v[i].end == end)
			return true;
	}
	return false;
}

/*
 * 리처드테크(理查德科技有限公司): the Hangul or Latin token glued to a
 * bracket whose content is organisation names is one more mention of the
 * first of them.
 */
static void
org_translit(struct mention_doc *d)
{
	size_t n = d->nom, cap = d->nom, close, st;

	for (size_t i = 0; i < n; i++) {
		size_t open = d->om[i].start, ts;

		if (d->om[i].nested || open < 2 || d->s[open - 1] != '(')
			continue;
		open--;
		if (bracket_orgs(d, open, &close) != i ||
		    (i > 0 && d->om[i - 1].end == open))
			continue;
		ts = open;
		while (ts > 0) {
			uint32_t cp = mention_prev(d->s, ts, &st);

			if (!mention_is_hangul(cp) && !mention_is_latin(cp))
				break;
			ts = st;
		}
		if (text_cp_len(d->s + ts, open - ts) < 2 ||
		    is_place_exact(d, ts, open) ||
		    (i > 0 && d->om[i - 1].end > ts))
			continue;
		om_push(d, &cap, ts, open, d->om[i].org, false, false);
	}
	if (d->nom > n)
		qsort(d->om, d->nom, sizeof(*d->om), om_cmp);
}

/* Is s[a..b) a whole word for a later mention of a known name? */
static bool
word_bounded(const struct mention_doc *d, size_t a, size_t b)
{
	size_t st, j = b;

	if (a > 0) {
		uint32_t cp = mention_prev(d->s, a, &st);

		if (mention_is_hangul(cp) || mention_is_latin(cp) ||
		    mention_is_han(cp))
			return false;
	}
	if (b >= d->len)
		return true;
	if (mention_is_latin((unsigned char)d->s[b]))
		return false;
	if (!mention_is_hangul(mention_next(d->s, d->len, &j)))
		return true;
	return mention_particles_len(d, b, d->len) > 0;
}

/*
 * A name found by its shape or a list once ("스타트업 퀀텀링크가") is the
 * same organisation wherever it is written again ("퀀텀링크는 …").
 */
static void
org_repeats(struct mention_doc *d)
{
	struct mention_om *add = NULL;
	size_t nadd = 0, n = d->nom, cap = d->nom;

	for (size_t i = 0; i < n && nadd < MENTION_MAX_ORGS; i++) {
		const struct mention_om *m = &d->om[i];
		size_t len = m->end - m->start, at = 0;
		const char *p;

		if (m->nested || d->orgs[m->org].entity >= 0 ||
		    text_cp_len(d->s + m->start, len) < 3)
			continue;
		while (nadd < MENTION_MAX_ORGS && (p = memmem(d->s + at,
		    d->len - at, d->s + m->start, len)) != NULL) {
			size_t a = (size_t)(p - d->s), k;

			at = a + len;
			if (mention_om_at(d, a) != NULL ||
			    mention_om_at(d, at - 1) != NULL ||
			    !word_bounded(d, a, at))
				continue;
			for (k = 0; k < nadd && (add[k].end <= a ||
			    add[k].start >= at); k++)
				;
			if (k < nadd)
				continue;
			add = xreallocarray(add, nadd + 1, sizeof(*add));
			add[nadd].start = a;
			add[nadd].end = at;
			add[nadd++].org = m->org;
		}
	}
	for (size_t k = 0; k < nadd; k++)
		om_push(d, &cap, add[k].start, add[k].end, add[k].org, false,
		    false);
	free(add);
	if (nadd > 0)
		qsort(d->om, d->nom, sizeof(*d->om), om_cmp);
}

void
mention_org_find(struct mention_doc *d)
{
	struct mention_cands c = {0};
	struct gaz_hits sel = {0};

	gaz_select(&d->hits, MK_BIT(MK_ENTITY), &sel);
	c.v = xcalloc(sel.n + 1, sizeof(*c.v));
	c.cap = sel.n + 1;
	for (size_t i = 0; i < sel.n; i++) {
		struct mention_cand *k = &c.v[c.n++];

		k->start = sel.v[i].start;
		k->end = k->sfx = sel.v[i].end;
		k->entity = sel.v[i].idx;
		k->kind = d->voc->ents->v[sel.v[i].idx].kind;
		k->unit = false;
	}
	gaz_hits_free(&sel);
	mention_shape_find(d, &c);
	mention_list_find(d, &c);
	org_resolve(d, &c);
	free(c.v);
	org_translit(d);
	org_pairs(d);
	org_repeats(d);
	org_compact(d);
	org_modifiers(d);
}
