/* SPDX-License-Identifier: ISC */
/*
 * Storage behind the web application's pages (statement table SM_WEB):
 * the case list with keyset pagination, dashboard counts, full-text
 * search, the similar-request lookup, notes, attachments, approvals.
 *
 * The list has one statement per order, and for the default order
 * (due date) one each for all cases, open cases, one state and one
 * handler, so that each can walk its own index (cases_due_key,
 * cases_open_key, cases_state_key of migration 5, cases_handler_key and
 * cases_handler_open of migration 8) in order and stop at the page
 * size.  Bounds on the sort key (?13, ?14) let the walk start where the
 * filters allow.  Counts per state come from case_counts, which
 * triggers keep (migration 8).
 * Open cases are written "state NOT IN ('replied', 'archived')", the
 * exact WHERE of the partial indexes, so that the planner uses them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "store/records.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_LIST_DUE_ANY, STMT_LIST_DUE_OPEN, STMT_LIST_DUE_STATE,
	STMT_LIST_DUE_HANDLER, STMT_LIST_DUE_HANDLER_OPEN,
	STMT_LIST_RECEIVED, STMT_LIST_NUMBER, STMT_LIST_DUE_CHANNEL,
	STMT_LIST_DUE_YEAR, STMT_LIST_DUE_CHANNEL_YEAR,
	STMT_COUNT_STATES, STMT_COUNT_OVERDUE, STMT_COUNT_DUE_SOON,
	STMT_COUNT_MINE, STMT_COUNT_APPROVALS, STMT_COUNT_LATE_CORR,
	STMT_SEARCH_FTS, STMT_SEARCH_SCAN, STMT_RECENT,
	STMT_NOTE_INSERT, STMT_NOTES_LIST,
	STMT_ATT_INSERT, STMT_ATT_LIST, STMT_ATT_GET,
	STMT_APPR_INSERT, STMT_APPR_GET, STMT_APPR_DECIDE, STMT_APPR_CASE,
	STMT_APPR_PENDING, STMT_CAL_ROWS, STMT_APPR_REJECTED,
	STMT_APPR_WITHDRAW,
	STMT_LIST_DUE_ANY_PLAIN, STMT_LIST_DUE_OPEN_PLAIN,
	STMT_LIST_RECEIVED_PLAIN, STMT_LIST_RECEIVED_OPEN_PLAIN,
	STMT_LIST_NUMBER_PLAIN, STMT_LIST_NUMBER_OPEN_PLAIN,
	STMT__MAX
};

#define OPEN		"c.state NOT IN ('replied', 'archived')"
#define DUE_KEY		"coalesce(c.due, '9999-12-31')"
#define ROW_COLS(key)	LIST_ROW_COLS(key)
#define FROM		" FROM cases c JOIN applicants a ON a.id = c.applicant_id"
#define FILTERS		" AND (?2 = 0 OR " OPEN ")" \
			" AND (?3 IS NULL OR (c.due < ?3 AND " OPEN "))" \
			" AND (?4 IS NULL OR (c.due <= ?4 AND c.due >= ?5" \
			" AND " OPEN "))" \
			" AND (?6 IS NULL OR c.handler = ?6)" \
			" AND (?7 IS NULL OR c.channel = ?7)" \
			" AND (?8 IS NULL OR a.type = ?8)" \
			" AND (?9 = 0 OR c.year = ?9)" \
			ASSIGN_FILTERS
/* Department and "no officer" filters of the case list (issue 13). */
#define ASSIGN_FILTERS	" AND (?16 IS NULL OR c.dept_id = (SELECT id" \
			" FROM departments WHERE code = ?16))" \
			" AND (?17 = 0 OR c.handler IS NULL)"
#define AFTER_DUE	" AND (?10 IS NULL OR (" DUE_KEY ", c.number) > (?10, ?11))" \
			" AND " DUE_KEY " >= ?13 AND " DUE_KEY " <= ?14"
#define ORDER_DUE	" ORDER BY " DUE_KEY ", c.number LIMIT ?12"
#define AFTER_RECEIVED	" AND (?10 IS NULL OR (c.received_on, c.number) < (?10, ?11))" \
			" AND c.received_on >= ?13 AND c.received_on <= ?14"
