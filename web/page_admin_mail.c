/* SPDX-License-Identifier: ISC */
/*
 * 邮件提醒 on the /admin page (issue 13 item 3): the SMTP relay of the
 * reminders and 督办 (host, port, STARTTLS, user, whether a password
 * is set — never the password — sender address, N), the reminders
 * still pending with their attempts, next attempt and last error; and
 * POST /admin/mail, which saves the relay through op_agency_set().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/admin.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "store/notify.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"
#include "web/web.h"

#define PENDING_ROWS	50

static const char *const kind_labels[][2] = {
	{ "digest", "待办提醒" }, { "soon", "督办（即将到期）" },
	{ "overdue", "督办（已超期）" },
};

static void
input(struct buf *b, struct store *st, int f, const char *type,
    const char *extra)
{
	char	*v = agency_setting(st, agency_fields[f].key);

	html_raw(b, "<label>");
	html_text(b, agency_fields[f].label);
	html_raw(b, "<input type=\"");
	buf_puts(b, type);		/* literals of this file */
	html_raw(b, "\" name=\"");
	html_text(b, agency_fields[f].key);
	html_raw(b, "\"");
	buf_puts(b, extra);
	html_raw(b, " value=\"");
	if (v != NULL)
		html_text(b, v);
	html_raw(b, "\"></label>");
	free(v);
}

static int
pending_row(const struct reminder *m, void *arg)
{
	struct buf	*b = arg;
	const char	*kind = m->kind;
	size_t		 i;

	for (i = 0; i < sizeof(kind_labels) / sizeof(kind_labels[0]); i++)
		if (strcmp(kind_labels[i][0], m->kind) == 0)
			kind = kind_labels[i][1];
	html_raw(b, "<tr><td>");
	html_text(b, kind);
	html_raw(b, "</td><td>");
	html_text(b, m->recipient);
	html_raw(b, "（");
	html_text(b, m->email);
	html_raw(b, "）</td><td>");
	html_text(b, m->cases);
	html_raw(b, "</td><td>");
	html_int(b, m->attempts);
	html_raw(b, "</td><td>");
	html_time(b, m->next_attempt);
	html_raw(b, "</td><td>");
	html_text(b, m->last_error);
	html_raw(b, "</td></tr>");
	return 0;
}

/* Appends the 邮件提醒 section of the /admin page to b. */
void
admin_mail_section(struct req *r, struct buf *b)
{
	struct buf	 rows;
	char		*tls = agency_setting(r->st,
	    agency_fields[AF_SMTP_STARTTLS].key);
	int		 on = tls != NULL && strcmp(tls, "on") == 0;

	free(tls);
	html_raw(b, "<section class=\"panel\" id=\"mail\"><h2>邮件提醒与督办"
	    "</h2><p class=\"hint\">每个工作日向承办人发送即将到期和已超期申请的"
	    "待办提醒；申请距答复期限不超过设定的工作日数时、以及超期时，向科室负责人"
	    "和审核人发送督办邮件。未填写邮件服务器地址则不发送。</p>"
	    "<form method=\"post\" action=\"/admin/mail\" class=\"grid2\">");
	html_csrf(b, r);
	input(b, r->st, AF_SMTP_HOST, "text", " maxlength=\"253\"");
	input(b, r->st, AF_SMTP_PORT, "number", " min=\"1\" max=\"65535\"");
	html_raw(b, "<label>");
	html_text(b, agency_fields[AF_SMTP_STARTTLS].label);
	html_raw(b, "<select name=\"smtp_starttls\"><option value=\"on\"");
	if (on)
		html_raw(b, " selected");
	html_raw(b, ">是（要求加密）</option><option value=\"off\"");
	if (!on)
		html_raw(b, " selected");
	html_raw(b, ">否</option></select></label>");
	input(b, r->st, AF_SMTP_USER, "text", " maxlength=\""
	    LIM_STR(LIM_AGENCY_TEXT_CHARS) "\" autocomplete=\"off\"");
	html_raw(b, "<label>邮件服务器密码（");
	if (notify_password_is_set(web_cfg(r->w)->dbpath))
		html_raw(b, "已设置；留空则不变");
	else
		html_raw(b, "未设置");
	html_raw(b, "）<input type=\"password\" name=\"smtp_password\""
	    " maxlength=\"" LIM_STR(LIM_SMTP_PASSWORD_BYTES) "\""
	    " autocomplete=\"new-password\"></label>");
	html_raw(b, "<label class=\"check\"><input type=\"checkbox\""
	    " name=\"smtp_password_clear\" value=\"1\">清除已保存的密码</label>");
	input(b, r->st, AF_MAIL_FROM, "email", " maxlength=\"254\"");
	input(b, r->st, AF_REMIND_DAYS, "number", " min=\""
	    LIM_STR(LIM_REMIND_DAYS_MIN) "\" max=\""
	    LIM_STR(LIM_REMIND_DAYS_MAX) "\" placeholder=\""
	    LIM_STR(LIM_REMIND_DAYS_DEFAULT) "\"");
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">"
	    "保存邮件设置</button></div></form>");
	buf_init(&rows);
	(void)notify_pending(r->st, PENDING_ROWS, pending_row, &rows);
	html_raw(b, "<h3>待发送的提醒</h3>");
	if (rows.len == 0)
		html_raw(b, "<p>没有待发送或发送失败的提醒。</p>");
	else {
		html_raw(b, "<table><thead><tr><th>类型</th><th>收件人</th>"
		    "<th>申请编号</th><th>已尝试次数</th><th>下次尝试</th>"
		    "<th>最近一次错误</th></tr></thead><tbody>");
		buf_put(b, rows.p, rows.len);	/* escaped above */
		html_raw(b, "</tbody></table>");
	}
	buf_clear(&rows);
	html_raw(b, "</section>");
}

/* POST /admin/mail: the relay's fields by key, smtp_password (empty:
 * unchanged), smtp_password_clear. */
void
page_admin_mail(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct agency_in	 in;
	struct op_refusal	 rf;
	const char		*pw = req_field(r, "smtp_password");
	const char		*clear = req_field(r, "smtp_password_clear");
	int			 f;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	for (f = AF_SMTP_HOST; f <= AF_REMIND_DAYS; f++)
		in.v[f] = req_field(r, agency_fields[f].key);
	if (clear != NULL && strcmp(clear, "1") == 0)
		in.smtp_password = "";
	else if (pw != NULL && pw[0] != '\0')
		in.smtp_password = pw;
	in.dbpath = web_cfg(r->w)->dbpath;
	if ((rc = op_agency_set(&ctx, &in, NULL, &rf)) != CM_OK) {
		page_admin_refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=saved#mail");
}
