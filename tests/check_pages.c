/* SPDX-License-Identifier: ISC */
/*
 * The pages' fast paths (issue 17 item 6) give the same answers as the
 * slow ones they replace:
 *   - table 三 of the annual report in one pass equals the four GROUP
 *     BYs it replaced, on the demo cases and on damaged rows (closed
 *     before received, concluded after a receipt in a later year, no
 *     outcome, a replied case without closing date), for several years;
 *   - the dashboard's count of Art. 44 groups with an open proposal,
 *     now kept with the cached counts, follows another connection's
 *     commit;
 *   - a page's session is read in its read snapshot (the served pages'
 *     own checks, the idle clock and what the case page keeps, are in
 *     check_pagekept.c);
 *   - timestamps and integers printed without printf/sscanf read as
 *     before; events loaded with their strings in one allocation.
 */
#include <check.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "cases/model.h"
#include "ops/auth.h"
#include "ops/calendar_io.h"
#include "ops/demo.h"
#include "store/phrases.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_dashcache.h"
#include "store/store_report.h"
#include "store/store_web.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "web/web.h"
#include "util/buf.h"
#include "web/html.h"

/* The four GROUP BYs table 三 was counted with before (store_report.c
 * until issue 17), the reference. */
static const char ref_sql[] =
    "SELECT 'new', NULL, a.type, COUNT(*) FROM cases c"
    " JOIN applicants a ON a.id = c.applicant_id"
    " WHERE c.received_on BETWEEN ?1 AND ?2 GROUP BY a.type"
    " UNION ALL SELECT 'carried_in', NULL, a.type, COUNT(*) FROM cases c"
    " JOIN applicants a ON a.id = c.applicant_id"
    " WHERE c.received_on < ?1 AND (c.closed_on IS NULL"
    " OR c.closed_on >= ?1) GROUP BY a.type"
    " UNION ALL SELECT 'concluded', c.outcome, a.type, COUNT(*) FROM cases c"
    " JOIN applicants a ON a.id = c.applicant_id"
    " WHERE c.closed_on BETWEEN ?1 AND ?2 GROUP BY c.outcome, a.type"
    " UNION ALL SELECT 'carried_out', NULL, a.type, COUNT(*) FROM cases c"
    " JOIN applicants a ON a.id = c.applicant_id"
    " WHERE c.received_on <= ?2 AND (c.closed_on IS NULL"
    " OR c.closed_on > ?2) GROUP BY a.type";

#define NTALLY	256

/* Counts by "kind|outcome|type", added up as report_add_app() does. */
struct tally {
	char		 key[NTALLY][96];
	long long	 n[NTALLY];
	int		 len;
};

static void
tally_add(const char *kind, const char *outcome, const char *type,
    long long n, void *arg)
{
	struct tally	*t = arg;
	char		 k[96];
	int		 i;

	snprintf(k, sizeof(k), "%s|%s|%s", kind, outcome != NULL ? outcome :
	    "(null)", type != NULL ? type : "(null)");
	for (i = 0; i < t->len; i++)
		if (strcmp(t->key[i], k) == 0)
			break;
	if (i == t->len) {
		ck_assert_int_lt(t->len, NTALLY);
		snprintf(t->key[t->len++], sizeof(t->key[0]), "%s", k);
	}
	t->n[i] += n;
}

/* Whether two tallies hold the same non-zero counts. */
static void
tally_same(const struct tally *a, const struct tally *b, int year)
{
	int	 i, j, nz = 0;

	for (i = 0; i < a->len; i++) {
		if (a->n[i] == 0)
			continue;
		nz++;
		for (j = 0; j < b->len; j++)
			if (strcmp(a->key[i], b->key[j]) == 0)
				break;
		ck_assert_msg(j < b->len && b->n[j] == a->n[i],
		    "%d: %s: %lld by the GROUP BYs, %lld in one pass", year,
		    a->key[i], a->n[i], j < b->len ? b->n[j] : 0);
	}
	for (j = 0; j < b->len; j++)
		nz -= b->n[j] != 0;
	ck_assert_msg(nz == 0, "%d: one pass counts other groups", year);
}

