/* SPDX-License-Identifier: ISC */
/*
 * SHA-256 (FIPS 180-4), self-contained so the store does not depend on
 * whichever TLS library libcurl was built against. Used for capture
 * digests: "same sha256" is how an unchanged page is recognised.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 65 /* 64 hex digits and the NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes; /* total input so far */
	unsigned char blk[64];
	size_t nblk; /* bytes waiting in blk */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *p, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);

/* One-shot digest of p as 64 lowercase hex digits into hex. */
void sha256_hex(const void *p, size_t n, char hex[SHA256_HEX_LEN]);

#endif
