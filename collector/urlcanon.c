/* SPDX-License-Identifier: ISC */
/*
 * URL canonicalisation (see urlcanon.h). libcurl's URL API parses and
 * resolves; everything after that (percent-encoding, dot segments, query
 * order) is done here on the raw parts, because curl leaves escapes as it
 * found them and a fragment-only reference must resolve to the base
 * itself, which curl does not do.
 */
#include "urlcanon.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "xmem.h"
#include "hex.h"

struct qparam {
	const char *s;
	size_t len;  /* whole "name=value" */
	size_t klen; /* "name" */
	size_t idx;  /* original position: keeps the sort stable */
};

static bool
is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static void
put_escaped(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[3] = {'%', hex[c >> 4], hex[c & 15]};

	buf_append(b, s, 3);
}

/* Appends s[0..n) with escapes normalised: %41 -> A, %c3 -> %C3, ' ' -> %20. */
static void
norm_escapes(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n &&
		    hex_digit_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_digit_value((unsigned char)s[i + 2]) >= 0) {
			unsigned char v =
			    (unsigned char)(hex_digit_value((unsigned char)s[i + 1]) *
			                        16 +
			                    hex_digit_value((unsigned char)s[i + 2]));

			if (is_unreserved(v))
				buf_putc(b, (char)v);
			else
				put_escaped(b, v);
			i += 2;
		} else if (c == '%' || c <= 0x20 || c >= 0x7f ||
		           strchr("\"<>\\^`{|}", c) != NULL) {
			put_escaped(b, c);
		} else {
			buf_putc(b, (char)c);
		}
	}
}

/* Drops the last segment written ("/seg") from the output. */
static void
pop_segment(const char *path, char **out)
{
	while (*out > path && *--*out != '/')
		;
}

/* RFC 3986 5.2.4 on an absolute path, in place (output never overtakes input).
 */
