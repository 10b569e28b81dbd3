/* SPDX-License-Identifier: ISC */
/*
 * kicwatch search TEXT: ranked full-text hits in the current run with a
 * highlighted snippet, the date and the URL. Works for two-character
 * Korean and Chinese words through the kwcjk bigram index.
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
#include "search.h"

static const char search_usage[] =
    "usage: kicwatch search TEXT... [--limit N] [--since DATE] [--until DATE]\n"
    "           [--source NAME] [--run ID] [--format table|json]\n"
    "\n"
    "Finds documents of the current run containing every word of TEXT\n"
    "(Korean, Chinese in either script, or Latin; words of two characters\n"
    "such as 수소 or 合作 work), best first: bm25, title matches count\n"
    "double, among the 2,000 most recently stored matching documents when\n"
    "more match. Matches are bold on a terminal; in JSON the snippet marks\n"
    "them with « and ».\n";

struct hits {
	struct buf *b;
	enum query_format fmt;
	bool bold;
	int64_t n;
};

static int
hit_json(struct hits *h, const struct store_doc *d)
{
	struct buf *b = h->b;
	struct buf m = {0};

	buf_puts(b, "{\"id\":");
	buf_printf(b, "%lld,\"url\":", (long long)d->id);
	json_str(b, d->url);
	buf_puts(b, ",\"title\":");
	json_str(b, d->title);
	buf_puts(b, ",\"published\":");
	json_str(b, d->published);
	buf_puts(b, ",\"date\":");
	json_str(b, d->day);
	buf_puts(b, ",\"lang\":");
	json_str(b, d->lang);
	buf_puts(b, ",\"source\":");
	json_str(b, d->source);
	buf_puts(b, ",\"fetched_at\":");
	json_str(b, d->fetched_at);
	buf_puts(b, ",\"capture_sha256\":");
	json_str(b, d->capture_sha256);
	buf_printf(b, ",\"rank\":%.6f,\"snippet\":", d->rank);
	query_marked_plain(&m, d->snippet);
	json_str(b, m.data ? m.data : "");
	buf_reset(&m);
	buf_puts(b, ",\"title_marked\":");
	query_marked_plain(&m, d->title_marked);
	json_str(b, m.data);
	buf_puts(b, "}\n");
	buf_free(&m);
	return 0;
}

static int
hit_text(struct hits *h, const struct store_doc *d)
{
	struct buf *b = h->b;

	buf_printf(b, "%lld. ", (long long)h->n);
	esc_term(b, d->day, false);
	buf_puts(b, "  ");
	query_marked_term(b, d->title_marked, h->bold);
	buf_puts(b, "  [");
	esc_term(b, d->source, false);
	buf_puts(b, "]\n    ");
	query_marked_term(b, d->snippet, h->bold);
	buf_puts(b, "\n    ");
	esc_term(b, d->url, false);
	buf_printf(b, "  (document %lld)\n", (long long)d->id);
	return 0;
}

static int
hit_cb(void *arg, const struct store_doc *d, struct err *e)
{
	struct hits *h = arg;

	h->n++;
	if (h->fmt == QUERY_JSON)
		hit_json(h, d);
	else
		hit_text(h, d);
	return query_out_flush(h->b, stdout, e);
}

static int
search_run(struct store *s, const char *match, const struct query_opts *o,
    enum query_format fmt)
{
	struct store_filter f;
	struct err e = {{0}};
	struct buf b = {0};
	struct hits h = {&b, fmt, isatty(STDOUT_FILENO) != 0, 0};
	char since[11], until[11], *ids = NULL;
	struct query_opts oo = *o;
	int rc = 0;

	if (oo.limit == 0)
		oo.limit = 20;
	if (query_filter_build(s, &oo, &f, since, until, &ids, &e) == -1) {
		log_err("search: %s", e.msg);
		return EX_USAGE_;
	}
	if (store_search_each(s, match, &f, hit_cb, &h, &e) == -1) {
		log_err("search: %s", e.msg);
		rc = EX_SOFTWARE_;
	} else if (fmt == QUERY_TABLE && h.n == 0) {
		fprintf(stderr, "kicwatch: search: no document matches\n");
	}
	buf_free(&b);
	free(ids);
	return rc;
}

static char *
join_args(int argc, char **argv)
{
	struct buf b = {0};

	for (int i = 0; i < argc; i++)
		buf_printf(&b, "%s%s", i ? " " : "", argv[i]);
	return buf_steal(&b);
}

int
cmd_search(struct cli *cli, int argc, char **argv)
{
	struct query_opts o;
	struct store *s = NULL;
	struct err e = {{0}};
	enum query_format fmt = QUERY_TABLE;
	char *text, *match;
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(search_usage, stdout);
		return 0;
	}
	if (query_opts_parse(argc, argv, QUERY_OPT_FILTER | QUERY_OPT_LIMIT |
		QUERY_OPT_FORMAT | QUERY_OPT_RUN, &o, &e) == -1 ||
	    (o.format != NULL && query_format_parse(o.format,
		1u << QUERY_TABLE | 1u << QUERY_JSON, &fmt, &e) == -1)) {
		fprintf(stderr, "kicwatch: %s\n%s", e.msg, search_usage);
		return EX_USAGE_;
	}
	if (o.optind >= argc || o.org || o.tag || o.type) {
		fputs(search_usage, stderr);
		return EX_USAGE_;
	}
	text = join_args(argc - o.optind, argv + o.optind);
	match = search_query_build(text);
	if (match == NULL) {
		fprintf(stderr, "kicwatch: search: nothing to search for\n");
		free(text);
		return EX_USAGE_;
	}
	store_search_init();
	rc = query_store_open(cli, &s);
	if (rc == 0 && store_search_tune(s, &e) == -1)
		log_warnx("%s", e.msg);	/* slower, not wrong */
	if (rc == 0)
		rc = search_run(s, match, &o, fmt);
	store_close(s);
	free(match);
	free(text);
	return rc;
}
