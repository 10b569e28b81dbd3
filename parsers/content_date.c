/* SPDX-License-Identifier: ISC */
/*
 * The publication date of an article page, most trusted source first: the
 * profile's selector, meta tags (article:published_time, PubDate of
 * Chinese government CMSs, ...), <time datetime>, a labelled date line
 * (发布时间：, 발표 시간:, 등록일), any full date next to the title, a
 * notice's sign-off date line, and last the URL (t20240909_, /202409/,
 * /2024/09/09/). Other dates in the body text are never taken: they are
 * usually an event's, not the article's.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "content_priv.h"
#include "html_priv.h"
#include "text.h"
#include "xmem.h"

#define NV(v)	(v), sizeof(v) / sizeof((v)[0])

/* Date lines are short: longer text nodes are body text. */
#define LABEL_NODE_MAX	300
/* Bytes after a label that may hold its date ("发布时间： 2024年…"). */
#define LABEL_WINDOW	96
/* Code points of text after the title searched for a bare date. */
#define NEAR_TITLE	300

/* Meta names, most specific first; the lowest rank found wins. */
static const char *const meta_names[] = {
	"article:published_time", "og:published_time",
	"og:article:published_time", "article:published", "datepublished",
	"pubdate", "publishdate", "publish_date", "publish-date",
	"publication_date", "pubtime", "firstpublishedtime", "dc.date.issued",
	"dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
	"sailthru.date", "parsely-pub-date", "createdate", "date",
};

/* Labels that announce the page's own date wherever they stand. */
static const char *const date_labels[] = {
	"发布日期", "发布时间", "发表时间", "发稿时间", "發布日期", "發佈時間",
	"發表時間", "발표 시간", "발표시간", "등록일", "작성일", "게시일",
	"Posted on", "Published",
};
/* Generic ones, only at the start of a line (活动时间： is an event's). */
static const char *const date_labels_start[] = {
	"日期", "时间", "時間", "날짜", "일자", "입력", "기사입력", "승인",
	"등록", "Date", "date",
};

static void
head_meta(xmlNodePtr n, struct chead *h)
{
	const xmlChar *key, *val = html_attr(n, "content");
	struct date_ymd d;
	size_t k;

	key = html_attr(n, "property");
	if (key == NULL)
		key = html_attr(n, "name");
	if (key == NULL)
		key = html_attr(n, "itemprop");
	if (key == NULL || val == NULL)
		return;
	if (strcasecmp((const char *)key, "og:title") == 0 && !h->og_title)
		h->og_title = xstrdup((const char *)val);
	else if ((strcasecmp((const char *)key, "og:site_name") == 0 ||
	    strcasecmp((const char *)key, "application-name") == 0) &&
	    !h->site_name)
		h->site_name = xstrdup((const char *)val);
	for (k = 0; k < sizeof(meta_names) / sizeof(meta_names[0]); k++) {
		if ((int)k >= h->date_rank ||
		    strcasecmp((const char *)key, meta_names[k]) != 0)
			continue;
		if (date_find_absolute((const char *)val,
		    strlen((const char *)val), &d)) {
			h->date = d;
			h->date_rank = k;
		}
	}
}

static char *
folded_text(xmlNodePtr n)
{
	struct buf b = {0};
	struct html_render r = {&b, 4096, false, NULL, NULL, HTML_SEP_NONE};
	xmlNodePtr c;

	/* <title> is invisible to html_render: render its text children. */
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			html_render_text(&r, c->content);
	return buf_steal(&b);
}

void
content_head_scan(const struct cpage *p, struct chead *h)
{
	xmlNodePtr n;
	int k;

	memset(h, 0, sizeof(*h));
	h->date_rank = sizeof(meta_names) / sizeof(meta_names[0]);
	for (k = 0; k < p->nheads; k++) {
		n = p->heads[k];
		if (strcmp((const char *)n->name, "meta") == 0)
			head_meta(n, h);
		else if (h->title == NULL)
			h->title = folded_text(n);
	}
}

void
content_head_free(struct chead *h)
{
	free(h->title);
	free(h->og_title);
	free(h->site_name);
}

