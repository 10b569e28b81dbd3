/* SPDX-License-Identifier: ISC */
/*
 * Exports: one backend per format (export_<name>.c), each exporting one
 * struct export_ops, chosen by name on the command line (OpenSMTPD's
 * table backends). A backend writes to x->out through x->b, flushing as
 * it goes, so memory stays bounded by one record.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdio.h>

#include "buf.h"
#include "query.h"
#include "store_read.h"

struct export_ctx {
	struct store *s;
	const struct store_filter *f;	/* --since/--until/--source/... */
	const char *format;		/* --format, NULL: the default */
	struct buf *b;
	FILE *out;
	int64_t count;			/* records written, for the log */
};

struct export_ops {
	const char *name;
	const char *what;		/* for the usage text */
	bool binary;			/* refuses to write to a terminal */
	int (*run)(struct export_ctx *x, struct err *e);
};

extern const struct export_ops export_jsonl;
extern const struct export_ops export_csv;
extern const struct export_ops export_warc;
extern const struct export_ops export_graph;

#endif
