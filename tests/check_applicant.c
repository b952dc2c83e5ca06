/* SPDX-License-Identifier: ISC */
/*
 * Applicant data (issue 11, item 4): an ID number already on file
 * never replaces the typed details.  The web fixture's 2026-0001 has
 * 张三, passport E1234567, 13800000000 on file; a new request with that
 * passport typed as 王建军 / 13900001111 / 人民路1号 keeps what was
 * typed (page, API, CLI) unless the clerk chose to update the record on
 * file or to use it; the page asks first, keeping all typed input; the
 * 登记回执 prints the typed name.  And 登记信息更正 by a clerk until the
 * reply, with the channel and dates, audited with both values, the
 * deadline following a corrected receipt date.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define REQ	"示范区公共图书馆2025年度图书采购合同"

/* The typed name's case 2026-0004 has exactly these details. */
static int
case4_is(const char *name, const char *phone, const char *address)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT count(*) FROM cases c JOIN applicants"
	    " a ON a.id = c.applicant_id WHERE c.number = '2026-0004' AND"
	    " a.name = '%s' AND a.phone = '%s' AND a.address = '%s'", name,
	    phone, address);
	return wf_sql_int(q) == 1;
}

/* The name on file for passport E1234567. */
static int
on_file_is(const char *name)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT count(*) FROM applicants WHERE"
	    " id_number = 'E1234567' AND on_file = 1 AND name = '%s'", name);
	return wf_sql_int(q) == 1 && wf_sql_int("SELECT count(*) FROM"
	    " applicants WHERE id_number = 'E1234567' AND on_file = 1") == 1;
}

static int
page_intake(const char *choice, char **body)
{
	return of_page_post("/cases/new", U_CLERK, body,
	    "channel", "in_person", "received", "2026-11-20",
	    "applicant_type", "person", "applicant", "王建军",
	    "id_type", "passport", "id_number", "E1234567",
	    "phone", "13900001111", "address", "人民路1号<b>&",
	    "request", REQ, "applicant_record", choice, NULL);
}

static int
api_intake(const char *choice)
{
	char	 j[1024];

	snprintf(j, sizeof(j), "{\"channel\":\"in_person\",\"received\":"
	    "\"2026-11-20\",\"applicant_type\":\"person\",\"applicant\":"
	    "\"王建军\",\"id_type\":\"passport\",\"id_number\":\"E1234567\","
	    "\"phone\":\"13900001111\",\"address\":\"人民路1号<b>&\","
	    "\"request\":\"" REQ "\"%s%s%s}", choice != NULL ?
	    ",\"applicant_record\":\"" : "", choice != NULL ? choice : "",
	    choice != NULL ? "\"" : "");
	return of_api_post("/api/cases", U_CLERK, j, NULL);
}

static int
cli_intake(const char *choice)
{
	return of_cli(NULL, U_CLERK, "case new --channel in_person "
	    "--received 2026-11-20 --applicant-type person --applicant 王建军 "
	    "--id-type passport --id-number E1234567 --phone 13900001111 "
	    "--address '人民路1号<b>&' --request '" REQ "'%s%s",
	    choice != NULL ? " --applicant-record " : "",
	    choice != NULL ? choice : "");
}

static void
keep_page(void)
{
	ck_assert_int_eq(page_intake("keep", NULL), 303);
}

static void
keep_api(void)
{
	ck_assert_int_eq(api_intake(NULL), 201);
}

static void
keep_cli(void)
{
	ck_assert_int_eq(cli_intake(NULL), 0);
}

static void
upd_page(void)
{
	ck_assert_int_eq(page_intake("update", NULL), 303);
}

static void
upd_api(void)
{
	ck_assert_int_eq(api_intake("update"), 201);
}

static void
upd_cli(void)
{
	ck_assert_int_eq(cli_intake("update"), 0);
}

static void
use_page(void)
{
	ck_assert_int_eq(page_intake("use-stored", NULL), 303);
}

static void
use_api(void)
{
	ck_assert_int_eq(api_intake("use-stored"), 201);
}

static void
use_cli(void)
{
	ck_assert_int_eq(cli_intake("use-stored"), 0);
}

