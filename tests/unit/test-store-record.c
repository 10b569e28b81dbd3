/* SPDX-License-Identifier: ISC */
/*
 * store_record: runs, gazetteer sync (idempotent, skipped when unchanged),
 * documents with their records read back with plain SQL, hostile
 * extraction output, event grouping across languages, dropping an
 * abandoned run, copying a document between runs, and the capture scan.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "store.h"
#include "store_cjk.h"
#include "store_priv.h"
#include "store_record.h"
#include "store_scan.h"
#include "store_trigram.h"
#include "t.h"
#include "xmem.h"

static char dir[] = "/tmp/kw-test-record-XXXXXX";
static int dbn;

/* ---- a hand-made gazetteer ---- */

static char *kic_tags[] = {"korean_government"};
static char *torch_tags[] = {"state_tech_transfer", "government"};
static char *netc_tags[] = {"state_tech_transfer"};
static struct cfg_alias kic_aliases[] = {
	{"KIC China", CFG_ALIAS_EN}, {"KIC중국", CFG_ALIAS_KO},
	{"글로벌혁신센터", CFG_ALIAS_KO}, {"韩国创新中心", CFG_ALIAS_ZH}};
static struct cfg_alias torch_aliases[] = {
	{"Torch Center", CFG_ALIAS_EN}, {"횃불센터", CFG_ALIAS_KO},
	{"火炬中心", CFG_ALIAS_ZH}, {"火炬中心", CFG_ALIAS_ABBR}};
static struct cfg_alias netc_aliases[] = {
	{"국가기술이전동부센터", CFG_ALIAS_KO},
	{"国家技术转移东部中心", CFG_ALIAS_ZH}};
static struct cfg_entity ents[] = {
	{"kic-china", "KIC China", "KR", "government", kic_tags, 1,
	    kic_aliases, 4, 1},
	{"torch-center",
	    "Torch High Technology Industry Development Center", "CN",
	    "government", torch_tags, 2, torch_aliases, 4, 10},
	{"netc", "National Eastern Tech-Transfer Center", "CN", "government",
	    netc_tags, 1, netc_aliases, 2, 20},
};

static struct cfg
gazetteer(size_t n)
{
	struct cfg c;

	memset(&c, 0, sizeof(c));
	c.entities.v = ents;
	c.entities.n = n;
	return c;
}

/* ---- plain SQL on a second connection ---- */

static sqlite3 *
sql_open(const char *path)
{
	sqlite3 *db;

	T_ASSERT(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
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

/* The first column of the first row as text, in a static buffer. */
static const char *
sql_text(sqlite3 *db, const char *sql)
{
	static char buf[4096];
	sqlite3_stmt *st;
	const char *v;

	strcpy(buf, "(none)");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		T_ASSERT(0);
		return buf;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, sizeof(buf), "%s", v ? v : "(null)");
	}
	sqlite3_finalize(st);
	return buf;
}

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

static struct store *
fresh_store(char *path, size_t size)
{
	struct store *s = NULL;
	struct err e = {{0}};

	snprintf(path, size, "%s/t%d.db", dir, ++dbn);
	if (store_open(path, STORE_RW, &s, &e) == -1) {
		fprintf(stderr, "store_open: %s\n", e.msg);
		exit(1);
	}
	return s;
}

/* A source and n captures 1..n (bodies are not read by record tests). */
static void
captures_add(sqlite3 *db, int n)
{
	char sql[512];

	sql_exec(db, "INSERT OR IGNORE INTO source (id, name, url, created_at)"
		     " VALUES (1, 'kic-news', 'http://127.0.0.1/', "
		     "'2024-09-10T00:00:00Z'), (2, 'torch-news', "
		     "'http://127.0.0.1/t', '2024-09-10T00:00:00Z')");
	for (int i = 1; i <= n; i++) {
		snprintf(sql, sizeof(sql),
		    "INSERT INTO capture (id, source_id, url, final_url, "
		    "fetched_at, status, headers, content_type, sha256, size, "
		    "body, kind) VALUES (%d, %d, 'http://127.0.0.1/a/%d', "
		    "'http://127.0.0.1/a/%d', '2024-09-1%dT08:00:00Z', 200, '', "
		    "'text/html', 'x', 0, x'', 'article')",
		    i, i % 2 ? 1 : 2, i, i, i % 10);
		sql_exec(db, sql);
	}
}

/* ---- building extraction results by hand ---- */

struct tb {
	struct extract_result r;
	struct extract_org orgs[8];
	struct extract_mention m[16];
	struct extract_event ev[4];
	struct extract_mou mou[4];
	struct extract_party parties[8][8];
	size_t nparties;
	char *sectors[2];
	char *unv_tags[1];
};

/* Code-point offset of needle in text (-1 when absent). */
static long
cp_find(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	long n = 0;

	if (p == NULL)
		return -1;
	for (const char *q = text; q < p; q++)
		n += ((unsigned char)*q & 0xc0) != 0x80;
	return n;
}

static size_t
cp_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void
tb_init(struct tb *b, char *text, char *lang, const char *published)
{
	memset(b, 0, sizeof(*b));
	b->r.title = "제목";
	b->r.lang = lang;
	b->r.text = text;
	b->r.text_chars = cp_len(text);
	snprintf(b->r.published, sizeof(b->r.published), "%s", published);
	b->sectors[0] = "ai";
	b->r.sectors = b->sectors;
	b->r.nsectors = 1;
	b->unv_tags[0] = "unverified";
	b->r.orgs = b->orgs;
	b->r.mentions = b->m;
	b->r.events = b->ev;
	b->r.mous = b->mou;
}

static void
tb_mention(struct tb *b, enum extract_mention_kind k, char *surface,
    char *value, long org)
{
	struct extract_mention *m = &b->m[b->r.nmentions++];
	long at = cp_find(b->r.text, surface);

	T_ASSERT(at >= 0);
	m->kind = k;
	m->span.start = (size_t)at;
	m->span.end = (size_t)at + cp_len(surface);
	m->surface = surface;
	m->value = value;
	m->org = org;
}

/* An organisation (entity NULL: unverified) and its mention. */
static size_t
tb_org(struct tb *b, char *name, char *canonical, char *entity)
{
	size_t i = b->r.norgs++;
	struct extract_org *o = &b->orgs[i];

	o->name = name;
	o->canonical = canonical;
	o->entity_id = entity;
	o->country = entity ? "CN" : NULL;
	o->kind = entity ? "government" : "institute";
	o->unverified = entity == NULL;
	o->tags = entity ? NULL : b->unv_tags;
	o->ntags = entity ? 0 : 1;
	o->nmentions = 1;
	tb_mention(b, EXTRACT_M_ORG, name, canonical, (long)i);
	return i;
}

static struct extract_party *
tb_parties(struct tb *b, const size_t *orgs, const enum extract_role *roles,
    size_t n)
{
	struct extract_party *p = b->parties[b->nparties++];

	for (size_t i = 0; i < n; i++) {
		p[i].org = orgs[i];
		p[i].role = roles ? roles[i] : EXTRACT_ROLE_PARTICIPANT;
	}
	return p;
}

