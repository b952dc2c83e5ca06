/* SPDX-License-Identifier: ISC */
/*
 * Storage of the Art. 44 proposals and publications, the tags of the
 * 热点分析 and the fee computations (store/store_proactive.h); the keys,
 * groups and members are store_proactive.c.  Bound parameters only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/fee.h"
#include "cases/proactive.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_PROPOSERS, STMT_PROP_NEW, STMT_PROPS, STMT_PROP_COUNTS,
	STMT_PROP_DECIDE, STMT_OPEN_COUNT, STMT_PUB_NEW, STMT_PUBS,
	STMT_PUB_COUNT, STMT_TAG_PUT, STMT_TAG_DEL, STMT_YEAR_TAGS,
	STMT_FEE_PUT, STMT_FEE_ROWS, STMT_FEE_NOTICES, STMT_FEE_PAID,
	STMT_FEE_LAPSED, STMT_REPLY_DOCNUM, STMT_DEPT_NAMES, STMT_CASE_TAGS,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_PROPOSERS] =
	    "SELECT DISTINCT case_id FROM proactive_proposals"
	    " WHERE group_id = ?1 AND case_id IS NOT NULL",
	[STMT_PROP_NEW] =
	    "INSERT INTO proactive_proposals (group_id, source, case_id,"
	    " reason, applicants, opened_by, opened_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_PROPS] =
	    "SELECT p.id, p.group_id, p.source, c.number, p.reason,"
	    " p.applicants, p.status, p.opened_at, p.opened_by, p.decided_at,"
	    " p.decided_by, p.decline_reason, p.publication_id"
	    " FROM proactive_proposals p LEFT JOIN cases c ON c.id = p.case_id"
	    " WHERE p.group_id = ?1 ORDER BY p.id",
	[STMT_PROP_COUNTS] =
	    "SELECT COALESCE(sum(source = 'trigger'), 0),"
	    " COALESCE(sum(status = 'open'), 0) FROM proactive_proposals"
	    " WHERE group_id = ?1",
	[STMT_PROP_DECIDE] =
	    "UPDATE proactive_proposals SET status = ?2, decided_by = ?3,"
	    " decided_at = ?4, decline_reason = ?5, publication_id = ?6"
	    " WHERE group_id = ?1 AND status = 'open'",
	[STMT_OPEN_COUNT] =
	    "SELECT count(DISTINCT group_id) FROM proactive_proposals"
	    " WHERE status = 'open'",
	[STMT_PUB_NEW] =
	    "INSERT INTO proactive_publications (group_id, title, doc_number,"
	    " location, published_on, recorded_by, recorded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_PUBS] =
	    "SELECT id, group_id, title, doc_number, location, published_on,"
	    " recorded_by, recorded_at FROM proactive_publications"
	    " WHERE (?1 = 0 OR group_id = ?1)"
	    " AND (?2 IS NULL OR published_on BETWEEN ?2 AND ?3)"
	    " ORDER BY published_on, id",
	[STMT_PUB_COUNT] =
	    "SELECT count(*) FROM proactive_publications"
	    " WHERE published_on BETWEEN ?1 AND ?2",
	[STMT_TAG_PUT] =
	    "INSERT INTO case_tags (case_id, tag, actor, at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (case_id, tag) DO NOTHING",
	[STMT_TAG_DEL] = "DELETE FROM case_tags WHERE case_id = ?1 AND tag = ?2",
	[STMT_DEPT_NAMES] = "SELECT name FROM departments ORDER BY name",
	[STMT_CASE_TAGS] =
	    "SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY tag",
	[STMT_YEAR_TAGS] =
	    "SELECT t.case_id, t.tag FROM case_tags t"
	    " JOIN cases c ON c.id = t.case_id"
	    " WHERE c.received_on BETWEEN ?1 AND ?2 ORDER BY t.tag",
	[STMT_FEE_PUT] =
	    "INSERT INTO fee_charges (case_id, method, count, first_unit,"
	    " last_unit, amount, computation, applied_by, applied_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT (case_id) DO UPDATE SET method = ?2, count = ?3,"
	    " first_unit = ?4, last_unit = ?5, amount = ?6, computation = ?7,"
	    " applied_by = ?8, applied_at = ?9",
	[STMT_FEE_ROWS] =
	    "SELECT k.id_key, k.np_key, k.name_key, f.last_unit"
	    " FROM fee_charges f JOIN case_keys k ON k.case_id = f.case_id"
	    " WHERE f.method = 'item' AND f.case_id <> ?4 AND k.month = ?1"
	    " AND (k.id_key = ?2 OR k.np_key = ?3)"
	    " AND EXISTS (SELECT 1 FROM events e WHERE e.case_id = f.case_id"
	    " AND e.action = 'fee-notice')",
	[STMT_FEE_NOTICES] =
	    "SELECT count(*), COALESCE(sum(amount_fen), 0) FROM events"
	    " WHERE action = 'fee-notice' AND effective BETWEEN ?1 AND ?2",
	[STMT_FEE_PAID] =
	    "SELECT count(*), COALESCE(sum((SELECT n.amount_fen FROM events n"
	    " WHERE n.case_id = p.case_id AND n.action = 'fee-notice'"
	    " AND n.seq < p.seq ORDER BY n.seq DESC LIMIT 1)), 0)"
	    " FROM events p WHERE p.action = 'fee-paid'"
	    " AND p.effective BETWEEN ?1 AND ?2",
	[STMT_FEE_LAPSED] =
	    "SELECT count(*) FROM events WHERE action = 'fee-lapsed'"
	    " AND effective BETWEEN ?1 AND ?2",
	[STMT_REPLY_DOCNUM] =
	    "SELECT number FROM doc_numbers WHERE case_id = ?1"
	    " AND kind = 'reply'",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PXPUB, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k) do {						\
	if (((st) = get(s, (k))) == NULL)				\
		return CM_SYSERR;					\
} while (0)

/* The cases whose applicants proposed a group's information (art. 44
 * ¶2) (store_px_ids_free). */
