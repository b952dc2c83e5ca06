/* SPDX-License-Identifier: ISC */
/*
 * Fees are computed, never typed (issue 11, item 5): the fee-notice
 * action takes the 109号 method and count, and the operation computes
 * the amount with the code of `fee quote`.  The same input through the
 * page, the JSON API and the CLI leaves the same state (tests/opsfix.h);
 * an override without its reason, a typed amount and a notice with
 * nothing due are refused the same way; the case JSON and the 收费通知书
 * (pdftotext) state the computed amount, and an override prints with
 * its reason.  Case 2026-0001 of the web fixture is in handling.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define ACT	"/cases/2026-0001/act"
#define API	"/api/cases/2026-0001/actions"
#define ON	"2026-11-20"

/* ---- 140 pages: 1500 yuan, as `fee quote --method volume --count 140`
 * (hand-computed from domain.md §2: pages 31-100 at 10 = 700, 101-140
 * at 20 = 800).  Per item the fixture's case is the applicant's first of
 * the month, free (decision 18; tests/check_statute12a.c). ---- */

static void
item_page(void)
{
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, NULL, "action",
	    "fee-notice", "on", ON, "method", "volume", "count", "140",
	    "override_amount", "", "reason", "", NULL), 303);
}

static void
item_api(void)
{
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"volume\","
	    "\"count\":140}", NULL), 200);
}

static void
item_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "fee-notice --on " ON " --method volume --count 140"), 0);
}

/* ---- an override below the computed amount, with its reason ---- */

#define REASON	"申请人系最低生活保障对象，经审核减半收取"

static void
over_page(void)
{
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, NULL, "action",
	    "fee-notice", "on", ON, "method", "volume", "count", "250",
	    "override_amount", "2350", "reason", REASON, NULL), 303);
}

static void
over_api(void)
{
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"volume\","
	    "\"count\":\"250\",\"override_amount\":\"2350.00\",\"reason\":\""
	    REASON "\"}", NULL), 200);
}

static void
over_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "fee-notice --on " ON " --method volume --count 250 "
	    "--override-amount 2350 --reason " REASON), 0);
}

START_TEST(test_computed_same_everywhere)
{
	char	*d;

	d = of_same_state(item_page, item_api, item_cli);
	ck_assert_ptr_nonnull(strstr(d, "state=awaiting_fee"));
	ck_assert_ptr_nonnull(strstr(d, "amount_fen=150000"));
	ck_assert_ptr_nonnull(strstr(d, "\"fee_method\":\"volume\","
	    "\"fee_count\":140,\"fee_first\":1,\"fee_computed_fen\":150000"));
	ck_assert_ptr_null(strstr(d, "fee_override_fen"));
	/* The month's record that later notices count as charged. */
	ck_assert_ptr_nonnull(strstr(d, "method=volume|count=140|first_unit=1|"
	    "last_unit=140|amount=1500"));
	/* No free text stands for the computation any more. */
	ck_assert_ptr_null(strstr(d, "key=fee_count"));
	free(d);
	of_restart();
	/* Volume, hand-computed from domain.md §2: pages 31-100 at 10,
	 * 101-200 at 20, 201-250 at 40 = 700 + 2000 + 2000 = 4700 yuan;
	 * charged 2350 with the reason. */
	d = of_same_state(over_page, over_api, over_cli);
	ck_assert_ptr_nonnull(strstr(d, "amount_fen=235000"));
	ck_assert_ptr_nonnull(strstr(d, "\"fee_computed_fen\":470000,"
	    "\"fee_override_fen\":235000,\"fee_reason\":\"" REASON "\""));
	free(d);
}
END_TEST

/* ---- refusals: override without reason, nothing due, bad count ---- */

static char *
noreason_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, &b, "action",
	    "fee-notice", "on", ON, "method", "volume", "count", "140",
	    "override_amount", "1000", "reason", "", NULL), 422);
	return b;
}

static char *
noreason_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"volume\","
	    "\"count\":140,\"override_amount\":\"1000\"}", &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"reason\""));
	ck_assert_ptr_nonnull(strstr(b, "调整理由"));
	return b;
}

static char *
noreason_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 fee-notice "
	    "--on " ON " --method volume --count 140 --override-amount 1000"), 3);
	/* The CLI names its flag. */
	ck_assert_ptr_nonnull(strstr(o, "--reason"));
	return o;
}

static char *
free_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, &b, "action",
	    "fee-notice", "on", ON, "method", "volume", "count", "30", NULL),
	    422);
	return b;
}

