/* SPDX-License-Identifier: ISC */
/*
 * Repeat requests on the store (ops/repeat.c): finding the earlier,
 * answered requests of the same applicant for the same information, and
 * citing one in the not_processed.repeat letter.
 */
#ifndef OPS_REPEAT_H
#define OPS_REPEAT_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/repeat.h"

struct store;

enum cm_err	 repeat_find(struct store *, const char *case_key,
		    struct repeat_hit **, size_t *);
enum cm_err	 repeat_cite_earlier(struct store *, const char *case_key,
		    const char *earlier_key, const char *actor, char **text,
		    char *err, size_t errlen);
enum cm_err	 repeat_keys_catch_up(struct store *, int batch,
		    size_t *done);

#endif
