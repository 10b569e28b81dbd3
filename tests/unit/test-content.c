/* SPDX-License-Identifier: ISC */
/*
 * content*.c: title, publication date and body of article pages in the
 * CMS styles of the genre (tests/fixtures/html/, each named for its quirk),
 * with and without a source profile, plus title cleaning and URL dates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "content.h"
#include "t.h"

#ifndef KICWATCH_SRCDIR
#error "KICWATCH_SRCDIR must name the source tree"
#endif
#define FIXTURES KICWATCH_SRCDIR "/tests/fixtures/html/"

static struct html_doc *
load(const char *name, const char *url)
{
	struct buf b = {0};
	struct html_doc *d = NULL;
	struct err e = {{0}};
	char path[512], tmp[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", FIXTURES, name);
	f = fopen(path, "rb");
	T_ASSERT(f != NULL);
	if (f == NULL)
		exit(1);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	T_ASSERT(html_parse(b.data, b.len, url, &d, &e) == 0);
	buf_free(&b);
	return d;
}

static struct content *
extract(const char *name, const struct cfg_article *sel, const char *url)
{
	struct html_doc *d = load(name, url);
	struct content *c = content_extract(d, sel, url);

	html_doc_free(d);
	return c;
}

static void
check(const struct content *c, const char *title, const char *title_from,
    const char *date, const char *date_from)
{
	char iso[11];

	T_STREQ(c->title, title);
	T_STREQ(c->title_from, title_from);
	T_STREQ(date_iso(&c->published, iso), date);
	if (date_from != NULL)
		T_STREQ(c->date_from, date_from);
	T_ASSERT(c->len == strlen(c->text));
}

static void
absent(const struct content *c, const char *const *words, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (strstr(c->text, words[k]) != NULL)
			fprintf(stderr, "chrome in body: %s\n", words[k]);
		T_ASSERT(strstr(c->text, words[k]) == NULL);
	}
}

static void
test_phpcms(void)
{
	static const char *chrome[] = {"출처", "발표 시간", "이전 글", "다음 글",
	    "공유하기", "관련 뉴스", "현재 위치", "센터 소개", "Copyright",
	    "글로벌혁신센터 KIC중국"};
	struct content *c = extract("phpcms-kic-meta-line.html", NULL, NULL);

	check(c, "KIC중국, 선전서 AI 스타트업 IR 개최", "heading", "2024-10-16",
	    "label");
	T_STREQ(c->text, "글로벌혁신센터(KIC중국)는 지난 14일 광둥성 선전에서 "
	    "한국 AI 스타트업 6개사가 참여한 투자설명회를 열었다고 밝혔다.\n\n"
	    "이번 설명회에는 현지 벤처캐피털과 제조기업 관계자 50여 명이 "
	    "참석했으며, 참가 기업들은 산업용 비전 검사와 음성 인식 기술을 "
	    "소개했다.");
	T_STREQ(c->text_from, "generic");
	T_ASSERT(!c->selector_missed);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_korean_board(void)
{
	static const char *chrome[] = {"작성자", "등록일", "조회수", "첨부파일",
	    "공고문.hwp", "목록", "포스터", "대표전화", "공지사항"};
	struct content *c = extract("korean-board-br-paragraphs.html", NULL,
	    NULL);

	/* <title> is the board's name; the heading is the article's. */
	check(c, "제15차 한중 청년 연구자 교류회 참가자 모집", "heading",
	    "2024-09-09", "label");
	T_STREQ(c->text, "한중과학기술협력센터는 오는 10월 베이징에서 열리는 "
	    "청년 연구자 교류회 참가자를 모집합니다.\n\n신청 자격은 국내 대학 및 "
	    "연구기관 소속 박사후연구원과 대학원생이며,\n선발 인원은 20명 "
	    "내외입니다.\n\n자세한 사항은 첨부된 공고문을 참고하시기 바랍니다.");
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_table_board(void)
{
	static const char *chrome[] = {"제목", "작성일", "조회", "이전글",
	    "기관소개", "청년 연구자"};
	struct content *c = extract("table-board-th-title.html", NULL, NULL);

	/* No heading: the title is the cell after the 제목 header cell. */
	check(c, "한중 바이오 협력 세미나 결과 보고", "heading", "2024-09-23",
	    "label");
	T_ASSERT(strncmp(c->text, "한중과학기술협력센터는 20일", 36) == 0);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_trs(void)
{
	static const char *chrome[] = {"当前位置", "字体", "打印本页", "关闭窗口",
	    "主办单位", "English", "\xE3\x80\x80"};
	struct content *c = extract("trs-pubdate-meta-fullwidth-indent.html",
	    NULL, NULL);

	check(c, "东部中心举办中韩技术转移培训班", "heading", "2024-09-10",
	    "meta");
	/* The ideographic-space indent of each paragraph is gone. */
	T_ASSERT(strncmp(c->text, "9月9日，国家技术转移东部中心", 27) == 0);
	T_ASSERT(strstr(c->text, "人参加培训。\n\n培训围绕") != NULL);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_vsb(void)
{
	static const char *chrome[] = {"发布时间", "浏览次数", "上一条", "下一条",
	    "当前位置", "新闻中心", "通知公告"};
	struct content *c = extract("vsb-label-after-title.html", NULL, NULL);

	/* A short article right after its breadcrumb is still found. */
	check(c, "我处接待韩国科学技术院代表团来访", "heading", "2024-03-05",
	    "label");
	T_ASSERT(strncmp(c->text, "3月4日，韩国科学技术院", 28) == 0);
	T_ASSERT(strstr(c->text, "互派访问学者。") != NULL);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_wordpress(void)
{
	static const char *chrome[] = {"Share this", "Twitter", "Recent Posts",
	    "CIIE", "Proudly", "June 18, 2024", "Home"};
	struct content *c = extract("wordpress-time-and-share.html", NULL,
	    NULL);

	check(c, "KIC China joins Hangzhou AI matching day", "heading",
	    "2024-06-18", "time");
	T_ASSERT(strncmp(c->text, "On June 17, KIC China", 21) == 0);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_signature_and_url(void)
{
	static const char nodate[] = "<html><body><h1>东部中心召开座谈会</h1>"
	    "<div class=\"content\"><p>近日，东部中心召开中韩技术转移座谈会，"
	    "来自两国的专家围绕技术交易规则进行了深入交流。</p></div>"
	    "</body></html>";
	struct html_doc *d;
	struct content *c;
	struct err e;
	char iso[11];

	c = extract("notice-signature-date.html", NULL, NULL);
	check(c, "关于2024年中秋节放假安排的通知", "heading", "2024-09-06",
	    "signature");
	content_free(c);
	T_ASSERT(html_parse(nodate, sizeof(nodate) - 1, NULL, &d, &e) == 0);
	c = content_extract(d, NULL,
	    "http://www.chinatorch.gov.cn/kjb/gzdt/202409/0a1b2c3d.shtml");
	T_STREQ(date_iso(&c->published, iso), "2024-09");
	T_STREQ(c->date_from, "url");
	content_free(c);
	c = content_extract(d, NULL, NULL);
	T_ASSERT(c->published.y == 0 && c->date_from == NULL);
	content_free(c);
	html_doc_free(d);
}

static void
test_split_body(void)
{
	static const char *chrome[] = {"광고", "맑음", "무단전재", "소개"};
	struct content *c = extract("split-body-with-ad.html", NULL, NULL);

	check(c, "KIC중국 입주기업, 베이징 기술거래소 방문", "heading", "", NULL);
	T_ASSERT(strncmp(c->text, "KIC중국 입주기업 대표단", 30) == 0);
	T_ASSERT(strstr(c->text, "등록할 계획이다.") != NULL);
	T_ASSERT(strstr(c->text, "설명을 들었다.\n\n이어 열린") != NULL);
	absent(c, chrome, sizeof(chrome) / sizeof(chrome[0]));
	content_free(c);
}

static void
test_noise(void)
{
	struct content *c = extract("script-style-image-noise.html", NULL, NULL);

	T_STREQ(c->text, "8月16日，韩国创新中心在北京举办中韩氢能产业交流会，"
	    "来自两国的30余家企业参加。\n\n与会企业围绕燃料电池与储氢材料开展交流。"
	    "\n下一步将组织企业参加博览会。");
	T_STREQ(c->title, "韩国创新中心举办氢能交流会");
	T_STREQ(c->title_from, "title");
	content_free(c);
}

static void
test_selectors(void)
{
	struct cfg_article sel = {"//h3", "//span[@class='date']",
	    "//div[@class='view_cont']"};
	struct cfg_article miss = {"//h9", "//span[@class='when']",
	    "//div[@id='nope']"};
	const char *body = "KIC중국은 1일 우한 광구에서 현지 바이오 기업 "
	    "5개사와 간담회를 열고 한국 기업과의 공동 연구 방안을 논의했다.\n\n"
	    "참석 기업들은 진단 키트와 의료기기 분야의 협력 수요를 전했다.";
	struct content *c;

	c = extract("selector-profile-view-cont.html", &sel, NULL);
	check(c, "KIC중국, 우한 광구 바이오 기업과 간담회", "selector",
	    "2024-04-02", "selector");
	T_STREQ(c->text_from, "selector");
	/* The share button inside the selected block is still chrome. */
	T_STREQ(c->text, body);
	T_ASSERT(!c->selector_missed);
	content_free(c);
	/* A profile that no longer matches falls back, and says so. */
	c = extract("selector-profile-view-cont.html", &miss, NULL);
	T_ASSERT(c->selector_missed);
	check(c, "KIC중국, 우한 광구 바이오 기업과 간담회", "heading",
	    "2024-04-02", "near-title");
	T_STREQ(c->text_from, "generic");
	T_STREQ(c->text, body);
	content_free(c);
}

static void
test_deterministic_and_empty(void)
{
	struct html_doc *d;
	struct content *a, *b;
	struct err e;

	a = extract("phpcms-kic-meta-line.html", NULL, NULL);
	b = extract("phpcms-kic-meta-line.html", NULL, NULL);
	T_STREQ(a->text, b->text);
	T_STREQ(a->title, b->title);
	content_free(a);
	content_free(b);
	T_ASSERT(html_parse("<html></html>", 13, NULL, &d, &e) == 0);
	a = content_extract(d, NULL, NULL);
	T_ASSERT(a->title == NULL && a->text != NULL && a->len == 0);
	content_free(a);
	html_doc_free(d);
	content_free(NULL);
}

static void
check_title(const char *raw, const char *site, const char *want)
{
	char *got = content_title_clean(raw, site);

	T_STREQ(got, want);
	free(got);
}

static void
test_title_clean(void)
{
	check_title("KIC중국, 선전서 AI 스타트업 IR 개최 - 센터 뉴스 - "
	    "글로벌혁신센터 KIC중국", NULL, "KIC중국, 선전서 AI 스타트업 IR 개최");
	check_title("关于举办2024中韩创新论坛的通知_国家技术转移东部中心", NULL,
	    "关于举办2024中韩创新论坛的通知");
	check_title("东部中心召开座谈会-北京市科委", NULL, "东部中心召开座谈会");
	check_title("KIC중국 | 한중 기술이전 포럼을 베이징에서 개최합니다", NULL,
	    "한중 기술이전 포럼을 베이징에서 개최합니다");
	check_title("KIC China joins matching day – KIC China", "KIC China",
	    "KIC China joins matching day");
	check_title("  K-Demo Day in Wuhan\n", NULL, "K-Demo Day in Wuhan");
	check_title("2024 K-데모데이 in 우한", NULL, "2024 K-데모데이 in 우한");
	check_title("", NULL, "");
}

static void
check_url_date(const char *url, const char *want)
{
	struct date_ymd d = {0, 0, 0};
	char iso[11];

	if (!content_url_date(url, &d))
		d.y = 0;
	if (strcmp(date_iso(&d, iso), want) != 0)
		fprintf(stderr, "url %s\n", url);
	T_STREQ(date_iso(&d, iso), want);
}

static void
test_url_dates(void)
{
	check_url_date("https://www.most.gov.cn/kjbgz/202409/"
	    "t20240909_191234.html", "2024-09-09");
	check_url_date("http://www.chinatorch.gov.cn/kjb/tzgg/202409/"
	    "4a5b6c.shtml", "2024-09");
	check_url_date("https://siti.sh.cn/html/news/2024-09/123.html",
	    "2024-09");
	check_url_date("https://example.org/2024/09/09/kic-forum/",
	    "2024-09-09");
	check_url_date("https://example.org/2024/09/kic-forum/", "2024-09");
	check_url_date("https://example.org/uploadfile/20240909153011001.jpg",
	    "2024-09-09");
	check_url_date("https://www.kicchina.org/index.php?m=content&c=index"
	    "&a=show&catid=67&id=3268", "");
	check_url_date("https://example.org/archives/12345678", "");
	check_url_date("https://example.org/2024/list.html", "");
	check_url_date("https://example.org/?d=2024-09-09", "");
}

int
main(void)
{
	xmlInitParser();
	test_phpcms();
	test_korean_board();
	test_table_board();
	test_trs();
	test_vsb();
	test_wordpress();
	test_signature_and_url();
	test_split_body();
	test_noise();
	test_selectors();
	test_deterministic_and_empty();
	test_title_clean();
	test_url_dates();
	xmlCleanupParser();
	return T_DONE();
}
