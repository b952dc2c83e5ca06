/* SPDX-License-Identifier: ISC */
/*
 * The case page's actions: one form per lifecycle action this role may
 * take in this state, with exactly the fields it needs and the texts
 * its letter needs (ops/act_check.h: per reply outcome, with hints and
 * the phrasebook's wordings); a refused form comes back with what was
 * typed and the message at its field; requests awaiting approval with
 * the reviewer's decision; the texts of a pending decision.  The POST
 * handlers decode the form into
 * the operation's input (ops/case_ops.h) and call op_case_act,
 * op_approval_decide or op_case_texts -- the same calls the JSON API
 * and the CLI make.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "ops/approval.h"
#include "ops/letter_issue.h"
#include "ops/signoff.h"
#include "ops/act_check.h"
#include "ops/case.h"
#include "ops/fee.h"
#include "ops/phrasebook.h"
#include "store/phrases.h"
#include "web/html.h"
#include "web/http.h"
#include "web/page_case.h"
#include "web/pages.h"
#include "web/render.h"

/* The fields an action's form has. */
#define F_ON		0x001	/* effective date */
#define F_NOTE		0x002
#define F_OUTCOME	0x004	/* reply */
#define F_DAYS		0x008	/* extend */
#define F_TOLD		0x010	/* extend: applicant told on */
#define F_PARTY		0x020	/* consult-start */
#define F_FEE		0x040	/* fee-notice: method, count, override */
/* The texts of an action's form: ops/act_check.h, act_form_texts(). */

static const struct {
	unsigned	 fields;
	const char	*hint;
} act_forms[ACT__MAX] = {
	[ACT_REGISTER] = { F_ON | F_NOTE, "申请要素齐全，登记（条例第二十九条）。" },
	[ACT_REVIEW] = { F_ON | F_NOTE, "开始审核申请内容。" },
	[ACT_ACCEPT] = { F_ON | F_NOTE, "申请属于本机关政府信息，受理办理。" },
	[ACT_REQUEST_CORRECTION] = { F_ON | F_NOTE,
	    "申请内容不明确：一次性告知补正，答复期限中止（条例第三十条，"
	    "须在收到申请后7个工作日内）。" },
	[ACT_CORRECTED] = { F_ON | F_NOTE,
	    "收到补正后的申请，答复期限自该日重新计算。" },
	[ACT_CORRECTION_LAPSED] = { F_ON | F_NOTE,
	    "申请人无正当理由逾期不补正，视为放弃申请。" },
	[ACT_CONSULT_START] = { F_ON | F_NOTE | F_PARTY,
	    "征求第三方或其他机关意见，所需时间不计入答复期限"
	    "（条例第三十二条、第三十四条）。" },
	[ACT_CONSULT_END] = { F_ON | F_NOTE, "收到意见或征求意见期限届满。" },
	[ACT_FEE_NOTICE] = { F_ON | F_NOTE | F_FEE,
	    "发出收费通知（国办函〔2020〕109号），等待缴费期间中止计算。" },
	[ACT_FEE_PAID] = { F_ON | F_NOTE, "申请人已缴费。" },
	[ACT_FEE_LAPSED] = { F_ON | F_NOTE, "申请人逾期未缴费，视为放弃申请。" },
	[ACT_EXTEND] = { F_NOTE | F_DAYS | F_TOLD,
	    "延长答复期限，最长20个工作日，须经政府信息公开工作机构负责人同意"
	    "并告知申请人（条例第三十三条第二款）。" },
	[ACT_REPLY] = { F_ON | F_NOTE | F_OUTCOME,
	    "作出答复（条例第三十六条、第三十七条）。" },
	[ACT_WITHDRAW] = { F_ON | F_NOTE, "申请人撤回申请。" },
	[ACT_ARCHIVE] = { F_ON | F_NOTE, "答复已送达，归档。" },
	[ACT_ASK_REASONS] = { F_ON | F_NOTE,
	    "申请数量、频次明显超过合理范围：要求申请人说明理由，出具说明理由"
	    "通知书；答复期限不中止（条例第三十五条）。" },
	[ACT_REASONS_RECEIVED] = { F_ON | F_NOTE, "收到申请人的理由说明。" },
	[ACT_SET_LATER_DEADLINE] = { F_ON | F_NOTE | F_DAYS,
	    "理由合理但无法按期答复：确定延迟答复的合理期限（自该日起的工作日数），"
	    "出具延迟答复告知书（条例第三十五条）。" },
};

