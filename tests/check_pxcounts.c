/* SPDX-License-Identifier: ISC */
/*
 * The counts stored on each Art. 44 group (issue 17): after random
 * intakes, links, unlinks, a rebuild and a new window setting, the
 * members, distinct applicants, latest receipt and the trigger's
 * window count that `proactive list` and the trigger read equal a full
 * recount from the members (proactive_groups_load,
 * proactive_trigger_met).
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/roles.h"
#include "ops/case_ops.h"
#include "ops/proactive.h"
#include "ops/worklist.h"
#include "store/records.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "tests/pxfix.h"
#include "tests/testutil.h"

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every listed group's stored counts equal the recount of its members,
 * and every group the recount lists is listed. */
static void
assert_counts(struct store *st, int months)
{
	struct px_group_sum	*s = NULL;
	struct proactive_group	*g = NULL;
	size_t			 ns = 0, ng = 0, i, k;
	int			 best;

	ck_assert_int_eq(proactive_groups_page(st, NULL, 0, -1, &s, &ns),
	    CM_OK);
	ck_assert_int_eq(proactive_groups_load(st, NULL, &g, &ng), CM_OK);
	ck_assert_uint_eq(ns, ng);
	for (i = 0; i < ng; i++) {
		for (k = 0; k < ns && s[k].id != g[i].id; k++)
			continue;
		ck_assert_msg(k < ns, "group %lld not listed",
		    (long long)g[i].id);
		ck_assert_int_eq(s[k].cases, (int)g[i].nm);
		ck_assert_int_eq(s[k].applicants, g[i].applicants);
		ck_assert_str_eq(s[k].last_received, g[i].nm > 0 ?
		    g[i].m[g[i].nm - 1].received : "");
		ck_assert_ptr_eq(s[k].status, g[i].status);
		(void)proactive_trigger_met(g[i].m, g[i].nm, 1, months, &best);
		ck_assert_int_eq(s[k].window, best);
	}
	proactive_group_sums_free(s, ns);
	proactive_groups_free(g, ng);
}

/* The stored class of member x of group g (0: x has no key). */
static int64_t
stored_class(sqlite3 *h, int64_t g, const struct proactive_member *x)
{
	sqlite3_stmt	*st;
	char		 key[600];
	int64_t		 c;

	if (x->id_key != NULL)
		snprintf(key, sizeof(key), "i%s", x->id_key);
	else if (x->np_key != NULL)
		snprintf(key, sizeof(key), "n%s", x->np_key);
	else if (x->name_key != NULL && x->name_key[0] != '\0')
		snprintf(key, sizeof(key), "m%s", x->name_key);
	else
		return 0;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT cls FROM px_class_keys"
	    " WHERE group_id = ?1 AND key = ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no class for %s", key);
	c = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	ck_assert_int_gt(c, 0);
	return c;
}

static int64_t
sql_int(sqlite3 *h, const char *q, int64_t a, int64_t b)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	ck_assert_msg(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK,
	    "%s", sqlite3_errmsg(h));
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The latest receipt stored for class c of group g. */
static const char *
class_day(sqlite3 *h, int64_t g, int64_t c)
{
	static char	 day[DATE_STRLEN];
	sqlite3_stmt	*st;

	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT last_day FROM"
	    " px_classes WHERE group_id = ?1 AND cls = ?2", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, c);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(day, sizeof(day), "%s", (const char *)sqlite3_column_text(st,
	    0));
	sqlite3_finalize(st);
	return day;
}

/*
 * The stored applicant classes of every group (px_class_keys,
 * px_classes) are its members' classes as proactive_applicant_classes
 * finds them: two members share a stored class exactly when they are
 * one applicant, each class's latest receipt is its members' latest,
 * no class is left over; and every member carries its case's identity
 * keys (the copy the recount reads).
 */
