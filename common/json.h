/* SPDX-License-Identifier: ISC */
/*
 * JSON string output. Scraped text is hostile: invalid UTF-8 becomes
 * U+FFFD, control characters, U+2028/U+2029 and <, >, & are \u-escaped so
 * the output is safe to embed in HTML <script> blocks and never breaks a
 * JSON Lines record across lines.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#include "buf.h"

/* Appends s as a quoted JSON string; NULL appends null. */
void json_str(struct buf *b, const char *s);
void json_strn(struct buf *b, const char *s, size_t n);

/* Appends "key": (key is trusted ASCII). */
void json_key(struct buf *b, const char *key);

#endif
