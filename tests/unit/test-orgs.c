/* SPDX-License-Identifier: ISC */
/*
 * Organisations, places and sectors through the whole extraction with the
 * shipped gazetteer and patterns: Korean particles, names found by their
 * shape, transliteration pairs, units of known entities, generic nouns
 * that are no names, Traditional Chinese, Latin company names, cities and
 * the 광주 ambiguity, sectors that a ministry's name does not imply.
 */
#include <pthread.h>

#include "extract_out.h"
#include "t_extract.h"

#define T_THREADS 4
#define T_ROUNDS 20

static const char t_thread_text[] =
    "글로벌혁신센터(KIC중국)는 19일 상하이에서 国家技术转移东部中心과 "
    "공동으로 ‘2024 한중 기술이전 포럼’을 개최하고 업무협약을 체결했다. "
    "퀀텀링크, 하이드로젠스 등 스타트업 5개사가 발표에 나섰다.";

static size_t
count_unverified(const struct extract_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->norgs; i++)
		n += r->orgs[i].unverified;
	return n;
}

static const char *
place(const struct extract_result *r, size_t i)
{
	size_t k = 0;

	for (size_t m = 0; m < r->nmentions; m++)
		if (r->mentions[m].kind == EXTRACT_M_PLACE && k++ == i)
			return r->mentions[m].value;
	return NULL;
}

static void
test_korean_shapes(void)
{
	struct extract_result *r = t_run(
	    "KIC중국 김OO 센터장은 19일 리처드테크(理查德科技有限公司)와 "
	    "한국생명공학재단, 상하이 기술거래소를 방문했다. 해당 센터는 "
	    "협력을 약속했다. 리처드테크는 올해 설립됐다.");
	const struct extract_org *o;

	T_ASSERT(r != NULL);
	T_ASSERT(t_org(r, "kic-china") != NULL);
	o = t_org(r, "리처드테크");
	T_ASSERT(o != NULL && o->unverified && o->nmentions == 3);
	T_ASSERT(t_org(r, "한국생명공학재단") != NULL);
	o = t_org(r, "한국생명공학재단");
	T_ASSERT(o != NULL && strcmp(o->kind, "foundation") == 0);
	T_ASSERT(t_org(r, "상하이 기술거래소") != NULL);
	/* a person's title, a particle-bearing word, "that centre" */
	T_ASSERT(t_org(r, "센터장") == NULL);
	T_ASSERT(t_org(r, "해당 센터") == NULL && t_org(r, "센터") == NULL);
	T_ASSERT(count_unverified(r) == 3);
	extract_result_free(r);
}

static void
test_pairs_and_units(void)
{
	struct extract_result *r = t_run(
	    "KIC중국은 하이촹후이(海創匯, HCH)와 손잡았다. KAIST 기술사업화센터도 "
	    "함께했다. 공업정보화부 횃불센터 관계자가 참석했다.");
	const struct extract_org *o;

	T_ASSERT(r != NULL);
	o = t_org(r, "haier-hch");
	T_ASSERT(o != NULL && o->nmentions == 3);
	T_ASSERT(strcmp(o->name, "하이촹후이") == 0);
	o = t_org(r, "kaist");
	T_ASSERT(o != NULL && !o->unverified);
	T_ASSERT(t_org(r, "기술사업화센터") == NULL);
	T_ASSERT(t_org(r, "torch-center") != NULL);
	T_ASSERT(count_unverified(r) == 0);
	extract_result_free(r);
}

static void
test_chinese(void)
{
	struct extract_result *r = t_run(
	    "韩国创新中心与上海大学、國家技術轉移東部中心在沪签署协议。"
	    "北京理工大学深圳研究院和苏州清源氢能科技有限公司参加。"
	    "该中心表示，中韩两国政府高度重视。");
	const struct extract_org *o;

	T_ASSERT(r != NULL);
	T_ASSERT(t_org(r, "kic-china") != NULL);
	T_ASSERT(t_org(r, "shanghai-university") != NULL);
	T_ASSERT(t_org(r, "netc") != NULL);
	/* a unit of BIT is BIT, under the unit's own name */
	o = t_org(r, "bit");
	T_ASSERT(o != NULL);
	o = t_org(r, "苏州清源氢能科技有限公司");
	T_ASSERT(o != NULL && o->unverified &&
	    strcmp(o->kind, "company") == 0);
	T_ASSERT(count_unverified(r) == 1);
	T_STREQ(place(r, 0), "Shanghai");
	extract_result_free(r);
}

