/* SPDX-License-Identifier: ISC */
/*
 * 案件列表, 搜索 and 台账: the case list with its filters and keyset
 * pagination ("next page" carries a cursor, never an offset), full-text
 * search, and the register as CSV (UTF-8 with a byte-order mark, so
 * that Excel reads it as UTF-8), streamed in pages of 500 cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "cases/limits.h"
#include "store/store.h"
#include "ops/worklist.h"
#include "util/csv.h"
#include "util/xmalloc.h"
#include "web/filters.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/render.h"

struct tbl {
	struct buf		*b;
	const struct req	*r;
	int			 n;
	enum list_sort		 sort;
	char			 last[LIST_CURSOR_MAX];
};

static int
tbl_row(const struct list_row *l, void *arg)
{
	struct tbl	*t = arg;

	render_table_row(t->b, t->r, l);
	worklist_cursor(t->sort, l, t->last);
	t->n++;
	return 0;
}

static void
select_codes(struct buf *b, const char *name, const char *label,
    const struct code *t, int n, const char *sel)
{
	html_raw(b, "<label>");
	html_text(b, label);
	html_raw(b, "<select name=\"");
	html_text(b, name);
	html_raw(b, "\">");
	html_options(b, t, n, sel, "全部");
	html_raw(b, "</select></label>");
}

static void
check(struct buf *b, const char *name, const char *label, int on)
{
	html_raw(b, "<label class=\"check\"><input type=\"checkbox\" name=\"");
	html_text(b, name);
	html_raw(b, "\" value=\"1\"");
	if (on)
		html_raw(b, " checked");
	html_raw(b, ">");
	html_text(b, label);
	html_raw(b, "</label>");
}

static void
filter_form(struct buf *b, const struct req *r, const struct filt *f,
    const char *action, const char *button)
{
	static const struct code sorts[SORT__MAX] = {
		{ "due", "答复期限", NULL },
		{ "received", "收到日期（新→旧）", NULL },
		{ "number", "编号（新→旧）", NULL },
	};
	char	 y[16];
	int	 i;

	html_raw(b, "<form method=\"get\" action=\"");
	html_text(b, action);
	html_raw(b, "\" class=\"filters\">");
	select_codes(b, "state", "状态", case_states, ST__MAX, f->state);
	select_codes(b, "channel", "渠道", channels, CH__MAX, f->channel);
	select_codes(b, "applicant_type", "申请人类型", applicant_types,
	    APPL__MAX, f->atype);
	html_raw(b, "<label>年度<input name=\"year\" inputmode=\"numeric\""
	    " size=\"5\" maxlength=\"4\" pattern=\"20[0-9][0-9]\" value=\"");
	if (f->year > 0) {
		snprintf(y, sizeof(y), "%d", f->year);
		html_text(b, y);
	}
	html_raw(b, "\"></label><label>承办人<input name=\"handler\" size=\"8\""
	    " maxlength=\"" LIM_STR(LIM_USER_NAME_CHARS) "\" value=\"");
	if (!f->mine)
		html_text(b, f->handler);
	html_raw(b, "\"></label>");
	check(b, "open", "仅在办", f->open);
	check(b, "overdue", "已逾期", f->overdue);
	check(b, "due_soon", "3个工作日内到期", f->due_soon);
	check(b, "mine", "我承办的", f->mine);
	assign_filter_fields(b, r, f->dept, f->unassigned);
	html_raw(b, "<label>排序<select name=\"sort\">");
	for (i = 0; i < SORT__MAX; i++) {
		html_raw(b, "<option value=\"");
		html_text(b, sorts[i].code);
		html_raw(b, "\"");
		if ((int)f->sort == i)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, sorts[i].label);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></label><button type=\"submit\">");
	html_text(b, button);
	html_raw(b, "</button></form>");
}

/* GET /cases */
void
page_list(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body, u;
	struct filt		 f;
	struct list_filter	 q;
	struct tbl		 t;
	const char		*m;

	if ((m = filt_parse(r, &f)) != NULL) {
		page_error(r, p, 400, m);
		return;
	}
	/* Issue 13: the list opens on open cases.  The filter form always
	 * sends "sort"; sent with 仅在办 unticked it asks for every case
	 * (and the pager keeps that with all=1). */
	if (f.state[0] == '\0' && !f.open && !f.all) {
		if (req_param(r, "sort") != NULL)
			f.all = 1;
		else
			f.open = 1;
	}
	filt_filter(&f, &q);
	page_begin(r, p, "案件列表", NAV_LIST);
	html_raw(b, "<h1>案件列表</h1>");
	filter_form(b, r, &f, "/cases", "筛选");
	if (f.open && !f.all) {
		html_raw(b, "<p class=\"hint\">默认只列出在办案件。<a href=\""
		    "/cases?all=1\">显示全部案件（含已答复、已归档）</a></p>");
	}
	memset(&t, 0, sizeof(t));
	t.b = b;
	t.r = r;
	t.sort = f.sort;
	render_table_begin(b);
	if (worklist_list(r->st, r->cal, r->today, &q, tbl_row, &t) !=
	    CM_OK) {
		buf_reset(b);
		page_error(r, p, 500, "读取案件列表失败");
		return;
	}
	render_table_end(b, t.n == 0);
	html_raw(b, "<nav class=\"pager\" aria-label=\"翻页\">");
	buf_init(&u);
	if (f.after[0] != '\0') {
		filt_url(&f, "/cases", NULL, &u);
		html_raw(b, "<a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">« 第一页</a>");
		buf_reset(&u);
	}
	if (t.n == f.limit) {
		filt_url(&f, "/cases", t.last, &u);
		html_raw(b, "<a rel=\"next\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">下一页 »</a>");
		buf_reset(&u);
	}
	if (roles_may(r->sess.role, PERM_EXPORT)) {
		filt_url(&f, "/export.csv", NULL, &u);
		html_raw(b, "<a class=\"export\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">按当前条件导出台账（CSV）</a>");
	}
	buf_clear(&u);
	html_raw(b, "</nav>");
	page_end(r, p);
}

/* One search result, with why it matched when it was not plain text. */
static int
search_row(const struct list_row *l, void *arg)
{
	struct tbl	*t = arg;

	tbl_row(l, t);
	if (l->why == NULL || strcmp(l->why, "text") == 0)
		return 0;
	html_raw(t->b, "<tr class=\"why\"><td colspan=\"8\"><small>匹配：");
	html_text(t->b, search_why_label(l->why));
	if (l->extra != NULL && l->extra[0] != '\0') {
		html_raw(t->b, " ");
		html_text(t->b, l->extra);
	}
	html_raw(t->b, "</small></td></tr>");
	return 0;
}

/* GET /search?q= */
void
page_search(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	struct tbl	 t;
	const char	*q = req_param(r, "q");
	enum cm_err	 rc;

	page_begin(r, p, "搜索", NAV_SEARCH);
	html_raw(b, "<h1>搜索</h1><form method=\"get\" action=\"/search\""
	    " class=\"search\"><input type=\"search\" name=\"q\""
	    " maxlength=\"" LIM_STR(LIM_SEARCH_CHARS) "\""
	    " placeholder=\"案件编号、申请人、证件号码、电话、所需信息或文号\""
	    " aria-label=\"搜索\" value=\"");
	html_text(b, q);
	html_raw(b, "\"");
	if (q == NULL)
		html_raw(b, " autofocus");
	html_raw(b, "><button type=\"submit\">搜索</button></form>"
	    "<p class=\"hint\">可输入案件编号（如2026-0001）、身份证件号码、"
	    "联系电话、文号（〔2020〕、[2020]、(2020)、2020年17号等写法均可），"
	    "或申请人、所需信息中的任意文字。</p>");
	if (q != NULL && q[0] != '\0') {
		memset(&t, 0, sizeof(t));
		t.b = b;
		t.r = r;
		render_table_begin(b);
		rc = worklist_search(r->st, q, 100, search_row, &t);
		render_table_end(b, t.n == 0);
		if (rc == CM_INVALID)
			html_raw(b, "<p class=\"error\">搜索词应为1至100个字。</p>");
		else if (rc == CM_UNAVAILABLE)
			html_raw(b, "<p class=\"error\">搜索超时，请输入更具体的"
			    "搜索词后重试。</p>");
		else if (rc != CM_OK)
			html_raw(b, "<p class=\"error\">搜索失败。</p>");
		else if (t.n == 100)
			html_raw(b, "<p class=\"hint\">只显示最新的100件，"
			    "请缩小搜索范围。</p>");
	}
	page_end(r, p);
}

/* GET /export: the register's options. */
void
page_export(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	struct filt	 f;
	const char	*m;

	if ((m = filt_parse(r, &f)) != NULL) {
		page_error(r, p, 400, m);
		return;
	}
	page_begin(r, p, "台账", NAV_EXPORT);
	html_raw(b, "<h1>台账导出</h1><p>按条件导出政府信息公开申请登记台账。"
	    "文件为UTF-8编码（带BOM）的CSV，可直接用Excel或WPS打开；"
	    "每行一件申请，按编号从新到旧排列。</p>");
	f.sort = SORT_NUMBER;
	filter_form(b, r, &f, "/export.csv", "导出CSV");
	page_end(r, p);
}

static const char *
label_of(const struct code *t, int n, const char *code)
{
	int	 i;

	if (code == NULL)
		return "";
	return (i = code_find(t, n, code)) >= 0 ? t[i].label : code;
}

/* The state of one streamed 台账 export. */
struct csv_job {
	struct web		*w;
	const struct calendar	*cal;
	int			 today;
	struct filt		 f;
	int			 started;
	int			 done;
	int			 n;
	struct buf		*out;
};

static int
csv_row(const struct list_row *l, void *arg)
{
	struct csv_job	*c = arg;
	struct csv	 w;
	struct case_row	 cr;
	struct row_clock k;

	worklist_case_row(l, &cr);
	case_row_clock(c->cal, &cr, c->today, &k);
	csv_init(&w, c->out, CSV_QUOTE_ALL);
	csv_text(&w, l->number);
	csv_text(&w, l->received);
	csv_text(&w, label_of(channels, CH__MAX, l->channel));
	csv_text(&w, l->applicant);
	csv_text(&w, label_of(applicant_types, APPL__MAX, l->applicant_type));
	csv_text(&w, l->request);
	csv_text(&w, l->doc_number);
	csv_text(&w, label_of(case_states, ST__MAX, l->state));
	csv_text(&w, l->handler);
	csv_text(&w, l->due);
	csv_text(&w, l->provisional ? "是" : "");
	/* 剩余工作日 is a number (negative when overdue), not guarded. */
	if (l->outcome == NULL && l->due != NULL)
		csv_int(&w, k.wd_left);
	else
		csv_text(&w, "");
	csv_text(&w, k.overdue ? "是" : "");
	csv_text(&w, label_of(outcomes, OUT__MAX, l->outcome));
	csv_text(&w, l->closed_on);
	csv_eol(&w);
	worklist_cursor(c->f.sort, l, c->f.after);
	c->n++;
	return 0;
}

/* Writes the next 500 cases; 0 at the end. */
static int
csv_gen(void *cls, struct buf *out)
{
	static const char *const heads[] = {
		"编号", "收到日期", "提交渠道", "申请人", "申请人类型", "所需信息",
		"文号", "状态", "承办人", "答复期限", "期限暂定", "剩余工作日",
		"逾期", "答复结果", "办结日期",
	};
	struct csv_job		*c = cls;
	struct csv		 w;
	struct list_filter	 q;
	struct store		*st;
	size_t			 i;
	enum cm_err		 rc;

	if (c->done)
		return 0;
	c->out = out;
	if (!c->started) {
		c->started = 1;
		csv_init(&w, out, CSV_QUOTE_ALL);
		csv_bom(&w);
		for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
			csv_text(&w, heads[i]);
		csv_eol(&w);
		return 1;
	}
	if ((st = web_thread_reader(c->w)) == NULL)
		return -1;
	filt_filter(&c->f, &q);
	q.limit = 500;
	c->n = 0;
	/* Each piece within the deadline of an expensive request. */
	store_deadline(st, web_heavy_ms(c->w));
	rc = worklist_list(st, c->cal, c->today, &q, csv_row, c);
	store_deadline(st, 0);
	if (rc != CM_OK)
		return -1;
	if (c->n < 500)
		c->done = 1;
	return out->len > 0 || !c->done ? 1 : 0;
}

static void
csv_free(void *cls)
{
	struct csv_job	*c = cls;

	web_cal_put(c->w, c->cal);
	free(c);
}

/* GET /export.csv */
void
page_export_csv(struct req *r, struct resp *p)
{
	struct csv_job	*c;
	struct filt	 f;
	const char	*m;
	char		 disp[160];

	if ((m = filt_parse(r, &f)) != NULL) {
		page_error(r, p, 400, m);
		return;
	}
	c = xcalloc(1, sizeof(*c));
	c->w = r->w;
	c->cal = web_cal_get(r->w);
	c->today = r->today;
	c->f = f;
	c->f.sort = SORT_NUMBER;
	c->f.after[0] = '\0';
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"register-%s.csv\";"
	    " filename*=UTF-8''%%E5%%8F%%B0%%E8%%B4%%A6-%s.csv", f.today,
	    f.today);
	resp_header(p, "Content-Disposition", disp);
	p->stream.gen = csv_gen;
	p->stream.free = csv_free;
	p->stream.cls = c;
}
