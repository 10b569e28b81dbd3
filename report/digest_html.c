/* SPDX-License-Identifier: ISC */
/*
 * The digest as one self-contained HTML page: inline CSS, inline SVG, no
 * script and no external resource, so it opens offline and from a mail
 * attachment. Scraped text goes through esc_html, links through
 * esc_html_href (http and https only); a Content-Security-Policy that
 * allows no script at all backs the escaping up.
 */
#include "digest.h"

#include "esc.h"

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
    "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n<title>kicwatch digest</title>\n<style>\n"
    "body{font-family:system-ui,'Noto Sans CJK KR','Noto Sans CJK SC',"
    "sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.45}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;"
    "padding-bottom:.2em;margin-top:1.8em}\n"
    ".meta{color:#666}.summary{font-size:1.1em;background:#f4f7fb;"
    "padding:.8em 1em;border-radius:6px}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92em}"
    "th,td{border-bottom:1px solid #e5e5e5;padding:.35em .5em;"
    "text-align:left;vertical-align:top}th{background:#fafafa}\n"
    ".item{margin:.8em 0;padding:.6em .8em;border-left:4px solid #1f6fb2;"
    "background:#fbfbfb}.item.mou{border-color:#e08e0b}\n"
    ".ev{color:#555;font-size:.92em;margin:.3em 0}"
    ".tag{display:inline-block;font-size:.78em;padding:0 .4em;"
    "margin-left:.3em;border-radius:3px;background:#eee}\n"
    ".risk{background:#fbe3e0;color:#8e2a1d}.new{background:#fff4d6}\n"
    "svg{max-width:100%;height:auto}svg .axis{font-size:11px;fill:#555}"
    "svg .node{font-size:12px;fill:#222}\n"
    "</style></head><body>\n";

static void
tags(struct buf *b, const char *list)
{
	const char *p, *q;
	struct buf t = {0};

	for (p = list; p != NULL && *p != '\0'; p = *q ? q + 1 : q) {
		q = p;
		while (*q != '\0' && *q != ',')
			q++;
		buf_reset(&t);
		buf_append(&t, p, (size_t)(q - p));
		buf_printf(b, "<span class=\"tag%s\">",
		    digest_is_risk(t.data) ? " risk" : "");
		esc_html(b, t.data);
		buf_puts(b, "</span>");
	}
	buf_free(&t);
}

static void
link(struct buf *b, const char *text, const char *url)
{
	buf_puts(b, "<a href=\"");
	esc_html_href(b, url);
	buf_puts(b, "\" rel=\"noreferrer noopener\">");
	esc_html(b, text != NULL && *text != '\0' ? text : url);
	buf_puts(b, "</a>");
}

static void
item(struct buf *b, const struct digest_item *it)
{
	buf_printf(b, "<div class=\"item%s\"><strong>", it->mou ? " mou" : "");
	esc_html(b, it->date ? it->date : it->day);
	buf_puts(b, "</strong> ");
	if (!it->mou) {
		esc_html(b, it->type);
		buf_puts(b, " ");
	}
	if (it->name) {
		buf_puts(b, "“<em>");
		esc_html(b, it->name);
		buf_puts(b, "</em>” ");
	}
	buf_puts(b, "— ");
	esc_html(b, it->location ? it->location : "place unknown");
	buf_puts(b, "<br>");
	for (size_t i = 0; i < it->nparties; i++) {
		buf_puts(b, i ? "; " : "");
		esc_html(b, it->parties[i].canonical);
		if (it->parties[i].role) {
			buf_puts(b, " (");
			esc_html(b, it->parties[i].role);
			buf_puts(b, ")");
		}
		tags(b, it->parties[i].tags);
	}
	buf_puts(b, "<div class=\"ev\">“");
	esc_html(b, it->evidence);
	buf_puts(b, "”</div>Reported by: ");
	for (size_t i = 0; i < it->nreports; i++) {
		buf_puts(b, i ? "; " : "");
		link(b, it->reports[i].title, it->reports[i].url);
		buf_puts(b, " (");
		esc_html(b, it->reports[i].source);
		buf_puts(b, ")");
	}
	buf_puts(b, "</div>\n");
}

static void
items(struct buf *b, const struct digest *d, bool mou)
{
	buf_puts(b, mou ? "<h2>MOUs</h2>\n" : "<h2>Events</h2>\n");
	if ((mou ? d->nmous : d->nevents) == 0)
		buf_puts(b, mou ? "<p>No MOUs.</p>\n" : "<p>No events.</p>\n");
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].mou == mou)
			item(b, &d->items[i]);
}

