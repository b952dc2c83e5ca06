/* SPDX-License-Identifier: ISC */
/*
 * Chinese line breaking with the 禁则 (kinsoku) rules of GB/T 15834:
 * a pure function of code points and advance widths, no fonts, no I/O.
 */
#ifndef PDFGEN_LINEBREAK_H
#define PDFGEN_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/* linebreak.c */
int	linebreak_no_start(uint32_t);
int	linebreak_no_end(uint32_t);
size_t	linebreak_fit(const uint32_t *, const float *, size_t, float,
	    size_t *);

#endif
