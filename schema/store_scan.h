/* SPDX-License-Identifier: ISC */
/*
 * Streaming the captures that can become documents (kind article or page,
 * status 2xx), in capture id order, for reparse. Each call reads one short
 * batch in its own read transaction, so memory stays flat however large
 * the store is and the writer's WAL can be checkpointed between batches.
 */
#ifndef STORE_SCAN_H
#define STORE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store.h"

/* One capture; every pointer is borrowed for the callback's duration. */
struct store_scan_row {
	int64_t capture_id;
	int64_t source_id;
	const char *url;
	const char *fetched_at;
	const char *content_type;	/* media type or NULL */
	const char *headers;		/* raw response headers */
	bool compressed;		/* body is zlib (compress2) data */
	const void *body;		/* NULL when copy_document_id is set */
	size_t body_len;		/* bytes at body */
	int64_t size;			/* uncompressed body bytes */
	int64_t copy_document_id;	/* see store_scan_query.copy_run_id */
};

struct store_scan_query {
	int64_t after_id;		/* captures with a larger id */
	int64_t only_source_id;		/* 0: every source is re-extracted */
	/*
	 * With only_source_id: the run whose documents of the other
	 * sources are carried over. Their rows come with copy_document_id
	 * set (and no body) when that run has a document for the capture;
	 * every other row comes with its body, to be extracted.
	 */
	int64_t copy_run_id;
	size_t max_rows;		/* batch limits; at least one row */
	size_t max_bytes;		/* of compressed bodies */
};

typedef int (*store_scan_fn)(void *arg, const struct store_scan_row *row,
    struct err *e);

/*
 * Calls fn for the next batch of rows after q->after_id. *last_id is the
 * id of the last row seen (unchanged when none) and *nrows their number (0
 * at the end). fn returning -1 stops the batch with that error.
 */
int store_scan_batch(struct store *s, const struct store_scan_query *q,
    store_scan_fn fn, void *arg, int64_t *last_id, size_t *nrows,
    struct err *e);

/* How many captures a whole scan visits. */
int store_scan_count(struct store *s, int64_t *n, struct err *e);

/* The id of the source called name: 0, 1 when unknown, -1 on error. */
int store_scan_source_id(struct store *s, const char *name, int64_t *id,
    struct err *e);

/*
 * Calls fn(arg, id, name) for every source the store knows, so callers can
 * map capture.source_id to their configuration.
 */
int store_scan_sources(struct store *s,
    void (*fn)(void *arg, int64_t id, const char *name), void *arg,
    struct err *e);

#endif
