/* SPDX-License-Identifier: ISC */
/*
 * Has this applicant asked for the same information recently?  The
 * intake form warns (it does not refuse: Art 36(6) repeat requests are
 * decided by an officer) when the same applicant logged a request for
 * the same information within the last SIMILAR_DAYS days -- "the same
 * applicant" and "the same information" as cases/similarity.h defines
 * them for repeat requests and the Art. 44 groups (docs/proactive.md).
 * The search is ops/similar.c (similar_find).
 */
#ifndef CASES_SIMILAR_H
#define CASES_SIMILAR_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/similarity.h"

#define SIMILAR_DAYS	90

struct similar {
	char	 id[37];
	char	*number;
	char	*received;
	char	*state;
	char	*request;
	int	 percent;	/* same_info score of the request texts */
};

void		 similar_free(struct similar *, size_t);

#endif
