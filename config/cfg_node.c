/* SPDX-License-Identifier: ISC */
/*
 * YAML to a position-carrying tree, under hard limits. libyaml's event
 * parser does the syntax; this file builds nodes and refuses what a
 * configuration file never needs and a hostile one could abuse: bytes that
 * are not UTF-8, tabs in indentation, more than one document, nesting past
 * CFG_DEPTH_MAX, more than CFG_NODES_MAX nodes, duplicate keys, non-scalar
 * keys. Anchors and aliases are kept (several sources of one CMS share
 * their article selectors through them) but every alias is expanded into a
 * copy and all copies together are capped at CFG_ALIAS_NODES_MAX nodes, so
 * "billion laughs" stops after a few thousand nodes instead of exhausting
 * memory. Checking what the tree means is the callers' business.
 */
#include "cfg_node.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "log.h"
#include "xmem.h"

/* Deeper than any sane config; keeps recursion in walkers bounded. */
#define CFG_DEPTH_MAX 64
/* An 8 MiB gazetteer (~50000 entities of ~17 nodes) fits; ~100 MB at most. */
#define CFG_NODES_MAX 1048576
/* Sharing a selector block a few dozen times needs far less. */
#define CFG_ALIAS_NODES_MAX 4096
/* Aliases look anchors up linearly; this bounds that work. */
#define CFG_ANCHORS_MAX 1024
/* Past this many, errors are counted but no longer logged. */
#define CFG_DIAG_LOG_MAX 200

#define YAML_CORE_TAG "tag:yaml.org,2002:"

struct cfg_doc {
	char *name;
	struct cfg_node *root;
};

struct anchor {
	char *name;
	struct cfg_node *node;	/* NULL while its container is still open */
	size_t size;		/* nodes in the subtree */
};

struct frame {
	struct cfg_node *node;
	size_t cap;		/* allocated slots in items (and keys) */
	struct cfg_node *key;	/* MAP: key still waiting for its value */
	size_t first;		/* node count before this container */
	long anchor;		/* index into anchors, or -1 */
};

struct builder {
	const char *name;
	struct err *e;
	struct frame stack[CFG_DEPTH_MAX];
	unsigned depth;
	struct anchor *anchors;
	size_t nanchors;
	size_t nodes;		/* all nodes, copies included */
	size_t alias_nodes;	/* nodes produced by alias expansion */
	unsigned ndocs;
	struct cfg_node *root;
};

static void node_free(struct cfg_node *n);

static int
b_error(struct builder *b, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
b_error(struct builder *b, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(b->e, "%s:%u:%u: %s", b->name, line, col, msg);
}

/* Decodes one UTF-8 sequence strictly; returns its length or 0. */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t n, i;
	unsigned long v;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		v = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		v = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return n;
}

