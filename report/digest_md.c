/* SPDX-License-Identifier: ISC */
/*
 * The digest as Markdown, for mail and chat. Every scraped string goes
 * through esc_md (never raw HTML, never a link it did not come from) and
 * links only through esc_md_link (http and https only).
 */
#include "digest.h"

#include "esc.h"

static void
parties(struct buf *b, const struct digest_item *it)
{
	for (size_t i = 0; i < it->nparties; i++) {
		const struct digest_party *p = &it->parties[i];

		buf_puts(b, i ? "; " : "");
		esc_md(b, p->canonical);
		if (p->role != NULL || p->tags != NULL) {
			buf_puts(b, " (");
			esc_md(b, p->role);
			buf_puts(b, p->role && p->tags ? ", " : "");
			esc_md(b, p->tags);
			buf_putc(b, ')');
		}
	}
}

static void
reports(struct buf *b, const struct digest_item *it)
{
	buf_puts(b, "  \n  Reported by: ");
	for (size_t i = 0; i < it->nreports; i++) {
		buf_puts(b, i ? "; " : "");
		esc_md_link(b, it->reports[i].title, it->reports[i].url);
		buf_puts(b, " (");
		esc_md(b, it->reports[i].source);
		buf_putc(b, ')');
	}
	buf_putc(b, '\n');
}

static void
items(struct buf *b, const struct digest *d, bool mou)
{
	buf_puts(b, mou ? "\n## MOUs\n\n" : "\n## Events\n\n");
	if ((mou ? d->nmous : d->nevents) == 0)
		buf_puts(b, mou ? "No MOUs.\n" : "No events.\n");
	for (size_t i = 0; i < d->nitems; i++) {
		const struct digest_item *it = &d->items[i];

		if (it->mou != mou)
			continue;
		buf_puts(b, "- **");
		esc_md(b, it->date ? it->date : it->day);
		buf_puts(b, "**");
		if (!mou) {
			buf_putc(b, ' ');
			esc_md(b, it->type);
		}
		if (it->name) {
			buf_puts(b, " “");
			esc_md(b, it->name);
			buf_puts(b, "”");
		}
		buf_puts(b, ", ");
		esc_md(b, it->location ? it->location : "place unknown");
		buf_puts(b, ": ");
		parties(b, it);
		buf_puts(b, "  \n  > ");
		esc_md(b, it->evidence);
		reports(b, it);
	}
}

static void
links(struct buf *b, const struct digest *d)
{
	buf_puts(b, "\n## Links between the Korean side and risk-tagged "
		    "organisations\n\n");
	if (d->nlinks == 0) {
		buf_puts(b, "None in this period.\n");
		return;
	}
	buf_puts(b, "| Korean side | risk-tagged | its tags | via | date | "
		    "source |\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct digest_link *l = &d->links[i];

		buf_puts(b, "| ");
		esc_md(b, l->korean);
		buf_puts(b, " | ");
		esc_md(b, l->risk);
		buf_puts(b, " | ");
		esc_md(b, l->risk_tags);
		buf_puts(b, " | ");
		esc_md(b, l->via);
		buf_puts(b, " | ");
		esc_md(b, l->date);
		buf_puts(b, " | ");
		esc_md_link(b, "report", l->url);
		buf_puts(b, " |\n");
	}
}

static void
sectors(struct buf *b, const struct digest *d)
{
	buf_puts(b, "\n## Korean firms by strategic sector\n\n");
	if (d->nsectors == 0)
		buf_puts(b, "No Korean firm took part in a sector-tagged event "
			    "or MOU.\n");
	for (size_t i = 0; i < d->nsectors; i++) {
		buf_puts(b, "- **");
		esc_md(b, d->sectors[i].sector);
		buf_puts(b, "**: ");
		for (size_t j = 0; j < d->sectors[i].nfirms; j++) {
			const struct digest_firm *f = &d->sectors[i].firms[j];

			buf_puts(b, j ? "; " : "");
			esc_md(b, f->canonical);
			buf_printf(b, " (%d record%s%s)", f->records,
			    f->records == 1 ? "" : "s",
			    f->risk ? ", with a risk-tagged party" : "");
		}
		buf_putc(b, '\n');
	}
}

static void
orgs(struct buf *b, const struct digest *d)
{
	buf_puts(b, "\n## Organisations seen for the first time\n\n");
	if (d->norgs == 0) {
		buf_puts(b, "None.\n");
		return;
	}
	buf_puts(b, "| organisation | country | tags | first seen | mentions "
		    "| gazetteer |\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->norgs; i++) {
		const struct digest_org *o = &d->orgs[i];

		buf_puts(b, "| ");
		esc_md(b, o->canonical);
		buf_puts(b, " | ");
		esc_md(b, o->country);
		buf_puts(b, " | ");
		esc_md(b, o->tags);
		buf_puts(b, " | ");
		esc_md(b, o->first_seen);
		buf_printf(b, " | %lld | %s |\n", (long long)o->mentions,
		    o->entity_id ? "yes" : "**not in the gazetteer**");
	}
}

static void
summary(struct buf *b, const struct digest *d)
{
	size_t unverified = 0;

	for (size_t i = 0; i < d->norgs; i++)
		unverified += d->orgs[i].entity_id == NULL;
	buf_printf(b, "**%zu event%s and %zu MOU%s** (%lld reports) in %lld "
		      "documents; %zu organisation%s seen for the first time "
		      "(%zu not in the gazetteer); %zu link%s to risk-tagged "
		      "organisations.\n",
	    d->nevents, d->nevents == 1 ? "" : "s", d->nmous,
	    d->nmous == 1 ? "" : "s",
	    (long long)(d->event_reports + d->mou_reports),
	    (long long)d->documents, d->norgs, d->norgs == 1 ? "" : "s",
	    unverified, d->nlinks, d->nlinks == 1 ? "" : "s");
	if (d->ntypes == 0)
		return;
	buf_puts(b, "\n| type | real-world | reports |\n|---|---|---|\n");
	for (size_t i = 0; i < d->ntypes; i++) {
		buf_puts(b, "| ");
		esc_md(b, d->types[i].type);
		buf_printf(b, " | %d | %d |\n", d->types[i].groups,
		    d->types[i].reports);
	}
}

void
digest_md(struct buf *b, const struct digest *d)
{
	buf_printf(b, "# kicwatch digest %s to %s\n\n", d->since, d->until);
	buf_printf(b, "Generated %s from extraction run %lld.\n\n",
	    d->generated, (long long)d->run_id);
	if (digest_is_empty(d)) {
		buf_puts(b, "Nothing new in this period: no documents, events "
			    "or MOUs were collected.\n");
		return;
	}
	summary(b, d);
	items(b, d, true);
	items(b, d, false);
	links(b, d);
	sectors(b, d);
	orgs(b, d);
}
