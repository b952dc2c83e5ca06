/* SPDX-License-Identifier: ISC */
/*
 * Letters composed but not yet typeset (store/letters.h, the table
 * letters_pending; ops/letter_pending.c says why).  Part of the store
 * module (store_int.h).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/letters.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_NEXT, STMT_ADD, STMT_CASE, STMT_DUE, STMT_ONE, STMT_SETTLE,
	STMT_DELETE, STMT_FAILED, STMT_COUNT,
	STMT__MAX
};

#define COLS	"case_id, kind, version, doc_number, outcome, created_by," \
		" created_at, attempts, last_error, content"

static const char *const stmts[STMT__MAX] = {
	/* The next version over stored and pending ones. */
	[STMT_NEXT] =
	    "SELECT max(coalesce((SELECT max(version) FROM letters"
	    "  WHERE case_id = ?1 AND kind = ?2), 0),"
	    " coalesce((SELECT max(version) FROM letters_pending"
	    "  WHERE case_id = ?1 AND kind = ?2), 0)) + 1",
	[STMT_ADD] =
	    "INSERT INTO letters_pending (case_id, kind, version, doc_number,"
	    " outcome, content, created_by, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_CASE] =
	    "SELECT " COLS " FROM letters_pending WHERE case_id = ?1"
	    " ORDER BY kind, version",
	[STMT_DUE] =
	    "SELECT " COLS " FROM letters_pending"
	    " INDEXED BY letters_pending_due WHERE next_try <= ?1"
	    " ORDER BY created_at LIMIT ?2",
	[STMT_ONE] =
	    "SELECT " COLS " FROM letters_pending WHERE case_id = ?1"
	    " AND kind = ?2 AND (?3 = 0 OR version = ?3)"
	    " ORDER BY version DESC LIMIT 1",
	/* The stored letter keeps the identity fixed at composition. */
	[STMT_SETTLE] =
	    "INSERT INTO letters (case_id, kind, version, doc_number, outcome,"
	    " sha256, size, pdf, created_by, created_at)"
	    " SELECT case_id, kind, version, doc_number, outcome, ?4, ?5, ?6,"
	    " created_by, created_at FROM letters_pending"
	    " WHERE case_id = ?1 AND kind = ?2 AND version = ?3",
	[STMT_DELETE] =
	    "DELETE FROM letters_pending"
	    " WHERE case_id = ?1 AND kind = ?2 AND version = ?3",
	[STMT_FAILED] =
	    "UPDATE letters_pending SET attempts = attempts + 1,"
	    " last_error = ?4, next_try = ?5"
	    " WHERE case_id = ?1 AND kind = ?2 AND version = ?3",
	[STMT_COUNT] =
	    "SELECT count(*), count(*) FILTER (WHERE attempts > 0),"
	    " (SELECT last_error FROM letters_pending WHERE attempts > 0"
	    "  ORDER BY created_at DESC LIMIT 1)"
	    " FROM letters_pending",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_LPENDING, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* A letter this connection composed (letters_pending_track). */
struct lp_mine {
	char	 case_id[37];
	char	 kind[32];
	int	 version;
};

static void
mine_add(struct store *s, const char *case_id, const char *kind, int version)
{
	struct lp_mine	*m;

	if ((s->n_lp_mine & (s->n_lp_mine - 1)) == 0)
		s->lp_mine = xrealloc(s->lp_mine, (s->n_lp_mine == 0 ? 1 :
		    2 * s->n_lp_mine) * sizeof(*s->lp_mine));
	m = &s->lp_mine[s->n_lp_mine++];
	snprintf(m->case_id, sizeof(m->case_id), "%s", case_id);
	snprintf(m->kind, sizeof(m->kind), "%s", kind);
	m->version = version;
}

/*
 * Whether this connection remembers the letters it composes, so that
 * letters_pending_mine() can give them back (the CLI: a write command
 * typesets its own letters, not every letter waiting).  Off: forgets.
 */
