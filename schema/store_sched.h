/* SPDX-License-Identifier: ISC */
/*
 * Schedule state: the columns of the source table that are updated in
 * place (next_due_at, failures, last_attempt_at, last_success_at,
 * last_error), so that a restarted daemon fetches only what is due. The
 * policy (intervals, jitter, backoff) is collector/sched.c's; this file
 * only reads and writes rows. Times are seconds since the epoch here and
 * the store's ISO 8601 text in the table.
 */
#ifndef STORE_SCHED_H
#define STORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "store.h"

struct store_sched_row {
	int64_t source_id;
	int64_t next_due_at;	/* 0 when NULL: due now */
	unsigned failures;	/* consecutive failed rounds */
	int64_t last_attempt_at;	/* -1 when never */
	int64_t last_success_at;	/* -1 when never */
	char last_error[256];	/* "" when the last round was fine */
};

/*
 * The id of the source called name, creating its row on first sight (due
 * now, no failures) and recording url as its latest start URL.
 */
int store_source_ensure(struct store *s, const char *name, const char *url,
    int64_t *id, struct err *e);

/* Reads the schedule state of source_id into *out. */
int store_sched_get(struct store *s, int64_t source_id,
    struct store_sched_row *out, struct err *e);

/* Records the start of a round (last_attempt_at). */
int store_sched_started(struct store *s, int64_t source_id, int64_t at,
    struct err *e);

/*
 * Records the end of a round: error NULL means success (last_success_at =
 * at, last_error cleared), else last_error = error; failures and
 * next_due_at are stored as given (the policy computed them).
 */
int store_sched_finished(struct store *s, int64_t source_id, int64_t at,
    const char *error, unsigned failures, int64_t next_due_at,
    struct err *e);

/* Makes source_id due now (next_due_at = NULL); crawl --all, tests. */
int store_sched_reset(struct store *s, int64_t source_id, struct err *e);

#endif
