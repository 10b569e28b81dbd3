/* SPDX-License-Identifier: ISC */
/*
 * Documents: the run's list with filters, one document by id or URL with
 * its text, the organisations and mentions it holds, and its provenance
 * (every capture and fetch of its URL).
 */
#include "store_read.h"

#include "store_read_priv.h"

/*
 * The run's documents newest day first (ties in id order), one statement
 * per shape so that SQLite reads them in the order of document_day_run
 * (schema 0016) and stops at LIMIT: newest or oldest first, with or
 * without a window (then also an index range; without one a document
 * with no day is still listed). dd.day is doc.day, stored. Filters that
 * need no document column name dd.id, so SQLite tests them before it
 * reads the document row; a tag is tested on mention_doc_org, which
 * covers it (only organisation mentions have an org_id): documents come
 * in day order, not file order, and a row read per document or mention
 * of the run cost ~1.8 s for a tag that no document carries.
 */
#define DOCS_SQL(WHERE, ORDER)						\
	SQL_WITH_DOC							\
	"SELECT doc.id, doc.run_id, doc.capture_id, doc.url, doc.title, "	\
	"doc.published, doc.day, doc.lang, doc.fetched_at, doc.sha256, "	\
	"s.name, (SELECT group_concat(sector, ',') FROM document_sector "	\
	" WHERE document_id = doc.id), NULL, NULL, doc.text_chars "	\
	"FROM document_day dd JOIN doc ON doc.id = dd.id "		\
	"JOIN source s ON s.id = doc.source_id "			\
	"WHERE " WHERE "AND " SQL_IN_WINDOW("doc.day")			\
	"AND (:doc IS NULL OR dd.id = :doc) "				\
	"AND (:source IS NULL OR s.name = :source) "			\
	"AND (:type IS NULL OR doc.lang = :type) "			\
	"AND (:orgs IS NULL OR EXISTS (SELECT 1 FROM mention mn "	\
	" WHERE mn.document_id = dd.id AND " SQL_IN_ORGS("mn.org_id") ")) " \
	"AND (:tag IS NULL OR EXISTS (SELECT 1 FROM mention mn "	\
	" WHERE mn.document_id = dd.id AND mn.kind = 'org' "		\
	" AND mn.org_id IS NOT NULL AND "				\
	SQL_HAS_TAG("mn.org_id") ")) "					\
	"ORDER BY " ORDER "LIMIT :limit"

#define DD_RUN "dd.run_id = (SELECT id FROM cur) "
#define DD_WINDOW DD_RUN "AND dd.day BETWEEN :lo AND :hi "

static const char *const sql_docs[2][2] = {
	{DOCS_SQL(DD_RUN, "dd.day DESC, dd.id "),
	 DOCS_SQL(DD_WINDOW, "dd.day DESC, dd.id ")},
	{DOCS_SQL(DD_RUN, "dd.day, dd.id "),
	 DOCS_SQL(DD_WINDOW, "dd.day, dd.id ")},
};

static const char sql_docs_count[] =
    SQL_WITH_DOC_NEAR
    "SELECT count(*) FROM doc WHERE " SQL_IN_WINDOW("doc.day")
    "AND (:source IS NULL OR doc.source_id = "
    "(SELECT id FROM source WHERE name = :source))";

/*
 * By id in any run; by URL (or final URL) preferring the current run.
 * Two statements, each a few index lookups (an OR of the tests was a
 * scan of every document and capture). A capture's final URL is its URL
 * unless it was redirected, and then capture_redirect (schema 0016) has
 * it; its documents are found per run (few) by UNIQUE (run_id,
 * capture_id), in that order (CROSS JOIN), never by a scan of documents.
 */
#define DOC_GET_SQL(WHERE)						\
	"SELECT d.id, d.run_id, d.capture_id, d.url, d.title, d.published, " \
	"coalesce(d.published, substr(c.fetched_at, 1, 10)), d.lang, "	\
	"c.fetched_at, c.sha256, s.name, (SELECT group_concat(sector, ',') " \
	"FROM document_sector WHERE document_id = d.id), d.text, d.charset, " \
	"d.text_chars "							\
	"FROM document d JOIN capture c ON c.id = d.capture_id "	\
	"JOIN source s ON s.id = d.source_id "				\
	"WHERE " WHERE							\
	"ORDER BY d.run_id = (SELECT max(id) FROM run "			\
	" WHERE completed_at IS NOT NULL) DESC, c.fetched_at DESC, d.id DESC " \
	"LIMIT 1"

static const char sql_doc_by_id[] = DOC_GET_SQL("d.id = :doc ");
static const char sql_doc_by_url[] = DOC_GET_SQL("d.id IN (SELECT id "
    "FROM document WHERE url = :url UNION ALL SELECT d3.id FROM capture c3 "
    "CROSS JOIN run r CROSS JOIN document d3 ON d3.run_id = r.id "
    "AND d3.capture_id = c3.id WHERE c3.final_url = :url "
    "AND c3.final_url <> c3.url) ");

static const char sql_doc_orgs[] =
    "SELECT " SQL_PARTY_COLS("o") ", mn.surface, NULL, count(*), "
    "min(mn.start) FROM mention mn JOIN org o ON o.id = mn.org_id "
    "WHERE mn.document_id = ?1 AND mn.kind = 'org' GROUP BY o.id "
    "ORDER BY min(mn.start)";