void
letters_pending_track(struct store *s, int on)
{
	s->lp_track = on;
	if (!on) {
		free(s->lp_mine);
		s->lp_mine = NULL;
		s->n_lp_mine = 0;
	}
}

/*
 * At most max of the letters this connection composed since
 * letters_pending_track() that are still pending, oldest first; each
 * is given once.  A letter stored meanwhile (by the server's renderer,
 * or a flush) or whose transaction was rolled back is left out.
 * letter_pendings_free.
 */
enum cm_err
letters_pending_mine(struct store *s, size_t max, struct letter_pending **out,
    size_t *np)
{
	struct letter_pending	*v = NULL;
	size_t			 n = 0, i;
	enum cm_err		 e = CM_OK;

	*out = NULL;
	*np = 0;
	for (i = 0; i < s->n_lp_mine && n < max && e == CM_OK; i++) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		e = letter_pending_get(s, s->lp_mine[i].case_id,
		    s->lp_mine[i].kind, s->lp_mine[i].version, &v[n]);
		if (e == CM_OK)
			n++;
		else if (e == CM_NOTFOUND)
			e = CM_OK;
	}
	if (e != CM_OK) {
		letter_pendings_free(v, n);
		return e;
	}
	if (i > 0) {
		memmove(s->lp_mine, s->lp_mine + i, (s->n_lp_mine - i) *
		    sizeof(*s->lp_mine));
		s->n_lp_mine -= i;
	}
	*out = v;
	*np = n;
	return CM_OK;
}

/*
 * Records a composed letter (content: its packed form) as the next
 * version of (case, kind), to be typeset after the commit; returns the
 * version.  The identity (created_by, created_at) is fixed now.
 */
enum cm_err
letter_pending_add(struct store *s, const char *case_id, const char *kind,
    const char *outcome, const char *doc_number, const void *content,
    size_t len, const char *actor, int *version)
{
	sqlite3_stmt	*st;
	char		 now[32];
	int		 rc;
	enum cm_err	 e;

	if ((st = get(s, STMT_NEXT)) == NULL)
		return CM_SYSERR;
	if ((e = store_begin(s)) != CM_OK)
		return e;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW) {
		e = sq_fail(s, rc);
		goto fail;
	}
	now_iso(now);
	st = get(s, STMT_ADD);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, *version);
	sq_bind_text(st, 4, doc_number != NULL ? doc_number : "");
	sq_bind_text(st, 5, outcome);
	sqlite3_bind_blob64(st, 6, content, len, SQLITE_TRANSIENT);
	sq_bind_text(st, 7, actor);
	sq_bind_text(st, 8, now);
	if ((e = sq_exec(s, st)) != CM_OK || (e = store_commit(s)) != CM_OK)
		goto fail;
	if (s->lp_track)
		mine_add(s, case_id, kind, *version);
	return CM_OK;
fail:
	store_rollback(s);
	return e;
}

static void
pending_row(sqlite3_stmt *st, struct letter_pending *p)
{
	memset(p, 0, sizeof(*p));
	sq_col_id(st, 0, p->case_id);
	snprintf(p->kind, sizeof(p->kind), "%s", sqlite3_column_text(st, 1));
	p->version = sqlite3_column_int(st, 2);
	p->doc_number = sq_col_dup(st, 3);
	p->outcome = sq_col_dup(st, 4);
	p->created_by = sq_col_dup(st, 5);
	p->created_at = sq_col_dup(st, 6);
	p->attempts = sqlite3_column_int(st, 7);
	p->last_error = sq_col_dup(st, 8);
	buf_init(&p->content);
	buf_put(&p->content, sqlite3_column_blob(st, 9),
	    (size_t)sqlite3_column_bytes(st, 9));
}

void
letter_pending_clear(struct letter_pending *p)
{
	free(p->doc_number);
	free(p->outcome);
	free(p->created_by);
	free(p->created_at);
	free(p->last_error);
	buf_clear(&p->content);
	memset(p, 0, sizeof(*p));
}

void
letter_pendings_free(struct letter_pending *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++)
		letter_pending_clear(&p[i]);
	free(p);
}

