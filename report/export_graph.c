/* SPDX-License-Identifier: ISC */
/*
 * export graph: organisations linked by shared events and MOUs, as DOT
 * (Graphviz) or GraphML (Gephi, yEd). Built with the digest's network
 * code over the whole period asked (default: everything) without its
 * node cap. Names are escaped for each syntax: DOT quoted strings, XML
 * text and attributes.
 */
#include "export.h"

#include <stdint.h>
#include <string.h>

#include "digest.h"
#include "esc.h"

static const char *const class_colour[] = {"#1f6fb2", "#c0392b", "#e08e0b",
	"#7f8c8d", "#b0b0b0"};
static const char *const class_name[] = {"korean", "risk", "chinese",
	"other", "unverified"};

/* A DOT quoted string: \ and " escaped, controls dropped. */
static void
dot_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; s != NULL && *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			continue;
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
dot(struct buf *b, const struct digest *d)
{
	buf_puts(b, "graph kicwatch {\n  graph [overlap=false, "
		    "splines=true];\n  node [shape=ellipse, style=filled, "
		    "fontname=\"sans\"];\n");
	for (size_t i = 0; i < d->nnodes; i++) {
		const struct digest_node *n = &d->nodes[i];
		int k = digest_node_class(n);

		buf_printf(b, "  n%zu [label=", i);
		dot_str(b, n->canonical);
		buf_puts(b, ", tags=");
		dot_str(b, n->tags);
		buf_puts(b, ", country=");
		dot_str(b, n->country);
		buf_printf(b, ", class=\"%s\", fillcolor=\"%s\"];\n",
		    class_name[k], class_colour[k]);
	}
	for (size_t i = 0; i < d->nedges; i++)
		buf_printf(b, "  n%zu -- n%zu [weight=%d, penwidth=%d%s];\n",
		    d->edges[i].a, d->edges[i].b, d->edges[i].weight,
		    d->edges[i].weight > 5 ? 5 : d->edges[i].weight,
		    d->edges[i].mou ? ", mou=true" : ", style=dashed");
	buf_puts(b, "}\n");
}

static void
graphml_data(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, "<data key=\"%s\">", key);
	esc_html(b, v);
	buf_puts(b, "</data>");
}

static void
graphml(struct buf *b, const struct digest *d)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
		    "<key id=\"label\" for=\"node\" attr.name=\"label\" "
		    "attr.type=\"string\"/>\n<key id=\"tags\" for=\"node\" "
		    "attr.name=\"tags\" attr.type=\"string\"/>\n<key "
		    "id=\"country\" for=\"node\" attr.name=\"country\" "
		    "attr.type=\"string\"/>\n<key id=\"class\" for=\"node\" "
		    "attr.name=\"class\" attr.type=\"string\"/>\n<key "
		    "id=\"weight\" for=\"edge\" attr.name=\"weight\" "
		    "attr.type=\"int\"/>\n<key id=\"mou\" for=\"edge\" "
		    "attr.name=\"mou\" attr.type=\"boolean\"/>\n"
		    "<graph id=\"kicwatch\" edgedefault=\"undirected\">\n");
	for (size_t i = 0; i < d->nnodes; i++) {
		const struct digest_node *n = &d->nodes[i];

		buf_printf(b, "<node id=\"n%zu\">", i);
		graphml_data(b, "label", n->canonical);
		graphml_data(b, "tags", n->tags);
		graphml_data(b, "country", n->country);
		graphml_data(b, "class", class_name[digest_node_class(n)]);
		buf_puts(b, "</node>\n");
	}
	for (size_t i = 0; i < d->nedges; i++)
		buf_printf(b, "<edge source=\"n%zu\" target=\"n%zu\"><data "
			      "key=\"weight\">%d</data><data key=\"mou\">%s"
			      "</data></edge>\n",
		    d->edges[i].a, d->edges[i].b, d->edges[i].weight,
		    d->edges[i].mou ? "true" : "false");
	buf_puts(b, "</graph>\n</graphml>\n");
}

static int
graph_run(struct export_ctx *x, struct err *e)
{
	struct digest *d = NULL;
	bool xml;

	if (x->format != NULL && strcmp(x->format, "dot") != 0 &&
	    strcmp(x->format, "graphml") != 0)
		return err_set(e, "graph: --format: expected dot|graphml, got "
				  "'%s'", x->format);
	xml = x->format != NULL && strcmp(x->format, "graphml") == 0;
	if (digest_collect(x->s, x->f->since ? x->f->since : "0000-01-01",
		x->f->until ? x->f->until : "9999-12-31", x->f->run_id,
		SIZE_MAX, &d, e) == -1)
		return -1;
	if (xml)
		graphml(x->b, d);
	else
		dot(x->b, d);
	x->count = (int64_t)d->nnodes;
	digest_free(d);
	return query_out_flush(x->b, x->out, e);
}

const struct export_ops export_graph = {
	.name = "graph",
	.what = "the organisation network as DOT or GraphML (--format)",
	.binary = false,
	.run = graph_run,
};
