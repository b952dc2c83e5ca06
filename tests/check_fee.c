/* SPDX-License-Identifier: ISC */
/*
 * The information-processing fee (Reg. art. 42; 国办函〔2020〕109号
 * arts. 3-5, domain.md §2): the item and volume bands at every edge,
 * the computation text of the 收费通知书, the per-applicant monthly
 * counter (art. 35), fee_work_out() on a case, the fee-notice record in
 * the event payload, the yearly totals, and the `fee` commands.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/fee.h"
#include "ops/fee.h"
#include "store/letters.h"
#include "store/store.h"
#include "tests/pxfix.h"
#include "tests/testutil.h"
#include "util/buf.h"
#include "util/json.h"

/*
 * Hand-computed from 109号 art. 4 (items, one applicant, one calendar
 * month: 1-10 free; 11-30 100 yuan; from 31 bands of ten, each 100
 * yuan/item dearer) and art. 5 (pages: 1-30 free; 31-100 10; 101-200
 * 20; 201+ 40; each rate on its own band only).
 */
static const struct {
	enum fee_method	 m;
	int		 n;
	long long	 fee;
} quotes[] = {
	{ FEE_ITEM, 1, 0 },
	{ FEE_ITEM, 10, 0 },		/* last free item */
	{ FEE_ITEM, 11, 100 },		/* first charged item */
	{ FEE_ITEM, 25, 1500 },		/* 15 x 100 */
	{ FEE_ITEM, 30, 2000 },		/* 20 x 100 */
	{ FEE_ITEM, 31, 2200 },		/* + 200 */
	{ FEE_ITEM, 40, 4000 },		/* 2000 + 10 x 200 */
	{ FEE_ITEM, 41, 4300 },		/* + 300 */
	{ FEE_ITEM, 50, 7000 },		/* 4000 + 10 x 300 */
	{ FEE_ITEM, 51, 7400 },		/* + 400 */
	{ FEE_VOLUME, 1, 0 },
	{ FEE_VOLUME, 30, 0 },		/* last free page */
	{ FEE_VOLUME, 31, 10 },
	{ FEE_VOLUME, 100, 700 },	/* 70 x 10 */
	{ FEE_VOLUME, 101, 720 },	/* + 20 */
	{ FEE_VOLUME, 200, 2700 },	/* 700 + 100 x 20 */
	{ FEE_VOLUME, 201, 2740 },	/* + 40 */
	{ FEE_VOLUME, 250, 4700 },	/* 2700 + 50 x 40 */
};

START_TEST(test_quote_bands)
{
	ck_assert_msg(fee_quote(quotes[_i].m, quotes[_i].n) == quotes[_i].fee,
	    "%s %d: got %lld, want %lld", fee_methods[quotes[_i].m],
	    quotes[_i].n, (long long)fee_quote(quotes[_i].m, quotes[_i].n),
	    quotes[_i].fee);
}
END_TEST

START_TEST(test_rates)
{
	ck_assert_int_eq(fee_rate(FEE_ITEM, 10), 0);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 11), 100);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 30), 100);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 31), 200);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 40), 200);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 41), 300);
	ck_assert_int_eq(fee_rate(FEE_ITEM, 101), 900);
	ck_assert_int_eq(fee_rate(FEE_VOLUME, 30), 0);
	ck_assert_int_eq(fee_rate(FEE_VOLUME, 100), 10);
	ck_assert_int_eq(fee_rate(FEE_VOLUME, 200), 20);
	ck_assert_int_eq(fee_rate(FEE_VOLUME, 5000), 40);
	/* The largest count does not overflow. */
	ck_assert(fee_quote(FEE_ITEM, FEE_MAXCOUNT) > 0);
	ck_assert_int_eq(fee_quote(FEE_ITEM, FEE_MAXCOUNT + 1), -1);
	ck_assert_int_eq(fee_quote(FEE_ITEM, 0), 0);
	ck_assert_int_eq(fee_method_find("item"), FEE_ITEM);
	ck_assert_int_eq(fee_method_find("按量"), FEE_VOLUME);
	ck_assert_int_eq(fee_method_find("page"), -1);
	ck_assert_int_eq(fee_method_find(NULL), -1);
}
END_TEST

