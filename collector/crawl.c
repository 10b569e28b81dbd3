/* SPDX-License-Identifier: ISC */
/*
 * The crawl engine (see crawl.h): rounds, jobs and the loop. A round
 * counts its unfinished jobs in `pending`; code that may submit jobs while
 * handling one holds the round (crawl_hold/crawl_release) so that it is
 * not reported finished halfway. A round ends when pending drops to zero.
 */
#include "crawl_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "store_record.h"
#include "store_sched.h"
#include "urlcanon.h"
#include "xmem.h"

int
crawl_new(const struct cfg *c, struct store *s, const struct extractor *x,
    struct crawl **out, struct err *e)
{
	struct crawl *cr = xcalloc(1, sizeof(*cr));
	struct fetch_opts o;

	cr->cfg = c;
	cr->store = s;
	cr->x = x;
	/* Full-text rows in bulk, at each batch's commit: row by row, each
	 * document wrote a segment per index (schema 0012). A small page
	 * cache: a crawl rereads little. */
	if (store_fts_defer(s, true, e) == -1 || store_lean_mode(s, e) == -1) {
		free(cr);
		return -1;
	}
	fetch_opts_from_cfg(&c->http, &o);
	if (fetch_new(&o, &cr->fetch, e) == -1) {
		free(cr);
		return -1;
	}
	cr->work = crawl_work_new();
	cr->robots = robots_cache_new();
	cr->user_agent =
	    c->http.user_agent != NULL ? c->http.user_agent : o.user_agent;
	robots_ua_token(o.user_agent, cr->ua_token, sizeof(cr->ua_token));
	*out = cr;
	return 0;
}

static void
round_free(struct crawl_round *r)
{
	strset_free(&r->seen);
	free(r->start_url);
	free(r);
}

void
crawl_free(struct crawl *cr)
{
	struct err e = {{0}};

	if (cr == NULL)
		return;
	/* Jobs are freed by their callbacks, which log nothing now. */
	cr->closing = true;
	crawl_work_free(cr->work);
	(void)crawl_flush(cr, &e);
	crawl_robots_cancel(cr);
	fetch_cancel(cr->fetch);
	fetch_free(cr->fetch);
	for (size_t i = 0; i < cr->nrounds; i++)
		round_free(cr->rounds[i]);
	free(cr->rounds);
	free(cr->waits);
	robots_cache_free(cr->robots);
	free(cr);
}

void
crawl_on_done(struct crawl *cr, crawl_done_fn fn, void *arg)
{
	cr->done = fn;
	cr->done_arg = arg;
}

bool
crawl_source_is_running(const struct crawl *cr, const char *name)
{
	for (size_t i = 0; i < cr->nrounds; i++)
		if (strcmp(cr->rounds[i]->src->name, name) == 0)
			return true;
	return false;
}

void
crawl_io_fail(struct crawl *cr, const struct err *e)
{
	if (cr->io_failed)
		return;
	cr->io_failed = true;
	cr->io = *e;
}

void
crawl_round_fail(struct crawl_round *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return;
	r->failed = true;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
}

static void
log_summary(const struct crawl_round *r)
{
	const struct crawl_summary *s = &r->sum;

	log_info("crawl: source=%s: %u list pages, %u stored, %u unchanged, "
	         "%u not modified, %u documents, %u errors, %u retries, "
	         "%u disallowed, %u refused, %llu bytes in %.1fs%s%s%s",
	    s->source, s->list_pages, s->stored, s->unchanged, s->not_modified,
	    s->documents, s->errors, s->retries, s->disallowed, s->refused,
	    (unsigned long long)s->bytes, (double)s->ms / 1000,
	    s->backfilled ? ", archive backfilled" : "",
	    s->ok ? "" : "; round failed: ", s->ok ? "" : s->error);
}

static void
round_finish(struct crawl_round *r)
{
	struct crawl *cr = r->cr;
	struct err e = {{0}};
	size_t i;

	r->sum.ok = !r->failed;
	r->sum.error = r->failed ? r->error : NULL;
	r->sum.ms = (uint64_t)(fetch_now_ms() - r->started_ms);
	/* The round's pages are durable before its bookkeeping is. */
	(void)crawl_flush(cr, &e);
	if (r->backfill && r->archive_end && !r->list_failed && !r->failed &&
	    !cr->io_failed) {
		if (store_source_set_backfilled(cr->store, r->source_id, &e) ==
		    -1)
			crawl_io_fail(cr, &e);
		else
			r->sum.backfilled = true;
	}
	log_summary(r);
	for (i = 0; i < cr->nrounds && cr->rounds[i] != r; i++)
		;
	if (i < cr->nrounds) {
		memmove(cr->rounds + i, cr->rounds + i + 1,
		    (cr->nrounds - i - 1) * sizeof(*cr->rounds));
		cr->nrounds--;
	}
	if (cr->done != NULL)
		cr->done(cr->done_arg, &r->sum);
	round_free(r);
}

