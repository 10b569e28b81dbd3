/* SPDX-License-Identifier: ISC */
/*
 * A list page's links: the item links (articles) and the next-page links
 * that the source's list.items and list.next XPaths select. Each href is
 * resolved against the page's base (<base href>, else the page URL),
 * canonicalised (urlcanon.h), restricted to http/https, de-duplicated in
 * document order (pinned notices repeat on every page; pagers repeat the
 * "next" link at the top and the bottom) and capped. A link to the page
 * itself is dropped, so a pager cannot loop on one page and an empty href
 * is no article.
 * Pure: no network, no disk.
 */
#ifndef LISTPAGE_H
#define LISTPAGE_H

#include <stddef.h>

#include "err.h"

#define LISTPAGE_MAX_ITEMS 1000
#define LISTPAGE_MAX_NEXT 16

struct listpage {
	char **items; /* canonical URLs, owned */
	size_t nitems;
	char **next; /* canonical URLs, owned */
	size_t nnext;
	size_t dropped; /* hrefs refused (bad scheme, unparsable) */
};

/*
 * Parses html (UTF-8, len bytes, need not be NUL-terminated) fetched from
 * url. items_xpath selects item hrefs; next_xpath (may be
 * NULL) next-page hrefs. A selected attribute gives its value, an element
 * its href attribute, else its text. On success *out is owned by the
 * caller (listpage_free). Fails when an XPath does not compile or the page
 * gives no tree at all.
 */
int listpage_parse(const char *html, size_t len, const char *url,
    const char *items_xpath, const char *next_xpath, struct listpage **out,
    struct err *e);
void listpage_free(struct listpage *lp);

#endif
