/* SPDX-License-Identifier: ISC */
/*
 * Storage of the agency's standard letter texts (store_ltexts.c,
 * table letter_texts, migration 10): every version, none changed or
 * deleted (triggers refuse it).  outcome is "" for a kind that is not a
 * reply; body NULL is a restore (the shipped text applies).
 */
#ifndef STORE_STORE_LTEXTS_H
#define STORE_STORE_LTEXTS_H

#include "cases/err.h"

struct store;

/* One version; borrowed strings, valid during the callback. */
struct ltext_row {
	const char	*kind;
	const char	*outcome;
	int		 version;
	const char	*body;		/* NULL: the shipped text */
	const char	*note;
	const char	*actor;
	const char	*at;
};

typedef int	 ltext_fn(const struct ltext_row *, void *);

enum cm_err	 store_ltext_versions(struct store *, const char *kind,
		    const char *outcome, ltext_fn *, void *);
enum cm_err	 store_ltext_current(struct store *, ltext_fn *, void *);
enum cm_err	 store_ltext_add(struct store *, const char *kind,
		    const char *outcome, const char *body, const char *note,
		    const char *actor, const char *at, int *version);

#endif
