/* SPDX-License-Identifier: ISC */
/*
 * Capture bodies through libdeflate. Level 1 of libdeflate compresses the
 * benchmark's pages to 26.4% in 0.23 ms where zlib's level 3 took 0.50 ms
 * for 25.7% (bench/ANALYSIS.md): every fetched page pays this once.
 */
#include "zbody.h"

#include <libdeflate.h>
#include <stdlib.h>

#include "xmem.h"

#define ZBODY_LEVEL 1

int
zbody_deflate(const void *in, size_t n, unsigned char **out, size_t *outlen,
    struct err *e)
{
	struct libdeflate_compressor *c;
	size_t bound, got;
	unsigned char *z;

	if ((c = libdeflate_alloc_compressor(ZBODY_LEVEL)) == NULL)
		return err_set(e, "out of memory for a compressor");
	bound = libdeflate_zlib_compress_bound(c, n);
	z = xmalloc(bound > 0 ? bound : 1);
	got = libdeflate_zlib_compress(c, in != NULL ? in : "", n, z, bound);
	libdeflate_free_compressor(c);
	if (got == 0) {
		free(z);
		return err_set(e, "compressing a body of %zu bytes", n);
	}
	/* Pages compress to about a quarter of the bound: the rest of the
	   buffer goes back to the heap now, not when the row is written. */
	*out = xreallocarray(z, got, 1);
	*outlen = got;
	return 0;
}

int
zbody_inflate(const void *z, size_t zlen, void *out, size_t size)
{
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	enum libdeflate_result r;

	if (d == NULL)
		return -1;
	/* No actual-size pointer: anything but exactly size bytes fails. */
	r = libdeflate_zlib_decompress(d, z, zlen, out, size, NULL);
	libdeflate_free_decompressor(d);
	return r == LIBDEFLATE_SUCCESS ? 0 : -1;
}
