/* SPDX-License-Identifier: ISC */
/*
 * Typed reads from a cfg_node tree, shared by every config loader
 * (kicwatch.yaml, entities.yaml, patterns.yaml) so that all of them word
 * their errors alike: "file:line:col: key.path: expected a duration like
 * 6h, got \"often\"". Each cfg_get_* looks key up in a mapping, checks the
 * value, reports a mistake through the cfg_diag and returns 0 (value
 * stored in *out), CFG_ABSENT (key not there and not required; *out
 * untouched) or -1 (reported). Strings handed out are owned by the caller.
 */
#ifndef CFG_VALUE_H
#define CFG_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfg_node.h"

#define CFG_ABSENT 1

/* Enough for "sources[123].article.title" and a hostile key, truncated. */
#define CFG_PATH_MAX 256

enum cfg_get_flags {
	CFG_REQUIRED = 1 << 0,	/* absent is an error */
	CFG_NULLABLE = 1 << 1,	/* null is allowed: *out = NULL / untouched */
};

/* parent.key (or key at the root); control characters become '?'. */
void cfg_path_key(char *buf, size_t len, const char *parent, const char *key);
/* parent[i] */
void cfg_path_index(char *buf, size_t len, const char *parent, size_t i);

/*
 * Describes n for "got ..." in messages: "a mapping", "a sequence", "null"
 * or the scalar in double quotes, escaped and cut at about 60 characters.
 * Returns buf.
 */
const char *cfg_node_describe(const struct cfg_node *n, char *buf,
    size_t len);

/*
 * True when n is a mapping; reports it otherwise. Each key not in known
 * (NULL-terminated) is reported with the closest known key as suggestion.
 */
bool cfg_check_map(struct cfg_diag *d, const struct cfg_node *n,
    const char *path, const char *const *known);
/* True when n is a sequence; reports it otherwise. */
bool cfg_check_seq(struct cfg_diag *d, const struct cfg_node *n,
    const char *path);
/* Reports "missing required key" at map when key is absent. */
const struct cfg_node *cfg_get_node(struct cfg_diag *d,
    const struct cfg_node *map, const char *path, const char *key,
    unsigned flags);

/* A non-empty string scalar. */
int cfg_node_str(struct cfg_diag *d, const struct cfg_node *n,
    const char *path, unsigned flags, char **out);
int cfg_get_str(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, char **out);
/* true or false (unquoted). */
int cfg_get_bool(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, bool *out);
/* An unquoted decimal integer in [min, max]. */
int cfg_get_uint(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min,
    uint64_t max, uint64_t *out);
/*
 * A duration in [min_ms, max_ms], in milliseconds. unit_ms is the finest
 * meaningful step: 1000 refuses "1500ms" where only seconds make sense.
 */
int cfg_get_duration(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min_ms,
    uint64_t max_ms, uint64_t unit_ms, uint64_t *out_ms);
/* A size ("8MiB", "512KiB", plain bytes) in [min, max]. */
int cfg_get_size(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min,
    uint64_t max, uint64_t *out);
/* An http/https URL that cfg_url_check accepts. */
int cfg_get_url(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, char **out);
/* An XPath expression that libxml2 compiles. */
int cfg_get_xpath(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, char **out);

enum cfg_url_kind {
	CFG_URL_PAGE,	/* http, https; no user:password@ */
	CFG_URL_PROXY,	/* http, https, socks4, socks4a, socks5, socks5h */
};

/*
 * Checks a URL the fetcher may be given: returns NULL when acceptable,
 * else a static reason ("scheme 'ftp' is not allowed: ..."). Hosts must be
 * ASCII (punycode), as must the rest (percent-encoding).
 */
const char *cfg_url_check(const char *url, enum cfg_url_kind kind);

/*
 * Compiles expr with libxml2 (nothing printed). Returns 0, or -1 with a
 * reason and the character offset of the failure in why.
 */
int cfg_xpath_check(const char *expr, char *why, size_t len);

/* Formats a duration the way it is written in YAML: "1h30m", "500ms". */
void cfg_duration_format(uint64_t ms, char *buf, size_t len);
/* Formats a size: "8MiB", "1500B". */
void cfg_size_format(uint64_t bytes, char *buf, size_t len);

#endif
