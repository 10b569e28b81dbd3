/* SPDX-License-Identifier: ISC */
/*
 * The vocabulary automaton: entity aliases and every word list of
 * patterns.yaml go into one gazetteer, so a document is scanned once and
 * each rule pass picks the hit kinds it needs. Built once per extractor.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

static unsigned
vocab_flags(const char *w)
{
	size_t i = 0;
	uint32_t cp = text_utf8_next(w, strlen(w), &i);

	return GAZ_F_HAN | (mention_is_hangul(cp) ? GAZ_F_HANGUL_LEFT : 0);
}

static void
vocab_words(struct gaz_builder *b, const struct cfg_words *w,
    enum mention_kind k, uint32_t idx, unsigned flags)
{
	for (size_t i = 0; i < w->n; i++)
		gaz_builder_add(b, w->v[i], (uint16_t)k, idx, flags);
}

static void
vocab_places(struct gaz_builder *b, const struct cfg_patterns *p)
{
	for (size_t i = 0; i < p->nplaces; i++) {
		const struct cfg_place *pl = &p->places[i];

		for (size_t k = 0; k < pl->names.n; k++)
			gaz_builder_add(b, pl->names.v[k], MK_PLACE,
			    (uint32_t)i, vocab_flags(pl->names.v[k]));
		vocab_words(b, &pl->alt_context, MK_PLACE_ALT, (uint32_t)i,
		    GAZ_F_HAN);
	}
}

static void
vocab_patterns(struct gaz_builder *b, const struct cfg_patterns *p)
{
	vocab_places(b, p);
	for (size_t i = 0; i < p->nsectors; i++)
		vocab_words(b, &p->sectors[i].keywords, MK_SECTOR,
		    (uint32_t)i, GAZ_F_HAN);
	for (size_t i = 0; i < p->nevents; i++)
		vocab_words(b, &p->events[i].triggers, MK_EVENT, (uint32_t)i,
		    GAZ_F_HAN);
	for (size_t i = 0; i < p->nroles; i++) {
		vocab_words(b, &p->roles[i].cues, MK_ROLE, (uint32_t)(i * 2),
		    GAZ_F_HAN);
		vocab_words(b, &p->roles[i].labels, MK_ROLE,
		    (uint32_t)(i * 2 + 1), GAZ_F_HAN);
	}
	vocab_words(b, &p->mou_triggers, MK_MOU, MOU_TRIGGER, GAZ_F_HAN);
	vocab_words(b, &p->mou_verbs, MK_MOU, MOU_VERB, GAZ_F_HAN);
	vocab_words(b, &p->mou_strong, MK_MOU, MOU_STRONG, GAZ_F_HAN);
	for (size_t i = 0; i < CFG_CUE_MAX; i++)
		vocab_words(b, &p->cues[i], MK_CUE, (uint32_t)i, GAZ_F_HAN);
	for (size_t i = 0; i < p->nsuffixes; i++)
		gaz_builder_add(b, p->suffixes[i].suffix, MK_SUFFIX,
		    (uint32_t)i, GAZ_F_HAN);
	vocab_words(b, &p->person_titles, MK_TITLE, 0, GAZ_F_HAN);
	vocab_words(b, &p->zh_stops, MK_ZHSTOP, 0, GAZ_F_HAN);
	vocab_words(b, &p->zh_stop_exceptions, MK_ZHSTOPX, 0, GAZ_F_HAN);
	vocab_words(b, &p->ko_name_modifiers, MK_MODIFIER, 0, GAZ_F_HAN);
	vocab_words(b, &p->latin_org_stop, MK_LATINSTOP, 0, 0);
}

/* The lists with every Han word also in its other script (gaz_build). */
static void
vocab_lists(struct gaz_builder *b, const struct cfg_patterns *p,
    struct mention_vocab *v)
{
	gaz_builder_expand(b, &p->generic_orgs, &v->generic_orgs);
	gaz_builder_expand(b, &p->generic_prefixes, &v->generic_prefixes);
	gaz_builder_expand(b, &p->venues, &v->venues);
	gaz_builder_expand(b, &p->class_nouns, &v->class_nouns);
	gaz_builder_expand(b, &p->trigger_not_before, &v->trigger_not_before);
	v->suffix_not_before = xcalloc(p->nsuffixes + 1,
	    sizeof(*v->suffix_not_before));
	for (size_t i = 0; i < p->nsuffixes; i++)
		gaz_builder_expand(b, &p->suffixes[i].not_before,
		    &v->suffix_not_before[i]);
}

static void
words_free(struct cfg_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

int
mention_vocab_new(const struct cfg *c, struct mention_vocab **out,
    struct err *e)
{
	struct gaz_builder *b;

	if (gaz_builder_new(&b, e) == -1)
		return -1;
	return mention_vocab_build(c, b, out, e);
}

int
mention_vocab_build(const struct cfg *c, struct gaz_builder *b,
    struct mention_vocab **out, struct err *e)
{
	struct mention_vocab *v;

	if (c->patterns == NULL) {
		gaz_builder_free(b);
		return err_set(e, "extraction: no patterns loaded");
	}
	gaz_builder_add_entities(b, &c->entities, MK_ENTITY);
	vocab_patterns(b, c->patterns);
	v = xcalloc(1, sizeof(*v));
	v->ents = &c->entities;
	v->pat = c->patterns;
	vocab_lists(b, c->patterns, v);
	if (gaz_build(b, &v->gaz, e) == -1) {
		mention_vocab_free(v);
		return -1;
	}
	*out = v;
	return 0;
}

void
mention_vocab_free(struct mention_vocab *v)
{
	if (v == NULL)
		return;
	gaz_free(v->gaz);
	words_free(&v->generic_orgs);
	words_free(&v->generic_prefixes);
	words_free(&v->venues);
	words_free(&v->class_nouns);
	words_free(&v->trigger_not_before);
	for (size_t i = 0; v->suffix_not_before != NULL &&
	    i < v->pat->nsuffixes; i++)
		words_free(&v->suffix_not_before[i]);
	free(v->suffix_not_before);
	free(v);
}
