/* SPDX-License-Identifier: ISC */
/*
 * scheduler.c and store_sched.c: the delay policy (jitter bounds, backoff,
 * cap), due order, persistence across a "restart" (a fresh sched on the
 * same store), reload adding and removing sources, a round of a removed
 * source finishing after the reload.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scheduler.h"
#include "store_sched.h"
#include "t.h"

static void
test_delay_policy(void)
{
	/* Jitter stays within +-10% at both ends of rnd. */
	T_ASSERT(sched_delay(1000, 0, 0) == 900);
	T_ASSERT(sched_delay(1000, 0, UINT32_MAX) >= 1099);
	T_ASSERT(sched_delay(1000, 0, UINT32_MAX) <= 1100);
	T_ASSERT(sched_delay(1000, 0, 1u << 31) == 1000);
	/* Backoff doubles per failure... */
	T_ASSERT(sched_delay(1000, 1, 1u << 31) == 2000);
	T_ASSERT(sched_delay(1000, 3, 1u << 31) == 8000);
	/* ...up to one day, however many failures. */
	T_ASSERT(sched_delay(3600, 10, 1u << 31) == SCHED_BACKOFF_CAP);
	T_ASSERT(sched_delay(3600, 4000000000u, 0) ==
	    SCHED_BACKOFF_CAP - SCHED_BACKOFF_CAP / 10);
	/* A weekly source never runs more often for failing. */
	T_ASSERT(sched_delay(7 * 86400, 5, 1u << 31) == 7 * 86400);
	/* Degenerate intervals still move time forward. */
	T_ASSERT(sched_delay(0, 0, 0) >= 1);
	T_ASSERT(sched_delay(1, 0, 0) >= 1);
	/* Huge intervals do not overflow. */
	T_ASSERT(sched_delay(UINT64_C(1) << 40, 0, UINT32_MAX) >
	    (UINT64_C(1) << 40));
}

static struct cfg_source
mksrc(const char *name, uint64_t interval)
{
	struct cfg_source s = {0};

	s.name = (char *)name;
	s.url = (char *)"http://127.0.0.1/";
	s.interval = interval;
	s.enabled = true;
	return s;
}

static void
test_rounds_and_restart(const char *path)
{
	struct cfg_source srcs[3] = {mksrc("a", 100), mksrc("b", 100),
	    mksrc("off", 100)};
	struct cfg c = {0};
	struct store *s = NULL;
	struct sched *sc = NULL;
	struct store_sched_row row;
	struct err e = {{0}};
	const struct cfg_source *due;
	uint64_t d = 0;
	int64_t id;

	srcs[2].enabled = false;
	c.sources = srcs;
	c.nsources = 3;
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(sched_new(s, &c, &sc, &e) == 0);
	T_ASSERT(sched_count(sc) == 2);
	/* New sources are due at once; a running one is not offered. */
	due = sched_next_due(sc, 1000);
	T_ASSERT(due != NULL);
	T_ASSERT(sched_started(sc, s, due->name, 1000, &e) == 0);
	T_ASSERT(sched_is_running(sc, due->name));
	T_ASSERT(sched_next_due(sc, 1000) != due);
	T_ASSERT(sched_finished(sc, s, due->name, 1010, NULL, &d, &e) == 0);
	T_ASSERT(!sched_is_running(sc, due->name));
	T_ASSERT(d >= 90 && d <= 110);
	/* b (or a) fails twice: backoff grows, the other is unaffected. */
	due = sched_next_due(sc, 1010);
	T_ASSERT(due != NULL);
	T_ASSERT(sched_started(sc, s, due->name, 1010, &e) == 0);
	T_ASSERT(sched_finished(sc, s, due->name, 1020, "timeout", &d,
		     &e) == 0);
	T_ASSERT(d >= 180 && d <= 220);
	T_ASSERT(sched_next_due(sc, 1020) == NULL);
	T_ASSERT(sched_deadline(sc) >= 1100 && sched_deadline(sc) <= 1120);
	T_ASSERT(store_source_ensure(s, due->name, due->url, &id, &e) == 0);
	T_ASSERT(store_sched_get(s, id, &row, &e) == 0);
	T_ASSERT(row.failures == 1);
	T_STREQ(row.last_error, "timeout");
	T_ASSERT(row.last_attempt_at == 1010);
	T_ASSERT(row.next_due_at == 1020 + (int64_t)d);
	sched_free(sc);
	/* Restart: the timetable is read back, nothing is due early. */
	T_ASSERT(sched_new(s, &c, &sc, &e) == 0);
	T_ASSERT(sched_next_due(sc, 1050) == NULL);
	T_ASSERT(sched_next_due(sc, 1200) != NULL);
	T_ASSERT(sched_next_due(sc, 2000) != NULL);
	sched_free(sc);
	store_close(s);
}

static void
test_reload(const char *path)
{
	struct cfg_source one[1] = {mksrc("keep", 50)};
	struct cfg_source two[2] = {mksrc("new", 50), mksrc("gone", 50)};
	struct cfg c1 = {0}, c2 = {0}, c3 = {0};
	struct store *s = NULL;
	struct sched *sc = NULL;
	struct err e = {{0}};

	c1.sources = two;
	c1.nsources = 2;
	T_ASSERT(store_open(path, STORE_RW, &s, &e) == 0);
	T_ASSERT(sched_new(s, &c1, &sc, &e) == 0);
	T_ASSERT(sched_started(sc, s, "gone", 10, &e) == 0);
	/* Reload drops "gone" (still running) and "new", adds "keep". */
	c2.sources = one;
	c2.nsources = 1;
	T_ASSERT(sched_sync(sc, s, &c2, &e) == 0);
	T_ASSERT(sched_count(sc) == 1);
	T_ASSERT(sched_running(sc) == 1);
	T_ASSERT(sched_next_due(sc, 10) == &one[0]);
	/* The removed source's round ends after the swap: no crash, and
	 * it is forgotten. */
	T_ASSERT(sched_finished(sc, s, "gone", 20, NULL, NULL, &e) == 0);
	T_ASSERT(sched_running(sc) == 0);
	T_ASSERT(sched_finished(sc, s, "gone", 20, NULL, NULL, &e) == -1);
	/* A round cut short by shutdown leaves the source due, no failure. */
	T_ASSERT(sched_started(sc, s, "keep", 30, &e) == 0);
	T_ASSERT(sched_next_due(sc, 30) == NULL);
	sched_abandon(sc, "keep");
	T_ASSERT(!sched_is_running(sc, "keep"));
	T_ASSERT(sched_next_due(sc, 30) == &one[0]);
	/* An empty config schedules nothing. */
	T_ASSERT(sched_sync(sc, s, &c3, &e) == 0);
	T_ASSERT(sched_next_due(sc, 100) == NULL);
	T_ASSERT(sched_deadline(sc) == INT64_MAX);
	sched_free(sc);
	store_close(s);
}

int
main(void)
{
	char dir[] = "/tmp/kw-test-sched-XXXXXX";
	char p1[256], p2[256];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(p1, sizeof(p1), "%s/a.db", dir);
	snprintf(p2, sizeof(p2), "%s/b.db", dir);
	test_delay_policy();
	test_rounds_and_restart(p1);
	test_reload(p2);
	{
		char cmd[512];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		(void)!system(cmd);
	}
	return T_DONE();
}
