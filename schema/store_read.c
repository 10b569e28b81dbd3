/* SPDX-License-Identifier: ISC */
/*
 * Shared pieces of the read side: the current run, filter binding, the
 * row loop, organisation lookup by any name, and the party rows that
 * events, MOUs and documents all list.
 */
#include "store_read.h"

#include <stdio.h>
#include <string.h>

#include "store_read_priv.h"
#include "xmem.h"

static const char sql_run_current[] =
    "SELECT max(id) FROM run WHERE completed_at IS NOT NULL";

static const char sql_org_exact[] =
    "SELECT org_id FROM org_alias WHERE alias = :name COLLATE NOCASE "
    "UNION SELECT id FROM org WHERE canonical = :name COLLATE NOCASE "
    "OR entity_id = :name COLLATE NOCASE";

static const char sql_org_substring[] =
    "SELECT DISTINCT org_id FROM org_alias "
    "WHERE instr(lower(alias), lower(:name)) > 0 "
    "UNION SELECT id FROM org WHERE instr(lower(canonical), lower(:name)) > 0";

const char *
store_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0 && v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void
bind_int(sqlite3_stmt *st, const char *name, int64_t v, bool set)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0 && set)
		sqlite3_bind_int64(st, i, v);
}

void
store_read_bind(sqlite3_stmt *st, const struct store_filter *f)
{
	char lo[8] = "";

	if (f->since != NULL)
		snprintf(lo, sizeof(lo), "%.7s", f->since);
	bind_int(st, ":run", f->run_id, f->run_id > 0);
	bind_int(st, ":doc", f->document_id, f->document_id > 0);
	bind_text(st, ":since", f->since);
	bind_text(st, ":until", f->until);
	bind_text(st, ":orgs", f->org_ids);
	bind_text(st, ":tag", f->tag);
	bind_text(st, ":source", f->source);
	bind_text(st, ":type", f->type);
	/* SQL_NEAR_WINDOW's bounds: the month of since, and until. */
	bind_text(st, ":lo", f->since ? lo : "");
	bind_text(st, ":hi", f->until ? f->until : "9999");
	bind_int(st, ":limit", f->limit > 0 ? f->limit : -1, true);
	bind_int(st, ":asc", f->ascending, true);
}

int
store_read_loop(struct store *s, sqlite3_stmt *st,
    int (*row)(sqlite3_stmt *, void *, void *, struct err *), void *fn,
    void *arg, struct err *e)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row(st, fn, arg, e) == -1) {
			sqlite3_reset(st);
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		store_err(s, e, "read");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int
store_read_tune(struct store *s, struct err *e)
{
	if (sqlite3_exec(store_sqlite(s), "PRAGMA cache_size = -65536; "
					  "PRAGMA mmap_size = 1073741824",
		NULL, NULL, NULL) != SQLITE_OK)
		return store_err(s, e, "tune");
	return 0;
}

int
store_read_run(struct store *s, int64_t *run_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_run_current, e);
	int rc = 1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_err(s, e, "current run");
	}
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*run_id = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

static int
org_find_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	int64_t **ids = fn, id = sqlite3_column_int64(st, 0);
	size_t *n = arg;

	(void)e;
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return 0;
	*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
	(*ids)[(*n)++] = id;
	return 0;
}

int
store_org_find(struct store *s, const char *name, bool substring,
    int64_t **ids, size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	st = store_stmt(s, substring ? sql_org_substring : sql_org_exact, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return store_read_loop(s, st, org_find_row, ids, n, e);
}

int
store_read_party(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_party p = {0};
	int n = sqlite3_column_count(st);

	p.org_id = sqlite3_column_int64(st, 0);
	p.canonical = store_col_text(st, 1);
	p.entity_id = store_col_text(st, 2);
	p.tags = store_col_text(st, 3);
	p.country = store_col_text(st, 4);
	p.kind = store_col_text(st, 5);
	p.unverified = sqlite3_column_int(st, 6) != 0;
	p.name = n > 7 ? store_col_text(st, 7) : NULL;
	p.role = n > 8 ? store_col_text(st, 8) : NULL;
	p.mentions = n > 9 ? sqlite3_column_int64(st, 9) : 0;
	return ((store_party_fn)fn)(arg, &p, e);
}
