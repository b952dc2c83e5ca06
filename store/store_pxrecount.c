/* SPDX-License-Identifier: ISC */
/*
 * The full recount of the Art. 44 groups marked counts_dirty (issue
 * 17), run by store_commit() before the outermost commit: a member
 * leaving, a merge of groups, a receipt before the latest, a merge of
 * applicant classes.  The members are one range of the index
 * proactive_members_group (keys and receipt in it, store/schema_px.h);
 * the classes are recomputed in memory, keep the labels they had, and
 * only the rows of px_class_keys and px_classes that differ are
 * written, so that one member leaving a group of 10,000 writes a few
 * rows, not 20,000.  Part of the store module (store_int.h); bound
 * parameters only.
 */
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_DIRTY_IDS, STMT_MEMBERS, STMT_OLD_KEYS, STMT_OLD_CLASSES,
	STMT_KEY_PUT, STMT_KEY_DEL, STMT_CLASS_PUT, STMT_CLASS_DEL,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	/* Cheap when no group is marked: the partial index is empty. */
	[STMT_DIRTY_IDS] =
	    "SELECT id FROM proactive_groups INDEXED BY proactive_groups_dirty"
	    " WHERE counts_dirty = 1",
	/* rank_key is the receipt (10 characters), a space, the number. */
	[STMT_MEMBERS] =
	    "SELECT id_key, np_key, name_key, substr(rank_key, 1, 10)"
	    " FROM proactive_members INDEXED BY proactive_members_group"
	    " WHERE group_id = ?1",
	[STMT_OLD_KEYS] =
	    "SELECT key, cls FROM px_class_keys WHERE group_id = ?1"
	    " ORDER BY key",
	[STMT_OLD_CLASSES] =
	    "SELECT cls, last_day FROM px_classes WHERE group_id = ?1"
	    " ORDER BY cls",
	[STMT_KEY_PUT] =
	    "INSERT OR REPLACE INTO px_class_keys (group_id, key, cls)"
	    " VALUES (?1, ?2, ?3)",
	[STMT_KEY_DEL] =
	    "DELETE FROM px_class_keys WHERE group_id = ?1 AND key = ?2",
	[STMT_CLASS_PUT] =
	    "INSERT OR REPLACE INTO px_classes (group_id, cls, last_day)"
	    " VALUES (?1, ?2, ?3)",
	[STMT_CLASS_DEL] =
	    "DELETE FROM px_classes WHERE group_id = ?1 AND cls = ?2",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PXRECOUNT, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k) do {						\
	if (((st) = get(s, (k))) == NULL)				\
		return CM_SYSERR;					\
} while (0)

/* Full recounts, and the class rows they wrote, by this process (the
 * tests compare them around a join that must be incremental and a
 * recount that must write little). */
static unsigned long px_recounts, px_class_writes;

unsigned long
store_px_recounts(void)
{
	return px_recounts;
}

unsigned long
store_px_class_writes(void)
{
	return px_class_writes;
}

/* One row of px_class_keys: the new one (root: its member's class
 * root, seq: the member's index) or the stored one (cls). */
struct ckey {
	char	*key;
	size_t	 root, seq;
	int64_t	 cls;
	int	 fixed;		/* a 'q' row: class 0 */
};

struct ckeys {
	struct ckey	*v;
	size_t		 n;
};

static void
ckey_add(struct ckeys *k, char *key, size_t root, size_t seq, int fixed)
{
	if ((k->n & (k->n - 1)) == 0)
		k->v = xrealloc(k->v, (k->n == 0 ? 1 : 2 * k->n) *
		    sizeof(*k->v));
	k->v[k->n].key = key;
	k->v[k->n].root = root;
	k->v[k->n].seq = seq;
	k->v[k->n].cls = 0;
	k->v[k->n].fixed = fixed;
	k->n++;
}

