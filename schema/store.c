/* SPDX-License-Identifier: ISC */
/*
 * Opening and migrating the store, transactions, the writer lock and the
 * prepared-statement cache. Row-level reads and writes live in the
 * store_<concern>.c files; this file knows no table.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store_cjk.h"
#include "store_migrations.h"
#include "store_priv.h"
#include "xmem.h"

/* Long enough for a reparse commit; readers never block writers in WAL. */
#define STORE_BUSY_TIMEOUT_MS 10000

struct stmt_slot {
	const char *sql;	/* key: address of a static string */
	sqlite3_stmt *st;
};

struct store {
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	int lock_fd;			/* writer lock, -1 when not held */
	struct stmt_slot *stmts;	/* prepared-statement cache */
	size_t nstmts;
	bool fts_deferred;		/* store_fts_defer: kw_fts_now() is 0 */
};

sqlite3 *
store_sqlite(struct store *s)
{
	return s->db;
}

bool
store_fts_deferred(const struct store *s)
{
	return s->fts_deferred;
}

void
store_fts_set_deferred(struct store *s, bool on)
{
	s->fts_deferred = on;
}

/*
 * kw_fts_now(), schema 0012: 1 unless this connection deferred full-text
 * indexing. Per connection, so any other writer still indexes row by row.
 */
static void
fts_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct store *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, !s->fts_deferred);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_err(struct store *s, struct err *e, const char *what)
{
	return err_set(e, "store %s: %s: %s", s->path, what,
	    sqlite3_errmsg(s->db));
}

int
store_bind_text(sqlite3_stmt *st, int idx, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
}

sqlite3_stmt *
store_stmt(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
		NULL) != SQLITE_OK) {
		store_err(s, e, "prepare");
		return NULL;
	}
	s->stmts = xreallocarray(s->stmts, s->nstmts + 1, sizeof(*s->stmts));
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts].st = st;
	s->nstmts++;
	return st;
}

static int
exec_sql(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, "store %s: %s", s->path, msg ? msg : "exec failed");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
store_schema_latest(void)
{
	return store_migrations[store_migrations_count - 1].version;
}

static int
migrate_one(struct store *s, const struct store_migration *m, struct err *e)
{
	char pragma[64];

	if (exec_sql(s, "BEGIN IMMEDIATE", e) == -1)
		return -1;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
	    m->version);
	if (exec_sql(s, m->sql, e) == -1 || exec_sql(s, pragma, e) == -1) {
		err_prefix(e, "migration %s: ", m->name);
		exec_sql(s, "ROLLBACK", NULL);
		return -1;
	}
	return exec_sql(s, "COMMIT", e);
}

static int
migrate(struct store *s, struct err *e)
{
	int v = store_schema_version(s);

	if (v < 0)
		return store_err(s, e, "reading user_version");
	if (v > store_schema_latest())
		return err_set(e,
		    "store %s: schema version %d is newer than this kicwatch "
		    "knows (%d); upgrade kicwatch, the store was not touched",
		    s->path, v, store_schema_latest());
	if (s->mode == STORE_RO) {
		if (v < store_schema_latest())
			return err_set(e,
			    "store %s: schema version %d, expected %d; run "
			    "'kicwatch init' to upgrade it",
			    s->path, v, store_schema_latest());
		return 0;
	}
	for (int i = 0; i < store_migrations_count; i++) {
		if (store_migrations[i].version <= v)
			continue;
		if (migrate_one(s, &store_migrations[i], e) == -1)
			return -1;
	}
	return 0;
}

static int
configure(struct store *s, struct err *e)
{
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec_sql(s, "PRAGMA foreign_keys = ON", e) == -1)
		return -1;
	/* Fail early on a file that is not a database at all. */
	if (exec_sql(s, "SELECT count(*) FROM sqlite_master", e) == -1)
		return -1;
	/* Readers tokenize queries with it, writers fire document triggers. */
	if (store_cjk_register(s->db, e) == -1)
		return -1;
	/* Not deterministic: its value changes with store_fts_defer(). */
	if (sqlite3_create_function_v2(s->db, "kw_fts_now", 0,
		SQLITE_UTF8 | SQLITE_INNOCUOUS, s, fts_now, NULL, NULL,
		NULL) != SQLITE_OK)
		return store_err(s, e, "registering kw_fts_now");
	if (s->mode == STORE_RO)
		return 0;
	if (exec_sql(s, "PRAGMA journal_mode = WAL", e) == -1)
		return -1;
	/* NORMAL is durable across application crashes in WAL mode; only a
	 * power loss may drop the last commits, never corrupt the file. */
	return exec_sql(s, "PRAGMA synchronous = NORMAL", e);
}

