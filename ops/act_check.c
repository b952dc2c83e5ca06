/* SPDX-License-Identifier: ISC */
/*
 * The letter check of an action (act_check.h).  The action is tried on
 * a savepoint so that the letter is composed from the case exactly as
 * the action would leave it (its event, outcome and clocks), then the
 * savepoint is undone: the caller applies the action or files it for
 * approval as usual.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/letter.h"
#include "forms/letter_ctx.h"
#include "forms/template.h"
#include "ops/act_check.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "store/letters.h"
#include "store/store.h"

/* Letter fields that are not case texts: the agency's settings. */
static const struct {
	const char	*key;
	const char	*label;
} agency_labels[] = {
	{ "agency_name", "机关名称" },
	{ "review_body", "行政复议机关" },
	{ "review_address", "行政复议机关地址" },
	{ "court", "管辖法院" },
	{ "court_address", "管辖法院地址" },
};

const char *
act_field_label(const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(agency_labels) / sizeof(agency_labels[0]); i++)
		if (strcmp(agency_labels[i].key, key) == 0)
			return agency_labels[i].label;
	return op_text_label(key);
}

int
act_letter_kind(const struct act_input *a)
{
	switch (action_find(a->action)) {
	case ACT_REPLY:
	case ACT_WITHDRAW:
	case ACT_CORRECTION_LAPSED:
	case ACT_FEE_LAPSED:
		return LETTER_REPLY;
	case ACT_REQUEST_CORRECTION:
		return LETTER_CORRECTION;
	case ACT_EXTEND:
		return LETTER_EXTENSION;
	case ACT_CONSULT_START:
		return a->party != NULL && strcmp(a->party, "agency") == 0 ?
		    LETTER_CONSULT_AGENCY : LETTER_CONSULT_THIRD;
	case ACT_ASK_REASONS:
		return LETTER_REASONS_REQUEST;
	case ACT_SET_LATER_DEADLINE:
		return LETTER_LATER_DEADLINE;
	default:
		/* The fee notice is checked by its own operation. */
		return -1;
	}
}

/* Is key a case text (an officer fills it on the page)? */
static int
is_text(const char *key)
{
	return case_text_key_valid(key);
}

/* Composes the letter of kind k from the case as it now is. */
static enum cm_err
compose(const struct op_ctx *ctx, const char *case_id, int k,
    struct op_refusal *rf)
{
	struct case_view	 v;
	struct agency		 ag;
	struct case_text	*tx = NULL;
	struct letter_src	 src;
	struct ctx		 c;
	char			*alt_body = NULL, *alt_addr = NULL, *online = NULL;
	char			 missing[32], err[512];
	const char		*what;
	size_t			 ntx = 0;
	int			 o;
	enum cm_err		 rc;

	memset(&v, 0, sizeof(v));
	memset(&ag, 0, sizeof(ag));
	ctx_init(&c);
	if ((rc = case_load(ctx->st, ctx->cal, case_id, ctx->today, &v)) !=
	    CM_OK) {
		op_refuse(rf, rc, NULL, "读取案件失败");
		goto out;
	}
	if ((rc = store_agency_get(ctx->st, &ag)) != CM_OK) {
		rc = op_refuse(rf, rc == CM_NOTFOUND ? CM_CONFLICT : rc, NULL,
		    "尚未设置机关信息，无法生成文书，请管理员先填写机关设置");
		goto out;
	}
	if ((rc = case_texts_get(ctx->st, case_id, &tx, &ntx)) != CM_OK) {
		op_refuse(rf, rc, NULL, "读取文书内容失败");
		goto out;
	}
	setting_get(ctx->st, "review_body_alt", &alt_body);
	setting_get(ctx->st, "review_address_alt", &alt_addr);
	setting_get(ctx->st, "review_online", &online);
	memset(&src, 0, sizeof(src));
	src.view = &v;
	src.agency = &ag;
	src.texts = tx;
	src.ntexts = ntx;
	src.cal = ctx->cal;
	src.review_body_alt = alt_body;
	src.review_address_alt = alt_addr;
	src.review_online = online;
	src.today = ctx->today;
	src.consult_names_applicant = act_consult_names_applicant(ctx->st);
	if (letter_ctx_fill((enum letter_kind)k, &src, &c) != NULL) {
		rc = op_refuse(rf, CM_SYSERR, NULL, "无法生成文书");
		goto out;
	}
	o = letter_ctx_outcome((enum letter_kind)k, &v);
	rc = letter_check((enum letter_kind)k, o, &c, missing,
	    sizeof(missing), err, sizeof(err));
	if (rc == CM_OK)
		goto out;
	what = k == LETTER_REPLY && o >= 0 ? outcomes[o].label :
	    k == LETTER_CORRECTION ? "补正告知书" :
	    k == LETTER_EXTENSION ? "延期答复告知书" :
	    k == LETTER_CONSULT_THIRD || k == LETTER_CONSULT_AGENCY ?
	    "征求意见书" : k == LETTER_THIRD_PARTY_DECISION ?
	    "公开决定告知书（第三方不同意公开）" : k == LETTER_REASONS_REQUEST ?
	    "说明理由通知书" : k == LETTER_LATER_DEADLINE ? "延迟答复告知书" :
	    "文书";
	if (missing[0] != '\0' && is_text(missing)) {
		if (k == LETTER_REPLY)
			rc = op_refuse(rf, CM_INVALID, missing,
			    "答复结果为“%s”时须填写“%s”", what,
			    act_field_label(missing));
		else
			rc = op_refuse(rf, CM_INVALID, missing,
			    "%s须写明“%s”", what, act_field_label(missing));
	} else if (missing[0] != '\0')
		rc = op_refuse(rf, CM_CONFLICT, NULL, "机关设置缺少“%s”，"
		    "无法生成文书，请管理员先在机关设置中填写",
		    act_field_label(missing));
	else
		rc = op_refuse(rf, CM_INVALID, NULL, "无法生成%s，请检查所填"
		    "内容", what);
out:
	free(alt_body);
	free(alt_addr);
	free(online);
	ctx_clear(&c);
	case_texts_free(tx, ntx);
	agency_clear(&ag);
	case_view_clear(&v);
	return rc;
}

