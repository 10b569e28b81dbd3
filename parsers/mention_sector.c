/* SPDX-License-Identifier: ISC */
/*
 * Strategic-sector keywords, leftmost-longest (新能源汽车 is mobility, not
 * clean energy). A keyword inside a gazetteer name does not count: the
 * 정보통신 of 과학기술정보통신부 says nothing about telecoms. Inside a
 * name found by its shape (人工智能研究院) it does.
 */
#include "mention.h"

static bool
inside_entity(const struct mention_doc *d, const struct gaz_hit *h)
{
	const struct mention_om *m = mention_om_at(d, h->start);

	if (m == NULL)
		return false;
	if (d->orgs[m->org].entity >= 0)
		return true;
	/* a gazetteer name nested in a shape name */
	for (size_t i = mention_om_from(d, m->start); i < d->nom &&
	    d->om[i].start < m->end; i++)
		if (d->om[i].nested && d->om[i].start <= h->start &&
		    h->end <= d->om[i].end)
			return true;
	return false;
}

void
mention_sector_find(struct mention_doc *d)
{
	struct gaz_hits sel = {0};

	gaz_select(&d->hits, MK_BIT(MK_SECTOR), &sel);
	for (size_t i = 0; i < sel.n; i++) {
		if (inside_entity(d, &sel.v[i]))
			continue;
		d->sectors |= 1u << sel.v[i].idx;
		gaz_hits_push(&d->sect, &sel.v[i]);
	}
	gaz_hits_free(&sel);
}

uint32_t
mention_sectors_in(const struct mention_doc *d, size_t start, size_t end)
{
	uint32_t set = 0;

	for (size_t i = 0; i < d->sect.n; i++)
		if (d->sect.v[i].start >= start && d->sect.v[i].end <= end)
			set |= 1u << d->sect.v[i].idx;
	return set;
}
