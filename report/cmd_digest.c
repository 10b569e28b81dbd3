/* SPDX-License-Identifier: ISC */
/*
 * kicwatch digest: what is new in a period (default: the last 7 days), as
 * Markdown, self-contained HTML or JSON, for cron and the weekly timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "digest.h"
#include "log.h"
#include "query.h"

static const char digest_usage[] =
    "usage: kicwatch digest [--since 7d|DATE] [--until DATE] [--run ID]\n"
    "           [--format md|html|json] [--output FILE]\n"
    "\n"
    "Summarises the period (default: the last 7 days up to today, UTC): counts,\n"
    "new events and MOUs (one entry per real-world event, with every report),\n"
    "links between the Korean side and risk-tagged organisations, Korean\n"
    "firms per strategic sector and organisations seen for the first time.\n"
    "html is one self-contained page with a weekly chart and a network.\n";

static int
digest_run(struct store *s, const struct query_opts *o,
    enum query_format fmt)
{
	char since[11], until[11];
	struct digest *d = NULL;
	struct err e = {{0}};
	struct buf b = {0};
	time_t now = time(NULL);
	FILE *out = NULL;

	if (query_date_parse(o->since ? o->since : "7d", false, now, since,
		&e) == -1 ||
	    query_date_parse(o->until ? o->until : "0d", true, now, until,
		&e) == -1) {
		log_err("digest: %s", e.msg);
		return EX_USAGE_;
	}
	if (digest_collect(s, since, until, o->run_id, 0, &d, &e) == -1 ||
	    query_out_open(o->output, &out, &e) == -1) {
		log_err("digest: %s", e.msg);
		digest_free(d);
		return EX_SOFTWARE_;
	}
	if (fmt == QUERY_HTML)
		digest_html(&b, d);
	else if (fmt == QUERY_JSON)
		digest_json(&b, d);
	else
		digest_md(&b, d);
	digest_free(d);
	if (query_out_close(&b, out, o->output, &e) == -1) {
		log_err("digest: %s", e.msg);
		buf_free(&b);
		return EX_IOERR_;
	}
	buf_free(&b);
	if (o->output != NULL)
		log_info("digest: %s to %s written to %s", since, until,
		    o->output);
	return 0;
}

int
cmd_digest(struct cli *cli, int argc, char **argv)
{
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	enum query_format fmt = QUERY_MD;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(digest_usage, stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FILTER | QUERY_OPT_FORMAT |
		QUERY_OPT_OUTPUT | QUERY_OPT_RUN, &o, &e) == -1 ||
	    (o.format != NULL && query_format_parse(o.format,
		1u << QUERY_MD | 1u << QUERY_HTML | 1u << QUERY_JSON, &fmt,
		&e) == -1)) {
		fprintf(stderr, "kicwatch: %s\n%s", e.msg, digest_usage);
		return EX_USAGE_;
	}
	if (o.optind != argc || o.org || o.tag || o.source || o.type) {
		fputs(digest_usage, stderr);
		return EX_USAGE_;
	}
	if ((rc = query_store_open(cli, &s)) != 0)
		return rc;
	rc = digest_run(s, &o, fmt);
	store_close(s);
	return rc;
}
