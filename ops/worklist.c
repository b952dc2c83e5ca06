/* SPDX-License-Identifier: ISC */
/* The case list, dashboard figures and search (see worklist.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/deadline.h"
#include "cases/limits.h"
#include "store/store.h"
#include "store/store_web.h"
#include "store/store_dashcache.h"
#include "ops/worklist.h"
#include "util/buf.h"
#include "util/utf8.h"

const char *const list_sort_codes[SORT__MAX] = {
	[SORT_DUE] = "due",
	[SORT_RECEIVED] = "received",
	[SORT_NUMBER] = "number",
};

int
list_sort_find(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < SORT__MAX; i++)
		if (strcmp(list_sort_codes[i], s) == 0)
			return i;
	return -1;
}

static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* A case number: YYYY-NNNN (four or more digits of sequence). */
static int
is_case_number(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 9 && n <= 16 && digits(s, 4) && s[4] == '-' &&
	    digits(s + 5, n - 5);
}

/*
 * Whether c is a well-formed cursor for this order: "DATE,NUMBER" for
 * due and receipt dates (DATE may be 9999-12-31 for a stopped clock),
 * "YEAR,SEQ" for case numbers.
 */
int
worklist_cursor_valid(enum list_sort sort, const char *c)
{
	const char	*comma;
	int		 day;
	char		 d[DATE_STRLEN];

	if (c == NULL || strlen(c) >= LIST_CURSOR_MAX ||
	    (comma = strchr(c, ',')) == NULL)
		return 0;
	if (sort == SORT_NUMBER)
		return comma - c == 4 && digits(c, 4) &&
		    digits(comma + 1, strlen(comma + 1)) &&
		    strlen(comma + 1) <= 9;
	if (comma - c != DATE_STRLEN - 1)
		return 0;
	memcpy(d, c, DATE_STRLEN - 1);
	d[DATE_STRLEN - 1] = '\0';
	if (strcmp(d, "9999-12-31") != 0 && date_parse(d, &day) != 0)
		return 0;
	return is_case_number(comma + 1);
}

/* Appends v in decimal, at least width digits (as "%0*d"), to out at
 * *n, truncating at LIST_CURSOR_MAX - 1 as snprintf would. */
static void
cur_int(char *out, size_t *n, long long v, int width)
{
	char			 d[24], *p = d + sizeof(d);
	unsigned long long	 u;

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (v < 0)
		width--;	/* the sign counts in the width */
	do {
		*--p = (char)('0' + u % 10);
		width--;
	} while ((u /= 10) != 0 || width > 0);
	if (v < 0)
		*--p = '-';
	while (p < d + sizeof(d) && *n < LIST_CURSOR_MAX - 1)
		out[(*n)++] = *p++;
}

static void
cur_str(char *out, size_t *n, const char *s)
{
	while (s != NULL && *s != '\0' && *n < LIST_CURSOR_MAX - 1)
		out[(*n)++] = *s++;
}

/* The cursor that continues a list after row r: "%04d,%d" of year and
 * sequence, or "%s,%s" of key and number, built without printf (every
 * row of a page computes one). */
void
worklist_cursor(enum list_sort sort, const struct list_row *r,
    char out[LIST_CURSOR_MAX])
{
	size_t	 n = 0;

	if (sort == SORT_NUMBER) {
		cur_int(out, &n, r->year, 4);
		cur_str(out, &n, ",");
		cur_int(out, &n, r->seq, 1);
	} else {
		cur_str(out, &n, r->key);
		cur_str(out, &n, ",");
		cur_str(out, &n, r->number);
	}
	out[n] = '\0';
}

/*
 * Calls fn for each case of one page of the list q describes (see
 * list_query); fn returning non-zero stops.  A malformed cursor is
 * CM_INVALID.
 */
