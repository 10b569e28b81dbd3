/* SPDX-License-Identifier: ISC */
/*
 * robots.txt parsing and matching (see robots.h). Rules are kept as
 * percent-encoding-normalised patterns, the same normalisation urlcanon
 * applies to paths, so "/%7Euser" and "/~user" compare equal. Matching is
 * the greedy glob algorithm with one backtrack point: linear for ordinary
 * patterns, O(pattern * path) at worst, and both are capped.
 */
#include "robots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xmem.h"
#include "hex.h"

struct rule {
	char *pat; /* normalised, without a final '$' */
	size_t len;
	size_t weight; /* octets of the pattern as written, '$' included */
	bool anchored; /* ended with '$' */
	bool allow;
};

struct rules {
	struct rule *v;
	size_t n;
	uint64_t delay_ms;
	bool matched; /* some group named this list's agent */
};

struct robots {
	struct rules r;
};

/* The parse state: which lists the current group feeds. */
struct parse {
	const char *token;
	struct rules mine, star;
	bool group_mine, group_star;
	bool in_agents; /* the previous line was a User-agent */
};

enum key {
	KEY_NONE,
	KEY_AGENT,
	KEY_ALLOW,
	KEY_DISALLOW,
	KEY_DELAY,
};

static const struct {
	const char *name;
	enum key key;
} keys[] = {
    {"user-agent", KEY_AGENT},
    {"useragent", KEY_AGENT},
    {"user agent", KEY_AGENT},
    {"allow", KEY_ALLOW},
    {"disallow", KEY_DISALLOW},
    {"dissallow", KEY_DISALLOW},
    {"dissalow", KEY_DISALLOW},
    {"disalow", KEY_DISALLOW},
    {"diasllow", KEY_DISALLOW},
    {"disallaw", KEY_DISALLOW},
    {"crawl-delay", KEY_DELAY},
    {"crawldelay", KEY_DELAY},
    {"crawl delay", KEY_DELAY},
};

static bool
is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/* Percent-encoding as urlcanon writes it; '*' and '$' stay literal. */
static void
norm_pattern(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	if (n > 0 && s[0] != '/' && s[0] != '*')
		buf_putc(b, '/');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int hi, lo;

		if (c == '%' && i + 2 < n &&
		    (hi = hex_digit_value((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_digit_value((unsigned char)s[i + 2])) >= 0) {
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
			if (is_unreserved(c)) {
				buf_putc(b, (char)c);
				continue;
			}
		} else if (!(c == '%' || c <= 0x20 || c >= 0x7f ||
		               strchr("\"<>\\^`{|}", c) != NULL)) {
			buf_putc(b, (char)c);
			continue;
		}
		buf_putc(b, '%');
		buf_putc(b, hex[c >> 4]);
		buf_putc(b, hex[c & 15]);
	}
}

static void
rules_add(struct rules *rs, const char *val, size_t n, bool allow)
{
	struct buf b = {0};
	struct rule *r;

	if (n == 0 || n > ROBOTS_MAX_PATTERN || rs->n >= ROBOTS_MAX_RULES)
		return; /* "Disallow:" with no path allows everything */
	norm_pattern(&b, val, n);
	rs->v = xreallocarray(rs->v, rs->n + 1, sizeof(*rs->v));
	r = &rs->v[rs->n++];
	r->weight = b.len;
	r->anchored = b.len > 0 && b.data[b.len - 1] == '$';
	if (r->anchored)
		b.data[--b.len] = '\0';
	r->len = b.len;
	r->pat = buf_steal(&b);
	r->allow = allow;
}

static void
rules_free(struct rules *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].pat);
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

/* "1", "2.5", " 10 ": milliseconds, capped; 0 when unreadable. */
static uint64_t
parse_delay(const char *s, size_t n)
{
	uint64_t ms = 0, frac = 100;
	size_t i = 0;

	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		ms = ms * 10 + (uint64_t)(s[i] - '0') * 1000;
		if (ms > ROBOTS_MAX_DELAY_MS)
			return ROBOTS_MAX_DELAY_MS;
	}
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && frac > 0;
		     i++) {
			ms += (uint64_t)(s[i] - '0') * frac;
			frac /= 10;
		}
	return ms > ROBOTS_MAX_DELAY_MS ? ROBOTS_MAX_DELAY_MS : ms;
}

static enum key
key_of(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == n &&
		    strncasecmp(keys[i].name, s, n) == 0)
			return keys[i].key;
	return KEY_NONE;
}