static enum cm_err
pending_rows(struct store *s, sqlite3_stmt *st, struct letter_pending **out,
    size_t *np)
{
	struct letter_pending	*p = NULL;
	size_t			 n = 0;
	int			 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		pending_row(st, &p[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		letter_pendings_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/*
 * The pending letters of one case (case_id), or, with case_id NULL, at
 * most max of those due (next_try <= now: never tried, or a failed one
 * whose retry time has come), oldest first.  letter_pendings_free.
 */
enum cm_err
letters_pending_list(struct store *s, const char *case_id, const char *now,
    size_t max, struct letter_pending **out, size_t *np)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*np = 0;
	if ((st = get(s, case_id != NULL ? STMT_CASE : STMT_DUE)) == NULL)
		return CM_SYSERR;
	if (case_id != NULL)
		sq_bind_text(st, 1, case_id);
	else {
		sq_bind_text(st, 1, now);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	}
	return pending_rows(s, st, out, np);
}

/* The pending letter (case, kind), version 0: the newest; CM_NOTFOUND. */
enum cm_err
letter_pending_get(struct store *s, const char *case_id, const char *kind,
    int version, struct letter_pending *out)
{
	struct letter_pending	*p;
	sqlite3_stmt		*st;
	size_t			 n;
	enum cm_err		 rc;

	if ((st = get(s, STMT_ONE)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, version);
	if ((rc = pending_rows(s, st, &p, &n)) != CM_OK)
		return rc;
	if (n == 0) {
		free(p);
		return CM_NOTFOUND;
	}
	*out = p[0];
	free(p);
	return CM_OK;
}

/*
 * Stores the typeset PDF of a pending letter in letters under the
 * identity it was composed with, and deletes the pending row, in one
 * transaction.  *stored is 0 when the row was gone (another renderer
 * stored it first: the bytes are the same), 1 otherwise.  sha256 gets
 * the hex digest.
 */
enum cm_err
letter_pending_settle(struct store *s, const char *case_id, const char *kind,
    int version, const void *pdf, size_t len, char sha256[65], int *stored)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	sqlite3_stmt	*st;
	enum cm_err	 e;

	*stored = 0;
	crypto_hash_sha256(h, pdf, len);
	sodium_bin2hex(sha256, 65, h, sizeof(h));
	if ((st = get(s, STMT_SETTLE)) == NULL)
		return CM_SYSERR;
	if ((e = store_begin(s)) != CM_OK)
		return e;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, version);
	sq_bind_text(st, 4, sha256);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)len);
	sqlite3_bind_blob64(st, 6, pdf, len, SQLITE_TRANSIENT);
	if ((e = sq_exec(s, st)) != CM_OK)
		goto fail;
	*stored = sqlite3_changes(s->db) > 0;
	st = get(s, STMT_DELETE);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, version);
	if ((e = sq_exec(s, st)) != CM_OK || (e = store_commit(s)) != CM_OK)
		goto fail;
	return CM_OK;
fail:
	*stored = 0;
	store_rollback(s);
	return e;
}

/* Counts a failed render of a pending letter: why, and when to retry. */
enum cm_err
letter_pending_failed(struct store *s, const char *case_id, const char *kind,
    int version, const char *why, const char *next_try)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_FAILED)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, version);
	sq_bind_text(st, 4, why);
	sq_bind_text(st, 5, next_try);
	return sq_exec(s, st);
}

/* How many letters are pending, how many of them failed to render, and
 * the latest failure's message (free it; NULL when none failed). */
enum cm_err
letters_pending_count(struct store *s, int64_t *n, int64_t *failed,
    char **last_error)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = *failed = 0;
	*last_error = NULL;
	if ((st = get(s, STMT_COUNT)) == NULL)
		return CM_SYSERR;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		*failed = sqlite3_column_int64(st, 1);
		*last_error = sq_col_dup(st, 2);
	}
	sq_done(st);
	return rc == SQLITE_ROW ? CM_OK : sq_fail(s, rc);
}
