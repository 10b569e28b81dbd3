/* SPDX-License-Identifier: ISC */
/*
 * Gathering a digest: documents counted, events and MOUs of the period
 * merged by event_group into items (with every report's URL), and the
 * organisations first seen in the period. Everything else is derived
 * from the items in digest_derive.c.
 */
#include "digest.h"

#include <stdlib.h>
#include <string.h>

#include "store_read.h"
#include "xmem.h"

/*
 * Items by (kind, event_group), open addressing: a year holds thousands
 * of items, and every report looks its group up.
 */
struct group_map {
	size_t *slot;		/* item index + 1, 0 = empty */
	size_t cap;		/* a power of two */
};

struct collect {
	struct digest *d;
	struct store *s;
	struct digest_item *cur;	/* item the parties go to */
	struct group_map map;
};

static size_t
group_hash(bool mou, int64_t group, size_t cap)
{
	uint64_t h = (uint64_t)group * 2 + mou;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (cap - 1);
}

static void group_put(struct collect *c, size_t item);

static void
group_grow(struct collect *c)
{
	size_t *old = c->map.slot, n = c->map.cap;

	c->map.cap = n ? n * 2 : 256;
	c->map.slot = xcalloc(c->map.cap, sizeof(*c->map.slot));
	for (size_t i = 0; i < n; i++)
		if (old[i])
			group_put(c, old[i] - 1);
	free(old);
}

static void
group_put(struct collect *c, size_t item)
{
	const struct digest_item *it = &c->d->items[item];
	size_t i;

	if ((c->d->nitems + 1) * 2 > c->map.cap)
		group_grow(c);
	i = group_hash(it->mou, it->group_id, c->map.cap);
	while (c->map.slot[i])
		i = (i + 1) & (c->map.cap - 1);
	c->map.slot[i] = item + 1;
}

static int
party_add(void *arg, const struct store_party *p, struct err *e)
{
	struct digest_item *it = ((struct collect *)arg)->cur;
	struct digest_party *dp;

	(void)e;
	for (size_t i = 0; i < it->nparties; i++)
		if (it->parties[i].org_id == p->org_id)
			return 0;	/* one org in two roles: one node */
	it->parties = xreallocarray(it->parties, it->nparties + 1,
	    sizeof(*it->parties));
	dp = &it->parties[it->nparties++];
	dp->org_id = p->org_id;
	dp->canonical = xstrdup(p->canonical);
	dp->role = xstrdup(p->role);
	dp->tags = xstrdup(p->tags);
	dp->country = xstrdup(p->country);
	dp->kind = xstrdup(p->kind);
	dp->unverified = p->unverified;
	return 0;
}

static struct digest_item *
item_of_group(struct collect *c, bool mou, int64_t group)
{
	struct digest_item *it;
	size_t i;

	if (group == 0 || c->map.cap == 0)
		return NULL;
	for (i = group_hash(mou, group, c->map.cap); c->map.slot[i];
	     i = (i + 1) & (c->map.cap - 1)) {
		it = &c->d->items[c->map.slot[i] - 1];
		if (it->mou == mou && it->group_id == group)
			return it;
	}
	return NULL;
}

static void
report_add(struct digest_item *it, const struct store_record *r)
{
	struct digest_report *rp;

	it->reports = xreallocarray(it->reports, it->nreports + 1,
	    sizeof(*it->reports));
	rp = &it->reports[it->nreports++];
	rp->url = xstrdup(r->url);
	rp->title = xstrdup(r->title);
	rp->source = xstrdup(r->source);
	rp->document_id = r->document_id;
}

static int
record_add(struct collect *c, const struct store_record *r, bool mou,
    struct err *e)
{
	struct digest *d = c->d;
	struct digest_item *it = item_of_group(c, mou, r->group_id);

	if (mou)
		d->mou_reports++;
	else
		d->event_reports++;
	if (it == NULL) {
		d->items = xreallocarray(d->items, d->nitems + 1,
		    sizeof(*d->items));
		it = &d->items[d->nitems++];
		memset(it, 0, sizeof(*it));
		it->mou = mou;
		it->id = r->id;
		it->group_id = r->group_id;
		it->type = xstrdup(r->type);
		it->name = xstrdup(r->name);
		it->date = xstrdup(r->date);
		it->day = xstrdup(r->day);
		it->location = xstrdup(r->location);
		it->evidence = xstrdup(r->evidence);
		it->sectors = xstrdup(r->sectors);
		if (mou)
			d->nmous++;
		else
			d->nevents++;
		if (it->group_id != 0)
			group_put(c, d->nitems - 1);
	}
	report_add(it, r);
	c->cur = it;
	/* Later reports may name more parties: merge them all. */
	return mou ? store_mou_parties_each(c->s, r->id, party_add, c, e) :
		     store_event_orgs_each(c->s, r->id, party_add, c, e);
}

