/* SPDX-License-Identifier: ISC */
/*
 * The counts stored on each Art. 44 group (issue 17): px_distinct(), the
 * SQL aggregate of proactive_distinct_applicants; a member joining a
 * group updating its counts and applicant classes incrementally (the
 * full recount of a marked group is store_pxrecount.c); and the page of
 * groups the list reads from those counts.  Part of the store module
 * (store_int.h); bound parameters only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_GROUP_PAGE, STMT_WINDOW, STMT_DISCLOSED, STMT_CK_PUT,
	STMT_CL_PUT, STMT_GROUP_SET, STMT_WINDOW_SETTING, STMT_GROUP_STATE,
	STMT_CASE_KEYS, STMT_CK_GET, STMT_CK_RANGE, STMT_CK_SIZE,
	STMT_CK_RELABEL, STMT_CL_DAY, STMT_CL_DEL, STMT_CL_NEXT,
	STMT_CL_WINDOW, STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_CK_PUT] =
	    "INSERT OR REPLACE INTO px_class_keys (group_id, key, cls)"
	    " VALUES (?1, ?2, ?3)",
	[STMT_CL_PUT] =
	    "INSERT OR REPLACE INTO px_classes (group_id, cls, last_day)"
	    " VALUES (?1, ?2, ?3)",
	[STMT_GROUP_SET] =
	    "UPDATE proactive_groups SET n_members = ?2, n_applicants = ?3,"
	    " last_received = ?4, n_window = ?5, counts_dirty = ?6,"
	    " classes_ok = 1 WHERE id = ?1",
	[STMT_WINDOW_SETTING] =
	    "SELECT value FROM settings WHERE key = 'proactive_window_months'",
	/* One member joining (store_px_join_*). */
	[STMT_GROUP_STATE] =
	    "SELECT counts_dirty, classes_ok, n_members, n_applicants,"
	    " last_received, n_window FROM proactive_groups WHERE id = ?1",
	[STMT_CASE_KEYS] =
	    "SELECT k.id_key, k.np_key, k.name_key, c.received_on,"
	    " (SELECT group_id FROM proactive_members WHERE case_id = c.id)"
	    " FROM cases c LEFT JOIN case_keys k ON k.case_id = c.id"
	    " WHERE c.id = ?1",
	[STMT_CK_GET] =
	    "SELECT cls FROM px_class_keys WHERE group_id = ?1 AND key = ?2",
	[STMT_CK_RANGE] =
	    "SELECT substr(key, ?3) FROM px_class_keys"
	    " WHERE group_id = ?1 AND key > ?2 AND key < ?4",
	[STMT_CK_SIZE] =
	    "SELECT count(*) FROM px_class_keys WHERE group_id = ?1"
	    " AND cls = ?2",
	[STMT_CK_RELABEL] =
	    "UPDATE px_class_keys SET cls = ?3 WHERE group_id = ?1"
	    " AND cls = ?2",
	[STMT_CL_DAY] =
	    "SELECT last_day FROM px_classes WHERE group_id = ?1 AND cls = ?2",
	[STMT_CL_DEL] = "DELETE FROM px_classes WHERE group_id = ?1 AND cls = ?2",
	[STMT_CL_NEXT] =
	    "SELECT coalesce(max(cls), 0) + 1 FROM px_classes"
	    " WHERE group_id = ?1",
	[STMT_CL_WINDOW] =
	    "SELECT count(*) FROM px_classes WHERE group_id = ?1"
	    " AND last_day >= ?2",
	[STMT_WINDOW] = "SELECT n_window FROM proactive_groups WHERE id = ?1",
	[STMT_DISCLOSED] =
	    "SELECT EXISTS (SELECT 1 FROM proactive_members m"
	    " JOIN cases c ON c.id = m.case_id WHERE m.group_id = ?1"
	    " AND c.outcome IN ('disclosed', 'partial'))",
	/* Groups by id from ?3 on, from their stored counts; status ?1
	 * (NULL: any; 'none': no proposal), at least ?2 applicants; as
	 * proactive_group_wanted(): two members or a proposal. */
	[STMT_GROUP_PAGE] =
	    "SELECT id, key, label, n_members, n_applicants, last_received,"
	    " st, n_window FROM (SELECT g.id, g.key, g.label, g.n_members,"
	    " g.n_applicants, g.last_received, g.n_window,"
	    " CASE WHEN EXISTS (SELECT 1 FROM proactive_proposals p"
	    "  WHERE p.group_id = g.id AND p.status = 'open') THEN 'open'"
	    " WHEN EXISTS (SELECT 1 FROM proactive_proposals p"
	    "  WHERE p.group_id = g.id AND p.status = 'accepted')"
	    "  THEN 'accepted'"
	    " WHEN EXISTS (SELECT 1 FROM proactive_proposals p"
	    "  WHERE p.group_id = g.id) THEN 'declined' END AS st"
	    " FROM proactive_groups g WHERE g.id > ?3"
	    " AND g.n_applicants >= ?2)"
	    " WHERE (n_members >= 2 OR st IS NOT NULL)"
	    " AND (?1 IS NULL OR (?1 = 'none' AND st IS NULL) OR st = ?1)"
	    " ORDER BY id LIMIT ?4",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PXCOUNT, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k) do {						\
	if (((st) = get(s, (k))) == NULL)				\
		return CM_SYSERR;					\
} while (0)

