/* SPDX-License-Identifier: ISC */
/*
 * Events: a trigger word (포럼, 데모데이, 论坛, 路演 …, or an organisation
 * that is itself an event series, such as 中关村论坛 or the CIIE) in a
 * sentence that says something happens (개최, 열린, 举办, 参加, a role cue
 * or a quoted title). Triggers inside an organisation's name
 * (中关村论坛有限公司), followed by what makes them something else
 * (방문객, 人民大会堂, 访问学者, 중관촌포럼 회사) or by "the website" (홈페이지를
 * 방문) are not events. Weak triggers (방문, 부스) make an event only in a
 * sentence without a strong one. A sentence that only refers to a past
 * event (지난해 열린 포럼에서 만난 …) makes none: a "met at" cue always
 * voids it, a "past" cue when the event's date is unknown or more than 90
 * days before publication.
 */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define EV_NOT_EVENT_WINDOW 18	/* bytes before a trigger for 홈페이지 */
#define EV_PAST_DAYS 90
#define EV_SETTING_DAYS 30	/* "지난 6월 … 대회에서 수상한": history */
#define EV_MAX_TRIGGERS 4096

struct ev_trig {
	size_t start, end;
	size_t type;		/* index into pat->events */
	bool weak;
	long om;		/* an event-series organisation, else -1 */
};

struct ev_trigs {
	struct ev_trig *v;
	size_t n, cap;
};

static long
type_index(const struct cfg_patterns *p, const char *type)
{
	if (type == NULL)
		return -1;
	for (size_t i = 0; i < p->nevents; i++)
		if (strcmp(p->events[i].type, type) == 0)
			return (long)i;
	return -1;
}

static void
trig_push(struct ev_trigs *t, size_t start, size_t end, size_t type,
    bool weak, long om)
{
	if (t->n >= EV_MAX_TRIGGERS)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].start = start;
	t->v[t->n].end = end;
	t->v[t->n].type = type;
	t->v[t->n].weak = weak;
	t->v[t->n++].om = om;
}

static bool
ko_right_ok(const struct mention_doc *d, size_t end)
{
	size_t j = end;

	if (end >= d->len || !mention_is_hangul(mention_next(d->s, d->len, &j)))
		return true;
	return mention_particles_len(d, end, d->len) > 0 ||
	    mention_word_at(&d->voc->pat->trigger_continuations, d->s, end,
	    d->len) > 0;
}

/* A cue of class cue starting right after end (a space between allowed). */
static bool
cue_right_after(const struct mention_doc *d, size_t end, enum cfg_cue cue)
{
	size_t i = end;

	/* 푸장혁신포럼(浦江创新论坛)의 국제 세션: over the bracket too */
	if (i < d->len && d->s[i] == '(') {
		const char *c = memchr(d->s + i, ')', d->len - i < 80 ?
		    d->len - i : 80);

		if (c != NULL)
			i = (size_t)(c - d->s) + 1;
	}
	while (i < d->len && (d->s[i] == ')' || d->s[i] == ' ') &&
	    i < end + 80)
		i++;
	for (size_t k = mention_hits_from(d, i); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start > i)
			break;
		if (h->kind == MK_CUE && h->idx == (uint32_t)cue)
			return true;
	}
	return false;
}

/* ▲중국혁신창업대회 참가 지원: a topic bullet of a signing, not an event. */
static bool
in_mou_topics(const struct mention_doc *d, size_t at)
{
	size_t si = mention_sentence_of(d, at), a;

	if (si >= d->nsent)
		return false;
	a = d->sent[si].start;
	/* a bullet after a signing word, before the trigger */
	for (size_t k = mention_hits_from(d, a); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= at)
			break;
		if (h->kind != MK_MOU)
			continue;
		for (size_t i = h->end; i < at; i++)
			if (mention_word_at(&d->voc->pat->bullets, d->s, i,
			    at) > 0 && d->s[i] != '-' && d->s[i] != '*')
				return true;
		return false;
	}
	return false;
}

