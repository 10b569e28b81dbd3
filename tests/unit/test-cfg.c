/* SPDX-License-Identifier: ISC */
/*
 * The config module: duration, size, URL and XPath checks, the YAML node
 * loader's limits (billion laughs, nesting, node count, tabs, UTF-8,
 * duplicate keys, empty files, file size), defaults, path resolution, and
 * the entities loader. Messages of whole files are checked end to end in
 * tests/integration/test_config.py.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "buf.h"
#include "cfg.h"
#include "cfg_entities.h"
#include "cfg_node.h"
#include "cfg_priv.h"
#include "cfg_value.h"
#include "log.h"
#include "t.h"

static char tmpdir[] = "/tmp/kw-test-cfg-XXXXXX";

static void
dur_ok(const char *s, uint64_t want)
{
	uint64_t v = 0;

	T_ASSERT(cfg_duration_parse(s, &v) == 0);
	if (v != want)
		fprintf(stderr, "duration %s: %llu != %llu\n", s,
		    (unsigned long long)v, (unsigned long long)want);
	T_ASSERT(v == want);
}

static void
dur_bad(const char *s)
{
	uint64_t v = 12345;

	if (cfg_duration_parse(s, &v) != -1)
		fprintf(stderr, "duration '%s' accepted\n", s);
	T_ASSERT(cfg_duration_parse(s, &v) == -1);
	T_ASSERT(v == 12345);
}

static void
test_durations(void)
{
	uint64_t ms = 0;
	char buf[32];

	dur_ok("90s", 90);
	dur_ok("30m", 1800);
	dur_ok("6h", 21600);
	dur_ok("7d", 604800);
	dur_ok("1w", 604800);
	dur_ok("1h30m", 5400);
	dur_ok("1d2h3m4s", 93784);
	dur_ok("0s", 0);
	dur_ok("1s1000ms", 2);
	dur_bad("");
	dur_bad("30");
	dur_bad("often");
	dur_bad("1h1h");
	dur_bad("30m1h");
	dur_bad("-1s");
	dur_bad("1.5h");
	dur_bad("1H");
	dur_bad(" 1h");
	dur_bad("1h ");
	dur_bad("1500ms");		/* not whole seconds */
	dur_bad("99999999999999999999s");
	dur_bad("999999999999999w");	/* overflows in milliseconds */
	T_ASSERT(cfg_duration_ms_parse("250ms", &ms) == 0 && ms == 250);
	T_ASSERT(cfg_duration_ms_parse("1s500ms", &ms) == 0 && ms == 1500);
	T_ASSERT(cfg_duration_ms_parse("1ms1s", &ms) == -1);
	cfg_duration_format(5400000, buf, sizeof(buf));
	T_STREQ(buf, "1h30m");
	cfg_duration_format(0, buf, sizeof(buf));
	T_STREQ(buf, "0s");
	cfg_duration_format(1500, buf, sizeof(buf));
	T_STREQ(buf, "1s500ms");
}

static void
size_ok(const char *s, uint64_t want)
{
	uint64_t v = 0;

	T_ASSERT(cfg_size_parse(s, &v) == 0);
	T_ASSERT(v == want);
}

static void
test_sizes(void)
{
	uint64_t v = 7;
	char buf[32];

	size_ok("512KiB", 512 * 1024);
	size_ok("8MiB", 8 * 1024 * 1024);
	size_ok("1GiB", 1024ULL * 1024 * 1024);
	size_ok("100kB", 100000);
	size_ok("2MB", 2000000);
	size_ok("123", 123);
	size_ok("1B", 1);
	T_ASSERT(cfg_size_parse("8mib", &v) == -1);
	T_ASSERT(cfg_size_parse("", &v) == -1);
	T_ASSERT(cfg_size_parse("MiB", &v) == -1);
	T_ASSERT(cfg_size_parse("1.5MiB", &v) == -1);
	T_ASSERT(cfg_size_parse("8 MiB", &v) == -1);
	T_ASSERT(cfg_size_parse("99999999999999GiB", &v) == -1);
	T_ASSERT(v == 7);
	cfg_size_format(8 * 1024 * 1024, buf, sizeof(buf));
	T_STREQ(buf, "8MiB");
	cfg_size_format(1500, buf, sizeof(buf));
	T_STREQ(buf, "1500B");
}

