/* SPDX-License-Identifier: ISC */
/*
 * Annual-report tests (国办公开办函〔2021〕30号; domain.md §3, decision 6):
 * hand-computed tables 三 and 四 for cases across year boundaries (a
 * request received in December and concluded in January, a correction
 * that lapses, a withdrawal, a fee that lapses and one that is paid, an
 * appeal still pending at year end), the JSON row by row through the
 * CLI, the checks and what breaks them, the drill-down lists, the lock
 * of a published year with its audited reopening, and every output
 * format with the exact labels.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/report.h"
#include "ops/report.h"
#include "store/store.h"
#include "pdfgen/report_out.h"
#include "tests/testutil.h"
#include "util/buf.h"
#include "util/json.h"
#include "web/report_html.h"

#define TODAY	"2026-11-20"

struct fix {
	char		*dir;
	char		 db[512];
	struct store	*st;
	struct calendar	*cal;
	int		 today;
	/* The scenario's cases (numbers) and appeals. */
	char		 p1[16], p2[16], b1[16], n1[16], l1[16], r1[16], o1[16];
	int64_t		 a_pending, a_direct;
};

static void
fix_open(struct fix *f)
{
	char	 err[256];

	memset(f, 0, sizeof(*f));
	f->today = test_day(TODAY);
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, f->today, err,
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

/* A new case of applicant type `type', received on `received'. */
static void
mk(struct fix *f, const char *received, const char *type, const char *name,
    char number[16])
{
	struct case_input in;
	char		 id[37], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = name;
	in.applicant_type = type;
	in.request = "示范区2025年教育经费预算执行情况";
	ck_assert_msg(case_new(f->st, f->cal, &in, "clerk", f->today, id,
	    number, 16, err, sizeof(err)) == CM_OK, "%s", err);
}

static void
go(struct fix *f, const char *num, const char *action, const char *on,
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
	    err, sizeof(err)) == CM_OK, "%s %s %s: %s", num, action, on, err);
}

/* register, review and accept on one day. */
static void
handle(struct fix *f, const char *num, const char *on)
{
	go(f, num, "register", on, NULL, -1);
	go(f, num, "review", on, NULL, -1);
	go(f, num, "accept", on, NULL, -1);
}

static int64_t
appeal(struct fix *f, const char *num, const char *kind, const char *filed,
    const char *result, const char *decided)
{
	struct appeal_input in;
	char		 err[256];
	int64_t		 id = 0;

	memset(&in, 0, sizeof(in));
	in.case_key = num;
	in.kind = kind;
	in.filed = filed;
	in.result = result;
	in.decided = decided;
	ck_assert_msg(appeal_add(f->st, &in, "officer", f->today, &id, err,
	    sizeof(err)) == CM_OK, "%s", err);
	return id;
}

/*
 * The scenario, hand-computed in the tests below:
 *   p1 person     received 2024-12-20, disclosed 2025-01-10 (Dec -> Jan)
 *   p2 person     received 2025-02-10, fee 50.50 yuan notified 02-12,
 *                 paid 02-20, disclosed 02-25
 *   b1 business   received 2025-03-03, correction requested 03-05,
 *                 lapsed 04-30 (other.no_correction)
 *   r1 research   received 2025-05-06, withheld.safety 05-20
 *   n1 ngo        received 2025-06-02, withdrawn 06-05 (other.other)
 *   o1 other_org  received 2025-08-01, fee 100 yuan notified 08-05,
 *                 lapsed 09-30 (other.no_fee)
 *   l1 legal      received 2025-12-29, partial 2026-01-08 (Dec -> Jan)
 * Appeals:
 *   r1 reconsideration filed 2025-06-10, pending at the end of 2025,
 *      upheld 2026-02-01
 *   p1 litigation_direct filed 2025-02-01, corrected 2025-08-01
 *   r1 litigation_after_review filed 2026-02-10, pending
 */
