/* SPDX-License-Identifier: ISC */
/*
 * Search latency inside one process, linked to libkwcore.a: what a
 * `kicwatch search` does per query (search_query_build, with the other
 * script's forms of Han text, then store_search_each with the current run
 * and 20 hits, snippets and highlights included) on a store opened and
 * tuned as report/cmd_search.c does (store_search_init, store_read_tune,
 * store_search_tune), without the process start and
 * dynamic linking that bench/report_bench.sh's whole-command figure also
 * counts.
 *
 * Each query runs in a fresh process (fork), as a command would: the store
 * is opened and tuned there (timed as "open": connection, schema, kwcjk),
 * then the query runs once (cold: a new connection, nothing of the store
 * in SQLite's cache or mapped yet; the file itself is in the page cache)
 * and ROUNDS times more, of which the median is "warm"; wall and CPU.
 *
 * usage: search_bench [-n ROUNDS] STORE QUERY...   (bench/run.sh runs it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "search.h"
#include "store.h"
#include "store_read.h"

static double
clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Counts the hits; reads the fields a caller prints so none is lazy. */
static int
on_hit(void *arg, const struct store_doc *d, struct err *e)
{
	size_t *n = arg;

	(void)e;
	*n += (d->snippet != NULL) + (d->title_marked != NULL);
	return 0;
}

static int
one(struct store *s, const char *q, double *wall, double *cpu, size_t *hits)
{
	struct store_filter f;
	struct err e = {{0}};
	double w0 = clock_ms(CLOCK_MONOTONIC);
	double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	char *match = search_query_build(q);
	int rc;

	if (match == NULL)
		return -1;
	memset(&f, 0, sizeof(f));
	f.limit = 20;
	*hits = 0;
	rc = store_search_each(s, match, &f, on_hit, hits, &e);
	free(match);
	if (rc == -1) {
		fprintf(stderr, "search_bench: %s\n", e.msg);
		return -1;
	}
	*wall = clock_ms(CLOCK_MONOTONIC) - w0;
	*cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
	return 0;
}

static int
bench_query(const char *path, const char *q, int rounds)
{
	struct store *s = NULL;
	struct err e = {{0}};
	double *w = calloc((size_t)rounds, sizeof(double));
	double *c = calloc((size_t)rounds, sizeof(double));
	double ow = clock_ms(CLOCK_MONOTONIC);
	double oc = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	double w0, c0;
	size_t hits;
	int r, rc = -1;

	store_search_init();
	if (store_open(path, STORE_RO, &s, &e) == -1 ||
	    store_read_tune(s, &e) == -1 || store_search_tune(s, &e) == -1) {
		fprintf(stderr, "search_bench: %s\n", e.msg);
		goto out;
	}
	ow = clock_ms(CLOCK_MONOTONIC) - ow;
	oc = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - oc;
	if (w == NULL || c == NULL)
		goto out;
	if (one(s, q, &w0, &c0, &hits) == -1)
		goto out;
	for (r = 0; r < rounds; r++)
		if (one(s, q, &w[r], &c[r], &hits) == -1)
			goto out;
	qsort(w, (size_t)rounds, sizeof(double), cmp_double);
	qsort(c, (size_t)rounds, sizeof(double), cmp_double);
	printf("query\t%s\t%zu\tcold %.2f ms wall %.2f ms CPU\t"
	       "warm %.2f ms wall %.2f ms CPU\topen %.2f ms wall %.2f ms CPU\n",
	    q, hits / 2, w0, c0, w[rounds / 2], c[rounds / 2], ow, oc);
	rc = 0;
out:
	store_close(s);
	free(w);
	free(c);
	return rc;
}

/* One query in a child process: a cold query is a new connection's. */
static int
bench_forked(const char *path, const char *q, int rounds)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) == -1) {
		perror("search_bench: fork");
		return -1;
	}
	if (pid == 0) {
		st = bench_query(path, q, rounds) == -1;
		fflush(stdout);
		_exit(st);
	}
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	int ch, rounds = 20, rc = 0;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n') {
			fprintf(stderr, "usage: search_bench [-n ROUNDS] STORE "
					"QUERY...\n");
			return 64;
		}
		rounds = atoi(optarg);
	}
	if (argc - optind < 2 || rounds < 1) {
		fprintf(stderr, "usage: search_bench [-n ROUNDS] STORE QUERY...\n");
		return 64;
	}
	for (int i = optind + 1; i < argc && rc == 0; i++)
		rc = bench_forked(argv[optind], argv[i], rounds) == -1;
	return rc;
}
