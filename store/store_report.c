/* SPDX-License-Identifier: ISC */
/*
 * Storage for the annual report and the appeals: the GROUP BY counts of
 * table 三 and 四 over the cases and appeals of a year, the fees of
 * section 六, the figures and texts the office enters, published years
 * with their frozen figures, and the drill-down lists behind each
 * number.  The year's bounds are bound as ISO dates (?1 = YYYY-01-01,
 * ?2 = YYYY-12-31): dates are stored as ISO text, so text comparison
 * is date comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "cases/report.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_report.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_APPLICATIONS, STMT_MONTHLY, STMT_APPEALS, STMT_FEES,
	STMT_FIGURES, STMT_FIGURE_PUT, STMT_TEXTS, STMT_TEXT_PUT,
	STMT_PUBLISHED, STMT_PUBLISH, STMT_CELL_PUT, STMT_CELLS,
	STMT_UNPUBLISH, STMT_CELL_CASES, STMT_APPEAL_CASES,
	STMT_APPEAL_INSERT, STMT_APPEAL_GET, STMT_APPEAL_DECIDE,
	STMT_APPEALS_OF_CASE,
	STMT__MAX
};

/*
 * Decision 6 of domain.md: one application counts once, in the year it
 * was concluded (closed_on), under its final outcome; new = received in
 * the year; carried_in = received earlier and still open on 1 January;
 * carried_out = received by 31 December and still open then.
 */
#define W_NEW		"c.received_on BETWEEN ?1 AND ?2"
#define W_CARRIED_IN	"c.received_on < ?1 AND (c.closed_on IS NULL" \
			" OR c.closed_on >= ?1)"
#define W_CONCLUDED	"c.closed_on BETWEEN ?1 AND ?2"
#define W_CARRIED_OUT	"c.received_on <= ?2 AND (c.closed_on IS NULL" \
			" OR c.closed_on > ?2)"
#define FROM_CASES	" FROM cases c JOIN applicants a ON a.id = c.applicant_id"
#define APPEAL_COLS	"p.id, p.case_id, c.number, p.kind, p.filed_on," \
			" p.body, p.result, p.decided_on, p.created_at"

