/* SPDX-License-Identifier: ISC */
/*
 * export warc: the captures as WARC/1.1, a warcinfo record first, then per
 * capture a request record (rebuilt: kicwatch keeps no request bytes
 * beyond the URL and User-Agent) and a response record with the status
 * line, the stored headers and the body. Each record is its own gzip
 * member, as standard WARC tools expect of .warc.gz.
 *
 * The body is stored decoded (libcurl undoes Content-Encoding and chunked
 * transfer), so Content-Encoding, Transfer-Encoding and Content-Length
 * are kept as X-Archive-Orig-* and a true Content-Length is added; the
 * payload digest is the sha256 of exactly those body bytes, checked
 * against the capture's stored digest. Record ids are UUIDs derived from
 * the capture, so exporting twice gives the same ids.
 */
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "log.h"
#include "sha256.h"
#include "xmem.h"

#define WARC_MAX_BODY (256u << 20)	/* far above http.max_body */

static int
gz_member(struct buf *rec, FILE *out, struct err *e)
{
	z_stream z = {0};
	unsigned char chunk[16384];
	int rc;

	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
		Z_DEFAULT_STRATEGY) != Z_OK)
		return err_set(e, "warc: deflateInit2 failed");
	z.next_in = (unsigned char *)rec->data;
	z.avail_in = (uInt)rec->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		if (fwrite(chunk, 1, sizeof(chunk) - z.avail_out, out) !=
		    sizeof(chunk) - z.avail_out) {
			deflateEnd(&z);
			return err_set(e, "warc: write failed");
		}
	} while (rc == Z_OK);
	deflateEnd(&z);
	buf_reset(rec);
	return rc == Z_STREAM_END ? 0 : err_set(e, "warc: deflate failed");
}

static void
base32(struct buf *b, const unsigned char *p, size_t n)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned acc = 0;
	int bits = 0;
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | p[i];
		bits += 8;
		while (bits >= 5) {
			buf_putc(b, alpha[(acc >> (bits - 5)) & 31]);
			bits -= 5;
			out++;
		}
	}
	if (bits > 0) {
		buf_putc(b, alpha[(acc << (5 - bits)) & 31]);
		out++;
	}
	for (; out % 8 != 0; out++)
		buf_putc(b, '=');
}

static void
digest_label(struct buf *b, const void *p, size_t n)
{
	struct sha256 c;
	unsigned char d[SHA256_LEN];

	sha256_init(&c);
	sha256_update(&c, p, n);
	sha256_final(&c, d);
	buf_puts(b, "sha256:");
	base32(b, d, sizeof(d));
}

/* <urn:uuid:...> from a digest of what the record is. */
static void
record_id(struct buf *b, const char *what, long long id)
{
	char seed[128], hex[SHA256_HEX_LEN];

	snprintf(seed, sizeof(seed), "kicwatch-warc:%s:%lld", what, id);
	sha256_hex(seed, strlen(seed), hex);
	hex[12] = '5';		/* a name-based UUID: version 5, */
	hex[16] = "89ab"[hex[16] % 4];	/* RFC 4122 variant */
	buf_printf(b, "<urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s>", hex, hex + 8,
	    hex + 12, hex + 16, hex + 20);
}

/* The last header block (after redirects and 100 Continue), one line at
 * a time, without its status line; lines are CRLF or LF separated. */
static const char *
last_block(const char *h)
{
	const char *p, *last = h;

	for (p = h; p != NULL && *p != '\0'; p++) {
		if ((p[0] == '\n' && p[1] == '\n') ||
		    (p[0] == '\n' && p[1] == '\r' && p[2] == '\n')) {
			const char *q = p + (p[1] == '\n' ? 2 : 3);

			if (*q != '\0')
				last = q;
		}
	}
	return last;
}

static bool
header_is(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len > n && strncasecmp(line, name, n) == 0 && line[n] == ':';
}

static void
http_head(struct buf *b, const struct store_capture *c, size_t body_len)
{
	const char *p = last_block(c->headers ? c->headers : ""), *q;
	size_t len;
	bool status = strncmp(p, "HTTP/", 5) == 0;

	if (!status)
		buf_printf(b, "HTTP/1.1 %lld -\r\n", (long long)c->status);
	for (; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, "\n");
		len = (size_t)(q - p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		if (header_is(p, len, "Content-Encoding") ||
		    header_is(p, len, "Transfer-Encoding") ||
		    header_is(p, len, "Content-Length"))
			buf_puts(b, "X-Archive-Orig-");
		buf_append(b, p, len);
		buf_puts(b, "\r\n");
	}
	buf_printf(b, "Content-Length: %zu\r\n\r\n", body_len);
}

/* A header value from the store: control bytes would end the field. */
static void
field(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_putc(b, *s);
}

static void
warc_head(struct buf *b, const char *type, const char *id, const char *date,
    const char *uri)
{
	buf_printf(b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
		      "WARC-Date: ", type, id);
	field(b, date);
	if (uri != NULL) {
		buf_puts(b, "\r\nWARC-Target-URI: ");
		field(b, uri);
	}
	buf_puts(b, "\r\n");
}

