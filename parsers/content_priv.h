/* SPDX-License-Identifier: ISC */
/*
 * Shared by content.c (title, entry point), content_body.c (page index,
 * boilerplate, scoring, rendering) and content_date.c. The page index is
 * the visible tree flattened in document order (pre-order), so a subtree
 * is the index range [i, end) and every pass is a linear loop.
 */
#ifndef CONTENT_PRIV_H
#define CONTENT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "content.h"

/* Boilerplate flags of a node (inherited by its subtree). */
#define CN_SKIP_HARD	0x01	/* nav, footer, aside, share, related... */
#define CN_SKIP_HEADER	0x02	/* <header>, class "header": page chrome,
				   but may hold the article's title */
#define CN_SKIP_LABEL	0x04	/* starts with 이전글, 发布时间：, 当前位置 */
#define CN_SKIP		(CN_SKIP_HARD | CN_SKIP_HEADER | CN_SKIP_LABEL)
#define CN_LINK		0x08	/* inside <a> */
#define CN_BLOCK	0x10	/* a block element */
#define CN_TEXT		0x20	/* a text node */
#define CN_SOFT		0x40	/* class hints at chrome (notice, list) */
#define CN_GOOD		0x80	/* class hints at content */

struct cnode {
	xmlNodePtr n;
	int parent;		/* index of the parent element, -1 at the top */
	int end;		/* one past the last node of the subtree */
	int block;		/* nearest block ancestor-or-self, -1 */
	int first;		/* first text node with text in the subtree */
	uint32_t chars;		/* text nodes: non-space code points */
	uint32_t text;		/* elements: body-eligible text in subtree */
	uint32_t link;		/* ... of which inside links */
	uint32_t own;		/* inline text that this block holds itself */
	uint32_t ownlink;
	float score;
	uint8_t flags;		/* own and inherited CN_* */
	uint8_t skip;		/* the node's own CN_SKIP bits */
	bool inner;		/* a block with text lies inside */
};

/* <meta> and <title> elements kept for the head scan; a real page has a
   few dozen, a hostile one is cut here. */
#define CPAGE_HEADS	256

struct cpage {
	xmlDocPtr doc;
	struct cnode *v;
	int n, cap;
	int body;		/* the best content block, or -1 */
	int *sel;		/* blocks making up the body, document order */
	int nsel;
	xmlNodePtr heads[CPAGE_HEADS];	/* <meta> and <title>, in order */
	int nheads;
};

void cpage_build(struct cpage *p, xmlDocPtr doc);
void cpage_free(struct cpage *p);
/* Index of n in the page, or -1 (not visible, not an element/text). */
int cpage_find(struct cpage *p, xmlNodePtr n);
/* Picks p->body and p->sel by text density; p->nsel is 0 if none. */
void cpage_pick_body(struct cpage *p);
/* Renders the blocks sel[0..nsel) as body text; a heading equal to
   title is left out. Owned; *len set. */
char *cpage_render(const struct cpage *p, const int *sel, int nsel,
    const char *title, size_t *len);
/* Visible text of node i on one line (whitespace folded). Owned. */
char *cpage_text(const struct cpage *p, int i, size_t max);

/* What <head> (and <meta> anywhere) says about the page. */
struct chead {
	char *title;		/* <title>, whitespace folded; owned */
	char *og_title;
	char *site_name;	/* og:site_name or application-name */
	struct date_ymd date;	/* best publication meta tag, y == 0 none */
	int date_rank;		/* its rank in the meta name list */
};

void content_head_scan(const struct cpage *p, struct chead *h);
void content_head_free(struct chead *h);

/* Publication date of the page; sets c->published and c->date_from
   (c->selector_missed when sel->date matches nothing usable). */
void content_date_find(struct cpage *p, const struct html_doc *d,
    const struct cfg_article *sel, const char *url, int title_node,
    const struct chead *h, struct content *c);


/* Does s start (after spaces and brackets) with one of the labels? Each
   label must be at least 3 bytes long. */
bool content_has_label(const char *s, const char *const *labels, size_t n);

#endif
