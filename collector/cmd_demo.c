/* SPDX-License-Identifier: ISC */
/*
 * kicwatch demo: the whole pipeline offline. Serves the bundled sample
 * site (demo/site/) on 127.0.0.1 from a thread, writes a configuration
 * from the config/demo.yaml template with the server's port, then runs
 * the real commands in-process: init, crawl --all, query events, query
 * mous and digest, against a temporary store (or --db, which is kept).
 * Commands not built into this kicwatch are skipped with a note, so the
 * demo degrades rather than fails.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "demo_httpd.h"
#include "log.h"
#include "store_metrics.h"
#include "xmem.h"

#ifndef KICWATCH_DATADIR
#define KICWATCH_DATADIR "/usr/share/kicwatch"
#endif
#ifndef KICWATCH_SYSCONFDIR
#define KICWATCH_SYSCONFDIR "/etc"
#endif
#ifndef KICWATCH_BINDIR
#define KICWATCH_BINDIR "/usr/bin"
#endif
#ifndef KICWATCH_LIBEXECDIR
#define KICWATCH_LIBEXECDIR "/usr/libexec/kicwatch"
#endif

#define TEMPLATE_MAX (64 * 1024)

/* Where the demo's files are: installed, or in the source tree. */
struct demo_paths {
	char site[PATH_MAX];	/* the sample site's root */
	char tmpl[PATH_MAX];	/* demo.yaml */
	char confdir[PATH_MAX];	/* entities.yaml and patterns.yaml */
};

struct demo_opts {
	const char *site;	/* --site: serve another directory */
	unsigned port;		/* --port: 0 = any free port */
	bool serve;		/* --serve: only serve, until a signal */
};

static bool
is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
paths_set(struct demo_paths *p, const char *site, const char *tmpl,
    const char *confdir)
{
	snprintf(p->site, sizeof(p->site), "%s", site);
	snprintf(p->tmpl, sizeof(p->tmpl), "%s", tmpl);
	snprintf(p->confdir, sizeof(p->confdir), "%s", confdir);
	return is_file(p->tmpl) && is_dir(p->site);
}

/*
 * The installed data when this is the installed binary, else the source
 * tree it was built from (a build-directory kicwatch must not pick up
 * an older installed demo), else whatever exists.
 */
static int
paths_find(struct demo_paths *p, struct err *e)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	bool installed;

	exe[n > 0 ? n : 0] = '\0';
	/* kicwatch execs kicwatch-collect for the demo (collector/main.c). */
	installed = strcmp(exe, KICWATCH_BINDIR "/kicwatch") == 0 ||
	    strcmp(exe, KICWATCH_LIBEXECDIR "/kicwatch-collect") == 0;
#ifdef KICWATCH_SRCDIR
	if (!installed && paths_set(p, KICWATCH_SRCDIR "/demo/site",
			      KICWATCH_SRCDIR "/config/demo.yaml",
			      KICWATCH_SRCDIR "/config"))
		return 0;
#endif
	if (paths_set(p, KICWATCH_DATADIR "/demo/site",
		KICWATCH_DATADIR "/demo/demo.yaml",
		KICWATCH_SYSCONFDIR "/kicwatch"))
		return 0;
#ifdef KICWATCH_SRCDIR
	if (paths_set(p, KICWATCH_SRCDIR "/demo/site",
		KICWATCH_SRCDIR "/config/demo.yaml",
		KICWATCH_SRCDIR "/config"))
		return 0;
#endif
	return err_set(e, "demo: the sample site is not installed (looked "
			  "in %s/demo)", KICWATCH_DATADIR);
}

static int
read_file(const char *path, struct buf *b, struct err *e)
{
	FILE *f = fopen(path, "re");
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return err_set(e, "demo: %s: %s", path, strerror(errno));
	while (b->len < TEMPLATE_MAX) {
		n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0)
			break;
		buf_append(b, chunk, n);
	}
	fclose(f);
	if (b->len >= TEMPLATE_MAX)
		return err_set(e, "demo: %s: too large", path);
	return 0;
}

/* Copies tmpl to out with {port} and {confdir} filled in. */
static void
substitute(const char *tmpl, unsigned port, const char *confdir,
    struct buf *out)
{
	const char *p = tmpl;

