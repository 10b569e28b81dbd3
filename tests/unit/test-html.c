/* SPDX-License-Identifier: ISC */
/*
 * html.c: hostile input (empty, too large, bad UTF-8, NULs, a lying
 * <meta charset>, deep nesting), XPath strings of every result type,
 * XPath errors reported without noise, and URL resolution.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "html.h"
#include "t.h"

static struct html_doc *
parse(const char *s, size_t len, const char *url)
{
	struct html_doc *d = NULL;
	struct err e = {{0}};

	if (html_parse(s, len, url, &d, &e) == -1) {
		fprintf(stderr, "parse: %s\n", e.msg);
		T_ASSERT(0);
	}
	return d;
}

static void
test_refused(void)
{
	struct html_doc *d = NULL;
	struct err e = {{0}};

	T_ASSERT(html_parse("", 0, NULL, &d, &e) == -1 && d == NULL);
	T_ASSERT(strstr(e.msg, "empty") != NULL);
	T_ASSERT(html_parse("\xEF\xBB\xBF", 3, NULL, &d, &e) == -1);
	/* The size check comes before any byte is read. */
	T_ASSERT(html_parse("<p>", (size_t)HTML_MAX_INPUT + 1, NULL, &d,
	    &e) == -1);
	T_ASSERT(strstr(e.msg, "too large") != NULL);
}

static void
test_strings(void)
{
	static const char page[] = "<html><head><title> 제목 </title>"
	    "<script>var x = '<p>no</p>';</script></head><body>"
	    "<div id=\"a\" class=\"view\">  첫째 줄<br>둘째\t\n 줄"
	    "<style>.x{}</style><img alt=\"사진\"></div>"
	    "<a href=\" /b?id=1 \">링크</a><a href=\"\">빈</a></body></html>";
	struct html_doc *d = parse(page, sizeof(page) - 1, NULL);
	struct err e = {{0}};
	char **v, *s;
	size_t n;

	T_ASSERT(html_xpath_strings(d, "//div[@id='a']", 10, &v, &n, &e) == 0);
	T_ASSERT(n == 1);
	if (n == 1)
		T_STREQ(v[0], "첫째 줄 둘째 줄");
	html_strings_free(v, n);
	/* Attribute values come trimmed; empty ones are skipped. */
	T_ASSERT(html_xpath_strings(d, "//a/@href", 10, &v, &n, &e) == 0);
	T_ASSERT(n == 1);
	if (n == 1)
		T_STREQ(v[0], "/b?id=1");
	html_strings_free(v, n);
	T_ASSERT(html_xpath_strings(d, "//a", 1, &v, &n, &e) == 0 && n == 1);
	html_strings_free(v, n);
	T_ASSERT(html_xpath_strings(d, "//nothing", 10, &v, &n, &e) == 0);
	T_ASSERT(n == 0 && v == NULL);
	s = html_xpath_first(d, "count(//a)");
	T_STREQ(s, "2");
	free(s);
	s = html_xpath_first(d, "string(//title)");
	T_STREQ(s, " 제목 ");
	free(s);
	s = html_xpath_first(d, "boolean(//div)");
	T_STREQ(s, "true");
	free(s);
	T_ASSERT(html_xpath_first(d, "//p") == NULL);
	/* A bad expression is an error, with libxml2's message. */
	T_ASSERT(html_xpath_strings(d, "//div[", 10, &v, &n, &e) == -1);
	T_ASSERT(strstr(e.msg, "//div[") != NULL);
	T_ASSERT(html_xpath_first(d, "///") == NULL);
	html_doc_free(d);
}

static void
test_encoding(void)
{
	/* Declares gb2312 but is UTF-8: the declaration must not win. */
	static const char lying[] = "<html><head><meta charset=\"gb2312\">"
	    "</head><body><p>国家技术转移东部中心</p></body></html>";
	/* A stray byte and a NUL mid-page: the rest must survive intact. */
	static const char bad[] = "<p>앞\xFF" "뒤 \0 끝 한국어</p>";
	struct html_doc *d;
	char *s;

	d = parse(lying, sizeof(lying) - 1, NULL);
	s = html_xpath_first(d, "//p");
	T_STREQ(s, "国家技术转移东部中心");
	free(s);
	html_doc_free(d);
	d = parse(bad, sizeof(bad) - 1, NULL);
	s = html_xpath_first(d, "//p");
	T_STREQ(s, "앞\xEF\xBF\xBD뒤 \xEF\xBF\xBD 끝 한국어");
	free(s);
	html_doc_free(d);
	/* A UTF-8 BOM is not text. */
	d = parse("\xEF\xBB\xBF<p>x</p>", 11, NULL);
	s = html_xpath_first(d, "//p");
	T_STREQ(s, "x");
	free(s);
	html_doc_free(d);
}

