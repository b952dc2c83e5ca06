/* SPDX-License-Identifier: ISC */
/*
 * Equivalence of the office and administration operations (ops/): the
 * same input through the page (a POST with session and CSRF token),
 * the JSON API where it has a route, and the command line (FOIDESK_BIN)
 * leaves the same rows (tests/dbdump_admin.c: ids and timestamps
 * masked) and gives the same refusal for the same bad input.  Each
 * test starts a server on a copy of the web template and runs the CLI
 * on a second copy made before the first request.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/validate.h"
#include "tests/dbdump_admin.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "web/web.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

static char	 cli_db[600];

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

/* A server on one copy; the CLI's copy taken before any request. */
static void
setup(void)
{
	wf_start_cli(cli_db, sizeof(cli_db));
}


/* Both databases hold the same rows of tables. */
static void
same_rows(const char *const *tables)
{
	char	*a, *b;

	a = dbdump_admin(wf_db, tables);
	b = dbdump_admin(cli_db, tables);
	ck_assert_msg(strcmp(a, b) == 0, "page:\n%s\ncli:\n%s", a, b);
	ck_assert_msg(a[0] != '\0', "no rows in the tables compared");
	free(a);
	free(b);
}

/*
 * The refusal of the CLI (its message after "foidesk: " and the
 * prefix) is the one in the page's answer, which has status.  Returns
 * the message (static).
 */
static const char *
same_refusal(const struct hres *h, int status, const char *cli_out,
    const char *prefix)
{
	static char	 msg[600];
	char		 cmp[600], *t;
	const char	*p;
	size_t		 n;

	ck_assert_int_eq(h->status, status);
	ck_assert_ptr_nonnull(p = strstr(cli_out, "foidesk: "));
	p += strlen("foidesk: ");
	if (prefix != NULL) {
		ck_assert_msg(strncmp(p, prefix, strlen(prefix)) == 0,
		    "no prefix '%s' in '%s'", prefix, p);
		p += strlen(prefix);
	}
	n = strcspn(p, "\n");
	ck_assert_uint_lt(n, sizeof(msg));
	memcpy(msg, p, n);
	msg[n] = '\0';
	ck_assert_uint_gt(n, 0);
	/* Chinese only: no flag or English gloss for the web user. */
	ck_assert_ptr_null(strstr(msg, "--"));
	ck_assert_ptr_null(strstr(msg, " ("));
	ck_assert_msg(strpbrk(msg, "<>&\"") == NULL, "%s", msg);
	/* A time the message names (a year published "已于" a moment)
	 * is each database's own: compare up to it. */
	memcpy(cmp, msg, n + 1);
	if ((t = strstr(cmp, "已于")) != NULL)
		*t = '\0';
	ck_assert_msg(h->body != NULL && strstr(h->body, cmp) != NULL,
	    "page answer lacks '%s'", cmp);
	return msg;
}

/* Refuses the same way and writes nothing in either database. */
#define UNCHANGED(tables, before_page, before_cli) do {			\
	char *a_ = dbdump_admin(wf_db, tables);				\
	char *b_ = dbdump_admin(cli_db, tables);			\
	ck_assert_str_eq(a_, before_page);				\
	ck_assert_str_eq(b_, before_cli);				\
	free(a_);							\
	free(b_);							\
} while (0)

static const char *const agency_tables[] = { "agency", "settings", NULL };

