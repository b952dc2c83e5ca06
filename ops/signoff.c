/* SPDX-License-Identifier: ISC */
/* The sign-off chain (see signoff.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/fee.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "forms/letter.h"
#include "forms/validate.h"
#include "ops/audit.h"
#include "ops/op.h"
#include "ops/approval.h"
#include "ops/signoff.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/xmalloc.h"

const char *const signoff_kinds[SIGNOFF_KINDS] = {
	"reply", "not_processed", "extend", "fee_notice",
};

const char *const signoff_kind_labels[SIGNOFF_KINDS] = {
	"答复", "不予处理的答复", "延期答复", "收费通知",
};

/* The chain of a kind with no steps configured: a reviewer approves. */
#define DEFAULT_NAME	"审批"
#define DEFAULT_SIGNER	"role:reviewer"

/* The index of a kind code in signoff_kinds, or -1. */
int
signoff_kind_find(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < SIGNOFF_KINDS; i++)
		if (strcmp(signoff_kinds[i], s) == 0)
			return i;
	return -1;
}

/* The kind of chain an approval of this action and outcome walks, or
 * NULL for an action that is not approved. */
const char *
signoff_kind_of(const char *action, const char *outcome)
{
	switch (action_find(action)) {
	case ACT_REPLY:
		if (outcome != NULL &&
		    strncmp(outcome, "not_processed.", 14) == 0)
			return signoff_kinds[1];
		return signoff_kinds[0];
	case ACT_EXTEND:
		return signoff_kinds[2];
	case ACT_FEE_NOTICE:
		return signoff_kinds[3];
	default:
		return NULL;
	}
}

/*
 * Whether role r's action act, which the role matrix lets it take
 * directly, is filed for approval instead: an officer's fee notice
 * once the agency has configured a chain for fee notices (the default,
 * no chain, keeps fee notices direct, as before).
 */
int
signoff_requires(struct store *st, int act, enum role r)
{
	struct signoff_step *v = NULL;
	size_t		 n = 0;

	if (act != ACT_FEE_NOTICE || r != ROLE_OFFICER)
		return 0;
	if (signoff_config_get(st, signoff_kinds[3], &v, &n) != CM_OK)
		return 0;
	signoff_steps_free(v, n);
	return n > 0;
}

/* What a request asks, as the pages name it: 答复, 延期答复, 收费通知
 * (with colon, "答复：" before the outcome a reply states). */
const char *
signoff_action_label(const char *action, int colon)
{
	switch (action_find(action)) {
	case ACT_EXTEND:
		return "延期答复";
	case ACT_FEE_NOTICE:
		return "收费通知";
	default:
		return colon ? "答复：" : "答复";
	}
}

/* Fills p with the default chain's single step (审批, a reviewer). */
void
signoff_default(struct signoff_step *p)
{
	memset(p, 0, sizeof(*p));
	p->pos = 1;
	snprintf(p->name, sizeof(p->name), "%s", DEFAULT_NAME);
	snprintf(p->signer, sizeof(p->signer), "%s", DEFAULT_SIGNER);
}

/*
 * The chain of a kind: its configured steps (*configured 1) or the
 * default single step (*configured 0), into a new array
 * (signoff_steps_free).
 */
enum cm_err
signoff_chain(struct store *st, const char *kind, struct signoff_step **out,
    size_t *n, int *configured)
{
	enum cm_err	 rc;

	*configured = 0;
	if ((rc = signoff_config_get(st, kind, out, n)) != CM_OK)
		return rc;
	if (*n > 0) {
		*configured = 1;
		return CM_OK;
	}
	*out = xcalloc(1, sizeof(**out));
	signoff_default(*out);
	*n = 1;
	return CM_OK;
}

/* The steps as `signoff set` and the admin page take them: one
 * "NAME=SIGNER" per line (a new string). */
char *
signoff_steps_text(const struct signoff_step *v, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_puts(&b, v[i].name);
		buf_puts(&b, "=");
		buf_puts(&b, v[i].signer);
		if (i + 1 < n)
			buf_puts(&b, "\n");
	}
	return buf_release(&b);
}

