/* SPDX-License-Identifier: ISC */
/*
 * Storage of the proactive-disclosure module (store/store_proactive.h):
 * case identity and 文号 keys, groups, members and links, plus the
 * candidate search on
 * the web engineer's FTS5 trigram table case_fts.  Part of the store
 * module (store_int.h): all SQL is in the table below, bound parameters
 * only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/fee.h"
#include "cases/proactive.h"
#include "cases/similarity.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_KEYS_PUT, STMT_DOCREFS_DEL, STMT_DOCREFS_ADD, STMT_DOCS_BY_TAIL,
	STMT_IDS_ALL, STMT_IDS_MISSING, STMT_IDS_UNGROUPED,
	STMT_UNGROUPED_COUNT, STMT_CASE_ROW, STMT_CASE_ROW_NUM, STMT_SAME_APPL,
	STMT_STALE_ROWS,
	STMT_MEMBER_GET, STMT_MEMBER_PUT, STMT_MEMBER_DEL, STMT_GROUP_NEW,
	STMT_GROUP_SET, STMT_GROUP_TOUCH, STMT_MOVE_MEMBERS,
	STMT_MOVE_PROPOSALS, STMT_MOVE_PUBS, STMT_GROUP_DEL_MEMBERS,
	STMT_GROUP_DEL, STMT_GROUP_COUNTS, STMT_GROUP_GET,
	STMT_GROUP_MEMBERS, STMT_GROUP_IDS, STMT_MAX_GROUP, STMT_PRUNE,
	STMT_VETO_CASE, STMT_VETO_GROUPS, STMT_LINK_PUT, STMT_LINKS_OF,
	STMT_CLEAR_MEMBERS, STMT_CLEAR_KEYS, STMT_CLEAR_DOCREFS,
	STMT_MEMBERSHIPS, STMT_YEAR_CASES, STMT_DROP_STALE, STMT_GROUPED,
	STMT_WORK_WAITING, STMT__MAX
};

/* The columns member_row() reads, in order. */
#define MEMBER_SELECT \
	"SELECT c.id, c.number, c.received_on, c.closed_on, c.request," \
	" c.doc_number, c.outcome, a.name, a.type, k.id_key, k.np_key," \
	" k.name_key, m.how, m.score FROM cases c" \
	" JOIN applicants a ON a.id = c.applicant_id" \
	" LEFT JOIN case_keys k ON k.case_id = c.id" \
	" LEFT JOIN proactive_members m ON m.case_id = c.id"

