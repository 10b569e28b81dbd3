/* SPDX-License-Identifier: ISC */
/*
 * libxml2's HTML parser behind struct html_doc, XPath returning copied
 * strings, URL resolution, and the visible-text renderer content.c uses.
 * The input is made valid UTF-8 first (bad bytes and NULs become U+FFFD):
 * on a bad byte libxml2 2.9 switches the rest of the page to Latin-1, and
 * a NUL would end it early. DTDs, external entities and the network are
 * never touched: the HTML parser only knows its built-in named entities.
 */
#include "html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>

#include "html_mem.h"
#include "html_priv.h"
#include "text.h"
#include "xmem.h"

#define PARSE_OPTS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT | \
    HTML_PARSE_IGNORE_ENC)

struct html_doc {
	xmlDocPtr doc;
	char *base;		/* resolved base URL or NULL */
};

struct tag {
	const char *name;
	int cls;		/* HTML_TAG_* */
};

/* Sorted by name for bsearch: this runs once per element. */
static const struct tag tags[] = {
	{"a", HTML_TAG_LINK}, {"address", HTML_TAG_BLOCK},
	{"applet", HTML_TAG_INVISIBLE},
	{"article", HTML_TAG_BLOCK | HTML_TAG_ARTICLE},
	{"aside", HTML_TAG_BLOCK | HTML_TAG_CHROME},
	{"audio", HTML_TAG_INVISIBLE}, {"blockquote", HTML_TAG_BLOCK},
	{"body", HTML_TAG_BLOCK}, {"br", HTML_TAG_LINE},
	{"button", HTML_TAG_INVISIBLE}, {"canvas", HTML_TAG_INVISIBLE},
	{"caption", HTML_TAG_BLOCK}, {"center", HTML_TAG_BLOCK},
	{"datalist", HTML_TAG_INVISIBLE},
	{"dd", HTML_TAG_BLOCK | HTML_TAG_LINE}, {"details", HTML_TAG_BLOCK},
	{"dialog", HTML_TAG_CHROME}, {"dir", HTML_TAG_BLOCK},
	{"div", HTML_TAG_BLOCK}, {"dl", HTML_TAG_BLOCK},
	{"dt", HTML_TAG_BLOCK | HTML_TAG_LINE}, {"embed", HTML_TAG_INVISIBLE},
	{"fieldset", HTML_TAG_BLOCK}, {"figcaption", HTML_TAG_BLOCK},
	{"figure", HTML_TAG_BLOCK},
	{"footer", HTML_TAG_BLOCK | HTML_TAG_CHROME},
	{"form", HTML_TAG_BLOCK}, {"frame", HTML_TAG_INVISIBLE},
	{"frameset", HTML_TAG_INVISIBLE}, {"h1", HTML_TAG_BLOCK},
	{"h2", HTML_TAG_BLOCK}, {"h3", HTML_TAG_BLOCK},
	{"h4", HTML_TAG_BLOCK}, {"h5", HTML_TAG_BLOCK},
	{"h6", HTML_TAG_BLOCK}, {"head", HTML_TAG_INVISIBLE},
	{"header", HTML_TAG_BLOCK | HTML_TAG_HEADER}, {"hr", HTML_TAG_BLOCK},
	{"html", HTML_TAG_BLOCK}, {"iframe", HTML_TAG_INVISIBLE},
	{"img", HTML_TAG_INVISIBLE}, {"input", HTML_TAG_INVISIBLE},
	{"li", HTML_TAG_BLOCK | HTML_TAG_LINE}, {"link", HTML_TAG_INVISIBLE},
	{"main", HTML_TAG_BLOCK | HTML_TAG_ARTICLE},
	{"map", HTML_TAG_INVISIBLE}, {"math", HTML_TAG_INVISIBLE},
	{"menu", HTML_TAG_BLOCK | HTML_TAG_CHROME},
	{"meta", HTML_TAG_INVISIBLE},
	{"nav", HTML_TAG_BLOCK | HTML_TAG_CHROME},
	{"noscript", HTML_TAG_INVISIBLE}, {"object", HTML_TAG_INVISIBLE},
	{"ol", HTML_TAG_BLOCK}, {"p", HTML_TAG_BLOCK},
	{"picture", HTML_TAG_INVISIBLE}, {"pre", HTML_TAG_BLOCK},
	{"script", HTML_TAG_INVISIBLE}, {"section", HTML_TAG_BLOCK},
	{"select", HTML_TAG_INVISIBLE}, {"source", HTML_TAG_INVISIBLE},
	{"style", HTML_TAG_INVISIBLE}, {"summary", HTML_TAG_BLOCK},
	{"svg", HTML_TAG_INVISIBLE}, {"table", HTML_TAG_BLOCK},
	{"tbody", HTML_TAG_BLOCK}, {"td", HTML_TAG_BLOCK | HTML_TAG_CELL},
	{"template", HTML_TAG_INVISIBLE}, {"textarea", HTML_TAG_INVISIBLE},
	{"tfoot", HTML_TAG_BLOCK}, {"th", HTML_TAG_BLOCK | HTML_TAG_CELL},
	{"thead", HTML_TAG_BLOCK}, {"title", HTML_TAG_INVISIBLE},
	{"tr", HTML_TAG_BLOCK | HTML_TAG_LINE}, {"ul", HTML_TAG_BLOCK},
	{"video", HTML_TAG_INVISIBLE}
};

