/* SPDX-License-Identifier: ISC */
/*
 * Helpers for the extraction tests (test-orgs, test-events, test-mou): an
 * extractor built from the shipped config/entities.yaml and
 * config/patterns.yaml ($KW_SOURCE_ROOT, else the current directory), a
 * run of one short text wrapped in an article page published on
 * 2024-09-20, and lookups in the result. Exits 77 (skip) when the config
 * cannot be found.
 */
#ifndef T_EXTRACT_H
#define T_EXTRACT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "cfg_priv.h"
#include "extract.h"
#include "log.h"
#include "t.h"

static struct cfg *t_cfg;
static struct extractor *t_x;

static inline void
t_extract_init(void)
{
	const char *root = getenv("KW_SOURCE_ROOT");
	char path[4096];
	struct err e = {{0}};

	log_init(LOG_LEVEL_ERR);
	xmlInitParser();
	snprintf(path, sizeof(path), "%s/config/t-extract.yaml",
	    root != NULL ? root : ".");
	if (cfg_parse(path, "sources: []\n", 12, 0, &t_cfg, &e) == -1 ||
	    t_cfg->patterns == NULL) {
		fprintf(stderr, "no config: %s\n", e.msg);
		exit(77);
	}
	if (extractor_new(t_cfg, &t_x, &e) == -1) {
		fprintf(stderr, "extractor: %s\n", e.msg);
		exit(1);
	}
}

static inline void
t_extract_done(void)
{
	extractor_free(t_x);
	cfg_free(t_cfg);
	xmlCleanupParser();
}

/* Extracts text (one paragraph per line) as an article page. */
static inline struct extract_result *
t_run(const char *text)
{
	struct extract_input in = {0};
	struct extract_result *r = NULL;
	struct buf b = {0};
	struct err e = {{0}};
	const char *p = text, *nl;

	buf_puts(&b, "<html><head><meta charset=\"utf-8\"><title>t</title>"
		     "</head><body><div class=\"article\">");
	for (; *p; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		buf_puts(&b, "<p>");
		buf_append(&b, p, (size_t)(nl - p));
		buf_puts(&b, "</p>");
	}
	buf_puts(&b, "</div></body></html>");
	in.html = b.data;
	in.len = b.len;
	in.fallback_date = "2024-09-20";
	if (extract_run(t_x, &in, &r, &e) == -1) {
		fprintf(stderr, "extract_run: %s\n", e.msg);
		r = NULL;
	}
	buf_free(&b);
	return r;
}

/* The org with this entity id, or with this name when id is not one. */
static inline const struct extract_org *
t_org(const struct extract_result *r, const char *key)
{
	for (size_t i = 0; r != NULL && i < r->norgs; i++) {
		const struct extract_org *o = &r->orgs[i];

		if ((o->entity_id != NULL && strcmp(o->entity_id, key) == 0) ||
		    (o->entity_id == NULL && strcmp(o->name, key) == 0))
			return o;
	}
	return NULL;
}

/* The role of org key in event ev, or NULL when it is not there. */
static inline const char *
t_role(const struct extract_result *r, const struct extract_event *ev,
    const char *key)
{
	const struct extract_org *o = t_org(r, key);

	for (size_t i = 0; o != NULL && i < ev->norgs; i++)
		if (&r->orgs[ev->orgs[i].org] == o)
			return extract_role_name(ev->orgs[i].role);
	return NULL;
}

/* True when key is among the parties of m. */
static inline int
t_party(const struct extract_result *r, const struct extract_mou *m,
    const char *key)
{
	const struct extract_org *o = t_org(r, key);

	for (size_t i = 0; o != NULL && i < m->nparties; i++)
		if (&r->orgs[m->parties[i].org] == o)
			return 1;
	return 0;
}

#endif
