/* SPDX-License-Identifier: ISC */
/*
 * 案件: one case.  Applicant and request; the deadline panel (due date,
 * working days left, how it was reached, suspensions, extension);
 * what this role may do in this state, one form per action with
 * exactly the fields it needs; requests awaiting approval; letters;
 * the texts letters merge; attachments; notes; the event timeline and
 * the audit trail.  The POST handlers here change the case through one
 * domain call each and come back to this page (303), or show it again
 * with the refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/approval.h"
#include "ops/attachment.h"
#include "ops/audit.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "cases/repeat.h"
#include "cases/fee.h"
#include "store/letters.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "ops/note.h"
#include "store/store.h"
#include "forms/letter.h"
#include "forms/validate.h"
#include "ops/fee.h"
#include "ops/letter_issue.h"
#include "ops/repeat.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/render.h"


/* The fields an action's form has. */
#define F_ON		0x001	/* effective date */
#define F_NOTE		0x002
#define F_OUTCOME	0x004	/* reply */
#define F_DAYS		0x008	/* extend */
#define F_TOLD		0x010	/* extend: applicant told on */
#define F_PARTY		0x020	/* consult-start */
#define F_AMOUNT	0x040	/* fee-notice */
#define F_CORRECTION	0x080	/* text: correction_items */
#define F_CONSULT	0x100	/* texts: consult_party, consult_subject */
#define F_REPLY		0x200	/* texts: provided, withheld_items,
				   reasons, how_to_obtain */

static const struct {
	unsigned	 fields;
	const char	*hint;
} act_forms[ACT__MAX] = {
	[ACT_REGISTER] = { F_ON | F_NOTE, "申请要素齐全，登记（条例第二十九条）。" },
	[ACT_REVIEW] = { F_ON | F_NOTE, "开始审核申请内容。" },
	[ACT_ACCEPT] = { F_ON | F_NOTE, "申请属于本机关政府信息，受理办理。" },
	[ACT_REQUEST_CORRECTION] = { F_ON | F_NOTE | F_CORRECTION,
	    "申请内容不明确：一次性告知补正，答复期限中止（条例第三十条，"
	    "须在收到申请后7个工作日内）。" },
	[ACT_CORRECTED] = { F_ON | F_NOTE,
	    "收到补正后的申请，答复期限自该日重新计算。" },
	[ACT_CORRECTION_LAPSED] = { F_ON | F_NOTE,
	    "申请人无正当理由逾期不补正，视为放弃申请。" },
	[ACT_CONSULT_START] = { F_ON | F_NOTE | F_PARTY | F_CONSULT,
	    "征求第三方或其他机关意见，所需时间不计入答复期限"
	    "（条例第三十二条、第三十四条）。" },
	[ACT_CONSULT_END] = { F_ON | F_NOTE, "收到意见或征求意见期限届满。" },
	[ACT_FEE_NOTICE] = { F_ON | F_NOTE | F_AMOUNT,
	    "发出收费通知（国办函〔2020〕109号），等待缴费期间中止计算。" },
	[ACT_FEE_PAID] = { F_ON | F_NOTE, "申请人已缴费。" },
	[ACT_FEE_LAPSED] = { F_ON | F_NOTE, "申请人逾期未缴费，视为放弃申请。" },
	[ACT_EXTEND] = { F_NOTE | F_DAYS | F_TOLD,
	    "延长答复期限，最长20个工作日，须经政府信息公开工作机构负责人同意"
	    "并告知申请人（条例第三十三条第二款）。" },
	[ACT_REPLY] = { F_ON | F_NOTE | F_OUTCOME | F_REPLY,
	    "作出答复（条例第三十六条、第三十七条）。" },
	[ACT_WITHDRAW] = { F_ON | F_NOTE, "申请人撤回申请。" },
	[ACT_ARCHIVE] = { F_ON | F_NOTE, "答复已送达，归档。" },
};

/* Chinese labels of the case texts (cases/letters.h). */
static const struct {
	const char	*key;
	const char	*label;
	int		 rows;
} text_labels[] = {
	{ "provided", "予以公开的信息（每行一项）", 3 },
	{ "how_to_obtain", "获取方式、途径和时间", 2 },
	{ "withheld_items", "不予公开的内容及理由（每行一项）", 3 },
	{ "reasons", "理由说明", 3 },
	{ "published_where", "已主动公开的，公开的途径", 2 },
	{ "correction_items", "需要补正的事项（每行一项）", 3 },
	{ "consult_party", "征求意见对象", 1 },
	{ "consult_subject", "征求意见事项", 2 },
	{ "responsible_agency", "负责公开该信息的机关", 1 },
	{ "responsible_contact", "该机关的联系方式", 1 },
	{ "earlier_reply", "此前已作出的答复", 2 },
	{ "fee_method", "收费方式（item 按件 / volume 按量）", 1 },
	{ "fee_count", "件数或页数", 1 },
	{ "fee_computation", "计算说明", 2 },
	{ "fee_pay_how", "缴费方式", 2 },
	{ "service_method", "送达方式", 1 },
	{ "contact_person", "联系人", 1 },
	{ "contact_phone", "联系电话", 1 },
};

#define NTEXTS	(sizeof(text_labels) / sizeof(text_labels[0]))

