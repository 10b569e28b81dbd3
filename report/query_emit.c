/* SPDX-License-Identifier: ISC */
/*
 * Writing records as a table, JSON Lines or CSV: one sink per call, fed
 * by the store iterators. JSON and CSV stream (flushed per record); a
 * table needs every row to size its columns, so it is kept until the end.
 */
#include "query.h"

#include <string.h>

#include "esc.h"
#include "json.h"

struct sink {
	struct store *s;
	enum query_format fmt;
	const char *label;
	struct query_table *t;
	struct buf *b;
	FILE *out;
	int64_t n;
};

static const char *const kind_names[] = {"events", "mous", "orgs",
	"documents"};

static const char *const csv_headers[] = {
	"id,url,document_id,type,name,date,location,orgs,evidence,group_id,"
	"start,end,title,published,source,sectors",
	"id,url,document_id,date,location,parties,evidence,group_id,start,end,"
	"title,published,source,sectors",
	"canonical,names,country,tags,first_seen,last_seen,mentions,id,"
	"entity_id,kind,unverified",
	"id,url,title,published,lang,fetched_at,capture_sha256,sectors,orgs,"
	"source,capture_id,run_id,text_chars",
};

static const char *const table_events[] = {"ID", "DATE", "TYPE", "NAME",
	"PLACE", "ORGANISATIONS", "URL"};
static const char *const table_mous[] = {"ID", "DATE", "PLACE", "PARTIES",
	"URL"};
static const char *const table_orgs[] = {"ORGANISATION", "COUNTRY", "TAGS",
	"FIRST", "LAST", "MENTIONS", "NAMES"};
static const char *const table_docs[] = {"ID", "DATE", "LANG", "SOURCE",
	"TITLE", "URL"};

int
query_kind_parse(const char *s, enum query_kind *out)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum query_kind)i;
			return 0;
		}
	}
	return -1;
}

static void
csv_cell(struct buf *b, const char *s, bool last)
{
	esc_csv(b, s);
	buf_puts(b, last ? "\r\n" : ",");
}

static void
csv_int(struct buf *b, int64_t v, bool last)
{
	buf_printf(b, "%lld%s", (long long)v, last ? "\r\n" : ",");
}

/* A JSON object for the sink: with a label, "record" goes first. */
static void
json_labelled(struct sink *k, struct buf *obj)
{
	if (k->label != NULL) {
		buf_puts(k->b, "{\"record\":");
		json_str(k->b, k->label);
		buf_putc(k->b, ',');
		buf_append(k->b, obj->data + 1, obj->len - 1);
	} else {
		buf_append(k->b, obj->data, obj->len);
	}
	buf_putc(k->b, '\n');
}

static int
sink_flush(struct sink *k, struct err *e)
{
	k->n++;
	return k->fmt == QUERY_TABLE ? 0 : query_out_flush(k->b, k->out, e);
}

static int
record_csv(struct sink *k, const struct store_record *r, bool event,
    struct err *e)
{
	struct buf p = {0};
	struct buf *b = k->b;
	int rc = query_parties_text(&p, k->s, event, r->id, e);

	csv_int(b, r->id, false);
	csv_cell(b, r->url, false);
	csv_int(b, r->document_id, false);
	if (event) {
		csv_cell(b, r->type, false);
		csv_cell(b, r->name, false);
	}
	csv_cell(b, r->date, false);
	csv_cell(b, r->location, false);
	csv_cell(b, p.data, false);
	csv_cell(b, r->evidence, false);
	if (r->group_id)
		csv_int(b, r->group_id, false);
	else
		buf_putc(b, ',');
	csv_int(b, r->start, false);
	csv_int(b, r->end, false);
	csv_cell(b, r->title, false);
	csv_cell(b, r->published, false);
	csv_cell(b, r->source, false);
	csv_cell(b, r->sectors, true);
	buf_free(&p);
	return rc;
}

static int
record_table(struct sink *k, const struct store_record *r, bool event,
    struct err *e)
{
	struct buf p = {0}, id = {0};
	const char *ev[7], *mo[5];
	int rc = query_parties_text(&p, k->s, event, r->id, e);

	buf_printf(&id, "%lld", (long long)r->id);
	if (event) {
		ev[0] = id.data, ev[1] = r->day, ev[2] = r->type;
		ev[3] = r->name, ev[4] = r->location, ev[5] = p.data;
		ev[6] = r->url;
		query_table_add(k->t, ev);
	} else {
		mo[0] = id.data, mo[1] = r->day, mo[2] = r->location;
		mo[3] = p.data, mo[4] = r->url;
		query_table_add(k->t, mo);
	}
	buf_free(&p);
	buf_free(&id);
	return rc;
}

static int
record_sink(struct sink *k, const struct store_record *r, bool event,
    struct err *e)
{
	struct buf obj = {0};
	int rc;

	switch (k->fmt) {
	case QUERY_JSON:
		rc = event ? query_json_event(&obj, k->s, r, e) :
			     query_json_mou(&obj, k->s, r, e);
		if (rc == 0)
			json_labelled(k, &obj);
		buf_free(&obj);
		break;
	case QUERY_CSV:
		rc = record_csv(k, r, event, e);
		break;
	default:
		rc = record_table(k, r, event, e);
		break;
	}
	return rc == -1 ? -1 : sink_flush(k, e);
}

static int
event_cb(void *arg, const struct store_record *r, struct err *e)
{
	return record_sink(arg, r, true, e);
}

static int
mou_cb(void *arg, const struct store_record *r, struct err *e)
{
	return record_sink(arg, r, false, e);
}