static void
tb_mou(struct tb *b, const char *date, char *loc, const size_t *orgs,
    size_t n)
{
	struct extract_mou *m = &b->mou[b->r.nmous++];

	snprintf(m->date, sizeof(m->date), "%s", date);
	m->location = loc;
	m->parties = tb_parties(b, orgs, NULL, n);
	m->nparties = n;
	m->span.start = 0;
	m->span.end = b->r.text_chars;
	m->evidence = b->r.text;
}

static void
tb_event(struct tb *b, char *type, char *name, const char *date, char *loc,
    const size_t *orgs, const enum extract_role *roles, size_t n)
{
	struct extract_event *ev = &b->ev[b->r.nevents++];

	ev->type = type;
	ev->name = name;
	snprintf(ev->date, sizeof(ev->date), "%s", date);
	ev->location = loc;
	ev->orgs = tb_parties(b, orgs, roles, n);
	ev->norgs = n;
	ev->sectors = b->sectors;
	ev->nsectors = 1;
	ev->span.start = 0;
	ev->span.end = b->r.text_chars;
	ev->evidence = b->r.text;
}

static int64_t
insert(struct store *s, int64_t run, int64_t capture, const struct tb *b)
{
	struct store_doc d = {run, capture, capture % 2 ? 1 : 2, NULL, "utf-8",
	    "header"};
	char url[64];
	struct err e = {{0}};
	int64_t id = 0;

	snprintf(url, sizeof(url), "http://127.0.0.1/a/%lld",
	    (long long)capture);
	d.url = url;
	if (store_document_insert(s, &d, &b->r, &id, &e) != 0) {
		fprintf(stderr, "store_document_insert: %s\n", e.msg);
		T_ASSERT(0);
	}
	return id;
}

/* The Korean report of the MOU and forum of 9 September in Shanghai. */
static void
doc_ko(struct tb *b)
{
	static const enum extract_role roles[] = {EXTRACT_ROLE_HOST,
	    EXTRACT_ROLE_COHOST, EXTRACT_ROLE_ATTENDEE};
	size_t o[3];

	tb_init(b,
	    "KIC중국은 9일 상하이에서 횃불센터와 업무협약을 체결하고 '2024 "
	    "한중 혁신 포럼'을 공동 개최했다. 상하이인공지능연구원도 "
	    "참석했다.",
	    "ko", "2024-09-10");
	o[0] = tb_org(b, "KIC중국", "KIC China", "kic-china");
	o[1] = tb_org(b, "횃불센터",
	    "Torch High Technology Industry Development Center",
	    "torch-center");
	o[2] = tb_org(b, "상하이인공지능연구원", "상하이인공지능연구원", NULL);
	tb_mention(b, EXTRACT_M_DATE, "9일", "2024-09-09", -1);
	tb_mention(b, EXTRACT_M_PLACE, "상하이에서", "Shanghai", -1);
	tb_mention(b, EXTRACT_M_MOU, "업무협약", NULL, -1);
	tb_mention(b, EXTRACT_M_EVENT, "포럼", "forum", -1);
	tb_mou(b, "2024-09-09", "Shanghai", o, 2);
	tb_event(b, "forum", "2024 한중 혁신 포럼", "2024-09-09", "Shanghai", o,
	    roles, 3);
}

/* The partner's Chinese report of the same day, a day later. */
static void
doc_zh(struct tb *b)
{
	static const enum extract_role roles[] = {EXTRACT_ROLE_HOST,
	    EXTRACT_ROLE_COHOST, EXTRACT_ROLE_ATTENDEE};
	size_t o[3];

	tb_init(b,
	    "9月10日，火炬中心与韩国创新中心在上海签署战略合作备忘录，并联合"
	    "主办中韩创新论坛。上海人工智能研究院出席。",
	    "zh", "2024-09-11");
	o[0] = tb_org(b, "火炬中心",
	    "Torch High Technology Industry Development Center",
	    "torch-center");
	o[1] = tb_org(b, "韩国创新中心", "KIC China", "kic-china");
	o[2] = tb_org(b, "上海人工智能研究院", "上海人工智能研究院", NULL);
	tb_mou(b, "2024-09-10", "Shanghai", o, 2);
	tb_event(b, "forum", "中韩创新论坛", "2024-09-10", "Shanghai", o, roles,
	    3);
}

/* An MOU of the same parties: date and place vary per test. */
static void
doc_mou(struct tb *b, const char *date, char *loc)
{
	size_t o[2];

	tb_init(b, "KIC중국은 횃불센터와 협약을 맺었다.", "ko", "");
	o[0] = tb_org(b, "KIC중국", "KIC China", "kic-china");
	o[1] = tb_org(b, "횃불센터",
	    "Torch High Technology Industry Development Center",
	    "torch-center");
	tb_mou(b, date, loc, o, 2);
}

/* ---- tests ---- */

static const char GAZ_SNAPSHOT[] =
    "SELECT group_concat(x, '|') FROM (SELECT o.id || ':' || o.canonical ||"
    " ':' || coalesce(o.entity_id, '-') || ':' || coalesce(o.country, '-')"
    " || ':' || o.unverified AS x FROM org o UNION ALL SELECT a.org_id ||"
    " '=' || a.alias || '/' || coalesce(a.lang, '-') || '/' || a.origin"
    " FROM org_alias a UNION ALL SELECT t.org_id || '#' || t.tag || '/' ||"
    " t.origin FROM org_tag t ORDER BY 1)";

static void
test_gazetteer_sync(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	char path[512], before[4096];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	/* Discovered before the gazetteer knew it: adopted on sync. */
	sql_exec(db, "INSERT INTO org (id, canonical, unverified, created_at)"
		     " VALUES (50, 'National Eastern Tech-Transfer Center', 1,"
		     " '2024-01-01T00:00:00Z');"
		     "INSERT INTO org_tag VALUES (50, 'unverified', 'derived');"
		     "INSERT INTO org_alias VALUES (50, '东部中心', NULL, "
		     "'observed')");
	T_ASSERT(store_gazetteer_sync(s, &c, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org") == 3);
	T_ASSERT(sql_int(db, "SELECT id FROM org WHERE entity_id = 'netc'") ==
	    50);
	T_ASSERT(sql_int(db, "SELECT unverified FROM org WHERE id = 50") == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_tag WHERE org_id = 50"
			     " AND tag = 'unverified'") == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_alias WHERE org_id = 50"
			     " AND origin = 'observed'") == 1);
	T_STREQ(sql_text(db, "SELECT lang FROM org_alias WHERE alias = "
			     "'횃불센터'"),
	    "ko");
	/* The same alias given twice (zh and abbr) is one row. */
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_alias WHERE alias = "
			     "'火炬中心'") == 1);
	T_STREQ(sql_text(db, "SELECT group_concat(tag, ',') FROM (SELECT tag "
			     "FROM org_tag t JOIN org o ON o.id = t.org_id "
			     "WHERE o.entity_id = 'torch-center' ORDER BY tag)"),
	    "government,state_tech_transfer");

	/* Unchanged entities: skipped, a hand edit survives. */
	snprintf(before, sizeof(before), "%s", sql_text(db, GAZ_SNAPSHOT));
	sql_exec(db, "DELETE FROM org_tag WHERE tag = 'government'");
	T_ASSERT(store_gazetteer_sync(s, &c, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_tag WHERE tag = "
			     "'government'") == 0);
	/* Forced (digest forgotten): idempotent, same rows as before. */
	sql_exec(db, "DELETE FROM meta");
	T_ASSERT(store_gazetteer_sync(s, &c, &e) == 0);
	T_STREQ(sql_text(db, GAZ_SNAPSHOT), before);
	sql_exec(db, "DELETE FROM meta");
	T_ASSERT(store_gazetteer_sync(s, &c, &e) == 0);
	T_STREQ(sql_text(db, GAZ_SNAPSHOT), before);

	/* Renamed and retagged: same row; removed entity loses its tags. */
	ents[1].name = "Torch Center (MIIT)";
	ents[1].ntags = 1;
	c = gazetteer(2);
	T_ASSERT(store_gazetteer_sync(s, &c, &e) == 0);
	T_STREQ(sql_text(db, "SELECT canonical || '/' || (SELECT count(*) FROM"
			     " org_tag WHERE org_id = org.id) FROM org WHERE "
			     "entity_id = 'torch-center'"),
	    "Torch Center (MIIT)/1");
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_tag WHERE org_id = "
			     "50") == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org") == 3);
	ents[1].name = "Torch High Technology Industry Development Center";
	ents[1].ntags = 2;
	sqlite3_close(db);
	store_close(s);
}

