/* SPDX-License-Identifier: ISC */
/*
 * Departments and assignment (ops/assign.h).  Each operation checks its
 * input, opens one transaction, loads the case and the actor's place in
 * the organisation, asks roles_workflow() whether the actor may take the
 * step, writes the case (or 协办) row and appends the step's event.  A
 * refusal rolls back: the database is as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "forms/validate.h"
#include "ops/assign.h"
#include "ops/audit.h"
#include "ops/auth.h"
#include "ops/case.h"
#include "ops/op.h"
#include "store/assign.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define SAVE_FAILED	"保存失败，请稍后再试"

static int
nz(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A user name as typed: 1-32 characters, no spaces or controls. */
static const char *
user_name_check(const char *s)
{
	size_t	 i, n;

	if (!nz(s))
		return "不能为空";
	n = strlen(s);
	if (valid_bytes(s, n, LIM_USER_NAME_CHARS, 0) != NULL)
		return "应为1至" LIM_STR(LIM_USER_NAME_CHARS) "个字符";
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return "不能包含空格或控制字符";
	return NULL;
}

/* A department code: 1-16 ASCII letters, digits, '-' or '_' (it is
 * also the 机构代码 of the 档号). */
static int
dept_code_ok(const char *s)
{
	size_t	 i, n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > DEPT_CODE_CHARS)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))
			return 0;
	return 1;
}

/* The head of a department: an enabled account, or refused. */
static enum cm_err
head_check(const struct op_ctx *ctx, const char *head, struct op_refusal *rf)
{
	struct user_org	 u;
	enum cm_err	 rc;

	if ((rc = store_user_org_get(ctx->st, head, &u)) == CM_NOTFOUND)
		return op_refuse(rf, CM_INVALID, "head",
		    "科室负责人：没有这个用户");
	if (rc != CM_OK)
		return op_refuse(rf, rc, NULL, SAVE_FAILED);
	rc = u.disabled ? CM_INVALID : CM_OK;
	user_org_clear(&u);
	if (rc != CM_OK)
		return op_refuse(rf, rc, "head", "科室负责人：该用户已停用");
	return CM_OK;
}

static void
dept_audit_detail(struct buf *b, const struct department *d)
{
	struct json	 j;

	json_init(&j, b);
	json_obj_open(&j, NULL);
	json_str(&j, "code", d->code);
	json_str(&j, "name", d->name);
	json_str(&j, "head", d->head);
	json_int(&j, "active", d->active);
	json_obj_close(&j);
}

static enum cm_err
dept_audit(const struct op_ctx *ctx, const char *action,
    const struct department *d)
{
	struct buf	 b, obj;
	enum cm_err	 rc;

	buf_init(&b);
	buf_init(&obj);
	dept_audit_detail(&b, d);
	buf_printf(&obj, "department:%s", d->code);
	rc = audit_log(ctx->st, ctx->actor, ctx->addr, action,
	    buf_str(&obj), buf_str(&b));
	buf_clear(&b);
	buf_clear(&obj);
	return rc;
}

