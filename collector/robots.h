/* SPDX-License-Identifier: ISC */
/*
 * robots.txt (RFC 9309): the parser, the matcher and a per-origin cache.
 * The parser keeps only what applies to us: the groups whose User-agent
 * equals our product token (case-insensitively; several such groups are
 * merged), else the "*" groups. Allow/Disallow patterns support "*" and a
 * final "$"; the longest matching pattern wins and Allow wins a tie.
 * Crawl-delay (not in the RFC, but widely used) is kept, capped at
 * ROBOTS_MAX_DELAY_MS. Garbage lines are skipped, common misspellings of
 * the keys accepted (as Google's parser does), and only the first
 * ROBOTS_MAX_BYTES are read (the RFC's minimum is 500 KiB).
 *
 * Fetching is the crawler's job; the cache only remembers what came back
 * for each origin ("scheme://host[:port]", as the RFC scopes a robots.txt)
 * and until when.
 */
#ifndef ROBOTS_H
#define ROBOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ROBOTS_MAX_BYTES (512u << 10)
#define ROBOTS_MAX_RULES 2000     /* more are ignored */
#define ROBOTS_MAX_PATTERN 1024   /* longer patterns are ignored */
#define ROBOTS_MAX_DELAY_MS 60000 /* a larger Crawl-delay is capped */

struct robots;

/*
 * Parses text (len bytes, any garbage) for the crawler whose product
 * token is token ("kicwatch"). Never fails; the result is owned by the
 * caller (robots_free).
 */
struct robots *robots_parse(const char *text, size_t len, const char *token);
void robots_free(struct robots *r);

/*
 * True when path ("/a/b?c=1", percent-encoding as urlcanon produces it)
 * may be fetched. /robots.txt itself is always allowed. r NULL: allowed.
 */
bool robots_is_allowed(const struct robots *r, const char *path);

/* Crawl-delay in milliseconds for our group, 0 when none. */
uint64_t robots_crawl_delay_ms(const struct robots *r);

/* Number of rules kept for our group (for tests and debug logs). */
size_t robots_rule_count(const struct robots *r);

/*
 * The product token of a User-Agent ("kicwatch/0.1 (+https://...)" ->
 * "kicwatch"): its leading letters, '-' and '_', into buf. "kicwatch"
 * when the User-Agent starts with anything else.
 */
void robots_ua_token(const char *user_agent, char *buf, size_t size);

enum robots_verdict {
	ROBOTS_ALLOWED,
	ROBOTS_DISALLOWED,
	ROBOTS_UNAVAILABLE, /* robots.txt unreachable: nothing allowed */
	ROBOTS_UNKNOWN,     /* not cached or expired: fetch it first */
};

struct robots_cache;

struct robots_cache *robots_cache_new(void);
void robots_cache_free(struct robots_cache *c);

/*
 * The verdict for path on origin at time now (seconds). *delay_ms (may be
 * NULL) receives the origin's Crawl-delay when the verdict is known.
 */
enum robots_verdict robots_cache_check(struct robots_cache *c,
    const char *origin, const char *path, int64_t now, uint64_t *delay_ms);

/*
 * Records origin's rules until expires (takes ownership of r; NULL means
 * "allow everything": no robots.txt, or a 4xx for it).
 */
void robots_cache_set_rules(struct robots_cache *c, const char *origin,
    struct robots *r, int64_t expires);

/* Records that origin's robots.txt could not be fetched (5xx, network). */
void robots_cache_set_unavailable(
    struct robots_cache *c, const char *origin, int64_t expires);

#endif
