/* SPDX-License-Identifier: ISC */
/*
 * For schema/store_read*.c only: SQL fragments every read query shares
 * (the run's current documents, an organisation's tags, the date window)
 * and the helpers that bind a struct store_filter and read columns. The
 * fragments are string literals, so each query stays one static string.
 */
#ifndef STORE_READ_PRIV_H
#define STORE_READ_PRIV_H

#include "store_priv.h"
#include "store_read.h"

/*
 * cur: the run read (:run, else the newest completed); doc: its documents,
 * only the newest capture of each URL (unless :doc names one, which may
 * be an older capture's), with day = publication date, else the fetch day.
 * Captures are append-only, so the newest capture of a URL is the one with
 * the highest id, which document_url_run answers without reading capture
 * rows (they hold the bodies). Capture columns are subqueries so that
 * SQLite reads a capture row only for a column a query uses.
 */
#define SQL_DOC_BODY(NEAR)                                                   \
	"WITH cur(id) AS (SELECT coalesce(:run, "                            \
	"(SELECT max(id) FROM run WHERE completed_at IS NOT NULL))), "       \
	"doc AS (SELECT d.id, d.url, d.title, d.published, "                 \
	"d.lang, d.capture_id, d.text_chars, d.source_id, d.run_id, "        \
	"(SELECT fetched_at FROM capture WHERE id = d.capture_id) "          \
	"AS fetched_at, "                                                    \
	"(SELECT sha256 FROM capture WHERE id = d.capture_id) AS sha256, "   \
	"coalesce(d.published, (SELECT substr(fetched_at, 1, 10) "           \
	"FROM capture WHERE id = d.capture_id)) AS day "                     \
	"FROM document d WHERE d.run_id = (SELECT id FROM cur) " NEAR        \
	"AND (:doc IS NOT NULL OR NOT EXISTS (SELECT 1 FROM document d2 "    \
	"WHERE d2.url = d.url AND d2.run_id = d.run_id "                     \
	"AND d2.capture_id > d.capture_id))) "
#define SQL_WITH_DOC SQL_DOC_BODY("")

/*
 * A cheap pre-filter on a date column X that can only be NULL or fall
 * short of the exact window test: :lo is the month of :since, :hi is
 * :until (both always bound). Written on one table's column, SQLite
 * applies it on the index entry, before any join: a year's digest then
 * visits a year of records, not the whole run.
 */
#define SQL_NEAR_WINDOW(X) "(" X " IS NULL OR " X " BETWEEN :lo AND :hi) "

/* doc limited to documents published near the window (or undated). */
#define SQL_WITH_DOC_NEAR SQL_DOC_BODY("AND " SQL_NEAR_WINDOW("d.published"))

/* X (a date, maybe only 'YYYY-MM') overlaps [:since, :until]. */
#define SQL_IN_WINDOW(X)                                                     \
	"(:since IS NULL OR " X " >= substr(:since, 1, length(" X "))) "     \
	"AND (:until IS NULL OR " X " <= substr(:until, 1, length(" X "))) "

/*
 * Comma-separated tags of organisation ID (org_tag's, in key order), then
 * the derived 'unverified' and 'watchlisted'. UNION ALL without a sort:
 * it runs once per listed party, tens of thousands of times in a digest.
 */
#define SQL_TAGS(ID)                                                         \
	"(SELECT group_concat(tag, ',') FROM (SELECT tag FROM org_tag "      \
	"WHERE org_id = " ID " UNION ALL SELECT 'unverified' FROM org "      \
	"WHERE id = " ID " AND unverified = 1 AND NOT EXISTS (SELECT 1 "     \
	"FROM org_tag WHERE org_id = " ID " AND tag = 'unverified') "        \
	"UNION ALL SELECT 'watchlisted' WHERE EXISTS (SELECT 1 FROM "        \
	"watchlist_entry WHERE org_id = " ID ") AND NOT EXISTS (SELECT 1 "   \
	"FROM org_tag WHERE org_id = " ID " AND tag = 'watchlisted')))"

/* Organisation ID carries :tag. */
#define SQL_HAS_TAG(ID)                                                      \
	"(EXISTS (SELECT 1 FROM org_tag WHERE org_id = " ID                  \
	" AND tag = :tag) OR (:tag = 'watchlisted' AND EXISTS (SELECT 1 "    \
	"FROM watchlist_entry WHERE org_id = " ID ")) OR (:tag = "           \
	"'unverified' AND EXISTS (SELECT 1 FROM org WHERE id = " ID          \
	" AND unverified = 1)))"

/* Organisation ID is one of :orgs. */
#define SQL_IN_ORGS(ID) ID " IN (SELECT value FROM json_each(:orgs))"

/* Binds every field of f whose :name the statement uses. */
void store_read_bind(sqlite3_stmt *st, const struct store_filter *f);

/* Steps st, calling row(st, ...) for each row, which calls the user fn. */
int store_read_loop(struct store *s, sqlite3_stmt *st,
    int (*row)(sqlite3_stmt *, void *, void *, struct err *), void *fn,
    void *arg, struct err *e);

/* Column i as text (NULL when NULL). */
const char *store_col_text(sqlite3_stmt *st, int i);

/* Reads a party row laid out as SQL_PARTY_COLS. */
#define SQL_PARTY_COLS(O)                                                    \
	O ".id, " O ".canonical, " O ".entity_id, " SQL_TAGS(O ".id") ", "   \
	O ".country, " O ".kind, " O ".unverified"
int store_read_party(sqlite3_stmt *st, void *fn, void *arg, struct err *e);

/* Reads a fetch_log row (at, url, source, outcome, status, error,
 * capture_id). */
int store_read_fetch_row(sqlite3_stmt *st, void *fn, void *arg,
    struct err *e);

#endif
