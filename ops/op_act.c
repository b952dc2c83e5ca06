/* SPDX-License-Identifier: ISC */
/*
 * Lifecycle actions, approval decisions and case texts as operations
 * (case_ops.h).  An action is applied directly or filed for a
 * reviewer's approval as the role matrix says (cases/roles.c); the
 * texts its form carries are stored in the same transaction, so a
 * refused action or request stores none of them.  An action that makes
 * a letter (a reply, a correction notice, an extension, a consultation)
 * is refused unless that letter can be composed (ops/act_check.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/fee.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "forms/validate.h"
#include "ops/act_check.h"
#include "ops/approval.h"
#include "ops/archive.h"
#include "ops/case_ops.h"
#include "ops/fee.h"
#include "ops/signoff.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/clock.h"

const char *const op_act_text_keys[OP_ACT_TEXTS] = { "correction_items",
    "consult_party", "consult_subject", "provided", "withheld_items",
    "reasons", "how_to_obtain", "earlier_reply", "published_where",
    "responsible_agency", "responsible_contact", "fee_pay_how",
    "third_party_objection", "third_party_reasons" };

/* The case texts as the pages label them (store/letters.h keys). */
static const struct {
	const char	*key;
	const char	*label;
} text_labels[] = {
	{ "provided", "予以公开的信息" },
	{ "how_to_obtain", "获取方式、途径和时间" },
	{ "withheld_items", "不予公开的内容及理由" },
	{ "reasons", "理由说明" },
	{ "published_where", "已主动公开的，公开的途径" },
	{ "correction_items", "需要补正的事项" },
	{ "consult_party", "征求意见对象" },
	{ "consult_subject", "征求意见事项" },
	{ "responsible_agency", "负责公开该信息的机关" },
	{ "responsible_contact", "该机关的联系方式" },
	{ "earlier_reply", "此前已作出的答复" },
	{ "fee_method", "收费方式" },
	{ "fee_count", "件数或页数" },
	{ "fee_computation", "计算说明" },
	{ "fee_pay_how", "缴费方式" },
	{ "service_method", "送达方式" },
	{ "contact_person", "联系人" },
	{ "contact_phone", "联系电话" },
	{ "third_party_objection", "第三方不同意公开的意见" },
	{ "third_party_reasons", "决定公开的理由（告知第三方）" },
};

const char *
op_text_label(const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(text_labels) / sizeof(text_labels[0]); i++)
		if (strcmp(text_labels[i].key, key) == 0)
			return text_labels[i].label;
	return "文书内容";
}

void
act_in_init(struct act_in *in)
{
	memset(in, 0, sizeof(*in));
	act_input_init(&in->a);
}

/* Checks one text (at most LIM_CASE_TEXT_CHARS, line breaks allowed);
 * NULL or a refusal naming it as the page does. */
static enum cm_err
text_ok(const char *key, const char *v, struct op_refusal *rf)
{
	const char	*m;

	if (v == NULL || v[0] == '\0')
		return CM_OK;
	if ((m = valid_text(v, LIM_CASE_TEXT_CHARS, 0, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, key, "%s：%s",
		    op_text_label(key), m);
	return CM_OK;
}

/* Stores the given texts of a case (inside the caller's transaction). */
static enum cm_err
texts_put(const struct op_ctx *ctx, const char *case_id,
    const char *const *key, const char *const *val, size_t n,
    int skip_empty, struct op_refusal *rf)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (val[i] == NULL || (skip_empty && val[i][0] == '\0'))
			continue;
		if (case_text_set(ctx->st, case_id, key[i], val[i],
		    ctx->actor) != CM_OK)
			return op_refuse(rf, CM_SYSERR, key[i],
			    "保存文书内容失败");
	}
	return CM_OK;
}

/* The fee-notice input, checked (fee_input). */
struct fee_in {
	enum fee_method	 method;
	int		 count;
	long long	 override_fen;	/* -1: none */
	const char	*reason;
};

/*
 * Checks the fee-notice fields (109号 method and count, an override
 * with its reason); a typed amount is refused: the operation computes
 * it.
 */
