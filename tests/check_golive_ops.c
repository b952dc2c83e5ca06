/* SPDX-License-Identifier: ISC */
/*
 * The letter operations of issue 11 through the three interfaces (the
 * equivalence fixture of check_ops.c, tests/opsfix.h): a direct reply
 * stores its reply letter v1 with a 文号 whichever interface records
 * it; a reissue with its reason makes version 2 under the same 文号;
 * a reissue without a reason is refused the same way, nothing written.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/webfix.h"

/* ---- a direct reply carries its letter ---- */

static void
reply_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_REVIEWER,
	    NULL, "action", "reply", "outcome", "disclosed", "provided",
	    "立项批复", NULL), 303);
}

static void
reply_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/actions",
	    U_REVIEWER, "{\"action\":\"reply\",\"outcome\":\"disclosed\","
	    "\"provided\":\"立项批复\"}", NULL), 200);
}

static void
reply_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case act 2026-0001 reply "
	    "--outcome disclosed --provided 立项批复"), 0);
}

START_TEST(test_reply_carries_letter)
{
	char	*d;

	d = of_same_state(reply_page, reply_api, reply_cli);
	ck_assert_msg(strstr(d, "kind=reply") != NULL, "%s", d);
	ck_assert_ptr_nonnull(strstr(d, "doc_number=示范教公开〔2026〕1号"));
	ck_assert_ptr_nonnull(strstr(d, "state=replied"));
	free(d);
}
END_TEST

/* ---- reissue ---- */

static void
reissue_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_REVIEWER,
	    NULL, "action", "extend", "days", "10", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/letters/extension/"
	    "reissue", U_OFFICER, NULL, "reason", "告知日期有误", NULL), 303);
}

static void
reissue_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/actions",
	    U_REVIEWER, "{\"action\":\"extend\",\"days\":\"10\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/letters/extension/"
	    "reissue", U_OFFICER, "{\"reason\":\"告知日期有误\"}", NULL), 201);
}

static void
reissue_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case act 2026-0001 extend "
	    "--days 10"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "letter 2026-0001 --kind "
	    "extension --reissue --reason 告知日期有误 -o '%s/e.pdf'", wf_dir),
	    0);
}

static char *
noreason_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0003/letters/receipt/"
	    "reissue", U_CLERK, &b, "reason", "", NULL), 422);
	return b;
}

static char *
noreason_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0003/letters/receipt/"
	    "reissue", U_CLERK, "{\"reason\":\"\"}", &b), 422);
	return b;
}

static char *
noreason_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "letter 2026-0003 --kind receipt "
	    "--reissue --reason '' -o '%s/r.pdf'", wf_dir), 3);
	return o;
}

START_TEST(test_reissue)
{
	char	*d;

	d = of_same_state(reissue_page, reissue_api, reissue_cli);
	ck_assert_msg(strstr(d, "kind=extension") != NULL, "%s", d);
	ck_assert_ptr_nonnull(strstr(d, "version=2"));
	ck_assert_ptr_nonnull(strstr(d, "doc_number=示范教公开〔2026〕1号"));
	free(d);
	of_restart();
	of_same_refusal(noreason_page, noreason_api, noreason_cli);
}
END_TEST

Suite *
golive_ops_suite(void)
{
	Suite	*s = suite_create("golive_ops");
	TCase	*tc = tcase_create("equivalence");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reply_carries_letter);
	tcase_add_test(tc, test_reissue);
	suite_add_tcase(s, tc);
	return s;
}
