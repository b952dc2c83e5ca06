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

#include "cases/codes.h"
#include "cases/report.h"
#include "cases/report_layout.h"
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
    ".report .tscroll{overflow-x:auto}\n"
    "@media print{.report{max-width:none}.report a{color:#000}"
    ".report .charts{page-break-before:always}}\n";

/* The style sheet of the report (for a <link> or the standalone page). */
const char *
report_html_css(void)
{
	return css;
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

/* One table being written: the grid row open and the header rows. */
struct grid {
	struct buf		*b;
	const struct report	*r;
	int			 row;		/* open <tr>, or -1 */
	int			 thead;		/* rows in <thead> */
};

/*
 * A cell of the layout's grid: a label is a <th> (left-aligned row
 * labels, the small corner); a count of tables 三 and 四 links to the
 * cases it counts; a figure of table 二 is plain.
 */
static void
grid_cell(const struct report_cell *c, void *arg)
{
	struct grid	*g = arg;
	struct buf	*b = g->b;
	const char	*k1, *k2;
	char		 v[32];

	if (c->row != g->row) {
		if (g->row >= 0)
			buf_puts(b, g->row < g->thead ? "</tr>" : "</tr>\n");
		if (g->thead > 0 && c->row == g->thead)
			buf_puts(b, "</thead><tbody>");
		buf_puts(b, "<tr>");
		g->row = c->row;
	}
	if (c->text != NULL) {
		th(b, c->look == REPORT_LOOK_ROW ? "l" :
		    c->look == REPORT_LOOK_CORNER ? "corner" : NULL,
		    c->rowspan, c->colspan, c->text);
		return;
	}
	report_value_text(g->r, c->block, c->vrow, c->vcol, v, sizeof(v));
	report_value_keys(c->block, c->vrow, c->vcol, &k1, &k2);
	buf_puts(b, "<td");
	if (c->colspan > 1)
		buf_printf(b, " colspan=\"%d\"", c->colspan);
	buf_putc(b, '>');
	if (c->block->src == REPORT_SRC_APP)
		buf_printf(b, "<a href=\"/reports/cases?year=%d&amp;row=%s&amp;"
		    "col=%s\">%s</a>", g->r->year, k1, k2, v);
	else if (c->block->src == REPORT_SRC_APPEAL)
		buf_printf(b, "<a href=\"/reports/cases?year=%d&amp;"
		    "appeal_kind=%s&amp;appeal_result=%s\">%s</a>", g->r->year,
		    k1, k2, v);
	else
		html_text(b, v);
	buf_puts(b, "</td>");
}

/*
 * Table n of the layout with its merged cells (rowspan/colspan).  A
 * table of one block has its header rows in <thead>; table 二's blocks
 * each carry their own header rows, so all its rows are in <tbody>.
 * The table sits in a scroll box named label (html_scroll_begin()).
 */
static void
table(struct buf *b, const struct report *r, const struct report_table *t,
    int n, const char *label)
{
	struct grid	 g = { b, r, -1, 0 };

	if (t->nblocks == 1)
		g.thead = t->blocks[0].head_rows;
	html_scroll_begin(b, label);
	buf_printf(b, "<table class=\"t t%d\">%s", n, g.thead > 0 ?
	    "<thead>" : "<tbody>\n");
	report_table_walk(t, grid_cell, &g);
	buf_puts(b, "</tr>\n</tbody></table>");
	html_scroll_end(b);
	buf_puts(b, "\n");
}

static void
check_line(struct buf *b, const char *what, int ok)
{
	buf_puts(b, "<tr><td>");
	html_text(b, what);
	buf_printf(b, "</td><td class=\"%s\">%s</td></tr>\n", ok ? "ok" :
	    "fail", report_check_word(ok));
}

static void
checks(struct buf *b, const struct report *r)
{
	const struct report_check_def	*d;
	int				 i;

	buf_puts(b, "<table class=\"checks\"><tbody>\n");
	for (i = 0; i < REPORT_CHECKS; i++) {
		d = &report_check_defs[i];
		check_line(b, d->label_published != NULL &&
		    r->chk.previous_published ? d->label_published : d->label,
		    report_check_ok(r, i));
	}
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
		buf_puts(b, "<p class=\"missing\">");
		html_text(b, report_draft_note);
		buf_puts(b, "</p>\n");
		paragraphs(b, r->draft6, "draft");
	} else {
		buf_puts(b, "<p class=\"missing\">");
		html_text(b, report_not_written);
		buf_puts(b, "</p>\n");
	}
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
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"group\" "
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
 * Appends the report body (an <article> element, no <html> around it)
 * to b, for embedding in the <main> of a page that links
 * report_html_css().
 */
void
report_html_body(const struct report *r, struct buf *b)
{
	const struct report_part	*p;
	struct buf			 t;
	int				 i;

	buf_init(&t);
	report_heading(r, &t);
	buf_puts(b, "<article class=\"report\">\n<h1>");
	html_text(b, buf_str(&t));
	buf_clear(&t);
	buf_puts(b, "</h1>\n<p class=\"status\">");
	if (r->published[0] != '\0') {
		buf_puts(b, "已发布（");
		html_text(b, r->published);
		buf_puts(b, "），数字为发布时的数字");
	} else
		buf_puts(b, "未发布（草稿），数字随案件办理情况变化");
	buf_puts(b, "；");
	html_text(b, report_checks_title);
	buf_printf(b, "：<span class=\"%s\">%s</span></p>\n",
	    r->chk.balanced ? "ok" : "fail",
	    report_check_word(r->chk.balanced));
	for (i = 0; i < REPORT_PARTS; i++) {
		p = &report_parts[i];
		buf_puts(b, "<section><h2>");
		html_text(b, *p->title);
		buf_puts(b, "</h2>\n");
		if (p->table == NULL) {
			section_text(b, r, p->text);
			buf_puts(b, "</section>\n");
			continue;
		}
		table(b, r, p->table, i + 1, *p->title);
		if (p->table->checks) {
			checks(b, r);
			buf_puts(b, "<div class=\"charts\">\n");
			chart_monthly(b, r);
			chart_outcomes(b, r);
			buf_puts(b, "</div>");
		}
		buf_puts(b, "</section>\n");
	}
	buf_puts(b, "</article>\n");
}

/* Appends a standalone HTML document (style sheet inline) to b. */
void
report_html_page(const struct report *r, struct buf *b)
{
	struct buf	 t;

	buf_init(&t);
	report_heading(r, &t);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><title>");
	html_text(b, buf_str(&t));
	buf_clear(&t);
	buf_puts(b, "</title>\n<style>\n");
	buf_puts(b, css);
	buf_puts(b, "</style></head>\n<body>\n<main>\n");
	report_html_body(r, b);
	buf_puts(b, "</main>\n</body></html>\n");
}
