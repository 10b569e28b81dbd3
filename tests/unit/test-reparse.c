/* SPDX-License-Identifier: ISC */
/*
 * reparse_run's mechanics without extraction (no extractor: every page is
 * stored as a document without records, as for a page extraction cannot
 * parse): which captures become documents, capture order kept through the
 * worker ring, charset recorded, batches, the run switch, dropping an
 * abandoned run, --source carrying other sources over, --prune.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "reparse.h"
#include "store.h"
#include "store_record.h"
#include "t.h"

#define NPAGES 700	/* > 3 commit batches, >> the ring */

static char dir[] = "/tmp/kw-test-reparse-XXXXXX";

static void
sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg);
		T_ASSERT(0);
	}
	sqlite3_free(msg);
}

static long long
sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		T_ASSERT(0);
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One capture; compression "zlib", "none" or "junk" (corrupt zlib). */
static void
capture(sqlite3 *db, int id, int source, const char *ctype,
    const char *headers, const char *kind, int status, const char *comp,
    const void *body, size_t len)
{
	static const char sql[] =
	    "INSERT INTO capture (id, source_id, url, final_url, fetched_at,"
	    " status, headers, content_type, sha256, size, compression, body,"
	    " kind) VALUES (?1, ?2, ?3, ?3, '2024-09-10T08:00:00Z', ?4, ?5, ?6,"
	    " 'x', ?7, ?8, ?9, ?10)";
	unsigned char z[4096];
	uLongf zlen = sizeof(z);
	sqlite3_stmt *st;
	char url[64];

	snprintf(url, sizeof(url), "http://127.0.0.1/p/%d", id);
	T_ASSERT(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_int(st, 1, id);
	sqlite3_bind_int(st, 2, source);
	sqlite3_bind_text(st, 3, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, status);
	sqlite3_bind_text(st, 5, headers, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, ctype, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)len);
	sqlite3_bind_text(st, 8, strcmp(comp, "none") ? "zlib" : "none", -1,
	    SQLITE_STATIC);
	if (strcmp(comp, "zlib") == 0) {
		T_ASSERT(compress2(z, &zlen, body, len, 6) == Z_OK);
		sqlite3_bind_blob(st, 9, z, (int)zlen, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_blob(st, 9, body, (int)len, SQLITE_TRANSIENT);
	}
	sqlite3_bind_text(st, 10, kind, -1, SQLITE_STATIC);
	T_ASSERT(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
}

/*
 * NPAGES HTML articles alternating between sources 1 and 2, then the
 * captures that are not documents, a legacy-encoded page and a page
 * stored uncompressed. Returns the number of documents to expect.
 */
static int
fill(sqlite3 *db)
{
	static const char euckr[] = "<html><body>\xc7\xd1\xb1\xb9</body></html>";
	char html[256];
	int id = 1;

	sql_exec(db, "INSERT INTO source (id, name, url, created_at) VALUES "
		     "(1, 'kic-news', 'http://127.0.0.1/', "
		     "'2024-09-10T00:00:00Z'), (2, 'torch-news', "
		     "'http://127.0.0.1/t', '2024-09-10T00:00:00Z')");
	sql_exec(db, "BEGIN");
	for (; id <= NPAGES; id++) {
		snprintf(html, sizeof(html), "<html><head><title>공지 %d</title>"
		    "</head><body><p>KIC중국 소식 %d</p></body></html>", id, id);
		capture(db, id, id % 2 + 1, "text/html",
		    "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
		    "charset=UTF-8\r\n", "article", 200, "zlib", html,
		    strlen(html));
	}
	capture(db, id++, 1, "application/pdf", "", "article", 200, "zlib",
	    "%PDF-1.4", 8);
	capture(db, id++, 1, "text/html", "", "list", 200, "zlib", html, 20);
	capture(db, id++, 1, "text/html", "", "article", 404, "zlib", html, 20);
	capture(db, id++, 1, "text/html", "", "article", 200, "junk",
	    "not zlib at all", 15);
	capture(db, id++, 2, "text/html",
	    "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n"
	    "HTTP/1.1 200 OK\r\ncontent-type: text/html;charset=\"EUC-KR\"\r\n",
	    "page", 200, "zlib", euckr, sizeof(euckr) - 1);
	capture(db, id++, 2, NULL, "", "article", 200, "none", html,
	    strlen(html));
	sql_exec(db, "COMMIT");
	return NPAGES + 2;
}

static struct cfg_source sources[] = {
	{.name = "kic-news", .url = "http://127.0.0.1/", .enabled = true},
};

static struct cfg
config(void)
{
	struct cfg c;

	memset(&c, 0, sizeof(c));
	c.sources = sources;
	c.nsources = 1;
	return c;
}

static int
reparse(struct store *s, const char *only, bool prune, unsigned workers,
    struct reparse_stats *st)
{
	struct reparse_opts o = {only, workers, false, prune};
	struct cfg c = config();
	struct err e = {{0}};
	int rc = reparse_run(s, &c, NULL, &o, st, &e);

	if (rc != 0)
		fprintf(stderr, "reparse_run: %s\n", e.msg);
	return rc;
}

static void
test_full(const char *path, sqlite3 *db, int ndocs)
{
	struct reparse_stats st;
	struct err e = {{0}};
	struct store *s = NULL;
	struct cfg c = config();
	int64_t abandoned;

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(reparse(s, NULL, false, 2, &st) == 0);
	T_ASSERT(st.total == NPAGES + 4 && st.visited == NPAGES + 4);
	T_ASSERT(st.documents == (uint64_t)ndocs && st.copied == 0);
	T_ASSERT(st.skipped == 2 && st.without_records == (uint64_t)ndocs);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_document") == ndocs);
	T_ASSERT(sql_int(db, "SELECT id FROM v_current_run") == st.run_id);
	/* Capture order survives the two workers. */
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document a JOIN document b"
			     " ON b.run_id = a.run_id AND b.id > a.id WHERE "
			     "b.capture_id < a.capture_id") == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document WHERE charset = "
			     "'utf-8' AND charset_source = 'header'") ==
	    NPAGES);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document WHERE charset IN "
			     "('euc-kr', 'cp949') AND charset_source = "
			     "'header'") == 1);

	/* A reparse killed midway left a run behind: dropped, not read. */
	T_ASSERT(store_run_begin(s, &c, "reparse", &abandoned, &e) == 0);
	T_ASSERT(reparse(s, NULL, false, 1, &st) == 0);
	T_ASSERT(st.dropped == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document") == 2 * ndocs);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_document") == ndocs);
	T_ASSERT(sql_int(db, "SELECT id FROM v_current_run") == st.run_id);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run WHERE completed_at IS "
			     "NULL") == 0);
	store_close(s);
}

static void
test_source_and_prune(const char *path, sqlite3 *db, int ndocs)
{
	struct reparse_stats st;
	struct err e = {{0}};
	struct store *s = NULL;

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(reparse(s, "torch-news", true, 2, &st) == 0);
	/* Sources alternate: NPAGES/2 HTML pages are kic-news's. */
	T_ASSERT(st.copied == NPAGES / 2);
	T_ASSERT(st.documents + st.copied == (uint64_t)ndocs);
	T_ASSERT(st.pruned == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document") == ndocs);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_document") == ndocs);
	/* An unknown source fails before anything is written. */
	T_ASSERT(reparse(s, "nope", false, 2, &st) == -1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run") == 1);
	T_ASSERT(store_check(s, &e) == 0);
	store_close(s);
}

int
main(void)
{
	char path[512], cmd[600];
	struct store *s = NULL;
	struct err e = {{0}};
	sqlite3 *db;
	int ndocs;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/kw.db", dir);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	store_close(s);
	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ndocs = fill(db);
	test_full(path, db, ndocs);
	test_source_and_prune(path, db, ndocs);
	sqlite3_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return T_DONE();
}
