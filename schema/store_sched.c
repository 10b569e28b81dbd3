/* SPDX-License-Identifier: ISC */
/*
 * The source table's schedule columns. Each write is a single statement,
 * so it is atomic on its own and may also run inside a caller's
 * transaction (a round's last commit).
 */
#include "store_sched.h"

#include <stdio.h>
#include <string.h>

#include "store_priv.h"

static const char SQL_SOURCE_GET[] =
    "SELECT id, url FROM source WHERE name = ?1";
static const char SQL_SOURCE_INSERT[] =
    "INSERT INTO source (name, url, created_at) VALUES (?1, ?2, ?3)";
static const char SQL_SOURCE_URL[] =
    "UPDATE source SET url = ?2 WHERE id = ?1";
static const char SQL_SCHED_GET[] =
    "SELECT next_due_at, failures, last_attempt_at, last_success_at,"
    " last_error FROM source WHERE id = ?1";
static const char SQL_SCHED_STARTED[] =
    "UPDATE source SET last_attempt_at = ?2 WHERE id = ?1";
static const char SQL_SCHED_OK[] =
    "UPDATE source SET last_success_at = ?2, last_error = NULL,"
    " failures = ?3, next_due_at = ?4 WHERE id = ?1";
static const char SQL_SCHED_FAILED[] =
    "UPDATE source SET last_error = ?2, failures = ?3, next_due_at = ?4"
    " WHERE id = ?1";
static const char SQL_SCHED_RESET[] =
    "UPDATE source SET next_due_at = NULL WHERE id = ?1";

static int
step_done(struct store *s, sqlite3_stmt *st, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_err(s, e, what);
	return 0;
}

static int
bind_time(sqlite3_stmt *st, int idx, int64_t t)
{
	char buf[32];

	if (t <= 0)
		return sqlite3_bind_null(st, idx);
	store_time_fmt(t, buf, sizeof(buf));
	return sqlite3_bind_text(st, idx, buf, -1, SQLITE_TRANSIENT);
}

static int64_t
column_time(sqlite3_stmt *st, int col, int64_t if_null)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	int64_t t;

	if (v == NULL)
		return if_null;
	t = store_time_parse(v);
	/* A hand-edited, unreadable time counts as "due now"/"never". */
	return t < 0 ? if_null : t;
}

static int
source_insert(struct store *s, const char *name, const char *url,
    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SOURCE_INSERT, e);
	char now[32];

	if (st == NULL)
		return -1;
	store_now(now, sizeof(now));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	if (step_done(s, st, e, "inserting source") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(store_sqlite(s));
	return 0;
}

int
store_source_ensure(struct store *s, const char *name, const char *url,
    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SOURCE_GET, e);
	int64_t found;
	bool same_url;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return source_insert(s, name, url, id, e);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_err(s, e, "reading source");
	}
	found = sqlite3_column_int64(st, 0);
	same_url = sqlite3_column_text(st, 1) != NULL &&
	    strcmp((const char *)sqlite3_column_text(st, 1), url) == 0;
	sqlite3_reset(st);
	if (!same_url) {
		st = store_stmt(s, SQL_SOURCE_URL, e);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, found);
		sqlite3_bind_text(st, 2, url, -1, SQLITE_TRANSIENT);
		if (step_done(s, st, e, "updating source url") == -1)
			return -1;
	}
	*id = found;
	return 0;
}

int
store_sched_get(struct store *s, int64_t source_id,
    struct store_sched_row *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SCHED_GET, e);
	const char *le;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(e, "store %s: no source with id %lld",
			    store_path(s), (long long)source_id);
		return store_err(s, e, "reading schedule");
	}
	out->source_id = source_id;
	out->next_due_at = column_time(st, 0, 0);
	out->failures = (unsigned)sqlite3_column_int(st, 1);
	out->last_attempt_at = column_time(st, 2, -1);
	out->last_success_at = column_time(st, 3, -1);
	le = (const char *)sqlite3_column_text(st, 4);
	snprintf(out->last_error, sizeof(out->last_error), "%s",
	    le ? le : "");
	sqlite3_reset(st);
	return 0;
}

int
store_sched_started(struct store *s, int64_t source_id, int64_t at,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SCHED_STARTED, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	bind_time(st, 2, at);
	return step_done(s, st, e, "recording round start");
}

int
store_sched_finished(struct store *s, int64_t source_id, int64_t at,
    const char *error, unsigned failures, int64_t next_due_at,
    struct err *e)
{
	sqlite3_stmt *st;

	st = store_stmt(s, error == NULL ? SQL_SCHED_OK : SQL_SCHED_FAILED, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	if (error == NULL)
		bind_time(st, 2, at);
	else
		sqlite3_bind_text(st, 2, error, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (int64_t)failures);
	bind_time(st, 4, next_due_at);
	return step_done(s, st, e, "recording round end");
}

int
store_sched_reset(struct store *s, int64_t source_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SCHED_RESET, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	return step_done(s, st, e, "resetting schedule");
}
