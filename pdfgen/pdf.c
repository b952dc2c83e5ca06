/* SPDX-License-Identifier: ISC */
/*
 * The PDF writer: runs the letter layout over a batch of documents,
 * subsets each font once for the whole batch, and draws the display list
 * with libharu.  libharu errors are recorded through the error handler's
 * user_data and checked after each step; nothing longjmps.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "util/buf.h"
#include "util/doc.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "pdfgen/pdf.h"
#include "pdfgen/extern.h"


/* Installed fonts (Debian packages, see docs/fonts.md). */
#define PDF_SONG	"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
#define PDF_KAI		"/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
#define PDF_UMING	"/usr/share/fonts/truetype/arphic/uming.ttc"
#define PDF_ZENHEI	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/*
 * Fills f with the free faces foidesk ships with (docs/fonts.md): WenQuanYi
 * Zen Hei (fonts-wqy-zenhei, face 0 of the .ttc), a real 黑体, for the
 * "一、" headings and, set a little heavier, for the title and letterhead
 * in place of 小标宋; AR PL SungtiL GB (Song) for the body and page
 * numbers; AR PL KaitiM GB for 楷体 headings; AR PL UMing (much wider
 * coverage) as the fallback.  Without Zen Hei installed the title and
 * headings fall back on the Song, emboldened.  Agencies that own
 * licensed 仿宋_GB2312 / 方正小标宋 TrueType files set the paths (and bold
 * 0) themselves.  The strings are static.
 */
void
pdf_fonts_default(struct pdf_fonts *f)
{
	memset(f, 0, sizeof(*f));
	f->body.path = PDF_SONG;
	if (access(PDF_ZENHEI, R_OK) == 0) {
		f->title.path = PDF_ZENHEI;
		f->title.bold = 0.02f;
		f->heading1.path = PDF_ZENHEI;
	} else {
		f->title.path = PDF_SONG;
		f->title.bold = 0.025f;
		f->heading1.path = PDF_SONG;
		f->heading1.bold = 0.04f;
	}
	f->heading2.path = PDF_KAI;
	f->number.path = PDF_SONG;
	f->fallback.path = PDF_UMING;
}

/*
 * Writes a formatted message to the batch's error buffer and returns -1,
 * so that callers can "return pdf_errf(...)".
 */
int
pdf_errf(struct pdf_batch *b, const char *fmt, ...)
{
	va_list	 ap;

	if (b->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(b->err, b->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
pdf_batch_face_slot(struct pdf_batch *b, struct pdf_face_ent *fe, int *slot)
{
	size_t	 i;

	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].face == fe) {
			*slot = (int)i;
			return 0;
		}
	if (b->nslots == PDF_SLOT_MAX)
		return pdf_errf(b, "字体过多 / too many fonts");
	b->slots[b->nslots].face = fe;
	b->slots[b->nslots].cps = pdf_cps_new();
	*slot = (int)b->nslots++;
	return 0;
}

/*
 * Sets *slot to the batch's slot for face "index" of the font file at
 * path, adding the slot on first use: roles that name the same face share
 * one slot and so one subset.  Returns 0, or -1 with a message.
 */
int
pdf_batch_slot(struct pdf_batch *b, const char *path, int index, int *slot)
{
	struct pdf_face_ent	*fe;

	if (pdf_face_get(path, index, &fe, b->err, b->errlen) == -1)
		return -1;
	return pdf_batch_face_slot(b, fe, slot);
}

/*
 * Sets *slot to the fallback face's slot, loading it on first need.
 * Returns -1 without a message if there is no usable fallback face (the
 * caller then reports the character it could not draw).
 */
int
pdf_batch_fallback(struct pdf_batch *b, int *slot)
{
	if (b->fallback == NULL) {
		if (b->fallback_tried || b->fonts->fallback.path == NULL)
			return -1;
		b->fallback_tried = 1;
		if (pdf_face_get(b->fonts->fallback.path,
		    b->fonts->fallback.index, &b->fallback, b->fberr,
		    sizeof(b->fberr)) == -1)
			return -1;
	}
	return pdf_batch_face_slot(b, b->fallback, slot);
}

/*
 * Can a letter print every character of the UTF-8 string s with the
 * faces f (the body face, else the fallback; the same test lt_shape()
 * applies)?  Returns 1, or 0 with the first character that cannot be
 * drawn in *bad (outside the BMP, which libharu cannot draw, or without
 * a glyph).  Characters letters drop or lay out themselves (line
 * breaks, TAB, zero-width) count as printable; so does everything when
 * the body face cannot be loaded (the letter then says so).
 */
int
pdf_text_printable(const struct pdf_fonts *f, const char *s, uint32_t *bad)
{
	struct pdf_face_ent	*body, *fb = NULL;
	char			 err[256];
	uint32_t		 c;
	size_t			 n, len;
	int			 w;

	if (s == NULL || pdf_face_get(f->body.path, f->body.index, &body, err,
	    sizeof(err)) == -1)
		return 1;
	if (f->fallback.path != NULL)
		(void)pdf_face_get(f->fallback.path, f->fallback.index, &fb,
		    err, sizeof(err));
	len = strlen(s);
	while (len > 0) {
		if ((n = utf8_decode(s, len, &c)) == 0)
			return 1;
		s += n;
		len -= n;
		if (c < 0x20 || c == 0xA0 || (c >= 0x200B && c <= 0x200D) ||
		    c == 0x2060 || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F))
			continue;
		if (c <= 0xFFFF && (pdf_face_glyph(body, c, &w) ||
		    (fb != NULL && pdf_face_glyph(fb, c, &w))))
			continue;
		*bad = c;
		return 0;
	}
	return 1;
}

