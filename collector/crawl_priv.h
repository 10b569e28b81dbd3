/* SPDX-License-Identifier: ISC */
/*
 * For collector/crawl*.c only. crawl.c owns the engine, rounds and job
 * submission; crawl_robots.c the robots.txt gate; crawl_page.c what is
 * done with a response (fetch_log, capture, url_state, document, list
 * links); crawl_body.c the pure work on a body, crawl_work.c the worker
 * threads that do it; crawl_tx.c the batch transactions.
 */
#ifndef CRAWL_PRIV_H
#define CRAWL_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "charset.h"
#include "crawl.h"
#include "fetch.h"
#include "ingest.h"
#include "robots.h"
#include "sha256.h"
#include "store_capture.h"
#include "strset.h"

enum crawl_kind {
	CRAWL_LIST,
	CRAWL_ARTICLE,
	CRAWL_PAGE,
	CRAWL_ROBOTS,
};

/* A batch transaction is committed after this many pages ... */
#define CRAWL_BATCH_PAGES 200
/* ... or this many milliseconds after it began, whichever comes first. */
#define CRAWL_BATCH_MS 1000

/* Worker threads for the pure work on pages (crawl_work.c) ... */
#define CRAWL_WORK_THREADS 2
/* ... and pages in flight between the fetcher and the store. */
#define CRAWL_WORK_MAX 3

struct crawl_round;

/*
 * A unit of work: run() on a worker thread, then done() on the main one,
 * then dispose() (frees it) on a worker again.
 */
struct crawl_item {
	struct crawl_item *next; /* the work FIFOs' link */
	void (*run)(struct crawl_item *it);
	void (*done)(struct crawl_item *it);
	void (*dispose)(struct crawl_item *it);
};
struct crawl_work;

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
	struct crawl_work *work;
	struct robots_cache *robots;
	const char *user_agent; /* as sent; borrowed from cfg */
	char ua_token[64];      /* robots.txt product token */
	bool closing;           /* crawl_free: no logs, no reports */
	struct crawl_round **rounds;
	size_t nrounds;
	struct crawl_wait *waits;
	size_t nwaits;
	int64_t run_id; /* 0 until the first document */
	bool tx_open;           /* a batch transaction is open */
	unsigned tx_depth;      /* page savepoints open in it */
	unsigned tx_pages;      /* pages released into it */
	int64_t tx_deadline_ms; /* commit by then (fetch_now_ms) */
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

/* crawl_tx.c: a page's rows, in the batch (see there). */
/* Opens the batch if needed and a savepoint for one page. */
bool crawl_tx_begin(struct crawl *cr);
/*
 * Releases the page's savepoint when rc is 0 (and commits the batch when
 * it is full or old); else rolls back that page only, commits the rest
 * and stops the engine with e.
 */
void crawl_tx_end(struct crawl *cr, int rc, const struct err *e);
/* Commits when the batch is old enough or the fetcher idle. */
void crawl_tx_tick(struct crawl *cr);
/* Milliseconds the open batch may still wait, -1 when none is open. */
long crawl_tx_timeout_ms(const struct crawl *cr);

/*
 * The pure work on a 2xx body (crawl_body.c): its digest; unless that is
 * the stored one, its compression, decoding (lists, articles, pages) and
 * extraction (articles and pages that are documents). No store, no
 * engine state: it runs on a worker thread.
 */
struct crawl_prep {
	/* In, set before crawl_prep_run. */
	const struct extractor *x;    /* NULL: no document */
	const char *kind;             /* list, article, page, robots, asset */
	char old_sha[SHA256_HEX_LEN]; /* the stored digest, "" when none */
	struct ingest_capture ic;     /* the body, and what extraction needs */
	/* Out. */
	char sha[SHA256_HEX_LEN];
	bool unchanged; /* the digest is old_sha */
	unsigned char *z; /* the body compressed, unless unchanged */
	size_t zlen;
	bool decoded;   /* into cs, or doc.cs when is_doc */
	bool is_doc;    /* doc holds the extracted document */
	struct charset_result cs;
	struct ingest_doc doc;
};

void crawl_prep_run(struct crawl_prep *p);
/* The decoded page, or NULL. */
const struct charset_result *crawl_prep_cs(const struct crawl_prep *p);
void crawl_prep_deinit(struct crawl_prep *p);

/* crawl_work.c */
/* Starts the workers (none on one CPU: items then run inline). */
struct crawl_work *crawl_work_new(void);
/* Joins the workers after finishing every item in flight. */
void crawl_work_free(struct crawl_work *w);
/* Runs it (off this thread when there are workers); done() and
 * dispose() follow. */
void crawl_work_submit(struct crawl_work *w, struct crawl_item *it);
/* Calls done() of finished items; with all, waits for every one. */
void crawl_work_drain(struct crawl_work *w, bool all);
/* Readable when an item finished; -1 without workers. */
int crawl_work_fd(const struct crawl_work *w);
bool crawl_work_idle(const struct crawl_work *w);

/* crawl_page.c */
/* The fetch callback of list, article and page jobs. */
void crawl_page_cb(void *arg, const struct fetch_result *res);
/* Logs a URL that was not requested (robots.txt, refused). */
void crawl_log_skip(struct crawl_job *j, const char *outcome,
    const char *robots, const char *why);
/*
 * Keeps a 2xx body that p has prepared: "unchanged" when its digest is the
 * stored one, else a new capture of p->kind (with its document when p has
 * one); then url_state and the fetch_log row. Call inside
 * crawl_tx_begin/end.
 */
int crawl_keep(struct crawl_job *j, const struct fetch_result *res,
    struct crawl_prep *p, const char **outcome, struct err *e);
/* p's inputs for j's response res of kind (borrowed, not copied). */
void crawl_prep_init(struct crawl_prep *p, const struct crawl_job *j,
    const struct fetch_result *res, const char *kind, char *fetched_at);
/* One fetch_log row for an attempt. */
int crawl_log_attempt(struct crawl_job *j, const struct fetch_result *res,
    const char *outcome, const char *error, int64_t capture_id, struct err *e);

#endif
