/* SPDX-License-Identifier: ISC */
/*
 * The robots.txt gate of the crawl. A job whose origin has no verdict is
 * parked while that origin's robots.txt is fetched (one fetch per origin,
 * however many jobs wait), then let through or logged as disallowed. A
 * robots.txt is kept as a capture with its url_state, so a later crawl
 * process reuses it while it is younger than http.robots_ttl instead of
 * asking again. Answers follow RFC 9309 2.3.1: 2xx gives the rules, a 4xx
 * means there are none ("allow all"), while a 5xx, a 429 or no answer at
 * all means the site cannot tell us, so nothing may be fetched from it
 * for CRAWL_ROBOTS_RETRY_S.
 */
#include "crawl_priv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "urlcanon.h"
#include "xmem.h"

static uint64_t
ttl_s(const struct crawl *cr)
{
	return cr->cfg->http.robots_ttl != 0 ? cr->cfg->http.robots_ttl : 86400;
}

static struct crawl_wait *
wait_find(struct crawl *cr, const char *origin)
{
	for (size_t i = 0; i < cr->nwaits; i++)
		if (strcmp(cr->waits[i].origin, origin) == 0)
			return &cr->waits[i];
	return NULL;
}

/* Detaches origin's parked jobs; then lets them through or drops them. */
static void
release(struct crawl *cr, const char *origin, bool drop)
{
	struct crawl_wait *w = wait_find(cr, origin);
	struct crawl_job *j, *next;

	if (w == NULL)
		return;
	j = w->parked;
	free(w->origin);
	*w = cr->waits[--cr->nwaits];
	for (; j != NULL; j = next) {
		next = j->next;
		j->next = NULL;
		if (drop)
			crawl_job_done(j);
		else
			crawl_robots_gate(j);
	}
}

void
crawl_robots_cancel(struct crawl *cr)
{
	while (cr->nwaits > 0) {
		char *origin = xstrdup(cr->waits[0].origin);

		release(cr, origin, true);
		free(origin);
	}
}

static char *
robots_url(const char *origin)
{
	return xasprintf("%s/robots.txt", origin);
}

static void
cache_body(struct crawl *cr, const char *origin, const char *body, size_t len,
    int64_t expires)
{
	struct robots *rb = robots_parse(body, len, cr->ua_token);

	log_debug("robots: %s: %zu rules for %s, crawl-delay %llums", origin,
	    robots_rule_count(rb), cr->ua_token,
	    (unsigned long long)robots_crawl_delay_ms(rb));
	robots_cache_set_rules(cr->robots, origin, rb, expires);
}

/* A robots.txt stored by an earlier process and still fresh; true if so. */
static bool
load_stored(struct crawl *cr, const char *origin, int64_t now)
{
	struct store_url_state st;
	struct buf body = {0};
	struct err e = {{0}};
	char *url = robots_url(origin);
	int64_t expires;
	int rc;

	rc = store_url_state_get(cr->store, url, &st, &e);
	free(url);
	if (rc != 0 || st.last_fetched_at == 0 ||
	    now >= st.last_fetched_at + (int64_t)ttl_s(cr)) {
		if (rc == -1)
			crawl_io_fail(cr, &e);
		store_url_state_clear(&st);
		return false;
	}
	expires = st.last_fetched_at + (int64_t)ttl_s(cr);
	rc = st.capture_id > 0 ? store_capture_body(cr->store, st.capture_id,
	                             ROBOTS_MAX_BYTES, &body, &e)
	                       : 1;
	if (rc == -1)
		crawl_io_fail(cr, &e);
	else if (rc == 0)
		cache_body(
		    cr, origin, body.data ? body.data : "", body.len, expires);
	else
		robots_cache_set_rules(cr->robots, origin, NULL, expires);
	buf_free(&body);
	store_url_state_clear(&st);
	return rc != -1;
}

static void robots_cb(void *arg, const struct fetch_result *res);

