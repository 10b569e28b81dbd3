/* SPDX-License-Identifier: ISC */
/*
 * kicwatch.yaml: the schema walk from the cfg_node tree to struct cfg.
 * Sections are visited in file order so errors come out in the order an
 * editor shows them; each problem is reported and the walk goes on, so one
 * run lists every mistake (entities.yaml and patterns.yaml included), and
 * only then does cfg_load fail with "path: N errors". Absent keys take the
 * values of cfg_defaults.c. Relative paths (store, entities, patterns,
 * metrics) are relative to the config file, not to the working directory,
 * which is / under systemd.
 */
#include "cfg.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg_entities.h"
#include "cfg_node.h"
#include "cfg_patterns.h"
#include "cfg_priv.h"
#include "cfg_value.h"
#include "xmem.h"

#define SEC 1000ULL
#define MIN (60 * SEC)
#define HOUR (60 * MIN)
#define DAY (24 * HOUR)
#define KIB 1024ULL
#define MIB (1024 * KIB)
#define GIB (1024 * MIB)

/* What every section handler needs. */
struct ctx {
	struct cfg_diag *d;
	struct cfg *c;
	char *dir;		/* config's directory with trailing '/', or "" */
	unsigned flags;		/* CFG_PARSE_* */
};

struct section {
	const char *key;
	void (*parse)(struct ctx *, const struct cfg_node *);
};

static const char *const root_keys[] = {"store", "http", "defaults",
    "entities", "patterns", "metrics", "sources", NULL};
static const char *const store_keys[] = {"path", "trigram_index", NULL};
static const char *const http_keys[] = {"user_agent", "timeout",
    "connect_timeout", "low_speed_limit", "low_speed_time", "max_body",
    "max_header", "per_host_delay", "per_host_connections",
    "max_connections", "max_redirects", "retries", "retry_base", "robots",
    "robots_ttl", "proxy", NULL};
static const char *const defaults_keys[] = {"interval", "revisit", NULL};

static char *
resolve(const struct ctx *x, const char *p)
{
	if (p[0] == '/')
		return xstrdup(p);
	return xasprintf("%s%s", x->dir, p);
}

/* A section's mapping, or NULL when absent, null or not a mapping. */
static const struct cfg_node *
section_map(struct ctx *x, const struct cfg_node *n, const char *path,
    const char *const *known)
{
	if (n == NULL || cfg_node_is_null(n))
		return NULL;
	return cfg_check_map(x->d, n, path, known) ? n : NULL;
}

static void
default_ms(const char *key, uint64_t *out)
{
	int rc = cfg_duration_ms_parse(cfg_default(key), out);

	assert(rc == 0);
}

/* Returns -1 when the value was there and wrong (already reported). */
static int
get_dur(struct ctx *x, const struct cfg_node *map, const char *path,
    const char *key, uint64_t min, uint64_t max, uint64_t unit, uint64_t *out)
{
	char dk[CFG_PATH_MAX];
	int rc;

	rc = cfg_get_duration(x->d, map, path, key, CFG_NULLABLE, min, max,
	    unit, out);
	if (rc != CFG_ABSENT)
		return rc;
	cfg_path_key(dk, sizeof(dk), path, key);
	default_ms(dk, out);
	return 0;
}

static void
get_size(struct ctx *x, const struct cfg_node *map, const char *key,
    uint64_t min, uint64_t max, uint64_t *out)
{
	char dk[CFG_PATH_MAX];
	int rc;

	if (cfg_get_size(x->d, map, "http", key, CFG_NULLABLE, min, max,
	    out) != CFG_ABSENT)
		return;
	cfg_path_key(dk, sizeof(dk), "http", key);
	rc = cfg_size_parse(cfg_default(dk), out);
	assert(rc == 0);
}