/*
 * Replaces the ToUnicode CMap libharu 2.3.0 gives a font of the UTF-8
 * encoder: it writes its own encoding CMap there ("begincidrange"),
 * which is not a ToUnicode CMap (pdftotext: "Invalid 'begincidrange'
 * operator in ToUnicode CMap").  The codes are the BMP code points
 * themselves (two bytes, CID = code point), so the right map is the
 * identity, written as bfranges that never cross a first byte and at
 * most 100 to a block (ISO 32000-1 9.10.3); the surrogate range has no
 * characters.  Returns 0, or -1 when the font has no such stream.
 */
int
pdf_fix_tounicode(HPDF_Font font)
{
	HPDF_Dict	 tu;
	char		 line[64];
	unsigned	 hi, n, inblock;

	if (font == NULL || (tu = HPDF_Dict_GetItem((HPDF_Dict)font,
	    "ToUnicode", HPDF_OCLASS_DICT)) == NULL || tu->stream == NULL)
		return -1;
	HPDF_MemStream_FreeData(tu->stream);
	HPDF_Stream_WriteStr(tu->stream, "/CIDInit /ProcSet findresource "
	    "begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry "
	    "(Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName "
	    "/Adobe-Identity-UCS def\n/CMapType 2 def\n1 "
	    "begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	n = 0x100 - 8;		/* every first byte but D8-DF */
	inblock = 0;
	for (hi = 0; hi < 0x100; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (inblock == 0) {
			snprintf(line, sizeof(line), "%u beginbfrange\n",
			    n > 100 ? 100 : n);
			HPDF_Stream_WriteStr(tu->stream, line);
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
		    hi, hi, hi);
		HPDF_Stream_WriteStr(tu->stream, line);
		n--;
		if (++inblock == 100 || n == 0) {
			HPDF_Stream_WriteStr(tu->stream, "endbfrange\n");
			inblock = 0;
		}
	}
	HPDF_Stream_WriteStr(tu->stream, "endcmap\nCMapName currentdict "
	    "/CMap defineresource pop\nend\nend\n");
	return 0;
}

/* libharu's error handler: keeps the first error in user_data. */
void
pdf_herr_handler(HPDF_STATUS no, HPDF_STATUS detail, void *arg)
{
	struct pdf_herr	*he = arg;

	if (he->no == 0) {
		he->no = no;
		he->detail = detail;
	}
}

static int
pdf_hfail(struct pdf_batch *b, const struct pdf_herr *he, const char *what)
{
	return pdf_errf(b, "PDF 库出错（%s，错误 0x%04X，细节 %u）/ libharu "
	    "error 0x%04X (detail %u) in %s", what, (unsigned)he->no,
	    (unsigned)he->detail, (unsigned)he->no, (unsigned)he->detail,
	    what);
}

/*
 * Hands a font file in memory to libharu, which only reads fonts from
 * files: through a memfd named by /proc/self/fd, else an unlinked
 * temporary file.  libharu keeps its own descriptor open until HPDF_Free.
 */
const char *
pdf_load_font(HPDF_Doc pdf, const char *data, size_t len)
{
	char		 path[64], tmpl[] = "/tmp/foidesk-font-XXXXXX";
	const char	*name = NULL;
	size_t		 off;
	ssize_t		 w;
	int		 fd, proc = 1;

	if ((fd = memfd_create("foidesk-font", MFD_CLOEXEC)) == -1 ||
	    access("/proc/self/fd", X_OK) == -1) {
		if (fd != -1)
			close(fd);
		if ((fd = mkstemp(tmpl)) == -1)
			return NULL;
		proc = 0;
	}
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(fd, data + off, len - off)) <= 0) {
			if (w == -1 && errno == EINTR) {
				w = 0;
				continue;
			}
			goto out;
		}
	if (proc)
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	name = HPDF_LoadTTFontFromFile(pdf, proc ? path : tmpl, HPDF_TRUE);
out:
	if (!proc)
		unlink(tmpl);
	close(fd);
	return name;
}

