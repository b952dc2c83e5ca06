/* SPDX-License-Identifier: ISC */
/*
 * The letter check of an action (act_check.h).  The action is tried on
 * a savepoint so that the letter is composed from the case exactly as
 * the action would leave it (its event, outcome and clocks), then the
 * savepoint is undone: the caller applies the action or files it for
 * approval as usual.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "forms/letter.h"
#include "forms/letter_ctx.h"
#include "forms/template.h"
#include "ops/act_check.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "store/letters.h"
#include "store/store.h"

/* Letter fields that are not case texts: the agency's settings. */
static const struct {
	const char	*key;
	const char	*label;
} agency_labels[] = {
	{ "agency_name", "机关名称" },
	{ "review_body", "行政复议机关" },
	{ "review_address", "行政复议机关地址" },
	{ "court", "管辖法院" },
	{ "court_address", "管辖法院地址" },
};

const char *
act_field_label(const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(agency_labels) / sizeof(agency_labels[0]); i++)
		if (strcmp(agency_labels[i].key, key) == 0)
			return agency_labels[i].label;
	return op_text_label(key);
}

int
act_letter_kind(const struct act_input *a)
{
	switch (action_find(a->action)) {
	case ACT_REPLY:
	case ACT_WITHDRAW:
	case ACT_CORRECTION_LAPSED:
	case ACT_FEE_LAPSED:
		return LETTER_REPLY;
	case ACT_REQUEST_CORRECTION:
		return LETTER_CORRECTION;
	case ACT_EXTEND:
		return LETTER_EXTENSION;
	case ACT_CONSULT_START:
		return a->party != NULL && strcmp(a->party, "agency") == 0 ?
		    LETTER_CONSULT_AGENCY : LETTER_CONSULT_THIRD;
	default:
		/* The fee notice is checked by its own operation. */
		return -1;
	}
}

/* Is key a case text (an officer fills it on the page)? */
static int
is_text(const char *key)
{
	return case_text_key_valid(key);
}

/* Composes the letter of kind k from the case as it now is. */
static enum cm_err
compose(const struct op_ctx *ctx, const char *case_id, int k,
    struct op_refusal *rf)
{
	struct case_view	 v;
	struct agency		 ag;
	struct case_text	*tx = NULL;
	struct letter_src	 src;
	struct ctx		 c;
	char			*alt_body = NULL, *alt_addr = NULL;
	char			 missing[32], err[512];
	const char		*what;
	size_t			 ntx = 0;
	int			 o;
	enum cm_err		 rc;

	memset(&v, 0, sizeof(v));
	memset(&ag, 0, sizeof(ag));
	ctx_init(&c);
	if ((rc = case_load(ctx->st, ctx->cal, case_id, ctx->today, &v)) !=
	    CM_OK) {
		op_refuse(rf, rc, NULL, "读取案件失败");
		goto out;
	}
	if ((rc = store_agency_get(ctx->st, &ag)) != CM_OK) {
		rc = op_refuse(rf, rc == CM_NOTFOUND ? CM_CONFLICT : rc, NULL,
		    "尚未设置机关信息，无法生成文书，请管理员先填写机关设置");
		goto out;
	}
	if ((rc = case_texts_get(ctx->st, case_id, &tx, &ntx)) != CM_OK) {
		op_refuse(rf, rc, NULL, "读取文书内容失败");
		goto out;
	}
	setting_get(ctx->st, "review_body_alt", &alt_body);
	setting_get(ctx->st, "review_address_alt", &alt_addr);
	memset(&src, 0, sizeof(src));
	src.view = &v;
	src.agency = &ag;
	src.texts = tx;
	src.ntexts = ntx;
	src.cal = ctx->cal;
	src.review_body_alt = alt_body;
	src.review_address_alt = alt_addr;
	src.today = ctx->today;
	if (letter_ctx_fill((enum letter_kind)k, &src, &c) != NULL) {
		rc = op_refuse(rf, CM_SYSERR, NULL, "无法生成文书");
		goto out;
	}
	o = letter_ctx_outcome((enum letter_kind)k, &v);
	rc = letter_check((enum letter_kind)k, o, &c, missing,
	    sizeof(missing), err, sizeof(err));
	if (rc == CM_OK)
		goto out;
	what = k == LETTER_REPLY && o >= 0 ? outcomes[o].label :
	    k == LETTER_CORRECTION ? "补正告知书" :
	    k == LETTER_EXTENSION ? "延期答复告知书" :
	    k == LETTER_CONSULT_THIRD || k == LETTER_CONSULT_AGENCY ?
	    "征求意见书" : "文书";
	if (missing[0] != '\0' && is_text(missing)) {
		if (k == LETTER_REPLY)
			rc = op_refuse(rf, CM_INVALID, missing,
			    "答复结果为“%s”时须填写“%s”", what,
			    act_field_label(missing));
		else
			rc = op_refuse(rf, CM_INVALID, missing,
			    "%s须写明“%s”", what, act_field_label(missing));
	} else if (missing[0] != '\0')
		rc = op_refuse(rf, CM_CONFLICT, NULL, "机关设置缺少“%s”，"
		    "无法生成文书，请管理员先在机关设置中填写",
		    act_field_label(missing));
	else
		rc = op_refuse(rf, CM_INVALID, NULL, "无法生成%s，请检查所填"
		    "内容", what);
out:
	free(alt_body);
	free(alt_addr);
	ctx_clear(&c);
	case_texts_free(tx, ntx);
	agency_clear(&ag);
	case_view_clear(&v);
	return rc;
}

enum cm_err
act_letter_check(const struct op_ctx *ctx, const char *case_id,
    const struct act_input *a, struct op_refusal *rf)
{
	char		 err[512];
	int		 k;
	enum cm_err	 rc;

	if ((k = act_letter_kind(a)) < 0)
		return CM_OK;
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	rc = case_act(ctx->st, ctx->cal, case_id, a, ctx->actor, ctx->today,
	    err, sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(err));
	else
		rc = compose(ctx, case_id, k, rf);
	store_rollback(ctx->st);
	return rc;
}