/* "KIC중국을 찾아" is a visit; "해법을 찾아" is not. */
static bool
object_is_named(const struct mention_doc *d, const struct gaz_hit *h)
{
	size_t b = h->start;

	if (h->end - h->start < 3 || (memcmp(d->s + h->start, "을", 3) != 0 &&
	    memcmp(d->s + h->start, "를", 3) != 0))
		return true;
	/* 글로벌혁신센터(KIC중국)를 찾아: over the bracket */
	if (b > 0 && d->s[b - 1] == ')') {
		const char *o = memrchr(d->s, '(', b - 1);

		if (o != NULL && b - (size_t)(o - d->s) < 60)
			b = (size_t)(o - d->s);
	}
	return b > 0 && mention_om_at(d, b - 1) != NULL;
}

static bool
trigger_ok(const struct mention_doc *d, const struct gaz_hit *h)
{
	size_t k = h->start, from;

	if (!object_is_named(d, h))
		return false;

	if (mention_om_at(d, h->start) != NULL)
		return false;
	if (mention_is_hangul(mention_next(d->s, d->len, &k)) &&
	    !ko_right_ok(d, h->end))
		return false;
	if (mention_word_at(&d->voc->trigger_not_before, d->s, h->end,
	    d->len) > 0)
		return false;
	if (cue_right_after(d, h->end, CFG_CUE_UMBRELLA) ||
	    event_in_speech(d, h->start, h->end) || in_mou_topics(d, h->start))
		return false;
	from = h->start > EV_NOT_EVENT_WINDOW ? h->start - EV_NOT_EVENT_WINDOW :
	    0;
	return !mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_NOT_EVENT, from,
	    h->start);
}

/* "as part of the Pujiang Innovation Forum": the frame, not the event. */
static bool
umbrella_before(const struct mention_doc *d, size_t start)
{
	size_t from = start > 24 ? start - 24 : 0;

	for (size_t k = mention_hits_from(d, from); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= start)
			break;
		if (h->kind == MK_CUE && h->idx == CFG_CUE_UMBRELLA &&
		    start - h->end <= 6)
			return true;
	}
	return false;
}

static int
trig_cmp(const void *x, const void *y)
{
	const struct ev_trig *a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start;
}

static void
collect_triggers(const struct mention_doc *d, struct ev_trigs *t)
{
	const struct cfg_patterns *p = d->voc->pat;
	struct gaz_hits sel = {0};

	gaz_select(&d->hits, MK_BIT(MK_EVENT), &sel);
	for (size_t i = 0; i < sel.n; i++)
		if (trigger_ok(d, &sel.v[i]))
			trig_push(t, sel.v[i].start, sel.v[i].end, sel.v[i].idx,
			    p->events[sel.v[i].idx].weak, -1);
	gaz_hits_free(&sel);
	for (size_t i = 0; i < d->nom; i++) {
		const struct mention_om *m = &d->om[i];
		const struct mention_org *o = &d->orgs[m->org];
		long ty;

		if (m->nested || o->entity < 0)
			continue;
		ty = type_index(p, o->kind);
		if (ty < 0 || cue_right_after(d, m->end, CFG_CUE_ORG_AFTER) ||
		    cue_right_after(d, m->end, CFG_CUE_UMBRELLA) ||
		    umbrella_before(d, m->start) ||
		    event_in_speech(d, m->start, m->end))
			continue;
		trig_push(t, m->start, m->end, (size_t)ty, false, (long)i);
	}
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), trig_cmp);
}

static long
days_from_civil(int y, int m, int dd)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Days from a to b, taking missing month/day as the first. */
static long
days_between(const struct date_ymd *a, const struct date_ymd *b)
{
	return days_from_civil(b->y, b->m ? b->m : 1, b->d ? b->d : 1) -
	    days_from_civil(a->y, a->m ? a->m : 1, a->d ? a->d : 1);
}

/* "…연 K-데모데이에서 최우수상을 받으며": the event is a setting. */
static bool
is_setting(const struct mention_doc *d, size_t end)
{
	size_t i = end;

	if (i < d->len && d->s[i] == ' ')
		i++;
	while (i < d->len && (d->s[i] == '\'' || (unsigned char)d->s[i] == 0xe2))
		i += d->s[i] == '\'' ? 1 : 3;
	return (i + 6 <= d->len && memcmp(d->s + i, "에서", 6) == 0) ||
	    (i + 3 <= d->len && memcmp(d->s + i, "上", 3) == 0);
}