static enum cm_err
fee_input(const struct act_in *in, struct fee_in *f, struct op_refusal *rf)
{
	const char	*m;
	long long	 n;
	int		 k;

	memset(f, 0, sizeof(*f));
	f->override_fen = -1;
	if (in->amount != NULL && in->amount[0] != '\0')
		return op_refuse(rf, CM_INVALID, "amount", "收费金额不能直接填写："
		    "请选择收费方式并填写件数或页数，金额按国办函〔2020〕109号的"
		    "标准计算；确需调整的，请填写调整金额和调整理由");
	if (in->fee_method == NULL || in->fee_method[0] == '\0' ||
	    (k = fee_method_find(in->fee_method)) < 0)
		return op_refuse(rf, CM_INVALID, "method",
		    "收费方式：请选择按件计收或按量计收");
	f->method = (enum fee_method)k;
	/* Per item the operation counts the application's ordinal in
	 * the month (decision 18); a typed count must agree with it. */
	if ((in->fee_count == NULL || in->fee_count[0] == '\0') &&
	    f->method == FEE_ITEM)
		f->count = 0;
	else if (in->fee_count == NULL || in->fee_count[0] == '\0')
		return op_refuse(rf, CM_INVALID, "count",
		    "件数或页数：按量计收的，必须填写页数");
	else if ((m = valid_int(in->fee_count, 1, FEE_MAXCOUNT, &n)) != NULL)
		return op_refuse(rf, CM_INVALID, "count", "件数或页数：%s", m);
	else
		f->count = (int)n;
	if (in->override_amount != NULL && in->override_amount[0] != '\0') {
		if ((m = valid_yuan(in->override_amount, &f->override_fen)) !=
		    NULL)
			return op_refuse(rf, CM_INVALID, "override_amount",
			    "调整金额：%s", m);
		if (f->override_fen <= 0)
			return op_refuse(rf, CM_INVALID, "override_amount",
			    "调整金额：应大于0（不收费的，无需发出收费通知）");
		if (in->reason == NULL || in->reason[0] == '\0')
			return op_refuse(rf, CM_INVALID, "reason",
			    "调整理由：填写调整金额的，必须说明调整理由");
	} else if (in->reason != NULL && in->reason[0] != '\0')
		return op_refuse(rf, CM_INVALID, "override_amount",
		    "调整金额：填写了调整理由，请同时填写调整金额");
	if (in->reason != NULL && in->reason[0] != '\0') {
		if ((m = valid_text(in->reason, LIM_COMMENT_CHARS, 1, 1)) !=
		    NULL)
			return op_refuse(rf, CM_INVALID, "reason",
			    "调整理由：%s", m);
		f->reason = in->reason;
	}
	return CM_OK;
}

/*
 * Works out the fee of the notice (fee_notice_prepare: the bands of
 * `fee quote`) inside the operation's transaction and fills the record
 * its event carries; refuses a notice with nothing due or an override
 * not below the computed amount.
 */
static enum cm_err
fee_prepare(const struct op_ctx *ctx, const char *case_id,
    const struct fee_in *f, struct fee_applied *fa, struct fee_notice *fn,
    struct op_refusal *rf)
{
	const char	*field;
	char		 err[512];
	enum cm_err	 rc;

	if ((rc = fee_notice_prepare(ctx->st, case_id, f->method, f->count,
	    f->override_fen, f->reason, fa, fn, &field, err, sizeof(err))) !=
	    CM_OK)
		return op_refuse(rf, rc, field, "%s", rc == CM_SYSERR ?
		    "读取失败，请稍后再试" : err);
	return CM_OK;
}

/* Withdraws the pending approval of case id once it is closed. */
static enum cm_err
withdraw_pending(const struct op_ctx *ctx, const char *id)
{
	char	 now[32];

	now_iso(now);
	return store_approvals_withdraw(ctx->st, id, ctx->actor, now,
	    "案件已办结，待审批事项自动撤回", NULL);
}

