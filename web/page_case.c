/* SPDX-License-Identifier: ISC */
/*
 * 案件: one case.  Applicant and request; the deadline panel (due date,
 * working days left, how it was reached, suspensions, extension); the
 * event timeline and the audit trail; and the sections the other
 * files of the case page render (page_case.h): what this role may do
 * in this state, approvals, letters, the texts letters merge,
 * attachments, notes, correction of the registration.  Also the
 * pieces of markup they share and the way back after a POST.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/fee.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/repeat.h"
#include "ops/audit.h"
#include "ops/case.h"
#include "ops/fee.h"
#include "ops/repeat.h"
#include "store/letters.h"
#include "store/store.h"
#include "web/html.h"
#include "web/http.h"
#include "web/page_case.h"
#include "web/pages.h"
#include "web/render.h"

void
pc_case_url(struct buf *u, const char *number, const char *rest)
{
	buf_puts(u, "/cases/");
	url_param(u, number);
	if (rest != NULL)
		buf_puts(u, rest);
}

void
pc_form_open(struct buf *b, const struct req *r, const char *number,
    const char *rest, int multipart)
{
	struct buf	 u;

	buf_init(&u);
	pc_case_url(&u, number, rest);
	html_raw(b, "<form method=\"post\" action=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\"");
	if (multipart)
		html_raw(b, " enctype=\"multipart/form-data\"");
	html_raw(b, ">");
	html_csrf(b, r);
	buf_clear(&u);
}

void
pc_input_date(struct buf *b, const char *name, const char *label,
    const char *val)
{
	html_raw(b, "<label>");
	html_text(b, label);
	html_raw(b, "<input type=\"date\" name=\"");
	html_text(b, name);
	html_raw(b, "\" value=\"");
	html_text(b, val);
	html_raw(b, "\"></label>");
}

void
pc_textarea(struct buf *b, const char *name, const char *label, int rows,
    const char *val)
{
	html_raw(b, "<label class=\"wide\">");
	html_text(b, label);
	html_raw(b, "<textarea name=\"");
	html_text(b, name);
	html_raw(b, "\" rows=\"");
	html_int(b, rows);
	html_raw(b, "\" maxlength=\"");
	html_int(b, LIM_CASE_TEXT_CHARS);
	html_raw(b, "\">");
	html_text(b, val);
	html_raw(b, "</textarea></label>");
}

const char *
pc_text_of(const struct case_text *t, size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return t[i].value;
	return NULL;
}

static void
dt(struct buf *b, const char *label)
{
	html_raw(b, "<dt>");
	html_text(b, label);
	html_raw(b, "</dt><dd>");
}

static void
dd_end(struct buf *b)
{
	html_raw(b, "</dd>");
}

static void
dt_text(struct buf *b, const char *label, const char *v)
{
	dt(b, label);
	html_text(b, v != NULL && v[0] != '\0' ? v : "—");
	dd_end(b);
}

static void
dt_day(struct buf *b, const char *label, int day)
{
	char	 s[DATE_STRLEN];

	dt(b, label);
	if (day == DATE_NONE)
		html_raw(b, "—");
	else {
		date_format(day, s);
		html_text(b, s);
	}
	dd_end(b);
}

static void
deadline_panel(struct buf *b, const struct case_view *v)
{
	const struct deadline *d = &v->dl;
	int		 s, open;

	s = case_state_find(v->rec.state);
	open = s >= 0 && lifecycle_is_open((enum case_state)s);
	html_raw(b, "<section class=\"panel deadline\" id=\"deadline\">"
	    "<h2>答复期限</h2>");
	if (open && d->due != DATE_NONE) {
		html_raw(b, "<p class=\"due");
		if (d->overdue)
			html_raw(b, " bad");
		else if (d->due_soon)
			html_raw(b, " soon");
		html_raw(b, "\"><span class=\"big\">");
		html_date_cn(b, v->rec.due);
		html_raw(b, "</span> ");
		if (d->overdue) {
			html_raw(b, "已逾期");
			html_int(b, -d->wd_left);
			html_raw(b, "个工作日");
		} else {
			html_raw(b, "还剩");
			html_int(b, d->wd_left);
			html_raw(b, "个工作日");
		}
		if (d->provisional)
			html_raw(b, "（暂定：跨入尚未导入节假日安排的年份）");
		html_raw(b, "</p>");
	} else if (open && d->stopped)
		html_raw(b, "<p class=\"due stopped\">期限中止计算</p>");
	else if (!open) {
		html_raw(b, "<p class=\"due\">已办结");
		if (d->closed_on != DATE_NONE) {
			char cs[DATE_STRLEN];

			date_format(d->closed_on, cs);
			html_raw(b, "于 ");
			html_text(b, cs);
		}
		if (d->late)
			html_raw(b, "（超过答复期限）");
		if (d->on_the_spot)
			html_raw(b, "（当场答复）");
		html_raw(b, "</p>");
	}
	html_raw(b, "<dl class=\"facts\">");
	dt_day(b, "收到日期", d->received);
	dt_day(b, "计算起点", d->start);
	if (open && d->due != DATE_NONE)
		dt_day(b, "内部控制日期", d->internal_target);
	dt(b, "法定期限");
	html_int(b, d->period);
	html_raw(b, "个工作日");
	dd_end(b);
	if (d->suspended_days > 0) {
		dt(b, "已扣除中止");
		html_int(b, d->suspended_days);
		html_raw(b, "个工作日");
		dd_end(b);
	}
	if (open && d->suspended_since != DATE_NONE) {
		dt_day(b, "中止自", d->suspended_since);
		if (d->suspension_cap != DATE_NONE)
			dt_day(b, "征求意见最迟至", d->suspension_cap);
	}
	if (d->extended_days > 0) {
		dt(b, "已延长");
		html_int(b, d->extended_days);
		html_raw(b, "个工作日");
		dd_end(b);
	}
	if (d->correction_due != DATE_NONE)
		dt_day(b, "补正告知最迟", d->correction_due);
	if (d->late_correction) {
		dt(b, "补正告知");
		html_raw(b, "<span class=\"bad\">超过7个工作日（迟延告知补正）"
		    "</span>");
		dd_end(b);
	}
	if (d->correction_deadline != DATE_NONE)
		dt_day(b, "补正期限", d->correction_deadline);
	if (open && d->fee_due != DATE_NONE)
		dt_day(b, "缴费期限", d->fee_due);
	/* Decision 10: a period from the recipient's receipt. */
	if (open && d->awaiting) {
		dt(b, (d->awaiting & DL_AWAIT_FEE) ? "缴费期限" :
		    (d->awaiting & DL_AWAIT_CORRECTION) ? "补正期限" :
		    "第三方答复期限");
		html_raw(b, "<strong>待确认送达</strong>（");
		if (d->awaiting_since != DATE_NONE) {
			char	 since[DATE_STRLEN];

			date_format(d->awaiting_since, since);
			html_text(b, since);
		}
		html_raw(b, "发出，自收到之日起计算）");
		dd_end(b);
	}
	html_raw(b, "</dl><p class=\"explain\">");
	html_text(b, buf_str(&d->explain));
	html_raw(b, "</p></section>");
}

