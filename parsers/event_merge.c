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

void
event_merge(struct mention_doc *d)
{
	for (size_t i = 1; i < d->nev; i++) {
		struct mention_event *e = &d->ev[i];

		for (size_t j = i; j-- > 0;) {
			struct mention_event *f = &d->ev[j];

			if (f->dropped || f->type != e->type)
				continue;
			if (!dates_agree(&f->date, &e->date) ||
			    !names_agree(f->name, e->name))
				continue;
			event_absorb(f, e);
			break;
		}
	}
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