#define ORDER_RECEIVED	" ORDER BY c.received_on DESC, c.number DESC LIMIT ?12"
#define AFTER_NUMBER	" AND (c.year, c.seq) < (?10, ?11)"
#define ORDER_NUMBER	" ORDER BY c.year DESC, c.seq DESC LIMIT ?12"
#define APPR_COLS	"p.id, p.case_id, c.number, p.action, p.effective," \
			" p.outcome, p.days, p.told_on, p.note," \
			" p.requested_by, p.requested_at, p.status," \
			" p.decided_by, p.decided_at, p.comment" \
			" FROM approvals p JOIN cases c ON c.id = p.case_id"

static const char *const stmts[STMT__MAX] = {
	[STMT_LIST_DUE_ANY] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM
	    " WHERE (?1 IS NULL OR c.state = ?1)" FILTERS AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_OPEN] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM
	    " WHERE " OPEN " AND (?1 IS NULL OR c.state = ?1)" FILTERS
	    AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_STATE] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM
	    " WHERE c.state = ?1" FILTERS AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_HANDLER] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM
	    " WHERE c.handler = ?6 AND (?1 IS NULL OR c.state = ?1)" FILTERS
	    AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_HANDLER_OPEN] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM
	    " WHERE c.handler = ?6 AND " OPEN " AND (?1 IS NULL OR"
	    " c.state = ?1)" FILTERS AFTER_DUE ORDER_DUE,
	/* A channel or a year filter drives the walk through its own
	 * index in due order (issue 17): a rare combination no longer
	 * walks every case from the year on. */
	[STMT_LIST_DUE_CHANNEL] =
	    "SELECT " ROW_COLS(DUE_KEY) " FROM cases c INDEXED BY"
	    " cases_channel_key JOIN applicants a ON a.id = c.applicant_id"
	    " WHERE c.channel = ?7 AND (?1 IS NULL OR c.state = ?1)" FILTERS
	    AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_CHANNEL_YEAR] =
	    "SELECT " ROW_COLS(DUE_KEY) " FROM cases c INDEXED BY"
	    " cases_channel_year_key JOIN applicants a"
	    " ON a.id = c.applicant_id"
	    " WHERE c.channel = ?7 AND c.year = ?9"
	    " AND (?1 IS NULL OR c.state = ?1)" FILTERS AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_YEAR] =
	    "SELECT " ROW_COLS(DUE_KEY) " FROM cases c INDEXED BY"
	    " cases_year_key JOIN applicants a ON a.id = c.applicant_id"
	    " WHERE c.year = ?9 AND (?1 IS NULL OR c.state = ?1)" FILTERS
	    AFTER_DUE ORDER_DUE,
	[STMT_LIST_RECEIVED] =
	    "SELECT " ROW_COLS("c.received_on") FROM
	    " WHERE (?1 IS NULL OR c.state = ?1)" FILTERS AFTER_RECEIVED
	    ORDER_RECEIVED,
	[STMT_LIST_NUMBER] =
	    "SELECT " ROW_COLS("c.year") FROM
	    " WHERE (?1 IS NULL OR c.state = ?1)" FILTERS AFTER_NUMBER
	    ORDER_NUMBER,
	/* Without filters (the list as it opens, and its pages): the same
	 * walks without the "?N IS NULL OR" terms, which SQLite evaluates
	 * on every row (about an eighth of the list's query time). */
	[STMT_LIST_DUE_ANY_PLAIN] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM " WHERE 1" AFTER_DUE ORDER_DUE,
	[STMT_LIST_DUE_OPEN_PLAIN] =
	    "SELECT " ROW_COLS(DUE_KEY) FROM " WHERE " OPEN AFTER_DUE
	    ORDER_DUE,
	[STMT_LIST_RECEIVED_PLAIN] =
	    "SELECT " ROW_COLS("c.received_on") FROM " WHERE 1" AFTER_RECEIVED
	    ORDER_RECEIVED,
	[STMT_LIST_RECEIVED_OPEN_PLAIN] =
	    "SELECT " ROW_COLS("c.received_on") FROM " WHERE " OPEN
	    AFTER_RECEIVED ORDER_RECEIVED,
	[STMT_LIST_NUMBER_PLAIN] =
	    "SELECT " ROW_COLS("c.year") FROM " WHERE 1" AFTER_NUMBER
	    ORDER_NUMBER,
	[STMT_LIST_NUMBER_OPEN_PLAIN] =
	    "SELECT " ROW_COLS("c.year") FROM " WHERE " OPEN AFTER_NUMBER
	    ORDER_NUMBER,
	[STMT_COUNT_STATES] =
	    "SELECT state, n FROM case_counts WHERE n > 0",
	[STMT_COUNT_OVERDUE] =
	    "SELECT count(*) FROM cases WHERE state NOT IN ('replied',"
	    " 'archived') AND due < ?1",
	[STMT_COUNT_DUE_SOON] =
	    "SELECT count(*) FROM cases WHERE state NOT IN ('replied',"
	    " 'archived') AND due >= ?1 AND due <= ?2",
	[STMT_COUNT_MINE] =
	    "SELECT count(*) FROM cases WHERE handler = ?1"
	    " AND state NOT IN ('replied', 'archived')",
	[STMT_COUNT_APPROVALS] =
	    "SELECT count(*) FROM approvals WHERE status = 'pending'",
	/* Through the partial index of exactly these rows (a walk of
	 * every 补正 notice took 0.3 s at 1,000,000 cases). */
	[STMT_COUNT_LATE_CORR] =
	    "SELECT count(DISTINCT case_id) FROM events"
	    " INDEXED BY events_late_corr"
	    " WHERE action = 'request-correction'"
	    " AND json_extract(payload, '$.late_correction') = 1",
	/* The cases waiting in fts_queue (store_ftsq.c: at most a few
	 * hundred, in no index yet) by a scan of their text, matched as
	 * the trigram tokenizer matches: ASCII case folded.  CROSS JOIN
	 * keeps the queue the outer loop: without statistics the planner
	 * may scan cases instead (0.5 s at 1,000,000 cases). */
	[STMT_SEARCH_FTS] =
	    "WITH hits (id, r) AS ("
	    "  SELECT c.id, f.k FROM (SELECT rowid AS k FROM case_fts"
	    "  WHERE case_fts MATCH ?1 ORDER BY rowid DESC LIMIT 2000) f"
	    "  JOIN cases c ON c.rowid = f.k"
	    "  UNION ALL SELECT q.id, NULL FROM fts_queue f"
	    "  CROSS JOIN cases q ON q.rowid = f.case_rowid"
	    "  WHERE instr(lower(q.request), lower(?2)) > 0"
	    "  OR instr(lower(q.number), lower(?2)) > 0"
	    "  OR instr(lower(q.doc_number), lower(?2)) > 0"
	    "  OR instr(lower((SELECT name FROM applicants"
	    "   WHERE id = q.applicant_id)), lower(?2)) > 0"
	    "  UNION ALL SELECT d.case_id, NULL FROM doc_numbers d"
	    "  WHERE instr(d.number, ?2) > 0)"
	    " SELECT " ROW_COLS("c.received_on") ", max(h.r) AS hr"
	    " FROM hits h JOIN cases c ON c.id = h.id"
	    " JOIN applicants a ON a.id = c.applicant_id"
	    " GROUP BY c.id ORDER BY c.received_on DESC, c.number DESC"
	    " LIMIT ?3",
	[STMT_SEARCH_SCAN] =
	    "SELECT " ROW_COLS("c.received_on") FROM
	    " WHERE instr(c.request, ?1) > 0 OR instr(a.name, ?1) > 0"
	    " OR instr(c.number, ?1) > 0 OR instr(c.doc_number, ?1) > 0"
	    " OR c.id IN (SELECT case_id FROM doc_numbers"
	    "  WHERE instr(number, ?1) > 0)"
	    " ORDER BY c.received_on DESC, c.number DESC LIMIT ?2",
	[STMT_RECENT] =
	    "SELECT " ROW_COLS("c.received_on") FROM
	    " WHERE c.received_on >= ?5 AND ("
	    " (?1 IS NOT NULL AND a.id_type = ?1 AND a.id_number = ?2)"
	    " OR (?4 IS NOT NULL AND a.name = ?3 AND a.phone = ?4))"
	    " ORDER BY c.received_on DESC LIMIT 50",
	[STMT_NOTE_INSERT] =
	    "INSERT INTO notes (case_id, author, at, text)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_NOTES_LIST] =
	    "SELECT id, author, at, text FROM notes WHERE case_id = ?1"
	    " ORDER BY id",
	[STMT_ATT_INSERT] =
	    "INSERT INTO attachments (case_id, name, mime, size, sha256,"
	    " data, uploaded_by, uploaded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_ATT_LIST] =
	    "SELECT id, name, mime, size, sha256, uploaded_by, uploaded_at"
	    " FROM attachments WHERE case_id = ?1 ORDER BY id",
	[STMT_ATT_GET] =
	    "SELECT id, name, mime, size, sha256, uploaded_by, uploaded_at,"
	    " data FROM attachments WHERE case_id = ?1 AND id = ?2",
	[STMT_APPR_INSERT] =
	    "INSERT INTO approvals (case_id, action, effective, outcome,"
	    " days, told_on, note, requested_by, requested_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STMT_APPR_GET] = "SELECT " APPR_COLS " WHERE p.id = ?1",
	[STMT_APPR_DECIDE] =
	    "UPDATE approvals SET status = ?2, decided_by = ?3,"
	    " decided_at = ?4, comment = ?5"
	    " WHERE id = ?1 AND status = 'pending'",
	[STMT_APPR_WITHDRAW] =
	    "UPDATE approvals SET status = 'withdrawn', decided_by = ?2,"
	    " decided_at = ?3, comment = ?4"
	    " WHERE case_id = ?1 AND status = 'pending'"
	    " AND (SELECT state FROM cases WHERE id = ?1)"
	    "  IN ('replied', 'archived')",
	[STMT_APPR_CASE] =
	    "SELECT " APPR_COLS " WHERE p.case_id = ?1"
	    " AND (?2 = 0 OR p.status = 'pending') ORDER BY p.id DESC"
	    " LIMIT ?3",
	[STMT_APPR_PENDING] =
	    "SELECT " APPR_COLS " WHERE p.status = 'pending'"
	    " ORDER BY p.id LIMIT ?3",
	[STMT_CAL_ROWS] =
	    "SELECT day, kind, name, source FROM calendar"
	    " WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
	[STMT_APPR_REJECTED] =
	    "SELECT " APPR_COLS " WHERE p.status = 'rejected'"
	    " AND p.requested_by = ?1 AND " OPEN
	    " AND NOT EXISTS (SELECT 1 FROM approvals q"
	    "  WHERE q.case_id = p.case_id AND q.id > p.id)"
	    " ORDER BY p.id DESC LIMIT ?2",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_WEB, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k)	do {					\
		if (((st) = get(s, (k))) == NULL)		\
			return CM_SYSERR;			\
	} while (0)

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Reads the columns of LIST_ROW_COLS (store_int.h) into r. */
void
sq_list_row(sqlite3_stmt *st, struct list_row *r)
{
	r->id = col(st, 0);
	r->number = col(st, 1);
	r->state = col(st, 2);
	r->applicant = col(st, 3);
	r->applicant_type = col(st, 4);
	r->channel = col(st, 5);
	r->received = col(st, 6);
	r->due = col(st, 7);
	r->provisional = sqlite3_column_int(st, 8);
	r->outcome = col(st, 9);
	r->closed_on = col(st, 10);
	r->handler = col(st, 11);
	r->request = col(st, 12);
	r->doc_number = col(st, 13);
	r->key = col(st, 14);
	r->year = sqlite3_column_int(st, 15);
	r->seq = sqlite3_column_int(st, 16);
	r->why = NULL;
	r->extra = NULL;
}

