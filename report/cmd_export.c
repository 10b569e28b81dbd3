/* SPDX-License-Identifier: ISC */
/*
 * kicwatch export jsonl|csv|warc|graph: the records, the captures or the
 * organisation network in a format other tools read. The backend is
 * chosen by name from export_backends[]; output goes to --output FILE
 * (written under a temporary name, renamed when complete) or stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "log.h"

static const struct export_ops *const export_backends[] = {
	&export_jsonl, &export_csv, &export_warc, &export_graph,
};
#define NBACKENDS (sizeof(export_backends) / sizeof(export_backends[0]))

static void
usage(FILE *f)
{
	fprintf(f, "usage: kicwatch export jsonl|csv|warc|graph [--format "
		   "dot|graphml]\n           [--output FILE] [--since DATE] "
		   "[--until DATE] [--source NAME]\n           [--org NAME] "
		   "[--tag TAG] [--run ID]\n\n");
	for (size_t i = 0; i < NBACKENDS; i++)
		fprintf(f, "  %-6s %s\n", export_backends[i]->name,
		    export_backends[i]->what);
	fprintf(f, "\nFilters apply to records (jsonl, csv, graph) and to "
		   "fetch times (warc).\n");
}

static const struct export_ops *
backend_find(const char *name)
{
	for (size_t i = 0; i < NBACKENDS; i++)
		if (strcmp(export_backends[i]->name, name) == 0)
			return export_backends[i];
	return NULL;
}

static int
export_run(struct store *s, const struct export_ops *ops,
    const struct query_opts *o)
{
	struct export_ctx x = {0};
	struct store_filter f;
	struct err e = {{0}};
	struct buf b = {0};
	char since[11], until[11], *ids = NULL;
	int rc;

	rc = query_filter_build(s, o, &f, since, until, &ids, &e);
	if (rc != 0) {
		if (rc == -1)
			log_err("export: %s", e.msg);
		free(ids);
		return rc == -1 ? EX_USAGE_ : 0;
	}
	x = (struct export_ctx){s, &f, o->format, &b, NULL, 0};
	if (query_out_open(o->output, &x.out, &e) == -1) {
		log_err("export: %s", e.msg);
		free(ids);
		return EX_CANTCREAT_;
	}
	if (ops->run(&x, &e) == -1) {
		log_err("export %s: %s", ops->name, e.msg);
		query_out_abort(x.out, o->output);
		rc = EX_SOFTWARE_;
	} else if (query_out_close(&b, x.out, o->output, &e) == -1) {
		log_err("export %s: %s", ops->name, e.msg);
		rc = EX_IOERR_;
	} else if (o->output != NULL) {
		log_info("export %s: %lld written to %s", ops->name,
		    (long long)x.count, o->output);
	}
	buf_free(&b);
	free(ids);
	return rc;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	const struct export_ops *ops;
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FILTER | QUERY_OPT_FORMAT |
		QUERY_OPT_OUTPUT | QUERY_OPT_RUN, &o, &e) == -1) {
		fprintf(stderr, "kicwatch: %s\n", e.msg);
		usage(stderr);
		return EX_USAGE_;
	}
	if (argc - o.optind != 1 ||
	    (ops = backend_find(argv[o.optind])) == NULL ||
	    (o.format != NULL && ops != &export_graph)) {
		usage(stderr);
		return EX_USAGE_;
	}
	if (ops->binary && o.output == NULL && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "kicwatch: export %s: binary output; use "
				"--output FILE or a pipe\n", ops->name);
		return EX_USAGE_;
	}
	if ((rc = query_store_open(cli, &s)) != 0)
		return rc;
	rc = export_run(s, ops, &o);
	store_close(s);
	return rc;
}
