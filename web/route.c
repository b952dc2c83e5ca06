/* SPDX-License-Identifier: ISC */
/*
 * The route table and the gates every request passes before its
 * handler, in this order:
 *
 *   1. route: method and path ({} matches one path segment); 404/405;
 *   2. session: the foidesk_session cookie names a live session, or
 *      pages redirect to /login (302) and the API answers 401;
 *   3. body: urlencoded, multipart (upload routes) or JSON (API),
 *      all valid UTF-8 without NUL, or 400;
 *   4. CSRF: every POST but the logins carries the session's token, in
 *      the form field "csrf" or the X-CSRF-Token header, or 403;
 *   5. permission: the route's permission in the role matrix
 *      (cases/roles.c), or 403.  Rules that depend on the case action
 *      or letter kind are checked by the handler with the same matrix.
 *
 * Steps 2 and 5 of a POST run first when its headers have arrived,
 * before its body is read (route_gate_early).
 *
 * Then the audit context (user, address) is set on the connection and
 * the handler runs; a GET or HEAD handler runs on the thread's
 * read-only connection (store_open_readonly, store_read_only), where
 * any write fails.  Nothing is written before step 5 except the
 * session's idle clock (at most once a minute) and, for an expired
 * session, its deletion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cases/limits.h"
#include "ops/audit.h"
#include "ops/auth.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/web.h"

static const struct route routes[] = {
	{ HTTP_GET, "/static/{}", page_static, R_PUBLIC, PERM_VIEW },
	{ HTTP_GET, "/login", page_login_form, R_PUBLIC, PERM_VIEW },
	{ HTTP_POST, "/login", page_login, R_PUBLIC | R_NOCSRF, PERM_VIEW },
	{ HTTP_POST, "/logout", page_logout, 0, PERM_VIEW },
	{ HTTP_GET, "/", page_dashboard, 0, PERM_VIEW },
	{ HTTP_GET, "/cases", page_list, 0, PERM_VIEW },
	{ HTTP_GET, "/cases/new", page_intake_form, 0, PERM_INTAKE },
	{ HTTP_POST, "/cases/new", page_intake, 0, PERM_INTAKE },
	{ HTTP_GET, "/cases/{}", page_case, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/act", page_case_act, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/approvals/{}", page_approval, 0,
	    PERM_VIEW },
	{ HTTP_GET, "/cases/{}/approvals/{}/draft.pdf", page_approval_draft,
	    0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/notes", page_note, 0, PERM_NOTE },
	{ HTTP_POST, "/cases/{}/deliveries", page_delivery_add, 0,
	    PERM_ATTACH },
	{ HTTP_POST, "/cases/{}/deliveries/{}/received",
	    page_delivery_received, 0, PERM_ATTACH },
	{ HTTP_POST, "/cases/{}/texts", page_texts, 0, PERM_TEXTS },
	{ HTTP_POST, "/cases/{}/attachments", page_upload, R_UPLOAD,
	    PERM_ATTACH },
	{ HTTP_GET, "/cases/{}/attachments/{}", page_download, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/letters/{}", page_letter_issue, 0,
	    PERM_VIEW },
	{ HTTP_GET, "/cases/{}/letters/{}", page_letter_get, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/letters/{}/reissue", page_letter_reissue, 0,
	    PERM_VIEW },
	{ HTTP_POST, "/cases/{}/correct", page_correct, 0, PERM_VIEW },
	{ HTTP_GET, "/search", page_search, R_HEAVY, PERM_VIEW },
	{ HTTP_GET, "/export", page_export, 0, PERM_EXPORT },
	{ HTTP_GET, "/export.csv", page_export_csv, R_HEAVY, PERM_EXPORT },
	{ HTTP_GET, "/admin", page_admin, 0, PERM_USERS },
	{ HTTP_POST, "/admin/users", page_user_add, 0, PERM_USERS },
	{ HTTP_POST, "/admin/users/{}", page_user_edit, 0, PERM_USERS },
	{ HTTP_POST, "/admin/agency", page_agency, 0, PERM_SETTINGS },
	{ HTTP_GET, "/admin/phrases", page_phrases, 0, PERM_SETTINGS },
	{ HTTP_POST, "/admin/phrases", page_phrase_edit, 0, PERM_SETTINGS },
	{ HTTP_POST, "/admin/calendar", page_calendar_import, R_UPLOAD,
	    PERM_CALENDAR },
	{ HTTP_GET, "/admin/calendar/{}", page_calendar_year, 0,
	    PERM_CALENDAR },
	/* Issue 11 item 7: the agency's standard letter texts. */
	{ HTTP_GET, "/admin/texts", page_admin_texts, 0, PERM_SETTINGS },
	{ HTTP_GET, "/admin/texts/{}", page_admin_text, 0, PERM_SETTINGS },
	{ HTTP_POST, "/admin/texts/{}", page_admin_text_set, 0,
	    PERM_SETTINGS },
	{ HTTP_POST, "/admin/texts/{}/restore", page_admin_text_restore, 0,
	    PERM_SETTINGS },
	{ HTTP_POST, "/admin/texts/{}/preview", page_admin_text_preview, 0,
	    PERM_SETTINGS },
	{ HTTP_GET, "/audit", page_audit, 0, PERM_AUDIT },
	{ HTTP_GET, "/proactive", page_proactive, 0, PERM_VIEW },
	{ HTTP_POST, "/proactive/propose", page_proactive_propose, 0,
	    PERM_TEXTS },
	{ HTTP_POST, "/proactive/tags", page_proactive_tag, 0, PERM_TEXTS },
	{ HTTP_GET, "/proactive/repeats/{}", page_repeats, 0, PERM_VIEW },
	{ HTTP_POST, "/proactive/repeats/{}/cite", page_repeat_cite, 0,
	    PERM_TEXTS },
	{ HTTP_GET, "/proactive/{}", page_proactive_group, 0, PERM_VIEW },
	{ HTTP_POST, "/proactive/{}/accept", page_proactive_accept, 0,
	    PERM_APPROVE },
	{ HTTP_POST, "/proactive/{}/decline", page_proactive_decline, 0,
	    PERM_APPROVE },
	{ HTTP_POST, "/proactive/{}/link", page_proactive_link, 0,
	    PERM_TEXTS },
	{ HTTP_POST, "/proactive/{}/unlink", page_proactive_unlink, 0,
	    PERM_TEXTS },
	{ HTTP_GET, "/hotspots", page_hotspots, R_HEAVY, PERM_REPORT },
	{ HTTP_GET, "/reports/annual", page_report, R_HEAVY, PERM_REPORT },
	{ HTTP_GET, "/reports/report.css", page_report_css, 0, PERM_VIEW },
	{ HTTP_GET, "/reports/cases", page_report_cases, R_HEAVY,
	    PERM_REPORT },
	{ HTTP_POST, "/reports/figures", page_report_figures, 0, PERM_APPROVE },
	{ HTTP_POST, "/reports/texts", page_report_texts, 0, PERM_APPROVE },
	{ HTTP_POST, "/reports/publish", page_report_publish, 0,
	    PERM_APPROVE },
	{ HTTP_POST, "/reports/reopen", page_report_reopen, 0, PERM_APPROVE },
	{ HTTP_GET, "/hotspots.csv", page_hotspots_csv, R_HEAVY, PERM_REPORT },

	{ HTTP_POST, "/api/login", api_login, R_API | R_PUBLIC | R_NOCSRF,
	    PERM_VIEW },
	{ HTTP_POST, "/api/logout", api_logout, R_API, PERM_VIEW },
	{ HTTP_GET, "/api/cases", api_cases_list, R_API | R_HEAVY_Q,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases", api_cases_new, R_API, PERM_INTAKE },
	{ HTTP_GET, "/api/cases/{}", api_case_get, R_API, PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/actions", api_case_act, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/approvals/{}", api_approval, R_API,
	    PERM_VIEW },
	{ HTTP_GET, "/api/cases/{}/approvals/{}/draft.pdf", api_approval_draft,
	    R_API, PERM_VIEW },
	{ HTTP_GET, "/api/cases/{}/letters/{}", api_letter, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/letters/{}", api_letter_issue, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/letters/{}/reissue", api_letter_reissue,
	    R_API, PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/texts", api_texts, R_API, PERM_TEXTS },
	{ HTTP_POST, "/api/cases/{}/notes", api_note, R_API, PERM_NOTE },
	{ HTTP_POST, "/api/cases/{}/deliveries", api_delivery_add, R_API,
	    PERM_ATTACH },
	{ HTTP_POST, "/api/cases/{}/deliveries/{}/received",
	    api_delivery_received, R_API, PERM_ATTACH },
	{ HTTP_POST, "/api/cases/{}/attachments", api_attachment,
	    R_API | R_UPLOAD, PERM_ATTACH },
	{ HTTP_POST, "/api/cases/{}/correct", api_correct, R_API,
	    PERM_VIEW },
	{ HTTP_GET, "/api/reports/annual", api_report, R_API | R_HEAVY,
	    PERM_REPORT },
	{ HTTP_POST, "/api/cases/{}/appeals", api_appeal_add, R_API,
	    PERM_TEXTS },
	{ HTTP_POST, "/api/appeals/{}", api_appeal_decide, R_API,
	    PERM_TEXTS },
	/* Issue 15: one's own password, every role. */
	{ HTTP_GET, "/account/password", page_account_password, 0,
	    PERM_VIEW },
	{ HTTP_POST, "/account/password", page_account_password_post, 0,
	    PERM_VIEW },
	{ HTTP_POST, "/api/account/password", api_account_password, R_API,
	    PERM_VIEW },
	/* Issue 15: the cases behind a figure of the 热点分析. */
	{ HTTP_GET, "/hotspots/cases", page_hotspot_cases, 0, PERM_REPORT },
	{ HTTP_POST, "/admin/mail", page_admin_mail, 0, PERM_SETTINGS },
	/* Issue 13: assignment; who may is roles_workflow(). */
	{ HTTP_POST, "/cases/{}/assign", page_case_assign, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/transfer", page_case_transfer, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/return", page_case_return, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/assist", page_case_assist, 0, PERM_VIEW },
	{ HTTP_POST, "/cases/{}/assist-done", page_case_assist_done, 0,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/assign", api_case_assign, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/transfer", api_case_transfer, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/return", api_case_return, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/assist", api_case_assist, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/api/cases/{}/assist-done", api_case_assist_done, R_API,
	    PERM_VIEW },
	{ HTTP_POST, "/admin/departments", page_department_add, 0,
	    PERM_USERS },
	{ HTTP_POST, "/admin/users/{}/org", page_user_org, 0, PERM_USERS },
	/* Issue 13 item 5: 办理情况统计. */
	{ HTTP_GET, "/stats", page_stats, 0, PERM_STATS },
	{ HTTP_GET, "/stats.csv", page_stats_csv, 0, PERM_STATS },
	{ HTTP_GET, "/stats/cases", page_stats_cases, 0, PERM_STATS },
	{ HTTP_GET, "/api/stats", api_stats, R_API, PERM_STATS },
	/* The sign-off chain (issue 13 item 4). */
	{ HTTP_GET, "/admin/signoff", page_signoff, 0, PERM_SETTINGS },
	{ HTTP_POST, "/admin/signoff", page_signoff_set, 0, PERM_SETTINGS },
	{ HTTP_GET, "/api/signoff", api_signoff, R_API, PERM_SETTINGS },
	{ HTTP_POST, "/api/signoff", api_signoff_set, R_API, PERM_SETTINGS },
	{ HTTP_GET, "/api/cases/{}/approvals/{}", api_approval_get, R_API,
	    PERM_VIEW },
	/* Archiving (issue 14). */
	{ HTTP_GET, "/admin/archive", page_archive, 0, PERM_AUDIT },
	{ HTTP_GET, "/admin/archive.csv", page_archive_csv, 0, PERM_AUDIT },
	{ HTTP_GET, "/cases/{}/archive/{}", page_archive_pdf, 0, PERM_VIEW },
};

#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

/* The route table, n entries (for tests that walk every route). */
const struct route *
route_table(size_t *n)
{
	*n = NROUTES;
	return routes;
}

/*
 * Runs a GET or HEAD handler.  An expensive one (R_HEAVY, or R_HEAVY_Q
 * with a search query) first takes one of the server's few slots for
 * them, or is answered 503 at once with Retry-After (系统繁忙): never
 * queued, so that the threads stay free for the pages (issue 17); its
 * statements get a deadline (store_deadline).  A streamed response
 * keeps the slot until the stream ends (server.c).
 */
static void
run_read(struct req *r, struct resp *p)
{
	const char	*q;
	unsigned	 f = r->route->flags;

	if (!(f & R_HEAVY) && !((f & R_HEAVY_Q) && (q = req_param(r, "q")) !=
	    NULL && q[0] != '\0')) {
		r->route->fn(r, p);
		return;
	}
	if (!web_heavy_enter(r->w)) {
		page_busy(r, p);
		return;
	}
	store_deadline(r->st, web_heavy_ms(r->w));
	r->route->fn(r, p);
	store_deadline(r->st, 0);
	if (p->stream.gen != NULL)
		p->heavy = r->w;
	else
		web_heavy_leave(r->w);
}

/* Matches path against a pattern; {} takes one non-empty segment
 * (copied into args).  Returns 1 on a match. */
static int
match(const char *pat, const char *path, char *args[REQ_ARGS])
{
	const char	*p = pat, *s = path, *e;
	int		 n = 0;

	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '}') {
			if ((e = strchr(s, '/')) == NULL)
				e = s + strlen(s);
			if (e == s || n == REQ_ARGS)
				goto no;
			if (args != NULL)
				args[n] = xstrndup(s, (size_t)(e - s));
			n++;
			s = e;
			p += 2;
			continue;
		}
		if (*p++ != *s++)
			goto no;
	}
	if (*s == '\0')
		return 1;
no:
	while (args != NULL && n-- > 0) {
		free(args[n]);
		args[n] = NULL;
	}
	return 0;
}

