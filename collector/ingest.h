/* SPDX-License-Identifier: ISC */
/*
 * From a stored capture to a document with records: decode the body to
 * UTF-8, run extraction, store the result in a run. Used by crawl/run after
 * each article capture and by reparse over every stored capture, so both
 * paths produce exactly the same records.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "err.h"
#include "extract.h"
#include "store.h"

struct ingest_capture {
	int64_t capture_id;
	int64_t source_id;
	const struct cfg_source *source;	/* profile; NULL = generic */
	const char *url;		/* canonical URL */
	const char *fetched_at;		/* store time format */
	const char *content_type;	/* may be NULL */
	const char *header_charset;	/* charset= from Content-Type, or NULL */
	const unsigned char *body;	/* raw (undecoded) body */
	size_t len;
};

/*
 * Decodes, extracts and stores one capture into run_id. Returns 0 when a
 * document was stored, 1 when the capture is not a document (not HTML, or
 * already in the run), -1 on a store error (e set). Bad pages are data:
 * they yield an empty document, not an error.
 */
int ingest_capture(struct store *s, const struct extractor *x, int64_t run_id,
    const struct ingest_capture *c, struct err *e);

#endif
