/* SPDX-License-Identifier: ISC */
/*
 * export csv: events and MOUs in one flat table (RFC 4180, CRLF, a header
 * row), one row per record, for spreadsheets: the kind in the first
 * column, parties as "canonical [role]; ...". Cells are neutralised
 * against formula injection by esc_csv.
 */
#include "export.h"

#include "esc.h"

static const char csv_header[] =
    "record,id,date,type,name,location,parties,evidence,url,document_id,"
    "group_id,start,end,title,published,source,sectors\r\n";

struct csv_ctx {
	struct export_ctx *x;
	bool event;
};

static void
cell(struct buf *b, const char *s)
{
	esc_csv(b, s);
	buf_putc(b, ',');
}

static int
row(void *arg, const struct store_record *r, struct err *e)
{
	struct csv_ctx *c = arg;
	struct buf *b = c->x->b, p = {0};

	if (query_parties_text(&p, c->x->s, c->event, r->id, e) == -1) {
		buf_free(&p);
		return -1;
	}
	buf_printf(b, "%s,%lld,", c->event ? "event" : "mou",
	    (long long)r->id);
	cell(b, r->date);
	cell(b, r->type);
	cell(b, r->name);
	cell(b, r->location);
	cell(b, p.data);
	cell(b, r->evidence);
	cell(b, r->url);
	buf_printf(b, "%lld,", (long long)r->document_id);
	if (r->group_id)
		buf_printf(b, "%lld", (long long)r->group_id);
	buf_printf(b, ",%lld,%lld,", (long long)r->start, (long long)r->end);
	cell(b, r->title);
	cell(b, r->published);
	cell(b, r->source);
	esc_csv(b, r->sectors);
	buf_puts(b, "\r\n");
	buf_free(&p);
	c->x->count++;
	return query_out_flush(b, c->x->out, e);
}

static int
csv_run(struct export_ctx *x, struct err *e)
{
	struct csv_ctx c = {x, true};

	buf_puts(x->b, csv_header);
	if (store_events_each(x->s, x->f, row, &c, e) == -1)
		return -1;
	c.event = false;
	if (store_mous_each(x->s, x->f, row, &c, e) == -1)
		return -1;
	return query_out_flush(x->b, x->out, e);
}

const struct export_ops export_csv = {
	.name = "csv",
	.what = "events and MOUs as one CSV table (RFC 4180)",
	.binary = false,
	.run = csv_run,
};
