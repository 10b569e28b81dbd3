/* SPDX-License-Identifier: ISC */
/*
 * What a crawl does with each answer: one fetch_log row per attempt; for
 * a 2xx body either "unchanged" (same sha256 as the stored one) or a new
 * capture, with its url_state and, for an article or page, its document,
 * in one savepoint of the batch (crawl_tx.c); for a 304 only the
 * bookkeeping. A 2xx body goes through a worker first (digest, decoding,
 * extraction: crawl_body.c, crawl_work.c); its rows are written when it
 * comes back, on this thread. A list page's body (fresh, or the stored
 * one after a 304) is then read for item and next-page links.
 */
#include "crawl_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "ingest.h"
#include "listpage.h"
#include "log.h"
#include "sha256.h"
#include "store_record.h"
#include "xmem.h"

static const char *const kind_names[] = {
    [CRAWL_LIST] = "list",
    [CRAWL_ARTICLE] = "article",
    [CRAWL_PAGE] = "page",
    [CRAWL_ROBOTS] = "robots",
};

static bool
is_start(const struct crawl_job *j)
{
	return j->page == 1;
}

int
crawl_log_attempt(struct crawl_job *j, const struct fetch_result *res,
    const char *outcome, const char *error, int64_t capture_id, struct err *e)
{
	char at[32];
	struct store_fetch_rec f = {
	    .source_id = j->round->source_id,
	    .url = j->url,
	    .at = at,
	    .attempt = res->attempt,
	    .status = res->code,
	    .outcome = outcome,
	    .error = error,
	    .bytes = res->bytes,
	    .ms = res->ms,
	    .conditional = res->conditional,
	    .robots = j->robots != NULL ? j->robots : "unchecked",
	    .user_agent = j->cr->user_agent,
	    .capture_id = capture_id,
	};

	store_time_fmt(res->started_at ? res->started_at : (int64_t)time(NULL),
	    at, sizeof(at));
	log_debug("fetch: source=%s url=%s: %s%s%s (HTTP %ld, %llu bytes, "
	          "%llums, attempt %u%s)",
	    j->round->src->name, j->url, outcome, error ? ": " : "",
	    error ? error : "", res->code, (unsigned long long)res->bytes,
	    (unsigned long long)res->ms, res->attempt,
	    res->conditional ? ", conditional" : "");
	return store_fetch_log_insert(j->cr->store, &f, e);
}

void
crawl_log_skip(struct crawl_job *j, const char *outcome, const char *robots,
    const char *why)
{
	struct fetch_result res = {.attempt = 1};
	struct err e = {{0}};

	j->robots = robots;
	if (strcmp(outcome, "refused") == 0)
		j->round->sum.refused++;
	else
		j->round->sum.disallowed++;
	if (crawl_tx_begin(j->cr))
		crawl_tx_end(j->cr,
		    crawl_log_attempt(j, &res, outcome, why, 0, &e), &e);
	if (is_start(j))
		crawl_round_fail(j->round, "%s: %s", j->url, why);
}

static uint64_t
revisit_s(const struct crawl_job *j)
{
	uint64_t v = j->round->src->revisit;

	if (v == 0)
		v = j->cr->cfg->default_revisit;
	return v != 0 ? v : 7 * 86400;
}

/* Next visit of an article after a good fetch; lists go every round. */
static int64_t
next_visit(const struct crawl_job *j, int64_t now)
{
	if (j->kind == CRAWL_LIST || j->kind == CRAWL_ROBOTS)
		return 0;
	return now + (int64_t)revisit_s(j);
}

static void
state_base(struct crawl_job *j, struct store_url_state *st, const char *kind)
{
	*st = j->st;
	st->etag = j->st.etag;
	st->last_modified = j->st.last_modified;
	st->source_id = j->round->source_id;
	snprintf(st->kind, sizeof(st->kind), "%s", kind);
}

static bool
is_html(const struct fetch_result *res)
{
	const char *p;

	if (res->content_type != NULL)
		return strcmp(res->content_type, "text/html") == 0 ||
		       strcmp(res->content_type, "application/xhtml+xml") == 0;
	/* No type given: sniff like a browser would, roughly. */
	p = res->body->data ? res->body->data : "";
	p += strspn(p, " \t\r\n\xef\xbb\xbf");
	return *p == '<';
}

