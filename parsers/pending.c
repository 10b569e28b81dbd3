/* SPDX-License-Identifier: ISC */
/*
 * Placeholders so the tree links while modules are being written. Each
 * owner deletes its function here when the real one lands.
 */
#include <stdlib.h>

#include "extract.h"

/* owner: extraction (parsers/extract.c) */
int
extractor_new(const struct cfg *c, struct extractor **out, struct err *e)
{
	(void)c;
	(void)out;
	return err_set(e, "extraction not built yet");
}

/* owner: extraction (parsers/extract.c) */
void
extractor_free(struct extractor *x)
{
	(void)x;
}

/* owner: extraction (parsers/extract.c) */
int
extract_run(const struct extractor *x, const struct extract_input *in,
    struct extract_result **out, struct err *e)
{
	(void)x;
	(void)in;
	(void)out;
	return err_set(e, "extraction not built yet");
}

/* owner: extraction (parsers/extract.c) */
void
extract_result_free(struct extract_result *r)
{
	(void)r;
}

/* owner: extraction (parsers/extract.c) */
const char *
extract_role_name(enum extract_role r)
{
	(void)r;
	return "participant";
}