static const char *const stmts[STMT__MAX] = {
	/*
	 * Table 三 in one pass over the cases (issue 17): each case that
	 * falls under any of the four predicates above, once, with one
	 * flag per predicate, summed per applicant type and, for the cases
	 * concluded in the year, outcome.  The same counts as the four
	 * GROUP BYs of the predicates (a UNION ALL, which walked the cases
	 * received before the year twice), at well under half the work;
	 * tests/check_pages.c compares the two.  Columns: type, concluded
	 * (0/1), outcome (when concluded), then the counts new, carried_in,
	 * concluded, carried_out.  The unary + keeps the walk a plain scan
	 * rather than three index walks with a lookup per case.
	 */
	[STMT_APPLICATIONS] =
	    "SELECT a.type, " W_CONCLUDED ","
	    " CASE WHEN " W_CONCLUDED " THEN c.outcome END,"
	    " SUM(" W_NEW "), SUM(" W_CARRIED_IN "), SUM(" W_CONCLUDED "),"
	    " SUM(" W_CARRIED_OUT ")" FROM_CASES
	    " WHERE (+c.received_on <= ?2 AND (c.closed_on IS NULL"
	    " OR c.closed_on >= ?1))"
	    " OR +c.received_on BETWEEN ?1 AND ?2"
	    " OR +c.closed_on BETWEEN ?1 AND ?2"
	    " GROUP BY 1, 2, 3",
	[STMT_MONTHLY] =
	    "SELECT 'received', CAST(substr(received_on, 6, 2) AS INTEGER),"
	    " COUNT(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2"
	    " GROUP BY 2"
	    " UNION ALL SELECT 'concluded',"
	    " CAST(substr(closed_on, 6, 2) AS INTEGER), COUNT(*) FROM cases"
	    " WHERE closed_on BETWEEN ?1 AND ?2 GROUP BY 2",
	/* Appeals filed in the year, with their result as of 31 December
	 * (docs/report.md: one appeal counts once, in its filing year). */
	[STMT_APPEALS] =
	    "SELECT kind, CASE WHEN decided_on IS NOT NULL AND decided_on <= ?2"
	    " THEN result ELSE 'pending' END, COUNT(*) FROM appeals"
	    " WHERE filed_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
	/* Fee notices issued in the year and fees paid in the year; a
	 * payment is for the amount of the case's latest notice before it
	 * (109号: the notice states the amount). */
	[STMT_FEES] =
	    "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM events"
	    " WHERE action = 'fee-notice' AND effective BETWEEN ?1 AND ?2"
	    " UNION ALL SELECT COUNT(*), COALESCE(SUM((SELECT n.amount_fen"
	    " FROM events n WHERE n.case_id = e.case_id"
	    " AND n.action = 'fee-notice' AND n.seq < e.seq"
	    " ORDER BY n.seq DESC LIMIT 1)), 0) FROM events e"
	    " WHERE e.action = 'fee-paid' AND e.effective BETWEEN ?1 AND ?2",
	[STMT_FIGURES] =
	    "SELECT key, value FROM report_figures WHERE year = ?1",
	[STMT_FIGURE_PUT] =
	    "INSERT INTO report_figures (year, key, value, updated_by,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (year, key) DO UPDATE SET value = ?3,"
	    " updated_by = ?4, updated_at = ?5",
	[STMT_TEXTS] =
	    "SELECT section, body FROM report_texts WHERE year = ?1",
	[STMT_TEXT_PUT] =
	    "INSERT INTO report_texts (year, section, body, updated_by,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (year, section) DO UPDATE SET body = ?3,"
	    " updated_by = ?4, updated_at = ?5",
	[STMT_PUBLISHED] =
	    "SELECT published_at, published_by, snapshot FROM report_years"
	    " WHERE year = ?1",
	[STMT_PUBLISH] =
	    "INSERT INTO report_years (year, published_at, published_by,"
	    " snapshot) VALUES (?1, ?2, ?3, ?4)",
	[STMT_CELL_PUT] =
	    "INSERT INTO report_cells (year, tab, row, col, n)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_CELLS] =
	    "SELECT tab, row, col, n FROM report_cells WHERE year = ?1",
	[STMT_UNPUBLISH] =
	    "DELETE FROM report_years WHERE year = ?1",
	/* The cases behind one number of table 三 (?3 row key, ?4 column
	 * key): the same predicates as STMT_APPLICATIONS. */
	[STMT_CELL_CASES] =
	    "SELECT c.id, c.number, c.state, a.name, a.type, c.channel,"
	    " c.received_on, c.due, c.provisional, c.outcome, c.closed_on"
	    FROM_CASES " WHERE ((?3 = 'new' AND " W_NEW ")"
	    " OR (?3 = 'carried_in' AND " W_CARRIED_IN ")"
	    " OR (?3 = 'concluded_total' AND " W_CONCLUDED ")"
	    " OR (?3 = 'carried_out' AND " W_CARRIED_OUT ")"
	    " OR (c.outcome = ?3 AND " W_CONCLUDED "))"
	    " AND (?4 = 'total' OR a.type = ?4)"
	    " ORDER BY c.received_on, c.number",
	/* The cases behind one number of table 四 (?3 kind, ?4 result or
	 * 'total'), one row per appeal: the predicates of STMT_APPEALS. */
	[STMT_APPEAL_CASES] =
	    "SELECT c.id, c.number, c.state, a.name, a.type, c.channel,"
	    " c.received_on, c.due, c.provisional, c.outcome, c.closed_on"
	    " FROM appeals p JOIN cases c ON c.id = p.case_id"
	    " JOIN applicants a ON a.id = c.applicant_id"
	    " WHERE p.filed_on BETWEEN ?1 AND ?2 AND p.kind = ?3"
	    " AND (?4 = 'total' OR ?4 = CASE WHEN p.decided_on IS NOT NULL"
	    " AND p.decided_on <= ?2 THEN p.result ELSE 'pending' END)"
	    " ORDER BY p.filed_on, p.id",
	[STMT_APPEAL_INSERT] =
	    "INSERT INTO appeals (case_id, kind, filed_on, body, result,"
	    " decided_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_APPEAL_GET] =
	    "SELECT " APPEAL_COLS " FROM appeals p"
	    " JOIN cases c ON c.id = p.case_id WHERE p.id = ?1",
	[STMT_APPEAL_DECIDE] =
	    "UPDATE appeals SET result = ?2, decided_on = ?3 WHERE id = ?1",
	[STMT_APPEALS_OF_CASE] =
	    "SELECT " APPEAL_COLS " FROM appeals p"
	    " JOIN cases c ON c.id = p.case_id WHERE p.case_id = ?1"
	    " ORDER BY p.filed_on, p.id",
};

