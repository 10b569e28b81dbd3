/* SPDX-License-Identifier: ISC */
/*
 * The daemon context: building it, tearing it down, reloading its
 * configuration, and what happens when a round ends (schedule, log,
 * metrics, STATUS=). The loop itself is coll_loop.c.
 */
#include "coll.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "metrics.h"
#include "notify.h"
#include "store_metrics.h"
#include "store_record.h"

int64_t
coll_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
coll_signals_block(struct coll *c, struct err *e)
{
	sigemptyset(&c->sigs);
	sigaddset(&c->sigs, SIGTERM);
	sigaddset(&c->sigs, SIGINT);
	sigaddset(&c->sigs, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &c->sigs, &c->oldmask) == -1)
		return err_set(e, "sigprocmask: %s", strerror(errno));
	c->sigfd = signalfd(-1, &c->sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	if (c->sigfd == -1)
		return err_set(e, "signalfd: %s", strerror(errno));
	return 0;
}

/*
 * The engine and extractor for cfg. Without a working extractor the
 * daemon still collects: captures are the evidence, and `kicwatch
 * reparse` extracts them later.
 */
static int
engine_build(struct coll *c, const struct cfg *cfg, struct extractor **xp,
    struct crawl **crp, struct err *e)
{
	struct extractor *x = NULL;
	struct err xe = {{0}};

	if (extractor_new(cfg, &x, &xe) == -1) {
		log_warnx("run: extraction unavailable, keeping captures "
			  "only: %s", xe.msg);
		x = NULL;
	}
	if (crawl_new(cfg, c->store, x, crp, e) == -1) {
		extractor_free(x);
		return -1;
	}
	crawl_on_done(*crp, coll_round_done, c);
	*xp = x;
	return 0;
}

static int
store_setup(struct coll *c)
{
	const char *path = cli_db_path(c->cli, c->cfg);
	struct err e = {{0}};
	int r;

	store_lean_init();
	if (store_open(path, STORE_RW, &c->store, &e) == -1) {
		log_err("run: %s", e.msg);
		return EX_CANTCREAT_;
	}
	r = store_lock_writer(c->store, &e);
	if (r != 0) {
		log_err("run: %s", e.msg);
		return r == 1 ? EX_TEMPFAIL_ : EX_IOERR_;
	}
	return cli_store_apply("run", c->store, c->cfg);
}

int
coll_open(struct coll *c, const struct cli *cli)
{
	struct err e = {{0}};
	int rc;

	c->cli = cli;
	c->exit_code = 0;
	rc = cli_cfg_load(cli, &c->cfg);
	if (rc != 0)
		return rc;
	rc = store_setup(c);
	if (rc != 0)
		return rc;
	if (sched_new(c->store, c->cfg, &c->sched, &e) == -1 ||
	    engine_build(c, c->cfg, &c->x, &c->crawl, &e) == -1) {
		log_err("run: %s", e.msg);
		return EX_IOERR_;
	}
	c->watchdog_usec = notify_watchdog_usec();
	return 0;
}

void
coll_close(struct coll *c)
{
	crawl_free(c->crawl);
	extractor_free(c->x);
	sched_free(c->sched);
	store_close(c->store);
	cfg_free(c->next_cfg);
	cfg_free(c->cfg);
	if (c->sigfd != -1) {
		close(c->sigfd);
		sigprocmask(SIG_SETMASK, &c->oldmask, NULL);
	}
	c->crawl = NULL;
	c->x = NULL;
	c->sched = NULL;
	c->store = NULL;
	c->cfg = c->next_cfg = NULL;
	c->sigfd = -1;
}

void
coll_reload(struct coll *c)
{
	const char *path = cli_config_path(c->cli);
	struct cfg *cfg = NULL;
	struct err e = {{0}};

	log_info("run: SIGHUP: reloading %s", path);
	/* cfg_load logs every problem as file:line:col: key: message. */
	if (cfg_load(path, &cfg, &e) == -1) {
		log_err("run: reload failed, keeping the configuration in "
			"force: %s", e.msg);
		notify_sendf("STATUS=reload of %s failed (%s); old "
			     "configuration kept", path, e.msg);
		return;
	}
	if (c->cli->db_path == NULL && cfg->store_path != NULL &&
	    c->cfg->store_path != NULL &&
	    strcmp(cfg->store_path, c->cfg->store_path) != 0)
		log_warnx("run: store.path changed to %s: it takes effect at "
			  "the next restart", cfg->store_path);
	/* Building the index can take minutes: not between two rounds. */
	if (cfg->store_trigram_index != c->cfg->store_trigram_index)
		log_warnx("run: store.trigram_index changed to %s: it takes "
			  "effect at the next restart",
		    cfg->store_trigram_index ? "true" : "false");
	cfg_free(c->next_cfg);
	c->next_cfg = cfg;
	notify_sendf("RELOADING=1\nSTATUS=reloading %s", path);
	coll_reload_apply(c);
}

