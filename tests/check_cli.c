/* SPDX-License-Identifier: ISC */
/*
 * Command-line tests against the built binary (FOIDESK_BIN) with
 * FOIDESK_TODAY=2026-11-20: the acceptance examples, --help on every
 * command, and hostile input that must fail with nothing written.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"

struct cli_fix {
	char	*dir;
	char	 db[512];
};

static void
setup(struct cli_fix *f)
{
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", f->db),
	    0);
}

#define NEWCASE "case new --received 2025-04-01 --confirm-old-date " \
	"--channel in_person " \
	"--applicant 张三 --applicant-type person --request 某文件 --json"

/* Creates the acceptance case and returns its number in num. */
static void
make_case(struct cli_fix *f)
{
	char	*out;

	ck_assert_int_eq(test_run(&out, "--db %s " NEWCASE, f->db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"number\":\"2025-0001\""));
	ck_assert_ptr_nonnull(strstr(out, "\"due\":\"2025-04-29\""));
	free(out);
}

START_TEST(test_add_workdays)
{
	struct cli_fix	 f;
	char		*out;

	setup(&f);
	ck_assert_int_eq(test_run(&out, "--db %s calendar add-workdays "
	    "2025-09-29 20", f.db), 0);
	ck_assert_str_eq(out, "2025-11-03\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s calendar add-workdays "
	    "2026-12-21 20 --json", f.db), 0);
	ck_assert_str_eq(out, "{\"date\":\"2027-01-18\",\"provisional\":true}\n");
	free(out);
	ck_assert_int_ne(test_run(NULL, "--db %s calendar add-workdays "
	    "2025-02-30 20", f.db), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s calendar add-workdays "
	    "2025-02-03 2x", f.db), 0);
	test_rmdir(f.dir);
}
END_TEST

/* The issue's acceptance example: a third-party consultation. */
START_TEST(test_acceptance_consultation)
{
	struct cli_fix	 f;
	char		*out;

	setup(&f);
	make_case(&f);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 register "
	    "--on 2025-04-01", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 review "
	    "--on 2025-04-02", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 accept "
	    "--on 2025-04-03", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 "
	    "consult-start --on 2025-04-10 --consult-party 某公司 "
	    "--consult-subject 合同", f.db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s case show 2025-0001 --json",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"due\":null"));
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"consulting\""));
	free(out);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 "
	    "consult-end --on 2025-04-21", f.db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s case show 2025-0001 --json",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"due\":\"2025-05-13\""));
	ck_assert_ptr_nonnull(strstr(out, "2025-04-10至2025-04-21征求第三方意见，"
	    "不计入期限（7个工作日）；答复期限2025-05-13"));
	ck_assert_ptr_nonnull(strstr(out, "\"correction_due\":\"2025-04-11\""));
	free(out);
	test_rmdir(f.dir);
}
END_TEST

START_TEST(test_help)
{
	static const char *const cmds[] = { "", "init", "agency", "calendar",
	    "case", "user" };
	char	*out;
	size_t	 i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		ck_assert_int_eq(test_run(&out, "%s --help", cmds[i]), 0);
		ck_assert_msg(strstr(out, "usage: foidesk") != NULL,
		    "no usage for '%s'", cmds[i]);
		free(out);
	}
	ck_assert_int_eq(test_run(NULL, "frobnicate"), 2);
}
END_TEST

/* Each bad command must fail and leave the database byte-identical. */
START_TEST(test_hostile_input)
{
	static const char *const bad[] = {
		"case new --received 2025-02-30 --channel in_person "
		    "--applicant A --applicant-type person --request R",
		"case new --received 2025-04-01 --channel pigeon "
		    "--applicant A --applicant-type person --request R",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant A --applicant-type alien --request R",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant \"$(printf 'ab\\377\\376')\" "
		    "--applicant-type person --request R",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant A --applicant-type person "
		    "--request \"$(head -c 102400 /dev/zero | tr '\\0' x)\"",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant A --applicant-type person",
		"case new --channel in_person --applicant A "
		    "--applicant-type person --request R",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant A --applicant-type person --request R "
		    "--id-type resident_id --id-number 110105194912310021",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant A --applicant-type person --request R "
		    "--bogus 1",
		"case new --received 2027-01-01 --channel in_person "
		    "--applicant A --applicant-type person --request R",
		"case new --received 2025-04-01 --channel online "
		    "--arrived 2025-04-03 --applicant A --applicant-type person "
		    "--request R",
		"case new --received 2025-04-01 --channel in_person "
		    "--applicant \"<script>alert(1)</script>\" "
		    "--applicant-type person --request R --email not-an-email",
		"case act 2025-0001 fly",
		"case act 2025-0001 reply --on 2025-04-02",
		"case act 2025-0001 reply --outcome bogus --on 2025-04-02",
		"case act 2025-0001 archive",
		"case act 2025-0001 register --on 2025-13-01",
		"case act 2025-0001 register --on 2027-01-01",
		"case act 2025-0001 register --on 2025-03-31",
		"case act 2025-0001 register --by nobody --on 2025-04-01",
		"case act 2099-0001 register",
		"case act \"$(printf '\\377')\" register",
		"case list --state nowhere",
		"case list --due-within -3",
		"agency set --name 示范局",
		"user add bob --role clerk < /dev/null",
		"user add bob --role king",
		"calendar import /nonexistent.tsv",
	};
	struct cli_fix	 f;
	char		*before, *after, *out;
	size_t		 i;

	setup(&f);
	make_case(&f);
	before = test_dump(f.db);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = test_run(&out, "--db %s %s", f.db, bad[i]);

		ck_assert_msg(rc != 0, "accepted: %s", bad[i]);
		ck_assert_msg(strstr(out, "foidesk") != NULL, "no message: %s",
		    bad[i]);
		free(out);
	}
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	test_rmdir(f.dir);
}
END_TEST

