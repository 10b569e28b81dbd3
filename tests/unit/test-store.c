/* SPDX-License-Identifier: ISC */
/*
 * store.c: creation, migration, version refusal, writer lock, time format;
 * the schema's CHECK lists (0018).
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "t.h"

static void
test_create_and_reopen(const char *path)
{
	struct store *s = NULL;
	struct err e = {{0}};

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(store_schema_version(s) == store_schema_latest());
	T_ASSERT(store_check(s, &e) == 0);
	store_close(s);
	/* Reopening is idempotent; read-only works on a current store. */
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	store_close(s);
	T_ASSERT(store_open(path, STORE_RO, &s, &e) == 0);
	store_close(s);
}

static void
test_newer_version_refused(const char *path)
{
	struct store *s = NULL;
	struct err e = {{0}};
	sqlite3 *db;
	char sql[64];

	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    store_schema_latest() + 1);
	T_ASSERT(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == -1);
	T_ASSERT(strstr(e.msg, "newer") != NULL);
	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	{
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
		T_ASSERT(sqlite3_step(st) == SQLITE_ROW);
		T_ASSERT(sqlite3_column_int(st, 0) ==
		    store_schema_latest() + 1);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static void
test_not_a_database(const char *dir)
{
	char path[512];
	struct store *s = NULL;
	struct err e = {{0}};
	FILE *f;

	snprintf(path, sizeof(path), "%s/garbage.db", dir);
	f = fopen(path, "w");
	T_ASSERT(f != NULL);
	fputs("this is not sqlite, it is a text file with enough bytes "
	      "to look like something else entirely............\n", f);
	fclose(f);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == -1);
	T_ASSERT(e.msg[0] != '\0');
}

static void
test_ro_missing(const char *dir)
{
	char path[512];
	struct store *s = NULL;
	struct err e = {{0}};

	snprintf(path, sizeof(path), "%s/missing.db", dir);
	T_ASSERT(store_open(path, STORE_RO, &s, &e) == -1);
	T_ASSERT(access(path, F_OK) == -1);
}

static void
test_writer_lock(const char *path)
{
	struct store *a = NULL, *b = NULL;
	struct err e = {{0}};

	T_ASSERT(store_open(path, STORE_RW, &a, &e) == 0);
	T_ASSERT(store_open(path, STORE_RW, &b, &e) == 0);
	T_ASSERT(store_lock_writer(a, &e) == 0);
	/* flock locks belong to the open file description: a second open in
	 * the same process contends like another process would. */
	T_ASSERT(store_lock_writer(b, &e) == 1);
	T_ASSERT(strstr(e.msg, "another kicwatch") != NULL);
	store_close(a);
	T_ASSERT(store_lock_writer(b, &e) == 0);
	store_close(b);
}

/*
 * Schema 0018: every CHECK with a list of allowed values still accepts
 * each of them and rejects anything else, and no insert of the writers
 * builds a temporary b-tree for it (an IN list of more than two values
 * did, once per statement run).
 */
static const struct check_case {
	const char *sql;	/* ?1 is the checked column */
	const char *ok[10];
} check_cases[] = {
	{"INSERT INTO url_state (url, source_id, kind, first_seen_at)"
	 " VALUES (hex(randomblob(8)), 1, ?1, 't')",
	    {"list", "article", "page", "robots", "asset"}},
	{"INSERT INTO capture (source_id, url, final_url, fetched_at, status,"
	 " headers, sha256, size, body, kind)"
	 " VALUES (1, 'u', 'u', 't', 200, '', 's', 0, x'', ?1)",
	    {"list", "article", "page", "robots", "asset"}},
	{"INSERT INTO fetch_log (url, at, outcome, user_agent)"
	 " VALUES ('u', 't', ?1, 'ua')",
	    {"stored", "unchanged", "not_modified", "http_error", "error",
		"robots_disallowed", "refused"}},
	{"INSERT INTO fetch_log (url, at, outcome, robots, user_agent)"
	 " VALUES ('u', 't', 'error', ?1, 'ua')",
	    {"allowed", "disallowed", "unchecked", "unavailable"}},
	{"INSERT INTO org_tag (org_id, tag, origin)"
	 " VALUES (1, hex(randomblob(8)), ?1)",
	    {"gazetteer", "watchlist", "derived"}},
	{"INSERT INTO mention (run_id, document_id, kind, start, end, surface)"
	 " VALUES (1, 1, ?1, 0, 0, '')",
	    {"org", "date", "place", "sector", "event", "mou"}},
	{"INSERT INTO event (run_id, document_id, type, start, end, evidence)"
	 " VALUES (1, 1, ?1, 0, 0, '')",
	    {"forum", "demo_day", "expo", "competition", "visit", "seminar",
		"roadshow", "matching", "ceremony", "other"}},
	{"INSERT INTO event_org (event_id, org_id, role, name)"
	 " VALUES (1, random(), ?1, '')",
	    {"host", "co-host", "organiser", "sponsor", "attendee",
		"exhibitor", "participant"}},
};

