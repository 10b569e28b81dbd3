/* SPDX-License-Identifier: ISC */
/* schema/store_cjk: the kwcjk FTS5 tokenizer, alone and inside SQLite;
 * kwcjk_rank, store_cjk_highlight and store_cjk_snippet against FTS5's
 * bm25, highlight and snippet. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store_cjk.h"
#include "t.h"

static int
collect(void *arg, const char *tok, int ntok, int start, int end)
{
	struct buf *b = arg;

	buf_printf(b, "%s%.*s@%d-%d", b->len ? " " : "", ntok, tok, start,
	    end);
	return 0;
}

static void
check_tokens(const char *in, const char *want)
{
	struct buf b = {0};

	store_cjk_tokenize(in, (int)strlen(in), collect, &b);
	T_STREQ(b.data ? b.data : "", want);
	buf_free(&b);
}

static int
stop_after_two(void *arg, const char *tok, int ntok, int start, int end)
{
	int *n = arg;

	(void)tok, (void)ntok, (void)start, (void)end;
	return ++*n == 2 ? 7 : 0;
}

static void
test_tokens(void)
{
	int n = 0;

	check_tokens("수소경제", "수소@0-6 소경@3-9 경제@6-12");
	check_tokens("合作协议", "合作@0-6 作协@3-9 协议@6-12");
	check_tokens("KIC중국, 협약", "kic@0-3 중국@3-9 협약@11-17");
	check_tokens("中 国", "中@0-3 国@4-7");
	check_tokens("ＫＩＣ China 2024", "kic@0-9 china@10-15 2024@16-20");
	check_tokens("「东部中心」", "东部@3-9 部中@6-12 中心@9-15");
	check_tokens("bad\xff" "byte", "bad@0-3 byte@4-8");
	check_tokens("", "");
	T_ASSERT(store_cjk_tokenize("가나다라", 12, stop_after_two, &n) == 7);
}

static void
test_long_word(void)
{
	char in[300];
	struct buf b = {0};

	memset(in, 'a', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	store_cjk_tokenize(in, (int)strlen(in), collect, &b);
	/* 64 bytes of token, the span still covers the whole word. */
	T_ASSERT(strstr(b.data, "@0-299") != NULL);
	T_ASSERT(strchr(b.data, '@') - b.data == STORE_CJK_MAX_TOKEN);
	buf_free(&b);
}