/* Steps st to the end, calling fn for each row; fn non-zero stops. */
static enum cm_err
rows(struct store *s, sqlite3_stmt *st, int (*fn)(const struct list_row *,
    void *), void *arg)
{
	struct list_row	 r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_list_row(st, &r);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* store_case_page() read from the database. */
static enum cm_err
case_page_load(struct store *s, const struct list_query *q,
    int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;
	enum stmt	 k;
	const char	*comma;
	char		 key[LIST_CURSOR_MAX], lo[LIST_CURSOR_MAX], hi[LIST_CURSOR_MAX];
	char		 before[DATE_STRLEN];
	int		 open, d, yhi, bound = 0;

	open = q->open_only || q->due_before != NULL || q->due_upto != NULL;
	/* Bounds on the sort key, so that the index walk starts and ends
	 * where the filters allow: due dates for overdue and due soon
	 * (and no earlier than the year of receipt: a case is due after
	 * it arrives), receipt dates for a year. */
	snprintf(lo, sizeof(lo), "%s", "");
	snprintf(hi, sizeof(hi), "%s", "9999-12-31");
	if (q->year > 0 && q->sort != SORT_NUMBER)
		snprintf(lo, sizeof(lo), "%04d-01-01", q->year);
	if (q->year > 0 && q->sort == SORT_RECEIVED)
		snprintf(hi, sizeof(hi), "%04d-12-31", q->year);
	if (q->sort == SORT_DUE) {
		if (q->due_from != NULL && strcmp(q->due_from, lo) > 0)
			snprintf(lo, sizeof(lo), "%s", q->due_from);
		if (q->due_upto != NULL && strcmp(q->due_upto, hi) < 0)
			snprintf(hi, sizeof(hi), "%s", q->due_upto);
		if (q->due_before != NULL && date_parse(q->due_before, &d) == 0) {
			date_format(d - 1, before);
			if (strcmp(before, hi) < 0)
				snprintf(hi, sizeof(hi), "%s", before);
		}
	}
	switch (q->sort) {
	case SORT_RECEIVED:
		k = STMT_LIST_RECEIVED;
		break;
	case SORT_NUMBER:
		k = STMT_LIST_NUMBER;
		break;
	default:
		k = q->handler != NULL ? (open ? STMT_LIST_DUE_HANDLER_OPEN :
		    STMT_LIST_DUE_HANDLER) : q->state != NULL ?
		    STMT_LIST_DUE_STATE : open ? STMT_LIST_DUE_OPEN :
		    q->channel != NULL && q->year > 0 ?
		    STMT_LIST_DUE_CHANNEL_YEAR :
		    q->channel != NULL ? STMT_LIST_DUE_CHANNEL :
		    q->year > 0 ? STMT_LIST_DUE_YEAR : STMT_LIST_DUE_ANY;
		break;
	}
	/* No filter but "open": the plain statement of the same walk. */
	if (q->state == NULL && q->due_before == NULL && q->due_upto ==
	    NULL && q->due_from == NULL && q->handler == NULL &&
	    q->channel == NULL && q->applicant_type == NULL && q->year == 0 &&
	    q->dept == NULL && !q->unassigned)
		k = q->sort == SORT_RECEIVED ? (q->open_only ?
		    STMT_LIST_RECEIVED_OPEN_PLAIN : STMT_LIST_RECEIVED_PLAIN) :
		    q->sort == SORT_NUMBER ? (q->open_only ?
		    STMT_LIST_NUMBER_OPEN_PLAIN : STMT_LIST_NUMBER_PLAIN) :
		    q->open_only ? STMT_LIST_DUE_OPEN_PLAIN :
		    STMT_LIST_DUE_ANY_PLAIN;
	GET(st, k);
	sq_bind_text(st, 1, q->state);
	sqlite3_bind_int(st, 2, q->open_only != 0);
	sq_bind_text(st, 3, q->due_before);
	sq_bind_text(st, 4, q->due_upto);
	sq_bind_text(st, 5, q->due_from != NULL ? q->due_from : "");
	sq_bind_text(st, 6, q->handler);
	sq_bind_text(st, 7, q->channel);
	sq_bind_text(st, 8, q->applicant_type);
	sqlite3_bind_int(st, 9, q->year);
	yhi = q->year > 0 ? q->year : 9999;
	if (q->after != NULL && (comma = strchr(q->after, ',')) != NULL &&
	    (size_t)(comma - q->after) < sizeof(key)) {
		memcpy(key, q->after, (size_t)(comma - q->after));
		key[comma - q->after] = '\0';
		/* The cursor bounds the walk too (row values alone do not
		 * narrow the index range behind "?10 IS NULL OR"). */
		if (q->sort == SORT_NUMBER) {
			if (strtol(key, NULL, 10) <= yhi) {
				sqlite3_bind_int64(st, 10, strtoll(key, NULL,
				    10));
				sqlite3_bind_int64(st, 11, strtoll(comma + 1,
				    NULL, 10));
				bound = 1;
			}
		} else {
			sq_bind_text(st, 10, key);
			sq_bind_text(st, 11, comma + 1);
			if (q->sort == SORT_DUE && strcmp(key, lo) > 0)
				snprintf(lo, sizeof(lo), "%s", key);
			if (q->sort == SORT_RECEIVED && strcmp(key, hi) < 0)
				snprintf(hi, sizeof(hi), "%s", key);
		}
	}
	sqlite3_bind_int(st, 12, q->limit > 0 ? q->limit : 50);
	sq_bind_text(st, 16, q->dept);
	sqlite3_bind_int(st, 17, q->unassigned != 0);
	if (q->sort != SORT_NUMBER) {
		sq_bind_text(st, 13, lo);
		sq_bind_text(st, 14, hi);
	} else if (!bound) {
		/* By number, one row value bounds the walk, so that each
		 * page starts where the last ended (the CSV export walks a
		 * million cases a page at a time): the cursor's (year, seq),
		 * else (last year, any). */
		sqlite3_bind_int(st, 10, yhi);
		sqlite3_bind_int64(st, 11, INT64_MAX);
	}
	return rows(s, st, fn, arg);
}

/*
 * Calls fn for each case of the page q describes.  The cursor (q->after,
 * already checked by worklist_cursor_valid) is "KEY,TIEBREAK".  A page
 * read again before the database changed comes from the connection's
 * cache (store_listcache.c).
 */
enum cm_err
store_case_page(struct store *s, const struct list_query *q,
    int (*fn)(const struct list_row *, void *), void *arg)
{
	return sq_list_cached(s, q, fn, arg, case_page_load);
}

static int
count1(struct store *s, enum stmt k, const char *a, const char *b, int *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, k)) == NULL)
		return -1;
	sq_bind_text(st, 1, a);
	if (b != NULL)
		sq_bind_text(st, 2, b);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW) {
		sq_fail(s, rc);
		return -1;
	}
	return 0;
}

