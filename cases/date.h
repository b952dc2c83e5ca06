/* SPDX-License-Identifier: ISC */
/*
 * Civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian).  Pure arithmetic; the domain's only date representation.
 */
#ifndef CASES_DATE_H
#define CASES_DATE_H

#include "cases/limits.h"

/* Day number of 1 January of year y (y > 1969): 365 days a year plus
 * the Gregorian leap days since 1970 (477 of them fall before 1970). */
#define DATE_JAN1(y)	(365 * ((y) - 1970) + ((y) - 1) / 4 - \
			    ((y) - 1) / 100 + ((y) - 1) / 400 - 477)

/* Supported span for domain dates: LIM_DATE_MIN .. LIM_DATE_MAX
 * (2000-01-01 .. 2099-12-31, day numbers 10957 .. 47481). */
#define DATE_MIN	DATE_JAN1(LIM_YEAR_MIN)
#define DATE_MAX	(DATE_JAN1(LIM_YEAR_MAX + 1) - 1)
#define DATE_NONE	(-1)

#define DATE_STRLEN	11	/* "YYYY-MM-DD" and the NUL */

int	 date_from_ymd(int y, int m, int d);
void	 date_to_ymd(int day, int *y, int *m, int *d);
int	 date_parse(const char *s, int *day);
void	 date_format(int day, char out[DATE_STRLEN]);
void	 date_format_cn(int day, char *out, unsigned outlen);
int	 date_weekday(int day);
int	 date_year(int day);
int	 date_today(void);

#endif
