/* SPDX-License-Identifier: ISC */
/*
 * The agency's standard letter texts (see letter_text.h): set, restore
 * and preview, the texts in force and the lookup that puts them into
 * every letter composed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/view.h"
#include "forms/letter.h"
#include "forms/letter_ctx.h"
#include "forms/letter_text.h"
#include "forms/template.h"
#include "forms/validate.h"
#include "ops/case.h"
#include "ops/letter_issue.h"
#include "ops/letter_text.h"
#include "ops/op.h"
#include "pdfgen/pdf.h"
#include "store/store.h"
#include "store/store_ltexts.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/doc.h"
#include "util/xmalloc.h"

/*
 * Reads the kind and outcome of in into k; a refusal names the field
 * (kind or outcome) as the page labels it.
 */
enum cm_err
letter_text_key_read(const struct letter_text_in *in,
    struct letter_text_key *k, struct op_refusal *rf)
{
	switch (letter_text_key_find(in->kind, in->outcome, k)) {
	case 0:
		return CM_OK;
	case -1:
		return op_refuse(rf, CM_INVALID, "kind", "文书种类无效");
	case -2:
		return op_refuse(rf, CM_INVALID, "outcome",
		    "答复书须选择有效的办理结果");
	default:
		return op_refuse(rf, CM_INVALID, "outcome",
		    "只有答复书区分办理结果");
	}
}

/* The first (newest) row of a version list. */
struct newest {
	int	 version;
	int	 agency;
	char	*body;
};

static int
newest_row(const struct ltext_row *r, void *arg)
{
	struct newest	*n = arg;

	n->version = r->version;
	n->agency = r->body != NULL;
	n->body = r->body != NULL ? xstrdup(r->body) : NULL;
	return 1;
}

/*
 * The text of key in force: version (0 when never edited), agency (the
 * agency's own text, not the shipped one) and the text (the caller
 * frees it; may be NULL if not wanted).
 */
enum cm_err
letter_text_current(struct store *st, const struct letter_text_key *k,
    int *version, int *agency, char **text)
{
	struct newest	 n;
	enum cm_err	 rc;
	const char	*def;

	memset(&n, 0, sizeof(n));
	if ((rc = letter_text_versions(st, k, newest_row, &n)) != CM_OK)
		return rc;
	if (version != NULL)
		*version = n.version;
	if (agency != NULL)
		*agency = n.agency;
	if (text != NULL) {
		def = letter_text_default(k);
		*text = n.body != NULL ? n.body : xstrdup(def != NULL ? def :
		    "");
	} else
		free(n.body);
	return CM_OK;
}

/* Every version of key, newest first. */
enum cm_err
letter_text_versions(struct store *st, const struct letter_text_key *k,
    ltext_fn *fn, void *arg)
{
	return store_ltext_versions(st, letter_kind_codes[k->kind],
	    letter_text_outcome_code(k), fn, arg);
}

static int
load_row(const struct ltext_row *r, void *arg)
{
	struct letter_texts	*t = arg;
	struct letter_text_key	 k;
	char			 name[64];

	if (r->body == NULL || letter_text_key_find(r->kind, r->outcome,
	    &k) != 0 || letter_text_name(&k, name, sizeof(name)) != 0)
		return 0;
	t->name = xrealloc(t->name, (t->n + 1) * sizeof(*t->name));
	t->body = xrealloc(t->body, (t->n + 1) * sizeof(*t->body));
	t->name[t->n] = xstrdup(name);
	t->body[t->n] = xstrdup(r->body);
	t->n++;
	return 0;
}

/* Loads the agency's texts in force (none: every letter as shipped). */
enum cm_err
letter_texts_load(struct store *st, struct letter_texts *t)
{
	memset(t, 0, sizeof(*t));
	return store_ltext_current(st, load_row, t);
}

void
letter_texts_clear(struct letter_texts *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		free(t->name[i]);
		free(t->body[i]);
	}
	free(t->name);
	free(t->body);
	memset(t, 0, sizeof(*t));
}