static void
url_ok(const char *u, enum cfg_url_kind k)
{
	const char *why = cfg_url_check(u, k);

	if (why != NULL)
		fprintf(stderr, "url %s refused: %s\n", u, why);
	T_ASSERT(why == NULL);
}

static void
url_bad(const char *u, enum cfg_url_kind k, const char *reason)
{
	const char *why = cfg_url_check(u, k);

	if (why == NULL || strstr(why, reason) == NULL)
		fprintf(stderr, "url %s: got '%s', want '%s'\n", u,
		    why ? why : "(accepted)", reason);
	T_ASSERT(why != NULL && strstr(why, reason) != NULL);
}

static void
test_urls(void)
{
	enum cfg_url_kind P = CFG_URL_PAGE, X = CFG_URL_PROXY;

	url_ok("http://x.org/", P);
	url_ok("https://www.kicchina.org/index.php?m=content&c=index&a=lists"
	       "&catid=67", P);
	url_ok("HTTPS://WWW.KICCHINA.ORG", P);
	url_ok("http://127.0.0.1:8080/a#frag", P);
	url_ok("http://[::1]:80/", P);
	url_ok("https://xn--3e0b707e.kr/%EA%B0%80", P);
	url_bad("file:///etc/passwd", P, "scheme not allowed");
	url_bad("ftp://x.org/", P, "scheme not allowed");
	url_bad("javascript:alert(1)", P, "scheme not allowed");
	url_bad("gopher://x/", P, "scheme not allowed");
	url_bad("www.kicchina.org/index.php", P, "needs a scheme");
	url_bad("//x.org/", P, "needs a scheme");
	url_bad("http:x.org", P, "expected //");
	url_bad("http:///path", P, "no host");
	url_bad("http://", P, "no host");
	url_bad("http://a b/", P, "space");
	url_bad("http://x.org/a b", P, "space");
	url_bad("http://x.org/\t", P, "control");
	url_bad("http://user:pw@x.org/", P, "user:password@");
	url_bad("http://x.org@evil.example/", P, "user:password@");
	url_bad("https://x.org/가", P, "non-ASCII");
	url_bad("http://x.org:0/", P, "bad port");
	url_bad("http://x.org:99999/", P, "bad port");
	url_bad("http://x.org:80a/", P, "bad port");
	url_bad("http://x!y.org/", P, "bad character");
	url_bad("http://[::1/", P, "IPv6");
	url_bad("", P, "empty");
	url_ok("socks5h://127.0.0.1:9050", X);
	url_ok("socks4a://proxy:1080/", X);
	url_ok("http://u:p@proxy.example:3128", X);
	url_bad("ftp://proxy:21", X, "proxy scheme not allowed");
	url_bad("socks5h://127.0.0.1:9050/path", X, "no path");
	url_bad("127.0.0.1:9050", X, "needs a scheme");
}

static void
test_xpath(void)
{
	char why[160];

	T_ASSERT(cfg_xpath_check("//a/@href", why, sizeof(why)) == 0);
	T_ASSERT(cfg_xpath_check("//ul[contains(@class, 'list')]/li/a",
	    why, sizeof(why)) == 0);
	T_ASSERT(cfg_xpath_check("//a[", why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "at character") != NULL);
	T_ASSERT(cfg_xpath_check("//a[@x=\"1]", why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "unfinished literal") != NULL);
	T_ASSERT(cfg_xpath_check("", why, sizeof(why)) == -1);
}

/* Parses text; returns the doc, or NULL with e filled. */
static struct cfg_doc *
parse(const char *text, size_t len, struct err *e)
{
	struct cfg_doc *d = NULL;

	memset(e, 0, sizeof(*e));
	if (cfg_doc_parse("t.yaml", text, len, &d, e) == -1)
		return NULL;
	return d;
}

