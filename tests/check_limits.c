/* SPDX-License-Identifier: ISC */
/*
 * Tests for cases/limits.h, the one table of limits: the year range
 * drives the date span, the validators and the calendar; a field's
 * limit is the same through the operation, the page's validator and
 * the CLI; the one text validator (valid_text) is what notes and agency
 * settings are checked with.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/date.h"
#include "cases/limits.h"
#include "cases/model.h"
#include "forms/validate.h"
#include "ops/op.h"
#include "ops/admin.h"
#include "ops/approval.h"
#include "ops/auth.h"
#include "ops/note.h"
#include "ops/user.h"
#include "store/store.h"
#include "tests/testutil.h"

/* A string of n copies of the UTF-8 character ch (free it). */
static char *
repeat(const char *ch, size_t n)
{
	size_t	 l = strlen(ch), i;
	char	*s = malloc(l * n + 1);

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * l, ch, l);
	s[l * n] = '\0';
	return s;
}

START_TEST(test_year_range)
{
	int	 day;

	ck_assert_int_eq(DATE_MIN, date_from_ymd(LIM_YEAR_MIN, 1, 1));
	ck_assert_int_eq(DATE_MAX, date_from_ymd(LIM_YEAR_MAX, 12, 31));
	ck_assert_str_eq(LIM_DATE_MIN, "2000-01-01");
	ck_assert_str_eq(LIM_DATE_MAX, "2099-12-31");
	ck_assert_ptr_null(valid_date(LIM_DATE_MIN));
	ck_assert_ptr_null(valid_date(LIM_DATE_MAX));
	ck_assert_ptr_nonnull(valid_date("1999-12-31"));
	ck_assert_ptr_nonnull(valid_date("2100-01-01"));
	ck_assert_ptr_nonnull(strstr(valid_date("2100-01-01"), LIM_DATE_MAX));
	ck_assert_int_eq(date_parse(LIM_DATE_MIN, &day), 0);
	ck_assert_int_eq(day, DATE_MIN);
	ck_assert_int_eq(date_parse(LIM_DATE_MAX, &day), 0);
	ck_assert_int_eq(day, DATE_MAX);
	ck_assert_int_ne(date_parse("2100-01-01", &day), 0);
}
END_TEST

/* The one text validator at the edge of each named length. */
START_TEST(test_valid_text_edges)
{
	static const size_t lims[] = { LIM_COMMENT_CHARS, LIM_CASE_TEXT_CHARS,
	    LIM_REQUEST_CHARS, LIM_AGENCY_TEXT_CHARS, LIM_TAG_CHARS };
	char	*s;
	size_t	 i;

	for (i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		/* Counted in characters, not bytes. */
		s = repeat("政", lims[i]);
		ck_assert_ptr_null(valid_text(s, lims[i], 1, 1));
		free(s);
		s = repeat("政", lims[i] + 1);
		ck_assert_str_eq(valid_text(s, lims[i], 1, 1),
		    "内容超过长度上限");
		free(s);
	}
}
END_TEST

struct fix {
	char		*dir;
	char		 db[512];
	struct store	*st;
};

static void
fix_open(struct fix *f)
{
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", f->db),
	    0);
	ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
	    "2025-04-01 --confirm-old-date --channel in_person --applicant 张三 "
	    "--applicant-type "
	    "person --request 某文件", f->db), 0);
	f->st = test_store(f->dir);
}

static void
fix_close(struct fix *f)
{
	store_close(f->st);
	test_rmdir(f->dir);
}

/* Notes go through valid_text: LIM_COMMENT_CHARS, not blank (an
 * ideographic space is blank too), no control characters. */