void
crawl_prep_init(struct crawl_prep *p, const struct crawl_job *j,
    const struct fetch_result *res, const char *kind, char *fetched_at)
{
	memset(p, 0, sizeof(*p));
	p->x = j->cr->x;
	p->kind = kind;
	if (j->known)
		memcpy(p->old_sha, j->st.sha256, sizeof(p->old_sha));
	store_time_fmt(res->started_at, fetched_at, 32);
	p->ic = (struct ingest_capture){
	    .source_id = j->round->source_id,
	    .source = j->round->src,
	    .url = j->url,
	    .fetched_at = fetched_at,
	    .content_type = res->content_type,
	    .header_charset = res->charset,
	    .body = (const unsigned char *)res->body->data,
	    .len = res->body->len,
	};
}

/* The document of capture id, when p extracted one. */
static int
ingest(struct crawl_job *j, struct crawl_prep *p, int64_t id, struct err *e)
{
	struct crawl *cr = j->cr;
	int rc;

	if (cr->x == NULL)
		return 0;
	if (cr->run_id == 0 &&
	    store_run_current(cr->store, cr->cfg, &cr->run_id, e) == -1)
		return -1;
	if (!p->is_doc)
		return 0;
	if (p->doc.result == NULL)
		log_warnx("ingest: url=%s capture=%lld: %s; stored without "
			  "records",
		    j->url, (long long)id, p->doc.extract_err.msg);
	p->ic.capture_id = id;
	rc = ingest_store(cr->store, cr->run_id, &p->ic, &p->doc, e);
	if (rc == -1) {
		err_prefix(e, "ingest %s: ", j->url);
		return -1;
	}
	if (rc == 0)
		j->round->sum.documents++;
	return 0;
}

/* Inserts the capture (and its document); *id receives its id. */
static int
keep_body(struct crawl_job *j, const struct fetch_result *res,
    struct crawl_prep *p, int64_t *id, struct err *e)
{
	const struct charset_result *cs = crawl_prep_cs(p);
	struct store_capture_rec c = {
	    .source_id = j->round->source_id,
	    .url = j->url,
	    .final_url = res->final_url,
	    .fetched_at = p->ic.fetched_at,
	    .status = res->code,
	    .headers = res->headers,
	    .content_type = res->content_type,
	    .etag = res->etag,
	    .last_modified = res->last_modified,
	    .charset = cs != NULL ? cs->name : NULL,
	    .charset_source = cs != NULL ? cs->source : NULL,
	    .kind = p->kind,
	    .sha256 = p->sha,
	    .body = p->ic.body,
	    .len = p->ic.len,
	    .zbody = p->z,
	    .zlen = p->zlen,
	};

	if (store_capture_insert(j->cr->store, &c, id, e) == -1)
		return -1;
	if (strcmp(p->kind, "article") == 0 || strcmp(p->kind, "page") == 0)
		return ingest(j, p, *id, e);
	return 0;
}

/*
 * A 2xx body: "unchanged" when its digest is the stored one, else a new
 * capture; url_state and fetch_log follow. Inside a transaction.
 */
int
crawl_keep(struct crawl_job *j, const struct fetch_result *res,
    struct crawl_prep *p, const char **outcome, struct err *e)
{
	struct store_url_state st;
	int64_t id, now = (int64_t)time(NULL);

	state_base(j, &st, p->kind);
	if (p->unchanged) {
		*outcome = "unchanged";
		id = j->st.capture_id;
	} else {
		*outcome = "stored";
		if (keep_body(j, res, p, &id, e) == -1)
			return -1;
	}
	st.etag = (char *)res->etag;
	st.last_modified = (char *)res->last_modified;
	memcpy(st.sha256, p->sha, sizeof(st.sha256));
	st.capture_id = id;
	st.last_fetched_at = now;
	st.next_visit_at = next_visit(j, now);
	if (store_url_state_put(j->cr->store, j->url, &st, e) == -1)
		return -1;
	return crawl_log_attempt(j, res, *outcome, NULL, id, e);
}

