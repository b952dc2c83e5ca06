/* SPDX-License-Identifier: ISC */
/*
 * Reminders and 督办 (issue 13 item 3): which messages are due for whom
 * on a given day.  Pure: the caller reads the open cases and the users,
 * this file decides, ops/notify.c records and sends.
 *
 * On a working day of the calendar:
 *  - each officer (cases.handler) gets one digest listing their open
 *    cases due within N working days or overdue;
 *  - the department head and every reviewer get one 督办 per case when
 *    it is at most N working days from its deadline (stage "soon"),
 *    and again when it is overdue (stage "overdue"); the caller records
 *    each (case, stage, recipient) once, so a stage is escalated once.
 * Nothing is planned on a day that is not a working day; quiet hours
 * (China time) hold the background sending back.
 */
#ifndef CASES_NOTIFY_H
#define CASES_NOTIFY_H

#include <stddef.h>

struct calendar;

enum notify_stage { NS_NONE, NS_SOON, NS_OVERDUE };
enum notify_kind { NK_DIGEST, NK_SOON, NK_OVERDUE };

/* An open case with a running deadline. */
struct notify_case {
	const char	*number;
	int		 due;		/* day number */
	const char	*handler;	/* officer's user name, or NULL */
	const char	*head;		/* department head's, or NULL */
};

/* Called once per planned message: kind, recipient's user name, and
 * the indexes into the case array it lists (ascending by due date for
 * a digest; one case for a 督办).  Non-zero stops the plan. */
typedef int (*notify_plan_fn)(enum notify_kind, const char *to,
    const size_t *idx, size_t n, void *);

enum notify_stage notify_stage(const struct calendar *, int today, int due,
		    int n);
int		 notify_days(const struct calendar *, int today, int due);
int		 notify_plan(const struct calendar *, int today, int n,
		    const struct notify_case *, size_t ncases,
		    const char *const *reviewers, size_t nreviewers,
		    notify_plan_fn, void *);
int		 notify_quiet(int minute_cn);
long		 notify_backoff(int attempts);
const char	*notify_kind_code(enum notify_kind);

#endif
