/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for URL canonicalisation: the input is a base URL and
 * a reference separated by the first newline. A result must be http(s),
 * within the length cap, and a fixed point: canonicalising it again gives
 * the same string (otherwise one article could get two URLs).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "urlcanon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *ref, *out = NULL, *again = NULL;
	struct err e = {{0}};

	memcpy(in, data, size);
	in[size] = '\0';
	ref = strchr(in, '\n');
	if (ref != NULL)
		*ref++ = '\0';
	if (urlcanon_resolve(ref ? in : NULL, ref ? ref : in, &out, &e) == 0) {
		if (strlen(out) > URLCANON_MAX ||
		    (strncmp(out, "http://", 7) != 0 &&
		        strncmp(out, "https://", 8) != 0))
			abort();
		if (urlcanon_url(out, &again, &e) != 0 || strcmp(out, again))
			abort();
	}
	free(again);
	free(out);
	free(in);
	return 0;
}