/* Counts per state, overdue (due < today), due soon (today..soon), the
 * user's open cases, pending approvals, late 补正 notices and the Art. 44
 * groups with an open proposal (one query each: the dashboard keeps them
 * per data_version, store_dashcache.c).  d->by_state is indexed by
 * enum case_state; unknown states count only in the total. */
enum cm_err
store_dash_counts(struct store *s, const char *today, const char *soon,
    const char *user, struct dash_counts *d)
{
	sqlite3_stmt	*st;
	int		 rc, k, n;

	memset(d, 0, sizeof(*d));
	GET(st, STMT_COUNT_STATES);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 1);
		d->total += n;
		if ((k = case_state_find(col(st, 0))) >= 0) {
			d->by_state[k] += n;
			if (k != ST_REPLIED && k != ST_ARCHIVED)
				d->open += n;
		}
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	if (count1(s, STMT_COUNT_OVERDUE, today, NULL, &d->overdue) != 0 ||
	    count1(s, STMT_COUNT_DUE_SOON, today, soon, &d->due_soon) != 0 ||
	    count1(s, STMT_COUNT_MINE, user != NULL ? user : "", NULL,
	    &d->mine) != 0 ||
	    count1(s, STMT_COUNT_APPROVALS, NULL, NULL, &d->approvals) != 0 ||
	    count1(s, STMT_COUNT_LATE_CORR, NULL, NULL,
	    &d->late_correction) != 0)
		return CM_SYSERR;
	return store_px_open_count(s, &d->proposals_open);
}

