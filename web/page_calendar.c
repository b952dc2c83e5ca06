/* SPDX-License-Identifier: ISC */
/*
 * The preview step of a calendar import (issue 15): what an uploaded
 * file would put in the calendar, shown before anything is written —
 * each holiday period with its days off and its make-up working days,
 * then every row — with 应用 (the same bytes posted back as hex with
 * the hash the preview computed) and 取消.  page_calendar_import()
 * (page_admin.c) calls it.
 */
#include <stdio.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/admin.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"

/* Rows of one name (a holiday period), in date order. */
static void
period_row(struct buf *b, const struct cal_row *rows, size_t n,
    const char *name)
{
	size_t	 i;
	int	 off = 0, work = 0;

	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, name);
	html_raw(b, "</th><td>");
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0 &&
		    strcmp(rows[i].kind, "holiday") == 0) {
			buf_puts(b, off++ > 0 ? "、" : "");
			html_text(b, rows[i].date);
		}
	html_raw(b, "</td><td>");
	html_int(b, off);
	html_raw(b, "</td><td>");
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0 &&
		    strcmp(rows[i].kind, "workday") == 0) {
			buf_puts(b, work++ > 0 ? "、" : "");
			html_text(b, rows[i].date);
		}
	if (work == 0)
		html_raw(b, "无");
	html_raw(b, "</td></tr>");
}

/* Whether rows[i]'s name appeared before it. */
static int
name_seen(const struct cal_row *rows, size_t i)
{
	size_t	 k;

	for (k = 0; k < i; k++)
		if (strcmp(rows[k].name, rows[i].name) == 0)
			return 1;
	return 0;
}

void
calendar_preview_page(struct req *r, struct resp *p,
    const struct calendar_import_in *in, const struct calendar_preview *pv)
{
	static const char	 hex[] = "0123456789abcdef";
	struct buf		*b = &p->body;
	const struct cal_row	*rows = pv->im.rows;
	size_t			 n = pv->im.n, i;
	int			 y, last = 0;

	page_begin(r, p, "日历导入预览", NAV_ADMIN);
	html_raw(b, "<h1>日历导入预览</h1><p class=\"warn\">尚未导入。请核对下列"
	    "节假日安排与国务院办公厅通知是否一致，确认后点击“应用”。</p>");
	html_raw(b, "<p>");
	buf_puts(b, in->local ? "地方调整，不替换全国数据。" :
	    "全国节假日安排：应用后替换以下年度的全国数据：");
	for (i = 0; i < n && !in->local; i++) {
		y = calendar_notice_year(&rows[i]);
		if (y == last)
			continue;
		buf_puts(b, last != 0 ? "、" : "");
		html_int(b, y);
		html_raw(b, "年");
		last = y;
	}
	html_raw(b, "（共");
	html_int(b, (long long)n);
	html_raw(b, "行）。</p>");
	html_raw(b, "<table class=\"calendar\"><caption>各节日安排</caption>"
	    "<thead><tr><th>节日</th><th>放假日期</th><th>放假天数</th>"
	    "<th>调休上班</th></tr></thead><tbody>");
	for (i = 0; i < n; i++)
		if (!name_seen(rows, i))
			period_row(b, rows, n, rows[i].name);
	html_raw(b, "</tbody></table>");
	html_raw(b, "<table class=\"calendar\"><caption>逐日明细</caption>"
	    "<thead><tr><th>日期</th><th>类型</th><th>名称</th></tr></thead>"
	    "<tbody>");
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		html_text(b, rows[i].date);
		html_raw(b, "</td><td>");
		buf_puts(b, strcmp(rows[i].kind, "workday") == 0 ? "调休上班" :
		    "放假");
		html_raw(b, "</td><td>");
		html_text(b, rows[i].name);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	html_raw(b, "<form method=\"post\" action=\"/admin/calendar\""
	    " class=\"row\">");
	html_csrf(b, r);
	html_raw(b, "<input type=\"hidden\" name=\"apply\" value=\"1\">"
	    "<input type=\"hidden\" name=\"local\" value=\"");
	buf_puts(b, in->local ? "1" : "0");
	html_raw(b, "\"><input type=\"hidden\" name=\"sha256\" value=\"");
	html_text(b, pv->sha256);
	html_raw(b, "\"><input type=\"hidden\" name=\"data\" value=\"");
	for (i = 0; i < in->len; i++) {
		buf_putc(b, hex[(unsigned char)in->data[i] >> 4]);
		buf_putc(b, hex[(unsigned char)in->data[i] & 0xf]);
	}
	html_raw(b, "\"><button type=\"submit\">应用</button> <a href=\"/admin"
	    "?ok=calcancel#calendar\">取消</a></form><p class=\"muted\">"
	    "文件 SHA-256：<code>");
	html_text(b, pv->sha256);
	html_raw(b, "</code></p>");
	page_end(r, p);
}