/* The page's state for one action form: the posted values when this
 * form came back refused, and the refusal. */
struct fstate {
	const struct req	*r;
	const struct op_refusal	*rf;	/* NULL: not refused */
	int			 posted;	/* this form was posted */
	const char		*code;		/* the action's code */
};

/* A posted value of this form, or dflt. */
static const char *
fval(const struct fstate *fs, const char *name, const char *dflt)
{
	const char	*v;

	if (fs->posted && (v = req_field(fs->r, name)) != NULL)
		return v;
	return dflt;
}

/* Is the refusal about this form's field name? */
static int
faulty(const struct fstate *fs, const char *name)
{
	return fs->posted && fs->rf != NULL && strcmp(fs->rf->field, name) == 0;
}

static void
field_id(struct buf *b, const char *pre, const struct fstate *fs,
    const char *name)
{
	html_text(b, pre);
	html_text(b, fs->code);
	html_raw(b, "-");
	html_text(b, name);
}

/* The attributes of a control: its id, its hint and, when it is the
 * faulty field, aria-invalid and the message's id. */
static void
ctl_attrs(struct buf *b, const struct fstate *fs, const char *name,
    int hint)
{
	html_raw(b, " id=\"");
	field_id(b, "a-", fs, name);
	html_raw(b, "\" name=\"");
	html_text(b, name);
	html_raw(b, "\"");
	if (!hint && !faulty(fs, name))
		return;
	html_raw(b, " aria-describedby=\"");
	if (hint)
		field_id(b, "h-", fs, name);
	if (faulty(fs, name)) {
		if (hint)
			html_raw(b, " ");
		field_id(b, "e-", fs, name);
	}
	html_raw(b, "\"");
	if (faulty(fs, name))
		html_raw(b, " aria-invalid=\"true\"");
}

/* The refusal's message next to its field. */
static void
ctl_error(struct buf *b, const struct fstate *fs, const char *name)
{
	if (!faulty(fs, name))
		return;
	html_raw(b, "<span class=\"field-error\" id=\"");
	field_id(b, "e-", fs, name);
	html_raw(b, "\">");
	html_text(b, fs->rf->msg);
	html_raw(b, "</span>");
}

static void
date_input(struct buf *b, const struct fstate *fs, const char *name,
    const char *label, const char *today)
{
	html_raw(b, "<label>");
	html_text(b, label);
	html_raw(b, "<input type=\"date\"");
	ctl_attrs(b, fs, name, 0);
	html_raw(b, " value=\"");
	html_text(b, fval(fs, name, today));
	html_raw(b, "\"></label>");
	ctl_error(b, fs, name);
}

/* The outcomes a reply's form shows a text for, space-separated, and
 * those that require it. */
static void
outcome_list_make(struct buf *b, const char *key, int required)
{
	int	 o, first = 1;

	for (o = 0; o < OUT__MAX; o++) {
		if (!act_text_shown(ACT_REPLY, o, key) ||
		    (required && !act_text_required(ACT_REPLY, o, key)))
			continue;
		if (!first)
			html_raw(b, " ");
		html_text(b, outcomes[o].code);
		first = 0;
	}
}

/* outcome_list_make()'s answers, kept: they depend on the key alone (the
 * outcome table and the letters' rules), and every open case's page
 * asks for each text of the reply form (issue 17). */
#define OL_MEMO	48
static struct {
	char	 key[40];
	int	 required;
	char	*text;
}			 ol_memo[OL_MEMO];
static int		 ol_n;
static pthread_mutex_t	 ol_lock = PTHREAD_MUTEX_INITIALIZER;

