/* SPDX-License-Identifier: ISC */
/*
 * The sealed case file (archive_pdf.h).  The generated pages (the
 * 卷内目录 with the 归档章, the tables of the 登记表 and the event log)
 * are drawn with the display list of rp.h; the parts are then merged
 * in-process with the qpdf library (its C API): each part's pages are
 * copied into the file as they are, so a letter keeps its own fonts and
 * bytes of content.  The merge runs inside the archiving transaction,
 * so it has no temporary files and no child process (docs/archive.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <png.h>
#include <qpdf/qpdf-c.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "pdfgen/archive_pdf.h"
#include "pdfgen/extern.h"
#include "pdfgen/pdf.h"
#include "pdfgen/rp.h"

#define ARC_SIZE_TITLE	18.0f
#define ARC_SIZE_CELL	9.0f
#define ARC_LONG	300	/* bytes of a cell drawn as paragraphs */
#define ARC_PIXELS	(16L * 1024 * 1024)	/* largest PNG embedded */

/* Draws one row of a table of ncols columns, on a new page if it does
 * not fit; a too long cell is drawn as paragraphs under its row. */
static int
arc_row(struct rp *p, int ncols, const float *colw, const char *const *cells,
    int head)
{
	struct rp_table	*t = xcalloc(1, sizeof(*t));
	const char	*longtext = NULL;
	int		 i, rc = -1;

	t->ncols = ncols;
	for (i = 0; i < ncols; i++)
		t->colbuf[i] = colw[i];
	t->colw = t->colbuf;
	for (i = 0; i < ncols; i++) {
		if (!head && strlen(cells[i]) > ARC_LONG && longtext == NULL) {
			longtext = cells[i];
			rp_cell_put(t, 0, i, 1, 1, "（见下文）", 1,
			    ARC_SIZE_CELL);
		} else
			rp_cell_put(t, 0, i, 1, 1, cells[i], !head,
			    ARC_SIZE_CELL);
	}
	if (rp_table_measure(p, t) == -1)
		goto out;
	rp_need(p, t->total);
	rp_table_draw(p, t);
	p->y -= PDF_MM(3);
	if (longtext != NULL) {
		p->y += PDF_MM(2);
		if (rp_text(p, longtext) == -1)
			goto out;
		p->y += PDF_MM(2);
	}
	rc = 0;
out:
	rp_table_free(t);
	return rc;
}

/*
 * Renders a titled table as a PDF of its own: cells holds nrows rows
 * of ncols cells, the first row the header; colw_mm the widths (their
 * sum at most the type area's 156 mm).  Returns 0, or -1 with err.
 */
int
archive_pdf_table(const char *title, const char *subtitle, int ncols,
    const float *colw_mm, const char *const *cells, size_t nrows,
    const struct pdf_fonts *fonts, struct buf *out, char *err,
    size_t errlen)
{
	struct pdf_fonts def;
	struct rp	 p;
	float		 colw[16];
	size_t		 r;
	int		 i, rc = -1;

	if (ncols < 1 || ncols > 16) {
		snprintf(err, errlen, "表格列数不对 (bad column count)");
		return -1;
	}
	if (fonts == NULL) {
		pdf_fonts_default(&def);
		fonts = &def;
	}
	for (i = 0; i < ncols; i++)
		colw[i] = PDF_MM(colw_mm[i]);
	rp_start(&p, fonts, err, errlen);
	if (rp_fonts(&p) == -1)
		goto out;
	rp_page(&p);
	if (rp_para(&p, title, RP_R_TITLE, ARC_SIZE_TITLE, 0, 1,
	    PDF_MM(3)) == -1)
		goto out;
	if (subtitle != NULL && rp_para(&p, subtitle, RP_R_BODY,
	    RP_SIZE_BODY, 0, 1, PDF_MM(3)) == -1)
		goto out;
	for (r = 0; r < nrows; r++)
		if (arc_row(&p, ncols, colw, cells + r * (size_t)ncols,
		    r == 0) == -1)
			goto out;
	rp_number(&p);
	rc = rp_write(&p, out);
out:
	rp_end(&p);
	return rc;
}

