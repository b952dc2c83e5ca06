/* SPDX-License-Identifier: ISC */
/*
 * The search index queue (issue 17 item 5, store/store_ftsq.c): a new
 * case's rows in case_fts and case_gram_fts are written once, before
 * the outermost commit, from the case's values then.  Several intakes
 * and corrections in one transaction (as a batch of the server's
 * writer) leave both indexes sound (FTS5 'integrity-check') and
 * finding the final texts only, the one- and two-character index
 * agreeing with a plain scan; a search inside the transaction finds
 * the cases it queued; a transaction or savepoint rolled back leaves
 * no queue row and no index row; cases inserted, changed, renamed and
 * deleted by another writer (the sqlite3 shell) in one transaction
 * are indexed by the next store_open(); the command line finds a case
 * right after its intake.  Deferred (the server's writer,
 * store_fts_defer), commits leave the cases queued until enough wait,
 * and the search finds them meanwhile by a scan of the queue.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cases/calendar.h"
#include "cases/roles.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "ops/proactive.h"
#include "ops/worklist.h"
#include "store/schema.h"
#include "store/schema_fts.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "util/buf.h"

static char		*dir;
static struct store	*st;
static struct calendar	*cal;

static void
setup(void)
{
	dir = test_tmpdir();
	st = test_store(dir);
	cal = test_calendar();
	/* As in the server: intake does not search (the upkeep groups). */
	proactive_defer_grouping(1);
}

static void
teardown(void)
{
	proactive_defer_grouping(0);
	store_close(st);
	calendar_free(cal);
	test_rmdir(dir);
}

static void
intake(const char *name, const char *request, const char *idn,
    char num[32])
{
	struct case_input in;
	char		 id[37], err[256];

	memset(&in, 0, sizeof(in));
	in.received = "2026-11-18";
	in.channel = "online";
	in.applicant = name;
	in.applicant_type = "person";
	in.request = request;
	if (idn != NULL) {
		in.id_type = "resident_id";
		in.id_number = idn;
	}
	in.phone = "13912345678";
	ck_assert_msg(case_new(st, cal, &in, "clerk", test_day("2026-11-20"),
	    id, num, 32, err, sizeof(err)) == CM_OK, "%s", err);
}

/* Corrects the request text and applicant name of a case. */
static void
correct(const char *key, const char *name, const char *request)
{
	struct op_ctx	 ctx;
	struct correct_in in;
	struct correct_out out;
	struct op_refusal rf;

	memset(&ctx, 0, sizeof(ctx));
	ctx.st = st;
	ctx.cal = cal;
	ctx.actor = "clerk";
	ctx.role = ROLE_CLERK;
	ctx.today = test_day("2026-11-20");
	memset(&in, 0, sizeof(in));
	in.case_key = key;
	in.request = request;
	in.applicant = name;
	in.phone = "13912345678";
	in.reason = "登记时录入错误";
	ck_assert_msg(op_case_correct(&ctx, &in, &out, &rf) == CM_OK, "%s",
	    rf.msg);
}

static int
got_row(const struct list_row *r, void *arg)
{
	buf_printf(arg, "%s,", r->number);
	return 0;
}

/* The numbers the search box finds for q. */
static char *
search(const char *q)
{
	struct buf	 b;

	buf_init(&b);
	ck_assert_int_eq(worklist_search(st, q, 100, got_row, &b), CM_OK);
	return buf_release(&b);
}

#define FINDS(q, num)	do {						\
		char *s_ = search(q);					\
		ck_assert_msg(strstr(s_, num) != NULL,			\
		    "query %s: got %s, want %s", q, s_, num);		\
		free(s_);						\
	} while (0)
#define MISSES(q, num)	do {						\
		char *s_ = search(q);					\
		ck_assert_msg(strstr(s_, num) == NULL,			\
		    "query %s: got %s, must not have %s", q, s_, num);	\
		free(s_);						\
	} while (0)

static int64_t
queued(void)
{
	int64_t		 n = -1;

	ck_assert_int_eq(store_fts_queued(st, &n), CM_OK);
	return n;
}

/* FTS5's own check of both indexes, from another connection. */
static void
sound(void)
{
	char		 cmd[1024];

	snprintf(cmd, sizeof(cmd), "sqlite3 -bail '%s/f.db'"
	    " \"INSERT INTO case_fts (case_fts, rank) VALUES"
	    " ('integrity-check', 1); INSERT INTO case_gram_fts"
	    " (case_gram_fts, rank) VALUES ('integrity-check', 1);"
	    " SELECT count(*) FROM fts_queue;\" | grep -qx 0", dir);
	ck_assert_msg(system(cmd) == 0, "an index is unsound or the queue"
	    " is not empty");
}

