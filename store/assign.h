/* SPDX-License-Identifier: ISC */
/*
 * Departments, users' departments and e-mail, a case's department,
 * officer and 协办 (issue 13, schema 16).  The operations are in
 * ops/assign.h; every write here runs inside the caller's transaction.
 */
#ifndef STORE_ASSIGN_H
#define STORE_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "cases/assign.h"
#include "cases/err.h"
#include "store/records.h"

struct store;

/* A user's organisational record. */
struct user_org {
	char	 role[16];
	int64_t	 dept_id;	/* 0 for none */
	char	*email;
	int	 disabled;
};

/* A row of the assignment lists: the case and its department, with
 * the reason of the last 转办 or 退回 (NULL when none). */
struct asg_row {
	struct list_row	 r;
	const char	*dept_name;
	const char	*last_action;	/* transfer | return | NULL */
	const char	*last_reason;
	const char	*last_by;
};

typedef int (*asg_fn)(const struct asg_row *, void *);

/* CM_CONFLICT when the code or the name is taken. */
enum cm_err	 store_dept_insert(struct store *, const char *code,
		    const char *name, const char *head, const char *now,
		    int64_t *id);
enum cm_err	 store_dept_update(struct store *, int64_t id,
		    const char *name, const char *head, int active);
/* By code, or by name; CM_NOTFOUND when neither matches. */
enum cm_err	 store_dept_find(struct store *, const char *key,
		    struct department *);
enum cm_err	 store_dept_get(struct store *, int64_t id,
		    struct department *);
enum cm_err	 store_depts_list(struct store *, struct department **,
		    size_t *);

enum cm_err	 store_user_org_get(struct store *, const char *name,
		    struct user_org *);
void		 user_org_clear(struct user_org *);
/* dept_id 0 clears the department. */
enum cm_err	 store_user_org_set(struct store *, const char *name,
		    int64_t dept_id, const char *email, const char *role);

enum cm_err	 store_case_assignment(struct store *, const char *case_id,
		    struct case_assignment *);
/* handler NULL clears the officer, dept_id 0 the department. */
enum cm_err	 store_case_assign_set(struct store *, const char *case_id,
		    const char *handler, int64_t dept_id, const char *now);
/* CM_CONFLICT when the department already assists the case. */
enum cm_err	 store_assist_insert(struct store *, const char *case_id,
		    int64_t dept_id, const char *due, const char *note,
		    const char *by, const char *now);
/* CM_NOTFOUND when the department has no open 协办 on the case. */
enum cm_err	 store_assist_done(struct store *, const char *case_id,
		    int64_t dept_id, const char *on);

/* Open cases without an officer, by deadline: of the departments head
 * heads, or every one when head is NULL; at most limit. */
enum cm_err	 store_unassigned(struct store *, const char *head, int limit,
		    asg_fn, void *);
/* The user's open cases that someone else assigned to them and on
 * which they have recorded nothing since; at most limit. */
enum cm_err	 store_newly_assigned(struct store *, const char *user,
		    int limit, asg_fn, void *);
/* A user with department and e-mail (borrowed strings). */
struct user_dept_row {
	const char	*name;
	const char	*role;
	const char	*dept_code;	/* "" for none */
	const char	*dept_name;
	const char	*email;
	int		 disabled;
};

/* Every user by name, with department and e-mail. */
enum cm_err	 store_user_depts(struct store *,
		    int (*)(const struct user_dept_row *, void *), void *);
/* A case's cached deadline ("" when stopped) and provisional flag. */
enum cm_err	 store_case_due(struct store *, const char *case_id,
		    char due[DATE_STRLEN], int *provisional);
/* The number of departments user heads. */
enum cm_err	 store_depts_headed(struct store *, const char *user, int *n);

#endif
