/* SPDX-License-Identifier: ISC */
/* Placeholder until the configuration loader lands (issue 2). */
#include "cfg.h"

#include <stdlib.h>

int
cfg_load(const char *path, struct cfg **out, struct err *e)
{
	(void)out;
	return err_set(e, "%s: configuration loader not built yet", path);
}

void
cfg_free(struct cfg *c)
{
	free(c);
}
