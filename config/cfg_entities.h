/* SPDX-License-Identifier: ISC */
/*
 * The gazetteer file (entities.yaml): canonical organisations with their
 * aliases per language and risk tags, loaded into struct cfg_entities
 * (cfg.h). Format:
 *
 *   version: 1
 *   entities:
 *     - id: torch-center            # [a-z0-9][a-z0-9-]*, unique
 *       name: Torch High Technology Industry Development Center
 *       country: CN                 # ISO 3166 alpha-2
 *       kind: agency                # optional, [a-z][a-z0-9_]*
 *       tags: [state_tech_transfer] # optional, [a-z][a-z0-9_]*
 *       aliases: {en: [..], ko: [..], zh: [..], zh_hant: [..], abbr: [..]}
 *       note: free text for curators (optional, not used)
 *
 * An alias shared by two entities (after NFKC and case folding) is an
 * error: matching it would be ambiguous.
 */
#ifndef CFG_ENTITIES_H
#define CFG_ENTITIES_H

#include "cfg.h"
#include "cfg_node.h"

/*
 * Loads path into *out (caller's storage; cfg_entities_deinit). Problems
 * are logged under path's name and added to d->nerrors; returns -1 when
 * there were any, and *out is then untouched.
 */
int cfg_entities_load(const char *path, struct cfg_entities *out,
    struct cfg_diag *d);
/* The same from a parsed document (fuzzing, tests). */
int cfg_entities_from_doc(const struct cfg_doc *doc,
    struct cfg_entities *out, struct cfg_diag *d);
void cfg_entities_deinit(struct cfg_entities *ents);

/* Borrowed; NULL when id is unknown. */
const struct cfg_entity *cfg_entities_find(const struct cfg_entities *ents,
    const char *id);
/* Total number of aliases (for summaries). */
size_t cfg_entities_alias_count(const struct cfg_entities *ents);

#endif
