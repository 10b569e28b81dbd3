/* SPDX-License-Identifier: ISC */
/*
 * Event groups: the same MOU or forum reported by KIC China in Korean and
 * by the partner in Chinese (or twice by one site, or again in a
 * half-year review) is one real-world happening. A new event or MOU joins
 * the group of an earlier report of the same run when all of these hold:
 *
 *  - same kind (event or MOU) and, for events, the same type;
 *  - dates: both to the day and at most 3 days apart (one report gives
 *    the signing day, another the day it was announced), or one known to
 *    the month only and both in that month; an undated report matches
 *    nothing;
 *  - places equal, or unknown on either side;
 *  - organisations: "most of them" is judged on what can be compared
 *    across languages. KIC China is left out (it is a party to nearly
 *    every record of its own site, so sharing it proves nothing).
 *    (a) When both reports name gazetteer organisations, the shared ones
 *    must be at least half of the smaller set (overlap coefficient >=
 *    0.5). Jaccard would split the common case where the Korean report
 *    lists Korean startups and the Chinese one its local co-organisers;
 *    and names found by their shape (unverified) never match across
 *    scripts (메디트윈 / MediTwin), so they do not vote here.
 *    (b) Otherwise all organisations are compared the same way (two
 *    reports in one language do share unverified names).
 *    (c) Otherwise, when both reports name KIC China, KIC China is the
 *    one organisation there is to compare ("KIC중국은 10일 상하이에서
 *    포럼을 개최했다" against the partner's full report).
 *    (d) Otherwise, when the two documents already report one same
 *    happening (a group holds records of both), their other records of
 *    the same type, date and place are the same too: the site visit the
 *    day after a demo day, with the startups named in two scripts.
 *
 * Organisations are compared with the reports of a group one by one,
 * dates and places with all of them, so a report without a place cannot
 * chain a Beijing signing into a Shanghai group. Reports of one document
 * never merge (extraction already merged what it saw as one record). The
 * best matching group takes the report (highest overlap, (c) and (d)
 * scoring 0, then nearest date, then first found); other groups it
 * matches are merged into that one when all their reports agree on date
 * and place: two terse reports that did not look alike are joined by the
 * fuller one that names them both. Candidates are read in date order from
 * the index, capped, and at most a few reports of a group are compared,
 * so a crowded week (or one page captured under many URLs) cannot make an
 * insert slow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_record_priv.h"
#include "xmem.h"

#define GROUP_DAYS 3		/* max distance of day-precise dates */
#define GROUP_MIN_OVERLAP 0.5	/* shared / smaller set */
#define GROUP_MAX_CANDIDATES 200
#define GROUP_MAX_ORGS 256	/* compared per report */
#define REFUSED_MAX 32		/* incompatible groups remembered per probe */
#define SEEN_MAX 64		/* groups whose reports a probe counts */
#define TRIES_PER_GROUP 4	/* reports of one group compared at most */
#define MATCH_MAX 8		/* groups one report may bring together */
#define MERGE_MAX 32		/* larger groups are never merged */

/* The organisations of one report, KIC China apart; ids sorted. */
struct orgset {
	int64_t all[GROUP_MAX_ORGS];	/* every one but KIC China */
	size_t nall;
	int64_t ver[GROUP_MAX_ORGS];	/* the gazetteer ones among them */
	size_t nver;
	bool kic;			/* KIC China is named */
};

static const char SQL_ORG_ENTITY[] = "SELECT entity_id FROM org WHERE id = ?1";
static const char SQL_EVENT_CANDIDATES[] =
    "SELECT id, group_id, date, location, document_id FROM event"
    " WHERE run_id = ?1"
    " AND date BETWEEN ?2 AND ?3 AND type = ?4 AND document_id <> ?5"
    " AND group_id IS NOT NULL LIMIT ?6";
static const char SQL_MOU_CANDIDATES[] =
    "SELECT id, group_id, date, location, document_id FROM mou"
    " WHERE run_id = ?1"
    " AND date BETWEEN ?2 AND ?3 AND document_id <> ?5"
    " AND group_id IS NOT NULL LIMIT ?6";
/*
 * In primary-key order, so neither sorts nor builds a temporary b-tree
 * per call (DISTINCT did): report_orgs() skips an organisation's other
 * roles in an event.
 */
