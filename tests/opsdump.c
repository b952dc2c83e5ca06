/* SPDX-License-Identifier: ISC */
/* The canonical dump of what the case operations write (opsdump.h). */
#include <check.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const char *const tables[] = {
	"applicants", "cases", "events", "case_texts", "notes", "approvals",
	"attachments", "letters", "doc_numbers", "fee_charges", "deliveries",
	"departments", "case_assists",
	"approval_steps", "signoff_steps",
};

/* Columns whose values differ between equivalent runs. */
static const char *const masked[] = {
	"id", "case_id", "applicant_id", "hash", "sha256", "size", "data",
	"addr",
};

static int
is_masked(const char *col)
{
	size_t	 i;

	for (i = 0; i < sizeof(masked) / sizeof(masked[0]); i++)
		if (strcmp(col, masked[i]) == 0)
			return 1;
	return 0;
}

/* "2026-11-20T01:02:03Z" and the like. */
static int
is_timestamp(const char *v)
{
	return strlen(v) >= 20 && isdigit((unsigned char)v[0]) &&
	    v[4] == '-' && v[7] == '-' && v[10] == 'T';
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
ops_dump(const char *dbpath)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct buf	 out, row, q;
	char		**lines = NULL;
	const char	*v, *col;
	size_t		 t, n, cap, i;
	int		 c;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	buf_init(&out);
	buf_init(&row);
	buf_init(&q);
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		buf_reset(&q);
		buf_printf(&q, "SELECT * FROM %s", tables[t]);
		ck_assert_int_eq(sqlite3_prepare_v2(db, buf_str(&q), -1, &st,
		    NULL), SQLITE_OK);
		n = cap = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			buf_reset(&row);
			for (c = 0; c < sqlite3_column_count(st); c++) {
				col = sqlite3_column_name(st, c);
				buf_printf(&row, "%s%s=", c > 0 ? "|" : "", col);
				if (sqlite3_column_type(st, c) == SQLITE_NULL)
					buf_puts(&row, "NULL");
				else if (is_masked(col) ||
				    sqlite3_column_type(st, c) == SQLITE_BLOB)
					buf_puts(&row, "*");
				else if (v = (const char *)
				    sqlite3_column_text(st, c), is_timestamp(v))
					buf_puts(&row, "<time>");
				else
					buf_puts(&row, v);
			}
			if (n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				lines = xrealloc(lines, cap * sizeof(*lines));
			}
			lines[n++] = xstrdup(buf_str(&row));
		}
		sqlite3_finalize(st);
		qsort(lines, n, sizeof(*lines), cmp);
		buf_printf(&out, "== %s (%zu)\n", tables[t], n);
		for (i = 0; i < n; i++) {
			buf_puts(&out, lines[i]);
			buf_putc(&out, '\n');
			free(lines[i]);
		}
	}
	free(lines);
	sqlite3_close(db);
	buf_clear(&row);
	buf_clear(&q);
	return buf_release(&out);
}
