/* SPDX-License-Identifier: ISC */
/* Domain messages as refusals (see refuse.h). */
#include <stdio.h>
#include <string.h>

#include "ops/refuse.h"

/*
 * Sets the refusal to msg without a trailing " (…)" whose text is all
 * ASCII (the English gloss for the command line), and returns rc.  An
 * empty message becomes "操作失败".
 */
enum cm_err
op_refuse_msg(struct op_refusal *rf, enum cm_err rc, const char *field,
    const char *msg)
{
	const char	*open, *p;
	size_t		 n;
	int		 ascii;

	if (msg == NULL || msg[0] == '\0')
		return op_refuse(rf, rc, field, "%s", "操作失败");
	n = strlen(msg);
	if (n > 0 && msg[n - 1] == ')' && (open = strstr(msg, " (")) !=
	    NULL && open != msg) {
		/* The last " (" that opens a gloss reaching the end. */
		for (p = open; (p = strstr(p + 1, " (")) != NULL; )
			open = p;
		ascii = 1;
		for (p = open; *p != '\0'; p++)
			if ((unsigned char)*p >= 0x80)
				ascii = 0;
		if (ascii)
			n = (size_t)(open - msg);
	}
	return op_refuse(rf, rc, field, "%.*s", (int)n, msg);
}
