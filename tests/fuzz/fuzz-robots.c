/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for robots.txt: any bytes parse; the rule count and
 * Crawl-delay stay within their caps; matching any path terminates and
 * /robots.txt is always allowed. The last line of the input doubles as a
 * path to match, so the fuzzer steers patterns and paths together.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct robots *r = robots_parse((const char *)data, size, "kicwatch");
	const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
	size_t off = nl != NULL ? (size_t)(nl - data) + 1 : 0;
	char *path = malloc(size - off + 2);

	path[0] = '/';
	memcpy(path + 1, data + off, size - off);
	path[size - off + 1] = '\0';
	if (robots_rule_count(r) > ROBOTS_MAX_RULES ||
	    robots_crawl_delay_ms(r) > ROBOTS_MAX_DELAY_MS ||
	    !robots_is_allowed(r, "/robots.txt"))
		abort();
	(void)robots_is_allowed(r, path);
	(void)robots_is_allowed(r, "/");
	free(path);
	robots_free(r);
	return 0;
}
