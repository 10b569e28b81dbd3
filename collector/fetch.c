/* SPDX-License-Identifier: ISC */
/*
 * The fetch engine (see fetch.h): per-host queues, politeness, retries and
 * the curl multi loop. Politeness is ours, not curl's: a host may start a
 * request when fewer than per_host_connections of its requests run and
 * its delay has passed since the previous request both started and
 * ended, so a slow response never lets the next one follow at once.
 * CURLMOPT_MAX_HOST_CONNECTIONS is set as well, as a second fence.
 */
#include "fetch_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "urlcanon.h"
#include "xmem.h"

#ifndef KICWATCH_VERSION
#define KICWATCH_VERSION "0.0.0"
#endif

int64_t
fetch_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t
or_default(uint64_t v, uint64_t def)
{
	return v != 0 ? v : def;
}

void
fetch_opts_from_cfg(const struct cfg_http *h, struct fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->user_agent = h->user_agent != NULL ? h->user_agent
	                                      : "kicwatch/" KICWATCH_VERSION;
	o->proxy = h->proxy;
	o->timeout_ms = or_default(h->timeout_ms, 30000);
	o->connect_timeout_ms = or_default(h->connect_timeout_ms, 10000);
	o->low_speed_limit = h->low_speed_limit;
	o->low_speed_time_ms = or_default(h->low_speed_time_ms, 20000);
	o->max_body = or_default(h->max_body, 8u << 20);
	o->max_header = or_default(h->max_header, 64u << 10);
	o->per_host_delay_ms = h->per_host_delay_ms;
	o->per_host_connections =
	    (unsigned)or_default(h->per_host_connections, 1);
	o->max_connections = (unsigned)or_default(h->max_connections, 8);
	o->max_redirects = h->max_redirects;
	o->retries = h->retries;
	o->retry_base_ms = h->retry_base_ms;
}

void
fetch_global_init(void)
{
	static bool done;	/* main thread only */

	if (!done)
		curl_global_init(CURL_GLOBAL_DEFAULT);
	done = true;
}

int
fetch_new(const struct fetch_opts *o, struct fetch **out, struct err *e)
{
	struct fetch *f;

	fetch_global_init();
	f = xcalloc(1, sizeof(*f));

	f->o = *o;
	f->o.user_agent = xstrdup(o->user_agent);
	f->o.proxy = xstrdup(o->proxy);
	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		fetch_free(f);
		return err_set(e, "fetch: cannot create a curl multi handle");
	}
	curl_multi_setopt(
	    f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->o.per_host_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->o.max_connections);
	f->rnd = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^
	         (uint64_t)fetch_now_ms();
	*out = f;
	return 0;
}

static void
xfer_free(struct fetch *f, struct fetch_xfer *x)
{
	fetch_xfer_reset(f, x);
	free(x->url);
	free(x->etag);
	free(x->last_modified);
	free(x);
}

static void
list_free(struct fetch *f, struct fetch_xfer *x)
{
	struct fetch_xfer *next;

	for (; x != NULL; x = next) {
		next = x->next;
		xfer_free(f, x);
	}
}

void
fetch_free(struct fetch *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nhosts; i++) {
		list_free(f, f->hosts[i]->running);
		list_free(f, f->hosts[i]->head);
		free(f->hosts[i]->name);
		free(f->hosts[i]);
	}
	free(f->hosts);
	if (f->multi != NULL)
		curl_multi_cleanup(f->multi);
	free((char *)f->o.user_agent);
	free((char *)f->o.proxy);
	free(f);
}

static struct fetch_host *
host_get(struct fetch *f, const char *name)
{
	struct fetch_host *h;

	for (size_t i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i]->name, name) == 0)
			return f->hosts[i];
	h = xcalloc(1, sizeof(*h));
	h->name = xstrdup(name);
	h->delay_ms = f->o.per_host_delay_ms;
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof(*f->hosts));
	f->hosts[f->nhosts++] = h;
	return h;
}

