/* SPDX-License-Identifier: ISC */
/*
 * A set of strings (open addressing, FNV-1a), for "seen this URL already"
 * over thousands of URLs. Zero-initialise (struct strset s = {0}) before
 * use; strings are copied.
 */
#ifndef STRSET_H
#define STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
	char **slots; /* owned; NULL = empty slot */
	size_t cap;   /* power of two, or 0 */
	size_t n;
};

/* Adds s; returns false when it was already there. */
bool strset_add(struct strset *set, const char *s);
bool strset_has(const struct strset *set, const char *s);
void strset_free(struct strset *set);

#endif
