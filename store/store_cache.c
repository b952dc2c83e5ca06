/* SPDX-License-Identifier: ISC */
/*
 * What a connection may keep between requests until the database
 * changes (issue 17), keyed like the dashboard's counts
 * (store_dashcache.c): PRAGMA data_version, which changes when another
 * connection commits, plus this connection's own commits (struct
 * store's commits).  Nothing is cached or served inside a write
 * transaction (the connection's own uncommitted writes would not show),
 * and a result is kept only when the version was the same before and
 * after reading it, so that a commit in between is never hidden.
 *
 * Here: a case's events.  A case page shows every event of its case,
 * and a case that has been through many steps (hundreds of events)
 * spent a third of its page's time loading them; the officers who have
 * it open reload it often.  Part of the store module (store_int.h).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/model.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

/* Cases kept per connection, and the most events one may have. */
#define EVC_N		4
#define EVC_MAXEV	4096

struct evc_entry {
	int64_t			 version;
	unsigned long		 commits;
	unsigned long		 used;		/* for least recently used */
	char			 case_id[40];
	struct event_rec	*ev;		/* laid out by events_copy() */
	size_t			 n;
	size_t			 bytes;		/* its strings' block */
};

struct ev_cache {
	struct evc_entry	 e[EVC_N];
	unsigned long		 tick;
};

enum stmt { STMT_DATA_VERSION, STMT__MAX };

static const char *const stmts[STMT__MAX] = {
	[STMT_DATA_VERSION] = "PRAGMA data_version",
};

/* The connection's PRAGMA data_version (see above). */
enum cm_err
sq_data_version(struct store *s, int64_t *v)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_CACHE, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	return sq_ints_row(s, sq_get(t, STMT_DATA_VERSION), v, 1);
}

static void
entry_drop(struct evc_entry *e)
{
	events_free(e->ev, e->n);
	memset(e, 0, sizeof(*e));
}

/*
 * store_events_get(): a copy of the cached events when nothing was
 * committed since they were read on this connection, else load(s, ...)
 * and keep a copy.
 */
enum cm_err
sq_events_cached(struct store *s, const char *case_id,
    struct event_rec **out, size_t *np,
    enum cm_err (*load)(struct store *, const char *, struct event_rec **,
    size_t *))
{
	struct ev_cache		*c;
	struct evc_entry	*e, *victim;
	int64_t			 v0, v1;
	unsigned long		 commits = s->commits;
	size_t			 i;
	enum cm_err		 rc;

	if (s->depth > 0 || strlen(case_id) >= sizeof(c->e[0].case_id) ||
	    sq_data_version(s, &v0) != CM_OK)
		return load(s, case_id, out, np);
	if ((c = s->evc) == NULL)
		c = s->evc = xcalloc(1, sizeof(*c));
	victim = &c->e[0];
	for (i = 0; i < EVC_N; i++) {
		e = &c->e[i];
		if (e->ev != NULL && strcmp(e->case_id, case_id) == 0) {
			if (e->version == v0 && e->commits == commits) {
				e->used = ++c->tick;
				*out = events_clone(e->ev, e->n, e->bytes);
				*np = e->n;
				return CM_OK;
			}
			victim = e;	/* stale: replaced below */
			break;
		}
		if (e->used < victim->used)
			victim = e;
	}
	if ((rc = load(s, case_id, out, np)) != CM_OK)
		return rc;
	if (*np > EVC_MAXEV || sq_data_version(s, &v1) != CM_OK ||
	    v1 != v0 || s->commits != commits)
		return CM_OK;
	entry_drop(victim);
	victim->version = v0;
	victim->commits = commits;
	victim->used = ++c->tick;
	snprintf(victim->case_id, sizeof(victim->case_id), "%s", case_id);
	victim->ev = events_copy(*out, *np);
	victim->n = *np;
	victim->bytes = events_bytes(*out, *np);
	return CM_OK;
}

/* Values kept on the connection (store_memo_mark, store.h), each its
 * own allocation of at most STORE_MEMO_BIG bytes: 1 MiB a connection at
 * the very most, a few KiB as used (a fee's figures, a case's timeline). */
#define MEMO_N		8
#define MEMO_KEY	256

struct memo_entry {
	int64_t		 version;
	unsigned long	 commits;
	unsigned long	 used;
	char		 key[MEMO_KEY];
	void		*val;		/* NULL: empty */
	size_t		 len;
};

struct memo {
	struct memo_entry e[MEMO_N];
	unsigned long	 tick;
};

/*
 * FOIDESK_MEMO=off in the environment: nothing is kept (every mark is
 * void), so that bench/pages.sh can show a page rendered in full on
 * every request beside the same page with its sections kept.
 */
static int
memo_off(void)
{
	static atomic_int	 state;		/* 0 unknown, 1 on, 2 off */
	const char		*e;
	int			 v;

	if ((v = atomic_load(&state)) == 0) {
		e = getenv("FOIDESK_MEMO");
		v = e != NULL && strcmp(e, "off") == 0 ? 2 : 1;
		atomic_store(&state, v);
	}
	return v == 2;
}

void
store_memo_mark(struct store *s, struct store_memo_mark *m)
{
	int64_t	 v;

	memset(m, 0, sizeof(*m));
	if (s->depth > 0 || memo_off() || sq_data_version(s, &v) != CM_OK)
		return;
	m->version = v;
	m->commits = s->commits;
	m->ok = 1;
}

