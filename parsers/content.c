/* SPDX-License-Identifier: ISC */
/*
 * An article page's title, date and body (see content.h). This file holds
 * the entry point and the title; content_body.c finds and renders the
 * body, content_date.c the date. A heading is trusted when it agrees with
 * og:title or <title> (which carry the site name, so they only confirm)
 * or sits right above the body; Korean boards often title every page with
 * the board's name, so <title> alone comes last.
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "content_priv.h"
#include "html_priv.h"
#include "text.h"
#include "xmem.h"

#define NV(v)	(v), sizeof(v) / sizeof((v)[0])

#define TITLE_MIN	4	/* code points of a heading worth a look */
#define TITLE_MAX	300
#define TITLE_CANDS	64	/* headings examined, bounded for hostile pages */
#define SITE_SEG_MAX	30	/* a trailing title segment this short is chrome */

/* Separators between a title and the site name, longest first. */
static const char *const title_seps[] = {
	" :: ", " - ", " – ", " — ", " | ", " ｜ ", " > ", " » ", " « ",
	"｜", "|", "_",
};

static const char *const title_words[] = {"title", "tit", "subject",
    "headline", "heading", "subj"};

struct tseg {
	size_t a, z;		/* byte range of the segment */
	bool pipe;		/* the separator after it is a | or :: */
};

static bool
word_is(const char *w, size_t wl)
{
	size_t k;

	for (k = 0; k < sizeof(title_words) / sizeof(title_words[0]); k++)
		if (strlen(title_words[k]) == wl &&
		    strncasecmp(w, title_words[k], wl) == 0)
			return true;
	return false;
}

static size_t
cplen(const char *s, size_t a, size_t z)
{
	return text_cp_len(s + a, z - a);
}

static bool
is_han_cp(uint32_t c)
{
	return c >= 0x4E00 && c <= 0x9FFF;
}

/* Is the '-' at byte i between two Han characters (标题-北京市科委)? */
static bool
han_dash(const char *s, size_t len, size_t i)
{
	size_t j = i + 1, k;

	if (s[i] != '-' || i < 3 || j >= len)
		return false;
	k = i - 3;
	return is_han_cp(text_utf8_next(s, len, &k)) && k == i &&
	    is_han_cp(text_utf8_next(s, len, &j));
}

static size_t
title_sep_at(const char *s, size_t len, size_t i, bool *pipe)
{
	size_t k, sl;

	for (k = 0; k < sizeof(title_seps) / sizeof(title_seps[0]); k++) {
		sl = strlen(title_seps[k]);
		if (strncmp(s + i, title_seps[k], sl) == 0) {
			*pipe = strstr(title_seps[k], "|") != NULL ||
			    strstr(title_seps[k], "::") != NULL ||
			    strstr(title_seps[k], "｜") != NULL;
			return sl;
		}
	}
	*pipe = false;
	return han_dash(s, len, i) ? 1 : 0;
}

static size_t
title_split(const char *s, size_t len, struct tseg *v, size_t max)
{
	size_t i = 0, n = 0, sl, start = 0;
	bool pipe;

	while (i < len && n + 1 < max) {
		sl = title_sep_at(s, len, i, &pipe);
		if (sl == 0) {
			i++;
			continue;
		}
		v[n].a = start;
		v[n].z = i;
		v[n].pipe = pipe;
		n++;
		i += sl;
		start = i;
	}
	v[n].a = start;
	v[n].z = len;
	v[n].pipe = false;
	return n + 1;
}

/* s without a leading or trailing site name and its separator. */
static void
strip_site(const char *s, size_t *a, size_t *z, const char *site)
{
	size_t sl = site ? strlen(site) : 0;

	if (sl == 0 || *z - *a <= sl)
		return;
	if (memcmp(s + *z - sl, site, sl) == 0) {
		*z -= sl;
		while (*z > *a && strchr(" -|_:>»–—", s[*z - 1]) != NULL)
			(*z)--;
	} else if (memcmp(s + *a, site, sl) == 0) {
		*a += sl;
		while (*a < *z && strchr(" -|_:>»–—", s[*a]) != NULL)
			(*a)++;
	}
}

static char *
fold(const char *s)
{
	struct buf b = {0};
	struct html_render r = {&b, 4096, false, NULL, NULL, HTML_SEP_NONE};

	html_render_text(&r, (const xmlChar *)s);
	return buf_steal(&b);
}

char *
content_title_clean(const char *title, const char *site_name)
{
	struct tseg v[16];
	char *t = fold(title), *site = site_name ? fold(site_name) : NULL;
	char *r;
	size_t a = 0, z = strlen(t), n;

	strip_site(t, &a, &z, site);
	n = title_split(t + a, z - a, v, 16);
	/* Trailing segments short enough to be a site or board name, and
	   no longer than what they follow. */
	while (n > 1 && cplen(t + a, v[n - 1].a, v[n - 1].z) <= SITE_SEG_MAX &&
	    cplen(t + a, v[n - 1].a, v[n - 1].z) <=
	    cplen(t + a, v[0].a, v[n - 2].z))
		n--;
	z = a + v[n - 1].z;
	/* A leading site name before '|': "KIC중국 | 제목". */
	if (n > 1 && v[0].pipe && cplen(t + a, v[0].a, v[0].z) * 2 <
	    cplen(t + a, v[1].a, v[n - 1].z))
		a += v[1].a;
	r = xstrndup(t + a, z - a);
	free(t);
	free(site);
	return r;
}