static const char *const stmts[STMT__MAX] = {
	[STMT_KEYS_PUT] =
	    "INSERT INTO case_keys (case_id, id_key, np_key, name_key, month,"
	    " refreshed_at, grouped, stale)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)"
	    " ON CONFLICT (case_id) DO UPDATE SET id_key = ?2, np_key = ?3,"
	    " name_key = ?4, month = ?5, refreshed_at = ?6, grouped = ?7,"
	    " stale = 0",
	[STMT_DOCREFS_DEL] = "DELETE FROM case_docrefs WHERE case_id = ?1",
	[STMT_DOCREFS_ADD] =
	    "INSERT OR IGNORE INTO case_docrefs (case_id, tail, prefix)"
	    " VALUES (?1, ?2, ?3)",
	[STMT_DOCS_BY_TAIL] =
	    "SELECT case_id, prefix FROM case_docrefs"
	    " WHERE tail = ?1 AND case_id <> ?2",
	[STMT_IDS_ALL] = "SELECT id FROM cases ORDER BY received_on, number",
	/* The upkeep's queries go through the partial indexes, forced
	 * (INDEXED BY, and CROSS JOIN to keep case_keys the outer loop):
	 * with the LIMIT a parameter, the planner would rather walk all of
	 * cases in received_on order and find nothing to do at the end
	 * (issue 17: 3-4 s at 1,000,000 cases, under the write lock). */
	[STMT_IDS_MISSING] =
	    "SELECT case_id FROM case_keys INDEXED BY case_keys_stale"
	    " WHERE stale = 1 LIMIT ?1",
	[STMT_IDS_UNGROUPED] =
	    "SELECT k.case_id FROM case_keys k INDEXED BY case_keys_ungrouped"
	    " CROSS JOIN cases c ON c.id = k.case_id"
	    " WHERE k.grouped = 0 ORDER BY c.received_on, c.number LIMIT ?1",
	[STMT_UNGROUPED_COUNT] =
	    "SELECT count(*) FROM case_keys INDEXED BY case_keys_ungrouped"
	    " WHERE grouped = 0",
	[STMT_WORK_WAITING] =
	    "SELECT EXISTS (SELECT 1 FROM case_keys INDEXED BY case_keys_stale"
	    " WHERE stale = 1) OR EXISTS (SELECT 1 FROM case_keys INDEXED BY"
	    " case_keys_ungrouped WHERE grouped = 0)",
	[STMT_CASE_ROW] = MEMBER_SELECT " WHERE c.id = ?1",
	[STMT_CASE_ROW_NUM] = MEMBER_SELECT " WHERE c.number = ?1",
	[STMT_SAME_APPL] =		/* from the keys: their indexes */
	    "SELECT c.id, c.number, c.received_on, c.closed_on, c.request,"
	    " c.doc_number, c.outcome, a.name, a.type, k.id_key, k.np_key,"
	    " k.name_key, m.how, m.score FROM case_keys k"
	    " JOIN cases c ON c.id = k.case_id"
	    " JOIN applicants a ON a.id = c.applicant_id"
	    " LEFT JOIN proactive_members m ON m.case_id = c.id"
	    " WHERE (k.id_key = ?1 OR k.np_key = ?2)"
	    " AND (?3 IS NULL OR k.month = ?3)"
	    " ORDER BY c.received_on, c.number",
	[STMT_STALE_ROWS] =		/* member columns, then 14, 15 */
	    /* Through the partial index, never a scan of cases in
	     * received order (the planner's choice for the ORDER BY):
	     * no stale keys, no rows read. */
	    "SELECT c.id, c.number, c.received_on, c.closed_on, c.request,"
	    " c.doc_number, c.outcome, a.name, a.type, k.id_key, k.np_key,"
	    " k.name_key, m.how, m.score, a.id_number, a.phone"
	    " FROM case_keys k INDEXED BY case_keys_stale"
	    " CROSS JOIN cases c ON c.id = k.case_id"
	    " JOIN applicants a ON a.id = c.applicant_id"
	    " LEFT JOIN proactive_members m ON m.case_id = c.id"
	    " WHERE k.stale = 1"
	    " AND (?1 IS NULL OR substr(c.received_on, 1, 7) = ?1)"
	    " ORDER BY c.received_on, c.number",
	[STMT_MEMBER_GET] =
	    "SELECT group_id, how FROM proactive_members WHERE case_id = ?1",
	[STMT_GROUPED] =
	    "SELECT grouped = 1 AND stale = 0 FROM case_keys WHERE case_id = ?1",
	[STMT_MEMBER_PUT] =
	    "INSERT INTO proactive_members (case_id, group_id, how, score,"
	    " added_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id)"
	    " DO UPDATE SET group_id = ?2, how = ?3, score = ?4,"
	    " added_at = ?5",
	[STMT_MEMBER_DEL] = "DELETE FROM proactive_members WHERE case_id = ?1",
	[STMT_GROUP_NEW] =
	    "INSERT INTO proactive_groups (key, label, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?3)",
	[STMT_GROUP_SET] =
	    "UPDATE proactive_groups SET key = ?2, label = ?3, updated_at = ?4"
	    " WHERE id = ?1",
	[STMT_GROUP_TOUCH] =
	    "UPDATE proactive_groups SET updated_at = ?2 WHERE id = ?1",
	[STMT_MOVE_MEMBERS] =
	    "UPDATE proactive_members SET group_id = ?2 WHERE group_id = ?1",
	[STMT_MOVE_PROPOSALS] =
	    "UPDATE proactive_proposals SET group_id = ?2 WHERE group_id = ?1",
	[STMT_MOVE_PUBS] =
	    "UPDATE proactive_publications SET group_id = ?2"
	    " WHERE group_id = ?1",
	[STMT_GROUP_DEL_MEMBERS] =
	    "DELETE FROM proactive_members WHERE group_id = ?1",
	[STMT_GROUP_DEL] = "DELETE FROM proactive_groups WHERE id = ?1",
	[STMT_GROUP_COUNTS] =
	    "SELECT (SELECT count(*) FROM proactive_members"
	    " WHERE group_id = ?1), (SELECT count(*) FROM proactive_proposals"
	    " WHERE group_id = ?1) + (SELECT count(*) FROM"
	    " proactive_publications WHERE group_id = ?1)",
	[STMT_GROUP_GET] =
	    "SELECT key, label, created_at, updated_at FROM proactive_groups"
	    " WHERE id = ?1",
	[STMT_GROUP_MEMBERS] =
	    MEMBER_SELECT " WHERE m.group_id = ?1"
	    " ORDER BY c.received_on, c.number",
	[STMT_GROUP_IDS] = "SELECT id FROM proactive_groups ORDER BY id",
	[STMT_MAX_GROUP] = "SELECT COALESCE(MAX(id), 0) FROM proactive_groups",
	[STMT_PRUNE] =
	    "DELETE FROM proactive_groups WHERE NOT EXISTS (SELECT 1 FROM"
	    " proactive_members m WHERE m.group_id = proactive_groups.id)"
	    " AND NOT EXISTS (SELECT 1 FROM proactive_proposals p"
	    " WHERE p.group_id = proactive_groups.id)"
	    " AND NOT EXISTS (SELECT 1 FROM proactive_publications u"
	    " WHERE u.group_id = proactive_groups.id)",
	[STMT_VETO_CASE] =
	    "SELECT 1 FROM proactive_links l JOIN proactive_members m"
	    " ON m.group_id = ?2 AND m.case_id = CASE WHEN l.a = ?1"
	    " THEN l.b ELSE l.a END"
	    " WHERE l.kind = 'unlink' AND (l.a = ?1 OR l.b = ?1) LIMIT 1",
	[STMT_VETO_GROUPS] =
	    "SELECT 1 FROM proactive_links l"
	    " JOIN proactive_members ma ON ma.case_id = l.a"
	    " JOIN proactive_members mb ON mb.case_id = l.b"
	    " WHERE l.kind = 'unlink' AND ((ma.group_id = ?1 AND"
	    " mb.group_id = ?2) OR (ma.group_id = ?2 AND mb.group_id = ?1))"
	    " LIMIT 1",
	[STMT_LINK_PUT] =
	    "INSERT INTO proactive_links (a, b, kind, actor, at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (a, b) DO UPDATE"
	    " SET kind = ?3, actor = ?4, at = ?5",
	[STMT_LINKS_OF] =
	    "SELECT CASE WHEN a = ?1 THEN b ELSE a END, kind"
	    " FROM proactive_links WHERE a = ?1 OR b = ?1",
	[STMT_CLEAR_MEMBERS] = "DELETE FROM proactive_members",
	[STMT_CLEAR_KEYS] = "DELETE FROM case_keys",
	[STMT_CLEAR_DOCREFS] = "DELETE FROM case_docrefs",
	[STMT_MEMBERSHIPS] = "SELECT case_id, group_id FROM proactive_members",
	[STMT_YEAR_CASES] =
	    MEMBER_SELECT " WHERE c.received_on BETWEEN ?1 AND ?2"
	    " ORDER BY c.received_on, c.number",
	[STMT_DROP_STALE] =
	    "DELETE FROM proactive_proposals WHERE group_id = ?1"
	    " AND source = 'trigger' AND status = 'open'"
	    " AND (SELECT count(*) FROM proactive_members"
	    " WHERE group_id = ?1) < 2",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PROACTIVE, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k) do {						\
	if (((st) = get(s, (k))) == NULL)				\
		return CM_SYSERR;					\
} while (0)

