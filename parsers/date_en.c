/* SPDX-License-Identifier: ISC */
/*
 * English dates, for the English pages of KIC China and its partners
 * ("Posted on September 13, 2024", "runs from November 5 to 10"). Month
 * names must be capitalised so that "may" and "march" stay verbs.
 */
#include <string.h>

#include "date_priv.h"

struct month_name {
	const char *name;
	int m;
};

/* Full names before their abbreviations (Sept before Sep). */
static const struct month_name months[] = {
	{"January", 1}, {"February", 2}, {"March", 3}, {"April", 4},
	{"May", 5}, {"June", 6}, {"July", 7}, {"August", 8},
	{"September", 9}, {"October", 10}, {"November", 11},
	{"December", 12}, {"Jan", 1}, {"Feb", 2}, {"Mar", 3}, {"Apr", 4},
	{"Jun", 6}, {"Jul", 7}, {"Aug", 8}, {"Sept", 9}, {"Sep", 9},
	{"Oct", 10}, {"Nov", 11}, {"Dec", 12},
};

static const char *const range_words[] = {" to ", " through ", " until ",
    "-", "–", "—", " - ", " – ", " — "};

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A month name at i: its length (with a trailing '.'), *m set; or 0. */
static size_t
month_at(const char *s, size_t len, size_t i, int *m)
{
	size_t k, n;

	for (k = 0; k < sizeof(months) / sizeof(months[0]); k++) {
		n = strlen(months[k].name);
		if (i + n > len || memcmp(s + i, months[k].name, n) != 0 ||
		    (i + n < len && is_alpha(s[i + n])))
			continue;
		*m = months[k].m;
		return i + n < len && s[i + n] == '.' ? n + 1 : n;
	}
	return 0;
}

/* A day (1-31, optional st/nd/rd/th) at i: its length, or 0. */
static size_t
day_at(const char *s, size_t len, size_t i, int *d)
{
	size_t k = i;

	*d = 0;
	while (k < len && is_digit(s[k]) && k - i < 3)
		*d = *d * 10 + (s[k++] - '0');
	if (k == i || k - i > 2 || (k < len && is_digit(s[k])) || *d < 1 ||
	    *d > 31)
		return 0;
	if (k + 2 <= len && (memcmp(s + k, "st", 2) == 0 ||
	    memcmp(s + k, "nd", 2) == 0 || memcmp(s + k, "rd", 2) == 0 ||
	    memcmp(s + k, "th", 2) == 0))
		k += 2;
	if (k < len && is_alpha(s[k]))
		return 0;
	return k - i;
}

/* ", 2024" or " 2024" after i: the end of the year, *y set; or i. */
static size_t
year_after(const char *s, size_t len, size_t i, int *y)
{
	size_t k = i, j;

	if (k < len && s[k] == ',')
		k++;
	if (k < len && s[k] == ' ')
		k++;
	if (k + 4 > len)
		return i;
	for (j = 0, *y = 0; j < 4; j++) {
		if (!is_digit(s[k + j]))
			return i;
		*y = *y * 10 + (s[k + j] - '0');
	}
	if ((k + 4 < len && is_digit(s[k + 4])) || *y < DATE_YEAR_MIN ||
	    *y > DATE_YEAR_MAX) {
		*y = 0;
		return i;
	}
	return k + 4;
}

/* "- 10", " to 10": the end of the range's day, *d set; or i. */
static size_t
range_day_after(const char *s, size_t len, size_t i, int *d)
{
	size_t k, n, w;

	for (k = 0; k < sizeof(range_words) / sizeof(range_words[0]); k++) {
		w = strlen(range_words[k]);
		if (i + w > len || memcmp(s + i, range_words[k], w) != 0)
			continue;
		n = day_at(s, len, i + w, d);
		if (n)
			return i + w + n;
	}
	*d = 0;
	return i;
}

/* "September 13, 2024", "Nov. 5 to 10", "September 2024". */
static bool
month_first(const char *s, size_t len, size_t i, struct date_comp *c)
{
	size_t k = month_at(s, len, i, &c->m), n;
	int y;

	if (k == 0 || i + k >= len || s[i + k] != ' ')
		return false;
	k = i + k + 1;
	n = day_at(s, len, k, &c->d);
	if (n == 0) {
		c->end = year_after(s, len, k - 1, &y);
		c->y = y;
		c->d = 0;
		return c->end > k - 1;
	}
	k = range_day_after(s, len, k + n, &c->ud);
	if (c->ud && c->ud <= c->d)
		return false;
	c->end = year_after(s, len, k, &y);
	c->y = c->end > k ? y : 0;
	c->uy = c->ud ? c->y : 0;
	return true;
}

/* "13 December 2024", "5-10 November". */
static bool
day_first(const char *s, size_t len, size_t i, struct date_comp *c)
{
	size_t k = day_at(s, len, i, &c->d), n;
	int y;

	if (k == 0)
		return false;
	k = range_day_after(s, len, i + k, &c->ud);
	if ((c->ud && c->ud <= c->d) || k >= len || s[k] != ' ')
		return false;
	n = month_at(s, len, k + 1, &c->m);
	if (n == 0)
		return false;
	k += 1 + n;
	c->end = year_after(s, len, k, &y);
	c->y = c->end > k ? y : 0;
	c->uy = c->ud ? c->y : 0;
	return true;
}

bool
date_en_parse(const char *s, size_t len, size_t i, struct date_comp *c)
{
	memset(c, 0, sizeof(*c));
	if (i > 0 && is_alpha(s[i - 1]))
		return false;
	if (s[i] >= 'A' && s[i] <= 'Z')
		return month_first(s, len, i, c);
	return is_digit(s[i]) && day_first(s, len, i, c);
}
