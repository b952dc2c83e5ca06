/* SPDX-License-Identifier: ISC */
/*
 * Has this applicant asked for similar information recently?  The
 * intake form warns (it does not refuse: Art 36(6) repeat requests are
 * decided by an officer) when the same applicant -- same identity
 * document, or same name and phone -- logged a request within the last
 * 90 days whose text is similar (character trigrams, so it works for
 * Chinese without word segmentation).
 */
#ifndef CASES_SIMILAR_H
#define CASES_SIMILAR_H

#include <stddef.h>

#include "cases/err.h"


#define SIMILAR_DAYS	90

struct similar {
	char	 id[37];
	char	*number;
	char	*received;
	char	*state;
	char	*request;
	int	 percent;	/* similarity of the request texts */
};

double		 similar_text(const char *a, const char *b);
void		 similar_free(struct similar *, size_t);

#endif
