/* SPDX-License-Identifier: ISC */
/* Free-text notes on a case (who, when, what); never edited. */
#ifndef OPS_NOTE_H
#define OPS_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/limits.h"
#include "store/records.h"

struct store;


enum cm_err	 note_add(struct store *, const char *case_key,
		    const char *text, const char *author, char *err,
		    size_t errlen);
enum cm_err	 notes_list(struct store *, const char *case_id,
		    int (*)(const struct note_rec *, void *), void *);

#endif
