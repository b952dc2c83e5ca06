/* SPDX-License-Identifier: ISC */
/*
 * Layout of a reply letter per GB/T 9704-2012 《党政机关公文格式》, in
 * its 信函格式 (§10.1), into the batch's display list.
 *
 * The page is A4 with a 156 x 225 mm type area 37 mm from the top and
 * 28 mm from the left (§5.2.1), holding 22 lines of 28 characters of 3号
 * (16 pt) text (§5.2.3).  28 characters of 16 pt need 158 mm and 22 lines
 * of the standard's "行" need more than 225 mm, so, as is common
 * practice, the character pitch is 156/28 mm (16 pt glyphs set 0.2 pt
 * tighter) and the line pitch 225/22 mm: every line of the letter sits on
 * that grid, centred in its band.
 *
 * Page 1 carries the letterhead: the organ name centred, red, its top
 * edge 30 mm from the top, a red double line (thick over thin) 4 mm below
 * it and a second one (thin over thick) 20 mm from the bottom, both
 * 170 mm long; the document number flush right under the first.  Text
 * then continues on the grid: title (2号, centred), addressee, body,
 * attachment note, the signature block placed for a seal (§7.3.5.1) and
 * the 附注 (§7.3.6).  Pages from 2 on carry "— n —" page numbers (§7.5);
 * page 1 has none (§10.1).
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/doc.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "pdfgen/pdf.h"
#include "pdfgen/extern.h"
#include "pdfgen/linebreak.h"

/* Geometry in points; "top" values count down from the top edge. */
#define LT_PAGE_H	841.89f			/* A4 height, as libharu */
#define LT_LEFT		PDF_MM(28)		/* 订口 */
#define LT_TOP		PDF_MM(37)		/* 天头 */
#define LT_WIDTH	PDF_MM(156)		/* 版心 */
#define LT_HEIGHT	PDF_MM(225)
#define LT_RIGHT	(LT_LEFT + LT_WIDTH)
#define LT_LINES	22
#define LT_CHARS	28
#define LT_PITCH_Y	(LT_HEIGHT / LT_LINES)	/* ≈ 28.99 pt */
/*
 * §7.3.5.5: when the space left cannot hold the signature and date, the
 * line spacing may be adjusted.  A letter that would spill a page is set
 * on a tighter grid of up to LT_LINES_TIGHT lines when that keeps it on
 * one page: at 33 lines the pitch is ≈ 19.3 pt, 1.2 times the 3号 size
 * (the tightest 单倍行距 of word processors); the characters keep their
 * size and the 28 per line.  Only the longest letter, 部分公开 with its
 * two headings and split remedy, needs that much.
 */
#define LT_LINES_TIGHT	33
#define LT_PITCH_X	(LT_WIDTH / LT_CHARS)	/* ≈ 15.79 pt: one 字 */

#define LT_SIZE_BODY	16.0f	/* 3号 */
#define LT_SIZE_TITLE	22.0f	/* 2号 */
#define LT_SIZE_NUMBER	14.0f	/* 4号 */
#define LT_SIZE_ORGAN	26.0f	/* 1号: the letterhead */

#define LT_ASCENT	0.88f	/* baseline in the ideographic em box */
#define LT_DASH_MID	0.385f	/* height of the dash's middle, em */

/* Letterhead double lines (§10.1): 170 mm, centred on the page. */
#define LT_RULE_X	PDF_MM(20)
#define LT_RULE_W	PDF_MM(170)
#define LT_RULE_THICK	2.25f
#define LT_RULE_THIN	0.75f
#define LT_RULE_GAP	PDF_MM(0.8)

/* Justification never opens gaps wider than this share of the size. */
#define LT_MAX_STRETCH	0.10f

enum lt_role {
	LT_TITLE,
	LT_BODY,
	LT_H1,
	LT_H2,
	LT_NUMBER,
	LT__MAX
};

/* How a piece of text is set. */
struct lt_style {
	enum lt_role	 role;
	float		 size;
	float		 cs;		/* character spacing */
	int		 red;
};

/* Where a text comes from, for error messages in both languages. */
struct lt_where {
	const char	*zh;
	const char	*en;
};

/* One line: glyphs [first, first + n) of the shaped text, or blank. */
struct lt_line {
	size_t		 first;
	size_t		 n;
	float		 x;		/* left edge */
	float		 cs;		/* after justification */
	struct lt_style	 st;
	int		 keep;		/* on the same page as the next */
	int		 page;		/* set by lt_paginate() */
	int		 band;
};

