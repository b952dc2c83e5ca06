/* SPDX-License-Identifier: ISC */
/*
 * Security round 2 (issue 16), the rows of the data side: a 0-byte or
 * corrupt database refused (L4), the CLI's exit status when it cannot
 * open one (L13), a closed case's pending approval withdrawn (L9), the
 * CSV formula guard (L7), and so on.  Each asserts the refusal and that
 * nothing changed.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/attachment.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/csv.h"

/* Size of path in bytes, or -1. */
static long long
file_size(const char *path)
{
	struct stat	 sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* L4: a 0-byte file is not a new database: every command refuses. */
START_TEST(test_empty_db_refused)
{
	char	*dir, db[512], *out;
	int	 fd;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/empty.db", dir);
	ck_assert_int_ge(fd = open(db, O_CREAT | O_WRONLY, 0600), 0);
	close(fd);
	/* L13: exit 5 (EXIT_SYS), also under ASan (no leak). */
	ck_assert_int_eq(test_run(&out, "--db %s case list", db), 5);
	ck_assert_ptr_nonnull(strstr(out, "0 字节"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s init --agency 示范局", db),
	    5);
	ck_assert_ptr_nonnull(strstr(out, "0 字节"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s serve --listen 127.0.0.1:0 --no-log", db), 5);
	ck_assert_ptr_nonnull(strstr(out, "0 字节"));
	free(out);
	ck_assert_int_eq(file_size(db), 0);
	test_rmdir(dir);
}
END_TEST

/* L4: a file that is not SQLite (bad header) is refused, unchanged. */
START_TEST(test_corrupt_db_refused)
{
	char	*dir, db[512], *out;
	FILE	*f;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/junk.db", dir);
	ck_assert_ptr_nonnull(f = fopen(db, "w"));
	fputs("this is not a database, it is a text file of 64 bytes..\n",
	    f);
	fclose(f);
	ck_assert_int_eq(test_run(&out, "--db %s case list", db), 5);
	ck_assert_ptr_nonnull(strstr(out, "文件头"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s init", db), 5);
	free(out);
	ck_assert_int_eq(file_size(db), 56);
	test_rmdir(dir);
}
END_TEST

/* L4: a zeroed page inside a real database fails audit verify. */
START_TEST(test_zeroed_page_detected)
{
	char	*dir, db[512], *out, zero[4096];
	int	 fd;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/z.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", db), 0);
	free(out);
	{
		char	 cmd[700];

		snprintf(cmd, sizeof(cmd), "sqlite3 %s 'PRAGMA "
		    "wal_checkpoint(TRUNCATE)' >/dev/null 2>&1", db);
		ck_assert_int_eq(system(cmd), 0);
	}
	memset(zero, 0, sizeof(zero));
	ck_assert_int_ge(fd = open(db, O_WRONLY), 0);
	/* Page 3 (offset 2 pages); the page size is 4096. */
	ck_assert_int_eq(pwrite(fd, zero, sizeof(zero), 2 * 4096),
	    (ssize_t)sizeof(zero));
	close(fd);
	ck_assert_int_ne(test_run(&out, "--db %s audit verify", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "损坏"));
	free(out);
	test_rmdir(dir);
}
END_TEST

/* L7: the CSV guard on the three cases of the issue. */
START_TEST(test_csv_guard)
{
	struct buf	 b;
	struct csv	 c;

	buf_init(&b);
	csv_init(&c, &b, 0);
	csv_text(&c, " =1+1");
	csv_eol(&c);
	csv_text(&c, "\n=1+1");
	csv_eol(&c);
	csv_text(&c, "＝SUM(A1:A9)");
	csv_eol(&c);
	ck_assert_str_eq(buf_str(&b), "' =1+1\r\n\"'\n=1+1\"\r\n"
	    "'＝SUM(A1:A9)\r\n");
	buf_clear(&b);
}
END_TEST

/* Runs SQL on db with the sqlite3 shell; asserts it worked. */
static void
sql(const char *db, const char *q)
{
	char	 cmd[1200];

	snprintf(cmd, sizeof(cmd), "sqlite3 %s \"%s\" >/dev/null", db, q);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * M5: the attack of the issue: edit an event, blank the hash of event
 * 1, delete the head.  The next command must not re-hash the log, a
 * write is refused, and audit verify reports it.
 */
START_TEST(test_chain_head_deleted)
{
	char	*dir, db[512], *out, *before, *after;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/c.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", db), 0);
	free(out);
	sql(db, "UPDATE events SET note = 'x' WHERE id = 5;"
	    " UPDATE events SET hash = '' WHERE id = 1;"
	    " DELETE FROM settings WHERE key = 'events_chain_head'");
	before = test_dump(db);
	/* Any command: nothing is re-hashed. */
	ck_assert_int_eq(test_run(&out, "--db %s case list", db), 0);
	free(out);
	after = test_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
	/* A write is refused, with nothing changed. */
	ck_assert_int_ne(test_run(&out, "--db %s case new --received "
	    "2026-11-02 --channel in_person --applicant 张三 --applicant-type "
	    "person --request 某文件", db), 0);
	free(out);
	after = test_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
	free(before);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", db), 3);
	ck_assert_ptr_nonnull(strstr(out, "篡改"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s audit anchor", db), 3);
	free(out);
	test_rmdir(dir);
}
END_TEST

/* M5: audit verify compares each cases row with its events. */
START_TEST(test_cases_rows_verified)
{
	static const char *const edits[] = {
		"UPDATE cases SET state = 'replied' WHERE number ="
		" '2025-0001'",
		"UPDATE cases SET outcome = 'disclosed' WHERE number ="
		" '2025-0003'",
		"UPDATE cases SET due = '2099-01-01' WHERE number ="
		" '2025-0003'",
	};
	static const char *const field[] = { "state", "outcome", "due" };
	char	*dir, db[512], copy[600], cmd[1400], *out;
	size_t	 i;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/v.db", dir);
	snprintf(copy, sizeof(copy), "%s/w.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify", db), 0);
	free(out);
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		snprintf(cmd, sizeof(cmd), "cp %s %s", db, copy);
		ck_assert_int_eq(system(cmd), 0);
		sql(copy, edits[i]);
		ck_assert_int_eq(test_run(&out, "--db %s audit verify --json",
		    copy), 3);
		ck_assert_msg(strstr(out, field[i]) != NULL, "%zu: %s", i,
		    out);
		ck_assert_ptr_nonnull(strstr(out, "\"ok\":false"));
		free(out);
	}
	test_rmdir(dir);
}
END_TEST

/* M5: audit anchor prints the head, count and time; -o writes it. */
START_TEST(test_chain_anchor)
{
	char	*dir, db[512], file[600], *out, line[256], cmd[800];
	FILE	*f;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/a.db", dir);
	snprintf(file, sizeof(file), "%s/anchor.txt", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit anchor", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "foidesk-anchor events="));
	ck_assert_ptr_nonnull(strstr(out, " head="));
	ck_assert_ptr_nonnull(strstr(out, " audit="));
	ck_assert_ptr_nonnull(strstr(out, " audit_head="));
	ck_assert_ptr_nonnull(strstr(out, " at="));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s audit anchor -o %s", db,
	    file), 0);
	free(out);
	ck_assert_ptr_nonnull(f = fopen(file, "r"));
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	fclose(f);
	ck_assert_int_eq(strncmp(line, "foidesk-anchor events=", 22), 0);
	/* Publishing the annual report (its sections 一, 五 and 六 written,
	 * decision 16) stores the anchor of that moment. */
	{
		static const char *const sec[3][2] = {
			{ "一", "本年度总体情况。" }, { "五", "存在的问题及改进。" },
			{ "六", "无其他事项。" } };
		int	 k;

		for (k = 0; k < 3; k++) {
			snprintf(cmd, sizeof(cmd), "%s.sec%d", file, k);
			ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
			fputs(sec[k][1], f);
			fclose(f);
			ck_assert_int_eq(test_run(&out, "--db %s report text "
			    "--year 2025 --section %s --file '%s'", db,
			    sec[k][0], cmd), 0);
			free(out);
		}
	}
	ck_assert_int_eq(test_run(&out, "--db %s report publish --year 2025",
	    db), 0);
	free(out);
	snprintf(cmd, sizeof(cmd), "sqlite3 %s \"SELECT count(*) FROM "
	    "settings WHERE key = 'chain_anchor_report_2025' AND value LIKE "
	    "'foidesk-anchor events=%% head=%% audit_head=%%'\"", db);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	pclose(f);
	ck_assert_str_eq(line, "1\n");
	test_rmdir(dir);
}
END_TEST

/*
 * M5: an anchor kept outside the database catches a chain replaced as a
 * whole (here: another database whose own chains are intact), and holds
 * while the same database grows; a line that is no anchor is refused.
 */
START_TEST(test_chain_anchor_verify)
{
	char	*dir, a[512], b[512], file[600], bad[600], *out;
	FILE	*f;

	dir = test_tmpdir();
	snprintf(a, sizeof(a), "%s/a.db", dir);
	snprintf(b, sizeof(b), "%s/b.db", dir);
	snprintf(file, sizeof(file), "%s/anchor.txt", dir);
	snprintf(bad, sizeof(bad), "%s/bad.txt", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    a), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    b), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s audit anchor -o %s", a,
	    file), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify --anchor %s", a,
	    file), 0);
	ck_assert_ptr_nonnull(strstr(out, "与锚点"));
	free(out);
	/* More events and audit rows after the anchor: still on its line. */
	ck_assert_int_eq(test_run(NULL, "--db %s case note 2026-0001 "
	    "锚点之后的记录", a), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify --anchor %s "
	    "--json", a, file), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"events_ok\":true"));
	ck_assert_ptr_nonnull(strstr(out, "\"audit_ok\":true"));
	free(out);
	/* A chain rewritten as a whole verifies by itself, not against the
	 * anchor. */
	ck_assert_int_eq(test_run(NULL, "--db %s audit verify", b), 0);
	ck_assert_int_eq(test_run(&out, "--db %s audit verify --anchor %s", b,
	    file), 3);
	ck_assert_ptr_nonnull(strstr(out, "与锚点"));
	ck_assert_ptr_nonnull(strstr(out, "不符"));
	free(out);
	ck_assert_ptr_nonnull(f = fopen(bad, "w"));
	fputs("foidesk-anchor events=x\n", f);
	fclose(f);
	ck_assert_int_ne(test_run(&out, "--db %s audit verify --anchor %s", a,
	    bad), 0);
	ck_assert_ptr_nonnull(strstr(out, "不是"));
	free(out);
	test_rmdir(dir);
}
END_TEST

