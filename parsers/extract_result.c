/* SPDX-License-Identifier: ISC */
/*
 * From the working mention_doc to the public extract_result: spans of the
 * normalised text become code points of the body as written (text_norm's
 * map), surfaces are cut from the body as written, evidence snippets come
 * from text_snippet, gazetteer facts are copied so that the result owns
 * everything and outlives the extractor.
 */
#include "extract_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

struct fill {
	struct extract_result *r;
	size_t len;			/* bytes of r->text */
	const struct mention_doc *d;
	const struct text_norm *n;
	struct text_index *ix;		/* over r->text */
	const struct cfg_entities *ents;
	const struct cfg_patterns *pat;
	size_t mcap;			/* allocated r->mentions */
};

static struct extract_span
span_of(const struct fill *f, size_t bstart, size_t bend)
{
	struct text_span t = text_norm_span(f->n, bstart, bend);
	struct extract_span s = {t.start, t.end};

	return s;
}

/* The body text as written at code points sp. */
static char *
surface(const struct fill *f, struct extract_span sp)
{
	size_t a = text_index_byte(f->ix, sp.start);
	size_t b = text_index_byte(f->ix, sp.end);

	return xstrndup(f->r->text + a, b > a ? b - a : 0);
}

static char *
evidence(const struct fill *f, struct extract_span sp)
{
	return text_snippet(f->r->text, f->len, text_index_byte(f->ix,
	    sp.start), text_index_byte(f->ix, sp.end), EXTRACT_EVIDENCE_MAX);
}

/* The name to show: the first mention that is the org's own name. */
static const struct mention_om *
org_name_mention(const struct fill *f, const struct mention_org *m,
    size_t org)
{
	for (size_t i = m->first; i < f->d->nom; i++)
		if (f->d->om[i].org == org && !f->d->om[i].unit)
			return &f->d->om[i];
	return &f->d->om[m->first];
}

static void
org_fill(const struct fill *f, struct extract_org *o,
    const struct mention_org *m, size_t org)
{
	const struct mention_om *om = org_name_mention(f, m, org);

	o->name = surface(f, span_of(f, om->start, om->end));
	o->nmentions = m->nmentions;
	if (m->entity >= 0) {
		const struct cfg_entity *en = &f->ents->v[m->entity];

		o->canonical = xstrdup(en->name);
		o->entity_id = xstrdup(en->id);
		o->country = xstrdup(en->country);
		o->kind = xstrdup(en->kind);
		o->tags = xcalloc(en->ntags + 1, sizeof(*o->tags));
		for (size_t i = 0; i < en->ntags; i++)
			o->tags[i] = xstrdup(en->tags[i]);
		o->ntags = en->ntags;
		return;
	}
	o->canonical = xstrndup(f->d->s + om->start, om->end - om->start);
	o->kind = xstrdup(m->kind);
	o->tags = xcalloc(2, sizeof(*o->tags));
	o->tags[0] = xstrdup("unverified");
	o->ntags = 1;
	o->unverified = true;
}

static void
mention_add(struct fill *f, enum extract_mention_kind kind, size_t bstart,
    size_t bend, const char *value, long org)
{
	struct extract_result *r = f->r;
	struct extract_mention *m;

	if (r->nmentions == f->mcap) {
		f->mcap = f->mcap ? f->mcap * 2 : 64;
		r->mentions = xreallocarray(r->mentions, f->mcap,
		    sizeof(*r->mentions));
	}
	m = &r->mentions[r->nmentions++];
	m->kind = kind;
	m->span = span_of(f, bstart, bend);
	m->surface = surface(f, m->span);
	m->value = xstrdup(value);
	m->org = org;
}

static const char *
place_value(const struct fill *f, long i)
{
	const struct mention_place *p;

	if (i < 0)
		return NULL;
	p = &f->d->places[i];
	return p->alt ? f->pat->places[p->place].alt_value :
	    f->pat->places[p->place].value;
}

static int
mention_cmp(const void *x, const void *y)
{
	const struct extract_mention *a = x, *b = y;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return a->kind < b->kind ? -1 : a->kind > b->kind;
}

static void
mentions_fill(struct fill *f)
{
	const struct mention_doc *d = f->d;
	char iso[11];

	for (size_t i = 0; i < d->nom; i++)
		mention_add(f, EXTRACT_M_ORG, d->om[i].start, d->om[i].end,
		    f->r->orgs[d->om[i].org].canonical, (long)d->om[i].org);
	for (size_t i = 0; i < d->ndm; i++)
		mention_add(f, EXTRACT_M_DATE, d->dm[i].start, d->dm[i].end,
		    date_iso(&d->dm[i].date, iso), -1);
	for (size_t i = 0; i < d->nplaces; i++)
		if (!d->places[i].inner)
			mention_add(f, EXTRACT_M_PLACE, d->places[i].start,
			    d->places[i].end, place_value(f, (long)i), -1);
	for (size_t i = 0; i < d->sect.n; i++)
		mention_add(f, EXTRACT_M_SECTOR, d->sect.v[i].start,
		    d->sect.v[i].end, f->pat->sectors[d->sect.v[i].idx].id, -1);
	for (size_t i = 0; i < d->nev; i++)
		if (!d->ev[i].dropped)
			mention_add(f, EXTRACT_M_EVENT, d->ev[i].tstart,
			    d->ev[i].tend, f->pat->events[d->ev[i].type].type,
			    -1);
	for (size_t i = 0; i < d->nmou; i++)
		if (!d->mou[i].dropped)
			mention_add(f, EXTRACT_M_MOU, d->mou[i].tstart,
			    d->mou[i].tend, "mou", -1);
	if (f->r->nmentions > 1)
		qsort(f->r->mentions, f->r->nmentions,
		    sizeof(*f->r->mentions), mention_cmp);
}

