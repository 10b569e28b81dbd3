/* SPDX-License-Identifier: ISC */
/*
 * One real event, one record. Reports mention an event in several
 * sentences ("KIC중국은 19일 '한중 기술이전 포럼'을 개최했다. … 이번 포럼에는
 * 200여 명이 참석했다."); an event of the same type merges into an earlier
 * one when their names agree (equal, or one holds the other) or one of
 * them has no name, and their dates do not contradict each other (equal
 * at the coarser precision, or one unknown). The merged record keeps the
 * first sentence as evidence and collects every organisation, role, date,
 * place and sector the mentions give. ▲/△ lines right after an event's
 * sentence list its participants and join it.
 */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define BULLET_LINES_MAX 12

static void party_add(struct mention_party **v, size_t *n,
    const struct mention_party *p);

static bool
dates_agree(const struct date_ymd *a, const struct date_ymd *b)
{
	if (a->y == 0 || b->y == 0)
		return true;
	if (a->y != b->y)
		return false;
	if (a->m == 0 || b->m == 0 || a->m != b->m)
		return a->m == 0 || b->m == 0;
	return a->d == 0 || b->d == 0 || a->d == b->d;
}

/* Name comparison ignores spaces and ASCII case: "K-데모데이" ~ "k-데모 데이". */
static char *
name_key(const char *s)
{
	char *k = xmalloc(strlen(s) + 1);
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ' ')
			continue;
		k[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
	}
	k[n] = '\0';
	return k;
}

static bool
names_agree(const char *a, const char *b)
{
	char *ka, *kb;
	bool ok;

	if (a == NULL || b == NULL)
		return true;
	ka = name_key(a);
	kb = name_key(b);
	ok = strstr(ka, kb) != NULL || strstr(kb, ka) != NULL;
	free(ka);
	free(kb);
	return ok;
}

void
event_party_add(struct mention_event *ev, const struct mention_party *p)
{
	party_add(&ev->orgs, &ev->norgs, p);
}

static void
party_add(struct mention_party **v, size_t *n, const struct mention_party *p)
{
	for (size_t i = 0; i < *n; i++) {
		if ((*v)[i].org != p->org)
			continue;
		if ((*v)[i].role == EXTRACT_ROLE_PARTICIPANT)
			(*v)[i].role = p->role;
		return;
	}
	if (*n >= MENTION_MAX_PARTIES)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = *p;
}

static bool
more_precise(const struct date_ymd *a, const struct date_ymd *b)
{
	return (a->y != 0) + (a->m != 0) + (a->d != 0) >
	    (b->y != 0) + (b->m != 0) + (b->d != 0);
}

static void
event_absorb(struct mention_event *to, struct mention_event *from)
{
	for (size_t i = 0; i < from->norgs; i++)
		party_add(&to->orgs, &to->norgs, &from->orgs[i]);
	if (more_precise(&from->date, &to->date))
		to->date = from->date;
	if (to->place < 0)
		to->place = from->place;
	if (from->name != NULL && (to->name == NULL ||
	    (from->quoted && !to->quoted))) {
		free(to->name);
		to->name = from->name;
		to->quoted = from->quoted;
		from->name = NULL;
	}
	to->sectors |= from->sectors;
	from->dropped = true;
}

/* An expo or forum runs several days; its parts fall within them. */
#define PART_SPAN_DAYS 6