/* Adds a department (administrator): code, name and optional head. */
enum cm_err
op_department_add(const struct op_ctx *ctx, const struct department_in *in,
    struct op_refusal *rf)
{
	struct department d;
	const char	*m;
	char		 now[32];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_USERS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "只有管理员可以设置承办科室");
	if (!dept_code_ok(in->code))
		return op_refuse(rf, CM_INVALID, "code", "科室代码应为1至"
		    "%d个英文字母、数字、“-”或“_”", DEPT_CODE_CHARS);
	if ((m = valid_text(in->name, DEPT_NAME_CHARS, 1, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "name", "科室名称%s", m);
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if (nz(in->head) && (rc = head_check(ctx, in->head, rf)) != CM_OK)
		goto fail;
	now_iso(now);
	memset(&d, 0, sizeof(d));
	snprintf(d.code, sizeof(d.code), "%s", in->code);
	d.name = (char *)in->name;
	d.head = nz(in->head) ? (char *)in->head : NULL;
	d.active = 1;
	if ((rc = store_dept_insert(ctx->st, in->code, in->name, d.head, now,
	    &d.id)) != CM_OK) {
		op_refuse(rf, rc, rc == CM_CONFLICT ? "code" : NULL,
		    rc == CM_CONFLICT ? "科室代码或科室名称已存在" :
		    SAVE_FAILED);
		goto fail;
	}
	if ((rc = dept_audit(ctx, "department.add", &d)) != CM_OK ||
	    (rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(ctx->st);
	return rc;
}

/* Renames a department, sets or clears its head, retires it. */
enum cm_err
op_department_set(const struct op_ctx *ctx, const struct department_in *in,
    struct op_refusal *rf)
{
	struct department d;
	const char	*m;
	char		*name = NULL, *head = NULL;
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_USERS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "只有管理员可以设置承办科室");
	if (in->name != NULL &&
	    (m = valid_text(in->name, DEPT_NAME_CHARS, 1, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "name", "科室名称%s", m);
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = store_dept_find(ctx->st, in->code != NULL ? in->code : "",
	    &d)) != CM_OK) {
		op_refuse(rf, rc, "code", rc == CM_NOTFOUND ?
		    "没有这个承办科室" : SAVE_FAILED);
		goto fail;
	}
	if (nz(in->head) && (rc = head_check(ctx, in->head, rf)) != CM_OK)
		goto fail;
	if (in->name != NULL) {
		name = d.name;
		d.name = (char *)in->name;
	}
	if (in->head != NULL) {
		head = d.head;
		d.head = nz(in->head) ? (char *)in->head : NULL;
	}
	if (in->active >= 0)
		d.active = in->active != 0;
	if ((rc = store_dept_update(ctx->st, d.id, d.name, d.head,
	    d.active)) != CM_OK) {
		op_refuse(rf, rc, rc == CM_CONFLICT ? "name" : NULL,
		    rc == CM_CONFLICT ? "科室名称已存在" : SAVE_FAILED);
	} else if ((rc = dept_audit(ctx, "department.set", &d)) != CM_OK ||
	    (rc = store_commit(ctx->st)) != CM_OK)
		op_refuse(rf, rc, NULL, SAVE_FAILED);
	if (in->name != NULL)
		d.name = name;
	if (in->head != NULL)
		d.head = head;
	department_clear(&d);
	if (rc == CM_OK)
		return CM_OK;
fail:
	store_rollback(ctx->st);
	return rc;
}

enum cm_err
departments_list(struct store *st, struct department **out, size_t *n)
{
	return store_depts_list(st, out, n);
}

/*
 * Sets a user's e-mail, department, role, or enabled state
 * (administrator), all in one transaction.
 */
enum cm_err
op_user_set(const struct op_ctx *ctx, const struct user_set_in *in,
    struct op_refusal *rf)
{
	struct user_org	 u;
	struct department d;
	const char	*m, *role;
	int64_t		 dept;
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&u, 0, sizeof(u));
	if (!roles_may(ctx->role, PERM_USERS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "只有管理员可以管理账户");
	if (nz(in->email) && ((m = valid_bytes(in->email, strlen(in->email),
	    LIM_EMAIL_CHARS, 0)) != NULL || (m = valid_email(in->email)) !=
	    NULL))
		return op_refuse(rf, CM_INVALID, "email", "电子邮箱%s", m);
	if (in->role != NULL && role_find(in->role) < 0)
		return op_refuse(rf, CM_INVALID, "role",
		    "角色应为登记员、承办人、审核人或管理员");
	if (in->disabled > 0 && in->name != NULL && ctx->actor != NULL &&
	    strcmp(in->name, ctx->actor) == 0)
		return op_refuse(rf, CM_CONFLICT, NULL, "不能停用自己的账户");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = store_user_org_get(ctx->st, in->name != NULL ? in->name :
	    "", &u)) != CM_OK) {
		op_refuse(rf, rc, "name", rc == CM_NOTFOUND ? "没有这个用户" :
		    SAVE_FAILED);
		goto fail;
	}
	dept = u.dept_id;
	if (nz(in->department)) {
		if ((rc = store_dept_find(ctx->st, in->department, &d)) !=
		    CM_OK) {
			op_refuse(rf, rc, "department", rc == CM_NOTFOUND ?
			    "没有这个承办科室" : SAVE_FAILED);
			goto fail;
		}
		dept = d.id;
		rc = d.active ? CM_OK : CM_INVALID;
		department_clear(&d);
		if (rc != CM_OK) {
			op_refuse(rf, rc, "department", "该承办科室已撤销");
			goto fail;
		}
	} else if (in->department != NULL)
		dept = 0;
	role = in->role != NULL ? in->role : u.role;
	if ((rc = store_user_org_set(ctx->st, in->name, dept, in->email !=
	    NULL ? in->email : u.email, role)) != CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	if (in->disabled >= 0 && (in->disabled != 0) != (u.disabled != 0) &&
	    (rc = auth_user_set_disabled(ctx->st, in->name, in->disabled)) !=
	    CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	user_org_clear(&u);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	user_org_clear(&u);
	return rc;
}

/*
 * Sets the e-mail and department of a user just added, inside the
 * caller's transaction (op_user_add); NULL or "" leaves them empty.
 */
enum cm_err
assign_user_org(const struct op_ctx *ctx, const char *name,
    const char *role, const char *email, const char *department,
    struct op_refusal *rf)
{
	struct department d;
	const char	*m;
	int64_t		 dept = 0;
	enum cm_err	 rc;

	if (!nz(email) && !nz(department))
		return CM_OK;
	if (nz(email) && ((m = valid_bytes(email, strlen(email),
	    LIM_EMAIL_CHARS, 0)) != NULL || (m = valid_email(email)) != NULL))
		return op_refuse(rf, CM_INVALID, "email", "电子邮箱%s", m);
	if (nz(department)) {
		if ((rc = store_dept_find(ctx->st, department, &d)) != CM_OK)
			return op_refuse(rf, rc == CM_NOTFOUND ? CM_INVALID :
			    rc, "department", rc == CM_NOTFOUND ?
			    "没有这个承办科室" : SAVE_FAILED);
		dept = d.id;
		department_clear(&d);
	}
	if ((rc = store_user_org_set(ctx->st, name, dept, email, role)) !=
	    CM_OK)
		return op_refuse(rf, rc, NULL, SAVE_FAILED);
	return CM_OK;
}

/* ------------------------------------------------------------------ */
/* Steps on a case. */

/* A case loaded for a workflow step, with the actor's relation to it. */
struct wf {
	struct case_view v;
	struct user_org	 me;		/* the actor (role "" if none) */
	struct wf_actor	 who;
	struct buf	 payload;
};

static void
wf_clear(struct wf *w)
{
	case_view_clear(&w->v);
	user_org_clear(&w->me);
	buf_clear(&w->payload);
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The actor's relation to the case in w (and to dept, when given). */
static void
wf_who(const struct op_ctx *ctx, struct wf *w)
{
	memset(&w->who, 0, sizeof(w->who));
	w->who.role = ctx->role;
	w->who.head = w->v.asg.dept_id != 0 &&
	    same(w->v.asg.dept_head, ctx->actor);
	w->who.member = w->v.asg.dept_id != 0 &&
	    w->me.dept_id == w->v.asg.dept_id;
	w->who.handler = same(w->v.rec.handler, ctx->actor);
}

/* Begins the transaction and loads the open case; CM_OK or refused
 * (then rolled back). */
static enum cm_err
wf_begin(const struct op_ctx *ctx, const char *key, struct wf *w,
    struct op_refusal *rf)
{
	enum cm_err	 rc;
	int		 s;

	memset(w, 0, sizeof(*w));
	buf_init(&w->payload);
	op_refusal_init(rf);
	if (!nz(key) || valid_bytes(key, strlen(key), LIM_CASE_KEY_CHARS, 0)
	    != NULL)
		return op_refuse(rf, CM_NOTFOUND, "case", "没有这个案件");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = case_load(ctx->st, ctx->cal, key, ctx->today, &w->v)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		wf_clear(w);
		return op_refuse(rf, rc, "case", rc == CM_NOTFOUND ?
		    "没有这个案件" : "读取案件失败");
	}
	s = case_state_find(w->v.rec.state);
	if (s < 0 || !lifecycle_is_open((enum case_state)s)) {
		store_rollback(ctx->st);
		wf_clear(w);
		return op_refuse(rf, CM_CONFLICT, NULL,
		    "案件已答复或已归档，不能再分派或转办");
	}
	if (nz(ctx->actor) && (rc = store_user_org_get(ctx->st, ctx->actor,
	    &w->me)) != CM_OK && rc != CM_NOTFOUND) {
		store_rollback(ctx->st);
		wf_clear(w);
		return op_refuse(rf, rc, NULL, "读取用户失败");
	}
	wf_who(ctx, w);
	return CM_OK;
}

/* Finds an active department by code or name; refused on "department". */
static enum cm_err
dept_lookup(const struct op_ctx *ctx, const char *key, struct department *d,
    struct op_refusal *rf)
{
	enum cm_err	 rc;

	memset(d, 0, sizeof(*d));
	if (!nz(key) || valid_bytes(key, strlen(key), DEPT_NAME_CHARS, 0) !=
	    NULL)
		return op_refuse(rf, CM_INVALID, "department",
		    "请选择承办科室");
	if ((rc = store_dept_find(ctx->st, key, d)) != CM_OK)
		return op_refuse(rf, rc == CM_NOTFOUND ? CM_INVALID : rc,
		    "department", rc == CM_NOTFOUND ? "没有这个承办科室" :
		    "读取承办科室失败");
	if (!d->active) {
		department_clear(d);
		return op_refuse(rf, CM_INVALID, "department",
		    "该承办科室已撤销");
	}
	return CM_OK;
}

static enum cm_err
reason_check(const char *reason, int required, const char *label,
    struct op_refusal *rf)
{
	const char	*m;

	if ((m = valid_text(reason, LIM_COMMENT_CHARS, required, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "reason", "%s%s", label, m);
	return CM_OK;
}

/* Appends the step's event (dated today) and commits. */
static enum cm_err
wf_commit(const struct op_ctx *ctx, struct wf *w, enum wf_event ev,
    const char *note, struct op_refusal *rf)
{
	struct event_rec e;
	char		 now[32];
	enum cm_err	 rc;

	now_iso(now);
	memset(&e, 0, sizeof(e));
	e.action = (char *)workflow_events[ev].code;
	e.actor = (char *)ctx->actor;
	e.at = now;
	date_format(ctx->today, e.effective);
	e.party = (char *)"";
	e.amount_fen = -1;
	e.note = (char *)(note != NULL ? note : "");
	e.payload = (char *)buf_str(&w->payload);
	e.addr = (char *)(ctx->addr != NULL ? ctx->addr : "");
	if ((rc = store_event_append(ctx->st, w->v.rec.id, &e)) != CM_OK ||
	    (rc = store_commit(ctx->st)) != CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, SAVE_FAILED);
	}
	return CM_OK;
}

static enum cm_err
wf_fail(const struct op_ctx *ctx, struct wf *w, enum cm_err rc)
{
	store_rollback(ctx->st);
	wf_clear(w);
	return rc;
}

static const char *
dept_code_of(struct store *st, int64_t id, char *buf, size_t len)
{
	struct department d;

	buf[0] = '\0';
	if (id > 0 && store_dept_get(st, id, &d) == CM_OK) {
		snprintf(buf, len, "%s", d.code);
		department_clear(&d);
	}
	return buf[0] != '\0' ? buf : NULL;
}

/*
 * Assigns the case to officer in->to (an enabled officer or reviewer);
 * with in->department the case moves to that department.  The officer
 * must belong to the case's department when it has one.  Reassigning
 * (the case has another officer) needs a reason.
 */
enum cm_err
op_case_assign(const struct op_ctx *ctx, const struct assign_in *in,
    struct op_refusal *rf)
{
	struct wf	 w;
	struct user_org	 to;
	struct department d;
	struct json	 j;
	const char	*m;
	char		 from_dept[80], dname[256];
	int64_t		 dept;
	int		 self, reassign;
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&to, 0, sizeof(to));
	memset(&d, 0, sizeof(d));
	if ((m = user_name_check(in->to)) != NULL)
		return op_refuse(rf, CM_INVALID, "to", "承办人%s", m);
	if ((rc = reason_check(in->reason, 0, "理由", rf)) != CM_OK)
		return rc;
	if ((rc = wf_begin(ctx, in->case_key, &w, rf)) != CM_OK)
		return rc;
	if ((rc = store_user_org_get(ctx->st, in->to, &to)) != CM_OK) {
		op_refuse(rf, rc == CM_NOTFOUND ? CM_INVALID : rc, "to",
		    rc == CM_NOTFOUND ? "承办人：没有这个用户" : "读取用户失败");
		rc = rc == CM_NOTFOUND ? CM_INVALID : rc;
		goto fail;
	}
	if (to.disabled) {
		rc = op_refuse(rf, CM_INVALID, "to", "承办人：该用户已停用");
		goto fail;
	}
	if (strcmp(to.role, "officer") != 0 && strcmp(to.role, "reviewer") !=
	    0) {
		rc = op_refuse(rf, CM_INVALID, "to",
		    "承办人：只能分派给承办人或审核人");
		goto fail;
	}
	dept = w.v.asg.dept_id;
	if (nz(in->department)) {
		if ((rc = dept_lookup(ctx, in->department, &d, rf)) != CM_OK)
			goto fail;
		dept = d.id;
	} else if (dept == 0)
		dept = to.dept_id;
	/* A case no department has yet: heading the department it goes
	 * to counts (转入业务科室); an officer does not take such a case. */
	if (w.v.asg.dept_id == 0 && dept != 0) {
		struct department t;

		if (store_dept_get(ctx->st, dept, &t) == CM_OK) {
			w.who.head = same(t.head, ctx->actor);
			department_clear(&t);
		}
	}
	self = same(in->to, ctx->actor);
	if (!roles_workflow(self ? WF_TAKE : WF_ASSIGN, &w.who) ||
	    (w.v.asg.dept_id != 0 && dept != w.v.asg.dept_id &&
	    !roles_workflow(WF_TRANSFER, &w.who))) {
		rc = op_refuse(rf, CM_CONFLICT, NULL, self ?
		    "只能承接本科室尚未分派的案件" :
		    "只有审核人、管理员或本科室负责人可以分派案件");
		goto fail;
	}
	/* An officer takes only a case nobody handles. */
	if (self && ctx->role == ROLE_OFFICER && !w.who.head &&
	    w.v.rec.handler != NULL) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "该案件已有承办人，只能由科室负责人改派");
		goto fail;
	}
	if (dept != 0 && to.dept_id != dept) {
		snprintf(dname, sizeof(dname), "%s", d.name != NULL ? d.name :
		    w.v.asg.dept_name != NULL ? w.v.asg.dept_name : "");
		rc = op_refuse(rf, CM_INVALID, "to",
		    "承办人：该用户不属于承办科室“%s”", dname);
		goto fail;
	}
	if (same(w.v.rec.handler, in->to) && dept == w.v.asg.dept_id) {
		rc = op_refuse(rf, CM_CONFLICT, "to",
		    "承办人：案件已由该承办人承办");
		goto fail;
	}
	reassign = w.v.rec.handler != NULL && !same(w.v.rec.handler, in->to);
	if (reassign && (rc = reason_check(in->reason, 1, "改派理由", rf)) !=
	    CM_OK)
		goto fail;
	{
		char	 now[32];

		now_iso(now);
		if ((rc = store_case_assign_set(ctx->st, w.v.rec.id, in->to,
		    dept, now)) != CM_OK) {
			op_refuse(rf, rc, NULL, SAVE_FAILED);
			goto fail;
		}
	}
	json_init(&j, &w.payload);
	json_obj_open(&j, NULL);
	json_str(&j, "to", in->to);
	json_str(&j, "from", w.v.rec.handler);
	json_str(&j, "dept", dept == w.v.asg.dept_id ? (nz(w.v.asg.dept_code)
	    ? w.v.asg.dept_code : NULL) : d.code[0] != '\0' ? d.code :
	    dept_code_of(ctx->st, dept, from_dept, sizeof(from_dept)));
	json_str(&j, "from_dept", nz(w.v.asg.dept_code) ?
	    w.v.asg.dept_code : NULL);
	json_bool(&j, "reassign", reassign);
	json_obj_close(&j);
	rc = wf_commit(ctx, &w, WEV_ASSIGN, in->reason, rf);
	department_clear(&d);
	user_org_clear(&to);
	wf_clear(&w);
	return rc;
fail:
	department_clear(&d);
	user_org_clear(&to);
	return wf_fail(ctx, &w, rc);
}

