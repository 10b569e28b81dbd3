/* SPDX-License-Identifier: ISC */
/*
 * Writing extraction results: runs, documents (with their FTS rows),
 * organisations (gazetteer sync and discovered ones), mentions, events,
 * MOUs, sectors, and the event_group links between reports of the same
 * real-world event. Callers wrap a batch in store_begin/store_commit.
 */
#ifndef STORE_RECORD_H
#define STORE_RECORD_H

#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "store.h"

/*
 * The run crawls append to: the current (newest completed) run, created
 * when the store has none. Also syncs the gazetteer (orgs, aliases, tags)
 * from cfg->entities.
 */
int store_run_current(struct store *s, const struct cfg *c, int64_t *run_id,
    struct err *e);

/* A new, not yet completed run for reparse. */
int store_run_begin(struct store *s, const struct cfg *c, const char *kind,
    int64_t *run_id, struct err *e);
/* Marks it completed: it becomes the current run. */
int store_run_complete(struct store *s, int64_t run_id, struct err *e);

/*
 * Stores r as the document of capture_id in run_id, with all its records.
 * *document_id receives the new id. Returns 1 (and stores nothing) when the
 * run already has a document for that capture.
 */
int store_document_insert(struct store *s, int64_t run_id, int64_t capture_id,
    int64_t source_id, const char *url, const struct extract_result *r,
    int64_t *document_id, struct err *e);

#endif
