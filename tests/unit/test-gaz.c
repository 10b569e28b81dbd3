/* SPDX-License-Identifier: ISC */
/*
 * gaz.c and acm.c: Simplified and Traditional both match, Latin word
 * boundaries, acronym case, leftmost-longest choice, Korean particles
 * attached with no space, the Hangul-left flag, hit caps, word lists
 * expanded to their other-script forms, those forms and their cap
 * (gaz_han.c; test-gaz-opencc.c compares them with OpenCC itself).
 */
#include <stdlib.h>
#include <string.h>

#include "acm.h"
#include "cfg_patterns.h"
#include "gaz.h"
#include "t.h"

enum { K_ORG, K_PLACE };

static struct cfg_alias netc_aliases[] = {
	{"国家技术转移东部中心", CFG_ALIAS_ZH},
	{"东部中心", CFG_ALIAS_ABBR},
	{"국가기술이전동부센터", CFG_ALIAS_KO},
	{"동부센터", CFG_ALIAS_ABBR},
};
static struct cfg_alias bit_aliases[] = {
	{"北京理工大学", CFG_ALIAS_ZH},
	{"BIT", CFG_ALIAS_ABBR},
};
static struct cfg_alias hit_aliases[] = {
	{"哈尔滨工业大学", CFG_ALIAS_ZH},
	{"哈工大", CFG_ALIAS_ABBR},
	{"HIT", CFG_ALIAS_ABBR},
};
static struct cfg_alias kic_aliases[] = {
	{"KIC China", CFG_ALIAS_EN},
	{"KIC중국", CFG_ALIAS_KO},
	{"글로벌혁신센터", CFG_ALIAS_KO},
	{"중국글로벌혁신센터", CFG_ALIAS_KO},
};
static struct cfg_alias zgc_aliases[] = {
	{"中关村", CFG_ALIAS_ZH},
	{"중관촌", CFG_ALIAS_KO},
};
static struct cfg_alias zgcf_aliases[] = {
	{"中关村论坛", CFG_ALIAS_ZH},
	{"중관촌포럼", CFG_ALIAS_KO},
};

static struct cfg_entity ents[] = {
	{.id = "netc", .name = "National Eastern Technology Transfer Center",
	    .aliases = netc_aliases, .naliases = 4},
	{.id = "bit", .name = "Beijing Institute of Technology",
	    .aliases = bit_aliases, .naliases = 2},
	{.id = "hit", .name = "Harbin Institute of Technology",
	    .aliases = hit_aliases, .naliases = 3},
	{.id = "kic-china", .name = "KIC China", .aliases = kic_aliases,
	    .naliases = 4},
	{.id = "zgc", .name = "Zhongguancun", .aliases = zgc_aliases,
	    .naliases = 2},
	{.id = "zgc-forum", .name = "Zhongguancun Forum",
	    .aliases = zgcf_aliases, .naliases = 2},
};

