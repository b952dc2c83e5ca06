/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计 (issue 13 item 5): every figure of a fixed scenario
 * counted by hand on cases/cn-calendar.tsv (comments below), through
 * ops/stats.c; the page, the JSON API, the CSV and the CLI showing the
 * same numbers; the links leading to exactly the cases counted; the
 * role gates; and reads that change nothing.
 *
 * The scenario (built through case_new/case_act; handler and
 * department set by SQL, the assignment ops being another part of
 * issue 13), today 2026-11-20.  Working days are counted on the
 * holiday calendar, day 0 = the receipt date:
 *
 *  A 2025-09-26 received, replied 2025-10-20.  Deadline: 09-28 (a
 *    Sunday worked) 1, 09-29 2, 09-30 3, 10-01..08 National Day, 10-09
 *    4, 10-10 5, 10-11 (a Saturday worked) 6, 10-13..17 7-11, 10-20..24
 *    12-16, 10-27..30 17-20: due 2025-10-30.  Reply on 10-20 = wd 12:
 *    on time, clock 12, wait 12.  Department 综合科.
 *  B 2025-03-03 received, replied 2025-04-02.  Due: 03-04..07 1-4,
 *    03-10..14 5-9, 17..21 10-14, 24..28 15-19, 03-31 20.  Reply 04-01
 *    21, 04-02 22: late, clock 22, wait 22.  Department 综合科.
 *  C 2025-05-06 received (after May Day), extended on 2025-05-30 by 20,
 *    replied 2025-06-20.  05-07..09 1-3, 05-12..16 4-8, 19..23 9-13,
 *    26..30 14-18, 05-31..06-02 Dragon Boat, 06-03 19, 06-04 20 (the
 *    first deadline), +20: 06-05 21, 06-06 22, 06-09..13 23-27,
 *    16..20 28-32, 23..27 33-37, 06-30 38, 07-01 39, 07-02 40: due
 *    2025-07-02.  Reply on 06-20 = wd 32: on time, clock 32, wait 32.
 *    Department 基础教育科.
 *  D 2025-07-01 received, consultation of another agency 07-03 to
 *    07-10 (suspended: 07-04, 07-07..10 = 5 wd), replied 2025-07-31.
 *    Due 20 + 5 = 25 wd: 07-02..04 1-3, 07-07..11 4-8, 14..18 9-13,
 *    21..25 14-18, 07-28..08-01 19-23, 08-04 24, 08-05 25: due
 *    2025-08-05 (without the suspension 07-29, and the reply would
 *    look late).  Wait 07-01 to 07-31 = 3+5+5+5+4 = 22, clock 22 - 5 =
 *    17: on time.  Department 基础教育科.
 *  E 2025-08-04 received, withdrawn 2025-08-06: concluded without a
 *    reply ("other").
 *  F 2025-11-03 received and replied the same day: wd 0, on time.
 *  G 2025-12-22 received, replied 2026-01-08: received in 2025,
 *    concluded in 2026.
 *  H 2024-12-02 received, replied 2025-01-10.  Due: 12-03..06 1-4,
 *    12-09..13 5-9, 16..20 10-14, 23..27 15-19, 12-30 20.  Reply: 12-31
 *    21, 01-01 New Year, 01-02..03 22-23, 01-06..10 24-28: late, clock
 *    and wait 28.
 *  J 2026-09-01 received, accepted, open: overdue now.  officer, 综合科.
 *  K 2025-11-10 received, accepted, open.  Due: 11-11..14 1-4,
 *    17..21 5-9, 24..28 10-14, 12-01..05 15-19, 12-08 20: 2025-12-08,
 *    overdue now and at the end of December 2025.  officer2, 基础教育科.
 *  The fixture's 2026-0001 (received 2026-11-02, open, not overdue:
 *  officer, 综合科), 2026-0002 (received 2026-11-19, open, unassigned,
 *  no department) and 2026-0003 (replied 2026-10-08) are of 2026.
 *
 * Year 2025, whole office:
 *  received 8 (A B C D E F G K); concluded 7 (A B C D E F H);
 *  replied 6 (A B C D F H); on time 4 (A C D F); late 2 (B H);
 *  other 1 (E); on-time rate 4/6 = 66.7 %.
 *  Statutory clock sorted 0 12 17 22 28 32: median = the ceil(6/2) =
 *  3rd = 17, p90 = the ceil(5.4) = 6th = 32.  Wait sorted 0 12 22 22
 *  28 32: median 22, p90 32.
 *  Months received: 3:1 (B) 5:1 (C) 7:1 (D) 8:1 (E) 9:1 (A) 11:2 (F K)
 *  12:1 (G); replied: 1:1 (H) 4:1 (B) 6:1 (C) 7:1 (D) 10:1 (A) 11:1
 *  (F); on time: 6 7 10 11 one each; overdue at month end: December 1
 *  (K; B was due 03-31, the month's last day, and replied 04-02, so
 *  not overdue at the end of March; H was replied before 31 January).
 *  Open now 4 (0001 0002 J K), overdue 2 (J K).  Officers: officer 2
 *  open 1 overdue, officer2 1/1, unassigned 1/0.  Departments: 综合科
 *  2/1, 基础教育科 1/1, none 1/0.
 * Year 2025, department 综合科 (A B; open J 0001): received 2, replied
 *  2, on time 1, late 1, rate 50.0 %, clock and wait 12 22: median
 *  (1st) 12, p90 (2nd) 22; open 2, overdue 1.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/stats.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/stats.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" }, { "officer", "officer" },
	{ "reviewer", "reviewer" }, { "admin", "admin" },
};

