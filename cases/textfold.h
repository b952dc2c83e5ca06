/* SPDX-License-Identifier: ISC */
/*
 * Code points and folding shared by the request-text functions
 * (textfold.c, docref.c, similarity.c, proactive.c; docs/proactive.md).
 * Pure.
 */
#ifndef CASES_TEXTFOLD_H
#define CASES_TEXTFOLD_H

#include <stddef.h>
#include <stdint.h>

struct buf;
/* A phrase list as code points (at most PX_PHRASE_MAX phrases of up to
 * eight code points). */
#define PX_PHRASE_MAX	64
struct phrases {
	uint32_t	 c[PX_PHRASE_MAX][8];
	size_t		 n[PX_PHRASE_MAX];
	size_t		 count;
};

/* The phrase lists (textfold.c). */
enum px_phrase_list {
	PX_PH_SIM,	/* boilerplate removed before comparing texts */
	PX_PH_TERM,	/* words too general to be a hot spot */
	PX_PH_LEAD	/* words that may precede an issuer's code */
};

size_t		 px_u8_decode(const char *, uint32_t **);
void		 px_u8_encode(struct buf *, const uint32_t *, size_t);
uint32_t	 px_fold_width(uint32_t);
int		 px_is_space(uint32_t);
int		 px_is_punct(uint32_t);
int		 px_is_han(uint32_t);
int		 px_is_digit(uint32_t);
size_t		 px_fold_cps(uint32_t *, size_t, int flags);
const struct phrases *px_phrases(enum px_phrase_list);
size_t		 px_strip_phrases(uint32_t *, size_t, const struct phrases *,
		    int sep);

#endif
