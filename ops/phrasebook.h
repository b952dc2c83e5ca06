/* SPDX-License-Identifier: ISC */
/*
 * The phrasebook as an operation: an administrator adds, edits or
 * removes a standard wording of an outcome (or of an action's notice)
 * for one of the texts that outcome's form shows.  One call behind the
 * page /admin/phrases; the lists are read with store/phrases.h.
 */
#ifndef OPS_PHRASEBOOK_H
#define OPS_PHRASEBOOK_H

#include <stdint.h>

#include "cases/err.h"

struct op_ctx;
struct op_refusal;

struct phrase_in {
	const char	*op;		/* "add" | "edit" | "delete" */
	int64_t		 id;		/* edit, delete */
	const char	*scope;		/* add: outcome or action code */
	const char	*field;		/* add: the text it goes into */
	const char	*text;		/* add, edit */
};

struct phrase_out {
	int64_t		 id;
};

/* Is scope a phrasebook scope (a reply outcome an officer chooses, or
 * an action whose notice has texts)?  Sets *act and *outcome. */
int		 phrase_scope(const char *scope, int *act, int *outcome);
enum cm_err	 op_phrase_edit(const struct op_ctx *,
		    const struct phrase_in *, struct phrase_out *,
		    struct op_refusal *);

#endif
