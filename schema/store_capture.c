/* SPDX-License-Identifier: ISC */
/*
 * Captures, url_state, fetch_log and the backfill flag (store_capture.h).
 * Bodies are stored in the zlib format (column compression = 'zlib'),
 * made and read by common/zbody.c (libdeflate: see there for why).
 */
#include "store_capture.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "xmem.h"
#include "zbody.h"

static const char SQL_CAPTURE_INSERT[] =
    "INSERT INTO capture (source_id, url, final_url, fetched_at, status,"
    " headers, content_type, etag, last_modified, charset, charset_source,"
    " sha256, size, compression, body, kind)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    " 'zlib', ?14, ?15)";
static const char SQL_CAPTURE_BODY[] =
    "SELECT compression, size, body FROM capture WHERE id = ?1";
static const char SQL_URL_GET[] =
    "SELECT source_id, kind, etag, last_modified, sha256, capture_id,"
    " last_fetched_at, next_visit_at FROM url_state WHERE url = ?1";
static const char SQL_URL_PUT[] =
    "INSERT INTO url_state (url, source_id, kind, etag, last_modified,"
    " sha256, capture_id, first_seen_at, last_fetched_at, next_visit_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id,"
    " kind = excluded.kind, etag = excluded.etag,"
    " last_modified = excluded.last_modified, sha256 = excluded.sha256,"
    " capture_id = excluded.capture_id,"
    " last_fetched_at = excluded.last_fetched_at,"
    " next_visit_at = excluded.next_visit_at";
static const char SQL_URL_DUE[] =
    "SELECT url FROM url_state WHERE source_id = ?1"
    " AND kind IN ('article', 'page', 'asset')"
    " AND next_visit_at IS NOT NULL AND next_visit_at <= ?2"
    " ORDER BY next_visit_at LIMIT ?3";
static const char SQL_FETCH_INSERT[] =
    "INSERT INTO fetch_log (source_id, url, at, attempt, status, outcome,"
    " error, bytes, ms, conditional, robots, user_agent, capture_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_BACKFILLED_GET[] =
    "SELECT backfilled FROM source WHERE id = ?1";
static const char SQL_BACKFILLED_SET[] =
    "UPDATE source SET backfilled = 1 WHERE id = ?1";

static int
step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_err(s, e, what);
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
column_time(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	int64_t t = v != NULL ? store_time_parse(v) : 0;

	return t < 0 ? 0 : t;
}

static char *
column_dup(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	return v != NULL ? xstrdup(v) : NULL;
}

static void
bind_capture(sqlite3_stmt *st, const struct store_capture_rec *c)
{
	sqlite3_bind_int64(st, 1, c->source_id);
	store_bind_text(st, 2, c->url);
	store_bind_text(st, 3, c->final_url ? c->final_url : c->url);
	store_bind_text(st, 4, c->fetched_at);
	sqlite3_bind_int64(st, 5, c->status);
	store_bind_text(st, 6, c->headers ? c->headers : "");
	store_bind_text(st, 7, c->content_type);
	store_bind_text(st, 8, c->etag);
	store_bind_text(st, 9, c->last_modified);
	store_bind_text(st, 10, c->charset);
	store_bind_text(st, 11, c->charset_source);
	store_bind_text(st, 12, c->sha256);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)c->len);
	store_bind_text(st, 15, c->kind);
}

static int
insert_step(struct store *s, sqlite3_stmt *st, int64_t *id, struct err *e)
{
	int rc = step_done(s, st, "inserting capture", e);

	/* A static blob must not outlive the call in the cached statement. */
	sqlite3_clear_bindings(st);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(store_sqlite(s));
	return rc;
}

int
store_capture_insert(struct store *s, const struct store_capture_rec *c,
    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CAPTURE_INSERT, e);
	unsigned char *z;
	size_t zlen;

	if (st == NULL)
		return -1;
	if (c->zbody != NULL) {
		if (c->zlen > INT_MAX)
			return err_set(
			    e, "body of %zu bytes too large to store", c->len);
		bind_capture(st, c);
		sqlite3_bind_blob(st, 14, c->zbody, (int)c->zlen, SQLITE_STATIC);
		return insert_step(s, st, id, e);
	}
	if (zbody_deflate(c->body, c->len, &z, &zlen, e) == -1)
		return -1;
	if (zlen > INT_MAX) {
		free(z);
		return err_set(
		    e, "body of %zu bytes too large to store", c->len);
	}
	bind_capture(st, c);
	sqlite3_bind_blob(st, 14, z, (int)zlen, free);
	return insert_step(s, st, id, e);
}

static int
inflate_into(
    const void *z, size_t zlen, size_t size, struct buf *out, struct err *e)
{
	buf_reserve(out, size);
	if (zbody_inflate(z, zlen, out->data + out->len, size) == -1)
		return err_set(e, "capture body does not inflate");
	out->len += size;
	out->data[out->len] = '\0';
	return 0;
}

