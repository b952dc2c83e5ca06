/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计, the pure part (see stats.h; definitions in
 * docs/stats.md).  No I/O, no clock: the rows and today are given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/stats.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/xmalloc.h"

const char *const stats_fig_codes[SF__MAX] = {
	[SF_RECEIVED] = "received",
	[SF_CONCLUDED] = "concluded",
	[SF_REPLIED] = "replied",
	[SF_ONTIME] = "ontime",
	[SF_LATE] = "late",
	[SF_OTHER] = "other",
	[SF_OPEN] = "open",
	[SF_OVERDUE] = "overdue",
	[SF_OVERDUE_END] = "overdue_end",
};

const char *const stats_fig_labels[SF__MAX] = {
	[SF_RECEIVED] = "收到申请",
	[SF_CONCLUDED] = "办结",
	[SF_REPLIED] = "作出答复",
	[SF_ONTIME] = "按期答复",
	[SF_LATE] = "逾期答复",
	[SF_OTHER] = "未经答复办结（撤回、视为放弃）",
	[SF_OPEN] = "在办",
	[SF_OVERDUE] = "在办且已逾期",
	[SF_OVERDUE_END] = "月末在办且已逾期",
};

/* The figure with this code, or -1. */
int
stats_fig_find(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < SF__MAX; i++)
		if (strcmp(stats_fig_codes[i], s) == 0)
			return i;
	return -1;
}

/* Whether day lies in the year, and in the month unless month is 0. */
static int
in_period(int day, int year, int month)
{
	int	 y, m, d;

	if (day == DATE_NONE)
		return 0;
	date_to_ymd(day, &y, &m, &d);
	return y == year && (month == 0 || m == month);
}

/* The last day of a month. */
static int
month_last(int year, int month)
{
	return month == 12 ? date_from_ymd(year + 1, 1, 1) - 1 :
	    date_from_ymd(year, month + 1, 1) - 1;
}

/*
 * Whether item c belongs to the figure s names for the year, as of
 * today.  The officer and department narrowings apply to every figure.
 * SF_OVERDUE_END needs a month: the case was received by the month's
 * end (today, for the current month), not yet concluded then, and its
 * deadline had passed; a month that has not begun holds no case.
 */
int
stats_item_in(const struct stats_item *c, int year, int today,
    const struct stats_sel *s)
{
	int	 end;

	if (s->handler != NULL && strcmp(s->handler, c->handler != NULL ?
	    c->handler : "") != 0)
		return 0;
	if (s->dept >= 0 && s->dept != c->dept_id)
		return 0;
	switch (s->fig) {
	case SF_RECEIVED:
		return in_period(c->received, year, s->month);
	case SF_CONCLUDED:
		return in_period(c->concluded, year, s->month);
	case SF_REPLIED:
		return c->replied && in_period(c->concluded, year, s->month);
	case SF_ONTIME:
		return c->replied && in_period(c->concluded, year, s->month) &&
		    c->due != DATE_NONE && c->concluded <= c->due;
	case SF_LATE:
		return c->replied && in_period(c->concluded, year, s->month) &&
		    (c->due == DATE_NONE || c->concluded > c->due);
	case SF_OTHER:
		return !c->replied && in_period(c->concluded, year, s->month);
	case SF_OPEN:
		return c->open;
	case SF_OVERDUE:
		return c->open && c->due != DATE_NONE && today > c->due;
	case SF_OVERDUE_END:
		if (s->month < 1 || s->month > 12 ||
		    date_from_ymd(year, s->month, 1) > today)
			return 0;
		end = month_last(year, s->month);
		if (end > today)
			end = today;
		return c->received <= end && (c->concluded == DATE_NONE ||
		    c->concluded > end) && c->due != DATE_NONE && end > c->due;
	default:
		return 0;
	}
}

