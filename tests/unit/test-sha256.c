/* SPDX-License-Identifier: ISC */
/* SHA-256 against the FIPS 180-4 examples and a multi-block split. */
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "sha256_priv.h"
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

/*
 * The SHA-NI blocks (when this CPU has them) against the portable ones
 * on pseudo-random blocks: the vectors above take whichever path the CPU
 * offers, so this is what proves the other one.
 */
static void
test_ni_matches_portable(void)
{
	sha256_blocks_fn *ni = sha256_ni_blocks();
	unsigned char blk[64 * 9];
	uint32_t a[8], b[8];
	uint64_t x = 88172645463325252ULL;

	if (ni == NULL) {
		printf("# this CPU has no SHA extensions: portable path only\n");
		return;
	}
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)round % 9 + 1;

		for (size_t i = 0; i < sizeof(blk); i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			blk[i] = (unsigned char)x;
		}
		for (int i = 0; i < 8; i++)
			a[i] = b[i] = (uint32_t)(x >> i) * 2654435761u;
		ni(a, blk, n);
		sha256_portable_blocks(b, blk, n);
		T_ASSERT(memcmp(a, b, sizeof(a)) == 0);
	}
}

int
main(void)
{
	test_vectors();
	test_split();
	test_ni_matches_portable();
	return T_DONE();
}