/* The state of one px_distinct() aggregation. */
struct distinct_agg {
	struct px_ident	*id;
	char		**keys;		/* 3 per row, owned */
	size_t		 n;
};

static char *
agg_dup(sqlite3_value *v)
{
	const unsigned char	*t;

	if (sqlite3_value_type(v) == SQLITE_NULL ||
	    (t = sqlite3_value_text(v)) == NULL)
		return NULL;
	return xstrdup((const char *)t);
}

static void
distinct_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct distinct_agg	*a;
	size_t			 i;

	(void)argc;
	if ((a = sqlite3_aggregate_context(cx, sizeof(*a))) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	/* A member without keys (LEFT JOIN): a row of NULLs still counts. */
	if ((a->n & (a->n - 1)) == 0) {
		a->id = xrealloc(a->id, (a->n == 0 ? 1 : 2 * a->n) *
		    sizeof(*a->id));
		a->keys = xrealloc(a->keys, 3 * (a->n == 0 ? 1 : 2 * a->n) *
		    sizeof(*a->keys));
	}
	for (i = 0; i < 3; i++)
		a->keys[3 * a->n + i] = agg_dup(argv[i]);
	a->n++;
}

static void
distinct_final(sqlite3_context *cx)
{
	struct distinct_agg	*a;
	size_t			 i;

	if ((a = sqlite3_aggregate_context(cx, 0)) == NULL || a->n == 0) {
		sqlite3_result_int(cx, 0);
		return;
	}
	for (i = 0; i < a->n; i++) {
		a->id[i].id_key = a->keys[3 * i];
		a->id[i].np_key = a->keys[3 * i + 1];
		a->id[i].name_key = a->keys[3 * i + 2];
	}
	sqlite3_result_int(cx, proactive_distinct_applicants(a->id, a->n));
	for (i = 0; i < 3 * a->n; i++)
		free(a->keys[i]);
	free(a->keys);
	free(a->id);
}

/* The state of one px_window() aggregation. */
struct window_agg {
	struct proactive_member	*m;
	size_t			 n;
	int			 months;
};

static void
window_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct window_agg	*a;
	struct proactive_member	*m;
	const unsigned char	*t;
	char			*end;
	long			 l;

	(void)argc;
	if ((a = sqlite3_aggregate_context(cx, sizeof(*a))) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if (a->n == 0) {
		/* The setting as proactive_settings_get() reads it. */
		a->months = PROACTIVE_WINDOW_DEFAULT;
		if ((t = sqlite3_value_text(argv[4])) != NULL) {
			l = strtol((const char *)t, &end, 10);
			if (*end == '\0' && l >= 1 && l <= 120)
				a->months = (int)l;
		}
	}
	if ((a->n & (a->n - 1)) == 0)
		a->m = xrealloc(a->m, (a->n == 0 ? 1 : 2 * a->n) *
		    sizeof(*a->m));
	m = &a->m[a->n++];
	memset(m, 0, sizeof(*m));
	m->id_key = agg_dup(argv[0]);
	m->np_key = agg_dup(argv[1]);
	m->name_key = agg_dup(argv[2]);
	if ((t = sqlite3_value_text(argv[3])) != NULL)
		snprintf(m->received, sizeof(m->received), "%s",
		    (const char *)t);
}