/*
 * M6, L6, L14: intake refuses, naming the character, what no letter
 * can print, bidi controls, non-characters, separators and names blank
 * but for invisible characters; the database is unchanged.
 */
START_TEST(test_intake_characters)
{
	static const struct {
		const char	*name;
		const char	*want;
	} bad[] = {
		{ "王\xF0\xA0\x80\x80五", "无法打印的字符“\xF0\xA0\x80\x80”"
		    "（U+20000）" },
		{ "张\xF0\x9F\x98\x80三", "（U+1F600）" },
		{ "a\xE2\x80\xAE" "b", "改变文字方向" },	/* U+202E */
		{ "a\xE2\x81\xA6" "b", "改变文字方向" },	/* U+2066 */
		{ "a\xE2\x80\x8F" "b", "改变文字方向" },	/* U+200F */
		{ "a\xE2\x80\xA8" "b", "分隔符" },		/* U+2028 */
		{ "a\xE2\x80\xA9" "b", "分隔符" },		/* U+2029 */
		{ "a\xC2\x85" "b", "分隔符" },		/* U+0085 */
		{ "a\xEF\xBF\xBF" "b", "非字符" },		/* U+FFFF */
		{ "a\xEF\xB7\x90" "b", "非字符" },		/* U+FDD0 */
		{ "\xE2\x80\x8B\xE2\x80\x8B", "不可见" },	/* U+200B x2 */
		{ "\xEF\xBB\xBF", "不可见" },		/* U+FEFF */
	};
	char	*dir, db[512], *out, *before, *after;
	size_t	 i;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/i.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", db),
	    0);
	before = test_dump(db);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(test_run(&out, "--db %s case new --received "
		    "2026-11-02 --channel in_person --applicant '%s' "
		    "--applicant-type person --request 某文件", db,
		    bad[i].name), 3);
		ck_assert_msg(strstr(out, bad[i].want) != NULL,
		    "case %zu: %s", i, out);
		ck_assert_ptr_nonnull(strstr(out, "申请人"));
		free(out);
	}
	/* A multiline request: a zero-width space alone is still blank. */
	ck_assert_int_eq(test_run(&out, "--db %s case new --received "
	    "2026-11-02 --channel in_person --applicant 王五 --applicant-type "
	    "person --request '\xE2\x80\x8B'", db), 3);
	ck_assert_ptr_nonnull(strstr(out, "不能为空"));
	free(out);
	/* User names: "admin\u200B" and "\u202Eadmin" are refused. */
	ck_assert_int_eq(test_run(&out, "--db %s user add "
	    "'admin\xE2\x80\x8B' --role admin < /dev/null", db), 3);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s user add "
	    "'\xE2\x80\xAE" "admin' --role admin < /dev/null", db), 3);
	free(out);
	after = test_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
	free(before);
	/* The same name without the bad character is taken. */
	ck_assert_int_eq(test_run(&out, "--db %s case new --received "
	    "2026-11-02 --channel in_person --applicant 王五 "
	    "--applicant-type person --request 某文件", db), 0);
	free(out);
	test_rmdir(dir);
}
END_TEST

