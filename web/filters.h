/* SPDX-License-Identifier: ISC */
/*
 * The case-list filters of the query string, shared by the list page,
 * the CSV export and GET /api/cases: state, open, overdue, due_soon,
 * mine / handler, channel, applicant_type, year, sort, after (cursor).
 * A struct filt owns copies of everything, so that a streamed export
 * can keep it after the request is gone.
 */
#ifndef WEB_FILTERS_H
#define WEB_FILTERS_H

#include "cases/date.h"
#include "cases/limits.h"
#include "ops/worklist.h"

struct req;
struct buf;

struct filt {
	char		 state[32];
	int		 open;
	int		 overdue;
	int		 due_soon;
	int		 mine;
	char		 handler[LIM_USER_NAME_BYTES];
	char		 channel[32];
	char		 atype[32];
	int		 year;
	enum list_sort	 sort;
	char		 after[LIST_CURSOR_MAX];
	int		 limit;
	char		 today[DATE_STRLEN];
	int		 all;		/* the page: every case, not only open */
	char		 dept[32];	/* department code (issue 13) */
	int		 unassigned;	/* no officer yet */
};

const char	*filt_parse(const struct req *, struct filt *);
void		 filt_filter(const struct filt *, struct list_filter *);
void		 filt_url(const struct filt *, const char *base,
		    const char *after, struct buf *);

#endif
