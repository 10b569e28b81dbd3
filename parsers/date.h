/* SPDX-License-Identifier: ISC */
/*
 * Date mentions in Korean, Chinese, English and ISO-like notation, resolved
 * to ISO dates. Absolute forms (2024년 9월 9일, 2024年9月9日, 2024-09-09,
 * 2024.9.9., 2024/09/09, 24.09.09, September 13, 2024), partial ones that
 * take the year or month from the publication date (9월 9일, 9月9日, 19일,
 * 9日, 9.12(목)) and relative ones (지난 9일, 오는 19일, 지난달, 이달 말,
 * 지난해 7월, 오는 4~5월, 今年9月, 上月, 去年) are found with their byte
 * offsets; ranges (9월 9~11일, 9月9日至11日) carry an end date. Durations
 * (3일간, 10일 이내), bare years (2024년 매출), phone and version numbers
 * are not dates. 近日/日前 give none. The scanner is hand-written (one
 * forward pass, no regex), so there is no compiled state: every function
 * is pure and reentrant. Digits must be ASCII: scan the NFKC-normalised
 * text (text_norm_new) and map offsets back.
 */
#ifndef DATE_H
#define DATE_H

#include <stdbool.h>
#include <stddef.h>

/* date_scan stops after this many mentions (hostile text is bounded). */
#define DATE_MAX_MENTIONS	4096

/* A calendar date with its precision: m == 0 year only, d == 0 month. */
struct date_ymd {
	int y;			/* 0 = no date */
	int m;			/* 1..12, or 0 */
	int d;			/* 1..31, or 0 */
};

enum date_kind {
	DATE_ABSOLUTE,		/* the text gives the year */
	DATE_PARTIAL,		/* year (and month) taken from the reference */
	DATE_RELATIVE,		/* 지난달, 去年, 오는 19일 ... */
};

struct date_mention {
	size_t start;		/* byte offsets into the scanned text */
	size_t end;
	struct date_ymd date;	/* the start of a range */
	struct date_ymd until;	/* end of a range; y == 0 when none */
	enum date_kind kind;
};

/*
 * Finds the date mentions of s[0, len). ref is the publication date that
 * partial and relative mentions are resolved against (day precision is
 * best); with ref NULL or ref->y == 0 only absolute mentions are returned.
 * Resolution follows Korean and Chinese press usage:
 * - a bare day (19일, 19日) is in ref's month, unless that lands more than
 *   14 days after ref: then it is in the month before;
 * - 지난 N일 is the latest such day on or before ref, 오는 N일 the next one
 *   on or after it; likewise 지난/오는 N월 for months;
 * - a month without a year (9월 9일, 9月) is in ref's year, unless that is
 *   more than 4 months after ref (then the year before) or more than 10
 *   months before it (then the year after);
 * - 지난해/작년/去年, 올해/今年, 내년/明年 alone give a year-precision date
 *   (m == 0); 이달/本月, 지난달/上月, 다음달/내달/下月 (with 초/중순/말) a month.
 * Mentions are in text order and do not overlap. On return *out (free())
 * holds the mentions, NULL when there are none; returns their number.
 */
size_t date_scan(const char *s, size_t len, const struct date_ymd *ref,
    struct date_mention **out);

/*
 * The first absolute day-precision date in s[0, len) (2024-09-09,
 * 2024.9.9, 2024年9月9日, 2024년 9월 9일, "2024-09-09T10:00:00+08:00"...).
 * For page metadata and date lines; true and *out set when found.
 */
bool date_find_absolute(const char *s, size_t len, struct date_ymd *out);

/* Parses exactly "YYYY", "YYYY-MM" or "YYYY-MM-DD"; 0, or -1 if invalid. */
int date_iso_parse(const char *s, struct date_ymd *out);

/*
 * Formats d as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by its precision, or ""
 * when d->y is 0 or d is not valid. buf must hold 11 bytes; returns buf.
 */
char *date_iso(const struct date_ymd *d, char buf[11]);

/* True when d is a real calendar date at its precision (leap years too). */
bool date_is_valid(const struct date_ymd *d);

#endif
