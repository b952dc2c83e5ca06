/* SPDX-License-Identifier: ISC */
/*
 * Issue 15, the office side: one's own password (page and API), the
 * audit log page (filters, internal rows hidden, readable details),
 * the two-step calendar import (preview, completeness of a year), the
 * 热点分析 terms linked to their cases and the tag editor on the case
 * page.  Each test starts a server on a copy of the web template
 * (tests/webfix.c); the CLI runs on a second copy where it is compared.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/dbdump_admin.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "web/web.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

static char	 cli_db[600];

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

static void
setup(void)
{
	wf_start_cli(cli_db, sizeof(cli_db));
}

/* POSTs the NULL-terminated key, value pairs as user. */
static void
page_post(const char *path, int user, struct hres *h, ...)
{
	struct buf	 b;
	const char	*k, *v;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, h);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		wf_form_add(&b, k, v);
	}
	va_end(ap);
	wf_post(path, user, buf_str(&b), 0, h);
	buf_clear(&b);
}

/* Runs foidesk on the CLI's copy; returns the exit status. */
static int __attribute__((unused))
cli(char **out, const char *fmt, ...)
{
	struct buf	 cmd;
	va_list		 ap;
	int		 rc;

	buf_init(&cmd);
	buf_printf(&cmd, "--db '%s' ", cli_db);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	rc = test_run(out, "%s", buf_str(&cmd));
	buf_clear(&cmd);
	return rc;
}

#define BODY_HAS(h, s) ck_assert_msg((h)->body != NULL &&		\
	strstr((h)->body, (s)) != NULL, "no '%s' in:\n%s", (s),		\
	(h)->body != NULL ? (h)->body : "")
#define BODY_LACKS(h, s) ck_assert_msg((h)->body == NULL ||		\
	strstr((h)->body, (s)) == NULL, "'%s' in:\n%s", (s), (h)->body)

static const char	 NEWPW[] = "vermilion harbour 7 lantern";

/* A second session of the officer (another browser). */
static void
other_session(void)
{
	wf_sql("INSERT INTO sessions (id, user, csrf, addr, created_at,"
	    " last_seen) VALUES ('otherbrowser', 'officer', 'c', '',"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%s', 'now'))");
}

START_TEST(test_password_refusals)
{
	struct hres	 h;
	char		*before;

	other_session();
	before = wf_dump();
	/* The page, for every role. */
	wf_get("/account/password", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "当前密码");
	BODY_HAS(&h, "确认新密码");
	hres_clear(&h);
	wf_get("/", U_CLERK, &h);
	BODY_HAS(&h, "href=\"/account/password\"");
	hres_clear(&h);
	/* Wrong current password. */
	page_post("/account/password", U_OFFICER, &h, "current", "wrong-one",
	    "password", NEWPW, "confirm", NEWPW, NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "当前密码不正确");
	hres_clear(&h);
	/* Shorter than 12. */
	page_post("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", "Qz8#kd", "confirm", "Qz8#kd", NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "新密码长度应为12至");
	hres_clear(&h);
	/* Long enough but weak. */
	page_post("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", "password1234", "confirm",
	    "password1234", NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "太容易被猜到");
	hres_clear(&h);
	/* Not typed twice alike. */
	page_post("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", NEWPW, "confirm", "something else",
	    NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "确认新密码与新密码不一致");
	hres_clear(&h);
	/* The API refuses the same way, naming the field. */
	wf_api_post("/api/account/password", U_OFFICER,
	    "{\"current\":\"nope-nope-nope\",\"password\":\"x\"}", 0, &h);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "\"field\":\"current\"");
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
}
END_TEST

START_TEST(test_password_change)
{
	struct hres	 h;

	other_session();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE user = 'officer'"), 2);
	page_post("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", NEWPW, "confirm", NEWPW, NULL);
	ck_assert_int_eq(h.status, 303);
	ck_assert_str_eq(wf_hdr(&h, "Location"),
	    "/account/password?ok=password");
	hres_clear(&h);
	/* The other browser is logged out; this one stays. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE user = 'officer'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE id = 'otherbrowser'"), 0);
	wf_get("/account/password?ok=password", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "密码已修改");
	hres_clear(&h);
	/* Audited, as the officer. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'user.change' AND object = 'user:officer' AND"
	    " actor = 'officer' AND json_extract(detail,"
	    " '$.password_changed') = 1"), 1);
	/* The new password logs in, the old one no more. */
	wf_api_post("/api/login", -1, "{\"username\":\"officer\",\"password\":"
	    "\"demo-pass-2026\"}", 1, &h);
	ck_assert_int_eq(h.status, 401);
	hres_clear(&h);
	wf_api_post("/api/login", -1, "{\"username\":\"officer\",\"password\":"
	    "\"vermilion harbour 7 lantern\"}", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	/* The API, back again. */
	wf_api_post("/api/account/password", U_OFFICER, "{\"current\":"
	    "\"vermilion harbour 7 lantern\",\"password\":"
	    "\"quiet orchard 42 beacon\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "\"ok\":true");
	hres_clear(&h);
}
END_TEST

Suite *
office_suite(void)
{
	Suite	*s = suite_create("office");
	TCase	*tc;

	tc = tcase_create("office");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_password_refusals);
	tcase_add_test(tc, test_password_change);
	suite_add_tcase(s, tc);
	return s;
}