/* Who may sign, as the pages say it: 审核人, 科室负责人, 张三、李四. */
void
signoff_signer_label(const char *signer, char *out, size_t len)
{
	const char	*p;
	char		*q;
	int		 r;

	if (strncmp(signer, "role:", 5) == 0 &&
	    (r = role_find(signer + 5)) >= 0)
		snprintf(out, len, "%s", role_labels[r]);
	else if (strcmp(signer, "head") == 0)
		snprintf(out, len, "承办科室负责人");
	else if (strcmp(signer, "requester") == 0)
		snprintf(out, len, "提请人（承办人）");
	else if (strncmp(signer, "users:", 6) == 0) {
		snprintf(out, len, "%s", signer + 6);
		/* Names are listed with the Chinese enumeration comma. */
		for (p = strchr(out, ','); p != NULL; p = strchr(out, ',')) {
			q = (char *)p;
			if (strlen(out) + 3 >= len)
				break;
			memmove(q + 3, q + 1, strlen(q + 1) + 1);
			memcpy(q, "、", 3);
		}
	} else
		snprintf(out, len, "%s", signer);
}

/* Whether name is one of the comma-separated names of list. */
static int
in_list(const char *list, const char *name)
{
	size_t	 l = strlen(name);
	const char *p = list, *e;

	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == l && strncmp(p, name, l) == 0)
			return 1;
		p = *e == ',' ? e + 1 : e;
	}
	return 0;
}

/*
 * Whether user (of role r) may sign step p of a request by
 * requested_by on case case_id: the step's signer (signoff.h).  Only
 * officers and reviewers sign; the head of a department signs "head"
 * steps, and a case without a department head has them signed by any
 * reviewer.
 */
int
signoff_may_sign(struct store *st, const struct signoff_step *p,
    const char *case_id, const char *requested_by, const char *user,
    enum role r)
{
	char	 head[LIM_USER_NAME_BYTES];
	int	 k;

	if (user == NULL || user[0] == '\0' ||
	    (r != ROLE_OFFICER && r != ROLE_REVIEWER))
		return 0;
	if (strncmp(p->signer, "role:", 5) == 0)
		return (k = role_find(p->signer + 5)) >= 0 && (enum role)k == r;
	if (strcmp(p->signer, "head") == 0) {
		if (case_dept_head(st, case_id, head) == CM_OK)
			return strcmp(head, user) == 0;
		return r == ROLE_REVIEWER;
	}
	if (strcmp(p->signer, "requester") == 0)
		return requested_by != NULL && strcmp(requested_by, user) == 0;
	if (strncmp(p->signer, "users:", 6) == 0)
		return in_list(p->signer + 6, user);
	return 0;
}

/*
 * Whether any pending request has a step that someone other than a
 * reviewer may sign.  While none has, a decision by anyone but a
 * reviewer is refused before anything is read (the behaviour before
 * the chains).
 */
int
signoff_in_use(struct store *st)
{
	struct approval	*ap = NULL;
	struct signoff_step *s = NULL;
	size_t		 n = 0, ns, i, j;
	int		 used = 0;

	if (approvals_list(st, NULL, 1, LIM_LIST_ROWS, &ap, &n) != CM_OK)
		return 0;
	for (i = 0; i < n && !used; i++) {
		if (approval_steps_get(st, ap[i].id, &s, &ns) != CM_OK)
			continue;
		for (j = 0; j < ns; j++)
			if (s[j].decision[0] == '\0' &&
			    strcmp(s[j].signer, DEFAULT_SIGNER) != 0)
				used = 1;
		signoff_steps_free(s, ns);
	}
	approvals_free(ap, n);
	return used;
}

/*
 * The chain of a request as the case page shows it to user: its steps
 * (the default step for a request filed before the chains, which has
 * none recorded), the step to sign now and whether user signs it.
 * Reads only.
 */
enum cm_err
signoff_view_get(struct store *st, const struct approval *ap,
    const char *user, enum role r, struct signoff_view *v)
{
	size_t		 i;
	enum cm_err	 rc;

	memset(v, 0, sizeof(*v));
	v->current = -1;
	if ((rc = approval_steps_get(st, ap->id, &v->steps, &v->n)) != CM_OK)
		return rc;
	if (v->n == 0) {
		v->steps = xcalloc(1, sizeof(*v->steps));
		signoff_default(v->steps);
		v->n = 1;
	}
	if (strcmp(ap->status, "pending") != 0)
		return CM_OK;
	for (i = 0; i < v->n; i++)
		if (v->steps[i].decision[0] == '\0') {
			v->current = (int)i;
			break;
		}
	if (v->current < 0)
		return CM_OK;
	v->may_sign = signoff_may_sign(st, &v->steps[v->current], ap->case_id,
	    ap->requested_by, user, r) && !((size_t)v->current + 1 == v->n &&
	    strcmp(ap->requested_by, user) == 0);
	return CM_OK;
}

