/* SPDX-License-Identifier: ISC */
/* Helpers shared by every command: default paths, loading the config. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#ifndef KICWATCH_SYSCONFDIR
#define KICWATCH_SYSCONFDIR "/etc"
#endif

const char *
cli_config_path(const struct cli *cli)
{
	const char *env;

	if (cli->config_path != NULL)
		return cli->config_path;
	env = getenv("KICWATCH_CONFIG");
	if (env != NULL && *env != '\0')
		return env;
	return KICWATCH_SYSCONFDIR "/kicwatch/kicwatch.yaml";
}

int
cli_cfg_load(const struct cli *cli, struct cfg **out)
{
	struct err e = {{0}};

	if (cfg_load(cli_config_path(cli), out, &e) == -1) {
		log_err("config: %s", e.msg);
		return EX_CONFIG_;
	}
	return 0;
}

const char *
cli_db_path(const struct cli *cli, const struct cfg *cfg)
{
	if (cli->db_path != NULL)
		return cli->db_path;
	if (cfg != NULL && cfg->store_path != NULL)
		return cfg->store_path;
	return "/var/lib/kicwatch/kicwatch.db";
}

bool
cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}
