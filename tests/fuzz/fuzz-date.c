/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for date mentions: arbitrary text, with and without a
 * publication date to resolve against (taken from the first input byte).
 * Mentions must be in text order, non-overlapping, inside the text and
 * valid calendar dates; range ends must follow their starts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const char *s, size_t len, const struct date_ymd *ref)
{
	struct date_mention *v;
	struct date_ymd d;
	size_t n, k;

	n = date_scan(s, len, ref, &v);
	if (n > DATE_MAX_MENTIONS)
		abort();
	for (k = 0; k < n; k++) {
		if (v[k].start >= v[k].end || v[k].end > len ||
		    (k > 0 && v[k].start < v[k - 1].end))
			abort();
		if (!date_is_valid(&v[k].date))
			abort();
		if (v[k].until.y && !date_is_valid(&v[k].until))
			abort();
		if ((ref == NULL || ref->y == 0) && v[k].kind != DATE_ABSOLUTE)
			abort();
	}
	free(v);
	if (date_find_absolute(s, len, &d) && (!date_is_valid(&d) || !d.d))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date_ymd ref;

	if (size == 0)
		return 0;
	/* Reference dates on month and year edges: 2024-01-01 .. 2024-12-31,
	   and 2000-02-29. */
	ref.y = data[0] & 0x80 ? 2000 : 2024;
	ref.m = data[0] & 0x80 ? 2 : data[0] % 12 + 1;
	ref.d = data[0] & 0x80 ? 29 : (data[0] & 1 ? 1 : 28);
	check((const char *)data + 1, size - 1, &ref);
	check((const char *)data + 1, size - 1, NULL);
	return 0;
}
