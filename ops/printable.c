/* SPDX-License-Identifier: ISC */
/* The letters' fonts as a printability test (ops/printable.h). */
#include <stdlib.h>

#include "ops/letter_issue.h"
#include "ops/printable.h"

void
op_fonts_load(struct store *st, struct op_fonts *of)
{
	letter_issue_fonts(st, &of->f, of->hold);
}

void
op_fonts_clear(struct op_fonts *of)
{
	int	 i;

	for (i = 0; i < 3; i++) {
		free(of->hold[i]);
		of->hold[i] = NULL;
	}
}

int
op_fonts_printable(const char *s, uint32_t *bad, void *arg)
{
	const struct op_fonts	*of = arg;

	return pdf_text_printable(&of->f, s, bad);
}