enum cm_err
store_px_proposers(struct store *s, int64_t group, char ***out, size_t *np)
{
	sqlite3_stmt	*st;
	char		**ids = NULL;
	size_t		 n = 0;
	int		 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_PROPOSERS);
	sqlite3_bind_int64(st, 1, group);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
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

/* Opens a proposal on a group; returns its id. */
enum cm_err
store_px_proposal_new(struct store *s, int64_t group, const char *source,
    const char *case_id, const char *reason, int applicants,
    const char *actor, const char *now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_PROP_NEW);
	sqlite3_bind_int64(st, 1, group);
	sq_bind_text(st, 2, source);
	sq_bind_text(st, 3, case_id);
	sq_bind_text(st, 4, reason != NULL ? reason : "");
	sqlite3_bind_int(st, 5, applicants);
	sq_bind_text(st, 6, actor);
	sq_bind_text(st, 7, now);
	if ((e = sq_exec(s, st)) == CM_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

/* A group's proposals, oldest first (store_px_proposals_free). */
enum cm_err
store_px_proposals(struct store *s, int64_t group,
    struct proactive_proposal **out, size_t *np)
{
	sqlite3_stmt			*st;
	struct proactive_proposal	*p = NULL, *q;
	size_t				 n = 0;
	int				 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_PROPS);
	sqlite3_bind_int64(st, 1, group);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		q = &p[n++];
		memset(q, 0, sizeof(*q));
		q->id = sqlite3_column_int64(st, 0);
		q->group_id = sqlite3_column_int64(st, 1);
		q->source = sq_col_dup(st, 2);
		q->case_number = sq_col_dup(st, 3);
		q->reason = sq_col_dup(st, 4);
		q->applicants = sqlite3_column_int(st, 5);
		q->status = sq_col_dup(st, 6);
		q->opened_at = sq_col_dup(st, 7);
		q->opened_by = sq_col_dup(st, 8);
		q->decided_at = sq_col_dup(st, 9);
		q->decided_by = sq_col_dup(st, 10);
		q->decline_reason = sq_col_dup(st, 11);
		q->publication_id = sqlite3_column_int64(st, 12);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		store_px_proposals_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/* Frees store_px_proposals() output; NULL is a no-op. */
void
store_px_proposals_free(struct proactive_proposal *p, size_t n)
{
	proactive_proposals_free(p, n);
}

/* How many trigger proposals a group ever had, and how many are open. */
enum cm_err
store_px_proposal_counts(struct store *s, int64_t group, int *trigger,
    int *open)
{
	sqlite3_stmt	*st;
	int64_t		 v[2] = { 0, 0 };
	enum cm_err	 e;

	GET(st, STMT_PROP_COUNTS);
	sqlite3_bind_int64(st, 1, group);
	e = sq_ints_row(s, st, v, 2);
	*trigger = (int)v[0];
	*open = (int)v[1];
	return e;
}

/* Decides every open proposal of a group; *changed = how many. */
enum cm_err
store_px_proposals_decide(struct store *s, int64_t group, const char *status,
    const char *actor, const char *now, const char *reason,
    int64_t publication, int *changed)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_PROP_DECIDE);
	sqlite3_bind_int64(st, 1, group);
	sq_bind_text(st, 2, status);
	sq_bind_text(st, 3, actor);
	sq_bind_text(st, 4, now);
	sq_bind_text(st, 5, reason != NULL ? reason : "");
	if (publication > 0)
		sqlite3_bind_int64(st, 6, publication);
	else
		sqlite3_bind_null(st, 6);
	if ((e = sq_exec(s, st)) == CM_OK)
		*changed = sqlite3_changes(s->db);
	return e;
}

