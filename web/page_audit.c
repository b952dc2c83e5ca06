/* SPDX-License-Identifier: ISC */
/*
 * 审计记录 (issue 15): the audit trail, newest first, 100 rows a page
 * (keyset on the row id), filtered by user, case number, action and a
 * date range (days of Beijing time), the program's own bookkeeping rows
 * hidden unless 显示内部记录 is ticked; details as readable pairs
 * (audit_html.c).  The filters are checked here and applied by
 * audit_search() (ops/audit.c); a read that writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "ops/audit.h"
#include "util/utf8.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"

#define AUDIT_PAGE	100

struct audit_page {
	struct buf	*b;
	int64_t		 last;
	int		 n;
};

static int
audit_row(const struct audit_rec *a, void *arg)
{
	struct audit_page *o = arg;

	html_raw(o->b, "<tr><td class=\"date\">");
	html_time(o->b, a->at);
	html_raw(o->b, "</td><td>");
	html_text(o->b, a->actor);
	html_raw(o->b, "</td><td>");
	html_text(o->b, a->addr);
	html_raw(o->b, "</td><td>");
	audit_action_html(o->b, a->action);
	html_raw(o->b, "</td><td>");
	html_text(o->b, a->object);
	html_raw(o->b, "</td><td class=\"detail\">");
	audit_detail_html(o->b, a->detail);
	html_raw(o->b, "</td></tr>");
	o->last = a->id;
	o->n++;
	return 0;
}

/* A short single-line text filter; NULL when fine, else the message. */
static const char *
text_arg(const char *v, size_t maxchars)
{
	if (v == NULL || v[0] == '\0')
		return NULL;
	return valid_bytes(v, strlen(v), maxchars, 0);
}

/* Reads and checks the filters of the query string into f; returns
 * NULL, or the message naming the field as the form labels it. */
static const char *
filters(const struct req *r, struct audit_filter *f, char *msg, size_t len)
{
	const char	*v, *m;
	char		*end;
	long long	 before;

	memset(f, 0, sizeof(*f));
	f->from = f->to = DATE_NONE;
	f->limit = AUDIT_PAGE;
	if ((v = req_param(r, "before")) != NULL && v[0] != '\0') {
		before = strtoll(v, &end, 10);
		if (*end != '\0' || before < 1)
			return "翻页位置无效";
		f->before = before;
	}
	f->user = req_param(r, "user");
	if ((m = text_arg(f->user, LIM_USER_NAME_CHARS)) != NULL) {
		snprintf(msg, len, "用户%s", m);
		return msg;
	}
	f->case_number = req_param(r, "case");
	if ((m = text_arg(f->case_number, LIM_CASE_KEY_CHARS)) != NULL) {
		snprintf(msg, len, "案件编号%s", m);
		return msg;
	}
	if ((v = req_param(r, "action")) != NULL && v[0] != '\0') {
		if (audit_action_find(v) == NULL)
			return "操作类型无效";
		f->action = v;
	}
	if ((v = req_param(r, "from")) != NULL && v[0] != '\0' &&
	    (valid_date(v) != NULL || date_parse(v, &f->from) != 0))
		return "起始日期无效，应为YYYY-MM-DD";
	if ((v = req_param(r, "to")) != NULL && v[0] != '\0' &&
	    (valid_date(v) != NULL || date_parse(v, &f->to) != 0))
		return "截止日期无效，应为YYYY-MM-DD";
	if (f->from != DATE_NONE && f->to != DATE_NONE && f->from > f->to)
		return "起始日期不能晚于截止日期";
	v = req_param(r, "internal");
	f->internal = v != NULL && strcmp(v, "1") == 0;
	return NULL;
}

/* A query parameter into u ("&k=v"), when set. */
static void
keep(struct buf *u, const struct req *r, const char *k)
{
	const char	*v = req_param(r, k);

	if (v == NULL || v[0] == '\0')
		return;
	buf_putc(u, '&');
	buf_puts(u, k);
	buf_putc(u, '=');
	url_param(u, v);
}

