/* SPDX-License-Identifier: ISC */
/*
 * Marked text: search snippets and evidence contexts carry their matches
 * between two control characters, which esc_term would drop, so the marks
 * are split off first and every piece is escaped on its own. A document
 * containing those control characters can only move the bold, never
 * inject anything.
 */
#include "query.h"

#include <string.h>

#include <utf8proc.h>

#include "esc.h"

void
query_marked_term(struct buf *b, const char *s, bool bold)
{
	const char *p, *q;
	char piece[2] = {0};
	struct buf t = {0};

	for (p = s; p != NULL && *p != '\0'; p = q) {
		q = p + strcspn(p, "\x02\x03");
		buf_reset(&t);
		buf_append(&t, p, (size_t)(q - p));
		esc_term(b, t.data, false);
		if (*q == '\0')
			break;
		piece[0] = *q++;
		if (bold)
			buf_puts(b, piece[0] == STORE_MARK_OPEN ? "\x1b[1m" :
								  "\x1b[22m");
	}
	buf_free(&t);
}

void
query_marked_plain(struct buf *b, const char *s)
{
	for (const char *p = s; p != NULL && *p != '\0'; p++) {
		if (*p == STORE_MARK_OPEN)
			buf_puts(b, "«");
		else if (*p == STORE_MARK_CLOSE)
			buf_puts(b, "»");
		else
			buf_putc(b, *p);
	}
}

/* Byte offset of code point index cp in text, or -1 past the end. */
static long
cp_offset(const char *text, size_t len, int64_t cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t i = 0;

	for (int64_t k = 0; k < cp; k++) {
		if (i >= len)
			return -1;
		n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
		    (utf8proc_ssize_t)(len - i), &c);
		i += n > 0 ? (size_t)n : 1;
	}
	return (long)i;
}

int
query_text_context(struct buf *b, const char *text, int64_t start,
    int64_t end, int64_t ctx)
{
	size_t len = text ? strlen(text) : 0;
	int64_t from = start > ctx ? start - ctx : 0;
	long a, s, e, z;

	if (text == NULL || start < 0 || end < start)
		return -1;
	a = cp_offset(text, len, from);
	s = cp_offset(text, len, start);
	e = cp_offset(text, len, end);
	if (a < 0 || s < 0 || e < 0)
		return -1;
	z = cp_offset(text, len, end + ctx);
	if (z < 0)
		z = (long)len;
	buf_puts(b, from > 0 ? "…" : "");
	buf_append(b, text + a, (size_t)(s - a));
	buf_putc(b, STORE_MARK_OPEN);
	buf_append(b, text + s, (size_t)(e - s));
	buf_putc(b, STORE_MARK_CLOSE);
	buf_append(b, text + e, (size_t)(z - e));
	buf_puts(b, (size_t)z < len ? "…" : "");
	return 0;
}
