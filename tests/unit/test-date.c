/* SPDX-License-Identifier: ISC */
/*
 * date.c / date_scan.c: every notation the genre uses, resolved against a
 * fixed publication date, and the look-alikes that are not dates. Each
 * case lists what the scanner must find as "surface=value[~until]" joined
 * by " | ", so a wrong surface, value, range or an extra mention fails.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "t.h"

struct tcase {
	const char *ref;	/* publication date, or NULL */
	const char *text;
	const char *want;	/* "" when no mention */
};

static const struct tcase cases[] = {
	/* Absolute, all notations. */
	{"2024-09-10", "2024년 9월 9일 개최", "2024년 9월 9일=2024-09-09"},
	{"2024-09-10", "2024年9月9日，在上海", "2024年9月9日=2024-09-09"},
	{"2024-09-10", "2024-09-09 发布", "2024-09-09=2024-09-09"},
	{"2024-09-10", "일시: 2024.09.09", "2024.09.09=2024-09-09"},
	{"2024-09-10", "2024.9.9.(월)", "2024.9.9.=2024-09-09"},
	{"2024-09-10", "2024. 9. 9. 서울", "2024. 9. 9.=2024-09-09"},
	{"2024-09-10", "2024/09/09", "2024/09/09=2024-09-09"},
	{"2024-09-10", "2024/9/9 10:00", "2024/9/9=2024-09-09"},
	{"2024-09-10", "(24.09.09)", "24.09.09=2024-09-09"},
	{"2024-09-10", "2024-09-09T10:00:00+08:00",
	    "2024-09-09=2024-09-09"},
	{"2024-09-10", "2024년 9월 중 개최", "2024년 9월 중=2024-09"},
	{"2024-09-10", "2024年9月，", "2024年9月=2024-09"},
	{"2024-09-10", "24년 3월", "24년 3월=2024-03"},
	{NULL, "2024년 9월 9일", "2024년 9월 9일=2024-09-09"},
	{"2024-09-10", "2024 年 9 月 9 日", "2024 年 9 月 9 日=2024-09-09"},
	/* English pages. */
	{"2024-09-10", "Posted on September 13, 2024 by",
	    "September 13, 2024=2024-09-13"},
	{"2024-09-10", "on Saturday, 14 December 2024, from",
	    "14 December 2024=2024-12-14"},
	{"2024-09-10", "Sept. 9, 2024", "Sept. 9, 2024=2024-09-09"},
	{"2023-11-08", "runs from November 5 to 10 in",
	    "November 5 to 10=2023-11-05~2023-11-10"},
	{"2024-09-10", "the 5-10 November fair", "5-10 November=2024-11-05~2024-11-10"},
	{"2024-09-10", "in September 2024.", "September 2024=2024-09"},
	{"2024-09-10", "on 9th September", "9th September=2024-09-09"},
	{"2024-09-10", "you may march in May", ""},
	{"2024-09-10", "Decimal 12 Decembers", ""},
	/* Partial: year and month from the publication date. */
	{"2024-09-10", "9월 9일 베이징에서", "9월 9일=2024-09-09"},
	{"2024-09-10", "9月9日，", "9月9日=2024-09-09"},
	{"2024-09-10", "9月9号", "9月9号=2024-09-09"},
	{"2024-09-10", "KIC중국은 9일 밝혔다", "9일=2024-09-09"},
	{"2024-09-10", "9日上午", "9日=2024-09-09"},
	{"2024-09-10", "10月14日下午", "10月14日=2024-10-14"},
	{"2024-09-10", "19일 개최 예정", "19일=2024-09-19"},
	{"2024-09-03", "지난 행사는 29일 열렸다", "29일=2024-08-29"},
	{"2024-01-05", "12월 20일 열린", "12월 20일=2023-12-20"},
	{"2024-12-10", "1월 중 개최", "1월 중=2025-01"},
	{"2024-09-10", "3월 개최된", "3월=2024-03"},
	{"2024-09-10", "9월 중국 방문", "9월=2024-09"},
	{"2024-09-10", "9월 말까지", "9월 말=2024-09"},
	{"2024-09-10", "일시: 9.12(목) 14:00", "9.12=2024-09-12"},
	{"2024-09-10", "9/12(목)~9/13(금)", "9/12(목)~9/13=2024-09-12~2024-09-13"},
	{"2024-09-10", "점유율 9.12 포인트", ""},
	/* Ranges. */
	{"2024-09-10", "9월 9~11일", "9월 9~11일=2024-09-09~2024-09-11"},
	{"2024-09-10", "9月9日至11日", "9月9日至11日=2024-09-09~2024-09-11"},
	{"2024-09-10", "9월 29일~10월 2일",
	    "9월 29일~10월 2일=2024-09-29~2024-10-02"},
	{"2024-09-10", "9월 9일(월)~11일(수)",
	    "9월 9일(월)~11일=2024-09-09~2024-09-11"},
	{"2024-12-20", "12월 30일~1월 3일",
	    "12월 30일~1월 3일=2024-12-30~2025-01-03"},
	{"2024-09-10", "9일부터 11일까지", "9일부터 11일=2024-09-09~2024-09-11"},
	{"2024-09-10", "2023년 12월 30일~2024년 1월 3일",
	    "2023년 12월 30일~2024년 1월 3일=2023-12-30~2024-01-03"},
	{"2024-09-10", "2024-09-09 ~ 2024-09-11",
	    "2024-09-09 ~ 2024-09-11=2024-09-09~2024-09-11"},
	{"2024-09-10", "9月9日-10日", "9月9日-10日=2024-09-09~2024-09-10"},
	{"2024-09-10", "29~30일", "29~30일=2024-08-29~2024-08-30"},
	/* Relative. */
	{"2024-09-10", "지난 9일 열린", "지난 9일=2024-09-09"},
	{"2024-09-10", "지난 19일", "지난 19일=2024-08-19"},
	{"2024-09-10", "오는 19일", "오는 19일=2024-09-19"},
	{"2024-09-10", "오는 5일", "오는 5일=2024-10-05"},
	{"2024-09-10", "지난달 열린", "지난달=2024-08"},
	{"2024-09-10", "지난달 25일", "지난달 25일=2024-08-25"},
	{"2024-01-10", "지난달 말", "지난달 말=2023-12"},
	{"2024-09-10", "이달 초", "이달 초=2024-09"},
	{"2024-09-10", "이달 중순에", "이달 중순=2024-09"},
	{"2024-09-10", "이달말", "이달말=2024-09"},
	{"2024-09-10", "다음 달 개최", "다음 달=2024-10"},
	{"2024-09-10", "지난해 7월", "지난해 7월=2023-07"},
	{"2024-09-10", "작년 행사", "작년=2023"},
	{"2024-09-10", "지난해에는", "지난해=2023"},
	{"2024-09-10", "올해 3월", "올해 3월=2024-03"},
	{"2024-09-10", "내년 성과", "내년=2025"},
	{"2024-09-10", "내년 3월 5일", "내년 3월 5일=2025-03-05"},
	{"2024-09-10", "오는 4~5월", "오는 4~5월=2025-04~2025-05"},
	{"2024-03-10", "오는 4~5월 중", "오는 4~5월 중=2024-04~2024-05"},
	{"2024-09-10", "지난 3월", "지난 3월=2024-03"},
	{"2024-09-10", "오는 3월", "오는 3월=2025-03"},
	{"2024-09-10", "今年9月", "今年9月=2024-09"},
	{"2024-09-10", "去年", "去年=2023"},
	{"2024-09-10", "上月", "上月=2024-08"},
	{"2024-09-10", "上月25日", "上月25日=2024-08-25"},
	{"2024-09-10", "本月底", "本月底=2024-09"},
	{"2024-09-10", "下个月", "下个月=2024-10"},
	{"2024-09-10", "去年10月", "去年10月=2023-10"},
	{"2024-09-10", "近日，日前", ""},
	{"2024-09-10", "지난해 12월 30일", "지난해 12월 30일=2023-12-30"},
	/* Several in one sentence, in order. */
	{"2024-09-10", "지난 9일 개막해 11일까지",
	    "지난 9일=2024-09-09 | 11일=2024-09-11"},
	/* Look-alikes. */
	{"2024-09-10", "2024년 매출", ""},
	{"2024-09-10", "3일간 열린다", ""},
	{"2024-09-10", "10일 이내", ""},
	{"2024-09-10", "30일 만에", ""},
	{"2024-09-10", "7일 동안", ""},
	{"2024-09-10", "10일 내 처리", ""},
	{"2024-09-10", "9일 내한", "9일=2024-09-09"},
	{"2024-09-10", "3日内完成", ""},
	{"2024-09-10", "第3日", ""},
	{"2024-09-10", "제3일", ""},
	{"2024-09-10", "전화 010-2024-0909", ""},
	{"2024-09-10", "02-2024-09-09", ""},
	{"2024-09-10", "전화 02-123-4567", ""},
	{"2024-09-10", "v2.10.5 버전, 1.2.3, 3.5%", ""},
	{"2024-09-10", "Python 3.11.2", ""},
	{"2024-09-10", "2024.1.2.3", ""},
	{"2024-09-10", "1,000일", ""},
	{"2024-09-10", "100일", ""},
	{"2024-09-10", "13개월", ""},
	{"2024-09-10", "지난 해외 출장", ""},
	{"2024-09-10", "2024-9", ""},
	{"2024-09-10", "2월 30일", ""},
	{"2024-09-10", "ID 20240909", ""},
	{"2024-09-10", "내달리다", ""},
	{NULL, "9일, 지난달, 去年, 9月9日", ""},
	{"2024-09-10", "", ""},
};