/* YAML 1.1's printable set, which libyaml enforces too. */
static bool
is_printable(unsigned long c)
{
	return c == 0x09 || c == 0x0a || c == 0x0d ||
	    (c >= 0x20 && c <= 0x7e) || c == 0x85 ||
	    (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * Checks the raw text before libyaml sees it, so that bad bytes and tabs
 * get a line and column (libyaml reports reader errors as byte offsets and
 * tabs with a vague "cannot start any token"). Columns count characters,
 * as libyaml's do. A tab is only an error when indentation is followed by
 * content: trailing tabs on a blank line or before a comment are harmless.
 */
static int
scan_text(struct builder *b, const unsigned char *s, size_t len)
{
	unsigned line = 1, col = 1, tab_col = 0;
	bool indent = true;
	unsigned long c;
	size_t i = 0, n;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		n = 1;
		c = s[i];
		if (c >= 0x80 && (n = utf8_decode(s + i, len - i, &c)) == 0)
			return b_error(b, line, col,
			    "invalid UTF-8 byte 0x%02x (files must be UTF-8)",
			    s[i]);
		if (!is_printable(c))
			return b_error(b, line, col,
			    "control character U+%04lX not allowed", c);
		if (c == '\n' || (c == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
			line++;
			col = 1;
			indent = true;
			tab_col = 0;
			i += n;
			continue;
		}
		if (indent && c == '\t' && tab_col == 0)
			tab_col = col;
		else if (indent && c != ' ' && c != '\t') {
			indent = false;
			if (tab_col != 0 && c != '#' && c != '\r')
				return b_error(b, line, tab_col,
				    "tab in indentation (YAML indents with "
				    "spaces only)");
		}
		col++;
		i += n;
	}
	return 0;
}

static struct cfg_node *
node_new(struct builder *b, enum cfg_node_kind kind, const yaml_mark_t *m)
{
	struct cfg_node *n;

	if (b->nodes >= CFG_NODES_MAX) {
		b_error(b, (unsigned)m->line + 1, (unsigned)m->column + 1,
		    "more than %d nodes in one file", CFG_NODES_MAX);
		return NULL;
	}
	b->nodes++;
	n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void
node_free(struct cfg_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			node_free(n->keys[i]);
		node_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->value);
	free(n);
}

/* Copies an anchored subtree for an alias; the copy is placed at pos. */
static struct cfg_node *
node_copy(const struct cfg_node *src)
{
	struct cfg_node *n = xcalloc(1, sizeof(*n));

	*n = *src;
	n->value = xstrdup(src->value);
	n->keys = NULL;
	n->items = NULL;
	if (src->n == 0)
		return n;
	n->items = xreallocarray(NULL, src->n, sizeof(*n->items));
	if (src->keys != NULL)
		n->keys = xreallocarray(NULL, src->n, sizeof(*n->keys));
	for (size_t i = 0; i < src->n; i++) {
		n->items[i] = node_copy(src->items[i]);
		if (src->keys != NULL)
			n->keys[i] = node_copy(src->keys[i]);
	}
	return n;
}

static unsigned
node_height(const struct cfg_node *n)
{
	unsigned h = 0, t;

	for (size_t i = 0; i < n->n; i++) {
		t = node_height(n->items[i]);
		if (t > h)
			h = t;
	}
	return n->kind == CFG_NODE_SCALAR ? 0 : h + 1;
}

/* Only YAML's core schema: a custom tag would mean nothing to us. */
static int
check_tag(struct builder *b, const yaml_char_t *tag, const yaml_mark_t *m,
    bool *is_str)
{
	static const char *const ok[] = {"str", "int", "float", "bool",
	    "null", "seq", "map"};
	const char *t = (const char *)tag;

	*is_str = false;
	if (t == NULL)
		return 0;
	if (strncmp(t, YAML_CORE_TAG, strlen(YAML_CORE_TAG)) == 0) {
		t += strlen(YAML_CORE_TAG);
		for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
			if (strcmp(t, ok[i]) == 0) {
				*is_str = i == 0;
				return 0;
			}
		}
		t = (const char *)tag;
	}
	return b_error(b, (unsigned)m->line + 1, (unsigned)m->column + 1,
	    "unsupported YAML tag '%.60s'", t);
}

static void
frame_grow(struct frame *f)
{
	struct cfg_node *c = f->node;

	if (c->n < f->cap)
		return;
	f->cap = f->cap ? f->cap * 2 : 4;
	c->items = xreallocarray(c->items, f->cap, sizeof(*c->items));
	if (c->kind == CFG_NODE_MAP)
		c->keys = xreallocarray(c->keys, f->cap, sizeof(*c->keys));
}

/*
 * Attaches a new node to the open container (or makes it the root). On
 * error the node is not attached and the caller frees it.
 */
static int
attach(struct builder *b, struct cfg_node *n)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->kind == CFG_NODE_MAP && f->key == NULL) {
		if (n->kind != CFG_NODE_SCALAR)
			return b_error(b, n->line, n->col,
			    "keys must be plain strings, not a %s",
			    n->kind == CFG_NODE_MAP ? "mapping" : "sequence");
		if (!n->quoted && strcmp(n->value, "<<") == 0)
			return b_error(b, n->line, n->col,
			    "merge keys (<<) are not supported: use an alias "
			    "as the whole value instead");
		f->key = n;
		return 0;
	}
	frame_grow(f);
	if (f->node->kind == CFG_NODE_MAP) {
		f->node->keys[f->node->n] = f->key;
		f->key = NULL;
	}
	f->node->items[f->node->n++] = n;
	return 0;
}

