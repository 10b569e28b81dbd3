/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for config/cfg_xpath_simple.c: whatever the recogniser
 * accepts, libxml2 must compile (cfg_xpath_check skips libxml2 for it, so
 * an expression libxml2 rejects would pass check-config and fail on every
 * page). The input is the expression, NUL-terminated here.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "cfg_xpath.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlXPathContextPtr ctx;
	xmlXPathCompExprPtr comp;
	char *in;

	if (size > 2048 || memchr(data, '\0', size) != NULL)
		return 0;
	in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	if (cfg_xpath_is_simple(in)) {
		ctx = xmlXPathNewContext(NULL);
		ctx->error = quiet;
		comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)in);
		xmlXPathFreeContext(ctx);
		if (comp == NULL)
			abort();
		xmlXPathFreeCompExpr(comp);
	}
	free(in);
	return 0;
}