enum cm_err
act_letter_check(const struct op_ctx *ctx, const char *case_id,
    const struct act_input *a, struct op_refusal *rf)
{
	char		 err[512];
	int		 k;
	enum cm_err	 rc;

	if ((k = act_letter_kind(a)) < 0)
		return CM_OK;
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	rc = case_act(ctx->st, ctx->cal, case_id, a, ctx->actor, ctx->today,
	    err, sizeof(err));
	if (rc != CM_OK)
		op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(err));
	else
		rc = compose(ctx, case_id, k, rf);
	/* Decision 13: disclosing over a third party's objection needs
	 * the written decision to the third party as well. */
	if (rc == CM_OK && k == LETTER_REPLY && act_needs_tp_decision(ctx->st,
	    case_id, a->outcome != NULL ? outcome_find(a->outcome) : -1))
		rc = compose(ctx, case_id, LETTER_THIRD_PARTY_DECISION, rf);
	store_rollback(ctx->st);
	return rc;
}

int
act_consult_names_applicant(struct store *st)
{
	char	*v = NULL;
	int	 on;

	setting_get(st, "consult_names_applicant", &v);
	on = v != NULL && strcmp(v, "on") == 0;
	free(v);
	return on;
}

int
act_reasons_period(struct store *st)
{
	char	*v = NULL, *end;
	long	 n;

	setting_get(st, "reasons_period", &v);
	n = v != NULL ? strtol(v, &end, 10) : 0;
	if (v == NULL || *end != '\0' || n < LIM_REASONS_PERIOD_MIN ||
	    n > LIM_REASONS_PERIOD_MAX)
		n = LAW_REASONS_PERIOD_WD;
	free(v);
	return (int)n;
}

int
act_needs_tp_decision(struct store *st, const char *case_id, int outcome)
{
	struct case_text *tx = NULL;
	size_t		 ntx = 0, i;
	int		 yes = 0;

	if (outcome != OUT_DISCLOSED && outcome != OUT_PARTIAL)
		return 0;
	if (case_texts_get(st, case_id, &tx, &ntx) != CM_OK)
		return 0;
	for (i = 0; i < ntx; i++)
		if (strcmp(tx[i].key, "third_party_objection") == 0 &&
		    tx[i].value != NULL && tx[i].value[0] != '\0')
			yes = 1;
	case_texts_free(tx, ntx);
	return yes;
}

/*
 * The texts an action's form offers, per action and (for a reply) per
 * outcome, with the hint each shows.  The letter decides which of them
 * are required (forms/letter.c, letter_requires()).
 */
static const struct {
	const char	*key;
	const char	*hint;
	int		 rows;
} text_defs[] = {
	{ "provided", "每行一项，答复书逐行编号列出。", 3 },
	{ "withheld_items", "每行一项：不予公开的内容——理由及依据。", 3 },
	{ "published_where", "已主动公开的，写明公开的网址或途径；填写后按条例"
	    "第三十六条第（一）项答复。", 2 },
	{ "how_to_obtain", "写明获取的方式、途径和时间，或办理途径。", 2 },
	{ "reasons", "写明事实和依据，答复书原文引用。", 3 },
	{ "earlier_reply", "此前答复的文号和日期，如：示范公开〔2025〕1号"
	    "答复书（2025年3月1日）。", 2 },
	{ "responsible_agency", "不属于本机关负责公开的，写明负责公开的机关；"
	    "不填写则告知该信息不存在。", 1 },
	{ "responsible_contact", "该机关的地址、电话等。", 1 },
	{ "correction_items", "每行一项，一次性告知全部需要补正的事项。", 3 },
	{ "consult_party", "第三方或其他机关的名称。", 1 },
	{ "consult_subject", "需要征求意见的政府信息。", 2 },
	{ "fee_pay_how", "缴费的方式和渠道，收费通知书原文引用。", 2 },
	{ "third_party_objection", "第三方书面意见不同意公开的，摘要记录其意见"
	    "和理由；决定公开的，须向第三方出具公开决定告知书（条例第三十二条）。",
	    2 },
	{ "third_party_reasons", "第三方不同意公开而本机关决定公开的，写明不公开"
	    "可能对公共利益造成重大影响的理由，公开决定告知书原文引用。", 3 },
};

