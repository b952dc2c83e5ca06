/* SPDX-License-Identifier: ISC */
/* The operation context (ops/op.h) of a command. */
#include <string.h>

#include "cli/cli.h"
#include "ops/op.h"

/*
 * Fills ctx for an open command (cli_open): the operator at the shell
 * acts with every permission, under the name actor (from cli_actor).
 */
void
cli_op_ctx_admin(const struct cli *c, const char *actor, struct op_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->st = c->st;
	ctx->cal = c->cal;
	ctx->actor = actor != NULL ? actor : "cli";
	ctx->role = ROLE_ADMIN;
	ctx->today = c->today;
	ctx->addr = NULL;
}
