/* SPDX-License-Identifier: ISC */
/*
 * Signings (MOUs, cooperation agreements). A sentence signs when it holds
 * a trigger noun (업무협약, MOU, 合作协议 …) and a signing verb (체결, 맺,
 * 签署 …), or a word that is a signing by itself (협약식, 签约仪式). Not a
 * signing: an agreement referred to (협약에 따라, 根据…协议), one signed long
 * ago (지난해 체결한 …, more than 90 days before publication).
 * Parties are the organisations of the sentence before its last signing
 * word (A는 B와 …를 체결; A与B签署; A、B、C三方签署), without those present
 * in another role (장관이 참석한 가운데, 在D的见证下), nor ▲/△ topics, which
 * follow the verb. 양 기관/双方/三方 with too few parties named take them
 * from the sentences before; a Korean sentence naming only the partner
 * (B와 MOU를 체결했다) takes its subject from the sentence before.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define MOU_REF_AFTER 12	/* 협약에 따라: bytes after a trigger */
#define MOU_REF_BEFORE 40	/* 根据…协议: bytes before a trigger */
#define MOU_LOOKBACK 3		/* sentences searched for omitted parties */
#define MOU_PAST_DAYS 90

struct mou_words {
	bool trigger, verb, strong;
	size_t first, first_end;	/* the first signing word */
	size_t last;		/* end of the last one */
};

static void
mou_words(const struct mention_doc *d, size_t a, size_t b,
    struct mou_words *w)
{
	memset(w, 0, sizeof(*w));
	w->first = b;
	for (size_t k = mention_hits_from(d, a); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= b)
			break;
		if (h->kind != MK_MOU || h->end > b ||
		    mention_om_at(d, h->start) != NULL)
			continue;
		w->trigger |= h->idx == MOU_TRIGGER;
		w->verb |= h->idx == MOU_VERB;
		w->strong |= h->idx == MOU_STRONG;
		if (h->start < w->first) {
			w->first = h->start;
			w->first_end = h->end;
		}
		if (h->end > w->last)
			w->last = h->end;
	}
}

/* 협약에 따라, 根据…协议, 지난해 체결한 MOU를 바탕으로. */
static bool
mou_is_reference(const struct mention_doc *d, size_t a, size_t b,
    const struct mou_words *w)
{
	size_t from = w->first > a + MOU_REF_BEFORE ?
	    w->first - MOU_REF_BEFORE : a;

	for (size_t k = mention_hits_from(d, from); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= b || h->start > w->last + MOU_REF_AFTER)
			break;
		if (h->kind == MK_CUE && h->idx == CFG_CUE_REFERENCE)
			return true;
	}
	return false;
}

static long
days(const struct date_ymd *x)
{
	int y = x->y, m = x->m ? x->m : 1;

	y -= m <= 2;
	return 365L * y + y / 4 - y / 100 + y / 400 +
	    (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + (x->d ? x->d : 1);
}

static bool
mou_is_past(const struct mention_doc *d, size_t a, size_t b,
    const struct date_ymd *date)
{
	if (!mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_PAST, a, b) &&
	    !mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_MET_AT, a, b))
		return false;
	if (date->y == 0 || d->pub.y == 0)
		return true;
	return days(&d->pub) - days(date) > MOU_PAST_DAYS;
}

static bool
party_role_ok(enum extract_role r)
{
	return r == EXTRACT_ROLE_PARTICIPANT || r == EXTRACT_ROLE_HOST ||
	    r == EXTRACT_ROLE_COHOST;
}

static bool
has_party(const struct mention_mou *m, size_t org)
{
	for (size_t i = 0; i < m->nparties; i++)
		if (m->parties[i] == org)
			return true;
	return false;
}

static void
party_push(struct mention_mou *m, size_t org)
{
	if (has_party(m, org) || m->nparties >= MENTION_MAX_PARTIES)
		return;
	m->parties = xreallocarray(m->parties, m->nparties + 1,
	    sizeof(*m->parties));
	m->parties[m->nparties++] = org;
}

