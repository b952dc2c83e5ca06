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

#include "cases/codes.h"
#include "cases/date.h"
#include "cases/err.h"

struct store;
struct json;
struct op_ctx;
struct op_refusal;

enum appeal_kind {
	AK_RECONSIDERATION,		/* 行政复议 */
	AK_LITIGATION_DIRECT,		/* 未经复议直接起诉 */
	AK_LITIGATION_AFTER_REVIEW,	/* 复议后起诉 */
	AK__MAX
};

enum appeal_result {
	AR_UPHELD,			/* 结果维持 */
	AR_CORRECTED,			/* 结果纠正 */
	AR_OTHER,			/* 其他结果 */
	AR_PENDING,			/* 尚未审结 */
	AR__MAX
};

/* Code and label of each kind and result (labels as in table 四). */
extern const struct code appeal_kinds[AK__MAX];
extern const struct code appeal_results[AR__MAX];

/* What `appeal add` takes; NULL or "" when not given. */
struct appeal_input {
	const char	*case_key;	/* case UUID or number */
	const char	*kind;
	const char	*filed;		/* YYYY-MM-DD */
	const char	*body;		/* 复议机关 or court */
	const char	*result;	/* default pending */
	const char	*decided;	/* required unless pending */
};

/* One stored appeal; owns its strings (appeal_rec_clear). */
struct appeal_rec {
	int64_t	 id;
	char	 case_id[37];
	char	*case_number;
	char	*kind;
	char	 filed[DATE_STRLEN];
	char	*body;
	char	*result;
	char	 decided[DATE_STRLEN];	/* "" while pending */
	char	*created_at;
};

/* appeal.c */
int		 appeal_kind_find(const char *);
int		 appeal_result_find(const char *);
enum cm_err	 appeal_add(struct store *, const struct appeal_input *,
		    const char *actor, int today, int64_t *id,
		    char *err, size_t errlen);
enum cm_err	 appeal_decide(struct store *, int64_t id, const char *result,
		    const char *decided, const char *actor, int today,
		    char *err, size_t errlen);
enum cm_err	 appeal_list(struct store *, const char *case_key,
		    struct appeal_rec **, size_t *);
void		 appeal_rec_clear(struct appeal_rec *);
void		 appeals_free(struct appeal_rec *, size_t);
void		 appeal_json(const struct appeal_rec *, struct json *);

/* Operations (one transaction each; the input of op_appeal_add is
 * struct appeal_input).  Refusals name the fields case 案件, kind 类别,
 * filed 申请或起诉日期, body 复议机关或法院, result 结果, decided 审结日期. */
#define APPEAL_BODY_CHARS	100

struct appeal_add_out {
	int64_t		 id;
};

struct appeal_decide_in {
	int64_t		 id;
	const char	*result;
	const char	*decided;	/* YYYY-MM-DD; NULL or "" when pending */
};

enum cm_err	 op_appeal_add(const struct op_ctx *,
		    const struct appeal_input *, struct appeal_add_out *,
		    struct op_refusal *);
enum cm_err	 op_appeal_decide(const struct op_ctx *,
		    const struct appeal_decide_in *, struct op_refusal *);

/* store_report.c */
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