/* The extended result code of inserting v (NULL: SQL NULL). */
static int
check_insert(sqlite3 *db, const char *sql, const char *v)
{
	sqlite3_stmt *st;
	int rc;

	T_ASSERT(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
	if (v != NULL)
		sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

static bool
builds_temp_btree(sqlite3 *db, const char *sql)
{
	char *explain = sqlite3_mprintf("EXPLAIN %s", sql);
	sqlite3_stmt *st;
	bool found = false;

	T_ASSERT(sqlite3_prepare_v2(db, explain, -1, &st, NULL) == SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(st, 1),
			"OpenEphemeral") == 0)
			found = true;
	sqlite3_finalize(st);
	sqlite3_free(explain);
	return found;
}

static void
check_lists(const char *path)
{
	const char *bad[] = {"other ", "Host", "", "x", NULL};
	sqlite3 *db;

	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_extended_result_codes(db, 1);
	for (size_t i = 0; i < sizeof(check_cases) / sizeof(*check_cases);
	     i++) {
		const struct check_case *c = &check_cases[i];

		T_ASSERT(!builds_temp_btree(db, c->sql));
		for (size_t k = 0; k < 10 && c->ok[k] != NULL; k++)
			T_ASSERT(check_insert(db, c->sql, c->ok[k]) ==
			    SQLITE_DONE);
		for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++)
			T_ASSERT(check_insert(db, c->sql, bad[k]) ==
			    (bad[k] != NULL ? SQLITE_CONSTRAINT_CHECK
					    : SQLITE_CONSTRAINT_NOTNULL));
	}
	sqlite3_close(db);
}

static void
test_check_lists(const char *path)
{
	struct store *s = NULL;
	struct err e = {{0}};
	sqlite3 *db;
	sqlite3_stmt *st;

	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	store_close(s);
	check_lists(path);
	/* A store of version 17 (mention's check as 0001 wrote it) is
	 * upgraded in place, its rows kept. */
	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	T_ASSERT(sqlite3_exec(db, "PRAGMA writable_schema = ON;"
	    " UPDATE sqlite_master SET sql = replace(sql, 'CHECK (kind ="
	    " ''org'' OR kind = ''date'' OR kind = ''place'' OR kind ="
	    " ''sector'' OR kind = ''event'' OR kind = ''mou'')', 'CHECK"
	    " (kind IN (''org'',''date'',''place'',''sector'',''event'',"
	    "''mou''))') WHERE name = 'mention';"
	    " PRAGMA writable_schema = RESET; PRAGMA user_version = 17;",
	    NULL, NULL, NULL) == SQLITE_OK);
	T_ASSERT(builds_temp_btree(db, check_cases[5].sql));
	sqlite3_close(db);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(store_schema_version(s) == store_schema_latest());
	T_ASSERT(store_check(s, &e) == 0);
	store_close(s);
	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	T_ASSERT(sqlite3_prepare_v2(db, "SELECT count(*) FROM mention", -1,
	    &st, NULL) == SQLITE_OK);
	T_ASSERT(sqlite3_step(st) == SQLITE_ROW);
	T_ASSERT(sqlite3_column_int(st, 0) == 6);
	sqlite3_finalize(st);
	sqlite3_close(db);
	check_lists(path);
}

static void
test_time(void)
{
	char buf[32];

	store_time_fmt(1725876000, buf, sizeof(buf));
	T_STREQ(buf, "2024-09-09T10:00:00Z");
	T_ASSERT(store_time_parse(buf) == 1725876000);
	T_ASSERT(store_time_parse("2024-09-09") == -1);
	T_ASSERT(store_time_parse(NULL) == -1);
}

int
main(void)
{
	char dir[] = "/tmp/kw-test-store-XXXXXX";
	char path[512], path2[512], path3[512], path4[512];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	snprintf(path2, sizeof(path2), "%s/b.db", dir);
	snprintf(path3, sizeof(path3), "%s/c.db", dir);
	snprintf(path4, sizeof(path4), "%s/d.db", dir);
	test_create_and_reopen(path);
	test_newer_version_refused(path2);
	test_not_a_database(dir);
	test_ro_missing(dir);
	test_writer_lock(path3);
	test_check_lists(path4);
	test_time();
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		(void)!system(cmd);
	}
	return T_DONE();
}
