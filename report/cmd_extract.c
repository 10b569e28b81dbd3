/* SPDX-License-Identifier: ISC */
/*
 * kicwatch extract FILE.html: the rule tester. Runs the whole extraction
 * on a saved page with the configured gazetteer and patterns, with no
 * store and no network, and prints what it finds with its evidence: one
 * JSON object (--format json, the default) or a readable text form
 * (--format text) whose scraped strings are escaped for the terminal. An
 * operator edits entities.yaml or patterns.yaml and reruns it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "cmd.h"
#include "date.h"
#include "extract_out.h"
#include "log.h"
#include "xmem.h"

/* A saved page larger than this is not an article. */
#define EXTRACT_FILE_MAX (16u * 1024 * 1024)

static const char extract_usage[] =
    "usage: kicwatch [-c CONFIG] extract FILE.html [--source NAME] "
    "[--url URL]\n"
    "           [--date YYYY-MM-DD] [--format json|text]\n"
    "\n"
    "Runs extraction on a saved page (no store, no network) with the\n"
    "configured entities.yaml and patterns.yaml. --source applies that\n"
    "source's article selectors and language; --url is the page's address\n"
    "(relative links, dates in URLs); --date resolves relative dates when\n"
    "the page has no date. Prints one JSON object, or a text summary.\n";

struct extract_opts {
	const char *file;
	const char *source;
	const char *url;
	const char *date;
	bool text;
};

static int
extract_args(int argc, char **argv, struct extract_opts *o)
{
	static const struct option longopts[] = {
		{"source", required_argument, NULL, 's'},
		{"url", required_argument, NULL, 'u'},
		{"date", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	/* "-": FILE may come before or after the options */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "-", longopts, NULL)) != -1) {
		switch (ch) {
		case 1:
			if (o->file != NULL)
				return -1;
			o->file = optarg;
			break;
		case 's':
			o->source = optarg;
			break;
		case 'u':
			o->url = optarg;
			break;
		case 'd':
			o->date = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return -1;
			o->text = strcmp(optarg, "text") == 0;
			break;
		default:
			return -1;
		}
	}
	if (optind < argc)
		o->file = o->file == NULL && optind == argc - 1 ?
		    argv[optind] : NULL;
	return o->file != NULL ? 0 : -1;
}

/* Reads at most EXTRACT_FILE_MAX bytes of path; -1 with e set. */
static int
extract_read(const char *path, unsigned char **out, size_t *len,
    struct err *e)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	size_t n;

	if (f == NULL)
		return err_set(e, "%s: %s", path, strerror(errno));
	p = xmalloc(EXTRACT_FILE_MAX + 1);
	n = fread(p, 1, EXTRACT_FILE_MAX + 1, f);
	if (ferror(f) || n > EXTRACT_FILE_MAX) {
		fclose(f);
		free(p);
		return err_set(e, "%s: %s", path, n > EXTRACT_FILE_MAX ?
		    "larger than 16 MiB" : "read error");
	}
	fclose(f);
	*out = p;
	*len = n;
	return 0;
}

static int
extract_file(const struct cfg *cfg, const struct extract_opts *o,
    const struct cfg_source *src)
{
	struct charset_result cs = {0};
	struct extract_input in = {0};
	struct extract_result *r = NULL;
	struct extractor *x = NULL;
	struct err e = {{0}};
	unsigned char *raw = NULL;
	struct buf b = {0};
	size_t len = 0;
	int rc = 0;

	if (extract_read(o->file, &raw, &len, &e) == -1) {
		log_err("extract: %s", e.msg);
		return EX_NOINPUT_;
	}
	if (charset_decode(raw, len, NULL, &cs, &e) == -1) {
		free(raw);
		log_err("extract: %s: %s", o->file, e.msg);
		return EX_DATAERR_;
	}
	free(raw);
	if (extractor_new(cfg, &x, &e) == -1) {
		log_err("extract: %s", e.msg);
		rc = EX_CONFIG_;
		goto out;
	}
	in.html = cs.utf8;
	in.len = cs.len;
	in.url = o->url;
	in.source = src;
	in.fallback_date = o->date;
	if (extract_run(x, &in, &r, &e) == -1) {
		log_err("extract: %s: %s", o->file, e.msg);
		rc = EX_DATAERR_;
		goto out;
	}
	if (o->text)
		extract_out_text(&b, r, o->url, cs.name);
	else
		extract_out_json(&b, r, o->url, cs.name);
	if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
		log_err("extract: writing the output: %s", strerror(errno));
		rc = EX_IOERR_;
	}
out:
	buf_free(&b);
	extract_result_free(r);
	extractor_free(x);
	free(cs.utf8);
	return rc;
}

int
cmd_extract(struct cli *cli, int argc, char **argv)
{
	struct extract_opts o = {0};
	const struct cfg_source *src = NULL;
	struct cfg *cfg = NULL;
	struct date_ymd dt;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(extract_usage, stdout);
		return 0;
	}
	if (extract_args(argc, argv, &o) == -1 ||
	    (o.date != NULL && date_iso_parse(o.date, &dt) == -1)) {
		fputs(extract_usage, stderr);
		return EX_USAGE_;
	}
	if ((rc = cli_cfg_load(cli, &cfg)) != 0)
		return rc;
	if (o.source != NULL &&
	    (src = cfg_source_find(cfg, o.source)) == NULL) {
		log_err("extract: no source named '%s' in %s", o.source,
		    cfg->path);
		cfg_free(cfg);
		return EX_USAGE_;
	}
	rc = extract_file(cfg, &o, src);
	cfg_free(cfg);
	return rc;
}