static char *
free_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"volume\","
	    "\"count\":30}", &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"count\""));
	ck_assert_ptr_nonnull(strstr(b, "30页以下不收费"));
	return b;
}

static char *
free_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 fee-notice "
	    "--on " ON " --method volume --count 30"), 3);
	return o;
}

static char *
high_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, &b, "action",
	    "fee-notice", "on", ON, "method", "volume", "count", "140",
	    "override_amount", "1500", "reason", "四舍五入", NULL), 422);
	return b;
}

static char *
high_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"volume\","
	    "\"count\":140,\"override_amount\":\"1500\",\"reason\":\"四舍五入\"}",
	    &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"override_amount\""));
	ck_assert_ptr_nonnull(strstr(b, "1500.00元"));
	return b;
}

static char *
high_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 fee-notice "
	    "--on " ON " --method volume --count 140 --override-amount 1500 "
	    "--reason 四舍五入"), 3);
	return o;
}

static char *
nomethod_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, &b, "action",
	    "fee-notice", "on", ON, "method", "page", "count", "25", NULL),
	    422);
	return b;
}

static char *
nomethod_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"method\":\"page\","
	    "\"count\":25}", &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"method\""));
	return b;
}

static char *
nomethod_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 fee-notice "
	    "--on " ON " --method page --count 25"), 3);
	ck_assert_ptr_nonnull(strstr(o, "--method"));
	return o;
}

START_TEST(test_refusals_same_everywhere)
{
	of_same_refusal(noreason_page, noreason_api, noreason_cli);
	of_restart();
	of_same_refusal(free_page, free_api, free_cli);
	of_restart();
	of_same_refusal(high_page, high_api, high_cli);
	of_restart();
	of_same_refusal(nomethod_page, nomethod_api, nomethod_cli);
}
END_TEST

/* A typed amount is refused: on the page and the API with the fields
 * as the page labels them, in the CLI with its flags. */
START_TEST(test_typed_amount_refused)
{
	char	*before, *after, *b, *o;

	before = ops_dump(wf_db);
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, &b, "action",
	    "fee-notice", "on", ON, "amount", "150", NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "收费金额不能直接填写"));
	free(b);
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"fee-notice\",\"on\":\"" ON "\",\"amount\":\"150\",\"method\":"
	    "\"volume\",\"count\":140}", &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"amount\""));
	ck_assert_ptr_null(strstr(b, "--"));
	free(b);
	ck_assert_int_ne(of_cli(&o, U_OFFICER, "case act 2026-0001 fee-notice "
	    "--on " ON " --amount 150"), 0);
	ck_assert_ptr_nonnull(strstr(o, "--method item|volume --count N"));
	ck_assert_ptr_nonnull(strstr(o, "--override-amount"));
	free(o);
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(before);
	free(after);
}
END_TEST

/* The text of a PDF, white space removed. */
static char *
pdf_text(const char *path)
{
	struct buf	 b;
	char		 cmd[1024], chunk[4096];
	FILE		*p;
	size_t		 n, i;

	snprintf(cmd, sizeof(cmd), "pdftotext '%s' - 2>/dev/null", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		for (i = 0; i < n; i++)
			if (chunk[i] != ' ' && chunk[i] != '\n' &&
			    chunk[i] != '\r' && chunk[i] != '\f' &&
			    chunk[i] != '\t')
				buf_putc(&b, chunk[i]);
	ck_assert_int_eq(pclose(p), 0);
	return buf_release(&b);
}

/* The case JSON and the letter state the computed 1500.00, never 150. */
START_TEST(test_letter_states_computation)
{
	char	*o, *t, path[600];

	item_cli();
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"fee\":{\"method\":\"volume\","
	    "\"count\":140,\"first\":1,\"computed\":\"1500.00\",\"amount\":"
	    "\"1500.00\"}"));
	free(o);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case text 2026-0001 "
	    "fee_pay_how 请通过非税收入缴款系统缴纳。"), 0);
	snprintf(path, sizeof(path), "%s/fee.pdf", wf_dir);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "letter 2026-0001 --kind fee "
	    "-o '%s'", path), 0);
	t = pdf_text(path);
	ck_assert_msg(strstr(t, "共计140页") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "第31至100页，每页10元，计700元；第101至140页，"
	    "每页20元，计800元") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "共计人民币1500.00元") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "150.00") == NULL, "%s", t);
	ck_assert_msg(strstr(t, "经审核，本机关决定调整") == NULL, "%s", t);
	free(t);
}
END_TEST

