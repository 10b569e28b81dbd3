/* SPDX-License-Identifier: ISC */
/*
 * The extraction vocabulary (patterns.yaml): Korean particles and titles,
 * organisation suffixes, event triggers and their types, role cues,
 * signing words, context cues, the city table, sector keywords and the few
 * regular expressions. All data, so an operator can teach the extractor a
 * new word without a rebuild; validated at load (unknown keys, unknown
 * types/roles/cue classes, empty words, regexes that pcre2 rejects, each
 * with file:line:col). Han words are written once (Simplified or
 * Traditional): the extractor adds the other script with OpenCC.
 * Immutable once loaded; the compiled regexes and their match context may
 * be used by several threads (each with its own match data).
 */
#ifndef CFG_PATTERNS_H
#define CFG_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "cfg.h"
#include "cfg_node.h"

struct cfg_words {
	char **v;
	size_t n;
};

/* An organisation shape: a name ending in suffix is an organisation. */
struct cfg_org_suffix {
	char *suffix;		/* 센터, 中心, Co., Ltd. */
	char *kind;		/* guessed kind: center, university, ... */
	bool prefix;		/* (주), 주식회사: the name follows it */
	struct cfg_words not_before;	/* next words that void it: 大学生 */
};

struct cfg_event_type {
	char *type;		/* forum, demo_day, expo, ... */
	struct cfg_words triggers;
	bool weak;		/* 방문/부스: an event only when the sentence has
				   no stronger trigger */
};

struct cfg_role_cue {
	char *role;		/* host, co-host, organiser, sponsor, ... */
	struct cfg_words cues;	/* follow the organisations: A가 주최, 由A主办 */
	struct cfg_words labels;	/* precede a list: 主办单位：A、B */
};

struct cfg_place {
	char *value;		/* English city name: Beijing */
	char *country;		/* CN, KR */
	struct cfg_words names;	/* 베이징, 북경, 北京 */
	char *alt_value;	/* 광주: Guangzhou when alt_context is near */
	char *alt_country;
	struct cfg_words alt_context;
};

/* Sectors are a 32-bit set in the extractor. */
#define CFG_SECTORS_MAX 32

struct cfg_sector {
	char *id;		/* semiconductor, battery, ..., clean_energy */
	struct cfg_words keywords;
};

/* Context cue classes; patterns.yaml "cues:" keys, in this order. */
enum cfg_cue {
	CFG_CUE_EVENT_VERB,	/* 개최, 열린, 举办, 召开: a real occurrence */
	CFG_CUE_PAST,		/* 지난해 열린, 上届: a past reference */
	CFG_CUE_MET_AT,		/* 에서 만난, 인연: history, not news */
	CFG_CUE_THIS_DAY,	/* 이날, 当天: the date just mentioned */
	CFG_CUE_TODAY,		/* 오늘, 今天: the publication date */
	CFG_CUE_BOTH,		/* 양 기관, 双方: the two parties named before */
	CFG_CUE_THREE,		/* 3자, 三方 */
	CFG_CUE_REFERENCE,	/* 에 따라, 根据: an agreement referred to */
	CFG_CUE_NOT_EVENT,	/* 홈페이지, 网站: "visit the website" */
	CFG_CUE_ORG_AFTER,	/* 회사, 公司: the forum is a company here */
	CFG_CUE_LOCATIVE,	/* 에서, 在: the place of the action */
	CFG_CUE_ATTEND,		/* 참석, 出席, 见证: present, not a party */
	CFG_CUE_ANAPHORA,	/* 이번 행사, 本次活动: the event just named */
	CFG_CUE_UMBRELLA,	/* 기간 중, 期间: inside a larger event */
	CFG_CUE_REPORT,		/* 밝혔다: the date of the report, not of it */
	CFG_CUE_PLAN,		/* 계획, 방안, 협의 중: not (yet) an event */
	CFG_CUE_PARENT,		/* 산하, 旗下: the org before owns the next */
	CFG_CUE_QUOTATIVE,	/* ”라고, ”며: the quote was speech */
	CFG_CUE_SEQUEL,		/* 이어, 随后: right after the last event */
	CFG_CUE_PARTICIPANTS,	/* 참가 기업들: that event's companies */
	CFG_CUE_NEXT_DAY,	/* 이튿날, 次日: the day after the last event */
	CFG_CUE_PREV_DAY,	/* 此前一天, 전날: the day before it */
	CFG_CUE_FUTURE,		/* 예정, 将: only an event with a month or day */
	CFG_CUE_DATE_LABEL,	/* 일시:, 时间： in the lines after an event */
	CFG_CUE_MAX,
};

struct cfg_patterns {
	char *path;
	struct cfg_words particles;	/* 은, 는, 이, 가, 에서 ... */
	struct cfg_words person_titles;	/* 센터장, 부주임, 主任 ... */
	struct cfg_words generic_prefixes;	/* 해당, 본, 该: "this centre" */
	struct cfg_words generic_orgs;	/* 창업센터, 创新中心 alone */
	struct cfg_words zh_stops;	/* a Chinese name never spans these */
	struct cfg_words zh_stop_exceptions;	/* 共和国, 同济 */
	struct cfg_words ko_name_modifiers;	/* 한국, 중국, 국립 ... */
	struct cfg_words bullets;	/* ▲ △ ■ */
	struct cfg_words list_joiners;	/* , 、 및 */
	struct cfg_words place_suffixes;	/* 베이징시, 상하이에서: what may
					   follow a Hangul city name */
	struct cfg_words trigger_not_before;	/* 访问学者, 人民大会堂 */
	struct cfg_words trigger_continuations;	/* 방문했다, 방문차 */
	struct cfg_words ko_adnominal;	/* 열린, 개최된: ends a name */
	struct cfg_org_suffix *suffixes;
	size_t nsuffixes;
	struct cfg_words latin_org_stop;	/* Generative AI is no company */
	struct cfg_words venues;	/* 국제회의센터, 会展中心: places, not orgs */
	struct cfg_words class_nouns;	/* A, B 등 N개사; A、B等N家企业 */
	struct cfg_event_type *events;
	size_t nevents;
	struct cfg_role_cue *roles;
	size_t nroles;
	struct cfg_words mou_triggers;	/* 업무협약, MOU, 合作协议 */
	struct cfg_words mou_verbs;	/* 체결, 맺, 签署 */
	struct cfg_words mou_strong;	/* 협약식, 签约仪式: enough alone */
	struct cfg_words cues[CFG_CUE_MAX];
	struct cfg_place *places;
	size_t nplaces;
	struct cfg_sector *sectors;
	size_t nsectors;
	pcre2_code *latin_org;	/* regexes.latin_org, or NULL */
	pcre2_match_context *mctx;	/* match and depth limits */
};

/* Names of the cue classes, indexed by enum cfg_cue. */
extern const char *const cfg_cue_names[CFG_CUE_MAX];

/*
 * Loads and validates path. On success *out is owned by the caller
 * (cfg_patterns_free). Problems are logged under path's name and added to
 * d->nerrors; returns -1 when there were any, *out untouched.
 */
int cfg_patterns_load(const char *path, struct cfg_patterns **out,
    struct cfg_diag *d);
/* The same from a parsed document (tests, fuzzing). */
int cfg_patterns_from_doc(const struct cfg_doc *doc,
    struct cfg_patterns **out, struct cfg_diag *d);
void cfg_patterns_free(struct cfg_patterns *p);

#endif
