/* SPDX-License-Identifier: ISC */
/*
 * The annual report as an XLSX workbook (libxlsxwriter; the only file
 * that includes xlsxwriter.h): one worksheet per table (二, 三, 四) in
 * the official 30号 layout with the merged cells of the format, counts
 * as numbers; the balance checks are not part of the 30号 format and
 * stay in the web page and the JSON (decision 16).  libxlsxwriter reports
 * failures through return values; the first one is kept and reported.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "cases/report.h"
#include "cases/report_layout.h"
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

/* One worksheet being filled from the layout's grid (row 0: title). */
struct xsheet {
	struct xl		*x;
	lxw_worksheet		*ws;
	const struct report	*r;
};

/*
 * A cell of the layout's grid: labels as text (row labels left, the
 * corner small), counts as numbers, the fees in 万元.  A figure of
 * table 二 may be empty: its (merged) range is written blank first.
 */
static void
xl_cell(const struct report_cell *c, void *arg)
{
	struct xsheet	*s = arg;
	struct xl	*x = s->x;
	const char	*k1, *k2;
	long long	 n;
	int		 y = 1 + c->row;

	if (c->text != NULL) {
		put(x, s->ws, y, c->col, y + c->rowspan - 1,
		    c->col + c->colspan - 1, c->text,
		    c->look == REPORT_LOOK_ROW ? x->label :
		    c->look == REPORT_LOOK_CORNER ? x->small : x->head);
		return;
	}
	if (c->block->src != REPORT_SRC_FIG) {
		if (report_value(s->r, c->block, c->vrow, c->vcol, &n))
			putn(x, s->ws, y, c->col, n);
		return;
	}
	/* A number in a merged range: merge the blank range, then write
	 * its first cell. */
	put(x, s->ws, y, c->col, y, c->col + c->colspan - 1, "", x->num);
	if (!report_value(s->r, c->block, c->vrow, c->vcol, &n))
		return;
	report_value_keys(c->block, c->vrow, c->vcol, &k1, &k2);
	if (report_fig_find(k1) == RF_FEES)
		xl_rc(x, worksheet_write_number(s->ws, (lxw_row_t)y,
		    (lxw_col_t)c->col, (double)n / 10000.0, x->num));
	else
		putn(x, s->ws, y, c->col, n);
}

/* Column widths of the sheet of section i, in characters. */
static void
widths(struct xl *x, lxw_worksheet *ws, int i)
{
	switch (i) {
	case 1:		/* 二: the item, three figures */
		xl_rc(x, worksheet_set_column(ws, 0, 0, 18, NULL));
		xl_rc(x, worksheet_set_column(ws, 1, 3, 16, NULL));
		break;
	case 2:		/* 三: three label columns, seven counts */
		xl_rc(x, worksheet_set_column(ws, 0, 0, 10, NULL));
		xl_rc(x, worksheet_set_column(ws, 1, 1, 16, NULL));
		xl_rc(x, worksheet_set_column(ws, 2, 2, 30, NULL));
		xl_rc(x, worksheet_set_column(ws, 3, 3 + RC__MAX - 1, 9,
		    NULL));
		break;
	default:	/* 四: fifteen counts */
		xl_rc(x, worksheet_set_column(ws, 0, (lxw_col_t)
		    (report_parts[i].table->grid_cols - 1), 8, NULL));
		break;
	}
}

/* One sheet per table of the layout, with the official merged cells. */
static void
tables(struct xl *x, const struct report *r)
{
	const struct report_table	*t;
	struct xsheet			 s;
	int				 i;

	for (i = 0; i < REPORT_PARTS; i++) {
		if ((t = report_parts[i].table) == NULL)
			continue;
		if ((s.ws = sheet(x, t->sheet, t->grid_cols,
		    *report_parts[i].title)) == NULL)
			return;
		s.x = x;
		s.r = r;
		widths(x, s.ws, i);
		report_table_walk(t, xl_cell, &s);
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
	tables(&x, r);
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
