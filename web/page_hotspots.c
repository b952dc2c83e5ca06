/* SPDX-License-Identifier: ISC */
/*
 * 热点分析: where a year's requests concentrate — by officer-assigned
 * tag and by the key terms shared across request texts
 * (cases/proactive.c), each by month and by applicant type, with a
 * bar chart drawn here as inline SVG (no script, no style attribute:
 * presentation attributes only, so the CSP holds) and the same figures
 * as CSV (UTF-8 with a byte-order mark, for Excel and WPS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/proactive.h"
#include "forms/validate.h"
#include "ops/proactive.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "util/xmalloc.h"

#define HOT_TERMS	20

/* The year of ?year=, else the current one; 0 when malformed. */
static int
year_arg(const struct req *r)
{
	const char	*v = req_param(r, "year");
	long long	 y;

	if (v == NULL || v[0] == '\0')
		return date_year(r->today);
	if (valid_int(v, LIM_YEAR_MIN, LIM_YEAR_MAX, &y) != NULL)
		return 0;
	return (int)y;
}

/* A vertical bar chart of twelve monthly counts. */
static void
svg_months(struct buf *b, const char *title, const int month[12])
{
	int	 i, max = 1, h, x;

	for (i = 0; i < 12; i++)
		if (month[i] > max)
			max = month[i];
	html_raw(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 640 240\""
	    " width=\"640\" height=\"240\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title>");
	html_text(b, title);
	html_raw(b, "</title><line x1=\"40\" y1=\"200\" x2=\"630\" y2=\"200\""
	    " stroke=\"#5d6675\"/>");
	for (i = 0; i < 12; i++) {
		h = month[i] * 170 / max;
		x = 48 + i * 48;
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"32\" height=\"%d\""
		    " fill=\"#2f5d9e\"><title>%d月：%d件</title></rect>", x,
		    200 - h, h, i + 1, month[i]);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\""
		    " text-anchor=\"middle\" fill=\"#1d2330\">%d</text>", x + 16,
		    194 - h, month[i]);
		buf_printf(b, "<text x=\"%d\" y=\"218\" font-size=\"12\""
		    " text-anchor=\"middle\" fill=\"#5d6675\">%d月</text>",
		    x + 16, i + 1);
	}
	html_raw(b, "</svg>");
}

/* A horizontal bar chart of rows' totals (at most ten). */
static void
svg_rows(struct buf *b, const char *title, const struct px_hot_row *r,
    size_t n)
{
	size_t	 i;
	int	 max = 1, w, y;

	if (n > 10)
		n = 10;
	for (i = 0; i < n; i++)
		if (r[i].total > max)
			max = r[i].total;
	buf_printf(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 640 %zu\""
	    " width=\"640\" height=\"%zu\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title>", 20 + n * 24, 20 + n * 24);
	html_text(b, title);
	html_raw(b, "</title>");
	for (i = 0; i < n; i++) {
		y = 10 + (int)i * 24;
		w = r[i].total * 400 / max;
		buf_printf(b, "<text x=\"190\" y=\"%d\" font-size=\"13\""
		    " text-anchor=\"end\" fill=\"#1d2330\">", y + 15);
		html_text(b, r[i].name);
		buf_printf(b, "</text><rect x=\"200\" y=\"%d\" width=\"%d\""
		    " height=\"18\" fill=\"#7a9cc6\"/><text x=\"%d\" y=\"%d\""
		    " font-size=\"12\" fill=\"#1d2330\">%d</text>", y + 2, w,
		    206 + w, y + 15, r[i].total);
	}
	html_raw(b, "</svg>");
}

/* A count linked to the list of its cases (GET /hotspots/cases);
 * month 0 for the whole year. */
static void
count_link(struct buf *b, int year, const char *kind, const char *name,
    int month, int count)
{
	struct buf	 u;

	if (count == 0) {
		html_int(b, count);
		return;
	}
	buf_init(&u);
	buf_printf(&u, "/hotspots/cases?year=%d&kind=%s&name=", year, kind);
	url_param(&u, name);
	if (month > 0)
		buf_printf(&u, "&month=%d", month);
	html_raw(b, "<a href=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\">");
	html_int(b, count);
	html_raw(b, "</a>");
	buf_clear(&u);
}

