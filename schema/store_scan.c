/* SPDX-License-Identifier: ISC */
/*
 * Reading captures back for reparse, in id-range batches over the partial
 * index capture_document (schema 0003). A batch is one statement run to
 * completion or reset, so no read transaction outlives it.
 */
#include "store_scan.h"

#include <string.h>

#include "store_priv.h"

static const char SQL_SCAN[] =
    "SELECT c.id, c.source_id, c.url, c.fetched_at, c.content_type,"
    " c.headers, c.compression, c.size, d.id,"
    " CASE WHEN d.id IS NULL THEN c.body END"
    " FROM capture c LEFT JOIN document d ON d.run_id = ?3"
    " AND d.capture_id = c.id AND c.source_id <> ?2"
    " WHERE c.kind IN ('article','page') AND c.id > ?1"
    " AND c.status BETWEEN 200 AND 299 ORDER BY c.id LIMIT ?4";
static const char SQL_COUNT[] =
    "SELECT count(*) FROM capture c WHERE c.kind IN ('article','page')"
    " AND c.status BETWEEN 200 AND 299";
static const char SQL_SOURCE_ID[] = "SELECT id FROM source WHERE name = ?1";
static const char SQL_SOURCES[] = "SELECT id, name FROM source ORDER BY id";

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
row_read(sqlite3_stmt *st, struct store_scan_row *r)
{
	const char *comp = col_text(st, 6);

	memset(r, 0, sizeof(*r));
	r->capture_id = sqlite3_column_int64(st, 0);
	r->source_id = sqlite3_column_int64(st, 1);
	r->url = col_text(st, 2);
	r->fetched_at = col_text(st, 3);
	r->content_type = col_text(st, 4);
	r->headers = col_text(st, 5);
	r->compressed = comp == NULL || strcmp(comp, "none") != 0;
	r->size = sqlite3_column_int64(st, 7);
	r->copy_document_id = sqlite3_column_int64(st, 8);
	if (r->copy_document_id == 0) {
		r->body = sqlite3_column_blob(st, 9);
		r->body_len = (size_t)sqlite3_column_bytes(st, 9);
	}
}

static void
bind_query(sqlite3_stmt *st, const struct store_scan_query *q)
{
	sqlite3_bind_int64(st, 1, q->after_id);
	sqlite3_bind_int64(st, 2, q->only_source_id);
	sqlite3_bind_int64(st, 3, q->only_source_id ? q->copy_run_id : 0);
}

int
store_scan_batch(struct store *s, const struct store_scan_query *q,
    store_scan_fn fn, void *arg, int64_t *last_id, size_t *nrows,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SCAN, e);
	struct store_scan_row r;
	size_t n = 0, bytes = 0;
	int rc;

	*nrows = 0;
	if (st == NULL)
		return -1;
	bind_query(st, q);
	sqlite3_bind_int64(st, 4, q->max_rows > 0 ? (int64_t)q->max_rows : 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_read(st, &r);
		if (fn(arg, &r, e) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		*last_id = r.capture_id;
		n++;
		bytes += r.body_len;
		if (bytes >= q->max_bytes)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, e, "reading captures");
	sqlite3_reset(st);
	*nrows = n;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_scan_count(struct store *s, int64_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COUNT, e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		store_err(s, e, "counting captures");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_scan_source_id(struct store *s, const char *name, int64_t *id,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SOURCE_ID, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_err(s, e, "looking up source");
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : -1;
}

int
store_scan_sources(struct store *s,
    void (*fn)(void *arg, int64_t id, const char *name), void *arg,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_SOURCES, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(st, 0), col_text(st, 1));
	if (rc != SQLITE_DONE)
		store_err(s, e, "listing sources");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
