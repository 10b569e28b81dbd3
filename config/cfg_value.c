/* SPDX-License-Identifier: ISC */
/*
 * Typed values of the configuration: durations, sizes, URLs, XPath, and the
 * cfg_get_* readers that check them in a cfg_node tree and word the error.
 * Nothing here knows which keys exist; cfg.c, cfg_entities.c and
 * cfg_patterns.c do. Values are strict on purpose: a bare "30" is not a
 * duration (seconds? minutes?), a quoted "5" is not an integer, "yes" is
 * not a boolean, because guessing what an operator meant hides typos.
 */
#include "cfg_value.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "xmem.h"

struct unit {
	const char *name;
	uint64_t mult;
};

/* Largest first: a combination must be written in this order. */
static const struct unit duration_units[] = {
	{"w", 604800000}, {"d", 86400000}, {"h", 3600000},
	{"ms", 1}, {"m", 60000}, {"s", 1000},
};
/* Rank of each entry above in the largest-first order ("ms" is last). */
static const int duration_rank[] = {0, 1, 2, 5, 3, 4};

static const struct unit size_units[] = {
	{"", 1}, {"B", 1}, {"kB", 1000}, {"KiB", 1024},
	{"MB", 1000 * 1000}, {"MiB", 1024 * 1024},
	{"GB", 1000 * 1000 * 1000}, {"GiB", 1024 * 1024 * 1024},
};

/* Reads a run of digits; returns the position after them or NULL. */
static const char *
digits(const char *s, uint64_t *v)
{
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*s - '0'), &x))
			return NULL;
	}
	*v = x;
	return s;
}

int
cfg_duration_ms_parse(const char *s, uint64_t *out_ms)
{
	uint64_t total = 0, v, part;
	int last = -1;
	size_t i, n = sizeof(duration_units) / sizeof(duration_units[0]);

	if (s == NULL || *s == '\0')
		return -1;
	while (*s != '\0') {
		if ((s = digits(s, &v)) == NULL)
			return -1;
		for (i = 0; i < n; i++)
			if (strncmp(s, duration_units[i].name,
			    strlen(duration_units[i].name)) == 0)
				break;
		/* "1h30m" yes; "30m1h", "1h1h" and bare numbers no. */
		if (i == n || duration_rank[i] <= last)
			return -1;
		last = duration_rank[i];
		s += strlen(duration_units[i].name);
		if (__builtin_mul_overflow(v, duration_units[i].mult, &part) ||
		    __builtin_add_overflow(total, part, &total))
			return -1;
	}
	*out_ms = total;
	return 0;
}

int
cfg_duration_parse(const char *s, uint64_t *out_seconds)
{
	uint64_t ms;

	if (cfg_duration_ms_parse(s, &ms) == -1 || ms % 1000 != 0)
		return -1;
	*out_seconds = ms / 1000;
	return 0;
}

int
cfg_size_parse(const char *s, uint64_t *out_bytes)
{
	uint64_t v;
	size_t n = sizeof(size_units) / sizeof(size_units[0]);

	if (s == NULL || (s = digits(s, &v)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, size_units[i].name) != 0)
			continue;
		if (__builtin_mul_overflow(v, size_units[i].mult, &v))
			return -1;
		*out_bytes = v;
		return 0;
	}
	return -1;
}

void
cfg_duration_format(uint64_t ms, char *buf, size_t len)
{
	static const struct unit u[] = {
		{"d", 86400000}, {"h", 3600000}, {"m", 60000}, {"s", 1000},
		{"ms", 1},
	};
	size_t off = 0;
	int r;

	if (ms == 0) {
		snprintf(buf, len, "0s");
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]) && off < len; i++) {
		if (ms < u[i].mult)
			continue;
		r = snprintf(buf + off, len - off, "%" PRIu64 "%s",
		    ms / u[i].mult, u[i].name);
		if (r < 0)
			return;
		off += (size_t)r;
		ms %= u[i].mult;
	}
}