/* No request starts on h before until (monotonic ms). */
static void
host_hold(struct fetch_host *h, int64_t until)
{
	if (h->next_ms < until)
		h->next_ms = until;
}

static void
enqueue(struct fetch *f, struct fetch_xfer *x, bool front)
{
	struct fetch_host *h = x->host;

	if (front) {
		x->next = h->head;
		h->head = x;
		if (h->tail == NULL)
			h->tail = x;
	} else {
		x->next = NULL;
		if (h->tail != NULL)
			h->tail->next = x;
		else
			h->head = x;
		h->tail = x;
	}
	f->queued++;
}

int
fetch_submit(struct fetch *f, const struct fetch_req *r, struct err *e)
{
	struct fetch_xfer *x;
	char host[256];

	if (urlcanon_host(r->url, host, sizeof(host)) == -1)
		return err_set(e, "fetch %.200s: no host in URL", r->url);
	x = xcalloc(1, sizeof(*x));
	x->f = f;
	x->host = host_get(f, host);
	x->url = xstrdup(r->url);
	x->etag = xstrdup(r->etag);
	x->last_modified = xstrdup(r->last_modified);
	x->max_body = r->max_body != 0 ? r->max_body : f->o.max_body;
	x->truncate = r->truncate;
	x->cb = r->cb;
	x->arg = r->arg;
	enqueue(f, x, false);
	return 0;
}

void
fetch_host_delay(struct fetch *f, const char *host, uint64_t delay_ms)
{
	struct fetch_host *h = host_get(f, host);

	if (delay_ms <= h->delay_ms)
		return;
	h->delay_ms = delay_ms;
	/* Learnt from robots.txt, which was itself a request. */
	if (h->last_ms != 0)
		host_hold(h, h->last_ms + (int64_t)delay_ms);
}

/* Uniform in [base/2, 3*base/2): retries of many clients spread out. */
static uint64_t
jitter(struct fetch *f, uint64_t base)
{
	f->rnd ^= f->rnd << 13;
	f->rnd ^= f->rnd >> 7;
	f->rnd ^= f->rnd << 17;
	return base == 0 ? 0 : base / 2 + f->rnd % base;
}

static uint64_t
backoff_ms(struct fetch *f, unsigned attempt)
{
	uint64_t d = f->o.retry_base_ms;

	for (unsigned i = 1; i < attempt && d < FETCH_BACKOFF_CAP_MS; i++)
		d *= 2;
	if (d > FETCH_BACKOFF_CAP_MS)
		d = FETCH_BACKOFF_CAP_MS;
	return jitter(f, d);
}

static void
deliver(struct fetch_xfer *x, const struct fetch_outcome *o, bool retry,
    uint64_t wait_ms)
{
	struct fetch_result r = {
	    .status = o->status,
	    .code = o->code,
	    .url = x->url,
	    .final_url = o->final_url ? o->final_url : x->url,
	    .headers = x->headers.data ? x->headers.data : "",
	    .body = &x->body,
	    .content_type = o->content_type,
	    .charset = o->charset,
	    .etag = o->etag,
	    .last_modified = o->last_modified,
	    .error = o->error[0] ? o->error : NULL,
	    .truncated = x->body_over && x->truncate,
	    .conditional = x->conditional,
	    .attempt = x->attempt,
	    .will_retry = retry,
	    .retry_in_ms = wait_ms,
	    .started_at = x->started_at,
	    .ms = x->started_at != 0
	              ? (uint64_t)(fetch_now_ms() - x->started_ms)
	              : 0,
	    .bytes = x->body.len,
	};

	x->cb(x->arg, &r);
}

static void
unlink_running(struct fetch_host *h, struct fetch_xfer *x)
{
	struct fetch_xfer **pp = &h->running;

	while (*pp != NULL && *pp != x)
		pp = &(*pp)->next;
	if (*pp == x)
		*pp = x->next;
	x->next = NULL;
}