static struct gaz *
build(void)
{
	struct cfg_entities ce = {ents, sizeof(ents) / sizeof(ents[0])};
	struct gaz_builder *b;
	struct gaz *g = NULL;
	struct err e = {{0}};

	if (gaz_builder_new(&b, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		exit(77);
	}
	gaz_builder_add_entities(b, &ce, K_ORG);
	gaz_builder_add(b, "시안", K_PLACE, 0, GAZ_F_HANGUL_LEFT);
	gaz_builder_add(b, "西安", K_PLACE, 0, GAZ_F_HAN);
	T_ASSERT(gaz_build(b, &g, &e) == 0);
	return g;
}

/* The entity ids found, leftmost-longest, joined by spaces. */
static char *
ids(const struct gaz *g, const char *text)
{
	struct gaz_hits all = {0}, sel = {0};
	static char out[512];

	out[0] = '\0';
	gaz_scan(g, text, strlen(text), &all);
	gaz_select(&all, 1u << K_ORG | 1u << K_PLACE, &sel);
	for (size_t i = 0; i < sel.n; i++) {
		if (out[0])
			strcat(out, " ");
		strcat(out, sel.v[i].kind == K_PLACE ? "place" :
		    ents[sel.v[i].idx].id);
	}
	gaz_hits_free(&all);
	gaz_hits_free(&sel);
	return out;
}

static void
test_scripts(const struct gaz *g)
{
	T_STREQ(ids(g, "与国家技术转移东部中心签署"), "netc");
	T_STREQ(ids(g, "與國家技術轉移東部中心簽署"), "netc");
	T_STREQ(ids(g, "東部中心和东部中心"), "netc netc");
	T_STREQ(ids(g, "哈爾濱工業大學與北京理工大學"), "hit bit");
	T_STREQ(ids(g, "국가기술이전동부센터와"), "netc");
	/* particles attach with no space */
	T_STREQ(ids(g, "동부센터는 KIC중국과 협약을"), "netc kic-china");
}

static void
test_latin(const struct gaz *g)
{
	T_STREQ(ids(g, "BITCOIN and WHITE paper"), "");
	T_STREQ(ids(g, "BIT and HIT signed"), "bit hit");
	T_STREQ(ids(g, "(BIT)"), "bit");
	T_STREQ(ids(g, "a bit of a hit"), "");
	T_STREQ(ids(g, "HIT와 BIT는"), "hit bit");
	T_STREQ(ids(g, "kic china and KIC CHINA"), "kic-china kic-china");
	T_STREQ(ids(g, "XKIC China"), "");
	T_STREQ(ids(g, "KIC Chinas"), "");
}

static void
test_longest(const struct gaz *g)
{
	struct gaz_hits all = {0}, sel = {0};
	const char *t = "中关村论坛在中关村举行";

	T_STREQ(ids(g, t), "zgc-forum zgc");
	T_STREQ(ids(g, "중관촌포럼 회사"), "zgc-forum");
	T_STREQ(ids(g, "중국글로벌혁신센터"), "kic-china");
	gaz_scan(g, t, strlen(t), &all);
	/* both the forum and the zone inside it are reported by the scan */
	T_ASSERT(all.n == 3);
	gaz_select(&all, 1u << K_ORG, &sel);
	T_ASSERT(sel.n == 2);
	T_ASSERT(sel.v[0].start == 0 && sel.v[0].end == strlen("中关村论坛"));
	gaz_hits_free(&all);
	gaz_hits_free(&sel);
}

static void
test_hangul_left(const struct gaz *g)
{
	T_STREQ(ids(g, "시안에서 열린"), "place");
	T_STREQ(ids(g, "아시안 게임"), "");
	T_STREQ(ids(g, "在西安举行"), "place");
}

static int
count_cb(void *arg, size_t start, size_t end, uint32_t id)
{
	(void)start;
	(void)end;
	(void)id;
	return ++*(int *)arg >= 3;
}

static void
test_acm(void)
{
	struct acm *a = acm_new();
	int n = 0;

	acm_add(a, "he", 2, 1);
	acm_add(a, "she", 3, 2);
	acm_add(a, "his", 3, 3);
	acm_add(a, "HERS", 4, 4);
	acm_build(a);
	T_ASSERT(acm_scan(a, "USHERS", 6, count_cb, &n) == 3);
	n = -100;
	T_ASSERT(acm_scan(a, "ushers", 6, count_cb, &n) == 3);
	T_ASSERT(acm_scan(a, "", 0, count_cb, &n) == 0);
	acm_free(a);
}

static char *
joined(const struct cfg_words *w)
{
	static char out[512];

	out[0] = '\0';
	for (size_t i = 0; i < w->n; i++) {
		if (i > 0)
			strcat(out, "|");
		strcat(out, w->v[i]);
	}
	return out;
}

static void
words_free(struct cfg_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

/*
 * Lists get each word normalised, then its distinct s2t, s2tw and t2s
 * forms in that order, then the forms of other candidates.
 */
static void
test_expand(void)
{
	char *a[] = {"国际", "  KIC   China ", "为", "", "中心", "論壇", "센터",
	    "\xef\xbc\xa1\xef\xbc\xa2"};	/* fullwidth AB */
	char *c[] = {"里面"};
	struct cfg_words in = {a, sizeof(a) / sizeof(a[0])}, one = {c, 1};
	struct cfg_words out = {NULL, 99}, out2, none;
	struct cfg_words empty = {NULL, 0};
	struct gaz_builder *b;
	struct gaz_hits h = {0};
	struct gaz *g;
	struct err e;

	T_ASSERT(gaz_builder_new(&b, &e) == 0);
	gaz_builder_expand(b, &in, &out);
	T_STREQ(joined(&out), "国际|國際|KIC China|为|爲|為|中心|論壇|论坛|센터|AB");
	gaz_builder_add(b, "台湾", K_PLACE, 7, GAZ_F_HAN);
	gaz_builder_expand(b, &one, &out2);
	gaz_builder_expand(b, &empty, &none);
	T_ASSERT(gaz_build(b, &g, &e) == 0);
	/* 里 has three Traditional candidates, 面 two (麪, Taiwan's 麵) */
	T_STREQ(joined(&out2), "里面|裏面|裡面|裏麪|裡麵|里麪|里麵");
	T_ASSERT(none.n == 0 && none.v != NULL);
	/* the pattern and its Traditional forms: 臺灣 (OpenCC's), then 台's
	 * other candidates */
	T_ASSERT(gaz_patterns(g) == 5);
	T_ASSERT(gaz_scan(g, "臺灣和台湾", strlen("臺灣和台湾"), &h) == 2);
	T_ASSERT(h.v[0].idx == 7 && h.v[1].kind == K_PLACE);
	gaz_hits_free(&h);
	gaz_free(g);
	words_free(&out);
	words_free(&out2);
	words_free(&none);
}

static char *
forms_joined(const char *s)
{
	struct cfg_words w;

	char *j;

	w.v = gaz_han_forms(s, &w.n);
	j = strdup(joined(&w));
	words_free(&w);
	return j;
}

/*
 * The defaults first (s2t, s2tw, t2s), then one character off its
 * default, then two...; what OpenCC's phrases pick is among them; none
 * towards the script the word is in already; at most GAZ_HAN_TRIES
 * forms tried per direction, however many characters have candidates.
 */
static void
test_han_forms(void)
{
	char *s, *f;
	size_t n, len;
	char **v;

	f = forms_joined("签约");
	T_STREQ(f, "籤約|簽約");
	free(f);
	f = forms_joined("北京市海淀区");
	T_ASSERT(strstr(f, "北京市海淀區") != NULL);	/* OpenCC's */
	free(f);
	f = forms_joined("国家");
	T_STREQ(f, "國家|國傢");
	free(f);
	f = forms_joined("國家");		/* not 國傢 */
	T_STREQ(f, "国家");
	free(f);
	f = forms_joined("台台");
	T_STREQ(f, "臺臺|檯臺|颱臺|台臺|臺檯|臺颱|臺台|檯檯|檯颱|檯台|颱檯|"
	    "颱颱|颱台|台檯|台颱");
	free(f);
	f = forms_joined("裏面");		/* Taiwan's 裡 */
	T_ASSERT(strncmp(f, "裡面|", strlen("裡面|")) == 0);
	free(f);

	/* 10,000 characters with four candidates each */
	len = 10000 * strlen("台");
	s = malloc(len + 1);
	for (size_t i = 0; i < len; i += strlen("台"))
		memcpy(s + i, "台", strlen("台"));
	s[len] = '\0';
	v = gaz_han_forms(s, &n);
	T_ASSERT(n == 1 + GAZ_HAN_TRIES);
	for (size_t i = 0; i < n; i++) {
		T_ASSERT(strlen(v[i]) == len);
		free(v[i]);
	}
	free(v);
	free(s);
}

static void
test_cap(void)
{
	struct gaz_builder *b;
	struct gaz *g;
	struct gaz_hits all = {0};
	struct err e;
	size_t len = 300000;
	char *s = malloc(len);

	T_ASSERT(gaz_builder_new(&b, &e) == 0);
	gaz_builder_add(b, "가", 0, 0, 0);
	gaz_builder_add(b, "", 0, 1, 0);
	T_ASSERT(gaz_build(b, &g, &e) == 0);
	T_ASSERT(gaz_patterns(g) == 1);
	for (size_t i = 0; i + 3 <= len; i += 3)
		memcpy(s + i, "가", 3);
	T_ASSERT(gaz_scan(g, s, len, &all) == GAZ_MAX_HITS);
	gaz_hits_free(&all);
	gaz_free(g);
	free(s);
}

int
main(void)
{
	struct gaz *g = build();

	test_scripts(g);
	test_latin(g);
	test_longest(g);
	test_hangul_left(g);
	test_acm();
	test_expand();
	test_han_forms();
	test_cap();
	gaz_free(g);
	return T_DONE();
}
