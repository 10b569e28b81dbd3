/* SPDX-License-Identifier: ISC */
/*
 * The calendar side of dates: validity, ISO formatting and parsing, and
 * the rules that place a partial or relative mention in time against the
 * publication date (date_scan.c finds the mentions). The rules follow how
 * Korean and Chinese press write: a bare "19일" is this month unless that
 * is well after the article, a month without a year is this year unless
 * that is far from the article.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "date_priv.h"

/* A bare day more than this many days after the reference is last
   month's (an article of the 3rd saying "29일" means the 29th before). */
#define BARE_DAY_AHEAD	14
/* A month without a year more than this many months after the reference
   is last year's; more than BARE_MONTH_BEHIND months before, next year's. */
#define BARE_MONTH_AHEAD	4
#define BARE_MONTH_BEHIND	10

int
date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

bool
date_is_valid(const struct date_ymd *d)
{
	if (d->y < DATE_YEAR_MIN || d->y > DATE_YEAR_MAX)
		return false;
	if (d->m == 0)
		return d->d == 0;
	if (d->m < 1 || d->m > 12)
		return false;
	return d->d == 0 || (d->d >= 1 && d->d <= date_days_in_month(d->y,
	    d->m));
}

char *
date_iso(const struct date_ymd *d, char buf[11])
{
	unsigned y = d->y, m = d->m, dd = d->d;

	if (d->y == 0 || !date_is_valid(d))
		buf[0] = '\0';
	else if (m == 0)
		snprintf(buf, 11, "%04u", y % 10000);
	else if (dd == 0)
		snprintf(buf, 11, "%04u-%02u", y % 10000, m % 100);
	else
		snprintf(buf, 11, "%04u-%02u-%02u", y % 10000, m % 100,
		    dd % 100);
	return buf;
}

static int
digits(const char *s, int n)
{
	int v = 0, k;

	for (k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

int
date_iso_parse(const char *s, struct date_ymd *out)
{
	struct date_ymd d = {0, 0, 0};
	size_t n = strlen(s);

	if (n != 4 && n != 7 && n != 10)
		return -1;
	d.y = digits(s, 4);
	if (n >= 7) {
		if (s[4] != '-')
			return -1;
		d.m = digits(s + 5, 2);
	}
	if (n == 10) {
		if (s[7] != '-')
			return -1;
		d.d = digits(s + 8, 2);
	}
	if (d.y < 0 || d.m < 0 || d.d < 0 || (n >= 7 && d.m == 0) ||
	    (n == 10 && d.d == 0) || !date_is_valid(&d))
		return -1;
	*out = d;
	return 0;
}

void
date_add_months(int *y, int *m, int delta)
{
	int k = *y * 12 + (*m - 1) + delta;

	*y = k / 12;
	*m = k % 12 + 1;
}

/* Day of a reference that may have month precision only. */
static int
ref_day(const struct date_ymd *ref)
{
	return ref->d ? ref->d : 15;
}

int
date_resolve_day(const struct date_ymd *ref, int day, enum date_mode mode,
    struct date_ymd *out)
{
	struct date_ymd d = {ref->y, ref->m, day};
	int rd = ref_day(ref);

	if ((mode == DATE_MODE_BARE && day > rd + BARE_DAY_AHEAD) ||
	    (mode == DATE_MODE_PAST && day > rd))
		date_add_months(&d.y, &d.m, -1);
	else if (mode == DATE_MODE_NEXT && day < rd)
		date_add_months(&d.y, &d.m, 1);
	if (!date_is_valid(&d))
		return -1;
	*out = d;
	return 0;
}

int
date_resolve_month(const struct date_ymd *ref, int month, int day,
    enum date_mode mode, struct date_ymd *out)
{
	struct date_ymd d = {ref->y, month, day};
	int diff = month - ref->m;

	if (mode == DATE_MODE_BARE && diff > BARE_MONTH_AHEAD)
		d.y--;
	else if (mode == DATE_MODE_BARE && diff <= -BARE_MONTH_BEHIND)
		d.y++;
	else if (mode == DATE_MODE_PAST && (diff > 0 || (diff == 0 && day &&
	    day > ref_day(ref))))
		d.y--;
	else if (mode == DATE_MODE_NEXT && (diff < 0 || (diff == 0 && day &&
	    day < ref_day(ref))))
		d.y++;
	if (!date_is_valid(&d))
		return -1;
	*out = d;
	return 0;
}
