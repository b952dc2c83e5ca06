/* SPDX-License-Identifier: ISC */
/*
 * Storage of departments and assignment (statement table SM_ASSIGN,
 * store/assign.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/assign.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_DEPT_INSERT, STMT_DEPT_UPDATE, STMT_DEPT_FIND, STMT_DEPT_GET,
	STMT_DEPT_LIST, STMT_USER_ORG_GET, STMT_USER_ORG_SET,
	STMT_CASE_DEPT, STMT_CASE_ASSISTS, STMT_CASE_ASSIGN,
	STMT_ASSIST_INSERT, STMT_ASSIST_DONE, STMT_UNASSIGNED,
	STMT_NEWLY, STMT_HEADED, STMT_USER_DEPTS, STMT_CASE_DUE,
	STMT__MAX
};

#define DEPT_COLS	"id, code, name, head, active FROM departments"
#define OPEN		"c.state NOT IN ('replied', 'archived')"
#define ASG_COLS	"c.id, c.number, c.state, a.name, a.type, c.channel," \
			" c.received_on, c.due, c.provisional, c.outcome," \
			" c.closed_on, c.handler, c.request, c.doc_number," \
			" coalesce(c.due, '9999-12-31'), c.year, c.seq, d.name," \
			" l.action, l.note, l.actor" \
			" FROM cases c JOIN applicants a ON a.id = c.applicant_id" \
			" LEFT JOIN departments d ON d.id = c.dept_id" \
			" LEFT JOIN events l ON l.id = (SELECT e.id FROM events e" \
			"  WHERE e.case_id = c.id AND e.action IN ('transfer'," \
			"  'return') ORDER BY e.seq DESC LIMIT 1)"

static const char *const stmts[STMT__MAX] = {
	[STMT_DEPT_INSERT] =
	    "INSERT INTO departments (code, name, head, created_at)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_DEPT_UPDATE] =
	    "UPDATE departments SET name = ?2, head = ?3, active = ?4"
	    " WHERE id = ?1",
	[STMT_DEPT_FIND] =
	    "SELECT " DEPT_COLS " WHERE code = ?1 OR name = ?1"
	    " ORDER BY code = ?1 DESC LIMIT 1",
	[STMT_DEPT_GET] =
	    "SELECT " DEPT_COLS " WHERE id = ?1",
	[STMT_DEPT_LIST] =
	    "SELECT " DEPT_COLS " ORDER BY code",
	[STMT_USER_ORG_GET] =
	    "SELECT role, coalesce(dept_id, 0), email, disabled FROM users"
	    " WHERE name = ?1",
	[STMT_USER_ORG_SET] =
	    "UPDATE users SET dept_id = ?2, email = ?3, role = ?4"
	    " WHERE name = ?1",
	[STMT_CASE_DEPT] =
	    "SELECT coalesce(c.dept_id, 0), d.code, d.name, d.head"
	    " FROM cases c LEFT JOIN departments d ON d.id = c.dept_id"
	    " WHERE c.id = ?1",
	[STMT_CASE_ASSISTS] =
	    "SELECT s.id, s.dept_id, d.code, d.name, s.due, s.note,"
	    " s.done_on, s.created_by FROM case_assists s"
	    " JOIN departments d ON d.id = s.dept_id WHERE s.case_id = ?1",
	[STMT_CASE_ASSIGN] =
	    "UPDATE cases SET handler = ?2, dept_id = ?3, updated_at = ?4"
	    " WHERE id = ?1",
	[STMT_ASSIST_INSERT] =
	    "INSERT INTO case_assists (case_id, dept_id, due, note,"
	    " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_ASSIST_DONE] =
	    "UPDATE case_assists SET done_on = ?3"
	    " WHERE case_id = ?1 AND dept_id = ?2 AND done_on IS NULL",
	[STMT_UNASSIGNED] =
	    "SELECT " ASG_COLS " WHERE c.handler IS NULL AND " OPEN
	    " AND (?1 IS NULL OR c.dept_id IN (SELECT id FROM departments"
	    "  WHERE head = ?1))"
	    " ORDER BY coalesce(c.due, '9999-12-31'), c.number LIMIT ?2",
	[STMT_NEWLY] =
	    "SELECT " ASG_COLS " WHERE c.handler = ?1 AND " OPEN
	    " AND EXISTS (SELECT 1 FROM events g WHERE g.case_id = c.id"
	    "  AND g.action = 'assign' AND g.actor <> ?1"
	    "  AND json_extract(g.payload, '$.to') = ?1"
	    "  AND NOT EXISTS (SELECT 1 FROM events f WHERE f.case_id = c.id"
	    "   AND f.seq > g.seq AND f.actor = ?1))"
	    " ORDER BY coalesce(c.due, '9999-12-31'), c.number LIMIT ?2",
	[STMT_USER_DEPTS] =
	    "SELECT u.name, u.role, coalesce(d.code, ''), coalesce(d.name, ''),"
	    " u.email, u.disabled FROM users u"
	    " LEFT JOIN departments d ON d.id = u.dept_id ORDER BY u.name",
	[STMT_CASE_DUE] =
	    "SELECT due, provisional FROM cases WHERE id = ?1",
	[STMT_HEADED] =
	    "SELECT count(*) FROM departments WHERE head = ?1 AND active = 1",
};

static sqlite3_stmt *
get(struct store *s, enum stmt i)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_ASSIGN, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, i);
}

static void
bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static void
col_copy(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, i);

	snprintf(out, len, "%s", t != NULL ? (const char *)t : "");
}

enum cm_err
store_dept_insert(struct store *s, const char *code, const char *name,
    const char *head, const char *now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_DEPT_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, code);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, head);
	sq_bind_text(st, 4, now);
	if ((e = sq_exec(s, st)) == CM_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

enum cm_err
store_dept_update(struct store *s, int64_t id, const char *name,
    const char *head, int active)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_DEPT_UPDATE)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, head);
	sqlite3_bind_int(st, 4, active != 0);
	return sq_exec(s, st);
}

static void
dept_read(sqlite3_stmt *st, struct department *d)
{
	d->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, d->code, sizeof(d->code));
	d->name = sq_col_dup(st, 2);
	d->head = sq_col_dup(st, 3);
	d->active = sqlite3_column_int(st, 4);
}

static enum cm_err
dept_one(struct store *s, sqlite3_stmt *st, struct department *d)
{
	int	 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		dept_read(st, d);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_dept_find(struct store *s, const char *key, struct department *d)
{
	sqlite3_stmt	*st;

	memset(d, 0, sizeof(*d));
	if ((st = get(s, STMT_DEPT_FIND)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, key);
	return dept_one(s, st, d);
}

enum cm_err
store_dept_get(struct store *s, int64_t id, struct department *d)
{
	sqlite3_stmt	*st;

	memset(d, 0, sizeof(*d));
	if ((st = get(s, STMT_DEPT_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	return dept_one(s, st, d);
}

enum cm_err
store_depts_list(struct store *s, struct department **out, size_t *n)
{
	sqlite3_stmt	*st;
	struct department *v = NULL;
	size_t		 k = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((st = get(s, STMT_DEPT_LIST)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (k + 1) * sizeof(*v));
		memset(&v[k], 0, sizeof(*v));
		dept_read(st, &v[k++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		departments_free(v, k);
		return sq_fail(s, rc);
	}
	*out = v;
	*n = k;
	return CM_OK;
}

enum cm_err
store_user_org_get(struct store *s, const char *name, struct user_org *u)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(u, 0, sizeof(*u));
	if ((st = get(s, STMT_USER_ORG_GET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		col_copy(st, 0, u->role, sizeof(u->role));
		u->dept_id = sqlite3_column_int64(st, 1);
		u->email = sq_col_dup(st, 2);
		u->disabled = sqlite3_column_int(st, 3);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

void
user_org_clear(struct user_org *u)
{
	free(u->email);
	memset(u, 0, sizeof(*u));
}

enum cm_err
store_user_org_set(struct store *s, const char *name, int64_t dept_id,
    const char *email, const char *role)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_USER_ORG_SET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, name);
	bind_id(st, 2, dept_id);
	sq_bind_text(st, 3, email != NULL ? email : "");
	sq_bind_text(st, 4, role);
	return sq_exec(s, st);
}

static int
assist_by_id(const void *a, const void *b)
{
	const struct case_assist *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* A case's department and 协办 requests, in the order they were made
 * (sorted here: ORDER BY s.id took a temporary b-tree on every case
 * page). */