/* Binary search, first byte compared inline: this runs once per element
   of every page. */
static int
tag_class(const xmlChar *name)
{
	size_t lo = 0, hi = sizeof(tags) / sizeof(tags[0]), mid;
	int c;

	if (name == NULL)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = name[0] - (unsigned char)tags[mid].name[0];
		if (c == 0)
			c = strcmp((const char *)name, tags[mid].name);
		if (c == 0)
			return tags[mid].cls;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int
html_tag_flags(const xmlChar *name)
{
	return tag_class(name);
}

bool
html_is_block(const xmlChar *name)
{
	return (tag_class(name) & HTML_TAG_BLOCK) != 0;
}

bool
html_is_invisible(const xmlChar *name)
{
	return (tag_class(name) & HTML_TAG_INVISIBLE) != 0;
}

const xmlChar *
html_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL ||
		    strcasecmp((const char *)a->name, name) != 0)
			continue;
		if (a->children != NULL && a->children->type == XML_TEXT_NODE)
			return a->children->content;
		return (const xmlChar *)"";
	}
	return NULL;
}

xmlDocPtr
html_doc_xml(const struct html_doc *d)
{
	return d->doc;
}

/* Is s[0, len) valid UTF-8 without NULs? The common case: no copy. */
static bool
utf8_clean(const char *s, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		i += text_ascii_run(s + i, len - i);
		if (i == len)
			break;
		if ((unsigned char)s[i] >= 0x01 && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		j = i;
		if (text_utf8_next(s, len, &j) == 0xFFFD &&
		    !(j - i == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return false;
		if (s[i] == '\0')
			return false;
		i = j;
	}
	return true;
}

/* A copy with each bad byte and NUL replaced by U+FFFD. */
static char *
utf8_repair(const char *s, size_t len, size_t *outlen)
{
	struct buf b = {0};
	size_t i = 0, j;
	uint32_t c;

	buf_reserve(&b, len + len / 4);
	while (i < len) {
		j = i;
		c = text_utf8_next(s, len, &j);
		if (c == 0 || (c == 0xFFFD && j - i == 1))
			buf_append(&b, "\xEF\xBF\xBD", 3);
		else
			buf_append(&b, s + i, j - i);
		i = j;
	}
	*outlen = b.len;
	return buf_steal(&b);
}

/* <base href>, resolved against the page URL. */
static char *
find_base(xmlDocPtr doc, const char *url)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);
	const xmlChar *href = NULL;
	xmlChar *abs;
	char *r;

	/* Only the first <base> counts, and it lives in <head>. */
	while (n != NULL && href == NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "base") == 0)
			href = html_attr(n, "href");
		if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    (strcmp((const char *)n->name, "html") == 0 ||
		    strcmp((const char *)n->name, "head") == 0))
			n = n->children;
		else
			n = n->next;
	}
	if (href == NULL || *href == '\0')
		return url ? xstrdup(url) : NULL;
	abs = xmlBuildURI(href, (const xmlChar *)(url ? url : ""));
	if (abs == NULL)
		return url ? xstrdup(url) : NULL;
	r = xstrdup((const char *)abs);
	xmlFree(abs);
	return r;
}

