/* SPDX-License-Identifier: ISC */
/*
 * Issuing letters: load the case, allocate its document number, merge
 * the letter text (forms/), render it (pdfgen/pdf.c) and store the PDF
 * with the case.  The one call behind `foidesk letter` and the web's
 * letter routes.
 */
#ifndef OPS_LETTER_ISSUE_H
#define OPS_LETTER_ISSUE_H

#include <stddef.h>

#include "cases/err.h"
#include "util/buf.h"

struct store;
struct calendar;
struct pdf_fonts;

struct letter_out {
	struct buf	 pdf;
	int		 version;
	char		 sha256[65];
	char		 doc_number[96];
	char		 title[128];
};

void		 letter_out_init(struct letter_out *);
void		 letter_out_clear(struct letter_out *);
enum cm_err	 letter_issue(struct store *, const struct calendar *,
		    const char *case_key, const char *kind, const char *actor,
		    int today, struct letter_out *, char *err, size_t errlen);
enum cm_err	 letter_batch(struct store *, const struct calendar *,
		    const char *const *case_keys, size_t n, const char *kind,
		    const char *actor, int today, struct buf *pdf,
		    char *err, size_t errlen);
void		 letter_issue_fonts(struct store *, struct pdf_fonts *,
		    char *hold[3]);

#endif
