/* SPDX-License-Identifier: ISC */
/*
 * What the read-side commands share: their common options, opening the
 * store read-only, turning option values into a struct store_filter
 * (dates, durations, organisation names in any script), the JSON shape
 * of each record kind (DESIGN.md's field names), terminal tables and
 * buffered output. Formatting only: the SQL lives in schema/store_read*.c.
 */
#ifndef QUERY_H
#define QUERY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "err.h"
#include "store.h"
#include "store_read.h"

enum query_format {
	QUERY_TABLE,
	QUERY_JSON,
	QUERY_CSV,
	QUERY_MD,
	QUERY_HTML,
};

/* Options every read command may take; strings borrow from argv. */
struct query_opts {
	const char *since, *until;	/* as given: date, month or 7d/4w */
	const char *org, *tag, *source, *type;
	const char *format;		/* NULL: the command's default */
	const char *output;		/* --output FILE, NULL: stdout */
	int64_t limit;
	int64_t run_id;
	int optind;			/* first operand in argv */
};

/* Option bits a command accepts. */
#define QUERY_OPT_FILTER 0x01	/* --since --until --org --tag --source --type */
#define QUERY_OPT_LIMIT 0x02
#define QUERY_OPT_FORMAT 0x04
#define QUERY_OPT_OUTPUT 0x08
#define QUERY_OPT_RUN 0x10

/*
 * Parses argv (argv[0] is the command) with getopt_long, accepting the
 * options in mask. Returns 0, or -1 with e set (a usage error).
 */
int query_opts_parse(int argc, char **argv, unsigned mask,
    struct query_opts *o, struct err *e);

/* Parses a --format value among those allowed (a mask of 1 << format). */
int query_format_parse(const char *s, unsigned allowed,
    enum query_format *out, struct err *e);

/*
 * A date option as 'YYYY-MM-DD': YYYY-MM-DD, YYYY-MM (its first day, or
 * its last with until) or a duration Nd/Nw/Nm/Ny meaning "N ago" from now.
 * Returns 0, or -1 with e set.
 */
int query_date_parse(const char *arg, bool until, time_t now, char out[11],
    struct err *e);

/*
 * Opens the store read-only (from --db, else the configuration's
 * store.path). Returns 0, or a sysexits code after logging why.
 */
int query_store_open(struct cli *cli, struct store **out);

/*
 * Builds f from o. Dates go into since/until (11-byte buffers the caller
 * provides); --org is normalised (NFKC), tried as written and in
 * Simplified and Traditional Chinese, exactly, then as a substring; the
 * matching organisation ids go into *org_ids as a JSON array (caller
 * frees). Returns 0, 1 when --org matches no organisation (stderr says
 * so), -1 with e set on a bad value.
 */
int query_filter_build(struct store *s, const struct query_opts *o,
    struct store_filter *f, char since[11], char until[11], char **org_ids,
    struct err *e);

/*
 * Name variants to look an organisation or a search term up by: the
 * NFKC-normalised text, then, when it has Han characters, its Simplified
 * and Traditional forms (each character at OpenCC's default), then the
 * forms of characters with several candidates (签约: 籤約 and 簽約), all
 * different. *out holds up to QUERY_VARIANTS_MAX owned strings; returns
 * their count (at least 1).
 */
#define QUERY_VARIANTS_MAX 8
int query_variants(const char *s, char *out[QUERY_VARIANTS_MAX]);
void query_variants_free(char *v[QUERY_VARIANTS_MAX], int n);

/*
 * Appends to out[n..max) the Simplified and Traditional forms of s not
 * already in out[0..n) (query_han.c); returns the new count.
 */
int query_han_forms(const char *s, char **out, int n, int max);

/* JSON records (one object, no newline), DESIGN.md field names first. */
int query_json_event(struct buf *b, struct store *s,
    const struct store_record *r, struct err *e);
int query_json_mou(struct buf *b, struct store *s,
    const struct store_record *r, struct err *e);
void query_json_org(struct buf *b, const struct store_org *o);
int query_json_doc(struct buf *b, struct store *s, const struct store_doc *d,
    struct err *e);
/* A comma-separated list as a JSON array of strings ([] for NULL). */
void query_json_list(struct buf *b, const char *list, char sep);

/*
 * "Canonical [role]; ..." of an event's organisations or a MOU's parties
 * (role omitted for MOUs), for tables and CSV.
 */
int query_parties_text(struct buf *b, struct store *s, bool event,
    int64_t id, struct err *e);

/*
 * Text with matches marked by STORE_MARK_OPEN/CLOSE, rendered for a
 * terminal (escaped; bold when bold is true, else the marks dropped) or
 * as plain text for JSON (marks become « and »).
 */
void query_marked_term(struct buf *b, const char *s, bool bold);
void query_marked_plain(struct buf *b, const char *s);

/*
 * The code points [start, end) of text with ctx code points around them,
 * the span between STORE_MARK_OPEN/CLOSE, … where cut. Returns -1 (and
 * appends nothing) when the span is not inside text.
 */
int query_text_context(struct buf *b, const char *text, int64_t start,
    int64_t end, int64_t ctx);

/* A table of text cells fitted to the terminal (see query_table.c). */
struct query_table;
struct query_table *query_table_new(int ncols, const char *const *headers);
/* Adds a row of ncols cells (copied; NULL prints as empty). */
void query_table_add(struct query_table *t, const char *const *cells);
/* Marks a column as one that keeps its full width when space is short. */
void query_table_fixed(struct query_table *t, int col);
/* Writes the table to b, fitted to width display columns. */
void query_table_render(struct query_table *t, struct buf *b, size_t width);
void query_table_free(struct query_table *t);

/* Columns of the terminal on stdout ($COLUMNS, else 80; 200 if no tty). */
size_t query_term_width(void);

/*
 * Output: query_out_open opens o->output (or stdout); query_out_flush
 * writes b out and empties it; query_out_close flushes, closes a file
 * and reports a write error. All return 0 or -1 with e set.
 */
int query_out_open(const char *path, FILE **out, struct err *e);
int query_out_flush(struct buf *b, FILE *f, struct err *e);
int query_out_close(struct buf *b, FILE *f, const char *path, struct err *e);
/* After a failure: closes a file without putting it in place. */
void query_out_abort(FILE *f, const char *path);

/* The record kinds of `query` and the exports. */
enum query_kind {
	QUERY_EVENTS,
	QUERY_MOUS,
	QUERY_ORGS,
	QUERY_DOCS,
};
int query_kind_parse(const char *s, enum query_kind *out);

/*
 * Writes every record of kind k matching f as fmt (table, json or csv)
 * to out, through b. With label (JSON only), each object starts with
 * "record": label. With csv_header false the CSV header row is left out.
 * Returns the number of records, or -1 with e set.
 */
int64_t query_emit(struct store *s, enum query_kind k,
    const struct store_filter *f, enum query_format fmt, const char *label,
    bool csv_header, struct buf *b, FILE *out, struct err *e);

#endif
