/* SPDX-License-Identifier: ISC */
/*
 * The intake gate on the store (ops/similar.c): the same applicant's
 * similar requests of the last SIMILAR_DAYS days.
 */
#ifndef OPS_SIMILAR_H
#define OPS_SIMILAR_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/similar.h"

struct store;

struct case_input;

enum cm_err	 similar_find(struct store *, const struct case_input *,
		    int today, struct similar **, size_t *);

#endif
