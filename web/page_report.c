/* SPDX-License-Identifier: ISC */
/*
 * 年报: the annual report (30号 tables) as a print-friendly page, and
 * the drill-down from each of its numbers to the cases it counts.
 * The report itself is computed in cases/report.c and laid out by
 * web/report_html.c (also used by `foidesk report annual --format
 * html`); these handlers only pick the year and wrap it in the frame.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/report.h"
#include "cases/roles.h"
#include "ops/annual.h"
#include "ops/op.h"
#include "store/store.h"
#include "forms/validate.h"
#include "ops/report.h"
#include "web/html.h"
#include "web/opctx.h"
#include "web/pages.h"
#include "web/report_html.h"

/* The year of ?year=, or last year; 0 when the value is bad. */
static int
report_year(struct req *r)
{
	const char	*y = req_param(r, "year");
	char		*end;
	long		 v;

	if (y == NULL || y[0] == '\0')
		return date_year(r->today) - 1;
	v = strtol(y, &end, 10);
	if (*end != '\0' || v < LIM_YEAR_MIN || v > LIM_YEAR_MAX)
		return 0;
	return (int)v;
}

static void	report_inputs(struct req *, struct buf *,
		    const struct report *);

/* GET /reports/report.css: the report's own styles (CSP: no inline). */
void
page_report_css(struct req *r, struct resp *p)
{
	(void)r;
	p->ctype = "text/css; charset=utf-8";
	buf_puts(&p->body, report_html_css());
}

/* GET /reports/annual?year=Y */
void
page_report(struct req *r, struct resp *p)
{
	struct report	 rep;
	struct buf	*b = &p->body;
	int		 year, y;
	enum cm_err	 rc;

	if ((year = report_year(r)) == 0) {
		page_error(r, p, 400, "年份应为" LIM_STR(LIM_YEAR_MIN) "至"
		    LIM_STR(LIM_YEAR_MAX));
		return;
	}
	memset(&rep, 0, sizeof(rep));
	if ((rc = report_load(r->st, year, &rep)) != CM_OK) {
		report_clear(&rep);
		page_error(r, p, http_status_of(rc), "无法生成年度报告");
		return;
	}
	page_begin(r, p, "年度报告", NAV_REPORT);
	html_raw(b, "<link rel=\"stylesheet\" href=\"/reports/report.css\">"
	    "<nav class=\"pager noprint\" aria-label=\"年份\">");
	for (y = year - 2; y <= year + 1 && y <= date_year(r->today); y++) {
		html_raw(b, "<a href=\"/reports/annual?year=");
		html_int(b, y);
		html_raw(b, "\">");
		html_int(b, y);
		html_raw(b, "年</a> ");
	}
	html_raw(b, "<a href=\"/api/reports/annual?year=");
	html_int(b, year);
	html_raw(b, "\">JSON</a></nav>");
	report_html_body(&rep, b);
	report_inputs(r, b, &rep);
	page_end(r, p);
	report_clear(&rep);
}

struct drill {
	struct buf	*b;
	int		 n;
};

static int
drill_row(const struct case_row *c, void *arg)
{
	struct drill	*d = arg;

	html_raw(d->b, "<tr><td><a href=\"/cases/");
	html_text(d->b, c->number);
	html_raw(d->b, "\">");
	html_text(d->b, c->number);
	html_raw(d->b, "</a></td><td>");
	html_text(d->b, c->applicant);
	html_raw(d->b, "</td><td>");
	html_label(d->b, applicant_types, APPL__MAX, c->applicant_type);
	html_raw(d->b, "</td><td>");
	html_text(d->b, c->received);
	html_raw(d->b, "</td><td>");
	html_text(d->b, c->closed_on != NULL ? c->closed_on : "—");
	html_raw(d->b, "</td><td>");
	if (c->outcome != NULL)
		html_label(d->b, outcomes, OUT__MAX, c->outcome);
	else
		html_label(d->b, case_states, ST__MAX, c->state);
	html_raw(d->b, "</td></tr>");
	d->n++;
	return 0;
}

/*
 * GET /reports/cases?year=Y&row=ROW[&col=COL] or
 * ?year=Y&appeal_kind=K[&appeal_result=R]: the cases behind one number
 * of the report (keys as in the JSON of codes.md).
 */