static void
remove_dot_segments(char *path)
{
	char *in = path, *out = path;

	while (*in != '\0') {
		if (strncmp(in, "/./", 3) == 0) {
			in += 2;
		} else if (strcmp(in, "/.") == 0) {
			in[1] = '\0';
		} else if (strncmp(in, "/../", 4) == 0) {
			in += 3;
			pop_segment(path, &out);
		} else if (strcmp(in, "/..") == 0) {
			in += 2;
			*in = '/';
			pop_segment(path, &out);
		} else {
			do
				*out++ = *in++;
			while (*in != '\0' && *in != '/');
		}
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

static int
qparam_cmp(const void *a, const void *b)
{
	const struct qparam *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Appends "?" and the normalised query with parameters sorted by name. */
static void
put_query(struct buf *out, const char *q)
{
	struct buf nq = {0};
	struct qparam *v = NULL;
	size_t n = 0, i;
	const char *p, *end;

	norm_escapes(&nq, q, strlen(q));
	for (p = nq.data; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&");
		if (end == p)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].s = p;
		v[n].len = (size_t)(end - p);
		v[n].klen = strcspn(p, "=&");
		v[n].idx = n;
		n++;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), qparam_cmp);
	for (i = 0; i < n; i++) {
		buf_putc(out, i == 0 ? '?' : '&');
		buf_append(out, v[i].s, v[i].len);
	}
	free(v);
	buf_free(&nq);
}

/*
 * A name of letters, digits, '-', '_', '.' (and UTF-8 for IDNs), or an
 * IPv6 literal. curl decodes escapes in hosts, so a '%' left over would
 * decode differently on a second pass: refused.
 */
static bool
host_ok(const char *h, size_t n)
{
	if (n == 0 || h[0] == '.' || strstr(h, "..") != NULL)
		return false;
	if (h[0] == '[')
		return n > 2 && h[n - 1] == ']' &&
		       strspn(h + 1, "0123456789abcdefABCDEF:.") == n - 2;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		        c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* Host lowercased, trailing dot dropped; -1 when it is no host name. */
static int
put_host(struct buf *out, const char *host)
{
	size_t n = strlen(host);

	if (n > 0 && host[n - 1] == '.')
		n--;
	if (!host_ok(host, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = host[i];

		buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
	return 0;
}

/* The scheme of an absolute reference ("javascript" in "javascript:x"). */
static const char *
scheme_of(const char *ref, size_t *len)
{
	size_t i = 1;

	if (!((*ref >= 'a' && *ref <= 'z') || (*ref >= 'A' && *ref <= 'Z')))
		return NULL;
	while ((ref[i] >= 'a' && ref[i] <= 'z') ||
	       (ref[i] >= 'A' && ref[i] <= 'Z') ||
	       (ref[i] >= '0' && ref[i] <= '9') || ref[i] == '+' ||
	       ref[i] == '-' || ref[i] == '.')
		i++;
	if (ref[i] != ':')
		return NULL;
	*len = i;
	return ref;
}

/* Trims attribute whitespace and drops tabs and newlines inside (WHATWG). */
static char *
clean_ref(const char *ref)
{
	size_t n = strlen(ref), j = 0;
	char *s;

	while (n > 0 && (unsigned char)ref[n - 1] <= 0x20)
		n--;
	while (n > 0 && (unsigned char)*ref <= 0x20) {
		ref++;
		n--;
	}
	s = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		if (ref[i] != '\t' && ref[i] != '\n' && ref[i] != '\r')
			s[j++] = ref[i];
	s[j] = '\0';
	return s;
}

static int
check_scheme(const char *ref, struct err *e)
{
	const char *sch;
	size_t n;

	sch = scheme_of(ref, &n);
	if (sch == NULL)
		return 0;
	if ((n == 4 && strncasecmp(sch, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(sch, "https", 5) == 0))
		return 0;
	return err_set(e, "scheme '%.*s' not allowed (http and https only)",
	    (int)(n > 16 ? 16 : n), sch);
}

static int
parse(CURLU *u, const char *base, const char *ref, struct err *e)
{
	CURLUcode rc;

	if (base != NULL) {
		rc = curl_url_set(u, CURLUPART_URL, base, CURLU_ALLOW_SPACE);
		if (rc != CURLUE_OK)
			return err_set(
			    e, "bad base URL: %s", curl_url_strerror(rc));
		/* "" and "#x" name the base document itself (RFC 3986 5.4). */
		if (*ref == '\0' || *ref == '#')
			return 0;
	}
	rc = curl_url_set(u, CURLUPART_URL, ref, CURLU_ALLOW_SPACE);
	if (rc != CURLUE_OK)
		return err_set(e, "bad URL: %s", curl_url_strerror(rc));
	return 0;
}

static int
check_parts(CURLU *u, struct err *e)
{
	char *v = NULL;
	int rc = 0;

	if (curl_url_get(u, CURLUPART_SCHEME, &v, 0) != CURLUE_OK ||
	    (strcmp(v, "http") != 0 && strcmp(v, "https") != 0))
		rc = err_set(e,
		    "scheme '%.16s' not allowed (http and https "
		    "only)",
		    v ? v : "");
	curl_free(v);
	v = NULL;
	if (rc == 0 && curl_url_get(u, CURLUPART_USER, &v, 0) == CURLUE_OK)
		rc = err_set(e, "URL carries credentials");
	curl_free(v);
	return rc;
}

static int
assemble(CURLU *u, struct buf *out, struct err *e)
{
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	char *query = NULL;
	struct buf p = {0};
	int rc = -1;

	curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_get(u, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT);
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	buf_printf(out, "%s://", scheme);
	if (host == NULL || put_host(out, host) == -1) {
		err_set(e, "URL has no host");
		goto out;
	}
	if (port != NULL)
		buf_printf(out, ":%s", port);
	norm_escapes(&p, path ? path : "/", strlen(path ? path : "/"));
	if (p.len == 0 || p.data[0] != '/')
		buf_puts(&p, "/");
	remove_dot_segments(p.data);
	buf_puts(out, p.data);
	if (query != NULL)
		put_query(out, query);
	rc = 0;
out:
	buf_free(&p);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	return rc;
}

static int
canon_once(const char *base, const char *ref, char **out, struct err *e)
{
	struct buf b = {0};
	char *r;
	CURLU *u;
	int rc = -1;

	if (strlen(ref) > URLCANON_MAX ||
	    (base != NULL && strlen(base) > URLCANON_MAX))
		return err_set(e, "URL longer than %d bytes", URLCANON_MAX);
	r = clean_ref(ref);
	u = curl_url();
	if (u == NULL) {
		free(r);
		return err_set(e, "out of memory");
	}
	if (check_scheme(r, e) == -1 || parse(u, base, r, e) == -1 ||
	    check_parts(u, e) == -1 || assemble(u, &b, e) == -1)
		goto out;
	if (b.len > URLCANON_MAX) {
		err_set(e, "URL longer than %d bytes", URLCANON_MAX);
		goto out;
	}
	*out = buf_steal(&b);
	rc = 0;
out:
	buf_free(&b);
	curl_url_cleanup(u);
	free(r);
	return rc;
}

/*
 * Twice: curl decodes escapes in a host before it would normalise it
 * ("%30" becomes "0", which only a second parse turns into "0.0.0.0"),
 * and the canonical form must be a fixed point.
 */
int
urlcanon_resolve(const char *base, const char *ref, char **out, struct err *e)
{
	char *once = NULL;
	int rc;

	if (canon_once(base, ref, &once, e) == -1)
		return -1;
	rc = canon_once(NULL, once, out, e);
	free(once);
	return rc;
}

int
urlcanon_url(const char *url, char **out, struct err *e)
{
	return urlcanon_resolve(NULL, url, out, e);
}

/* Start of the authority ("host:port") and its length. */
static const char *
authority(const char *url, size_t *len)
{
	const char *p = strstr(url, "://");

	if (p == NULL)
		return NULL;
	p += 3;
	*len = strcspn(p, "/?#");
	return p;
}

int
urlcanon_host(const char *url, char *buf, size_t size)
{
	size_t n;
	const char *a = authority(url, &n);

	if (a == NULL || n == 0)
		return -1;
	if (a[0] == '[') {
		const char *rb = memchr(a, ']', n);

		if (rb == NULL)
			return -1;
		n = (size_t)(rb - a) + 1;
	} else {
		const char *colon = memchr(a, ':', n);

		if (colon != NULL)
			n = (size_t)(colon - a);
	}
	if (n == 0 || n >= size)
		return -1;
	for (size_t i = 0; i < n; i++)
		buf[i] =
		    (a[i] >= 'A' && a[i] <= 'Z') ? (char)(a[i] + 32) : a[i];
	buf[n] = '\0';
	return 0;
}

char *
urlcanon_robots_url(const char *url)
{
	size_t n;
	const char *a = authority(url, &n);

	if (a == NULL)
		return NULL;
	return xasprintf("%.*s/robots.txt", (int)((size_t)(a - url) + n), url);
}

const char *
urlcanon_path(const char *url)
{
	size_t n;
	const char *a = authority(url, &n);

	if (a == NULL)
		return "/";
	return a[n] == '\0' ? "/" : a + n;
}