static const char *
texts_find(void *arg, const char *name)
{
	const struct letter_texts *t = arg;
	size_t		 i;

	if (t->over_name != NULL && strcmp(t->over_name, name) == 0)
		return t->over_body;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			return t->body[i];
	return NULL;
}

/* The lookup for letter_compose_via(): t's texts, else the shipped. */
void
letter_texts_lookup(const struct letter_texts *t, struct template_lookup *lk)
{
	lk->find = texts_find;
	lk->arg = (void *)(uintptr_t)t;
}

/*
 * The sample case of the preview: a demo-like request, received ten
 * working days ago, with the event each letter kind notifies and the
 * officer's texts every outcome needs.  Built in memory only.
 */
static const char *const sample_texts[][2] = {
	{ "provided", "示范区2025年度义务教育阶段学校招生计划\n"
	    "示范区2025年度学校划片范围图" },
	{ "withheld_items", "学生个人信息：涉及个人隐私，依据条例第十五条"
	    "不予公开" },
	{ "reasons", "本机关经检索核实，现将有关情况说明如下。" },
	{ "how_to_obtain", "请于收到本文书之日起15个工作日内，携带身份证件"
	    "到本机关政务服务窗口领取。" },
	{ "correction_items", "请明确所需政府信息的名称或文号\n"
	    "请说明所需信息的时间范围" },
	{ "consult_party", "示范市宏达建筑工程有限公司" },
	{ "consult_subject", "该公司与本机关签订的服务合同是否涉及商业秘密" },
	{ "responsible_agency", "示范市示范区自然资源局" },
	{ "responsible_contact", "0591-87000000" },
	{ "earlier_reply", "本机关已于2025年3月10日作出答复（示范教公开"
	    "〔2025〕8号）" },
	{ "fee_method", "按件" },
	{ "fee_count", "25" },
	{ "fee_computation", "第11件至第25件：15件×100元/件＝1500元" },
	{ "fee_pay_how", "请通过本机关指定的非税收入缴款渠道缴纳。" },
	{ "contact_person", "李老师" },
	{ "contact_phone", "0591-12345678" },
	{ "third_party_objection", "该合同含有本公司的报价构成，属于商业秘密" },
	{ "third_party_reasons", "该合同涉及财政资金使用，公开有利于公众监督，"
	    "不公开可能对公共利益造成重大影响。" },
};

#define NSAMPLE	(sizeof(sample_texts) / sizeof(sample_texts[0]))

static void
sample_event(struct case_view *v, const char *action, int on,
    const char *outcome)
{
	struct event_rec *e = &v->ev[v->nev++];
	char		 d[DATE_STRLEN];

	memset(e, 0, sizeof(*e));
	e->seq = (int)v->nev;
	e->action = xstrdup(action);
	e->actor = xstrdup("示例");
	e->at = xstrdup("");
	date_format(on, d);
	memcpy(e->effective, d, sizeof(d));
	e->days = strcmp(action, "extend") == 0 ? LAW_EXTENSION_WD :
	    strcmp(action, "ask-reasons") == 0 ? LAW_REASONS_PERIOD_WD :
	    strcmp(action, "set-later-deadline") == 0 ? 40 : 0;
	e->party = xstrdup(strcmp(action, "consult-start") == 0 ? "third" :
	    "");
	e->outcome = outcome != NULL ? xstrdup(outcome) : NULL;
	e->amount_fen = strcmp(action, "fee-notice") == 0 ? 150000 : -1;
	e->note = xstrdup("");
	e->payload = xstrdup("{}");
	e->addr = xstrdup("");
}

static void
sample_case(const struct calendar *cal, int today,
    const struct letter_text_key *k, struct case_view *v,
    struct case_text *tx)
{
	char	 num[32];
	int	 recv, on;
	size_t	 i;

