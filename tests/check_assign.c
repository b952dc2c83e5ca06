/* SPDX-License-Identifier: ISC */
/*
 * Departments and assignment (issue 13): assign, reassign, 转办, 退回
 * and 协办 through the page, the JSON API and the CLI leave the same
 * rows (tests/opsdump.c, with departments and case_assists), each step
 * an event that does not move the deadline; refusals leave nothing and
 * read the same everywhere; who may do what; the officer's dashboard
 * lists its sections in order, with a reviewer's comment on a returned
 * reply; the case list opens on open cases and every list shows the
 * deadline.
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

/* Two departments: A (head: reviewer) with the officer and the
 * reviewer, B without a head.  Through the CLI in every copy. */
static void
depts(void)
{
	ck_assert_int_eq(of_cli(NULL, -1, "department add A --name 一科 "
	    "--head reviewer"), 0);
	ck_assert_int_eq(of_cli(NULL, -1, "department add B --name 二科"), 0);
	ck_assert_int_eq(of_cli(NULL, -1, "user set officer --department A "
	    "--email officer@example.cn"), 0);
	ck_assert_int_eq(of_cli(NULL, -1, "user set reviewer --department "
	    "A"), 0);
}

/* The case's deadline as a day number (SQLite's julianday). */
static int
due_of(const char *number)
{
	char	 q[200];

	snprintf(q, sizeof(q), "SELECT CAST(julianday(due) AS INTEGER) FROM"
	    " cases WHERE number = '%s'", number);
	return wf_sql_int(q);
}

/*
 * The same bad input refused the same way through each interface,
 * after the same setup: nothing written by the refused call, and the
 * API's message on the page and in the CLI's output.
 */
static void
same_refusal(void (*setup)(void), rdriver *page, rdriver *api,
    rdriver *cli)
{
	rdriver	*d[3] = { page, api, cli };
	char	*out[3], *before, *after, *msg;
	int	 i;

	for (i = 0; i < 3; i++) {
		of_restart();
		setup();
		before = ops_dump(wf_db);
		out[i] = d[i]();
		after = ops_dump(wf_db);
		ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
		    of_first_diff(before, after));
		free(before);
		free(after);
	}
	msg = of_api_message(out[1]);
	ck_assert_msg(strlen(msg) > 0, "empty message");
	ck_assert_msg(strstr(out[0], msg) != NULL, "page lacks \"%s\"", msg);
	ck_assert_msg(strstr(out[2], msg) != NULL, "CLI lacks \"%s\": %s",
	    msg, out[2]);
	ck_assert_msg(strstr(msg, " (") == NULL, "English suffix: %s", msg);
	for (i = 0; i < 3; i++)
		free(out[i]);
	free(msg);
}

static void
assigned(void)
{
	depts();
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0001 "
	    "--to officer --department A"), 0);
}

/* The section with this id, up to its end (a copy). */
static char *
section_of(const char *body, const char *id)
{
	char		 k[100];
	const char	*p, *e;

	snprintf(k, sizeof(k), "id=\"%s\"", id);
	p = strstr(body, k);
	ck_assert_msg(p != NULL, "no section %s", id);
	e = strstr(p, "</section>");
	ck_assert_ptr_nonnull(e);
	return xstrndup(p, (size_t)(e - p));
}

/* ---- the same steps through each interface ---- */

static void
steps_page(void)
{
	depts();
	ck_assert_int_eq(of_page_post("/cases/2026-0001/assign", U_REVIEWER,
	    NULL, "to", "officer", "department", "A", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/assign", U_REVIEWER,
	    NULL, "to", "reviewer", "reason", "工作调整", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/assist", U_REVIEWER,
	    NULL, "department", "B", "due", "2026-11-24", "reason",
	    "请提供预算表", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/assist-done",
	    U_REVIEWER, NULL, "department", "B", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/transfer", U_REVIEWER,
	    NULL, "department", "B", "reason", "职责调整", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/assign", U_REVIEWER,
	    NULL, "to", "officer", "department", "A", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/return", U_OFFICER,
	    NULL, "reason", "不属本科室", NULL), 303);
}