/* The typed details stay on case 2 everywhere; the record on file too. */
START_TEST(test_typed_kept)
{
	char	*d;

	d = of_same_state(keep_page, keep_api, keep_cli);
	ck_assert_ptr_nonnull(strstr(d, "number=2026-0004"));
	free(d);
	ck_assert(case4_is("王建军", "13900001111", "人民路1号<b>&"));
	ck_assert(on_file_is("张三"));
	/* The first case keeps its applicant. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases c JOIN"
	    " applicants a ON a.id = c.applicant_id WHERE c.number ="
	    " '2026-0001' AND a.name = '张三'"), 1);
	/* No event about the record on file. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases"
	    " c ON c.id = e.case_id WHERE c.number = '2026-0004' AND"
	    " e.action = 'correct'"), 0);
}
END_TEST

START_TEST(test_update)
{
	char	*d;

	d = of_same_state(upd_page, upd_api, upd_cli);
	/* One event with the record's values before and after. */
	ck_assert_ptr_nonnull(strstr(d, "\"applicant\":{\"before\":\"张三\","
	    "\"after\":\"王建军\"}"));
	ck_assert_ptr_nonnull(strstr(d, "\"phone\":{\"before\":\"13800000000\","
	    "\"after\":\"13900001111\"}"));
	free(d);
	ck_assert(case4_is("王建军", "13900001111", "人民路1号<b>&"));
	ck_assert(on_file_is("王建军"));
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases"
	    " c ON c.id = e.case_id WHERE c.number = '2026-0004' AND"
	    " e.action = 'correct' AND e.note LIKE '%更新已存档%'"), 1);
	/* The earlier case keeps the details it was registered with. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases c JOIN"
	    " applicants a ON a.id = c.applicant_id WHERE c.number ="
	    " '2026-0001' AND a.name = '张三'"), 1);
	/* The next intake with the new details needs no choice. */
	{
		struct hres	 h;

		wf_get("/cases/2026-0004", U_CLERK, &h);
		ck_assert_int_eq(h.status, 200);
		ck_assert_ptr_nonnull(strstr(h.body,
		    "<li>申请人：张三 → 王建军</li>"));
		hres_clear(&h);
	}
}
END_TEST

START_TEST(test_use_stored)
{
	char	*d;

	d = of_same_state(use_page, use_api, use_cli);
	free(d);
	ck_assert(case4_is("张三", "13800000000", ""));
	ck_assert(on_file_is("张三"));
}
END_TEST

/* The page does not save silently: it shows the stored record beside
 * the typed details, escaped, keeps every typed value and asks. */
START_TEST(test_page_asks)
{
	char	*before, *b;

	before = wf_dump();
	ck_assert_int_eq(page_intake("", &b), 409);
	ck_assert_ptr_nonnull(strstr(b, "该证件号码已有存档的申请人信息"));
	ck_assert_ptr_nonnull(strstr(b, "<td>张三</td><td>王建军</td>"));
	ck_assert_ptr_nonnull(strstr(b, "<td>13800000000</td><td>13900001111"
	    "</td>"));
	ck_assert_ptr_nonnull(strstr(b, "<td>（空）</td><td>人民路1号&lt;b&gt;"
	    "&amp;</td>"));
	ck_assert_ptr_null(strstr(b, "人民路1号<b>"));
	ck_assert_ptr_nonnull(strstr(b, "name=\"applicant_record\" value="
	    "\"keep\">本案按所填信息登记"));
	ck_assert_ptr_nonnull(strstr(b, "value=\"update\">同时更新已存档的申请人"
	    "信息"));
	ck_assert_ptr_nonnull(strstr(b, "value=\"use-stored\">使用已存档的信息"));
	/* Everything typed kept. */
	ck_assert_ptr_nonnull(strstr(b, "name=\"applicant\" maxlength"));
	ck_assert_ptr_nonnull(strstr(b, "value=\"王建军\""));
	ck_assert_ptr_nonnull(strstr(b, "value=\"13900001111\""));
	ck_assert_ptr_nonnull(strstr(b, "value=\"人民路1号&lt;b&gt;&amp;\""));
	ck_assert_ptr_nonnull(strstr(b, REQ "</textarea>"));
	ck_assert_ptr_null(strstr(b, "applicant_record：")); /* no key shown */
	free(b);
	wf_unchanged(before);
	free(before);
	/* The chosen answer saves, keeping the typed details. */
	ck_assert_int_eq(page_intake("keep", NULL), 303);
	ck_assert(case4_is("王建军", "13900001111", "人民路1号<b>&"));
}
END_TEST

/* The 登记回执 prints the case's (typed) details. */
START_TEST(test_receipt_typed)
{
	struct hres	 h;
	struct buf	 out;
	char		 path[600], cmd[700], chunk[4096];
	size_t		 n;
	FILE		*f, *p;

	buf_init(&out);
	ck_assert_int_eq(cli_intake(NULL), 0);
	wf_get("/api/cases/2026-0004/letters/receipt.pdf", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert(h.blen > 4 && memcmp(h.body, "%PDF", 4) == 0);
	snprintf(path, sizeof(path), "%s/receipt4.pdf", wf_dir);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_int_eq(fwrite(h.body, 1, h.blen, f), h.blen);
	fclose(f);
	hres_clear(&h);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' - | tr -d ' \\n'", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&out, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_msg(strstr(buf_str(&out), "王建军") != NULL, "%s",
	    buf_str(&out));
	ck_assert_msg(strstr(buf_str(&out), "张三") == NULL, "%s",
	    buf_str(&out));
	buf_clear(&out);
}
END_TEST

