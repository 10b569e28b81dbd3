/* SPDX-License-Identifier: ISC */
/*
 * The configuration as typed structs: kicwatch.yaml plus the entity
 * gazetteer (entities.yaml) and the extraction patterns (patterns.yaml) it
 * names. cfg_load validates everything (XPath compiled with libxml2, regexes
 * with pcre2, URLs http/https only) so that a bad selector fails in
 * check-config and not at 3 a.m. Every problem is logged as
 * "path:line:col: key.path: message"; the returned error is "path: N errors".
 * A cfg is immutable once loaded: SIGHUP loads a fresh one and swaps it in.
 */
#ifndef CFG_H
#define CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct cfg_patterns;		/* config/cfg_patterns.h: extraction vocabulary */

/* A source that is a list page: item links and paging, by XPath. */
struct cfg_list {
	char *items;		/* XPath selecting item hrefs (attribute or element) */
	char *next;		/* XPath selecting the next-page href, or NULL */
	unsigned max_pages;	/* paging limit per round (backfill depth) */
};

/* Article selectors; any field NULL means "generic extraction" for it. */
struct cfg_article {
	char *title;
	char *date;
	char *body;
};

struct cfg_source {
	char *name;		/* unique, [a-z0-9._-]+ */
	char *url;		/* http or https */
	char *lang;		/* "ko", "zh", "zh-Hant", "en" or NULL (detect) */
	uint64_t interval;	/* seconds between rounds */
	uint64_t revisit;	/* seconds before a known article is refetched */
	bool enabled;
	struct cfg_list *list;		/* NULL: url is itself a document */
	struct cfg_article *article;	/* NULL: generic extraction */
	unsigned line, col;	/* where the source starts in the file */
};

struct cfg_http {
	char *user_agent;
	uint64_t timeout_ms;		/* whole transfer */
	uint64_t connect_timeout_ms;
	uint64_t low_speed_limit;	/* bytes/s below which ... */
	uint64_t low_speed_time_ms;	/* ... for this long aborts */
	uint64_t max_body;		/* bytes after decompression */
	uint64_t max_header;		/* bytes of response headers */
	uint64_t per_host_delay_ms;	/* 0 allowed (local mirror, benchmark) */
	unsigned per_host_connections;	/* 1..64 */
	unsigned max_connections;	/* total concurrent transfers */
	unsigned max_redirects;
	unsigned retries;		/* attempts after the first */
	uint64_t retry_base_ms;		/* first backoff; doubles, with jitter */
	uint64_t robots_ttl;		/* seconds a robots.txt stays cached */
	bool robots;
	char *proxy;			/* NULL or e.g. socks5h://127.0.0.1:9050 */
};

/* One canonical organisation of the gazetteer. */
enum cfg_alias_lang {
	CFG_ALIAS_EN,
	CFG_ALIAS_KO,
	CFG_ALIAS_ZH,		/* Simplified (Traditional added by OpenCC) */
	CFG_ALIAS_ZH_HANT,
	CFG_ALIAS_ABBR,		/* abbreviation in any script */
};

struct cfg_alias {
	char *text;
	enum cfg_alias_lang lang;
};

struct cfg_entity {
	char *id;		/* stable key, [a-z0-9-]+ ("torch-center") */
	char *name;		/* canonical display name (English) */
	char *country;		/* ISO 3166 alpha-2: "CN", "KR", ... */
	char *kind;		/* government, university, company, forum, zone... */
	char **tags;		/* state_tech_transfer, seven_sons, ... */
	size_t ntags;
	struct cfg_alias *aliases;
	size_t naliases;
	unsigned line;
};

struct cfg_entities {
	struct cfg_entity *v;
	size_t n;
};

struct cfg {
	char *path;			/* the file loaded */
	char *store_path;		/* store.path; --db overrides */
	bool store_trigram_index;	/* store.trigram_index: document_fts */
	struct cfg_http http;
	uint64_t default_interval;	/* defaults.interval */
	uint64_t default_revisit;	/* defaults.revisit */
	char *entities_path;		/* resolved against the config's dir */
	char *patterns_path;
	char *metrics_path;		/* Prometheus textfile, or NULL */
	struct cfg_source *sources;
	size_t nsources;
	struct cfg_entities entities;
	struct cfg_patterns *patterns;
};

/*
 * Loads and validates path and the files it names. On success *out is a
 * new cfg owned by the caller (cfg_free). On failure every problem has been
 * logged, e->msg is "path: N errors" (or the one error), and *out untouched.
 */
int cfg_load(const char *path, struct cfg **out, struct err *e);
void cfg_free(struct cfg *c);

/* Finds a source by name; borrowed pointer or NULL. */
const struct cfg_source *cfg_source_find(const struct cfg *c, const char *name);

/* "90s", "30m", "6h", "7d", "1w", combinations "1h30m": seconds. */
int cfg_duration_parse(const char *s, uint64_t *out_seconds);
/* The same in milliseconds, also accepting "ms" ("1s500ms", "250ms"). */
int cfg_duration_ms_parse(const char *s, uint64_t *out_ms);
/* "512KiB", "8MiB", "1GiB", "100kB", plain bytes. */
int cfg_size_parse(const char *s, uint64_t *out_bytes);

#endif
