/* SPDX-License-Identifier: ISC */
/*
 * A growable byte buffer, always NUL-terminated after len so its data can
 * be used as a C string. Zero-initialise (struct buf b = {0}) before use.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	char *data;	/* owned; NULL until the first append */
	size_t len;	/* bytes used, excluding the terminating NUL */
	size_t cap;	/* bytes allocated */
};

void buf_reserve(struct buf *b, size_t extra);
/*
 * Room for exactly extra more bytes (and the NUL), not rounded up to the
 * next doubling: for a size known in advance, such as a declared
 * Content-Length. Appends past it grow by doubling as usual.
 */
void buf_reserve_exact(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);		/* len = 0, keeps the memory */
/* Returns the data (caller owns it, "" if empty) and empties the buffer. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

#endif
