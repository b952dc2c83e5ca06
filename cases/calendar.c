/* SPDX-License-Identifier: ISC */
/*
 * Working-day calendar with a cumulative index.  cum[i] is the number
 * of working days in [DATE_MIN, DATE_MIN + i]; the Nth working day after
 * day d is the first day e with cum[e] = cum[d] + N, found by binary
 * search.  calendar_build() must run after the last calendar_set_day().
 */
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "util/xmalloc.h"

#define NDAYS	(DATE_MAX - DATE_MIN + 1)
#define YEAR0	LIM_YEAR_MIN
#define NYEARS	LIM_YEARS

struct calendar {
	signed char	 kind[NDAYS];	/* -1 none, else enum cal_kind */
	int		 cum[NDAYS];
	unsigned char	 loaded[NYEARS];
};

/* Returns a calendar with no declared days and no year loaded. */
struct calendar *
calendar_new(void)
{
	struct calendar	*c;

	c = xcalloc(1, sizeof(*c));
	memset(c->kind, -1, sizeof(c->kind));
	calendar_build(c);
	return c;
}

void
calendar_free(struct calendar *c)
{
	free(c);
}

/* Declares day a holiday or a working day; ignored outside the span. */
void
calendar_set_day(struct calendar *c, int day, enum cal_kind k)
{
	if (day >= DATE_MIN && day <= DATE_MAX)
		c->kind[day - DATE_MIN] = (signed char)k;
}

/* Marks a year as covered by official data (not provisional). */
void
calendar_set_loaded(struct calendar *c, int year)
{
	if (year >= YEAR0 && year < YEAR0 + NYEARS)
		c->loaded[year - YEAR0] = 1;
}

static int
is_work_raw(const struct calendar *c, int day)
{
	int	 wd;

	switch (c->kind[day - DATE_MIN]) {
	case CAL_HOLIDAY:
		return 0;
	case CAL_WORKDAY:
		return 1;
	default:
		wd = date_weekday(day);
		return wd != 0 && wd != 6;
	}
}

/* Recomputes the cumulative index after days were declared. */
void
calendar_build(struct calendar *c)
{
	int	 i, n;

	for (i = 0, n = 0; i < NDAYS; i++) {
		n += is_work_raw(c, DATE_MIN + i);
		c->cum[i] = n;
	}
}

int
calendar_is_workday(const struct calendar *c, int day)
{
	if (day < DATE_MIN || day > DATE_MAX)
		return 0;
	return is_work_raw(c, day);
}

int
calendar_year_loaded(const struct calendar *c, int year)
{
	if (year < YEAR0 || year >= YEAR0 + NYEARS)
		return 0;
	return c->loaded[year - YEAR0];
}

/* The last year with official data, or 0 when none is loaded. */
int
calendar_last_loaded_year(const struct calendar *c)
{
	int	 i;

	for (i = NYEARS - 1; i >= 0; i--)
		if (c->loaded[i])
			return YEAR0 + i;
	return 0;
}

/*
 * Is any day in (a, b] in a year without official data?  (Decision 8:
 * such a count is provisional.)
 */
int
calendar_span_provisional(const struct calendar *c, int a, int b)
{
	int	 y, ya, yb;

	if (b <= a)
		return 0;
	ya = date_year(a + 1);
	yb = date_year(b);
	for (y = ya; y <= yb; y++)
		if (!calendar_year_loaded(c, y))
			return 1;
	return 0;
}

/*
 * Returns the nth working day after day (day itself is day 0, decision 1;
 * 民事诉讼法 art. 85: the start day is not counted).  n may be 0 (returns
 * day) or negative (counts back to the |n|th working day before day).
 * Sets *provisional (if not NULL) when the count ran through a year
 * without official data.  Returns DATE_NONE outside the supported span.
 */
int
calendar_add_workdays(const struct calendar *c, int day, int n,
    int *provisional)
{
	int	 target, lo, hi, mid;

	if (provisional != NULL)
		*provisional = 0;
	if (day < DATE_MIN || day > DATE_MAX)
		return DATE_NONE;
	if (n == 0)
		return day;
	if (n > 0) {
		target = c->cum[day - DATE_MIN] + n;
		if (target > c->cum[NDAYS - 1])
			return DATE_NONE;
		/* First index with cum >= target: it is a working day. */
		lo = day - DATE_MIN + 1;
		hi = NDAYS - 1;
	} else {
		/* The |n|th working day before: last working day whose
		 * cum equals cum[day - 1] + n + 1. */
		target = c->cum[day - DATE_MIN] - is_work_raw(c, day) + n + 1;
		if (target < 1)
			return DATE_NONE;
		lo = 0;
		hi = day - DATE_MIN;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->cum[mid] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (provisional != NULL)
		*provisional = n > 0 ?
		    calendar_span_provisional(c, day, DATE_MIN + lo) :
		    calendar_span_provisional(c, DATE_MIN + lo, day);
	return DATE_MIN + lo;
}

/*
 * Number of working days in (a, b]; negative (minus those in (b, a])
 * when b < a.  Both days must lie in the supported span.
 */
int
calendar_workdays_between(const struct calendar *c, int a, int b)
{
	if (a < DATE_MIN || b < DATE_MIN || a > DATE_MAX || b > DATE_MAX)
		return 0;
	return c->cum[b - DATE_MIN] - c->cum[a - DATE_MIN];
}

/* The seven holiday periods of every State Council notice (全国年节及
 * 纪念日放假办法 art. 2), in calendar order: the name shown, and the
 * part of a row's name that recognises it (中秋节、国庆节 counts for
 * both). */
const struct cal_period calendar_periods[CAL_PERIODS] = {
	{ "元旦", "元旦" },
	{ "春节", "春节" },
	{ "清明节", "清明" },
	{ "劳动节", "劳动" },
	{ "端午节", "端午" },
	{ "中秋节", "中秋" },
	{ "国庆节", "国庆" },
};

/*
 * The year of the State Council notice a row belongs to: its date's
 * year, but the next one for a 元旦 row in December (the 2019 notice
 * gave 2018-12-30 and 31 off, and 2018-12-29 as a make-up day).
 * Returns 0 for a malformed date.
 */
int
calendar_notice_year(const struct cal_row *r)
{
	int	 y;

	if (strlen(r->date) < 10 || (y = atoi(r->date)) <= 0)
		return 0;
	if (strncmp(r->date + 4, "-12-", 4) == 0 &&
	    strstr(r->name, calendar_periods[0].key) != NULL)
		y++;
	return y;
}

/*
 * Which of the seven holiday periods the holiday rows of the notice of
 * year (among rows[0..n), dates YYYY-MM-DD) lack: bit i of the result
 * set for calendar_periods[i] missing; 0 when the year is complete.
 */
unsigned
calendar_year_missing(const struct cal_row *rows, size_t n, int year)
{
	unsigned	 found = 0;
	size_t		 i, k;

	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].kind, "holiday") != 0 ||
		    calendar_notice_year(&rows[i]) != year)
			continue;
		for (k = 0; k < CAL_PERIODS; k++)
			if (strstr(rows[i].name, calendar_periods[k].key) !=
			    NULL)
				found |= 1u << k;
	}
	return ~found & ((1u << CAL_PERIODS) - 1);
}
