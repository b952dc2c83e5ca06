/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计 (issue 13 item 5): the office's own figures of a year --
 * on-time rate, working days to reply, open load per officer and
 * department, monthly trend -- as a page with an inline SVG chart (no
 * script, no style attribute: presentation attributes only, so the CSP
 * holds; a table with the same numbers follows it), as CSV and as JSON.
 * Every number links to GET /stats/cases, the cases counted in it
 * (the same predicate, cases/stats.c).  The figures are ops/stats.c;
 * the definitions docs/stats.md and the page's footnote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/stats.h"
#include "forms/validate.h"
#include "ops/stats.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"

/* The longest department key (code or id) taken from a URL. */
#define STATS_DEPT_BYTES	64

/* The request's year and department; 0 / a message when malformed. */
struct sq {
	int		 year;
	const char	*dept;		/* NULL: the whole office */
	const char	*bad;
};

static struct sq
stats_query(const struct req *r)
{
	struct sq	 q = { 0, NULL, NULL };
	const char	*v = req_param(r, "year");
	long long	 y;

	if (v == NULL || v[0] == '\0')
		q.year = date_year(r->today);
	else if (valid_int(v, LIM_YEAR_MIN, LIM_YEAR_MAX, &y) != NULL)
		q.bad = "年份无效：应为" LIM_STR(LIM_YEAR_MIN) "至"
		    LIM_STR(LIM_YEAR_MAX) "的年份";
	else
		q.year = (int)y;
	v = req_param(r, "dept");
	if (v != NULL && v[0] != '\0') {
		if (strlen(v) > STATS_DEPT_BYTES)
			q.bad = "承办部门无效";
		q.dept = v;
	}
	return q;
}

/* Computes the figures, or answers the error page (returns -1). */
static int
stats_get(struct req *r, struct resp *p, struct stats *f, struct sq *q,
    int api)
{
	enum cm_err	 rc;

	*q = stats_query(r);
	memset(f, 0, sizeof(*f));
	if (q->bad != NULL) {
		if (api)
			api_error(p, 400, "bad_request", q->bad);
		else
			page_error(r, p, 400, q->bad);
		return -1;
	}
	if ((rc = stats_office(r->st, r->cal, q->year, q->dept, r->today,
	    f)) != CM_OK) {
		stats_clear(f);
		if (api)
			api_cm_error(p, rc, rc == CM_NOTFOUND ? "没有这个承办部门" :
			    "统计失败");
		else
			page_error(r, p, rc == CM_NOTFOUND ? 404 : 500,
			    rc == CM_NOTFOUND ? "没有这个承办部门" : "统计失败");
		return -1;
	}
	return 0;
}

/* The URL of the cases behind one figure (into u). */
static void
cases_url(struct buf *u, int year, const char *dept, enum stats_fig fig,
    int month, const char *officer)
{
	buf_printf(u, "/stats/cases?year=%d&fig=%s", year,
	    stats_fig_codes[fig]);
	if (dept != NULL) {
		buf_puts(u, "&dept=");
		url_param(u, dept);
	}
	if (month > 0)
		buf_printf(u, "&month=%d", month);
	if (officer != NULL) {
		buf_puts(u, "&officer=");
		url_param(u, officer);
	}
}

/* A number linked to the cases counted in it. */
static void
num_link(struct buf *b, int year, const char *dept, enum stats_fig fig,
    int month, const char *officer, int n)
{
	struct buf	 u;

	buf_init(&u);
	cases_url(&u, year, dept, fig, month, officer);
	html_raw(b, "<a href=\"");
	html_text(b, u.p);
	html_raw(b, "\">");
	html_int(b, n);
	html_raw(b, "</a>");
	buf_clear(&u);
}

/* A working-day figure (-1: none) linked to the replies it is of. */
static void
wd_link(struct buf *b, const struct stats *f, const char *dept, int v)
{
	struct buf	 u;

	if (v < 0) {
		html_raw(b, "—");
		return;
	}
	buf_init(&u);
	cases_url(&u, f->year, dept, SF_REPLIED, 0, NULL);
	html_raw(b, "<a href=\"");
	html_text(b, u.p);
	html_raw(b, "\">");
	html_int(b, v);
	html_raw(b, "</a> 个工作日");
	buf_clear(&u);
}

