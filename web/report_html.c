/* SPDX-License-Identifier: ISC */
/*
 * The annual report as HTML (30号 layout): sections 一 to 六, tables 二, 三
 * and 四 with the exact labels and merged headers (rowspan/colspan), the
 * checks, and two SVG charts drawn on the server (cases received and
 * concluded by month; concluded cases by outcome).  Every count of
 * tables 三 and 四 links to the list of the cases it counts:
 *   /reports/cases?year=Y&row=ROW&col=COL
 *   /reports/cases?year=Y&appeal_kind=KIND&appeal_result=RESULT
 * with the JSON keys of codes.md (RESULT may be "total").  Every text
 * byte goes through html_text() (web/html.h); the markup around it is
 * string literals and numbers.  Keys in URLs are codes of [a-z_.], which
 * need no percent-encoding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "cases/codes.h"
#include "cases/report.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/html.h"
#include "web/report_html.h"

static const char css[] =
    ".report{font-family:\"FangSong\",\"STFangsong\",\"仿宋\",\"AR PL SungtiL GB\","
    "serif;max-width:60rem;margin:0 auto;color:#000;line-height:1.6}\n"
    ".report h1{font-family:\"STZhongsong\",\"SimSun\",serif;text-align:center;"
    "font-size:1.6rem}\n"
    ".report h2{font-family:\"SimHei\",\"Heiti SC\",sans-serif;font-size:1.15rem;"
    "margin-top:1.6rem}\n"
    ".report .status{text-align:center;font-size:.9rem}\n"
    ".report p{text-indent:2em;margin:.3rem 0}\n"
    ".report p.missing{color:#666;font-style:italic}\n"
    ".report p.draft{border-left:3px solid #999;padding-left:.5rem}\n"
    ".report table.t{border-collapse:collapse;width:100%;font-size:.85rem;"
    "page-break-inside:avoid;margin:.5rem 0}\n"
    ".report table.t th,.report table.t td{border:1px solid #000;"
    "padding:.2rem .3rem;text-align:center;vertical-align:middle}\n"
    ".report table.t th.l,.report table.t td.l{text-align:left}\n"
    ".report table.t th.corner{font-weight:normal;font-size:.8rem}\n"
    ".report table.t a{color:inherit;text-decoration:none}\n"
    ".report table.t a:hover{text-decoration:underline}\n"
    ".report table.checks td{border:none;text-align:left}\n"
    ".report .ok{color:#060}.report .fail{color:#b00;font-weight:bold}\n"
    ".report figure{margin:1rem 0;page-break-inside:avoid}\n"
    ".report figcaption{text-align:center;font-size:.9rem}\n"
    ".report svg{max-width:100%;height:auto}\n"
    "@media print{.report{max-width:none}.report a{color:#000}"
    ".report .charts{page-break-before:always}}\n";

/* The style sheet of the report (for a <link> or the standalone page). */
const char *
report_html_css(void)
{
	return css;
}

/* A count that links to the cases of cell (row, col) of table 三. */
static void
cell3(struct buf *b, const struct report *r, int row, int col)
{
	buf_printf(b, "<td><a href=\"/reports/cases?year=%d&amp;row=%s&amp;"
	    "col=%s\">%lld</a></td>", r->year, report_row_key(row),
	    report_col_key(col), r->app[row][col]);
}