static bool
has_title_class(xmlNodePtr n)
{
	const xmlChar *attrs[2] = {html_attr(n, "class"), html_attr(n, "id")};
	const char *w;
	size_t k, wl;

	for (k = 0; k < 2; k++) {
		if (attrs[k] == NULL)
			continue;
		for (w = (const char *)attrs[k]; *w; w += wl + (w[wl] != '\0')) {
			wl = strcspn(w, " \t\n-_");
			if (word_is(w, wl))
				return true;
		}
	}
	return false;
}

/* What a heading is compared with: og:title and <title>, cleaned. */
struct tref {
	char *clean[2];
	size_t len[2];		/* code points */
};

static bool
title_agrees(const struct tref *t, const char *cand, size_t n)
{
	size_t k;

	for (k = 0; k < 2; k++) {
		if (t->clean[k] == NULL || t->len[k] == 0)
			continue;
		if (strcmp(cand, t->clean[k]) == 0)
			return true;
		if (strstr(t->clean[k], cand) != NULL && n * 2 >= t->len[k])
			return true;
		if (strstr(cand, t->clean[k]) != NULL && t->len[k] >= 6)
			return true;
	}
	return false;
}

/* Is node i just above the body, or the body's first line? */
static bool
near_body(const struct cpage *p, int i)
{
	int b = p->body, a = b, k;

	if (b < 0)
		return false;
	for (k = 0; k < 3 && p->v[a].parent >= 0; k++)
		a = p->v[a].parent;
	if (i >= a && i < b)
		return i < p->v[a].end;
	return i >= b && i < p->v[b].end && p->v[b].first >= 0 &&
	    p->v[i].first == p->v[b].first;
}

/* The cell after a "제목" / "标题" header cell, as board tables show the
   title: <tr><th>제목</th><td>TITLE</td></tr>. */
static bool
after_title_label(xmlNodePtr n)
{
	static const char *const labels[] = {"제목", "标题", "標題", "题目",
	    "主题", "Title", "Subject", "제목:", "标题：", "标题:"};
	struct buf b = {0};
	struct html_render r = {&b, 32, false, NULL, NULL, HTML_SEP_NONE};
	xmlNodePtr prev = n->prev;
	size_t k;
	bool yes = false;

	while (prev != NULL && prev->type != XML_ELEMENT_NODE)
		prev = prev->prev;
	if (prev == NULL || prev->children == NULL)
		return false;
	html_render(&r, prev);
	for (k = 0; k < sizeof(labels) / sizeof(labels[0]) && b.data; k++)
		yes |= strcmp(b.data, labels[k]) == 0;
	buf_free(&b);
	return yes;
}

static bool
is_title_node(const struct cpage *p, int i)
{
	const struct cnode *c = &p->v[i];
	const char *s;

	if (c->flags & (CN_TEXT | CN_SKIP_HARD | CN_SKIP_LABEL))
		return false;
	s = (const char *)c->n->name;
	if (s[0] == 'h' && s[1] >= '1' && s[1] <= '4' && s[2] == '\0')
		return true;
	if ((strcmp(s, "td") == 0 || strcmp(s, "dd") == 0) &&
	    after_title_label(c->n))
		return true;
	return has_title_class(c->n);
}

static int
heading_score(const struct cpage *p, const struct tref *t, int i,
    const char *text, size_t n)
{
	const char *s = (const char *)p->v[i].n->name;
	int score = 0;

	if (strcmp(s, "h1") == 0 || strcmp(s, "h2") == 0 ||
	    strcmp(s, "td") == 0 || strcmp(s, "dd") == 0 ||
	    has_title_class(p->v[i].n))
		score += 1;
	if (near_body(p, i))
		score += 2;
	if (title_agrees(t, text, n))
		score += n >= 10 ? 3 : 1;
	return score;
}

/* The best heading: its score, *node and an owned *text. */
static int
best_heading(const struct cpage *p, const struct tref *t, int *node,
    char **text)
{
	int i, score, best = 0, seen = 0;
	size_t n;
	char *s;

	*node = -1;
	*text = NULL;
	for (i = 0; i < p->n && seen < TITLE_CANDS; i++) {
		if (!is_title_node(p, i))
			continue;
		s = cpage_text(p, i, 4 * TITLE_MAX);
		n = text_cp_len(s, strlen(s));
		if (n < TITLE_MIN || n > TITLE_MAX) {
			free(s);
			continue;
		}
		seen++;
		score = heading_score(p, t, i, s, n);
		/* Ties go to the heading closest above the body. */
		if (score < best || (score == best && (score == 0 ||
		    (p->body >= 0 && i > p->body)))) {
			free(s);
			continue;
		}
		free(*text);
		*text = s;
		*node = i;
		best = score;
	}
	return best;
}

