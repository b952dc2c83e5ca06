/* SPDX-License-Identifier: ISC */
/*
 * Can the letters print a text?  The faces the letters use (the
 * agency's settings over the defaults) and the PDF renderer's own glyph
 * test, as an intake_printable_fn for forms/ (issue 16 M6).
 */
#ifndef OPS_PRINTABLE_H
#define OPS_PRINTABLE_H

#include <stdint.h>

#include "pdfgen/pdf.h"

struct store;

struct op_fonts {
	struct pdf_fonts	 f;
	char			*hold[3];
};

void	op_fonts_load(struct store *, struct op_fonts *);
void	op_fonts_clear(struct op_fonts *);
int	op_fonts_printable(const char *, uint32_t *, void *op_fonts);

#endif