static const struct code letter_labels[LETTER__MAX] = {
	[LETTER_RECEIPT] = { "receipt", "登记回执", NULL },
	[LETTER_CORRECTION] = { "correction", "补正告知书", NULL },
	[LETTER_EXTENSION] = { "extension", "延期答复告知书", NULL },
	[LETTER_CONSULT_THIRD] = { "consultation", "征求意见书（第三方）",
	    NULL },
	[LETTER_CONSULT_AGENCY] = { "consultation_agency",
	    "征求意见函（其他机关）", NULL },
	[LETTER_FEE] = { "fee", "收费通知书", NULL },
	[LETTER_REPLY] = { "reply", "答复书", NULL },
	[LETTER_SERVICE] = { "service", "送达回证", NULL },
};

static const char *
text_label(const char *key)
{
	size_t	 i;

	for (i = 0; i < NTEXTS; i++)
		if (strcmp(text_labels[i].key, key) == 0)
			return text_labels[i].label;
	return key;
}

static void
case_url(struct buf *u, const char *number, const char *rest)
{
	buf_puts(u, "/cases/");
	url_param(u, number);
	if (rest != NULL)
		buf_puts(u, rest);
}

static void
form_open(struct buf *b, const struct req *r, const char *number,
    const char *rest, int multipart)
{
	struct buf	 u;

	buf_init(&u);
	case_url(&u, number, rest);
	html_raw(b, "<form method=\"post\" action=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\"");
	if (multipart)
		html_raw(b, " enctype=\"multipart/form-data\"");
	html_raw(b, ">");
	html_csrf(b, r);
	buf_clear(&u);
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
	if (d->correction_deadline != DATE_NONE)
		dt_day(b, "补正期限", d->correction_deadline);
	if (open && d->fee_due != DATE_NONE)
		dt_day(b, "缴费期限", d->fee_due);
	html_raw(b, "</dl><p class=\"explain\">");
	html_text(b, buf_str(&d->explain));
	html_raw(b, "</p></section>");
}