/* One image on an A4 page, scaled into the type area. */
static int
arc_image(const struct arc_part *a, struct buf *out, char *err,
    size_t errlen)
{
	struct pdf_herr	 he = { 0, 0 };
	HPDF_Doc	 pdf;
	HPDF_Page	 page;
	HPDF_Image	 img = NULL;
	png_image	 pi;
	unsigned char	*rgb = NULL;
	const char	*what;
	float		 w, h, s;
	int		 rc = -1;

	if ((pdf = HPDF_New(pdf_herr_handler, &he)) == NULL) {
		snprintf(err, errlen, "PDF 库无法初始化 (HPDF_New failed)");
		return -1;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	/* A PNG is decoded here with libpng's simplified API, which
	 * reports a damaged file as an error; libharu's own PNG loader
	 * lets libpng abort the process on one. */
	if (a->type == ARC_PNG) {
		memset(&pi, 0, sizeof(pi));
		pi.version = PNG_IMAGE_VERSION;
		if (png_image_begin_read_from_memory(&pi, a->data, a->len) &&
		    (long)pi.width * (long)pi.height <= ARC_PIXELS) {
			pi.format = PNG_FORMAT_RGB;
			rgb = xmalloc(PNG_IMAGE_SIZE(pi));
			if (png_image_finish_read(&pi, NULL, rgb, 0, NULL))
				img = HPDF_LoadRawImageFromMem(pdf, rgb,
				    pi.width, pi.height, HPDF_CS_DEVICE_RGB, 8);
		}
		png_image_free(&pi);
	} else
		img = HPDF_LoadJpegImageFromMem(pdf, a->data,
		    (HPDF_UINT)a->len);
	if (img == NULL || he.no != 0) {
		snprintf(err, errlen, "附件图片无法读取：%s (cannot read the "
		    "image, libharu 0x%04X)", a->title, (unsigned)he.no);
		goto out;
	}
	w = (float)HPDF_Image_GetWidth(img);
	h = (float)HPDF_Image_GetHeight(img);
	s = RP_WIDTH / w < RP_HEIGHT / h ? RP_WIDTH / w : RP_HEIGHT / h;
	if (s > 1)
		s = 1;
	HPDF_Page_DrawImage(page, img, RP_LEFT, RP_PAGE_H - RP_TOP - h * s,
	    w * s, h * s);
	if ((what = pdf_save(pdf, &he.no, out)) != NULL) {
		snprintf(err, errlen, "PDF 库出错 (libharu error 0x%04X in %s)",
		    (unsigned)he.no, what);
		goto out;
	}
	rc = 0;
out:
	HPDF_Free(pdf);
	free(rgb);
	return rc;
}

/* Opens PDF bytes with qpdf (which keeps pointing at them); NULL on an
 * error. */
static qpdf_data
arc_open(const void *data, size_t len)
{
	qpdf_data	 q = qpdf_init();

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, "part", data, (unsigned long long)len,
	    NULL) & QPDF_ERRORS) != 0 || qpdf_get_num_pages(q) < 0) {
		qpdf_cleanup(&q);
		return NULL;
	}
	return q;
}

/* The number of pages of a PDF, -1 if it cannot be read. */
int
archive_pdf_pages(const void *data, size_t len)
{
	qpdf_data	 q;
	int		 n;

	if ((q = arc_open(data, len)) == NULL)
		return -1;
	n = qpdf_get_num_pages(q);
	qpdf_cleanup(&q);
	return n;
}

static void
arc_stamp_cell(struct rp_table *t, int r, int c, const char *s)
{
	rp_cell_put(t, r, c, 1, 1, s, 0, ARC_SIZE_CELL);
}

/* The 归档章 (DA/T 22: 全宗号, 年度, 件号 / 机构（问题）, 保管期限,
 * 页数) as a box at the top of the first page. */
