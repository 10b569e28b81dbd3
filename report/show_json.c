/* SPDX-License-Identifier: ISC */
/*
 * `kicwatch show --format json`: one JSON object with the document (the
 * fields of `query documents` plus text and charset), its captures and
 * fetches, and its events, MOUs and mentions with spans and contexts
 * (matches marked « »).
 */
#include "show.h"

#include "json.h"
#include "query.h"

struct jctx {
	struct show *sh;
	const struct store_doc *d;
	bool first;
};

static void
sep(struct jctx *x)
{
	if (!x->first)
		buf_putc(x->sh->b, ',');
	x->first = false;
}

static int
capture_json(void *arg, const struct store_capture *c, struct err *e)
{
	struct jctx *x = arg;
	struct buf *b = x->sh->b;

	(void)e;
	sep(x);
	buf_printf(b, "{\"id\":%lld,\"fetched_at\":", (long long)c->id);
	json_str(b, c->fetched_at);
	buf_printf(b, ",\"status\":%lld,\"sha256\":", (long long)c->status);
	json_str(b, c->sha256);
	buf_printf(b, ",\"size\":%lld,\"content_type\":", (long long)c->size);
	json_str(b, c->content_type);
	buf_puts(b, ",\"final_url\":");
	json_str(b, c->final_url);
	buf_puts(b, ",\"charset\":");
	json_str(b, c->charset);
	buf_puts(b, "}");
	return 0;
}

static int
fetch_json(void *arg, const struct store_fetch *f, struct err *e)
{
	struct jctx *x = arg;
	struct buf *b = x->sh->b;

	(void)e;
	sep(x);
	buf_puts(b, "{\"at\":");
	json_str(b, f->at);
	buf_puts(b, ",\"outcome\":");
	json_str(b, f->outcome);
	if (f->status)
		buf_printf(b, ",\"status\":%lld", (long long)f->status);
	else
		buf_puts(b, ",\"status\":null");
	buf_puts(b, ",\"error\":");
	json_str(b, f->error);
	buf_puts(b, "}");
	return 0;
}

static void
context_json(struct buf *b, const char *text, int64_t start, int64_t end)
{
	struct buf c = {0}, m = {0};

	buf_puts(b, ",\"context\":");
	if (query_text_context(&c, text, start, end, SHOW_CONTEXT) == -1) {
		buf_puts(b, "null");
	} else {
		query_marked_plain(&m, c.data);
		json_str(b, m.data);
	}
	buf_free(&c);
	buf_free(&m);
}

static int
record_json(void *arg, const struct store_record *r, struct err *e)
{
	struct jctx *x = arg;
	struct buf o = {0};
	int rc;

	sep(x);
	rc = r->type ? query_json_event(&o, x->sh->s, r, e) :
		       query_json_mou(&o, x->sh->s, r, e);
	if (rc == 0) {
		buf_append(x->sh->b, o.data, o.len - 1);
		context_json(x->sh->b, x->d->text, r->start, r->end);
		buf_putc(x->sh->b, '}');
	}
	buf_free(&o);
	return rc;
}

static int
mention_json(void *arg, const struct store_mention *m, struct err *e)
{
	struct jctx *x = arg;
	struct buf *b = x->sh->b;

	(void)e;
	sep(x);
	buf_printf(b, "{\"id\":%lld,\"kind\":", (long long)m->id);
	json_str(b, m->kind);
	buf_printf(b, ",\"start\":%lld,\"end\":%lld,\"surface\":",
	    (long long)m->start, (long long)m->end);
	json_str(b, m->surface);
	buf_puts(b, ",\"value\":");
	json_str(b, m->value);
	buf_puts(b, ",\"canonical\":");
	json_str(b, m->canonical);
	context_json(b, x->d->text, m->start, m->end);
	buf_putc(b, '}');
	return 0;
}

int
show_json(struct show *sh, const struct store_doc *d, struct err *e)
{
	struct store_filter f = {.run_id = d->run_id, .document_id = d->id,
		.ascending = true};
	struct jctx x = {sh, d, true};
	struct buf *b = sh->b, doc = {0};

	if (query_json_doc(&doc, sh->s, d, e) == -1) {
		buf_free(&doc);
		return -1;
	}
	buf_puts(b, "{\"document\":");
	buf_append(b, doc.data, doc.len - 1);
	buf_free(&doc);
	buf_puts(b, ",\"charset\":");
	json_str(b, d->charset);
	buf_puts(b, ",\"text\":");
	json_str(b, d->text);
	buf_puts(b, "},\"captures\":[");
	if (store_url_captures_each(sh->s, d->url, capture_json, &x, e) == -1)
		return -1;
	buf_puts(b, "],\"fetches\":[");
	x.first = true;
	if (store_url_fetches_each(sh->s, d->url, fetch_json, &x, e) == -1)
		return -1;
	buf_puts(b, "],\"events\":[");
	x.first = true;
	if (store_events_each(sh->s, &f, record_json, &x, e) == -1)
		return -1;
	buf_puts(b, "],\"mous\":[");
	x.first = true;
	if (store_mous_each(sh->s, &f, record_json, &x, e) == -1)
		return -1;
	buf_puts(b, "],\"mentions\":[");
	x.first = true;
	if (store_doc_mentions_each(sh->s, d->id, mention_json, &x, e) == -1)
		return -1;
	buf_puts(b, "]}\n");
	return 0;
}
