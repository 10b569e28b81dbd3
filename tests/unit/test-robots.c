/* SPDX-License-Identifier: ISC */
/* robots.txt: group choice, matching precedence, garbage, the cache. */
#include <stdlib.h>
#include <string.h>

#include "robots.h"
#include "t.h"

static struct robots *
parse(const char *txt)
{
	return robots_parse(txt, strlen(txt), "kicwatch");
}

static void
test_groups(void)
{
	struct robots *r = parse("User-agent: *\n"
	                         "Disallow: /private/\n"
	                         "\n"
	                         "User-agent: kicwatch\n"
	                         "Disallow: /news/admin\n"
	                         "Crawl-delay: 3\n");

	/* Our own group replaces the "*" group entirely. */
	T_ASSERT(robots_is_allowed(r, "/private/x"));
	T_ASSERT(!robots_is_allowed(r, "/news/admin/list"));
	T_ASSERT(robots_is_allowed(r, "/news/"));
	T_ASSERT(robots_crawl_delay_ms(r) == 3000);
	robots_free(r);

	r = parse("User-agent: otherbot\nDisallow: /\n\n"
	          "User-agent: *\nDisallow: /private\nCrawl-delay: 1.5\n");
	T_ASSERT(!robots_is_allowed(r, "/private/x"));
	T_ASSERT(!robots_is_allowed(r, "/privateer"));
	T_ASSERT(robots_is_allowed(r, "/pub"));
	T_ASSERT(robots_crawl_delay_ms(r) == 1500);
	robots_free(r);

	/* Several agents in one group; case and version ignored. */
	r = parse("User-agent: googlebot\nUser-Agent: KicWatch/2.0\n"
	          "Disallow: /x\n\nUser-agent: *\nDisallow: /\n");
	T_ASSERT(!robots_is_allowed(r, "/x/y"));
	T_ASSERT(robots_is_allowed(r, "/y"));
	robots_free(r);

	/* Two groups for us are merged (RFC 9309 2.2.1). */
	r = parse("User-agent: kicwatch\nDisallow: /a\n\n"
	          "User-agent: *\nDisallow: /b\n\n"
	          "User-agent: kicwatch\nDisallow: /c\n");
	T_ASSERT(!robots_is_allowed(r, "/a"));
	T_ASSERT(robots_is_allowed(r, "/b"));
	T_ASSERT(!robots_is_allowed(r, "/c"));
	T_ASSERT(robots_rule_count(r) == 2);
	robots_free(r);

	/* A prefix of our token is another crawler, not us. */
	r = parse("User-agent: kic\nDisallow: /\n");
	T_ASSERT(robots_is_allowed(r, "/anything"));
	robots_free(r);

	/* Rules before any User-agent belong to no group. */
	r = parse("Disallow: /\nUser-agent: *\nDisallow: /tmp\n");
	T_ASSERT(robots_is_allowed(r, "/a"));
	T_ASSERT(!robots_is_allowed(r, "/tmp/"));
	robots_free(r);
}

static void
test_precedence(void)
{
	struct robots *r = parse("User-agent: *\n"
	                         "Allow: /folder/page\n"
	                         "Disallow: /folder/\n"
	                         "Disallow: /same\n"
	                         "Allow: /same\n"
	                         "Disallow:\n");

	T_ASSERT(robots_is_allowed(r, "/folder/page.html"));
	T_ASSERT(!robots_is_allowed(r, "/folder/other"));
	/* Equal length: Allow wins. An empty Disallow is no rule. */
	T_ASSERT(robots_is_allowed(r, "/same"));
	T_ASSERT(robots_is_allowed(r, "/elsewhere"));
	robots_free(r);

	/* Longest match also across wildcards. */
	r = parse(
	    "User-agent: *\nDisallow: /*.php\nAllow: /index.php?*a=show\n");
	T_ASSERT(!robots_is_allowed(r, "/index.php?a=lists&catid=67"));
	T_ASSERT(robots_is_allowed(
	    r, "/index.php?a=show&c=index&catid=67&id=3268&m=content"));
	robots_free(r);
}

static void
test_wildcards(void)
{
	struct robots *r = parse("User-agent: *\n"
	                         "Disallow: /*.pdf$\n"
	                         "Disallow: /$\n"
	                         "Disallow: /search*q=\n"
	                         "Disallow: /a*b*c\n");

	T_ASSERT(!robots_is_allowed(r, "/uploadfile/2024/0916/x.pdf"));
	T_ASSERT(robots_is_allowed(r, "/uploadfile/2024/0916/x.pdf?dl=1"));
	T_ASSERT(!robots_is_allowed(r, "/"));
	T_ASSERT(robots_is_allowed(r, "/index.html"));
	T_ASSERT(!robots_is_allowed(r, "/search?lang=ko&q=x"));
	T_ASSERT(robots_is_allowed(r, "/search?lang=ko"));
	T_ASSERT(!robots_is_allowed(r, "/a/bb/cc"));
	T_ASSERT(robots_is_allowed(r, "/a/cc/bb"));
	/* robots.txt itself is always allowed. */
	T_ASSERT(robots_is_allowed(r, "/robots.txt"));
	robots_free(r);
}

