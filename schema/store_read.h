/* SPDX-License-Identifier: ISC */
/*
 * The read side of the store, for report/: events, MOUs, organisations,
 * documents with their provenance, full-text search, statistics and what
 * the digest and the exports need. Everything reads one extraction run
 * (the current one unless a filter names another) and, within it, only
 * the document of the newest capture of each URL, as v_document does.
 *
 * Rows are handed to a callback one at a time; their strings are borrowed
 * and valid only during the call. A callback returns 0 to go on, or -1
 * (with e set) to stop; the iterator then returns -1 too. Iterators of
 * different kinds may nest (a document callback may list its organisations)
 * but an iterator must not be re-entered from its own callback.
 */
#ifndef STORE_READ_H
#define STORE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store.h"

/*
 * Filters shared by the record iterators. Dates are 'YYYY-MM-DD',
 * inclusive; a record dated only to a month matches when the month
 * overlaps. A record's date is its own (event/MOU date) or else its
 * document's publication date, else the day it was fetched.
 */
struct store_filter {
	int64_t run_id;		/* 0: the current run */
	int64_t document_id;	/* 0: any document */
	const char *since;	/* NULL: open */
	const char *until;
	const char *org_ids;	/* JSON array of org ids ("[3,7]"), NULL: any */
	const char *tag;	/* an org tag, or "watchlisted"/"unverified" */
	const char *source;	/* source name */
	const char *type;	/* event type; org kind; document lang */
	int64_t limit;		/* <= 0: no limit */
	bool ascending;		/* oldest first (default newest first) */
};

/*
 * Tunes a read-only connection for large scans: a bigger page cache and
 * memory-mapped reads (the file is only read, so mapping it is safe and
 * saves a read() per page). 0, or -1 with e set.
 */
int store_read_tune(struct store *s, struct err *e);

/*
 * The current run (newest completed): 0 with *run_id set, 1 when the
 * store has no completed run yet, -1 on error.
 */
int store_read_run(struct store *s, int64_t *run_id, struct err *e);

/*
 * Organisations known under name: an alias in any script, the canonical
 * name or the gazetteer id, compared case-insensitively (ASCII); with
 * substring, any alias containing name. Appends each id once to *ids
 * (grown with xreallocarray; the caller frees it) and counts in *n.
 */
int store_org_find(struct store *s, const char *name, bool substring,
    int64_t **ids, size_t *n, struct err *e);

/* An organisation taking part in a record or mentioned by a document. */
struct store_party {
	int64_t org_id;
	const char *name;	/* as written in the document */
	const char *canonical;
	const char *entity_id;	/* NULL when not in the gazetteer */
	const char *role;	/* events only, else NULL */
	const char *tags;	/* comma-separated, sorted; NULL when none */
	const char *country;
	const char *kind;
	bool unverified;
	int64_t mentions;	/* documents only: mentions in the document */
};
typedef int (*store_party_fn)(void *arg, const struct store_party *p,
    struct err *e);

/* An event or an MOU (type, name are NULL for MOUs). */
struct store_record {
	int64_t id;
	int64_t document_id;
	int64_t group_id;	/* 0 when none */
	const char *url;
	const char *type;
	const char *name;
	const char *date;	/* as extracted, may be NULL */
	const char *day;	/* date, or the document's date */
	const char *location;
	const char *evidence;
	int64_t start, end;	/* evidence span, code points in the text */
	const char *title;	/* of the document */
	const char *published;
	const char *source;
	const char *sectors;	/* comma-separated, may be NULL */
};
typedef int (*store_record_fn)(void *arg, const struct store_record *r,
    struct err *e);

int store_events_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e);
int store_mous_each(struct store *s, const struct store_filter *f,
    store_record_fn fn, void *arg, struct err *e);
/* Hosts first, then by role and name. */
int store_event_orgs_each(struct store *s, int64_t event_id,
    store_party_fn fn, void *arg, struct err *e);
int store_mou_parties_each(struct store *s, int64_t mou_id,
    store_party_fn fn, void *arg, struct err *e);

struct store_org {
	int64_t id;
	const char *canonical;
	const char *entity_id;
	const char *country;
	const char *kind;
	const char *tags;	/* comma-separated, may be NULL */
	const char *names;	/* aliases separated by STORE_SEP */
	const char *first_seen;	/* day of the first mentioning document */
	const char *last_seen;
	int64_t mentions;	/* in the run's documents */
	bool unverified;
};
#define STORE_SEP '\x1f'
typedef int (*store_org_fn)(void *arg, const struct store_org *o,
    struct err *e);

/*
 * Organisations, most mentioned first. since/until keep those seen in the
 * period (first_seen <= until, last_seen >= since); without them every
 * organisation is listed, with 0 mentions when never seen.
 */
int store_orgs_each(struct store *s, const struct store_filter *f,
    store_org_fn fn, void *arg, struct err *e);

/*
 * Organisations whose first sighting in the run falls in the period;
 * first_seen, last_seen and mentions count within the period.
 */
int store_orgs_new_each(struct store *s, const struct store_filter *f,
    store_org_fn fn, void *arg, struct err *e);

struct store_doc {
	int64_t id;
	int64_t run_id;
	int64_t capture_id;
	const char *url;
	const char *title;
	const char *published;
	const char *day;
	const char *lang;
	const char *fetched_at;	/* of its capture */
	const char *capture_sha256;
	const char *source;
	const char *sectors;	/* comma-separated, may be NULL */
	const char *text;	/* store_doc_get only, else NULL */
	const char *charset;	/* store_doc_get only */
	int64_t text_chars;
	/* store_search_each only: */
	const char *title_marked;	/* title, matches in STORE_MARK_* */
	const char *snippet;	/* text around the best match, marked */
	double rank;		/* bm25, lower is better */
};
typedef int (*store_doc_fn)(void *arg, const struct store_doc *d,
    struct err *e);