enum cm_err
store_case_assignment(struct store *s, const char *case_id,
    struct case_assignment *a)
{
	sqlite3_stmt	*st;
	struct case_assist *x;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if ((st = get(s, STMT_CASE_DEPT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->dept_id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, a->dept_code, sizeof(a->dept_code));
		a->dept_name = sq_col_dup(st, 2);
		a->dept_head = sq_col_dup(st, 3);
	}
	sq_done(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
	if ((st = get(s, STMT_CASE_ASSISTS)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->as = xrealloc(a->as, (a->nas + 1) * sizeof(*a->as));
		x = &a->as[a->nas++];
		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(st, 0);
		x->dept_id = sqlite3_column_int64(st, 1);
		col_copy(st, 2, x->dept_code, sizeof(x->dept_code));
		x->dept_name = sq_col_dup(st, 3);
		sq_col_date(st, 4, x->due);
		x->note = sq_col_dup(st, 5);
		sq_col_date(st, 6, x->done_on);
		x->created_by = sq_col_dup(st, 7);
	}
	sq_done(st);
	if (a->nas > 1)
		qsort(a->as, a->nas, sizeof(*a->as), assist_by_id);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_case_assign_set(struct store *s, const char *case_id,
    const char *handler, int64_t dept_id, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CASE_ASSIGN)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, handler);
	bind_id(st, 3, dept_id);
	sq_bind_text(st, 4, now);
	return sq_exec(s, st);
}

enum cm_err
store_assist_insert(struct store *s, const char *case_id, int64_t dept_id,
    const char *due, const char *note, const char *by, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_ASSIST_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, dept_id);
	sq_bind_text(st, 3, due);
	sq_bind_text(st, 4, note != NULL ? note : "");
	sq_bind_text(st, 5, by);
	sq_bind_text(st, 6, now);
	return sq_exec(s, st);
}

enum cm_err
store_assist_done(struct store *s, const char *case_id, int64_t dept_id,
    const char *on)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_ASSIST_DONE)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, dept_id);
	sq_bind_text(st, 3, on);
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_changes(s->db) == 0)
		return CM_NOTFOUND;
	return e;
}