static void
scenario(struct fix *f)
{
	mk(f, "2024-12-20", "person", "张伟", f->p1);
	handle(f, f->p1, "2024-12-20");
	go(f, f->p1, "reply", "2025-01-10", "disclosed", -1);

	mk(f, "2025-02-10", "person", "王芳", f->p2);
	handle(f, f->p2, "2025-02-10");
	go(f, f->p2, "fee-notice", "2025-02-12", NULL, 5050);
	go(f, f->p2, "fee-paid", "2025-02-20", NULL, -1);
	go(f, f->p2, "reply", "2025-02-25", "disclosed", -1);

	mk(f, "2025-03-03", "business", "示范市宏达建筑工程有限公司", f->b1);
	go(f, f->b1, "register", "2025-03-03", NULL, -1);
	go(f, f->b1, "review", "2025-03-03", NULL, -1);
	go(f, f->b1, "request-correction", "2025-03-05", NULL, -1);
	test_delivered(f->st, f->b1, "correction", "2025-03-05", "2025-03-05");
	go(f, f->b1, "correction-lapsed", "2025-04-30", NULL, -1);

	mk(f, "2025-05-06", "research", "示范大学公共管理学院", f->r1);
	handle(f, f->r1, "2025-05-06");
	go(f, f->r1, "reply", "2025-05-20", "withheld.safety", -1);

	mk(f, "2025-06-02", "ngo", "示范市绿色家园环保协会", f->n1);
	go(f, f->n1, "withdraw", "2025-06-05", NULL, -1);

	mk(f, "2025-08-01", "other_org", "示范区青山村村民委员会", f->o1);
	handle(f, f->o1, "2025-08-01");
	go(f, f->o1, "fee-notice", "2025-08-05", NULL, 10000);
	test_delivered(f->st, f->o1, "fee", "2025-08-05", "2025-08-05");
	go(f, f->o1, "fee-lapsed", "2025-09-30", NULL, -1);

	mk(f, "2025-12-29", "legal", "示范市正衡律师事务所", f->l1);
	handle(f, f->l1, "2025-12-29");
	go(f, f->l1, "reply", "2026-01-08", "partial", -1);

	f->a_pending = appeal(f, f->r1, "reconsideration", "2025-06-10",
	    "upheld", "2026-02-01");
	f->a_direct = appeal(f, f->p1, "litigation_direct", "2025-02-01",
	    "corrected", "2025-08-01");
	appeal(f, f->r1, "litigation_after_review", "2026-02-10", NULL, NULL);
}

/* Expected table 三: rows by key, seven columns, zero elsewhere. */
struct exp_row {
	const char	*row;
	long long	 v[RC__MAX];
};

static const struct exp_row exp2024[] = {
	{ "new",		{ 1, 0, 0, 0, 0, 0, 1 } },
	{ "carried_out",	{ 1, 0, 0, 0, 0, 0, 1 } },
	{ NULL, { 0 } },
};

static const struct exp_row exp2025[] = {
	{ "new",		{ 1, 1, 1, 1, 1, 1, 6 } },
	{ "carried_in",		{ 1, 0, 0, 0, 0, 0, 1 } },
	{ "disclosed",		{ 2, 0, 0, 0, 0, 0, 2 } },
	{ "withheld.safety",	{ 0, 0, 1, 0, 0, 0, 1 } },
	{ "other.no_correction", { 0, 1, 0, 0, 0, 0, 1 } },
	{ "other.no_fee",	{ 0, 0, 0, 0, 0, 1, 1 } },
	{ "other.other",	{ 0, 0, 0, 1, 0, 0, 1 } },
	{ "concluded_total",	{ 2, 1, 1, 1, 0, 1, 6 } },
	{ "carried_out",	{ 0, 0, 0, 0, 1, 0, 1 } },
	{ NULL, { 0 } },
};

static const struct exp_row exp2026[] = {
	{ "carried_in",		{ 0, 0, 0, 0, 1, 0, 1 } },
	{ "partial",		{ 0, 0, 0, 0, 1, 0, 1 } },
	{ "concluded_total",	{ 0, 0, 0, 0, 1, 0, 1 } },
	{ NULL, { 0 } },
};

static const long long *
expected(const struct exp_row *e, int row)
{
	static const long long	 zero[RC__MAX];

	for (; e->row != NULL; e++)
		if (strcmp(e->row, report_row_key(row)) == 0)
			return e->v;
	return zero;
}

/* Every one of the 25 x 7 cells against the expected table. */
static void
check_table(const struct report *r, const struct exp_row *e)
{
	const long long	*v;
	int		 row, c;

	for (row = 0; row < RR__MAX; row++) {
		v = expected(e, row);
		for (c = 0; c < RC__MAX; c++)
			ck_assert_msg(r->app[row][c] == v[c],
			    "%d %s/%s: %lld, expected %lld", r->year,
			    report_row_key(row), report_col_key(c),
			    r->app[row][c], v[c]);
	}
}

/* The JSON text of one row, as the writer prints it. */
static void
row_json(struct buf *b, int row, const long long *v)
{
	int	 c;

	buf_printf(b, "\"%s\":{", report_row_key(row));
	for (c = 0; c < RC__MAX; c++)
		buf_printf(b, "%s\"%s\":%lld", c > 0 ? "," : "",
		    report_col_key(c), v[c]);
	buf_putc(b, '}');
}

/* Every row of the JSON output (so every cell) against the table. */
static void
check_json(const char *json, const struct exp_row *e)
{
	struct buf	 b;
	int		 row;

	buf_init(&b);
	for (row = 0; row < RR__MAX; row++) {
		buf_reset(&b);
		row_json(&b, row, expected(e, row));
		ck_assert_msg(strstr(json, buf_str(&b)) != NULL,
		    "missing %s", buf_str(&b));
	}
	buf_clear(&b);
}

static void
load(struct fix *f, int year, struct report *r)
{
	ck_assert_int_eq(report_load(f->st, year, r), CM_OK);
}