static long
ymd_days(const struct date_ymd *x)
{
	int y = x->y, m = x->m ? x->m : 1;

	y -= m <= 2;
	return 365L * y + y / 4 - y / 100 + y / 400 +
	    (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + (x->d ? x->d : 1);
}

/* b falls on a or up to span days after it (both with a day). */
static bool
within_days(const struct date_ymd *a, const struct date_ymd *b, long span)
{
	long n;

	if (a->y == 0 || a->d == 0 || b->d == 0)
		return a->y == b->y && a->m == b->m && a->d == b->d;
	n = ymd_days(b) - ymd_days(a);
	return n >= 0 && n <= span;
}

/* Types that happen inside a larger event: a pitch session in a forum. */
static bool
is_part_type(const char *t)
{
	return strcmp(t, "roadshow") == 0 || strcmp(t, "seminar") == 0 ||
	    strcmp(t, "matching") == 0 || strcmp(t, "other") == 0 ||
	    strcmp(t, "competition") == 0;
}

static bool
is_container_type(const char *t)
{
	return strcmp(t, "forum") == 0 || strcmp(t, "demo_day") == 0 ||
	    strcmp(t, "expo") == 0 || strcmp(t, "competition") == 0;
}

/*
 * A roadshow, seminar, matching session, contest or other item without a
 * quoted title of its own, on the same day as a forum, demo day, expo or
 * competition of the document, or as any event with a title (the hackathon
 * of a maker day), or on no stated day, is part of it.
 */
static void
event_parts(struct mention_doc *d)
{
	const struct cfg_patterns *p = d->voc->pat;

	for (size_t i = 0; i < d->nev; i++) {
		struct mention_event *e = &d->ev[i];

		if (e->dropped || e->quoted ||
		    !is_part_type(p->events[e->type].type))
			continue;
		for (size_t j = 0; j < d->nev; j++) {
			struct mention_event *f = &d->ev[j];
			char *name = e->name;

			if (j == i || f->dropped || (!f->quoted &&
			    !is_container_type(p->events[f->type].type)))
				continue;
			if (e->date.y != 0 && !within_days(&f->date, &e->date,
			    strcmp(p->events[f->type].type, "expo") == 0 ||
			    strcmp(p->events[f->type].type, "forum") == 0 ?
			    PART_SPAN_DAYS : 0))
				continue;
			e->name = NULL;
			event_absorb(f, e);
			free(name);
			break;
		}
	}
}

/*
 * Startups at a demo day, forum or expo pitch or show: a company found by
 * its shape or a list, whose role the text leaves open, is an exhibitor
 * (a visit's or a signing ceremony's companies are not).
 */
static void
event_exhibitors(struct mention_doc *d)
{
	for (size_t i = 0; i < d->nev; i++) {
		struct mention_event *e = &d->ev[i];
		const char *t = d->voc->pat->events[e->type].type;

		if (e->dropped || strcmp(t, "visit") == 0 ||
		    strcmp(t, "ceremony") == 0)
			continue;
		for (size_t k = 0; k < e->norgs; k++) {
			const struct mention_org *o = &d->orgs[e->orgs[k].org];

			if (e->orgs[k].role == EXTRACT_ROLE_PARTICIPANT &&
			    o->entity < 0 && o->kind != NULL &&
			    strcmp(o->kind, "company") == 0)
				e->orgs[k].role = EXTRACT_ROLE_EXHIBITOR;
		}
	}
}

/*
 * A trigger with neither a day, an organisation nor a title is talk about
 * events in general (支持企业参加国际展会), not a report of one; a visit
 * needs a visitor or a host.
 */
static void
event_unfounded(struct mention_doc *d)
{
	for (size_t i = 0; i < d->nev; i++) {
		struct mention_event *e = &d->ev[i];

		if (e->dropped || e->quoted || e->norgs > 0)
			continue;
		/* a visit is of someone: without one, "친지 방문" in a notice */
		if (e->date.y == 0 ||
		    strcmp(d->voc->pat->events[e->type].type, "visit") == 0)
			e->dropped = true;
	}
}

void
event_merge(struct mention_doc *d)
{
	for (size_t i = 1; i < d->nev; i++) {
		struct mention_event *e = &d->ev[i];

		for (size_t j = i; j-- > 0;) {
			struct mention_event *f = &d->ev[j];

			if (f->dropped || strcmp(d->voc->pat->events[f->type].type,
			    d->voc->pat->events[e->type].type) != 0)
				continue;
			/* a bare "박람회" with no day is the expo already named */
			if (e->name == NULL && f->name != NULL && e->date.y == 0) {
				e->date = f->date;
				event_absorb(f, e);
				break;
			}
			if (!dates_agree(&f->date, &e->date) ||
			    !names_agree(f->name, e->name))
				continue;
			event_absorb(f, e);
			break;
		}
	}
	event_parts(d);
	event_exhibitors(d);
	event_unfounded(d);
}

static size_t
orgs_in(const struct mention_doc *d, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = mention_om_from(d, a); i < d->nom && d->om[i].start < b;
	    i++)
		n += !d->om[i].nested && !d->om[i].modifier;
	return n;
}

