/* SPDX-License-Identifier: ISC */
/*
 * Tests for forms/template.c (the merge engine) and forms/letter.c (the
 * letters): every letter kind and every outcome composes from a full
 * context, cites its article (《中华人民共和国政府信息公开条例》), and
 * every reply carries the remedy paragraphs of decision 7 (domain.md
 * §4.3): reconsideration body and court with addresses, "60日" and
 * "6个月", or for refusals from 2024-01-01 reconsideration first
 * (行政复议法 2023 art. 23) and no direct suit.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "forms/letter.h"
#include "forms/template.h"
#include "util/buf.h"
#include "util/doc.h"

Suite	*template_suite(void);
Suite	*letter_suite(void);

#define REGS		"《中华人民共和国政府信息公开条例》"
#define FIRST_REVIEW	"应当先依法申请行政复议，对行政复议决定不服的，" \
			"可以自收到行政复议决定书之日起15日内依法提起行政诉讼"
/* The same rule as a partial disclosure words it, for its withheld part. */
#define FIRST_REVIEW_PART "对不予公开部分，根据《中华人民共和国行政复议法》" \
			"第二十三条，应当先申请行政复议，对复议决定不服的，" \
			"可以自收到复议决定书之日起15日内提起行政诉讼"
#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* A full context: every field the lead supplies. */
static const char *const full[][2] = {
	{ "agency_name", "某某县教育局" },
	{ "agency_code", "某教公开" },
	{ "agency_address", "某某县人民路1号" },
	{ "agency_phone", "0591-12345678" },
	{ "agency_postcode", "350000" },
	{ "review_body", "某某县人民政府" },
	{ "review_address", "某某县政府路2号县司法局行政复议室" },
	{ "court", "某某市某某区人民法院" },
	{ "court_address", "某某区法院路3号" },
	{ "case_number", "YSQ-2025-0042" },
	{ "case_id", "42" },
	{ "doc_number", "某教公开〔2025〕12号" },
	{ "applicant", "张三丰" },
	{ "applicant_address", "某某县幸福路8号" },
	{ "request", "2024年全县义务教育学校校舍安全检查报告" },
	{ "doc_ref", "某教〔2024〕7号" },
	{ "received", "2025年4月1日" },
	{ "due", "2025年4月29日" },
	{ "reply_date_iso", "2025-04-20" },
	{ "letter_date", "2025年4月20日" },
	{ "correction_items", "请明确所需信息的年份\n请说明所需信息的具体名称" },
	{ "correction_deadline", "2025年4月25日" },
	{ "correction_period", "15" },
	{ "extension_days", "20" },
	{ "new_due", "2025年5月28日" },
	{ "consult_party", "某某建筑有限公司" },
	{ "consult_subject", "某某学校校舍改造工程施工合同" },
	{ "consult_deadline", "2025年5月6日" },
	{ "fee_method", "按件" },
	{ "fee_count", "35" },
	{ "fee_computation", "20件×100元＋5件×200元" },
	{ "fee_amount", "3000.00" },
	{ "fee_computed_amount", "3000.00" },
	{ "fee_override_reason", "" },
	{ "fee_pay_how", "请通过非税收入缴款平台缴纳。" },
	{ "fee_deadline", "2025年5月20日" },
	{ "reasons", "officer-reasons-text" },
	{ "provided", "校舍安全检查报告\n检查结果汇总表" },
	{ "how_to_obtain", "随本答复书附送电子文本。" },
	{ "withheld_items", "附件三（安保布防图）— 危及公共安全" },
	{ "responsible_agency", "" },
	{ "responsible_contact", "" },
	{ "earlier_reply", "某教公开〔2025〕5号答复书" },
	{ "contact_person", "李四" },
	{ "contact_phone", "0591-87654321" },
	{ "service_doc", "政府信息公开申请答复书" },
	{ "service_method", "邮寄送达" },
	{ "third_party_objection", "该合同含有本公司报价构成" },
	{ "third_party_reasons", "tp-reasons-text" },
	{ "reasons_period", "15" },
	{ "later_days", "40" },
	{ "approval_decision", "答复：予以公开" },
	{ "approval_requested", "王五，2025年5月20日" },
	{ "approval_steps", "1. 拟办：王五，同意，2025年5月20日\n"
	    "意见：拟予以公开\n2. 审核：赵六，同意，2025年5月21日\n"
	    "意见：同意\n3. 签发：李四，同意，2025年5月22日\n意见：同意签发" },
};

static void
full_ctx(struct ctx *c)
{
	int	 i;

	ctx_init(c);
	for (i = 0; i < NELEM(full); i++)
		ctx_set(c, full[i][0], full[i][1]);
}

