/* SPDX-License-Identifier: ISC */
/*
 * Fee commands (Reg. art. 42; 国办函〔2020〕109号; cases/fee.c): quote
 * the 109号 bands, preview the fee of a case's notice (the fee-notice
 * action computes and records it),
 * the applicant's monthly counter (art. 35) and the yearly totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/fee.h"
#include "cases/limits.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "ops/fee.h"
#include "util/buf.h"
#include "util/json.h"


static const char fee_help[] =
    "usage: foidesk fee quote --method item|volume --count N [--json]\n"
    "       foidesk fee preview CASE --method item|volume [--count N]\n"
    "                 [--json]\n"
    "       foidesk fee counter CASE [--json]\n"
    "       foidesk fee totals --year Y [--json]\n\n"
    "The information-processing fee of 国办函〔2020〕109号 (Reg. art. 42),\n"
    "one method per application.  item (按件): N = the application's\n"
    "ordinal among one applicant's applications of the calendar month; it\n"
    "alone is charged: 1-10 free, 11-30 100 yuan, then bands of ten each\n"
    "100 yuan dearer (31-40: 200, ...).\n"
    "volume (按量): N = pages; 1-30 free, 31-100 10 yuan/page, 101-200 20,\n"
    "201 and above 40, each rate on the pages of its band.\n"
    "quote prints the fee in yuan.  preview prints, writing nothing, what\n"
    "`foidesk case act CASE fee-notice --method M --count N` would charge\n"
    "on an open case (item: N is the case's ordinal in the applicant's\n"
    "month, by receipt date then number; a different --count is refused;\n"
    "volume: --count pages is required); the fee-notice\n"
    "action computes and records the amount itself.  counter prints the\n"
    "applicant's applications in the case's month (same ID number, else\n"
    "same name and phone).  totals: fee notices issued, fees paid and\n"
    "lapses of a year, for the annual report.\n";

static int
usage_fail(void)
{
	fputs(fee_help, stderr);
	return EXIT_USAGE;
}

static const char *
valid_method(const char *s, enum fee_method *m)
{
	int	 k;

	if (s == NULL)
		return "必填 (required: item or volume)";
	if ((k = fee_method_find(s)) < 0)
		return "应为 item（按件）或 volume（按量）";
	*m = (enum fee_method)k;
	return NULL;
}

static void
yuan(struct json *j, const char *key, int64_t fen)
{
	char	 t[32];

	snprintf(t, sizeof(t), "%lld.%02lld", (long long)(fen / 100),
	    (long long)(fen % 100));
	json_str(j, key, t);
}

/* quote needs no database. */
static int
quote_cmd(struct cli *c, int argc, char **argv)
{
	const char	*method = NULL, *count = NULL, *m;
	struct opt	 o[] = {
		{ "method", &method, NULL },
		{ "count", &count, NULL },
		{ "json", NULL, &c->json },
	};
	enum fee_method	 meth = FEE_ITEM;
	struct fee_calc	 fc;
	char		*pos[1];
	size_t		 npos;
	long long	 n;
	struct buf	 b;
	struct json	 j;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if ((m = valid_method(method, &meth)) != NULL)
		return cli_fail("--method: %s", m);
	if (count == NULL)
		return cli_fail("--count: 必填 (required)");
	if ((m = valid_int(count, 1, FEE_MAXCOUNT, &n)) != NULL)
		return cli_fail("--count: %s", m);
	/* Per item, N is the application's ordinal in the month and
	 * only that one application is charged (decision 18). */
	if (fee_compute(meth, meth == FEE_ITEM ? (int)n : 1, (int)n,
	    &fc) != 0)
		return cli_fail("--count: 1..%d", FEE_MAXCOUNT);
	if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		fee_calc_json(&fc, &j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else
		printf("%lld\n", (long long)fc.total);
	fee_calc_clear(&fc);
	return 0;
}

/* preview CASE: what the fee notice would charge; writes nothing. */
static int
preview_cmd(struct cli *c, int argc, char **argv)
{
	const char		*method = NULL, *count = NULL, *m;
	struct opt		 o[] = {
		{ "method", &method, NULL },
		{ "count", &count, NULL },
		{ "json", NULL, &c->json },
	};
	enum fee_method		 meth = FEE_ITEM;
	struct fee_applied	 a;
	char			*pos[1], err[512];
	size_t			 npos;
	long long		 n = 0;
	int			 rc;
	struct buf		 b;
	struct json		 j;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_text(pos[0], LIM_CASE_KEY_CHARS, 1, 0)) != NULL)
		return cli_fail("案件编号无效 (bad case id: %s)", m);
	if ((m = valid_method(method, &meth)) != NULL)
		return cli_fail("--method: %s", m);
	if (count != NULL && (m = valid_int(count, 1, FEE_MAXCOUNT, &n)) !=
	    NULL)
		return cli_fail("--count: %s", m);
	if (meth == FEE_VOLUME && count == NULL)
		return cli_fail("--count: 按量计收须填写页数 (pages required)");
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = fee_work_out(c->st, pos[0], meth, (int)n, 0, &a, err,
	    sizeof(err))) != CM_OK)
		cli_fail("%s", err);
	else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_str(&j, "method", fee_methods[meth]);
		json_int(&j, "count", a.count);
		json_int(&j, "month_count", a.month_count);
		json_int(&j, "covered", a.covered);
		json_int(&j, "first", a.calc.first);
		json_int(&j, "fee", (long long)a.calc.total);
		json_str(&j, "computation", a.computation);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else
		printf("%lld\n", (long long)a.calc.total);
	fee_applied_clear(&a);
	cli_close(c);
	return cli_err_exit(e);
}

