/* SPDX-License-Identifier: ISC */
/*
 * The 30号 layout of the annual report as data (report_layout.h): the
 * sections, the blocks of tables 二, 三 and 四 with their header labels,
 * row outlines and columns, and the walk that turns a table into the
 * cells of its grid for the HTML, PDF and XLSX writers.  The CSV and
 * JSON writers walk the same blocks row by row.
 */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>

#include "cases/appeal.h"
#include "cases/codes.h"
#include "cases/report.h"
#include "cases/report_layout.h"
#include "util/buf.h"

/* Labels that are plain arrays in report.c, as pointers to point at. */
static const char *const corner = report_corner;
static const char *const applicants = report_hdr_applicants;
static const char *const orgs = report_hdr_orgs;
static const char *const item = report_hdr_item;
static const char *const review = report_hdr_review;
static const char *const litigation = report_hdr_litigation;
static const char *const total = report_hdr_total;

#define H	REPORT_LOOK_HEAD
#define HS	REPORT_LOOK_HEAD_SMALL
#define ROW	REPORT_LOOK_ROW
#define N(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Table 二 (domain.md §3.2): four blocks on a grid of four columns, each
 * a heading across the table, a header row 信息内容 + the columns, and
 * its items; a block with one column widens it over three.
 */
static const struct report_head head2_0[] = {
	{ 0, 0, 1, 4, ROW, &report_fig_blocks[0] },
	{ 1, 0, 1, 1, H, &item },
	{ 1, 1, 1, 1, H, &report_figs[RF_RULES_ISSUED].column },
	{ 1, 2, 1, 1, H, &report_figs[RF_RULES_REPEALED].column },
	{ 1, 3, 1, 1, H, &report_figs[RF_RULES_IN_FORCE].column },
};
static const struct report_outline rows2_0[] = {
	{ &report_figs[RF_RULES_ISSUED].item, 0, RF_RULES_ISSUED },
	{ &report_figs[RF_NORMATIVE_ISSUED].item, 0, RF_NORMATIVE_ISSUED },
};
static const struct report_col cols2_0[] = { { 0, 1 }, { 1, 1 }, { 2, 1 } };

static const struct report_head head2_1[] = {
	{ 0, 0, 1, 4, ROW, &report_fig_blocks[1] },
	{ 1, 0, 1, 1, H, &item },
	{ 1, 1, 1, 3, H, &report_figs[RF_LICENSING].column },
};
static const struct report_outline rows2_1[] = {
	{ &report_figs[RF_LICENSING].item, 0, RF_LICENSING },
};

static const struct report_head head2_2[] = {
	{ 0, 0, 1, 4, ROW, &report_fig_blocks[2] },
	{ 1, 0, 1, 1, H, &item },
	{ 1, 1, 1, 3, H, &report_figs[RF_PENALTY].column },
};
static const struct report_outline rows2_2[] = {
	{ &report_figs[RF_PENALTY].item, 0, RF_PENALTY },
	{ &report_figs[RF_COERCION].item, 0, RF_COERCION },
};

static const struct report_head head2_3[] = {
	{ 0, 0, 1, 4, ROW, &report_fig_blocks[3] },
	{ 1, 0, 1, 1, H, &item },
	{ 1, 1, 1, 3, H, &report_figs[RF_FEES].column },
};
static const struct report_outline rows2_3[] = {
	{ &report_figs[RF_FEES].item, 0, RF_FEES },
};

static const struct report_col cols2_wide[] = { { 0, 3 } };

static const struct report_block blocks2[] = {
	{ REPORT_SRC_FIG, head2_0, N(head2_0), 2, rows2_0, N(rows2_0), 1, H,
	    cols2_0, N(cols2_0) },
	{ REPORT_SRC_FIG, head2_1, N(head2_1), 2, rows2_1, N(rows2_1), 1, H,
	    cols2_wide, 1 },
	{ REPORT_SRC_FIG, head2_2, N(head2_2), 2, rows2_2, N(rows2_2), 1, H,
	    cols2_wide, 1 },
	{ REPORT_SRC_FIG, head2_3, N(head2_3), 2, rows2_3, N(rows2_3), 1, H,
	    cols2_wide, 1 },
};

