/* SPDX-License-Identifier: ISC */
/*
 * The `proactive` commands (split from check_proactive.c): list, show
 * and hotspots as text, JSON and CSV on a database made through the
 * CLI, and their --help.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"

START_TEST(test_cli_list)
{
	char	*dir = test_tmpdir(), db[512], *out;
	int	 i;

	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init", db), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
		    "2026-10-%02d --channel in_person --applicant 申请人%d "
		    "--applicant-type person --request 示范区民办幼儿园收费标准"
		    "核定文件", db, 5 + i, i), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 register "
	    "--on 2026-10-05", db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 review "
	    "--on 2026-10-05", db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 accept "
	    "--on 2026-10-05", db), 0);
	/* A reply needs the agency its letter is signed by. */
	ck_assert_int_eq(test_run(NULL, "--db %s agency set --name 示范局 "
	    "--code 示范公开 --address 示范路1号 --postcode 100000 "
	    "--phone 010-12345678 --review-body 示范区人民政府 --review-address 示范路2号 "
	    "--court 示范区人民法院 --court-address 示范路3号", db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 reply "
	    "--outcome disclosed --on 2026-10-09 --provided 甲", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s proactive list --json", db),
	    0);
	ck_assert_msg(strstr(out, "\"applicants\":3,\"cases\":3,"
	    "\"proposal\":\"open\",\"last_received\":\"2026-10-07\"") !=
	    NULL, "%s", out);
	free(out);
	/* The list reads stored counts; the members are in show. */
	ck_assert_int_eq(test_run(&out, "--db %s proactive show 1 --json", db),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "\"number\":\"2026-0003\""));
	free(out);
	ck_assert_int_eq(test_run(NULL, "--db %s proactive accept 1 --title "
	    "收费标准 --where 门户网站 --on 2026-11-02", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s proactive list --json", db),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "\"proposal\":\"accepted\""));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s proactive published --year "
	    "2026 --json", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"count\":1"));
	free(out);
	ck_assert_int_ne(test_run(NULL, "--db %s proactive accept 1 --title T "
	    "--where W", db), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s proactive decline x --reason R",
	    db), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s proactive list --status maybe",
	    db), 0);
	ck_assert_int_ne(test_run(NULL, "--db %s proactive settings "
	    "--similarity 2", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s proactive settings "
	    "--threshold 4 --json", db), 0);
	ck_assert_str_eq(out, "{\"threshold\":4,\"window_months\":12,"
	    "\"similarity\":0.60}\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s proactive hotspots --year 2026 "
	    "--csv", db), 0);
	ck_assert(strncmp(out, "\xef\xbb\xbfkind,", 8) == 0);
	free(out);
	ck_assert_int_eq(test_run(&out, "proactive --help"), 0);
	ck_assert_ptr_nonnull(strstr(out, "proactive list"));
	free(out);
	test_rmdir(dir);
}
END_TEST

Suite *
pxcli_suite(void)
{
	Suite	*s = suite_create("pxcli");
	TCase	*tc;

	tc = tcase_create("cli_proactive");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cli_list);
	suite_add_tcase(s, tc);
	return s;
}
