/* SPDX-License-Identifier: ISC */
/*
 * The case list, the dashboard figures and full-text search: the read
 * side of the office's work.  Lists page by key (keyset pagination: a
 * cursor names the last row shown), never by OFFSET, so the thousandth
 * page costs what the first does at a million cases.  Search
 * (ops/search.c) reads the query as a case number, identity number,
 * phone number or 文号 and as text: the FTS5 trigram index for three
 * characters or more, case_grams (characters and pairs) for one or two.
 */
#ifndef OPS_WORKLIST_H
#define OPS_WORKLIST_H

#include <stddef.h>

#include "cases/codes.h"
#include "cases/err.h"
#include "store/records.h"

struct store;
struct calendar;
struct case_row;

extern const char *const list_sort_codes[SORT__MAX];

/*
 * The case list as the office filters it, the one query behind the
 * page /cases, GET /api/cases, the CSV export and `foidesk case list`
 * (worklist_list).  Unset members are NULL / 0.
 */
struct list_filter {
	const char	*state;		/* one state code */
	int		 open;		/* not replied or archived */
	int		 overdue;	/* open and due before today */
	int		 due_soon;	/* open and due from today to ... */
	int		 due_days;	/* ... this many working days on */
	const char	*handler;
	const char	*channel;
	const char	*applicant_type;
	int		 year;		/* year of receipt (case number) */
	enum list_sort	 sort;
	const char	*after;		/* cursor from worklist_cursor() */
	int		 limit;		/* rows at most; 0: every row */
	const char	*dept;		/* department code (issue 13) */
	int		 unassigned;	/* no officer yet */
};

int		 list_sort_find(const char *);
int		 worklist_cursor_valid(enum list_sort, const char *);
void		 worklist_cursor(enum list_sort, const struct list_row *,
		    char out[LIST_CURSOR_MAX]);
enum cm_err	 worklist_page(struct store *, const struct list_query *,
		    list_fn, void *);
enum cm_err	 worklist_list(struct store *, const struct calendar *,
		    int today, const struct list_filter *, list_fn, void *);
void		 worklist_case_row(const struct list_row *, struct case_row *);
enum cm_err	 worklist_dashboard(struct store *, const struct calendar *,
		    int today, const char *user, struct dash_counts *);
void		 worklist_due_soon_window(const struct calendar *, int today,
		    char from[11], char upto[11]);

/* ops/search.c: the search box. */
enum search_why { SW_NUMBER, SW_ID_NUMBER, SW_PHONE, SW_DOCREF, SW_TEXT,
	SW__MAX };
extern const char *const search_why_codes[SW__MAX];
extern const char *const search_why_labels[SW__MAX];
const char	*search_why_label(const char *code);
int		 search_case_number(const char *, int *year, int *seq);
int		 search_id_number(const char *, char up[19]);
int		 search_phone(const char *, char key[16], char alt[16]);
enum cm_err	 worklist_search(struct store *, const char *query, int limit,
		    list_fn, void *);
enum cm_err	 worklist_search_short(struct store *, const char *query,
		    int limit, int scan, list_fn, void *);

#endif
