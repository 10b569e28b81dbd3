/* SPDX-License-Identifier: ISC */
/*
 * From options to a store_filter. Organisation names are looked up in
 * every script: the store keeps aliases as the gazetteer and the pages
 * wrote them (國家技術轉移東部中心 next to 国家技术转移东部中心), so the
 * query is tried as written (NFKC) and in both Chinese scripts (query_han.c).
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "xmem.h"

/* Only text with Han characters can have another script form. */
static bool
has_han(const char *s)
{
	const char *end = s + strlen(s);
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	for (const char *p = s; p < end; p += n > 0 ? n : 1) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c);
		if (n > 0 && ((c >= 0x3400 && c <= 0x9FFF) ||
		    (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000))
			return true;
	}
	return false;
}

int
query_variants(const char *s, char *out[QUERY_VARIANTS_MAX])
{
	utf8proc_uint8_t *nfkc = utf8proc_NFKC((const utf8proc_uint8_t *)s);

	out[0] = xstrdup(nfkc != NULL ? (const char *)nfkc : s);
	free(nfkc);
	if (!has_han(out[0]))
		return 1;
	return query_han_forms(out[0], out, 1, QUERY_VARIANTS_MAX);
}

void
query_variants_free(char *v[QUERY_VARIANTS_MAX], int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
}

static int
org_ids(struct store *s, const char *name, char **json, struct err *e)
{
	char *v[QUERY_VARIANTS_MAX];
	int64_t *ids = NULL;
	size_t nids = 0;
	int n = query_variants(name, v), rc = 0;
	struct buf b = {0};

	for (int pass = 0; pass < 2 && nids == 0 && rc == 0; pass++)
		for (int i = 0; i < n && rc == 0; i++)
			rc = store_org_find(s, v[i], pass == 1, &ids, &nids, e);
	query_variants_free(v, n);
	if (rc == -1 || nids == 0) {
		free(ids);
		return rc == -1 ? -1 : 1;
	}
	buf_putc(&b, '[');
	for (size_t i = 0; i < nids; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&b, ']');
	free(ids);
	*json = buf_steal(&b);
	return 0;
}

int
query_filter_build(struct store *s, const struct query_opts *o,
    struct store_filter *f, char since[11], char until[11], char **ids,
    struct err *e)
{
	time_t now = time(NULL);
	int rc;

	memset(f, 0, sizeof(*f));
	*ids = NULL;
	if (o->since != NULL) {
		if (query_date_parse(o->since, false, now, since, e) == -1)
			return -1;
		f->since = since;
	}
	if (o->until != NULL) {
		if (query_date_parse(o->until, true, now, until, e) == -1)
			return -1;
		f->until = until;
	}
	f->tag = o->tag;
	f->source = o->source;
	f->type = o->type;
	f->limit = o->limit;
	f->run_id = o->run_id;
	if (o->org == NULL)
		return 0;
	rc = org_ids(s, o->org, ids, e);
	if (rc == 1)
		fprintf(stderr, "kicwatch: no organisation is known as '%s'\n",
		    o->org);
	f->org_ids = *ids;
	return rc;
}
