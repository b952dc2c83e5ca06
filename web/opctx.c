/* SPDX-License-Identifier: ISC */
/* The operation context of a web request (see opctx.h). */
#include <string.h>

#include "web/http.h"
#include "web/opctx.h"

/* Fills ctx from the request: its store, calendar, day, the session's
 * user and role, and the client's address. */
void
web_op_ctx(const struct req *r, struct op_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->st = r->st;
	ctx->cal = r->cal;
	ctx->actor = r->sess.user;
	ctx->role = r->sess.role;
	ctx->today = r->today;
	ctx->addr = r->addr;
}
