/* SPDX-License-Identifier: ISC */
/* SHA-256 against the FIPS 180-4 examples and a multi-block split. */
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "t.h"

static void
test_vectors(void)
{
	char hex[SHA256_HEX_LEN];

	sha256_hex("", 0, hex);
	T_STREQ(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	             "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	T_STREQ(hex, "ba7816bf8f01cfea414140de5dae2223"
	             "b00361a396177a9cb410ff61f20015ad");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	T_STREQ(hex, "248d6a61d20638b8e5c026930c3e6039"
	             "a33ce45964ff2167f6ecedd419db06c1");
}

/* A million 'a' fed in odd-sized pieces must equal the one-shot digest. */
static void
test_split(void)
{
	static const char want[] = "cdc76e5c9914fb9281a1c7e284d73e67"
	                           "f1809a48a497200e046d39ccc7112cd0";
	char *m = malloc(1000000);
	unsigned char d[SHA256_LEN];
	char hex[SHA256_HEX_LEN];
	struct sha256 c;
	size_t off = 0, step = 1;

	memset(m, 'a', 1000000);
	sha256_hex(m, 1000000, hex);
	T_STREQ(hex, want);
	sha256_init(&c);
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;

		sha256_update(&c, m + off, n);
		off += n;
		step = step * 7 % 131 + 1;
	}
	sha256_final(&c, d);
	for (int i = 0; i < SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	T_STREQ(hex, want);
	free(m);
}

int
main(void)
{
	test_vectors();
	test_split();
	return T_DONE();
}
