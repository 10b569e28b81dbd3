/* SPDX-License-Identifier: ISC */
/*
 * Why the gazetteer is an Aho-Corasick automaton and not a pcre2
 * alternation: both are built from the same patterns (the shipped
 * entities.yaml aliases with their OpenCC variants and the patterns.yaml
 * vocabulary, plus N synthetic organisation names to see how each scales)
 * and scan the same article text. pcre2 gets every advantage: one
 * alternation sorted longest first, JIT-compiled, byte mode, caseless.
 * It reports leftmost-first non-overlapping matches only, the automaton
 * every occurrence (more work). Thread CPU time; build and scan.
 *
 * usage: gaz_bench CONFIG_DIR FILE.txt [SYNTHETIC...]   (bench/micro/rules.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "cfg_patterns.h"
#include "cfg_priv.h"
#include "gaz.h"
#include "log.h"
#include "xmem.h"

#define SCANS 200

struct pats {
	char **v;
	size_t n, cap;
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
pat_add(struct pats *p, const char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = xstrdup(s);
}

/* p = p's words with their OpenCC variants, as the automaton sees them. */
static void
pat_expand(struct pats *p)
{
	struct cfg_words in = {p->v, p->n}, out;
	struct gaz_builder *b;
	struct gaz *g;
	struct err e;

	gaz_builder_new(&b, &e);
	gaz_builder_expand(b, &in, &out);
	if (gaz_build(b, &g, &e) == -1) {
		fprintf(stderr, "gaz_bench: %s\n", e.msg);
		exit(1);
	}
	gaz_free(g);
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = out.v;
	p->n = p->cap = out.n;
}

/* A made-up organisation name: two to four syllables and a suffix. */
static void
synthetic(char *out, size_t len, unsigned seed)
{
	static const char *const suf[] = {"연구원", "센터", "재단", "研究院",
	    "中心", "有限公司", "Technologies"};
	size_t n = 0;

	for (int k = 0; k < 2 + (int)(seed % 3); k++) {
		unsigned cp = 0xac00 + (seed * 7919u + (unsigned)k * 104729u) %
		    11172u;

		out[n++] = (char)(0xe0 | (cp >> 12));
		out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[n++] = (char)(0x80 | (cp & 0x3f));
	}
	snprintf(out + n, len - n, "%s", suf[seed % 7]);
}

static int
len_desc(const void *x, const void *y)
{
	size_t a = strlen(*(char *const *)x), b = strlen(*(char *const *)y);

	return a < b ? 1 : a > b ? -1 : 0;
}

static pcre2_code *
alternation(struct pats *p)
{
	struct buf b = {0};
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;

	qsort(p->v, p->n, sizeof(*p->v), len_desc);
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_puts(&b, "\\Q");
		buf_puts(&b, p->v[i]);
		buf_puts(&b, "\\E");
	}
	re = pcre2_compile((PCRE2_SPTR)b.data, b.len, PCRE2_CASELESS, &code,
	    &off, NULL);
	buf_free(&b);
	if (re == NULL) {
		PCRE2_UCHAR msg[120];

		pcre2_get_error_message(code, msg, sizeof(msg));
		printf("%6zu patterns | pcre2 cannot compile the alternation: "
		    "%s\n", p->n, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static size_t
pcre_scan(pcre2_code *re, pcre2_match_data *md, const char *s, size_t len)
{
	PCRE2_SIZE at = 0, *ov;
	size_t n = 0;

	while (at < len && pcre2_match(re, (PCRE2_SPTR)s, len, at, 0, md,
	    NULL) > 0) {
		ov = pcre2_get_ovector_pointer(md);
		n++;
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return n;
}

static void
run(const struct cfg *cfg, const char *text, size_t len, int extra)
{
	struct gaz_builder *b;
	struct gaz *g;
	struct gaz_hits h = {0};
	struct pats p = {0};
	struct err e;
	pcre2_code *re;
	pcre2_match_data *md;
	double t0, tg, tp, sg, sp;
	size_t ng = 0, np = 0;
	char name[64];

	for (size_t i = 0; i < cfg->entities.n; i++)
		for (size_t k = 0; k < cfg->entities.v[i].naliases; k++)
			pat_add(&p, cfg->entities.v[i].aliases[k].text);
	for (int i = 0; i < extra; i++) {
		synthetic(name, sizeof(name), (unsigned)i);
		pat_add(&p, name);
	}
	pat_expand(&p);
	t0 = now_us();
	gaz_builder_new(&b, &e);
	for (size_t i = 0; i < p.n; i++)
		gaz_builder_add(b, p.v[i], 0, (uint32_t)i, 0);
	gaz_build(b, &g, &e);
	tg = now_us() - t0;
	t0 = now_us();
	re = alternation(&p);
	tp = now_us() - t0;
	md = re != NULL ? pcre2_match_data_create_from_pattern(re, NULL) : NULL;
	t0 = now_us();
	for (int k = 0; k < SCANS; k++) {
		h.n = 0;
		ng += gaz_scan(g, text, len, &h);
	}
	sg = (now_us() - t0) / SCANS;
	t0 = now_us();
	for (int k = 0; re != NULL && k < SCANS; k++)
		np += pcre_scan(re, md, text, len);
	sp = (now_us() - t0) / SCANS;
	if (re == NULL)
		printf("%6zu patterns | build: automaton %7.1f ms | scan %zu B: "
		    "automaton %7.1f us (%zu hits)\n", p.n, tg / 1e3, len, sg,
		    ng / SCANS);
	else
		printf("%6zu patterns | build: automaton %7.1f ms, pcre2 %7.1f ms | "
	    "scan %zu B: automaton %7.1f us (%zu hits), pcre2+JIT %8.1f us "
	    "(%zu matches)\n", p.n, tg / 1e3, tp / 1e3, len, sg, ng / SCANS,
	    sp, np / SCANS);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	gaz_hits_free(&h);
	gaz_free(g);
	for (size_t i = 0; i < p.n; i++)
		free(p.v[i]);
	free(p.v);
}

int
main(int argc, char **argv)
{
	struct cfg *cfg;
	struct err e;
	char path[4096], *text;
	FILE *f;
	size_t len;

	if (argc < 3) {
		fprintf(stderr, "usage: gaz_bench CONFIG_DIR FILE.txt "
		    "[SYNTHETIC...]\n");
		return 64;
	}
	log_init(LOG_LEVEL_ERR);
	snprintf(path, sizeof(path), "%s/bench.yaml", argv[1]);
	if (cfg_parse(path, "sources: []\n", 12, 0, &cfg, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		return 78;
	}
	if ((f = fopen(argv[2], "rb")) == NULL)
		return 66;
	text = xmalloc(1 << 22);
	len = fread(text, 1, 1 << 22, f);
	fclose(f);
	run(cfg, text, len, 0);
	for (int i = 3; i < argc; i++)
		run(cfg, text, len, atoi(argv[i]));
	free(text);
	cfg_free(cfg);
	return 0;
}
