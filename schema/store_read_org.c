/* SPDX-License-Identifier: ISC */
/*
 * Organisations with their names, tags and sightings in a run. Sightings
 * are days of the mentioning documents (publication date, else fetch day),
 * so an archive crawled in one go still dates each organisation right.
 */
#include "store_read.h"

#include "store_read_priv.h"

/*
 * Every organisation mention of the run, aggregated: read in organisation
 * order from mention_org_doc (which covers it), each mention's document
 * day and run from the narrow document_day (schema 0016) and superseded
 * captures from document_stale (0013), so that no document row is read
 * (doc's rows hold the text: ~1.2 s for a million mentions, now ~0.3).
 * CROSS JOIN keeps that order; the GROUP BY then needs no sort.
 */
#define SQL_ORG_SEEN							\
	SQL_WITH_DOC ", seen AS (SELECT mn.org_id, min(dd.day) AS first, " \
	"max(dd.day) AS last, count(*) AS n FROM mention mn "		\
	"CROSS JOIN document_day dd ON dd.id = mn.document_id "	\
	"WHERE mn.org_id IS NOT NULL AND mn.kind = 'org' "		\
	"AND dd.run_id = (SELECT id FROM cur) AND (:doc IS NOT NULL "	\
	"OR NOT EXISTS (SELECT 1 FROM document_stale WHERE id = dd.id)) " \
	"GROUP BY mn.org_id) "

#define SQL_ORG_COLS                                                         \
	"o.id, o.canonical, o.entity_id, o.country, o.kind, "                \
	SQL_TAGS("o.id") ", (SELECT group_concat(alias, char(31)) FROM "     \
	"(SELECT alias FROM org_alias WHERE org_id = o.id "                  \
	"ORDER BY origin DESC, alias)), seen.first, seen.last, "             \
	"coalesce(seen.n, 0), o.unverified "

static const char sql_orgs[] =
    SQL_ORG_SEEN
    "SELECT " SQL_ORG_COLS
    "FROM org o LEFT JOIN seen ON seen.org_id = o.id "
    "WHERE (:orgs IS NULL OR " SQL_IN_ORGS("o.id") ") "
    "AND (:tag IS NULL OR " SQL_HAS_TAG("o.id") ") "
    "AND (:type IS NULL OR o.kind = :type) "
    "AND (:since IS NULL OR seen.last >= :since) "
    "AND (:until IS NULL OR seen.first <= :until) "
    "AND (:source IS NULL OR EXISTS (SELECT 1 FROM mention x "
    " JOIN doc ON doc.id = x.document_id JOIN source sx "
    " ON sx.id = doc.source_id WHERE x.org_id = o.id "
    " AND sx.name = :source)) "
    "ORDER BY coalesce(seen.n, 0) DESC, o.canonical LIMIT :limit";

/*
 * First sightings in the window: organisations mentioned by a document of
 * the window (sightings and mentions counted there) that no document
 * before it mentions. Probing backwards per candidate keeps a year's
 * digest from aggregating every mention of the store.
 */
static const char sql_orgs_new[] =
    SQL_WITH_DOC_NEAR
    ", seen AS (SELECT mn.org_id, min(doc.day) AS first, "
    "max(doc.day) AS last, count(*) AS n FROM mention mn "
    "JOIN doc ON doc.id = mn.document_id WHERE mn.kind = 'org' "
    "AND mn.org_id IS NOT NULL AND " SQL_IN_WINDOW("doc.day")
    "GROUP BY mn.org_id) "
    "SELECT " SQL_ORG_COLS
    "FROM org o JOIN seen ON seen.org_id = o.id "
    "WHERE NOT EXISTS (SELECT 1 FROM mention m2 "
    " JOIN document d2 ON d2.id = m2.document_id "
    " WHERE m2.org_id = o.id AND m2.kind = 'org' "
    " AND d2.run_id = (SELECT id FROM cur) "
    " AND coalesce(d2.published, (SELECT substr(fetched_at, 1, 10) "
    " FROM capture WHERE id = d2.capture_id)) < :since) "
    "AND (:tag IS NULL OR " SQL_HAS_TAG("o.id") ") "
    "ORDER BY o.unverified, seen.first, o.canonical LIMIT :limit";

static int
org_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_org o = {0};

	o.id = sqlite3_column_int64(st, 0);
	o.canonical = store_col_text(st, 1);
	o.entity_id = store_col_text(st, 2);
	o.country = store_col_text(st, 3);
	o.kind = store_col_text(st, 4);
	o.tags = store_col_text(st, 5);
	o.names = store_col_text(st, 6);
	o.first_seen = store_col_text(st, 7);
	o.last_seen = store_col_text(st, 8);
	o.mentions = sqlite3_column_int64(st, 9);
	o.unverified = sqlite3_column_int(st, 10) != 0;
	return ((store_org_fn)fn)(arg, &o, e);
}

static int
orgs_each(struct store *s, const char *sql, const struct store_filter *f,
    store_org_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	return store_read_loop(s, st, org_row, (void *)fn, arg, e);
}

int
store_orgs_each(struct store *s, const struct store_filter *f,
    store_org_fn fn, void *arg, struct err *e)
{
	return orgs_each(s, sql_orgs, f, fn, arg, e);
}

int
store_orgs_new_each(struct store *s, const struct store_filter *f,
    store_org_fn fn, void *arg, struct err *e)
{
	return orgs_each(s, sql_orgs_new, f, fn, arg, e);
}
