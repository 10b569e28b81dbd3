/* SPDX-License-Identifier: ISC */
/*
 * FTS5's highlight() and snippet() for document_cjk, done on the text
 * itself (see store_cjk.h). Search used to call them in a second walk
 * over the index, which re-read every phrase's doclist between the best
 * hit and the worst, a quarter of a query; here the phrases come from the
 * query string and the instances from tokenizing the text with kwcjk, the
 * tokenizer that indexed it, so the positions are the index's. The
 * choice of the fragment and the marking follow fts5_aux.c (SQLite 3.40)
 * step by step; tests/unit/test-tokenizer.c compares both.
 */
#include "store_cjk.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store_read.h"
#include "xmem.h"

struct cjk_phrase {
	char **tok;		/* token bytes, NUL-terminated */
	int *len;
	int ntok;
	bool prefix;		/* the last token matches as a prefix */
};

struct store_cjk_phrases {
	struct cjk_phrase *p;
	int n;
};

struct tok {
	int start, end;		/* byte span in the text */
	int off, len;		/* token bytes in toks.bytes */
};

struct toks {
	struct tok *t;
	size_t n, cap;
	struct buf bytes;
};

struct inst {
	int pos, phrase;
};

static int
collect(void *arg, const char *tok, int ntok, int start, int end)
{
	struct toks *k = arg;

	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->t = xreallocarray(k->t, k->cap, sizeof(*k->t));
	}
	k->t[k->n++] = (struct tok){start, end, (int)k->bytes.len, ntok};
	buf_append(&k->bytes, tok, (size_t)ntok);
	return 0;
}

static void
toks_free(struct toks *k)
{
	free(k->t);
	buf_free(&k->bytes);
}

static void
phrase_add(struct store_cjk_phrases *ph, const char *s, size_t n, bool prefix)
{
	struct toks k = {0};
	struct cjk_phrase *p;

	store_cjk_tokenize(s, (int)n, collect, &k);
	ph->p = xreallocarray(ph->p, (size_t)ph->n + 1, sizeof(*ph->p));
	p = &ph->p[ph->n++];
	p->ntok = (int)k.n;
	p->prefix = prefix;
	p->tok = xcalloc(k.n + 1, sizeof(*p->tok));
	p->len = xcalloc(k.n + 1, sizeof(*p->len));
	for (size_t i = 0; i < k.n; i++) {
		p->len[i] = k.t[i].len;
		p->tok[i] = xmalloc((size_t)k.t[i].len + 1);
		memcpy(p->tok[i], k.bytes.data + k.t[i].off, (size_t)k.t[i].len);
		p->tok[i][k.t[i].len] = '\0';
	}
	toks_free(&k);
}

struct store_cjk_phrases *
store_cjk_phrases(const char *match)
{
	struct store_cjk_phrases *ph = xcalloc(1, sizeof(*ph));
	struct buf b = {0};
	const char *p = match;

	while ((p = strchr(p, '"')) != NULL) {
		buf_reset(&b);
		for (p++; *p != '\0'; p++) {
			if (*p == '"' && p[1] != '"')
				break;
			if (*p == '"')
				p++;	/* "" is a quote in the phrase */
			buf_putc(&b, *p);
		}
		if (*p == '\0')
			break;
		p++;
		phrase_add(ph, b.data ? b.data : "", b.len, *p == '*');
	}
	buf_free(&b);
	return ph;
}

void
store_cjk_phrases_free(struct store_cjk_phrases *ph)
{
	if (ph == NULL)
		return;
	for (int i = 0; i < ph->n; i++) {
		for (int j = 0; j < ph->p[i].ntok; j++)
			free(ph->p[i].tok[j]);
		free(ph->p[i].tok);
		free(ph->p[i].len);
	}
	free(ph->p);
	free(ph);
}

