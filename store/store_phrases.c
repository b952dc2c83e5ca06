/* SPDX-License-Identifier: ISC */
/*
 * Storage of the phrasebook (store/phrases.h).  Part of the store
 * module (store_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store/phrases.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_LIST, STMT_LIST_SCOPE, STMT_ADD, STMT_GET, STMT_SET, STMT_DEL,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_LIST] =
	    "SELECT id, scope, field, text FROM phrases"
	    " ORDER BY scope, field, pos, id",
	[STMT_LIST_SCOPE] =
	    "SELECT id, scope, field, text FROM phrases WHERE scope = ?1"
	    " ORDER BY field, pos, id",
	[STMT_ADD] =
	    "INSERT INTO phrases (scope, field, text, pos) VALUES (?1, ?2, ?3,"
	    " (SELECT COALESCE(MAX(pos), 0) + 1 FROM phrases"
	    "  WHERE scope = ?1 AND field = ?2)) RETURNING id",
	[STMT_GET] =
	    "SELECT id, scope, field, text FROM phrases WHERE id = ?1",
	[STMT_SET] =
	    "UPDATE phrases SET text = ?2 WHERE id = ?1 RETURNING id",
	[STMT_DEL] =
	    "DELETE FROM phrases WHERE id = ?1 RETURNING id",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PHRASES, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

static void
row(sqlite3_stmt *st, struct phrase *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->scope = sq_col_dup(st, 1);
	p->field = sq_col_dup(st, 2);
	p->text = sq_col_dup(st, 3);
}

static enum cm_err
phrases_read(struct store *s, const char *scope, struct phrase **out,
    size_t *np)
{
	sqlite3_stmt	*st;
	struct phrase	*p = NULL;
	size_t		 n = 0;
	int		 rc;

	*out = NULL;
	*np = 0;
	if ((st = get(s, scope != NULL ? STMT_LIST_SCOPE : STMT_LIST)) == NULL)
		return CM_SYSERR;
	if (scope != NULL)
		sq_bind_text(st, 1, scope);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		row(st, &p[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		phrases_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/*
 * The whole phrasebook (scope NULL) is kept on the connection until the
 * database changes, as the list pages are (store_listcache.c: PRAGMA
 * data_version plus the connection's own commits, never inside a write
 * transaction, kept only when the version did not move while reading):
 * every case page with an action form lists it.  The caller gets a
 * copy, as before.
 */
struct ph_cache {
	int64_t		 version;
	unsigned long	 commits;
	int		 valid;
	struct phrase	*p;
	size_t		 n;
};

static struct phrase *
phrases_copy(const struct phrase *p, size_t n)
{
	struct phrase	*c;
	size_t		 i;

	c = xcalloc(n > 0 ? n : 1, sizeof(*c));
	for (i = 0; i < n; i++) {
		c[i].id = p[i].id;
		c[i].scope = xstrdup(p[i].scope);
		c[i].field = xstrdup(p[i].field);
		c[i].text = xstrdup(p[i].text);
	}
	return c;
}

enum cm_err
phrases_list(struct store *s, const char *scope, struct phrase **out,
    size_t *np)
{
	struct ph_cache	*c;
	unsigned long	 commits = s->commits;
	int64_t		 v0, v1;
	enum cm_err	 rc;

	if (scope != NULL || s->depth > 0 || sq_data_version(s, &v0) != CM_OK)
		return phrases_read(s, scope, out, np);
	if ((c = s->phc) == NULL)
		c = s->phc = xcalloc(1, sizeof(*c));
	if (c->valid && c->version == v0 && c->commits == commits) {
		*out = phrases_copy(c->p, c->n);
		*np = c->n;
		return CM_OK;
	}
	if ((rc = phrases_read(s, scope, out, np)) != CM_OK)
		return rc;
	if (sq_data_version(s, &v1) != CM_OK || v1 != v0 ||
	    s->commits != commits)
		return CM_OK;
	phrases_free(c->p, c->n);
	c->p = phrases_copy(*out, *np);
	c->n = *np;
	c->version = v0;
	c->commits = commits;
	c->valid = 1;
	return CM_OK;
}

/* Frees the connection's cached phrasebook (sq_cache_free). */
void
sq_phrases_cache_free(struct store *s)
{
	if (s->phc != NULL)
		phrases_free(s->phc->p, s->phc->n);
	free(s->phc);
	s->phc = NULL;
}

void
phrases_free(struct phrase *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++) {
		free(p[i].scope);
		free(p[i].field);
		free(p[i].text);
	}
	free(p);
}

/* Steps a statement that returns one id, or none (CM_NOTFOUND). */
static enum cm_err
one_id(struct store *s, sqlite3_stmt *st, int64_t *id)
{
	int	 rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && id != NULL)
		*id = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	else if (rc == SQLITE_DONE) {
		sq_done(st);
		return CM_NOTFOUND;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
phrase_add(struct store *s, const char *scope, const char *field,
    const char *text, int64_t *id)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_ADD)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, scope);
	sq_bind_text(st, 2, field);
	sq_bind_text(st, 3, text);
	return one_id(s, st, id);
}

enum cm_err
phrase_get(struct store *s, int64_t id, struct phrase *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(p, 0, sizeof(*p));
	if ((st = get(s, STMT_GET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row(st, p);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
phrase_set(struct store *s, int64_t id, const char *text)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_SET)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, text);
	return one_id(s, st, NULL);
}

enum cm_err
phrase_del(struct store *s, int64_t id)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_DEL)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int64(st, 1, id);
	return one_id(s, st, NULL);
}