/* The scenario's case numbers. */
static char	 A[16], B[16], C[16], D[16], E[16], F[16], G[16], H[16];
static char	 J[16], K[16];

static void
mk(struct store *st, const struct calendar *cal, const char *received,
    const char *name, char number[16])
{
	struct case_input in;
	char		 id[37], req[128], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = name;
	in.applicant_type = "person";
	snprintf(req, sizeof(req), "示范区%s收到的第%s号文件", received, name);
	in.request = req;
	ck_assert_msg(case_new(st, cal, &in, "clerk", test_day(WF_TODAY), id,
	    number, 16, err, sizeof(err)) == CM_OK, "%s", err);
}

static void
go(struct store *st, const struct calendar *cal, const char *num,
    const char *action, const char *on, const char *outcome,
    const char *party)
{
	struct act_input a;
	char		 err[256];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	a.outcome = outcome;
	a.party = party;
	ck_assert_msg(case_act(st, cal, num, &a, "officer", test_day(WF_TODAY),
	    err, sizeof(err)) == CM_OK, "%s %s %s: %s", num, action, on, err);
}

static void
accept(struct store *st, const struct calendar *cal, const char *num,
    const char *on)
{
	go(st, cal, num, "register", on, NULL, NULL);
	go(st, cal, num, "review", on, NULL, NULL);
	go(st, cal, num, "accept", on, NULL, NULL);
}

static void
assign(const char *num, const char *handler, int dept)
{
	char	 q[256];

	snprintf(q, sizeof(q), "UPDATE cases SET handler = %s%s%s, dept_id = %s"
	    " WHERE number = '%s'", handler != NULL ? "'" : "",
	    handler != NULL ? handler : "NULL", handler != NULL ? "'" : "",
	    dept == 1 ? "1" : dept == 2 ? "2" : "NULL", num);
	wf_sql(q);
}