static int
arc_stamp_draw(struct rp *p, const struct arc_stamp *s, int pages)
{
	struct rp_table	*t = xcalloc(1, sizeof(*t));
	char		 year[16], seq[16], pg[16];
	int		 i, rc = -1;

	snprintf(year, sizeof(year), "%d", s->year);
	snprintf(seq, sizeof(seq), "%04d", s->seq);
	snprintf(pg, sizeof(pg), "%d", pages);
	t->ncols = 3;
	for (i = 0; i < 3; i++)
		t->colbuf[i] = PDF_MM(24);
	t->colw = t->colbuf;
	arc_stamp_cell(t, 0, 0, "全宗号");
	arc_stamp_cell(t, 0, 1, "年度");
	arc_stamp_cell(t, 0, 2, "件号");
	arc_stamp_cell(t, 1, 0, s->fonds);
	arc_stamp_cell(t, 1, 1, year);
	arc_stamp_cell(t, 1, 2, seq);
	arc_stamp_cell(t, 2, 0, "机构（问题）");
	arc_stamp_cell(t, 2, 1, "保管期限");
	arc_stamp_cell(t, 2, 2, "页数");
	arc_stamp_cell(t, 3, 0, s->dept);
	arc_stamp_cell(t, 3, 1, s->retention);
	arc_stamp_cell(t, 3, 2, pg);
	if (rp_table_measure(p, t) == 0) {
		rp_table_draw(p, t);
		rc = 0;
	}
	rp_table_free(t);
	return rc;
}

/*
 * Lays out the 卷内目录 (with the part's first pages as they are) into
 * out; *n gets its page count.
 */
static int
arc_toc(const struct arc_stamp *s, const struct arc_part *parts, size_t n,
    int total, const struct pdf_fonts *fonts, struct buf *out, int *npages,
    char *err, size_t errlen)
{
	static const float mm[7] = { 10, 24, 32, 52, 20, 18, 0 };
	static const char *const head[6] = { "件号", "责任者", "文号", "题名",
			    "日期", "页号" };
	struct rp	 p;
	struct buf	 line;
	float		 colw[6];
	char		 no[24], pg[32];
	const char	*cells[6];
	size_t		 i;
	int		 rc = -1;

	for (i = 0; i < 6; i++)
		colw[i] = PDF_MM(mm[i]);
	buf_init(&line);
	rp_start(&p, fonts, err, errlen);
	if (rp_fonts(&p) == -1)
		goto out;
	rp_page(&p);
	if (arc_stamp_draw(&p, s, total) == -1)
		goto out;
	buf_printf(&line, "档号：%s　案件编号：%s", s->dangan, s->case_number);
	if (rp_para(&p, "卷内目录", RP_R_TITLE, ARC_SIZE_TITLE, 0, 1,
	    PDF_MM(2)) == -1 || rp_para(&p, buf_str(&line), RP_R_BODY,
	    RP_SIZE_BODY, 0, 1, PDF_MM(2)) == -1)
		goto out;
	if (s->note != NULL && rp_para(&p, s->note, RP_R_BODY, RP_SIZE_BODY,
	    0, 1, PDF_MM(2)) == -1)
		goto out;
	if (arc_row(&p, 6, colw, head, 1) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		snprintf(no, sizeof(no), "%zu", i + 1);
		if (parts[i].pages == 0)
			snprintf(pg, sizeof(pg), "—");
		else if (parts[i].pages == 1)
			snprintf(pg, sizeof(pg), "%d", parts[i].first);
		else
			snprintf(pg, sizeof(pg), "%d-%d", parts[i].first,
			    parts[i].first + parts[i].pages - 1);
		buf_reset(&line);
		buf_puts(&line, parts[i].title);
		if (parts[i].type == ARC_OTHER)
			buf_printf(&line, "（未转为页面；SHA-256 %.16s %.16s "
			    "%.16s %.16s）", parts[i].sha256,
			    parts[i].sha256 + 16, parts[i].sha256 + 32,
			    parts[i].sha256 + 48);
		cells[0] = no;
		cells[1] = parts[i].author;
		cells[2] = parts[i].docno;
		cells[3] = buf_str(&line);
		cells[4] = parts[i].date;
		cells[5] = pg;
		if (arc_row(&p, 6, colw, cells, 0) == -1)
			goto out;
	}
	rp_number(&p);
	*npages = p.page;
	rc = rp_write(&p, out);
out:
	buf_clear(&line);
	rp_end(&p);
	return rc;
}

