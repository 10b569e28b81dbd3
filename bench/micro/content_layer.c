/* SPDX-License-Identifier: ISC */
/*
 * Cost of the page and text layers (parsers/html, content, text, date) on
 * a synthetic 55 KB Korean article page (7 KB of article text inside
 * menus, side lists, related news and inline scripts): libxml2's parse
 * alone, then each stage extraction adds on top of it. Prints microseconds
 * of CPU time (CLOCK_THREAD_CPUTIME_ID, so a loaded machine does not
 * inflate it) per page for each stage, median of 5 runs of ROUNDS pages.
 *
 * usage: content_layer [ROUNDS] [FILE.html]   (bench/micro/run.sh builds it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "buf.h"
#include "content.h"
#include "date.h"
#include "html.h"
#include "text.h"

static const char *para = "<p>글로벌혁신센터(KIC중국)는 지난 23일 중국 "
    "후베이성 우한시 둥후신기술개발구(东湖新技术开发区)에서 ‘2024 K-데모데이 in "
    "우한’을 개최했다고 밝혔다. 이번 행사는 KIC중국이 주최하고 둥후신기술개발구 "
    "관리위원회와 중한(우한)혁신창업단지가 공동 주관했으며, 과학기술정보통신부와 "
    "한국연구재단이 후원했다. 오는 9월 9~11일 상하이에서 열리는 포럼에도 "
    "참가할 계획이다.</p>\n";

/* A page shaped like the sites we read: menus, side lists, related news,
   footer, inline scripts, and a long body. */
static void
make_page(struct buf *b)
{
	int k;

	buf_puts(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "<title>KIC중국, ‘2024 K-데모데이 in 우한’ 성료 - 센터 뉴스 - "
	    "글로벌혁신센터 KIC중국</title>");
	for (k = 0; k < 120; k++)
		buf_puts(b, "<script>function f(){var x=document.getElementById"
		    "('a');x.className='on';return x;}</script>\n");
	buf_puts(b, "</head><body><div class=\"header\"><ul class=\"nav\">");
	for (k = 0; k < 120; k++)
		buf_printf(b, "<li><a href=\"/index.php?m=content&catid=%d\">"
		    "메뉴 항목 %d</a></li>", k, k);
	buf_puts(b, "</ul></div><div class=\"left_side\"><ul>");
	for (k = 0; k < 60; k++)
		buf_printf(b, "<li><a href=\"/n/%d\">[공지] 2024년 입주기업 모집 "
		    "안내 %d</a></li>", k, k);
	buf_puts(b, "</ul></div><div class=\"right_main\"><div class=\"crumbs\">"
	    "현재 위치: <a href=\"/\">홈</a> &gt; 뉴스</div><div class=\"article\">"
	    "<h1 class=\"title\">KIC중국, ‘2024 K-데모데이 in 우한’ 성료</h1>"
	    "<div class=\"info\">출처: 발표 시간:2024-05-27 10:12:05 조회 수:"
	    "</div><div class=\"content\">");
	for (k = 0; k < 12; k++)
		buf_puts(b, para);
	buf_puts(b, "</div><div class=\"share\">공유하기</div></div>"
	    "<div class=\"related\"><ul>");
	for (k = 0; k < 60; k++)
		buf_printf(b, "<li><a href=\"/r/%d\">KIC중국, 베이징서 ‘K-데모데이’ "
		    "개최…바이오·AI 10개사 참가 %d</a><span>2024-05-%02d</span>"
		    "</li>", k, k, k % 28 + 1);
	buf_puts(b, "</ul></div></div><div class=\"sitemap\">");
	for (k = 0; k < 160; k++)
		buf_printf(b, "<dl><dt><a href=\"/s/%d\">사이트맵 %d</a></dt>"
		    "<dd><a href=\"/s/%d/1\">하위 메뉴</a></dd></dl>", k, k, k);
	buf_puts(b, "</div><div class=\"footer\"><p>Copyright "
	    "&copy; 2016-2024 KIC China.</p></div></body></html>");
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

enum { S_PARSE, S_CONTENT, S_NORM, S_SENT, S_DATE, S_LANG, S_SNIP, S_N };
static const char *names[S_N] = {"html_parse (libxml2)", "content_extract",
    "text_norm_new", "text_sentences", "date_scan", "text_lang_guess",
    "index + 20 snippets"};

static void
one_page(const struct buf *page, double *t)
{
	struct html_doc *d;
	struct content *c;
	struct text_norm *n;
	struct text_span *sp;
	struct date_mention *dm;
	struct text_index *x;
	struct date_ymd ref = {2024, 5, 27};
	struct err e;
	size_t nsp, k;
	double t0 = now_us(), t1;

	if (html_parse(page->data, page->len, "https://x.org/a", &d, &e) == -1)
		exit(1);
	t1 = now_us(); t[S_PARSE] += t1 - t0; t0 = t1;
	c = content_extract(d, NULL, "https://x.org/a");
	t1 = now_us(); t[S_CONTENT] += t1 - t0; t0 = t1;
	text_norm_new(c->text, c->len, 0, &n, &e);
	t1 = now_us(); t[S_NORM] += t1 - t0; t0 = t1;
	text_sentences(n->s, n->len, &sp, &nsp);
	t1 = now_us(); t[S_SENT] += t1 - t0; t0 = t1;
	free(date_scan(n->s, n->len, &ref, &dm) ? dm : NULL);
	t1 = now_us(); t[S_DATE] += t1 - t0; t0 = t1;
	(void)text_lang_guess(c->text, c->len);
	t1 = now_us(); t[S_LANG] += t1 - t0; t0 = t1;
	x = text_index_new(c->text, c->len);
	for (k = 0; k < 20 && k < nsp; k++) {
		struct text_span o = text_norm_span(n, sp[k].start, sp[k].end);

		free(text_snippet(c->text, c->len, text_index_byte(x, o.start),
		    text_index_byte(x, o.end), 160));
	}
	text_index_free(x);
	t1 = now_us(); t[S_SNIP] += t1 - t0;
	free(sp);
	text_norm_free(n);
	content_free(c);
	html_doc_free(d);
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 1000, r, k, s;
	double t[5][S_N], med[5], sum;
	struct buf page = {0};
	FILE *f;

	xmlInitParser();
	if (argc > 2) {
		char tmp[65536];
		size_t n;

		f = fopen(argv[2], "rb");
		if (f == NULL)
			return 1;
		while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
			buf_append(&page, tmp, n);
		fclose(f);
	} else
		make_page(&page);
	printf("page: %zu bytes, %d pages per run, median of 5 runs\n",
	    page.len, rounds);
	for (r = 0; r < 5; r++) {
		memset(t[r], 0, sizeof(t[r]));
		for (k = 0; k < rounds; k++)
			one_page(&page, t[r]);
	}
	sum = 0;
	for (s = 0; s < S_N; s++) {
		for (r = 0; r < 5; r++)
			med[r] = t[r][s] / rounds;
		qsort(med, 5, sizeof(double), cmp_d);
		printf("  %-22s %8.1f us/page\n", names[s], med[2]);
		if (s != S_PARSE)
			sum += med[2];
	}
	printf("  %-22s %8.1f us/page (everything after the parse)\n",
	    "this layer", sum);
	buf_free(&page);
	return 0;
}