static int
int_cmp(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The pct-th percentile of v[0..n) by the nearest-rank method: the
 * ceil(pct * n / 100)-th smallest value (so the median of an even
 * count is the lower of the two middle values).  Sorts v.  -1 when n
 * is 0.
 */
int
stats_percentile(int *v, size_t n, int pct)
{
	size_t	 rank;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), int_cmp);
	rank = ((size_t)pct * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

static int
load_cmp(const void *a, const void *b)
{
	const struct stats_load *x = a, *y = b;

	if (x->open != y->open)
		return y->open - x->open;
	return strcmp(x->name, y->name);
}

/* Counts the item into the open load rows (found by name). */
static void
load_add(struct stats_load **rows, size_t *n, const char *name,
    long long dept_id, int overdue)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*rows)[i].name, name) == 0 &&
		    (*rows)[i].dept_id == dept_id)
			break;
	if (i == *n) {
		*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
		memset(&(*rows)[i], 0, sizeof(**rows));
		(*rows)[i].name = xstrdup(name);
		(*rows)[i].dept_id = dept_id;
		(*n)++;
	}
	(*rows)[i].open++;
	(*rows)[i].overdue += overdue;
}

/*
 * Fills f with the year's figures from the items (one per case, of the
 * department dept or -1 for all) as of today.  Clear f with
 * stats_clear().
 */
void
stats_count(struct stats *f, const struct stats_item *it, size_t n,
    int year, int today, long long dept)
{
	struct stats_sel	 s = { SF_RECEIVED, 0, NULL, -1 };
	int			*clock, *wait;
	size_t			 i, nr = 0;
	int			 m;

	memset(f, 0, sizeof(*f));
	f->year = year;
	f->today = today;
	f->dept = dept;
	clock = xcalloc(n + 1, sizeof(*clock));
	wait = xcalloc(n + 1, sizeof(*wait));
	for (i = 0; i < n; i++) {
		s.month = 0;
		s.fig = SF_RECEIVED;
		f->received += stats_item_in(&it[i], year, today, &s);
		s.fig = SF_CONCLUDED;
		f->concluded += stats_item_in(&it[i], year, today, &s);
		s.fig = SF_ONTIME;
		f->on_time += stats_item_in(&it[i], year, today, &s);
		s.fig = SF_LATE;
		f->late += stats_item_in(&it[i], year, today, &s);
		s.fig = SF_OTHER;
		f->other += stats_item_in(&it[i], year, today, &s);
		s.fig = SF_REPLIED;
		if (stats_item_in(&it[i], year, today, &s)) {
			f->replied++;
			clock[nr] = it[i].wd_clock;
			wait[nr++] = it[i].wd_wait;
		}
		for (m = 1; m <= 12; m++) {
			s.month = m;
			s.fig = SF_RECEIVED;
			f->month[m - 1].received +=
			    stats_item_in(&it[i], year, today, &s);
			s.fig = SF_REPLIED;
			f->month[m - 1].replied +=
			    stats_item_in(&it[i], year, today, &s);
			s.fig = SF_ONTIME;
			f->month[m - 1].on_time +=
			    stats_item_in(&it[i], year, today, &s);
			s.fig = SF_OVERDUE_END;
			f->month[m - 1].overdue_end +=
			    stats_item_in(&it[i], year, today, &s);
		}
		s.month = 0;
		s.fig = SF_OPEN;
		if (stats_item_in(&it[i], year, today, &s)) {
			int	 od;

			s.fig = SF_OVERDUE;
			od = stats_item_in(&it[i], year, today, &s);
			f->open++;
			f->overdue += od;
			load_add(&f->officers, &f->nofficers,
			    it[i].handler != NULL ? it[i].handler : "", 0, od);
			load_add(&f->depts, &f->ndepts,
			    it[i].dept != NULL ? it[i].dept : "", it[i].dept_id,
			    od);
		}
	}
	for (m = 1; m <= 12; m++)
		if (date_from_ymd(year, m, 1) > today)
			f->month[m - 1].overdue_end = -1;
	f->rate_tenths = f->replied == 0 ? -1 :
	    (f->on_time * 2000 + f->replied) / (2 * f->replied);
	f->med_clock = stats_percentile(clock, nr, 50);
	f->p90_clock = stats_percentile(clock, nr, 90);
	f->med_wait = stats_percentile(wait, nr, 50);
	f->p90_wait = stats_percentile(wait, nr, 90);
	free(clock);
	free(wait);
	if (f->nofficers > 1)
		qsort(f->officers, f->nofficers, sizeof(*f->officers),
		    load_cmp);
	if (f->ndepts > 1)
		qsort(f->depts, f->ndepts, sizeof(*f->depts), load_cmp);
}

