/* SPDX-License-Identifier: ISC */
/*
 * Finding an article's body. The visible tree is flattened once into a
 * pre-order array (struct cpage); boilerplate is flagged by tag, by class
 * and id words, and by the label its text starts with (이전글, 当前位置,
 * 发布时间：); then, readability-style, every block holding at least
 * PARA_MIN characters of its own non-link text credits them to itself (if
 * it is a container), its parent block and half to its grandparent block.
 * The best block after link density and class hints wins, joined by
 * siblings scoring nearly as well. Four linear passes, no recursion.
 */
#include <stdlib.h>
#include <string.h>

#include "content_priv.h"
#include "html_priv.h"
#include "text.h"
#include "xmem.h"

#define PARA_MIN	20	/* own characters for a block to score */
#define LABEL_MAX	200	/* longer elements are never a label line */
#define SIBLING_SHARE	0.2f	/* of the best score, for a sibling to join */
#define SIBLING_MIN	30.0f
#define LINKY_MAX	300	/* a short block ... */
#define LINKY_SHARE	0.5f	/* ... this much link text is a link list */

/* Class/id words (whole words) that mark page chrome. */
static const char *const hard_words[] = {
	"nav", "gnb", "lnb", "snb", "tnb", "menu", "submenu", "footer",
	"foot", "sns", "share", "ad", "ads", "adv", "banner", "prev", "next",
	"prevnext", "pager", "paging", "pagination", "crumb", "crumbs",
	"breadcrumb", "breadcrumbs", "location", "sidebar", "sidenav", "aside",
	"related", "relate", "recommend", "comment", "comments", "reply",
	"weather", "popup", "quick", "skip", "util", "utility", "copyright",
	"copy", "sitemap", "login", "search", "toolbar", "social", "print",
	"fontsize", "font", "tags", "tag", "hot", "rank", "ranking",
	"popular", "qrcode", "qr", "wechat", "weibo", "kakao", "bottom",
	"btm", "widget", "float", "tools", "path", "position", "cookie",
};

/* Substrings of class/id values that mark page chrome ("shareBox"). */
static const char *const hard_parts[] = {
	"share", "breadcrumb", "related", "recommend", "comment", "sidebar",
	"banner", "advert", "popup", "weather", "pagination", "copyright",
	"prev_next", "pre_next", "prevnext", "bdsharebuttonbox", "social",
};

static const char *const header_words[] = {"header", "head", "top",
    "topbar", "masthead", "logo"};

static const char *const soft_words[] = {"notice", "list", "side",
    "left", "board_list", "tab", "more", "latest", "info", "meta"};

static const char *const good_words[] = {"content", "contents", "article",
    "view", "detail", "body", "text", "txt", "cont", "con", "post",
    "entry", "story", "zoom", "editor", "read", "main_content", "news"};
static const char *const good_parts[] = {"content", "article", "allstylediv",
    "trs_editor", "detail", "view_cont", "newstext", "bodytext"};

/* First text of an element that makes it a label line, not content. */
static const char *const labels[] = {
	"이전글", "이전 글", "다음글", "다음 글", "윗글", "아랫글", "이전기사",
	"다음기사", "관련기사", "관련 기사", "관련뉴스", "관련 뉴스",
	"관련 게시물", "공유하기", "현재 위치", "현재위치", "홈 >", "HOME >",
	"Home >", "출처:", "출처 :", "발표 시간", "발표시간", "작성자",
	"작성일", "등록일", "조회수", "조회 수", "게시일", "글쓴이",
	"첨부파일", "첨부 파일", "上一篇", "下一篇", "上一条", "下一条",
	"相关新闻", "相关阅读", "相关链接", "相关文章", "推荐阅读", "热点新闻",
	"分享到", "当前位置", "您的位置", "您现在的位置", "所在位置", "位置：",
	"首页 >", "首页>", "来源：", "来源:", "发布时间", "发布日期", "发布者",
	"作者：", "作者:", "点击数", "浏览次数", "阅读次数", "责任编辑",
	"编辑：", "审核：", "字号", "字体：", "打印本页", "关闭窗口", "附件：",
	"附件:", "發佈時間", "發布日期", "來源：", "上一篇：", "Previous post",
	"Next post", "Related posts", "Related news", "Share this", "Tags:",
	"저작권자", "무단전재", "Copyright", "版权所有", "纠错",
};