static const char SQL_EVENT_ORGS[] =
    "SELECT o.id, o.entity_id FROM event_org eo JOIN org o"
    " ON o.id = eo.org_id WHERE eo.event_id = ?1 ORDER BY eo.org_id";
static const char SQL_MOU_ORGS[] =
    "SELECT o.id, o.entity_id FROM mou_party mp JOIN org o"
    " ON o.id = mp.org_id WHERE mp.mou_id = ?1 ORDER BY mp.org_id";
/*
 * Both sides by document (a handful of rows), never a group's members:
 * the unary + keeps SQLite from reaching b through its group, and a join
 * needs no temporary table where IN (SELECT ...) built one per call.
 */
static const char SQL_SHARED_GROUP[] =
    "SELECT 1 FROM event a JOIN event b ON +b.group_id = +a.group_id"
    " WHERE a.document_id = ?1 AND b.document_id = ?2"
    " UNION ALL SELECT 1 FROM mou a JOIN mou b ON +b.group_id = +a.group_id"
    " WHERE a.document_id = ?1 AND b.document_id = ?2 LIMIT 1";
static const char SQL_EVENT_MEMBERS[] =
    "SELECT date, location FROM event WHERE group_id = ?1 LIMIT ?2";
static const char SQL_MOU_MEMBERS[] =
    "SELECT date, location FROM mou WHERE group_id = ?1 LIMIT ?2";
static const char SQL_EVENT_REGROUP[] =
    "UPDATE event SET group_id = ?1 WHERE group_id = ?2";
static const char SQL_MOU_REGROUP[] =
    "UPDATE mou SET group_id = ?1 WHERE group_id = ?2";
static const char SQL_GROUP_DELETE[] = "DELETE FROM event_group WHERE id = ?1";
static const char SQL_GROUP_INSERT[] =
    "INSERT INTO event_group (run_id, kind, type, date, location)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

struct gdate {
	int prec;	/* 2: day, 1: month, 0: none */
	int y, m;
	long days;	/* days since 1970-01-01 when prec == 2 */
};

struct match {
	int64_t group;
	double score;
	long dist;
};

