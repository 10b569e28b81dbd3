/* SPDX-License-Identifier: ISC */
/*
 * report/query_han.c and query_variants: the other Chinese script of a
 * query from OpenCC's character tables, without OpenCC.
 */
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "t.h"

/* The variants of s, space-separated. */
static char *
variants(const char *s)
{
	char *v[QUERY_VARIANTS_MAX];
	int n = query_variants(s, v);
	struct buf b = {0};

	T_ASSERT(n >= 1 && n <= QUERY_VARIANTS_MAX);
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			T_ASSERT(strcmp(v[i], v[j]) != 0);
		buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	}
	query_variants_free(v, n);
	return buf_steal(&b);
}

static void
check(const char *s, const char *want)
{
	char *got = variants(s);

	T_STREQ(got, want);
	free(got);
}

/* want is one of the variants of s. */
static void
check_has(const char *s, const char *want)
{
	char *got = variants(s);
	size_t n = strlen(want);
	const char *p = got;

	while ((p = strstr(p, want)) != NULL &&
	    !((p == got || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')))
		p++;
	if (p == NULL)
		fprintf(stderr, "%s: %s not in %s\n", s, want, got);
	T_ASSERT(p != NULL);
	free(got);
}

static void
test_scripts(void)
{
	/* As typed first, then Simplified, then Traditional. */
	check("东部中心", "东部中心 東部中心");
	check("東部中心", "東部中心 东部中心");
	check("韩国创新中心", "韩国创新中心 韓國創新中心");
	check("國家技術轉移東部中心",
	    "國家技術轉移東部中心 国家技术转移东部中心");
	check("上海技術交易所", "上海技術交易所 上海技术交易所");
	check("人工智能", "人工智能");
	/* What OpenCC's phrases give is among the forms of a character
	 * with several candidates. */
	check_has("签约", "簽約");
	check_has("头发", "頭髮");
	check_has("论坛", "論壇");
	check_has("技术转移", "技術轉移");
	check_has("台湾", "臺灣");
	check_has("合作協議", "合作协议");
}

static void
test_not_han(void)
{
	check("수소", "수소");
	check("KIC중국 선전", "KIC중국 선전");
	check("ＫＩＣ중국", "KIC중국");	/* NFKC */
	check("", "");
	/* Invalid UTF-8 is kept as it is, the Han part still converted. */
	check("\xff" "东", "\xff" "东 \xff" "東");
}

static void
test_bounded(void)
{
	char *v[QUERY_VARIANTS_MAX];
	int n = query_variants("干发系复台干发系复台干发系复台", v);

	T_ASSERT(n == QUERY_VARIANTS_MAX);
	query_variants_free(v, n);
}

int
main(void)
{
	test_scripts();
	test_not_han();
	test_bounded();
	return T_DONE();
}
