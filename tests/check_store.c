/* SPDX-License-Identifier: ISC */
/*
 * Store and case-operation tests on a real database file: migrations,
 * the persistence round trip, refusals that change nothing, calendar
 * imports that move open deadlines, users.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "cases/chain.h"
#include "cases/limits.h"
#include "cases/view.h"
#include "ops/case.h"
#include "cases/assign.h"
#include "store/assign.h"
#include "store/letters.h"
#include "store/schema.h"
#include "store/signoff.h"
#include "store/store.h"
#include "store/store_web.h"
#include "ops/user.h"
#include "tests/testutil.h"
#include "util/buf.h"

struct fix {
	char		*dir;
	char		 db[512];
	struct store	*st;
	struct calendar	*cal;
};

static void
fix_open(struct fix *f, int today)
{
	char	 err[256];

	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, today, err,
	    sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	ck_assert_ptr_nonnull(f->cal);
}

static void
fix_close(struct fix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

static void
new_case(struct fix *f, const char *received, int today, char id[37])
{
	struct case_input in;
	char		 num[32], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = "张三";
	in.applicant_type = "person";
	in.request = "示范区2024年教育经费预算执行情况";
	in.id_type = "resident_id";
	in.id_number = "11010519491231002X";
	in.phone = "13812345678";
	ck_assert_msg(case_new(f->st, f->cal, &in, "clerk", today, id, num,
	    sizeof(num), err, sizeof(err)) == CM_OK, "%s", err);
}

static enum cm_err
act(struct fix *f, const char *id, const char *action, const char *on,
    const char *outcome, int today)
{
	struct act_input a;
	char		 err[256];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	a.outcome = outcome;
	return case_act(f->st, f->cal, id, &a, "officer", today, err,
	    sizeof(err));
}

static enum cm_err
act_st(struct store *st, const struct calendar *cal, const char *id,
    const char *action, const char *on)
{
	struct act_input a;
	char		 err[256];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	return case_act(st, cal, id, &a, "officer", test_day("2026-11-20"),
	    err, sizeof(err));
}

START_TEST(test_migrate_empty)
{
	struct fix	 f;
	struct agency	 a;

	fix_open(&f, test_day("2026-11-20"));
	ck_assert_int_eq(store_schema_version(f.st), (int)migrations_count);
	ck_assert_int_eq(store_agency_get(f.st, &a), CM_NOTFOUND);
	agency_clear(&a);
	/* Reopening an up-to-date database changes nothing. */
	store_close(f.st);
	f.st = test_store(f.dir);
	ck_assert_int_eq(store_schema_version(f.st), (int)migrations_count);
	fix_close(&f);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	struct store	*st;
	char		*dir = test_tmpdir(), cmd[600], db[512];

	snprintf(db, sizeof(db), "%s/f.db", dir);
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' 'PRAGMA user_version=99'",
	    db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(store_open(db, &st), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "newer"));
	store_close(st);
	test_rmdir(dir);
}
END_TEST

START_TEST(test_round_trip)
{
	struct fix	 f;
	struct case_view v;
	char		 id[37];
	int		 today = test_day("2026-11-20");

	fix_open(&f, today);
	new_case(&f, "2025-04-01", today, id);
	ck_assert_int_eq(act(&f, id, "register", "2025-04-01", NULL, today),
	    CM_OK);
	store_close(f.st);
	f.st = test_store(f.dir);
	ck_assert_int_eq(case_load(f.st, f.cal, "2025-0001", today, &v), CM_OK);
	ck_assert_str_eq(v.rec.id, id);
	ck_assert_str_eq(v.rec.state, "registered");
	ck_assert_str_eq(v.rec.appl.name, "张三");
	ck_assert_str_eq(v.rec.appl.id_number, "11010519491231002X");
	ck_assert_str_eq(v.rec.request, "示范区2024年教育经费预算执行情况");
	ck_assert_str_eq(v.rec.received, "2025-04-01");
	ck_assert_str_eq(v.rec.due, "2025-04-29");
	ck_assert_uint_eq(v.nev, 2);
	ck_assert_str_eq(v.ev[0].action, "receive");
	ck_assert_str_eq(v.ev[1].action, "register");
	ck_assert_str_eq(v.ev[1].actor, "officer");
	ck_assert_int_eq(v.dl.overdue, 1);
	case_view_clear(&v);
	/* The second case of 2025 gets the next number; the applicant
	 * with the same identity document is reused. */
	new_case(&f, "2025-05-06", today, id);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_str_eq(v.rec.number, "2025-0002");
	ck_assert_int_eq(v.rec.appl.id, 1);
	case_view_clear(&v);
	fix_close(&f);
}
END_TEST