/*
 * The route for method and path (HEAD is served as GET), with the {}
 * parts in args (the caller frees them).  *known says whether the path
 * exists with another method (405 rather than 404).
 */
const struct route *
route_match(enum http_method m, const char *path, char *args[REQ_ARGS],
    int *known)
{
	size_t	 i;

	if (m == HTTP_HEAD)
		m = HTTP_GET;
	*known = 0;
	for (i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, path, NULL))
			continue;
		if (routes[i].method != m) {
			*known = 1;
			continue;
		}
		match(routes[i].pattern, path, args);
		return &routes[i];
	}
	return NULL;
}

/* The largest body accepted for a request, known from its first line. */
size_t
route_body_max(const struct web *w, enum http_method m, const char *path)
{
	const struct route *rt;
	int		 known;

	/* Without a POST route the answer is 404 or 405 whatever comes:
	 * an ordinary body is read and dropped rather than called 413. */
	if (m != HTTP_POST ||
	    (rt = route_match(m, path, NULL, &known)) == NULL)
		return web_cfg(w)->body_max;
	return (rt->flags & R_UPLOAD) ? web_cfg(w)->upload_max :
	    web_cfg(w)->body_max;
}

/* A query parameter, or NULL. */
const char *
req_param(const struct req *r, const char *key)
{
	return kv_get(&r->query, key);
}