/*
 * Starts a unit of work with store_begin(): a transaction, or a
 * savepoint inside the caller's, so that the lead can call
 * proactive_refresh_case() inside or after case_new().  *outer says
 * whether it is the outermost level.
 */
enum cm_err
store_px_begin(struct store *s, int *outer)
{
	*outer = s->depth == 0;
	return store_begin(s);
}

/* Ends the unit begun by store_px_begin(): commits when rc is CM_OK,
 * else undoes it.  Returns rc, or the commit's error. */
enum cm_err
store_px_end(struct store *s, int outer, enum cm_err rc)
{
	enum cm_err	 e;

	(void)outer;
	if (rc == CM_OK) {
		if ((e = store_commit(s)) != CM_OK)
			store_rollback(s);
		return e;
	}
	store_rollback(s);
	return rc;
}

/* Writes the identity keys and month of a case, and whether it has
 * been grouped. */
enum cm_err
store_px_keys_put(struct store *s, const char *case_id, const char *id_key,
    const char *np_key, const char *name_key, const char *month,
    const char *now, int grouped)
{
	sqlite3_stmt	*st;

	GET(st, STMT_KEYS_PUT);
	sqlite3_bind_int(st, 7, grouped);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, id_key);
	sq_bind_text(st, 3, np_key);
	sq_bind_text(st, 4, name_key != NULL ? name_key : "");
	sq_bind_text(st, 5, month);
	sq_bind_text(st, 6, now);
	return sq_exec(s, st);
}

