/* SPDX-License-Identifier: ISC */
/*
 * Internals of the config module shared between its files and with tests
 * and fuzzers: the defaults table and loading kicwatch.yaml from memory.
 */
#ifndef CFG_PRIV_H
#define CFG_PRIV_H

#include <stddef.h>

#include "cfg.h"
#include "cfg_node.h"

/* Do not read entities/patterns files (fuzzing a config from memory). */
#define CFG_PARSE_NO_INCLUDES 0x1

/* kicwatch.yaml is small; a larger file is a mistake or an attack. */
#define CFG_MAIN_MAX_SIZE (1024 * 1024)
/* Gazetteers and pattern lists grow with curation. */
#define CFG_DATA_MAX_SIZE (8 * 1024 * 1024)

/*
 * The default of a key ("http.timeout"), as it would be written in YAML.
 * Every key with a default is in the table; asking for another is a bug.
 */
const char *cfg_default(const char *key);

/*
 * Reads the sources: list into c->sources (cfg_source.c). Intervals and
 * revisits left at 0 take defaults.* afterwards.
 */
void cfg_sources_parse(struct cfg_diag *d, const struct cfg_node *n,
    struct cfg *c);

/*
 * cfg_load from memory: name is used in messages and, for relative
 * entities/patterns paths, as the config file's location.
 */
int cfg_parse(const char *name, const char *buf, size_t len, unsigned flags,
    struct cfg **out, struct err *e);

#endif
