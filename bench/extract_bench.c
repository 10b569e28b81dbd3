/* SPDX-License-Identifier: ISC */
/*
 * Extraction speed on one core, linked to libkwcore.a: what a page costs
 * from raw bytes to records, without the store or the network.
 *
 * One page (-p): charset decoding, libxml2's parse alone (htmlReadMemory
 * with the options parsers/html.c uses), html_parse (the same plus the
 * UTF-8 scrub), each stage of extract_run, and extract_run whole, in
 * microseconds per page (median of 5 runs of ROUNDS pages each).
 *
 * A corpus (-l LIST, lines "SOURCE URL PATH"): all pages read into memory
 * first, then one pass decode + parse only, one pass decode +
 * extract_run, one pass by stage; pages/s and MB/s of raw page bytes.
 *
 * The stage breakdown repeats extract_run's sequence (parsers/extract.c:
 * extract_page, extract_rules, extract_result_fill) with a clock between
 * calls; "sum of stages" next to "extract_run" shows when the two drift
 * apart and this file must follow extract.c.
 *
 * usage: extract_bench -c CONFIG [-n ROUNDS] [-s SOURCE] [-u URL] -p PAGE
 *        extract_bench -c CONFIG -l LIST
 * (bench/run.sh builds and runs it)
 *
 * Times are CPU time of this process (CLOCK_PROCESS_CPUTIME_ID), not wall
 * time: the benchmark machine is shared, and a page's cost is what it
 * takes of a core, not how long others kept the core busy meanwhile.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "buf.h"
#include "cfg.h"
#include "charset.h"
#include "content.h"
#include "err.h"
#include "extract.h"
#include "extract_priv.h"
#include "html.h"
#include "mention.h"
#include "text.h"

/* The options of parsers/html.c, for the parse-only baseline. */
#define RAW_OPTS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT | \
    HTML_PARSE_IGNORE_ENC)
#define RUNS 5

enum stage {
	S_PARSE,	/* html_parse */
	S_CONTENT,	/* title, date, body by XPath or generic */
	S_NORM,		/* NFKC with offset map */
	S_SCAN,		/* one automaton pass: gazetteer and vocabulary */
	S_SENT,		/* derived indexes, sentences, date mentions */
	S_ORG,		/* organisations by gazetteer, shape and lists */
	S_PLSE,		/* places and sectors */
	S_MOU,		/* signings */
	S_EVENT,	/* events and roles */
	S_FILL,		/* public result: code points, snippets */
	S_N
};

static const char *const stage_names[S_N] = {
	"html_parse", "content (title/date/body)", "text_norm (NFKC)",
	"vocabulary scan", "sentences + dates", "organisations",
	"places + sectors", "mous", "events", "result + snippets",
};

