/* SPDX-License-Identifier: ISC */
/*
 * For schema/store_*.c only: the handle and the statement cache. Each
 * store_<concern>.c keeps its SQL as static const char strings and gets
 * prepared statements through store_stmt(), which prepares a string once
 * per connection (keyed by its address) and finalizes it in store_close().
 */
#ifndef STORE_PRIV_H
#define STORE_PRIV_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store.h"

sqlite3 *store_sqlite(struct store *s);

/* Whether store_fts_defer() is on for this connection (store_fts.c). */
bool store_fts_deferred(const struct store *s);
void store_fts_set_deferred(struct store *s, bool on);

/*
 * What every commit does first: when indexing is deferred, indexes the
 * documents the transaction inserted (store_fts_flush). 0 or -1.
 */
int store_fts_precommit(struct store *s, struct err *e);

/*
 * The cached statement for sql (a static string), reset and with bindings
 * cleared; NULL with e set when it does not prepare. Borrowed: valid until
 * store_close().
 */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e);

/*
 * Runs the cached statement for sql (a static string without parameters:
 * transaction control, a PRAGMA) to its end; a row it returns is ignored.
 * 0, or -1 with e set (e may be NULL: the error is then ignored).
 */
int store_run(struct store *s, const char *sql, struct err *e);

/* Sets e from the connection's last error, prefixed by what; returns -1. */
int store_err(struct store *s, struct err *e, const char *what);

/* Binds a possibly NULL text. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *v);

#endif
