/* SPDX-License-Identifier: ISC */
/*
 * The sealed case file (一案一档, issue 14) as one PDF: the 卷内目录
 * with the 归档章 on its first page, then every part in order (PDFs
 * page by page, PNG/JPEG images one page each; other files are only
 * listed, with their SHA-256).  Generated parts (the 登记表, the event
 * log) are drawn with archive_pdf_table() first and handed in as PDFs.
 * The only interface the rest of foidesk sees; hpdf.h and qpdf-c.h
 * stay inside pdfgen/.
 */
#ifndef PDFGEN_ARCHIVE_PDF_H
#define PDFGEN_ARCHIVE_PDF_H

#include <stddef.h>

struct buf;
struct pdf_fonts;

enum arc_type { ARC_PDF, ARC_PNG, ARC_JPEG, ARC_OTHER };

/* One part (件) of the file; first and pages are set by the seal. */
struct arc_part {
	const char	*author;	/* 责任者 */
	const char	*docno;		/* 文号, "" for none */
	const char	*title;		/* 题名 */
	const char	*date;		/* YYYY-MM-DD */
	enum arc_type	 type;
	const void	*data;
	size_t		 len;
	const char	*sha256;	/* hex, listed for ARC_OTHER */
	int		 first;		/* page of the sealed file, 0: none */
	int		 pages;
};

/* The 归档章 and the heading of the 卷内目录. */
struct arc_stamp {
	const char	*dangan;	/* 档号 */
	const char	*fonds;		/* 全宗号 */
	int		 year;
	const char	*retention;	/* 永久 30年 10年 */
	const char	*dept;		/* 机构（问题） */
	int		 seq;		/* 件号 */
	const char	*case_number;
	const char	*note;		/* a line under the title, or NULL */
};

/* archive_pdf.c */
int	archive_pdf_table(const char *title, const char *subtitle, int ncols,
	    const float *colw_mm, const char *const *cells, size_t nrows,
	    const struct pdf_fonts *, struct buf *out, char *err,
	    size_t errlen);
int	archive_pdf_seal(const struct arc_stamp *, struct arc_part *, size_t,
	    const struct pdf_fonts *, struct buf *out, int *pages, char *err,
	    size_t errlen);
int	archive_pdf_pages(const void *, size_t);

#endif
