/* SPDX-License-Identifier: ISC */
/*
 * schema/store_read_search.c on a real store: only the run's newest
 * capture of each URL is found (document_stale, schema 0013, kept by
 * triggers on insert and delete, filled by the migration), ranked and
 * highlighted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_priv.h"
#include "store_read.h"
#include "t.h"

static void
exec(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_sqlite(s), sql, NULL, NULL, &msg) != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, msg);
	T_ASSERT(msg == NULL);
	sqlite3_free(msg);
}

/* A document of run 1 for capture cap of url: id = cap. */
static void
add_doc(struct store *s, int cap, const char *url, const char *text)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
	    "INSERT INTO capture (id, source_id, url, final_url, fetched_at, "
	    "status, headers, sha256, size, body, kind) VALUES (%d, 1, '%s', "
	    "'%s', '2026-05-0%d', 200, '', 'x', 1, x'00', 'article');"
	    "INSERT INTO document (id, run_id, capture_id, source_id, url, "
	    "title, text, text_chars) VALUES (%d, 1, %d, 1, '%s', '제목', "
	    "'%s', 10);", cap, url, url, cap, cap, cap, url, text);
	exec(s, sql);
}

struct found {
	char ids[64];
	int n;
};

static int
on_hit(void *arg, const struct store_doc *d, struct err *e)
{
	struct found *f = arg;
	size_t len = strlen(f->ids);

	(void)e;
	snprintf(f->ids + len, sizeof(f->ids) - len, "%s%lld", f->n ? "," : "",
	    (long long)d->id);
	f->n++;
	T_ASSERT(d->snippet != NULL && strstr(d->snippet, "\002") != NULL);
	T_ASSERT(d->rank < 0);
	return 0;
}

/* The ids search finds for match, best first, comma-separated. */
static void
check_search(struct store *s, const char *match, const char *want)
{
	struct store_filter f = {.limit = 20};
	struct found got = {"", 0};
	struct err e = {{0}};

	T_ASSERT(store_search_each(s, match, &f, on_hit, &got, &e) == 0);
	T_STREQ(got.ids, want);
}

static void
check_stale(struct store *s, const char *want)
{
	sqlite3_stmt *st;

	T_ASSERT(sqlite3_prepare_v2(store_sqlite(s), "SELECT coalesce("
		"group_concat(id), '') FROM (SELECT id FROM document_stale "
		"ORDER BY id)", -1, &st, NULL) == SQLITE_OK);
	T_ASSERT(sqlite3_step(st) == SQLITE_ROW);
	T_STREQ((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
}

static void
test_newest_capture(const char *path)
{
	struct store *s;
	struct err e = {{0}};

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	exec(s, "INSERT INTO source (id, name, url, created_at) VALUES "
	    "(1, 'src', 'https://a.example/', '2026-05-01');"
	    "INSERT INTO run (id, kind, started_at, completed_at, extractor) "
	    "VALUES (1, 'crawl', '2026-05-01', '2026-05-01', 'test')");
	add_doc(s, 1, "https://a.example/1", "수소 협약 첫 판");
	add_doc(s, 2, "https://a.example/2", "수소 포럼");
	add_doc(s, 3, "https://a.example/1", "수소 협약 둘째 판");
	check_stale(s, "1");
	/* A capture stored after a newer one of its URL is stale at once. */
	add_doc(s, 5, "https://a.example/2", "수소 포럼 새 판");
	add_doc(s, 4, "https://a.example/2", "수소 포럼 옛 판");
	check_stale(s, "1,2,4");
	check_search(s, "\"협약\"", "3");
	check_search(s, "\"판\"*", "3,5");	/* same rank: id order */
	check_search(s, "\"포럼\"", "5");
	/* Without its newest capture, the URL's previous one is current. */
	exec(s, "DELETE FROM document WHERE id = 3");
	check_stale(s, "2,4");
	check_search(s, "\"협약\"", "1");
	exec(s, "DELETE FROM document WHERE id = 2");
	check_stale(s, "4");
	exec(s, "DELETE FROM document WHERE id = 5");
	check_stale(s, "");
	check_search(s, "\"포럼\"", "4");
	store_close(s);
}

/* A store made before schema 13: the migration finds its stale rows. */
static void
test_migration(const char *path)
{
	struct store *s;
	struct err e = {{0}};

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	exec(s, "INSERT INTO source (id, name, url, created_at) VALUES "
	    "(1, 'src', 'https://a.example/', '2026-05-01');"
	    "INSERT INTO run (id, kind, started_at, completed_at, extractor) "
	    "VALUES (1, 'crawl', '2026-05-01', '2026-05-01', 'test')");
	add_doc(s, 1, "https://a.example/1", "수소 첫 판");
	add_doc(s, 2, "https://a.example/1", "수소 둘째 판");
	add_doc(s, 3, "https://a.example/2", "수소 포럼");
	/* Back to version 12, as an older kicwatch left it (without what
	 * 0015 and 0016 add too: a column cannot be added twice). */
	exec(s, "DROP TRIGGER document_day_ai; DROP TRIGGER document_day_ad;"
	    "DROP TABLE document_day; DROP INDEX capture_redirect");
	exec(s, "DROP TRIGGER event_day_ai; DROP TRIGGER event_day_au;"
	    "DROP TRIGGER mou_day_ai; DROP TRIGGER mou_day_au;"
	    "DROP INDEX event_run_day; DROP INDEX mou_run_day;"
	    "ALTER TABLE event DROP COLUMN day; ALTER TABLE mou DROP COLUMN day");
	exec(s, "DROP TRIGGER document_stale_ai; DROP TRIGGER document_stale_ad;"
	    "DROP TABLE document_stale; DROP INDEX document_search;"
	    "CREATE INDEX document_current ON document(id, run_id, published,"
	    " source_id, url, capture_id); PRAGMA user_version = 12");
	store_close(s);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(store_schema_version(s) == store_schema_latest());
	check_stale(s, "1");
	check_search(s, "\"수소\"", "3,2");	/* shorter first */
	store_close(s);
}

static void
remove_store(const char *dir)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/kw.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/kw.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/kw.db-shm", dir);
	unlink(path);
}

int
main(void)
{
	char dir[] = "/tmp/kw-test-search-XXXXXX", path[64];

	T_ASSERT(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/kw.db", dir);
	test_newest_capture(path);
	remove_store(dir);
	test_migration(path);
	remove_store(dir);
	rmdir(dir);
	return T_DONE();
}