/*
 * 转办: moves the case to another department with a reason; its
 * officer is cleared and the new department's head assigns it.
 */
enum cm_err
op_case_transfer(const struct op_ctx *ctx, const struct assign_step_in *in,
    struct op_refusal *rf)
{
	struct wf	 w;
	struct department d;
	struct json	 j;
	char		 now[32];
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&d, 0, sizeof(d));
	if ((rc = reason_check(in->reason, 1, "转办理由", rf)) != CM_OK)
		return rc;
	if ((rc = wf_begin(ctx, in->case_key, &w, rf)) != CM_OK)
		return rc;
	if ((rc = dept_lookup(ctx, in->department, &d, rf)) != CM_OK)
		goto fail;
	if (!roles_workflow(WF_TRANSFER, &w.who)) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "只有审核人、管理员或本科室负责人可以转办");
		goto fail;
	}
	if (d.id == w.v.asg.dept_id) {
		rc = op_refuse(rf, CM_CONFLICT, "department",
		    "承办科室：案件已在该科室");
		goto fail;
	}
	now_iso(now);
	if ((rc = store_case_assign_set(ctx->st, w.v.rec.id, NULL, d.id,
	    now)) != CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	json_init(&j, &w.payload);
	json_obj_open(&j, NULL);
	json_str(&j, "dept", d.code);
	json_str(&j, "from_dept", nz(w.v.asg.dept_code) ?
	    w.v.asg.dept_code : NULL);
	json_str(&j, "from", w.v.rec.handler);
	json_obj_close(&j);
	rc = wf_commit(ctx, &w, WEV_TRANSFER, in->reason, rf);
	department_clear(&d);
	wf_clear(&w);
	return rc;
fail:
	department_clear(&d);
	return wf_fail(ctx, &w, rc);
}

