/* SPDX-License-Identifier: ISC */
/*
 * kicwatch init: create the store or upgrade its schema, then make it match
 * the configuration's store.* keys (store.trigram_index). The configuration
 * is read only when --db is not given or -c is, so that a store can be
 * made before the config is finished; without one the store's optional
 * indexes stay as they are.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "log.h"
#include "store.h"

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	struct cfg *cfg = NULL;
	struct store *s = NULL;
	struct err e = {{0}};
	int before, rc = 0;

	if (cli_wants_help(argc, argv)) {
		printf("usage: kicwatch [-c CONFIG] [--db PATH] init\n\n"
		       "Creates the store, or upgrades an older one to schema "
		       "version %d,\nand builds or drops the trigram index as "
		       "store.trigram_index says\n(not with --db alone).\n",
		    store_schema_latest());
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: kicwatch init\n");
		return EX_USAGE_;
	}
	if ((cli->db_path == NULL || cli->config_given) &&
	    (rc = cli_cfg_load(cli, &cfg)) != 0)
		return rc;
	if (store_open(cli_db_path(cli, cfg), STORE_RW, &s, &e) == -1) {
		log_err("init: %s", e.msg);
		rc = EX_CANTCREAT_;
		goto out;
	}
	if (cfg != NULL && (rc = cli_store_apply("init", s, cfg)) != 0)
		goto out;
	before = store_schema_version(s);
	printf("store %s: schema version %d\n", store_path(s), before);
out:
	store_close(s);
	cfg_free(cfg);
	return rc;
}
