/* SPDX-License-Identifier: ISC */
/*
 * Copying a document with its records from one run into another: reparse
 * --source re-extracts one source and carries the others over unchanged,
 * so the new run is complete when it becomes current. Rows are copied in
 * SQL; only events and MOUs pass through C, to be regrouped in the new
 * run by the same rule as fresh reports.
 */
#include "store_record.h"

#include <stdlib.h>

#include "store_record_priv.h"
#include "xmem.h"

/* Parties read per report; more are copied but do not vote in grouping. */
#define COPY_MAX_ORGS 256

static const char SQL_DOC_EXISTS[] =
    "SELECT n.id FROM document n JOIN document o ON o.capture_id ="
    " n.capture_id WHERE o.id = ?2 AND n.run_id = ?1";
static const char SQL_DOC_COPY[] =
    "INSERT INTO document (run_id, capture_id, source_id, url, title,"
    " published, lang, text, text_chars, charset, charset_source)"
    " SELECT ?1, capture_id, source_id, url, title, published, lang, text,"
    " text_chars, charset, charset_source FROM document WHERE id = ?2";
static const char SQL_SECTORS_COPY[] =
    "INSERT INTO document_sector (document_id, sector)"
    " SELECT ?1, sector FROM document_sector WHERE document_id = ?2";
static const char SQL_MENTIONS_COPY[] =
    "INSERT INTO mention (run_id, document_id, kind, start, end, surface,"
    " value, org_id) SELECT ?3, ?1, kind, start, end, surface, value, org_id"
    " FROM mention WHERE document_id = ?2 ORDER BY id";
static const char SQL_EVENTS_OF[] =
    "SELECT id, type, date, location FROM event WHERE document_id = ?1"
    " ORDER BY id";
static const char SQL_MOUS_OF[] =
    "SELECT id, NULL, date, location FROM mou WHERE document_id = ?1"
    " ORDER BY id";
static const char SQL_EVENT_ORGS[] =
    "SELECT DISTINCT org_id FROM event_org WHERE event_id = ?1";
static const char SQL_MOU_ORGS[] =
    "SELECT org_id FROM mou_party WHERE mou_id = ?1";
static const char SQL_EVENT_COPY[] =
    "INSERT INTO event (run_id, document_id, group_id, type, name, date,"
    " location, start, end, evidence) SELECT ?3, ?4, ?5, type, name, date,"
    " location, start, end, evidence FROM event WHERE id = ?2";
static const char SQL_EVENT_ORGS_COPY[] =
    "INSERT INTO event_org (event_id, org_id, role, name)"
    " SELECT ?1, org_id, role, name FROM event_org WHERE event_id = ?2";
static const char SQL_EVENT_SECTORS_COPY[] =
    "INSERT INTO event_sector (event_id, sector)"
    " SELECT ?1, sector FROM event_sector WHERE event_id = ?2";
static const char SQL_MOU_COPY[] =
    "INSERT INTO mou (run_id, document_id, group_id, date, location, start,"
    " end, evidence) SELECT ?3, ?4, ?5, date, location, start, end, evidence"
    " FROM mou WHERE id = ?2";
static const char SQL_MOU_PARTIES_COPY[] =
    "INSERT INTO mou_party (mou_id, org_id, name)"
    " SELECT ?1, org_id, name FROM mou_party WHERE mou_id = ?2";

/* Runs sql with ?1 = to, ?2 = from and optional ?3..?5. */
static int
copy_rows(struct store *s, const char *sql, int64_t to, int64_t from,
    const int64_t *more, int nmore, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, to);
	sqlite3_bind_int64(st, 2, from);
	for (int i = 0; i < nmore; i++)
		sqlite3_bind_int64(st, 3 + i, more[i]);
	return store_step_done(s, st, "copying document", e);
}

static int
report_orgs(struct store *s, bool mou, int64_t id, int64_t *ids, size_t *n,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, mou ? SQL_MOU_ORGS : SQL_EVENT_ORGS,
	    e);
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < COPY_MAX_ORGS)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, e, "reading report organisations");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	*n = store_ids_normalise(ids, *n);
	return 0;
}