/* Decision 6 over three years, cell by cell. */
START_TEST(test_table3_across_years)
{
	struct fix	 f;
	struct report	 r;

	fix_open(&f);
	scenario(&f);
	load(&f, 2024, &r);
	check_table(&r, exp2024);
	ck_assert_int_eq(r.chk.balanced, 1);
	report_clear(&r);
	load(&f, 2025, &r);
	check_table(&r, exp2025);
	ck_assert_int_eq(r.chk.balanced, 1);
	ck_assert_int_eq(r.chk.identity_all, 1);
	ck_assert_int_eq(r.chk.total_column, 1);
	ck_assert_int_eq(r.chk.concluded_total, 1);
	ck_assert_int_eq(r.chk.carried_in, 1);
	ck_assert_int_eq(r.chk.previous_published, 0);
	ck_assert_int_eq(r.published[0], '\0');
	report_clear(&r);
	load(&f, 2026, &r);
	check_table(&r, exp2026);
	ck_assert_int_eq(r.chk.balanced, 1);
	report_clear(&r);
	fix_close(&f);
}
END_TEST

/* Table 四: filed in the year, result as of 31 December. */
START_TEST(test_table4_pending_at_year_end)
{
	struct fix	 f;
	struct report	 r;
	int		 k, i;
	long long	 e25[AK__MAX][AR__MAX + 1], e26[AK__MAX][AR__MAX + 1];

	memset(e25, 0, sizeof(e25));
	memset(e26, 0, sizeof(e26));
	/* Decided only in 2026: still pending in the 2025 table. */
	e25[AK_RECONSIDERATION][AR_PENDING] = 1;
	e25[AK_RECONSIDERATION][AR_TOTAL] = 1;
	e25[AK_LITIGATION_DIRECT][AR_CORRECTED] = 1;
	e25[AK_LITIGATION_DIRECT][AR_TOTAL] = 1;
	/* Filed in 2025: not counted again in 2026. */
	e26[AK_LITIGATION_AFTER_REVIEW][AR_PENDING] = 1;
	e26[AK_LITIGATION_AFTER_REVIEW][AR_TOTAL] = 1;
	fix_open(&f);
	scenario(&f);
	load(&f, 2025, &r);
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			ck_assert_msg(r.appeals[k][i] == e25[k][i],
			    "2025 %d/%d", k, i);
	ck_assert_int_eq(r.chk.appeals_totals, 1);
	report_clear(&r);
	load(&f, 2026, &r);
	for (k = 0; k < AK__MAX; k++)
		for (i = 0; i <= AR__MAX; i++)
			ck_assert_msg(r.appeals[k][i] == e26[k][i],
			    "2026 %d/%d", k, i);
	report_clear(&r);
	fix_close(&f);
}
END_TEST

/* Section 六: fees notified and paid in the year (109号). */
START_TEST(test_fees_and_draft)
{
	struct fix	 f;
	struct report	 r;

	fix_open(&f);
	scenario(&f);
	load(&f, 2025, &r);
	ck_assert_int_eq(r.fee_notices, 2);
	ck_assert_int_eq(r.fee_notice_fen, 15050);
	ck_assert_int_eq(r.fee_paid, 1);
	ck_assert_int_eq(r.fee_paid_fen, 5050);
	ck_assert_int_eq(r.conversions, 0);
	ck_assert_ptr_nonnull(strstr(r.draft6, "收费通知2件，金额合计150.50元"));
	ck_assert_ptr_nonnull(strstr(r.draft6, "实际收取信息处理费1件，共计"
	    "50.50元"));
	ck_assert_ptr_nonnull(strstr(r.draft6, "转为主动公开0条"));
	ck_assert_ptr_nonnull(strstr(r.draft6, "第四十四条"));
	ck_assert_int_eq(r.received[1], 1);	/* February */
	ck_assert_int_eq(r.received[11], 1);	/* December */
	ck_assert_int_eq(r.concluded[0], 1);	/* January: p1 */
	ck_assert_int_eq(r.concluded[1], 1);
	report_clear(&r);
	fix_close(&f);
}
END_TEST

/* The CLI's JSON, row by row (so every cell), with the contract keys. */
START_TEST(test_json_cli)
{
	struct fix	 f;
	char		*out;

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(test_run(&out, "--db '%s' report annual --year 2025 "
	    "--format json", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "{\"year\":2025,"));
	check_json(out, exp2025);
	ck_assert_ptr_nonnull(strstr(out, "\"appeals\":{\"reconsideration\":"
	    "{\"upheld\":0,\"corrected\":0,\"other\":0,\"pending\":1,"
	    "\"total\":1},\"litigation_direct\":{\"upheld\":0,\"corrected\":1,"
	    "\"other\":0,\"pending\":0,\"total\":1},\"litigation_after_review\":"
	    "{\"upheld\":0,\"corrected\":0,\"other\":0,\"pending\":0,"
	    "\"total\":0}}"));
	ck_assert_ptr_nonnull(strstr(out, "\"checks\":{\"balanced\":true,"));
	ck_assert_ptr_nonnull(strstr(out, "\"carried_in_previous\":true"));
	ck_assert_ptr_nonnull(strstr(out, "\"published\":null"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' report annual --year 2024",
	    f.db), 0);
	check_json(out, exp2024);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' report annual --year 2026",
	    f.db), 0);
	check_json(out, exp2026);
	free(out);
	/* Bad years and formats are refused. */
	ck_assert_int_eq(test_run(NULL, "--db '%s' report annual --year 2027",
	    f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report annual --year 19x9",
	    f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report annual --year 2025 "
	    "--format doc", f.db), 3);
	fix_close(&f);
}
END_TEST