/* An override prints as such: the computed amount, the amount charged
 * and the reason. */
START_TEST(test_letter_states_override)
{
	char	*o, *t, path[600];

	over_cli();
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"computed\":\"4700.00\",\"amount\":"
	    "\"2350.00\",\"override_reason\":\"" REASON "\""));
	free(o);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case text 2026-0001 "
	    "fee_pay_how 请通过非税收入缴款系统缴纳。"), 0);
	snprintf(path, sizeof(path), "%s/fee.pdf", wf_dir);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "letter 2026-0001 --kind fee "
	    "-o '%s'", path), 0);
	t = pdf_text(path);
	ck_assert_msg(strstr(t, "共计250页") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "第1至30页，不收费；第31至100页，每页10元，计"
	    "700元；第101至200页，每页20元，计2000元；第201至250页，每页40元，"
	    "计2000元；合计4700元") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "按上述标准计算为人民币4700.00元。经审核，本机关"
	    "决定调整为按人民币2350.00元收取，调整理由：" REASON "。") != NULL,
	    "%s", t);
	ck_assert_msg(strstr(t, "共计人民币2350.00元") != NULL, "%s", t);
	free(t);
}
END_TEST

/*
 * A fee-notice event recorded before fees were computed (no fee in its
 * payload) takes method and count from the case texts; a typed amount
 * that disagrees with them -- finding 4: 25 items, 150 yuan -- is
 * refused, never printed.
 */
START_TEST(test_legacy_mismatch_refused)
{
	char	*o, path[600];

	item_cli();
	wf_sql("UPDATE events SET payload = '{}', amount_fen = 15000"
	    " WHERE action = 'fee-notice'");
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case text 2026-0001 "
	    "fee_pay_how 请通过非税收入缴款系统缴纳。"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case text 2026-0001 "
	    "fee_method item"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case text 2026-0001 "
	    "fee_count 25"), 0);
	snprintf(path, sizeof(path), "%s/fee.pdf", wf_dir);
	ck_assert_int_ne(of_cli(&o, U_OFFICER, "letter 2026-0001 --kind fee "
	    "-o '%s'", path), 0);
	ck_assert_msg(strstr(o, "收费金额与按件数或页数计算的金额不一致") !=
	    NULL, "%s", o);
	free(o);
	/* With the amount the bands give, the old record prints. */
	wf_sql("UPDATE events SET amount_fen = 150000"
	    " WHERE action = 'fee-notice'");
	ck_assert_int_eq(of_cli(&o, U_OFFICER, "letter 2026-0001 --kind fee "
	    "-o '%s'", path), 0);
	free(o);
	o = pdf_text(path);
	ck_assert_msg(strstr(o, "共计人民币1500.00元") != NULL, "%s", o);
	free(o);
}
END_TEST

/* The form asks for method and count (and an optional override with its
 * reason), never an amount; the texts panel has no fee free texts. */
START_TEST(test_form)
{
	struct hres	 h;

	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<select name=\"method\""));
	ck_assert_ptr_nonnull(strstr(h.body, ">按件计收<"));
	ck_assert_ptr_nonnull(strstr(h.body, ">按量计收<"));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"count\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"override_amount\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"reason\""));
	ck_assert_ptr_nonnull(strstr(h.body, "本申请为该申请人本自然月（"
	    "2026-11）内第1件申请"));
	ck_assert_ptr_null(strstr(h.body, "name=\"amount\""));
	ck_assert_ptr_null(strstr(h.body, "item 按件"));
	ck_assert_ptr_null(strstr(h.body, "name=\"fee_count\""));
	ck_assert_ptr_null(strstr(h.body, "name=\"fee_computation\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"fee_pay_how\""));
	hres_clear(&h);
}
END_TEST

Suite *
opsfee_suite(void)
{
	Suite	*s = suite_create("opsfee");
	TCase	*tc = tcase_create("fee_notice");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_computed_same_everywhere);
	tcase_add_test(tc, test_refusals_same_everywhere);
	tcase_add_test(tc, test_typed_amount_refused);
	tcase_add_test(tc, test_letter_states_computation);
	tcase_add_test(tc, test_letter_states_override);
	tcase_add_test(tc, test_legacy_mismatch_refused);
	tcase_add_test(tc, test_form);
	suite_add_tcase(s, tc);
	return s;
}
