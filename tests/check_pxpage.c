/* SPDX-License-Identifier: ISC */
/*
 * The /proactive page in pages of 50 groups (issue 17), over HTTP
 * against the web fixture: 52 groups (pairs of cases an officer
 * linked) give a first page of 50 rows with a 下一页 link after the
 * 50th group, and a second page of 2 rows without one; the status
 * filter is kept in the link.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/proactive.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"

enum { U_CLERK, U_REVIEWER, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "reviewer", "reviewer" },
};

#define NGROUPS	52

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

/* A request of 16 characters no other request shares (CJK block k). */
static void
request_of(int k, char *out, size_t len)
{
	uint32_t	 c;
	size_t		 o = 0;
	int		 i;

	for (i = 0; i < 16 && o + 4 < len; i++) {
		c = 0x4E00u + (uint32_t)k * 16u + (uint32_t)i;
		out[o++] = (char)(0xE0 | (c >> 12));
		out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[o++] = (char)(0x80 | (c & 0x3F));
	}
	out[o] = '\0';
}

/* NGROUPS pairs of linked cases, written beside the running server. */
static void
make_groups(void)
{
	struct case_input in;
	struct store	*st;
	struct calendar	*cal;
	char		 id[37], num[2][32], req[128], err[256];
	int		 today = test_day(WF_TODAY), g, k;

	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	ck_assert_ptr_nonnull(cal = calendar_open(st));
	for (g = 0; g < NGROUPS; g++) {
		for (k = 0; k < 2; k++) {
			memset(&in, 0, sizeof(in));
			request_of(2 * g + k, req, sizeof(req));
			in.received = "2026-11-02";
			in.channel = "in_person";
			in.applicant = k == 0 ? "张三" : "李四";
			in.applicant_type = "person";
			in.request = req;
			ck_assert_int_eq(case_new(st, cal, &in, "clerk", today,
			    id, num[k], sizeof(num[k]), err, sizeof(err)),
			    CM_OK);
		}
		ck_assert_msg(proactive_link(st, num[0], num[1], "reviewer",
		    err, sizeof(err)) == CM_OK, "%s", err);
	}
	calendar_free(cal);
	store_close(st);
}

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

START_TEST(test_pages)
{
	struct px_group_sum	*g = NULL;
	struct store		*st;
	struct hres		 h;
	char			 want[128], path[128];
	size_t			 n = 0;

	make_groups();
	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	ck_assert_int_eq(proactive_groups_page(st, NULL, 0, -1, &g, &n),
	    CM_OK);
	store_close(st);
	ck_assert_uint_eq(n, NGROUPS);
	ck_assert_int_eq(g[0].cases, 2);
	ck_assert_int_eq(g[0].applicants, 2);
	snprintf(want, sizeof(want), "href=\"/proactive?after=%lld\">下一页",
	    (long long)g[49].id);
	snprintf(path, sizeof(path), "/proactive?after=%lld",
	    (long long)g[49].id);
	wf_get("/proactive", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_int_eq(count(h.body, "<tr><td class=\"num\">"), 50);
	ck_assert_msg(strstr(h.body, want) != NULL, "%s", h.body);
	hres_clear(&h);
	wf_get(path, U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_int_eq(count(h.body, "<tr><td class=\"num\">"), 2);
	snprintf(want, sizeof(want), "href=\"/proactive/%lld\"",
	    (long long)g[51].id);
	ck_assert_ptr_nonnull(strstr(h.body, want));
	ck_assert_ptr_null(strstr(h.body, "下一页"));
	hres_clear(&h);
	/* The filter stays in the link; every group here has no proposal. */
	wf_get("/proactive?status=none", U_REVIEWER, &h);
	ck_assert_int_eq(count(h.body, "<tr><td class=\"num\">"), 50);
	snprintf(want, sizeof(want), "/proactive?after=%lld&amp;status=none",
	    (long long)g[49].id);
	ck_assert_ptr_nonnull(strstr(h.body, want));
	hres_clear(&h);
	wf_get("/proactive?status=open", U_REVIEWER, &h);
	ck_assert_int_eq(count(h.body, "<tr><td class=\"num\">"), 0);
	ck_assert_ptr_nonnull(strstr(h.body, "没有分组"));
	hres_clear(&h);
	proactive_group_sums_free(g, n);
}
END_TEST

Suite *
pxpage_suite(void)
{
	Suite	*s = suite_create("pxpage");
	TCase	*tc = tcase_create("pxpage");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_add_test(tc, test_pages);
	suite_add_tcase(s, tc);
	return s;
}
