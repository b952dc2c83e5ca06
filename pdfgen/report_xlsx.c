/* SPDX-License-Identifier: ISC */
/*
 * The annual report as an XLSX workbook (libxlsxwriter; the only file
 * that includes xlsxwriter.h): one worksheet per table (二, 三, 四) in
 * the official 30号 layout with the merged cells of the format, counts
 * as numbers, and a fourth sheet with the checks.  libxlsxwriter reports
 * failures through return values; the first one is kept and reported.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "cases/appeal.h"
#include "cases/report.h"
#include "pdfgen/report_out.h"

/* One workbook being written, with its formats and first error. */
struct xl {
	lxw_workbook	*wb;
	lxw_format	*title;		/* sheet heading */
	lxw_format	*head;		/* header cells: centred, wrapped */
	lxw_format	*label;		/* row labels: left, wrapped */
	lxw_format	*num;		/* counts */
	lxw_format	*small;		/* the corner cell */
	lxw_error	 err;
};

static void
xl_rc(struct xl *x, lxw_error e)
{
	if (x->err == LXW_NO_ERROR)
		x->err = e;
}

static lxw_format *
xl_format(struct xl *x, int align, double size, int border, int bold)
{
	lxw_format	*f = workbook_add_format(x->wb);

	format_set_font_name(f, "仿宋");
	format_set_font_size(f, size);
	format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (bold)
		format_set_bold(f);
	return f;
}

/* Writes s over rows r0..r1 and columns c0..c1, merged when > 1 cell. */
static void
put(struct xl *x, lxw_worksheet *ws, int r0, int c0, int r1, int c1,
    const char *s, lxw_format *f)
{
	if (r0 == r1 && c0 == c1)
		xl_rc(x, worksheet_write_string(ws, (lxw_row_t)r0,
		    (lxw_col_t)c0, s, f));
	else
		xl_rc(x, worksheet_merge_range(ws, (lxw_row_t)r0,
		    (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, s, f));
}

static void
putn(struct xl *x, lxw_worksheet *ws, int r, int c, long long n)
{
	xl_rc(x, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
	    (double)n, x->num));
}