/* One- and two-character queries: the index finds what a scan finds,
 * each case once. */
static void
grams_agree(const char *const *q, size_t n)
{
	struct buf	 x, y;
	size_t		 i;

	for (i = 0; i < n; i++) {
		buf_init(&x);
		buf_init(&y);
		ck_assert_int_eq(worklist_search_short(st, q[i], 5000, 0,
		    got_row, &x), CM_OK);
		ck_assert_int_eq(worklist_search_short(st, q[i], 5000, 1,
		    got_row, &y), CM_OK);
		ck_assert_msg(strcmp(buf_str(&x), buf_str(&y)) == 0,
		    "%s: index %s, scan %s", q[i], buf_str(&x), buf_str(&y));
		buf_clear(&x);
		buf_clear(&y);
	}
}

/* Intakes and corrections in one transaction (a writer batch): the
 * corrections of queued cases reach the indexes through the flush, a
 * case flushed by a search inside the transaction through the triggers
 * again. */
START_TEST(test_batch)
{
	static const char *const q[] = {
		"甲", "乙", "甲乙", "丁", "丁戊", "征", "征地", "规划", "庚",
		"庚辛", "道", "道路", "子", "卯", "案",
	};
	char		 a[32], b[32], c[32];

	ck_assert_int_eq(store_begin(st), CM_OK);
	intake("甲乙丙", "请公开征地补偿方案", "110101199003070011", a);
	intake("甲乙丙", "请公开庚辛文件目录", "110101199003070011", b);
	ck_assert_str_eq(a, "2026-0001");
	ck_assert_int_eq(queued(), 2);
	correct(a, "丁戊己", "请公开规划许可证附图");
	ck_assert_int_eq(queued(), 2);
	/* A search in the transaction finds the queued case's texts. */
	FINDS("规划许可证", a);
	MISSES("征地补偿", a);
	ck_assert_int_eq(queued(), 0);
	/* Flushed: a correction goes through the triggers again. */
	correct(a, "子丑卯", "请公开道路养护文件");
	intake("甲乙丙", "请公开征地补偿标准", NULL, c);
	ck_assert_int_eq(queued(), 1);
	ck_assert_int_eq(store_commit(st), CM_OK);
	ck_assert_int_eq(queued(), 0);
	sound();
	FINDS("道路养护", a);
	FINDS("子丑卯", a);
	MISSES("规划许可", a);
	MISSES("丁戊己", a);
	MISSES("征地补偿", a);
	FINDS("庚辛文件", b);
	FINDS("甲乙丙", b);
	FINDS("征地补偿", c);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
}
END_TEST

/* A transaction rolled back, and a savepoint rolled back inside one
 * that commits: no queue row and no index row of the cases undone; a
 * flush undone with its savepoint is done again at the commit. */
START_TEST(test_rollback)
{
	static const char *const q[] = { "征", "征地", "庚", "道", "道路" };
	char		 a[32], b[32];

	ck_assert_int_eq(store_begin(st), CM_OK);
	intake("甲乙丙", "请公开征地补偿方案", NULL, a);
	ck_assert_int_eq(queued(), 1);
	store_rollback(st);
	ck_assert_int_eq(queued(), 0);
	MISSES("征地补偿", "2026-");
	sound();

	ck_assert_int_eq(store_begin(st), CM_OK);
	intake("甲乙丙", "请公开征地补偿方案", NULL, a);
	ck_assert_int_eq(store_begin(st), CM_OK);	/* a failing op */
	intake("戊己庚", "请公开庚辛文件目录", NULL, b);
	ck_assert_int_eq(queued(), 2);
	store_rollback(st);
	ck_assert_int_eq(queued(), 1);
	ck_assert_int_eq(store_commit(st), CM_OK);
	ck_assert_int_eq(queued(), 0);
	sound();
	FINDS("征地补偿", a);
	MISSES("庚辛文件", "2026-");

	ck_assert_int_eq(store_begin(st), CM_OK);
	intake("戊己庚", "请公开道路养护文件", NULL, b);
	ck_assert_int_eq(store_begin(st), CM_OK);
	FINDS("道路养护", b);		/* flushed in the savepoint */
	ck_assert_int_eq(queued(), 0);
	store_rollback(st);
	ck_assert_int_eq(queued(), 1);
	ck_assert_int_eq(store_commit(st), CM_OK);
	sound();
	FINDS("道路养护", b);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
}
END_TEST