int
html_parse(const char *buf, size_t len, const char *url,
    struct html_doc **out, struct err *e)
{
	struct html_doc *d;
	char *copy = NULL;
	xmlDocPtr doc;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (len == 0)
		return err_set(e, "empty page");
	if (len > HTML_MAX_INPUT)
		return err_set(e, "page too large (%zu bytes, limit %u)", len,
		    HTML_MAX_INPUT);
	if (!utf8_clean(buf, len)) {
		copy = utf8_repair(buf, len, &len);
		buf = copy;
	}
	/* The tree lives in this thread's arena until html_doc_free. */
	html_mem_begin();
	doc = htmlReadMemory(buf, (int)len, url, "UTF-8", PARSE_OPTS);
	free(copy);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		html_mem_end();
		return err_set(e, "no HTML tree could be built");
	}
	d = xcalloc(1, sizeof(*d));
	d->doc = doc;
	d->base = find_base(doc, url);
	*out = d;
	return 0;
}

void
html_doc_free(struct html_doc *d)
{
	if (d == NULL)
		return;
	xmlFreeDoc(d->doc);
	html_mem_end();
	free(d->base);
	free(d);
}

const char *
html_doc_base(const struct html_doc *d)
{
	return d->base;
}

/* Separator an element asks for around its content. */
static enum html_sep
element_sep(const struct html_render *r, xmlNodePtr n)
{
	int f = tag_class(n->name);

	if (!r->blocks)
		return f & (HTML_TAG_BLOCK | HTML_TAG_LINE) ? HTML_SEP_SPACE :
		    HTML_SEP_NONE;
	if (f & HTML_TAG_LINE)
		return HTML_SEP_LINE;
	if (f & HTML_TAG_CELL)
		return HTML_SEP_SPACE;
	return f & HTML_TAG_BLOCK ? HTML_SEP_PARA : HTML_SEP_NONE;
}

static void
sep_owe(struct html_render *r, enum html_sep s)
{
	if (s > r->pending)
		r->pending = s;
}

void
html_render_element(struct html_render *r, xmlNodePtr n)
{
	/* <br><br> is how CMS editors make a paragraph. */
	if (r->blocks && r->pending == HTML_SEP_LINE &&
	    strcmp((const char *)n->name, "br") == 0)
		r->pending = HTML_SEP_PARA;
	else
		sep_owe(r, element_sep(r, n));
}

/* Bytes of the whitespace character at s, or 0. s is NUL-terminated,
   so looking one byte past a short sequence is safe. */
static size_t
space_len(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if ((s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) ||
	    (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
	    (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 ||
	    s[2] == 0xA9 || s[2] == 0xAF)))
		return 3;
	return 0;
}

/* End of the run of visible characters starting at p. */
static const unsigned char *
run_end(const unsigned char *p)
{
	while (*p) {
		if (*p < 0x80) {
			if (*p <= ' ' || *p == 0x7F)
				break;
			p++;
			continue;
		}
		if ((*p == 0xC2 || (*p >= 0xE1 && *p <= 0xE3)) && space_len(p))
			break;
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return p;
}

void
html_render_text(struct html_render *r, const xmlChar *t)
{
	static const char *const seps[] = {"", " ", "\n", "\n\n"};
	const unsigned char *p = t, *q;
	size_t n, room;

	while (*p && r->out->len < r->max) {
		n = space_len(p);
		if (n) {
			sep_owe(r, HTML_SEP_SPACE);
			p += n;
			continue;
		}
		if (*p < 0x20 || *p == 0x7F) {
			p++;		/* control characters are not text */
			continue;
		}
		q = run_end(p);
		if (r->out->len > 0 && r->pending != HTML_SEP_NONE)
			buf_puts(r->out, seps[r->pending]);
		r->pending = HTML_SEP_NONE;
		n = q - p;
		room = r->max > r->out->len ? r->max - r->out->len : 0;
		if (n > room) {
			/* Full: cut at a character boundary and stop. */
			n = room;
			while (n > 0 && (p[n] & 0xC0) == 0x80)
				n--;
			buf_append(r->out, p, n);
			r->max = r->out->len;
			return;
		}
		buf_append(r->out, p, n);
		p = q;
	}
}

/* Does the walk descend into n? Text is emitted on the way. */
static bool
render_enter(struct html_render *r, xmlNodePtr n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			html_render_text(r, n->content);
		return false;
	case XML_ELEMENT_NODE:
		if (html_is_invisible(n->name) ||
		    (r->skip != NULL && r->skip(n, r->arg)))
			return false;
		html_render_element(r, n);
		return n->children != NULL;
	case XML_DOCUMENT_NODE:
	case XML_HTML_DOCUMENT_NODE:
		return n->children != NULL;
	default:
		return false;
	}
}

