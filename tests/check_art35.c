/* SPDX-License-Identifier: ISC */
/*
 * Issue 12 findings 5 and 6 (domain.md decisions 13 and 14), through
 * the CLI, with the letters read back by pdftotext:
 *  - the 征求意见书 does not name the applicant unless the agency turns
 *    consult_names_applicant on;
 *  - a disclosing reply over a third party's recorded objection needs
 *    the reasons and issues the 公开决定告知书 to the third party;
 *  - ask-reasons issues the 说明理由通知书 with the agency's period;
 *  - set-later-deadline moves `due` and the 延迟答复告知书 states it;
 *  - the 不予处理 letter says reasons were asked only after ask-reasons.
 * Replies are the reviewer's (an officer's would await approval).
 * Case 2026-0001 of the web fixture: received 2026-11-02 (in person,
 * applicant 张三), in handling; today is 2026-11-20.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"

#define ON	"2026-11-20"

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

/* The stored letter of kind, version 1, as text. */
static char *
stored(const char *kind)
{
	char	 path[600], *o;

	snprintf(path, sizeof(path), "%s/%s.pdf", wf_dir, kind);
	ck_assert_msg(of_cli(&o, U_OFFICER, "letter get 2026-0001 --kind "
	    "%s -o '%s'", kind, path) == 0, "%s", o);
	free(o);
	return pdf_text(path);
}

#define HAS(t, s)	ck_assert_msg(strstr((t), (s)) != NULL, \
			    "missing \"%s\" in:\n%s", (s), (t))
#define HASNT(t, s)	ck_assert_msg(strstr((t), (s)) == NULL, \
			    "unexpected \"%s\" in:\n%s", (s), (t))

static void
consult(void)
{
	char	 path[600];

	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "consult-start --on " ON " --party third_party --consult-party "
	    "示范市宏达建筑工程有限公司 --consult-subject "
	    "新校区建设项目施工合同"), 0);
	snprintf(path, sizeof(path), "%s/consultation.pdf", wf_dir);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "letter 2026-0001 --kind "
	    "consultation -o '%s'", path), 0);
}

/* Decision 13: no applicant name by default; with the setting, it is. */
START_TEST(test_consultation_applicant)
{
	char	*t, path[600];

	consult();
	snprintf(path, sizeof(path), "%s/consultation.pdf", wf_dir);
	t = pdf_text(path);
	HAS(t, "政府信息公开征求意见书");
	HAS(t, "收到一项政府信息公开申请");
	HASNT(t, "张三");
	free(t);
	of_restart();
	ck_assert_int_eq(of_cli(NULL, -1, "agency set "
	    "--consult-names-applicant on"), 0);
	consult();
	snprintf(path, sizeof(path), "%s/consultation.pdf", wf_dir);
	t = pdf_text(path);
	HAS(t, "收到张三提出的政府信息公开申请");
	free(t);
	/* Anything but on/off is refused. */
	ck_assert_int_ne(of_cli(NULL, -1, "agency set "
	    "--consult-names-applicant yes"), 0);
}
END_TEST

/* Decision 13: disclosure over an objection needs the reasons and
 * issues the written decision to the third party. */
START_TEST(test_third_party_decision)
{
	char	*o, *t;

	consult();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "consult-end --on " ON " --third-party-objection "
	    "合同含有本公司报价构成"), 0);
	ck_assert_int_ne(of_cli(&o, U_REVIEWER, "case act 2026-0001 reply "
	    "--on " ON " --outcome disclosed --provided 新校区建设项目施工合同"),
	    0);
	HAS(o, "决定公开的理由");
	free(o);
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	HAS(o, "\"state\":\"handling\"");
	free(o);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case act 2026-0001 reply "
	    "--on " ON " --outcome disclosed --provided 新校区建设项目施工合同 "
	    "--third-party-reasons 该项目使用财政资金，不公开可能对公共利益造成"
	    "重大影响。"), 0);
	t = stored("third_party_decision");
	HAS(t, "政府信息公开决定告知书");
	HAS(t, "示范市宏达建筑工程有限公司");
	HAS(t, "贵方不同意公开：合同含有本公司报价构成");
	HAS(t, "该项目使用财政资金，不公开可能对公共利益造成重大影响。");
	HAS(t, "新校区建设项目施工合同");
	HAS(t, "第三十二条");
	HASNT(t, "张三");
	free(t);
}
END_TEST

/* Without an objection a disclosing reply needs no such letter. */
START_TEST(test_no_objection_no_decision)
{
	char	*o;

	consult();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "consult-end --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "case act 2026-0001 reply "
	    "--on " ON " --outcome disclosed --provided 新校区建设项目施工合同"),
	    0);
	ck_assert_int_eq(of_cli(&o, U_OFFICER, "letter list 2026-0001"), 0);
	HASNT(o, "third_party_decision");
	free(o);
}
END_TEST

/*
 * Decision 14.  Received 2026-11-02 (day 0): 20 working days, no
 * November holidays in cn-calendar.tsv: 11-03..06 (1-4), 09..13 (5-9),
 * 16..20 (10-14), 23..27 (15-19), 30 (20): due 2026-11-30.  A later
 * deadline of 25 working days set on 2026-11-20 (day 0): 11-23..27
 * (1-5), 11-30 (6), 12-01..04 (7-10), 07..11 (11-15), 14..18 (16-20),
 * 21..25 (21-25): 2026-12-25 (no December 2026 entries in the file).
 */
