/* SPDX-License-Identifier: ISC */
/*
 * The annual report (Reg. arts. 49-50; 国办公开办函〔2021〕30号): the
 * official labels, the computation of tables 三 and 四 from the cases and
 * appeals (decision 6 of domain.md), the figures and texts the office
 * enters, the checks the format states, and publishing: a published
 * year keeps its figures frozen (report_cells) and refuses every change
 * that would alter them until it is reopened with a reason, which the
 * audit trail records together with the figures as they were published.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/appeal.h"
#include "ops/audit.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "cases/proactive.h"
#include "cases/report.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

/* Longest section text accepted, in bytes. */
#define REPORT_TEXT_MAX	(64 * 1024)

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

static void
add_app(const char *kind, const char *outcome, const char *type,
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

static void
add_appeal(const char *kind, const char *result, long long n, void *arg)
{
	struct report	*r = arg;
	int		 k, res;

	if ((k = appeal_kind_find(kind)) < 0)
		return;
	if ((res = appeal_result_find(result)) >= 0)
		r->appeals[k][res] += n;
	r->appeals[k][AR_TOTAL] += n;
}

static void
add_fig(const char *key, long long v, void *arg)
{
	struct report	*r = arg;
	int		 f;

	if ((f = report_fig_find(key)) < 0)
		return;
	r->fig[f] = v;
	r->fig_set[f] = 1;
}

static void
add_text(const char *section, const char *body, void *arg)
{
	struct report	*r = arg;
	int		 s;

	if ((s = report_section_find(section)) < 0 || body == NULL ||
	    body[0] == '\0')
		return;
	free(r->text[s]);
	r->text[s] = xstrdup(body);
}

/*
 * Computes the figures of year from the cases, appeals, events and the
 * office's entries as they are now (ignoring any publication).  Texts,
 * checks and the draft are left to report_load().
 */
enum cm_err
report_compute(struct store *st, int year, struct report *r)
{
	enum cm_err	 rc;
	int		 n;

	memset(r, 0, sizeof(*r));
	r->year = year;
	if ((rc = store_report_applications(st, year, add_app, r)) != CM_OK ||
	    (rc = store_report_monthly(st, year, r->received,
	    r->concluded)) != CM_OK ||
	    (rc = store_report_appeals(st, year, add_appeal, r)) != CM_OK ||
	    (rc = store_report_fees(st, year, &r->fee_notices,
	    &r->fee_notice_fen, &r->fee_paid, &r->fee_paid_fen)) != CM_OK ||
	    (rc = store_report_figures(st, year, add_fig, r)) != CM_OK)
		return rc;
	/* Art 44: items published proactively on accepted proposals. */
	if ((rc = proactive_accepted_count(st, year, &n)) != CM_OK)
		return rc;
	r->conversions = n;
	return CM_OK;
}

/* Loads a frozen figure of a published year into r. */
static void
add_cell(const char *tab, const char *row, const char *col, long long n,
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
		add_fig(row, n, r);
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

/*
 * Row 四 (carried_out) of the year before r's, as published.  When that
 * year is not published, its carried_out is by definition the same set
 * of cases as r's carried_in (received before 1 January and open on it),
 * so r's own row is used instead of counting the cases again.
 */
static enum cm_err
previous_carried_out(struct store *st, const struct report *r, int year,
    long long out[RC__MAX], int *published)
{
	struct report	 p;
	enum cm_err	 rc;
	int		 c;

	*published = 0;
	memset(&p, 0, sizeof(p));
	rc = store_report_published(st, year, NULL, NULL, NULL);
	if (rc == CM_OK) {
		*published = 1;
		rc = store_report_cells(st, year, add_cell, &p);
		for (c = 0; c < RC__MAX; c++)
			out[c] = p.app[RR_CARRIED_OUT][c];
		return rc;
	}
	for (c = 0; c < RC__MAX; c++)
		out[c] = r->app[RR_CARRIED_IN][c];
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

/* Works out the checks the format states (domain.md §3.3, §3.4). */
static void
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
static void
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

/*
 * Loads the report of year: the frozen figures if the year is published
 * (r->published set), else the figures computed now; then the office's
 * texts, the agency name, the draft of 六 and the checks (the year
 * before as published, if it is).  The caller clears r with
 * report_clear(), also after an error.
 */
enum cm_err
report_load(struct store *st, int year, struct report *r)
{
	struct agency	 ag;
	char		 at[32], *by = NULL, *snap = NULL;
	enum cm_err	 rc;

	rc = store_report_published(st, year, at, &by, &snap);
	if (rc == CM_NOTFOUND)
		rc = report_compute(st, year, r);
	else if (rc == CM_OK) {
		memset(r, 0, sizeof(*r));
		r->year = year;
		snprintf(r->published, sizeof(r->published), "%s", at);
		r->published_by = by;
		r->snapshot = snap;
		rc = store_report_cells(st, year, add_cell, r);
	} else
		memset(r, 0, sizeof(*r));
	if (rc != CM_OK)
		return rc;
	if ((rc = store_report_texts(st, year, add_text, r)) != CM_OK)
		return rc;
	if (store_agency_get(st, &ag) == CM_OK && ag.name != NULL)
		r->agency = xstrdup(ag.name);
	agency_clear(&ag);
	report_draft6(r);
	if ((rc = previous_carried_out(st, r, year - 1, r->chk.previous,
	    &r->chk.previous_published)) != CM_OK)
		return rc;
	report_check(r);
	return CM_OK;
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
 * Whether year's annual report is published (and so locked): sets
 * *locked to 1 or 0.  Works inside the caller's transaction.
 */
enum cm_err
report_year_locked(struct store *st, int year, int *locked)
{
	enum cm_err	 rc;

	*locked = 0;
	rc = store_report_published(st, year, NULL, NULL, NULL);
	if (rc == CM_OK)
		*locked = 1;
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

/*
 * The lock rule for case actions.  A case concluded in a published year
 * (closed_on, "" or NULL while open) takes no action but `archive`,
 * which changes no figure; and no action may take effect on a day (on,
 * a day number; DATE_NONE to skip) of a published year, since a
 * backdated reply, withdrawal, receipt (case new: action ACT_RECEIVE,
 * on = the receipt date) or fee event would change that year's figures.
 * Sets *year to the published year that refuses the action, or 0.
 * Works inside the caller's transaction.
 */
enum cm_err
report_act_locked(struct store *st, const char *closed_on, int action,
    int on, int *year)
{
	int		 day, locked;
	enum cm_err	 rc;

	*year = 0;
	if (action == ACT_ARCHIVE)
		return CM_OK;
	if (closed_on != NULL && closed_on[0] != '\0' &&
	    date_parse(closed_on, &day) == 0) {
		if ((rc = report_year_locked(st, date_year(day), &locked)) !=
		    CM_OK)
			return rc;
		if (locked) {
			*year = date_year(day);
			return CM_OK;
		}
	}
	if (on != DATE_NONE) {
		if ((rc = report_year_locked(st, date_year(on), &locked)) !=
		    CM_OK)
			return rc;
		if (locked)
			*year = date_year(on);
	}
	return CM_OK;
}

/*
 * Calls fn for each case counted in cell (row, col) of table 三 of year,
 * in order of receipt: the drill-down behind every number.  CM_INVALID
 * for a row or column out of range.
 */
enum cm_err
report_cell_cases(struct store *st, int year, int row, int col,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	if (row < 0 || row >= RR__MAX || col < 0 || col >= RC__MAX)
		return CM_INVALID;
	return store_report_cell_cases(st, year, report_row_key(row),
	    report_col_key(col), fn, arg);
}

/*
 * Calls fn for the case of each appeal counted in cell (kind, result)
 * of table 四 of year (result AR_TOTAL for 总计), in order of filing.
 * CM_INVALID for a kind or result out of range.
 */
enum cm_err
report_appeal_cases(struct store *st, int year, int kind, int result,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	if (kind < 0 || kind >= AK__MAX || result < 0 || result > AR_TOTAL)
		return CM_INVALID;
	return store_report_appeal_cases(st, year, appeal_kinds[kind].code,
	    result == AR_TOTAL ? "total" : appeal_results[result].code, fn,
	    arg);
}

/* Refuses a change to a year that is published or not yet begun. */
static enum cm_err
editable(struct store *st, int year, int today, char *err, size_t errlen)
{
	int		 locked;
	enum cm_err	 rc;

	if (year < 2000 || year > date_year(today)) {
		ERR("年度无效 (--year: 2000 to the current year)");
		return CM_INVALID;
	}
	if ((rc = report_year_locked(st, year, &locked)) != CM_OK) {
		ERR("读取年度报告状态失败 (could not read the report lock)");
		return rc;
	}
	if (locked) {
		ERR("%d年度报告已发布，须先重新开放 (the %d report is "
		    "published: foidesk report reopen)", year, year);
		return CM_CONFLICT;
	}
	return CM_OK;
}

/*
 * Parses a table 二 value: a count (digits, at most 10^9), or for
 * fees.amount an amount in 万元 with at most four decimals, returned in
 * yuan.  Returns 0 or -1.
 */
static int
parse_fig(int f, const char *s, long long *out)
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

/*
 * Enters one figure of table 二 for year: key is a report_figs key,
 * value a count, or for fees.amount 万元 with up to four decimals.
 * CM_INVALID: bad key, value or year; CM_CONFLICT: the year is
 * published.
 */
enum cm_err
report_figure_set(struct store *st, int year, const char *key,
    const char *value, const char *actor, int today, char *err,
    size_t errlen)
{
	char		 now[32];
	long long	 v;
	int		 f;
	enum cm_err	 rc;

	if ((f = report_fig_find(key)) < 0) {
		ERR("未知的项目 (unknown --key; see report --help)");
		return CM_INVALID;
	}
	if (parse_fig(f, value, &v) != 0) {
		ERR(f == RF_FEES ? "金额应为万元，最多四位小数 (--value: 万元, "
		    "up to 4 decimals)" : "数量应为非负整数 (--value: a count)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = editable(st, year, today, err, errlen)) != CM_OK)
		goto fail;
	now_iso(now);
	if ((rc = store_report_figure_put(st, year, key, v, actor,
	    now)) != CM_OK || (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(st);
	return rc;
}

/*
 * Stores the office's text of section 一, 五 or 六 for year (an empty
 * text removes it, and 六 falls back to the generated draft).  The text
 * must be valid UTF-8 (checked at the edge); at most 64 KiB here.
 * CM_INVALID: bad section, year or size; CM_CONFLICT: published year.
 */
enum cm_err
report_text_set(struct store *st, int year, const char *section,
    const char *text, const char *actor, int today, char *err,
    size_t errlen)
{
	char		 now[32];
	int		 s;
	enum cm_err	 rc;

	if ((s = report_section_find(section)) < 0) {
		ERR("只能填写第一、五、六部分 (--section: 一, 五 or 六)");
		return CM_INVALID;
	}
	if (text == NULL || strlen(text) > REPORT_TEXT_MAX) {
		ERR("文字过长 (text longer than 64 KiB)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = editable(st, year, today, err, errlen)) != CM_OK)
		goto fail;
	now_iso(now);
	if ((rc = store_report_text_put(st, year, report_section_codes[s],
	    text, actor, now)) != CM_OK || (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(st);
	return rc;
}

/* Freezes every figure of r into report_cells. */
static enum cm_err
store_cells(struct store *st, const struct report *r)
{
	char		 m[16];
	int		 a, b, y = r->year;
	enum cm_err	 rc = CM_OK;

	for (a = 0; a < RR__MAX && rc == CM_OK; a++)
		for (b = 0; b < RC__MAX && rc == CM_OK; b++)
			rc = store_report_cell_put(st, y, "applications",
			    report_row_key(a), report_col_key(b), r->app[a][b]);
	for (a = 0; a < AK__MAX && rc == CM_OK; a++)
		for (b = 0; b <= AR__MAX && rc == CM_OK; b++)
			rc = store_report_cell_put(st, y, "appeals",
			    appeal_kinds[a].code, b == AR_TOTAL ? "total" :
			    appeal_results[b].code, r->appeals[a][b]);
	for (a = 0; a < 12 && rc == CM_OK; a++) {
		snprintf(m, sizeof(m), "%02d", a + 1);
		if ((rc = store_report_cell_put(st, y, "monthly", m,
		    "received", r->received[a])) == CM_OK)
			rc = store_report_cell_put(st, y, "monthly", m,
			    "concluded", r->concluded[a]);
	}
	for (a = 0; a < RF__MAX && rc == CM_OK; a++)
		if (r->fig_set[a])
			rc = store_report_cell_put(st, y, "figures",
			    report_figs[a].key, "value", r->fig[a]);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "notices", "count",
		    r->fee_notices);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "notices", "fen",
		    r->fee_notice_fen);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "paid", "count",
		    r->fee_paid);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "paid", "fen",
		    r->fee_paid_fen);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "conversions",
		    "count", r->conversions);
	return rc;
}

/*
 * Publishes the report of year, which must be over: its figures are
 * frozen as computed now, with the JSON as published, and from then on
 * report_load() returns them and every change that would alter them is
 * refused (report_act_locked, appeals, table 二, texts) until
 * report_reopen().  Refused (CM_CONFLICT) when already published or
 * when a check fails: figures that do not add up are not published.
 */
enum cm_err
report_publish(struct store *st, int year, const char *actor, int today,
    char *err, size_t errlen)
{
	struct report	 r;
	struct buf	 json, detail;
	struct json	 j;
	char		 now[32], obj[32];
	enum cm_err	 rc;

	snprintf(obj, sizeof(obj), "report:%d", year);
	memset(&r, 0, sizeof(r));
	buf_init(&json);
	buf_init(&detail);
	if (year < 2000 || year >= date_year(today)) {
		ERR("只能发布已结束年度的报告 (--year: a past year)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = report_load(st, year, &r)) != CM_OK) {
		ERR("统计失败 (could not compute the report: %s)",
		    store_errmsg(st));
		goto fail;
	}
	if (r.published[0] != '\0') {
		ERR("%d年度报告已于%s发布 (already published)", year,
		    r.published);
		rc = CM_CONFLICT;
		goto fail;
	}
	if (!r.chk.balanced) {
		ERR("统计数字未通过勾稽关系检查，不能发布 (the checks fail: "
		    "identity %s, total column %s, concluded total %s, "
		    "carried in %s, appeals totals %s)",
		    r.chk.identity_all ? "ok" : "FAIL",
		    r.chk.total_column ? "ok" : "FAIL",
		    r.chk.concluded_total ? "ok" : "FAIL",
		    r.chk.carried_in ? "ok" : "FAIL",
		    r.chk.appeals_totals ? "ok" : "FAIL");
		rc = CM_CONFLICT;
		goto fail;
	}
	now_iso(now);
	snprintf(r.published, sizeof(r.published), "%s", now);
	r.published_by = xstrdup(actor);
	report_json_text(&r, &json);
	json_init(&j, &detail);
	json_obj_open(&j, NULL);
	json_int(&j, "year", year);
	json_obj_close(&j);
	if ((rc = store_report_publish(st, year, now, actor,
	    buf_str(&json))) != CM_OK ||
	    (rc = store_cells(st, &r)) != CM_OK ||
	    (rc = audit_log(st, actor, NULL, "report.publish", obj,
	    buf_str(&detail))) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	report_clear(&r);
	buf_clear(&json);
	buf_clear(&detail);
	return CM_OK;
fail:
	store_rollback(st);
	report_clear(&r);
	buf_clear(&json);
	buf_clear(&detail);
	return rc;
}

/*
 * Reopens a published year so that its figures may change again: the
 * audit trail keeps who, when, why and the figures as published (the
 * JSON snapshot), so that the published report stays reproducible.
 * The reason is required (1 to 500 characters, checked at the edge).
 * CM_NOTFOUND: the year is not published.
 */
enum cm_err
report_reopen(struct store *st, int year, const char *reason,
    const char *actor, int today, char *err, size_t errlen)
{
	struct buf	 detail;
	struct json	 j;
	char		 at[32], obj[32], *by = NULL, *snap = NULL;
	enum cm_err	 rc;

	(void)today;
	if (reason == NULL || reason[0] == '\0') {
		ERR("重新开放须说明理由 (--reason is required)");
		return CM_INVALID;
	}
	buf_init(&detail);
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = store_report_published(st, year, at, &by, &snap)) !=
	    CM_OK) {
		ERR(rc == CM_NOTFOUND ? "%d年度报告尚未发布 (not published)" :
		    "读取失败 (could not read the report: %d)", year);
		goto fail;
	}
	json_init(&j, &detail);
	json_obj_open(&j, NULL);
	json_int(&j, "year", year);
	json_str(&j, "reason", reason);
	json_str(&j, "published_at", at);
	json_str(&j, "published_by", by);
	json_str(&j, "snapshot", snap);
	json_obj_close(&j);
	snprintf(obj, sizeof(obj), "report:%d", year);
	if ((rc = audit_log(st, actor, NULL, "report.reopen", obj,
	    buf_str(&detail))) != CM_OK ||
	    (rc = store_report_unpublish(st, year)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	free(by);
	free(snap);
	buf_clear(&detail);
	return CM_OK;
fail:
	store_rollback(st);
	free(by);
	free(snap);
	buf_clear(&detail);
	return rc;
}