/* L6: an attachment name with a bidi override is refused. */
START_TEST(test_attachment_name)
{
	char	 out[256];

	ck_assert_ptr_nonnull(attachment_safe_name("a\xE2\x80\xAEgnp.exe",
	    strlen("a\xE2\x80\xAEgnp.exe"), out, sizeof(out)));
	ck_assert_ptr_nonnull(attachment_safe_name("a\xE2\x80\x8B.txt",
	    strlen("a\xE2\x80\x8B.txt"), out, sizeof(out)));
	ck_assert_ptr_null(attachment_safe_name("申请书.pdf",
	    strlen("申请书.pdf"), out, sizeof(out)));
	ck_assert_str_eq(out, "申请书.pdf");
}
END_TEST

/* Runs a shell command; returns its exit status, its output in *out. */
static int
sh(char **out, const char *cmd)
{
	struct buf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*p;
	int		 st;

	buf_init(&b);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&b, chunk, n);
	st = pclose(p);
	*out = buf_release(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * L12: a letter and a report PDF have a valid ToUnicode CMap: pdftotext
 * says nothing on stderr, and the text comes out.
 */
START_TEST(test_tounicode)
{
	char	*dir, db[512], cmd[1400], *out;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/p.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局 --demo",
	    db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s letter batch --kind receipt "
	    "-o %s/b.pdf 2025-0001", db, dir), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s report annual --year 2025 "
	    "--format pdf -o %s/r.pdf", db, dir), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s/b.pdf %s/b.txt "
	    "2>&1; pdftotext -enc UTF-8 %s/r.pdf %s/r.txt 2>&1", dir, dir,
	    dir, dir);
	ck_assert_int_eq(sh(&out, cmd), 0);
	ck_assert_str_eq(out, "");
	free(out);
	snprintf(cmd, sizeof(cmd), "cat %s/b.txt %s/r.txt", dir, dir);
	ck_assert_int_eq(sh(&out, cmd), 0);
	ck_assert_ptr_nonnull(strstr(out, "政府信息公开申请登记回执"));
	ck_assert_ptr_nonnull(strstr(out, "年度报告"));
	free(out);
	test_rmdir(dir);
}
END_TEST

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

