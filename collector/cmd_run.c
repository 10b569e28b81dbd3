/* SPDX-License-Identifier: ISC */
/*
 * kicwatch run: the daemon. Signals are blocked first, before anything
 * can start a thread, then the configuration and the store are opened,
 * systemd is told READY=1 and the loop runs until SIGTERM/SIGINT. The
 * work is in coll.c and coll_loop.c.
 */
#include <stdio.h>

#include "cli.h"
#include "cmd.h"
#include "coll.h"
#include "log.h"
#include "notify.h"

static const char run_usage[] =
    "usage: kicwatch [-c CONFIG] [--db PATH] [--log-level LEVEL] run\n"
    "\n"
    "The daemon: fetches each source when it is due (its interval plus\n"
    "jitter; failing sources back off up to a day), keeping the timetable\n"
    "in the store. SIGHUP reloads the configuration (a bad one is logged\n"
    "and the old one kept); SIGTERM/SIGINT stop gracefully (transfers get\n"
    "10 s, then everything is committed). Speaks sd_notify under systemd\n"
    "(Type=notify, WatchdogSec=).\n";

int
cmd_run(struct cli *cli, int argc, char **argv)
{
	struct coll c = {.sigfd = -1};
	struct err e = {{0}};
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(run_usage, stdout);
		return 0;
	}
	if (argc > 1) {
		fputs(run_usage, stderr);
		return EX_USAGE_;
	}
	if (coll_signals_block(&c, &e) == -1) {
		log_err("run: %s", e.msg);
		return EX_SOFTWARE_;
	}
	rc = coll_open(&c, cli);
	if (rc == 0)
		rc = coll_run(&c);
	else
		notify_sendf("STATUS=failed to start (exit %d), see the log",
		    rc);
	notify_sendf("STOPPING=1");
	coll_close(&c);
	return rc;
}
