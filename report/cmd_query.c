/* SPDX-License-Identifier: ISC */
/*
 * kicwatch query events|mous|orgs|documents: the records of the current
 * run, filtered, as a terminal table, JSON Lines or CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "query.h"

static const char query_usage[] =
    "usage: kicwatch query events|mous|orgs|documents [--since DATE]\n"
    "           [--until DATE] [--org NAME] [--tag TAG] [--source NAME]\n"
    "           [--type TYPE] [--limit N] [--run ID]\n"
    "           [--format table|json|csv]\n"
    "\n"
    "DATE is YYYY-MM-DD, YYYY-MM, YYYY or a duration back from now (7d, 4w,\n"
    "1y). --org takes any name of an organisation in any script (KIC China,\n"
    "KIC중국, 韩国创新中心, 國家技術轉移東部中心). --tag takes an organisation\n"
    "tag (state_tech_transfer, military_linked, seven_sons, korean_startup,\n"
    "..., watchlisted, unverified). --type is the event type for events, the\n"
    "kind for orgs (government, university, company, ...), the language for\n"
    "documents. json prints one JSON object per line.\n";

static const char *const kind_words[] = {"events", "MOUs", "organisations",
	"documents"};

static int
query_run(struct store *s, enum query_kind kind, const struct query_opts *o,
    enum query_format fmt)
{
	struct store_filter f;
	struct err e = {{0}};
	struct buf b = {0};
	char since[11], until[11], *ids = NULL;
	int64_t n;
	int rc;

	rc = query_filter_build(s, o, &f, since, until, &ids, &e);
	if (rc == -1) {
		log_err("query: %s", e.msg);
		return EX_USAGE_;
	}
	if (rc == 1)
		return 0;	/* nothing can match; stderr said why */
	n = query_emit(s, kind, &f, fmt, NULL, true, &b, stdout, &e);
	if (n >= 0 && fmt == QUERY_TABLE)
		buf_printf(&b, "%lld %s\n", (long long)n, kind_words[kind]);
	if (n == -1 || query_out_flush(&b, stdout, &e) == -1) {
		log_err("query: %s", e.msg);
		rc = EX_SOFTWARE_;
	}
	buf_free(&b);
	free(ids);
	return rc;
}

int
cmd_query(struct cli *cli, int argc, char **argv)
{
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	enum query_format fmt = QUERY_TABLE;
	enum query_kind kind;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(query_usage, stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FILTER | QUERY_OPT_LIMIT |
		QUERY_OPT_FORMAT | QUERY_OPT_RUN, &o, &e) == -1 ||
	    (o.format != NULL && query_format_parse(o.format,
		1u << QUERY_TABLE | 1u << QUERY_JSON | 1u << QUERY_CSV, &fmt,
		&e) == -1)) {
		fprintf(stderr, "kicwatch: %s\n%s", e.msg, query_usage);
		return EX_USAGE_;
	}
	if (argc - o.optind != 1 || query_kind_parse(argv[o.optind], &kind)) {
		fputs(query_usage, stderr);
		return EX_USAGE_;
	}
	if (o.type != NULL && kind == QUERY_MOUS) {
		fprintf(stderr, "kicwatch: query mous: --type does not apply\n");
		return EX_USAGE_;
	}
	if ((rc = query_store_open(cli, &s)) != 0)
		return rc;
	rc = query_run(s, kind, &o, fmt);
	store_close(s);
	return rc;
}