struct lt {
	struct pdf_batch	*b;
	const struct doc	*d;
	int			 slot[LT__MAX];		/* -1: not loaded */
	float			 bold[LT__MAX];		/* stroke, em */
	int			 fbslot;		/* -1: not loaded */
	/* Shaped text of the whole letter. */
	uint32_t		*cp;
	float			*adv;		/* advance + spacing */
	int			*gslot;
	size_t			 n;
	size_t			 cap;
	struct lt_line		*lines;
	size_t			 nlines;
	size_t			 caplines;
	int			 first_band;	/* page 1, below the letterhead */
	int			 nbands;	/* lines per page: LT_LINES, or
						   more when tightened */
	float			 pitch;		/* LT_HEIGHT / nbands */
	float			 head_bottom;	/* below the letterhead, or 0 */
	/* Letterhead (page 1). */
	size_t			 organ_line;	/* index in lines, or SIZE_MAX */
	float			 rule_top;	/* top of the double line */
	int			 npages;
};

static const char *
lt_role_path(const struct pdf_fonts *f, enum lt_role r, int *index,
    float *bold)
{
	const struct pdf_face	*fc;

	switch (r) {
	case LT_TITLE:
		fc = &f->title;
		break;
	case LT_H1:
		fc = &f->heading1;
		break;
	case LT_H2:
		fc = &f->heading2;
		break;
	case LT_NUMBER:
		fc = &f->number;
		break;
	default:
		fc = &f->body;
		break;
	}
	/* An unset role falls back on the body face. */
	if (fc->path == NULL)
		fc = &f->body;
	*index = fc->index;
	*bold = fc->bold;
	return fc->path;
}

static int
lt_role_slot(struct lt *lt, enum lt_role r)
{
	const char	*path;
	int		 index;

	if (lt->slot[r] >= 0)
		return lt->slot[r];
	path = lt_role_path(lt->b->fonts, r, &index, &lt->bold[r]);
	if (pdf_batch_slot(lt->b, path, index, &lt->slot[r]) == -1)
		return -1;
	return lt->slot[r];
}

static void
lt_push(struct lt *lt, uint32_t c, float adv, int slot)
{
	if (lt->n == lt->cap) {
		lt->cap = lt->cap == 0 ? 512 : lt->cap * 2;
		lt->cp = xrealloc(lt->cp, lt->cap * sizeof(*lt->cp));
		lt->adv = xrealloc(lt->adv, lt->cap * sizeof(*lt->adv));
		lt->gslot = xrealloc(lt->gslot, lt->cap * sizeof(*lt->gslot));
	}
	lt->cp[lt->n] = c;
	lt->adv[lt->n] = adv;
	lt->gslot[lt->n] = slot;
	lt->n++;
}

/*
 * Appends text s, set in style st, to the shaped text: one entry per code
 * point with its font slot and its advance (glyph width plus character
 * spacing).  A character the role's face lacks comes from the fallback
 * face; one that neither has, or that lies outside the BMP (libharu
 * would drop it silently), is an error naming the character and where
 * it is.  "\n" stays in as a forced line break.  Returns 0 or -1.
 */