static void
outcome_list(struct buf *b, const char *key, int required)
{
	struct buf	 t;
	int		 i;

	pthread_mutex_lock(&ol_lock);
	for (i = 0; i < ol_n; i++)
		if (ol_memo[i].required == required &&
		    strcmp(ol_memo[i].key, key) == 0) {
			buf_puts(b, ol_memo[i].text);
			pthread_mutex_unlock(&ol_lock);
			return;
		}
	buf_init(&t);
	outcome_list_make(&t, key, required);
	buf_puts(b, buf_str(&t));
	if (ol_n < OL_MEMO && strlen(key) < sizeof(ol_memo[0].key)) {
		snprintf(ol_memo[ol_n].key, sizeof(ol_memo[0].key), "%s", key);
		ol_memo[ol_n].required = required;
		ol_memo[ol_n].text = buf_release(&t);
		ol_n++;
	}
	pthread_mutex_unlock(&ol_lock);
	buf_clear(&t);
}

/*
 * One text of an action's form: its label as every message names it,
 * whether the letter requires it, its hint, the box, the refusal at
 * it, and the phrasebook's wordings for it (a click inserts one;
 * web/static/app.js).  For a reply each text says for which outcomes
 * it shows and is required; with the outcome known (sel >= 0) the
 * server renders only that outcome's texts and wordings visible, and
 * without JS the fresh form shows every text.
 */
static void
text_field(struct buf *b, const struct fstate *fs, int act, int sel,
    const char *key, const char *stored, const struct phrase *ph,
    size_t nph)
{
	const char	*hint;
	size_t		 i;
	int		 rows, req, any, po, pa;

	hint = act_text_hint(key, &rows);
	req = act == ACT_REPLY ? sel >= 0 &&
	    act_text_required(act, sel, key) : act_text_required(act, -1, key);
	html_raw(b, "<div class=\"fld\"");
	if (act == ACT_REPLY) {
		html_raw(b, " data-outcomes=\"");
		outcome_list(b, key, 0);
		html_raw(b, "\" data-required=\"");
		outcome_list(b, key, 1);
		html_raw(b, "\"");
		if (sel >= 0 && !act_text_shown(act, sel, key))
			html_raw(b, " hidden");
	}
	html_raw(b, "><label class=\"wide\" for=\"");
	field_id(b, "a-", fs, key);
	html_raw(b, "\">");
	html_text(b, act_field_label(key));
	html_raw(b, "<span class=\"req\"");
	if (!req)
		html_raw(b, " hidden");
	html_raw(b, ">（必填）</span></label><p class=\"hint\" id=\"");
	field_id(b, "h-", fs, key);
	html_raw(b, "\">");
	html_text(b, hint);
	html_raw(b, "</p><textarea rows=\"");
	html_int(b, rows);
	html_raw(b, "\" maxlength=\"");
	html_int(b, LIM_CASE_TEXT_CHARS);
	html_raw(b, "\"");
	ctl_attrs(b, fs, key, 1);
	html_raw(b, ">");
	html_text(b, fval(fs, key, stored));
	html_raw(b, "</textarea>");
	ctl_error(b, fs, key);
	any = 0;
	for (i = 0; i < nph; i++) {
		if (strcmp(ph[i].field, key) != 0 ||
		    !phrase_scope(ph[i].scope, &pa, &po) || pa != act ||
		    (act == ACT_REPLY && !act_text_shown(act, po, key)))
			continue;
		if (!any)
			html_raw(b, "<div class=\"phrases\"><span class=\"hint\">"
			    "常用表述（点击插入）：</span>");
		any = 1;
		html_raw(b, "<button type=\"button\" class=\"phrase secondary\""
		    " data-for=\"");
		field_id(b, "a-", fs, key);
		html_raw(b, "\"");
		if (act == ACT_REPLY) {
			html_raw(b, " data-outcome=\"");
			html_text(b, ph[i].scope);
			html_raw(b, "\"");
			if (sel >= 0 && po != sel)
				html_raw(b, " hidden");
		}
		html_raw(b, ">");
		html_text(b, ph[i].text);
		html_raw(b, "</button>");
	}
	if (any)
		html_raw(b, "</div>");
	html_raw(b, "</div>");
}

/*
 * The fee-notice fields: the 109号 method and the count the operation
 * computes the amount from (never a typed amount), the applicant's
 * applications of the month as a hint, and an optional lower amount
 * with its required reason.
 */
