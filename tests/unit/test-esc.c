/* SPDX-License-Identifier: ISC */
/* report/esc: every output escaper against hostile scraped text. */
#include <stdlib.h>

#include "esc.h"
#include "t.h"

typedef void (*esc_fn)(struct buf *, const char *);

static char *
run(esc_fn fn, const char *in)
{
	struct buf b = {0};

	fn(&b, in);
	return buf_steal(&b);
}

static void
check(esc_fn fn, const char *in, const char *want)
{
	char *got = run(fn, in);

	T_STREQ(got, want);
	free(got);
}

static void
term1(struct buf *b, const char *s)
{
	esc_term(b, s, false);
}

static void
test_html(void)
{
	check(esc_html, "<script>alert('x')</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	check(esc_html, "<img src=x onerror=\"a()\">",
	    "&lt;img src=x onerror=&quot;a()&quot;&gt;");
	check(esc_html, "R&D 연구개발", "R&amp;D 연구개발");
	check(esc_html, "a\x01\x7f" "b\tc", "ab\tc");
	check(esc_html, "bad\xff\xfe", "bad\xef\xbf\xbd\xef\xbf\xbd");
	check(esc_html, NULL, "");
	check(esc_html_href, "https://kic.example/a?b=1&c=<2>",
	    "https://kic.example/a?b=1&amp;c=&lt;2&gt;");
	check(esc_html_href, "javascript:alert(1)", "#");
	check(esc_html_href, "data:text/html,<b>", "#");
	check(esc_html_href, " http://x", "#");
}

static void
test_md(void)
{
	check(esc_md, "[click](javascript:x)", "\\[click\\]\\(javascript:x\\)");
	check(esc_md, "<b>굵게</b>", "\\<b\\>굵게\\</b\\>");
	check(esc_md, "*중요* _강조_ `코드`", "\\*중요\\* \\_강조\\_ \\`코드\\`");
	check(esc_md, "# 제목", "\\# 제목");
	check(esc_md, "- 목록", "\\- 목록");
	check(esc_md, "1. 첫째", "1\\. 첫째");
	check(esc_md, "한중 R&D-협력 2024.09", "한중 R\\&D-협력 2024.09");
	check(esc_md, "줄\n바꿈|표", "줄 바꿈\\|표");
	check(esc_md, "![x](y)", "\\!\\[x\\]\\(y\\)");
	/* U+4E2D ends in 0x2D ('-'): must not look like a list marker. */
	check(esc_md, "中韩论坛", "中韩论坛");
	check(esc_md, "\xe2\xbc\xab", "\xe2\xbc\xab");
}

static void
test_md_link(void)
{
	struct buf b = {0};

	esc_md_link(&b, "KIC중국 [공지]", "https://kic.example/a b)");
	T_STREQ(b.data, "[KIC중국 \\[공지\\]](<https://kic.example/a%20b)>)");
	buf_reset(&b);
	esc_md_link(&b, "x", "javascript:alert(1)");
	T_STREQ(b.data, "x");
	buf_reset(&b);
	esc_md_link(&b, "y", "https://a/<script>");
	T_STREQ(b.data, "[y](<https://a/%3Cscript%3E>)");
	buf_free(&b);
}

static void
test_csv(void)
{
	check(esc_csv, "plain 텍스트", "plain 텍스트");
	check(esc_csv, "a,b", "\"a,b\"");
	check(esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	check(esc_csv, "two\nlines", "\"two\nlines\"");
	check(esc_csv, "=HYPERLINK(\"http://evil\",\"x\")",
	    "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
	check(esc_csv, "+1", "\"'+1\"");
	check(esc_csv, "-2+3", "\"'-2+3\"");
	check(esc_csv, "@SUM(A1)", "\"'@SUM(A1)\"");
	check(esc_csv, "\tx", "\"'\tx\"");
	check(esc_csv, "\rx", "\"'\rx\"");
	check(esc_csv, "", "");
	check(esc_csv, "a=b", "a=b");
	check(esc_csv, "\x1b[31mred\x1b[0m", "[31mred[0m");
	check(esc_csv, "=\x1b]0;x\x07", "\"'=]0;x\"");
}

static void
test_term(void)
{
	check(term1, "\x1b[31m빨강\x1b[0m", "빨강");
	check(term1, "\x1b]0;pwned\x07title", "title");
	check(term1, "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link");
	check(term1, "a\x1b" "cb", "ab");
	check(term1, "bell\x07\x08\x7f", "bell");
	check(term1, "c1\xc2\x9b" "31m", "c131m");
	check(term1, "tab\there\nnl", "tab here nl");
	check(term1, "rtl\xe2\x80\xae" "gnp.exe", "rtlgnp.exe");
	check(term1, "合作协议 수소", "合作协议 수소");
	check(term1, "trail\x1b[", "trail");
}

static void
test_width(void)
{
	struct buf b = {0};

	T_ASSERT(esc_width("abc") == 3);
	T_ASSERT(esc_width("수소") == 4);
	T_ASSERT(esc_width("合作") == 4);
	T_ASSERT(esc_width("ＫＩＣ") == 6);
	T_ASSERT(esc_width("KIC중국") == 7);
	T_ASSERT(esc_width("e\xcc\x81") == 1);	/* combining accent */
	esc_term_fit(&b, "글로벌혁신센터", 9, true);
	T_STREQ(b.data, "글로벌혁…");
	T_ASSERT(esc_width(b.data) == 9);
	buf_reset(&b);
	esc_term_fit(&b, "글로벌혁신센터", 10, true);
	T_STREQ(b.data, "글로벌혁… ");
	buf_reset(&b);
	esc_term_fit(&b, "ab", 5, true);
	T_STREQ(b.data, "ab   ");
	buf_reset(&b);
	esc_term_fit(&b, "abcdef", 4, false);
	T_STREQ(b.data, "abc…");
	buf_reset(&b);
	esc_term_fit(&b, "\x1b[1m굵게\x1b[0m", 4, false);
	T_STREQ(b.data, "굵게");
	buf_free(&b);
}

int
main(void)
{
	test_html();
	test_md();
	test_md_link();
	test_csv();
	test_term();
	test_width();
	return T_DONE();
}
