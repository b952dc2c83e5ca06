/* SPDX-License-Identifier: ISC */
/*
 * Repeat requests (Reg. art. 36(6)): the same applicant — the same ID
 * number, or else the same normalised name and phone — asking again for
 * information already answered ("same applicant" and "same
 * information" as cases/similarity.h defines them).  Finding the
 * earlier requests and citing one (the case text earlier_reply of the
 * not_processed.repeat letter) are ops/repeat.h.
 */
#ifndef CASES_REPEAT_H
#define CASES_REPEAT_H

#include <stddef.h>

#include "cases/date.h"
#include "cases/err.h"
#include "cases/similarity.h"

struct json;
struct px_ident;

/* An earlier, answered request for the same information. */
struct repeat_hit {
	char		 case_id[37];
	char		*number;
	char		 received[DATE_STRLEN];
	char		 replied_on[DATE_STRLEN];
	char		*outcome;
	char		*reply_doc;	/* 答复书 document number or NULL */
	char		*request;
	const char	*how;		/* doc | text | link */
	double		 score;
};

int		 repeat_outcome_answered(const char *outcome);
void		 repeat_hits_free(struct repeat_hit *, size_t);
void		 repeat_hit_json(const struct repeat_hit *, struct json *);

#endif