static bool
date_by_selector(const struct html_doc *d, const char *xpath,
    struct date_ymd *out)
{
	char *s = html_xpath_first(d, xpath);
	bool ok;

	if (s == NULL)
		return false;
	ok = date_find_absolute(s, strlen(s), out);
	free(s);
	return ok;
}

/* The first <time datetime> (or its text) outside page chrome. */
static bool
date_by_time(const struct cpage *p, struct date_ymd *out)
{
	const xmlChar *v;
	int i;

	for (i = 0; i < p->n; i++) {
		if ((p->v[i].flags & (CN_TEXT | CN_SKIP_HARD)) ||
		    strcmp((const char *)p->v[i].n->name, "time") != 0)
			continue;
		v = html_attr(p->v[i].n, "datetime");
		if (v != NULL && date_find_absolute((const char *)v,
		    strlen((const char *)v), out))
			return true;
	}
	return false;
}

/* Text from byte off of text node i on, through following text nodes,
   up to max bytes. */
static void
window(const struct cpage *p, int i, size_t off, size_t max, struct buf *b)
{
	const char *t;
	size_t len;

	buf_reset(b);
	for (; i < p->n && b->len < max; i++) {
		if (!(p->v[i].flags & CN_TEXT))
			continue;
		t = (const char *)p->v[i].n->content;
		len = strlen(t);
		if (off > len)
			off = len;
		len -= off;
		if (len > max - b->len)
			len = max - b->len;
		buf_append(b, t + off, len);
		buf_putc(b, ' ');
		off = 0;
	}
}

/* Where in text node content t a date label starts, or -1. */
static long
label_at(const char *t)
{
	const char *hit;
	size_t k;

	for (k = 0; k < sizeof(date_labels) / sizeof(date_labels[0]); k++) {
		hit = strstr(t, date_labels[k]);
		if (hit != NULL)
			return hit - t;
	}
	if (content_has_label(t, NV(date_labels_start)))
		return 0;
	return -1;
}

static bool
date_by_label_at(const struct cpage *p, int i, struct buf *b,
    struct date_ymd *out)
{
	const char *t;
	long at;

	if (!(p->v[i].flags & CN_TEXT) || (p->v[i].flags & CN_SKIP_HARD))
		return false;
	t = (const char *)p->v[i].n->content;
	if (t == NULL || strlen(t) > LABEL_NODE_MAX)
		return false;
	at = label_at(t);
	if (at < 0)
		return false;
	window(p, i, at, LABEL_WINDOW, b);
	return date_find_absolute(b->data, b->len, out);
}

/* A labelled date line, searched from the title on, then before it. */
static bool
date_by_label(const struct cpage *p, int from, struct date_ymd *out)
{
	struct buf b = {0};
	bool found = false;
	int i;

	if (from < 0)
		from = 0;
	for (i = from; i < p->n && !found; i++)
		found = date_by_label_at(p, i, &b, out);
	for (i = 0; i < from && !found; i++)
		found = date_by_label_at(p, i, &b, out);
	buf_free(&b);
	return found;
}

/* Any full date in the text right after the title (up to the body). */
static bool
date_near_title(const struct cpage *p, int title, struct date_ymd *out)
{
	struct buf b = {0};
	size_t chars = 0;
	bool found;
	int i;

	for (i = p->v[title].end; i < p->n && chars < NEAR_TITLE; i++) {
		if (i == p->body)
			break;
		if (!(p->v[i].flags & CN_TEXT) || p->v[i].chars == 0)
			continue;
		buf_puts(&b, (const char *)p->v[i].n->content);
		buf_putc(&b, ' ');
		chars += p->v[i].chars;
	}
	found = b.len > 0 && date_find_absolute(b.data, b.len, out);
	buf_free(&b);
	return found;
}

/* A notice signed off with its date on the last line ("上海技术交易所\n
   2024年9月25日"): the line must hold nothing but the date. */
static bool
date_signature(const char *text, size_t len, struct date_ymd *out)
{
	struct date_mention *v;
	size_t a = len, n;
	bool ok;

	while (a > 0 && text[a - 1] != '\n')
		a--;
	if (len - a > 40)
		return false;
	n = date_scan(text + a, len - a, NULL, &v);
	ok = n == 1 && v[0].kind == DATE_ABSOLUTE && v[0].date.d &&
	    v[0].start == 0 && v[0].end + 3 >= len - a;
	if (ok)
		*out = v[0].date;
	free(v);
	return ok;
}

