/* SPDX-License-Identifier: ISC */
/*
 * Turning the message of a domain function (cases/, older ops/ calls
 * that still fill a char err[] buffer) into an operation's refusal:
 * the Chinese text without the English gloss in parentheses that some
 * of those messages carry for the command line ("… (--year: …)").
 */
#ifndef OPS_REFUSE_H
#define OPS_REFUSE_H

#include "ops/op.h"

enum cm_err	 op_refuse_msg(struct op_refusal *, enum cm_err rc,
		    const char *field, const char *msg);

#endif
