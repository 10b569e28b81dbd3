/* SPDX-License-Identifier: ISC */
/*
 * The fetcher: one libcurl multi handle drives every transfer, without a
 * thread per request. Requests wait in per-host queues that enforce the
 * politeness rules (at most per_host_connections at once, and at least
 * per_host_delay between the end of one request and the start of the
 * next, raised per host by robots.txt's Crawl-delay). Each response is
 * bounded: total and connect time, a low-speed floor, redirects, header
 * size, and body size after decompression (the write callback stops the
 * transfer at the cap, so a gzip bomb is never inflated beyond it). Only
 * http and https, also after redirects. Timeouts, resets, 429 and 5xx
 * are retried with exponential backoff and jitter; Retry-After (seconds
 * or an HTTP date, capped at FETCH_RETRY_AFTER_CAP_MS) is honoured on 429
 * and 503 and pauses the whole host.
 *
 * Non-blocking: the owner waits in fetch_poll() (which can also watch the
 * owner's own fds, e.g. a signalfd) and calls fetch_step(), which runs the
 * transfers and calls each request's callback once per attempt. Memory is
 * bounded by max_connections * (max_body + max_header) plus the queues.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include <curl/curl.h>

#include "buf.h"
#include "cfg.h"
#include "err.h"

/* A longer Retry-After is not waited for: the request fails instead. */
#define FETCH_RETRY_AFTER_CAP_MS (300u * 1000)
/* Exponential backoff stops growing here. */
#define FETCH_BACKOFF_CAP_MS (600u * 1000)

struct fetch;

/* Limits and identity, from http.* of the configuration. */
struct fetch_opts {
	const char *user_agent;
	const char *proxy; /* NULL: none (environment ignored) */
	uint64_t timeout_ms;
	uint64_t connect_timeout_ms;
	uint64_t low_speed_limit;   /* bytes/s ... */
	uint64_t low_speed_time_ms; /* ... for this long aborts */
	uint64_t max_body;          /* after decompression */
	uint64_t max_header;        /* per response */
	uint64_t per_host_delay_ms;
	unsigned per_host_connections;
	unsigned max_connections;
	unsigned max_redirects;
	unsigned retries; /* attempts after the first */
	uint64_t retry_base_ms;
};

/* Fills o from h; zero limits get the built-in defaults. Borrows h. */
void fetch_opts_from_cfg(const struct cfg_http *h, struct fetch_opts *o);

enum fetch_status {
	FETCH_RESPONSE,  /* an HTTP response, any status code */
	FETCH_ERROR,     /* transport: timeout, reset, DNS, a limit */
	FETCH_REFUSED,   /* redirected to a scheme we do not fetch */
	FETCH_CANCELLED, /* fetch_cancel() */
};

/* One attempt's outcome. Borrowed for the callback's duration. */
struct fetch_result {
	enum fetch_status status;
	long code;                /* HTTP status, 0 when none */
	const char *url;          /* as requested */
	const char *final_url;    /* after redirects */
	const char *headers;      /* raw headers of the final response */
	struct buf *body;         /* decompressed; the callback may
	                             take it with buf_steal() */
	const char *content_type; /* lowercase media type, or NULL */
	const char *charset;      /* charset= of Content-Type, or NULL */
	const char *etag;
	const char *last_modified;
	const char *error; /* reason, NULL for a response */
	bool truncated;    /* cut at the cap (req.truncate) */
	bool conditional;  /* If-None-Match/If-Modified-Since sent */
	unsigned attempt;  /* 1 = first */
	bool will_retry;   /* another attempt follows */
	uint64_t retry_in_ms;
	int64_t started_at; /* wall clock, seconds */
	uint64_t ms;        /* duration of the attempt */
	uint64_t bytes;     /* body bytes received */
};

typedef void (*fetch_cb)(void *arg, const struct fetch_result *r);

struct fetch_req {
	const char *url;           /* absolute http(s) URL */
	const char *etag;          /* If-None-Match, or NULL */
	const char *last_modified; /* If-Modified-Since, or NULL */
	uint64_t max_body;         /* 0: the engine's max_body */
	bool truncate;             /* keep the first max_body bytes */
	fetch_cb cb;
	void *arg;
};

/*
 * curl_global_init, once per process, on the main thread before any
 * thread exists (libcurl's resolver, OpenSSL). main() calls it for most
 * commands; crawl and run leave it to fetch_new, after the vocabulary is
 * built: OpenSSL's initialisation pages in ~1.7 MiB of libcrypto, which
 * would otherwise be resident while OpenCC's tables are, a crawl's peak.
 */
void fetch_global_init(void);

/*
 * A new engine; o's strings are copied. Owned by the caller (fetch_free).
 * Calls fetch_global_init: the first must come before any thread.
 */
int fetch_new(const struct fetch_opts *o, struct fetch **out, struct err *e);
/* Frees the engine; requests still pending are dropped without callback. */
void fetch_free(struct fetch *f);

/*
 * Queues a request (strings copied). The callback runs from fetch_step()
 * once per attempt; the last one has will_retry false. Fails on a URL
 * without a host.
 */
int fetch_submit(struct fetch *f, const struct fetch_req *r, struct err *e);

/* Raises host's minimum delay (Crawl-delay); never lowers it. */
void fetch_host_delay(struct fetch *f, const char *host, uint64_t delay_ms);

/*
 * Waits until a transfer has data, one of extra's fds is ready, the next
 * queued request may start, or max_ms passed (-1: no limit of our own).
 * *nready (may be NULL) receives the number of ready extra fds.
 */
int fetch_poll(struct fetch *f, struct curl_waitfd *extra, unsigned nextra,
    int max_ms, int *nready, struct err *e);

/*
 * Runs transfers, delivers finished attempts to their callbacks (which
 * may submit more), and starts queued requests whose host allows it.
 */
int fetch_step(struct fetch *f, struct err *e);

/* Milliseconds until fetch_step() has work, -1 when idle, 0 now. */
long fetch_timeout_ms(struct fetch *f);

/* True when nothing is queued or running. */
bool fetch_is_idle(const struct fetch *f);

/* Monotonic clock in milliseconds, the engine's time base. */
int64_t fetch_now_ms(void);

/* Ends every request: callbacks run with FETCH_CANCELLED (no retry). */
void fetch_cancel(struct fetch *f);

#endif
