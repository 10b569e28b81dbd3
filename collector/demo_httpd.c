/* SPDX-License-Identifier: ISC */
/*
 * The demo's static file server. Connections are served one after the
 * other by a single thread: the demo crawler uses one connection per host
 * anyway, and a sequential server has no shared state to get wrong. Each
 * read has a timeout so a silent client cannot wedge it, and the request
 * head is capped. The thread is stopped through a pipe polled with the
 * listening socket.
 */
#include "demo_httpd.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "xmem.h"
#include "hex.h"

#define HEAD_MAX 8192		/* request line and headers */
#define PATH_MAX_ 1024		/* decoded path and query */
#define IO_TIMEOUT_S 5

struct demo_httpd {
	char *root;		/* served directory, no trailing slash */
	int lfd;		/* listening socket */
	int stop[2];		/* pipe: a byte (or EOF) stops the thread */
	unsigned port;
	pthread_t thread;
	atomic_ulong requests;
};

struct request {
	char method[8];
	char target[PATH_MAX_];
	char if_none_match[128];
};

/* Percent-decodes the path into out; refuses NUL, "..", backslashes. */
static int
path_decode(const char *p, size_t n, char *out, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)p[i];

		if (c == '%' && i + 2 < n && hex_digit_value(p[i + 1]) >= 0 &&
		    hex_digit_value(p[i + 2]) >= 0) {
			c = hex_digit_value(p[i + 1]) * 16 + hex_digit_value(p[i + 2]);
			i += 2;
		}
		if (c == '\0' || c == '\\' || o + 1 >= size)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (out[0] != '/' || strstr(out, "/../") != NULL ||
	    (o >= 3 && strcmp(out + o - 3, "/..") == 0))
		return -1;
	return 0;
}

static int
param_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int c = strncmp(x, y, nx < ny ? nx : ny);

	if (c != 0)
		return c;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	/* Same name: keep the original order (pointers are ascending). */
	return x < y ? -1 : x > y;
}

/* Appends '@' and the query's parameters sorted by name to path. */
static int
query_append(char *path, size_t size, const char *query)
{
	char q[PATH_MAX_], *params[64], *save = NULL, *tok;
	size_t n = 0, len;

	if (strlen(query) >= sizeof(q) || strchr(query, '/') != NULL)
		return -1;
	strcpy(q, query);
	for (tok = strtok_r(q, "&", &save); tok != NULL;
	     tok = strtok_r(NULL, "&", &save)) {
		if (n == sizeof(params) / sizeof(params[0]))
			return -1;
		params[n++] = tok;
	}
	qsort(params, n, sizeof(params[0]), param_cmp);
	len = strlen(path);
	for (size_t i = 0; i < n; i++) {
		int r = snprintf(path + len, size - len, "%c%s",
		    i == 0 ? '@' : '&', params[i]);

		if (r < 0 || (size_t)r >= size - len)
			return -1;
		len += (size_t)r;
	}
	return 0;
}

static const char *
content_type(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (strchr(base, '@') != NULL || dot == NULL)
		return "text/html; charset=utf-8";
	if (strcmp(dot, ".txt") == 0)
		return "text/plain; charset=utf-8";
	if (strcmp(dot, ".css") == 0)
		return "text/css";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	return "text/html; charset=utf-8";
}

static int
read_head(int fd, struct buf *b)
{
	char chunk[1024];

	while (b->len < HEAD_MAX) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf_append(b, chunk, (size_t)n);
		if (strstr(b->data, "\r\n\r\n") != NULL ||
		    strstr(b->data, "\n\n") != NULL)
			return 0;
	}
	return -1;
}

static int
parse_request(const char *head, struct request *rq)
{
	const char *sp1 = strchr(head, ' '), *sp2, *h;
	size_t n;

	memset(rq, 0, sizeof(*rq));
	if (sp1 == NULL || (size_t)(sp1 - head) >= sizeof(rq->method))
		return -1;
	memcpy(rq->method, head, (size_t)(sp1 - head));
	sp2 = strchr(sp1 + 1, ' ');
	if (sp2 == NULL)
		return -1;
	n = (size_t)(sp2 - sp1 - 1);
	if (n == 0 || n >= sizeof(rq->target))
		return -1;
	memcpy(rq->target, sp1 + 1, n);
	h = strcasestr(head, "\nIf-None-Match:");
	if (h != NULL) {
		h += strlen("\nIf-None-Match:");
		h += strspn(h, " \t");
		n = strcspn(h, "\r\n");
		if (n < sizeof(rq->if_none_match))
			memcpy(rq->if_none_match, h, n);
	}
	return 0;
}

static void
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void
respond_status(int fd, int status, const char *reason)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg),
	    "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s\n",
	    status, reason, strlen(reason) + 1, reason);

	write_all(fd, msg, (size_t)n);
}

/* Maps the target to a file under root; -1 when it cannot exist. */
static int
target_file(const struct demo_httpd *h, const char *target, char *path,
    size_t size)
{
	char decoded[PATH_MAX_];
	const char *q = strchr(target, '?');
	size_t plen = q ? (size_t)(q - target) : strlen(target);
	int r;

	if (path_decode(target, plen, decoded, sizeof(decoded)) == -1)
		return -1;
	r = snprintf(path, size, "%s%s%s", h->root, decoded,
	    decoded[strlen(decoded) - 1] == '/' ? "index.html" : "");
	if (r < 0 || (size_t)r >= size)
		return -1;
	if (q != NULL && q[1] != '\0')
		return query_append(path, size, q + 1);
	return 0;
}