static int
lt_shape(struct lt *lt, const struct lt_style *st, const char *s,
    const struct lt_where *wh)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct pdf_batch	*b = lt->b;
	struct pdf_slot		*sl;
	const char		*ch;
	uint32_t		 c;
	size_t			 len;
	int			 slot, fb, w;

	if ((slot = lt_role_slot(lt, st->role)) == -1)
		return -1;
	while (*p != '\0') {
		if ((len = utf8_decode((const char *)p, strnlen((const char *)p,
		    UTF8_MAXLEN), &c)) == 0)
			return pdf_errf(b, "%s不是有效的 UTF-8 文本 / invalid "
			    "UTF-8 in %s", wh->zh, wh->en);
		ch = (const char *)p;
		p += len;
		/* Invisible characters vanish by nature: drop them. */
		if (c == '\r' || (c >= 0x200B && c <= 0x200D) ||
		    c == 0x2060 || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F))
			continue;
		if (c == '\t' || c == 0xA0)
			c = ' ';
		if (c == '\n') {
			lt_push(lt, c, 0, -1);
			continue;
		}
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			return pdf_errf(b, "%s含控制字符 U+%04X / control "
			    "character U+%04X in %s", wh->zh, (unsigned)c,
			    (unsigned)c, wh->en);
		if (c > 0xFFFF)
			return pdf_errf(b, "%s中的字符 U+%04X「%.*s」在基本多"
			    "文种平面之外，PDF 库无法排印，请改用常用字 / "
			    "character U+%04X in %s is outside the Basic "
			    "Multilingual Plane, which the PDF library cannot "
			    "draw", wh->zh, (unsigned)c, (int)len, ch,
			    (unsigned)c, wh->en);
		sl = &b->slots[slot];
		if (pdf_face_glyph(sl->face, c, &w)) {
			pdf_cps_add(sl->cps, c);
			lt_push(lt, c, w * st->size / 1000 + st->cs, slot);
			continue;
		}
		if (lt->fbslot < 0 && pdf_batch_fallback(b, &lt->fbslot) == -1)
			fb = -1;
		else
			fb = lt->fbslot;
		if (fb >= 0 && pdf_face_glyph(b->slots[fb].face, c, &w)) {
			pdf_cps_add(b->slots[fb].cps, c);
			lt_push(lt, c, w * st->size / 1000 + st->cs, fb);
			continue;
		}
		if (fb >= 0)
			return pdf_errf(b, "%s中的字符 U+%04X「%.*s」在字体 %s "
			    "和后备字体 %s 中都没有字形，无法排印 / character "
			    "U+%04X in %s has no glyph in %s nor in the "
			    "fallback font %s", wh->zh, (unsigned)c, (int)len,
			    ch, pdf_face_path(sl->face),
			    pdf_face_path(b->slots[fb].face), (unsigned)c,
			    wh->en, pdf_face_path(sl->face),
			    pdf_face_path(b->slots[fb].face));
		return pdf_errf(b, "%s中的字符 U+%04X「%.*s」在字体 %s 中没有"
		    "字形，%s / character U+%04X in %s has no glyph in %s "
		    "and %s%s", wh->zh, (unsigned)c, (int)len, ch,
		    pdf_face_path(sl->face), b->fberr[0] != '\0' ?
		    "后备字体无法载入" : "未配置后备字体", (unsigned)c, wh->en,
		    pdf_face_path(sl->face), b->fberr[0] != '\0' ?
		    "the fallback font failed to load: " :
		    "no fallback font is configured", b->fberr);
	}
	return 0;
}

static struct lt_line *
lt_line_add(struct lt *lt)
{
	struct lt_line	*ln;

	if (lt->nlines == lt->caplines) {
		lt->caplines = lt->caplines == 0 ? 64 : lt->caplines * 2;
		lt->lines = xrealloc(lt->lines,
		    lt->caplines * sizeof(*lt->lines));
	}
	ln = &lt->lines[lt->nlines++];
	memset(ln, 0, sizeof(*ln));
	return ln;
}

static void
lt_blank(struct lt *lt, int keep)
{
	lt_line_add(lt)->keep = keep;
}

/* Width of glyphs [i, i + n) on the character grid. */
static float
lt_width(const struct lt *lt, size_t i, size_t n)
{
	float	 w = 0;

	while (n-- > 0)
		w += lt->adv[i++];
	return w;
}

/* Where the lines of a text go: how each line is aligned. */
enum lt_align {
	LT_A_JUSTIFY,		/* full lines justified, the last flush left */
	LT_A_LEFT,
	LT_A_CENTRE,
	LT_A_CENTRE_ON,		/* centred on a point, kept in the type area */
	LT_A_RIGHT_AT,		/* right edge at a point */
	LT_A__MAX
};

/*
 * Breaks the shaped glyphs [from, lt->n) into lines of the type area:
 * the first line indented by "first", the others by "rest" (points);
 * "at" is the reference point of LT_A_CENTRE_ON and LT_A_RIGHT_AT.
 * Returns the number of lines added.
 */