/* A year-only or old date before the trigger in the sentence. */
static bool
old_date_before(const struct mention_doc *d, size_t a, size_t t)
{
	for (size_t i = 0; i < d->ndm && d->dm[i].start < t; i++) {
		const struct date_mention *m = &d->dm[i];

		if (m->start < a || d->pub.y == 0)
			continue;
		if (m->date.y < d->pub.y ||
		    days_between(&m->date, &d->pub) > EV_SETTING_DAYS)
			return true;
	}
	return false;
}

static bool
event_is_past(const struct mention_doc *d, size_t a, size_t b,
    const struct ev_trig *t, const struct date_ymd *date)
{
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_MET_AT, a, b))
		return true;
	if (is_setting(d, t->end) && old_date_before(d, a, t->start))
		return true;
	if (!mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PAST, a, b))
		return false;
	if (date->y == 0 || d->pub.y == 0)
		return true;
	return days_between(date, &d->pub) > EV_PAST_DAYS;
}

/* Something in the sentence says the event takes place. */
static bool
event_confirmed(const struct mention_doc *d, size_t a, size_t b,
    const struct ev_trig *t, bool quoted)
{
	const char *type = d->voc->pat->events[t->type].type;

	if (quoted || t->om >= 0 || strcmp(type, "visit") == 0)
		return true;
	return mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_EVENT_VERB, a, b) ||
	    mention_has_cue(d, MK_BIT(MK_ROLE), -1, a, b);
}

