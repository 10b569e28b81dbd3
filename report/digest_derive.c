/* SPDX-License-Identifier: ISC */
/*
 * What the digest derives from its items: counts per event type, links
 * between the Korean side and risk-tagged parties, Korean firms per
 * strategic sector, events and MOUs per week, and the organisation
 * network (nodes ordered for a deterministic circular layout).
 */
#include "digest.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmem.h"

static const char *const risk_tags[] = {"state_tech_transfer",
	"military_linked", "seven_sons", "mcf", "party_united_front",
	"watchlisted"};

bool
digest_has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *p = tags; p != NULL && *p != '\0';) {
		if (strncmp(p, tag, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

bool
digest_is_korean(const char *tags, const char *country)
{
	return digest_has_tag(tags, "korean_startup") ||
	    digest_has_tag(tags, "korean_government") ||
	    (country != NULL && strcmp(country, "KR") == 0);
}

bool
digest_is_risk(const char *tags)
{
	for (size_t i = 0; i < sizeof(risk_tags) / sizeof(risk_tags[0]); i++)
		if (digest_has_tag(tags, risk_tags[i]))
			return true;
	return false;
}

static void
types_add(struct digest *d, const struct digest_item *it)
{
	const char *t = it->mou ? "mou" : it->type;
	size_t i;

	for (i = 0; i < d->ntypes; i++)
		if (strcmp(d->types[i].type, t) == 0)
			break;
	if (i == d->ntypes) {
		d->types = xreallocarray(d->types, d->ntypes + 1,
		    sizeof(*d->types));
		d->types[d->ntypes].type = xstrdup(t);
		d->types[d->ntypes].groups = 0;
		d->types[d->ntypes++].reports = 0;
	}
	d->types[i].groups++;
	d->types[i].reports += (int)it->nreports;
}

static void
links_add(struct digest *d, const struct digest_item *it)
{
	struct digest_link *l;

	for (size_t i = 0; i < it->nparties; i++) {
		const struct digest_party *k = &it->parties[i];

		if (!digest_is_korean(k->tags, k->country))
			continue;
		for (size_t j = 0; j < it->nparties; j++) {
			const struct digest_party *r = &it->parties[j];

			if (i == j || !digest_is_risk(r->tags))
				continue;
			d->links = xreallocarray(d->links, d->nlinks + 1,
			    sizeof(*d->links));
			l = &d->links[d->nlinks++];
			l->korean = xstrdup(k->canonical);
			l->korean_tags = xstrdup(k->tags);
			l->risk = xstrdup(r->canonical);
			l->risk_tags = xstrdup(r->tags);
			l->via = xstrdup(it->mou ? "mou" : it->type);
			l->date = xstrdup(it->day);
			l->url = xstrdup(it->reports[0].url);
		}
	}
}

static bool
is_korean_firm(const struct digest_party *p)
{
	return digest_has_tag(p->tags, "korean_startup") ||
	    (p->country != NULL && strcmp(p->country, "KR") == 0 &&
		p->kind != NULL && strcmp(p->kind, "company") == 0);
}

static struct digest_sector *
sector_get(struct digest *d, const char *name, size_t len)
{
	for (size_t i = 0; i < d->nsectors; i++)
		if (strlen(d->sectors[i].sector) == len &&
		    strncmp(d->sectors[i].sector, name, len) == 0)
			return &d->sectors[i];
	d->sectors = xreallocarray(d->sectors, d->nsectors + 1,
	    sizeof(*d->sectors));
	memset(&d->sectors[d->nsectors], 0, sizeof(*d->sectors));
	d->sectors[d->nsectors].sector = xstrndup(name, len);
	return &d->sectors[d->nsectors++];
}

static void
firm_add(struct digest_sector *s, const char *firm, bool risk)
{
	size_t i;

	for (i = 0; i < s->nfirms; i++)
		if (strcmp(s->firms[i].canonical, firm) == 0)
			break;
	if (i == s->nfirms) {
		s->firms = xreallocarray(s->firms, s->nfirms + 1,
		    sizeof(*s->firms));
		s->firms[i].canonical = xstrdup(firm);
		s->firms[i].records = 0;
		s->firms[i].risk = false;
		s->nfirms++;
	}
	s->firms[i].records++;
	s->firms[i].risk |= risk;
}

static void
sectors_add(struct digest *d, const struct digest_item *it)
{
	bool risk = false;
	const char *p, *q;

	for (size_t i = 0; i < it->nparties; i++)
		risk |= digest_is_risk(it->parties[i].tags);
	for (p = it->sectors; p != NULL && *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		for (size_t i = 0; i < it->nparties; i++)
			if (is_korean_firm(&it->parties[i]))
				firm_add(sector_get(d, p, (size_t)(q - p)),
				    it->parties[i].canonical, risk);
	}
}

static int
sector_cmp(const void *a, const void *b)
{
	const struct digest_sector *x = a, *y = b;

	return strcmp(x->sector, y->sector);
}

static time_t
day_time(const char *s)
{
	struct tm tm = {0};
	char buf[11];

	memcpy(buf, s, 7);
	memcpy(buf + 7, strlen(s) >= 10 ? s + 7 : "-01", 4);
	buf[10] = '\0';
	if (strptime(buf, "%Y-%m-%d", &tm) == NULL)
		return 0;
	return timegm(&tm);
}

static void
weeks_build(struct digest *d)
{
	time_t from = day_time(d->since), to = day_time(d->until), t;
	struct tm tm;
	size_t w;

	gmtime_r(&from, &tm);
	from -= (time_t)((tm.tm_wday + 6) % 7) * 86400;	/* to Monday */
	if (to < from || (to - from) / (7 * 86400) > 520)
		return;		/* nonsense or over ten years: no chart */
	d->nweeks = (size_t)((to - from) / (7 * 86400)) + 1;
	d->weeks = xcalloc(d->nweeks, sizeof(*d->weeks));
	for (w = 0; w < d->nweeks; w++) {
		t = from + (time_t)w * 7 * 86400;
		gmtime_r(&t, &tm);
		strftime(d->weeks[w].start, 11, "%Y-%m-%d", &tm);
		t += 3 * 86400;
		gmtime_r(&t, &tm);
		strftime(d->weeks[w].month, 8, "%Y-%m", &tm);
	}
	for (size_t i = 0; i < d->nitems; i++) {
		t = day_time(d->items[i].day);
		if (t < from)
			t = from;	/* a month-only date before the start */
		w = (size_t)((t - from) / (7 * 86400));
		if (w >= d->nweeks)
			continue;
		if (d->items[i].mou)
			d->weeks[w].mous++;
		else
			d->weeks[w].events++;
	}
}

void
digest_derive(struct digest *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		types_add(d, &d->items[i]);
		links_add(d, &d->items[i]);
		sectors_add(d, &d->items[i]);
	}
	if (d->nsectors > 1)
		qsort(d->sectors, d->nsectors, sizeof(*d->sectors), sector_cmp);
	weeks_build(d);
	digest_network(d);
}
