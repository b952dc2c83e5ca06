/* SPDX-License-Identifier: ISC */
/*
 * Pages served by a running server over the web template (issue 17
 * item 6), split from check_pages.c:
 *   - a page's request reads its session in its read snapshot and
 *     still moves the idle clock;
 *   - what the case page keeps on its connection while nothing is
 *     committed (the timeline, the action forms, the whole page below
 *     its head) shows every commit at once and never another session's
 *     token, a refusal or a one-off notice.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/testutil.h"
#include "tests/webfix.h"
#include "web/web.h"

/* The web template: three users with sessions, two of them officers. */
static const struct wf_user users[] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "officer2", "officer" },
};

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, 3, "post");
}

static void
setup(void)
{
	wf_start(16 * 1024, 64 * 1024, NULL);
}

/* One worker thread: every request on the same connection, and so on
 * the same kept sections. */
static void
one_thread(struct web_config *c)
{
	c->threads = 1;
}

static void
setup_one(void)
{
	wf_start(16 * 1024, 64 * 1024, one_thread);
}

START_TEST(page_session_clock)
{
	struct hres	 h;
	char		 q[256];
	long long	 now = (long long)time(NULL);
	int		 seen;

	/* Seen two minutes ago: a page moves the idle clock. */
	snprintf(q, sizeof(q), "UPDATE sessions SET last_seen = %lld "
	    "WHERE user = 'officer'", now - 120);
	wf_sql(q);
	wf_get("/", 1, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "工作台"));
	hres_clear(&h);
	seen = wf_sql_int("SELECT last_seen FROM sessions "
	    "WHERE user = 'officer'");
	ck_assert_int_ge(seen, now);
	/* Seen just now: nothing is written. */
	wf_get("/cases", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT last_seen FROM sessions "
	    "WHERE user = 'officer'"), seen);
	/* Idle for longer than allowed: to the login page, and the session
	 * is gone. */
	snprintf(q, sizeof(q), "UPDATE sessions SET last_seen = %lld "
	    "WHERE user = 'clerk'", now - 24 * 3600);
	wf_sql(q);
	wf_get("/cases", 0, &h);
	ck_assert_int_eq(h.status, 302);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "/login"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions "
	    "WHERE user = 'clerk'"), 0);
}
END_TEST

/* The case page's timeline section of a page's HTML, to be freed. */
static char *
timeline_of(const char *html)
{
	const char	*p, *q;

	ck_assert_ptr_nonnull(p = strstr(html, "id=\"timeline\""));
	ck_assert_ptr_nonnull(q = strstr(p, "</section>"));
	return strndup(p, (size_t)(q - p));
}

/*
 * The case page's timeline is rendered once while nothing is committed
 * (store_memo_put, web/page_case.c) and shows a new event at once: the
 * same section twice, then an event another connection added.
 */
START_TEST(page_timeline_follows_commits)
{
	struct hres	 h;
	char		*t1, *t2, *t3, *out = NULL;

	wf_get("/cases/2026-0001", 1, &h);
	ck_assert_int_eq(h.status, 200);
	t1 = timeline_of(h.body);
	hres_clear(&h);
	wf_get("/cases/2026-0001", 1, &h);
	ck_assert_int_eq(h.status, 200);
	t2 = timeline_of(h.body);
	hres_clear(&h);
	ck_assert_str_eq(t2, t1);
	ck_assert_ptr_null(strstr(t1, "13900007777"));
	ck_assert_int_eq(wf_cli_run(wf_db, &out, "case correct 2026-0001"
	    " --phone 13900007777 --reason 核对联系电话 --by officer"), 0);
	free(out);
	wf_get("/cases/2026-0001", 1, &h);
	ck_assert_int_eq(h.status, 200);
	t3 = timeline_of(h.body);
	hres_clear(&h);
	ck_assert_ptr_nonnull(strstr(t3, "13900007777"));
	free(t1);
	free(t2);
	free(t3);
}
END_TEST

static char *
section_of(const char *html, const char *id)
{
	char		 k[64];
	const char	*p, *q;

	snprintf(k, sizeof(k), "id=\"%s\"", id);
	ck_assert_ptr_nonnull(p = strstr(html, k));
	ck_assert_ptr_nonnull(q = strstr(p, "</section>"));
	return strndup(p, (size_t)(q - p));
}

/* GET path as user (200 expected): the section id of the page. */
static char *
page_section(const char *path, int user, const char *id)
{
	struct hres	 h;
	char		*sec;

	wf_get(path, user, &h);
	ck_assert_int_eq(h.status, 200);
	sec = section_of(h.body, id);
	hres_clear(&h);
	return sec;
}

/*
 * The action forms are kept per session (its role and form token) and
 * day while nothing is committed (web/page_case.c): the same section
 * twice, another session's own forms with its own token, and a text
 * stored by the CLI in its box at once; and the case as loaded
 * (case_view_kept): a correction by the CLI in its facts at once.
 */
