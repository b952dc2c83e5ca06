/* SPDX-License-Identifier: ISC */
/*
 * The JSON API (codes.md "HTTP JSON API").  The same domain calls as the
 * pages, the same JSON as the CLI's --json (case_view_json,
 * case_row_json), errors as {"error": CODE, "message": TEXT}.
 *
 *   POST /api/login {"username","password"} -> cookie + {"csrf": TOKEN}
 *   POST /api/logout
 *   GET  /api/cases?state=&overdue=1&due_soon=1&mine=1&handler=&channel=
 *        &applicant_type=&year=&sort=&after=&limit= -> [row, ...];
 *        the next page's URL in a Link header (rel="next")
 *   POST /api/cases {intake fields} -> 201 {"id","number","received",
 *        "due","provisional","similar":[...]}
 *   GET  /api/cases/{id}                    -> the case
 *   POST /api/cases/{id}/actions {"action","on","outcome",...}
 *        -> 200 the case, or 202 {"approval": N, "status": "pending"}
 *        when the role needs a reviewer's approval
 *   POST /api/cases/{id}/approvals/{n} {"decision","comment"} -> the case
 *   GET  /api/cases/{id}/letters/{kind}.pdf -> the newest stored letter
 *        of that kind, issued first when there is none
 *   GET  /api/reports/annual?year=Y -> the 30号 tables
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/approval.h"
#include "ops/case.h"
#include "cases/report.h"
#include "cases/similar.h"
#include "store/store.h"
#include "ops/worklist.h"
#include "forms/intake.h"
#include "util/json.h"
#include "web/filters.h"
#include "web/http.h"
#include "web/pages.h"

static void
json_begin(struct resp *p, int status, struct json *j)
{
	p->status = status;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(j, &p->body);
}

/* POST /api/login */
void
api_login(struct req *r, struct resp *p)
{
	struct session	 s;
	struct json	 j;

	switch (auth_login(r->st, web_policy(r->w), req_field(r, "username"),
	    req_field(r, "password"), r->addr, r->now, &s)) {
	case AUTH_OK:
		break;
	case AUTH_LOCKED:
		api_error(p, 403, "locked", "登录失败次数过多，请稍后再试");
		return;
	case AUTH_BAD:
		api_error(p, 401, "unauthorized", "用户名或密码错误");
		return;
	default:
		api_error(p, 500, "internal", "服务器内部错误");
		return;
	}
	r->authed = 1;
	r->sess = s;
	resp_cookie(r, p, "foidesk_session", s.token, -1);
	json_begin(p, 200, &j);
	json_obj_open(&j, NULL);
	json_str(&j, "csrf", s.csrf);
	json_str(&j, "user", s.user);
	json_str(&j, "role", role_codes[s.role]);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
	explicit_bzero(&s, sizeof(s));
}