static void
test_runs(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	int64_t cur, again, rep, latest;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	T_ASSERT(store_run_latest(s, &latest, &e) == 1);
	T_ASSERT(store_run_current(s, &c, &cur, &e) == 0);
	T_ASSERT(store_run_current(s, &c, &again, &e) == 0);
	T_ASSERT(cur == again);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run WHERE kind = 'crawl' "
			     "AND completed_at IS NOT NULL") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org") == 3);
	T_ASSERT(store_run_begin(s, &c, "reparse", &rep, &e) == 0);
	T_ASSERT(rep > cur);
	T_ASSERT(store_run_begin(s, &c, "bogus", &latest, &e) == -1);
	T_ASSERT(store_run_latest(s, &latest, &e) == 0 && latest == cur);
	T_ASSERT(sql_int(db, "SELECT id FROM v_current_run") == cur);
	T_ASSERT(store_run_complete(s, rep, &e) == 0);
	T_ASSERT(store_run_latest(s, &latest, &e) == 0 && latest == rep);
	T_ASSERT(sql_int(db, "SELECT id FROM v_current_run") == rep);
	T_ASSERT(store_run_complete(s, rep, &e) == -1);
	/* Crawls now append to the reparse run. */
	T_ASSERT(store_run_current(s, &c, &again, &e) == 0 && again == rep);
	sqlite3_close(db);
	store_close(s);
}

static void
test_document_insert(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	struct store_doc d = {0, 1, 1, "http://127.0.0.1/a/1", NULL, NULL};
	int64_t run, doc, again;
	char path[512], sql[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 2);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	doc = insert(s, run, 1, &b);
	T_ASSERT(doc > 0);
	d.run_id = run;
	T_ASSERT(store_document_insert(s, &d, &b.r, &again, &e) == 1);

	snprintf(sql, sizeof(sql),
	    "SELECT title || '|' || published || '|' || lang || '|' || "
	    "text_chars || '|' || charset || '|' || url FROM document "
	    "WHERE id = %lld", (long long)doc);
	snprintf(path, sizeof(path), "제목|2024-09-10|ko|%zu|utf-8|"
	    "http://127.0.0.1/a/1", b.r.text_chars);
	T_STREQ(sql_text(db, sql), path);
	T_STREQ(sql_text(db, "SELECT group_concat(sector) FROM "
			     "document_sector"), "ai");
	/* Full text (trigram) finds Korean inside words. */
	T_ASSERT(sql_int(db, "SELECT rowid FROM document_fts WHERE "
			     "document_fts MATCH '횃불센'") == doc);

	/* Mentions: offsets in code points, orgs resolved. */
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention") == 7);
	T_STREQ(sql_text(db, "SELECT m.start || '-' || m.end || ':' || "
			     "m.surface || ':' || o.entity_id FROM mention m "
			     "JOIN org o ON o.id = m.org_id WHERE m.surface = "
			     "'횃불센터'"),
	    "16-20:횃불센터:torch-center");
	T_STREQ(sql_text(db, "SELECT substr(d.text, m.start + 1, m.end - "
			     "m.start) FROM mention m JOIN document d ON d.id = "
			     "m.document_id WHERE m.kind = 'date'"),
	    "9일");
	T_STREQ(sql_text(db, "SELECT value FROM mention WHERE kind = "
			     "'place'"),
	    "Shanghai");

	/* The unknown institute: unverified, tagged, observed alias. */
	T_STREQ(sql_text(db, "SELECT o.unverified || t.tag || t.origin || "
			     "a.origin FROM org o JOIN org_tag t ON t.org_id = "
			     "o.id JOIN org_alias a ON a.org_id = o.id WHERE "
			     "o.canonical = '상하이인공지능연구원'"),
	    "1unverifiedderivedobserved");

	/* The event with its roles, and the MOU with its parties. */
	snprintf(sql, sizeof(sql),
	    "SELECT group_concat(o.entity_id || ':' || eo.role || ':' || "
	    "eo.name, ';') FROM (SELECT * FROM event_org ORDER BY org_id) eo "
	    "JOIN org o ON o.id = eo.org_id WHERE o.entity_id IS NOT NULL");
	snprintf(path, sizeof(path), "kic-china:%s:KIC중국;torch-center:%s:"
	    "횃불센터", extract_role_name(EXTRACT_ROLE_HOST),
	    extract_role_name(EXTRACT_ROLE_COHOST));
	T_STREQ(sql_text(db, sql), path);
	T_STREQ(sql_text(db, "SELECT type || '|' || name || '|' || date || '|'"
			     " || location || '|' || (SELECT group_concat(sector)"
			     " FROM event_sector) FROM event"),
	    "forum|2024 한중 혁신 포럼|2024-09-09|Shanghai|ai");
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mou_party") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event_group") == 2);

	/* Views read the current run. */
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_document") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_event") == 1);
	T_STREQ(sql_text(db, "SELECT parties FROM v_mou"),
	    "KIC China; Torch High Technology Industry Development Center");
	T_ASSERT(sql_int(db, "SELECT mentions FROM v_org WHERE entity_id = "
			     "'torch-center'") == 1);
	sqlite3_close(db);
	store_close(s);
}