void
stats_clear(struct stats *f)
{
	size_t	 i;

	for (i = 0; i < f->nofficers; i++)
		free(f->officers[i].name);
	for (i = 0; i < f->ndepts; i++)
		free(f->depts[i].name);
	free(f->officers);
	free(f->depts);
	free(f->dept_name);
	memset(f, 0, sizeof(*f));
}

void
stats_items_free(struct stats_item *it, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(it[i].applicant);
		free(it[i].handler);
		free(it[i].dept);
	}
	free(it);
}

/* "95.5%" for 955 tenths, "—" for -1. */
void
stats_rate_str(int tenths, char out[16])
{
	if (tenths < 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%d.%d%%", tenths / 10, tenths % 10);
}

static void
json_opt(struct json *j, const char *key, int v)
{
	if (v < 0)
		json_null(j, key);
	else
		json_int(j, key, v);
}

static void
json_loads(struct json *j, const char *key, const struct stats_load *l,
    size_t n, int depts)
{
	size_t	 i;

	json_arr_open(j, key);
	for (i = 0; i < n; i++) {
		json_obj_open(j, NULL);
		if (depts)
			json_int(j, "id", l[i].dept_id);
		json_str(j, "name", l[i].name);
		json_int(j, "open", l[i].open);
		json_int(j, "overdue", l[i].overdue);
		json_obj_close(j);
	}
	json_arr_close(j);
}

/* The figures as one JSON object (GET /api/stats, stats --json). */
void
stats_json(const struct stats *f, struct buf *b)
{
	struct json	 j;
	char		 d[DATE_STRLEN], rate[16];
	int		 m;

	json_init(&j, b);
	json_obj_open(&j, NULL);
	json_int(&j, "year", f->year);
	date_format(f->today, d);
	json_str(&j, "as_of", d);
	if (f->dept < 0) {
		json_null(&j, "department");
	} else {
		json_obj_open(&j, "department");
		json_int(&j, "id", f->dept);
		json_str(&j, "name", f->dept_name != NULL ? f->dept_name : "");
		json_obj_close(&j);
	}
	json_int(&j, "received", f->received);
	json_int(&j, "concluded", f->concluded);
	json_int(&j, "replied", f->replied);
	json_int(&j, "on_time", f->on_time);
	json_int(&j, "late", f->late);
	json_int(&j, "other", f->other);
	if (f->rate_tenths < 0) {
		json_null(&j, "on_time_rate");
	} else {
		stats_rate_str(f->rate_tenths, rate);
		rate[strlen(rate) - 1] = '\0';
		json_str(&j, "on_time_rate", rate);
	}
	json_obj_open(&j, "working_days_statutory");
	json_opt(&j, "median", f->med_clock);
	json_opt(&j, "p90", f->p90_clock);
	json_obj_close(&j);
	json_obj_open(&j, "working_days_wait");
	json_opt(&j, "median", f->med_wait);
	json_opt(&j, "p90", f->p90_wait);
	json_obj_close(&j);
	json_arr_open(&j, "months");
	for (m = 0; m < 12; m++) {
		json_obj_open(&j, NULL);
		json_int(&j, "month", m + 1);
		json_int(&j, "received", f->month[m].received);
		json_int(&j, "replied", f->month[m].replied);
		json_int(&j, "on_time", f->month[m].on_time);
		json_opt(&j, "overdue_at_end", f->month[m].overdue_end);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_int(&j, "open", f->open);
	json_int(&j, "overdue", f->overdue);
	json_loads(&j, "officers", f->officers, f->nofficers, 0);
	json_loads(&j, "departments", f->depts, f->ndepts, 1);
	json_obj_close(&j);
}

static void
csv_row(struct csv *c, const char *label, int v)
{
	csv_text(c, label);
	if (v < 0)
		csv_text(c, "");
	else
		csv_int(c, v);
	csv_eol(c);
}

static void
csv_loads(struct csv *c, const char *head, const struct stats_load *l,
    size_t n, const char *none)
{
	size_t	 i;

	csv_text(c, head);
	csv_text(c, "在办");
	csv_text(c, "其中逾期");
	csv_eol(c);
	for (i = 0; i < n; i++) {
		csv_text(c, l[i].name[0] != '\0' ? l[i].name : none);
		csv_int(c, l[i].open);
		csv_int(c, l[i].overdue);
		csv_eol(c);
	}
	csv_eol(c);
}

/* The figures as CSV (UTF-8 with a byte-order mark; GET /stats.csv,
 * stats --csv): the figures, the months, the load tables. */
void
stats_csv(const struct stats *f, struct buf *b)
{
	struct csv	 c;
	char		 t[64], rate[16];
	int		 m;

	csv_init(&c, b, 0);
	csv_bom(&c);
	csv_text(&c, "办理情况统计");
	snprintf(t, sizeof(t), "%d年", f->year);
	csv_text(&c, t);
	csv_text(&c, "承办部门");
	csv_text(&c, f->dept < 0 ? "全部" : f->dept_name != NULL &&
	    f->dept_name[0] != '\0' ? f->dept_name : "未分配部门");
	date_format(f->today, t);
	csv_text(&c, "统计日");
	csv_text(&c, t);
	csv_eol(&c);
	csv_text(&c, "指标");
	csv_text(&c, "数值");
	csv_eol(&c);
	csv_row(&c, "收到申请", f->received);
	csv_row(&c, "办结", f->concluded);
	csv_row(&c, "作出答复", f->replied);
	csv_row(&c, "按期答复", f->on_time);
	csv_row(&c, "逾期答复", f->late);
	csv_row(&c, "未经答复办结", f->other);
	stats_rate_str(f->rate_tenths, rate);
	csv_text(&c, "按期答复率");
	csv_text(&c, f->rate_tenths < 0 ? "" : rate);
	csv_eol(&c);
	csv_row(&c, "法定工作日中位数（扣除中止）", f->med_clock);
	csv_row(&c, "法定工作日第90百分位（扣除中止）", f->p90_clock);
	csv_row(&c, "申请人等待工作日中位数（含中止）", f->med_wait);
	csv_row(&c, "申请人等待工作日第90百分位（含中止）", f->p90_wait);
	csv_row(&c, "在办", f->open);
	csv_row(&c, "在办且已逾期", f->overdue);
	csv_eol(&c);
	csv_text(&c, "月份");
	csv_text(&c, "收到");
	csv_text(&c, "答复");
	csv_text(&c, "按期答复");
	csv_text(&c, "月末逾期未结");
	csv_eol(&c);
	for (m = 0; m < 12; m++) {
		snprintf(t, sizeof(t), "%d月", m + 1);
		csv_text(&c, t);
		csv_int(&c, f->month[m].received);
		csv_int(&c, f->month[m].replied);
		csv_int(&c, f->month[m].on_time);
		if (f->month[m].overdue_end < 0)
			csv_text(&c, "");
		else
			csv_int(&c, f->month[m].overdue_end);
		csv_eol(&c);
	}
	csv_eol(&c);
	csv_loads(&c, "承办人", f->officers, f->nofficers, "未分派");
	csv_loads(&c, "承办部门", f->depts, f->ndepts, "未分配部门");
}