static struct mention_event *
event_new(struct mention_doc *d)
{
	struct mention_event *ev;

	if (d->nev >= MENTION_MAX_EVENTS)
		return NULL;
	d->ev = xreallocarray(d->ev, d->nev + 1, sizeof(*d->ev));
	ev = &d->ev[d->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->place = -1;
	return ev;
}

/* The organisation that is the event itself is not among its parties. */
static void
drop_self(struct mention_event *ev, size_t org)
{
	size_t w = 0;

	for (size_t i = 0; i < ev->norgs; i++)
		if (ev->orgs[i].org != org)
			ev->orgs[w++] = ev->orgs[i];
	ev->norgs = w;
}

static char *
trig_name(const struct mention_doc *d, size_t a, size_t b,
    const struct ev_trig *t, bool *quoted)
{
	const struct mention_om *m;

	if (t->om < 0)
		return event_name(d, a, b, t->start, t->end, quoted);
	m = &d->om[t->om];
	*quoted = true;
	return xstrndup(d->s + m->start, m->end - m->start);
}

static bool
same_name(const char *x, const char *y)
{
	return x != NULL && y != NULL && strcmp(x, y) == 0;
}

/* Another trigger of a sentence that already has an event: a new event
   only when it has a name of its own. */
static bool
sentence_has(const struct mention_doc *d, size_t first, const char *name)
{
	if (first >= d->nev)
		return false;
	if (name == NULL)
		return true;
	for (size_t i = first; i < d->nev; i++)
		if (same_name(d->ev[i].name, name) || (d->ev[i].name != NULL &&
		    strstr(d->ev[i].name, name) != NULL))
			return true;
	return false;
}

/* A signing ceremony: the day and the signatories of its MOU. */
static void
ceremony_fill(const struct mention_doc *d, struct mention_event *ev)
{
	const struct mention_mou *best = NULL;
	size_t dist = SIZE_MAX;

	if (strcmp(d->voc->pat->events[ev->type].type, "ceremony") != 0)
		return;
	for (size_t i = 0; i < d->nmou; i++) {
		const struct mention_mou *m = &d->mou[i];
		size_t dd = m->start > ev->start ? m->start - ev->start :
		    ev->start - m->start;

		if (!m->dropped && dd < dist) {
			dist = dd;
			best = m;
		}
	}
	if (best == NULL)
		return;
	if (ev->date.y == 0)
		ev->date = best->date;
	/* signatories are participants, everyone else there attends */
	for (size_t k = 0; k < ev->norgs; k++)
		if (ev->orgs[k].role == EXTRACT_ROLE_PARTICIPANT)
			ev->orgs[k].role = EXTRACT_ROLE_ATTENDEE;
	for (size_t i = 0; i < best->nparties; i++) {
		struct mention_party p = {best->parties[i],
		    EXTRACT_ROLE_PARTICIPANT};
		size_t k;

		for (k = 0; k < ev->norgs && ev->orgs[k].org != p.org; k++)
			;
		if (k < ev->norgs) {
			ev->orgs[k].role = EXTRACT_ROLE_PARTICIPANT;
			continue;
		}
		event_party_add(ev, &p);
	}
}

/* The last event (or signing) before byte a that has a date. */
static struct date_ymd
date_of_previous(const struct mention_doc *d, size_t a)
{
	struct date_ymd best = {0, 0, 0};
	size_t at = 0;

	for (size_t i = 0; i < d->nev; i++)
		if (!d->ev[i].dropped && d->ev[i].date.y != 0 &&
		    d->ev[i].start < a && d->ev[i].start >= at) {
			best = d->ev[i].date;
			at = d->ev[i].start;
		}
	for (size_t i = 0; i < d->nmou; i++)
		if (!d->mou[i].dropped && d->mou[i].date.y != 0 &&
		    d->mou[i].start < a && d->mou[i].start >= at) {
			best = d->mou[i].date;
			at = d->mou[i].start;
		}
	return best;
}

static struct date_ymd
date_add_days(const struct date_ymd *x, long n)
{
	struct date_ymd r = *x;
	long z;
	long era, doe, yoe, doy, mp;

	if (x->y == 0 || x->d == 0)
		return r;
	z = days_from_civil(x->y, x->m, x->d) + n + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

/* "- 일시: 2024년 3월 12일": a date line among the lines after si. */
static struct date_ymd
date_from_labels(const struct mention_doc *d, size_t si)
{
	struct date_ymd none = {0, 0, 0};

	for (size_t k = si + 1; k < d->nsent && k <= si + 6; k++) {
		size_t a = d->sent[k].start, b = d->sent[k].end;

		if (!mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_DATE_LABEL, a,
		    a + 24 < b ? a + 24 : b))
			continue;
		for (size_t i = 0; i < d->ndm; i++)
			if (d->dm[i].start >= a && d->dm[i].end <= b &&
			    d->dm[i].date.m > 0)
				return d->dm[i].date;
	}
	return none;
}

/*
 * The day of an event: relative to the event before (이튿날, 此前一天)
 * when the sentence says so, else the sentence's own date, else the day
 * of the event it follows (협약식에 이어), else a date line after it.
 */
static struct date_ymd
event_date(const struct mention_doc *d, size_t si, size_t anchor)
{
	size_t a = d->sent[si].start, b = d->sent[si].end;
	struct date_ymd date;

	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_NEXT_DAY, a, b)) {
		date = date_of_previous(d, a);
		if (date.d != 0)
			return date_add_days(&date, 1);
	}
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PREV_DAY, a, b)) {
		date = date_of_previous(d, a);
		if (date.d != 0)
			return date_add_days(&date, -1);
	}
	date = mention_date_near(d, a, b, anchor);
	if (date.y == 0 &&
	    mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_SEQUEL, a, b))
		date = date_of_previous(d, a);
	if (date.y == 0)
		date = date_from_labels(d, si);
	return date;
}

/* "참가 기업들은 22일 …": the companies of the event before take part. */
static void
participants_of_previous(const struct mention_doc *d,
    struct mention_event *ev)
{
	for (size_t i = d->nev - 1; i-- > 0;) {
		const struct mention_event *f = &d->ev[i];

		if (f->dropped)
			continue;
		for (size_t k = 0; k < f->norgs; k++) {
			struct mention_party p = f->orgs[k];

			if (p.role != EXTRACT_ROLE_EXHIBITOR &&
			    p.role != EXTRACT_ROLE_PARTICIPANT)
				continue;
			p.role = EXTRACT_ROLE_PARTICIPANT;
			event_party_add(ev, &p);
		}
		return;
	}
}