/* Broken extraction output is clamped or dropped, never fatal. */
static void
test_hostile_result(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	int64_t run, doc;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 2);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	b.m[0].org = 99;			/* no such org */
	b.m[1].span.end = 100000;		/* beyond the text */
	b.ev[0].type = "party";			/* not a type */
	memcpy(b.ev[0].date, "2024-13-45", 11);	/* not a date */
	memset(b.mou[0].date, '9', sizeof(b.mou[0].date));	/* no NUL */
	b.parties[0][1].org = 42;		/* MOU party out of range */
	b.ev[0].span.start = 50;
	b.ev[0].span.end = 10;			/* reversed */
	b.ev[0].evidence = NULL;
	b.orgs[2].canonical = NULL;		/* falls back to the name */
	b.r.published[0] = 'x';
	b.r.lang = NULL;
	doc = insert(s, run, 1, &b);
	T_ASSERT(doc > 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention") == 6);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention WHERE kind = 'org'"
			     " AND org_id IS NULL") == 1);
	T_STREQ(sql_text(db, "SELECT type || '|' || coalesce(date, 'null') || "
			     "'|' || start || '-' || end || '|' || evidence FROM "
			     "event"),
	    "other|null|0-0|");
	T_STREQ(sql_text(db, "SELECT coalesce(date, 'null') FROM mou"), "null");
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mou_party") == 1);
	T_STREQ(sql_text(db, "SELECT coalesce(published, 'null') || lang FROM "
			     "document"),
	    "nullund");
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org WHERE canonical = "
			     "'상하이인공지능연구원'") == 1);

	/* A document with nothing at all. */
	memset(&b, 0, sizeof(b));
	doc = insert(s, run, 2, &b);
	T_ASSERT(doc > 0);
	T_STREQ(sql_text(db, "SELECT text || text_chars || lang FROM document "
			     "WHERE capture_id = 2"),
	    "0und");
	T_ASSERT(store_check(s, &e) == 0);
	sqlite3_close(db);
	store_close(s);
}

/*
 * Many mentions (written several rows per statement) with unusable ones
 * among them: the usable ones all stored, in extraction order, each with
 * its own values and organisation.
 */
static void
test_many_mentions(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct extract_mention m[29];
	struct store *s;
	struct tb b;
	int64_t run, doc;
	char path[512], want[2048], *surface[29];
	size_t len = 0;
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 2);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	want[0] = '\0';
	for (int i = 0; i < 29; i++) {
		memset(&m[i], 0, sizeof(m[i]));
		surface[i] = xasprintf("s%d", i);
		m[i].surface = surface[i];
		m[i].kind = i % 3 == 0 ? EXTRACT_M_ORG : EXTRACT_M_DATE;
		m[i].org = i % 3 == 0 ? i % 2 : -1;
		m[i].span.start = (size_t)i;
		m[i].span.end = (size_t)i + 1;
		/* Unusable: spans beyond the text, a kind out of range. */
		if (i == 3 || i == 11 || i == 20)
			m[i].span.end = 100000;
		else if (i == 16)
			m[i].kind = (enum extract_mention_kind)77;
		else
			len += (size_t)snprintf(want + len, sizeof(want) - len,
			    "%s%s:%d-%d:%s", len ? "," : "", surface[i], i,
			    i + 1, m[i].kind == EXTRACT_M_ORG ? (i % 2 ?
			    "torch-center" : "kic-china") : "-");
	}
	b.r.mentions = m;
	b.r.nmentions = 29;
	doc = insert(s, run, 1, &b);
	T_ASSERT(doc > 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention") == 25);
	T_STREQ(sql_text(db, "SELECT group_concat(x, ',') FROM (SELECT "
			     "m.surface || ':' || m.start || '-' || m.end || ':' "
			     "|| coalesce(o.entity_id, '-') AS x FROM mention m "
			     "LEFT JOIN org o ON o.id = m.org_id ORDER BY m.id)"),
	    want);
	for (int i = 0; i < 29; i++)
		free(surface[i]);

	/* An event's organisations, several rows per statement too: the
	 * unusable party and the repeated (organisation, role) left out. */
	{
		static const size_t org[] = {0, 1, 0, 2, 1, 42, 0, 1, 2, 0, 1,
		    2, 2};
		static const enum extract_role role[] = {EXTRACT_ROLE_HOST,
		    EXTRACT_ROLE_COHOST, EXTRACT_ROLE_HOST,
		    EXTRACT_ROLE_ATTENDEE, EXTRACT_ROLE_HOST,
		    EXTRACT_ROLE_HOST, EXTRACT_ROLE_ATTENDEE,
		    EXTRACT_ROLE_PARTICIPANT, EXTRACT_ROLE_HOST,
		    EXTRACT_ROLE_COHOST, EXTRACT_ROLE_ATTENDEE,
		    EXTRACT_ROLE_PARTICIPANT, EXTRACT_ROLE_COHOST};
		struct extract_party p[13];

		doc_ko(&b);
		for (size_t i = 0; i < 13; i++) {
			p[i].org = org[i];
			p[i].role = role[i];
		}
		b.ev[0].orgs = p;
		b.ev[0].norgs = 13;
		doc = insert(s, run, 2, &b);
		snprintf(want, sizeof(want), "SELECT count(*) FROM event_org "
		    "eo JOIN event ev ON ev.id = eo.event_id WHERE "
		    "ev.document_id = %lld", (long long)doc);
		T_ASSERT(sql_int(db, want) == 11);
		snprintf(want, sizeof(want), "SELECT count(*) FROM event_org "
		    "eo JOIN event ev ON ev.id = eo.event_id JOIN org o ON "
		    "o.id = eo.org_id WHERE ev.document_id = %lld AND "
		    "o.entity_id = 'kic-china' AND eo.role = '%s'",
		    (long long)doc, extract_role_name(EXTRACT_ROLE_HOST));
		T_ASSERT(sql_int(db, want) == 1);
	}
	T_ASSERT(store_check(s, &e) == 0);
	sqlite3_close(db);
	store_close(s);
}

static int64_t
group_of(sqlite3 *db, const char *table, int64_t doc)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT group_id FROM %s WHERE "
	    "document_id = %lld", table, (long long)doc);
	return sql_int(db, sql);
}

static void
test_event_groups(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	int64_t run, ko, zh, later, beijing, month, kic_only, undated;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 9);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	ko = insert(s, run, 1, &b);
	doc_zh(&b);
	zh = insert(s, run, 2, &b);
	/* One MOU in Korean and Chinese: different names, same entities. */
	T_ASSERT(group_of(db, "mou", ko) == group_of(db, "mou", zh));
	/* The forum too: the unverified names differ, the partner is shared. */
	T_ASSERT(group_of(db, "event", ko) == group_of(db, "event", zh));
	T_ASSERT(group_of(db, "event", ko) != group_of(db, "mou", ko));

	doc_mou(&b, "2024-10-20", "Shanghai");
	later = insert(s, run, 3, &b);
	T_ASSERT(group_of(db, "mou", later) != group_of(db, "mou", ko));
	/* Month precision, place unknown: September's Shanghai signing. */
	doc_mou(&b, "2024-09", NULL);
	month = insert(s, run, 4, &b);
	T_ASSERT(group_of(db, "mou", month) == group_of(db, "mou", ko));
	/* Compatible with the month report, not with the Shanghai ones. */
	doc_mou(&b, "2024-09-09", "Beijing");
	beijing = insert(s, run, 5, &b);
	T_ASSERT(group_of(db, "mou", beijing) != group_of(db, "mou", ko));
	T_ASSERT(group_of(db, "mou", beijing) != group_of(db, "mou", later));
	doc_mou(&b, "", "Shanghai");
	undated = insert(s, run, 6, &b);
	T_ASSERT(group_of(db, "mou", undated) != group_of(db, "mou", ko));

	/* Sharing only KIC China proves nothing. */
	tb_init(&b, "KIC중국은 9일 상하이에서 동부센터와 협약을 맺었다.", "ko",
	    "");
	{
		size_t o[2];

		o[0] = tb_org(&b, "KIC중국", "KIC China", "kic-china");
		o[1] = tb_org(&b, "동부센터",
		    "National Eastern Tech-Transfer Center", "netc");
		tb_mou(&b, "2024-09-09", "Shanghai", o, 2);
	}
	kic_only = insert(s, run, 7, &b);
	T_ASSERT(group_of(db, "mou", kic_only) != group_of(db, "mou", ko));
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT group_id) FROM mou") == 5);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event_group WHERE kind = "
			     "'mou'") == 5);
	sqlite3_close(db);
	store_close(s);
}

