/* SPDX-License-Identifier: ISC */
/*
 * The annual report on the store (ops/report.c): a year's figures
 * computed or loaded as published, the lock on a published year, the
 * office's entries, publishing and reopening.  The layout and the
 * arithmetic are cases/report.h.
 */
#ifndef OPS_REPORT_H
#define OPS_REPORT_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/report.h"

struct store;
struct case_row;

enum cm_err	 report_compute(struct store *, int year, struct report *);
enum cm_err	 report_load(struct store *, int year, struct report *);
enum cm_err	 report_figure_set(struct store *, int year, const char *key,
		    const char *value, const char *actor, int today,
		    char *err, size_t errlen);
enum cm_err	 report_text_set(struct store *, int year,
		    const char *section, const char *text, const char *actor,
		    int today, char *err, size_t errlen);
enum cm_err	 report_publish(struct store *, int year, const char *actor,
		    int today, char *err, size_t errlen);
enum cm_err	 report_reopen(struct store *, int year, const char *reason,
		    const char *actor, int today, char *err, size_t errlen);
enum cm_err	 report_year_locked(struct store *, int year, int *locked);
enum cm_err	 report_act_locked(struct store *, const char *closed_on,
		    int action, int on, int *year);
enum cm_err	 report_cell_cases(struct store *, int year, int row, int col,
		    int (*)(const struct case_row *, void *), void *);
enum cm_err	 report_appeal_cases(struct store *, int year, int kind,
		    int result, int (*)(const struct case_row *, void *),
		    void *);

#endif
