/* SPDX-License-Identifier: ISC */
/*
 * The other Chinese script of a name or search term, character by
 * character, from OpenCC's character tables (common/han.h, written
 * by common/gen_han.py): looking a query up costs microseconds, where
 * opening OpenCC's converters cost ~20 ms for every query.
 *
 * OpenCC itself converts phrase by phrase (签约 to 簽約 although 签 alone
 * becomes 籤). Without its 49,000 phrases, a character with several
 * candidates yields one form per candidate instead: 签约 gives 籤約 and
 * 簽約, one of which is what OpenCC writes and what pages print. The
 * forms with every character at its default come first, then the others
 * in order, up to what the caller has room for. The few forms that are
 * no word cost an index lookup that finds nothing.
 */
#include "query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "han.h"
#include "xmem.h"

#define HAN_TRIES 64		/* forms tried per direction, duplicates too */

/* A character of the text: its bytes and its candidates in one script. */
struct han_pos {
	const char *p;
	int len;
	int32_t cp;		/* -1: not valid UTF-8, copied as is */
	uint32_t cand[HAN_CANDIDATES];
	int ncand, idx;
};

/* Candidates of cp in direction d, OpenCC's default first. */
static void
han_pos_candidates(enum han_dir d, struct han_pos *h)
{
	if (h->cp < 0) {
		h->ncand = 1;
		h->cand[0] = (uint32_t)h->cp;
		return;
	}
	h->ncand = han_candidates(d, (uint32_t)h->cp, h->cand);
}

static void
han_setup(enum han_dir d, struct han_pos *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		han_pos_candidates(d, &h[i]);
		h[i].idx = 0;
	}
}

static char *
han_form(const struct han_pos *h, size_t n)
{
	struct buf b = {0};
	utf8proc_uint8_t u[4];
	uint32_t c;

	for (size_t i = 0; i < n; i++) {
		c = h[i].cand[h[i].idx];
		if (h[i].cp < 0 || c == (uint32_t)h[i].cp)
			buf_append(&b, h[i].p, (size_t)h[i].len);
		else
			buf_append(&b, u, (size_t)utf8proc_encode_char(
			    (utf8proc_int32_t)c, u));
	}
	return buf_steal(&b);
}

/* The next combination of candidates, the last character fastest. */
static bool
han_next(struct han_pos *h, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		if (++h[i].idx < h[i].ncand)
			return true;
		h[i].idx = 0;
	}
	return false;
}

static size_t
han_split(const char *s, struct han_pos *h)
{
	const char *end = s + strlen(s);
	utf8proc_int32_t c;
	utf8proc_ssize_t len;
	size_t n = 0;

	for (const char *p = s; p < end; p += h[n++].len) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c);
		h[n].p = p;
		h[n].len = len > 0 ? (int)len : 1;
		h[n].cp = len > 0 ? c : -1;
	}
	return n;
}

static int
add_form(char **out, int n, char *v)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(out[i], v) == 0) {
			free(v);
			return n;
		}
	}
	out[n] = v;
	return n + 1;
}

int
query_han_forms(const char *s, char **out, int n, int max)
{
	size_t len = strlen(s), npos;
	struct han_pos *h = xcalloc(len + 1, sizeof(*h));
	bool converts[HAN_NDIRS] = {false};
	char *form;
	int tries;

	npos = han_split(s, h);
	/* Both defaults first: the forms OpenCC gives most text. */
	for (int d = 0; d < HAN_NDIRS && n < max; d++) {
		han_setup((enum han_dir)d, h, npos);
		form = han_form(h, npos);
		converts[d] = strcmp(form, s) != 0;
		n = add_form(out, n, form);
	}
	/* Then the other candidates, but not towards the script the text
	 * is already in: 國家 stays as typed in Traditional, where 家 has a
	 * second Traditional candidate (傢) only a phrase would pick. Text
	 * neither default changes (一只, which OpenCC makes 一隻) may be in
	 * either. */
	for (int d = 0; d < HAN_NDIRS && n < max; d++) {
		if (!converts[d] && converts[1 - d])
			continue;
		han_setup((enum han_dir)d, h, npos);
		for (tries = 0; n < max && tries < HAN_TRIES &&
		    han_next(h, npos); tries++)
			n = add_form(out, n, han_form(h, npos));
	}
	free(h);
	return n;
}