static void
th(struct buf *b, const char *cls, int rowspan, int colspan, const char *s)
{
	buf_puts(b, "<th");
	if (cls != NULL)
		buf_printf(b, " class=\"%s\"", cls);
	if (rowspan > 1)
		buf_printf(b, " rowspan=\"%d\"", rowspan);
	if (colspan > 1)
		buf_printf(b, " colspan=\"%d\"", colspan);
	buf_putc(b, '>');
	html_text(b, s);
	buf_puts(b, "</th>");
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/*
 * Table 三.  Three label columns: 一、二、四 span all three; 三、本年度办理
 * 结果 spans 22 rows; （一）（二）（七） span two columns; the groups
 * （三）..（六） span their numbered sub-rows and have no numbers.
 */
static void
table3(struct buf *b, const struct report *r)
{
	const struct report_line	*l, *p;
	int				 row, c, n;

	buf_puts(b, "<table class=\"t t3\"><thead><tr>");
	th(b, "corner", 3, 3, report_corner);
	th(b, NULL, 1, RC__MAX, report_hdr_applicants);
	buf_puts(b, "</tr><tr>");
	th(b, NULL, 2, 1, report_col_labels[APPL_PERSON]);
	th(b, NULL, 1, APPL__MAX - 1, report_hdr_orgs);
	th(b, NULL, 2, 1, report_col_labels[RC_TOTAL]);
	buf_puts(b, "</tr><tr>");
	for (c = APPL_BUSINESS; c < APPL__MAX; c++)
		th(b, NULL, 1, 1, report_col_labels[c]);
	buf_puts(b, "</tr></thead><tbody>");
	for (row = 0; row < RR__MAX; row++) {
		l = &report_lines[row];
		p = row > 0 ? &report_lines[row - 1] : NULL;
		buf_puts(b, "<tr>");
		if (p == NULL || !same(l->l1, p->l1)) {
			for (n = 1; row + n < RR__MAX &&
			    same(report_lines[row + n].l1, l->l1); n++)
				;
			th(b, "l", n, l->l2 == NULL ? 3 : 1, l->l1);
		}
		if (l->l2 != NULL && l->l3 == NULL)
			th(b, "l", 1, 2, l->l2);
		else if (l->l2 != NULL) {
			if (p == NULL || !same(l->l2, p->l2)) {
				for (n = 1; row + n < RR__MAX &&
				    same(report_lines[row + n].l2, l->l2); n++)
					;
				th(b, "l", n, 1, l->l2);
			}
			th(b, "l", 1, 1, l->l3);
		}
		for (c = 0; c < RC__MAX; c++)
			cell3(b, r, row, c);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

static void
fig(struct buf *b, const struct report *r, int f, int colspan)
{
	char	 wan[32];

	buf_puts(b, "<td");
	if (colspan > 1)
		buf_printf(b, " colspan=\"%d\"", colspan);
	buf_putc(b, '>');
	if (!r->fig_set[f])
		buf_puts(b, "</td>");
	else if (f == RF_FEES) {
		report_fig_format(r->fig[f], wan, sizeof(wan));
		buf_printf(b, "%s</td>", wan);
	} else
		buf_printf(b, "%lld</td>", r->fig[f]);
}

/* One block of table 二: its heading row, header row and item rows. */
static void
block2(struct buf *b, const struct report *r, int block)
{
	int	 f, first = -1, ncols = 0;

	for (f = 0; f < RF__MAX; f++)
		if (report_figs[f].block == block) {
			if (first < 0)
				first = f;
			if (same(report_figs[f].item, report_figs[first].item))
				ncols++;
		}
	buf_puts(b, "<tr>");
	th(b, "l", 1, 4, report_fig_blocks[block]);
	buf_puts(b, "</tr><tr>");
	th(b, NULL, 1, 1, report_hdr_item);
	for (f = first; f < first + ncols; f++)
		th(b, NULL, 1, ncols == 1 ? 3 : 1, report_figs[f].column);
	buf_puts(b, "</tr>\n");
	for (f = first; f < RF__MAX && report_figs[f].block == block;
	    f += ncols) {
		int	 k;

		buf_puts(b, "<tr>");
		th(b, NULL, 1, 1, report_figs[f].item);
		for (k = 0; k < ncols; k++)
			fig(b, r, f + k, ncols == 1 ? 3 : 1);
		buf_puts(b, "</tr>\n");
	}
}

static void
table2(struct buf *b, const struct report *r)
{
	int	 k;

	buf_puts(b, "<table class=\"t t2\"><tbody>\n");
	for (k = 0; k < 4; k++)
		block2(b, r, k);
	buf_puts(b, "</tbody></table>\n");
}

/* Table 四: the five 行政复议 labels span the two lower header rows. */
static void
table4(struct buf *b, const struct report *r)
{
	int	 k, i;

	buf_puts(b, "<table class=\"t t4\"><thead><tr>");
	th(b, NULL, 1, AR__MAX + 1, report_hdr_review);
	th(b, NULL, 1, 2 * (AR__MAX + 1), report_hdr_litigation);
	buf_puts(b, "</tr><tr>");
	for (i = 0; i <= AR__MAX; i++)
		th(b, NULL, 2, 1, i == AR_TOTAL ? report_hdr_total :
		    appeal_results[i].label);
	for (k = AK_LITIGATION_DIRECT; k < AK__MAX; k++)
		th(b, NULL, 1, AR__MAX + 1, appeal_kinds[k].label);
	buf_puts(b, "</tr><tr>");
	for (k = AK_LITIGATION_DIRECT; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			th(b, NULL, 1, 1, i == AR_TOTAL ? report_hdr_total :
			    appeal_results[i].label);
	buf_puts(b, "</tr></thead><tbody><tr>");
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			buf_printf(b, "<td><a href=\"/reports/cases?year=%d&amp;"
			    "appeal_kind=%s&amp;appeal_result=%s\">%lld</a></td>",
			    r->year, appeal_kinds[k].code, i == AR_TOTAL ?
			    "total" : appeal_results[i].code, r->appeals[k][i]);
	buf_puts(b, "</tr></tbody></table>\n");
}

static void
check_line(struct buf *b, const char *what, int ok)
{
	buf_puts(b, "<tr><td>");
	html_text(b, what);
	buf_printf(b, "</td><td class=\"%s\">%s</td></tr>\n", ok ? "ok" :
	    "fail", ok ? "通过" : "未通过");
}

static void
checks(struct buf *b, const struct report *r)
{
	const struct report_checks	*k = &r->chk;

	buf_puts(b, "<table class=\"checks\"><tbody>\n");
	check_line(b, "各列：第一项加第二项之和等于第三项加第四项之和",
	    k->identity_all);
	check_line(b, "总计列等于六类申请人之和", k->total_column);
	check_line(b, "（七）总计等于（一）至（六）各项之和",
	    k->concluded_total);
	check_line(b, k->previous_published ?
	    "上年结转数等于上一年度已发布报告的结转下年度数" :
	    "上年结转数等于上一年度结转下年度数", k->carried_in);
	check_line(b, "表四各总计等于四种结果之和", k->appeals_totals);
	buf_puts(b, "</tbody></table>\n");
}

/* Paragraphs of a text the office wrote, one per line. */
static void
paragraphs(struct buf *b, const char *text, const char *cls)
{
	const char	*p, *e;
	char		*line;
	size_t		 n;

	for (p = text; *p != '\0'; p = *e == '\0' ? e : e + 1) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		line = xstrndup(p, n);
		if (cls != NULL)
			buf_printf(b, "<p class=\"%s\">", cls);
		else
			buf_puts(b, "<p>");
		html_text(b, line);
		buf_puts(b, "</p>\n");
		free(line);
	}
}

static void
section_text(struct buf *b, const struct report *r, int s)
{
	if (r->text[s] != NULL)
		paragraphs(b, r->text[s], NULL);
	else if (s == RS_6 && r->draft6 != NULL) {
		buf_puts(b, "<p class=\"missing\">（尚未填写；以下为系统生成的草稿）"
		    "</p>\n");
		paragraphs(b, r->draft6, "draft");
	} else
		buf_puts(b, "<p class=\"missing\">（尚未填写）</p>\n");
}

/* A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
static long long
axis_max(long long v)
{
	long long	 p = 1;

	if (v < 5)
		return 5;
	while (p * 10 <= v)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

/* Cases received and concluded per month: grouped vertical bars. */
static void
chart_monthly(struct buf *b, const struct report *r)
{
	const int	 W = 640, H = 260, L = 40, T = 20, B = 40;
	const int	 ph = H - T - B, gw = (W - L - 10) / 12;
	long long	 max = 0, top;
	int		 m, i, x, h;

	for (m = 0; m < 12; m++) {
		if (r->received[m] > max)
			max = r->received[m];
		if (r->concluded[m] > max)
			max = r->concluded[m];
	}
	top = axis_max(max);
	buf_printf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"%d年每月收到和办结申请数\">\n", W, H, W, H, r->year);
	for (i = 0; i <= 5; i++) {
		int	 y = T + ph - ph * i / 5;

		buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#ccc\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "text-anchor=\"end\">%lld</text>\n", L, y, W - 10, y, L - 4,
		    y + 3, top * i / 5);
	}
	for (m = 0; m < 12; m++) {
		x = L + m * gw;
		h = (int)(r->received[m] * ph / top);
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"#4a6fa5\"><title>%d月收到%lld件</title></rect>",
		    x + 4, T + ph - h, gw / 2 - 4, h, m + 1, r->received[m]);
		h = (int)(r->concluded[m] * ph / top);
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"#c8702a\"><title>%d月办结%lld件</title></rect>",
		    x + gw / 2, T + ph - h, gw / 2 - 4, h, m + 1,
		    r->concluded[m]);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"middle\">%d月</text>\n", x + gw / 2,
		    T + ph + 15, m + 1);
	}
	buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"#4a6fa5\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">收到"
	    "</text><rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"#c8702a\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">办结"
	    "</text>\n", L, H - 14, L + 14, H - 5, L + 60, H - 14, L + 74,
	    H - 5);
	buf_printf(b, "</svg><figcaption>图1 %d年每月收到和办结的政府信息公开"
	    "申请（件）</figcaption></figure>\n", r->year);
}