static char **
sector_ids(const struct fill *f, uint32_t set, size_t *n)
{
	char **v = xcalloc(f->pat->nsectors + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < f->pat->nsectors && i < 32; i++)
		if (set & (1u << i))
			v[(*n)++] = xstrdup(f->pat->sectors[i].id);
	return v;
}

static void
events_fill(struct fill *f)
{
	const struct mention_doc *d = f->d;
	struct extract_result *r = f->r;

	r->events = xcalloc(d->nev + 1, sizeof(*r->events));
	for (size_t i = 0; i < d->nev; i++) {
		const struct mention_event *m = &d->ev[i];
		struct extract_event *ev;

		if (m->dropped)
			continue;
		ev = &r->events[r->nevents++];
		ev->type = xstrdup(f->pat->events[m->type].type);
		ev->name = xstrdup(m->name);
		date_iso(&m->date, ev->date);
		ev->location = xstrdup(place_value(f, m->place));
		ev->orgs = xcalloc(m->norgs + 1, sizeof(*ev->orgs));
		for (size_t k = 0; k < m->norgs; k++) {
			ev->orgs[k].org = m->orgs[k].org;
			ev->orgs[k].role = m->orgs[k].role;
		}
		ev->norgs = m->norgs;
		ev->sectors = sector_ids(f, m->sectors, &ev->nsectors);
		ev->span = span_of(f, m->start, m->end);
		ev->evidence = evidence(f, ev->span);
	}
}

static void
mous_fill(struct fill *f)
{
	const struct mention_doc *d = f->d;
	struct extract_result *r = f->r;

	r->mous = xcalloc(d->nmou + 1, sizeof(*r->mous));
	for (size_t i = 0; i < d->nmou; i++) {
		const struct mention_mou *m = &d->mou[i];
		struct extract_mou *mo;

		if (m->dropped)
			continue;
		mo = &r->mous[r->nmous++];
		date_iso(&m->date, mo->date);
		mo->location = xstrdup(place_value(f, m->place));
		mo->parties = xcalloc(m->nparties + 1, sizeof(*mo->parties));
		for (size_t k = 0; k < m->nparties; k++) {
			mo->parties[k].org = m->parties[k];
			mo->parties[k].role = EXTRACT_ROLE_PARTICIPANT;
		}
		mo->nparties = m->nparties;
		mo->span = span_of(f, m->start, m->end);
		mo->evidence = evidence(f, mo->span);
	}
}

void
extract_result_fill(struct extract_result *r, size_t len,
    const struct mention_doc *d, const struct text_norm *n)
{
	struct fill f = {r, len, d, n, NULL, d->voc->ents, d->voc->pat, 0};

	f.ix = text_index_new(r->text, len);
	r->orgs = xcalloc(d->norgs + 1, sizeof(*r->orgs));
	for (size_t i = 0; i < d->norgs; i++)
		org_fill(&f, &r->orgs[i], &d->orgs[i], i);
	r->norgs = d->norgs;
	events_fill(&f);
	mous_fill(&f);
	mentions_fill(&f);
	r->sectors = sector_ids(&f, d->sectors, &r->nsectors);
	text_index_free(f.ix);
}

void
extract_result_free(struct extract_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->norgs; i++) {
		free(r->orgs[i].name);
		free(r->orgs[i].canonical);
		free(r->orgs[i].entity_id);
		free(r->orgs[i].country);
		free(r->orgs[i].kind);
		for (size_t k = 0; k < r->orgs[i].ntags; k++)
			free(r->orgs[i].tags[k]);
		free(r->orgs[i].tags);
	}
	free(r->orgs);
	for (size_t i = 0; i < r->nmentions; i++) {
		free(r->mentions[i].surface);
		free(r->mentions[i].value);
	}
	free(r->mentions);
	for (size_t i = 0; i < r->nevents; i++) {
		free(r->events[i].type);
		free(r->events[i].name);
		free(r->events[i].location);
		free(r->events[i].orgs);
		for (size_t k = 0; k < r->events[i].nsectors; k++)
			free(r->events[i].sectors[k]);
		free(r->events[i].sectors);
		free(r->events[i].evidence);
	}
	free(r->events);
	for (size_t i = 0; i < r->nmous; i++) {
		free(r->mous[i].location);
		free(r->mous[i].parties);
		free(r->mous[i].evidence);
	}
	free(r->mous);
	for (size_t i = 0; i < r->nsectors; i++)
		free(r->sectors[i]);
	free(r->sectors);
	free(r->title);
	free(r->lang);
	free(r->text);
	free(r);
}
