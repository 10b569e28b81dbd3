/* SPDX-License-Identifier: ISC */
/*
 * Error values that travel up the call chain. A function that can fail
 * returns -1 and fills a caller-provided struct err; each layer may prefix
 * context ("source kic-news: ") while propagating. Nobody both logs and
 * returns the same error: the caller decides.
 */
#ifndef ERR_H
#define ERR_H

/* 256 = CURL_ERROR_SIZE, so a per-transfer err can be CURLOPT_ERRORBUFFER. */
struct err {
	char msg[256];
};

/* Formats into e->msg (truncating); always returns -1. e may be NULL. */
int err_set(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prepends formatted context to e->msg ("source x: " + old message). */
void err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