/*
 * Table 三 (domain.md §3.3): the corner over three label columns and
 * three header rows; 申请人情况 over the seven columns, 法人或其他组织
 * over the five organisation types; 25 rows of numbers under the
 * outline 一, 二, 三 (（一）..（七）, the groups （三）..（六） with their
 * numbered sub-rows), 四.
 */
#define C3(c)	(3 + (c))
static const struct report_head head3[] = {
	{ 0, 0, 3, 3, REPORT_LOOK_CORNER, &corner },
	{ 0, 3, 1, RC__MAX, H, &applicants },
	{ 1, C3(APPL_PERSON), 2, 1, H, &report_col_labels[APPL_PERSON] },
	{ 1, C3(APPL_BUSINESS), 1, APPL__MAX - 1, H, &orgs },
	{ 1, C3(RC_TOTAL), 2, 1, H, &report_col_labels[RC_TOTAL] },
	{ 2, C3(APPL_BUSINESS), 1, 1, H, &report_col_labels[APPL_BUSINESS] },
	{ 2, C3(APPL_RESEARCH), 1, 1, H, &report_col_labels[APPL_RESEARCH] },
	{ 2, C3(APPL_NGO), 1, 1, H, &report_col_labels[APPL_NGO] },
	{ 2, C3(APPL_LEGAL), 1, 1, H, &report_col_labels[APPL_LEGAL] },
	{ 2, C3(APPL_OTHER_ORG), 1, 1, H,
	    &report_col_labels[APPL_OTHER_ORG] },
};

#define O(x)	(RR_OUTCOME + OUT_##x)
#define L1(r)	&report_lines[r].l1
#define L2(r)	&report_lines[r].l2
#define L3(r)	&report_lines[r].l3
static const struct report_outline rows3[] = {
	{ L1(RR_NEW), 0, RR_NEW },
	{ L1(RR_CARRIED_IN), 0, RR_CARRIED_IN },
	{ L1(RR_OUTCOME), 0, -1 },				/* 三 */
	{ L2(O(DISCLOSED)), 1, O(DISCLOSED) },
	{ L2(O(PARTIAL)), 1, O(PARTIAL) },
	{ L2(O(WITHHELD_STATE_SECRET)), 1, -1 },		/* （三） */
	{ L3(O(WITHHELD_STATE_SECRET)), 2, O(WITHHELD_STATE_SECRET) },
	{ L3(O(WITHHELD_LAW)), 2, O(WITHHELD_LAW) },
	{ L3(O(WITHHELD_SAFETY)), 2, O(WITHHELD_SAFETY) },
	{ L3(O(WITHHELD_THIRD_PARTY)), 2, O(WITHHELD_THIRD_PARTY) },
	{ L3(O(WITHHELD_INTERNAL)), 2, O(WITHHELD_INTERNAL) },
	{ L3(O(WITHHELD_PROCESS)), 2, O(WITHHELD_PROCESS) },
	{ L3(O(WITHHELD_ENFORCEMENT)), 2, O(WITHHELD_ENFORCEMENT) },
	{ L3(O(WITHHELD_QUERY)), 2, O(WITHHELD_QUERY) },
	{ L2(O(UNAVAILABLE_NOT_HELD)), 1, -1 },			/* （四） */
	{ L3(O(UNAVAILABLE_NOT_HELD)), 2, O(UNAVAILABLE_NOT_HELD) },
	{ L3(O(UNAVAILABLE_NEEDS_CREATION)), 2, O(UNAVAILABLE_NEEDS_CREATION) },
	{ L3(O(UNAVAILABLE_UNCLEAR)), 2, O(UNAVAILABLE_UNCLEAR) },
	{ L2(O(NP_PETITION)), 1, -1 },				/* （五） */
	{ L3(O(NP_PETITION)), 2, O(NP_PETITION) },
	{ L3(O(NP_REPEAT)), 2, O(NP_REPEAT) },
	{ L3(O(NP_PUBLICATION)), 2, O(NP_PUBLICATION) },
	{ L3(O(NP_EXCESSIVE)), 2, O(NP_EXCESSIVE) },
	{ L3(O(NP_CONFIRMATION)), 2, O(NP_CONFIRMATION) },
	{ L2(O(OTHER_NO_CORRECTION)), 1, -1 },			/* （六） */
	{ L3(O(OTHER_NO_CORRECTION)), 2, O(OTHER_NO_CORRECTION) },
	{ L3(O(OTHER_NO_FEE)), 2, O(OTHER_NO_FEE) },
	{ L3(O(OTHER_OTHER)), 2, O(OTHER_OTHER) },
	{ L2(RR_CONCLUDED), 1, RR_CONCLUDED },			/* （七） */
	{ L1(RR_CARRIED_OUT), 0, RR_CARRIED_OUT },
};
#undef O
#undef L1
#undef L2
#undef L3

