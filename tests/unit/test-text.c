/* SPDX-License-Identifier: ISC */
/*
 * text*.c: UTF-8 decoding and offsets, NFKC normalisation and its map back
 * to the original code points, sentence segmentation for Korean and
 * Chinese, evidence snippets and the language guess.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "t.h"

static void
test_utf8(void)
{
	static const char s[] = "a\xC3\xA9\xED\x95\x9C\xF0\x9F\x98\x80";
	static const char bad[] = "\xFF\xC0\x80\xED\xA0\x80\xE4\xB8";
	size_t i = 0;

	T_ASSERT(text_utf8_next(s, sizeof(s) - 1, &i) == 'a' && i == 1);
	T_ASSERT(text_utf8_next(s, sizeof(s) - 1, &i) == 0xE9 && i == 3);
	T_ASSERT(text_utf8_next(s, sizeof(s) - 1, &i) == 0xD55C && i == 6);
	T_ASSERT(text_utf8_next(s, sizeof(s) - 1, &i) == 0x1F600 && i == 10);
	T_ASSERT(text_cp_len(s, sizeof(s) - 1) == 4);
	/* Each bad byte is one U+FFFD: 0xFF, overlong C0 80 (2), surrogate
	   ED A0 80 (3), truncated E4 B8 (2). */
	T_ASSERT(text_cp_len(bad, sizeof(bad) - 1) == 8);
	i = 0;
	T_ASSERT(text_utf8_next(bad, sizeof(bad) - 1, &i) == 0xFFFD && i == 1);
	T_ASSERT(text_byte_to_cp(s, sizeof(s) - 1, 6) == 3);
	T_ASSERT(text_byte_to_cp(s, sizeof(s) - 1, 99) == 4);
	T_ASSERT(text_cp_to_byte(s, sizeof(s) - 1, 2) == 3);
	T_ASSERT(text_cp_to_byte(s, sizeof(s) - 1, 99) == 10);
}

/* The index must agree with the O(n) conversions everywhere. */
static void
test_index(void)
{
	struct buf b = {0};
	struct text_index *x;
	size_t k, n, ok = 1;

	for (k = 0; k < 300; k++)
		buf_puts(&b, k % 3 ? "가나 abc 中文\xFF" : "x\xF0\x9F\x98\x80");
	n = text_cp_len(b.data, b.len);
	x = text_index_new(b.data, b.len);
	for (k = 0; k <= b.len; k += 7)
		ok &= text_index_cp(x, k) ==
		    text_byte_to_cp(b.data, b.len, k) ||
		    (b.data[k] & 0xC0) == 0x80;
	for (k = 0; k <= n + 1; k += 5)
		ok &= text_index_byte(x, k) ==
		    text_cp_to_byte(b.data, b.len, k);
	T_ASSERT(ok);
	T_ASSERT(text_index_cp(x, b.len) == n);
	text_index_free(x);
	x = text_index_new("", 0);
	T_ASSERT(text_index_cp(x, 0) == 0 && text_index_byte(x, 3) == 0);
	text_index_free(x);
	buf_free(&b);
}

static struct text_norm *
norm(const char *s, int flags)
{
	struct text_norm *n = NULL;
	struct err e;

	T_ASSERT(text_norm_new(s, strlen(s), flags, &n, &e) == 0);
	return n;
}

