/* SPDX-License-Identifier: ISC */
/*
 * A YAML document as a small tree with source positions, read with libyaml
 * under hard limits (file size, depth, node count, alias expansion, tabs,
 * UTF-8 only, duplicate keys rejected). kicwatch.yaml, entities.yaml and
 * patterns.yaml are all walked through this one tree, so every file gets
 * the same "path:line:col: key.path: message" errors.
 */
#ifndef CFG_NODE_H
#define CFG_NODE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum cfg_node_kind {
	CFG_NODE_SCALAR,
	CFG_NODE_SEQ,
	CFG_NODE_MAP,
};

struct cfg_node {
	enum cfg_node_kind kind;
	unsigned line, col;		/* 1-based position of the node */
	char *value;			/* SCALAR: UTF-8 text; else NULL */
	bool quoted;			/* SCALAR: "null"/"true" stay strings */
	struct cfg_node **keys;		/* MAP: key scalars, n of them */
	struct cfg_node **items;	/* MAP: values; SEQ: items */
	size_t n;
};

struct cfg_doc;

/*
 * Reads and parses path (at most max_size bytes). On success *out is owned
 * by the caller (cfg_doc_free). An empty file is an error.
 */
int cfg_doc_load(const char *path, size_t max_size, struct cfg_doc **out,
    struct err *e);
/* Same from memory; name is used in messages. */
int cfg_doc_parse(const char *name, const char *buf, size_t len,
    struct cfg_doc **out, struct err *e);
void cfg_doc_free(struct cfg_doc *d);
const struct cfg_node *cfg_doc_root(const struct cfg_doc *d);
const char *cfg_doc_name(const struct cfg_doc *d);

/* Value of key in a MAP node, or NULL (borrowed). */
const struct cfg_node *cfg_node_get(const struct cfg_node *map,
    const char *key);
/* An unquoted ~, null or empty scalar. */
bool cfg_node_is_null(const struct cfg_node *n);

/*
 * Error accumulation, like OpenSMTPD's yyerror: each problem is logged as
 * "name:line:col: keypath: message" and counted; validation goes on, so
 * one run reports every mistake. keypath may be NULL or "", at may be NULL
 * (no position). After 200 errors the rest are counted, not logged.
 */
struct cfg_diag {
	const char *name;	/* file name used in messages */
	unsigned nerrors;
};

void cfg_diag_error(struct cfg_diag *d, const struct cfg_node *at,
    const char *keypath, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Logs and counts an error that already names its place (e->msg). */
void cfg_diag_err(struct cfg_diag *d, const struct err *e);

#endif
