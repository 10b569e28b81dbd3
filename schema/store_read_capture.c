/* SPDX-License-Identifier: ISC */
/*
 * Captures with their headers and stored body, for the WARC export. One
 * row at a time, so memory stays bounded by the largest capture (itself
 * capped at fetch time by http.max_body).
 */
#include "store_read.h"

#include <string.h>

#include "store_read_priv.h"

static const char sql_captures[] =
    "SELECT c.id, c.url, c.final_url, c.fetched_at, c.status, c.sha256, "
    "c.size, c.content_type, c.charset, c.kind, s.name, c.headers, "
    "(SELECT f.user_agent FROM fetch_log f WHERE f.capture_id = c.id "
    " ORDER BY f.id LIMIT 1), c.compression, c.body "
    "FROM capture c JOIN source s ON s.id = c.source_id "
    "WHERE (:since IS NULL OR c.fetched_at >= :since) "
    "AND (:until IS NULL OR substr(c.fetched_at, 1, 10) <= :until) "
    "AND (:source IS NULL OR s.name = :source) "
    "ORDER BY c.fetched_at, c.id LIMIT :limit";

static int
capture_full_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_capture c = {0};
	const char *comp;

	c.id = sqlite3_column_int64(st, 0);
	c.url = store_col_text(st, 1);
	c.final_url = store_col_text(st, 2);
	c.fetched_at = store_col_text(st, 3);
	c.status = sqlite3_column_int64(st, 4);
	c.sha256 = store_col_text(st, 5);
	c.size = sqlite3_column_int64(st, 6);
	c.content_type = store_col_text(st, 7);
	c.charset = store_col_text(st, 8);
	c.kind = store_col_text(st, 9);
	c.source = store_col_text(st, 10);
	c.headers = store_col_text(st, 11);
	c.user_agent = store_col_text(st, 12);
	comp = store_col_text(st, 13);
	c.compressed = comp == NULL || strcmp(comp, "none") != 0;
	c.body = sqlite3_column_blob(st, 14);
	c.body_len = (size_t)sqlite3_column_bytes(st, 14);
	return ((store_capture_fn)fn)(arg, &c, e);
}

int
store_captures_each(struct store *s, const struct store_filter *f,
    store_capture_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_captures, e);

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	return store_read_loop(s, st, capture_full_row, (void *)fn, arg, e);
}