void
cfg_size_format(uint64_t b, char *buf, size_t len)
{
	if (b >= 1024 * 1024 * 1024 && b % (1024 * 1024 * 1024) == 0)
		snprintf(buf, len, "%" PRIu64 "GiB", b / (1024 * 1024 * 1024));
	else if (b >= 1024 * 1024 && b % (1024 * 1024) == 0)
		snprintf(buf, len, "%" PRIu64 "MiB", b / (1024 * 1024));
	else if (b >= 1024 && b % 1024 == 0)
		snprintf(buf, len, "%" PRIu64 "KiB", b / 1024);
	else
		snprintf(buf, len, "%" PRIu64 "B", b);
}

void
cfg_path_key(char *buf, size_t len, const char *parent, const char *key)
{
	char k[65];
	size_t i;

	for (i = 0; i + 1 < sizeof(k) && key[i] != '\0'; i++)
		k[i] = (unsigned char)key[i] < 0x20 || key[i] == 0x7f ? '?' :
		    key[i];
	k[i] = '\0';
	if (parent == NULL || *parent == '\0')
		snprintf(buf, len, "%s", k);
	else
		snprintf(buf, len, "%s.%s", parent, k);
}

void
cfg_path_index(char *buf, size_t len, const char *parent, size_t i)
{
	snprintf(buf, len, "%s[%zu]", parent ? parent : "", i);
}

