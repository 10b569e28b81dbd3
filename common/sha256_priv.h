/* SPDX-License-Identifier: ISC */
/*
 * Between the portable SHA-256 (sha256.c) and the one using the CPU's
 * SHA instructions (sha256_ni.c): the round constants and the shape of a
 * function that runs whole 64-byte blocks.
 */
#ifndef SHA256_PRIV_H
#define SHA256_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const uint32_t sha256_k[64];

typedef void sha256_blocks_fn(uint32_t h[8], const unsigned char *p,
    size_t nblocks);

/* The portable rounds, always there (tests compare the two). */
sha256_blocks_fn sha256_portable_blocks;

/* The SHA-NI block function, or NULL when this CPU lacks it. */
sha256_blocks_fn *sha256_ni_blocks(void);

#endif
