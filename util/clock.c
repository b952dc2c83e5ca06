/* SPDX-License-Identifier: ISC */
/* The wall clock, as the timestamps stored with every row. */
#include <time.h>

#include "util/clock.h"

/* Wall-clock time now, UTC, "2026-11-22T01:02:03Z". */
void
now_iso(char out[32])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