/* The whole document as one string, element per line. */
static char *
flatten(const struct doc *d)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_printf(&b, "%s\n%s\n%s\n%s\n", d->organ ? d->organ : "",
	    d->doc_number ? d->doc_number : "", d->title ? d->title : "",
	    d->addressee ? d->addressee : "");
	for (i = 0; i < d->npara; i++)
		buf_printf(&b, "%s\n", d->paras[i].text);
	buf_printf(&b, "%s\n%s\n%s\n", d->signer ? d->signer : "",
	    d->date ? d->date : "", d->note ? d->note : "");
	return buf_release(&b);
}

#define HAS(t, s)	ck_assert_msg(strstr((t), (s)) != NULL, \
			    "missing \"%s\" in:\n%s", (s), (t))
#define HASNT(t, s)	ck_assert_msg(strstr((t), (s)) == NULL, \
			    "unexpected \"%s\" in:\n%s", (s), (t))

/* Composes with ctx c; fails the test on error; returns the text. */
static char *
compose(enum letter_kind k, int o, const struct ctx *c, struct doc *d)
{
	char		 err[256];
	enum cm_err	 rc;

	rc = letter_compose(k, o, c, d, err, sizeof(err));
	ck_assert_msg(rc == CM_OK, "%s/%d: %s", letter_kind_codes[k], o, err);
	return flatten(d);
}

/* ---- template engine ---- */

START_TEST(test_ctx)
{
	struct ctx	 c;

	ctx_init(&c);
	ck_assert_ptr_null(ctx_get(&c, "a"));
	ctx_set(&c, "a", "1");
	ctx_set(&c, "b", NULL);
	ctx_set(&c, "a", "2");
	ck_assert_uint_eq(c.n, 2);
	ck_assert_str_eq(ctx_get(&c, "a"), "2");
	ck_assert_str_eq(ctx_get(&c, "b"), "");
	ck_assert_str_eq(c.kv[0].key, "a");
	ctx_clear(&c);
	ck_assert_uint_eq(c.n, 0);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_template_find)
{
	size_t	 i, j;

	ck_assert_uint_ge(templates_src_count, 32);
	for (i = 0; i < templates_src_count; i++) {
		ck_assert_ptr_eq(template_find(templates_src[i].name),
		    templates_src[i].text);
		for (j = i + 1; j < templates_src_count; j++)
			ck_assert_str_ne(templates_src[i].name,
			    templates_src[j].name);
	}
	ck_assert_ptr_nonnull(template_find("remedy_general"));
	ck_assert_ptr_nonnull(template_find("remedy_refusal"));
	ck_assert_ptr_nonnull(template_find("remedy_partial"));
	ck_assert_ptr_nonnull(template_find("remedy_pre2024"));
	ck_assert_ptr_null(template_find("no_such"));
	ck_assert_ptr_null(template_find(""));
}
END_TEST

struct merge_case {
	const char	*tmpl;
	const char	*want;		/* NULL: must fail */
	const char	*errpart;	/* part of the message on failure */
};

static const struct merge_case merge_cases[] = {
	{ "甲{{a}}乙", "甲A乙", NULL },
	{ "{{a}}{{empty}}{{a}}", "AA", NULL },
	{ "[{{#a}}有{{a}}{{/a}}]", "[有A]", NULL },
	{ "[{{#empty}}有{{/empty}}]", "[]", NULL },
	{ "[{{^empty}}无{{/empty}}]", "[无]", NULL },
	{ "[{{^a}}无{{/a}}]", "[]", NULL },
	{ "[{{#blank}}有{{/blank}}{{^blank}}空{{/blank}}]", "[空]", NULL },
	{ "{{#a}}{{#b}}x{{/b}}{{^b}}y{{/b}}{{/a}}", "x", NULL },
	{ "{{#a}}{{#empty}}x{{/empty}}{{/a}}", "", NULL },
	{ "{{lines}}", "一\n二\n\n三", NULL },
	{ "“{{~lines}}”", "“一 二 三”", NULL },
	{ "{{*list}}", "\n1.甲\n\n2.乙\n\n3.丙\n\n4.丁\n\n5.戊\n", NULL },
	{ "{{hostile}}", "{{a}}\"><script>", NULL },
	{ "a}}b{c", "a}}b{c", NULL },
	{ "{{nosuch}}", NULL, "未知字段“nosuch”" },
	{ "{{#empty}}{{nosuch}}{{/empty}}", NULL, "未知字段“nosuch”" },
	{ "{{#nosuch}}x{{/nosuch}}", NULL, "未知字段“nosuch”" },
	{ "{{#a}}x", NULL, "没有在本段内" },
	{ "{{#a}}x{{/b}}", NULL, "{{/b}}没有对应的开始标记" },
	{ "x{{/a}}", NULL, "{{/a}}没有对应的开始标记" },
	{ "{{ a }}", NULL, "标记格式错误" },
	{ "{{A}}", NULL, "标记格式错误" },
	{ "{{a", NULL, "标记格式错误" },
	{ "{{}}", NULL, "标记格式错误" },
	{ "{{#}}", NULL, "标记格式错误" },
	{ "{{a\n}}", NULL, "标记格式错误" },
};

