/* SPDX-License-Identifier: ISC */
/*
 * The digest's two pictures as inline SVG: a weekly bar chart of events
 * and MOUs, and the organisation network on a circle (nodes in class
 * order, so the same data always gives the same picture). Text reaches
 * the SVG only through esc_html; there are no scripts, no event handlers
 * and no external references, so the page works offline and hostile
 * names stay text.
 */
#include "digest.h"

#include <math.h>
#include <string.h>

#include "esc.h"

#define TL_HEIGHT 150		/* plot area of the timeline */
#define TL_LEFT 36
#define TL_BOTTOM 40
#define NET_SIZE 960
#define NET_RADIUS 260
#define NET_LABEL_COLS 26	/* display columns of a node label */

static const char *const class_colour[] = {"#1f6fb2", "#c0392b", "#e08e0b",
	"#7f8c8d", "#b0b0b0"};
static const char *const class_name[] = {"Korean side", "risk-tagged",
	"other Chinese", "other", "unverified (not in the gazetteer)"};

/* Escaped, terminal-clean text cut to cols display columns. */
static void
label(struct buf *b, const char *s, size_t cols)
{
	struct buf t = {0};

	esc_term_fit(&t, s, cols, false);
	esc_html(b, t.data);
	buf_free(&t);
}

static int
week_max(const struct digest *d)
{
	int m = 1;

	for (size_t i = 0; i < d->nweeks; i++)
		if (d->weeks[i].events + d->weeks[i].mous > m)
			m = d->weeks[i].events + d->weeks[i].mous;
	return m;
}

static void
week_bar(struct buf *b, const struct digest_week *w, double x, double bw,
    int max)
{
	double he = TL_HEIGHT * w->events / (double)max;
	double hm = TL_HEIGHT * w->mous / (double)max;
	double base = 10 + TL_HEIGHT;

	buf_printf(b, "<g><title>week of %s: %d event%s, %d MOU%s</title>",
	    w->start, w->events, w->events == 1 ? "" : "s", w->mous,
	    w->mous == 1 ? "" : "s");
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		      "height=\"%.1f\" fill=\"#1f6fb2\"/>",
	    x, base - he, bw * 0.8, he);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		      "height=\"%.1f\" fill=\"#e08e0b\"/></g>\n",
	    x, base - he - hm, bw * 0.8, hm);
}

void
digest_svg_timeline(struct buf *b, const struct digest *d)
{
	double bw, width;
	int max = week_max(d);

	if (d->nweeks == 0)
		return;
	bw = 720.0 / (double)d->nweeks;
	bw = bw < 4 ? 4 : bw > 40 ? 40 : bw;
	width = TL_LEFT + bw * (double)d->nweeks + 20;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		      "class=\"timeline\" width=\"%.0f\" height=\"%d\" "
		      "viewBox=\"0 0 %.0f %d\" role=\"img\" aria-label=\"events "
		      "and MOUs per week\">\n",
	    width, TL_HEIGHT + TL_BOTTOM + 10, width,
	    TL_HEIGHT + TL_BOTTOM + 10);
	buf_printf(b, "<text x=\"0\" y=\"18\" class=\"axis\">%d</text>"
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" "
		      "stroke=\"#999\"/>\n",
	    max, TL_LEFT - 4, 10 + TL_HEIGHT, width - 10, 10 + TL_HEIGHT);
	for (size_t i = 0; i < d->nweeks; i++) {
		double x = TL_LEFT + bw * (double)i;

		week_bar(b, &d->weeks[i], x, bw, max);
		/* Label the first week of each month. */
		if (i == 0 || strcmp(d->weeks[i].month,
		    d->weeks[i - 1].month) != 0)
			buf_printf(b, "<text x=\"%.1f\" y=\"%d\" "
				      "class=\"axis\">%s</text>\n",
			    x, TL_HEIGHT + 28, d->weeks[i].month);
	}
	buf_puts(b, "</svg>\n");
}