static void
test_norm(void)
{
	struct text_norm *n;
	struct text_span sp;
	struct err e;

	/* Full-width letters, digits and the ideographic space. */
	n = norm("ＫＩＣ중국　２０２４年，", 0);
	T_STREQ(n->s, "KIC중국 2024年,");
	sp = text_norm_span(n, 0, 3);
	T_ASSERT(sp.start == 0 && sp.end == 3);
	sp = text_norm_span(n, 3, 9);		/* 중국 */
	T_ASSERT(sp.start == 3 && sp.end == 5);
	sp = text_norm_span(n, 10, 14);		/* 2024 */
	T_ASSERT(sp.start == 6 && sp.end == 10);
	T_ASSERT(n->from[n->len] == 12);
	text_norm_free(n);
	/* ㈜ expands to three characters that all map to the one. */
	n = norm("㈜하이촹후이", 0);
	T_STREQ(n->s, "(주)하이촹후이");
	sp = text_norm_span(n, 0, 5);
	T_ASSERT(sp.start == 0 && sp.end == 1);
	sp = text_norm_span(n, 5, 8);
	T_ASSERT(sp.start == 1 && sp.end == 2);
	text_norm_free(n);
	/* Zero-width characters go, whitespace runs fold, ends trimmed. */
	n = norm("  A\xE2\x80\x8B" "B\xEF\xBB\xBF \t C\r\n\n D\xC2\xA0\x01 ", 0);
	T_STREQ(n->s, "AB C\nD");
	sp = text_norm_span(n, 2, 3);		/* the space: " \t " */
	T_ASSERT(sp.start == 6 && sp.end == 9);
	text_norm_free(n);
	/* Compatibility ideograph, decomposed Hangul, combining accent. */
	n = norm("\xEF\xA4\x80 \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB e\xCC\x81", 0);
	T_STREQ(n->s, "\xE8\xB1\x88 한 \xC3\xA9");
	sp = text_norm_span(n, 4, 7);		/* 한 from three jamo */
	T_ASSERT(sp.start == 2 && sp.end == 5);
	text_norm_free(n);
	/* Hangul compatibility jamo stay (ㆍ is a list dot). */
	n = norm("한ㆍ중 ㅋ", 0);
	T_STREQ(n->s, "한ㆍ중 ㅋ");
	text_norm_free(n);
	n = norm("Torch ＣＥＮＴＥＲ Straße", TEXT_NORM_CASEFOLD);
	T_STREQ(n->s, "torch center strasse");
	text_norm_free(n);
	n = norm("", 0);
	T_ASSERT(n->len == 0 && n->s[0] == '\0' && n->from[0] == 0);
	sp = text_norm_span(n, 0, 5);
	T_ASSERT(sp.start == 0 && sp.end == 0);
	text_norm_free(n);
	/* Bad bytes become U+FFFD, one code point each. */
	n = norm("a\xFF" "b", 0);
	T_STREQ(n->s, "a\xEF\xBF\xBD" "b");
	T_ASSERT(n->from[4] == 2);
	text_norm_free(n);
	T_ASSERT(text_norm_new("", (size_t)TEXT_MAX_BYTES + 1, 0, &n,
	    &e) == -1);
}

/* Sentences rendered as "[...]" for compact comparison. */
static char *
sentences(const char *s)
{
	struct text_span *v;
	struct buf b = {0};
	size_t n, k;

	text_sentences(s, strlen(s), &v, &n);
	for (k = 0; k < n; k++) {
		buf_putc(&b, '[');
		buf_append(&b, s + v[k].start, v[k].end - v[k].start);
		buf_putc(&b, ']');
	}
	free(v);
	return buf_steal(&b);
}

static void
check_sentences(const char *s, const char *want)
{
	char *got = sentences(s);

	T_STREQ(got, want);
	free(got);
}