START_TEST(test_agency)
{
	struct hres	 h;
	char		*out, *bp, *bc, phone_msg[256];

	wf_post_pairs("/admin/agency", U_ADMIN, &h, "name", "新区教育局",
	    "code", "新教公开", "address", "新区路1号", "postcode", "100000",
	    "phone", "010-12345678", "review_body", "新区人民政府",
	    "review_address", "新区路2号", "court", "新区人民法院",
	    "court_address", "新区路3号", "correction_period", "10",
	    "address_org", "贵公司", "review_online", "https://fy.xinqu.gov.cn",
	    NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "agency set --name 新区教育局 --code 新教公开"
	    " --address 新区路1号 --postcode 100000 --phone 010-12345678"
	    " --review-body 新区人民政府 --review-address 新区路2号"
	    " --court 新区人民法院 --court-address 新区路3号"
	    " --correction-period 10 --address-org 贵公司"
	    " --review-online https://fy.xinqu.gov.cn"), 0);
	free(out);
	same_rows(agency_tables);
	ck_assert_int_eq(wf_sql_int("SELECT correction_period FROM agency"),
	    10);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE "
	    "key = 'address_org' AND value = '贵公司'"), 1);
	/* Decision 15: the 复议机关's online channel. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE "
	    "key = 'review_online' AND value = 'https://fy.xinqu.gov.cn'"), 1);
	wf_get("/admin", U_ADMIN, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "复议机关网上申请渠道"));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"review_online\""));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"https://fy.xinqu.gov.cn\""));
	hres_clear(&h);

	bp = dbdump_admin(wf_db, agency_tables);
	bc = dbdump_admin(cli_db, agency_tables);
	/* A bad phone number. */
	wf_post_pairs("/admin/agency", U_ADMIN, &h, "name", "新区教育局",
	    "address", "新区路1号", "phone", "abc", "review_body", "新区人民政府",
	    "review_address", "新区路2号", "court", "新区人民法院",
	    "court_address", "新区路3号", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "agency set --phone abc"), 0);
	snprintf(phone_msg, sizeof(phone_msg), "联系电话：%s",
	    valid_phone("abc"));
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL), phone_msg);
	hres_clear(&h);
	free(out);
	/* The correction period out of range. */
	wf_post_pairs("/admin/agency", U_ADMIN, &h, "name", "新区教育局",
	    "address", "新区路1号", "review_body", "新区人民政府",
	    "review_address", "新区路2号", "court", "新区人民法院",
	    "court_address", "新区路3号", "correction_period", "61", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "agency set --correction-period 61"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "补正期限应为1至60个工作日");
	hres_clear(&h);
	free(out);
	/* A remedy field emptied. */
	wf_post_pairs("/admin/agency", U_ADMIN, &h, "name", "新区教育局",
	    "address", "新区路1号", "review_body", "新区人民政府",
	    "review_address", "新区路2号", "court", "",
	    "court_address", "新区路3号", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "agency set --court ''"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "管辖法院为必填项：答复书须载明");
	hres_clear(&h);
	free(out);
	UNCHANGED(agency_tables, bp, bc);
	free(bp);
	free(bc);
}
END_TEST

/* Decisions 13 and 14: the consultation's naming of the applicant (a
 * checkbox; off unless chosen) and the reasons period, the same on the
 * page and in the CLI. */
#define AG_FORM	"name", "新区教育局", "address", "新区路1号", \
		"review_body", "新区人民政府", "review_address", "新区路2号", \
		"court", "新区人民法院", "court_address", "新区路3号"

START_TEST(test_agency_consult_reasons)
{
	struct hres	 h;
	char		*out;

	wf_post_pairs("/admin/agency", U_ADMIN, &h, AG_FORM,
	    "consult_names_applicant", "on", "reasons_period", "10", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "agency set --name 新区教育局 --code '' "
	    "--address 新区路1号 --review-body 新区人民政府 --review-address 新区路2号"
	    " --court 新区人民法院 --court-address 新区路3号"
	    " --consult-names-applicant on --reasons-period 10"), 0);
	free(out);
	same_rows(agency_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE "
	    "key = 'consult_names_applicant' AND value = 'on'"), 1);
	wf_get("/admin", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"consult_names_applicant\""
	    " value=\"on\" checked>征求意见书写明申请人姓名或名称"));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"reasons_period\""));
	hres_clear(&h);
	/* The box cleared turns it off. */
	wf_post_pairs("/admin/agency", U_ADMIN, &h, AG_FORM, "reasons_period",
	    "10", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "agency set --consult-names-applicant off"),
	    0);
	free(out);
	same_rows(agency_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE "
	    "key = 'consult_names_applicant' AND value = 'off'"), 1);
	/* A period out of range. */
	wf_post_pairs("/admin/agency", U_ADMIN, &h, AG_FORM, "reasons_period",
	    "61", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "agency set --reasons-period 61"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "说明理由期限（工作日）应为1至60个工作日");
	hres_clear(&h);
	free(out);
}
END_TEST

