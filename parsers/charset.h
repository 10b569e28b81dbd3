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

struct charset_result {
	char *utf8;		/* owned, NUL-terminated */
	size_t len;		/* bytes in utf8, excluding the NUL */
	char name[32];		/* charset used, lowercase IANA name */
	const char *source;	/* "header", "bom", "meta", "detected", "default" */
};

/*
 * Decodes body (len bytes). header_charset is the charset= parameter of
 * Content-Type or NULL. On success fills *out (caller frees out->utf8).
 * Fails only on allocation limits (len over the caller's cap).
 */
int charset_decode(const unsigned char *body, size_t len,
    const char *header_charset, struct charset_result *out, struct err *e);

#endif