/* The parse fails and the message contains want. */
static void
parse_fails(const char *text, size_t len, const char *want)
{
	struct err e;
	struct cfg_doc *d = parse(text, len, &e);

	if (d != NULL || strstr(e.msg, want) == NULL)
		fprintf(stderr, "parse: got '%s', want '%s'\n",
		    d ? "(ok)" : e.msg, want);
	T_ASSERT(d == NULL);
	T_ASSERT(strstr(e.msg, want) != NULL);
	cfg_doc_free(d);
}

static void
parse_ok(const char *text)
{
	struct err e;
	struct cfg_doc *d = parse(text, strlen(text), &e);

	if (d == NULL)
		fprintf(stderr, "parse '%s': %s\n", text, e.msg);
	T_ASSERT(d != NULL);
	cfg_doc_free(d);
}

#define FAILS(text, want) parse_fails(text, sizeof(text) - 1, want)

static void
test_node_positions(void)
{
	static const char text[] = "a:\n  b: c\n  s: [\"null\", ~, 가나]\n";
	const struct cfg_node *r, *b, *s;
	struct cfg_doc *d;
	struct err e;

	d = parse(text, sizeof(text) - 1, &e);
	T_ASSERT(d != NULL);
	if (d == NULL)
		return;
	r = cfg_doc_root(d);
	T_ASSERT(r->kind == CFG_NODE_MAP && r->n == 1);
	T_ASSERT(r->keys[0]->line == 1 && r->keys[0]->col == 1);
	b = cfg_node_get(cfg_node_get(r, "a"), "b");
	T_ASSERT(b != NULL && b->line == 2 && b->col == 6);
	T_STREQ(b->value, "c");
	s = cfg_node_get(cfg_node_get(r, "a"), "s");
	T_ASSERT(s != NULL && s->kind == CFG_NODE_SEQ && s->n == 3);
	T_ASSERT(!cfg_node_is_null(s->items[0]) && s->items[0]->quoted);
	T_ASSERT(cfg_node_is_null(s->items[1]));
	/* Columns count characters, not bytes. */
	T_ASSERT(s->items[2]->col == 18);
	T_ASSERT(cfg_node_get(r, "zz") == NULL);
	T_STREQ(cfg_doc_name(d), "t.yaml");
	cfg_doc_free(d);
}

static void
test_node_aliases(void)
{
	const struct cfg_node *b;
	struct cfg_doc *d;
	struct err e;
	struct buf y = {0};

	d = parse("a: &x {k: v}\nb: *x\n", 19, &e);
	T_ASSERT(d != NULL);
	b = d ? cfg_node_get(cfg_doc_root(d), "b") : NULL;
	T_ASSERT(b != NULL && b->kind == CFG_NODE_MAP && b->line == 2);
	T_STREQ(cfg_node_get(b, "k")->value, "v");
	cfg_doc_free(d);
	FAILS("a: *nope\n", "t.yaml:1:4: alias *nope: no such anchor");
	FAILS("a: &x [1, *x]\n", "refers to a node that contains it");
	FAILS("a: &x {k: v}\n<<: *x\n", "merge keys (<<) are not supported");
	/* Billion laughs: nine levels of ten aliases each. */
	buf_puts(&y, "a0: &a0 [lol]\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&y, "a%d: &a%d [", i, i);
		for (int k = 0; k < 10; k++)
			buf_printf(&y, "%s*a%d", k ? ", " : "", i - 1);
		buf_puts(&y, "]\n");
	}
	parse_fails(y.data, y.len, "aliases expand to more than 4096 nodes");
	buf_free(&y);
}

static void
nest(struct buf *b, int depth)
{
	buf_reset(b);
	for (int i = 0; i < depth; i++)
		buf_putc(b, '[');
	for (int i = 0; i < depth; i++)
		buf_putc(b, ']');
	buf_putc(b, '\n');
}

static void
test_node_limits(void)
{
	struct buf b = {0};
	struct cfg_doc *d;
	struct err e;

	nest(&b, 64);
	d = parse(b.data, b.len, &e);
	T_ASSERT(d != NULL);
	cfg_doc_free(d);
	nest(&b, 65);
	parse_fails(b.data, b.len, "t.yaml:1:65: nested deeper than 64");
	nest(&b, 100000);
	parse_fails(b.data, b.len, "nested deeper than 64");
	buf_reset(&b);
	buf_putc(&b, '[');
	for (int i = 0; i < 1100000; i++)
		buf_puts(&b, "1,");
	buf_puts(&b, "1]\n");
	parse_fails(b.data, b.len, "more than 1048576 nodes");
	/* Many keys: duplicate detection must not be quadratic. */
	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "k%d: 1\n", i);
	buf_puts(&b, "k5: 2\n");
	parse_fails(b.data, b.len,
	    "t.yaml:100001:1: duplicate key 'k5' (first at line 6, column 1)");
	buf_free(&b);
}