struct count {
	int	 n;
	char	 numbers[256];
};

static int
count_row(const struct case_row *r, void *arg)
{
	struct count	*c = arg;

	c->n++;
	strncat(c->numbers, r->number, sizeof(c->numbers) -
	    strlen(c->numbers) - 2);
	strcat(c->numbers, " ");
	return 0;
}

/* Every number's drill-down list has exactly that many cases. */
START_TEST(test_drilldown)
{
	struct fix	 f;
	struct report	 r;
	struct count	 c;
	char		*out;
	int		 row, col, y;

	fix_open(&f);
	scenario(&f);
	for (y = 2024; y <= 2026; y++) {
		load(&f, y, &r);
		for (row = 0; row < RR__MAX; row++)
			for (col = 0; col < RC__MAX; col++) {
				memset(&c, 0, sizeof(c));
				ck_assert_int_eq(report_cell_cases(f.st, y, row,
				    col, count_row, &c), CM_OK);
				ck_assert_msg(c.n == r.app[row][col],
				    "%d %s/%s: %d listed, %lld counted", y,
				    report_row_key(row), report_col_key(col),
				    c.n, r.app[row][col]);
			}
		report_clear(&r);
	}
	memset(&c, 0, sizeof(c));
	report_cell_cases(f.st, 2025, RR_CARRIED_IN, APPL_PERSON, count_row,
	    &c);
	ck_assert_int_eq(c.n, 1);
	ck_assert_ptr_nonnull(strstr(c.numbers, f.p1));
	ck_assert_int_eq(report_cell_cases(f.st, 2025, RR__MAX, 0, count_row,
	    &c), CM_INVALID);
	/* Table 四 likewise, per kind and result. */
	for (y = 2024; y <= 2026; y++) {
		int	 k, i;

		load(&f, y, &r);
		for (k = 0; k < AK__MAX; k++)
			for (i = 0; i <= AR_TOTAL; i++) {
				memset(&c, 0, sizeof(c));
				ck_assert_int_eq(report_appeal_cases(f.st, y, k,
				    i, count_row, &c), CM_OK);
				ck_assert_msg(c.n == r.appeals[k][i],
				    "%d appeals %d/%d: %d listed, %lld", y, k,
				    i, c.n, r.appeals[k][i]);
			}
		report_clear(&r);
	}
	ck_assert_int_eq(report_appeal_cases(f.st, 2025, AK__MAX, 0, count_row,
	    &c), CM_INVALID);
	ck_assert_int_eq(test_run(&out, "--db '%s' report cases --year 2025 "
	    "--appeal-kind reconsideration --appeal-result pending", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, f.r1));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' report cases --year 2025 "
	    "--row carried_out --col legal", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, f.l1));
	ck_assert_ptr_null(strstr(out, f.p1));
	free(out);
	fix_close(&f);
}
END_TEST

static char *
sql(const char *db, const char *q)
{
	struct buf	 res;
	char		 cmd[1024], chunk[4096];
	FILE		*p;
	size_t		 n;

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", db, q);
	buf_init(&res);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	buf_puts(&res, "");
	return buf_release(&res);
}