/* Groups with an open proposal (the dashboard's count). */
enum cm_err
store_px_open_count(struct store *s, int *n)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	GET(st, STMT_OPEN_COUNT);
	e = sq_ints_row(s, st, &v, 1);
	*n = (int)v;
	return e;
}

/* Records a proactive publication; returns its id. */
enum cm_err
store_px_publication_new(struct store *s, int64_t group, const char *title,
    const char *doc_number, const char *location, const char *on,
    const char *actor, const char *now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_PUB_NEW);
	sqlite3_bind_int64(st, 1, group);
	sq_bind_text(st, 2, title);
	sq_bind_text(st, 3, doc_number != NULL ? doc_number : "");
	sq_bind_text(st, 4, location);
	sq_bind_text(st, 5, on);
	sq_bind_text(st, 6, actor);
	sq_bind_text(st, 7, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

/* Publications of a group (0: all) published in [from, to] (NULL: any
 * date), by date (proactive_pubs_free). */
enum cm_err
store_px_publications(struct store *s, int64_t group, const char *from,
    const char *to, struct proactive_pub **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct proactive_pub	*p = NULL, *q;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_PUBS);
	sqlite3_bind_int64(st, 1, group);
	sq_bind_text(st, 2, from);
	sq_bind_text(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = xrealloc(p, (n + 1) * sizeof(*p));
		q = &p[n++];
		memset(q, 0, sizeof(*q));
		q->id = sqlite3_column_int64(st, 0);
		q->group_id = sqlite3_column_int64(st, 1);
		q->title = sq_col_dup(st, 2);
		q->doc_number = sq_col_dup(st, 3);
		q->location = sq_col_dup(st, 4);
		sq_col_date(st, 5, q->published_on);
		q->recorded_by = sq_col_dup(st, 6);
		q->recorded_at = sq_col_dup(st, 7);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		proactive_pubs_free(p, n);
		return sq_fail(s, rc);
	}
	*out = p;
	*np = n;
	return CM_OK;
}

/* Publications dated in [from, to]. */
enum cm_err
store_px_publications_count(struct store *s, const char *from,
    const char *to, int *n)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	enum cm_err	 e;

	GET(st, STMT_PUB_COUNT);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	e = sq_ints_row(s, st, &v, 1);
	*n = (int)v;
	return e;
}

/* Adds a tag to a case (adding it twice is not an error). */
enum cm_err
store_px_tag_put(struct store *s, const char *case_id, const char *tag,
    const char *actor, const char *now)
{
	sqlite3_stmt	*st;

	GET(st, STMT_TAG_PUT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, tag);
	sq_bind_text(st, 3, actor);
	sq_bind_text(st, 4, now);
	return sq_exec(s, st);
}

/* Removes a tag from a case; *changed = 0 when it had none. */
enum cm_err
store_px_tag_del(struct store *s, const char *case_id, const char *tag,
    int *changed)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_TAG_DEL);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, tag);
	if ((e = sq_exec(s, st)) == CM_OK)
		*changed = sqlite3_changes(s->db);
	return e;
}

/* Tags of the cases received in [from, to], by tag
 * (store_px_tagrows_free). */
enum cm_err
store_px_year_tags(struct store *s, const char *from, const char *to,
    struct px_tagrow **out, size_t *np)
{
	sqlite3_stmt		*st;
	struct px_tagrow	*t = NULL;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_YEAR_TAGS);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			t = xrealloc(t, (n == 0 ? 1 : 2 * n) * sizeof(*t));
		sq_col_id(st, 0, t[n].case_id);
		t[n].tag = sq_col_dup(st, 1);
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		store_px_tagrows_free(t, n);
		return sq_fail(s, rc);
	}
	*out = t;
	*np = n;
	return CM_OK;
}

/* The first column of st's rows as new strings (free each and *out). */
static enum cm_err
strings(struct store *s, sqlite3_stmt *st, char ***out, size_t *np)
{
	char	**v = NULL;
	size_t	  n = 0;
	int	  rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = sq_col_dup(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		while (n > 0)
			free(v[--n]);
		free(v);
		return sq_fail(s, rc);
	}
	*out = v;
	*np = n;
	return CM_OK;
}