/*
 * 退回: the case's officer hands it back to the department head with a
 * reason; the case has no officer until the head assigns it again.
 */
enum cm_err
op_case_return(const struct op_ctx *ctx, const struct assign_step_in *in,
    struct op_refusal *rf)
{
	struct wf	 w;
	struct json	 j;
	char		 now[32];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = reason_check(in->reason, 1, "退回理由", rf)) != CM_OK)
		return rc;
	if ((rc = wf_begin(ctx, in->case_key, &w, rf)) != CM_OK)
		return rc;
	if (!roles_workflow(WF_RETURN, &w.who)) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "只有案件的承办人可以退回");
		goto fail;
	}
	now_iso(now);
	if ((rc = store_case_assign_set(ctx->st, w.v.rec.id, NULL,
	    w.v.asg.dept_id, now)) != CM_OK) {
		op_refuse(rf, rc, NULL, SAVE_FAILED);
		goto fail;
	}
	json_init(&j, &w.payload);
	json_obj_open(&j, NULL);
	json_str(&j, "from", w.v.rec.handler);
	json_str(&j, "dept", nz(w.v.asg.dept_code) ? w.v.asg.dept_code :
	    NULL);
	json_str(&j, "to", w.v.asg.dept_head);
	json_obj_close(&j);
	rc = wf_commit(ctx, &w, WEV_RETURN, in->reason, rf);
	wf_clear(&w);
	return rc;
