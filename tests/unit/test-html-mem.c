/* SPDX-License-Identifier: ISC */
/*
 * html_mem.c: libxml2's allocations in a window come from the thread's
 * arena (freed blocks reused by size, the top block grown in place, a
 * second free and a free from an earlier window ignored), outside it from
 * malloc (ASan's leak check fails the test if such a block is not really
 * freed); trees parsed with the arena read exactly as without it, on
 * several threads at once and on more threads over time than there are
 * slots.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "buf.h"
#include "html.h"
#include "html_mem.h"
#include "t.h"

/* Attributes, entities, text split by markup, a script, a bad byte. */
static const char page[] =
    "<html><head><title>KIC &amp; \xec\x83\x81\xed\x95\xb4</title>"
    "<script>var x = '<p>not text</p>';</script></head><body>"
    "<div id=\"main\" class=\"article body\" data-x=\"1\">"
    "<h1>\xec\xa0\x9c\xeb\xaa\xa9 &lt;MOU&gt;</h1>"
    "<p style=\"color: red\">First <b>bold</b> and \xff stray.</p>"
    "<ul><li>one</li><li>two<li>three</ul>"
    "<a href=\"/news/1.html?a=1&amp;b=2\">link</a></div>"
    "<div class=\"footer\">foot</div></body></html>";

/* What the tests read of a tree: every text and every attribute. */
static char *
summary(void)
{
	static const char *const xp[] = {"//title/text()", "//div[@id='main']",
	    "//@*", "//li", "count(//*)", "//a/@href"};
	struct html_doc *d = NULL;
	struct err e = {{0}};
	struct buf b = {0};
	char **v;
	size_t n;

	T_ASSERT(html_parse(page, sizeof(page) - 1, "http://h/x/", &d, &e) ==
	    0);
	if (d == NULL)
		return strdup("");
	for (size_t i = 0; i < sizeof(xp) / sizeof(xp[0]); i++) {
		T_ASSERT(html_xpath_strings(d, xp[i], 100, &v, &n, &e) == 0);
		for (size_t k = 0; k < n; k++)
			buf_puts(&b, v[k]), buf_putc(&b, '|');
		html_strings_free(v, n);
	}
	html_doc_free(d);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

static void
test_blocks(void)
{
	char *a, *b, *c, *f, *g, *h, *i, *j, *big, *out, *first;

	/* Outside a window: malloc's (LSan: it must really be freed). */
	out = xmlMalloc(24);
	memcpy(out, "outside", 8);
	html_mem_begin();
	first = a = xmlMalloc(40);
	b = xmlMalloc(40);
	c = xmlMalloc(40);
	T_ASSERT(a != NULL && b != NULL && a != b && b != c);
	xmlFree(a);
	xmlFree(a);		/* a second free is ignored... */
	i = xmlMalloc(33);	/* same class of 48 bytes: a again */
	j = xmlMalloc(40);
	T_ASSERT(i == a && j != a);	/* ...so a is handed out once */
	/* The top block goes back to the top. */
	xmlFree(j);
	T_ASSERT(xmlMalloc(40) == j);
	/* The top block grows in place, keeping its bytes. */
	f = xmlMalloc(10);
	memcpy(f, "0123456789", 10);
	g = xmlRealloc(f, 3000);
	T_ASSERT(g == f && memcmp(g, "0123456789", 10) == 0);
	memset(g + 10, 'x', 2990);
	/* Any other block moves. */
	h = xmlMalloc(10);
	memcpy(h, "abc", 4);
	i = xmlMalloc(10);
	j = xmlRealloc(h, 200);
	T_ASSERT(j != h && strcmp(j, "abc") == 0);
	T_ASSERT(i != NULL);
	/* Large blocks are malloc's, freed for real (LSan checks). */
	big = xmlMalloc(100000);
	memset(big, 1, 100000);
	big = xmlRealloc(big, 200000);
	T_ASSERT(big[99999] == 1);
	xmlFree(big);
	/* An inner window closing keeps the outer one's blocks. */
	html_mem_begin();
	html_mem_end();
	T_ASSERT(strcmp(out, "outside") == 0 && g[2999] == 'x');
	xmlFree(out);
	html_mem_end();
	/* A new window starts over; a block of the last one freed in it is
	   left alone, not put on a free list. */
	html_mem_begin();
	a = xmlMalloc(40);
	T_ASSERT(a == first);
	xmlFree(c);
	b = xmlMalloc(40);
	i = xmlMalloc(40);
	T_ASSERT(b != a && i != a && b != i);
	xmlFree(a);
	xmlFree(b);
	html_mem_end();
	out = xmlMemStrdup("after");
	T_STREQ(out, "after");
	xmlFree(out);
}

static const char *expect;

static void *
parse_many(void *arg)
{
	int n = *(int *)arg;
	char *s;

	for (int k = 0; k < n; k++) {
		s = summary();
		T_ASSERT(strcmp(s, expect) == 0);
		free(s);
	}
	return NULL;
}

static void
test_threads(void)
{
	pthread_t t[4];
	int n = 40, one = 1;

	for (int k = 0; k < 4; k++)
		T_ASSERT(pthread_create(&t[k], NULL, parse_many, &n) == 0);
	for (int k = 0; k < 4; k++)
		pthread_join(t[k], NULL);
	/* More threads over time than slots: each gives its slot back. */
	for (int k = 0; k < 40; k++) {
		T_ASSERT(pthread_create(&t[0], NULL, parse_many, &one) == 0);
		pthread_join(t[0], NULL);
	}
}

int
main(void)
{
	char *before, *after;

	xmlInitParser();
	before = summary();
	T_ASSERT(strstr(before, "KIC & ") != NULL);
	T_ASSERT(strstr(before, "not text") == NULL);
	html_mem_install();
	html_mem_install();
	after = summary();
	T_STREQ(after, before);
	expect = before;
	test_blocks();
	test_threads();
	free(after);
	free(before);
	xmlCleanupParser();
	return T_DONE();
}
