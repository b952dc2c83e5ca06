/* SPDX-License-Identifier: ISC */
/*
 * Storage of the sealed case files (store/archive.h).  Part of the
 * store module (store_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/archive.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_INSERT, STMT_LIST_CASE, STMT_LIST_YEAR, STMT_LIST_ALL, STMT_PDF,
	STMT_SEQ, STMT_DEPT, STMT_APPEALS, STMT_UNSEALED, STMT__MAX
};

#define COLS \
	"a.id, a.case_id, c.number, a.item, COALESCE(a.refers, 0)," \
	" a.dangan, a.fonds, a.year, a.retention, a.dept, a.seq, a.pages," \
	" a.pdf_sha256, a.manifest, a.manifest_sha256, a.sealed_by," \
	" a.sealed_at, length(a.pdf)" \
	" FROM archive_files a JOIN cases c ON c.id = a.case_id"

static const char *const stmts[STMT__MAX] = {
	[STMT_INSERT] =
	    "INSERT INTO archive_files (case_id, item, refers, dangan, fonds,"
	    " year, retention, dept, seq, pages, pdf, pdf_sha256, manifest,"
	    " manifest_sha256, sealed_by, sealed_at) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
	    " RETURNING id",
	[STMT_LIST_CASE] =
	    "SELECT " COLS " WHERE a.case_id = ?1 ORDER BY a.item",
	[STMT_LIST_YEAR] =
	    "SELECT " COLS " WHERE a.year = ?1 ORDER BY a.dangan, a.item",
	[STMT_LIST_ALL] =
	    "SELECT " COLS " ORDER BY a.year, a.dangan, a.item",
	[STMT_PDF] =
	    "SELECT pdf FROM archive_files WHERE id = ?1",
	[STMT_SEQ] =
	    "SELECT COALESCE(MAX(seq), 0) + 1 FROM archive_files"
	    " WHERE fonds = ?1 AND year = ?2 AND retention = ?3 AND dept = ?4"
	    " AND item = 0",
	[STMT_DEPT] =
	    "SELECT COALESCE(d.code, '') FROM cases c LEFT JOIN departments d"
	    " ON d.id = c.dept_id WHERE c.id = ?1",
	[STMT_APPEALS] =
	    "SELECT count(*) FROM appeals WHERE case_id = ?1",
	/* Archived before sealing existed (issue 14): no sealed file. */
	[STMT_UNSEALED] =
	    "SELECT c.id, c.number FROM cases c WHERE c.state = 'archived'"
	    " AND NOT EXISTS (SELECT 1 FROM archive_files a"
	    " WHERE a.case_id = c.id) ORDER BY c.closed_on, c.year, c.seq",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_ARCHIVE, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static void
text(sqlite3_stmt *st, int col, char *out, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	snprintf(out, len, "%s", t != NULL ? (const char *)t : "");
}

static void
row(sqlite3_stmt *st, struct archive_rec *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	sq_col_id(st, 1, a->case_id);
	text(st, 2, a->number, sizeof(a->number));
	a->item = sqlite3_column_int(st, 3);
	a->refers = sqlite3_column_int64(st, 4);
	text(st, 5, a->dangan, sizeof(a->dangan));
	text(st, 6, a->fonds, sizeof(a->fonds));
	a->year = sqlite3_column_int(st, 7);
	text(st, 8, a->retention, sizeof(a->retention));
	text(st, 9, a->dept, sizeof(a->dept));
	a->seq = sqlite3_column_int(st, 10);
	a->pages = sqlite3_column_int(st, 11);
	text(st, 12, a->pdf_sha256, sizeof(a->pdf_sha256));
	a->manifest = sq_col_dup(st, 13);
	text(st, 14, a->manifest_sha256, sizeof(a->manifest_sha256));
	a->sealed_by = sq_col_dup(st, 15);
	a->sealed_at = sq_col_dup(st, 16);
	a->size = sqlite3_column_int64(st, 17);
}

/*
 * Inserts a sealed item (inside the caller's transaction); *id gets
 * its row id.
 */
