/* SPDX-License-Identifier: ISC */
/*
 * kwcjk as a loadable SQLite extension, so that any SQLite program can
 * query document_cjk (sqlite3: .load /usr/lib/.../kicwatch/kwcjk, then
 * ... WHERE document_cjk MATCH '수소') and write rows of document, whose
 * insert triggers feed it. It is the program's own tokenizer and ranking:
 * store_cjk.c and store_cjk_rank.c compiled again with KWCJK_EXTENSION
 * (store_cjk.h), nothing copied. kw_fts_now() is the function the insert
 * triggers test (schema 0012): a connection of another program never
 * defers indexing, so here it is always 1.
 */
#include "store_cjk.h"

#include <stddef.h>

SQLITE_EXTENSION_INIT1

int sqlite3_kwcjk_init(sqlite3 *db, char **errmsg,
    const sqlite3_api_routines *api);

static void
fts_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, 1);
}

/* The entry point sqlite3_load_extension() derives from "kwcjk.so". */
__attribute__((visibility("default"))) int
sqlite3_kwcjk_init(sqlite3 *db, char **errmsg,
    const sqlite3_api_routines *api)
{
	struct err e = {{0}};

	SQLITE_EXTENSION_INIT2(api);
	if (store_cjk_register(db, &e) == -1) {
		*errmsg = sqlite3_mprintf("kwcjk: %s", e.msg);
		return SQLITE_ERROR;
	}
	if (sqlite3_create_function_v2(db, "kw_fts_now", 0,
	    SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL, fts_now, NULL, NULL,
	    NULL) != SQLITE_OK) {
		*errmsg = sqlite3_mprintf("kwcjk: kw_fts_now: %s",
		    sqlite3_errmsg(db));
		return SQLITE_ERROR;
	}
	return SQLITE_OK;
}
