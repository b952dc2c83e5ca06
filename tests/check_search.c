/* SPDX-License-Identifier: ISC */
/*
 * The search box (issues 15 and 17): what a query is read as (case
 * number, identity number, phone, 文号 in every bracket and number
 * form), each finding its case through worklist_search; one- and
 * two-character queries through case_grams agreeing with a plain scan
 * on a random fixture; the index in step after corrections and after
 * another writer's renames and deletes; the
 * deadline of store_deadline; and over HTTP, GET /api/cases?q= and 503
 * 系统繁忙 when the slots for expensive requests are taken.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "cases/proactive.h"
#include "cases/roles.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "ops/worklist.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "web/http.h"

static char		*dir;
static struct store	*st;
static struct calendar	*cal;

static void
setup(void)
{
	dir = test_tmpdir();
	st = test_store(dir);
	cal = test_calendar();
}

static void
teardown(void)
{
	store_close(st);
	calendar_free(cal);
	test_rmdir(dir);
}

/* Files one case; returns its number in num. */
static void
intake(const char *name, const char *request, const char *doc,
    const char *idn, const char *phone, char num[32])
{
	struct case_input in;
	char		 id[37], err[256];

	memset(&in, 0, sizeof(in));
	in.received = "2026-11-18";
	in.channel = "online";
	in.applicant = name;
	in.applicant_type = "person";
	in.request = request;
	in.doc_number = doc;
	if (idn != NULL) {
		in.id_type = "resident_id";
		in.id_number = idn;
	}
	in.phone = phone;
	ck_assert_msg(case_new(st, cal, &in, "clerk", test_day("2026-11-20"),
	    id, num, 32, err, sizeof(err)) == CM_OK, "%s", err);
}

/* The numbers and why of a search's results, "2026-0001:docref,...". */
struct got {
	struct buf	 b;
};

static int
got_row(const struct list_row *r, void *arg)
{
	struct got	*g = arg;

	buf_printf(&g->b, "%s:%s,", r->number, r->why);
	return 0;
}

static char *
search(const char *q)
{
	struct got	 g;

	buf_init(&g.b);
	ck_assert_int_eq(worklist_search(st, q, 100, got_row, &g), CM_OK);
	return buf_release(&g.b);
}

#define FINDS(q, want)	do {						\
		char *s_ = search(q);					\
		ck_assert_msg(strstr(s_, want) != NULL,			\
		    "query %s: got %s, want %s", q, s_, want);		\
		free(s_);						\
	} while (0)
#define MISSES(q, num)	do {						\
		char *s_ = search(q);					\
		ck_assert_msg(strstr(s_, num) == NULL,			\
		    "query %s: got %s, must not have %s", q, s_, num);	\
		free(s_);						\
	} while (0)