/* The groups a report matches; the best takes it, the others may merge. */
struct best {
	struct match m[MATCH_MAX];
	size_t n;
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, char *out, size_t size)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(out, size, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static struct gdate
gdate_parse(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	struct gdate g = {0};
	size_t n = s ? strlen(s) : 0;
	int d;

	if ((n != 7 && n != 10) || s[4] != '-')
		return g;
	g.y = digits(s, 4);
	g.m = digits(s + 5, 2);
	if (g.y < 1900 || g.m < 1 || g.m > 12)
		return g;
	g.prec = 1;
	if (n == 7)
		return g;
	d = digits(s + 8, 2);
	if (s[7] != '-' || d < 1 || d > mdays[g.m - 1]) {
		g.prec = 0;
		return g;
	}
	g.prec = 2;
	g.days = days_from_civil(g.y, g.m, d);
	return g;
}

const char *
store_date_valid(const char *d)
{
	return gdate_parse(d).prec > 0 ? d : NULL;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

size_t
store_ids_normalise(int64_t *ids, size_t n)
{
	size_t k = 0;

	qsort(ids, n, sizeof(*ids), cmp_id);
	for (size_t i = 0; i < n; i++)
		if (ids[i] > 0 && (k == 0 || ids[k - 1] != ids[i]))
			ids[k++] = ids[i];
	return k;
}

/* The text range of candidate dates: a month sorts before its days. */
static void
window(const struct gdate *g, const char *date, char *lo, char *hi,
    size_t size)
{
	char month[8];

	snprintf(month, sizeof(month), "%.7s", date);
	if (g->prec == 1) {
		snprintf(lo, size, "%s", month);
		snprintf(hi, size, "%s-99", month);
		return;
	}
	civil_from_days(g->days - GROUP_DAYS, lo, size);
	civil_from_days(g->days + GROUP_DAYS, hi, size);
	if (strcmp(month, lo) < 0)
		snprintf(lo, size, "%s", month);
}

static bool
dates_match(const struct gdate *a, const struct gdate *b, long *dist)
{
	if (a->prec == 0 || b->prec == 0)
		return false;
	if (a->prec == 2 && b->prec == 2) {
		*dist = labs(a->days - b->days);
		return *dist <= GROUP_DAYS;
	}
	*dist = GROUP_DAYS + 1;	/* rank after any day-precise match */
	return a->y == b->y && a->m == b->m;
}

static bool
known(const char *s)
{
	return s != NULL && *s != '\0';
}

static bool
places_match(const char *a, const char *b)
{
	return !known(a) || !known(b) || strcasecmp(a, b) == 0;
}

static void
orgset_add(struct orgset *o, int64_t id, const char *entity_id)
{
	if (entity_id != NULL && strcmp(entity_id, STORE_KIC_ENTITY) == 0) {
		o->kic = true;
		return;
	}
	if (o->nall == GROUP_MAX_ORGS)
		return;
	o->all[o->nall++] = id;
	if (entity_id != NULL)
		o->ver[o->nver++] = id;
}

/* orgset_add() for a row whose entity id is described by STORE_ORG_*. */
static void
orgset_add_flags(struct orgset *o, int64_t id, unsigned flags)
{
	if (flags & STORE_ORG_KIC)
		orgset_add(o, id, STORE_KIC_ENTITY);
	else
		orgset_add(o, id, flags & STORE_ORG_VERIFIED ? "" : NULL);
}

/*
 * The key's organisations, with their entity ids as the caller knows them
 * or from the store.
 */
static int
key_orgs(struct store *s, const struct store_group_key *k, struct orgset *o,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(o, 0, sizeof(*o));
	if (k->org_flags != NULL) {
		for (size_t i = 0; i < k->norgs; i++)
			orgset_add_flags(o, k->orgs[i], k->org_flags[i]);
		return 0;
	}
	for (size_t i = 0; i < k->norgs; i++) {
		if ((st = store_stmt(s, SQL_ORG_ENTITY, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, k->orgs[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			orgset_add(o, k->orgs[i],
			    (const char *)sqlite3_column_text(st, 0));
		else if (rc != SQLITE_DONE)
			store_err(s, e, "reading organisation");
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* The organisations of a stored report. */
static int
report_orgs(struct store *s, bool mou, int64_t id, struct orgset *o,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, mou ? SQL_MOU_ORGS : SQL_EVENT_ORGS,
	    e);
	int64_t org, last = 0;
	int rc;

	memset(o, 0, sizeof(*o));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		org = sqlite3_column_int64(st, 0);
		if (org != last)
			orgset_add(o, org,
			    (const char *)sqlite3_column_text(st, 1));
		last = org;
	}
	if (rc != SQLITE_DONE)
		store_err(s, e, "reading report organisations");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Shared / smaller set of two sorted id sets; -1 below the threshold. */
static double
overlap(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	size_t i = 0, j = 0, shared = 0;
	double v;

	if (na == 0 || nb == 0)
		return -1;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			shared++;
			i++;
			j++;
		}
	}
	v = (double)shared / (double)(na < nb ? na : nb);
	return shared > 0 && v >= GROUP_MIN_OVERLAP ? v : -1;
}

/* Rules (a) to (c) of the header; -1 when they do not match. */
static double
orgs_match(const struct orgset *a, const struct orgset *b)
{
	if (a->nver > 0 && b->nver > 0)
		return overlap(a->ver, a->nver, b->ver, b->nver);
	if (overlap(a->all, a->nall, b->all, b->nall) >= 0)
		return overlap(a->all, a->nall, b->all, b->nall);
	return a->kic && b->kic ? 0 : -1;
}

/* Rule (d): 1 when the two documents already share a group. */
static int
docs_share_group(struct store *s, int64_t a, int64_t b, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SHARED_GROUP, e);
	int64_t one;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	switch (store_step_int64(s, st, &one, "comparing documents", e)) {
	case 0:
		return 1;
	case 1:
		return 0;
	default:
		return -1;
	}
}

/* 1 when every report of group agrees with k on date and place. */
static int
group_compatible(struct store *s, const struct store_group_key *k,
    const struct gdate *kd, int64_t group, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s,
	    k->mou ? SQL_MOU_MEMBERS : SQL_EVENT_MEMBERS, e);
	struct gdate md;
	int ok = 1, rc = SQLITE_DONE;
	long dist;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, group);
	sqlite3_bind_int(st, 2, GROUP_MAX_CANDIDATES);
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		md = gdate_parse((const char *)sqlite3_column_text(st, 0));
		ok = dates_match(kd, &md, &dist) &&
		    places_match(k->location,
			(const char *)sqlite3_column_text(st, 1));
	}
	if (ok && rc != SQLITE_DONE)
		ok = store_err(s, e, "reading event group");
	sqlite3_reset(st);
	return ok;
}

/* What best_match compares every candidate with. */
struct probe {
	const struct store_group_key *k;
	struct gdate kd;
	struct orgset ko;
	struct orgset co;	/* scratch: the candidate's organisations */
	int64_t refused[REFUSED_MAX];	/* groups k is incompatible with */
	size_t nrefused;
	struct {
		int64_t group;
		unsigned tries;
	} seen[SEEN_MAX];		/* reports compared per group */
	size_t nseen;
};

/*
 * Counts one more report of group; false once TRIES_PER_GROUP were
 * compared: a page captured under many URLs makes groups of hundreds of
 * identical reports, and comparing all of them teaches nothing new.
 */
static bool
try_group(struct probe *p, int64_t group)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i].group == group)
			return ++p->seen[i].tries <= TRIES_PER_GROUP;
	if (p->nseen < SEEN_MAX) {
		p->seen[p->nseen].group = group;
		p->seen[p->nseen++].tries = 1;
	}
	return true;
}