	memset(v, 0, sizeof(*v));
	deadline_init(&v->dl);
	recv = calendar_add_workdays(cal, today, -10, NULL);
	on = calendar_add_workdays(cal, recv, 3, NULL);
	snprintf(v->rec.id, sizeof(v->rec.id), "%s", "sample");
	snprintf(num, sizeof(num), "%d-0001", date_year(recv));
	v->rec.number = xstrdup(num);
	v->rec.year = date_year(recv);
	v->rec.seq = 1;
	v->rec.appl.type = xstrdup("person");
	v->rec.appl.name = xstrdup("张伟");
	v->rec.appl.address = xstrdup("示范市示范区文化路12号3单元402室");
	v->rec.channel = xstrdup("post");
	date_format(recv, v->rec.received);
	memcpy(v->rec.arrived, v->rec.received, sizeof(v->rec.arrived));
	v->rec.request = xstrdup("2025年度示范区义务教育阶段学校招生计划及划片"
	    "范围");
	v->rec.doc_number = xstrdup("");
	v->rec.delivery = xstrdup("邮寄");
	v->rec.state = xstrdup(k->kind == LETTER_REPLY ? "replied" :
	    "handling");
	v->rec.outcome = k->kind == LETTER_REPLY ?
	    xstrdup(letter_text_outcome_code(k)) : NULL;
	v->ev = xcalloc(3, sizeof(*v->ev));
	sample_event(v, "register", recv, NULL);
	switch (k->kind) {
	case LETTER_CORRECTION:
		sample_event(v, "request-correction", on, NULL);
		break;
	case LETTER_EXTENSION:
		sample_event(v, "extend", today, NULL);
		break;
	case LETTER_CONSULT_THIRD:
	case LETTER_CONSULT_AGENCY:
		sample_event(v, "consult-start", on, NULL);
		break;
	case LETTER_FEE:
		sample_event(v, "fee-notice", on, NULL);
		break;
	case LETTER_THIRD_PARTY_DECISION:
		sample_event(v, "consult-start", on, NULL);
		break;
	case LETTER_REASONS_REQUEST:
		sample_event(v, "ask-reasons", on, NULL);
		break;
	case LETTER_LATER_DEADLINE:
		sample_event(v, "set-later-deadline", today, NULL);
		break;
	case LETTER_REPLY:
		sample_event(v, "reply", today, v->rec.outcome);
		break;
	default:
		break;
	}
	v->dl.received = recv;
	v->dl.due_base = calendar_add_workdays(cal, recv, LAW_REPLY_WD +
	    (k->kind == LETTER_EXTENSION ? LAW_EXTENSION_WD : 0), NULL);
	v->dl.due = v->dl.due_base;
	v->dl.correction_deadline = DATE_NONE;
	v->today = today;
	for (i = 0; i < NSAMPLE; i++) {
		tx[i].key = (char *)(uintptr_t)sample_texts[i][0];
		tx[i].value = (char *)(uintptr_t)sample_texts[i][1];
	}
}

/* An agency for the sample when none is set yet. */
static void
sample_agency(struct agency *a)
{
	memset(a, 0, sizeof(*a));
	a->name = xstrdup("示范市示范区教育局");
	a->code = xstrdup("示范教公开");
	a->address = xstrdup("示范市示范区文化路1号");
	a->postcode = xstrdup("350100");
	a->phone = xstrdup("0591-12345678");
	a->review_body = xstrdup("示范市示范区人民政府");
	a->review_address = xstrdup("示范市示范区人民路100号");
	a->court = xstrdup("示范市示范区人民法院");
	a->court_address = xstrdup("示范市示范区法院路8号");
	a->correction_period = LAW_CORRECTION_PERIOD_WD;
}

/*
 * Composes the letter of key on the sample case with text in its place
 * (NULL: the text in force) into d; pdf, when given, gets it rendered
 * with the agency's faces.  Reads only.
 */
