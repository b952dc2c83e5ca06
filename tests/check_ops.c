/* SPDX-License-Identifier: ISC */
/*
 * One operation, one call (ops/case_ops.h): the same input through the
 * page (a form POST with session and CSRF token), the JSON API and the
 * CLI (FOIDESK_BIN) leaves the same database state -- compared as the
 * canonical dump of tests/opsdump.c -- and the same bad input gets the
 * same refusal with nothing written.  Each interface runs on its own
 * copy of the web fixture's template (tests/webfix.h): 2026-0001 in
 * handling, 2026-0002 received, 2026-0003 replied.
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

/* ---- intake ---- */

#define SIM_REQ	"示范区第一中学新校区建设项目的立项批复文件"

static char *
intake_sim_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, &b,
	    "channel", "in_person", "received", "2026-11-20",
	    "applicant_type", "person", "applicant", "张三",
	    "id_type", "passport", "id_number", "E1234567",
	    "request", SIM_REQ, NULL), 409);
	/* Everything typed is kept, with the box to confirm. */
	ck_assert_ptr_nonnull(strstr(b, "name=\"confirm_similar\""));
	ck_assert_ptr_nonnull(strstr(b, "E1234567"));
	return b;
}

static char *
intake_sim_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"in_person\",\"received\":\"2026-11-20\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"张三\",\"id_type\":\"passport\","
	    "\"id_number\":\"E1234567\",\"request\":\"" SIM_REQ "\"}", &b),
	    409);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"confirm_similar\""));
	ck_assert_ptr_nonnull(strstr(b, "\"similar\":[{\"number\":"
	    "\"2026-0001\""));
	return b;
}

static char *
intake_sim_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case new --channel in_person "
	    "--received 2026-11-20 --applicant-type person --applicant 张三 "
	    "--id-type passport --id-number E1234567 --request '" SIM_REQ
	    "'"), 3);
	return o;
}

static char *
intake_bad_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, &b,
	    "channel", "in_person", "received", "2026-02-30",
	    "applicant_type", "person", "applicant", "赵六",
	    "request", "某文件", NULL), 422);
	return b;
}

static char *
intake_bad_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"in_person\",\"received\":\"2026-02-30\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"赵六\",\"request\":\"某文件\"}", &b),
	    422);
	ck_assert_ptr_nonnull(strstr(b, "\"field\":\"received\""));
	return b;
}

static char *
intake_bad_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case new --channel in_person "
	    "--received 2026-02-30 --applicant-type person --applicant 赵六 "
	    "--request 某文件"), 3);
	return o;
}

static void
intake_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/new", U_CLERK, NULL,
	    "channel", "in_person", "received", "2026-11-20",
	    "applicant_type", "person", "applicant", "张三",
	    "id_type", "passport", "id_number", "E1234567",
	    "phone", "13800000000",
	    "request", SIM_REQ, "confirm_similar", "1", NULL), 303);
}

static void
intake_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases", U_CLERK, "{\"channel\":"
	    "\"in_person\",\"received\":\"2026-11-20\",\"applicant_type\":"
	    "\"person\",\"applicant\":\"张三\",\"id_type\":\"passport\","
	    "\"id_number\":\"E1234567\",\"phone\":\"13800000000\","
	    "\"request\":\"" SIM_REQ "\",\"confirm_similar\":true}", NULL),
	    201);
}

static void
intake_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case new --channel in_person "
	    "--received 2026-11-20 --applicant-type person --applicant 张三 "
	    "--id-type passport --id-number E1234567 --phone 13800000000 "
	    "--request '" SIM_REQ "' --confirm-similar"), 0);
}

START_TEST(test_intake)
{
	char	*d;

	of_same_refusal(intake_sim_page, intake_sim_api, intake_sim_cli);
	of_restart();
	of_same_refusal(intake_bad_page, intake_bad_api, intake_bad_cli);
	of_restart();
	d = of_same_state(intake_page, intake_api, intake_cli);
	/* The case and its 登记回执, issued with it everywhere. */
	ck_assert_ptr_nonnull(strstr(d, "number=2026-0004"));
	ck_assert_ptr_nonnull(strstr(d, "kind=receipt"));
	free(d);
}
END_TEST

/* ---- lifecycle actions ---- */

static void
life_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_CLERK, NULL,
	    "action", "register", "on", "2026-11-19", "note", "要素齐全",
	    NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "review", "on", "2026-11-20", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "accept", "on", "2026-11-20", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "consult-start", "on", "2026-11-20", "party", "agency",
	    "consult_party", "示范区财政局", "consult_subject", "预算执行数据",
	    NULL), 303);
}

