/* SPDX-License-Identifier: ISC */
/*
 * The fee on the store (ops/fee.c): the per-applicant monthly counter,
 * working out and recording the fee of a fee notice (op_case_act), the
 * totals of a year.  The bands are
 * cases/fee.h.
 */
#ifndef OPS_FEE_H
#define OPS_FEE_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/fee.h"

struct case_rec;
struct store;

enum cm_err	 fee_month_counter(struct store *, const char *case_key,
		    int *upto, int *month_total, char month[8]);
enum cm_err	 fee_month_counter_rec(struct store *, const struct case_rec *,
		    int *upto, int *month_total, char month[8]);
enum cm_err	 fee_work_out(struct store *, const char *case_key,
		    enum fee_method, int count, int sync, struct fee_applied *,
		    char *err, size_t errlen);
enum cm_err	 fee_notice_prepare(struct store *, const char *case_id,
		    enum fee_method, int count, long long override_fen,
		    const char *reason, struct fee_applied *,
		    struct fee_notice *, const char **field, char *err,
		    size_t errlen);
enum cm_err	 fee_record(struct store *, const char *case_id,
		    const struct fee_applied *, const char *actor);
enum cm_err	 fee_totals(struct store *, int year, struct fee_totals *);

#endif