START_TEST(test_list_and_import)
{
	struct cli_fix	 f;
	char		*out, tsv[600];
	FILE		*fp;

	setup(&f);
	make_case(&f);
	ck_assert_int_eq(test_run(&out, "--db %s case list --overdue --json",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"overdue\":true"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s case list --due-within 3 "
	    "--json", f.db), 0);
	ck_assert_str_eq(out, "[]\n");
	free(out);
	/* A local closure on 2025-04-29 moves the open case's deadline. */
	snprintf(tsv, sizeof(tsv), "%s/local.tsv", f.dir);
	ck_assert_ptr_nonnull(fp = fopen(tsv, "w"));
	fputs("2025-04-29\tholiday\t地方停工\n", fp);
	fclose(fp);
	ck_assert_int_eq(test_run(&out, "--db %s calendar import %s --local "
	    "--json", f.db, tsv), 0);
	ck_assert_str_eq(out, "{\"rows\":1,\"years\":0,\"cases_refreshed\":1}\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s case list --json", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"due\":\"2025-04-30\""));
	free(out);
	test_rmdir(f.dir);
}
END_TEST

START_TEST(test_demo)
{
	static const char *const states[] = { "received", "registered",
	    "under_review", "awaiting_correction", "handling", "consulting",
	    "awaiting_fee", "replied", "archived" };
	char	*dir = test_tmpdir(), *out, db[512];
	size_t	 i;

	snprintf(db, sizeof(db), "%s/d/f.db", dir);
	ck_assert_int_eq(test_run(&out, "--db %s init --demo --json", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"demo_cases\":60"));
	free(out);
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		ck_assert_int_eq(test_run(&out, "--db %s case list --state %s "
		    "--json", db, states[i]), 0);
		ck_assert_msg(strstr(out, "\"number\"") != NULL,
		    "no demo case in %s", states[i]);
		free(out);
	}
	/* A second --demo is refused. */
	ck_assert_int_ne(test_run(NULL, "--db %s init --demo", db), 0);
	test_rmdir(dir);
}
END_TEST

/* The online backup opens as a database with the same cases. */
START_TEST(test_backup)
{
	struct cli_fix	 f;
	char		*out, bk[600];

	setup(&f);
	make_case(&f);
	snprintf(bk, sizeof(bk), "%s/backup.db", f.dir);
	ck_assert_int_eq(test_run(NULL, "--db %s backup %s", f.db, bk), 0);
	ck_assert_int_eq(test_run(&out, "--db %s case show 2025-0001 --json",
	    bk), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"due\":\"2025-04-29\""));
	free(out);
	ck_assert_int_ne(test_run(NULL, "--db %s backup %s", f.db, f.db), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s backup /nonexistent/x.db",
	    f.db), 0);
	test_rmdir(f.dir);
}
END_TEST

/* Any edited or deleted event breaks the chain (issue 7 item 5). */
START_TEST(test_audit_chain)
{
	struct cli_fix	 f;
	char		*out, cmd[800];

	setup(&f);
	make_case(&f);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 register "
	    "--on 2025-04-01", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2025-0001 review "
	    "--on 2025-04-02", f.db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify --json", f.db),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "\"ok\":true"));
	ck_assert_ptr_nonnull(strstr(out, "\"events\":3"));
	free(out);
	/* Edit the middle event's date behind foidesk's back. */
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"UPDATE events SET "
	    "effective = '2025-04-03' WHERE seq = 2\"", f.db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "2025-0001"));
	free(out);
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"UPDATE events SET "
	    "effective = '2025-04-01' WHERE seq = 2\"", f.db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s audit verify", f.db), 0);
	/* Delete the last event. */
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"DELETE FROM events WHERE "
	    "seq = 3\"", f.db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s audit verify", f.db), 3);
	test_rmdir(f.dir);
}
END_TEST

START_TEST(test_users)
{
	struct cli_fix	 f;
	char		 pw[600];
	FILE		*fp;

	setup(&f);
	snprintf(pw, sizeof(pw), "%s/pw", f.dir);
	ck_assert_ptr_nonnull(fp = fopen(pw, "w"));
	fputs("correct horse battery\n", fp);
	fclose(fp);
	ck_assert_int_eq(test_run(NULL, "--db %s user add alice --role officer "
	    "< %s", f.db, pw), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s user add alice --role clerk "
	    "< %s", f.db, pw), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s user passwd alice < %s", f.db,
	    pw), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s user passwd nobody < %s",
	    f.db, pw), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s user passwd alice --role "
	    "clerk < %s", f.db, pw), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s user passwd alice "
	    "< /dev/null", f.db), 0);
	test_rmdir(f.dir);
}
END_TEST

Suite *
cli_suite(void)
{
	Suite	*s = suite_create("cli");
	TCase	*tc;

	tc = tcase_create("cli");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_add_workdays);
	tcase_add_test(tc, test_acceptance_consultation);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_hostile_input);
	tcase_add_test(tc, test_list_and_import);
	tcase_add_test(tc, test_demo);
	tcase_add_test(tc, test_backup);
	tcase_add_test(tc, test_audit_chain);
	tcase_add_test(tc, test_users);
	suite_add_tcase(s, tc);
	return s;
}
