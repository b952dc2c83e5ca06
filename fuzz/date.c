/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the strict date parser (date_parse in
 * cases/date.c).  Every date it accepts lies in DATE_MIN..DATE_MAX and
 * formats back to exactly the input; the day-number conversions round
 * trip; and date_parse never reads past the string's NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Parses data as a NUL-terminated string in a buffer of exactly
 * size + 1 bytes.  Aborts when an invariant breaks.  Always returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, out[DATE_STRLEN], cn[64];
	int	 day, y, m, d;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &day) == 0) {
		if (day < DATE_MIN || day > DATE_MAX)
			abort();
		date_format(day, out);
		if (strcmp(out, s) != 0)
			abort();
		date_to_ymd(day, &y, &m, &d);
		if (date_from_ymd(y, m, d) != day || date_year(day) != y)
			abort();
		if (date_weekday(day) < 0 || date_weekday(day) > 6)
			abort();
		date_format_cn(day, cn, sizeof(cn));
	}
	free(s);
	return 0;
}
