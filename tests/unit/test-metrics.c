/* SPDX-License-Identifier: ISC */
/*
 * metrics.c and the 0004 counters: triggers count fetch_log outcomes and
 * documents of completed runs (not of a reparse being built), the text format is what
 * node_exporter parses, unconfigured sources are left out, the file is
 * replaced atomically and readable by another user.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "metrics.h"
#include "store_metrics.h"
#include "store_priv.h"
#include "store_sched.h"
#include "t.h"

static void
exec(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_sqlite(s), sql, NULL, NULL, &msg) != SQLITE_OK)
		fprintf(stderr, "sql: %s: %s\n", sql, msg);
	T_ASSERT(msg == NULL);
	sqlite3_free(msg);
}

static void
fill(struct store *s, int64_t *id)
{
	struct err e = {{0}};
	int64_t other;

	T_ASSERT(store_source_ensure(s, "kic", "http://a/", id, &e) == 0);
	T_ASSERT(store_source_ensure(s, "gone", "http://b/", &other, &e) == 0);
	exec(s, "INSERT INTO fetch_log (source_id, url, at, status, outcome,"
		" bytes, user_agent) VALUES"
		" (1, 'u', '2024-09-09T10:00:00Z', 200, 'stored', 1000, 'ua'),"
		" (1, 'u', '2024-09-09T10:00:05Z', 304, 'not_modified', 0, 'ua'),"
		" (1, 'u', '2024-09-09T10:00:09Z', NULL, 'error', 0, 'ua'),"
		" (1, 'u', '2024-09-09T10:00:07Z', 503, 'http_error', 20, 'ua'),"
		" (1, 'u', '2024-09-09T10:00:08Z', NULL, 'robots_disallowed', 0,"
		"  'ua'),"
		" (2, 'u', '2024-09-09T10:00:00Z', 200, 'stored', 5, 'ua')");
	exec(s, "UPDATE fetch_log SET error = 'timed out' WHERE outcome ="
		" 'error'; UPDATE fetch_log SET error = 'robots.txt disallows'"
		" WHERE outcome = 'robots_disallowed'");
	exec(s, "INSERT INTO capture (id, source_id, url, final_url, fetched_at,"
		" status, headers, sha256, size, body, kind) VALUES (1, 1, 'u',"
		" 'u', '2024-09-09T10:00:00Z', 200, '', 'x', 0, x'', 'article')");
	/* Run 2 is a reparse being built; run 3 a completed reparse that
	 * later crawls append to: those count, the rebuild does not. */
	exec(s, "INSERT INTO run (id, kind, started_at, completed_at,"
		" extractor) VALUES (1, 'crawl', 'now', 'now', 't'),"
		" (2, 'reparse', 'now', NULL, 't'),"
		" (3, 'reparse', 'now', 'now', 't')");
	exec(s, "INSERT INTO document (id, run_id, capture_id, source_id, url,"
		" text, text_chars) VALUES (1, 1, 1, 1, 'u', '', 0),"
		" (2, 2, 1, 1, 'u', '', 0), (3, 3, 1, 1, 'u', '', 0)");
	exec(s, "INSERT INTO event (run_id, document_id, type, start, end,"
		" evidence) VALUES (1, 1, 'forum', 0, 0, ''),"
		" (2, 2, 'forum', 0, 0, ''), (3, 3, 'forum', 0, 0, '')");
	exec(s, "INSERT INTO mou (run_id, document_id, start, end, evidence)"
		" VALUES (1, 1, 0, 0, '')");
	T_ASSERT(store_sched_finished(s, *id, 1725876000, "timeout", 2,
		     1725879600, &e) == 0);
}

static void
test_render(struct store *s)
{
	struct cfg_source src = {.name = (char *)"kic", .enabled = true};
	struct cfg c = {.sources = &src, .nsources = 1};
	struct buf b = {0};
	struct err e = {{0}};

	T_ASSERT(metrics_render(s, &c, &b, &e) == 0);
	T_ASSERT(strstr(b.data, "# TYPE kicwatch_source_requests_total "
				"counter\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_requests_total{source="
				"\"kic\"} 4\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_not_modified_total{source="
				"\"kic\"} 1\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_errors_total{source="
				"\"kic\"} 1\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_http_errors_total{source="
				"\"kic\"} 1\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_skipped_total{source="
				"\"kic\"} 1\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_bytes_total{source="
				"\"kic\"} 1020\n") != NULL);
	/* A reparse being built does not count as new documents or
	 * records; crawls into a completed (current) run do. */
	T_ASSERT(strstr(b.data, "kicwatch_source_documents_total{source="
				"\"kic\"} 2\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_events_total{source="
				"\"kic\"} 2\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_mous_total{source="
				"\"kic\"} 1\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_consecutive_failures{source="
				"\"kic\"} 2\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_last_fetch_timestamp_seconds"
				"{source=\"kic\"} 1725876009\n") != NULL);
	T_ASSERT(strstr(b.data, "kicwatch_source_next_due_timestamp_seconds"
				"{source=\"kic\"} 1725879600\n") != NULL);
	/* Never succeeded: no sample rather than a 1970 timestamp. */
	T_ASSERT(strstr(b.data, "last_success_timestamp_seconds{") == NULL);
	/* Not in the configuration: left out. */
	T_ASSERT(strstr(b.data, "\"gone\"") == NULL);
	buf_free(&b);
}

static void
test_last_error(struct store *s, int64_t id)
{
	struct err e = {{0}};
	char buf[256];

	T_ASSERT(store_metrics_last_error(s, id, buf, sizeof(buf), &e) == 0);
	/* The newest transport/HTTP error, not the robots skip after it. */
	T_STREQ(buf, "timed out (u)");
	T_ASSERT(store_metrics_last_error(s, 2, buf, sizeof(buf), &e) == 1);
}

static void
test_write(struct store *s, const char *dir)
{
	struct cfg_source src = {.name = (char *)"kic", .enabled = true};
	struct cfg c = {.sources = &src, .nsources = 1};
	struct err e = {{0}};
	char path[512], bad[512];
	struct stat st;
	mode_t old = umask(077);

	snprintf(path, sizeof(path), "%s/kicwatch.prom", dir);
	T_ASSERT(metrics_write(s, &c, path, &e) == 0);
	T_ASSERT(metrics_write(s, &c, path, &e) == 0);
	T_ASSERT(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	T_ASSERT(st.st_size > 100);
	snprintf(bad, sizeof(bad), "%s/missing/kicwatch.prom", dir);
	T_ASSERT(metrics_write(s, &c, bad, &e) == -1);
	T_ASSERT(strstr(e.msg, "missing") != NULL);
	unlink(path);
	umask(old);
}

int
main(void)
{
	char dir[] = "/tmp/kw-test-metrics-XXXXXX", path[256];
	struct store *s = NULL;
	struct err e = {{0}};
	int64_t id = 0;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/kw.db", dir);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	if (s == NULL)
		return 1;
	fill(s, &id);
	test_render(s);
	test_last_error(s, id);
	test_write(s, dir);
	store_close(s);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	(void)!system(path);
	return T_DONE();
}
