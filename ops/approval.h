/* SPDX-License-Identifier: ISC */
/*
 * Approval of extensions and replies (Art 33 ¶2: an extension needs the
 * consent of the head of the disclosure office; foidesk asks the same
 * for every reply).  An officer's reply or extension becomes a pending
 * request; a reviewer other than the requester approves it -- which
 * applies the action through case_act(), with the officer as actor
 * and the reviewer as approver, and stores the letter it sends with a
 * 文号, all in one transaction -- or rejects it with a comment.  Before
 * deciding, the reviewer reads that letter as a draft (approval_draft:
 * marked 样稿, no 文号, computed without writing).  One request may be
 * pending per case.
 */
#ifndef OPS_APPROVAL_H
#define OPS_APPROVAL_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "store/records.h"
#include "ops/user.h"

struct store;
struct calendar;
struct act_input;
struct letter_out;

enum cm_err	 approval_request(struct store *, const struct calendar *,
		    const char *case_key, const struct act_input *,
		    const char *user, int today, int64_t *id, char *err,
		    size_t errlen);
enum cm_err	 approval_decide(struct store *, const struct calendar *,
		    int64_t id, int approve, const char *user, enum role,
		    const char *comment, const char *addr, int today,
		    char *err, size_t errlen);
enum cm_err	 approval_draft(struct store *, const struct calendar *,
		    int64_t id, int today, struct letter_out *, char *err,
		    size_t errlen);
enum cm_err	 approval_get(struct store *, int64_t id, struct approval *);
enum cm_err	 approvals_list(struct store *, const char *case_id,
		    int pending_only, int limit, struct approval **,
		    size_t *);
enum cm_err	 approvals_rejected(struct store *, const char *user,
		    int limit, struct approval **, size_t *);

#endif