/* A body field, or NULL. */
const char *
req_field(const struct req *r, const char *key)
{
	return kv_get(&r->form, key);
}

static int
ctype_is(const char *ctype, const char *want)
{
	size_t	 n = strlen(want);

	return ctype != NULL && strncasecmp(ctype, want, n) == 0 &&
	    (ctype[n] == '\0' || ctype[n] == ';' || ctype[n] == ' ');
}

/* Step 3: the body.  Returns 0, or -1 after writing the error. */
static int
parse_body(struct req *r, struct resp *p)
{
	int	 rc = -1;

	if (r->method != HTTP_POST)
		return 0;
	if ((r->route->flags & (R_API | R_UPLOAD)) == (R_API | R_UPLOAD) &&
	    ctype_is(r->ctype, "multipart/form-data") && r->body != NULL)
		rc = form_multipart(r->body, r->bodylen, r->ctype, &r->form,
		    &r->files, &r->nfiles);
	else if (r->route->flags & R_API) {
		if (!ctype_is(r->ctype, "application/json")) {
			page_error(r, p, 400, "请求体应为 application/json");
			return -1;
		}
		r->json = 1;
		rc = json_parse_object(r->body != NULL ? r->body : "",
		    r->bodylen, &r->form);
	} else if (ctype_is(r->ctype, "application/x-www-form-urlencoded"))
		rc = form_urldecode(r->body != NULL ? r->body : "", r->bodylen,
		    &r->form);
	else if (r->bodylen == 0 && r->ctype == NULL)
		rc = 0;
	else if ((r->route->flags & R_UPLOAD) &&
	    ctype_is(r->ctype, "multipart/form-data") && r->body != NULL)
		rc = form_multipart(r->body, r->bodylen, r->ctype, &r->form,
		    &r->files, &r->nfiles);
	if (rc != 0) {
		page_error(r, p, 400, "请求内容无法解析，或含有无效的UTF-8字符"
		    " (malformed body or invalid UTF-8)");
		return -1;
	}
	return 0;
}