/* The names of the departments (the 热点分析 leaves them out). */
enum cm_err
store_px_dept_names(struct store *s, char ***out, size_t *n)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	GET(st, STMT_DEPT_NAMES);
	return strings(s, st, out, n);
}

/* The tags of a case, by tag. */
enum cm_err
store_px_case_tags(struct store *s, const char *case_id, char ***out,
    size_t *n)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	GET(st, STMT_CASE_TAGS);
	sq_bind_text(st, 1, case_id);
	return strings(s, st, out, n);
}

/* Frees store_px_year_tags() output; NULL is a no-op. */
void
store_px_tagrows_free(struct px_tagrow *t, size_t n)
{
	size_t	 i;

	for (i = 0; t != NULL && i < n; i++)
		free(t[i].tag);
	free(t);
}

/* Records (or replaces) the fee computation of a case. */
enum cm_err
store_px_fee_put(struct store *s, const char *case_id, const char *method,
    int count, int first, int last, int64_t amount, const char *computation,
    const char *actor, const char *now)
{
	sqlite3_stmt	*st;

	GET(st, STMT_FEE_PUT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, method);
	sqlite3_bind_int(st, 3, count);
	sqlite3_bind_int(st, 4, first);
	sqlite3_bind_int(st, 5, last);
	sqlite3_bind_int64(st, 6, amount);
	sq_bind_text(st, 7, computation);
	sq_bind_text(st, 8, actor);
	sq_bind_text(st, 9, now);
	return sq_exec(s, st);
}

/*
 * Item-fee computations of other cases in a month, by an applicant with
 * this ID or name|phone key, whose fee notice was issued
 * (store_px_feerows_free).
 */
enum cm_err
store_px_fee_rows(struct store *s, const char *month, const char *id_key,
    const char *np_key, const char *exclude, struct px_feerow **out,
    size_t *np)
{
	sqlite3_stmt		*st;
	struct px_feerow	*f = NULL;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*np = 0;
	GET(st, STMT_FEE_ROWS);
	sq_bind_text(st, 1, month);
	sq_bind_text(st, 2, id_key);
	sq_bind_text(st, 3, np_key);
	sq_bind_text(st, 4, exclude);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f = xrealloc(f, (n + 1) * sizeof(*f));
		f[n].id_key = sq_col_dup(st, 0);
		f[n].np_key = sq_col_dup(st, 1);
		f[n].name_key = sq_col_dup(st, 2);
		f[n].last_unit = sqlite3_column_int(st, 3);
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		store_px_feerows_free(f, n);
		return sq_fail(s, rc);
	}
	*out = f;
	*np = n;
	return CM_OK;
}

/* Frees store_px_fee_rows() output; NULL is a no-op. */
void
store_px_feerows_free(struct px_feerow *f, size_t n)
{
	size_t	 i;

	for (i = 0; f != NULL && i < n; i++) {
		free(f[i].id_key);
		free(f[i].np_key);
		free(f[i].name_key);
	}
	free(f);
}

/* Fee notices, payments and lapses with effective dates in [from, to].
 * A payment counts the amount of the notice it answers. */
enum cm_err
store_px_fee_totals(struct store *s, const char *from, const char *to,
    struct fee_totals *t)
{
	sqlite3_stmt	*st;
	int64_t		 v[2] = { 0, 0 };
	enum cm_err	 e;

	memset(t, 0, sizeof(*t));
	GET(st, STMT_FEE_NOTICES);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	if ((e = sq_ints_row(s, st, v, 2)) != CM_OK)
		return e;
	t->notices = (int)v[0];
	t->notices_fen = v[1];
	GET(st, STMT_FEE_PAID);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	if ((e = sq_ints_row(s, st, v, 2)) != CM_OK)
		return e;
	t->paid = (int)v[0];
	t->paid_fen = v[1];
	GET(st, STMT_FEE_LAPSED);
	sq_bind_text(st, 1, from);
	sq_bind_text(st, 2, to);
	if ((e = sq_ints_row(s, st, v, 1)) != CM_OK)
		return e;
	t->lapsed = (int)v[0];
	return CM_OK;
}

/* The document number of a case's 答复书, or CM_NOTFOUND. */
enum cm_err
store_px_reply_docnum(struct store *s, const char *case_id, char **out)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	GET(st, STMT_REPLY_DOCNUM);
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sq_col_dup(st, 0);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}
