/* SPDX-License-Identifier: ISC */
/*
 * Lookups in OpenCC's character tables. One copy of the tables for the
 * whole program: the gazetteer and search share them.
 */
#include "han.h"

#include <stddef.h>
#include <stdlib.h>

struct han_map {
	uint32_t from, to;	/* to: OpenCC's default */
};

struct han_alt {
	uint32_t from;
	uint16_t off, n;	/* the other candidates: pool[off..off+n) */
};

#include "han_table.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

struct han_table {
	const struct han_map *map;
	size_t nmap;
	const struct han_alt *alt;
	size_t nalt;
	const uint32_t *pool;
};

static const struct han_table han_tables[HAN_NDIRS] = {
	[HAN_T2S] = {han_t2s_map, NITEMS(han_t2s_map), han_t2s_alt,
	    NITEMS(han_t2s_alt), han_t2s_pool},
	[HAN_S2T] = {han_s2t_map, NITEMS(han_s2t_map), han_s2t_alt,
	    NITEMS(han_s2t_alt), han_s2t_pool},
};

static int
cmp_map(const void *k, const void *m)
{
	uint32_t a = *(const uint32_t *)k, b = ((const struct han_map *)m)->from;

	return a < b ? -1 : a > b;
}

static int
cmp_alt(const void *k, const void *m)
{
	uint32_t a = *(const uint32_t *)k, b = ((const struct han_alt *)m)->from;

	return a < b ? -1 : a > b;
}

int
han_candidates(enum han_dir d, uint32_t cp, uint32_t out[HAN_CANDIDATES])
{
	const struct han_table *t = &han_tables[d];
	const struct han_map *m;
	const struct han_alt *a;
	int n = 1;

	out[0] = cp;
	/* Every key of the tables is an ideograph, U+3400 or above. */
	if (cp < 0x3400 ||
	    (m = bsearch(&cp, t->map, t->nmap, sizeof(*m), cmp_map)) == NULL)
		return 1;
	out[0] = m->to;
	a = bsearch(&cp, t->alt, t->nalt, sizeof(*a), cmp_alt);
	for (int i = 0; a != NULL && i < a->n && n < HAN_CANDIDATES; i++)
		out[n++] = t->pool[a->off + i];
	return n;
}

uint32_t
han_tw(uint32_t cp)
{
	const struct han_map *m;

	m = bsearch(&cp, han_tw_map, NITEMS(han_tw_map), sizeof(*m),
	    cmp_map);
	return m != NULL ? m->to : cp;
}
