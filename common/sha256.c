/* SPDX-License-Identifier: ISC */
/*
 * SHA-256 after FIPS 180-4, portable C. Every fetched body is hashed, so
 * the rounds keep the working variables in registers (their roles rotate
 * through the ROUND arguments instead of the values moving): 260 MB/s on
 * the benchmark machine where shifting them through an array gave 100, a
 * half-millisecond less per 55 KB page (bench/RESULTS.md).
 */
#include "sha256.h"

#include <string.h>

#include "sha256_priv.h"

const uint32_t sha256_k[64] = {
    0x428a2f98,
    0x71374491,
    0xb5c0fbcf,
    0xe9b5dba5,
    0x3956c25b,
    0x59f111f1,
    0x923f82a4,
    0xab1c5ed5,
    0xd807aa98,
    0x12835b01,
    0x243185be,
    0x550c7dc3,
    0x72be5d74,
    0x80deb1fe,
    0x9bdc06a7,
    0xc19bf174,
    0xe49b69c1,
    0xefbe4786,
    0x0fc19dc6,
    0x240ca1cc,
    0x2de92c6f,
    0x4a7484aa,
    0x5cb0a9dc,
    0x76f988da,
    0x983e5152,
    0xa831c66d,
    0xb00327c8,
    0xbf597fc7,
    0xc6e00bf3,
    0xd5a79147,
    0x06ca6351,
    0x14292967,
    0x27b70a85,
    0x2e1b2138,
    0x4d2c6dfc,
    0x53380d13,
    0x650a7354,
    0x766a0abb,
    0x81c2c92e,
    0x92722c85,
    0xa2bfe8a1,
    0xa81a664b,
    0xc24b8b70,
    0xc76c51a3,
    0xd192e819,
    0xd6990624,
    0xf40e3585,
    0x106aa070,
    0x19a4c116,
    0x1e376c08,
    0x2748774c,
    0x34b0bcb5,
    0x391c0cb3,
    0x4ed8aa4a,
    0x5b9cca4f,
    0x682e6ff3,
    0x748f82ee,
    0x78a5636f,
    0x84c87814,
    0x8cc70208,
    0x90befffa,
    0xa4506ceb,
    0xbef9a3f7,
    0xc67178f2,
};

static uint32_t
ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* One round; the caller rotates the roles of the eight working variables
   instead of moving them, so they stay in registers. */
#define ROUND(A, B, C, D, E, F, G, H, i)                                     \
	do {                                                                 \
		uint32_t t1_ = H + (ror(E, 6) ^ ror(E, 11) ^ ror(E, 25)) +   \
		    ((E & F) ^ (~E & G)) + sha256_k[i] + w[i];                      \
		uint32_t t2_ = (ror(A, 2) ^ ror(A, 13) ^ ror(A, 22)) +       \
		    ((A & B) ^ (A & C) ^ (B & C));                           \
		D += t1_;                                                    \
		H = t1_ + t2_;                                               \
	} while (0)

static void
block(uint32_t hv[8], const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 64; i++)
		w[i] =
		    w[i - 16] + w[i - 7] +
		    (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
		        (w[i - 15] >> 3)) +
		    (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = hv[0];
	b = hv[1];
	cc = hv[2];
	d = hv[3];
	e = hv[4];
	f = hv[5];
	g = hv[6];
	h = hv[7];
	for (i = 0; i < 64; i += 8) {
		ROUND(a, b, cc, d, e, f, g, h, i);
		ROUND(h, a, b, cc, d, e, f, g, i + 1);
		ROUND(g, h, a, b, cc, d, e, f, i + 2);
		ROUND(f, g, h, a, b, cc, d, e, i + 3);
		ROUND(e, f, g, h, a, b, cc, d, i + 4);
		ROUND(d, e, f, g, h, a, b, cc, i + 5);
		ROUND(cc, d, e, f, g, h, a, b, i + 6);
		ROUND(b, cc, d, e, f, g, h, a, i + 7);
	}
	hv[0] += a;
	hv[1] += b;
	hv[2] += cc;
	hv[3] += d;
	hv[4] += e;
	hv[5] += f;
	hv[6] += g;
	hv[7] += h;
}

#undef ROUND

void
sha256_portable_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
	for (; nblocks > 0; nblocks--, p += 64)
		block(h, p);
}

static sha256_blocks_fn *
blocks_fn(void)
{
	sha256_blocks_fn *f = sha256_ni_blocks();

	return f != NULL ? f : sha256_portable_blocks;
}

void
sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
	c->nblk = 0;
}

void
sha256_update(struct sha256 *c, const void *p, size_t n)
{
	sha256_blocks_fn *run = blocks_fn();
	const unsigned char *s = p;
	size_t take;

	c->nbytes += n;
	if (c->nblk > 0) {
		take = 64 - c->nblk < n ? 64 - c->nblk : n;
		memcpy(c->blk + c->nblk, s, take);
		c->nblk += take;
		s += take;
		n -= take;
		if (c->nblk < 64)
			return;
		run(c->h, c->blk, 1);
		c->nblk = 0;
	}
	/* Whole blocks straight from the input, no copy. */
	run(c->h, s, n / 64);
	s += n / 64 * 64;
	n %= 64;
	memcpy(c->blk, s, n);
	c->nblk = n;
}

void
sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN])
{
	uint64_t bits = c->nbytes * 8;
	unsigned char pad[72] = {0x80};
	size_t padlen = c->nblk < 56 ? 56 - c->nblk : 120 - c->nblk;

	for (int i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(c, pad, padlen + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void
sha256_hex(const void *p, size_t n, char hex[SHA256_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_LEN];
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, p, n);
	sha256_final(&c, d);
	for (int i = 0; i < SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}
