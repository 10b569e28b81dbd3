/* SPDX-License-Identifier: ISC */
/*
 * From what a user types to an FTS5 query for document_cjk. The text is
 * never FTS5 syntax: each whitespace-separated term becomes quoted
 * phrases (quotes doubled), one per script variant (as typed, Simplified,
 * Traditional) ORed together, and the terms are ANDed. A lone Han or
 * Hangul character is a prefix query, since the index holds bigrams.
 */
#include "search.h"

#include <string.h>

#include "query.h"
#include "store_cjk.h"

static int
count_token(void *arg, const char *tok, int ntok, int start, int end)
{
	int *n = arg;

	(void)tok, (void)ntok, (void)start, (void)end;
	(*n)++;
	return 0;
}

/* A lone CJK character: one token, which is the whole term. */
static bool
is_single_cjk(const char *term, int ntok)
{
	size_t len = strlen(term);

	return ntok == 1 && len >= 3 && len <= 4 &&
	    (unsigned char)term[0] >= 0xE1;
}

static void
phrase(struct buf *b, const char *s, bool prefix)
{
	buf_putc(b, '"');
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_puts(b, prefix ? "\"*" : "\"");
}

static bool
term_add(struct buf *b, const char *term)
{
	char *v[QUERY_VARIANTS_MAX];
	int n = query_variants(term, v), ntok = 0, used = 0;

	store_cjk_tokenize(v[0], (int)strlen(v[0]), count_token, &ntok);
	if (ntok == 0) {
		query_variants_free(v, n);
		return false;	/* punctuation only: nothing to match */
	}
	buf_puts(b, b->len ? " AND (" : "(");
	for (int i = 0; i < n; i++) {
		buf_puts(b, used++ ? " OR " : "");
		phrase(b, v[i], is_single_cjk(v[i], ntok));
	}
	buf_putc(b, ')');
	query_variants_free(v, n);
	return true;
}

char *
search_query_build(const char *text)
{
	struct buf b = {0}, term = {0};
	const char *p = text, *q;

	while (*p != '\0') {
		p += strspn(p, " \t\r\n\f\v");
		q = p + strcspn(p, " \t\r\n\f\v");
		if (q > p) {
			buf_reset(&term);
			buf_append(&term, p, (size_t)(q - p));
			term_add(&b, term.data);
		}
		p = q;
	}
	buf_free(&term);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}