/*
 * The bytes kept under key at the mark's version (borrowed until the
 * next store_memo_put() on s) and *len, or NULL.
 */
const void *
store_memo_find(struct store *s, const struct store_memo_mark *m,
    const char *key, size_t *len)
{
	struct memo_entry	*e;
	size_t			 i;

	if (!m->ok || s->memo == NULL || s->depth > 0 ||
	    s->commits != m->commits)
		return NULL;
	for (i = 0; i < MEMO_N; i++) {
		e = &s->memo->e[i];
		if (e->val != NULL && e->version == m->version &&
		    e->commits == m->commits && strcmp(e->key, key) == 0) {
			e->used = ++s->memo->tick;
			*len = e->len;
			return e->val;
		}
	}
	return NULL;
}

/* 1 with val filled when key was kept, len bytes, under the mark's
 * version. */
int
store_memo_get(struct store *s, const struct store_memo_mark *m,
    const char *key, void *val, size_t len)
{
	const void	*p;
	size_t		 n;

	if ((p = store_memo_find(s, m, key, &n)) == NULL || n != len)
		return 0;
	memcpy(val, p, len);
	return 1;
}

/*
 * Keeps val (at most STORE_MEMO_BIG bytes) under key when nothing was
 * committed since the mark: in place of key's older value, else of an
 * empty or stale entry, else of the least recently used.
 */
void
store_memo_put(struct store *s, const struct store_memo_mark *m,
    const char *key, const void *val, size_t len)
{
	struct memo_entry	*e, *victim = NULL, *lru;
	int64_t			 v;
	size_t			 i;

	if (!m->ok || s->depth > 0 || len > STORE_MEMO_BIG ||
	    strlen(key) >= MEMO_KEY || s->commits != m->commits ||
	    sq_data_version(s, &v) != CM_OK || v != m->version)
		return;
	if (s->memo == NULL)
		s->memo = xcalloc(1, sizeof(*s->memo));
	lru = &s->memo->e[0];
	for (i = 0; i < MEMO_N && victim == NULL; i++) {
		e = &s->memo->e[i];
		if (e->val != NULL && strcmp(e->key, key) == 0)
			victim = e;
		else if (e->used < lru->used)
			lru = e;
	}
	for (i = 0; i < MEMO_N && victim == NULL; i++) {
		e = &s->memo->e[i];
		if (e->val == NULL || e->version != v ||
		    e->commits != m->commits)
			victim = e;	/* empty or stale */
	}
	if (victim == NULL)
		victim = lru;
	free(victim->val);
	victim->val = xmalloc(len > 0 ? len : 1);
	memcpy(victim->val, val, len);
	victim->len = len;
	victim->version = v;
	victim->commits = m->commits;
	victim->used = ++s->memo->tick;
	snprintf(victim->key, sizeof(victim->key), "%s", key);
}

/*
 * One object kept on the connection under the same marks as the memo
 * (a case page's loaded case, ops/case.c: case_view_kept), with the
 * function that frees it.
 */
struct keep {
	int64_t		 version;
	unsigned long	 commits;
	char		 key[MEMO_KEY];
	void		*obj;		/* NULL: empty */
	void		(*free)(void *);
};

static void
keep_drop(struct keep *k)
{
	if (k->obj != NULL)
		k->free(k->obj);
	k->obj = NULL;
}

/* The object kept under key at the mark's version, borrowed until the
 * next store_keep_put() on s; NULL when there is none. */
void *
store_keep_find(struct store *s, const struct store_memo_mark *m,
    const char *key)
{
	struct keep	*k = s->keep;

	if (!m->ok || k == NULL || k->obj == NULL || s->depth > 0 ||
	    s->commits != m->commits || k->version != m->version ||
	    k->commits != m->commits || strcmp(k->key, key) != 0)
		return NULL;
	return k->obj;
}

/*
 * Keeps obj under key, in place of what was kept (freed), when nothing
 * was committed since the mark: 1, and obj is the connection's (freed
 * with fr); else 0, and obj stays the caller's.
 */
int
store_keep_put(struct store *s, const struct store_memo_mark *m,
    const char *key, void *obj, void (*fr)(void *))
{
	int64_t	 v;

	if (!m->ok || s->depth > 0 || strlen(key) >= MEMO_KEY ||
	    s->commits != m->commits || sq_data_version(s, &v) != CM_OK ||
	    v != m->version)
		return 0;
	if (s->keep == NULL)
		s->keep = xcalloc(1, sizeof(*s->keep));
	keep_drop(s->keep);
	s->keep->version = v;
	s->keep->commits = m->commits;
	snprintf(s->keep->key, sizeof(s->keep->key), "%s", key);
	s->keep->obj = obj;
	s->keep->free = fr;
	return 1;
}

/* Frees the connection's caches (store_close). */
void
sq_cache_free(struct store *s)
{
	size_t	 i;

	if (s->evc != NULL)
		for (i = 0; i < EVC_N; i++)
			entry_drop(&s->evc->e[i]);
	free(s->evc);
	s->evc = NULL;
	sq_list_cache_free(s);
	sq_auth_cache_free(s);
	sq_phrases_cache_free(s);
	if (s->memo != NULL)
		for (i = 0; i < MEMO_N; i++)
			free(s->memo->e[i].val);
	free(s->memo);
	s->memo = NULL;
	if (s->keep != NULL)
		keep_drop(s->keep);
	free(s->keep);
	s->keep = NULL;
}
