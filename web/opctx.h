/* SPDX-License-Identifier: ISC */
/* The operation context (ops/op.h) of a web request. */
#ifndef WEB_OPCTX_H
#define WEB_OPCTX_H

#include "ops/op.h"

struct req;

void	 web_op_ctx(const struct req *, struct op_ctx *);

#endif