/* Whether a "next" target is a local path (no scheme, host or
 * backslash tricks), safe to redirect to after login. */
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
to_login(struct req *r, struct resp *p, int expired)
{
	struct buf	 u;
	int		 known;

	buf_init(&u);
	buf_puts(&u, "/login");
	if (r->method == HTTP_GET && local_path(r->path) &&
	    strcmp(r->path, "/") != 0) {
		buf_puts(&u, "?next=");
		url_param(&u, r->path);
		if (r->rawquery != NULL && strlen(r->rawquery) < 400) {
			struct buf q;

			buf_init(&q);
			buf_putc(&q, '?');
			buf_puts(&q, r->rawquery);
			url_param(&u, buf_str(&q));
			buf_clear(&q);
		}
	} else if (r->method == HTTP_POST && local_path(r->path) &&
	    strcmp(r->path, "/") != 0 &&
	    route_match(HTTP_GET, r->path, NULL, &known) != NULL) {
		/* A form posted after its session ended (an intake typed
		 * for longer than the idle limit): back to the form after
		 * logging in, where the script restores what was typed
		 * (web/static/app.js); the post itself is not replayed. */
		buf_puts(&u, expired ? "?ok=expired&next=" : "?next=");
		url_param(&u, r->path);
	} else if (expired)
		buf_puts(&u, "?ok=expired");
	resp_redirect(p, 302, buf_str(&u));
	buf_clear(&u);
}