static const char *
capture_kind(const struct crawl_job *j, const struct fetch_result *res)
{
	if (j->kind == CRAWL_LIST || j->kind == CRAWL_ROBOTS)
		return kind_names[j->kind];
	return is_html(res) ? kind_names[j->kind] : "asset";
}

/* Is url known: queued this round, or fetched in an earlier one? */
static int
is_known(struct crawl_round *r, const char *url, bool *known, struct err *e)
{
	struct store_url_state st;
	int rc;

	if (strset_has(&r->seen, url)) {
		*known = true;
		return 0;
	}
	rc = store_url_state_get(r->cr->store, url, &st, e);
	store_url_state_clear(&st);
	if (rc == -1)
		return -1;
	*known = rc == 0;
	return 0;
}

static void
follow_next(struct crawl_job *j, const struct listpage *lp, unsigned fresh)
{
	struct crawl_round *r = j->round;
	unsigned max = r->src->list->max_pages ? r->src->list->max_pages : 1;

	if (r->paging_done)
		return;
	if (lp->nnext == 0 || r->sum.list_pages >= max) {
		r->paging_done = r->archive_end = true;
		return;
	}
	/* Incremental: a page of known items means the rest is known. */
	if (!r->backfill && fresh == 0) {
		r->paging_done = true;
		return;
	}
	for (size_t i = 0; i < lp->nnext && r->sum.list_pages < max; i++)
		crawl_enqueue(r, CRAWL_LIST, lp->next[i], j->page + 1);
}

static void
read_list(struct crawl_job *j, const char *html, size_t len)
{
	struct crawl_round *r = j->round;
	struct listpage *lp = NULL;
	struct err e = {{0}};
	unsigned fresh = 0;
	bool known;

	if (listpage_parse(html, len, j->url, r->src->list->items,
	        r->src->list->next, &lp, &e) == -1) {
		r->list_failed = true;
		crawl_round_fail(r, "list page %s: %s", j->url, e.msg);
		return;
	}
	for (size_t i = 0; i < lp->nitems; i++) {
		if (is_known(r, lp->items[i], &known, &e) == -1) {
			crawl_io_fail(j->cr, &e);
			break;
		}
		if (known)
			continue;
		/* A link robots.txt forbids is news on no round. */
		if (!crawl_robots_denies(j->cr, lp->items[i]))
			fresh++;
		crawl_enqueue(r, CRAWL_ARTICLE, lp->items[i], 0);
	}
	log_debug("crawl: source=%s url=%s: list page %u: %zu items (%u new), "
	          "%zu next, %zu links refused",
	    r->src->name, j->url, j->page, lp->nitems, fresh, lp->nnext,
	    lp->dropped);
	follow_next(j, lp, fresh);
	listpage_free(lp);
}

static void
read_list_bytes(struct crawl_job *j, const void *body, size_t len,
    const char *header_charset)
{
	struct charset_result cs = {0};
	struct err e = {{0}};

	if (charset_decode(body, len, header_charset, &cs, &e) == -1) {
		j->round->list_failed = true;
		crawl_round_fail(j->round, "list page %s: %s", j->url, e.msg);
		return;
	}
	read_list(j, cs.utf8, cs.len);
	free(cs.utf8);
}

/*
 * A 2xx answer on its way through a worker (crawl_work.c): the response
 * copied (the fetcher's is gone after the callback), its body taken.
 */