void
html_render(struct html_render *r, xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n != NULL && r->out->len < r->max) {
		if (render_enter(r, n)) {
			n = n->children;
			continue;
		}
		/* Leave finished elements until one has a next sibling. */
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE)
				html_render_element(r, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* One XPath result node as a string of at most max bytes, or NULL when it
   is empty. */
static char *
node_string(xmlNodePtr n, size_t max)
{
	struct buf b = {0};
	struct html_render r = {&b, max, false, NULL, NULL, HTML_SEP_NONE};
	xmlChar *v;

	if (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
	    n->type == XML_HTML_DOCUMENT_NODE) {
		html_render(&r, n);
	} else {
		/* Attribute or text values: trimmed and folded alike. */
		v = xmlNodeGetContent(n);
		if (v != NULL)
			html_render_text(&r, v);
		xmlFree(v);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static char *
scalar_string(xmlXPathObjectPtr o)
{
	char num[64];

	switch (o->type) {
	case XPATH_STRING:
		return o->stringval && *o->stringval ?
		    xstrdup((const char *)o->stringval) : NULL;
	case XPATH_NUMBER:
		snprintf(num, sizeof(num), "%g", o->floatval);
		return xstrdup(num);
	case XPATH_BOOLEAN:
		return xstrdup(o->boolval ? "true" : "false");
	default:
		return NULL;
	}
}

/* XPath syntax errors go to err, not to libxml2's stderr printer. */
static void
xpath_quiet(void *arg, xmlErrorPtr xe)
{
	struct err *e = arg;

	if (e != NULL && e->msg[0] == '\0' && xe != NULL && xe->message)
		err_set(e, "%s", xe->message);
}

static void
push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = s;
}

int
html_xpath_strings(const struct html_doc *d, const char *xpath, size_t max,
    char ***out, size_t *n, struct err *e)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	struct err xe = {{0}};
	char **v = NULL, *s;
	size_t nv = 0, cap = 0, total = 0;
	int k;

	ctx = xmlXPathNewContext(d->doc);
	if (ctx == NULL)
		return err_set(e, "xpath: out of memory");
	ctx->error = xpath_quiet;
	ctx->userData = &xe;
	o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlXPathFreeContext(ctx);
	if (o == NULL)
		return err_set(e, "xpath '%s': %s", xpath,
		    xe.msg[0] ? xe.msg : "cannot evaluate");
	if (o->type == XPATH_NODESET && o->nodesetval != NULL) {
		for (k = 0; k < o->nodesetval->nodeNr && nv < max &&
		    total < HTML_MAX_STRINGS; k++) {
			s = node_string(o->nodesetval->nodeTab[k],
			    HTML_MAX_STRINGS - total < HTML_MAX_STRING ?
			    HTML_MAX_STRINGS - total : HTML_MAX_STRING);
			if (s == NULL)
				continue;
			total += strlen(s);
			push(&v, &nv, &cap, s);
		}
	} else if (max > 0 && (s = scalar_string(o)) != NULL)
		push(&v, &nv, &cap, s);
	xmlXPathFreeObject(o);
	*out = v;
	*n = nv;
	return 0;
}

void
html_strings_free(char **v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

char *
html_xpath_first(const struct html_doc *d, const char *xpath)
{
	char **v, *s;
	size_t n;

	if (html_xpath_strings(d, xpath, 1, &v, &n, NULL) == -1 || n == 0)
		return NULL;
	s = v[0];
	free(v);
	return s;
}

/* href with surrounding spaces trimmed and tabs/newlines removed (as
   browsers do), inner spaces escaped; NULL when empty. */
static char *
href_clean(const char *href)
{
	struct buf b = {0};
	const char *p = href, *end = href + strlen(href);

	while (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
		p++;
	while (end > p && (end[-1] == ' ' || (end[-1] >= '\t' &&
	    end[-1] <= '\r')))
		end--;
	for (; p < end; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p == ' ')
			buf_puts(&b, "%20");
		else
			buf_putc(&b, *p);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

char *
html_url_resolve(const struct html_doc *d, const char *href)
{
	char *h, *r = NULL, *hash;
	xmlChar *abs;

	h = href ? href_clean(href) : NULL;
	if (h == NULL || h[0] == '#')
		goto out;
	abs = xmlBuildURI((const xmlChar *)h,
	    (const xmlChar *)(d->base ? d->base : ""));
	if (abs == NULL)
		goto out;
	if (strncasecmp((const char *)abs, "http://", 7) == 0 ||
	    strncasecmp((const char *)abs, "https://", 8) == 0) {
		r = xstrdup((const char *)abs);
		hash = strchr(r, '#');
		if (hash != NULL)
			*hash = '\0';
	}
	xmlFree(abs);
out:
	free(h);
	return r;
}