START_TEST(test_later_deadline)
{
	char	*o, *t;

	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	HAS(o, "\"due\":\"2026-11-30\"");
	free(o);
	/* Reasons first. */
	ck_assert_int_ne(of_cli(&o, U_OFFICER, "case act 2026-0001 "
	    "set-later-deadline --days 25 --on " ON), 0);
	HAS(o, "须先收到申请人的理由说明");
	free(o);
	ck_assert_int_ne(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "reasons-received --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "ask-reasons --on " ON), 0);
	t = stored("reasons_request");
	HAS(t, "说明理由通知书");
	HAS(t, "自收到本通知之日起15个工作日内");
	HAS(t, "第三十五条");
	free(t);
	/* The clock keeps running while reasons are awaited. */
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	HAS(o, "\"due\":\"2026-11-30\"");
	free(o);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "reasons-received --on " ON), 0);
	/* Not later than the deadline in force: refused. */
	ck_assert_int_ne(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "set-later-deadline --days 5 --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "set-later-deadline --days 25 --on " ON), 0);
	ck_assert_int_eq(of_cli(&o, -1, "case show 2026-0001 --json"), 0);
	HAS(o, "\"due\":\"2026-12-25\"");
	free(o);
	t = stored("later_deadline");
	HAS(t, "延迟答复告知书");
	HAS(t, "25个工作日");
	HAS(t, "至迟于2026年12月25日");
	HAS(t, "本机关于2026年11月20日要求您说明理由");
	free(t);
	/* Once only. */
	ck_assert_int_ne(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "set-later-deadline --days 30 --on " ON), 0);
}
END_TEST

/* ---- the same Art 35 steps through the page, the API and the CLI ---- */

#define ACT	"/cases/2026-0001/act"
#define API	"/api/cases/2026-0001/actions"

static void
later_page(void)
{
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, NULL, "action",
	    "ask-reasons", "on", ON, NULL), 303);
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, NULL, "action",
	    "reasons-received", "on", ON, NULL), 303);
	ck_assert_int_eq(of_page_post(ACT, U_OFFICER, NULL, "action",
	    "set-later-deadline", "on", ON, "days", "25", NULL), 303);
}

static void
later_api(void)
{
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"ask-reasons\",\"on\":\"" ON "\"}", NULL), 200);
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"reasons-received\",\"on\":\"" ON "\"}", NULL), 200);
	ck_assert_int_eq(of_api_post(API, U_OFFICER, "{\"action\":"
	    "\"set-later-deadline\",\"on\":\"" ON "\",\"days\":25}",
	    NULL), 200);
}

static void
later_cli(void)
{
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "ask-reasons --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "reasons-received --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "set-later-deadline --days 25 --on " ON), 0);
}

/* The same state whichever way; due as counted in test_later_deadline;
 * the reasons period (15, the default) kept with the step. */
START_TEST(test_same_everywhere)
{
	char	*d;

	d = of_same_state(later_page, later_api, later_cli);
	ck_assert_msg(strstr(d, "due=2026-12-25") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "action=ask-reasons") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "days=15") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "days=25") != NULL, "%s", d);
	free(d);
}
END_TEST

/* The agency's reasons period is stated in the letter. */
START_TEST(test_reasons_period_setting)
{
	char	*t;

	ck_assert_int_eq(of_cli(NULL, -1, "agency set --reasons-period 10"),
	    0);
	ck_assert_int_ne(of_cli(NULL, -1, "agency set --reasons-period 0"),
	    0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "ask-reasons --on " ON), 0);
	t = stored("reasons_request");
	HAS(t, "自收到本通知之日起10个工作日内");
	free(t);
}
END_TEST

/* The case page offers the steps and the texts they need. */
START_TEST(test_page_forms)
{
	struct hres	 h;

	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	HAS(h.body, "value=\"ask-reasons\"");
	HAS(h.body, "value=\"set-later-deadline\"");
	HAS(h.body, "延迟答复期限（工作日）");
	HAS(h.body, "name=\"third_party_reasons\"");
	hres_clear(&h);
	consult();
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	HAS(h.body, "name=\"third_party_objection\"");
	HASNT(h.body, "value=\"ask-reasons\"");
	hres_clear(&h);
}
END_TEST

#define EXCESSIVE	"case act 2026-0001 reply --on " ON " --outcome " \
			"not_processed.excessive --reasons " \
			"申请人本月提出申请三十件，内容大量重复。"

/* The 不予处理 letter says reasons were asked only when they were. */
START_TEST(test_excessive_mentions_reasons)
{
	char	*t;

	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, EXCESSIVE), 0);
	t = stored("reply");
	HAS(t, "第三十五条");
	HASNT(t, "要求您说明理由");
	free(t);
	of_restart();
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "ask-reasons --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_OFFICER, "case act 2026-0001 "
	    "reasons-received --on " ON), 0);
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, EXCESSIVE), 0);
	t = stored("reply");
	HAS(t, "本机关已于2026年11月20日要求您说明理由");
	HAS(t, "未能说明合理理由");
	free(t);
}
END_TEST

Suite *
art35_suite(void)
{
	Suite	*s = suite_create("art35");
	TCase	*tc = tcase_create("third_parties_and_art35");

	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_consultation_applicant);
	tcase_add_test(tc, test_third_party_decision);
	tcase_add_test(tc, test_no_objection_no_decision);
	tcase_add_test(tc, test_later_deadline);
	tcase_add_test(tc, test_excessive_mentions_reasons);
	tcase_add_test(tc, test_same_everywhere);
	tcase_add_test(tc, test_reasons_period_setting);
	tcase_add_test(tc, test_page_forms);
	suite_add_tcase(s, tc);
	return s;
}