/* Replaces the 文号 references of a case. */
enum cm_err
store_px_docrefs_set(struct store *s, const char *case_id,
    const struct px_docref *d, size_t n)
{
	sqlite3_stmt	*st;
	size_t		 i;
	enum cm_err	 e;

	GET(st, STMT_DOCREFS_DEL);
	sq_bind_text(st, 1, case_id);
	if ((e = sq_exec(s, st)) != CM_OK)
		return e;
	for (i = 0; i < n; i++) {
		GET(st, STMT_DOCREFS_ADD);
		sq_bind_text(st, 1, case_id);
		sq_bind_text(st, 2, d[i].tail);
		sq_bind_text(st, 3, d[i].prefix);
		if ((e = sq_exec(s, st)) != CM_OK)
			return e;
	}
	return CM_OK;
}

/* Other cases citing a 文号 with this tail (store_px_docrows_free). */
enum cm_err
store_px_docs_by_tail(struct store *s, const char *tail, const char *exclude,
    struct px_docrow **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct px_docrow	*d = NULL;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_DOCS_BY_TAIL);
	sq_bind_text(st, 1, tail);
	sq_bind_text(st, 2, exclude);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = xrealloc(d, (n + 1) * sizeof(*d));
		sq_col_id(st, 0, d[n].case_id);
		d[n].prefix = sq_col_dup(st, 1);
		n++;
	}
	sq_done(st);
	*out = d;
	*np = n;
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Frees store_px_docs_by_tail() output; NULL is a no-op. */
void
store_px_docrows_free(struct px_docrow *d, size_t n)
{
	size_t	 i;

	for (i = 0; d != NULL && i < n; i++)
		free(d[i].prefix);
	free(d);
}

static void
member_row(sqlite3_stmt *st, struct proactive_member *m)
{
	memset(m, 0, sizeof(*m));
	sq_col_id(st, 0, m->case_id);
	m->number = sq_col_dup(st, 1);
	sq_col_date(st, 2, m->received);
	sq_col_date(st, 3, m->closed_on);
	m->request = sq_col_dup(st, 4);
	m->doc_number = sq_col_dup(st, 5);
	m->outcome = sq_col_dup(st, 6);
	m->applicant = sq_col_dup(st, 7);
	m->applicant_type = sq_col_dup(st, 8);
	m->id_key = sq_col_dup(st, 9);
	m->np_key = sq_col_dup(st, 10);
	m->name_key = sq_col_dup(st, 11);
	m->how = sq_col_dup(st, 12);
	m->score = sqlite3_column_double(st, 13);
}

