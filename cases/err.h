/* SPDX-License-Identifier: ISC */
/* The error codes every fallible domain and store call returns. */
#ifndef CASES_ERR_H
#define CASES_ERR_H

enum cm_err {
	CM_OK = 0,
	CM_NOTFOUND,	/* no such case, user, ... */
	CM_CONFLICT,	/* refused by a rule or a constraint (409) */
	CM_INVALID,	/* bad input (400/422) */
	CM_SYSERR,	/* database or system failure (500) */
	CM_UNAVAILABLE,	/* storage full or read-only: nothing saved (503) */
	CM_FORBIDDEN,	/* the acting user's role may not do this (403) */
	CM__MAX
};

#endif