static void
get_count(struct ctx *x, const struct cfg_node *map, const char *key,
    uint64_t min, uint64_t max, unsigned *out)
{
	char dk[CFG_PATH_MAX];
	uint64_t v = 0;

	if (cfg_get_uint(x->d, map, "http", key, CFG_NULLABLE, min, max,
	    &v) == CFG_ABSENT) {
		cfg_path_key(dk, sizeof(dk), "http", key);
		v = strtoull(cfg_default(dk), NULL, 10);
	}
	*out = (unsigned)v;
}

static void
parse_store(struct ctx *x, const struct cfg_node *n)
{
	const struct cfg_node *m = section_map(x, n, "store", store_keys);
	char *p = NULL;

	if (cfg_get_bool(x->d, m, "store", "trigram_index", 0,
	    &x->c->store_trigram_index) == CFG_ABSENT)
		x->c->store_trigram_index =
		    strcmp(cfg_default("store.trigram_index"), "true") == 0;
	if (cfg_get_str(x->d, m, "store", "path", 0, &p) == CFG_ABSENT)
		p = xstrdup(cfg_default("store.path"));
	if (p == NULL)
		return;
	free(x->c->store_path);
	x->c->store_path = resolve(x, p);
	free(p);
}

/* A header value: printable ASCII, or requests could be split. */
static void
check_user_agent(struct ctx *x, const struct cfg_node *m)
{
	const char *ua = x->c->http.user_agent;

	if (ua == NULL)
		return;
	if (strlen(ua) > 256) {
		cfg_diag_error(x->d, cfg_node_get(m, "user_agent"),
		    "http.user_agent", "longer than 256 characters");
		return;
	}
	for (const char *p = ua; *p != '\0'; p++) {
		if (*p < 0x20 || *p > 0x7e) {
			cfg_diag_error(x->d, cfg_node_get(m, "user_agent"),
			    "http.user_agent",
			    "only printable ASCII is allowed in a header");
			return;
		}
	}
}

static void
parse_http_limits(struct ctx *x, const struct cfg_node *m)
{
	struct cfg_http *h = &x->c->http;
	uint64_t ttl;
	int bad;

	bad = get_dur(x, m, "http", "timeout", SEC, HOUR, 1, &h->timeout_ms);
	bad |= get_dur(x, m, "http", "connect_timeout", SEC, 5 * MIN, 1,
	    &h->connect_timeout_ms);
	get_size(x, m, "low_speed_limit", 0, GIB, &h->low_speed_limit);
	(void)get_dur(x, m, "http", "low_speed_time", SEC, HOUR, SEC,
	    &h->low_speed_time_ms);
	get_size(x, m, "max_body", KIB, GIB, &h->max_body);
	get_size(x, m, "max_header", KIB, MIB, &h->max_header);
	(void)get_dur(x, m, "http", "per_host_delay", 0, HOUR, 1,
	    &h->per_host_delay_ms);
	get_count(x, m, "per_host_connections", 1, 64,
	    &h->per_host_connections);
	get_count(x, m, "max_connections", 1, 256, &h->max_connections);
	get_count(x, m, "max_redirects", 0, 20, &h->max_redirects);
	get_count(x, m, "retries", 0, 10, &h->retries);
	(void)get_dur(x, m, "http", "retry_base", 0, HOUR, 1, &h->retry_base_ms);
	(void)get_dur(x, m, "http", "robots_ttl", MIN, 30 * DAY, SEC, &ttl);
	h->robots_ttl = ttl / SEC;
	if (bad == 0 && h->connect_timeout_ms > h->timeout_ms)
		cfg_diag_error(x->d, cfg_node_get(m, "connect_timeout"),
		    "http.connect_timeout",
		    "must not be longer than http.timeout");
}