static bool
tok_eq(const struct toks *k, size_t i, const struct cjk_phrase *p, int j)
{
	const struct tok *t = &k->t[i];
	bool last = j == p->ntok - 1;

	if (p->prefix && last)
		return t->len >= p->len[j] &&
		    memcmp(k->bytes.data + t->off, p->tok[j], (size_t)p->len[j]) == 0;
	return t->len == p->len[j] &&
	    memcmp(k->bytes.data + t->off, p->tok[j], (size_t)t->len) == 0;
}

static int
cmp_inst(const void *a, const void *b)
{
	const struct inst *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->phrase - y->phrase;
}

/* Every phrase instance in the text, by position then phrase, as xInst. */
static struct inst *
instances(const struct store_cjk_phrases *ph, const struct toks *k, int *n)
{
	struct inst *in = NULL;
	size_t nin = 0, cap = 0;
	int j;

	for (int p = 0; p < ph->n; p++) {
		const struct cjk_phrase *f = &ph->p[p];

		for (size_t i = 0; f->ntok > 0 && i + (size_t)f->ntok <= k->n;
		    i++) {
			for (j = 0; j < f->ntok && tok_eq(k, i + (size_t)j, f, j);
			    j++)
				;
			if (j < f->ntok)
				continue;
			if (nin == cap) {
				cap = cap ? cap * 2 : 16;
				in = xreallocarray(in, cap, sizeof(*in));
			}
			in[nin++] = (struct inst){(int)i, p};
		}
	}
	if (nin > 0)
		qsort(in, nin, sizeof(*in), cmp_inst);
	*n = (int)nin;
	return in;
}

/* What the marking needs: FTS5's HighlightContext and CInstIter. */
struct mark {
	const struct store_cjk_phrases *ph;
	const struct inst *in;
	int nin, iinst;
	int istart, iend;	/* the current coalesced instance, -1 */
	int range_start, range_end;	/* range_end -1: whole text */
	const char *text;
	int off;
	struct buf out;
};

static void
cinst_next(struct mark *m)
{
	int end;

	m->istart = m->iend = -1;
	for (; m->iinst < m->nin; m->iinst++) {
		const struct inst *x = &m->in[m->iinst];

		end = x->pos - 1 + m->ph->p[x->phrase].ntok;
		if (m->istart < 0) {
			m->istart = x->pos;
			m->iend = end;
		} else if (x->pos <= m->iend) {
			if (end > m->iend)
				m->iend = end;
		} else {
			break;
		}
	}
}

static void
put(struct mark *m, int to)
{
	if (to > m->off)
		buf_append(&m->out, m->text + m->off, (size_t)(to - m->off));
}

/* fts5HighlightCb, for token number pos. */
static void
mark_token(struct mark *m, int pos, const struct tok *t)
{
	if (m->range_end >= 0) {
		if (pos < m->range_start || pos > m->range_end)
			return;
		if (m->range_start && pos == m->range_start)
			m->off = t->start;
	}
	if (pos == m->istart) {
		put(m, t->start);
		buf_putc(&m->out, STORE_MARK_OPEN);
		m->off = t->start;
	}
	if (pos == m->iend) {
		if (m->range_end >= 0 && m->istart < m->range_start)
			buf_putc(&m->out, STORE_MARK_OPEN);
		put(m, t->end);
		buf_putc(&m->out, STORE_MARK_CLOSE);
		m->off = t->end;
		cinst_next(m);
	}
	if (m->range_end >= 0 && pos == m->range_end) {
		put(m, t->end);
		m->off = t->end;
		if (pos >= m->istart && pos < m->iend)
			buf_putc(&m->out, STORE_MARK_CLOSE);
	}
}

char *
store_cjk_highlight(const struct store_cjk_phrases *ph, const char *text)
{
	struct toks k = {0};
	struct mark m = {.ph = ph, .range_end = -1, .text = text};
	int n;

	if (text == NULL)
		return NULL;
	n = (int)strlen(text);
	store_cjk_tokenize(text, n, collect, &k);
	m.in = instances(ph, &k, &m.nin);
	cinst_next(&m);
	for (size_t i = 0; i < k.n; i++)
		mark_token(&m, (int)i, &k.t[i]);
	put(&m, n);
	free((void *)m.in);
	toks_free(&k);
	return buf_steal(&m.out);
}