static void
test_sentences(void)
{
	check_sentences("KIC중국은 9일 포럼을 개최했다. 이번 포럼에는 100명이 "
	    "참석했다. 김 센터장은 “협력을 강화하겠다.”고 밝혔다.",
	    "[KIC중국은 9일 포럼을 개최했다.][이번 포럼에는 100명이 "
	    "참석했다.][김 센터장은 “협력을 강화하겠다.”고 밝혔다.]");
	check_sentences("双方签署了合作协议。会议由东部中心主办！是否继续？"
	    "一是合作；二是交流",
	    "[双方签署了合作协议。][会议由东部中心主办！][是否继续？]"
	    "[一是合作；][二是交流]");
	check_sentences("他说：“我们将继续合作。”随后双方合影。",
	    "[他说：“我们将继续合作。”][随后双方合影。]");
	check_sentences("성장률은 3.5%를 기록했다. No. 1 기업인 ABC Co., Ltd. "
	    "와 U.S. 기업이 참가했다.",
	    "[성장률은 3.5%를 기록했다.][No. 1 기업인 ABC Co., Ltd. 와 "
	    "U.S. 기업이 참가했다.]");
	check_sentences("일시: 2024. 9. 9. 14:00 장소: 베이징",
	    "[일시: 2024. 9. 9. 14:00 장소: 베이징]");
	check_sentences("제목\n\n　본문 첫 줄\n둘째 줄", "[제목][본문 첫 줄][둘째 줄]");
	check_sentences("무엇인가?라는 질문에 답했다! 정말?",
	    "[무엇인가?라는 질문에 답했다!][정말?]");
	check_sentences("It works. Really? Yes!", "[It works.][Really?][Yes!]");
	check_sentences("  \n \n", "");
	check_sentences("", "");
	check_sentences("끝나지 않는 문장", "[끝나지 않는 문장]");
}

static void
check_snippet(const char *s, const char *needle, size_t max, const char *want)
{
	const char *p = strstr(s, needle);
	char *got;

	T_ASSERT(p != NULL);
	if (p == NULL)
		return;
	got = text_snippet(s, strlen(s), p - s, p - s + strlen(needle), max);
	T_STREQ(got, want);
	T_ASSERT(text_cp_len(got, strlen(got)) <= max);
	free(got);
}

static void
test_snippet(void)
{
	static const char *s = "첫 문장이다. 두 번째 문장에서 KIC중국이 포럼을 "
	    "열었다. 세 번째 문장.";
	static const char *lng = "아주 긴 문장의 한가운데에 있는 MOU 체결 소식은 "
	    "앞뒤가 잘려서 말줄임표가 붙어야 한다";

	/* Stops at the sentence ends on both sides. */
	check_snippet(s, "KIC중국", 60, "두 번째 문장에서 KIC중국이 포럼을 열었다.");
	/* Cut inside a sentence on both sides. */
	check_snippet(lng, "MOU", 16, "…에 있는 MOU 체결 소식…");
	/* A span longer than the window is cut with an ellipsis. */
	check_snippet(lng, lng, 10, "아주 긴 문장의…");
	/* Whitespace folded, newlines stop the window. */
	check_snippet("위\n\n행사  \t 개최\n아래", "개최", 40, "행사 개최");
	check_snippet("짧다", "짧다", 8, "짧다");
}

static void
test_lang(void)
{
	static const char *ko = "글로벌혁신센터(KIC중국)는 국가기술이전동부센터"
	    "(國家技術轉移東部中心)와 업무협약을 체결했다.";
	static const char *zh = "国家技术转移东部中心与韩国创新中心签署合作协议，"
	    "双方将在技术转移领域开展交流。";
	static const char *hant = "國家技術轉移東部中心與韓國創新中心簽署合作協議，"
	    "雙方將在技術轉移領域開展交流。";
	static const char *en = "KIC China signed an MOU with the Torch Center "
	    "in Beijing (北京).";

	T_STREQ(text_lang_guess(ko, strlen(ko)), "ko");
	T_STREQ(text_lang_guess(zh, strlen(zh)), "zh");
	T_STREQ(text_lang_guess(hant, strlen(hant)), "zh-Hant");
	T_STREQ(text_lang_guess(en, strlen(en)), "en");
	T_STREQ(text_lang_guess("", 0), "und");
	T_STREQ(text_lang_guess("2024-09-09 12:00", 16), "und");
}

int
main(void)
{
	test_utf8();
	test_index();
	test_norm();
	test_sentences();
	test_snippet();
	test_lang();
	return T_DONE();
}
