/* SPDX-License-Identifier: ISC */
/*
 * The scheduler's table: one entry per enabled source with its due time,
 * failure count and whether a round is running. It is small (tens of
 * sources), so lookups are linear scans. Every change of state is written
 * through to the store before it is trusted, so the store and the table
 * never disagree across a crash.
 */
#include "scheduler.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "store_sched.h"
#include "xmem.h"

struct sched_entry {
	const struct cfg_source *src;	/* borrowed from the current cfg;
					   NULL once removed by a reload */
	char *name;		/* owned: outlives src across reloads */
	int64_t id;		/* source.id in the store */
	int64_t due;		/* next_due_at; 0 = now */
	unsigned failures;	/* consecutive failed rounds */
	bool running;		/* a round is in progress */
};

struct sched {
	struct sched_entry *v;	/* owned; n used */
	size_t n;
	uint64_t rng;		/* xorshift64 state for the jitter */
};

uint64_t
sched_delay(uint64_t interval, unsigned failures, uint32_t rnd)
{
	uint64_t d = interval, cap = SCHED_BACKOFF_CAP, span;

	if (d == 0)
		d = 1;
	if (cap < interval)
		cap = interval;
	for (unsigned i = 0; i < failures && d < cap; i++)
		d *= 2;
	if (d > cap)
		d = cap;
	/* +-10%: d * (0.9 + 0.2 * rnd / 2^32), in integers. */
	span = d / 5;
	d = d - d / 10 + ((span * (uint64_t)(rnd >> 16)) >> 16);
	return d == 0 ? 1 : d;
}

static uint32_t
sched_rand(struct sched *sc)
{
	uint64_t x = sc->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	sc->rng = x;
	return (uint32_t)(x >> 32);
}

static struct sched_entry *
entry_find(const struct sched *sc, const char *name)
{
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->v[i].name, name) == 0)
			return &sc->v[i];
	return NULL;
}

static int
entry_add(struct sched *sc, struct store *s, const struct cfg_source *src,
    struct err *e)
{
	struct store_sched_row row;
	struct sched_entry *en;
	int64_t id;

	if (store_source_ensure(s, src->name, src->url, &id, e) == -1 ||
	    store_sched_get(s, id, &row, e) == -1) {
		err_prefix(e, "source %s: ", src->name);
		return -1;
	}
	sc->v = xreallocarray(sc->v, sc->n + 1, sizeof(*sc->v));
	en = &sc->v[sc->n++];
	memset(en, 0, sizeof(*en));
	en->src = src;
	en->name = xstrdup(src->name);
	en->id = id;
	en->due = row.next_due_at;
	en->failures = row.failures;
	return 0;
}

static void
entry_remove(struct sched *sc, size_t i)
{
	free(sc->v[i].name);
	sc->v[i] = sc->v[sc->n - 1];
	sc->n--;
}

int
sched_new(struct store *s, const struct cfg *c, struct sched **out,
    struct err *e)
{
	struct sched *sc = xcalloc(1, sizeof(*sc));

	if (getrandom(&sc->rng, sizeof(sc->rng), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(sc->rng))
		sc->rng = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	sc->rng |= 1;	/* xorshift must not start at 0 */
	if (sched_sync(sc, s, c, e) == -1) {
		sched_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

void
sched_free(struct sched *sc)
{
	if (sc == NULL)
		return;
	for (size_t i = 0; i < sc->n; i++)
		free(sc->v[i].name);
	free(sc->v);
	free(sc);
}

int
sched_sync(struct sched *sc, struct store *s, const struct cfg *c,
    struct err *e)
{
	struct sched_entry *en;
	size_t i;

	/* Forget every borrowed pointer first: c replaces the old cfg. */
	for (i = 0; i < sc->n; i++)
		sc->v[i].src = NULL;
	for (i = 0; i < c->nsources; i++) {
		const struct cfg_source *src = &c->sources[i];

		if (!src->enabled)
			continue;
		en = entry_find(sc, src->name);
		if (en != NULL) {
			en->src = src;
			continue;
		}
		if (entry_add(sc, s, src, e) == -1)
			return -1;
	}
	/* Dropped sources go now, or when their running round ends. */
	for (i = 0; i < sc->n;) {
		if (sc->v[i].src == NULL && !sc->v[i].running)
			entry_remove(sc, i);
		else
			i++;
	}
	return 0;
}

const struct cfg_source *
sched_next_due(struct sched *sc, int64_t now)
{
	struct sched_entry *best = NULL;

	/* The most overdue first, so a long backlog drains fairly. */
	for (size_t i = 0; i < sc->n; i++) {
		struct sched_entry *en = &sc->v[i];

		if (en->src == NULL || en->running || en->due > now)
			continue;
		if (best == NULL || en->due < best->due)
			best = en;
	}
	return best ? best->src : NULL;
}

int64_t
sched_deadline(const struct sched *sc)
{
	int64_t t = INT64_MAX;

	for (size_t i = 0; i < sc->n; i++) {
		const struct sched_entry *en = &sc->v[i];

		if (en->src != NULL && !en->running && en->due < t)
			t = en->due;
	}
	return t;
}

int
sched_started(struct sched *sc, struct store *s, const char *name,
    int64_t now, struct err *e)
{
	struct sched_entry *en = entry_find(sc, name);

	if (en == NULL)
		return err_set(e, "sched: unknown source %s", name);
	/* Running in memory even if the store refuses the write, so the
	 * source is not offered again while its round goes on. */
	en->running = true;
	return store_sched_started(s, en->id, now, e);
}

int
sched_finished(struct sched *sc, struct store *s, const char *name,
    int64_t now, const char *error, uint64_t *delay, struct err *e)
{
	struct sched_entry *en = entry_find(sc, name);
	unsigned failures;
	uint64_t d;
	int rc;

	if (en == NULL)
		return err_set(e, "sched: unknown source %s", name);
	en->running = false;
	failures = error == NULL ? 0 : en->failures + 1;
	/* A source removed by a reload keeps its last interval for the
	 * record: if it comes back, it resumes from there. */
	d = sched_delay(en->src ? en->src->interval : SCHED_BACKOFF_CAP,
	    failures, sched_rand(sc));
	/* Memory first: even if the store refuses the write, this source
	 * must not become due again at once. */
	en->failures = failures;
	en->due = now + (int64_t)d;
	if (delay != NULL)
		*delay = d;
	rc = store_sched_finished(s, en->id, now, error, failures, en->due, e);
	if (en->src == NULL)
		entry_remove(sc, (size_t)(en - sc->v));
	return rc;
}

void
sched_abandon(struct sched *sc, const char *name)
{
	struct sched_entry *en = entry_find(sc, name);

	if (en == NULL)
		return;
	en->running = false;
	if (en->src == NULL)
		entry_remove(sc, (size_t)(en - sc->v));
}

bool
sched_is_running(const struct sched *sc, const char *name)
{
	const struct sched_entry *en = entry_find(sc, name);

	return en != NULL && en->running;
}

unsigned
sched_running(const struct sched *sc)
{
	unsigned n = 0;

	for (size_t i = 0; i < sc->n; i++)
		n += sc->v[i].running;
	return n;
}

unsigned
sched_count(const struct sched *sc)
{
	unsigned n = 0;

	for (size_t i = 0; i < sc->n; i++)
		n += sc->v[i].src != NULL;
	return n;
}
