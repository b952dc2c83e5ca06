/* SPDX-License-Identifier: ISC */
/*
 * The canonical codes of codes.md: applicant types, identity documents,
 * submission channels, case states, actions and outcomes, each with its
 * Chinese label.  Every enum ends in a __MAX sentinel that sizes its table.
 * Lookups by code return -1 for an unknown code.
 */
#ifndef CASES_CODES_H
#define CASES_CODES_H

enum applicant_type {
	APPL_PERSON, APPL_BUSINESS, APPL_RESEARCH, APPL_NGO, APPL_LEGAL,
	APPL_OTHER_ORG, APPL__MAX
};

enum id_type {
	IDT_RESIDENT_ID, IDT_PASSPORT, IDT_HK_MACAU, IDT_TAIWAN,
	IDT_FOREIGN_PERMANENT, IDT_USCC, IDT_OTHER, IDT__MAX
};

enum channel {
	CH_IN_PERSON, CH_POST, CH_POST_PLAIN, CH_ONLINE, CH_FAX, CH_OTHER,
	CH__MAX
};

enum case_state {
	ST_RECEIVED, ST_REGISTERED, ST_UNDER_REVIEW, ST_AWAITING_CORRECTION,
	ST_HANDLING, ST_CONSULTING, ST_AWAITING_FEE, ST_REPLIED, ST_ARCHIVED,
	ST__MAX
};

enum action {
	ACT_RECEIVE,		/* case new: the first event of every case */
	ACT_REGISTER, ACT_REVIEW, ACT_ACCEPT, ACT_REQUEST_CORRECTION,
	ACT_CORRECTED, ACT_CORRECTION_LAPSED, ACT_CONSULT_START,
	ACT_CONSULT_END, ACT_FEE_NOTICE, ACT_FEE_PAID, ACT_FEE_LAPSED,
	ACT_EXTEND, ACT_REPLY, ACT_WITHDRAW, ACT_ARCHIVE,
	ACT_REDO,		/* decision 12: 责令重新答复 (appeal decide --redo) */
	ACT_ASK_REASONS, ACT_REASONS_RECEIVED, ACT_SET_LATER_DEADLINE,
	ACT__MAX
};

enum outcome {
	OUT_DISCLOSED, OUT_PARTIAL,
	OUT_WITHHELD_STATE_SECRET, OUT_WITHHELD_LAW, OUT_WITHHELD_SAFETY,
	OUT_WITHHELD_THIRD_PARTY, OUT_WITHHELD_INTERNAL, OUT_WITHHELD_PROCESS,
	OUT_WITHHELD_ENFORCEMENT, OUT_WITHHELD_QUERY,
	OUT_UNAVAILABLE_NOT_HELD, OUT_UNAVAILABLE_NEEDS_CREATION,
	OUT_UNAVAILABLE_UNCLEAR,
	OUT_NP_PETITION, OUT_NP_REPEAT, OUT_NP_PUBLICATION, OUT_NP_EXCESSIVE,
	OUT_NP_CONFIRMATION,
	OUT_OTHER_NO_CORRECTION, OUT_OTHER_NO_FEE, OUT_OTHER_OTHER,
	OUT__MAX
};

/* A code with its Chinese label (and, for outcomes, the statutory basis). */
struct code {
	const char	*code;
	const char	*label;
	const char	*basis;		/* outcomes only; NULL elsewhere */
};

extern const struct code applicant_types[APPL__MAX];
extern const struct code id_types[IDT__MAX];
extern const struct code channels[CH__MAX];
extern const struct code case_states[ST__MAX];
extern const struct code actions[ACT__MAX];
extern const struct code outcomes[OUT__MAX];

int	 code_find(const struct code *, int n, const char *code);

#define applicant_type_find(s)	code_find(applicant_types, APPL__MAX, (s))
#define id_type_find(s)		code_find(id_types, IDT__MAX, (s))
#define channel_find(s)		code_find(channels, CH__MAX, (s))
#define case_state_find(s)	code_find(case_states, ST__MAX, (s))
#define action_find(s)		code_find(actions, ACT__MAX, (s))
#define outcome_find(s)		code_find(outcomes, OUT__MAX, (s))

/* Is this outcome a refusal that requires reconsideration first? */
int	 outcome_is_refusal(enum outcome);

#endif
