/* SPDX-License-Identifier: ISC */
/* Writing a corrected registration (ops/op_correct.c). */
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"

enum stmt { STMT_CASE_CORRECT, STMT__MAX };

static const char *const stmts[STMT__MAX] = {
	[STMT_CASE_CORRECT] =
	    "UPDATE cases SET applicant_id = ?2, request = ?3,"
	    " arrived_on = ?4, confirmed_on = ?5, received_on = ?6,"
	    " updated_at = ?7 WHERE id = ?1",
};

/*
 * Points a case at its (new) applicant record and rewrites its request
 * and receipt dates (from c: appl.id, request, arrived, confirmed,
 * received, updated_at).  Call inside a transaction.
 */
enum cm_err
store_case_correct(struct store *s, const struct case_rec *c)
{
	sqlite3_stmt	**t, *st;

	if ((t = sq_table(s, SM_CORRECT, stmts, STMT__MAX)) == NULL ||
	    (st = sq_get(t, STMT_CASE_CORRECT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, c->id);
	sqlite3_bind_int64(st, 2, c->appl.id);
	sq_bind_text(st, 3, c->request);
	sq_bind_text(st, 4, c->arrived);
	sq_bind_date(st, 5, c->confirmed);
	sq_bind_text(st, 6, c->received);
	sq_bind_text(st, 7, c->updated_at);
	return sq_exec(s, st);
}