static const char *const user_tables[] = { "users", NULL };

START_TEST(test_user_add)
{
	struct hres	 h;
	char		*out, *bp, *bc, pw[700];
	FILE		*f;

	snprintf(pw, sizeof(pw), "%s/pw", wf_dir);
	ck_assert_ptr_nonnull(f = fopen(pw, "w"));
	fputs("correct horse battery\n", f);
	fclose(f);
	wf_post_pairs("/admin/users", U_ADMIN, &h, "name", "alice", "role",
	    "officer", "password", "correct horse battery", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "user add alice --role officer < '%s'",
	    pw), 0);
	free(out);
	same_rows(user_tables);

	bp = dbdump_admin(wf_db, user_tables);
	bc = dbdump_admin(cli_db, user_tables);
	wf_post_pairs("/admin/users", U_ADMIN, &h, "name", "bob", "role", "king",
	    "password", "correct horse battery", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "user add bob --role king < '%s'", pw), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "角色应为登记员、承办人、审核人或管理员");
	hres_clear(&h);
	free(out);
	wf_post_pairs("/admin/users", U_ADMIN, &h, "name", "alice", "role",
	    "clerk", "password", "correct horse battery", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "user add alice --role clerk < '%s'", pw),
	    0);
	ck_assert_str_eq(same_refusal(&h, 409, out, NULL), "用户名已存在");
	hres_clear(&h);
	free(out);
	ck_assert_ptr_nonnull(f = fopen(pw, "w"));
	fputs("short\n", f);
	fclose(f);
	wf_post_pairs("/admin/users", U_ADMIN, &h, "name", "carol", "role",
	    "clerk", "password", "short", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "user add carol --role clerk < '%s'", pw),
	    0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "密码长度应为12至256个字符");
	hres_clear(&h);
	free(out);
	UNCHANGED(user_tables, bp, bc);
	free(bp);
	free(bc);
}
END_TEST

static const char *const cal_tables[] = { "calendar", "calendar_years",
    "settings", "cases", NULL };

/* Uploads text as the calendar file. */
static void
cal_upload(const char *text, struct hres *h)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "--BND\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n\r\n%s\r\n--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"cal.tsv\"\r\n\r\n%s\r\n--BND--\r\n",
	    wf_csrf[U_ADMIN], text);
	wf_http("POST", "/admin/calendar", U_ADMIN,
	    "multipart/form-data; boundary=BND", b.p, b.len, NULL, h);
	buf_clear(&b);
}

/* Writes text to wf_dir/name; returns the path (static). */
static const char *
cal_file(const char *name, const char *text)
{
	static char	 path[700];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", wf_dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_calendar_import)
{
	static const char bad[] = "2027-02-30\tholiday\t春节\n";
	struct hres	 h;
	const char	*path;
	char		*out, *bp, *bc, prefix[800];

	/* Upload, preview, apply (issue 15: two steps). */
	wf_cal_import(test_cal_2027, 0, U_ADMIN, NULL, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	path = cal_file("good.tsv", test_cal_2027);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "calendar import '%s'", path), 0);
	free(out);
	same_rows(cal_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM calendar_years"
	    " WHERE year = 2027"), 1);

	bp = dbdump_admin(wf_db, cal_tables);
	bc = dbdump_admin(cli_db, cal_tables);
	cal_upload(bad, &h);
	path = cal_file("bad.tsv", bad);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "calendar import '%s'", path), 0);
	snprintf(prefix, sizeof(prefix), "%s: ", path);
	ck_assert_str_eq(same_refusal(&h, 422, out, prefix), "第1行：日期无效");
	hres_clear(&h);
	free(out);
	UNCHANGED(cal_tables, bp, bc);
	free(bp);
	free(bc);
}
END_TEST

static const char *const report_tables[] = { "report_figures",
    "report_texts", "report_years", "report_cells", NULL };

