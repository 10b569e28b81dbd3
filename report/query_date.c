/* SPDX-License-Identifier: ISC */
/*
 * Date options: an absolute day, month or year, or a duration back from
 * now (7d, 4w, 1y). Everything becomes 'YYYY-MM-DD' in UTC, the form the
 * store compares as text.
 */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int
parse_absolute(const char *a, bool until, char out[11])
{
	size_t n = strlen(a);
	int y, m = until ? 12 : 1, d = 1;
	char tmp[40];

	if (!(n == 4 || (n == 7 && a[4] == '-') ||
	    (n == 10 && a[4] == '-' && a[7] == '-')))
		return -1;
	if (!digits(a, 4) || (n >= 7 && !digits(a + 5, 2)) ||
	    (n == 10 && !digits(a + 8, 2)))
		return -1;
	y = atoi(a);
	if (n >= 7)
		m = atoi(a + 5);
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return -1;
	d = until ? days_in_month(y, m) : 1;
	if (n == 10)
		d = atoi(a + 8);
	if (d < 1 || d > days_in_month(y, m))
		return -1;
	/* The ranges are checked; the wide buffer only quiets the compiler. */
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
	return 0;
}

static int
parse_duration(const char *a, time_t now, char out[11])
{
	char *end;
	long v = strtol(a, &end, 10);
	long days;
	time_t t;
	struct tm tm;

	if (end == a || v < 0 || v > 100000 || end[0] == '\0' || end[1] != '\0')
		return -1;
	switch (*end) {
	case 'd': days = v; break;
	case 'w': days = v * 7; break;
	case 'y': days = v * 365; break;
	default: return -1;
	}
	t = now - (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}

int
query_date_parse(const char *arg, bool until, time_t now, char out[11],
    struct err *e)
{
	if (parse_absolute(arg, until, out) == 0 ||
	    parse_duration(arg, now, out) == 0)
		return 0;
	return err_set(e, "--%s: expected YYYY-MM-DD, YYYY-MM, YYYY or a "
			  "duration like 7d, 4w, 1y; got '%s'",
	    until ? "until" : "since", arg);
}