/* Full-text search: match is an FTS5 query (trigram), needle the plain
 * text for 文号 of letters; NULL match scans with instr() instead. */
enum cm_err
store_search(struct store *s, const char *match, const char *needle,
    int limit, int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	/* Inside a write transaction, with the cases it queued. */
	if (match != NULL && (e = store_fts_current(s)) != CM_OK)
		return e;
	if (match != NULL) {
		GET(st, STMT_SEARCH_FTS);
		sq_bind_text(st, 1, match);
		sq_bind_text(st, 2, needle);
		sqlite3_bind_int(st, 3, limit);
	} else {
		GET(st, STMT_SEARCH_SCAN);
		sq_bind_text(st, 1, needle);
		sqlite3_bind_int(st, 2, limit);
	}
	return rows(s, st, fn, arg);
}

/* Cases received on or after since by the applicant with this identity
 * document, or this name and phone (either pair may be NULL). */
enum cm_err
store_recent_requests(struct store *s, const char *id_type,
    const char *id_number, const char *name, const char *phone,
    const char *since, int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;

	GET(st, STMT_RECENT);
	sq_bind_text(st, 1, id_number != NULL ? id_type : NULL);
	sq_bind_text(st, 2, id_number);
	sq_bind_text(st, 3, name);
	sq_bind_text(st, 4, name != NULL ? phone : NULL);
	sq_bind_text(st, 5, since);
	return rows(s, st, fn, arg);
}