/* Subsets and loads every slot's face; fills fonts[] by slot. */
static int
pdf_fonts_load(struct pdf_batch *b, HPDF_Doc pdf, struct pdf_herr *he,
    HPDF_Font *fonts)
{
	void		*blob;
	const char	*data, *name;
	char		 psname[64];
	size_t		 i, len;

	for (i = 0; i < b->nslots; i++) {
		fonts[i] = NULL;
		/* Unique within the batch: libharu knows fonts by name. */
		snprintf(psname, sizeof(psname), "%s-F%zu",
		    pdf_face_name(b->slots[i].face), i);
		if (pdf_face_subset(b->slots[i].face, b->slots[i].cps, psname,
		    &blob, &data, &len, b->err, b->errlen) == -1)
			return -1;
		name = pdf_load_font(pdf, data, len);
		pdf_blob_free(blob);
		if (name == NULL || he->no != 0) {
			if (he->no != 0)
				return pdf_hfail(b, he, "载入字体 / font load");
			return pdf_errf(b, "无法把字体子集交给 PDF 库 / cannot "
			    "hand the font subset to libharu: %s",
			    strerror(errno));
		}
		if ((fonts[i] = HPDF_GetFont(pdf, name, "UTF-8")) == NULL ||
		    he->no != 0)
			return pdf_hfail(b, he, "HPDF_GetFont");
		(void)pdf_fix_tounicode(fonts[i]);
	}
	return 0;
}

/* Draws the display list. */
static int
pdf_draw(struct pdf_batch *b, HPDF_Doc pdf, struct pdf_herr *he,
    HPDF_Font *fonts)
{
	const struct pdf_op	*op;
	HPDF_Page		 page = NULL;
	size_t			 i;
	int			 intext = 0, slot = -1, red = -1;
	float			 size = 0, cs = 0, bold = 0;

	for (i = 0; i < b->nops && he->no == 0; i++) {
		op = &b->ops[i];
		if (op->kind != PDF_OP_TEXT && intext) {
			HPDF_Page_EndText(page);
			intext = 0;
		}
		switch (op->kind) {
		case PDF_OP_PAGE:
			page = HPDF_AddPage(pdf);
			if (page == NULL)
				break;
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
			    HPDF_PAGE_PORTRAIT);
			slot = red = -1;
			size = cs = bold = 0;
			break;
		case PDF_OP_RULE:
			HPDF_Page_SetRGBStroke(page, op->red ? 1 : 0, 0, 0);
			HPDF_Page_SetLineWidth(page, op->size);
			HPDF_Page_MoveTo(page, op->x, op->y);
			HPDF_Page_LineTo(page, op->x + op->w, op->y);
			HPDF_Page_Stroke(page);
			red = -1;
			bold = -1;
			break;
		case PDF_OP_TEXT:
			if (!intext) {
				HPDF_Page_BeginText(page);
				intext = 1;
			}
			if (op->slot != slot || op->size != size) {
				HPDF_Page_SetFontAndSize(page,
				    fonts[op->slot], op->size);
				slot = op->slot;
				size = op->size;
			}
			if (op->cs != cs) {
				HPDF_Page_SetCharSpace(page, op->cs);
				cs = op->cs;
			}
			if (op->red != red) {
				HPDF_Page_SetRGBFill(page, op->red ? 1 : 0,
				    0, 0);
				HPDF_Page_SetRGBStroke(page, op->red ? 1 : 0,
				    0, 0);
				red = op->red;
			}
			if (op->bold != bold) {
				/* Emboldening: stroke the outlines too. */
				if (op->bold > 0)
					HPDF_Page_SetLineWidth(page, op->bold);
				HPDF_Page_SetTextRenderingMode(page,
				    op->bold > 0 ? HPDF_FILL_THEN_STROKE :
				    HPDF_FILL);
				bold = op->bold;
			}
			HPDF_Page_TextOut(page, op->x, op->y,
			    b->text.p + op->off);
			break;
		default:
			break;
		}
	}
	if (intext && he->no == 0)
		HPDF_Page_EndText(page);
	return he->no != 0 ? pdf_hfail(b, he, "绘制 / drawing") : 0;
}

