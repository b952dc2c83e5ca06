/* SPDX-License-Identifier: ISC */
/*
 * Reading for the office's statistics (store_stats.h).  Part of the
 * store module (store_int.h).  The year's bounds are bound as ISO dates
 * (?1 = YYYY-01-01, ?2 = YYYY-12-31); dates are ISO text, so text
 * comparison is date comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "store/store_stats.h"
#include "util/xmalloc.h"

enum stmt { STMT_CASES, STMT_DEPT, STMT_DEPTS, STMT__MAX };

static const char *const stmts[STMT__MAX] = {
	/*
	 * Every case a figure of the year can count: received in the
	 * year; concluded in or after it and received by its end (open at
	 * a month end, or concluded in it); open now (the load, and the
	 * cases never concluded: only open cases have no closed_on).  Each
	 * arm of the UNION reads one index (cases_received, cases_closed,
	 * and the partial cases_open_due, which the planner would pass
	 * over for a scan of cases_state_due); ?3 narrows to one department (0: none), -1
	 * does not.
	 */
	[STMT_CASES] =
	    "SELECT c.id, c.number, a.name, c.state, c.received_on,"
	    " c.closed_on, c.due, coalesce(c.handler, ''),"
	    " coalesce(c.dept_id, 0), coalesce(d.name, '')"
	    " FROM cases c JOIN applicants a ON a.id = c.applicant_id"
	    " LEFT JOIN departments d ON d.id = c.dept_id"
	    " WHERE c.rowid IN ("
	    "SELECT rowid FROM cases WHERE received_on BETWEEN ?1 AND ?2"
	    " UNION SELECT rowid FROM cases WHERE closed_on >= ?1"
	    " AND received_on <= ?2"
	    " UNION SELECT rowid FROM cases INDEXED BY cases_open_due"
	    " WHERE state NOT IN ('replied', 'archived'))"
	    " AND (?3 < 0 OR coalesce(c.dept_id, 0) = ?3)"
	    " ORDER BY c.received_on, c.number",
	[STMT_DEPT] =
	    "SELECT id, name FROM departments WHERE code = ?1"
	    " OR CAST(id AS TEXT) = ?1 ORDER BY code = ?1 DESC LIMIT 1",
	[STMT_DEPTS] =
	    "SELECT id, code, name FROM departments ORDER BY code",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_STATS, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/*
 * Calls fn for each case the figures of the year from..to (ISO dates)
 * can count (see STMT_CASES), of department dept (0: none; -1: any), in
 * order of receipt; fn returning non-zero stops.
 */
enum cm_err
store_stats_cases(struct store *s, const char *from, const char *to,
    long long dept, int (*fn)(const struct stats_row *, void *), void *arg)
{
	struct stats_row	 r;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = get(s, STMT_CASES)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	sqlite3_bind_int64(st, 3, dept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = col(st, 0);
		r.number = col(st, 1);
		r.applicant = col(st, 2);
		r.state = col(st, 3);
		r.received = col(st, 4);
		r.closed = col(st, 5);
		r.due = col(st, 6);
		r.handler = col(st, 7);
		r.dept_id = sqlite3_column_int64(st, 8);
		r.dept = col(st, 9);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The department whose code (or id, in decimal) is key: its id and
 * name (allocated).  CM_NOTFOUND when there is none. */
enum cm_err
store_stats_dept(struct store *s, const char *key, long long *id,
    char **name)
{
	sqlite3_stmt	*st;
	int		 rc;

	*name = NULL;
	if ((st = get(s, STMT_DEPT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*name = sq_col_dup(st, 1);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Calls fn for each department, in order of code. */
enum cm_err
store_stats_depts(struct store *s,
    int (*fn)(const struct stats_dept *, void *), void *arg)
{
	struct stats_dept	 d;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = get(s, STMT_DEPTS)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d.id = sqlite3_column_int64(st, 0);
		d.code = col(st, 1);
		d.name = col(st, 2);
		if (fn(&d, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}