static void
window_final(sqlite3_context *cx)
{
	struct window_agg	*a;
	int			 best = 0;

	if ((a = sqlite3_aggregate_context(cx, 0)) == NULL || a->n == 0) {
		sqlite3_result_int(cx, 0);
		return;
	}
	(void)proactive_trigger_met(a->m, a->n, 1, a->months, &best);
	sqlite3_result_int(cx, best);
	proactive_members_free(a->m, a->n);
}

/*
 * Adds px_distinct(id_key, np_key, name_key) to the connection: the
 * number of distinct applicants among the rows aggregated
 * (proactive_distinct_applicants, O(n log n)); and px_window(id_key,
 * np_key, name_key, received_on, window_months): the most distinct
 * applicants within one window (proactive_trigger_met, O(n log n)).  The migration that
 * stores the groups' counts and store_px_settle() use it.
 */
enum cm_err
store_px_register(struct store *s)
{
	int	 rc;

	rc = sqlite3_create_function(s->db, "px_distinct", 3, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, NULL, distinct_step, distinct_final);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(s->db, "px_window", 5,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, NULL,
		    window_step, window_final);
	return rc == SQLITE_OK ? CM_OK : sq_fail(s, rc);
}

static const char *
status_code(const unsigned char *t)
{
	static const char *const codes[] = { "open", "accepted", "declined" };
	size_t	 i;

	for (i = 0; t != NULL && i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp((const char *)t, codes[i]) == 0)
			return codes[i];
	return NULL;
}

/*
 * At most `limit' groups with an id above `after', ascending, from
 * their stored counts (no member is read): status NULL for any, "none"
 * for those without a proposal; min_applicants 0 for any.  Free with
 * proactive_group_sums_free().
 */
enum cm_err
store_px_group_page(struct store *s, const char *status, int min_applicants,
    int64_t after, int limit, struct px_group_sum **out, size_t *np)
{
	struct px_group_sum	*v = NULL, *g;
	sqlite3_stmt		*st;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_GROUP_PAGE);
	sq_bind_text(st, 1, status);
	sqlite3_bind_int(st, 2, min_applicants);
	sqlite3_bind_int64(st, 3, after);
	sqlite3_bind_int(st, 4, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			v = xrealloc(v, (n == 0 ? 1 : 2 * n) * sizeof(*v));
		g = &v[n++];
		memset(g, 0, sizeof(*g));
		g->id = sqlite3_column_int64(st, 0);
		g->key = sq_col_dup(st, 1);
		g->label = sq_col_dup(st, 2);
		g->cases = sqlite3_column_int(st, 3);
		g->applicants = sqlite3_column_int(st, 4);
		sq_col_date(st, 5, g->last_received);
		g->status = status_code(sqlite3_column_text(st, 6));
		g->window = sqlite3_column_int(st, 7);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		proactive_group_sums_free(v, n);
		return sq_fail(s, rc);
	}
	*out = v;
	*np = n;
	return CM_OK;
}

/*
 * The most distinct applicants of group g within one window of the
 * art. 44 trigger, from its stored count (the groups changed in the
 * current transaction recounted first).
 */
enum cm_err
store_px_group_window(struct store *s, int64_t group, int *n)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	*n = 0;
	if ((e = store_px_settle(s)) != CM_OK)
		return e;
	GET(st, STMT_WINDOW);
	sqlite3_bind_int64(st, 1, group);
	e = sq_ints_row(s, st, &v, 1);
	*n = (int)v;
	return e;
}

/* Whether a member of group g was replied disclosed or partial. */
enum cm_err
store_px_group_disclosed(struct store *s, int64_t group, int *yes)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	GET(st, STMT_DISCLOSED);
	sqlite3_bind_int64(st, 1, group);
	e = sq_ints_row(s, st, &v, 1);
	*yes = v != 0;
	return e;
}

/* ---- Applicant classes: the incremental join (issue 17) ------------- */

