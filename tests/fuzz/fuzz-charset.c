/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for charset decoding: the first byte picks the HTTP
 * header's charset label (none, right, wrong or unknown), the rest is the
 * body. Whatever comes in, the output is valid UTF-8 without NUL bytes,
 * its length is right, and a charset and its source are named.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const labels[] = {NULL, "utf-8", "euc-kr", "gbk", "big5",
    "ks_c_5601-1987", "gb2312", "x-unknown", "utf-7", "utf-16", "windows-1252",
    "\"GB18030\"", "", "shift_jis"};

static int
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int k = s[i] < 0x80    ? 1
		        : s[i] >= 0xf0 ? 4
		        : s[i] >= 0xe0 ? 3
		        : s[i] >= 0xc2 ? 2
		                       : 0;

		if (k == 0 || s[i] == 0 || i + (size_t)k > n || s[i] > 0xf4)
			return 0;
		for (int j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
		i += (size_t)k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct charset_result r = {0};
	struct err e = {{0}};
	const char *label;

	if (size == 0)
		return 0;
	label = labels[data[0] % (sizeof(labels) / sizeof(labels[0]))];
	if (charset_decode(data + 1, size - 1, label, &r, &e) == -1)
		abort();
	if (r.utf8 == NULL || strlen(r.utf8) != r.len ||
	    !valid_utf8((const unsigned char *)r.utf8, r.len) ||
	    r.name[0] == '\0' || r.source == NULL)
		abort();
	free(r.utf8);
	return 0;
}