/* "이좡 로봇산업단지에서 체결됐다": where it was signed, not who signed. */
static bool
org_is_scene(const struct mention_doc *d, size_t org, size_t a, size_t b)
{
	for (size_t i = mention_om_from(d, a); i < d->nom && d->om[i].start < b;
	    i++)
		if (d->om[i].org == org && d->om[i].end + 6 <= d->len &&
		    memcmp(d->s + d->om[i].end, "에서", 6) == 0 &&
		    (d->om[i].end + 9 > d->len ||
		    memcmp(d->s + d->om[i].end + 6, "는", 3) != 0))
			return true;
	return false;
}

/*
 * Korean puts the parties before the verb (A는 B와 … 체결했다) and topics
 * after it; Chinese and English may name the partner after it (签署了…,
 * signed … with B), so they use the whole sentence.
 */
static void
mou_parties(const struct mention_doc *d, size_t a, size_t b,
    const struct mou_words *w, struct mention_mou *m)
{
	struct mention_party *p = NULL;
	size_t k = w->first, n, end = b;

	if (mention_is_hangul(mention_next(d->s, b, &k)) && w->last > a)
		end = w->last;
	n = mention_roles(d, a, end, &p);
	if (n == 0) {
		free(p);
		n = mention_roles(d, a, b, &p);
	}
	for (size_t i = 0; i < n; i++)
		if (party_role_ok(p[i].role) && !org_is_scene(d, p[i].org, a, b))
			party_push(m, p[i].org);
	free(p);
}

/* The organisation the document speaks of most (its publisher, usually). */
static long
main_org(const struct mention_doc *d)
{
	long best = -1;

	for (size_t i = 0; i < d->norgs; i++)
		if (best < 0 || d->orgs[i].nmentions >
		    d->orgs[best].nmentions)
			best = (long)i;
	return best;
}

/* A later sentence about a signing already recorded: its day, if new. */
static void
mou_refine(struct mention_doc *d, size_t a, size_t b, size_t anchor)
{
	struct mention_mou *m = &d->mou[d->nmou - 1];
	struct date_ymd date;

	if (m->date.y != 0 && m->date.d != 0)
		return;
	date = mention_date_near(d, a, b, anchor);
	if (date.y != 0 && (m->date.y == 0 || date.d != 0))
		m->date = date;
}

static bool
topic_after(const struct mention_doc *d, size_t end)
{
	static const char *const topic[] = {"은", "는", "이", "가", "측은"};
	size_t n = mention_word_at(&d->voc->pat->particles, d->s, end, d->len);

	for (size_t i = 0; i < sizeof(topic) / sizeof(topic[0]); i++)
		if (n == strlen(topic[i]) && memcmp(d->s + end, topic[i], n) == 0)
			return true;
	return false;
}

/*
 * 双方/양 기관 with too few parties named: the organisations of a sentence
 * before, in a role a party can have (not 见证, 참석). A sentence naming
 * enough of them wins over nearer ones naming fewer.
 */
static void
mou_lookback(const struct mention_doc *d, size_t si, size_t want,
    bool topic_only, struct mention_mou *m)
{
	size_t best = SIZE_MAX, bestn = 0;

	for (size_t k = 1; k <= MOU_LOOKBACK && k <= si; k++) {
		struct mention_party *p = NULL;
		size_t n = mention_roles(d, d->sent[si - k].start,
		    d->sent[si - k].end, &p), ok = 0;

		for (size_t i = 0; i < n; i++)
			ok += party_role_ok(p[i].role) && !has_party(m, p[i].org);
		free(p);
		if (ok > bestn) {
			bestn = ok;
			best = si - k;
		}
		if (m->nparties + ok >= want)
			break;
	}
	if (best == SIZE_MAX)
		return;
	for (size_t i = mention_om_from(d, d->sent[best].start); i < d->nom &&
	    d->om[i].start < d->sent[best].end && m->nparties < want; i++) {
		const struct mention_om *o = &d->om[i];
		struct mention_party *p = NULL;
		size_t n;
		bool ok = false;

		if (o->nested || o->modifier ||
		    (topic_only && !topic_after(d, o->end)))
			continue;
		n = mention_roles(d, d->sent[best].start, d->sent[best].end, &p);
		for (size_t j = 0; j < n; j++)
			ok |= p[j].org == o->org && party_role_ok(p[j].role);
		free(p);
		if (ok)
			party_push(m, o->org);
	}
}

