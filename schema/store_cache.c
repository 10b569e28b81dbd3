/* SPDX-License-Identifier: ISC */
/*
 * A memo of the writer's small lookups inside one transaction: which org
 * row an entity id or a canonical name is, and which (org, alias) pairs
 * are known to be stored. A crawled page resolves ~7 organisations, most
 * of them seen on the pages before it; each lookup was an index probe of
 * org or org_alias at a random leaf, a read from the file once the 512 KiB
 * crawl cache had let that leaf go.
 *
 * Valid only while the transaction that filled it holds the write lock:
 * the store's transaction functions empty it when a transaction begins or
 * ends and on every rollback (a rolled-back page may have inserted the
 * row an entry names), and so does anything else that rewrites org rows
 * (the gazetteer sync). Direct-mapped with a fixed number of slots: a
 * collision forgets the older entry, so memory stays bounded whatever the
 * batch holds.
 */
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "xmem.h"

#define CACHE_SLOTS 1024	/* a power of two */

struct cache_slot {
	char *key;
	int64_t id;
	unsigned flags;
};

struct store_cache {
	struct cache_slot slot[CACHE_SLOTS];
	size_t used;
};

/* FNV-1a: keys are short and hashed once per lookup. */
static size_t
hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h & (CACHE_SLOTS - 1));
}

bool
store_cache_get(struct store *s, const char *key, int64_t *id,
    unsigned *flags)
{
	const struct store_cache *c = *store_cache_of(s);
	const struct cache_slot *sl;

	if (c == NULL || c->used == 0)
		return false;
	sl = &c->slot[hash(key)];
	if (sl->key == NULL || strcmp(sl->key, key) != 0)
		return false;
	*id = sl->id;
	if (flags != NULL)
		*flags = sl->flags;
	return true;
}

void
store_cache_put(struct store *s, const char *key, int64_t id, unsigned flags)
{
	struct store_cache **cp = store_cache_of(s), *c = *cp;
	struct cache_slot *sl;

	if (c == NULL)
		c = *cp = xcalloc(1, sizeof(*c));
	sl = &c->slot[hash(key)];
	if (sl->key == NULL)
		c->used++;
	free(sl->key);
	sl->key = xstrdup(key);
	sl->id = id;
	sl->flags = flags;
}

void
store_cache_clear(struct store *s)
{
	struct store_cache *c = *store_cache_of(s);

	if (c == NULL || c->used == 0)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(c->slot[i].key);
		c->slot[i].key = NULL;
	}
	c->used = 0;
}

void
store_cache_free(struct store_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		free(c->slot[i].key);
	free(c);
}