START_TEST(test_classify)
{
	struct px_docref d;
	char		 up[19], k[16], a[16];
	int		 y, s;

	ck_assert_int_eq(search_case_number("2026-0001", &y, &s), 1);
	ck_assert_int_eq(y * 10000 + s, 20260001);
	ck_assert_int_eq(search_case_number("2026-1", &y, &s), 1);
	ck_assert_int_eq(s, 1);
	ck_assert_int_eq(search_case_number("20260017", &y, &s), 1);
	ck_assert_int_eq(y * 10000 + s, 20260017);
	ck_assert_int_eq(search_case_number("2026-", &y, &s), 0);
	ck_assert_int_eq(search_case_number("12345678", &y, &s), 0);
	ck_assert_int_eq(search_id_number("11010519491231002x", up), 1);
	ck_assert_str_eq(up, "11010519491231002X");
	ck_assert_int_eq(search_id_number("110105194912310", up), 1);
	ck_assert_int_eq(search_id_number("1101051949123100", up), 0);
	ck_assert_int_eq(search_phone("+86 139-1234-5678", k, a), 1);
	ck_assert_str_eq(k, "13912345678");
	ck_assert_int_eq(search_phone("8613912345678", k, a), 1);
	ck_assert_str_eq(a, "13912345678");
	ck_assert_int_eq(search_phone("(0535)6688123", k, a), 1);
	ck_assert_str_eq(k, "05356688123");
	ck_assert_int_eq(search_phone("123", k, a), 0);
	ck_assert_int_eq(search_phone("139x1234", k, a), 0);
	ck_assert_int_eq(proactive_docref_query("烟政办发[2020]17号", &d), 1);
	ck_assert_str_eq(d.prefix, "烟政办发");
	ck_assert_str_eq(d.tail, "〔2020〕17号");
	free(d.prefix);
	free(d.tail);
	ck_assert_int_eq(proactive_docref_query("烟政办发2020年第17号", &d), 1);
	ck_assert_str_eq(d.prefix, "烟政办发");
	ck_assert_str_eq(d.tail, "〔2020〕17号");
	free(d.prefix);
	free(d.tail);
	ck_assert_int_eq(proactive_docref_query("（2020）17 号", &d), 1);
	ck_assert_str_eq(d.prefix, "");
	ck_assert_str_eq(d.tail, "〔2020〕17号");
	free(d.prefix);
	free(d.tail);
	ck_assert_int_eq(proactive_docref_query("2020年", &d), 0);
	ck_assert_int_eq(proactive_docref_query("征地补偿", &d), 0);
}
END_TEST

START_TEST(test_variants)
{
	static const char *const with_code[] = {
		"烟政办发〔2020〕17号", "烟政办发[2020]17号",
		"烟政办发(2020)17号", "烟政办发（2020）17号",
		"烟政办发【2020】17号", "烟政办发〔2020〕第17号",
		"烟政办发2020年17号", "烟政办发 [2020] 17 号",
		"烟政办发［２０２０］１７号",
	};
	static const char *const bare[] = {
		"〔2020〕17号", "[2020]17号", "(2020)17号", "（2020）17号",
		"2020年17号", "2020年第17号",
	};
	char	 a[32], b[32], c[32];
	size_t	 i;

	intake("王小明", "请公开烟政办发〔2020〕17号文件全文", NULL,
	    "11010519491231002X", "139-1234-5678", a);
	intake("李四", "请公开征地补偿文件", "烟政发[2020]17号", NULL,
	    "0535 6688123", b);
	intake("赵六", "请公开烟政办发〔2021〕17号文件", NULL, NULL, NULL, c);
	for (i = 0; i < sizeof(with_code) / sizeof(with_code[0]); i++) {
		FINDS(with_code[i], "2026-0001:docref");
		/* Another issuer, another year: not this 文号. */
		MISSES(with_code[i], "2026-0002");
		MISSES(with_code[i], "2026-0003");
	}
	for (i = 0; i < sizeof(bare) / sizeof(bare[0]); i++) {
		FINDS(bare[i], "2026-0001:docref");
		FINDS(bare[i], "2026-0002:docref");
		MISSES(bare[i], "2026-0003");
	}
	FINDS("11010519491231002X", "2026-0001:id_number");
	FINDS("11010519491231002x", "2026-0001:id_number");
	MISSES("110105194912310021", "2026-0001");
	FINDS("13912345678", "2026-0001:phone");
	FINDS("139 1234 5678", "2026-0001:phone");
	FINDS("+86 139-1234-5678", "2026-0001:phone");
	FINDS("0535-6688123", "2026-0002:phone");
	FINDS("2026-0002", "2026-0002:number");
	FINDS("2026-2", "2026-0002:number");
	FINDS("20260002", "2026-0002:number");
	MISSES("2026-0004", "2026-");
	/* Text: names and request texts, one, two and more characters. */
	FINDS("王", "2026-0001:text");
	FINDS("李四", "2026-0002:text");
	FINDS("征地补偿", "2026-0002:text");
	FINDS("赵六", "2026-0003:text");
	MISSES("张", "2026-");
}
END_TEST

/* The numbers a short query finds through the index or by scanning. */
static int
num_row(const struct list_row *r, void *arg)
{
	buf_printf(arg, "%s,", r->number);
	return 0;
}

