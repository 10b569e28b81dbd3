/* SPDX-License-Identifier: ISC */
/* Shared by date.c (calendar, resolution) and date_scan.c (the scanner). */
#ifndef DATE_PRIV_H
#define DATE_PRIV_H

#include "date.h"

/* Years outside this range are not dates in news text (counts, codes). */
#define DATE_YEAR_MIN	1950
#define DATE_YEAR_MAX	2100

/* How a mention without a year or month is placed against the reference. */
enum date_mode {
	DATE_MODE_BARE,		/* 19일, 9월 9일: nearest plausible */
	DATE_MODE_PAST,		/* 지난 19일: on or before the reference */
	DATE_MODE_NEXT,		/* 오는 19일: on or after the reference */
};

/* The parts a mention spells out; 0 = absent. u* are a range's end. */
struct date_comp {
	int y, m, d;
	int uy, um, ud;
	size_t end;		/* byte just past the mention */
};

/*
 * English dates at byte i of s: "September 13, 2024", "Sept. 13",
 * "13 December 2024", "November 5 to 10, 2023", "5-10 November",
 * "September 2024". Month names must be capitalised (may, march are
 * words). i is a capital letter or a digit that starts a word.
 */
bool date_en_parse(const char *s, size_t len, size_t i,
    struct date_comp *c);

int date_days_in_month(int y, int m);
/* Moves (*y, *m) by delta months. */
void date_add_months(int *y, int *m, int delta);
/* A day of an unnamed month; 0, or -1 when no valid date results. */
int date_resolve_day(const struct date_ymd *ref, int day,
    enum date_mode mode, struct date_ymd *out);
/* A month (and day, or 0) of an unnamed year; 0, or -1 if invalid. */
int date_resolve_month(const struct date_ymd *ref, int month, int day,
    enum date_mode mode, struct date_ymd *out);

#endif
