/* SPDX-License-Identifier: ISC */
/*
 * For collector/fetch*.c only: the engine's structures. fetch.c owns the
 * queues, politeness and retry policy; fetch_xfer.c one attempt on a curl
 * easy handle (options, limits in the callbacks, reading the response).
 */
#ifndef FETCH_PRIV_H
#define FETCH_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <curl/curl.h>

#include "buf.h"
#include "fetch.h"

struct fetch_host;

/* One request across its attempts. */
struct fetch_xfer {
	struct fetch *f;
	struct fetch_host *host;
	struct fetch_xfer *next; /* queue link */
	char *url;
	char *etag;
	char *last_modified;
	uint64_t max_body;
	bool truncate;
	fetch_cb cb;
	void *arg;
	unsigned attempt;      /* attempts started so far */
	int64_t not_before_ms; /* monotonic: backoff */

	/* The attempt in flight. */
	CURL *easy;
	struct curl_slist *hdrs;
	struct buf headers; /* of the latest response only */
	struct buf body;
	uint64_t header_bytes;
	bool body_over;    /* stopped at max_body */
	bool headers_over; /* stopped at max_header */
	bool conditional;
	int64_t started_ms; /* monotonic */
	int64_t started_at; /* wall clock, seconds */
	char errbuf[CURL_ERROR_SIZE];
};

/* A host's queue and politeness state. */
struct fetch_host {
	char *name;
	unsigned active;                /* transfers running */
	uint64_t delay_ms;              /* max(per_host_delay, Crawl-delay) */
	int64_t next_ms;                /* monotonic: earliest next start */
	int64_t last_ms;                /* monotonic: latest start or end */
	int64_t closed_ms;              /* monotonic: closed until (a
	                                   Retry-After beyond our cap) */
	uint64_t closed_s;              /* that Retry-After, for messages */
	struct fetch_xfer *head, *tail; /* waiting, FIFO */
	struct fetch_xfer *running;     /* started, not finished */
};

struct fetch {
	struct fetch_opts o; /* strings owned */
	CURLM *multi;
	struct fetch_host **hosts;
	size_t nhosts;
	unsigned active; /* transfers running */
	size_t queued;   /* requests waiting */
	uint64_t rnd;    /* jitter state */
};

/* What fetch_xfer_outcome() makes of a finished attempt. */
struct fetch_outcome {
	enum fetch_status status;
	long code;
	char error[CURL_ERROR_SIZE + 64];
	bool retryable;
	bool retry_once;         /* a name that did not resolve */
	uint64_t retry_after_ms; /* from Retry-After, 0 when none */
	bool retry_after_over;   /* Retry-After above the cap */
	char *final_url;         /* owned */
	char *content_type;      /* owned */
	char *charset;
	char *etag;
	char *last_modified;
};

/* Prepares x's next attempt on a new easy handle and adds it to multi. */
int fetch_xfer_start(struct fetch *f, struct fetch_xfer *x, struct err *e);

/* Reads a finished attempt (rc from curl) into o. */
void fetch_xfer_outcome(
    struct fetch_xfer *x, CURLcode rc, struct fetch_outcome *o);
void fetch_outcome_clear(struct fetch_outcome *o);

/* Ends the attempt: easy handle removed and freed, buffers emptied. */
void fetch_xfer_reset(struct fetch *f, struct fetch_xfer *x);

#endif
