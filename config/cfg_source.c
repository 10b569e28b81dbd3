/* SPDX-License-Identifier: ISC */
/*
 * The sources: list of kicwatch.yaml. A source is a URL plus, optionally,
 * a list profile (XPath for item links, the next-page link and a page
 * limit) and article selectors; every XPath is compiled here so a broken
 * selector is a config error. Names are the sources' keys in the store
 * (schedule state, provenance), hence unique and restricted to a
 * filename-safe alphabet.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg_priv.h"
#include "cfg_value.h"
#include "xmem.h"

#define SEC 1000ULL
#define DAY (86400 * SEC)
#define SOURCE_NAME_MAX 64

static const char *const source_keys[] = {"name", "url", "lang",
    "interval", "revisit", "enabled", "list", "article", NULL};
static const char *const list_keys[] = {"items", "next", "max_pages", NULL};
static const char *const article_keys[] = {"title", "date", "body", NULL};
static const char *const langs[] = {"ko", "zh", "zh-Hant", "en", NULL};

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > SOURCE_NAME_MAX)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static void
parse_name(struct cfg_diag *d, const struct cfg_node *m, const char *path,
    struct cfg_source *s)
{
	char p[CFG_PATH_MAX], got[128];

	if (cfg_get_str(d, m, path, "name", CFG_REQUIRED, &s->name) != 0)
		return;
	if (name_ok(s->name))
		return;
	cfg_path_key(p, sizeof(p), path, "name");
	cfg_diag_error(d, cfg_node_get(m, "name"), p,
	    "expected lowercase letters, digits, '.', '_' or '-' (at most "
	    "%d, starting with a letter or digit), got %s", SOURCE_NAME_MAX,
	    cfg_node_describe(cfg_node_get(m, "name"), got, sizeof(got)));
	free(s->name);
	s->name = NULL;
}

static void
parse_lang(struct cfg_diag *d, const struct cfg_node *m, const char *path,
    struct cfg_source *s)
{
	char p[CFG_PATH_MAX], got[128];

	if (cfg_get_str(d, m, path, "lang", CFG_NULLABLE, &s->lang) != 0 ||
	    s->lang == NULL)
		return;
	for (size_t i = 0; langs[i] != NULL; i++)
		if (strcmp(s->lang, langs[i]) == 0)
			return;
	cfg_path_key(p, sizeof(p), path, "lang");
	cfg_diag_error(d, cfg_node_get(m, "lang"), p,
	    "expected ko, zh, zh-Hant or en (null: detect), got %s",
	    cfg_node_describe(cfg_node_get(m, "lang"), got, sizeof(got)));
	free(s->lang);
	s->lang = NULL;
}

static void
parse_list(struct cfg_diag *d, const struct cfg_node *m, const char *path,
    struct cfg_source *s)
{
	const struct cfg_node *n = cfg_node_get(m, "list");
	struct cfg_list *l;
	char p[CFG_PATH_MAX];
	uint64_t v = 0;

	cfg_path_key(p, sizeof(p), path, "list");
	if (n == NULL || cfg_node_is_null(n) ||
	    !cfg_check_map(d, n, p, list_keys))
		return;
	l = s->list = xcalloc(1, sizeof(*l));
	(void)cfg_get_xpath(d, n, p, "items", CFG_REQUIRED, &l->items);
	(void)cfg_get_xpath(d, n, p, "next", CFG_NULLABLE, &l->next);
	if (cfg_get_uint(d, n, p, "max_pages", CFG_NULLABLE, 1, 1000, &v) ==
	    CFG_ABSENT)
		v = strtoul(cfg_default("sources.list.max_pages"), NULL, 10);
	l->max_pages = (unsigned)v;
}

static void
parse_article(struct cfg_diag *d, const struct cfg_node *m,
    const char *path, struct cfg_source *s)
{
	const struct cfg_node *n = cfg_node_get(m, "article");
	struct cfg_article *a;
	char p[CFG_PATH_MAX];

	cfg_path_key(p, sizeof(p), path, "article");
	if (n == NULL || cfg_node_is_null(n) ||
	    !cfg_check_map(d, n, p, article_keys))
		return;
	a = s->article = xcalloc(1, sizeof(*a));
	(void)cfg_get_xpath(d, n, p, "title", CFG_NULLABLE, &a->title);
	(void)cfg_get_xpath(d, n, p, "date", CFG_NULLABLE, &a->date);
	(void)cfg_get_xpath(d, n, p, "body", CFG_NULLABLE, &a->body);
}

static void
parse_one(struct cfg_diag *d, const struct cfg_node *m, size_t i,
    struct cfg_source *s)
{
	char path[CFG_PATH_MAX];
	uint64_t ms;

	cfg_path_index(path, sizeof(path), "sources", i);
	s->line = m->line;
	s->col = m->col;
	s->enabled = true;
	if (!cfg_check_map(d, m, path, source_keys))
		return;
	parse_name(d, m, path, s);
	(void)cfg_get_url(d, m, path, "url", CFG_REQUIRED, &s->url);
	parse_lang(d, m, path, s);
	/* 0 stays "unset" until defaults.* is known (cfg.c). */
	if (cfg_get_duration(d, m, path, "interval", CFG_NULLABLE, SEC,
	    365 * DAY, SEC, &ms) == 0)
		s->interval = ms / SEC;
	if (cfg_get_duration(d, m, path, "revisit", CFG_NULLABLE, SEC,
	    3650 * DAY, SEC, &ms) == 0)
		s->revisit = ms / SEC;
	(void)cfg_get_bool(d, m, path, "enabled", CFG_NULLABLE, &s->enabled);
	parse_list(d, m, path, s);
	parse_article(d, m, path, s);
}

struct named {
	const char *name;
	size_t i;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Sorted, so a 100000-source file is not quadratic. */
static void
check_unique(struct cfg_diag *d, const struct cfg_node *seq,
    const struct cfg *c)
{
	struct named *v = xreallocarray(NULL, c->nsources + 1, sizeof(*v));
	const struct cfg_node *at;
	char idx[CFG_PATH_MAX], p[CFG_PATH_MAX];
	size_t n = 0;

	for (size_t i = 0; i < c->nsources; i++)
		if (c->sources[i].name != NULL)
			v[n++] = (struct named){c->sources[i].name, i};
	qsort(v, n, sizeof(*v), named_cmp);
	for (size_t k = 1; k < n; k++) {
		if (strcmp(v[k].name, v[k - 1].name) != 0)
			continue;
		cfg_path_index(idx, sizeof(idx), "sources", v[k].i);
		cfg_path_key(p, sizeof(p), idx, "name");
		at = cfg_node_get(seq->items[v[k].i], "name");
		cfg_diag_error(d, at, p,
		    "duplicate source name '%s' (also sources[%zu], line %u)",
		    v[k].name, v[k - 1].i, c->sources[v[k - 1].i].line);
	}
	free(v);
}

void
cfg_sources_parse(struct cfg_diag *d, const struct cfg_node *n,
    struct cfg *c)
{
	if (!cfg_check_seq(d, n, "sources"))
		return;
	if (n->n == 0)
		return;
	c->sources = xcalloc(n->n, sizeof(*c->sources));
	c->nsources = n->n;
	for (size_t i = 0; i < n->n; i++)
		parse_one(d, n->items[i], i, &c->sources[i]);
	check_unique(d, n, c);
}
