/* SPDX-License-Identifier: ISC */
/*
 * When and where an event or a signing happened, from its sentence.
 * Date, in order:
 * 1. a date mention of the sentence with at least month precision: the
 *    last one before the trigger, else the first after it (year-only
 *    mentions such as 지난해 say nothing about the day);
 * 2. 이날/当天/同日 ("that day"): the last such mention before the sentence;
 * 3. 오늘/今天: the publication date;
 * 4. nothing. The publication date is NOT assumed for a bare past-tense
 *    "개최했다": Korean and Chinese reports usually give the day (19일,
 *    9日) and a wrong date is worse than none; several sentences of one
 *    event are merged, so a date given once applies to the whole event.
 * Place: a city of the sentence marked as the scene (상하이에서, 在上海),
 * else its first city; with none, the last city named before (a report is
 * nearly always about one city, and a wrong guess costs no more than no
 * answer), else a city inside an organisation's name.
 */
#include "mention.h"

#include <string.h>

const struct date_mention *
mention_date_at(const struct mention_doc *d, size_t b)
{
	for (size_t i = 0; i < d->ndm; i++) {
		if (d->dm[i].start > b)
			break;
		if (b < d->dm[i].end)
			return &d->dm[i];
	}
	return NULL;
}

/* "15일 밝혔다": the day the report was made, not the day of the event. */
static bool
date_is_report(const struct mention_doc *d, const struct date_mention *m)
{
	size_t i = m->end;

	while (i < d->len && d->s[i] == ' ' && i < m->end + 2)
		i++;
	for (size_t k = mention_hits_from(d, i); k < d->hits.n; k++) {
		if (d->hits.v[k].start > i)
			break;
		if (d->hits.v[k].kind == MK_CUE &&
		    d->hits.v[k].idx == CFG_CUE_REPORT)
			return true;
	}
	return false;
}

static bool
date_usable(const struct mention_doc *d, const struct date_mention *m)
{
	return m->date.m > 0 && !date_is_report(d, m);
}

static const struct date_mention *
date_before(const struct mention_doc *d, size_t from, size_t to)
{
	const struct date_mention *best = NULL;

	for (size_t i = 0; i < d->ndm && d->dm[i].start < to; i++)
		if (d->dm[i].start >= from && date_usable(d, &d->dm[i]))
			best = &d->dm[i];
	return best;
}

struct date_ymd
mention_date_near(const struct mention_doc *d, size_t start, size_t end,
    size_t anchor)
{
	const struct date_mention *m = date_before(d, start, anchor);
	struct date_ymd none = {0, 0, 0};

	if (m == NULL) {
		for (size_t i = 0; i < d->ndm && d->dm[i].start < end; i++)
			if (d->dm[i].start >= anchor &&
			    date_usable(d, &d->dm[i])) {
				m = &d->dm[i];
				break;
			}
	}
	if (m != NULL)
		return m->date;
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_THIS_DAY, start, end)) {
		m = date_before(d, 0, start);
		if (m != NULL)
			return m->date;
	}
	if (mention_has_cue(d, MK_BIT(MK_CUE), CFG_CUE_TODAY, start, end))
		return d->pub;
	return none;
}

static bool
place_is_scene(const struct mention_doc *d, const struct mention_place *p)
{
	size_t i;

	for (i = mention_hits_from(d, p->end); i < d->hits.n; i++) {
		const struct gaz_hit *h = &d->hits.v[i];

		if (h->start > p->end)
			break;
		if (h->kind == MK_CUE && h->idx == CFG_CUE_LOCATIVE)
			return true;
	}
	/* 在上海, 于北京; 在四川成都高新区 (a province between) */
	for (size_t b = p->start, k = 0; b >= 3 && k < 3; k++) {
		if (memcmp(d->s + b - 3, "在", 3) == 0 ||
		    memcmp(d->s + b - 3, "于", 3) == 0)
			return true;
		if (!mention_is_han(mention_prev(d->s, b, &b)))
			break;
	}
	return false;
}

long
mention_place_near(const struct mention_doc *d, size_t start, size_t end,
    size_t anchor)
{
	long first = -1, scene = -1;

	/*
	 * The scene nearest before the trigger wins ("设在北京的…中心21日在
	 * 成都高新区举办": Chengdu), a city inside a name counting when it
	 * is the scene (在成都高新区); else the first city of the sentence.
	 */
	for (size_t i = 0; i < d->nplaces; i++) {
		const struct mention_place *p = &d->places[i];

		if (p->start < start)
			continue;
		if (p->end > end)
			break;
		if (place_is_scene(d, p) && (scene < 0 || p->start < anchor))
			scene = (long)i;
		if (first < 0 && !p->inner)
			first = (long)i;
	}
	return scene >= 0 ? scene : first;
}

long
mention_place_fallback(const struct mention_doc *d, size_t si)
{
	long inner = -1;

	for (size_t i = d->nplaces; i-- > 0;) {
		if (d->places[i].inner) {
			inner = (long)i;
			continue;
		}
		if (d->places[i].start < d->sent[si].start)
			return (long)i;
	}
	for (size_t i = 0; i < d->nplaces; i++)
		if (!d->places[i].inner)
			return (long)i;
	return inner;
}
