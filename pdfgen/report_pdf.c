/* SPDX-License-Identifier: ISC */
/*
 * The annual report as PDF: the title, sections 一 to 六 and tables 二,
 * 三 and 四 in the official 30号 layout (merged header cells, the corner
 * cell, the three label columns of table 三), on A4 with the type area
 * of GB/T 9704 (156 x 225 mm, 37 mm from the top, 28 mm from the left)
 * and page numbers.  Fonts are the pdf_fonts roles of pdf.h, loaded,
 * checked for coverage and subset once per document with the font cache
 * of font.c; a character no face can draw is an error, never a blank.
 *
 * The letter layout's display list (extern.h) draws only horizontal
 * rules on portrait pages, and its writer is private to pdf.c, so this
 * file keeps a small display list of its own (text runs and lines) and
 * draws it with libharu, loading the subset fonts through pdf.c's
 * pdf_load_font().
 */
#include <sys/mman.h>

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "cases/report.h"
#include "cases/report_layout.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "pdfgen/extern.h"
#include "pdfgen/linebreak.h"
#include "pdfgen/pdf.h"
#include "pdfgen/report_out.h"
#include "pdfgen/rp.h"


/* A table being filled from the layout's grid. */
struct rp_fill {
	struct rp_table		*t;
	const struct report	*r;
};

/*
 * A cell of the layout's grid: row labels left-aligned, the corner and
 * the result labels of table 四 in small type, numbers as their text
 * (the fees in 万元, an empty figure blank) kept in the cell's own
 * buffer.
 */
static void
rp_cell(const struct report_cell *c, void *arg)
{
	struct rp_fill	*f = arg;
	struct rp_table	*t = f->t;
	int		 k = t->ncell;

	if (c->text != NULL) {
		rp_cell_put(t, c->row, c->col, c->rowspan, c->colspan, c->text,
		    c->look == REPORT_LOOK_ROW, c->look == REPORT_LOOK_CORNER ||
		    c->look == REPORT_LOOK_HEAD_SMALL ? RP_SIZE_SMALL :
		    RP_SIZE_CELL);
		return;
	}
	if (k >= RP_CELLS) {
		t->overflow = 1;
		return;
	}
	report_value_text(f->r, c->block, c->vrow, c->vcol, t->nums[k],
	    sizeof(t->nums[k]));
	rp_cell_put(t, c->row, c->col, c->rowspan, c->colspan, t->nums[k], 0,
	    RP_SIZE_CELL);
}

/* Table tb of section n as cells, with the column widths of n. */
static struct rp_table *
rp_table(const struct report *r, const struct report_table *tb, int n)
{
	static const float	 colw2[4] = { PDF_MM(45), PDF_MM(37),
				    PDF_MM(37), PDF_MM(37) };
	static const float	 colw3[3 + RC__MAX] = { PDF_MM(14), PDF_MM(24),
				    PDF_MM(48), PDF_MM(10), PDF_MM(10),
				    PDF_MM(10), PDF_MM(10), PDF_MM(10),
				    PDF_MM(10), PDF_MM(10) };
	struct rp_table		*t = xcalloc(1, sizeof(*t));
	struct rp_fill		 f = { t, r };
	int			 i;

	t->ncols = tb->grid_cols;
	if (n == 1 && t->ncols == 4)
		t->colw = colw2;
	else if (n == 2 && t->ncols == 3 + RC__MAX)
		t->colw = colw3;
	else {
		/* Equal columns (table 四). */
		assert(t->ncols <= (int)(sizeof(t->colbuf) /
		    sizeof(t->colbuf[0])));
		for (i = 0; i < t->ncols; i++)
			t->colbuf[i] = RP_WIDTH / (float)t->ncols;
		t->colw = t->colbuf;
	}
	report_table_walk(tb, rp_cell, &f);
	return t;
}