START_TEST(test_report)
{
	struct hres	 h;
	char		*out, *bp, *bc;

	wf_post_pairs("/reports/figures", U_REVIEWER, &h, "year", "2025",
	    "rules.issued", "3", "fees.amount", "1.5", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "report set --year 2025 --key rules.issued"
	    " --value 3 --by reviewer"), 0);
	free(out);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "report set --year 2025 --key fees.amount"
	    " --value 1.5 --by reviewer"), 0);
	free(out);
	same_rows(report_tables);

	/* A bad figure: neither interface writes any of the form. */
	bp = dbdump_admin(wf_db, report_tables);
	bc = dbdump_admin(cli_db, report_tables);
	wf_post_pairs("/reports/figures", U_REVIEWER, &h, "year", "2025",
	    "rules.repealed", "abc", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "report set --year 2025 --key"
	    " rules.repealed --value abc --by reviewer"), 0);
	ck_assert_ptr_nonnull(strstr(same_refusal(&h, 422, out, NULL),
	    "数量应为非负整数"));
	hres_clear(&h);
	free(out);
	UNCHANGED(report_tables, bp, bc);
	free(bp);
	free(bc);

	/* Decision 16: sections 一, 五 and 六 need text first; the
	 * refusal names them as the report page does. */
	wf_post_pairs("/reports/publish", U_REVIEWER, &h, "year", "2025", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "report publish --year 2025 --by reviewer"),
	    0);
	ck_assert_str_eq(same_refusal(&h, 409, out, NULL), "年度报告尚缺以下部分"
	    "的正文，填写后才能发布：“一、总体情况”、“五、存在的主要问题及改进情况”、"
	    "“六、其他需要报告的事项”");
	hres_clear(&h);
	free(out);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM report_years"), 0);
	wf_post_pairs("/reports/texts", U_REVIEWER, &h, "year", "2025", "s0",
	    "本年度总体情况。", "s1", "存在的问题及改进。", "s2", "无其他事项。",
	    NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	{
		static const char *const sec[3][2] = { { "一", "本年度总体情况。" },
		    { "五", "存在的问题及改进。" }, { "六", "无其他事项。" } };
		char	 path[600];
		FILE	*fp;
		int	 k;

		for (k = 0; k < 3; k++) {
			snprintf(path, sizeof(path), "%s/sec%d.txt", wf_dir, k);
			ck_assert_ptr_nonnull(fp = fopen(path, "w"));
			fputs(sec[k][1], fp);
			fclose(fp);
			ck_assert_int_eq(wf_cli_run(cli_db, &out, "report text --year 2025 "
			    "--section %s --file '%s' --by reviewer", sec[k][0],
			    path), 0);
			free(out);
		}
	}
	wf_post_pairs("/reports/publish", U_REVIEWER, &h, "year", "2025", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "report publish --year 2025 --by reviewer"),
	    0);
	free(out);
	same_rows(report_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM report_years"), 1);

	/* The published year refuses changes the same way. */
	bp = dbdump_admin(wf_db, report_tables);
	bc = dbdump_admin(cli_db, report_tables);
	wf_post_pairs("/reports/figures", U_REVIEWER, &h, "year", "2025",
	    "rules.issued", "4", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "report set --year 2025 --key rules.issued"
	    " --value 4 --by reviewer"), 0);
	ck_assert_str_eq(same_refusal(&h, 409, out, NULL),
	    "2025年度报告已发布，须先重新开放");
	hres_clear(&h);
	free(out);
	wf_post_pairs("/reports/publish", U_REVIEWER, &h, "year", "2025", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "report publish --year 2025 --by reviewer"),
	    0);
	(void)same_refusal(&h, 409, out, NULL);
	hres_clear(&h);
	free(out);
	UNCHANGED(report_tables, bp, bc);
	free(bp);
	free(bc);

	wf_post_pairs("/reports/reopen", U_REVIEWER, &h, "year", "2025", "reason",
	    "更正第三项数据", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "report reopen --year 2025 --reason"
	    " 更正第三项数据 --by reviewer"), 0);
	free(out);
	same_rows(report_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM report_years"), 0);
}
END_TEST

static const char *const appeal_tables[] = { "appeals", NULL };

