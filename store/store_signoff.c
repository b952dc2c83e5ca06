/* SPDX-License-Identifier: ISC */
/*
 * Storage of the sign-off chain (store/signoff.h).  Part of the store
 * module (store_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/signoff.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_CONF_GET, STMT_CONF_DEL, STMT_CONF_ADD, STMT_STEPS_GET,
	STMT_STEP_ADD, STMT_STEP_SIGN, STMT_FORM_SET, STMT_FORM_GET,
	STMT_LATEST, STMT_HEAD, STMT_FEE_SET, STMT_FEE_GET, STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_CONF_GET] =
	    "SELECT pos, name, signer, '', NULL, NULL, NULL"
	    " FROM signoff_steps WHERE kind = ?1 ORDER BY pos",
	[STMT_CONF_DEL] = "DELETE FROM signoff_steps WHERE kind = ?1",
	[STMT_CONF_ADD] =
	    "INSERT INTO signoff_steps (kind, pos, name, signer, updated_by,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_STEPS_GET] =
	    "SELECT pos, name, signer, coalesce(decision, ''), signed_by,"
	    " signed_at, CASE WHEN decision IS NULL THEN NULL ELSE opinion END"
	    " FROM approval_steps WHERE approval_id = ?1 ORDER BY pos",
	[STMT_STEP_ADD] =
	    "INSERT INTO approval_steps (approval_id, pos, name, signer)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_STEP_SIGN] =
	    "UPDATE approval_steps SET decision = ?3, signed_by = ?4,"
	    " opinion = ?5, signed_at = ?6"
	    " WHERE approval_id = ?1 AND pos = ?2 AND decision IS NULL"
	    " RETURNING pos",
	[STMT_FORM_SET] =
	    "UPDATE approvals SET form = 1 WHERE id = ?1 RETURNING id",
	[STMT_FORM_GET] = "SELECT form FROM approvals WHERE id = ?1",
	[STMT_LATEST] =
	    "SELECT id FROM approvals WHERE case_id = ?1"
	    " AND status IN ('pending', 'approved')"
	    " AND EXISTS (SELECT 1 FROM approval_steps s"
	    "   WHERE s.approval_id = approvals.id)"
	    " ORDER BY id DESC LIMIT 1",
	[STMT_HEAD] =
	    "SELECT d.head FROM cases c JOIN departments d ON d.id = c.dept_id"
	    " JOIN users u ON u.name = d.head"
	    " WHERE c.id = ?1 AND d.active = 1 AND u.disabled = 0",
	[STMT_FEE_SET] =
	    "UPDATE approvals SET fee = ?2 WHERE id = ?1 RETURNING id",
	[STMT_FEE_GET] = "SELECT fee FROM approvals WHERE id = ?1",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_SIGNOFF, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* Copies text column i into out ("" for NULL), cut to len. */
static void
col(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, i);

	snprintf(out, len, "%s", t != NULL ? (const char *)t : "");
}

/* Reads the rows of a steps query into a new array. */
static enum cm_err
rows(struct store *s, sqlite3_stmt *st, struct signoff_step **out,
    size_t *np)
{
	struct signoff_step	*p = NULL, *d;
	size_t			 n = 0;
	int			 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		d = &p[n++];
		memset(d, 0, sizeof(*d));
		d->pos = sqlite3_column_int(st, 0);
		col(st, 1, d->name, sizeof(d->name));
		col(st, 2, d->signer, sizeof(d->signer));
		col(st, 3, d->decision, sizeof(d->decision));
		col(st, 4, d->signed_by, sizeof(d->signed_by));
		col(st, 5, d->signed_at, sizeof(d->signed_at));
		d->opinion = sq_col_dup(st, 6);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		signoff_steps_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/* Frees an array of steps and their opinions. */
void
signoff_steps_free(struct signoff_step *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++)
		free(p[i].opinion);
	free(p);
}

/* The configured steps of a kind, in order (none: the default chain). */
enum cm_err
signoff_config_get(struct store *s, const char *kind,
    struct signoff_step **out, size_t *np)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_CONF_GET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, kind);
	return rows(s, st, out, np);
}

/* Replaces the configured steps of a kind (n == 0: back to the
 * default).  The steps are numbered 1..n in the order given. */
