/* SPDX-License-Identifier: ISC */
/* Domain messages as refusals (see refuse.h). */
#include <stdio.h>
#include <string.h>

#include "ops/refuse.h"

/*
 * Sets the refusal to msg without the trailing " (…)" parts whose text
 * is all ASCII (English glosses for the command line), and returns rc.  An
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
	/* Glosses may nest ("…：日期无效 (bad date) (line 1)"). */
	while (n > 0 && msg[n - 1] == ')') {
		open = NULL;
		for (p = msg; (p = strstr(p, " (")) != NULL &&
		    p < msg + n; p++)
			open = p;
		if (open == NULL || open == msg)
			break;
		ascii = 1;
		for (p = open; p < msg + n; p++)
			if ((unsigned char)*p >= 0x80)
				ascii = 0;
		if (!ascii)
			break;
		n = (size_t)(open - msg);
	}
	return op_refuse(rf, rc, field, "%.*s", (int)n, msg);
}