static void
test_latin(void)
{
	struct extract_result *r = t_run(
	    "Upstage AI and Seoul Robotics Co., Ltd. joined. Generative AI "
	    "was the theme. 메디트윈(MediTwin)도 참가했다.");

	T_ASSERT(r != NULL);
	T_ASSERT(t_org(r, "Upstage AI") != NULL);
	T_ASSERT(t_org(r, "Seoul Robotics Co., Ltd.") != NULL);
	T_ASSERT(t_org(r, "Generative AI") == NULL);
	T_ASSERT(t_org(r, "메디트윈") != NULL);
	T_ASSERT(r->norgs == 3);
	extract_result_free(r);
}

static void
test_places(void)
{
	struct extract_result *r = t_run(
	    "시안에서 열린 회의는 대전환을 논의했다. 아시안 게임과 무관하다. "
	    "광주에서도 열렸다.\n광둥성 광주에서 열렸다.\n"
	    "서울대학교에서 만났다.");

	T_ASSERT(r != NULL);
	T_STREQ(place(r, 0), "Xi'an");
	T_STREQ(place(r, 1), "Gwangju");
	T_STREQ(place(r, 2), "Guangzhou");
	T_ASSERT(place(r, 3) == NULL);
	extract_result_free(r);
	r = t_run("会议在广州举行。");
	T_STREQ(place(r, 0), "Guangzhou");
	extract_result_free(r);
}

static void
test_sectors(void)
{
	struct extract_result *r = t_run(
	    "과학기술정보통신부 관계자가 참석했다.");

	T_ASSERT(r != NULL && r->nsectors == 0);
	extract_result_free(r);
	r = t_run("인공지능과 新能源汽车, 양자 통신 기업이 참여했다.");
	T_ASSERT(r != NULL && r->nsectors == 3);
	T_STREQ(r->sectors[0], "mobility");
	T_STREQ(r->sectors[1], "ai");
	T_STREQ(r->sectors[2], "quantum");
	extract_result_free(r);
}

static void
test_offsets(void)
{
	/* full-width letters are matched, offsets are of the text as written */
	struct extract_result *r = t_run("오늘 ＫＩＣ중국과 만났다.");
	const struct extract_mention *m = NULL;

	T_ASSERT(r != NULL && t_org(r, "kic-china") != NULL);
	for (size_t i = 0; i < r->nmentions; i++)
		if (r->mentions[i].kind == EXTRACT_M_ORG)
			m = &r->mentions[i];
	T_ASSERT(m != NULL && m->span.start == 3 && m->span.end == 8);
	T_STREQ(m->surface, "ＫＩＣ중국");
	T_STREQ(t_org(r, "kic-china")->name, "ＫＩＣ중국");
	extract_result_free(r);
}

static char *
json_of(const char *text)
{
	struct extract_result *r = t_run(text);
	struct buf b = {0};

	if (r != NULL)
		extract_out_json(&b, r, NULL, "utf-8");
	extract_result_free(r);
	return buf_steal(&b);
}

static void *
thread_main(void *arg)
{
	const char *want = arg;
	intptr_t bad = 0;

	for (int i = 0; i < T_ROUNDS; i++) {
		char *got = json_of(t_thread_text);

		bad += strcmp(got, want) != 0;
		free(got);
	}
	return (void *)bad;
}

/* One extractor, several threads: the same answers as one thread. */
static void
test_threads(void)
{
	pthread_t th[T_THREADS];
	char *want = json_of(t_thread_text);

	T_ASSERT(strstr(want, "\"events\":[{") != NULL);
	for (int i = 0; i < T_THREADS; i++)
		T_ASSERT(pthread_create(&th[i], NULL, thread_main, want) == 0);
	for (int i = 0; i < T_THREADS; i++) {
		void *bad = NULL;

		T_ASSERT(pthread_join(th[i], &bad) == 0);
		T_ASSERT(bad == NULL);
	}
	free(want);
}

int
main(void)
{
	t_extract_init();
	test_korean_shapes();
	test_pairs_and_units();
	test_chinese();
	test_latin();
	test_places();
	test_sectors();
	test_offsets();
	test_threads();
	t_extract_done();
	return T_DONE();
}
