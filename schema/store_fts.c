/* SPDX-License-Identifier: ISC */
/*
 * Full-text indexing in bulk. FTS5 flushes its pending terms at every
 * statement savepoint, so indexing documents row by row (the insert
 * triggers of schema 0001 and 0005) writes one tiny segment per document
 * per index and merges them all again. A writer that stores many
 * documents per transaction defers indexing on its connection instead
 * (the insert triggers test kw_fts_now(), schema 0012) and indexes them
 * all with one statement per index before it commits.
 *
 * The invariant that keeps the delete triggers exact: every committed
 * document is in both indexes (in document_cjk, and in document_fts when
 * the store has it: store_trigram.h). Document ids grow, so the documents not
 * indexed yet are exactly those above the highest indexed id: a rowid
 * range, whatever the size of the store. store_commit() and the outer
 * commit of store_tx_leave() flush first whenever indexing is deferred,
 * so no caller can commit a document without its index rows.
 */
#include "store_record.h"

#include "store_record_priv.h"
#include "store_trigram.h"

static const char SQL_FLUSH_FTS[] =
    "INSERT INTO document_fts (rowid, title, text)"
    " SELECT id, title, text FROM document WHERE id >"
    " (SELECT coalesce(max(id), 0) FROM document_fts_docsize) ORDER BY id";
static const char SQL_FLUSH_CJK[] =
    "INSERT INTO document_cjk (rowid, title, text)"
    " SELECT id, title, text FROM document WHERE id >"
    " (SELECT coalesce(max(id), 0) FROM document_cjk_docsize) ORDER BY id";

static int
flush_one(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	return store_step_done(s, st, "full-text indexing", e);
}

int
store_fts_flush(struct store *s, struct err *e)
{
	/* The trigram index is optional (store_trigram.h), and another
	 * connection may have created or dropped it since this one opened:
	 * asked at each flush, once per batch. */
	int trigram = store_trigram_present(s, e);

	if (trigram == -1 ||
	    (trigram && flush_one(s, SQL_FLUSH_FTS, e) == -1) ||
	    flush_one(s, SQL_FLUSH_CJK, e) == -1)
		return -1;
	return 0;
}

int
store_fts_defer(struct store *s, bool on, struct err *e)
{
	/* Later rows are indexed at once, above the pending ones: index
	 * those first, or the rowid range would no longer find them. */
	if (!on && store_fts_deferred(s) && store_fts_flush(s, e) == -1)
		return -1;
	store_fts_set_deferred(s, on);
	return 0;
}

int
store_fts_precommit(struct store *s, struct err *e)
{
	if (!store_fts_deferred(s))
		return 0;
	return store_fts_flush(s, e);
}
