/* SPDX-License-Identifier: ISC */
/*
 * Capture bodies: what zbody_deflate writes, zlib reads (stores keep the
 * 'zlib' label and other tools can read them), and what zlib wrote in
 * stores before libdeflate, zbody_inflate reads; a wrong size or a
 * damaged stream is refused, never half-read.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "t.h"
#include "zbody.h"

static unsigned char *
page(size_t n)
{
	static const char line[] = "<p>한국혁신센터(KIC중국)는 中关村 论坛에서 "
	                           "업무협약(MOU)을 체결했다.</p>\n";
	unsigned char *p = malloc(n);

	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)line[i % (sizeof(line) - 1)];
	return p;
}

static void
test_zlib_reads_ours(void)
{
	unsigned char *in = page(60000), *z, *out = malloc(60000);
	uLongf n = 60000;
	size_t zlen;
	struct err e = {{0}};

	T_ASSERT(zbody_deflate(in, 60000, &z, &zlen, &e) == 0);
	T_ASSERT(zlen > 0 && zlen < 60000);
	T_ASSERT(uncompress(out, &n, z, zlen) == Z_OK && n == 60000);
	T_ASSERT(memcmp(in, out, 60000) == 0);
	free(in), free(z), free(out);
}

static void
test_ours_reads_zlib(void)
{
	unsigned char *in = page(40000), *out = malloc(40001);
	uLongf zlen = compressBound(40000);
	unsigned char *z = malloc(zlen);

	T_ASSERT(compress2(z, &zlen, in, 40000, 6) == Z_OK);
	T_ASSERT(zbody_inflate(z, zlen, out, 40000) == 0);
	T_ASSERT(memcmp(in, out, 40000) == 0);
	/* The size the store recorded must be the size it inflates to. */
	T_ASSERT(zbody_inflate(z, zlen, out, 39999) == -1);
	T_ASSERT(zbody_inflate(z, zlen, out, 40001) == -1);
	z[zlen / 2] ^= 0x55;
	T_ASSERT(zbody_inflate(z, zlen, out, 40000) == -1);
	T_ASSERT(zbody_inflate(z, 3, out, 40000) == -1);
	free(in), free(z), free(out);
}

static void
test_empty(void)
{
	unsigned char *z, out[1];
	size_t zlen;
	struct err e = {{0}};

	T_ASSERT(zbody_deflate(NULL, 0, &z, &zlen, &e) == 0);
	T_ASSERT(zbody_inflate(z, zlen, out, 0) == 0);
	free(z);
}

int
main(void)
{
	test_zlib_reads_ours();
	test_ours_reads_zlib();
	test_empty();
	return T_DONE();
}
