/* SPDX-License-Identifier: ISC */
/*
 * The sign-off chain (签批流程, issue 13 item 4).  Per kind of decision
 * -- a reply ("reply"), a reply that does not process the request
 * (outcomes not_processed.*, "not_processed"), an extension ("extend")
 * -- the agency configures the ordered steps of its approval (拟办 →
 * 审核 → 签发 ...) and who may sign each:
 *
 *	role:officer, role:reviewer	any user of that role
 *	head				the head of the case's department
 *					(departments.head of cases.dept_id;
 *					a case without one: any reviewer)
 *	requester			the officer who filed the request
 *	users:NAME,NAME			the users named
 *
 * An officer's fee notice ("fee_notice") is applied directly unless
 * the agency configures a chain for it; then it is filed for approval
 * like a reply (signoff_requires).
 *
 * A kind with no steps configured keeps the one step of before: a
 * reviewer approves (signoff_default).  When an officer files a
 * request (approval_request) the kind's chain is copied to the
 * request; approval_decide() then signs its steps in order, each with
 * the signer, the opinion (the comment) and the time; a rejection at
 * any step returns the request to the officer; the last step applies
 * the action and issues its letter -- and, for a configured chain,
 * the 办理审批单 (letter kind approval_form) -- in one transaction.
 * The requester never signs the last step.
 */
#ifndef OPS_SIGNOFF_H
#define OPS_SIGNOFF_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "ops/user.h"
#include "store/signoff.h"

struct store;
struct op_ctx;
struct op_refusal;
struct approval;

#define SIGNOFF_KINDS	4
extern const char *const signoff_kinds[SIGNOFF_KINDS];
extern const char *const signoff_kind_labels[SIGNOFF_KINDS];

int		 signoff_kind_find(const char *);
const char	*signoff_kind_of(const char *action, const char *outcome);
enum cm_err	 signoff_chain(struct store *, const char *kind,
		    struct signoff_step **, size_t *, int *configured);
void		 signoff_default(struct signoff_step *);
char		*signoff_steps_text(const struct signoff_step *, size_t);
void		 signoff_signer_label(const char *signer, char *out,
		    size_t len);
int		 signoff_may_sign(struct store *, const struct signoff_step *,
		    const char *case_id, const char *requested_by,
		    const char *user, enum role);
int		 signoff_in_use(struct store *);
int		 signoff_requires(struct store *, int action, enum role);
const char	*signoff_action_label(const char *action, int colon);

/* A request's chain as a case page shows it. */
struct signoff_view {
	struct signoff_step	*steps;
	size_t			 n;
	int			 current;	/* index of the step to sign,
						   -1 when none is */
	int			 may_sign;	/* the viewer signs it now */
};

enum cm_err	 signoff_view_get(struct store *, const struct approval *,
		    const char *user, enum role, struct signoff_view *);
void		 signoff_view_clear(struct signoff_view *);
enum cm_err	 signoff_request_view(struct store *, const char *case_key,
		    int64_t id, const char *user, enum role,
		    struct approval *, struct signoff_view *);

/* What the 办理审批单 of a case prints (signoff_form_get). */
struct signoff_form {
	char	*decision;	/* 拟办结果: 答复（予以公开） ... */
	char	*requested;	/* who filed it and when */
	char	*steps;		/* one line per step and opinion */
	char	 date[11];	/* ISO date of the last signature, or "" */
};

enum cm_err	 signoff_form_get(struct store *, const char *case_id,
		    struct signoff_form *);
void		 signoff_form_clear(struct signoff_form *);
int		 signoff_form_available(struct store *, const char *case_id);

/* `signoff set`, POST /admin/signoff, POST /api/signoff: replaces the
 * steps of a kind; steps is one step per line (or ';'-separated),
 * "NAME=SIGNER"; empty: back to the default. */
struct signoff_set_in {
	const char	*kind;
	const char	*steps;
};

enum cm_err	 op_signoff_set(const struct op_ctx *,
		    const struct signoff_set_in *, void *out,
		    struct op_refusal *);

#endif
