/* SPDX-License-Identifier: ISC */
/*
 * Allocation that cannot fail: on OOM the process logs and exits, and
 * systemd restarts it. Anything sized by remote data must be capped by the
 * caller *before* it reaches these.
 */
#ifndef XMEM_H
#define XMEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);		/* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
