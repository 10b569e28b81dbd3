/* SPDX-License-Identifier: ISC */
/*
 * Aho-Corasick over bytes. The trie is grown with sibling lists, then
 * frozen into flat arrays: the root has a full 256-entry table (most steps
 * leave or return to it), other states keep their edges sorted in one
 * shared array, searched linearly when short and by bisection when long.
 * Dictionary links chain each state to the next state whose pattern is a
 * proper suffix, so reporting costs only the matches found. The trie is
 * freed once frozen: a built automaton lives as long as the process (the
 * vocabulary), so it keeps only what a scan reads.
 */
#include "acm.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define ACM_NONE UINT32_MAX

struct acm_tnode {		/* build-time trie node */
	uint32_t child;		/* first child, ACM_NONE if none */
	uint32_t sibling;	/* next sibling, ACM_NONE if last */
	uint32_t out;		/* first index into outs, ACM_NONE if none */
	uint32_t depth;		/* bytes from the root */
	unsigned char label;
};

struct acm_state {		/* what a scan needs of a frozen state */
	uint32_t out;		/* first index into outs, ACM_NONE if none */
	uint32_t depth;		/* bytes from the root */
};

struct acm_out {
	uint32_t id;
	uint32_t next;		/* next output of the same state or ACM_NONE */
};

struct acm {
	bool built;
	struct acm_tnode *t;	/* states; 0 is the root */
	size_t nt, capt;
	struct acm_out *outs;
	size_t nouts, capouts;
	/* frozen form */
	uint32_t root[256];
	uint32_t *eoff;		/* edges of state s: [eoff[s], eoff[s+1]) */
	unsigned char *elbl;
	uint32_t *eto;
	uint32_t *fail;
	uint32_t *dict;		/* next state with output on the fail chain */
	struct acm_state *st;	/* per state; t is freed by acm_build */
};

static uint32_t
acm_node_new(struct acm *a, unsigned char label, uint32_t depth)
{
	struct acm_tnode *n;

	if (a->nt == a->capt) {
		a->capt = a->capt ? a->capt * 2 : 256;
		a->t = xreallocarray(a->t, a->capt, sizeof(*a->t));
	}
	n = &a->t[a->nt];
	n->child = n->sibling = n->out = ACM_NONE;
	n->depth = depth;
	n->label = label;
	return (uint32_t)a->nt++;
}

struct acm *
acm_new(void)
{
	struct acm *a = xcalloc(1, sizeof(*a));

	acm_node_new(a, 0, 0);
	return a;
}

void
acm_free(struct acm *a)
{
	if (a == NULL)
		return;
	free(a->t);
	free(a->outs);
	free(a->eoff);
	free(a->elbl);
	free(a->eto);
	free(a->fail);
	free(a->dict);
	free(a->st);
	free(a);
}

static unsigned char
acm_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static uint32_t
acm_child_get(struct acm *a, uint32_t s, unsigned char c)
{
	uint32_t k;

	for (k = a->t[s].child; k != ACM_NONE; k = a->t[k].sibling)
		if (a->t[k].label == c)
			return k;
	k = acm_node_new(a, c, a->t[s].depth + 1);
	a->t[k].sibling = a->t[s].child;
	a->t[s].child = k;
	return k;
}

void
acm_add(struct acm *a, const char *p, size_t len, uint32_t id)
{
	uint32_t s = 0;

	assert(!a->built && len > 0 && len < UINT32_MAX);
	for (size_t i = 0; i < len; i++)
		s = acm_child_get(a, s, acm_fold((unsigned char)p[i]));
	for (uint32_t o = a->t[s].out; o != ACM_NONE; o = a->outs[o].next)
		if (a->outs[o].id == id)
			return;
	if (a->nouts == a->capouts) {
		a->capouts = a->capouts ? a->capouts * 2 : 256;
		a->outs = xreallocarray(a->outs, a->capouts, sizeof(*a->outs));
	}
	a->outs[a->nouts].id = id;
	a->outs[a->nouts].next = a->t[s].out;
	a->t[s].out = (uint32_t)a->nouts++;
}

static int
acm_lbl_cmp(const void *x, const void *y)
{
	const unsigned char *l = x, *r = y;

	return (int)*l - (int)*r;
}

