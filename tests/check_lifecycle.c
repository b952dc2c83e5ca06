/* SPDX-License-Identifier: ISC */
/*
 * State machine tests: every (state, action) pair against the table of
 * codes.md written out independently here, and each guard's refusal.
 */
#include <check.h>
#include <string.h>

#include "cases/date.h"
#include "cases/deadline.h"
#include "cases/lifecycle.h"
#include "tests/testutil.h"

/* codes.md "States and actions": from -> to, "-" = refused. */
static const struct {
	const char	*action;
	const char	*from;
	const char	*to;
} legal[] = {
	{ "register", "received", "registered" },
	{ "review", "registered", "under_review" },
	{ "accept", "under_review", "handling" },
	{ "request-correction", "under_review", "awaiting_correction" },
	{ "corrected", "awaiting_correction", "under_review" },
	{ "correction-lapsed", "awaiting_correction", "replied" },
	{ "consult-start", "handling", "consulting" },
	{ "consult-end", "consulting", "handling" },
	{ "fee-notice", "handling", "awaiting_fee" },
	{ "fee-paid", "awaiting_fee", "handling" },
	{ "fee-lapsed", "awaiting_fee", "replied" },
	{ "extend", "handling", "handling" },
	{ "extend", "consulting", "consulting" },
	{ "extend", "awaiting_fee", "awaiting_fee" },
	{ "reply", "registered", "replied" },
	{ "reply", "under_review", "replied" },
	{ "reply", "handling", "replied" },
	{ "withdraw", "received", "replied" },
	{ "withdraw", "registered", "replied" },
	{ "withdraw", "under_review", "replied" },
	{ "withdraw", "awaiting_correction", "replied" },
	{ "withdraw", "handling", "replied" },
	{ "withdraw", "consulting", "replied" },
	{ "withdraw", "awaiting_fee", "replied" },
	{ "archive", "replied", "archived" },
	/* Decision 12: a 纠正 decision ordering a new reply. */
	{ "redo", "replied", "handling" },
	/* ... also of an archived case: the sealed file stays, the new
	 * reply is sealed as a supplementary item (issue 14). */
	{ "redo", "archived", "handling" },
	{ "ask-reasons", "handling", "handling" },
	{ "reasons-received", "handling", "handling" },
	{ "set-later-deadline", "handling", "handling" },
};

START_TEST(test_every_pair)
{
	int	 s, a, want, got;
	size_t	 i;

	for (s = 0; s < ST__MAX; s++)
		for (a = ACT_REGISTER; a < ACT__MAX; a++) {
			want = -1;
			for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++)
				if (strcmp(legal[i].action, actions[a].code) ==
				    0 && strcmp(legal[i].from,
				    case_states[s].code) == 0)
					want = case_state_find(legal[i].to);
			got = lifecycle_next((enum case_state)s,
			    (enum action)a);
			ck_assert_msg(got == want, "%s from %s: got %d want %d",
			    actions[a].code, case_states[s].code, got, want);
		}
}
END_TEST

static struct lc_check
base(enum case_state st, enum action a, struct deadline *d)
{
	struct lc_check	 c;

	memset(&c, 0, sizeof(c));
	deadline_init(d);
	d->received = test_day("2025-04-01");
	d->due = test_day("2025-04-29");
	d->period = 20;
	c.state = st;
	c.dl = d;
	c.action = a;
	c.today = test_day("2025-06-01");
	c.on = test_day("2025-04-10");
	c.last_on = test_day("2025-04-01");
	c.outcome = -1;
	c.days = 20;
	c.amount_fen = -1;
	return c;
}

static void
refused(const struct lc_check *c, const char *gist)
{
	const char	*m = lifecycle_check(c);

	ck_assert_msg(m != NULL, "not refused: %s", gist);
	ck_assert_msg(strstr(m, gist) != NULL, "message '%s' lacks '%s'", m,
	    gist);
}