/* Marks around matched text in search results. */
#define STORE_MARK_OPEN '\x02'
#define STORE_MARK_CLOSE '\x03'

int store_docs_each(struct store *s, const struct store_filter *f,
    store_doc_fn fn, void *arg, struct err *e);
/* Documents in f's window (since, until, source): their number only. */
int store_docs_count(struct store *s, const struct store_filter *f,
    int64_t *n, struct err *e);
/* Every organisation a document mentions, in order of first mention. */
int store_doc_orgs_each(struct store *s, int64_t document_id,
    store_party_fn fn, void *arg, struct err *e);

/*
 * One document by id (any run), or by URL (the current run's, else the
 * newest of any run), with its text: 0 when found (fn called once), 1
 * when there is no such document, -1 on error.
 */
int store_doc_get(struct store *s, int64_t id, const char *url,
    store_doc_fn fn, void *arg, struct err *e);

/*
 * Full-text search: match is an FTS5 query for the kwcjk index (the
 * caller quotes user text). Ranked by bm25, title matches weigh double,
 * among the STORE_SEARCH_CANDIDATES most recently stored matching
 * documents (all of them for any but very common words). Uses since,
 * until, source and limit of f.
 */
#define STORE_SEARCH_CANDIDATES 2000
int store_search_each(struct store *s, const char *match,
    const struct store_filter *f, store_doc_fn fn, void *arg,
    struct err *e);

/*
 * A process that searches once: store_search_init() before it opens any
 * store (later it does nothing), store_search_tune(s) after store_open and
 * store_read_tune. They give SQLite's page cache memory in huge pages and
 * read the file with pread instead of mapping it: the few hundred pages a
 * search reads once each then cost a copy, not a page fault apiece.
 */
void store_search_init(void);
int store_search_tune(struct store *s, struct err *e);

/* Provenance: every capture and every fetch of a URL, oldest first. */
struct store_capture {
	int64_t id;
	const char *url;
	const char *final_url;
	const char *fetched_at;
	int64_t status;
	const char *sha256;
	int64_t size;
	const char *content_type;
	const char *charset;
	const char *kind;
	const char *source;
	const char *headers;	/* store_captures_each only */
	const char *user_agent;	/* of the fetch that stored it, may be NULL */
	const void *body;	/* store_captures_each only, as stored */
	size_t body_len;
	bool compressed;	/* body is zlib-compressed */
};
typedef int (*store_capture_fn)(void *arg, const struct store_capture *c,
    struct err *e);

struct store_fetch {
	const char *at;
	const char *url;
	const char *source;
	const char *outcome;
	int64_t status;		/* 0 when no response */
	const char *error;
	int64_t capture_id;	/* 0 when nothing stored */
};
typedef int (*store_fetch_fn)(void *arg, const struct store_fetch *f,
    struct err *e);

int store_url_captures_each(struct store *s, const char *url,
    store_capture_fn fn, void *arg, struct err *e);
int store_url_fetches_each(struct store *s, const char *url,
    store_fetch_fn fn, void *arg, struct err *e);

/* Every capture with headers and body, for WARC; since/until on the
 * fetch time, source by name. */
int store_captures_each(struct store *s, const struct store_filter *f,
    store_capture_fn fn, void *arg, struct err *e);

struct store_mention {
	int64_t id;
	const char *kind;
	int64_t start, end;
	const char *surface;
	const char *value;
	const char *canonical;	/* org mentions only */
};
typedef int (*store_mention_fn)(void *arg, const struct store_mention *m,
    struct err *e);

/* A document's mentions in text order. */
int store_doc_mentions_each(struct store *s, int64_t document_id,
    store_mention_fn fn, void *arg, struct err *e);

/* Statistics. */
struct store_source_stats {
	const char *name;
	const char *url;
	int64_t captures;
	int64_t documents;	/* in the current run */
	const char *last_fetch;	/* latest fetch_log time */
	const char *last_success;	/* latest stored/unchanged fetch */
	int64_t failures;	/* consecutive failed rounds */
	const char *last_error;
	int64_t errors_day;	/* failed fetches since the given time */
};
typedef int (*store_source_fn)(void *arg, const struct store_source_stats *st,
    struct err *e);
int store_sources_stats_each(struct store *s, const char *since_time,
    store_source_fn fn, void *arg, struct err *e);

struct store_run_stats {
	int64_t id;
	const char *kind;
	const char *started_at;
	const char *completed_at;	/* NULL: incomplete */
	int64_t documents, mentions, events, mous;
	bool current;
};
typedef int (*store_run_fn)(void *arg, const struct store_run_stats *r,
    struct err *e);
int store_runs_stats_each(struct store *s, store_run_fn fn, void *arg,
    struct err *e);

/* Row counts of the whole store (all runs). */
struct store_totals {
	int64_t sources, captures, capture_bytes, fetches, documents, orgs,
	    unverified_orgs, watchlisted;
};
int store_totals_get(struct store *s, struct store_totals *t, struct err *e);

/* Failed fetches since a time, newest first. */
int store_fetch_errors_each(struct store *s, const char *since_time,
    int64_t limit, store_fetch_fn fn, void *arg, struct err *e);

#endif