/* Steps a MEMBER_SELECT statement (or one with its columns) into a
 * new array. */
enum cm_err
px_member_rows(struct store *s, sqlite3_stmt *st, struct proactive_member **out,
    size_t *np)
{
	struct proactive_member	*m = NULL;
	size_t			 n = 0;
	int			 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			m = xrealloc(m, (n == 0 ? 1 : 2 * n) * sizeof(*m));
		member_row(st, &m[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		proactive_members_free(m, n);
		*out = NULL;
		*np = 0;
		return sq_fail(s, rc);
	}
	*out = m;
	*np = n;
	return CM_OK;
}

/*
 * Ids of cases (store_px_ids_free): every case, oldest first
 * (PX_IDS_ALL), those whose keys are stale (PX_IDS_NOKEYS: new or
 * changed, marked by the triggers of migration 9; any order), or at
 * most limit (< 0: all) of those not yet grouped, oldest first
 * (PX_IDS_UNGROUPED).
 */
enum cm_err
store_px_case_ids(struct store *s, enum px_ids which, int limit, char ***out,
    size_t *np)
{
	sqlite3_stmt	*st;
	char		**ids = NULL;
	size_t		 n = 0;
	int		 rc;

	*out = NULL;
	*np = 0;
	GET(st, which == PX_IDS_ALL ? STMT_IDS_ALL : which == PX_IDS_NOKEYS ?
	    STMT_IDS_MISSING : STMT_IDS_UNGROUPED);
	if (which != PX_IDS_ALL)
		sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			ids = xrealloc(ids, (n == 0 ? 1 : 2 * n) *
			    sizeof(*ids));
		ids[n++] = sq_col_dup(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		store_px_ids_free(ids, n);
		return sq_fail(s, rc);
	}
	*out = ids;
	*np = n;
	return CM_OK;
}

/* Frees an array of case ids; NULL is a no-op. */
void
store_px_ids_free(char **ids, size_t n)
{
	size_t	 i;

	for (i = 0; ids != NULL && i < n; i++)
		free(ids[i]);
	free(ids);
}

/* One case by UUID or number, as a member row (caller clears). */
enum cm_err
store_px_case_row(struct store *s, const char *key,
    struct proactive_member *m)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(m, 0, sizeof(*m));
	GET(st, sq_key_is_id(key) ? STMT_CASE_ROW : STMT_CASE_ROW_NUM);
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		member_row(st, m);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/*
 * Cases whose applicant has this ID key or this name|phone key (either
 * may be NULL), in one month ("YYYY-MM") or all, oldest first.  The
 * caller applies repeat_same_applicant() to the rows.
 */
enum cm_err
store_px_same_applicant(struct store *s, const char *id_key,
    const char *np_key, const char *month, struct proactive_member **out,
    size_t *np)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SAME_APPL);
	sq_bind_text(st, 1, id_key);
	sq_bind_text(st, 2, np_key);
	sq_bind_text(st, 3, month);
	return px_member_rows(s, st, out, np);
}

/*
 * The cases whose stored identity keys are stale (changed or new since
 * the last grouping), received in month ("YYYY-MM"; NULL: any), with
 * their keys computed in memory from the applicant as it is now
 * (cases/similarity.h).  Writes nothing: a view uses this where
 * proactive_sync() would have brought the keys up to date.
 */