static void
input_date(struct buf *b, const char *name, const char *label,
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

static void
textarea(struct buf *b, const char *name, const char *label, int rows,
    const char *val)
{
	html_raw(b, "<label class=\"wide\">");
	html_text(b, label);
	html_raw(b, "<textarea name=\"");
	html_text(b, name);
	html_raw(b, "\" rows=\"");
	html_int(b, rows);
	html_raw(b, "\" maxlength=\"" LIM_STR(LIM_CASE_TEXT_CHARS) "\">");
	html_text(b, val);
	html_raw(b, "</textarea></label>");
}

static const char *
text_of(const struct case_text *t, size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return t[i].value;
	return NULL;
}

static void
action_form(struct buf *b, const struct req *r, const struct case_view *v,
    enum action a, enum grant g, const struct case_text *tx, size_t ntx)
{
	unsigned	 f = act_forms[a].fields;
	char		 today[DATE_STRLEN];
	int		 o;

	date_format(r->today, today);
	html_raw(b, "<details class=\"act\"");
	if (a == ACT_REPLY)
		html_raw(b, " id=\"act-reply\"");
	html_raw(b, "><summary>");
	html_label(b, actions, ACT__MAX, actions[a].code);
	if (g == GRANT_APPROVAL)
		html_raw(b, "<small>（须审核人批准）</small>");
	html_raw(b, "</summary>");
	form_open(b, r, v->rec.number, "/act", 0);
	html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"");
	html_text(b, actions[a].code);
	html_raw(b, "\"><p class=\"hint\">");
	html_text(b, act_forms[a].hint);
	html_raw(b, "</p><div class=\"row\">");
	if (f & F_ON)
		input_date(b, "on", "生效日期", today);
	if (f & F_OUTCOME) {
		html_raw(b, "<label>答复结果<select name=\"outcome\" required>"
		    "<option value=\"\">请选择</option>");
		for (o = 0; o < OUT__MAX; o++) {
			if (o == OUT_OTHER_NO_CORRECTION ||
			    o == OUT_OTHER_NO_FEE)
				continue;
			html_raw(b, "<option value=\"");
			html_text(b, outcomes[o].code);
			html_raw(b, "\">");
			html_text(b, outcomes[o].label);
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></label>");
	}
	if (f & F_DAYS)
		html_raw(b, "<label>延长工作日<input type=\"number\" name=\"days\""
		    " min=\"1\" max=\"" LIM_STR(LAW_EXTENSION_WD) "\" value=\""
		    LIM_STR(LAW_EXTENSION_WD) "\"></label>");
	if (f & F_TOLD)
		input_date(b, "told_on", "告知申请人日期", today);
	if (f & F_PARTY)
		html_raw(b, "<label>征求意见对象<select name=\"party\">"
		    "<option value=\"third_party\">第三方（第三十二条）</option>"
		    "<option value=\"agency\">其他机关（第三十四条）</option>"
		    "</select></label>");
	if (f & F_AMOUNT)
		html_raw(b, "<label>金额（元）<input name=\"amount\""
		    " inputmode=\"decimal\" pattern=\"[0-9]+(\\.[0-9]{1,2})?\""
		    " required></label>");
	html_raw(b, "</div>");
	if (f & F_CORRECTION)
		textarea(b, "correction_items", text_label("correction_items"),
		    3, text_of(tx, ntx, "correction_items"));
	if (f & F_CONSULT) {
		textarea(b, "consult_party", text_label("consult_party"), 1,
		    text_of(tx, ntx, "consult_party"));
		textarea(b, "consult_subject", text_label("consult_subject"),
		    2, text_of(tx, ntx, "consult_subject"));
	}
	if (f & F_REPLY) {
		textarea(b, "provided", text_label("provided"), 3,
		    text_of(tx, ntx, "provided"));
		textarea(b, "withheld_items", text_label("withheld_items"), 3,
		    text_of(tx, ntx, "withheld_items"));
		textarea(b, "reasons", text_label("reasons"), 3,
		    text_of(tx, ntx, "reasons"));
		textarea(b, "how_to_obtain", text_label("how_to_obtain"), 2,
		    text_of(tx, ntx, "how_to_obtain"));
	}
	if (f & F_NOTE)
		textarea(b, "note", "备注（记入办理记录）", 2, NULL);
	html_raw(b, "<button type=\"submit\">");
	if (g == GRANT_APPROVAL)
		html_raw(b, "提交审批");
	else
		html_label(b, actions, ACT__MAX, actions[a].code);
	html_raw(b, "</button></form></details>");
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
	html_text(o->b, a->action);
	html_raw(o->b, "</td><td class=\"detail\"><code>");
	html_text(o->b, a->detail);
	html_raw(o->b, "</code></td></tr>");
	o->n++;
	return 0;
}

struct note_out {
	struct buf	*b;
	int		 n;
};

static int
note_row(const struct note_rec *n, void *arg)
{
	struct note_out	*o = arg;

	html_raw(o->b, "<li><p class=\"meta\">");
	html_text(o->b, n->author);
	html_raw(o->b, " · ");
	html_time(o->b, n->at);
	html_raw(o->b, "</p><p class=\"text\">");
	html_text(o->b, n->text);
	html_raw(o->b, "</p></li>");
	o->n++;
	return 0;
}

static void
approvals_section(struct buf *b, const struct req *r,
    const struct case_view *v, struct approval *ap, size_t nap)
{
	char	 id[32];
	size_t	 i;

	if (nap == 0)
		return;
	html_raw(b, "<section class=\"panel\" id=\"approvals\"><h2>审批</h2>"
	    "<ul class=\"approvals\">");
	for (i = 0; i < nap; i++) {
		html_raw(b, "<li class=\"ap-");
		html_text(b, ap[i].status);
		html_raw(b, "\"><p><b>");
		html_text(b, strcmp(ap[i].action, "extend") == 0 ?
		    "延期答复" : "答复");
		if (ap[i].outcome != NULL) {
			html_raw(b, "：");
			html_label(b, outcomes, OUT__MAX, ap[i].outcome);
		}
		if (ap[i].days > 0) {
			html_raw(b, "，");
			html_int(b, ap[i].days);
			html_raw(b, "个工作日");
		}
		html_raw(b, "</b> — ");
		html_text(b, ap[i].requested_by);
		html_raw(b, "提出于");
		html_time(b, ap[i].requested_at);
		html_raw(b, "，");
		html_text(b, strcmp(ap[i].status, "pending") == 0 ? "待审批" :
		    strcmp(ap[i].status, "approved") == 0 ? "已批准" :
		    strcmp(ap[i].status, "rejected") == 0 ? "已退回" : "已撤回");
		if (ap[i].decided_by != NULL) {
			html_raw(b, "（");
			html_text(b, ap[i].decided_by);
			html_raw(b, "，");
			html_time(b, ap[i].decided_at);
			html_raw(b, "）");
		}
		html_raw(b, "</p>");
		if (ap[i].note != NULL && ap[i].note[0] != '\0') {
			html_raw(b, "<p class=\"text\">");
			html_text(b, ap[i].note);
			html_raw(b, "</p>");
		}
		if (ap[i].comment != NULL && ap[i].comment[0] != '\0') {
			html_raw(b, "<p class=\"text\">审批意见：");
			html_text(b, ap[i].comment);
			html_raw(b, "</p>");
		}
		if (strcmp(ap[i].status, "pending") == 0 &&
		    roles_may(r->sess.role, PERM_APPROVE) &&
		    strcmp(ap[i].requested_by, r->sess.user) != 0) {
			snprintf(id, sizeof(id), "/approvals/%lld",
			    (long long)ap[i].id);
			form_open(b, r, v->rec.number, id, 0);
			html_raw(b, "<label class=\"wide\">审批意见<textarea"
			    " name=\"comment\" rows=\"2\" maxlength=\""
			    LIM_STR(LIM_COMMENT_CHARS) "\">"
			    "</textarea></label><div class=\"row\">"
			    "<button type=\"submit\" name=\"decision\""
			    " value=\"approve\">批准</button>"
			    "<button type=\"submit\" name=\"decision\""
			    " value=\"reject\" class=\"secondary\">退回</button>"
			    "</div></form>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

static void
letters_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct letter_info *l = NULL;
	struct buf	 u;
	size_t		 n = 0, i;
	int		 k;
	char		 ver[48];

	html_raw(b, "<section class=\"panel\" id=\"letters\"><h2>文书</h2>");
	if (letters_list(r->st, v->rec.id, &l, &n) != CM_OK)
		n = 0;
	if (n == 0)
		html_raw(b, "<p class=\"empty\">尚未生成文书。</p>");
	else
		html_raw(b, "<table><thead><tr><th>文书</th><th>文号</th>"
		    "<th>版本</th><th>生成</th><th>SHA-256</th></tr></thead>"
		    "<tbody>");
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		case_url(&u, v->rec.number, "/letters/");
		url_param(&u, l[i].kind);
		snprintf(ver, sizeof(ver), ".pdf?v=%d", l[i].version);
		buf_puts(&u, ver);
		html_raw(b, "<tr><td><a target=\"_blank\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_label(b, letter_labels, LETTER__MAX, l[i].kind);
		html_raw(b, "</a></td><td>");
		html_text(b, l[i].doc_number);
		html_raw(b, "</td><td>");
		html_int(b, l[i].version);
		html_raw(b, "</td><td>");
		html_text(b, l[i].created_by);
		html_raw(b, " ");
		html_time(b, l[i].created_at);
		html_raw(b, "</td><td><code class=\"hash\">");
		html_textn(b, l[i].sha256, 16);
		html_raw(b, "…</code></td></tr>");
	}
	if (n > 0)
		html_raw(b, "</tbody></table>");
	letter_infos_free(l, n);
	html_raw(b, "<div class=\"row letters\">");
	for (k = 0; k < LETTER__MAX; k++) {
		if (!roles_may_letter(r->sess.role, letter_labels[k].code))
			continue;
		buf_reset(&u);
		buf_puts(&u, "/letters/");
		url_param(&u, letter_labels[k].code);
		form_open(b, r, v->rec.number, buf_str(&u), 0);
		html_raw(b, "<button type=\"submit\" class=\"secondary\">生成");
		html_text(b, letter_labels[k].label);
		html_raw(b, "</button></form>");
	}
	buf_clear(&u);
	html_raw(b, "</div></section>");
}

static void
texts_section(struct buf *b, const struct req *r, const struct case_view *v,
    const struct case_text *tx, size_t ntx)
{
	size_t	 i;

	if (!roles_may(r->sess.role, PERM_TEXTS))
		return;
	html_raw(b, "<section class=\"panel\" id=\"texts\"><details><summary>"
	    "<h2>文书内容</h2></summary><p class=\"hint\">生成文书时合并进正文的"
	    "内容。留空即删除。</p>");
	form_open(b, r, v->rec.number, "/texts", 0);
	for (i = 0; i < NTEXTS; i++)
		textarea(b, text_labels[i].key, text_labels[i].label,
		    text_labels[i].rows, text_of(tx, ntx, text_labels[i].key));
	html_raw(b, "<button type=\"submit\">保存文书内容</button></form>"
	    "</details></section>");
}

static void
attachments_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct attachment_info *a = NULL;
	struct buf	 u;
	size_t		 n = 0, i;
	char		 id[32];

	html_raw(b, "<section class=\"panel\" id=\"attachments\"><h2>附件</h2>");
	if (attachments_list(r->st, v->rec.id, &a, &n) != CM_OK)
		n = 0;
	if (n == 0)
		html_raw(b, "<p class=\"empty\">没有附件。</p>");
	else
		html_raw(b, "<table><thead><tr><th>文件</th><th>大小</th>"
		    "<th>上传</th><th>SHA-256</th></tr></thead><tbody>");
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		snprintf(id, sizeof(id), "/attachments/%lld",
		    (long long)a[i].id);
		case_url(&u, v->rec.number, id);
		html_raw(b, "<tr><td><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_text(b, a[i].name);
		html_raw(b, "</a></td><td>");
		if (a[i].size >= 1024 * 1024)
			buf_printf(b, "%.1f MB", (double)a[i].size / 1048576.0);
		else
			buf_printf(b, "%.1f KB", (double)a[i].size / 1024.0);
		html_raw(b, "</td><td>");
		html_text(b, a[i].uploaded_by);
		html_raw(b, " ");
		html_time(b, a[i].uploaded_at);
		html_raw(b, "</td><td><code class=\"hash\" title=\"");
		html_text(b, a[i].sha256);
		html_raw(b, "\">");
		html_textn(b, a[i].sha256, 16);
		html_raw(b, "…</code></td></tr>");
	}
	buf_clear(&u);
	if (n > 0)
		html_raw(b, "</tbody></table>");
	attachment_infos_free(a, n);
	if (roles_may(r->sess.role, PERM_ATTACH)) {
		form_open(b, r, v->rec.number, "/attachments", 1);
		html_raw(b, "<div class=\"row\"><input type=\"file\" name=\"file\""
		    " required aria-label=\"选择文件\"><button type=\"submit\""
		    " class=\"secondary\">上传</button></div><p class=\"hint\">"
		    "单个文件不超过10 MB；保存时记录SHA-256。</p></form>");
	}
	html_raw(b, "</section>");
}

static void
timeline_section(struct buf *b, const struct case_view *v)
{
	size_t	 i;

	html_raw(b, "<section class=\"panel\" id=\"timeline\"><h2>办理记录</h2>"
	    "<ol class=\"timeline\">");
	for (i = 0; i < v->nev; i++) {
		const struct event_rec *e = &v->ev[i];

		html_raw(b, "<li><span class=\"date\">");
		html_text(b, e->effective);
		html_raw(b, "</span> <b>");
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
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
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
	if (fee_month_counter(r->st, v->rec.id, &upto, &total, month) ==
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
		case_url(&u, h[i].number, "");
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

static void
case_page(struct req *r, struct resp *p, const char *error)
{
	struct buf		*b = &p->body;
	struct case_view	 v;
	struct case_text	*tx = NULL;
	struct approval		*ap = NULL;
	struct audit_out	 ao;
	struct note_out		 no;
	struct buf		 title, u;
	const char		*print;
	size_t			 ntx = 0, nap = 0;
	unsigned		 allowed;
	enum grant		 g;
	int			 s, a, any;
	enum cm_err		 rc;

	if ((rc = case_load(r->st, r->cal, r->args[0], r->today, &v)) !=
	    CM_OK) {
		case_view_clear(&v);
		page_error(r, p, rc == CM_NOTFOUND ? 404 : 500,
		    rc == CM_NOTFOUND ? "没有这个案件" : "读取案件失败");
		return;
	}
	if (case_texts_get(r->st, v.rec.id, &tx, &ntx) != CM_OK)
		ntx = 0;
	if (approvals_list(r->st, v.rec.id, 0, 20, &ap, &nap) != CM_OK)
		nap = 0;
	buf_init(&title);
	buf_printf(&title, "案件 %s", v.rec.number);
	page_begin(r, p, buf_str(&title), NAV_LIST);
	buf_clear(&title);

	html_raw(b, "<header class=\"case\"><h1>");
	html_text(b, v.rec.number);
	html_raw(b, " ");
	render_state(b, v.rec.state);
	html_raw(b, "</h1><p>");
	html_text(b, v.rec.appl.name);
	html_raw(b, " · ");
	html_label(b, channels, CH__MAX, v.rec.channel);
	if (v.rec.outcome != NULL) {
		html_raw(b, " · ");
		html_label(b, outcomes, OUT__MAX, v.rec.outcome);
	}
	if (v.rec.handler != NULL) {
		html_raw(b, " · 承办人 ");
		html_text(b, v.rec.handler);
	}
	html_raw(b, "</p></header>");
	if (error != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, error);
		html_raw(b, "</p>");
	}
	repeat_panel(r, b, &v);
	if ((print = req_param(r, "print")) != NULL &&
	    strcmp(print, "receipt") == 0) {
		buf_init(&u);
		case_url(&u, v.rec.number, "/letters/receipt.pdf");
		html_raw(b, "<p class=\"flash\">登记回执已生成：<a class=\"button\""
		    " target=\"_blank\" id=\"print-receipt\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">打开并打印登记回执</a></p>");
		buf_clear(&u);
	}

	html_raw(b, "<div class=\"grid\"><div class=\"col\">");
	html_raw(b, "<section class=\"panel\" id=\"request\"><h2>申请</h2>"
	    "<dl class=\"facts\">");
	dt(b, "申请人");
	html_text(b, v.rec.appl.name);
	html_raw(b, "（");
	html_label(b, applicant_types, APPL__MAX, v.rec.appl.type);
	html_raw(b, "）");
	dd_end(b);
	dt(b, "证件");
	if (v.rec.appl.id_type != NULL) {
		html_label(b, id_types, IDT__MAX, v.rec.appl.id_type);
		html_raw(b, " ");
		html_text(b, v.rec.appl.id_number);
	} else
		html_raw(b, "—");
	dd_end(b);
	dt_text(b, "联系电话", v.rec.appl.phone);
	dt_text(b, "电子邮箱", v.rec.appl.email);
	dt_text(b, "通信地址", v.rec.appl.address);
	dt(b, "提交渠道");
	html_label(b, channels, CH__MAX, v.rec.channel);
	dd_end(b);
	dt_text(b, "到达日期", v.rec.arrived);
	if (v.rec.confirmed[0] != '\0')
		dt_text(b, "确认日期", v.rec.confirmed);
	dt_text(b, "收到日期", v.rec.received);
	dt_text(b, "文号", v.rec.doc_number);
	dt_text(b, "获取信息方式", v.rec.delivery);
	html_raw(b, "</dl><h3>所需信息</h3><p class=\"text request\">");
	html_text(b, v.rec.request);
	html_raw(b, "</p></section>");

	/* The actions this role may take in this state. */
	s = case_state_find(v.rec.state);
	allowed = s >= 0 ? lifecycle_allowed((enum case_state)s) : 0;
	any = 0;
	html_raw(b, "<section class=\"panel\" id=\"actions\"><h2>办理</h2>");
	for (a = 0; a < ACT__MAX; a++) {
		if (!(allowed & (1u << a)) || a == ACT_RECEIVE)
			continue;
		if ((g = roles_act(r->sess.role, (enum action)a)) ==
		    GRANT_DENY)
			continue;
		action_form(b, r, &v, (enum action)a, g, tx, ntx);
		any = 1;
	}
	if (!any)
		html_raw(b, "<p class=\"empty\">当前状态下您的角色没有可办理的"
		    "事项。</p>");
	html_raw(b, "</section>");
	approvals_section(b, r, &v, ap, nap);
	letters_section(b, r, &v);
	texts_section(b, r, &v, tx, ntx);
	html_raw(b, "</div><div class=\"col\">");
	deadline_panel(b, &v);
	timeline_section(b, &v);
	attachments_section(b, r, &v);

	html_raw(b, "<section class=\"panel\" id=\"notes\"><h2>备注</h2>"
	    "<ul class=\"notes\">");
	no.b = b;
	no.n = 0;
	(void)notes_list(r->st, v.rec.id, note_row, &no);
	html_raw(b, "</ul>");
	if (no.n == 0)
		html_raw(b, "<p class=\"empty\">没有备注。</p>");
	if (roles_may(r->sess.role, PERM_NOTE)) {
		form_open(b, r, v.rec.number, "/notes", 0);
		html_raw(b, "<label class=\"wide\">新备注<textarea name=\"text\""
		    " rows=\"2\" maxlength=\"" LIM_STR(LIM_COMMENT_CHARS)
		    "\" required></textarea></label>"
		    "<button type=\"submit\" class=\"secondary\">添加备注</button>"
		    "</form>");
	}
	html_raw(b, "</section></div></div>");

	html_raw(b, "<section class=\"panel\" id=\"audit\"><details><summary>"
	    "<h2>审计记录</h2></summary><table class=\"audit\"><thead><tr>"
	    "<th>时间</th><th>用户</th><th>地址</th><th>操作</th><th>详情</th>"
	    "</tr></thead><tbody>");
	ao.b = b;
	ao.n = 0;
	(void)audit_list(r->st, v.rec.number, 0, 200, audit_row, &ao);
	html_raw(b, "</tbody></table></details></section>");
	page_end(r, p);
	case_texts_free(tx, ntx);
	approvals_free(ap, nap);
	case_view_clear(&v);
}

/* GET /cases/{key} */
void
page_case(struct req *r, struct resp *p)
{
	case_page(r, p, NULL);
}

/* Shows the case again with a refusal (status from the domain error). */
static void
refuse(struct req *r, struct resp *p, int status, const char *msg)
{
	buf_reset(&p->body);
	p->status = status;
	case_page(r, p, msg);
	if (p->status == 200)
		p->status = status;
}

static void
back(struct req *r, struct resp *p, const char *ok, const char *anchor)
{
	struct buf	 u;

	buf_init(&u);
	case_url(&u, r->args[0], "?ok=");
	buf_puts(&u, ok);
	if (anchor != NULL)
		buf_puts(&u, anchor);
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}

/* Validates an optional text field; returns NULL or a message. */
static const char *
opt_text(const struct req *r, const char *k, size_t max, int multiline)
{
	const char	*v = req_field(r, k);

	if (v == NULL || v[0] == '\0')
		return NULL;
	return valid_text(v, max, 0, multiline);
}

static const char *const act_tkeys[] = { "correction_items",
    "consult_party", "consult_subject", "provided", "withheld_items",
    "reasons", "how_to_obtain", NULL };

/*
 * Reads and checks the fields of an action (form or JSON body) into
 * in; *action gets the action.  Returns NULL, or a message for the
 * first bad field.  Shared with the JSON API.
 */
const char *
act_read(const struct req *r, struct act_input *in, int *action)
{
	const char	*m, *v;
	long long	 n;
	int		 a, i;

	act_input_init(in);
	*action = -1;
	if ((a = action_find(req_field(r, "action"))) < 0 || a == ACT_RECEIVE)
		return "未知的操作";
	*action = a;
	in->action = actions[a].code;
	in->addr = r->addr;
	if ((v = req_field(r, "on")) != NULL && v[0] != '\0') {
		if ((m = valid_date(v)) != NULL)
			return m;
		in->on = v;
	}
	if ((v = req_field(r, "told_on")) != NULL && v[0] != '\0') {
		if ((m = valid_date(v)) != NULL)
			return m;
		in->told_on = v;
	}
	if ((v = req_field(r, "outcome")) != NULL && v[0] != '\0') {
		if (outcome_find(v) < 0)
			return "未知的答复结果";
		in->outcome = v;
	}
	if ((v = req_field(r, "days")) != NULL && v[0] != '\0') {
		if ((m = valid_int(v, 1, LAW_EXTENSION_WD, &n)) != NULL)
			return m;
		in->days = (int)n;
	}
	if ((v = req_field(r, "party")) != NULL && v[0] != '\0') {
		if (strcmp(v, "third_party") != 0 && strcmp(v, "agency") != 0)
			return "征求意见对象应为 third_party 或 agency";
		in->party = v;
	}
	if ((v = req_field(r, "amount")) != NULL && v[0] != '\0' &&
	    (m = valid_yuan(v, &in->amount_fen)) != NULL)
		return m;
	if ((m = opt_text(r, "note", LIM_COMMENT_CHARS, 1)) != NULL)
		return m;
	in->note = req_field(r, "note");
	for (i = 0; act_tkeys[i] != NULL; i++)
		if ((m = opt_text(r, act_tkeys[i], LIM_CASE_TEXT_CHARS,
		    1)) != NULL)
			return m;
	return NULL;
}

/*
 * Applies an action for the session's user by the role matrix: directly
 * (case_act) or as a request for approval (approval_request); then
 * stores the texts the action's letters need.  *pending says which.
 * Returns the domain error with its message in err.
 */
enum cm_err
act_apply(struct req *r, const struct act_input *in, enum grant g,
    int64_t *approval, char *err, size_t errlen)
{
	struct case_rec	 c;
	const char	*v;
	int		 i;
	enum cm_err	 rc;

	*approval = 0;
	if (g == GRANT_APPROVAL)
		rc = approval_request(r->st, r->cal, r->args[0], in,
		    r->sess.user, r->today, approval, err, errlen);
	else
		rc = case_act(r->st, r->cal, r->args[0], in, r->sess.user,
		    r->today, err, errlen);
	if (rc != CM_OK)
		return rc;
	if (roles_may(r->sess.role, PERM_TEXTS) &&
	    store_case_get(r->st, r->args[0], &c) == CM_OK) {
		for (i = 0; act_tkeys[i] != NULL; i++)
			if ((v = req_field(r, act_tkeys[i])) != NULL &&
			    v[0] != '\0')
				(void)case_text_set(r->st, c.id, act_tkeys[i],
				    v, r->sess.user);
		case_rec_clear(&c);
	}
	return CM_OK;
}

/*
 * POST /cases/{key}/act: one action, by the role matrix either applied
 * or filed for approval.
 */
void
page_case_act(struct req *r, struct resp *p)
{
	struct act_input in;
	const char	*m;
	char		 err[512], msg[600];
	int64_t		 apid;
	enum grant	 g;
	int		 a;
	enum cm_err	 rc;

	m = act_read(r, &in, &a);
	if (a >= 0 && (g = roles_act(r->sess.role, (enum action)a)) ==
	    GRANT_DENY) {
		refuse(r, p, 403, "您的角色不能进行此项操作");
		return;
	}
	if (m != NULL) {
		snprintf(msg, sizeof(msg), "输入有误：%s", m);
		refuse(r, p, 422, msg);
		return;
	}
	g = roles_act(r->sess.role, (enum action)a);
	if ((rc = act_apply(r, &in, g, &apid, err, sizeof(err))) != CM_OK) {
		refuse(r, p, http_status_of(rc), rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : err);
		return;
	}
	back(r, p, g == GRANT_APPROVAL ? "requested" : "acted", NULL);
}

/* POST /cases/{key}/approvals/{id}: decision=approve|reject, comment. */
void
page_approval(struct req *r, struct resp *p)
{
	struct approval	 ap;
	struct case_rec	 c;
	const char	*d = req_field(r, "decision"), *cm, *m;
	char		*end, err[512];
	long long	 id;
	int		 approve;
	enum cm_err	 rc;

	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0) {
		page_error(r, p, 404, "没有这个审批请求");
		return;
	}
	if (d == NULL || (strcmp(d, "approve") != 0 &&
	    strcmp(d, "reject") != 0)) {
		refuse(r, p, 422, "请选择批准或退回");
		return;
	}
	approve = strcmp(d, "approve") == 0;
	cm = req_field(r, "comment");
	if ((m = opt_text(r, "comment", LIM_COMMENT_CHARS, 1)) != NULL) {
		refuse(r, p, 422, m);
		return;
	}
	if (approval_get(r->st, id, &ap) != CM_OK) {
		page_error(r, p, 404, "没有这个审批请求");
		return;
	}
	rc = store_case_get(r->st, r->args[0], &c);
	if (rc != CM_OK || strcmp(c.id, ap.case_id) != 0) {
		if (rc == CM_OK)
			case_rec_clear(&c);
		approval_clear(&ap);
		page_error(r, p, 404, "没有这个审批请求");
		return;
	}
	case_rec_clear(&c);
	approval_clear(&ap);
	rc = approval_decide(r->st, r->cal, id, approve, r->sess.user,
	    r->sess.role, cm, r->addr, r->today, err, sizeof(err));
	if (rc != CM_OK) {
		refuse(r, p, http_status_of(rc), rc == CM_SYSERR ?
		    "保存失败" : err);
		return;
	}
	back(r, p, approve ? "approved" : "rejected", NULL);
}

/* POST /cases/{key}/notes */
void
page_note(struct req *r, struct resp *p)
{
	char		 err[256];
	enum cm_err	 rc;

	rc = note_add(r->st, r->args[0], req_field(r, "text"), r->sess.user,
	    err, sizeof(err));
	if (rc != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, "没有这个案件");
		else
			refuse(r, p, http_status_of(rc), err);
		return;
	}
	back(r, p, "noted", "#notes");
}

/* POST /cases/{key}/texts: every case text at once (empty removes). */
void
page_texts(struct req *r, struct resp *p)
{
	struct case_rec	 c;
	const char	*v, *m;
	char		 msg[300];
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < NTEXTS; i++)
		if ((m = opt_text(r, text_labels[i].key,
		    LIM_CASE_TEXT_CHARS, 1)) != NULL) {
			snprintf(msg, sizeof(msg), "%s：%s",
			    text_labels[i].label, m);
			refuse(r, p, 422, msg);
			return;
		}
	if ((rc = store_case_get(r->st, r->args[0], &c)) != CM_OK) {
		page_error(r, p, rc == CM_NOTFOUND ? 404 : 500,
		    "没有这个案件");
		return;
	}
	for (i = 0; i < NTEXTS; i++) {
		if ((v = req_field(r, text_labels[i].key)) == NULL)
			continue;
		if (case_text_set(r->st, c.id, text_labels[i].key, v,
		    r->sess.user) != CM_OK) {
			case_rec_clear(&c);
			refuse(r, p, 500, "保存失败");
			return;
		}
	}
	case_rec_clear(&c);
	back(r, p, "texts", "#texts");
}

/* POST /cases/{key}/attachments (multipart, field "file"). */
void
page_upload(struct req *r, struct resp *p)
{
	char		 err[256], sha[65];
	int64_t		 id;
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0)
			break;
	if (i == r->nfiles) {
		refuse(r, p, 422, "请选择要上传的文件");
		return;
	}
	rc = attachment_add(r->st, r->args[0], r->files[i].filename,
	    r->files[i].fnlen, r->files[i].data, r->files[i].len,
	    r->sess.user, &id, sha, err, sizeof(err));
	if (rc != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, "没有这个案件");
		else if (rc == CM_INVALID && r->files[i].len >
		    ATTACH_MAX_BYTES)
			refuse(r, p, 413, err);
		else
			refuse(r, p, http_status_of(rc), err);
		return;
	}
	back(r, p, "uploaded", "#attachments");
}

/* Content-Disposition with an ASCII fallback and the UTF-8 name. */
static void
disposition(struct resp *p, const char *how, const char *name,
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

/* GET /cases/{key}/attachments/{id}: always a download. */
void
page_download(struct req *r, struct resp *p)
{
	struct attachment_info a;
	struct case_rec	 c;
	void		*data = NULL;
	size_t		 len = 0;
	char		*end, fb[64];
	const char	*dot;
	long long	 id;
	enum cm_err	 rc;

	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0 ||
	    store_case_get(r->st, r->args[0], &c) != CM_OK) {
		page_error(r, p, 404, "没有这个附件");
		return;
	}
	rc = attachment_get(r->st, c.id, id, &a, &data, &len);
	case_rec_clear(&c);
	if (rc != CM_OK) {
		page_error(r, p, 404, "没有这个附件");
		return;
	}
	p->ctype = "application/octet-stream";
	buf_reset(&p->body);
	buf_put(&p->body, data, len);
	free(data);
	dot = strrchr(a.name, '.');
	snprintf(fb, sizeof(fb), "attachment-%lld%s", id, dot != NULL &&
	    strlen(dot) <= 8 && strpbrk(dot, "\"\\;") == NULL ? dot : "");
	for (end = fb; *end != '\0'; end++)
		if ((unsigned char)*end >= 0x80)
			*end = '_';
	disposition(p, "attachment", a.name, fb);
	resp_header(p, "X-Content-SHA256", a.sha256);
	attachment_info_clear(&a);
}

/* POST /cases/{key}/letters/{kind}: issue (and store) a letter. */
void
page_letter_issue(struct req *r, struct resp *p)
{
	struct letter_out lo;
	char		 err[512];
	enum cm_err	 rc;

	if (letter_kind_find(r->args[1]) < 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	if (!roles_may_letter(r->sess.role, r->args[1])) {
		refuse(r, p, 403, "您的角色不能生成这种文书");
		return;
	}
	letter_out_init(&lo);
	rc = letter_issue(r->st, r->cal, r->args[0], r->args[1], r->sess.user,
	    r->today, &lo, err, sizeof(err));
	letter_out_clear(&lo);
	if (rc != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, "没有这个案件");
		else
			refuse(r, p, 422, rc == CM_SYSERR ? "生成文书失败" :
			    err);
		return;
	}
	back(r, p, "issued", "#letters");
}

/*
 * Serves a stored letter: kind.pdf, ?v=N for a version (default the
 * newest).  Shared with the API, which issues one first if none is
 * stored; here only stored letters are served.
 */
int
serve_letter(struct req *r, struct resp *p, int issue_missing)
{
	struct case_rec	 c;
	struct letter_info info;
	struct letter_out lo;
	const char	*v;
	char		 kind[40], *end, fb[96], name[160], err[512];
	size_t		 n;
	long		 ver = 0;
	enum cm_err	 rc;

	n = strlen(r->args[1]);
	if (n < 5 || n - 4 >= sizeof(kind) ||
	    strcmp(r->args[1] + n - 4, ".pdf") != 0)
		return 404;
	memcpy(kind, r->args[1], n - 4);
	kind[n - 4] = '\0';
	if (letter_kind_find(kind) < 0)
		return 404;
	if ((v = req_param(r, "v")) != NULL) {
		ver = strtol(v, &end, 10);
		if (*end != '\0' || ver < 1 || ver > 100000)
			return 404;
	}
	if (store_case_get(r->st, r->args[0], &c) != CM_OK)
		return 404;
	memset(&info, 0, sizeof(info));
	buf_reset(&p->body);
	rc = letter_fetch(r->st, c.id, kind, (int)ver, &p->body, &info);
	if (rc == CM_NOTFOUND && issue_missing && ver == 0) {
		if (!roles_may_letter(r->sess.role, kind)) {
			case_rec_clear(&c);
			return 403;
		}
		letter_out_init(&lo);
		rc = letter_issue(r->st, r->cal, c.id, kind, r->sess.user,
		    r->today, &lo, err, sizeof(err));
		letter_out_clear(&lo);
		if (rc != CM_OK) {
			case_rec_clear(&c);
			api_error(p, rc == CM_SYSERR ? 500 : 422, rc ==
			    CM_SYSERR ? "internal" : "invalid", rc ==
			    CM_SYSERR ? "生成文书失败" : err);
			return 0;
		}
		buf_reset(&p->body);
		rc = letter_fetch(r->st, c.id, kind, 0, &p->body, &info);
	}
	if (rc != CM_OK) {
		case_rec_clear(&c);
		letter_info_clear(&info);
		buf_reset(&p->body);
		return rc == CM_NOTFOUND ? 404 : 500;
	}
	p->status = 200;
	p->ctype = "application/pdf";
	snprintf(fb, sizeof(fb), "%s-%s-v%d.pdf", c.number, kind,
	    info.version);
	snprintf(name, sizeof(name), "%s", fb);
	disposition(p, "inline", name, fb);
	resp_header(p, "X-Content-SHA256", info.sha256);
	letter_info_clear(&info);
	case_rec_clear(&c);
	return 0;
}

/* GET /cases/{key}/letters/{kind}.pdf */
void
page_letter_get(struct req *r, struct resp *p)
{
	int	 st;

	if ((st = serve_letter(r, p, 0)) != 0)
		page_error(r, p, st, st == 404 ? "没有这份文书，请先生成" :
		    "读取文书失败");
}