/* Parks j behind its origin's robots.txt, fetching it if nobody does. */
static void
park(struct crawl_job *j)
{
	struct crawl *cr = j->cr;
	struct crawl_wait *w = wait_find(cr, j->origin);
	struct fetch_req req = {
	    .max_body = ROBOTS_MAX_BYTES, .truncate = true, .cb = robots_cb};
	struct crawl_job *rj;
	struct err e = {{0}};
	char *url;

	if (w != NULL) {
		/* In order: they are let through as they came. */
		struct crawl_job **pp = &w->parked;

		while (*pp != NULL)
			pp = &(*pp)->next;
		j->next = NULL;
		*pp = j;
		return;
	}
	cr->waits =
	    xreallocarray(cr->waits, cr->nwaits + 1, sizeof(*cr->waits));
	w = &cr->waits[cr->nwaits++];
	w->origin = xstrdup(j->origin);
	w->parked = j;
	j->next = NULL;
	url = robots_url(j->origin);
	rj = crawl_job_new(j->round, CRAWL_ROBOTS, url, 0);
	free(url);
	rj->robots = "unchecked";
	if (store_url_state_get(cr->store, rj->url, &rj->st, &e) == -1)
		crawl_io_fail(cr, &e);
	rj->known = rj->st.source_id != 0;
	if (rj->st.capture_id > 0) {
		req.etag = rj->st.etag;
		req.last_modified = rj->st.last_modified;
	}
	req.url = rj->url;
	req.arg = rj;
	if (fetch_submit(cr->fetch, &req, &e) == -1) {
		robots_cache_set_unavailable(cr->robots, rj->origin,
		    (int64_t)time(NULL) + CRAWL_ROBOTS_RETRY_S);
		crawl_job_done(rj);
		release(cr, j->origin, false);
	}
}

static void
refuse(struct crawl_job *j, enum robots_verdict v)
{
	if (v == ROBOTS_DISALLOWED)
		crawl_log_skip(j, "robots_disallowed", "disallowed",
		    "robots.txt disallows this URL");
	else
		crawl_log_skip(j, "robots_disallowed", "unavailable",
		    "robots.txt could not be fetched: nothing is allowed "
		    "(RFC 9309 2.3.1.4)");
	crawl_job_done(j);
}

void
crawl_robots_gate(struct crawl_job *j)
{
	struct crawl *cr = j->cr;
	int64_t now = (int64_t)time(NULL);
	enum robots_verdict v;
	uint64_t delay = 0;
	char host[256];

	if (!cr->cfg->http.robots) {
		crawl_job_fetch(j, "unchecked");
		return;
	}
	v = robots_cache_check(
	    cr->robots, j->origin, urlcanon_path(j->url), now, &delay);
	if (v == ROBOTS_UNKNOWN && load_stored(cr, j->origin, now))
		v = robots_cache_check(
		    cr->robots, j->origin, urlcanon_path(j->url), now, &delay);
	switch (v) {
	case ROBOTS_ALLOWED:
		if (delay > 0 && urlcanon_host(j->url, host, sizeof(host)) == 0)
			fetch_host_delay(cr->fetch, host, delay);
		crawl_job_fetch(j, "allowed");
		break;
	case ROBOTS_DISALLOWED:
	case ROBOTS_UNAVAILABLE:
		refuse(j, v);
		break;
	case ROBOTS_UNKNOWN:
		park(j);
		break;
	}
}

/* 2xx: the rules, kept as a capture like any page. */
static void
on_rules(struct crawl_job *j, const struct fetch_result *res, int64_t now)
{
	const char *outcome = "error";
	struct crawl_prep p;
	char at[32];
	struct err e = {{0}};
	int rc;

	/* A few hundred bytes once per origin: prepared right here. */
	crawl_prep_init(&p, j, res, "robots", at);
	crawl_prep_run(&p);
	if (!crawl_tx_begin(j->cr)) {
		crawl_prep_deinit(&p);
		return;
	}
	rc = crawl_keep(j, res, &p, &outcome, &e);
	crawl_tx_end(j->cr, rc, &e);
	crawl_prep_deinit(&p);
	cache_body(j->cr, j->origin, res->body->data ? res->body->data : "",
	    res->body->len, now + (int64_t)ttl_s(j->cr));
}

/* 304: the stored rules are still right. */
static void
on_same(struct crawl_job *j, const struct fetch_result *res, int64_t now)
{
	struct store_url_state st = j->st;
	struct err e = {{0}};
	int rc;

	st.last_fetched_at = now;
	if (!crawl_tx_begin(j->cr))
		return;
	rc = store_url_state_put(j->cr->store, j->url, &st, &e);
	if (rc == 0)
		rc = crawl_log_attempt(
		    j, res, "not_modified", NULL, j->st.capture_id, &e);
	crawl_tx_end(j->cr, rc, &e);
	if (rc == 0 && !load_stored(j->cr, j->origin, now))
		robots_cache_set_rules(j->cr->robots, j->origin, NULL,
		    now + (int64_t)ttl_s(j->cr));
}