static void
life_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_CLERK,
	    "{\"action\":\"register\",\"on\":\"2026-11-19\",\"note\":"
	    "\"要素齐全\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_OFFICER,
	    "{\"action\":\"review\",\"on\":\"2026-11-20\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_OFFICER,
	    "{\"action\":\"accept\",\"on\":\"2026-11-20\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_OFFICER,
	    "{\"action\":\"consult-start\",\"on\":\"2026-11-20\",\"party\":"
	    "\"agency\",\"consult_party\":\"示范区财政局\",\"consult_subject\":"
	    "\"预算执行数据\"}", NULL), 200);
}

static void
life_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case act 2026-0002 register "
	    "--on 2026-11-19 --note 要素齐全"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0002 review "
	    "--on 2026-11-20"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0002 accept "
	    "--on 2026-11-20"), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0002 "
	    "consult-start --on 2026-11-20 --party agency --consult-party "
	    "示范区财政局 --consult-subject 预算执行数据"), 0);
}

static char *
baddate_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_CLERK, &b,
	    "action", "register", "on", "2026-02-30", NULL), 422);
	return b;
}

static char *
baddate_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_CLERK,
	    "{\"action\":\"register\",\"on\":\"2026-02-30\"}", &b), 422);
	return b;
}

static char *
baddate_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case act 2026-0002 register "
	    "--on 2026-02-30"), 3);
	return o;
}

START_TEST(test_lifecycle)
{
	char	*d;

	d = of_same_state(life_page, life_api, life_cli);
	ck_assert_ptr_nonnull(strstr(d, "state=consulting"));
	ck_assert_ptr_nonnull(strstr(d, "key=consult_party|value=示范区财政局"));
	ck_assert_ptr_nonnull(strstr(d, "action=register|actor=clerk"));
	free(d);
	of_restart();
	of_same_refusal(baddate_page, baddate_api, baddate_cli);
}
END_TEST

/* ---- a reply with its texts, through approval ---- */

static void
reply_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "on", "2026-11-20", "outcome", "disclosed",
	    "provided", "立项批复", "how_to_obtain", "电子邮件发送", NULL),
	    303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/approvals/1", U_REVIEWER,
	    NULL, "decision", "approve", "comment", "同意", NULL), 303);
}

static void
reply_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/actions", U_OFFICER,
	    "{\"action\":\"reply\",\"on\":\"2026-11-20\",\"outcome\":"
	    "\"disclosed\",\"provided\":\"立项批复\",\"how_to_obtain\":"
	    "\"电子邮件发送\"}", NULL), 202);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/approvals/1",
	    U_REVIEWER, "{\"decision\":\"approve\",\"comment\":\"同意\"}",
	    NULL), 200);
}

static void
reply_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 reply --on "
	    "2026-11-20 --outcome disclosed --provided 立项批复 "
	    "--how-to-obtain 电子邮件发送"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"status\":\"pending\""));
	free(o);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case decide 2026-0001 1 "
	    "approve --comment 同意"), 0);
}

static const char *long_comment;

static char *
longc_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "outcome", "disclosed", "provided", "甲",
	    NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/approvals/1", U_REVIEWER,
	    &b, "decision", "approve", "comment", long_comment, NULL), 422);
	return b;
}

static char *
longc_api(void)
{
	struct buf	 j;
	char		*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/actions", U_OFFICER,
	    "{\"action\":\"reply\",\"outcome\":\"disclosed\","
	    "\"provided\":\"甲\"}", NULL), 202);
	buf_init(&j);
	buf_printf(&j, "{\"decision\":\"approve\",\"comment\":\"%s\"}",
	    long_comment);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/approvals/1",
	    U_REVIEWER, buf_str(&j), &b), 422);
	buf_clear(&j);
	return b;
}

static char *
longc_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 reply "
	    "--outcome disclosed --provided 甲"), 0);
	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "case decide 2026-0001 1 "
	    "approve --comment '%s'", long_comment), 3);
	return o;
}