struct audit_out {
	struct buf	*b;
	int		 n;
};

static int
audit_row(const struct audit_rec *a, void *arg)
{
	struct audit_out *o = arg;

	html_raw(o->b, "<tr><td class=\"date\">");
	html_time(o->b, a->at);
	html_raw(o->b, "</td><td>");
	html_text(o->b, a->actor);
	html_raw(o->b, "</td><td>");
	html_text(o->b, a->addr);
	html_raw(o->b, "</td><td>");
	audit_action_html(o->b, a->action);
	html_raw(o->b, "</td><td class=\"detail\">");
	audit_detail_html(o->b, a->detail);
	html_raw(o->b, "</td></tr>");
	o->n++;
	return 0;
}

/* Reads the JSON string that starts at *pp (its opening quote) into
 * out and moves *pp past it.  Returns 0, or -1 when it is not one. */
static int
json_string(const char **pp, struct buf *out)
{
	const char	*p = *pp;
	size_t		 n;

	buf_reset(out);
	if (*p++ != '"')
		return -1;
	for (; *p != '"'; p++) {
		if (*p == '\0')
			return -1;
		if (*p != '\\') {
			/* The run up to the next quote or escape at once. */
			n = strcspn(p, "\"\\");
			buf_put(out, p, n);
			p += n - 1;
			continue;
		}
		switch (*++p) {
		case 'n':
			buf_putc(out, '\n');
			break;
		case 't':
			buf_putc(out, '\t');
			break;
		case 'r':
			break;
		case '"':
		case '\\':
		case '/':
			buf_putc(out, *p);
			break;
		case 'u':	/* only control characters are written so */
			if (strlen(p) < 5)
				return -1;
			p += 4;
			buf_putc(out, ' ');
			break;
		default:
			return -1;
		}
	}
	*pp = p + 1;
	return 0;
}

