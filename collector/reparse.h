/* SPDX-License-Identifier: ISC */
/*
 * Reparse: re-run extraction over every stored capture into a new run,
 * without network, then make that run current in one commit. Memory stays
 * flat however large the store is: captures are read in short id-range
 * batches on a second connection, decompressed into reused buffers, and at
 * most a fixed number are in flight. Extraction runs on worker threads
 * (the extractor is read-only); one writer (the caller's thread) owns the
 * store connection and commits every REPARSE_BATCH documents, in capture
 * order, so the records equal what crawls would have produced.
 */
#ifndef REPARSE_H
#define REPARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "store.h"

/*
 * Documents per commit. Every commit writes each b-tree page the batch
 * touched (the hot index leaves, the full-text segment it flushes), so
 * fewer, larger batches write less: 1000 with the bulk mode's checkpoint
 * every 10000 pages measured 130 MiB written for 3000 documents against
 * 489 at 200 with SQLite's default checkpoint, and ~8 % less CPU on the
 * writer thread. An interrupted reparse is dropped and begun again
 * anyway, so the batch is only the grain of the progress on disk.
 */
#define REPARSE_BATCH 1000

struct reparse_opts {
	const char *only_source;	/* re-extract this source only and
					   carry the others over; NULL: all */
	unsigned workers;		/* extraction threads, 1..16 */
	bool progress;			/* "\rN/M documents, R/s" on stderr */
	bool prune;			/* then drop superseded runs */
};

struct reparse_stats {
	int64_t run_id;			/* the new current run */
	int64_t total;			/* captures to visit */
	uint64_t visited;
	uint64_t documents;		/* extracted and stored */
	uint64_t copied;		/* carried over (only_source) */
	uint64_t skipped;		/* not HTML, too large or corrupt */
	uint64_t without_records;	/* extraction failed: empty document */
	int dropped;			/* abandoned runs removed first */
	int pruned;			/* superseded runs removed after */
	double seconds;			/* wall clock */
	double writer_cpu;		/* CPU seconds of the writer thread:
					   the store's share of the work */
};

/*
 * Runs a whole reparse on s (opened read-write, writer lock held, no
 * transaction open). c and x are borrowed. On success the new run is
 * current and *st is filled. On failure the new run stays incomplete
 * (queries ignore it; the next reparse drops it) and e says why.
 */
int reparse_run(struct store *s, const struct cfg *c,
    const struct extractor *x, const struct reparse_opts *o,
    struct reparse_stats *st, struct err *e);

#endif