static lxw_worksheet *
sheet(struct xl *x, const char *name, int ncols, const char *heading)
{
	lxw_worksheet	*ws;

	if ((ws = workbook_add_worksheet(x->wb, name)) == NULL) {
		xl_rc(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	put(x, ws, 0, 0, 0, ncols - 1, heading, x->title);
	xl_rc(x, worksheet_set_row(ws, 0, 24, NULL));
	return ws;
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Table 二: four blocks of 4 columns; one-figure blocks span 3. */
static void
table2(struct xl *x, const struct report *r)
{
	lxw_worksheet	*ws;
	int		 row = 1, blk, f, first, ncols, k;

	if ((ws = sheet(x, "二 主动公开", 4, report_section_titles[1])) == NULL)
		return;
	xl_rc(x, worksheet_set_column(ws, 0, 0, 18, NULL));
	xl_rc(x, worksheet_set_column(ws, 1, 3, 16, NULL));
	for (blk = 0; blk < 4; blk++) {
		for (first = 0; report_figs[first].block != blk; first++)
			;
		for (ncols = 1; first + ncols < RF__MAX &&
		    same(report_figs[first + ncols].item,
		    report_figs[first].item); ncols++)
			;
		put(x, ws, row, 0, row, 3, report_fig_blocks[blk], x->label);
		row++;
		put(x, ws, row, 0, row, 0, report_hdr_item, x->head);
		for (k = 0; k < ncols; k++)
			put(x, ws, row, 1 + k, row, ncols == 1 ? 3 : 1 + k,
			    report_figs[first + k].column, x->head);
		row++;
		for (f = first; f < RF__MAX && report_figs[f].block == blk;
		    f += ncols, row++) {
			put(x, ws, row, 0, row, 0, report_figs[f].item,
			    x->head);
			for (k = 0; k < ncols; k++) {
				int	 c0 = 1 + k, c1 = ncols == 1 ? 3 : 1 + k;

				/* A number in a merged range: merge the
				 * blank range, then write its first cell. */
				put(x, ws, row, c0, row, c1, "", x->num);
				if (!r->fig_set[f + k])
					continue;
				if (f + k == RF_FEES)
					xl_rc(x, worksheet_write_number(ws,
					    (lxw_row_t)row, (lxw_col_t)c0,
					    (double)r->fig[f + k] / 10000.0,
					    x->num));
				else
					putn(x, ws, row, c0, r->fig[f + k]);
			}
		}
	}
}

/* Table 三 with its three header rows and three label columns. */
static void
table3(struct xl *x, const struct report *r)
{
	const struct report_line	*l, *p;
	lxw_worksheet			*ws;
	int				 row, c, n, y;

	if ((ws = sheet(x, "三 申请处理", 3 + RC__MAX,
	    report_section_titles[2])) == NULL)
		return;
	xl_rc(x, worksheet_set_column(ws, 0, 0, 10, NULL));
	xl_rc(x, worksheet_set_column(ws, 1, 1, 16, NULL));
	xl_rc(x, worksheet_set_column(ws, 2, 2, 30, NULL));
	xl_rc(x, worksheet_set_column(ws, 3, 3 + RC__MAX - 1, 9, NULL));
	put(x, ws, 1, 0, 3, 2, report_corner, x->small);
	put(x, ws, 1, 3, 1, 3 + RC__MAX - 1, report_hdr_applicants, x->head);
	put(x, ws, 2, 3, 3, 3, report_col_labels[APPL_PERSON], x->head);
	put(x, ws, 2, 4, 2, 3 + APPL__MAX - 1, report_hdr_orgs, x->head);
	put(x, ws, 2, 3 + RC_TOTAL, 3, 3 + RC_TOTAL,
	    report_col_labels[RC_TOTAL], x->head);
	for (c = APPL_BUSINESS; c < APPL__MAX; c++)
		put(x, ws, 3, 3 + c, 3, 3 + c, report_col_labels[c], x->head);
	for (row = 0; row < RR__MAX; row++) {
		y = 4 + row;
		l = &report_lines[row];
		p = row > 0 ? &report_lines[row - 1] : NULL;
		if (p == NULL || !same(l->l1, p->l1)) {
			for (n = 1; row + n < RR__MAX &&
			    same(report_lines[row + n].l1, l->l1); n++)
				;
			put(x, ws, y, 0, y + n - 1, l->l2 == NULL ? 2 : 0,
			    l->l1, x->label);
		}
		if (l->l2 != NULL && l->l3 == NULL)
			put(x, ws, y, 1, y, 2, l->l2, x->label);
		else if (l->l2 != NULL) {
			if (p == NULL || !same(l->l2, p->l2)) {
				for (n = 1; row + n < RR__MAX &&
				    same(report_lines[row + n].l2, l->l2); n++)
					;
				put(x, ws, y, 1, y + n - 1, 1, l->l2,
				    x->label);
			}
			put(x, ws, y, 2, y, 2, l->l3, x->label);
		}
		for (c = 0; c < RC__MAX; c++)
			putn(x, ws, y, 3 + c, r->app[row][c]);
	}
}

/* Table 四: 15 columns, three header rows, one row of counts. */
static void
table4(struct xl *x, const struct report *r)
{
	lxw_worksheet	*ws;
	int		 k, i, c;
	const char	*lab;

	if ((ws = sheet(x, "四 复议诉讼", AK__MAX * (AR__MAX + 1),
	    report_section_titles[3])) == NULL)
		return;
	xl_rc(x, worksheet_set_column(ws, 0, AK__MAX * (AR__MAX + 1) - 1, 8,
	    NULL));
	put(x, ws, 1, 0, 1, AR__MAX, report_hdr_review, x->head);
	put(x, ws, 1, AR__MAX + 1, 1, AK__MAX * (AR__MAX + 1) - 1,
	    report_hdr_litigation, x->head);
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++) {
			c = k * (AR__MAX + 1) + i;
			lab = i == AR_TOTAL ? report_hdr_total :
			    appeal_results[i].label;
			if (k == AK_RECONSIDERATION)
				put(x, ws, 2, c, 3, c, lab, x->head);
			else
				put(x, ws, 3, c, 3, c, lab, x->head);
			putn(x, ws, 4, c, r->appeals[k][i]);
		}
	for (k = AK_LITIGATION_DIRECT; k < AK__MAX; k++)
		put(x, ws, 2, k * (AR__MAX + 1), 2, k * (AR__MAX + 1) + AR__MAX,
		    appeal_kinds[k].label, x->head);
}

static void
checks(struct xl *x, const struct report *r)
{
	static const char *const what[] = {
		"各列：第一项加第二项之和等于第三项加第四项之和",
		"总计列等于六类申请人之和",
		"（七）总计等于（一）至（六）各项之和",
		"上年结转数等于上一年度结转下年度数",
		"表四各总计等于四种结果之和",
	};
	const struct report_checks	*k = &r->chk;
	int				 ok[5], i;
	lxw_worksheet			*ws;

	ok[0] = k->identity_all;
	ok[1] = k->total_column;
	ok[2] = k->concluded_total;
	ok[3] = k->carried_in;
	ok[4] = k->appeals_totals;
	if ((ws = sheet(x, "勾稽关系检查", 2, "勾稽关系检查")) == NULL)
		return;
	xl_rc(x, worksheet_set_column(ws, 0, 0, 50, NULL));
	xl_rc(x, worksheet_set_column(ws, 1, 1, 10, NULL));
	for (i = 0; i < 5; i++) {
		put(x, ws, 1 + i, 0, 1 + i, 0, what[i], x->label);
		put(x, ws, 1 + i, 1, 1 + i, 1, ok[i] ? "通过" : "未通过",
		    x->head);
	}
}

/*
 * Writes the report as an XLSX workbook at path (replacing any file
 * there).  Returns 0, or -1 with a message in err.
 */
int
report_xlsx_write(const struct report *r, const char *path, char *err,
    size_t errlen)
{
	struct xl	 x;
	lxw_error	 e;

	memset(&x, 0, sizeof(x));
	if ((x.wb = workbook_new(path)) == NULL) {
		snprintf(err, errlen, "无法创建表格文件 (cannot create %s)",
		    path);
		return -1;
	}
	x.title = xl_format(&x, LXW_ALIGN_LEFT, 12, 0, 1);
	x.head = xl_format(&x, LXW_ALIGN_CENTER, 10, 1, 0);
	x.label = xl_format(&x, LXW_ALIGN_LEFT, 10, 1, 0);
	x.num = xl_format(&x, LXW_ALIGN_CENTER, 10, 1, 0);
	x.small = xl_format(&x, LXW_ALIGN_LEFT, 9, 1, 0);
	table2(&x, r);
	table3(&x, r);
	table4(&x, r);
	checks(&x, r);
	/* workbook_close() writes the file and frees the workbook. */
	e = workbook_close(x.wb);
	if (x.err == LXW_NO_ERROR)
		x.err = e;
	if (x.err != LXW_NO_ERROR) {
		snprintf(err, errlen, "无法写入表格文件 (xlsx: %s)",
		    lxw_strerror(x.err));
		return -1;
	}
	return 0;
}