struct page {
	const struct cfg_source *src;
	char *url;
	unsigned char *raw;
	size_t rawlen;
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static int
read_file(const char *path, unsigned char **out, size_t *len)
{
	struct buf b = {0};
	char tmp[65536];
	size_t n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	*out = (unsigned char *)b.data;
	*len = b.len;
	return 0;
}

/* extract_page and extract_rules of parsers/extract.c, clocked. */
static int
run_stages(const struct extractor *x, const struct extract_input *in,
    double *t)
{
	struct extract_result *r = calloc(1, sizeof(*r));
	struct mention_doc d;
	struct text_norm *n = NULL;
	struct html_doc *doc;
	struct content *c;
	struct err e = {{0}};
	double t0 = now_us(), t1;

	if (r == NULL || html_parse(in->html, in->len, in->url, &doc, &e) == -1) {
		free(r);
		return -1;
	}
	t1 = now_us(); t[S_PARSE] += t1 - t0; t0 = t1;
	memset(&d, 0, sizeof(d));
	c = content_extract(doc, in->source ? in->source->article : NULL,
	    in->url);
	html_doc_free(doc);
	r->title = c->title;
	c->title = NULL;
	r->text = c->text;
	c->text = NULL;
	d.pub = c->published;
	if (d.pub.y == 0 && in->fallback_date != NULL &&
	    date_iso_parse(in->fallback_date, &d.pub) == -1)
		d.pub.y = 0;
	date_iso(&c->published, r->published);
	r->text_chars = text_cp_len(r->text, c->len);
	r->lang = strdup(in->source && in->source->lang ? in->source->lang :
	    text_lang_guess(r->text, c->len));
	t1 = now_us(); t[S_CONTENT] += t1 - t0; t0 = t1;
	if (text_norm_new(r->text, c->len, 0, &n, &e) == -1) {
		content_free(c);
		extract_result_free(r);
		return -1;
	}
	t1 = now_us(); t[S_NORM] += t1 - t0; t0 = t1;
	d.voc = x->voc;
	d.s = n->s;
	d.len = n->len;
	d.zh = strncmp(r->lang, "zh", 2) == 0;
	gaz_scan(x->voc->gaz, d.s, d.len, &d.hits);
	t1 = now_us(); t[S_SCAN] += t1 - t0; t0 = t1;
	mention_doc_prepare(&d);
	text_sentences(d.s, d.len, &d.sent, &d.nsent);
	d.ndm = date_scan(d.s, d.len, &d.pub, &d.dm);
	t1 = now_us(); t[S_SENT] += t1 - t0; t0 = t1;
	mention_org_find(&d);
	t1 = now_us(); t[S_ORG] += t1 - t0; t0 = t1;
	mention_place_find(&d);
	mention_sector_find(&d);
	t1 = now_us(); t[S_PLSE] += t1 - t0; t0 = t1;
	mou_find(&d);
	t1 = now_us(); t[S_MOU] += t1 - t0; t0 = t1;
	event_find(&d);
	t1 = now_us(); t[S_EVENT] += t1 - t0; t0 = t1;
	extract_result_fill(r, c->len, &d, n);
	mention_doc_free(&d);
	text_norm_free(n);
	content_free(c);
	extract_result_free(r);
	t1 = now_us(); t[S_FILL] += t1 - t0;
	return 0;
}

static int
parse_only(const struct charset_result *cs, const char *url)
{
	htmlDocPtr doc;

	doc = htmlReadMemory(cs->utf8, (int)cs->len, url, "UTF-8", RAW_OPTS);
	if (doc == NULL)
		return -1;
	xmlFreeDoc(doc);
	return 0;
}

static int
full_run(const struct extractor *x, const struct extract_input *in)
{
	struct extract_result *r;
	struct err e = {{0}};

	if (extract_run(x, in, &r, &e) == -1) {
		fprintf(stderr, "extract_bench: %s: %s\n", in->url, e.msg);
		return -1;
	}
	extract_result_free(r);
	return 0;
}

static void
input_of(const struct page *p, const struct charset_result *cs,
    struct extract_input *in)
{
	memset(in, 0, sizeof(*in));
	in->html = cs->utf8;
	in->len = cs->len;
	in->url = p->url;
	in->source = p->src;
	in->fallback_date = "2024-01-01";
}

/* Microseconds per page of one measurement, median of RUNS runs. */
struct one {
	double decode, raw, html, full, st[S_N];
};

static int
one_round(const struct extractor *x, const struct page *p, int rounds,
    struct one *o)
{
	struct charset_result cs;
	struct extract_input in;
	struct err e = {{0}};
	double t0;
	int k;

	memset(o, 0, sizeof(*o));
	t0 = now_us();
	for (k = 0; k < rounds; k++) {
		if (charset_decode(p->raw, p->rawlen, NULL, &cs, &e) == -1)
			return -1;
		free(cs.utf8);
	}
	o->decode = (now_us() - t0) / rounds;
	if (charset_decode(p->raw, p->rawlen, NULL, &cs, &e) == -1)
		return -1;
	input_of(p, &cs, &in);
	t0 = now_us();
	for (k = 0; k < rounds; k++)
		if (parse_only(&cs, p->url) == -1)
			goto fail;
	o->raw = (now_us() - t0) / rounds;
	t0 = now_us();
	for (k = 0; k < rounds; k++) {
		struct html_doc *d;

		if (html_parse(cs.utf8, cs.len, p->url, &d, &e) == -1)
			goto fail;
		html_doc_free(d);
	}
	o->html = (now_us() - t0) / rounds;
	for (k = 0; k < rounds; k++)
		if (run_stages(x, &in, o->st) == -1)
			goto fail;
	for (k = 0; k < S_N; k++)
		o->st[k] /= rounds;
	t0 = now_us();
	for (k = 0; k < rounds; k++)
		if (full_run(x, &in) == -1)
			goto fail;
	o->full = (now_us() - t0) / rounds;
	free(cs.utf8);
	return 0;
fail:
	free(cs.utf8);
	return -1;
}

/* The median over runs of the double at offset off of struct one. */
static double
med_of(const struct one *o, size_t off)
{
	double v[RUNS];
	int r;

	for (r = 0; r < RUNS; r++)
		memcpy(&v[r], (const char *)&o[r] + off, sizeof(double));
	return median(v, RUNS);
}

static int
bench_page(const struct extractor *x, const struct page *p, int rounds)
{
	struct one o[RUNS];
	double sum = 0, full;
	int r, s;

	for (r = 0; r < RUNS; r++)
		if (one_round(x, p, rounds, &o[r]) == -1)
			return -1;
	printf("page\t%zu bytes, %d pages per run, median of %d runs\n",
	    p->rawlen, rounds, RUNS);
#define MED(field) med_of(o, offsetof(struct one, field))
	printf("decode_us\t%.1f\n", MED(decode));
	printf("parse_only_us\t%.1f\n", MED(raw));
	printf("html_parse_us\t%.1f\n", MED(html));
	for (s = 0; s < S_N; s++) {
		double m = MED(st[s]);

		printf("stage_us\t%s\t%.1f\n", stage_names[s], m);
		sum += m;
	}
	printf("stages_sum_us\t%.1f\n", sum);
	full = MED(full);
	printf("extract_run_us\t%.1f\n", full);
#undef MED
	printf("extract_pages_s\t%.0f\n", 1e6 / full);
	printf("extract_mb_s\t%.1f\n", (double)p->rawlen / full);
	return 0;
}

static int
load_list(const struct cfg *c, const char *path, struct page **out,
    size_t *n)
{
	char line[8192], src[128], url[4096], file[4096];
	struct page *v = NULL;
	size_t cap = 0;
	FILE *f;

	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	*n = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%127s %4095s %4095s", src, url, file) != 3)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = realloc(v, cap * sizeof(*v));
			if (v == NULL)
				abort();
		}
		v[*n].src = cfg_source_find(c, src);
		v[*n].url = strdup(url);
		if (read_file(file, &v[*n].raw, &v[*n].rawlen) == -1) {
			fprintf(stderr, "extract_bench: cannot read %s\n", file);
			fclose(f);
			return -1;
		}
		(*n)++;
	}
	fclose(f);
	*out = v;
	return 0;
}

