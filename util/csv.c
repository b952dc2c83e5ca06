/* SPDX-License-Identifier: ISC */
/*
 * The CSV writer of util/csv.h: cells separated by commas, lines ended
 * by CRLF, a field quoted when it holds a comma, a quote, CR or LF (or
 * always, with CSV_QUOTE_ALL) and its quotes doubled, and text that a
 * spreadsheet would run as a formula turned into text with a leading
 * apostrophe.
 */
#include <assert.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

/* Starts a document on b (appending to what b holds). */
void
csv_init(struct csv *c, struct buf *b, unsigned flags)
{
	c->b = b;
	c->flags = flags;
	c->ncell = 0;
}

/* The UTF-8 byte-order mark, first in the file, for Excel and WPS. */
void
csv_bom(struct csv *c)
{
	assert(c->ncell == 0);
	buf_puts(c->b, "\xEF\xBB\xBF");
}

/* The length of the blank at s (0 if none): ASCII white space, U+3000. */
static size_t
blank(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	    *s == '\v' || *s == '\f')
		return 1;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/*
 * Whether a spreadsheet would take s as a formula: its first character
 * after the leading blanks is = + - @, or ＝ ＋ － ＠ (U+FF1D, U+FF0B,
 * U+FF0D, U+FF20).
 */
int
csv_is_formula(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n;

	if (u == NULL)
		return 0;
	while ((n = blank(u)) > 0)
		u += n;
	if (*u == '=' || *u == '+' || *u == '-' || *u == '@')
		return 1;
	return u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x9D ||
	    u[2] == 0x8B || u[2] == 0x8D || u[2] == 0xA0);
}

static void
sep(struct csv *c)
{
	if (c->ncell++ > 0)
		buf_putc(c->b, ',');
}

/* A text cell (NULL is an empty one), guarded and quoted as needed. */
void
csv_text(struct csv *c, const char *s)
{
	const char	*p, *q;
	char		 tmp[1024];
	size_t		 k = 0;
	int		 quote, formula;

	if (s == NULL)
		s = "";
	quote = (c->flags & CSV_QUOTE_ALL) || strpbrk(s, ",\"\r\n") != NULL;
	formula = csv_is_formula(s);
	/* A short field goes out in one piece (the export writes a
	 * million rows): separator, quotes, guard and text, each double
	 * quote written twice. */
	if (c->ncell > 0)
		tmp[k++] = ',';
	if (quote)
		tmp[k++] = '"';
	if (formula)
		tmp[k++] = '\'';
	for (p = s; *p != '\0' && k < sizeof(tmp) - 3; p++) {
		if (*p == '"')
			tmp[k++] = '"';
		tmp[k++] = *p;
	}
	if (*p == '\0') {
		if (quote)
			tmp[k++] = '"';
		c->ncell++;
		buf_put(c->b, tmp, k);
		return;
	}
	/* A long one in spans. */
	sep(c);
	if (quote)
		buf_putc(c->b, '"');
	if (formula)
		buf_putc(c->b, '\'');
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		buf_put(c->b, p, (size_t)(q - p) + 1);
		buf_putc(c->b, '"');
	}
	buf_puts(c->b, p);
	if (quote)
		buf_putc(c->b, '"');
}

/* A count the writer produced: digits, never guarded or quoted. */
void
csv_int(struct csv *c, long long n)
{
	sep(c);
	buf_printf(c->b, "%lld", n);
}

/*
 * A number the caller formatted (such as "12.5"), written as it is: it
 * must consist of digits, at most one leading minus sign and a point.
 */
void
csv_number(struct csv *c, const char *s)
{
	assert(s != NULL && s[strspn(s[0] == '-' ? s + 1 : s,
	    "0123456789.") + (s[0] == '-')] == '\0');
	sep(c);
	buf_puts(c->b, s);
}

/* Ends the line. */
void
csv_eol(struct csv *c)
{
	buf_puts(c->b, "\r\n");
	c->ncell = 0;
}