static char *
short_query(const char *q, int scan)
{
	struct buf	 b;

	buf_init(&b);
	ck_assert_int_eq(worklist_search_short(st, q, 5000, scan, num_row,
	    &b), CM_OK);
	return buf_release(&b);
}

START_TEST(test_short_equals_scan)
{
	static const char *const alpha[] = {
		"征", "地", "补", "偿", "王", "李", "文", "件", "公", "开",
		"a", "B", "1", "〔", "号", "·", "𠀋", "鑫",
	};
	const size_t	 na = sizeof(alpha) / sizeof(alpha[0]);
	char		 req[128], name[32], num[32], q[16], *x, *y;
	size_t		 i, j, k, len;
	unsigned	 r = 12345;
	int		 hits = 0;

	/* 120 cases of random text over a small alphabet, so that every
	 * character and many pairs occur, at the start, middle and end of
	 * names and requests. */
	for (i = 0; i < 120; i++) {
		req[0] = name[0] = '\0';
		len = 1 + (r = r * 1103515245 + 12345) % 12;
		for (k = 0; k < len; k++) {
			r = r * 1103515245 + 12345;
			strcat(req, alpha[(r >> 16) % na]);
		}
		snprintf(name, sizeof(name), "申请人%s%s", alpha[i % na],
		    alpha[(i / na) % na]);
		intake(name, req, i % 7 == 0 ? "示范发〔2024〕1号" : NULL, NULL,
		    NULL, num);
	}
	for (i = 0; i < na; i++) {
		x = short_query(alpha[i], 0);
		y = short_query(alpha[i], 1);
		ck_assert_msg(strcmp(x, y) == 0, "%s: index %s, scan %s",
		    alpha[i], x, y);
		hits += x[0] != '\0';
		free(x);
		free(y);
		for (j = 0; j < na; j++) {
			snprintf(q, sizeof(q), "%s%s", alpha[i], alpha[j]);
			x = short_query(q, 0);
			y = short_query(q, 1);
			ck_assert_msg(strcmp(x, y) == 0, "%s: index %s, scan %s",
			    q, x, y);
			free(x);
			free(y);
		}
	}
	ck_assert_int_ge(hits, (int)na - 1);
	/* The same through the search op (at most 100, newest first). */
	x = search("征地");
	ck_assert_ptr_nonnull(x);
	free(x);
}
END_TEST

START_TEST(test_index_after_correct)
{
	struct op_ctx	 ctx;
	struct correct_in in;
	struct correct_out out;
	struct op_refusal rf;
	char		 a[32], *x;

	intake("王小明", "请公开征地补偿方案", NULL, NULL, "13912345678", a);
	FINDS("征地", "2026-0001:text");
	MISSES("鲁政", "2026-0001");
	memset(&ctx, 0, sizeof(ctx));
	ctx.st = st;
	ctx.cal = cal;
	ctx.actor = "clerk";
	ctx.role = ROLE_CLERK;
	ctx.today = test_day("2026-11-20");
	memset(&in, 0, sizeof(in));
	in.case_key = "2026-0001";
	in.request = "请公开鲁政发（2019）3号文件";
	in.applicant = "王大明";
	in.phone = "13800001111";
	in.reason = "登记时录入错误";
	ck_assert_msg(op_case_correct(&ctx, &in, &out, &rf) == CM_OK, "%s",
	    rf.msg);
	MISSES("征地", "2026-0001");
	MISSES("小", "2026-0001");
	FINDS("鲁政", "2026-0001:text");
	FINDS("大", "2026-0001:text");
	FINDS("鲁政发[2019]3号", "2026-0001:docref");
	FINDS("13800001111", "2026-0001:phone");
	x = short_query("征地", 0);
	ck_assert_str_eq(x, "");
	free(x);
}
END_TEST

/* Another writer (here the sqlite3 shell) renaming an applicant of
 * two cases and deleting a case: the triggers keep the gram index in
 * step (a contentless FTS5 table forgets a case only when given its
 * old texts exactly; a wrong 'delete' would leave the old grams
 * finding the case). */
