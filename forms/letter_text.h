/* SPDX-License-Identifier: ISC */
/*
 * The agency-editable standard texts (issue 11 item 7): which letter
 * texts an administrator may replace (one per letter kind, one per
 * reply outcome; not the remedy paragraphs, which the composer appends
 * to every reply and which follow the law, decision 7), the
 * placeholders each may use with their Chinese descriptions, the
 * mandatory ones, and the check of an edited text.  The shipped texts
 * (forms/templates/NAME.tmpl) stay the default; storage is ops/'s
 * business (ops/letter_text.c).
 *
 * Allowed placeholders of a text: every field the shipped templates of
 * its kind use (for a reply, any reply outcome's template), and the
 * fields every letter may show (agency, case, applicant, dates,
 * contact) that forms/letter.c knows.  So a field added to the shipped
 * templates is allowed without a change here.
 *
 * Mandatory placeholders: of the fields below, those whose value the
 * shipped text of the same kind and outcome prints ({{f}}, {{~f}} or
 * {{*f}}; a field the shipped text dropped is not demanded), and the
 * edited text must print them too (a {{#f}} condition alone is not
 * enough).  Every letter: applicant (the addressee; the
 * consultation letters: consult_party), case_number.  Receipt: received,
 * due (Art 31, Art 33).  Correction: correction_items,
 * correction_deadline (Art 30: one notice, everything to correct, a
 * deadline).  Extension: extension_days, new_due (Art 33 ¶2).
 * Consultations: consult_subject, consult_deadline (Art 32, 34).  Fee:
 * fee_amount, fee_computation, fee_pay_how, fee_deadline (109号).
 * Reply: received, request, and the decision the officer entered
 * (reasons, provided, withheld_items, how_to_obtain, published_where,
 * earlier_reply, responsible_agency, responsible_contact, fee_amount,
 * correction_deadline).  Service: service_doc, doc_number,
 * service_method.  Besides placeholders every text needs its @title
 * line; a reply's remedy paragraph (复议、诉讼) is not part of the text
 * and cannot be removed by editing it.
 */
#ifndef FORMS_LETTER_TEXT_H
#define FORMS_LETTER_TEXT_H

#include <stddef.h>

#include "cases/err.h"
#include "forms/letter.h"

/* One editable text: a kind, and for a reply its outcome (else -1). */
struct letter_text_key {
	enum letter_kind	 kind;
	int			 outcome;
};

size_t		 letter_text_count(void);
void		 letter_text_key_at(size_t, struct letter_text_key *);
int		 letter_text_key_find(const char *kind, const char *outcome,
		    struct letter_text_key *);
int		 letter_text_key_of_name(const char *name,
		    struct letter_text_key *);
int		 letter_text_name(const struct letter_text_key *, char *buf,
		    size_t bufsz);
void		 letter_text_label(const struct letter_text_key *, char *buf,
		    size_t bufsz);
const char	*letter_text_outcome_code(const struct letter_text_key *);
const char	*letter_text_default(const struct letter_text_key *);
const char	*letter_field_label(const char *field);
size_t		 letter_text_fields(const struct letter_text_key *,
		    const char **out, size_t max);
int		 letter_text_field_allowed(const struct letter_text_key *,
		    const char *field);
int		 letter_text_field_mandatory(const struct letter_text_key *,
		    const char *field);
enum cm_err	 letter_text_check(const struct letter_text_key *,
		    const char *text, char *msg, size_t msglen);

#endif