/* One event of type on date at loc with the named orgs (NULL-ended). */
static int64_t
event_doc(struct store *s, int64_t run, int64_t capture, char *text,
    char *type, const char *date, char *loc, char *const *names)
{
	struct tb b;
	size_t o[8], n = 0;

	tb_init(&b, text, "ko", "");
	for (; names[n] != NULL; n++) {
		char *ent = NULL;

		if (strcmp(names[n], "KIC중국") == 0)
			ent = "kic-china";
		else if (strcmp(names[n], "횃불센터") == 0)
			ent = "torch-center";
		else if (strcmp(names[n], "동부센터") == 0)
			ent = "netc";
		o[n] = tb_org(&b, names[n], names[n], ent);
	}
	tb_event(&b, type, NULL, date, loc, o, NULL, n);
	return insert(s, run, capture, &b);
}

/* A demo day in Chengdu and the visit of the day after, in one document. */
static int64_t
two_events(struct store *s, int64_t run, int64_t capture, char *text,
    char *const *dd, char *const *visit)
{
	struct tb b;
	size_t o[8], v[8], n = 0, m = 0;

	tb_init(&b, text, "ko", "");
	for (; dd[n] != NULL; n++)
		o[n] = tb_org(&b, dd[n], dd[n],
		    strcmp(dd[n], "KIC중국") == 0	  ? "kic-china"
		    : strcmp(dd[n], "횃불센터") == 0 ? "torch-center"
						     : NULL);
	for (; visit[m] != NULL; m++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(dd[i], visit[m]) == 0)
				v[m] = o[i];
	tb_event(&b, "demo_day", NULL, "2024-11-21", "Chengdu", o, NULL, n);
	tb_event(&b, "visit", NULL, "2024-11-22", "Chengdu", v, NULL, m);
	return insert(s, run, capture, &b);
}

/* Rules (a) to (d) of store_group.c, each with a near miss. */
static void
test_group_rules(void)
{
	static char *dd_ko[] = {"KIC중국", "횃불센터", "메디트윈", "모비젠랩",
	    NULL};
	static char *dd_zh[] = {"횃불센터", "KIC중국", "MediTwin", "AIPharm",
	    "Mobigen Lab", NULL};
	static char *visit_ko[] = {"메디트윈", "모비젠랩", NULL};
	static char *visit_zh[] = {"MediTwin", "AIPharm", NULL};
	static char *visit_other[] = {"성도바이오", NULL};

	static char *kic[] = {"KIC중국", NULL};
	static char *forum[] = {"KIC중국", "동부센터", "퀀텀링크", NULL};
	static char *sem_a[] = {"대전테크노파크", "한빛연구소", NULL};
	static char *sem_b[] = {"대전테크노파크", "누리재단", NULL};
	static char *none[] = {NULL};
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	int64_t run, d[12];
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 18);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	/* (a): one gazetteer partner; the startups in two scripts. (d): the
	 * visit the day after, reported by both documents, no name shared. */
	d[0] = two_events(s, run, 1, "KIC중국 횃불센터 메디트윈 모비젠랩",
	    dd_ko, visit_ko);
	d[1] = two_events(s, run, 2, "횃불센터 KIC중국 MediTwin AIPharm "
	    "Mobigen Lab", dd_zh, visit_zh);
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT group_id) FROM event "
			     "WHERE type = 'demo_day'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT group_id) FROM event "
			     "WHERE type = 'visit'") == 1);
	/* The same visit from a document that shares nothing: apart. */
	d[2] = event_doc(s, run, 3, "MediTwin AIPharm 성도바이오", "visit",
	    "2024-11-22", "Chengdu", visit_other);
	T_ASSERT(group_of(db, "event", d[2]) != group_of(db, "event", d[0]) &&
	    group_of(db, "event", d[2]) != group_of(db, "event", d[1]));
	/* (c): KIC China alone against the partner's full report. */
	d[5] = event_doc(s, run, 6, "KIC중국 동부센터 퀀텀링크", "forum",
	    "2024-09-10", "Shanghai", forum);
	d[6] = event_doc(s, run, 7, "KIC중국", "forum", "2024-09-10",
	    "Shanghai", kic);
	T_ASSERT(group_of(db, "event", d[5]) == group_of(db, "event", d[6]));
	/* ... also a half-year review's month and no place. */
	d[7] = event_doc(s, run, 8, "KIC중국", "forum", "2024-09", NULL, kic);
	T_ASSERT(group_of(db, "event", d[7]) == group_of(db, "event", d[5]));
	/* (b): one language, unverified names shared. */
	d[8] = event_doc(s, run, 9, "대전테크노파크 한빛연구소", "seminar",
	    "2024-05-02", "Daejeon", sem_a);
	d[9] = event_doc(s, run, 10, "대전테크노파크 누리재단", "seminar",
	    "2024-05-03", "Daejeon", sem_b);
	T_ASSERT(group_of(db, "event", d[8]) == group_of(db, "event", d[9]));
	/* Two reports that share nothing, then one naming both: merged. */
	{
		static char *torch[] = {"횃불센터", "한빛연구소", NULL};
		static char *netc[] = {"동부센터", "누리재단", NULL};
		static char *both[] = {"횃불센터", "동부센터", NULL};
		int64_t a, b2, c2, far;

		a = event_doc(s, run, 13, "횃불센터 한빛연구소", "expo",
		    "2024-07-01", "Hefei", torch);
		b2 = event_doc(s, run, 14, "동부센터 누리재단", "expo",
		    "2024-07-02", "Hefei", netc);
		T_ASSERT(group_of(db, "event", a) != group_of(db, "event", b2));
		c2 = event_doc(s, run, 15, "횃불센터 동부센터", "expo",
		    "2024-07-02", NULL, both);
		T_ASSERT(group_of(db, "event", a) == group_of(db, "event", b2));
		T_ASSERT(group_of(db, "event", c2) == group_of(db, "event", a));
		T_ASSERT(sql_int(db, "SELECT count(*) FROM event_group g WHERE "
				     "NOT EXISTS (SELECT 1 FROM event e WHERE "
				     "e.group_id = g.id) AND g.kind = 'event'") ==
		    0);
		/* Not when the two would be 4 days apart. */
		a = event_doc(s, run, 16, "횃불센터 한빛연구소", "roadshow",
		    "2024-08-01", "Hefei", torch);
		far = event_doc(s, run, 17, "동부센터 누리재단", "roadshow",
		    "2024-08-05", "Hefei", netc);
		c2 = event_doc(s, run, 18, "횃불센터 동부센터", "roadshow",
		    "2024-08-03", "Hefei", both);
		T_ASSERT(group_of(db, "event", a) != group_of(db, "event", far));
		T_ASSERT(group_of(db, "event", c2) == group_of(db, "event", a) ||
		    group_of(db, "event", c2) == group_of(db, "event", far));
	}
	/* No organisations at all: no evidence, no group. */
	d[10] = event_doc(s, run, 11, "전시", "expo", "2024-05-02", "Daejeon",
	    none);
	d[11] = event_doc(s, run, 12, "전시", "expo", "2024-05-02", "Daejeon",
	    none);
	T_ASSERT(group_of(db, "event", d[10]) !=
	    group_of(db, "event", d[11]));
	sqlite3_close(db);
	store_close(s);
}