START_TEST(test_template_merge)
{
	const struct merge_case	*mc = &merge_cases[_i];
	struct ctx		 c;
	struct buf		 b;
	char			 err[256] = "";
	enum cm_err		 rc;

	ctx_init(&c);
	ctx_set(&c, "a", "A");
	ctx_set(&c, "b", "B");
	ctx_set(&c, "empty", "");
	ctx_set(&c, "blank", " \t\n\xe3\x80\x80");
	ctx_set(&c, "lines", "一\r\n二\r\n\r\n三");
	ctx_set(&c, "list", "甲\n\n2. 乙\n（3）丙\n4、丁\n  　戊  ");
	ctx_set(&c, "hostile", "{{a}}\"><script>");
	buf_init(&b);
	rc = template_merge(mc->tmpl, &c, &b, err, sizeof(err));
	if (mc->want != NULL) {
		ck_assert_msg(rc == CM_OK, "%s: %s", mc->tmpl, err);
		ck_assert_str_eq(buf_str(&b), mc->want);
	} else {
		ck_assert_msg(rc == CM_INVALID, "%s accepted", mc->tmpl);
		ck_assert_msg(strstr(err, mc->errpart) != NULL, "%s: \"%s\"",
		    mc->tmpl, err);
	}
	buf_clear(&b);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_template_render_text)
{
	static const char tmpl[] =
	    "# a comment\n"
	    "@title 关于{{a}}的\n"
	    "@addressee {{lines}}\n"
	    "@note {{empty}}\n"
	    "\n"
	    "第一段\n"
	    "  续行{{a}}  \n"
	    "# comment inside\n"
	    "末尾\n"
	    "\r\n"
	    "@h1 一、标题\n"
	    "\n"
	    "@plain {{*list}}\n"
	    "\n"
	    "{{#empty}}整段隐藏{{/empty}}\n"
	    "\n"
	    "\n"
	    "前{{lines}}后\n"
	    "\n"
	    "@attach 附件：{{a}}\n";
	struct ctx	 c;
	struct doc	 d;
	char		 err[256] = "";

	ctx_init(&c);
	ctx_set(&c, "a", "A");
	ctx_set(&c, "empty", "");
	ctx_set(&c, "lines", "一\n二");
	ctx_set(&c, "list", "甲\n乙");
	doc_init(&d);
	ck_assert_int_eq(template_render_text("t", tmpl, &c, &d, err,
	    sizeof(err)), CM_OK);
	ck_assert_str_eq(d.title, "关于A的");
	ck_assert_str_eq(d.addressee, "一 二");
	ck_assert_ptr_null(d.note);
	ck_assert_uint_eq(d.npara, 7);
	ck_assert_int_eq(d.paras[0].kind, DOC_P_BODY);
	ck_assert_str_eq(d.paras[0].text, "第一段续行A末尾");
	ck_assert_int_eq(d.paras[1].kind, DOC_P_HEADING1);
	ck_assert_str_eq(d.paras[1].text, "一、标题");
	ck_assert_int_eq(d.paras[2].kind, DOC_P_PLAIN);
	ck_assert_str_eq(d.paras[2].text, "1.甲");
	ck_assert_int_eq(d.paras[3].kind, DOC_P_PLAIN);
	ck_assert_str_eq(d.paras[3].text, "2.乙");
	ck_assert_str_eq(d.paras[4].text, "前一");
	ck_assert_str_eq(d.paras[5].text, "二后");
	ck_assert_int_eq(d.paras[5].kind, DOC_P_BODY);
	ck_assert_int_eq(d.paras[6].kind, DOC_P_ATTACHMENT);
	ck_assert_str_eq(d.paras[6].text, "附件：A");
	doc_free_fields(&d);

	/* Errors name the template and the line. */
	ck_assert_int_eq(template_render_text("t", "\n\n@h3 x\n", &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "模板t第3行：未知指令“@h3”");
	doc_free_fields(&d);
	ck_assert_int_eq(template_render_text("t", "x\n@plain y\n", &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "模板t第2行：指令“@plain”只能用在段首");
	doc_free_fields(&d);
	ck_assert_int_eq(template_render_text("t", "ok\n\n{{#a}}x\n\ny{{/a}}",
	    &c, &d, err, sizeof(err)), CM_INVALID);
	ck_assert_msg(strncmp(err, "模板t第3行：", strlen("模板t第3行："))
	    == 0, "%s", err);
	doc_free_fields(&d);
	ck_assert_int_eq(template_render_text("t", "@title {{zz}}\n", &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "模板t第1行：未知字段“zz”");
	doc_free_fields(&d);
	/* A tiny error buffer is not overrun. */
	ck_assert_int_eq(template_render_text("t", "{{zz}}", &c, &d, err, 4),
	    CM_INVALID);
	ck_assert_uint_lt(strlen(err), 4);
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_template_render)
{
	struct ctx	 c;
	struct doc	 d;
	char		 err[256];

	ctx_init(&c);
	doc_init(&d);
	ck_assert_int_eq(template_render("no_such", &c, &d, err, sizeof(err)),
	    CM_NOTFOUND);
	/* Every embedded template is well formed and uses known fields. */
	full_ctx(&c);
	ctx_set(&c, "fee_by_item", "1");
	ctx_set(&c, "fee_by_volume", "");
	ctx_set(&c, "doc_name", "答复书");
	ctx_set(&c, "you", "您");
	for (size_t i = 0; i < letter_fields_count; i++)
		if (ctx_get(&c, letter_fields[i]) == NULL)
			ctx_set(&c, letter_fields[i], "");
	ctx_set(&c, "published_where", "x");
	ctx_set(&c, "review_body_alt", "y");
	ctx_set(&c, "review_address_alt", "z");
	for (size_t i = 0; i < templates_src_count; i++) {
		ck_assert_msg(template_render(templates_src[i].name, &c, &d,
		    err, sizeof(err)) == CM_OK, "%s", err);
		ck_assert_uint_gt(d.npara, 0);
		doc_free_fields(&d);
	}
	ctx_clear(&c);
}
END_TEST

/* ---- letters ---- */

START_TEST(test_letter_kind_find)
{
	static const char *const codes[LETTER__MAX] = { "receipt",
	    "correction", "extension", "consultation", "consultation_agency",
	    "fee", "reply", "service", "third_party_decision",
	    "reasons_request", "later_deadline", "approval_form" };
	int	 i;

	for (i = 0; i < LETTER__MAX; i++)
		ck_assert_int_eq(letter_kind_find(codes[i]), i);
	ck_assert_int_eq(letter_kind_find("Reply"), -1);
	ck_assert_int_eq(letter_kind_find(""), -1);
	ck_assert_int_eq(letter_kind_find(NULL), -1);
}
END_TEST

START_TEST(test_letter_template_name)
{
	char	 name[64];
	int	 k, o;

	ck_assert_int_eq(letter_template_name(LETTER_REPLY,
	    OUT_WITHHELD_STATE_SECRET, name, sizeof(name)), 0);
	ck_assert_str_eq(name, "reply_withheld_state_secret");
	ck_assert_int_eq(letter_template_name(LETTER_CONSULT_AGENCY, -1,
	    name, sizeof(name)), 0);
	ck_assert_str_eq(name, "consultation_agency");
	ck_assert_int_eq(letter_template_name(LETTER_REPLY, -1, name,
	    sizeof(name)), -1);
	ck_assert_int_eq(letter_template_name(LETTER_REPLY, OUT__MAX, name,
	    sizeof(name)), -1);
	ck_assert_int_eq(letter_template_name(LETTER__MAX, -1, name,
	    sizeof(name)), -1);
	ck_assert_int_eq(letter_template_name(LETTER_RECEIPT, -1, name, 4),
	    -1);
	/* Every kind and every outcome code has its template. */
	for (k = 0; k < LETTER__MAX; k++)
		for (o = 0; o < (k == LETTER_REPLY ? OUT__MAX : 1); o++) {
			ck_assert_int_eq(letter_template_name(k, o, name,
			    sizeof(name)), 0);
			ck_assert_msg(template_find(name) != NULL,
			    "no template %s", name);
		}
}
END_TEST

static const struct { const char *iso, *cn; } dates[] = {
	{ "2026-11-21", "2026年11月21日" },
	{ "2025-04-01", "2025年4月1日" },
	{ "2025-10-09", "2025年10月9日" },
	{ "2024-02-29", "2024年2月29日" },
	{ "2000-01-01", "2000年1月1日" },
	{ "2023-02-29", "" },
	{ "2025-13-01", "" },
	{ "2025-4-1", "" },
	{ "2025/04/01", "" },
	{ "2025-04-01x", "" },
	{ "", "" },
	{ NULL, "" },
};

START_TEST(test_letter_date_cn)
{
	char	 out[32];

	memset(out, 'x', sizeof(out));
	letter_date_cn(dates[_i].iso, out);
	ck_assert_str_eq(out, dates[_i].cn);
}
END_TEST

/*
 * The article each letter must cite (independent of the code tables):
 * non-reply kinds, then one row per outcome.
 */
static const char *const kind_cite[LETTER__MAX][3] = {
	[LETTER_RECEIPT] = { REGS "第三十三条第二款", "20个工作日" },
	[LETTER_CORRECTION] = { REGS "第三十条", "视为放弃申请" },
	[LETTER_EXTENSION] = { REGS "第三十三条第二款", "延长20个工作日" },
	[LETTER_CONSULT_THIRD] = { REGS "第三十二条", "15个工作日",
	    "由本机关依照" },
	[LETTER_CONSULT_AGENCY] = { REGS "第三十四条", "15个工作日",
	    "视为同意公开" },
	[LETTER_FEE] = { REGS "第四十二条", "国办函〔2020〕109号",
	    "视为放弃申请" },
	[LETTER_SERVICE] = { "送达文书名称及文号", "受送达人签收",
	    "送达方式：邮寄送达" },
	[LETTER_THIRD_PARTY_DECISION] = { REGS "第三十二条", "tp-reasons-text",
	    "1.校舍安全检查报告" },
	[LETTER_REASONS_REQUEST] = { REGS "第三十五条", "15个工作日内" },
	[LETTER_LATER_DEADLINE] = { "第三十五条", "40个工作日" },
	[LETTER_APPROVAL_FORM] = { "办理审批单", "签发：李四",
	    "意见：同意签发" },
};

static const char *const outcome_cite[OUT__MAX][2] = {
	[OUT_DISCLOSED] = { REGS "第三十六条第（二）项" },
	[OUT_PARTIAL] = { REGS "第三十七条" },
	[OUT_WITHHELD_STATE_SECRET] = { REGS "第十四条", "国家秘密" },
	[OUT_WITHHELD_LAW] = { REGS "第十四条", "officer-reasons-text" },
	[OUT_WITHHELD_SAFETY] = { REGS "第十四条", "社会稳定" },
	[OUT_WITHHELD_THIRD_PARTY] = { REGS "第十五条", "第三十二条" },
	[OUT_WITHHELD_INTERNAL] = { REGS "第十六条第一款" },
	[OUT_WITHHELD_PROCESS] = { REGS "第十六条第二款", "过程性信息" },
	[OUT_WITHHELD_ENFORCEMENT] = { REGS "第十六条第二款", "行政执法案卷" },
	[OUT_WITHHELD_QUERY] = { REGS "第三十六条第（七）项",
	    "随本答复书附送电子文本" },
	[OUT_UNAVAILABLE_NOT_HELD] = { REGS "第三十六条第（四）项", "不存在" },
	[OUT_UNAVAILABLE_NEEDS_CREATION] = { REGS "第三十八条" },
	[OUT_UNAVAILABLE_UNCLEAR] = { REGS "第三十条", "仍不明确" },
	[OUT_NP_PETITION] = { REGS "第三十九条第一款" },
	[OUT_NP_REPEAT] = { REGS "第三十六条第（六）项",
	    "某教公开〔2025〕5号答复书" },
	[OUT_NP_PUBLICATION] = { REGS "第三十九条第二款",
	    "随本答复书附送电子文本" },
	[OUT_NP_EXCESSIVE] = { REGS "第三十五条" },
	[OUT_NP_CONFIRMATION] = { REGS "第二条", "第三十六条" },
	[OUT_OTHER_NO_CORRECTION] = { REGS "第三十条", "2025年4月25日" },
	[OUT_OTHER_NO_FEE] = { REGS "第四十二条", "国办函〔2020〕109号" },
	[OUT_OTHER_OTHER] = { "终止处理" },
};

/* Common assertions on any composed letter. */
static void
check_common(const struct doc *d, const char *t)
{
	ck_assert_str_eq(d->organ, "某某县教育局");
	ck_assert_str_eq(d->signer, "某某县教育局");
	ck_assert_str_eq(d->date, "2025年4月20日");
	ck_assert_ptr_nonnull(d->title);
	HAS(t, "YSQ-2025-0042");
	/* Decision 13: letters to a third party do not name the
	 * applicant (the consultation only when the agency chose so). */
	if (strstr(t, "征求意见书") == NULL && strstr(t, "公开决定告知书") ==
	    NULL)
		HAS(t, "张三丰");
	else
		HASNT(t, "张三丰");
	for (size_t i = 0; i < d->npara; i++) {
		ck_assert_ptr_null(strstr(d->paras[i].text, "{{"));
		ck_assert_ptr_null(strchr(d->paras[i].text, '\n'));
		ck_assert_int_ne(d->paras[i].text[0], '\0');
	}
}

START_TEST(test_letter_compose_kinds)
{
	struct ctx	 c;
	struct doc	 d;
	char		*t;
	int		 k = _i, j;

	if (k == LETTER_REPLY)
		return;
	full_ctx(&c);
	t = compose(k, -1, &c, &d);
	check_common(&d, t);
	for (j = 0; j < 3 && kind_cite[k][j] != NULL; j++)
		HAS(t, kind_cite[k][j]);
	/* Only replies and the decision to a third party carry
	 * remedies. */
	if (k != LETTER_THIRD_PARTY_DECISION)
		HASNT(t, "行政复议");
	if (k == LETTER_SERVICE) {
		ck_assert_ptr_null(d.doc_number);
		HAS(t, "政府信息公开申请答复书（某教公开〔2025〕12号）");
		ck_assert_ptr_null(d.addressee);
	} else if (k == LETTER_APPROVAL_FORM) {
		/* An internal form: no addressee, no contact note. */
		ck_assert_ptr_null(d.addressee);
		ck_assert_ptr_null(d.note);
		HAS(t, "拟办结果：答复：予以公开");
	} else {
		ck_assert_str_eq(d.doc_number, "某教公开〔2025〕12号");
		ck_assert_str_eq(d.note, "（联系人：李四，联系电话：0591-87654321）");
	}
	if (k == LETTER_CONSULT_THIRD || k == LETTER_CONSULT_AGENCY ||
	    k == LETTER_THIRD_PARTY_DECISION)
		ck_assert_str_eq(d.addressee, "某某建筑有限公司");
	else if (k != LETTER_SERVICE && k != LETTER_APPROVAL_FORM)
		ck_assert_str_eq(d.addressee, "张三丰");
	switch (k) {
	case LETTER_RECEIPT:
		HAS(t, "2025年4月1日");
		HAS(t, "2025年4月29日");
		HAS(t, "0591-87654321");
		break;
	case LETTER_CORRECTION:
		/* Each item a numbered body paragraph (indented 2 字). */
		HAS(t, "\n1.请明确所需信息的年份\n2.请说明所需信息的具体名称\n");
		/* Decision 10: from the applicant's receipt, no date. */
		HAS(t, "自收到本告知书之日起15个工作日内");
		for (j = 0; (size_t)j < d.npara; j++)
			if (strcmp(d.paras[j].text, "1.请明确所需信息的年份") == 0)
				ck_assert_int_eq(d.paras[j].kind, DOC_P_BODY);
		break;
	case LETTER_EXTENSION:
		HAS(t, "2025年5月28日");
		break;
	case LETTER_FEE:
		HAS(t, "人民币3000.00元");
		HAS(t, "按件收取");
		HAS(t, "100元/件");
		HASNT(t, "元/页");
		HAS(t, "次日起20个工作日内");
		HAS(t, "请通过非税收入缴款平台缴纳。");
		break;
	default:
		break;
	}
	free(t);
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

/* Remedy assertions for a reply dated from 2024-01-01. */
static void
check_remedy(int o, const char *t)
{
	HAS(t, "某某县人民政府（地址：某某县政府路2号县司法局行政复议室）");
	HAS(t, "某某市某某区人民法院（地址：某某区法院路3号）");
	HAS(t, "60日");
	if (o == OUT_PARTIAL) {
		HAS(t, "6个月");
		HAS(t, FIRST_REVIEW_PART);
	} else if (outcome_is_refusal(o)) {
		HAS(t, FIRST_REVIEW);
		HAS(t, "《中华人民共和国行政复议法》第二十三条");
		HASNT(t, "6个月");
		HASNT(t, "也可以");
	} else {
		HAS(t, "6个月");
		HASNT(t, "应当先");
	}
}

START_TEST(test_letter_compose_replies)
{
	struct ctx	 c;
	struct doc	 d;
	char		*t;
	int		 o = _i, j;

	full_ctx(&c);
	t = compose(LETTER_REPLY, o, &c, &d);
	check_common(&d, t);
	for (j = 0; j < 2 && outcome_cite[o][j] != NULL; j++)
		HAS(t, outcome_cite[o][j]);
	check_remedy(o, t);
	ck_assert_str_eq(d.addressee, "张三丰");
	free(t);
	doc_free_fields(&d);

	/* The day the 2023 law took effect: new wording. */
	ctx_set(&c, "reply_date_iso", "2024-01-01");
	t = compose(LETTER_REPLY, o, &c, &d);
	check_remedy(o, t);
	free(t);
	doc_free_fields(&d);

	/* The day before: the 2017 law, a choice of body, no refusal-first. */
	ctx_set(&c, "reply_date_iso", "2023-12-31");
	t = compose(LETTER_REPLY, o, &c, &d);
	HAS(t, "某某县人民政府（地址：某某县政府路2号县司法局行政复议室）");
	HAS(t, "某某市某某区人民法院（地址：某某区法院路3号）");
	HAS(t, "60日");
	HAS(t, "6个月");
	HASNT(t, "应当先");
	HASNT(t, "或者某某市教育局");
	free(t);
	doc_free_fields(&d);
	ctx_set(&c, "review_body_alt", "某某市教育局");
	ctx_set(&c, "review_address_alt", "某某市中山路9号");
	t = compose(LETTER_REPLY, o, &c, &d);
	HAS(t, "或者某某市教育局（地址：某某市中山路9号）依法申请行政复议");
	free(t);
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

/* Outcome variants chosen by fields. */
START_TEST(test_letter_compose_variants)
{
	struct ctx	 c;
	struct doc	 d;
	char		*t;

	full_ctx(&c);

	/* Already published: Art 36(1), where to get it. */
	ctx_set(&c, "published_where", "本机关门户网站“政府信息公开”专栏");
	t = compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d);
	HAS(t, REGS "第三十六条第（一）项");
	HAS(t, "本机关门户网站“政府信息公开”专栏");
	HASNT(t, "第三十六条第（二）项");
	HASNT(t, "校舍安全检查报告\n");
	free(t);
	doc_free_fields(&d);
	ctx_set(&c, "published_where", "");

	/* Not this agency's: Art 36(5), name and contact. */
	ctx_set(&c, "responsible_agency", "某某县住房和城乡建设局");
	ctx_set(&c, "responsible_contact", "0591-11112222");
	t = compose(LETTER_REPLY, OUT_UNAVAILABLE_NOT_HELD, &c, &d);
	HAS(t, REGS "第十条和第三十六条第（五）项");
	HAS(t, "由某某县住房和城乡建设局负责公开，其联系方式为：0591-11112222");
	HASNT(t, "第（四）项");
	free(t);
	doc_free_fields(&d);
	ctx_set(&c, "responsible_contact", "");
	t = compose(LETTER_REPLY, OUT_UNAVAILABLE_NOT_HELD, &c, &d);
	HAS(t, "由某某县住房和城乡建设局负责公开。");
	HASNT(t, "联系方式为");
	free(t);
	doc_free_fields(&d);

	/* Third party not consulted: no Art 32, and the party never named. */
	t = compose(LETTER_REPLY, OUT_WITHHELD_THIRD_PARTY, &c, &d);
	HASNT(t, "某某建筑有限公司");
	free(t);
	doc_free_fields(&d);
	ctx_set(&c, "consult_party", "");
	t = compose(LETTER_REPLY, OUT_WITHHELD_THIRD_PARTY, &c, &d);
	HASNT(t, "第三十二条");
	free(t);
	doc_free_fields(&d);

	/* Withdrawal without reasons. */
	ctx_set(&c, "reasons", "");
	t = compose(LETTER_REPLY, OUT_OTHER_OTHER, &c, &d);
	HAS(t, "您已撤回上述政府信息公开申请。");
	ck_assert_str_eq(d.title, "政府信息公开申请终止处理告知书");
	HAS(t, "自收到本告知书之日起60日内");
	free(t);
	doc_free_fields(&d);

	/* Fee per volume, CLI code accepted, ISO dates converted. */
	ctx_set(&c, "fee_method", "volume");
	ctx_set(&c, "fee_deadline", "2025-05-20");
	ctx_set(&c, "received", "2025-04-01");
	ctx_set(&c, "letter_date", "2025-04-20");
	t = compose(LETTER_FEE, -1, &c, &d);
	HAS(t, "按量收取");
	HAS(t, "10元/页");
	HAS(t, "201页及以上的部分，按40元/页收费");
	HAS(t, "共计35页");
	HASNT(t, "元/件");
	HAS(t, "至迟于2025年5月20日");
	HAS(t, "于2025年4月1日");
	ck_assert_str_eq(d.date, "2025年4月20日");
	free(t);
	doc_free_fields(&d);

	/* No doc_number: no 发文字号; no contact: no note. */
	ctx_set(&c, "doc_number", "");
	ctx_set(&c, "contact_person", "");
	ctx_set(&c, "contact_phone", "");
	t = compose(LETTER_RECEIPT, -1, &c, &d);
	ck_assert_ptr_null(d.doc_number);
	ck_assert_ptr_null(d.note);
	free(t);
	doc_free_fields(&d);

	/* Multi-paragraph reasons keep their paragraphs, indents trimmed. */
	ctx_set(&c, "reasons", "　　第一段理由。\n\n　　第二段理由。");
	t = compose(LETTER_REPLY, OUT_WITHHELD_LAW, &c, &d);
	HAS(t, "\n具体理由如下：第一段理由。\n第二段理由。\n");
	free(t);
	doc_free_fields(&d);

	/* Hostile text passes through verbatim and is not expanded. */
	ctx_set(&c, "applicant", "\"><script>{{court}}");
	t = compose(LETTER_RECEIPT, -1, &c, &d);
	ck_assert_str_eq(d.addressee, "\"><script>{{court}}");
	free(t);
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_letter_compose_errors)
{
	struct ctx	 c;
	struct doc	 d;
	char		 err[256];

	full_ctx(&c);
	/* Unknown field from the caller. */
	ctx_set(&c, "reveiw_body", "x");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "未知字段reveiw_body");
	ck_assert_uint_eq(d.npara, 0);
	ck_assert_ptr_null(d.title);
	ctx_clear(&c);

	/* Derived fields are not the caller's. */
	full_ctx(&c);
	ctx_set(&c, "doc_name", "x");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ctx_clear(&c);

	/* Missing remedy data: no reply without it (decision 7). */
	full_ctx(&c);
	ctx_set(&c, "review_address", " ");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_msg(strstr(err, "review_address") != NULL, "%s", err);
	ck_assert_uint_eq(d.npara, 0);
	/* ... but a receipt does not need it. */
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d, err,
	    sizeof(err)), CM_OK);
	doc_free_fields(&d);
	ctx_clear(&c);

	/* Per-outcome requirements. */
	full_ctx(&c);
	ctx_set(&c, "earlier_reply", "");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_NP_REPEAT, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_msg(strstr(err, "earlier_reply") != NULL, "%s", err);
	ctx_set(&c, "provided", "");
	ctx_set(&c, "how_to_obtain", "");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ctx_clear(&c);

	/* Bad reply date, bad outcome, bad kind. */
	full_ctx(&c);
	ctx_set(&c, "reply_date_iso", "2025-02-30");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_DISCLOSED, &c, &d,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "字段reply_date_iso：日期不存在");
	ctx_set(&c, "reply_date_iso", "2025-04-20");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT__MAX, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(letter_compose(LETTER__MAX, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);

	/* Bad values. */
	ctx_set(&c, "applicant", "\xc0\x80");
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "字段applicant：不是有效的UTF-8文本");
	ctx_set(&c, "applicant", "a\x1b");
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ctx_set(&c, "applicant", "张三丰");
	ctx_set(&c, "fee_method", "按页");
	ck_assert_int_eq(letter_compose(LETTER_FEE, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ctx_clear(&c);

	/* An empty context names the first missing field. */
	ctx_init(&c);
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d, err,
	    sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "缺少字段agency_name，无法生成文书");
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, NULL, &d, err,
	    sizeof(err)), CM_INVALID);
	ctx_clear(&c);
}
END_TEST