enum cm_err
store_note_insert(struct store *s, const char *case_id, const char *author,
    const char *at, const char *text)
{
	sqlite3_stmt	*st;

	GET(st, STMT_NOTE_INSERT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, author);
	sq_bind_text(st, 3, at);
	sq_bind_text(st, 4, text);
	return sq_exec(s, st);
}

enum cm_err
store_notes_list(struct store *s, const char *case_id,
    int (*fn)(const struct note_rec *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct note_rec	 n;
	int		 rc;

	GET(st, STMT_NOTES_LIST);
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n.id = sqlite3_column_int64(st, 0);
		n.author = col(st, 1);
		n.at = col(st, 2);
		n.text = col(st, 3);
		if (fn(&n, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
store_attachment_insert(struct store *s, const char *case_id,
    const char *name, const char *mime, const void *data, size_t len,
    const char *sha256, const char *by, const char *at, int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_ATT_INSERT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, mime);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)len);
	sq_bind_text(st, 5, sha256);
	sqlite3_bind_blob64(st, 6, len > 0 ? data : "", len, SQLITE_STATIC);
	sq_bind_text(st, 7, by);
	sq_bind_text(st, 8, at);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

static void
read_att(sqlite3_stmt *st, struct attachment_info *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->name = sq_col_dup(st, 1);
	a->mime = sq_col_dup(st, 2);
	a->size = sqlite3_column_int64(st, 3);
	snprintf(a->sha256, sizeof(a->sha256), "%s",
	    col(st, 4) != NULL ? col(st, 4) : "");
	a->uploaded_by = sq_col_dup(st, 5);
	a->uploaded_at = sq_col_dup(st, 6);
}

/* Calls fn with each attachment's description (strings owned by the
 * row and freed after the callback). */
enum cm_err
store_attachments_list(struct store *s, const char *case_id,
    int (*fn)(const struct attachment_info *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct attachment_info	 a;
	int			 rc, stop;

	GET(st, STMT_ATT_LIST);
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_att(st, &a);
		stop = fn(&a, arg);
		attachment_info_clear(&a);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* One attachment with its bytes (*data is the caller's to free). */
enum cm_err
store_attachment_get(struct store *s, const char *case_id, int64_t id,
    struct attachment_info *a, void **data, size_t *len)
{
	sqlite3_stmt	*st;
	const void	*p;
	int		 rc;

	memset(a, 0, sizeof(*a));
	GET(st, STMT_ATT_GET);
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_att(st, a);
		p = sqlite3_column_blob(st, 7);
		*len = (size_t)sqlite3_column_bytes(st, 7);
		*data = xmalloc(*len + 1);
		if (*len > 0)
			memcpy(*data, p, *len);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_approval_insert(struct store *s, const struct approval *p,
    int64_t *id)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_APPR_INSERT);
	sq_bind_text(st, 1, p->case_id);
	sq_bind_text(st, 2, p->action);
	sq_bind_date(st, 3, p->effective);
	sq_bind_text(st, 4, p->outcome);
	sqlite3_bind_int(st, 5, p->days);
	sq_bind_date(st, 6, p->told_on);
	sq_bind_text(st, 7, p->note != NULL ? p->note : "");
	sq_bind_text(st, 8, p->requested_by);
	sq_bind_text(st, 9, p->requested_at);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

static void
read_appr(sqlite3_stmt *st, struct approval *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	snprintf(p->case_id, sizeof(p->case_id), "%s",
	    col(st, 1) != NULL ? col(st, 1) : "");
	p->case_number = sq_col_dup(st, 2);
	p->action = sq_col_dup(st, 3);
	p->effective = sq_col_dup(st, 4);
	p->outcome = sq_col_dup(st, 5);
	p->days = sqlite3_column_int(st, 6);
	p->told_on = sq_col_dup(st, 7);
	p->note = sq_col_dup(st, 8);
	p->requested_by = sq_col_dup(st, 9);
	p->requested_at = sq_col_dup(st, 10);
	p->status = sq_col_dup(st, 11);
	p->decided_by = sq_col_dup(st, 12);
	p->decided_at = sq_col_dup(st, 13);
	p->comment = sq_col_dup(st, 14);
}

enum cm_err
store_approval_get(struct store *s, int64_t id, struct approval *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(p, 0, sizeof(*p));
	GET(st, STMT_APPR_GET);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_appr(st, p);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Settles a pending approval; CM_CONFLICT when it is no longer pending. */
enum cm_err
store_approval_decide(struct store *s, int64_t id, const char *status,
    const char *by, const char *at, const char *comment)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_APPR_DECIDE);
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, status);
	sq_bind_text(st, 3, by);
	sq_bind_text(st, 4, at);
	sq_bind_text(st, 5, comment != NULL ? comment : "");
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_changes(s->db) != 1)
		return CM_CONFLICT;
	return e;
}

/*
 * Marks a closed case's pending approval withdrawn (decided by "by" at
 * "at" with the reason in comment), so that it leaves the list of
 * pending approvals; a no-op while the case is open.  *n (may be NULL)
 * is the number withdrawn.
 */
enum cm_err
store_approvals_withdraw(struct store *s, const char *case_id,
    const char *by, const char *at, const char *comment, int *n)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	GET(st, STMT_APPR_WITHDRAW);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, by);
	sq_bind_text(st, 3, at);
	sq_bind_text(st, 4, comment != NULL ? comment : "");
	if ((e = sq_exec(s, st)) == CM_OK && n != NULL)
		*n = sqlite3_changes(s->db);
	return e;
}

