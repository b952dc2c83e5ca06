/* SPDX-License-Identifier: ISC */
/*
 * The annual report (Reg. arts. 49-50; 国办公开办函〔2021〕30号): the
 * official labels, the arithmetic of tables 三 and 四 (adding up the
 * counts the store returns, decision 6 of domain.md), the checks the
 * format states and the draft of section 六.  Pure: gathering the
 * figures from the database, entering, publishing and reopening a year
 * are operations (ops/report.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "cases/codes.h"
#include "cases/report.h"
#include "util/buf.h"
#include "util/xmalloc.h"


#define L3_	"三、本年度办理结果"
#define WH_	"（三）不予公开"
#define UN_	"（四）无法提供"
#define NP_	"（五）不予处理"
#define OT_	"（六）其他处理"

/* Table 三's row labels, exactly as in 30号 (domain.md §3.3). */
const struct report_line report_lines[RR__MAX] = {
	[RR_NEW] = { "一、本年新收政府信息公开申请数量", NULL, NULL },
	[RR_CARRIED_IN] = { "二、上年结转政府信息公开申请数量", NULL, NULL },
	[RR_OUTCOME + OUT_DISCLOSED] = { L3_, "（一）予以公开", NULL },
	[RR_OUTCOME + OUT_PARTIAL] = { L3_,
	    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL },
	[RR_OUTCOME + OUT_WITHHELD_STATE_SECRET] = { L3_, WH_,
	    "1.属于国家秘密" },
	[RR_OUTCOME + OUT_WITHHELD_LAW] = { L3_, WH_,
	    "2.其他法律行政法规禁止公开" },
	[RR_OUTCOME + OUT_WITHHELD_SAFETY] = { L3_, WH_,
	    "3.危及“三安全一稳定”" },
	[RR_OUTCOME + OUT_WITHHELD_THIRD_PARTY] = { L3_, WH_,
	    "4.保护第三方合法权益" },
	[RR_OUTCOME + OUT_WITHHELD_INTERNAL] = { L3_, WH_,
	    "5.属于三类内部事务信息" },
	[RR_OUTCOME + OUT_WITHHELD_PROCESS] = { L3_, WH_,
	    "6.属于四类过程性信息" },
	[RR_OUTCOME + OUT_WITHHELD_ENFORCEMENT] = { L3_, WH_,
	    "7.属于行政执法案卷" },
	[RR_OUTCOME + OUT_WITHHELD_QUERY] = { L3_, WH_,
	    "8.属于行政查询事项" },
	[RR_OUTCOME + OUT_UNAVAILABLE_NOT_HELD] = { L3_, UN_,
	    "1.本机关不掌握相关政府信息" },
	[RR_OUTCOME + OUT_UNAVAILABLE_NEEDS_CREATION] = { L3_, UN_,
	    "2.没有现成信息需要另行制作" },
	[RR_OUTCOME + OUT_UNAVAILABLE_UNCLEAR] = { L3_, UN_,
	    "3.补正后申请内容仍不明确" },
	[RR_OUTCOME + OUT_NP_PETITION] = { L3_, NP_,
	    "1.信访举报投诉类申请" },
	[RR_OUTCOME + OUT_NP_REPEAT] = { L3_, NP_, "2.重复申请" },
	[RR_OUTCOME + OUT_NP_PUBLICATION] = { L3_, NP_,
	    "3.要求提供公开出版物" },
	[RR_OUTCOME + OUT_NP_EXCESSIVE] = { L3_, NP_,
	    "4.无正当理由大量反复申请" },
	[RR_OUTCOME + OUT_NP_CONFIRMATION] = { L3_, NP_,
	    "5.要求行政机关确认或重新出具已获取信息" },
	[RR_OUTCOME + OUT_OTHER_NO_CORRECTION] = { L3_, OT_,
	    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
	[RR_OUTCOME + OUT_OTHER_NO_FEE] = { L3_, OT_,
	    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
	[RR_OUTCOME + OUT_OTHER_OTHER] = { L3_, OT_, "3.其他" },
	[RR_CONCLUDED] = { L3_, "（七）总计", NULL },
	[RR_CARRIED_OUT] = { "四、结转下年度继续办理", NULL, NULL },
};

/* Table 二 (domain.md §3.2): the four Art 20 blocks. */
const char *const report_fig_blocks[4] = {
	"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
	"第二十条第（八）项",
};

const struct report_fig_def report_figs[RF__MAX] = {
	[RF_RULES_ISSUED] = { "rules.issued", "规章", "本年制发件数", 0 },
	[RF_RULES_REPEALED] = { "rules.repealed", "规章", "本年废止件数", 0 },
	[RF_RULES_IN_FORCE] = { "rules.in_force", "规章", "现行有效件数", 0 },
	[RF_NORMATIVE_ISSUED] = { "normative.issued", "行政规范性文件",
	    "本年制发件数", 0 },
	[RF_NORMATIVE_REPEALED] = { "normative.repealed", "行政规范性文件",
	    "本年废止件数", 0 },
	[RF_NORMATIVE_IN_FORCE] = { "normative.in_force", "行政规范性文件",
	    "现行有效件数", 0 },
	[RF_LICENSING] = { "licensing.decisions", "行政许可",
	    "本年处理决定数量", 1 },
	[RF_PENALTY] = { "penalty.decisions", "行政处罚",
	    "本年处理决定数量", 2 },
	[RF_COERCION] = { "coercion.decisions", "行政强制",
	    "本年处理决定数量", 2 },
	[RF_FEES] = { "fees.amount", "行政事业性收费",
	    "本年收费金额（单位：万元）", 3 },
};

const char *const report_section_codes[RS__MAX] = {
	[RS_1] = "一", [RS_5] = "五", [RS_6] = "六",
};

const char *const report_section_titles[6] = {
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};

const char *const report_col_labels[RC__MAX] = {
	"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
	"其他", "总计",
};

const char report_corner[] =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const char report_title[] = "政府信息公开工作年度报告";

const char report_hdr_applicants[] = "申请人情况";

const char report_hdr_orgs[] = "法人或其他组织";

const char report_hdr_item[] = "信息内容";

const char report_hdr_review[] = "行政复议";

const char report_hdr_litigation[] = "行政诉讼";

const char report_hdr_total[] = "总计";

/* The JSON key of row r of table 三. */
const char *
report_row_key(int r)
{
	if (r == RR_NEW)
		return "new";
	if (r == RR_CARRIED_IN)
		return "carried_in";
	if (r == RR_CONCLUDED)
		return "concluded_total";
	if (r == RR_CARRIED_OUT)
		return "carried_out";
	if (r >= RR_OUTCOME && r < RR_OUTCOME + OUT__MAX)
		return outcomes[r - RR_OUTCOME].code;
	return NULL;
}

/* The row of a JSON row key, or -1. */
int
report_row_find(const char *key)
{
	int	 r;

	if (key == NULL)
		return -1;
	for (r = 0; r < RR__MAX; r++)
		if (strcmp(report_row_key(r), key) == 0)
			return r;
	return -1;
}

/* The JSON key of column c: an applicant type or "total". */
const char *
report_col_key(int c)
{
	if (c == RC_TOTAL)
		return "total";
	if (c >= 0 && c < APPL__MAX)
		return applicant_types[c].code;
	return NULL;
}

/* The column of a key, or -1. */
int
report_col_find(const char *key)
{
	if (key != NULL && strcmp(key, "total") == 0)
		return RC_TOTAL;
	return applicant_type_find(key);
}

/* The table 二 figure of a `report set` key, or -1. */
int
report_fig_find(const char *key)
{
	int	 i;

	if (key == NULL)
		return -1;
	for (i = 0; i < RF__MAX; i++)
		if (strcmp(report_figs[i].key, key) == 0)
			return i;
	return -1;
}

/* The section of "一", "五", "六" (or "1", "5", "6"), or -1. */
int
report_section_find(const char *s)
{
	static const char *const digits[RS__MAX] = { "1", "5", "6" };
	int	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < RS__MAX; i++)
		if (strcmp(s, report_section_codes[i]) == 0 ||
		    strcmp(s, digits[i]) == 0)
			return i;
	return -1;
}

/* Formats an amount in yuan as 万元 without trailing zeros: "35.6". */
void
report_fig_format(long long yuan, char *out, size_t outlen)
{
	char	*p;

	snprintf(out, outlen, "%lld.%04lld", yuan / 10000, yuan % 10000);
	p = out + strlen(out) - 1;
	while (*p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
}

void
report_add_app(const char *kind, const char *outcome, const char *type,
    long long n, void *arg)
{
	struct report	*r = arg;
	int		 row = -1, o, t;

	if (kind == NULL)
		return;
	if (strcmp(kind, "new") == 0)
		row = RR_NEW;
	else if (strcmp(kind, "carried_in") == 0)
		row = RR_CARRIED_IN;
	else if (strcmp(kind, "carried_out") == 0)
		row = RR_CARRIED_OUT;
	else if (strcmp(kind, "concluded") == 0) {
		/*
		 * （七）总计 counts every concluded case, so that a case with
		 * an unknown outcome shows as a failed check rather than
		 * vanishing from the table.
		 */
		t = applicant_type_find(type);
		if (t >= 0)
			r->app[RR_CONCLUDED][t] += n;
		r->app[RR_CONCLUDED][RC_TOTAL] += n;
		if ((o = outcome_find(outcome)) < 0)
			return;
		row = RR_OUTCOME + o;
	}
	if (row < 0)
		return;
	/* Likewise 总计 counts every applicant type, known or not. */
	if ((t = applicant_type_find(type)) >= 0)
		r->app[row][t] += n;
	r->app[row][RC_TOTAL] += n;
}

void
report_add_appeal(const char *kind, const char *result, long long n,
    void *arg)
{
	struct report	*r = arg;
	int		 k, res;

	if ((k = appeal_kind_find(kind)) < 0)
		return;
	if ((res = appeal_result_find(result)) >= 0)
		r->appeals[k][res] += n;
	r->appeals[k][AR_TOTAL] += n;
}

void
report_add_fig(const char *key, long long v, void *arg)
{
	struct report	*r = arg;
	int		 f;

	if ((f = report_fig_find(key)) < 0)
		return;
	r->fig[f] = v;
	r->fig_set[f] = 1;
}

void
report_add_text(const char *section, const char *body, void *arg)
{
	struct report	*r = arg;
	int		 s;

	if ((s = report_section_find(section)) < 0 || body == NULL ||
	    body[0] == '\0')
		return;
	free(r->text[s]);
	r->text[s] = xstrdup(body);
}

/* Loads a frozen figure of a published year into r. */
void
report_add_cell(const char *tab, const char *row, const char *col, long long n,
    void *arg)
{
	struct report	*r = arg;
	int		 a, b;

	if (tab == NULL || row == NULL || col == NULL)
		return;
	if (strcmp(tab, "applications") == 0) {
		if ((a = report_row_find(row)) >= 0 &&
		    (b = report_col_find(col)) >= 0)
			r->app[a][b] = n;
	} else if (strcmp(tab, "appeals") == 0) {
		if ((a = appeal_kind_find(row)) < 0)
			return;
		if (strcmp(col, "total") == 0)
			r->appeals[a][AR_TOTAL] = n;
		else if ((b = appeal_result_find(col)) >= 0)
			r->appeals[a][b] = n;
	} else if (strcmp(tab, "monthly") == 0) {
		a = atoi(row);
		if (a < 1 || a > 12)
			return;
		if (strcmp(col, "received") == 0)
			r->received[a - 1] = n;
		else if (strcmp(col, "concluded") == 0)
			r->concluded[a - 1] = n;
	} else if (strcmp(tab, "figures") == 0)
		report_add_fig(row, n, r);
	else if (strcmp(tab, "fees") == 0) {
		if (strcmp(row, "notices") == 0)
			*(strcmp(col, "count") == 0 ? &r->fee_notices :
			    &r->fee_notice_fen) = n;
		else if (strcmp(row, "paid") == 0)
			*(strcmp(col, "count") == 0 ? &r->fee_paid :
			    &r->fee_paid_fen) = n;
		else if (strcmp(row, "conversions") == 0)
			r->conversions = n;
	}
}

/* Works out the checks the format states (domain.md §3.3, §3.4). */
void
report_check(struct report *r)
{
	struct report_checks	*k = &r->chk;
	long long		 sum;
	int			 row, c, a, i;

	k->identity_all = 1;
	for (c = 0; c < RC__MAX; c++) {
		k->identity[c] = r->app[RR_NEW][c] + r->app[RR_CARRIED_IN][c] ==
		    r->app[RR_CONCLUDED][c] + r->app[RR_CARRIED_OUT][c];
		k->identity_all &= k->identity[c];
	}
	k->total_column = 1;
	for (row = 0; row < RR__MAX; row++) {
		for (sum = 0, c = 0; c < APPL__MAX; c++)
			sum += r->app[row][c];
		if (sum != r->app[row][RC_TOTAL])
			k->total_column = 0;
	}
	k->concluded_total = 1;
	for (c = 0; c < RC__MAX; c++) {
		for (sum = 0, i = 0; i < OUT__MAX; i++)
			sum += r->app[RR_OUTCOME + i][c];
		if (sum != r->app[RR_CONCLUDED][c])
			k->concluded_total = 0;
	}
	k->carried_in = 1;
	for (c = 0; c < RC__MAX; c++)
		if (r->app[RR_CARRIED_IN][c] != k->previous[c])
			k->carried_in = 0;
	k->appeals_totals = 1;
	for (a = 0; a < AK__MAX; a++) {
		for (sum = 0, i = 0; i < AR__MAX; i++)
			sum += r->appeals[a][i];
		if (sum != r->appeals[a][AR_TOTAL])
			k->appeals_totals = 0;
	}
	k->balanced = k->identity_all && k->total_column &&
	    k->concluded_total && k->carried_in && k->appeals_totals;
}

static void
yuan(struct buf *b, long long fen)
{
	if (fen % 100 == 0)
		buf_printf(b, "%lld元", fen / 100);
	else
		buf_printf(b, "%lld.%02lld元", fen / 100, fen % 100);
}

/*
 * The generated draft of section 六: fees under 109号 and the items
 * published proactively on accepted Art 44 proposals (cases/proactive.c).
 */
void
report_draft6(struct report *r)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕"
	    "109号），本机关%d年度共发出信息处理费收费通知%lld件，金额合计",
	    r->year, r->fee_notices);
	yuan(&b, r->fee_notice_fen);
	buf_printf(&b, "；实际收取信息处理费%lld件，共计", r->fee_paid);
	yuan(&b, r->fee_paid_fen);
	buf_printf(&b, "。本年度将依申请公开的政府信息转为主动公开%lld条"
	    "（《条例》第四十四条）。", r->conversions);
	r->draft6 = buf_release(&b);
}

/* Frees the strings of r; accepts a zeroed report. */
void
report_clear(struct report *r)
{
	int	 i;

	for (i = 0; i < RS__MAX; i++)
		free(r->text[i]);
	free(r->draft6);
	free(r->agency);
	free(r->published_by);
	free(r->snapshot);
	memset(r, 0, sizeof(*r));
}

/*
 * Parses a table 二 value: a count (digits, at most 10^9), or for
 * fees.amount an amount in 万元 with at most four decimals, returned in
 * yuan.  Returns 0 or -1.
 */
int
report_fig_parse(int f, const char *s, long long *out)
{
	long long	 v = 0, frac = 0;
	int		 n = 0, nf = 0;

	if (s == NULL)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++, n++) {
		if (n >= 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	if (*s == '.' && f == RF_FEES) {
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf >= 4)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (nf == 0)
			return -1;
	}
	if (*s != '\0' || v > 1000000000LL)
		return -1;
	if (f == RF_FEES) {
		while (nf++ < 4)
			frac *= 10;
		v = v * 10000 + frac;
	}
	*out = v;
	return 0;
}
