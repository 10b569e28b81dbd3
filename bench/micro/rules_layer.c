/* SPDX-License-Identifier: ISC */
/*
 * The rules layer of the extraction, by stage: what parsers/ adds after
 * the page layer (content_layer.c) has found the body. Per page, the body
 * is found once (not timed); then each round runs text_norm_new, the
 * vocabulary scan (one Aho-Corasick pass: gazetteer and patterns.yaml),
 * sentences and date mentions, organisations, places and sectors, MOUs,
 * events, and the result with its snippets, with a clock between stages.
 * Thread CPU time, median of 5 runs of ROUNDS rounds, microseconds per
 * page. Config: CONFIG_DIR/entities.yaml and patterns.yaml.
 *
 * usage: rules_layer CONFIG_DIR ROUNDS FILE.html...   (bench/micro/rules.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "cfg_priv.h"
#include "charset.h"
#include "content.h"
#include "extract_priv.h"
#include "html.h"
#include "log.h"
#include "mention.h"
#include "xmem.h"

#define RUNS 5

enum stage {
	S_NORM, S_SCAN, S_SENT, S_ORGS, S_PLACES, S_MOUS, S_EVENTS, S_RESULT,
	S_COUNT,
};

static const char *const stage_names[S_COUNT] = {
	"text_norm (NFKC)", "vocabulary scan", "sentences + dates",
	"organisations", "places + sectors", "MOUs", "events",
	"result + snippets",
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
dcmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

/* One round of the rules layer; adds each stage's time to t. */
static void
round_once(const struct extractor *x, const char *text, size_t len,
    const struct date_ymd *pub, double *t)
{
	struct extract_result *r = xcalloc(1, sizeof(*r));
	struct mention_doc d;
	struct text_norm *n;
	struct err e;
	double c = now_us(), c2;

	memset(&d, 0, sizeof(d));
	if (text_norm_new(text, len, 0, &n, &e) == -1)
		abort();
	d.voc = x->voc;
	d.s = n->s;
	d.len = n->len;
	d.pub = *pub;
#define LAP(s) do { c2 = now_us(); t[s] += c2 - c; c = c2; } while (0)
	LAP(S_NORM);
	gaz_scan(x->voc->gaz, d.s, d.len, &d.hits);
	LAP(S_SCAN);
	mention_doc_prepare(&d);
	text_sentences(d.s, d.len, &d.sent, &d.nsent);
	d.ndm = date_scan(d.s, d.len, &d.pub, &d.dm);
	LAP(S_SENT);
	mention_org_find(&d);
	LAP(S_ORGS);
	mention_place_find(&d);
	mention_sector_find(&d);
	LAP(S_PLACES);
	mou_find(&d);
	LAP(S_MOUS);
	event_find(&d);
	LAP(S_EVENTS);
	r->text = xstrndup(text, len);
	extract_result_fill(r, len, &d, n);
	mention_doc_free(&d);
	text_norm_free(n);
	extract_result_free(r);
	LAP(S_RESULT);
#undef LAP
}

static char *
page_body(const char *file, size_t *len, struct date_ymd *pub)
{
	struct charset_result cs;
	struct html_doc *doc;
	struct content *c;
	struct err e;
	FILE *f = fopen(file, "rb");
	unsigned char *raw = xmalloc(16 << 20);
	size_t n;
	char *text;

	if (f == NULL)
		return NULL;
	n = fread(raw, 1, 16 << 20, f);
	fclose(f);
	if (charset_decode(raw, n, NULL, &cs, &e) == -1 ||
	    html_parse(cs.utf8, cs.len, NULL, &doc, &e) == -1)
		abort();
	free(raw);
	c = content_extract(doc, NULL, NULL);
	html_doc_free(doc);
	free(cs.utf8);
	text = c->text;
	*len = c->len;
	*pub = c->published;
	c->text = NULL;
	content_free(c);
	return text;
}

static void
bench_page(const struct extractor *x, const char *file, int rounds)
{
	double runs[S_COUNT][RUNS], med[S_COUNT], total = 0;
	struct date_ymd pub;
	size_t len;
	char *text = page_body(file, &len, &pub);

	if (text == NULL) {
		fprintf(stderr, "%s: cannot read\n", file);
		return;
	}
	for (int k = 0; k < RUNS; k++) {
		double t[S_COUNT] = {0};

		for (int i = 0; i < rounds; i++)
			round_once(x, text, len, &pub, t);
		for (int s = 0; s < S_COUNT; s++)
			runs[s][k] = t[s] / rounds;
	}
	printf("%s: body %zu bytes\n", file, len);
	for (int s = 0; s < S_COUNT; s++) {
		qsort(runs[s], RUNS, sizeof(double), dcmp);
		med[s] = runs[s][RUNS / 2];
		total += med[s];
		printf("  %-20s %8.1f us\n", stage_names[s], med[s]);
	}
	printf("  %-20s %8.1f us\n\n", "rules layer total", total);
	free(text);
}

int
main(int argc, char **argv)
{
	struct extractor *x;
	struct cfg *cfg;
	struct err e;
	char path[4096];
	double t0;

	if (argc < 4) {
		fprintf(stderr, "usage: rules_layer CONFIG_DIR ROUNDS "
		    "FILE.html...\n");
		return 64;
	}
	log_init(LOG_LEVEL_ERR);
	xmlInitParser();
	snprintf(path, sizeof(path), "%s/bench.yaml", argv[1]);
	if (cfg_parse(path, "sources: []\n", 12, 0, &cfg, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		return 78;
	}
	t0 = now_us();
	if (extractor_new(cfg, &x, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		return 78;
	}
	printf("extractor_new: %.1f ms (%zu entities, %zu patterns, "
	    "%zu automaton states)\n\n", (now_us() - t0) / 1e3,
	    cfg->entities.n, gaz_patterns(x->voc->gaz),
	    gaz_states(x->voc->gaz));
	for (int i = 3; i < argc; i++)
		bench_page(x, argv[i], atoi(argv[2]));
	extractor_free(x);
	cfg_free(cfg);
	return 0;
}