/*
 * Request id of the case case_key (number or id) and its chain as user
 * sees it (approval_clear, signoff_view_clear).  CM_NOTFOUND when
 * there is no such request of that case.  Reads only.
 */
enum cm_err
signoff_request_view(struct store *st, const char *case_key, int64_t id,
    const char *user, enum role r, struct approval *ap,
    struct signoff_view *v)
{
	struct case_rec	 c;
	enum cm_err	 rc;

	memset(ap, 0, sizeof(*ap));
	memset(v, 0, sizeof(*v));
	memset(&c, 0, sizeof(c));
	if ((rc = store_case_get(st, case_key, &c)) != CM_OK)
		return rc;
	if (id <= 0 || (rc = store_approval_get(st, id, ap)) != CM_OK ||
	    strcmp(ap->case_id, c.id) != 0) {
		case_rec_clear(&c);
		approval_clear(ap);
		return rc == CM_OK || rc == CM_NOTFOUND ? CM_NOTFOUND : rc;
	}
	case_rec_clear(&c);
	if ((rc = signoff_view_get(st, ap, user, r, v)) != CM_OK)
		approval_clear(ap);
	return rc;
}

/* Frees what signoff_view_get() filled. */
void
signoff_view_clear(struct signoff_view *v)
{
	signoff_steps_free(v->steps, v->n);
	memset(v, 0, sizeof(*v));
}

/* "2026-12-02T03:04:05Z" as a Chinese date. */
static void
date_cn(const char *iso, char out[32])
{
	char	 d[11];

	snprintf(d, sizeof(d), "%.10s", iso != NULL ? iso : "");
	letter_date_cn(d, out);
}

/* 收费通知 and what it charges, as requested (its stored 109号 input). */
static void
fee_label(struct store *st, int64_t id, struct buf *b)
{
	struct fee_notice fn;
	char		*json = NULL, t[128];
	int64_t		 fen;

	buf_puts(b, "收费通知");
	if (approval_fee_get(st, id, &json) != CM_OK || json == NULL ||
	    fee_notice_parse(json, &fn) != 1) {
		free(json);
		return;
	}
	fen = fee_notice_charged(&fn);
	snprintf(t, sizeof(t), "：%s%d%s，%lld.%02lld元", fn.method == FEE_ITEM ?
	    "按件计收，第" : "按量计收，", fn.count, fn.method == FEE_ITEM ?
	    "件" : "页", (long long)(fen / 100), (long long)(fen % 100));
	buf_puts(b, t);
	fee_notice_clear(&fn);
	free(json);
}

/*
 * What the 办理审批单 of a case prints: its newest pending or approved
 * request that has a chain -- the decision proposed, who filed it, and
 * each step with its signer, opinion and date (unsigned steps say so).
 * CM_NOTFOUND when the case has no such request.
 */
enum cm_err
signoff_form_get(struct store *st, const char *case_id,
    struct signoff_form *f)
{
	struct approval	 ap;
	struct signoff_step *s = NULL;
	struct buf	 b;
	char		 cn[32], who[256];
	int64_t		 id;
	size_t		 n = 0, i;
	int		 o;
	enum cm_err	 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = approval_latest(st, case_id, &id)) != CM_OK)
		return rc;
	if ((rc = store_approval_get(st, id, &ap)) != CM_OK)
		return rc;
	if ((rc = approval_steps_get(st, id, &s, &n)) != CM_OK) {
		approval_clear(&ap);
		return rc;
	}
	buf_init(&b);
	if (action_find(ap.action) == ACT_EXTEND) {
		buf_puts(&b, "延期答复");
		if (ap.days > 0) {
			snprintf(cn, sizeof(cn), "，延长%d个工作日", ap.days);
			buf_puts(&b, cn);
		}
	} else if (action_find(ap.action) == ACT_FEE_NOTICE) {
		fee_label(st, id, &b);
	} else {
		buf_puts(&b, "答复");
		if (ap.outcome != NULL &&
		    (o = outcome_find(ap.outcome)) >= 0) {
			buf_puts(&b, "：");
			buf_puts(&b, outcomes[o].label);
		}
	}
	f->decision = xstrdup(buf_str(&b));
	buf_reset(&b);
	date_cn(ap.requested_at, cn);
	buf_puts(&b, ap.requested_by);
	buf_puts(&b, "，");
	buf_puts(&b, cn);
	f->requested = xstrdup(buf_str(&b));
	buf_reset(&b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&b, "\n");
		snprintf(cn, sizeof(cn), "%zu. ", i + 1);
		buf_puts(&b, cn);
		buf_puts(&b, s[i].name);
		buf_puts(&b, "：");
		if (s[i].decision[0] == '\0') {
			signoff_signer_label(s[i].signer, who, sizeof(who));
			buf_puts(&b, "待签（");
			buf_puts(&b, who);
			buf_puts(&b, "）");
			continue;
		}
		date_cn(s[i].signed_at, cn);
		buf_puts(&b, s[i].signed_by);
		buf_puts(&b, strcmp(s[i].decision, "approve") == 0 ? "，同意，" :
		    "，退回，");
		buf_puts(&b, cn);
		buf_puts(&b, "\n意见：");
		buf_puts(&b, s[i].opinion != NULL && s[i].opinion[0] != '\0' ?
		    s[i].opinion : "（无）");
		snprintf(f->date, sizeof(f->date), "%.10s", s[i].signed_at);
	}
	f->steps = xstrdup(buf_str(&b));
	buf_clear(&b);
	signoff_steps_free(s, n);
	approval_clear(&ap);
	return CM_OK;
}