void
crawl_hold(struct crawl_round *r)
{
	r->pending++;
}

void
crawl_release(struct crawl_round *r)
{
	if (--r->pending == 0 && !r->cr->closing)
		round_finish(r);
}

struct crawl_job *
crawl_job_new(
    struct crawl_round *r, enum crawl_kind kind, const char *url, unsigned page)
{
	struct crawl_job *j = xcalloc(1, sizeof(*j));

	j->cr = r->cr;
	j->round = r;
	j->kind = kind;
	j->url = xstrdup(url);
	j->origin = urlcanon_robots_url(url);
	/* "scheme://host:port/robots.txt" -> "scheme://host:port" */
	if (j->origin != NULL)
		j->origin[strlen(j->origin) - strlen("/robots.txt")] = '\0';
	j->page = page;
	r->pending++;
	return j;
}

void
crawl_job_free(struct crawl_job *j)
{
	store_url_state_clear(&j->st);
	free(j->url);
	free(j->origin);
	free(j);
}

void
crawl_job_done(struct crawl_job *j)
{
	struct crawl_round *r = j->round;

	crawl_job_free(j);
	crawl_release(r);
}

void
crawl_enqueue(
    struct crawl_round *r, enum crawl_kind kind, const char *url, unsigned page)
{
	struct crawl_job *j;

	if (!strset_add(&r->seen, url))
		return;
	j = crawl_job_new(r, kind, url, page);
	if (kind == CRAWL_LIST)
		r->sum.list_pages++;
	if (j->origin == NULL) {
		crawl_log_skip(j, "refused", "unchecked", "URL without a host");
		crawl_job_done(j);
		return;
	}
	crawl_robots_gate(j);
}

/* Conditional GET, except for list pages while backfilling: their links
 * are needed even when the page did not change. */
static bool
wants_conditional(const struct crawl_job *j)
{
	return j->known && !(j->kind == CRAWL_LIST && j->round->backfill);
}

void
crawl_job_fetch(struct crawl_job *j, const char *robots)
{
	struct fetch_req req = {.url = j->url, .cb = crawl_page_cb, .arg = j};
	struct err e = {{0}};
	int rc;

	j->robots = robots;
	rc = store_url_state_get(j->cr->store, j->url, &j->st, &e);
	if (rc == -1) {
		crawl_io_fail(j->cr, &e);
		crawl_job_done(j);
		return;
	}
	j->known = rc == 0;
	if (wants_conditional(j)) {
		req.etag = j->st.etag;
		req.last_modified = j->st.last_modified;
	}
	if (fetch_submit(j->cr->fetch, &req, &e) == -1) {
		crawl_log_skip(j, "refused", robots, e.msg);
		crawl_job_done(j);
	}
}

static int
revisit_one(void *arg, const char *url, struct err *e)
{
	struct crawl_round *r = arg;
	struct store_url_state st;
	enum crawl_kind kind = CRAWL_ARTICLE;

	if (store_url_state_get(r->cr->store, url, &st, e) == -1)
		return -1;
	if (strcmp(st.kind, "page") == 0)
		kind = CRAWL_PAGE;
	store_url_state_clear(&st);
	crawl_enqueue(r, kind, url, 0);
	return 0;
}

static struct crawl_round *
round_new(struct crawl *cr, const struct cfg_source *src, int64_t id)
{
	struct crawl_round *r = xcalloc(1, sizeof(*r));

	r->cr = cr;
	r->src = src;
	r->source_id = id;
	r->sum.source = src->name;
	r->sum.src = src;
	r->sum.source_id = id;
	r->started_ms = fetch_now_ms();
	cr->rounds =
	    xreallocarray(cr->rounds, cr->nrounds + 1, sizeof(*cr->rounds));
	cr->rounds[cr->nrounds++] = r;
	return r;
}

