/* SPDX-License-Identifier: ISC */
/*
 * Issue 12, findings 1, 3, 8, 9 and 10 (domain.md decisions 9, 16, 17
 * and 18), through the built binary (FOIDESK_BIN) with
 * FOIDESK_TODAY=2026-11-20.  Dates are counted by hand from
 * cases/cn-calendar.tsv in the comments, never by the code under test.
 *
 * Received 2025-06-03 (Tue).  The calendar lists 2025-05-31..06-02 as
 * 端午节 and nothing else until October, so the working days after
 * 06-03 are: 06-04 (1), 05 (2), 06 (3), 09 (4), 10 (5), 11 (6), 12 (7),
 * 13 (8), 16 (9), 17 (10), 18 (11), 19 (12), 20 (13), 23 (14), 24 (15),
 * 25 (16), 26 (17), 27 (18), 30 (19), 07-01 (20).  Reply due 07-01;
 * the 补正 notice is due on the 7th working day, 06-12.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"

struct fix {
	char	*dir;
	char	 db[512];
};

static void
setup(struct fix *f)
{
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", f->db),
	    0);
	ck_assert_int_eq(test_run(NULL, "--db %s agency set --name 示范局 "
	    "--address 某市某路2号 --review-body 某市人民政府 "
	    "--review-address 某市某路3号 --court 某市人民法院 "
	    "--court-address 某市某路4号 --code 示公开", f->db), 0);
}

/* A complete Art 29 application received 2025-06-03: 2025-0001. */
#define NEWCASE "case new --received 2025-06-03 --confirm-old-date " \
	"--channel in_person " \
	"--applicant 张三 --applicant-type person --request 某文件 " \
	"--id-type resident_id --id-number 110105199003070017 " \
	"--phone 13800000000 --address 北京市某路1号"

static void
run_ok(struct fix *f, const char *args)
{
	ck_assert_msg(test_run(NULL, "--db %s %s", f->db, args) == 0,
	    "refused: %s", args);
}

static char *
show(struct fix *f, const char *num)
{
	char	*out;

	ck_assert_int_eq(test_run(&out, "--db %s case show %s --json", f->db,
	    num), 0);
	return out;
}

/* The case is listed by `case list --overdue`. */
static void
assert_overdue(struct fix *f, const char *num, const char *after)
{
	char	*out;

	ck_assert_int_eq(test_run(&out, "--db %s case list --overdue --json",
	    f->db), 0);
	ck_assert_msg(strstr(out, num) != NULL,
	    "%s left the overdue list after %s", num, after);
	free(out);
	out = show(f, num);
	ck_assert_msg(strstr(out, "\"overdue\":true") != NULL,
	    "%s not overdue after %s", num, after);
	ck_assert_ptr_nonnull(strstr(out, "\"due\":\"2025-07-01\""));
	free(out);
}

/*
 * Finding 1 (decision 9): received 06-03, due 07-01 (counted above).
 * On 07-10 the deadline has passed: a fee notice and a consultation
 * are refused with "答复期限已过，不能再中止计算", and the case stays
 * overdue after every action but the reply, refused or accepted.
 */
START_TEST(test_no_suspension_after_deadline)
{
	struct fix	 f;
	char		*out;

	setup(&f);
	run_ok(&f, NEWCASE);
	run_ok(&f, "case act 2025-0001 register --on 2025-06-03");
	run_ok(&f, "case act 2025-0001 review --on 2025-06-04");
	run_ok(&f, "case act 2025-0001 accept --on 2025-06-05");
	assert_overdue(&f, "2025-0001", "accept");

	/* Volume 50 pages: 20 pages at 10 yuan = 200 yuan, so only the
	 * date stands in the way. */
	ck_assert_int_ne(test_run(&out, "--db %s case act 2025-0001 "
	    "fee-notice --on 2025-07-10 --method volume --count 50", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "答复期限已过，不能再中止计算"));
	free(out);
	assert_overdue(&f, "2025-0001", "fee-notice");

	ck_assert_int_ne(test_run(&out, "--db %s case act 2025-0001 "
	    "consult-start --on 2025-07-10 --consult-party 某公司 "
	    "--consult-subject 合同", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "答复期限已过，不能再中止计算"));
	ck_assert_ptr_null(strstr(out, "答复期限2025-07-09"));
	free(out);
	assert_overdue(&f, "2025-0001", "consult-start");

	/* An extension after the deadline is refused as well. */
	ck_assert_int_ne(test_run(NULL, "--db %s case act 2025-0001 extend "
	    "--on 2025-07-10 --approver 李四 --told 2025-07-10", f.db), 0);
	assert_overdue(&f, "2025-0001", "extend");
	/* A note changes nothing. */
	run_ok(&f, "case note 2025-0001 催办");
	assert_overdue(&f, "2025-0001", "note");

	/* On the last day (07-01) the fee notice is still possible. */
	out = show(&f, "2025-0001");
	ck_assert_ptr_nonnull(strstr(out, "\"late_correction\":false"));
	free(out);

	/* Only the reply ends it. */
	run_ok(&f, "case act 2025-0001 reply --on 2025-07-10 "
	    "--outcome disclosed --provided 某文件");
	ck_assert_int_eq(test_run(&out, "--db %s case list --overdue --json",
	    f.db), 0);
	ck_assert_ptr_null(strstr(out, "2025-0001"));
	free(out);
	out = show(&f, "2025-0001");
	ck_assert_ptr_nonnull(strstr(out, "\"late\":true"));
	free(out);
	test_rmdir(f.dir);
}
END_TEST