static void
finish(struct fetch *f, struct fetch_xfer *x, CURLcode rc)
{
	struct fetch_host *h = x->host;
	struct fetch_outcome o;
	int64_t now = fetch_now_ms();
	uint64_t wait = 0;
	bool retry;

	fetch_xfer_outcome(x, rc, &o);
	unlink_running(h, x);
	h->active--;
	f->active--;
	h->last_ms = now;
	host_hold(h, now + (int64_t)h->delay_ms);
	/* Retry-After on a 429 or 503 speaks for the whole host. */
	host_hold(h, now + (int64_t)(o.retry_after_ms < FETCH_RETRY_AFTER_CAP_MS
	                                 ? o.retry_after_ms
	                                 : FETCH_RETRY_AFTER_CAP_MS));
	/* Too long to wait for: the host is left alone until then. */
	if (o.retry_after_over) {
		h->closed_ms = now + (int64_t)o.retry_after_ms;
		h->closed_s = o.retry_after_ms / 1000;
	}
	retry = o.retryable && x->attempt <= f->o.retries &&
	    !(o.retry_once && x->attempt > 1);
	if (retry) {
		wait = backoff_ms(f, x->attempt);
		if (wait < o.retry_after_ms)
			wait = o.retry_after_ms;
	}
	deliver(x, &o, retry, wait);
	fetch_outcome_clear(&o);
	if (!retry) {
		xfer_free(f, x);
		return;
	}
	fetch_xfer_reset(f, x);
	x->not_before_ms = now + (int64_t)wait;
	enqueue(f, x, true);
}

/* The first waiting request of h whose backoff is over, unlinked. */
static struct fetch_xfer *
take_ready(struct fetch *f, struct fetch_host *h, int64_t now)
{
	struct fetch_xfer **pp = &h->head, *prev = NULL, *x;

	while (*pp != NULL && (*pp)->not_before_ms > now) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	x = *pp;
	if (x == NULL)
		return NULL;
	*pp = x->next;
	if (h->tail == x)
		h->tail = prev;
	x->next = NULL;
	f->queued--;
	return x;
}

static void
fail_start(struct fetch_xfer *x, const char *why)
{
	struct fetch_outcome o = {.status = FETCH_ERROR};

	snprintf(o.error, sizeof(o.error), "%s", why);
	deliver(x, &o, false, 0);
}

/*
 * A host that asked for more quiet than we wait (Retry-After over the
 * cap) gets no request until then: its queue fails at once.
 */
static unsigned
refuse_closed(struct fetch *f, struct fetch_host *h)
{
	struct fetch_xfer *x;
	char why[160];
	unsigned n = 0;

	snprintf(why, sizeof(why), "not requested: %s asked for %llus of "
	    "quiet (Retry-After)", h->name, (unsigned long long)h->closed_s);
	while ((x = take_ready(f, h, INT64_MAX)) != NULL) {
		fail_start(x, why);
		xfer_free(f, x);
		n++;
	}
	return n;
}

/* Starts what h may start now; returns how many. */
static unsigned
dispatch_host(struct fetch *f, struct fetch_host *h, int64_t now)
{
	struct fetch_xfer *x;
	struct err e;
	unsigned started = 0;

	if (now < h->closed_ms)
		return refuse_closed(f, h);
	while (h->active < f->o.per_host_connections &&
	       f->active < f->o.max_connections && now >= h->next_ms) {
		x = take_ready(f, h, now);
		if (x == NULL)
			break;
		if (fetch_xfer_start(f, x, &e) == -1) {
			fail_start(x, e.msg);
			xfer_free(f, x);
			continue;
		}
		x->next = h->running;
		h->running = x;
		h->active++;
		f->active++;
		started++;
		h->last_ms = now;
		host_hold(h, now + (int64_t)h->delay_ms);
	}
	return started;
}

