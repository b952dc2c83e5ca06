/* SPDX-License-Identifier: ISC */
/*
 * The records the store reads and writes for the operations: user
 * accounts, audit entries, approvals, attachments, notes and the rows
 * of the case list.  They live here, below ops/, so that store/ needs
 * no header of the layer above it; the ops/ headers include this one.
 */
#ifndef STORE_RECORDS_H
#define STORE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "cases/codes.h"

/* Used by ops/auth.h. */
/* A user account as the administration page lists it. */
struct user_info {
	char	*name;
	char	*role;
	int	 disabled;
	char	*created_at;
	int	 sessions;
};

/* Used by ops/audit.h. */
struct audit_rec {
	int64_t		 id;
	const char	*at;
	const char	*actor;
	const char	*addr;
	const char	*action;
	const char	*object;
	const char	*detail;	/* JSON object */
};

typedef int (*audit_fn)(const struct audit_rec *, void *);

/* Filters of the audit page (store_audit_query); NULL fields do not
 * filter.  Times are the audit's UTC ISO strings. */
struct audit_query {
	int64_t		 before;	/* ids below; 0 from the newest */
	const char	*actor;
	const char	*object;	/* a case number, "user:NAME", … */
	const char	*action;	/* exact */
	const char	*action_prefix;	/* e.g. "case." */
	const char	*at_from;	/* at >= */
	const char	*at_before;	/* at < */
	int		 internal;	/* 1: bookkeeping rows too */
	int		 limit;
};

/* Used by ops/approval.h. */
struct approval {
	int64_t	 id;
	char	 case_id[37];
	char	*case_number;
	char	*action;	/* "reply" | "extend" */
	char	*effective;	/* requested effective date or NULL */
	char	*outcome;	/* reply */
	int	 days;		/* extend; -1 the full period */
	char	*told_on;	/* extend */
	char	*note;
	char	*requested_by;
	char	*requested_at;
	char	*status;	/* pending approved rejected withdrawn */
	char	*decided_by;
	char	*decided_at;
	char	*comment;
};

/* Used by ops/attachment.h. */
struct attachment_info {
	int64_t	 id;
	char	*name;
	char	*mime;
	int64_t	 size;
	char	 sha256[65];
	char	*uploaded_by;
	char	*uploaded_at;
};

/* Used by ops/note.h. */
/* One note; borrowed strings, valid during the callback. */
struct note_rec {
	int64_t		 id;
	const char	*author;
	const char	*at;
	const char	*text;
};

/* Used by ops/worklist.h. */
/* Orders: due date (soonest first; stopped clocks last), receipt date
 * (newest first), case number (newest first). */
enum list_sort { SORT_DUE, SORT_RECEIVED, SORT_NUMBER, SORT__MAX };

#define LIST_CURSOR_MAX	64

/* A list request; unset members are NULL / 0. */
struct list_query {
	const char	*state;		/* one state code */
	int		 open_only;	/* not replied or archived */
	const char	*due_before;	/* overdue: open, due < this date */
	const char	*due_from;	/* due soon: open, due in [from, upto] */
	const char	*due_upto;
	const char	*handler;
	const char	*channel;
	const char	*applicant_type;
	int		 year;		/* year of receipt (case number) */
	enum list_sort	 sort;
	const char	*after;		/* cursor from worklist_cursor() */
	int		 limit;		/* 1..1000; 0 means 50 */
	const char	*dept;		/* department code (issue 13) */
	int		 unassigned;	/* no officer yet */
};

/* A row; borrowed strings, valid during the callback. */
struct list_row {
	const char	*id;
	const char	*number;
	const char	*state;
	const char	*applicant;
	const char	*applicant_type;
	const char	*channel;
	const char	*received;
	const char	*due;		/* NULL while the clock is stopped */
	int		 provisional;
	const char	*outcome;
	const char	*closed_on;
	const char	*handler;
	const char	*request;
	const char	*doc_number;
	const char	*key;		/* sort key, for the cursor */
	int		 year;
	int		 seq;
	const char	*why;		/* search: how the case matched */
	const char	*extra;		/* search: what matched, or NULL */
};

typedef int (*list_fn)(const struct list_row *, void *);

/* Dashboard figures. */
struct dash_counts {
	int	 by_state[ST__MAX];
	int	 total;
	int	 open;
	int	 overdue;
	int	 due_soon;
	int	 mine;
	int	 approvals;	/* pending */
	int	 late_correction; /* cases with a late 补正 notice */
	int	 proposals_open;  /* Art. 44 groups with an open proposal */
};

void		 approval_clear(struct approval *);
void		 approvals_free(struct approval *, size_t);
void		 attachment_info_clear(struct attachment_info *);
void		 attachment_infos_free(struct attachment_info *, size_t);

#endif
