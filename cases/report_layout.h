/* SPDX-License-Identifier: ISC */
/*
 * The layout of the annual report in the format of 国办公开办函〔2021〕
 * 30号 (domain.md §3), described once as data that every writer walks
 * (JSON, CSV, HTML, PDF, XLSX): the six sections in order, and for each
 * of tables 二, 三 and 四 its header labels with their spans, its row
 * labels as an outline, its columns of numbers and the part of struct
 * report each number is read from.  The label texts themselves are the
 * tables of report.h; the layout points at them, so that a label is
 * written once.  docs/report.md draws the grids.
 *
 * A table is drawn on a grid.  A table made of blocks (table 二: one
 * block per Art 20 item) stacks them, each block's rows below the
 * previous one's.  A block has header rows (labels placed by row,
 * column and span), then one grid row per row of numbers: its label
 * columns hold the row outline (a group label spans the rows of its
 * sub-rows; a row without sub-rows spans the label columns it does not
 * need), and its columns of numbers follow.
 */
#ifndef CASES_REPORT_LAYOUT_H
#define CASES_REPORT_LAYOUT_H

#include <stddef.h>

struct buf;
struct report;

/* Where the numbers of a block are read from in struct report. */
enum report_src {
	REPORT_SRC_FIG,		/* fig[row + col], empty unless fig_set */
	REPORT_SRC_APP,		/* app[row][col] */
	REPORT_SRC_APPEAL,	/* appeals[col / (AR__MAX + 1)]
				 * [col % (AR__MAX + 1)] */
};

/* What a label cell is; each writer sets each kind in its own way. */
enum report_look {
	REPORT_LOOK_HEAD,	/* a column header: centred */
	REPORT_LOOK_HEAD_SMALL,	/* a column header over a narrow column */
	REPORT_LOOK_CORNER,	/* the corner of table 三: small type */
	REPORT_LOOK_ROW,	/* a row label or a block heading: left */
};

/* A header label over rows row.. and columns col.. of its block. */
struct report_head {
	int			 row, col, rowspan, colspan;
	enum report_look	 look;
	const char *const	*text;
};

/*
 * One line of a block's row outline.  indent is its depth (0 is the
 * first label column).  src is the row of the source, or -1 for a group
 * label, which has no numbers and spans the rows after it that are
 * indented deeper.
 */
struct report_outline {
	const char *const	*text;
	int			 indent;
	int			 src;
};

/* A column of numbers: the column of the source and its grid width. */
struct report_col {
	int	 src;
	int	 span;
};

struct report_block {
	enum report_src			 src;
	const struct report_head	*head;		/* in row, then column
							 * order */
	size_t				 nhead;
	int				 head_rows;
	const struct report_outline	*rows;
	size_t				 nrows;
	int				 labels;	/* label columns */
	enum report_look		 row_look;
	const struct report_col		*cols;
	size_t				 ncols;
};

struct report_table {
	const struct report_block	*blocks;
	size_t				 nblocks;
	int				 grid_cols;
	const char			*sheet;		/* spreadsheet tab */
	int				 checks;	/* the checks follow */
};

/* A section: the office's text (text >= 0, an enum report_section) or a
 * table. */
struct report_part {
	const char *const		*title;
	int				 text;
	const struct report_table	*table;
};

#define REPORT_PARTS	6

extern const struct report_part report_parts[REPORT_PARTS];

/* One cell of a table's grid, as report_table_walk hands it out. */
struct report_cell {
	int				 row, col, rowspan, colspan;
	const struct report_block	*block;
	const char			*text;	/* a label; NULL: a number */
	enum report_look		 look;	/* of a label */
	int				 vrow, vcol;	/* a number's source */
};

/* One of the checks the format states, as shown under table 三. */
struct report_check_def {
	const char	*label;
	const char	*label_published;	/* when 二 was checked against
						 * a published year */
	size_t		 off;			/* int in report_checks */
};

#define REPORT_CHECKS	5

extern const struct report_check_def report_check_defs[REPORT_CHECKS];
extern const char report_checks_title[];	/* 勾稽关系检查 */
extern const char report_not_written[];		/* （尚未填写） */
extern const char report_draft_note[];

/* report_layout.c */
void		 report_table_walk(const struct report_table *,
		    void (*)(const struct report_cell *, void *), void *);
int		 report_table_rows(const struct report_table *);
int		 report_value(const struct report *,
		    const struct report_block *, int row, int col,
		    long long *);
void		 report_value_text(const struct report *,
		    const struct report_block *, int row, int col, char *,
		    size_t);
void		 report_value_keys(const struct report_block *, int row,
		    int col, const char **, const char **);
int		 report_check_ok(const struct report *, int);
const char	*report_check_word(int);
void		 report_heading(const struct report *, struct buf *);

#endif
