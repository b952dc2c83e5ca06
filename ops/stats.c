/* SPDX-License-Identifier: ISC */
/*
 * 办理情况统计 on the store (see stats.h).  The cases a year's figures
 * can count come from one query (store_stats_cases); the events of the
 * cases first concluded in the year from one more (store_stats_events),
 * and each such case's deadline is derived again (case_clock_fold: the
 * deadline in force at that conclusion, on today's calendar), because the cached cases.due of a closed case is
 * not refreshed by a later calendar import and, after a redo, holds
 * the new reply's deadline.  Other cases keep the cached deadline,
 * which every action and calendar import refreshes while they are
 * open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/lifecycle.h"
#include "ops/case.h"
#include "ops/stats.h"
#include "store/deliveries.h"
#include "store/store.h"
#include "store/store_stats.h"
#include "util/xmalloc.h"

/*
 * The department named by key (its code, or its id in decimal): "" or
 * NULL is every department (id -1, name NULL); "0" is the cases of no
 * department (id 0, name "").  CM_NOTFOUND for an unknown one.
 */
enum cm_err
stats_dept_find(struct store *st, const char *key, long long *id,
    char **name)
{
	*id = -1;
	*name = NULL;
	if (key == NULL || key[0] == '\0')
		return CM_OK;
	if (strcmp(key, "0") == 0) {
		*id = 0;
		*name = xstrdup("");
		return CM_OK;
	}
	return store_stats_dept(st, key, id, name);
}

struct gather {
	struct stats_item	*it;
	size_t			 n, cap;
	const char		*from, *to;
	int			 bad;
};

static int
day_of(const char *s)
{
	int	 d;

	if (s == NULL || date_parse(s, &d) != 0)
		return DATE_NONE;
	return d;
}

static int
gather_row(const struct stats_row *r, void *arg)
{
	struct gather		*g = arg;
	struct stats_item	*c;
	int			 s;

	if (g->n == g->cap) {
		g->cap = g->cap == 0 ? 256 : g->cap * 2;
		g->it = xrealloc(g->it, g->cap * sizeof(*g->it));
	}
	c = &g->it[g->n];
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s", r->id);
	snprintf(c->number, sizeof(c->number), "%s", r->number);
	snprintf(c->state, sizeof(c->state), "%s", r->state);
	c->applicant = xstrdup(r->applicant != NULL ? r->applicant : "");
	c->handler = xstrdup(r->handler != NULL ? r->handler : "");
	c->dept = xstrdup(r->dept != NULL ? r->dept : "");
	c->dept_id = r->dept_id;
	c->received = day_of(r->received);
	c->concluded = day_of(r->closed);
	c->due = day_of(r->due);
	c->open = (s = case_state_find(r->state)) >= 0 &&
	    lifecycle_is_open((enum case_state)s);
	g->n++;
	if (c->received == DATE_NONE)
		g->bad = 1;
	return 0;
}

/* The index of the first closing event (reply, withdrawal, lapse), or
 * n. */
static size_t
first_close(const struct event_rec *ev, size_t n)
{
	size_t	 i;
	int	 a;

	for (i = 0; i < n; i++)
		if ((a = action_find(ev[i].action)) == ACT_REPLY ||
		    a == ACT_WITHDRAW || a == ACT_CORRECTION_LAPSED ||
		    a == ACT_FEE_LAPSED)
			return i;
	return n;
}

/* Whether a deadline period of these events runs from a notice's
 * delivery (decision 10), so that the deliveries are needed. */
static int
needs_deliveries(const struct event_rec *ev, size_t n)
{
	size_t	 i;
	int	 a;

	for (i = 0; i < n; i++)
		if ((a = action_find(ev[i].action)) == ACT_FEE_NOTICE ||
		    a == ACT_REQUEST_CORRECTION || a == ACT_CONSULT_START)
			return 1;
	return 0;
}

/*
 * Derives the deadline and the working days of a case concluded in the
 * year from its events ev[0..n) up to its first conclusion (the day
 * the annual report counts; for a case ordered to reply again, the
 * deadline of that first reply).
 */
static enum cm_err
derive(struct store *st, const struct calendar *cal, int today, int corr,
    struct stats_item *c, const struct event_rec *ev, size_t n)
{
	struct delivery		*dv = NULL;
	struct deadline		 dl;
	size_t			 ndv = 0, k;
	enum cm_err		 rc = CM_OK;

	if ((k = first_close(ev, n)) == n)
		return CM_OK;
	deadline_init(&dl);
	if (needs_deliveries(ev, k + 1) &&
	    (rc = deliveries_list(st, c->id, &dv, &ndv)) != CM_OK)
		goto out;
	if (case_clock_fold(cal, ev, k + 1, dv, ndv, today, corr, &dl) != 0) {
		rc = CM_SYSERR;
		goto out;
	}
	c->concluded = dl.closed_on;
	c->due = dl.due_base;
	c->replied = action_find(ev[k].action) == ACT_REPLY;
	/* The applicant's wait: receipt (day 0) to the reply. */
	c->wd_wait = calendar_workdays_between(cal, dl.received, dl.closed_on);
	/* The statutory clock: from the running count's day 0 (the
	 * corrected application, Art 30), without the suspensions
	 * (Arts 32, 34; 33 ¶3). */
	c->wd_clock = calendar_workdays_between(cal, dl.start, dl.closed_on) -
	    dl.suspended_days;
	if (c->wd_clock < 0)
		c->wd_clock = 0;
out:
	deadline_clear(&dl);
	deliveries_free(dv, ndv);
	return rc;
}

