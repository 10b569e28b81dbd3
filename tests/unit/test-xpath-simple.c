/* SPDX-License-Identifier: ISC */
/*
 * cfg_xpath_is_simple against libxml2: every selector the recogniser
 * accepts must compile with libxml2 (it is what lets cfg_xpath_check skip
 * libxml2), checked on the selectors real configurations use, on
 * expressions generated from a token soup wider than the recogniser's
 * subset, and on byte mutations of the real selectors. It must also
 * accept the real ones, or it saves nothing.
 */
#include <stdint.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "cfg_xpath.h"
#include "t.h"

static const char *const real[] = {
	"//a/@href",
	"//ul[@class='list']//a/@href",
	"//a[@class='next']/@href",
	"//h3",
	"//span[@class='date']",
	"//div[@class='view_cont']",
	"//*[@id='allStyleDIV']",
	"//div[@id='content']",
	"//*[contains(text(), '发布日期')]",
	"//*[contains(text(), '발표 시간')]",
	"//div[@class='pages-date']",
	"//a[contains(@href, '/20') and contains(@href, '.shtml')]/@href",
	"//a[contains(@href, 'a=show') and contains(@href, 'catid=67')]/@href",
	"//div[@class='list']/ul/li/a/@href",
	"//ul[contains(@class, 'list')]/li/a/@href",
	"//*[contains(@class, 'kboard-pagination')]//li[contains(@class, "
	"'active')]/following-sibling::li[1]/a/@href",
	"//div[@class='page']/a[. = '下一页']/@href",
	"//div[@id='pages']/span/following-sibling::a[1]/@href",
	"//div[@class='article']/h1",
	"//h1[@class=\"title\"]",
	"//a[not(@rel='nofollow') or starts-with(@href, '/')][2]/text()",
	"/html/body//div[position() < 3]/../p[last()]/@*",
};

/* Not in the subset (some valid XPath, some not): left to libxml2. */
static const char *const outside[] = {
	"", "/", "//", "//a[", "//a[@x=\"1]", "//a]", "$x", "//a[$x]",
	"//a[1 + 1]", "//a[1.5]", "//x:a", "//a[foo(1)]", "//a | //b",
	"//a[and]", "//a [1]", "// a", "//a[@x='\x01']", "//a[@x='\xff']",
	"//a[@x='\xed\xa0\x80']", "foo::a", "//a/comment()", "//a[.[1]]",
	"//a[text( )]", "id('x')", "//a[-1]", "//a[@x='1' = 2 = 3]",
};

static void
quiet_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* libxml2's verdict, asked the way config/cfg_xpath.c asks it. */
static int
compiles(const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(NULL);
	xmlXPathCompExprPtr c;

	ctx->error = quiet_structured;
	c = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	xmlXPathFreeContext(ctx);
	if (c == NULL)
		return 0;
	xmlXPathFreeCompExpr(c);
	return 1;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Every accepted string must compile; returns how many were accepted. */
static int
differ(const char *expr)
{
	if (!cfg_xpath_is_simple(expr))
		return 0;
	if (!compiles(expr)) {
		fprintf(stderr, "accepted, libxml2 rejects: [%s]\n", expr);
		t_failures++;
	}
	return 1;
}

static void
test_real_selectors(void)
{
	for (size_t i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		T_ASSERT(compiles(real[i]));
		if (!cfg_xpath_is_simple(real[i])) {
			fprintf(stderr, "not simple: %s\n", real[i]);
			t_failures++;
		}
	}
}

static void
test_outside(void)
{
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		if (cfg_xpath_is_simple(outside[i])) {
			fprintf(stderr, "simple: [%s]\n", outside[i]);
			t_failures++;
		}
	}
}

static void
test_generated(void)
{
	static const char *const tok[] = {
		"/", "//", "a", "div", "and", "or", "li.x", "a-b", "*", "@",
		"@x", "@*", ".", "..", "[", "]", "(", ")", ",", " ", "  ",
		"'s'", "\"d\"", "'", "\"", "1", "12", "=", "!=", "<", "<=",
		">", ">=", " and ", " or ", "and ", "contains(", "not(",
		"text()", "node()", "last()", "position()", "count(", "x(",
		"child::", "following-sibling::", "foo::", "::", ":", "|",
		"$v", "+", "-", "'수소'", "'\xe4\xb8'", "\t", "1.5", "text",
		"starts-with(", "string-length(",
	};
	char buf[256];
	int accepted = 0;

	for (int i = 0; i < 300000; i++) {
		size_t len = 0, n = 1 + pick(14);

		for (size_t k = 0; k < n; k++) {
			const char *t = tok[pick(sizeof(tok) / sizeof(tok[0]))];
			size_t tl = strlen(t);

			if (len + tl >= sizeof(buf))
				break;
			memcpy(buf + len, t, tl);
			len += tl;
		}
		buf[len] = '\0';
		accepted += differ(buf);
	}
	/* The soup must reach into the subset, or this proves nothing. */
	fprintf(stderr, "generated: %d of 300000 accepted\n", accepted);
	T_ASSERT(accepted > 1000);
}

static void
test_mutated(void)
{
	static const char alphabet[] = "/[]()@.*'\" =!<>,:|$-+0123456789abz";
	char buf[512];
	int accepted = 0;

	for (int i = 0; i < 200000; i++) {
		const char *src = real[pick(sizeof(real) / sizeof(real[0]))];
		size_t len = strlen(src), at;

		memcpy(buf, src, len + 1);
		for (unsigned m = 1 + pick(3); m > 0 && len > 0; m--) {
			at = pick((unsigned)len);
			switch (pick(3)) {
			case 0:	/* replace */
				buf[at] = alphabet[pick(sizeof(alphabet) - 1)];
				break;
			case 1:	/* delete */
				memmove(buf + at, buf + at + 1, len - at);
				len--;
				break;
			default: /* insert */
				if (len + 2 >= sizeof(buf))
					break;
				memmove(buf + at + 1, buf + at, len - at + 1);
				buf[at] = alphabet[pick(sizeof(alphabet) - 1)];
				len++;
				break;
			}
		}
		accepted += differ(buf);
	}
	fprintf(stderr, "mutated: %d of 200000 accepted\n", accepted);
	T_ASSERT(accepted > 1000);
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
main(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	test_real_selectors();
	test_outside();
	test_generated();
	test_mutated();
	xmlCleanupParser();
	return T_DONE();
}