static void
assert_classes(struct pxfix *f)
{
	struct proactive_group	*g = NULL;
	struct px_ident		*id;
	sqlite3			*h;
	char			 db[600], last[DATE_STRLEN];
	int64_t			*c;
	size_t			*p, ng = 0, i, k, j, roots;

	snprintf(db, sizeof(db), "%s/f.db", f->dir);
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sql_int(h, "SELECT count(*) FROM proactive_members m"
	    " LEFT JOIN case_keys k ON k.case_id = m.case_id"
	    " WHERE m.id_key IS NOT k.id_key OR m.np_key IS NOT k.np_key"
	    " OR m.name_key IS NOT k.name_key", 0, 0), 0);
	ck_assert_int_eq(proactive_groups_load(f->st, NULL, &g, &ng), CM_OK);
	for (k = 0; k < ng; k++) {
		id = calloc(g[k].nm + 1, sizeof(*id));
		p = calloc(g[k].nm + 1, sizeof(*p));
		c = calloc(g[k].nm + 1, sizeof(*c));
		for (i = 0; i < g[k].nm; i++) {
			id[i].id_key = g[k].m[i].id_key;
			id[i].np_key = g[k].m[i].np_key;
			id[i].name_key = g[k].m[i].name_key;
			c[i] = stored_class(h, g[k].id, &g[k].m[i]);
		}
		proactive_applicant_classes(id, g[k].nm, p);
		for (i = 0, roots = 0; i < g[k].nm; i++) {
			for (j = 0; j < g[k].nm; j++)
				if (c[i] != 0 && c[j] != 0)
					ck_assert_int_eq(p[i] == p[j],
					    c[i] == c[j]);
			if (p[i] != i)
				continue;
			roots++;
			if (c[i] == 0)
				continue;
			last[0] = '\0';
			for (j = 0; j < g[k].nm; j++)
				if (p[j] == i && strcmp(g[k].m[j].received,
				    last) > 0)
					memcpy(last, g[k].m[j].received,
					    sizeof(last));
			ck_assert_str_eq(class_day(h, g[k].id, c[i]), last);
		}
		ck_assert_int_eq(sql_int(h, "SELECT count(*) FROM px_classes"
		    " WHERE group_id = ?1", g[k].id, 0),
		    (int64_t)roots);
		free(c);
		free(p);
		free(id);
	}
	proactive_groups_free(g, ng);
	sqlite3_close(h);
}

/* Pages of one group, by the last id seen, give the whole list. */
static void
assert_pages(struct store *st)
{
	struct px_group_sum	*all = NULL, *one = NULL;
	size_t			 na = 0, n1 = 0, i;
	int64_t			 after = 0;

	ck_assert_int_eq(proactive_groups_page(st, NULL, 0, -1, &all, &na),
	    CM_OK);
	ck_assert_uint_gt(na, 0);
	for (i = 0; i <= na; i++) {
		ck_assert_int_eq(proactive_groups_page(st, NULL, after, 1,
		    &one, &n1), CM_OK);
		if (i == na) {
			ck_assert_uint_eq(n1, 0);
			break;
		}
		ck_assert_uint_eq(n1, 1);
		ck_assert_int_eq(one[0].id, all[i].id);
		after = one[0].id;
		proactive_group_sums_free(one, n1);
	}
	proactive_group_sums_free(all, na);
}

START_TEST(test_stored_counts_equal_recount)
{
	static const char *const names[] = { "张三", "李四", "王五", "赵六" };
	static const char *const ids[] = { "110101199003074514",
	    "110101199003076334", NULL };
	static const char *const phones[] = { "13800000001", "13800000002",
	    NULL };
	struct proactive_settings set;
	struct pxfix	 f;
	char		 nums[40][32], day[16], req[128], err[256];
	unsigned	 seed = 4242u + (unsigned)_i;
	int		 i, a, b, nc = 0, cases, groups;

	pxfix_open(&f);
	for (i = 0; i < 40; i++) {
		if (i > 4 && rand_r(&seed) % 4 == 0) {
			a = (int)(rand_r(&seed) % (unsigned)nc);
			b = (int)(rand_r(&seed) % (unsigned)nc);
			if (a != b && rand_r(&seed) % 2 == 0)
				(void)proactive_link(f.st, nums[a], nums[b],
				    "officer", err, sizeof(err));
			else if (a != b)
				(void)proactive_unlink(f.st, nums[a],
				    nums[b], "officer", err, sizeof(err));
			assert_counts(f.st, 12);
			assert_classes(&f);
			continue;
		}
		snprintf(day, sizeof(day), "2026-%02u-%02u",
		    1 + rand_r(&seed) % 10, 1 + rand_r(&seed) % 28);
		snprintf(req, sizeof(req), "请公开示范教发〔2024〕%u号文件",
		    1 + rand_r(&seed) % 4);
		pxfix_case(&f, day, names[rand_r(&seed) % 4],
		    ids[rand_r(&seed) % 3], phones[rand_r(&seed) % 3], req,
		    nums[nc++]);
		assert_counts(f.st, 12);
		assert_classes(&f);
	}
	ck_assert_int_eq(proactive_rebuild(f.st, &cases, &groups), CM_OK);
	ck_assert_int_eq(cases, nc);
	assert_counts(f.st, 12);
	assert_classes(&f);
	assert_pages(f.st);
	/* A new window recounts every group's window count. */
	ck_assert_int_eq(proactive_settings_get(f.st, &set), CM_OK);
	set.window_months = 2;
	ck_assert_int_eq(proactive_settings_put(f.st, &set), CM_OK);
	assert_counts(f.st, 2);
	assert_classes(&f);
	pxfix_close(&f);
}
END_TEST

