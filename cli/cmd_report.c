/* SPDX-License-Identifier: ISC */
/*
 * Annual-report commands: annual (the report in JSON, CSV, HTML, PDF or
 * XLSX), set (a table 二 figure), text (section 一, 五 or 六), publish,
 * reopen, and cases (the drill-down list behind one number).  Input is
 * validated here before the domain (cases/report.c) sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases/appeal.h"
#include "cases/limits.h"
#include "ops/annual.h"
#include "ops/appeal.h"
#include "ops/op.h"
#include "ops/case.h"
#include "cases/report.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "ops/report.h"
#include "pdfgen/report_out.h"
#include "store/store_report.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"
#include "web/report_html.h"


static const char report_help[] =
    "usage: foidesk report annual --year Y [--format json|csv|html|pdf|xlsx]\n"
    "                 [-o FILE]\n"
    "       foidesk report set --year Y --key K --value V [--by USER]\n"
    "       foidesk report text --year Y --section 一|五|六 --file F|-\n"
    "                 [--by USER]\n"
    "       foidesk report text --year Y --section 六 --draft\n"
    "       foidesk report publish --year Y [--by USER]\n"
    "       foidesk report reopen --year Y --reason TEXT [--by USER]\n"
    "       foidesk report cases --year Y --row ROW [--col COL]\n"
    "       foidesk report cases --year Y --appeal-kind K [--appeal-result R]\n\n"
    "The 政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号.\n"
    "annual: table 三 counts each application once, in the year it was\n"
    "concluded, under its final outcome (new = received in the year;\n"
    "carried_in = received earlier and open on 1 January; carried_out =\n"
    "open on 31 December); table 四 counts the appeals filed in the year\n"
    "with their result as of 31 December.  JSON (default) goes to stdout;\n"
    "-o FILE writes the file.  A published year gives the figures as\n"
    "published, with \"published\" set.\n\n"
    "set: table 二 (主动公开), keys:\n"
    "  rules.issued rules.repealed rules.in_force          规章\n"
    "  normative.issued normative.repealed normative.in_force  行政规范性文件\n"
    "  licensing.decisions penalty.decisions coercion.decisions\n"
    "                                 行政许可 / 行政处罚 / 行政强制 处理决定数量\n"
    "  fees.amount                    行政事业性收费, in 万元 (up to 4 decimals)\n"
    "text: the office's text of section 一 (总体情况), 五 (存在的主要问题及\n"
    "改进情况) or 六 (其他需要报告的事项), UTF-8, one paragraph per line;\n"
    "an empty file removes it.  --draft prints the generated draft of 六\n"
    "(fee notices and fees under 109号, conversions to proactive disclosure).\n"
    "publish: freezes the figures of a past year; then changes to cases\n"
    "concluded in that year, to its appeals, figures and texts are refused\n"
    "until reopen, which is recorded in the audit trail with the reason.\n"
    "cases: the cases behind one number, as JSON: of table 三 (ROW: new\n"
    "carried_in, an outcome code, concluded_total, carried_out; COL: person\n"
    "business research ngo legal other_org total, the default), or of\n"
    "table 四 (K: reconsideration litigation_direct litigation_after_review;\n"
    "R: upheld corrected other pending total, the default).\n";

/* Parses --year (required) into *year; prints why not and returns -1. */
static int
year_arg(const char *s, int today, int *year)
{
	long long	 y;
	const char	*m;

	if (s == NULL) {
		cli_fail("缺少 --year (--year is required)");
		return -1;
	}
	if ((m = valid_int(s, LIM_YEAR_MIN, LIM_YEAR_MAX, &y)) != NULL) {
		cli_fail("--year: %s", m);
		return -1;
	}
	if (y > date_year(today)) {
		cli_fail("年度尚未开始 (--year is in the future)");
		return -1;
	}
	*year = (int)y;
	return 0;
}

/* Parses --year (required) for an operation, which checks its range
 * itself; prints why not and returns -1. */
static int
year_op_arg(const char *s, int *year)
{
	long long	 y;
	const char	*m;

	if (s == NULL) {
		cli_fail("缺少 --year (--year is required)");
		return -1;
	}
	if ((m = valid_int(s, 0, 9999, &y)) != NULL) {
		cli_fail("--year: %s", m);
		return -1;
	}
	*year = (int)y;
	return 0;
}

