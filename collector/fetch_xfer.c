/* SPDX-License-Identifier: ISC */
/*
 * One attempt of a request on a curl easy handle: the options that bound
 * it, the header and write callbacks that enforce the size caps (curl
 * calls the write callback with decompressed data, so the body cap holds
 * after decompression), and reading the finished response: status, final
 * URL, media type, validators, Retry-After, and whether a failure is
 * worth retrying.
 */
#include "fetch_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "xmem.h"

/* Validators longer than this are not kept (nor sent back). */
#define HEADER_VALUE_MAX 1024

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_xfer *x = arg;
	size_t len = size * n;

	/* A new status line: a redirect hop or 1xx ended; keep the last. */
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		buf_reset(&x->headers);
		buf_reset(&x->body);
		x->header_bytes = 0;
	}
	x->header_bytes += len;
	if (x->header_bytes > x->f->o.max_header) {
		x->headers_over = true;
		return 0;
	}
	buf_append(&x->headers, p, len);
	return len;
}

/*
 * Before a response's first bytes: room for its declared length, once,
 * instead of doubling from 64 bytes (a 70 KB page held 128 KiB after a
 * dozen copies, sixteen transfers at once). Never past max_body; without
 * a Content-Length, or when it is the compressed size or a lie, appends
 * grow the buffer as usual.
 */
static void
reserve_declared(struct fetch_xfer *x, size_t room)
{
	curl_off_t cl = -1;

	if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
		&cl) != CURLE_OK || cl <= 0)
		return;
	buf_reserve_exact(&x->body, (uint64_t)cl < room ? (size_t)cl : room);
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_xfer *x = arg;
	size_t len = size * n, room = (size_t)(x->max_body - x->body.len);

	if (x->body.len == 0)
		reserve_declared(x, room);
	if (len > room) {
		if (x->truncate)
			buf_append(&x->body, p, room);
		x->body_over = true;
		return 0; /* curl aborts with CURLE_WRITE_ERROR */
	}
	buf_append(&x->body, p, len);
	return len;
}

static struct curl_slist *
request_headers(struct fetch_xfer *x)
{
	struct curl_slist *h = NULL;
	char line[HEADER_VALUE_MAX + 32];

	h = curl_slist_append(h, "Accept: text/html,application/xhtml+xml;"
	                         "q=0.9,*/*;q=0.8");
	h = curl_slist_append(h, "Accept-Language: ko,zh-CN;q=0.9,zh;q=0.8,"
	                         "en;q=0.5");
	x->conditional = false;
	if (x->etag != NULL) {
		snprintf(line, sizeof(line), "If-None-Match: %s", x->etag);
		h = curl_slist_append(h, line);
		x->conditional = true;
	}
	if (x->last_modified != NULL) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
		    x->last_modified);
		h = curl_slist_append(h, line);
		x->conditional = true;
	}
	return h;
}

static void
set_limits(CURL *c, const struct fetch_opts *o, const struct fetch_xfer *x)
{
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)o->max_redirects);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
	curl_easy_setopt(
	    c, CURLOPT_CONNECTTIMEOUT_MS, (long)o->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)o->low_speed_limit);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
	    (long)((o->low_speed_time_ms + 999) / 1000));
	/* Refuses early on a declared (compressed) length over the cap. */
	if (!x->truncate)
		curl_easy_setopt(
		    c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_body);
}

static void
set_options(CURL *c, const struct fetch_opts *o, struct fetch_xfer *x)
{
	curl_easy_setopt(c, CURLOPT_URL, x->url);
	curl_easy_setopt(c, CURLOPT_PRIVATE, x);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent);
	/* "" disables proxies, including http_proxy from the environment:
	 * only http.proxy decides where our traffic goes. */
	curl_easy_setopt(c, CURLOPT_PROXY, o->proxy ? o->proxy : "");
	curl_easy_setopt(c, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->hdrs);
	set_limits(c, o, x);
}

int
fetch_xfer_start(struct fetch *f, struct fetch_xfer *x, struct err *e)
{
	CURLMcode mc;

	x->easy = curl_easy_init();
	if (x->easy == NULL)
		return err_set(e, "fetch %s: cannot create a transfer", x->url);
	x->attempt++;
	x->errbuf[0] = '\0';
	x->header_bytes = 0;
	x->body_over = x->headers_over = false;
	x->hdrs = request_headers(x);
	set_options(x->easy, &f->o, x);
	x->started_ms = fetch_now_ms();
	x->started_at = (int64_t)time(NULL);
	mc = curl_multi_add_handle(f->multi, x->easy);
	if (mc != CURLM_OK) {
		fetch_xfer_reset(f, x);
		return err_set(
		    e, "fetch %s: %s", x->url, curl_multi_strerror(mc));
	}
	return 0;
}

