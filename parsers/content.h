/* SPDX-License-Identifier: ISC */
/*
 * An article page's own content: title, publication date and body text.
 * A source profile (struct cfg_article) may name each by XPath; any field
 * it leaves NULL, or whose selector matches nothing, is found generically:
 * - body: the block with the most non-link text, scored in one bottom-up
 *   pass over the tree, after dropping boilerplate (nav, header, footer,
 *   aside, script/style, forms, share/SNS buttons, breadcrumbs, previous/
 *   next post and related-news blocks, meta lines such as "출처: 발표
 *   시간:" or "发布时间：", ads, weather widgets); siblings that score
 *   nearly as well join it, so a body split into blocks stays whole;
 * - title: a heading that agrees with og:title/<title>, else og:title,
 *   the heading nearest above the body, <title>; the site name
 *   ("… - KIC중국", "…_国家技术转移东部中心") is cut off;
 * - date: article:published_time and other meta tags, <time datetime>,
 *   labelled date lines (发布日期：, 발표 시간:, 등록일, 작성일), any full
 *   date near the title, a notice's sign-off line holding only a date,
 *   else the URL (/202409/, t20240909_).
 * Body text keeps paragraphs ("\n\n" between blocks, "\n" for <br> and list
 * items), drops images and their alt text, folds whitespace. The result
 * depends only on the input (no clock, no hashing).
 */
#ifndef CONTENT_H
#define CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "date.h"
#include "html.h"

/* Body text is cut (at a character boundary) beyond this many bytes. */
#define CONTENT_MAX_TEXT	(2u * 1024 * 1024)

struct content {
	char *title;		/* NULL when none was found */
	struct date_ymd published;	/* y == 0 when none was found */
	char *text;		/* body text, never NULL ("" when none) */
	size_t len;		/* bytes in text */
	/* Where each field came from, for operators and tests:
	   "selector", "og:title", "heading", "title", "meta", "time",
	   "label", "near-title", "signature", "url", "generic", or NULL
	   when none. */
	const char *title_from;
	const char *date_from;
	const char *text_from;
	/* A profile selector matched nothing: the site may have changed. */
	bool selector_missed;
};

/*
 * Extracts title, date and body from d. sel may be NULL (all generic);
 * url is the page URL (may be NULL), used for the last-resort date. Never
 * fails: the result (owned, content_free) may have empty fields.
 */
struct content *content_extract(const struct html_doc *d,
    const struct cfg_article *sel, const char *url);
void content_free(struct content *c);

/*
 * The title with the site name cut off: trailing (or leading) segments
 * after " - ", " | ", "_", " :: ", "｜" that look like a site name. Owned.
 */
char *content_title_clean(const char *title, const char *site_name);

/*
 * The date a URL's path spells: t20240909_… (TRS), /202409/ (month),
 * /2024-09/, /2024/09/09/, /20240909153011001.jpg. Query strings are not
 * looked at. True and *out set (month precision when the day is absent).
 */
bool content_url_date(const char *url, struct date_ymd *out);

#endif