static const char FTS_HITS[] = "SELECT count(*) FROM document_fts WHERE "
			       "document_fts MATCH '횃불센'";
static const char FTS_CHECK[] = "INSERT INTO document_fts (document_fts) "
				"VALUES ('integrity-check')";

static void
test_drop_and_copy(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	int64_t crawl, rep, ko, zh, copy, copy2, again;
	int n = -1;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 3);
	T_ASSERT(store_run_current(s, &c, &crawl, &e) == 0);
	doc_ko(&b);
	ko = insert(s, crawl, 1, &b);
	doc_zh(&b);
	zh = insert(s, crawl, 2, &b);

	/* An abandoned reparse run with a document is dropped entirely. */
	T_ASSERT(store_run_begin(s, &c, "reparse", &rep, &e) == 0);
	doc_ko(&b);
	insert(s, rep, 1, &b);
	/* Not full-text indexed until its writer says so (schema 0006). */
	T_ASSERT(sql_int(db, FTS_HITS) == 1);
	T_ASSERT(store_run_index(s, rep, &e) == 0);
	T_ASSERT(sql_int(db, FTS_HITS) == 2);
	T_ASSERT(store_run_index(s, rep, &e) == 0);
	T_ASSERT(sql_int(db, FTS_HITS) == 2);
	doc_zh(&b);
	insert(s, rep, 2, &b);
	T_ASSERT(store_run_drop_incomplete(s, &n, &e) == 0 && n == 1);
	sql_exec(db, FTS_CHECK);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM run") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts WHERE "
			     "document_fts MATCH '횃불센'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention WHERE run_id <> "
			     "(SELECT min(id) FROM run)") == 0);
	T_ASSERT(store_run_drop_incomplete(s, &n, &e) == 0 && n == 0);

	/* Copy both documents into a new run: same records, new groups. */
	T_ASSERT(store_run_begin(s, &c, "reparse", &rep, &e) == 0);
	T_ASSERT(store_document_copy(s, rep, ko, &copy, &e) == 0);
	T_ASSERT(store_document_copy(s, rep, zh, &copy2, &e) == 0);
	T_ASSERT(store_document_copy(s, rep, ko, &again, &e) == 1);
	T_ASSERT(copy != ko && copy2 != zh);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention WHERE run_id = "
			     "(SELECT max(id) FROM run)") == 7 + 3);
	T_ASSERT(group_of(db, "mou", copy) == group_of(db, "mou", copy2));
	T_ASSERT(group_of(db, "mou", copy) != group_of(db, "mou", ko));
	T_ASSERT(group_of(db, "event", copy) == group_of(db, "event", copy2));
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event_org eo JOIN event ev"
			     " ON ev.id = eo.event_id WHERE ev.document_id = "
			     "(SELECT max(id) FROM document)") == 3);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event_group WHERE run_id = "
			     "(SELECT max(id) FROM run)") == 2);
	T_ASSERT(sql_int(db, FTS_HITS) == 1);
	T_ASSERT(store_run_complete(s, rep, &e) == 0);
	T_ASSERT(sql_int(db, FTS_HITS) == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_event") == 2);
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT group_id) FROM v_mou") ==
	    1);
	/* The crawl run is superseded now. */
	T_ASSERT(store_run_drop_superseded(s, &n, &e) == 0 && n == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM v_document") == 2);
	T_ASSERT(sql_int(db, FTS_HITS) == 1);
	sql_exec(db, FTS_CHECK);
	T_ASSERT(store_check(s, &e) == 0);
	sqlite3_close(db);
	store_close(s);
}

/* Hits of a MATCH query on the store's own connection (it sees its
 * uncommitted rows). */
static long long
own_hits(struct store *s, const char *table, const char *q)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE %s MATCH "
	    "'%s'", table, table, q);
	return sql_int(store_sqlite(s), sql);
}

/* store_fts_defer: bulk indexing before commit, row by row otherwise. */
static void
test_fts_defer(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s, *s2;
	struct tb b;
	int64_t run, rep, id;
	int n = -1;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	T_ASSERT(store_cjk_register(db, &e) == 0);
	captures_add(db, 8);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);

	/* Deferred: not indexed on insert, indexed by the flush. */
	T_ASSERT(store_fts_defer(s, true, &e) == 0);
	T_ASSERT(store_begin(s, &e) == 0);
	doc_ko(&b);
	insert(s, run, 1, &b);
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 0);
	T_ASSERT(own_hits(s, "document_cjk", "협약") == 0);
	T_ASSERT(store_fts_flush(s, &e) == 0);
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 1);
	T_ASSERT(own_hits(s, "document_cjk", "협약") == 1);
	T_ASSERT(store_fts_flush(s, &e) == 0);	/* nothing left: no-op */
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 1);
	/* The commit indexes what the transaction added since. */
	doc_zh(&b);
	insert(s, run, 2, &b);
	T_ASSERT(own_hits(s, "document_cjk", "合作") == 0);
	T_ASSERT(store_commit(s, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_cjk WHERE "
			     "document_cjk MATCH '合作'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts WHERE "
			     "document_fts MATCH '火炬中'") == 1);

	/* A document stored in a transaction of its own is committed
	 * indexed too. */
	doc_mou(&b, "2024-10-01", "Beijing");
	insert(s, run, 3, &b);
	T_ASSERT(sql_int(db, FTS_HITS) == 2);

	/* Another connection is not deferred: row by row. */
	T_ASSERT(store_open(path, STORE_RW, &s2, &e) == 0);
	T_ASSERT(store_begin(s2, &e) == 0);
	doc_mou(&b, "2024-10-02", "Beijing");
	insert(s2, run, 4, &b);
	T_ASSERT(own_hits(s2, "document_fts", "횃불센") == 3);
	T_ASSERT(store_commit(s2, &e) == 0);
	store_close(s2);

	/* A rolled-back batch leaves nothing to index. */
	T_ASSERT(store_begin(s, &e) == 0);
	doc_mou(&b, "2024-10-03", "Beijing");
	insert(s, run, 5, &b);
	store_rollback(s);
	T_ASSERT(store_fts_flush(s, &e) == 0);
	T_ASSERT(sql_int(db, FTS_HITS) == 3);

	/* Turning it off indexes the pending rows first, then row by row. */
	T_ASSERT(store_begin(s, &e) == 0);
	doc_mou(&b, "2024-10-04", "Beijing");
	insert(s, run, 6, &b);
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 3);
	T_ASSERT(store_fts_defer(s, false, &e) == 0);
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 4);
	doc_mou(&b, "2024-10-05", "Beijing");
	insert(s, run, 7, &b);
	T_ASSERT(own_hits(s, "document_fts", "횃불센") == 5);
	T_ASSERT(own_hits(s, "document_cjk", "협약") == 5);
	T_ASSERT(store_commit(s, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document") == 6);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts_docsize") ==
	    6);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_cjk_docsize") ==
	    6);
	sql_exec(db, FTS_CHECK);
	sql_exec(db, "INSERT INTO document_cjk (document_cjk) VALUES "
		     "('integrity-check')");

	/* The delete triggers stay exact: supersede and drop the run. */
	T_ASSERT(store_run_begin(s, &c, "reparse", &rep, &e) == 0);
	for (int64_t d = 1; d <= 2; d++)
		T_ASSERT(store_document_copy(s, rep, d, &id, &e) == 0);
	T_ASSERT(store_run_complete(s, rep, &e) == 0);
	T_ASSERT(store_run_drop_superseded(s, &n, &e) == 0 && n == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts_docsize") ==
	    2);
	T_ASSERT(sql_int(db, FTS_HITS) == 1);
	sql_exec(db, FTS_CHECK);
	sql_exec(db, "INSERT INTO document_cjk (document_cjk) VALUES "
		     "('integrity-check')");
	T_ASSERT(store_check(s, &e) == 0);
	sqlite3_close(db);
	store_close(s);
}

