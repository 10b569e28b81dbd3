/* SPDX-License-Identifier: ISC */
/*
 * What the fetcher writes: captures (each stored response, its body
 * zlib-compressed), the per-URL state that conditional GET and revisit
 * pacing need (url_state), one fetch_log row per attempt, and a source's
 * backfill flag. The schedule columns of source are store_sched.h's.
 * Callers group a page's rows in store_begin/store_commit, so a capture,
 * its url_state and its document commit together or not at all.
 */
#ifndef STORE_CAPTURE_H
#define STORE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "store.h"

/* A response to keep. Every pointer is borrowed for the call. */
struct store_capture_rec {
	int64_t source_id;
	const char *url;        /* canonical requested URL */
	const char *final_url;  /* after redirects */
	const char *fetched_at; /* store time format */
	long status;
	const char *headers;      /* raw, CRLF-separated */
	const char *content_type; /* media type or NULL */
	const char *etag;
	const char *last_modified;
	const char *charset; /* NULL for bodies that are not text */
	const char *charset_source;
	const char *kind;   /* list, article, page, robots, asset */
	const char *sha256; /* hex digest of body */
	const void *body;
	size_t len; /* of the body, uncompressed */
	/*
	 * The body already through zbody_deflate (by a worker thread), bound
	 * as is; NULL: the body is compressed here.
	 */
	const void *zbody;
	size_t zlen;
};

/* Stores c (compressing its body unless zbody); *id receives its id. */
int store_capture_insert(struct store *s, const struct store_capture_rec *c,
    int64_t *id, struct err *e);

/*
 * The uncompressed body of capture id into out (appended), refusing more
 * than max bytes. Returns 1 when there is no such capture.
 */
int store_capture_body(
    struct store *s, int64_t id, size_t max, struct buf *out, struct err *e);

/* The state of one URL. Strings are owned: store_url_state_clear. */
struct store_url_state {
	int64_t source_id;
	char kind[16];           /* list, article, page, robots, asset */
	char *etag;              /* NULL when none */
	char *last_modified;     /* HTTP date as received, or NULL */
	char sha256[65];         /* "" when nothing stored */
	int64_t capture_id;      /* 0 when nothing stored */
	int64_t last_fetched_at; /* 0 when never */
	int64_t next_visit_at;   /* 0: no revisit planned */
};

/* Reads url's state; returns 1 (and clears *out) when the URL is new. */
int store_url_state_get(struct store *s, const char *url,
    struct store_url_state *out, struct err *e);
void store_url_state_clear(struct store_url_state *st);

/* Writes url's state (all columns; first_seen_at is kept on update). */
int store_url_state_put(struct store *s, const char *url,
    const struct store_url_state *st, struct err *e);

/*
 * Calls fn for up to limit URLs of source_id (articles, pages, assets)
 * whose revisit time is at or before now, oldest due first. fn's url is
 * borrowed for the call; fn returning -1 stops with that error.
 */
int store_url_due_each(struct store *s, int64_t source_id, int64_t now,
    unsigned limit, int (*fn)(void *arg, const char *url, struct err *e),
    void *arg, struct err *e);

/* One fetch attempt. Every pointer is borrowed for the call. */
struct store_fetch_rec {
	int64_t source_id; /* 0: none */
	const char *url;
	const char *at;
	unsigned attempt;    /* 1 = first try */
	long status;         /* 0: no response */
	const char *outcome; /* stored, unchanged, not_modified, http_error,
	                        error, robots_disallowed, refused */
	const char *error;   /* NULL on success */
	uint64_t bytes;
	uint64_t ms;
	bool conditional;
	const char *robots; /* allowed, disallowed, unchecked, unavailable */
	const char *user_agent;
	int64_t capture_id; /* 0: none */
};

int store_fetch_log_insert(
    struct store *s, const struct store_fetch_rec *f, struct err *e);

/* Whether source_id finished a full archive walk; and recording that. */
int store_source_backfilled(
    struct store *s, int64_t source_id, bool *out, struct err *e);
int store_source_set_backfilled(
    struct store *s, int64_t source_id, struct err *e);

#endif
