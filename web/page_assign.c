/* SPDX-License-Identifier: ISC */
/*
 * 承办 (issue 13): the case page's assignment section (department,
 * officer, 协办 with due dates, and the forms the actor's role and
 * place allow), the POST handlers of the page and of the JSON API for
 * assign, 转办, 退回, 协办 and its completion, and the administrator's
 * departments.  Each handler decodes its fields and calls the same
 * operation as the CLI (ops/assign.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/roles.h"
#include "ops/assign.h"
#include "ops/case.h"
#include "store/assign.h"
#include "util/json.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/page_case.h"
#include "web/pages.h"
#include "web/render.h"

/* Options of a <select> of departments; sel is a code. */
static void
dept_options(struct buf *b, const struct req *r, const char *sel,
    int64_t except, const char *empty)
{
	struct department *d = NULL;
	size_t		 n = 0, i;

	html_raw(b, "<option value=\"\">");
	html_text(b, empty);
	html_raw(b, "</option>");
	if (departments_list(r->st, &d, &n) != CM_OK)
		return;
	for (i = 0; i < n; i++) {
		if (!d[i].active || d[i].id == except)
			continue;
		html_raw(b, "<option value=\"");
		html_text(b, d[i].code);
		html_raw(b, "\"");
		if (sel != NULL && strcmp(sel, d[i].code) == 0)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, d[i].name);
		html_raw(b, "</option>");
	}
	departments_free(d, n);
}

struct officers {
	struct buf	*b;
	const char	*dept;		/* code, "" for any */
};

static int
officer_option(const struct user_dept_row *u, void *arg)
{
	struct officers	*o = arg;

	if (u->disabled || (strcmp(u->role, "officer") != 0 &&
	    strcmp(u->role, "reviewer") != 0))
		return 0;
	if (o->dept[0] != '\0' && strcmp(u->dept_code, o->dept) != 0)
		return 0;
	html_raw(o->b, "<option value=\"");
	html_text(o->b, u->name);
	html_raw(o->b, "\">");
	html_text(o->b, u->name);
	if (u->dept_name[0] != '\0') {
		html_raw(o->b, "（");
		html_text(o->b, u->dept_name);
		html_raw(o->b, "）");
	}
	html_raw(o->b, "</option>");
	return 0;
}

