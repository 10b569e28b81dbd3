/* SPDX-License-Identifier: ISC */
/*
 * `kicwatch show` for a terminal: a header, the provenance (captures and
 * fetches), the text, then events, MOUs and mentions, each with its span
 * in code points and the words around it (bold on a terminal).
 */
#include "show.h"

#include <string.h>

#include "esc.h"
#include "query.h"

struct ctx {
	struct show *sh;
	const struct store_doc *d;
	int64_t n;
};

static void
field(struct buf *b, const char *label, const char *v)
{
	buf_printf(b, "%-10s ", label);
	esc_term(b, v ? v : "-", false);
	buf_putc(b, '\n');
}

static void
evidence(struct show *sh, const char *text, int64_t start, int64_t end)
{
	struct buf c = {0};

	buf_printf(sh->b, "[%lld, %lld) ", (long long)start, (long long)end);
	if (query_text_context(&c, text, start, end, SHOW_CONTEXT) == -1)
		buf_puts(sh->b, "(span outside the text)");
	else
		query_marked_term(sh->b, c.data, sh->bold);
	buf_putc(sh->b, '\n');
	buf_free(&c);
}

static int
capture_line(void *arg, const struct store_capture *c, struct err *e)
{
	struct ctx *x = arg;
	struct buf *b = x->sh->b;

	(void)e;
	buf_printf(b, "  #%lld  ", (long long)c->id);
	esc_term(b, c->fetched_at, false);
	buf_printf(b, "  HTTP %lld  %lld bytes  sha256 ", (long long)c->status,
	    (long long)c->size);
	esc_term(b, c->sha256, false);
	buf_puts(b, "  ");
	esc_term(b, c->content_type, false);
	buf_puts(b, c->id == x->d->capture_id ? "  <- this document\n" : "\n");
	return 0;
}

static int
fetch_line(void *arg, const struct store_fetch *f, struct err *e)
{
	struct buf *b = ((struct ctx *)arg)->sh->b;

	(void)e;
	buf_puts(b, "  ");
	esc_term(b, f->at, false);
	buf_puts(b, "  ");
	esc_term(b, f->outcome, false);
	if (f->status)
		buf_printf(b, "  HTTP %lld", (long long)f->status);
	if (f->error) {
		buf_puts(b, "  ");
		esc_term(b, f->error, false);
	}
	buf_putc(b, '\n');
	return 0;
}

static int
record_line(void *arg, const struct store_record *r, struct err *e)
{
	struct ctx *x = arg;
	struct buf *b = x->sh->b;
	bool event = r->type != NULL;

	x->n++;
	buf_printf(b, "  #%lld ", (long long)r->id);
	if (event) {
		esc_term(b, r->type, false);
		buf_putc(b, ' ');
	}
	esc_term(b, r->date ? r->date : "(no date)", false);
	buf_puts(b, "  ");
	esc_term(b, r->location ? r->location : "(no place)", false);
	if (r->name) {
		buf_puts(b, "  ");
		esc_term(b, r->name, false);
	}
	buf_puts(b, event ? "\n     orgs: " : "\n     parties: ");
	{
		struct buf p = {0};

		if (query_parties_text(&p, x->sh->s, event, r->id, e) == -1)
			return -1;
		esc_term(b, p.data, false);
		buf_free(&p);
	}
	buf_puts(b, "\n     evidence ");
	evidence(x->sh, x->d->text, r->start, r->end);
	return 0;
}

static int
mention_line(void *arg, const struct store_mention *m, struct err *e)
{
	struct ctx *x = arg;
	struct buf *b = x->sh->b;

	(void)e;
	x->n++;
	buf_puts(b, "  ");
	esc_term_fit(b, m->kind, 7, true);
	buf_putc(b, ' ');
	esc_term(b, m->surface, false);
	if (m->canonical || m->value) {
		buf_puts(b, " = ");
		esc_term(b, m->canonical ? m->canonical : m->value, false);
	}
	buf_puts(b, "  ");
	evidence(x->sh, x->d->text, m->start, m->end);
	return 0;
}

static int
header(struct show *sh, const struct store_doc *d, struct err *e)
{
	struct buf *b = sh->b;
	int64_t cur = 0;

	if (store_read_run(sh->s, &cur, e) == -1)
		return -1;
	buf_printf(b, "document %lld (run %lld%s)\n", (long long)d->id,
	    (long long)d->run_id, d->run_id == cur ? ", current" :
	    ", not the current run");
	field(b, "title", d->title);
	field(b, "url", d->url);
	field(b, "source", d->source);
	field(b, "published", d->published);
	field(b, "language", d->lang);
	field(b, "charset", d->charset);
	buf_printf(b, "%-10s #%lld ", "capture", (long long)d->capture_id);
	esc_term(b, d->fetched_at, false);
	buf_puts(b, " sha256 ");
	esc_term(b, d->capture_sha256, false);
	buf_putc(b, '\n');
	return 0;
}

int
show_text(struct show *sh, const struct store_doc *d, struct err *e)
{
	struct store_filter f = {.run_id = d->run_id, .document_id = d->id,
		.ascending = true};
	struct ctx x = {sh, d, 0};
	struct buf *b = sh->b;

	if (header(sh, d, e) == -1)
		return -1;
	buf_puts(b, "\ncaptures of this URL\n");
	if (store_url_captures_each(sh->s, d->url, capture_line, &x, e) == -1)
		return -1;
	buf_puts(b, "fetches of this URL\n");
	if (store_url_fetches_each(sh->s, d->url, fetch_line, &x, e) == -1)
		return -1;
	buf_printf(b, "\ntext (%lld characters)\n", (long long)d->text_chars);
	esc_term(b, d->text, true);
	buf_puts(b, "\n\nevents\n");
	if (store_events_each(sh->s, &f, record_line, &x, e) == -1)
		return -1;
	buf_puts(b, x.n ? "" : "  (none)\n");
	buf_puts(b, "MOUs\n");
	x.n = 0;
	if (store_mous_each(sh->s, &f, record_line, &x, e) == -1)
		return -1;
	buf_puts(b, x.n ? "" : "  (none)\n");
	buf_puts(b, "mentions [start, end) in code points\n");
	x.n = 0;
	if (store_doc_mentions_each(sh->s, d->id, mention_line, &x, e) == -1)
		return -1;
	buf_puts(b, x.n ? "" : "  (none)\n");
	return 0;
}
