/* SPDX-License-Identifier: ISC */
/*
 * The daemon's one context (`kicwatch run`): configuration, store,
 * extractor, scheduler, crawl engine and the signal fd, always passed
 * explicitly. coll.c owns its life cycle and configuration reloads;
 * coll_loop.c the event loop, where signals, transfers and the schedule
 * are served by a single wait.
 *
 * A reload (SIGHUP) loads and validates the new file into a fresh cfg
 * while the old one stays in force. A valid one waits in next_cfg until
 * the rounds in flight have finished (they borrow the old cfg's sources,
 * and the engine and the extractor are built from it); no round starts
 * meanwhile. Then the engine and the extractor are rebuilt on the new cfg
 * and the scheduler adopts its sources.
 */
#ifndef COLL_H
#define COLL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "cfg.h"
#include "cli.h"
#include "crawl.h"
#include "err.h"
#include "extract.h"
#include "scheduler.h"
#include "store.h"

/* In-flight transfers get this long after SIGTERM/SIGINT, then are cut. */
#define COLL_STOP_GRACE_MS 10000
/* The longest single wait, so a jump of the wall clock (which the
 * schedule runs on) is noticed within a minute. */
#define COLL_WAIT_MAX_MS 60000

struct coll {
	const struct cli *cli;	/* global options (-c, --db); borrowed */
	struct cfg *cfg;	/* the configuration in force; owned */
	struct cfg *next_cfg;	/* a validated reload waiting for the
				   rounds in flight to end; owned */
	struct store *store;	/* the store, writer lock held; owned */
	struct extractor *x;	/* built from cfg; NULL when extraction is
				   unavailable (captures are still kept
				   for `kicwatch reparse`); owned */
	struct sched *sched;	/* the timetable of cfg's sources; owned */
	struct crawl *crawl;	/* the engine, built on cfg; owned */
	int sigfd;		/* signalfd for SIGTERM/SIGINT/SIGHUP, -1
				   before coll_signals_block() */
	sigset_t sigs;		/* those signals, blocked in every thread */
	sigset_t oldmask;	/* the mask to restore at coll_close() */
	bool stopping;		/* SIGTERM/SIGINT seen: no new round */
	int64_t stop_deadline;	/* monotonic ms when transfers are cut */
	int exit_code;		/* sysexits code coll_run() returns */
	uint64_t watchdog_usec;	/* WatchdogSec= of the unit, 0 = none */
	int64_t watchdog_next;	/* monotonic ms of the next WATCHDOG=1 */
	unsigned rounds_ok;	/* rounds that succeeded since start */
	unsigned rounds_failed;	/* rounds that failed since start */
	char last_round[384];	/* the latest round's result, for STATUS= */
	bool metrics_failing;	/* the metrics file could not be written:
				   log again only once it works */
};

/*
 * Blocks SIGTERM, SIGINT and SIGHUP and opens a signalfd for them. Must
 * run before any thread exists (libcurl's resolver threads inherit the
 * mask), so that no signal is ever delivered asynchronously.
 */
int coll_signals_block(struct coll *c, struct err *e);

/*
 * Loads the configuration, opens the store and takes its writer lock,
 * and builds the extractor, scheduler and engine. Returns 0, or a
 * sysexits code with the reason logged (78 config, 75 store locked by
 * another writer, 73/74 store unusable).
 */
int coll_open(struct coll *c, const struct cli *cli);

/* Frees everything coll_open() and coll_signals_block() made. */
void coll_close(struct coll *c);

/*
 * SIGHUP: loads the configuration file again. A bad file is logged (every
 * problem with file:line:column) and the old configuration stays; a good
 * one becomes next_cfg and is swapped in by coll_reload_apply().
 */
void coll_reload(struct coll *c);

/*
 * Swaps next_cfg in when no round is running: new engine and extractor,
 * the scheduler synced. On failure the old configuration stays.
 */
void coll_reload_apply(struct coll *c);

/* Called by the engine for every finished round (crawl_done_fn). */
void coll_round_done(void *arg, const struct crawl_summary *sum);

/* Rewrites the metrics file when the configuration names one. */
void coll_metrics_update(struct coll *c);

/* Sends STATUS= describing what the daemon is doing. */
void coll_status(struct coll *c);

/*
 * The event loop: runs until SIGTERM/SIGINT (then finishes gracefully)
 * or a store failure. Returns the sysexits code.
 */
int coll_run(struct coll *c);

/* CLOCK_MONOTONIC in milliseconds. */
int64_t coll_now_ms(void);

#endif
