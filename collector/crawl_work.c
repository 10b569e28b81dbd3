/* SPDX-License-Identifier: ISC */
/*
 * Worker threads for the pure part of a page (digest, charset decoding,
 * compression, extraction: crawl_page.c), so that the thread driving
 * libcurl and SQLite only fetches and writes. Items go in a FIFO to the
 * workers and come back in a FIFO of finished ones; a worker that
 * finishes one writes to an eventfd, which crawl_poll() watches beside
 * the transfers, and the main thread calls each item's done function from
 * crawl_work_drain(). Then the item goes back to the workers to be freed
 * (a page's extraction result is thousands of small blocks). Nothing but
 * the item crosses threads: no store, no libcurl, no engine state.
 *
 * At most CRAWL_WORK_MAX items are in flight (queued, running or waiting
 * for the main thread); crawl_work_submit() finishes items itself until
 * there is room, so memory stays bounded whatever the fetch rate. With no
 * workers (a single CPU, or no thread could start) items run at once on
 * the calling thread.
 */
#include "crawl_priv.h"

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "xmem.h"

struct fifo {
	struct crawl_item *head, *tail;
};

struct crawl_work {
	pthread_mutex_t mu;
	pthread_cond_t todo_cv; /* workers: an item to run, or stop */
	pthread_cond_t done_cv; /* main: an item finished */
	struct fifo todo, done, trash;
	unsigned inflight; /* submitted, not yet drained */
	bool stop;
	int efd;
	pthread_t threads[CRAWL_WORK_THREADS];
	unsigned nthreads;
};

static void
fifo_push(struct fifo *f, struct crawl_item *it)
{
	it->next = NULL;
	if (f->tail != NULL)
		f->tail->next = it;
	else
		f->head = it;
	f->tail = it;
}

static struct crawl_item *
fifo_pop(struct fifo *f)
{
	struct crawl_item *it = f->head;

	if (it != NULL) {
		f->head = it->next;
		if (f->head == NULL)
			f->tail = NULL;
		it->next = NULL;
	}
	return it;
}

/* Wakes the main thread's poll (EAGAIN: the counter is full, it is). */
static void
efd_signal(int fd)
{
	uint64_t one = 1;
	ssize_t n = write(fd, &one, sizeof(one));

	(void)n;
}

/* Resets the counter; what finished is in the done FIFO anyway. */
static void
efd_clear(int fd)
{
	uint64_t v;
	ssize_t n = read(fd, &v, sizeof(v));

	(void)n;
}

static void *
worker(void *arg)
{
	struct crawl_work *w = arg;
	struct crawl_item *it;

	/* Told apart from the main thread in top -H and perf. */
	pthread_setname_np(pthread_self(), "kw-crawl-work");
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && w->todo.head == NULL &&
		    w->trash.head == NULL)
			pthread_cond_wait(&w->todo_cv, &w->mu);
		if (w->stop)
			break;
		/* Freeing first: it keeps memory down. */
		if ((it = fifo_pop(&w->trash)) != NULL) {
			pthread_mutex_unlock(&w->mu);
			it->dispose(it);
			pthread_mutex_lock(&w->mu);
			continue;
		}
		it = fifo_pop(&w->todo);
		pthread_mutex_unlock(&w->mu);
		it->run(it);
		pthread_mutex_lock(&w->mu);
		fifo_push(&w->done, it);
		pthread_cond_signal(&w->done_cv);
		efd_signal(w->efd);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static unsigned
default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	/* The main thread has a core's worth of fetching and writing. */
	if (n <= 1)
		return 0;
	return n - 1 < CRAWL_WORK_THREADS ? (unsigned)(n - 1)
					  : CRAWL_WORK_THREADS;
}

struct crawl_work *
crawl_work_new(void)
{
	struct crawl_work *w = xcalloc(1, sizeof(*w));
	unsigned want = default_threads();

	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->todo_cv, NULL);
	pthread_cond_init(&w->done_cv, NULL);
	/*
	 * Two malloc arenas: the main heap and one for the worker (and
	 * libcurl's resolver threads). With one arena shared, every malloc
	 * and free of the worker's page trees and of the writer's SQLite
	 * work took the same lock: ~85,000 futex sleeps a 3000-page crawl
	 * (3,000 with two arenas) and half of its CPU (6.1 against 2.9-3.5
	 * ms a page, interleaved). The worker's arena costs ~0.7 MiB of
	 * peak RSS. Set before the thread starts, so it never gets a third.
	 */
	if (want > 0)
		mallopt(M_ARENA_MAX, 2);
	w->efd = want > 0 ? eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC) : -1;
	for (; w->efd != -1 && w->nthreads < want; w->nthreads++)
		if (pthread_create(&w->threads[w->nthreads], NULL, worker,
			w) != 0)
			break;
	return w;
}

int
crawl_work_fd(const struct crawl_work *w)
{
	return w->nthreads > 0 ? w->efd : -1;
}

bool
crawl_work_idle(const struct crawl_work *w)
{
	return w->inflight == 0;
}

/* Main thread: one finished item, waiting for it if wait; or NULL. */
static struct crawl_item *
take(struct crawl_work *w, bool wait)
{
	struct crawl_item *it;

	pthread_mutex_lock(&w->mu);
	while (wait && w->done.head == NULL)
		pthread_cond_wait(&w->done_cv, &w->mu);
	it = fifo_pop(&w->done);
	pthread_mutex_unlock(&w->mu);
	if (it != NULL)
		w->inflight--;
	return it;
}

/* Main thread: an item's done(), then its disposal by a worker. */
static void
finish(struct crawl_work *w, struct crawl_item *it)
{
	it->done(it);
	if (w->nthreads == 0) {
		it->dispose(it);
		return;
	}
	pthread_mutex_lock(&w->mu);
	fifo_push(&w->trash, it);
	pthread_cond_signal(&w->todo_cv);
	pthread_mutex_unlock(&w->mu);
}

void
crawl_work_submit(struct crawl_work *w, struct crawl_item *it)
{
	struct crawl_item *done;

	if (w->nthreads == 0) {
		it->run(it);
		finish(w, it);
		return;
	}
	while (w->inflight >= CRAWL_WORK_MAX && (done = take(w, true)) != NULL)
		finish(w, done);
	w->inflight++;
	pthread_mutex_lock(&w->mu);
	fifo_push(&w->todo, it);
	pthread_cond_signal(&w->todo_cv);
	pthread_mutex_unlock(&w->mu);
}

void
crawl_work_drain(struct crawl_work *w, bool all)
{
	struct crawl_item *it;

	if (w->nthreads == 0)
		return;
	efd_clear(w->efd);
	while ((it = take(w, all && w->inflight > 0)) != NULL)
		finish(w, it);
}

void
crawl_work_free(struct crawl_work *w)
{
	struct crawl_item *it;

	if (w == NULL)
		return;
	crawl_work_drain(w, true);
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->todo_cv);
	pthread_mutex_unlock(&w->mu);
	for (unsigned i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i], NULL);
	while ((it = fifo_pop(&w->trash)) != NULL)
		it->dispose(it);
	if (w->efd != -1)
		close(w->efd);
	pthread_cond_destroy(&w->todo_cv);
	pthread_cond_destroy(&w->done_cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
}