void
event_anaphora(struct mention_doc *d, size_t si)
{
	size_t a = d->sent[si].start, b = d->sent[si].end, n;
	struct mention_event *ev = NULL;
	struct mention_party *p = NULL;

	for (size_t i = d->nev; i-- > 0;)
		if (!d->ev[i].dropped) {
			ev = &d->ev[i];
			break;
		}
	if (ev == NULL || ev->last_sent + 4 < si)
		return;
	/*
	 * "이번 행사는 …"; roles given right after the event's sentence; or
	 * the next sentence listing organisations (A, B, C 등이 …).
	 */
	if (!mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_ANAPHORA, a, b) &&
	    !mention_has_cue(d, MK_BIT(MK_EVENT), (long)ev->type, a, b) &&
	    !(ev->last_sent + 2 >= si &&
	    mention_has_cue(d, MK_BIT(MK_ROLE), -1, a, b) &&
	    !mention_has_cue(d, MK_BIT(MK_MOU) | MK_BIT(MK_EVENT), -1, a, b)) &&
	    !(ev->last_sent + 1 == si && orgs_in(d, a, b) >= 2 &&
	    !mention_has_cue(d, MK_BIT(MK_MOU) | MK_BIT(MK_EVENT), -1, a, b)))
		return;
	ev->last_sent = si;
	n = mention_roles(d, a, b, &p);
	for (size_t i = 0; i < n; i++)
		party_add(&ev->orgs, &ev->norgs, &p[i]);
	free(p);
	ev->sectors |= mention_sectors_in(d, a, b);
	if (ev->place < 0)
		ev->place = mention_place_near(d, a, b, b);
	if (ev->date.y == 0)
		ev->date = mention_date_near(d, a, b, a);
}

static bool
starts_with_bullet(const struct mention_doc *d, size_t a, size_t b)
{
	while (a < b && d->s[a] == ' ')
		a++;
	return mention_word_at(&d->voc->pat->bullets, d->s, a, b) > 0;
}

/* The role the event sentence gives its listed participants (참석, 参展). */
static enum extract_role
bullet_role(const struct mention_doc *d, const struct mention_event *ev)
{
	enum extract_role r = EXTRACT_ROLE_PARTICIPANT;

	for (size_t k = mention_hits_from(d, ev->start); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= ev->end)
			break;
		if (h->kind == MK_ROLE)
			r = mention_role_parse(d->voc->pat->roles[h->idx / 2].role);
	}
	return r;
}

void
event_bullets(struct mention_doc *d, struct mention_event *ev, size_t sent)
{
	enum extract_role r = bullet_role(d, ev);

	for (size_t si = sent + 1; si < d->nsent && si <= sent +
	    BULLET_LINES_MAX; si++) {
		struct mention_party *p = NULL;
		size_t n;

		if (!starts_with_bullet(d, d->sent[si].start, d->sent[si].end))
			break;
		n = mention_roles(d, d->sent[si].start, d->sent[si].end, &p);
		for (size_t i = 0; i < n; i++) {
			if (p[i].role == EXTRACT_ROLE_PARTICIPANT)
				p[i].role = r;
			party_add(&ev->orgs, &ev->norgs, &p[i]);
		}
		free(p);
	}
}