bool
content_has_label(const char *s, const char *const *lv, size_t n)
{
	static const char *const lead[] = {"[", "【", "(", "〔", "▶", "·", "•",
	    "■", "□", "◆", "○", "●"};
	size_t k, len = strlen(s), i = 0, j;
	bool more = true;

	while (more && i < len) {
		more = false;
		j = i;
		if (text_is_space(text_utf8_next(s, len, &j))) {
			i = j;
			more = true;
			continue;
		}
		for (k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
			if (s[i] == lead[k][0] &&
			    strncmp(s + i, lead[k], strlen(lead[k])) == 0) {
				i += strlen(lead[k]);
				more = true;
				break;
			}
	}
	/* Labels are at least 3 bytes: compare those inline first. */
	for (k = 0; k < n; k++)
		if (s[i] == lv[k][0] && s[i] && s[i + 1] == lv[k][1] &&
		    s[i + 2] == lv[k][2] &&
		    strncmp(s + i, lv[k], strlen(lv[k])) == 0)
			return true;
	return false;
}

static bool
word_in(const char *w, size_t wl, const char *const *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (v[k][0] == w[0] && strlen(v[k]) == wl &&
		    memcmp(w, v[k], wl) == 0)
			return true;
	return false;
}

static bool
part_in(const char *s, const char *const *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strstr(s, v[k]) != NULL)
			return true;
	return false;
}

#define NV(v)	(v), sizeof(v) / sizeof((v)[0])

/* Appends s lowercased to buf at off, up to cap; returns the new end. */
static size_t
lower_copy(char *buf, size_t off, size_t cap, const xmlChar *s)
{
	for (; s != NULL && *s && off < cap; s++)
		buf[off++] = *s >= 'A' && *s <= 'Z' ? *s + 32 : *s;
	return off;
}

/* Flags from class and id: lowercased, then whole words and parts. */
static uint8_t
classify_attrs(xmlNodePtr n)
{
	const xmlChar *cls = html_attr(n, "class"), *id = html_attr(n, "id");
	char buf[256], *w;
	size_t len = 0, wl;
	uint8_t f = 0;

	if (cls == NULL && id == NULL)
		return 0;
	/* "class id", lowercased and capped: long class lists are noise. */
	len = lower_copy(buf, 0, sizeof(buf) / 2, cls);
	buf[len++] = ' ';
	len = lower_copy(buf, len, sizeof(buf) - 1, id);
	buf[len] = '\0';
	if (part_in(buf, NV(hard_parts)))
		f |= CN_SKIP_HARD;
	if (part_in(buf, NV(good_parts)))
		f |= CN_GOOD;
	for (w = buf; w < buf + len; w += wl + 1) {
		wl = strcspn(w, " \t\n-_.:");
		if (word_in(w, wl, NV(hard_words)))
			f |= CN_SKIP_HARD;
		else if (word_in(w, wl, NV(header_words)))
			f |= CN_SKIP_HEADER;
		else if (word_in(w, wl, NV(soft_words)))
			f |= CN_SOFT;
		else if (word_in(w, wl, NV(good_words)))
			f |= CN_GOOD;
	}
	return f;
}

static uint8_t
classify(xmlNodePtr n, int tf)
{
	if (tf & HTML_TAG_CHROME)
		return CN_SKIP_HARD;
	if (tf & HTML_TAG_HEADER)
		return CN_SKIP_HEADER | classify_attrs(n);
	if (tf & HTML_TAG_ARTICLE)
		return CN_GOOD | classify_attrs(n);
	return classify_attrs(n);
}

/* Non-space code points of a text node. */
static uint32_t
count_chars(const xmlChar *t)
{
	const unsigned char *s = t;
	uint32_t n = 0;

	if (s == NULL)
		return 0;
	for (; *s; s++) {
		if (*s < 0x80)
			n += !(*s == ' ' || (*s >= '\t' && *s <= '\r'));
		else
			n += (*s & 0xC0) != 0x80;
	}
	return n;
}

#define TAG_CACHE	61

struct tag_cache {
	const xmlChar *name[TAG_CACHE];
	int flags[TAG_CACHE];
};

