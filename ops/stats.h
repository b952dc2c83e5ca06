/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计 on the store (ops/stats.c): the year's figures of the
 * office or of one department, and the cases behind one figure.  Reads
 * only.  The counting is cases/stats.c; definitions in docs/stats.md.
 */
#ifndef OPS_STATS_H
#define OPS_STATS_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/stats.h"

struct store;
struct calendar;

enum cm_err	 stats_dept_find(struct store *, const char *key,
		    long long *id, char **name);
enum cm_err	 stats_items(struct store *, const struct calendar *, int year,
		    long long dept, int today, struct stats_item **, size_t *);
enum cm_err	 stats_office(struct store *, const struct calendar *,
		    int year, const char *dept, int today, struct stats *);
enum cm_err	 stats_cases(struct store *, const struct calendar *, int year,
		    const char *dept, int today, const struct stats_sel *,
		    int (*)(const struct stats_item *, void *), void *);
enum cm_err	 stats_departments(struct store *,
		    void (*)(long long id, const char *code, const char *name,
		    void *), void *);

#endif
