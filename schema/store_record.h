/* SPDX-License-Identifier: ISC */
/*
 * Writing extraction results: runs, documents (with their FTS rows),
 * organisations (gazetteer sync and discovered ones), mentions, events,
 * MOUs, sectors, and the event_group links between reports of the same
 * real-world event. Callers wrap a batch in store_begin/store_commit;
 * every function here is also atomic on its own (a savepoint), so a
 * failure never leaves half a document behind.
 */
#ifndef STORE_RECORD_H
#define STORE_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "store.h"

/*
 * The run crawls append to: the current (newest completed) run, created
 * (kind 'crawl', completed at once) when the store has none. Also syncs
 * the gazetteer (orgs, aliases, tags) from cfg->entities.
 */
int store_run_current(struct store *s, const struct cfg *c, int64_t *run_id,
    struct err *e);

/*
 * The current run's id without creating one or syncing anything: 0 with
 * *run_id set, 1 when the store has no completed run, -1 on error.
 */
int store_run_latest(struct store *s, int64_t *run_id, struct err *e);

/* A new, not yet completed run (kind "crawl" or "reparse"); syncs the
 * gazetteer first. */
int store_run_begin(struct store *s, const struct cfg *c, const char *kind,
    int64_t *run_id, struct err *e);
/*
 * Full-text indexes the documents of run_id not indexed yet. Documents of
 * a run that is not completed are not indexed as they are inserted
 * (schema 0006: FTS5 would write one segment per document); their writer
 * calls this before every commit, so no committed document goes without
 * its index rows.
 */
int store_run_index(struct store *s, int64_t run_id, struct err *e);

/*
 * Full-text indexing in bulk, for a writer that stores many documents per
 * transaction (a crawl committing every N pages): while deferred, the
 * documents this connection inserts are not indexed row by row; they are
 * indexed by store_fts_flush(), which store_commit() (and any commit a
 * store function makes on its own) calls first, so a committed document
 * always has its index rows and a kill -9 loses nothing but the
 * uncommitted batch. Off by default, per connection: other writers index
 * row by row. Turning it off flushes first. Documents inserted while
 * deferred must not be deleted or updated before the flush (nothing
 * does: runs are dropped in transactions of their own).
 */
int store_fts_defer(struct store *s, bool on, struct err *e);

/*
 * Indexes every document of the store not indexed yet (those inserted in
 * the current transaction while deferred, and a run being built by
 * reparse): one INSERT ... SELECT per index. Cheap when there are none.
 */
int store_fts_flush(struct store *s, struct err *e);

/* Indexes what is left, then marks the run completed: it becomes the
 * current run. */
int store_run_complete(struct store *s, int64_t run_id, struct err *e);

/*
 * Deletes runs that never completed (left by an interrupted reparse) with
 * all their rows, committing every few hundred documents so the work is
 * bounded and resumable. Needs the writer lock and no open transaction.
 * *ndropped (may be NULL) receives the number of runs removed.
 */
int store_run_drop_incomplete(struct store *s, int *ndropped, struct err *e);

/*
 * Deletes completed runs older than the current one, likewise. Their
 * records are no longer read by any query; unverified organisations they
 * introduced stay (identity rows are never deleted).
 */
int store_run_drop_superseded(struct store *s, int *ndropped, struct err *e);

/*
 * Makes org, org_alias (origin 'gazetteer') and org_tag (origin
 * 'gazetteer') agree with c->entities, keyed by entity id. Idempotent;
 * costs one lookup when the entities have not changed since the last sync.
 */
int store_gazetteer_sync(struct store *s, const struct cfg *c, struct err *e);

/*
 * Tunes the connection for a long batch of writes (reparse): a page
 * cache of 64 MiB (memory stays bounded by that) and a WAL checkpoint
 * every 10000 pages.
 */
int store_bulk_mode(struct store *s, struct err *e);

/*
 * Tunes the connection of a long-lived writer that should stay small
 * (crawl, the daemon): a page cache of 512 KiB instead of SQLite's 2 MB,
 * statement journals in memory instead of temporary files, and a WAL
 * checkpointed every ~40 MiB instead of every 4.
 */
int store_lean_mode(struct store *s, struct err *e);
/*
 * For such a writer's process, before it opens any store: SQLite keeps no
 * memory statistics (a global mutex and counters on every allocation it
 * makes, ~1/3 of its malloc/free cost; nothing here reads them).
 */
void store_lean_init(void);

/* Where a document comes from. */
struct store_doc {
	int64_t run_id;
	int64_t capture_id;
	int64_t source_id;
	const char *url;		/* canonical URL of the capture */
	const char *charset;		/* charset decoded with, or NULL */
	const char *charset_source;	/* header, bom, meta, detected, ... */
};

/*
 * Stores r as the document of d->capture_id in d->run_id, with all its
 * records; events and MOUs join an existing event_group of the run when
 * they report the same happening (see store_group.c), else a new one.
 * *document_id receives the new id. Returns 1 (and stores nothing) when
 * the run already has a document for that capture.
 */
int store_document_insert(struct store *s, const struct store_doc *d,
    const struct extract_result *r, int64_t *document_id, struct err *e);

/*
 * Copies document old_id (of another run) with all its records into
 * run_id, regrouping its events and MOUs within run_id: what reparse
 * --source does for the sources it does not re-extract. Returns 1 when
 * run_id already has a document for that capture.
 */
int store_document_copy(struct store *s, int64_t run_id, int64_t old_id,
    int64_t *document_id, struct err *e);

#endif
