/* SPDX-License-Identifier: ISC */
/*
 * Tables of the canonical codes (shared/spec/codes.md).  Renaming a code
 * is a breaking change: the database, the API and scripts use them.
 */
#include <string.h>

#include "cases/codes.h"

const struct code applicant_types[APPL__MAX] = {
	[APPL_PERSON] =		{ "person", "自然人", NULL },
	[APPL_BUSINESS] =	{ "business", "商业企业", NULL },
	[APPL_RESEARCH] =	{ "research", "科研机构", NULL },
	[APPL_NGO] =		{ "ngo", "社会公益组织", NULL },
	[APPL_LEGAL] =		{ "legal", "法律服务机构", NULL },
	[APPL_OTHER_ORG] =	{ "other_org", "其他", NULL },
};

const struct code id_types[IDT__MAX] = {
	[IDT_RESIDENT_ID] =	{ "resident_id", "居民身份证", NULL },
	[IDT_PASSPORT] =	{ "passport", "护照", NULL },
	[IDT_HK_MACAU] =	{ "hk_macau_permit", "港澳居民来往内地通行证", NULL },
	[IDT_TAIWAN] =		{ "taiwan_permit", "台湾居民来往大陆通行证", NULL },
	[IDT_FOREIGN_PERMANENT] = { "foreign_permanent", "外国人永久居留身份证", NULL },
	[IDT_USCC] =		{ "uscc", "统一社会信用代码", NULL },
	[IDT_OTHER] =		{ "other", "其他", NULL },
};

const struct code channels[CH__MAX] = {
	[CH_IN_PERSON] =	{ "in_person", "当面提交", NULL },
	[CH_POST] =		{ "post", "邮寄", NULL },
	[CH_POST_PLAIN] =	{ "post_plain", "平信", NULL },
	[CH_ONLINE] =		{ "online", "互联网", NULL },
	[CH_FAX] =		{ "fax", "传真", NULL },
	[CH_OTHER] =		{ "other", "其他渠道", NULL },
};

const struct code case_states[ST__MAX] = {
	[ST_RECEIVED] =		{ "received", "已接收", NULL },
	[ST_REGISTERED] =	{ "registered", "已登记", NULL },
	[ST_UNDER_REVIEW] =	{ "under_review", "审核中", NULL },
	[ST_AWAITING_CORRECTION] = { "awaiting_correction", "待补正", NULL },
	[ST_HANDLING] =		{ "handling", "办理中", NULL },
	[ST_CONSULTING] =	{ "consulting", "征求意见中", NULL },
	[ST_AWAITING_FEE] =	{ "awaiting_fee", "待缴费", NULL },
	[ST_REPLIED] =		{ "replied", "已答复", NULL },
	[ST_ARCHIVED] =		{ "archived", "已归档", NULL },
};

const struct code actions[ACT__MAX] = {
	[ACT_RECEIVE] =		{ "receive", "接收申请", NULL },
	[ACT_REGISTER] =	{ "register", "登记", NULL },
	[ACT_REVIEW] =		{ "review", "审核", NULL },
	[ACT_ACCEPT] =		{ "accept", "受理办理", NULL },
	[ACT_REQUEST_CORRECTION] = { "request-correction", "告知补正", NULL },
	[ACT_CORRECTED] =	{ "corrected", "收到补正", NULL },
	[ACT_CORRECTION_LAPSED] = { "correction-lapsed", "逾期未补正", NULL },
	[ACT_CONSULT_START] =	{ "consult-start", "征求意见", NULL },
	[ACT_CONSULT_END] =	{ "consult-end", "意见返回", NULL },
	[ACT_FEE_NOTICE] =	{ "fee-notice", "收费通知", NULL },
	[ACT_FEE_PAID] =	{ "fee-paid", "已缴费", NULL },
	[ACT_FEE_LAPSED] =	{ "fee-lapsed", "逾期未缴费", NULL },
	[ACT_EXTEND] =		{ "extend", "延期答复", NULL },
	[ACT_REPLY] =		{ "reply", "答复", NULL },
	[ACT_WITHDRAW] =	{ "withdraw", "撤回申请", NULL },
	[ACT_ARCHIVE] =		{ "archive", "归档", NULL },
	[ACT_REDO] =		{ "redo", "责令重新答复", NULL },
	/* Art 35 (decision 14). */
	[ACT_ASK_REASONS] =	{ "ask-reasons", "要求说明理由", NULL },
	[ACT_REASONS_RECEIVED] = { "reasons-received", "收到理由说明", NULL },
	[ACT_SET_LATER_DEADLINE] = { "set-later-deadline", "确定延迟答复期限",
				  NULL },
};

