/* SPDX-License-Identifier: ISC */
/*
 * The display list of rp.h: measuring with the faces of pdf.h (each
 * code point in its role's face or the fallback, a character no face can
 * draw is an error, never a blank), line breaking, tables, and the
 * libharu writer.  Split out of report_pdf.c so that the sealed case
 * file (archive_pdf.c) draws its pages the same way.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "pdfgen/extern.h"
#include "pdfgen/linebreak.h"
#include "pdfgen/pdf.h"
#include "pdfgen/rp.h"

int
rp_errf(struct rp *p, const char *fmt, ...)
{
	va_list	 ap;

	if (p->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

struct rp_op *
rp_op(struct rp *p, enum rp_kind k)
{
	struct rp_op	*op;

	if (p->nops == p->capops) {
		p->capops = p->capops == 0 ? 256 : p->capops * 2;
		p->ops = xrealloc(p->ops, p->capops * sizeof(*p->ops));
	}
	op = &p->ops[p->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = k;
	return op;
}

/* The slot of a face, added on first use (roles may share a face). */
static int
rp_slot(struct rp *p, const char *path, int index, int *slot)
{
	struct pdf_face_ent	*fe;
	int			 i;

	if (pdf_face_get(path, index, &fe, p->err, p->errlen) == -1)
		return -1;
	for (i = 0; i < p->nslots; i++)
		if (p->slot[i] == fe) {
			*slot = i;
			return 0;
		}
	if (p->nslots == RP_SLOTS)
		return rp_errf(p, "字体过多 / too many fonts");
	p->slot[p->nslots] = fe;
	p->cps[p->nslots] = pdf_cps_new();
	*slot = p->nslots++;
	return 0;
}

int
rp_fonts(struct rp *p)
{
	const struct pdf_fonts	*f = p->fonts;

	if (rp_slot(p, f->title.path, f->title.index,
	    &p->role[RP_R_TITLE]) == -1 ||
	    rp_slot(p, f->heading1.path, f->heading1.index,
	    &p->role[RP_R_HEAD]) == -1 ||
	    rp_slot(p, f->body.path, f->body.index,
	    &p->role[RP_R_BODY]) == -1 ||
	    rp_slot(p, f->number.path, f->number.index,
	    &p->role[RP_R_NUMBER]) == -1)
		return -1;
	p->fallback = -2;
	return 0;
}

float
rp_bold(const struct rp *p, enum rp_role role)
{
	if (role == RP_R_TITLE)
		return p->fonts->title.bold;
	if (role == RP_R_HEAD)
		return p->fonts->heading1.bold;
	return role == RP_R_BODY ? p->fonts->body.bold : p->fonts->number.bold;
}

void
rp_str_clear(struct rp_str *m)
{
	free(m->cp);
	free(m->slot);
	free(m->adv);
	memset(m, 0, sizeof(*m));
}

/*
 * Measures s in role's face at size: each code point goes to the
 * role's face, or the fallback face when the role's lacks it; one that
 * neither can draw is an error naming it.  Control characters other
 * than tabs are dropped; a tab is a space.
 */
int
rp_measure(struct rp *p, const char *s, enum rp_role role, float size,
    struct rp_str *m)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len, cap;
	uint32_t		 c;
	int			 w, sl;

	memset(m, 0, sizeof(*m));
	cap = strlen(s) + 1;
	m->cp = xcalloc(cap, sizeof(*m->cp));
	m->slot = xcalloc(cap, sizeof(*m->slot));
	m->adv = xcalloc(cap, sizeof(*m->adv));
	while (*u != '\0') {
		if ((len = utf8_decode((const char *)u,
		    strnlen((const char *)u, UTF8_MAXLEN), &c)) == 0)
			return rp_errf(p, "文字不是有效的 UTF-8 / invalid UTF-8");
		u += len;
		if (c == '\t')
			c = ' ';
		if (c < 0x20 || c == 0x7F)
			continue;
		sl = p->role[role];
		if (!pdf_face_glyph(p->slot[sl], c, &w)) {
			if (p->fallback == -2) {
				/* Loaded on first need only. */
				p->fallback = -1;
				if (p->fonts->fallback.path != NULL &&
				    rp_slot(p, p->fonts->fallback.path,
				    p->fonts->fallback.index, &sl) == 0)
					p->fallback = sl;
			}
			sl = p->fallback;
			if (sl < 0 || !pdf_face_glyph(p->slot[sl], c, &w))
				return rp_errf(p, "字体中没有字符“%.*s”(U+%04X)，"
				    "无法排印 / no font can draw U+%04X",
				    (int)len, (const char *)u - len,
				    (unsigned)c, (unsigned)c);
		}
		m->cp[m->n] = c;
		m->slot[m->n] = sl;
		m->adv[m->n] = (float)w * size / 1000.0f;
		m->n++;
	}
	return 0;
}

