/* SPDX-License-Identifier: ISC */
/* The refusal half of the operations' calling convention (op.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ops/op.h"

void
op_refusal_init(struct op_refusal *rf)
{
	memset(rf, 0, sizeof(*rf));
}

enum cm_err
op_refuse(struct op_refusal *rf, enum cm_err rc, const char *field,
    const char *fmt, ...)
{
	va_list	 ap;

	if (rf == NULL)
		return rc;
	snprintf(rf->field, sizeof(rf->field), "%s", field ? field : "");
	/* Storage that cannot take a write (cases/err.h: a full disk or a
	 * read-only database) is said plainly, whatever the operation was
	 * doing: the user can do nothing but call the administrator. */
	if (rc == CM_UNAVAILABLE) {
		snprintf(rf->field, sizeof(rf->field), "%s", "");
		snprintf(rf->msg, sizeof(rf->msg), "%s", OP_UNAVAILABLE_MSG);
		return rc;
	}
	va_start(ap, fmt);
	vsnprintf(rf->msg, sizeof(rf->msg), fmt, ap);
	va_end(ap);
	return rc;
}
