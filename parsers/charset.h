/* SPDX-License-Identifier: ISC */
/*
 * Bytes of unknown encoding to UTF-8. The charset comes from the HTTP
 * header, a BOM, <meta charset>/http-equiv, else uchardet's detection;
 * CP949/EUC-KR, GB18030/GBK/GB2312, Big5 and UTF-8 at least, via iconv.
 * Invalid sequences become U+FFFD, never an error. When the declared
 * charset is UTF-8 but the bytes are not valid UTF-8, the content wins.
 */
#ifndef CHARSET_H
#define CHARSET_H

#include <stddef.h>

#include "err.h"

/* Larger inputs are refused; the fetcher's body cap is far below it. */
#define CHARSET_MAX_INPUT (256u << 20)

struct charset_result {
	char *utf8;         /* owned, NUL-terminated */
	size_t len;         /* bytes in utf8, excluding the NUL */
	char name[32];      /* decoder used, lowercase: utf-8, cp949,
	                       gb18030, big5-hkscs, windows-1252 ... */
	const char *source; /* "header", "bom", "meta", "detected", "default" */
};

/*
 * Decodes body (len bytes). header_charset is the charset= parameter of
 * Content-Type or NULL. On success fills *out (caller frees out->utf8);
 * the text has no BOM and no NUL bytes (U+FFFD instead). Fails only when
 * len exceeds CHARSET_MAX_INPUT.
 */
int charset_decode(const unsigned char *body, size_t len,
    const char *header_charset, struct charset_result *out, struct err *e);

#endif