static const struct report_col cols3[RC__MAX] = {
	{ APPL_PERSON, 1 }, { APPL_BUSINESS, 1 }, { APPL_RESEARCH, 1 },
	{ APPL_NGO, 1 }, { APPL_LEGAL, 1 }, { APPL_OTHER_ORG, 1 },
	{ RC_TOTAL, 1 },
};

static const struct report_block blocks3[] = {
	{ REPORT_SRC_APP, head3, N(head3), 3, rows3, N(rows3), 3, ROW,
	    cols3, N(cols3) },
};

/*
 * Table 四 (domain.md §3.4): 行政复议 over its five results, which span
 * the two lower header rows; 行政诉讼 over its two kinds, each over its
 * five results; one row of fifteen numbers and no row label.
 */
#define K(k, i)	((k) * (AR__MAX + 1) + (i))
#define RES(r, k) \
	{ r, K(k, AR_UPHELD), 3 - (r), 1, HS, \
	    &appeal_results[AR_UPHELD].label }, \
	{ r, K(k, AR_CORRECTED), 3 - (r), 1, HS, \
	    &appeal_results[AR_CORRECTED].label }, \
	{ r, K(k, AR_OTHER), 3 - (r), 1, HS, \
	    &appeal_results[AR_OTHER].label }, \
	{ r, K(k, AR_PENDING), 3 - (r), 1, HS, \
	    &appeal_results[AR_PENDING].label }, \
	{ r, K(k, AR_TOTAL), 3 - (r), 1, HS, &total }
static const struct report_head head4[] = {
	{ 0, 0, 1, AR__MAX + 1, H, &review },
	{ 0, AR__MAX + 1, 1, (AK__MAX - 1) * (AR__MAX + 1), H, &litigation },
	RES(1, AK_RECONSIDERATION),
	{ 1, K(AK_LITIGATION_DIRECT, 0), 1, AR__MAX + 1, H,
	    &appeal_kinds[AK_LITIGATION_DIRECT].label },
	{ 1, K(AK_LITIGATION_AFTER_REVIEW, 0), 1, AR__MAX + 1, H,
	    &appeal_kinds[AK_LITIGATION_AFTER_REVIEW].label },
	RES(2, AK_LITIGATION_DIRECT),
	RES(2, AK_LITIGATION_AFTER_REVIEW),
};
#undef RES

static const struct report_outline rows4[] = { { NULL, 0, 0 } };

#define C4(k)	{ K(k, AR_UPHELD), 1 }, { K(k, AR_CORRECTED), 1 }, \
	{ K(k, AR_OTHER), 1 }, { K(k, AR_PENDING), 1 }, { K(k, AR_TOTAL), 1 }
