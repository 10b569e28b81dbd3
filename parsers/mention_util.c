/* SPDX-License-Identifier: ISC */
/*
 * Small helpers the rule passes share: code points and scripts, Korean
 * particles, word lists, and lookups in the sorted mention arrays. Every
 * lookup is bounded by the arrays' sizes; nothing allocates.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

uint32_t
mention_next(const char *s, size_t len, size_t *i)
{
	return text_utf8_next(s, len, i);
}

uint32_t
mention_prev(const char *s, size_t i, size_t *start)
{
	size_t b = i, k;

	/* back over at most 3 continuation bytes, then decode forward */
	while (b > 0 && i - b < 4) {
		b--;
		if (((unsigned char)s[b] & 0xc0) != 0x80)
			break;
	}
	k = b;
	if (k < i) {
		uint32_t cp = text_utf8_next(s, i, &k);

		if (k == i) {
			*start = b;
			return cp;
		}
	}
	*start = i - 1;
	return 0xfffd;
}

bool
mention_is_hangul(uint32_t cp)
{
	return (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x3131 && cp <= 0x318e);
}

bool
mention_is_han(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
}

bool
mention_is_latin(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z');
}

size_t
mention_word_at(const struct cfg_words *w, const char *s, size_t i,
    size_t end)
{
	size_t best = 0;

	if (i >= end)
		return 0;
	for (size_t k = 0; k < w->n; k++) {
		size_t n;

		/* most words fail on their first byte: skip strlen then */
		if (w->v[k][0] != s[i])
			continue;
		n = strlen(w->v[k]);
		if (n > best && n <= end - i && memcmp(s + i, w->v[k], n) == 0)
			best = n;
	}
	return best;
}

size_t
mention_word_ending(const struct cfg_words *w, const char *s, size_t start,
    size_t end)
{
	size_t best = 0;

	for (size_t k = 0; k < w->n; k++) {
		size_t n = strlen(w->v[k]);

		if (n > best && n <= end - start &&
		    memcmp(s + end - n, w->v[k], n) == 0)
			best = n;
	}
	return best;
}

size_t
mention_particles_len(const struct mention_doc *d, size_t i, size_t end)
{
	const struct cfg_words *p = &d->voc->pat->particles;
	size_t at = i;

	for (int k = 0; k < 3 && at < end; k++) {
		size_t n = mention_word_at(p, d->s, at, end);

		if (n == 0)
			break;
		at += n;
	}
	return at - i;
}

size_t
mention_sentence_of(const struct mention_doc *d, size_t b)
{
	size_t lo = 0, hi = d->nsent;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->sent[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->nsent && d->sent[lo].start <= b)
		return lo;
	return d->nsent;
}

size_t
mention_om_from(const struct mention_doc *d, size_t b)
{
	size_t lo = 0, hi = d->nom;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->om[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct mention_om *
mention_om_at(const struct mention_doc *d, size_t b)
{
	size_t i = mention_om_from(d, b + 1);

	/* mentions before b+1 that may cover b; nested ones are inside */
	while (i > 0) {
		const struct mention_om *m = &d->om[--i];

		if (m->start <= b && b < m->end && !m->nested)
			return m;
		if (m->end <= b && !m->nested)
			break;
	}
	return NULL;
}

size_t
mention_hits_from(const struct mention_doc *d, size_t start)
{
	size_t lo = 0, hi = d->hits.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->hits.v[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
mention_has_cue(const struct mention_doc *d, uint32_t mask, long idx,
    size_t start, size_t end)
{
	for (size_t i = mention_hits_from(d, start); i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->start >= end)
			break;
		if (h->end <= end && (MK_BIT(h->kind) & mask) &&
		    (idx < 0 || (long)h->idx == idx))
			return true;
	}
	return false;
}

bool
mention_bit(const unsigned char *bm, size_t b)
{
	return (bm[b >> 3] >> (b & 7)) & 1;
}

static void
bit_set(unsigned char *bm, size_t b)
{
	bm[b >> 3] |= (unsigned char)(1u << (b & 7));
}

void
mention_doc_prepare(struct mention_doc *d)
{
	size_t nb = d->len / 8 + 1;
	unsigned char *exc = xcalloc(nb, 1);

	d->zh_stop_end = xcalloc(nb, 1);
	for (size_t i = 0; i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->kind == MK_ZHSTOPX)
			for (size_t b = h->start; b < h->end; b++)
				bit_set(exc, b);
	}
	for (size_t i = 0; i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->kind == MK_ZHSTOP &&
		    !(mention_bit(exc, h->start) && mention_bit(exc, h->end - 1)))
			bit_set(d->zh_stop_end, h->end);
	}
	free(exc);
}

void
mention_doc_free(struct mention_doc *d)
{
	if (d == NULL)
		return;
	free(d->zh_stop_end);
	free(d->sent);
	free(d->dm);
	gaz_hits_free(&d->hits);
	gaz_hits_free(&d->sect);
	for (size_t i = 0; i < d->norgs; i++)
		free(d->orgs[i].key);
	free(d->orgs);
	free(d->om);
	free(d->places);
	for (size_t i = 0; i < d->nev; i++) {
		free(d->ev[i].name);
		free(d->ev[i].orgs);
	}
	free(d->ev);
	for (size_t i = 0; i < d->nmou; i++)
		free(d->mou[i].parties);
	free(d->mou);
}
