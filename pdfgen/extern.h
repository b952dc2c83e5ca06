/* SPDX-License-Identifier: ISC */
/*
 * Internals shared by the files of pdfgen/: the font cache (font.c), the
 * display list the letter layout (letter_pdf.c) builds and the writer
 * (pdf.c) draws.  Nothing outside pdfgen/ includes this header.
 */
#ifndef PDFGEN_EXTERN_H
#define PDFGEN_EXTERN_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct doc;
struct pdf_fonts;

/* Units: PostScript points; 1 mm = 72 / 25.4 pt. */
#define PDF_MM(x)	((float)(x) * 72.0f / 25.4f)

/*
 * A cached font face.  Created on first use and kept until
 * pdf_cache_clear(); immutable afterwards, so renders in several threads
 * may share it.  The HarfBuzz objects are hidden behind void pointers so
 * that this header does not pull hb.h into every file.
 */
struct pdf_face_ent;

/*
 * A font slot of one batch: a face (several roles may share it) and the
 * code points drawn with it, which make its subset.
 */
struct pdf_slot {
	struct pdf_face_ent	*face;
	void			*cps;		/* hb_set_t * */
};

#define PDF_SLOT_MAX	8

/* One display-list entry. */
enum pdf_op_kind {
	PDF_OP_PAGE,		/* start a new A4 page */
	PDF_OP_TEXT,		/* a run of text in one slot */
	PDF_OP_RULE,		/* a horizontal line */
	PDF_OP__MAX
};

struct pdf_op {
	enum pdf_op_kind	 kind;
	int			 slot;	/* TEXT: font slot */
	int			 red;	/* TEXT, RULE: red instead of black */
	float			 x;	/* TEXT: pen start; RULE: left end */
	float			 y;	/* TEXT: baseline; RULE: centre line */
	float			 w;	/* RULE: length */
	float			 size;	/* TEXT: font size; RULE: thickness */
	float			 cs;	/* TEXT: character spacing */
	float			 bold;	/* TEXT: stroke width, 0 for none */
	size_t			 off;	/* TEXT: UTF-8 bytes in the text buf */
	size_t			 len;
};

/*
 * Everything the layout of a batch produces: the display list in page
 * coordinates (origin bottom left, points), the UTF-8 text it draws and
 * the font slots with their code points.
 */
struct pdf_batch {
	const struct pdf_fonts	*fonts;
	struct pdf_op		*ops;
	size_t			 nops;
	size_t			 capops;
	struct buf		 text;
	struct pdf_slot		 slots[PDF_SLOT_MAX];
	size_t			 nslots;
	struct pdf_face_ent	*fallback;	/* NULL until first needed */
	int			 fallback_tried;
	char			 fberr[256];	/* why it could not load */
	char			*err;
	size_t			 errlen;
};

/* pdf.c: a valid ToUnicode CMap for a libharu UTF-8 font. */
int	 pdf_fix_tounicode(HPDF_Font);

/* font.c */
int	 pdf_face_get(const char *, int, struct pdf_face_ent **, char *,
	    size_t);
int	 pdf_face_glyph(const struct pdf_face_ent *, uint32_t, int *);
const char *pdf_face_name(const struct pdf_face_ent *);
/* The first error libharu reported, through the handler's user_data. */
struct pdf_herr {
	HPDF_STATUS	 no;
	HPDF_STATUS	 detail;
};

void	 pdf_herr_handler(HPDF_STATUS, HPDF_STATUS, void *);
/* pdf.c: hands a font file in memory to libharu (memfd or temp file). */
const char *pdf_load_font(HPDF_Doc, const char *data, size_t len);
const char *pdf_save(HPDF_Doc, HPDF_STATUS *hno, struct buf *out);
const char *pdf_face_path(const struct pdf_face_ent *);
void	 pdf_face_cache_clear(void);
void	*pdf_cps_new(void);
void	 pdf_cps_add(void *, uint32_t);
void	 pdf_cps_free(void *);
int	 pdf_face_subset(const struct pdf_face_ent *, const void *,
	    const char *, void **, const char **, size_t *, char *, size_t);
void	 pdf_blob_free(void *);

/* letter_pdf.c */
int	 pdf_letter_layout(struct pdf_batch *, const struct doc *);

/* pdf.c */
int	 pdf_batch_slot(struct pdf_batch *, const char *, int, int *);
int	 pdf_batch_fallback(struct pdf_batch *, int *);
int	 pdf_errf(struct pdf_batch *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