/* L9: a withdrawal clears the case's pending approval (status withdrawn),
 * so that it leaves 待审批. */
START_TEST(test_withdraw_clears_approval)
{
	struct hres	 h;

	wf_post("/cases/2026-0001/act", U_OFFICER, "action=extend&days=5"
	    "&reason=%E6%A3%80%E7%B4%A2", 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "ok=requested"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'pending'"), 1);
	wf_get("/", U_REVIEWER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	hres_clear(&h);
	wf_post("/cases/2026-0001/act", U_OFFICER, "action=withdraw"
	    "&on=2026-11-20", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'pending'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'withdrawn' AND decided_by = 'officer'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " state NOT IN ('replied', 'archived')"
	    " AND number = '2026-0001'"), 0);
}
END_TEST

Suite *
security2_suite(void)
{
	Suite	*s = suite_create("security2");
	TCase	*tc;

	tc = tcase_create("db");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_empty_db_refused);
	tcase_add_test(tc, test_corrupt_db_refused);
	tcase_add_test(tc, test_zeroed_page_detected);
	tcase_add_test(tc, test_csv_guard);
	tcase_add_test(tc, test_chain_head_deleted);
	tcase_add_test(tc, test_chain_anchor);
	tcase_add_test(tc, test_chain_anchor_verify);
	tcase_add_test(tc, test_cases_rows_verified);
	tcase_add_test(tc, test_intake_characters);
	tcase_add_test(tc, test_attachment_name);
	tcase_add_test(tc, test_tounicode);
	suite_add_tcase(s, tc);

	tc = tcase_create("web");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_withdraw_clears_approval);
	suite_add_tcase(s, tc);
	return s;
}
