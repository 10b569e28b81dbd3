/* SPDX-License-Identifier: ISC */
/*
 * The JSON shape of each record kind. DESIGN.md's fields come first and
 * keep their names; the extra fields after them (group_id, start, end,
 * entity_id, ...) let an analyst cite the exact span. Values go through
 * json_str, so hostile text cannot break a JSON Lines record.
 */
#include "query.h"

#include <string.h>

#include "json.h"

void
query_json_list(struct buf *b, const char *list, char sep)
{
	const char *p, *q;
	bool first = true;

	buf_putc(b, '[');
	for (p = list; p != NULL && *p != '\0'; p = *q ? q + 1 : q) {
		q = strchr(p, sep);
		if (q == NULL)
			q = p + strlen(p);
		if (q > p) {
			buf_puts(b, first ? "" : ",");
			json_strn(b, p, (size_t)(q - p));
			first = false;
		}
	}
	buf_putc(b, ']');
}

static void
kv_str(struct buf *b, const char *k, const char *v)
{
	buf_putc(b, ',');
	json_key(b, k);
	json_str(b, v);
}

static void
kv_int(struct buf *b, const char *k, int64_t v, bool null_if_zero)
{
	buf_putc(b, ',');
	json_key(b, k);
	if (null_if_zero && v == 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "%lld", (long long)v);
}

struct party_ctx {
	struct buf *b;
	bool role, first;
};

static int
party_json(void *arg, const struct store_party *p, struct err *e)
{
	struct party_ctx *c = arg;
	struct buf *b = c->b;

	(void)e;
	buf_puts(b, c->first ? "{" : ",{");
	c->first = false;
	json_key(b, "name");
	json_str(b, p->name);
	kv_str(b, "canonical", p->canonical);
	if (c->role)
		kv_str(b, "role", p->role);
	buf_putc(b, ',');
	json_key(b, "tags");
	query_json_list(b, p->tags, ',');
	kv_str(b, "entity_id", p->entity_id);
	kv_str(b, "country", p->country);
	buf_putc(b, '}');
	return 0;
}

static void
record_head(struct buf *b, const struct store_record *r)
{
	buf_putc(b, '{');
	json_key(b, "id");
	buf_printf(b, "%lld", (long long)r->id);
	kv_str(b, "url", r->url);
	kv_int(b, "document_id", r->document_id, false);
}

static void
record_tail(struct buf *b, const struct store_record *r)
{
	kv_str(b, "evidence", r->evidence);
	kv_int(b, "group_id", r->group_id, true);
	kv_int(b, "start", r->start, false);
	kv_int(b, "end", r->end, false);
	kv_str(b, "title", r->title);
	kv_str(b, "published", r->published);
	kv_str(b, "source", r->source);
	buf_putc(b, ',');
	json_key(b, "sectors");
	query_json_list(b, r->sectors, ',');
	buf_putc(b, '}');
}

int
query_json_event(struct buf *b, struct store *s, const struct store_record *r,
    struct err *e)
{
	struct party_ctx c = {b, true, true};

	record_head(b, r);
	kv_str(b, "type", r->type);
	kv_str(b, "name", r->name);
	kv_str(b, "date", r->date);
	kv_str(b, "location", r->location);
	buf_puts(b, ",\"orgs\":[");
	if (store_event_orgs_each(s, r->id, party_json, &c, e) == -1)
		return -1;
	buf_putc(b, ']');
	record_tail(b, r);
	return 0;
}

int
query_json_mou(struct buf *b, struct store *s, const struct store_record *r,
    struct err *e)
{
	struct party_ctx c = {b, false, true};

	record_head(b, r);
	kv_str(b, "date", r->date);
	kv_str(b, "location", r->location);
	buf_puts(b, ",\"parties\":[");
	if (store_mou_parties_each(s, r->id, party_json, &c, e) == -1)
		return -1;
	buf_putc(b, ']');
	record_tail(b, r);
	return 0;
}

void
query_json_org(struct buf *b, const struct store_org *o)
{
	buf_putc(b, '{');
	json_key(b, "canonical");
	json_str(b, o->canonical);
	buf_putc(b, ',');
	json_key(b, "names");
	query_json_list(b, o->names, STORE_SEP);
	kv_str(b, "country", o->country);
	buf_putc(b, ',');
	json_key(b, "tags");
	query_json_list(b, o->tags, ',');
	kv_str(b, "first_seen", o->first_seen);
	kv_str(b, "last_seen", o->last_seen);
	kv_int(b, "mentions", o->mentions, false);
	kv_int(b, "id", o->id, false);
	kv_str(b, "entity_id", o->entity_id);
	kv_str(b, "kind", o->kind);
	buf_puts(b, o->unverified ? ",\"unverified\":true}" :
				    ",\"unverified\":false}");
}

int
query_json_doc(struct buf *b, struct store *s, const struct store_doc *d,
    struct err *e)
{
	struct party_ctx c = {b, false, true};

	buf_putc(b, '{');
	json_key(b, "id");
	buf_printf(b, "%lld", (long long)d->id);
	kv_str(b, "url", d->url);
	kv_str(b, "title", d->title);
	kv_str(b, "published", d->published);
	kv_str(b, "lang", d->lang);
	kv_str(b, "fetched_at", d->fetched_at);
	kv_str(b, "capture_sha256", d->capture_sha256);
	buf_putc(b, ',');
	json_key(b, "sectors");
	query_json_list(b, d->sectors, ',');
	buf_puts(b, ",\"orgs\":[");
	if (store_doc_orgs_each(s, d->id, party_json, &c, e) == -1)
		return -1;
	buf_putc(b, ']');
	kv_str(b, "source", d->source);
	kv_int(b, "capture_id", d->capture_id, false);
	kv_int(b, "run_id", d->run_id, false);
	kv_int(b, "text_chars", d->text_chars, false);
	buf_putc(b, '}');
	return 0;
}

struct text_ctx {
	struct buf *b;
	bool role, first;
};

static int
party_text(void *arg, const struct store_party *p, struct err *e)
{
	struct text_ctx *c = arg;

	(void)e;
	buf_puts(c->b, c->first ? "" : "; ");
	c->first = false;
	buf_puts(c->b, p->canonical);
	if (c->role && p->role != NULL)
		buf_printf(c->b, " [%s]", p->role);
	return 0;
}

int
query_parties_text(struct buf *b, struct store *s, bool event, int64_t id,
    struct err *e)
{
	struct text_ctx c = {b, event, true};

	if (event)
		return store_event_orgs_each(s, id, party_text, &c, e);
	return store_mou_parties_each(s, id, party_text, &c, e);
}