/*
 * Case ids are UUIDs of version 7 (ops/case.c): the first 48 bits the
 * time of creation in milliseconds, so that ids of cases made one after
 * another sort in that order (every index keyed by the id appends).
 */
START_TEST(test_case_ids_time_ordered)
{
	struct fix	 f;
	struct timespec	 ts, pause = { 0, 3 * 1000 * 1000 };
	char		 id[3][37], hex[13];
	long long	 ms, now;
	int		 i, today = test_day("2026-11-20");

	fix_open(&f, today);
	for (i = 0; i < 3; i++) {
		new_case(&f, "2026-11-02", today, id[i]);
		nanosleep(&pause, NULL);
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(strlen(id[i]), 36);
		ck_assert_int_eq(id[i][14], '7');		/* version */
		ck_assert(strchr("89ab", id[i][19]) != NULL);	/* variant */
		/* 8 + 4 hex digits of milliseconds, a moment ago. */
		memcpy(hex, id[i], 8);
		memcpy(hex + 8, id[i] + 9, 4);
		hex[12] = '\0';
		ms = strtoll(hex, NULL, 16);
		ck_assert_msg(ms <= now && ms > now - 60000, "%s", id[i]);
		if (i > 0)
			ck_assert_msg(strcmp(id[i - 1], id[i]) < 0, "%s !< %s",
			    id[i - 1], id[i]);
	}
	fix_close(&f);
}
END_TEST

/*
 * The events' chain head is written once, at the commit of the
 * transaction that appended them (store_events_settle), from the log
 * itself: a group commit of three intakes whose last one rolls back to
 * its savepoint records the second's event, and verifies.
 */
