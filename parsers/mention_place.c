/* SPDX-License-Identifier: ISC */
/*
 * City mentions from the place table of patterns.yaml. A city inside an
 * organisation's name (北京理工大学, 서울대학교) is part of that name, not a
 * place. A Hangul city name must start a word (gaz does that: 아시안 is not
 * 시안) and be followed by a particle, a place suffix (시, 성, 지역) or no
 * Hangul (대전환 is not Daejeon). A name with two readings (광주: Gwangju,
 * or 广州 read in Korean) takes the alternative in Chinese text or when
 * the sentence holds one of its context words (광둥, 广东).
 */
#include "mention.h"

#include <stdlib.h>

#include "xmem.h"

static bool
place_right_ok(const struct mention_doc *d, size_t end)
{
	size_t j = end;
	uint32_t cp;

	if (end >= d->len)
		return true;
	cp = mention_next(d->s, d->len, &j);
	if (!mention_is_hangul(cp))
		return true;
	return mention_particles_len(d, end, d->len) > 0 ||
	    mention_word_at(&d->voc->pat->place_suffixes, d->s, end,
	    d->len) > 0;
}

static bool
place_alt(const struct mention_doc *d, const struct gaz_hit *h)
{
	size_t si = mention_sentence_of(d, h->start);
	size_t a = 0, b = d->len;

	if (d->voc->pat->places[h->idx].alt_value == NULL)
		return false;
	if (d->zh)
		return true;
	if (si < d->nsent) {
		a = d->sent[si].start;
		b = d->sent[si].end;
	}
	return mention_has_cue(d, MK_BIT(MK_PLACE_ALT), h->idx, a, b);
}

void
mention_place_find(struct mention_doc *d)
{
	struct gaz_hits sel = {0};
	size_t cap = 0;

	gaz_select(&d->hits, MK_BIT(MK_PLACE), &sel);
	for (size_t i = 0; i < sel.n; i++) {
		const struct gaz_hit *h = &sel.v[i];
		size_t k = h->start;
		struct mention_place *p;

		if (mention_is_hangul(mention_next(d->s, d->len, &k)) &&
		    !place_right_ok(d, h->end) &&
		    mention_om_at(d, h->start) == NULL)
			continue;
		if (d->nplaces == cap) {
			cap = cap ? cap * 2 : 16;
			d->places = xreallocarray(d->places, cap,
			    sizeof(*d->places));
		}
		p = &d->places[d->nplaces++];
		p->start = h->start;
		p->end = h->end;
		p->place = h->idx;
		p->alt = place_alt(d, h);
		p->inner = mention_om_at(d, h->start) != NULL;
	}
	gaz_hits_free(&sel);
}