static void
send_file(int cfd, int fd, const struct stat *st, const char *path,
    const struct request *rq)
{
	char head[512], etag[64], lm[64];
	struct tm tm;
	int n;

	snprintf(etag, sizeof(etag), "\"%llx-%llx\"",
	    (unsigned long long)st->st_size,
	    (unsigned long long)st->st_mtim.tv_sec);
	gmtime_r(&st->st_mtim.tv_sec, &tm);
	strftime(lm, sizeof(lm), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (strcmp(rq->if_none_match, etag) == 0) {
		n = snprintf(head, sizeof(head),
		    "HTTP/1.1 304 Not Modified\r\nETag: %s\r\n"
		    "Connection: close\r\n\r\n", etag);
		write_all(cfd, head, (size_t)n);
		return;
	}
	n = snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\n"
	    "ETag: %s\r\nLast-Modified: %s\r\nServer: kicwatch-demo\r\n"
	    "Connection: close\r\n\r\n",
	    content_type(path), (long long)st->st_size, etag, lm);
	write_all(cfd, head, (size_t)n);
	if (strcmp(rq->method, "HEAD") == 0)
		return;
	for (;;) {
		char chunk[16384];
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r <= 0)
			break;
		write_all(cfd, chunk, (size_t)r);
	}
}

static int
serve(struct demo_httpd *h, int cfd, const struct request *rq)
{
	char path[PATH_MAX_ + 512];
	struct stat st;
	int fd;

	if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
		respond_status(cfd, 405, "Method Not Allowed");
		return 405;
	}
	if (target_file(h, rq->target, path, sizeof(path)) == -1) {
		respond_status(cfd, 400, "Bad Request");
		return 400;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (fd != -1)
			close(fd);
		respond_status(cfd, 404, "Not Found");
		return 404;
	}
	send_file(cfd, fd, &st, path, rq);
	close(fd);
	return 200;
}

static void
handle(struct demo_httpd *h, int cfd)
{
	struct timeval tv = {.tv_sec = IO_TIMEOUT_S};
	struct buf b = {0};
	struct request rq;
	int status;

	setsockopt(cfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(cfd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (read_head(cfd, &b) == -1 || parse_request(b.data, &rq) == -1) {
		respond_status(cfd, 400, "Bad Request");
		buf_free(&b);
		return;
	}
	status = serve(h, cfd, &rq);
	atomic_fetch_add(&h->requests, 1);
	log_debug("demo: %s %s %d", rq.method, rq.target, status);
	buf_free(&b);
}

static void *
loop(void *arg)
{
	struct demo_httpd *h = arg;
	struct pollfd pfd[2] = {{.fd = h->lfd, .events = POLLIN},
	    {.fd = h->stop[0], .events = POLLIN}};

	for (;;) {
		int cfd;

		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents != 0)
			break;
		cfd = accept4(h->lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd == -1)
			continue;
		handle(h, cfd);
		close(cfd);
	}
	return NULL;
}

static int
listen_local(unsigned port, unsigned *bound, struct err *e)
{
	struct sockaddr_in sin = {.sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	if (fd == -1)
		return err_set(e, "demo: socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(fd, 16) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1) {
		err_set(e, "demo: 127.0.0.1:%u: %s", port, strerror(errno));
		close(fd);
		return -1;
	}
	*bound = ntohs(sin.sin_port);
	return fd;
}

int
demo_httpd_start(const char *root, unsigned port, struct demo_httpd **out,
    struct err *e)
{
	struct demo_httpd *h;
	struct stat st;
	int r;

	if (stat(root, &st) == -1 || !S_ISDIR(st.st_mode))
		return err_set(e, "demo: %s: not a directory", root);
	h = xcalloc(1, sizeof(*h));
	h->root = xstrdup(root);
	if (h->root[0] != '\0' && h->root[strlen(h->root) - 1] == '/')
		h->root[strlen(h->root) - 1] = '\0';
	h->stop[0] = h->stop[1] = -1;
	h->lfd = listen_local(port, &h->port, e);
	if (h->lfd == -1)
		goto fail;
	if (pipe2(h->stop, O_CLOEXEC) == -1) {
		err_set(e, "demo: pipe: %s", strerror(errno));
		h->stop[0] = h->stop[1] = -1;
		goto fail;
	}
	r = pthread_create(&h->thread, NULL, loop, h);
	if (r != 0) {
		err_set(e, "demo: thread: %s", strerror(r));
		goto fail;
	}
	*out = h;
	return 0;
fail:
	if (h->lfd != -1)
		close(h->lfd);
	if (h->stop[0] != -1) {
		close(h->stop[0]);
		close(h->stop[1]);
	}
	free(h->root);
	free(h);
	return -1;
}

unsigned
demo_httpd_port(const struct demo_httpd *h)
{
	return h->port;
}

unsigned long
demo_httpd_requests(const struct demo_httpd *h)
{
	return atomic_load(&h->requests);
}

void
demo_httpd_stop(struct demo_httpd *h)
{
	if (h == NULL)
		return;
	close(h->stop[1]);
	pthread_join(h->thread, NULL);
	close(h->stop[0]);
	close(h->lfd);
	free(h->root);
	free(h);
}
