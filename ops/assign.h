/* SPDX-License-Identifier: ISC */
/*
 * Departments (承办科室) and the assignment of cases (issue 13): one
 * function per operation (ops/op.h convention), one transaction each,
 * every step on a case an event in its log (cases/assign.h: the
 * workflow events, which are no lifecycle steps and never move the
 * deadline).  Who may do what: roles_workflow() (cases/roles.c).
 *
 * Refusals name the page's fields by their input keys: case 案件,
 * to 承办人, department 承办科室, reason 理由, due 协办期限,
 * note 说明, code 科室代码, name 科室名称, head 科室负责人,
 * email 电子邮箱, role 角色.
 */
#ifndef OPS_ASSIGN_H
#define OPS_ASSIGN_H

#include <stddef.h>

#include "cases/assign.h"
#include "cases/err.h"

struct store;
struct op_ctx;
struct op_refusal;

/* op_department_add / op_department_set (administrator).  For set,
 * NULL keeps a value, head "" clears it, active -1 keeps it. */
struct department_in {
	const char	*code;
	const char	*name;
	const char	*head;
	int		 active;
};

enum cm_err	 op_department_add(const struct op_ctx *,
		    const struct department_in *, struct op_refusal *);
enum cm_err	 op_department_set(const struct op_ctx *,
		    const struct department_in *, struct op_refusal *);
/* Every department, by code (a read). */
enum cm_err	 departments_list(struct store *, struct department **,
		    size_t *);

/* op_user_set (administrator): NULL keeps a value; department "" and
 * email "" clear it; disabled -1 keeps the account's state. */
struct user_set_in {
	const char	*name;
	const char	*email;
	const char	*department;	/* code or name */
	const char	*role;
	int		 disabled;
};

enum cm_err	 assign_user_org(const struct op_ctx *, const char *name,
		    const char *role, const char *email,
		    const char *department, struct op_refusal *);
enum cm_err	 op_user_set(const struct op_ctx *, const struct user_set_in *,
		    struct op_refusal *);

/* Assign (or reassign, with a reason) a case to an officer; with a
 * department, the case moves to it too. */
struct assign_in {
	const char	*case_key;	/* UUID or number */
	const char	*to;
	const char	*department;	/* code or name, NULL/"" to keep */
	const char	*reason;
};

/* 转办 (department, reason), 退回 (reason), 协办 (department, due,
 * note) and its completion (department, note). */
struct assign_step_in {
	const char	*case_key;
	const char	*department;
	const char	*reason;	/* note for 协办 */
	const char	*due;
};

enum cm_err	 op_case_assign(const struct op_ctx *, const struct assign_in *,
		    struct op_refusal *);
enum cm_err	 op_case_transfer(const struct op_ctx *,
		    const struct assign_step_in *, struct op_refusal *);
enum cm_err	 op_case_return(const struct op_ctx *,
		    const struct assign_step_in *, struct op_refusal *);
enum cm_err	 op_case_assist_add(const struct op_ctx *,
		    const struct assign_step_in *, struct op_refusal *);
enum cm_err	 op_case_assist_done(const struct op_ctx *,
		    const struct assign_step_in *, struct op_refusal *);

/* What the actor may do on a loaded case (for the page's forms): one
 * bit per enum wf_op. */
struct case_view;
unsigned	 assign_allowed(const struct op_ctx *, const struct case_view *);



/* Views (reads) for the pages: users with departments, the open cases
 * without an officer (of the departments head heads; every one when
 * head is NULL), the user's newly assigned cases (store/assign.h). */
struct user_dept_row;
struct asg_row;
enum cm_err	 assign_user_depts(struct store *,
		    int (*)(const struct user_dept_row *, void *), void *);
enum cm_err	 assign_unassigned(struct store *, const char *head,
		    int limit, int (*)(const struct asg_row *, void *),
		    void *);
enum cm_err	 assign_newly(struct store *, const char *user, int limit,
		    int (*)(const struct asg_row *, void *), void *);
/* A case's cached deadline ("" while the clock is stopped). */
enum cm_err	 assign_case_due(struct store *, const char *case_id,
		    char due[11], int *provisional);
/* The number of active departments user heads. */
int		 assign_heads(struct store *, const char *user);

#endif
