/* SPDX-License-Identifier: ISC */
/*
 * Charset decoding against byte fixtures made by Python's codecs
 * (charset-fixtures.h): the decoded text must equal the original, and the
 * charset and its source must be the ones the precedence rules pick.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "charset-fixtures.h"
#include "charset.h"
#include "t.h"

#define FX(n) fx_##n, sizeof(fx_##n), (const char *)fx_##n##_utf8

/* Output must always be valid UTF-8, whatever came in. */
static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		int n = *p < 0x80    ? 1
		        : *p >= 0xf0 ? 4
		        : *p >= 0xe0 ? 3
		        : *p >= 0xc2 ? 2
		                     : 0;

		if (n == 0)
			return 0;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

static void
expect(const unsigned char *b, size_t n, const char *want, const char *hdr,
    const char *name, const char *source)
{
	struct charset_result r = {0};
	struct err e = {{0}};

	T_ASSERT(charset_decode(b, n, hdr, &r, &e) == 0);
	if (want != NULL && (r.utf8 == NULL || strcmp(r.utf8, want) != 0)) {
		fprintf(stderr, "decoded with %s/%s: %s\n", r.name,
		    r.source ? r.source : "-", r.utf8 ? r.utf8 : "(null)");
		T_ASSERT(0);
	}
	if (name != NULL)
		T_STREQ(r.name, name);
	T_STREQ(r.source, source);
	T_ASSERT(r.utf8 != NULL && strlen(r.utf8) == r.len);
	T_ASSERT(r.utf8 != NULL && utf8_ok(r.utf8));
	free(r.utf8);
}

static void
test_declared(void)
{
	expect(FX(utf8_page), "utf-8", "utf-8", "header");
	/* EUC-KR labels decode as CP949: 똠 and 햏 survive. */
	expect(FX(cp949_page), "euc-kr", "cp949", "header");
	expect(FX(cp949_page), "ks_c_5601-1987", "cp949", "header");
	expect(FX(cp949_page), "\"EUC-KR\"", "cp949", "header");
	expect(FX(cp949_meta), NULL, "cp949", "meta");
	expect(FX(euckr_meta), NULL, "cp949", "meta");
	/* GB2312 and GBK labels decode as GB18030: 堃 and 喆 survive. */
	expect(FX(gbk_page), "gb2312", "gb18030", "header");
	expect(FX(gbk_page), "GBK", "gb18030", "header");
	expect(FX(gb18030_page), "gb18030", "gb18030", "header");
	/* The meta inside a comment is not the declaration. */
	expect(FX(gb2312_meta), NULL, "gb18030", "meta");
	expect(FX(big5_page), "big5", "big5-hkscs", "header");
	expect(FX(big5_meta), NULL, "big5-hkscs", "meta");
	expect(FX(big5hkscs_page), "big5", "big5-hkscs", "header");
	/* The header beats the meta. */
	expect(FX(cp949_meta), "cp949", "cp949", "header");
}

static void
test_bom(void)
{
	/* A BOM beats a header that says otherwise. */
	expect(FX(utf8_bom), "gbk", "utf-8", "bom");
	expect(FX(utf16le_bom), NULL, "utf-16le", "bom");
}

static void
test_detected(void)
{
	expect(FX(cp949_page), NULL, "cp949", "detected");
	expect(FX(gbk_page), NULL, "gb18030", "detected");
	expect(FX(gb18030_page), NULL, "gb18030", "detected");
	expect(FX(big5_page), NULL, "big5-hkscs", "detected");
	expect(FX(utf8_page), NULL, "utf-8", "detected");
	/* Unknown and refused labels are ignored. */
	expect(FX(gbk_page), "x-no-such-charset", "gb18030", "detected");
	expect(FX(utf8_page), "utf-7", "utf-8", "detected");
	expect((const unsigned char *)"<p>plain</p>", 12, "<p>plain</p>", NULL,
	    "utf-8", "default");
	expect((const unsigned char *)"", 0, "", NULL, "utf-8", "default");
}

static void
test_content_wins(void)
{
	/* Served as UTF-8 but GBK: the content wins. */
	expect(FX(gbk_page), "utf-8", "gb18030", "detected");
	expect(FX(cp949_page), "UTF-8", "cp949", "detected");
	expect(FX(big5_page), "utf8", "big5-hkscs", "detected");
	/* Served as UTF-8, GBK bytes, a meta saying gb2312: the meta wins. */
	expect(FX(gb2312_meta), "utf-8", "gb18030", "meta");
	/* Labelled legacy but really UTF-8 with Hangul: UTF-8. */
	expect(FX(utf8_page), "euc-kr", "utf-8", "detected");
	expect(FX(utf8_page), "gb2312", "utf-8", "detected");
}