static void
parse_http(struct ctx *x, const struct cfg_node *n)
{
	const struct cfg_node *m = section_map(x, n, "http", http_keys);
	struct cfg_http *h = &x->c->http;
	const char *why;

	if (cfg_get_str(x->d, m, "http", "user_agent", 0, &h->user_agent) ==
	    CFG_ABSENT)
		h->user_agent = xstrdup(cfg_default("http.user_agent"));
	check_user_agent(x, m);
	parse_http_limits(x, m);
	if (cfg_get_bool(x->d, m, "http", "robots", CFG_NULLABLE,
	    &h->robots) == CFG_ABSENT)
		h->robots = strcmp(cfg_default("http.robots"), "true") == 0;
	if (cfg_get_str(x->d, m, "http", "proxy", CFG_NULLABLE, &h->proxy) !=
	    0 || h->proxy == NULL)
		return;
	why = cfg_url_check(h->proxy, CFG_URL_PROXY);
	if (why != NULL)
		cfg_diag_error(x->d, cfg_node_get(m, "proxy"), "http.proxy",
		    "%s", why);
}

static void
parse_defaults(struct ctx *x, const struct cfg_node *n)
{
	const struct cfg_node *m = section_map(x, n, "defaults",
	    defaults_keys);
	uint64_t ms;

	(void)get_dur(x, m, "defaults", "interval", SEC, 365 * DAY, SEC, &ms);
	x->c->default_interval = ms / SEC;
	(void)get_dur(x, m, "defaults", "revisit", SEC, 3650 * DAY, SEC, &ms);
	x->c->default_revisit = ms / SEC;
}

static void
parse_metrics(struct ctx *x, const struct cfg_node *n)
{
	char *p = NULL;
	size_t len;

	if (n == NULL || cfg_node_str(x->d, n, "metrics", CFG_NULLABLE,
	    &p) == -1 || p == NULL)
		return;
	len = strlen(p);
	/* node_exporter's textfile collector reads *.prom and nothing else. */
	if (len < 5 || strcmp(p + len - 5, ".prom") != 0)
		cfg_diag_error(x->d, n, "metrics", "must name a .prom file "
		    "(node_exporter's textfile collector reads only those)");
	free(x->c->metrics_path);
	x->c->metrics_path = resolve(x, p);
	free(p);
}

static void
parse_sources(struct ctx *x, const struct cfg_node *n)
{
	if (n == NULL || cfg_node_is_null(n))
		return;
	cfg_sources_parse(x->d, n, x->c);
}

/*
 * entities/patterns: an explicit path must exist; when the key is absent
 * the default file is used if it is there, so that a test's throw-away
 * config needs neither file. null means "none".
 */
static char *
include_path(struct ctx *x, const struct cfg_node *n, const char *key)
{
	char *p = NULL, *full;

	if (n == NULL) {
		full = resolve(x, cfg_default(key));
		if (access(full, F_OK) == 0)
			return full;
		free(full);
		return NULL;
	}
	if (cfg_node_str(x->d, n, key, CFG_NULLABLE, &p) == -1 || p == NULL)
		return NULL;
	full = resolve(x, p);
	free(p);
	if (access(full, R_OK) == -1) {
		cfg_diag_error(x->d, n, key, "cannot read %s: %s", full,
		    strerror(errno));
		free(full);
		return NULL;
	}
	return full;
}

static void
parse_entities(struct ctx *x, const struct cfg_node *n)
{
	struct cfg_entities ents;

	x->c->entities_path = include_path(x, n, "entities");
	if (x->c->entities_path == NULL || (x->flags & CFG_PARSE_NO_INCLUDES))
		return;
	if (cfg_entities_load(x->c->entities_path, &ents, x->d) == 0)
		x->c->entities = ents;
}

static void
parse_patterns(struct ctx *x, const struct cfg_node *n)
{
	x->c->patterns_path = include_path(x, n, "patterns");
	if (x->c->patterns_path == NULL || (x->flags & CFG_PARSE_NO_INCLUDES))
		return;
	(void)cfg_patterns_load(x->c->patterns_path, &x->c->patterns, x->d);
}

