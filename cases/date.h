/* SPDX-License-Identifier: ISC */
/*
 * Civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian).  Pure arithmetic; the domain's only date representation.
 */
#ifndef CASES_DATE_H
#define CASES_DATE_H

/* Supported span for domain dates: 2000-01-01 .. 2099-12-31. */
#define DATE_MIN	10957
#define DATE_MAX	47481
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