/* Commits one deferred batch of one document on s. */
static void
deferred_doc(struct store *s, int64_t run, int64_t capture)
{
	struct err e = {{0}};
	struct tb b;

	T_ASSERT(store_begin(s, &e) == 0);
	doc_mou(&b, "2024-10-01", "Beijing");
	insert(s, run, capture, &b);
	T_ASSERT(store_commit(s, &e) == 0);
}

/*
 * store.trigram_index (store_trigram.h): every write path works without
 * document_fts, a build indexes exactly what is stored, and a writer whose
 * connection flushed into it before goes on when another connection drops
 * or builds it (the flush asks each time).
 */
static void
test_trigram_optional(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store_trigram_change ch;
	struct store *s, *s2;
	struct tb b;
	int64_t run, rep, id;
	int n = -1;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	T_ASSERT(store_cjk_register(db, &e) == 0);
	captures_add(db, 8);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	insert(s, run, 1, &b);
	T_ASSERT(store_trigram_present(s, &e) == 1);
	T_ASSERT(store_trigram_set(s, true, &ch, &e) == 0 && !ch.changed);
	T_ASSERT(store_trigram_set(s, false, &ch, &e) == 0 && ch.changed);
	T_ASSERT(ch.documents == 1 && ch.freed > 0);
	T_ASSERT(store_trigram_present(s, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name "
			     "LIKE 'document_fts%'") == 0);
	T_ASSERT(store_trigram_set(s, false, &ch, &e) == 0 && !ch.changed);

	/* Row by row, deferred, a reparse run, a superseded run dropped. */
	doc_zh(&b);
	insert(s, run, 2, &b);
	T_ASSERT(store_fts_defer(s, true, &e) == 0);
	deferred_doc(s, run, 3);
	T_ASSERT(store_fts_defer(s, false, &e) == 0);
	T_ASSERT(store_run_begin(s, &c, "reparse", &rep, &e) == 0);
	for (int64_t d = 1; d <= 3; d++)
		T_ASSERT(store_document_copy(s, rep, d, &id, &e) == 0);
	T_ASSERT(store_run_complete(s, rep, &e) == 0);
	T_ASSERT(store_run_drop_superseded(s, &n, &e) == 0 && n == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_cjk_docsize") ==
	    3);
	sql_exec(db, "INSERT INTO document_cjk (document_cjk) VALUES "
		     "('integrity-check')");

	/* Built: every stored document, and kept by the triggers again. */
	T_ASSERT(store_trigram_set(s, true, &ch, &e) == 0 && ch.changed);
	T_ASSERT(ch.documents == 3);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts_docsize") ==
	    3);
	T_ASSERT(sql_int(db, FTS_HITS) == 2);
	sql_exec(db, FTS_CHECK);
	T_ASSERT(store_fts_defer(s, true, &e) == 0);
	deferred_doc(s, rep, 4);
	T_ASSERT(sql_int(db, FTS_HITS) == 3);

	/* Dropped and built again by another connection between batches. */
	T_ASSERT(store_open(path, STORE_RW, &s2, &e) == 0);
	T_ASSERT(store_trigram_set(s2, false, &ch, &e) == 0 && ch.changed);
	deferred_doc(s, rep, 5);
	T_ASSERT(store_trigram_set(s2, true, &ch, &e) == 0 && ch.changed);
	T_ASSERT(ch.documents == 5);
	deferred_doc(s, rep, 6);
	store_close(s2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM document_fts_docsize") ==
	    6);
	T_ASSERT(sql_int(db, FTS_HITS) == 5);
	sql_exec(db, FTS_CHECK);
	sql_exec(db, "INSERT INTO document_cjk (document_cjk) VALUES "
		     "('integrity-check')");
	T_ASSERT(store_check(s, &e) == 0);
	sqlite3_close(db);
	store_close(s);
}

struct scan_seen {
	int64_t ids[16];
	size_t lens[16];
	int64_t copies[16];
	int n;
};

static int
scan_cb(void *arg, const struct store_scan_row *r, struct err *e)
{
	struct scan_seen *sc = arg;
	unsigned char out[256];
	uLongf outlen = sizeof(out);

	(void)e;
	sc->ids[sc->n] = r->capture_id;
	sc->copies[sc->n] = r->copy_document_id;
	sc->lens[sc->n] = 0;
	if (r->body != NULL && r->compressed &&
	    uncompress(out, &outlen, r->body, r->body_len) == Z_OK)
		sc->lens[sc->n] = outlen;
	sc->n++;
	return 0;
}

/* A page of a batch naming one organisation the store has not seen. */
static void
doc_startup(struct tb *b)
{
	size_t o;

	tb_init(b, "신생기업 알파로보틱스가 혁신 포럼에 참가했다.", "ko",
	    "2024-09-10");
	o = tb_org(b, "알파로보틱스", "알파로보틱스", NULL);
	tb_event(b, "forum", "혁신 포럼", "2024-09-10", "상하이", &o, NULL, 1);
}

/*
 * A page rolled back to its savepoint takes the org row it created with
 * it; the next page naming the organisation creates it again, and its
 * mention, event organisation and event group (whose organisation flags
 * come from resolving it) point at that row.
 */