static int
event_add(void *arg, const struct store_record *r, struct err *e)
{
	return record_add(arg, r, false, e);
}

static int
mou_add(void *arg, const struct store_record *r, struct err *e)
{
	return record_add(arg, r, true, e);
}

static int
org_add(void *arg, const struct store_org *o, struct err *e)
{
	struct digest *d = arg;
	struct digest_org *g;

	(void)e;
	d->orgs = xreallocarray(d->orgs, d->norgs + 1, sizeof(*d->orgs));
	g = &d->orgs[d->norgs++];
	g->canonical = xstrdup(o->canonical);
	g->entity_id = xstrdup(o->entity_id);
	g->country = xstrdup(o->country);
	g->tags = xstrdup(o->tags);
	g->first_seen = xstrdup(o->first_seen);
	g->mentions = o->mentions;
	g->unverified = o->unverified;
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct digest_item *x = a, *y = b;
	int c = strcmp(x->day ? x->day : "", y->day ? y->day : "");

	if (c != 0)
		return c;
	if (x->mou != y->mou)
		return x->mou ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
digest_collect(struct store *s, const char *since, const char *until,
    int64_t run, size_t max_nodes, struct digest **out, struct err *e)
{
	struct digest *d = xcalloc(1, sizeof(*d));
	struct store_filter f = {.run_id = run, .since = since,
		.until = until, .ascending = true};
	struct collect c = {d, s, NULL, {NULL, 0}};
	int rc;

	d->max_nodes = max_nodes ? max_nodes : DIGEST_MAX_NODES;
	memcpy(d->since, since, 11);
	memcpy(d->until, until, 11);
	store_now(d->generated, sizeof(d->generated));
	rc = store_read_run(s, &d->run_id, e);
	if (rc == 0 && run > 0)
		d->run_id = run;
	if (rc == 0)
		rc = store_docs_count(s, &f, &d->documents, e);
	if (rc == 0)
		rc = store_events_each(s, &f, event_add, &c, e);
	if (rc == 0)
		rc = store_mous_each(s, &f, mou_add, &c, e);
	if (rc == 0)
		rc = store_orgs_new_each(s, &f, org_add, d, e);
	free(c.map.slot);
	if (rc == -1) {
		digest_free(d);
		return -1;
	}
	if (d->nitems > 1)
		qsort(d->items, d->nitems, sizeof(*d->items), item_cmp);
	digest_derive(d);
	*out = d;
	return 0;
}

bool
digest_is_empty(const struct digest *d)
{
	return d->documents == 0 && d->nitems == 0 && d->norgs == 0;
}

static void
item_free(struct digest_item *it)
{
	for (size_t j = 0; j < it->nparties; j++) {
		free(it->parties[j].canonical);
		free(it->parties[j].role);
		free(it->parties[j].tags);
		free(it->parties[j].country);
		free(it->parties[j].kind);
	}
	for (size_t j = 0; j < it->nreports; j++) {
		free(it->reports[j].url);
		free(it->reports[j].title);
		free(it->reports[j].source);
	}
	free(it->parties);
	free(it->reports);
	free(it->type), free(it->name), free(it->date), free(it->day);
	free(it->location), free(it->evidence), free(it->sectors);
}

void
digest_free(struct digest *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nitems; i++)
		item_free(&d->items[i]);
	for (size_t i = 0; i < d->norgs; i++) {
		free(d->orgs[i].canonical), free(d->orgs[i].entity_id);
		free(d->orgs[i].country), free(d->orgs[i].tags);
		free(d->orgs[i].first_seen);
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		free(d->links[i].korean), free(d->links[i].korean_tags);
		free(d->links[i].risk), free(d->links[i].risk_tags);
		free(d->links[i].via), free(d->links[i].date);
		free(d->links[i].url);
	}
	for (size_t i = 0; i < d->nsectors; i++) {
		for (size_t j = 0; j < d->sectors[i].nfirms; j++)
			free(d->sectors[i].firms[j].canonical);
		free(d->sectors[i].firms);
		free(d->sectors[i].sector);
	}
	for (size_t i = 0; i < d->ntypes; i++)
		free(d->types[i].type);
	for (size_t i = 0; i < d->nnodes_all; i++) {
		free(d->nodes[i].canonical), free(d->nodes[i].tags);
		free(d->nodes[i].country);
	}
	free(d->items), free(d->orgs), free(d->links), free(d->sectors);
	free(d->types), free(d->weeks), free(d->nodes), free(d->edges);
	free(d);
}