static enum cm_err
sample_letter(const struct op_ctx *ctx, const struct letter_text_key *k,
    const char *text, struct buf *pdf, char *err, size_t errlen)
{
	struct case_view	 v;
	struct case_text	 tx[NSAMPLE];
	struct agency		 a;
	struct letter_src	 src;
	struct letter_texts	 lt;
	struct template_lookup	 lk;
	struct pdf_fonts	 f;
	struct ctx		 c;
	struct doc		 d;
	char			 name[64], num[96], *hold[3] = { 0 };
	const char		*msg;
	enum cm_err		 rc;

	if ((rc = letter_texts_load(ctx->st, &lt)) != CM_OK) {
		snprintf(err, errlen, "读取文书文本失败");
		return rc;
	}
	letter_text_name(k, name, sizeof(name));
	if (text != NULL) {
		lt.over_name = name;
		lt.over_body = text;
	}
	letter_texts_lookup(&lt, &lk);
	if (store_agency_get(ctx->st, &a) != CM_OK)
		sample_agency(&a);
	sample_case(ctx->cal, ctx->today, k, &v, tx);
	memset(&src, 0, sizeof(src));
	src.view = &v;
	src.agency = &a;
	src.texts = tx;
	src.ntexts = NSAMPLE;
	src.cal = ctx->cal;
	src.served_doc = "政府信息公开申请答复书";
	src.today = ctx->today;
	/* The 办理审批单 of a three-step chain (issue 13 item 4). */
	src.approval_decision = "答复：予以公开";
	src.approval_requested = "王承办";
	src.approval_steps = "1. 拟办：王承办，同意\n意见：拟予以公开。\n"
	    "2. 审核：赵科长，同意\n意见：同意，报签发。\n"
	    "3. 签发：李主任，同意\n意见：同意签发。";
	src.approval_date = "";
	ctx_init(&c);
	doc_init(&d);
	if ((msg = letter_ctx_fill(k->kind, &src, &c)) != NULL) {
		snprintf(err, errlen, "%s", msg);
		rc = CM_INVALID;
		goto out;
	}
	if (k->kind != LETTER_RECEIPT && k->kind != LETTER_APPROVAL_FORM) {
		snprintf(num, sizeof(num), "%s〔%d〕1号", a.code != NULL &&
		    a.code[0] != '\0' ? a.code : a.name, date_year(ctx->today));
		ctx_set(&c, "doc_number", num);
	}
	if ((rc = letter_compose_via(&lk, k->kind, k->outcome, &c, &d, err,
	    errlen)) != CM_OK || pdf == NULL)
		goto out;
	letter_issue_fonts(ctx->st, &f, hold);
	if (pdf_render_docs(&d, 1, &f, pdf, err, errlen) != 0)
		rc = CM_INVALID;
	free(hold[0]);
	free(hold[1]);
	free(hold[2]);
out:
	doc_free_fields(&d);
	ctx_clear(&c);
	case_view_clear(&v);
	agency_clear(&a);
	letter_texts_clear(&lt);
	return rc;
}

/* Checks text for key: the placeholders, the parser, the sample. */
static enum cm_err
check_text(const struct op_ctx *ctx, const struct letter_text_key *k,
    const char *text, struct op_refusal *rf)
{
	char	 msg[512];

	if (text == NULL || text[0] == '\0')
		return op_refuse(rf, CM_INVALID, "text", "请填写文本");
	if (letter_text_check(k, text, msg, sizeof(msg)) != CM_OK)
		return op_refuse(rf, CM_INVALID, "text", "%s", msg);
	if (sample_letter(ctx, k, text, NULL, msg, sizeof(msg)) != CM_OK)
		return op_refuse(rf, CM_INVALID, "text", "示例案件无法生成文书：%s",
		    msg);
	return CM_OK;
}

static enum cm_err
check_note(const char *note, struct op_refusal *rf)
{
	const char	*m;

	if (note != NULL && (m = valid_text(note, LIM_COMMENT_CHARS, 0, 1)) !=
	    NULL)
		return op_refuse(rf, CM_INVALID, "note", "修改说明：%s", m);
	return CM_OK;
}

/* A copy of s with CR LF and lone CR written LF (a browser's textarea
 * sends CR LF): one text, one form, whichever way it came. */
static char *
lf_only(const char *s)
{
	char	*t = xstrdup(s), *q = t;

	for (; *s != '\0'; s++)
		if (*s != '\r')
			*q++ = *s;
		else if (s[1] != '\n')
			*q++ = '\n';
	*q = '\0';
	return t;
}

/* Stores a version of key (body NULL: the shipped text). */
static enum cm_err
add_version(const struct op_ctx *ctx, const struct letter_text_key *k,
    const char *body, const char *note, struct letter_text_out *out,
    struct op_refusal *rf)
{
	char		 now[32];
	int		 v = 0;
	enum cm_err	 rc;

