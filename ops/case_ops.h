/* SPDX-License-Identifier: ISC */
/*
 * The operations on a case, one function each, in the calling
 * convention of ops/op.h: the acting user (op_ctx), a validated input
 * struct, an output struct and a refusal.  Each runs in one
 * transaction.  The pages (web/page_intake.c, web/page_case*.c), the
 * JSON API (web/api.c) and the CLI (cli/cmd_case.c, cli/cmd_letter.c)
 * call these and nothing else to change a case, so that the same input
 * leaves the same state and the same refusal everywhere.  The list is
 * in docs/design.md, "Operations (cases)".
 */
#ifndef OPS_CASE_OPS_H
#define OPS_CASE_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "ops/case.h"
#include "ops/letter_issue.h"
#include "ops/op.h"

struct similar;

/* Intake: a new request, checked against the applicant's similar
 * requests of the last 90 days, with its 登记回执. */
struct intake_in {
	struct case_input	 c;	/* c.applicant_record: see below */
	int			 confirm_similar; /* logged despite similar */
	int			 ask_applicant;	/* no c.applicant_record chosen */
	int			 confirm_old_date; /* a receipt date more than
						    * LIM_INTAKE_PAST_DAYS back */
	int			 reg;	/* "register": also register (the
					 * register action) in one step */
};

/* A receipt date more than LIM_INTAKE_PAST_DAYS calendar days back
 * refuses the intake (CM_CONFLICT, field confirm_old_date) unless
 * confirm_old_date.  With reg the case is registered in the same
 * transaction, when the role may register and none of the Art 29 items
 * is missing (else CM_CONFLICT, field register, out->art29_missing).
 *
 * With ask_applicant, an ID number on file with other details than the
 * typed ones refuses the intake (CM_CONFLICT, field applicant_record):
 * the stored record is in out->stored for the clerk to choose. */
struct intake_out {
	char		 id[37];
	char		 number[32];
	int		 receipt_version;	/* 0: the receipt failed */
	struct similar	*sim;	/* on CM_CONFLICT for field confirm_similar */
	size_t		 nsim;
	struct applicant stored;	/* the record on file (id 0: none) */
	int		 stored_differs; /* from the typed details */
	int		 registered;	/* the register action applied */
	unsigned	 art29_missing;	/* cases/art29.h items; on a refusal
					 * for field "register" what lacks */
};

void		 intake_out_clear(struct intake_out *);
enum cm_err	 op_intake(const struct op_ctx *, const struct intake_in *,
		    struct intake_out *, struct op_refusal *);

/* The case texts an action's form carries (its letters merge them). */
#define OP_ACT_TEXTS	14
extern const char *const op_act_text_keys[OP_ACT_TEXTS];

/* One lifecycle action, applied or filed for approval by the role
 * matrix, with the texts its letters need stored in the same
 * transaction. */
struct act_in {
	const char		*case_key;
	struct act_input	 a;	/* days, amount_fen: from the texts */
	const char		*days;		/* extend: "1".."20" */
	const char		*amount;	/* refused: fees are computed */
	/* fee-notice (109号): the method and count the amount is computed
	 * from; an override (yuan, below the computed amount) needs its
	 * reason. */
	const char		*fee_method;	/* "item" | "volume" */
	const char		*fee_count;	/* items or pages */
	const char		*override_amount;
	const char		*reason;
	const char		*texts[OP_ACT_TEXTS];	/* NULL: not given */
};

struct act_out {
	int		 pending;	/* filed for approval */
	int64_t		 approval;	/* its id */
	unsigned	 art29_missing;	/* register: cases/art29.h items */
};

void		 act_in_init(struct act_in *);
enum cm_err	 op_case_act(const struct op_ctx *, const struct act_in *,
		    struct act_out *, struct op_refusal *);

/* A signature on a pending request: the step to sign now of its
 * sign-off chain (ops/signoff.h; by default one step, a reviewer's). */
struct decide_in {
	const char	*case_key;
	int64_t		 approval;
	const char	*decision;	/* "approve" | "reject" */
	const char	*comment;	/* at most LIM_COMMENT_CHARS */
};

/* What the signature did: the request's status after it ("pending"
 * while later steps remain, "approved", "rejected") and the step
 * signed (1, 2, ...). */
struct decide_out {
	char		 status[16];
	int		 step;
};

/* A refusal because the actor may not sign the step to sign now (the
 * web answers 403) names this field. */
#define OP_DECIDE_SIGNER	"signer"

enum cm_err	 op_approval_decide(const struct op_ctx *,
		    const struct decide_in *, struct decide_out *,
		    struct op_refusal *);

/* Case texts: each given key set ("" removes it). */
#define OP_TEXTS_MAX	32
struct texts_in {
	const char	*case_key;
	size_t		 n;
	const char	*key[OP_TEXTS_MAX];
	const char	*value[OP_TEXTS_MAX];
};

enum cm_err	 op_case_texts(const struct op_ctx *, const struct texts_in *,
		    void *, struct op_refusal *);
const char	*op_text_label(const char *key);

/* A note. */
struct note_in {
	const char	*case_key;
	const char	*text;
};

enum cm_err	 op_note_add(const struct op_ctx *, const struct note_in *,
		    void *, struct op_refusal *);

/* An attachment. */
struct attach_in {
	const char	*case_key;
	const char	*name;
	size_t		 namelen;
	const void	*data;
	size_t		 len;
};

struct attach_out {
	int64_t		 id;
	char		 sha256[65];
};

enum cm_err	 op_attachment_add(const struct op_ctx *,
		    const struct attach_in *, struct attach_out *,
		    struct op_refusal *);

/* Issuing a letter: its first stored version (and its 文号 when the
 * kind has one); refused once the kind was issued (see reissue below).
 * Reading a letter never issues one. */
struct letter_in {
	const char	*case_key;
	const char	*kind;
};

enum cm_err	 op_letter_issue(const struct op_ctx *,
		    const struct letter_in *, struct letter_out *,
		    struct op_refusal *);

/* Reissuing a letter that went out ("重新出具"): a new version under
 * the same 文号, only with a reason, which the audit trail keeps
 * (letter.reissue).  op_letter.c. */
struct reissue_in {
	const char	*case_key;
	const char	*kind;
	const char	*reason;	/* required, at most LIM_COMMENT_CHARS */
};

enum cm_err	 op_letter_reissue(const struct op_ctx *,
		    const struct reissue_in *, struct letter_out *,
		    struct op_refusal *);

/* The draft (样稿, no 文号) of the letter a pending approval would send:
 * reads only, for a read-only connection.  op_letter.c. */
struct draft_in {
	const char	*case_key;
	int64_t		 approval;
};

enum cm_err	 op_approval_draft(const struct op_ctx *,
		    const struct draft_in *, struct letter_out *,
		    struct op_refusal *);

/* Correction of the registration data (登记信息更正): NULL leaves a
 * field as it is; an empty phone, address, email or ID clears it. */
struct correct_in {
	const char	*case_key;
	const char	*applicant;
	const char	*phone;
	const char	*address;
	const char	*email;
	const char	*id_type;
	const char	*id_number;
	const char	*request;
	const char	*channel;
	const char	*received;
	const char	*arrived;
	const char	*confirmed;
	const char	*reason;	/* required */
};

struct correct_out {
	int		 changed;	/* fields changed */
};

enum cm_err	 op_case_correct(const struct op_ctx *,
		    const struct correct_in *, struct correct_out *,
		    struct op_refusal *);

/* Cuts the English gist " (...)" off a domain message in place. */
char		*op_chinese(char *msg);

#endif
