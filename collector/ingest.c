/* SPDX-License-Identifier: ISC */
/*
 * Ingest: capture in, document with records out. Only HTML is a document.
 * The body is decoded with the same charset rules as everywhere (header,
 * BOM, meta, detection), extraction resolves relative dates against the
 * publication date or, failing that, the fetch date, and the result goes
 * to the store in one atomic section. A page extraction cannot parse is
 * still stored, as a document without records, so the capture stays
 * visible and a later reparse with better rules can pick it up.
 */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "store_record.h"

/* How far into a body without a media type we look for HTML. */
#define SNIFF_BYTES 1024

static const char *const html_types[] = {"text/html",
    "application/xhtml+xml"};

static bool
prefix_ci(const unsigned char *p, size_t n, const char *word)
{
	size_t k = strlen(word);

	return n >= k && strncasecmp((const char *)p, word, k) == 0;
}

bool
ingest_is_html(const char *content_type, const unsigned char *body,
    size_t len)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;

	if (content_type != NULL && *content_type != '\0') {
		for (size_t i = 0; i < sizeof(html_types) / sizeof(*html_types);
		     i++)
			if (strcasecmp(content_type, html_types[i]) == 0)
				return true;
		return false;
	}
	/* No media type: a tag that only HTML starts with, early on. */
	for (size_t i = 0; i < n; i++)
		if (body[i] == '<' && (prefix_ci(body + i, n - i, "<html") ||
			prefix_ci(body + i, n - i, "<!doctype html") ||
			prefix_ci(body + i, n - i, "<head") ||
			prefix_ci(body + i, n - i, "<body")))
			return true;
	return false;
}

static bool
charset_char(int c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/* The charset= value in one Content-Type value ending at end. */
static bool
param_charset(const char *p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	for (; p + 8 <= end; p++)
		if (strncasecmp(p, "charset=", 8) == 0)
			break;
	if (p + 8 > end)
		return false;
	p += 8;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	while (p + n < end && charset_char((unsigned char)p[n]))
		n++;
	if (n == 0 || n >= size)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

bool
ingest_header_charset(const char *headers, char *out, size_t size)
{
	const char *line = headers, *end, *found = NULL, *found_end = NULL;

	if (headers == NULL)
		return false;
	while (*line != '\0') {
		end = line + strcspn(line, "\r\n");
		if (strncasecmp(line, "content-type:", 13) == 0) {
			found = line + 13;
			found_end = end;
		}
		line = end + strspn(end, "\r\n");
	}
	return found != NULL && param_charset(found, found_end, out, size);
}

/* "YYYY-MM-DD" from the store's time format, or NULL. */
static const char *
fetch_date(const char *fetched_at, char *buf)
{
	if (fetched_at == NULL || strlen(fetched_at) < 10)
		return NULL;
	memcpy(buf, fetched_at, 10);
	buf[10] = '\0';
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? buf[i] != '-'
				     : !isdigit((unsigned char)buf[i]))
			return NULL;
	return buf;
}

int
ingest_prepare(const struct extractor *x, const struct ingest_capture *c,
    struct ingest_doc *d)
{
	struct charset_result cs = {0};
	struct err e = {{0}};

	memset(d, 0, sizeof(*d));
	if (!ingest_is_document(c))
		return 1;
	if (charset_decode(c->body, c->len, c->header_charset, &cs, &e) == -1)
		return 1;
	return ingest_prepare_decoded(x, c, &cs, d);
}

bool
ingest_is_document(const struct ingest_capture *c)
{
	return c->len <= INGEST_MAX_BODY &&
	       ingest_is_html(c->content_type, c->body, c->len);
}

int
ingest_prepare_decoded(const struct extractor *x,
    const struct ingest_capture *c, struct charset_result *cs,
    struct ingest_doc *d)
{
	struct extract_input in = {0};
	char date[11];

	memset(d, 0, sizeof(*d));
	if (!ingest_is_document(c))
		return 1;
	d->cs = *cs;
	memset(cs, 0, sizeof(*cs));
	in.html = d->cs.utf8;
	in.len = d->cs.len;
	in.url = c->url;
	in.source = c->source;
	in.fallback_date = fetch_date(c->fetched_at, date);
	if (x == NULL)
		err_set(&d->extract_err, "no extractor");
	else if (extract_run(x, &in, &d->result, &d->extract_err) == -1)
		d->result = NULL;
	return 0;
}

int
ingest_store(struct store *s, int64_t run_id, const struct ingest_capture *c,
    const struct ingest_doc *d, struct err *e)
{
	static const struct extract_result empty;
	struct store_doc sd = {run_id, c->capture_id, c->source_id, c->url,
	    d->cs.name, d->cs.source};
	int64_t id;

	return store_document_insert(s, &sd,
	    d->result != NULL ? d->result : &empty, &id, e);
}

void
ingest_doc_deinit(struct ingest_doc *d)
{
	free(d->cs.utf8);
	extract_result_free(d->result);
	memset(d, 0, sizeof(*d));
}

int
ingest_capture(struct store *s, const struct extractor *x, int64_t run_id,
    const struct ingest_capture *c, struct err *e)
{
	struct ingest_doc d;
	int rc;

	if (ingest_prepare(x, c, &d) == 1)
		return 1;
	if (d.result == NULL)
		log_warnx("ingest: url=%s capture=%lld: %s; stored without "
			  "records",
		    c->url, (long long)c->capture_id, d.extract_err.msg);
	rc = ingest_store(s, run_id, c, &d, e);
	ingest_doc_deinit(&d);
	if (rc == -1)
		err_prefix(e, "ingest %s: ", c->url);
	return rc;
}
