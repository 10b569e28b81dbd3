/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the config module: arbitrary bytes go through the
 * YAML node loader (limits, UTF-8, tabs, aliases, duplicate keys) and,
 * when they parse, through the kicwatch.yaml validation and the
 * entities.yaml validation of the same tree. Included files are not read
 * (CFG_PARSE_NO_INCLUDES): the fuzzer must not wander the filesystem.
 */
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "cfg.h"
#include "cfg_entities.h"
#include "cfg_node.h"
#include "cfg_priv.h"
#include "log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Below every level: each reported mistake would cost a write(2). */
	log_init((enum log_level)0);
	xmlInitParser();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_diag d = {.name = "fuzz.yaml", .nerrors = 0};
	struct cfg_entities ents;
	struct cfg_doc *doc = NULL;
	struct cfg *c = NULL;
	struct err e;

	if (size > CFG_MAIN_MAX_SIZE)
		return 0;
	if (cfg_parse("/fuzz/kicwatch.yaml", (const char *)data, size,
	    CFG_PARSE_NO_INCLUDES, &c, &e) == 0)
		cfg_free(c);
	if (cfg_doc_parse("fuzz.yaml", (const char *)data, size, &doc,
	    &e) == 0) {
		if (cfg_entities_from_doc(doc, &ents, &d) == 0)
			cfg_entities_deinit(&ents);
		cfg_doc_free(doc);
	}
	return 0;
}