/* One row of the summary table. */
static void
fig_row(struct buf *b, const struct stats *f, const char *dept,
    enum stats_fig fig, int n)
{
	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, stats_fig_labels[fig]);
	html_raw(b, "</th><td>");
	num_link(b, f->year, dept, fig, 0, NULL, n);
	html_raw(b, "</td></tr>");
}

/*
 * The monthly trend as grouped bars (received, replied, replied on
 * time) with the overdue-at-month-end count as a line; the numbers are
 * in the table that follows.
 */
static void
svg_trend(struct buf *b, const struct stats *f)
{
	static const char *const fill[3] = { "#7a9cc6", "#2f5d9e", "#3f8f5a" };
	static const char *const name[3] = { "收到", "答复", "按期答复" };
	int	 i, k, max = 1, v[3], h, x, y, px = -1, py = 0;

	for (i = 0; i < 12; i++) {
		if (f->month[i].received > max)
			max = f->month[i].received;
		if (f->month[i].replied > max)
			max = f->month[i].replied;
		if (f->month[i].overdue_end > max)
			max = f->month[i].overdue_end;
	}
	html_raw(b, "<svg class=\"chart\" role=\"img\" aria-labelledby="
	    "\"stats-trend-t stats-trend-d\" viewBox=\"0 0 720 270\""
	    " width=\"720\" height=\"270\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title id=\"stats-trend-t\">");
	html_int(b, f->year);
	html_raw(b, "年各月收到、答复、按期答复件数及月末逾期未结件数</title>"
	    "<desc id=\"stats-trend-d\">柱形为各月收到、答复、按期答复件数，"
	    "折线为月末在办且已逾期件数；数字见下表。</desc>"
	    "<line x1=\"40\" y1=\"210\" x2=\"712\" y2=\"210\""
	    " stroke=\"#5d6675\"/>");
	for (i = 0; i < 12; i++) {
		v[0] = f->month[i].received;
		v[1] = f->month[i].replied;
		v[2] = f->month[i].on_time;
		x = 48 + i * 56;
		for (k = 0; k < 3; k++) {
			h = v[k] * 180 / max;
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\""
			    " height=\"%d\" fill=\"%s\"><title>%d月%s：%d件"
			    "</title></rect>", x + k * 15, 210 - h, h, fill[k],
			    i + 1, name[k], v[k]);
		}
		buf_printf(b, "<text x=\"%d\" y=\"228\" font-size=\"12\""
		    " text-anchor=\"middle\" fill=\"#5d6675\">%d月</text>",
		    x + 22, i + 1);
		if (f->month[i].overdue_end < 0)
			continue;
		y = 210 - f->month[i].overdue_end * 180 / max;
		if (px >= 0)
			buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\""
			    " y2=\"%d\" stroke=\"#b3261e\" stroke-width=\"2\"/>",
			    px, py, x + 22, y);
		buf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"4\""
		    " fill=\"#b3261e\"><title>%d月末逾期未结：%d件</title>"
		    "</circle>", x + 22, y, i + 1, f->month[i].overdue_end);
		px = x + 22;
		py = y;
	}
	for (k = 0; k < 3; k++)
		buf_printf(b, "<rect x=\"%d\" y=\"248\" width=\"12\""
		    " height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"259\""
		    " font-size=\"12\" fill=\"#1d2330\">%s</text>",
		    48 + k * 110, fill[k], 64 + k * 110, name[k]);
	html_raw(b, "<line x1=\"378\" y1=\"254\" x2=\"398\" y2=\"254\""
	    " stroke=\"#b3261e\" stroke-width=\"2\"/><text x=\"404\" y=\"259\""
	    " font-size=\"12\" fill=\"#1d2330\">月末逾期未结</text></svg>");
}