/* Hands finished attempts to finish(); returns how many. */
static unsigned
drain(struct fetch *f)
{
	struct fetch_xfer *x;
	unsigned n = 0;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(
		    m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x != NULL) {
			finish(f, x, m->data.result);
			n++;
		}
	}
	return n;
}

/*
 * Until nothing changes: a transfer can finish within the perform that
 * started it (loopback), and its message must not wait for a poll that
 * has no socket left to wake it.
 */
int
fetch_step(struct fetch *f, struct err *e)
{
	unsigned changed;
	CURLMcode mc;
	int running;

	do {
		mc = curl_multi_perform(f->multi, &running);
		if (mc != CURLM_OK)
			return err_set(e, "fetch: %s", curl_multi_strerror(mc));
		changed = drain(f);
		for (size_t i = 0; i < f->nhosts; i++)
			changed +=
			    dispatch_host(f, f->hosts[i], fetch_now_ms());
	} while (changed > 0);
	return 0;
}

/* When h may start its next waiting request (monotonic ms), or -1. */
static int64_t
host_ready_at(const struct fetch *f, const struct fetch_host *h)
{
	int64_t soonest = INT64_MAX;

	if (h->head == NULL || h->active >= f->o.per_host_connections)
		return -1;
	for (const struct fetch_xfer *x = h->head; x != NULL; x = x->next)
		if (x->not_before_ms < soonest)
			soonest = x->not_before_ms;
	return soonest > h->next_ms ? soonest : h->next_ms;
}

long
fetch_timeout_ms(struct fetch *f)
{
	int64_t now = fetch_now_ms(), at;
	long best = -1, t = -1;

	curl_multi_timeout(f->multi, &t);
	if (t >= 0)
		best = t;
	if (f->active >= f->o.max_connections)
		return best;
	for (size_t i = 0; i < f->nhosts; i++) {
		at = host_ready_at(f, f->hosts[i]);
		if (at < 0)
			continue;
		t = at > now ? (long)(at - now) : 0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int
fetch_poll(struct fetch *f, struct curl_waitfd *extra, unsigned nextra,
    int max_ms, int *nready, struct err *e)
{
	long t = fetch_timeout_ms(f);
	CURLMcode mc;
	int n = 0;

	if (max_ms >= 0 && (t < 0 || t > max_ms))
		t = max_ms;
	/* Idle with no deadline: still wake up now and then. */
	if (t < 0 || t > 60000)
		t = 60000;
	mc = curl_multi_poll(f->multi, extra, nextra, (int)t, &n);
	if (mc != CURLM_OK)
		return err_set(e, "fetch: %s", curl_multi_strerror(mc));
	if (nready != NULL) {
		*nready = 0;
		for (unsigned i = 0; i < nextra; i++)
			*nready += extra[i].revents != 0;
	}
	return 0;
}

bool
fetch_is_idle(const struct fetch *f)
{
	return f->active == 0 && f->queued == 0;
}

static void
cancel_list(struct fetch *f, struct fetch_xfer *x)
{
	struct fetch_outcome o = {.status = FETCH_CANCELLED};
	struct fetch_xfer *next;

	snprintf(o.error, sizeof(o.error), "cancelled");
	for (; x != NULL; x = next) {
		next = x->next;
		deliver(x, &o, false, 0);
		xfer_free(f, x);
	}
}

void
fetch_cancel(struct fetch *f)
{
	for (size_t i = 0; i < f->nhosts; i++) {
		struct fetch_host *h = f->hosts[i];
		struct fetch_xfer *run = h->running, *wait = h->head;

		/* Detached first: a callback may submit anew. */
		h->running = h->head = h->tail = NULL;
		f->active -= h->active;
		h->active = 0;
		cancel_list(f, run);
		for (struct fetch_xfer *x = wait; x != NULL; x = x->next)
			f->queued--;
		cancel_list(f, wait);
	}
}