static void
round_begin(struct crawl_round *r)
{
	struct err e = {{0}};

	if (urlcanon_url(r->src->url, &r->start_url, &e) == -1) {
		crawl_round_fail(r, "start URL %s: %s", r->src->url, e.msg);
		return;
	}
	crawl_enqueue(
	    r, r->src->list != NULL ? CRAWL_LIST : CRAWL_PAGE, r->start_url, 1);
	if (store_url_due_each(r->cr->store, r->source_id, (int64_t)time(NULL),
	        CRAWL_REVISIT_MAX, revisit_one, r, &e) == -1)
		crawl_io_fail(r->cr, &e);
}

int
crawl_source_start(
    struct crawl *cr, const struct cfg_source *src, struct err *e)
{
	struct crawl_round *r;
	int64_t id;
	bool backfilled;

	if (crawl_source_is_running(cr, src->name))
		return 1;
	if (store_source_ensure(cr->store, src->name, src->url, &id, e) == -1 ||
	    store_source_backfilled(cr->store, id, &backfilled, e) == -1)
		return -1;
	r = round_new(cr, src, id);
	r->backfill = src->list != NULL && !backfilled;
	log_debug("crawl: source=%s: round starts%s", src->name,
	    r->backfill ? " (backfill)" : "");
	crawl_hold(r);
	round_begin(r);
	crawl_release(r);
	return 0;
}

/* The extra fds a poll watches: the caller's and the workers' eventfd. */
#define POLL_EXTRA_MAX 8

int
crawl_poll(struct crawl *cr, struct curl_waitfd *extra, unsigned nextra,
    int max_ms, int *nready, struct err *e)
{
	struct curl_waitfd fds[POLL_EXTRA_MAX];
	long t = crawl_tx_timeout_ms(cr);
	int wfd = crawl_work_fd(cr->work), rc;

	if (t >= 0 && (max_ms < 0 || t < max_ms))
		max_ms = (int)t;
	if (wfd == -1 || nextra >= POLL_EXTRA_MAX)
		return fetch_poll(cr->fetch, extra, nextra, max_ms, nready, e);
	if (nextra > 0)
		memcpy(fds, extra, nextra * sizeof(*fds));
	fds[nextra] = (struct curl_waitfd){.fd = wfd, .events = CURL_WAIT_POLLIN};
	rc = fetch_poll(cr->fetch, fds, nextra + 1, max_ms, NULL, e);
	if (nready != NULL)
		*nready = 0;
	for (unsigned i = 0; i < nextra; i++) {
		extra[i].revents = fds[i].revents;
		if (nready != NULL)
			*nready += extra[i].revents != 0;
	}
	return rc;
}

int
crawl_step(struct crawl *cr, struct err *e)
{
	if (!cr->io_failed && fetch_step(cr->fetch, e) == -1)
		return -1;
	/* Pages the workers finished: their rows, on this thread. */
	crawl_work_drain(cr->work, false);
	crawl_tx_tick(cr);
	if (cr->io_failed) {
		*e = cr->io;
		return -1;
	}
	return 0;
}

long
crawl_timeout_ms(struct crawl *cr)
{
	long t = fetch_timeout_ms(cr->fetch), b = crawl_tx_timeout_ms(cr);

	return b >= 0 && (t < 0 || b < t) ? b : t;
}

bool
crawl_is_idle(const struct crawl *cr)
{
	return cr->nrounds == 0 && fetch_is_idle(cr->fetch) &&
	       crawl_work_idle(cr->work);
}

void
crawl_cancel(struct crawl *cr)
{
	for (size_t i = 0; i < cr->nrounds; i++)
		crawl_round_fail(cr->rounds[i], "cancelled");
	/* Parked jobs first: cancelling a robots.txt fetch releases them. */
	crawl_robots_cancel(cr);
	fetch_cancel(cr->fetch);
	/* Pages fetched already are stored, and their rounds end. */
	crawl_work_drain(cr->work, true);
}

int
crawl_round_record(struct sched *sc, struct store *s,
    const struct crawl_summary *sum, struct err *e)
{
	struct store_sched_row before;
	int64_t now = (int64_t)time(NULL);
	uint64_t delay = 0;

	if (store_sched_get(s, sum->source_id, &before, e) == -1 ||
	    sched_finished(sc, s, sum->source, now, sum->ok ? NULL : sum->error,
	        &delay, e) == -1)
		return -1;
	if (!sum->ok && before.failures == 0)
		log_warnx("crawl: source=%s: failing: %s (next try in %llus)",
		    sum->source, sum->error, (unsigned long long)delay);
	else if (sum->ok && before.failures > 0)
		log_warnx("crawl: source=%s: recovered after %u failed rounds",
		    sum->source, before.failures);
	return 0;
}
