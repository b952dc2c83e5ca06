/* SPDX-License-Identifier: ISC */
/*
 * Writing a corrected registration (ops/op_correct.c) and the
 * applicant rows a case may own (ops/case.c): the record on file for
 * an identity document is the newest row with on_file = 1; a case's
 * own copy of typed details that differ from it has on_file = 0.
 */
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"

enum stmt {
	STMT_CASE_CORRECT, STMT_APPL_GET, STMT_APPL_COPY, STMT_APPL_RETIRE,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_CASE_CORRECT] =
	    "UPDATE cases SET applicant_id = ?2, request = ?3,"
	    " arrived_on = ?4, confirmed_on = ?5, received_on = ?6,"
	    " updated_at = ?7, channel = ?8 WHERE id = ?1",
	[STMT_APPL_GET] =
	    "SELECT id, type, name, id_type, id_number, phone, address,"
	    " email FROM applicants WHERE id = ?1",
	[STMT_APPL_COPY] =
	    "INSERT INTO applicants (type, name, id_type, id_number, phone,"
	    " address, email, created_at, on_file)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
	[STMT_APPL_RETIRE] =
	    "UPDATE applicants SET on_file = 0 WHERE id = ?1",
};

static sqlite3_stmt *
get(struct store *s, enum stmt i)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_CORRECT, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, i);
}

/*
 * Points a case at its (new) applicant record and rewrites its
 * channel, request and receipt dates (from c: appl.id, channel,
 * request, arrived, confirmed, received, updated_at).  Call inside a
 * transaction.
 */
enum cm_err
store_case_correct(struct store *s, const struct case_rec *c)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CASE_CORRECT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, c->id);
	sqlite3_bind_int64(st, 2, c->appl.id);
	sq_bind_text(st, 3, c->request);
	sq_bind_text(st, 4, c->arrived);
	sq_bind_date(st, 5, c->confirmed);
	sq_bind_text(st, 6, c->received);
	sq_bind_text(st, 7, c->updated_at);
	sq_bind_text(st, 8, c->channel);
	return sq_exec(s, st);
}

/* Loads an applicant row; clear it with applicant_clear(). */
enum cm_err
store_applicant_get(struct store *s, int64_t id, struct applicant *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(p, 0, sizeof(*p));
	if ((st = get(s, STMT_APPL_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->type = sq_col_dup(st, 1);
		p->name = sq_col_dup(st, 2);
		p->id_type = sq_col_dup(st, 3);
		p->id_number = sq_col_dup(st, 4);
		p->phone = sq_col_dup(st, 5);
		p->address = sq_col_dup(st, 6);
		p->email = sq_col_dup(st, 7);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Inserts a case's own applicant row, not the record on file. */
enum cm_err
store_applicant_copy(struct store *s, const struct applicant *p,
    const char *now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	if ((st = get(s, STMT_APPL_COPY)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, p->type);
	sq_bind_text(st, 2, p->name);
	sq_bind_text(st, 3, p->id_type);
	sq_bind_text(st, 4, p->id_number);
	sq_bind_text(st, 5, p->phone != NULL ? p->phone : "");
	sq_bind_text(st, 6, p->address != NULL ? p->address : "");
	sq_bind_text(st, 7, p->email != NULL ? p->email : "");
	sq_bind_text(st, 8, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

/* Takes a row off file (a newer record replaces it); the cases that
 * point at it keep it as theirs. */
enum cm_err
store_applicant_retire(struct store *s, int64_t id)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_APPL_RETIRE)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	return sq_exec(s, st);
}
