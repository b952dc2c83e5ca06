/* SPDX-License-Identifier: ISC */
/*
 * Storage of the sign-off chain (issue 13 item 4): the agency's
 * configured steps per kind of decision (signoff_steps) and each
 * approval request's own chain with its signatures (approval_steps).
 * The rules -- who may sign, in which order -- are ops/signoff.c's;
 * these calls only read and write rows, inside the caller's
 * transaction.
 */
#ifndef STORE_SIGNOFF_H
#define STORE_SIGNOFF_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/limits.h"

struct store;

/* One step: configured (decision etc. empty) or of a request. */
struct signoff_step {
	int	 pos;				/* 1, 2, ... */
	char	 name[LIM_SIGNOFF_NAME_CHARS * 4 + 1];	/* 拟办 审核 签发 */
	char	 signer[LIM_SIGNOFF_SIGNER_CHARS * 4 + 1]; /* role:CODE, head,
						   requester, users:A,B */
	char	 decision[8];			/* "" | approve | reject */
	char	 signed_by[LIM_USER_NAME_BYTES];
	char	 signed_at[32];			/* ISO 8601 UTC or "" */
	char	*opinion;			/* NULL when unsigned */
};

void		 signoff_steps_free(struct signoff_step *, size_t);
enum cm_err	 signoff_config_get(struct store *, const char *kind,
		    struct signoff_step **, size_t *);
enum cm_err	 signoff_config_put(struct store *, const char *kind,
		    const struct signoff_step *, size_t, const char *by,
		    const char *now);
enum cm_err	 approval_steps_get(struct store *, int64_t approval,
		    struct signoff_step **, size_t *);
enum cm_err	 approval_step_add(struct store *, int64_t approval,
		    const struct signoff_step *);
enum cm_err	 approval_step_sign(struct store *, int64_t approval, int pos,
		    const char *decision, const char *by, const char *opinion,
		    const char *at);
enum cm_err	 approval_form_set(struct store *, int64_t approval);
enum cm_err	 approval_form_get(struct store *, int64_t approval, int *);
enum cm_err	 approval_fee_set(struct store *, int64_t approval,
		    const char *json);
enum cm_err	 approval_fee_get(struct store *, int64_t approval, char **);
enum cm_err	 approval_latest(struct store *, const char *case_id,
		    int64_t *);
enum cm_err	 case_dept_head(struct store *, const char *case_id,
		    char out[LIM_USER_NAME_BYTES]);

#endif
