/* SPDX-License-Identifier: ISC */
/*
 * The scheduler: when each source's next round may start. A source is due
 * at its interval plus jitter (+-10%, so that sources configured alike do
 * not fire in lockstep) after its last round; a failed round backs off
 * exponentially (interval * 2^failures, capped at one day, or at the
 * interval when that is longer) without holding up any other source. The
 * state lives in the store's source table (schema/store_sched.h), so a
 * restart resumes the same timetable. Times are seconds since the epoch
 * (wall clock, because they survive restarts).
 */
#ifndef SCHEDULER_H
#define SCHEDULER_H

#include <stdbool.h>
#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "store.h"

/* Backoff ceiling: a failing source is still tried once a day. */
#define SCHED_BACKOFF_CAP (24 * 60 * 60)

struct sched;

/*
 * The delay before the next round after one that left `failures`
 * consecutive failures (0 = it succeeded), with jitter drawn from rnd
 * (uniform 32 bits). Pure: the policy in one function, for tests.
 */
uint64_t sched_delay(uint64_t interval, unsigned failures, uint32_t rnd);

/*
 * A scheduler for the enabled sources of c, their state read from s
 * (rows created on first sight: a new source is due at once). On success
 * *out is owned by the caller (sched_free). c is borrowed until the next
 * sched_sync() or sched_free().
 */
int sched_new(struct store *s, const struct cfg *c, struct sched **out,
    struct err *e);
void sched_free(struct sched *sc);

/*
 * Adopts a new configuration (SIGHUP): new sources are added with their
 * stored state, removed or disabled ones are dropped (a round still
 * running for one is allowed to finish and then forgotten), changed
 * intervals apply from the next round on.
 */
int sched_sync(struct sched *sc, struct store *s, const struct cfg *c,
    struct err *e);

/*
 * The next source due at `now` that is not running, or NULL. Borrowed;
 * valid until the next sched_sync() or sched_free().
 */
const struct cfg_source *sched_next_due(struct sched *sc, int64_t now);

/*
 * The earliest time a source that is not running becomes due, or
 * INT64_MAX when there is none: the loop's timer.
 */
int64_t sched_deadline(const struct sched *sc);

/*
 * Records that name's round started at now (last_attempt_at in the
 * store). The source counts as running from here on even when the store
 * write fails (-1), until sched_finished().
 */
int sched_started(struct sched *sc, struct store *s, const char *name,
    int64_t now, struct err *e);

/*
 * Records the end of name's round: error NULL for success, else the reason
 * (kept in source.last_error). Computes and stores the next due time.
 * *delay (may be NULL) receives the delay chosen, in seconds.
 */
int sched_finished(struct sched *sc, struct store *s, const char *name,
    int64_t now, const char *error, uint64_t *delay, struct err *e);

/*
 * Forgets that name's round was running, leaving its due time and
 * failures as they were (in memory and in the store): for a round cut
 * short by shutdown, which must not count as a failure.
 */
void sched_abandon(struct sched *sc, const char *name);

/* True while name's round is running. */
bool sched_is_running(const struct sched *sc, const char *name);
/* Number of rounds running. */
unsigned sched_running(const struct sched *sc);
/* Number of scheduled (enabled) sources. */
unsigned sched_count(const struct sched *sc);

#endif