/* The filter form, with what was asked. */
static void
filter_form(struct buf *b, const struct req *r, const struct audit_filter *f)
{
	const char	*v;
	size_t		 i;

	html_raw(b, "<form method=\"get\" action=\"/audit\" class=\"filters\">"
	    "<label>用户 <input name=\"user\" maxlength=\""
	    LIM_STR(LIM_USER_NAME_CHARS) "\" value=\"");
	html_text(b, (v = req_param(r, "user")) != NULL ? v : "");
	html_raw(b, "\"></label><label>案件编号 <input name=\"case\""
	    " maxlength=\"" LIM_STR(LIM_CASE_KEY_CHARS) "\" value=\"");
	html_text(b, (v = req_param(r, "case")) != NULL ? v : "");
	html_raw(b, "\"></label><label>操作 <select name=\"action\">"
	    "<option value=\"\">全部</option>");
	v = req_param(r, "action");
	for (i = 0; i < audit_actions_count; i++) {
		html_raw(b, "<option value=\"");
		html_text(b, audit_actions[i].code);
		html_raw(b, "\"");
		if (v != NULL && strcmp(v, audit_actions[i].code) == 0)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, audit_actions[i].label);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></label><label>日期 从 <input type=\"date\""
	    " name=\"from\" value=\"");
	html_text(b, (v = req_param(r, "from")) != NULL ? v : "");
	html_raw(b, "\"></label><label>至 <input type=\"date\" name=\"to\""
	    " value=\"");
	html_text(b, (v = req_param(r, "to")) != NULL ? v : "");
	html_raw(b, "\"></label><label class=\"check\"><input type=\"checkbox\""
	    " name=\"internal\" value=\"1\"");
	if (f != NULL && f->internal)
		html_raw(b, " checked");
	html_raw(b, ">显示内部记录</label><button>筛选</button>"
	    " <a href=\"/audit\">清除</a></form>");
}

/* GET /audit[?user=&case=&action=&from=&to=&internal=1&before=ID] */
void
page_audit(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct audit_page	 o;
	struct audit_filter	 f;
	struct buf		 u;
	const char		*err;
	char			 msg[256];

	if ((err = filters(r, &f, msg, sizeof(msg))) != NULL) {
		p->status = 400;
		page_begin(r, p, "审计记录", NAV_ADMIN);
		html_raw(b, "<h1>审计记录</h1><p class=\"error\" role=\"alert\">");
		html_text(b, err);
		html_raw(b, "</p>");
		filter_form(b, r, NULL);
		page_end(r, p);
		return;
	}
	page_begin(r, p, "审计记录", NAV_ADMIN);
	html_raw(b, "<h1>审计记录</h1>");
	filter_form(b, r, &f);
	html_raw(b, "<table class=\"audit\"><thead><tr>"
	    "<th>时间</th><th>用户</th><th>地址</th><th>操作</th><th>对象</th>"
	    "<th>详情</th></tr></thead><tbody>");
	memset(&o, 0, sizeof(o));
	o.b = b;
	(void)audit_search(r->st, &f, audit_row, &o);
	if (o.n == 0)
		html_raw(b, "<tr><td colspan=\"6\" class=\"empty\">没有符合条件的"
		    "记录</td></tr>");
	html_raw(b, "</tbody></table>");
	if (o.n == AUDIT_PAGE) {
		buf_init(&u);
		buf_printf(&u, "/audit?before=%lld", (long long)o.last);
		keep(&u, r, "user");
		keep(&u, r, "case");
		keep(&u, r, "action");
		keep(&u, r, "from");
		keep(&u, r, "to");
		keep(&u, r, "internal");
		html_raw(b, "<nav class=\"pager\"><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">更早 »</a></nav>");
		buf_clear(&u);
	}
	page_end(r, p);
}
