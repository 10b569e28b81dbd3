/* SPDX-License-Identifier: ISC */
/*
 * SHA-256 blocks with the x86 SHA extensions (SHA-NI), used when the CPU
 * has them. Every fetched body is hashed; the portable rounds in
 * sha256.c run near 260 MB/s here, these several times faster, which is
 * a fifth of a millisecond of each 55 KB page back (bench/ANALYSIS.md).
 * The layout follows Intel's description of the instructions: the state
 * lives as ABEF/CDGH halves, each sha256rnds2 does two rounds, and
 * sha256msg1/msg2 extend the message schedule four words at a time.
 */
#include "sha256_priv.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define NI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds with message words w (already in host order) plus K. */
NI_TARGET static inline void
rounds4(__m128i *abef, __m128i *cdgh, __m128i w, const uint32_t *kk)
{
	__m128i m = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)kk));

	*cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, m);
	m = _mm_shuffle_epi32(m, 0x0e);
	*abef = _mm_sha256rnds2_epu32(*abef, *cdgh, m);
}

NI_TARGET static void
ni_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i t, abef, cdgh, abef0, cdgh0, w[4];

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xb1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]),
	    0x1b);
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);
	for (; nblocks > 0; nblocks--, p += 64) {
		abef0 = abef;
		cdgh0 = cdgh;
		for (int g = 0; g < 16; g++) {
			/* w[g % 4] holds words 4g-16..4g-13 until replaced. */
			if (g < 4)
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(p + 16 * g)), bswap);
			else
				w[g % 4] = _mm_sha256msg2_epu32(
				    _mm_add_epi32(_mm_sha256msg1_epu32(w[g % 4],
				        w[(g + 1) % 4]),
				        _mm_alignr_epi8(w[(g + 3) % 4],
				            w[(g + 2) % 4], 4)),
				    w[(g + 3) % 4]);
			rounds4(&abef, &cdgh, w[g % 4], &sha256_k[4 * g]);
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	t = _mm_shuffle_epi32(abef, 0x1b);
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(t, cdgh, 0xf0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(cdgh, t, 8));
}

static bool
cpu_has_sha(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) ||
	    !(c & bit_SSSE3))
		return false;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b & (1u << 29)) != 0;
}

sha256_blocks_fn *
sha256_ni_blocks(void)
{
	/* cpuid can trap to the hypervisor: ask once. 0 unknown, 1 no, 2 yes. */
	static int have;
	int v = __atomic_load_n(&have, __ATOMIC_RELAXED);

	if (v == 0) {
		v = cpu_has_sha() ? 2 : 1;
		__atomic_store_n(&have, v, __ATOMIC_RELAXED);
	}
	return v == 2 ? ni_blocks : NULL;
}

#else

sha256_blocks_fn *
sha256_ni_blocks(void)
{
	return NULL;
}

#endif