START_TEST(test_events_head_at_commit)
{
	struct chain_report r;
	struct fix	 f;
	sqlite3		*db;
	sqlite3_stmt	*q;
	char		 id[3][37], want[128], got[128];
	int		 i, today = test_day("2026-11-20");

	fix_open(&f, today);
	ck_assert_int_eq(store_begin(f.st), CM_OK);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(store_begin(f.st), CM_OK);
		new_case(&f, "2026-11-02", today, id[i]);
		if (i == 2)
			store_rollback(f.st);
		else
			ck_assert_int_eq(store_commit(f.st), CM_OK);
	}
	ck_assert_int_eq(store_commit(f.st), CM_OK);
	ck_assert_int_eq(sqlite3_open(f.db, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT e.id || ' ' ||"
	    " e.hash, (SELECT value FROM settings WHERE key ="
	    " 'events_chain_head') FROM events e JOIN cases c ON c.id ="
	    " e.case_id WHERE c.id = ?1 ORDER BY e.id DESC LIMIT 1", -1, &q,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, id[1], -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	snprintf(want, sizeof(want), "%s", sqlite3_column_text(q, 0));
	snprintf(got, sizeof(got), "%s", sqlite3_column_text(q, 1));
	sqlite3_finalize(q);
	sqlite3_close(db);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(chain_verify(f.st, &r), CM_OK);
	ck_assert_int_eq(r.bad_id, 0);
	ck_assert(r.head_ok);
	ck_assert_int_eq(r.events, 2);
	fix_close(&f);
}
END_TEST

/* A refused action leaves the database exactly as it was. */
START_TEST(test_refusal_changes_nothing)
{
	struct fix	 f;
	char		 id[37], *before, *after;
	int		 today = test_day("2026-11-20");

	fix_open(&f, today);
	new_case(&f, "2025-04-01", today, id);
	before = test_dump(f.db);
	ck_assert_int_eq(act(&f, id, "archive", "2025-04-02", NULL, today),
	    CM_CONFLICT);
	ck_assert_int_eq(act(&f, id, "reply", "2025-04-02", NULL, today),
	    CM_CONFLICT);
	ck_assert_int_eq(act(&f, id, "register", "2025-03-01", NULL, today),
	    CM_CONFLICT);
	ck_assert_int_eq(act(&f, id, "register", "2027-01-01", NULL, today),
	    CM_CONFLICT);
	ck_assert_int_eq(act(&f, id, "fly", "2025-04-02", NULL, today),
	    CM_INVALID);
	ck_assert_int_eq(act(&f, "2099-0001", "register", NULL, NULL, today),
	    CM_NOTFOUND);
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	fix_close(&f);
}
END_TEST

/* The whole loop, and the extension rules on stored events. */
START_TEST(test_full_loop)
{
	struct fix	 f;
	struct case_view v;
	struct act_input a;
	char		 id[37], err[256];
	int		 today = test_day("2026-11-20");

	fix_open(&f, today);
	new_case(&f, "2025-04-01", today, id);
	ck_assert_int_eq(act(&f, id, "register", "2025-04-01", 0, today), 0);
	ck_assert_int_eq(act(&f, id, "review", "2025-04-02", 0, today), 0);
	ck_assert_int_eq(act(&f, id, "accept", "2025-04-03", 0, today), 0);
	ck_assert_int_eq(act(&f, id, "consult-start", "2025-04-10", 0, today),
	    0);
	ck_assert_int_eq(act(&f, id, "consult-end", "2025-04-21", 0, today),
	    0);
	act_input_init(&a);
	a.action = "extend";
	a.on = "2025-05-12";
	a.approver = "reviewer";
	ck_assert_int_eq(case_act(f.st, f.cal, id, &a, "reviewer", today, err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(case_act(f.st, f.cal, id, &a, "reviewer", today, err,
	    sizeof(err)), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err, "already extended once"));
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_str_eq(v.rec.due, "2025-06-11");
	ck_assert_ptr_nonnull(strstr(v.ev[v.nev - 1].payload, "reviewer"));
	case_view_clear(&v);
	ck_assert_int_eq(act(&f, id, "reply", "2025-06-10", "partial", today),
	    CM_OK);
	ck_assert_int_eq(act(&f, id, "archive", "2025-06-12", 0, today), 0);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_str_eq(v.rec.state, "archived");
	ck_assert_str_eq(v.rec.outcome, "partial");
	ck_assert_str_eq(v.rec.closed_on, "2025-06-10");
	ck_assert_int_eq(v.dl.late, 0);
	case_view_clear(&v);
	fix_close(&f);
}
END_TEST

/* Importing a holiday year moves the deadlines of open cases it touches
 * (decision 8) and clears the provisional flag. */
START_TEST(test_import_moves_deadlines)
{
	static const char tsv[] =
	    "2027-01-01\tholiday\t元旦\n"
	    "2027-01-11\tholiday\t测试假日\n"
	    "2027-01-12\tholiday\t测试假日\n";
	struct fix	 f;
	struct cal_import im;
	struct case_view v;
	char		 id[37], err[256];
	int		 today = test_day("2026-12-22"), years, n;

	fix_open(&f, today);
	new_case(&f, "2026-12-21", today, id);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_str_eq(v.rec.due, "2027-01-18");
	ck_assert_int_eq(v.rec.provisional, 1);
	case_view_clear(&v);
	ck_assert_int_eq(calendar_parse_tsv(tsv, strlen(tsv), &im, err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(calendar_import(f.st, im.rows, im.n, 0, "test", today,
	    &years, &n, err, sizeof(err)), CM_OK);
	calendar_import_clear(&im);
	ck_assert_int_eq(years, 1);
	ck_assert_int_eq(n, 1);
	calendar_free(f.cal);
	f.cal = calendar_open(f.st);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_str_eq(v.rec.due, "2027-01-21");	/* cached column */
	ck_assert_int_eq(v.rec.provisional, 0);
	ck_assert_int_eq(v.dl.provisional, 0);
	case_view_clear(&v);
	fix_close(&f);
}
END_TEST

START_TEST(test_users)
{
	struct fix	 f;
	char		 err[256], role[32];

	fix_open(&f, test_day("2026-11-20"));
	ck_assert_int_eq(user_add(f.st, "reviewer", "reviewer",
	    "correct horse battery", err, sizeof(err)), CM_OK);
	ck_assert_int_eq(user_add(f.st, "reviewer", "clerk",
	    "another pass of tea", err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(user_add(f.st, "x", "boss", "another pass", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(user_add(f.st, "y", "clerk", "short", err,
	    sizeof(err)), CM_INVALID);
	/* Issue 16: 12 characters, and not easily guessed (zxcvbn). */
	ck_assert_int_eq(user_add(f.st, "y", "clerk", "12345678", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(user_add(f.st, "y", "clerk", "123456789012", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "连续的字母或数字"));
	ck_assert_int_eq(user_add(f.st, "y", "clerk", "passwordpassword",
	    err, sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "容易被猜到"));
	ck_assert_int_eq(user_add(f.st, "y", "clerk", "y-clerk-foidesk",
	    err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(store_user_role(f.st, "y", role, sizeof(role)),
	    CM_NOTFOUND);
	/* The demo password stays acceptable (seeding). */
	ck_assert_int_eq(user_add(f.st, "zhang", "clerk", "demo-pass-2026",
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(user_add(f.st, "a b", "clerk", "long enough", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(store_user_role(f.st, "reviewer", role,
	    sizeof(role)), CM_OK);
	ck_assert_str_eq(role, "reviewer");
	fix_close(&f);
}
END_TEST

/*
 * A database written by the first release (schema 1, no event hashes,
 * no later tables) with a case in it opens, migrates to the current
 * schema, keeps its case and clocks, and gets its event chain.
 */
START_TEST(test_upgrade_from_v1)
{
	char		*dir = test_tmpdir(), db[512], err[256];
	sqlite3		*h;
	struct store	*st;
	struct calendar	*cal;
	struct case_view v;
	struct chain_report r = { 0 };

	snprintf(db, sizeof(db), "%s/old.db", dir);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, migrations[0], NULL, NULL, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h,
	    "INSERT INTO agency (id, name, updated_at) VALUES"
	    " (1, '旧机关', '2025-01-01T00:00:00Z');"
	    "INSERT INTO applicants (id, type, name, created_at) VALUES"
	    " (1, 'person', '张三', '2025-04-01T00:00:00Z');"
	    "INSERT INTO cases (id, year, seq, number, applicant_id, channel,"
	    " arrived_on, received_on, request, state, due, created_at,"
	    " updated_at) VALUES ('00000000-0000-4000-8000-000000000001',"
	    " 2025, 1, '2025-0001', 1, 'in_person', '2025-04-01',"
	    " '2025-04-01', '旧请求', 'registered', '2025-04-29',"
	    " '2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z');"
	    "INSERT INTO events (case_id, seq, action, actor, at, effective)"
	    " VALUES ('00000000-0000-4000-8000-000000000001', 1, 'receive',"
	    " 'cli', '2025-04-01T00:00:00Z', '2025-04-01'),"
	    " ('00000000-0000-4000-8000-000000000001', 2, 'register',"
	    " 'cli', '2025-04-01T00:00:00Z', '2025-04-01');"
	    "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	ck_assert_int_eq(store_open(db, &st), CM_OK);
	ck_assert_int_eq(store_schema_version(st), (int)migrations_count);
	ck_assert_int_eq(calendar_install_builtin(st, test_day("2026-11-20"),
	    err, sizeof(err)), CM_OK);
	cal = calendar_open(st);
	ck_assert_int_eq(case_load(st, cal, "2025-0001", test_day("2026-11-20"),
	    &v), CM_OK);
	ck_assert_str_eq(v.rec.appl.name, "张三");
	ck_assert_str_eq(v.rec.state, "registered");
	ck_assert_uint_eq(v.nev, 2);
	ck_assert_int_eq(v.dl.due, test_day("2025-04-29"));
	case_view_clear(&v);
	ck_assert_int_eq(chain_verify(st, &r), CM_OK);
	ck_assert_int_eq(r.events, 2);
	ck_assert_int_eq(r.bad_id, 0);
	ck_assert_int_eq(r.head_ok, 1);
	/* And it takes new actions. */
	ck_assert_int_eq(act_st(st, cal, "2025-0001", "review", "2025-04-02"),
	    CM_OK);
	calendar_free(cal);
	store_close(st);
	test_rmdir(dir);
}
END_TEST

/*
 * The agency's 补正 period reaches every deadline computation (read on
 * its own, store_agency_correction_period): the statutory default
 * before the agency sets one, its own after.
 */
START_TEST(test_agency_correction_period)
{
	struct fix	 f;
	struct case_view v;
	struct agency	 a;
	char		 id[37];
	int		 today = test_day("2026-11-20");

	fix_open(&f, today);
	new_case(&f, "2026-11-02", today, id);
	ck_assert_int_eq(act(&f, id, "register", "2026-11-02", NULL, today),
	    CM_OK);
	ck_assert_int_eq(act(&f, id, "review", "2026-11-02", NULL, today),
	    CM_OK);
	ck_assert_int_eq(act(&f, id, "request-correction", "2026-11-03",
	    NULL, today), CM_OK);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_ptr_nonnull(strstr(buf_str(&v.dl.explain),
	    "补正期限" LIM_STR(LAW_CORRECTION_PERIOD_WD) "个工作日"));
	case_view_clear(&v);
	memset(&a, 0, sizeof(a));
	a.name = (char *)"示范局";
	a.correction_period = 25;
	ck_assert_int_eq(store_agency_put(f.st, &a, "2026-11-20T00:00:00Z"),
	    CM_OK);
	ck_assert_int_eq(case_load(f.st, f.cal, id, today, &v), CM_OK);
	ck_assert_ptr_nonnull(strstr(buf_str(&v.dl.explain),
	    "补正期限25个工作日"));
	case_view_clear(&v);
	fix_close(&f);
}
END_TEST

/* approvals_list's callback: the ids in order. */
static int
appr_id(const struct approval *a, void *arg)
{
	buf_printf(arg, "%lld;", (long long)a->id);
	return 0;
}

/*
 * What a case page reads of a case (its row by number and by UUID, its
 * letters, 协办 requests and approval requests) comes through indexes:
 * no sort, no full scan, no automatic index; and still in the order
 * the rows were made where the indexes keep another (letters by kind,
 * 协办 by department).
 */
START_TEST(test_case_reads_indexed)
{
	struct fix		 f;
	struct case_rec		 c;
	struct case_assignment	 a;
	struct letter_info	*l = NULL;
	struct buf		 ids;
	sqlite3			*db;
	char			 id[37], got[37], q[2048];
	int64_t			 latest;
	size_t			 n = 0;
	long			 sorts, scans;

	fix_open(&f, test_day("2026-11-20"));
	new_case(&f, "2026-11-02", test_day("2026-11-20"), id);
	ck_assert_int_eq(sqlite3_open(f.db, &db), SQLITE_OK);
	snprintf(q, sizeof(q), "%s",
	    "INSERT INTO letters (id, case_id, kind, version, sha256, size,"
	    " pdf, created_by, created_at) VALUES"
	    " (10, (SELECT id FROM cases), 'reply', 1, '', 1, x'00', 'officer', 'now'),"
	    " (11, (SELECT id FROM cases), 'correction', 1, '', 1, x'00', 'officer', 'now');"
	    "INSERT INTO departments (id, code, name, created_at) VALUES"
	    " (1, 'A', '一科', 'now'), (2, 'B', '二科', 'now');"
	    "INSERT INTO case_assists (id, case_id, dept_id, due, created_by,"
	    " created_at) VALUES (20, (SELECT id FROM cases), 2, '2026-11-30', 'officer',"
	    " 'now'), (21, (SELECT id FROM cases), 1, '2026-11-30', 'officer', 'now');"
	    "INSERT INTO approvals (id, case_id, action, requested_by,"
	    " requested_at, status) VALUES (30, (SELECT id FROM cases), 'reply', 'officer',"
	    " 'now', 'approved'), (31, (SELECT id FROM cases), 'extend', 'officer', 'now',"
	    " 'rejected');"
	    "INSERT INTO approval_steps (approval_id, pos, name, signer)"
	    " VALUES (30, 1, '审核', 'role:reviewer');");
	ck_assert_int_eq(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	store_plan_counts(f.st, 1, &sorts, &scans);
	ck_assert_int_eq(store_case_get(f.st, id, &c), CM_OK);
	ck_assert_str_eq(c.number, "2026-0001");
	case_rec_clear(&c);
	ck_assert_int_eq(store_case_get(f.st, "2026-0001", &c), CM_OK);
	ck_assert_str_eq(c.id, id);
	case_rec_clear(&c);
	ck_assert_int_eq(store_case_id(f.st, "2026-0001", got), CM_OK);
	ck_assert_str_eq(got, id);
	ck_assert_int_eq(store_case_id(f.st, id, got), CM_OK);
	ck_assert_str_eq(got, id);
	ck_assert_int_eq(store_case_id(f.st, "2026-0002", got), CM_NOTFOUND);
	ck_assert_int_eq(letters_list(f.st, id, &l, &n), CM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(l[0].id, 10);
	ck_assert_int_eq(l[1].id, 11);
	letter_infos_free(l, n);
	ck_assert_int_eq(store_case_assignment(f.st, id, &a), CM_OK);
	ck_assert_uint_eq(a.nas, 2);
	ck_assert_int_eq(a.as[0].id, 20);
	ck_assert_int_eq(a.as[1].id, 21);
	case_assignment_clear(&a);
	ck_assert_int_eq(approval_latest(f.st, id, &latest), CM_OK);
	ck_assert_int_eq(latest, 30);
	buf_init(&ids);
	ck_assert_int_eq(store_approvals_list(f.st, id, 0, 10, appr_id,
	    &ids), CM_OK);
	ck_assert_str_eq(buf_str(&ids), "31;30;");
	buf_clear(&ids);
	store_plan_counts(f.st, 0, &sorts, &scans);
	ck_assert_int_eq(sorts, 0);
	ck_assert_int_eq(scans, 0);
	fix_close(&f);
}
END_TEST

Suite *
store_suite(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc;

	tc = tcase_create("store_open");
	tcase_add_test(tc, test_migrate_empty);
	tcase_add_test(tc, test_newer_schema_refused);
	tcase_add_test(tc, test_upgrade_from_v1);
	suite_add_tcase(s, tc);
	tc = tcase_create("case_ops");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_case_ids_time_ordered);
	tcase_add_test(tc, test_events_head_at_commit);
	tcase_add_test(tc, test_refusal_changes_nothing);
	tcase_add_test(tc, test_full_loop);
	tcase_add_test(tc, test_import_moves_deadlines);
	tcase_add_test(tc, test_case_reads_indexed);
	tcase_add_test(tc, test_agency_correction_period);
	suite_add_tcase(s, tc);
	tc = tcase_create("user_add");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_users);
	suite_add_tcase(s, tc);
	return s;
}
