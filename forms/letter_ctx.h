/* SPDX-License-Identifier: ISC */
/*
 * The bridge from a case to a letter's merge fields: which fact of the
 * case, its events, clocks, texts and the agency fills which field of
 * forms/letter.c.
 */
#ifndef FORMS_LETTER_CTX_H
#define FORMS_LETTER_CTX_H

#include <stddef.h>

#include "forms/letter.h"

struct case_view;
struct agency;
struct case_text;
struct calendar;
struct ctx;

/* Everything a letter may draw on. */
struct letter_src {
	const struct case_view	*view;
	const struct agency	*agency;
	const struct case_text	*texts;
	size_t			 ntexts;
	const struct calendar	*cal;
	const char		*doc_number;	/* allocated 发文字号 or NULL */
	const char		*review_body_alt;
	const char		*review_address_alt;
	const char		*served_doc;	/* service: the document served */
	const char		*served_number;	/* service: its 发文字号 or NULL */
	const char		*served_kind;	/* service: its kind code or NULL
						   (its delivery record, issue 12) */
	const char		*address_org;	/* "贵单位" or the agency's own
						   word for an organisation */
	const char		*review_online;	/* 复议机关's online filing
						   channel (decision 15) */
	int			 today;
	int			 consult_names_applicant; /* decision 13 */
	/* approval_form (issue 13 item 4): the sign-off chain, or NULL
	 * when the case has none; approval_date is the ISO date of its
	 * last signature ("" when none is signed). */
	const char		*approval_decision;
	const char		*approval_requested;
	const char		*approval_steps;
	const char		*approval_date;
};

const char	*letter_ctx_fill(enum letter_kind, const struct letter_src *,
		    struct ctx *);
int		 letter_ctx_outcome(enum letter_kind, const struct case_view *);

#endif
