/* SPDX-License-Identifier: ISC */
/*
 * Extraction runs. Crawls append to the current run (the newest completed
 * one); reparse builds a new run and completes it at the end, so queries
 * switch to it in one commit. A run that never completed was left by an
 * interrupted reparse: queries ignore it, and the next reparse drops it
 * in small transactions so that dropping a large run is itself resumable.
 */
#include "store_record.h"

#include <string.h>

#include "store_record_priv.h"

#ifndef KICWATCH_VERSION
#define KICWATCH_VERSION "0.0.0"
#endif

/* Documents deleted per transaction when dropping a run. */
#define DROP_BATCH 200

static const char SQL_RUN_LATEST[] =
    "SELECT id FROM run WHERE completed_at IS NOT NULL"
    " ORDER BY id DESC LIMIT 1";
static const char SQL_RUN_INSERT[] =
    "INSERT INTO run (kind, started_at, completed_at, extractor)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char SQL_RUN_COMPLETE[] =
    "UPDATE run SET completed_at = ?2 WHERE id = ?1 AND completed_at IS NULL";
static const char SQL_RUN_INCOMPLETE[] =
    "SELECT id FROM run WHERE completed_at IS NULL ORDER BY id LIMIT 1";
static const char SQL_RUN_SUPERSEDED[] =
    "SELECT id FROM run WHERE completed_at IS NOT NULL AND id <"
    " (SELECT max(id) FROM run WHERE completed_at IS NOT NULL)"
    " ORDER BY id LIMIT 1";
static const char SQL_RUN_DOCS[] =
    "SELECT id FROM document WHERE run_id = ?1 LIMIT ?2";
static const char SQL_DROP_EVENT_ORG[] =
    "DELETE FROM event_org WHERE event_id IN"
    " (SELECT id FROM event WHERE document_id = ?1)";
static const char SQL_DROP_EVENT_SECTOR[] =
    "DELETE FROM event_sector WHERE event_id IN"
    " (SELECT id FROM event WHERE document_id = ?1)";
static const char SQL_DROP_EVENT[] = "DELETE FROM event WHERE document_id = ?1";
static const char SQL_DROP_MOU_PARTY[] =
    "DELETE FROM mou_party WHERE mou_id IN"
    " (SELECT id FROM mou WHERE document_id = ?1)";
static const char SQL_DROP_MOU[] = "DELETE FROM mou WHERE document_id = ?1";
static const char SQL_DROP_MENTION[] =
    "DELETE FROM mention WHERE document_id = ?1";
static const char SQL_DROP_DOC_SECTOR[] =
    "DELETE FROM document_sector WHERE document_id = ?1";
static const char SQL_DROP_DOC[] = "DELETE FROM document WHERE id = ?1";
static const char SQL_DROP_GROUPS[] =
    "DELETE FROM event_group WHERE run_id = ?1";
static const char SQL_DROP_RUN[] = "DELETE FROM run WHERE id = ?1";
/* Children first: foreign keys are enforced. */
static const char *const drop_doc_sql[] = {
	SQL_DROP_EVENT_ORG,
	SQL_DROP_EVENT_SECTOR,
	SQL_DROP_EVENT,
	SQL_DROP_MOU_PARTY,
	SQL_DROP_MOU,
	SQL_DROP_MENTION,
	SQL_DROP_DOC_SECTOR,
	SQL_DROP_DOC,
};

int
store_run_latest(struct store *s, int64_t *run_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_RUN_LATEST, e);

	if (st == NULL)
		return -1;
	return store_step_int64(s, st, run_id, "current run", e);
}

static int
run_insert(struct store *s, const char *kind, bool completed, int64_t *id,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_RUN_INSERT, e);
	char now[32];

	if (st == NULL)
		return -1;
	store_now(now, sizeof(now));
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 3, completed ? now : NULL);
	sqlite3_bind_text(st, 4, KICWATCH_VERSION, -1, SQLITE_STATIC);
	if (store_step_done(s, st, "inserting run", e) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(store_sqlite(s));
	return 0;
}

int
store_run_current(struct store *s, const struct cfg *c, int64_t *run_id,
    struct err *e)
{
	struct store_tx tx;
	int64_t id = 0;
	int rc;

	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	rc = store_gazetteer_sync(s, c, e);
	if (rc == 0)
		rc = store_run_latest(s, &id, e);
	if (rc == 1)
		rc = run_insert(s, "crawl", true, &id, e);
	if (store_tx_leave(s, &tx, rc, e) == -1)
		return -1;
	*run_id = id;
	return 0;
}

