/* SPDX-License-Identifier: ISC */
/* What reminders and 督办 are due for whom on a day (see notify.h). */
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/notify.h"

/*
 * The stage of a case due on day due, seen on day today with the
 * agency's N: overdue after the due day, "soon" from N working days
 * before it up to the due day itself, otherwise none.
 */
enum notify_stage
notify_stage(const struct calendar *cal, int today, int due, int n)
{
	if (due == DATE_NONE)
		return NS_NONE;
	if (today > due)
		return NS_OVERDUE;
	if (calendar_workdays_between(cal, today, due) <= n)
		return NS_SOON;
	return NS_NONE;
}

/*
 * Working days between today and due, as a message states them: the
 * working days left after today up to the due day (0 on the due day),
 * or, past it, minus the working days since the due day.
 */
int
notify_days(const struct calendar *cal, int today, int due)
{
	if (today > due)
		return -calendar_workdays_between(cal, due, today);
	return calendar_workdays_between(cal, today, due);
}

struct byhandler {
	const struct notify_case *c;
	size_t		 i;
};

static int
cmp_handler(const void *a, const void *b)
{
	const struct byhandler *x = a, *y = b;
	int		 r;

	if ((r = strcmp(x->c->handler, y->c->handler)) != 0)
		return r;
	if (x->c->due != y->c->due)
		return x->c->due < y->c->due ? -1 : 1;
	r = strcmp(x->c->number, y->c->number);
	return r != 0 ? r : (x->i < y->i ? -1 : x->i > y->i);
}

/* Calls fn for the 督办 of case i to one recipient each: the head,
 * then the reviewers, each name once. */
static int
plan_escalation(const struct notify_case *c, size_t i, enum notify_kind k,
    const char *const *rev, size_t nrev, notify_plan_fn fn, void *arg)
{
	size_t	 r, q;
	int	 rc;

	if (c->head != NULL && c->head[0] != '\0' &&
	    (rc = fn(k, c->head, &i, 1, arg)) != 0)
		return rc;
	for (r = 0; r < nrev; r++) {
		if (c->head != NULL && strcmp(rev[r], c->head) == 0)
			continue;
		for (q = 0; q < r && strcmp(rev[q], rev[r]) != 0; q++)
			;
		if (q < r)
			continue;
		if ((rc = fn(k, rev[r], &i, 1, arg)) != 0)
			return rc;
	}
	return 0;
}

/*
 * Plans the messages of day today (see notify.h): nothing unless today
 * is a working day; then the 督办 of every case in stage "soon" or
 * "overdue" (in the order of the array), then one digest per officer
 * (by user name) listing their cases in either stage by due date.
 * n is the agency's N (clamped to its limits).  Returns 0, or the
 * first non-zero value of fn.
 */
int
notify_plan(const struct calendar *cal, int today, int n,
    const struct notify_case *cs, size_t ncases, const char *const *rev,
    size_t nrev, notify_plan_fn fn, void *arg)
{
	struct byhandler *h;
	size_t		 i, j, k, nh = 0, *idx;
	enum notify_stage s;
	int		 rc = 0;

	if (!calendar_is_workday(cal, today))
		return 0;
	if (n < LIM_REMIND_DAYS_MIN || n > LIM_REMIND_DAYS_MAX)
		n = LIM_REMIND_DAYS_DEFAULT;
	for (i = 0; i < ncases; i++) {
		s = notify_stage(cal, today, cs[i].due, n);
		if (s == NS_NONE)
			continue;
		if ((rc = plan_escalation(&cs[i], i, s == NS_SOON ? NK_SOON :
		    NK_OVERDUE, rev, nrev, fn, arg)) != 0)
			return rc;
	}
	if (ncases == 0)
		return 0;
	h = calloc(ncases, sizeof(*h));
	idx = calloc(ncases, sizeof(*idx));
	if (h == NULL || idx == NULL) {
		free(h);
		free(idx);
		return -1;
	}
	for (i = 0; i < ncases; i++)
		if (cs[i].handler != NULL && cs[i].handler[0] != '\0' &&
		    notify_stage(cal, today, cs[i].due, n) != NS_NONE) {
			h[nh].c = &cs[i];
			h[nh++].i = i;
		}
	qsort(h, nh, sizeof(*h), cmp_handler);
	for (i = 0; i < nh && rc == 0; i = j) {
		for (j = i, k = 0; j < nh && strcmp(h[j].c->handler,
		    h[i].c->handler) == 0; j++)
			if (k < LIM_NOTIFY_CASES)
				idx[k++] = h[j].i;
		rc = fn(NK_DIGEST, h[i].c->handler, idx, k, arg);
	}
	free(h);
	free(idx);
	return rc;
}

/* Whether minute_cn (minutes since midnight, China time) falls in the
 * quiet hours, when the server sends nothing. */
int
notify_quiet(int minute_cn)
{
	return minute_cn >= LIM_NOTIFY_QUIET_FROM ||
	    minute_cn < LIM_NOTIFY_QUIET_TO;
}

/* Seconds to wait before the next attempt after `attempts` failed
 * ones: 5 minutes, doubling, at most 6 hours. */
long
notify_backoff(int attempts)
{
	long	 s = LIM_NOTIFY_RETRY_SECS;
	int	 i;

	for (i = 1; i < attempts && s < LIM_NOTIFY_RETRY_MAX_SECS; i++)
		s *= 2;
	return s < LIM_NOTIFY_RETRY_MAX_SECS ? s : LIM_NOTIFY_RETRY_MAX_SECS;
}

/* The code stored in reminders.kind. */
const char *
notify_kind_code(enum notify_kind k)
{
	static const char *const codes[] = { "digest", "soon", "overdue" };

	return codes[k];
}
