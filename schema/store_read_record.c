/* SPDX-License-Identifier: ISC */
/*
 * Events and MOUs of a run with their organisations. A record's day, for
 * filtering and ordering, is its own date, else its document's day, so a
 * signing reported without a date still lands in the right week; schema
 * 0015 stores it as column day, and event_run_day / mou_run_day hold each
 * run's records newest first (ties in id order).
 *
 * So there is one statement per shape, each of which SQLite can answer in
 * index order and stop at LIMIT: newest or oldest first, with or without
 * a date window (an index range; without a window a record with no day at
 * all is still listed, last), and the records of one document (show).
 */
#include "store_read.h"

#include "store_read_priv.h"

/* WHERE: how the run's records are found; ORDER: how they are sorted. */
#define EVENTS_SQL(WHERE, ORDER)					\
	SQL_WITH_DOC							\
	"SELECT e.id, e.document_id, e.group_id, doc.url, e.type, e.name, " \
	"e.date, e.day, e.location, e.evidence, "			\
	"e.start, e.end, doc.title, doc.published, s.name, "		\
	"(SELECT group_concat(sector, ',') FROM event_sector "		\
	" WHERE event_id = e.id) "					\
	"FROM event e JOIN doc ON doc.id = e.document_id "		\
	"JOIN source s ON s.id = doc.source_id "			\
	"WHERE " WHERE							\
	"AND " SQL_IN_WINDOW("e.day")					\
	"AND (:type IS NULL OR e.type = :type) "			\
	"AND (:source IS NULL OR s.name = :source) "			\
	"AND (:orgs IS NULL OR EXISTS (SELECT 1 FROM event_org eo "	\
	" WHERE eo.event_id = e.id AND " SQL_IN_ORGS("eo.org_id") ")) "	\
	"AND (:tag IS NULL OR EXISTS (SELECT 1 FROM event_org eo "	\
	" WHERE eo.event_id = e.id AND " SQL_HAS_TAG("eo.org_id") ")) "	\
	"ORDER BY " ORDER "LIMIT :limit"

#define MOUS_SQL(WHERE, ORDER)						\
	SQL_WITH_DOC							\
	"SELECT m.id, m.document_id, m.group_id, doc.url, NULL, NULL, "	\
	"m.date, m.day, m.location, m.evidence, "			\
	"m.start, m.end, doc.title, doc.published, s.name, "		\
	"(SELECT group_concat(sector, ',') FROM document_sector "	\
	" WHERE document_id = m.document_id) "				\
	"FROM mou m JOIN doc ON doc.id = m.document_id "		\
	"JOIN source s ON s.id = doc.source_id "			\
	"WHERE " WHERE							\
	"AND " SQL_IN_WINDOW("m.day")					\
	"AND (:source IS NULL OR s.name = :source) "			\
	"AND (:orgs IS NULL OR EXISTS (SELECT 1 FROM mou_party mp "	\
	" WHERE mp.mou_id = m.id AND " SQL_IN_ORGS("mp.org_id") ")) "	\
	"AND (:tag IS NULL OR EXISTS (SELECT 1 FROM mou_party mp "	\
	" WHERE mp.mou_id = m.id AND " SQL_HAS_TAG("mp.org_id") ")) "	\
	"ORDER BY " ORDER "LIMIT :limit"

/*
 * The run's records; in a window also as a range of the day index (the
 * exact test, SQL_IN_WINDOW, implies it: :lo is the month of :since).
 * One document's: by event_document, the run test kept off the indexes.
 */
#define IN_RUN(T) T ".run_id = (SELECT id FROM cur) "
#define IN_WINDOW(T) IN_RUN(T) "AND " T ".day BETWEEN :lo AND :hi "
#define IN_DOC(T)						\
	T ".document_id = :doc AND +" T ".run_id = (SELECT id FROM cur) "
#define NEWEST(T) T ".day DESC, " T ".id "
#define OLDEST(T) T ".day, " T ".id "
#define EITHER(T) "CASE WHEN :asc THEN " T ".day END, " T ".day DESC, " T ".id "

/* The statements of one kind of record, by shape. */
struct record_sql {
	const char *newest, *newest_window, *oldest, *oldest_window, *doc;
};

static const struct record_sql sql_events = {
	EVENTS_SQL(IN_RUN("e"), NEWEST("e")),
	EVENTS_SQL(IN_WINDOW("e"), NEWEST("e")),
	EVENTS_SQL(IN_RUN("e"), OLDEST("e")),
	EVENTS_SQL(IN_WINDOW("e"), OLDEST("e")),
	EVENTS_SQL(IN_DOC("e"), EITHER("e")),
};

static const struct record_sql sql_mous = {
	MOUS_SQL(IN_RUN("m"), NEWEST("m")),
	MOUS_SQL(IN_WINDOW("m"), NEWEST("m")),
	MOUS_SQL(IN_RUN("m"), OLDEST("m")),
	MOUS_SQL(IN_WINDOW("m"), OLDEST("m")),
	MOUS_SQL(IN_DOC("m"), EITHER("m")),
};

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
records_each(struct store *s, const struct record_sql *q,
    const struct store_filter *f, store_record_fn fn, void *arg,
    struct err *e)
{
	bool window = f->since != NULL || f->until != NULL;
	const char *sql;
	sqlite3_stmt *st;

	if (f->document_id > 0)
		sql = q->doc;
	else if (f->ascending)
		sql = window ? q->oldest_window : q->oldest;
	else
		sql = window ? q->newest_window : q->newest;
	st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	return store_read_loop(s, st, record_row, (void *)fn, arg, e);
}

int
store_events_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e)
{
	return records_each(s, &sql_events, f, fn, arg, e);
}

int
store_mous_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e)
{
	return records_each(s, &sql_mous, f, fn, arg, e);
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
