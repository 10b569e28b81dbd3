/* SPDX-License-Identifier: ISC */
/*
 * A recogniser for the XPath selectors configurations actually use
 * (location paths with name tests, axes, attribute steps and predicates
 * that compare paths, strings and numbers or call core functions). What
 * it accepts libxml2 compiles, so cfg_xpath_check can skip libxml2 for
 * it: the read-side kicwatch then never loads libxml2 and ICU just to
 * validate selectors it does not use. It is deliberately narrower than
 * XPath (no variables, arithmetic, namespaces, unions of non-paths,
 * whitespace inside paths, deep nesting): anything else goes to libxml2,
 * which also words every error. tests/unit/test-cfg.c compares the two
 * on generated and mutated expressions.
 */
#include "cfg_xpath.h"

#include <stdbool.h>
#include <string.h>

#define DEPTH_MAX 16

struct scan {
	const char *p;
	int depth;
};

static bool expr(struct scan *s);

static const char *const axes[] = {
	"ancestor", "ancestor-or-self", "attribute", "child", "descendant",
	"descendant-or-self", "following", "following-sibling", "parent",
	"preceding", "preceding-sibling", "self",
};
static const char *const functions[] = {
	"boolean", "concat", "contains", "count", "false", "last",
	"normalize-space", "not", "number", "position", "starts-with",
	"string", "string-length", "substring", "substring-after",
	"substring-before", "translate", "true",
};
/* A name these could take for an operator is never a first step. */
static const char *const operators[] = {"and", "or", "div", "mod"};

static bool
in(const char *name, size_t len, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(set[i]) == len && memcmp(set[i], name, len) == 0)
			return true;
	return false;
}

static void
blanks(struct scan *s)
{
	while (*s->p == ' ')
		s->p++;
}

static bool
accept(struct scan *s, const char *tok)
{
	size_t n = strlen(tok);

	if (strncmp(s->p, tok, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* An ASCII NCName; returns its length (0: none). */
static size_t
ncname(const char *p)
{
	size_t n = 0;

	if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z') ||
	    p[0] == '_'))
		return 0;
	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
	    (p[n] >= '0' && p[n] <= '9') || p[n] == '_' || p[n] == '-' ||
	    p[n] == '.')
		n++;
	return n;
}

/* One UTF-8 character that is an XML Char at or above U+0080. */
static size_t
utf8_char(const unsigned char *p)
{
	unsigned cp;
	size_t n;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

static bool
literal(struct scan *s)
{
	const unsigned char *p = (const unsigned char *)s->p;
	unsigned char q = *p++;
	size_t n;

	while (*p != q) {
		if (*p >= 0x20 && *p < 0x7f)
			p++;
		else if ((n = utf8_char(p)) != 0)
			p += n;
		else
			return false;
	}
	s->p = (const char *)p + 1;
	return true;
}

/* '(' args ')' after a function name. */
static bool
call(struct scan *s)
{
	s->p++;
	blanks(s);
	if (accept(s, ")"))
		return true;
	for (;;) {
		if (!expr(s))
			return false;
		blanks(s);
		if (accept(s, ")"))
			return true;
		if (!accept(s, ","))
			return false;
		blanks(s);
	}
}

static bool
predicates(struct scan *s)
{
	while (accept(s, "[")) {
		blanks(s);
		if (!expr(s))
			return false;
		blanks(s);
		if (!accept(s, "]"))
			return false;
	}
	return true;
}

/* A node test after an optional axis: name, *, text(), node(). */
static bool
node_test(struct scan *s, bool first)
{
	size_t n;

	if (accept(s, "*"))
		return true;
	if ((n = ncname(s->p)) == 0)
		return false;
	if (s->p[n] == '(') {
		if ((n == 4 && strncmp(s->p, "text", 4) == 0) ||
		    (n == 4 && strncmp(s->p, "node", 4) == 0)) {
			s->p += n;
			return accept(s, "()");
		}
		return false;
	}
	if (s->p[n] == ':' ||
	    (first && in(s->p, n, operators, sizeof(operators) /
	    sizeof(operators[0]))))
		return false;
	s->p += n;
	return true;
}

static bool
step(struct scan *s, bool first)
{
	size_t n;

	if (accept(s, ".."))
		return true;
	if (*s->p == '.' && s->p[1] != '.') {
		s->p++;
		return true;
	}
	if (accept(s, "@")) {
		if (!accept(s, "*")) {
			if ((n = ncname(s->p)) == 0 || s->p[n] == ':' ||
			    s->p[n] == '(')
				return false;
			s->p += n;
		}
		return predicates(s);
	}
	n = ncname(s->p);
	if (n != 0 && strncmp(s->p + n, "::", 2) == 0) {
		if (!in(s->p, n, axes, sizeof(axes) / sizeof(axes[0])))
			return false;
		s->p += n + 2;
		first = false;
	}
	return node_test(s, first) && predicates(s);
}

/* A location path, absolute or relative. */
static bool
path(struct scan *s)
{
	bool first = true;

	if (accept(s, "//") || accept(s, "/"))
		first = false;
	for (;;) {
		if (!step(s, first))
			return false;
		first = false;
		if (!accept(s, "//") && !accept(s, "/"))
			return true;
	}
}

static bool
operand(struct scan *s)
{
	size_t n;

	if (*s->p == '\'' || *s->p == '"')
		return literal(s);
	if (*s->p >= '0' && *s->p <= '9') {
		while (*s->p >= '0' && *s->p <= '9')
			s->p++;
		return true;
	}
	n = ncname(s->p);
	if (n != 0 && s->p[n] == '(' &&
	    !(n == 4 && (strncmp(s->p, "text", 4) == 0 ||
	    strncmp(s->p, "node", 4) == 0))) {
		if (!in(s->p, n, functions,
		    sizeof(functions) / sizeof(functions[0])))
			return false;
		s->p += n;
		return call(s);
	}
	return path(s);
}

static bool
comparison(struct scan *s)
{
	static const char *const ops[] = {"!=", "<=", ">=", "=", "<", ">"};

	if (!operand(s))
		return false;
	blanks(s);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (accept(s, ops[i])) {
			blanks(s);
			return operand(s);
		}
	}
	return true;
}

/* comparison (' and ' comparison)*, and those joined by ' or '. */
static bool
expr(struct scan *s)
{
	bool ok = false;

	if (++s->depth > DEPTH_MAX)
		return false;
	for (;;) {
		if (!comparison(s))
			goto out;
		blanks(s);
		if (!accept(s, "and ") && !accept(s, "or "))
			break;
		blanks(s);
	}
	ok = true;
out:
	s->depth--;
	return ok;
}

bool
cfg_xpath_is_simple(const char *xpath)
{
	struct scan s = {xpath, 0};

	/* The whole selector must be a location path, as selectors are. */
	if (!path(&s))
		return false;
	return *s.p == '\0';
}
