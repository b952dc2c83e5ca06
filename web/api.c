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
 *   POST /api/cases {intake fields, "confirm_similar", "applicant_record":
 *        "keep" (default) | "update" | "use-stored", "confirm_old_date",
 *        "register"} -> 201 {"id","number","received","state","due",
 *        "provisional","receipt_version"};
 *        409 {"error","message","field":"confirm_similar","similar":[...]}
 *        when the applicant made a similar request within 90 days;
 *        409 field "confirm_old_date" for a receipt date more than 60
 *        days back; 409 field "register" with "art29_missing":[...]
 *        when "register": true and an Art 29 item is missing
 *   GET  /api/cases/{id}                    -> the case
 *   POST /api/cases/{id}/actions {"action","on","outcome",...}
 *        -> 200 the case, or 202 {"approval": N, "status": "pending"}
 *        when the role needs a reviewer's approval
 *   POST /api/cases/{id}/approvals/{n} {"decision","comment"} -> the case
 *   POST /api/cases/{id}/texts {KEY: VALUE, ...}  -> the case
 *   POST /api/cases/{id}/notes {"text"}          -> the case
 *   POST /api/cases/{id}/attachments (multipart, "file") -> 201 {"id",
 *        "sha256"}
 *   POST /api/cases/{id}/correct {"applicant",...,"channel","received",
 *        "arrived","confirmed","reason"} -> the case (409 after the reply)
 *   GET  /api/cases/{id}/approvals/{n}/draft.pdf -> the draft letter of
 *        a pending request (样稿, no 文号; computed, never stored)
 *   POST /api/cases/{id}/letters/{kind}  -> 201 the issued version; 409
 *        once issued (a letter that went out is immutable)
 *   POST /api/cases/{id}/letters/{kind}/reissue {"reason"} -> 201 a new
 *        version under the same 文号
 *   GET  /api/cases/{id}/letters/{kind}.pdf -> the newest stored letter
 *        of that kind (?v=N a version); 404 when none was issued
 *   Refusals of operations: {"error","message","field"}
 *   GET  /api/reports/annual?year=Y -> the 30号 tables
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/limits.h"
#include "cases/report.h"
#include "cases/roles.h"
#include "cases/similar.h"
#include "forms/letter.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "ops/report.h"
#include "ops/worklist.h"
#include "store/store.h"
#include "util/json.h"
#include "web/filters.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/writer.h"

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
	case AUTH_BUSY:
		api_error(p, 429, "busy", "同时登录的人较多，请几秒钟后再试");
		resp_header(p, "Retry-After", "2");
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

/* A search result: the list row and how it matched. */
static int
search_json(const struct list_row *l, void *arg)
{
	struct rows	*o = arg;
	struct case_row	 c;
	struct row_clock k;

	worklist_case_row(l, &c);
	case_row_clock(o->r->cal, &c, o->r->today, &k);
	json_obj_open(o->j, NULL);
	case_row_json_members(&c, &k, o->j);
	json_str(o->j, "match", l->why);
	json_str(o->j, "matched", l->extra);
	json_obj_close(o->j);
	o->n++;
	return 0;
}

/* GET /api/cases?q=TEXT: the search box (worklist_search), at most
 * limit (default 100, at most 500) results, exact matches first. */
