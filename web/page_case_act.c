/* SPDX-License-Identifier: ISC */
/*
 * The case page's actions: one form per lifecycle action this role may
 * take in this state, with exactly the fields it needs and the texts
 * its letters merge; requests awaiting approval with the reviewer's
 * decision; the case texts.  The POST handlers decode the form into
 * the operation's input (ops/case_ops.h) and call op_case_act,
 * op_approval_decide or op_case_texts -- the same calls the JSON API
 * and the CLI make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "ops/approval.h"
#include "ops/case.h"
#include "ops/fee.h"
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
	[ACT_FEE_NOTICE] = { F_ON | F_NOTE | F_FEE,
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
	{ "fee_pay_how", "缴费方式", 2 },
	{ "service_method", "送达方式", 1 },
	{ "contact_person", "联系人", 1 },
	{ "contact_phone", "联系电话", 1 },
};

#define NTEXTS	(sizeof(text_labels) / sizeof(text_labels[0]))

static const char *
text_label(const char *key)
{
	size_t	 i;

	for (i = 0; i < NTEXTS; i++)
		if (strcmp(text_labels[i].key, key) == 0)
			return text_labels[i].label;
	return key;
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

	html_raw(b, "<div class=\"row\"><label>收费方式<select name=\"method\""
	    " required><option value=\"item\">按件计收</option>"
	    "<option value=\"volume\">按量计收</option></select></label>"
	    "<label>件数或页数<input type=\"number\" name=\"count\" min=\"1\""
	    " max=\"");
	html_int(b, FEE_MAXCOUNT);
	html_raw(b, "\" required></label></div><p class=\"hint\">金额由系统按"
	    "国办函〔2020〕109号的收费标准计算，并在收费通知书中列明计算过程。"
	    "按件计收：填写该申请人本自然月累计申请件数（含本申请；此前收费通知"
	    "已计收的件数不再重复计收）；按量计收：填写需要提供的页数。");
	if (fee_month_counter(r->st, v->rec.id, &upto, &total, month) ==
	    CM_OK && strlen(month) == 7) {
		html_raw(b, "该申请人本自然月（");
		html_text(b, month);	/* "YYYY-MM" */
		html_raw(b, "）累计申请");
		html_int(b, upto);
		html_raw(b, "件（含本申请）。");
	}
	html_raw(b, "</p><div class=\"row\"><label>调整金额（元，可不填）"
	    "<input name=\"override_amount\" inputmode=\"decimal\""
	    " pattern=\"[0-9]+(\\.[0-9]{1,2})?\"></label></div>");
	pc_textarea(b, "reason", "调整理由（填写调整金额的必填）", 2, NULL);
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
	pc_form_open(b, r, v->rec.number, "/act", 0);
	html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"");
	html_text(b, actions[a].code);
	html_raw(b, "\"><p class=\"hint\">");
	html_text(b, act_forms[a].hint);
	html_raw(b, "</p><div class=\"row\">");
	if (f & F_ON)
		pc_input_date(b, "on", "生效日期", today);
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
		    " min=\"1\" max=\"20\" value=\"20\"></label>");
	if (f & F_TOLD)
		pc_input_date(b, "told_on", "告知申请人日期", today);
	if (f & F_PARTY)
		html_raw(b, "<label>征求意见对象<select name=\"party\">"
		    "<option value=\"third_party\">第三方（第三十二条）</option>"
		    "<option value=\"agency\">其他机关（第三十四条）</option>"
		    "</select></label>");
	html_raw(b, "</div>");
	if (f & F_FEE)
		fee_fields(b, r, v);
	if (f & F_CORRECTION)
		pc_textarea(b, "correction_items", text_label("correction_items"),
		    3, pc_text_of(tx, ntx, "correction_items"));
	if (f & F_CONSULT) {
		pc_textarea(b, "consult_party", text_label("consult_party"), 1,
		    pc_text_of(tx, ntx, "consult_party"));
		pc_textarea(b, "consult_subject", text_label("consult_subject"),
		    2, pc_text_of(tx, ntx, "consult_subject"));
	}
	if (f & F_REPLY) {
		pc_textarea(b, "provided", text_label("provided"), 3,
		    pc_text_of(tx, ntx, "provided"));
		pc_textarea(b, "withheld_items", text_label("withheld_items"), 3,
		    pc_text_of(tx, ntx, "withheld_items"));
		pc_textarea(b, "reasons", text_label("reasons"), 3,
		    pc_text_of(tx, ntx, "reasons"));
		pc_textarea(b, "how_to_obtain", text_label("how_to_obtain"), 2,
		    pc_text_of(tx, ntx, "how_to_obtain"));
	}
	if (f & F_NOTE)
		pc_textarea(b, "note", "备注（记入办理记录）", 2, NULL);
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
    const struct approval *ap)
{
	struct buf	 u;
	char		 id[64];

	buf_init(&u);
	snprintf(id, sizeof(id), "/approvals/%lld/draft.pdf",
	    (long long)ap->id);
	pc_case_url(&u, v->rec.number, id);
	html_raw(b, "<div class=\"ap-box\"><figure class=\"draft\">"
	    "<iframe title=\"文书样稿\" src=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\"></iframe><figcaption>批准后出具的");
	html_text(b, strcmp(ap->action, "extend") == 0 ? "延期答复告知书" :
	    "答复书");
	html_raw(b, "（样稿，文号在批准签发时编定）：<a class=\"draft-link\""
	    " target=\"_blank\" href=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\">打开样稿</a></figcaption></figure>");
	buf_clear(&u);
	if (roles_may(r->sess.role, PERM_APPROVE) &&
	    strcmp(ap->requested_by, r->sess.user) != 0) {
		snprintf(id, sizeof(id), "/approvals/%lld", (long long)ap->id);
		pc_form_open(b, r, v->rec.number, id, 0);
		html_raw(b, "<p class=\"hint\">批准即按样稿出具文书并编定文号；"
		    "退回时请写明意见，承办人在工作台上看到。</p>"
		    "<label class=\"wide\">审批意见<textarea"
		    " name=\"comment\" rows=\"3\" maxlength=\"");
		html_int(b, LIM_COMMENT_CHARS);
		html_raw(b, "\"></textarea></label><div class=\"row\">"
		    "<button type=\"submit\" name=\"decision\""
		    " value=\"approve\">批准并出具</button>"
		    "<button type=\"submit\" name=\"decision\""
		    " value=\"reject\" class=\"secondary\">退回</button>"
		    "</div></form>");
	}
	html_raw(b, "</div>");
}