static int
cpage_push(struct cpage *p, xmlNodePtr n, int parent)
{
	struct cnode *c;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	c = &p->v[p->n];
	memset(c, 0, sizeof(*c));
	c->n = n;
	/* For cpage_find: the tree is this page's alone (libxml2 leaves
	 * _private to the application). */
	n->_private = (void *)(intptr_t)(p->n + 1);
	c->parent = parent;
	c->end = p->n + 1;
	c->first = -1;
	c->block = parent >= 0 ? p->v[parent].block : -1;
	c->flags = parent >= 0 ? p->v[parent].flags & (CN_SKIP | CN_LINK) : 0;
	return p->n++;
}

static void
head_keep(struct cpage *p, xmlNodePtr n)
{
	if (p->nheads < CPAGE_HEADS && (strcmp((const char *)n->name,
	    "meta") == 0 || strcmp((const char *)n->name, "title") == 0))
		p->heads[p->nheads++] = n;
}

/* <meta> and <title>, in <head> or (meta) anywhere: the walk does not
   enter invisible elements, so they are noted here for the head scan. */
static void
head_note(struct cpage *p, xmlNodePtr n)
{
	xmlNodePtr c;

	if (strcmp((const char *)n->name, "head") != 0) {
		head_keep(p, n);
		return;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			head_keep(p, c);
}

/* Tag flags through a small cache keyed by the name's first bytes and
   length: libxml2's HTML parser gives every element its own copy of the
   name, and a page uses a few dozen names thousands of times. */
static int
tag_flags(struct tag_cache *tc, const xmlChar *name)
{
	size_t len = strlen((const char *)name), h;

	h = (name[0] + 7u * (len > 1 ? name[1] : 0) + 13u * len) % TAG_CACHE;
	if (tc->name[h] == NULL || strcmp((const char *)tc->name[h],
	    (const char *)name) != 0) {
		tc->name[h] = name;
		tc->flags[h] = html_tag_flags(name);
	}
	return tc->flags[h];
}

/* Adds n to the index; true when the walk should descend into it. */
static bool
build_node(struct cpage *p, struct tag_cache *tc, xmlNodePtr n, int parent,
    int *idx)
{
	struct cnode *c;
	uint8_t f;
	int tf;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (parent < 0)
			return false;
		*idx = cpage_push(p, n, parent);
		c = &p->v[*idx];
		c->flags |= CN_TEXT;
		c->chars = count_chars(n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	tf = tag_flags(tc, n->name);
	if (tf & HTML_TAG_INVISIBLE) {
		head_note(p, n);
		return false;
	}
	*idx = cpage_push(p, n, parent);
	c = &p->v[*idx];
	f = classify(n, tf);
	c->skip = f & CN_SKIP;
	c->flags |= f;
	if (tf & HTML_TAG_LINK)
		c->flags |= CN_LINK;
	if (tf & HTML_TAG_BLOCK) {
		c->flags |= CN_BLOCK;
		c->block = *idx;
	}
	return n->children != NULL;
}

/* Pass 1: the visible tree in pre-order, with inherited flags. */
static void
build_walk(struct cpage *p, xmlNodePtr root)
{
	struct tag_cache tc;
	xmlNodePtr n = root;
	int cur = -1, idx = -1;

	memset(&tc, 0, sizeof(tc));
	while (n != NULL) {
		if (build_node(p, &tc, n, cur, &idx)) {
			cur = idx;
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			p->v[cur].end = p->n;
			cur = p->v[cur].parent;
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* Pass 2 (children first): raw text totals, nested text blocks and first
   text nodes. */
static void
pass_totals(struct cpage *p)
{
	struct cnode *c, *par;
	int i;

	for (i = p->n - 1; i >= 0; i--) {
		c = &p->v[i];
		if ((c->flags & CN_TEXT) && c->chars > 0) {
			c->first = i;
			c->text = c->chars;
		}
		if (c->parent < 0)
			continue;
		par = &p->v[c->parent];
		if (c->inner || ((c->flags & CN_BLOCK) && c->text > 0))
			par->inner = true;
		par->text += c->text;
		if (c->first >= 0 && (par->first < 0 || c->first < par->first))
			par->first = c->first;
	}
}

/* Pass 3 (parents first): label lines, and skip flags inherited. */
static void
pass_labels(struct cpage *p)
{
	struct cnode *c;
	int i;

	for (i = 0; i < p->n; i++) {
		c = &p->v[i];
		if (c->parent >= 0)
			c->flags |= p->v[c->parent].flags & CN_SKIP;
		/* A label line is one short line: a block holding other
		   blocks (a short article after its breadcrumb) is not. */
		if ((c->flags & (CN_TEXT | CN_SKIP)) || c->first < 0 ||
		    c->text > LABEL_MAX || c->inner)
			continue;
		if (content_has_label((const char *)p->v[c->first].n->content,
		    NV(labels))) {
			c->flags |= CN_SKIP_LABEL;
			c->skip |= CN_SKIP_LABEL;
		}
	}
}

/* Blocks that may hold the body themselves (not paragraphs). */
static bool
is_container(xmlNodePtr n)
{
	static const char *const v[] = {"div", "td", "section", "article",
	    "main", "body", "dd", "blockquote", "center", "form"};

	return word_in((const char *)n->name, strlen((const char *)n->name),
	    NV(v));
}

static int
parent_block(const struct cpage *p, int i)
{
	int par = p->v[i].parent;

	return par >= 0 ? p->v[par].block : -1;
}

/* Credits a paragraph's text to the blocks around it. */
static void
credit(struct cpage *p, int i)
{
	struct cnode *c = &p->v[i];
	float s = (float)(c->own - c->ownlink);
	int pb, gb;

	if (c->own < PARA_MIN || c->ownlink * 2 > c->own)
		return;
	if (is_container(c->n))
		c->score += s;
	pb = parent_block(p, i);
	if (pb < 0)
		return;
	p->v[pb].score += s;
	gb = parent_block(p, pb);
	if (gb >= 0)
		p->v[gb].score += s / 2;
}

/* Pass 4 (children first): body-eligible totals and scores. */
static void
pass_scores(struct cpage *p)
{
	struct cnode *c, *par;
	int i;

	for (i = 0; i < p->n; i++) {
		p->v[i].own = p->v[i].ownlink = 0;
		if (!(p->v[i].flags & CN_TEXT))
			p->v[i].text = 0;
	}
	for (i = p->n - 1; i >= 0; i--) {
		c = &p->v[i];
		if (c->flags & CN_SKIP)
			continue;
		if (c->flags & CN_TEXT) {
			c->text = c->chars;
			if (c->block >= 0) {
				p->v[c->block].own += c->chars;
				if (c->flags & CN_LINK)
					p->v[c->block].ownlink += c->chars;
			}
		} else if (c->flags & CN_BLOCK)
			credit(p, i);
		if (c->flags & CN_LINK)
			c->link = c->text;
		if (c->parent < 0)
			continue;
		par = &p->v[c->parent];
		par->text += c->text;
		par->link += c->link;
	}
}

void
cpage_build(struct cpage *p, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	memset(p, 0, sizeof(*p));
	p->doc = doc;
	p->body = -1;
	if (root != NULL)
		build_walk(p, root);
	pass_totals(p);
	pass_labels(p);
	pass_scores(p);
}

void
cpage_free(struct cpage *p)
{
	free(p->v);
	free(p->sel);
}

/*
 * cpage_push numbered the page's nodes in their _private field: no table
 * sorted by address (its qsort was ~1 % of a crawl's CPU). A node of the
 * tree that the walk skipped has none.
 */
int
cpage_find(struct cpage *p, xmlNodePtr n)
{
	intptr_t i;

	if (n == NULL || n->_private == NULL)
		return -1;
	i = (intptr_t)n->_private - 1;
	if (i < 0 || i >= p->n || p->v[i].n != n)
		return -1;
	return (int)i;
}

/* The score a block competes with: link density and class hints. */
static float
final_score(const struct cnode *c)
{
	float s = c->score;

	if (c->text == 0 || (c->flags & (CN_SKIP | CN_TEXT)))
		return 0;
	s *= 1.0f - (float)c->link / (float)c->text;
	if (c->flags & CN_GOOD)
		s *= 1.25f;
	if (c->flags & CN_SOFT)
		s *= 0.3f;
	return s;
}

static void
sel_add(struct cpage *p, int i)
{
	p->sel = xreallocarray(p->sel, p->nsel + 1, sizeof(int));
	p->sel[p->nsel++] = i;
}

/* A paragraph sibling of the body that readers would count as body. */
static bool
sibling_joins(const struct cpage *p, int j, float best)
{
	const struct cnode *c = &p->v[j];
	float f = final_score(c);

	if (c->flags & (CN_TEXT | CN_SKIP))
		return false;
	if (f >= best * SIBLING_SHARE && f >= SIBLING_MIN)
		return true;
	return strcmp((const char *)c->n->name, "p") == 0 &&
	    c->own >= 80 && c->ownlink * 4 < c->own;
}

void
cpage_pick_body(struct cpage *p)
{
	float best = 0, f;
	int i, j, par;

	for (i = 0; i < p->n; i++) {
		f = final_score(&p->v[i]);
		/* Ties go to the deeper block: the tighter fit. */
		if (f > 0 && f >= best) {
			best = f;
			p->body = i;
		}
	}
	if (p->body < 0)
		return;
	par = p->v[p->body].parent;
	if (par < 0) {
		sel_add(p, p->body);
		return;
	}
	for (j = par + 1; j < p->v[par].end; j = p->v[j].end)
		if (j == p->body || sibling_joins(p, j, best))
			sel_add(p, j);
}

char *
cpage_text(const struct cpage *p, int i, size_t max)
{
	struct buf b = {0};
	struct html_render r = {&b, max, false, NULL, NULL, HTML_SEP_NONE};

	html_render(&r, p->v[i].n);
	return buf_steal(&b);
}

static bool
is_heading(xmlNodePtr n)
{
	const char *s = (const char *)n->name;

	return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0';
}

/* Left out of the body: chrome, link lists, the title repeated. */
static bool
render_drops(const struct cpage *p, int j, int top, const char *title)
{
	const struct cnode *c = &p->v[j];
	bool same;
	char *t;

	/* Only the subtree's own chrome counts: a selector may pick a block
	   inside chrome (an article in <header>, a date line). */
	if (j != top && c->skip)
		return true;
	if (j != top && (c->flags & CN_BLOCK) && c->text < LINKY_MAX &&
	    c->link > 0 && (float)c->link >= LINKY_SHARE * (float)c->text)
		return true;
	if (title == NULL || !is_heading(c->n))
		return false;
	t = cpage_text(p, j, 4096);
	same = strcmp(t, title) == 0;
	free(t);
	return same;
}

struct rstack {
	int *v;
	int n, cap;
};

static void
render_block(const struct cpage *p, int top, const char *title,
    struct html_render *r, struct rstack *st)
{
	const struct cnode *c;
	int j = top;

	st->n = 0;
	while (j < p->v[top].end && r->out->len < r->max) {
		while (st->n > 0 && p->v[st->v[st->n - 1]].end <= j)
			html_render_element(r, p->v[st->v[--st->n]].n);
		c = &p->v[j];
		if (c->flags & CN_TEXT) {
			html_render_text(r, c->n->content);
			j++;
			continue;
		}
		if (render_drops(p, j, top, title)) {
			j = c->end;
			continue;
		}
		html_render_element(r, c->n);
		/* Elements with nothing inside (br, hr) owe no closing. */
		if (c->end == j + 1) {
			j++;
			continue;
		}
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 32;
			st->v = xreallocarray(st->v, st->cap, sizeof(int));
		}
		st->v[st->n++] = j++;
	}
	while (st->n > 0)
		html_render_element(r, p->v[st->v[--st->n]].n);
}

char *
cpage_render(const struct cpage *p, const int *sel, int nsel,
    const char *title, size_t *len)
{
	struct buf b = {0};
	struct html_render r = {&b, CONTENT_MAX_TEXT, true, NULL, NULL,
	    HTML_SEP_NONE};
	struct rstack st = {NULL, 0, 0};
	int k;

	for (k = 0; k < nsel; k++) {
		render_block(p, sel[k], title, &r, &st);
		if (r.pending < HTML_SEP_PARA)
			r.pending = HTML_SEP_PARA;
	}
	free(st.v);
	*len = b.len;
	return buf_steal(&b);
}
