/* SPDX-License-Identifier: ISC */
/*
 * Accessibility of the markup (issue 15), over HTTP against the web
 * fixture: the page frame's skip link, landmarks and menu button; one
 * <main> on the annual report page, its chart with links not an image;
 * no date input with maxlength; action columns with a header name; a
 * link to a page the role may not open is not shown.  The browser
 * checks (axe-core, the Nu HTML checker, a 390 px viewport) are in
 * tests/e2e/t_a11y.mjs.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/webfix.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
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

/* The number of times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* GET path as user: 200 and an HTML body (the caller clears h). */
static void
get_page(const char *path, int user, struct hres *h)
{
	wf_get(path, user, h);
	ck_assert_int_eq(h->status, 200);
	ck_assert_ptr_nonnull(strstr(h->body, "<!DOCTYPE html>"));
}

START_TEST(test_frame)
{
	static const char *const paths[] = { "/", "/cases", "/cases/new",
	    "/search?q=x", "/proactive" };
	struct hres	 h;
	const char	*skip, *head, *mainp;
	size_t		 i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		get_page(paths[i], U_OFFICER, &h);
		/* The skip link is the first thing in <body>. */
		skip = strstr(h.body, "<body><a class=\"skip\" href=\"#main\">"
		    "跳到正文</a>");
		head = strstr(h.body, "<header class=\"top\">");
		mainp = strstr(h.body, "<main id=\"main\" tabindex=\"-1\">");
		ck_assert_ptr_nonnull(skip);
		ck_assert_ptr_nonnull(head);
		ck_assert_ptr_nonnull(mainp);
		ck_assert(skip < head && head < mainp);
		ck_assert_int_eq(count(h.body, "<main"), 1);
		ck_assert_int_eq(count(h.body, "</main>"), 1);
		/* The menu button, hidden until app.js runs, controls
		 * the labelled navigation. */
		ck_assert_ptr_nonnull(strstr(h.body, "<button type=\"button\" "
		    "class=\"menu\" aria-controls=\"nav\" aria-expanded=\"false\""
		    " hidden>菜单</button><nav id=\"nav\" aria-label=\"主导航\">"));
		/* Every <nav> has a name. */
		ck_assert_int_eq(count(h.body, "<nav"),
		    count(h.body, "<nav id=\"nav\" aria-label=") +
		    count(h.body, "<nav class=\"pager\" aria-label="));
		hres_clear(&h);
	}
	/* The login page: the skip link and one <main>, no navigation. */
	wf_get("/login", -1, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<a class=\"skip\" href=\"#main\">"));
	ck_assert_int_eq(count(h.body, "<main id=\"main\""), 1);
	ck_assert_ptr_null(strstr(h.body, "<nav"));
	hres_clear(&h);
}
END_TEST

START_TEST(test_report_landmarks)
{
	struct hres	 h;
	const char	*svg, *end;

	get_page("/reports/annual?year=2026", U_REVIEWER, &h);
	ck_assert_int_eq(count(h.body, "<main"), 1);
	ck_assert_ptr_nonnull(strstr(h.body, "<article class=\"report\">"));
	ck_assert_ptr_nonnull(strstr(h.body, "<nav class=\"pager noprint\" "
	    "aria-label=\"年份\">"));
	/* The outcome chart holds links: a group, not an image. */
	svg = strstr(h.body, "aria-label=\"2026年办结申请的办理结果\"");
	ck_assert_ptr_nonnull(svg);
	end = strstr(svg, "</svg>");
	ck_assert_ptr_nonnull(end);
	ck_assert_ptr_nonnull(strstr(svg, "<a href=\"/reports/cases?"));
	ck_assert(strstr(svg, "<a href=") < end);
	ck_assert_int_eq(count(h.body, "role=\"img\""), 1);
	ck_assert_int_eq(count(h.body, "role=\"group\""), 1);
	/* Its tables scroll in named boxes; every figure has a label. */
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"tscroll\" "
	    "role=\"region\" tabindex=\"0\" aria-label=\""));
	ck_assert_ptr_nonnull(strstr(h.body, "<label for=\"fig-"));
	ck_assert_int_eq(count(h.body, "<label for=\"fig-"),
	    count(h.body, "<input id=\"fig-"));
	hres_clear(&h);
}
END_TEST

START_TEST(test_intake_markup)
{
	struct hres	 h;
	const char	*p, *e;
	int		 dates = 0;

	get_page("/cases/new", U_CLERK, &h);
	for (p = h.body; (p = strstr(p, "<input")) != NULL; p = e) {
		e = strchr(p, '>');
		ck_assert_ptr_nonnull(e);
		/* A native date input may not carry maxlength (the Nu
		 * checker's error); the counter's dates are text boxes
		 * (one tab stop each), where it is valid and bounds them. */
		ck_assert_msg(memmem(p, (size_t)(e - p), "type=\"date\"",
		    11) == NULL || memmem(p, (size_t)(e - p), "maxlength", 9) ==
		    NULL, "a date input with maxlength");
		if (memmem(p, (size_t)(e - p), "class=\"date\"", 12) != NULL)
			dates++;
	}
	ck_assert_int_eq(dates, 3);
	/* Text fields keep their limits. */
	ck_assert_ptr_nonnull(strstr(h.body, "<input id=\"applicant\" "
	    "name=\"applicant\" maxlength=\""));
	hres_clear(&h);
}
END_TEST

START_TEST(test_headers_named)
{
	static const struct {
		const char	*path;
		int		 user;
	} pages[] = {
		{ "/admin", U_ADMIN }, { "/admin/texts", U_ADMIN },
		{ "/admin/texts/receipt", U_ADMIN }, { "/cases", U_OFFICER },
		{ "/hotspots", U_OFFICER },
	};
	struct hres	 h;
	size_t		 i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		get_page(pages[i].path, pages[i].user, &h);
		ck_assert_msg(strstr(h.body, "<th></th>") == NULL,
		    "%s has an empty column header", pages[i].path);
		hres_clear(&h);
	}
	get_page("/admin", U_ADMIN, &h);
	ck_assert_ptr_nonnull(strstr(h.body,
	    "<th><span class=\"vh\">操作</span></th>"));
	hres_clear(&h);
	/* The shared case table is in a scroll box. */
	get_page("/cases", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"tscroll\"><table "
	    "class=\"cases\">"));
	hres_clear(&h);
	/* The hot-spot tables (counts only) in named boxes. */
	get_page("/hotspots", U_OFFICER, &h);
	ck_assert_int_eq(count(h.body, "<div class=\"tscroll\" role=\"region\""
	    " tabindex=\"0\" aria-label=\""), 3);
	hres_clear(&h);
}
END_TEST

START_TEST(test_links_by_role)
{
	struct hres	 h;

	/* 热点分析 needs the report permission the clerk lacks. */
	get_page("/proactive", U_CLERK, &h);
	ck_assert_ptr_null(strstr(h.body, "href=\"/hotspots\""));
	hres_clear(&h);
	wf_get("/hotspots", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	get_page("/proactive", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "href=\"/hotspots\""));
	hres_clear(&h);
}
END_TEST

Suite *
a11y_suite(void)
{
	Suite	*s = suite_create("a11y");
	TCase	*tc;

	tc = tcase_create("markup");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_frame);
	tcase_add_test(tc, test_report_landmarks);
	tcase_add_test(tc, test_intake_markup);
	tcase_add_test(tc, test_headers_named);
	tcase_add_test(tc, test_links_by_role);
	suite_add_tcase(s, tc);
	return s;
}
