/* SPDX-License-Identifier: ISC */
/*
 * The counts stored on each Art. 44 group (issue 17): px_distinct(), the
 * SQL aggregate of proactive_distinct_applicants; the recount of the
 * groups the triggers marked counts_dirty, before every commit; and the
 * page of groups the list reads from those counts.  Part of the store
 * module (store_int.h); bound parameters only.
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
	STMT_SETTLE, STMT_GROUP_PAGE, STMT_WINDOW, STMT_DISCLOSED, STMT__MAX
};

/* Recounts the groups marked counts_dirty (the triggers of the
 * migration that added the counts).  Cheap when none is: the partial
 * index proactive_groups_dirty is empty. */
#define SETTLE_SQL \
	"UPDATE proactive_groups INDEXED BY proactive_groups_dirty SET" \
	" n_members = (SELECT count(*) FROM proactive_members m" \
	"  WHERE m.group_id = proactive_groups.id)," \
	" n_applicants = (SELECT px_distinct(k.id_key, k.np_key, k.name_key)" \
	"  FROM proactive_members m LEFT JOIN case_keys k" \
	"  ON k.case_id = m.case_id WHERE m.group_id = proactive_groups.id)," \
	" last_received = (SELECT max(c.received_on) FROM proactive_members m" \
	"  JOIN cases c ON c.id = m.case_id" \
	"  WHERE m.group_id = proactive_groups.id)," \
	" n_window = (SELECT px_window(k.id_key, k.np_key, k.name_key," \
	"  c.received_on, (SELECT value FROM settings" \
	"  WHERE key = 'proactive_window_months'))" \
	"  FROM proactive_members m JOIN cases c ON c.id = m.case_id" \
	"  LEFT JOIN case_keys k ON k.case_id = m.case_id" \
	"  WHERE m.group_id = proactive_groups.id)," \
	" counts_dirty = 0 WHERE counts_dirty = 1"

static const char *const stmts[STMT__MAX] = {
	[STMT_SETTLE] = SETTLE_SQL,
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

/*
 * Brings the stored counts of every group changed in the current
 * transaction up to date; called by store_commit() before the
 * outermost commit.
 */
enum cm_err
store_px_settle(struct store *s)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SETTLE);
	return sq_exec(s, st);
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
