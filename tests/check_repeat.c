/* SPDX-License-Identifier: ISC */
/*
 * Repeat requests (Reg. art. 36(6)): who is the same applicant (ID
 * number, else normalised name and phone), which earlier replies count
 * as answers, repeat_find() on a database, citing the earlier reply in
 * the not_processed.repeat letter, and `proactive repeats`.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "store/letters.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "ops/proactive.h"
#include "ops/fee.h"
#include "ops/repeat.h"
#include "ops/similar.h"
#include "store/store.h"
#include "tests/pxfix.h"
#include "tests/testutil.h"

START_TEST(test_keys)
{
	char	*k;

	k = repeat_id_key(" 11010519491231002x ");
	ck_assert_str_eq(k, "11010519491231002X");
	free(k);
	ck_assert_ptr_null(repeat_id_key(""));
	ck_assert_ptr_null(repeat_id_key(NULL));
	k = repeat_name_key("阿卜杜·热合曼 ");
	ck_assert_str_eq(k, "阿卜杜热合曼");
	free(k);
	k = repeat_name_key("ＡＢＣ 公司");
	ck_assert_str_eq(k, "abc公司");
	free(k);
	k = repeat_phone_key("+86 138-1234-5678");
	ck_assert_str_eq(k, "13812345678");
	free(k);
	k = repeat_phone_key("0086１３８１２３４５６７８");
	ck_assert_str_eq(k, "13812345678");
	free(k);
	k = repeat_phone_key("(0591) 8765-4321转806");
	ck_assert_str_eq(k, "059187654321");
	free(k);
	ck_assert_ptr_null(repeat_phone_key("110"));
	k = repeat_np_key("张 三", "138 1234 5678");
	ck_assert_str_eq(k, "张三|13812345678");
	free(k);
	ck_assert_ptr_null(repeat_np_key("张三", NULL));
	ck_assert_ptr_null(repeat_np_key("", "13812345678"));
}
END_TEST

START_TEST(test_same_applicant)
{
	struct px_ident	 a = { "X1", "张三|138", "张三" };
	struct px_ident	 b = { "X1", NULL, "张三" };
	struct px_ident	 c = { "X2", "张三|138", "张三" };
	struct px_ident	 d = { NULL, "张三|138", "张三" };
	struct px_ident	 e = { NULL, NULL, "张三" };

	ck_assert_int_eq(repeat_same_applicant(&a, &b), 1);	/* same ID */
	ck_assert_int_eq(repeat_same_applicant(&a, &c), 0);	/* IDs differ */
	ck_assert_int_eq(repeat_same_applicant(&c, &d), 1);	/* name+phone */
	ck_assert_int_eq(repeat_same_applicant(&b, &d), 0);	/* nothing */
	ck_assert_int_eq(repeat_same_applicant(&e, &e), 0);	/* name only */
}
END_TEST

START_TEST(test_answered)
{
	ck_assert_int_eq(repeat_outcome_answered("disclosed"), 1);
	ck_assert_int_eq(repeat_outcome_answered("partial"), 1);
	ck_assert_int_eq(repeat_outcome_answered("withheld.process"), 1);
	ck_assert_int_eq(repeat_outcome_answered("unavailable.not_held"), 1);
	ck_assert_int_eq(repeat_outcome_answered("not_processed.repeat"), 0);
	ck_assert_int_eq(repeat_outcome_answered("other.other"), 0);
	ck_assert_int_eq(repeat_outcome_answered("other.no_fee"), 0);
	ck_assert_int_eq(repeat_outcome_answered(NULL), 0);
}
END_TEST

/* ---- On a database ---------------------------------------------------- */

