/* SPDX-License-Identifier: ISC */
/* HTML pieces shared by several pages (see render.h). */
#include <stdio.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "store/store.h"
#include "ops/worklist.h"
#include "web/html.h"
#include "web/http.h"
#include "web/render.h"

/* A state as a badge; the class names the state for the stylesheet. */
void
render_state(struct buf *b, const char *state)
{
	html_raw(b, "<span class=\"st st-");
	html_text(b, state);
	html_raw(b, "\">");
	html_label(b, case_states, ST__MAX, state);
	html_raw(b, "</span>");
}

void
render_case_link(struct buf *b, const char *number)
{
	struct buf	 u;

	buf_init(&u);
	buf_puts(&u, "/cases/");
	url_param(&u, number);
	html_raw(b, "<a href=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\">");
	html_text(b, number);
	html_raw(b, "</a>");
	buf_clear(&u);
}

/* The first maxchars characters of text, with an ellipsis if cut. */
void
render_excerpt(struct buf *b, const char *text, size_t maxchars)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t		 n = 0;

	if (text == NULL)
		return;
	while (*p != '\0' && n < maxchars) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
		n++;
	}
	html_textn(b, text, (size_t)((const char *)p - text));
	if (*p != '\0')
		html_raw(b, "…");
}

void
render_table_begin(struct buf *b)
{
	html_scroll_begin(b, NULL);
	html_raw(b, "<table class=\"cases\"><thead><tr><th>编号</th>"
	    "<th>申请人</th><th>所需信息</th><th>渠道</th><th>收到日期</th>"
	    "<th>状态</th><th>答复期限</th><th>承办人</th></tr></thead>"
	    "<tbody>");
}

void
render_table_row(struct buf *b, const struct req *r, const struct list_row *l)
{
	struct case_row	 c;
	struct row_clock k;

	worklist_case_row(l, &c);
	case_row_clock(r->cal, &c, r->today, &k);
	html_raw(b, "<tr");
	if (k.overdue)
		html_raw(b, " class=\"overdue\"");
	else if (k.due_soon)
		html_raw(b, " class=\"soon\"");
	html_raw(b, "><td class=\"num\">");
	render_case_link(b, l->number);
	html_raw(b, "</td><td>");
	html_text(b, l->applicant);
	html_raw(b, "<br><small>");
	html_label(b, applicant_types, APPL__MAX, l->applicant_type);
	html_raw(b, "</small></td><td class=\"req\">");
	render_excerpt(b, l->request, 40);
	html_raw(b, "</td><td>");
	html_label(b, channels, CH__MAX, l->channel);
	html_raw(b, "</td><td class=\"date\">");
	html_text(b, l->received);
	html_raw(b, "</td><td>");
	render_state(b, l->state);
	if (l->outcome != NULL) {
		html_raw(b, "<br><small>");
		html_label(b, outcomes, OUT__MAX, l->outcome);
		html_raw(b, "</small>");
	}
	html_raw(b, "</td><td class=\"date\">");
	if (l->outcome != NULL) {
		html_raw(b, "办结 ");
		html_text(b, l->closed_on);
	} else if (l->due == NULL)
		html_raw(b, "<span class=\"muted\">中止计算</span>");
	else {
		html_text(b, l->due);
		if (l->provisional)
			html_raw(b, "<small title=\"跨入尚未导入节假日安排的年份\">"
			    "（暂定）</small>");
		html_raw(b, "<br><small>");
		if (k.overdue) {
			html_raw(b, "逾期");
			html_int(b, -k.wd_left);
			html_raw(b, "个工作日");
		} else {
			html_raw(b, "剩");
			html_int(b, k.wd_left);
			html_raw(b, "个工作日");
		}
		html_raw(b, "</small>");
	}
	html_raw(b, "</td><td>");
	html_text(b, l->handler != NULL ? l->handler : "");
	html_raw(b, "</td></tr>");
}

void
render_table_end(struct buf *b, int empty)
{
	if (empty)
		html_raw(b, "<tr><td colspan=\"8\" class=\"empty\">没有案件</td>"
		    "</tr>");
	html_raw(b, "</tbody></table>");
	html_scroll_end(b);
}

void
render_due(struct buf *b, const struct req *r, const char *due,
    int provisional)
{
	struct row_clock k;

	if (due == NULL || due[0] == '\0') {
		html_raw(b, "<span class=\"muted\">中止计算</span>");
		return;
	}
	/* The lists that call this show open cases only. */
	due_clock(r->cal, due, r->today, &k);
	html_raw(b, "<span class=\"due");
	if (k.overdue)
		html_raw(b, " overdue");
	else if (k.due_soon)
		html_raw(b, " soon");
	html_raw(b, "\">");
	html_text(b, due);
	if (provisional)
		html_raw(b, "（暂定）");
	html_raw(b, "<br><small>");
	if (k.overdue) {
		html_raw(b, "逾期");
		html_int(b, -k.wd_left);
	} else {
		html_raw(b, "剩");
		html_int(b, k.wd_left);
	}
	html_raw(b, "个工作日</small></span>");
}
