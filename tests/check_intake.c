/* SPDX-License-Identifier: ISC */
/*
 * Intake at the counter (issue 15): the one-step registration and the
 * old-receipt-date confirmation as op_intake inputs, the same through
 * the page, the JSON API and the CLI (tests/opsfix.h: the same rows,
 * or the same refusal with nothing written); the page marking the
 * field at fault (aria-invalid, aria-describedby, autofocus), its dates
 * by channel, and a form posted after the session ended leading back
 * to the form after the login.  The fixture's today is 2026-11-20;
 * 2026-0001 (张三, passport E1234567) is in handling.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"

#define REQ	"示范区2026年道路养护工程的招标文件"

/* Counts the occurrences of needle in s. */
static int
count(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* ---- one step: receive and register ---- */

static void
reg_page(void)
{
	struct hres	 h;

	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, NULL,
	    "channel", "post", "arrived", "2026-11-19",
	    "applicant_type", "person", "applicant", "李四",
	    "id_type", "passport", "id_number", "E7654321",
	    "phone", "13900000000", "request", REQ, "register", "1", NULL),
	    303);
	/* The case page: registered, its receipt, the next request. */
	wf_get("/cases/2026-0004?ok=registered&print=receipt", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "已接收并登记。"));
	ck_assert_ptr_nonnull(strstr(h.body, "已登记"));
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"print-receipt\""));
	ck_assert_ptr_nonnull(strstr(h.body, "<a class=\"button\""
	    " id=\"intake-next\" href=\"/cases/new\">登记下一件</a>"));
	hres_clear(&h);
}

static void
reg_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"post\",\"arrived\":\"2026-11-19\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"李四\",\"id_type\":\"passport\","
	    "\"id_number\":\"E7654321\",\"phone\":\"13900000000\","
	    "\"request\":\"" REQ "\",\"register\":true}", &b), 201);
	ck_assert_ptr_nonnull(strstr(b, "\"state\":\"registered\""));
	ck_assert_ptr_nonnull(strstr(b, "\"received\":\"2026-11-19\""));
	free(b);
}

static void
reg_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case new --channel post "
	    "--arrived 2026-11-19 --applicant-type person --applicant 李四 "
	    "--id-type passport --id-number E7654321 --phone 13900000000 "
	    "--request '" REQ "' --register"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"state\":\"registered\""));
	free(o);
}

/* Register in one step with the Art 29 items missing: refused. */
static char *
noreg_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, &b,
	    "channel", "post", "arrived", "2026-11-19",
	    "applicant_type", "person", "applicant", "李四",
	    "request", REQ, "register", "1", NULL), 409);
	/* At the fields of the missing items, the first one focused. */
	ck_assert_ptr_nonnull(strstr(b, "name=\"id_number\" maxlength=\"64\""
	    " value=\"\" aria-invalid=\"true\" aria-describedby=\"id_number-msg"
	    " id_number-hint\" autofocus>"));
	ck_assert_ptr_nonnull(strstr(b, "name=\"phone\" type=\"tel\""
	    " maxlength=\"32\" value=\"\" aria-invalid=\"true\""));
	ck_assert_ptr_nonnull(strstr(b, "<p class=\"msg\" id=\"register-msg\">"));
	ck_assert_int_eq(count(b, " autofocus"), 1);
	/* Everything typed is kept. */
	ck_assert_ptr_nonnull(strstr(b, REQ));
	return b;
}

static char *
noreg_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"post\",\"arrived\":\"2026-11-19\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"李四\",\"request\":\"" REQ "\","
	    "\"register\":true}", &b), 409);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"register\""));
	ck_assert_ptr_nonnull(strstr(b, "\"art29_missing\":[\"identity\","
	    "\"contact\"]"));
	return b;
}

static char *
noreg_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case new --channel post "
	    "--arrived 2026-11-19 --applicant-type person --applicant 李四 "
	    "--request '" REQ "' --register"), 3);
	return o;
}

START_TEST(test_register_one_step)
{
	char	*d, *msg, *body;

	d = of_same_state(reg_page, reg_api, reg_cli);
	ck_assert_ptr_nonnull(strstr(d, "number=2026-0004"));
	ck_assert_ptr_nonnull(strstr(d, "state=registered"));
	ck_assert_ptr_nonnull(strstr(d, "action=register"));
	ck_assert_ptr_nonnull(strstr(d, "kind=receipt"));
	free(d);
	of_restart();
	of_same_refusal(noreg_page, noreg_api, noreg_cli);
	body = noreg_api();
	msg = of_api_message(body);
	free(body);
	ck_assert_ptr_nonnull(strstr(msg, "申请人的身份证明"));
	ck_assert_ptr_nonnull(strstr(msg, "联系方式"));
	free(msg);
}
END_TEST