START_TEST(test_appeal)
{
	struct hres	 h;
	char		*out, *bp, *bc;

	wf_api_post("/api/cases/2026-0003/appeals", U_OFFICER,
	    "{\"kind\":\"reconsideration\",\"filed\":\"2026-11-10\","
	    "\"body\":\"示范市人民政府\"}", 0, &h);
	ck_assert_int_eq(h.status, 201);
	ck_assert_ptr_nonnull(strstr(h.body, "\"result\":\"pending\""));
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "appeal add 2026-0003 --kind reconsideration"
	    " --filed 2026-11-10 --body 示范市人民政府 --by officer"), 0);
	free(out);
	same_rows(appeal_tables);

	bp = dbdump_admin(wf_db, appeal_tables);
	bc = dbdump_admin(cli_db, appeal_tables);
	wf_api_post("/api/cases/2026-0003/appeals", U_OFFICER,
	    "{\"kind\":\"bogus\",\"filed\":\"2026-11-10\"}", 0, &h);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "appeal add 2026-0003 --kind bogus"
	    " --filed 2026-11-10 --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "类别应为行政复议、未经复议直接起诉或复议后起诉");
	ck_assert_ptr_nonnull(strstr(h.body, "\"field\":\"kind\""));
	hres_clear(&h);
	free(out);
	wf_api_post("/api/cases/2026-0003/appeals", U_OFFICER,
	    "{\"kind\":\"reconsideration\",\"filed\":\"2026-11-10\","
	    "\"result\":\"upheld\"}", 0, &h);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "appeal add 2026-0003 --kind"
	    " reconsideration --filed 2026-11-10 --result upheld --by"
	    " officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "已审结的须填写审结日期");
	hres_clear(&h);
	free(out);
	wf_api_post("/api/cases/2099-0001/appeals", U_OFFICER,
	    "{\"kind\":\"reconsideration\",\"filed\":\"2026-11-10\"}", 0, &h);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "appeal add 2099-0001 --kind"
	    " reconsideration --filed 2026-11-10 --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 404, out, NULL), "没有这个案件");
	hres_clear(&h);
	free(out);
	UNCHANGED(appeal_tables, bp, bc);
	free(bp);
	free(bc);

	/* Decision 12: --redo goes only with corrected. */
	wf_api_post("/api/appeals/1", U_OFFICER, "{\"result\":\"upheld\","
	    "\"decided\":\"2026-11-12\",\"redo\":true}", 0, &h);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "appeal decide 1 --result upheld"
	    " --decided 2026-11-12 --redo --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "只有结果纠正的决定可以责令重新答复");
	hres_clear(&h);
	free(out);
	/* Corrected, received Fri 2026-11-13 (day 0); no holiday listed in
	 * Nov-Dec 2026: 11-16..20 (1-5), 23..27 (6-10), 11-30..12-04
	 * (11-15), 12-07..11 (16-20): due 2026-12-11. */
	wf_api_post("/api/appeals/1", U_OFFICER, "{\"result\":\"corrected\","
	    "\"decided\":\"2026-11-12\",\"redo\":true,"
	    "\"received\":\"2026-11-13\"}", 0, &h);
	ck_assert_msg(h.status == 200, "%d %s", h.status, h.body);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "appeal decide 1 --result corrected"
	    " --decided 2026-11-12 --redo --received 2026-11-13 --by officer"),
	    0);
	free(out);
	same_rows(appeal_tables);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " number = '2026-0003' AND state = 'handling' AND"
	    " due = '2026-12-11'"), 1);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "case show 2026-0003 --json"), 0);
	ck_assert_msg(strstr(out, "\"state\":\"handling\"") != NULL &&
	    strstr(out, "\"due\":\"2026-12-11\"") != NULL, "%s", out);
	free(out);
}
END_TEST

static const char *const tag_tables[] = { "case_tags", NULL };
static const char *const px_tables[] = { "proactive_groups",
    "proactive_members", "proactive_proposals", NULL };

