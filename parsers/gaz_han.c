/* SPDX-License-Identifier: ISC */
/*
 * The other-script forms of a gazetteer word, from OpenCC's character
 * tables (common/han.h) rather than OpenCC itself: opening its s2t
 * converter loaded 8 MB of phrase tables and was the crawl's peak memory
 * at start-up, for ~900 short words.
 *
 * OpenCC picks among a character's candidates by phrase (签约 is 簽約
 * although 签 alone becomes 籤). Without its phrases every candidate is
 * tried, the forms with the fewest characters away from their default
 * first: OpenCC's phrase choices differ from the defaults in one or two
 * characters of a word, so they come early, and a word with many such
 * characters cannot multiply into thousands of forms (GAZ_HAN_TRIES).
 * The extra forms are no words; a page does not print them, so they
 * cost a few automaton states and match nothing. tests/unit/
 * test-gaz-opencc.c checks every form OpenCC gives the shipped
 * configuration is among these.
 */
#include "gaz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "han.h"
#include "xmem.h"

/* A character of the word and its candidates in one direction. */
struct gh_pos {
	const char *p;
	size_t len;
	uint32_t cp;
	uint32_t cand[HAN_CANDIDATES];
	int ncand, pick;
};

struct gh_ctx {
	const char *text;
	struct gh_pos *h;
	size_t n;
	size_t *multi_from;	/* characters with several candidates in
				   h[i..n) */
	bool tw;		/* each form also in Taiwan's variant */
	char **out;
	size_t nout;
	int tries;
};

static void
gh_split(struct gh_ctx *c)
{
	const char *s = c->text, *end = s + strlen(s);
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	c->n = 0;
	for (const char *p = s; p < end; p += c->h[c->n++].len) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p,
		    &cp);
		c->h[c->n].p = p;
		c->h[c->n].len = len > 0 ? (size_t)len : 1;
		c->h[c->n].cp = len > 0 ? (uint32_t)cp : 0;
	}
}

static void
gh_setup(struct gh_ctx *c, enum han_dir d)
{
	size_t multi = 0;

	for (size_t i = c->n; i-- > 0;) {
		c->h[i].ncand = 1;
		c->h[i].cand[0] = c->h[i].cp;
		c->h[i].pick = 0;
		if (c->h[i].cp != 0)
			c->h[i].ncand = han_candidates(d, c->h[i].cp,
			    c->h[i].cand);
		multi += c->h[i].ncand > 1;
		c->multi_from[i] = multi;
	}
	c->multi_from[c->n] = 0;
}

/* Keeps v unless it is the word itself or a form already made. */
static void
gh_add(struct gh_ctx *c, char *v)
{
	bool dup = strcmp(v, c->text) == 0;

	for (size_t i = 0; !dup && i < c->nout; i++)
		dup = strcmp(c->out[i], v) == 0;
	if (dup)
		free(v);
	else
		c->out[c->nout++] = v;
}

/* The word with each character at its picked candidate (and in Taiwan's
   variant when tw). */
static char *
gh_form(const struct gh_ctx *c, bool tw)
{
	struct buf b = {0};
	utf8proc_uint8_t u[4];
	uint32_t cp;

	for (size_t i = 0; i < c->n; i++) {
		const struct gh_pos *h = &c->h[i];

		cp = h->cand[h->pick];
		if (tw)
			cp = han_tw(cp);
		if (h->cp == 0 || cp == h->cp)
			buf_append(&b, h->p, h->len);
		else
			buf_append(&b, u, (size_t)utf8proc_encode_char(
			    (utf8proc_int32_t)cp, u));
	}
	return buf_steal(&b);
}

static void
gh_emit(struct gh_ctx *c)
{
	gh_add(c, gh_form(c, false));
	if (c->tw)
		gh_add(c, gh_form(c, true));
	c->tries++;
}

/*
 * Every form with exactly left more characters off their default, chosen
 * among h[from..n); stops after GAZ_HAN_TRIES forms. A position is tried
 * only if enough characters with candidates follow it, so every branch
 * ends in a form and the work stays proportional to the forms made.
 */
static void
gh_combos(struct gh_ctx *c, size_t from, size_t left)
{
	if (left == 0) {
		gh_emit(c);
		return;
	}
	for (size_t i = from; i < c->n && c->tries < GAZ_HAN_TRIES; i++) {
		if (c->multi_from[i] < left)
			break;
		if (c->h[i].ncand < 2)
			continue;
		for (int k = 1; k < c->h[i].ncand &&
		    c->tries < GAZ_HAN_TRIES; k++) {
			c->h[i].pick = k;
			gh_combos(c, i + 1, left - 1);
		}
		c->h[i].pick = 0;
	}
}

/* The other forms in direction d, fewest changes first. */
static void
gh_others(struct gh_ctx *c, enum han_dir d)
{
	gh_setup(c, d);
	c->tw = d == HAN_S2T;
	c->tries = 0;
	for (size_t left = 1; left <= c->multi_from[0] &&
	    c->tries < GAZ_HAN_TRIES; left++)
		gh_combos(c, 0, left);
}

char **
gaz_han_forms(const char *text, size_t *n)
{
	size_t len = strlen(text);
	struct gh_ctx c = {.text = text};
	bool converts[HAN_NDIRS];
	char *v;

	c.h = xcalloc(len + 1, sizeof(*c.h));
	c.multi_from = xcalloc(len + 1, sizeof(*c.multi_from));
	c.out = xcalloc(3 * GAZ_HAN_TRIES + 4, sizeof(*c.out));
	gh_split(&c);
	/* The defaults first, in OpenCC's order: s2t, s2tw, t2s. */
	gh_setup(&c, HAN_S2T);
	v = gh_form(&c, false);
	converts[HAN_S2T] = strcmp(v, text) != 0;
	gh_add(&c, v);
	gh_add(&c, gh_form(&c, true));
	gh_setup(&c, HAN_T2S);
	v = gh_form(&c, false);
	converts[HAN_T2S] = strcmp(v, text) != 0;
	gh_add(&c, v);
	/* Not towards the script the word is already in: 國家 has a second
	 * Traditional candidate for 家 (傢) only a phrase would pick. A
	 * word neither default changes (一只, which OpenCC makes 一隻) may
	 * be in either. */
	if (converts[HAN_S2T] || !converts[HAN_T2S])
		gh_others(&c, HAN_S2T);
	if (converts[HAN_T2S] || !converts[HAN_S2T])
		gh_others(&c, HAN_T2S);
	free(c.h);
	free(c.multi_from);
	*n = c.nout;
	return c.out;
}