static void
check_url(struct html_doc *d, const char *href, const char *want)
{
	char *got = html_url_resolve(d, href);

	if (want == NULL) {
		if (got != NULL)
			fprintf(stderr, "%s -> %s, want NULL\n", href, got);
		T_ASSERT(got == NULL);
	} else
		T_STREQ(got, want);
	free(got);
}

static void
test_urls(void)
{
	static const char page[] = "<p>x</p>";
	static const char based[] = "<html><head><base href=\"/gate/big5/"
	    "www.example.cn/\"></head><body></body></html>";
	const char *url = "http://www.example.org/news/2024/a.html?x=1";
	struct html_doc *d;

	d = parse(page, sizeof(page) - 1, url);
	T_STREQ(html_doc_base(d), url);
	check_url(d, "b.html", "http://www.example.org/news/2024/b.html");
	check_url(d, "../list.html#top", "http://www.example.org/news/list.html");
	check_url(d, "/index.php?m=content&id=3", "http://www.example.org/"
	    "index.php?m=content&id=3");
	check_url(d, "//cdn.example.org/x", "http://cdn.example.org/x");
	check_url(d, "HTTPS://Other.example/y", "HTTPS://Other.example/y");
	check_url(d, "  c d.html\n", "http://www.example.org/news/2024/"
	    "c%20d.html");
	check_url(d, "javascript:void(0)", NULL);
	check_url(d, "mailto:a@example.org", NULL);
	check_url(d, "ftp://example.org/f", NULL);
	check_url(d, "#top", NULL);
	check_url(d, "   ", NULL);
	check_url(d, NULL, NULL);
	html_doc_free(d);
	d = parse(based, sizeof(based) - 1, url);
	T_STREQ(html_doc_base(d), "http://www.example.org/gate/big5/"
	    "www.example.cn/");
	check_url(d, "news/1.html", "http://www.example.org/gate/big5/"
	    "www.example.cn/news/1.html");
	html_doc_free(d);
	d = parse(page, sizeof(page) - 1, NULL);
	T_ASSERT(html_doc_base(d) == NULL);
	check_url(d, "rel.html", NULL);
	check_url(d, "http://example.org/abs", "http://example.org/abs");
	html_doc_free(d);
}

/* Deep nesting and many siblings: bounded, no recursion in our code. */
static void
test_hostile_shapes(void)
{
	struct buf b = {0};
	struct html_doc *d;
	char **v;
	size_t n, k, total;
	struct err e;

	for (k = 0; k < 20000; k++)
		buf_puts(&b, "<div><span>");
	buf_puts(&b, "깊다");
	d = parse(b.data, b.len, NULL);
	T_ASSERT(html_xpath_strings(d, "/html/body", 1, &v, &n, &e) == 0);
	html_strings_free(v, n);
	html_doc_free(d);
	buf_reset(&b);
	for (k = 0; k < 20000; k++)
		buf_puts(&b, "<p>가</p>");
	d = parse(b.data, b.len, NULL);
	T_ASSERT(html_xpath_strings(d, "//p", 5, &v, &n, &e) == 0 && n == 5);
	html_strings_free(v, n);
	html_doc_free(d);
	/* Every element over nested blocks around 1 MiB of text: each
	   renders it all, so the total is what keeps memory bounded. */
	buf_reset(&b);
	for (k = 0; k < 10; k++)
		buf_puts(&b, "<div>");
	for (k = 0; k < 100000; k++)
		buf_puts(&b, "abcdefghi ");
	d = parse(b.data, b.len, NULL);
	T_ASSERT(html_xpath_strings(d, "//*", 1000, &v, &n, &e) == 0);
	for (k = 0, total = 0; k < n; k++)
		total += strlen(v[k]);
	T_ASSERT(n >= 4 && total <= HTML_MAX_STRINGS);
	html_strings_free(v, n);
	html_doc_free(d);
	buf_free(&b);
}

int
main(void)
{
	xmlInitParser();
	test_refused();
	test_strings();
	test_encoding();
	test_urls();
	test_hostile_shapes();
	xmlCleanupParser();
	return T_DONE();
}