int
store_run_begin(struct store *s, const struct cfg *c, const char *kind,
    int64_t *run_id, struct err *e)
{
	struct store_tx tx;
	int64_t id = 0;
	int rc;

	if (strcmp(kind, "crawl") != 0 && strcmp(kind, "reparse") != 0)
		return err_set(e, "run kind '%s' is neither crawl nor reparse",
		    kind);
	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	rc = store_gazetteer_sync(s, c, e);
	if (rc == 0)
		rc = run_insert(s, kind, false, &id, e);
	if (store_tx_leave(s, &tx, rc, e) == -1)
		return -1;
	*run_id = id;
	return 0;
}

static int
exec_id(struct store *s, const char *sql, int64_t id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_step_done(s, st, "writing run", e);
}

/*
 * Schema 0006: the documents of an unfinished run are not indexed as they
 * are inserted; they are the unindexed documents store_fts_flush() finds.
 */
int
store_run_index(struct store *s, int64_t run_id, struct err *e)
{
	if (store_fts_flush(s, e) == -1) {
		err_prefix(e, "full-text indexing run %lld: ",
		    (long long)run_id);
		return -1;
	}
	return 0;
}

int
store_run_complete(struct store *s, int64_t run_id, struct err *e)
{
	sqlite3_stmt *st;
	char now[32];

	if (store_run_index(s, run_id, e) == -1)
		return -1;
	if ((st = store_stmt(s, SQL_RUN_COMPLETE, e)) == NULL)
		return -1;
	store_now(now, sizeof(now));
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(s, st, "completing run", e) == -1)
		return -1;
	if (sqlite3_changes(store_sqlite(s)) != 1)
		return err_set(e, "store %s: run %lld is unknown or already "
				  "completed",
		    store_path(s), (long long)run_id);
	return 0;
}

/* Up to DROP_BATCH documents of run_id into ids; their number or -1. */
static int
run_docs(struct store *s, int64_t run_id, int64_t *ids, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_RUN_DOCS, e);
	int n = 0, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int(st, 2, DROP_BATCH);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < DROP_BATCH)
		ids[n++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(s, e, "listing run documents");
		n = -1;
	}
	sqlite3_reset(st);
	return n;
}

/* One transaction: up to DROP_BATCH documents; 0 when none were left. */
static int
drop_doc_batch(struct store *s, int64_t run_id, struct err *e)
{
	int64_t ids[DROP_BATCH];
	struct store_tx tx;
	int n, rc = 0;

	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	n = run_docs(s, run_id, ids, e);
	if (n == -1)
		rc = -1;
	for (int i = 0; i < n && rc == 0; i++)
		for (size_t j = 0; j < sizeof(drop_doc_sql) /
			 sizeof(drop_doc_sql[0]) && rc == 0; j++)
			rc = exec_id(s, drop_doc_sql[j], ids[i], e);
	if (store_tx_leave(s, &tx, rc, e) == -1)
		return -1;
	return n;
}

static int
drop_run(struct store *s, int64_t run_id, struct err *e)
{
	struct store_tx tx;
	int n, rc;

	/* The delete triggers remove index rows: they must all be there. */
	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	if (store_tx_leave(s, &tx, store_run_index(s, run_id, e), e) == -1)
		return -1;
	while ((n = drop_doc_batch(s, run_id, e)) > 0)
		;
	if (n == -1)
		return -1;
	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	rc = exec_id(s, SQL_DROP_GROUPS, run_id, e);
	if (rc == 0)
		rc = exec_id(s, SQL_DROP_RUN, run_id, e);
	return store_tx_leave(s, &tx, rc, e);
}

static int
drop_each(struct store *s, const char *select_sql, int *ndropped,
    struct err *e)
{
	sqlite3_stmt *st;
	int64_t id;
	int n = 0, rc;

	for (;;) {
		st = store_stmt(s, select_sql, e);
		if (st == NULL)
			return -1;
		rc = store_step_int64(s, st, &id, "listing runs", e);
		if (rc == -1)
			return -1;
		if (rc == 1)
			break;
		if (drop_run(s, id, e) == -1) {
			err_prefix(e, "dropping run %lld: ", (long long)id);
			return -1;
		}
		n++;
	}
	if (ndropped != NULL)
		*ndropped = n;
	return 0;
}

int
store_run_drop_incomplete(struct store *s, int *ndropped, struct err *e)
{
	return drop_each(s, SQL_RUN_INCOMPLETE, ndropped, e);
}

int
store_run_drop_superseded(struct store *s, int *ndropped, struct err *e)
{
	return drop_each(s, SQL_RUN_SUPERSEDED, ndropped, e);
}