static const char sql_doc_mentions[] =
    "SELECT mn.id, mn.kind, mn.start, mn.end, mn.surface, mn.value, "
    "o.canonical FROM mention mn LEFT JOIN org o ON o.id = mn.org_id "
    "WHERE mn.document_id = ?1 ORDER BY mn.start, mn.end, mn.id";

static const char sql_url_captures[] =
    "SELECT c.id, c.url, c.final_url, c.fetched_at, c.status, c.sha256, "
    "c.size, c.content_type, c.charset, c.kind, s.name "
    "FROM capture c JOIN source s ON s.id = c.source_id "
    "WHERE c.url = ?1 OR (c.final_url = ?1 AND c.final_url <> c.url) "
    "ORDER BY c.fetched_at, c.id";

static const char sql_url_fetches[] =
    "SELECT f.at, f.url, s.name, f.outcome, f.status, f.error, "
    "f.capture_id FROM fetch_log f LEFT JOIN source s ON s.id = f.source_id "
    "WHERE f.url = ?1 ORDER BY f.at, f.id";

static int
doc_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_doc d = {0};

	d.id = sqlite3_column_int64(st, 0);
	d.run_id = sqlite3_column_int64(st, 1);
	d.capture_id = sqlite3_column_int64(st, 2);
	d.url = store_col_text(st, 3);
	d.title = store_col_text(st, 4);
	d.published = store_col_text(st, 5);
	d.day = store_col_text(st, 6);
	d.lang = store_col_text(st, 7);
	d.fetched_at = store_col_text(st, 8);
	d.capture_sha256 = store_col_text(st, 9);
	d.source = store_col_text(st, 10);
	d.sectors = store_col_text(st, 11);
	d.text = store_col_text(st, 12);
	d.charset = store_col_text(st, 13);
	d.text_chars = sqlite3_column_int64(st, 14);
	return ((store_doc_fn)fn)(arg, &d, e);
}

int
store_docs_each(struct store *s, const struct store_filter *f,
    store_doc_fn fn, void *arg, struct err *e)
{
	bool window = f->since != NULL || f->until != NULL;
	sqlite3_stmt *st;

	st = store_stmt(s, sql_docs[f->ascending][window], e);
	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	return store_read_loop(s, st, doc_row, (void *)fn, arg, e);
}

int
store_docs_count(struct store *s, const struct store_filter *f, int64_t *n,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_docs_count, e);

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_err(s, e, "count documents");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

struct found {
	store_doc_fn fn;
	void *arg;
	bool seen;
};

static int
doc_found(void *arg, const struct store_doc *d, struct err *e)
{
	struct found *f = arg;

	f->seen = true;
	return f->fn(f->arg, d, e);
}

int
store_doc_get(struct store *s, int64_t id, const char *url,
    store_doc_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st;
	struct found f = {fn, arg, false};

	st = store_stmt(s, id > 0 ? sql_doc_by_id : sql_doc_by_url, e);
	if (st == NULL)
		return -1;
	if (id > 0)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":doc"),
		    id);
	else
		store_bind_text(st, sqlite3_bind_parameter_index(st, ":url"),
		    url);
	if (store_read_loop(s, st, doc_row, (void *)doc_found, &f, e) == -1)
		return -1;
	return f.seen ? 0 : 1;
}

int
store_doc_orgs_each(struct store *s, int64_t document_id, store_party_fn fn,
    void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_doc_orgs, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, document_id);
	return store_read_loop(s, st, store_read_party, (void *)fn, arg, e);
}

static int
mention_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_mention m = {0};

	m.id = sqlite3_column_int64(st, 0);
	m.kind = store_col_text(st, 1);
	m.start = sqlite3_column_int64(st, 2);
	m.end = sqlite3_column_int64(st, 3);
	m.surface = store_col_text(st, 4);
	m.value = store_col_text(st, 5);
	m.canonical = store_col_text(st, 6);
	return ((store_mention_fn)fn)(arg, &m, e);
}

int
store_doc_mentions_each(struct store *s, int64_t document_id,
    store_mention_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_doc_mentions, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, document_id);
	return store_read_loop(s, st, mention_row, (void *)fn, arg, e);
}

static int
capture_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_capture c = {0};

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
	return ((store_capture_fn)fn)(arg, &c, e);
}

int
store_url_captures_each(struct store *s, const char *url,
    store_capture_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_url_captures, e);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, url);
	return store_read_loop(s, st, capture_row, (void *)fn, arg, e);
}

int
store_read_fetch_row(sqlite3_stmt *st, void *fn, void *arg, struct err *e)
{
	struct store_fetch f = {0};

	f.at = store_col_text(st, 0);
	f.url = store_col_text(st, 1);
	f.source = store_col_text(st, 2);
	f.outcome = store_col_text(st, 3);
	f.status = sqlite3_column_int64(st, 4);
	f.error = store_col_text(st, 5);
	f.capture_id = sqlite3_column_int64(st, 6);
	return ((store_fetch_fn)fn)(arg, &f, e);
}

int
store_url_fetches_each(struct store *s, const char *url, store_fetch_fn fn,
    void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_url_fetches, e);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, url);
	return store_read_loop(s, st, store_read_fetch_row, (void *)fn, arg, e);
}