struct page_item {
	struct crawl_item item; /* first: the work FIFOs hold &item */
	struct crawl_job *j;
	struct fetch_result res; /* its strings and body are below */
	struct buf body;
	char *final_url, *headers, *content_type, *charset, *etag, *modified;
	char fetched_at[32];
	struct crawl_prep prep;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static struct page_item *
page_item_new(struct crawl_job *j, const struct fetch_result *res)
{
	struct page_item *pi = xcalloc(1, sizeof(*pi));

	pi->j = j;
	pi->res = *res;
	pi->res.url = j->url;
	pi->res.final_url = pi->final_url = dup_or_null(res->final_url);
	pi->res.headers = pi->headers = dup_or_null(res->headers);
	pi->res.content_type = pi->content_type =
	    dup_or_null(res->content_type);
	pi->res.charset = pi->charset = dup_or_null(res->charset);
	pi->res.etag = pi->etag = dup_or_null(res->etag);
	pi->res.last_modified = pi->modified = dup_or_null(res->last_modified);
	pi->res.error = NULL;
	pi->body.len = res->body->len;
	pi->body.data = buf_steal(res->body);
	pi->body.cap = pi->body.len + 1;
	pi->res.body = &pi->body;
	crawl_prep_init(&pi->prep, j, &pi->res, capture_kind(j, &pi->res),
	    pi->fetched_at);
	return pi;
}

static void
page_item_free(struct crawl_item *it)
{
	struct page_item *pi = (struct page_item *)it;

	crawl_prep_deinit(&pi->prep);
	buf_free(&pi->body);
	free(pi->final_url);
	free(pi->headers);
	free(pi->content_type);
	free(pi->charset);
	free(pi->etag);
	free(pi->modified);
	free(pi);
}

static void
page_run(struct crawl_item *it)
{
	crawl_prep_run(&((struct page_item *)it)->prep);
}

/* Back on the main thread: the page's rows, then a list's links. */
static void
page_store(struct crawl_job *j, const struct fetch_result *res,
    struct crawl_prep *p)
{
	const struct charset_result *cs = crawl_prep_cs(p);
	const char *outcome = "error";
	struct err e = {{0}};
	int rc;