static void
test_encoding(void)
{
	struct robots *r = parse("User-agent: *\n"
	                         "Disallow: /%7euser/\n"
	                         "Disallow: /뉴스/\n"
	                         "Disallow: /a%2fb\n");

	T_ASSERT(!robots_is_allowed(r, "/~user/page"));
	T_ASSERT(!robots_is_allowed(r, "/%EB%89%B4%EC%8A%A4/1.html"));
	T_ASSERT(!robots_is_allowed(r, "/a%2Fb"));
	T_ASSERT(robots_is_allowed(r, "/a/b"));
	robots_free(r);
}

static void
test_garbage(void)
{
	static const char junk[] = "\xef\xbb\xbfUser-agent: *\r"
	                           "no colon here\r\n"
	                           "\x01\x02\xff\xfe: \xff\r\n"
	                           "Dissallow: /typo   # comment\n"
	                           "Disallow /nocolon\n"
	                           "Disallow: /with\0nul\n"
	                           "Crawl-delay: soon\n"
	                           "Sitemap: http://x.org/sitemap.xml\n"
	                           "Disallow:   /spaced   \n";
	struct robots *r = robots_parse(junk, sizeof(junk) - 1, "kicwatch");
	char *big;
	size_t n;

	T_ASSERT(!robots_is_allowed(r, "/typo"));
	T_ASSERT(robots_is_allowed(r, "/nocolon"));
	T_ASSERT(robots_is_allowed(r, "/with"));
	T_ASSERT(!robots_is_allowed(r, "/spaced"));
	T_ASSERT(robots_crawl_delay_ms(r) == 0);
	robots_free(r);

	r = parse("User-agent: *\nCrawl-delay: 100000\n");
	T_ASSERT(robots_crawl_delay_ms(r) == ROBOTS_MAX_DELAY_MS);
	robots_free(r);

	/* Rule count is capped; a file over the size cap is cut, not refused.
	 */
	n = 0;
	big = malloc(ROBOTS_MAX_BYTES * 2);
	n += (size_t)sprintf(big, "User-agent: *\n");
	while (n + 32 < ROBOTS_MAX_BYTES * 2)
		n += (size_t)sprintf(big + n, "Disallow: /p%zu\n", n);
	r = robots_parse(big, n, "kicwatch");
	T_ASSERT(robots_rule_count(r) == ROBOTS_MAX_RULES);
	T_ASSERT(!robots_is_allowed(r, "/p14"));
	robots_free(r);

	/* A pathological pattern still answers. */
	memset(big, 'a', 4000);
	big[0] = '/';
	big[4000] = '\0';
	r = parse("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*b\n");
	T_ASSERT(robots_is_allowed(r, big));
	robots_free(r);
	free(big);

	r = robots_parse("", 0, "kicwatch");
	T_ASSERT(robots_is_allowed(r, "/"));
	robots_free(r);
	T_ASSERT(robots_is_allowed(NULL, "/x"));
}

static void
test_cache(void)
{
	struct robots_cache *c = robots_cache_new();
	uint64_t delay = 0;

	T_ASSERT(robots_cache_check(c, "http://a.org", "/", 100, NULL) ==
	         ROBOTS_UNKNOWN);
	robots_cache_set_rules(c, "http://a.org",
	    parse("User-agent: *\nDisallow: /no\nCrawl-delay: 2\n"), 200);
	T_ASSERT(robots_cache_check(c, "http://a.org", "/no/1", 100, &delay) ==
	         ROBOTS_DISALLOWED);
	T_ASSERT(delay == 2000);
	T_ASSERT(robots_cache_check(c, "http://a.org", "/yes", 199, NULL) ==
	         ROBOTS_ALLOWED);
	/* Expired, and scoped to the origin. */
	T_ASSERT(robots_cache_check(c, "http://a.org", "/yes", 200, NULL) ==
	         ROBOTS_UNKNOWN);
	T_ASSERT(robots_cache_check(c, "https://a.org", "/yes", 100, NULL) ==
	         ROBOTS_UNKNOWN);
	robots_cache_set_unavailable(c, "http://a.org", 300);
	T_ASSERT(robots_cache_check(c, "http://a.org", "/yes", 250, &delay) ==
	         ROBOTS_UNAVAILABLE);
	T_ASSERT(delay == 0);
	robots_cache_set_rules(c, "http://b.org", NULL, 300);
	T_ASSERT(robots_cache_check(c, "http://b.org", "/x", 250, NULL) ==
	         ROBOTS_ALLOWED);
	robots_cache_free(c);
}

static void
test_token(void)
{
	char tok[32];

	robots_ua_token(
	    "kicwatch/0.1 (+https://example.org/contact)", tok, sizeof(tok));
	T_STREQ(tok, "kicwatch");
	robots_ua_token("", tok, sizeof(tok));
	T_STREQ(tok, "kicwatch");
	robots_ua_token("/weird", tok, sizeof(tok));
	T_STREQ(tok, "kicwatch");
	robots_ua_token("Mozilla/5.0 (compatible)", tok, sizeof(tok));
	T_STREQ(tok, "Mozilla");
	robots_ua_token("averyveryverylongproductname", tok, 8);
	T_STREQ(tok, "averyve");
}

int
main(void)
{
	test_groups();
	test_precedence();
	test_wildcards();
	test_encoding();
	test_garbage();
	test_cache();
	test_token();
	return T_DONE();
}
