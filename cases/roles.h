/* SPDX-License-Identifier: ISC */
/*
 * The role matrix: what each role (enum role below) may do.  One table,
 * consulted by every caller (pages, JSON API, domain workflows) before
 * it changes anything; no handler decides a permission on its own.
 * See docs/web.md for the matrix as a table.
 */
#ifndef CASES_ROLES_H
#define CASES_ROLES_H

#include "cases/codes.h"

/* The roles of user accounts (clerk, officer, reviewer, admin). */
enum role { ROLE_CLERK, ROLE_OFFICER, ROLE_REVIEWER, ROLE_ADMIN, ROLE__MAX };

extern const char *const role_codes[ROLE__MAX];
extern const char *const role_labels[ROLE__MAX];

int		 role_find(const char *);

/* Things other than case actions that a role may be allowed to do. */
enum perm {
	PERM_VIEW,		/* read cases, lists, search */
	PERM_INTAKE,		/* log a new request (case_new) */
	PERM_NOTE,		/* add notes to a case */
	PERM_ATTACH,		/* upload attachments */
	PERM_TEXTS,		/* edit the case texts letters merge */
	PERM_LETTER,		/* issue letters other than the receipt */
	PERM_RECEIPT,		/* issue the 登记回执 */
	PERM_EXPORT,		/* the 台账 CSV */
	PERM_REPORT,		/* annual report */
	PERM_APPROVE,		/* approve or reject extensions and replies */
	PERM_USERS,		/* manage accounts */
	PERM_SETTINGS,		/* agency settings */
	PERM_CALENDAR,		/* import calendar years */
	PERM_AUDIT,		/* the whole audit trail */
	PERM_CORRECT,		/* 登记信息更正 until the reply */
	PERM_STATS,		/* 办理情况统计 (issue 13 item 5) */
	PERM__MAX
};

/* How a role may take a case action. */
enum grant {
	GRANT_DENY,		/* not at all */
	GRANT_ALLOW,		/* directly */
	GRANT_APPROVAL,		/* only as a request a reviewer approves */
	GRANT__MAX
};

extern const char *const perm_codes[PERM__MAX];

int		 roles_may(enum role, enum perm);
enum grant	 roles_act(enum role, enum action);
int		 roles_may_letter(enum role, const char *kind);

/*
 * Assignment (issue 13).  Who may do what is decided from the role and
 * the actor's relation to the case: head of the case's department (or
 * of the target department), member of it, the case's own officer.
 */
enum wf_op {
	WF_ASSIGN,		/* assign or reassign to another officer */
	WF_TAKE,		/* assign to oneself */
	WF_TRANSFER,		/* 转办 to another department */
	WF_RETURN,		/* 退回 to the department head */
	WF_ASSIST,		/* add a 协办 department */
	WF_ASSIST_DONE,		/* mark a 协办 answered */
	WF__MAX
};

struct wf_actor {
	enum role	 role;
	int		 head;		/* heads the case's department */
	int		 member;	/* belongs to the case's department */
	int		 handler;	/* is the case's officer */
	int		 assist_head;	/* heads the assisting department */
};

int		 roles_workflow(enum wf_op, const struct wf_actor *);

#endif