int
store_open(const char *path, enum store_mode mode, struct store **out,
    struct err *e)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int flags;

	s->path = xstrdup(path);
	s->mode = mode;
	s->lock_fd = -1;
	flags = mode == STORE_RO ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		if (s->db == NULL)
			err_set(e, "store %s: out of memory", path);
		else
			store_err(s, e, "open");
		store_close(s);
		return -1;
	}
	if (configure(s, e) == -1 || migrate(s, e) == -1) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nstmts; i++)
		sqlite3_finalize(s->stmts[i].st);
	free(s->stmts);
	if (s->db != NULL)
		sqlite3_close(s->db);
	if (s->lock_fd != -1)
		close(s->lock_fd);
	free(s->path);
	free(s);
}

/*
 * Transaction control, twice a page in a crawl (a savepoint and its
 * release): prepared once like any other statement, where sqlite3_exec()
 * parsed the text again at every call.
 */
static const char SQL_TX_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_TX_COMMIT[] = "COMMIT";
static const char SQL_TX_ROLLBACK[] = "ROLLBACK";
static const char SQL_TX_SAVEPOINT[] = "SAVEPOINT kw_page";
static const char SQL_TX_RELEASE[] = "RELEASE kw_page";
static const char SQL_TX_ROLLBACK_TO[] = "ROLLBACK TO kw_page";

int
store_begin(struct store *s, struct err *e)
{
	return store_run(s, SQL_TX_BEGIN, e);
}

int
store_commit(struct store *s, struct err *e)
{
	/* Nothing is committed without its index rows (store_fts_defer). */
	if (store_fts_precommit(s, e) == -1)
		return -1;
	return store_run(s, SQL_TX_COMMIT, e);
}

/* A crawl batch holds one savepoint per page (collector/crawl_tx.c). */
int
store_savepoint(struct store *s, struct err *e)
{
	return store_run(s, SQL_TX_SAVEPOINT, e);
}

int
store_release(struct store *s, struct err *e)
{
	return store_run(s, SQL_TX_RELEASE, e);
}

void
store_rollback_to(struct store *s)
{
	store_run(s, SQL_TX_ROLLBACK_TO, NULL);
	store_run(s, SQL_TX_RELEASE, NULL);
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		store_run(s, SQL_TX_ROLLBACK, NULL);
}

int
store_lock_writer(struct store *s, struct err *e)
{
	char lockpath[4096], pid[32];
	int fd, n;

	if (s->lock_fd != -1)
		return 0;
	snprintf(lockpath, sizeof(lockpath), "%s.lock", s->path);
	fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd == -1)
		return err_set(e, "store %s: %s", lockpath, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		n = (int)read(fd, pid, sizeof(pid) - 1);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (errno != EWOULDBLOCK && errno != EAGAIN && n < 0)
			return err_set(e, "store %s: %s", lockpath,
			    strerror(errno));
		err_set(e, "store %s is being written by another kicwatch "
			   "(pid %s)", s->path, *pid ? pid : "unknown");
		return 1;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0)
		(void)!pwrite(fd, pid, (size_t)n, 0);
	s->lock_fd = fd;
	return 0;
}

int
store_check(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
		NULL) != SQLITE_OK)
		return store_err(s, e, "integrity_check");
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r == NULL || strcmp(r, "ok") != 0)
			rc = err_set(e, "store %s: integrity: %s", s->path,
			    r ? r : "?");
	} else {
		rc = store_err(s, e, "integrity_check");
	}
	sqlite3_finalize(st);
	return rc;
}

void
store_time_fmt(int64_t t, char *buf, unsigned long size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
store_now(char *buf, unsigned long size)
{
	store_time_fmt((int64_t)time(NULL), buf, size);
}

int64_t
store_time_parse(const char *s)
{
	struct tm tm = {0};
	const char *end;

	if (s == NULL)
		return -1;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return (int64_t)timegm(&tm);
}
