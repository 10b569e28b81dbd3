/* SPDX-License-Identifier: ISC */
/*
 * Inside parsers/ only: the libxml2 tree behind a struct html_doc and the
 * text renderer that html.c and content.c share. Nothing here may be
 * included outside parsers/ (xmlDoc/xmlNode stay in this folder).
 */
#ifndef HTML_PRIV_H
#define HTML_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "html.h"

xmlDocPtr html_doc_xml(const struct html_doc *d);

/* Pending separators, weakest first; the strongest one pending wins. */
enum html_sep {
	HTML_SEP_NONE,
	HTML_SEP_SPACE,
	HTML_SEP_LINE,		/* "\n": <br>, list items, table rows */
	HTML_SEP_PARA,		/* "\n\n": blocks */
};

/*
 * Renders visible text into out: text nodes with whitespace folded,
 * separators from the element structure (or single spaces when blocks is
 * false), script/style/head/forms' controls and images skipped, and any
 * subtree skip() says yes to. Appends nothing past max bytes of out.
 * Iterative: no recursion on hostile nesting.
 */
struct html_render {
	struct buf *out;
	size_t max;
	bool blocks;
	bool (*skip)(xmlNodePtr n, void *arg);	/* NULL: skip nothing extra */
	void *arg;
	enum html_sep pending;	/* internal: separator owed before text */
};

void html_render(struct html_render *r, xmlNodePtr n);
/* The pieces of html_render, for walks that keep their own order: text of
   one text node, and the separator an element owes on entry and exit. */
void html_render_text(struct html_render *r, const xmlChar *t);
void html_render_element(struct html_render *r, xmlNodePtr n);

/* What an element name is, for walks that need both answers at once. */
#define HTML_TAG_BLOCK		0x01	/* starts a paragraph */
#define HTML_TAG_INVISIBLE	0x02	/* script, style, img...: no text */
#define HTML_TAG_LINE		0x04	/* br, li, tr, dt, dd: a line */
#define HTML_TAG_CELL		0x08	/* td, th */
#define HTML_TAG_CHROME		0x10	/* nav, aside, footer, menu, dialog */
#define HTML_TAG_HEADER		0x20	/* header */
#define HTML_TAG_ARTICLE	0x40	/* article, main */
#define HTML_TAG_LINK		0x80	/* a */
int html_tag_flags(const xmlChar *name);

/* Lowercase element names (libxml2's HTML parser lowercases them). */
bool html_is_block(const xmlChar *name);
/* Elements whose content is never visible text (script, style...). */
bool html_is_invisible(const xmlChar *name);
/* Case-insensitive attribute value of n, borrowed from the tree; NULL. */
const xmlChar *html_attr(xmlNodePtr n, const char *name);

#endif