float
rp_width(const struct rp_str *m, size_t a, size_t b)
{
	float	 w = 0;

	for (; a < b; a++)
		w += m->adv[a];
	return w;
}

static void
rp_put_cp(struct buf *b, uint32_t c)
{
	if (c < 0x80)
		buf_putc(b, (char)c);
	else if (c < 0x800) {
		buf_putc(b, (char)(0xC0 | (c >> 6)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_putc(b, (char)(0xE0 | (c >> 12)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_putc(b, (char)(0xF0 | (c >> 18)));
		buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3F)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	}
}

/*
 * Emits code points [a, b) of m from x on the baseline at top-down
 * position ytop (pt below the page top), one run per slot.
 */
void
rp_emit(struct rp *p, const struct rp_str *m, size_t a, size_t b, float x,
    float ytop, float size, float bold)
{
	struct rp_op	*op;
	size_t		 i;

	while (a < b) {
		op = rp_op(p, RP_OP_TEXT);
		op->slot = m->slot[a];
		op->x = x;
		op->y = RP_PAGE_H - ytop;
		op->size = size;
		op->bold = bold * size;
		op->off = p->text.len;
		for (i = a; i < b && m->slot[i] == m->slot[a]; i++) {
			rp_put_cp(&p->text, m->cp[i]);
			pdf_cps_add(p->cps[m->slot[i]], m->cp[i]);
			p->used[m->slot[i]] = 1;
			x += m->adv[i];
		}
		op->len = p->text.len - op->off;
		buf_putc(&p->text, '\0');
		a = i;
	}
}

/* Breaks m into lines of at most width; fills starts/ends; count. */
size_t
rp_lines(const struct rp_str *m, float width, float first_indent,
    size_t *starts, size_t *ends, size_t max)
{
	size_t	 pos = 0, n = 0, k, next;

	while (pos < m->n && n < max) {
		k = linebreak_fit(m->cp + pos, m->adv + pos, m->n - pos,
		    width - (n == 0 ? first_indent : 0), &next);
		starts[n] = pos;
		ends[n] = pos + k;
		n++;
		pos += next;
	}
	return n;
}

/* Numbers the current page: "— n —" centred below the type area. */
void
rp_number(struct rp *p)
{
	struct rp_str	 m;
	char		 num[32];
	float		 w;

	snprintf(num, sizeof(num), "— %d —", p->page);
	if (rp_measure(p, num, RP_R_NUMBER, 10.5f, &m) == 0) {
		w = rp_width(&m, 0, m.n);
		rp_emit(p, &m, 0, m.n, RP_LEFT + (RP_WIDTH - w) / 2,
		    RP_TOP + RP_HEIGHT + PDF_MM(10), 10.5f, 0);
	}
	rp_str_clear(&m);
}

void
rp_page(struct rp *p)
{
	if (p->page > 0)
		rp_number(p);
	rp_op(p, RP_OP_PAGE);
	p->page++;
	p->y = 0;
}

/* Starts a new page unless h more points fit on this one. */
void
rp_need(struct rp *p, float h)
{
	if (p->page == 0 || (p->y > 0 && p->y + h > RP_HEIGHT))
		rp_page(p);
}

/*
 * A paragraph in role's face: wrapped to the type area, first line
 * indented by indent ems, or centred when centre is set.
 */
int
rp_para(struct rp *p, const char *s, enum rp_role role, float size,
    float indent, int centre, float space_after)
{
	struct rp_str	 m;
	size_t		 starts[256], ends[256], n, i;
	float		 lead = size * RP_LEAD, x, w, ind = indent * size;

	if (rp_measure(p, s, role, size, &m) == -1) {
		rp_str_clear(&m);
		return -1;
	}
	n = rp_lines(&m, RP_WIDTH, ind, starts, ends, 256);
	for (i = 0; i < n; i++) {
		rp_need(p, lead);
		w = rp_width(&m, starts[i], ends[i]);
		x = RP_LEFT + (i == 0 ? ind : 0);
		if (centre)
			x = RP_LEFT + (RP_WIDTH - w) / 2;
		rp_emit(p, &m, starts[i], ends[i], x, RP_TOP + p->y +
		    (lead - size) / 2 + RP_ASCENT * size, size,
		    rp_bold(p, role));
		p->y += lead;
	}
	p->y += space_after;
	rp_str_clear(&m);
	return 0;
}

/* Several paragraphs, one per line of text. */
int
rp_text(struct rp *p, const char *text)
{
	const char	*s, *e;
	char		*line;
	size_t		 n;
	int		 rc = 0;

	for (s = text; *s != '\0' && rc == 0; s = *e == '\0' ? e : e + 1) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		line = xstrndup(s, n);
		rc = rp_para(p, line, RP_R_BODY, RP_SIZE_BODY, 2, 0, 0);
		free(line);
	}
	return rc;
}

void
rp_cell_put(struct rp_table *t, int r, int c, int rs, int cs, const char *s,
    int left, float size)
{
	struct rp_cell	*x;

	if (t->ncell == RP_CELLS || r + rs > RP_ROWS) {
		t->overflow = 1;
		return;
	}
	x = &t->cell[t->ncell++];
	x->r = r;
	x->c = c;
	x->rs = rs;
	x->cs = cs;
	x->s = s;
	x->left = left;
	x->size = size;
	if (r + rs > t->nrows)
		t->nrows = r + rs;
}

void
rp_table_free(struct rp_table *t)
{
	int	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncell; i++)
		rp_str_clear(&t->m[i]);
	free(t);
}

float
rp_colx(const struct rp_table *t, int c)
{
	float	 x = RP_LEFT;
	int	 k;

	for (k = 0; k < c; k++)
		x += t->colw[k];
	return x;
}

/*
 * Wraps every cell and works out the row heights: single-row cells
 * first, then a cell spanning rows adds what it still lacks to its last
 * row.  Sets t->total.
 */
int
rp_table_measure(struct rp *p, struct rp_table *t)
{
	const struct rp_cell	*c;
	float			 need, have;
	int			 i, k;

	if (t->overflow)
		return rp_errf(p, "表格过大 / too many table cells");
	for (i = 0; i < t->ncell; i++) {
		c = &t->cell[i];
		if (rp_measure(p, c->s, RP_R_BODY, c->size, &t->m[i]) == -1)
			return -1;
		t->nl[i] = rp_lines(&t->m[i], rp_colx(t, c->c + c->cs) -
		    rp_colx(t, c->c) - 2 * RP_PAD, 0, t->st[i], t->en[i],
		    RP_LINES);
		if (t->nl[i] == 0)
			t->nl[i] = 1;
	}
	for (i = 0; i < t->ncell; i++) {
		c = &t->cell[i];
		need = (float)t->nl[i] * c->size * RP_LEAD + 2 * RP_PAD;
		if (c->rs == 1 && need > t->rowh[c->r])
			t->rowh[c->r] = need;
	}
	for (i = 0; i < t->ncell; i++) {
		c = &t->cell[i];
		if (c->rs == 1)
			continue;
		need = (float)t->nl[i] * c->size * RP_LEAD + 2 * RP_PAD;
		for (have = 0, k = c->r; k < c->r + c->rs; k++)
			have += t->rowh[k];
		if (need > have)
			t->rowh[c->r + c->rs - 1] += need - have;
	}
	for (t->total = 0, k = 0; k < t->nrows; k++)
		t->total += t->rowh[k];
	if (t->total > RP_HEIGHT)
		return rp_errf(p, "表格超过一页 / a table is taller than a page");
	return 0;
}

void
rp_line(struct rp *p, float x1, float ytop1, float x2, float ytop2)
{
	struct rp_op	*op = rp_op(p, RP_OP_LINE);

	op->x = x1;
	op->y = RP_PAGE_H - ytop1;
	op->x2 = x2;
	op->y2 = RP_PAGE_H - ytop2;
}

/* Draws a measured table at the pen (which the caller made room for). */
void
rp_table_draw(struct rp *p, struct rp_table *t)
{
	const struct rp_cell	*c;
	float			 x, y, w, h, lead, ty, lw, top;
	size_t			 j;
	int			 i, k;

	top = RP_TOP + p->y;
	for (i = 0; i < t->ncell; i++) {
		c = &t->cell[i];
		for (y = top, k = 0; k < c->r; k++)
			y += t->rowh[k];
		for (h = 0, k = c->r; k < c->r + c->rs; k++)
			h += t->rowh[k];
		x = rp_colx(t, c->c);
		w = rp_colx(t, c->c + c->cs) - x;
		/* The cell's four edges (shared edges are drawn twice). */
		rp_line(p, x, y, x + w, y);
		rp_line(p, x, y + h, x + w, y + h);
		rp_line(p, x, y, x, y + h);
		rp_line(p, x + w, y, x + w, y + h);
		lead = c->size * RP_LEAD;
		ty = y + (h - (float)t->nl[i] * lead) / 2;
		for (j = 0; j < t->nl[i] && t->m[i].n > 0; j++) {
			lw = rp_width(&t->m[i], t->st[i][j], t->en[i][j]);
			rp_emit(p, &t->m[i], t->st[i][j], t->en[i][j],
			    c->left ? x + RP_PAD : x + (w - lw) / 2,
			    ty + (float)j * lead + (lead - c->size) / 2 +
			    RP_ASCENT * c->size, c->size, 0);
		}
	}
	p->y += t->total + PDF_MM(3);
}

static int
rp_hfail(struct rp *p, const struct pdf_herr *he, const char *what)
{
	return rp_errf(p, "PDF 库出错（%s，错误 0x%04X）/ libharu error "
	    "0x%04X (detail %u) in %s", what, (unsigned)he->no,
	    (unsigned)he->no, (unsigned)he->detail, what);
}

int
rp_write(struct rp *p, struct buf *out)
{
	struct pdf_herr	 he = { 0, 0 };
	HPDF_Font	 fonts[RP_SLOTS];
	HPDF_Doc	 pdf;
	HPDF_Page	 page = NULL;
	const struct rp_op *op;
	const char	*name, *fdata, *what;
	char		 psname[64];
	void		*blob;
	size_t		 i, flen;
	int		 rc = -1, slot, intext = 0;
	float		 fsize, bold;

	if ((pdf = HPDF_New(pdf_herr_handler, &he)) == NULL)
		return rp_errf(p, "PDF 库无法初始化 / HPDF_New failed");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "foidesk");
	for (i = 0; i < (size_t)p->nslots && he.no == 0; i++) {
		fonts[i] = NULL;
		if (!p->used[i])
			continue;
		snprintf(psname, sizeof(psname), "%s-R%zu",
		    pdf_face_name(p->slot[i]), i);
		if (pdf_face_subset(p->slot[i], p->cps[i], psname, &blob,
		    &fdata, &flen, p->err, p->errlen) == -1)
			goto out;
		name = pdf_load_font(pdf, fdata, flen);
		pdf_blob_free(blob);
		if (name == NULL || he.no != 0) {
			if (he.no == 0)
				rp_errf(p, "无法把字体子集交给 PDF 库 / cannot "
				    "load the font subset: %s", strerror(errno));
			else
				rp_hfail(p, &he, "font load");
			goto out;
		}
		fonts[i] = HPDF_GetFont(pdf, name, "UTF-8");
		(void)pdf_fix_tounicode(fonts[i]);
	}
	if (he.no != 0) {
		rp_hfail(p, &he, "HPDF_GetFont");
		goto out;
	}
	slot = -1;
	fsize = bold = -1;
	for (i = 0; i < p->nops && he.no == 0; i++) {
		op = &p->ops[i];
		if (op->kind != RP_OP_TEXT && intext) {
			HPDF_Page_EndText(page);
			intext = 0;
		}
		switch (op->kind) {
		case RP_OP_PAGE:
			if ((page = HPDF_AddPage(pdf)) == NULL)
				break;
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
			    HPDF_PAGE_PORTRAIT);
			HPDF_Page_SetLineWidth(page, RP_RULE);
			slot = -1;
			fsize = bold = -1;
			break;
		case RP_OP_LINE:
			HPDF_Page_SetLineWidth(page, RP_RULE);
			HPDF_Page_MoveTo(page, op->x, op->y);
			HPDF_Page_LineTo(page, op->x2, op->y2);
			HPDF_Page_Stroke(page);
			bold = -1;
			break;
		case RP_OP_TEXT:
			if (!intext) {
				HPDF_Page_BeginText(page);
				intext = 1;
			}
			if (op->slot != slot || op->size != fsize) {
				HPDF_Page_SetFontAndSize(page,
				    fonts[op->slot], op->size);
				slot = op->slot;
				fsize = op->size;
			}
			if (op->bold != bold) {
				if (op->bold > 0)
					HPDF_Page_SetLineWidth(page, op->bold);
				HPDF_Page_SetTextRenderingMode(page,
				    op->bold > 0 ? HPDF_FILL_THEN_STROKE :
				    HPDF_FILL);
				bold = op->bold;
			}
			HPDF_Page_TextOut(page, op->x, op->y,
			    p->text.p + op->off);
			break;
		}
	}
	if (intext && he.no == 0)
		HPDF_Page_EndText(page);
	if (he.no != 0) {
		rp_hfail(p, &he, "drawing");
		goto out;
	}
	if ((what = pdf_save(pdf, &he.no, out)) != NULL) {
		rp_hfail(p, &he, what);
		goto out;
	}
	rc = 0;
out:
	HPDF_Free(pdf);
	return rc;
}

/*
 * Starts a render with fonts (which must outlive it) and the error
 * buffer err of errlen bytes.
 */
void
rp_start(struct rp *p, const struct pdf_fonts *fonts, char *err,
    size_t errlen)
{
	memset(p, 0, sizeof(*p));
	p->fonts = fonts;
	p->err = err;
	p->errlen = errlen;
	buf_init(&p->text);
}

/* Frees what a render holds (not the fonts). */
void
rp_end(struct rp *p)
{
	int	 i;

	for (i = 0; i < p->nslots; i++)
		pdf_cps_free(p->cps[i]);
	free(p->ops);
	buf_clear(&p->text);
	memset(p, 0, sizeof(*p));
}