static const struct report_col cols4[] = {
	C4(AK_RECONSIDERATION), C4(AK_LITIGATION_DIRECT),
	C4(AK_LITIGATION_AFTER_REVIEW),
};
#undef C4
#undef K

static const struct report_block blocks4[] = {
	{ REPORT_SRC_APPEAL, head4, N(head4), 3, rows4, N(rows4), 0, ROW,
	    cols4, N(cols4) },
};

static const struct report_table table2 = {
	blocks2, N(blocks2), 4, "二 主动公开", 0,
};
static const struct report_table table3 = {
	blocks3, N(blocks3), 3 + RC__MAX, "三 申请处理", 1,
};
static const struct report_table table4 = {
	blocks4, N(blocks4), AK__MAX * (AR__MAX + 1), "四 复议诉讼", 0,
};

/* The six sections of 30号 in order (domain.md §3.1). */
const struct report_part report_parts[REPORT_PARTS] = {
	{ &report_section_titles[0], RS_1, NULL },
	{ &report_section_titles[1], -1, &table2 },
	{ &report_section_titles[2], -1, &table3 },
	{ &report_section_titles[3], -1, &table4 },
	{ &report_section_titles[4], RS_5, NULL },
	{ &report_section_titles[5], RS_6, NULL },
};

/* The checks under table 三, in the order they are shown. */
const struct report_check_def report_check_defs[REPORT_CHECKS] = {
	{ "各列：第一项加第二项之和等于第三项加第四项之和", NULL,
	    offsetof(struct report_checks, identity_all) },
	{ "总计列等于六类申请人之和", NULL,
	    offsetof(struct report_checks, total_column) },
	{ "（七）总计等于（一）至（六）各项之和", NULL,
	    offsetof(struct report_checks, concluded_total) },
	{ "上年结转数等于上一年度结转下年度数",
	    "上年结转数等于上一年度已发布报告的结转下年度数",
	    offsetof(struct report_checks, carried_in) },
	{ "表四各总计等于四种结果之和", NULL,
	    offsetof(struct report_checks, appeals_totals) },
};

const char report_checks_title[] = "勾稽关系检查";
const char report_not_written[] = "（尚未填写）";
const char report_draft_note[] = "（尚未填写；以下为系统生成的草稿）";

/* Emits the cells of one block whose first row is grid row base. */
static int
walk_block(const struct report_block *b, int base,
    void (*fn)(const struct report_cell *, void *), void *arg)
{
	const struct report_outline	*rw;
	struct report_cell	 c;
	size_t			 i, k;
	int			 y, n, x;

	for (i = 0; i < b->nhead; i++) {
		c = (struct report_cell){ base + b->head[i].row,
		    b->head[i].col, b->head[i].rowspan, b->head[i].colspan, b,
		    *b->head[i].text, b->head[i].look, -1, -1 };
		fn(&c, arg);
	}
	y = base + b->head_rows;
	for (i = 0; i < b->nrows; i++) {
		rw = &b->rows[i];
		assert(rw->indent < (b->labels > 0 ? b->labels : 1));
		if (rw->src < 0) {
			/* A group: over the rows indented deeper after it. */
			for (n = 0, k = i + 1; k < b->nrows &&
			    b->rows[k].indent > rw->indent; k++)
				if (b->rows[k].src >= 0)
					n++;
			assert(n > 0);
			c = (struct report_cell){ y, rw->indent, n, 1, b,
			    *rw->text, b->row_look, -1, -1 };
			fn(&c, arg);
			continue;
		}
		if (rw->text != NULL) {
			c = (struct report_cell){ y, rw->indent, 1,
			    b->labels - rw->indent, b, *rw->text, b->row_look,
			    -1, -1 };
			fn(&c, arg);
		}
		for (x = b->labels, k = 0; k < b->ncols; x += b->cols[k].span,
		    k++) {
			c = (struct report_cell){ y, x, 1, b->cols[k].span, b,
			    NULL, REPORT_LOOK_HEAD, rw->src, b->cols[k].src };
			fn(&c, arg);
		}
		y++;
	}
	return y;
}

