/* SPDX-License-Identifier: ISC */
/*
 * The gazetteer matcher: every alias of every entity (and any other
 * vocabulary the caller adds: places, triggers, sector keywords) compiled
 * into one Aho-Corasick automaton (acm.h) that finds all of them in one
 * pass over the text.
 *
 * At build time each pattern is NFKC-normalised, ASCII-lower-cased, and,
 * when it holds Han characters, expanded to Traditional (as OpenCC's s2t,
 * s2tw) and Simplified (t2s) from OpenCC's character tables (gaz_han.c),
 * so 国家技术转移东部中心 also finds 國家技術轉移東部中心 while offsets
 * stay those of the text as written.
 * Latin patterns match on word boundaries ("BIT" is not in "BITCOIN"),
 * CJK and Hangul patterns anywhere (Korean particles attach with no space).
 * A built gaz is immutable and may be shared by threads.
 */
#ifndef GAZ_H
#define GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "err.h"

struct gaz_builder;
struct gaz;
struct cfg_words;		/* cfg_patterns.h: a list of words */

enum gaz_flag {
	GAZ_F_HAN = 1 << 0,	/* expand Simplified <-> Traditional */
	GAZ_F_HANGUL_LEFT = 1 << 1,	/* no Hangul right before the match */
	GAZ_F_CASE = 1 << 2,	/* Latin must match case exactly (set by
				   the caller; checked in gaz_scan) */
};

struct gaz_hit {
	size_t start, end;	/* byte offsets into the scanned text */
	uint32_t idx;		/* the caller's payload */
	uint16_t kind;		/* the caller's category */
	uint16_t flags;		/* enum gaz_flag of the pattern */
};

struct gaz_hits {
	struct gaz_hit *v;	/* owned; free with gaz_hits_free */
	size_t n, cap;
};

/* Upper bound on hits kept per scan, so hostile text cannot blow memory. */
#define GAZ_MAX_HITS 100000

/* A builder collects patterns. Always 0 (the int return and e are kept
   for callers). */
int gaz_builder_new(struct gaz_builder **out, struct err *e);
void gaz_builder_free(struct gaz_builder *b);

/* Adds one pattern (UTF-8, copied). Empty text is ignored. */
void gaz_builder_add(struct gaz_builder *b, const char *text, uint16_t kind,
    uint32_t idx, unsigned flags);

/*
 * For word lists compared outside the automaton: fills out with the forms
 * of each word of in the matcher would look for, in the order of in: the
 * word NFKC-normalised, then its gaz_han_forms() when it holds Han
 * characters. out's strings are owned (free() each and out->v).
 */
void gaz_builder_expand(struct gaz_builder *b, const struct cfg_words *in,
    struct cfg_words *out);

/*
 * Adds every alias and the canonical name of every entity with the given
 * kind; idx is the entity's index in ents->v.
 */
void gaz_builder_add_entities(struct gaz_builder *b,
    const struct cfg_entities *ents, uint16_t kind);

/*
 * Freezes the patterns into a gaz, owned by the caller (gaz_free). -1 if
 * there are too many. The builder is consumed (freed) whatever the
 * result.
 */
int gaz_build(struct gaz_builder *b, struct gaz **out, struct err *e);
void gaz_free(struct gaz *g);

/*
 * For tests that compare the forms with OpenCC's: fn is called for every
 * Han word the builder expands from now on (added as a pattern with
 * GAZ_F_HAN, or in a list given to gaz_builder_expand), normalised, with
 * the forms it got.
 */
typedef void gaz_han_fn(void *arg, const char *text, char *const *forms,
    size_t n);
void gaz_builder_on_han(struct gaz_builder *b, gaz_han_fn *fn, void *arg);

/* Forms tried per direction for a word, so that one whose characters
   have many candidates cannot multiply into thousands (gaz_han.c). */
#define GAZ_HAN_TRIES 16

/*
 * The other-script forms of text (NFKC-normalised, with Han characters),
 * from OpenCC's character tables: OpenCC's defaults in its order (s2t,
 * s2tw, t2s), then the forms with other candidates of characters that
 * have several, fewest changes first, at most GAZ_HAN_TRIES of them per
 * direction (s2t's each with its Taiwan variant). Distinct and none equal
 * to text; returns an owned array (free() each and it) and its count.
 */
char **gaz_han_forms(const char *text, size_t *n);

/* Number of distinct patterns and automaton states (measurements). */
size_t gaz_patterns(const struct gaz *g);
size_t gaz_states(const struct gaz *g);

/*
 * Appends to out every occurrence in s[0..len) that respects its
 * boundaries, sorted by start, longer first. Stops at GAZ_MAX_HITS.
 * Returns the number appended.
 */
size_t gaz_scan(const struct gaz *g, const char *s, size_t len,
    struct gaz_hits *out);

/*
 * Leftmost-longest selection: appends to out the non-overlapping hits of
 * in whose kind bit ((1u << kind) & kinds) is set, preferring at each
 * point the earliest start, then the longest match. in must be sorted as
 * gaz_scan sorts it.
 */
void gaz_select(const struct gaz_hits *in, uint32_t kinds,
    struct gaz_hits *out);

void gaz_hits_push(struct gaz_hits *h, const struct gaz_hit *hit);
void gaz_hits_free(struct gaz_hits *h);

#endif
