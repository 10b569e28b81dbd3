/* SPDX-License-Identifier: ISC */
/*
 * Events through the whole extraction: triggers and types, quoted names,
 * dates (relative to the page's 2024-09-20, to the event before, from a
 * date line), places, roles in Korean and Chinese (labels, cues, subjects,
 * the visited host), one record for several sentences, and the sentences
 * that look like events but are not: a past reference, a plan, speech,
 * "visit the website", a forum that is a company, topic bullets.
 */
#include "t_extract.h"

static const struct extract_event *
event(const struct extract_result *r, const char *type)
{
	for (size_t i = 0; r != NULL && i < r->nevents; i++)
		if (strcmp(r->events[i].type, type) == 0)
			return &r->events[i];
	return NULL;
}

static void
test_korean_forum(void)
{
	struct extract_result *r = t_run(
	    "글로벌혁신센터(KIC중국)는 19일 상하이에서 국가기술이전동부센터와 "
	    "공동으로 '2024 한중 기술이전 포럼'을 개최했다고 20일 밝혔다.\n"
	    "이번 포럼은 과기정통부가 주최하고 상하이기술거래소가 주관했으며, "
	    "한국연구재단이 후원했다. 행사에는 횃불센터 허OO 부주임 등이 "
	    "참석했다.\n포럼에서는 인공지능 협력이 논의됐다.");
	const struct extract_event *ev = event(r, "forum");

	T_ASSERT(r != NULL && r->nevents == 1 && ev != NULL);
	if (ev == NULL)
		goto out;
	T_STREQ(ev->name, "2024 한중 기술이전 포럼");
	T_STREQ(ev->date, "2024-09-19");
	T_STREQ(ev->location, "Shanghai");
	T_STREQ(t_role(r, ev, "netc"), "co-host");
	T_STREQ(t_role(r, ev, "msit"), "host");
	T_STREQ(t_role(r, ev, "shanghai-tech-exchange"), "organiser");
	T_STREQ(t_role(r, ev, "nrf"), "sponsor");
	T_STREQ(t_role(r, ev, "torch-center"), "attendee");
	T_ASSERT(ev->nsectors == 1 && strcmp(ev->sectors[0], "ai") == 0);
	T_ASSERT(ev->span.start == 0 && ev->evidence != NULL &&
	    strstr(ev->evidence, "포럼") != NULL);
out:
	extract_result_free(r);
}

static void
test_chinese_roles(void)
{
	struct extract_result *r = t_run(
	    "9月9日，中韩创新创业论坛在上海举办。论坛由中国科学技术交流中心、"
	    "韩国创新中心共同主办，上海产业技术研究院承办，韩国研究财团支持。"
	    "工业和信息化部有关负责人出席并致辞。");
	const struct extract_event *ev = event(r, "forum");

	T_ASSERT(r != NULL && r->nevents == 1 && ev != NULL);
	if (ev == NULL)
		goto out;
	T_STREQ(ev->date, "2024-09-09");
	T_STREQ(ev->location, "Shanghai");
	T_STREQ(t_role(r, ev, "cstec"), "co-host");
	T_STREQ(t_role(r, ev, "kic-china"), "co-host");
	T_STREQ(t_role(r, ev, "siti"), "organiser");
	T_STREQ(t_role(r, ev, "nrf"), "sponsor");
	T_STREQ(t_role(r, ev, "miit"), "attendee");
out:
	extract_result_free(r);
}

static void
test_labels_and_dates(void)
{
	struct extract_result *r = t_run(
	    "KIC중국은 ‘2024 중국 진출 온라인 설명회’를 아래와 같이 개최합니다.\n"
	    "- 일시: 2024년 10월 8일(화) 15:00\n"
	    "- 주최: KIC중국, KOTRA\n"
	    "- 후원: 한국연구재단");
	const struct extract_event *ev = event(r, "seminar");

	T_ASSERT(ev != NULL);
	if (ev != NULL) {
		T_STREQ(ev->date, "2024-10-08");
		T_STREQ(t_role(r, ev, "kic-china"), "host");
		T_STREQ(t_role(r, ev, "kotra"), "host");
		T_STREQ(t_role(r, ev, "nrf"), "sponsor");
	}
	extract_result_free(r);
}