static void
month_table(struct buf *b, const struct stats *f, const char *dept)
{
	int	 m;

	html_raw(b, "<table class=\"cases stats-months\"><caption>各月件数"
	    "</caption><thead><tr><th scope=\"col\">月份</th>"
	    "<th scope=\"col\">收到</th><th scope=\"col\">答复</th>"
	    "<th scope=\"col\">按期答复</th><th scope=\"col\">月末逾期未结"
	    "</th></tr></thead><tbody>");
	for (m = 1; m <= 12; m++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_int(b, m);
		html_raw(b, "月</th><td>");
		num_link(b, f->year, dept, SF_RECEIVED, m, NULL,
		    f->month[m - 1].received);
		html_raw(b, "</td><td>");
		num_link(b, f->year, dept, SF_REPLIED, m, NULL,
		    f->month[m - 1].replied);
		html_raw(b, "</td><td>");
		num_link(b, f->year, dept, SF_ONTIME, m, NULL,
		    f->month[m - 1].on_time);
		html_raw(b, "</td><td>");
		if (f->month[m - 1].overdue_end < 0)
			html_raw(b, "—");
		else
			num_link(b, f->year, dept, SF_OVERDUE_END, m, NULL,
			    f->month[m - 1].overdue_end);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

/* The open load per officer (depts 0) or per department (1). */
static void
load_table(struct buf *b, const struct stats *f, const char *dept,
    int depts)
{
	const struct stats_load	*l = depts ? f->depts : f->officers;
	size_t			 i, n = depts ? f->ndepts : f->nofficers;
	char			 id[24];
	const char		*d;

	html_raw(b, "<table class=\"cases\"><caption>");
	html_raw(b, "在办件数（按");
	if (depts)
		html_raw(b, "承办部门");
	else
		html_raw(b, "承办人");
	html_raw(b, "）</caption><thead><tr><th scope=\"col\">");
	if (depts)
		html_raw(b, "承办部门");
	else
		html_raw(b, "承办人");
	html_raw(b, "</th><th scope=\"col\">在办</th><th scope=\"col\">"
	    "其中逾期</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		if (l[i].name[0] != '\0')
			html_text(b, l[i].name);
		else if (depts)
			html_raw(b, "未分配部门");
		else
			html_raw(b, "未分派");
		html_raw(b, "</th><td>");
		snprintf(id, sizeof(id), "%lld", l[i].dept_id);
		d = depts ? id : dept;
		num_link(b, f->year, d, SF_OPEN, 0, depts ? NULL : l[i].name,
		    l[i].open);
		html_raw(b, "</td><td>");
		num_link(b, f->year, d, SF_OVERDUE, 0, depts ? NULL :
		    l[i].name, l[i].overdue);
		html_raw(b, "</td></tr>");
	}
	if (n == 0)
		html_raw(b, "<tr><td colspan=\"3\" class=\"empty\">没有在办案件"
		    "</td></tr>");
	html_raw(b, "</tbody></table>");
}

struct dsel {
	struct buf	*b;
	const char	*dept;
};

static void
dept_option(long long id, const char *code, const char *name, void *arg)
{
	struct dsel	*d = arg;
	char		 s[24];

	snprintf(s, sizeof(s), "%lld", id);
	html_raw(d->b, "<option value=\"");
	html_text(d->b, s);
	html_raw(d->b, "\"");
	if (d->dept != NULL && (strcmp(d->dept, s) == 0 ||
	    strcmp(d->dept, code) == 0))
		html_raw(d->b, " selected");
	html_raw(d->b, ">");
	html_text(d->b, name);
	html_raw(d->b, "</option>");
}

/* The definitions, in Chinese (docs/stats.md says the same). */
static void
footnote(struct buf *b)
{
	html_raw(b, "<section class=\"panel stats-note\"><h2>口径说明</h2><ol>"
	    "<li>按办结日期归年：申请首次办结（答复、撤回、视为放弃）之日在本年"
	    "的，计入本年；与年度报告相同，责令重新答复的不重复计算。</li>"
	    "<li>按期答复：答复日期不晚于答复时有效的答复期限（根据办理记录和"
	    "节假日安排重新推算，含延长、补正重新起算、征求意见和缴费中止、"
	    "第三十五条延迟答复）。按期答复率＝按期答复件数÷作出答复件数，"
	    "四舍五入到0.1%。撤回、逾期未补正、逾期未缴费等未经答复办结的，"
	    "不计入按期答复率和答复用时。</li>"
	    "<li>法定工作日：自答复期限起算日（补正后为收到补正申请之日）至答复"
	    "之日的工作日数，扣除征求意见、等待缴费等中止期间（条例第三十二条、"
	    "第三十四条、第三十三条第三款）。申请人等待工作日：自收到申请之日至"
	    "答复之日的工作日数，中止期间计入。收到当日答复为0。</li>"
	    "<li>中位数和第90百分位数按最近秩法计算：n个数值由小到大排列，第p"
	    "百分位数取第⌈p×n÷100⌉个（中位数即第⌈n÷2⌉个）。</li>"
	    "<li>在办：截至统计日尚未答复或归档的案件；其中逾期：统计日已超过"
	    "答复期限的（期限中止期间不计为逾期）。在办件数不分年份。</li>"
	    "<li>月末逾期未结：该月末（本月为统计日）已收到、尚未首次办结且已"
	    "超过答复期限的案件；期限取办结时有效的期限，尚未办结的取当前期限。"
	    "</li><li>点击数字可查看所统计的案件。</li></ol></section>");
}

/* GET /stats[?year=Y][&dept=D] */
void
page_stats(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	struct stats	 f;
	struct sq	 q;
	struct dsel	 ds;
	struct buf	 u;
	char		 rate[16];

	if (stats_get(r, p, &f, &q, 0) != 0)
		return;
	page_begin(r, p, "办理情况统计", NAV_STATS);
	html_raw(b, "<h1>办理情况统计 <small>");
	html_int(b, q.year);
	html_raw(b, "年");
	if (q.dept != NULL) {
		html_raw(b, " · ");
		if (f.dept_name != NULL && f.dept_name[0] != '\0')
			html_text(b, f.dept_name);
		else
			html_raw(b, "未分配部门");
	}
	html_raw(b, "</small></h1><form method=\"get\" action=\"/stats\""
	    " class=\"filters\"><label>年份 <input name=\"year\""
	    " type=\"number\" min=\"" LIM_STR(LIM_YEAR_MIN) "\" max=\""
	    LIM_STR(LIM_YEAR_MAX) "\" value=\"");
	html_int(b, q.year);
	html_raw(b, "\"></label><label>承办部门 <select name=\"dept\">"
	    "<option value=\"\">全部</option>");
	ds.b = b;
	ds.dept = q.dept;
	(void)stats_departments(r->st, dept_option, &ds);
	html_raw(b, "<option value=\"0\"");
	if (q.dept != NULL && strcmp(q.dept, "0") == 0)
		html_raw(b, " selected");
	html_raw(b, ">未分配部门</option></select></label><button>查看</button>"
	    " <a href=\"");
	buf_init(&u);
	buf_printf(&u, "/stats.csv?year=%d", q.year);
	if (q.dept != NULL) {
		buf_puts(&u, "&dept=");
		url_param(&u, q.dept);
	}
	html_text(b, u.p);
	buf_clear(&u);
	html_raw(b, "\">导出CSV</a></form>");

	html_raw(b, "<section class=\"panel\"><h2>答复情况</h2>"
	    "<table class=\"cases stats-figs\"><tbody>");
	fig_row(b, &f, q.dept, SF_RECEIVED, f.received);
	fig_row(b, &f, q.dept, SF_CONCLUDED, f.concluded);
	fig_row(b, &f, q.dept, SF_REPLIED, f.replied);
	fig_row(b, &f, q.dept, SF_ONTIME, f.on_time);
	fig_row(b, &f, q.dept, SF_LATE, f.late);
	fig_row(b, &f, q.dept, SF_OTHER, f.other);
	stats_rate_str(f.rate_tenths, rate);
	html_raw(b, "<tr><th scope=\"row\">按期答复率</th><td><strong>");
	html_text(b, rate);
	html_raw(b, "</strong>（");
	num_link(b, f.year, q.dept, SF_ONTIME, 0, NULL, f.on_time);
	html_raw(b, "÷");
	num_link(b, f.year, q.dept, SF_REPLIED, 0, NULL, f.replied);
	html_raw(b, "）</td></tr><tr><th scope=\"row\">法定工作日（扣除中止）"
	    "中位数</th><td>");
	wd_link(b, &f, q.dept, f.med_clock);
	html_raw(b, "</td></tr><tr><th scope=\"row\">法定工作日（扣除中止）"
	    "第90百分位</th><td>");
	wd_link(b, &f, q.dept, f.p90_clock);
	html_raw(b, "</td></tr><tr><th scope=\"row\">申请人等待工作日（含中止）"
	    "中位数</th><td>");
	wd_link(b, &f, q.dept, f.med_wait);
	html_raw(b, "</td></tr><tr><th scope=\"row\">申请人等待工作日（含中止）"
	    "第90百分位</th><td>");
	wd_link(b, &f, q.dept, f.p90_wait);
	html_raw(b, "</td></tr></tbody></table></section>");

	html_raw(b, "<section class=\"panel\"><h2>月度趋势</h2>");
	svg_trend(b, &f);
	month_table(b, &f, q.dept);
	html_raw(b, "</section><section class=\"panel\"><h2>在办负担 <small>"
	    "截至");
	{
		char	 d[DATE_STRLEN];

		date_format(r->today, d);
		html_text(b, d);
	}
	html_raw(b, "：在办 ");
	num_link(b, f.year, q.dept, SF_OPEN, 0, NULL, f.open);
	html_raw(b, " 件，其中逾期 ");
	num_link(b, f.year, q.dept, SF_OVERDUE, 0, NULL, f.overdue);
	html_raw(b, " 件</small></h2><div class=\"stats-loads\">");
	load_table(b, &f, q.dept, 0);
	load_table(b, &f, q.dept, 1);
	html_raw(b, "</div></section>");
	footnote(b);
	stats_clear(&f);
	page_end(r, p);
}

/* GET /stats.csv[?year=Y][&dept=D] */
void
page_stats_csv(struct req *r, struct resp *p)
{
	struct stats	 f;
	struct sq	 q;
	char		 disp[160];

	if (stats_get(r, p, &f, &q, 0) != 0)
		return;
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"stats-%d.csv\";"
	    " filename*=UTF-8''%%E5%%8A%%9E%%E7%%90%%86%%E6%%83%%85%%E5%%86%%B5"
	    "%%E7%%BB%%9F%%E8%%AE%%A1-%d.csv", q.year, q.year);
	resp_header(p, "Content-Disposition", disp);
	stats_csv(&f, &p->body);
	stats_clear(&f);
}

/* GET /api/stats?year=Y[&dept=D] */
void
api_stats(struct req *r, struct resp *p)
{
	struct stats	 f;
	struct sq	 q;

	if (stats_get(r, p, &f, &q, 1) != 0)
		return;
	p->status = 200;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	stats_json(&f, &p->body);
	buf_putc(&p->body, '\n');
	stats_clear(&f);
}

struct drill {
	struct buf	*b;
	int		 n;
};

static int
drill_row(const struct stats_item *c, void *arg)
{
	struct drill	*d = arg;
	char		 s[DATE_STRLEN];

	html_raw(d->b, "<tr><td><a href=\"/cases/");
	html_text(d->b, c->number);
	html_raw(d->b, "\">");
	html_text(d->b, c->number);
	html_raw(d->b, "</a></td><td>");
	html_text(d->b, c->applicant);
	html_raw(d->b, "</td><td>");
	html_label(d->b, case_states, ST__MAX, c->state);
	html_raw(d->b, "</td><td>");
	date_format(c->received, s);
	html_text(d->b, s);
	html_raw(d->b, "</td><td>");
	if (c->concluded != DATE_NONE) {
		date_format(c->concluded, s);
		html_text(d->b, s);
	} else
		html_raw(d->b, "—");
	html_raw(d->b, "</td><td>");
	if (c->due != DATE_NONE) {
		date_format(c->due, s);
		html_text(d->b, s);
	} else
		html_raw(d->b, "—");
	html_raw(d->b, "</td><td>");
	if (c->handler[0] != '\0')
		html_text(d->b, c->handler);
	else
		html_raw(d->b, "未分派");
	html_raw(d->b, "</td><td>");
	if (c->dept[0] != '\0')
		html_text(d->b, c->dept);
	else
		html_raw(d->b, "未分配部门");
	html_raw(d->b, "</td></tr>");
	d->n++;
	return 0;
}

/*
 * GET /stats/cases?year=Y&fig=F[&dept=D][&month=M][&officer=U]: the
 * cases counted in one number of the page (officer= empty: the
 * unassigned ones).
 */
void
page_stats_cases(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct sq		 q = stats_query(r);
	struct stats_sel	 sel = { SF_RECEIVED, 0, NULL, -1 };
	struct drill		 d;
	struct buf		 u;
	const char		*fig = req_param(r, "fig");
	const char		*mo = req_param(r, "month");
	long long		 m = 0;
	int			 k;
	enum cm_err		 rc;

	sel.handler = req_param(r, "officer");
	if (q.bad == NULL && (fig == NULL || (k = stats_fig_find(fig)) < 0))
		q.bad = "统计项无效";
	else if (q.bad == NULL)
		sel.fig = (enum stats_fig)k;
	if (q.bad == NULL && mo != NULL && mo[0] != '\0' &&
	    valid_int(mo, 1, 12, &m) != NULL)
		q.bad = "月份无效：应为1至12";
	if (q.bad == NULL && sel.fig == SF_OVERDUE_END && m == 0)
		q.bad = "月份无效：应为1至12";
	if (q.bad == NULL && sel.handler != NULL &&
	    utf8_count(sel.handler, strlen(sel.handler)) > LIM_USER_NAME_CHARS)
		q.bad = "承办人无效";
	if (q.bad != NULL) {
		page_error(r, p, 400, q.bad);
		return;
	}
	sel.month = (int)m;
	page_begin(r, p, "统计明细", NAV_STATS);
	html_raw(b, "<h1>统计明细 <small>");
	html_int(b, q.year);
	html_raw(b, "年");
	if (m > 0) {
		html_int(b, m);
		html_raw(b, "月");
	}
	html_raw(b, " · ");
	html_text(b, stats_fig_labels[sel.fig]);
	if (sel.handler != NULL) {
		html_raw(b, " · 承办人 ");
		if (sel.handler[0] != '\0')
			html_text(b, sel.handler);
		else
			html_raw(b, "未分派");
	}
	html_raw(b, "</small></h1><p><a href=\"");
	buf_init(&u);
	buf_printf(&u, "/stats?year=%d", q.year);
	if (q.dept != NULL) {
		buf_puts(&u, "&dept=");
		url_param(&u, q.dept);
	}
	html_text(b, u.p);
	buf_clear(&u);
	html_raw(b, "\">← 返回办理情况统计</a></p><table class=\"list\">"
	    "<thead><tr><th>编号</th><th>申请人</th><th>状态</th>"
	    "<th>收到日期</th><th>办结日期</th><th>答复期限</th>"
	    "<th>承办人</th><th>承办部门</th></tr></thead><tbody>");
	d.b = b;
	d.n = 0;
	if ((rc = stats_cases(r->st, r->cal, q.year, q.dept, r->today, &sel,
	    drill_row, &d)) != CM_OK) {
		buf_reset(b);
		page_error(r, p, rc == CM_NOTFOUND ? 404 : 500,
		    rc == CM_NOTFOUND ? "没有这个承办部门" : "读取失败");
		return;
	}
	html_raw(b, "</tbody></table><p>共<span class=\"stats-count\">");
	html_int(b, d.n);
	html_raw(b, "</span>件</p>");
	page_end(r, p);
}
