/* SPDX-License-Identifier: ISC */
/* Building responses: headers, redirects, cookies and errors. */
#include <stdio.h>
#include <string.h>

#include "cases/err.h"
#include "cases/limits.h"
#include "util/json.h"
#include "web/html.h"
#include "web/http.h"

void
resp_init(struct resp *p)
{
	memset(p, 0, sizeof(*p));
	p->status = 200;
	p->ctype = "text/html; charset=utf-8";
	buf_init(&p->body);
}

void
resp_clear(struct resp *p)
{
	buf_clear(&p->body);
	kvlist_clear(&p->headers);
	if (p->stream.free != NULL)
		p->stream.free(p->stream.cls);
	memset(&p->stream, 0, sizeof(p->stream));
	if (p->heavy != NULL)
		web_heavy_leave(p->heavy);
	p->heavy = NULL;
}

/* Adds a header; the value must be free of CR and LF (asserted by
 * construction: callers pass fixed text or values they built). */
void
resp_header(struct resp *p, const char *name, const char *value)
{
	kvlist_add(&p->headers, name, strlen(name), value, strlen(value));
}

/* A redirect (302 or 303) to a local path. */
void
resp_redirect(struct resp *p, int status, const char *to)
{
	p->status = status;
	buf_reset(&p->body);
	resp_header(p, "Location", to);
	p->ctype = "text/plain; charset=utf-8";
	buf_puts(&p->body, "→ ");
	buf_puts(&p->body, to);
}

/*
 * Sets a cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the
 * request came over TLS (or the server is told to).  max_age < 0 makes
 * a session cookie; 0 deletes it.
 */
void
resp_cookie(struct req *r, struct resp *p, const char *name,
    const char *value, int max_age)
{
	struct buf	 c;

	buf_init(&c);
	buf_printf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Strict", name,
	    value);
	if (max_age >= 0)
		buf_printf(&c, "; Max-Age=%d", max_age);
	if (r->secure)
		buf_puts(&c, "; Secure");
	resp_header(p, "Set-Cookie", buf_str(&c));
	buf_clear(&c);
}

/* The HTTP status for a domain error. */
int
http_status_of(int cm)
{
	switch (cm) {
	case CM_OK:
		return 200;
	case CM_NOTFOUND:
		return 404;
	case CM_CONFLICT:
		return 409;
	case CM_FORBIDDEN:
		return 403;
	case CM_INVALID:
		return 422;
	case CM_UNAVAILABLE:
		return 503;
	default:
		return 500;
	}
}

/* An API error: {"error": CODE, "message": TEXT} (codes.md). */
void
api_error(struct resp *p, int status, const char *code, const char *message)
{
	struct json	 j;

	p->status = status;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(&j, &p->body);
	json_obj_open(&j, NULL);
	json_str(&j, "error", code);
	json_str(&j, "message", message);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

/* An API error for a domain error code. */
void
api_cm_error(struct resp *p, int cm, const char *message)
{
	static const char *const codes[CM__MAX] = {
		[CM_OK] = "ok", [CM_NOTFOUND] = "not_found",
		[CM_CONFLICT] = "conflict", [CM_INVALID] = "invalid",
		[CM_SYSERR] = "internal", [CM_UNAVAILABLE] = "unavailable",
		[CM_FORBIDDEN] = "forbidden",
	};

	api_error(p, http_status_of(cm), cm >= 0 && cm < CM__MAX ?
	    codes[cm] : "internal", cm == CM_SYSERR ? "服务器内部错误" :
	    message);
}

/*
 * 503 系统繁忙: the server's slots for expensive requests are all taken
 * (route.c, run_read); the client is told when to try again.
 */
void
page_busy(struct req *r, struct resp *p)
{
	if (r->route != NULL && (r->route->flags & R_API))
		api_error(p, 503, "busy", "系统繁忙，请稍后重试");
	else {
		buf_reset(&p->body);
		kvlist_clear(&p->headers);
		p->status = 503;
		page_begin(r, p, "系统繁忙", NAV_NONE);
		html_raw(&p->body, "<section class=\"error\"><h1>系统繁忙"
		    "</h1><p>系统繁忙，请稍后重试。</p><p><a href=\"/\">"
		    "返回工作台</a></p></section>");
		page_end(r, p);
	}
	resp_header(p, "Retry-After", LIM_STR(LIM_HEAVY_RETRY_S));
}

static const char *
status_title(int status)
{
	switch (status) {
	case 400: return "请求无效";
	case 401: return "需要登录";
	case 403: return "无权操作";
	case 404: return "未找到";
	case 405: return "不允许的请求方法";
	case 409: return "操作被拒绝";
	case 413: return "内容过大";
	case 422: return "输入有误";
	case 429: return "请求过多";
	default: return "服务器错误";
	}
}

/* A whole error page (or a JSON error for API routes). */
void
page_error(struct req *r, struct resp *p, int status, const char *message)
{
	if (r->route != NULL && (r->route->flags & R_API)) {
		api_error(p, status, status == 400 ? "bad_request" :
		    status == 401 ? "unauthorized" : status == 403 ?
		    "forbidden" : status == 404 ? "not_found" : status == 405 ?
		    "method_not_allowed" : status == 409 ? "conflict" :
		    status == 413 ? "too_large" : status == 422 ? "invalid" :
		    "internal", message != NULL ? message :
		    status_title(status));
		return;
	}
	buf_reset(&p->body);
	kvlist_clear(&p->headers);
	p->status = status;
	page_begin(r, p, status_title(status), NAV_NONE);
	html_raw(&p->body, "<section class=\"error\"><h1>");
	html_text(&p->body, status_title(status));
	html_raw(&p->body, "</h1><p>");
	html_text(&p->body, message != NULL ? message : "");
	html_raw(&p->body, "</p><p><a href=\"/\">返回工作台</a></p></section>");
	page_end(r, p);
}