/* Short labels of the outcome rows for the chart axis. */
static const char *const short_labels[OUT__MAX] = {
	"予以公开", "部分公开", "国家秘密", "法律行政法规禁止", "三安全一稳定",
	"第三方合法权益", "内部事务信息", "过程性信息", "行政执法案卷",
	"行政查询事项", "本机关不掌握", "需另行制作", "补正后仍不明确",
	"信访举报投诉", "重复申请", "公开出版物", "大量反复申请",
	"确认或重新出具", "逾期不补正", "逾期未缴费", "其他",
};

/* Concluded cases by outcome: horizontal bars, each a drill-down link. */
static void
chart_outcomes(struct buf *b, const struct report *r)
{
	const int	 W = 640, L = 130, T = 10, RH = 18;
	const int	 H = T + OUT__MAX * RH + 10, pw = W - L - 50;
	long long	 max = 0, top, n;
	int		 o, y, w;

	for (o = 0; o < OUT__MAX; o++)
		if (r->app[RR_OUTCOME + o][RC_TOTAL] > max)
			max = r->app[RR_OUTCOME + o][RC_TOTAL];
	top = axis_max(max);
	buf_printf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"%d年办结申请的办理结果\">\n", W, H, W, H, r->year);
	for (o = 0; o < OUT__MAX; o++) {
		n = r->app[RR_OUTCOME + o][RC_TOTAL];
		y = T + o * RH;
		w = (int)(n * pw / top);
		buf_printf(b, "<a href=\"/reports/cases?year=%d&amp;row=%s&amp;"
		    "col=total\"><text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"end\">%s</text><rect x=\"%d\" y=\"%d\" "
		    "width=\"%d\" height=\"%d\" fill=\"#4a6fa5\"><title>%s %lld件"
		    "</title></rect><text x=\"%d\" y=\"%d\" font-size=\"11\">%lld"
		    "</text></a>\n", r->year, outcomes[o].code, L - 6, y + 12,
		    short_labels[o], L, y + 2, w, RH - 5, short_labels[o], n,
		    L + w + 4, y + 12, n);
	}
	buf_printf(b, "</svg><figcaption>图2 %d年办结申请的办理结果（件）"
	    "</figcaption></figure>\n", r->year);
}

