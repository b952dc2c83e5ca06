/* SPDX-License-Identifier: ISC */
/*
 * The audit trail: who changed what, when and from which address.
 *
 * A connection that serves people (the web server's) calls
 * audit_attach() once: it creates a per-connection context (actor,
 * address) and temporary triggers on the tables that record changes
 * (events, letters, case texts, attachments, notes, approvals, users,
 * agency, settings, calendar years).  Each trigger writes its audit
 * row inside the transaction that made the change, so a change and its
 * audit row commit or roll back together, whichever domain call made
 * it.  audit_context() sets who is acting before each request.  Logins
 * and logouts are written by cases/auth.c with audit_log().
 */
#ifndef OPS_AUDIT_H
#define OPS_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "store/records.h"

struct store;

/* One audit row; borrowed strings, valid during the callback. */

enum cm_err	 audit_attach(struct store *);
enum cm_err	 audit_context(struct store *, const char *actor,
		    const char *addr);
enum cm_err	 audit_log(struct store *, const char *actor,
		    const char *addr, const char *action, const char *object,
		    const char *detail);
enum cm_err	 audit_list(struct store *, const char *object,
		    int64_t before, int limit, audit_fn, void *);

/* The audit page's filters (audit_search). */
struct audit_filter {
	int64_t		 before;	/* ids below; 0 from the newest */
	const char	*user;		/* NULL or "": every user */
	const char	*case_number;
	const char	*action;	/* an audit_actions code, or NULL */
	int		 from, to;	/* days, DATE_NONE for none */
	int		 internal;	/* 1: bookkeeping rows too */
	int		 limit;
};

struct audit_action {
	const char	*code;
	const char	*label;
};

extern const struct audit_action audit_actions[];
extern const size_t audit_actions_count;
const struct audit_action *audit_action_find(const char *code);
enum cm_err	 audit_search(struct store *, const struct audit_filter *,
		    audit_fn, void *);

/* The first cases row that its events contradict (audit verify). */
struct case_mismatch {
	char	 number[64];	/* case number; "" when none */
	char	 field[16];	/* state, outcome, due, closed_on, events */
};

struct calendar;
enum cm_err	 audit_cases_verify(struct store *, const struct calendar *,
		    int today, struct case_mismatch *);

#endif