void
content_date_find(struct cpage *p, const struct html_doc *d,
    const struct cfg_article *sel, const char *url, int title_node,
    const struct chead *h, struct content *c)
{
	struct date_ymd dt;
	const char *from = NULL;

	if (sel != NULL && sel->date != NULL) {
		if (date_by_selector(d, sel->date, &dt))
			from = "selector";
		else
			c->selector_missed = true;
	}
	if (from == NULL && h->date.y) {
		dt = h->date;
		from = "meta";
	}
	if (from == NULL && date_by_time(p, &dt))
		from = "time";
	if (from == NULL && date_by_label(p, title_node, &dt))
		from = "label";
	if (from == NULL && title_node >= 0 &&
	    date_near_title(p, title_node, &dt))
		from = "near-title";
	if (from == NULL && date_signature(c->text, c->len, &dt))
		from = "signature";
	if (from == NULL && url != NULL && content_url_date(url, &dt))
		from = "url";
	if (from != NULL) {
		c->published = dt;
		c->date_from = from;
	}
}

static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

static bool
ymd_ok(int y, int m, int dd, struct date_ymd *out)
{
	struct date_ymd d = {y, m, dd};

	if (y < 1990 || !date_is_valid(&d))
		return false;
	*out = d;
	return true;
}

/* One path segment: YYYYMMDD..., tYYYYMMDD_..., YYYY-MM-DD, YYYYMM,
   YYYY-MM. */
static bool
segment_date(const char *s, size_t n, struct date_ymd *out)
{
	if (n >= 10 && s[0] == 't' && s[9] == '_' &&
	    ymd_ok(digits(s + 1, 4), digits(s + 5, 2), digits(s + 7, 2), out))
		return true;
	if (n >= 8 && ymd_ok(digits(s, 4), digits(s + 4, 2), digits(s + 6, 2),
	    out) && (n == 8 || s[8] < '0' || s[8] > '9' || n >= 14))
		return true;
	if (n >= 10 && s[4] == '-' && s[7] == '-' && ymd_ok(digits(s, 4),
	    digits(s + 5, 2), digits(s + 8, 2), out))
		return true;
	if (n == 6 && ymd_ok(digits(s, 4), digits(s + 4, 2), 0, out))
		return true;
	return n == 7 && s[4] == '-' && ymd_ok(digits(s, 4), digits(s + 5, 2),
	    0, out);
}

/* Keeps the first month-precision date; true once a day is known. */
static bool
url_keep(const struct date_ymd *d, struct date_ymd *best)
{
	if (d->d) {
		*best = *d;
		return true;
	}
	if (best->y == 0)
		*best = *d;
	return false;
}

bool
content_url_date(const char *url, struct date_ymd *out)
{
	const char *p = strstr(url, "://"), *end, *seg, *next;
	struct date_ymd best = {0, 0, 0}, d;
	int y = -1, m = -1, v;
	size_t n;

	p = p ? strchr(p + 3, '/') : url;
	if (p == NULL)
		return false;
	end = p + strcspn(p, "?#");
	for (seg = p + 1; seg < end; seg = next + 1) {
		next = memchr(seg, '/', end - seg);
		if (next == NULL)
			next = end;
		n = next - seg;
		if (segment_date(seg, n, &d) && url_keep(&d, &best))
			break;
		/* /2024/09/09/ and /2024/09/ as separate segments. */
		v = n == 2 || n == 4 ? digits(seg, n) : -1;
		if (n == 2 && m >= 0 && y >= 0 && ymd_ok(y, m, v, &d) &&
		    url_keep(&d, &best))
			break;
		if (n == 2 && y >= 0 && m < 0 && v >= 1 && v <= 12) {
			m = v;
			if (ymd_ok(y, m, 0, &d))
				url_keep(&d, &best);
		} else if (n == 4 && v >= 1990 && v <= 2100) {
			y = v;
			m = -1;
		} else
			y = m = -1;
	}
	if (best.y == 0)
		return false;
	*out = best;
	return true;
}