/* 4xx: no rules; remembered for the TTL like a robots.txt would be. */
static void
on_none(struct crawl_job *j, const struct fetch_result *res, int64_t now)
{
	struct store_url_state st = {
	    .source_id = j->round->source_id, .last_fetched_at = now};
	struct err e = {{0}};
	char why[64];
	int rc;

	snprintf(st.kind, sizeof(st.kind), "robots");
	snprintf(why, sizeof(why), "HTTP %ld: no robots.txt, all allowed",
	    res->code);
	if (!crawl_tx_begin(j->cr))
		return;
	rc = store_url_state_put(j->cr->store, j->url, &st, &e);
	if (rc == 0)
		rc = crawl_log_attempt(j, res, "http_error", why, 0, &e);
	crawl_tx_end(j->cr, rc, &e);
	robots_cache_set_rules(
	    j->cr->robots, j->origin, NULL, now + (int64_t)ttl_s(j->cr));
}

static void
on_unavailable(struct crawl_job *j, const struct fetch_result *res, int64_t now)
{
	char why[320];
	struct err e = {{0}};
	const char *outcome = res->status == FETCH_RESPONSE  ? "http_error"
	                      : res->status == FETCH_REFUSED ? "refused"
	                                                     : "error";

	if (res->status == FETCH_RESPONSE)
		snprintf(why, sizeof(why), "HTTP %ld", res->code);
	else
		snprintf(why, sizeof(why), "%s", res->error ? res->error : "?");
	log_debug("robots: %s: unavailable (%s): nothing fetched from it for "
	          "%ds",
	    j->origin, why, CRAWL_ROBOTS_RETRY_S);
	if (crawl_tx_begin(j->cr))
		crawl_tx_end(j->cr,
		    crawl_log_attempt(j, res, outcome, why, 0, &e), &e);
	robots_cache_set_unavailable(
	    j->cr->robots, j->origin, now + CRAWL_ROBOTS_RETRY_S);
}

static void
on_answer(struct crawl_job *j, const struct fetch_result *res)
{
	int64_t now = (int64_t)time(NULL);

	if (res->status == FETCH_RESPONSE && res->code >= 200 &&
	    res->code <= 299)
		on_rules(j, res, now);
	else if (res->status == FETCH_RESPONSE && res->code == 304 &&
	         j->st.capture_id > 0)
		on_same(j, res, now);
	else if (res->status == FETCH_RESPONSE && res->code >= 400 &&
	         res->code <= 499 && res->code != 429)
		on_none(j, res, now);
	else
		on_unavailable(j, res, now);
}

static void
robots_cb(void *arg, const struct fetch_result *res)
{
	struct crawl_job *j = arg;
	struct crawl *cr = j->cr;
	struct crawl_round *r = j->round;
	struct err e = {{0}};
	bool drop =
	    cr->closing || cr->io_failed || res->status == FETCH_CANCELLED;

	if (res->will_retry && drop)
		return; /* the engine keeps the request, and j with it */
	if (res->will_retry) {
		r->sum.retries++;
		if (crawl_tx_begin(cr))
			crawl_tx_end(cr,
			    crawl_log_attempt(j, res,
				res->status == FETCH_RESPONSE ? "http_error"
							      : "error",
				res->error ? res->error : "retrying", 0, &e),
			    &e);
		return;
	}
	crawl_hold(r);
	if (!drop)
		on_answer(j, res);
	release(cr, j->origin, drop);
	crawl_job_done(j);
	crawl_release(r);
}

bool
crawl_robots_denies(struct crawl *cr, const char *url)
{
	char *origin = urlcanon_robots_url(url);
	enum robots_verdict v = ROBOTS_UNKNOWN;

	if (origin != NULL && cr->cfg->http.robots) {
		origin[strlen(origin) - strlen("/robots.txt")] = '\0';
		v = robots_cache_check(cr->robots, origin, urlcanon_path(url),
		    (int64_t)time(NULL), NULL);
	}
	free(origin);
	return v == ROBOTS_DISALLOWED;
}
