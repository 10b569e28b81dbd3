/* SPDX-License-Identifier: ISC */
/*
 * The organisation network of a digest: nodes are the parties of the
 * period's events and MOUs, an edge joins two parties of one record. Only
 * the best-connected max_nodes are kept so the picture stays readable;
 * they are ordered by class and name, which is all the circular layout
 * needs to be the same on every run. Lookups go through an org_id index
 * sorted once, so a whole-store graph export stays n log n.
 */
#include "digest.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

struct slot {
	int64_t org_id;
	size_t node;
};

int
digest_node_class(const struct digest_node *n)
{
	if (n->unverified)
		return 4;
	if (digest_is_korean(n->tags, n->country))
		return 0;
	if (digest_is_risk(n->tags))
		return 1;
	if (n->country != NULL && strcmp(n->country, "CN") == 0)
		return 2;
	return 3;
}

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	return x->org_id < y->org_id ? -1 : x->org_id > y->org_id;
}

static int
by_degree(const void *a, const void *b)
{
	const struct digest_node *x = a, *y = b;

	if (x->degree != y->degree)
		return y->degree - x->degree;
	return strcmp(x->canonical, y->canonical);
}

static int
by_class(const void *a, const void *b)
{
	const struct digest_node *x = a, *y = b;
	int cx = digest_node_class(x), cy = digest_node_class(y);

	if (cx != cy)
		return cx - cy;
	return strcmp(x->canonical, y->canonical);
}

/* An index of nodes [0, n) by org_id (caller frees). */
static struct slot *
index_build(const struct digest *d, size_t n)
{
	struct slot *ix = xcalloc(n ? n : 1, sizeof(*ix));

	for (size_t i = 0; i < n; i++)
		ix[i] = (struct slot){d->nodes[i].org_id, i};
	qsort(ix, n, sizeof(*ix), slot_cmp);
	return ix;
}

static long
index_find(const struct slot *ix, size_t n, int64_t org_id)
{
	struct slot key = {org_id, 0}, *s;

	s = bsearch(&key, ix, n, sizeof(*ix), slot_cmp);
	return s ? (long)s->node : -1;
}

/* Every distinct party becomes a node (unsorted, degree 0). */
static void
nodes_build(struct digest *d)
{
	size_t n = 0;
	struct slot *all = NULL;

	for (size_t k = 0; k < d->nitems; k++)
		n += d->items[k].nparties;
	all = xcalloc(n ? n : 1, sizeof(*all));
	n = 0;
	for (size_t k = 0; k < d->nitems; k++)
		for (size_t i = 0; i < d->items[k].nparties && i < 0xffff; i++)
			all[n++] = (struct slot){
			    d->items[k].parties[i].org_id, k << 16 | i};
	qsort(all, n, sizeof(*all), slot_cmp);
	d->nodes = xcalloc(n ? n : 1, sizeof(*d->nodes));
	for (size_t j = 0; j < n; j++) {
		const struct digest_party *p;

		if (j > 0 && all[j].org_id == all[j - 1].org_id)
			continue;
		p = &d->items[all[j].node >> 16].parties[all[j].node & 0xffff];
		d->nodes[d->nnodes_all++] = (struct digest_node){p->org_id,
		    xstrdup(p->canonical), xstrdup(p->tags),
		    xstrdup(p->country), p->unverified, 0};
	}
	free(all);
}

static int
edge_cmp(const void *a, const void *b)
{
	const struct digest_edge *x = a, *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* Every pair of kept parties of every item, then merged after a sort. */
static void
edges_build(struct digest *d)
{
	struct slot *ix = index_build(d, d->nnodes);
	struct digest_edge *all = NULL;
	size_t n = 0, cap = 0;

	for (size_t k = 0; k < d->nitems; k++) {
		const struct digest_item *it = &d->items[k];

		for (size_t i = 0; i < it->nparties; i++) {
			long a = index_find(ix, d->nnodes,
			    it->parties[i].org_id);

			for (size_t j = i + 1; a >= 0 && j < it->nparties; j++) {
				long b = index_find(ix, d->nnodes,
				    it->parties[j].org_id);

				if (b < 0)
					continue;
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					all = xreallocarray(all, cap,
					    sizeof(*all));
				}
				all[n++] = (struct digest_edge){
				    (size_t)(a < b ? a : b),
				    (size_t)(a < b ? b : a), 1, it->mou};
			}
		}
	}
	free(ix);
	if (n > 1)
		qsort(all, n, sizeof(*all), edge_cmp);
	d->edges = all;		/* merged in place: nedges <= i always */
	for (size_t i = 0; i < n; i++) {
		if (d->nedges > 0 && edge_cmp(&d->edges[d->nedges - 1],
		    &all[i]) == 0) {
			d->edges[d->nedges - 1].weight++;
			d->edges[d->nedges - 1].mou |= all[i].mou;
		} else {
			all[d->nedges++] = all[i];
		}
	}
}

void
digest_network(struct digest *d)
{
	struct slot *ix;

	nodes_build(d);
	if (d->nnodes_all == 0)
		return;
	ix = index_build(d, d->nnodes_all);
	for (size_t k = 0; k < d->nitems; k++) {
		for (size_t i = 0; i < d->items[k].nparties; i++) {
			long n = index_find(ix, d->nnodes_all,
			    d->items[k].parties[i].org_id);

			if (n >= 0)
				d->nodes[n].degree +=
				    (int)d->items[k].nparties - 1;
		}
	}
	free(ix);
	qsort(d->nodes, d->nnodes_all, sizeof(*d->nodes), by_degree);
	d->nnodes = d->nnodes_all < d->max_nodes ? d->nnodes_all :
						   d->max_nodes;
	qsort(d->nodes, d->nnodes, sizeof(*d->nodes), by_class);
	edges_build(d);
}
