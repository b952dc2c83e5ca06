/* SPDX-License-Identifier: ISC */
/*
 * "Same applicant, same information": the one definition used by the
 * intake gate (ops/similar.c), repeat requests (ops/repeat.c) and the
 * Art. 44 groups (ops/proactive_group.c).  See docs/proactive.md.
 * Pure.
 */
#ifndef CASES_SIMILARITY_H
#define CASES_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "cases/proactive.h"

struct buf;

/* A request prepared for comparison (px_text_init / px_text_clear). */
struct px_text {
	uint32_t		*v;	/* sim_norm() */
	size_t			 n;
	uint64_t		*bg;	/* bigram set */
	size_t			 nbg;
	struct px_docref	*d;	/* 文号 cited */
	size_t			 nd;
	int			 years[16];
	size_t			 ny;
};

void		 px_text_init(struct px_text *, const char *request,
		    const char *doc_number);
void		 px_text_clear(struct px_text *);
int		 px_text_same(const struct px_text *, const struct px_text *);
enum px_match	 px_same_prepared(const struct px_text *,
		    const struct px_text *, double threshold, double *score);
int		 px_texts_conflict(const struct px_text *,
		    const struct px_text *);
size_t		 px_match_trigrams(const char *request, char ***);
void		 px_trigrams_free(char **, size_t);
void		 px_match_expr(struct buf *, char *const *, size_t);
double		 similar_text(const char *a, const char *b);

/* The same applicant (keys: free them). */
char		*repeat_id_key(const char *id_number);
char		*repeat_name_key(const char *name);
char		*repeat_phone_key(const char *phone);
char		*repeat_np_key(const char *name, const char *phone);
int		 repeat_same_applicant(const struct px_ident *,
		    const struct px_ident *);

#endif