/* Decision 9, the boundary: on 07-01, the 20th working day, the
 * deadline has not passed and a fee notice is accepted. */
START_TEST(test_suspension_on_last_day)
{
	struct fix	 f;
	char		*out;

	setup(&f);
	run_ok(&f, NEWCASE);
	run_ok(&f, "case act 2025-0001 register --on 2025-06-03");
	run_ok(&f, "case act 2025-0001 review --on 2025-06-04");
	run_ok(&f, "case act 2025-0001 accept --on 2025-06-05");
	run_ok(&f, "case act 2025-0001 fee-notice --on 2025-07-01 "
	    "--method volume --count 50");
	out = show(&f, "2025-0001");
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"awaiting_fee\""));
	free(out);
	test_rmdir(f.dir);
}
END_TEST

/*
 * Finding 3 (decision 9, Art 30): received 06-03, the notice is due by
 * the 7th working day, 06-12; a notice on 06-20 (13th working day) is
 * accepted and marked late; one on 06-12 is not.
 */
START_TEST(test_late_correction_marked)
{
	struct fix	 f;
	char		*out;

	setup(&f);
	run_ok(&f, NEWCASE);
	run_ok(&f, NEWCASE);
	run_ok(&f, "case act 2025-0001 register --on 2025-06-03");
	run_ok(&f, "case act 2025-0001 review --on 2025-06-04");
	run_ok(&f, "case act 2025-0001 request-correction --on 2025-06-20 "
	    "--correction-items 请说明所需文件的名称");
	out = show(&f, "2025-0001");
	ck_assert_ptr_nonnull(strstr(out, "\"correction_due\":\"2025-06-12\""));
	ck_assert_ptr_nonnull(strstr(out, "\"late_correction\":true"));
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"awaiting_correction\""));
	free(out);
	run_ok(&f, "case act 2025-0002 register --on 2025-06-03");
	run_ok(&f, "case act 2025-0002 review --on 2025-06-04");
	run_ok(&f, "case act 2025-0002 request-correction --on 2025-06-12 "
	    "--correction-items 请说明所需文件的名称");
	out = show(&f, "2025-0002");
	ck_assert_ptr_nonnull(strstr(out, "\"late_correction\":false"));
	free(out);
	/* A correction notice after the reply deadline (07-01) would stop
	 * the clock of an overdue case: refused, and it stays overdue. */
	run_ok(&f, NEWCASE);
	run_ok(&f, "case act 2025-0003 register --on 2025-06-03");
	run_ok(&f, "case act 2025-0003 review --on 2025-06-04");
	ck_assert_int_ne(test_run(&out, "--db %s case act 2025-0003 "
	    "request-correction --on 2025-07-10 --correction-items 请说明",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "答复期限已过，不能再中止计算"));
	free(out);
	assert_overdue(&f, "2025-0003", "request-correction");
	test_rmdir(f.dir);
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

/*
 * Finding 10 (decision 18, 109号 art. 4): twelve applications by one
 * applicant (same ID number), all received 2025-06-03, numbered
 * 2025-0001..0012.  The 12th is charged for itself only, at the 11-30
 * band: 100 yuan, not items 11-12 (200 yuan); the 10th is free, and a
 * count other than the ordinal is refused.
 */