/* Statement k of this file's table, prepared on first use. */
static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_REPORT, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* Binds ?1 and ?2 to the first and last day of year. */
static void
bind_year(sqlite3_stmt *st, int year)
{
	char	 a[16], b[16];

	snprintf(a, sizeof(a), "%04d-01-01", year);
	snprintf(b, sizeof(b), "%04d-12-31", year);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/*
 * Calls fn(kind, outcome, applicant type, count) for each group of
 * table 三's counts in year: kind is "new", "carried_in", "concluded"
 * (with the outcome, possibly NULL for a damaged row) or "carried_out".
 */
enum cm_err
store_report_applications(struct store *s, int year,
    void (*fn)(const char *, const char *, const char *, long long, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	const char	*type;
	long long	 n;

	if ((st = get(s, STMT_APPLICATIONS)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = col_text(st, 0);
		if ((n = sqlite3_column_int64(st, 3)) > 0)
			fn("new", NULL, type, n, arg);
		if ((n = sqlite3_column_int64(st, 4)) > 0)
			fn("carried_in", NULL, type, n, arg);
		if (sqlite3_column_int(st, 1) == 1 &&
		    (n = sqlite3_column_int64(st, 5)) > 0)
			fn("concluded", col_text(st, 2), type, n, arg);
		if ((n = sqlite3_column_int64(st, 6)) > 0)
			fn("carried_out", NULL, type, n, arg);
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Adds the cases received and concluded in each month of year. */
enum cm_err
store_report_monthly(struct store *s, int year, long long received[12],
    long long concluded[12])
{
	sqlite3_stmt	*st;
	const char	*k;
	int		 rc, m;

	if ((st = get(s, STMT_MONTHLY)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = col_text(st, 0);
		m = sqlite3_column_int(st, 1);
		if (k == NULL || m < 1 || m > 12)
			continue;
		if (strcmp(k, "received") == 0)
			received[m - 1] += sqlite3_column_int64(st, 2);
		else
			concluded[m - 1] += sqlite3_column_int64(st, 2);
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Calls fn(kind, result as of 31 December, count) for the appeals
 * filed in year. */
enum cm_err
store_report_appeals(struct store *s, int year,
    void (*fn)(const char *, const char *, long long, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_APPEALS)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), col_text(st, 1),
		    sqlite3_column_int64(st, 2), arg);
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Fee notices issued in year (count, total fen) and fees paid in year
 * (count, total fen of the notices paid). */
enum cm_err
store_report_fees(struct store *s, int year, long long *notices,
    long long *notice_fen, long long *paid, long long *paid_fen)
{
	sqlite3_stmt	*st;
	int		 rc, i = 0;

	*notices = *notice_fen = *paid = *paid_fen = 0;
	if ((st = get(s, STMT_FEES)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (i == 0) {
			*notices = sqlite3_column_int64(st, 0);
			*notice_fen = sqlite3_column_int64(st, 1);
		} else {
			*paid = sqlite3_column_int64(st, 0);
			*paid_fen = sqlite3_column_int64(st, 1);
		}
		i++;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Calls fn(key, value) for each table 二 figure entered for year. */
enum cm_err
store_report_figures(struct store *s, int year,
    void (*fn)(const char *, long long, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_FIGURES)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), sqlite3_column_int64(st, 1), arg);
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Creates or replaces one table 二 figure. */
enum cm_err
store_report_figure_put(struct store *s, int year, const char *key,
    long long value, const char *actor, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_FIGURE_PUT)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, key);
	sqlite3_bind_int64(st, 3, value);
	sq_bind_text(st, 4, actor);
	sq_bind_text(st, 5, now);
	return sq_exec(s, st);
}

/* Calls fn(section, body) for each section text written for year. */
enum cm_err
store_report_texts(struct store *s, int year,
    void (*fn)(const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_TEXTS)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), col_text(st, 1), arg);
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Creates or replaces the text of one section. */
enum cm_err
store_report_text_put(struct store *s, int year, const char *section,
    const char *body, const char *actor, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_TEXT_PUT)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, section);
	sq_bind_text(st, 3, body);
	sq_bind_text(st, 4, actor);
	sq_bind_text(st, 5, now);
	return sq_exec(s, st);
}

/*
 * Whether year is published: CM_OK with the time, the publisher and
 * the JSON snapshot (by and snapshot may be NULL if not wanted; else the
 * caller frees them), or CM_NOTFOUND.
 */
enum cm_err
store_report_published(struct store *s, int year, char at[32], char **by,
    char **snapshot)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_PUBLISHED)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (at != NULL)
			snprintf(at, 32, "%s", col_text(st, 0));
		if (by != NULL)
			*by = sq_col_dup(st, 1);
		if (snapshot != NULL)
			*snapshot = sq_col_dup(st, 2);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Marks year published; CM_CONFLICT if it already is. */
enum cm_err
store_report_publish(struct store *s, int year, const char *at,
    const char *by, const char *snapshot)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_PUBLISH)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, at);
	sq_bind_text(st, 3, by);
	sq_bind_text(st, 4, snapshot);
	return sq_exec(s, st);
}