START_TEST(test_note_limit)
{
	struct fix	 f;
	char		*s, err[256];

	fix_open(&f);
	s = repeat("注", LIM_COMMENT_CHARS);
	ck_assert_int_eq(note_add(f.st, "2025-0001", s, "admin", err,
	    sizeof(err)), CM_OK);
	free(s);
	s = repeat("注", LIM_COMMENT_CHARS + 1);
	ck_assert_int_eq(note_add(f.st, "2025-0001", s, "admin", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "备注：内容超过长度上限");
	free(s);
	ck_assert_int_eq(note_add(f.st, "2025-0001", "\xe3\x80\x80 ", "admin",
	    err, sizeof(err)), CM_INVALID);
	ck_assert_str_eq(err, "备注：不能为空");
	ck_assert_int_eq(note_add(f.st, "2025-0001", "a\x01", "admin", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(note_add(f.st, "2025-0001", "a\xc0\xaf", "admin",
	    err, sizeof(err)), CM_INVALID);
	fix_close(&f);
}
END_TEST

/* An approval comment has one rule whichever interface brings it (the
 * API once let 6,000 unchecked bytes through). */
START_TEST(test_approval_comment)
{
	struct fix	 f;
	char		*s, err[256];

	fix_open(&f);
	s = repeat("审", LIM_COMMENT_CHARS + 1);
	ck_assert_int_eq(approval_decide(f.st, NULL, 1, 1, "reviewer",
	    ROLE_REVIEWER, s, "127.0.0.1", DATE_MIN, err, sizeof(err)),
	    CM_INVALID);
	ck_assert_str_eq(err, "审批意见：内容超过长度上限");
	free(s);
	ck_assert_int_eq(approval_decide(f.st, NULL, 1, 1, "reviewer",
	    ROLE_REVIEWER, "a\x1b", "127.0.0.1", DATE_MIN, err, sizeof(err)),
	    CM_INVALID);
	/* A good comment reaches the lookup: there is no request 1. */
	ck_assert_int_eq(approval_decide(f.st, NULL, 1, 1, "reviewer",
	    ROLE_REVIEWER, "同意", "127.0.0.1", DATE_MIN, err, sizeof(err)),
	    CM_NOTFOUND);
	fix_close(&f);
}
END_TEST

/* Agency settings: LIM_AGENCY_TEXT_CHARS, the refusal names the field;
 * the CLI's init --agency takes the same length as the page. */
START_TEST(test_agency_limit)
{
	struct fix		 f;
	struct agency_in	 in;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	char			*s;

	fix_open(&f);
	memset(&ctx, 0, sizeof(ctx));
	ctx.st = f.st;
	ctx.actor = "admin";
	ctx.role = ROLE_ADMIN;
	ctx.today = DATE_MIN;
	memset(&in, 0, sizeof(in));
	in.v[AF_NAME] = in.v[AF_ADDRESS] = in.v[AF_REVIEW_BODY] =
	    in.v[AF_REVIEW_ADDRESS] = in.v[AF_COURT] =
	    in.v[AF_COURT_ADDRESS] = "某某";
	ck_assert_int_eq(op_agency_set(&ctx, &in, NULL, &rf), CM_OK);
	s = repeat("局", LIM_AGENCY_TEXT_CHARS + 1);
	in.v[AF_COURT_ADDRESS] = s;
	ck_assert_int_eq(op_agency_set(&ctx, &in, NULL, &rf), CM_INVALID);
	ck_assert_str_eq(rf.msg, "法院地址：内容超过长度上限");
	ck_assert_str_eq(rf.field, agency_fields[AF_COURT_ADDRESS].key);
	free(s);
	in.v[AF_COURT_ADDRESS] = "某\t某";
	ck_assert_int_eq(op_agency_set(&ctx, &in, NULL, &rf), CM_INVALID);
	ck_assert_str_eq(rf.msg, "法院地址：不能包含控制字符");
	in.v[AF_COURT_ADDRESS] = "某某";
	in.v[AF_CORRECTION_PERIOD] = "61";
	ck_assert_int_eq(op_agency_set(&ctx, &in, NULL, &rf), CM_INVALID);
	ck_assert_str_eq(rf.msg, "补正期限应为1至60个工作日");
	fix_close(&f);

	f.dir = test_tmpdir();
	snprintf(f.db, sizeof(f.db), "%s/f.db", f.dir);
	s = repeat("局", LIM_AGENCY_TEXT_CHARS);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency %s", f.db, s),
	    0);
	free(s);
	test_rmdir(f.dir);
	f.dir = test_tmpdir();
	snprintf(f.db, sizeof(f.db), "%s/f.db", f.dir);
	s = repeat("局", LIM_AGENCY_TEXT_CHARS + 1);
	ck_assert_int_ne(test_run(NULL, "--db %s init --agency %s", f.db, s),
	    0);
	free(s);
	test_rmdir(f.dir);
}
END_TEST

/* A case text has the page's length, LIM_CASE_TEXT_CHARS, in the CLI. */
START_TEST(test_case_text_limit)
{
	struct fix	 f;
	char		*s, *out;

	fix_open(&f);
	s = repeat("a", LIM_CASE_TEXT_CHARS);
	ck_assert_int_eq(test_run(NULL, "--db %s case text 2025-0001 reasons "
	    "%s", f.db, s), 0);
	free(s);
	s = repeat("a", LIM_CASE_TEXT_CHARS + 1);
	ck_assert_int_ne(test_run(&out, "--db %s case text 2025-0001 reasons "
	    "%s", f.db, s), 0);
	ck_assert_ptr_nonnull(strstr(out, "内容超过长度上限"));
	free(out);
	free(s);
	fix_close(&f);
}
END_TEST

/* A user name of LIM_USER_NAME_CHARS Chinese characters (96 bytes) can
 * be created and can log in (the login buffer once held 63 bytes). */
START_TEST(test_user_name_limit)
{
	struct fix		 f;
	struct auth_policy	 pol;
	struct session		 ss;
	char			*s, err[256];

	fix_open(&f);
	s = repeat("用", LIM_USER_NAME_CHARS);
	ck_assert_int_eq(user_add(f.st, s, "clerk", "long-enough-pw", err,
	    sizeof(err)), CM_OK);
	auth_policy_default(&pol);
	ck_assert_int_eq(auth_login(f.st, &pol, s, "long-enough-pw",
	    "127.0.0.1", time(NULL), &ss), AUTH_OK);
	ck_assert_str_eq(ss.user, s);
	free(s);
	s = repeat("用", LIM_USER_NAME_CHARS + 1);
	ck_assert_int_eq(user_add(f.st, s, "clerk", "long-enough-pw", err,
	    sizeof(err)), CM_INVALID);
	free(s);
	fix_close(&f);
}
END_TEST

Suite *
limits_suite(void)
{
	Suite	*s = suite_create("limits");
	TCase	*tc;

	tc = tcase_create("year_range");
	tcase_add_test(tc, test_year_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_text");
	tcase_add_test(tc, test_valid_text_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("note_add");
	tcase_add_test(tc, test_note_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("approval_decide");
	tcase_add_test(tc, test_approval_comment);
	suite_add_tcase(s, tc);

	tc = tcase_create("admin_agency_set");
	tcase_add_test(tc, test_agency_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("case_text");
	tcase_add_test(tc, test_case_text_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("user_name");
	tcase_add_test(tc, test_user_name_limit);
	suite_add_tcase(s, tc);
	return s;
}