enum cm_err
signoff_config_put(struct store *s, const char *kind,
    const struct signoff_step *v, size_t n, const char *by, const char *now)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if ((st = get(s, STMT_CONF_DEL)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, kind);
	rc = sqlite3_step(st);
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	for (i = 0; i < n; i++) {
		if ((st = get(s, STMT_CONF_ADD)) == NULL)
			return CM_SYSERR;
		sq_bind_text(st, 1, kind);
		sqlite3_bind_int(st, 2, (int)i + 1);
		sq_bind_text(st, 3, v[i].name);
		sq_bind_text(st, 4, v[i].signer);
		sq_bind_text(st, 5, by);
		sq_bind_text(st, 6, now);
		rc = sqlite3_step(st);
		sq_done(st);
		if (rc != SQLITE_DONE)
			return sq_fail(s, rc);
	}
	return CM_OK;
}

/* One request's chain, in order, with its signatures. */
enum cm_err
approval_steps_get(struct store *s, int64_t approval,
    struct signoff_step **out, size_t *np)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_STEPS_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	return rows(s, st, out, np);
}

/* Adds an unsigned step (its pos, name and signer) to a request. */
enum cm_err
approval_step_add(struct store *s, int64_t approval,
    const struct signoff_step *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_STEP_ADD)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	sqlite3_bind_int(st, 2, p->pos);
	sq_bind_text(st, 3, p->name);
	sq_bind_text(st, 4, p->signer);
	rc = sqlite3_step(st);
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Signs a step not yet signed; CM_CONFLICT when it already is. */
enum cm_err
approval_step_sign(struct store *s, int64_t approval, int pos,
    const char *decision, const char *by, const char *opinion,
    const char *at)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_STEP_SIGN)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	sqlite3_bind_int(st, 2, pos);
	sq_bind_text(st, 3, decision);
	sq_bind_text(st, 4, by);
	sq_bind_text(st, 5, opinion != NULL ? opinion : "");
	sq_bind_text(st, 6, at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	else if (rc == SQLITE_DONE) {
		sq_done(st);
		return CM_CONFLICT;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Marks a request as one whose approval issues the 办理审批单. */
enum cm_err
approval_form_set(struct store *s, int64_t approval)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_FORM_SET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	else if (rc == SQLITE_DONE) {
		sq_done(st);
		return CM_NOTFOUND;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Whether approving the request issues the 办理审批单 (*form 0 or 1). */
enum cm_err
approval_form_get(struct store *s, int64_t approval, int *form)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	*form = 0;
	if ((st = get(s, STMT_FORM_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	if ((e = sq_ints_row(s, st, &v, 1)) == CM_OK)
		*form = (int)v;
	return e;
}

/* The newest pending or approved request of a case that has a chain
 * recorded; CM_NOTFOUND when there is none. */
enum cm_err
approval_latest(struct store *s, const char *case_id, int64_t *id)
{
	sqlite3_stmt	*st;

	*id = 0;
	if ((st = get(s, STMT_LATEST)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	return sq_ints_row(s, st, id, 1);
}

/* The head of the case's department (an active department, an enabled
 * account); CM_NOTFOUND when the case has none. */
enum cm_err
case_dept_head(struct store *s, const char *case_id,
    char out[LIM_USER_NAME_BYTES])
{
	sqlite3_stmt	*st;
	int		 rc;

	out[0] = '\0';
	if ((st = get(s, STMT_HEAD)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		col(st, 0, out, LIM_USER_NAME_BYTES);
	sq_done(st);
	if (rc == SQLITE_ROW && out[0] != '\0')
		return CM_OK;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_NOTFOUND :
	    sq_fail(s, rc);
}

/* Keeps the 109号 input of a fee notice filed for approval (the JSON
 * of fee_notice_json). */
enum cm_err
approval_fee_set(struct store *s, int64_t approval, const char *json)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_FEE_SET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	sq_bind_text(st, 2, json);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	else if (rc == SQLITE_DONE) {
		sq_done(st);
		return CM_NOTFOUND;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The fee input of a request (*json NULL when it has none; free it). */
enum cm_err
approval_fee_get(struct store *s, int64_t approval, char **json)
{
	sqlite3_stmt	*st;
	int		 rc;

	*json = NULL;
	if ((st = get(s, STMT_FEE_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, approval);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*json = sq_col_dup(st, 0);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}