/* One pass over the corpus: 0 parse only, 1 extract_run, 2 by stage. */
static double
corpus_pass(const struct extractor *x, const struct page *v, size_t n,
    int mode, double *st)
{
	struct charset_result cs;
	struct extract_input in;
	struct err e = {{0}};
	double t0 = now_us();
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if (charset_decode(v[i].raw, v[i].rawlen, NULL, &cs, &e) == -1)
			return -1;
		input_of(&v[i], &cs, &in);
		if (mode == 0)
			rc = parse_only(&cs, v[i].url);
		else if (mode == 1)
			rc = full_run(x, &in);
		else
			rc = run_stages(x, &in, st);
		free(cs.utf8);
		if (rc == -1)
			return -1;
	}
	return now_us() - t0;
}

static int
bench_corpus(const struct extractor *x, const struct page *v, size_t n)
{
	static const char *const modes[] = {"decode + parse only",
	    "decode + extract_run", "decode + stages"};
	double st[S_N] = {0}, us;
	size_t bytes = 0, i;
	int m, s;

	for (i = 0; i < n; i++)
		bytes += v[i].rawlen;
	printf("corpus_info\t%zu pages, %.1f MiB, one core\n", n,
	    (double)bytes / 1048576);
	for (m = 0; m < 3; m++) {
		us = corpus_pass(x, v, n, m, st);
		if (us < 0)
			return -1;
		printf("corpus_pass\t%s\t%.0f pages/s\t%.1f MB/s\t%.0f us/page\n",
		    modes[m], (double)n * 1e6 / us, (double)bytes / us,
		    us / (double)n);
	}
	for (s = 0; s < S_N; s++)
		printf("corpus_stage_us\t%s\t%.1f\n", stage_names[s],
		    st[s] / (double)n);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: extract_bench -c CONFIG [-n ROUNDS] "
			"[-s SOURCE] [-u URL] -p PAGE\n"
			"       extract_bench -c CONFIG -l LIST\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	const char *cfgpath = NULL, *pagepath = NULL, *list = NULL;
	const char *source = NULL, *url = "http://127.0.0.1/page.html";
	struct extractor *x = NULL;
	struct cfg *c = NULL;
	struct err e = {{0}};
	struct page p = {0}, *v = NULL;
	size_t n = 0, i;
	int ch, rounds = 200, rc = 1;

	while ((ch = getopt(argc, argv, "c:n:s:u:p:l:")) != -1) {
		switch (ch) {
		case 'c': cfgpath = optarg; break;
		case 'n': rounds = atoi(optarg); break;
		case 's': source = optarg; break;
		case 'u': url = optarg; break;
		case 'p': pagepath = optarg; break;
		case 'l': list = optarg; break;
		default: usage();
		}
	}
	if (cfgpath == NULL || (pagepath == NULL) == (list == NULL) ||
	    rounds < 1)
		usage();
	xmlInitParser();
	if (cfg_load(cfgpath, &c, &e) == -1 ||
	    extractor_new(c, &x, &e) == -1) {
		fprintf(stderr, "extract_bench: %s\n", e.msg);
		goto out;
	}
	if (pagepath != NULL) {
		p.src = source ? cfg_source_find(c, source) : NULL;
		p.url = (char *)url;
		if (read_file(pagepath, &p.raw, &p.rawlen) == -1) {
			fprintf(stderr, "extract_bench: cannot read %s\n",
			    pagepath);
			goto out;
		}
		rc = bench_page(x, &p, rounds) == -1;
		free(p.raw);
	} else if (load_list(c, list, &v, &n) == 0)
		rc = bench_corpus(x, v, n) == -1;
	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].raw);
	}
	free(v);
out:
	extractor_free(x);
	cfg_free(c);
	return rc;
}