/* Writes len bytes to path, or to stdout when path is NULL. */
static int
write_out(const char *path, const char *p, size_t len)
{
	FILE	*f;
	int	 bad;

	if (path == NULL) {
		if (fwrite(p, 1, len, stdout) != len || fflush(stdout) != 0)
			return cli_fail("无法输出 (write error)");
		return 0;
	}
	if ((f = fopen(path, "wb")) == NULL)
		return cli_fail("无法创建文件 (cannot create %s)", path);
	bad = fwrite(p, 1, len, f) != len;
	if (fclose(f) != 0 || bad) {
		unlink(path);
		return cli_fail("无法写入文件 (cannot write %s)", path);
	}
	return 0;
}

/* XLSX to a file, or through a temporary file to stdout. */
static int
write_xlsx(const struct report *r, const char *path)
{
	char	 tmpl[] = "/tmp/foidesk-report-XXXXXX", err[256], *data;
	FILE	*f;
	size_t	 len;
	int	 fd, rc;

	if (path != NULL) {
		if (report_xlsx_write(r, path, err, sizeof(err)) != 0)
			return cli_fail("%s", err);
		return 0;
	}
	if ((fd = mkstemp(tmpl)) == -1)
		return cli_fail("无法创建临时文件 (cannot create a temporary "
		    "file)");
	close(fd);
	if (report_xlsx_write(r, tmpl, err, sizeof(err)) != 0) {
		unlink(tmpl);
		return cli_fail("%s", err);
	}
	if ((f = fopen(tmpl, "rb")) == NULL ||
	    cli_read_stream(f, 64 * 1024 * 1024, &data, &len) != 0) {
		if (f != NULL)
			fclose(f);
		unlink(tmpl);
		return cli_fail("无法读取临时文件 (cannot read back the xlsx)");
	}
	fclose(f);
	unlink(tmpl);
	rc = write_out(NULL, data, len);
	free(data);
	return rc;
}

static int
report_annual_cmd(struct cli *c, int argc, char **argv)
{
	const char	*ys = NULL, *format = NULL, *out = NULL;
	struct opt	 o[] = {
		{ "year", &ys, NULL },
		{ "format", &format, NULL },
		{ "output", &out, NULL },
		{ "json", NULL, &c->json },
	};
	struct report	 r;
	struct buf	 b;
	char		*pos[1], **av, err[512];
	size_t		 npos;
	int		 year, i, k, rc;
	enum cm_err	 e;

	/* "-o FILE" is the one short option of the contract. */
	av = xcalloc((size_t)argc + 1, sizeof(*av));
	for (i = k = 0; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc &&
		    out == NULL) {
			out = argv[++i];
			continue;
		}
		av[k++] = argv[i];
	}
	rc = opts_parse(k, av, o, NOPT(o), pos, 0, &npos);
	free(av);
	if (rc != 0)
		return EXIT_USAGE;
	if (year_arg(ys, c->today, &year) != 0)
		return EXIT_DATA;
	if (format == NULL)
		format = "json";
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0 &&
	    strcmp(format, "xlsx") != 0)
		return cli_fail("--format: json csv html pdf xlsx");
	if (out != NULL && valid_text(out, 1024, 1, 0) != NULL)
		return cli_fail("-o: 文件名无效 (bad file name)");
	if ((rc = cli_open_view(c)) != 0)
		return rc;
	buf_init(&b);
	if ((e = report_load(c->st, year, &r)) != CM_OK) {
		rc = cli_fail("统计失败 (could not compute the report: %s)",
		    store_errmsg(c->st));
		goto out;
	}
	rc = 0;
	if (strcmp(format, "json") == 0) {
		report_json_text(&r, &b);
		buf_putc(&b, '\n');
	} else if (strcmp(format, "csv") == 0)
		report_csv(&r, &b);
	else if (strcmp(format, "html") == 0)
		report_html_page(&r, &b);
	else if (strcmp(format, "pdf") == 0) {
		if (report_pdf_render(&r, NULL, &b, err, sizeof(err)) != 0)
			rc = cli_fail("%s", err);
	} else {
		rc = write_xlsx(&r, out);
		goto out;
	}
	if (rc == 0)
		rc = write_out(out, b.p != NULL ? b.p : "", b.len);