START_TEST(test_guards)
{
	struct deadline	 d;
	struct lc_check	 c;

	c = base(ST_HANDLING, ACT_EXTEND, &d);
	ck_assert_ptr_null(lifecycle_check(&c));
	c.extended = 1;
	refused(&c, "already extended once");
	c = base(ST_HANDLING, ACT_EXTEND, &d);
	c.on = test_day("2025-04-30");
	refused(&c, "extension must be approved before the deadline in force");
	c = base(ST_HANDLING, ACT_EXTEND, &d);
	c.days = 21;
	refused(&c, "1 to 20 working days");
	c = base(ST_HANDLING, ACT_REPLY, &d);
	refused(&c, "a reply needs an outcome");
	c.outcome = OUT_DISCLOSED;
	ck_assert_ptr_null(lifecycle_check(&c));
	c.outcome = OUT_UNAVAILABLE_UNCLEAR;
	refused(&c, "needs a prior correction");
	c.corrected = 1;
	ck_assert_ptr_null(lifecycle_check(&c));
	c.outcome = OUT_OTHER_NO_FEE;
	refused(&c, "fee-lapsed");
	c = base(ST_HANDLING, ACT_ARCHIVE, &d);
	refused(&c, "archive only after a reply");
	c = base(ST_HANDLING, ACT_CONSULT_START, &d);
	c.outcome = OUT_DISCLOSED;
	refused(&c, "an outcome goes only with reply");
	c = base(ST_HANDLING, ACT_CONSULT_START, &d);
	c.on = test_day("2025-06-02");
	refused(&c, "in the future");
	c.on = test_day("2025-03-31");
	refused(&c, "precedes the last event");
	c = base(ST_HANDLING, ACT_FEE_NOTICE, &d);
	refused(&c, "fee-notice needs an amount");
	c.amount_fen = 10000;
	ck_assert_ptr_null(lifecycle_check(&c));
	c = base(ST_AWAITING_CORRECTION, ACT_CORRECTION_LAPSED, &d);
	d.correction_deadline = test_day("2025-04-22");
	c.on = test_day("2025-04-22");
	refused(&c, "has not lapsed");
	c.on = test_day("2025-04-23");
	ck_assert_ptr_null(lifecycle_check(&c));
	c = base(ST_AWAITING_FEE, ACT_FEE_LAPSED, &d);
	d.fee_due = test_day("2025-05-08");
	c.on = test_day("2025-05-08");
	refused(&c, "payment period has not lapsed");
	/* Decision 10: no lapse while the notice's receipt is unknown. */
	c = base(ST_AWAITING_FEE, ACT_FEE_LAPSED, &d);
	d.awaiting = DL_AWAIT_FEE;
	c.on = test_day("2025-05-30");
	refused(&c, "fee notice's received date is not recorded");
	c = base(ST_AWAITING_CORRECTION, ACT_CORRECTION_LAPSED, &d);
	d.awaiting = DL_AWAIT_CORRECTION;
	c.on = test_day("2025-05-30");
	refused(&c, "correction notice's received date is not recorded");
	c = base(ST_CONSULTING, ACT_CONSULT_END, &d);
	d.awaiting = DL_AWAIT_CONSULT;
	d.consult_cap_min = test_day("2025-05-20");
	c.on = test_day("2025-05-20");
	ck_assert_ptr_null(lifecycle_check(&c));
	c.on = test_day("2025-05-21");
	refused(&c, "consultation letter's received date is not recorded");
	/* On-the-spot reply: only on the day of receipt. */
	c = base(ST_REGISTERED, ACT_REPLY, &d);
	c.outcome = OUT_DISCLOSED;
	refused(&c, "on the day of receipt");
	c.on = test_day("2025-04-01");
	ck_assert_ptr_null(lifecycle_check(&c));
	c = base(ST_REPLIED, ACT_WITHDRAW, &d);
	refused(&c, "already closed");
}
END_TEST

/* Art 35 (decision 14): the order of the steps and decision 9. */
START_TEST(test_art35_guards)
{
	struct deadline	 d;
	struct lc_check	 c;

	c = base(ST_HANDLING, ACT_REASONS_RECEIVED, &d);
	refused(&c, "no open request for reasons");
	c = base(ST_HANDLING, ACT_SET_LATER_DEADLINE, &d);
	refused(&c, "reasons first");
	c = base(ST_HANDLING, ACT_ASK_REASONS, &d);
	ck_assert_ptr_null(lifecycle_check(&c));
	d.reasons_asked = test_day("2025-04-08");
	refused(&c, "reasons already asked");
	c = base(ST_HANDLING, ACT_SET_LATER_DEADLINE, &d);
	d.reasons_asked = test_day("2025-04-08");
	d.reasons_received = test_day("2025-04-09");
	c.days = 30;
	ck_assert_ptr_null(lifecycle_check(&c));
	c.days = 0;
	refused(&c, "working days");
	c.days = 30;
	/* After the deadline in force (04-29) it is refused. */
	c.on = test_day("2025-04-30");
	refused(&c, "the deadline in force has passed");
	c.on = test_day("2025-04-10");
	d.later_on = test_day("2025-04-09");
	refused(&c, "already set");
	c = base(ST_CONSULTING, ACT_ASK_REASONS, &d);
	refused(&c, "only a case being handled");
}
END_TEST

Suite *
lifecycle_suite(void)
{
	Suite	*s = suite_create("lifecycle");
	TCase	*tc;

	tc = tcase_create("lifecycle_next");
	tcase_add_test(tc, test_every_pair);
	suite_add_tcase(s, tc);
	tc = tcase_create("lifecycle_check");
	tcase_add_test(tc, test_guards);
	tcase_add_test(tc, test_art35_guards);
	suite_add_tcase(s, tc);
	return s;
}
