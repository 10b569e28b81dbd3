/* SPDX-License-Identifier: ISC */
/*
 * XPath selectors are compiled at load time so that a typo fails in
 * check-config, not at 3 a.m. on the first fetch. A private XPath context
 * carries its own error callback, so libxml2 neither prints to stderr nor
 * touches the process-wide error handlers, and it enforces libxml2's
 * recursion limit on deeply nested expressions. Compiling does not check
 * function names (that happens on evaluation); the profile code reports
 * those per page. The libxml2 calls go through cfg_xpath.h's backend.
 */
#include "cfg_value.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xpath.h>

#include "cfg_xpath.h"

/* Longer than any real selector; bounds libxml2's compile work. */
#define CFG_XPATH_MAX 2048

/*
 * libxml2 fills lastError's code and offset but not its message when a
 * context is given; its message table is private, hence this copy.
 */
static const char *const xpath_messages[] = {
	"ok", "bad number", "unfinished literal", "bad start of literal",
	"expected $ for a variable reference", "undefined variable",
	"invalid predicate", "invalid expression", "missing closing brace",
	"unknown function", "invalid operand", "invalid type",
	"wrong number of arguments", "invalid context size",
	"invalid context position", "out of memory", "syntax error",
	"resource error", "sub-resource error", "undefined namespace prefix",
	"encoding error", "character out of XML range", "invalid context",
	"stack usage error", "forbidden variable", "operation limit exceeded",
	"nested too deeply",
};

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

int
cfg_xpath_check(const char *expr, char *why, size_t len)
{
	const struct cfg_xpath_backend *x;
	xmlXPathContextPtr ctx;
	xmlXPathCompExprPtr comp;
	const char *msg = "invalid expression";
	int off, code;

	if (strlen(expr) > CFG_XPATH_MAX) {
		snprintf(why, len, "longer than %d characters", CFG_XPATH_MAX);
		return -1;
	}
	/* What configurations use, without loading libxml2 in kicwatch. */
	if (cfg_xpath_is_simple(expr))
		return 0;
	if ((x = cfg_xpath_backend(why, len)) == NULL)
		return -1;
	ctx = x->context_new(NULL);
	if (ctx == NULL) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	ctx->error = quiet;
	comp = x->compile(ctx, (const xmlChar *)expr);
	if (comp != NULL) {
		x->comp_free(comp);
		x->context_free(ctx);
		return 0;
	}
	code = ctx->lastError.code - XML_XPATH_EXPRESSION_OK;
	if (code > 0 &&
	    (size_t)code < sizeof(xpath_messages) / sizeof(xpath_messages[0]))
		msg = xpath_messages[code];
	/* int1 is a byte offset; people count characters. */
	off = 0;
	for (int i = 0; i < ctx->lastError.int1 && expr[i] != '\0'; i++)
		off += ((unsigned char)expr[i] & 0xc0) != 0x80;
	snprintf(why, len, "%s at character %d", msg, off + 1);
	x->context_free(ctx);
	return -1;
}