/* Token numbers that start a sentence (fts5SentenceFinderCb). */
static int *
sentences(const char *text, const struct toks *k, int *n)
{
	int *first = xcalloc(k->n + 1, sizeof(*first)), nf = 0, i;
	char c;

	for (size_t t = 0; t < k->n; t++) {
		if (t == 0) {
			first[nf++] = 0;
			continue;
		}
		c = 0;
		for (i = k->t[t].start - 1; i >= 0; i--) {
			c = text[i];
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				break;
		}
		if (i != k->t[t].start - 1 && (c == '.' || c == ':'))
			first[nf++] = (int)t;
	}
	*n = nf;
	return first;
}

/* fts5SnippetScore: the window of ntok tokens from pos. */
static int
window_score(const struct mark *m, unsigned char *seen, int pos, int ntok,
    int nsize, int *adj)
{
	int score = 0, first = -1, last = 0, a;

	memset(seen, 0, (size_t)m->ph->n);
	for (int i = 0; i < m->nin; i++) {
		const struct inst *x = &m->in[i];

		if (x->pos >= pos && (long long)x->pos < (long long)pos + ntok) {
			score += seen[x->phrase] ? 1 : 1000;
			seen[x->phrase] = 1;
			if (first < 0)
				first = x->pos;
			last = x->pos + m->ph->p[x->phrase].ntok;
		}
	}
	if (adj != NULL) {
		a = first - (ntok - (last - first)) / 2;
		if (a + ntok > nsize)
			a = nsize - ntok;
		*adj = a < 0 ? 0 : a;
	}
	return score;
}

/* The start of the best fragment, as fts5SnippetFunction picks it. */
static int
best_start(const struct mark *m, const int *first, int nfirst, int ntok,
    int nsize)
{
	unsigned char *seen = xcalloc((size_t)m->ph->n + 1, 1);
	int best = 0, start = 0, score, adj, io, jj;

	for (int i = 0; i < m->nin; i++) {
		io = m->in[i].pos;
		score = window_score(m, seen, io, ntok, nsize, &adj);
		if (score > best) {
			best = score;
			start = adj;
		}
		if (nfirst == 0 || nsize <= ntok)
			continue;
		for (jj = 0; jj < nfirst - 1; jj++)
			if (first[jj + 1] > io)
				break;
		if (first[jj] < io) {
			score = window_score(m, seen, first[jj], ntok, nsize,
			    NULL) + (first[jj] == 0 ? 120 : 100);
			if (score > best) {
				best = score;
				start = first[jj];
			}
		}
	}
	free(seen);
	return start;
}

char *
store_cjk_snippet(const struct store_cjk_phrases *ph, const char *text,
    int ntok, const char *ellipsis)
{
	struct toks k = {0};
	struct mark m = {.ph = ph, .text = text};
	int n, nfirst, *first, start;

	if (text == NULL)
		return NULL;
	n = (int)strlen(text);
	store_cjk_tokenize(text, n, collect, &k);
	m.in = instances(ph, &k, &m.nin);
	first = sentences(text, &k, &nfirst);
	start = best_start(&m, first, nfirst, ntok, (int)k.n);
	m.range_start = start;
	m.range_end = start + ntok - 1;
	if (start > 0)
		buf_puts(&m.out, ellipsis);
	cinst_next(&m);
	while (m.istart >= 0 && m.istart < start)
		cinst_next(&m);
	for (size_t i = 0; i < k.n; i++)
		mark_token(&m, (int)i, &k.t[i]);
	if (m.range_end >= (int)k.n - 1)
		put(&m, n);
	else
		buf_puts(&m.out, ellipsis);
	free(first);
	free((void *)m.in);
	toks_free(&k);
	return buf_steal(&m.out);
}
