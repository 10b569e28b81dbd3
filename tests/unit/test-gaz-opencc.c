/* SPDX-License-Identifier: ISC */
/*
 * The gazetteer's Han forms (parsers/gaz_han.c, from OpenCC's character
 * tables) against OpenCC itself, on the shipped configuration
 * (config/kicwatch.yaml's entities.yaml and patterns.yaml, which the demo
 * configuration names too): every form OpenCC's s2t, s2tw and t2s give a
 * word the vocabulary expands must be among the forms the tables give it,
 * or be listed below with the reason. Pages print what OpenCC writes (and
 * the bench corpus is made with it), so a form missing here is a name
 * the crawler would no longer find. Only this test links OpenCC.
 */
#include <opencc/opencc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "gaz.h"
#include "mention.h"
#include "t.h"

#ifndef KICWATCH_SRCDIR
#error "KICWATCH_SRCDIR must name the source tree"
#endif

#define NCONV 3

static const char *const conv_cfg[NCONV] = {"s2t.json", "s2tw.json",
    "t2s.json"};

/*
 * OpenCC forms the tables are allowed to miss: word, form, why. None at
 * the moment; an entry must say why the form cannot appear on a page or
 * why missing it is harmless.
 */
static const struct {
	const char *word, *form, *why;
} exceptions[] = {
	{NULL, NULL, NULL},
};

struct check {
	opencc_t cv[NCONV];
	size_t words, forms, max_forms, missed, excused;
	bool quiet;		/* the checker's own test */
};

static bool
excused(const char *word, const char *form)
{
	for (size_t i = 0; exceptions[i].word != NULL; i++)
		if (strcmp(exceptions[i].word, word) == 0 &&
		    strcmp(exceptions[i].form, form) == 0)
			return true;
	return false;
}

static bool
among(const char *form, const char *word, char *const *forms, size_t n)
{
	if (strcmp(form, word) == 0)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strcmp(forms[i], form) == 0)
			return true;
	return false;
}

static void
check_word(void *arg, const char *text, char *const *forms, size_t n)
{
	struct check *c = arg;
	char *o;

	c->words++;
	c->forms += n;
	if (n > c->max_forms)
		c->max_forms = n;
	for (size_t k = 0; k < NCONV; k++) {
		o = opencc_convert_utf8(c->cv[k], text, strlen(text));
		T_ASSERT(o != NULL);
		if (o == NULL)
			continue;
		if (!among(o, text, forms, n)) {
			if (excused(text, o)) {
				c->excused++;
			} else {
				c->missed++;
				if (!c->quiet)
					fprintf(stderr, "%s: OpenCC %s gives "
					    "%s, not among the %zu forms\n",
					    text, conv_cfg[k], o, n);
			}
		}
		opencc_convert_utf8_free(o);
	}
}

/* The checker can fail: a word with no forms misses OpenCC's. */
static void
test_checker(struct check *c)
{
	char *one[] = {"籤約"};

	c->quiet = true;
	check_word(c, "签约", NULL, 0);
	T_ASSERT(c->missed == 2);	/* s2t and s2tw: 簽約 */
	c->missed = 0;
	check_word(c, "签约", one, 1);
	T_ASSERT(c->missed == 2);
	c->missed = 0;
	c->words = c->forms = c->max_forms = 0;
	c->quiet = false;
}

int
main(void)
{
	struct check c = {0};
	struct mention_vocab *v;
	struct gaz_builder *b;
	struct cfg *cfg;
	struct err e;

	for (size_t k = 0; k < NCONV; k++) {
		c.cv[k] = opencc_open(conv_cfg[k]);
		T_ASSERT(c.cv[k] != (opencc_t)-1);
		if (c.cv[k] == (opencc_t)-1)
			return T_DONE();
	}
	test_checker(&c);
	T_ASSERT(cfg_load(KICWATCH_SRCDIR "/config/kicwatch.yaml", &cfg,
	    &e) == 0);
	if (t_failures)
		return T_DONE();
	T_ASSERT(gaz_builder_new(&b, &e) == 0);
	gaz_builder_on_han(b, check_word, &c);
	T_ASSERT(mention_vocab_build(cfg, b, &v, &e) == 0);
	if (t_failures)
		return T_DONE();
	fprintf(stderr, "%zu Han words, %zu forms (at most %zu a word), "
	    "%zu OpenCC forms missed, %zu excused\n", c.words, c.forms,
	    c.max_forms, c.missed, c.excused);
	/* The whole vocabulary went through: ~900 words in 2026. */
	T_ASSERT(c.words > 500);
	T_ASSERT(c.missed == 0);
	mention_vocab_free(v);
	cfg_free(cfg);
	for (size_t k = 0; k < NCONV; k++)
		opencc_close(c.cv[k]);
	return T_DONE();
}