/* Another writer in one transaction: two cases inserted (queued, the
 * store not involved), one's request changed, the applicant both
 * share with an indexed case renamed, the other deleted and a third
 * inserted under its rowid.  The next store_open() indexes them. */
START_TEST(test_shell_transaction)
{
	static const char *const q[] = {
		"甲", "甲乙", "丑", "丑寅", "河", "河道", "水", "矿", "沙",
		"征", "征地",
	};
	char		 a[32], cmd[2048];

	intake("甲乙丙", "请公开征地补偿方案", "110101199003070011", a);
#define COPY(id, seq, req)						\
	"INSERT INTO cases (id, year, seq, number, applicant_id, channel,"	\
	" arrived_on, received_on, request, state, due, created_at,"	\
	" updated_at) SELECT '00000000-0000-4000-8000-0000000000" id "',"	\
	" 2026, " seq ", '2026-00" seq "', applicant_id, channel,"	\
	" arrived_on, received_on, '" req "', state, due, created_at,"	\
	" updated_at FROM cases WHERE number = '2026-0001';"
	snprintf(cmd, sizeof(cmd), "sqlite3 -bail '%s/f.db' \"BEGIN;"
	    COPY("91", "91", "请公开水库移民安置规划")
	    COPY("92", "92", "请公开矿山复绿方案")
	    " UPDATE cases SET request = '请公开河道整治工程'"
	    " WHERE number = '2026-0091';"
	    " UPDATE applicants SET name = '丑寅卯' WHERE id ="
	    " (SELECT applicant_id FROM cases WHERE number = '2026-0001');"
	    " DELETE FROM cases WHERE number = '2026-0092';"
	    COPY("93", "93", "请公开采沙许可名单")
	    " COMMIT; SELECT count(*) FROM fts_queue;\" | grep -qx 2", dir);
	ck_assert_int_eq(system(cmd), 0);
	store_close(st);
	st = test_store(dir);
	sound();
	FINDS("河道整治", "2026-0091");
	FINDS("丑寅卯", "2026-0091");
	FINDS("丑寅卯", "2026-0001");
	FINDS("采沙许可", "2026-0093");
	MISSES("水库移民", "2026-");
	MISSES("矿山复绿", "2026-");
	MISSES("甲乙丙", "2026-");
	grams_agree(q, sizeof(q) / sizeof(q[0]));
}
END_TEST

/*
 * Deferred, as by the server's writer (store_fts_defer): commits leave
 * the cases queued while fewer than the bound wait, and every search
 * finds them meanwhile (three characters and more, ASCII case folded
 * as the trigram index does; one and two, as a scan), with their
 * corrected texts; the commit that fills the queue to the bound, the
 * writer's catch-up and the Art. 44 grouping (which counts documents
 * through the index) each write the rows, and both indexes are sound.
 */
START_TEST(test_deferred)
{
	static const char *const q[] = {
		"甲", "甲乙", "征", "征地", "规", "规划", "丁", "丁戊", "道",
		"庚", "Q", "Qx",
	};
	char		 a[32], b[32], c[32], d[32];
	int		 grouped = 0, pending = 0;

	store_fts_defer(st, 3);
	intake("甲乙丙", "请公开征地补偿方案", "110101199003070011", a);
	intake("戊己庚", "请公开Qx-7号道路的养护文件", NULL, b);
	ck_assert_int_eq(queued(), 2);
	ck_assert_int_eq(store_fts_behind(st), 1);
	FINDS("征地补偿", a);
	FINDS("甲乙丙", a);
	FINDS("2026-0001", a);
	FINDS("qX-7号", b);
	MISSES("征地补偿", b);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	/* Corrected while queued: found by the new texts only, then and
	 * once indexed. */
	correct(a, "丁戊己", "请公开规划许可证附图");
	ck_assert_int_eq(queued(), 2);
	FINDS("规划许可证", a);
	FINDS("丁戊己", a);
	MISSES("征地补偿", a);
	MISSES("甲乙丙", a);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	/* The third fills the queue to the bound: this commit writes. */
	intake("甲乙丙", "请公开征地补偿标准", NULL, c);
	ck_assert_int_eq(queued(), 0);
	ck_assert_int_eq(store_fts_behind(st), 0);
	sound();
	FINDS("规划许可证", a);
	MISSES("征地补偿方案", a);
	FINDS("qX-7号", b);
	FINDS("征地补偿", c);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	/* The writer's catch-up when idle. */
	intake("子丑寅", "请公开征地补偿款发放名册", NULL, d);
	ck_assert_int_eq(queued(), 1);
	ck_assert_int_eq(store_fts_catch_up(st), CM_OK);
	ck_assert_int_eq(queued(), 0);
	ck_assert_int_eq(store_fts_behind(st), 0);
	sound();
	FINDS("发放名册", d);
	/* The grouping catches up first. */
	intake("寅卯辰", "请公开征地补偿款发放名册", NULL, d);
	ck_assert_int_eq(queued(), 1);
	ck_assert_int_eq(proactive_sync(st, 0, &grouped, &pending), CM_OK);
	ck_assert_int_eq(queued(), 0);
	ck_assert_int_eq(pending, 0);
	ck_assert_int_ge(grouped, 1);
	sound();
	FINDS("寅卯辰", d);
}
END_TEST

