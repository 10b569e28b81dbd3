/* SPDX-License-Identifier: ISC */
/*
 * "kwcjk", an FTS5 tokenizer for Korean and Chinese: runs of Hangul, Han
 * and kana become overlapping character bigrams (a run of one character
 * stays a unigram), everything else splits into lower-cased words of
 * letters and digits (full-width ASCII folded). A two-character query such
 * as 수소 or 合作 is then one token, which the trigram index cannot match,
 * and a longer query is a phrase of adjacent bigrams: an exact substring.
 * store_open() registers it on every connection, reader or writer, because
 * the triggers that fill document_cjk run on the writer's connection; the
 * kwcjk extension (kwcjk_ext.c) registers the same code in any SQLite
 * program (sqlite3's .load), so analysts can query document_cjk there.
 */
#ifndef STORE_CJK_H
#define STORE_CJK_H

/*
 * The kwcjk loadable extension (schema/kwcjk_ext.c) compiles this file's
 * sources again with KWCJK_EXTENSION: SQLite is then reached through the
 * loading program's sqlite3_api instead of being linked.
 */
#ifdef KWCJK_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include "err.h"

#define STORE_CJK_TOKENIZER "kwcjk"
#define STORE_CJK_MAX_TOKEN 64	/* bytes; longer words are cut there */

/*
 * Registers the tokenizer and STORE_CJK_RANK on db; 0, or -1 with e set
 * (no FTS5).
 */
int store_cjk_register(sqlite3 *db, struct err *e);

/*
 * kwcjk_rank(document_cjk, sz, w0, w1, ...): bm25(document_cjk, w0, w1,
 * ...) with the row's size taken from sz, its document_cjk_docsize blob
 * (store_cjk_rank.c). An SQLite result code.
 */
#define STORE_CJK_RANK "kwcjk_rank"
int store_cjk_rank_register(fts5_api *api);

/*
 * FTS5's highlight() and snippet() on a column of document_cjk, computed
 * from the text and the query instead of a cursor on the index
 * (store_cjk_mark.c). The phrases are those of an FTS5 query made of
 * double-quoted strings ("" for a quote, * after one for a prefix), as
 * search_query_build writes them; AND, OR and parentheses are skipped.
 * Matches go between STORE_MARK_OPEN and STORE_MARK_CLOSE. The strings
 * returned are the caller's to free; NULL for a NULL text.
 */
struct store_cjk_phrases;
struct store_cjk_phrases *store_cjk_phrases(const char *match);
void store_cjk_phrases_free(struct store_cjk_phrases *ph);
char *store_cjk_highlight(const struct store_cjk_phrases *ph,
    const char *text);
char *store_cjk_snippet(const struct store_cjk_phrases *ph,
    const char *text, int ntok, const char *ellipsis);

/*
 * Tokenizes text[0..n) exactly as the index does and calls cb for each
 * token (its bytes, their length and the byte span it came from in text).
 * cb returns 0 to go on; anything else stops and is returned.
 */
int store_cjk_tokenize(const char *text, int n,
    int (*cb)(void *arg, const char *tok, int ntok, int start, int end),
    void *arg);

#endif