static int
warcinfo(struct export_ctx *x, struct err *e)
{
	struct buf fields = {0}, id = {0};
	char now[21];

	store_now(now, sizeof(now));
	buf_printf(&fields, "software: kicwatch/%s\r\nformat: WARC File Format "
			    "1.1\r\nconformsTo: http://iipc.github.io/"
			    "warc-specifications/specifications/warc-format/"
			    "warc-1.1/\r\ndescription: captures exported from "
			    "a kicwatch store\r\n", KICWATCH_VERSION);
	record_id(&id, now, 0);
	warc_head(x->b, "warcinfo", id.data, now, NULL);
	buf_printf(x->b, "Content-Type: application/warc-fields\r\n"
			 "Content-Length: %zu\r\n\r\n", fields.len);
	buf_append(x->b, fields.data, fields.len);
	buf_puts(x->b, "\r\n\r\n");
	buf_free(&fields);
	buf_free(&id);
	return gz_member(x->b, x->out, e);
}

/* The body as fetched, in a new allocation (*body, caller frees). */
static int
body_get(const struct store_capture *c, unsigned char **body, size_t *len,
    struct err *e)
{
	uLongf n;

	if (!c->compressed) {
		*body = xmalloc(c->body_len ? c->body_len : 1);
		memcpy(*body, c->body, c->body_len);
		*len = c->body_len;
		return 0;
	}
	if (c->size < 0 || (uint64_t)c->size > WARC_MAX_BODY)
		return err_set(e, "capture %lld: size %lld out of range",
		    (long long)c->id, (long long)c->size);
	n = (uLongf)c->size;
	*body = xmalloc(n ? n : 1);
	if (uncompress(*body, &n, c->body, (uLong)c->body_len) != Z_OK ||
	    n != (uLongf)c->size) {
		free(*body);
		return err_set(e, "capture %lld: body does not inflate to its "
				  "stored size", (long long)c->id);
	}
	*len = n;
	return 0;
}

static void
request_block(struct buf *b, const struct store_capture *c)
{
	const char *u = c->final_url, *host, *path;
	struct buf t = {0};
	size_t hlen;

	host = strstr(u, "://");
	host = host ? host + 3 : u;
	hlen = strcspn(host, "/?#");
	path = host + hlen;

	buf_printf(&t, "GET %s%.*s HTTP/1.1", *path == '/' ? "" : "/",
	    (int)strcspn(path, "#"), path);
	field(b, t.data);
	buf_reset(&t);
	buf_printf(&t, "%.*s", (int)hlen, host);
	buf_puts(b, "\r\nHost: ");
	field(b, t.data);
	buf_puts(b, "\r\n");
	buf_free(&t);
	if (c->user_agent != NULL) {
		buf_puts(b, "User-Agent: ");
		field(b, c->user_agent);
		buf_puts(b, "\r\n");
	}
	buf_puts(b, "Accept-Encoding: gzip, deflate\r\n\r\n");
}

static int
pair(struct export_ctx *x, const struct store_capture *c,
    const unsigned char *body, size_t len, struct err *e)
{
	struct buf blk = {0}, id = {0}, rid = {0}, dg = {0};
	int rc;

	http_head(&blk, c, len);
	buf_append(&blk, body, len);
	record_id(&rid, "response", (long long)c->id);
	warc_head(x->b, "response", rid.data, c->fetched_at, c->final_url);
	digest_label(&dg, body, len);
	buf_printf(x->b, "WARC-Payload-Digest: %s\r\n", dg.data);
	buf_reset(&dg);
	digest_label(&dg, blk.data, blk.len);
	buf_printf(x->b, "WARC-Block-Digest: %s\r\nContent-Type: application/"
			 "http;msgtype=response\r\nContent-Length: %zu\r\n\r\n",
	    dg.data, blk.len);
	buf_append(x->b, blk.data, blk.len);
	buf_puts(x->b, "\r\n\r\n");
	rc = gz_member(x->b, x->out, e);
	buf_reset(&blk);
	request_block(&blk, c);
	record_id(&id, "request", (long long)c->id);
	warc_head(x->b, "request", id.data, c->fetched_at, c->final_url);
	buf_printf(x->b, "WARC-Concurrent-To: %s\r\nContent-Type: application/"
			 "http;msgtype=request\r\nContent-Length: %zu\r\n\r\n",
	    rid.data, blk.len);
	buf_append(x->b, blk.data, blk.len);
	buf_puts(x->b, "\r\n\r\n");
	if (rc == 0)
		rc = gz_member(x->b, x->out, e);
	buf_free(&blk), buf_free(&id), buf_free(&rid), buf_free(&dg);
	return rc;
}

static int
capture_cb(void *arg, const struct store_capture *c, struct err *e)
{
	struct export_ctx *x = arg;
	char hex[SHA256_HEX_LEN];
	unsigned char *body = NULL;
	size_t len = 0;
	int rc;

	if (body_get(c, &body, &len, e) == -1) {
		log_warnx("export: %s; skipped", e->msg);
		return 0;
	}
	sha256_hex(body, len, hex);
	if (c->sha256 == NULL || strcmp(hex, c->sha256) != 0)
		log_warnx("export: capture %lld: body sha256 %s differs from "
			  "the stored %s", (long long)c->id, hex,
		    c->sha256 ? c->sha256 : "(none)");
	rc = pair(x, c, body, len, e);
	free(body);
	x->count++;
	return rc;
}

static int
warc_run(struct export_ctx *x, struct err *e)
{
	if (warcinfo(x, e) == -1)
		return -1;
	return store_captures_each(x->s, x->f, capture_cb, x, e);
}

const struct export_ops export_warc = {
	.name = "warc",
	.what = "captures as WARC/1.1, gzip per record (.warc.gz)",
	.binary = true,
	.run = warc_run,
};