static char *
nonempty(char *s)
{
	if (s != NULL && *s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Generic title (see the top of the file for the order of trust). */
static void
title_generic(const struct cpage *p, const struct chead *h,
    struct content *c, int *node)
{
	struct tref t = {{NULL, NULL}, {0, 0}};
	char *text;
	int score, k;

	if (h->og_title)
		t.clean[0] = nonempty(content_title_clean(h->og_title,
		    h->site_name));
	if (h->title)
		t.clean[1] = nonempty(content_title_clean(h->title,
		    h->site_name));
	for (k = 0; k < 2; k++)
		if (t.clean[k])
			t.len[k] = text_cp_len(t.clean[k], strlen(t.clean[k]));
	score = best_heading(p, &t, node, &text);
	if (score >= 3 || (score >= 2 && t.clean[0] == NULL)) {
		c->title = text;
		c->title_from = "heading";
		text = NULL;
	} else if (t.clean[0] || t.clean[1]) {
		k = t.clean[0] ? 0 : 1;
		c->title = t.clean[k];
		t.clean[k] = NULL;
		c->title_from = k == 0 ? "og:title" : "title";
	} else if (text != NULL) {
		c->title = text;
		c->title_from = "heading";
		text = NULL;
	}
	free(text);
	free(t.clean[0]);
	free(t.clean[1]);
}

static void
title_find(struct cpage *p, const struct html_doc *d,
    const struct cfg_article *sel, const struct chead *h,
    struct content *c, int *node)
{
	char *s;

	*node = -1;
	if (sel != NULL && sel->title != NULL) {
		s = html_xpath_first(d, sel->title);
		if (s != NULL) {
			c->title = s;
			c->title_from = "selector";
			return;
		}
		c->selector_missed = true;
	}
	title_generic(p, h, c, node);
}

static void
xpath_silent(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The profile's body blocks as page indices, document order, none nested
   in another. Returns how many; *out owned. */
static int
body_by_selector(struct cpage *p, const char *xpath, int **out)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(p->doc);
	xmlXPathObjectPtr o = NULL;
	int *v = NULL, n = 0, k, i, kept = 0;

	if (ctx != NULL) {
		ctx->error = xpath_silent;
		o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
		xmlXPathFreeContext(ctx);
	}
	if (o != NULL && o->type == XPATH_NODESET && o->nodesetval != NULL &&
	    o->nodesetval->nodeNr > 0) {
		v = xreallocarray(NULL, o->nodesetval->nodeNr, sizeof(int));
		for (k = 0; k < o->nodesetval->nodeNr; k++) {
			i = cpage_find(p, o->nodesetval->nodeTab[k]);
			if (i >= 0 && !(p->v[i].flags & CN_TEXT))
				v[n++] = i;
		}
	}
	xmlXPathFreeObject(o);
	if (n > 1)
		qsort(v, n, sizeof(int), cmp_int);
	for (k = 0; k < n; k++)
		if (kept == 0 || v[k] >= p->v[v[kept - 1]].end)
			v[kept++] = v[k];
	*out = v;
	return kept;
}

static void
body_find(struct cpage *p, const struct cfg_article *sel,
    struct content *c)
{
	int *v = NULL, n = 0, root = 0;

	if (sel != NULL && sel->body != NULL) {
		n = body_by_selector(p, sel->body, &v);
		if (n > 0) {
			c->text = cpage_render(p, v, n, c->title, &c->len);
			c->text_from = "selector";
			free(v);
			if (c->len > 0)
				return;
			free(c->text);
			c->text = NULL;
		} else
			free(v);
		c->selector_missed = true;
	}
	c->text_from = "generic";
	if (p->nsel > 0)
		c->text = cpage_render(p, p->sel, p->nsel, c->title, &c->len);
	else if (p->n > 0)
		c->text = cpage_render(p, &root, 1, c->title, &c->len);
	else
		c->text = xstrdup("");
}

struct content *
content_extract(const struct html_doc *d, const struct cfg_article *sel,
    const char *url)
{
	struct content *c = xcalloc(1, sizeof(*c));
	struct cpage p;
	struct chead h;
	int title_node;

	cpage_build(&p, html_doc_xml(d));
	content_head_scan(&p, &h);
	cpage_pick_body(&p);
	title_find(&p, d, sel, &h, c, &title_node);
	body_find(&p, sel, c);
	content_date_find(&p, d, sel, url, title_node, &h, c);
	content_head_free(&h);
	cpage_free(&p);
	return c;
}

void
content_free(struct content *c)
{
	if (c == NULL)
		return;
	free(c->title);
	free(c->text);
	free(c);
}