static void
field_error(struct buf *b, const struct op_refusal *rf, const char *form,
    const char *want)
{
	if (rf != NULL && form != NULL && strcmp(form, want) == 0 &&
	    rf->msg[0] != '\0') {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
}

static void
reason_box(struct buf *b, const char *label, int required)
{
	html_raw(b, "<label class=\"wide\">");
	html_text(b, label);
	html_raw(b, "<textarea name=\"reason\" rows=\"2\" maxlength=\""
	    LIM_STR(LIM_COMMENT_CHARS) "\"");
	if (required)
		html_raw(b, " required");
	html_raw(b, "></textarea></label>");
}

/*
 * The 承办 section: who handles the case, its 协办, and the forms the
 * actor may use.  rf (may be NULL) is a refusal to show at the form
 * named by the request's "form" field.
 */
void
pc_assign_section(struct buf *b, const struct req *r,
    const struct case_view *v, const struct op_refusal *rf)
{
	struct op_ctx	 ctx;
	struct officers	 o;
	const char	*form = req_field(r, "form");
	unsigned	 can;
	size_t		 i;

	web_op_ctx(r, &ctx);
	can = assign_allowed(&ctx, v);
	html_raw(b, "<section class=\"panel\" id=\"assign\"><h2>承办</h2>"
	    "<dl class=\"facts\"><dt>承办科室</dt><dd>");
	html_text(b, v->asg.dept_name != NULL ? v->asg.dept_name : "未分配");
	if (v->asg.dept_head != NULL) {
		html_raw(b, " <small>负责人 ");
		html_text(b, v->asg.dept_head);
		html_raw(b, "</small>");
	}
	html_raw(b, "</dd><dt>承办人</dt><dd class=\"assignee\">");
	if (v->rec.handler != NULL)
		html_text(b, v->rec.handler);
	else
		html_raw(b, "<span class=\"warn-text\">待分派</span>");
	html_raw(b, "</dd></dl>");
	if (v->asg.nas > 0) {
		html_raw(b, "<h3>协办</h3><table class=\"assists\"><thead><tr>"
		    "<th>协办科室</th><th>协办期限</th><th>事项</th>"
		    "<th>完成</th></tr></thead><tbody>");
		for (i = 0; i < v->asg.nas; i++) {
			const struct case_assist *a = &v->asg.as[i];

			html_raw(b, "<tr><td>");
			html_text(b, a->dept_name);
			html_raw(b, "</td><td class=\"date\">");
			if (a->done_on[0] == '\0')
				render_due(b, r, a->due, 0);
			else
				html_text(b, a->due);
			html_raw(b, "</td><td class=\"text\">");
			html_text(b, a->note);
			html_raw(b, "</td><td>");
			if (a->done_on[0] != '\0')
				html_text(b, a->done_on);
			else if (can & (1u << WF_ASSIST_DONE)) {
				pc_form_open(b, r, v->rec.number,
				    "/assist-done", 0);
				html_raw(b, "<input type=\"hidden\" name="
				    "\"department\" value=\"");
				html_text(b, a->dept_code);
				html_raw(b, "\"><button type=\"submit\">"
				    "登记协办完成</button></form>");
			} else
				html_raw(b, "未完成");
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
		field_error(b, rf, form, "assist-done");
	}
	if (can & (1u << WF_TAKE) && v->rec.handler == NULL &&
	    !(can & (1u << WF_ASSIGN))) {
		pc_form_open(b, r, v->rec.number, "/assign", 0);
		html_raw(b, "<input type=\"hidden\" name=\"form\" value="
		    "\"assign\"><input type=\"hidden\" name=\"to\" value=\"");
		html_text(b, r->sess.user);
		html_raw(b, "\"><button type=\"submit\">由我承办</button>"
		    "</form>");
		field_error(b, rf, form, "assign");
	}
	if (can & (1u << WF_ASSIGN)) {
		html_raw(b, "<details");
		if (form != NULL && strcmp(form, "assign") == 0)
			html_raw(b, " open");
		html_raw(b, "><summary>");
		html_text(b, v->rec.handler != NULL ? "改派" : "分派承办人");
		html_raw(b, "</summary>");
		field_error(b, rf, form, "assign");
		pc_form_open(b, r, v->rec.number, "/assign", 0);
		html_raw(b, "<input type=\"hidden\" name=\"form\" value="
		    "\"assign\"><label>承办人<select name=\"to\" required>"
		    "<option value=\"\">请选择</option>");
		o.b = b;
		o.dept = v->asg.dept_code;
		(void)assign_user_depts(r->st, officer_option, &o);
		html_raw(b, "</select></label>");
		if (v->asg.dept_id == 0) {
			html_raw(b, "<label>承办科室<select name="
			    "\"department\">");
			dept_options(b, r, NULL, 0, "请选择");
			html_raw(b, "</select></label>");
		}
		reason_box(b, v->rec.handler != NULL ? "改派理由" :
		    "说明（可不填）", v->rec.handler != NULL);
		html_raw(b, "<button type=\"submit\">确定</button></form>"
		    "</details>");
	}
	if (can & (1u << WF_TRANSFER)) {
		html_raw(b, "<details");
		if (form != NULL && strcmp(form, "transfer") == 0)
			html_raw(b, " open");
		html_raw(b, "><summary>转办</summary>");
		field_error(b, rf, form, "transfer");
		pc_form_open(b, r, v->rec.number, "/transfer", 0);
		html_raw(b, "<input type=\"hidden\" name=\"form\" value="
		    "\"transfer\"><label>承办科室<select name=\"department\""
		    " required>");
		dept_options(b, r, NULL, v->asg.dept_id, "请选择");
		html_raw(b, "</select></label>");
		reason_box(b, "转办理由", 1);
		html_raw(b, "<button type=\"submit\">转办</button></form>"
		    "</details>");
	}
	if (can & (1u << WF_RETURN)) {
		html_raw(b, "<details");
		if (form != NULL && strcmp(form, "return") == 0)
			html_raw(b, " open");
		html_raw(b, "><summary>退回科室负责人</summary>");
		field_error(b, rf, form, "return");
		pc_form_open(b, r, v->rec.number, "/return", 0);
		html_raw(b, "<input type=\"hidden\" name=\"form\" value="
		    "\"return\">");
		reason_box(b, "退回理由", 1);
		html_raw(b, "<button type=\"submit\">退回</button></form>"
		    "</details>");
	}
	if (can & (1u << WF_ASSIST)) {
		html_raw(b, "<details");
		if (form != NULL && strcmp(form, "assist") == 0)
			html_raw(b, " open");
		html_raw(b, "><summary>请其他科室协办</summary>");
		field_error(b, rf, form, "assist");
		pc_form_open(b, r, v->rec.number, "/assist", 0);
		html_raw(b, "<input type=\"hidden\" name=\"form\" value="
		    "\"assist\"><label>协办科室<select name=\"department\""
		    " required>");
		dept_options(b, r, NULL, v->asg.dept_id, "请选择");
		html_raw(b, "</select></label>");
		pc_input_date(b, "due", "协办期限", "");
		html_raw(b, "<p class=\"hint\">协办期限应为工作日，且早于答复期限"
		    "</p>");
		reason_box(b, "协办事项", 0);
		html_raw(b, "<button type=\"submit\">提交</button></form>"
		    "</details>");
	}
	html_raw(b, "</section>");
}

/* The five steps, by the last path segment of the POST. */
enum step { S_ASSIGN, S_TRANSFER, S_RETURN, S_ASSIST, S_ASSIST_DONE };

static enum cm_err
step_run(struct req *r, enum step s, struct op_refusal *rf)
{
	struct op_ctx	 ctx;
	struct assign_in ai;
	struct assign_step_in si;

	web_op_ctx(r, &ctx);
	memset(&si, 0, sizeof(si));
	si.case_key = r->args[0];
	si.department = req_field(r, "department");
	si.reason = req_field(r, "reason");
	si.due = req_field(r, "due");
	switch (s) {
	case S_ASSIGN:
		memset(&ai, 0, sizeof(ai));
		ai.case_key = r->args[0];
		ai.to = req_field(r, "to");
		ai.department = si.department;
		ai.reason = si.reason;
		return op_case_assign(&ctx, &ai, rf);
	case S_TRANSFER:
		return op_case_transfer(&ctx, &si, rf);
	case S_RETURN:
		return op_case_return(&ctx, &si, rf);
	case S_ASSIST:
		if (si.reason == NULL)
			si.reason = req_field(r, "note");
		return op_case_assist_add(&ctx, &si, rf);
	default:
		if (si.reason == NULL)
			si.reason = req_field(r, "note");
		return op_case_assist_done(&ctx, &si, rf);
	}
}

static void
page_step(struct req *r, struct resp *p, enum step s)
{
	struct op_refusal rf;
	enum cm_err	 rc;

	if ((rc = step_run(r, s, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "saved", "#assign");
}

/* POST /cases/{key}/assign: to, department, reason */
void
page_case_assign(struct req *r, struct resp *p)
{
	page_step(r, p, S_ASSIGN);
}

/* POST /cases/{key}/transfer: department, reason */
void
page_case_transfer(struct req *r, struct resp *p)
{
	page_step(r, p, S_TRANSFER);
}

/* POST /cases/{key}/return: reason */
void
page_case_return(struct req *r, struct resp *p)
{
	page_step(r, p, S_RETURN);
}

/* POST /cases/{key}/assist: department, due, reason (协办事项) */
void
page_case_assist(struct req *r, struct resp *p)
{
	page_step(r, p, S_ASSIST);
}

/* POST /cases/{key}/assist-done: department, reason */
void
page_case_assist_done(struct req *r, struct resp *p)
{
	page_step(r, p, S_ASSIST_DONE);
}

/* The API: the case as JSON after the step, or the refusal. */
static void
api_step(struct req *r, struct resp *p, enum step s)
{
	struct op_refusal rf;
	struct case_view v;
	struct json	 j;
	enum cm_err	 rc;

	if ((rc = step_run(r, s, &rf)) != CM_OK) {
		api_cm_error(p, rc, rc == CM_SYSERR ? "服务器内部错误" :
		    rf.msg);
		if (rf.field[0] != '\0' && rc != CM_SYSERR) {
			buf_reset(&p->body);
			json_init(&j, &p->body);
			json_obj_open(&j, NULL);
			json_str(&j, "error", rc == CM_NOTFOUND ? "not_found" :
			    rc == CM_CONFLICT ? "conflict" : rc == CM_INVALID ?
			    "invalid" : "unavailable");
			json_str(&j, "message", rf.msg);
			json_str(&j, "field", rf.field);
			json_obj_close(&j);
			buf_putc(&p->body, '\n');
		}
		return;
	}
	if ((rc = case_load(r->st, r->cal, r->args[0], r->today, &v)) !=
	    CM_OK) {
		case_view_clear(&v);
		api_cm_error(p, rc, "读取失败");
		return;
	}
	p->status = 200;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(&j, &p->body);
	case_view_json(&v, &j);
	buf_putc(&p->body, '\n');
	case_view_clear(&v);
}

/* POST /api/cases/{id}/assign {"to","department","reason"} */
void
api_case_assign(struct req *r, struct resp *p)
{
	api_step(r, p, S_ASSIGN);
}

/* POST /api/cases/{id}/transfer {"department","reason"} */
void
api_case_transfer(struct req *r, struct resp *p)
{
	api_step(r, p, S_TRANSFER);
}

/* POST /api/cases/{id}/return {"reason"} */
void
api_case_return(struct req *r, struct resp *p)
{
	api_step(r, p, S_RETURN);
}

/* POST /api/cases/{id}/assist {"department","due","note"} */
void
api_case_assist(struct req *r, struct resp *p)
{
	api_step(r, p, S_ASSIST);
}

/* POST /api/cases/{id}/assist-done {"department","note"} */
void
api_case_assist_done(struct req *r, struct resp *p)
{
	api_step(r, p, S_ASSIST_DONE);
}

/* Admin: a user's department and e-mail, as a small form. */
void
admin_user_org_cell(struct buf *b, const struct req *r, const char *name)
{
	struct user_org	 u;
	struct department d;
	struct buf	 href;

	if (store_user_org_get(r->st, name, &u) != CM_OK)
		return;
	memset(&d, 0, sizeof(d));
	if (u.dept_id > 0)
		(void)store_dept_get(r->st, u.dept_id, &d);
	buf_init(&href);
	buf_puts(&href, "/admin/users/");
	url_param(&href, name);
	buf_puts(&href, "/org");
	html_raw(b, "<form method=\"post\" class=\"inline\" action=\"");
	html_text(b, buf_str(&href));
	html_raw(b, "\">");
	html_csrf(b, r);
	html_raw(b, "<select name=\"department\" aria-label=\"承办科室\">");
	dept_options(b, r, d.code, 0, "无");
	html_raw(b, "</select><input type=\"email\" name=\"email\" maxlength=\""
	    LIM_STR(LIM_EMAIL_CHARS) "\" aria-label=\"电子邮箱\""
	    " placeholder=\"电子邮箱\" value=\"");
	html_text(b, u.email);
	html_raw(b, "\"><button class=\"secondary\">保存</button></form>");
	buf_clear(&href);
	department_clear(&d);
	user_org_clear(&u);
}

/* Admin: department and e-mail of a new user. */
void
admin_user_add_fields(struct buf *b, const struct req *r)
{
	html_raw(b, "<label>承办科室<select name=\"department\">");
	dept_options(b, r, NULL, 0, "无");
	html_raw(b, "</select></label><label>电子邮箱<input type=\"email\""
	    " name=\"email\" maxlength=\"" LIM_STR(LIM_EMAIL_CHARS) "\">"
	    "</label>");
}

/* Admin: the departments and a form to add one. */
void
admin_departments_section(struct buf *b, const struct req *r)
{
	struct department *d = NULL;
	size_t		 n = 0, i;

	html_raw(b, "<section class=\"panel\" id=\"departments\"><h2>承办科室"
	    "</h2><p class=\"hint\">科室负责人分派本科室的案件，并在工作台上看到"
	    "本科室待分派的案件。用户在上表中归入科室。</p><table><thead><tr>"
	    "<th>科室代码</th><th>科室名称</th><th>科室负责人</th><th>状态</th>"
	    "</tr></thead><tbody>");
	if (departments_list(r->st, &d, &n) != CM_OK)
		n = 0;
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		html_text(b, d[i].code);
		html_raw(b, "</td><td>");
		html_text(b, d[i].name);
		html_raw(b, "</td><td>");
		html_text(b, d[i].head != NULL ? d[i].head : "—");
		html_raw(b, "</td><td>");
		html_text(b, d[i].active ? "正常" : "已撤销");
		html_raw(b, "</td></tr>");
	}
	if (n == 0)
		html_raw(b, "<tr><td colspan=\"4\" class=\"empty\">尚未设置承办"
		    "科室</td></tr>");
	departments_free(d, n);
	html_raw(b, "</tbody></table><h3>新增科室</h3><form method=\"post\""
	    " action=\"/admin/departments\" class=\"row\">");
	html_csrf(b, r);
	html_raw(b, "<label>科室代码<input name=\"code\" required maxlength=\"16\""
	    " pattern=\"[A-Za-z0-9_\\-]+\"></label><label>科室名称<input"
	    " name=\"name\" required maxlength=\"50\"></label><label>科室负责人"
	    "<input name=\"head\" maxlength=\"" LIM_STR(LIM_USER_NAME_CHARS)
	    "\"></label><button type=\"submit\">新增</button></form>"
	    "</section>");
}

/* POST /admin/departments: code, name, head */
void
page_department_add(struct req *r, struct resp *p)
{
	struct department_in in;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	enum cm_err	 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.code = req_field(r, "code");
	in.name = req_field(r, "name");
	in.head = req_field(r, "head");
	in.active = 1;
	if ((rc = op_department_add(&ctx, &in, &rf)) != CM_OK) {
		page_admin_refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=saved#departments");
}

/* POST /admin/users/{name}/org: department, email */
void
page_user_org(struct req *r, struct resp *p)
{
	struct user_set_in in;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	enum cm_err	 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.name = r->args[0];
	in.department = req_field(r, "department");
	in.email = req_field(r, "email");
	in.disabled = -1;
	if ((rc = op_user_set(&ctx, &in, &rf)) != CM_OK) {
		page_admin_refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=user#users");
}

/* The case list's department and "no officer" filters (issue 13). */
void
assign_filter_fields(struct buf *b, const struct req *r, const char *dept,
    int unassigned)
{
	html_raw(b, "<label>承办科室<select name=\"dept\">");
	dept_options(b, r, dept, 0, "全部");
	html_raw(b, "</select></label><label class=\"check\"><input"
	    " type=\"checkbox\" name=\"unassigned\" value=\"1\"");
	if (unassigned)
		html_raw(b, " checked");
	html_raw(b, ">待分派</label>");
}