static char *
render(const char *text, const struct date_mention *v, size_t n)
{
	struct buf b = {0};
	char iso[11];
	size_t k;

	for (k = 0; k < n; k++) {
		if (k)
			buf_puts(&b, " | ");
		buf_append(&b, text + v[k].start, v[k].end - v[k].start);
		buf_printf(&b, "=%s", date_iso(&v[k].date, iso));
		if (v[k].until.y)
			buf_printf(&b, "~%s", date_iso(&v[k].until, iso));
	}
	return buf_steal(&b);
}

static void
test_cases(void)
{
	struct date_mention *v;
	struct date_ymd ref;
	size_t k, n;
	char *got;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct tcase *c = &cases[k];

		if (c->ref != NULL)
			T_ASSERT(date_iso_parse(c->ref, &ref) == 0);
		n = date_scan(c->text, strlen(c->text),
		    c->ref ? &ref : NULL, &v);
		got = render(c->text, v, n);
		if (strcmp(got, c->want) != 0)
			fprintf(stderr, "case %zu: \"%s\"\n", k, c->text);
		T_STREQ(got, c->want);
		free(got);
		free(v);
	}
}

static void
test_kinds(void)
{
	const char *s = "2024년 9월 9일, 10일, 지난달";
	struct date_mention *v;
	struct date_ymd ref = {2024, 9, 10};
	size_t n;

	n = date_scan(s, strlen(s), &ref, &v);
	T_ASSERT(n == 3);
	T_ASSERT(v[0].kind == DATE_ABSOLUTE);
	T_ASSERT(v[1].kind == DATE_PARTIAL);
	T_ASSERT(v[2].kind == DATE_RELATIVE);
	T_ASSERT(v[0].start == 0);
	T_ASSERT(v[2].end == strlen(s));
	free(v);
	/* A reference without a month resolves nothing relative. */
	ref.m = ref.d = 0;
	n = date_scan(s, strlen(s), &ref, &v);
	T_ASSERT(n == 1);
	free(v);
}