	if (!crawl_tx_begin(j->cr))
		return;
	rc = crawl_keep(j, res, p, &outcome, &e);
	crawl_tx_end(j->cr, rc, &e);
	if (rc == 0 && strcmp(outcome, "stored") == 0)
		j->round->sum.stored++;
	else if (rc == 0)
		j->round->sum.unchanged++;
	if (rc == 0 && j->kind == CRAWL_LIST && cs != NULL)
		read_list(j, cs->utf8, cs->len);
}

static void
page_done(struct crawl_item *it)
{
	struct page_item *pi = (struct page_item *)it;
	struct crawl_job *j = pi->j;

	if (!j->cr->closing && !j->cr->io_failed)
		page_store(j, &pi->res, &pi->prep);
	pi->j = NULL;
	crawl_job_done(j);
}

/* Hands the body to a worker; the job is done once it is stored. */
static void
on_ok(struct crawl_job *j, const struct fetch_result *res)
{
	struct page_item *pi = page_item_new(j, res);

	pi->item.run = page_run;
	pi->item.done = page_done;
	pi->item.dispose = page_item_free;
	crawl_work_submit(j->cr->work, &pi->item);
}

static void
on_not_modified(struct crawl_job *j, const struct fetch_result *res)
{
	struct store_url_state st;
	struct buf body = {0};
	struct err e = {{0}};
	int64_t now = (int64_t)time(NULL);
	int rc;

	state_base(j, &st, j->st.kind[0] ? j->st.kind : kind_names[j->kind]);
	/* A 304 may carry fresher validators (RFC 9110 15.4.5). */
	if (res->etag != NULL)
		st.etag = (char *)res->etag;
	if (res->last_modified != NULL)
		st.last_modified = (char *)res->last_modified;
	st.last_fetched_at = now;
	st.next_visit_at = next_visit(j, now);
	j->round->sum.not_modified++;
	if (!crawl_tx_begin(j->cr))
		return;
	rc = store_url_state_put(j->cr->store, j->url, &st, &e);
	if (rc == 0)
		rc = crawl_log_attempt(
		    j, res, "not_modified", NULL, j->st.capture_id, &e);
	crawl_tx_end(j->cr, rc, &e);
	if (rc == -1 || j->kind != CRAWL_LIST || j->st.capture_id == 0)
		return;
	/* The links of an unchanged list page come from its capture. */
	rc = store_capture_body(j->cr->store, j->st.capture_id,
	    (size_t)j->cr->cfg->http.max_body + 1, &body, &e);
	if (rc == -1)
		crawl_io_fail(j->cr, &e);
	else if (rc == 0)
		read_list_bytes(j, body.data, body.len, NULL);
	buf_free(&body);
}

/* url_state after a failure: transient ones are retried next round. */
static int
note_failure(struct crawl_job *j, bool permanent, struct err *e)
{
	struct store_url_state st;
	int64_t now = (int64_t)time(NULL);

	if (j->kind != CRAWL_ARTICLE && j->kind != CRAWL_PAGE)
		return 0;
	state_base(j, &st, j->st.kind[0] ? j->st.kind : kind_names[j->kind]);
	st.next_visit_at = permanent ? now + (int64_t)revisit_s(j) : now;
	return store_url_state_put(j->cr->store, j->url, &st, e);
}

static void
on_failure(struct crawl_job *j, const struct fetch_result *res)
{
	struct crawl_round *r = j->round;
	const char *outcome = "error";
	char why[320];
	struct err e = {{0}};
	bool permanent = false;
	int rc;

	if (res->status == FETCH_REFUSED) {
		outcome = "refused";
		r->sum.refused++;
		permanent = true;
	} else {
		r->sum.errors++;
	}
	if (res->status == FETCH_RESPONSE) {
		outcome = "http_error";
		snprintf(why, sizeof(why), "HTTP %ld%s%s", res->code,
		    res->error ? ": " : "", res->error ? res->error : "");
		permanent = res->code < 500 && res->code != 429;
	} else {
		snprintf(why, sizeof(why), "%s", res->error ? res->error : "?");
	}
	if (crawl_tx_begin(j->cr)) {
		rc = crawl_log_attempt(j, res, outcome, why, 0, &e);
		if (rc == 0)
			rc = note_failure(j, permanent, &e);
		crawl_tx_end(j->cr, rc, &e);
	}
	if (j->kind == CRAWL_LIST)
		r->list_failed = true;
	if (is_start(j))
		crawl_round_fail(r, "%s: %s", j->url, why);
}

static void
on_retry(struct crawl_job *j, const struct fetch_result *res)
{
	char why[400];
	struct err e = {{0}};
	const char *outcome =
	    res->status == FETCH_RESPONSE ? "http_error" : "error";

	j->round->sum.retries++;
	if (res->status == FETCH_RESPONSE)
		snprintf(why, sizeof(why), "HTTP %ld; retry in %llums",
		    res->code, (unsigned long long)res->retry_in_ms);
	else
		snprintf(why, sizeof(why), "%s; retry in %llums",
		    res->error ? res->error : "?",
		    (unsigned long long)res->retry_in_ms);
	if (crawl_tx_begin(j->cr))
		crawl_tx_end(j->cr,
		    crawl_log_attempt(j, res, outcome, why, 0, &e), &e);
}

/* Shutdown: an attempt on the wire is logged; a queued one never ran. */
static void
on_cancel(struct crawl_job *j, const struct fetch_result *res)
{
	struct err e = {{0}};

	if (res->started_at != 0 && crawl_tx_begin(j->cr))
		crawl_tx_end(j->cr,
		    crawl_log_attempt(j, res, "error", "cancelled", 0, &e), &e);
	if (is_start(j))
		crawl_round_fail(j->round, "cancelled");
}

void
crawl_page_cb(void *arg, const struct fetch_result *res)
{
	struct crawl_job *j = arg;
	struct crawl_round *r = j->round;

	/* The engine keeps a retried request, and j with it. */
	if (res->will_retry && (j->cr->closing || j->cr->io_failed))
		return;
	if (j->cr->closing || j->cr->io_failed) {
		crawl_job_done(j);
		return;
	}
	r->sum.bytes += res->bytes;
	if (res->will_retry) {
		on_retry(j, res);
		return;
	}
	crawl_hold(r);
	if (res->status == FETCH_CANCELLED)
		on_cancel(j, res);
	else if (res->status != FETCH_RESPONSE)
		on_failure(j, res);
	else if (res->code == 304 && j->known)
		on_not_modified(j, res);
	else if (res->code >= 200 && res->code <= 299) {
		on_ok(j, res); /* owns j now */
		j = NULL;
	} else
		on_failure(j, res);
	if (j != NULL)
		crawl_job_done(j);
	crawl_release(r);
}