START_TEST(test_reply_approval)
{
	struct buf	 c;
	char		*d;
	int		 i;

	d = of_same_state(reply_page, reply_api, reply_cli);
	ck_assert_ptr_nonnull(strstr(d, "state=replied"));
	ck_assert_ptr_nonnull(strstr(d, "key=provided|value=立项批复"
	    "|updated_by=officer"));
	ck_assert_ptr_nonnull(strstr(d, "status=approved"));
	free(d);

	/* One limit for a comment: LIM_COMMENT_CHARS (2,000) characters. */
	buf_init(&c);
	for (i = 0; i < 2001; i++)
		buf_puts(&c, "意");
	long_comment = buf_str(&c);
	of_restart();
	/* The request is made the same way; the decision is refused. */
	{
		char	*pb, *ab, *cb, *msg, *pd, *ad, *cd;

		pb = longc_page();
		pd = ops_dump(wf_db);
		of_restart();
		ab = longc_api();
		ad = ops_dump(wf_db);
		of_restart();
		cb = longc_cli();
		cd = ops_dump(wf_db);
		ck_assert_msg(strcmp(pd, ad) == 0, "%s", of_first_diff(pd, ad));
		ck_assert_msg(strcmp(pd, cd) == 0, "%s", of_first_diff(pd, cd));
		ck_assert_ptr_nonnull(strstr(pd, "status=pending"));
		msg = of_api_message(ab);
		ck_assert_ptr_nonnull(strstr(msg, "审批意见"));
		ck_assert_ptr_nonnull(strstr(pb, msg));
		ck_assert_ptr_nonnull(strstr(cb, msg));
		free(pb);
		free(ab);
		free(cb);
		free(pd);
		free(ad);
		free(cd);
		free(msg);
	}
	buf_clear(&c);
}
END_TEST

/* A refused request stores none of the texts sent with it. */
START_TEST(test_refused_request_keeps_no_texts)
{
	char	*o;

	/* 2026-0002 is only received: a reply is refused. */
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "reply", "outcome", "disclosed", "provided", "甲",
	    NULL), 409);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/actions", U_OFFICER,
	    "{\"action\":\"reply\",\"outcome\":\"disclosed\",\"provided\":"
	    "\"乙\"}", NULL), 409);
	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0002 reply "
	    "--outcome disclosed --provided 丙"), 3);
	free(o);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_texts"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals"), 0);
	/* A second request while one is pending: refused, its texts too. */
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "outcome", "disclosed", "provided", "第一",
	    NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "outcome", "disclosed", "provided", "第二",
	    NULL), 409);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_texts WHERE"
	    " value = '第二'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_texts WHERE"
	    " value = '第一'"), 1);
}
END_TEST

/* ---- case texts and notes ---- */

static void
texts_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0001/texts", U_REVIEWER, NULL,
	    "reasons", "依据条例第二十七条", "contact_person", "赵六", NULL),
	    303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/notes", U_CLERK, NULL,
	    "text", "申请人来电询问进度", NULL), 303);
}

static void
texts_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/texts", U_REVIEWER,
	    "{\"reasons\":\"依据条例第二十七条\",\"contact_person\":\"赵六\"}",
	    NULL), 200);
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/notes", U_CLERK,
	    "{\"text\":\"申请人来电询问进度\"}", NULL), 200);
}

static void
texts_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case text 2026-0001 reasons "
	    "依据条例第二十七条"), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case text 2026-0001 "
	    "contact_person 赵六"), 0);
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case note 2026-0001 "
	    "申请人来电询问进度"), 0);
}

static char *
blank_note_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0001/notes", U_CLERK, &b,
	    "text", "   ", NULL), 422);
	return b;
}

static char *
blank_note_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/notes", U_CLERK,
	    "{\"text\":\"   \"}", &b), 422);
	return b;
}

static char *
blank_note_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_CLERK, "case note 2026-0001 '   '"), 3);
	return o;
}

START_TEST(test_texts_and_notes)
{
	char	*d;

	d = of_same_state(texts_page, texts_api, texts_cli);
	ck_assert_ptr_nonnull(strstr(d, "key=reasons|value=依据条例第二十七条"));
	ck_assert_ptr_nonnull(strstr(d, "author=clerk|at=<time>|text="
	    "申请人来电询问进度"));
	free(d);
	of_restart();
	of_same_refusal(blank_note_page, blank_note_api, blank_note_cli);
}
END_TEST

/* ---- correction of the registration ---- */

static void
correct_page(void)
{
	/* The page's form sends every field; unchanged ones are no
	 * change. */
	ck_assert_int_eq(of_page_post("/cases/2026-0002/correct", U_OFFICER,
	    NULL, "applicant", "李四", "phone", "13900000000", "email", "",
	    "address", "", "id_type", "passport", "id_number", "E2345678",
	    "received", "2026-11-18",
	    "request", "示范区2024年教育经费预算执行情况",
	    "reason", "登记时电话和收到日期录入有误", NULL), 303);
}

static void
correct_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/correct", U_OFFICER,
	    "{\"phone\":\"13900000000\",\"received\":\"2026-11-18\","
	    "\"reason\":\"登记时电话和收到日期录入有误\"}", NULL), 200);
}

