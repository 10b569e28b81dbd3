/* SPDX-License-Identifier: ISC */
/*
 * The crawl engine: rounds of sources on one fetch engine. A round of a
 * list source fetches the list page, queues the item links it has not
 * seen and follows next-page links: through the whole archive (up to
 * list.max_pages) until the source is marked backfilled, afterwards only
 * until a list page brings nothing new. Known articles whose revisit time
 * has come are refetched with conditional GET. A source without list: is
 * one page. robots.txt is fetched first for every origin (and cached per
 * origin for http.robots_ttl, in memory and through the store); a
 * disallowed URL is logged and never requested.
 *
 * Every attempt lands in fetch_log. A new body is a capture; an article or
 * page capture is handed to ingest_capture() in the same savepoint, so a
 * capture, its url_state and its document commit together. Pages are
 * committed in batches (crawl_tx.c: up to CRAWL_BATCH_PAGES pages or
 * CRAWL_BATCH_MS, and at the end of every round): a kill -9 loses only
 * the uncommitted batch, whose pages the next round fetches again. A 304
 * or a body with the stored sha256 stores nothing.
 *
 * Non-blocking, for `kicwatch crawl` and the daemon alike: start rounds
 * with crawl_source_start(), then loop on crawl_poll() and crawl_step()
 * until crawl_is_idle(). Each finished round is reported to the done
 * callback, which typically calls crawl_round_record().
 */
#ifndef CRAWL_H
#define CRAWL_H

#include <stdbool.h>
#include <stdint.h>

#include <curl/curl.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "scheduler.h"
#include "store.h"

/* Known URLs revisited per round at most (oldest due first). */
#define CRAWL_REVISIT_MAX 200
/* How long an unreachable robots.txt keeps its origin closed. */
#define CRAWL_ROBOTS_RETRY_S 600

struct crawl;

/* One finished round. Borrowed for the callback's duration. */
struct crawl_summary {
	const char *source; /* its name */
	const struct cfg_source *src;
	int64_t source_id;
	bool ok;               /* the start URL was fetched */
	const char *error;     /* why not; NULL when ok */
	bool backfilled;       /* this round completed the backfill */
	unsigned list_pages;   /* list pages fetched */
	unsigned stored;       /* new captures */
	unsigned unchanged;    /* 200 with the stored sha256 */
	unsigned not_modified; /* 304 */
	unsigned errors;       /* final failures (transport or HTTP) */
	unsigned retries;      /* attempts that were retried */
	unsigned disallowed;   /* not requested: robots.txt */
	unsigned refused;      /* bad scheme after a redirect */
	unsigned documents;    /* captures ingested as documents */
	uint64_t bytes;
	uint64_t ms;
};

typedef void (*crawl_done_fn)(void *arg, const struct crawl_summary *s);

/*
 * A new engine on c (borrowed; must outlive it), writing to s (with the
 * writer lock held) and extracting with x (may be NULL: captures are then
 * stored without documents, and `kicwatch reparse` makes them later).
 * Defers full-text indexing on s to each commit (store_fts_defer), for
 * good: s is the writer's connection. Owned by the caller (crawl_free).
 */
int crawl_new(const struct cfg *c, struct store *s, const struct extractor *x,
    struct crawl **out, struct err *e);
/* Frees the engine; unfinished rounds are dropped unreported. */
void crawl_free(struct crawl *cr);

void crawl_on_done(struct crawl *cr, crawl_done_fn fn, void *arg);

/*
 * Starts a round of src (borrowed; must stay valid until the round is
 * reported). Returns 1 when a round of src is already running, -1 on a
 * store error.
 */
int crawl_source_start(
    struct crawl *cr, const struct cfg_source *src, struct err *e);
bool crawl_source_is_running(const struct crawl *cr, const char *name);

/* fetch_poll() of the engine: waits for transfers, deadlines or extra. */
int crawl_poll(struct crawl *cr, struct curl_waitfd *extra, unsigned nextra,
    int max_ms, int *nready, struct err *e);

/*
 * Runs transfers and handles what finished; may report rounds. Returns -1
 * on a store error (sticky: the store is unusable, stop and exit 74).
 */
int crawl_step(struct crawl *cr, struct err *e);

/* Milliseconds until crawl_step() has work, -1 when idle. */
long crawl_timeout_ms(struct crawl *cr);
bool crawl_is_idle(const struct crawl *cr);

/*
 * Commits the pages written so far (the engine does so by itself at the
 * end of every round, after a batch is full or a second old, and when it
 * is freed). For callers about to write something that must not be lost
 * with an uncommitted batch. -1 on a store error (the engine stops).
 */
int crawl_flush(struct crawl *cr, struct err *e);

/* Ends every round now: transfers cancelled, rounds reported as failed. */
void crawl_cancel(struct crawl *cr);

/*
 * Records a finished round in the schedule (sched_finished) and logs a
 * warning when the source changes state (working -> failing or back).
 */
int crawl_round_record(struct sched *sc, struct store *s,
    const struct crawl_summary *sum, struct err *e);

#endif
