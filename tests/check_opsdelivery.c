/* SPDX-License-Identifier: ISC */
/*
 * Delivery records (domain.md decision 11) through the page, the JSON
 * API and the CLI leave the same state (tests/opsfix.h), refuse the same
 * bad input the same way, and the case JSON and page show them.  Case
 * 2026-0001 of the web fixture has its 登记回执 issued (version 1); the
 * fixture's today is 2026-11-20.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"

#define PAGE	"/cases/2026-0001/deliveries"
#define API	"/api/cases/2026-0001/deliveries"

/* The 登记回执 issued, as the first step of every driver. */
static void
issue_receipt(void)
{
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "letter 2026-0001 --kind "
	    "receipt -o /dev/null"), 0);
}

static void
post_page(void)
{
	issue_receipt();
	ck_assert_int_eq(of_page_post(PAGE, U_OFFICER, NULL, "letter",
	    "receipt", "method", "post", "tracking", "EA123456789CN", "sent",
	    "2026-11-16", "received", "", "proof", "", NULL), 303);
	ck_assert_int_eq(of_page_post(PAGE "/1/received", U_OFFICER, NULL,
	    "on", "2026-11-18", NULL), 303);
}

static void
post_api(void)
{
	char	*b;

	issue_receipt();
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"letter\":\"receipt\","
	    "\"method\":\"post\",\"tracking\":\"EA123456789CN\","
	    "\"sent\":\"2026-11-16\"}", &b), 201);
	ck_assert_ptr_nonnull(strstr(b, "\"awaiting_delivery\":[{\"letter\":"
	    "\"receipt\",\"period\":null,\"id\":1,\"version\":1,"
	    "\"sent\":\"2026-11-16\"}]"));
	free(b);
	ck_assert_int_eq(of_api_post(API "/1/received", U_OFFICER,
	    "{\"on\":\"2026-11-18\"}", &b), 200);
	ck_assert_ptr_nonnull(strstr(b, "\"awaiting_delivery\":[]"));
	ck_assert_ptr_nonnull(strstr(b, "\"received\":\"2026-11-18\""));
	free(b);
}

static void
post_cli(void)
{
	issue_receipt();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "delivery add 2026-0001 "
	    "--letter receipt --method post --tracking EA123456789CN "
	    "--sent 2026-11-16"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "delivery received 2026-0001 "
	    "--letter receipt --on 2026-11-18"), 0);
}

START_TEST(test_same_everywhere)
{
	struct hres	 h;
	char		*d, *out;

	d = of_same_state(post_page, post_api, post_cli);
	ck_assert_ptr_nonnull(strstr(d, "== deliveries (1)"));
	ck_assert_ptr_nonnull(strstr(d, "kind=receipt"));
	ck_assert_ptr_nonnull(strstr(d, "tracking=EA123456789CN"));
	ck_assert_ptr_nonnull(strstr(d, "received=2026-11-18"));
	free(d);
	ck_assert_int_eq(of_cli(&out, U_OFFICER, "delivery list 2026-0001 "
	    "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"method_label\":\"邮寄送达\""));
	free(out);
	/* The 文书 section shows it; nothing waits on the dashboard. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<h3 id=\"deliveries\">送达</h3>"));
	ck_assert_ptr_nonnull(strstr(h.body, "<td>邮寄送达</td><td>EA123456789CN"
	    "</td><td>2026-11-16</td><td>2026-11-18</td>"));
	hres_clear(&h);
	wf_get("/", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "没有待确认送达的文书"));
	hres_clear(&h);
}
END_TEST

/* Sent, not yet received: 待确认送达 on the case page and the
 * officer's dashboard, with the form for the received date. */
START_TEST(test_awaiting_shown)
{
	struct hres	 h;

	issue_receipt();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "delivery add 2026-0001 "
	    "--letter receipt --method email --sent 2026-11-19"), 0);
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "<strong>待确认送达</strong>"));
	ck_assert_ptr_nonnull(strstr(h.body,
	    "/cases/2026-0001/deliveries/1/received"));
	hres_clear(&h);
	wf_get("/", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "<h2>待确认送达</h2>"));
	ck_assert_ptr_nonnull(strstr(h.body, "href=\"/cases/2026-0001"
	    "#deliveries\">2026-0001</a></td><td>登记回执</td><td>电子邮件送达"
	    "</td><td></td><td>2026-11-19</td>"));
	hres_clear(&h);
}
END_TEST

/* In person: received the day it is handed over (decision 11). */
static void
hand_page(void)
{
	issue_receipt();
	ck_assert_int_eq(of_page_post(PAGE, U_OFFICER, NULL, "letter",
	    "receipt", "method", "in_person", "tracking", "", "sent",
	    "2026-11-17", "received", "", "proof", "", NULL), 303);
}

static void
hand_api(void)
{
	issue_receipt();
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"letter\":\"receipt\","
	    "\"method\":\"in_person\",\"sent\":\"2026-11-17\"}", NULL), 201);
}

static void
hand_cli(void)
{
	issue_receipt();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "delivery add 2026-0001 "
	    "--letter receipt --method in_person --sent 2026-11-17"), 0);
}

START_TEST(test_in_person)
{
	char	*d;

	d = of_same_state(hand_page, hand_api, hand_cli);
	ck_assert_ptr_nonnull(strstr(d, "sent=2026-11-17|received=2026-11-17"));
	free(d);
}
END_TEST

/* Post without its tracking number. */
static char *
bad_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post(PAGE, U_OFFICER, &b, "letter",
	    "receipt", "method", "post", "tracking", "", "sent", "2026-11-16",
	    "received", "", "proof", "", NULL), 422);
	return b;
}

static char *
bad_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"letter\":\"receipt\","
	    "\"method\":\"post\",\"sent\":\"2026-11-16\"}", &b), 422);
	ck_assert_msg(strstr(b, "\"field\":\"tracking\"") != NULL, "%s", b);
	return b;
}

static char *
bad_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "delivery add 2026-0001 "
	    "--letter receipt --method post --sent 2026-11-16"), 3);
	return o;
}

START_TEST(test_refusal_same_everywhere)
{
	of_same_refusal(bad_page, bad_api, bad_cli);
}
END_TEST

Suite *
opsdelivery_suite(void)
{
	Suite	*s = suite_create("opsdelivery");
	TCase	*tc = tcase_create("delivery");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_same_everywhere);
	tcase_add_test(tc, test_in_person);
	tcase_add_test(tc, test_awaiting_shown);
	tcase_add_test(tc, test_refusal_same_everywhere);
	suite_add_tcase(s, tc);
	return s;
}
