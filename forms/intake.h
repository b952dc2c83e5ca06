/* SPDX-License-Identifier: ISC */
/*
 * The intake form (Art 29): one table of fields with their limits and
 * validators, used by the CLI and the web pages alike.
 */
#ifndef FORMS_INTAKE_H
#define FORMS_INTAKE_H

#include <stdint.h>

#include <stddef.h>

/* Intake fields (Art 29, Art 31); NULL or "" when not given. */
struct case_input {
	const char	*received;	/* the date that counts (Art 31) */
	const char	*arrived;	/* physical arrival, if different */
	const char	*confirmed;	/* confirmation with the applicant */
	const char	*channel;
	const char	*applicant;
	const char	*applicant_type;
	const char	*request;
	const char	*doc_number;
	const char	*id_type;
	const char	*id_number;
	const char	*phone;
	const char	*address;
	const char	*email;
	const char	*delivery;
	const char	*addr;		/* client address for the audit, or NULL */
	int		 applicant_record; /* enum appl_record (ops/case.c) */
};

/* When the ID number is already on file with other details: keep this
 * case's typed details (the default), also update the record on file,
 * or use the stored details. */
enum appl_record {
	APPL_REC_KEEP, APPL_REC_UPDATE, APPL_REC_USE_STORED, APPL_REC__MAX
};

enum intake_field {
	IN_RECEIVED, IN_ARRIVED, IN_CONFIRMED, IN_CHANNEL, IN_APPLICANT,
	IN_APPLICANT_TYPE, IN_REQUEST, IN_DOC_NUMBER, IN_ID_TYPE,
	IN_ID_NUMBER, IN_PHONE, IN_ADDRESS, IN_EMAIL, IN_DELIVERY,
	IN__MAX
};

struct intake_def {
	const char	*name;		/* option / form / JSON key */
	const char	*label;		/* Chinese label */
	size_t		 maxchars;
	int		 multiline;
};

extern const struct intake_def intake_fields[IN__MAX];

const char	**intake_slot(struct case_input *, enum intake_field);

/* The Art 31 date fields (bits 1u << IN_RECEIVED, IN_ARRIVED,
 * IN_CONFIRMED) a channel's intake uses, and those the form fills with
 * today's date; channel NULL or unknown: not chosen yet. */
#define IN_DATE_BIT(f)	(1u << (f))
unsigned	 intake_date_use(const char *channel);
unsigned	 intake_date_today(const char *channel);
int		 intake_check(const struct case_input *, char *msg,
		    size_t msglen);

/*
 * Can the letters print s?  1, or 0 with the first character that they
 * cannot in *bad.  The operation passes the PDF fonts' own test
 * (pdf_text_printable), so that forms/ need not know pdfgen/.
 */
typedef int	 intake_printable_fn(const char *s, uint32_t *bad, void *arg);

int		 intake_check_printable(const struct case_input *,
		    intake_printable_fn *, void *arg, char *msg,
		    size_t msglen);
int		 text_printable_msg(const char *label, const char *s,
		    intake_printable_fn *, void *arg, char *msg,
		    size_t msglen);

#endif