/* The window setting as proactive_settings_get() reads it. */
enum cm_err
px_window_months(struct store *s, int *months)
{
	sqlite3_stmt		*st;
	const unsigned char	*t;
	char			*end;
	long			 l;
	int			 rc;

	*months = PROACTIVE_WINDOW_DEFAULT;
	GET(st, STMT_WINDOW_SETTING);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (t = sqlite3_column_text(st, 0)) != NULL) {
		l = strtol((const char *)t, &end, 10);
		if (*end == '\0' && l >= 1 && l <= 120)
			*months = (int)l;
	}
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The key of px_class_keys: tag, a, and (for 'q') US and b. */
char *
px_class_key(char tag, const char *a, const char *b)
{
	size_t	 n = 2 + strlen(a) + (b != NULL ? 1 + strlen(b) : 0);
	char	*k = xmalloc(n);

	if (b != NULL)
		snprintf(k, n, "%c%s\x1f%s", tag, a, b);
	else
		snprintf(k, n, "%c%s", tag, a);
	return k;
}

/* The class of a key of group g; CM_NOTFOUND when none has it. */
static enum cm_err
key_get(struct store *s, int64_t g, char tag, const char *a, int64_t *cls)
{
	sqlite3_stmt	*st;
	char		*k;
	enum cm_err	 e;

	GET(st, STMT_CK_GET);
	k = px_class_key(tag, a, NULL);
	sqlite3_bind_int64(st, 1, g);
	sq_bind_text(st, 2, k);
	e = sq_ints_row(s, st, cls, 1);
	free(k);
	return e;
}

static enum cm_err
class_put(struct store *s, int64_t g, int64_t cls, const char *day)
{
	sqlite3_stmt	*st;

	GET(st, STMT_CL_PUT);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, cls);
	sq_bind_text(st, 3, day);
	return sq_exec(s, st);
}

/*
 * The keys of one member in px_class_keys (see store/schema_px.h),
 * into key (owned by the caller) with fixed[i] set for a 'q' row, whose
 * class is 0: at most 3.
 */
size_t
px_member_keys(const struct px_ident *x, char *key[3], int fixed[3])
{
	size_t	 n = 0;

	if (x->id_key != NULL) {
		fixed[n] = 0;
		key[n++] = px_class_key('i', x->id_key, NULL);
	}
	if (x->np_key != NULL) {
		fixed[n] = x->id_key != NULL;
		key[n++] = x->id_key == NULL ? px_class_key('n', x->np_key,
		    NULL) : px_class_key('q', x->np_key, x->id_key);
	}
	if (x->id_key == NULL && x->np_key == NULL && x->name_key != NULL &&
	    x->name_key[0] != '\0') {
		fixed[n] = 0;
		key[n++] = px_class_key('m', x->name_key, NULL);
	}
	return n;
}

/* The keys of one member with class cls. */
static enum cm_err
member_keys_put(struct store *s, int64_t g, const struct px_ident *x,
    int64_t cls)
{
	sqlite3_stmt	*st;
	char		*key[3];
	int		 fixed[3];
	size_t		 n, i;
	enum cm_err	 e = CM_OK;

	n = px_member_keys(x, key, fixed);
	for (i = 0; i < n; i++) {
		if (e == CM_OK && (st = get(s, STMT_CK_PUT)) == NULL)
			e = CM_SYSERR;
		if (e == CM_OK) {
			sqlite3_bind_int64(st, 1, g);
			sq_bind_text(st, 2, key[i]);
			sqlite3_bind_int64(st, 3, fixed[i] ? 0 : cls);
			e = sq_exec(s, st);
		}
		free(key[i]);
	}
	return e;
}

/* The stored counts of group g (dirty: left for the recount). */
enum cm_err
px_group_set(struct store *s, int64_t g, int nm, int napp, const char *last,
    int nwin, int dirty)
{
	sqlite3_stmt	*st;

	GET(st, STMT_GROUP_SET);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int(st, 2, nm);
	sqlite3_bind_int(st, 3, napp);
	sq_bind_text(st, 4, last != NULL && last[0] != '\0' ? last : NULL);
	sqlite3_bind_int(st, 5, nwin);
	sqlite3_bind_int(st, 6, dirty);
	return sq_exec(s, st);
}

/* Frees what store_px_join_prepare() kept. */
void
store_px_join_clear(struct px_join *j)
{
	free(j->id_key);
	free(j->np_key);
	free(j->name_key);
	memset(j, 0, sizeof(*j));
}