void
page_report_cases(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	struct drill	 d;
	const char	*row = req_param(r, "row"), *col = req_param(r, "col");
	const char	*ak = req_param(r, "appeal_kind");
	const char	*ar = req_param(r, "appeal_result");
	int		 year, ri = -1, ci = -1, ki = -1, si = -1;
	enum cm_err	 rc;

	if ((year = report_year(r)) == 0 ||
	    (row != NULL && (ri = report_row_find(row)) < 0) ||
	    (col != NULL && (ci = report_col_find(col)) < 0) ||
	    (ak != NULL && (ki = appeal_kind_find(ak)) < 0) ||
	    (ar != NULL && strcmp(ar, "total") != 0 &&
	    (si = appeal_result_find(ar)) < 0) || (row == NULL) == (ak == NULL)) {
		page_error(r, p, 400, "参数无效：需要年份及表三的行列或表四的"
		    "类别 (year with row[/col] or appeal_kind[/appeal_result])");
		return;
	}
	if (ci < 0)
		ci = report_col_find("total");
	if (si < 0)
		si = AR_TOTAL;
	page_begin(r, p, "年报明细", NAV_REPORT);
	html_raw(b, "<h1>");
	html_int(b, year);
	html_raw(b, "年度报告明细</h1><p>");
	if (row != NULL) {
		html_text(b, report_lines[ri].l3 != NULL ? report_lines[ri].l3 :
		    report_lines[ri].l2 != NULL ? report_lines[ri].l2 :
		    report_lines[ri].l1);
		html_raw(b, " · ");
		html_text(b, report_col_labels[ci]);
	} else {
		html_text(b, appeal_kinds[ki].label);
		html_raw(b, " · ");
		html_text(b, si < AR__MAX ? appeal_results[si].label : "总计");
	}
	html_raw(b, " <a href=\"/reports/annual?year=");
	html_int(b, year);
	html_raw(b, "\">返回年报</a></p><table class=\"list\"><thead><tr>"
	    "<th>编号</th><th>申请人</th><th>类型</th><th>收到日期</th>"
	    "<th>办结日期</th><th>结果</th></tr></thead><tbody>");
	d.b = b;
	d.n = 0;
	rc = row != NULL ? report_cell_cases(r->st, year, ri, ci, drill_row,
	    &d) : report_appeal_cases(r->st, year, ki, si, drill_row, &d);
	if (rc != CM_OK) {
		buf_reset(b);
		page_error(r, p, 500, "读取失败");
		return;
	}
	html_raw(b, "</tbody></table><p>共");
	html_int(b, d.n);
	html_raw(b, "件</p>");
	page_end(r, p);
}

/* Writes the office's inputs for the year: table 二 and 一/五/六. */
static void
report_inputs(struct req *r, struct buf *b, const struct report *rep)
{
	char	 v[64];
	int	 i;

	if (!roles_may(r->sess.role, PERM_APPROVE))
		return;
	if (rep->published[0] != '\0') {
		html_raw(b, "<section class=\"panel noprint\" id=\"inputs\">"
		    "<h2>重新开放</h2><form method=\"post\" "
		    "action=\"/reports/reopen\">");
		html_csrf(b, r);
		html_raw(b, "<input type=\"hidden\" name=\"year\" value=\"");
		html_int(b, rep->year);
		html_raw(b, "\"><label>重新开放的理由<input name=\"reason\""
		    " required maxlength=\"500\"></label><button>重新开放"
		    "</button></form></section>");
		return;
	}
	html_raw(b, "<section class=\"panel noprint\" id=\"inputs\">"
	    "<h2>填报主动公开数据（表二）</h2><form method=\"post\" "
	    "action=\"/reports/figures\">");
	html_csrf(b, r);
	html_raw(b, "<input type=\"hidden\" name=\"year\" value=\"");
	html_int(b, rep->year);
	html_raw(b, "\"><table class=\"list\"><tbody>");
	for (i = 0; i < RF__MAX; i++) {
		if (!rep->fig_set[i])
			v[0] = '\0';
		else if (i == RF_FEES)
			report_fig_format(rep->fig[i], v, sizeof(v));
		else
			snprintf(v, sizeof(v), "%lld", rep->fig[i]);
		html_raw(b, "<tr><th><label for=\"fig-");
		html_text(b, report_figs[i].key);
		html_raw(b, "\">");
		html_text(b, report_figs[i].item);
		html_raw(b, " · ");
		html_text(b, report_figs[i].column);
		html_raw(b, "</label></th><td><input id=\"fig-");
		html_text(b, report_figs[i].key);
		html_raw(b, "\" name=\"");
		html_text(b, report_figs[i].key);
		html_raw(b, "\" inputmode=\"decimal\" value=\"");
		html_text(b, v);
		html_raw(b, "\"></td></tr>");
	}
	html_raw(b, "</tbody></table><button>保存表二</button></form>"
	    "<h2>报告正文</h2><form method=\"post\" action=\"/reports/texts\">");
	html_csrf(b, r);
	html_raw(b, "<input type=\"hidden\" name=\"year\" value=\"");
	html_int(b, rep->year);
	html_raw(b, "\">");
	for (i = 0; i < RS__MAX; i++) {
		html_raw(b, "<label>");
		html_text(b, report_section_titles[i == RS_1 ? 0 : i == RS_5 ?
		    4 : 5]);
		html_raw(b, "<textarea name=\"s");
		html_int(b, i);
		html_raw(b, "\" rows=\"6\" maxlength=\""
		    LIM_STR(LIM_REPORT_TEXT_CHARS) "\">");
		html_text(b, rep->text[i] != NULL ? rep->text[i] :
		    i == RS__MAX - 1 && rep->draft6 != NULL ? rep->draft6 : "");
		html_raw(b, "</textarea></label>");
	}
	html_raw(b, "<button>保存正文</button></form>");
	if (rep->year < date_year(r->today)) {
		html_raw(b, "<h2>发布</h2><form method=\"post\" "
		    "action=\"/reports/publish\">");
		html_csrf(b, r);
		html_raw(b, "<input type=\"hidden\" name=\"year\" value=\"");
		html_int(b, rep->year);
		html_raw(b, "\"><p class=\"hint\">发布后本年度的数字冻结；"
		    "须重新开放才能修改。</p><button>发布年度报告</button>"
		    "</form>");
	}
	html_raw(b, "</section>");
}

