/* SPDX-License-Identifier: ISC */
/*
 * Storage for the annual report and the appeals (store_report.c): the
 * counts of tables 三 and 四, the figures and texts the office enters,
 * the published snapshot, and the appeal rows.
 */
#ifndef STORE_STORE_REPORT_H
#define STORE_STORE_REPORT_H

#include <stdint.h>

#include "cases/appeal.h"
#include "cases/err.h"

struct store;
struct case_row;

enum cm_err	 store_report_applications(struct store *, int year,
		    void (*)(const char *kind, const char *outcome,
		    const char *type, long long n, void *), void *);
enum cm_err	 store_report_monthly(struct store *, int year,
		    long long received[12], long long concluded[12]);
enum cm_err	 store_report_appeals(struct store *, int year,
		    void (*)(const char *kind, const char *result, long long n,
		    void *), void *);
enum cm_err	 store_report_fees(struct store *, int year,
		    long long *notices, long long *notice_fen,
		    long long *paid, long long *paid_fen);
enum cm_err	 store_report_figures(struct store *, int year,
		    void (*)(const char *key, long long value, void *), void *);
enum cm_err	 store_report_figure_put(struct store *, int year,
		    const char *key, long long value, const char *actor,
		    const char *now);
enum cm_err	 store_report_texts(struct store *, int year,
		    void (*)(const char *section, const char *body, void *),
		    void *);
enum cm_err	 store_report_text_put(struct store *, int year,
		    const char *section, const char *body, const char *actor,
		    const char *now);
enum cm_err	 store_report_published(struct store *, int year,
		    char at[32], char **by, char **snapshot);
enum cm_err	 store_report_publish(struct store *, int year,
		    const char *at, const char *by, const char *snapshot);
enum cm_err	 store_report_cell_put(struct store *, int year,
		    const char *tab, const char *row, const char *col,
		    long long n);
enum cm_err	 store_report_cells(struct store *, int year,
		    void (*)(const char *tab, const char *row, const char *col,
		    long long n, void *), void *);
enum cm_err	 store_report_unpublish(struct store *, int year);
enum cm_err	 store_report_cell_cases(struct store *, int year,
		    const char *row, const char *col,
		    int (*)(const struct case_row *, void *), void *);
enum cm_err	 store_report_appeal_cases(struct store *, int year,
		    const char *kind, const char *result,
		    int (*)(const struct case_row *, void *), void *);
enum cm_err	 store_appeal_insert(struct store *, const char *case_id,
		    const char *kind, const char *filed, const char *body,
		    const char *result, const char *decided, const char *now,
		    int64_t *id);
enum cm_err	 store_appeal_get(struct store *, int64_t id,
		    struct appeal_rec *);
enum cm_err	 store_appeal_decide(struct store *, int64_t id,
		    const char *result, const char *decided);
enum cm_err	 store_appeals_of_case(struct store *, const char *case_id,
		    struct appeal_rec **, size_t *);


#endif
