/* SPDX-License-Identifier: ISC */
/* Canonical dumps of tables (see dbdump_admin.h). */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/dbdump_admin.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Columns whose values differ by nature between two runs. */
static int
masked(const char *col)
{
	static const char *const names[] = { "id", "pw_hash", "origin",
	    "group_id", "publication_id", "proposal_id" };
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(col, names[i]) == 0)
			return 1;
	return 0;
}

static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Length of an ISO timestamp at s (YYYY-MM-DDTHH:MM:SS[.fff]Z), or 0. */
static size_t
stamp_len(const char *s)
{
	size_t	 n;

	if (strlen(s) < 20 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
	    s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return 0;
	n = 19;
	if (s[n] == '.')
		for (n++; s[n] >= '0' && s[n] <= '9'; n++)
			;
	return s[n] == 'Z' ? n + 1 : 0;
}

/* Appends v with every timestamp in it replaced by "<ts>". */
static void
put_value(struct buf *b, const char *v)
{
	size_t	 n;

	while (*v != '\0') {
		if ((n = stamp_len(v)) > 0) {
			buf_puts(b, "<ts>");
			v += n;
		} else
			buf_putc(b, *v++);
	}
}

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
dbdump_admin(const char *db, const char *const *tables)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	struct buf	 line, out;
	char		**lines = NULL, sql[128];
	size_t		 n = 0, i;
	int		 c, nc;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	buf_init(&line);
	for (; *tables != NULL; tables++) {
		/* Table names are the test's own constants. */
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", *tables);
		/* The audit chain's head follows the audit rows, which
		 * the web writes more of than the CLI. */
		if (strcmp(*tables, "settings") == 0)
			snprintf(sql, sizeof(sql), "SELECT * FROM settings"
			    " WHERE key <> 'audit_chain_head'");
		ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) ==
		    SQLITE_OK, "%s: %s", *tables, sqlite3_errmsg(h));
		nc = sqlite3_column_count(st);
		while (sqlite3_step(st) == SQLITE_ROW) {
			buf_reset(&line);
			buf_puts(&line, *tables);
			for (c = 0; c < nc; c++) {
				buf_printf(&line, "|%s=",
				    sqlite3_column_name(st, c));
				if (masked(sqlite3_column_name(st, c)))
					buf_puts(&line, "*");
				else if (sqlite3_column_type(st, c) ==
				    SQLITE_NULL)
					buf_puts(&line, "NULL");
				else
					put_value(&line, (const char *)
					    sqlite3_column_text(st, c));
			}
			lines = xrealloc(lines, (n + 1) * sizeof(*lines));
			lines[n++] = xstrdup(buf_str(&line));
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	if (n > 0)
		qsort(lines, n, sizeof(*lines), cmp_lines);
	buf_init(&out);
	for (i = 0; i < n; i++) {
		buf_puts(&out, lines[i]);
		buf_putc(&out, '\n');
		free(lines[i]);
	}
	free(lines);
	buf_clear(&line);
	if (out.len == 0) {
		buf_clear(&out);
		return xstrdup("");
	}
	return buf_release(&out);
}