/*
 * Seals parts into one PDF appended to out: the 卷内目录 (its page
 * numbers are those of the file), then the parts.  Sets each part's
 * first page and page count, and *pages the file's.  Returns 0, or -1
 * with err (a part that cannot be read names its title).
 */
int
archive_pdf_seal(const struct arc_stamp *s, struct arc_part *parts,
    size_t n, const struct pdf_fonts *fonts, struct buf *out, int *pages,
    char *err, size_t errlen)
{
	struct pdf_fonts def;
	struct buf	 toc, *img;
	qpdf_data	*q, dst = NULL;
	size_t		 i;
	int		 k, np, tocn, tocn2, total, rc = -1;

	if (fonts == NULL) {
		pdf_fonts_default(&def);
		fonts = &def;
	}
	q = xcalloc(n + 1, sizeof(*q));
	img = xcalloc(n + 1, sizeof(*img));
	buf_init(&toc);
	for (i = 0; i < n; i++) {
		buf_init(&img[i]);
		parts[i].pages = 0;
		parts[i].first = 0;
		if (parts[i].type == ARC_OTHER)
			continue;
		if (parts[i].type != ARC_PDF) {
			if (arc_image(&parts[i], &img[i], err, errlen) == -1)
				goto out;
			q[i] = arc_open(img[i].p, img[i].len);
		} else
			q[i] = arc_open(parts[i].data, parts[i].len);
		if (q[i] == NULL) {
			snprintf(err, errlen, "无法读取：%s (cannot read the PDF)",
			    parts[i].title);
			goto out;
		}
		parts[i].pages = qpdf_get_num_pages(q[i]);
	}
	/* The 卷内目录's own length decides the first pages: lay it out,
	 * then again with the numbers until its length holds. */
	tocn = 1;
	for (k = 0; k < 3; k++) {
		total = tocn;
		for (i = 0; i < n; i++) {
			parts[i].first = parts[i].pages > 0 ? total + 1 : 0;
			total += parts[i].pages;
		}
		buf_reset(&toc);
		if (arc_toc(s, parts, n, total, fonts, &toc, &tocn2, err,
		    errlen) == -1)
			goto out;
		if (tocn2 == tocn)
			break;
		tocn = tocn2;
	}
	if ((dst = arc_open(toc.p, toc.len)) == NULL) {
		snprintf(err, errlen, "卷内目录无法生成 (cannot read the index)");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (q[i] == NULL)
			continue;
		np = qpdf_get_num_pages(q[i]);
		for (k = 0; k < np; k++)
			if ((qpdf_add_page(dst, q[i], qpdf_get_page_n(q[i],
			    (size_t)k), QPDF_FALSE) & QPDF_ERRORS) != 0) {
				snprintf(err, errlen, "合并失败：%s (qpdf "
				    "cannot add a page)", parts[i].title);
				goto out;
			}
	}
	qpdf_init_write_memory(dst);
	qpdf_set_deterministic_ID(dst, QPDF_TRUE);
	qpdf_set_object_stream_mode(dst, qpdf_o_generate);
	if ((qpdf_write(dst) & QPDF_ERRORS) != 0) {
		snprintf(err, errlen, "合并失败 (qpdf cannot write the file)");
		goto out;
	}
	*pages = qpdf_get_num_pages(dst);
	buf_put(out, qpdf_get_buffer(dst), qpdf_get_buffer_length(dst));
	rc = 0;
out:
	if (dst != NULL)
		qpdf_cleanup(&dst);
	for (i = 0; i < n; i++) {
		if (q[i] != NULL)
			qpdf_cleanup(&q[i]);
		buf_clear(&img[i]);
	}
	free(q);
	free(img);
	buf_clear(&toc);
	return rc;
}