/*
 * Appends the report body (a <main> element, no <html> around it) to
 * b, for embedding in a page that links report_html_css().
 */
void
report_html_body(const struct report *r, struct buf *b)
{
	char	 t[64];

	buf_puts(b, "<main class=\"report\">\n<h1>");
	html_text(b, r->agency);
	snprintf(t, sizeof(t), "%d年", r->year);
	html_text(b, t);
	html_text(b, report_title);
	buf_puts(b, "</h1>\n<p class=\"status\">");
	if (r->published[0] != '\0') {
		buf_puts(b, "已发布（");
		html_text(b, r->published);
		buf_puts(b, "），数字为发布时的数字");
	} else
		buf_puts(b, "未发布（草稿），数字随案件办理情况变化");
	buf_printf(b, "；勾稽关系检查：<span class=\"%s\">%s</span></p>\n",
	    r->chk.balanced ? "ok" : "fail", r->chk.balanced ? "通过" :
	    "未通过");

	buf_puts(b, "<section><h2>");
	html_text(b, report_section_titles[0]);
	buf_puts(b, "</h2>\n");
	section_text(b, r, RS_1);
	buf_puts(b, "</section>\n<section><h2>");
	html_text(b, report_section_titles[1]);
	buf_puts(b, "</h2>\n");
	table2(b, r);
	buf_puts(b, "</section>\n<section><h2>");
	html_text(b, report_section_titles[2]);
	buf_puts(b, "</h2>\n");
	table3(b, r);
	checks(b, r);
	buf_puts(b, "<div class=\"charts\">\n");
	chart_monthly(b, r);
	chart_outcomes(b, r);
	buf_puts(b, "</div></section>\n<section><h2>");
	html_text(b, report_section_titles[3]);
	buf_puts(b, "</h2>\n");
	table4(b, r);
	buf_puts(b, "</section>\n<section><h2>");
	html_text(b, report_section_titles[4]);
	buf_puts(b, "</h2>\n");
	section_text(b, r, RS_5);
	buf_puts(b, "</section>\n<section><h2>");
	html_text(b, report_section_titles[5]);
	buf_puts(b, "</h2>\n");
	section_text(b, r, RS_6);
	buf_puts(b, "</section>\n</main>\n");
}

/* Appends a standalone HTML document (style sheet inline) to b. */
void
report_html_page(const struct report *r, struct buf *b)
{
	char	 t[64];

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><title>");
	html_text(b, r->agency);
	snprintf(t, sizeof(t), "%d年", r->year);
	html_text(b, t);
	html_text(b, report_title);
	buf_puts(b, "</title>\n<style>\n");
	buf_puts(b, css);
	buf_puts(b, "</style></head>\n<body>\n");
	report_html_body(r, b);
	buf_puts(b, "</body></html>\n");
}
