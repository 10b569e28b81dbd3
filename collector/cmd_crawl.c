/* SPDX-License-Identifier: ISC */
/*
 * kicwatch crawl [--all] [--source NAME]...: one round of every source
 * that is due (every enabled source with --all, the named ones with
 * --source, due or not), then exit. Holds the store's writer lock, so it
 * never interleaves with a daemon or a reparse. Exit 0 when the rounds
 * ran, even if some sources failed (they are logged and recorded), 69
 * when every source failed, 74 on a store error, 75 when another process
 * holds the writer lock, 78 on a bad configuration.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "crawl.h"
#include "extract.h"
#include "log.h"
#include "scheduler.h"
#include "store.h"
#include "store_record.h"

struct crawl_cmd {
	struct cfg *cfg;
	struct store *store;
	struct sched *sc;
	struct extractor *x;
	struct crawl *cr;
	unsigned started; /* rounds started */
	unsigned failed;  /* rounds that failed */
	bool io_failed;   /* a store error: exit 74 */
	struct err io;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: kicwatch [-c CONFIG] [--db PATH] crawl [--all] "
	           "[--source NAME]...\n\n"
	           "Fetches every source that is due once, then exits.\n"
	           "  --all          every enabled source, due or not\n"
	           "  --source NAME  this source, due or not (repeatable)\n");
}

static void
on_done(void *arg, const struct crawl_summary *sum)
{
	struct crawl_cmd *cc = arg;
	struct err e = {{0}};

	if (!sum->ok)
		cc->failed++;
	if (crawl_round_record(cc->sc, cc->store, sum, &e) == -1 &&
	    !cc->io_failed) {
		cc->io_failed = true;
		cc->io = e;
	}
}

static int
start(struct crawl_cmd *cc, const struct cfg_source *src)
{
	struct err e = {{0}};

	if (sched_started(
	        cc->sc, cc->store, src->name, (int64_t)time(NULL), &e) == -1 ||
	    crawl_source_start(cc->cr, src, &e) == -1) {
		log_err("crawl: source=%s: %s", src->name, e.msg);
		return -1;
	}
	cc->started++;
	return 0;
}

static int
start_selected(struct crawl_cmd *cc, bool all, char **names, int nnames)
{
	const struct cfg_source *src;

	for (int i = 0; i < nnames; i++) {
		src = cfg_source_find(cc->cfg, names[i]);
		if (!src->enabled)
			log_warnx(
			    "crawl: source=%s is disabled; skipped", src->name);
		else if (start(cc, src) == -1)
			return -1;
	}
	for (size_t i = 0; all && nnames == 0 && i < cc->cfg->nsources; i++)
		if (cc->cfg->sources[i].enabled &&
		    start(cc, &cc->cfg->sources[i]) == -1)
			return -1;
	/* sched_started marks a source running, so this ends. */
	while (!all && nnames == 0 &&
	       (src = sched_next_due(cc->sc, (int64_t)time(NULL))) != NULL)
		if (start(cc, src) == -1)
			return -1;
	return 0;
}

static int
loop(struct crawl_cmd *cc)
{
	struct err e = {{0}};

	while (!crawl_is_idle(cc->cr) && !cc->io_failed) {
		if (crawl_poll(cc->cr, NULL, 0, -1, NULL, &e) == -1) {
			log_err("crawl: %s", e.msg);
			return EX_SOFTWARE_;
		}
		if (crawl_step(cc->cr, &e) == -1) {
			log_err("crawl: %s", e.msg);
			return EX_IOERR_;
		}
	}
	if (cc->io_failed) {
		log_err("crawl: %s", cc->io.msg);
		return EX_IOERR_;
	}
	return 0;
}

/* The store (locked), the scheduler, the extractor and the engine. */
static int
open_all(struct crawl_cmd *cc, struct cli *cli)
{
	struct err e = {{0}};
	int rc;

	store_lean_init();
	if (store_open(cli_db_path(cli, cc->cfg), STORE_RW, &cc->store, &e) ==
	    -1) {
		log_err("crawl: %s", e.msg);
		return EX_IOERR_;
	}
	rc = store_lock_writer(cc->store, &e);
	if (rc != 0) {
		log_err("crawl: %s", e.msg);
		return rc == 1 ? EX_TEMPFAIL_ : EX_IOERR_;
	}
	if ((rc = cli_store_apply("crawl", cc->store, cc->cfg)) != 0)
		return rc;
	if (sched_new(cc->store, cc->cfg, &cc->sc, &e) == -1) {
		log_err("crawl: %s", e.msg);
		return EX_IOERR_;
	}
	/* Collection goes on without extraction: reparse fills it in. */
	if (extractor_new(cc->cfg, &cc->x, &e) == -1) {
		log_warnx("crawl: extraction unavailable (%s); captures are "
		          "stored without documents until 'kicwatch reparse'",
		    e.msg);
		cc->x = NULL;
	}
	if (crawl_new(cc->cfg, cc->store, cc->x, &cc->cr, &e) == -1) {
		log_err("crawl: %s", e.msg);
		return EX_SOFTWARE_;
	}
	crawl_on_done(cc->cr, on_done, cc);
	return 0;
}

static int
parse_args(int argc, char **argv, bool *all, char ***names, int *nnames)
{
	static const struct option longopts[] = {
	    {"all", no_argument, NULL, 'a'},
	    {"source", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	*names = calloc((size_t)argc + 1, sizeof(char *));
	if (*names == NULL)
		return EX_SOFTWARE_;
	while ((ch = getopt_long(argc, argv, "+ahs:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			*all = true;
			break;
		case 's':
			(*names)[(*nnames)++] = optarg;
			break;
		default:
			usage(stderr);
			return EX_USAGE_;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return EX_USAGE_;
	}
	return 0;
}

static int
check_names(const struct cfg *c, char **names, int nnames)
{
	for (int i = 0; i < nnames; i++) {
		if (cfg_source_find(c, names[i]) == NULL) {
			log_err("crawl: no source named '%s' in %s", names[i],
			    c->path);
			return EX_USAGE_;
		}
	}
	return 0;
}

int
cmd_crawl(struct cli *cli, int argc, char **argv)
{
	struct crawl_cmd cc = {0};
	char **names = NULL;
	int nnames = 0, rc;
	bool all = false;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	rc = parse_args(argc, argv, &all, &names, &nnames);
	if (rc == 0)
		rc = cli_cfg_load(cli, &cc.cfg);
	if (rc == 0)
		rc = check_names(cc.cfg, names, nnames);
	if (rc == 0)
		rc = open_all(&cc, cli);
	if (rc == 0 && start_selected(&cc, all, names, nnames) == -1)
		rc = EX_IOERR_;
	if (rc == 0)
		rc = loop(&cc);
	if (rc == 0 && cc.started == 0)
		log_info("crawl: no source is due");
	else if (rc == 0)
		log_info("crawl: %u sources, %u failed", cc.started, cc.failed);
	if (rc == 0 && cc.started > 0 && cc.failed == cc.started)
		rc = EX_UNAVAILABLE_;
	crawl_free(cc.cr);
	extractor_free(cc.x);
	sched_free(cc.sc);
	store_close(cc.store);
	cfg_free(cc.cfg);
	free(names);
	return rc;
}