/*
 * Before case_id is put in group g (store_px_member_put): whether the
 * join can update g's counts incrementally (it is a new member of g,
 * g's counts and classes are exact), and what that needs.  Clear j
 * with store_px_join_clear().
 */
enum cm_err
store_px_join_prepare(struct store *s, const char *case_id, int64_t g,
    struct px_join *j)
{
	sqlite3_stmt	*st;
	int		 rc, day;

	memset(j, 0, sizeof(*j));
	j->group = g;
	GET(st, STMT_CASE_KEYS);
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		j->id_key = sq_col_dup(st, 0);
		j->np_key = sq_col_dup(st, 1);
		j->name_key = sq_col_dup(st, 2);
		sq_col_date(st, 3, j->received);
		j->apply = sqlite3_column_type(st, 4) == SQLITE_NULL ||
		    sqlite3_column_int64(st, 4) != g;
	}
	sq_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, rc);
	if (!j->apply || date_parse(j->received, &day) != 0) {
		j->apply = 0;
		return CM_OK;
	}
	GET(st, STMT_GROUP_STATE);
	sqlite3_bind_int64(st, 1, g);
	j->apply = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		j->apply = sqlite3_column_int(st, 0) == 0 &&
		    sqlite3_column_int(st, 1) == 1;
		j->n_members = sqlite3_column_int(st, 2);
		j->n_applicants = sqlite3_column_int(st, 3);
		sq_col_date(st, 4, j->last_received);
		j->n_window = sqlite3_column_int(st, 5);
	}
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

static void
cls_add(int64_t **v, size_t *n, int64_t c)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == c)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = c;
}

/* Looks up a key's class into the set (none: nothing). */
static enum cm_err
cls_of(struct store *s, int64_t g, char tag, const char *a, int64_t **v,
    size_t *n)
{
	int64_t		 c;
	enum cm_err	 e;

	if ((e = key_get(s, g, tag, a, &c)) == CM_NOTFOUND)
		return CM_OK;
	if (e == CM_OK)
		cls_add(v, n, c);
	return e;
}

/* The classes of the ID keys sharing name|phone key np ('q' rows). */
static enum cm_err
cls_of_bucket(struct store *s, int64_t g, const char *np, int64_t **v,
    size_t *n)
{
	sqlite3_stmt	*st;
	char		*lo, *hi, **ids = NULL;
	const char	*t;
	size_t		 nid = 0, i, chars = 0;
	int		 rc;
	enum cm_err	 e = CM_OK;

	lo = px_class_key('q', np, "");
	hi = xstrdup(lo);
	hi[strlen(hi) - 1] = '\x20';
	for (t = lo; *t != '\0'; t++)
		if (((unsigned char)*t & 0xc0) != 0x80)
			chars++;
	GET(st, STMT_CK_RANGE);
	sqlite3_bind_int64(st, 1, g);
	sq_bind_text(st, 2, lo);
	sqlite3_bind_int64(st, 3, (int64_t)chars + 1);
	sq_bind_text(st, 4, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xrealloc(ids, (nid + 1) * sizeof(*ids));
		ids[nid++] = sq_col_dup(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		e = sq_fail(s, rc);
	for (i = 0; i < nid; i++) {
		if (e == CM_OK && ids[i] != NULL)
			e = cls_of(s, g, 'i', ids[i], v, n);
		free(ids[i]);
	}
	free(ids);
	free(lo);
	free(hi);
	return e;
}

static enum cm_err
class_size(struct store *s, int64_t g, int64_t cls, int64_t *n)
{
	sqlite3_stmt	*st;

	GET(st, STMT_CK_SIZE);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, cls);
	return sq_ints_row(s, st, n, 1);
}

/* The latest receipt of class cls into day (kept when later). */
static enum cm_err
class_day(struct store *s, int64_t g, int64_t cls, char day[DATE_STRLEN])
{
	sqlite3_stmt	*st;
	char		 d[DATE_STRLEN] = "";
	int		 rc;

	GET(st, STMT_CL_DAY);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, cls);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sq_col_date(st, 0, d);
	sq_done(st);
	if (strcmp(d, day) > 0)
		memcpy(day, d, DATE_STRLEN);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Merges class b into class a of group g. */
static enum cm_err
class_merge(struct store *s, int64_t g, int64_t b, int64_t a)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_CK_RELABEL);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, a);
	if ((e = sq_exec(s, st)) != CM_OK)
		return e;
	GET(st, STMT_CL_DEL);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, b);
	return sq_exec(s, st);
}