static void
row_table(struct buf *b, int year, const char *kind, const char *head,
    const struct px_hot_row *r, size_t n)
{
	size_t	 i;
	int	 k;

	html_raw(b, "<table class=\"cases\"><thead><tr><th>");
	html_text(b, head);
	html_raw(b, "</th><th>合计</th>");
	for (k = 1; k <= 12; k++) {
		html_raw(b, "<th>");
		html_int(b, k);
		html_raw(b, "月</th>");
	}
	for (k = 0; k < APPL__MAX; k++) {
		html_raw(b, "<th>");
		html_text(b, applicant_types[k].label);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		html_text(b, r[i].name);
		html_raw(b, "</td><td><b>");
		count_link(b, year, kind, r[i].name, 0, r[i].total);
		html_raw(b, "</b></td>");
		for (k = 0; k < 12; k++) {
			html_raw(b, "<td>");
			count_link(b, year, kind, r[i].name, k + 1,
			    r[i].month[k]);
			html_raw(b, "</td>");
		}
		for (k = 0; k < APPL__MAX; k++) {
			html_raw(b, "<td>");
			html_int(b, r[i].type[k]);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	if (n == 0)
		html_raw(b, "<tr><td colspan=\"20\" class=\"empty\">没有数据"
		    "</td></tr>");
	html_raw(b, "</tbody></table>");
}

/* GET /hotspots[?year=Y] */
void
page_hotspots(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct px_hotspots	 h;
	char			 t[64];
	int			 y;

	if ((y = year_arg(r)) == 0) {
		page_error(r, p, 400, "年份无效");
		return;
	}
	if (proactive_hotspots(r->st, y, HOT_TERMS, &h) != CM_OK) {
		proactive_hotspots_clear(&h);
		page_error(r, p, 500, "统计失败");
		return;
	}
	page_begin(r, p, "热点分析", NAV_HOTSPOTS);
	html_raw(b, "<p><a href=\"/proactive\">← 高频申请</a></p><h1>热点分析 "
	    "<small>");
	html_int(b, y);
	html_raw(b, "年收到的申请</small></h1><form method=\"get\""
	    " action=\"/hotspots\" class=\"filters\"><label>年份 <input"
	    " name=\"year\" type=\"number\" min=\"" LIM_STR(LIM_YEAR_MIN)
	    "\" max=\"" LIM_STR(LIM_YEAR_MAX) "\" value=\"");
	html_int(b, y);
	html_raw(b, "\"></label><button>查看</button> <a href=\"/hotspots.csv"
	    "?year=");
	html_int(b, y);
	html_raw(b, "\">导出CSV</a></form>");
	snprintf(t, sizeof(t), "%d年各月收到申请数", y);
	html_raw(b, "<section class=\"panel\"><h2>");
	html_text(b, t);
	html_raw(b, "（合计 ");
	html_int(b, h.all.total);
	html_raw(b, " 件）</h2>");
	svg_months(b, t, h.all.month);
	row_table(b, y, "all", "全部", &h.all, 1);
	html_raw(b, "</section><section class=\"panel\"><h2>按标签</h2>");
	if (h.ntags > 0)
		svg_rows(b, "按标签的申请数", h.tags, h.ntags);
	row_table(b, y, "tag", "标签", h.tags, h.ntags);
	if (h.ntags == 0)
		html_raw(b, "<p class=\"muted\">标签在案件页的“标签”一栏添加。</p>");
	html_raw(b, "</section><section class=\"panel\"><h2>按关键词</h2>"
	    "<p class=\"muted\">申请内容中多件申请共有的词语（已去除“政府信息”"
	    "“申请公开”等通用词、本机关及各部门名称和年份）。点击数字查看相应"
	    "案件。</p>");
	if (h.nterms > 0)
		svg_rows(b, "按关键词的申请数", h.terms, h.nterms);
	row_table(b, y, "term", "关键词", h.terms, h.nterms);
	html_raw(b, "</section>");
	proactive_hotspots_clear(&h);
	page_end(r, p);
}

/* GET /hotspots.csv[?year=Y] */
void
page_hotspots_csv(struct req *r, struct resp *p)
{
	struct px_hotspots	 h;
	char			 disp[160];
	int			 y;

	if ((y = year_arg(r)) == 0) {
		page_error(r, p, 400, "年份无效");
		return;
	}
	if (proactive_hotspots(r->st, y, HOT_TERMS, &h) != CM_OK) {
		proactive_hotspots_clear(&h);
		page_error(r, p, 500, "统计失败");
		return;
	}
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"hotspots-%d.csv\";"
	    " filename*=UTF-8''%%E7%%83%%AD%%E7%%82%%B9%%E5%%88%%86%%E6%%9E%%90"
	    "-%d.csv", y, y);
	resp_header(p, "Content-Disposition", disp);
	proactive_hotspots_csv(&h, &p->body);
	proactive_hotspots_clear(&h);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* GET /hotspots/cases?year=Y&kind=all|tag|term&name=N[&month=M]: the
 * cases behind a figure of the 热点分析, counted by the same function
 * (proactive_hotspots), so that the list always matches the number. */
void
page_hotspot_cases(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct px_hotspots	 h;
	const struct px_hot_row	*row;
	const char		*kind = req_param(r, "kind");
	const char		*name = req_param(r, "name");
	const char		*mv = req_param(r, "month");
	const char		**list = NULL;
	struct buf		 u;
	long long		 mon = 0;
	size_t			 i, n = 0;
	int			 y;

	if ((y = year_arg(r)) == 0) {
		page_error(r, p, 400, "年份无效");
		return;
	}
	if (kind == NULL || (strcmp(kind, "all") != 0 &&
	    strcmp(kind, "tag") != 0 && strcmp(kind, "term") != 0)) {
		page_error(r, p, 400, "类别无效");
		return;
	}
	if (name == NULL || valid_bytes(name, strlen(name), LIM_TAG_CHARS +
	    64, 0) != NULL) {
		page_error(r, p, 400, "名称无效");
		return;
	}
	if (mv != NULL && mv[0] != '\0' && valid_int(mv, 1, 12, &mon) !=
	    NULL) {
		page_error(r, p, 400, "月份无效");
		return;
	}
	if (proactive_hotspots(r->st, y, HOT_TERMS, &h) != CM_OK) {
		proactive_hotspots_clear(&h);
		page_error(r, p, 500, "统计失败");
		return;
	}
	if ((row = proactive_hotspots_find(&h, kind, name)) == NULL) {
		proactive_hotspots_clear(&h);
		page_error(r, p, 404, "没有这一项");
		return;
	}
	list = xcalloc(row->ncases + 1, sizeof(*list));
	for (i = 0; i < row->ncases; i++)
		if (mon == 0 || row->cmonth[i] == (int)mon)
			list[n++] = row->cases[i];
	qsort(list, n, sizeof(*list), str_cmp);
	page_begin(r, p, "热点分析", NAV_HOTSPOTS);
	html_raw(b, "<p><a href=\"/hotspots?year=");
	html_int(b, y);
	html_raw(b, "\">← 热点分析</a></p><h1>");
	html_text(b, strcmp(kind, "tag") == 0 ? "标签" : strcmp(kind, "term") ==
	    0 ? "关键词" : "");
	html_raw(b, " ");
	html_text(b, row->name);
	html_raw(b, " <small>");
	html_int(b, y);
	html_raw(b, "年");
	if (mon > 0) {
		html_int(b, mon);
		html_raw(b, "月");
	}
	html_raw(b, "收到 ");
	html_int(b, (long long)n);
	html_raw(b, " 件</small></h1><ul class=\"cases\">");
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		buf_puts(&u, "/cases/");
		url_param(&u, list[i]);
		html_raw(b, "<li><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_text(b, list[i]);
		html_raw(b, "</a></li>");
	}
	buf_clear(&u);
	html_raw(b, "</ul>");
	free(list);
	proactive_hotspots_clear(&h);
	page_end(r, p);
}