static void
ref_tally(sqlite3 *db, int year, struct tally *t)
{
	sqlite3_stmt	*st;
	char		 a[16], b[16];

	memset(t, 0, sizeof(*t));
	snprintf(a, sizeof(a), "%04d-01-01", year);
	snprintf(b, sizeof(b), "%04d-12-31", year);
	ck_assert_int_eq(sqlite3_prepare_v2(db, ref_sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW)
		tally_add((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3), t);
	sqlite3_finalize(st);
}

static int
int_of(sqlite3 *db, const char *q)
{
	sqlite3_stmt	*st;
	int		 v;

	ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
sql(sqlite3 *db, const char *q)
{
	char	*err = NULL;

	ck_assert_msg(sqlite3_exec(db, q, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", q, err != NULL ? err : "?");
}

/* A demo database in dir (its store open); the caller closes both. */
static struct store *
demo_store(const char *dir, struct calendar **cal)
{
	struct store	*st;
	char		 err[512];
	int		 today, n;

	today = test_day(WF_TODAY);
	st = test_store(dir);
	ck_assert_msg(calendar_install_builtin(st, today, err, sizeof(err)) ==
	    CM_OK, "%s", err);
	ck_assert_ptr_nonnull(*cal = calendar_open(st));
	ck_assert_msg(demo_populate(st, *cal, today, &n, err, sizeof(err)) ==
	    CM_OK, "%s", err);
	ck_assert_int_gt(n, 10);
	return st;
}

START_TEST(report_one_pass)
{
	struct calendar	*cal;
	struct store	*st;
	struct tally	 ref, got;
	sqlite3		*db;
	char		*dir, path[512];
	int		 year, round;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	for (round = 0; round < 2; round++) {
		if (round == 1) {
			/* Damaged rows, each on a case not sealed in the
			 * archive: closed before received; concluded in
			 * 2025 but received in 2026; concluded without an
			 * outcome; replied without a closing date. */
			sql(db, "CREATE TEMP TABLE pick AS SELECT id, "
			    "row_number() OVER (ORDER BY number) AS k "
			    "FROM cases WHERE id NOT IN (SELECT case_id "
			    "FROM archive_sealed)");
			ck_assert_int_ge(int_of(db, "SELECT count(*) FROM "
			    "pick"), 4);
			sql(db, "UPDATE cases SET received_on = '2025-03-01',"
			    " closed_on = '2024-06-01' WHERE id = "
			    "(SELECT id FROM pick WHERE k = 1)");
			sql(db, "UPDATE cases SET received_on = '2026-02-01',"
			    " closed_on = '2025-05-05', outcome = 'disclosed'"
			    " WHERE id = (SELECT id FROM pick WHERE k = 2)");
			sql(db, "UPDATE cases SET closed_on = '2025-07-07',"
			    " outcome = NULL WHERE id = "
			    "(SELECT id FROM pick WHERE k = 3)");
			sql(db, "UPDATE cases SET state = 'replied',"
			    " closed_on = NULL, received_on = '2024-12-30'"
			    " WHERE id = (SELECT id FROM pick WHERE k = 4)");
		}
		for (year = 2023; year <= 2027; year++) {
			ref_tally(db, year, &ref);
			memset(&got, 0, sizeof(got));
			ck_assert_int_eq(store_report_applications(st, year,
			    tally_add, &got), CM_OK);
			tally_same(&ref, &got, year);
			tally_same(&got, &ref, year);
			if (year == 2025)
				ck_assert_int_gt(ref.len, 3);
		}
	}
	sqlite3_close(db);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

START_TEST(dash_proposals_follow_commits)
{
	struct calendar		*cal;
	struct store		*st, *rd;
	struct dash_counts	 d0, d1, d2;
	sqlite3			*db;
	char			*dir, path[512];
	int			 n;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	n = int_of(db, "SELECT count(DISTINCT group_id) FROM "
	    "proactive_proposals WHERE status = 'open'");
	ck_assert_int_eq(store_dash_counts_cached(rd, "2026-11-20",
	    "2026-11-25", "officer", &d0), CM_OK);
	ck_assert_int_eq(d0.proposals_open, n);
	/* From the cache: the same. */
	ck_assert_int_eq(store_dash_counts_cached(rd, "2026-11-20",
	    "2026-11-25", "officer", &d1), CM_OK);
	ck_assert_int_eq(d1.proposals_open, n);
	ck_assert_int_eq(d1.total, d0.total);
	/* Another connection opens a proposal on a new group. */
	sql(db, "INSERT INTO proactive_groups (id, key, label, created_at,"
	    " updated_at) VALUES (987654, 'k', 'l', '2026-11-20T00:00:00Z',"
	    " '2026-11-20T00:00:00Z')");
	sql(db, "INSERT INTO proactive_proposals (group_id, source, reason,"
	    " opened_by, opened_at) VALUES (987654, 'officer', 't',"
	    " 'officer', '2026-11-20T00:00:00Z')");
	ck_assert_int_eq(store_dash_counts_cached(rd, "2026-11-20",
	    "2026-11-25", "officer", &d2), CM_OK);
	ck_assert_int_eq(d2.proposals_open, n + 1);
	/* A late 补正 notice (decision 9), counted through its partial
	 * index. */
	n = int_of(db, "SELECT count(DISTINCT case_id) FROM events WHERE "
	    "action = 'request-correction' AND json_extract(payload, "
	    "'$.late_correction') = 1");
	ck_assert_int_eq(d2.late_correction, n);
	sql(db, "UPDATE events SET payload = '{\"late_correction\":true}' "
	    "WHERE id = (SELECT min(id) FROM events WHERE action = "
	    "'receive' AND case_id NOT IN (SELECT case_id FROM "
	    "archive_sealed))");
	sql(db, "UPDATE events SET action = 'request-correction' WHERE "
	    "payload = '{\"late_correction\":true}'");
	ck_assert_int_eq(store_dash_counts_cached(rd, "2026-11-20",
	    "2026-11-25", "officer", &d2), CM_OK);
	ck_assert_int_eq(d2.late_correction, n + 1);
	sqlite3_close(db);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/* Appends a note event to case id on st (in a transaction of its own,
 * or the caller's). */
static void
append_note(struct store *st, const char *id, const char *note)
{
	struct event_rec	 e;

	memset(&e, 0, sizeof(e));
	e.action = (char *)"note";
	e.actor = (char *)"officer";
	e.at = (char *)"2026-11-20T01:00:00Z";
	snprintf(e.effective, sizeof(e.effective), "2026-11-20");
	e.note = (char *)note;
	e.amount_fen = -1;
	ck_assert_int_eq(store_begin(st), CM_OK);
	ck_assert_int_eq(store_event_append(st, id, &e), CM_OK);
	ck_assert_int_eq(store_commit(st), CM_OK);
}

/* Two strings equal, or both NULL. */
static void
same_or_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		ck_assert_ptr_eq(a, b);
	else
		ck_assert_str_eq(a, b);
}

/*
 * A case's events come from the connection's cache only while nothing
 * was committed (store_cache.c): another connection's new event, and
 * one of this connection's own, show at once; copies are the caller's.
 */
START_TEST(events_cache_follows_commits)
{
	struct calendar		*cal;
	struct store		*st, *rd;
	struct event_rec	*e0 = NULL, *e1 = NULL, *e2 = NULL;
	struct store		*w2;
	sqlite3			*db;
	sqlite3_stmt		*qs;
	char			*dir, path[512], id[64];
	size_t			 n0 = 0, n1 = 0, n2 = 0, i;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT case_id FROM events"
	    " WHERE case_id NOT IN (SELECT case_id FROM archive_sealed)"
	    " GROUP BY case_id ORDER BY count(*) DESC LIMIT 1", -1, &qs, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(qs), SQLITE_ROW);
	snprintf(id, sizeof(id), "%s", sqlite3_column_text(qs, 0));
	sqlite3_finalize(qs);
	ck_assert_int_eq(store_events_get(rd, id, &e0, &n0), CM_OK);
	ck_assert_int_gt(n0, 3);
	/* The second read (a copy from the cache) is the same. */
	ck_assert_int_eq(store_events_get(rd, id, &e1, &n1), CM_OK);
	ck_assert_uint_eq(n1, n0);
	for (i = 0; i < n0; i++) {
		ck_assert_int_eq(e1[i].seq, e0[i].seq);
		ck_assert_str_eq(e1[i].action, e0[i].action);
		ck_assert_str_eq(e1[i].payload, e0[i].payload);
		ck_assert_str_eq(e1[i].effective, e0[i].effective);
		ck_assert_ptr_ne(e1[i].mem, e0[i].mem);
		/* Every string, in the copy's own block (events_clone). */
		same_or_null(e1[i].actor, e0[i].actor);
		same_or_null(e1[i].at, e0[i].at);
		same_or_null(e1[i].party, e0[i].party);
		same_or_null(e1[i].outcome, e0[i].outcome);
		same_or_null(e1[i].note, e0[i].note);
		same_or_null(e1[i].addr, e0[i].addr);
		ck_assert_int_eq(e1[i].days, e0[i].days);
		ck_assert_int_eq(e1[i].amount_fen, e0[i].amount_fen);
		ck_assert_ptr_ne(e1[i].action, e0[i].action);
	}
	/* A third read from the cache: its own block again. */
	ck_assert_int_eq(store_events_get(rd, id, &e2, &n2), CM_OK);
	ck_assert_uint_eq(n2, n1);
	ck_assert_ptr_ne(e2[0].mem, e1[0].mem);
	ck_assert_ptr_ne(e2[n2 - 1].payload, e1[n1 - 1].payload);
	ck_assert_str_eq(e2[n2 - 1].payload, e1[n1 - 1].payload);
	events_free(e2, n2);
	events_free(e0, n0);
	/* Another connection appends an event. */
	ck_assert_int_eq(store_open(path, &w2), CM_OK);
	append_note(w2, id, "cache test");
	store_close(w2);
	ck_assert_int_eq(store_events_get(rd, id, &e2, &n2), CM_OK);
	ck_assert_uint_eq(n2, n0 + 1);
	ck_assert_str_eq(e2[n2 - 1].note, "cache test");
	/* A copy of a copy: every string equal, in the copy's own block. */
	{
		struct event_rec *e3 = events_copy(e1, n1);

		for (i = 0; i < n1; i++) {
			ck_assert_str_eq(e3[i].action, e1[i].action);
			ck_assert_str_eq(e3[i].at, e1[i].at);
			ck_assert_ptr_nonnull(e3[i].mem);
			ck_assert_ptr_ne(e3[i].action, e1[i].action);
			if (e1[i].note != NULL)
				ck_assert_str_eq(e3[i].note, e1[i].note);
			else
				ck_assert_ptr_null(e3[i].note);
		}
		events_free(e3, n1);
	}
	/* The first copy is untouched by the cache's renewal. */
	ck_assert_str_eq(e1[n1 - 1].action, e2[n1 - 1].action);
	events_free(e1, n1);
	events_free(e2, n2);
	/* This connection's own commit (a writable one). */
	ck_assert_int_eq(store_events_get(st, id, &e0, &n0), CM_OK);
	ck_assert_uint_eq(n0, n2);
	events_free(e0, n0);
	ck_assert_int_eq(store_begin(st), CM_OK);
	append_note(st, id, "own commit");
	/* Inside the transaction its own write shows already. */
	ck_assert_int_eq(store_events_get(st, id, &e0, &n0), CM_OK);
	ck_assert_uint_eq(n0, n2 + 1);
	events_free(e0, n0);
	ck_assert_int_eq(store_commit(st), CM_OK);
	ck_assert_int_eq(store_events_get(st, id, &e0, &n0), CM_OK);
	ck_assert_uint_eq(n0, n2 + 1);
	ck_assert_str_eq(e0[n0 - 1].note, "own commit");
	events_free(e0, n0);
	sqlite3_close(db);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

START_TEST(html_time_and_int)
{
	struct buf	 b;

	buf_init(&b);
	html_time(&b, "2026-11-20T17:30:59Z");
	ck_assert_str_eq(buf_str(&b), "2026-11-21 01:30");
	buf_reset(&b);
	html_time(&b, "2026-12-31T16:00:00Z");
	ck_assert_str_eq(buf_str(&b), "2027-01-01 00:00");
	buf_reset(&b);
	html_time(&b, "2024-02-28T23:59:00Z");
	ck_assert_str_eq(buf_str(&b), "2024-02-29 07:59");
	buf_reset(&b);
	/* The same day, early and late in a month. */
	html_time(&b, "2026-11-20T01:02:03Z");
	ck_assert_str_eq(buf_str(&b), "2026-11-20 09:02");
	buf_reset(&b);
	html_time(&b, "2026-11-30T15:59:59Z");
	ck_assert_str_eq(buf_str(&b), "2026-11-30 23:59");
	buf_reset(&b);
	html_time(&b, "2026-11-27T16:00:00Z");
	ck_assert_str_eq(buf_str(&b), "2026-11-28 00:00");
	buf_reset(&b);
	html_time(&b, "2026-02-28T16:00:00Z");
	ck_assert_str_eq(buf_str(&b), "2026-03-01 00:00");
	buf_reset(&b);
	html_time(&b, "2026-02-31T03:00:00Z");	/* as the calendar reads it */
	ck_assert_str_eq(buf_str(&b), "2026-03-03 11:00");
	buf_reset(&b);
	/* Not the stored form: read as sscanf reads it, or shown as is. */
	html_time(&b, "2026-1-5T3:4");
	ck_assert_str_eq(buf_str(&b), "2026-01-05 11:04");
	buf_reset(&b);
	html_time(&b, "<none>");
	ck_assert_str_eq(buf_str(&b), "&lt;none&gt;");
	buf_reset(&b);
	html_time(&b, "");
	ck_assert_str_eq(buf_str(&b), "");
	buf_reset(&b);
	html_int(&b, 0);
	html_raw(&b, " ");
	html_int(&b, -42);
	html_raw(&b, " ");
	html_int(&b, 1234567890123LL);
	html_raw(&b, " ");
	html_int(&b, LLONG_MIN);
	html_raw(&b, " ");
	html_int(&b, LLONG_MAX);
	ck_assert_str_eq(buf_str(&b), "0 -42 1234567890123 "
	    "-9223372036854775808 9223372036854775807");
	buf_clear(&b);
}
END_TEST

START_TEST(events_one_allocation)
{
	struct calendar		*cal;
	struct store		*st;
	struct event_rec	*ev = NULL;
	sqlite3			*db;
	sqlite3_stmt		*q;
	char			*dir, path[512], id[64];
	size_t			 n = 0, i;
	int			 with_outcome = 0, nulls = 0;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	/* The case with the most events, one of them with an outcome. */
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT case_id FROM events"
	    " GROUP BY case_id HAVING count(outcome) > 0"
	    " ORDER BY count(*) DESC LIMIT 1", -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	snprintf(id, sizeof(id), "%s", sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	ck_assert_int_eq(store_events_get(st, id, &ev, &n), CM_OK);
	ck_assert_int_gt(n, 3);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT action, actor, at,"
	    " party, outcome, note, payload, addr FROM events"
	    " WHERE case_id = ?1 ORDER BY seq", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
		ck_assert_ptr_nonnull(ev[i].mem);
		ck_assert_str_eq(ev[i].action, (const char *)
		    sqlite3_column_text(q, 0));
		ck_assert_str_eq(ev[i].actor, (const char *)
		    sqlite3_column_text(q, 1));
		ck_assert_str_eq(ev[i].at, (const char *)
		    sqlite3_column_text(q, 2));
		ck_assert_str_eq(ev[i].party, (const char *)
		    sqlite3_column_text(q, 3));
		if (sqlite3_column_type(q, 4) == SQLITE_NULL) {
			ck_assert_ptr_null(ev[i].outcome);
			nulls++;
		} else {
			ck_assert_str_eq(ev[i].outcome, (const char *)
			    sqlite3_column_text(q, 4));
			with_outcome++;
		}
		ck_assert_str_eq(ev[i].note, (const char *)
		    sqlite3_column_text(q, 5));
		ck_assert_str_eq(ev[i].payload, (const char *)
		    sqlite3_column_text(q, 6));
		ck_assert_str_eq(ev[i].addr, (const char *)
		    sqlite3_column_text(q, 7));
	}
	ck_assert_int_eq(sqlite3_step(q), SQLITE_DONE);
	ck_assert_int_gt(with_outcome, 0);
	ck_assert_int_gt(nulls, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	events_free(ev, n);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/* One list page as text: number, state, handler and key of each row. */
static int
page_line(const struct list_row *l, void *arg)
{
	buf_printf(arg, "%s %s %s %s;", l->number, l->state,
	    l->handler != NULL ? l->handler : "-", l->key);
	return 0;
}

static char *
list_page(struct store *st, const char *after)
{
	struct list_query	 q;
	struct buf		 b;

	memset(&q, 0, sizeof(q));
	q.open_only = 1;
	q.sort = SORT_DUE;
	q.limit = 50;
	q.after = after;
	buf_init(&b);
	ck_assert_int_eq(store_case_page(st, &q, page_line, &b), CM_OK);
	return buf_release(&b);
}

/* Sets the handler of case number on st (in a transaction of its own,
 * or inside the caller's). */
static void
set_handler(struct store *st, const char *number, const char *handler)
{
	struct case_rec	 r;

	ck_assert_int_eq(store_case_get(st, number, &r), CM_OK);
	free(r.handler);
	r.handler = strdup(handler);
	ck_assert_int_eq(store_begin(st), CM_OK);
	ck_assert_int_eq(store_case_update(st, &r), CM_OK);
	ck_assert_int_eq(store_commit(st), CM_OK);
	case_rec_clear(&r);
}

/*
 * A list page comes from the connection's cache only while nothing was
 * committed (store_listcache.c): another connection's change and this
 * connection's own show at once, a page with another cursor is another
 * page, and nothing read inside a transaction is kept.
 */
START_TEST(list_cache_follows_commits)
{
	struct calendar	*cal;
	struct store	*st, *rd;
	sqlite3		*db;
	sqlite3_stmt	*u;
	char		*dir, path[512], first[32], cur[96], *p0, *p1, *p2, *p3;
	const char	*rest;
	char		 num[32], state[32], handler[64], key[32];

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	p0 = list_page(rd, NULL);
	ck_assert_int_eq(sscanf(p0, "%31s %31s %63s %31[^;]", num, state,
	    handler, key), 4);
	snprintf(first, sizeof(first), "%s", num);
	p1 = list_page(rd, NULL);
	ck_assert_str_eq(p1, p0);
	free(p1);
	/* The page after the first row is another page. */
	snprintf(cur, sizeof(cur), "%s,%s", key, first);
	p1 = list_page(rd, cur);
	ck_assert_ptr_null(strstr(p1, first));
	rest = strchr(p0, ';') + 1;
	ck_assert_int_eq(strncmp(p1, rest, strcspn(rest, ";") + 1), 0);
	free(p1);
	/* Another connection changes the first case. */
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE cases SET handler ="
	    " 'other-conn' WHERE number = ?1", -1, &u, NULL), SQLITE_OK);
	sqlite3_bind_text(u, 1, first, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(u), SQLITE_DONE);
	sqlite3_finalize(u);
	sqlite3_close(db);
	p1 = list_page(rd, NULL);
	ck_assert_ptr_nonnull(strstr(p1, " other-conn "));
	ck_assert_str_ne(p1, p0);
	/* This connection's own commit. */
	p2 = list_page(st, NULL);
	ck_assert_str_eq(p2, p1);
	free(p2);
	set_handler(st, first, "own-commit");
	p2 = list_page(st, NULL);
	ck_assert_ptr_nonnull(strstr(p2, " own-commit "));
	/* Inside a transaction its own write shows, and nothing read there
	 * outlives the rollback. */
	ck_assert_int_eq(store_begin(st), CM_OK);
	set_handler(st, first, "in-tx");
	p3 = list_page(st, NULL);
	ck_assert_ptr_nonnull(strstr(p3, " in-tx "));
	free(p3);
	store_rollback(st);
	p3 = list_page(st, NULL);
	ck_assert_str_eq(p3, p2);
	free(p3);
	free(p0);
	free(p1);
	free(p2);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/*
 * A session found on a connection is found again from its cache only
 * while nothing was committed (store_auth.c): a logout or a disabled
 * account on another connection, and a logout on the same one, end it
 * at once.
 */
START_TEST(session_cache_follows_commits)
{
	struct calendar		*cal;
	struct store		*st, *rd;
	struct auth_policy	 pol;
	struct session		 s, g;
	time_t			 now = time(NULL);
	char			*dir, path[512];

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	auth_policy_default(&pol);
	ck_assert_int_eq(auth_login(st, &pol, "officer", DEMO_PASSWORD,
	    "127.0.0.1", now, &s), AUTH_OK);
	ck_assert_int_eq(auth_session_lookup(rd, st, &pol, s.token, now, &g),
	    CM_OK);
	ck_assert_str_eq(g.user, "officer");
	ck_assert_str_eq(g.csrf, s.csrf);
	ck_assert_int_eq(auth_session_lookup(rd, st, &pol, s.token, now, &g),
	    CM_OK);
	ck_assert_str_eq(g.csrf, s.csrf);
	/* Logged out on another connection. */
	ck_assert_int_eq(auth_logout(st, s.token, "127.0.0.1"), CM_OK);
	ck_assert_int_eq(auth_session_lookup(rd, st, &pol, s.token, now, &g),
	    CM_NOTFOUND);
	/* Logged out on the same connection. */
	ck_assert_int_eq(auth_login(st, &pol, "officer", DEMO_PASSWORD,
	    "127.0.0.1", now, &s), AUTH_OK);
	ck_assert_int_eq(auth_session_get(st, &pol, s.token, now, &g), CM_OK);
	ck_assert_int_eq(auth_session_get(st, &pol, s.token, now, &g), CM_OK);
	ck_assert_int_eq(auth_logout(st, s.token, "127.0.0.1"), CM_OK);
	ck_assert_int_eq(auth_session_get(st, &pol, s.token, now, &g),
	    CM_NOTFOUND);
	/* The account disabled on another connection. */
	ck_assert_int_eq(auth_login(st, &pol, "officer", DEMO_PASSWORD,
	    "127.0.0.1", now, &s), AUTH_OK);
	ck_assert_int_eq(auth_session_lookup(rd, st, &pol, s.token, now, &g),
	    CM_OK);
	ck_assert_int_eq(auth_user_set_disabled(st, "officer", 1), CM_OK);
	ck_assert_int_eq(auth_session_lookup(rd, st, &pol, s.token, now, &g),
	    CM_NOTFOUND);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/* The phrasebook comes from the connection's cache only while nothing
 * was committed (store_phrases.c); copies are the caller's. */
START_TEST(phrases_cache_follows_commits)
{
	struct calendar	*cal;
	struct store	*st, *rd;
	struct phrase	*a = NULL, *b = NULL;
	size_t		 na = 0, nb = 0, i;
	int64_t		 id;
	int		 found = 0;
	char		*dir, path[512];

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	ck_assert_int_eq(phrases_list(rd, NULL, &a, &na), CM_OK);
	ck_assert_int_eq(phrases_list(rd, NULL, &b, &nb), CM_OK);
	ck_assert_uint_eq(nb, na);
	for (i = 0; i < na; i++) {
		ck_assert_str_eq(b[i].text, a[i].text);
		ck_assert_ptr_ne(b[i].text, a[i].text);
	}
	phrases_free(b, nb);
	ck_assert_int_eq(phrase_add(st, "reply", "request", "缓存测试", &id),
	    CM_OK);
	ck_assert_int_eq(phrases_list(rd, NULL, &b, &nb), CM_OK);
	ck_assert_uint_eq(nb, na + 1);
	for (i = 0; i < nb; i++)
		found += strcmp(b[i].text, "缓存测试") == 0;
	ck_assert_int_eq(found, 1);
	phrases_free(a, na);
	phrases_free(b, nb);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/* A memo (store_memo_mark) is found only under the version it was kept
 * under: another connection's commit, or the connection's own, hides
 * it; one kept while a commit came in between is not kept. */
START_TEST(memo_follows_commits)
{
	struct calendar		*cal;
	struct store		*st, *rd;
	struct store_memo_mark	 mk;
	sqlite3			*db;
	char			*dir, path[512];
	int			 v = 0, w = 7;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	dir = test_tmpdir();
	st = demo_store(dir, &cal);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open_readonly(path, &rd), CM_OK);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	store_memo_mark(rd, &mk);
	ck_assert_int_eq(store_memo_get(rd, &mk, "k", &v, sizeof(v)), 0);
	store_memo_put(rd, &mk, "k", &w, sizeof(w));
	store_memo_mark(rd, &mk);
	ck_assert_int_eq(store_memo_get(rd, &mk, "k", &v, sizeof(v)), 1);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(store_memo_get(rd, &mk, "other", &v, sizeof(v)), 0);
	/* Another connection commits. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE agency SET phone = phone"
	    " || '1'", NULL, NULL, NULL), SQLITE_OK);
	store_memo_mark(rd, &mk);
	ck_assert_int_eq(store_memo_get(rd, &mk, "k", &v, sizeof(v)), 0);
	/* A commit between the mark and the put: not kept. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE agency SET phone = phone"
	    " || '2'", NULL, NULL, NULL), SQLITE_OK);
	store_memo_put(rd, &mk, "k", &w, sizeof(w));
	store_memo_mark(rd, &mk);
	ck_assert_int_eq(store_memo_get(rd, &mk, "k", &v, sizeof(v)), 0);
	/* The connection's own commit. */
	store_memo_mark(st, &mk);
	store_memo_put(st, &mk, "k", &w, sizeof(w));
	store_memo_mark(st, &mk);
	ck_assert_int_eq(store_memo_get(st, &mk, "k", &v, sizeof(v)), 1);
	set_handler(st, "2026-0001", "memo-test");
	store_memo_mark(st, &mk);
	ck_assert_int_eq(store_memo_get(st, &mk, "k", &v, sizeof(v)), 0);
	sqlite3_close(db);
	store_close(rd);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

Suite *
pages_suite(void)
{
	Suite	*s = suite_create("pages");
	TCase	*tc;

	tc = tcase_create("fast paths");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, report_one_pass);
	tcase_add_test(tc, dash_proposals_follow_commits);
	tcase_add_test(tc, html_time_and_int);
	tcase_add_test(tc, events_one_allocation);
	tcase_add_test(tc, events_cache_follows_commits);
	tcase_add_test(tc, list_cache_follows_commits);
	tcase_add_test(tc, session_cache_follows_commits);
	tcase_add_test(tc, phrases_cache_follows_commits);
	tcase_add_test(tc, memo_follows_commits);
	suite_add_tcase(s, tc);
	return s;
}
