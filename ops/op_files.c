/* SPDX-License-Identifier: ISC */
/*
 * Notes, attachments and letters as operations (case_ops.h): each
 * checks the role, then does its work in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "cases/roles.h"
#include "ops/archive.h"
#include "ops/attachment.h"
#include "ops/case_ops.h"
#include "ops/note.h"
#include "store/store.h"

/* Runs the tail of an operation: commit, or roll back with rc. */
static enum cm_err
finish(const struct op_ctx *ctx, enum cm_err rc, struct op_refusal *rf)
{
	if (rc == CM_OK && (rc = store_commit(ctx->st)) != CM_OK)
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	if (rc != CM_OK)
		store_rollback(ctx->st);
	return rc;
}

enum cm_err
op_note_add(const struct op_ctx *ctx, const struct note_in *in, void *out,
    struct op_refusal *rf)
{
	char		 err[256];
	enum cm_err	 rc;

	(void)out;
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_NOTE))
		return op_refuse(rf, CM_FORBIDDEN, NULL, "您的角色不能添加备注");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	rc = note_add(ctx->st, in->case_key, in->text, ctx->actor, err,
	    sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, rc == CM_INVALID ? "text" : NULL, "%s",
		    rc == CM_SYSERR ? "保存失败，请稍后再试" : err);
	return finish(ctx, rc, rf);
}

enum cm_err
op_attachment_add(const struct op_ctx *ctx, const struct attach_in *in,
    struct attach_out *out, struct op_refusal *rf)
{
	char		 err[256];
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_ATTACH))
		return op_refuse(rf, CM_FORBIDDEN, NULL, "您的角色不能上传附件");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	rc = attachment_add(ctx->st, in->case_key, in->name, in->namelen,
	    in->data, in->len, ctx->actor, &out->id, out->sha256, err,
	    sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, rc == CM_INVALID ? "file" : NULL, "%s",
		    rc == CM_SYSERR ? "保存失败，请稍后再试" :
		    op_chinese(err));
	return finish(ctx, rc, rf);
}

enum cm_err
op_letter_issue(const struct op_ctx *ctx, const struct letter_in *in,
    struct letter_out *out, struct op_refusal *rf)
{
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (!roles_may_letter(ctx->role, in->kind))
		return op_refuse(rf, CM_FORBIDDEN, "kind",
		    "您的角色不能生成这种文书");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	rc = letter_issue(ctx->st, ctx->cal, in->case_key, in->kind,
	    ctx->actor, ctx->today, out, err, sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "生成文书失败" : rc == CM_NOTFOUND ? "没有这个案件" :
		    op_chinese(err));
	return finish(ctx, rc, rf);
}
