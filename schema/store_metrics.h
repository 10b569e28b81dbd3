/* SPDX-License-Identifier: ISC */
/*
 * Per-source collection counters (table source_metrics, kept by triggers
 * in schema/0004_metrics.sql) together with the schedule state: what an
 * operator's monitoring needs to see a source that is stuck or failing.
 */
#ifndef STORE_METRICS_H
#define STORE_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store.h"

struct store_metrics_row {
	const char *source;	/* borrowed: valid during the callback */
	int64_t requests;	/* HTTP requests sent */
	int64_t stored;		/* new captures */
	int64_t unchanged;	/* 200 with the same body as before */
	int64_t not_modified;	/* 304 */
	int64_t http_errors;	/* 4xx/5xx */
	int64_t errors;		/* transport errors */
	int64_t skipped;	/* robots.txt or refused, not requested */
	int64_t bytes;		/* body bytes received */
	int64_t documents;	/* documents extracted by crawl runs */
	int64_t events;		/* events extracted by crawl runs */
	int64_t mous;		/* MOUs extracted by crawl runs */
	int64_t last_fetch_at;	/* seconds since the epoch; -1 never */
	int64_t last_attempt_at;	/* start of the latest round; -1 never */
	int64_t last_success_at;	/* end of the latest good round; -1 never */
	int64_t next_due_at;	/* 0 = due now */
	unsigned failures;	/* consecutive failed rounds */
};

/*
 * Calls fn for every source in the store, in name order. fn returning
 * non-zero stops the walk; that value is returned. -1 on a store error.
 */
int store_metrics_each(struct store *s,
    int (*fn)(const struct store_metrics_row *r, void *arg), void *arg,
    struct err *e);

/*
 * The latest transport or HTTP error of source_id's fetches ("Could not
 * resolve host: ..." and the URL), written into buf as "reason (url)".
 * Returns 1 when there is none, 0 when found, -1 on a store error. The
 * round summary says "robots.txt could not be fetched"; this says why.
 */
int store_metrics_last_error(struct store *s, int64_t source_id, char *buf,
    size_t size, struct err *e);

#endif