static void
on_agent(struct parse *p, const char *v, size_t n)
{
	size_t k = 0;

	if (!p->in_agents) {
		p->group_mine = p->group_star = false;
		p->in_agents = true;
	}
	/* "kicwatch/0.1" names the product token "kicwatch". */
	while (k < n && (((v[k] | 0x20) >= 'a' && (v[k] | 0x20) <= 'z') ||
	                    v[k] == '-' || v[k] == '_'))
		k++;
	if (n >= 1 && v[0] == '*') {
		p->group_star = true;
		p->star.matched = true;
	} else if (k > 0 && k == strlen(p->token) &&
	           strncasecmp(v, p->token, k) == 0) {
		p->group_mine = true;
		p->mine.matched = true;
	}
}

static void
on_rule(struct parse *p, enum key key, const char *v, size_t n)
{
	struct rules *lists[2] = {
	    p->group_mine ? &p->mine : NULL, p->group_star ? &p->star : NULL};

	p->in_agents = false;
	for (int i = 0; i < 2; i++) {
		uint64_t d;

		if (lists[i] == NULL)
			continue;
		if (key == KEY_DELAY) {
			d = parse_delay(v, n);
			if (d > lists[i]->delay_ms)
				lists[i]->delay_ms = d;
		} else {
			rules_add(lists[i], v, n, key == KEY_ALLOW);
		}
	}
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* One line without its terminator: "key: value # comment". */
static void
parse_line(struct parse *p, const char *line, size_t n)
{
	const char *colon, *k = line, *v, *hash = memchr(line, '#', n);
	size_t kn, vn;
	enum key key;

	if (hash != NULL)
		n = (size_t)(hash - line);
	colon = memchr(line, ':', n);
	if (colon == NULL)
		return;
	kn = (size_t)(colon - line);
	v = colon + 1;
	vn = (size_t)(line + n - v);
	trim(&k, &kn);
	trim(&v, &vn);
	key = key_of(k, kn);
	if (key == KEY_AGENT)
		on_agent(p, v, vn);
	else if (key != KEY_NONE)
		on_rule(p, key, v, vn);
}

struct robots *
robots_parse(const char *text, size_t len, const char *token)
{
	struct parse p = {0};
	struct robots *r = xcalloc(1, sizeof(*r));
	const char *s = text, *end;

	p.token = token;
	if (len > ROBOTS_MAX_BYTES)
		len = ROBOTS_MAX_BYTES;
	end = text + len;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		const char *nl = s;

		while (nl < end && *nl != '\n' && *nl != '\r')
			nl++;
		if (nl > s && memchr(s, '\0', (size_t)(nl - s)) == NULL)
			parse_line(&p, s, (size_t)(nl - s));
		s = nl + 1;
	}
	if (p.mine.matched) {
		r->r = p.mine;
		rules_free(&p.star);
	} else {
		r->r = p.star;
		rules_free(&p.mine);
	}
	return r;
}

void
robots_free(struct robots *r)
{
	if (r == NULL)
		return;
	rules_free(&r->r);
	free(r);
}

/* Glob match of p against s; unanchored patterns match a prefix. */
static bool
glob_match(const char *p, size_t pn, bool anchored, const char *s, size_t sn)
{
	size_t pi = 0, si = 0, mark = 0, star = SIZE_MAX;

	for (;;) {
		if (pi == pn && (!anchored || si == sn))
			return true;
		if (pi < pn && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (pi < pn && si < sn && p[pi] == s[si]) {
			pi++;
			si++;
		} else if (star != SIZE_MAX && mark < sn) {
			pi = star + 1;
			si = ++mark;
		} else {
			return false;
		}
	}
}

bool
robots_is_allowed(const struct robots *r, const char *path)
{
	const struct rule *best = NULL;
	size_t sn = strlen(path);

	if (r == NULL || strcmp(path, "/robots.txt") == 0)
		return true;
	for (size_t i = 0; i < r->r.n; i++) {
		const struct rule *ru = &r->r.v[i];
		size_t lit = strcspn(ru->pat, "*");

		/* The literal prefix rejects most rules at once. */
		if (lit > sn || memcmp(ru->pat, path, lit) != 0)
			continue;
		if (best != NULL &&
		    (ru->weight < best->weight ||
		        (ru->weight == best->weight && !ru->allow)))
			continue;
		if (glob_match(ru->pat, ru->len, ru->anchored, path, sn))
			best = ru;
	}
	return best == NULL || best->allow;
}

uint64_t
robots_crawl_delay_ms(const struct robots *r)
{
	return r == NULL ? 0 : r->r.delay_ms;
}

size_t
robots_rule_count(const struct robots *r)
{
	return r == NULL ? 0 : r->r.n;
}

void
robots_ua_token(const char *ua, char *buf, size_t size)
{
	size_t k = 0;

	while (ua != NULL && k + 1 < size &&
	       (((ua[k] | 0x20) >= 'a' && (ua[k] | 0x20) <= 'z') ||
	           ua[k] == '-' || ua[k] == '_'))
		k++;
	if (k == 0) {
		snprintf(buf, size, "kicwatch");
		return;
	}
	memcpy(buf, ua, k);
	buf[k] = '\0';
}
