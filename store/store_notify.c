/* SPDX-License-Identifier: ISC */
/*
 * Storage of reminders and 督办 (store/notify.h).  Part of the store
 * module (store_int.h).
 */
#include <stdio.h>
#include <string.h>

#include "store/notify.h"
#include "store/store.h"
#include "store/store_int.h"

enum stmt {
	STMT_CASES, STMT_USERS, STMT_INSERT, STMT_EXISTS, STMT_DUE,
	STMT_CLAIM, STMT_SENT, STMT_FAILED, STMT_PENDING, STMT__MAX
};

#define RCOLS \
	"id, kind, dedup, recipient, email, cases, subject, body," \
	" created_at, sent_at, attempts, next_attempt, last_error" \
	" FROM reminders"

static const char *const stmts[STMT__MAX] = {
	[STMT_CASES] =
	    "SELECT c.number, c.due, c.handler, d.head, d.name"
	    " FROM cases c LEFT JOIN departments d ON d.id = c.dept_id"
	    " WHERE c.state NOT IN ('replied', 'archived')"
	    " AND c.due IS NOT NULL ORDER BY c.due, c.number",
	[STMT_USERS] =
	    "SELECT name, role, email FROM users WHERE disabled = 0"
	    " ORDER BY name",
	[STMT_INSERT] =
	    "INSERT INTO reminders (kind, dedup, recipient, email, cases,"
	    " subject, body, created_at, next_attempt)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
	    " ON CONFLICT (dedup) DO NOTHING RETURNING id",
	[STMT_EXISTS] =
	    "SELECT id FROM reminders WHERE dedup = ?1",
	[STMT_DUE] =
	    "SELECT " RCOLS " WHERE sent_at IS NULL AND next_attempt <= ?1"
	    " ORDER BY next_attempt, id",
	[STMT_CLAIM] =
	    "UPDATE reminders SET next_attempt = ?3 WHERE id = ?1"
	    " AND sent_at IS NULL AND next_attempt <= ?2 RETURNING id",
	[STMT_SENT] =
	    "UPDATE reminders SET sent_at = ?2, attempts = attempts + 1,"
	    " last_error = '' WHERE id = ?1",
	[STMT_FAILED] =
	    "UPDATE reminders SET attempts = attempts + 1,"
	    " next_attempt = ?2, last_error = ?3 WHERE id = ?1",
	[STMT_PENDING] =
	    "SELECT " RCOLS " WHERE sent_at IS NULL"
	    " ORDER BY next_attempt, id LIMIT ?1",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_NOTIFY, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Calls fn for each open case with a running deadline, by due date. */
enum cm_err
notify_open_cases(struct store *s,
    int (*fn)(const struct notify_case_row *, void *), void *arg)
{
	struct notify_case_row r;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_CASES)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.number = col(st, 0);
		r.due = col(st, 1);
		r.handler = col(st, 2);
		r.head = col(st, 3);
		r.dept = col(st, 4);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Calls fn for each enabled user, by name. */
enum cm_err
notify_users(struct store *s,
    int (*fn)(const struct notify_user_row *, void *), void *arg)
{
	struct notify_user_row u;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_USERS)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u.name = col(st, 0);
		u.role = col(st, 1);
		u.email = col(st, 2) != NULL ? col(st, 2) : "";
		if (fn(&u, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * Records a planned reminder (kind .. body, created_at; due at once)
 * unless one with the same dedup exists; *inserted says which.
 */
enum cm_err
reminder_insert(struct store *s, const struct reminder *r, int *inserted)
{
	sqlite3_stmt	*st;
	int		 rc;

	*inserted = 0;
	if ((st = get(s, STMT_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, r->kind);
	sq_bind_text(st, 2, r->dedup);
	sq_bind_text(st, 3, r->recipient);
	sq_bind_text(st, 4, r->email);
	sq_bind_text(st, 5, r->cases);
	sq_bind_text(st, 6, r->subject);
	sq_bind_text(st, 7, r->body);
	sq_bind_text(st, 8, r->created_at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*inserted = 1;
		rc = sqlite3_step(st);
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Whether a reminder with this dedup key was recorded. */
enum cm_err
reminder_exists(struct store *s, const char *dedup, int *yes)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	enum cm_err	 rc;

	*yes = 0;
	if ((st = get(s, STMT_EXISTS)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, dedup);
	rc = sq_ints_row(s, st, &id, 1);
	if (rc == CM_OK)
		*yes = 1;
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

static enum cm_err
rows(struct store *s, sqlite3_stmt *st, reminder_fn fn, void *arg)
{
	struct reminder	 r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.kind = col(st, 1);
		r.dedup = col(st, 2);
		r.recipient = col(st, 3);
		r.email = col(st, 4);
		r.cases = col(st, 5);
		r.subject = col(st, 6);
		r.body = col(st, 7);
		r.created_at = col(st, 8);
		r.sent_at = col(st, 9);
		r.attempts = sqlite3_column_int(st, 10);
		r.next_attempt = col(st, 11);
		r.last_error = col(st, 12);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Calls fn for each pending reminder whose next attempt is due at now. */
enum cm_err
reminder_due(struct store *s, const char *now, reminder_fn fn, void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_DUE)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, now);
	return rows(s, st, fn, arg);
}

/*
 * Claims a due reminder for sending: moves its next attempt to until,
 * so that another sender (the server, a `notify run`) skips it; *got
 * is 0 when it was sent or claimed meanwhile.
 */
enum cm_err
reminder_claim(struct store *s, int64_t id, const char *now,
    const char *until, int *got)
{
	sqlite3_stmt	*st;
	int64_t		 v;
	enum cm_err	 rc;

	*got = 0;
	if ((st = get(s, STMT_CLAIM)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, now);
	sq_bind_text(st, 3, until);
	rc = sq_ints_row(s, st, &v, 1);
	if (rc == CM_OK)
		*got = 1;
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

/* Marks a reminder sent at now. */
enum cm_err
reminder_sent(struct store *s, int64_t id, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_SENT)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, now);
	return sq_exec(s, st);
}

/* Counts a failed attempt: the next one at next, the relay's error. */
enum cm_err
reminder_failed(struct store *s, int64_t id, const char *next,
    const char *error)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_FAILED)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, next);
	sq_bind_text(st, 3, error);
	return sq_exec(s, st);
}

/* Calls fn for at most limit pending reminders, the next due first. */
enum cm_err
reminder_pending(struct store *s, int limit, reminder_fn fn, void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_PENDING)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, limit);
	return rows(s, st, fn, arg);
}
