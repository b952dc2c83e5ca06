/* SPDX-License-Identifier: ISC */
/*
 * Appeals against a disclosure case (行政复议, 行政诉讼): their codes,
 * the record and its JSON shape.  Recording and deciding one are
 * operations (ops/appeal.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "util/json.h"

const struct code appeal_kinds[AK__MAX] = {
	[AK_RECONSIDERATION] =		{ "reconsideration", "行政复议" },
	[AK_LITIGATION_DIRECT] =	{ "litigation_direct",
					  "未经复议直接起诉" },
	[AK_LITIGATION_AFTER_REVIEW] =	{ "litigation_after_review",
					  "复议后起诉" },
};

const struct code appeal_results[AR__MAX] = {
	[AR_UPHELD] =		{ "upheld", "结果维持" },
	[AR_CORRECTED] =	{ "corrected", "结果纠正" },
	[AR_OTHER] =		{ "other", "其他结果" },
	[AR_PENDING] =		{ "pending", "尚未审结" },
};

/* Index of an appeal kind code, or -1. */
int
appeal_kind_find(const char *code)
{
	return code_find(appeal_kinds, AK__MAX, code);
}

/* Index of an appeal result code, or -1. */
int
appeal_result_find(const char *code)
{
	return code_find(appeal_results, AR__MAX, code);
}

/* Frees the strings of a; accepts a zeroed record. */
void
appeal_rec_clear(struct appeal_rec *a)
{
	free(a->case_number);
	free(a->kind);
	free(a->body);
	free(a->result);
	free(a->created_at);
	memset(a, 0, sizeof(*a));
}

/* Frees an array of n appeals; NULL is a no-op. */
void
appeals_free(struct appeal_rec *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		appeal_rec_clear(&v[i]);
	free(v);
}

/* Writes one appeal as a JSON object. */
void
appeal_json(const struct appeal_rec *a, struct json *j)
{
	int	 k, r;

	k = appeal_kind_find(a->kind);
	r = appeal_result_find(a->result);
	json_obj_open(j, NULL);
	json_int(j, "id", (long long)a->id);
	json_str(j, "case_id", a->case_id);
	json_str(j, "case", a->case_number);
	json_str(j, "kind", a->kind);
	json_str(j, "kind_label", k >= 0 ? appeal_kinds[k].label : NULL);
	json_str(j, "filed", a->filed);
	json_str(j, "body", a->body != NULL && a->body[0] != '\0' ?
	    a->body : NULL);
	json_str(j, "result", a->result);
	json_str(j, "result_label", r >= 0 ? appeal_results[r].label : NULL);
	json_str(j, "decided", a->decided[0] != '\0' ? a->decided : NULL);
	json_obj_close(j);
}