/* After a report form: back to the page, or the page with the error. */
static void
report_done(struct req *r, struct resp *p, int year, enum cm_err rc,
    const char *err)
{
	struct buf	 u;

	if (rc != CM_OK) {
		page_error(r, p, http_status_of(rc), err);
		return;
	}
	buf_init(&u);
	buf_printf(&u, "/reports/annual?year=%d#inputs", year);
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}

/* POST /reports/figures: table 二, one field per figure key. */
void
page_report_figures(struct req *r, struct resp *p)
{
	struct op_ctx			 ctx;
	struct report_figures_in	 in;
	struct op_refusal		 rf;
	const char			*v;
	int				 i;
	enum cm_err			 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	if ((in.year = report_year(r)) == 0) {
		page_error(r, p, 400, "年份应为" LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX));
		return;
	}
	/* An empty box leaves its figure as it is. */
	for (i = 0; i < RF__MAX; i++)
		if ((v = req_field(r, report_figs[i].key)) != NULL &&
		    v[0] != '\0')
			in.v[i] = v;
	rc = op_report_figures(&ctx, &in, &rf);
	report_done(r, p, in.year, rc, rf.msg);
}

/* POST /reports/texts: sections 一, 五 and 六 (fields s0, s1, s2). */
void
page_report_texts(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct report_texts_in	 in;
	struct op_refusal	 rf;
	char			 k[8];
	const char		*v;
	int			 i;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	if ((in.year = report_year(r)) == 0) {
		page_error(r, p, 400, "年份应为" LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX));
		return;
	}
	for (i = 0; i < RS__MAX; i++) {
		snprintf(k, sizeof(k), "s%d", i);
		if ((v = req_field(r, k)) != NULL && v[0] != '\0')
			in.text[i] = v;
	}
	rc = op_report_texts(&ctx, &in, &rf);
	report_done(r, p, in.year, rc, rf.msg);
}

/* POST /reports/publish (field year) */
void
page_report_publish(struct req *r, struct resp *p)
{
	struct op_ctx			 ctx;
	struct report_year_in		 in;
	struct report_publish_out	 out;
	struct op_refusal		 rf;
	enum cm_err			 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	if ((in.year = report_year(r)) == 0) {
		page_error(r, p, 400, "年份应为" LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX));
		return;
	}
	rc = op_report_publish(&ctx, &in, &out, &rf);
	report_done(r, p, in.year, rc, rf.msg);
}

/* POST /reports/reopen (fields year, reason) */
void
page_report_reopen(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct report_year_in	 in;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	if ((in.year = report_year(r)) == 0) {
		page_error(r, p, 400, "年份应为" LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX));
		return;
	}
	in.reason = req_field(r, "reason");
	rc = op_report_reopen(&ctx, &in, &rf);
	report_done(r, p, in.year, rc, rf.msg);
}