/* POST /api/logout */
void
api_logout(struct req *r, struct resp *p)
{
	struct json	 j;

	(void)auth_logout(r->st, r->cookie_session, r->addr);
	resp_cookie(r, p, "foidesk_session", "", 0);
	json_begin(p, 200, &j);
	json_obj_open(&j, NULL);
	json_bool(&j, "ok", 1);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

struct rows {
	const struct req	*r;
	struct json		*j;
	enum list_sort		 sort;
	int			 n;
	char			 last[LIST_CURSOR_MAX];
};

static int
row_json(const struct list_row *l, void *arg)
{
	struct rows	*o = arg;
	struct case_row	 c;
	struct row_clock k;

	worklist_case_row(l, &c);
	case_row_clock(o->r->cal, &c, o->r->today, &k);
	case_row_json(&c, &k, o->j);
	worklist_cursor(o->sort, l, o->last);
	o->n++;
	return 0;
}

/* GET /api/cases */
void
api_cases_list(struct req *r, struct resp *p)
{
	struct filt		 f;
	struct list_filter	 q;
	struct rows		 o;
	struct json		 j;
	struct buf		 u, link;
	const char		*m;

	if ((m = filt_parse(r, &f)) != NULL) {
		api_error(p, 400, "bad_request", m);
		return;
	}
	filt_filter(&f, &q);
	json_begin(p, 200, &j);
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.j = &j;
	o.sort = f.sort;
	json_arr_open(&j, NULL);
	if (worklist_list(r->st, r->cal, r->today, &q, row_json, &o) !=
	    CM_OK) {
		api_error(p, 500, "internal", "读取失败");
		return;
	}
	json_arr_close(&j);
	buf_putc(&p->body, '\n');
	if (o.n == f.limit) {
		buf_init(&u);
		buf_init(&link);
		filt_url(&f, "/api/cases", o.last, &u);
		if (f.limit != 50)
			buf_printf(&u, "&limit=%d", f.limit);
		buf_printf(&link, "<%s>; rel=\"next\"", buf_str(&u));
		resp_header(p, "Link", buf_str(&link));
		buf_clear(&u);
		buf_clear(&link);
	}
}

static void
case_json(struct req *r, struct resp *p, const char *key, int status)
{
	struct case_view v;
	struct json	 j;
	enum cm_err	 rc;

	if ((rc = case_load(r->st, r->cal, key, r->today, &v)) != CM_OK) {
		case_view_clear(&v);
		api_cm_error(p, rc, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取失败");
		return;
	}
	json_begin(p, status, &j);
	case_view_json(&v, &j);
	buf_putc(&p->body, '\n');
	case_view_clear(&v);
}

/* POST /api/cases */
void
api_cases_new(struct req *r, struct resp *p)
{
	struct case_input in;
	struct case_view v;
	struct similar	*sim = NULL;
	struct json	 j;
	char		 msg[512], id[37], number[32];
	size_t		 nsim = 0, i;
	int		 f;
	enum cm_err	 rc;

	intake_read(r, &in);
	in.addr = r->addr;
	if ((f = intake_check(&in, msg, sizeof(msg))) >= 0) {
		api_error(p, 422, "invalid", msg);
		return;
	}
	if (similar_find(r->st, &in, r->today, &sim, &nsim) != CM_OK)
		nsim = 0;
	rc = case_new(r->st, r->cal, &in, r->sess.user, r->today, id, number,
	    sizeof(number), msg, sizeof(msg));
	if (rc != CM_OK) {
		similar_free(sim, nsim);
		api_cm_error(p, rc, msg);
		return;
	}
	if (case_load(r->st, r->cal, id, r->today, &v) != CM_OK) {
		case_view_clear(&v);
		similar_free(sim, nsim);
		api_error(p, 500, "internal", "读取失败");
		return;
	}
	json_begin(p, 201, &j);
	json_obj_open(&j, NULL);
	json_str(&j, "id", v.rec.id);
	json_str(&j, "number", v.rec.number);
	json_str(&j, "received", v.rec.received);
	json_str(&j, "due", v.rec.due[0] != '\0' ? v.rec.due : NULL);
	json_bool(&j, "provisional", v.dl.provisional);
	json_arr_open(&j, "similar");
	for (i = 0; i < nsim; i++) {
		json_obj_open(&j, NULL);
		json_str(&j, "number", sim[i].number);
		json_str(&j, "received", sim[i].received);
		json_str(&j, "state", sim[i].state);
		json_int(&j, "percent", sim[i].percent);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
	{
		struct buf loc;

		buf_init(&loc);
		buf_puts(&loc, "/api/cases/");
		buf_puts(&loc, v.rec.id);
		resp_header(p, "Location", buf_str(&loc));
		buf_clear(&loc);
	}
	case_view_clear(&v);
	similar_free(sim, nsim);
}

/* GET /api/cases/{id} */
void
api_case_get(struct req *r, struct resp *p)
{
	case_json(r, p, r->args[0], 200);
}

/* POST /api/cases/{id}/actions */
void
api_case_act(struct req *r, struct resp *p)
{
	struct act_input in;
	struct json	 j;
	const char	*m;
	char		 err[512];
	int64_t		 apid;
	enum grant	 g;
	int		 a;
	enum cm_err	 rc;

	m = act_read(r, &in, &a);
	if (a >= 0 && roles_act(r->sess.role, (enum action)a) == GRANT_DENY) {
		api_error(p, 403, "forbidden", "您的角色不能进行此项操作");
		return;
	}
	if (m != NULL) {
		api_error(p, 422, "invalid", m);
		return;
	}
	g = roles_act(r->sess.role, (enum action)a);
	if ((rc = act_apply(r, &in, g, &apid, err, sizeof(err))) != CM_OK) {
		api_cm_error(p, rc, err);
		return;
	}
	if (g == GRANT_APPROVAL) {
		json_begin(p, 202, &j);
		json_obj_open(&j, NULL);
		json_int(&j, "approval", apid);
		json_str(&j, "status", "pending");
		json_obj_close(&j);
		buf_putc(&p->body, '\n');
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* POST /api/cases/{id}/approvals/{n} */
void
api_approval(struct req *r, struct resp *p)
{
	struct approval	 ap;
	struct case_rec	 c;
	const char	*d = req_field(r, "decision"), *cm;
	char		*end, err[512];
	long long	 id;
	enum cm_err	 rc;

	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0 || approval_get(r->st, id, &ap) != CM_OK) {
		api_error(p, 404, "not_found", "没有这个审批请求");
		return;
	}
	rc = store_case_get(r->st, r->args[0], &c);
	if (rc != CM_OK || strcmp(c.id, ap.case_id) != 0) {
		if (rc == CM_OK)
			case_rec_clear(&c);
		approval_clear(&ap);
		api_error(p, 404, "not_found", "没有这个审批请求");
		return;
	}
	case_rec_clear(&c);
	approval_clear(&ap);
	if (d == NULL || (strcmp(d, "approve") != 0 &&
	    strcmp(d, "reject") != 0)) {
		api_error(p, 422, "invalid", "decision 应为 approve 或 reject");
		return;
	}
	cm = req_field(r, "comment");
	if (cm != NULL && strlen(cm) > 6000) {
		api_error(p, 422, "invalid", "comment 过长");
		return;
	}
	rc = approval_decide(r->st, r->cal, id, strcmp(d, "approve") == 0,
	    r->sess.user, r->sess.role, cm, r->addr, r->today, err,
	    sizeof(err));
	if (rc != CM_OK) {
		api_cm_error(p, rc, err);
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* GET /api/cases/{id}/letters/{kind}.pdf */
void
api_letter(struct req *r, struct resp *p)
{
	int	 st;

	if ((st = serve_letter(r, p, 1)) != 0)
		api_error(p, st, st == 404 ? "not_found" : st == 403 ?
		    "forbidden" : "internal", st == 404 ? "没有这份文书" :
		    st == 403 ? "您的角色不能生成这种文书" : "读取文书失败");
}

/* GET /api/reports/annual?year=Y */
void
api_report(struct req *r, struct resp *p)
{
	struct report	 rep;
	struct json	 j;
	const char	*y = req_param(r, "year");
	char		*end;
	long		 year;
	enum cm_err	 rc;

	if (y == NULL || (year = strtol(y, &end, 10), *end != '\0') ||
	    year < 2000 || year > 2099) {
		api_error(p, 400, "bad_request", "year 应为2000至2099的年份");
		return;
	}
	memset(&rep, 0, sizeof(rep));
	if ((rc = report_load(r->st, (int)year, &rep)) != CM_OK) {
		report_clear(&rep);
		api_cm_error(p, rc, "无法生成年度报告");
		return;
	}
	json_begin(p, 200, &j);
	report_json(&rep, &j);
	buf_putc(&p->body, '\n');
	report_clear(&rep);
}
