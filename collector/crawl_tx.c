/* SPDX-License-Identifier: ISC */
/*
 * The crawl's write batches. One transaction covers many pages: it is
 * committed after CRAWL_BATCH_PAGES pages or CRAWL_BATCH_MS after it
 * began, whichever comes first, when the fetcher has nothing in flight,
 * at the end of a round (before its bookkeeping) and when the engine is
 * freed. A commit per page wrote every touched b-tree leaf and a full-text
 * segment to the WAL for each page (1 MB a page, a checkpoint every few
 * pages); in batches the writes are shared.
 *
 * Inside the batch each page is a savepoint: its capture, url_state,
 * fetch_log and document are released together or rolled back together,
 * so a failing page never takes the good pages of its batch with it. A
 * kill -9 loses only the uncommitted batch: url_state is in it too, so
 * the next round refetches exactly those pages.
 */
#include "crawl_priv.h"

#include <malloc.h>

/* Open the batch if needed, then a savepoint for one page. */
bool
crawl_tx_begin(struct crawl *cr)
{
	struct err e = {{0}};

	if (!cr->tx_open) {
		if (store_begin(cr->store, &e) == -1) {
			crawl_io_fail(cr, &e);
			return false;
		}
		cr->tx_open = true;
		cr->tx_pages = 0;
		cr->tx_deadline_ms = fetch_now_ms() + CRAWL_BATCH_MS;
	}
	if (store_savepoint(cr->store, &e) == -1) {
		crawl_io_fail(cr, &e);
		return false;
	}
	cr->tx_depth++;
	return true;
}

/* Commits the batch; a failed commit loses it and stops the engine. */
static int
commit(struct crawl *cr, struct err *e)
{
	cr->tx_open = false;
	if (store_commit(cr->store, e) == 0) {
		/*
		 * The batch's garbage (FTS5's pending terms, extraction
		 * results, page buffers) is free now: give its pages back,
		 * or the heaps keep them resident (~1 MiB of peak RSS).
		 */
		malloc_trim(0);
		return 0;
	}
	store_rollback(cr->store);
	crawl_io_fail(cr, e);
	return -1;
}

void
crawl_tx_end(struct crawl *cr, int rc, const struct err *e)
{
	struct err ce = {{0}};

	cr->tx_depth--;
	if (rc == 0 && store_release(cr->store, &ce) == 0) {
		cr->tx_pages++;
		if (cr->tx_depth == 0 && (cr->tx_pages >= CRAWL_BATCH_PAGES ||
		    fetch_now_ms() >= cr->tx_deadline_ms))
			(void)commit(cr, &ce);
		return;
	}
	/* This page only; the pages before it are kept. */
	store_rollback_to(cr->store);
	crawl_io_fail(cr, rc == 0 ? &ce : e);
	if (cr->tx_depth == 0)
		(void)commit(cr, &ce);
}

int
crawl_flush(struct crawl *cr, struct err *e)
{
	if (!cr->tx_open || cr->tx_depth > 0)
		return 0;
	return commit(cr, e);
}

/* After a step: the batch's time is up, or nothing more is coming soon. */
void
crawl_tx_tick(struct crawl *cr)
{
	struct err e = {{0}};

	if (cr->tx_open && (fetch_now_ms() >= cr->tx_deadline_ms ||
	    (fetch_is_idle(cr->fetch) && crawl_work_idle(cr->work))))
		(void)crawl_flush(cr, &e);
}

/* How long the open batch may still wait, or -1. */
long
crawl_tx_timeout_ms(const struct crawl *cr)
{
	int64_t left;

	if (!cr->tx_open)
		return -1;
	left = cr->tx_deadline_ms - fetch_now_ms();
	return left > 0 ? (long)left : 0;
}
