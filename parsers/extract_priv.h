/* SPDX-License-Identifier: ISC */
/*
 * Internals of extract.c shared with extract_result.c, which turns the
 * working mention_doc into the public struct extract_result.
 */
#ifndef EXTRACT_PRIV_H
#define EXTRACT_PRIV_H

#include "extract.h"
#include "mention.h"
#include "text.h"

struct extractor {
	const struct cfg *cfg;		/* borrowed: entities and patterns */
	struct mention_vocab *voc;	/* the vocabulary automaton, owned */
};

/* Evidence snippets are cut to this many code points. */
#define EXTRACT_EVIDENCE_MAX 160

/*
 * Fills r's orgs, mentions, events, MOUs and sectors from d, mapping the
 * normalised byte spans through n to code points of r->text (len bytes).
 */
void extract_result_fill(struct extract_result *r, size_t len,
    const struct mention_doc *d, const struct text_norm *n);

#endif