/* Replies on the day given; with a 答复书 number when docnum. */
static void
reply(struct pxfix *f, const char *num, const char *on, const char *outcome,
    int docnum)
{
	static const char *const path[] = { "register", "review", "accept" };
	struct act_input a;
	struct case_rec	 r;
	char		 err[256], dn[64];
	size_t		 i;

	for (i = 0; i < 4; i++) {
		act_input_init(&a);
		a.action = i < 3 ? path[i] : "reply";
		a.on = on;
		a.outcome = i < 3 ? NULL : outcome;
		ck_assert_msg(case_act(f->st, f->cal, num, &a, "officer",
		    f->today, err, sizeof(err)) == CM_OK, "%s", err);
	}
	if (docnum) {
		ck_assert_int_eq(store_case_get(f->st, num, &r), CM_OK);
		ck_assert_int_eq(docnum_get_or_alloc(f->st, r.id, "reply", 2026,
		    "示范教公开", dn, sizeof(dn)), CM_OK);
		case_rec_clear(&r);
	}
}

#define ID_A	"11010519800312001X"
#define ID_B	"110105198511200044"
#define REQ	"示范区2024年教育经费预算执行情况"

/*
 * Art. 36(6): the same applicant asks again for information already
 * answered — found with the reply's document number; other applicants,
 * other information, open or unanswered earlier cases are not repeats.
 */
