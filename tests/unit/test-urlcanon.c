/* SPDX-License-Identifier: ISC */
/* URL canonicalisation: resolution, normalisation, refusal. */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "t.h"
#include "urlcanon.h"

static void
expect(const char *base, const char *ref, const char *want)
{
	struct err e = {{0}};
	char *got = NULL;

	if (urlcanon_resolve(base, ref, &got, &e) == -1) {
		fprintf(stderr, "resolve(%s, %s): %s\n", base ? base : "-", ref,
		    e.msg);
		T_ASSERT(0);
		return;
	}
	T_STREQ(got, want);
	free(got);
}

static void
refuse(const char *base, const char *ref, const char *why)
{
	struct err e = {{0}};
	char *got = NULL;

	T_ASSERT(urlcanon_resolve(base, ref, &got, &e) == -1);
	T_ASSERT(got == NULL);
	if (strstr(e.msg, why) == NULL)
		fprintf(
		    stderr, "%s: message '%s' lacks '%s'\n", ref, e.msg, why);
	T_ASSERT(strstr(e.msg, why) != NULL);
	free(got);
}

static void
test_resolve(void)
{
	const char *b = "http://www.KICchina.org:80/index.php?m=content&c=index"
	                "&a=lists&catid=67#top";

	expect(b, "?m=content&c=index&a=lists&catid=67&page=2",
	    "http://www.kicchina.org/index.php?a=lists&c=index&catid=67"
	    "&m=content&page=2");
	expect(b, "index.php?m=content&c=index&a=show&catid=67&id=3268",
	    "http://www.kicchina.org/index.php?a=show&c=index&catid=67"
	    "&id=3268&m=content");
	/* The same article under another parameter order is the same URL. */
	expect(NULL,
	    "https://www.kicchina.org/index.php?id=3268&catid=67"
	    "&a=show&c=index&m=content",
	    "https://www.kicchina.org/index.php?a=show&c=index&catid=67"
	    "&id=3268&m=content");
	expect("http://x.org/news/2024/list.html", "../archive/t1.html",
	    "http://x.org/news/archive/t1.html");
	expect("http://x.org/a/b/", "/../../c", "http://x.org/c");
	expect("http://x.org/a/b/c", "./", "http://x.org/a/b/");
	expect("http://x.org/a", "//cdn.x.org/f.pdf", "http://cdn.x.org/f.pdf");
	expect("http://x.org/a?q=1#frag", "#other", "http://x.org/a?q=1");
	expect("http://x.org/a?q=1", "", "http://x.org/a?q=1");
	expect(
	    "http://x.org/a", "  \n /b\tc.html \r\n", "http://x.org/bc.html");
	expect(
	    NULL, "HTTPS://Example.ORG.:443/Path", "https://example.org/Path");
	expect(NULL, "http://example.org:8080", "http://example.org:8080/");
	expect(NULL, "https://example.org:80/", "https://example.org:80/");
	expect(NULL, "http://[::1]:8080/x", "http://[::1]:8080/x");
}

static void
test_normalise(void)
{
	/* Unreserved escapes decoded, others uppercased, raw bytes encoded. */
	expect(NULL, "http://x.org/%7euser/%41b%2fc%c3%a9",
	    "http://x.org/~user/Ab%2Fc%C3%A9");
	expect(NULL, "http://x.org/a b/\xed\x95\x9c.html?q=\xed\x95\x9c&a=%zz",
	    "http://x.org/a%20b/%ED%95%9C.html?a=%25zz&q=%ED%95%9C");
	/* Escaped dots are dots, and dot segments go. */
	expect(NULL, "http://x.org/a/%2e%2E/b/./c/..", "http://x.org/b/");
	/* Empty parameters dropped; equal names keep their order. */
	expect(NULL, "http://x.org/?b=2&&a=9&b=1&a=3&",
	    "http://x.org/?a=9&a=3&b=2&b=1");
	expect(NULL, "http://x.org/p?", "http://x.org/p");
	/* A name is a whole token: "ab" sorts after "a=". */
	expect(NULL, "http://x.org/?ab=1&a=2", "http://x.org/?a=2&ab=1");
}

static void
test_refuse(void)
{
	refuse("http://x.org/", "javascript:void(0)", "scheme 'javascript'");
	refuse("http://x.org/", "mailto:kic@x.org", "scheme 'mailto'");
	refuse(NULL, "file:///etc/passwd", "scheme 'file'");
	refuse("http://x.org/", "ftp://x.org/a", "scheme 'ftp'");
	refuse("http://x.org/", "gopher://x.org/", "scheme 'gopher'");
	refuse(NULL, "/relative/without/base", "bad URL");
	refuse(NULL, "http://user:pw@x.org/", "credentials");
	refuse("file:///etc/", "passwd", "scheme");
	/* Hosts that would not survive a second pass unchanged. */
	refuse(NULL, "http://x%25x/", "no host");
	refuse(NULL, "http://a..b/", "no host");
	refuse(NULL, "http:/..//x.org/", "no host");
}

/* Canonical URLs are fixed points, even where curl needs two passes. */
static void
test_fixed_point(void)
{
	expect(NULL, "http:/%30/a", "http://0.0.0.0/a");
	expect(NULL, "http://0x7f.1/", "http://127.0.0.1/");
	expect(NULL, "http://a%41b.org/", "http://aab.org/");
	expect(NULL,
	    "http://127.0.0.1/index.php?a=show&c=index&catid=67"
	    "&id=3268&m=content",
	    "http://127.0.0.1/index.php?a=show&c=index&catid=67&id=3268"
	    "&m=content");
}

static void
test_long(void)
{
	char *ref = malloc(URLCANON_MAX + 100);

	memcpy(ref, "http://x.org/", 13);
	memset(ref + 13, 'a', URLCANON_MAX + 50);
	ref[URLCANON_MAX + 63] = '\0';
	refuse(NULL, ref, "longer than");
	/* Escaping may grow a legal reference past the limit. */
	memset(ref + 13, ' ', URLCANON_MAX / 2);
	ref[13 + URLCANON_MAX / 2] = 'x';
	ref[14 + URLCANON_MAX / 2] = '\0';
	refuse(NULL, ref, "longer than");
	free(ref);
}

static void
test_parts(void)
{
	char host[64], *r;

	T_ASSERT(urlcanon_host("https://www.kicchina.org:8443/a", host,
	             sizeof(host)) == 0);
	T_STREQ(host, "www.kicchina.org");
	T_ASSERT(urlcanon_host("http://[::1]:80/", host, sizeof(host)) == 0);
	T_STREQ(host, "[::1]");
	T_ASSERT(urlcanon_host("http://x.org", host, 3) == -1);
	T_ASSERT(urlcanon_host("nonsense", host, sizeof(host)) == -1);
	r = urlcanon_robots_url("http://127.0.0.1:8080/a/b?c=1");
	T_STREQ(r, "http://127.0.0.1:8080/robots.txt");
	free(r);
	T_STREQ(urlcanon_path("http://x.org/a/b?c=1"), "/a/b?c=1");
	T_STREQ(urlcanon_path("http://x.org"), "/");
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_resolve();
	test_normalise();
	test_refuse();
	test_fixed_point();
	test_long();
	test_parts();
	curl_global_cleanup();
	return T_DONE();
}