static void
steps_api(void)
{
	depts();
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assign",
	    U_REVIEWER, "{\"to\":\"officer\",\"department\":\"A\"}", NULL),
	    200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assign",
	    U_REVIEWER, "{\"to\":\"reviewer\",\"reason\":\"工作调整\"}", NULL),
	    200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assist",
	    U_REVIEWER, "{\"department\":\"B\",\"due\":\"2026-11-24\","
	    "\"note\":\"请提供预算表\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assist-done",
	    U_REVIEWER, "{\"department\":\"B\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/transfer",
	    U_REVIEWER, "{\"department\":\"B\",\"reason\":\"职责调整\"}",
	    NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/assign",
	    U_REVIEWER, "{\"to\":\"officer\",\"department\":\"A\"}", NULL),
	    200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/return",
	    U_OFFICER, "{\"reason\":\"不属本科室\"}", NULL), 200);
}

static void
steps_cli(void)
{
	depts();
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0001 "
	    "--to officer --department A"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0001 "
	    "--to reviewer --reason 工作调整"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assist 2026-0001 "
	    "--department B --due 2026-11-24 --note 请提供预算表"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assist 2026-0001 "
	    "--department B --done"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case transfer 2026-0001 "
	    "--department B --reason 职责调整"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0002 "
	    "--to officer --department A"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case return 2026-0002 "
	    "--reason 不属本科室"), 0);
}

START_TEST(test_steps_same_everywhere)
{
	char	*d, *o;
	int	 due0, due1;

	due0 = due_of("2026-0001");
	d = of_same_state(steps_page, steps_api, steps_cli);
	/* Every step an event, with its reason. */
	ck_assert_ptr_nonnull(strstr(d, "action=assign|actor=reviewer"));
	ck_assert_ptr_nonnull(strstr(d, "note=工作调整"));
	ck_assert_ptr_nonnull(strstr(d, "action=assist|actor=reviewer"));
	ck_assert_ptr_nonnull(strstr(d, "action=assist-done|actor=reviewer"));
	ck_assert_ptr_nonnull(strstr(d, "action=transfer|actor=reviewer"));
	ck_assert_ptr_nonnull(strstr(d, "note=职责调整"));
	ck_assert_ptr_nonnull(strstr(d, "action=return|actor=officer"));
	ck_assert_ptr_nonnull(strstr(d, "note=不属本科室"));
	/* The 协办 row, done today. */
	ck_assert_ptr_nonnull(strstr(d, "due=2026-11-24|note=请提供预算表|"
	    "done_on=2026-11-20"));
	/* The steps never move the deadline. */
	due1 = due_of("2026-0001");
	ck_assert_int_eq(due0, due1);
	/* 转办 and 退回 leave the cases without an officer. */
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"department\":\"B\""));
	ck_assert_ptr_null(strstr(o, "\"assignee\":\""));
	free(o);
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0002 --json"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"department\":\"A\""));
	ck_assert_ptr_null(strstr(o, "\"assignee\":\""));
	ck_assert_ptr_nonnull(strstr(o, "\"label\":\"退回科室负责人\""));
	free(o);
	free(d);
}
END_TEST

/* ---- refusals ---- */

static char *
reassign_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0001/assign", U_REVIEWER,
	    &b, "form", "assign", "to", "reviewer", NULL), 422);
	return b;
}

static char *
reassign_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assign",
	    U_REVIEWER, "{\"to\":\"reviewer\"}", &b), 422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"reason\""));
	return b;
}

static char *
reassign_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case assign 2026-0001 "
	    "--to reviewer"), 3);
	return o;
}

static char *
notmine_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0002/return", U_OFFICER,
	    &b, "form", "return", "reason", "不属本科室", NULL), 409);
	return b;
}

static char *
notmine_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/return",
	    U_OFFICER, "{\"reason\":\"不属本科室\"}", &b), 409);
	return b;
}

static char *
notmine_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case return 2026-0002 "
	    "--reason 不属本科室"), 3);
	return o;
}

static char *
weekend_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0001/assist", U_REVIEWER,
	    &b, "form", "assist", "department", "B", "due", "2026-11-21",
	    NULL), 422);
	return b;
}

static char *
weekend_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assist",
	    U_REVIEWER, "{\"department\":\"B\",\"due\":\"2026-11-21\"}", &b),
	    422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"due\""));
	return b;
}

static char *
weekend_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case assist 2026-0001 "
	    "--department B --due 2026-11-21"), 3);
	return o;
}

static char *
late_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0001/assist", U_REVIEWER,
	    &b, "form", "assist", "department", "B", "due", "2027-03-01",
	    NULL), 422);
	return b;
}

