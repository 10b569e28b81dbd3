/* SPDX-License-Identifier: ISC */
/*
 * The per-origin robots.txt cache: what the last fetch of each origin's
 * robots.txt said, until when. A handful of origins per configuration, so
 * a linear array is all it needs.
 */
#include "robots.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

enum entry_state {
	ENTRY_RULES,       /* rules (NULL: allow all) */
	ENTRY_UNAVAILABLE, /* unreachable: disallow all */
};

struct entry {
	char *origin;
	enum entry_state state;
	struct robots *rules;
	int64_t expires;
};

struct robots_cache {
	struct entry *v;
	size_t n;
};

struct robots_cache *
robots_cache_new(void)
{
	return xcalloc(1, sizeof(struct robots_cache));
}

void
robots_cache_free(struct robots_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].origin);
		robots_free(c->v[i].rules);
	}
	free(c->v);
	free(c);
}

static struct entry *
find(struct robots_cache *c, const char *origin)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].origin, origin) == 0)
			return &c->v[i];
	return NULL;
}

static struct entry *
find_or_add(struct robots_cache *c, const char *origin)
{
	struct entry *en = find(c, origin);

	if (en != NULL) {
		robots_free(en->rules);
		en->rules = NULL;
		return en;
	}
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	en = &c->v[c->n++];
	memset(en, 0, sizeof(*en));
	en->origin = xstrdup(origin);
	return en;
}

enum robots_verdict
robots_cache_check(struct robots_cache *c, const char *origin, const char *path,
    int64_t now, uint64_t *delay_ms)
{
	struct entry *en = find(c, origin);

	if (en == NULL || now >= en->expires)
		return ROBOTS_UNKNOWN;
	if (delay_ms != NULL)
		*delay_ms = robots_crawl_delay_ms(en->rules);
	if (en->state == ENTRY_UNAVAILABLE)
		return ROBOTS_UNAVAILABLE;
	return robots_is_allowed(en->rules, path) ? ROBOTS_ALLOWED
	                                          : ROBOTS_DISALLOWED;
}

void
robots_cache_set_rules(struct robots_cache *c, const char *origin,
    struct robots *r, int64_t expires)
{
	struct entry *en = find_or_add(c, origin);

	en->state = ENTRY_RULES;
	en->rules = r;
	en->expires = expires;
}

void
robots_cache_set_unavailable(
    struct robots_cache *c, const char *origin, int64_t expires)
{
	struct entry *en = find_or_add(c, origin);

	en->state = ENTRY_UNAVAILABLE;
	en->expires = expires;
}