	while (*p != '\0') {
		if (strncmp(p, "{port}", 6) == 0) {
			buf_printf(out, "%u", port);
			p += 6;
		} else if (strncmp(p, "{confdir}", 9) == 0) {
			buf_puts(out, confdir);
			p += 9;
		} else {
			buf_putc(out, *p++);
		}
	}
}

static int
write_config(const struct demo_paths *dp, unsigned port, const char *path,
    struct err *e)
{
	struct buf tmpl = {0}, text = {0};
	FILE *f;
	int rc = -1;

	if (read_file(dp->tmpl, &tmpl, e) == -1)
		goto out;
	substitute(tmpl.data ? tmpl.data : "", port, dp->confdir, &text);
	f = fopen(path, "we");
	if (f == NULL) {
		err_set(e, "demo: %s: %s", path, strerror(errno));
		goto out;
	}
	fwrite(text.data, 1, text.len, f);
	if (fclose(f) != 0) {
		err_set(e, "demo: %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_free(&tmpl);
	buf_free(&text);
	return rc;
}

/* Runs one kicwatch command in-process, as main.c would. */
static int
run_cmd(struct cli *cli, int (*fn)(struct cli *, int, char **),
    const char *title, char **argv)
{
	int argc = 0, rc;

	while (argv[argc] != NULL)
		argc++;
	printf("\n== %s\n", title);
	fflush(stdout);
	optind = 0;
	rc = fn(cli, argc, argv);
	fflush(stdout);
	if (rc == EX_UNAVAILABLE_)
		printf("(kicwatch %s is not available in this build)\n",
		    argv[0]);
	return rc;
}

static int
print_source(const struct store_metrics_row *r, void *arg)
{
	(void)arg;
	printf("  %-18s %8lld %8lld %8lld %8lld %10lld %7lld %5lld\n",
	    r->source, (long long)r->requests, (long long)r->stored,
	    (long long)r->not_modified,
	    (long long)(r->errors + r->http_errors), (long long)r->documents,
	    (long long)r->events, (long long)r->mous);
	return 0;
}

static void
print_summary(const char *db)
{
	struct store *s = NULL;
	struct err e = {{0}};

	if (store_open(db, STORE_RO, &s, &e) == -1) {
		log_warnx("demo: %s", e.msg);
		return;
	}
	printf("\n== what was collected\n  %-18s %8s %8s %8s %8s %10s %7s "
	       "%5s\n",
	    "source", "requests", "stored", "304", "errors", "documents",
	    "events", "mous");
	if (store_metrics_each(s, print_source, NULL, &e) == -1)
		log_warnx("demo: %s", e.msg);
	store_close(s);
}

/* Removes the temporary directory and the files the demo made in it. */
static void
cleanup_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[PATH_MAX];

	if (d == NULL)
		return;
	for (de = readdir(d); de != NULL; de = readdir(d)) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int
pipeline(struct cli *outer, const char *dir, unsigned port)
{
	struct cli cli = *outer;
	char cfgpath[PATH_MAX], db[PATH_MAX];
	char *init[] = {"init", NULL};
	char *crawl[] = {"crawl", "--all", NULL};
	char *events[] = {"query", "events", "--format", "table", NULL};
	char *mous[] = {"query", "mous", "--format", "table", NULL};
	char *digest[] = {"digest", "--since", "2024-01-01", "--format", "md",
	    NULL};
	int rc;

	snprintf(cfgpath, sizeof(cfgpath), "%s/kicwatch.yaml", dir);
	snprintf(db, sizeof(db), "%s/kicwatch.db", dir);
	cli.config_path = cfgpath;
	cli.config_given = true;
	if (cli.db_path == NULL)
		cli.db_path = db;
	printf("kicwatch demo: sample site at http://127.0.0.1:%u/, store %s\n",
	    port, cli.db_path);
	rc = run_cmd(&cli, cmd_init, "kicwatch init", init);
	if (rc != 0)
		return rc;
	rc = run_cmd(&cli, cmd_crawl, "kicwatch crawl --all", crawl);
	if (rc != 0 && rc != EX_UNAVAILABLE_)
		return rc;
	print_summary(cli.db_path);
	run_cmd(&cli, cmd_query, "kicwatch query events", events);
	run_cmd(&cli, cmd_query, "kicwatch query mous", mous);
	run_cmd(&cli, cmd_digest, "kicwatch digest --since 2024-01-01",
	    digest);
	if (outer->db_path != NULL)
		printf("\nThe store is kept: kicwatch --db %s query ...\n",
		    outer->db_path);
	return rc == EX_UNAVAILABLE_ ? EX_UNAVAILABLE_ : 0;
}

/* --serve: serve until SIGINT/SIGTERM, read synchronously. */
static int
serve_only(const struct demo_paths *dp, unsigned port)
{
	struct demo_httpd *h = NULL;
	struct err e = {{0}};
	sigset_t set;
	int sig = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* Before the thread exists, so only sigwait sees them. */
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (demo_httpd_start(dp->site, port, &h, &e) == -1) {
		log_err("%s", e.msg);
		return EX_UNAVAILABLE_;
	}
	printf("http://127.0.0.1:%u/\n", demo_httpd_port(h));
	fflush(stdout);
	log_info("demo: serving %s on http://127.0.0.1:%u/ until "
		 "interrupted", dp->site, demo_httpd_port(h));
	sigwait(&set, &sig);
	log_info("demo: %lu requests served", demo_httpd_requests(h));
	demo_httpd_stop(h);
	return 0;
}

static int
parse_opts(int argc, char **argv, struct demo_opts *o)
{
	static const struct option longopts[] = {
		{"serve", no_argument, NULL, 's'},
		{"port", required_argument, NULL, 'p'},
		{"site", required_argument, NULL, 'S'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	long v;
	int ch;

	for (;;) {
		ch = getopt_long(argc, argv, "", longopts, NULL);
		if (ch == -1)
			break;
		switch (ch) {
		case 's':
			o->serve = true;
			break;
		case 'p':
			v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < 0 || v > 65535)
				return -1;
			o->port = (unsigned)v;
			break;
		case 'S':
			o->site = optarg;
			break;
		default:
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: kicwatch [--db PATH] demo [--serve] [--port N] "
	    "[--site DIR]\n\n"
	    "Serves the bundled sample site on 127.0.0.1, crawls it into a "
	    "store (a temporary\none unless --db is given), and prints the "
	    "events, MOUs and a digest found.\n"
	    "  --serve     only serve the site (prints its URL) until "
	    "interrupted\n"
	    "  --port N    listen on port N instead of any free port\n"
	    "  --site DIR  serve DIR instead of the bundled site\n");
}

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct demo_opts o = {0};
	struct demo_paths dp;
	struct demo_httpd *h = NULL;
	struct err e = {{0}};
	char dir[] = "/tmp/kicwatch-demo-XXXXXX", cfgpath[PATH_MAX];
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (parse_opts(argc, argv, &o) == -1) {
		usage(stderr);
		return EX_USAGE_;
	}
	if (paths_find(&dp, &e) == -1) {
		if (!(o.serve && o.site != NULL)) {
			log_err("%s", e.msg);
			return EX_UNAVAILABLE_;
		}
		memset(&dp, 0, sizeof(dp));
	}
	if (o.site != NULL)
		snprintf(dp.site, sizeof(dp.site), "%s", o.site);
	if (o.serve)
		return serve_only(&dp, o.port);
	if (mkdtemp(dir) == NULL) {
		log_warn("demo: mkdtemp");
		return EX_CANTCREAT_;
	}
	if (demo_httpd_start(dp.site, o.port, &h, &e) == -1) {
		log_err("%s", e.msg);
		rc = EX_UNAVAILABLE_;
		goto out;
	}
	snprintf(cfgpath, sizeof(cfgpath), "%s/kicwatch.yaml", dir);
	if (write_config(&dp, demo_httpd_port(h), cfgpath, &e) == -1) {
		log_err("%s", e.msg);
		rc = EX_CONFIG_;
		goto out;
	}
	rc = pipeline(cli, dir, demo_httpd_port(h));
	log_info("demo: the sample site answered %lu requests",
	    demo_httpd_requests(h));
out:
	demo_httpd_stop(h);
	cleanup_dir(dir);
	return rc;
}
