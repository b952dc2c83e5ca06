/* SPDX-License-Identifier: ISC */
/* The wall clock, as the timestamps stored with every row. */
#ifndef UTIL_CLOCK_H
#define UTIL_CLOCK_H

void		 now_iso(char out[32]);

#endif