static void
ckeys_free(struct ckeys *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		free(k->v[i].key);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

static int
ckey_cmp(const void *a, const void *b)
{
	const struct ckey	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The keys member i (class root r) puts in px_class_keys. */
static void
member_keys(struct ckeys *k, const struct px_ident *x, size_t i, size_t r)
{
	char	*key[3];
	int	 fixed[3];
	size_t	 nk, j;

	nk = px_member_keys(x, key, fixed);
	for (j = 0; j < nk; j++)
		ckey_add(k, key[j], r, i, fixed[j]);
}

/* Sorts by key and keeps the last member's row of each key (the
 * join's INSERT OR REPLACE in member order). */
static void
ckeys_settle(struct ckeys *k)
{
	size_t	 i, o = 0;

	if (k->n > 1)
		qsort(k->v, k->n, sizeof(*k->v), ckey_cmp);
	for (i = 0; i < k->n; i++) {
		if (i + 1 < k->n && strcmp(k->v[i].key, k->v[i + 1].key) == 0) {
			free(k->v[i].key);
			continue;
		}
		k->v[o++] = k->v[i];
	}
	k->n = o;
}

/* A stored label a new class may keep: how many of its keys have it. */
struct claim {
	int64_t	 old;
	size_t	 root, keys;
};

static int
claim_cmp(const void *a, const void *b)
{
	const struct claim	*x = a, *y = b;

	if (x->old != y->old)
		return x->old < y->old ? -1 : 1;
	return x->root < y->root ? -1 : x->root > y->root;
}

/* Most keys first; then by label and root, for a stable choice. */
static int
claim_rank(const void *a, const void *b)
{
	const struct claim	*x = a, *y = b;

	if (x->keys != y->keys)
		return x->keys > y->keys ? -1 : 1;
	return claim_cmp(a, b);
}

static int
i64_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The label of each new class (by root; 0: none yet): the stored
 * labels go, most shared keys first, to the new classes holding those
 * keys, one label per class and one class per label; a class left
 * without gets a new label above every stored one.  A member leaving,
 * joining or changing its identity so keeps the other classes' labels,
 * and a class that splits keeps its label on its larger part: the rows
 * to write are those of the keys that changed class.
 */
static void
labels_assign(const struct ckeys *nk, const struct ckeys *ok,
    const int64_t *ocls, size_t noc, const size_t *p, size_t n,
    int64_t *label)
{
	struct claim	*c = NULL;
	int64_t		*olds, next = 0, *hit;
	unsigned char	*taken;
	size_t		 nc = 0, i = 0, j = 0, o = 0, nold;
	int		 d;

	for (i = 0; i < ok->n; i++)
		if (ok->v[i].cls > next)
			next = ok->v[i].cls;
	for (i = 0; i < noc; i++)
		if (ocls[i] > next)
			next = ocls[i];
	/* Both sorted by key: the stored label of each new key. */
	for (i = 0; i < nk->n && j < ok->n; ) {
		if ((d = strcmp(nk->v[i].key, ok->v[j].key)) < 0) {
			i++;
			continue;
		}
		if (d > 0) {
			j++;
			continue;
		}
		if (!nk->v[i].fixed && ok->v[j].cls > 0) {
			if ((nc & (nc - 1)) == 0)
				c = xrealloc(c, (nc == 0 ? 1 : 2 * nc) *
				    sizeof(*c));
			c[nc].old = ok->v[j].cls;
			c[nc].root = nk->v[i].root;
			c[nc++].keys = 1;
		}
		i++;
		j++;
	}
	/* One claim per label and class, with its count of keys. */
	if (nc > 1)
		qsort(c, nc, sizeof(*c), claim_cmp);
	for (i = 0; i < nc; i++) {
		if (o > 0 && c[o - 1].old == c[i].old &&
		    c[o - 1].root == c[i].root)
			c[o - 1].keys++;
		else
			c[o++] = c[i];
	}
	nc = o;
	olds = xcalloc(nc + 1, sizeof(*olds));
	taken = xcalloc(nc + 1, 1);
	for (i = 0, nold = 0; i < nc; i++)
		if (nold == 0 || olds[nold - 1] != c[i].old)
			olds[nold++] = c[i].old;
	if (nc > 1)
		qsort(c, nc, sizeof(*c), claim_rank);
	for (i = 0; i < nc; i++) {
		hit = bsearch(&c[i].old, olds, nold, sizeof(*olds), i64_cmp);
		if (label[c[i].root] != 0 || taken[hit - olds])
			continue;
		label[c[i].root] = c[i].old;
		taken[hit - olds] = 1;
	}
	for (i = 0; i < n; i++)
		if (p[i] == i && label[i] == 0)
			label[i] = ++next;
	free(taken);
	free(olds);
	free(c);
}

static enum cm_err
key_write(struct store *s, int64_t g, const struct ckey *k, int del)
{
	sqlite3_stmt	*st;

	GET(st, del ? STMT_KEY_DEL : STMT_KEY_PUT);
	sqlite3_bind_int64(st, 1, g);
	sq_bind_text(st, 2, k->key);
	if (!del)
		sqlite3_bind_int64(st, 3, k->cls);
	px_class_writes++;
	return sq_exec(s, st);
}

static enum cm_err
class_write(struct store *s, int64_t g, int64_t cls, const char *day)
{
	sqlite3_stmt	*st;

	GET(st, day == NULL ? STMT_CLASS_DEL : STMT_CLASS_PUT);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, cls);
	if (day != NULL)
		sq_bind_text(st, 3, day);
	px_class_writes++;
	return sq_exec(s, st);
}

/* Writes the key rows of nk that differ from ok, deletes those gone. */
static enum cm_err
keys_diff(struct store *s, int64_t g, const struct ckeys *nk,
    const struct ckeys *ok)
{
	size_t		 i = 0, j = 0;
	int		 d;
	enum cm_err	 e = CM_OK;

	while (e == CM_OK && (i < nk->n || j < ok->n)) {
		d = i == nk->n ? 1 : j == ok->n ? -1 :
		    strcmp(nk->v[i].key, ok->v[j].key);
		if (d < 0)
			e = key_write(s, g, &nk->v[i++], 0);
		else if (d > 0)
			e = key_write(s, g, &ok->v[j++], 1);
		else {
			if (nk->v[i].cls != ok->v[j].cls)
				e = key_write(s, g, &nk->v[i], 0);
			i++;
			j++;
		}
	}
	return e;
}

/* The new classes (label, latest receipt), sorted by label. */
struct nclass {
	int64_t	 cls;
	char	*day;
};

static int
nclass_cmp(const void *a, const void *b)
{
	const struct nclass	*x = a, *y = b;

	return x->cls < y->cls ? -1 : x->cls > y->cls;
}

/* Writes the classes that are new or have another latest receipt,
 * deletes those gone. */
static enum cm_err
classes_diff(struct store *s, int64_t g, const struct nclass *nc, size_t n,
    const int64_t *ocls, char (*oday)[DATE_STRLEN], size_t no)
{
	size_t		 i = 0, j = 0;
	enum cm_err	 e = CM_OK;

	while (e == CM_OK && (i < n || j < no)) {
		if (j == no || (i < n && nc[i].cls < ocls[j])) {
			e = class_write(s, g, nc[i].cls, nc[i].day);
			i++;
		} else if (i == n || nc[i].cls > ocls[j])
			e = class_write(s, g, ocls[j++], NULL);
		else {
			if (strcmp(nc[i].day, oday[j]) != 0)
				e = class_write(s, g, nc[i].cls, nc[i].day);
			i++;
			j++;
		}
	}
	return e;
}

/* The members of group g: keys and receipt. */
static enum cm_err
members_read(struct store *s, int64_t g, struct proactive_member **out,
    size_t *np)
{
	struct proactive_member	*m = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0;
	int			 rc;

	GET(st, STMT_MEMBERS);
	sqlite3_bind_int64(st, 1, g);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			m = xrealloc(m, (n == 0 ? 1 : 2 * n) * sizeof(*m));
		memset(&m[n], 0, sizeof(m[n]));
		m[n].id_key = sq_col_dup(st, 0);
		m[n].np_key = sq_col_dup(st, 1);
		m[n].name_key = sq_col_dup(st, 2);
		sq_col_date(st, 3, m[n].received);
		n++;
	}
	sq_done(st);
	*out = m;
	*np = n;
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The stored rows of group g: keys sorted by key, classes by label. */
static enum cm_err
stored_read(struct store *s, int64_t g, struct ckeys *ok, int64_t **ocls,
    char (**oday)[DATE_STRLEN], size_t *no)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_OLD_KEYS);
	sqlite3_bind_int64(st, 1, g);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ckey_add(ok, sq_col_dup(st, 0), 0, ok->n, 0);
		ok->v[ok->n - 1].cls = sqlite3_column_int64(st, 1);
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	GET(st, STMT_OLD_CLASSES);
	sqlite3_bind_int64(st, 1, g);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((*no & (*no - 1)) == 0) {
			*ocls = xrealloc(*ocls, (*no == 0 ? 1 : 2 * *no) *
			    sizeof(**ocls));
			*oday = xrealloc(*oday, (*no == 0 ? 1 : 2 * *no) *
			    sizeof(**oday));
		}
		(*ocls)[*no] = sqlite3_column_int64(st, 0);
		sq_col_date(st, 1, (*oday)[*no]);
		(*no)++;
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * The full recount of group g from its members: the counts, and its
 * classes (proactive_applicant_classes) written where they differ
 * from the stored ones.  O(n log n) in the group's size.
 */