/* Whether the case has a request whose 办理审批单 can be printed. */
int
signoff_form_available(struct store *st, const char *case_id)
{
	int64_t	 id;

	return approval_latest(st, case_id, &id) == CM_OK;
}

/* Frees what signoff_form_get() filled. */
void
signoff_form_clear(struct signoff_form *f)
{
	free(f->decision);
	free(f->requested);
	free(f->steps);
	memset(f, 0, sizeof(*f));
}

/* Checks one signer rule (signoff.h), looking up named users; NULL, or
 * the message (in msg when it names a user). */
static const char *
signer_ok(const struct op_ctx *ctx, const char *s, char *msg, size_t len)
{
	const char	*p, *e;
	char		 name[LIM_USER_NAME_BYTES], role[16];
	int		 r;

	if (strncmp(s, "role:", 5) == 0) {
		r = role_find(s + 5);
		if (r != ROLE_OFFICER && r != ROLE_REVIEWER)
			return "角色只能是承办人（officer）或审核人（reviewer）";
		return NULL;
	}
	if (strcmp(s, "head") == 0 || strcmp(s, "requester") == 0)
		return NULL;
	if (strncmp(s, "users:", 6) != 0 || s[6] == '\0')
		return "应为 role:角色、head、requester 或 users:用户名,用户名";
	for (p = s + 6; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if (e == p || (size_t)(e - p) >= sizeof(name))
			return "用户名不正确";
		snprintf(name, sizeof(name), "%.*s", (int)(e - p), p);
		if (store_user_role(ctx->st, name, role, sizeof(role)) !=
		    CM_OK) {
			snprintf(msg, len, "没有用户“%s”", name);
			return msg;
		}
		r = role_find(role);
		if (r != ROLE_OFFICER && r != ROLE_REVIEWER) {
			snprintf(msg, len, "用户“%s”不是承办人或审核人", name);
			return msg;
		}
	}
	return NULL;
}

/* Trims ASCII and ideographic spaces at both ends of [*p, *e). */
static void
trim(const char **p, const char **e)
{
	for (;;) {
		if (*p < *e && (**p == ' ' || **p == '\t' || **p == '\r'))
			(*p)++;
		else if (*e - *p >= 3 && memcmp(*p, "\u3000", 3) == 0)
			*p += 3;
		else
			break;
	}
	for (;;) {
		if (*e > *p && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
		    (*e)[-1] == '\r'))
			(*e)--;
		else if (*e - *p >= 3 && memcmp(*e - 3, "\u3000", 3) == 0)
			*e -= 3;
		else
			break;
	}
}

/*
 * Parses and checks the steps text of op_signoff_set into v (at most
 * LIM_SIGNOFF_STEPS); *n 0 for an empty text.
 */
static enum cm_err
parse_steps(const struct op_ctx *ctx, const char *text,
    struct signoff_step *v, size_t *n, struct op_refusal *rf)
{
	const char	*p, *e, *eq, *ns, *ne, *ss, *se, *m;
	char		 msg[256];
	size_t		 k = 0;

