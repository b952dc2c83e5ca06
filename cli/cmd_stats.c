/* SPDX-License-Identifier: ISC */
/*
 * foidesk stats: 办理情况统计, the office's own figures of a year (on-time
 * rate, working days to reply, open load, monthly trend), as text, JSON
 * or CSV, and the cases behind one figure.  Reads only; the same
 * ops/stats.c call as GET /stats, /api/stats and /stats.csv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/limits.h"
#include "cases/stats.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "ops/stats.h"
#include "store/store.h"
#include "util/buf.h"

#define NOPT(o)	(sizeof(o) / sizeof((o)[0]))

static const char stats_help[] =
    "usage: foidesk stats --year Y [--department D] [--json|--csv]\n"
    "       foidesk stats --year Y [--department D] --cases FIGURE\n"
    "           [--month M] [--officer NAME]\n"
    "\n"
    "办理情况统计: the office's own figures of year Y, as of today\n"
    "(FOIDESK_TODAY), for the whole office or one department\n"
    "(--department: its code, its id, or 0 for cases of no department).\n"
    "See docs/stats.md for the definitions:\n"
    "  received       requests received in Y (receipt date, Art 31)\n"
    "  concluded      first concluded in Y (as the annual report counts)\n"
    "  replied        ... by a reply; on time: on or before the deadline\n"
    "                 in force then (derived from the events), else late\n"
    "  other          concluded without a reply (withdrawn, lapsed)\n"
    "  on-time rate   on time / replied, to 0.1 %\n"
    "  working days   median and 90th percentile (nearest rank) of the\n"
    "                 statutory clock (suspensions excluded) and of the\n"
    "                 applicant's wait (receipt to reply, suspensions in)\n"
    "  open, overdue  open now, and past the deadline now, per officer\n"
    "                 and per department\n"
    "  months         received, replied, replied on time, and open and\n"
    "                 overdue at the month's end\n"
    "\n"
    "--cases FIGURE lists the cases behind one number, FIGURE one of\n"
    "received concluded replied ontime late other open overdue\n"
    "overdue_end (needs --month); --month M (1-12) narrows to a month,\n"
    "--officer NAME to one officer (\"\" for unassigned).\n";

static void
text_out(const struct stats *f)
{
	char	 rate[16];
	size_t	 i;
	int	 m;

	stats_rate_str(f->rate_tenths, rate);
	printf("%d年办理情况统计 (office statistics)%s%s\n", f->year,
	    f->dept < 0 ? "" : " 承办部门 ",
	    f->dept < 0 ? "" : f->dept_name[0] != '\0' ? f->dept_name :
	    "未分配部门");
	printf("收到申请 (received)      %d\n", f->received);
	printf("办结 (concluded)         %d\n", f->concluded);
	printf("作出答复 (replied)       %d\n", f->replied);
	printf("按期答复 (on time)       %d\n", f->on_time);
	printf("逾期答复 (late)          %d\n", f->late);
	printf("未经答复办结 (other)     %d\n", f->other);
	printf("按期答复率 (on-time rate) %s\n", rate);
	printf("法定工作日 (statutory wd) median %d p90 %d\n", f->med_clock,
	    f->p90_clock);
	printf("等待工作日 (wait wd)     median %d p90 %d\n", f->med_wait,
	    f->p90_wait);
	printf("在办 (open) %d, 逾期 (overdue) %d\n", f->open, f->overdue);
	printf("月份 (month)  收到 答复 按期 月末逾期\n");
	for (m = 0; m < 12; m++) {
		printf("%2d月 %9d %4d %4d ", m + 1, f->month[m].received,
		    f->month[m].replied, f->month[m].on_time);
		if (f->month[m].overdue_end < 0)
			printf("%8s\n", "-");
		else
			printf("%8d\n", f->month[m].overdue_end);
	}
	printf("承办人 (officer): 在办 逾期\n");
	for (i = 0; i < f->nofficers; i++)
		printf("  %s %d %d\n", f->officers[i].name[0] != '\0' ?
		    f->officers[i].name : "未分派", f->officers[i].open,
		    f->officers[i].overdue);
	printf("承办部门 (department): 在办 逾期\n");
	for (i = 0; i < f->ndepts; i++)
		printf("  %s %d %d\n", f->depts[i].name[0] != '\0' ?
		    f->depts[i].name : "未分配部门", f->depts[i].open,
		    f->depts[i].overdue);
}

static int
case_line(const struct stats_item *c, void *arg)
{
	char	 r[DATE_STRLEN], k[DATE_STRLEN], d[DATE_STRLEN];

	(void)arg;
	date_format(c->received, r);
	k[0] = d[0] = '\0';
	if (c->concluded != DATE_NONE)
		date_format(c->concluded, k);
	if (c->due != DATE_NONE)
		date_format(c->due, d);
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->number, c->state, r,
	    k[0] != '\0' ? k : "-", d[0] != '\0' ? d : "-",
	    c->handler[0] != '\0' ? c->handler : "-",
	    c->dept[0] != '\0' ? c->dept : "-");
	return 0;
}

static int
fail_rc(struct cli *c, enum cm_err e)
{
	if (e == CM_NOTFOUND)
		cli_fail("--department: 没有这个承办部门 (no such department)");
	else
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	cli_close(c);
	return cli_err_exit(e);
}

int
cmd_stats(struct cli *c, int argc, char **argv)
{
	const char		*year = NULL, *dept = NULL, *fig = NULL;
	const char		*month = NULL, *officer = NULL, *m;
	int			 csv = 0, y = 0, rc, k;
	struct opt		 o[] = {
		{ "year", &year, NULL },
		{ "department", &dept, NULL },
		{ "cases", &fig, NULL },
		{ "month", &month, NULL },
		{ "officer", &officer, NULL },
		{ "csv", NULL, &csv },
		{ "json", NULL, &c->json },
	};
	struct stats_sel	 sel = { SF_RECEIVED, 0, NULL, -1 };
	struct stats		 f;
	char			*pos[1];
	size_t			 npos;
	long long		 mo = 0, yy;
	struct buf		 b;
	enum cm_err		 e;

	if (cli_wants_help(argc, argv, stats_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year == NULL)
		return cli_fail("--year: 必填 (required)");
	if ((m = valid_int(year, LIM_YEAR_MIN, LIM_YEAR_MAX, &yy)) != NULL)
		return cli_fail("--year: %s", m);
	y = (int)yy;
	if (csv && c->json)
		return cli_fail("--csv 与 --json 只能选一个 (choose one)");
	if (month != NULL && (m = valid_int(month, 1, 12, &mo)) != NULL)
		return cli_fail("--month: %s", m);
	if (fig != NULL && (k = stats_fig_find(fig)) >= 0)
		sel.fig = (enum stats_fig)k;
	else if (fig != NULL)
		return cli_fail("--cases: 没有这个统计项 (unknown figure: "
		    "received concluded replied ontime late other open"
		    " overdue overdue_end)");
	if (fig == NULL && (month != NULL || officer != NULL))
		return cli_fail("--month, --officer: 需要 --cases (need --cases)");
	if (sel.fig == SF_OVERDUE_END && mo == 0)
		return cli_fail("--month: overdue_end 需要月份 (required)");
	sel.month = (int)mo;
	sel.handler = officer;
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if (fig != NULL) {
		if ((e = stats_cases(c->st, c->cal, y, dept, c->today, &sel,
		    case_line, NULL)) != CM_OK)
			return fail_rc(c, e);
		cli_close(c);
		return 0;
	}
	if ((e = stats_office(c->st, c->cal, y, dept, c->today, &f)) !=
	    CM_OK) {
		stats_clear(&f);
		return fail_rc(c, e);
	}
	if (c->json || csv) {
		buf_init(&b);
		if (csv)
			stats_csv(&f, &b);
		else {
			stats_json(&f, &b);
			buf_putc(&b, '\n');
		}
		fwrite(b.p, 1, b.len, stdout);
		buf_clear(&b);
	} else
		text_out(&f);
	stats_clear(&f);
	cli_close(c);
	return 0;
}
