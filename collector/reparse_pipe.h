/* SPDX-License-Identifier: ISC */
/*
 * The reparse pipeline, internal to reparse.c: a feeder reading captures
 * in id-range batches (shared by the workers under a lock), N extraction
 * workers, and a reorder ring of fixed size from which the writer takes
 * the results in capture order. The ring is the only queue: a worker that
 * is too far ahead waits for the writer, so at most RING + N captures are
 * in memory at once.
 */
#ifndef REPARSE_PIPE_H
#define REPARSE_PIPE_H

#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "ingest.h"
#include "store.h"
#include "store_scan.h"

enum reparse_item_kind {
	REPARSE_ITEM_DOC,	/* doc holds a decoded, extracted page */
	REPARSE_ITEM_COPY,	/* copy_document_id: carry it over */
	REPARSE_ITEM_SKIP,	/* not a document (not HTML, too large) */
	REPARSE_ITEM_CORRUPT,	/* the stored body does not decompress */
};

struct reparse_item {
	uint64_t seq;			/* position in capture order */
	enum reparse_item_kind kind;
	struct ingest_capture cap;	/* its strings point below */
	int64_t copy_document_id;
	struct ingest_doc doc;		/* REPARSE_ITEM_DOC */
	char *url, *fetched_at, *content_type;
	char charset[48];
	unsigned char *zbody;		/* as stored; freed once processed */
	size_t zlen;
	int64_t size;			/* uncompressed bytes, per the row */
	bool compressed;
};

/* capture.source_id to the configured profile (NULL: generic). */
struct reparse_source {
	int64_t id;
	const struct cfg_source *profile;
};

struct reparse_pipe;

/*
 * Starts the workers. rd is a connection for the feeder only (read
 * side); q says what to scan (after_id is advanced internally); sources
 * (sorted by id) and x are borrowed until reparse_pipe_free.
 */
int reparse_pipe_start(struct store *rd, const struct store_scan_query *q,
    const struct extractor *x, const struct reparse_source *sources,
    size_t nsources, unsigned workers, struct reparse_pipe **out,
    struct err *e);

/*
 * The next item in capture order: 1 with *item (owned by the caller,
 * reparse_item_free), 0 at the end, -1 when the feeder failed (e set).
 */
int reparse_pipe_take(struct reparse_pipe *p, struct reparse_item **item,
    struct err *e);

/* Stops (early or not), joins the workers and frees everything. */
void reparse_pipe_free(struct reparse_pipe *p);

void reparse_item_free(struct reparse_item *it);

#endif
