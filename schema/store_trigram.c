/* SPDX-License-Identifier: ISC */
/*
 * Creating and dropping the trigram index (see store_trigram.h). The
 * table and triggers are those of schema 0001, with the insert trigger of
 * schema 0012 (row by row unless the connection deferred indexing, and
 * never for an unfinished run, whose writer flushes before it commits),
 * so a store that turns the index off and on again ends up as if it had
 * never been without it. The existence test is made inside the write
 * transaction, so two writers starting at once cannot both create it.
 */
#include "store_trigram.h"

#include <sqlite3.h>
#include <stddef.h>

#include "store_priv.h"

static const char SQL_PRESENT[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND"
    " name = 'document_fts'";
static const char SQL_DOCUMENTS[] = "SELECT count(*) FROM document";
static const char SQL_FREED[] =
    "SELECT freelist_count * page_size FROM pragma_freelist_count,"
    " pragma_page_size";

/* Laid out as in the migrations: sqlite3's .schema shows it as is. */
static const char SQL_CREATE[] =
    "DROP TRIGGER IF EXISTS document_fts_ai;\n"
    "DROP TRIGGER IF EXISTS document_fts_ad;\n"
    "CREATE VIRTUAL TABLE document_fts USING fts5(\n"
    "  title, text,\n"
    "  content='document', content_rowid='id',\n"
    "  tokenize='trigram'\n"
    ");\n"
    "CREATE TRIGGER document_fts_ai AFTER INSERT ON document\n"
    "WHEN kw_fts_now() AND\n"
    "  (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL "
    "BEGIN\n"
    "  INSERT INTO document_fts(rowid, title, text) "
    "VALUES (new.id, new.title, new.text);\n"
    "END;\n"
    "CREATE TRIGGER document_fts_ad AFTER DELETE ON document BEGIN\n"
    "  INSERT INTO document_fts(document_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text);\n"
    "END;\n"
    "INSERT INTO document_fts(document_fts) VALUES ('rebuild');\n";

static const char SQL_DROP[] =
    "DROP TRIGGER IF EXISTS document_fts_ai;\n"
    "DROP TRIGGER IF EXISTS document_fts_ad;\n"
    "DROP TABLE document_fts;\n";

static int
exec(struct store *s, const char *sql, const char *what, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(store_sqlite(s), sql, NULL, NULL, &msg) ==
	    SQLITE_OK)
		return 0;
	err_set(e, "store %s: %s: %s", store_path(s), what,
	    msg != NULL ? msg : "failed");
	sqlite3_free(msg);
	return -1;
}

/* The single integer sql returns, into *out. */
static int
one_int(struct store *s, const char *sql, int64_t *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_err(s, e, "reading the schema");
		sqlite3_reset(st);
		return -1;
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
store_trigram_present(struct store *s, struct err *e)
{
	int64_t n;

	if (one_int(s, SQL_PRESENT, &n, e) == -1)
		return -1;
	return n > 0;
}

static int
change(struct store *s, bool on, struct store_trigram_change *out,
    struct err *e)
{
	if (one_int(s, SQL_DOCUMENTS, &out->documents, e) == -1)
		return -1;
	if (on)
		return exec(s, SQL_CREATE, "building the trigram index", e);
	if (exec(s, SQL_DROP, "dropping the trigram index", e) == -1)
		return -1;
	return one_int(s, SQL_FREED, &out->freed, e);
}

int
store_trigram_set(struct store *s, bool on,
    struct store_trigram_change *out, struct err *e)
{
	int present;

	*out = (struct store_trigram_change){0};
	/* Opening a store that matches writes nothing. */
	if ((present = store_trigram_present(s, e)) == -1)
		return -1;
	if (present == on)
		return 0;
	if (store_begin(s, e) == -1)
		return -1;
	present = store_trigram_present(s, e);
	if (present == -1)
		goto fail;
	if (present == on) {
		store_rollback(s);
		return 0;
	}
	if (change(s, on, out, e) == -1 || store_commit(s, e) == -1)
		goto fail;
	out->changed = true;
	return 0;
fail:
	store_rollback(s);
	return -1;
}