static void
correct_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case correct 2026-0002 "
	    "--phone 13900000000 --received 2026-11-18 "
	    "--reason 登记时电话和收到日期录入有误"), 0);
}

static char *
noreason_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0002/correct", U_OFFICER, &b,
	    "phone", "13900000000", "reason", "", NULL), 422);
	return b;
}

static char *
noreason_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/correct", U_OFFICER,
	    "{\"phone\":\"13900000000\"}", &b), 422);
	return b;
}

static char *
noreason_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case correct 2026-0002 "
	    "--phone 13900000000"), 3);
	return o;
}

static char *
badrecv_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0002/correct", U_OFFICER, &b,
	    "received", "2026-11-31", "reason", "更正", NULL), 422);
	return b;
}

static char *
badrecv_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/correct", U_OFFICER,
	    "{\"received\":\"2026-11-31\",\"reason\":\"更正\"}", &b), 422);
	return b;
}

static char *
badrecv_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case correct 2026-0002 "
	    "--received 2026-11-31 --reason 更正"), 3);
	return o;
}

START_TEST(test_correct)
{
	char	*d, *before;

	before = ops_dump(wf_db);
	ck_assert_ptr_nonnull(strstr(before, "received_on=2026-11-19"));
	d = of_same_state(correct_page, correct_api, correct_cli);
	/* One event with the reason, the changes before and after, and
	 * the new receipt date the deadline is computed from. */
	ck_assert_ptr_nonnull(strstr(d, "action=correct|actor=officer"));
	ck_assert_ptr_nonnull(strstr(d, "\"phone\":{\"before\":\"13800000000\","
	    "\"after\":\"13900000000\"}"));
	ck_assert_ptr_nonnull(strstr(d, "\"received\":{\"before\":"
	    "\"2026-11-19\",\"after\":\"2026-11-18\"}"));
	ck_assert_ptr_nonnull(strstr(d, "received_on=2026-11-18"));
	/* 20 working days from 2026-11-18 rather than from 11-19. */
	ck_assert_ptr_nonnull(strstr(d, "due=2026-12-16"));
	ck_assert_ptr_nonnull(strstr(before, "due=2026-12-17"));
	/* The old applicant record stays as it was. */
	ck_assert_ptr_nonnull(strstr(d, "phone=13800000000"));
	free(d);
	/* The case page shows the correction with its before and after. */
	{
		struct hres	 h;

		wf_get("/cases/2026-0002", U_OFFICER, &h);
		ck_assert_int_eq(h.status, 200);
		ck_assert_ptr_nonnull(strstr(h.body, "更正登记信息"));
		ck_assert_ptr_nonnull(strstr(h.body, "<li>联系电话：13800000000"
		    " → 13900000000</li>"));
		ck_assert_ptr_nonnull(strstr(h.body, "<li>收到日期：2026-11-19"
		    " → 2026-11-18</li>"));
		/* The form, with the current values. */
		ck_assert_ptr_nonnull(strstr(h.body, "id=\"correct\""));
		ck_assert_ptr_nonnull(strstr(h.body, "name=\"phone\" value="
		    "\"13900000000\""));
		hres_clear(&h);
		/* Clerks correct too, until the reply (check_applicant.c). */
		wf_get("/cases/2026-0002", U_CLERK, &h);
		ck_assert_int_eq(h.status, 200);
		ck_assert_ptr_nonnull(strstr(h.body, "id=\"correct\""));
		hres_clear(&h);
		wf_get("/cases/2026-0003", U_CLERK, &h);
		ck_assert_int_eq(h.status, 200);
		ck_assert_ptr_null(strstr(h.body, "id=\"correct\""));
		hres_clear(&h);
	}
	free(before);
	of_restart();
	of_same_refusal(noreason_page, noreason_api, noreason_cli);
	of_restart();
	of_same_refusal(badrecv_page, badrecv_api, badrecv_cli);
}
END_TEST

/* ---- letters ---- */

static void
letter_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0002/letters/receipt",
	    U_CLERK, NULL, NULL), 303);
}

static void
letter_api(void)
{
	ck_assert_int_eq(of_api_post("/api/cases/2026-0002/letters/receipt",
	    U_CLERK, "{}", NULL), 201);
}

static void
letter_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "letter 2026-0002 --kind receipt "
	    "-o '%s/r.pdf'", wf_dir), 0);
}

static char *
noreply_page(void)
{
	char	*b;

	ck_assert_int_eq(of_page_post("/cases/2026-0003/letters/reply",
	    U_REVIEWER, &b, NULL), 422);
	return b;
}

