/* SPDX-License-Identifier: ISC */
/*
 * Signings through the whole extraction: subject and partner (A는 B와),
 * several partners and three-party agreements in both languages, 双方 and
 * 양 기관 referring back, a partner named after the verb in English, a
 * witness who is no party, ▲ topics that are no parties, the day of a
 * signing told in a later sentence, and sentences with agreement words
 * that sign nothing (협약에 따라, 입주 협약, 근로계약, 签约服务).
 */
#include "t_extract.h"

static void
test_korean(void)
{
	struct extract_result *r = t_run(
	    "KIC중국은 19일 상하이에서 국가기술이전동부센터와 업무협약(MOU)을 "
	    "체결했다. 협약 내용은 ▲한국연구재단 공동 과제 ▲인재 교류 등이다.");

	T_ASSERT(r != NULL && r->nmous == 1);
	if (r != NULL && r->nmous == 1) {
		const struct extract_mou *m = &r->mous[0];

		T_ASSERT(m->nparties == 2);
		T_ASSERT(t_party(r, m, "kic-china") && t_party(r, m, "netc"));
		T_STREQ(m->date, "2024-09-19");
		T_STREQ(m->location, "Shanghai");
		T_ASSERT(strstr(m->evidence, "업무협약") != NULL);
	}
	extract_result_free(r);
}

static void
test_three_parties(void)
{
	struct extract_result *r = t_run(
	    "글로벌혁신센터는 한국무역협회, 톈진경제기술개발구와 3자간 업무협약을 "
	    "맺었다.");

	T_ASSERT(r != NULL && r->nmous == 1 && r->mous[0].nparties == 3);
	if (r != NULL && r->nmous == 1) {
		T_ASSERT(t_party(r, &r->mous[0], "kita"));
		T_ASSERT(t_party(r, &r->mous[0], "teda"));
	}
	extract_result_free(r);
	r = t_run("9月14日，天津经济技术开发区、韩国贸易协会、韩国创新中心三方"
	    "签署合作协议。");
	T_ASSERT(r != NULL && r->nmous == 1 && r->mous[0].nparties == 3);
	if (r != NULL && r->nmous == 1)
		T_STREQ(r->mous[0].date, "2024-09-14");
	extract_result_free(r);
}

static void
test_referring_back(void)
{
	struct extract_result *r = t_run(
	    "6月20日，火炬中心与韩国创新中心举行会谈。工业和信息化部有关司局"
	    "负责人见证。双方签署了合作备忘录。");

	T_ASSERT(r != NULL && r->nmous == 1);
	if (r != NULL && r->nmous == 1) {
		T_ASSERT(r->mous[0].nparties == 2);
		T_ASSERT(t_party(r, &r->mous[0], "torch-center"));
		T_ASSERT(t_party(r, &r->mous[0], "kic-china"));
	}
	extract_result_free(r);
}

static void
test_witness_and_later_day(void)
{
	struct extract_result *r = t_run(
	    "과기정통부 차관이 참석한 가운데 KIC중국과 하이촹후이(海創匯, HCH)가 "
	    "업무협약을 체결했다고 15일 밝혔다.\n협약식은 지난 14일 칭다오에서 "
	    "열렸다.");

	T_ASSERT(r != NULL && r->nmous == 1);
	if (r != NULL && r->nmous == 1) {
		const struct extract_mou *m = &r->mous[0];

		T_ASSERT(m->nparties == 2 && !t_party(r, m, "msit"));
		T_ASSERT(t_party(r, m, "haier-hch"));
		T_STREQ(m->date, "2024-09-14");
	}
	extract_result_free(r);
}

static void
test_english_and_traditional(void)
{
	struct extract_result *r = t_run(
	    "On September 9, the China International Import Expo Bureau "
	    "signed a memorandum of understanding with KIC China.");

	T_ASSERT(r != NULL && r->nmous == 1);
	if (r != NULL && r->nmous == 1) {
		T_ASSERT(t_party(r, &r->mous[0], "ciie-bureau"));
		T_ASSERT(t_party(r, &r->mous[0], "kic-china"));
		T_STREQ(r->mous[0].date, "2024-09-09");
	}
	extract_result_free(r);
	r = t_run("國家技術轉移東部中心與韓國創新中心簽署戰略合作備忘錄。");
	T_ASSERT(r != NULL && r->nmous == 1 && r->mous[0].nparties == 2);
	extract_result_free(r);
}

static void
test_negatives(void)
{
	static const char *const texts[] = {
		"지난해 체결한 업무협약에 따라 양 기관은 공동 연구를 이어간다.",
		"협약 병원에서 진료를 받으면 할인된다.",
		"센터와 입주 협약을 맺은 기업은 사무공간을 쓸 수 있다.",
		"채용된 직원은 근로계약을 체결한다.",
		"本中心提供项目签约服务。",
		"根据2023年签署的合作协议，双方继续推进合作。",
		"毕业生签订就业三方协议。",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct extract_result *r = t_run(texts[i]);

		if (r == NULL || r->nmous != 0)
			fprintf(stderr, "negative %zu: %zu MOUs\n", i,
			    r ? r->nmous : 0);
		T_ASSERT(r != NULL && r->nmous == 0);
		extract_result_free(r);
	}
}

int
main(void)
{
	t_extract_init();
	test_korean();
	test_three_parties();
	test_referring_back();
	test_witness_and_later_day();
	test_english_and_traditional();
	test_negatives();
	t_extract_done();
	return T_DONE();
}
