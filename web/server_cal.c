/* SPDX-License-Identifier: ISC */
/*
 * The server's working-day calendar (web/server.c): built once, shared
 * read-only by every thread that answers requests, replaced
 * (reference-counted) after an import, here or by another process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "util/xmalloc.h"
#include "web/http.h"
#include "web/server_int.h"

#define CAL_CHECK_SECONDS	5

/* The current calendar, held until web_cal_put(). */
const struct calendar *
web_cal_get(struct web *w)
{
	const struct calendar *c;

	pthread_mutex_lock(&w->lock);
	w->cals->refs++;
	c = w->cals->cal;
	pthread_mutex_unlock(&w->lock);
	return c;
}

void
web_cal_put(struct web *w, const struct calendar *c)
{
	struct calref	**pp, *r;

	if (c == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	for (pp = &w->cals; (r = *pp) != NULL; pp = &r->next)
		if (r->cal == c) {
			r->refs--;
			/* A replaced calendar goes with its last user. */
			if (r->refs == 0 && r != w->cals) {
				*pp = r->next;
				calendar_free(r->cal);
				free(r);
			}
			break;
		}
	pthread_mutex_unlock(&w->lock);
}

/*
 * Rebuilds the calendar from the database (after an import) and makes
 * it current; requests still using the old one keep it until they end.
 * Returns 0, or -1 when it cannot be loaded (the old one stays).
 */
int
web_reload_calendar(struct web *w, struct store *st)
{
	struct calendar	*cal;
	struct calref	*r, *old;

	if ((cal = calendar_open(st)) == NULL)
		return -1;
	r = xcalloc(1, sizeof(*r));
	r->cal = cal;
	r->refs = 0;
	pthread_mutex_lock(&w->lock);
	old = w->cals;
	r->next = old;
	w->cals = r;
	if (old != NULL && old->refs == 0) {
		r->next = old->next;
		calendar_free(old->cal);
		free(old);
	}
	pthread_mutex_unlock(&w->lock);
	return 0;
}

/*
 * Every few seconds, asks the database for the calendar's version and
 * reloads the calendar when another process (`foidesk calendar
 * import`) changed it.  One request does the check; others go on.
 */
void
web_calendar_check(struct web *w, struct store *st, time_t now)
{
	char	 v[32];
	int	 due;

	pthread_mutex_lock(&w->lock);
	due = now - w->calcheck >= CAL_CHECK_SECONDS;
	if (due)
		w->calcheck = now;
	pthread_mutex_unlock(&w->lock);
	if (!due || calendar_version(st, v, sizeof(v)) != CM_OK)
		return;
	pthread_mutex_lock(&w->lock);
	due = strcmp(v, w->calver) != 0;
	pthread_mutex_unlock(&w->lock);
	if (due && web_reload_calendar(w, st) == 0) {
		pthread_mutex_lock(&w->lock);
		snprintf(w->calver, sizeof(w->calver), "%s", v);
		pthread_mutex_unlock(&w->lock);
	}
}