/* Step 2: the session, read on r->st (a GET's read snapshot) and its
 * idle clock written on wr.  Returns 0, or -1 after writing the
 * answer. */
static int
gate_session(struct req *r, struct resp *p, struct store *wr)
{
	int	 expired = 0;

	if (r->cookie_session != NULL) {
		if (auth_session_lookup(r->st, wr, web_policy(r->w),
		    r->cookie_session, r->now, &r->sess) == CM_OK)
			r->authed = 1;
		else
			expired = 1;
	}
	if (!r->authed && !(r->route->flags & R_PUBLIC)) {
		if (r->route->flags & R_API)
			api_error(p, 401, "unauthorized", "需要登录 "
			    "(log in with POST /api/login)");
		else
			to_login(r, p, expired);
		return -1;
	}
	return 0;
}

/*
 * The gates that need no body, run when a POST's headers have arrived
 * and before any of its body is read (issue 16 H1): the session and
 * the role (CSRF stays after the body: a malformed body is 400 first).
 * A refused request is answered at once, so an anonymous or
 * unpermitted upload costs no memory.
 * Returns 1 with p filled when refused, 0 to go on (r->route and
 * r->args are set; the caller frees the args).  An unknown route goes
 * on: its small body is read and the 404 or 405 follows.
 */
