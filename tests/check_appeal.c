/* SPDX-License-Identifier: ISC */
/*
 * Appeal records (行政复议, 行政诉讼; Reg. art. 51) behind table 四:
 * validation of `appeal add` and `appeal decide` in the domain and on
 * the command line, refusals that change nothing, and the JSON of
 * `appeal list`.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "store/store.h"
#include "tests/testutil.h"

struct fix {
	char		*dir;
	char		 db[512];
	struct store	*st;
	struct calendar	*cal;
	int		 today;
	char		 num[16];	/* a case received 2025-03-03 */
};

static void
fix_open(struct fix *f)
{
	struct case_input in;
	struct act_input a;
	char		 err[256], id[37];

	memset(f, 0, sizeof(*f));
	f->today = test_day("2026-11-20");
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, f->today, err,
	    sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	ck_assert_ptr_nonnull(f->cal);
	memset(&in, 0, sizeof(in));
	in.received = "2025-03-03";
	in.channel = "in_person";
	in.applicant = "张伟";
	in.applicant_type = "person";
	in.request = "示范区第一中学新校区建设项目的立项批复";
	ck_assert_msg(case_new(f->st, f->cal, &in, "clerk", f->today, id,
	    f->num, sizeof(f->num), err, sizeof(err)) == CM_OK, "%s", err);
	act_input_init(&a);
	a.action = "register";
	a.on = "2025-03-03";
	ck_assert_int_eq(case_act(f->st, f->cal, f->num, &a, "officer",
	    f->today, err, sizeof(err)), CM_OK);
	a.action = "reply";
	a.outcome = "withheld.process";
	ck_assert_int_eq(case_act(f->st, f->cal, f->num, &a, "officer",
	    f->today, err, sizeof(err)), CM_OK);
}

static void
fix_close(struct fix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

static enum cm_err
add(struct fix *f, const char *key, const char *kind, const char *filed,
    const char *result, const char *decided, int64_t *id)
{
	struct appeal_input in;
	char		 err[256];
	int64_t		 dummy;

	memset(&in, 0, sizeof(in));
	in.case_key = key;
	in.kind = kind;
	in.filed = filed;
	in.result = result;
	in.decided = decided;
	in.body = "示范市示范区人民政府";
	return appeal_add(f->st, &in, "officer", f->today,
	    id != NULL ? id : &dummy, err, sizeof(err));
}

/* Every refusal of appeal_add, and nothing stored by any of them. */
START_TEST(test_add_validation)
{
	struct fix	 f;
	char		*before, *after;

	fix_open(&f);
	before = test_dump(f.db);
	ck_assert_int_eq(add(&f, "2099-0001", "reconsideration", "2025-04-01",
	    NULL, NULL, NULL), CM_NOTFOUND);
	ck_assert_int_eq(add(&f, f.num, "appeal", "2025-04-01", NULL, NULL,
	    NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, NULL, "2025-04-01", NULL, NULL, NULL),
	    CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-02-30", NULL,
	    NULL, NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", NULL, NULL, NULL,
	    NULL), CM_INVALID);
	/* Not before the request was received, not in the future. */
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-03-02", NULL,
	    NULL, NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2026-11-21", NULL,
	    NULL, NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01",
	    "dismissed", "2025-05-01", NULL), CM_INVALID);
	/* A result needs its date; pending has none. */
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01",
	    "upheld", NULL, NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01",
	    "pending", "2025-05-01", NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01", NULL,
	    "2025-05-01", NULL), CM_INVALID);
	/* decided >= filed, and not in the future. */
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01",
	    "corrected", "2025-03-31", NULL), CM_INVALID);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01",
	    "corrected", "2026-12-01", NULL), CM_INVALID);
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	fix_close(&f);
}
END_TEST