/*
 * A database of schema 33 (case_fts with its own copy of the texts,
 * its rowid not the case's) upgraded: two cases indexed as the old
 * flush did, a third still queued.  After store_open() (migration 34
 * and the leftover flush) case_fts reads cases, both indexes are
 * sound (FTS5 checks the index against its content, the view), every
 * case is found, and a correction and an applicant's rename reach the
 * index through the new triggers.
 */
START_TEST(test_upgrade_external_content)
{
	static const char *const q[] = { "征", "征地", "河", "河道", "沙" };
	sqlite3		*h;
	char		 db[600], cmd[1400];

	store_close(st);
	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(unlink(db), 0);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	test_old_schema(h, 33);
#define OLDCASE(n, req)							\
	"INSERT INTO cases (id, year, seq, number, applicant_id, channel,"	\
	" arrived_on, received_on, request, state, due, created_at,"	\
	" updated_at) VALUES ('00000000-0000-4000-8000-00000000000" n "',"	\
	" 2026, " n ", '2026-000" n "', 1, 'online', '2026-11-18',"	\
	" '2026-11-18', '" req "', 'received', '2026-12-16',"		\
	" '2026-11-18T00:00:00Z', '2026-11-18T00:00:00Z');"
	ck_assert_msg(sqlite3_exec(h,
	    "INSERT INTO applicants (id, type, name, created_at) VALUES"
	    " (1, 'person', '甲乙丙', '2026-11-18T00:00:00Z');"
	    OLDCASE("1", "请公开征地补偿方案")
	    OLDCASE("2", "请公开河道整治工程")
	    /* The flush of schema 33. */
	    "INSERT INTO case_fts (case_id, number, applicant, request,"
	    " doc_number) SELECT c.id, c.number, (SELECT name FROM"
	    " applicants WHERE id = c.applicant_id), c.request, c.doc_number"
	    " FROM fts_queue q JOIN cases c ON c.rowid = q.case_rowid"
	    " ORDER BY q.case_rowid;"
	    FTSQ_FLUSH_GRAMS_SQL ";"
	    "DELETE FROM fts_queue;"
	    OLDCASE("3", "请公开采沙许可名单")
	    "PRAGMA user_version = 33;", NULL, NULL, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(h));
	sqlite3_close(h);

	st = test_store(dir);
	ck_assert_int_eq(store_schema_version(st), (int)migrations_count);
	ck_assert_int_eq(queued(), 0);
	sound();
	FINDS("征地补偿", "2026-0001");
	FINDS("河道整治", "2026-0002");
	FINDS("采沙许可", "2026-0003");
	FINDS("甲乙丙", "2026-0003");
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	/* Changed by another writer (the triggers, as for a correction
	 * and an applicant's rename). */
	snprintf(cmd, sizeof(cmd), "sqlite3 -bail '%s' \"UPDATE cases SET"
	    " request = '请公开水库移民安置规划' WHERE number = '2026-0002';"
	    " UPDATE applicants SET name = '丁戊己' WHERE id = 1;"
	    " DELETE FROM cases WHERE number = '2026-0003';\"", db);
	ck_assert_int_eq(system(cmd), 0);
	sound();
	FINDS("水库移民", "2026-0002");
	FINDS("丁戊己", "2026-0002");
	FINDS("丁戊己", "2026-0001");
	MISSES("河道整治", "2026-");
	MISSES("甲乙丙", "2026-");
	MISSES("采沙许可", "2026-");
	grams_agree(q, sizeof(q) / sizeof(q[0]));
}
END_TEST

/* The tokens case_gram_fts holds for the case numbered num (read with
 * fts5vocab), and those the triggers' SQL expression computes for it
 * (CASE_GRAMSTR), each set sorted, lower case (the "ascii" tokenizer
 * folds the hex). */
static void
grams_same(const char *num)
{
	static const char *const q[2] = {
	    "SELECT group_concat(term, ' ') FROM (SELECT DISTINCT term"
	    " FROM temp.gi WHERE doc = (SELECT year * 10000000 + seq FROM"
	    " cases WHERE number = ?1) ORDER BY term)",
	    "WITH RECURSIVE t (g) AS (SELECT " CASE_GRAMSTR("c")
	    " FROM cases c WHERE number = ?1),"
	    " s (rest, tok) AS (SELECT g || ' ', NULL FROM t UNION ALL"
	    " SELECT substr(rest, instr(rest, ' ') + 1),"
	    " lower(substr(rest, 1, instr(rest, ' ') - 1)) FROM s"
	    " WHERE rest <> '')"
	    " SELECT group_concat(tok, ' ') FROM (SELECT DISTINCT tok FROM s"
	    " WHERE tok IS NOT NULL ORDER BY tok)",
	};
	sqlite3		*h;
	sqlite3_stmt	*ps;
	char		 db[600], *v[2];
	int		 i;

	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "CREATE VIRTUAL TABLE temp.gi USING"
	    " fts5vocab (main, 'case_gram_fts', 'instance')", NULL, NULL,
	    NULL), SQLITE_OK);
	for (i = 0; i < 2; i++) {
		ck_assert_msg(sqlite3_prepare_v2(h, q[i], -1, &ps, NULL) ==
		    SQLITE_OK, "%s", sqlite3_errmsg(h));
		sqlite3_bind_text(ps, 1, num, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(ps), SQLITE_ROW);
		v[i] = strdup(sqlite3_column_type(ps, 0) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(ps, 0));
		sqlite3_finalize(ps);
	}
	sqlite3_close(h);
	ck_assert_msg(v[0][0] != '\0', "%s: no tokens", num);
	ck_assert_msg(strcmp(v[0], v[1]) == 0, "%s: index %s, SQL %s", num,
	    v[0], v[1]);
	free(v[0]);
	free(v[1]);
}