static void
fee_fields(struct buf *b, const struct req *r, const struct case_view *v)
{
	char	 month[8];
	int	 upto = 0, total = 0;

	html_raw(b, "<div class=\"row\"><label>收费方式<select name=\"method\">"
	    "<option value=\"item\">按件计收</option>"
	    "<option value=\"volume\">按量计收</option></select></label>"
	    "<label>件数或页数<input type=\"number\" name=\"count\" min=\"1\""
	    " max=\"");
	html_int(b, FEE_MAXCOUNT);
	html_raw(b, "\"></label></div><p class=\"hint\">金额由系统按"
	    "国办函〔2020〕109号的收费标准计算，并在收费通知书中列明计算过程。"
	    "按件计收：只按本申请在该申请人本自然月申请中的序号（按收到日期和"
	    "登记编号排序）所在档次计收本件，件数可不填，由系统计算；按量计收："
	    "填写需要提供的页数。");
	if (fee_month_counter_rec(r->st, &v->rec, &upto, &total, month) ==
	    CM_OK && strlen(month) == 7) {
		html_raw(b, "本申请为该申请人本自然月（");
		html_text(b, month);	/* "YYYY-MM" */
		html_raw(b, "）内第");
		html_int(b, upto);
		html_raw(b, "件申请。");
	}
	html_raw(b, "</p><div class=\"row\"><label>调整金额（元，可不填）"
	    "<input name=\"override_amount\" inputmode=\"decimal\""
	    " pattern=\"[0-9]+(\\.[0-9]{1,2})?\"></label></div>");
	pc_textarea(b, "reason", "调整理由（填写调整金额的必填）", 2, NULL);
}

