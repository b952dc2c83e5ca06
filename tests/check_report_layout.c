/* SPDX-License-Identifier: ISC */
/*
 * The 30号 layout (cases/report_layout.c): every grid is covered once by
 * the cells the walk hands out, the merged labels of tables 三 and 四
 * span what the format says, each number of struct report is read
 * exactly once, and the CSV written from the layout guards text but not
 * numbers.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "cases/report.h"
#include "cases/report_layout.h"
#include "util/buf.h"

#define MAXR	64
#define MAXC	16

struct seen {
	int			 cover[MAXR][MAXC];
	int			 nvalues, nlabels;
	int			 value_row[MAXR * MAXC], value_col[MAXR * MAXC];
	struct report_cell	 labels[128];
	int			 last_row, last_col;
	int			 ordered;
};

static void
collect(const struct report_cell *c, void *arg)
{
	struct seen	*s = arg;
	int		 y, x;

	ck_assert_int_lt(c->row + c->rowspan - 1, MAXR);
	ck_assert_int_lt(c->col + c->colspan - 1, MAXC);
	for (y = c->row; y < c->row + c->rowspan; y++)
		for (x = c->col; x < c->col + c->colspan; x++)
			s->cover[y][x]++;
	if (c->row < s->last_row || (c->row == s->last_row &&
	    c->col <= s->last_col))
		s->ordered = 0;
	s->last_row = c->row;
	s->last_col = c->col;
	if (c->text == NULL) {
		s->value_row[s->nvalues] = c->vrow;
		s->value_col[s->nvalues] = c->vcol;
		s->nvalues++;
	} else if (s->nlabels < 128)
		s->labels[s->nlabels++] = *c;
}

static void
walk(const struct report_table *t, struct seen *s)
{
	int	 y, x, rows;

	memset(s, 0, sizeof(*s));
	s->last_row = -1;
	s->ordered = 1;
	report_table_walk(t, collect, s);
	rows = report_table_rows(t);
	ck_assert_int_le(rows, MAXR);
	ck_assert_int_eq(s->ordered, 1);
	for (y = 0; y < rows; y++)
		for (x = 0; x < t->grid_cols; x++)
			ck_assert_msg(s->cover[y][x] == 1,
			    "cell (%d, %d) covered %d times", y, x,
			    s->cover[y][x]);
}

static const struct report_cell *
label(const struct seen *s, const char *text)
{
	int	 i;

	for (i = 0; i < s->nlabels; i++)
		if (strcmp(s->labels[i].text, text) == 0)
			return &s->labels[i];
	ck_abort_msg("no label %s", text);
	return NULL;
}

/* The six sections of 30号, the office's texts 一, 五 and 六. */
START_TEST(test_parts)
{
	int	 i;

	for (i = 0; i < REPORT_PARTS; i++)
		ck_assert_str_eq(*report_parts[i].title,
		    report_section_titles[i]);
	ck_assert_int_eq(report_parts[0].text, RS_1);
	ck_assert_int_eq(report_parts[4].text, RS_5);
	ck_assert_int_eq(report_parts[5].text, RS_6);
	for (i = 1; i <= 3; i++)
		ck_assert_ptr_nonnull(report_parts[i].table);
	ck_assert_int_eq(report_parts[2].table->checks, 1);
}
END_TEST

/* Table 三: 3 header rows + 25 rows, 3 + 7 columns, spans of §3.3. */
START_TEST(test_table3)
{
	const struct report_table	*t = report_parts[2].table;
	const struct report_cell	*c;
	struct seen			 s;
	int				 i, n[RR__MAX][RC__MAX];

	walk(t, &s);
	ck_assert_int_eq(report_table_rows(t), 3 + RR__MAX);
	ck_assert_int_eq(t->grid_cols, 3 + RC__MAX);
	ck_assert_int_eq(s.nvalues, RR__MAX * RC__MAX);
	memset(n, 0, sizeof(n));
	for (i = 0; i < s.nvalues; i++)
		n[s.value_row[i]][s.value_col[i]]++;
	for (i = 0; i < RR__MAX * RC__MAX; i++)
		ck_assert_int_eq(n[i / RC__MAX][i % RC__MAX], 1);
	/* Rows in the official order: row r of numbers is grid row 3 + r. */
	for (i = 0; i < s.nvalues; i++)
		ck_assert_int_eq(s.value_row[i], i / RC__MAX);
	c = label(&s, report_corner);
	ck_assert_int_eq(c->rowspan, 3);
	ck_assert_int_eq(c->colspan, 3);
	ck_assert_int_eq(c->look, REPORT_LOOK_CORNER);
	c = label(&s, "三、本年度办理结果");
	ck_assert_int_eq(c->row, 3 + RR_OUTCOME);
	ck_assert_int_eq(c->rowspan, 22);
	c = label(&s, "（三）不予公开");
	ck_assert_int_eq(c->col, 1);
	ck_assert_int_eq(c->rowspan, 8);
	ck_assert_int_eq(label(&s, "（六）其他处理")->rowspan, 3);
	ck_assert_int_eq(label(&s, "一、本年新收政府信息公开申请数量")->colspan,
	    3);
	ck_assert_int_eq(label(&s, "（七）总计")->colspan, 2);
	ck_assert_int_eq(label(&s, "3.危及“三安全一稳定”")->colspan, 1);
	c = label(&s, report_hdr_orgs);
	ck_assert_int_eq(c->colspan, APPL__MAX - 1);
}
END_TEST