/*
 * After the member of store_px_join_prepare() joined its group: the
 * group's counts updated for one more member in O(log n) — its class
 * found by its keys (a new class, an existing one, or classes it
 * bridges merged, the smaller relabelled), the latest receipt, and the
 * trigger's window count: a member received on or after every other
 * changes only the window ending on its day, whose distinct applicants
 * are the classes with a receipt from that window's start on.  A merge
 * of classes or an earlier receipt leaves the group marked for the
 * full recount.  Nothing when the join was not incremental.
 */
enum cm_err
store_px_join_apply(struct store *s, struct px_join *j)
{
	struct px_ident	 x;
	sqlite3_stmt	*st;
	int64_t		*set = NULL, t = 0, best = -1, sz, cnt = 0;
	char		 day[DATE_STRLEN], from[DATE_STRLEN];
	size_t		 n = 0, i;
	int		 months, d, dirty = 0, nwin;
	enum cm_err	 e = CM_OK;

	if (!j->apply)
		return CM_OK;
	x.id_key = j->id_key;
	x.np_key = j->np_key;
	x.name_key = j->name_key;
	if (x.id_key != NULL)
		e = cls_of(s, j->group, 'i', x.id_key, &set, &n);
	if (e == CM_OK && x.np_key != NULL) {
		e = cls_of(s, j->group, 'n', x.np_key, &set, &n);
		/* The first member without an ID number joins the bucket's
		 * classes into one. */
		if (e == CM_OK && x.id_key == NULL &&
		    key_get(s, j->group, 'n', x.np_key, &t) == CM_NOTFOUND)
			e = cls_of_bucket(s, j->group, x.np_key, &set, &n);
	}
	if (e == CM_OK && x.id_key == NULL && x.np_key == NULL &&
	    x.name_key != NULL && x.name_key[0] != '\0')
		e = cls_of(s, j->group, 'm', x.name_key, &set, &n);
	memcpy(day, j->received, sizeof(day));
	if (e == CM_OK && n == 0) {
		GET(st, STMT_CL_NEXT);
		sqlite3_bind_int64(st, 1, j->group);
		e = sq_ints_row(s, st, &t, 1);
		j->n_applicants++;
	} else if (e == CM_OK) {
		/* Union by size: the class with most keys stays. */
		for (i = 0; i < n && e == CM_OK; i++)
			if ((e = class_size(s, j->group, set[i], &sz)) ==
			    CM_OK && sz > best) {
				best = sz;
				t = set[i];
			}
		for (i = 0; i < n && e == CM_OK; i++)
			e = class_day(s, j->group, set[i], day);
		for (i = 0; i < n && e == CM_OK; i++)
			if (set[i] != t)
				e = class_merge(s, j->group, set[i], t);
		j->n_applicants -= (int)n - 1;
		dirty = n > 1;
	}
	free(set);
	if (e == CM_OK)
		e = class_put(s, j->group, t, day);
	if (e == CM_OK)
		e = member_keys_put(s, j->group, &x, t);
	if (e != CM_OK)
		return e;
	j->n_members++;
	/* A receipt before the latest changes earlier windows too. */
	if (strcmp(j->received, j->last_received) < 0)
		dirty = 1;
	else
		memcpy(j->last_received, j->received, sizeof(day));
	nwin = j->n_window;
	if (!dirty) {
		if ((e = px_window_months(s, &months)) != CM_OK)
			return e;
		(void)date_parse(j->received, &d);
		date_format(proactive_months_back(d, months), from);
		GET(st, STMT_CL_WINDOW);
		sqlite3_bind_int64(st, 1, j->group);
		sq_bind_text(st, 2, from);
		if ((e = sq_ints_row(s, st, &cnt, 1)) != CM_OK)
			return e;
		if (cnt > nwin)
			nwin = (int)cnt;
	}
	return px_group_set(s, j->group, j->n_members, j->n_applicants,
	    j->last_received, nwin, dirty);
}
