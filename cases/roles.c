/* SPDX-License-Identifier: ISC */
/*
 * The role matrix in two tables: permissions and case actions.
 *
 * Separation of duties (issue #4): the front desk (clerk) logs and
 * registers requests and cannot reply; an officer handles cases but an
 * extension (Art 33 ¶2: "经政府信息公开工作机构负责人同意") or a reply
 * needs the reviewer -- the head of the disclosure office -- who
 * approves the officer's request (cases/approval.c) or acts directly;
 * the administrator manages accounts, settings and the calendar and
 * touches no case.
 */
#include <string.h>

#include "cases/roles.h"

const char *const role_codes[ROLE__MAX] = {
	[ROLE_CLERK] = "clerk",
	[ROLE_OFFICER] = "officer",
	[ROLE_REVIEWER] = "reviewer",
	[ROLE_ADMIN] = "admin",
};

const char *const role_labels[ROLE__MAX] = {
	[ROLE_CLERK] = "登记员",
	[ROLE_OFFICER] = "承办人",
	[ROLE_REVIEWER] = "审核人",
	[ROLE_ADMIN] = "管理员",
};

int
role_find(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(role_codes[i], s) == 0)
			return i;
	return -1;
}

#define C	(1u << ROLE_CLERK)
#define O	(1u << ROLE_OFFICER)
#define R	(1u << ROLE_REVIEWER)
#define A	(1u << ROLE_ADMIN)

const char *const perm_codes[PERM__MAX] = {
	[PERM_VIEW] = "view", [PERM_INTAKE] = "intake", [PERM_NOTE] = "note",
	[PERM_ATTACH] = "attach", [PERM_TEXTS] = "texts",
	[PERM_LETTER] = "letter", [PERM_RECEIPT] = "receipt",
	[PERM_EXPORT] = "export", [PERM_REPORT] = "report",
	[PERM_APPROVE] = "approve", [PERM_USERS] = "users",
	[PERM_SETTINGS] = "settings", [PERM_CALENDAR] = "calendar",
	[PERM_AUDIT] = "audit", [PERM_CORRECT] = "correct",
	[PERM_STATS] = "stats",
};

static const unsigned perms[PERM__MAX] = {
	[PERM_VIEW] =		C | O | R | A,
	[PERM_INTAKE] =		C | O | R,
	[PERM_NOTE] =		C | O | R,
	[PERM_ATTACH] =		C | O | R,
	[PERM_TEXTS] =		O | R,
	[PERM_LETTER] =		O | R,
	[PERM_RECEIPT] =	C | O | R,
	[PERM_EXPORT] =		O | R | A,
	[PERM_REPORT] =		O | R | A,
	[PERM_APPROVE] =	R,
	[PERM_USERS] =		A,
	[PERM_SETTINGS] =	A,
	[PERM_CALENDAR] =	A,
	[PERM_AUDIT] =		R | A,
	[PERM_CORRECT] =	C | O | R,
	/* The office's performance figures, every officer's load: the
	 * head of the office and the administrator (officers see their
	 * own cases on the dashboard). */
	[PERM_STATS] =		R | A,
};

/* Per action: who may act directly, who only through an approval. */
static const struct {
	unsigned	 allow;
	unsigned	 approval;
} acts[ACT__MAX] = {
	[ACT_RECEIVE] =		{ 0, 0 },	/* case_new: PERM_INTAKE */
	[ACT_REGISTER] =	{ C | O | R, 0 },
	[ACT_REVIEW] =		{ O | R, 0 },
	[ACT_ACCEPT] =		{ O | R, 0 },
	[ACT_REQUEST_CORRECTION] = { O | R, 0 },
	[ACT_CORRECTED] =	{ O | R, 0 },
	[ACT_CORRECTION_LAPSED] = { O | R, 0 },
	[ACT_CONSULT_START] =	{ O | R, 0 },
	[ACT_CONSULT_END] =	{ O | R, 0 },
	[ACT_FEE_NOTICE] =	{ O | R, 0 },
	[ACT_FEE_PAID] =	{ O | R, 0 },
	[ACT_FEE_LAPSED] =	{ O | R, 0 },
	[ACT_EXTEND] =		{ R, O },
	[ACT_REPLY] =		{ R, O },
	[ACT_WITHDRAW] =	{ O | R, 0 },
	[ACT_ARCHIVE] =		{ O | R, 0 },
	[ACT_ASK_REASONS] =	{ O | R, 0 },
	[ACT_REASONS_RECEIVED] = { O | R, 0 },
	[ACT_SET_LATER_DEADLINE] = { O | R, 0 },
};

/* Whether role r holds permission p. */
int
roles_may(enum role r, enum perm p)
{
	if ((int)r < 0 || r >= ROLE__MAX || (int)p < 0 || p >= PERM__MAX)
		return 0;
	return (perms[p] & (1u << r)) != 0;
}

/* How role r may take action a: directly, by approval, or not. */
enum grant
roles_act(enum role r, enum action a)
{
	if ((int)r < 0 || r >= ROLE__MAX || (int)a < 0 || a >= ACT__MAX)
		return GRANT_DENY;
	if (acts[a].allow & (1u << r))
		return GRANT_ALLOW;
	if (acts[a].approval & (1u << r))
		return GRANT_APPROVAL;
	return GRANT_DENY;
}

/* Whether role r may issue a letter of this kind (a letter_kind code). */
int
roles_may_letter(enum role r, const char *kind)
{
	if (kind != NULL && strcmp(kind, "receipt") == 0)
		return roles_may(r, PERM_RECEIPT);
	return roles_may(r, PERM_LETTER);
}

/*
 * Whether the actor may take workflow step op on a case.  The reviewer
 * (head of the disclosure office) may do everything but 退回, which is
 * the officer's own step; the administrator only assigns and transfers
 * (setting up who handles what, no case action).  A department head
 * assigns, transfers and asks for 协办 in their own department; an
 * officer takes an unassigned case of their own department for
 * themselves, returns their own case, and asks for or closes a 协办 on
 * it.  The head of an assisting department marks its 协办 done.
 */
int
roles_workflow(enum wf_op op, const struct wf_actor *a)
{
	int	 rev = a->role == ROLE_REVIEWER, adm = a->role == ROLE_ADMIN;
	int	 staff = a->role == ROLE_OFFICER || rev;

	switch (op) {
	case WF_ASSIGN:
	case WF_TRANSFER:
		return rev || adm || (a->head && a->role != ROLE_CLERK);
	case WF_TAKE:
		return rev || adm || (a->head && a->role != ROLE_CLERK) ||
		    (a->role == ROLE_OFFICER && a->member);
	case WF_RETURN:
		return staff && a->handler;
	case WF_ASSIST:
		return rev || (a->head && a->role != ROLE_CLERK) ||
		    (staff && a->handler);
	case WF_ASSIST_DONE:
		return rev || (a->head && a->role != ROLE_CLERK) ||
		    (staff && (a->handler || a->assist_head));
	default:
		return 0;
	}
}
