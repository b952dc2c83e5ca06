/* SPDX-License-Identifier: ISC */
/*
 * Storage behind the search box (statement table SM_SEARCH): the exact
 * lookups a clerk's query may be -- a case number, an identity number,
 * a phone number, a 文号 through its normalised key (case_docrefs) --
 * and one- or two-character text through case_grams (migration 17).
 * Every statement walks an index: none scans the cases.  Rows come as
 * struct list_row with why set by the caller (ops/search.c).
 *
 * The deadline of an expensive request (store_deadline) lives here too:
 * a progress handler interrupts the statement that runs past it, and
 * the statement fails with CM_UNAVAILABLE ("查询超时").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/records.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_web.h"

enum stmt {
	STMT_BY_NUMBER, STMT_BY_ID_NUMBER, STMT_BY_PHONE, STMT_BY_DOCREF,
	STMT_BY_GRAM, STMT_GRAM_SCAN,
	STMT__MAX
};

#define ROW	"SELECT " LIST_ROW_COLS("c.received_on")
#define JOIN_A	" JOIN applicants a ON a.id = c.applicant_id"
#define NEWEST	" ORDER BY c.year DESC, c.seq DESC"
/* The normalised phone number: the expression of applicants_phone_key
 * (migration 17), written the same so that the planner uses it. */
#define PHONE_KEY "replace(replace(replace(replace(replace(a.phone, '-', ''),"\
		  " ' ', ''), '(', ''), ')', ''), '+86', '')"

static const char *const stmts[STMT__MAX] = {
	[STMT_BY_NUMBER] =
	    ROW ", NULL FROM cases c" JOIN_A " WHERE c.year = ?1 AND c.seq = ?2",
	[STMT_BY_ID_NUMBER] =
	    ROW ", a.id_number FROM applicants a"
	    " JOIN cases c ON c.applicant_id = a.id"
	    " WHERE a.id_number IN (?1, ?2)" NEWEST " LIMIT ?3",
	[STMT_BY_PHONE] =
	    ROW ", a.phone FROM applicants a"
	    " JOIN cases c ON c.applicant_id = a.id"
	    " WHERE " PHONE_KEY " IN (?1, ?2)" NEWEST " LIMIT ?3",
	[STMT_BY_DOCREF] =
	    ROW ", d.prefix FROM case_docrefs d"
	    " JOIN cases c ON c.id = d.case_id" JOIN_A
	    " WHERE d.tail = ?1" NEWEST " LIMIT ?2",
	/* With the cases waiting in fts_queue (store_ftsq.c: at most a
	 * few hundred, in no index yet) by a scan of their text; the queue
	 * the outer loop (CROSS JOIN: else the planner may scan cases). */
	[STMT_BY_GRAM] =
	    ROW ", NULL FROM (SELECT * FROM (SELECT rowid AS k"
	    "  FROM case_gram_fts"
	    "  WHERE case_gram_fts MATCH '\"' || hex(?1) || '\"'"
	    "  ORDER BY rowid DESC LIMIT ?2)"
	    "  UNION SELECT q.year * 10000000 + q.seq FROM fts_queue f"
	    "  CROSS JOIN cases q ON q.rowid = f.case_rowid"
	    "  WHERE instr(q.request, ?1) > 0 OR instr(q.doc_number, ?1) > 0"
	    "  OR instr((SELECT name FROM applicants"
	    "   WHERE id = q.applicant_id), ?1) > 0) x"
	    " JOIN cases c ON c.year = x.k / 10000000"
	    "  AND c.seq = x.k % 10000000" JOIN_A NEWEST " LIMIT ?2",
	/* The plain scan the index must agree with (tests only). */
	[STMT_GRAM_SCAN] =
	    ROW ", NULL FROM cases c" JOIN_A
	    " WHERE instr(c.request, ?1) > 0 OR instr(a.name, ?1) > 0"
	    " OR instr(c.doc_number, ?1) > 0" NEWEST " LIMIT ?2",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_SEARCH, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* Steps st to the end, calling fn with each row (column 17 as extra). */
static enum cm_err
rows(struct store *s, sqlite3_stmt *st, const char *why,
    int (*fn)(const struct list_row *, void *), void *arg)
{
	struct list_row	 r;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_list_row(st, &r);
		r.why = why;
		r.extra = (const char *)sqlite3_column_text(st, 17);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

#define GET(st, k)	do {					\
		if (((st) = get(s, (k))) == NULL)		\
			return CM_SYSERR;			\
	} while (0)

/* The case numbered year-seq (at most one). */
enum cm_err
store_search_number(struct store *s, int year, int seq, const char *why,
    int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;

	GET(st, STMT_BY_NUMBER);
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, seq);
	return rows(s, st, why, fn, arg);
}

/* Cases whose applicant's identity number is a or b, newest first. */
enum cm_err
store_search_id_number(struct store *s, const char *a, const char *b,
    int limit, const char *why, int (*fn)(const struct list_row *, void *),
    void *arg)
{
	sqlite3_stmt	*st;

	GET(st, STMT_BY_ID_NUMBER);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
	sqlite3_bind_int(st, 3, limit);
	return rows(s, st, why, fn, arg);
}

/* Cases whose applicant's phone, without "-", " ", "(", ")" and "+86",
 * is a or b, newest first. */
enum cm_err
store_search_phone(struct store *s, const char *a, const char *b, int limit,
    const char *why, int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;

	GET(st, STMT_BY_PHONE);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
	sqlite3_bind_int(st, 3, limit);
	return rows(s, st, why, fn, arg);
}

/* Cases citing a 文号 whose normalised tail is tail ("〔2020〕17号"),
 * newest first; extra is the issuer's code stored with it. */
enum cm_err
store_search_docref(struct store *s, const char *tail, int limit,
    const char *why, int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;

	GET(st, STMT_BY_DOCREF);
	sq_bind_text(st, 1, tail);
	sqlite3_bind_int(st, 2, limit);
	return rows(s, st, why, fn, arg);
}

/* Cases whose applicant name, request text or 文号 field contains the
 * one or two characters gram, newest (highest number) first: through
 * case_grams when scan is 0, by reading every case when 1 (the plain
 * scan the tests compare the index with). */
enum cm_err
store_search_gram(struct store *s, const char *gram, int limit, int scan,
    const char *why, int (*fn)(const struct list_row *, void *), void *arg)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	/* Inside a write transaction, with the cases it queued. */
	if (!scan && (e = store_fts_current(s)) != CM_OK)
		return e;
	GET(st, scan ? STMT_GRAM_SCAN : STMT_BY_GRAM);
	sq_bind_text(st, 1, gram);
	sqlite3_bind_int(st, 2, limit);
	return rows(s, st, why, fn, arg);
}

/* ---- deadlines ------------------------------------------------------- */

static long long
now_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
past_deadline(void *arg)
{
	struct store	*s = arg;

	return now_ms() > s->deadline_ms;
}

/*
 * Gives the statements run on s from now on ms milliseconds in all
 * (0 lifts the deadline): one that runs past it is interrupted and
 * fails with CM_UNAVAILABLE.  For the expensive requests of the web
 * server (search, reports, exports), so that none holds a thread long.
 */
void
store_deadline(struct store *s, int ms)
{
	if (ms <= 0) {
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
		s->deadline_ms = 0;
		return;
	}
	s->deadline_ms = now_ms() + ms;
	sqlite3_progress_handler(s->db, 1000, past_deadline, s);
}
