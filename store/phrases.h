/* SPDX-License-Identifier: ISC */
/*
 * The phrasebook: standard wordings an officer inserts into a text of
 * an action's form with one click, per outcome (or action) and text.
 * Migration 10 seeds the shipped defaults; administrators edit them
 * (ops/phrasebook.h).
 */
#ifndef STORE_PHRASES_H
#define STORE_PHRASES_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"

struct store;

struct phrase {
	int64_t	 id;
	char	*scope;		/* an outcome code, or an action code */
	char	*field;		/* the case text it goes into */
	char	*text;
};

/* All phrases (scope NULL) or those of one scope, in book order. */
enum cm_err	 phrases_list(struct store *, const char *scope,
		    struct phrase **, size_t *);
void		 phrases_free(struct phrase *, size_t);
enum cm_err	 phrase_add(struct store *, const char *scope,
		    const char *field, const char *text, int64_t *id);
/* CM_NOTFOUND when there is no phrase id. */
enum cm_err	 phrase_get(struct store *, int64_t id, struct phrase *);
enum cm_err	 phrase_set(struct store *, int64_t id, const char *text);
enum cm_err	 phrase_del(struct store *, int64_t id);

#endif