const struct code outcomes[OUT__MAX] = {
	[OUT_DISCLOSED] = { "disclosed", "予以公开",
	    "第三十六条第（二）项" },
	[OUT_PARTIAL] = { "partial",
	    "部分公开（区分处理的，只计这一情形，不计其他情形）",
	    "第三十七条" },
	[OUT_WITHHELD_STATE_SECRET] = { "withheld.state_secret",
	    "属于国家秘密", "第十四条" },
	[OUT_WITHHELD_LAW] = { "withheld.law",
	    "其他法律行政法规禁止公开", "第十四条" },
	[OUT_WITHHELD_SAFETY] = { "withheld.safety",
	    "危及“三安全一稳定”", "第十四条" },
	[OUT_WITHHELD_THIRD_PARTY] = { "withheld.third_party",
	    "保护第三方合法权益", "第十五条" },
	[OUT_WITHHELD_INTERNAL] = { "withheld.internal",
	    "属于三类内部事务信息", "第十六条第一款" },
	[OUT_WITHHELD_PROCESS] = { "withheld.process",
	    "属于四类过程性信息", "第十六条第二款" },
	[OUT_WITHHELD_ENFORCEMENT] = { "withheld.enforcement",
	    "属于行政执法案卷", "第十六条第二款" },
	[OUT_WITHHELD_QUERY] = { "withheld.query",
	    "属于行政查询事项", "第三十六条第（七）项" },
	[OUT_UNAVAILABLE_NOT_HELD] = { "unavailable.not_held",
	    "本机关不掌握相关政府信息", "第三十六条第（四）项" },
	[OUT_UNAVAILABLE_NEEDS_CREATION] = { "unavailable.needs_creation",
	    "没有现成信息需要另行制作", "第三十八条" },
	[OUT_UNAVAILABLE_UNCLEAR] = { "unavailable.unclear",
	    "补正后申请内容仍不明确", "第三十条" },
	[OUT_NP_PETITION] = { "not_processed.petition",
	    "信访举报投诉类申请", "第三十九条第一款" },
	[OUT_NP_REPEAT] = { "not_processed.repeat",
	    "重复申请", "第三十六条第（六）项" },
	[OUT_NP_PUBLICATION] = { "not_processed.publication",
	    "要求提供公开出版物", "第三十九条第二款" },
	[OUT_NP_EXCESSIVE] = { "not_processed.excessive",
	    "无正当理由大量反复申请", "第三十五条" },
	[OUT_NP_CONFIRMATION] = { "not_processed.confirmation",
	    "要求行政机关确认或重新出具已获取信息", "第二条、第三十六条" },
	[OUT_OTHER_NO_CORRECTION] = { "other.no_correction",
	    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	    "第三十条" },
	[OUT_OTHER_NO_FEE] = { "other.no_fee",
	    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
	    "第四十二条、国办函〔2020〕109号" },
	[OUT_OTHER_OTHER] = { "other.other", "其他", NULL },
};

/* Returns the index of code in table t of n entries, or -1. */
int
code_find(const struct code *t, int n, const char *code)
{
	int	 i;

	if (code == NULL)
		return -1;
	/* The first byte before the whole string: pages look up a code
	 * for every row they show. */
	for (i = 0; i < n; i++)
		if (t[i].code[0] == code[0] && strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

/*
 * Refusals (不予公开) must tell the applicant that reconsideration comes
 * first (行政复议法 2023 art. 23(4)); decision 7 of domain.md.  An
 * answer to a query (Art 36(7), withheld.query) is not a refusal under
 * Arts 14-16: the applicant may choose either route (decision 15).
 */
int
outcome_is_refusal(enum outcome o)
{
	return o >= OUT_WITHHELD_STATE_SECRET && o < OUT_WITHHELD_QUERY;
}
