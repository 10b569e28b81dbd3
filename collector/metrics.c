/* SPDX-License-Identifier: ISC */
/*
 * Metrics in the Prometheus text exposition format (version 0.0.4). The
 * store keeps the counters (schema/0004_metrics.sql, 0011); this file only
 * turns rows into text and replaces the file. Counters are monotonic
 * because fetch_log is append-only; documents/events/mous count rows
 * written into a completed run (what crawls write), not the unfinished run
 * a reparse builds, so a reparse does not make them jump.
 */
#include "metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "store_metrics.h"
#include "xmem.h"

#ifndef KICWATCH_VERSION
#define KICWATCH_VERSION "0.0.0"
#endif

/* One metric family: name, type, help and where its value lives. */
struct family {
	const char *name;
	const char *type;
	const char *help;
	size_t off;		/* offset of an int64_t in the row */
	bool timestamp;		/* -1/0 mean "never": the sample is omitted */
};

#define ROW_OFF(f) offsetof(struct store_metrics_row, f)

static const struct family families[] = {
	{"kicwatch_source_requests_total", "counter",
	    "HTTP requests sent for the source.", ROW_OFF(requests), false},
	{"kicwatch_source_stored_total", "counter",
	    "Responses stored as a new capture.", ROW_OFF(stored), false},
	{"kicwatch_source_unchanged_total", "counter",
	    "200 responses identical to the last capture.",
	    ROW_OFF(unchanged), false},
	{"kicwatch_source_not_modified_total", "counter",
	    "304 Not Modified answers to a conditional GET.",
	    ROW_OFF(not_modified), false},
	{"kicwatch_source_http_errors_total", "counter",
	    "4xx and 5xx answers.", ROW_OFF(http_errors), false},
	{"kicwatch_source_errors_total", "counter",
	    "Transport errors (timeout, DNS, connection, size limit).",
	    ROW_OFF(errors), false},
	{"kicwatch_source_skipped_total", "counter",
	    "URLs not requested (robots.txt, refused redirect).",
	    ROW_OFF(skipped), false},
	{"kicwatch_source_bytes_total", "counter",
	    "Body bytes received, decompressed.", ROW_OFF(bytes), false},
	{"kicwatch_source_documents_total", "counter",
	    "Documents extracted from new captures.", ROW_OFF(documents),
	    false},
	{"kicwatch_source_events_total", "counter",
	    "Events extracted from new captures.", ROW_OFF(events), false},
	{"kicwatch_source_mous_total", "counter",
	    "MOUs extracted from new captures.", ROW_OFF(mous), false},
	{"kicwatch_source_last_fetch_timestamp_seconds", "gauge",
	    "Time of the latest request.", ROW_OFF(last_fetch_at), true},
	{"kicwatch_source_last_attempt_timestamp_seconds", "gauge",
	    "Start of the latest round.", ROW_OFF(last_attempt_at), true},
	{"kicwatch_source_last_success_timestamp_seconds", "gauge",
	    "End of the latest round without a hard error.",
	    ROW_OFF(last_success_at), true},
	{"kicwatch_source_next_due_timestamp_seconds", "gauge",
	    "When the next round may start (absent: due now).",
	    ROW_OFF(next_due_at), true},
};

struct render {
	const struct cfg *cfg;
	const struct family *fam;	/* NULL: the failures gauge */
	struct buf *b;
};

/* Label values: backslash, double quote and newline are escaped. */
static void
put_label(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			buf_putc(b, '\\');
		if (*v == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		buf_putc(b, *v);
	}
}

static bool
configured(const struct cfg *c, const char *name)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i].name, name) == 0)
			return c->sources[i].enabled;
	return false;
}

static int
render_row(const struct store_metrics_row *r, void *arg)
{
	struct render *rd = arg;
	int64_t v;

	if (!configured(rd->cfg, r->source))
		return 0;
	if (rd->fam == NULL) {
		v = (int64_t)r->failures;
	} else {
		memcpy(&v, (const char *)r + rd->fam->off, sizeof(v));
		if (rd->fam->timestamp && v <= 0)
			return 0;
	}
	buf_printf(rd->b, "%s{source=\"",
	    rd->fam ? rd->fam->name
		    : "kicwatch_source_consecutive_failures");
	put_label(rd->b, r->source);
	buf_printf(rd->b, "\"} %lld\n", (long long)v);
	return 0;
}

int
metrics_render(struct store *s, const struct cfg *c, struct buf *b,
    struct err *e)
{
	struct render rd = {.cfg = c, .b = b};
	size_t nf = sizeof(families) / sizeof(families[0]);

	buf_printf(b, "# HELP kicwatch_build_info The running kicwatch.\n"
		      "# TYPE kicwatch_build_info gauge\n"
		      "kicwatch_build_info{version=\"%s\"} 1\n",
	    KICWATCH_VERSION);
	buf_printf(b, "# HELP kicwatch_metrics_timestamp_seconds When this "
		      "file was written.\n"
		      "# TYPE kicwatch_metrics_timestamp_seconds gauge\n"
		      "kicwatch_metrics_timestamp_seconds %lld\n",
	    (long long)time(NULL));
	for (size_t i = 0; i <= nf; i++) {
		rd.fam = i < nf ? &families[i] : NULL;
		buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n",
		    rd.fam ? rd.fam->name : "kicwatch_source_consecutive_failures",
		    rd.fam ? rd.fam->help
			   : "Failed rounds in a row (0 when healthy).",
		    rd.fam ? rd.fam->name : "kicwatch_source_consecutive_failures",
		    rd.fam ? rd.fam->type : "gauge");
		if (store_metrics_each(s, render_row, &rd, e) == -1)
			return -1;
	}
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
metrics_write(struct store *s, const struct cfg *c, const char *path,
    struct err *e)
{
	struct buf b = {0};
	char *tmp = NULL;
	int fd = -1, rc = -1;

	if (metrics_render(s, c, &b, e) == -1)
		goto out;
	/* Same directory, so rename(2) is atomic; not *.prom, so the
	 * collector never picks up the temporary file. */
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		err_set(e, "metrics: %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0644) == -1 || write_all(fd, b.data, b.len) == -1) {
		err_set(e, "metrics: %s: %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = close(fd);
	fd = -1;
	if (rc == -1) {
		err_set(e, "metrics: %s: %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = -1;
	if (rename(tmp, path) == -1) {
		err_set(e, "metrics: %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(tmp);
	buf_free(&b);
	return rc;
}
