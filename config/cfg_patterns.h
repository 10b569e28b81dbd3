/* SPDX-License-Identifier: ISC */
/*
 * The extraction vocabulary file (patterns.yaml): event and MOU triggers,
 * roles, places, sectors. Owned by the extraction work; this header fixes
 * only how cfg_load reaches it.
 */
#ifndef CFG_PATTERNS_H
#define CFG_PATTERNS_H

#include "cfg.h"
#include "cfg_node.h"

/*
 * Loads and validates path. On success *out is owned by the caller
 * (cfg_patterns_free). Problems are logged under path's name and added to
 * d->nerrors; returns -1 when there were any, *out untouched.
 */
int cfg_patterns_load(const char *path, struct cfg_patterns **out,
    struct cfg_diag *d);
void cfg_patterns_free(struct cfg_patterns *p);

#endif
