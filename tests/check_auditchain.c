/* SPDX-License-Identifier: ISC */
/*
 * Issue 16, M5: the audit table joins a hash chain of its own
 * (store/store_achain.c).  Web operations (audit rows written by the
 * connection's triggers) keep `audit verify` green; an audit row
 * edited or deleted with the sqlite3 shell fails it, naming the row; a
 * deleted head fails it and refuses every write.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"
#include "tests/webfix.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
};

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

static void
setup(void)
{
	wf_start(16 * 1024, 64 * 1024, NULL);
}

/* A few changes through the web: each writes audit rows by trigger. */
static void
web_changes(void)
{
	struct hres	 h;

	wf_post("/cases/2026-0001/act", U_OFFICER, "action=extend&days=5"
	    "&reason=%E6%A3%80%E7%B4%A2", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/cases/2026-0001/act", U_OFFICER, "action=withdraw"
	    "&on=2026-11-20", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	/* Rows written by the triggers of the serving connection. */
	ck_assert_int_ge(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " object = '2026-0001'"), 2);
}

/* Every audit row is sealed and verify passes after web changes. */
START_TEST(test_web_green)
{
	char	*out;

	web_changes();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " hash IS NULL"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE"
	    " key = 'audit_chain_head' AND value LIKE"
	    " (SELECT max(id) FROM audit) || ' %'"), 1);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", wf_db), 0);
	ck_assert_ptr_nonnull(strstr(out, "操作日志完整"));
	free(out);
}
END_TEST

/* Edits, deletions and a deleted head, each on its own copy. */
START_TEST(test_tamper)
{
	static const char *const edits[] = {
		"UPDATE audit SET actor = 'nobody' WHERE id = ",
		"UPDATE audit SET detail = '{}' WHERE id = ",
		"DELETE FROM audit WHERE id = ",
	};
	char	 cmd[2400], q[200], copy[600], *out, want[64];
	long long id, last;
	size_t	 i;

	web_changes();
	id = wf_sql_int("SELECT min(id) FROM audit WHERE object ="
	    " '2026-0001'");
	last = wf_sql_int("SELECT max(id) FROM audit");
	ck_assert_int_lt(id, last);
	snprintf(copy, sizeof(copy), "%s/t.db", wf_dir);
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		snprintf(q, sizeof(q), "%s%lld", edits[i], id);
		snprintf(cmd, sizeof(cmd), "sqlite3 %s \".backup '%s'\" &&"
		    " sqlite3 %s \"%s\"", wf_db, copy, copy, q);
		ck_assert_int_eq(system(cmd), 0);
		ck_assert_int_eq(test_run(&out, "--db %s audit verify",
		    copy), 3);
		ck_assert_msg(strstr(out, "操作日志被篡改") != NULL, "%s",
		    out);
		/* An edit names its row; a deletion the row after it. */
		snprintf(want, sizeof(want), "audit row %lld ",
		    i < 2 ? id : id + 1);
		ck_assert_msg(strstr(out, want) != NULL, "%s", out);
		free(out);
	}
	/* The newest row deleted: the head no longer matches. */
	snprintf(cmd, sizeof(cmd), "sqlite3 %s \".backup '%s'\" && sqlite3 %s"
	    " \"DELETE FROM audit WHERE id = %lld\"", wf_db, copy, copy, last);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", copy), 3);
	ck_assert_msg(strstr(out, "操作日志末尾被删除") != NULL, "%s", out);
	free(out);
	/* The head deleted: verify fails, and writes are refused. */
	snprintf(cmd, sizeof(cmd), "sqlite3 %s \".backup '%s'\" && sqlite3 %s"
	    " \"DELETE FROM settings WHERE key = 'audit_chain_head'\"", wf_db,
	    copy, copy);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", copy), 3);
	ck_assert_msg(strstr(out, "操作日志的链头缺失") != NULL, "%s", out);
	free(out);
	ck_assert_int_ne(test_run(&out, "--db %s case new --received "
	    "2026-11-02 --channel in_person --applicant 张三 --applicant-type "
	    "person --request 某文件", copy), 0);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", copy), 3);
	free(out);
}
END_TEST

/* A row the shell inserts waits unsealed (pending), then is sealed by
 * the next write of the program, and verify stays green. */
START_TEST(test_shell_insert_sealed)
{
	struct hres	 h;
	char		 cmd[1400], *out;

	web_changes();
	snprintf(cmd, sizeof(cmd), "sqlite3 %s \"INSERT INTO audit (at, actor,"
	    " action) VALUES ('2026-11-20T00:00:00Z', 'dba', 'manual')\"",
	    wf_db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify --json", wf_db),
	    0);
	ck_assert_msg(strstr(out, "\"pending\":1") != NULL, "%s", out);
	free(out);
	wf_post("/cases/2026-0002/notes", U_OFFICER, "text=%E5%A4%87%E6%B3%A8",
	    0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " hash IS NULL"), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", wf_db), 0);
	free(out);
}
END_TEST

Suite *
auditchain_suite(void)
{
	Suite	*s = suite_create("auditchain");
	TCase	*tc;

	tc = tcase_create("web");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_web_green);
	tcase_add_test(tc, test_tamper);
	tcase_add_test(tc, test_shell_insert_sealed);
	suite_add_tcase(s, tc);
	return s;
}