	now_iso(now);
	if ((rc = store_ltext_add(ctx->st, letter_kind_codes[k->kind],
	    letter_text_outcome_code(k), body, note != NULL ? note : "",
	    ctx->actor != NULL ? ctx->actor : "", now, &v)) != CM_OK ||
	    (rc = store_commit(ctx->st)) != CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, "保存失败");
	}
	if (out != NULL)
		out->version = v;
	return CM_OK;
}

/*
 * Replaces the text of a letter kind (or reply outcome) with the
 * agency's own: checked (placeholders, mandatory ones, parser, a
 * letter on the sample case), stored as the next version, in force for
 * the next letter composed.  An unchanged text is refused.
 */
enum cm_err
op_letter_text_set(const struct op_ctx *ctx, const struct letter_text_in *in,
    struct letter_text_out *out, struct op_refusal *rf)
{
	struct letter_text_key	 k;
	char			*cur = NULL, *text;
	enum cm_err		 rc;
	int			 same;

	op_refusal_init(rf);
	if ((rc = letter_text_key_read(in, &k, rf)) != CM_OK ||
	    (rc = check_note(in->note, rf)) != CM_OK)
		return rc;
	text = lf_only(in->text != NULL ? in->text : "");
	if ((rc = check_text(ctx, &k, text, rf)) != CM_OK)
		goto out;
	if ((rc = store_begin(ctx->st)) != CM_OK) {
		rc = op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
		goto out;
	}
	if ((rc = letter_text_current(ctx->st, &k, NULL, NULL, &cur)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		rc = op_refuse(rf, rc, NULL, "读取文书文本失败");
		goto out;
	}
	same = strcmp(cur, text) == 0;
	free(cur);
	if (same) {
		store_rollback(ctx->st);
		rc = op_refuse(rf, CM_CONFLICT, "text", "文本没有改动");
		goto out;
	}
	rc = add_version(ctx, &k, text, in->note, out, rf);
out:
	free(text);
	return rc;
}

/*
 * "恢复标准文本": a version marking that the shipped text applies
 * again (later shipped wording included).  Refused when it already
 * applies.
 */
enum cm_err
op_letter_text_restore(const struct op_ctx *ctx,
    const struct letter_text_in *in, struct letter_text_out *out,
    struct op_refusal *rf)
{
	struct letter_text_key	 k;
	int			 agency = 0;
	enum cm_err		 rc;

	op_refusal_init(rf);
	if ((rc = letter_text_key_read(in, &k, rf)) != CM_OK ||
	    (rc = check_note(in->note, rf)) != CM_OK)
		return rc;
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = letter_text_current(ctx->st, &k, NULL, &agency, NULL)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, "读取文书文本失败");
	}
	if (!agency) {
		store_rollback(ctx->st);
		return op_refuse(rf, CM_CONFLICT, NULL, "已在使用标准文本");
	}
	return add_version(ctx, &k, NULL, in->note, out, rf);
}

/*
 * The letter of a kind on the sample case as a PDF, with in->text in
 * place of its text (NULL: the text in force), checked as by
 * op_letter_text_set().  Writes nothing.
 */
enum cm_err
op_letter_text_preview(const struct op_ctx *ctx,
    const struct letter_text_in *in, struct buf *pdf, struct op_refusal *rf)
{
	struct letter_text_key	 k;
	char			 msg[512], *text = NULL;
	enum cm_err		 rc;

	op_refusal_init(rf);
	if ((rc = letter_text_key_read(in, &k, rf)) != CM_OK)
		return rc;
	if (in->text != NULL) {
		text = lf_only(in->text);
		if ((rc = check_text(ctx, &k, text, rf)) != CM_OK)
			goto out;
	}
	if ((rc = sample_letter(ctx, &k, text, pdf, msg, sizeof(msg))) !=
	    CM_OK)
		rc = op_refuse(rf, rc, "text", "无法生成预览：%s", msg);
out:
	free(text);
	return rc;
}