START_TEST(test_index_shell_writes)
{
	char		 a[32], b[32], c[32], cmd[1024], *x, *y;
	static const char *const q[] = {
		"甲", "甲乙", "丙", "丙丁", "戊", "己", "庚", "辛", "征", "征地",
	};
	size_t		 i;

	intake("甲乙", "请公开征地方案", NULL, "110101199003070011", NULL, a);
	intake("甲乙", "请公开庚辛文件", "示范发〔2024〕1号",
	    "110101199003070011", NULL, b);
	intake("戊己", "请公开征地补偿", NULL, NULL, NULL, c);
	FINDS("甲乙", "2026-0001:text");
	FINDS("甲乙", "2026-0002:text");
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s/f.db' \"UPDATE applicants"
	    " SET name = '丙丁' WHERE name = '甲乙'; DELETE FROM events"
	    " WHERE case_id = (SELECT id FROM cases WHERE number = '%s');"
	    " DELETE FROM cases WHERE number = '%s';\"", dir, c, c);
	ck_assert_int_eq(system(cmd), 0);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		x = short_query(q[i], 0);
		y = short_query(q[i], 1);
		ck_assert_msg(strcmp(x, y) == 0, "%s: index %s, scan %s",
		    q[i], x, y);
		free(x);
		free(y);
	}
	x = short_query("甲", 0);
	ck_assert_str_eq(x, "");
	free(x);
	x = short_query("戊", 0);
	ck_assert_str_eq(x, "");
	free(x);
	x = short_query("丙丁", 0);
	ck_assert_str_eq(x, "2026-0002,2026-0001,");
	free(x);
	x = short_query("征", 0);
	ck_assert_str_eq(x, "2026-0001,");
	free(x);
}
END_TEST

/* The same for the trigram index (case_fts, three characters and
 * more): another writer renaming an applicant, correcting a request and
 * deleting a case; its triggers find a case's row through the index of
 * its number. */
START_TEST(test_fts_shell_writes)
{
	char		 a[32], b[32], c[32], cmd[1024];

	intake("甲乙丙", "请公开征地补偿方案", NULL, "110101199003070011",
	    NULL, a);
	intake("甲乙丙", "请公开庚辛文件", NULL, "110101199003070011",
	    NULL, b);
	intake("戊己庚", "请公开征地补偿标准", NULL, NULL, NULL, c);
	FINDS("甲乙丙", "2026-0001:text");
	FINDS("征地补偿", "2026-0003:text");
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s/f.db' \"UPDATE applicants"
	    " SET name = '丁戊己' WHERE name = '甲乙丙'; UPDATE cases SET"
	    " request = '请公开规划许可证' WHERE number = '%s';"
	    " DELETE FROM events WHERE case_id = (SELECT id FROM cases"
	    " WHERE number = '%s'); DELETE FROM cases WHERE number = '%s';\"",
	    dir, b, c, c);
	ck_assert_int_eq(system(cmd), 0);
	FINDS("丁戊己", "2026-0001:text");
	FINDS("丁戊己", "2026-0002:text");
	MISSES("甲乙丙", "2026-0001");
	MISSES("甲乙丙", "2026-0002");
	FINDS("规划许可", "2026-0002:text");
	MISSES("庚辛文件", "2026-0002");
	MISSES("征地补偿", "2026-0003");
	FINDS("征地补偿", "2026-0001:text");
}
END_TEST

START_TEST(test_deadline)
{
	struct buf	 b;
	char		 num[32];
	int		 i;

	for (i = 0; i < 100; i++)
		intake("王", "征地补偿安置方案及补偿标准", NULL, NULL, NULL,
		    num);
	store_deadline(st, 1);
	usleep(5000);
	buf_init(&b);
	ck_assert_int_eq(worklist_search_short(st, "补", 100, 1, num_row, &b),
	    CM_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "超时"));
	store_deadline(st, 0);
	buf_reset(&b);
	ck_assert_int_eq(worklist_search_short(st, "补", 100, 1, num_row, &b),
	    CM_OK);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "2026-0100"));
	buf_clear(&b);
}
END_TEST