fail:
	return wf_fail(ctx, &w, rc);
}

/*
 * 协办: asks another department to assist, by an internal due date
 * that is a working day from today and before the case's deadline.
 */
enum cm_err
op_case_assist_add(const struct op_ctx *ctx, const struct assign_step_in *in,
    struct op_refusal *rf)
{
	struct wf	 w;
	struct department d;
	struct json	 j;
	const char	*m;
	char		 now[32], due[DATE_STRLEN];
	int		 day;
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&d, 0, sizeof(d));
	if (!nz(in->due))
		return op_refuse(rf, CM_INVALID, "due", "请填写协办期限");
	if ((m = valid_date(in->due)) != NULL ||
	    date_parse(in->due, &day) != 0)
		return op_refuse(rf, CM_INVALID, "due", "协办期限%s",
		    m != NULL ? m : "不是有效日期");
	if ((m = valid_text(in->reason, LIM_COMMENT_CHARS, 0, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "reason", "协办事项%s", m);
	if ((rc = wf_begin(ctx, in->case_key, &w, rf)) != CM_OK)
		return rc;
	if ((rc = dept_lookup(ctx, in->department, &d, rf)) != CM_OK)
		goto fail;
	if (!roles_workflow(WF_ASSIST, &w.who)) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "只有审核人、本科室负责人或案件承办人可以请其他科室协办");
		goto fail;
	}
	if (d.id == w.v.asg.dept_id) {
		rc = op_refuse(rf, CM_INVALID, "department",
		    "协办科室：不能是案件的承办科室");
		goto fail;
	}
	if (day < ctx->today) {
		rc = op_refuse(rf, CM_INVALID, "due", "协办期限不能早于今天");
		goto fail;
	}
	if (!calendar_is_workday(ctx->cal, day)) {
		rc = op_refuse(rf, CM_INVALID, "due",
		    "协办期限应为工作日（%s不是工作日）", in->due);
		goto fail;
	}
	if (w.v.dl.due != DATE_NONE && day >= w.v.dl.due) {
		date_format(w.v.dl.due, due);
		rc = op_refuse(rf, CM_INVALID, "due",
		    "协办期限应早于答复期限（%s）", due);
		goto fail;
	}
	now_iso(now);
	if ((rc = store_assist_insert(ctx->st, w.v.rec.id, d.id, in->due,
	    in->reason, ctx->actor, now)) != CM_OK) {
		op_refuse(rf, rc, rc == CM_CONFLICT ? "department" : NULL,
		    rc == CM_CONFLICT ? "协办科室：该科室已在协办本案件" :
		    SAVE_FAILED);
		goto fail;
	}
	json_init(&j, &w.payload);
	json_obj_open(&j, NULL);
	json_str(&j, "dept", d.code);
	json_str(&j, "due", in->due);
	json_obj_close(&j);
	rc = wf_commit(ctx, &w, WEV_ASSIST, in->reason, rf);
	department_clear(&d);
	wf_clear(&w);
	return rc;