static void
test_org_rollback(void)
{
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	int64_t run, doc;
	char path[512];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 3);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	T_ASSERT(store_begin(s, &e) == 0);
	T_ASSERT(store_savepoint(s, &e) == 0);
	doc_startup(&b);
	T_ASSERT(insert(s, run, 1, &b) > 0);
	T_ASSERT(sql_int(store_sqlite(s), "SELECT count(*) FROM org WHERE "
					  "canonical = '알파로보틱스'") == 1);
	store_rollback_to(s);
	T_ASSERT(sql_int(store_sqlite(s), "SELECT count(*) FROM org WHERE "
					  "canonical = '알파로보틱스'") == 0);
	/* The same page again, and a second one naming it too. */
	for (int64_t cap = 2; cap <= 3; cap++) {
		T_ASSERT(store_savepoint(s, &e) == 0);
		doc_startup(&b);
		doc = insert(s, run, cap, &b);
		T_ASSERT(doc > 0);
		T_ASSERT(store_release(s, &e) == 0);
	}
	T_ASSERT(store_commit(s, &e) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org WHERE "
			     "canonical = '알파로보틱스'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT m.org_id) FROM mention m "
			     "JOIN org o ON o.id = m.org_id WHERE "
			     "o.canonical = '알파로보틱스'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mention WHERE org_id IS "
			     "NOT NULL") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event_org eo JOIN org o ON "
			     "o.id = eo.org_id WHERE o.canonical = "
			     "'알파로보틱스'") == 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_alias a JOIN org o ON "
			     "o.id = a.org_id WHERE o.canonical = "
			     "'알파로보틱스' AND a.origin = 'observed'") == 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM org_tag t JOIN org o ON "
			     "o.id = t.org_id WHERE o.canonical = "
			     "'알파로보틱스' AND t.tag = 'unverified'") == 1);
	/* The two reports of one forum share a group. */
	T_ASSERT(sql_int(db, "SELECT count(DISTINCT group_id) FROM event") ==
	    1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM pragma_foreign_key_check")
	    == 0);
	sqlite3_close(db);
	store_close(s);
}

/*
 * Schema 0019: the writer names a record's day and the insert triggers
 * only correct a day that breaks the rule (its date, else its document's
 * day), so every writer's rows still follow it.
 */
static void
test_record_day_given(void)
{
	static const char rule[] =
	    "SELECT count(*) FROM %s r WHERE r.day IS NOT coalesce(r.date,"
	    " (SELECT day FROM document_day WHERE id = r.document_id))";
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	int64_t run, doc;
	char path[512], sql[256];
	sqlite3 *db;

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 2);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_ko(&b);
	doc = insert(s, run, 1, &b);
	/* An event without a date of its own takes the document's day. */
	doc_startup(&b);
	b.ev[0].date[0] = '\0';
	T_ASSERT(insert(s, run, 2, &b) > 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event") >= 2);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM mou") >= 1);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event WHERE date IS NULL "
			     "AND day = '2024-09-10'") == 1);
	/* Written by hand: no day, or a wrong one; both come out right. */
	snprintf(sql, sizeof(sql),
	    "INSERT INTO event (run_id, document_id, type, start, end,"
	    " evidence) VALUES (%lld, %lld, 'visit', 0, 0, '');"
	    "INSERT INTO event (run_id, document_id, type, date, start, end,"
	    " evidence, day) VALUES (%lld, %lld, 'visit', '2024-08', 0, 0,"
	    " '', '1999-01-01');",
	    (long long)run, (long long)doc, (long long)run, (long long)doc);
	sql_exec(db, sql);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO mou (run_id, document_id, start, end, evidence, day)"
	    " VALUES (%lld, %lld, 0, 0, '', '1999-01-01')",
	    (long long)run, (long long)doc);
	sql_exec(db, sql);
	snprintf(sql, sizeof(sql), rule, "event");
	T_ASSERT(sql_int(db, sql) == 0);
	snprintf(sql, sizeof(sql), rule, "mou");
	T_ASSERT(sql_int(db, sql) == 0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event WHERE day IS NULL") ==
	    0);
	T_ASSERT(sql_int(db, "SELECT count(*) FROM event WHERE date = "
			     "'2024-08' AND day = '2024-08'") == 1);
	sqlite3_close(db);
	store_close(s);
}

static void
test_scan(void)
{
	struct store_scan_query q = {0, 0, 0, 2, 1 << 20};
	struct scan_seen sc = {{0}, {0}, {0}, 0};
	struct cfg c = gazetteer(3);
	struct err e = {{0}};
	struct store *s;
	struct tb b;
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[512];
	int64_t last = 0, n, run, sid;
	size_t nrows;
	unsigned char z[256];
	uLongf zlen = sizeof(z);
	static const char html[] = "<html><body>안녕</body></html>";

	s = fresh_store(path, sizeof(path));
	db = sql_open(path);
	captures_add(db, 3);
	T_ASSERT(compress2(z, &zlen, (const unsigned char *)html, sizeof(html) -
		1, 6) == Z_OK);
	sqlite3_prepare_v2(db, "UPDATE capture SET body = ?1, size = ?2",
	    -1, &st, NULL);
	sqlite3_bind_blob(st, 1, z, (int)zlen, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, (int)sizeof(html) - 1);
	T_ASSERT(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	/* Not documents: a list page, a 404, a robots.txt. */
	sql_exec(db, "UPDATE capture SET kind = 'list' WHERE id = 2;"
		     "INSERT INTO capture SELECT 10, source_id, url, final_url,"
		     " fetched_at, 404, headers, content_type, etag, "
		     "last_modified, charset, charset_source, sha256, size, "
		     "compression, body, kind FROM capture WHERE id = 1;"
		     "INSERT INTO capture SELECT 11, source_id, url, final_url,"
		     " fetched_at, 200, headers, content_type, etag, "
		     "last_modified, charset, charset_source, sha256, size, "
		     "compression, body, 'page' FROM capture WHERE id = 1;");
	T_ASSERT(store_scan_count(s, &n, &e) == 0 && n == 3);
	do {
		T_ASSERT(store_scan_batch(s, &q, scan_cb, &sc, &last, &nrows,
		    &e) == 0);
		T_ASSERT(nrows <= 2);
		q.after_id = last;
	} while (nrows > 0);
	T_ASSERT(sc.n == 3);
	T_ASSERT(sc.ids[0] == 1 && sc.ids[1] == 3 && sc.ids[2] == 11);
	T_ASSERT(sc.lens[0] == sizeof(html) - 1 && sc.lens[2] == sc.lens[0]);

	/* Re-extracting source 2 only: source 1's documents are copied. */
	T_ASSERT(store_scan_source_id(s, "torch-news", &sid, &e) == 0);
	T_ASSERT(sid == 2);
	T_ASSERT(store_scan_source_id(s, "nope", &sid, &e) == 1);
	T_ASSERT(store_run_current(s, &c, &run, &e) == 0);
	doc_mou(&b, "2024-09-09", NULL);
	insert(s, run, 1, &b);
	memset(&sc, 0, sizeof(sc));
	q.after_id = 0;
	q.max_rows = 10;
	q.only_source_id = 2;
	q.copy_run_id = run;
	T_ASSERT(store_scan_batch(s, &q, scan_cb, &sc, &last, &nrows, &e) ==
	    0);
	T_ASSERT(sc.n == 3 && sc.copies[0] > 0 && sc.lens[0] == 0);
	T_ASSERT(sc.copies[1] == 0 && sc.lens[1] > 0);
	T_ASSERT(sc.copies[2] == 0);	/* no document yet: extracted */
	sqlite3_close(db);
	store_close(s);
}

int
main(void)
{
	char cmd[600];

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_gazetteer_sync();
	test_runs();
	test_document_insert();
	test_hostile_result();
	test_many_mentions();
	test_event_groups();
	test_group_rules();
	test_drop_and_copy();
	test_fts_defer();
	test_trigram_optional();
	test_scan();
	test_org_rollback();
	test_record_day_given();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return T_DONE();
}
