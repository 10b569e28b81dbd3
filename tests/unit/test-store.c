/* SPDX-License-Identifier: ISC */
/* store.c: creation, migration, version refusal, writer lock, time format. */
#include <sqlite3.h>
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
	char path[512], path2[512], path3[512];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	snprintf(path2, sizeof(path2), "%s/b.db", dir);
	snprintf(path3, sizeof(path3), "%s/c.db", dir);
	test_create_and_reopen(path);
	test_newer_version_refused(path2);
	test_not_a_database(dir);
	test_ro_missing(dir);
	test_writer_lock(path3);
	test_time();
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		(void)!system(cmd);
	}
	return T_DONE();
}
