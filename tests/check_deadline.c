/* SPDX-License-Identifier: ISC */
/*
 * Deadline engine tests (OGI Regulations art. 30, 32, 33, 34; 109号;
 * domain.md decisions 1-5, 8).  Expected dates were counted by hand
 * and cross-checked with scripts/calendar-oracle.py's day-by-day count.
 */
#include <check.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/deadline.h"
#include "tests/testutil.h"

#define MAXEV	16

struct scen {
	struct dl_event	 ev[MAXEV];
	size_t		 n;
};

static void
ev(struct scen *s, enum action a, const char *on, int days)
{
	s->ev[s->n].action = a;
	s->ev[s->n].on = test_day(on);
	s->ev[s->n].days = days;
	s->ev[s->n].party = PARTY_THIRD;
	s->n++;
}

/* Computes s as of today into d and returns the due date as text. */
static const char *
run(struct scen *s, const char *today, struct deadline *d)
{
	static char	 out[DATE_STRLEN];
	struct calendar	*c = test_calendar();

	deadline_init(d);
	ck_assert_int_eq(deadline_compute(s->ev, s->n, c, test_day(today), 15,
	    d), 0);
	calendar_free(c);
	if (d->due == DATE_NONE)
		return "stopped";
	date_format(d->due, out);
	return out;
}

static void
assert_date(int day, const char *want)
{
	char	 s[DATE_STRLEN];

	ck_assert_int_ne(day, DATE_NONE);
	date_format(day, s);
	ck_assert_str_eq(s, want);
}

/* Art 33 ¶1: 20 working days from receipt; Art 30: notice within 7. */
START_TEST(test_plain)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ck_assert_str_eq(run(&s, "2025-04-02", &d), "2025-04-29");
	assert_date(d.correction_due, "2025-04-11");
	/* Decision 1: the internal target is one working day earlier. */
	assert_date(d.internal_target, "2025-04-28");
	ck_assert_str_eq(buf_str(&d.explain),
	    "2025-04-01 收到申请，起算20个工作日；答复期限2025-04-29");
	ck_assert_int_eq(d.provisional, 0);
	deadline_clear(&d);
}
END_TEST

/* Art 32, 33 ¶3, decision 2: the acceptance example. */
START_TEST(test_consultation)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_REGISTER, "2025-04-01", 0);
	ev(&s, ACT_REVIEW, "2025-04-02", 0);
	ev(&s, ACT_ACCEPT, "2025-04-03", 0);
	ev(&s, ACT_CONSULT_START, "2025-04-10", 0);
	ck_assert_str_eq(run(&s, "2025-04-15", &d), "stopped");
	ck_assert_int_eq(d.stopped, 1);
	assert_date(d.suspension_cap, "2025-04-30");
	deadline_clear(&d);
	ev(&s, ACT_CONSULT_END, "2025-04-21", 0);
	ck_assert_str_eq(run(&s, "2025-04-22", &d), "2025-05-13");
	ck_assert_int_eq(d.suspended_days, 7);
	ck_assert_str_eq(buf_str(&d.explain),
	    "2025-04-01 收到申请，起算20个工作日；2025-04-10至2025-04-21"
	    "征求第三方意见，不计入期限（7个工作日）；答复期限2025-05-13");
	deadline_clear(&d);
}
END_TEST

/* Art 32/34: the consulted party has 15 working days; decision 2 cap. */
START_TEST(test_consultation_cap)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_CONSULT_START, "2025-04-10", 0);
	ev(&s, ACT_CONSULT_END, "2025-06-30", 0);
	ck_assert_str_eq(run(&s, "2025-07-01", &d), "2025-05-23");
	ck_assert_int_eq(d.suspended_days, 15);
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain), "2025-04-10至"
	    "2025-04-30征求第三方意见"));
	deadline_clear(&d);
}
END_TEST

/* Decision 2: several suspensions add up; Art 34 agency wording. */
START_TEST(test_two_consultations)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_CONSULT_START, "2025-04-10", 0);
	ev(&s, ACT_CONSULT_END, "2025-04-21", 0);
	ev(&s, ACT_CONSULT_START, "2025-05-06", 0);
	s.ev[s.n - 1].party = PARTY_AGENCY;
	ev(&s, ACT_CONSULT_END, "2025-05-08", 0);
	ck_assert_str_eq(run(&s, "2025-05-09", &d), "2025-05-15");
	ck_assert_int_eq(d.suspended_days, 9);
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain),
	    "2025-05-06至2025-05-08征求其他机关意见，不计入期限（2个工作日）"));
	deadline_clear(&d);
}
END_TEST

/* 109号, decision 5: the wait for payment is a suspension. */
START_TEST(test_fee)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_FEE_NOTICE, "2025-04-08", 0);
	ck_assert_str_eq(run(&s, "2025-04-09", &d), "stopped");
	assert_date(d.fee_due, "2025-05-08");
	deadline_clear(&d);
	ev(&s, ACT_FEE_PAID, "2025-04-15", 0);
	ck_assert_str_eq(run(&s, "2025-04-16", &d), "2025-05-09");
	ck_assert_int_eq(d.suspended_days, 5);
	ck_assert_int_eq(d.fee_due, DATE_NONE);
	deadline_clear(&d);
}
END_TEST

