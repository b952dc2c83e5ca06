/* SPDX-License-Identifier: ISC */
/*
 * Appeals against a disclosure case: 行政复议 (reconsideration) and
 * 行政诉讼 (a suit, directly or after reconsideration); the codes of
 * their kinds and results, the record and its JSON shape.
 */
#ifndef CASES_APPEAL_H
#define CASES_APPEAL_H

#include <stddef.h>
#include <stdint.h>

#include "cases/codes.h"
#include "cases/date.h"

struct json;

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

int		 appeal_kind_find(const char *);
int		 appeal_result_find(const char *);
void		 appeal_rec_clear(struct appeal_rec *);
void		 appeals_free(struct appeal_rec *, size_t);
void		 appeal_json(const struct appeal_rec *, struct json *);

#endif