/* Without "register" the request is logged only, as before. */
START_TEST(test_receive_only)
{
	struct hres	 h;

	wf_post("/cases/new", U_CLERK, "channel=post&arrived=2026-11-19&"
	    "applicant_type=person&applicant=A&request=R&register=0", 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_str_eq(wf_hdr(&h, "Location"),
	    "/cases/2026-0004?ok=created&print=receipt");
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number"
	    " = '2026-0004' AND state = 'received' AND received_on ="
	    " '2026-11-19' AND arrived_on = '2026-11-19'"), 1);
	wf_get("/cases/2026-0004?ok=created", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "已接收，待登记。"));
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"intake-next\""));
	hres_clear(&h);
}
END_TEST

/* ---- a receipt date more than 60 days back ---- */

static char *
old_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, &b,
	    "channel", "post", "arrived", "2019-01-05",
	    "applicant_type", "person", "applicant", "王五",
	    "request", REQ, NULL), 409);
	/* The box to confirm, beside the dates, focused. */
	ck_assert_ptr_nonnull(strstr(b, "<input type=\"checkbox\""
	    " id=\"confirm_old_date\" name=\"confirm_old_date\" value=\"1\""
	    " aria-invalid=\"true\" aria-describedby=\"confirm_old_date-msg\""
	    " autofocus>"));
	ck_assert_int_eq(count(b, " autofocus"), 1);
	ck_assert_ptr_nonnull(strstr(b, "value=\"2019-01-05\""));
	return b;
}

static char *
old_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"post\",\"arrived\":\"2019-01-05\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"王五\",\"request\":\"" REQ "\"}", &b),
	    409);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"confirm_old_date\""));
	return b;
}

static char *
old_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case new --channel post "
	    "--arrived 2019-01-05 --applicant-type person --applicant 王五 "
	    "--request '" REQ "'"), 3);
	ck_assert_ptr_nonnull(strstr(o, "--confirm-old-date"));
	return o;
}

static void
oldok_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, NULL,
	    "channel", "post", "arrived", "2026-09-20",
	    "applicant_type", "person", "applicant", "王五",
	    "request", REQ, "confirm_old_date", "1", NULL), 303);
}

static void
oldok_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"post\",\"arrived\":\"2026-09-20\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"王五\",\"request\":\"" REQ "\","
	    "\"confirm_old_date\":true}", NULL), 201);
}

static void
oldok_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case new --channel post "
	    "--arrived 2026-09-20 --applicant-type person --applicant 王五 "
	    "--request '" REQ "' --confirm-old-date"), 0);
}

START_TEST(test_old_receipt_date)
{
	struct hres	 h;
	char		*d, *msg, *body;

	of_same_refusal(old_page, old_api, old_cli);
	body = old_api();
	msg = of_api_message(body);
	free(body);
	ck_assert_ptr_nonnull(strstr(msg, "收到日期为2019-01-05"));
	ck_assert_ptr_nonnull(strstr(msg, "超过60日"));
	free(msg);
	of_restart();
	/* 61 days back needs the confirmation; 60 days do not. */
	wf_post("/cases/new", U_CLERK, "channel=post&arrived=2026-09-20&"
	    "applicant_type=person&applicant=A&request=R", 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "已是61日前"));
	hres_clear(&h);
	wf_post("/cases/new", U_CLERK, "channel=post&arrived=2026-09-21&"
	    "applicant_type=person&applicant=A&request=R", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	of_restart();
	d = of_same_state(oldok_page, oldok_api, oldok_cli);
	ck_assert_ptr_nonnull(strstr(d, "received_on=2026-09-20"));
	free(d);
}
END_TEST

/* ---- the page: dates by channel, errors at their field ---- */

START_TEST(test_form_focus_and_dates)
{
	struct hres	 h;

	wf_get("/cases/new", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	/* The first field has the focus, and only it. */
	ck_assert_ptr_nonnull(strstr(h.body, "<select id=\"channel\""
	    " name=\"channel\" required autofocus>"));
	ck_assert_int_eq(count(h.body, " autofocus"), 1);
	/* One text box per date: no native date widget. */
	ck_assert_ptr_null(strstr(h.body, "type=\"date\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"received\" class=\"date\""
	    " autocomplete=\"off\""));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"" WF_TODAY "\""));
	/* The channel rule for the script. */
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"f-arrived\" data-use=\"post"
	    " post_plain online fax\" data-today=\"post post_plain\""));
	ck_assert_ptr_nonnull(strstr(h.body, "data-today=\"" WF_TODAY "\""
	    " data-state=\"new\""));
	hres_clear(&h);
	/* A known channel: its dates, server-side. */
	wf_get("/cases/new?channel=post", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"received\" class=\"date\""
	    " autocomplete=\"off\" placeholder=\"年-月-日\""
	    " pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" maxlength=\"10\""
	    " value=\"\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"arrived\" class=\"date\""
	    " autocomplete=\"off\" placeholder=\"年-月-日\""
	    " pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" maxlength=\"10\""
	    " value=\"" WF_TODAY "\""));
	hres_clear(&h);
	wf_get("/cases/new?channel=online", U_CLERK, &h);
	ck_assert_ptr_null(strstr(h.body, "value=\"" WF_TODAY "\""));
	hres_clear(&h);
}
END_TEST

