/* SPDX-License-Identifier: ISC */
/*
 * Reparse, the writer's side: drop what an interrupted reparse left,
 * begin a run, take the pipeline's results in capture order and store
 * them REPARSE_BATCH to a transaction, complete the run in the last one
 * so queries switch to it atomically, then optionally prune older runs.
 * With only_source, that source is re-extracted and the current run's
 * documents of the other sources are copied, so the new run is whole.
 */
#include "reparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "reparse_pipe.h"
#include "store_record.h"
#include "store_scan.h"
#include "xmem.h"

/* Extraction failures logged one by one before only being counted. */
#define LOG_FAILURES 5
/* Progress line refresh, in seconds. */
#define PROGRESS_EVERY 0.25

struct writer {
	struct store *s;
	const struct reparse_opts *o;
	struct reparse_stats *st;
	double t0;		/* monotonic start */
	double last_progress;
	unsigned in_tx;		/* documents since the last commit */
};

struct source_map {
	const struct cfg *c;
	struct reparse_source *v;
	size_t n;
};

static double
seconds(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
progress(struct writer *w, bool last)
{
	double t = seconds(CLOCK_MONOTONIC) - w->t0;

	if (!w->o->progress || (!last && t - w->last_progress < PROGRESS_EVERY))
		return;
	w->last_progress = t;
	fprintf(stderr, "\r%llu/%lld documents, %.0f/s%s",
	    (unsigned long long)w->st->visited, (long long)w->st->total,
	    t > 0 ? (double)w->st->visited / t : 0.0, last ? "\n" : "");
	fflush(stderr);
}

static void
source_add(void *arg, int64_t id, const char *name)
{
	struct source_map *m = arg;

	m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
	m->v[m->n].id = id;
	m->v[m->n].profile = name ? cfg_source_find(m->c, name) : NULL;
	m->n++;
}

static void
log_failure(const struct reparse_item *it, struct reparse_stats *st)
{
	st->without_records++;
	if (st->without_records <= LOG_FAILURES)
		log_warnx("reparse: url=%s capture=%lld: %s; stored without "
			  "records",
		    it->url, (long long)it->cap.capture_id,
		    it->doc.extract_err.msg);
	if (st->without_records == LOG_FAILURES)
		log_warnx("reparse: further extraction failures are only "
			  "counted");
}

/* Stores one result; 0, or -1 with e set. */
static int
apply(struct writer *w, struct reparse_item *it, struct err *e)
{
	int64_t id;
	int rc = 0;

	switch (it->kind) {
	case REPARSE_ITEM_DOC:
		if (it->doc.result == NULL)
			log_failure(it, w->st);
		rc = ingest_store(w->s, w->st->run_id, &it->cap, &it->doc, e);
		w->st->documents += rc == 0;
		break;
	case REPARSE_ITEM_COPY:
		rc = store_document_copy(w->s, w->st->run_id,
		    it->copy_document_id, &id, e);
		w->st->copied += rc == 0;
		break;
	case REPARSE_ITEM_CORRUPT:
		log_warnx("reparse: capture=%lld url=%s: stored body does not "
			  "decompress; skipped",
		    (long long)it->cap.capture_id, it->url);
		/* FALLTHROUGH */
	case REPARSE_ITEM_SKIP:
		w->st->skipped++;
		break;
	}
	if (rc == -1)
		err_prefix(e, "capture %lld: ", (long long)it->cap.capture_id);
	return rc == -1 ? -1 : 0;
}

/* Takes every result in order; completes the run in the last commit. */
static int
write_all(struct writer *w, struct reparse_pipe *p, struct err *e)
{
	struct reparse_item *it;
	int rc;

	if (store_begin(w->s, e) == -1)
		return -1;
	while ((rc = reparse_pipe_take(p, &it, e)) == 1) {
		rc = apply(w, it, e);
		reparse_item_free(it);
		w->st->visited++;
		if (rc == -1)
			break;
		if (++w->in_tx >= REPARSE_BATCH) {
			w->in_tx = 0;
			if (store_run_index(w->s, w->st->run_id, e) == -1 ||
			    store_commit(w->s, e) == -1 ||
			    store_begin(w->s, e) == -1) {
				rc = -1;
				break;
			}
		}
		progress(w, false);
	}
	if (rc == 0)
		rc = store_run_complete(w->s, w->st->run_id, e);
	if (rc == 0)
		rc = store_commit(w->s, e);
	if (rc == -1)
		store_rollback(w->s);
	return rc;
}

/* What to scan: everything, or one source with the others copied. */
static int
scan_query(struct store *s, const struct reparse_opts *o,
    struct store_scan_query *q, struct err *e)
{
	int rc;

	memset(q, 0, sizeof(*q));
	if (o->only_source == NULL)
		return 0;
	rc = store_scan_source_id(s, o->only_source, &q->only_source_id, e);
	if (rc == 1)
		return err_set(e, "reparse: the store has no source named '%s'",
		    o->only_source);
	if (rc == -1)
		return -1;
	rc = store_run_latest(s, &q->copy_run_id, e);
	if (rc == 1)
		q->copy_run_id = 0;	/* nothing to carry over */
	return rc == -1 ? -1 : 0;
}

int
reparse_run(struct store *s, const struct cfg *c, const struct extractor *x,
    const struct reparse_opts *o, struct reparse_stats *st, struct err *e)
{
	struct store_scan_query q;
	struct source_map m = {c, NULL, 0};
	struct writer w = {s, o, st, 0, 0, 0};
	struct reparse_pipe *p = NULL;
	struct store *rd = NULL;
	double cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
	int rc = -1;

	memset(st, 0, sizeof(*st));
	w.t0 = seconds(CLOCK_MONOTONIC);
	if (store_bulk_mode(s, e) == -1 ||
	    store_run_drop_incomplete(s, &st->dropped, e) == -1 ||
	    scan_query(s, o, &q, e) == -1 ||
	    store_scan_count(s, &st->total, e) == -1 ||
	    store_scan_sources(s, source_add, &m, e) == -1 ||
	    store_run_begin(s, c, "reparse", &st->run_id, e) == -1 ||
	    store_open(store_path(s), STORE_RO, &rd, e) == -1 ||
	    reparse_pipe_start(rd, &q, x, m.v, m.n, o->workers, &p, e) == -1)
		goto out;
	rc = write_all(&w, p, e);
	progress(&w, true);
out:
	reparse_pipe_free(p);
	store_close(rd);
	free(m.v);
	if (rc == 0 && o->prune)
		rc = store_run_drop_superseded(s, &st->pruned, e);
	st->seconds = seconds(CLOCK_MONOTONIC) - w.t0;
	st->writer_cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
	return rc;
}