#define NDEFS	(sizeof(text_defs) / sizeof(text_defs[0]))

/* Bits of text_defs[] each reply outcome's form shows. */
#define T(i)	(1u << (i))
enum { TP, TW, TPW, TH, TR, TE, TRA, TRC, TC, TCP, TCS, TF, TO, TTR };

static const unsigned reply_texts[OUT__MAX] = {
	[OUT_DISCLOSED] = T(TP) | T(TPW) | T(TH) | T(TTR),
	[OUT_PARTIAL] = T(TP) | T(TW) | T(TH) | T(TR) | T(TTR),
	[OUT_WITHHELD_STATE_SECRET] = T(TR),
	[OUT_WITHHELD_LAW] = T(TR),
	[OUT_WITHHELD_SAFETY] = T(TR),
	[OUT_WITHHELD_THIRD_PARTY] = T(TR),
	[OUT_WITHHELD_INTERNAL] = T(TR),
	[OUT_WITHHELD_PROCESS] = T(TR),
	[OUT_WITHHELD_ENFORCEMENT] = T(TR),
	[OUT_WITHHELD_QUERY] = T(TH) | T(TR),
	[OUT_UNAVAILABLE_NOT_HELD] = T(TR) | T(TRA) | T(TRC),
	[OUT_UNAVAILABLE_NEEDS_CREATION] = T(TR),
	[OUT_UNAVAILABLE_UNCLEAR] = T(TR),
	[OUT_NP_PETITION] = T(TR) | T(TH),
	[OUT_NP_REPEAT] = T(TE) | T(TR),
	[OUT_NP_PUBLICATION] = T(TH) | T(TR),
	[OUT_NP_EXCESSIVE] = T(TR),
	[OUT_NP_CONFIRMATION] = T(TR),
	[OUT_OTHER_NO_CORRECTION] = T(TR),
	[OUT_OTHER_NO_FEE] = T(TR),
	[OUT_OTHER_OTHER] = T(TR),
};

/* The texts of the form of action act (an enum action), for a reply
 * of outcome (-1: every reply text, in form order). */
static unsigned
form_bits(int act, int outcome)
{
	unsigned	 all = 0;
	int		 o;

	switch (act) {
	case ACT_REPLY:
		if (outcome >= 0 && outcome < OUT__MAX)
			return reply_texts[outcome];
		for (o = 0; o < OUT__MAX; o++)
			all |= reply_texts[o];
		return all;
	case ACT_REQUEST_CORRECTION:
		return T(TC);
	case ACT_CONSULT_START:
		return T(TCP) | T(TCS);
	case ACT_CONSULT_END:
		return T(TO);
	case ACT_FEE_NOTICE:
		return T(TF);
	default:
		return 0;
	}
}

size_t
act_form_texts(int act, int outcome, const char **keys, size_t max)
{
	unsigned	 bits = form_bits(act, outcome);
	size_t		 i, n = 0;

	for (i = 0; i < NDEFS && n < max; i++)
		if (bits & T(i))
			keys[n++] = text_defs[i].key;
	return n;
}

int
act_text_shown(int act, int outcome, const char *key)
{
	unsigned	 bits = form_bits(act, outcome);
	size_t		 i;

	for (i = 0; i < NDEFS; i++)
		if ((bits & T(i)) && strcmp(text_defs[i].key, key) == 0)
			return 1;
	return 0;
}

int
act_text_required(int act, int outcome, const char *key)
{
	struct act_input	 a;

	act_input_init(&a);
	a.action = act >= 0 && act < ACT__MAX ? actions[act].code : NULL;
	if (a.action == NULL || act_letter_kind(&a) < 0)
		return 0;
	if (act == ACT_REPLY && outcome < 0)
		return 0;
	return letter_requires((enum letter_kind)act_letter_kind(&a),
	    outcome, key);
}

const char *
act_text_hint(const char *key, int *rows)
{
	size_t	 i;

	for (i = 0; i < NDEFS; i++)
		if (strcmp(text_defs[i].key, key) == 0) {
			if (rows != NULL)
				*rows = text_defs[i].rows;
			return text_defs[i].hint;
		}
	if (rows != NULL)
		*rows = 2;
	return "";
}