fail:
	department_clear(&d);
	return wf_fail(ctx, &w, rc);
}

/* Records that the assisting department has answered (today). */
enum cm_err
op_case_assist_done(const struct op_ctx *ctx, const struct assign_step_in *in,
    struct op_refusal *rf)
{
	struct wf	 w;
	struct department d;
	struct json	 j;
	char		 on[DATE_STRLEN];
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&d, 0, sizeof(d));
	if ((rc = reason_check(in->reason, 0, "说明", rf)) != CM_OK)
		return rc;
	if ((rc = wf_begin(ctx, in->case_key, &w, rf)) != CM_OK)
		return rc;
	if ((rc = dept_lookup(ctx, in->department, &d, rf)) != CM_OK)
		goto fail;
	w.who.assist_head = same(d.head, ctx->actor);
	if (!roles_workflow(WF_ASSIST_DONE, &w.who)) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "只有审核人、协办科室负责人或案件承办人可以登记协办完成");
		goto fail;
	}
	date_format(ctx->today, on);
	if ((rc = store_assist_done(ctx->st, w.v.rec.id, d.id, on)) !=
	    CM_OK) {
		op_refuse(rf, rc == CM_NOTFOUND ? CM_CONFLICT : rc,
		    "department", rc == CM_NOTFOUND ?
		    "协办科室：该科室没有未完成的协办" : SAVE_FAILED);
		rc = rc == CM_NOTFOUND ? CM_CONFLICT : rc;
		goto fail;
	}
	json_init(&j, &w.payload);
	json_obj_open(&j, NULL);
	json_str(&j, "dept", d.code);
	json_obj_close(&j);
	rc = wf_commit(ctx, &w, WEV_ASSIST_DONE, in->reason, rf);
	department_clear(&d);
	wf_clear(&w);
	return rc;