static int
count(sqlite3 *db, const char *match)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db,
		"SELECT count(*) FROM f WHERE f MATCH ?1", -1, &st, NULL))
		return -2;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_fts5(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct err e = {{0}};

	T_ASSERT(sqlite3_open(":memory:", &db) == SQLITE_OK);
	T_ASSERT(store_cjk_register(db, &e) == 0);
	T_ASSERT(sqlite3_exec(db,
		"CREATE VIRTUAL TABLE f USING fts5(t, tokenize='kwcjk');"
		"INSERT INTO f VALUES ('한중 수소경제 협력 업무협약 체결');"
		"INSERT INTO f VALUES ('国家技术转移东部中心与KIC中国签署合作协议');"
		"INSERT INTO f VALUES ('수소');",
		NULL, NULL, NULL) == SQLITE_OK);
	T_ASSERT(count(db, "\"수소\"") == 2);
	T_ASSERT(count(db, "\"협약\"") == 1);
	T_ASSERT(count(db, "\"合作\"") == 1);
	T_ASSERT(count(db, "\"东部中心\"") == 1);
	T_ASSERT(count(db, "\"kic中国\"") == 1);
	T_ASSERT(count(db, "\"수소 협약\"") == 0);	/* phrase, not adjacent */
	T_ASSERT(count(db, "\"수소\" \"협약\"") == 1);
	T_ASSERT(count(db, "\"中心东部\"") == 0);
	T_ASSERT(sqlite3_prepare_v2(db,
		"SELECT highlight(f, 0, '[', ']') FROM f WHERE f MATCH "
		"'\"수소경제\"'", -1, &st, NULL) == SQLITE_OK);
	T_ASSERT(sqlite3_step(st) == SQLITE_ROW);
	T_STREQ((const char *)sqlite3_column_text(st, 0),
	    "한중 [수소경제] 협력 업무협약 체결");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* kwcjk_rank ranks every row exactly as bm25 does, whatever the query. */
static void
check_rank(sqlite3 *db, const char *match, int want_rows)
{
	sqlite3_stmt *st;
	int rows = 0;

	T_ASSERT(sqlite3_prepare_v2(db,
		"SELECT bm25(f, 2.0, 1.0), kwcjk_rank(f, (SELECT sz FROM "
		"f_docsize WHERE id = f.rowid), 2.0, 1.0) FROM f WHERE f MATCH ?1",
		-1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		T_ASSERT(sqlite3_column_double(st, 0) ==
		    sqlite3_column_double(st, 1));
		T_ASSERT(sqlite3_column_double(st, 0) < 0);
		rows++;
	}
	sqlite3_finalize(st);
	T_ASSERT(rows == want_rows);
}

static void
test_rank(void)
{
	sqlite3 *db;
	struct err e = {{0}};

	T_ASSERT(sqlite3_open(":memory:", &db) == SQLITE_OK);
	T_ASSERT(store_cjk_register(db, &e) == 0);
	T_ASSERT(sqlite3_exec(db,
		"CREATE VIRTUAL TABLE f USING fts5(title, text, "
		"tokenize='kwcjk');"
		"INSERT INTO f VALUES ('수소 협약', '한중 수소경제 협력 업무협약 "
		"체결, 수소 수소');"
		"INSERT INTO f VALUES ('포럼', '수소 포럼이 열렸다');"
		"INSERT INTO f VALUES ('合作', '国家技术转移东部中心与KIC中国签署"
		"合作协议，合作');"
		"INSERT INTO f VALUES ('論壇', '國家技術轉移東部中心 論壇 合作');"
		"INSERT INTO f VALUES (NULL, '수소');"
		"INSERT INTO f VALUES ('기타', '무관한 문서');"
		"INSERT INTO f VALUES ('연구', '수소 연구 수소');"
		"INSERT INTO f VALUES (NULL, '수소차');",
		NULL, NULL, NULL) == SQLITE_OK);
	/* In 5 rows of 8: over half, where counting stops early. */
	check_rank(db, "\"수소\"", 5);
	check_rank(db, "(\"合作\" OR \"閤作\")", 2);
	check_rank(db, "(\"论坛\" OR \"論壇\") AND (\"合作\")", 1);
	check_rank(db, "(\"수소\") AND (\"협약\")", 1);
	check_rank(db, "\"技术转移\" OR \"技術轉移\"", 2);
	check_rank(db, "\"없는말\"", 0);
	sqlite3_close(db);
}

/* store_cjk_highlight and store_cjk_snippet give what FTS5's own give. */
static void
check_marks(sqlite3 *db, const char *match)
{
	struct store_cjk_phrases *ph = store_cjk_phrases(match);
	sqlite3_stmt *st;
	char *h, *s;
	int rows = 0;

	T_ASSERT(sqlite3_prepare_v2(db,
		"SELECT title, text, highlight(f, 0, char(2), char(3)), "
		"snippet(f, 1, char(2), char(3), '…', 24) FROM f "
		"WHERE f MATCH ?1", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		h = store_cjk_highlight(ph,
		    (const char *)sqlite3_column_text(st, 0));
		s = store_cjk_snippet(ph,
		    (const char *)sqlite3_column_text(st, 1), 24, "…");
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			T_ASSERT(h == NULL);
		else
			T_STREQ(h, (const char *)sqlite3_column_text(st, 2));
		T_STREQ(s, (const char *)sqlite3_column_text(st, 3));
		free(h);
		free(s);
		rows++;
	}
	sqlite3_finalize(st);
	store_cjk_phrases_free(ph);
	T_ASSERT(rows > 0);
}

/* Matches far from the start, before and after sentence ends, so the
 * fragment starts mid-text: the parts of snippet() short texts skip. */
static void
insert_long(sqlite3 *db)
{
	static const char *const words[] = {"가나", "다라", "마바", "사아",
	    "자차", "카타"};
	struct buf b = {0};
	sqlite3_stmt *st;

	for (int i = 0; i < 60; i++)
		buf_printf(&b, "%s ", words[i % 6]);
	buf_puts(&b, "희소 협력 ");
	for (int i = 0; i < 20; i++)
		buf_puts(&b, "수소 ");
	for (int i = 0; i < 40; i++)
		buf_printf(&b, "%s ", words[i % 5]);
	buf_puts(&b, "끝. 새 문장: ");
	for (int i = 0; i < 8; i++)
		buf_printf(&b, "%s ", words[i % 4]);
	buf_puts(&b, "수소 협력 수소 ");
	for (int i = 0; i < 30; i++)
		buf_printf(&b, "%s ", words[i % 3]);
	T_ASSERT(sqlite3_prepare_v2(db, "INSERT INTO f VALUES ('긴 글', ?1)",
		-1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, b.data, -1, SQLITE_STATIC);
	T_ASSERT(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	buf_free(&b);
}

static void
test_marks(void)
{
	sqlite3 *db;
	struct err e = {{0}};

	T_ASSERT(sqlite3_open(":memory:", &db) == SQLITE_OK);
	T_ASSERT(store_cjk_register(db, &e) == 0);
	T_ASSERT(sqlite3_exec(db,
		"CREATE VIRTUAL TABLE f USING fts5(title, text, "
		"tokenize='kwcjk');"
		"INSERT INTO f VALUES ('수소 협약', '수소');"
		"INSERT INTO f VALUES (NULL, '한중 수소경제 협력. 업무협약 체결: "
		"수소 수소 수소경제 포럼이 열렸다. 다음 달에는 서울에서 두 번째 "
		"포럼이 열린다. 수소 분야 기업 열두 곳이 참가하고 협약 세 건을 "
		"맺을 예정이다. 끝으로 수소.');"
		"INSERT INTO f VALUES ('国家技术转移东部中心', '国家技术转移东部"
		"中心与KIC中国签署合作协议。双方将在上海、深圳和武汉开展技术转移"
		"合作，合作 内容 包括 人工智能 和 氢能。 合作协议 自 签署 之日 "
		"起 生效: 技术转移 中心.  合作');"
		"INSERT INTO f VALUES ('\"quoted\" KIC', 'KIC China and KIC중국 "
		"signed; ＫＩＣ too. kicking off: kic');",
		NULL, NULL, NULL) == SQLITE_OK);
	insert_long(db);
	check_marks(db, "\"수소\"");
	check_marks(db, "\"협력\"");
	check_marks(db, "\"희소\"");
	check_marks(db, "(\"수소\") AND (\"협약\")");
	check_marks(db, "(\"포럼\" OR \"수소경제\")");
	check_marks(db, "\"협\"*");
	check_marks(db, "(\"合作\" OR \"閤作\")");
	check_marks(db, "(\"技术转移\" OR \"技術轉移\") AND (\"中心\")");
	check_marks(db, "\"kic\"");
	check_marks(db, "\"kic\"*");
	check_marks(db, "\"\"\"quoted\"\"\"");
	sqlite3_close(db);
}

int
main(void)
{
	test_tokens();
	test_long_word();
	test_fts5();
	test_rank();
	test_marks();
	return T_DONE();
}