/*
 * The flush computes a case's grams in C (fts_grams), the triggers in
 * SQL (CASE_GRAMSTR): the same tokens for texts of one to four bytes a
 * character, ASCII, a single character, a name of one; and a
 * correction by the triggers then finds exactly the rows the flush
 * wrote (both indexes sound, the grams agreeing with a scan).
 */
START_TEST(test_grams_c_as_sql)
{
	static const char *const q[] = {
		"征", "A", "b1", "é", "😀", "😀中", "Ωx", "丙", "甲乙", "道",
	};
	char		 a[32], b[32], c[32], cmd[1024];

	intake("丙", "征", NULL, a);
	intake("Ab1-é", "请公开Ωx😀中文和AB-12号文件", NULL, b);
	intake("甲乙丙丁", "请公开2026年道路养护文件", NULL, c);
	ck_assert_int_eq(queued(), 0);
	grams_same(a);
	grams_same(b);
	grams_same(c);
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	snprintf(cmd, sizeof(cmd), "sqlite3 -bail '%s/f.db' \"UPDATE cases"
	    " SET request = '请公开征地补偿😀方案' WHERE number = '%s';"
	    " UPDATE applicants SET name = '乙' WHERE id = (SELECT"
	    " applicant_id FROM cases WHERE number = '%s');\"", dir, b, a);
	ck_assert_int_eq(system(cmd), 0);
	sound();
	grams_agree(q, sizeof(q) / sizeof(q[0]));
	MISSES("Ωx😀中文", b);
	FINDS("征地补偿", b);
}
END_TEST

/* The command line: a case found by the search right after its intake
 * (three characters and more, and one or two). */
START_TEST(test_cli)
{
	char		 db[600], *out;

	snprintf(db, sizeof(db), "%s/c.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", db),
	    0);
	ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
	    "2026-11-18 --channel online --applicant 王小明 --applicant-type "
	    "person --phone 13912345678 --request 请公开征地补偿方案", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s case list --q 征地补偿",
	    db), 0);
	ck_assert_msg(strstr(out, "2026-0001") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s case list --q 王", db), 0);
	ck_assert_msg(strstr(out, "2026-0001") != NULL, "%s", out);
	free(out);
}
END_TEST

Suite *
ftsq_suite(void)
{
	Suite	*s = suite_create("ftsq");
	TCase	*tc = tcase_create("ops");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_batch);
	tcase_add_test(tc, test_rollback);
	tcase_add_test(tc, test_shell_transaction);
	tcase_add_test(tc, test_deferred);
	tcase_add_test(tc, test_upgrade_external_content);
	tcase_add_test(tc, test_grams_c_as_sql);
	tcase_add_test(tc, test_cli);
	suite_add_tcase(s, tc);
	return s;
}