/*
 * Hands fn every cell of table t's grid, row by row and, within a row,
 * left to right: header labels, row labels (a group label on the first
 * row it spans) and numbers.
 */
void
report_table_walk(const struct report_table *t,
    void (*fn)(const struct report_cell *, void *), void *arg)
{
	size_t	 i;
	int	 y = 0;

	for (i = 0; i < t->nblocks; i++)
		y = walk_block(&t->blocks[i], y, fn, arg);
}

/* The number of rows of table t's grid. */
int
report_table_rows(const struct report_table *t)
{
	size_t	 i, k;
	int	 n = 0;

	for (i = 0; i < t->nblocks; i++) {
		n += t->blocks[i].head_rows;
		for (k = 0; k < t->blocks[i].nrows; k++)
			if (t->blocks[i].rows[k].src >= 0)
				n++;
	}
	return n;
}

/*
 * The number of block b at source row and column in *n; 0 if there is
 * none (a figure of table 二 the office has not entered).
 */
int
report_value(const struct report *r, const struct report_block *b, int row,
    int col, long long *n)
{
	switch (b->src) {
	case REPORT_SRC_FIG:
		assert(row + col >= 0 && row + col < RF__MAX);
		if (!r->fig_set[row + col])
			return 0;
		*n = r->fig[row + col];
		return 1;
	case REPORT_SRC_APP:
		assert(row >= 0 && row < RR__MAX && col >= 0 && col < RC__MAX);
		*n = r->app[row][col];
		return 1;
	case REPORT_SRC_APPEAL:
		assert(row == 0 && col >= 0 && col < AK__MAX * (AR__MAX + 1));
		*n = r->appeals[col / (AR__MAX + 1)][col % (AR__MAX + 1)];
		return 1;
	}
	return 0;
}

/*
 * The number as text: a count in digits, the fees in 万元
 * (report_fig_format), "" for none.
 */
void
report_value_text(const struct report *r, const struct report_block *b,
    int row, int col, char *out, size_t outlen)
{
	long long	 n;

	if (!report_value(r, b, row, col, &n))
		snprintf(out, outlen, "%s", "");
	else if (b->src == REPORT_SRC_FIG && row + col == RF_FEES)
		report_fig_format(n, out, outlen);
	else
		snprintf(out, outlen, "%lld", n);
}

/*
 * The keys of a number (codes.md): for table 三 the row and column keys
 * of the JSON and of the drill-down; for table 四 the appeal kind and
 * result ("total" for 总计); for table 二 the `report set` key and
 * NULL.
 */
void
report_value_keys(const struct report_block *b, int row, int col,
    const char **k1, const char **k2)
{
	int	 i;

	*k1 = *k2 = NULL;
	switch (b->src) {
	case REPORT_SRC_FIG:
		*k1 = report_figs[row + col].key;
		break;
	case REPORT_SRC_APP:
		*k1 = report_row_key(row);
		*k2 = report_col_key(col);
		break;
	case REPORT_SRC_APPEAL:
		i = col % (AR__MAX + 1);
		*k1 = appeal_kinds[col / (AR__MAX + 1)].code;
		*k2 = i == AR_TOTAL ? "total" : appeal_results[i].code;
		break;
	}
}

/* Whether check i of report_check_defs holds. */
int
report_check_ok(const struct report *r, int i)
{
	assert(i >= 0 && i < REPORT_CHECKS);
	return *(const int *)(const void *)((const char *)&r->chk +
	    report_check_defs[i].off);
}

/* 通过 or 未通过. */
const char *
report_check_word(int ok)
{
	return ok ? "通过" : "未通过";
}

/* Appends the report's title: agency, year, 政府信息公开工作年度报告. */
void
report_heading(const struct report *r, struct buf *b)
{
	buf_printf(b, "%s%d年%s", r->agency != NULL ? r->agency : "", r->year,
	    report_title);
}