/* The checks catch damaged data: each fails on its own. */
START_TEST(test_checks_fail)
{
	struct fix	 f;
	struct report	 r;
	char		 err[256], *s;

	fix_open(&f);
	scenario(&f);
	/* An outcome no row knows: （七）总计 still counts the case. */
	free(sql(f.db, "UPDATE cases SET outcome = 'bogus' WHERE outcome ="
	    " 'withheld.safety'"));
	load(&f, 2025, &r);
	ck_assert_int_eq(r.chk.concluded_total, 0);
	ck_assert_int_eq(r.chk.identity_all, 1);
	ck_assert_int_eq(r.chk.balanced, 0);
	ck_assert_int_eq(r.app[RR_CONCLUDED][RC_TOTAL], 6);
	report_clear(&r);
	/* Figures that do not add up are not published. */
	ck_assert_int_eq(report_publish(f.st, 2025, "admin", f.today, err,
	    sizeof(err)), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err, "concluded total FAIL"));
	free(sql(f.db, "UPDATE cases SET outcome = 'withheld.safety' WHERE"
	    " outcome = 'bogus'"));
	/* An applicant type no column knows: 总计 still counts it. */
	free(sql(f.db, "UPDATE applicants SET type = 'alien' WHERE type ="
	    " 'ngo'"));
	load(&f, 2025, &r);
	ck_assert_int_eq(r.chk.total_column, 0);
	ck_assert_int_eq(r.chk.balanced, 0);
	ck_assert_int_eq(r.app[RR_NEW][RC_TOTAL], 6);
	report_clear(&r);
	free(sql(f.db, "UPDATE applicants SET type = 'ngo' WHERE type ="
	    " 'alien'"));
	/* A conclusion dated before receipt breaks 一+二 = （七）+四. */
	free(sql(f.db, "UPDATE cases SET received_on = '2026-02-01' WHERE"
	    " outcome = 'withheld.safety'"));
	load(&f, 2025, &r);
	ck_assert_int_eq(r.chk.identity_all, 0);
	ck_assert_int_eq(r.chk.identity[APPL_RESEARCH], 0);
	ck_assert_int_eq(r.chk.identity[APPL_PERSON], 1);
	ck_assert_int_eq(r.chk.balanced, 0);
	report_clear(&r);
	s = sql(f.db, "SELECT COUNT(*) FROM report_years");
	ck_assert_str_eq(s, "0\n");
	free(s);
	fix_close(&f);
}
END_TEST

/*
 * Publishing freezes the figures (the JSON exactly as published); a
 * published year refuses changes; reopening needs a reason and leaves
 * an audit row with the published figures; 二 of a year is checked
 * against 四 of the year before as published.
 */
