/* SPDX-License-Identifier: ISC */
/* String set: linear probing at most half full, doubling when it fills. */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmem.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

/* The slot holding s, or the empty slot where it would go. */
static size_t
probe(char **slots, size_t cap, const char *s)
{
	size_t i = (size_t)hash(s) & (cap - 1);

	while (slots[i] != NULL && strcmp(slots[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

static void
grow(struct strset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64;
	char **slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < set->cap; i++)
		if (set->slots[i] != NULL)
			slots[probe(slots, cap, set->slots[i])] = set->slots[i];
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
}

bool
strset_add(struct strset *set, const char *s)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	i = probe(set->slots, set->cap, s);
	if (set->slots[i] != NULL)
		return false;
	set->slots[i] = xstrdup(s);
	set->n++;
	return true;
}

bool
strset_has(const struct strset *set, const char *s)
{
	return set->cap != 0 &&
	       set->slots[probe(set->slots, set->cap, s)] != NULL;
}

void
strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof(*set));
}
