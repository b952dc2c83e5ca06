/* SPDX-License-Identifier: ISC */
/*
 * The annual report as office documents: XLSX (libxlsxwriter) and PDF
 * (libharu, with the fonts of pdf.h), both in the official 30号 layout
 * with merged cells.  The only interface the rest of foidesk sees;
 * xlsxwriter.h and hpdf.h stay inside pdfgen/.
 */
#ifndef PDFGEN_REPORT_OUT_H
#define PDFGEN_REPORT_OUT_H

#include <stddef.h>

struct buf;
struct report;
struct pdf_fonts;

/* report_xlsx.c */
int	report_xlsx_write(const struct report *, const char *path, char *err,
	    size_t errlen);

/* report_pdf.c */
int	report_pdf_render(const struct report *, const struct pdf_fonts *,
	    struct buf *, char *err, size_t errlen);

#endif