static void
node_xy(size_t i, size_t n, double *x, double *y)
{
	double a = 2 * M_PI * (double)i / (double)n - M_PI / 2;

	*x = NET_SIZE / 2.0 + NET_RADIUS * cos(a);
	*y = NET_SIZE / 2.0 + NET_RADIUS * sin(a);
}

static void
edges(struct buf *b, const struct digest *d)
{
	double x1, y1, x2, y2;

	for (size_t i = 0; i < d->nedges; i++) {
		const struct digest_edge *e = &d->edges[i];

		node_xy(e->a, d->nnodes, &x1, &y1);
		node_xy(e->b, d->nnodes, &x2, &y2);
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			      "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\""
			      "%s/>\n",
		    x1, y1, x2, y2, e->mou ? "#444" : "#9aa",
		    1 + log((double)e->weight) * 1.5,
		    e->mou ? "" : " stroke-dasharray=\"4 3\"");
	}
}

static void
nodes(struct buf *b, const struct digest *d)
{
	double x, y, a;

	for (size_t i = 0; i < d->nnodes; i++) {
		const struct digest_node *n = &d->nodes[i];
		int deg = n->degree > 12 ? 12 : n->degree;

		node_xy(i, d->nnodes, &x, &y);
		a = 2 * M_PI * (double)i / (double)d->nnodes - M_PI / 2;
		buf_puts(b, "<g><title>");
		esc_html(b, n->canonical);
		buf_puts(b, " (");
		esc_html(b, n->tags ? n->tags : "no tags");
		buf_printf(b, ")</title><circle cx=\"%.1f\" cy=\"%.1f\" "
			      "r=\"%d\" fill=\"%s\"/>",
		    x, y, 5 + deg, class_colour[digest_node_class(n)]);
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
			      "class=\"node\">",
		    NET_SIZE / 2.0 + (NET_RADIUS + 22) * cos(a),
		    NET_SIZE / 2.0 + (NET_RADIUS + 22) * sin(a) + 4,
		    cos(a) < -0.1 ? "end" : cos(a) > 0.1 ? "start" : "middle");
		label(b, n->canonical, NET_LABEL_COLS);
		buf_puts(b, "</text></g>\n");
	}
}

static void
legend(struct buf *b)
{
	for (int i = 0; i < 5; i++)
		buf_printf(b, "<circle cx=\"14\" cy=\"%d\" r=\"6\" fill=\"%s\"/>"
			      "<text x=\"26\" y=\"%d\" class=\"axis\">%s</text>\n",
		    16 + 18 * i, class_colour[i], 20 + 18 * i, class_name[i]);
	buf_printf(b, "<line x1=\"8\" y1=\"%d\" x2=\"22\" y2=\"%d\" "
		      "stroke=\"#444\" stroke-width=\"2\"/><text x=\"26\" "
		      "y=\"%d\" class=\"axis\">MOU</text>\n",
	    16 + 18 * 5, 16 + 18 * 5, 20 + 18 * 5);
	buf_printf(b, "<line x1=\"8\" y1=\"%d\" x2=\"22\" y2=\"%d\" "
		      "stroke=\"#9aa\" stroke-dasharray=\"4 3\"/><text x=\"26\" "
		      "y=\"%d\" class=\"axis\">event</text>\n",
	    16 + 18 * 6, 16 + 18 * 6, 20 + 18 * 6);
}

void
digest_svg_network(struct buf *b, const struct digest *d)
{
	if (d->nnodes == 0)
		return;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		      "class=\"network\" width=\"%d\" height=\"%d\" "
		      "viewBox=\"0 0 %d %d\" role=\"img\" aria-label="
		      "\"organisations linked by events and MOUs\">\n",
	    NET_SIZE, NET_SIZE, NET_SIZE, NET_SIZE);
	edges(b, d);
	nodes(b, d);
	legend(b);
	buf_puts(b, "</svg>\n");
}