fail:
	department_clear(&d);
	return wf_fail(ctx, &w, rc);
}

/* The steps the actor may take on v (bit 1 << enum wf_op). */
unsigned
assign_allowed(const struct op_ctx *ctx, const struct case_view *v)
{
	struct wf	 w;
	unsigned	 bits = 0;
	int		 op, s;

	s = case_state_find(v->rec.state);
	if (s < 0 || !lifecycle_is_open((enum case_state)s))
		return 0;
	memset(&w, 0, sizeof(w));
	w.v = *v;
	if (nz(ctx->actor) && store_user_org_get(ctx->st, ctx->actor,
	    &w.me) != CM_OK)
		memset(&w.me, 0, sizeof(w.me));
	wf_who(ctx, &w);
	for (op = 0; op < WF__MAX; op++)
		if (roles_workflow((enum wf_op)op, &w.who))
			bits |= 1u << op;
	/* An officer takes only an unassigned case. */
	if (ctx->role == ROLE_OFFICER && !w.who.head && v->rec.handler != NULL)
		bits &= ~(1u << WF_TAKE);
	user_org_clear(&w.me);
	return bits;
}

enum cm_err
assign_user_depts(struct store *st,
    int (*fn)(const struct user_dept_row *, void *), void *arg)
{
	return store_user_depts(st, fn, arg);
}

enum cm_err
assign_unassigned(struct store *st, const char *head, int limit,
    int (*fn)(const struct asg_row *, void *), void *arg)
{
	return store_unassigned(st, head, limit, fn, arg);
}

enum cm_err
assign_newly(struct store *st, const char *user, int limit,
    int (*fn)(const struct asg_row *, void *), void *arg)
{
	return store_newly_assigned(st, user, limit, fn, arg);
}

int
assign_heads(struct store *st, const char *user)
{
	int	 n = 0;

	if (user == NULL || store_depts_headed(st, user, &n) != CM_OK)
		return 0;
	return n;
}

enum cm_err
assign_case_due(struct store *st, const char *case_id, char due[DATE_STRLEN],
    int *provisional)
{
	return store_case_due(st, case_id, due, provisional);
}
