/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the page and text layers: arbitrary bytes are
 * parsed as HTML and put through content extraction (generic, then with a
 * profile whose selectors may or may not match), and the body text through
 * normalisation, sentence splitting, dates, snippets and the language
 * guess. Beyond "no crash, no leak, no UB" it checks the invariants other
 * modules rely on: offsets in range and monotonic, spans ordered.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "content.h"
#include "date.h"
#include "html.h"
#include "log.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_init((enum log_level)0);
	xmlInitParser();
	return 0;
}

static void
check_norm(const char *s, size_t len)
{
	struct text_norm *n;
	struct text_span *sp;
	struct err e;
	size_t ncp = text_cp_len(s, len), k, nsp;

	if (text_norm_new(s, len, TEXT_NORM_CASEFOLD, &n, &e) == -1)
		abort();
	for (k = 0; k < n->len; k++)
		if (n->from[k] > n->to[k] || n->to[k] > ncp ||
		    (k > 0 && n->from[k] < n->from[k - 1]))
			abort();
	if (n->from[n->len] != ncp || n->s[n->len] != '\0')
		abort();
	text_sentences(n->s, n->len, &sp, &nsp);
	for (k = 0; k < nsp; k++)
		if (sp[k].start >= sp[k].end || sp[k].end > n->len ||
		    (k > 0 && sp[k].start < sp[k - 1].end))
			abort();
	free(sp);
	text_norm_free(n);
}

static void
check_body(const struct content *c)
{
	struct date_mention *v;
	struct date_ymd ref = {2024, 9, 10};
	size_t n, k;
	char *s;

	if (c->text == NULL || strlen(c->text) != c->len)
		abort();
	check_norm(c->text, c->len);
	n = date_scan(c->text, c->len, &ref, &v);
	for (k = 0; k < n; k++)
		if (v[k].start >= v[k].end || v[k].end > c->len ||
		    !date_is_valid(&v[k].date))
			abort();
	free(v);
	s = text_snippet(c->text, c->len, c->len / 3, c->len / 2, 40);
	if (text_cp_len(s, strlen(s)) > 40)
		abort();
	free(s);
	(void)text_lang_guess(c->text, c->len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cfg_article prof = {"//h3 | //h1",
	    "//span[@class='date'] | //div[@class='info']",
	    "//div[@class='view_cont'] | //div[@id='content']"};
	struct html_doc *d;
	struct content *c;
	struct err e;

	if (html_parse((const char *)data, size, "http://example.org/2024/09/a",
	    &d, &e) == -1)
		return 0;
	c = content_extract(d, NULL, "http://example.org/t20240909_1.html");
	check_body(c);
	content_free(c);
	c = content_extract(d, &prof, NULL);
	check_body(c);
	content_free(c);
	html_doc_free(d);
	return 0;
}
