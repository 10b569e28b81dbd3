/* SPDX-License-Identifier: ISC */
/*
 * Compression of stored bodies (captures): the zlib format (RFC 1950), so
 * every store written since version 1 reads the same, made and read with
 * libdeflate, which does the same work in less than half zlib's time.
 * Thread-safe: each call has its own (de)compressor.
 */
#ifndef ZBODY_H
#define ZBODY_H

#include <stddef.h>

#include "err.h"

/* Into a new buffer *out (caller frees) of *outlen bytes; 0 or -1. */
int zbody_deflate(const void *in, size_t n, unsigned char **out,
    size_t *outlen, struct err *e);

/* A stream that must inflate to exactly size bytes, into out; 0 or -1. */
int zbody_inflate(const void *z, size_t zlen, void *out, size_t size);

#endif