static size_t
lt_break(struct lt *lt, size_t from, const struct lt_style *st,
    float first, float rest, enum lt_align al, float at, int keep)
{
	struct lt_line	*ln;
	size_t		 i, end, k, next, vis, added = 0;
	float		 indent, avail, w, extra;

	for (i = from; i < lt->n; ) {
		/* A forced break ends the segment. */
		for (end = i; end < lt->n && lt->cp[end] != '\n'; end++)
			;
		do {
			indent = added == 0 ? first : rest;
			avail = LT_WIDTH - indent;
			k = linebreak_fit(lt->cp + i, lt->adv + i, end - i,
			    avail, &next);
			ln = lt_line_add(lt);
			ln->first = i;
			ln->n = k;
			ln->st = *st;
			ln->cs = st->cs;
			ln->keep = keep;
			/* Trailing spaces take no room. */
			for (vis = k; vis > 0 && lt->cp[i + vis - 1] == ' ';
			    vis--)
				;
			w = lt_width(lt, i, vis);
			switch (al) {
			case LT_A_JUSTIFY:
				ln->x = LT_LEFT + indent;
				extra = avail - w;
				if (i + next < end && vis > 1 && extra > 0 &&
				    extra / (float)(vis - 1) <=
				    LT_MAX_STRETCH * st->size)
					ln->cs += extra / (float)(vis - 1);
				break;
			case LT_A_LEFT:
				ln->x = LT_LEFT + indent;
				break;
			case LT_A_CENTRE:
				ln->x = LT_LEFT + (LT_WIDTH - w) / 2;
				break;
			case LT_A_CENTRE_ON:
				ln->x = at - w / 2;
				if (ln->x + w > LT_RIGHT)
					ln->x = LT_RIGHT - w;
				if (ln->x < LT_LEFT)
					ln->x = LT_LEFT;
				break;
			case LT_A_RIGHT_AT:
			default:
				ln->x = at - w;
				if (ln->x < LT_LEFT)
					ln->x = LT_LEFT;
				break;
			}
			added++;
			i += next;
		} while (i < end);
		if (end < lt->n)
			i = end + 1;
	}
	return added;
}

/* Shapes text s and lays it out as lines (see lt_break()); 0 or -1. */
static int
lt_text(struct lt *lt, const struct lt_style *st, const char *s,
    const struct lt_where *wh, float first, float rest, enum lt_align al,
    float at, int keep)
{
	size_t	 from = lt->n;

	if (lt_shape(lt, st, s, wh) == -1)
		return -1;
	lt_break(lt, from, st, first, rest, al, at, keep);
	return 0;
}

/*
 * Breaks a title into lines of about equal length (§7.3.1 asks for a
 * balanced shape): the narrowest width that still needs no more lines
 * than a greedy fill of the whole type area.
 */
static int
lt_title(struct lt *lt, const struct lt_style *st, const char *s)
{
	size_t	 from = lt->n, i, next, lines, want;
	float	 w, lo;

	if (lt_shape(lt, st, s, &(struct lt_where){ "标题", "the title" }) ==
	    -1)
		return -1;
	for (want = 0, i = from; i < lt->n; want++, i += next)
		linebreak_fit(lt->cp + i, lt->adv + i, lt->n - i, LT_WIDTH,
		    &next);
	w = LT_WIDTH;
	if (want > 1) {
		lo = lt_width(lt, from, lt->n - from) / (float)want;
		for (w = lo; w < LT_WIDTH; w += st->size / 2) {
			for (lines = 0, i = from; i < lt->n; lines++) {
				linebreak_fit(lt->cp + i, lt->adv + i,
				    lt->n - i, w, &next);
				i += next;
			}
			if (lines <= want)
				break;
		}
		if (w > LT_WIDTH)
			w = LT_WIDTH;
	}
	/* Break at width w, then centre each line in the type area. */
	lt_break(lt, from, st, LT_WIDTH - w, LT_WIDTH - w, LT_A_CENTRE, 0, 1);
	return 0;
}