enum cm_err
store_px_stale_members(struct store *s, const char *month,
    struct proactive_member **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct proactive_member	*m = NULL, *x;
	const char		*name;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_STALE_ROWS);
	sq_bind_text(st, 1, month);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			m = xrealloc(m, (n == 0 ? 1 : 2 * n) * sizeof(*m));
		x = &m[n++];
		member_row(st, x);
		free(x->id_key);
		free(x->np_key);
		free(x->name_key);
		name = (const char *)sqlite3_column_text(st, 7);
		x->id_key = repeat_id_key((const char *)
		    sqlite3_column_text(st, 14));
		x->np_key = repeat_np_key(name, (const char *)
		    sqlite3_column_text(st, 15));
		x->name_key = repeat_name_key(name);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		proactive_members_free(m, n);
		return sq_fail(s, rc);
	}
	*out = m;
	*np = n;
	return CM_OK;
}

/* The group of a case; CM_NOTFOUND when it is in none. */
/* Whether a case has been grouped and nothing changed it since. */
enum cm_err
store_px_case_grouped(struct store *s, const char *case_id, int *grouped)
{
	sqlite3_stmt	*st;
	int		 rc;

	*grouped = 0;
	GET(st, STMT_GROUPED);
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*grouped = sqlite3_column_int(st, 0);
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_px_member_get(struct store *s, const char *case_id, int64_t *group,
    char *how, size_t howlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_MEMBER_GET);
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*group = sqlite3_column_int64(st, 0);
		if (how != NULL)
			snprintf(how, howlen, "%s",
			    (const char *)sqlite3_column_text(st, 1));
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Puts a case in a group (moving it from any other). */
enum cm_err
store_px_member_put(struct store *s, const char *case_id, int64_t group,
    const char *how, double score, const char *now)
{
	sqlite3_stmt	*st;
	struct px_join	 j;
	enum cm_err	 e;

	/* The group's counts follow in O(log n) (issue 17). */
	if ((e = store_px_join_prepare(s, case_id, group, &j)) != CM_OK)
		return e;
	if ((st = get(s, STMT_MEMBER_PUT)) == NULL) {
		store_px_join_clear(&j);
		return CM_SYSERR;
	}
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, group);
	sq_bind_text(st, 3, how);
	sqlite3_bind_double(st, 4, score);
	sq_bind_text(st, 5, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		e = store_px_join_apply(s, &j);
	store_px_join_clear(&j);
	return e;
}

/* Takes a case out of its group (none: not an error). */
enum cm_err
store_px_member_del(struct store *s, const char *case_id)
{
	sqlite3_stmt	*st;

	GET(st, STMT_MEMBER_DEL);
	sq_bind_text(st, 1, case_id);
	return sq_exec(s, st);
}

/* Creates an empty group; returns its id. */
enum cm_err
store_px_group_new(struct store *s, const char *key, const char *label,
    const char *now, int64_t *group)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_GROUP_NEW);
	sq_bind_text(st, 1, key);
	sq_bind_text(st, 2, label);
	sq_bind_text(st, 3, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		*group = sqlite3_last_insert_rowid(s->db);
	return e;
}

/* Sets a group's key and label (NULL key: only touches updated_at). */
enum cm_err
store_px_group_set(struct store *s, int64_t group, const char *key,
    const char *label, const char *now)
{
	sqlite3_stmt	*st;

	if (key == NULL) {
		GET(st, STMT_GROUP_TOUCH);
		sqlite3_bind_int64(st, 1, group);
		sq_bind_text(st, 2, now);
		return sq_exec(s, st);
	}
	GET(st, STMT_GROUP_SET);
	sqlite3_bind_int64(st, 1, group);
	sq_bind_text(st, 2, key);
	sq_bind_text(st, 3, label);
	sq_bind_text(st, 4, now);
	return sq_exec(s, st);
}

/* Moves members, proposals and publications of `from' to `to' and
 * deletes `from'. */