/* Starts the server on the fixture and adds the scenario. */
static void
setup(void)
{
	struct store	*st;
	struct calendar	*cal;

	wf_start(0, 0, NULL);
	st = test_store(wf_dir);
	cal = calendar_open(st);
	ck_assert_ptr_nonnull(cal);
	mk(st, cal, "2024-12-02", "何八", H);
	mk(st, cal, "2025-03-03", "白二", B);
	mk(st, cal, "2025-05-06", "陈三", C);
	mk(st, cal, "2025-07-01", "丁四", D);
	mk(st, cal, "2025-08-04", "鄂五", E);
	mk(st, cal, "2025-09-26", "安一", A);
	mk(st, cal, "2025-11-03", "方六", F);
	mk(st, cal, "2025-11-10", "孔十", K);
	mk(st, cal, "2025-12-22", "顾七", G);
	mk(st, cal, "2026-09-01", "金九", J);
	accept(st, cal, H, "2024-12-02");
	go(st, cal, H, "reply", "2025-01-10", "disclosed", NULL);
	accept(st, cal, B, "2025-03-03");
	go(st, cal, B, "reply", "2025-04-02", "disclosed", NULL);
	accept(st, cal, C, "2025-05-06");
	go(st, cal, C, "extend", "2025-05-30", NULL, NULL);
	go(st, cal, C, "reply", "2025-06-20", "partial", NULL);
	accept(st, cal, D, "2025-07-01");
	go(st, cal, D, "consult-start", "2025-07-03", NULL, "agency");
	go(st, cal, D, "consult-end", "2025-07-10", NULL, NULL);
	go(st, cal, D, "reply", "2025-07-31", "disclosed", NULL);
	go(st, cal, E, "register", "2025-08-04", NULL, NULL);
	go(st, cal, E, "withdraw", "2025-08-06", NULL, NULL);
	accept(st, cal, A, "2025-09-26");
	go(st, cal, A, "reply", "2025-10-20", "disclosed", NULL);
	accept(st, cal, F, "2025-11-03");
	go(st, cal, F, "reply", "2025-11-03", "disclosed", NULL);
	accept(st, cal, K, "2025-11-10");
	accept(st, cal, G, "2025-12-22");
	go(st, cal, G, "reply", "2026-01-08", "disclosed", NULL);
	accept(st, cal, J, "2026-09-01");
	calendar_free(cal);
	store_close(st);
	wf_sql("INSERT INTO departments (id, code, name, created_at) VALUES"
	    " (1, 'ZH', '综合科', '2026-01-01T00:00:00Z'),"
	    " (2, 'JY', '基础教育科', '2026-01-01T00:00:00Z')");
	assign(A, NULL, 1);
	assign(B, NULL, 1);
	assign(C, NULL, 2);
	assign(D, NULL, 2);
	assign(J, "officer", 1);
	assign(K, "officer2", 2);
	assign("2026-0001", "officer", 1);
	assign("2026-0002", NULL, 0);
}

static void
teardown(void)
{
	wf_teardown();
}

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "in_person");
}

static void
tmpl_teardown(void)
{
	wf_tmpl_teardown();
}