static int
lt_nonempty(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Width of a prefix such as "附件：" or "1." at the start of text. */
static size_t
lt_prefix_len(const char *s, const char *prefix)
{
	size_t	 n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? n : 0;
}

/* Counts the glyphs of a leading "12." or "12．" list number. */
static size_t
lt_number_glyphs(const struct lt *lt, size_t i)
{
	size_t	 j = i;

	while (j < lt->n && lt->cp[j] >= '0' && lt->cp[j] <= '9')
		j++;
	if (j == i || j == lt->n ||
	    (lt->cp[j] != '.' && lt->cp[j] != 0xFF0E))
		return 0;
	return j + 1 - i;
}

static int
lt_paragraph(struct lt *lt, const struct doc_para *p, size_t no,
    int *in_attach, int last)
{
	struct lt_style	 st = { LT_BODY, LT_SIZE_BODY,
			    LT_PITCH_X - LT_SIZE_BODY, 0 };
	struct lt_where	 wh;
	char		 zh[48], en[48];
	float		 first = 2 * LT_PITCH_X, rest = 0;
	size_t		 from, skip, nums;

	snprintf(zh, sizeof(zh), "正文第 %zu 段", no);
	snprintf(en, sizeof(en), "paragraph %zu", no);
	wh.zh = zh;
	wh.en = en;
	switch (p->kind) {
	case DOC_P_HEADING1:
		st.role = LT_H1;
		break;
	case DOC_P_HEADING2:
		st.role = LT_H2;
		break;
	case DOC_P_PLAIN:
		first = 0;
		break;
	case DOC_P_ATTACHMENT:
		/* §7.3.4: one line below the body, indented 2 字, after
		 * "附件：" the names; wrapped lines align with the name. */
		if (!*in_attach)
			lt_blank(lt, 1);
		from = lt->n;
		if (lt_shape(lt, &st, p->text, &wh) == -1)
			return -1;
		skip = lt_prefix_len(p->text, "附件：") ? 3 : 0;
		if (skip == 0 && *in_attach)
			first += 3 * LT_PITCH_X;
		nums = lt_number_glyphs(lt, from + skip);
		rest = first + lt_width(lt, from, skip + nums);
		*in_attach = 1;
		lt_break(lt, from, &st, first, rest, LT_A_JUSTIFY, 0, 0);
		goto done;
	default:
		break;
	}
	if (lt_text(lt, &st, p->text, &wh, first, rest, LT_A_JUSTIFY, 0,
	    p->kind == DOC_P_HEADING1 || p->kind == DOC_P_HEADING2) == -1)
		return -1;
done:
	/* The last line of the text stays with the signature (§7.3.5). */
	if (last && lt->nlines > 0)
		lt->lines[lt->nlines - 1].keep = 1;
	return 0;
}

/*
 * The signature block with a seal (§7.3.5.1): the date indented 4 字
 * from the right, the organ name centred over it, two blank lines above
 * so that a seal of about 42 mm, its top within a line of the text,
 * presses on both with them a little below its centre.  Then the 附注 in
 * round brackets, indented 2 字 (§7.3.6).
 */
static int
lt_signature(struct lt *lt)
{
	static const struct lt_where	 wdate = { "成文日期", "the date" };
	static const struct lt_where	 wsign = { "落款", "the signature" };
	static const struct lt_where	 wnote = { "附注", "the note" };
	const struct doc	*d = lt->d;
	struct lt_style		 st = { LT_BODY, LT_SIZE_BODY,
				    LT_PITCH_X - LT_SIZE_BODY, 0 };
	struct buf		 note;
	float			 right = LT_RIGHT - 4 * LT_PITCH_X, mid, w;
	size_t			 from;
	int			 rc;

	if (!lt_nonempty(d->signer) && !lt_nonempty(d->date) &&
	    !lt_nonempty(d->note))
		return 0;
	if (lt_nonempty(d->signer) || lt_nonempty(d->date)) {
		lt_blank(lt, 1);
		lt_blank(lt, 1);
	}
	mid = right - 8 * LT_PITCH_X / 2;
	if (lt_nonempty(d->date)) {
		from = lt->n;
		if (lt_shape(lt, &st, d->date, &wdate) == -1)
			return -1;
		w = lt_width(lt, from, lt->n - from);
		mid = right - w / 2;
		lt->n = from;
	}
	if (lt_nonempty(d->signer) && lt_text(lt, &st, d->signer,
	    &wsign, 0, 0, LT_A_CENTRE_ON, mid, 1) == -1)
		return -1;
	if (lt_nonempty(d->date) && lt_text(lt, &st, d->date,
	    &wdate, 0, 0, LT_A_RIGHT_AT, right,
	    lt_nonempty(d->note)) == -1)
		return -1;
	if (!lt_nonempty(d->note))
		return 0;
	buf_init(&note);
	if (strncmp(d->note, "（", strlen("（")) == 0 || d->note[0] == '(')
		buf_puts(&note, d->note);
	else
		buf_printf(&note, "（%s）", d->note);
	rc = lt_text(lt, &st, buf_str(&note), &wnote, 2 * LT_PITCH_X,
	    0, LT_A_JUSTIFY, 0, 0) == -1 ? -1 : 0;
	buf_clear(&note);
	return rc;
}

/*
 * Assigns every line a page and a band of the grid.  Blank lines at the
 * top of a page are dropped; a chain of lines marked "keep" moves whole
 * to a new page when it would be split and fits on one page.
 */
static void
lt_paginate(struct lt *lt, size_t from)
{
	size_t	 i, j, chain;
	int	 page = 0, band = lt->first_band, top = lt->first_band;

	for (i = from; i < lt->nlines; i++) {
		if (band >= lt->nbands) {
			page++;
			band = top = 0;
		}
		if (lt->lines[i].n == 0 && band == top && page > 0) {
			lt->lines[i].page = -1;
			continue;
		}
		for (j = i, chain = 1; j + 1 < lt->nlines &&
		    lt->lines[j].keep; j++)
			chain++;
		if (band + (int)chain > lt->nbands && band > top &&
		    (int)chain <= lt->nbands) {
			page++;
			band = top = 0;
			if (lt->lines[i].n == 0) {
				lt->lines[i].page = -1;
				continue;
			}
		}
		lt->lines[i].page = page;
		lt->lines[i].band = band++;
	}
	lt->npages = page + 1;
}

static struct pdf_op *
lt_op(struct pdf_batch *b, enum pdf_op_kind kind)
{
	struct pdf_op	*op;

	if (b->nops == b->capops) {
		b->capops = b->capops == 0 ? 256 : b->capops * 2;
		b->ops = xrealloc(b->ops, b->capops * sizeof(*b->ops));
	}
	op = &b->ops[b->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	return op;
}

static void
lt_rule(struct lt *lt, float top, float thick)
{
	struct pdf_op	*op = lt_op(lt->b, PDF_OP_RULE);

	op->x = LT_RULE_X;
	op->w = LT_RULE_W;
	op->y = LT_PAGE_H - top - thick / 2;
	op->size = thick;
	op->red = 1;
}

/* Emits the glyphs of a line as runs of one slot each. */
static void
lt_emit_line(struct lt *lt, const struct lt_line *ln, float base)
{
	struct pdf_batch	*b = lt->b;
	struct pdf_op		*op = NULL;
	size_t			 i;
	float			 x = ln->x;
	uint32_t		 c;
	char			 u[4];
	size_t			 ul;

	for (i = ln->first; i < ln->first + ln->n; i++) {
		c = lt->cp[i];
		if (op == NULL || lt->gslot[i] != op->slot) {
			if (op != NULL)
				buf_putc(&b->text, '\0');
			op = lt_op(b, PDF_OP_TEXT);
			op->slot = lt->gslot[i];
			op->x = x;
			op->y = LT_PAGE_H - base;
			op->size = ln->st.size;
			op->cs = ln->cs;
			op->bold = lt->bold[ln->st.role] * ln->st.size;
			op->red = ln->st.red;
			op->off = b->text.len;
		}
		/* lt_shape() refused code points outside the BMP. */
		assert(c <= 0xFFFF);
		ul = utf8_encode(c, u);
		buf_put(&b->text, u, ul);
		op->len += ul;
		x += lt->adv[i] - ln->st.cs + ln->cs;
	}
	if (op != NULL)
		buf_putc(&b->text, '\0');
}

/* Baseline (from the top) of a line of the given size in a grid band. */
static float
lt_baseline(const struct lt *lt, int band, float size)
{
	return LT_TOP + (float)band * lt->pitch + (lt->pitch - size) / 2 +
	    LT_ASCENT * size;
}

static int
lt_page_number(struct lt *lt, int page)
{
	struct lt_style	 st = { LT_NUMBER, LT_SIZE_NUMBER, 0, 0 };
	struct lt_line	 ln;
	char		 s[32];
	size_t		 from = lt->n;
	float		 w;

	snprintf(s, sizeof(s), "— %d —", page);
	if (lt_shape(lt, &st, s, &(struct lt_where){ "页码",
	    "a page number" }) == -1)
		return -1;
	memset(&ln, 0, sizeof(ln));
	ln.first = from;
	ln.n = lt->n - from;
	ln.st = st;
	w = lt_width(lt, from, ln.n);
	/* §7.5: odd pages right, even pages left, each indented 1 字. */
	ln.x = page % 2 ? LT_RIGHT - LT_SIZE_NUMBER - w :
	    LT_LEFT + LT_SIZE_NUMBER;
	lt_emit_line(lt, &ln, LT_TOP + LT_HEIGHT + PDF_MM(7) +
	    LT_DASH_MID * LT_SIZE_NUMBER);
	return 0;
}

/*
 * The mark of a draft (doc.mark, e.g. "样稿"): red, in the top margin
 * at the right edge of the type area, on every page, so that no page of
 * a draft can pass for a letter that went out.
 */
static int
lt_mark(struct lt *lt)
{
	struct lt_style	 st = { LT_TITLE, LT_SIZE_BODY, 0, 1 };
	struct lt_line	 ln;
	size_t		 from = lt->n;

	if (lt_shape(lt, &st, lt->d->mark, &(struct lt_where){ "样稿标记",
	    "the draft mark" }) == -1)
		return -1;
	memset(&ln, 0, sizeof(ln));
	ln.first = from;
	ln.n = lt->n - from;
	ln.st = st;
	ln.x = LT_RIGHT - lt_width(lt, from, ln.n);
	lt_emit_line(lt, &ln, PDF_MM(20));
	return 0;
}

static int
lt_emit(struct lt *lt)
{
	const struct lt_line	*ln;
	size_t			 i = 0;
	int			 page;

	for (page = 0; page < lt->npages; page++) {
		lt_op(lt->b, PDF_OP_PAGE);
		if (page == 0 && lt->organ_line != SIZE_MAX) {
			ln = &lt->lines[lt->organ_line];
			lt_emit_line(lt, ln, PDF_MM(30) + LT_ASCENT *
			    ln->st.size);
			lt_rule(lt, lt->rule_top, LT_RULE_THICK);
			lt_rule(lt, lt->rule_top + LT_RULE_THICK + LT_RULE_GAP,
			    LT_RULE_THIN);
			/* The closing double line, 20 mm from the bottom. */
			lt_rule(lt, LT_PAGE_H - PDF_MM(20) - LT_RULE_THICK -
			    LT_RULE_GAP - LT_RULE_THIN, LT_RULE_THIN);
			lt_rule(lt, LT_PAGE_H - PDF_MM(20) - LT_RULE_THICK,
			    LT_RULE_THICK);
		}
		for (; i < lt->nlines && lt->lines[i].page <= page; i++) {
			ln = &lt->lines[i];
			if (ln->page != page || ln->n == 0 ||
			    i == lt->organ_line)
				continue;
			lt_emit_line(lt, ln, lt_baseline(lt, ln->band,
			    ln->st.size));
		}
		if (page > 0 && lt_page_number(lt, page + 1) == -1)
			return -1;
		if (lt_nonempty(lt->d->mark) && lt_mark(lt) == -1)
			return -1;
	}
	return 0;
}

/*
 * Sets the grid to n lines a page and finds page 1's first band: the
 * grid resumes at the first band below the letterhead's rules.
 */
static void
lt_grid(struct lt *lt, int n)
{
	lt->nbands = n;
	lt->pitch = LT_HEIGHT / (float)n;
	lt->first_band = 0;
	while (LT_TOP + (float)lt->first_band * lt->pitch <
	    lt->head_bottom - 0.01f)
		lt->first_band++;
}

static int
lt_layout(struct lt *lt)
{
	const struct doc	*d = lt->d;
	struct lt_style		 body = { LT_BODY, LT_SIZE_BODY,
				    LT_PITCH_X - LT_SIZE_BODY, 0 };
	struct lt_style		 organ = { LT_TITLE, LT_SIZE_ORGAN, 0, 1 };
	struct lt_style		 title = { LT_TITLE, LT_SIZE_TITLE, 0, 0 };
	struct lt_line		*ln;
	struct buf		 addr;
	size_t			 i, j, from, last, body_from;
	size_t			 last_from = SIZE_MAX;
	float			 w, bottom;
	int			 attach = 0, rc, n;

	lt->organ_line = SIZE_MAX;
	lt->head_bottom = 0;
	lt_grid(lt, LT_LINES);
	if (lt_nonempty(d->organ)) {
		/* 发文机关标志: one line, shrunk to fit if very long. */
		from = lt->n;
		if (lt_shape(lt, &organ, d->organ, &(struct lt_where){
		    "发文机关标志", "the letterhead" }) == -1)
			return -1;
		/* Drop forced breaks: the letterhead is a single line. */
		for (i = j = from; i < lt->n; i++) {
			if (lt->cp[i] == '\n')
				continue;
			lt->cp[j] = lt->cp[i];
			lt->adv[j] = lt->adv[i];
			lt->gslot[j++] = lt->gslot[i];
		}
		lt->n = j;
		w = lt_width(lt, from, lt->n - from);
		if (w > LT_WIDTH) {
			for (i = from; i < lt->n; i++)
				lt->adv[i] *= LT_WIDTH / w;
			organ.size *= LT_WIDTH / w;
			w = LT_WIDTH;
		}
		lt->organ_line = lt->nlines;
		ln = lt_line_add(lt);
		ln->first = from;
		ln->n = lt->n - from;
		ln->st = organ;
		ln->x = LT_LEFT + (LT_WIDTH - w) / 2;
		ln->page = 0;
		ln->band = -1;
		lt->rule_top = PDF_MM(30) + organ.size + PDF_MM(4);
		bottom = lt->rule_top + LT_RULE_THICK + LT_RULE_GAP +
		    LT_RULE_THIN;
		lt->head_bottom = bottom;
		lt_grid(lt, LT_LINES);
	}
	body_from = lt->nlines;
	if (lt_nonempty(d->doc_number)) {
		if (lt_text(lt, &body, d->doc_number, &(struct lt_where){
		    "发文字号", "the document number" }, 0, 0, LT_A_RIGHT_AT,
		    LT_RIGHT, 1) == -1)
			return -1;
		lt_blank(lt, 1);
	} else if (lt->organ_line != SIZE_MAX)
		lt_blank(lt, 1);
	if (lt_nonempty(d->title)) {
		if (lt_title(lt, &title, d->title) == -1)
			return -1;
		lt_blank(lt, 1);
	}
	if (lt_nonempty(d->addressee)) {
		buf_init(&addr);
		buf_puts(&addr, d->addressee);
		/* §7.3.2: a full-width colon after the addressee. */
		if (addr.len < 3 || strcmp(addr.p + addr.len - 3, "：") != 0)
			buf_puts(&addr, "：");
		rc = lt_text(lt, &body, buf_str(&addr), &(struct lt_where){
		    "主送", "the addressee" }, 0,
		    0, LT_A_LEFT, 0, 1) == -1 ? -1 : 0;
		buf_clear(&addr);
		if (rc == -1)
			return -1;
	}
	for (last = d->npara; last > 0; last--)
		if (lt_nonempty(d->paras[last - 1].text))
			break;
	for (i = 0; i < d->npara; i++) {
		if (!lt_nonempty(d->paras[i].text))
			continue;
		if (d->paras[i].kind != DOC_P_ATTACHMENT)
			attach = 0;
		if (i + 1 == last)
			last_from = lt->nlines;
		if (lt_paragraph(lt, &d->paras[i], i + 1, &attach,
		    i + 1 == last) == -1)
			return -1;
	}
	/* A closing line ("特此告知。") never goes over alone with the
	 * signature: the last two lines of the text before it go along. */
	if (last_from != SIZE_MAX && last_from >= body_from + 2 &&
	    lt->nlines - last_from <= 1) {
		lt->lines[last_from - 1].keep = 1;
		lt->lines[last_from - 2].keep = 1;
	}
	if (lt_signature(lt) == -1)
		return -1;
	if (lt->nlines > 0)
		lt->lines[lt->nlines - 1].keep = 0;
	lt_paginate(lt, body_from);
	/* §7.3.5.5: tighten the lines rather than spill a short page. */
	for (n = LT_LINES + 1; lt->npages > 1 && n <= LT_LINES_TIGHT; n++) {
		lt_grid(lt, n);
		lt_paginate(lt, body_from);
	}
	if (lt->npages > 1) {
		lt_grid(lt, LT_LINES);
		lt_paginate(lt, body_from);
	}
	return lt_emit(lt);
}

/*
 * Lays out letter d into batch b: appends its pages to the display list
 * and the code points it draws to the font slots.  Returns 0, or -1 with
 * a message in the batch's error buffer.
 */
int
pdf_letter_layout(struct pdf_batch *b, const struct doc *d)
{
	struct lt	 lt;
	int		 i, rc;

	memset(&lt, 0, sizeof(lt));
	lt.b = b;
	lt.d = d;
	lt.fbslot = -1;
	for (i = 0; i < LT__MAX; i++)
		lt.slot[i] = -1;
	rc = lt_layout(&lt);
	free(lt.cp);
	free(lt.adv);
	free(lt.gslot);
	free(lt.lines);
	return rc;
}