/*
 * The changes a registration correction recorded in its event's
 * payload (ops/op_correct.c): {"changes":{KEY:{"before":..,"after":..}}},
 * one line each, "label：before → after".  k, before and after are the
 * caller's scratch buffers.
 */
/* One value of a change: codes by their labels (t, n), "（空）" for
 * none. */
static void
change_value(struct buf *b, const struct code *t, int n, struct buf *v)
{
	if (v->len == 0)
		html_text(b, "（空）");
	else if (t != NULL)
		html_label(b, t, n, buf_str(v));
	else
		html_text(b, buf_str(v));
}

static void
correction_changes(struct buf *b, const char *payload, struct buf *k,
    struct buf *before, struct buf *after)
{
	/* Each field's label, and the codes its values are (looked up
	 * once a change, not once a value). */
	static const struct {
		const char		*key;
		const char		*label;
		const struct code	*t;
		int			 n;
	} lab[] = {
		{ "applicant", "申请人", NULL, 0 },
		{ "phone", "联系电话", NULL, 0 },
		{ "address", "通信地址", NULL, 0 },
		{ "email", "电子邮箱", NULL, 0 },
		{ "id_type", "证件类型", id_types, IDT__MAX },
		{ "id_number", "证件号码", NULL, 0 },
		{ "request", "所需信息", NULL, 0 },
		{ "received", "收到日期", NULL, 0 },
		{ "channel", "提交方式", channels, CH__MAX },
		{ "arrived", "到达日期", NULL, 0 },
		{ "confirmed", "确认日期", NULL, 0 },
		{ "applicant_type", "申请人类型", applicant_types, APPL__MAX },
	};
	const struct code *t;
	const char	*p, *key;
	size_t		 i;
	int		 n;

	if (payload == NULL ||
	    (p = strstr(payload, "\"changes\":{")) == NULL)
		return;
	p += strlen("\"changes\":{");
	html_raw(b, "<ul class=\"changes\">");
	while (*p == '"') {
		if (json_string(&p, k) != 0 ||
		    strncmp(p, ":{\"before\":", 11) != 0)
			break;
		p += 11;
		if (json_string(&p, before) != 0 ||
		    strncmp(p, ",\"after\":", 9) != 0)
			break;
		p += 9;
		if (json_string(&p, after) != 0 || *p++ != '}')
			break;
		key = buf_str(k);
		for (i = 0; i < sizeof(lab) / sizeof(lab[0]); i++)
			if (lab[i].key[0] == key[0] &&
			    strcmp(lab[i].key, key) == 0)
				break;
		t = i < sizeof(lab) / sizeof(lab[0]) ? lab[i].t : NULL;
		n = i < sizeof(lab) / sizeof(lab[0]) ? lab[i].n : 0;
		html_raw(b, "<li>");
		html_text(b, i < sizeof(lab) / sizeof(lab[0]) ? lab[i].label :
		    key);
		html_raw(b, "：");
		change_value(b, t, n, before);
		html_raw(b, " → ");
		change_value(b, t, n, after);
		html_raw(b, "</li>");
		if (*p == ',')
			p++;
	}
	html_raw(b, "</ul>");
}

