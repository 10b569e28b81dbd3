/* SPDX-License-Identifier: ISC */
/*
 * Events and MOUs of a run with their organisations. A record's date for
 * filtering and ordering is its own, else its document's day, so a
 * signing reported without a date still lands in the right week.
 */
#include "store_read.h"

#include "store_read_priv.h"

static const char sql_events[] =
    SQL_WITH_DOC
    "SELECT e.id, e.document_id, e.group_id, doc.url, e.type, e.name, "
    "e.date, coalesce(e.date, doc.day) AS eff, e.location, e.evidence, "
    "e.start, e.end, doc.title, doc.published, s.name, "
    "(SELECT group_concat(sector, ',') FROM event_sector "
    " WHERE event_id = e.id) "
    "FROM event e JOIN doc ON doc.id = e.document_id "
    "JOIN source s ON s.id = doc.source_id "
    "WHERE e.run_id = (SELECT id FROM cur) AND " SQL_NEAR_WINDOW("e.date")
    "AND (:doc IS NULL OR e.document_id = :doc) "
    "AND " SQL_IN_WINDOW("coalesce(e.date, doc.day)")
    "AND (:type IS NULL OR e.type = :type) "
    "AND (:source IS NULL OR s.name = :source) "
    "AND (:orgs IS NULL OR EXISTS (SELECT 1 FROM event_org eo "
    " WHERE eo.event_id = e.id AND " SQL_IN_ORGS("eo.org_id") ")) "
    "AND (:tag IS NULL OR EXISTS (SELECT 1 FROM event_org eo "
    " WHERE eo.event_id = e.id AND " SQL_HAS_TAG("eo.org_id") ")) "
    "ORDER BY CASE WHEN :asc THEN eff END, eff DESC, e.id "
    "LIMIT :limit";

static const char sql_mous[] =
    SQL_WITH_DOC
    "SELECT m.id, m.document_id, m.group_id, doc.url, NULL, NULL, "
    "m.date, coalesce(m.date, doc.day) AS eff, m.location, m.evidence, "
    "m.start, m.end, doc.title, doc.published, s.name, "
    "(SELECT group_concat(sector, ',') FROM document_sector "
    " WHERE document_id = m.document_id) "
    "FROM mou m JOIN doc ON doc.id = m.document_id "
    "JOIN source s ON s.id = doc.source_id "
    "WHERE m.run_id = (SELECT id FROM cur) AND " SQL_NEAR_WINDOW("m.date")
    "AND (:doc IS NULL OR m.document_id = :doc) "
    "AND " SQL_IN_WINDOW("coalesce(m.date, doc.day)")
    "AND (:source IS NULL OR s.name = :source) "
    "AND (:orgs IS NULL OR EXISTS (SELECT 1 FROM mou_party mp "
    " WHERE mp.mou_id = m.id AND " SQL_IN_ORGS("mp.org_id") ")) "
    "AND (:tag IS NULL OR EXISTS (SELECT 1 FROM mou_party mp "
    " WHERE mp.mou_id = m.id AND " SQL_HAS_TAG("mp.org_id") ")) "
    "ORDER BY CASE WHEN :asc THEN eff END, eff DESC, m.id "
    "LIMIT :limit";

static const char sql_event_orgs[] =
    "SELECT " SQL_PARTY_COLS("o") ", eo.name, eo.role "
    "FROM event_org eo JOIN org o ON o.id = eo.org_id "
    "WHERE eo.event_id = ?1 ORDER BY CASE eo.role WHEN 'host' THEN 0 "
    "WHEN 'co-host' THEN 1 WHEN 'organiser' THEN 2 WHEN 'sponsor' THEN 3 "
    "ELSE 4 END, eo.role, o.canonical";

static const char sql_mou_parties[] =
    "SELECT " SQL_PARTY_COLS("o") ", mp.name "
    "FROM mou_party mp JOIN org o ON o.id = mp.org_id "
    "WHERE mp.mou_id = ?1 ORDER BY o.canonical";

static int
record_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_record r = {0};

	r.id = sqlite3_column_int64(st, 0);
	r.document_id = sqlite3_column_int64(st, 1);
	r.group_id = sqlite3_column_int64(st, 2);
	r.url = store_col_text(st, 3);
	r.type = store_col_text(st, 4);
	r.name = store_col_text(st, 5);
	r.date = store_col_text(st, 6);
	r.day = store_col_text(st, 7);
	r.location = store_col_text(st, 8);
	r.evidence = store_col_text(st, 9);
	r.start = sqlite3_column_int64(st, 10);
	r.end = sqlite3_column_int64(st, 11);
	r.title = store_col_text(st, 12);
	r.published = store_col_text(st, 13);
	r.source = store_col_text(st, 14);
	r.sectors = store_col_text(st, 15);
	return ((store_record_fn)fn)(arg, &r, e);
}

static int
records_each(struct store *s, const char *sql, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	return store_read_loop(s, st, record_row, (void *)fn, arg, e);
}

int
store_events_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e)
{
	return records_each(s, sql_events, f, fn, arg, e);
}

int
store_mous_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e)
{
	return records_each(s, sql_mous, f, fn, arg, e);
}

static int
parties_each(struct store *s, const char *sql, int64_t id,
    store_party_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_read_loop(s, st, store_read_party, (void *)fn, arg, e);
}

int
store_event_orgs_each(struct store *s, int64_t event_id, store_party_fn fn,
    void *arg, struct err *e)
{
	return parties_each(s, sql_event_orgs, event_id, fn, arg, e);
}

int
store_mou_parties_each(struct store *s, int64_t mou_id, store_party_fn fn,
    void *arg, struct err *e)
{
	return parties_each(s, sql_mou_parties, mou_id, fn, arg, e);
}