out:
	report_clear(&r);
	buf_clear(&b);
	cli_close(c);
	return e != CM_OK ? cli_err_exit(e) : rc;
}

static int
report_set_cmd(struct cli *c, int argc, char **argv)
{
	const char	*ys = NULL, *key = NULL, *value = NULL, *by = NULL;
	const char	*who;
	struct opt	 o[] = {
		{ "year", &ys, NULL },
		{ "key", &key, NULL },
		{ "value", &value, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	struct report_figures_in in;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	char		*pos[1];
	size_t		 npos;
	int		 f, rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year_op_arg(ys, &in.year) != 0)
		return EXIT_DATA;
	if (key == NULL || value == NULL)
		return cli_fail("需要 --key 和 --value (--key and --value are "
		    "required)");
	if ((f = report_fig_find(key)) < 0)
		return cli_fail("未知的项目 '%s' (unknown --key; see report "
		    "--help)", key);
	in.v[f] = value;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_report_figures(&ctx, &in, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	cli_close(c);
	return cli_err_exit(e);
}

static int
report_text_cmd(struct cli *c, int argc, char **argv)
{
	const char	*ys = NULL, *section = NULL, *file = NULL, *by = NULL;
	const char	*who;
	int		 draft = 0;
	struct opt	 o[] = {
		{ "year", &ys, NULL },
		{ "section", &section, NULL },
		{ "file", &file, NULL },
		{ "draft", NULL, &draft },
		{ "by", &by, NULL },
	};
	struct report	 r;
	struct report_texts_in tin;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	char		*pos[1], *text = NULL;
	size_t		 npos, len;
	FILE		*f;
	int		 year, rc, s;
	enum cm_err	 e;

	memset(&tin, 0, sizeof(tin));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if ((draft ? year_arg(ys, c->today, &year) : year_op_arg(ys, &year)) !=
	    0)
		return EXIT_DATA;
	if ((s = report_section_find(section)) < 0)
		return cli_fail("--section: 一, 五 or 六");
	if (draft) {
		if (s != RS_6 || file != NULL)
			return cli_fail("--draft 只用于第六部分 (--draft: "
			    "section 六, without --file)");
		if ((rc = cli_open_read(c)) != 0)
			return rc;
		if ((e = report_load(c->st, year, &r)) == CM_OK)
			cli_print_buf(r.draft6);
		else
			cli_fail("统计失败 (could not compute the report)");
		report_clear(&r);
		cli_close(c);
		return cli_err_exit(e);
	}
	if (file == NULL)
		return cli_fail("需要 --file (--file F, or - for stdin)");
	if (strcmp(file, "-") == 0)
		f = stdin;
	else if ((f = fopen(file, "rb")) == NULL)
		return cli_fail("无法打开 %s (cannot open the file)", file);
	rc = cli_read_stream(f, LIM_REPORT_TEXT_BYTES, &text, &len);
	if (f != stdin)
		fclose(f);
	if (rc != 0)
		return cli_fail("文件过大或无法读取 (more than 64 KiB, or "
		    "unreadable)");
	if (memchr(text, '\0', len) != NULL) {
		free(text);
		return cli_fail("--file: 不能包含空字符");
	}
	if ((rc = cli_open(c)) != 0) {
		free(text);
		return rc;
	}
	if (cli_actor(c, by, &who) != 0) {
		free(text);
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	tin.year = year;
	tin.text[s] = text;
	if ((e = op_report_texts(&ctx, &tin, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	free(text);
	cli_close(c);
	return cli_err_exit(e);
}

static int
report_publish_cmd(struct cli *c, int argc, char **argv, int reopen)
{
	const char	*ys = NULL, *reason = NULL, *by = NULL, *who;
	struct opt	 o[] = {
		{ "year", &ys, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
		{ "reason", &reason, NULL },	/* reopen only: last */
	};
	struct report_year_in	 in;
	struct report_publish_out out;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	char			*pos[1];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o) - (reopen ? 0 : 1), pos, 0,
	    &npos) != 0)
		return EXIT_USAGE;
	if (year_op_arg(ys, &in.year) != 0)
		return EXIT_DATA;
	in.reason = reason;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if (reopen)
		e = op_report_reopen(&ctx, &in, &rf);
	else
		e = op_report_publish(&ctx, &in, &out, &rf);
	if (e != CM_OK)
		cli_fail("%s", rf.msg);
	else if (!reopen)
		printf("{\"year\":%d,\"published\":\"%s\"}\n", in.year,
		    out.published_at);
	else
		printf("{\"year\":%d,\"published\":null}\n", in.year);
	cli_close(c);
	return cli_err_exit(e);
}

struct cases_out {
	struct cli	*c;
	struct json	*j;
};

static int
cases_row(const struct case_row *row, void *arg)
{
	struct cases_out	*co = arg;
	struct row_clock	 k;

	case_row_clock(co->c->cal, row, co->c->today, &k);
	case_row_json(row, &k, co->j);
	return 0;
}

static int
report_cases_cmd(struct cli *c, int argc, char **argv)
{
	const char	*ys = NULL, *row = NULL, *col = NULL, *kind = NULL;
	const char	*result = NULL;
	struct opt	 o[] = {
		{ "year", &ys, NULL },
		{ "row", &row, NULL },
		{ "col", &col, NULL },
		{ "appeal-kind", &kind, NULL },
		{ "appeal-result", &result, NULL },
		{ "json", NULL, &c->json },
	};
	struct cases_out co;
	struct buf	 b;
	struct json	 j;
	char		*pos[1];
	size_t		 npos;
	int		 year, r = -1, k = -1, rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year_arg(ys, c->today, &year) != 0)
		return EXIT_DATA;
	if (kind != NULL) {
		/* Table 四: a kind and a result (or total). */
		if (row != NULL || col != NULL)
			return cli_fail("--appeal-kind 不能与 --row/--col 同用 "
			    "(table 四 or table 三, not both)");
		if ((k = appeal_kind_find(kind)) < 0)
			return cli_fail("--appeal-kind: reconsideration "
			    "litigation_direct litigation_after_review");
		if (result == NULL || strcmp(result, "total") == 0)
			r = AR_TOTAL;
		else if ((r = appeal_result_find(result)) < 0)
			return cli_fail("--appeal-result: upheld corrected "
			    "other pending total");
	} else {
		if (result != NULL)
			return cli_fail("--appeal-result 需要 --appeal-kind");
		if ((r = report_row_find(row)) < 0)
			return cli_fail("--row: new carried_in OUTCOME "
			    "concluded_total carried_out");
		if ((k = report_col_find(col != NULL ? col : "total")) < 0)
			return cli_fail("--col: person business research ngo "
			    "legal other_org total");
	}
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	buf_init(&b);
	json_init(&j, &b);
	co.c = c;
	co.j = &j;
	json_arr_open(&j, NULL);
	if (kind != NULL)
		e = report_appeal_cases(c->st, year, k, r, cases_row, &co);
	else
		e = report_cell_cases(c->st, year, r, k, cases_row, &co);
	json_arr_close(&j);
	if (e == CM_OK)
		cli_print_buf(buf_str(&b));
	else
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	buf_clear(&b);
	cli_close(c);
	return cli_err_exit(e);
}

/*
 * `foidesk report SUBCOMMAND ...`: dispatches to the subcommands above.
 * Returns the exit status (0, or EXIT_USAGE/DATA/NOTFOUND/SYS).
 */
int
cmd_report(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, report_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "annual") == 0)
		return report_annual_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "set") == 0)
		return report_set_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "text") == 0)
		return report_text_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "publish") == 0)
		return report_publish_cmd(c, argc - 1, argv + 1, 0);
	if (argc >= 1 && strcmp(argv[0], "reopen") == 0)
		return report_publish_cmd(c, argc - 1, argv + 1, 1);
	if (argc >= 1 && strcmp(argv[0], "cases") == 0)
		return report_cases_cmd(c, argc - 1, argv + 1);
	fputs(report_help, stderr);
	return EXIT_USAGE;
}