void
fetch_xfer_reset(struct fetch *f, struct fetch_xfer *x)
{
	if (x->easy != NULL) {
		curl_multi_remove_handle(f->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
	}
	curl_slist_free_all(x->hdrs);
	x->hdrs = NULL;
	x->started_at = 0;
	buf_free(&x->headers);
	buf_free(&x->body);
}

/* The trimmed value of header name in raw, owned; NULL if absent/too long. */
static char *
header_value(const char *raw, const char *name)
{
	size_t nlen = strlen(name), vlen;
	const char *p = raw, *v;

	while (p != NULL && *p != '\0') {
		const char *eol = p + strcspn(p, "\r\n");

		if ((size_t)(eol - p) > nlen && p[nlen] == ':' &&
		    strncasecmp(p, name, nlen) == 0) {
			v = p + nlen + 1;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			vlen = (size_t)(eol - v);
			while (vlen > 0 &&
			       (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen == 0 || vlen > HEADER_VALUE_MAX)
				return NULL;
			return xstrndup(v, vlen);
		}
		p = eol + strspn(eol, "\r\n");
	}
	return NULL;
}

/* "Text/HTML; charset="GBK"" -> "text/html" and "GBK". */
static void
parse_content_type(const char *ct, char **type, char **charset)
{
	size_t n = strcspn(ct, "; \t");
	const char *cs;

	*type = *charset = NULL;
	if (n == 0 || n > 128)
		return;
	*type = xstrndup(ct, n);
	for (char *p = *type; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	cs = strcasestr(ct + n, "charset=");
	if (cs == NULL)
		return;
	cs += 8;
	cs += strspn(cs, "\"' ");
	n = strcspn(cs, "\"' ;,");
	if (n > 0 && n < 32)
		*charset = xstrndup(cs, n);
}

/* Retry-After: delta-seconds or an HTTP date; ms from now, 0 when none. */
static uint64_t
parse_retry_after(const char *v)
{
	uint64_t s = 0;
	time_t t;

	if (v == NULL)
		return 0;
	if (strspn(v, "0123456789") == strlen(v)) {
		for (; *v != '\0' && s < 10u * 365 * 86400; v++)
			s = s * 10 + (uint64_t)(*v - '0');
		return s * 1000;
	}
	t = curl_getdate(v, NULL);
	if (t == -1 || t <= time(NULL))
		return 0;
	return (uint64_t)(t - time(NULL)) * 1000;
}

static bool
transport_retryable(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

static void
read_response(struct fetch_xfer *x, struct fetch_outcome *o)
{
	char *ct = NULL, *ra;

	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (ct != NULL)
		parse_content_type(ct, &o->content_type, &o->charset);
	o->etag = header_value(x->headers.data ? x->headers.data : "", "etag");
	o->last_modified = header_value(
	    x->headers.data ? x->headers.data : "", "last-modified");
	o->retryable = o->code == 429 || (o->code >= 500 && o->code <= 599);
	if (o->code == 429 || o->code == 503) {
		ra = header_value(
		    x->headers.data ? x->headers.data : "", "retry-after");
		o->retry_after_ms = parse_retry_after(ra);
		free(ra);
		if (o->retry_after_ms > FETCH_RETRY_AFTER_CAP_MS) {
			o->retry_after_over = true;
			o->retryable = false;
			snprintf(o->error, sizeof(o->error),
			    "Retry-After of %llus "
			    "is over the %us we wait",
			    (unsigned long long)(o->retry_after_ms / 1000),
			    FETCH_RETRY_AFTER_CAP_MS / 1000);
		}
	}
}

static void
classify_error(struct fetch_xfer *x, CURLcode rc, struct fetch_outcome *o)
{
	const struct fetch_opts *op = &x->f->o;
	const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);

	o->status = FETCH_ERROR;
	if (x->headers_over)
		snprintf(o->error, sizeof(o->error),
		    "response headers over "
		    "%llu bytes (http.max_header)",
		    (unsigned long long)op->max_header);
	else if (x->body_over || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(o->error, sizeof(o->error),
		    "body over %llu bytes "
		    "(http.max_body)",
		    (unsigned long long)x->max_body);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		o->status = FETCH_REFUSED;
		snprintf(o->error, sizeof(o->error),
		    "redirect to a URL that "
		    "is not http or https refused: %s",
		    why);
	} else if (rc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(o->error, sizeof(o->error), "more than %u redirects",
		    op->max_redirects);
	else {
		snprintf(o->error, sizeof(o->error), "%s", why);
		o->retryable = transport_retryable(rc);
		/* The resolver answered, and it said no: asking again
		 * once covers a hiccup; more retries, minutes apart,
		 * only delay a round that cannot succeed (offline). */
		o->retry_once = rc == CURLE_COULDNT_RESOLVE_HOST ||
		    rc == CURLE_COULDNT_RESOLVE_PROXY;
	}
}

void
fetch_xfer_outcome(struct fetch_xfer *x, CURLcode rc, struct fetch_outcome *o)
{
	char *eff = NULL;

	memset(o, 0, sizeof(*o));
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &o->code);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	o->final_url = xstrdup(eff != NULL ? eff : x->url);
	if (rc != CURLE_OK && !(x->body_over && x->truncate)) {
		classify_error(x, rc, o);
		return;
	}
	/* Belt and braces: curl was told to follow only http and https. */
	if (strncasecmp(o->final_url, "http://", 7) != 0 &&
	    strncasecmp(o->final_url, "https://", 8) != 0) {
		o->status = FETCH_REFUSED;
		snprintf(o->error, sizeof(o->error),
		    "final URL is not http or "
		    "https");
		return;
	}
	o->status = FETCH_RESPONSE;
	read_response(x, o);
}

void
fetch_outcome_clear(struct fetch_outcome *o)
{
	free(o->final_url);
	free(o->content_type);
	free(o->charset);
	free(o->etag);
	free(o->last_modified);
	memset(o, 0, sizeof(*o));
}
