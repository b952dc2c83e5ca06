/* SPDX-License-Identifier: ISC */
/*
 * The intake form (Art 29): one table of fields with their limits and
 * validators, used by the CLI and the web pages alike.
 */
#ifndef FORMS_INTAKE_H
#define FORMS_INTAKE_H

#include <stddef.h>

#include "ops/case.h"

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
int		 intake_check(const struct case_input *, char *msg,
		    size_t msglen);

#endif
