/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the whole extraction: arbitrary bytes as an HTML
 * page (even first byte) or as the text of one article paragraph (odd),
 * through extract_run with the shipped gazetteer and patterns, then the
 * JSON output of `kicwatch extract`. The extractor is built once, as the
 * daemon does. Config comes from $KW_SOURCE_ROOT/config, else ./config
 * (scripts/fuzz.sh runs from the source root).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "buf.h"
#include "cfg.h"
#include "cfg_priv.h"
#include "extract.h"
#include "extract_out.h"
#include "log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cfg *fz_cfg;
static struct extractor *fz_x;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *root = getenv("KW_SOURCE_ROOT");
	char path[4096];
	struct err e;

	(void)argc;
	(void)argv;
	log_init((enum log_level)0);
	xmlInitParser();
	snprintf(path, sizeof(path), "%s/config/fuzz.yaml",
	    root != NULL ? root : ".");
	if (cfg_parse(path, "sources: []\n", 12, 0, &fz_cfg, &e) == -1 ||
	    extractor_new(fz_cfg, &fz_x, &e) == -1) {
		fprintf(stderr, "fuzz-extract: %s\n", e.msg);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_input in = {0};
	struct extract_result *r = NULL;
	struct buf page = {0}, out = {0};
	struct err e;

	if (size == 0 || size > 256 * 1024)
		return 0;
	if (data[0] & 1) {
		buf_puts(&page, "<html><body><div class=\"article\"><p>");
		buf_append(&page, data + 1, size - 1);
		buf_puts(&page, "</p></div></body></html>");
		in.html = page.data;
		in.len = page.len;
	} else {
		in.html = (const char *)data;
		in.len = size;
	}
	in.fallback_date = "2024-09-20";
	if (extract_run(fz_x, &in, &r, &e) == 0) {
		extract_out_json(&out, r, "http://example.org/", "utf-8");
		extract_result_free(r);
	}
	buf_free(&out);
	buf_free(&page);
	return 0;
}
