/* SPDX-License-Identifier: ISC */
/*
 * Departments (承办科室) and the assignment of a case (issue 13): the
 * records the store loads (store/assign.h) and the workflow events an
 * assignment step writes into the case's event log.  These events are
 * no steps of the lifecycle: they are not in actions[] (cases/codes.h),
 * so the deadline engine, the lifecycle's "last action" date and the
 * annual report never see them (workflow_event_find() tells them apart).
 */
#ifndef CASES_ASSIGN_H
#define CASES_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "cases/codes.h"
#include "cases/date.h"

/* Workflow events (events.action); append new ones at the end. */
enum wf_event {
	WEV_ASSIGN,		/* 分派 / 改派 (reassign: again, with a reason) */
	WEV_TRANSFER,		/* 转办 to another department */
	WEV_RETURN,		/* 退回 by the officer to the department head */
	WEV_ASSIST,		/* 协办 requested of another department */
	WEV_ASSIST_DONE,	/* the assisting department has answered */
	WEV__MAX
};

extern const struct code workflow_events[WEV__MAX];

#define workflow_event_find(s)	code_find(workflow_events, WEV__MAX, (s))

/* Whether an event action is a step of the lifecycle (in actions[]):
 * registration corrections and workflow events are not. */
int	 event_is_step(const char *action);

#define DEPT_CODE_CHARS		16	/* 机构代码, also of the 档号 */
#define DEPT_NAME_CHARS		50

/* A department. */
struct department {
	int64_t	 id;
	char	 code[DEPT_CODE_CHARS * 4 + 1];
	char	*name;
	char	*head;		/* user name, NULL for none */
	int	 active;
};

/* An assisting department of a case (协办). */
struct case_assist {
	int64_t	 id;
	int64_t	 dept_id;
	char	 dept_code[DEPT_CODE_CHARS * 4 + 1];
	char	*dept_name;
	char	 due[DATE_STRLEN];	/* internal due date */
	char	*note;
	char	 done_on[DATE_STRLEN];	/* "" while open */
	char	*created_by;
};

/* Who a case belongs to: department (0 for none) and its assists. */
struct case_assignment {
	int64_t			 dept_id;
	char			 dept_code[DEPT_CODE_CHARS * 4 + 1];
	char			*dept_name;
	char			*dept_head;
	struct case_assist	*as;
	size_t			 nas;
};

void	 department_clear(struct department *);
void	 departments_free(struct department *, size_t);
void	 case_assignment_clear(struct case_assignment *);

#endif