enum cm_err
store_px_group_merge(struct store *s, int64_t from, int64_t to,
    const char *now)
{
	static const enum stmt	 moves[] = { STMT_MOVE_MEMBERS,
	    STMT_MOVE_PROPOSALS, STMT_MOVE_PUBS };
	sqlite3_stmt		*st;
	size_t			 i;
	enum cm_err		 e;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		GET(st, moves[i]);
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		if ((e = sq_exec(s, st)) != CM_OK)
			return e;
	}
	if ((e = store_px_group_delete(s, from)) != CM_OK)
		return e;
	return store_px_group_set(s, to, NULL, NULL, now);
}

/* Members of a group, and its proposals plus publications. */
enum cm_err
store_px_group_counts(struct store *s, int64_t group, int *members,
    int *proposals)
{
	sqlite3_stmt	*st;
	int64_t		 v[2] = { 0, 0 };
	enum cm_err	 e;

	GET(st, STMT_GROUP_COUNTS);
	sqlite3_bind_int64(st, 1, group);
	e = sq_ints_row(s, st, v, 2);
	*members = (int)v[0];
	*proposals = (int)v[1];
	return e;
}

/* Deletes a group and its memberships (not its proposals). */
enum cm_err
store_px_group_delete(struct store *s, int64_t group)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_GROUP_DEL_MEMBERS);
	sqlite3_bind_int64(st, 1, group);
	if ((e = sq_exec(s, st)) != CM_OK)
		return e;
	GET(st, STMT_GROUP_DEL);
	sqlite3_bind_int64(st, 1, group);
	return sq_exec(s, st);
}

/* A group's key, label and timestamps (each freed by the caller; any
 * pointer may be NULL). */
enum cm_err
store_px_group_get(struct store *s, int64_t group, char **key, char **label,
    char **created, char **updated)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_GROUP_GET);
	sqlite3_bind_int64(st, 1, group);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (key != NULL)
			*key = sq_col_dup(st, 0);
		if (label != NULL)
			*label = sq_col_dup(st, 1);
		if (created != NULL)
			*created = sq_col_dup(st, 2);
		if (updated != NULL)
			*updated = sq_col_dup(st, 3);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* The members of a group, oldest first (proactive_members_free). */
enum cm_err
store_px_group_members(struct store *s, int64_t group,
    struct proactive_member **out, size_t *np)
{
	sqlite3_stmt	*st;

	GET(st, STMT_GROUP_MEMBERS);
	sqlite3_bind_int64(st, 1, group);
	return px_member_rows(s, st, out, np);
}

/* Every group id, ascending (free the array). */
enum cm_err
store_px_group_ids(struct store *s, int64_t **out, size_t *np)
{
	sqlite3_stmt	*st;
	int64_t		*v = NULL;
	size_t		 n = 0;
	int		 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_GROUP_IDS);
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
	*out = v;
	*np = n;
	return CM_OK;
}

/* The highest group id so far (0 when none). */
enum cm_err
store_px_max_group(struct store *s, int64_t *max)
{
	sqlite3_stmt	*st;

	GET(st, STMT_MAX_GROUP);
	return sq_ints_row(s, st, max, 1);
}

/* Deletes groups with no members, proposals or publications. */
enum cm_err
store_px_prune_groups(struct store *s)
{
	sqlite3_stmt	*st;

	GET(st, STMT_PRUNE);
	return sq_exec(s, st);
}

/* Whether an officer said a case is not the same information as some
 * member of a group. */
enum cm_err
store_px_veto_case(struct store *s, const char *case_id, int64_t group,
    int *veto)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_VETO_CASE);
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, group);
	rc = sqlite3_step(st);
	sq_done(st);
	*veto = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Whether merging two groups would join a pair an officer separated. */
enum cm_err
store_px_veto_groups(struct store *s, int64_t a, int64_t b, int *veto)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_VETO_GROUPS);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sq_done(st);
	*veto = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Records an officer's link (or unlink) of two cases; a < b. */
enum cm_err
store_px_link_put(struct store *s, const char *a, const char *b, int unlink,
    const char *actor, const char *now)
{
	sqlite3_stmt	*st;

	GET(st, STMT_LINK_PUT);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
	sq_bind_text(st, 3, unlink ? "unlink" : "link");
	sq_bind_text(st, 4, actor);
	sq_bind_text(st, 5, now);
	return sq_exec(s, st);
}

