/* SPDX-License-Identifier: ISC */
/*
 * Statistics for `kicwatch stats`: totals, per-source collection state,
 * per-run record counts and recent fetch errors. Failed fetches are the
 * fetch_log outcomes 'error' and 'http_error'.
 */
#include "store_read.h"

#include "store_read_priv.h"

static const char sql_sources[] =
    "SELECT s.name, s.url, "
    "(SELECT count(*) FROM capture c WHERE c.source_id = s.id), "
    "(SELECT count(*) FROM document d WHERE d.source_id = s.id AND d.run_id = "
    " (SELECT max(id) FROM run WHERE completed_at IS NOT NULL)), "
    "(SELECT max(at) FROM fetch_log f WHERE f.source_id = s.id), "
    "coalesce((SELECT max(at) FROM fetch_log f WHERE f.source_id = s.id "
    " AND f.outcome IN ('stored','unchanged','not_modified')), "
    " s.last_success_at), "
    "s.failures, s.last_error, "
    "(SELECT count(*) FROM fetch_log f WHERE f.source_id = s.id "
    " AND f.at >= ?1 AND f.outcome IN ('error','http_error')) "
    "FROM source s ORDER BY s.name";

static const char sql_runs[] =
    "SELECT r.id, r.kind, r.started_at, r.completed_at, "
    "(SELECT count(*) FROM document WHERE run_id = r.id), "
    "(SELECT count(*) FROM mention WHERE run_id = r.id), "
    "(SELECT count(*) FROM event WHERE run_id = r.id), "
    "(SELECT count(*) FROM mou WHERE run_id = r.id), "
    "r.id = (SELECT max(id) FROM run WHERE completed_at IS NOT NULL) "
    "FROM run r ORDER BY r.id";

static const char sql_totals[] =
    "SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM capture), "
    "(SELECT coalesce(sum(size), 0) FROM capture), "
    "(SELECT count(*) FROM fetch_log), (SELECT count(*) FROM document), "
    "(SELECT count(*) FROM org), "
    "(SELECT count(*) FROM org WHERE unverified = 1), "
    "(SELECT count(DISTINCT org_id) FROM watchlist_entry)";

static const char sql_errors[] =
    "SELECT f.at, f.url, s.name, f.outcome, f.status, f.error, "
    "f.capture_id FROM fetch_log f LEFT JOIN source s ON s.id = f.source_id "
    "WHERE f.at >= ?1 AND f.outcome IN ('error','http_error') "
    "ORDER BY f.at DESC, f.id DESC LIMIT ?2";

static int
source_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_source_stats r = {0};

	r.name = store_col_text(st, 0);
	r.url = store_col_text(st, 1);
	r.captures = sqlite3_column_int64(st, 2);
	r.documents = sqlite3_column_int64(st, 3);
	r.last_fetch = store_col_text(st, 4);
	r.last_success = store_col_text(st, 5);
	r.failures = sqlite3_column_int64(st, 6);
	r.last_error = store_col_text(st, 7);
	r.errors_day = sqlite3_column_int64(st, 8);
	return ((store_source_fn)fn)(arg, &r, e);
}

int
store_sources_stats_each(struct store *s, const char *since_time,
    store_source_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_sources, e);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, since_time);
	return store_read_loop(s, st, source_row, (void *)fn, arg, e);
}

static int
run_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_run_stats r = {0};

	r.id = sqlite3_column_int64(st, 0);
	r.kind = store_col_text(st, 1);
	r.started_at = store_col_text(st, 2);
	r.completed_at = store_col_text(st, 3);
	r.documents = sqlite3_column_int64(st, 4);
	r.mentions = sqlite3_column_int64(st, 5);
	r.events = sqlite3_column_int64(st, 6);
	r.mous = sqlite3_column_int64(st, 7);
	r.current = sqlite3_column_int(st, 8) == 1;
	return ((store_run_fn)fn)(arg, &r, e);
}

int
store_runs_stats_each(struct store *s, store_run_fn fn, void *arg,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_runs, e);

	if (st == NULL)
		return -1;
	return store_read_loop(s, st, run_row, (void *)fn, arg, e);
}

int
store_totals_get(struct store *s, struct store_totals *t, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_totals, e);

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_err(s, e, "totals");
	}
	t->sources = sqlite3_column_int64(st, 0);
	t->captures = sqlite3_column_int64(st, 1);
	t->capture_bytes = sqlite3_column_int64(st, 2);
	t->fetches = sqlite3_column_int64(st, 3);
	t->documents = sqlite3_column_int64(st, 4);
	t->orgs = sqlite3_column_int64(st, 5);
	t->unverified_orgs = sqlite3_column_int64(st, 6);
	t->watchlisted = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	return 0;
}

int
store_fetch_errors_each(struct store *s, const char *since_time,
    int64_t limit, store_fetch_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_errors, e);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, since_time);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	return store_read_loop(s, st, store_read_fetch_row, (void *)fn, arg, e);
}
