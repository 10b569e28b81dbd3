/* SPDX-License-Identifier: ISC */
/*
 * kicwatch reparse: re-extract every stored capture into a new run, with
 * no network. Takes the writer lock (a crawl or the daemon must not write
 * meanwhile), so it refuses to start while one runs. Interrupting it is
 * safe at any point: the unfinished run is ignored by queries and dropped
 * by the next reparse.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "log.h"
#include "reparse.h"
#include "store.h"
#include "store_scan.h"

#define MAX_WORKERS 16

struct args {
	struct reparse_opts o;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: kicwatch [-c CONFIG] [--db PATH] reparse "
		   "[--source NAME] [--jobs N] [--prune] [--no-progress]\n\n"
		   "Re-runs extraction over every stored capture into a new "
		   "run and makes it current\nwhen it completes. --source "
		   "re-extracts one source and carries the others over\nfrom "
		   "the current run. --jobs sets the extraction threads "
		   "(default: 2, at most\nthe CPUs). --prune then deletes the "
		   "records of older runs. Progress is shown\non a terminal.\n");
}

static unsigned
default_workers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n >= 2 ? 2 : 1;
}

/* 0, or a sysexits code (with help: -1 for "done, exit 0"). */
static int
parse_args(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{"source", required_argument, NULL, 's'},
		{"jobs", required_argument, NULL, 'j'},
		{"prune", no_argument, NULL, 'p'},
		{"no-progress", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	long n;
	int ch;

	a->o.workers = default_workers();
	a->o.progress = isatty(STDERR_FILENO);
	while ((ch = getopt_long(argc, argv, "+s:j:", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			a->o.only_source = optarg;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > MAX_WORKERS) {
				fprintf(stderr, "kicwatch: reparse: --jobs "
						"takes 1..%d\n", MAX_WORKERS);
				return EX_USAGE_;
			}
			a->o.workers = (unsigned)n;
			break;
		case 'p':
			a->o.prune = true;
			break;
		case 'q':
			a->o.progress = false;
			break;
		default:
			usage(stderr);
			return EX_USAGE_;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE_;
	}
	return 0;
}

/* Opens the store and takes the writer lock; 0 or a sysexits code. */
static int
open_locked(const struct cli *cli, const struct cfg *cfg,
    const char *only_source, struct store **out)
{
	struct err e = {{0}};
	struct store *s = NULL;
	int64_t id;
	int rc = 0;

	if (store_open(cli_db_path(cli, cfg), STORE_RW, &s, &e) == -1)
		rc = EX_IOERR_;
	else if ((rc = store_lock_writer(s, &e)) != 0)
		rc = rc == 1 ? EX_TEMPFAIL_ : EX_IOERR_;
	else if ((rc = cli_store_apply("reparse", s, cfg)) != 0) {
		store_close(s);
		return rc;
	} else if (only_source != NULL &&
	    (rc = store_scan_source_id(s, only_source, &id, &e)) != 0) {
		if (rc == 1)
			err_set(&e, "the store has no source named '%s'",
			    only_source);
		rc = rc == 1 ? EX_USAGE_ : EX_IOERR_;
	}
	if (rc != 0) {
		log_err("reparse: %s", e.msg);
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void
report(const struct reparse_stats *st)
{
	if (st->dropped > 0)
		log_info("reparse: dropped %d unfinished run%s first",
		    st->dropped, st->dropped == 1 ? "" : "s");
	printf("run %lld: %llu documents (%llu extracted, %llu carried over), "
	       "%llu captures skipped, %llu without records; %.1f s, "
	       "%.0f captures/s\n",
	    (long long)st->run_id,
	    (unsigned long long)(st->documents + st->copied),
	    (unsigned long long)st->documents, (unsigned long long)st->copied,
	    (unsigned long long)st->skipped,
	    (unsigned long long)st->without_records, st->seconds,
	    st->seconds > 0 ? (double)st->visited / st->seconds : 0.0);
	if (st->pruned > 0)
		printf("pruned %d older run%s\n", st->pruned,
		    st->pruned == 1 ? "" : "s");
	log_info("reparse: writer thread %.2f s CPU (%.2f ms per capture)",
	    st->writer_cpu,
	    st->visited ? st->writer_cpu * 1e3 / (double)st->visited : 0.0);
}

int
cmd_reparse(struct cli *cli, int argc, char **argv)
{
	struct args a = {{0}};
	struct reparse_stats st;
	struct extractor *x = NULL;
	struct store *s = NULL;
	struct cfg *cfg = NULL;
	struct err e = {{0}};
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if ((rc = parse_args(argc, argv, &a)) != 0 ||
	    (rc = cli_cfg_load(cli, &cfg)) != 0)
		return rc;
	rc = open_locked(cli, cfg, a.o.only_source, &s);
	if (rc == 0 && extractor_new(cfg, &x, &e) == -1) {
		log_err("reparse: extraction: %s", e.msg);
		rc = EX_SOFTWARE_;
	}
	if (rc == 0 && reparse_run(s, cfg, x, &a.o, &st, &e) == -1) {
		log_err("reparse: %s", e.msg);
		rc = EX_IOERR_;
	}
	if (rc == 0)
		report(&st);
	extractor_free(x);
	store_close(s);
	cfg_free(cfg);
	return rc;
}
