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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>

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

static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "body", "center", "dd",
	"details", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
	"section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
	"tr", "ul", "caption",
};

static const char *const invisible[] = {
	"script", "style", "noscript", "template", "head", "title", "iframe",
	"object", "embed", "svg", "math", "canvas", "select", "textarea",
	"button", "input", "img", "map", "audio", "video", "source", "meta",
	"link", "frameset", "frame", "applet", "datalist", "picture",
};

static bool
in_list(const xmlChar *name, const char *const *v, size_t n)
{
	size_t k;

	if (name == NULL)
		return false;
	for (k = 0; k < n; k++)
		if (strcmp((const char *)name, v[k]) == 0)
			return true;
	return false;
}

bool
html_is_block(const xmlChar *name)
{
	return in_list(name, blocks, sizeof(blocks) / sizeof(blocks[0]));
}

bool
html_is_invisible(const xmlChar *name)
{
	return in_list(name, invisible, sizeof(invisible) /
	    sizeof(invisible[0]));
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
	doc = htmlReadMemory(buf, (int)len, url, "UTF-8", PARSE_OPTS);
	free(copy);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
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
	const char *name = (const char *)n->name;

	if (!r->blocks)
		return html_is_block(n->name) || strcmp(name, "br") == 0 ?
		    HTML_SEP_SPACE : HTML_SEP_NONE;
	if (strcmp(name, "br") == 0 || strcmp(name, "li") == 0 ||
	    strcmp(name, "tr") == 0 || strcmp(name, "dt") == 0 ||
	    strcmp(name, "dd") == 0)
		return HTML_SEP_LINE;
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return HTML_SEP_SPACE;
	return html_is_block(n->name) ? HTML_SEP_PARA : HTML_SEP_NONE;
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

void
html_render_text(struct html_render *r, const xmlChar *t)
{
	static const char *const seps[] = {"", " ", "\n", "\n\n"};
	const char *s = (const char *)t;
	size_t len = strlen(s), i = 0, j;
	uint32_t c;

	while (i < len && r->out->len < r->max) {
		j = i;
		c = text_utf8_next(s, len, &j);
		if (text_is_space(c)) {
			sep_owe(r, HTML_SEP_SPACE);
		} else if (c >= 0x20 && c != 0x7F) {
			if (r->out->len > 0 && r->pending != HTML_SEP_NONE)
				buf_puts(r->out, seps[r->pending]);
			r->pending = HTML_SEP_NONE;
			if (r->out->len + (j - i) <= r->max)
				buf_append(r->out, s + i, j - i);
			else
				r->max = r->out->len;	/* full: stop here */
		}
		i = j;
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

/* One XPath result node as a string, or NULL when it is empty. */
static char *
node_string(xmlNodePtr n)
{
	struct buf b = {0};
	struct html_render r = {&b, HTML_MAX_STRING, false, NULL, NULL,
	    HTML_SEP_NONE};
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
	size_t nv = 0, cap = 0;
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
		for (k = 0; k < o->nodesetval->nodeNr && nv < max; k++) {
			s = node_string(o->nodesetval->nodeTab[k]);
			if (s != NULL)
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