static int
counter_cmd(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	char		*pos[1], month[8];
	const char	*m;
	size_t		 npos;
	int		 rc, upto = 0, total = 0;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_text(pos[0], LIM_CASE_KEY_CHARS, 1, 0)) != NULL)
		return cli_fail("案件编号无效 (bad case id: %s)", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = fee_month_counter(c->st, pos[0], &upto, &total, month)) ==
	    CM_NOTFOUND)
		cli_fail("没有这个案件 (no such case)");
	else if (e != CM_OK)
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	else if (c->json)
		printf("{\"month\":\"%s\",\"upto\":%d,\"month_total\":%d,"
		    "\"free_items\":%d,\"over_free\":%s}\n", month, upto, total,
		    FEE_FREE_ITEMS, upto > FEE_FREE_ITEMS ? "true" : "false");
	else
		printf("%s %d/%d\n", month, upto, total);
	cli_close(c);
	return cli_err_exit(e);
}

static int
totals_cmd(struct cli *c, int argc, char **argv)
{
	const char		*year = NULL, *m;
	struct opt		 o[] = {
		{ "year", &year, NULL },
		{ "json", NULL, &c->json },
	};
	struct fee_totals	 t;
	char			*pos[1];
	size_t			 npos;
	long long		 y;
	int			 rc;
	struct buf		 b;
	struct json		 j;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year == NULL)
		return cli_fail("--year: 必填 (required)");
	if ((m = valid_int(year, LIM_YEAR_MIN, LIM_YEAR_MAX, &y)) != NULL)
		return cli_fail("--year: %s", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = fee_totals(c->st, (int)y, &t)) != CM_OK)
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_int(&j, "year", y);
		json_int(&j, "notices", t.notices);
		yuan(&j, "notices_yuan", t.notices_fen);
		json_int(&j, "paid", t.paid);
		yuan(&j, "paid_yuan", t.paid_fen);
		json_int(&j, "lapsed", t.lapsed);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else
		printf("%lld年 收费通知%d件 %lld.%02lld元；已缴费%d件 "
		    "%lld.%02lld元；逾期未缴%d件\n", y, t.notices,
		    (long long)(t.notices_fen / 100),
		    (long long)(t.notices_fen % 100), t.paid,
		    (long long)(t.paid_fen / 100), (long long)(t.paid_fen % 100),
		    t.lapsed);
	cli_close(c);
	return cli_err_exit(e);
}

/* foidesk fee SUBCOMMAND ...: see fee_help. */
int
cmd_fee(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, fee_help))
		return 0;
	if (argc < 1)
		return usage_fail();
	if (strcmp(argv[0], "quote") == 0)
		return quote_cmd(c, argc - 1, argv + 1);
	if (strcmp(argv[0], "preview") == 0)
		return preview_cmd(c, argc - 1, argv + 1);
	if (strcmp(argv[0], "apply") == 0)
		return cli_fail("fee apply 已停用：收费通知的金额由 foidesk case act "
		    "CASE fee-notice --method item|volume --count N 计算并记录"
		    "（预览：foidesk fee preview CASE --method M --count N）");
	if (strcmp(argv[0], "counter") == 0)
		return counter_cmd(c, argc - 1, argv + 1);
	if (strcmp(argv[0], "totals") == 0)
		return totals_cmd(c, argc - 1, argv + 1);
	return usage_fail();
}