int
store_capture_body(
    struct store *s, int64_t id, size_t max, struct buf *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CAPTURE_BODY, e);
	const char *comp;
	int64_t size;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_err(s, e, "reading capture");
	}
	comp = (const char *)sqlite3_column_text(st, 0);
	size = sqlite3_column_int64(st, 1);
	if (size < 0 || (uint64_t)size > max)
		rc = err_set(e, "capture %lld: body of %lld bytes over %zu",
		    (long long)id, (long long)size, max);
	else if (comp != NULL && strcmp(comp, "zlib") == 0)
		rc = inflate_into(sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2), (size_t)size, out, e);
	else {
		buf_append(out, sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2));
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

void
store_url_state_clear(struct store_url_state *u)
{
	free(u->etag);
	free(u->last_modified);
	memset(u, 0, sizeof(*u));
}

int
store_url_state_get(struct store *s, const char *url,
    struct store_url_state *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_URL_GET, e);
	const char *v;
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1
		                         : store_err(s, e, "reading url_state");
	}
	out->source_id = sqlite3_column_int64(st, 0);
	v = (const char *)sqlite3_column_text(st, 1);
	snprintf(out->kind, sizeof(out->kind), "%s", v ? v : "");
	out->etag = column_dup(st, 2);
	out->last_modified = column_dup(st, 3);
	v = (const char *)sqlite3_column_text(st, 4);
	snprintf(out->sha256, sizeof(out->sha256), "%s", v ? v : "");
	out->capture_id = sqlite3_column_int64(st, 5);
	out->last_fetched_at = column_time(st, 6);
	out->next_visit_at = column_time(st, 7);
	sqlite3_reset(st);
	return 0;
}

int
store_url_state_put(struct store *s, const char *url,
    const struct store_url_state *u, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_URL_PUT, e);
	char now[32];

	if (st == NULL)
		return -1;
	store_now(now, sizeof(now));
	store_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, u->source_id);
	store_bind_text(st, 3, u->kind);
	store_bind_text(st, 4, u->etag);
	store_bind_text(st, 5, u->last_modified);
	store_bind_text(st, 6, u->sha256[0] ? u->sha256 : NULL);
	if (u->capture_id > 0)
		sqlite3_bind_int64(st, 7, u->capture_id);
	else
		sqlite3_bind_null(st, 7);
	store_bind_text(st, 8, now);
	bind_time(st, 9, u->last_fetched_at);
	bind_time(st, 10, u->next_visit_at);
	return step_done(s, st, "writing url_state", e);
}

int
store_url_due_each(struct store *s, int64_t source_id, int64_t now,
    unsigned limit, int (*fn)(void *arg, const char *url, struct err *e),
    void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_URL_DUE, e);
	char **urls = NULL;
	size_t n = 0;
	int rc = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	bind_time(st, 2, now);
	sqlite3_bind_int(st, 3, (int)limit);
	/* Copied out first: fn may write to the store. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		urls = xreallocarray(urls, n + 1, sizeof(*urls));
		urls[n++] = column_dup(st, 0);
	}
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? 0 : store_err(s, e, "reading due URLs");
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && urls[i] != NULL)
			rc = fn(arg, urls[i], e);
		free(urls[i]);
	}
	free(urls);
	return rc;
}

int
store_fetch_log_insert(
    struct store *s, const struct store_fetch_rec *f, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_FETCH_INSERT, e);

	if (st == NULL)
		return -1;
	if (f->source_id > 0)
		sqlite3_bind_int64(st, 1, f->source_id);
	store_bind_text(st, 2, f->url);
	store_bind_text(st, 3, f->at);
	sqlite3_bind_int(st, 4, f->attempt > 0 ? (int)f->attempt : 1);
	if (f->status > 0)
		sqlite3_bind_int64(st, 5, f->status);
	store_bind_text(st, 6, f->outcome);
	store_bind_text(st, 7, f->error);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)f->bytes);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)f->ms);
	sqlite3_bind_int(st, 10, f->conditional);
	store_bind_text(st, 11, f->robots ? f->robots : "unchecked");
	store_bind_text(st, 12, f->user_agent ? f->user_agent : "");
	if (f->capture_id > 0)
		sqlite3_bind_int64(st, 13, f->capture_id);
	return step_done(s, st, "inserting fetch_log", e);
}

int
store_source_backfilled(
    struct store *s, int64_t source_id, bool *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_BACKFILLED_GET, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_err(s, e, "reading source.backfilled");
	return 0;
}

int
store_source_set_backfilled(struct store *s, int64_t source_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_BACKFILLED_SET, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	return step_done(s, st, "writing source.backfilled", e);
}
