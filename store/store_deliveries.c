/* SPDX-License-Identifier: ISC */
/*
 * Storage of delivery records (store/deliveries.h).  Part of the store
 * module (store_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/deliveries.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_LIST, STMT_AWAITING, STMT_INSERT, STMT_RECEIVED, STMT__MAX
};

#define COLS \
	"d.id, d.case_id, c.number, d.kind, d.version, d.method," \
	" d.tracking, d.sent, d.received, COALESCE(d.proof, 0)," \
	" d.created_by, d.created_at" \
	" FROM deliveries d JOIN cases c ON c.id = d.case_id"

static const char *const stmts[STMT__MAX] = {
	[STMT_LIST] =
	    "SELECT " COLS " WHERE d.case_id = ?1 ORDER BY d.kind, d.version",
	[STMT_AWAITING] =
	    "SELECT " COLS " WHERE d.received IS NULL"
	    " ORDER BY d.sent, c.number, d.kind",
	[STMT_INSERT] =
	    "INSERT INTO deliveries (case_id, kind, version, method, tracking,"
	    " sent, received, proof, created_by, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT (case_id, kind, version) DO NOTHING RETURNING id",
	[STMT_RECEIVED] =
	    "UPDATE deliveries SET received = ?3 WHERE case_id = ?1"
	    " AND id = ?2 RETURNING id",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_DELIVERIES, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static void
row(sqlite3_stmt *st, struct delivery *d)
{
	const unsigned char	*t;

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	sq_col_id(st, 1, d->case_id);
	t = sqlite3_column_text(st, 2);
	snprintf(d->number, sizeof(d->number), "%s", t ? (const char *)t : "");
	t = sqlite3_column_text(st, 3);
	snprintf(d->kind, sizeof(d->kind), "%s", t ? (const char *)t : "");
	d->version = sqlite3_column_int(st, 4);
	t = sqlite3_column_text(st, 5);
	snprintf(d->method, sizeof(d->method), "%s", t ? (const char *)t : "");
	d->tracking = sq_col_dup(st, 6);
	if (d->tracking == NULL)
		d->tracking = xstrdup("");
	sq_col_date(st, 7, d->sent);
	sq_col_date(st, 8, d->received);
	d->proof = sqlite3_column_int64(st, 9);
	d->created_by = sq_col_dup(st, 10);
	d->created_at = sq_col_dup(st, 11);
}

static enum cm_err
rows(struct store *s, sqlite3_stmt *st, struct delivery **out, size_t *np)
{
	struct delivery	*p = NULL;
	size_t		 n = 0;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		row(st, &p[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		deliveries_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

enum cm_err
deliveries_list(struct store *s, const char *case_id, struct delivery **out,
    size_t *np)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_LIST)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	return rows(s, st, out, np);
}

enum cm_err
deliveries_awaiting(struct store *s, struct delivery **out, size_t *np)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*np = 0;
	if ((st = get(s, STMT_AWAITING)) == NULL)
		return CM_SYSERR;
	return rows(s, st, out, np);
}

void
deliveries_free(struct delivery *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++) {
		free(p[i].tracking);
		free(p[i].created_by);
		free(p[i].created_at);
	}
	free(p);
}

/* Steps a statement that returns one id, or none (none_rc). */
static enum cm_err
one_id(struct store *s, sqlite3_stmt *st, int64_t *id, enum cm_err none_rc)
{
	int	 rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && id != NULL)
		*id = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	else if (rc == SQLITE_DONE) {
		sq_done(st);
		return none_rc;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
delivery_insert(struct store *s, const struct delivery *d, const char *now,
    int64_t *id)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_INSERT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, d->case_id);
	sq_bind_text(st, 2, d->kind);
	sqlite3_bind_int(st, 3, d->version);
	sq_bind_text(st, 4, d->method);
	sq_bind_text(st, 5, d->tracking != NULL ? d->tracking : "");
	sq_bind_text(st, 6, d->sent);
	sq_bind_date(st, 7, d->received);
	if (d->proof > 0)
		sqlite3_bind_int64(st, 8, d->proof);
	else
		sqlite3_bind_null(st, 8);
	sq_bind_text(st, 9, d->created_by);
	sq_bind_text(st, 10, now);
	return one_id(s, st, id, CM_CONFLICT);
}

enum cm_err
delivery_set_received(struct store *s, const char *case_id, int64_t id,
    const char *received)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_RECEIVED)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, received);
	return one_id(s, st, NULL, CM_NOTFOUND);
}
