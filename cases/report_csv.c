/* SPDX-License-Identifier: ISC */
/*
 * The annual report as CSV (util/csv: RFC 4180, UTF-8 with a byte-order
 * mark so that spreadsheet programs read the Chinese labels, text cells
 * guarded against formulas): tables 二, 三 and 四 of report_layout.h,
 * each as its grid unmerged the way a spreadsheet unmerges it.  A header
 * label stands in the top-left cell of its span, the other cells of the
 * span are blank; every row of numbers carries its whole label path (the
 * group labels it sits under, repeated), so that each line reads on its
 * own.
 */
#include <stdio.h>
#include <string.h>

#include "cases/report.h"
#include "cases/report_layout.h"
#include "util/buf.h"
#include "util/csv.h"

/* Header row y of block b: each label in its first cell. */
static void
head_row(struct csv *w, const struct report_table *t,
    const struct report_block *b, int y)
{
	const char	*s;
	size_t		 i;
	int		 x;

	for (x = 0; x < t->grid_cols; x++) {
		s = "";
		for (i = 0; i < b->nhead; i++)
			if (b->head[i].row == y && b->head[i].col == x)
				s = *b->head[i].text;
		csv_text(w, s);
	}
	csv_eol(w);
}

static void
block(struct csv *w, const struct report *r, const struct report_table *t,
    const struct report_block *b)
{
	const char	*path[8];
	const struct report_outline *rw;
	char		 v[32];
	size_t		 i, k;
	int		 y, x, s;

	for (y = 0; y < b->head_rows; y++)
		head_row(w, t, b, y);
	for (i = 0; i < b->nrows; i++) {
		rw = &b->rows[i];
		if (rw->text != NULL)
			path[rw->indent] = *rw->text;
		if (rw->src < 0)
			continue;
		for (x = 0; x < b->labels; x++)
			csv_text(w, x <= rw->indent ? path[x] : "");
		for (k = 0; k < b->ncols; k++) {
			report_value_text(r, b, rw->src, b->cols[k].src, v,
			    sizeof(v));
			if (v[0] != '\0')
				csv_number(w, v);
			else
				csv_text(w, "");
			for (s = 1; s < b->cols[k].span; s++)
				csv_text(w, "");
		}
		csv_eol(w);
	}
}

/* Appends the report as CSV to b. */
void
report_csv(const struct report *r, struct buf *b)
{
	const struct report_part	*p;
	struct csv			 w;
	struct buf			 t;
	size_t				 i, k;

	csv_init(&w, b, 0);
	csv_bom(&w);
	buf_init(&t);
	report_heading(r, &t);
	csv_text(&w, buf_str(&t));
	csv_eol(&w);
	buf_clear(&t);
	for (i = 0; i < REPORT_PARTS; i++) {
		p = &report_parts[i];
		if (p->table == NULL)
			continue;
		csv_text(&w, *p->title);
		csv_eol(&w);
		for (k = 0; k < p->table->nblocks; k++)
			block(&w, r, p->table, &p->table->blocks[k]);
	}
	csv_text(&w, report_checks_title);
	csv_text(&w, report_check_word(r->chk.balanced));
	csv_eol(&w);
}
