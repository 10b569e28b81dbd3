/* SPDX-License-Identifier: ISC */
/*
 * Atomic sections and statement stepping for the record writers. A
 * section opened outside any transaction is BEGIN IMMEDIATE (a deferred
 * one could fail to upgrade to a writer midway); inside a caller's batch
 * it is a savepoint, so one bad document rolls back alone.
 */
#include "store_record.h"
#include "store_record_priv.h"

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_SAVEPOINT[] = "SAVEPOINT kw_record";
static const char SQL_RELEASE[] = "RELEASE kw_record";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO kw_record";
/* 64 MiB: the document, mention and FTS b-trees a reparse keeps
 * revisiting stay in memory instead of being re-read page by page. */
static const char SQL_BULK_CACHE[] = "PRAGMA cache_size = -65536";
/* 512 KiB: a crawl commits every 200 pages or second and rereads little;
 * SQLite's default 2 MB cache was a quarter of its resident heap. */
static const char SQL_LEAN_CACHE[] = "PRAGMA cache_size = -512";
/*
 * Statement journals in memory. Inside a crawl's batch every statement
 * with triggers or several rows (and every page's savepoint) copies the
 * pages it is about to change into the sub-journal; on disk that was a
 * temporary file written with two pwrite() calls a page, ~240 a crawled
 * page, three times the WAL's. Each journal only lives until its
 * savepoint or statement ends (SQLite frees it then); measured without a
 * change in peak RSS.
 */
static const char SQL_LEAN_TEMP[] = "PRAGMA temp_store = MEMORY";
/*
 * Checkpoint every 10000 WAL pages (~40 MiB) instead of SQLite's 1000: at
 * 1000 the checkpoint ran after nearly every batch and copied the same
 * b-tree pages (interior, hot leaves) into the database again each time;
 * measured 20-25 % fewer bytes written and ~10 % fewer pread/pwrite calls.
 * The WAL stays bounded for a long-lived daemon: SQLite still checkpoints
 * at that size, and once a checkpoint has reset it the file is cut back
 * to 8 MiB.
 */
static const char SQL_LEAN_CKPT[] = "PRAGMA wal_autocheckpoint = 10000";
static const char SQL_LEAN_WAL_LIMIT[] = "PRAGMA journal_size_limit = 8388608";

int
store_run(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	return store_step_done(s, st, sql, e);
}

int
store_tx_enter(struct store *s, struct store_tx *tx, struct err *e)
{
	tx->outer = sqlite3_get_autocommit(store_sqlite(s)) != 0;
	return store_run(s, tx->outer ? SQL_BEGIN : SQL_SAVEPOINT, e);
}

int
store_tx_leave(struct store *s, struct store_tx *tx, int rc, struct err *e)
{
	struct err ignored;

	if (rc == 0 && tx->outer)
		rc = store_fts_precommit(s, e);
	if (rc == 0) {
		if (store_run(s, tx->outer ? SQL_COMMIT : SQL_RELEASE, e) == 0)
			return 0;
		rc = -1;
	}
	if (tx->outer) {
		/* A failed COMMIT may already have ended the transaction. */
		if (!sqlite3_get_autocommit(store_sqlite(s)))
			store_run(s, SQL_ROLLBACK, &ignored);
		return rc;
	}
	store_run(s, SQL_ROLLBACK_TO, &ignored);
	store_run(s, SQL_RELEASE, &ignored);
	return rc;
}

int
store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
    struct err *e)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_err(s, e, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int
store_step_int64(struct store *s, sqlite3_stmt *st, int64_t *v,
    const char *what, struct err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	store_err(s, e, what);
	sqlite3_reset(st);
	return -1;
}

/*
 * A reparse rewrites every document's rows: the large cache, and the
 * crawl's checkpoint interval, where SQLite's 1000 pages checkpointed
 * after nearly every batch and copied the same hot pages into the
 * database each time (489 -> 202 MiB written for 3000 documents).
 */
int
store_bulk_mode(struct store *s, struct err *e)
{
	if (store_run(s, SQL_BULK_CACHE, e) == -1 ||
	    store_run(s, SQL_LEAN_CKPT, e) == -1)
		return -1;
	return store_run(s, SQL_LEAN_WAL_LIMIT, e);
}

void
store_lean_init(void)
{
	/* Too late (SQLite already initialised) is no error, only slower. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
store_lean_mode(struct store *s, struct err *e)
{
	if (store_run(s, SQL_LEAN_CACHE, e) == -1 ||
	    store_run(s, SQL_LEAN_TEMP, e) == -1 ||
	    store_run(s, SQL_LEAN_CKPT, e) == -1)
		return -1;
	return store_run(s, SQL_LEAN_WAL_LIMIT, e);
}
