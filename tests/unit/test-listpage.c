/* SPDX-License-Identifier: ISC */
/* List pages: item and next links, resolution, de-duplication, caps. */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "buf.h"
#include "listpage.h"
#include "t.h"

#define PAGE_URL                                                               \
	"http://www.kicchina.org/index.php?m=content&c=index"                  \
	"&a=lists&catid=67"

/* A PHPCMS-style board page: a pinned notice repeated, pagers twice. */
static const char board[] =
    "<html><head><meta charset=\"utf-8\"><title>센터 뉴스</title></head><body>"
    "<div class=\"pages\"><a href=\"index.php?m=content&amp;c=index&amp;"
    "a=lists&amp;catid=67\" class=\"a1\">이전</a><span>1</span>"
    "<a href=\"index.php?m=content&amp;c=index&amp;a=lists&amp;catid=67"
    "&amp;page=2\" class=\"a1\">다음</a></div>"
    "<ul class=\"list\">"
    "<li class=\"top\"><a href=\"index.php?m=content&amp;c=index&amp;"
    "a=show&amp;catid=67&amp;id=3001\">[공지] 2024 KIC중국 창업대회 참가 "
    "기업 모집</a></li>"
    "<li><a href=\"/index.php?m=content&c=index&a=show&catid=67&id=3268"
    "#comment\">KIC중국, 상하이서 한중 기술이전 설명회 개최</a></li>"
    "<li><a href=\" index.php?id=3267&amp;catid=67&amp;a=show&amp;c=index"
    "&amp;m=content \">K-데모데이 우한 성료</a></li>"
    "<li><a href=\"index.php?id=3001&catid=67&a=show&c=index&m=content\">"
    "[공지] 2024 KIC중국 창업대회 참가 기업 모집</a></li>"
    "<li><a href=\"javascript:void(0)\">로그인</a></li>"
    "<li><a href=\"mailto:info@example.org\">문의</a></li>"
    "<li><a href=\"/uploadfile/2024/0916/20240916103000123.pdf\">첨부</a></li>"
    "</ul>"
    "<div class=\"pages\"><a href=\"index.php?m=content&amp;c=index&amp;"
    "a=lists&amp;catid=67\" class=\"a1\">이전</a><span>1</span>"
    "<a href=\"index.php?page=2&amp;catid=67&amp;a=lists&amp;c=index&amp;"
    "m=content\" class=\"a1\">다음</a></div></body></html>";

static struct listpage *
parse(const char *html, const char *url, const char *items, const char *next)
{
	struct listpage *lp = NULL;
	struct err e = {{0}};

	if (listpage_parse(html, strlen(html), url, items, next, &lp, &e) ==
	    -1) {
		fprintf(stderr, "listpage_parse: %s\n", e.msg);
		T_ASSERT(0);
	}
	return lp;
}

static void
test_board(void)
{
	struct listpage *lp =
	    parse(board, PAGE_URL, "//ul[@class='list']/li/a/@href",
	        "//div[@class='pages']/a[@class='a1']/@href");

	if (lp == NULL)
		return;
	T_ASSERT(lp->nitems == 4);
	if (lp->nitems == 4) {
		T_STREQ(lp->items[0],
		    "http://www.kicchina.org/index.php?"
		    "a=show&c=index&catid=67&id=3001&m=content");
		T_STREQ(lp->items[1],
		    "http://www.kicchina.org/index.php?"
		    "a=show&c=index&catid=67&id=3268&m=content");
		T_STREQ(lp->items[2],
		    "http://www.kicchina.org/index.php?"
		    "a=show&c=index&catid=67&id=3267&m=content");
		T_STREQ(lp->items[3], "http://www.kicchina.org/uploadfile/2024/"
		                      "0916/20240916103000123.pdf");
	}
	T_ASSERT(lp->dropped == 2);
	/* "이전" is the page itself; both "다음" links are one URL. */
	T_ASSERT(lp->nnext == 1);
	if (lp->nnext == 1)
		T_STREQ(lp->next[0],
		    "http://www.kicchina.org/index.php?"
		    "a=lists&c=index&catid=67&m=content&page=2");
	listpage_free(lp);
}

static void
test_base_and_elements(void)
{
	static const char page[] =
	    "<html><head><base href=\"/news/2024/\"></head><body>"
	    "<div id=\"news\"><a href=\"t20240909_1.html\">国家技术转移东部中心"
	    "与韩国创新中心签署合作协议</a><a>../t20240908_2.html</a>"
	    "<a href=\"//cdn.example.org/t3.html\">镜像</a></div>"
	    "<a id=\"next\" href=\"list_2.html\">下一页</a></body></html>";
	struct listpage *lp = parse(page, "https://news.example.org/index.html",
	    "//div[@id='news']/a", "string(//a[@id='next']/@href)");

	if (lp == NULL)
		return;
	T_ASSERT(lp->nitems == 3);
	if (lp->nitems == 3) {
		T_STREQ(lp->items[0],
		    "https://news.example.org/news/2024/t20240909_1.html");
		/* An element without href gives its text. */
		T_STREQ(lp->items[1],
		    "https://news.example.org/news/t20240908_2.html");
		T_STREQ(lp->items[2], "https://cdn.example.org/t3.html");
	}
	T_ASSERT(lp->nnext == 1);
	if (lp->nnext == 1)
		T_STREQ(lp->next[0],
		    "https://news.example.org/news/2024/list_2.html");
	listpage_free(lp);
}

static void
test_errors(void)
{
	struct listpage *lp = NULL;
	struct err e = {{0}};

	T_ASSERT(listpage_parse(board, strlen(board), PAGE_URL, "//a[@href",
	             NULL, &lp, &e) == -1);
	T_ASSERT(lp == NULL);
	T_ASSERT(strstr(e.msg, "XPath") != NULL);
	/* Garbage is data: no links, no error. */
	lp =
	    parse("<<<>>>\x01\x02<a href=", "http://x.org/", "//a/@href", NULL);
	T_ASSERT(lp != NULL && lp->nitems == 0 && lp->nnext == 0);
	listpage_free(lp);
	lp = parse("<p>no links</p>", "http://x.org/", "//a/@href", "//x");
	T_ASSERT(lp != NULL && lp->nitems == 0);
	listpage_free(lp);
}

static void
test_cap(void)
{
	struct buf b = {0};
	struct listpage *lp;

	buf_puts(&b, "<html><body>");
	for (int i = 0; i < LISTPAGE_MAX_ITEMS + 500; i++)
		buf_printf(&b, "<a href=\"/a/%d.html\">%d</a>", i, i);
	for (int i = 0; i < LISTPAGE_MAX_NEXT + 5; i++)
		buf_printf(
		    &b, "<a class=\"n\" href=\"/list_%d.html\">n</a>", i);
	buf_puts(&b, "</body></html>");
	lp = parse(b.data, "http://x.org/", "//a[not(@class)]/@href",
	    "//a[@class='n']/@href");
	T_ASSERT(lp != NULL && lp->nitems == LISTPAGE_MAX_ITEMS);
	T_ASSERT(lp != NULL && lp->nnext == LISTPAGE_MAX_NEXT);
	listpage_free(lp);
	buf_free(&b);
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	test_board();
	test_base_and_elements();
	test_errors();
	test_cap();
	xmlCleanupParser();
	curl_global_cleanup();
	return T_DONE();
}