START_TEST(test_publish_lock_reopen)
{
	struct fix	 f;
	struct report	 r;
	struct appeal_input in;
	char		 err[256], *json1, *json2, *s;
	int		 locked, y;
	int64_t		 id;

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(report_publish(f.st, 2026, "admin", f.today, err,
	    sizeof(err)), CM_INVALID);		/* not over yet */
	ck_assert_int_eq(report_publish(f.st, 2025, "admin", f.today, err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(report_publish(f.st, 2025, "admin", f.today, err,
	    sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(report_year_locked(f.st, 2025, &locked), CM_OK);
	ck_assert_int_eq(locked, 1);
	ck_assert_int_eq(report_year_locked(f.st, 2024, &locked), CM_OK);
	ck_assert_int_eq(locked, 0);

	ck_assert_int_eq(test_run(&json1, "--db '%s' report annual --year "
	    "2025", f.db), 0);
	ck_assert_ptr_nonnull(strstr(json1, "\"published\":\"20"));
	ck_assert_ptr_nonnull(strstr(json1, "\"published_by\":\"admin\""));
	check_json(json1, exp2025);

	/* The lock rule for case actions (cases/case.c calls it). */
	ck_assert_int_eq(report_act_locked(f.st, "2025-05-20", ACT_REPLY,
	    test_day("2026-03-01"), &y), CM_OK);
	ck_assert_int_eq(y, 2025);
	ck_assert_int_eq(report_act_locked(f.st, "2025-05-20", ACT_ARCHIVE,
	    test_day("2026-03-01"), &y), CM_OK);
	ck_assert_int_eq(y, 0);
	ck_assert_int_eq(report_act_locked(f.st, "", ACT_REPLY,
	    test_day("2025-12-31"), &y), CM_OK);
	ck_assert_int_eq(y, 2025);		/* backdated into 2025 */
	ck_assert_int_eq(report_act_locked(f.st, "", ACT_REPLY,
	    test_day("2026-01-02"), &y), CM_OK);
	ck_assert_int_eq(y, 0);
	ck_assert_int_eq(report_act_locked(f.st, "2026-01-08", ACT_ARCHIVE,
	    DATE_NONE, &y), CM_OK);
	ck_assert_int_eq(y, 0);
	ck_assert_int_eq(report_act_locked(f.st, NULL, ACT_RECEIVE,
	    test_day("2025-11-03"), &y), CM_OK);
	ck_assert_int_eq(y, 2025);		/* case new into 2025 */

	/* Appeals, table 二 and texts of 2025 are refused ... */
	memset(&in, 0, sizeof(in));
	in.case_key = f.r1;
	in.kind = "reconsideration";
	in.filed = "2025-07-01";
	ck_assert_int_eq(appeal_add(f.st, &in, "officer", f.today, &id, err,
	    sizeof(err)), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err, "reopen"));
	ck_assert_int_eq(report_figure_set(f.st, 2025, "rules.issued", "3",
	    "admin", f.today, err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(report_text_set(f.st, 2025, "一", "总体情况……",
	    "admin", f.today, err, sizeof(err)), CM_CONFLICT);
	/* ... but an appeal of 2025 still pending on 31 December may be
	 * decided later: the 2025 table counts it as pending either way;
	 * a decision within 2025 would change it. */
	ck_assert_int_eq(appeal_decide(f.st, f.a_pending, "corrected",
	    "2026-03-01", "officer", f.today, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(appeal_decide(f.st, f.a_pending, "pending", NULL,
	    "officer", f.today, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(appeal_decide(f.st, f.a_pending, "upheld",
	    "2025-12-01", "officer", f.today, err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(appeal_decide(f.st, f.a_direct, "upheld",
	    "2025-09-01", "officer", f.today, err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(appeal_decide(f.st, f.a_direct, "corrected",
	    "2025-08-01", "officer", f.today, err, sizeof(err)), CM_OK);
	in.filed = "2026-01-05";		/* 2026 is not published */
	ck_assert_int_eq(appeal_add(f.st, &in, "officer", f.today, &id, err,
	    sizeof(err)), CM_OK);

	/* Data changed behind the lock: the published figures stand. */
	free(sql(f.db, "UPDATE cases SET outcome = 'withheld.law' WHERE"
	    " outcome = 'withheld.safety'"));
	ck_assert_int_eq(test_run(&json2, "--db '%s' report annual --year "
	    "2025", f.db), 0);
	ck_assert_str_eq(json1, json2);
	free(json2);
	load(&f, 2025, &r);
	check_table(&r, exp2025);
	ck_assert_str_ne(r.published, "");
	report_clear(&r);
	/* 2026 compares its 二 with 2025's 四 as published. */
	load(&f, 2026, &r);
	ck_assert_int_eq(r.chk.previous_published, 1);
	ck_assert_int_eq(r.chk.carried_in, 1);
	report_clear(&r);

	/* Reopening: a reason is required; only a published year. */
	ck_assert_int_eq(report_reopen(f.st, 2025, "", "admin", f.today, err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(report_reopen(f.st, 2024, "更正", "admin", f.today,
	    err, sizeof(err)), CM_NOTFOUND);
	ck_assert_int_eq(report_reopen(f.st, 2025, "更正第三项数据", "admin",
	    f.today, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(report_year_locked(f.st, 2025, &locked), CM_OK);
	ck_assert_int_eq(locked, 0);
	s = sql(f.db, "SELECT actor || '|' || action || '|' || object FROM"
	    " audit WHERE action LIKE 'report.%' ORDER BY id");
	ck_assert_str_eq(s, "admin|report.publish|report:2025\n"
	    "admin|report.reopen|report:2025\n");
	free(s);
	s = sql(f.db, "SELECT detail FROM audit WHERE action ="
	    " 'report.reopen'");
	ck_assert_ptr_nonnull(strstr(s, "更正第三项数据"));
	ck_assert_ptr_nonnull(strstr(s, "\\\"published_by\\\":\\\"admin\\\""));
	free(s);
	/* Reopened: the figures are live again. */
	load(&f, 2025, &r);
	ck_assert_int_eq(r.app[RR_OUTCOME + OUT_WITHHELD_LAW][APPL_RESEARCH],
	    1);
	ck_assert_str_eq(r.published, "");
	report_clear(&r);
	free(json1);
	fix_close(&f);
}
END_TEST

/* 二 of a year against 四 of the year before as published. */
START_TEST(test_carried_in_against_published)
{
	struct fix	 f;
	struct report	 r;
	char		 err[256];

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(report_publish(f.st, 2024, "admin", f.today, err,
	    sizeof(err)), CM_OK);
	/* p1 moved into 2025 after 2024 was published. */
	free(sql(f.db, "UPDATE cases SET received_on = '2025-01-02' WHERE"
	    " received_on = '2024-12-20'"));
	load(&f, 2025, &r);
	ck_assert_int_eq(r.chk.previous_published, 1);
	ck_assert_int_eq(r.chk.previous[APPL_PERSON], 1);
	ck_assert_int_eq(r.app[RR_CARRIED_IN][APPL_PERSON], 0);
	ck_assert_int_eq(r.chk.carried_in, 0);
	ck_assert_int_eq(r.chk.identity_all, 1);
	ck_assert_int_eq(r.chk.balanced, 0);
	report_clear(&r);
	ck_assert_int_eq(report_publish(f.st, 2025, "admin", f.today, err,
	    sizeof(err)), CM_CONFLICT);
	fix_close(&f);
}
END_TEST

/* Table 二 figures and the texts, through the CLI. */
START_TEST(test_figures_and_texts)
{
	struct fix	 f;
	char		*out, path[600];
	FILE		*fp;

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key rules.issued --value 3", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key fees.amount --value 12.5", f.db), 0);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key fees.amount --value 12.34567", f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key rules.issued --value -1", f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key rules.issued --value 1.5", f.db), 3);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report set --year 2025 "
	    "--key nonsense --value 1", f.db), 3);
	snprintf(path, sizeof(path), "%s/one.txt", f.dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("本机关认真贯彻《条例》。\n<script>alert(1)</script>\n", fp);
	fclose(fp);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report text --year 2025 "
	    "--section 一 --file '%s'", f.db, path), 0);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report text --year 2025 "
	    "--section 二 --file '%s'", f.db, path), 3);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	fputs("bad \xff\xfe utf-8", fp);
	fclose(fp);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report text --year 2025 "
	    "--section 五 --file '%s'", f.db, path), 3);
	ck_assert_int_eq(test_run(&out, "--db '%s' report text --year 2025 "
	    "--section 六 --draft", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "109号"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s' report annual --year 2025",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"rules\":{\"issued\":3,"
	    "\"repealed\":null,\"in_force\":null}"));
	ck_assert_ptr_nonnull(strstr(out, "\"fees\":{\"amount_yuan\":125000,"
	    "\"amount_wan\":\"12.5\"}"));
	ck_assert_ptr_nonnull(strstr(out, "\"一\":\"本机关认真贯彻《条例》。"));
	ck_assert_ptr_nonnull(strstr(out, "\"五\":null"));
	free(out);
	/* Formatting of 万元. */
	{
		char	 s[32];

		report_fig_format(125000, s, sizeof(s));
		ck_assert_str_eq(s, "12.5");
		report_fig_format(0, s, sizeof(s));
		ck_assert_str_eq(s, "0");
		report_fig_format(10000, s, sizeof(s));
		ck_assert_str_eq(s, "1");
		report_fig_format(1, s, sizeof(s));
		ck_assert_str_eq(s, "0.0001");
	}
	fix_close(&f);
}
END_TEST

/* CSV: BOM, the exact labels, the flattened official layout. */
START_TEST(test_csv)
{
	struct fix	 f;
	char		*out;

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(test_run(&out, "--db '%s' report annual --year 2025 "
	    "--format csv", f.db), 0);
	ck_assert_int_eq(memcmp(out, "\xEF\xBB\xBF", 3), 0);
	ck_assert_ptr_nonnull(strstr(out, "（本列数据的勾稽关系为：第一项加第二项"
	    "之和，等于第三项加第四项之和）,,,申请人情况,"));
	ck_assert_ptr_nonnull(strstr(out, ",,,自然人,法人或其他组织,,,,,总计\r\n"));
	ck_assert_ptr_nonnull(strstr(out, ",,,,商业企业,科研机构,社会公益组织,"
	    "法律服务机构,其他,\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "一、本年新收政府信息公开申请数量,,,"
	    "1,1,1,1,1,1,6\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "二、上年结转政府信息公开申请数量,,,"
	    "1,0,0,0,0,0,1\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "三、本年度办理结果,（三）不予公开,"
	    "3.危及“三安全一稳定”,0,0,1,0,0,0,1\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "三、本年度办理结果,（六）其他处理,"
	    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请,"
	    "0,1,0,0,0,0,1\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "三、本年度办理结果,（七）总计,,"
	    "2,1,1,1,0,1,6\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "四、结转下年度继续办理,,,"
	    "0,0,0,0,1,0,1\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "0,0,0,1,1,0,1,0,0,1,0,0,0,0,0\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "勾稽关系检查,通过\r\n"));
	free(out);
	fix_close(&f);
}
END_TEST

/* HTML: merged headers, labels, links on every count, SVG, escaping. */
START_TEST(test_html)
{
	struct fix	 f;
	struct report	 r;
	struct buf	 b;
	char		 err[256];
	const char	*p;
	int		 n;

	fix_open(&f);
	scenario(&f);
	ck_assert_int_eq(report_text_set(f.st, 2025, "五",
	    "<script>alert(1)</script>\"'&", "admin", f.today, err,
	    sizeof(err)), CM_OK);
	load(&f, 2025, &r);
	buf_init(&b);
	report_html_page(&r, &b);
	ck_assert_ptr_nonnull(strstr(b.p, "<th class=\"corner\" rowspan=\"3\" "
	    "colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三"
	    "项加第四项之和）</th>"));
	ck_assert_ptr_nonnull(strstr(b.p, "<th class=\"l\" rowspan=\"22\">三、"
	    "本年度办理结果</th>"));
	ck_assert_ptr_nonnull(strstr(b.p, "rowspan=\"8\">（三）不予公开</th>"));
	ck_assert_ptr_nonnull(strstr(b.p, "3.危及“三安全一稳定”"));
	ck_assert_ptr_nonnull(strstr(b.p, "<th colspan=\"5\">法人或其他组织</th>"));
	ck_assert_ptr_nonnull(strstr(b.p, "<a href=\"/reports/cases?year=2025&amp;"
	    "row=carried_in&amp;col=person\">1</a>"));
	ck_assert_ptr_nonnull(strstr(b.p, "<a href=\"/reports/cases?year=2025&amp;"
	    "appeal_kind=reconsideration&amp;appeal_result=pending\">1</a>"));
	ck_assert_ptr_nonnull(strstr(b.p, "&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&quot;&#39;&amp;"));
	ck_assert_ptr_null(strstr(b.p, "<script>"));
	/* 25 x 7 counts of table 三 plus 21 outcome bars: each a link. */
	for (n = 0, p = b.p; (p = strstr(p, "href=\"/reports/cases?year=2025&amp;"
	    "row=")) != NULL; p++)
		n++;
	ck_assert_int_eq(n, RR__MAX * RC__MAX + OUT__MAX);
	for (n = 0, p = b.p; (p = strstr(p, "<svg")) != NULL; p++)
		n++;
	ck_assert_int_eq(n, 2);
	buf_clear(&b);
	report_clear(&r);
	fix_close(&f);
}
END_TEST

/* XLSX: a zip with the tables and the official merged cells. */
START_TEST(test_xlsx)
{
	struct fix	 f;
	char		 path[600];

	fix_open(&f);
	scenario(&f);
	snprintf(path, sizeof(path), "%s/r.xlsx", f.dir);
	ck_assert_int_eq(test_run(NULL, "--db '%s' report annual --year 2025 "
	    "--format xlsx -o '%s'", f.db, path), 0);
	{
		char	 cmd[800], buf[65536];
		FILE	*p;
		size_t	 n;

		snprintf(cmd, sizeof(cmd), "unzip -p '%s' "
		    "xl/worksheets/sheet2.xml", path);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(p);
		n = fread(buf, 1, sizeof(buf) - 1, p);
		buf[n] = '\0';
		ck_assert_int_eq(pclose(p), 0);
		ck_assert_ptr_nonnull(strstr(buf, "<mergeCell ref=\"A2:C4\"/>"));
		ck_assert_ptr_nonnull(strstr(buf, "<mergeCell ref=\"E3:I3\"/>"));
		ck_assert_ptr_nonnull(strstr(buf, "<mergeCell ref=\"A7:A28\"/>"));
		ck_assert_ptr_nonnull(strstr(buf, "<mergeCell ref=\"B9:B16\"/>"));
		snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/sharedStrings.xml",
		    path);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(p);
		n = fread(buf, 1, sizeof(buf) - 1, p);
		buf[n] = '\0';
		ck_assert_int_eq(pclose(p), 0);
		ck_assert_ptr_nonnull(strstr(buf, "3.危及“三安全一稳定”"));
		ck_assert_ptr_nonnull(strstr(buf, "未经复议直接起诉"));
		/* Decision 16: no sheet or cell with the checks. */
		ck_assert_ptr_null(strstr(buf, "勾稽关系检查"));
		ck_assert_ptr_null(strstr(buf, "通过"));
	}
	fix_close(&f);
}
END_TEST

/* PDF: the labels come out of the file; every glyph was found. */
START_TEST(test_pdf)
{
	struct fix	 f;
	struct report	 r;
	struct buf	 b;
	char		 err[512], path[600], cmd[800], text[65536];
	FILE		*p;
	size_t		 n;

	fix_open(&f);
	scenario(&f);
	load(&f, 2025, &r);
	buf_init(&b);
	ck_assert_msg(report_pdf_render(&r, NULL, &b, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(memcmp(b.p, "%PDF-", 5), 0);
	snprintf(path, sizeof(path), "%s/r.pdf", f.dir);
	p = fopen(path, "wb");
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fwrite(b.p, 1, b.len, p), b.len);
	fclose(p);
	snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null",
	    path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(text, 1, sizeof(text) - 1, p);
	text[n] = '\0';
	pclose(p);
	ck_assert_ptr_nonnull(strstr(text, "3.危及“三安全一稳定”"));
	ck_assert_ptr_nonnull(strstr(text, "一、本年新收政府信息公开申请数量"));
	ck_assert_ptr_nonnull(strstr(text, "四、结转下年度继续办理"));
	/* Decision 16: the document carries the 30号 content only; the
	 * format's own note on the columns stays, the check result not. */
	ck_assert_ptr_null(strstr(text, "勾稽关系检查"));
	ck_assert_ptr_nonnull(strstr(text, "未经复议直接起诉"));
	buf_clear(&b);
	report_clear(&r);
	fix_close(&f);
}
END_TEST

Suite *
report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc;

	tc = tcase_create("table3");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_table3_across_years);
	tcase_add_test(tc, test_fees_and_draft);
	tcase_add_test(tc, test_checks_fail);
	suite_add_tcase(s, tc);
	tc = tcase_create("table4");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_table4_pending_at_year_end);
	suite_add_tcase(s, tc);
	tc = tcase_create("json");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_json_cli);
	tcase_add_test(tc, test_figures_and_texts);
	suite_add_tcase(s, tc);
	tc = tcase_create("drilldown");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_drilldown);
	suite_add_tcase(s, tc);
	tc = tcase_create("lock");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_publish_lock_reopen);
	tcase_add_test(tc, test_carried_in_against_published);
	suite_add_tcase(s, tc);
	tc = tcase_create("formats");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_xlsx);
	tcase_add_test(tc, test_pdf);
	suite_add_tcase(s, tc);
	return s;
}