/*
 * Decision 10: periods from the recipient's receipt, fed as data.
 * Fee notice sent 2025-03-10 (Mon): unknown receipt, no fee_due, the
 * dispatch as lower bound; received 03-14 (Fri, day 0): 03-17..21
 * days 1-5, 03-24..28 6-10, 03-31..04-03 11-14 (04-04..06 清明节),
 * 04-07..11 15-19, 04-14 day 20.  A third-party consultation letter
 * sent 03-10 with its receipt unknown: its 15 days cannot end before
 * 03-11..14 1-4, 03-17..21 5-9, 03-24..28 10-14, 03-31 day 15.
 */
START_TEST(test_from_receipt)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-03-03", 0);
	ev(&s, ACT_FEE_NOTICE, "2025-03-10", 0);
	s.ev[1].by_receipt = 1;
	s.ev[1].rcvd = DATE_NONE;
	s.ev[1].sent = test_day("2025-03-10");
	ck_assert_str_eq(run(&s, "2025-03-12", &d), "stopped");
	ck_assert_int_eq(d.fee_due, DATE_NONE);
	ck_assert_int_eq(d.awaiting, DL_AWAIT_FEE);
	assert_date(d.awaiting_since, "2025-03-10");
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain), "待确认送达"));
	deadline_clear(&d);
	s.ev[1].rcvd = test_day("2025-03-14");
	ck_assert_str_eq(run(&s, "2025-03-17", &d), "stopped");
	assert_date(d.fee_due, "2025-04-14");
	ck_assert_int_eq(d.awaiting, 0);
	deadline_clear(&d);

	s.n = 1;
	ev(&s, ACT_CONSULT_START, "2025-03-10", 0);
	s.ev[1].by_receipt = 1;
	s.ev[1].rcvd = s.ev[1].sent = DATE_NONE;
	run(&s, "2025-03-12", &d);
	ck_assert_int_eq(d.suspension_cap, DATE_NONE);
	ck_assert_int_eq(d.awaiting, DL_AWAIT_CONSULT);
	assert_date(d.consult_cap_min, "2025-03-31");
	deadline_clear(&d);
}
END_TEST

/* Art 30 restart, then Art 32 suspension, then Art 33 ¶2 extension. */
START_TEST(test_correction_consult_extension)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-03-03", 0);
	ev(&s, ACT_REQUEST_CORRECTION, "2025-03-05", 0);
	ck_assert_str_eq(run(&s, "2025-03-06", &d), "stopped");
	assert_date(d.correction_deadline, "2025-03-26");
	deadline_clear(&d);
	ev(&s, ACT_CORRECTED, "2025-03-12", 0);
	ck_assert_str_eq(run(&s, "2025-03-13", &d), "2025-04-10");
	deadline_clear(&d);
	ev(&s, ACT_CONSULT_START, "2025-03-20", 0);
	ev(&s, ACT_CONSULT_END, "2025-03-27", 0);
	ck_assert_str_eq(run(&s, "2025-03-28", &d), "2025-04-17");
	deadline_clear(&d);
	ev(&s, ACT_EXTEND, "2025-04-01", 20);
	ck_assert_str_eq(run(&s, "2025-04-02", &d), "2025-05-19");
	ck_assert_int_eq(d.extended_days, 20);
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain),
	    "2025-03-12 收到补正后的申请，重新起算20个工作日"));
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain),
	    "2025-04-01 经批准延长答复期限20个工作日"));
	deadline_clear(&d);
}
END_TEST

/* 2007 Regulations (15 working days) before 2019-05-15. */
START_TEST(test_regulation_2007)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2019-05-14", 0);
	ck_assert_str_eq(run(&s, "2019-05-15", &d), "2019-06-04");
	ck_assert_int_eq(d.period, 15);
	deadline_clear(&d);
	s.n = 0;
	ev(&s, ACT_RECEIVE, "2019-05-15", 0);
	ck_assert_str_eq(run(&s, "2019-05-16", &d), "2019-06-13");
	ck_assert_int_eq(d.period, 20);
	deadline_clear(&d);
}
END_TEST

/* Alerts: working days left, due soon (<= 3), overdue. */
START_TEST(test_alerts)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	run(&s, "2025-04-24", &d);
	ck_assert_int_eq(d.wd_left, 4);		/* 25, 27 (Sun), 28, 29 */
	ck_assert_int_eq(d.due_soon, 0);
	deadline_clear(&d);
	run(&s, "2025-04-25", &d);
	ck_assert_int_eq(d.wd_left, 3);
	ck_assert_int_eq(d.due_soon, 1);
	ck_assert_int_eq(d.overdue, 0);
	deadline_clear(&d);
	run(&s, "2025-04-29", &d);
	ck_assert_int_eq(d.wd_left, 0);
	ck_assert_int_eq(d.overdue, 0);
	deadline_clear(&d);
	run(&s, "2025-04-30", &d);
	ck_assert_int_eq(d.wd_left, -1);
	ck_assert_int_eq(d.overdue, 1);
	ck_assert_int_eq(d.due_soon, 0);
	deadline_clear(&d);
}
END_TEST