START_TEST(test_errors_at_their_field)
{
	struct hres	 h;
	char		*before = wf_dump();

	/* By post with the receipt date unlike the arrival: at 收到日期. */
	wf_post("/cases/new", U_CLERK, "channel=post&received=2026-11-20&"
	    "arrived=2026-11-18&applicant_type=person&applicant=A&request=R",
	    0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"field invalid\""
	    " id=\"f-received\""));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"2026-11-20\""
	    " aria-invalid=\"true\" aria-describedby=\"received-msg"
	    " received-hint\" autofocus>"));
	ck_assert_ptr_nonnull(strstr(h.body, "<p class=\"msg\""
	    " id=\"received-msg\">收到日期：当面提交和邮寄签收的申请以到达之日"
	    "为收到日期，应与到达日期相同，或留空</p>"));
	ck_assert_ptr_null(strstr(h.body, "must equal"));
	ck_assert_int_eq(count(h.body, " autofocus"), 1);
	/* What was typed is kept and not replaced by the script. */
	ck_assert_ptr_nonnull(strstr(h.body, "data-typed=\"1\" maxlength=\"10\""
	    " value=\"2026-11-18\""));
	ck_assert_ptr_nonnull(strstr(h.body, "data-state=\"shown\""));
	hres_clear(&h);
	/* Online without the confirmation date: at 确认日期. */
	wf_post("/cases/new", U_CLERK, "channel=online&applicant_type=person&"
	    "applicant=A&request=R", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "<p class=\"msg\""
	    " id=\"confirmed-msg\">确认日期：平信、互联网、传真提交的申请，须填写"));
	ck_assert_ptr_nonnull(strstr(h.body, "aria-describedby=\"confirmed-msg"
	    " confirmed-hint\" autofocus>"));
	hres_clear(&h);
	/* A future date: at the field it was typed in. */
	wf_post("/cases/new", U_CLERK, "channel=post&arrived=2026-11-21&"
	    "applicant_type=person&applicant=A&request=R", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "<p class=\"msg\""
	    " id=\"arrived-msg\">到达日期：不能晚于今天</p>"));
	hres_clear(&h);
	/* Several bad fields: each marked, the first one focused. */
	wf_post("/cases/new", U_CLERK, "channel=in_person&received=2026-11-20&"
	    "applicant_type=person&applicant=&request=&phone=x", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_int_eq(count(h.body, "aria-invalid=\"true\""), 3);
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"applicant\" maxlength="
	    "\"100\" required value=\"\" aria-invalid=\"true\""
	    " aria-describedby=\"applicant-msg\" autofocus>"));
	ck_assert_int_eq(count(h.body, " autofocus"), 1);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
}
END_TEST

/* A form posted after the session ended: to the login, then back to
 * the form (where app.js restores what was typed); nothing written. */
START_TEST(test_expired_session)
{
	struct hres	 h;
	char		*before = wf_dump();

	wf_sql("DELETE FROM sessions");
	wf_post("/cases/new", U_CLERK, "channel=post&arrived=2026-11-19&"
	    "applicant_type=person&applicant=A&request=R", 0, &h);
	ck_assert_int_eq(h.status, 302);
	ck_assert_str_eq(wf_hdr(&h, "Location"),
	    "/login?ok=expired&next=%2Fcases%2Fnew");
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	wf_get("/login?ok=expired&next=%2Fcases%2Fnew", -1, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "登录已过期"));
	ck_assert_ptr_nonnull(strstr(h.body, "<input type=\"hidden\""
	    " name=\"next\" value=\"/cases/new\">"));
	hres_clear(&h);
	/* A post to a path with no page of its own: no "next". */
	wf_post("/cases/2026-0002/act", U_CLERK, "action=register", 0, &h);
	ck_assert_int_eq(h.status, 302);
	ck_assert_str_eq(wf_hdr(&h, "Location"), "/login?ok=expired");
	hres_clear(&h);
}
END_TEST

Suite *
intake_suite(void)
{
	Suite	*s = suite_create("intake");
	TCase	*tc = tcase_create("counter");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_add_test(tc, test_register_one_step);
	tcase_add_test(tc, test_receive_only);
	tcase_add_test(tc, test_old_receipt_date);
	tcase_add_test(tc, test_form_focus_and_dates);
	tcase_add_test(tc, test_errors_at_their_field);
	tcase_add_test(tc, test_expired_session);
	suite_add_tcase(s, tc);
	return s;
}
