/* SPDX-License-Identifier: ISC */
/*
 * Issue 17: the Art. 44 applicant count and trigger in O(n log n)
 * (cases/proactive.c) give exactly what the pairwise definition gives,
 * on random groups drawn from small key pools (so that ID numbers,
 * names-and-phones and bare names collide and chain in every way).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/proactive.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "tests/testutil.h"

static const char *const ids[] = { "110101199001011234", "110101199001015678",
	"110101199001019999" };
static const char *const nps[] = { "张三|13800000001", "李四|13800000002",
	"王五|13800000003", "张三|13800000009" };
static const char *const names[] = { "张三", "李四", "王五", "" };

static const char *
pick(const char *const *pool, size_t n, unsigned *seed, int none_in)
{
	int	 r = (int)(rand_r(seed) % (unsigned)(n + (size_t)none_in));

	return r < (int)n ? pool[r] : NULL;
}

static size_t
find(size_t *p, size_t i)
{
	while (p[i] != i)
		i = p[i];
	return i;
}

/* The definition: every pair compared, classes closed transitively. */
static void
classes_pairwise(const struct px_ident *id, size_t n, size_t *p)
{
	size_t	 i, j, a, b;

	for (i = 0; i < n; i++)
		p[i] = i;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (proactive_same_loose(&id[i], &id[j]) &&
			    (a = find(p, i)) != (b = find(p, j)))
				p[a] = b;
}

START_TEST(test_distinct_matches_pairwise)
{
	struct px_ident	 id[40];
	size_t		 p[40], i, n;
	unsigned	 seed = 17u + (unsigned)_i;
	int		 want;

	n = (size_t)(rand_r(&seed) % 40) + 1;
	for (i = 0; i < n; i++) {
		id[i].id_key = pick(ids, 3, &seed, 3);
		id[i].np_key = pick(nps, 4, &seed, 3);
		id[i].name_key = pick(names, 4, &seed, 0);
	}
	classes_pairwise(id, n, p);
	for (i = 0, want = 0; i < n; i++)
		want += find(p, i) == i;
	ck_assert_int_eq(proactive_distinct_applicants(id, n), want);
}
END_TEST

START_TEST(test_trigger_matches_pairwise)
{
	struct proactive_member	 m[30];
	struct px_ident		 id[30];
	size_t			 p[30], mark[30], i, e, n;
	unsigned		 seed = 1000u + (unsigned)_i;
	int			 day[30], best = 0, c, from, got, met, disc = 0;
	int			 base = 0;

	ck_assert_int_eq(date_parse("2025-01-31", &base), 0);
	n = (size_t)(rand_r(&seed) % 30) + 1;
	memset(m, 0, sizeof(m));
	for (i = 0; i < n; i++) {
		day[i] = base + (int)(rand_r(&seed) % 800);
		date_format(day[i], m[i].received);
		m[i].id_key = (char *)pick(ids, 3, &seed, 3);
		m[i].np_key = (char *)pick(nps, 4, &seed, 3);
		m[i].name_key = (char *)pick(names, 4, &seed, 0);
		m[i].outcome = rand_r(&seed) % 5 == 0 ? (char *)"partial" :
		    NULL;
		disc |= m[i].outcome != NULL;
		id[i].id_key = m[i].id_key;
		id[i].np_key = m[i].np_key;
		id[i].name_key = m[i].name_key;
	}
	classes_pairwise(id, n, p);
	for (e = 0; e < n; e++) {
		from = proactive_months_back(day[e], 12);
		memset(mark, 0, sizeof(mark));
		for (i = 0, c = 0; i < n; i++)
			if (day[i] >= from && day[i] <= day[e] &&
			    mark[find(p, i)]++ == 0)
				c++;
		if (c > best)
			best = c;
	}
	met = proactive_trigger_met(m, n, 3, 12, &got);
	ck_assert_int_eq(got, best);
	ck_assert_int_eq(met, disc && best >= 3);
}
END_TEST

/*
 * The upkeep's idle probe: nothing waiting once every case is grouped,
 * a new case with its grouping deferred (the server's mode) is seen
 * and grouped by one sync, after which the next finds nothing.
 */
START_TEST(test_work_waiting)
{
	struct case_input in;
	struct store	*st;
	struct calendar	*cal;
	char		*dir, id[37], num[32], err[256];
	int		 today = test_day("2026-11-20"), any, grouped, pending;

	dir = test_tmpdir();
	st = test_store(dir);
	ck_assert_int_eq(calendar_install_builtin(st, today, err,
	    sizeof(err)), CM_OK);
	ck_assert_ptr_nonnull(cal = calendar_open(st));
	memset(&in, 0, sizeof(in));
	in.received = "2026-11-02";
	in.channel = "in_person";
	in.applicant = "张三";
	in.applicant_type = "person";
	in.request = "示范区2025年征地补偿安置方案";
	proactive_defer_grouping(1);
	ck_assert_int_eq(case_new(st, cal, &in, "clerk", today, id, num,
	    sizeof(num), err, sizeof(err)), CM_OK);
	proactive_defer_grouping(0);
	ck_assert_int_eq(store_px_work_waiting(st, &any), CM_OK);
	ck_assert_int_eq(any, 1);
	ck_assert_int_eq(proactive_sync(st, 5, &grouped, &pending), CM_OK);
	ck_assert_int_eq(grouped, 1);
	ck_assert_int_eq(pending, 0);
	ck_assert_int_eq(store_px_work_waiting(st, &any), CM_OK);
	ck_assert_int_eq(any, 0);
	ck_assert_int_eq(proactive_sync(st, 5, &grouped, &pending), CM_OK);
	ck_assert_int_eq(grouped, 0);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

Suite *
pxscale_suite(void)
{
	Suite	*s = suite_create("pxscale");
	TCase	*tc = tcase_create("pxscale");

	tcase_add_loop_test(tc, test_distinct_matches_pairwise, 0, 100);
	tcase_add_loop_test(tc, test_trigger_matches_pairwise, 0, 100);
	tcase_add_test(tc, test_work_waiting);
	suite_add_tcase(s, tc);
	return s;
}