static void
api_cases_search(struct req *r, struct resp *p, const char *q)
{
	struct rows	 o;
	struct json	 j;
	const char	*ls = req_param(r, "limit");
	long		 limit = 100;
	enum cm_err	 rc;

	if (ls != NULL && ((limit = strtol(ls, NULL, 10)) < 1 || limit > 500)) {
		api_error(p, 400, "bad_request", "limit 应为1至500");
		return;
	}
	json_begin(p, 200, &j);
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.j = &j;
	json_arr_open(&j, NULL);
	if ((rc = worklist_search(r->st, q, (int)limit, search_json, &o)) !=
	    CM_OK) {
		api_cm_error(p, rc, rc == CM_INVALID ? "搜索词应为1至100个字" :
		    rc == CM_UNAVAILABLE ? "搜索超时，请输入更具体的搜索词" :
		    "搜索失败");
		return;
	}
	json_arr_close(&j);
	buf_putc(&p->body, '\n');
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

	if ((m = req_param(r, "q")) != NULL && m[0] != '\0') {
		api_cases_search(r, p, m);
		return;
	}
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
		if (f.limit != LIM_LIST_ROWS_DEFAULT)
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

/* An operation's refusal: {"error", "message", "field"} (field only
 * when the refusal names one). */
static void
api_refused(struct resp *p, enum cm_err rc, const struct op_refusal *rf,
    const struct intake_out *io)
{
	static const char *const codes[CM__MAX] = {
		[CM_OK] = "ok", [CM_NOTFOUND] = "not_found",
		[CM_CONFLICT] = "conflict", [CM_INVALID] = "invalid",
		[CM_SYSERR] = "internal", [CM_UNAVAILABLE] = "unavailable",
		[CM_FORBIDDEN] = "forbidden",
	};
	struct json	 j;
	size_t		 i;

	json_begin(p, http_status_of(rc), &j);
	json_obj_open(&j, NULL);
	json_str(&j, "error", (int)rc >= 0 && rc < CM__MAX ? codes[rc] :
	    "internal");
	json_str(&j, "message", rc == CM_SYSERR ? "服务器内部错误" : rf->msg);
	if (rf->field[0] != '\0')
		json_str(&j, "field", rf->field);
	if (io != NULL && io->nsim > 0) {
		json_arr_open(&j, "similar");
		for (i = 0; i < io->nsim; i++) {
			json_obj_open(&j, NULL);
			json_str(&j, "number", io->sim[i].number);
			json_str(&j, "received", io->sim[i].received);
			json_str(&j, "state", io->sim[i].state);
			json_int(&j, "percent", io->sim[i].percent);
			json_obj_close(&j);
		}
		json_arr_close(&j);
	}
	if (io != NULL && io->art29_missing != 0 &&
	    strcmp(rf->field, "register") == 0) {
		json_arr_open(&j, "art29_missing");
		for (i = 0; i < ART29__MAX; i++)
			if (io->art29_missing & (1u << i))
				json_str(&j, NULL, art29_codes[i]);
		json_arr_close(&j);
	}
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

static void
api_ctx(const struct req *r, struct op_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->st = r->st;
	ctx->cal = r->cal;
	ctx->actor = r->sess.user;
	ctx->role = r->sess.role;
	ctx->today = r->today;
	ctx->addr = r->addr;
}

/* The writer thread as an operation's txn (ops/op.h). */
static enum cm_err
writer_txn(void *r, op_txn_fn fn, void *arg, int *lost)
{
	return web_write(r, fn, arg, lost);
}

/*
 * op_intake with its transaction on the server's writer thread
 * (web/writer.c): its checks of the input run here, and it returns once
 * the commit containing the new case is durable.  A batch that did not
 * commit is a refusal like any failed save.  Also used by the intake
 * page (page_intake).
 */
enum cm_err
web_op_intake(struct req *r, const struct op_ctx *ctx,
    const struct intake_in *in, struct intake_out *out,
    struct op_refusal *rf)
{
	struct op_ctx	 c = *ctx;

	c.txn = writer_txn;
	c.txn_arg = r;
	return op_intake(&c, in, out, rf);
}

/* POST /api/cases: as the intake form, "confirm_similar": true to log a
 * request despite similar ones (409 with "similar" otherwise). */
void
api_cases_new(struct req *r, struct resp *p)
{
	struct intake_in in;
	struct intake_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct case_view v;
	struct json	 j;
	const char	*c;
	enum cm_err	 rc;

	memset(&in, 0, sizeof(in));
	intake_read(r, &in.c);
	c = req_field(r, "confirm_similar");
	in.confirm_similar = c != NULL && (strcmp(c, "true") == 0 ||
	    strcmp(c, "1") == 0);
	c = req_field(r, "confirm_old_date");
	in.confirm_old_date = c != NULL && (strcmp(c, "true") == 0 ||
	    strcmp(c, "1") == 0);
	c = req_field(r, "register");
	in.reg = c != NULL && (strcmp(c, "true") == 0 ||
	    strcmp(c, "1") == 0);
	/* An ID number on file: the typed details unless told otherwise. */
	c = req_field(r, "applicant_record");
	if (c != NULL && c[0] != '\0' &&
	    (in.c.applicant_record = appl_record_find(c)) < 0) {
		op_refusal_init(&rf);
		op_refuse(&rf, CM_INVALID, "applicant_record",
		    "申请人信息的登记方式无效");
		api_refused(p, CM_INVALID, &rf, NULL);
		return;
	}
	api_ctx(r, &ctx);
	if ((rc = web_op_intake(r, &ctx, &in, &out, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, &out);
		intake_out_clear(&out);
		return;
	}
	if (case_load(r->st, r->cal, out.id, r->today, &v) != CM_OK) {
		case_view_clear(&v);
		intake_out_clear(&out);
		api_error(p, 500, "internal", "读取失败");
		return;
	}
	json_begin(p, 201, &j);
	json_obj_open(&j, NULL);
	json_str(&j, "id", v.rec.id);
	json_str(&j, "number", v.rec.number);
	json_str(&j, "received", v.rec.received);
	json_str(&j, "state", v.rec.state);
	json_str(&j, "due", v.rec.due[0] != '\0' ? v.rec.due : NULL);
	json_bool(&j, "provisional", v.dl.provisional);
	json_int(&j, "receipt_version", out.receipt_version);
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
	intake_out_clear(&out);
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
	struct act_in	 in;
	struct act_out	 out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct json	 j;
	enum cm_err	 rc;

	act_read(r, &in);
	api_ctx(r, &ctx);
	if ((rc = op_case_act(&ctx, &in, &out, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, NULL);
		return;
	}
	if (out.pending) {
		json_begin(p, 202, &j);
		json_obj_open(&j, NULL);
		json_int(&j, "approval", out.approval);
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
	struct decide_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (decide_read(r, &in) != 0) {
		api_error(p, 404, "not_found", "没有这个审批请求");
		return;
	}
	api_ctx(r, &ctx);
	if ((rc = op_approval_decide(&ctx, &in, NULL, &rf)) != CM_OK) {
		/* Not the signer of the step to sign now: 403. */
		if (strcmp(rf.field, OP_DECIDE_SIGNER) == 0) {
			struct json	 j;

			json_begin(p, 403, &j);
			json_obj_open(&j, NULL);
			json_str(&j, "error", "forbidden");
			json_str(&j, "message", rf.msg);
			json_str(&j, "field", rf.field);
			json_obj_close(&j);
			buf_putc(&p->body, '\n');
		} else
			api_refused(p, rc, &rf, NULL);
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* POST /api/cases/{id}/texts {KEY: VALUE, ...} ("" removes a text) */
void
api_texts(struct req *r, struct resp *p)
{
	struct texts_in	 in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	texts_read(r, &in);
	api_ctx(r, &ctx);
	if ((rc = op_case_texts(&ctx, &in, NULL, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, NULL);
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* POST /api/cases/{id}/notes {"text"} */
void
api_note(struct req *r, struct resp *p)
{
	struct note_in	 in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	in.case_key = r->args[0];
	in.text = req_field(r, "text");
	api_ctx(r, &ctx);
	if ((rc = op_note_add(&ctx, &in, NULL, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, NULL);
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* POST /api/cases/{id}/attachments (multipart/form-data, field "file")
 * -> 201 {"id","sha256"} */
void
api_attachment(struct req *r, struct resp *p)
{
	struct attach_in in;
	struct attach_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct json	 j;
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0)
			break;
	if (i == r->nfiles) {
		api_error(p, 422, "invalid", "请选择要上传的文件");
		return;
	}
	in.case_key = r->args[0];
	in.name = r->files[i].filename;
	in.namelen = r->files[i].fnlen;
	in.data = r->files[i].data;
	in.len = r->files[i].len;
	api_ctx(r, &ctx);
	if ((rc = op_attachment_add(&ctx, &in, &out, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, NULL);
		return;
	}
	json_begin(p, 201, &j);
	json_obj_open(&j, NULL);
	json_int(&j, "id", out.id);
	json_str(&j, "sha256", out.sha256);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

/* POST /api/cases/{id}/correct {"applicant", ..., "reason"} */
void
api_correct(struct req *r, struct resp *p)
{
	struct correct_in in;
	struct correct_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	correct_read(r, &in);
	api_ctx(r, &ctx);
	if ((rc = op_case_correct(&ctx, &in, &out, &rf)) != CM_OK) {
		api_refused(p, rc, &rf, NULL);
		return;
	}
	case_json(r, p, r->args[0], 200);
}

/* GET /api/cases/{id}/letters/{kind}.pdf: the newest stored version (or
 * ?v=N); 404 when none has been issued -- reading never issues. */
void
api_letter(struct req *r, struct resp *p)
{
	int	 st;

	if ((st = serve_letter(r, p)) != 0)
		api_error(p, st, st == 404 ? "not_found" : "internal",
		    st == 404 ? "尚未生成这份文书，请先生成（POST）" :
		    "读取文书失败");
}

/* 201 {"kind","version","doc_number","sha256","title"} of a letter
 * version just stored. */
static void
letter_created(struct resp *p, const char *kind, const struct letter_out *lo)
{
	struct json	 j;

	json_begin(p, 201, &j);
	json_obj_open(&j, NULL);
	json_str(&j, "kind", kind);
	json_int(&j, "version", lo->version);
	json_str(&j, "doc_number", lo->doc_number[0] != '\0' ?
	    lo->doc_number : NULL);
	json_str(&j, "sha256", lo->sha256);
	json_str(&j, "title", lo->title);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

/* POST /api/cases/{id}/letters/{kind}: issue a letter -> 201
 * {"kind","version","doc_number","sha256","title"} */
void
api_letter_issue(struct req *r, struct resp *p)
{
	struct letter_in in;
	struct letter_out lo;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (letter_kind_find(r->args[1]) < 0) {
		api_error(p, 404, "not_found", "没有这种文书");
		return;
	}
	in.case_key = r->args[0];
	in.kind = r->args[1];
	api_ctx(r, &ctx);
	letter_out_init(&lo);
	if ((rc = op_letter_issue(&ctx, &in, &lo, &rf)) != CM_OK) {
		letter_out_clear(&lo);
		api_refused(p, rc, &rf, NULL);
		return;
	}
	letter_created(p, in.kind, &lo);
	letter_out_clear(&lo);
}

/* POST /api/cases/{id}/letters/{kind}/reissue {"reason"} -> 201
 * {"kind","version","doc_number","sha256","title"}: a new version of a
 * letter that went out, under the same 文号. */
void
api_letter_reissue(struct req *r, struct resp *p)
{
	struct reissue_in in;
	struct letter_out lo;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (letter_kind_find(r->args[1]) < 0) {
		api_error(p, 404, "not_found", "没有这种文书");
		return;
	}
	in.case_key = r->args[0];
	in.kind = r->args[1];
	in.reason = req_field(r, "reason");
	api_ctx(r, &ctx);
	letter_out_init(&lo);
	if ((rc = op_letter_reissue(&ctx, &in, &lo, &rf)) != CM_OK) {
		letter_out_clear(&lo);
		api_refused(p, rc, &rf, NULL);
		return;
	}
	letter_created(p, in.kind, &lo);
	letter_out_clear(&lo);
}

/* GET /api/cases/{id}/approvals/{n}/draft.pdf: the draft (样稿, no 文号)
 * of the letter the pending request would send; computed, not stored. */
void
api_approval_draft(struct req *r, struct resp *p)
{
	struct op_refusal rf;
	int		 st;

	if ((st = serve_draft(r, p, &rf)) != 0)
		api_error(p, st, st == 404 ? "not_found" : st == 409 ?
		    "conflict" : st == 500 ? "internal" : "invalid",
		    rf.msg[0] != '\0' ? rf.msg : "无法生成样稿");
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
	    year < LIM_YEAR_MIN || year > LIM_YEAR_MAX) {
		api_error(p, 400, "bad_request", "year 应为"
		    LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX) "的年份");
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