static const struct section sections[] = {
	{"store", parse_store},
	{"http", parse_http},
	{"defaults", parse_defaults},
	{"metrics", parse_metrics},
	{"sources", parse_sources},
	{"entities", parse_entities},
	{"patterns", parse_patterns},
};

#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

/*
 * Sections present are parsed in file order; absent ones after, with
 * NULL, so that they take their defaults. Sources come before defaults in
 * some files, so source intervals left at 0 are filled in at the end.
 */
static void
parse_root(struct ctx *x, const struct cfg_node *root)
{
	bool seen[NSECTIONS] = {false};
	size_t i, j;

	if (!cfg_check_map(x->d, root, "", root_keys))
		return;
	for (i = 0; i < root->n; i++) {
		for (j = 0; j < NSECTIONS; j++) {
			if (strcmp(root->keys[i]->value, sections[j].key) == 0) {
				sections[j].parse(x, root->items[i]);
				seen[j] = true;
			}
		}
	}
	for (j = 0; j < NSECTIONS; j++)
		if (!seen[j])
			sections[j].parse(x, NULL);
	for (i = 0; i < x->c->nsources; i++) {
		if (x->c->sources[i].interval == 0)
			x->c->sources[i].interval = x->c->default_interval;
		if (x->c->sources[i].revisit == 0)
			x->c->sources[i].revisit = x->c->default_revisit;
	}
}

static int
cfg_from_doc(const struct cfg_doc *doc, unsigned flags, struct cfg **out,
    struct err *e)
{
	struct cfg_diag d = {.name = cfg_doc_name(doc), .nerrors = 0};
	struct ctx x = {.d = &d, .flags = flags};
	const char *name = cfg_doc_name(doc), *slash = strrchr(name, '/');

	x.c = xcalloc(1, sizeof(*x.c));
	x.c->path = xstrdup(name);
	x.dir = slash ? xstrndup(name, (size_t)(slash - name) + 1) :
	    xstrdup("");
	parse_root(&x, cfg_doc_root(doc));
	free(x.dir);
	if (d.nerrors > 0) {
		cfg_free(x.c);
		return err_set(e, "%s: %u error%s", name, d.nerrors,
		    d.nerrors == 1 ? "" : "s");
	}
	*out = x.c;
	return 0;
}

int
cfg_parse(const char *name, const char *buf, size_t len, unsigned flags,
    struct cfg **out, struct err *e)
{
	struct cfg_doc *doc;
	int rc;

	if (cfg_doc_parse(name, buf, len, &doc, e) == -1)
		return -1;
	rc = cfg_from_doc(doc, flags, out, e);
	cfg_doc_free(doc);
	return rc;
}

int
cfg_load(const char *path, struct cfg **out, struct err *e)
{
	struct cfg_doc *doc;
	int rc;

	if (cfg_doc_load(path, CFG_MAIN_MAX_SIZE, &doc, e) == -1)
		return -1;
	rc = cfg_from_doc(doc, 0, out, e);
	cfg_doc_free(doc);
	return rc;
}

static void
source_free(struct cfg_source *s)
{
	free(s->name);
	free(s->url);
	free(s->lang);
	if (s->list != NULL) {
		free(s->list->items);
		free(s->list->next);
		free(s->list);
	}
	if (s->article != NULL) {
		free(s->article->title);
		free(s->article->date);
		free(s->article->body);
		free(s->article);
	}
}

void
cfg_free(struct cfg *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nsources; i++)
		source_free(&c->sources[i]);
	free(c->sources);
	cfg_entities_deinit(&c->entities);
	cfg_patterns_free(c->patterns);
	free(c->http.user_agent);
	free(c->http.proxy);
	free(c->path);
	free(c->store_path);
	free(c->entities_path);
	free(c->patterns_path);
	free(c->metrics_path);
	free(c);
}

const struct cfg_source *
cfg_source_find(const struct cfg *c, const char *name)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (c->sources[i].name != NULL &&
		    strcmp(c->sources[i].name, name) == 0)
			return &c->sources[i];
	return NULL;
}
