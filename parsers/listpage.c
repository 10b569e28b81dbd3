/* SPDX-License-Identifier: ISC */
/*
 * List-page links (see listpage.h), with libxml2's HTML parser and XPath.
 * The page is already UTF-8 (charset.c), so the parser is told so and
 * told to ignore any <meta charset>, which would otherwise make it
 * re-decode the text a second time.
 */
#include "listpage.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "urlcanon.h"
#include "xmem.h"

/* Nodes looked at per XPath, whatever they yield: bounds the work. */
#define LISTPAGE_MAX_NODES (20 * LISTPAGE_MAX_ITEMS)

struct urlset {
	char ***v;
	size_t *n;
	size_t max;
};

static bool
urlset_has(const struct urlset *s, const char *u)
{
	for (size_t i = 0; i < *s->n; i++)
		if (strcmp((*s->v)[i], u) == 0)
			return true;
	return false;
}

/* Resolves href and adds it unless refused, known, self or over the cap. */
static void
urlset_add(struct urlset *s, const char *base, const char *href,
    const char *self, size_t *dropped)
{
	struct err e = {{0}};
	char *u = NULL;

	if (*s->n >= s->max)
		return;
	if (urlcanon_resolve(base, href, &u, &e) == -1) {
		(*dropped)++;
		return;
	}
	if ((self != NULL && strcmp(u, self) == 0) || urlset_has(s, u)) {
		free(u);
		return;
	}
	*s->v = xreallocarray(*s->v, *s->n + 1, sizeof(char *));
	(*s->v)[(*s->n)++] = u;
}

/* An attribute or text node's value; an element's href, else its text. */
static xmlChar *
node_href(xmlNodePtr node)
{
	xmlChar *v;

	if (node->type == XML_ELEMENT_NODE) {
		v = xmlGetProp(node, (const xmlChar *)"href");
		if (v != NULL)
			return v;
	}
	return xmlNodeGetContent(node);
}

static int
collect(xmlXPathContextPtr ctx, const char *xpath, const char *base,
    const char *self, struct urlset *set, size_t *dropped, struct err *e)
{
	xmlXPathObjectPtr obj =
	    xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlNodeSetPtr ns;
	xmlChar *v;

	if (obj == NULL)
		return err_set(e, "XPath '%.100s' does not evaluate", xpath);
	if (obj->type == XPATH_STRING && obj->stringval != NULL) {
		urlset_add(
		    set, base, (const char *)obj->stringval, self, dropped);
	} else if (obj->type == XPATH_NODESET && obj->nodesetval != NULL) {
		ns = obj->nodesetval;
		for (int i = 0; i < ns->nodeNr && i < LISTPAGE_MAX_NODES; i++) {
			v = node_href(ns->nodeTab[i]);
			if (v == NULL)
				continue;
			urlset_add(set, base, (const char *)v, self, dropped);
			xmlFree(v);
		}
	}
	xmlXPathFreeObject(obj);
	return 0;
}

/* XPath errors are reported through err, not printed by libxml2. */
static void
quiet(void *arg, xmlErrorPtr err)
{
	(void)arg;
	(void)err;
}

/* <base href> resolved against the page URL, or the page URL itself. */
static char *
page_base(xmlXPathContextPtr ctx, const char *url)
{
	xmlXPathObjectPtr obj = xmlXPathEvalExpression(
	    (const xmlChar *)"(//base[@href])[1]/@href", ctx);
	struct err e = {{0}};
	char *base = NULL;
	xmlChar *v;

	if (obj != NULL && obj->type == XPATH_NODESET &&
	    obj->nodesetval != NULL && obj->nodesetval->nodeNr > 0) {
		v = xmlNodeGetContent(obj->nodesetval->nodeTab[0]);
		if (v != NULL &&
		    urlcanon_resolve(url, (const char *)v, &base, &e) == -1)
			base = NULL;
		xmlFree(v);
	}
	xmlXPathFreeObject(obj);
	return base != NULL ? base : xstrdup(url);
}

static int
extract(xmlDocPtr doc, const char *url, const char *items_xpath,
    const char *next_xpath, struct listpage *lp, struct err *e)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	struct urlset items = {&lp->items, &lp->nitems, LISTPAGE_MAX_ITEMS};
	struct urlset next = {&lp->next, &lp->nnext, LISTPAGE_MAX_NEXT};
	struct err ignore = {{0}};
	char *base, *self = NULL;
	int rc;

	if (ctx == NULL)
		return err_set(e, "out of memory");
	ctx->error = quiet;
	base = page_base(ctx, url);
	if (urlcanon_url(url, &self, &ignore) == -1)
		self = xstrdup(url);
	rc = collect(ctx, items_xpath, base, self, &items, &lp->dropped, e);
	if (rc == 0 && next_xpath != NULL)
		rc = collect(
		    ctx, next_xpath, base, self, &next, &lp->dropped, e);
	free(self);
	free(base);
	xmlXPathFreeContext(ctx);
	return rc;
}

int
listpage_parse(const char *html, size_t len, const char *url,
    const char *items_xpath, const char *next_xpath, struct listpage **out,
    struct err *e)
{
	struct listpage *lp;
	xmlDocPtr doc;

	if (len > INT_MAX)
		return err_set(e, "list page of %zu bytes is too large", len);
	doc = htmlReadMemory(html, (int)len, url, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	        HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	if (doc == NULL)
		return err_set(e, "list page %s: no HTML found", url);
	lp = xcalloc(1, sizeof(*lp));
	if (extract(doc, url, items_xpath, next_xpath, lp, e) == -1) {
		listpage_free(lp);
		xmlFreeDoc(doc);
		return -1;
	}
	xmlFreeDoc(doc);
	*out = lp;
	return 0;
}

void
listpage_free(struct listpage *lp)
{
	if (lp == NULL)
		return;
	for (size_t i = 0; i < lp->nitems; i++)
		free(lp->items[i]);
	for (size_t i = 0; i < lp->nnext; i++)
		free(lp->next[i]);
	free(lp->items);
	free(lp->next);
	free(lp);
}