/* Art 33 ¶1: on-the-spot reply; a late reply is flagged. */
START_TEST(test_replies)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_REGISTER, "2025-04-01", 0);
	ev(&s, ACT_REPLY, "2025-04-01", 0);
	ck_assert_str_eq(run(&s, "2025-06-01", &d), "2025-04-29");
	ck_assert_int_eq(d.on_the_spot, 1);
	ck_assert_int_eq(d.late, 0);
	ck_assert_int_eq(d.overdue, 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain), "当场答复"));
	deadline_clear(&d);
	s.n = 1;
	ev(&s, ACT_REPLY, "2025-05-06", 0);
	run(&s, "2025-06-01", &d);
	ck_assert_int_eq(d.late, 1);
	ck_assert_int_eq(d.overdue, 0);
	assert_date(d.closed_on, "2025-05-06");
	deadline_clear(&d);
}
END_TEST

/* Decision 8: a deadline into a year without data is provisional. */
START_TEST(test_provisional)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2026-12-21", 0);
	ck_assert_str_eq(run(&s, "2026-12-22", &d), "2027-01-18");
	ck_assert_int_eq(d.provisional, 1);
	ck_assert_ptr_nonnull(strstr(buf_str(&d.explain), "暂定"));
	deadline_clear(&d);
}
END_TEST

/*
 * Art 35, decision 14: asking for reasons stops no clock; a later
 * deadline of N working days from the day it is set replaces the
 * deadline in force, and a later suspension still adds to it.
 * Received 2025-04-01: due 2025-04-29 (test_plain).  Later deadline of
 * 30 working days set on Mon 2025-04-21 (day 0), from cn-calendar.tsv
 * (04-27 Sunday is a workday; 05-01..05 and 05-31..06-02 holidays):
 * 04-22..25 (1-4), 04-27 (5), 04-28..30 (6-8), 05-06..09 (9-12),
 * 05-12..16 (13-17), 05-19..23 (18-22), 05-26..30 (23-27), 06-03..05
 * (28-30): 2025-06-05.  A consultation 05-06..05-09 removes (05-06,
 * 05-09] = 05-07, 08, 09: 3 more, 06-06 (31), 06-09 (32), 06-10 (33).
 */
START_TEST(test_art35_later_deadline)
{
	struct scen	 s = { .n = 0 };
	struct deadline	 d;

	ev(&s, ACT_RECEIVE, "2025-04-01", 0);
	ev(&s, ACT_ACCEPT, "2025-04-02", 0);
	ev(&s, ACT_ASK_REASONS, "2025-04-10", 15);
	ck_assert_str_eq(run(&s, "2025-04-11", &d), "2025-04-29");
	ck_assert_int_eq(d.stopped, 0);
	assert_date(d.reasons_asked, "2025-04-10");
	ck_assert_int_eq(d.reasons_received, DATE_NONE);
	deadline_clear(&d);
	ev(&s, ACT_REASONS_RECEIVED, "2025-04-18", 0);
	ck_assert_str_eq(run(&s, "2025-04-18", &d), "2025-04-29");
	assert_date(d.reasons_received, "2025-04-18");
	deadline_clear(&d);
	ev(&s, ACT_SET_LATER_DEADLINE, "2025-04-21", 30);
	ck_assert_str_eq(run(&s, "2025-04-30", &d), "2025-06-05");
	ck_assert_int_eq(d.overdue, 0);
	deadline_clear(&d);
	ev(&s, ACT_CONSULT_START, "2025-05-06", 0);
	ev(&s, ACT_CONSULT_END, "2025-05-09", 0);
	ck_assert_str_eq(run(&s, "2025-05-09", &d), "2025-06-10");
	deadline_clear(&d);
	/* Past it, the case is overdue as any other. */
	ck_assert_str_eq(run(&s, "2025-06-11", &d), "2025-06-10");
	ck_assert_int_eq(d.overdue, 1);
	deadline_clear(&d);
}
END_TEST

Suite *
deadline_suite(void)
{
	Suite	*s = suite_create("deadline");
	TCase	*tc;

	tc = tcase_create("deadline_compute");
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_consultation);
	tcase_add_test(tc, test_consultation_cap);
	tcase_add_test(tc, test_two_consultations);
	tcase_add_test(tc, test_fee);
	tcase_add_test(tc, test_from_receipt);
	tcase_add_test(tc, test_correction_consult_extension);
	tcase_add_test(tc, test_regulation_2007);
	tcase_add_test(tc, test_alerts);
	tcase_add_test(tc, test_replies);
	tcase_add_test(tc, test_provisional);
	tcase_add_test(tc, test_art35_later_deadline);
	suite_add_tcase(s, tc);
	return s;
}
