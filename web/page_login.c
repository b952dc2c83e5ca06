/* SPDX-License-Identifier: ISC */
/*
 * Logging in and out, and the static files.  The login form carries a
 * one-off token that must match a cookie set with the form (login CSRF:
 * nobody can log a browser into someone else's account); the session
 * cookie is set only after the password checks out.
 */
#include <stdio.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/auth.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/static.h"

#define PRE_COOKIE	"foidesk_pre"
#define SESSION_COOKIE	"foidesk_session"

/* GET /static/{name}: the stylesheet and the script. */
void
page_static(struct req *r, struct resp *p)
{
	const struct web_asset *a;

	if ((a = web_asset_find(r->args[0])) == NULL) {
		page_error(r, p, 404, "没有这个文件");
		return;
	}
	p->ctype = a->ctype;
	p->data = a->data;
	p->datalen = a->len;
	p->cache = 1;
}

static int
local_path(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	 i;

	/* A single '/' then a printable character that is neither '/'
	 * nor a backslash (browsers drop TAB and LF, so "/<TAB>/x" is
	 * "//x"), and no control character anywhere. */
	if (s == NULL || u[0] != '/' || strlen(s) >= LIM_NEXT_URL_BYTES)
		return 0;
	if (u[1] != '\0' && (u[1] <= 0x20 || u[1] == 0x7f || u[1] == '/' ||
	    u[1] == '\\'))
		return 0;
	for (i = 0; u[i] != '\0'; i++)
		if (u[i] < 0x20 || u[i] == 0x7f || u[i] == '\\')
			return 0;
	return 1;
}

static void
login_form(struct req *r, struct resp *p, int status, const char *error,
    const char *user)
{
	struct buf	*b = &p->body;
	char		 pre[AUTH_TOKEN_LEN + 1];
	const char	*next;

	auth_random_hex(pre);
	resp_cookie(r, p, PRE_COOKIE, pre, 3600);
	p->status = status;
	page_begin(r, p, "登录", NAV_NONE);
	html_raw(b, "<section class=\"login\"><h1>登录</h1>"
	    "<p class=\"hint\">政府信息公开申请办理系统</p>");
	if (error != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, error);
		html_raw(b, "</p>");
	}
	html_raw(b, "<form method=\"post\" action=\"/login\" class=\"stack\">"
	    "<input type=\"hidden\" name=\"pre\" value=\"");
	html_text(b, pre);
	html_raw(b, "\">");
	next = r->method == HTTP_POST ? req_field(r, "next") :
	    req_param(r, "next");
	if (local_path(next)) {
		html_raw(b, "<input type=\"hidden\" name=\"next\" value=\"");
		html_text(b, next);
		html_raw(b, "\">");
	}
	html_raw(b, "<label>用户名<input name=\"user\" id=\"user\""
	    " autocomplete=\"username\" required maxlength=\""
	    LIM_STR(LIM_USER_NAME_CHARS) "\" value=\"");
	html_text(b, user);
	html_raw(b, "\"");
	if (user == NULL || user[0] == '\0')
		html_raw(b, " autofocus");
	html_raw(b, "></label><label>密码<input type=\"password\""
	    " name=\"password\" id=\"password\" autocomplete="
	    "\"current-password\" required maxlength=\""
	    LIM_STR(LIM_PASSWORD_MAX_BYTES) "\"");
	if (user != NULL && user[0] != '\0')
		html_raw(b, " autofocus");
	html_raw(b, "></label><button type=\"submit\">登录</button></form>"
	    "<p class=\"hint\">连续输错5次密码后，每次再登录须等待"
	    "一段时间（最长5分钟）。</p>"
	    "</section>");
	page_end(r, p);
}

/* GET /login */
void
page_login_form(struct req *r, struct resp *p)
{
	if (r->authed) {
		resp_redirect(p, 303, "/");
		return;
	}
	login_form(r, p, 200, NULL, NULL);
}

/* POST /login: checks the form token, then the password. */
void
page_login(struct req *r, struct resp *p)
{
	struct session	 s;
	const char	*user, *next;

	user = req_field(r, "user");
	if (!auth_token_ok(r->cookie_pre, req_field(r, "pre"))) {
		login_form(r, p, 403, "页面已过期，请重新登录"
		    " (login form expired)", user);
		return;
	}
	switch (auth_login(r->st, web_policy(r->w), user,
	    req_field(r, "password"), r->addr, r->now, &s)) {
	case AUTH_OK:
		break;
	case AUTH_LOCKED:
		login_form(r, p, 403, "登录失败次数过多，请几分钟后再试，"
		    "或请系统管理员解除锁定", user);
		return;
	case AUTH_BAD:
		login_form(r, p, 401, "用户名或密码错误", user);
		return;
	case AUTH_BUSY:
		login_form(r, p, 429, "同时登录的人较多，请几秒钟后再试", user);
		resp_header(p, "Retry-After", "2");
		return;
	default:
		login_form(r, p, 500, "服务器内部错误，请稍后再试", user);
		return;
	}
	r->authed = 1;
	r->sess = s;
	resp_cookie(r, p, SESSION_COOKIE, s.token, -1);
	resp_cookie(r, p, PRE_COOKIE, "", 0);
	next = req_field(r, "next");
	resp_redirect(p, 303, local_path(next) ? next : "/");
	explicit_bzero(&s, sizeof(s));
}

/* POST /logout */
void
page_logout(struct req *r, struct resp *p)
{
	(void)auth_logout(r->st, r->cookie_session, r->addr);
	resp_cookie(r, p, SESSION_COOKIE, "", 0);
	resp_redirect(p, 303, "/login?ok=loggedout");
}