static void
test_node_text(void)
{
	FAILS("a:\n\tb: 1\n", "t.yaml:2:1: tab in indentation");
	FAILS("a:\n  \tb: 1\n", "t.yaml:2:3: tab in indentation");
	parse_ok("a: 1\t# a tab after content is no indentation\n");
	FAILS("a: \xff\n", "t.yaml:1:4: invalid UTF-8 byte 0xff");
	FAILS("k: 가나\xff\n", "t.yaml:1:6: invalid UTF-8");
	FAILS("a: \xc0\xaf\n", "invalid UTF-8 byte 0xc0");
	FAILS("a: \xed\xa0\x80\n", "invalid UTF-8 byte 0xed");
	FAILS("a: \xe4\xb8\n", "invalid UTF-8");
	FAILS("a: b\x01\n", "t.yaml:1:5: control character U+0001");
	FAILS("a: \"x\\0y\"\n", "NUL character");
	FAILS("a: 1\x00\n", "control character U+0000");
	parse_ok("\xef\xbb\xbf" "a: 1\n");
	parse_ok("a: \"\xe5\x9c\x8b\xe5\xae\xb6\"\n");
	FAILS("", "t.yaml:1:1: empty file");
	FAILS("# only a comment\n\n", "empty file");
	FAILS("a: 1\nb: 2\na: 3\n",
	    "t.yaml:3:1: duplicate key 'a' (first at line 1, column 1)");
	FAILS("{a: 1, a: 1}\n", "duplicate key 'a'");
	FAILS("? [a]\n: 1\n", "t.yaml:1:3: keys must be plain strings");
	FAILS("{[a]: 1}\n", "keys must be plain strings");
	FAILS("a: 1\n---\nb: 2\n", "t.yaml:2:1: a second YAML document");
	FAILS("a: !custom 1\n", "unsupported YAML tag");
	parse_ok("a: !!str 1\n");
	FAILS("a: [1, 2\n", "t.yaml:2:1:");
	FAILS("a: b: c\n", "t.yaml:1:5: mapping values are not allowed");
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	T_ASSERT(f != NULL);
	if (f == NULL)
		return;
	T_ASSERT(fwrite(text, 1, len, f) == len);
	fclose(f);
}