/* A case's approvals, newest first (case_id NULL: every pending one,
 * oldest first); records are owned by the callback's caller. */
enum cm_err
store_approvals_list(struct store *s, const char *case_id, int pending_only,
    int limit, int (*fn)(const struct approval *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct approval	 p;
	int		 rc, stop;

	GET(st, case_id != NULL ? STMT_APPR_CASE : STMT_APPR_PENDING);
	if (case_id != NULL) {
		sq_bind_text(st, 1, case_id);
		sqlite3_bind_int(st, 2, pending_only != 0);
	}
	sqlite3_bind_int(st, 3, limit > 0 ? limit : 100);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_appr(st, &p);
		stop = fn(&p, arg);
		approval_clear(&p);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * The requests of one user that a reviewer sent back and that still
 * stand: the case is open and nothing was requested for it since.
 * Newest first, at most limit.
 */
enum cm_err
store_approvals_rejected(struct store *s, const char *user, int limit,
    int (*fn)(const struct approval *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct approval	 p;
	int		 rc, stop;

	GET(st, STMT_APPR_REJECTED);
	sq_bind_text(st, 1, user);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 100);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_appr(st, &p);
		stop = fn(&p, arg);
		approval_clear(&p);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The declared days of one year (holidays and make-up workdays). */
enum cm_err
store_calendar_rows(struct store *s, int year,
    int (*fn)(const char *day, const char *kind, const char *name,
    const char *source, void *), void *arg)
{
	sqlite3_stmt	*st;
	char		 a[16], b[16];
	int		 rc;

	GET(st, STMT_CAL_ROWS);
	snprintf(a, sizeof(a), "%04d-01-01", year);
	snprintf(b, sizeof(b), "%04d-12-31", year);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(col(st, 0), col(st, 1), col(st, 2), col(st, 3), arg) !=
		    0) {
			rc = SQLITE_DONE;
			break;
		}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}