static void
links(struct buf *b, const struct digest *d)
{
	buf_puts(b, "<h2>Links between the Korean side and risk-tagged "
		    "organisations</h2>\n");
	if (d->nlinks == 0) {
		buf_puts(b, "<p>None in this period.</p>\n");
		return;
	}
	buf_puts(b, "<table><tr><th>Korean side</th><th>risk-tagged</th>"
		    "<th>via</th><th>date</th><th>source</th></tr>\n");
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct digest_link *l = &d->links[i];

		buf_puts(b, "<tr><td>");
		esc_html(b, l->korean);
		buf_puts(b, "</td><td>");
		esc_html(b, l->risk);
		tags(b, l->risk_tags);
		buf_puts(b, "</td><td>");
		esc_html(b, l->via);
		buf_puts(b, "</td><td>");
		esc_html(b, l->date);
		buf_puts(b, "</td><td>");
		link(b, "report", l->url);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</table>\n");
}

static void
sectors(struct buf *b, const struct digest *d)
{
	buf_puts(b, "<h2>Korean firms by strategic sector</h2>\n");
	if (d->nsectors == 0) {
		buf_puts(b, "<p>No Korean firm took part in a sector-tagged "
			    "event or MOU.</p>\n");
		return;
	}
	buf_puts(b, "<table><tr><th>sector</th><th>firms</th></tr>\n");
	for (size_t i = 0; i < d->nsectors; i++) {
		buf_puts(b, "<tr><td>");
		esc_html(b, d->sectors[i].sector);
		buf_puts(b, "</td><td>");
		for (size_t j = 0; j < d->sectors[i].nfirms; j++) {
			const struct digest_firm *f = &d->sectors[i].firms[j];

			buf_puts(b, j ? "; " : "");
			esc_html(b, f->canonical);
			buf_printf(b, " (%d)%s", f->records, f->risk ?
			    "<span class=\"tag risk\">with risk-tagged party"
			    "</span>" : "");
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</table>\n");
}

static void
orgs(struct buf *b, const struct digest *d)
{
	buf_puts(b, "<h2>Organisations seen for the first time</h2>\n");
	if (d->norgs == 0) {
		buf_puts(b, "<p>None.</p>\n");
		return;
	}
	buf_puts(b, "<table><tr><th>organisation</th><th>country</th>"
		    "<th>first seen</th><th>mentions</th><th>gazetteer</th>"
		    "</tr>\n");
	for (size_t i = 0; i < d->norgs; i++) {
		const struct digest_org *o = &d->orgs[i];

		buf_puts(b, "<tr><td>");
		esc_html(b, o->canonical);
		tags(b, o->tags);
		buf_puts(b, "</td><td>");
		esc_html(b, o->country);
		buf_puts(b, "</td><td>");
		esc_html(b, o->first_seen);
		buf_printf(b, "</td><td>%lld</td><td>%s</td></tr>\n",
		    (long long)o->mentions, o->entity_id ? "yes" :
		    "<span class=\"tag new\">not in the gazetteer</span>");
	}
	buf_puts(b, "</table>\n");
}

static void
summary(struct buf *b, const struct digest *d)
{
	buf_printf(b, "<p class=\"summary\"><strong>%zu event%s and %zu "
		      "MOU%s</strong> (%lld reports) in %lld documents; %zu "
		      "organisation%s seen for the first time; %zu link%s to "
		      "risk-tagged organisations.</p>\n",
	    d->nevents, d->nevents == 1 ? "" : "s", d->nmous,
	    d->nmous == 1 ? "" : "s",
	    (long long)(d->event_reports + d->mou_reports),
	    (long long)d->documents, d->norgs, d->norgs == 1 ? "" : "s",
	    d->nlinks, d->nlinks == 1 ? "" : "s");
	if (d->ntypes > 0) {
		buf_puts(b, "<table><tr><th>type</th><th>real-world</th>"
			    "<th>reports</th></tr>\n");
		for (size_t i = 0; i < d->ntypes; i++) {
			buf_puts(b, "<tr><td>");
			esc_html(b, d->types[i].type);
			buf_printf(b, "</td><td>%d</td><td>%d</td></tr>\n",
			    d->types[i].groups, d->types[i].reports);
		}
		buf_puts(b, "</table>\n");
	}
}

void
digest_html(struct buf *b, const struct digest *d)
{
	buf_puts(b, html_head);
	buf_printf(b, "<h1>kicwatch digest %s to %s</h1>\n<p class=\"meta\">"
		      "Generated %s from extraction run %lld.</p>\n",
	    d->since, d->until, d->generated, (long long)d->run_id);
	if (digest_is_empty(d)) {
		buf_puts(b, "<p class=\"summary\">Nothing new in this period: "
			    "no documents, events or MOUs were collected.</p>\n"
			    "</body></html>\n");
		return;
	}
	summary(b, d);
	buf_puts(b, "<h2>Events and MOUs per week</h2>\n");
	digest_svg_timeline(b, d);
	items(b, d, true);
	items(b, d, false);
	links(b, d);
	buf_puts(b, "<h2>Network of organisations</h2>\n");
	if (d->nnodes < d->nnodes_all)
		buf_printf(b, "<p class=\"meta\">The %zu best-connected of %zu "
			      "organisations.</p>\n", d->nnodes, d->nnodes_all);
	digest_svg_network(b, d);
	sectors(b, d);
	orgs(b, d);
	buf_puts(b, "</body></html>\n");
}