static void
test_visit_and_next_day(void)
{
	struct extract_result *r = t_run(
	    "9月14日，天津经济技术开发区与韩国创新中心签约仪式在泰达举行。\n"
	    "次日，韩方代表团一行走访了区内企业。\n"
	    "베이항 대표단 6명이 지난 12일 KIC중국을 방문했다.");
	const struct extract_event *ce = event(r, "ceremony");
	size_t visits = 0;

	T_ASSERT(ce != NULL && strcmp(ce->date, "2024-09-14") == 0);
	for (size_t i = 0; r != NULL && i < r->nevents; i++) {
		const struct extract_event *ev = &r->events[i];

		if (strcmp(ev->type, "visit") != 0)
			continue;
		visits++;
		if (t_role(r, ev, "beihang") != NULL) {
			T_STREQ(ev->date, "2024-09-12");
			T_STREQ(t_role(r, ev, "kic-china"), "host");
			T_STREQ(t_role(r, ev, "beihang"), "participant");
		} else
			T_STREQ(ev->date, "2024-09-15");
	}
	T_ASSERT(visits == 2);
	extract_result_free(r);
}

static void
test_part_of(void)
{
	/* a pitch session inside a demo day is part of it; the next day's
	   site visit is not */
	struct extract_result *r = t_run(
	    "KIC중국은 21일 청두에서 ‘K-데모데이 in 청두’를 개최했다.\n"
	    "행사에서는 로드쇼가 진행됐고 퀀텀링크, 하이드로젠스 등 한국 "
	    "스타트업 5개사가 발표자로 나섰다.\n"
	    "참가 기업들은 22일 청두 고신구를 시찰했다.");
	const struct extract_event *dd = event(r, "demo_day");
	const struct extract_event *v = event(r, "visit");

	T_ASSERT(r != NULL && r->nevents == 2 && dd != NULL && v != NULL);
	if (dd == NULL || v == NULL)
		goto out;
	T_STREQ(dd->date, "2024-09-21");
	T_STREQ(t_role(r, dd, "퀀텀링크"), "exhibitor");
	T_STREQ(v->date, "2024-09-22");
	T_STREQ(t_role(r, v, "chengdu-hitech"), "host");
	T_STREQ(t_role(r, v, "하이드로젠스"), "participant");
out:
	extract_result_free(r);
}

static void
test_negatives(void)
{
	static const char *const texts[] = {
		"지난해 열린 푸장혁신포럼에서 만난 두 기관은 협력을 이어왔다.",
		"자세한 내용은 센터 홈페이지를 방문하면 확인할 수 있다.",
		"중관촌포럼 회사 관계자가 자료를 보냈다.",
		"KIC중국은 오는 6월 옌타이에서 K-데모데이를 여는 방안을 협의 중이다.",
		"김 센터장은 “내년에는 더 큰 포럼을 열겠다”고 말했다.",
		"양 기관은 MOU를 체결하고 ▲공동 연구 ▲창업대회 공동 개최에 "
		"협력하기로 했다.",
		"支持企业参加国际展会是本政策的内容之一。",
		"去年在大湾区科学论坛上结识的两家机构达成意向。",
		"메뉴: 포럼 | 데모데이 | 박람회",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct extract_result *r = t_run(texts[i]);

		if (r == NULL || r->nevents != 0)
			fprintf(stderr, "negative %zu: %zu events\n", i,
			    r ? r->nevents : 0);
		T_ASSERT(r != NULL && r->nevents == 0);
		extract_result_free(r);
	}
}

static void
test_traditional(void)
{
	struct extract_result *r = t_run(
	    "9月10日，作為2024浦江創新論壇的重要組成部分，"
	    "“2024中韓科技創新創業者論壇”在上海國際會議中心舉辦。");
	const struct extract_event *ev = event(r, "forum");

	T_ASSERT(r != NULL && r->nevents == 1 && ev != NULL);
	if (ev != NULL) {
		T_STREQ(ev->name, "2024中韓科技創新創業者論壇");
		T_STREQ(ev->location, "Shanghai");
		T_STREQ(ev->date, "2024-09-10");
	}
	T_ASSERT(t_org(r, "pujiang-forum") != NULL);
	T_ASSERT(t_org(r, "上海國際會議中心") == NULL);
	extract_result_free(r);
}

int
main(void)
{
	t_extract_init();
	test_korean_forum();
	test_chinese_roles();
	test_labels_and_dates();
	test_visit_and_next_day();
	test_part_of();
	test_negatives();
	test_traditional();
	t_extract_done();
	return T_DONE();
}
