/* SPDX-License-Identifier: ISC */
/*
 * A small display list of text runs and rules on A4 pages in the type
 * area of GB/T 9704, drawn with libharu and the subset fonts of pdf.c:
 * paragraphs, ruled tables, page numbers.  Shared by the annual report
 * (report_pdf.c) and the sealed case file (archive_pdf.c); internal to
 * pdfgen/.
 */
#ifndef PDFGEN_RP_H
#define PDFGEN_RP_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "pdfgen/extern.h"
#include "pdfgen/pdf.h"

#define RP_PAGE_W	595.276f		/* A4, as libharu */
#define RP_PAGE_H	841.89f
#define RP_LEFT		PDF_MM(28)
#define RP_TOP		PDF_MM(37)
#define RP_WIDTH	PDF_MM(156)
#define RP_HEIGHT	PDF_MM(225)

#define RP_SIZE_TITLE	18.0f
#define RP_SIZE_HEAD	13.0f
#define RP_SIZE_BODY	11.0f
#define RP_SIZE_CELL	8.5f
#define RP_SIZE_SMALL	7.5f
#define RP_LEAD		1.35f	/* line pitch, in ems */
#define RP_ASCENT	0.88f
#define RP_PAD		PDF_MM(1.2)
#define RP_RULE		0.6f

#define RP_SLOTS	6
#define RP_CELLS	256
#define RP_ROWS		64
#define RP_LINES	16

enum rp_role { RP_R_TITLE, RP_R_HEAD, RP_R_BODY, RP_R_NUMBER, RP_R__MAX };

enum rp_kind { RP_OP_PAGE, RP_OP_TEXT, RP_OP_LINE };

struct rp_op {
	enum rp_kind	 kind;
	int		 slot;
	float		 x, y;		/* TEXT: pen; LINE: start (page coords) */
	float		 x2, y2;	/* LINE: end */
	float		 size;		/* TEXT: font size */
	float		 bold;		/* TEXT: stroke width, 0 for none */
	size_t		 off, len;	/* TEXT: UTF-8 in the text buffer */
};

/* One render: faces, the display list, the pen. */
struct rp {
	const struct pdf_fonts	*fonts;
	struct pdf_face_ent	*slot[RP_SLOTS];
	void			*cps[RP_SLOTS];
	int			 used[RP_SLOTS];	/* code points added */
	int			 nslots;
	int			 role[RP_R__MAX];	/* slot of each role */
	int			 fallback;		/* -1: none, -2: untried */
	struct rp_op		*ops;
	size_t			 nops, capops;
	struct buf		 text;
	float			 y;	/* pen, down from the type area top */
	int			 page;
	char			*err;
	size_t			 errlen;
};

/* A measured string: code points, their slots and advances (pt). */
struct rp_str {
	uint32_t	*cp;
	int		*slot;
	float		*adv;
	size_t		 n;
};

/* One table cell; rows and columns count from 0. */
struct rp_cell {
	int		 r, c, rs, cs;
	const char	*s;
	int		 left;		/* align left instead of centre */
	float		 size;
};

/* A table: its cells, then (rp_table_measure) their lines and the row
 * heights. */
struct rp_table {
	const float	*colw;		/* column widths, pt */
	float		 colbuf[32];	/* widths computed at run time */
	int		 ncols, nrows;
	struct rp_cell	 cell[RP_CELLS];
	int		 ncell;
	int		 overflow;	/* more cells than RP_CELLS */
	char		 nums[RP_CELLS][24];
	struct rp_str	 m[RP_CELLS];
	size_t		 st[RP_CELLS][RP_LINES], en[RP_CELLS][RP_LINES];
	size_t		 nl[RP_CELLS];
	float		 rowh[RP_ROWS];
	float		 total;
};

int	rp_errf(struct rp *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
struct rp_op *rp_op(struct rp *, enum rp_kind);
int	rp_fonts(struct rp *);
float	rp_bold(const struct rp *, enum rp_role);
void	rp_str_clear(struct rp_str *);
int	rp_measure(struct rp *, const char *, enum rp_role, float,
	    struct rp_str *);
float	rp_width(const struct rp_str *, size_t, size_t);
void	rp_emit(struct rp *, const struct rp_str *, size_t, size_t, float,
	    float, float, float);
size_t	rp_lines(const struct rp_str *, float, float, size_t *, size_t *,
	    size_t);
void	rp_number(struct rp *);
void	rp_page(struct rp *);
void	rp_need(struct rp *, float);
int	rp_para(struct rp *, const char *, enum rp_role, float, float, int,
	    float);
int	rp_text(struct rp *, const char *);
void	rp_cell_put(struct rp_table *, int, int, int, int, const char *, int,
	    float);
void	rp_table_free(struct rp_table *);
float	rp_colx(const struct rp_table *, int);
int	rp_table_measure(struct rp *, struct rp_table *);
void	rp_line(struct rp *, float, float, float, float);
void	rp_table_draw(struct rp *, struct rp_table *);
int	rp_write(struct rp *, struct buf *);
void	rp_start(struct rp *, const struct pdf_fonts *, char *, size_t);
void	rp_end(struct rp *);

#endif