START_TEST(test_find)
{
	struct pxfix		 f;
	struct repeat_hit	*h = NULL;
	char			 e1[32], e2[32], o[32], x[32], y[32], z[32];
	char			 now[32], lnk[32], err[256];
	size_t			 n = 0;

	pxfix_open(&f);
	pxfix_case(&f, "2026-02-02", "张三", ID_A, NULL, REQ, e1);
	reply(&f, e1, "2026-02-10", "disclosed", 1);
	pxfix_case(&f, "2026-03-02", "张三", ID_A, NULL,
	    "请公开示范区2024年度教育经费预算执行情况", e2);
	reply(&f, e2, "2026-03-10", "other.other", 0);	/* withdrawn */
	pxfix_case(&f, "2026-03-03", "李四", ID_B, NULL, REQ, o);	/* not her */
	reply(&f, o, "2026-03-10", "disclosed", 0);
	pxfix_case(&f, "2026-04-01", "张三", ID_A, NULL,
	    "示范区2023年教育经费预算执行情况", x);	/* another year */
	reply(&f, x, "2026-04-10", "partial", 0);
	pxfix_case(&f, "2026-05-01", "张三", ID_A, NULL,
	    "请公开示范区2024年教育经费预算执行情况。", now);
	ck_assert_int_eq(repeat_find(f.st, now, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].number, e1);
	ck_assert_str_eq(h[0].replied_on, "2026-02-10");
	ck_assert_str_eq(h[0].outcome, "disclosed");
	ck_assert_str_eq(h[0].reply_doc, "示范教公开〔2026〕1号");
	ck_assert_str_eq(h[0].how, "text");
	repeat_hits_free(h, n);
	/* An earlier request is not a repeat of a later one. */
	ck_assert_int_eq(repeat_find(f.st, e1, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 0);
	repeat_hits_free(h, n);
	/* Without ID number: the same name and phone. */
	pxfix_case(&f, "2026-02-02", "王 五", NULL, "138-0000-1111",
	    "青山小学撤并的论证报告", y);
	reply(&f, y, "2026-02-12", "withheld.process", 0);
	pxfix_case(&f, "2026-06-01", "王五", NULL, "+86 13800001111",
	    "青山小学撤并的论证报告", z);
	ck_assert_int_eq(repeat_find(f.st, z, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].number, y);
	ck_assert_ptr_null(h[0].reply_doc);
	repeat_hits_free(h, n);
	/* An officer's link counts; an unlink vetoes. */
	pxfix_case(&f, "2026-06-02", "王五", NULL, "13800001111",
	    "青山小学合并的专家意见", lnk);
	ck_assert_int_eq(repeat_find(f.st, lnk, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 0);
	repeat_hits_free(h, n);
	ck_assert_int_eq(proactive_link(f.st, y, lnk, "officer", err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(repeat_find(f.st, lnk, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].how, "link");
	repeat_hits_free(h, n);
	ck_assert_int_eq(proactive_unlink(f.st, y, z, "officer", err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(repeat_find(f.st, z, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 0);
	repeat_hits_free(h, n);
	ck_assert_int_eq(repeat_find(f.st, "2099-0001", &h, &n), CM_NOTFOUND);
	pxfix_close(&f);
}
END_TEST

START_TEST(test_cite)
{
	struct pxfix		 f;
	struct case_rec		 r;
	struct case_text	*t = NULL;
	char			 e1[32], now[32], o[32], open[32], err[256];
	char			*text = NULL;
	size_t			 n = 0, i;
	int			 found = 0;

	pxfix_open(&f);
	pxfix_case(&f, "2026-02-02", "张三", ID_A, NULL, REQ, e1);
	reply(&f, e1, "2026-02-10", "disclosed", 1);
	pxfix_case(&f, "2026-03-02", "李四", ID_B, NULL, REQ, o);
	reply(&f, o, "2026-03-10", "disclosed", 0);
	pxfix_case(&f, "2026-04-02", "张三", ID_A, NULL, "另一项信息", open);
	pxfix_case(&f, "2026-05-01", "张三", ID_A, NULL, REQ, now);
	ck_assert_int_eq(repeat_cite_earlier(f.st, now, e1, "officer", &text,
	    err, sizeof(err)), CM_OK);
	ck_assert_str_eq(text, "2026年2月10日，示范教公开〔2026〕1号，登记编号："
	    "2026-0001");
	free(text);
	ck_assert_int_eq(store_case_get(f.st, now, &r), CM_OK);
	ck_assert_int_eq(case_texts_get(f.st, r.id, &t, &n), CM_OK);
	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, "earlier_reply") == 0) {
			found = 1;
			ck_assert_ptr_nonnull(strstr(t[i].value, "〔2026〕1号"));
		}
	ck_assert(found);
	case_texts_free(t, n);
	case_rec_clear(&r);
	/* Another applicant, a later case, an open one, itself. */
	ck_assert_int_eq(repeat_cite_earlier(f.st, now, o, "officer", NULL,
	    err, sizeof(err)), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err, "不是同一申请人"));
	ck_assert_int_eq(repeat_cite_earlier(f.st, e1, now, "officer", NULL,
	    err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(repeat_cite_earlier(f.st, now, open, "officer", NULL,
	    err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(repeat_cite_earlier(f.st, now, now, "officer", NULL,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(repeat_cite_earlier(f.st, now, "2099-0001", "officer",
	    NULL, err, sizeof(err)), CM_NOTFOUND);
	pxfix_close(&f);
}
END_TEST

START_TEST(test_cli_repeats)
{
	char	*dir = test_tmpdir(), db[512], *out;

	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init", db), 0);
#define NEWC "--db %s case new --received %s --confirm-old-date " \
	"--channel in_person " \
	"--applicant 张三 --applicant-type person --request " REQ \
	" --id-type resident_id --id-number 11010519491231002X"
	ck_assert_int_eq(test_run(NULL, NEWC, db, "2026-02-02"), 0);
	ck_assert_int_eq(test_run(NULL, NEWC, db, "2026-05-06"), 0);
#undef NEWC
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 register "
	    "--on 2026-02-02", db), 0);
	/* A reply needs the agency its letter is signed by. */
	ck_assert_int_eq(test_run(NULL, "--db %s agency set --name 示范局 "
	    "--code 示范公开 --address 示范路1号 --postcode 100000 "
	    "--phone 010-12345678 --review-body 示范区人民政府 --review-address 示范路2号 "
	    "--court 示范区人民法院 --court-address 示范路3号", db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 reply "
	    "--outcome disclosed --on 2026-02-02 --provided 甲", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s proactive repeats 2026-0002 "
	    "--json", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"number\":\"2026-0001\""));
	ck_assert_ptr_nonnull(strstr(out, "\"outcome\":\"disclosed\""));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s proactive cite-earlier "
	    "2026-0002 2026-0001", db), 0);
	/* The earlier reply went out with its 文号, which is cited. */
	ck_assert_str_eq(out, "2026年2月2日，示范公开〔2026〕1号，登记编号："
	    "2026-0001\n");
	free(out);
	ck_assert_int_ne(test_run(NULL, "--db %s proactive cite-earlier "
	    "2026-0001 2026-0002", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s proactive repeats 2026-0001 "
	    "--json", db), 0);
	ck_assert_str_eq(out, "[]\n");
	free(out);
	ck_assert_int_eq(test_run(NULL, "--db %s proactive repeats 2099-0001",
	    db), 4);
	test_rmdir(dir);
}
END_TEST

/* ---- Reads never write ------------------------------------------------- */

/* The case_keys rows as text, read on a second connection. */
static char *
keys_dump(sqlite3 *db)
{
	sqlite3_stmt	*st;
	char		*s;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) || ':' ||"
	    " group_concat(case_id || ',' || coalesce(id_key, '-') || ',' ||"
	    " coalesce(np_key, '-') || ',' || grouped || ',' || stale, ';')"
	    " FROM (SELECT * FROM case_keys ORDER BY case_id)", -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = strdup(sqlite3_column_text(st, 0) != NULL ?
	    (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return s;
}

static long long
data_version(sqlite3 *db)
{
	sqlite3_stmt	*st;
	long long	 v;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA data_version", -1,
	    &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * The views (repeat_find, fee_month_counter, the Art. 44 groups and
 * counts, the intake gate, the 热点分析) write nothing, not even the identity keys of a
 * case whose keys are stale or were never computed: those are computed
 * in memory, so the views still find the earlier request.  Checked with
 * PRAGMA data_version and the case_keys rows seen by another
 * connection.
 */
START_TEST(test_views_read_only)
{
	struct pxfix		 f;
	struct repeat_hit	*h = NULL;
	struct proactive_group	*g = NULL;
	struct case_input	 in;
	struct similar		*sim = NULL;
	struct px_hotspots	 hs;
	size_t			 nsim = 0;
	sqlite3			*db;
	char			 path[512], a[32], b[32], c[32], month[8];
	char			*before, *after;
	long long		 v0;
	size_t			 n = 0;
	int			 upto, total, k;

	pxfix_open(&f);
	pxfix_case(&f, "2026-03-02", "张三", ID_A, NULL, REQ, a);
	reply(&f, a, "2026-03-10", "disclosed", 0);
	pxfix_case(&f, "2026-03-05", "张三", ID_A, NULL, REQ, b);
	pxfix_case(&f, "2026-03-06", "王五", NULL, "13800001111", REQ, c);
	snprintf(path, sizeof(path), "%s/f.db", f.dir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	/* As if b had come in before the keys existed, and c's applicant
	 * had been corrected since its keys were stored. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE case_keys SET id_key = NULL,"
	    " np_key = NULL, stale = 1, grouped = 0 WHERE case_id ="
	    " (SELECT id FROM cases WHERE number = '2026-0002');"
	    "UPDATE case_keys SET np_key = 'nobody|0', stale = 1"
	    " WHERE case_id = (SELECT id FROM cases WHERE number ="
	    " '2026-0003')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_str_eq(b, "2026-0002");
	ck_assert_str_eq(c, "2026-0003");
	before = keys_dump(db);
	v0 = data_version(db);

	ck_assert_int_eq(repeat_find(f.st, b, &h, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].number, a);
	repeat_hits_free(h, n);
	ck_assert_int_eq(fee_month_counter(f.st, b, &upto, &total, month),
	    CM_OK);
	ck_assert_str_eq(month, "2026-03");
	ck_assert_int_eq(upto, 2);
	ck_assert_int_eq(total, 2);
	ck_assert_int_eq(fee_month_counter(f.st, c, &upto, &total, month),
	    CM_OK);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(fee_month_counter(f.st, a, &upto, &total, month),
	    CM_OK);
	ck_assert_int_eq(upto, 1);
	ck_assert_int_eq(total, 2);
	ck_assert_int_eq(proactive_groups_load(f.st, NULL, &g, &n), CM_OK);
	proactive_groups_free(g, n);
	ck_assert_int_eq(proactive_open_count(f.st, &k), CM_OK);
	memset(&in, 0, sizeof(in));
	in.applicant = "张三";
	in.id_type = "resident_id";
	in.id_number = ID_A;
	in.request = REQ;
	ck_assert_int_eq(similar_find(f.st, &in, test_day("2026-03-20"), &sim,
	    &nsim), CM_OK);
	ck_assert_uint_eq(nsim, 2);	/* a, and b by its keys as now */
	similar_free(sim, nsim);
	ck_assert_int_eq(proactive_hotspots(f.st, 2026, 5, &hs), CM_OK);
	ck_assert_int_eq(hs.all.total, 3);
	proactive_hotspots_clear(&hs);

	ck_assert_int_eq(data_version(db), v0);
	after = keys_dump(db);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	sqlite3_close(db);
	pxfix_close(&f);
}
END_TEST

/*
 * The intake gate uses the definitions of repeat requests and Art. 44
 * (cases/similarity.h): the same applicant by normalised keys (the
 * phone written differently), the same information by the bigram
 * measure with its vetoes (another year is other information).
 */
START_TEST(test_intake_gate)
{
	struct pxfix		 f;
	struct case_input	 in;
	struct similar		*v = NULL;
	char			 a[32], b[32];
	size_t			 n = 0;

	pxfix_open(&f);
	pxfix_case(&f, "2026-10-02", "王五", NULL, "138-0000-1111", REQ, a);
	pxfix_case(&f, "2026-10-03", "王五", NULL, "13800001111",
	    "示范区2023年教育经费预算执行情况", b);
	memset(&in, 0, sizeof(in));
	in.applicant = "王 五";
	in.phone = "+86 13800001111";
	in.request = "请公开示范区2024年教育经费预算执行情况。";
	ck_assert_int_eq(similar_find(f.st, &in, f.today, &v, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].number, a);
	ck_assert_int_ge(v[0].percent, 60);
	similar_free(v, n);
	/* Another applicant (another phone): nothing. */
	in.phone = "13800002222";
	ck_assert_int_eq(similar_find(f.st, &in, f.today, &v, &n), CM_OK);
	ck_assert_uint_eq(n, 0);
	similar_free(v, n);
	/* Older than SIMILAR_DAYS: nothing. */
	in.phone = "13800001111";
	ck_assert_int_eq(similar_find(f.st, &in, f.today + SIMILAR_DAYS, &v,
	    &n), CM_OK);
	ck_assert_uint_eq(n, 0);
	similar_free(v, n);
	pxfix_close(&f);
}
END_TEST

Suite *
repeat_suite(void)
{
	Suite	*s = suite_create("repeat");
	TCase	*tc;

	tc = tcase_create("repeat_keys");
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_same_applicant);
	tcase_add_test(tc, test_answered);
	suite_add_tcase(s, tc);
	tc = tcase_create("repeat_find");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	tc = tcase_create("views_read_only");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_views_read_only);
	tcase_add_test(tc, test_intake_gate);
	suite_add_tcase(s, tc);
	tc = tcase_create("repeat_cite_earlier");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cite);
	suite_add_tcase(s, tc);
	tc = tcase_create("cli_repeats");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cli_repeats);
	suite_add_tcase(s, tc);
	return s;
}