/* Invalid bytes become U+FFFD; nothing is fatal. */
static void
test_replacement(void)
{
	static const unsigned char trunc_cp949[] = "\xc7\xd1\xb1\xb9\xc7";
	static const unsigned char nul[] = "a\0b";
	static const unsigned char bad_utf8[] =
	    "센터는 19일 베이징에서 데모데이를 \xff\xc0 개최했다고 밝혔다";
	char big[4096];
	size_t n;

	expect(trunc_cp949, 5, "한국\xef\xbf\xbd", "euc-kr", "cp949", "header");
	expect(nul, 3,
	    "a\xef\xbf\xbd"
	    "b",
	    "utf-8", "utf-8", "header");
	expect(nul, 3,
	    "a\xef\xbf\xbd"
	    "b",
	    NULL, "utf-8", "default");
	/* Mostly UTF-8 with stray bytes (e.g. cut at the body cap): UTF-8. */
	expect(bad_utf8, sizeof(bad_utf8) - 1,
	    "센터는 19일 베이징에서 데모데이를 \xef\xbf\xbd\xef\xbf\xbd "
	    "개최했다고 "
	    "밝혔다",
	    "utf-8", "utf-8", "header");
	/* A page of Hangul cut in the middle of its last character. */
	n = 0;
	while (n + 3 < sizeof(big) - 2) {
		memcpy(big + n, "\xed\x95\x9c", 3);
		n += 3;
	}
	big[n++] = '\xed';
	expect((unsigned char *)big, n, NULL, NULL, "utf-8", "detected");
	/* Surrogates and overlongs are not UTF-8: whatever wins, no raw bytes.
	 */
	expect((const unsigned char *)"\xed\xa0\x80x", 4, NULL, "utf-8", NULL,
	    "detected");
	expect(
	    (const unsigned char *)"\xc0\xaf", 2, NULL, NULL, NULL, "detected");
}

/*
 * Runs of ASCII are skipped eight bytes at a time: a NUL or a multibyte
 * character at every position around the word boundaries, and at the end.
 */
static void
test_ascii_words(void)
{
	unsigned char in[48];
	char want[64];
	size_t n;

	for (size_t at = 0; at < 40; at++) {
		memset(in, 'a', sizeof(in));
		in[at] = '\0';
		n = at + 1 + at % 9;
		memset(want, 'a', sizeof(want));
		memcpy(want + at, "\xef\xbf\xbd", 3);
		want[n + 2] = '\0';
		expect(in, n, want, "utf-8", "utf-8", "header");

		memset(in, 'b', sizeof(in));
		memcpy(in + at, "\xed\x95\x9c", 3);
		n = at + 3 + at % 9;
		memset(want, 'b', sizeof(want));
		memcpy(want + at, "\xed\x95\x9c", 3);
		want[n] = '\0';
		expect(in, n, want, "utf-8", "utf-8", "header");
	}
}

/*
 * iconv descriptors are kept open per thread (charset_iconv.c): more
 * charsets than it keeps, in turn, a conversion left in the middle of a
 * character between two uses, on several threads at once (and LSan checks
 * that a thread's descriptors are closed when it ends).
 */
static void
kept_round(void)
{
	static const unsigned char trunc_cp949[] = "\xc7\xd1\xb1\xb9\xc7";
	static const unsigned char ascii[] = "plain text";

	expect(FX(cp949_page), "euc-kr", "cp949", "header");
	expect(trunc_cp949, 5, "한국\xef\xbf\xbd", "euc-kr", "cp949", "header");
	expect(FX(gbk_page), "gb2312", "gb18030", "header");
	expect(FX(big5_page), "big5", "big5-hkscs", "header");
	expect(FX(utf16le_bom), NULL, "utf-16le", "bom");
	expect(ascii, sizeof(ascii) - 1, "plain text", "koi8-r", "koi8-r",
	    "header");
	expect(FX(cp949_page), "euc-kr", "cp949", "header");
}

static void *
kept_thread(void *arg)
{
	(void)arg;
	for (int k = 0; k < 20; k++)
		kept_round();
	return NULL;
}

static void
test_kept(void)
{
	pthread_t t[3];

	for (int k = 0; k < 3; k++)
		kept_round();
	for (int k = 0; k < 3; k++)
		T_ASSERT(pthread_create(&t[k], NULL, kept_thread, NULL) == 0);
	for (int k = 0; k < 3; k++)
		pthread_join(t[k], NULL);
}

static void
test_limit(void)
{
	struct charset_result r = {0};
	struct err e = {{0}};

	T_ASSERT(charset_decode((const unsigned char *)"",
	             CHARSET_MAX_INPUT + 1, NULL, &r, &e) == -1);
	T_ASSERT(r.utf8 == NULL);
	T_ASSERT(strstr(e.msg, "limit") != NULL);
}

int
main(void)
{
	test_declared();
	test_bom();
	test_detected();
	test_content_wins();
	test_replacement();
	test_ascii_words();
	test_kept();
	test_limit();
	return T_DONE();
}