static char *
noreply_api(void)
{
	char	*b;

	ck_assert_int_eq(of_api_post("/api/cases/2026-0003/letters/reply",
	    U_REVIEWER, "{}", &b), 422);
	return b;
}

static char *
noreply_cli(void)
{
	char	*o;

	ck_assert_int_eq(of_cli(&o, U_REVIEWER, "letter 2026-0003 --kind reply "
	    "-o '%s/r.pdf'", wf_dir), 3);
	return o;
}

START_TEST(test_letter_issue)
{
	struct hres	 h;
	char		*d, *before, *after;

	/* Reading never issues: GET and HEAD of a letter never issued. */
	before = ops_dump(wf_db);
	wf_get("/cases/2026-0002/letters/receipt.pdf", U_CLERK, &h);
	ck_assert_int_eq(h.status, 404);
	ck_assert_ptr_nonnull(strstr(h.body, "尚未生成"));
	/* ... and offers the button that issues it (a POST). */
	ck_assert_ptr_nonnull(strstr(h.body, "<form method=\"post\" action="
	    "\"/cases/2026-0002/letters/receipt\""));
	hres_clear(&h);
	wf_http("HEAD", "/api/cases/2026-0002/letters/receipt.pdf", U_CLERK,
	    NULL, NULL, 0, NULL, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/api/cases/2026-0003/letters/reply.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(before);
	free(after);

	d = of_same_state(letter_page, letter_api, letter_cli);
	ck_assert_ptr_nonnull(strstr(d, "kind=receipt"));
	ck_assert_ptr_nonnull(strstr(d, "version=1"));
	free(d);
	/* Once issued, GET and HEAD serve it and issue nothing more. */
	before = ops_dump(wf_db);
	wf_http("HEAD", "/api/cases/2026-0002/letters/receipt.pdf", U_CLERK,
	    NULL, NULL, 0, NULL, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	wf_get("/cases/2026-0002/letters/receipt.pdf", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(before);
	free(after);
	of_restart();
	of_same_refusal(noreply_page, noreply_api, noreply_cli);
}
END_TEST

/* ---- attachments ---- */

#define FILE_PART	"--BND\r\nContent-Disposition: form-data; name=\"file\";" \
			" filename=\"申请书.txt\"\r\nContent-Type: text/plain\r\n" \
			"\r\n申请书正文\r\n--BND--\r\n"

static int
upload(const char *path, int user, int api, char **body)
{
	struct buf	 b;
	struct hres	 h;
	char		 hdr[128];
	int		 st;

	buf_init(&b);
	if (!api)
		buf_printf(&b, "--BND\r\nContent-Disposition: form-data; "
		    "name=\"csrf\"\r\n\r\n%s\r\n", wf_csrf[user]);
	buf_puts(&b, FILE_PART);
	snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s\r\n", wf_csrf[user]);
	wf_http("POST", path, user, "multipart/form-data; boundary=BND", b.p,
	    b.len, api ? hdr : NULL, &h);
	buf_clear(&b);
	st = h.status;
	if (body != NULL)
		*body = xstrdup(h.body != NULL ? h.body : "");
	hres_clear(&h);
	return st;
}

static void
attach_page(void)
{
	ck_assert_int_eq(upload("/cases/2026-0001/attachments", U_CLERK, 0,
	    NULL), 303);
}

static void
attach_api(void)
{
	ck_assert_int_eq(upload("/api/cases/2026-0001/attachments", U_CLERK, 1,
	    NULL), 201);
}

static void
attach_cli(void)
{
	char	 path[600];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/申请书.txt", wf_dir);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fputs("申请书正文", f);
	fclose(f);
	ck_assert_int_eq(of_cli(NULL, U_CLERK, "case attach 2026-0001 '%s'",
	    path), 0);
}

START_TEST(test_attachment)
{
	char	*d;

	d = of_same_state(attach_page, attach_api, attach_cli);
	ck_assert_ptr_nonnull(strstr(d, "name=申请书.txt|mime="));
	ck_assert_ptr_nonnull(strstr(d, "uploaded_by=clerk"));
	free(d);
}
END_TEST

Suite *
ops_suite(void)
{
	Suite	*s = suite_create("ops");
	TCase	*tc = tcase_create("equivalence");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_intake);
	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_reply_approval);
	tcase_add_test(tc, test_refused_request_keeps_no_texts);
	tcase_add_test(tc, test_texts_and_notes);
	tcase_add_test(tc, test_correct);
	tcase_add_test(tc, test_letter_issue);
	tcase_add_test(tc, test_attachment);
	suite_add_tcase(s, tc);
	return s;
}
