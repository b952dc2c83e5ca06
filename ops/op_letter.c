/* SPDX-License-Identifier: ISC */
/*
 * Letters as operations (case_ops.h), besides the first issue
 * (op_files.c): the explicit reissue of a letter that went out, with
 * its reason in the audit trail, and the draft of the letter a pending
 * approval would send, which reads only.
 */
#include <stdio.h>
#include <string.h>

#include "cases/roles.h"
#include "ops/archive.h"
#include "ops/approval.h"
#include "ops/audit.h"
#include "ops/case_ops.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"

enum cm_err
op_letter_reissue(const struct op_ctx *ctx, const struct reissue_in *in,
    struct letter_out *out, struct op_refusal *rf)
{
	struct case_rec	 c;
	struct buf	 b;
	struct json	 j;
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&c, 0, sizeof(c));
	if (!roles_may_letter(ctx->role, in->kind))
		return op_refuse(rf, CM_FORBIDDEN, "kind",
		    "您的角色不能出具这种文书");
	if (in->reason == NULL || in->reason[0] == '\0')
		return op_refuse(rf, CM_INVALID, "reason",
		    "请填写重新出具的原因");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	if ((rc = store_case_get(ctx->st, in->case_key, &c)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		goto fail;
	}
	rc = letter_reissue(ctx->st, ctx->cal, c.id, in->kind, in->reason,
	    ctx->actor, ctx->today, out, err, sizeof(err));
	if (rc != CM_OK) {
		op_refuse(rf, rc, rc == CM_INVALID && strstr(err, "原因") !=
		    NULL ? "reason" : NULL, "%s", rc == CM_SYSERR ?
		    "生成文书失败" : op_chinese(err));
		goto fail;
	}
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	json_str(&j, "kind", in->kind);
	json_int(&j, "version", out->version);
	json_str(&j, "doc_number", out->doc_number);
	json_str(&j, "sha256", out->sha256);
	json_str(&j, "reason", in->reason);
	json_obj_close(&j);
	rc = audit_log(ctx->st, ctx->actor, ctx->addr != NULL ? ctx->addr : "",
	    "letter.reissue", c.number, buf_str(&b));
	buf_clear(&b);
	if (rc != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	case_rec_clear(&c);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	case_rec_clear(&c);
	return rc;
}

enum cm_err
op_approval_draft(const struct op_ctx *ctx, const struct draft_in *in,
    struct letter_out *out, struct op_refusal *rf)
{
	struct approval	 ap;
	struct case_rec	 c;
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&c, 0, sizeof(c));
	memset(&ap, 0, sizeof(ap));
	if (in->approval <= 0 ||
	    approval_get(ctx->st, in->approval, &ap) != CM_OK ||
	    store_case_get(ctx->st, in->case_key, &c) != CM_OK ||
	    strcmp(c.id, ap.case_id) != 0) {
		rc = op_refuse(rf, CM_NOTFOUND, NULL, "没有这个审批请求");
		goto out;
	}
	if (strcmp(ap.status, "pending") != 0) {
		rc = op_refuse(rf, CM_CONFLICT, NULL, "该请求已处理，出具的文书"
		    "见案件的“文书”");
		goto out;
	}
	rc = approval_draft(ctx->st, ctx->cal, in->approval, ctx->today, out,
	    err, sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "生成样稿失败" : op_chinese(err));
out:
	approval_clear(&ap);
	case_rec_clear(&c);
	return rc;
}
