/* SPDX-License-Identifier: ISC */
/*
 * The digest as one JSON object, for scripts: the same sections as the
 * Markdown, with the record fields named as in `query` (DESIGN.md).
 */
#include "digest.h"

#include "json.h"
#include "query.h"

static void
kstr(struct buf *b, const char *k, const char *v, bool comma)
{
	if (comma)
		buf_putc(b, ',');
	json_key(b, k);
	json_str(b, v);
}

static void
party(struct buf *b, const struct digest_party *p, bool mou)
{
	buf_putc(b, '{');
	kstr(b, "canonical", p->canonical, false);
	if (!mou)
		kstr(b, "role", p->role, true);
	buf_puts(b, ",\"tags\":");
	query_json_list(b, p->tags, ',');
	kstr(b, "country", p->country, true);
	buf_putc(b, '}');
}

static void
item(struct buf *b, const struct digest_item *it)
{
	buf_printf(b, "{\"id\":%lld,\"group_id\":", (long long)it->id);
	if (it->group_id)
		buf_printf(b, "%lld", (long long)it->group_id);
	else
		buf_puts(b, "null");
	if (!it->mou) {
		kstr(b, "type", it->type, true);
		kstr(b, "name", it->name, true);
	}
	kstr(b, "date", it->date ? it->date : it->day, true);
	kstr(b, "location", it->location, true);
	buf_puts(b, it->mou ? ",\"parties\":[" : ",\"orgs\":[");
	for (size_t i = 0; i < it->nparties; i++) {
		buf_puts(b, i ? "," : "");
		party(b, &it->parties[i], it->mou);
	}
	buf_putc(b, ']');
	kstr(b, "evidence", it->evidence, true);
	buf_puts(b, ",\"sectors\":");
	query_json_list(b, it->sectors, ',');
	buf_puts(b, ",\"reports\":[");
	for (size_t i = 0; i < it->nreports; i++) {
		buf_puts(b, i ? ",{" : "{");
		kstr(b, "url", it->reports[i].url, false);
		kstr(b, "title", it->reports[i].title, true);
		kstr(b, "source", it->reports[i].source, true);
		buf_printf(b, ",\"document_id\":%lld}",
		    (long long)it->reports[i].document_id);
	}
	buf_puts(b, "]}");
}

static void
items(struct buf *b, const struct digest *d, bool mou)
{
	bool first = true;

	buf_puts(b, mou ? ",\"mous\":[" : ",\"events\":[");
	for (size_t i = 0; i < d->nitems; i++) {
		if (d->items[i].mou != mou)
			continue;
		buf_puts(b, first ? "" : ",");
		first = false;
		item(b, &d->items[i]);
	}
	buf_putc(b, ']');
}

static void
orgs(struct buf *b, const struct digest *d)
{
	buf_puts(b, ",\"new_orgs\":[");
	for (size_t i = 0; i < d->norgs; i++) {
		const struct digest_org *o = &d->orgs[i];

		buf_puts(b, i ? ",{" : "{");
		kstr(b, "canonical", o->canonical, false);
		kstr(b, "entity_id", o->entity_id, true);
		kstr(b, "country", o->country, true);
		buf_puts(b, ",\"tags\":");
		query_json_list(b, o->tags, ',');
		kstr(b, "first_seen", o->first_seen, true);
		buf_printf(b, ",\"mentions\":%lld,\"in_gazetteer\":%s}",
		    (long long)o->mentions, o->entity_id ? "true" : "false");
	}
	buf_putc(b, ']');
}

static void
links(struct buf *b, const struct digest *d)
{
	buf_puts(b, ",\"risk_links\":[");
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct digest_link *l = &d->links[i];

		buf_puts(b, i ? ",{" : "{");
		kstr(b, "korean", l->korean, false);
		buf_puts(b, ",\"korean_tags\":");
		query_json_list(b, l->korean_tags, ',');
		kstr(b, "risk", l->risk, true);
		buf_puts(b, ",\"risk_tags\":");
		query_json_list(b, l->risk_tags, ',');
		kstr(b, "via", l->via, true);
		kstr(b, "date", l->date, true);
		kstr(b, "url", l->url, true);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
sectors(struct buf *b, const struct digest *d)
{
	buf_puts(b, ",\"sectors\":[");
	for (size_t i = 0; i < d->nsectors; i++) {
		buf_puts(b, i ? ",{" : "{");
		kstr(b, "sector", d->sectors[i].sector, false);
		buf_puts(b, ",\"firms\":[");
		for (size_t j = 0; j < d->sectors[i].nfirms; j++) {
			const struct digest_firm *f = &d->sectors[i].firms[j];

			buf_puts(b, j ? ",{" : "{");
			kstr(b, "canonical", f->canonical, false);
			buf_printf(b, ",\"records\":%d,\"risk\":%s}",
			    f->records, f->risk ? "true" : "false");
		}
		buf_puts(b, "]}");
	}
	buf_putc(b, ']');
}

static void
counts(struct buf *b, const struct digest *d)
{
	buf_printf(b, ",\"counts\":{\"documents\":%lld,\"events\":%zu,"
		      "\"mous\":%zu,\"event_reports\":%lld,\"mou_reports\":%lld,"
		      "\"new_orgs\":%zu,\"risk_links\":%zu}",
	    (long long)d->documents, d->nevents, d->nmous,
	    (long long)d->event_reports, (long long)d->mou_reports, d->norgs,
	    d->nlinks);
	buf_puts(b, ",\"by_type\":[");
	for (size_t i = 0; i < d->ntypes; i++) {
		buf_puts(b, i ? ",{" : "{");
		kstr(b, "type", d->types[i].type, false);
		buf_printf(b, ",\"groups\":%d,\"reports\":%d}",
		    d->types[i].groups, d->types[i].reports);
	}
	buf_puts(b, "],\"weeks\":[");
	for (size_t i = 0; i < d->nweeks; i++)
		buf_printf(b, "%s{\"week\":\"%s\",\"events\":%d,\"mous\":%d}",
		    i ? "," : "", d->weeks[i].start, d->weeks[i].events,
		    d->weeks[i].mous);
	buf_putc(b, ']');
}

void
digest_json(struct buf *b, const struct digest *d)
{
	buf_putc(b, '{');
	kstr(b, "since", d->since, false);
	kstr(b, "until", d->until, true);
	kstr(b, "generated_at", d->generated, true);
	buf_printf(b, ",\"run_id\":%lld,\"empty\":%s", (long long)d->run_id,
	    digest_is_empty(d) ? "true" : "false");
	counts(b, d);
	items(b, d, false);
	items(b, d, true);
	orgs(b, d);
	links(b, d);
	sectors(b, d);
	buf_puts(b, "}\n");
}
