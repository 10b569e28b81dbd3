/* SPDX-License-Identifier: ISC */
/* Reading the per-source counters; the triggers do all the writing. */
#include "store_metrics.h"

#include <stddef.h>
#include <stdio.h>

#include "store_priv.h"

static const char SQL_METRICS[] =
    "SELECT s.name, coalesce(m.requests, 0), coalesce(m.stored, 0),"
    " coalesce(m.unchanged, 0), coalesce(m.not_modified, 0),"
    " coalesce(m.http_errors, 0), coalesce(m.errors, 0),"
    " coalesce(m.skipped, 0), coalesce(m.bytes, 0),"
    " coalesce(m.documents, 0), coalesce(m.events, 0),"
    " coalesce(m.mous, 0), m.last_fetch_at, s.last_attempt_at,"
    " s.last_success_at, s.next_due_at, s.failures"
    " FROM source s LEFT JOIN source_metrics m ON m.source_id = s.id"
    " ORDER BY s.name";

static const char SQL_LAST_ERROR[] =
    "SELECT error, url FROM fetch_log WHERE source_id = ?1"
    " AND outcome IN ('error', 'http_error') AND error IS NOT NULL"
    " ORDER BY id DESC LIMIT 1";

static int64_t
col_time(sqlite3_stmt *st, int col, int64_t if_null)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	int64_t t = store_time_parse(v);

	return t < 0 ? if_null : t;
}

static void
row_read(sqlite3_stmt *st, struct store_metrics_row *r)
{
	int64_t *counters[] = {&r->requests, &r->stored, &r->unchanged,
	    &r->not_modified, &r->http_errors, &r->errors, &r->skipped,
	    &r->bytes, &r->documents, &r->events, &r->mous};

	r->source = (const char *)sqlite3_column_text(st, 0);
	for (int i = 0; i < (int)(sizeof(counters) / sizeof(counters[0])); i++)
		*counters[i] = sqlite3_column_int64(st, i + 1);
	r->last_fetch_at = col_time(st, 12, -1);
	r->last_attempt_at = col_time(st, 13, -1);
	r->last_success_at = col_time(st, 14, -1);
	r->next_due_at = col_time(st, 15, 0);
	r->failures = (unsigned)sqlite3_column_int(st, 16);
}

int
store_metrics_each(struct store *s,
    int (*fn)(const struct store_metrics_row *r, void *arg), void *arg,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_METRICS, e);
	struct store_metrics_row r;
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		row_read(st, &r);
		if (r.source == NULL)
			continue;
		stop = fn(&r, arg);
		if (stop != 0)
			break;
	}
	sqlite3_reset(st);
	if (stop == 0 && rc != SQLITE_DONE)
		return store_err(s, e, "reading metrics");
	return stop;
}

int
store_metrics_last_error(struct store *s, int64_t source_id, char *buf,
    size_t size, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_LAST_ERROR, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(buf, size, "%s (%s)", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_err(s, e, "reading the last fetch error");
}