int
route_gate_early(struct req *r, struct resp *p)
{
	int	 known;

	if (r->method != HTTP_POST)
		return 0;
	if ((r->route = route_match(r->method, r->path, r->args,
	    &known)) == NULL || (r->route->flags & R_PUBLIC))
		return 0;
	if (gate_session(r, p, r->st) != 0)
		return 1;
	if (!roles_may(r->sess.role, r->route->perm)) {
		page_error(r, p, 403, "您的角色无权进行此操作 (not permitted "
		    "for this role)");
		return 1;
	}
	return 0;
}

/*
 * Steps 2 to 5 and the handler, on r->st (for a GET or HEAD the read
 * snapshot of the thread's read-only connection); wr is the connection
 * that may write (the session's idle clock, the audit context).
 */
static void
gates_and_run(struct req *r, struct resp *p, struct store *wr)
{
	const char	*tok;

	/* 2: the session. */
	if (gate_session(r, p, wr) != 0)
		return;

	/* 3: the body. */
	if (parse_body(r, p) != 0)
		return;

	/* 4: CSRF on every state-changing request. */
	if (r->method == HTTP_POST && !(r->route->flags & R_NOCSRF)) {
		tok = (r->route->flags & R_API) ? r->csrf_header :
		    req_field(r, "csrf");
		if (!auth_token_ok(r->sess.csrf, tok)) {
			page_error(r, p, 403, "安全令牌无效或缺失，请刷新页面后"
			    "重试 (missing or wrong CSRF token)");
			return;
		}
	}

	/* 5: the role matrix. */
	if (r->authed && !roles_may(r->sess.role, r->route->perm)) {
		page_error(r, p, 403, "您的角色无权进行此操作 (not permitted "
		    "for this role)");
		return;
	}

	if (audit_context(wr, r->authed ? r->sess.user : NULL,
	    r->addr) != CM_OK) {
		page_error(r, p, 500, "服务器内部错误");
		return;
	}
	if (r->method == HTTP_POST)
		r->route->fn(r, p);
	else
		run_read(r, p);
}

/*
 * Runs the gates (see the file comment) and the handler.  Always fills
 * p with a complete response.
 */
void
route_dispatch(struct req *r, struct resp *p)
{
	struct store	*rw;
	int		 known;

	if (r->rawquery != NULL && form_urldecode(r->rawquery,
	    strlen(r->rawquery), &r->query) != 0) {
		r->route = NULL;
		if (strncmp(r->path, "/api/", 5) == 0) {
			api_error(p, 400, "bad_request", "查询参数无效 "
			    "(malformed query or invalid UTF-8)");
			return;
		}
		kvlist_clear(&r->query);
		page_error(r, p, 400, "查询参数无效 (malformed query or "
		    "invalid UTF-8)");
		return;
	}
	r->route = route_match(r->method, r->path, r->args, &known);
	if (r->route == NULL) {
		if (strncmp(r->path, "/api/", 5) == 0)
			api_error(p, known ? 405 : 404, known ?
			    "method_not_allowed" : "not_found", known ?
			    "不允许的请求方法" : "没有这个接口");
		else
			page_error(r, p, known ? 405 : 404,
			    known ? "不允许的请求方法" : "没有这个页面");
		if (known)
			resp_header(p, "Allow", "GET, HEAD, POST");
		return;
	}
	if (r->method == HTTP_POST) {
		gates_and_run(r, p, r->st);
		return;
	}
	/* Reads never write: a GET or HEAD runs on the thread's read-only
	 * connection, in one snapshot (one read lock) from its session
	 * lookup to its last query; a write fails and is logged. */
	rw = r->st;
	if ((r->st = web_thread_reader(r->w)) == NULL ||
	    store_read_only(r->st, 1) != CM_OK) {
		r->st = rw;
		page_error(r, p, 500, "服务器内部错误");
		return;
	}
	gates_and_run(r, p, rw);
	if (store_read_only(r->st, 0) != CM_OK)
		fprintf(stderr, "foidesk: %s %s: a write was refused "
		    "(reads never write)\n", r->method == HTTP_HEAD ?
		    "HEAD" : "GET", r->path);
	r->st = rw;
}