/* ---- over HTTP ------------------------------------------------------- */

static const struct wf_user users[] = {
	{ "clerk", "clerk" }, { "officer", "officer" },
};

static void
web_tmpl(void)
{
	wf_tmpl_setup(users, 2, "post");
}

static void
web_setup(void)
{
	wf_start(16 * 1024, 64 * 1024, NULL);
}

START_TEST(test_api_search)
{
	struct hres	 h;

	/* 2026-0001 of the template; give it a 文号 and an ID number. */
	wf_sql("UPDATE cases SET request = '请公开烟政办发〔2020〕17号'"
	    " WHERE number = '2026-0001'");
	wf_sql("INSERT INTO case_docrefs (case_id, tail, prefix) SELECT id,"
	    " '〔2020〕17号', '烟政办发' FROM cases WHERE number = '2026-0001'");
	wf_get("/api/cases?q=%E7%83%9F%E6%94%BF%E5%8A%9E%E5%8F%91%5B2020%5D17"
	    "%E5%8F%B7", 0, &h);		/* 烟政办发[2020]17号 */
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"number\":\"2026-0001\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"match\":\"docref\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"matched\":\"烟政办发〔2020〕17号\""));
	ck_assert_ptr_null(strstr(h.body, "2026-0002"));
	hres_clear(&h);
	wf_get("/search?q=2020%E5%B9%B417%E5%8F%B7", 0, &h);	/* 2020年17号 */
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	ck_assert_ptr_nonnull(strstr(h.body, "匹配：文号"));
	hres_clear(&h);
	wf_get("/api/cases?q=", 0, &h);	/* empty: the plain list */
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
}
END_TEST

START_TEST(test_busy)
{
	struct hres	 h;
	int		 taken = 0;

	/* Take every slot for expensive requests, as long searches would. */
	while (web_heavy_enter(wf_srv))
		taken++;
	ck_assert_int_ge(taken, 1);
	wf_get("/search?q=abc", 1, &h);
	ck_assert_int_eq(h.status, 503);
	ck_assert_ptr_nonnull(strstr(h.body, "系统繁忙，请稍后重试"));
	ck_assert_ptr_nonnull(wf_hdr(&h, "Retry-After"));
	hres_clear(&h);
	wf_get("/api/cases?q=abc", 1, &h);
	ck_assert_int_eq(h.status, 503);
	ck_assert_ptr_nonnull(strstr(h.body, "\"busy\""));
	hres_clear(&h);
	wf_get("/export.csv", 1, &h);
	ck_assert_int_eq(h.status, 503);
	hres_clear(&h);
	/* The pages are not expensive: they answer. */
	wf_get("/", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	wf_get("/cases", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	wf_get("/api/cases", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	while (taken-- > 0)
		web_heavy_leave(wf_srv);
	wf_get("/search?q=abc", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	/* An export releases its slot when its stream ends. */
	wf_get("/export.csv", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	ck_assert_int_eq(web_heavy_enter(wf_srv), 1);
	web_heavy_leave(wf_srv);
}
END_TEST

Suite *
search_suite(void)
{
	Suite	*s = suite_create("search");
	TCase	*tc = tcase_create("ops");
	TCase	*tw = tcase_create("web");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_classify);
	tcase_add_test(tc, test_variants);
	tcase_add_test(tc, test_short_equals_scan);
	tcase_add_test(tc, test_index_after_correct);
	tcase_add_test(tc, test_index_shell_writes);
	tcase_add_test(tc, test_fts_shell_writes);
	tcase_add_test(tc, test_deadline);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(tw, web_tmpl, wf_tmpl_teardown);
	tcase_add_checked_fixture(tw, web_setup, wf_teardown);
	tcase_set_timeout(tw, 60);
	tcase_add_test(tw, test_api_search);
	tcase_add_test(tw, test_busy);
	suite_add_tcase(s, tw);
	return s;
}
