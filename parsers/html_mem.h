/* SPDX-License-Identifier: ISC */
/*
 * A bump arena per thread for libxml2's page trees (html_mem.c): between
 * html_mem_begin() and html_mem_end() on a thread, libxml2's allocations
 * on that thread come from its arena and its frees cost nothing; the
 * arena is reused when the outermost window closes. html.c opens a
 * window in html_parse and closes it in html_doc_free.
 */
#ifndef HTML_MEM_H
#define HTML_MEM_H

/* Once, before any thread but the caller uses libxml2 (extractor_new):
   initialises libxml2 and installs the hooks. Later calls do nothing. */
void html_mem_install(void);

/* Nested windows; no-ops until installed. */
void html_mem_begin(void);
void html_mem_end(void);

#endif
