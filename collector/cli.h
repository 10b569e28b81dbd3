/* SPDX-License-Identifier: ISC */
/*
 * The command line: global options and the helpers every command uses to
 * get its configuration and store. Each command lives in its own file
 * (collector/cmd_*.c for the writer side, report/cmd_*.c for the reader
 * side) as int cmd_<name>(struct cli *, int argc, char **argv), where
 * argv[0] is the command name; it returns a sysexits code. Exit codes are
 * chosen by commands and main.c only.
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>

#include "cfg.h"

/* sysexits.h values, spelled out so every file uses the same names. */
enum {
	EX_OK_ = 0,
	EX_USAGE_ = 64,
	EX_DATAERR_ = 65,
	EX_NOINPUT_ = 66,
	EX_UNAVAILABLE_ = 69,
	EX_SOFTWARE_ = 70,
	EX_CANTCREAT_ = 73,
	EX_IOERR_ = 74,
	EX_TEMPFAIL_ = 75,
	EX_CONFIG_ = 78,
};

struct cli {
	const char *config_path;	/* -c; NULL means the default */
	const char *db_path;		/* --db; overrides store.path */
	bool config_given;		/* -c was on the command line */
};

/* The config file to use: -c, $KICWATCH_CONFIG, or the installed default. */
const char *cli_config_path(const struct cli *cli);

/*
 * Loads the configuration; on failure logs the summary and returns
 * EX_CONFIG_, else 0 with *out owned by the caller.
 */
int cli_cfg_load(const struct cli *cli, struct cfg **out);

/* The store path: --db, else cfg's store.path (cfg may be NULL). */
const char *cli_db_path(const struct cli *cli, const struct cfg *cfg);

/*
 * Makes the store opened by the writer command cmd ("crawl") match cfg's
 * store.* keys (store.trigram_index: builds or drops document_fts), under
 * the writer lock, logging what changed. When another process holds the
 * lock, nothing changes and a warning says so. 0 or EX_IOERR_ (logged).
 * Commands opened without a configuration do not call it: such a store
 * stays as it is (collector/cli_store.c).
 */
struct store;
int cli_store_apply(const char *cmd, struct store *s, const struct cfg *cfg);

/*
 * True when argv holds -h/--help before any "--". Commands print their
 * usage to stdout and return 0 then.
 */
bool cli_wants_help(int argc, char **argv);

/*
 * The read-side kicwatch's way to run the commands it does not carry:
 * replaces the process with kicwatch-collect given the same argv
 * (collector/cli_exec.c). Returns only on failure, with EX_UNAVAILABLE_
 * after logging why.
 */
int cli_collect_exec(char **argv);

#endif
