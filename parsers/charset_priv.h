/* SPDX-License-Identifier: ISC */
/*
 * Inside parsers/ only: what charset.c shares with charset_iconv.c.
 */
#ifndef CHARSET_PRIV_H
#define CHARSET_PRIV_H

#include <iconv.h>

/*
 * A descriptor converting from charset from to UTF-8, in its initial
 * state, owned by the calling thread's cache: used and left open, never
 * closed by the caller; (iconv_t)-1 if iconv cannot open it.
 */
iconv_t charset_iconv(const char *from);

#endif