static int
pdf_write(struct pdf_batch *b, struct buf *out)
{
	struct pdf_herr	 he = { 0, 0 };
	HPDF_Font	 fonts[PDF_SLOT_MAX];
	HPDF_Doc	 pdf;
	const char	*what;
	int		 rc = -1;

	if ((pdf = HPDF_New(pdf_herr_handler, &he)) == NULL)
		return pdf_errf(b, "PDF 库无法初始化 / HPDF_New failed");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "foidesk");
	if (he.no != 0) {
		pdf_hfail(b, &he, "HPDF_New");
		goto out;
	}
	if (pdf_fonts_load(b, pdf, &he, fonts) == -1 ||
	    pdf_draw(b, pdf, &he, fonts) == -1)
		goto out;
	if ((what = pdf_save(pdf, &he.no, out)) != NULL) {
		pdf_hfail(b, &he, what);
		goto out;
	}
	rc = 0;
out:
	HPDF_Free(pdf);
	return rc;
}

/*
 * Saves the document and appends its bytes to out.  *hno is where the
 * document's error handler records libharu's error number.  Returns
 * NULL, or the name of the libharu call that failed (out unchanged).
 */
const char *
pdf_save(HPDF_Doc pdf, HPDF_STATUS *hno, struct buf *out)
{
	HPDF_BYTE	*data;
	HPDF_UINT32	 size, n;

	if (HPDF_SaveToStream(pdf) != HPDF_OK || *hno != 0)
		return "HPDF_SaveToStream";
	/* One read of the whole stream; libharu may flag its end. */
	size = HPDF_GetStreamSize(pdf);
	data = xmalloc(size + 1);
	n = size;
	HPDF_ReadFromStream(pdf, data, &n);
	if (*hno == HPDF_STREAM_EOF)
		*hno = 0;
	if (n != size || *hno != 0) {
		free(data);
		return "HPDF_ReadFromStream";
	}
	buf_put(out, data, size);
	free(data);
	return NULL;
}

/*
 * Renders the n documents docs[] into one PDF, each starting on a new
 * page with its own page numbers; for printing a batch, each font is
 * subset and embedded once for all of them.  fonts may be NULL for
 * pdf_fonts_default().  NULL or empty fields of a document are left out.
 * An attachment paragraph reads "附件：1.名称" (later ones "2.名称"); a note
 * gets round brackets unless it has them; a "\n" in a text forces a line
 * break.  On success appends the PDF to out and returns 0; otherwise
 * returns -1, leaves out as it was, and writes a message in Chinese and
 * English to err (errlen bytes), e.g. naming a character no font can
 * draw (U+XXXX) and where it is.  Font faces are cached across calls
 * (pdf_cache_clear()).  Thread-safe.
 */
int
pdf_render_docs(const struct doc *docs, size_t n,
    const struct pdf_fonts *fonts, struct buf *out, char *err,
    size_t errlen)
{
	struct pdf_fonts	 def;
	struct pdf_batch	 b;
	size_t			 i;
	int			 rc = -1;

	if (errlen > 0)
		err[0] = '\0';
	if (fonts == NULL) {
		pdf_fonts_default(&def);
		fonts = &def;
	}
	memset(&b, 0, sizeof(b));
	b.fonts = fonts;
	b.err = err;
	b.errlen = errlen;
	buf_init(&b.text);
	if (n == 0) {
		pdf_errf(&b, "没有要排印的文书 / no documents to render");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (pdf_letter_layout(&b, &docs[i]) == -1) {
			if (n > 1 && errlen > 0) {
				char	*msg = xstrdup(err);

				snprintf(err, errlen, "第 %zu 份文书 / document "
				    "%zu: %s", i + 1, i + 1, msg);
				free(msg);
			}
			goto out;
		}
	}
	rc = pdf_write(&b, out);
out:
	for (i = 0; i < b.nslots; i++)
		pdf_cps_free(b.slots[i].cps);
	free(b.ops);
	buf_clear(&b.text);
	return rc;
}

/*
 * Frees the font cache.  For the end of the process (leak checkers) and
 * tests only: no render may be running.
 */
void
pdf_cache_clear(void)
{
	pdf_face_cache_clear();
}
