/* SPDX-License-Identifier: ISC */
/*
 * Hostile HTML into a tree we can query. html_parse wraps libxml2's HTML
 * parser (recover, no errors printed, no network, no entity loading) behind
 * an opaque struct, so xmlDoc never leaves parsers/; callers get copied
 * strings from XPath. Input must be UTF-8 (charset.c converts first); a
 * <meta charset> in the page is ignored, and invalid UTF-8 bytes or NULs are
 * replaced with U+FFFD before libxml2 sees them, because libxml2 would
 * otherwise reinterpret the rest of the page as Latin-1.
 *
 * Call xmlInitParser() once before threads start (main does); after that
 * several threads may parse and query their own documents concurrently.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "err.h"

/* Pages above this size are refused: a real article page is < 1 MiB. */
#define HTML_MAX_INPUT	(16u * 1024 * 1024)
/* Each string html_xpath_strings returns is cut at this many bytes, and
   all of them together at HTML_MAX_STRINGS (an XPath of every element
   renders every subtree). */
#define HTML_MAX_STRING		(1024u * 1024)
#define HTML_MAX_STRINGS	(4u * 1024 * 1024)

struct html_doc;

/*
 * Parses len bytes of UTF-8 HTML (need not be NUL-terminated). url is the
 * page's address (may be NULL); it and any <base href> resolve relative
 * links. On success *out is owned by the caller (html_doc_free). Fails with
 * e set when len is 0 or above HTML_MAX_INPUT, or libxml2 builds no tree.
 */
int html_parse(const char *buf, size_t len, const char *url,
    struct html_doc **out, struct err *e);
void html_doc_free(struct html_doc *d);

/*
 * The base URL for relative links: <base href> resolved against the page
 * URL when present, else the page URL. Borrowed (lives as long as d); NULL
 * when neither is known.
 */
const char *html_doc_base(const struct html_doc *d);

/*
 * Evaluates xpath and returns one copied, NUL-terminated string per result:
 * an element gives its visible text (script/style skipped, whitespace
 * folded to single spaces, trimmed), an attribute or text node its value
 * (trimmed), a string/number/boolean result itself. Empty strings are
 * skipped; at most max strings are returned, in document order, and no
 * more bytes than HTML_MAX_STRINGS in all. On success
 * *out (free with html_strings_free) and *n are set, *out NULL when n is 0.
 * Fails only when xpath does not compile or evaluate, with e set.
 */
int html_xpath_strings(const struct html_doc *d, const char *xpath,
    size_t max, char ***out, size_t *n, struct err *e);
void html_strings_free(char **v, size_t n);

/* The first non-empty string of html_xpath_strings, owned; NULL if none. */
char *html_xpath_first(const struct html_doc *d, const char *xpath);

/*
 * Resolves href (an attribute value, trimmed here) against the document's
 * base. Returns an owned absolute URL, with any #fragment removed, when it
 * is http or https; NULL for javascript:, mailto:, empty or unparsable
 * links and for relative links when no base is known.
 */
char *html_url_resolve(const struct html_doc *d, const char *href);

#endif