static bool
mou_in(const struct mention_doc *d, size_t a, size_t b)
{
	for (size_t i = 0; i < d->nmou; i++)
		if (!d->mou[i].dropped && d->mou[i].start == a &&
		    d->mou[i].end == b)
			return true;
	return false;
}

/* An event of this sentence already stands for that organisation. */
static bool
org_event_in(const struct mention_doc *d, size_t first, size_t org)
{
	for (size_t i = first; i < d->nev; i++)
		if (d->ev[i].torg == (long)org)
			return true;
	return false;
}

static void
event_add(struct mention_doc *d, size_t si, const struct ev_trig *t,
    char *name, bool quoted)
{
	size_t a = d->sent[si].start, b = d->sent[si].end;
	struct mention_event *ev = event_new(d);

	if (ev == NULL) {
		free(name);
		return;
	}
	ev->type = t->type;
	ev->start = a;
	ev->end = b;
	ev->tstart = t->start;
	ev->tend = t->end;
	ev->name = name;
	ev->quoted = quoted;
	ev->date = event_date(d, si, t->start);
	ev->torg = t->om >= 0 ? (long)d->om[t->om].org : -1;
	ev->last_sent = si;
	ev->place = mention_place_near(d, a, b, t->start);
	if (ev->place < 0)
		ev->place = mention_place_fallback(d, si);
	ev->norgs = mention_roles(d, a, b, &ev->orgs);
	if (t->om >= 0)
		drop_self(ev, d->om[t->om].org);
	ev->sectors = mention_sectors_in(d, a, b);
	event_bullets(d, ev, si);
	ceremony_fill(d, ev);
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PARTICIPANTS, a, b))
		participants_of_previous(d, ev);
}

static void
event_sentence(struct mention_doc *d, size_t si, const struct ev_trig *t,
    size_t n)
{
	size_t a = d->sent[si].start, b = d->sent[si].end, first = d->nev;
	bool strong = false, quoted, recap;

	/* a plan, or what an agreement provides for (根据备忘录，双方将…) */
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PLAN, a, b) ||
	    (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_REFERENCE, a, b) &&
	    mention_has_cue(d, MK_BIT(MK_MOU), -1, a, b)))
		return;
	recap = mention_word_at(&d->voc->pat->bullets, d->s, a, b) > 0;
	for (size_t i = 0; i < n; i++)
		strong |= !t[i].weak;
	for (size_t i = 0; i < n; i++) {
		char *name;
		struct date_ymd date;

		/* a recap line (▲4월: 시찰 및 매칭회) lists each event */
		if (t[i].weak && (strong || d->nev > first) && !recap)
			continue;
		if (t[i].om >= 0 && org_event_in(d, first,
		    d->om[t[i].om].org))
			continue;
		name = trig_name(d, a, b, &t[i], &quoted);
		/* "박람회 개막 이튿날인 6일 … MOU를 맺었다": the signing is news */
		if (name == NULL && t[i].om < 0 && mou_in(d, a, b) &&
		    strcmp(d->voc->pat->events[t[i].type].type, "ceremony")) {
			free(name);
			continue;
		}
		if (sentence_has(d, first, name) ||
		    !event_confirmed(d, a, b, &t[i], quoted)) {
			free(name);
			continue;
		}
		date = event_date(d, si, t[i].start);
		if (event_is_past(d, a, b, &t[i], &date) ||
		    (date.m == 0 && mention_has_cue(d, MK_BIT(MK_CUE),
		    CFG_CUE_FUTURE, a, b))) {
			free(name);
			continue;
		}
		event_add(d, si, &t[i], name, quoted);
	}
}

void
event_find(struct mention_doc *d)
{
	struct ev_trigs t = {0};
	size_t k = 0;

	collect_triggers(d, &t);
	for (size_t si = 0; si < d->nsent; si++) {
		size_t from, before = d->nev;

		while (k < t.n && t.v[k].start < d->sent[si].start)
			k++;
		from = k;
		while (k < t.n && t.v[k].end <= d->sent[si].end)
			k++;
		if (k > from)
			event_sentence(d, si, t.v + from, k - from);
		if (d->nev == before)
			event_anaphora(d, si);
	}
	free(t.v);
	event_merge(d);
}