START_TEST(test_fee_per_application_ordinal)
{
	struct fix	 f;
	char		*out, *t, cmd[1024], path[600];
	int		 i;

	setup(&f);
	for (i = 1; i <= 12; i++) {
		snprintf(cmd, sizeof(cmd), NEWCASE "%d --confirm-similar", i);
		run_ok(&f, cmd);
	}
	/* The 11th once had a notice: it must not shift onto the 12th. */
	for (i = 10; i <= 12; i++) {
		snprintf(cmd, sizeof(cmd), "case act 2025-%04d register "
		    "--on 2025-06-03", i);
		run_ok(&f, cmd);
		snprintf(cmd, sizeof(cmd), "case act 2025-%04d review "
		    "--on 2025-06-04", i);
		run_ok(&f, cmd);
		snprintf(cmd, sizeof(cmd), "case act 2025-%04d accept "
		    "--on 2025-06-05", i);
		run_ok(&f, cmd);
	}
	ck_assert_int_ne(test_run(&out, "--db %s case act 2025-0010 "
	    "fee-notice --on 2025-06-06 --method item", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "前10件不收费"));
	free(out);
	run_ok(&f, "case act 2025-0011 fee-notice --on 2025-06-06 "
	    "--method item");
	ck_assert_int_ne(test_run(&out, "--db %s case act 2025-0012 "
	    "fee-notice --on 2025-06-06 --method item --count 11", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "第12件"));
	free(out);
	run_ok(&f, "case act 2025-0012 fee-notice --on 2025-06-06 "
	    "--method item --count 12");
	out = show(&f, "2025-0012");
	ck_assert_msg(strstr(out, "\"fee\":{\"method\":\"item\","
	    "\"count\":12,\"first\":12,\"computed\":\"100.00\","
	    "\"amount\":\"100.00\"}") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\"amount_fen\":10000"));
	free(out);
	out = show(&f, "2025-0011");
	ck_assert_ptr_nonnull(strstr(out, "\"amount_fen\":10000"));
	free(out);
	run_ok(&f, "case text 2025-0012 fee_pay_how 请通过非税收入缴款系统缴纳。");
	snprintf(path, sizeof(path), "%s/fee.pdf", f.dir);
	snprintf(cmd, sizeof(cmd), "letter 2025-0012 --kind fee -o '%s'",
	    path);
	run_ok(&f, cmd);
	t = pdf_text(path);
	ck_assert_msg(strstr(t, "本申请为您本自然月内向本机关提出的第12件") !=
	    NULL, "%s", t);
	ck_assert_msg(strstr(t, "第12件，每件100元") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "第11至12件") == NULL, "%s", t);
	ck_assert_msg(strstr(t, "共计人民币100.00元") != NULL, "%s", t);
	free(t);
	test_rmdir(f.dir);
}
END_TEST

/*
 * Finding 9 (decision 17, Art 29): an application with no identity
 * document and no contact details is registered (not blocked), the
 * registration names the missing items, `case show` lists them, and the
 * correction notice asks for them (its letter, pdftotext).
 */
