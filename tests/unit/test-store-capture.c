/* SPDX-License-Identifier: ISC */
/*
 * store_capture_insert compresses a body itself, or takes one a worker
 * thread already compressed; either way store_capture_body gives back
 * the same bytes, and the cached statement keeps no pointer to the
 * caller's buffer after the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_capture.h"
#include "store_sched.h"
#include "t.h"
#include "zbody.h"

static const char html[] =
    "<html><body><h1>KIC중국, 上海技术交易所와 업무협약(MOU) 체결</h1>"
    "<p>2026년 3월 12일 베이징에서 열린 행사에서 양측은 협력하기로 했다.</p>"
    "</body></html>";

static int64_t
insert(struct store *s, int64_t src, const char *url, bool precompressed)
{
	struct store_capture_rec c = {
	    .source_id = src,
	    .url = url,
	    .final_url = url,
	    .fetched_at = "2026-03-12T08:00:00Z",
	    .status = 200,
	    .headers = "HTTP/1.1 200 OK\r\n",
	    .content_type = "text/html",
	    .charset = "utf-8",
	    .charset_source = "header",
	    .kind = "article",
	    .sha256 = "00",
	    .body = html,
	    .len = sizeof(html) - 1,
	};
	struct err e = {{0}};
	unsigned char *z = NULL;
	int64_t id = 0;

	if (precompressed) {
		T_ASSERT(zbody_deflate(html, sizeof(html) - 1, &z, &c.zlen,
		             &e) == 0);
		c.zbody = z;
		c.body = NULL;
	}
	T_ASSERT(store_capture_insert(s, &c, &id, &e) == 0);
	/* The statement must not read z after this (ASan would say). */
	if (z != NULL)
		memset(z, 0xee, c.zlen);
	free(z);
	return id;
}

int
main(void)
{
	char dir[] = "/tmp/kw-capture-XXXXXX", path[64];
	struct store *s = NULL;
	struct err e = {{0}};
	struct buf b = {0};
	int64_t src, a, z;

	T_ASSERT(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/t.db", dir);
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(store_source_ensure(s, "kic", "http://127.0.0.1/", &src,
	             &e) == 0);
	a = insert(s, src, "http://127.0.0.1/a", false);
	z = insert(s, src, "http://127.0.0.1/z", true);
	/* One more of each after the other, through the same statement. */
	insert(s, src, "http://127.0.0.1/a2", false);
	T_ASSERT(a > 0 && z > a);
	T_ASSERT(store_capture_body(s, a, 1 << 20, &b, &e) == 0);
	T_ASSERT(b.len == sizeof(html) - 1 && memcmp(b.data, html, b.len) == 0);
	buf_reset(&b);
	T_ASSERT(store_capture_body(s, z, 1 << 20, &b, &e) == 0);
	T_ASSERT(b.len == sizeof(html) - 1 && memcmp(b.data, html, b.len) == 0);
	buf_reset(&b);
	/* Over the caller's limit: refused, not truncated. */
	T_ASSERT(store_capture_body(s, z, 10, &b, &e) == -1);
	buf_free(&b);
	store_close(s);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db.lock", dir);
	unlink(path);
	rmdir(dir);
	return T_DONE();
}
