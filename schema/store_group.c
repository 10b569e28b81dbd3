/* SPDX-License-Identifier: ISC */
/*
 * Event groups: the same MOU or forum reported by KIC China in Korean and
 * by the partner in Chinese (or twice by one site) is one real-world
 * happening. A new event or MOU joins the group of an earlier report of
 * the same run when all of these hold:
 *
 *  - same kind (event or MOU) and, for events, the same type;
 *  - dates: both to the day and at most 3 days apart (one report gives
 *    the signing day, another the day it was announced), or one known to
 *    the month only and both in that month; an undated report matches
 *    nothing;
 *  - locations equal, or unknown on either side;
 *  - "most of their organisations": leaving KIC China out (it is a party
 *    to nearly every record of its own site, so sharing it proves
 *    nothing), they share at least one organisation, and the shared ones
 *    are at least half of the smaller set (overlap coefficient >= 0.5).
 *    Jaccard would split the common case where the Korean report lists
 *    the Korean startups and the Chinese one its local co-organisers:
 *    both name the partner, neither names the other's long tail;
 *  - reports naming no organisation besides KIC China match only on the
 *    same day and the same known place.
 *
 * Organisations are compared with the best matching report of a group,
 * dates and places with all of them, so a report without a place cannot
 * chain a Beijing signing into a Shanghai group.
 *
 * Reports of one document never merge (extraction already merged what it
 * saw as one record). Among matches the highest overlap wins, then the
 * nearest date, then the latest report; candidates are capped so a
 * crowded week cannot make an insert slow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_record_priv.h"

#define GROUP_DAYS 3		/* max distance of day-precise dates */
#define GROUP_MIN_OVERLAP 0.5	/* shared / smaller set */
#define GROUP_MAX_CANDIDATES 200
#define GROUP_MAX_ORGS 256	/* of one candidate report */

static const char SQL_KIC[] = "SELECT id FROM org WHERE entity_id = ?1";
static const char SQL_EVENT_CANDIDATES[] =
    "SELECT id, group_id, date, location FROM event WHERE run_id = ?1"
    " AND date BETWEEN ?2 AND ?3 AND type = ?4 AND document_id <> ?5"
    " AND group_id IS NOT NULL ORDER BY id DESC LIMIT ?6";
static const char SQL_MOU_CANDIDATES[] =
    "SELECT id, group_id, date, location FROM mou WHERE run_id = ?1"
    " AND date BETWEEN ?2 AND ?3 AND document_id <> ?5"
    " AND group_id IS NOT NULL ORDER BY id DESC LIMIT ?6";
static const char SQL_EVENT_ORGS[] =
    "SELECT DISTINCT org_id FROM event_org WHERE event_id = ?1"
    " ORDER BY org_id";
static const char SQL_MOU_ORGS[] =
    "SELECT org_id FROM mou_party WHERE mou_id = ?1 ORDER BY org_id";
static const char SQL_EVENT_MEMBERS[] =
    "SELECT date, location FROM event WHERE group_id = ?1 LIMIT ?2";
static const char SQL_MOU_MEMBERS[] =
    "SELECT date, location FROM mou WHERE group_id = ?1 LIMIT ?2";
static const char SQL_GROUP_INSERT[] =
    "INSERT INTO event_group (run_id, kind, type, date, location)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

struct gdate {
	int prec;	/* 2: day, 1: month, 0: none */
	int y, m;
	long days;	/* days since 1970-01-01 when prec == 2 */
};

struct best {
	int64_t group;
	double score;
	long dist;
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

/*
 * The overlap coefficient of two sorted id sets without kic: 0 when both
 * are empty, -1 when they share nothing or too little.
 */
static double
org_score(const int64_t *a, size_t na, const int64_t *b, size_t nb,
    int64_t kic)
{
	size_t i = 0, j = 0, shared = 0, ca = 0, cb = 0, small;

	for (size_t x = 0; x < na; x++)
		ca += a[x] != kic;
	for (size_t x = 0; x < nb; x++)
		cb += b[x] != kic;
	if (ca == 0 && cb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			shared += a[i] != kic;
			i++;
			j++;
		}
	}
	small = ca < cb ? ca : cb;
	if (shared == 0 || (double)shared / (double)small < GROUP_MIN_OVERLAP)
		return -1;
	return (double)shared / (double)small;
}

/* The org ids of one report, sorted; their number or -1. */
static int
report_orgs(struct store *s, bool mou, int64_t id, int64_t *ids,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, mou ? SQL_MOU_ORGS : SQL_EVENT_ORGS,
	    e);
	int n = 0, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < GROUP_MAX_ORGS)
		ids[n++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(s, e, "reading report organisations");
		n = -1;
	}
	sqlite3_reset(st);
	return n;
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

/* Scores the candidate row cand holds into b if it matches k. */
static int
consider(struct store *s, const struct store_group_key *k,
    const struct gdate *kd, int64_t kic, sqlite3_stmt *cand, struct best *b,
    struct err *e)
{
	int64_t ids[GROUP_MAX_ORGS], group;
	const char *loc = (const char *)sqlite3_column_text(cand, 3);
	struct gdate cd;
	double score;
	long dist;
	int n;

	cd = gdate_parse((const char *)sqlite3_column_text(cand, 2));
	if (!dates_match(kd, &cd, &dist) || !places_match(k->location, loc))
		return 0;
	n = report_orgs(s, k->mou, sqlite3_column_int64(cand, 0), ids, e);
	if (n == -1)
		return -1;
	score = org_score(k->orgs, k->norgs, ids, (size_t)n, kic);
	if (score < 0)
		return 0;
	/* Nothing but KIC China on both sides: the same day and place. */
	if (score == 0 && (dist != 0 || !known(k->location) || !known(loc)))
		return 0;
	if (b->group != 0 &&
	    (score < b->score || (score == b->score && dist >= b->dist)))
		return 0;
	group = sqlite3_column_int64(cand, 1);
	if ((n = group_compatible(s, k, kd, group, e)) != 1)
		return n;
	b->group = group;
	b->score = score;
	b->dist = dist;
	return 0;
}

static int
kic_id(struct store *s, int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_KIC, e);

	*id = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, STORE_KIC_ENTITY, -1, SQLITE_STATIC);
	return store_step_int64(s, st, id, "looking up kic-china", e) == -1
	    ? -1
	    : 0;
}

static int
best_match(struct store *s, int64_t run_id, const struct store_group_key *k,
    const struct gdate *kd, struct best *b, struct err *e)
{
	sqlite3_stmt *st;
	char lo[64], hi[64];
	int64_t kic;
	int rc;

	if (kic_id(s, &kic, e) == -1)
		return -1;
	window(kd, k->date, lo, hi, sizeof(lo));
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
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (consider(s, k, kd, kic, st, b, e) == -1) {
			sqlite3_reset(st);
			return -1;
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

int
store_group_assign(struct store *s, int64_t run_id,
    const struct store_group_key *k, int64_t *group_id, struct err *e)
{
	struct gdate kd = gdate_parse(k->date);
	struct best b = {0, -1, 0};

	if (kd.prec > 0 && best_match(s, run_id, k, &kd, &b, e) == -1)
		return -1;
	if (b.group != 0) {
		*group_id = b.group;
		return 0;
	}
	return group_insert(s, run_id, k, group_id, e);
}