/* Copies the report the row `it` holds into document doc_id of run_id. */
static int
report_copy(struct store *s, bool mou, int64_t run_id, int64_t doc_id,
    sqlite3_stmt *it, struct err *e)
{
	int64_t ids[COPY_MAX_ORGS], more[3], old, id;
	struct store_group_key k = {0};

	old = sqlite3_column_int64(it, 0);
	k.mou = mou;
	k.type = (const char *)sqlite3_column_text(it, 1);
	k.date = store_date_valid((const char *)sqlite3_column_text(it, 2));
	k.location = (const char *)sqlite3_column_text(it, 3);
	k.document_id = doc_id;
	if (report_orgs(s, mou, old, ids, &k.norgs, e) == -1)
		return -1;
	k.orgs = ids;
	more[0] = run_id;
	more[1] = doc_id;
	if (store_group_assign(s, run_id, &k, &more[2], e) == -1)
		return -1;
	if (copy_rows(s, mou ? SQL_MOU_COPY : SQL_EVENT_COPY, 0, old, more, 3,
		e) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(store_sqlite(s));
	if (mou)
		return copy_rows(s, SQL_MOU_PARTIES_COPY, id, old, NULL, 0, e);
	if (copy_rows(s, SQL_EVENT_ORGS_COPY, id, old, NULL, 0, e) == -1)
		return -1;
	return copy_rows(s, SQL_EVENT_SECTORS_COPY, id, old, NULL, 0, e);
}

static int
reports_copy(struct store *s, bool mou, int64_t run_id, int64_t doc_id,
    int64_t old_doc, struct err *e)
{
	sqlite3_stmt *it = store_stmt(s, mou ? SQL_MOUS_OF : SQL_EVENTS_OF, e);
	int rc;

	if (it == NULL)
		return -1;
	sqlite3_bind_int64(it, 1, old_doc);
	while ((rc = sqlite3_step(it)) == SQLITE_ROW)
		if (report_copy(s, mou, run_id, doc_id, it, e) == -1) {
			sqlite3_reset(it);
			return -1;
		}
	if (rc != SQLITE_DONE)
		store_err(s, e, "reading reports");
	sqlite3_reset(it);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
doc_copy(struct store *s, int64_t run_id, int64_t old_id, int64_t *id,
    struct err *e)
{
	if (copy_rows(s, SQL_DOC_COPY, run_id, old_id, NULL, 0, e) == -1)
		return -1;
	if (sqlite3_changes(store_sqlite(s)) != 1)
		return err_set(e, "store %s: no document %lld to copy",
		    store_path(s), (long long)old_id);
	*id = sqlite3_last_insert_rowid(store_sqlite(s));
	if (copy_rows(s, SQL_SECTORS_COPY, *id, old_id, NULL, 0, e) == -1 ||
	    copy_rows(s, SQL_MENTIONS_COPY, *id, old_id, &run_id, 1, e) == -1)
		return -1;
	if (reports_copy(s, false, run_id, *id, old_id, e) == -1)
		return -1;
	return reports_copy(s, true, run_id, *id, old_id, e);
}

int
store_document_copy(struct store *s, int64_t run_id, int64_t old_id,
    int64_t *document_id, struct err *e)
{
	struct store_tx tx;
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	if ((st = store_stmt(s, SQL_DOC_EXISTS, e)) == NULL)
		return store_tx_leave(s, &tx, -1, e);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, old_id);
	rc = store_step_int64(s, st, &id, "looking up document", e);
	if (rc == 0)
		return store_tx_leave(s, &tx, 0, e) == -1 ? -1 : 1;
	if (rc == 1)
		rc = doc_copy(s, run_id, old_id, &id, e);
	if (store_tx_leave(s, &tx, rc, e) == -1)
		return -1;
	*document_id = id;
	return 0;
}
