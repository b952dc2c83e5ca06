/* SPDX-License-Identifier: ISC */
/* Operations on frequently requested information (see proactive_ops.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "ops/op.h"
#include "ops/proactive.h"
#include "ops/proactive_ops.h"
#include "ops/refuse.h"
#include "store/store.h"
#include "util/xmalloc.h"

/* Checks one text field; CM_OK or the refusal naming it. */
static enum cm_err
text_check(const char *v, const char *key, const char *label, size_t max,
    int required, int multiline, struct op_refusal *rf)
{
	const char	*m;

	if ((m = valid_text(v, max, required, multiline)) != NULL)
		return op_refuse(rf, CM_INVALID, key, "%s：%s", label, m);
	return CM_OK;
}

static enum cm_err
begin(const struct op_ctx *ctx, struct op_refusal *rf)
{
	enum cm_err	 rc;

	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	return CM_OK;
}

/* Commits when rc is CM_OK (else rolls back); err is the domain's
 * message for a refusal not yet set. */
static enum cm_err
end(const struct op_ctx *ctx, enum cm_err rc, const char *err,
    struct op_refusal *rf)
{
	if (rc == CM_OK && (rc = store_commit(ctx->st)) != CM_OK)
		err = "保存失败";
	if (rc != CM_OK) {
		store_rollback(ctx->st);
		if (rf->msg[0] == '\0')
			op_refuse_msg(rf, rc, NULL, err);
	}
	return rc;
}

/* The first case of group other than key (by number or id); NULL. */
static char *
group_anchor(const struct op_ctx *ctx, int64_t group, const char *key,
    enum cm_err *rc)
{
	struct proactive_filter	 f;
	struct proactive_group	*g = NULL;
	char			*a = NULL;
	size_t			 n = 0, i;

	memset(&f, 0, sizeof(f));
	f.group_id = group;
	*rc = proactive_groups_load(ctx->st, &f, &g, &n);
	if (*rc == CM_OK && n == 0)
		*rc = CM_NOTFOUND;
	for (i = 0; *rc == CM_OK && i < g->nm && a == NULL; i++)
		if (strcmp(g->m[i].number, key) != 0 &&
		    strcmp(g->m[i].case_id, key) != 0)
			a = xstrdup(g->m[i].number);
	proactive_groups_free(g, n);
	return a;
}

/*
 * An officer's link (or unlink): the two cases ask (or do not ask) for
 * the same information.  Linking may merge two groups; out->group is
 * the group case b is in afterwards (0 when none).
 */
enum cm_err
op_proactive_link(const struct op_ctx *ctx, const struct px_link_in *in,
    struct px_link_out *out, struct op_refusal *rf)
{
	struct proactive_filter	 f;
	struct proactive_group	*g = NULL;
	char			 err[512] = "", *anchor = NULL;
	const char		*a = in->a;
	size_t			 n = 0;
	enum cm_err		 rc;

	op_refusal_init(rf);
	out->group = 0;
	if ((a != NULL && (rc = text_check(a, "case", "案件编号",
	    LIM_CASE_KEY_CHARS, 1, 0, rf)) != CM_OK) ||
	    (rc = text_check(in->b, "case", "案件编号", LIM_CASE_KEY_CHARS, 1,
	    0, rf)) != CM_OK)
		return rc;
	if ((rc = begin(ctx, rf)) != CM_OK)
		return rc;
	if (a == NULL) {
		if ((anchor = group_anchor(ctx, in->group, in->b, &rc)) ==
		    NULL) {
			if (rc == CM_NOTFOUND)
				op_refuse(rf, rc, NULL, "没有这个分组");
			else if (rc == CM_OK)
				op_refuse(rf, rc = CM_CONFLICT, NULL,
				    "本组没有可以关联的其他案件");
			else
				op_refuse(rf, rc, NULL, "读取失败");
			return end(ctx, rc, NULL, rf);
		}
		a = anchor;
	}
	rc = in->unlink ? proactive_unlink(ctx->st, a, in->b, ctx->actor,
	    err, sizeof(err)) : proactive_link(ctx->st, a, in->b, ctx->actor,
	    err, sizeof(err));
	if (rc == CM_OK && !in->unlink) {
		memset(&f, 0, sizeof(f));
		f.case_id = in->b;
		if (proactive_groups_load(ctx->st, &f, &g, &n) == CM_OK &&
		    n == 1)
			out->group = g->id;
		proactive_groups_free(g, n);
	}
	free(anchor);
	return end(ctx, rc, err, rf);
}

