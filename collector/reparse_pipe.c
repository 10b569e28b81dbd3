/* SPDX-License-Identifier: ISC */
/*
 * The reparse pipeline. Workers take the next capture from the feeder
 * (which refills from the store in id-range batches while holding the
 * lock, so the read connection is only ever used by one thread at a
 * time), decompress it into a buffer they reuse, decode and extract it,
 * and put it in the ring slot of its sequence number. The writer takes
 * slot `head` when it is filled. A worker whose sequence number is RING or
 * more ahead of `head` waits, which bounds memory and keeps output in
 * capture order whatever the workers' speeds.
 */
#include "reparse_pipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xmem.h"
#include "zbody.h"

#define RING 32			/* results waiting for the writer */
#define FEED_ROWS 64		/* captures per read batch */
#define FEED_BYTES (8u << 20)	/* compressed bytes per read batch */

struct reparse_pipe {
	pthread_mutex_t mu;
	pthread_cond_t ready;	/* the writer waits for slot head, or end */
	pthread_cond_t space;	/* workers wait for room in the ring */
	struct store *rd;	/* the feeder's connection */
	struct store_scan_query q;
	const struct extractor *x;
	const struct reparse_source *sources;
	size_t nsources;
	/* Feeder state, under mu. */
	struct reparse_item **batch;
	size_t nbatch, pos;
	uint64_t next_seq;	/* sequence number of the next item fed */
	bool eof;		/* the scan is over: next_seq is final */
	bool failed;		/* the scan failed: err says why */
	struct err err;
	bool stop;		/* the writer gave up: workers quit */
	/* The ring, under mu. */
	struct reparse_item *ring[RING];
	uint64_t head;		/* next sequence number the writer takes */
	pthread_t *threads;
	unsigned nthreads;
};

void
reparse_item_free(struct reparse_item *it)
{
	if (it == NULL)
		return;
	ingest_doc_deinit(&it->doc);
	free(it->url);
	free(it->fetched_at);
	free(it->content_type);
	free(it->zbody);
	free(it);
}

static int
source_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key;
	const struct reparse_source *s = elem;

	return id < s->id ? -1 : id > s->id;
}

static const struct cfg_source *
profile_of(const struct reparse_pipe *p, int64_t source_id)
{
	const struct reparse_source *s = bsearch(&source_id, p->sources,
	    p->nsources, sizeof(*p->sources), source_cmp);

	return s != NULL ? s->profile : NULL;
}

/* store_scan_batch callback, under mu: copies the row into an item. */
static int
feed_row(void *arg, const struct store_scan_row *r, struct err *e)
{
	struct reparse_pipe *p = arg;
	struct reparse_item *it = xcalloc(1, sizeof(*it));

	(void)e;
	it->url = xstrdup(r->url != NULL ? r->url : "");
	it->fetched_at = xstrdup(r->fetched_at);
	it->content_type = xstrdup(r->content_type);
	it->cap.capture_id = r->capture_id;
	it->cap.source_id = r->source_id;
	it->cap.source = profile_of(p, r->source_id);
	it->cap.url = it->url;
	it->cap.fetched_at = it->fetched_at;
	it->cap.content_type = it->content_type;
	if (ingest_header_charset(r->headers, it->charset,
		sizeof(it->charset)))
		it->cap.header_charset = it->charset;
	it->copy_document_id = r->copy_document_id;
	it->size = r->size;
	it->compressed = r->compressed;
	it->zlen = r->body_len;
	/* Too large to be a document: not even copied (process skips it). */
	if (r->body != NULL && r->body_len <= INGEST_MAX_BODY &&
	    r->size <= (int64_t)INGEST_MAX_BODY) {
		it->zbody = xmalloc(r->body_len + 1);
		memcpy(it->zbody, r->body, r->body_len);
	}
	p->batch[p->nbatch++] = it;
	return 0;
}

static void
refill(struct reparse_pipe *p)
{
	size_t n = 0;

	p->nbatch = p->pos = 0;
	if (store_scan_batch(p->rd, &p->q, feed_row, p, &p->q.after_id, &n,
		&p->err) == -1) {
		for (size_t i = 0; i < p->nbatch; i++)
			reparse_item_free(p->batch[i]);
		p->nbatch = 0;
		p->failed = true;
		pthread_cond_broadcast(&p->ready);
		return;
	}
	if (n == 0) {
		p->eof = true;
		pthread_cond_broadcast(&p->ready);
	}
}

