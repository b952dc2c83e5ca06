/* SPDX-License-Identifier: ISC */
/*
 * Reading for the office's statistics (store_stats.c, ops/stats.c):
 * the cases a year's figures can involve, and the departments.
 */
#ifndef STORE_STORE_STATS_H
#define STORE_STORE_STATS_H

#include "cases/date.h"
#include "cases/err.h"

struct store;
struct event_rec;

/* One case as the statistics query returns it. */
struct stats_row {
	const char	*id;
	const char	*number;
	const char	*applicant;
	const char	*state;
	const char	*received;	/* ISO dates */
	const char	*closed;	/* NULL while never concluded */
	const char	*due;		/* the cached deadline, or NULL */
	const char	*handler;	/* "" unassigned */
	long long	 dept_id;	/* 0 none */
	const char	*dept;		/* "" none */
};

/* One department (the page's selector). */
struct stats_dept {
	long long	 id;
	const char	*code;
	const char	*name;
};

enum cm_err	 store_stats_cases(struct store *, const char *from,
		    const char *to, long long dept,
		    int (*)(const struct stats_row *, void *), void *);
enum cm_err	 store_stats_events(struct store *, const char *from,
		    const char *to, long long dept,
		    int (*)(const char *case_id, const struct event_rec *,
		    size_t, void *), void *);
enum cm_err	 store_stats_dept(struct store *, const char *key,
		    long long *id, char **name);
enum cm_err	 store_stats_depts(struct store *,
		    int (*)(const struct stats_dept *, void *), void *);

#endif