/* Code points that could rearrange or hide text on a terminal. */
static bool
is_bidi_control(unsigned long c)
{
	return (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/* Appends one UTF-8 character of s (valid: cfg_node checked it). */
static size_t
describe_char(const unsigned char *s, char *out, size_t room)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	unsigned long c = s[0];
	int r;

	if (n == 2)
		c = ((c & 0x1f) << 6) | (s[1] & 0x3f);
	else if (n == 3)
		c = ((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f);
	if (c == '"' || c == '\\')
		r = snprintf(out, room, "\\%c", (char)c);
	else if (c == '\n')
		r = snprintf(out, room, "\\n");
	else if (c == '\t')
		r = snprintf(out, room, "\\t");
	else if (c < 0x20 || c == 0x7f)
		r = snprintf(out, room, "\\x%02lx", c);
	else if ((n == 2 && c < 0xa0) || (n == 3 && is_bidi_control(c)))
		r = snprintf(out, room, "\\u%04lx", c);
	else if (n < room) {
		memcpy(out, s, n);
		r = (int)n;
	} else
		r = (int)room;
	return r < 0 ? 0 : (size_t)r;
}

const char *
cfg_node_describe(const struct cfg_node *n, char *buf, size_t len)
{
	const unsigned char *s;
	size_t off = 1, chars = 0, w;

	if (n == NULL)
		snprintf(buf, len, "nothing");
	else if (n->kind == CFG_NODE_MAP)
		snprintf(buf, len, "a mapping");
	else if (n->kind == CFG_NODE_SEQ)
		snprintf(buf, len, "a sequence");
	else if (cfg_node_is_null(n))
		snprintf(buf, len, "null");
	if (n == NULL || n->kind != CFG_NODE_SCALAR || cfg_node_is_null(n))
		return buf;
	buf[0] = '"';
	s = (const unsigned char *)n->value;
	while (*s != '\0' && chars < 60 && off + 16 < len) {
		w = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
		off += describe_char(s, buf + off, len - off - 5);
		s += w;
		chars++;
	}
	snprintf(buf + off, len - off, "%s\"", *s != '\0' ? "..." : "");
	return buf;
}

/* Edit distance, for "did you mean"; keys are short. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65], prev, tmp;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

static void
unknown_key(struct cfg_diag *d, const struct cfg_node *key,
    const char *path, const char *const *known)
{
	char p[CFG_PATH_MAX], list[400];
	const char *best = NULL;
	size_t bestd = SIZE_MAX, dist, off = 0;

	cfg_path_key(p, sizeof(p), path, key->value);
	for (size_t i = 0; known[i] != NULL; i++) {
		dist = edit_distance(key->value, known[i]);
		if (dist < bestd) {
			bestd = dist;
			best = known[i];
		}
	}
	if (best != NULL && bestd <= 2 && bestd < strlen(key->value)) {
		cfg_diag_error(d, key, p, "unknown key (did you mean '%s'?)",
		    best);
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; known[i] != NULL && off < sizeof(list); i++)
		off += (size_t)snprintf(list + off, sizeof(list) - off,
		    "%s%s", i ? ", " : "", known[i]);
	cfg_diag_error(d, key, p, "unknown key (known keys: %s)", list);
}

bool
cfg_check_map(struct cfg_diag *d, const struct cfg_node *n,
    const char *path, const char *const *known)
{
	char got[128];
	size_t j;

	if (n == NULL || n->kind != CFG_NODE_MAP) {
		cfg_diag_error(d, n, path, "expected a mapping, got %s",
		    cfg_node_describe(n, got, sizeof(got)));
		return false;
	}
	for (size_t i = 0; known != NULL && i < n->n; i++) {
		for (j = 0; known[j] != NULL; j++)
			if (strcmp(n->keys[i]->value, known[j]) == 0)
				break;
		if (known[j] == NULL)
			unknown_key(d, n->keys[i], path, known);
	}
	return true;
}

bool
cfg_check_seq(struct cfg_diag *d, const struct cfg_node *n,
    const char *path)
{
	char got[128];

	if (n != NULL && n->kind == CFG_NODE_SEQ)
		return true;
	cfg_diag_error(d, n, path, "expected a list, got %s",
	    cfg_node_describe(n, got, sizeof(got)));
	return false;
}

const struct cfg_node *
cfg_get_node(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags)
{
	const struct cfg_node *n = cfg_node_get(map, key);

	if (n == NULL && (flags & CFG_REQUIRED))
		cfg_diag_error(d, map, path, "missing required key '%s'", key);
	return n;
}

/*
 * Common start of every cfg_get_*: finds the value, builds its path and
 * returns the scalar text, or NULL with *rc set (absent, null, or reported).
 */
static const char *
lookup(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, unsigned flags, const char *expected, char *p,
    const struct cfg_node **np, int *rc)
{
	const struct cfg_node *n;
	char got[128];

	n = cfg_get_node(d, map, path, key, flags);
	*np = n;
	cfg_path_key(p, CFG_PATH_MAX, path, key);
	*rc = (flags & CFG_REQUIRED) ? -1 : CFG_ABSENT;
	if (n == NULL)
		return NULL;
	if (cfg_node_is_null(n) && (flags & CFG_NULLABLE)) {
		/* Callers that keep a NULL (proxy: null) tell it by *np. */
		*rc = CFG_ABSENT;
		return NULL;
	}
	if (n->kind != CFG_NODE_SCALAR || cfg_node_is_null(n)) {
		cfg_diag_error(d, n, p, "expected %s, got %s", expected,
		    cfg_node_describe(n, got, sizeof(got)));
		*rc = -1;
		return NULL;
	}
	*rc = 0;
	return n->value;
}

int
cfg_node_str(struct cfg_diag *d, const struct cfg_node *n, const char *path,
    unsigned flags, char **out)
{
	char got[128];

	if (cfg_node_is_null(n) && (flags & CFG_NULLABLE)) {
		*out = NULL;
		return 0;
	}
	if (n->kind != CFG_NODE_SCALAR || cfg_node_is_null(n)) {
		cfg_diag_error(d, n, path, "expected a string, got %s",
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	if (n->value[0] == '\0') {
		cfg_diag_error(d, n, path, "must not be empty");
		return -1;
	}
	*out = xstrdup(n->value);
	return 0;
}

int
cfg_get_str(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, unsigned flags, char **out)
{
	const struct cfg_node *n = cfg_get_node(d, map, path, key, flags);
	char p[CFG_PATH_MAX];

	if (n == NULL)
		return (flags & CFG_REQUIRED) ? -1 : CFG_ABSENT;
	cfg_path_key(p, sizeof(p), path, key);
	return cfg_node_str(d, n, p, flags, out);
}

int
cfg_get_bool(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, bool *out)
{
	static const char *const yes[] = {"true", "True", "TRUE"};
	static const char *const no[] = {"false", "False", "FALSE"};
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128];
	const char *v;
	int rc;

	if ((v = lookup(d, map, path, key, flags, "true or false", p, &n,
	    &rc)) == NULL)
		return rc;
	for (size_t i = 0; !n->quoted && i < 3; i++) {
		if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
			*out = strcmp(v, yes[i]) == 0;
			return 0;
		}
	}
	cfg_diag_error(d, n, p, "expected true or false, got %s",
	    cfg_node_describe(n, got, sizeof(got)));
	return -1;
}

int
cfg_get_uint(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min,
    uint64_t max, uint64_t *out)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128];
	const char *v, *end;
	uint64_t x;
	int rc;

	if ((v = lookup(d, map, path, key, flags, "a number", p, &n,
	    &rc)) == NULL)
		return rc;
	end = n->quoted ? NULL : digits(v, &x);
	if (end == NULL || *end != '\0') {
		cfg_diag_error(d, n, p, "expected a whole number, got %s",
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	if (x < min || x > max) {
		cfg_diag_error(d, n, p,
		    "out of range: must be from %" PRIu64 " to %" PRIu64
		    ", got %s", min, max, v);
		return -1;
	}
	*out = x;
	return 0;
}

int
cfg_get_duration(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min_ms,
    uint64_t max_ms, uint64_t unit_ms, uint64_t *out_ms)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128], lo[32], hi[32];
	const char *v;
	uint64_t ms;
	int rc;

	if ((v = lookup(d, map, path, key, flags,
	    "a duration like 6h", p, &n, &rc)) == NULL)
		return rc;
	if (cfg_duration_ms_parse(v, &ms) == -1) {
		cfg_diag_error(d, n, p, "expected a duration like 6h, got %s",
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	if (ms % unit_ms != 0) {
		cfg_diag_error(d, n, p, "expected whole seconds, got %s",
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	if (ms < min_ms || ms > max_ms) {
		cfg_duration_format(min_ms, lo, sizeof(lo));
		cfg_duration_format(max_ms, hi, sizeof(hi));
		cfg_diag_error(d, n, p,
		    "out of range: must be from %s to %s, got %s", lo, hi,
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	*out_ms = ms;
	return 0;
}

int
cfg_get_size(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, uint64_t min,
    uint64_t max, uint64_t *out)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128], lo[32], hi[32];
	const char *v;
	uint64_t b;
	int rc;

	if ((v = lookup(d, map, path, key, flags, "a size like 8MiB", p, &n,
	    &rc)) == NULL)
		return rc;
	if (cfg_size_parse(v, &b) == -1) {
		cfg_diag_error(d, n, p, "expected a size like 8MiB or 512KiB, "
		    "got %s", cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	if (b < min || b > max) {
		cfg_size_format(min, lo, sizeof(lo));
		cfg_size_format(max, hi, sizeof(hi));
		cfg_diag_error(d, n, p,
		    "out of range: must be from %s to %s, got %s", lo, hi,
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	*out = b;
	return 0;
}

int
cfg_get_url(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, unsigned flags, char **out)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128];
	const char *v, *why;
	int rc;

	if ((v = lookup(d, map, path, key, flags, "a URL", p, &n, &rc)) ==
	    NULL) {
		if (rc == CFG_ABSENT && n != NULL)
			*out = NULL;
		return rc == CFG_ABSENT && n != NULL ? 0 : rc;
	}
	if ((why = cfg_url_check(v, CFG_URL_PAGE)) != NULL) {
		/* Never echo a password into the log. */
		if (strstr(why, "user:password@") != NULL)
			cfg_diag_error(d, n, p, "%s", why);
		else
			cfg_diag_error(d, n, p, "%s, got %s", why,
			    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	*out = xstrdup(v);
	return 0;
}

int
cfg_get_xpath(struct cfg_diag *d, const struct cfg_node *map,
    const char *path, const char *key, unsigned flags, char **out)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], got[128], why[160];
	const char *v;
	int rc;

	if ((v = lookup(d, map, path, key, flags, "an XPath expression", p,
	    &n, &rc)) == NULL) {
		if (rc == CFG_ABSENT && n != NULL)
			*out = NULL;
		return rc == CFG_ABSENT && n != NULL ? 0 : rc;
	}
	if (cfg_xpath_check(v, why, sizeof(why)) == -1) {
		cfg_diag_error(d, n, p, "bad XPath: %s in %s", why,
		    cfg_node_describe(n, got, sizeof(got)));
		return -1;
	}
	*out = xstrdup(v);
	return 0;
}