/* Under mu: the next capture with its sequence number, or NULL. */
static struct reparse_item *
feed_next(struct reparse_pipe *p)
{
	struct reparse_item *it;

	if (p->pos == p->nbatch && !p->eof && !p->failed && !p->stop)
		refill(p);
	if (p->pos == p->nbatch || p->stop)
		return NULL;
	it = p->batch[p->pos++];
	it->seq = p->next_seq++;
	return it;
}

/* The stored body into *buf (grown as needed); -1 when it is corrupt. */
static int
inflate_body(const struct reparse_item *it, unsigned char **buf,
    size_t *cap)
{
	if (*cap < (size_t)it->size + 1) {
		free(*buf);
		*cap = (size_t)it->size + 1;
		*buf = xmalloc(*cap);
	}
	return zbody_inflate(it->zbody, it->zlen, *buf, (size_t)it->size);
}

static void
process(struct reparse_pipe *p, struct reparse_item *it, unsigned char **buf,
    size_t *cap)
{
	if (it->copy_document_id != 0) {
		it->kind = REPARSE_ITEM_COPY;
		return;
	}
	it->kind = REPARSE_ITEM_SKIP;
	if (it->zbody == NULL || it->size <= 0 ||
	    it->size > (int64_t)INGEST_MAX_BODY)
		goto out;
	if (!it->compressed) {
		it->cap.body = it->zbody;
		it->cap.len = it->zlen;
	} else if (inflate_body(it, buf, cap) == 0) {
		it->cap.body = *buf;
		it->cap.len = (size_t)it->size;
	} else {
		it->kind = REPARSE_ITEM_CORRUPT;
		goto out;
	}
	if (ingest_prepare(p->x, &it->cap, &it->doc) == 0)
		it->kind = REPARSE_ITEM_DOC;
out:
	it->cap.body = NULL;
	it->cap.len = 0;
	free(it->zbody);
	it->zbody = NULL;
}

/* Puts it in its ring slot once there is room; -1 when told to stop. */
static int
deposit(struct reparse_pipe *p, struct reparse_item *it)
{
	pthread_mutex_lock(&p->mu);
	while (!p->stop && it->seq >= p->head + RING)
		pthread_cond_wait(&p->space, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		return -1;
	}
	p->ring[it->seq % RING] = it;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void *
worker(void *arg)
{
	struct reparse_pipe *p = arg;
	struct reparse_item *it;
	unsigned char *buf = NULL;
	size_t cap = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		it = feed_next(p);
		pthread_mutex_unlock(&p->mu);
		if (it == NULL)
			break;
		process(p, it, &buf, &cap);
		if (deposit(p, it) == -1) {
			reparse_item_free(it);
			break;
		}
	}
	free(buf);
	return NULL;
}

int
reparse_pipe_take(struct reparse_pipe *p, struct reparse_item **item,
    struct err *e)
{
	struct reparse_item *it;
	int rc;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		it = p->ring[p->head % RING];
		if (it != NULL && it->seq == p->head) {
			p->ring[p->head % RING] = NULL;
			p->head++;
			pthread_cond_broadcast(&p->space);
			*item = it;
			rc = 1;
			break;
		}
		if (p->failed) {
			*e = p->err;
			rc = -1;
			break;
		}
		if (p->eof && p->head == p->next_seq) {
			rc = 0;
			break;
		}
		pthread_cond_wait(&p->ready, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

int
reparse_pipe_start(struct store *rd, const struct store_scan_query *q,
    const struct extractor *x, const struct reparse_source *sources,
    size_t nsources, unsigned workers, struct reparse_pipe **out,
    struct err *e)
{
	struct reparse_pipe *p = xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->space, NULL);
	p->rd = rd;
	p->q = *q;
	p->q.max_rows = FEED_ROWS;
	p->q.max_bytes = FEED_BYTES;
	p->x = x;
	p->sources = sources;
	p->nsources = nsources;
	p->batch = xcalloc(FEED_ROWS, sizeof(*p->batch));
	p->threads = xcalloc(workers, sizeof(*p->threads));
	for (; p->nthreads < workers; p->nthreads++)
		if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) !=
		    0)
			break;
	if (p->nthreads == 0) {
		reparse_pipe_free(p);
		return err_set(e, "reparse: cannot start a worker thread");
	}
	*out = p;
	return 0;
}

void
reparse_pipe_free(struct reparse_pipe *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->space);
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < RING; i++)
		reparse_item_free(p->ring[i]);
	for (size_t i = p->pos; i < p->nbatch; i++)
		reparse_item_free(p->batch[i]);
	free(p->batch);
	free(p->threads);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->space);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
