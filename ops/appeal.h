/* SPDX-License-Identifier: ISC */
/*
 * Appeals against a case (行政复议 and 行政诉讼, Reg. art. 51): the
 * records behind table 四 of the annual report (国办公开办函〔2021〕30号).
 * Kinds and results are the canonical codes of codes.md.
 */
#ifndef OPS_APPEAL_H
#define OPS_APPEAL_H

#include <stddef.h>
#include <stdint.h>

#include "cases/appeal.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/err.h"

struct store;
struct json;
struct op_ctx;
struct op_refusal;

struct appeal_input {
	const char	*case_key;	/* case UUID or number */
	const char	*kind;
	const char	*filed;		/* YYYY-MM-DD */
	const char	*body;		/* 复议机关 or court */
	const char	*result;	/* default pending */
	const char	*decided;	/* required unless pending */
};

/* appeal.c */
enum cm_err	 appeal_add(struct store *, const struct appeal_input *,
		    const char *actor, int today, int64_t *id,
		    char *err, size_t errlen);
enum cm_err	 appeal_decide(struct store *, int64_t id, const char *result,
		    const char *decided, const char *actor, int today,
		    char *err, size_t errlen);
enum cm_err	 appeal_list(struct store *, const char *case_key,
		    struct appeal_rec **, size_t *);

/* Operations (one transaction each; the input of op_appeal_add is
 * struct appeal_input).  Refusals name the fields case 案件, kind 类别,
 * filed 申请或起诉日期, body 复议机关或法院, result 结果, decided 审结日期,
 * and for a redo order received 收到决定日期, days 重新答复期限. */
#define APPEAL_BODY_CHARS	100

struct appeal_add_out {
	int64_t		 id;
};

struct appeal_decide_in {
	int64_t		 id;
	const char	*result;
	const char	*decided;	/* YYYY-MM-DD; NULL or "" when pending */
	/* Decision 12: a `corrected` result that orders a new reply. */
	int		 redo;
	const char	*received;	/* day the agency got it; default decided */
	int		 days;		/* working days; 0: LAW_REPLY_WD */
};

enum cm_err	 op_appeal_add(const struct op_ctx *,
		    const struct appeal_input *, struct appeal_add_out *,
		    struct op_refusal *);
enum cm_err	 op_appeal_decide(const struct op_ctx *,
		    const struct appeal_decide_in *, struct op_refusal *);

#endif
