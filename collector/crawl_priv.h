/* SPDX-License-Identifier: ISC */
/*
 * For collector/crawl*.c only. crawl.c owns the engine, rounds and job
 * submission; crawl_robots.c the robots.txt gate; crawl_page.c what is
 * done with a response (fetch_log, capture, url_state, document, list
 * links).
 */
#ifndef CRAWL_PRIV_H
#define CRAWL_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "charset.h"
#include "crawl.h"
#include "fetch.h"
#include "robots.h"
#include "store_capture.h"
#include "strset.h"

enum crawl_kind {
	CRAWL_LIST,
	CRAWL_ARTICLE,
	CRAWL_PAGE,
	CRAWL_ROBOTS,
};

struct crawl_round;

/* One URL to fetch for a round. */
struct crawl_job {
	struct crawl *cr;
	struct crawl_round *round; /* counted in its pending */
	enum crawl_kind kind;
	char *url;                 /* canonical */
	char *origin;              /* scheme://host[:port] */
	unsigned page;             /* list pages: 1 = start */
	bool known;                /* url_state had a row */
	struct store_url_state st; /* that row (for conditional GET) */
	const char *robots;        /* "allowed" or "unchecked" */
	struct crawl_job *next;    /* parked behind a robots.txt */
};

struct crawl_round {
	struct crawl *cr;
	const struct cfg_source *src;
	int64_t source_id;
	char *start_url;  /* canonical */
	bool backfill;    /* source not yet backfilled */
	bool paging_done; /* no more list pages this round */
	bool archive_end; /* paging stopped at the end or max */
	bool list_failed; /* some list page failed */
	bool failed;      /* start URL failed */
	char error[256];
	unsigned pending;         /* jobs and holds not finished */
	struct strset seen;       /* URLs queued this round */
	struct crawl_summary sum; /* counters */
	int64_t started_ms;
};

/* An origin whose robots.txt is being fetched, and who waits for it. */
struct crawl_wait {
	char *origin;
	struct crawl_job *parked;
};

struct crawl {
	const struct cfg *cfg;
	struct store *store;
	const struct extractor *x;
	struct fetch *fetch;
	struct robots_cache *robots;
	const char *user_agent; /* as sent; borrowed from cfg */
	char ua_token[64];      /* robots.txt product token */
	bool closing;           /* crawl_free: no logs, no reports */
	struct crawl_round **rounds;
	size_t nrounds;
	struct crawl_wait *waits;
	size_t nwaits;
	int64_t run_id; /* 0 until the first document */
	bool io_failed; /* a store write failed: stop */
	struct err io;
	crawl_done_fn done;
	void *done_arg;
};

/* crawl.c */
struct crawl_job *crawl_job_new(struct crawl_round *r, enum crawl_kind kind,
    const char *url, unsigned page);
void crawl_job_free(struct crawl_job *j);
/* Queues url for r unless r has seen it; robots.txt decides first. */
void crawl_enqueue(struct crawl_round *r, enum crawl_kind kind, const char *url,
    unsigned page);
/* Passes a job the robots gate allowed to the fetcher. */
void crawl_job_fetch(struct crawl_job *j, const char *robots);
/* A job is finished (freed); its round may be too. */
void crawl_job_done(struct crawl_job *j);
/* Records the first store error; the engine stops at the next step. */
void crawl_io_fail(struct crawl *cr, const struct err *e);
void crawl_round_fail(struct crawl_round *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void crawl_hold(struct crawl_round *r);
void crawl_release(struct crawl_round *r);

/* crawl_robots.c */
/* Fetches j once robots.txt allows it; logs and drops it otherwise. */
void crawl_robots_gate(struct crawl_job *j);
void crawl_robots_cancel(struct crawl *cr);
/* True when the cached robots.txt of url's origin disallows it. */
bool crawl_robots_denies(struct crawl *cr, const char *url);

/* crawl_page.c */
/* The fetch callback of list, article and page jobs. */
void crawl_page_cb(void *arg, const struct fetch_result *res);
/* Logs a URL that was not requested (robots.txt, refused). */
void crawl_log_skip(struct crawl_job *j, const char *outcome,
    const char *robots, const char *why);
/*
 * Keeps a 2xx body: "unchanged" when its digest is the stored one, else a
 * new capture of kind (with its document for articles and pages); then
 * url_state and the fetch_log row. Call inside crawl_tx_begin/end.
 */
int crawl_keep(struct crawl_job *j, const struct fetch_result *res,
    const char *kind, const struct charset_result *cs, const char **outcome,
    struct err *e);
bool crawl_tx_begin(struct crawl *cr);
/* Commits when rc is 0, else rolls back and stops the engine with e. */
void crawl_tx_end(struct crawl *cr, int rc, const struct err *e);
/* One fetch_log row for an attempt. */
int crawl_log_attempt(struct crawl_job *j, const struct fetch_result *res,
    const char *outcome, const char *error, int64_t capture_id, struct err *e);

#endif