static void
text_of(enum fee_method m, int first, int last, const char *want)
{
	struct fee_calc	 c;
	struct buf	 b;

	buf_init(&b);
	ck_assert_int_eq(fee_compute(m, first, last, &c), 0);
	fee_text(&c, &b);
	ck_assert_msg(strcmp(buf_str(&b), want) == 0, "%d..%d: got %s", first,
	    last, buf_str(&b));
	buf_clear(&b);
	fee_calc_clear(&c);
}

START_TEST(test_text)
{
	struct fee_calc	 c;
	struct buf	 b;

	text_of(FEE_ITEM, 1, 25, "第11至25件，每件100元，计1500元");
	text_of(FEE_ITEM, 11, 25, "第11至25件，每件100元，计1500元");
	text_of(FEE_ITEM, 26, 26, "第26件，每件100元，计100元");
	text_of(FEE_ITEM, 1, 35, "第11至30件，每件100元，计2000元；第31至35件，"
	    "每件200元，计1000元；合计3000元");
	text_of(FEE_ITEM, 1, 9, "未超过免费数量（每月10件），不收费");
	text_of(FEE_VOLUME, 1, 150, "第31至100页，每页10元，计700元；第101至150"
	    "页，每页20元，计1000元；合计1700元");
	text_of(FEE_VOLUME, 1, 30, "未超过免费数量（30页），不收费");
	/* Many bands are summarised after the first two charged ones. */
	buf_init(&b);
	ck_assert_int_eq(fee_compute(FEE_ITEM, 1, 120, &c), 0);
	ck_assert_int_eq(c.nband, 11);	/* 1-10, 11-30, 31-40 ... 111-120 */
	fee_text(&c, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "第41至120件，以10件为一档，"
	    "每件300元至1000元"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "合计"));
	buf_clear(&b);
	fee_calc_clear(&c);
	ck_assert_int_eq(fee_compute(FEE_ITEM, 0, 5, &c), -1);
	ck_assert_int_eq(fee_compute(FEE_ITEM, 6, 5, &c), -1);
	ck_assert_int_eq(fee_compute(FEE_VOLUME, 1, FEE_MAXCOUNT + 1, &c), -1);
	ck_assert_int_eq(fee_compute(FEE__MAX, 1, 5, &c), -1);
}
END_TEST

START_TEST(test_json)
{
	struct fee_calc	 c;
	struct buf	 b;
	struct json	 j;

	buf_init(&b);
	json_init(&j, &b);
	ck_assert_int_eq(fee_compute(FEE_VOLUME, 1, 31, &c), 0);
	fee_calc_json(&c, &j);
	ck_assert_str_eq(buf_str(&b), "{\"method\":\"volume\",\"count\":31,"
	    "\"first\":1,\"last\":31,\"fee\":10,\"bands\":[{\"from\":1,"
	    "\"to\":30,\"rate\":0,\"subtotal\":0},{\"from\":31,\"to\":31,"
	    "\"rate\":10,\"subtotal\":10}],\"text\":\"第31页，每页10元，计10元\"}");
	fee_calc_clear(&c);
	buf_clear(&b);
}
END_TEST

/* ---- On a database ---------------------------------------------------- */

static void
act(struct pxfix *f, const char *num, const char *action, const char *on,
    const char *outcome, long long fen)
{
	struct act_input a;
	char		 err[256];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	a.outcome = outcome;
	a.amount_fen = fen;
	ck_assert_msg(case_act(f->st, f->cal, num, &a, "officer", f->today,
	    err, sizeof(err)) == CM_OK, "%s %s: %s", num, action, err);
}

static void
to_handling(struct pxfix *f, const char *num, const char *on)
{
	act(f, num, "register", on, NULL, -1);
	act(f, num, "review", on, NULL, -1);
	act(f, num, "accept", on, NULL, -1);
}