static bool
refused(const struct probe *p, int64_t group)
{
	for (size_t i = 0; i < p->nrefused && i < REFUSED_MAX; i++)
		if (p->refused[i] == group)
			return true;
	return false;
}

static bool
better(const struct match *a, const struct match *b)
{
	return a->score > b->score ||
	    (a->score == b->score && a->dist < b->dist);
}

static bool
best_has(const struct best *b, int64_t group)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->m[i].group == group)
			return true;
	return false;
}

static void
best_add(struct best *b, int64_t group, double score, long dist)
{
	struct match m = {group, score, dist};

	for (size_t i = 0; i < b->n; i++)
		if (b->m[i].group == group) {
			if (better(&m, &b->m[i]))
				b->m[i] = m;
			return;
		}
	if (b->n < MATCH_MAX)
		b->m[b->n++] = m;
}

/* Scores the candidate row cand holds into b if it matches. */
static int
consider(struct store *s, struct probe *p, sqlite3_stmt *cand,
    struct best *b, struct err *e)
{
	const char *loc = (const char *)sqlite3_column_text(cand, 3);
	int64_t group = sqlite3_column_int64(cand, 1);
	struct gdate cd;
	double score;
	long dist;
	int rc;

	cd = gdate_parse((const char *)sqlite3_column_text(cand, 2));
	if (!dates_match(&p->kd, &cd, &dist) ||
	    !places_match(p->k->location, loc) || refused(p, group) ||
	    !try_group(p, group))
		return 0;
	if (report_orgs(s, p->k->mou, sqlite3_column_int64(cand, 0), &p->co,
		e) == -1)
		return -1;
	score = orgs_match(&p->ko, &p->co);
	if (score < 0) {
		rc = docs_share_group(s, p->k->document_id,
		    sqlite3_column_int64(cand, 4), e);
		if (rc != 1)
			return rc;
		score = 0;
	}
	if (!best_has(b, group) &&
	    (rc = group_compatible(s, p->k, &p->kd, group, e)) != 1) {
		if (rc == 0)
			p->refused[p->nrefused++ % REFUSED_MAX] = group;
		return rc;
	}
	best_add(b, group, score, dist);
	return 0;
}

static int
best_match(struct store *s, int64_t run_id, struct probe *p, struct best *b,
    struct err *e)
{
	const struct store_group_key *k = p->k;
	sqlite3_stmt *st;
	char lo[64], hi[64];
	int rc;

	if (key_orgs(s, k, &p->ko, e) == -1)
		return -1;
	window(&p->kd, k->date, lo, hi, sizeof(lo));
	st = store_stmt(s, k->mou ? SQL_MOU_CANDIDATES : SQL_EVENT_CANDIDATES,
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, hi, -1, SQLITE_TRANSIENT);
	if (!k->mou)
		store_bind_text(st, 4, k->type);
	sqlite3_bind_int64(st, 5, k->document_id);
	sqlite3_bind_int(st, 6, GROUP_MAX_CANDIDATES);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (consider(s, p, st, b, e) == -1) {
			sqlite3_reset(st);
			return -1;
		}
	}
	if (rc != SQLITE_DONE)
		store_err(s, e, "finding event group candidates");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
