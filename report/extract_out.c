/* SPDX-License-Identifier: ISC */
/*
 * The two forms of `kicwatch extract`. JSON strings go through json_str
 * (invalid UTF-8, controls, U+2028 and <>& escaped); text goes through
 * esc_term, so a page cannot move the cursor or change the terminal.
 * Dates that are unknown print as null; offsets are code points into the
 * article text.
 */
#include "extract_out.h"

#include <stdbool.h>
#include <stdio.h>

#include "esc.h"
#include "json.h"

static void
json_date(struct buf *b, const char *d)
{
	json_str(b, d != NULL && d[0] ? d : NULL);
}

static void
json_tags(struct buf *b, char *const *tags, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		json_str(b, tags[i]);
	}
	buf_putc(b, ']');
}

/* name, canonical, entity_id and tags of one organisation. */
static void
json_org_ref(struct buf *b, const struct extract_org *o)
{
	json_key(b, "name");
	json_str(b, o->name);
	buf_putc(b, ',');
	json_key(b, "canonical");
	json_str(b, o->canonical);
	buf_putc(b, ',');
	json_key(b, "entity_id");
	json_str(b, o->entity_id);
	buf_putc(b, ',');
	json_key(b, "tags");
	json_tags(b, o->tags, o->ntags);
}

static void
json_orgs(struct buf *b, const struct extract_result *r)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < r->norgs; i++) {
		const struct extract_org *o = &r->orgs[i];

		buf_puts(b, i ? ",{" : "{");
		json_org_ref(b, o);
		buf_putc(b, ',');
		json_key(b, "country");
		json_str(b, o->country);
		buf_putc(b, ',');
		json_key(b, "kind");
		json_str(b, o->kind);
		buf_printf(b, ",\"unverified\":%s,\"mentions\":%zu}",
		    o->unverified ? "true" : "false", o->nmentions);
	}
	buf_putc(b, ']');
}

static void
json_span(struct buf *b, const char *evidence, struct extract_span sp)
{
	json_key(b, "evidence");
	json_str(b, evidence);
	buf_printf(b, ",\"start\":%zu,\"end\":%zu", sp.start, sp.end);
}

static void
json_parties(struct buf *b, const struct extract_result *r,
    const struct extract_party *p, size_t n, bool roles)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		json_org_ref(b, &r->orgs[p[i].org]);
		if (roles) {
			buf_putc(b, ',');
			json_key(b, "role");
			json_str(b, extract_role_name(p[i].role));
		}
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
json_events(struct buf *b, const struct extract_result *r)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < r->nevents; i++) {
		const struct extract_event *ev = &r->events[i];

		buf_puts(b, i ? ",{" : "{");
		json_key(b, "type");
		json_str(b, ev->type);
		buf_putc(b, ',');
		json_key(b, "name");
		json_str(b, ev->name);
		buf_putc(b, ',');
		json_key(b, "date");
		json_date(b, ev->date);
		buf_putc(b, ',');
		json_key(b, "location");
		json_str(b, ev->location);
		buf_putc(b, ',');
		json_key(b, "orgs");
		json_parties(b, r, ev->orgs, ev->norgs, true);
		buf_putc(b, ',');
		json_key(b, "sectors");
		json_tags(b, ev->sectors, ev->nsectors);
		buf_putc(b, ',');
		json_span(b, ev->evidence, ev->span);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
json_mous(struct buf *b, const struct extract_result *r)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < r->nmous; i++) {
		const struct extract_mou *m = &r->mous[i];

		buf_puts(b, i ? ",{" : "{");
		json_key(b, "date");
		json_date(b, m->date);
		buf_putc(b, ',');
		json_key(b, "location");
		json_str(b, m->location);
		buf_putc(b, ',');
		json_key(b, "parties");
		json_parties(b, r, m->parties, m->nparties, false);
		buf_putc(b, ',');
		json_span(b, m->evidence, m->span);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* dates or places: {"surface","value","start","end"} per mention. */
static void
json_mentions(struct buf *b, const struct extract_result *r,
    enum extract_mention_kind kind)
{
	bool first = true;

	buf_putc(b, '[');
	for (size_t i = 0; i < r->nmentions; i++) {
		const struct extract_mention *m = &r->mentions[i];

		if (m->kind != kind)
			continue;
		buf_puts(b, first ? "{" : ",{");
		first = false;
		json_key(b, "surface");
		json_str(b, m->surface);
		buf_putc(b, ',');
		json_key(b, "value");
		json_str(b, m->value);
		buf_printf(b, ",\"start\":%zu,\"end\":%zu}", m->span.start,
		    m->span.end);
	}
	buf_putc(b, ']');
}

void
extract_out_json(struct buf *b, const struct extract_result *r,
    const char *url, const char *charset)
{
	buf_putc(b, '{');
	json_key(b, "url");
	json_str(b, url);
	buf_putc(b, ',');
	json_key(b, "title");
	json_str(b, r->title);
	buf_putc(b, ',');
	json_key(b, "published");
	json_date(b, r->published);
	buf_putc(b, ',');
	json_key(b, "lang");
	json_str(b, r->lang);
	buf_putc(b, ',');
	json_key(b, "charset");
	json_str(b, charset);
	buf_putc(b, ',');
	json_key(b, "sectors");
	json_tags(b, r->sectors, r->nsectors);
	buf_putc(b, ',');
	json_key(b, "orgs");
	json_orgs(b, r);
	buf_putc(b, ',');
	json_key(b, "events");
	json_events(b, r);
	buf_putc(b, ',');
	json_key(b, "mous");
	json_mous(b, r);
	buf_putc(b, ',');
	json_key(b, "dates");
	json_mentions(b, r, EXTRACT_M_DATE);
	buf_putc(b, ',');
	json_key(b, "places");
	json_mentions(b, r, EXTRACT_M_PLACE);
	buf_puts(b, "}\n");
}

static void
text_field(struct buf *b, const char *label, const char *v)
{
	buf_printf(b, "%-10s", label);
	if (v == NULL || v[0] == '\0')
		buf_puts(b, "-");
	else
		esc_term(b, v, false);
	buf_putc(b, '\n');
}

static void
text_list(struct buf *b, char *const *v, size_t n)
{
	if (n == 0)
		buf_puts(b, "-");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		esc_term(b, v[i], false);
	}
}

