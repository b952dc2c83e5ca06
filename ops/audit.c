/* SPDX-License-Identifier: ISC */
/* The audit trail (see audit.h); storage in store_auth.c. */
#include <stdio.h>

#include "ops/audit.h"
#include "ops/case.h"
#include "store/store_web.h"

/*
 * Attaches the audit context and triggers to this connection.  Call
 * once per connection, before any change it should audit.
 */
enum cm_err
audit_attach(struct store *st)
{
	return store_audit_attach(st);
}

/*
 * Sets who is acting (a user name; NULL lets each record name its own
 * actor) and from which address, for every change that follows on
 * this connection until the next call.
 */
enum cm_err
audit_context(struct store *st, const char *actor, const char *addr)
{
	return store_audit_context(st, actor, addr);
}

/*
 * Writes one audit row now (for events no trigger sees: logins,
 * logouts, refused attempts).  detail is a JSON object or NULL.
 */
enum cm_err
audit_log(struct store *st, const char *actor, const char *addr,
    const char *action, const char *object, const char *detail)
{
	char	 at[32];

	now_iso(at);
	return store_audit_insert(st, at, actor, addr, action, object, detail);
}

/*
 * Calls fn for the audit rows of object (a case number, "user:NAME",
 * ...; NULL for all), newest first, with ids below before (0: from the
 * newest), at most limit rows.  fn returning non-zero stops.
 */
enum cm_err
audit_list(struct store *st, const char *object, int64_t before, int limit,
    audit_fn fn, void *arg)
{
	return store_audit_list(st, object, before, limit, fn, arg);
}