/*
 * A member joining a group whose counts are exact, received on or
 * after every other member and bridging no two applicants, updates
 * the counts without a recount of the group (store_px_join_apply);
 * the counts still equal a full recount after every intake, with
 * applicants known by ID number, by name and phone, both, or by name
 * alone, including a member without an ID number who joins two
 * applicants of one name and phone into one (a full recount).  Fails
 * if the incremental update is skipped (every join then recounts) or
 * wrong.
 */
START_TEST(test_join_incremental)
{
	static const char *const names[] = { "张三", "李四", "王五" };
	static const char *const ids[] = { "110101199003074514",
	    "110101199003076334", "11010119900307091X", NULL };
	static const char *const phones[] = { "13800000001", "13800000002",
	    NULL };
	struct proactive_settings set;
	struct pxfix	 f;
	char		 num[32], day[16];
	unsigned	 seed = 977u + (unsigned)_i;
	unsigned long	 before;
	int		 i, incremental = 0, joins = 0, months;

	pxfix_open(&f);
	months = _i % 2 == 0 ? 12 : 1;
	ck_assert_int_eq(proactive_settings_get(f.st, &set), CM_OK);
	set.window_months = months;
	ck_assert_int_eq(proactive_settings_put(f.st, &set), CM_OK);
	for (i = 0; i < 36; i++) {
		/* Receipts in order, some on the same day. */
		snprintf(day, sizeof(day), "2026-%02d-%02d", 1 + i / 4,
		    1 + (i % 4) * 7 - (i % 3 == 0 && i % 4 > 0 ? 7 : 0));
		before = store_px_recounts();
		pxfix_case(&f, day, names[rand_r(&seed) % 3],
		    ids[rand_r(&seed) % 4], phones[rand_r(&seed) % 3],
		    "请公开示范教发〔2024〕7号文件", num);
		assert_counts(f.st, months);
		assert_classes(&f);
		if (i < 2)
			continue;
		joins++;
		if (store_px_recounts() == before)
			incremental++;
	}
	/* Most joins are incremental; a bridge now and then recounts. */
	ck_assert_int_ge(incremental, joins * 2 / 3);
	pxfix_close(&f);
}
END_TEST

/* Exactly the joins that need no recount: a new applicant, the same
 * applicant again, one on the same day; a back-dated receipt recounts
 * the group, and so does a member bridging two applicants. */
START_TEST(test_join_fallbacks)
{
	static const char *const req = "请公开示范教发〔2024〕9号文件";
	struct pxfix	 f;
	char		 num[32];
	unsigned long	 before;

	pxfix_open(&f);
	pxfix_case(&f, "2026-03-01", "张三", "110101199003074514",
	    "13800000001", req, num);
	pxfix_case(&f, "2026-03-02", "李四", "110101199003076334",
	    "13800000002", req, num);
	assert_counts(f.st, 12);
	assert_classes(&f);
	before = store_px_recounts();
	pxfix_case(&f, "2026-03-05", "王五", NULL, "13800000003", req, num);
	pxfix_case(&f, "2026-03-05", "张三", "110101199003074514", NULL,
	    req, num);
	pxfix_case(&f, "2026-04-01", "王五", NULL, "13800000003", req, num);
	ck_assert_uint_eq(store_px_recounts(), before);
	assert_counts(f.st, 12);
	assert_classes(&f);
	/* Back-dated. */
	pxfix_case(&f, "2026-01-05", "赵六", NULL, "13800000004", req, num);
	ck_assert_uint_gt(store_px_recounts(), before);
	assert_counts(f.st, 12);
	assert_classes(&f);
	/* 张三's name and phone with another ID number: another
	 * applicant; then the same name and phone without an ID number:
	 * the two become one applicant (a merge of classes). */
	pxfix_case(&f, "2026-04-02", "张三", "11010119900307091X",
	    "13800000001", req, num);
	assert_counts(f.st, 12);
	assert_classes(&f);
	before = store_px_recounts();
	pxfix_case(&f, "2026-04-03", "张三", NULL, "13800000001", req, num);
	ck_assert_uint_gt(store_px_recounts(), before);
	assert_counts(f.st, 12);
	assert_classes(&f);
	pxfix_close(&f);
}
END_TEST

