/* SPDX-License-Identifier: ISC */
/*
 * The PDF renderer: lays out struct doc letters per GB/T 9704-2012 (信函
 * 格式 letterhead, 22 lines of 28 characters on a 156 x 225 mm type area)
 * and writes them as one PDF with subset, embedded TrueType fonts.  This
 * is the only interface the rest of foidesk sees; hpdf.h and the
 * HarfBuzz headers stay inside pdfgen/.
 */
#ifndef PDFGEN_PDF_H
#define PDFGEN_PDF_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct doc;

/*
 * One TrueType (glyf-outline) font face: a .ttf, or face "index" of a
 * .ttc.  "bold" is an extra stroke width in em units (0 for none) that
 * imitates a heavier face, e.g. 小标宋 or 黑体 with a light Song.
 */
struct pdf_face {
	const char	*path;
	int		 index;
	float		 bold;
};

/*
 * The faces of a letter, by the roles GB/T 9704 names.  Characters a
 * role's face lacks are drawn from the fallback face; a character that
 * neither has is an error.  A NULL fallback path means no fallback.
 */
struct pdf_fonts {
	struct pdf_face	 title;		/* 标题 and letterhead: 小标宋 */
	struct pdf_face	 body;		/* 正文 and everything else: 仿宋 */
	struct pdf_face	 heading1;	/* "一、" headings: 黑体 */
	struct pdf_face	 heading2;	/* "（一）" headings: 楷体 */
	struct pdf_face	 number;	/* page numbers: 宋体 */
	struct pdf_face	 fallback;	/* rare characters */
};

/* pdf.c */
void	pdf_fonts_default(struct pdf_fonts *);
int	pdf_render_docs(const struct doc *, size_t, const struct pdf_fonts *,
	    struct buf *, char *, size_t);
void	pdf_cache_clear(void);
int	pdf_text_printable(const struct pdf_fonts *, const char *,
	    uint32_t *);

#endif
