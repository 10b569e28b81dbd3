/* SPDX-License-Identifier: ISC */
/*
 * From a stored capture to a document with records: decode the body to
 * UTF-8, run extraction, store the result in a run. Used by crawl/run after
 * each article capture and by reparse over every stored capture, so both
 * paths produce exactly the same records. Reparse runs the pure half
 * (ingest_prepare) on worker threads and the store half on its writer.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "charset.h"
#include "err.h"
#include "extract.h"
#include "store.h"

/* Larger bodies are not documents (the fetcher's cap is far below it). */
#define INGEST_MAX_BODY (32u << 20)

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
 * they yield an empty document, not an error (the extraction error is
 * logged as a warning).
 */
int ingest_capture(struct store *s, const struct extractor *x, int64_t run_id,
    const struct ingest_capture *c, struct err *e);

/* A decoded and extracted capture, not yet stored. */
struct ingest_doc {
	struct charset_result cs;	/* the decoded page (cs.utf8 owned) */
	struct extract_result *result;	/* owned; NULL when extraction
					   failed: stored as an empty document */
	struct err extract_err;		/* why, when result is NULL */
};

/*
 * The pure half: no store, safe on several threads at once (x is
 * read-only). Returns 0 with *d filled (release with ingest_doc_deinit),
 * or 1 when c is not a document (not HTML, over INGEST_MAX_BODY).
 */
int ingest_prepare(const struct extractor *x, const struct ingest_capture *c,
    struct ingest_doc *d);

/* True when c is a document: HTML, at most INGEST_MAX_BODY bytes. */
bool ingest_is_document(const struct ingest_capture *c);

/*
 * ingest_prepare for a body the caller has decoded already (with
 * charset_decode, c->header_charset and the same body): the crawl decodes
 * every page once, for its capture row and its document. On 0, *cs has
 * moved into d (and is cleared); on 1 it is left to the caller.
 */
int ingest_prepare_decoded(const struct extractor *x,
    const struct ingest_capture *c, struct charset_result *cs,
    struct ingest_doc *d);

/* The store half: 0 stored, 1 already in the run, -1 on error. */
int ingest_store(struct store *s, int64_t run_id,
    const struct ingest_capture *c, const struct ingest_doc *d,
    struct err *e);

void ingest_doc_deinit(struct ingest_doc *d);

/* True for HTML: an HTML media type, or none and the body looks like it. */
bool ingest_is_html(const char *content_type, const unsigned char *body,
    size_t len);

/*
 * The charset= parameter of the last Content-Type in raw response headers
 * (redirects leave several header blocks) into out; false when none or
 * not a plausible charset name.
 */
bool ingest_header_charset(const char *headers, char *out, size_t size);

#endif
