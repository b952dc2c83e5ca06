/* SPDX-License-Identifier: ISC */
/*
 * The one CSV writer (RFC 4180, CRLF lines, optional UTF-8 byte-order
 * mark for Excel and WPS).  A text cell whose first character after any
 * leading blanks (space, TAB, CR, LF, VT, FF, U+3000) is one of
 * = + - @ or their fullwidth forms ＝ ＋ － ＠ is a formula to a
 * spreadsheet; it gets a leading apostrophe, which makes it text.
 * Numbers the writer itself produces (csv_int, csv_number) are not
 * guarded: they are digits, and a guarded "-5" would stop being a
 * number in the spreadsheet.
 */
#ifndef UTIL_CSV_H
#define UTIL_CSV_H

struct buf;

/* Quote every text cell, not only those that need it. */
#define CSV_QUOTE_ALL	0x1

/* One CSV document being written to a buffer. */
struct csv {
	struct buf	*b;
	unsigned	 flags;
	int		 ncell;		/* cells written on the current line */
};

void	 csv_init(struct csv *, struct buf *, unsigned flags);
void	 csv_bom(struct csv *);
void	 csv_text(struct csv *, const char *);
void	 csv_int(struct csv *, long long);
void	 csv_number(struct csv *, const char *);
void	 csv_eol(struct csv *);
int	 csv_is_formula(const char *);

#endif
