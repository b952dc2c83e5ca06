/* SPDX-License-Identifier: ISC */
/*
 * The case state machine (codes.md "States and actions"; Reg. art. 45:
 * registration, review, handling, reply, archiving).  Pure: a proposed
 * action is checked against the case's state, its clocks and history,
 * and refused with a message that says why.
 */
#ifndef CASES_LIFECYCLE_H
#define CASES_LIFECYCLE_H

#include "cases/codes.h"
#include "cases/deadline.h"

/* What the guards need to know about a case and the proposed action. */
struct lc_check {
	enum case_state		 state;
	const struct deadline	*dl;		/* clocks before the action */
	int			 extended;	/* an extension exists */
	int			 corrected;	/* a correction was requested */
	int			 last_on;	/* last event's effective day */
	int			 today;
	enum action		 action;
	int			 on;		/* proposed effective day */
	int			 outcome;	/* enum outcome or -1 */
	int			 days;		/* extend: working days */
	long long		 amount_fen;	/* fee-notice: -1 if none */
};

int		 lifecycle_next(enum case_state, enum action);
const char	*lifecycle_check(const struct lc_check *);
int		 lifecycle_is_open(enum case_state);
unsigned	 lifecycle_allowed(enum case_state);

#endif