/* The id of case num. */
static const char *
case_id_of(struct pxfix *f, const char *num)
{
	static char		 id[37];
	struct proactive_member	 c;

	ck_assert_int_eq(store_px_case_row(f->st, num, &c), CM_OK);
	memcpy(id, c.case_id, sizeof(id));
	proactive_member_clear(&c);
	return id;
}

/* Corrects the registration data of case num (NULL: unchanged). */
static void
correct(struct pxfix *f, const char *num, const char *request,
    const char *phone, const char *idn)
{
	struct op_ctx		 ctx;
	struct correct_in	 in;
	struct correct_out	 out;
	struct op_refusal	 rf;

	memset(&ctx, 0, sizeof(ctx));
	ctx.st = f->st;
	ctx.cal = f->cal;
	ctx.actor = "clerk";
	ctx.role = ROLE_CLERK;
	ctx.today = f->today;
	memset(&in, 0, sizeof(in));
	in.case_key = num;
	in.request = request;
	in.phone = phone;
	if (idn != NULL) {
		in.id_type = idn[0] != '\0' ? "resident_id" : "";
		in.id_number = idn;
	}
	in.reason = "登记时录入错误";
	ck_assert_msg(op_case_correct(&ctx, &in, &out, &rf) == CM_OK, "%s: %s",
	    num, rf.msg);
	ck_assert_int_eq(proactive_sync(f->st, 0, NULL, NULL), CM_OK);
}

/*
 * A member leaving a group, or coming back, recounts the group (the
 * counts cannot follow a departure incrementally) but writes only the
 * class rows that changed: the other classes keep their labels.  The
 * same for a member whose identity changes.  The stored classes stay
 * those of a recount from scratch.  Fails if the recount rewrites the
 * group's classes (one row per class and per key: over 30 here).
 */
START_TEST(test_recount_writes_little)
{
	static const char *const req = "请公开示范教发〔2024〕7号文件";
	static const char *const names[] = { "张三", "李四", "王五", "赵六",
	    "钱七" };
	static const char *const ids[] = { "110101199003074514",
	    "110101199003076333", "110101199003070919", NULL };
	static const char *const phones[] = { "13800000001", "13800000002",
	    "13800000003" };
	struct pxfix	 f;
	char		 nums[30][32], day[16], how[16];
	unsigned long	 rc, w;
	int64_t		 g0, g;
	size_t		 i;

	pxfix_open(&f);
	for (i = 0; i < 30; i++) {
		snprintf(day, sizeof(day), "2026-%02zu-%02zu", 1 + i / 4,
		    1 + (i % 4) * 7);
		pxfix_case(&f, day, names[i % 5], ids[i % 4], phones[i % 3],
		    req, nums[i]);
	}
	assert_counts(f.st, 12);
	assert_classes(&f);
	ck_assert_int_eq(store_px_member_get(f.st, case_id_of(&f, nums[9]),
	    &g0, how, sizeof(how)), CM_OK);
	/* Out of the group: its request no longer names the document. */
	rc = store_px_recounts();
	w = store_px_class_writes();
	correct(&f, nums[9], "请公开示范区水库移民安置规划", NULL, NULL);
	ck_assert_int_eq(store_px_member_get(f.st, case_id_of(&f, nums[9]),
	    &g, NULL, 0), CM_NOTFOUND);
	ck_assert_uint_gt(store_px_recounts(), rc);
	ck_assert_uint_le(store_px_class_writes() - w, 4);
	assert_counts(f.st, 12);
	assert_classes(&f);
	/* Back in: a join received before the latest, a recount. */
	rc = store_px_recounts();
	w = store_px_class_writes();
	correct(&f, nums[9], req, NULL, NULL);
	ck_assert_int_eq(store_px_member_get(f.st, case_id_of(&f, nums[9]),
	    &g, NULL, 0), CM_OK);
	ck_assert_int_eq(g, g0);
	ck_assert_uint_gt(store_px_recounts(), rc);
	ck_assert_uint_le(store_px_class_writes() - w, 4);
	assert_counts(f.st, 12);
	assert_classes(&f);
	/* Another identity: an ID number taken away, a phone changed. */
	w = store_px_class_writes();
	correct(&f, nums[4], NULL, "13800000009", "");
	ck_assert_uint_le(store_px_class_writes() - w, 6);
	assert_counts(f.st, 12);
	assert_classes(&f);
	correct(&f, nums[7], NULL, "13800000001", ids[0]);
	assert_counts(f.st, 12);
	assert_classes(&f);
	pxfix_close(&f);
}
END_TEST