/* A section heading followed by the office's text (s >= 0). */
static int
rp_section(struct rp *p, const struct report *r, int s, int n)
{
	rp_need(p, 3 * RP_SIZE_HEAD);
	p->y += PDF_MM(2);
	if (rp_para(p, *report_parts[n].title, RP_R_HEAD, RP_SIZE_HEAD, 0,
	    0, PDF_MM(1)) == -1)
		return -1;
	if (r->text[s] != NULL)
		return rp_text(p, r->text[s]);
	if (s == RS_6 && r->draft6 != NULL) {
		if (rp_para(p, report_draft_note, RP_R_BODY,
		    RP_SIZE_BODY, 2, 0, 0) == -1)
			return -1;
		return rp_text(p, r->draft6);
	}
	return rp_para(p, report_not_written, RP_R_BODY, RP_SIZE_BODY, 2, 0,
	    0);
}

/*
 * A section heading kept on one page with its table t (freed here) and
 * the line after it, if any.
 */
static int
rp_table_section(struct rp *p, int n, struct rp_table *t, const char *after)
{
	int	 rc = -1;

	if (rp_table_measure(p, t) == -1)
		goto out;
	rp_need(p, PDF_MM(3) + RP_SIZE_HEAD * RP_LEAD + PDF_MM(1) + t->total +
	    (after != NULL ? PDF_MM(3) + RP_SIZE_CELL * RP_LEAD : 0));
	p->y += PDF_MM(2);
	if (rp_para(p, *report_parts[n].title, RP_R_HEAD, RP_SIZE_HEAD, 0,
	    0, PDF_MM(1)) == -1)
		goto out;
	rp_table_draw(p, t);
	if (after != NULL && rp_para(p, after, RP_R_BODY, RP_SIZE_CELL, 0, 0,
	    PDF_MM(2)) == -1)
		goto out;
	rc = 0;
out:
	rp_table_free(t);
	return rc;
}

/* Lays out the whole report into the display list: the sections of
 * the layout in order.  The balance checks are not part of the 30号
 * format and stay in the web page and the JSON (decision 16). */
static int
rp_layout(struct rp *p, const struct report *r)
{
	const struct report_part	*pt;
	struct buf			 t;
	int				 rc, i;

	buf_init(&t);
	report_heading(r, &t);
	rp_page(p);
	rc = rp_para(p, buf_str(&t), RP_R_TITLE, RP_SIZE_TITLE, 0, 1,
	    PDF_MM(2));
	buf_clear(&t);
	if (rc == -1)
		return -1;
	if (r->published[0] == '\0' && rp_para(p, "（草稿，未发布）",
	    RP_R_BODY, RP_SIZE_BODY, 0, 1, PDF_MM(2)) == -1)
		return -1;
	for (i = 0; i < REPORT_PARTS && rc == 0; i++) {
		pt = &report_parts[i];
		if (pt->table == NULL)
			rc = rp_section(p, r, pt->text, i);
		else
			rc = rp_table_section(p, i, rp_table(r, pt->table, i),
			    NULL);
	}
	if (rc == -1)
		return -1;
	rp_number(p);
	return 0;
}


/*
 * Renders the report as a PDF in the official layout and appends it to
 * out.  fonts may be NULL for pdf_fonts_default().  Returns 0, or -1
 * with a message in Chinese and English in err (for example a character
 * that no font can draw); out is then unchanged.  Faces are cached
 * across calls (pdf_cache_clear()).
 */
int
report_pdf_render(const struct report *r, const struct pdf_fonts *fonts,
    struct buf *out, char *err, size_t errlen)
{
	struct pdf_fonts	 def;
	struct rp		 p;
	int			 rc = -1;

	if (errlen > 0)
		err[0] = '\0';
	if (fonts == NULL) {
		pdf_fonts_default(&def);
		fonts = &def;
	}
	rp_start(&p, fonts, err, errlen);
	if (rp_fonts(&p) == 0 && rp_layout(&p, r) == 0)
		rc = rp_write(&p, out);
	rp_end(&p);
	return rc;
}