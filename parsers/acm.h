/* SPDX-License-Identifier: ISC */
/*
 * A multi-pattern matcher: an Aho-Corasick automaton over UTF-8 bytes with
 * ASCII case folding. Built once (acm_new, acm_add..., acm_build), then
 * immutable: acm_scan only reads it, so any number of threads may scan at
 * once. Patterns are byte strings; the caller folds them (ASCII lower case,
 * NFKC) the same way the text is folded. Word boundaries and the choice
 * among overlapping matches are the caller's business (see gaz.h).
 */
#ifndef ACM_H
#define ACM_H

#include <stddef.h>
#include <stdint.h>

struct acm;

/* A new, empty automaton under construction; acm_free releases it. */
struct acm *acm_new(void);
void acm_free(struct acm *a);

/*
 * Adds pattern p (len bytes, len > 0) with the caller's id. Upper-case
 * ASCII in p is folded. The same bytes may be added with several ids:
 * each is reported. Only before acm_build.
 */
void acm_add(struct acm *a, const char *p, size_t len, uint32_t id);

/* Computes failure links and freezes the automaton. */
void acm_build(struct acm *a);

/* Number of states (for measurements). */
size_t acm_states(const struct acm *a);

/*
 * Called for every occurrence, in order of increasing end offset; returns
 * 0 to go on, anything else stops the scan.
 */
typedef int (*acm_match_fn)(void *arg, size_t start, size_t end,
    uint32_t id);

/* Scans s[0..len); returns the number of matches reported. */
size_t acm_scan(const struct acm *a, const char *s, size_t len,
    acm_match_fn fn, void *arg);

#endif