group_insert(struct store *s, int64_t run_id, const struct store_group_key *k,
    int64_t *group_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_GROUP_INSERT, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, k->mou ? "mou" : "event", -1, SQLITE_STATIC);
	store_bind_text(st, 3, k->mou ? NULL : k->type);
	store_bind_text(st, 4, k->date);
	store_bind_text(st, 5, known(k->location) ? k->location : NULL);
	if (store_step_done(s, st, "inserting event group", e) == -1)
		return -1;
	*group_id = sqlite3_last_insert_rowid(store_sqlite(s));
	return 0;
}

/* The members of a group (at most cap), as keys that can probe another. */
static int
members(struct store *s, bool mou, int64_t group, char (*dates)[11],
    char (*places)[64], size_t cap, size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s,
	    mou ? SQL_MOU_MEMBERS : SQL_EVENT_MEMBERS, e);
	const char *v;
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, group);
	sqlite3_bind_int64(st, 2, (int64_t)cap + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n <= cap) {
		if (*n < cap) {
			v = (const char *)sqlite3_column_text(st, 0);
			snprintf(dates[*n], 11, "%s", v ? v : "");
			v = (const char *)sqlite3_column_text(st, 1);
			snprintf(places[*n], 64, "%s", v ? v : "");
		}
		(*n)++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, e, "reading event group");
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * 1 when every report of `from` agrees with every report of `into` on
 * date and place (type and run agree by construction), so that merging
 * them keeps a group one happening; large groups are left alone.
 */
static int
groups_compatible(struct store *s, const struct store_group_key *k,
    int64_t into, int64_t from, struct err *e)
{
	char dates[MERGE_MAX][11], places[MERGE_MAX][64];
	struct store_group_key mk = *k;
	struct gdate md;
	size_t n;
	int rc = 1;

	if (members(s, k->mou, from, dates, places, MERGE_MAX, &n, e) == -1)
		return -1;
	if (n > MERGE_MAX)
		return 0;
	for (size_t i = 0; i < n && rc == 1; i++) {
		md = gdate_parse(dates[i]);
		mk.location = places[i];
		rc = md.prec == 0 ? 0 : group_compatible(s, &mk, &md, into, e);
	}
	return rc;
}

static int
group_merge(struct store *s, bool mou, int64_t into, int64_t from,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s,
	    mou ? SQL_MOU_REGROUP : SQL_EVENT_REGROUP, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, into);
	sqlite3_bind_int64(st, 2, from);
	if (store_step_done(s, st, "merging event groups", e) == -1)
		return -1;
	if ((st = store_stmt(s, SQL_GROUP_DELETE, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	return store_step_done(s, st, "merging event groups", e);
}

/*
 * The report joins its best match; other groups it matches are merged
 * into that one when all their reports agree: single linkage could not
 * otherwise repair two reports that were not recognised as one happening
 * until a third, fuller one arrived.
 */
static int
join(struct store *s, const struct store_group_key *k, const struct best *b,
    int64_t *group_id, struct err *e)
{
	const struct match *top = &b->m[0];
	int rc;

	for (size_t i = 1; i < b->n; i++)
		if (better(&b->m[i], top))
			top = &b->m[i];
	for (size_t i = 0; i < b->n; i++) {
		if (&b->m[i] == top)
			continue;
		rc = groups_compatible(s, k, top->group, b->m[i].group, e);
		if (rc == 1)
			rc = group_merge(s, k->mou, top->group, b->m[i].group, e);
		if (rc == -1)
			return -1;
	}
	*group_id = top->group;
	return 0;
}

int
store_group_assign(struct store *s, int64_t run_id,
    const struct store_group_key *k, int64_t *group_id, struct err *e)
{
	struct best b = {{{0, 0, 0}}, 0};
	struct probe *p = xcalloc(1, sizeof(*p));
	int rc = 0;

	p->k = k;
	p->kd = gdate_parse(k->date);
	if (p->kd.prec > 0)
		rc = best_match(s, run_id, p, &b, e);
	free(p);
	if (rc == -1)
		return -1;
	if (b.n > 0)
		return join(s, k, &b, group_id, e);
	return group_insert(s, run_id, k, group_id, e);
}