enum cm_err
worklist_page(struct store *st, const struct list_query *q, list_fn fn,
    void *arg)
{
	struct list_query c = *q;

	if ((int)c.sort < 0 || c.sort >= SORT__MAX)
		return CM_INVALID;
	if (c.after != NULL && !worklist_cursor_valid(c.sort, c.after))
		return CM_INVALID;
	if (c.limit <= 0)
		c.limit = LIM_LIST_ROWS_DEFAULT;
	if (c.limit > LIM_LIST_ROWS)
		c.limit = LIM_LIST_ROWS;
	return store_case_page(st, &c, fn, arg);
}

/* The list row as the shared JSON row (case_row_json). */
void
worklist_case_row(const struct list_row *r, struct case_row *c)
{
	c->id = r->id;
	c->number = r->number;
	c->state = r->state;
	c->applicant = r->applicant;
	c->applicant_type = r->applicant_type;
	c->channel = r->channel;
	c->received = r->received;
	c->due = r->due;
	c->provisional = r->provisional;
	c->outcome = r->outcome;
	c->closed_on = r->closed_on;
}

/* "Due soon" is due within DL_DUE_SOON working days from today. */
void
worklist_due_soon_window(const struct calendar *cal, int today,
    char from[DATE_STRLEN], char upto[DATE_STRLEN])
{
	int	 u;

	date_format(today, from);
	u = calendar_add_workdays(cal, today, DL_DUE_SOON, NULL);
	date_format(u != DATE_NONE ? u : today, upto);
}

/* The dashboard's figures as of today for user (their open cases). */
enum cm_err
worklist_dashboard(struct store *st, const struct calendar *cal, int today,
    const char *user, struct dash_counts *d)
{
	char	 from[DATE_STRLEN], upto[DATE_STRLEN];

	worklist_due_soon_window(cal, today, from, upto);
	return store_dash_counts_cached(st, from, upto, user, d);
}

/* Wraps the caller's row function to keep the cursor and count. */
struct list_walk {
	list_fn		 fn;
	void		*arg;
	enum list_sort	 sort;
	char		 last[LIST_CURSOR_MAX];
	int		 n;
	int		 stop;
};

static int
walk_row(const struct list_row *r, void *arg)
{
	struct list_walk *w = arg;

	w->n++;
	worklist_cursor(w->sort, r, w->last);
	if (w->fn(r, w->arg) != 0) {
		w->stop = 1;
		return 1;
	}
	return 0;
}

/*
 * Calls fn for each case the filter f selects as of today, in the
 * filter's order, at most f->limit (every one when 0), walking the
 * list a page at a time; fn returning non-zero stops.  A malformed
 * cursor is CM_INVALID.
 */
enum cm_err
worklist_list(struct store *st, const struct calendar *cal, int today,
    const struct list_filter *f, list_fn fn, void *arg)
{
	struct list_query q;
	struct list_walk w;
	char		 day[DATE_STRLEN], upto[DATE_STRLEN];
	int		 left, u;
	enum cm_err	 rc;

	memset(&q, 0, sizeof(q));
	memset(&w, 0, sizeof(w));
	date_format(today, day);
	q.state = f->state;
	q.open_only = f->open;
	if (f->overdue)
		q.due_before = day;
	if (f->due_soon) {
		u = calendar_add_workdays(cal, today, f->due_days, NULL);
		date_format(u != DATE_NONE ? u : today, upto);
		q.due_from = day;
		q.due_upto = upto;
	}
	q.handler = f->handler;
	q.channel = f->channel;
	q.applicant_type = f->applicant_type;
	q.year = f->year;
	q.sort = f->sort;
	q.after = f->after;
	q.dept = f->dept;
	q.unassigned = f->unassigned;
	w.fn = fn;
	w.arg = arg;
	w.sort = f->sort;
	left = f->limit > 0 ? f->limit : -1;
	for (;;) {
		q.limit = left < 0 || left > 1000 ? 1000 : left;
		w.n = 0;
		if ((rc = worklist_page(st, &q, walk_row, &w)) != CM_OK)
			return rc;
		if (w.stop || w.n < q.limit)
			return CM_OK;
		if (left > 0 && (left -= w.n) == 0)
			return CM_OK;
		q.after = w.last;
	}
}
