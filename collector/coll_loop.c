/* SPDX-License-Identifier: ISC */
/*
 * The daemon's event loop. Each turn starts the rounds that are due,
 * then waits once in crawl_poll() (libcurl's multi poll) with the
 * signalfd as an extra fd and a timeout that is the nearest of: the next
 * scheduled round, the next watchdog ping, the shutdown deadline. So one
 * wait covers transfers, signals and the timetable, and signals are
 * handled here, in the loop, never in signal context.
 */
#include "coll.h"

#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"

/* Starts every round that is due, unless a reload or a stop is pending. */
static void
start_due(struct coll *c)
{
	const struct cfg_source *src;
	int64_t now = (int64_t)time(NULL);
	struct err e = {{0}};
	bool started = false;

	if (c->stopping || c->next_cfg != NULL)
		return;
	for (;;) {
		src = sched_next_due(c->sched, now);
		if (src == NULL)
			break;
		if (sched_started(c->sched, c->store, src->name, now, &e) == -1)
			log_err("run: source=%s: %s", src->name, e.msg);
		if (crawl_source_start(c->crawl, src, &e) == -1) {
			log_err("run: source=%s: cannot start a round: %s",
			    src->name, e.msg);
			sched_abandon(c->sched, src->name);
			c->exit_code = EX_IOERR_;
			c->stopping = true;
			return;
		}
		log_debug("run: source=%s: round started", src->name);
		started = true;
	}
	if (started)
		coll_status(c);
}

static int
clamp_ms(int64_t ms)
{
	if (ms < 0)
		return 0;
	return ms > COLL_WAIT_MAX_MS ? COLL_WAIT_MAX_MS : (int)ms;
}

/* How long the next wait may last, in ms. */
static int
wait_ms(struct coll *c)
{
	int64_t now = coll_now_ms(), t = COLL_WAIT_MAX_MS;
	int64_t due = sched_deadline(c->sched);

	if (c->stopping)
		t = c->stop_deadline - now;
	else if (c->next_cfg == NULL && due != INT64_MAX)
		t = (due - (int64_t)time(NULL)) * 1000;
	if (c->watchdog_usec != 0 && c->watchdog_next - now < t)
		t = c->watchdog_next - now;
	return clamp_ms(t);
}

static void
stop_begin(struct coll *c, const char *why)
{
	if (c->stopping)
		return;
	c->stopping = true;
	c->stop_deadline = coll_now_ms() + COLL_STOP_GRACE_MS;
	log_info("run: %s: stopping (%u rounds in flight, %ds grace)", why,
	    sched_running(c->sched), COLL_STOP_GRACE_MS / 1000);
	notify_sendf("STOPPING=1");
	coll_status(c);
}

static void
signals_read(struct coll *c)
{
	struct signalfd_siginfo si;

	for (;;) {
		ssize_t n = read(c->sigfd, &si, sizeof(si));

		if (n != (ssize_t)sizeof(si))
			break;
		if (si.ssi_signo == SIGHUP && !c->stopping)
			coll_reload(c);
		else if (si.ssi_signo == SIGTERM)
			stop_begin(c, "SIGTERM");
		else if (si.ssi_signo == SIGINT)
			stop_begin(c, "SIGINT");
	}
}

static void
watchdog(struct coll *c)
{
	int64_t now = coll_now_ms();

	if (c->watchdog_usec == 0 || now < c->watchdog_next)
		return;
	notify_sendf("WATCHDOG=1");
	c->watchdog_next = now + (int64_t)(c->watchdog_usec / 2000);
}

/* One turn of the loop; false when the loop is over. */
static bool
turn(struct coll *c)
{
	struct curl_waitfd wfd = {.fd = c->sigfd, .events = CURL_WAIT_POLLIN};
	struct err e = {{0}};

	start_due(c);
	if (crawl_poll(c->crawl, &wfd, 1, wait_ms(c), NULL, &e) == -1)
		log_warnx("run: poll: %s", e.msg);
	if (wfd.revents != 0)
		signals_read(c);
	if (crawl_step(c->crawl, &e) == -1) {
		log_err("run: the store failed, stopping: %s", e.msg);
		c->exit_code = EX_IOERR_;
		stop_begin(c, "store failure");
		crawl_cancel(c->crawl);
		return false;
	}
	coll_reload_apply(c);
	watchdog(c);
	if (!c->stopping)
		return true;
	if (crawl_is_idle(c->crawl))
		return false;
	if (coll_now_ms() < c->stop_deadline)
		return true;
	log_warnx("run: cutting %u rounds still running after %ds",
	    sched_running(c->sched), COLL_STOP_GRACE_MS / 1000);
	crawl_cancel(c->crawl);
	return false;
}

int
coll_run(struct coll *c)
{
	c->watchdog_next = coll_now_ms();
	log_info("run: started: %u sources, store %s, pid %ld",
	    sched_count(c->sched), store_path(c->store), (long)getpid());
	notify_sendf("READY=1\nMAINPID=%ld", (long)getpid());
	/* A fresh timestamp at once, even if no source is due for hours. */
	coll_metrics_update(c);
	coll_status(c);
	while (turn(c))
		;
	log_info("run: stopped: %u rounds ok, %u failed", c->rounds_ok,
	    c->rounds_failed);
	return c->exit_code;
}