static enum cm_err
asg_rows(struct store *s, sqlite3_stmt *st, asg_fn fn, void *arg)
{
	struct asg_row	 r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
#define T(i)	((const char *)sqlite3_column_text(st, (i)))
		r.r.id = T(0);
		r.r.number = T(1);
		r.r.state = T(2);
		r.r.applicant = T(3);
		r.r.applicant_type = T(4);
		r.r.channel = T(5);
		r.r.received = T(6);
		r.r.due = T(7);
		r.r.provisional = sqlite3_column_int(st, 8);
		r.r.outcome = T(9);
		r.r.closed_on = T(10);
		r.r.handler = T(11);
		r.r.request = T(12);
		r.r.doc_number = T(13);
		r.r.key = T(14);
		r.r.year = sqlite3_column_int(st, 15);
		r.r.seq = sqlite3_column_int(st, 16);
		r.dept_name = T(17);
		r.last_action = T(18);
		r.last_reason = T(19);
		r.last_by = T(20);
#undef T
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_unassigned(struct store *s, const char *head, int limit, asg_fn fn,
    void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_UNASSIGNED)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, head);
	sqlite3_bind_int(st, 2, limit);
	return asg_rows(s, st, fn, arg);
}

enum cm_err
store_newly_assigned(struct store *s, const char *user, int limit,
    asg_fn fn, void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_NEWLY)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, user);
	sqlite3_bind_int(st, 2, limit);
	return asg_rows(s, st, fn, arg);
}

enum cm_err
store_depts_headed(struct store *s, const char *user, int *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if ((st = get(s, STMT_HEADED)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, user);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sq_done(st);
	return rc == SQLITE_ROW ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_user_depts(struct store *s,
    int (*fn)(const struct user_dept_row *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct user_dept_row u;
	int		 rc;

	if ((st = get(s, STMT_USER_DEPTS)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u.name = (const char *)sqlite3_column_text(st, 0);
		u.role = (const char *)sqlite3_column_text(st, 1);
		u.dept_code = (const char *)sqlite3_column_text(st, 2);
		u.dept_name = (const char *)sqlite3_column_text(st, 3);
		u.email = (const char *)sqlite3_column_text(st, 4);
		u.disabled = sqlite3_column_int(st, 5);
		if (fn(&u, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_case_due(struct store *s, const char *case_id, char due[DATE_STRLEN],
    int *provisional)
{
	sqlite3_stmt	*st;
	int		 rc;

	due[0] = '\0';
	*provisional = 0;
	if ((st = get(s, STMT_CASE_DUE)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_col_date(st, 0, due);
		*provisional = sqlite3_column_int(st, 1);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}