void
pc_approvals_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct approval	*ap = NULL;
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
		if (strcmp(ap[i].status, "pending") == 0)
			approval_box(b, r, v, &ap[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	approvals_free(ap, nap);
}

void
pc_texts_section(struct buf *b, const struct req *r, const struct case_view *v,
    const struct case_text *tx, size_t ntx)
{
	size_t	 i;

	if (!roles_may(r->sess.role, PERM_TEXTS))
		return;
	html_raw(b, "<section class=\"panel\" id=\"texts\"><details><summary>"
	    "<h2>文书内容</h2></summary><p class=\"hint\">生成文书时合并进正文的"
	    "内容。留空即删除。</p>");
	pc_form_open(b, r, v->rec.number, "/texts", 0);
	for (i = 0; i < NTEXTS; i++)
		pc_textarea(b, text_labels[i].key, text_labels[i].label,
		    text_labels[i].rows, pc_text_of(tx, ntx, text_labels[i].key));
	html_raw(b, "<button type=\"submit\">保存文书内容</button></form>"
	    "</details></section>");
}

/* The forms of the actions this role may take in this state. */
void
pc_actions_section(struct buf *b, const struct req *r,
    const struct case_view *v, const struct case_text *tx, size_t ntx)
{
	unsigned	 allowed;
	enum grant	 g;
	int		 s, a, any;

	s = case_state_find(v->rec.state);
	allowed = s >= 0 ? lifecycle_allowed((enum case_state)s) : 0;
	any = 0;
	html_raw(b, "<section class=\"panel\" id=\"actions\"><h2>办理</h2>");
	for (a = 0; a < ACT__MAX; a++) {
		if (!(allowed & (1u << a)) || a == ACT_RECEIVE)
			continue;
		if ((g = roles_act(r->sess.role, (enum action)a)) ==
		    GRANT_DENY)
			continue;
		action_form(b, r, v, (enum action)a, g, tx, ntx);
		any = 1;
	}
	if (!any)
		html_raw(b, "<p class=\"empty\">当前状态下您的角色没有可办理的"
		    "事项。</p>");
	html_raw(b, "</section>");
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
	int		 a;
	enum cm_err	 rc;

	act_read(r, &in);
	if ((a = action_find(in.a.action)) >= 0 &&
	    roles_act(r->sess.role, (enum action)a) == GRANT_DENY) {
		pc_refuse(r, p, 403, "您的角色不能进行此项操作");
		return;
	}
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
	struct decide_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (decide_read(r, &in) != 0) {
		page_error(r, p, 404, "没有这个审批请求");
		return;
	}
	pc_ctx(r, &ctx);
	if ((rc = op_approval_decide(&ctx, &in, NULL, &rf)) != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, rf.msg);
		else
			pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, strcmp(in.decision, "approve") == 0 ? "approved" :
	    "rejected", NULL);
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
	for (i = 0; i < NTEXTS && in->n < OP_TEXTS_MAX; i++) {
		if ((v = req_field(r, text_labels[i].key)) == NULL)
			continue;
		in->key[in->n] = text_labels[i].key;
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