Suite *
template_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("template");

	tc = tcase_create("ctx_set");
	tcase_add_test(tc, test_ctx);
	suite_add_tcase(s, tc);

	tc = tcase_create("template_find");
	tcase_add_test(tc, test_template_find);
	suite_add_tcase(s, tc);

	tc = tcase_create("template_merge");
	tcase_add_loop_test(tc, test_template_merge, 0, NELEM(merge_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("template_render_text");
	tcase_add_test(tc, test_template_render_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("template_render");
	tcase_add_test(tc, test_template_render);
	suite_add_tcase(s, tc);

	return s;
}

Suite *
letter_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("letter");

	tc = tcase_create("letter_kind_find");
	tcase_add_test(tc, test_letter_kind_find);
	suite_add_tcase(s, tc);

	tc = tcase_create("letter_template_name");
	tcase_add_test(tc, test_letter_template_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("letter_date_cn");
	tcase_add_loop_test(tc, test_letter_date_cn, 0, NELEM(dates));
	suite_add_tcase(s, tc);

	tc = tcase_create("letter_compose");
	tcase_add_loop_test(tc, test_letter_compose_kinds, 0, LETTER__MAX);
	tcase_add_loop_test(tc, test_letter_compose_replies, 0, OUT__MAX);
	tcase_add_test(tc, test_letter_compose_variants);
	tcase_add_test(tc, test_letter_compose_errors);
	suite_add_tcase(s, tc);

	return s;
}