/* ---- 登记信息更正 by a clerk, until the reply ---- */

static void
corr_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0002/correct", U_CLERK,
	    NULL, "applicant", "李思", "phone", "13800000000", "email", "",
	    "address", "", "id_type", "passport", "id_number", "E2345678",
	    "channel", "post_plain", "received", "2026-11-19",
	    "arrived", "2026-11-19", "confirmed", "2026-09-24",
	    "request", "示范区2024年教育经费预算执行情况",
	    "reason", "登记时姓名和提交方式录入有误", NULL), 303);
}

static void
corr_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/correct", U_CLERK,
	    "{\"applicant\":\"李思\",\"channel\":\"post_plain\","
	    "\"confirmed\":\"2026-09-24\","
	    "\"reason\":\"登记时姓名和提交方式录入有误\"}", NULL), 200);
}

static void
corr_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case correct 2026-0002 "
	    "--applicant 李思 --channel post_plain --confirmed 2026-09-24 "
	    "--reason 登记时姓名和提交方式录入有误"), 0);
}

static char *
late_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0003/correct", U_CLERK, &b,
	    "phone", "13900000000", "reason", "更正", NULL), 409);
	return b;
}

static char *
late_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0003/correct", U_CLERK,
	    "{\"phone\":\"13900000000\",\"reason\":\"更正\"}", &b), 409);
	return b;
}

static char *
late_cli(void)
{
	char	*o;

	ck_assert_int_ne(of_cli(&o, U_CLERK, "case correct 2026-0003 "
	    "--phone 13900000000 --reason 更正"), 0);
	return o;
}

START_TEST(test_correct_clerk)
{
	struct hres	 h;
	char		*d, *o = NULL;

	wf_get("/cases/2026-0002", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"correct\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"channel\""));
	hres_clear(&h);
	wf_get("/cases/2026-0003", U_CLERK, &h);	/* replied: no form */
	ck_assert_ptr_null(strstr(h.body, "id=\"correct\""));
	hres_clear(&h);

	d = of_same_state(corr_page, corr_api, corr_cli);
	ck_assert_ptr_nonnull(strstr(d, "action=correct|actor=clerk"));
	ck_assert_ptr_nonnull(strstr(d, "\"applicant\":{\"before\":\"李四\","
	    "\"after\":\"李思\"}"));
	ck_assert_ptr_nonnull(strstr(d, "\"channel\":{\"before\":\"in_person\","
	    "\"after\":\"post_plain\"}"));
	ck_assert_ptr_nonnull(strstr(d, "\"received\":{\"before\":"
	    "\"2026-11-19\",\"after\":\"2026-09-24\"}"));
	free(d);
	/* The case has its own row; the record on file stays as it was. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM applicants WHERE"
	    " id_number = 'E2345678' AND on_file = 1 AND name = '李四'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases c JOIN"
	    " applicants a ON a.id = c.applicant_id WHERE c.number ="
	    " '2026-0002' AND a.name = '李思' AND a.on_file = 0"), 1);
	/*
	 * Hand-counted from cases/cn-calendar.tsv: received Thu 2026-09-24;
	 * 09-25..27 中秋 off; 09-28..30 are days 1-3; 10-01..07 国庆 off;
	 * 10-08, 10-09, Sat 10-10 (workday) days 4-6; 10-12..16 7-11;
	 * 10-19..23 12-16; 10-26..29 17-20: due 2026-10-29.
	 */
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0002 --json"), 0);
	ck_assert_msg(strstr(o, "\"due\":\"2026-10-29\"") != NULL, "%s", o);
	ck_assert_ptr_nonnull(strstr(o, "\"channel\":\"post_plain\""));
	ck_assert_ptr_nonnull(strstr(o, "\"confirmed\":\"2026-09-24\""));
	ck_assert_ptr_nonnull(strstr(o, "\"arrived\":\"2026-09-24\""));
	free(o);
	/* The page shows both values by their labels. */
	wf_get("/cases/2026-0002", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "<li>提交方式：当面提交 → "));
	ck_assert_ptr_nonnull(strstr(h.body, "<li>申请人：李四 → 李思</li>"));
	hres_clear(&h);

	of_restart();
	of_same_refusal(late_page, late_api, late_cli);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events WHERE"
	    " action = 'correct'"), 0);
}
END_TEST

Suite *
applicant_suite(void)
{
	Suite	*s = suite_create("applicant");
	TCase	*tc = tcase_create("typed");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_typed_kept);
	tcase_add_test(tc, test_update);
	tcase_add_test(tc, test_use_stored);
	tcase_add_test(tc, test_page_asks);
	tcase_add_test(tc, test_receipt_typed);
	tcase_add_test(tc, test_correct_clerk);
	suite_add_tcase(s, tc);
	return s;
}