enum cm_err
archive_insert(struct store *s, const struct archive_rec *a, const void *pdf,
    size_t len, int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, a->case_id);
	sqlite3_bind_int(st, 2, a->item);
	if (a->refers > 0)
		sqlite3_bind_int64(st, 3, a->refers);
	else
		sqlite3_bind_null(st, 3);
	sq_bind_text(st, 4, a->dangan);
	sq_bind_text(st, 5, a->fonds);
	sqlite3_bind_int(st, 6, a->year);
	sq_bind_text(st, 7, a->retention);
	sq_bind_text(st, 8, a->dept);
	sqlite3_bind_int(st, 9, a->seq);
	sqlite3_bind_int(st, 10, a->pages);
	sqlite3_bind_blob64(st, 11, pdf, len, SQLITE_TRANSIENT);
	sq_bind_text(st, 12, a->pdf_sha256);
	sq_bind_text(st, 13, a->manifest);
	sq_bind_text(st, 14, a->manifest_sha256);
	sq_bind_text(st, 15, a->sealed_by);
	sq_bind_text(st, 16, a->sealed_at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (id != NULL)
			*id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * The sealed items of case_id (when not NULL), else of year (when not
 * 0), else all, in order; free with archive_recs_free().
 */
enum cm_err
archive_list(struct store *s, const char *case_id, int year,
    struct archive_rec **out, size_t *np)
{
	struct archive_rec	*p = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	st = get(s, case_id != NULL ? STMT_LIST_CASE : year != 0 ?
	    STMT_LIST_YEAR : STMT_LIST_ALL);
	if (st == NULL)
		return CM_SYSERR;
	if (case_id != NULL)
		sq_bind_text(st, 1, case_id);
	else if (year != 0)
		sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		row(st, &p[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		archive_recs_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/* Appends the stored PDF bytes of sealed item id to out. */
enum cm_err
archive_pdf(struct store *s, int64_t id, struct buf *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_PDF)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_put(out, sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
		sq_done(st);
		return CM_OK;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* The next 件号 of the sequence (fonds, year, retention, dept). */
enum cm_err
archive_next_seq(struct store *s, const char *fonds, int year,
    const char *retention, const char *dept, int *seq)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 rc;

	if ((st = get(s, STMT_SEQ)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, fonds);
	sqlite3_bind_int(st, 2, year);
	sq_bind_text(st, 3, retention);
	sq_bind_text(st, 4, dept);
	rc = sq_ints_row(s, st, &v, 1);
	*seq = (int)v;
	return rc;
}

/* The code of the case's department, "" when it has none. */
enum cm_err
archive_case_dept(struct store *s, const char *case_id, char *code,
    size_t len)
{
	sqlite3_stmt	*st;
	int		 rc;

	code[0] = '\0';
	if ((st = get(s, STMT_DEPT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		text(st, 0, code, len);
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK :
	    sq_fail(s, rc);
}

/* How many appeals were recorded on the case. */
enum cm_err
archive_case_appeals(struct store *s, const char *case_id, int *n)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 rc;

	if ((st = get(s, STMT_APPEALS)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	rc = sq_ints_row(s, st, &v, 1);
	*n = (int)v;
	return rc;
}

/*
 * The archived cases without a sealed file (archived before sealing
 * existed), oldest conclusion first (free *out).
 */
enum cm_err
archive_unsealed(struct store *s, struct archive_case **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct archive_case	*v = NULL;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_UNSEALED)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			v = xrealloc(v, (n == 0 ? 1 : 2 * n) * sizeof(*v));
		text(st, 0, v[n].id, sizeof(v[n].id));
		text(st, 1, v[n].number, sizeof(v[n].number));
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return sq_fail(s, rc);
	}
	*out = v;
	*np = n;
	return CM_OK;
}

void
archive_recs_free(struct archive_rec *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++) {
		free(p[i].manifest);
		free(p[i].sealed_by);
		free(p[i].sealed_at);
	}
	free(p);
}