/* The cases concluded in the year, by id, for the events' callback. */
struct derive_ctx {
	struct store		 *st;
	const struct calendar	 *cal;
	int			  today, corr;
	struct stats_item	**byid;
	size_t			  n;
	enum cm_err		  rc;
};

static int
item_cmp(const void *a, const void *b)
{
	const struct stats_item *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static int
derive_one(const char *id, const struct event_rec *ev, size_t n, void *arg)
{
	struct derive_ctx	*d = arg;
	struct stats_item	 key, *kp = &key, **hit;

	snprintf(key.id, sizeof(key.id), "%s", id);
	if ((hit = bsearch(&kp, d->byid, d->n, sizeof(*d->byid),
	    item_cmp)) == NULL)
		return 0;
	d->rc = derive(d->st, d->cal, d->today, d->corr, *hit, ev, n);
	return d->rc != CM_OK;
}

/*
 * The cases the figures of year can count, of department dept (-1:
 * all; 0: none), as of today, with the deadline of those first
 * concluded in the year derived again.  Free with stats_items_free().
 */
enum cm_err
stats_items(struct store *st, const struct calendar *cal, int year,
    long long dept, int today, struct stats_item **out, size_t *nout)
{
	struct gather	 g;
	struct agency	 ag;
	char		 from[DATE_STRLEN], to[DATE_STRLEN];
	size_t		 i;
	int		 corr = LAW_CORRECTION_PERIOD_WD;
	enum cm_err	 rc;

	*out = NULL;
	*nout = 0;
	if (year < LIM_YEAR_MIN || year > LIM_YEAR_MAX)
		return CM_INVALID;
	memset(&g, 0, sizeof(g));
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	if (store_agency_get(st, &ag) == CM_OK && ag.correction_period > 0)
		corr = ag.correction_period;
	agency_clear(&ag);
	rc = store_stats_cases(st, from, to, dept, gather_row, &g);
	if (rc == CM_OK) {
		struct derive_ctx	 d = { st, cal, today, corr, NULL, 0,
					       CM_OK };

		d.byid = xcalloc(g.n + 1, sizeof(*d.byid));
		for (i = 0; i < g.n; i++)
			if (g.it[i].concluded != DATE_NONE &&
			    date_year(g.it[i].concluded) == year)
				d.byid[d.n++] = &g.it[i];
		qsort(d.byid, d.n, sizeof(*d.byid), item_cmp);
		rc = store_stats_events(st, from, to, dept, derive_one, &d);
		if (rc == CM_OK)
			rc = d.rc;
		free(d.byid);
	}
	if (rc == CM_OK && g.bad)
		rc = CM_SYSERR;
	if (rc != CM_OK) {
		stats_items_free(g.it, g.n);
		return rc;
	}
	*out = g.it;
	*nout = g.n;
	return CM_OK;
}

/*
 * The figures of year for the department dept (a code, an id, "0" for
 * none, or NULL/"" for the whole office) as of today.  CM_NOTFOUND for
 * an unknown department, CM_INVALID for a year out of range.  Clear f
 * with stats_clear().
 */
enum cm_err
stats_office(struct store *st, const struct calendar *cal, int year,
    const char *dept, int today, struct stats *f)
{
	struct stats_item	*it;
	size_t			 n;
	long long		 id;
	char			*name;
	enum cm_err		 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = stats_dept_find(st, dept, &id, &name)) != CM_OK)
		return rc;
	if ((rc = stats_items(st, cal, year, id, today, &it, &n)) != CM_OK) {
		free(name);
		return rc;
	}
	stats_count(f, it, n, year, today, id);
	f->dept_name = name;
	stats_items_free(it, n);
	return CM_OK;
}

/*
 * Calls fn for each case counted in the figure sel names (the same
 * predicate as the count, stats_item_in), in order of receipt; fn
 * returning non-zero stops.
 */
enum cm_err
stats_cases(struct store *st, const struct calendar *cal, int year,
    const char *dept, int today, const struct stats_sel *sel,
    int (*fn)(const struct stats_item *, void *), void *arg)
{
	struct stats_item	*it;
	size_t			 n, i;
	long long		 id;
	char			*name;
	enum cm_err		 rc;

	if ((rc = stats_dept_find(st, dept, &id, &name)) != CM_OK)
		return rc;
	free(name);
	if ((rc = stats_items(st, cal, year, id, today, &it, &n)) != CM_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (stats_item_in(&it[i], year, today, sel) &&
		    fn(&it[i], arg) != 0)
			break;
	stats_items_free(it, n);
	return CM_OK;
}

struct depts_cb {
	void	(*fn)(long long, const char *, const char *, void *);
	void	*arg;
};

static int
dept_one(const struct stats_dept *d, void *arg)
{
	struct depts_cb	*c = arg;

	c->fn(d->id, d->code, d->name, c->arg);
	return 0;
}

/* Calls fn for each department (id, code, name), in order of code. */
enum cm_err
stats_departments(struct store *st,
    void (*fn)(long long, const char *, const char *, void *), void *arg)
{
	struct depts_cb	 c = { fn, arg };

	return store_stats_depts(st, dept_one, &c);
}