static char *
late_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/assist",
	    U_REVIEWER, "{\"department\":\"B\",\"due\":\"2027-03-01\"}", &b),
	    422);
	return b;
}

static char *
late_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case assist 2026-0001 "
	    "--department B --due 2027-03-01"), 3);
	return o;
}

START_TEST(test_refusals)
{
	same_refusal(assigned, reassign_page, reassign_api, reassign_cli);
	same_refusal(depts, notmine_page, notmine_api, notmine_cli);
	same_refusal(depts, weekend_page, weekend_api, weekend_cli);
	same_refusal(depts, late_page, late_api, late_cli);
}
END_TEST

/* Who may: a clerk assigns nothing; an officer takes an unassigned case
 * of their own department, not one of another, and does not assign
 * others; an officer of no department cannot be given a case of A. */
START_TEST(test_who_may)
{
	char	*o;

	depts();
	ck_assert_int_eq(of_cli(&o, U_CLERK, "case assign 2026-0002 --to "
	    "officer --department A"), 3);
	ck_assert_ptr_nonnull(strstr(o, "只有审核人、管理员或本科室负责人"));
	free(o);
	/* The case is in B: the officer (of A) may not take it. */
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case transfer 2026-0002 "
	    "--department B --reason 职责"), 0);
	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case assign 2026-0002 --to "
	    "officer"), 3);
	free(o);
	/* Back in A, unassigned: the officer takes it. */
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case transfer 2026-0002 "
	    "--department A --reason 职责"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case assign 2026-0002 --to "
	    "officer"), 0);
	/* But does not hand it to someone else. */
	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case assign 2026-0002 --to "
	    "reviewer --reason 忙"), 3);
	free(o);
	/* The clerk is no officer. */
	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case assign 2026-0002 --to "
	    "clerk --reason 试"), 3);
	ck_assert_ptr_nonnull(strstr(o, "只能分派给承办人或审核人"));
	free(o);
	/* A replied case is not assigned any more. */
	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case assign 2026-0003 --to "
	    "officer --department A"), 3);
	free(o);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events WHERE"
	    " action = 'assign'"), 1);
	/* Administrator only: departments and accounts. */
	ck_assert_int_eq(of_cli(&o, -1, "department add A --name 三科"), 3);
	free(o);
	ck_assert_int_eq(of_cli(&o, -1, "department add 'A B' --name 四科"), 3);
	free(o);
	ck_assert_int_eq(of_cli(&o, -1, "user set officer --email bad"), 3);
	free(o);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM users WHERE"
	    " email = 'officer@example.cn'"), 1);
}
END_TEST

/* ---- what needs me ---- */

static const char *
at(const char *body, const char *s)
{
	const char	*p = strstr(body, s);

	ck_assert_msg(p != NULL, "no %s", s);
	return p;
}

START_TEST(test_dashboard_order)
{
	struct hres	 h;
	char		*sec;

	depts();
	/* A reply the reviewer sends back with a comment. */
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "on", "2026-11-20", "outcome", "disclosed",
	    "provided", "立项批复", "how_to_obtain", "电子邮件发送", NULL),
	    303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/approvals/1",
	    U_REVIEWER, NULL, "decision", "reject", "comment",
	    "请补充说明公开方式", NULL), 303);
	/* A case newly assigned to the officer. */
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0002 "
	    "--to officer --department A"), 0);
	wf_get("/", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert(at(h.body, "id=\"my-overdue\"") < at(h.body,
	    "id=\"rejected\""));
	ck_assert(at(h.body, "id=\"rejected\"") < at(h.body,
	    "id=\"my-due-soon\""));
	ck_assert(at(h.body, "id=\"my-due-soon\"") < at(h.body,
	    "id=\"newly-assigned\""));
	ck_assert(at(h.body, "id=\"newly-assigned\"") < at(h.body,
	    "id=\"awaiting-delivery\""));
	/* The comment, and the deadline in the row. */
	sec = section_of(h.body, "rejected");
	ck_assert_ptr_nonnull(strstr(sec, "请补充说明公开方式"));
	ck_assert_ptr_nonnull(strstr(sec, "2026-11-30"));
	/* 2026-11-20 (a Friday) to Monday 11-30: six working days. */
	ck_assert_ptr_nonnull(strstr(sec, "剩6个工作日</small>"));
	free(sec);
	sec = section_of(h.body, "newly-assigned");
	ck_assert_ptr_nonnull(strstr(sec, ">2026-0002<"));
	free(sec);
	hres_clear(&h);
	/* Once the officer acts on it, it is no longer new. */
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0002 "
	    "register --on 2026-11-20"), 0);
	wf_get("/", U_OFFICER, &h);
	sec = section_of(h.body, "newly-assigned");
	ck_assert_ptr_null(strstr(sec, ">2026-0002<"));
	free(sec);
	hres_clear(&h);
	/* The head (the reviewer) sees the case the officer returned. */
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case return 2026-0002 "
	    "--reason 需要二科办理"), 0);
	wf_get("/", U_REVIEWER, &h);
	sec = section_of(h.body, "unassigned");
	ck_assert_ptr_nonnull(strstr(sec, "需要二科办理"));
	ck_assert_ptr_nonnull(strstr(sec, ">2026-0002<"));
	free(sec);
	/* The 待审批 list shows deadlines (nothing pending here). */
	hres_clear(&h);
}
END_TEST