/* Lays the sibling lists out as sorted, contiguous edge ranges. */
static void
acm_freeze_edges(struct acm *a)
{
	size_t ne = 0, pos = 0;
	unsigned char tmp[256 * 5];

	a->eoff = xcalloc(a->nt + 1, sizeof(*a->eoff));
	a->elbl = xmalloc(a->nt);
	a->eto = xcalloc(a->nt, sizeof(*a->eto));
	for (size_t s = 0; s < a->nt; s++) {
		size_t n = 0;

		a->eoff[s] = (uint32_t)pos;
		for (uint32_t k = a->t[s].child; k != ACM_NONE;
		    k = a->t[k].sibling) {
			tmp[n * 5] = a->t[k].label;
			memcpy(tmp + n * 5 + 1, &k, 4);
			n++;
		}
		qsort(tmp, n, 5, acm_lbl_cmp);
		for (size_t i = 0; i < n; i++) {
			a->elbl[pos] = tmp[i * 5];
			memcpy(&a->eto[pos], tmp + i * 5 + 1, 4);
			pos++;
		}
		ne += n;
	}
	a->eoff[a->nt] = (uint32_t)pos;
	assert(ne == a->nt - 1);
	for (uint32_t k = a->t[0].child; k != ACM_NONE; k = a->t[k].sibling)
		a->root[a->t[k].label] = k;
}

static uint32_t
acm_edge(const struct acm *a, uint32_t s, unsigned char c)
{
	uint32_t lo = a->eoff[s], hi = a->eoff[s + 1];

	if (hi - lo <= 8) {
		for (; lo < hi; lo++)
			if (a->elbl[lo] == c)
				return a->eto[lo];
		return ACM_NONE;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (a->elbl[mid] == c)
			return a->eto[mid];
		if (a->elbl[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ACM_NONE;
}

static uint32_t
acm_step(const struct acm *a, uint32_t s, unsigned char c)
{
	uint32_t t;

	for (;;) {
		if (s == 0)
			return a->root[c];
		t = acm_edge(a, s, c);
		if (t != ACM_NONE)
			return t;
		s = a->fail[s];
	}
}

void
acm_build(struct acm *a)
{
	uint32_t *queue;
	size_t qh = 0, qt = 0;

	assert(!a->built);
	acm_freeze_edges(a);
	a->fail = xcalloc(a->nt, sizeof(*a->fail));
	a->dict = xcalloc(a->nt, sizeof(*a->dict));
	queue = xcalloc(a->nt, sizeof(*queue));
	a->dict[0] = ACM_NONE;
	queue[qt++] = 0;
	while (qh < qt) {
		uint32_t s = queue[qh++];

		for (uint32_t e = a->eoff[s]; e < a->eoff[s + 1]; e++) {
			uint32_t k = a->eto[e], f;

			f = s == 0 ? 0 : acm_step(a, a->fail[s], a->elbl[e]);
			a->fail[k] = f;
			a->dict[k] = a->t[f].out != ACM_NONE ? f : a->dict[f];
			queue[qt++] = k;
		}
	}
	free(queue);
	a->st = xreallocarray(NULL, a->nt, sizeof(*a->st));
	for (size_t k = 0; k < a->nt; k++) {
		a->st[k].out = a->t[k].out;
		a->st[k].depth = a->t[k].depth;
	}
	free(a->t);
	a->t = NULL;
	a->outs = xreallocarray(a->outs, a->nouts + 1, sizeof(*a->outs));
	a->capouts = a->nouts + 1;
	a->built = true;
}

size_t
acm_states(const struct acm *a)
{
	return a->nt;
}

size_t
acm_scan(const struct acm *a, const char *s, size_t len, acm_match_fn fn,
    void *arg)
{
	size_t nmatch = 0;
	uint32_t st = 0;

	assert(a->built);
	for (size_t i = 0; i < len; i++) {
		uint32_t m;

		st = acm_step(a, st, acm_fold((unsigned char)s[i]));
		m = a->st[st].out != ACM_NONE ? st : a->dict[st];
		for (; m != ACM_NONE && m != 0; m = a->dict[m]) {
			size_t end = i + 1, start = end - a->st[m].depth;

			for (uint32_t o = a->st[m].out; o != ACM_NONE;
			    o = a->outs[o].next) {
				nmatch++;
				if (fn(arg, start, end, a->outs[o].id) != 0)
					return nmatch;
			}
		}
	}
	return nmatch;
}