START_TEST(test_add_list_decide)
{
	struct fix		 f;
	struct appeal_rec	*v;
	size_t			 n;
	int64_t			 a, b;
	char			 err[256];

	fix_open(&f);
	ck_assert_int_eq(add(&f, f.num, "reconsideration", "2025-04-01", NULL,
	    NULL, &a), CM_OK);
	/* decided on the day filed is allowed */
	ck_assert_int_eq(add(&f, f.num, "litigation_direct", "2025-04-02",
	    "other", "2025-04-02", &b), CM_OK);
	ck_assert_int_eq(appeal_list(f.st, f.num, &v, &n), CM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, a);
	ck_assert_str_eq(v[0].kind, "reconsideration");
	ck_assert_str_eq(v[0].result, "pending");
	ck_assert_str_eq(v[0].decided, "");
	ck_assert_str_eq(v[0].filed, "2025-04-01");
	ck_assert_str_eq(v[0].body, "示范市示范区人民政府");
	ck_assert_str_eq(v[0].case_number, f.num);
	ck_assert_str_eq(v[1].result, "other");
	ck_assert_str_eq(v[1].decided, "2025-04-02");
	appeals_free(v, n);
	ck_assert_int_eq(appeal_list(f.st, "2099-0001", &v, &n), CM_NOTFOUND);
	/* Deciding: the same rules as adding. */
	ck_assert_int_eq(appeal_decide(f.st, a, "upheld", NULL, "officer",
	    f.today, err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(appeal_decide(f.st, a, "upheld", "2025-03-31",
	    "officer", f.today, err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(appeal_decide(f.st, 999, "upheld", "2025-05-01",
	    "officer", f.today, err, sizeof(err)), CM_NOTFOUND);
	ck_assert_int_eq(appeal_decide(f.st, a, "upheld", "2025-05-01",
	    "officer", f.today, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(appeal_list(f.st, f.num, &v, &n), CM_OK);
	ck_assert_str_eq(v[0].result, "upheld");
	ck_assert_str_eq(v[0].decided, "2025-05-01");
	appeals_free(v, n);
	/* Back to pending (a decision set aside) clears the date. */
	ck_assert_int_eq(appeal_decide(f.st, a, "pending", NULL, "officer",
	    f.today, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(appeal_list(f.st, f.num, &v, &n), CM_OK);
	ck_assert_str_eq(v[0].result, "pending");
	ck_assert_str_eq(v[0].decided, "");
	appeals_free(v, n);
	fix_close(&f);
}
END_TEST

/* The command line: add, decide, list as JSON; refusals exit 3 and
 * change nothing. */
START_TEST(test_cli)
{
	struct fix	 f;
	char		*out, *before, *after;

	fix_open(&f);
	ck_assert_int_eq(test_run(&out, "--db '%s' appeal add %s --kind "
	    "reconsideration --filed 2025-04-01 --body 示范市示范区人民政府",
	    f.db, f.num), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"kind\":\"reconsideration\","
	    "\"kind_label\":\"行政复议\",\"filed\":\"2025-04-01\",\"body\":"
	    "\"示范市示范区人民政府\",\"result\":\"pending\",\"result_label\":"
	    "\"尚未审结\",\"decided\":null}"));
	ck_assert_ptr_nonnull(strstr(out, "{\"id\":1,"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' appeal add %s --kind "
	    "litigation_after_review --filed 2025-06-01 --result corrected "
	    "--decided 2025-09-01", f.db, f.num), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"result\":\"corrected\""));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' appeal decide 1 --result "
	    "upheld --decided 2025-05-20", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"result\":\"upheld\""));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' appeal list %s", f.db,
	    f.num), 0);
	ck_assert_int_eq(out[0], '[');
	ck_assert_ptr_nonnull(strstr(out, "\"decided\":\"2025-05-20\"}"));
	ck_assert_ptr_nonnull(strstr(out, "\"kind\":\"litigation_after_review\""));
	free(out);

	before = test_dump(f.db);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal add %s --kind "
	    "reconsideration --filed 2025-04-01 --result upheld", f.db, f.num),
	    3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal add %s --kind "
	    "complaint --filed 2025-04-01", f.db, f.num), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal add %s --kind "
	    "reconsideration --filed 2025-13-01", f.db, f.num), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal add 2099-0001 --kind "
	    "reconsideration --filed 2025-04-01", f.db), 4);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal add %s --kind "
	    "reconsideration", f.db, f.num), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal decide x1 --result "
	    "upheld --decided 2025-05-20", f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal list 2099-0001",
	    f.db), 4);
	ck_assert_int_eq(test_run(NULL, "--db '%s' appeal", f.db), 2);
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	fix_close(&f);
}
END_TEST

START_TEST(test_codes)
{
	ck_assert_int_eq(appeal_kind_find("reconsideration"),
	    AK_RECONSIDERATION);
	ck_assert_int_eq(appeal_kind_find("litigation_direct"),
	    AK_LITIGATION_DIRECT);
	ck_assert_int_eq(appeal_kind_find("litigation_after_review"),
	    AK_LITIGATION_AFTER_REVIEW);
	ck_assert_int_eq(appeal_kind_find("litigation"), -1);
	ck_assert_int_eq(appeal_kind_find(NULL), -1);
	ck_assert_int_eq(appeal_result_find("upheld"), AR_UPHELD);
	ck_assert_int_eq(appeal_result_find("pending"), AR_PENDING);
	ck_assert_str_eq(appeal_results[AR_CORRECTED].label, "结果纠正");
	ck_assert_str_eq(appeal_kinds[AK_LITIGATION_DIRECT].label,
	    "未经复议直接起诉");
}
END_TEST

Suite *
appeal_suite(void)
{
	Suite	*s = suite_create("appeal");
	TCase	*tc;

	tc = tcase_create("appeal_add");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_add_validation);
	tcase_add_test(tc, test_add_list_decide);
	suite_add_tcase(s, tc);
	tc = tcase_create("cli");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cli);
	suite_add_tcase(s, tc);
	tc = tcase_create("codes");
	tcase_add_test(tc, test_codes);
	suite_add_tcase(s, tc);
	return s;
}