	*n = 0;
	for (p = text; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		for (e = p; *e != '\0' && *e != '\n' && *e != ';'; e++)
			;
		ns = p;
		se = e;
		trim(&ns, &se);
		if (ns == se)
			continue;
		if (k == LIM_SIGNOFF_STEPS)
			return op_refuse(rf, CM_INVALID, "steps",
			    "签批步骤：最多%d步", LIM_SIGNOFF_STEPS);
		eq = memchr(ns, '=', (size_t)(se - ns));
		if (eq == NULL)
			return op_refuse(rf, CM_INVALID, "steps",
			    "签批步骤：第%zu步应写成“名称=签批人”", k + 1);
		ne = eq;
		ss = eq + 1;
		trim(&ns, &ne);
		trim(&ss, &se);
		if ((size_t)(ne - ns) >= sizeof(v[k].name) ||
		    (size_t)(se - ss) >= sizeof(v[k].signer))
			return op_refuse(rf, CM_INVALID, "steps",
			    "签批步骤：第%zu步过长", k + 1);
		memset(&v[k], 0, sizeof(v[k]));
		v[k].pos = (int)k + 1;
		snprintf(v[k].name, sizeof(v[k].name), "%.*s", (int)(ne - ns),
		    ns);
		snprintf(v[k].signer, sizeof(v[k].signer), "%.*s",
		    (int)(se - ss), ss);
		if ((m = valid_text(v[k].name, LIM_SIGNOFF_NAME_CHARS, 1, 0)) !=
		    NULL)
			return op_refuse(rf, CM_INVALID, "steps",
			    "签批步骤：第%zu步的名称%s", k + 1, m);
		if ((m = valid_text(v[k].signer, LIM_SIGNOFF_SIGNER_CHARS, 1,
		    0)) != NULL || (m = signer_ok(ctx, v[k].signer, msg,
		    sizeof(msg))) != NULL)
			return op_refuse(rf, CM_INVALID, "steps",
			    "签批步骤：第%zu步的签批人%s", k + 1, m);
		k++;
	}
	if (k > 0 && strcmp(v[k - 1].signer, "requester") == 0)
		return op_refuse(rf, CM_INVALID, "steps", "签批步骤：最后一步"
		    "批准并出具文书，不能由提请人自己签批");
	*n = k;
	return CM_OK;
}

/*
 * Replaces the steps of a kind (the administrator; PERM_SETTINGS),
 * with an audit row "signoff.set" carrying the new steps.  A request
 * already filed keeps the chain it was filed with.
 */
enum cm_err
op_signoff_set(const struct op_ctx *ctx, const struct signoff_set_in *in,
    void *out, struct op_refusal *rf)
{
	struct signoff_step v[LIM_SIGNOFF_STEPS];
	struct json	 j;
	struct buf	 d;
	char		 now[32], obj[64], *t;
	size_t		 n, i;
	enum cm_err	 rc;

	(void)out;
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_SETTINGS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "只有管理员可以设置签批流程");
	if (signoff_kind_find(in->kind) < 0)
		return op_refuse(rf, CM_INVALID, "kind",
		    "事项：应为答复、不予处理的答复、延期答复或收费通知");
	if (in->steps == NULL)
		return op_refuse(rf, CM_INVALID, "steps", "签批步骤：必须提交"
		    "（留空即恢复默认流程）");
	if ((t = (char *)valid_text(in->steps,
	    LIM_SIGNOFF_STEPS * (LIM_SIGNOFF_NAME_CHARS +
	    LIM_SIGNOFF_SIGNER_CHARS + 2), 0, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "steps", "签批步骤：%s", t);
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = parse_steps(ctx, in->steps, v, &n, rf)) != CM_OK)
		goto fail;
	now_iso(now);
	if ((rc = signoff_config_put(ctx->st, in->kind, v, n, ctx->actor,
	    now)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	buf_init(&d);
	json_init(&j, &d);
	json_obj_open(&j, NULL);
	json_arr_open(&j, "steps");
	for (i = 0; i < n; i++) {
		json_obj_open(&j, NULL);
		json_str(&j, "name", v[i].name);
		json_str(&j, "signer", v[i].signer);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	snprintf(obj, sizeof(obj), "signoff:%s", in->kind);
	rc = audit_log(ctx->st, ctx->actor, ctx->addr != NULL ? ctx->addr :
	    "", "signoff.set", obj, buf_str(&d));
	buf_clear(&d);
	if (rc != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(ctx->st);
	return rc;
}