/* Stores one published figure (year must be published). */
enum cm_err
store_report_cell_put(struct store *s, int year, const char *tab,
    const char *row, const char *col, long long n)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CELL_PUT)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, tab);
	sq_bind_text(st, 3, row);
	sq_bind_text(st, 4, col);
	sqlite3_bind_int64(st, 5, n);
	return sq_exec(s, st);
}

/* Calls fn(tab, row, col, n) for each published figure of year. */
enum cm_err
store_report_cells(struct store *s, int year,
    void (*fn)(const char *, const char *, const char *, long long, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_CELLS)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), col_text(st, 1), col_text(st, 2),
		    sqlite3_column_int64(st, 3), arg);
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Removes the published mark and the frozen figures of year. */
enum cm_err
store_report_unpublish(struct store *s, int year)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_UNPUBLISH)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_changes(s->db) != 1)
		return CM_NOTFOUND;
	return e;
}

static enum cm_err
case_rows(struct store *s, sqlite3_stmt *st,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	struct case_row	 r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = col_text(st, 0);
		r.number = col_text(st, 1);
		r.state = col_text(st, 2);
		r.applicant = col_text(st, 3);
		r.applicant_type = col_text(st, 4);
		r.channel = col_text(st, 5);
		r.received = col_text(st, 6);
		r.due = col_text(st, 7);
		r.provisional = sqlite3_column_int(st, 8);
		r.outcome = col_text(st, 9);
		r.closed_on = col_text(st, 10);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * Calls fn for each case counted in one cell of table 三 of year (row:
 * a row key, col: an applicant type or "total"), in order of receipt;
 * fn returning non-zero stops.  The keys are not checked here.
 */
enum cm_err
store_report_cell_cases(struct store *s, int year, const char *row,
    const char *col, int (*fn)(const struct case_row *, void *), void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CELL_CASES)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	sq_bind_text(st, 3, row);
	sq_bind_text(st, 4, col);
	return case_rows(s, st, fn, arg);
}

/*
 * Calls fn for the case of each appeal counted in one cell of table 四
 * of year (kind, and a result or "total"), in order of filing: a case
 * with two such appeals comes twice, as it counts twice.
 */
enum cm_err
store_report_appeal_cases(struct store *s, int year, const char *kind,
    const char *result, int (*fn)(const struct case_row *, void *),
    void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_APPEAL_CASES)) == NULL)
		return CM_SYSERR;
	bind_year(st, year);
	sq_bind_text(st, 3, kind);
	sq_bind_text(st, 4, result);
	return case_rows(s, st, fn, arg);
}

/* Inserts an appeal (pending: decided NULL) and returns its id. */
enum cm_err
store_appeal_insert(struct store *s, const char *case_id, const char *kind,
    const char *filed, const char *body, const char *result,
    const char *decided, const char *now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_APPEAL_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sq_bind_text(st, 3, filed);
	sq_bind_text(st, 4, body != NULL ? body : "");
	sq_bind_text(st, 5, result);
	sq_bind_date(st, 6, decided);
	sq_bind_text(st, 7, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

static void
appeal_row(sqlite3_stmt *st, struct appeal_rec *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	snprintf(a->case_id, sizeof(a->case_id), "%s", col_text(st, 1));
	a->case_number = sq_col_dup(st, 2);
	a->kind = sq_col_dup(st, 3);
	sq_col_date(st, 4, a->filed);
	a->body = sq_col_dup(st, 5);
	a->result = sq_col_dup(st, 6);
	sq_col_date(st, 7, a->decided);
	a->created_at = sq_col_dup(st, 8);
}

/* Loads appeal id into a (caller clears); CM_NOTFOUND if none. */
enum cm_err
store_appeal_get(struct store *s, int64_t id, struct appeal_rec *a)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if ((st = get(s, STMT_APPEAL_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		appeal_row(st, a);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Records the result of an appeal. */
enum cm_err
store_appeal_decide(struct store *s, int64_t id, const char *result,
    const char *decided)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_APPEAL_DECIDE)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, result);
	sq_bind_date(st, 3, decided);
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_changes(s->db) != 1)
		return CM_NOTFOUND;
	return e;
}

/* Loads the appeals of a case, oldest first, into a new array
 * (appeals_free). */
enum cm_err
store_appeals_of_case(struct store *s, const char *case_id,
    struct appeal_rec **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct appeal_rec	*v = NULL;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_APPEALS_OF_CASE)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		appeal_row(st, &v[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		appeals_free(v, n);
		return sq_fail(s, rc);
	}
	*out = v;
	*np = n;
	return CM_OK;
}
