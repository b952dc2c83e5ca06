/* SPDX-License-Identifier: ISC */
/*
 * A person's own account (issue 15): changing one's own password, for
 * every role.  The page and the JSON API decode the fields and call
 * op_account_password(); the rules (current password right, new one
 * long and strong enough, the other sessions ended) live there.
 */
#include <stdio.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/auth.h"
#include "ops/op.h"
#include "ops/user.h"
#include "util/json.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

/* The form, with the refusal (if any) and its field marked. */
static void
render(struct req *r, struct resp *p, const struct op_refusal *rf)
{
	static const struct {
		const char	*key, *label, *autocomplete;
	} f[] = {
		{ "current", "当前密码", "current-password" },
		{ "password", "新密码", "new-password" },
		{ "confirm", "确认新密码", "new-password" },
	};
	struct buf	*b = &p->body;
	size_t		 i;

	page_begin(r, p, "修改密码", NAV_NONE);
	html_raw(b, "<h1>修改密码</h1>");
	if (rf != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	html_raw(b, "<form method=\"post\" action=\"/account/password\""
	    " class=\"stack\">");
	html_csrf(b, r);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		html_raw(b, "<p><label>");
		html_text(b, f[i].label);
		html_raw(b, " <input type=\"password\" name=\"");
		html_text(b, f[i].key);
		html_raw(b, "\" autocomplete=\"");
		html_text(b, f[i].autocomplete);
		html_raw(b, "\" maxlength=\"" LIM_STR(LIM_PASSWORD_MAX_BYTES)
		    "\" required");
		if (rf != NULL && strcmp(rf->field, f[i].key) == 0)
			html_raw(b, " aria-invalid=\"true\" autofocus");
		html_raw(b, "></label></p>");
	}
	html_raw(b, "<p class=\"muted\">新密码至少" LIM_STR(LIM_PASSWORD_MIN_BYTES)
	    "个字符，不能是常见单词、用户名或简单组合。修改后，您在其他设备或"
	    "浏览器上的登录将全部退出。</p><p><button>修改密码</button></p>"
	    "</form>");
	page_end(r, p);
}

/* GET /account/password */
void
page_account_password(struct req *r, struct resp *p)
{
	render(r, p, NULL);
}

/* POST /account/password (fields current, password, confirm). */
void
page_account_password_post(struct req *r, struct resp *p)
{
	struct op_ctx			 ctx;
	struct account_password_in	 in;
	struct op_refusal		 rf;
	enum cm_err			 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.current = req_field(r, "current");
	in.password = req_field(r, "password");
	in.confirm = req_field(r, "confirm");
	if (in.confirm == NULL)
		in.confirm = "";
	in.keep_token = r->cookie_session;
	in.policy = web_policy(r->w);
	if ((rc = op_account_password(&ctx, &in, &rf)) != CM_OK) {
		buf_reset(&p->body);
		p->status = http_status_of(rc);
		render(r, p, &rf);
		return;
	}
	resp_redirect(p, 303, "/account/password?ok=password");
}

/* POST /api/account/password {"current","password"}: 200 {"ok":true}
 * or the refusal {"error","message","field"}. */
void
api_account_password(struct req *r, struct resp *p)
{
	struct op_ctx			 ctx;
	struct account_password_in	 in;
	struct op_refusal		 rf;
	struct json			 j;
	enum cm_err			 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.current = req_field(r, "current");
	in.password = req_field(r, "password");
	in.keep_token = r->cookie_session;
	in.policy = web_policy(r->w);
	rc = op_account_password(&ctx, &in, &rf);
	p->status = rc == CM_OK ? 200 : http_status_of(rc);
	p->ctype = "application/json; charset=utf-8";
	json_init(&j, &p->body);
	json_obj_open(&j, NULL);
	if (rc == CM_OK)
		json_bool(&j, "ok", 1);
	else {
		json_str(&j, "error", rc == CM_INVALID ? "invalid" :
		    rc == CM_NOTFOUND ? "not_found" : rc == CM_UNAVAILABLE ?
		    "unavailable" : "internal");
		json_str(&j, "message", rf.msg);
		if (rf.field[0] != '\0')
			json_str(&j, "field", rf.field);
	}
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}
