/* SPDX-License-Identifier: ISC */
/*
 * The annual report as CSV (RFC 4180, UTF-8 with a byte-order mark so
 * that spreadsheet programs read the Chinese labels): tables 二, 三 and
 * 四 in the official layout, flattened: a merged header label stands in
 * its top-left cell (as a spreadsheet unmerges it), and every data row
 * carries its whole label path, so that each line reads on its own.
 */
#include <stdio.h>
#include <string.h>

#include "cases/appeal.h"
#include "cases/report.h"
#include "util/buf.h"

static void
field(struct buf *b, const char *s, int first)
{
	const char	*p;

	if (!first)
		buf_putc(b, ',');
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void
num(struct buf *b, long long n)
{
	buf_printf(b, ",%lld", n);
}

static void
eol(struct buf *b)
{
	buf_puts(b, "\r\n");
}

static void
fig(struct buf *b, const struct report *r, int f)
{
	char	 wan[32];

	if (!r->fig_set[f])
		field(b, "", 0);
	else if (f == RF_FEES) {
		report_fig_format(r->fig[f], wan, sizeof(wan));
		field(b, wan, 0);
	} else
		num(b, r->fig[f]);
}

/* Table 二: four blocks, each a heading line, a header and its rows. */
static void
table2(struct buf *b, const struct report *r)
{
	field(b, report_section_titles[1], 1);
	eol(b);
	field(b, report_fig_blocks[0], 1);
	eol(b);
	field(b, report_hdr_item, 1);
	field(b, report_figs[RF_RULES_ISSUED].column, 0);
	field(b, report_figs[RF_RULES_REPEALED].column, 0);
	field(b, report_figs[RF_RULES_IN_FORCE].column, 0);
	eol(b);
	field(b, report_figs[RF_RULES_ISSUED].item, 1);
	fig(b, r, RF_RULES_ISSUED);
	fig(b, r, RF_RULES_REPEALED);
	fig(b, r, RF_RULES_IN_FORCE);
	eol(b);
	field(b, report_figs[RF_NORMATIVE_ISSUED].item, 1);
	fig(b, r, RF_NORMATIVE_ISSUED);
	fig(b, r, RF_NORMATIVE_REPEALED);
	fig(b, r, RF_NORMATIVE_IN_FORCE);
	eol(b);
	field(b, report_fig_blocks[1], 1);
	eol(b);
	field(b, report_hdr_item, 1);
	field(b, report_figs[RF_LICENSING].column, 0);
	eol(b);
	field(b, report_figs[RF_LICENSING].item, 1);
	fig(b, r, RF_LICENSING);
	eol(b);
	field(b, report_fig_blocks[2], 1);
	eol(b);
	field(b, report_hdr_item, 1);
	field(b, report_figs[RF_PENALTY].column, 0);
	eol(b);
	field(b, report_figs[RF_PENALTY].item, 1);
	fig(b, r, RF_PENALTY);
	eol(b);
	field(b, report_figs[RF_COERCION].item, 1);
	fig(b, r, RF_COERCION);
	eol(b);
	field(b, report_fig_blocks[3], 1);
	eol(b);
	field(b, report_hdr_item, 1);
	field(b, report_figs[RF_FEES].column, 0);
	eol(b);
	field(b, report_figs[RF_FEES].item, 1);
	fig(b, r, RF_FEES);
	eol(b);
}

/*
 * Table 三: three label columns (一、…; （一）… or a group; a numbered
 * sub-row) and the seven numbers.  The three header rows are the merged
 * official header as a spreadsheet shows it unmerged: each merged
 * label in its top-left cell (申请人情况 over all seven columns, 法人或其
 * 他组织 over the five organisation types, the corner over the label
 * columns).  Each data row carries its whole label path.
 */
static void
table3(struct buf *b, const struct report *r)
{
	int	 row, c;

	field(b, report_section_titles[2], 1);
	eol(b);
	field(b, report_corner, 1);
	field(b, "", 0);
	field(b, "", 0);
	field(b, report_hdr_applicants, 0);
	for (c = 1; c < RC__MAX; c++)
		field(b, "", 0);
	eol(b);
	field(b, "", 1);
	field(b, "", 0);
	field(b, "", 0);
	field(b, report_col_labels[0], 0);
	field(b, report_hdr_orgs, 0);
	for (c = 2; c < APPL__MAX; c++)
		field(b, "", 0);
	field(b, report_col_labels[RC_TOTAL], 0);
	eol(b);
	field(b, "", 1);
	field(b, "", 0);
	field(b, "", 0);
	field(b, "", 0);
	for (c = 1; c < APPL__MAX; c++)
		field(b, report_col_labels[c], 0);
	field(b, "", 0);
	eol(b);
	for (row = 0; row < RR__MAX; row++) {
		const struct report_line *l = &report_lines[row];

		field(b, l->l1, 1);
		field(b, l->l2, 0);
		field(b, l->l3, 0);
		for (c = 0; c < RC__MAX; c++)
			num(b, r->app[row][c]);
		eol(b);
	}
}

/* Table 四: three header rows (merged labels top-left) and one row of
 * 15 numbers. */
static void
table4(struct buf *b, const struct report *r)
{
	int	 k, i;

	field(b, report_section_titles[3], 1);
	eol(b);
	for (i = 0; i < AK__MAX * (AR__MAX + 1); i++)
		field(b, i == 0 ? report_hdr_review : i == AR__MAX + 1 ?
		    report_hdr_litigation : "", i == 0);
	eol(b);
	/* The five 行政复议 labels span the second and third rows. */
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			field(b, k == AK_RECONSIDERATION ? (i == AR_TOTAL ?
			    report_hdr_total : appeal_results[i].label) :
			    i == 0 ? appeal_kinds[k].label : "",
			    k == 0 && i == 0);
	eol(b);
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			field(b, k == AK_RECONSIDERATION ? "" : i == AR_TOTAL ?
			    report_hdr_total : appeal_results[i].label,
			    k == 0 && i == 0);
	eol(b);
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++) {
			if (k == 0 && i == 0)
				buf_printf(b, "%lld", r->appeals[k][i]);
			else
				num(b, r->appeals[k][i]);
		}
	eol(b);
}

/* Appends the report as CSV to b. */
void
report_csv(const struct report *r, struct buf *b)
{
	struct buf	 t;

	buf_init(&t);
	buf_printf(&t, "%s%d年%s", r->agency != NULL ? r->agency : "",
	    r->year, report_title);
	buf_puts(b, "\xEF\xBB\xBF");
	field(b, buf_str(&t), 1);
	eol(b);
	buf_clear(&t);
	table2(b, r);
	table3(b, r);
	table4(b, r);
	field(b, "勾稽关系检查", 1);
	field(b, r->chk.balanced ? "通过" : "未通过", 0);
	eol(b);
}