enum cm_err
op_case_act(const struct op_ctx *ctx, const struct act_in *in,
    struct act_out *out, struct op_refusal *rf)
{
	struct act_input a = in->a;
	struct case_rec	 c;
	struct fee_in	 fi;
	struct fee_applied fa;
	struct fee_notice fn;
	const char	*m;
	char		 err[512];
	enum grant	 g;
	long long	 n;
	int		 act, i, texts;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if ((act = action_find(a.action)) < 0 || act == ACT_RECEIVE)
		return op_refuse(rf, CM_INVALID, "action", "未知的操作");
	if ((g = roles_act(ctx->role, (enum action)act)) == GRANT_DENY)
		return op_refuse(rf, CM_FORBIDDEN, "action",
		    "您的角色不能进行此项操作");
	/* An officer's fee notice goes through the agency's sign-off
	 * chain once one is configured for it (ops/signoff.h). */
	if (g == GRANT_ALLOW && signoff_requires(ctx->st, act, ctx->role))
		g = GRANT_APPROVAL;
	if (a.on != NULL && a.on[0] != '\0' && (m = valid_date(a.on)) != NULL)
		return op_refuse(rf, CM_INVALID, "on", "生效日期：%s", m);
	if (a.told_on != NULL && a.told_on[0] != '\0' &&
	    (m = valid_date(a.told_on)) != NULL)
		return op_refuse(rf, CM_INVALID, "told_on", "告知申请人日期：%s",
		    m);
	if (a.outcome != NULL && a.outcome[0] != '\0' &&
	    outcome_find(a.outcome) < 0)
		return op_refuse(rf, CM_INVALID, "outcome", "未知的答复结果");
	if (act == ACT_REPLY && (a.outcome == NULL || a.outcome[0] == '\0'))
		return op_refuse(rf, CM_CONFLICT, "outcome", "请选择答复结果");
	if (act == ACT_SET_LATER_DEADLINE) {
		/* Art 35: a reasonable later deadline, in working days. */
		if (in->days == NULL || in->days[0] == '\0')
			return op_refuse(rf, CM_INVALID, "days",
			    "延迟答复期限（工作日）：必须填写");
		if ((m = valid_int(in->days, 1, LIM_LATER_DEADLINE_WD_MAX,
		    &n)) != NULL)
			return op_refuse(rf, CM_INVALID, "days",
			    "延迟答复期限（工作日）：%s", m);
		a.days = (int)n;
	} else if (in->days != NULL && in->days[0] != '\0') {
		if ((m = valid_int(in->days, 1, LAW_EXTENSION_WD, &n)) != NULL)
			return op_refuse(rf, CM_INVALID, "days", "延长工作日：%s",
			    m);
		a.days = (int)n;
	}
	if (act == ACT_FEE_NOTICE && (rc = fee_input(in, &fi, rf)) != CM_OK)
		return rc;
	if (a.party != NULL && a.party[0] != '\0' &&
	    strcmp(a.party, "third_party") != 0 &&
	    strcmp(a.party, "agency") != 0)
		return op_refuse(rf, CM_INVALID, "party",
		    "征求意见类型应为第三方或其他机关");
	if (a.note != NULL && a.note[0] != '\0' &&
	    (m = valid_text(a.note, LIM_COMMENT_CHARS, 0, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "note", "备注：%s", m);
	if (a.approver != NULL && a.approver[0] != '\0' &&
	    (m = valid_text(a.approver, LIM_APPROVER_CHARS, 1, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "approver", "批准人：%s", m);
	texts = 0;
	for (i = 0; i < OP_ACT_TEXTS; i++) {
		if ((rc = text_ok(op_act_text_keys[i], in->texts[i], rf)) !=
		    CM_OK)
			return rc;
		if (in->texts[i] != NULL && in->texts[i][0] != '\0')
			texts = 1;
	}
	if (texts && !roles_may(ctx->role, PERM_TEXTS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能编辑文书内容");
	a.addr = ctx->addr;

	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	memset(&fa, 0, sizeof(fa));
	if ((rc = store_case_get(ctx->st, in->case_key, &c)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		goto fail;
	}
	if (act == ACT_FEE_NOTICE) {
		if ((rc = fee_prepare(ctx, c.id, &fi, &fa, &fn, rf)) != CM_OK)
			goto fail;
		a.amount_fen = fee_notice_charged(&fn);
		a.fee = &fn;
	}
	/* The texts first, so that the letter is composed with them; a
	 * decision whose letter cannot be made is refused whether it is
	 * applied now or filed for approval. */
	if ((rc = texts_put(ctx, c.id, op_act_text_keys, in->texts,
	    OP_ACT_TEXTS, 1, rf)) != CM_OK)
		goto fail;
	/* Art 35: the reasons period is the agency's, stated in the
	 * letter and kept with the step. */
	if (act == ACT_ASK_REASONS)
		a.days = act_reasons_period(ctx->st);
	if ((rc = act_letter_check(ctx, c.id, &a, rf)) != CM_OK)
		goto fail;
	if (g == GRANT_APPROVAL) {
		rc = approval_request(ctx->st, ctx->cal, c.id, &a, ctx->actor,
		    ctx->today, &out->approval, err, sizeof(err));
		out->pending = rc == CM_OK;
	} else
		rc = case_act(ctx->st, ctx->cal, c.id, &a, ctx->actor,
		    ctx->today, err, sizeof(err));
	if (rc != CM_OK) {
		op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(err));
		goto fail;
	}
	if (act == ACT_FEE_NOTICE && !out->pending &&
	    (rc = fee_record(ctx->st, c.id, &fa, ctx->actor)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	/* Applied directly: its letter (a reply, a closure, an extension)
	 * is numbered and stored in the same transaction. */
	if (!out->pending && (rc = letter_after_action(ctx->st, ctx->cal,
	    c.id, a.action, ctx->actor, ctx->today, NULL, err,
	    sizeof(err))) != CM_OK) {
		op_refuse(rf, rc == CM_SYSERR ? rc : CM_CONFLICT, NULL, "%s%s",
		    rc == CM_SYSERR ? "保存失败，请稍后再试" : "文书无法生成，"
		    "未予办理：", rc == CM_SYSERR ? "" : op_chinese(err));
		rc = rc == CM_SYSERR ? rc : CM_CONFLICT;
		goto fail;
	}
	/* Archiving seals the case file in the same transaction: if it
	 * cannot be sealed, the case is not archived (issue 14). */
	if (act == ACT_ARCHIVE && !out->pending &&
	    (rc = archive_seal(ctx, c.id, rf)) != CM_OK)
		goto fail;
	/* A case the action closed (a withdrawal, a reply, archiving)
	 * keeps no pending approval (issue 16 L9). */
	if (!out->pending && (rc = withdraw_pending(ctx, c.id)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	/* Decision 17: registration is not blocked, but told what
	 * Art 29 items are missing. */
	if (act == ACT_REGISTER)
		out->art29_missing = art29_missing(&c);
	fee_applied_clear(&fa);
	case_rec_clear(&c);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	fee_applied_clear(&fa);
	case_rec_clear(&c);
	memset(out, 0, sizeof(*out));
	return rc;
}

/*
 * Signs the step to sign now of a pending request (approval_decide):
 * the page, the API and `case decide` all come here.  A refusal because
 * the actor may not sign that step names the field OP_DECIDE_SIGNER.
 * While no pending request has a step for anyone but a reviewer,
 * anyone else is refused before anything is read, as before the
 * chains.  out (may be NULL) gets the status after the signature.
 */
enum cm_err
op_approval_decide(const struct op_ctx *ctx, const struct decide_in *in,
    struct decide_out *out, struct op_refusal *rf)
{
	struct approval	 ap;
	struct case_rec	 c;
	struct signoff_view sv;
	const char	*m;
	char		 err[512];
	int		 approve, signer_ok, step;
	enum cm_err	 rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (in->decision == NULL || (strcmp(in->decision, "approve") != 0 &&
	    strcmp(in->decision, "reject") != 0))
		return op_refuse(rf, CM_INVALID, "decision",
		    "请选择批准或退回");
	approve = strcmp(in->decision, "approve") == 0;
	if (in->comment != NULL && in->comment[0] != '\0' &&
	    (m = valid_text(in->comment, LIM_COMMENT_CHARS, 0, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "comment", "审批意见：%s", m);
	if (!roles_may(ctx->role, PERM_APPROVE) && !signoff_in_use(ctx->st))
		return op_refuse(rf, CM_FORBIDDEN, OP_DECIDE_SIGNER,
		    "只有审核人可以审批");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	memset(&ap, 0, sizeof(ap));
	if (in->approval <= 0 ||
	    approval_get(ctx->st, in->approval, &ap) != CM_OK ||
	    store_case_get(ctx->st, in->case_key, &c) != CM_OK ||
	    strcmp(c.id, ap.case_id) != 0) {
		rc = op_refuse(rf, CM_NOTFOUND, NULL, "没有这个审批请求");
		goto fail;
	}
	/* Whether the actor signs the step to sign now, to name the
	 * refusal; approval_decide() decides. */
	if ((rc = signoff_view_get(ctx->st, &ap, ctx->actor, ctx->role,
	    &sv)) != CM_OK) {
		op_refuse(rf, rc, NULL, "读取审批请求失败");
		goto fail;
	}
	signer_ok = sv.current < 0 || sv.may_sign;
	step = sv.current + 1;
	signoff_view_clear(&sv);
	rc = approval_decide(ctx->st, ctx->cal, in->approval, approve,
	    ctx->actor, ctx->role, in->comment, ctx->addr, ctx->today, err,
	    sizeof(err));
	if (rc != CM_OK) {
		op_refuse(rf, rc, rc == CM_CONFLICT && !signer_ok ?
		    OP_DECIDE_SIGNER : NULL, "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(err));
		goto fail;
	}
	if (out != NULL) {
		approval_clear(&ap);
		if (approval_get(ctx->st, in->approval, &ap) == CM_OK)
			snprintf(out->status, sizeof(out->status), "%s",
			    ap.status);
		out->step = step;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	approval_clear(&ap);
	case_rec_clear(&c);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	approval_clear(&ap);
	case_rec_clear(&c);
	return rc;
}

/*
 * The letter of the decision awaiting approval, if any, can still be
 * made with the texts as they now are (a required text cannot be
 * cleared while the reviewer has not decided).
 */
static enum cm_err
pending_letter_ok(const struct op_ctx *ctx, const char *case_id,
    struct op_refusal *rf)
{
	struct approval	*ap = NULL;
	struct act_input a;
	size_t		 n = 0;
	enum cm_err	 rc;

	if ((rc = approvals_list(ctx->st, case_id, 1, 1, &ap, &n)) != CM_OK)
		return op_refuse(rf, rc, NULL, "读取审批请求失败");
	if (n == 0) {
		approvals_free(ap, n);
		return CM_OK;
	}
	act_input_init(&a);
	a.action = ap[0].action;
	a.outcome = ap[0].outcome;
	a.on = ap[0].effective;
	a.days = ap[0].days;
	a.told_on = ap[0].told_on;
	a.approver = ctx->actor;
	rc = act_letter_check(ctx, case_id, &a, rf);
	approvals_free(ap, n);
	/* Only a missing text stops the edit; whether the decision can
	 * still be applied is the reviewer's question. */
	if (rc != CM_OK && rc != CM_SYSERR && rf->field[0] == '\0') {
		op_refusal_init(rf);
		rc = CM_OK;
	}
	return rc;
}

enum cm_err
op_case_texts(const struct op_ctx *ctx, const struct texts_in *in,
    void *out, struct op_refusal *rf)
{
	struct case_rec	 c;
	size_t		 i;
	enum cm_err	 rc;

	(void)out;
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_TEXTS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能编辑文书内容");
	if (in->n > OP_TEXTS_MAX)
		return op_refuse(rf, CM_INVALID, NULL, "文书内容项过多");
	for (i = 0; i < in->n; i++) {
		if (!case_text_key_valid(in->key[i]))
			return op_refuse(rf, CM_INVALID, NULL,
			    "未知的文书内容项");
		if ((rc = text_ok(in->key[i], in->value[i], rf)) != CM_OK)
			return rc;
	}
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	if ((rc = store_case_get(ctx->st, in->case_key, &c)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		goto fail;
	}
	if ((rc = texts_put(ctx, c.id, in->key, in->value, in->n, 0, rf)) !=
	    CM_OK)
		goto fail;
	if ((rc = pending_letter_ok(ctx, c.id, rf)) != CM_OK)
		goto fail;
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
