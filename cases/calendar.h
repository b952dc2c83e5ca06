/* SPDX-License-Identifier: ISC */
/*
 * The working-day calendar (domain.md decision 1, §5, §6): Mon-Fri are
 * working days unless declared a holiday; a weekend day declared a
 * working day (调休上班) is one.  A cumulative index over 2000..2099 makes
 * adding N working days a binary search, not a day-by-day loop.
 * Years without official data are counted on weekends only and every
 * result that runs into one is flagged provisional (decision 8).
 */
#ifndef CASES_CALENDAR_H
#define CASES_CALENDAR_H

#include <stddef.h>

enum cal_kind { CAL_HOLIDAY, CAL_WORKDAY, CAL__MAX };

/* One row of calendar data as text (shipped table and TSV import). */
struct cal_row {
	const char	*date;
	const char	*kind;		/* "holiday" | "workday" */
	const char	*name;
};

/* The shipped official calendar 2017-2026 (generated at build time). */
extern const struct cal_row calendar_cn[];
extern const size_t calendar_cn_count;

struct calendar;

/* A statutory holiday period (calendar_year_missing). */
#define CAL_PERIODS	7
struct cal_period {
	const char	*name;		/* 清明节 */
	const char	*key;		/* 清明: found in a row's name */
};
extern const struct cal_period calendar_periods[CAL_PERIODS];
int		 calendar_notice_year(const struct cal_row *);
unsigned	 calendar_year_missing(const struct cal_row *, size_t n,
		    int year);

struct calendar	*calendar_new(void);
void		 calendar_free(struct calendar *);
void		 calendar_set_day(struct calendar *, int day, enum cal_kind);
void		 calendar_set_loaded(struct calendar *, int year);
void		 calendar_build(struct calendar *);
int		 calendar_is_workday(const struct calendar *, int day);
int		 calendar_year_loaded(const struct calendar *, int year);
int		 calendar_last_loaded_year(const struct calendar *);
int		 calendar_add_workdays(const struct calendar *, int day, int n,
		    int *provisional);
int		 calendar_workdays_between(const struct calendar *, int a,
		    int b);
int		 calendar_span_provisional(const struct calendar *, int a,
		    int b);

#endif