static void
action_form(struct buf *b, const struct req *r, const struct case_view *v,
    enum action a, enum grant g, const struct case_text *tx, size_t ntx,
    const struct op_refusal *rf, const struct phrase *ph, size_t nph)
{
	unsigned	 f = act_forms[a].fields;
	struct fstate	 fs;
	const char	*keys[16], *posted, *sv;
	char		 today[DATE_STRLEN];
	size_t		 i, nk;
	int		 o, sel;

	memset(&fs, 0, sizeof(fs));
	fs.r = r;
	fs.rf = rf;
	fs.code = actions[a].code;
	posted = req_field(r, "action");
	fs.posted = rf != NULL && posted != NULL &&
	    strcmp(posted, actions[a].code) == 0;
	sel = -1;
	if (fs.posted && (sv = req_field(r, "outcome")) != NULL)
		sel = outcome_find(sv);
	date_format(r->today, today);
	html_raw(b, "<details class=\"act\"");
	if (a == ACT_REPLY)
		html_raw(b, " id=\"act-reply\"");
	if (fs.posted)
		html_raw(b, " open");
	html_raw(b, "><summary>");
	html_label(b, actions, ACT__MAX, actions[a].code);
	if (g == GRANT_APPROVAL)
		html_raw(b, "<small>（须审核人批准）</small>");
	html_raw(b, "</summary>");
	pc_form_open(b, r, v->rec.number, "/act", 0);
	html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"");
	html_text(b, actions[a].code);
	html_raw(b, "\"><p class=\"hint\">");
	html_text(b, act_forms[a].hint);
	if (f & F_OUTCOME)
		html_text(b, "选择答复结果后，填写该结果的答复书需要的内容"
		    "（标有“必填”的栏目）。");
	html_raw(b, "</p>");
	if (fs.posted && rf->field[0] == '\0') {
		html_raw(b, "<p class=\"field-error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	html_raw(b, "<div class=\"row\">");
	if (f & F_ON)
		date_input(b, &fs, "on", "生效日期", today);
	if (f & F_OUTCOME) {
		html_raw(b, "<label>答复结果<select class=\"outcome\"");
		ctl_attrs(b, &fs, "outcome", 0);
		html_raw(b, " required><option value=\"\">请选择</option>");
		for (o = 0; o < OUT__MAX; o++) {
			if (o == OUT_OTHER_NO_CORRECTION ||
			    o == OUT_OTHER_NO_FEE)
				continue;
			html_raw(b, "<option value=\"");
			html_text(b, outcomes[o].code);
			html_raw(b, "\"");
			if (o == sel)
				html_raw(b, " selected");
			html_raw(b, ">");
			html_text(b, outcomes[o].label);
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></label>");
		ctl_error(b, &fs, "outcome");
	}
	if ((f & F_DAYS) && a == ACT_SET_LATER_DEADLINE) {
		/* Art 35: working days from the date set. */
		html_raw(b, "<label>延迟答复期限（工作日）<input type=\"number\""
		    " min=\"1\" max=\"" LIM_STR(LIM_LATER_DEADLINE_WD_MAX)
		    "\"");
		ctl_attrs(b, &fs, "days", 0);
		html_raw(b, " value=\"");
		html_text(b, fval(&fs, "days", ""));
		html_raw(b, "\"></label>");
		ctl_error(b, &fs, "days");
	} else if (f & F_DAYS) {
		html_raw(b, "<label>延长工作日<input type=\"number\""
		    " min=\"1\" max=\"20\"");
		ctl_attrs(b, &fs, "days", 0);
		html_raw(b, " value=\"");
		html_text(b, fval(&fs, "days", "20"));
		html_raw(b, "\"></label>");
		ctl_error(b, &fs, "days");
	}
	if (f & F_TOLD)
		date_input(b, &fs, "told_on", "告知申请人日期", today);
	if (f & F_PARTY) {
		sv = fval(&fs, "party", "third_party");
		html_raw(b, "<label>征求意见类型<select");
		ctl_attrs(b, &fs, "party", 0);
		html_raw(b, "><option value=\"third_party\">第三方（第三十二条）"
		    "</option><option value=\"agency\"");
		if (strcmp(sv, "agency") == 0)
			html_raw(b, " selected");
		html_raw(b, ">其他机关（第三十四条）</option></select></label>");
		ctl_error(b, &fs, "party");
	}
	html_raw(b, "</div>");
	if (f & F_FEE)
		fee_fields(b, r, v);
	nk = act_form_texts(a, -1, keys, sizeof(keys) / sizeof(keys[0]));
	for (i = 0; i < nk; i++) {
		const char	*stored = pc_text_of(tx, ntx, keys[i]);
		struct buf	 pre;

		/* Decision 17: a correction notice pre-filled with the
		 * Art 29 items the application lacks. */
		buf_init(&pre);
		if (a == ACT_REQUEST_CORRECTION && (stored == NULL ||
		    stored[0] == '\0') &&
		    strcmp(keys[i], "correction_items") == 0) {
			art29_correction_text(art29_missing(&v->rec), &pre);
			if (pre.len > 0)
				stored = buf_str(&pre);
		}
		text_field(b, &fs, a, sel, keys[i], stored, ph, nph);
		buf_clear(&pre);
	}
	if (f & F_NOTE) {
		html_raw(b, "<label class=\"wide\">备注（记入办理记录）"
		    "<textarea rows=\"2\" maxlength=\"");
		html_int(b, LIM_COMMENT_CHARS);
		html_raw(b, "\"");
		ctl_attrs(b, &fs, "note", 0);
		html_raw(b, ">");
		html_text(b, fval(&fs, "note", NULL));
		html_raw(b, "</textarea></label>");
		ctl_error(b, &fs, "note");
	}
	html_raw(b, "<button type=\"submit\">");
	if (g == GRANT_APPROVAL)
		html_raw(b, "提交审批");
	else
		html_label(b, actions, ACT__MAX, actions[a].code);
	html_raw(b, "</button></form></details>");
}

/*
 * A pending request: the draft of the letter it sends (样稿, no 文号,
 * computed on request) beside the reviewer's decision, which the
 * requester and the other roles see without the form.
 */
static void
approval_box(struct buf *b, const struct req *r, const struct case_view *v,
    const struct approval *ap, const struct signoff_view *sv)
{
	struct buf	 u;
	char		 id[64];

	buf_init(&u);
	snprintf(id, sizeof(id), "/approvals/%lld/draft.pdf",
	    (long long)ap->id);
	pc_case_url(&u, v->rec.number, id);
	html_raw(b, "<div class=\"ap-box\">");
	/* A fee notice sends no letter with it (the 收费通知书 is issued
	 * from the letters panel): no draft. */
	if (letter_for_action(ap->action) != NULL) {
		html_raw(b, "<figure class=\"draft\">"
		    "<iframe title=\"文书样稿\" src=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\"></iframe><figcaption>批准后出具的");
		html_text(b, strcmp(ap->action, "extend") == 0 ?
		    "延期答复告知书" : "答复书");
		html_raw(b, "（样稿，文号在批准签发时编定）：<a"
		    " class=\"draft-link\" target=\"_blank\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">打开样稿</a></figcaption></figure>");
	}
	buf_clear(&u);
	/* Only the signer of the step to sign now gets the form (the
	 * rule is signoff_view_get's). */
	if (sv->may_sign && sv->current >= 0) {
		const struct signoff_step *st = &sv->steps[sv->current];
		int last = (size_t)sv->current + 1 == sv->n;

		snprintf(id, sizeof(id), "/approvals/%lld", (long long)ap->id);
		pc_form_open(b, r, v->rec.number, id, 0);
		if (sv->n > 1) {
			html_raw(b, "<p class=\"ap-step\">待您签批：第");
			html_int(b, sv->current + 1);
			html_raw(b, "步“");
			html_text(b, st->name);
			html_raw(b, "”</p>");
		}
		buf_puts(b, last && letter_for_action(ap->action) == NULL ?
		    "<p class=\"hint\">批准即发出收费通知；退回时请写明意见，"
		    "承办人在工作台上看到。</p>" :
		    last ? "<p class=\"hint\">批准即按样稿出具文书并"
		    "编定文号；退回时请写明意见，承办人在工作台上看到。</p>" :
		    "<p class=\"hint\">同意后转下一步签批；退回时请写明意见，"
		    "承办人在工作台上看到。</p>");
		html_raw(b, "<label class=\"wide\">审批意见<textarea"
		    " name=\"comment\" rows=\"3\" maxlength=\"");
		html_int(b, LIM_COMMENT_CHARS);
		html_raw(b, "\"></textarea></label><div class=\"row\">"
		    "<button type=\"submit\" name=\"decision\""
		    " value=\"approve\">");
		buf_puts(b, last ? "批准并出具" : "同意");
		html_raw(b, "</button>"
		    "<button type=\"submit\" name=\"decision\""
		    " value=\"reject\" class=\"secondary\">退回</button>"
		    "</div></form>");
	}
	html_raw(b, "</div>");
}

/*
 * The chain of a request (more than one step): each step with who
 * signs it and, once signed, the signer, decision, time and opinion;
 * read-only.
 */
static void
chain_list(struct buf *b, const struct signoff_view *sv)
{
	char	 who[256];
	size_t	 i;

	if (sv->n < 2)
		return;
	html_raw(b, "<ol class=\"ap-chain\">");
	for (i = 0; i < sv->n; i++) {
		const struct signoff_step *st = &sv->steps[i];

		buf_puts(b, (int)i == sv->current ? "<li class=\"current\">" :
		    "<li>");
		html_text(b, st->name);
		html_raw(b, "：");
		if (st->decision[0] == '\0') {
			signoff_signer_label(st->signer, who, sizeof(who));
			buf_puts(b, (int)i == sv->current ? "待签批（" :
			    "未签（");
			html_text(b, who);
			html_raw(b, "）</li>");
			continue;
		}
		html_text(b, st->signed_by);
		buf_puts(b, strcmp(st->decision, "approve") == 0 ? "，同意，" :
		    "，退回，");
		html_time(b, st->signed_at);
		if (st->opinion != NULL && st->opinion[0] != '\0') {
			html_raw(b, "<p class=\"text\">");
			html_text(b, st->opinion);
			html_raw(b, "</p>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

void
pc_approvals_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct approval	*ap = NULL;
	struct signoff_view sv;
	size_t		 i, nap = 0;

	if (approvals_list(r->st, v->rec.id, 0, 20, &ap, &nap) != CM_OK ||
	    nap == 0) {
		approvals_free(ap, nap);
		return;
	}
	html_raw(b, "<section class=\"panel\" id=\"approvals\"><h2>审批</h2>"
	    "<ul class=\"approvals\">");
	for (i = 0; i < nap; i++) {
		html_raw(b, "<li class=\"ap-");
		html_text(b, ap[i].status);
		html_raw(b, "\"><p><b>");
		html_text(b, signoff_action_label(ap[i].action, 0));
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
		if (signoff_view_get(r->st, &ap[i], r->sess.user, r->sess.role,
		    &sv) != CM_OK)
			memset(&sv, 0, sizeof(sv));
		chain_list(b, &sv);
		if (ap[i].comment != NULL && ap[i].comment[0] != '\0' &&
		    sv.n < 2) {
			html_raw(b, "<p class=\"text\">审批意见：");
			html_text(b, ap[i].comment);
			html_raw(b, "</p>");
		}
		if (strcmp(ap[i].status, "pending") == 0)
			approval_box(b, r, v, &ap[i], &sv);
		signoff_view_clear(&sv);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	approvals_free(ap, nap);
}

/*
 * The texts of a pending decision, editable while the reviewer has not
 * decided: those its form shows (for its outcome), and the contact
 * line every letter may carry.  Texts are otherwise entered with the
 * action they belong to.
 */
void
pc_texts_section(struct buf *b, const struct req *r, const struct case_view *v,
    const struct case_text *tx, size_t ntx, const struct op_refusal *rf)
{
	static const char *const extra[] = { "contact_person", "contact_phone" };
	struct approval	*ap = NULL;
	struct fstate	 fs;
	const char	*keys[16];
	size_t		 i, nap = 0, nk;
	int		 act, o;

	if (!roles_may(r->sess.role, PERM_TEXTS))
		return;
	if (approvals_list(r->st, v->rec.id, 1, 1, &ap, &nap) != CM_OK ||
	    nap == 0 || (act = action_find(ap[0].action)) < 0) {
		approvals_free(ap, nap);
		return;
	}
	o = ap[0].outcome != NULL ? outcome_find(ap[0].outcome) : -1;
	nk = act == ACT_REPLY && o < 0 ? 0 :
	    act_form_texts(act, o, keys, sizeof(keys) / sizeof(keys[0]) - 2);
	for (i = 0; i < 2; i++)
		keys[nk++] = extra[i];
	memset(&fs, 0, sizeof(fs));
	fs.r = r;
	fs.rf = rf;
	fs.code = "texts";
	fs.posted = rf != NULL && req_field(r, "texts_form") != NULL;
	html_raw(b, "<section class=\"panel\" id=\"texts\"><h2>待审批答复的文书"
	    "内容</h2><p class=\"hint\">审核人作出决定前，可以修改提交审批的"
	    "文书内容；必填栏目不能留空。</p>");
	if (fs.posted && rf->field[0] == '\0') {
		html_raw(b, "<p class=\"field-error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	pc_form_open(b, r, v->rec.number, "/texts", 0);
	html_raw(b, "<input type=\"hidden\" name=\"texts_form\" value=\"1\">");
	for (i = 0; i < nk; i++)
		text_field(b, &fs, i + 2 < nk ? act : -1, o, keys[i],
		    pc_text_of(tx, ntx, keys[i]), NULL, 0);
	html_raw(b, "<button type=\"submit\">保存文书内容</button></form>"
	    "</section>");
	approvals_free(ap, nap);
}

/* The forms of the actions this role may take in this state. */
void
pc_actions_section(struct buf *b, const struct req *r,
    const struct case_view *v, const struct case_text *tx, size_t ntx,
    const struct op_refusal *rf)
{
	struct phrase	*ph = NULL;
	size_t		 nph = 0;
	unsigned	 allowed;
	enum grant	 g;
	int		 s, a, any;

	s = case_state_find(v->rec.state);
	allowed = s >= 0 ? lifecycle_allowed((enum case_state)s) : 0;
	any = 0;
	(void)phrases_list(r->st, NULL, &ph, &nph);
	html_raw(b, "<section class=\"panel\" id=\"actions\"><h2>办理</h2>");
	for (a = 0; a < ACT__MAX; a++) {
		if (!(allowed & (1u << a)) || a == ACT_RECEIVE)
			continue;
		if ((g = roles_act(r->sess.role, (enum action)a)) ==
		    GRANT_DENY)
			continue;
		action_form(b, r, v, (enum action)a, g, tx, ntx, rf, ph, nph);
		any = 1;
	}
	if (!any)
		html_raw(b, "<p class=\"empty\">当前状态下您的角色没有可办理的"
		    "事项。</p>");
	html_raw(b, "</section>");
	phrases_free(ph, nph);
}

/* A field of the body, NULL when absent or empty. */
static const char *
field(const struct req *r, const char *k)
{
	const char	*v = req_field(r, k);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/*
 * Decodes the fields of an action (form or JSON body, the same keys)
 * into the operation's input; the operation checks them.  Shared with
 * the JSON API.
 */
void
act_read(const struct req *r, struct act_in *in)
{
	size_t	 i;

	act_in_init(in);
	in->case_key = r->args[0];
	in->a.action = req_field(r, "action");
	in->a.on = field(r, "on");
	in->a.told_on = field(r, "told_on");
	in->a.outcome = field(r, "outcome");
	in->a.party = field(r, "party");
	in->a.note = req_field(r, "note");
	in->days = field(r, "days");
	in->amount = field(r, "amount");
	in->fee_method = field(r, "method");
	in->fee_count = field(r, "count");
	in->override_amount = field(r, "override_amount");
	in->reason = field(r, "reason");
	for (i = 0; i < OP_ACT_TEXTS; i++)
		in->texts[i] = req_field(r, op_act_text_keys[i]);
}

/*
 * POST /cases/{key}/act: one action, by the role matrix either applied
 * or filed for approval, with its texts.
 */
void
page_case_act(struct req *r, struct resp *p)
{
	struct act_in	 in;
	struct act_out	 out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	act_read(r, &in);
	pc_ctx(r, &ctx);
	if ((rc = op_case_act(&ctx, &in, &out, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, out.pending ? "requested" : "acted", NULL);
}

/* Reads a decision (approve|reject, comment) for approval n. */
int
decide_read(const struct req *r, struct decide_in *in)
{
	char		*end;
	long long	 id;

	memset(in, 0, sizeof(*in));
	in->case_key = r->args[0];
	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0)
		return -1;
	in->approval = id;
	in->decision = req_field(r, "decision");
	in->comment = req_field(r, "comment");
	return 0;
}

/* POST /cases/{key}/approvals/{id}: decision=approve|reject, comment. */
void
page_approval(struct req *r, struct resp *p)
{
	struct decide_out out;
	struct decide_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (decide_read(r, &in) != 0) {
		page_error(r, p, 404, "没有这个审批请求");
		return;
	}
	pc_ctx(r, &ctx);
	if ((rc = op_approval_decide(&ctx, &in, &out, &rf)) != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, rf.msg);
		else {
			pc_refused(r, p, rc, &rf);
			/* Not the signer of the step to sign now. */
			if (strcmp(rf.field, OP_DECIDE_SIGNER) == 0)
				p->status = 403;
		}
		return;
	}
	pc_back(r, p, strcmp(out.status, "pending") == 0 ? "signed" :
	    strcmp(out.status, "approved") == 0 ? "approved" : "rejected",
	    NULL);
}

/* Reads every case text the body has (all of the page's form; any
 * subset from the API). */
void
texts_read(const struct req *r, struct texts_in *in)
{
	const char	*v;
	size_t		 i;

	memset(in, 0, sizeof(*in));
	in->case_key = r->args[0];
	for (i = 0; case_text_keys[i] != NULL && in->n < OP_TEXTS_MAX; i++) {
		if ((v = req_field(r, case_text_keys[i])) == NULL)
			continue;
		in->key[in->n] = case_text_keys[i];
		in->value[in->n++] = v;
	}
}

/* POST /cases/{key}/texts: every case text at once (empty removes). */
void
page_texts(struct req *r, struct resp *p)
{
	struct texts_in	 in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	texts_read(r, &in);
	pc_ctx(r, &ctx);
	if ((rc = op_case_texts(&ctx, &in, NULL, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "texts", "#texts");
}
