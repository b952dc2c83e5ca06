/* SPDX-License-Identifier: ISC */
/*
 * Delivery (送达) records and the periods that run from the recipient's
 * receipt (domain.md decisions 10 and 11), through the CLI.
 *
 * The fee period (109号 "收到收费通知次日起20个工作日"), counted by hand
 * on cases/cn-calendar.tsv (2025: 04-04..04-06 清明节 off, no 调休):
 *   received 2025-03-14 (Fri) is day 0;
 *   03-17..03-21 are days 1-5, 03-24..03-28 days 6-10,
 *   03-31, 04-01, 04-02, 04-03 days 11-14 (04-04 holiday, 04-05/06 off),
 *   04-07..04-11 days 15-19, 04-14 (Mon) day 20.
 *   So the payment period ends 2025-04-14; it lapses from 04-15.
 * Counted (wrongly) from the dispatch 2025-03-10 (Mon) instead:
 *   03-11..03-14 days 1-4, 03-17..21 5-9, 03-24..28 10-14,
 *   03-31..04-03 15-18, 04-07 19, 04-08 20: it would lapse from 04-09.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"

struct dfix {
	char	*dir;
	char	 db[512];
};

static void
setup(struct dfix *f)
{
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", f->db),
	    0);
	ck_assert_int_eq(test_run(NULL, "--db %s agency set --name 示范局 "
	    "--address 某路1号 --review-body 某市人民政府 --review-address "
	    "某路2号 --court 某区人民法院 --court-address 某路3号", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
	    "2025-03-03 --confirm-old-date --channel in_person --applicant 张三 "
	    "--applicant-type "
	    "person --request 某文件 --address 某市某路1号 --json", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 register "
	    "--on 2025-03-03", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 review "
	    "--on 2025-03-03", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 accept "
	    "--on 2025-03-03", f->db), 0);
}

static void
teardown(struct dfix *f)
{
	test_rmdir(f->dir);
}

/* The fee notice of 2025-03-10, issued and stored. */
static void
fee_notice(struct dfix *f)
{
	char	*out;
	int	 rc;

	ck_assert_int_eq(test_run(NULL, "--db %s case text 2025-0001 "
	    "fee_pay_how 请通过银行转账缴纳", f->db), 0);
	rc = test_run(&out, "--db %s case act 2025-0001 fee-notice --on "
	    "2025-03-10 --method volume --count 140", f->db);
	ck_assert_msg(rc == 0, "%s", out);
	free(out);
	rc = test_run(&out, "--db %s letter 2025-0001 --kind fee -o %s/fee.pdf",
	    f->db, f->dir);
	ck_assert_msg(rc == 0, "%s", out);
	free(out);
}

/* The text of the stored fee notice (pdftotext), without white space. */
static char *
pdf_text(struct dfix *f, const char *name)
{
	char	 cmd[1200], chunk[4096];
	char	*t = NULL;
	size_t	 n, len = 0;
	FILE	*p;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s/%s' - "
	    "2>/dev/null | tr -d ' \\n'", f->dir, name);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		t = realloc(t, len + n + 1);
		ck_assert_ptr_nonnull(t);
		memcpy(t + len, chunk, n);
		len += n;
		t[len] = '\0';
	}
	pclose(p);
	ck_assert_ptr_nonnull(t);
	return t;
}

static char *
show(struct dfix *f)
{
	char	*out;

	ck_assert_int_eq(test_run(&out, "--db %s case show 2025-0001 --json",
	    f->db), 0);
	return out;
}

static int
lapse(struct dfix *f, const char *on, char **out)
{
	return test_run(out, "--db %s case act 2025-0001 fee-lapsed --on %s",
	    f->db, on);
}