void
coll_reload_apply(struct coll *c)
{
	struct extractor *x = NULL;
	struct crawl *cr = NULL;
	struct err e = {{0}};

	if (c->next_cfg == NULL || !crawl_is_idle(c->crawl))
		return;
	if (engine_build(c, c->next_cfg, &x, &cr, &e) == -1 ||
	    sched_sync(c->sched, c->store, c->next_cfg, &e) == -1) {
		log_err("run: reload failed, keeping the configuration in "
			"force: %s", e.msg);
		crawl_free(cr);
		extractor_free(x);
		/* Back to the old sources (their rows exist already). */
		(void)sched_sync(c->sched, c->store, c->cfg, NULL);
		cfg_free(c->next_cfg);
		c->next_cfg = NULL;
		notify_sendf("READY=1");
		return;
	}
	crawl_free(c->crawl);
	extractor_free(c->x);
	cfg_free(c->cfg);
	c->crawl = cr;
	c->x = x;
	c->cfg = c->next_cfg;
	c->next_cfg = NULL;
	log_info("run: configuration reloaded: %u sources scheduled",
	    sched_count(c->sched));
	notify_sendf("READY=1");
	coll_status(c);
}

/*
 * The engine logs the round; STATUS= carries its gist. A failed round's
 * error is often a consequence ("robots.txt could not be fetched"), so
 * the transport error behind it is logged too: that is what an operator
 * on a machine without internet access needs to read.
 */
static void
round_note(struct coll *c, const struct crawl_summary *s)
{
	char cause[256] = "";
	struct err e = {{0}};

	if (s->ok) {
		snprintf(c->last_round, sizeof(c->last_round),
		    "%s ok, %u new, %u unchanged, %u not modified, %u errors",
		    s->source, s->stored, s->unchanged, s->not_modified,
		    s->errors);
		return;
	}
	if (store_metrics_last_error(c->store, s->source_id, cause,
		sizeof(cause), &e) == -1)
		log_debug("run: %s", e.msg);
	if (*cause != '\0')
		log_info("run: source=%s: round failed: %s; last fetch error: "
			 "%s", s->source, s->error ? s->error : "?", cause);
	snprintf(c->last_round, sizeof(c->last_round), "%s failed: %s",
	    s->source, *cause ? cause : s->error ? s->error : "?");
}

void
coll_metrics_update(struct coll *c)
{
	struct err e = {{0}};

	if (c->cfg->metrics_path == NULL)
		return;
	if (metrics_write(c->store, c->cfg, c->cfg->metrics_path, &e) == -1) {
		if (!c->metrics_failing)
			log_warnx("run: %s", e.msg);
		c->metrics_failing = true;
		return;
	}
	if (c->metrics_failing)
		log_info("run: metrics written to %s again",
		    c->cfg->metrics_path);
	c->metrics_failing = false;
}

void
coll_round_done(void *arg, const struct crawl_summary *sum)
{
	struct coll *c = arg;
	struct err e = {{0}};

	round_note(c, sum);
	/* A round cut short by shutdown is no failure of the source: it
	 * stays due and is fetched again after the restart, no backoff. */
	if (c->stopping && !sum->ok) {
		sched_abandon(c->sched, sum->source);
		return;
	}
	if (sum->ok)
		c->rounds_ok++;
	else
		c->rounds_failed++;
	if (crawl_round_record(c->sched, c->store, sum, &e) == -1)
		log_err("run: source=%s: recording the round: %s",
		    sum->source, e.msg);
	coll_metrics_update(c);
	coll_status(c);
}

void
coll_status(struct coll *c)
{
	unsigned running = sched_running(c->sched);
	int64_t due = sched_deadline(c->sched), in;

	if (c->stopping) {
		notify_sendf("STATUS=stopping: %u rounds in flight", running);
		return;
	}
	in = due == INT64_MAX ? -1 : due - (int64_t)time(NULL);
	if (running > 0)
		notify_sendf("STATUS=crawling %u of %u sources; %u rounds ok, "
			     "%u failed; last: %s", running,
		    sched_count(c->sched), c->rounds_ok, c->rounds_failed,
		    c->last_round[0] ? c->last_round : "none yet");
	else
		notify_sendf("STATUS=idle, %u sources, next round in %llds; "
			     "%u rounds ok, %u failed; last: %s",
		    sched_count(c->sched), (long long)(in < 0 ? 0 : in),
		    c->rounds_ok, c->rounds_failed,
		    c->last_round[0] ? c->last_round : "none yet");
}
