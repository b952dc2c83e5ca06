/* SPDX-License-Identifier: ISC */
/* The agency's standard letter texts (see store_ltexts.h). */
#include <stdio.h>

#include "store/store.h"
#include "store/store_int.h"
#include "store/store_ltexts.h"

enum stmt {
	STMT_VERSIONS, STMT_CURRENT, STMT_NEXT, STMT_ADD, STMT__MAX
};

#define COLS	"kind, outcome, version, body, note, actor, at"

static const char *const stmts[STMT__MAX] = {
	[STMT_VERSIONS] =
	    "SELECT " COLS " FROM letter_texts WHERE kind = ?1"
	    " AND outcome = ?2 ORDER BY version DESC",
	/* The latest version of each kind and outcome. */
	[STMT_CURRENT] =
	    "SELECT " COLS " FROM letter_texts t WHERE version ="
	    " (SELECT max(version) FROM letter_texts u WHERE u.kind = t.kind"
	    " AND u.outcome = t.outcome) ORDER BY kind, outcome",
	[STMT_NEXT] =
	    "SELECT coalesce(max(version), 0) + 1 FROM letter_texts"
	    " WHERE kind = ?1 AND outcome = ?2",
	[STMT_ADD] =
	    "INSERT INTO letter_texts (kind, outcome, version, body, note,"
	    " actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_LTEXTS, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Steps st, calling fn for each row until it returns non-zero. */
static enum cm_err
rows(struct store *s, sqlite3_stmt *st, ltext_fn *fn, void *arg)
{
	struct ltext_row r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.kind = col(st, 0);
		r.outcome = col(st, 1);
		r.version = sqlite3_column_int(st, 2);
		r.body = col(st, 3);
		r.note = col(st, 4);
		r.actor = col(st, 5);
		r.at = col(st, 6);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Every version of one text, newest first. */
enum cm_err
store_ltext_versions(struct store *s, const char *kind, const char *outcome,
    ltext_fn *fn, void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_VERSIONS)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, outcome);
	return rows(s, st, fn, arg);
}

/* The version in force of every text that has one. */
enum cm_err
store_ltext_current(struct store *s, ltext_fn *fn, void *arg)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CURRENT)) == NULL)
		return CM_SYSERR;
	return rows(s, st, fn, arg);
}

/* Adds the next version of a text (body NULL: the shipped one). */
enum cm_err
store_ltext_add(struct store *s, const char *kind, const char *outcome,
    const char *body, const char *note, const char *actor, const char *at,
    int *version)
{
	sqlite3_stmt	*st;
	int		 rc, v;

	if ((st = get(s, STMT_NEXT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, outcome);
	rc = sqlite3_step(st);
	v = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc);
	if ((st = get(s, STMT_ADD)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, outcome);
	sqlite3_bind_int(st, 3, v);
	if (body != NULL)
		sq_bind_text(st, 4, body);
	else
		sqlite3_bind_null(st, 4);
	sq_bind_text(st, 5, note);
	sq_bind_text(st, 6, actor);
	sq_bind_text(st, 7, at);
	if ((rc = sq_exec(s, st)) == CM_OK && version != NULL)
		*version = v;
	return (enum cm_err)rc;
}