START_TEST(page_actions_follow_commits)
{
	char		*a1, *a2, *c1, *a3, *r1, *r2, *out = NULL;

	a1 = page_section("/cases/2026-0001", 1, "actions");
	a2 = page_section("/cases/2026-0001", 1, "actions");
	ck_assert_str_eq(a2, a1);
	ck_assert_ptr_nonnull(strstr(a1, wf_csrf[1]));
	c1 = page_section("/cases/2026-0001", 0, "actions");
	ck_assert_str_ne(c1, a1);
	ck_assert_ptr_null(strstr(c1, wf_csrf[1]));
	ck_assert_ptr_null(strstr(a1, wf_csrf[0]));
	ck_assert_ptr_null(strstr(a1, "请注明所需文件的标题"));
	ck_assert_int_eq(wf_cli_run(wf_db, &out, "case text 2026-0001"
	    " reasons 请注明所需文件的标题 --by officer"), 0);
	free(out);
	a3 = page_section("/cases/2026-0001", 1, "actions");
	ck_assert_ptr_nonnull(strstr(a3, "请注明所需文件的标题"));
	/* The case as loaded (case_view_kept): a correction shows at
	 * once in the application's facts. */
	r1 = page_section("/cases/2026-0001", 1, "request");
	ck_assert_ptr_null(strstr(r1, "13900008888"));
	ck_assert_int_eq(wf_cli_run(wf_db, &out, "case correct 2026-0001"
	    " --phone 13900008888 --reason 核对联系电话 --by officer"), 0);
	free(out);
	r2 = page_section("/cases/2026-0001", 1, "request");
	ck_assert_ptr_nonnull(strstr(r2, "13900008888"));
	free(r1);
	free(r2);
	free(a1);
	free(a2);
	free(c1);
	free(a3);
}
END_TEST

/* GET path as user (200 expected): the page. */
static char *
page_get(const char *path, int user)
{
	struct hres	 h;
	char		*page;

	wf_get(path, user, &h);
	ck_assert_int_eq(h.status, 200);
	page = h.body;
	h.body = NULL;
	hres_clear(&h);
	return page;
}

/*
 * The whole page below its head is kept per session and day while
 * nothing is committed (web/page_case.c case_page): the same bytes
 * again; never with a one-off notice or a refusal, whose text shows on
 * that request only; another session's page with its own token; a note
 * written by the CLI at once.
 */
START_TEST(page_kept_whole)
{
	struct hres	 h;
	char		*p1, *p2, *p3, *c1, *out = NULL;

	p1 = page_get("/cases/2026-0001", 1);
	p2 = page_get("/cases/2026-0001", 1);
	ck_assert_str_eq(p2, p1);
	free(p2);
	p2 = page_get("/cases/2026-0001?print=receipt", 1);
	ck_assert_ptr_nonnull(strstr(p2, "id=\"print-receipt\""));
	free(p2);
	p2 = page_get("/cases/2026-0001?ok=created", 1);
	ck_assert_ptr_nonnull(strstr(p2, "id=\"intake-next\""));
	free(p2);
	p2 = page_get("/cases/2026-0001", 1);
	ck_assert_str_eq(p2, p1);
	free(p2);
	/* A refusal shows its message and what was typed, then is gone. */
	wf_post("/cases/2026-0001/act", 1, "action=extend&days=99"
	    "&note=%E5%BB%B6%E9%95%BF%E7%90%86%E7%94%B1%E7%94%B2", 0, &h);
	ck_assert_int_ge(h.status, 400);
	ck_assert_ptr_nonnull(strstr(h.body, "role=\"alert\""));
	ck_assert_ptr_nonnull(strstr(h.body, "延长理由甲"));
	hres_clear(&h);
	wf_post("/cases/2026-0001/act", 1, "action=extend&days=98"
	    "&note=%E5%BB%B6%E9%95%BF%E7%90%86%E7%94%B1%E4%B9%99", 0, &h);
	ck_assert_int_ge(h.status, 400);
	ck_assert_ptr_nonnull(strstr(h.body, "延长理由乙"));
	ck_assert_ptr_null(strstr(h.body, "延长理由甲"));
	hres_clear(&h);
	p2 = page_get("/cases/2026-0001", 1);
	ck_assert_str_eq(p2, p1);
	ck_assert_ptr_null(strstr(p2, "延长理由"));
	free(p2);
	/* Another session, of another role and of the same: its own
	 * token, never the first one's. */
	c1 = page_get("/cases/2026-0001", 0);
	ck_assert_ptr_null(strstr(c1, wf_csrf[1]));
	ck_assert_ptr_nonnull(strstr(c1, wf_csrf[0]));
	free(c1);
	c1 = page_get("/cases/2026-0001", 2);
	ck_assert_ptr_null(strstr(c1, wf_csrf[1]));
	ck_assert_ptr_nonnull(strstr(c1, wf_csrf[2]));
	free(c1);
	p2 = page_get("/cases/2026-0001", 1);
	ck_assert_str_eq(p2, p1);
	free(p2);
	ck_assert_ptr_null(strstr(p1, "备注乙丙"));
	ck_assert_int_eq(wf_cli_run(wf_db, &out, "case note 2026-0001"
	    " 备注乙丙 --by officer"), 0);
	free(out);
	p3 = page_get("/cases/2026-0001", 1);
	ck_assert_ptr_nonnull(strstr(p3, "备注乙丙"));
	free(p3);
	free(p1);
}
END_TEST

Suite *
pagekept_suite(void)
{
	Suite	*s = suite_create("pagekept");
	TCase	*tc;

	tc = tcase_create("session");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_add_test(tc, page_session_clock);
	tcase_add_test(tc, page_timeline_follows_commits);
	suite_add_tcase(s, tc);

	tc = tcase_create("one worker");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup_one, wf_teardown);
	tcase_add_test(tc, page_actions_follow_commits);
	tcase_add_test(tc, page_kept_whole);
	suite_add_tcase(s, tc);
	return s;
}