static int
anchor_add(struct builder *b, const yaml_char_t *name, struct cfg_node *n,
    const yaml_mark_t *m, long *idx)
{
	struct anchor *a;

	if (b->nanchors >= CFG_ANCHORS_MAX)
		return b_error(b, (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "more than %d anchors",
		    CFG_ANCHORS_MAX);
	b->anchors = xreallocarray(b->anchors, b->nanchors + 1,
	    sizeof(*b->anchors));
	a = &b->anchors[b->nanchors];
	a->name = xstrdup((const char *)name);
	a->node = n;
	a->size = 1;
	if (idx != NULL)
		*idx = (long)b->nanchors;
	b->nanchors++;
	return 0;
}

static int
on_scalar(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct cfg_node *n;
	bool is_str;

	if (check_tag(b, ev->data.scalar.tag, m, &is_str) == -1)
		return -1;
	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
		return b_error(b, (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "NUL character in a string");
	if ((n = node_new(b, CFG_NODE_SCALAR, m)) == NULL)
		return -1;
	n->value = xstrndup((const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	n->quoted = is_str || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	if (attach(b, n) == -1) {
		node_free(n);
		return -1;
	}
	if (ev->data.scalar.anchor != NULL)
		return anchor_add(b, ev->data.scalar.anchor, n, m, NULL);
	return 0;
}

static int
on_start(struct builder *b, const yaml_event_t *ev, enum cfg_node_kind kind)
{
	const yaml_mark_t *m = &ev->start_mark;
	const yaml_char_t *anchor, *tag;
	struct cfg_node *n;
	struct frame *f;
	bool is_str;

	anchor = kind == CFG_NODE_MAP ? ev->data.mapping_start.anchor :
	    ev->data.sequence_start.anchor;
	tag = kind == CFG_NODE_MAP ? ev->data.mapping_start.tag :
	    ev->data.sequence_start.tag;
	if (check_tag(b, tag, m, &is_str) == -1)
		return -1;
	if (b->depth >= CFG_DEPTH_MAX)
		return b_error(b, (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "nested deeper than %d levels",
		    CFG_DEPTH_MAX);
	if ((n = node_new(b, kind, m)) == NULL)
		return -1;
	if (attach(b, n) == -1) {
		node_free(n);
		return -1;
	}
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->first = b->nodes - 1;
	f->anchor = -1;
	if (anchor != NULL)
		return anchor_add(b, anchor, NULL, m, &f->anchor);
	return 0;
}

static int
key_cmp(const void *a, const void *b)
{
	const struct cfg_node *const *x = a, *const *y = b;
	int c = strcmp((*x)->value, (*y)->value);

	if (c != 0)
		return c;
	if ((*x)->line != (*y)->line)
		return (*x)->line < (*y)->line ? -1 : 1;
	return (*x)->col < (*y)->col ? -1 : (*x)->col > (*y)->col;
}

/*
 * Sorting a copy of the key pointers finds duplicates in O(n log n), so a
 * hostile map with 100000 keys cannot make this quadratic. The reported
 * duplicate is the one that comes first in the file.
 */
static int
check_duplicates(struct builder *b, const struct cfg_node *map)
{
	const struct cfg_node **k, *first = NULL, *dup = NULL;
	size_t i;

	if (map->n < 2)
		return 0;
	k = xreallocarray(NULL, map->n, sizeof(*k));
	memcpy(k, map->keys, map->n * sizeof(*k));
	qsort(k, map->n, sizeof(*k), key_cmp);
	for (i = 1; i < map->n; i++) {
		/* k[i - 1] opens the group of equal keys k[i] belongs to. */
		if (strcmp(k[i - 1]->value, k[i]->value) != 0)
			continue;
		if (i >= 2 && strcmp(k[i - 2]->value, k[i]->value) == 0)
			continue;
		if (dup == NULL || k[i]->line < dup->line ||
		    (k[i]->line == dup->line && k[i]->col < dup->col)) {
			dup = k[i];
			first = k[i - 1];
		}
	}
	free(k);
	if (dup == NULL)
		return 0;
	return b_error(b, dup->line, dup->col,
	    "duplicate key '%.60s' (first at line %u, column %u)", dup->value,
	    first->line, first->col);
}

static int
on_end(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct anchor *a;

	if (f->node->kind == CFG_NODE_MAP &&
	    check_duplicates(b, f->node) == -1)
		return -1;
	if (f->anchor >= 0) {
		a = &b->anchors[f->anchor];
		a->node = f->node;
		a->size = b->nodes - f->first;
	}
	return 0;
}

static int
on_alias(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	const char *name = (const char *)ev->data.alias.anchor;
	unsigned line = (unsigned)m->line + 1, col = (unsigned)m->column + 1;
	struct anchor *a = NULL;
	struct cfg_node *n;

	for (size_t i = b->nanchors; i-- > 0;) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			a = &b->anchors[i];
			break;
		}
	}
	if (a == NULL)
		return b_error(b, line, col, "alias *%.60s: no such anchor",
		    name);
	if (a->node == NULL)
		return b_error(b, line, col,
		    "alias *%.60s refers to a node that contains it", name);
	if (a->size > CFG_ALIAS_NODES_MAX - b->alias_nodes)
		return b_error(b, line, col,
		    "aliases expand to more than %d nodes", CFG_ALIAS_NODES_MAX);
	if (b->depth + node_height(a->node) >= CFG_DEPTH_MAX)
		return b_error(b, line, col, "nested deeper than %d levels",
		    CFG_DEPTH_MAX);
	if (a->size > CFG_NODES_MAX - b->nodes)
		return b_error(b, line, col, "more than %d nodes in one file",
		    CFG_NODES_MAX);
	b->alias_nodes += a->size;
	b->nodes += a->size;
	n = node_copy(a->node);
	n->line = line;
	n->col = col;
	if (attach(b, n) == -1) {
		node_free(n);
		return -1;
	}
	return 0;
}

static int
on_event(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->ndocs > 1)
			return b_error(b, (unsigned)m->line + 1,
			    (unsigned)m->column + 1,
			    "a second YAML document: one per file");
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(b, ev, CFG_NODE_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_start(b, ev, CFG_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(b);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	default:
		return 0;
	}
}

static int
yaml_error(struct builder *b, const yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR)
		return err_set(b->e, "%s: out of memory", b->name);
	if (p->error == YAML_READER_ERROR)
		return err_set(b->e, "%s: byte %zu: %s", b->name,
		    p->problem_offset, p->problem ? p->problem : "bad input");
	if (p->context != NULL)
		return b_error(b, (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "%s (%s at line %u)",
		    p->problem ? p->problem : "syntax error", p->context,
		    (unsigned)p->context_mark.line + 1);
	return b_error(b, (unsigned)m->line + 1, (unsigned)m->column + 1,
	    "%s", p->problem ? p->problem : "syntax error");
}

/* Runs libyaml over buf; on success b->root holds the tree. */
static int
build(struct builder *b, const char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool done = false;
	int rc = 0;

	if (!yaml_parser_initialize(&p))
		return err_set(b->e, "%s: out of memory", b->name);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = yaml_error(b, &p);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int
cfg_doc_parse(const char *name, const char *buf, size_t len,
    struct cfg_doc **out, struct err *e)
{
	struct builder b;
	struct cfg_doc *d;
	int rc;

	memset(&b, 0, sizeof(b));
	b.name = name;
	b.e = e;
	rc = scan_text(&b, (const unsigned char *)buf, len);
	if (rc == 0)
		rc = build(&b, buf, len);
	if (rc == 0 && b.root == NULL)
		rc = err_set(e, "%s:1:1: empty file: expected a YAML mapping",
		    name);
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	/* Keys still waiting for their value belong to no node yet. */
	for (unsigned i = 0; i < b.depth; i++)
		node_free(b.stack[i].key);
	if (rc == -1) {
		node_free(b.root);
		return -1;
	}
	d = xcalloc(1, sizeof(*d));
	d->name = xstrdup(name);
	d->root = b.root;
	*out = d;
	return 0;
}

static void
size_human(char *buf, size_t len, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%zu KiB", n / 1024);
	else
		snprintf(buf, len, "%zu bytes", n);
}

/*
 * Reads a regular file of at most max bytes. O_NONBLOCK keeps a FIFO from
 * hanging us at open; the type check refuses it (and /dev/zero) after.
 */
static int
read_file(const char *path, size_t max, char **out, size_t *outlen,
    struct err *e)
{
	struct stat st;
	char *buf = NULL, lim[32];
	size_t len = 0, cap;
	ssize_t r;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd == -1)
		return err_set(e, "%s: %s", path, strerror(errno));
	size_human(lim, sizeof(lim), max);
	if (fstat(fd, &st) == -1) {
		err_set(e, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, "%s: not a regular file", path);
		goto out;
	}
	if ((uintmax_t)st.st_size > max) {
		err_set(e, "%s: file too large (%jd bytes; the limit is %s)",
		    path, (intmax_t)st.st_size, lim);
		goto out;
	}
	/*
	 * Sized by the file, not by the limit (8 MiB for a configuration):
	 * freeing an mmap()ed block that large also raises glibc's mmap
	 * threshold for the rest of the process. One byte more than allowed
	 * tells a file that grew meanwhile; the buffer grows up to that.
	 */
	cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap);
	while (len <= max) {
		if (len + 1 == cap) {
			cap = cap > (max + 2) / 2 ? max + 2 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			err_set(e, "%s: %s", path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > max) {
		err_set(e, "%s: file too large (the limit is %s)", path, lim);
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	close(fd);
	return rc;
}

int
cfg_doc_load(const char *path, size_t max_size, struct cfg_doc **out,
    struct err *e)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (read_file(path, max_size, &buf, &len, e) == -1)
		return -1;
	rc = cfg_doc_parse(path, buf, len, out, e);
	free(buf);
	return rc;
}

void
cfg_doc_free(struct cfg_doc *d)
{
	if (d == NULL)
		return;
	node_free(d->root);
	free(d->name);
	free(d);
}

const struct cfg_node *
cfg_doc_root(const struct cfg_doc *d)
{
	return d->root;
}

const char *
cfg_doc_name(const struct cfg_doc *d)
{
	return d->name;
}

const struct cfg_node *
cfg_node_get(const struct cfg_node *map, const char *key)
{
	if (map == NULL || map->kind != CFG_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

bool
cfg_node_is_null(const struct cfg_node *n)
{
	if (n == NULL || n->kind != CFG_NODE_SCALAR || n->quoted)
		return false;
	return n->value[0] == '\0' || strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0 || strcmp(n->value, "Null") == 0 ||
	    strcmp(n->value, "NULL") == 0;
}

static void
diag_emit(struct cfg_diag *d, const char *line)
{
	if (d->nerrors < CFG_DIAG_LOG_MAX)
		log_err("%s", line);
	else if (d->nerrors == CFG_DIAG_LOG_MAX)
		log_err("%s: more errors follow; only the first %d are shown",
		    d->name, CFG_DIAG_LOG_MAX);
	d->nerrors++;
}

void
cfg_diag_error(struct cfg_diag *d, const struct cfg_node *at,
    const char *keypath, const char *fmt, ...)
{
	char msg[512], line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (at != NULL)
		n = snprintf(line, sizeof(line), "%s:%u:%u: ", d->name,
		    at->line, at->col);
	else
		n = snprintf(line, sizeof(line), "%s: ", d->name);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	if (keypath != NULL && *keypath != '\0')
		snprintf(line + n, sizeof(line) - (size_t)n, "%s: %s", keypath,
		    msg);
	else
		snprintf(line + n, sizeof(line) - (size_t)n, "%s", msg);
	diag_emit(d, line);
}

void
cfg_diag_err(struct cfg_diag *d, const struct err *e)
{
	diag_emit(d, e->msg);
}
