/* SPDX-License-Identifier: ISC */
/*
 * kicwatch show ID|URL: one document with its provenance, so a claim can
 * be cited exactly: every capture and fetch of its URL, the text, and each
 * event, MOU and mention with its code-point span and the words around it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "esc.h"
#include "json.h"
#include "log.h"
#include "query.h"
#include "show.h"

static const char show_usage[] =
    "usage: kicwatch show DOCUMENT-ID|URL [--format text|json]\n"
    "\n"
    "Prints a document with every capture and fetch of its URL (time, HTTP\n"
    "status, sha256, size), its text, and each event, MOU and mention with\n"
    "its offsets (code points into the text) and evidence. A URL shows the\n"
    "current run's document for it.\n";

static int
show_doc(void *arg, const struct store_doc *d, struct err *e)
{
	struct show *sh = arg;

	return sh->json ? show_json(sh, d, e) : show_text(sh, d, e);
}

static int64_t
parse_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return (*s != '\0' && *end == '\0' && v > 0) ? v : 0;
}

static int
show_run(struct store *s, const char *arg, bool json)
{
	struct buf b = {0};
	struct show sh = {s, &b, json, isatty(STDOUT_FILENO) != 0};
	struct err e = {{0}};
	int64_t id = parse_id(arg);
	int rc;

	rc = store_doc_get(s, id, id ? NULL : arg, show_doc, &sh, &e);
	if (rc == 0)
		rc = query_out_flush(&b, stdout, &e);
	buf_free(&b);
	if (rc == 1) {
		fprintf(stderr, "kicwatch: show: no document %s\n", arg);
		return EX_NOINPUT_;
	}
	if (rc == -1) {
		log_err("show: %s", e.msg);
		return EX_SOFTWARE_;
	}
	return 0;
}

int
cmd_show(struct cli *cli, int argc, char **argv)
{
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	bool json = false;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(show_usage, stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FORMAT, &o, &e) == -1) {
		fprintf(stderr, "kicwatch: %s\n%s", e.msg, show_usage);
		return EX_USAGE_;
	}
	if (o.format != NULL) {
		json = strcmp(o.format, "json") == 0;
		if (!json && strcmp(o.format, "text") != 0) {
			fprintf(stderr, "kicwatch: --format: expected text|json"
					"\n");
			return EX_USAGE_;
		}
	}
	if (argc - o.optind != 1) {
		fputs(show_usage, stderr);
		return EX_USAGE_;
	}
	if ((rc = query_store_open(cli, &s)) != 0)
		return rc;
	rc = show_run(s, argv[o.optind], json);
	store_close(s);
	return rc;
}