static void
test_iso(void)
{
	struct date_ymd d;
	char buf[11];

	T_ASSERT(date_iso_parse("2024-02-29", &d) == 0);
	T_STREQ(date_iso(&d, buf), "2024-02-29");
	T_ASSERT(date_iso_parse("2023-02-29", &d) == -1);
	T_ASSERT(date_iso_parse("2024-13", &d) == -1);
	T_ASSERT(date_iso_parse("2024-09", &d) == 0 && d.m == 9 && d.d == 0);
	T_STREQ(date_iso(&d, buf), "2024-09");
	T_ASSERT(date_iso_parse("2024", &d) == 0 && d.m == 0);
	T_STREQ(date_iso(&d, buf), "2024");
	T_ASSERT(date_iso_parse("2024-9-9", &d) == -1);
	T_ASSERT(date_iso_parse("2024-09-00", &d) == -1);
	T_ASSERT(date_iso_parse("", &d) == -1);
	d.y = 0;
	T_STREQ(date_iso(&d, buf), "");
	d.y = 2024;
	d.m = 4;
	d.d = 31;
	T_ASSERT(!date_is_valid(&d));
	T_STREQ(date_iso(&d, buf), "");
	d.y = 1900;
	d.d = 1;
	T_ASSERT(!date_is_valid(&d));
	d.y = 2000;
	d.m = 2;
	d.d = 29;
	T_ASSERT(date_is_valid(&d));
	d.y = 2100;
	T_ASSERT(!date_is_valid(&d));
}

static void
test_find_absolute(void)
{
	static const char *kic = "출처: 발표 시간:2021-12-16 16:44:37 조회 수:";
	static const char *vsb = "发布时间:2024年02月23日 14:37 来源:";
	static const char *none = "조회수 1234 | 9월 9일";
	struct date_ymd d;

	T_ASSERT(date_find_absolute(kic, strlen(kic), &d));
	T_ASSERT(d.y == 2021 && d.m == 12 && d.d == 16);
	T_ASSERT(date_find_absolute(vsb, strlen(vsb), &d));
	T_ASSERT(d.y == 2024 && d.m == 2 && d.d == 23);
	T_ASSERT(!date_find_absolute(none, strlen(none), &d));
}

/* Hostile text: many digits and units in a row stay bounded. */
static void
test_bounds(void)
{
	struct buf b = {0};
	struct date_mention *v;
	struct date_ymd ref = {2024, 9, 10};
	size_t k, n;

	for (k = 0; k < 6000; k++)
		buf_puts(&b, "1일 ");
	n = date_scan(b.data, b.len, &ref, &v);
	T_ASSERT(n == DATE_MAX_MENTIONS);
	free(v);
	buf_reset(&b);
	for (k = 0; k < 10000; k++)
		buf_puts(&b, "9~");
	n = date_scan(b.data, b.len, &ref, &v);
	T_ASSERT(n == 0);
	free(v);
	buf_free(&b);
}

int
main(void)
{
	test_cases();
	test_kinds();
	test_iso();
	test_find_absolute();
	test_bounds();
	return T_DONE();
}
