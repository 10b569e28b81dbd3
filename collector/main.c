/* SPDX-License-Identifier: ISC */
/*
 * kicwatch: global options, library initialisation (once, before any thread
 * exists), then dispatch to one subcommand. The single exit path returns
 * the command's sysexits code.
 *
 * Built twice. kicwatch-collect carries every command. kicwatch, the
 * program users run (KICWATCH_LEAN), carries the commands that read the
 * store or only the configuration, and links none of libcurl, libxml2,
 * OpenCC, uchardet or libsystemd, whose loading and constructors would
 * cost most of a search's time; for the others it execs kicwatch-collect
 * with the same argv, so `kicwatch run` stays systemd's main process.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KICWATCH_LEAN
#include <curl/curl.h>
#include <libxml/parser.h>
#endif

#include "cli.h"
#include "cmd.h"
#ifndef KICWATCH_LEAN
#include "fetch.h"
#endif
#include "log.h"

#ifndef KICWATCH_VERSION
#define KICWATCH_VERSION "0.0.0"
#endif

struct command {
	const char *name;
	int (*fn)(struct cli *, int, char **);	/* NULL: kicwatch-collect's */
	const char *synopsis;
};

#ifdef KICWATCH_LEAN
#define COLLECT(fn) NULL
#else
#define COLLECT(fn) fn
#endif

static const struct command commands[] = {
	{"init", cmd_init, "create or upgrade the store"},
	{"check-config", cmd_check_config,
	    "validate the configuration (exit 78 on error)"},
	{"crawl", COLLECT(cmd_crawl),
	    "fetch what is due once (--all, --source NAME)"},
	{"run", COLLECT(cmd_run), "the daemon (systemd Type=notify)"},
	{"reparse", COLLECT(cmd_reparse),
	    "re-extract stored captures into a new run"},
	{"extract", COLLECT(cmd_extract),
	    "run extraction on a saved page (no store)"},
	{"demo", COLLECT(cmd_demo), "crawl a bundled sample site on 127.0.0.1"},
	{"query", cmd_query, "events|mous|orgs|documents with filters"},
	{"search", cmd_search, "full-text search (Korean and Chinese)"},
	{"show", cmd_show, "one document with its provenance"},
	{"digest", cmd_digest, "what is new (--since 7d, md|html|json)"},
	{"export", cmd_export, "jsonl|csv|warc|graph"},
	{"stats", cmd_stats, "store and collection statistics"},
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: kicwatch [-c CONFIG] [--db PATH] [--log-level LEVEL]"
		   " COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-14s %s\n", commands[i].name,
		    commands[i].synopsis);
	fprintf(f, "\n'kicwatch COMMAND --help' describes a command.\n"
		   "Exit codes: 0 ok, 64 usage, 65 bad data, 69 unavailable,"
		   " 74 I/O error, 78 configuration error.\n");
}

static const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"db", required_argument, NULL, 'd'},
		{"log-level", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {0};
	enum log_level level = LOG_LEVEL_INFO;
	const struct command *cmd;
	int ch, rc;

#ifndef KICWATCH_LEAN
	/* The read side depends on no locale: it spares loading this one. */
	setlocale(LC_CTYPE, "C.UTF-8");
#endif
	log_init(level);
	while ((ch = getopt_long(argc, argv, "+c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cli.config_path = optarg;
			cli.config_given = true;
			break;
		case 'd':
			cli.db_path = optarg;
			break;
		case 'l':
			if (log_level_parse(optarg, &level) == -1) {
				fprintf(stderr, "kicwatch: unknown log level "
						"'%s' (err|warn|info|debug)\n",
				    optarg);
				return EX_USAGE_;
			}
			log_set_level(level);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("kicwatch %s\n", KICWATCH_VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE_;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE_;
	}
	cmd = command_find(argv[optind]);
	if (cmd == NULL) {
		fprintf(stderr, "kicwatch: unknown command '%s'\n",
		    argv[optind]);
		usage(stderr);
		return EX_USAGE_;
	}
#ifdef KICWATCH_LEAN
	if (cmd->fn == NULL)
		return cli_collect_exec(argv);
#else
	/* Both must run before any thread exists (libcurl's resolver).
	 * crawl and run initialise libcurl in fetch_new, once their
	 * vocabulary is built and before their threads start (fetch.h). */
	if (strcmp(cmd->name, "crawl") != 0 && strcmp(cmd->name, "run") != 0)
		fetch_global_init();
	xmlInitParser();
#endif
	/* Commands parse their own options with getopt from argv[0]. */
	{
		int first = optind;

		optind = 0;
		rc = cmd->fn(&cli, argc - first, argv + first);
	}
#ifndef KICWATCH_LEAN
	xmlCleanupParser();
	curl_global_cleanup();
#endif
	return rc;
}