static size_t
mou_named_parties(const struct mention_doc *d, size_t a, size_t b,
    const struct mou_words *w)
{
	struct mention_mou tmp = {0};
	size_t n;

	mou_parties(d, a, b, w, &tmp);
	n = tmp.nparties;
	free(tmp.parties);
	return n;
}

static struct mention_mou *
mou_new(struct mention_doc *d)
{
	struct mention_mou *m;

	if (d->nmou >= MENTION_MAX_EVENTS)
		return NULL;
	d->mou = xreallocarray(d->mou, d->nmou + 1, sizeof(*d->mou));
	m = &d->mou[d->nmou];
	memset(m, 0, sizeof(*m));
	m->place = -1;
	return m;
}

static void
mou_sentence(struct mention_doc *d, size_t si)
{
	size_t a = d->sent[si].start, b = d->sent[si].end;
	struct mou_words w;
	struct mention_mou *m;
	struct date_ymd date;

	mou_words(d, a, b, &w);
	if (!w.strong && !(w.trigger && w.verb))
		return;
	if (mou_is_reference(d, a, b, &w))
		return;
	/* "협약식에는 … 참석했다", "협약은 지난 27일 … 체결됐다" */
	if (d->nmou > 0 && (!(w.trigger && w.verb) ||
	    mou_named_parties(d, a, b, &w) < 2)) {
		mou_refine(d, a, b, w.first);
		return;
	}
	date = mention_date_near(d, a, b, w.first);
	if (date.y == 0 && mention_has_cue(d, MK_BIT(MK_CUE),
	    CFG_CUE_UMBRELLA, a, b))
		date = mention_date_near(d, 0, a, a);
	if (mou_is_past(d, a, b, &date) || (m = mou_new(d)) == NULL)
		return;
	mou_parties(d, a, b, &w, m);
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_THREE, a, b))
		mou_lookback(d, si, 3, false, m);
	else if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_BOTH, a, b))
		mou_lookback(d, si, 2, false, m);
	else if (m->nparties == 1)
		mou_lookback(d, si, 2, true, m);
	if (m->nparties == 1 && main_org(d) >= 0)
		party_push(m, (size_t)main_org(d));
	if (m->nparties == 0) {
		free(m->parties);
		return;
	}
	m->start = a;
	m->end = b;
	m->tstart = w.first;
	m->tend = w.first_end;
	m->date = date;
	m->place = mention_place_near(d, a, b, w.first);
	if (m->place < 0)
		m->place = mention_place_fallback(d, si);
	d->nmou++;
}

static bool
mou_same(const struct mention_mou *x, const struct mention_mou *y)
{
	size_t common = 0;

	for (size_t i = 0; i < y->nparties; i++)
		common += has_party(x, y->parties[i]);
	if (common < 2 && !(common == 1 && (x->nparties == 1 ||
	    y->nparties == 1)))
		return false;
	if (x->date.y == 0 || y->date.y == 0)
		return true;
	return x->date.y == y->date.y && (x->date.m == 0 || y->date.m == 0 ||
	    (x->date.m == y->date.m && (x->date.d == 0 || y->date.d == 0 ||
	    x->date.d == y->date.d)));
}

static void
mou_merge(struct mention_doc *d)
{
	for (size_t i = 1; i < d->nmou; i++) {
		struct mention_mou *y = &d->mou[i];

		for (size_t j = 0; j < i; j++) {
			struct mention_mou *x = &d->mou[j];

			if (x->dropped || !mou_same(x, y))
				continue;
			for (size_t k = 0; k < y->nparties; k++)
				party_push(x, y->parties[k]);
			if (x->date.y == 0 || (x->date.d == 0 && y->date.d))
				x->date = y->date;
			if (x->place < 0)
				x->place = y->place;
			y->dropped = true;
			break;
		}
	}
}

void
mou_find(struct mention_doc *d)
{
	for (size_t si = 0; si < d->nsent; si++)
		mou_sentence(d, si);
	mou_merge(d);
}