static const char *
text_get(struct pxfix *f, const char *num, const char *key, char *out,
    size_t outlen)
{
	struct case_rec	 r;
	struct case_text *t = NULL;
	size_t		 n = 0, i;

	out[0] = '\0';
	ck_assert_int_eq(store_case_get(f->st, num, &r), CM_OK);
	ck_assert_int_eq(case_texts_get(f->st, r.id, &t, &n), CM_OK);
	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			snprintf(out, outlen, "%s", t[i].value);
	case_texts_free(t, n);
	case_rec_clear(&r);
	return out;
}

#define ID_A	"11010519800312001X"

/*
 * Art. 35 / 109号 art. 4: the counter counts one applicant's
 * applications in the calendar month of the case, up to the case; the
 * same ID number, or without one the same name and phone.
 */
START_TEST(test_counter)
{
	struct pxfix	 f;
	char		 num[40][32], d[16], month[8], other[32];
	int		 i, upto, total;

	pxfix_open(&f);
	for (i = 0; i < 12; i++) {
		snprintf(d, sizeof(d), "2026-03-%02d", 2 + i);
		pxfix_case(&f, d, "张三", ID_A, "13812345678", "某项信息",
		    num[i]);
	}
	/* Another month, another person: not counted. */
	pxfix_case(&f, "2026-04-01", "张三", ID_A, "13812345678", "某项信息",
	    other);
	pxfix_case(&f, "2026-03-05", "王五", "110105198001010011",
	    "13900000000", "某项信息", other);
	ck_assert_int_eq(fee_month_counter(f.st, num[11], &upto, &total,
	    month), CM_OK);
	ck_assert_str_eq(month, "2026-03");
	ck_assert_int_eq(upto, 12);
	ck_assert_int_eq(total, 12);
	ck_assert_int_eq(fee_month_counter(f.st, num[4], &upto, &total,
	    month), CM_OK);
	ck_assert_int_eq(upto, 5);
	ck_assert_int_eq(total, 12);
	/* Same name and phone, written differently, no ID number. */
	pxfix_case(&f, "2026-05-06", "李 四", NULL, "138-1234-0000", "甲",
	    num[20]);
	pxfix_case(&f, "2026-05-07", "李四", NULL, "+86 13812340000", "乙",
	    num[21]);
	pxfix_case(&f, "2026-05-08", "李四", NULL, "13900001111", "丙",
	    num[22]);
	ck_assert_int_eq(fee_month_counter(f.st, num[21], &upto, &total,
	    month), CM_OK);
	ck_assert_int_eq(upto, 2);
	ck_assert_int_eq(total, 2);
	ck_assert_int_eq(fee_month_counter(f.st, "2099-0001", &upto, &total,
	    month), CM_NOTFOUND);
	pxfix_close(&f);
}
END_TEST

/*
 * fee_work_out per item: the bands from the items already charged by an
 * issued notice earlier in the month (fee_record) up to the count.
 */