static void
names_text(struct buf *b, const char *names)
{
	for (const char *p = names; p != NULL && *p != '\0'; p++) {
		if (*p == STORE_SEP)
			buf_puts(b, "; ");
		else
			buf_putc(b, *p);
	}
}

static int
org_cb(void *arg, const struct store_org *o, struct err *e)
{
	struct sink *k = arg;
	struct buf obj = {0}, names = {0}, n = {0};
	const char *row[7];

	names_text(&names, o->names);
	if (k->fmt == QUERY_JSON) {
		query_json_org(&obj, o);
		json_labelled(k, &obj);
	} else if (k->fmt == QUERY_CSV) {
		csv_cell(k->b, o->canonical, false);
		csv_cell(k->b, names.data, false);
		csv_cell(k->b, o->country, false);
		csv_cell(k->b, o->tags, false);
		csv_cell(k->b, o->first_seen, false);
		csv_cell(k->b, o->last_seen, false);
		csv_int(k->b, o->mentions, false);
		csv_int(k->b, o->id, false);
		csv_cell(k->b, o->entity_id, false);
		csv_cell(k->b, o->kind, false);
		csv_int(k->b, o->unverified, true);
	} else {
		buf_printf(&n, "%lld", (long long)o->mentions);
		row[0] = o->canonical, row[1] = o->country, row[2] = o->tags;
		row[3] = o->first_seen, row[4] = o->last_seen, row[5] = n.data;
		row[6] = names.data;
		query_table_add(k->t, row);
	}
	buf_free(&obj);
	buf_free(&names);
	buf_free(&n);
	return sink_flush(k, e);
}

static int
doc_orgs_text(void *arg, const struct store_party *p, struct err *e)
{
	struct buf *b = arg;

	(void)e;
	buf_printf(b, "%s%s", b->len ? "; " : "", p->canonical);
	return 0;
}

static int
doc_csv(struct sink *k, const struct store_doc *d, struct err *e)
{
	struct buf o = {0};
	struct buf *b = k->b;
	int rc = store_doc_orgs_each(k->s, d->id, doc_orgs_text, &o, e);

	csv_int(b, d->id, false);
	csv_cell(b, d->url, false);
	csv_cell(b, d->title, false);
	csv_cell(b, d->published, false);
	csv_cell(b, d->lang, false);
	csv_cell(b, d->fetched_at, false);
	csv_cell(b, d->capture_sha256, false);
	csv_cell(b, d->sectors, false);
	csv_cell(b, o.data, false);
	csv_cell(b, d->source, false);
	csv_int(b, d->capture_id, false);
	csv_int(b, d->run_id, false);
	csv_int(b, d->text_chars, true);
	buf_free(&o);
	return rc;
}

static int
doc_cb(void *arg, const struct store_doc *d, struct err *e)
{
	struct sink *k = arg;
	struct buf obj = {0}, id = {0};
	const char *row[6];
	int rc = 0;

	if (k->fmt == QUERY_JSON) {
		rc = query_json_doc(&obj, k->s, d, e);
		if (rc == 0)
			json_labelled(k, &obj);
	} else if (k->fmt == QUERY_CSV) {
		rc = doc_csv(k, d, e);
	} else {
		buf_printf(&id, "%lld", (long long)d->id);
		row[0] = id.data, row[1] = d->day, row[2] = d->lang;
		row[3] = d->source, row[4] = d->title, row[5] = d->url;
		query_table_add(k->t, row);
	}
	buf_free(&obj);
	buf_free(&id);
	return rc == -1 ? -1 : sink_flush(k, e);
}

static struct query_table *
table_for(enum query_kind kind)
{
	struct query_table *t;

	switch (kind) {
	case QUERY_EVENTS:
		t = query_table_new(7, table_events);
		query_table_fixed(t, 0), query_table_fixed(t, 1);
		query_table_fixed(t, 2);
		return t;
	case QUERY_MOUS:
		t = query_table_new(5, table_mous);
		query_table_fixed(t, 0), query_table_fixed(t, 1);
		return t;
	case QUERY_ORGS:
		t = query_table_new(7, table_orgs);
		query_table_fixed(t, 3), query_table_fixed(t, 4);
		query_table_fixed(t, 5);
		return t;
	default:
		t = query_table_new(6, table_docs);
		query_table_fixed(t, 0), query_table_fixed(t, 1);
		query_table_fixed(t, 2);
		return t;
	}
}

int64_t
query_emit(struct store *s, enum query_kind kind,
    const struct store_filter *f, enum query_format fmt, const char *label,
    bool csv_header, struct buf *b, FILE *out, struct err *e)
{
	struct sink k = {s, fmt, label, NULL, b, out, 0};
	int rc;

	if (fmt == QUERY_CSV && csv_header)
		buf_printf(b, "%s\r\n", csv_headers[kind]);
	if (fmt == QUERY_TABLE)
		k.t = table_for(kind);
	switch (kind) {
	case QUERY_EVENTS: rc = store_events_each(s, f, event_cb, &k, e); break;
	case QUERY_MOUS: rc = store_mous_each(s, f, mou_cb, &k, e); break;
	case QUERY_ORGS: rc = store_orgs_each(s, f, org_cb, &k, e); break;
	default: rc = store_docs_each(s, f, doc_cb, &k, e); break;
	}
	if (rc == 0 && k.t != NULL)
		query_table_render(k.t, b, query_term_width());
	query_table_free(k.t);
	return rc == -1 ? -1 : k.n;
}