/* The officers' links of a case (free the array). */
enum cm_err
store_px_links_of(struct store *s, const char *case_id, struct px_link **out,
    size_t *np)
{
	sqlite3_stmt	*st;
	struct px_link	*l = NULL;
	size_t		 n = 0;
	int		 rc;
	const char	*k;

	*out = NULL;
	*np = 0;
	GET(st, STMT_LINKS_OF);
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l = xrealloc(l, (n + 1) * sizeof(*l));
		sq_col_id(st, 0, l[n].other);
		k = (const char *)sqlite3_column_text(st, 1);
		l[n].unlink = k != NULL && strcmp(k, "unlink") == 0;
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		free(l);
		return sq_fail(s, rc);
	}
	*out = l;
	*np = n;
	return CM_OK;
}

/* Forgets every derived row (members, keys, 文号 references) before a
 * rebuild; groups, links, proposals and publications stay. */
enum cm_err
store_px_clear_derived(struct store *s)
{
	static const enum stmt	 clear[] = { STMT_CLEAR_MEMBERS,
	    STMT_CLEAR_KEYS, STMT_CLEAR_DOCREFS };
	sqlite3_stmt		*st;
	size_t			 i;
	enum cm_err		 e;

	for (i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
		GET(st, clear[i]);
		if ((e = sq_exec(s, st)) != CM_OK)
			return e;
	}
	return CM_OK;
}

/* Every (case, group) membership (free both arrays, the ids with
 * store_px_ids_free). */
enum cm_err
store_px_memberships(struct store *s, char ***cases, int64_t **groups,
    size_t *np)
{
	sqlite3_stmt	*st;
	char		**c = NULL;
	int64_t		*g = NULL;
	size_t		 n = 0;
	int		 rc;

	*cases = NULL;
	*groups = NULL;
	*np = 0;
	GET(st, STMT_MEMBERSHIPS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0) {
			c = xrealloc(c, (n == 0 ? 1 : 2 * n) * sizeof(*c));
			g = xrealloc(g, (n == 0 ? 1 : 2 * n) * sizeof(*g));
		}
		c[n] = sq_col_dup(st, 0);
		g[n] = sqlite3_column_int64(st, 1);
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		store_px_ids_free(c, n);
		free(g);
		return sq_fail(s, rc);
	}
	*cases = c;
	*groups = g;
	*np = n;
	return CM_OK;
}

/* Cases received in [from, to] (proactive_members_free). */
enum cm_err
store_px_year_cases(struct store *s, const char *from, const char *to,
    struct proactive_member **out, size_t *np)
{
	sqlite3_stmt	*st;

	GET(st, STMT_YEAR_CASES);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	return px_member_rows(s, st, out, np);
}

/*
 * Deletes the undecided trigger proposals of a group that no longer
 * groups anything (fewer than two members): nothing was decided on
 * them, and the trigger opens a new one if the group forms again.
 */
enum cm_err
store_px_drop_stale(struct store *s, int64_t group)
{
	sqlite3_stmt	*st;

	GET(st, STMT_DROP_STALE);
	sqlite3_bind_int64(st, 1, group);
	return sq_exec(s, st);
}

/* How many cases wait to be grouped. */
enum cm_err
store_px_ungrouped(struct store *s, int *n)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	GET(st, STMT_UNGROUPED_COUNT);
	e = sq_ints_row(s, st, &v, 1);
	*n = (int)v;
	return e;
}

/* Whether any case waits for its keys or its grouping: two probes of
 * the partial indexes, cheap enough to run before taking the lock. */
enum cm_err
store_px_work_waiting(struct store *s, int *any)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	GET(st, STMT_WORK_WAITING);
	e = sq_ints_row(s, st, &v, 1);
	*any = v != 0;
	return e;
}