static char *
tmp_path(const char *name)
{
	static char p[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", tmpdir, name);
	return p[i];
}

static void
test_doc_load(void)
{
	struct cfg_doc *d = NULL;
	struct err e = {{0}};
	char big[2048];

	memset(big, '#', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	write_file(tmp_path("big.yaml"), big, sizeof(big));
	T_ASSERT(cfg_doc_load(tmp_path("big.yaml"), 1024, &d, &e) == -1);
	T_ASSERT(strstr(e.msg, "file too large") != NULL);
	T_ASSERT(strstr(e.msg, "1 KiB") != NULL);
	T_ASSERT(cfg_doc_load("/dev/null", 1024, &d, &e) == -1);
	T_ASSERT(strstr(e.msg, "not a regular file") != NULL);
	T_ASSERT(cfg_doc_load(tmpdir, 1024, &d, &e) == -1);
	T_ASSERT(strstr(e.msg, "not a regular file") != NULL);
	T_ASSERT(cfg_doc_load(tmp_path("missing.yaml"), 1024, &d, &e) == -1);
	T_ASSERT(strstr(e.msg, "No such file") != NULL);
	write_file(tmp_path("ok.yaml"), "a: 1\n", 5);
	T_ASSERT(cfg_doc_load(tmp_path("ok.yaml"), 5, &d, &e) == 0);
	T_ASSERT(d != NULL && strstr(cfg_doc_name(d), "ok.yaml") != NULL);
	cfg_doc_free(d);
	/* A regular file whose size says 0 but that has bytes (as one that
	 * grew after fstat would): the buffer grows and nothing is lost. */
	d = NULL;
	T_ASSERT(cfg_doc_load("/proc/sys/kernel/ostype", 1024, &d, &e) == 0);
	T_ASSERT(d != NULL && cfg_doc_root(d) != NULL);
	T_ASSERT(cfg_doc_root(d)->kind == CFG_NODE_SCALAR);
	T_ASSERT(strcmp(cfg_doc_root(d)->value, "Linux") == 0);
	cfg_doc_free(d);
	/* The same file against a limit it exceeds only once read. */
	T_ASSERT(cfg_doc_load("/proc/sys/kernel/ostype", 3, &d, &e) == -1);
	T_ASSERT(strstr(e.msg, "file too large") != NULL);
}

static int
cfg_text(const char *name, const char *text, unsigned flags, struct cfg **c,
    struct err *e)
{
	memset(e, 0, sizeof(*e));
	return cfg_parse(name, text, strlen(text), flags, c, e);
}

static uint64_t
def_ms(const char *key)
{
	uint64_t v = 0;

	T_ASSERT(cfg_duration_ms_parse(cfg_default(key), &v) == 0);
	return v;
}

static uint64_t
def_num(const char *key)
{
	uint64_t v = 0;

	T_ASSERT(cfg_size_parse(cfg_default(key), &v) == 0);
	return v;
}

static void
test_defaults(void)
{
	struct cfg *c = NULL;
	struct err e;
	const struct cfg_http *h;

	T_ASSERT(cfg_text("/etc/kw/kicwatch.yaml",
	    "sources:\n  - {name: a, url: \"http://x.org/\"}\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == 0);
	if (c == NULL) {
		fprintf(stderr, "defaults: %s\n", e.msg);
		return;
	}
	h = &c->http;
	T_STREQ(c->store_path, cfg_default("store.path"));
	T_ASSERT(c->store_trigram_index ==
	    (strcmp(cfg_default("store.trigram_index"), "true") == 0));
	T_ASSERT(!c->store_trigram_index);
	T_STREQ(h->user_agent, cfg_default("http.user_agent"));
	T_ASSERT(h->timeout_ms == def_ms("http.timeout"));
	T_ASSERT(h->connect_timeout_ms == def_ms("http.connect_timeout"));
	T_ASSERT(h->low_speed_limit == def_num("http.low_speed_limit"));
	T_ASSERT(h->low_speed_time_ms == def_ms("http.low_speed_time"));
	T_ASSERT(h->max_body == def_num("http.max_body"));
	T_ASSERT(h->max_header == def_num("http.max_header"));
	T_ASSERT(h->per_host_delay_ms == def_ms("http.per_host_delay"));
	T_ASSERT(h->per_host_connections ==
	    def_num("http.per_host_connections"));
	T_ASSERT(h->max_connections == def_num("http.max_connections"));
	T_ASSERT(h->max_redirects == def_num("http.max_redirects"));
	T_ASSERT(h->retries == def_num("http.retries"));
	T_ASSERT(h->retry_base_ms == def_ms("http.retry_base"));
	T_ASSERT(h->robots);
	T_ASSERT(h->robots_ttl * 1000 == def_ms("http.robots_ttl"));
	T_ASSERT(h->proxy == NULL);
	T_ASSERT(c->default_interval * 1000 == def_ms("defaults.interval"));
	T_ASSERT(c->default_revisit * 1000 == def_ms("defaults.revisit"));
	T_ASSERT(c->nsources == 1);
	T_ASSERT(c->sources[0].interval == c->default_interval);
	T_ASSERT(c->sources[0].revisit == c->default_revisit);
	T_ASSERT(c->sources[0].enabled);
	T_ASSERT(c->sources[0].list == NULL && c->sources[0].article == NULL);
	T_ASSERT(c->sources[0].lang == NULL);
	T_ASSERT(cfg_source_find(c, "a") == &c->sources[0]);
	T_ASSERT(cfg_source_find(c, "b") == NULL);
	T_ASSERT(c->metrics_path == NULL);
	cfg_free(c);
}

static void
test_values(void)
{
	struct cfg *c = NULL;
	struct err e;
	const struct cfg_source *s;

	T_ASSERT(cfg_text("/etc/kw/kicwatch.yaml",
	    "store: {path: kw.db, trigram_index: true}\n"
	    "http: {per_host_delay: 0s, retry_base: 250ms, proxy: "
	    "\"socks5h://127.0.0.1:9050\", robots: false, max_body: 512KiB}\n"
	    "defaults: {interval: 1s}\n"
	    "metrics: m/kicwatch.prom\n"
	    "sources:\n"
	    "  - name: kic.news_1\n"
	    "    url: \"https://www.kicchina.org/?a=lists&catid=67\"\n"
	    "    lang: zh-Hant\n"
	    "    enabled: false\n"
	    "    revisit: 1h30m\n"
	    "    list: {items: \"//a/@href\", max_pages: 3}\n"
	    "    article: {body: \"//div[@id='c']\"}\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == 0);
	if (c == NULL) {
		fprintf(stderr, "values: %s\n", e.msg);
		return;
	}
	T_STREQ(c->store_path, "/etc/kw/kw.db");
	T_ASSERT(c->store_trigram_index);
	T_STREQ(c->metrics_path, "/etc/kw/m/kicwatch.prom");
	T_ASSERT(c->http.per_host_delay_ms == 0);
	T_ASSERT(c->http.retry_base_ms == 250);
	T_ASSERT(!c->http.robots);
	T_ASSERT(c->http.max_body == 512 * 1024);
	T_STREQ(c->http.proxy, "socks5h://127.0.0.1:9050");
	T_ASSERT(c->default_interval == 1);
	s = cfg_source_find(c, "kic.news_1");
	T_ASSERT(s != NULL);
	if (s == NULL) {
		cfg_free(c);
		return;
	}
	T_STREQ(s->lang, "zh-Hant");
	T_ASSERT(!s->enabled && s->interval == 1 && s->revisit == 5400);
	T_ASSERT(s->list != NULL && s->list->max_pages == 3);
	T_ASSERT(s->list != NULL && s->list->next == NULL);
	T_ASSERT(s->article != NULL && s->article->title == NULL);
	T_STREQ(s->article ? s->article->body : NULL, "//div[@id='c']");
	T_ASSERT(s->line == 6 && s->col == 5);
	cfg_free(c);
}

static void
test_errors_counted(void)
{
	struct cfg *c = NULL;
	struct err e;

	/* Three mistakes, three errors, one run. */
	T_ASSERT(cfg_text("k.yaml",
	    "http: {timeout: often, per_host_connections: 65}\n"
	    "sources:\n  - {name: a, url: \"ftp://x/\"}\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == -1);
	T_STREQ(e.msg, "k.yaml: 3 errors");
	T_ASSERT(c == NULL);
	T_ASSERT(cfg_text("k.yaml", "http: {timeout: 0s}\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == -1);
	T_STREQ(e.msg, "k.yaml: 1 error");
	/* A boolean is unquoted true or false; the key is spelled out. */
	T_ASSERT(cfg_text("k.yaml", "store: {trigram_index: \"true\"}\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == -1);
	T_STREQ(e.msg, "k.yaml: 1 error");
	T_ASSERT(cfg_text("k.yaml", "store:\n  trigram: true\n",
	    CFG_PARSE_NO_INCLUDES, &c, &e) == -1);
	T_STREQ(e.msg, "k.yaml: 1 error");
	T_ASSERT(cfg_text("k.yaml", "- a\n", CFG_PARSE_NO_INCLUDES, &c,
	    &e) == -1);
	T_ASSERT(cfg_text("k.yaml", "a: [\n", CFG_PARSE_NO_INCLUDES, &c,
	    &e) == -1);
	T_ASSERT(strncmp(e.msg, "k.yaml:2:1: ", 12) == 0);
	T_ASSERT(cfg_text("k.yaml", "sources: []\n", CFG_PARSE_NO_INCLUDES,
	    &c, &e) == 0);
	T_ASSERT(c != NULL && c->nsources == 0);
	cfg_free(c);
	cfg_free(NULL);
}

static int
entities_text(const char *text, struct cfg_entities *ents)
{
	struct cfg_diag d = {.name = "x", .nerrors = 0};
	int rc;

	write_file(tmp_path("entities.yaml"), text, strlen(text));
	rc = cfg_entities_load(tmp_path("entities.yaml"), ents, &d);
	T_ASSERT((rc == 0) == (d.nerrors == 0));
	T_STREQ(d.name, "x");
	return rc == 0 ? 0 : (int)d.nerrors;
}

static void
test_entities(void)
{
	struct cfg_entities ents = {NULL, 0};
	const struct cfg_entity *t;

	T_ASSERT(entities_text("version: 1\nentities:\n"
	    "  - id: torch-center\n    name: Torch Center\n    country: CN\n"
	    "    tags: [state_tech_transfer, government]\n"
	    "    aliases: {zh: [火炬中心], ko: [횃불센터], abbr: [TC]}\n"
	    "  - id: netc\n    name: NETC\n    country: CN\n    kind: center\n"
	    "    aliases: {zh_hant: [國家技術轉移東部中心]}\n", &ents) == 0);
	T_ASSERT(ents.n == 2);
	t = cfg_entities_find(&ents, "torch-center");
	T_ASSERT(t != NULL && t->ntags == 2 && t->naliases == 3);
	T_ASSERT(t != NULL && t->aliases[0].lang == CFG_ALIAS_ZH);
	T_ASSERT(t != NULL && t->line == 3);
	T_ASSERT(cfg_entities_alias_count(&ents) == 4);
	T_ASSERT(cfg_entities_find(&ents, "nope") == NULL);
	cfg_entities_deinit(&ents);
	/* Duplicate id; an alias shared after NFKC + case folding. */
	T_ASSERT(entities_text("entities:\n"
	    "  - {id: a, name: A, country: KR, aliases: {en: [KIC China]}}\n"
	    "  - {id: a, name: B, country: KR, aliases: {en: [Other]}}\n"
	    "  - {id: c, name: C, country: KR, aliases: {en: [ＫＩＣ china]}}\n",
	    &ents) == 2);
	/* Bad id, country, tag, one-character alias, empty list, missing
	 * aliases, unknown key. */
	T_ASSERT(entities_text("entities:\n"
	    "  - {id: A_1, name: A, country: cn, tags: [Bad-Tag],"
	    " aliases: {zh: [中], ko: []}}\n"
	    "  - {id: b, name: B, country: KR, colour: red}\n", &ents) == 7);
	T_ASSERT(entities_text("entities: {}\n", &ents) == 1);
	T_ASSERT(entities_text("version: 2\nentities: []\n", &ents) == 1);
	T_ASSERT(ents.v == NULL && ents.n == 0);
}

int
main(void)
{
	log_init(LOG_LEVEL_ERR);
	xmlInitParser();
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_durations();
	test_sizes();
	test_urls();
	test_xpath();
	test_node_positions();
	test_node_aliases();
	test_node_limits();
	test_node_text();
	test_doc_load();
	test_defaults();
	test_values();
	test_errors_counted();
	test_entities();
	unlink(tmp_path("big.yaml"));
	unlink(tmp_path("ok.yaml"));
	unlink(tmp_path("entities.yaml"));
	rmdir(tmpdir);
	xmlCleanupParser();
	return T_DONE();
}
