/* SPDX-License-Identifier: ISC */
/* Approval of extensions and replies (see approval.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/approval.h"
#include "ops/case.h"
#include "ops/fee.h"
#include "cases/fee.h"
#include "util/buf.h"
#include "util/json.h"
#include "ops/letter_issue.h"
#include "ops/signoff.h"
#include "store/signoff.h"
#include "cases/codes.h"
#include "cases/limits.h"
#include "cases/lifecycle.h"
#include "cases/roles.h"
#include "forms/validate.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

/* Puts s before the message in err. */
static void
prefix(char *err, size_t errlen, const char *s)
{
	char	 tmp[512];

	snprintf(tmp, sizeof(tmp), "%s", err);
	snprintf(err, errlen, "%s%s", s, tmp);
}

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Checks what case_act() would check for this action as of today,
 * without changing anything: the action is applied inside a
 * transaction that is then rolled back.  So a request the rules would
 * refuse is refused now, with the same message, rather than when the
 * reviewer approves it.  case_id gets the case's UUID.
 */
static enum cm_err
dry_run(struct store *st, const struct calendar *cal, const char *key,
    const struct act_input *in, int today, char *case_id, char *err,
    size_t errlen)
{
	struct case_rec	 c;
	enum cm_err	 rc;

	if ((rc = store_case_get(st, key, &c)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个案件" : "读取案件失败");
		case_rec_clear(&c);
		return rc;
	}
	memcpy(case_id, c.id, 37);
	case_rec_clear(&c);
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙");
		return rc;
	}
	rc = case_act(st, cal, case_id, in, "approval-check", today, err,
	    errlen);
	store_rollback(st);
	return rc;
}

/*
 * Copies the chain of kind (signoff_chain: configured, or the default
 * single step) to request id; a configured chain marks the request as
 * one whose approval issues the 办理审批单.
 */
static enum cm_err
chain_copy(struct store *st, int64_t id, const char *kind, char *err,
    size_t errlen)
{
	struct signoff_step *v = NULL;
	size_t		 n = 0, i;
	int		 configured;
	enum cm_err	 rc;

	if ((rc = signoff_chain(st, kind, &v, &n, &configured)) != CM_OK) {
		ERR("读取签批流程失败");
		return rc;
	}
	for (i = 0; i < n && rc == CM_OK; i++)
		rc = approval_step_add(st, id, &v[i]);
	if (rc == CM_OK && configured)
		rc = approval_form_set(st, id);
	if (rc != CM_OK)
		ERR("保存失败");
	signoff_steps_free(v, n);
	return rc;
}

/*
 * Files an officer's reply or extension for approval.  The action is
 * checked against the case now (CM_CONFLICT with the rule's message if
 * refused, or when a request is already pending).  *id gets the
 * request's id.
 */
