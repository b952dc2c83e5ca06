/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计 (the office's own 督办 view), the pure part: from one row
 * per case (struct stats_item, gathered by ops/stats.c) it counts a
 * year's on-time rate, the median and 90th percentile of working days
 * to reply, the open load per officer and per department, and the
 * monthly trend, and renders them as JSON and CSV.  Every count is the
 * number of items stats_item_in() accepts for that figure, so a list
 * of "the cases behind a number" (the same predicate) holds exactly
 * the cases counted.  Definitions: docs/stats.md.
 */
#ifndef CASES_STATS_H
#define CASES_STATS_H

#include <stddef.h>

struct buf;

/* One case as the statistics see it. */
struct stats_item {
	char		 id[37];
	char		 number[32];
	char		*applicant;	/* for the lists behind a figure */
	char		 state[24];	/* state code */
	char		*handler;	/* assigned officer, "" for none */
	long long	 dept_id;	/* department id, 0 for none */
	char		*dept;		/* department name, "" for none */
	int		 received;	/* receipt day (Art 31) */
	int		 concluded;	/* first conclusion, or DATE_NONE */
	int		 replied;	/* concluded by a reply (答复) */
	int		 due;		/* deadline: in force at the first
					   conclusion when recomputed, else
					   the cached one; DATE_NONE while
					   the clock is stopped */
	int		 open;		/* open now (not replied/archived) */
	int		 wd_clock;	/* statutory working days used:
					   suspensions excluded */
	int		 wd_wait;	/* the applicant's wait: working
					   days from receipt to the reply */
};

/* The figures a link can name (the code is the URL's fig=). */
enum stats_fig {
	SF_RECEIVED,		/* received in the year (month) */
	SF_CONCLUDED,		/* first concluded in the year (month) */
	SF_REPLIED,		/* ... by a reply */
	SF_ONTIME,		/* ... on or before the deadline */
	SF_LATE,		/* ... after it */
	SF_OTHER,		/* concluded without a reply (撤回, 视为放弃) */
	SF_OPEN,		/* open now */
	SF_OVERDUE,		/* open now and past the deadline */
	SF_OVERDUE_END,		/* open and overdue at the end of a month */
	SF__MAX
};

extern const char *const stats_fig_codes[SF__MAX];
extern const char *const stats_fig_labels[SF__MAX];

int		 stats_fig_find(const char *);

/* Narrowing of a figure: month 1..12 or 0 for the year; handler NULL
 * for any officer ("" unassigned); dept -1 for any department (0 for
 * none). */
struct stats_sel {
	enum stats_fig	 fig;
	int		 month;
	const char	*handler;
	long long	 dept;
};

int		 stats_item_in(const struct stats_item *, int year, int today,
		    const struct stats_sel *);

/* Open load of one officer or department. */
struct stats_load {
	char		*name;		/* officer, or department name */
	long long	 dept_id;	/* department rows: id, 0 for none */
	int		 open;
	int		 overdue;
};

struct stats_month {
	int	 received;
	int	 replied;
	int	 on_time;
	int	 overdue_end;	/* -1: the month has not begun */
};

struct stats {
	int			 year;
	int			 today;
	long long		 dept;		/* -1: every department */
	char			*dept_name;	/* its name (the caller sets
						   it; stats_clear frees) */
	int			 received;
	int			 concluded;
	int			 replied;
	int			 on_time;
	int			 late;
	int			 other;
	int			 rate_tenths;	/* on-time rate in 0.1 %, or
						   -1 without replies */
	int			 med_clock, p90_clock;	/* -1: none */
	int			 med_wait, p90_wait;
	struct stats_month	 month[12];
	int			 open;
	int			 overdue;
	struct stats_load	*officers;
	size_t			 nofficers;
	struct stats_load	*depts;
	size_t			 ndepts;
};

int		 stats_percentile(int *v, size_t n, int pct);
void		 stats_count(struct stats *, const struct stats_item *, size_t,
		    int year, int today, long long dept);
void		 stats_clear(struct stats *);
void		 stats_items_free(struct stats_item *, size_t);
void		 stats_rate_str(int tenths, char out[16]);
void		 stats_json(const struct stats *, struct buf *);
void		 stats_csv(const struct stats *, struct buf *);

#endif