/* The case list opens on open cases; ?all=1 (or the form with 仅在办
 * unticked) shows every case; the department filter. */
START_TEST(test_list_opens_on_open)
{
	struct hres	 h;
	char		*o;

	depts();
	wf_get("/cases", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	ck_assert_ptr_null(strstr(h.body, ">2026-0003<"));
	ck_assert_ptr_nonnull(strstr(h.body, "个工作日"));
	hres_clear(&h);
	wf_get("/cases?all=1", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0003<"));
	hres_clear(&h);
	wf_get("/cases?state=&sort=due", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0003<"));
	hres_clear(&h);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0001 "
	    "--to officer --department A"), 0);
	wf_get("/cases?dept=A", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0001<"));
	ck_assert_ptr_null(strstr(h.body, ">2026-0002<"));
	hres_clear(&h);
	wf_get("/cases?unassigned=1", U_OFFICER, &h);
	ck_assert_ptr_null(strstr(h.body, ">2026-0001<"));
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0002<"));
	hres_clear(&h);
	/* The same filters in the CLI. */
	ck_assert_int_eq(of_cli(&o, -1, "case list --open --unassigned "
	    "--json"), 0);
	ck_assert_ptr_null(strstr(o, "\"2026-0001\""));
	ck_assert_ptr_nonnull(strstr(o, "\"2026-0002\""));
	free(o);
	ck_assert_int_eq(of_cli(&o, -1, "case list --department A --json"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"2026-0001\""));
	ck_assert_ptr_null(strstr(o, "\"2026-0002\""));
	free(o);
}
END_TEST

/* The case page's 承办 section: department, officer, the forms the
 * role allows. */
START_TEST(test_case_page_section)
{
	struct hres	 h;

	depts();
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assign 2026-0001 "
	    "--to officer --department A"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case assist 2026-0001 "
	    "--department B --due 2026-11-24 --note 预算表"), 0);
	wf_get("/cases/2026-0001", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(at(h.body, "id=\"assign\""), "一科"));
	ck_assert_ptr_nonnull(strstr(h.body, "action=\"/cases/2026-0001/"
	    "transfer\""));
	ck_assert_ptr_nonnull(strstr(h.body, "二科"));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-11-24"));
	hres_clear(&h);
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "action=\"/cases/2026-0001/"
	    "return\""));
	ck_assert_ptr_null(strstr(h.body, "action=\"/cases/2026-0001/"
	    "transfer\""));
	hres_clear(&h);
	wf_get("/cases/2026-0001", U_CLERK, &h);
	ck_assert_ptr_null(strstr(h.body, "action=\"/cases/2026-0001/"
	    "return\""));
	ck_assert_ptr_null(strstr(h.body, "action=\"/cases/2026-0001/"
	    "assign\""));
	hres_clear(&h);
}
END_TEST

Suite *
assign_suite(void)
{
	Suite	*s = suite_create("assign");
	TCase	*tc = tcase_create("assign");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_steps_same_everywhere);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_who_may);
	tcase_add_test(tc, test_dashboard_order);
	tcase_add_test(tc, test_list_opens_on_open);
	tcase_add_test(tc, test_case_page_section);
	suite_add_tcase(s, tc);
	return s;
}