/* Table 四: 行政复议's results span two header rows; 15 numbers. */
START_TEST(test_table4)
{
	const struct report_table	*t = report_parts[3].table;
	const struct report_cell	*c;
	struct seen			 s;
	const char			*k1, *k2;
	int				 i;

	walk(t, &s);
	ck_assert_int_eq(report_table_rows(t), 4);
	ck_assert_int_eq(s.nvalues, AK__MAX * (AR__MAX + 1));
	ck_assert_int_eq(label(&s, report_hdr_litigation)->colspan, 10);
	c = label(&s, appeal_kinds[AK_LITIGATION_DIRECT].label);
	ck_assert_int_eq(c->col, 5);
	ck_assert_int_eq(c->colspan, 5);
	for (i = 0; i < s.nlabels; i++)
		if (s.labels[i].row == 1 && s.labels[i].col < 5)
			ck_assert_int_eq(s.labels[i].rowspan, 2);
	report_value_keys(&t->blocks[0], 0, s.value_col[4], &k1, &k2);
	ck_assert_str_eq(k1, "reconsideration");
	ck_assert_str_eq(k2, "total");
	report_value_keys(&t->blocks[0], 0, s.value_col[11], &k1, &k2);
	ck_assert_str_eq(k1, "litigation_after_review");
	ck_assert_str_eq(k2, appeal_results[AR_CORRECTED].code);
}
END_TEST

/* Table 二: each figure once, under its own item and column labels. */
START_TEST(test_table2)
{
	const struct report_table	*t = report_parts[1].table;
	const struct report_block	*b;
	struct report			 r;
	struct seen			 s;
	char				 v[32];
	int				 n[RF__MAX], i;
	size_t				 k, m, j;

	walk(t, &s);
	ck_assert_int_eq(t->nblocks, 4);
	memset(n, 0, sizeof(n));
	for (m = 0; m < t->nblocks; m++) {
		b = &t->blocks[m];
		ck_assert_str_eq(*b->head[0].text, report_fig_blocks[m]);
		for (k = 0; k < b->nrows; k++)
			for (j = 0; j < b->ncols; j++) {
				i = b->rows[k].src + b->cols[j].src;
				n[i]++;
				ck_assert_int_eq(report_figs[i].block, (int)m);
				ck_assert_str_eq(*b->rows[k].text,
				    report_figs[i].item);
				ck_assert_str_eq(*b->head[2 + j].text,
				    report_figs[i].column);
			}
	}
	for (i = 0; i < RF__MAX; i++)
		ck_assert_int_eq(n[i], 1);
	memset(&r, 0, sizeof(r));
	r.fig[RF_FEES] = 125000;
	r.fig_set[RF_FEES] = 1;
	b = &t->blocks[3];
	report_value_text(&r, b, b->rows[0].src, b->cols[0].src, v, sizeof(v));
	ck_assert_str_eq(v, "12.5");
	b = &t->blocks[1];
	report_value_text(&r, b, b->rows[0].src, b->cols[0].src, v, sizeof(v));
	ck_assert_str_eq(v, "");
}
END_TEST

START_TEST(test_checks)
{
	struct report	 r;
	int		 i;

	memset(&r, 0, sizeof(r));
	r.chk.carried_in = 1;
	for (i = 0; i < REPORT_CHECKS; i++)
		ck_assert_int_eq(report_check_ok(&r, i), i == 3);
	ck_assert_str_eq(report_check_word(1), "通过");
	ck_assert_str_eq(report_check_word(0), "未通过");
}
END_TEST

/* The CSV guards the agency's name; counts stay numbers. */
START_TEST(test_csv_guard)
{
	static const char want[] = "\xEF\xBB\xBF\"'=HYPERLINK("
	    "\"\"http://x\"\",\"\"点此\"\")局2025年政府信息公开工作年度报告\"\r\n"
	    "二、主动公开政府信息情况\r\n";
	struct report	 r;
	struct buf	 b;

	memset(&r, 0, sizeof(r));
	r.year = 2025;
	r.agency = "=HYPERLINK(\"http://x\",\"点此\")局";
	r.app[RR_NEW][RC_TOTAL] = 7;
	r.fig[RF_LICENSING] = 3;
	r.fig_set[RF_LICENSING] = 1;
	buf_init(&b);
	report_csv(&r, &b);
	ck_assert_int_eq(strncmp(b.p, want, strlen(want)), 0);
	ck_assert_ptr_nonnull(strstr(b.p, "\r\n一、本年新收政府信息公开申请数量,,,"
	    "0,0,0,0,0,0,7\r\n"));
	ck_assert_ptr_nonnull(strstr(b.p, "\r\n第二十条第（五）项,,,\r\n"
	    "信息内容,本年处理决定数量,,\r\n行政许可,3,,\r\n"));
	ck_assert_ptr_nonnull(strstr(b.p, "\r\n勾稽关系检查,未通过\r\n"));
	buf_clear(&b);
}
END_TEST

Suite *
report_layout_suite(void)
{
	Suite	*s = suite_create("report_layout");
	TCase	*tc;

	tc = tcase_create("layout");
	tcase_add_test(tc, test_parts);
	tcase_add_test(tc, test_table3);
	tcase_add_test(tc, test_table4);
	tcase_add_test(tc, test_table2);
	tcase_add_test(tc, test_checks);
	tcase_add_test(tc, test_csv_guard);
	suite_add_tcase(s, tc);
	return s;
}