START_TEST(test_fee_from_receipt)
{
	struct dfix	 f;
	char		*out;

	setup(&f);
	fee_notice(&f);
	/* The notice states the period from its receipt, no date counted
	 * from the sending (which would be 2025-04-08). */
	out = pdf_text(&f, "fee.pdf");
	ck_assert_msg(strstr(out, "自收到本通知书次日起20个工作日内缴纳") !=
	    NULL, "%s", out);
	ck_assert_ptr_null(strstr(out, "至迟于"));
	free(out);

	/* No delivery recorded: the period waits, the lapse is refused. */
	out = show(&f);
	ck_assert_ptr_nonnull(strstr(out, "\"awaiting_delivery\":[{\"letter\":"
	    "\"fee\",\"period\":\"fee\",\"id\":null,\"sent\":null}]"));
	ck_assert_ptr_nonnull(strstr(out, "\"fee_due\":null"));
	ck_assert_ptr_nonnull(strstr(out, "待确认送达"));
	free(out);
	ck_assert_int_eq(lapse(&f, "2025-06-30", &out), 3);
	ck_assert_ptr_nonnull(strstr(out, "收费通知书的收到日期尚未记录"));
	free(out);

	/* Posted on 03-10: still waiting, with the dispatch as bound. */
	ck_assert_int_eq(test_run(&out, "--db %s delivery add 2025-0001 "
	    "--letter fee --method post --sent 2025-03-10", f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "邮件单号"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s delivery add 2025-0001 "
	    "--letter fee --method post --tracking EA123456789CN "
	    "--sent 2025-03-10 --json", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"version\":1"));
	free(out);
	out = show(&f);
	ck_assert_ptr_nonnull(strstr(out, "\"awaiting_since\":\"2025-03-10\""));
	ck_assert_ptr_nonnull(strstr(out, "\"awaiting_delivery\":[{\"letter\":"
	    "\"fee\",\"period\":\"fee\",\"id\":1,\"version\":1,"
	    "\"sent\":\"2025-03-10\"}]"));
	free(out);
	ck_assert_int_eq(lapse(&f, "2025-06-30", NULL), 3);

	/* A received date before the dispatch is refused. */
	ck_assert_int_eq(test_run(&out, "--db %s delivery received 2025-0001 "
	    "--letter fee --on 2025-03-07", f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "收到日期不能早于发出日期"));
	free(out);
	ck_assert_int_eq(test_run(NULL, "--db %s delivery received 2025-0001 "
	    "--letter fee --on 2025-03-14", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s delivery received 2025-0001 "
	    "--letter fee --on 2025-03-15", f.db), 3);
	out = show(&f);
	ck_assert_ptr_nonnull(strstr(out, "\"fee_due\":\"2025-04-14\""));
	ck_assert_ptr_nonnull(strstr(out, "\"awaiting_delivery\":[]"));
	ck_assert_ptr_nonnull(strstr(out, "\"deliveries\":[{\"id\":1,"
	    "\"letter\":\"fee\",\"version\":1,\"method\":\"post\","
	    "\"method_label\":\"邮寄送达\",\"tracking\":\"EA123456789CN\","
	    "\"sent\":\"2025-03-10\",\"received\":\"2025-03-14\","
	    "\"proof\":null}]"));
	free(out);

	/* The 送达回证 prints from the record: method, place, date. */
	ck_assert_int_eq(test_run(&out, "--db %s letter 2025-0001 --kind "
	    "service -o %s/svc.pdf", f.db, f.dir), 0);
	free(out);
	out = pdf_text(&f, "svc.pdf");
	ck_assert_msg(strstr(out, "送达方式：邮寄送达（邮件单号EA123456789CN）")
	    != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "送达地点：某市某路1号"));
	ck_assert_ptr_nonnull(strstr(out, "送达时间：2025年3月14日"));
	free(out);

	/* 20 working days from the dispatch is not enough ... */
	ck_assert_int_eq(lapse(&f, "2025-04-09", NULL), 3);
	/* ... nor the 20th working day after the receipt itself ... */
	ck_assert_int_eq(lapse(&f, "2025-04-14", NULL), 3);
	/* ... the next day it lapses. */
	ck_assert_int_eq(lapse(&f, "2025-04-15", &out), 0);
	free(out);
	out = show(&f);
	ck_assert_ptr_nonnull(strstr(out, "\"outcome\":\"other.no_fee\""));
	free(out);
	teardown(&f);
}
END_TEST

START_TEST(test_in_person_and_list)
{
	struct dfix	 f;
	char		*out, proof[600];
	FILE		*fp;

	setup(&f);
	/* Only an issued letter can be delivered. */
	ck_assert_int_eq(test_run(&out, "--db %s delivery add 2025-0001 "
	    "--letter fee --method in_person --sent 2025-03-10", f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "尚未出具"));
	free(out);
	fee_notice(&f);
	snprintf(proof, sizeof(proof), "%s/回证.pdf", f.dir);
	ck_assert_ptr_nonnull(fp = fopen(proof, "w"));
	fputs("%PDF-1.4\n", fp);
	fclose(fp);
	/* Handed over: received the day it is sent, whatever is typed. */
	ck_assert_int_eq(test_run(&out, "--db %s delivery add 2025-0001 "
	    "--letter fee --method in_person --sent 2025-03-10 "
	    "--received 2025-03-12", f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "直接送达的收到日期即发出日期"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s delivery add 2025-0001 "
	    "--letter fee --method in_person --sent 2025-03-10 --proof '%s' "
	    "--json", f.db, proof), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"proof\":1"));
	free(out);
	/* One record per letter version. */
	ck_assert_int_eq(test_run(NULL, "--db %s delivery add 2025-0001 "
	    "--letter fee --method email --sent 2025-03-10", f.db), 3);
	ck_assert_int_eq(test_run(&out, "--db %s delivery list 2025-0001 "
	    "--json", f.db), 0);
	ck_assert_str_eq(out, "[{\"id\":1,\"letter\":\"fee\",\"version\":1,"
	    "\"method\":\"in_person\",\"method_label\":\"直接送达\","
	    "\"tracking\":\"\",\"sent\":\"2025-03-10\","
	    "\"received\":\"2025-03-10\",\"proof\":1}]\n");
	free(out);
	/* Received 03-10 (Mon), day 0: 03-11..14 1-4, 17-21 5-9, 24-28
	 * 10-14, 03-31..04-03 15-18, 04-07 19, 04-08 20. */
	out = show(&f);
	ck_assert_ptr_nonnull(strstr(out, "\"fee_due\":\"2025-04-08\""));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s delivery --help", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "delivery received ID --letter"));
	free(out);
	teardown(&f);
}
END_TEST

Suite *
delivery_suite(void)
{
	Suite	*s = suite_create("delivery");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fee_from_receipt);
	tcase_add_test(tc, test_in_person_and_list);
	suite_add_tcase(s, tc);
	return s;
}