START_TEST(test_apply_item)
{
	struct pxfix		 f;
	struct fee_applied	 a;
	char			 num[16][32], d[16], err[256], t[256];
	int			 i;

	pxfix_open(&f);
	for (i = 0; i < 14; i++) {
		snprintf(d, sizeof(d), "2026-03-%02d", 2 + i);
		pxfix_case(&f, d, "张三", ID_A, "13812345678", "某项信息",
		    num[i]);
	}
	/* The 10th application of the month is free. */
	ck_assert_int_eq(fee_work_out(f.st, num[9], FEE_ITEM, 0, 1, &a,
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(a.count, 10);
	ck_assert_int_eq(a.calc.total, 0);
	fee_applied_clear(&a);
	/* Decision 18: the 12th is charged for itself only, at the
	 * 11-30 band: 100 yuan (not items 11-12). */
	ck_assert_int_eq(fee_work_out(f.st, num[11], FEE_ITEM, 0, 1, &a,
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(a.count, 12);
	ck_assert_int_eq(a.month_count, 12);
	ck_assert_int_eq(a.calc.total, 100);
	ck_assert_int_eq(a.calc.first, 12);
	/* Working out writes no text. */
	ck_assert_str_eq(text_get(&f, num[11], "fee_method", t, sizeof(t)),
	    "");
	fee_applied_clear(&a);
	/* A count other than the ordinal is refused. */
	ck_assert_int_eq(fee_work_out(f.st, num[11], FEE_ITEM, 25, 1, &a,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "第12件"));
	fee_applied_clear(&a);
	/* The 14th pays for itself, whatever notices came before. */
	ck_assert_int_eq(fee_work_out(f.st, num[13], FEE_ITEM, 0, 1, &a,
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(a.calc.total, 100);
	ck_assert_int_eq(a.count, 14);
	fee_applied_clear(&a);
	pxfix_close(&f);
}
END_TEST

START_TEST(test_apply_volume_and_refusals)
{
	struct pxfix		 f;
	struct fee_applied	 a;
	char			 num[32], done[32], err[256];

	pxfix_open(&f);
	pxfix_case(&f, "2026-06-01", "张三", ID_A, NULL, "某项信息", num);
	ck_assert_int_eq(fee_work_out(f.st, num, FEE_VOLUME, 150, 1, &a,
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(a.calc.total, 1700);
	ck_assert_str_eq(a.computation, "第1至30页，不收费；第31至100页，每页"
	    "10元，计700元；第101至150页，每页20元，计1000元；合计1700元");
	fee_applied_clear(&a);
	/* Per volume the pages are required. */
	ck_assert_int_eq(fee_work_out(f.st, num, FEE_VOLUME, 0, 1, &a,
	    err, sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "件数或页数"));
	fee_applied_clear(&a);
	ck_assert_int_eq(fee_work_out(f.st, num, FEE_ITEM, FEE_MAXCOUNT + 1,
	    1, &a, err, sizeof(err)), CM_INVALID);
	fee_applied_clear(&a);
	/* A concluded case is refused. */
	pxfix_case(&f, "2026-06-02", "张三", ID_A, NULL, "另一项信息", done);
	to_handling(&f, done, "2026-06-02");
	act(&f, done, "reply", "2026-06-03", "disclosed", -1);
	ck_assert_int_eq(fee_work_out(f.st, done, FEE_VOLUME, 40, 1, &a,
	    err, sizeof(err)), CM_CONFLICT);
	fee_applied_clear(&a);
	ck_assert_int_eq(fee_work_out(f.st, "2099-0001", FEE_ITEM, 0, 1, &a,
	    err, sizeof(err)), CM_NOTFOUND);
	fee_applied_clear(&a);
	pxfix_close(&f);
}
END_TEST

/* The fee-notice record: written into the event payload, read back by
 * the letter (fee_notice_parse), escapes included; the explanation
 * states the free band. */
START_TEST(test_notice_record)
{
	struct fee_notice	 n, r;
	struct fee_calc		 c;
	struct buf		 b;
	struct json		 j;

	memset(&n, 0, sizeof(n));
	n.method = FEE_VOLUME;
	n.count = 250;
	n.first = 1;
	n.computed_fen = 470000;
	n.override_fen = 235000;
	n.reason = (char *)"减半收取：\"低保\"对象\n\\另附证明\t";
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	json_str(&j, "approver", "某人");
	fee_notice_json(&n, &j);
	json_bool(&j, "x", 1);
	json_null(&j, "y");
	json_obj_close(&j);
	ck_assert_int_eq(fee_notice_parse(buf_str(&b), &r), 1);
	ck_assert_int_eq(r.method, FEE_VOLUME);
	ck_assert_int_eq(r.count, 250);
	ck_assert_int_eq(r.first, 1);
	ck_assert_int_eq(r.computed_fen, 470000);
	ck_assert_int_eq(r.override_fen, 235000);
	ck_assert_int_eq(fee_notice_charged(&r), 235000);
	ck_assert_str_eq(r.reason, n.reason);
	fee_notice_clear(&r);
	buf_clear(&b);
	/* No fee, or a broken record. */
	ck_assert_int_eq(fee_notice_parse("{}", &r), 0);
	ck_assert_int_eq(fee_notice_parse("{\"approver\":\"甲\"}", &r), 0);
	ck_assert_int_eq(fee_notice_parse(NULL, &r), 0);
	ck_assert_int_eq(fee_notice_parse("{\"fee_method\":\"item\"}", &r),
	    -1);
	ck_assert_int_eq(fee_notice_parse("{\"fee_method\":\"item\","
	    "\"fee_count\":0,\"fee_first\":1,\"fee_computed_fen\":0}", &r),
	    -1);
	ck_assert_int_eq(fee_notice_parse("{\"fee_method\":\"item\","
	    "\"fee_count\":25,\"fee_first\":1,\"fee_computed_fen\":150000",
	    &r), -1);
	ck_assert_int_eq(fee_notice_parse("{\"fee_method\":\"page\","
	    "\"fee_count\":25,\"fee_first\":1,\"fee_computed_fen\":1}", &r),
	    -1);
	ck_assert_int_eq(fee_notice_parse("{\"fee_method\":\"item\","
	    "\"fee_count\":25,\"fee_first\":1,\"fee_computed_fen\":150000}",
	    &r), 1);
	ck_assert_int_eq(r.override_fen, -1);
	ck_assert_int_eq(fee_notice_charged(&r), 150000);
	ck_assert_ptr_null(r.reason);
	fee_notice_clear(&r);
	/* The explanation of 31 pages and of 25 items. */
	buf_init(&b);
	ck_assert_int_eq(fee_compute(FEE_VOLUME, 1, 31, &c), 0);
	fee_explain(&c, &b);
	ck_assert_str_eq(buf_str(&b), "第1至30页，不收费；第31页，每页10元，"
	    "计10元");
	fee_calc_clear(&c);
	buf_reset(&b);
	ck_assert_int_eq(fee_compute(FEE_ITEM, 1, 25, &c), 0);
	fee_explain(&c, &b);
	ck_assert_str_eq(buf_str(&b), "第1至10件，不收费；第11至25件，每件100元，"
	    "计1500元");
	fee_calc_clear(&c);
	buf_clear(&b);
}
END_TEST

/* Section 六 of the annual report: notices, payments, lapses. */
START_TEST(test_totals)
{
	struct pxfix		 f;
	struct fee_totals	 t;
	char			 a[32], b[32], c[32];

	pxfix_open(&f);
	pxfix_case(&f, "2025-12-01", "张三", ID_A, NULL, "甲", a);
	pxfix_case(&f, "2026-03-02", "张三", ID_A, NULL, "乙", b);
	pxfix_case(&f, "2026-03-03", "张三", ID_A, NULL, "丙", c);
	to_handling(&f, a, "2025-12-01");
	act(&f, a, "fee-notice", "2025-12-05", NULL, 150000);
	act(&f, a, "fee-paid", "2026-01-06", NULL, -1);	/* paid next year */
	to_handling(&f, b, "2026-03-02");
	act(&f, b, "fee-notice", "2026-03-04", NULL, 40000);
	act(&f, b, "fee-paid", "2026-03-10", NULL, -1);
	to_handling(&f, c, "2026-03-03");
	act(&f, c, "fee-notice", "2026-03-04", NULL, 20000);
	test_delivered(f.st, c, "fee", "2026-03-04", "2026-03-04");
	act(&f, c, "fee-lapsed", "2026-04-30", NULL, -1);
	ck_assert_int_eq(fee_totals(f.st, 2026, &t), CM_OK);
	ck_assert_int_eq(t.notices, 2);
	ck_assert_int_eq(t.notices_fen, 60000);
	ck_assert_int_eq(t.paid, 2);
	ck_assert_int_eq(t.paid_fen, 190000);
	ck_assert_int_eq(t.lapsed, 1);
	ck_assert_int_eq(fee_totals(f.st, 2025, &t), CM_OK);
	ck_assert_int_eq(t.notices, 1);
	ck_assert_int_eq(t.notices_fen, 150000);
	ck_assert_int_eq(t.paid, 0);
	ck_assert_int_eq(fee_totals(f.st, 1999, &t), CM_INVALID);
	pxfix_close(&f);
}
END_TEST

/* ---- The commands ----------------------------------------------------- */

START_TEST(test_cli_quote)
{
	char	*out;

	/* The 25th application of a month: band 11-30, 100 yuan. */
	ck_assert_int_eq(test_run(&out, "fee quote --method item --count 25"),
	    0);
	ck_assert_str_eq(out, "100\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "fee quote --method volume --count 201"),
	    0);
	ck_assert_str_eq(out, "2740\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "fee quote --method item --count 41 "
	    "--json"), 0);
	/* The 41st: band 41-50, 300 yuan. */
	ck_assert_ptr_nonnull(strstr(out, "\"fee\":300"));
	ck_assert_ptr_nonnull(strstr(out, "\"bands\":["));
	free(out);
	ck_assert_int_ne(test_run(NULL, "fee quote --method item --count 0"), 0);
	ck_assert_int_ne(test_run(NULL, "fee quote --method page --count 3"), 0);
	ck_assert_int_ne(test_run(NULL, "fee quote --method item --count 1x"),
	    0);
	ck_assert_int_ne(test_run(NULL, "fee quote --method item"), 0);
	ck_assert_int_eq(test_run(&out, "fee --help"), 0);
	ck_assert_ptr_nonnull(strstr(out, "109号"));
	free(out);
}
END_TEST

START_TEST(test_cli_apply)
{
	char	*dir = test_tmpdir(), db[512], *out;
	int	 i;

	snprintf(db, sizeof(db), "%s/f.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init", db), 0);
	for (i = 0; i < 11; i++)
		ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
		    "2026-10-%02d --channel in_person --applicant 张三 "
		    "--applicant-type person --request 信息%d --id-type "
		    "resident_id --id-number 11010519491231002X "
		    "--confirm-similar", db, 5 + i,
		    i), 0);
	ck_assert_int_eq(test_run(&out, "--db %s fee counter 2026-0011 --json",
	    db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"upto\":11"));
	ck_assert_ptr_nonnull(strstr(out, "\"over_free\":true"));
	free(out);
	/* preview writes nothing; apply is gone, pointing to the action. */
	ck_assert_int_eq(test_run(&out, "--db %s fee preview 2026-0011 --method "
	    "item", db), 0);
	ck_assert_str_eq(out, "100\n");
	free(out);
	ck_assert_int_ne(test_run(NULL, "--db %s fee preview 2026-0011 --method "
	    "volume", db), 0);
	ck_assert_int_ne(test_run(&out, "--db %s fee apply 2026-0011 --method "
	    "item", db), 0);
	ck_assert_ptr_nonnull(strstr(out, "fee-notice --method"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s fee totals --year 2026 --json",
	    db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"notices\":0"));
	free(out);
	test_rmdir(dir);
}
END_TEST

Suite *
fee_suite(void)
{
	Suite	*s = suite_create("fee");
	TCase	*tc;

	tc = tcase_create("fee_quote");
	tcase_add_loop_test(tc, test_quote_bands, 0,
	    sizeof(quotes) / sizeof(quotes[0]));
	tcase_add_test(tc, test_rates);
	suite_add_tcase(s, tc);
	tc = tcase_create("fee_text");
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_notice_record);
	suite_add_tcase(s, tc);
	tc = tcase_create("fee_month_counter");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_counter);
	suite_add_tcase(s, tc);
	tc = tcase_create("fee_apply");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_apply_item);
	tcase_add_test(tc, test_apply_volume_and_refusals);
	suite_add_tcase(s, tc);
	tc = tcase_create("fee_totals");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_totals);
	suite_add_tcase(s, tc);
	tc = tcase_create("cli_fee");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cli_quote);
	tcase_add_test(tc, test_cli_apply);
	suite_add_tcase(s, tc);
	return s;
}
