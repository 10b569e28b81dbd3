/* SPDX-License-Identifier: ISC */
/*
 * kicwatch stats: what the store holds and how collection is going:
 * totals, per source (captures, documents, last fetch, last success,
 * failures, errors in the last day), per extraction run (documents,
 * mentions, events, MOUs) and the failed fetches of the last day.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "esc.h"
#include "json.h"
#include "log.h"
#include "query.h"

#define STATS_ERRORS_SHOWN 20

static const char stats_usage[] =
    "usage: kicwatch stats [--format table|json]\n"
    "\n"
    "Sources, captures, documents, records per extraction run, the last\n"
    "successful fetch of each source and the fetch errors of the last day.\n";

struct stats {
	struct buf *b;
	bool json, first;
	struct query_table *t;
};

static void
num(struct buf *b, int64_t v)
{
	buf_printf(b, "%lld", (long long)v);
}

static int
source_row(void *arg, const struct store_source_stats *r, struct err *e)
{
	struct stats *st = arg;
	char c[24], d[24], f[24], n[24];
	const char *row[8];

	(void)e;
	if (st->json) {
		buf_puts(st->b, st->first ? "{\"name\":" : ",{\"name\":");
		st->first = false;
		json_str(st->b, r->name);
		buf_printf(st->b, ",\"captures\":%lld,\"documents\":%lld,"
				  "\"last_fetch\":", (long long)r->captures,
		    (long long)r->documents);
		json_str(st->b, r->last_fetch);
		buf_puts(st->b, ",\"last_success\":");
		json_str(st->b, r->last_success);
		buf_printf(st->b, ",\"failures\":%lld,\"errors_last_day\":%lld,"
				  "\"last_error\":", (long long)r->failures,
		    (long long)r->errors_day);
		json_str(st->b, r->last_error);
		buf_putc(st->b, '}');
		return 0;
	}
	snprintf(c, sizeof(c), "%lld", (long long)r->captures);
	snprintf(d, sizeof(d), "%lld", (long long)r->documents);
	snprintf(f, sizeof(f), "%lld", (long long)r->failures);
	snprintf(n, sizeof(n), "%lld", (long long)r->errors_day);
	row[0] = r->name, row[1] = c, row[2] = d, row[3] = r->last_fetch;
	row[4] = r->last_success ? r->last_success : "never", row[5] = f;
	row[6] = n, row[7] = r->last_error;
	query_table_add(st->t, row);
	return 0;
}

static int
run_row(void *arg, const struct store_run_stats *r, struct err *e)
{
	struct stats *st = arg;
	char id[24], dd[24], m[24], ev[24], mo[24];
	const char *row[8];

	(void)e;
	if (st->json) {
		buf_printf(st->b, "%s{\"id\":%lld,\"kind\":", st->first ? "" :
		    ",", (long long)r->id);
		st->first = false;
		json_str(st->b, r->kind);
		buf_puts(st->b, ",\"started_at\":");
		json_str(st->b, r->started_at);
		buf_puts(st->b, ",\"completed_at\":");
		json_str(st->b, r->completed_at);
		buf_printf(st->b, ",\"current\":%s,\"documents\":%lld,"
				  "\"mentions\":%lld,\"events\":%lld,\"mous\":"
				  "%lld}", r->current ? "true" : "false",
		    (long long)r->documents, (long long)r->mentions,
		    (long long)r->events, (long long)r->mous);
		return 0;
	}
	snprintf(id, sizeof(id), "%lld%s", (long long)r->id,
	    r->current ? " *" : "");
	snprintf(dd, sizeof(dd), "%lld", (long long)r->documents);
	snprintf(m, sizeof(m), "%lld", (long long)r->mentions);
	snprintf(ev, sizeof(ev), "%lld", (long long)r->events);
	snprintf(mo, sizeof(mo), "%lld", (long long)r->mous);
	row[0] = id, row[1] = r->kind, row[2] = r->started_at;
	row[3] = r->completed_at ? r->completed_at : "incomplete";
	row[4] = dd, row[5] = m, row[6] = ev, row[7] = mo;
	query_table_add(st->t, row);
	return 0;
}

static int
error_row(void *arg, const struct store_fetch *f, struct err *e)
{
	struct stats *st = arg;

	(void)e;
	if (st->json) {
		buf_puts(st->b, st->first ? "{\"at\":" : ",{\"at\":");
		st->first = false;
		json_str(st->b, f->at);
		buf_puts(st->b, ",\"source\":");
		json_str(st->b, f->source);
		buf_puts(st->b, ",\"url\":");
		json_str(st->b, f->url);
		buf_puts(st->b, ",\"outcome\":");
		json_str(st->b, f->outcome);
		buf_puts(st->b, ",\"status\":");
		if (f->status)
			num(st->b, f->status);
		else
			buf_puts(st->b, "null");
		buf_puts(st->b, ",\"error\":");
		json_str(st->b, f->error);
		buf_putc(st->b, '}');
		return 0;
	}
	st->first = false;
	buf_puts(st->b, "  ");
	esc_term(st->b, f->at, false);
	buf_puts(st->b, "  ");
	esc_term(st->b, f->source, false);
	buf_puts(st->b, "  ");
	esc_term(st->b, f->error ? f->error : f->outcome, false);
	buf_puts(st->b, "  ");
	esc_term(st->b, f->url, false);
	buf_putc(st->b, '\n');
	return 0;
}

static void
totals_text(struct buf *b, struct store *s, const struct store_totals *t,
    int64_t run)
{
	buf_puts(b, "store ");
	esc_term(b, store_path(s), false);
	buf_printf(b, " (schema %d), current run %lld\n", store_schema_version(s),
	    (long long)run);
	buf_printf(b, "%lld sources, %lld captures (%.1f MiB), %lld fetches, "
		      "%lld documents in all runs, %lld organisations (%lld "
		      "unverified, %lld watch-listed)\n\n",
	    (long long)t->sources, (long long)t->captures,
	    (double)t->capture_bytes / 1048576.0, (long long)t->fetches,
	    (long long)t->documents, (long long)t->orgs,
	    (long long)t->unverified_orgs, (long long)t->watchlisted);
}

static void
totals_json(struct buf *b, struct store *s, const struct store_totals *t,
    int64_t run)
{
	buf_puts(b, "{\"store\":");
	json_str(b, store_path(s));
	buf_printf(b, ",\"schema\":%d,\"current_run\":", store_schema_version(s));
	if (run)
		num(b, run);
	else
		buf_puts(b, "null");
	buf_printf(b, ",\"totals\":{\"sources\":%lld,\"captures\":%lld,"
		      "\"capture_bytes\":%lld,\"fetches\":%lld,\"documents\":"
		      "%lld,\"orgs\":%lld,\"unverified_orgs\":%lld,"
		      "\"watchlisted\":%lld}",
	    (long long)t->sources, (long long)t->captures,
	    (long long)t->capture_bytes, (long long)t->fetches,
	    (long long)t->documents, (long long)t->orgs,
	    (long long)t->unverified_orgs, (long long)t->watchlisted);
}

static const char *const source_cols[] = {"SOURCE", "CAPTURES", "DOCUMENTS",
	"LAST FETCH", "LAST SUCCESS", "FAILURES", "ERRORS 24H", "LAST ERROR"};
static const char *const run_cols[] = {"RUN", "KIND", "STARTED", "COMPLETED",
	"DOCUMENTS", "MENTIONS", "EVENTS", "MOUS"};

static int
section(struct stats *st, int which, const char *since, struct store *s,
    struct err *e)
{
	int rc;

	st->first = true;
	if (!st->json)
		st->t = query_table_new(8, which == 0 ? source_cols : run_cols);
	buf_puts(st->b, st->json ? (which == 0 ? ",\"sources\":[" :
						 ",\"runs\":[") : "");
	rc = which == 0 ? store_sources_stats_each(s, since, source_row, st, e)
			: store_runs_stats_each(s, run_row, st, e);
	if (st->json) {
		buf_putc(st->b, ']');
	} else {
		query_table_render(st->t, st->b, query_term_width());
		buf_putc(st->b, '\n');
		query_table_free(st->t);
		st->t = NULL;
	}
	return rc;
}

static int
stats_run(struct store *s, bool json, struct buf *b, struct err *e)
{
	struct stats st = {b, json, true, NULL};
	struct store_totals t = {0};
	char since[21];
	int64_t run = 0;

	store_time_fmt((int64_t)time(NULL) - 86400, since, sizeof(since));
	if (store_totals_get(s, &t, e) == -1 ||
	    store_read_run(s, &run, e) == -1)
		return -1;
	if (json)
		totals_json(b, s, &t, run);
	else
		totals_text(b, s, &t, run);
	if (section(&st, 0, since, s, e) == -1 ||
	    section(&st, 1, since, s, e) == -1)
		return -1;
	st.first = true;
	buf_puts(b, json ? ",\"errors_last_day\":[" : "fetch errors in the "
						       "last day (newest first):\n");
	if (store_fetch_errors_each(s, since, STATS_ERRORS_SHOWN, error_row,
		&st, e) == -1)
		return -1;
	buf_puts(b, json ? "]}\n" : (st.first ? "  none\n" : ""));
	return 0;
}

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	struct buf b = {0};
	bool json = false;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(stats_usage, stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FORMAT, &o, &e) == -1 ||
	    o.optind != argc || (o.format != NULL &&
	    strcmp(o.format, "json") != 0 && strcmp(o.format, "table") != 0)) {
		fputs(stats_usage, stderr);
		return EX_USAGE_;
	}
	json = o.format != NULL && strcmp(o.format, "json") == 0;
	if ((rc = query_store_open(cli, &s)) != 0)
		return rc;
	if (stats_run(s, json, &b, &e) == -1 ||
	    query_out_flush(&b, stdout, &e) == -1) {
		log_err("stats: %s", e.msg);
		rc = EX_SOFTWARE_;
	}
	buf_free(&b);
	store_close(s);
	return rc;
}