static enum cm_err
group_recount(struct store *s, int64_t g, int months)
{
	struct proactive_member	*m = NULL;
	struct px_ident		*id;
	struct ckeys		 nk = { NULL, 0 }, ok = { NULL, 0 };
	struct nclass		*nc;
	char			 last[DATE_STRLEN] = "", (*day)[DATE_STRLEN];
	char			 (*oday)[DATE_STRLEN] = NULL;
	int64_t			*label, *ocls = NULL;
	size_t			*p, n = 0, no = 0, ncl = 0, i;
	int			 napp = 0, best = 0;
	enum cm_err		 e;

	if ((e = members_read(s, g, &m, &n)) != CM_OK) {
		proactive_members_free(m, n);
		return e;
	}
	id = xcalloc(n + 1, sizeof(*id));
	p = xcalloc(n + 1, sizeof(*p));
	day = xcalloc(n + 1, sizeof(*day));
	label = xcalloc(n + 1, sizeof(*label));
	nc = xcalloc(n + 1, sizeof(*nc));
	for (i = 0; i < n; i++) {
		id[i].id_key = m[i].id_key;
		id[i].np_key = m[i].np_key;
		id[i].name_key = m[i].name_key;
		if (strcmp(m[i].received, last) > 0)
			memcpy(last, m[i].received, sizeof(last));
	}
	proactive_applicant_classes(id, n, p);
	for (i = 0; i < n; i++) {
		if (p[i] == i)
			napp++;
		if (strcmp(m[i].received, day[p[i]]) > 0)
			memcpy(day[p[i]], m[i].received, sizeof(day[0]));
		member_keys(&nk, &id[i], i, p[i]);
	}
	if (n > 0)
		(void)proactive_trigger_met(m, n, 1, months, &best);
	ckeys_settle(&nk);
	e = stored_read(s, g, &ok, &ocls, &oday, &no);
	if (e == CM_OK) {
		labels_assign(&nk, &ok, ocls, no, p, n, label);
		for (i = 0; i < nk.n; i++)
			nk.v[i].cls = nk.v[i].fixed ? 0 : label[nk.v[i].root];
		for (i = 0; i < n; i++)
			if (p[i] == i) {
				nc[ncl].cls = label[i];
				nc[ncl++].day = day[i];
			}
		if (ncl > 1)
			qsort(nc, ncl, sizeof(*nc), nclass_cmp);
		e = keys_diff(s, g, &nk, &ok);
	}
	if (e == CM_OK)
		e = classes_diff(s, g, nc, ncl, ocls, oday, no);
	if (e == CM_OK)
		e = px_group_set(s, g, (int)n, napp, last, best, 0);
	if (e == CM_OK)
		px_recounts++;
	ckeys_free(&nk);
	ckeys_free(&ok);
	free(ocls);
	free(oday);
	free(nc);
	free(label);
	free(day);
	free(p);
	free(id);
	proactive_members_free(m, n);
	return e;
}

/*
 * Brings the stored counts of every group marked counts_dirty in the
 * current transaction up to date (a full recount of each); called by
 * store_commit() before the outermost commit and before the trigger
 * reads a window count.  A member joining a clean group does not mark
 * it (store_px_join_apply).
 */
enum cm_err
store_px_settle(struct store *s)
{
	sqlite3_stmt	*st;
	int64_t		*v = NULL;
	size_t		 n = 0, i;
	int		 rc, months;
	enum cm_err	 e;

	GET(st, STMT_DIRTY_IDS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			v = xrealloc(v, (n == 0 ? 1 : 2 * n) * sizeof(*v));
		v[n++] = sqlite3_column_int64(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return sq_fail(s, rc);
	}
	if (n == 0)
		return CM_OK;
	e = px_window_months(s, &months);
	for (i = 0; i < n && e == CM_OK; i++)
		e = group_recount(s, v[i], months);
	free(v);
	return e;
}
