/* SPDX-License-Identifier: ISC */
/*
 * Escaping at output time. Everything report/ prints comes from scraped
 * pages, so every string reaches HTML, Markdown, CSV or a terminal only
 * through one of these. All of them append to a struct buf, accept NULL
 * (appending nothing) and replace invalid UTF-8 with U+FFFD, so hostile
 * bytes never reach the output raw.
 */
#ifndef ESC_H
#define ESC_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* HTML text or a quoted attribute value: & < > " ' become references;
 * control characters other than tab and newline are dropped. */
void esc_html(struct buf *b, const char *s);

/*
 * An href for HTML: the URL escaped as an attribute when its scheme is
 * http or https, else "#" (javascript: and data: never become links).
 */
void esc_html_href(struct buf *b, const char *url);

/*
 * Inline Markdown text: Markdown syntax characters are backslash-escaped
 * (so < never opens raw HTML and [ never opens a link), list and heading
 * markers at the start are neutralised, newlines become spaces.
 */
void esc_md(struct buf *b, const char *s);

/* A Markdown link [text](url) when url is http(s), else just the text. */
void esc_md_link(struct buf *b, const char *text, const char *url);

/*
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * quotes doubled. A cell starting with = + - @ tab or CR is prefixed with
 * ' and quoted so spreadsheets never evaluate it as a formula. Control
 * characters other than tab, CR and LF are dropped.
 */
void esc_csv(struct buf *b, const char *s);

/*
 * Terminal text: escape sequences (CSI, OSC, two-byte ESC) and C0/C1
 * controls are removed, bidirectional overrides dropped, tabs become a
 * space; newlines become a space unless multiline.
 */
void esc_term(struct buf *b, const char *s, bool multiline);

/* Display columns of UTF-8 text (Hangul, Han, full-width = 2). */
size_t esc_width(const char *s);

/*
 * esc_term(s) cut to at most cols display columns, ending in … when cut;
 * padded with spaces to exactly cols when pad is true.
 */
void esc_term_fit(struct buf *b, const char *s, size_t cols, bool pad);

#endif