static void
timeline_section(struct buf *b, const struct case_view *v)
{
	struct buf	 k, before, after;
	size_t		 i;

	/* The buffers of correction_changes(), kept across the events. */
	buf_init(&k);
	buf_init(&before);
	buf_init(&after);

	html_raw(b, "<section class=\"panel\" id=\"timeline\"><h2>办理记录</h2>"
	    "<ol class=\"timeline\">");
	for (i = 0; i < v->nev; i++) {
		const struct event_rec *e = &v->ev[i];

		html_raw(b, "<li><span class=\"date\">");
		html_text(b, e->effective);
		html_raw(b, "</span> <b>");
		if (strcmp(e->action, "correct") == 0)
			html_raw(b, "更正登记信息");
		else if (workflow_event_find(e->action) >= 0)
			html_label(b, workflow_events, WEV__MAX, e->action);
		else
			html_label(b, actions, ACT__MAX, e->action);
		html_raw(b, "</b>");
		if (e->outcome != NULL) {
			html_raw(b, "：");
			html_label(b, outcomes, OUT__MAX, e->outcome);
		}
		if (e->days > 0) {
			html_raw(b, "（");
			html_int(b, e->days);
			html_raw(b, "个工作日）");
		}
		if (e->party != NULL && e->party[0] != '\0')
			html_text(b, strcmp(e->party, "agency") == 0 ?
			    "（其他机关）" : "（第三方）");
		if (e->amount_fen >= 0)
			buf_printf(b, "（%lld.%02lld元）",
			    (long long)(e->amount_fen / 100),
			    (long long)(e->amount_fen % 100));
		html_raw(b, " <small>");
		html_text(b, e->actor);
		html_raw(b, " · ");
		html_time(b, e->at);
		html_raw(b, "</small>");
		if (e->note != NULL && e->note[0] != '\0') {
			html_raw(b, "<p class=\"text\">");
			html_text(b, e->note);
			html_raw(b, "</p>");
		}
		if (strcmp(e->action, "correct") == 0)
			correction_changes(b, e->payload, &k, &before,
			    &after);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
	buf_clear(&k);
	buf_clear(&before);
	buf_clear(&after);
}

/* Renders the case page for r->args[0], with error (if not NULL) shown
 * at the top.  Status stays as the caller set it. */
/*
 * At review: the applicant's requests this month when over the free ten
 * (Art 35, Art 42, 109号), and earlier requests of the same applicant
 * for the same information that were already answered (Art 36(6)),
 * with their replies, so that the officer can answer
 * not_processed.repeat citing the earlier reply.  Shown while the case
 * is registered or under review.
 */
static void
repeat_panel(struct req *r, struct buf *b, const struct case_view *v)
{
	struct repeat_hit	*h = NULL;
	struct buf		 u;
	size_t			 n = 0, i;
	int			 upto = 0, total = 0;
	char			 month[8];

	if (strcmp(v->rec.state, "registered") != 0 &&
	    strcmp(v->rec.state, "under_review") != 0)
		return;
	/* Art 35, Art 42 and 109号: many requests in one month. */
	if (fee_month_counter_rec(r->st, &v->rec, &upto, &total, month) ==
	    CM_OK && total > FEE_FREE_ITEMS) {
		html_raw(b, "<div class=\"warn\" role=\"alert\"><p>注意：该申请人");
		html_text(b, month);
		html_raw(b, "共提出");
		html_int(b, total);
		html_raw(b, "件申请，本件为第");
		html_int(b, upto);
		html_raw(b, "件。每月超过10件的，可以按件收取信息处理费（条例第四十二"
		    "条、国办函〔2020〕109号）；数量、频次明显超过合理范围的，可以"
		    "要求说明理由（条例第三十五条）。</p></div>");
	}
	if (repeat_find(r->st, v->rec.id, &h, &n) != CM_OK || n == 0) {
		repeat_hits_free(h, n);
		return;
	}
	html_raw(b, "<div class=\"warn\" role=\"alert\"><p>注意：该申请人此前"
	    "已就相同信息提出申请并获答复，可能属于重复申请（《中华人民共和国"
	    "政府信息公开条例》第三十六条第（六）项）：</p><ul>");
	for (i = 0; i < n && i < 5; i++) {
		buf_init(&u);
		pc_case_url(&u, h[i].number, "");
		html_raw(b, "<li><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_text(b, h[i].number);
		html_raw(b, "</a> ");
		html_text(b, h[i].received);
		html_raw(b, " ");
		if (h[i].outcome != NULL)
			html_label(b, outcomes, OUT__MAX, h[i].outcome);
		if (h[i].reply_doc != NULL) {
			html_raw(b, "（");
			html_text(b, h[i].reply_doc);
			html_raw(b, "）");
		}
		html_raw(b, "</li>");
		buf_clear(&u);
	}
	html_raw(b, "</ul><p><a href=\"/proactive/repeats/");
	html_text(b, v->rec.number);
	html_raw(b, "\">核查并引用此前的答复</a></p></div>");
	repeat_hits_free(h, n);
}

/* Appends the section kept on the connection under key at the mark
 * (store_memo_find): 1, or 0 when there is none. */
static int
section_kept(struct req *r, const struct store_memo_mark *mk,
    const char *key, struct buf *b)
{
	const void	*kept;
	size_t		 len;

	if ((kept = store_memo_find(r->st, mk, key, &len)) == NULL)
		return 0;
	buf_put(b, kept, len);
	return 1;
}

/* Keeps the section rendered into b from byte from on (store_memo_put). */
static void
section_keep(struct req *r, const struct store_memo_mark *mk,
    const char *key, const struct buf *b, size_t from)
{
	store_memo_put(r->st, mk, key, b->p + from, b->len - from);
}

/*
 * The page below its head: the case's facts, its forms and panels, its
 * timeline and audit, for the request's session.
 */
static void
case_body(struct req *r, struct buf *b, const struct case_view *v,
    const struct store_memo_mark *mk, const char *error,
    const struct op_refusal *rf)
{
	struct case_text	*tx = NULL;
	struct audit_out	 ao;
	struct buf		 u;
	const char		*print, *ok;
	char			 key[160];
	size_t			 ntx = 0, from;

	if (case_texts_get(r->st, v->rec.id, &tx, &ntx) != CM_OK)
		ntx = 0;
	html_raw(b, "<header class=\"case\"><h1>");
	html_text(b, v->rec.number);
	html_raw(b, " ");
	render_state(b, v->rec.state);
	html_raw(b, "</h1><p>");
	html_text(b, v->rec.appl.name);
	html_raw(b, " · ");
	html_label(b, channels, CH__MAX, v->rec.channel);
	if (v->rec.outcome != NULL) {
		html_raw(b, " · ");
		html_label(b, outcomes, OUT__MAX, v->rec.outcome);
	}
	if (v->rec.handler != NULL) {
		html_raw(b, " · 承办人 ");
		html_text(b, v->rec.handler);
	}
	html_raw(b, "</p></header>");
	if (error != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, error);
		html_raw(b, "</p>");
	}
	repeat_panel(r, b, v);
	if ((print = req_param(r, "print")) != NULL &&
	    strcmp(print, "receipt") == 0) {
		buf_init(&u);
		pc_case_url(&u, v->rec.number, "/letters/receipt.pdf");
		html_raw(b, "<p class=\"flash\">登记回执已生成：<a class=\"button\""
		    " target=\"_blank\" id=\"print-receipt\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">打开并打印登记回执</a></p>");
		buf_clear(&u);
	}
	/* Just logged at the counter: the next request (an empty form;
	 * app.js drops the kept copy of the one just sent). */
	if ((ok = req_param(r, "ok")) != NULL && (strcmp(ok, "created") ==
	    0 || strcmp(ok, "registered") == 0))
		html_raw(b, "<p class=\"next\"><a class=\"button\""
		    " id=\"intake-next\" href=\"/cases/new\">登记下一件</a></p>");

	/* Decision 17: the Art 29 items the application lacks. */
	if (case_state_find(v->rec.state) >= 0 && lifecycle_is_open(
	    (enum case_state)case_state_find(v->rec.state)) &&
	    art29_missing(&v->rec)) {
		buf_init(&u);
		art29_list(art29_missing(&v->rec), &u);
		html_raw(b, "<p class=\"warn\" id=\"art29\">申请内容不完整："
		    "缺少《政府信息公开条例》第二十九条规定的");
		html_text(b, buf_str(&u));
		html_raw(b, "。可以告知补正，“告知补正”中的“需要补正的事项”"
		    "已按所缺内容预填。</p>");
		buf_clear(&u);
	}
	html_raw(b, "<div class=\"grid\"><div class=\"col\">");
	html_raw(b, "<section class=\"panel\" id=\"request\"><h2>申请</h2>"
	    "<dl class=\"facts\">");
	dt(b, "申请人");
	html_text(b, v->rec.appl.name);
	html_raw(b, "（");
	html_label(b, applicant_types, APPL__MAX, v->rec.appl.type);
	html_raw(b, "）");
	dd_end(b);
	dt(b, "证件");
	if (v->rec.appl.id_type != NULL) {
		html_label(b, id_types, IDT__MAX, v->rec.appl.id_type);
		html_raw(b, " ");
		html_text(b, v->rec.appl.id_number);
	} else
		html_raw(b, "—");
	dd_end(b);
	dt_text(b, "联系电话", v->rec.appl.phone);
	dt_text(b, "电子邮箱", v->rec.appl.email);
	dt_text(b, "通信地址", v->rec.appl.address);
	dt(b, "提交渠道");
	html_label(b, channels, CH__MAX, v->rec.channel);
	dd_end(b);
	dt_text(b, "到达日期", v->rec.arrived);
	if (v->rec.confirmed[0] != '\0')
		dt_text(b, "确认日期", v->rec.confirmed);
	dt_text(b, "收到日期", v->rec.received);
	dt_text(b, "文号", v->rec.doc_number);
	dt_text(b, "获取信息方式", v->rec.delivery);
	html_raw(b, "</dl><h3>所需信息</h3><p class=\"text request\">");
	html_text(b, v->rec.request);
	html_raw(b, "</p></section>");

	/* Kept with the whole body (case_page), never after a refusal. */
	pc_actions_section(b, r, v, tx, ntx, rf);
	pc_approvals_section(b, r, v);
	pc_letters_section(b, r, v);
	pc_archive_section(b, r, v);
	pc_texts_section(b, r, v, tx, ntx, rf);
	pc_correct_section(b, r, v);
	html_raw(b, "</div><div class=\"col\">");
	deadline_panel(b, v);
	pc_assign_section(b, r, v, rf);
	/* The timeline as last rendered on this connection, while nothing
	 * was committed since: with 200 events, rendering it was a fifth
	 * of the page's time (perf, wrk -c64 at 100,000 cases), each
	 * correction's changes read back from its JSON and escaped. */
	snprintf(key, sizeof(key), "timeline %s", v->rec.id);
	if (!section_kept(r, mk, key, b)) {
		from = b->len;
		timeline_section(b, v);
		section_keep(r, mk, key, b, from);
	}
	pc_attachments_section(b, r, v);
	pc_notes_section(b, r, v);
	pc_tags_section(b, r, v);

	html_raw(b, "</div></div>");

	html_raw(b, "<section class=\"panel\" id=\"audit\"><details><summary>"
	    "<h2>审计记录</h2></summary><table class=\"audit\"><thead><tr>"
	    "<th>时间</th><th>用户</th><th>地址</th><th>操作</th><th>详情</th>"
	    "</tr></thead><tbody>");
	ao.b = b;
	ao.n = 0;
	(void)audit_list(r->st, v->rec.number, 0, 200, audit_row, &ao);
	html_raw(b, "</tbody></table></details></section>");
	case_texts_free(tx, ntx);
}

static void
case_page(struct req *r, struct resp *p, const char *error,
    const struct op_refusal *rf)
{
	struct buf		*b = &p->body;
	const struct case_view	*v;
	struct case_view	*own;
	struct store_memo_mark	 mk;
	struct buf		 title;
	char			 key[256];
	size_t			 from;
	int			 keep, n;
	enum cm_err		 rc;

	/* Before the rows are read: sections kept under the same mark
	 * show the same rows (below). */
	store_memo_mark(r->st, &mk);
	if ((rc = case_view_kept(r->st, r->cal, &mk, r->args[0], r->today,
	    &v, &own)) != CM_OK) {
		page_error(r, p, rc == CM_NOTFOUND ? 404 : 500,
		    rc == CM_NOTFOUND ? "没有这个案件" : "读取案件失败");
		return;
	}
	buf_init(&title);
	buf_printf(&title, "案件 %s", v->rec.number);
	page_begin(r, p, buf_str(&title), NAV_LIST);
	buf_clear(&title);
	/* The page's size, about: grown once, not doubled four times. */
	buf_reserve(b, 32 * 1024 + v->nev * 256);

	/*
	 * The page below its head as last rendered on this connection for
	 * this session (its user, role and form token), today, while
	 * nothing was committed since: every panel reads rows of its own
	 * (a third of the server's time under wrk at 1,000,000 cases, the
	 * rest the kernel sending the page and the session's check).
	 * Never with a message, a refusal or a one-off notice, which show
	 * what this request alone brought.
	 */
	n = snprintf(key, sizeof(key), "page %s %s %d %s %d", v->rec.id,
	    r->sess.user, (int)r->sess.role, r->sess.csrf, r->today);
	keep = error == NULL && rf == NULL && n > 0 &&
	    (size_t)n < sizeof(key) && req_param(r, "print") == NULL &&
	    req_param(r, "ok") == NULL;
	if (!keep || !section_kept(r, &mk, key, b)) {
		from = b->len;
		case_body(r, b, v, &mk, error, rf);
		if (keep)
			section_keep(r, &mk, key, b, from);
	}
	page_end(r, p);
	case_view_free(own);
}

/* GET /cases/{key} */
void
page_case(struct req *r, struct resp *p)
{
	case_page(r, p, NULL, NULL);
}

/* Shows the case again with a refusal (status from the domain error). */
void
pc_refuse(struct req *r, struct resp *p, int status, const char *msg)
{
	buf_reset(&p->body);
	p->status = status;
	case_page(r, p, msg, NULL);
	if (p->status == 200)
		p->status = status;
}

void
pc_back(struct req *r, struct resp *p, const char *ok, const char *anchor)
{
	struct buf	 u;

	buf_init(&u);
	pc_case_url(&u, r->args[0], "?ok=");
	buf_puts(&u, ok);
	if (anchor != NULL)
		buf_puts(&u, anchor);
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}

/* Shows the case again with an operation's refusal. */
void
pc_refused(struct req *r, struct resp *p, enum cm_err rc,
    const struct op_refusal *rf)
{
	if (rc == CM_NOTFOUND && rf->field[0] == '\0') {
		page_error(r, p, 404, rf->msg[0] != '\0' ? rf->msg :
		    "没有这个案件");
		return;
	}
	/* The refused form comes back with the message at its field. */
	buf_reset(&p->body);
	p->status = http_status_of(rc);
	case_page(r, p, rc == CM_SYSERR ? "保存失败，请稍后再试" : rf->msg,
	    rc == CM_SYSERR ? NULL : rf);
	if (p->status == 200)
		p->status = http_status_of(rc);
}

/* The acting user of a request, for an operation. */
void
pc_ctx(const struct req *r, struct op_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->st = r->st;
	ctx->cal = r->cal;
	ctx->actor = r->sess.user;
	ctx->role = r->sess.role;
	ctx->today = r->today;
	ctx->addr = r->addr;
}

/* Content-Disposition with an ASCII fallback and the UTF-8 name. */
void
pc_disposition(struct resp *p, const char *how, const char *name,
    const char *fallback)
{
	struct buf	 h;

	buf_init(&h);
	buf_puts(&h, how);
	buf_puts(&h, "; filename=\"");
	buf_puts(&h, fallback);
	buf_puts(&h, "\"; filename*=UTF-8''");
	url_param(&h, name);
	resp_header(p, "Content-Disposition", buf_str(&h));
	buf_clear(&h);
}