/* Nearest rank: the ceil(p * n / 100)-th smallest. */
START_TEST(stats_percentile_by_hand)
{
	int	 a[] = { 5, 1, 3, 2, 4 }, b[] = { 4, 1, 3, 2 };
	int	 c[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, d[] = { 7 };

	ck_assert_int_eq(stats_percentile(a, 5, 50), 3);	/* 3rd */
	ck_assert_int_eq(stats_percentile(a, 5, 90), 5);	/* 5th */
	ck_assert_int_eq(stats_percentile(b, 4, 50), 2);	/* 2nd */
	ck_assert_int_eq(stats_percentile(b, 4, 90), 4);	/* 4th */
	ck_assert_int_eq(stats_percentile(c, 10, 50), 5);	/* 5th */
	ck_assert_int_eq(stats_percentile(c, 10, 90), 9);	/* 9th */
	ck_assert_int_eq(stats_percentile(d, 1, 90), 7);
	ck_assert_int_eq(stats_percentile(d, 0, 50), -1);
}
END_TEST

/* The cases behind one figure, as "NUM NUM ..." in order of receipt. */
struct ids {
	struct buf	 b;
};

static int
ids_add(const struct stats_item *c, void *arg)
{
	struct ids	*s = arg;

	buf_printf(&s->b, "%s%s", s->b.len > 0 ? " " : "", c->number);
	return 0;
}

static char *
behind(struct store *st, const struct calendar *cal, const char *dept,
    enum stats_fig fig, int month, const char *officer)
{
	struct stats_sel	 sel;
	struct ids		 s;

	sel.fig = fig;
	sel.month = month;
	sel.handler = officer;
	sel.dept = -1;
	buf_init(&s.b);
	buf_puts(&s.b, "");
	ck_assert_int_eq(stats_cases(st, cal, 2025, dept, test_day(WF_TODAY),
	    &sel, ids_add, &s), CM_OK);
	return buf_release(&s.b);
}

static void
same(char *got, const char *want)
{
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(stats_scenario_by_hand)
{
	struct store	*st;
	struct calendar	*cal;
	struct stats	 f;
	const int	 rec[12] = { 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 2, 1 };
	const int	 rep[12] = { 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0 };
	const int	 ont[12] = { 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0 };
	int		 m;

	st = test_store(wf_dir);
	cal = calendar_open(st);
	ck_assert_int_eq(stats_office(st, cal, 2025, NULL, test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.received, 8);
	ck_assert_int_eq(f.concluded, 7);
	ck_assert_int_eq(f.replied, 6);
	ck_assert_int_eq(f.on_time, 4);
	ck_assert_int_eq(f.late, 2);
	ck_assert_int_eq(f.other, 1);
	ck_assert_int_eq(f.rate_tenths, 667);
	ck_assert_int_eq(f.med_clock, 17);
	ck_assert_int_eq(f.p90_clock, 32);
	ck_assert_int_eq(f.med_wait, 22);
	ck_assert_int_eq(f.p90_wait, 32);
	for (m = 0; m < 12; m++) {
		ck_assert_int_eq(f.month[m].received, rec[m]);
		ck_assert_int_eq(f.month[m].replied, rep[m]);
		ck_assert_int_eq(f.month[m].on_time, ont[m]);
		ck_assert_int_eq(f.month[m].overdue_end, m == 11 ? 1 : 0);
	}
	ck_assert_int_eq(f.open, 4);
	ck_assert_int_eq(f.overdue, 2);
	/* Officers by open load, then name. */
	ck_assert_uint_eq(f.nofficers, 3);
	ck_assert_str_eq(f.officers[0].name, "officer");
	ck_assert_int_eq(f.officers[0].open, 2);
	ck_assert_int_eq(f.officers[0].overdue, 1);
	ck_assert_str_eq(f.officers[1].name, "");
	ck_assert_int_eq(f.officers[1].open, 1);
	ck_assert_int_eq(f.officers[1].overdue, 0);
	ck_assert_str_eq(f.officers[2].name, "officer2");
	ck_assert_int_eq(f.officers[2].open, 1);
	ck_assert_int_eq(f.officers[2].overdue, 1);
	ck_assert_uint_eq(f.ndepts, 3);
	ck_assert_str_eq(f.depts[0].name, "综合科");
	ck_assert_int_eq(f.depts[0].open, 2);
	ck_assert_int_eq(f.depts[0].overdue, 1);
	ck_assert_str_eq(f.depts[1].name, "");
	ck_assert_int_eq(f.depts[1].dept_id, 0);
	ck_assert_int_eq(f.depts[1].open, 1);
	ck_assert_str_eq(f.depts[2].name, "基础教育科");
	ck_assert_int_eq(f.depts[2].open, 1);
	ck_assert_int_eq(f.depts[2].overdue, 1);
	stats_clear(&f);

	/* One department, by code or by id. */
	ck_assert_int_eq(stats_office(st, cal, 2025, "ZH", test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.dept, 1);
	ck_assert_str_eq(f.dept_name, "综合科");
	ck_assert_int_eq(f.received, 2);
	ck_assert_int_eq(f.replied, 2);
	ck_assert_int_eq(f.on_time, 1);
	ck_assert_int_eq(f.late, 1);
	ck_assert_int_eq(f.rate_tenths, 500);
	ck_assert_int_eq(f.med_clock, 12);
	ck_assert_int_eq(f.p90_clock, 22);
	ck_assert_int_eq(f.med_wait, 12);
	ck_assert_int_eq(f.p90_wait, 22);
	ck_assert_int_eq(f.open, 2);
	ck_assert_int_eq(f.overdue, 1);
	stats_clear(&f);
	ck_assert_int_eq(stats_office(st, cal, 2025, "2", test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_str_eq(f.dept_name, "基础教育科");
	ck_assert_int_eq(f.replied, 2);		/* C D */
	ck_assert_int_eq(f.on_time, 2);
	ck_assert_int_eq(f.med_clock, 17);	/* 17 32: 1st */
	ck_assert_int_eq(f.open, 1);		/* K */
	stats_clear(&f);
	ck_assert_int_eq(stats_office(st, cal, 2025, "XX", test_day(WF_TODAY),
	    &f), CM_NOTFOUND);
	stats_clear(&f);
	/* Out of range. */
	ck_assert_int_eq(stats_office(st, cal, 1999, NULL, test_day(WF_TODAY),
	    &f), CM_INVALID);
	stats_clear(&f);

	/* The cases behind each figure: exactly those counted. */
	{
		char	 want[256];

		snprintf(want, sizeof(want), "%s %s %s %s %s %s %s %s", B, C,
		    D, E, A, F, K, G);
		same(behind(st, cal, NULL, SF_RECEIVED, 0, NULL), want);
		snprintf(want, sizeof(want), "%s %s %s %s %s %s", H, B, C, D,
		    A, F);
		same(behind(st, cal, NULL, SF_REPLIED, 0, NULL), want);
		snprintf(want, sizeof(want), "%s %s %s %s", C, D, A, F);
		same(behind(st, cal, NULL, SF_ONTIME, 0, NULL), want);
		snprintf(want, sizeof(want), "%s %s", H, B);
		same(behind(st, cal, NULL, SF_LATE, 0, NULL), want);
		same(behind(st, cal, NULL, SF_OTHER, 0, NULL), E);
		same(behind(st, cal, NULL, SF_OVERDUE_END, 12, NULL), K);
		same(behind(st, cal, NULL, SF_OVERDUE_END, 3, NULL), "");
		snprintf(want, sizeof(want), "%s %s", F, K);
		same(behind(st, cal, NULL, SF_RECEIVED, 11, NULL), want);
		snprintf(want, sizeof(want), "%s %s 2026-0001 2026-0002", K, J);
		same(behind(st, cal, NULL, SF_OPEN, 0, NULL), want);
		snprintf(want, sizeof(want), "%s %s", K, J);
		same(behind(st, cal, NULL, SF_OVERDUE, 0, NULL), want);
		snprintf(want, sizeof(want), "%s 2026-0001", J);
		same(behind(st, cal, NULL, SF_OPEN, 0, "officer"), want);
		same(behind(st, cal, NULL, SF_OPEN, 0, ""), "2026-0002");
		same(behind(st, cal, "0", SF_OPEN, 0, NULL), "2026-0002");
		snprintf(want, sizeof(want), "%s %s", B, A);
		same(behind(st, cal, "ZH", SF_REPLIED, 0, NULL), want);
	}
	calendar_free(cal);
	store_close(st);
}
END_TEST

/* The cached deadline of a replied case is not what counts: a stale
 * cache (as a calendar import that refreshes only open cases leaves
 * it) changes nothing. */
START_TEST(stats_deadline_derived)
{
	struct store	*st;
	struct calendar	*cal;
	struct stats	 f;
	char		 q[160];

	snprintf(q, sizeof(q), "UPDATE cases SET due = '2025-07-29' WHERE"
	    " number = '%s'", D);
	wf_sql(q);
	snprintf(q, sizeof(q), "UPDATE cases SET due = '2025-12-31' WHERE"
	    " number = '%s'", B);
	wf_sql(q);
	st = test_store(wf_dir);
	cal = calendar_open(st);
	ck_assert_int_eq(stats_office(st, cal, 2025, NULL, test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.on_time, 4);
	ck_assert_int_eq(f.late, 2);
	stats_clear(&f);
	calendar_free(cal);
	store_close(st);
}
END_TEST

/*
 * A 纠正 decision ordering A to reply again (decision 12), received
 * 2026-03-02, with the new reply late on 2026-05-20 (20 wd from 03-02
 * end on 03-30): A still counts once, for 2025, on time against the
 * deadline of its first reply (2025-10-30) with its 12 working days,
 * although its events now end in a late reply and its cached deadline
 * is the new one.  2026 does not count it again.
 */
START_TEST(stats_redo_counts_the_first_reply)
{
	struct store	*st;
	struct calendar	*cal;
	struct stats	 f;
	char		 err[256];

	st = test_store(wf_dir);
	cal = calendar_open(st);
	ck_assert_msg(case_redo(st, cal, A, "2026-03-02", 0, "复议决定责令重新答复",
	    "reviewer", test_day(WF_TODAY), err, sizeof(err)) == CM_OK, "%s",
	    err);
	go(st, cal, A, "reply", "2026-05-20", "disclosed", NULL);
	ck_assert_int_eq(stats_office(st, cal, 2025, NULL, test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.replied, 6);
	ck_assert_int_eq(f.on_time, 4);
	ck_assert_int_eq(f.late, 2);
	ck_assert_int_eq(f.med_clock, 17);
	ck_assert_int_eq(f.month[9].on_time, 1);	/* October: A */
	stats_clear(&f);
	/* 2026: G (received 2025-12-22, due 2026-01-21 or so, replied
	 * 01-08) and the fixture's 2026-0003 are the replies; not A. */
	ck_assert_int_eq(stats_office(st, cal, 2026, NULL, test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.replied, 2);
	ck_assert_int_eq(f.late, 0);
	stats_clear(&f);
	calendar_free(cal);
	store_close(st);
}
END_TEST

/*
 * A third-party consultation whose letter was received on 2025-02-14:
 * the deadline uses the delivery (decision 10).  L received 2025-02-10,
 * consultation 02-12, letter received 02-14, so the consultation may
 * stop the clock for 15 wd after 02-14: 02-17..21 5, 24..28 10,
 * 03-03..07 15, cap 2025-03-07; it ended 03-14, past the cap, so the
 * suspension is (02-12, 03-07]: 02-13..14 2, then 5 + 5 + 5 = 17 wd.
 * Due = 20 + 17 = 37 wd after 02-10: 02-11..14 4, 17..21 9, 24..28
 * 14, 03-03..07 19, 10..14 24, 17..21 29, 24..28 34, 03-31 35, 04-01
 * 36, 04-02 37: 2025-04-02.  Replied 04-03 (wd 38): late (ignoring the
 * delivery, the suspension would run to 03-14 and the reply be on
 * time).  Clock 38 - 17 = 21, wait 38.  Year 2025 then: replied 7, on
 * time 4, late 3; clock 0 12 17 21 22 28 32: median the 4th = 21;
 * wait 0 12 22 22 28 32 38: median 22, p90 the ceil(6.3) = 7th = 38.
 */
START_TEST(stats_consultation_delivery)
{
	struct store	*st;
	struct calendar	*cal;
	struct stats	 f;
	char		 L[16];

	st = test_store(wf_dir);
	cal = calendar_open(st);
	mk(st, cal, "2025-02-10", "李十一", L);
	accept(st, cal, L, "2025-02-10");
	go(st, cal, L, "consult-start", "2025-02-12", NULL, "third_party");
	test_delivered(st, L, "consultation", "2025-02-12", "2025-02-14");
	go(st, cal, L, "consult-end", "2025-03-14", NULL, NULL);
	go(st, cal, L, "reply", "2025-04-03", "disclosed", NULL);
	ck_assert_int_eq(stats_office(st, cal, 2025, NULL, test_day(WF_TODAY),
	    &f), CM_OK);
	ck_assert_int_eq(f.replied, 7);
	ck_assert_int_eq(f.on_time, 4);
	ck_assert_int_eq(f.late, 3);
	ck_assert_int_eq(f.med_clock, 21);
	ck_assert_int_eq(f.med_wait, 22);
	ck_assert_int_eq(f.p90_wait, 38);
	ck_assert_int_eq(f.month[3].replied, 2);	/* April: B and L */
	stats_clear(&f);
	calendar_free(cal);
	store_close(st);
}
END_TEST

static int
has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

#define HAS(h, s)	ck_assert_msg(has((h), (s)), "missing: %s", (s))

START_TEST(stats_page_api_csv_cli_agree)
{
	struct hres	 h, j, c;
	char		*before, *out;
	char		 cmd[1024];

	before = wf_dump();
	wf_get("/stats?year=2025", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	HAS(h.body, "<a href=\"/stats\" class=\"on\" aria-current=\"page\">统计"
	    "</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=received\">8</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=concluded\">7</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=replied\">6</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=ontime\">4</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=late\">2</a>");
	HAS(h.body, "href=\"/stats/cases?year=2025&amp;fig=other\">1</a>");
	HAS(h.body, "<strong>66.7%</strong>");
	HAS(h.body, "中位数</th><td><a href=\"/stats/cases?year=2025&amp;"
	    "fig=replied\">17</a> 个工作日");
	HAS(h.body, "第90百分位</th><td><a href=\"/stats/cases?year=2025&amp;"
	    "fig=replied\">32</a> 个工作日");
	HAS(h.body, "fig=overdue_end&amp;month=12\">1</a>");
	HAS(h.body, "fig=received&amp;month=11\">2</a>");
	HAS(h.body, "fig=open&amp;officer=officer\">2</a>");
	HAS(h.body, "fig=overdue&amp;officer=officer2\">1</a>");
	HAS(h.body, "fig=open&amp;officer=\">1</a>");
	HAS(h.body, "year=2025&amp;fig=open&amp;dept=1\">2</a>");
	HAS(h.body, "year=2025&amp;fig=open&amp;dept=0\">1</a>");
	HAS(h.body, "<title id=\"stats-trend-t\">");
	HAS(h.body, "最近秩法");
	ck_assert(!has(h.body, "<script>"));
	ck_assert(!has(h.body, "style=\""));
	hres_clear(&h);

	/* The API and the CLI give the same JSON, the CSV page and the
	 * CLI the same CSV. */
	wf_get("/api/stats?year=2025", U_REVIEWER, &j);
	ck_assert_int_eq(j.status, 200);
	HAS(j.body, "\"received\":8");
	HAS(j.body, "\"on_time_rate\":\"66.7\"");
	HAS(j.body, "\"working_days_statutory\":{\"median\":17,\"p90\":32}");
	HAS(j.body, "\"working_days_wait\":{\"median\":22,\"p90\":32}");
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025 --json",
	    wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 0);
	ck_assert_str_eq(out, j.body);
	free(out);
	hres_clear(&j);
	wf_get("/stats.csv?year=2025", U_ADMIN, &c);
	ck_assert_int_eq(c.status, 200);
	HAS(c.body, "按期答复率,66.7%\r\n");
	HAS(c.body, "法定工作日中位数（扣除中止）,17\r\n");
	HAS(c.body, "12月,1,0,0,1\r\n");
	HAS(c.body, "未分派,1,0\r\n");
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025 --csv", wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 0);
	ck_assert_str_eq(out, c.body);
	free(out);
	hres_clear(&c);

	/* One department, the same through each. */
	wf_get("/api/stats?year=2025&dept=ZH", U_ADMIN, &j);
	ck_assert_int_eq(j.status, 200);
	HAS(j.body, "\"department\":{\"id\":1,\"name\":\"综合科\"}");
	HAS(j.body, "\"on_time_rate\":\"50.0\"");
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025 --department ZH"
	    " --json", wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 0);
	ck_assert_str_eq(out, j.body);
	free(out);
	hres_clear(&j);
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025", wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 0);
	HAS(out, "按期答复率 (on-time rate) 66.7%");
	free(out);
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025 --cases ontime",
	    wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 0);
	HAS(out, C);
	HAS(out, A);
	ck_assert(!has(out, B));
	free(out);
	snprintf(cmd, sizeof(cmd), "--db '%s' stats --year 2025 --department"
	    " XX", wf_db);
	ck_assert_int_eq(test_run(&out, "%s", cmd), 4);
	HAS(out, "没有这个承办部门");
	free(out);
	wf_unchanged(before);
	free(before);
}
END_TEST

/* Counts the case rows of a /stats/cases page and checks the total. */
static void
drill(const char *path, int n, const char *const *nums)
{
	struct hres	 h;
	char		 want[64];
	int		 rows = 0, i;
	const char	*p;

	wf_get(path, U_REVIEWER, &h);
	ck_assert_msg(h.status == 200, "%s: %d", path, h.status);
	for (p = h.body; (p = strstr(p, "<tr><td><a href=\"/cases/")) != NULL;
	    p++)
		rows++;
	ck_assert_msg(rows == n, "%s: %d rows", path, rows);
	snprintf(want, sizeof(want), "共<span class=\"stats-count\">%d</span>件",
	    n);
	HAS(h.body, want);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "<a href=\"/cases/%s\">", nums[i]);
		HAS(h.body, want);
	}
	hres_clear(&h);
}

START_TEST(stats_links_lead_to_the_cases)
{
	const char	*ontime[] = { C, D, A, F }, *late[] = { H, B };
	const char	*od[] = { K }, *mine[] = { J, "2026-0001" };
	const char	*none[] = { "2026-0002" }, *zh[] = { J, "2026-0001" };
	char		*before = wf_dump();

	drill("/stats/cases?year=2025&fig=ontime", 4, ontime);
	drill("/stats/cases?year=2025&fig=late", 2, late);
	drill("/stats/cases?year=2025&fig=overdue_end&month=12", 1, od);
	drill("/stats/cases?year=2025&fig=open&officer=officer", 2, mine);
	drill("/stats/cases?year=2025&fig=open&officer=", 1, none);
	drill("/stats/cases?year=2025&fig=open&dept=1", 2, zh);
	drill("/stats/cases?year=2025&fig=open&dept=0", 1, none);
	wf_unchanged(before);
	free(before);
}
END_TEST

START_TEST(stats_roles_and_input)
{
	struct hres	 h;

	wf_get("/stats?year=2025", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/stats.csv?year=2025", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/api/stats?year=2025", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/stats/cases?year=2025&fig=open", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	/* The nav link only for those who may see the page. */
	wf_get("/", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert(!has(h.body, "href=\"/stats\""));
	hres_clear(&h);
	wf_get("/", U_ADMIN, &h);
	HAS(h.body, "<a href=\"/stats\">统计</a>");
	hres_clear(&h);
	wf_get("/stats?year=20x5", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	HAS(h.body, "年份无效");
	hres_clear(&h);
	wf_get("/api/stats?year=1999", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	HAS(h.body, "\"bad_request\"");
	hres_clear(&h);
	wf_get("/stats?year=2025&dept=XX", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	HAS(h.body, "没有这个承办部门");
	hres_clear(&h);
	wf_get("/stats/cases?year=2025&fig=nope", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	HAS(h.body, "统计项无效");
	hres_clear(&h);
	wf_get("/stats/cases?year=2025&fig=overdue_end", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	HAS(h.body, "月份无效");
	hres_clear(&h);
	wf_get("/stats/cases?year=2025&fig=received&month=13", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	/* The default year is today's. */
	wf_get("/stats", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	HAS(h.body, "<small>2026年");
	hres_clear(&h);
}
END_TEST

Suite *
stats_suite(void)
{
	Suite	*s = suite_create("stats");
	TCase	*tc;

	tc = tcase_create("pure");
	tcase_add_test(tc, stats_percentile_by_hand);
	suite_add_tcase(s, tc);
	tc = tcase_create("scenario");
	tcase_add_unchecked_fixture(tc, tmpl_setup, tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, stats_scenario_by_hand);
	tcase_add_test(tc, stats_deadline_derived);
	tcase_add_test(tc, stats_redo_counts_the_first_reply);
	tcase_add_test(tc, stats_consultation_delivery);
	tcase_add_test(tc, stats_page_api_csv_cli_agree);
	tcase_add_test(tc, stats_links_lead_to_the_cases);
	tcase_add_test(tc, stats_roles_and_input);
	suite_add_tcase(s, tc);
	return s;
}
