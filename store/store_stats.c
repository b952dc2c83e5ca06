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
#include "cases/model.h"
#include "util/xmalloc.h"

enum stmt { STMT_CASES, STMT_DEPT, STMT_DEPTS, STMT_EVENTS, STMT__MAX };

static const char *const stmts[STMT__MAX] = {
	/*
	 * Every case a figure of the year can count: received in the
	 * year; concluded in or after it and received by its end (open at
	 * a month end, or concluded in it); open now (the load, and the
	 * cases never concluded: only open cases have no closed_on).  Each
	 * arm of the UNION reads one index (cases_received_key, cases_closed,
	 * and the partial cases_open_due, which the planner would pass
	 * over for a scan of cases_state_key); ?3 narrows to one department (0: none), -1
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
	/* The events of every case concluded in the year (of ?3 as
	 * above), a case's events together and in order, without a
	 * sort: the cases in the order of cases_closed (closed_on,
	 * rowid), their events by the (case_id, seq) key. */
	[STMT_EVENTS] =
	    "SELECT e.case_id, e.seq, e.action, e.actor, e.at, e.effective,"
	    " e.days, e.party, e.outcome, e.amount_fen, e.note, e.payload,"
	    " e.addr FROM cases c JOIN events e ON e.case_id = c.id"
	    " WHERE c.closed_on BETWEEN ?1 AND ?2"
	    " AND (?3 < 0 OR coalesce(c.dept_id, 0) = ?3)"
	    " ORDER BY c.closed_on, c.rowid, e.seq",
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

/* Reads one event row (columns 1..12 of STMT_EVENTS). */
static void
event_row(sqlite3_stmt *st, struct event_rec *e)
{
	const char	*p;

	memset(e, 0, sizeof(*e));
	e->seq = sqlite3_column_int(st, 1);
	e->action = sq_col_dup(st, 2);
	e->actor = sq_col_dup(st, 3);
	e->at = sq_col_dup(st, 4);
	sq_col_date(st, 5, e->effective);
	e->days = sqlite3_column_int(st, 6);
	e->party = sq_col_dup(st, 7);
	e->outcome = sq_col_dup(st, 8);
	e->amount_fen = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 9);
	e->note = sq_col_dup(st, 10);
	p = col(st, 11);
	e->payload = xstrdup(p != NULL ? p : "{}");
	e->addr = sq_col_dup(st, 12);
}

/*
 * Calls fn once for each case first concluded from..to (ISO dates), of
 * department dept (0: none; -1: any), with its events in order (as
 * store_events_get gives them): one query for the year instead of one
 * a case.  fn returning non-zero stops.
 */
enum cm_err
store_stats_events(struct store *s, const char *from, const char *to,
    long long dept, int (*fn)(const char *, const struct event_rec *,
    size_t, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct event_rec	*ev = NULL;
	size_t			 n = 0, cap = 0;
	char			 cur[37] = "", id[37];
	int			 rc, stop = 0;

	if ((st = get(s, STMT_EVENTS)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	sqlite3_bind_int64(st, 3, dept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_col_id(st, 0, id);
		if (n > 0 && strcmp(id, cur) != 0) {
			stop = fn(cur, ev, n, arg);
			events_free(ev, n);
			ev = NULL;
			n = cap = 0;
			if (stop)
				break;
		}
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			ev = xrealloc(ev, cap * sizeof(*ev));
		}
		memcpy(cur, id, sizeof(cur));
		event_row(st, &ev[n++]);
	}
	if (!stop && rc == SQLITE_DONE && n > 0)
		(void)fn(cur, ev, n, arg);
	events_free(ev, n);
	sq_done(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? CM_OK : sq_fail(s, rc);
}