enum cm_err
approval_request(struct store *st, const struct calendar *cal,
    const char *key, const struct act_input *in, const char *user,
    int today, int64_t *id, char *err, size_t errlen)
{
	struct approval	 p;
	char		 case_id[37], now[32];
	int		 a;
	enum cm_err	 rc;

	a = action_find(in->action);
	if (a != ACT_REPLY && a != ACT_EXTEND && a != ACT_FEE_NOTICE) {
		ERR("只有答复、延期和收费通知需要审批");
		return CM_INVALID;
	}
	if (a == ACT_FEE_NOTICE && in->fee == NULL) {
		ERR("收费通知缺少收费计算");
		return CM_INVALID;
	}
	if ((rc = dry_run(st, cal, key, in, today, case_id, err, errlen)) !=
	    CM_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	memcpy(p.case_id, case_id, sizeof(p.case_id));
	now_iso(now);
	p.action = (char *)actions[a].code;
	p.effective = (char *)nz(in->on);
	p.outcome = (char *)nz(in->outcome);
	p.days = in->days;
	p.told_on = (char *)nz(in->told_on);
	p.note = (char *)(in->note != NULL ? in->note : "");
	p.requested_by = (char *)user;
	p.requested_at = now;
	rc = store_approval_insert(st, &p, id);
	if (rc == CM_CONFLICT)
		ERR("该案件已有待审批的请求 (a request is already pending)");
	else if (rc != CM_OK)
		ERR("保存失败");
	if (rc == CM_OK)
		rc = chain_copy(st, *id, signoff_kind_of(p.action, p.outcome),
		    err, errlen);
	/* A fee notice keeps its 109号 input, worked out again when
	 * approved. */
	if (rc == CM_OK && a == ACT_FEE_NOTICE) {
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		fee_notice_json(in->fee, &j);
		json_obj_close(&j);
		if ((rc = approval_fee_set(st, *id, buf_str(&b))) != CM_OK)
			ERR("保存失败");
		buf_clear(&b);
	}
	return rc;
}

/*
 * The fee of a fee notice filed for approval, worked out again as of
 * now from its stored 109号 input (fee_notice_prepare, as op_case_act
 * does): fa and fn as for the action, stored owns what fn borrows,
 * *json the stored input (free it).  CM_CONFLICT when the notice can
 * no longer be made (nothing due, an override no longer below).
 */
static enum cm_err
fee_again(struct store *st, const struct approval *p, struct fee_applied *fa,
    struct fee_notice *fn, struct fee_notice *stored, char **json,
    char *err, size_t errlen)
{
	const char	*field;
	enum cm_err	 rc;

	*json = NULL;
	if ((rc = approval_fee_get(st, p->id, json)) != CM_OK) {
		ERR("读取失败");
		return rc;
	}
	if (*json == NULL || fee_notice_parse(*json, stored) != 1) {
		ERR("收费通知缺少收费计算，请退回后重新提出");
		return CM_CONFLICT;
	}
	rc = fee_notice_prepare(st, p->case_id, stored->method, stored->count,
	    stored->override_fen, stored->reason, fa, fn, &field, err, errlen);
	if (rc == CM_INVALID)
		rc = CM_CONFLICT;
	return rc;
}

/*
 * Signs the step of a pending request that is to be signed now (its
 * chain: ops/signoff.h; a request filed before the chains gets the
 * default single step).  Approving the last step applies the action
 * with case_act() as of today -- the requester as actor, the last
 * signer as approver --, issues and stores the letter it sends (the
 * reply or the extension notice, with its 文号; letter_after_action),
 * for a configured chain also the 办理审批单 (letter_after_signoff),
 * and marks the request approved, in one transaction; if the rules now
 * refuse the action or a letter cannot be made, nothing changes and the
 * error says why.  Approving an earlier step records the signature and
 * leaves the request pending for the next.
 * Rejecting, at any step, needs a comment (what is to change), which
 * the requester then sees on the dashboard; the request is returned.
 * Each signature records the signer, the opinion (the comment) and
 * the time.  addr is the decider's client address, recorded with the
 * event.  The comment is checked like every comment (valid_text(),
 * LIM_COMMENT_CHARS), whichever interface brings it: CM_INVALID
 * otherwise.  Refused with CM_CONFLICT: a decider who may not sign the
 * step to sign now (signoff_may_sign), the requester at the last step,
 * or a request no longer pending.
 */
enum cm_err
approval_decide(struct store *st, const struct calendar *cal, int64_t id,
    int approve, const char *user, enum role role, const char *comment,
    const char *addr, int today, char *err, size_t errlen)
{
	struct approval	 p;
	struct act_input a;
	struct signoff_step *s = NULL, def;
	struct fee_applied fa;
	struct fee_notice fn, stored;
	const char	*m;
	char		 now[32], who[256], *fee_json = NULL;
	size_t		 n = 0, cur;
	int		 last, form = 0;
	enum cm_err	 rc;

	memset(&fa, 0, sizeof(fa));
	memset(&fn, 0, sizeof(fn));
	memset(&stored, 0, sizeof(stored));
	if ((m = valid_text(comment, LIM_COMMENT_CHARS, 0, 1)) != NULL) {
		ERR("审批意见：%s", m);
		return CM_INVALID;
	}
	if ((rc = store_approval_get(st, id, &p)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个审批请求" : "读取失败");
		return rc;
	}
	if ((rc = approval_steps_get(st, id, &s, &n)) != CM_OK) {
		ERR("读取失败");
		goto out;
	}
	if (n == 0) {
		/* Filed before the chains: the default step, recorded
		 * now with its signature. */
		signoff_default(&def);
		if ((rc = approval_step_add(st, id, &def)) != CM_OK ||
		    (rc = approval_steps_get(st, id, &s, &n)) != CM_OK) {
			ERR("读取失败");
			goto out;
		}
	}
	for (cur = 0; cur < n && s[cur].decision[0] != '\0'; cur++)
		;
	last = cur + 1 == n;
	if (cur < n && !signoff_may_sign(st, &s[cur], p.case_id,
	    p.requested_by, user, role)) {
		signoff_signer_label(s[cur].signer, who, sizeof(who));
		if (n == 1 && strcmp(s[cur].signer, "role:reviewer") == 0)
			ERR("只有审核人可以审批 (only a reviewer approves)");
		else
			ERR("当前待签批的是第%zu步“%s”，应由%s签批 (not the "
			    "signer of this step)", cur + 1, s[cur].name, who);
		rc = CM_CONFLICT;
		goto out;
	}
	if (strcmp(p.status, "pending") != 0 || cur == n) {
		ERR("该请求已处理 (no longer pending)");
		rc = CM_CONFLICT;
		goto out;
	}
	if (last && strcmp(p.requested_by, user) == 0) {
		ERR("不能审批自己提出的请求 (cannot approve one's own request)");
		rc = CM_CONFLICT;
		goto out;
	}
	/* A request goes back with what is to change. */
	if (!approve && (comment == NULL || comment[0] == '\0')) {
		ERR("退回时请填写审批意见，写明需要修改之处 (a rejection needs "
		    "a comment)");
		rc = CM_INVALID;
		goto out;
	}
	if ((rc = approval_form_get(st, id, &form)) != CM_OK) {
		ERR("读取失败");
		goto out;
	}
	/* The signature, the action and the decision commit together or
	 * not at all. */
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙");
		goto out;
	}
	now_iso(now);
	if ((rc = approval_step_sign(st, id, s[cur].pos, approve ? "approve" :
	    "reject", user, comment, now)) != CM_OK) {
		store_rollback(st);
		ERR(rc == CM_CONFLICT ? "该步骤已签批 (already signed)" :
		    "保存审批结果失败");
		goto out;
	}
	if (approve && !last) {
		if ((rc = store_commit(st)) != CM_OK) {
			store_rollback(st);
			ERR("保存审批结果失败");
		}
		goto out;
	}
	if (approve) {
		act_input_init(&a);
		a.action = p.action;
		a.outcome = p.outcome;
		a.days = p.days;
		a.told_on = p.told_on;
		a.note = p.note;
		a.approver = user;
		a.addr = addr;
		/* A fee notice: its fee worked out as of now, as when an
		 * officer applies one directly. */
		if (action_find(p.action) == ACT_FEE_NOTICE &&
		    (rc = fee_again(st, &p, &fa, &fn, &stored, &fee_json, err,
		    errlen)) != CM_OK) {
			store_rollback(st);
			goto out;
		}
		if (fee_json != NULL) {
			a.amount_fen = fee_notice_charged(&fn);
			a.fee = &fn;
		}
		if ((rc = case_act(st, cal, p.case_id, &a, p.requested_by, today,
		    err, errlen)) != CM_OK) {
			store_rollback(st);
			goto out;
		}
		if (fee_json != NULL && (rc = fee_record(st, p.case_id, &fa,
		    p.requested_by)) != CM_OK) {
			store_rollback(st);
			ERR("保存审批结果失败");
			goto out;
		}
		/* The letter that goes out, numbered and stored with the
		 * action: if it cannot be made, nothing is approved. */
		if ((rc = letter_after_action(st, cal, p.case_id, p.action,
		    user, today, NULL, err, errlen)) != CM_OK) {
			store_rollback(st);
			prefix(err, errlen, "文书无法生成，未予批准：");
			if (rc != CM_SYSERR)
				rc = CM_CONFLICT;
			goto out;
		}
	}
	if ((rc = store_approval_decide(st, id, approve ? "approved" :
	    "rejected", user, now, comment)) != CM_OK) {
		store_rollback(st);
		ERR("保存审批结果失败");
		goto out;
	}
	/* A configured chain, completed: its 办理审批单 is stored with
	 * the case in the same transaction. */
	if (approve && form && (rc = letter_after_signoff(st, cal,
	    p.case_id, user, today, err, errlen)) != CM_OK) {
		store_rollback(st);
		prefix(err, errlen, "办理审批单无法生成，未予批准：");
		if (rc != CM_SYSERR)
			rc = CM_CONFLICT;
		goto out;
	}
	if ((rc = store_commit(st)) != CM_OK) {
		store_rollback(st);
		ERR("保存审批结果失败");
	}
out:
	fee_applied_clear(&fa);
	fee_notice_clear(&stored);	/* fn borrows its reason */
	free(fee_json);
	signoff_steps_free(s, n);
	approval_clear(&p);
	return rc;
}

/*
 * The draft of the letter a pending request would send if approved
 * today (letter_draft): the request's action, outcome and days with the
 * case's texts, rendered in memory, marked 样稿, without a 文号.  Reads
 * only.  CM_NOTFOUND for an unknown request.
 */
enum cm_err
approval_draft(struct store *st, const struct calendar *cal, int64_t id,
    int today, struct letter_out *out, char *err, size_t errlen)
{
	struct approval	 p;
	struct act_input a;
	enum cm_err	 rc;

	if ((rc = store_approval_get(st, id, &p)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个审批请求" : "读取失败");
		return rc;
	}
	act_input_init(&a);
	a.action = p.action;
	a.outcome = p.outcome;
	a.days = p.days;
	a.told_on = p.told_on;
	a.note = p.note;
	rc = letter_draft(st, cal, p.case_id, &a, today, out, err, errlen);
	approval_clear(&p);
	return rc;
}

/* One request (approval_clear). */
enum cm_err
approval_get(struct store *st, int64_t id, struct approval *p)
{
	return store_approval_get(st, id, p);
}

struct appr_acc {
	struct approval	*v;
	size_t		 n;
};

static char *
dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
appr_add(const struct approval *p, void *arg)
{
	struct appr_acc	*acc = arg;
	struct approval	*d;

	acc->v = xrealloc(acc->v, (acc->n + 1) * sizeof(*acc->v));
	d = &acc->v[acc->n++];
	*d = *p;
	d->case_number = dup(p->case_number);
	d->action = dup(p->action);
	d->effective = dup(p->effective);
	d->outcome = dup(p->outcome);
	d->told_on = dup(p->told_on);
	d->note = dup(p->note);
	d->requested_by = dup(p->requested_by);
	d->requested_at = dup(p->requested_at);
	d->status = dup(p->status);
	d->decided_by = dup(p->decided_by);
	d->decided_at = dup(p->decided_at);
	d->comment = dup(p->comment);
	return 0;
}

/*
 * A case's requests, newest first (case_id NULL: every pending request,
 * oldest first), at most limit, into a new array (approvals_free).
 */
enum cm_err
approvals_list(struct store *st, const char *case_id, int pending_only,
    int limit, struct approval **out, size_t *n)
{
	struct appr_acc	 acc = { NULL, 0 };
	enum cm_err	 rc;

	if ((rc = store_approvals_list(st, case_id, pending_only, limit,
	    appr_add, &acc)) != CM_OK) {
		approvals_free(acc.v, acc.n);
		acc.v = NULL;
		acc.n = 0;
	}
	*out = acc.v;
	*n = acc.n;
	return rc;
}

/*
 * The requests of user that a reviewer sent back and that still stand
 * (the case open, nothing requested since), newest first, at most
 * limit, into a new array (approvals_free): the officer's list of
 * 被退回 with the reviewer's comments.
 */
enum cm_err
approvals_rejected(struct store *st, const char *user, int limit,
    struct approval **out, size_t *n)
{
	struct appr_acc	 acc = { NULL, 0 };
	enum cm_err	 rc;

	if ((rc = store_approvals_rejected(st, user, limit, appr_add,
	    &acc)) != CM_OK) {
		approvals_free(acc.v, acc.n);
		acc.v = NULL;
		acc.n = 0;
	}
	*out = acc.v;
	*n = acc.n;
	return rc;
}