#define OLDCASE(n, req)							\
	"INSERT INTO cases (id, year, seq, number, applicant_id, channel,"	\
	" arrived_on, received_on, request, state, due, created_at,"	\
	" updated_at) VALUES ('00000000-0000-4000-8000-00000000000" n "',"	\
	" 2026, " n ", '2026-000" n "', 1, 'online', '2026-11-1" n "',"	\
	" '2026-11-1" n "', '" req "', 'received', '2026-12-16',"	\
	" '2026-11-18T00:00:00Z', '2026-11-18T00:00:00Z');"
#define OLDMEMBER(n)							\
	"INSERT INTO proactive_members (case_id, group_id, how, added_at)" \
	" VALUES ('00000000-0000-4000-8000-00000000000" n "', 1, 'doc',"	\
	" '2026-11-18T00:00:00Z');"

/*
 * A database of schema 34 upgraded: the members of a group carry their
 * cases' identity keys (migration 35 copies them; triggers keep them
 * from then on), and the recount of the group from that copy finds
 * its two applicants.
 */
START_TEST(test_upgrade_member_keys)
{
	sqlite3		*h;
	struct store	*st;
	struct px_group_sum *gs = NULL;
	struct proactive_settings set;
	char		*dir, db[600];
	size_t		 ng = 0;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	test_old_schema(h, 34);
	ck_assert_msg(sqlite3_exec(h,
	    "INSERT INTO applicants (id, type, name, created_at) VALUES"
	    " (1, 'person', '甲乙丙', '2026-11-18T00:00:00Z');"
	    OLDCASE("1", "请公开示范教发〔2024〕7号文件")
	    OLDCASE("2", "请公开示范教发〔2024〕7号文件")
	    OLDCASE("3", "请公开示范教发〔2024〕7号文件")
	    "UPDATE case_keys SET id_key = '110101199003074514',"
	    " np_key = '甲乙丙|13800000001', name_key = '甲乙丙'"
	    " WHERE case_id LIKE '%1';"
	    "UPDATE case_keys SET np_key = '甲乙丙|13800000002',"
	    " name_key = '甲乙丙' WHERE case_id LIKE '%2';"
	    "UPDATE case_keys SET np_key = '甲乙丙|13800000002',"
	    " name_key = '甲乙丙' WHERE case_id LIKE '%3';"
	    "INSERT INTO proactive_groups (id, key, label, created_at,"
	    " updated_at) VALUES (1, 'doc:示范教发〔2024〕7号', 'x',"
	    " '2026-11-18T00:00:00Z', '2026-11-18T00:00:00Z');"
	    OLDMEMBER("1") OLDMEMBER("2")
	    "PRAGMA user_version = 34;", NULL, NULL, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(h));
	sqlite3_close(h);

	st = test_store(dir);
	ck_assert_int_eq(store_schema_version(st), (int)migrations_count);
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sql_int(h, "SELECT count(*) FROM proactive_members"
	    " WHERE id_key = '110101199003074514'"
	    " AND np_key = '甲乙丙|13800000001' AND name_key = '甲乙丙'", 0,
	    0), 1);
	ck_assert_int_eq(sql_int(h, "SELECT count(*) FROM proactive_members"
	    " WHERE id_key IS NULL AND np_key = '甲乙丙|13800000002'", 0, 0),
	    1);
	/* Another writer: a member joins, one's keys change (the
	 * triggers); the store then recounts the group from the copy. */
	ck_assert_msg(sqlite3_exec(h, OLDMEMBER("3")
	    "UPDATE case_keys SET id_key = '110101199003076333'"
	    " WHERE case_id LIKE '%2';", NULL, NULL, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(h));
	ck_assert_int_eq(sql_int(h, "SELECT count(*) FROM proactive_members m"
	    " JOIN case_keys k ON k.case_id = m.case_id"
	    " WHERE m.id_key IS k.id_key AND m.np_key IS k.np_key"
	    " AND m.name_key IS k.name_key", 0, 0), 3);
	sqlite3_close(h);
	/* A store write commits the recount (a setting: every group). */
	ck_assert_int_eq(proactive_settings_get(st, &set), CM_OK);
	ck_assert_int_eq(proactive_settings_put(st, &set), CM_OK);
	ck_assert_int_eq(proactive_groups_page(st, NULL, 0, -1, &gs, &ng),
	    CM_OK);
	ck_assert_uint_eq(ng, 1);
	ck_assert_int_eq(gs[0].cases, 3);
	/* 甲乙丙 by ID ...4514; by ID ...6333 with phone ...02; and by
	 * phone ...02 alone, the bucket's other member: one applicant. */
	ck_assert_int_eq(gs[0].applicants, 2);
	proactive_group_sums_free(gs, ng);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/* The groups as text: each group's member numbers, groups sorted. */
static char *
groups_text(struct store *st)
{
	struct proactive_group	*g = NULL;
	size_t			 ng = 0, i, k;
	char			**line, *out;
	size_t			 len = 1, off = 0;

	ck_assert_int_eq(proactive_groups_load(st, NULL, &g, &ng), CM_OK);
	line = calloc(ng + 1, sizeof(*line));
	for (i = 0; i < ng; i++) {
		line[i] = calloc(1, 64 * (g[i].nm + 1) + 32);
		snprintf(line[i], 32, "%d:", g[i].applicants);
		for (k = 0; k < g[i].nm; k++) {
			strcat(line[i], g[i].m[k].number);
			strcat(line[i], g[i].m[k].how != NULL ? g[i].m[k].how :
			    "-");
			strcat(line[i], " ");
		}
		len += strlen(line[i]) + 1;
	}
	qsort(line, ng, sizeof(*line), str_cmp);
	out = calloc(1, len);
	for (i = 0; i < ng; i++) {
		off += (size_t)sprintf(out + off, "%s\n", line[i]);
		free(line[i]);
	}
	free(line);
	proactive_groups_free(g, ng);
	return out;
}

/*
 * The server's upkeep (proactive_sync in batches: matches searched in
 * a read snapshot, each case then written in a transaction of its own)
 * groups exactly as grouping each case right after its intake.
 */
START_TEST(test_snapshot_sync_same_groups)
{
	static const char *const reqs[] = {
	    "请公开示范区2025年征地补偿安置方案",
	    "申请公开示范区2025年征地补偿安置方案全文",
	    "请公开示范教发〔2024〕7号文件",
	    "请提供示范教发〔2024〕7号文件及附件",
	    "请公开示范区2024年棚户区改造计划",
	    "申请公开示范区2024年棚户区改造计划及资金安排",
	    "请公开本人的社保缴费记录" };
	struct pxfix	 a, b;
	char		 num[32], day[16], *ta, *tb, name[16];
	unsigned	 seed = 31u + (unsigned)_i;
	int		 i, r, grouped, pending, rounds = 0;

	pxfix_open(&a);
	pxfix_open(&b);
	for (i = 0; i < 24; i++) {
		snprintf(day, sizeof(day), "2026-%02d-%02d", 1 + i / 3,
		    1 + i % 3 * 9);
		snprintf(name, sizeof(name), "申请人%d", (int)(rand_r(&seed) %
		    6));
		r = (int)(rand_r(&seed) % (sizeof(reqs) / sizeof(reqs[0])));
		pxfix_case(&a, day, name, NULL, NULL, reqs[r], num);
		proactive_defer_grouping(1);
		pxfix_case(&b, day, name, NULL, NULL, reqs[r], num);
		proactive_defer_grouping(0);
	}
	do {
		ck_assert_int_eq(proactive_sync(b.st, 1 + _i, &grouped,
		    &pending), CM_OK);
		ck_assert_int_le(grouped, 1 + _i);
		ck_assert_int_lt(rounds++, 30);
	} while (pending > 0);
	ta = groups_text(a.st);
	tb = groups_text(b.st);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_nonnull(strchr(ta, '\n'));
	assert_counts(b.st, 12);
	free(ta);
	free(tb);
	pxfix_close(&a);
	pxfix_close(&b);
}
END_TEST

/*
 * A trigram's rarity counted among the newest rows of the index equals
 * the vocabulary's count when the window holds the whole index, and
 * counts only the newest rows when it does not.
 */
START_TEST(test_term_docs_window)
{
	static const char *const terms[] = { "示范区", "征地补", "025",
	    "棚户区", "无此词" };
	struct pxfix	 f;
	char		 num[32];
	size_t		 i;
	int		 all, win, one;

	pxfix_open(&f);
	pxfix_case(&f, "2026-03-01", "张三", NULL, "13800000001",
	    "示范区2025年征地补偿安置方案", num);
	pxfix_case(&f, "2026-03-02", "李四", NULL, "13800000002",
	    "示范区2024年棚户区改造计划", num);
	pxfix_case(&f, "2026-03-03", "王五", NULL, "13800000003",
	    "示范区2025年征地补偿标准", num);
	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		ck_assert_int_eq(store_px_term_docs(f.st, terms[i], 0, &all),
		    CM_OK);
		ck_assert_int_eq(store_px_term_docs(f.st, terms[i], 20000,
		    &win), CM_OK);
		ck_assert_int_eq(win, all);
	}
	ck_assert_int_eq(store_px_term_docs(f.st, "示范区", 0, &all), CM_OK);
	ck_assert_int_eq(all, 3);
	/* The newest row only: the third request. */
	ck_assert_int_eq(store_px_term_docs(f.st, "示范区", 1, &one), CM_OK);
	ck_assert_int_eq(one, 1);
	ck_assert_int_eq(store_px_term_docs(f.st, "棚户区", 1, &one), CM_OK);
	ck_assert_int_eq(one, 0);
	pxfix_close(&f);
}
END_TEST

/*
 * The oldest members a joining case is compared with come from the
 * index alone (store/schema_px.h): their texts there follow the cases
 * when a request is corrected, they come oldest first, and a trigram's
 * count stops at the cap asked for.  Fails if the triggers that copy
 * the texts are missing or stale.
 */
START_TEST(test_head_texts_follow_cases)
{
	static const char *const req = "示范区2025年征地补偿安置方案";
	static const char *const fixed = "示范区2025年征地补偿安置方案及附图";
	struct proactive_member	*m = NULL, c;
	struct op_ctx		 ctx;
	struct correct_in	 in;
	struct correct_out	 out;
	struct op_refusal	 rf;
	struct pxfix		 f;
	char			 n1[32], n2[32], n3[32], how[16];
	size_t			 n = 0, i;
	int64_t			 g, g3;
	int			 docs;

	pxfix_open(&f);
	pxfix_case(&f, "2026-03-02", "李四", NULL, "13800000002", req, n2);
	pxfix_case(&f, "2026-03-01", "张三", NULL, "13800000001", req, n1);
	pxfix_case(&f, "2026-03-03", "王五", NULL, "13800000003", req, n3);
	ck_assert_int_eq(store_px_case_row(f.st, n1, &c), CM_OK);
	ck_assert_int_eq(store_px_member_get(f.st, c.case_id, &g, how,
	    sizeof(how)), CM_OK);
	proactive_member_clear(&c);
	ck_assert_int_eq(store_px_case_row(f.st, n3, &c), CM_OK);
	ck_assert_int_eq(store_px_member_get(f.st, c.case_id, &g3, NULL, 0),
	    CM_OK);
	proactive_member_clear(&c);
	ck_assert_int_eq(g, g3);
	memset(&ctx, 0, sizeof(ctx));
	ctx.st = f.st;
	ctx.cal = f.cal;
	ctx.actor = "clerk";
	ctx.role = ROLE_CLERK;
	ctx.today = f.today;
	memset(&in, 0, sizeof(in));
	in.case_key = n2;
	in.request = fixed;
	in.applicant = "李四";
	in.phone = "13800000002";
	in.reason = "登记时录入错误";
	ck_assert_msg(op_case_correct(&ctx, &in, &out, &rf) == CM_OK, "%s",
	    rf.msg);
	ck_assert_int_eq(proactive_sync(f.st, 0, NULL, NULL), CM_OK);
	ck_assert_int_eq(store_px_group_head(f.st, g, 200, &m, &n), CM_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(m[0].number, n1);
	ck_assert_str_eq(m[0].received, "2026-03-01");
	ck_assert_str_eq(m[1].number, n2);
	ck_assert_str_eq(m[2].number, n3);
	ck_assert_str_eq(m[1].request, fixed);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(m[i].request, i == 1 ? fixed : req);
		ck_assert_str_eq(m[i].doc_number, "");
		ck_assert_ptr_nonnull(m[i].how);
	}
	proactive_members_free(m, n);
	/* Only the two oldest. */
	ck_assert_int_eq(store_px_group_head(f.st, g, 2, &m, &n), CM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(m[1].number, n2);
	proactive_members_free(m, n);
	/* "示范区" is in all three requests: capped at two, all at 0. */
	ck_assert_int_eq(store_px_term_count(f.st, "示范区", 3, 20000, 2,
	    &docs), CM_OK);
	ck_assert_int_eq(docs, 2);
	ck_assert_int_eq(store_px_term_count(f.st, "示范区", 3, 20000, 0,
	    &docs), CM_OK);
	ck_assert_int_eq(docs, 3);
	pxfix_close(&f);
}
END_TEST

/*
 * The dashboard's counts, cached per database version: a case opened
 * through this connection, or through another one (the server's
 * writer beside a worker's reader), shows at once; a reader that
 * never opened a write transaction sees the other's commit.
 */
START_TEST(test_dash_cache_sees_commits)
{
	struct pxfix		 f;
	struct dash_counts	 d;
	struct store		*other, *ro;
	char			 path[512], num[32];

	pxfix_open(&f);
	snprintf(path, sizeof(path), "%s/f.db", f.dir);
	ck_assert_int_eq(store_open_readonly(path, &ro), CM_OK);
	ck_assert_int_eq(worklist_dashboard(f.st, f.cal, f.today, "clerk",
	    &d), CM_OK);
	ck_assert_int_eq(d.total, 0);
	ck_assert_int_eq(worklist_dashboard(ro, f.cal, f.today, "clerk",
	    &d), CM_OK);
	ck_assert_int_eq(d.total, 0);
	pxfix_case(&f, "2026-11-02", "张三", NULL, "13800000001",
	    "示范区2025年征地补偿安置方案", num);
	ck_assert_int_eq(worklist_dashboard(f.st, f.cal, f.today, "clerk",
	    &d), CM_OK);
	ck_assert_int_eq(d.total, 1);
	ck_assert_int_eq(d.open, 1);
	ck_assert_int_eq(worklist_dashboard(ro, f.cal, f.today, "clerk",
	    &d), CM_OK);
	ck_assert_int_eq(d.total, 1);
	/* Another connection's commit. */
	ck_assert_int_eq(store_open(path, &other), CM_OK);
	store_close(f.st);
	f.st = other;
	pxfix_case(&f, "2026-11-03", "李四", NULL, "13800000002",
	    "示范区2026年棚户区改造计划", num);
	ck_assert_int_eq(worklist_dashboard(ro, f.cal, f.today, "clerk",
	    &d), CM_OK);
	ck_assert_int_eq(d.total, 2);
	/* Another day is another key. */
	ck_assert_int_eq(worklist_dashboard(ro, f.cal, f.today + 400,
	    "clerk", &d), CM_OK);
	ck_assert_int_eq(d.overdue, 2);
	store_close(ro);
	pxfix_close(&f);
}
END_TEST

Suite *
pxcounts_suite(void)
{
	Suite	*s = suite_create("pxcounts");
	TCase	*tc = tcase_create("pxcounts");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_stored_counts_equal_recount, 0, 4);
	tcase_add_loop_test(tc, test_join_incremental, 0, 4);
	tcase_add_test(tc, test_join_fallbacks);
	tcase_add_test(tc, test_recount_writes_little);
	tcase_add_test(tc, test_upgrade_member_keys);
	tcase_add_loop_test(tc, test_snapshot_sync_same_groups, 0, 3);
	tcase_add_test(tc, test_term_docs_window);
	tcase_add_test(tc, test_head_texts_follow_cases);
	tcase_add_test(tc, test_dash_cache_sees_commits);
	suite_add_tcase(s, tc);
	return s;
}