static void
text_org(struct buf *b, const struct extract_org *o)
{
	esc_term(b, o->name, false);
	if (o->entity_id != NULL) {
		buf_puts(b, " = ");
		esc_term(b, o->canonical, false);
		buf_puts(b, " [");
		esc_term(b, o->entity_id, false);
		buf_putc(b, ']');
	} else
		buf_puts(b, " (unverified)");
}

static void
text_orgs(struct buf *b, const struct extract_result *r)
{
	buf_printf(b, "\norganisations (%zu)\n", r->norgs);
	for (size_t i = 0; i < r->norgs; i++) {
		const struct extract_org *o = &r->orgs[i];

		buf_puts(b, "  ");
		text_org(b, o);
		buf_puts(b, " ");
		esc_term(b, o->country ? o->country : "-", false);
		buf_puts(b, " ");
		esc_term(b, o->kind ? o->kind : "-", false);
		buf_puts(b, " tags: ");
		text_list(b, o->tags, o->ntags);
		buf_printf(b, "  x%zu\n", o->nmentions);
	}
}

static void
text_evidence(struct buf *b, const char *ev, struct extract_span sp)
{
	buf_puts(b, "    evidence: ");
	esc_term(b, ev, false);
	buf_printf(b, " [%zu, %zu)\n", sp.start, sp.end);
}

static void
text_events(struct buf *b, const struct extract_result *r)
{
	buf_printf(b, "\nevents (%zu)\n", r->nevents);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct extract_event *ev = &r->events[i];

		buf_puts(b, "  ");
		esc_term(b, ev->type, false);
		buf_puts(b, " \"");
		esc_term(b, ev->name ? ev->name : "", false);
		buf_puts(b, "\" ");
		esc_term(b, ev->date[0] ? ev->date : "(no date)", false);
		buf_puts(b, " ");
		esc_term(b, ev->location ? ev->location : "(no place)", false);
		buf_putc(b, '\n');
		for (size_t k = 0; k < ev->norgs; k++) {
			buf_printf(b, "    %s: ",
			    extract_role_name(ev->orgs[k].role));
			text_org(b, &r->orgs[ev->orgs[k].org]);
			buf_putc(b, '\n');
		}
		buf_puts(b, "    sectors: ");
		text_list(b, ev->sectors, ev->nsectors);
		buf_putc(b, '\n');
		text_evidence(b, ev->evidence, ev->span);
	}
}

static void
text_mous(struct buf *b, const struct extract_result *r)
{
	buf_printf(b, "\nMOUs (%zu)\n", r->nmous);
	for (size_t i = 0; i < r->nmous; i++) {
		const struct extract_mou *m = &r->mous[i];

		buf_puts(b, "  ");
		esc_term(b, m->date[0] ? m->date : "(no date)", false);
		buf_puts(b, " ");
		esc_term(b, m->location ? m->location : "(no place)", false);
		buf_putc(b, '\n');
		for (size_t k = 0; k < m->nparties; k++) {
			buf_puts(b, "    party: ");
			text_org(b, &r->orgs[m->parties[k].org]);
			buf_putc(b, '\n');
		}
		text_evidence(b, m->evidence, m->span);
	}
}

static void
text_mentions(struct buf *b, const struct extract_result *r,
    enum extract_mention_kind kind, const char *label)
{
	bool any = false;

	buf_printf(b, "%-10s", label);
	for (size_t i = 0; i < r->nmentions; i++) {
		const struct extract_mention *m = &r->mentions[i];

		if (m->kind != kind)
			continue;
		if (any)
			buf_puts(b, ", ");
		any = true;
		esc_term(b, m->surface, false);
		buf_putc(b, '=');
		esc_term(b, m->value, false);
	}
	buf_puts(b, any ? "\n" : "-\n");
}

void
extract_out_text(struct buf *b, const struct extract_result *r,
    const char *url, const char *charset)
{
	text_field(b, "url", url);
	text_field(b, "title", r->title);
	text_field(b, "published", r->published);
	text_field(b, "lang", r->lang);
	text_field(b, "charset", charset);
	buf_printf(b, "%-10s", "sectors");
	text_list(b, r->sectors, r->nsectors);
	buf_putc(b, '\n');
	text_mentions(b, r, EXTRACT_M_DATE, "dates");
	text_mentions(b, r, EXTRACT_M_PLACE, "places");
	text_orgs(b, r);
	text_events(b, r);
	text_mous(b, r);
}
