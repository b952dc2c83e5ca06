/* SPDX-License-Identifier: ISC */
/*
 * The letter check of op_case_act (ops/op_act.c): a decision carries
 * its letter, so an action whose letter cannot be composed from the
 * case, its texts and the agency is refused before anything is stored
 * or filed for approval.
 */
#ifndef OPS_ACT_CHECK_H
#define OPS_ACT_CHECK_H

#include "cases/err.h"

struct act_input;
struct op_ctx;
struct op_refusal;

/* Which letter an action makes: an enum letter_kind, or -1 for none. */
int		 act_letter_kind(const struct act_input *);
/* Inside the caller's transaction: applies the action on a savepoint,
 * composes its letter (no 文号, no PDF), and undoes the savepoint.
 * CM_OK when the action is allowed and its letter can be made;
 * otherwise the refusal names the missing field as the page labels
 * it (field: its input key). */
enum cm_err	 act_letter_check(const struct op_ctx *, const char *case_id,
		    const struct act_input *, struct op_refusal *);
/* The Chinese label of a letter field (a case text or an agency
 * setting), as the pages show it. */
const char	*act_field_label(const char *key);

struct store;
/* Agency settings of decisions 13 and 14 (the settings table):
 * consult_names_applicant is on, the reasons period in working days. */
int		 act_consult_names_applicant(struct store *);
int		 act_reasons_period(struct store *);
/* Decision 13: whether a reply of outcome to this case needs the
 * written decision to the third party (a disclosing reply, and the
 * case text third_party_objection recorded). */
int		 act_needs_tp_decision(struct store *, const char *case_id,
		    int outcome);

/* The form of an action (an enum action): the texts it shows (for a
 * reply of outcome; -1: those of every outcome) into keys, their
 * number returned; whether one is shown or required (by the letter);
 * its hint and rows. */
size_t		 act_form_texts(int act, int outcome, const char **keys,
		    size_t max);
int		 act_text_shown(int act, int outcome, const char *key);
int		 act_text_required(int act, int outcome, const char *key);
const char	*act_text_hint(const char *key, int *rows);

#endif