START_TEST(test_proactive)
{
	struct hres	 h;
	char		*out, *bp, *bc;

	wf_post_pairs("/proactive/tags", U_OFFICER, &h, "case", "2026-0001",
	    "tag", "校舍建设", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "proactive tag 2026-0001 校舍建设"
	    " --by officer"), 0);
	free(out);
	same_rows(tag_tables);

	bp = dbdump_admin(wf_db, tag_tables);
	bc = dbdump_admin(cli_db, tag_tables);
	wf_post_pairs("/proactive/tags", U_OFFICER, &h, "case", "2026-0001",
	    "tag", "一二三四五六七八九十一二三四五六七八九十一", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "proactive tag 2026-0001"
	    " 一二三四五六七八九十一二三四五六七八九十一 --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "标签：内容超过长度上限");
	hres_clear(&h);
	free(out);
	wf_post_pairs("/proactive/tags", U_OFFICER, &h, "case", "2026-0001",
	    "tag", "没有的标签", "remove", "1", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "proactive tag 2026-0001 没有的标签"
	    " --remove --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 404, out, NULL),
	    "该案件没有这个标签");
	hres_clear(&h);
	free(out);
	UNCHANGED(tag_tables, bp, bc);
	free(bp);
	free(bc);

	wf_post_pairs("/proactive/propose", U_OFFICER, &h, "case", "2026-0002",
	    "reason", "涉及公众利益", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "proactive propose 2026-0002 --reason"
	    " 涉及公众利益 --by officer"), 0);
	free(out);
	same_rows(px_tables);

	bp = dbdump_admin(wf_db, px_tables);
	bc = dbdump_admin(cli_db, px_tables);
	wf_post_pairs("/proactive/propose", U_OFFICER, &h, "case", "2026-0002",
	    "reason", "", NULL);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "proactive propose 2026-0002 --reason ''"
	    " --by officer"), 0);
	ck_assert_str_eq(same_refusal(&h, 422, out, NULL),
	    "建议理由：不能为空");
	hres_clear(&h);
	free(out);
	UNCHANGED(px_tables, bp, bc);
	free(bp);
	free(bc);
}
END_TEST

/* The numbers in a JSON array of cases, in order. */
static void
numbers(const char *json, struct buf *out)
{
	const char	*p = json;

	while ((p = strstr(p, "\"number\":\"")) != NULL) {
		p += strlen("\"number\":\"");
		buf_put(out, p, strcspn(p, "\""));
		buf_putc(out, ' ');
	}
}

/* `case list` and GET /api/cases: one query, the same cases. */
START_TEST(test_case_list)
{
	static const char *const q[][2] = {
		{ "", "" },
		{ "--overdue", "&overdue=1" },
		{ "--state received", "&state=received" },
		{ "--due-within 3", "&due_soon=1" },
		{ "--limit 2", "&limit=2" },
	};
	struct hres	 h;
	struct buf	 a, b, path;
	char		*out;
	size_t		 i;

	buf_init(&a);
	buf_init(&b);
	buf_init(&path);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		buf_reset(&a);
		buf_reset(&b);
		buf_reset(&path);
		ck_assert_int_eq(wf_cli_run(cli_db, &out, "case list --json %s", q[i][0]), 0);
		numbers(out, &a);
		free(out);
		buf_printf(&path, "/api/cases?sort=due%s", q[i][1]);
		wf_get(buf_str(&path), U_OFFICER, &h);
		ck_assert_int_eq(h.status, 200);
		numbers(h.body, &b);
		hres_clear(&h);
		ck_assert_msg(strcmp(buf_str(&a), buf_str(&b)) == 0,
		    "%s: cli '%s', api '%s'", q[i][0], buf_str(&a),
		    buf_str(&b));
	}
	ck_assert_ptr_nonnull(strstr(buf_str(&a), "2026-"));
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&path);
}
END_TEST

Suite *
opsadmin_suite(void)
{
	Suite	*s = suite_create("opsadmin");
	TCase	*tc;

	tc = tcase_create("equivalence");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_agency);
	tcase_add_test(tc, test_agency_consult_reasons);
	tcase_add_test(tc, test_user_add);
	tcase_add_test(tc, test_calendar_import);
	tcase_add_test(tc, test_report);
	tcase_add_test(tc, test_appeal);
	tcase_add_test(tc, test_proactive);
	tcase_add_test(tc, test_case_list);
	suite_add_tcase(s, tc);
	return s;
}
