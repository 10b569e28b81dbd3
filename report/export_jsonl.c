/* SPDX-License-Identifier: ISC */
/*
 * export jsonl: every record of the run as JSON Lines, each object
 * starting with "record": "event" | "mou" | "org" | "document" and
 * otherwise shaped exactly as `query ... --format json` prints it.
 */
#include "export.h"

static const struct {
	enum query_kind kind;
	const char *label;
} parts[] = {
	{QUERY_EVENTS, "event"},
	{QUERY_MOUS, "mou"},
	{QUERY_ORGS, "org"},
	{QUERY_DOCS, "document"},
};

static int
jsonl_run(struct export_ctx *x, struct err *e)
{
	int64_t n;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		n = query_emit(x->s, parts[i].kind, x->f, QUERY_JSON,
		    parts[i].label, false, x->b, x->out, e);
		if (n == -1)
			return -1;
		x->count += n;
	}
	return 0;
}

const struct export_ops export_jsonl = {
	.name = "jsonl",
	.what = "events, MOUs, organisations and documents as JSON Lines",
	.binary = false,
	.run = jsonl_run,
};
