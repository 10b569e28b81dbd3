/* SPDX-License-Identifier: ISC */
/*
 * Commands not built yet answer "not implemented yet" with EX_UNAVAILABLE.
 * Whoever implements a command deletes its line here and adds cmd_<name>.c.
 */
#include <stdio.h>

#include "cmd.h"

#define PENDING(fn, name)                                                    \
	int fn(struct cli *cli, int argc, char **argv)                       \
	{                                                                    \
		(void)cli;                                                   \
		(void)argc;                                                  \
		(void)argv;                                                  \
		fprintf(stderr, "kicwatch: %s: not implemented yet\n", name); \
		return EX_UNAVAILABLE_;                                      \
	}

