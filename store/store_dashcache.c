/* SPDX-License-Identifier: ISC */
/*
 * The dashboard's counts (store_dash_counts), cached on the connection
 * until the database changes (issue 17: the dashboard is the page most
 * often shown, and its counts -- open cases by due date, late 补正
 * notices -- grow with the database).  The cache key is PRAGMA
 * data_version, which changes when another connection commits, with
 * this connection's own commits (struct store's commits), plus the
 * day, the due-soon window and the user.  A result is kept only when
 * the version was the same before and after counting, so that a commit
 * in between is never hidden.  Part of the store module (store_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_dashcache.h"
#include "store/store_int.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

/* Entries kept per connection (one per user of a worker thread). */
#define DASH_CACHE_N	8

struct dash_entry {
	int64_t			 version;
	unsigned long		 commits;
	char			 today[DATE_STRLEN];
	char			 soon[DATE_STRLEN];
	char			 user[64];
	struct dash_counts	 d;
	int			 valid;
};

struct dash_cache {
	struct dash_entry	 e[DASH_CACHE_N];
	unsigned		 next;		/* the entry to replace */
};

static int
entry_is(const struct dash_entry *e, int64_t v, unsigned long commits,
    const char *today, const char *soon, const char *user)
{
	return e->valid && e->version == v && e->commits == commits &&
	    strcmp(e->today, today) == 0 && strcmp(e->soon, soon) == 0 &&
	    strcmp(e->user, user) == 0;
}

/*
 * store_dash_counts(), from the cache when nothing was committed since
 * the same counts were taken on this connection.  A user name longer
 * than the cache keeps is counted every time.
 */
enum cm_err
store_dash_counts_cached(struct store *s, const char *today, const char *soon,
    const char *user, struct dash_counts *d)
{
	struct dash_cache	*c;
	struct dash_entry	*e;
	int64_t			 v0 = 0, v1 = 0;
	unsigned long		 commits = s->commits;
	size_t			 i;
	enum cm_err		 rc;

	if (user == NULL)
		user = "";
	if (s->depth > 0 || strlen(user) >= sizeof(c->e[0].user) ||
	    strlen(today) >= DATE_STRLEN || strlen(soon) >= DATE_STRLEN ||
	    sq_data_version(s, &v0) != CM_OK)
		return store_dash_counts(s, today, soon, user, d);
	if ((c = s->dash) == NULL)
		c = s->dash = xcalloc(1, sizeof(*c));
	for (i = 0; i < DASH_CACHE_N; i++)
		if (entry_is(&c->e[i], v0, commits, today, soon, user)) {
			*d = c->e[i].d;
			return CM_OK;
		}
	if ((rc = store_dash_counts(s, today, soon, user, d)) != CM_OK)
		return rc;
	if (sq_data_version(s, &v1) != CM_OK || v1 != v0 || s->commits != commits)
		return CM_OK;
	e = &c->e[c->next];
	c->next = (c->next + 1) % DASH_CACHE_N;
	e->version = v0;
	e->commits = commits;
	snprintf(e->today, sizeof(e->today), "%s", today);
	snprintf(e->soon, sizeof(e->soon), "%s", soon);
	snprintf(e->user, sizeof(e->user), "%s", user);
	e->d = *d;
	e->valid = 1;
	return CM_OK;
}
