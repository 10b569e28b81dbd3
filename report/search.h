/* SPDX-License-Identifier: ISC */
/* Full-text search: turning user text into a safe FTS5 query. */
#ifndef SEARCH_H
#define SEARCH_H

/*
 * The FTS5 MATCH expression for text (owned by the caller), or NULL when
 * text holds nothing searchable (only spaces and punctuation). Any input
 * yields a valid expression: FTS5 syntax in text is quoted, never parsed.
 */
char *search_query_build(const char *text);

#endif