/* Records an applicant's proposal (art. 44 ¶2) on the case's group;
 * out->group is its id. */
enum cm_err
op_proactive_propose(const struct op_ctx *ctx,
    const struct px_propose_in *in, struct px_group_out *out,
    struct op_refusal *rf)
{
	char		 err[512] = "";
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	if ((rc = text_check(in->case_key, "case", "案件编号",
	    LIM_CASE_KEY_CHARS, 1, 0, rf)) != CM_OK ||
	    (rc = text_check(in->reason, "reason", "建议理由",
	    LIM_COMMENT_CHARS, 1, 1, rf)) != CM_OK ||
	    (rc = begin(ctx, rf)) != CM_OK)
		return rc;
	rc = proactive_propose(ctx->st, in->case_key, in->reason, ctx->actor,
	    &out->group, err, sizeof(err));
	return end(ctx, rc, err, rf);
}

/* Accepts a group's proposals, recording where and when the
 * information was published; out->publication is its id. */
enum cm_err
op_proactive_accept(const struct op_ctx *ctx, const struct px_accept_in *in,
    struct px_group_out *out, struct op_refusal *rf)
{
	const char	*m;
	char		 err[512] = "";
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	out->group = in->group;
	if (in->group < 1)
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这个分组");
	if ((rc = text_check(in->title, "title", "标题", LIM_PUB_TITLE_CHARS, 1, 0,
	    rf)) != CM_OK ||
	    (rc = text_check(in->doc_number, "doc_number", "文号",
	    LIM_DOC_NUMBER_CHARS, 0, 0, rf)) != CM_OK ||
	    (rc = text_check(in->where, "where", "公开栏目或网址",
	    LIM_PUB_WHERE_CHARS, 1, 0, rf)) != CM_OK)
		return rc;
	if ((m = valid_date(in->on != NULL ? in->on : "")) != NULL)
		return op_refuse(rf, CM_INVALID, "on", "公开日期：%s", m);
	if ((rc = begin(ctx, rf)) != CM_OK)
		return rc;
	rc = proactive_accept(ctx->st, in->group, in->title,
	    in->doc_number != NULL && in->doc_number[0] != '\0' ?
	    in->doc_number : NULL, in->where, in->on, ctx->actor,
	    &out->publication, err, sizeof(err));
	return end(ctx, rc, err, rf);
}

/* Declines a group's open proposals with the reason. */
enum cm_err
op_proactive_decline(const struct op_ctx *ctx,
    const struct px_decline_in *in, struct op_refusal *rf)
{
	char		 err[512] = "";
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (in->group < 1)
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这个分组");
	if ((rc = text_check(in->reason, "reason", "不予采纳的理由",
	    LIM_COMMENT_CHARS, 1, 1, rf)) != CM_OK ||
	    (rc = begin(ctx, rf)) != CM_OK)
		return rc;
	rc = proactive_decline(ctx->st, in->group, in->reason, ctx->actor, err,
	    sizeof(err));
	return end(ctx, rc, err, rf);
}

/* Adds (or removes) an officer's tag of 1-20 characters on a case. */
enum cm_err
op_proactive_tag(const struct op_ctx *ctx, const struct px_tag_in *in,
    struct op_refusal *rf)
{
	char		 err[512] = "";
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = text_check(in->case_key, "case", "案件编号",
	    LIM_CASE_KEY_CHARS, 1, 0, rf)) != CM_OK ||
	    (rc = text_check(in->tag, "tag", "标签", LIM_TAG_CHARS, 1, 0,
	    rf)) != CM_OK ||
	    (rc = begin(ctx, rf)) != CM_OK)
		return rc;
	rc = proactive_tag(ctx->st, in->case_key, in->tag, in->remove,
	    ctx->actor, err, sizeof(err));
	return end(ctx, rc, err, rf);
}