START_TEST(test_art29_missing_listed)
{
	struct fix	 f;
	char		*out, *t, cmd[1024], path[600];

	setup(&f);
	run_ok(&f, "case new --received 2025-06-03 --confirm-old-date "
	    "--channel in_person --applicant 张三 --applicant-type person "
	    "--request 某文件");
	ck_assert_int_eq(test_run(&out, "--db %s case act 2025-0001 register "
	    "--on 2025-06-03", f.db), 0);
	ck_assert_msg(strstr(out, "\"state\":\"registered\"") != NULL, "%s",
	    out);
	ck_assert_msg(strstr(out, "第二十九条") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "申请人的身份证明"));
	ck_assert_ptr_nonnull(strstr(out, "联系方式（电话、通信地址或电子邮箱）"));
	ck_assert_ptr_null(strstr(out, "特征性描述"));
	free(out);
	out = show(&f, "2025-0001");
	ck_assert_msg(strstr(out, "\"art29_missing\":[\"identity\","
	    "\"contact\"]") != NULL, "%s", out);
	free(out);
	/* A complete application lists nothing and prints no note. */
	run_ok(&f, NEWCASE);
	ck_assert_int_eq(test_run(&out, "--db %s case act 2025-0002 register "
	    "--on 2025-06-03", f.db), 0);
	ck_assert_ptr_null(strstr(out, "第二十九条"));
	free(out);
	out = show(&f, "2025-0002");
	ck_assert_ptr_nonnull(strstr(out, "\"art29_missing\":[]"));
	free(out);
	/* The notice with the items the registration named. */
	run_ok(&f, "case act 2025-0001 review --on 2025-06-04");
	run_ok(&f, "case act 2025-0001 request-correction --on 2025-06-05 "
	    "--correction-items '1. 请提供申请人的身份证明。2. 请提供联系方式。'");
	snprintf(path, sizeof(path), "%s/corr.pdf", f.dir);
	snprintf(cmd, sizeof(cmd), "letter 2025-0001 --kind correction "
	    "-o '%s'", path);
	run_ok(&f, cmd);
	t = pdf_text(path);
	ck_assert_msg(strstr(t, "请提供申请人的身份证明") != NULL, "%s", t);
	free(t);
	out = show(&f, "2025-0001");
	/* 06-05 is the 2nd working day after 06-03: not late. */
	ck_assert_ptr_nonnull(strstr(out, "\"late_correction\":false"));
	free(out);
	test_rmdir(f.dir);
}
END_TEST

/*
 * The case page (web fixture, today 2026-11-20): case 2026-0002 with no
 * identity document and no contact details, its receipt moved to
 * 2026-11-02 (Mon).  November 2026 has no holiday in the calendar: the
 * 补正 notice is due on 11-03 (1), 04 (2), 05 (3), 06 (4), 09 (5),
 * 10 (6), 11 (7) = 2026-11-11; a notice on 11-20 is late.  The page
 * names the missing Art 29 items and pre-fills the correction notice;
 * after the late notice it shows it, and the dashboard counts it.
 */
START_TEST(test_page_art29_and_late_correction)
{
	struct hres	 h;

	wf_sql("UPDATE applicants SET id_type = NULL, id_number = NULL,"
	    " phone = '', address = '', email = '' WHERE name = '李四'");
	wf_sql("UPDATE events SET effective = '2026-11-02' WHERE action ="
	    " 'receive' AND case_id = (SELECT id FROM cases WHERE year = 2026"
	    " AND seq = 2)");
	wf_sql("UPDATE cases SET received_on = '2026-11-02', arrived_on ="
	    " '2026-11-02' WHERE year = 2026 AND seq = 2");
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "register", "on", "2026-11-20", NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "review", "on", "2026-11-20", NULL), 303);
	wf_get("/cases/2026-0002", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_msg(strstr(h.body, "申请内容不完整：缺少《政府信息公开条例》"
	    "第二十九条规定的申请人的身份证明、联系方式") != NULL, "%s", h.body);
	ck_assert_ptr_nonnull(strstr(h.body, ">1. 请提供申请人的身份证明"));
	ck_assert_ptr_nonnull(strstr(h.body, "2. 请提供联系方式"));
	ck_assert_ptr_null(strstr(h.body, "迟延告知补正"));
	hres_clear(&h);
	ck_assert_int_eq(of_page_post("/cases/2026-0002/act", U_OFFICER, NULL,
	    "action", "request-correction", "on", "2026-11-20",
	    "correction_items", "1. 请提供申请人的身份证明。", NULL), 303);
	wf_get("/cases/2026-0002", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "迟延告知补正"));
	hres_clear(&h);
	wf_get("/", U_OFFICER, &h);
	ck_assert_msg(strstr(h.body, "<span class=\"n\">1</span><span "
	    "class=\"l\">迟延告知补正") != NULL, "%s", h.body);
	hres_clear(&h);
}
END_TEST

Suite *statute12a_suite(void);

Suite *
statute12a_suite(void)
{
	Suite	*s = suite_create("statute12a");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_no_suspension_after_deadline);
	tcase_add_test(tc, test_suspension_on_last_day);
	tcase_add_test(tc, test_late_correction_marked);
	tcase_add_test(tc, test_fee_per_application_ordinal);
	tcase_add_test(tc, test_art29_missing_listed);
	suite_add_tcase(s, tc);
	tc = tcase_create("page");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, of_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_add_test(tc, test_page_art29_and_late_correction);
	suite_add_tcase(s, tc);
	return s;
}
