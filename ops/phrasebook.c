/* SPDX-License-Identifier: ISC */
/*
 * The phrasebook operation (phrasebook.h).  A wording belongs to a
 * scope (a reply outcome, or request-correction / consult-start) and
 * to a text that scope's form shows (ops/act_check.c).
 */
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "forms/validate.h"
#include "ops/act_check.h"
#include "ops/op.h"
#include "ops/phrasebook.h"
#include "store/phrases.h"
#include "store/store.h"

int
phrase_scope(const char *scope, int *act, int *outcome)
{
	int	 a, o;

	*act = -1;
	*outcome = -1;
	if (scope == NULL)
		return 0;
	if ((o = outcome_find(scope)) >= 0) {
		if (o == OUT_OTHER_NO_CORRECTION || o == OUT_OTHER_NO_FEE)
			return 0;
		*act = ACT_REPLY;
		*outcome = o;
		return 1;
	}
	a = action_find(scope);
	if (a != ACT_REQUEST_CORRECTION && a != ACT_CONSULT_START)
		return 0;
	*act = a;
	return 1;
}

enum cm_err
op_phrase_edit(const struct op_ctx *ctx, const struct phrase_in *in,
    struct phrase_out *out, struct op_refusal *rf)
{
	const char	*m;
	int		 add, del, act, o;
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (out != NULL)
		out->id = 0;
	if (!roles_may(ctx->role, PERM_SETTINGS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "只有管理员可以编辑常用表述");
	if (in->op == NULL || (strcmp(in->op, "add") != 0 &&
	    strcmp(in->op, "edit") != 0 && strcmp(in->op, "delete") != 0))
		return op_refuse(rf, CM_INVALID, "op", "未知的操作");
	add = strcmp(in->op, "add") == 0;
	del = strcmp(in->op, "delete") == 0;
	if (add) {
		if (!phrase_scope(in->scope, &act, &o))
			return op_refuse(rf, CM_INVALID, "scope",
			    "请选择适用的答复结果或事项");
		if (in->field == NULL || !act_text_shown(act, o, in->field))
			return op_refuse(rf, CM_INVALID, "field",
			    "请选择该表述填入的栏目");
	} else if (in->id <= 0)
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这条常用表述");
	if (!del && (m = valid_text(in->text, LIM_CASE_TEXT_CHARS, 1, 1)) !=
	    NULL)
		return op_refuse(rf, CM_INVALID, "text", "表述内容：%s", m);
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if (add)
		rc = phrase_add(ctx->st, in->scope, in->field, in->text,
		    out != NULL ? &out->id : NULL);
	else if (del)
		rc = phrase_del(ctx->st, in->id);
	else
		rc = phrase_set(ctx->st, in->id, in->text);
	if (rc == CM_OK && !add && out != NULL)
		out->id = in->id;
	if (rc == CM_OK)
		rc = store_commit(ctx->st);
	if (rc != CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, "%s", rc == CM_NOTFOUND ?
		    "没有这条常用表述" : "保存失败，请稍后再试");
	}
	return CM_OK;
}
