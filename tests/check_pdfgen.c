/* SPDX-License-Identifier: ISC */
/*
 * Tests for pdfgen/: the 禁则 line breaker (GB/T 15834 §5.1.7) as a pure
 * function, and whole letters rendered to PDF and read back with
 * poppler-utils and qpdf: the text comes back exactly, every font is
 * embedded, nothing leaves the GB/T 9704 type area (§5.2.1: 28 mm left,
 * 37 mm top, 156 x 225 mm) but the letterhead and the page numbers
 * ("— 2 —", §7.5, none on page 1 per §10.1), a character no font can
 * draw is an error, and a one-page letter stays under 60 KB.
 */
#include <sys/wait.h>

#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdfgen/linebreak.h"
#include "pdfgen/pdf.h"
#include "util/buf.h"
#include "util/doc.h"
#include "util/xmalloc.h"

Suite	*pdfgen_suite(void);

#define MM(x)		((x) * 72.0 / 25.4)
#define TOL		MM(1.0)
#define UMING		"/usr/share/fonts/truetype/arphic/uming.ttc"
#define SONG		"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
#define KAI		"/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
#define ORGAN		"某某市自然资源和规划局"

/* ---- the line breaker ------------------------------------------------ */

/* Decodes UTF-8 into cp (at most max); every character is 1.0 wide,
 * ASCII 0.5, like full- and half-width glyphs. */
static size_t
lb_prep(const char *s, uint32_t *cp, float *adv, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;

	while (*p != '\0' && n < max) {
		if (*p < 0x80)
			cp[n] = *p++;
		else if (*p < 0xE0) {
			cp[n] = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else {
			cp[n] = (uint32_t)(p[0] & 0x0F) << 12 |
			    (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		}
		adv[n] = cp[n] < 0x80 ? 0.5f : 1.0f;
		n++;
	}
	return n;
}

/* Returns the length of the first line of s at width w. */
static size_t
lb_first(const char *s, float w, size_t *next)
{
	uint32_t	 cp[256];
	float		 adv[256];
	size_t		 n, nx;

	n = lb_prep(s, cp, adv, 256);
	n = linebreak_fit(cp, adv, n, w, &nx);
	if (next != NULL)
		*next = nx;
	return n;
}

START_TEST(test_lb_fits)
{
	size_t	 next;

	/* Ten characters on a line of ten: all of them. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九十", 10, &next), 10);
	ck_assert_uint_eq(next, 10);
	ck_assert_uint_eq(lb_first("一二三四五六七八九十甲乙", 10, NULL), 10);
	ck_assert_uint_eq(lb_first("", 10, &next), 0);
	ck_assert_uint_eq(next, 0);
	/* A character wider than the line still goes on it. */
	ck_assert_uint_eq(lb_first("一二", 0.5f, NULL), 1);
}
END_TEST

START_TEST(test_lb_no_start)
{
	/* "，" would start line 2: push "十" out with it. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九十，甲", 10, NULL), 9);
	/* Two closing marks in a row: "。”" both stay off line 2's start. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九十。”甲", 10, NULL), 9);
	ck_assert_uint_eq(lb_first("一二三四五六七八九十）、甲", 10, NULL),
	    9);
	/* "——" and "……" are never split. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九——甲", 10, NULL), 8);
	ck_assert_uint_eq(lb_first("一二三四五六七八九……甲", 10, NULL), 8);
	/* Half-width closing punctuation too. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九十, abc", 10, NULL), 9);
}
END_TEST

START_TEST(test_lb_no_end)
{
	/* "《" would end line 1: it moves to line 2. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九《十》", 10, NULL), 9);
	ck_assert_uint_eq(lb_first("一二三四五六七八九“十”", 10, NULL), 9);
	ck_assert_uint_eq(lb_first("一二三四五六七八（〔十〕）", 10, NULL),
	    8);
	ck_assert_uint_eq(lb_first("一二三四五六七八九(ab)", 10, NULL), 9);
}
END_TEST

START_TEST(test_lb_words)
{
	size_t	 next;

	/* "2026" (2.0 wide) would straddle the break: it moves whole. */
	ck_assert_uint_eq(lb_first("一二三四五六七八九2026年", 10, NULL), 9);
	ck_assert_uint_eq(lb_first("一二三四五六七八2026年", 10, NULL), 12);
	/* A telephone number stays whole. */
	ck_assert_uint_eq(lb_first("一二三四五六七010-1234", 10, NULL), 7);
	/* A run longer than the line is broken where it must be. */
	ck_assert_uint_eq(lb_first("abcdefghijklmnopqrstuvwxyz", 10, NULL),
	    20);
	/* A space at the break vanishes: the next line starts after it. */
	ck_assert_uint_eq(lb_first("abcdefghij abcdefghij", 5.25f, &next),
	    11);
	ck_assert_uint_eq(next, 11);
	ck_assert_uint_eq(lb_first("abcdefghij  abcdefghij", 5, &next), 12);
	ck_assert_uint_eq(next, 12);
	ck_assert_uint_eq(lb_first("abc defgh ijk", 5, &next), 10);
	ck_assert_uint_eq(next, 10);
}
END_TEST

START_TEST(test_lb_pathological)
{
	/* Nothing but closing marks: give up on 禁则, never loop. */
	ck_assert_uint_eq(lb_first("，，，，，，，，，，，，", 10, NULL), 10);
	ck_assert_uint_eq(lb_first("《《《《《《《《《《《", 10, NULL), 10);
}
END_TEST

START_TEST(test_lb_classes)
{
	static const char	*starts = "，。、；：？！）》」』】〕…—”’,.;:?!)";
	static const char	*ends = "（《「『【〔“‘([";
	uint32_t		 cp[64];
	float			 adv[64];
	size_t			 i, n;

	n = lb_prep(starts, cp, adv, 64);
	for (i = 0; i < n; i++) {
		ck_assert_msg(linebreak_no_start(cp[i]), "U+%04X",
		    (unsigned)cp[i]);
		ck_assert(!linebreak_no_end(cp[i]));
	}
	n = lb_prep(ends, cp, adv, 64);
	for (i = 0; i < n; i++) {
		ck_assert_msg(linebreak_no_end(cp[i]), "U+%04X",
		    (unsigned)cp[i]);
		ck_assert(!linebreak_no_start(cp[i]));
	}
	ck_assert(!linebreak_no_start(0x4E00));
	ck_assert(!linebreak_no_end(0x4E00));
}
END_TEST

/* ---- rendering -------------------------------------------------------- */

/* A one-page reply letter. */
static void
sample_doc(struct doc *d, const char *addressee)
{
	doc_init(d);
	d->organ = xstrdup(ORGAN);
	d->doc_number = xstrdup("某某自规公开〔2026〕12号");
	d->title = xstrdup("政府信息公开申请答复书");
	d->addressee = xstrdup(addressee);
	doc_add_para(d, DOC_P_BODY, "本机关于2026年10月23日收到您通过信函"
	    "方式提交的《政府信息公开申请表》，您申请公开“某某区某某街道2025"
	    "年度国有建设用地使用权出让合同”。经审查，现答复如下：");
	doc_add_para(d, DOC_P_HEADING1, "一、关于出让合同");
	doc_add_para(d, DOC_P_BODY, "经查，该信息属于本机关公开范围。根据"
	    "《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
	    "本机关决定予以公开，现将该合同复印件随本答复书提供给您。");
	doc_add_para(d, DOC_P_BODY, "如不服本答复，可在60日内申请行政复议，"
	    "或者在6个月内提起行政诉讼。");
	doc_add_para(d, DOC_P_ATTACHMENT, "附件：1.国有建设用地使用权出让合同"
	    "（复印件）");
	d->signer = xstrdup(ORGAN);
	d->date = xstrdup("2026年11月21日");
	d->note = xstrdup("（联系人：李四，联系电话：010-12345678）");
}

/* A long letter: a 40-character addressee and signer, a 3,000-character
 * paragraph full of punctuation. */
static void
long_doc(struct doc *d)
{
	static const char	*phrase = "根据《中华人民共和国政府信息公开条例》"
				    "第三十六条第（二）项，本机关依法答复“某某"
				    "事项”——特此说明……";
	struct buf		 b;
	size_t			 n = 0;
	const char		*p;

	sample_doc(d, "");
	free(d->addressee);
	d->addressee = xstrdup("某某省某某市某某区某某街道社区居民委员会"
	    "某某小区业主委员会全体业主代表某某先生");
	free(d->signer);
	d->signer = xstrdup("某某省某某市某某区人民政府办公室某某街道办事处"
	    "政府信息公开工作领导小组");
	buf_init(&b);
	while (n < 3000) {
		for (p = phrase; *p != '\0' && n < 3000; n++) {
			size_t	 l = (*p & 0x80) == 0 ? 1 :
			    (*p & 0xE0) == 0xC0 ? 2 : 3;

			buf_put(&b, p, l);
			p += l;
		}
	}
	doc_add_para(d, DOC_P_BODY, buf_str(&b));
	buf_clear(&b);
}

static int	run(char **, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Runs a shell command (stderr discarded); returns its exit status. */
static int
run(char **out, const char *fmt, ...)
{
	struct buf	 cmd, res;
	va_list		 ap;
	FILE		*p;
	char		 chunk[4096];
	size_t		 n;
	int		 st;

	buf_init(&cmd);
	buf_init(&res);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	buf_puts(&cmd, " 2>/dev/null");
	p = popen(buf_str(&cmd), "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	st = pclose(p);
	buf_clear(&cmd);
	buf_put(&res, "", 0);
	if (out != NULL)
		*out = buf_release(&res);
	else
		buf_clear(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Renders docs to a new temporary file; returns its path and size. */
static char *
render(const struct doc *d, size_t n, const struct pdf_fonts *f,
    size_t *size)
{
	struct buf	 out;
	char		 err[512], tmpl[] = "/tmp/foidesk-pdf-XXXXXX";
	int		 fd;

	buf_init(&out);
	ck_assert_msg(pdf_render_docs(d, n, f, &out, err, sizeof(err)) == 0,
	    "render failed: %s", err);
	ck_assert_uint_gt(out.len, 1000);
	ck_assert(memcmp(out.p, "%PDF-", 5) == 0);
	fd = mkstemp(tmpl);
	ck_assert_int_ne(fd, -1);
	ck_assert(write(fd, out.p, out.len) == (ssize_t)out.len);
	close(fd);
	if (size != NULL)
		*size = out.len;
	buf_clear(&out);
	return xstrdup(tmpl);
}

static void
unrender(char *path)
{
	unlink(path);
	free(path);
}

/* Drops ASCII white space and form feeds. */
static char *
squeeze(const char *s)
{
	char	*r = xstrdup(s), *q = r;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' &&
		    *s != '\f')
			*q++ = *s;
	*q = '\0';
	return r;
}

/*
 * pdftotext -layout, without the page-number lines, squeezed; *pages
 * (if not NULL) gets the page numbers seen, in order, as "2,3,".
 */
static char *
layout_text(const char *pdf, char **pages)
{
	struct buf	 keep, nums;
	char		*out, *line, *save, *sq;

	ck_assert_int_eq(run(&out, "pdftotext -layout %s -", pdf), 0);
	buf_init(&keep);
	buf_init(&nums);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		int	 num;
		char	 tail[8];

		sq = squeeze(line);
		if (sscanf(sq, "—%d%7s", &num, tail) == 2 &&
		    strcmp(tail, "—") == 0) {
			buf_printf(&nums, "%d,", num);
			free(sq);
			continue;
		}
		buf_puts(&keep, sq);
		free(sq);
	}
	free(out);
	if (pages != NULL)
		*pages = buf_release(&nums);
	else
		buf_clear(&nums);
	buf_put(&keep, "", 0);
	return buf_release(&keep);
}

/* One word of pdftotext -bbox, in points from the top left. */
struct word {
	int	 page;
	double	 x0, y0, x1, y1;
	char	 text[256];
};

static struct word *
bbox_words(const char *pdf, size_t *nw)
{
	struct word	*w = NULL;
	char		*out, *p, *q;
	size_t		 n = 0, cap = 0;
	int		 page = 0;

	ck_assert_int_eq(run(&out, "pdftotext -bbox %s -", pdf), 0);
	for (p = out; (p = strchr(p, '<')) != NULL; p++) {
		if (strncmp(p, "<page ", 6) == 0) {
			page++;
			continue;
		}
		if (strncmp(p, "<word ", 6) != 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			w = xrealloc(w, cap * sizeof(*w));
		}
		ck_assert_int_eq(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" "
		    "xMax=\"%lf\" yMax=\"%lf\">", &w[n].x0, &w[n].y0, &w[n].x1,
		    &w[n].y1), 4);
		p = strchr(p, '>') + 1;
		q = strstr(p, "</word>");
		ck_assert_ptr_nonnull(q);
		snprintf(w[n].text, sizeof(w[n].text), "%.*s", (int)(q - p), p);
		w[n].page = page;
		n++;
	}
	free(out);
	*nw = n;
	return w;
}

static int
pdf_pages(const char *pdf)
{
	char	*out, *p;
	int	 n = -1;

	ck_assert_int_eq(run(&out, "pdfinfo %s", pdf), 0);
	if ((p = strstr(out, "Pages:")) != NULL)
		n = atoi(p + 6);
	free(out);
	return n;
}

/* Fonts from pdffonts; asserts every one is embedded. */
static int
fonts_embedded(const char *pdf, char **names)
{
	struct buf	 nb;
	char		*out, *line, *save, *tok[16];
	int		 n = 0, nt, body = 0;

	ck_assert_int_eq(run(&out, "pdffonts %s", pdf), 0);
	buf_init(&nb);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char	*s2, *t;

		if (strncmp(line, "-----", 5) == 0) {
			body = 1;
			continue;
		}
		if (!body)
			continue;
		nt = 0;
		for (t = strtok_r(line, " ", &s2); t != NULL && nt < 16;
		    t = strtok_r(NULL, " ", &s2))
			tok[nt++] = t;
		ck_assert_int_ge(nt, 6);
		ck_assert_msg(strcmp(tok[nt - 5], "yes") == 0,
		    "font %s not embedded", tok[0]);
		buf_printf(&nb, "%s\n", tok[0]);
		n++;
	}
	free(out);
	buf_put(&nb, "", 0);
	if (names != NULL)
		*names = buf_release(&nb);
	else
		buf_clear(&nb);
	return n;
}

/* Asserts that text (squeezed) contains s (squeezed). */
static void
assert_has(const char *text, const char *s)
{
	char	*sq = squeeze(s);

	ck_assert_msg(strstr(text, sq) != NULL, "text lacks \"%s\"", sq);
	free(sq);
}

START_TEST(test_render_text)
{
	struct doc	 d;
	char		*pdf, *text;
	size_t		 i;

	sample_doc(&d, "张三");
	pdf = render(&d, 1, NULL, NULL);
	text = layout_text(pdf, NULL);
	assert_has(text, ORGAN "某某自规公开〔2026〕12号政府信息公开申请答复书"
	    "张三：");
	for (i = 0; i < d.npara; i++)
		assert_has(text, d.paras[i].text);
	assert_has(text, d.paras[d.npara - 1].text);
	assert_has(text, ORGAN "2026年11月21日（联系人：李四，联系电话："
	    "010-12345678）");
	free(text);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

START_TEST(test_render_checks)
{
	struct doc	 d;
	char		*pdf;
	size_t		 size;

	sample_doc(&d, "张三");
	pdf = render(&d, 1, NULL, &size);
	ck_assert_int_eq(run(NULL, "qpdf --check %s", pdf), 0);
	ck_assert_int_ge(fonts_embedded(pdf, NULL), 1);
	ck_assert_int_eq(pdf_pages(pdf), 1);
	/* A one-page letter: at most 60 KB. */
	ck_assert_msg(size <= 60 * 1000, "one-page letter is %zu bytes", size);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

START_TEST(test_render_type_area)
{
	struct doc	 d;
	struct word	*w;
	struct buf	 want;
	char		*pdf, *text, *pages;
	size_t		 nw, i;
	int		 np, below[16] = { 0 };

	long_doc(&d);
	pdf = render(&d, 1, NULL, NULL);
	np = pdf_pages(pdf);
	ck_assert_int_ge(np, 5);
	ck_assert_int_lt(np, 16);
	w = bbox_words(pdf, &nw);
	for (i = 0; i < nw; i++) {
		/* The letterhead sits above the type area by design. */
		if (w[i].page == 1 && strcmp(w[i].text, ORGAN) == 0 &&
		    w[i].y0 >= MM(30) - TOL)
			continue;
		/* So do the page numbers, "— n —", 7 mm below it. */
		if (w[i].y0 > MM(262) && w[i].y1 < MM(277)) {
			ck_assert_msg(strcmp(w[i].text, "—") == 0 ||
			    atoi(w[i].text) == w[i].page, "page %d: \"%s\" "
			    "below the type area", w[i].page, w[i].text);
			below[w[i].page]++;
			continue;
		}
		ck_assert_msg(w[i].x0 >= MM(28) - TOL &&
		    w[i].x1 <= MM(184) + TOL && w[i].y0 >= MM(37) - TOL &&
		    w[i].y1 <= MM(262) + TOL, "page %d: \"%s\" at (%.1f, %.1f)"
		    "-(%.1f, %.1f) mm is outside the type area", w[i].page,
		    w[i].text, w[i].x0 * 25.4 / 72, w[i].y0 * 25.4 / 72,
		    w[i].x1 * 25.4 / 72, w[i].y1 * 25.4 / 72);
	}
	/* No number on page 1, three words on every later page. */
	ck_assert_int_eq(below[1], 0);
	for (i = 2; i <= (size_t)np; i++)
		ck_assert_int_eq(below[i], 3);
	free(w);

	/* All 3,000 characters come back, in order. */
	text = layout_text(pdf, &pages);
	assert_has(text, d.addressee);
	assert_has(text, d.paras[d.npara - 1].text);
	assert_has(text, d.signer);
	buf_init(&want);
	for (i = 2; i <= (size_t)np; i++)
		buf_printf(&want, "%zu,", i);
	ck_assert_str_eq(pages, buf_str(&want));
	buf_clear(&want);
	free(pages);
	free(text);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

START_TEST(test_render_kinsoku)
{
	struct doc	 d;
	char		*pdf, *out, *line, *save;
	uint32_t	 cp[4];
	float		 adv[4];
	size_t		 lines = 0;

	long_doc(&d);
	pdf = render(&d, 1, NULL, NULL);
	ck_assert_int_eq(run(&out, "pdftotext -layout %s -", pdf), 0);
	for (line = strtok_r(out, "\n\f", &save); line != NULL;
	    line = strtok_r(NULL, "\n\f", &save)) {
		while (*line == ' ')
			line++;
		if (*line == '\0' || strncmp(line, "— ", 4) == 0)
			continue;
		lb_prep(line, cp, adv, 1);
		ck_assert_msg(!linebreak_no_start(cp[0]), "line starts with "
		    "U+%04X: %s", (unsigned)cp[0], line);
		lines++;
	}
	ck_assert_uint_gt(lines, 100);
	free(out);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

START_TEST(test_render_page_numbers)
{
	struct doc	 d;
	struct word	*w;
	char		*pdf;
	size_t		 nw, i;
	int		 seen2 = 0, seen3 = 0;

	long_doc(&d);
	pdf = render(&d, 1, NULL, NULL);
	w = bbox_words(pdf, &nw);
	for (i = 0; i + 2 < nw; i++) {
		if (strcmp(w[i].text, "—") != 0 ||
		    strcmp(w[i + 2].text, "—") != 0 || w[i].y0 < MM(262))
			continue;
		if (w[i].page == 2 && strcmp(w[i + 1].text, "2") == 0) {
			/* Even page: left, indented one 字. */
			ck_assert(w[i].x0 > MM(28) && w[i].x0 < MM(36));
			seen2 = 1;
		}
		if (w[i].page == 3 && strcmp(w[i + 1].text, "3") == 0) {
			/* Odd page: right, indented one 字. */
			ck_assert(w[i + 2].x1 < MM(184) &&
			    w[i + 2].x1 > MM(176));
			seen3 = 1;
		}
		/* The dash 7 mm below the type area. */
		ck_assert(w[i].y0 < MM(269) && w[i].y1 > MM(269));
	}
	ck_assert(seen2 && seen3);
	free(w);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

/* Renders a letter addressed to name; returns -1 and the message. */
static int
render_name(const char *name, const struct pdf_fonts *f, char *err,
    size_t errlen)
{
	struct doc	 d;
	struct buf	 out;
	int		 rc;

	sample_doc(&d, name);
	buf_init(&out);
	rc = pdf_render_docs(&d, 1, f, &out, err, errlen);
	if (rc == -1)
		ck_assert_uint_eq(out.len, 0);
	buf_clear(&out);
	doc_free_fields(&d);
	return rc;
}

START_TEST(test_render_missing_glyph)
{
	struct pdf_fonts	 f;
	char			 err[512];

	/* U+3400 㐀 is in no installed font: an error naming it. */
	ck_assert_int_eq(render_name("张\xE3\x90\x80", NULL, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, "U+3400") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "主送") != NULL, "%s", err);
	/* U+20000 𠀀 lies outside the BMP, which libharu drops silently. */
	ck_assert_int_eq(render_name("张\xF0\xA0\x80\x80", NULL, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "U+20000") != NULL, "%s", err);
	/* Without a fallback face, 镕 (not in GB 2312) is an error too. */
	pdf_fonts_default(&f);
	f.fallback.path = NULL;
	ck_assert_int_eq(render_name("朱镕基", &f, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "U+9555") != NULL, "%s", err);
	/* Broken input is refused, not skipped. */
	ck_assert_int_eq(render_name("张\xE4\xB8", NULL, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, "UTF-8") != NULL, "%s", err);
	ck_assert_int_eq(render_name("张\x01三", NULL, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "U+0001") != NULL, "%s", err);
}
END_TEST

START_TEST(test_render_fallback)
{
	struct doc	 d;
	char		*pdf, *text, *names;

	if (access(UMING, R_OK) == -1) {
		fprintf(stderr, "skipped: %s not installed\n", UMING);
		return;
	}
	sample_doc(&d, "朱镕基");
	pdf = render(&d, 1, NULL, NULL);
	text = layout_text(pdf, NULL);
	assert_has(text, "朱镕基：");
	/* Song, UMing and the 黑体 of the title (docs/fonts.md). */
	ck_assert_int_eq(fonts_embedded(pdf, &names), 3);
	ck_assert_msg(strstr(names, "UMing") != NULL, "%s", names);
	free(names);
	free(text);
	unrender(pdf);
	doc_free_fields(&d);
}
END_TEST

START_TEST(test_render_batch)
{
	struct doc	 d[3];
	char		*pdf, *text, *names1, *namesn;
	size_t		 size1, sizen;
	int		 n1;

	sample_doc(&d[0], "张三");
	sample_doc(&d[1], "李四");
	sample_doc(&d[2], "王五");
	pdf = render(d, 1, NULL, &size1);
	n1 = fonts_embedded(pdf, &names1);
	unrender(pdf);
	pdf = render(d, 3, NULL, &sizen);
	ck_assert_int_eq(pdf_pages(pdf), 3);
	/* Fonts subset and embedded once for the whole batch. */
	ck_assert_int_eq(fonts_embedded(pdf, &namesn), n1);
	ck_assert_uint_lt(sizen, 2 * size1);
	text = layout_text(pdf, NULL);
	assert_has(text, "张三：");
	assert_has(text, "李四：");
	assert_has(text, "王五：");
	ck_assert_int_eq(run(NULL, "qpdf --check %s", pdf), 0);
	free(text);
	free(names1);
	free(namesn);
	unrender(pdf);
	doc_free_fields(&d[0]);
	doc_free_fields(&d[1]);
	doc_free_fields(&d[2]);
}
END_TEST

START_TEST(test_render_fonts)
{
	struct pdf_fonts	 f;
	struct doc		 d;
	char			 err[512], copy[] = "/tmp/foidesk-font-XXXXXX";
	char			*pdf, *text, *names;
	int			 fd;

	/* A missing font file is reported by name. */
	pdf_fonts_default(&f);
	f.body.path = "/nonexistent/fangsong.ttf";
	ck_assert_int_eq(render_name("张三", &f, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "/nonexistent/fangsong.ttf") != NULL, "%s",
	    err);

	/* Two files with the same PostScript name (an agency's title and
	 * body TTFs can be two copies of one family) both embed: each
	 * subset gets its own name, or libharu would reuse the first. */
	fd = mkstemp(copy);
	ck_assert_int_ne(fd, -1);
	close(fd);
	ck_assert_int_eq(run(NULL, "cp %s %s", SONG, copy), 0);
	pdf_fonts_default(&f);
	f.title.path = copy;
	f.heading1.path = NULL;
	f.heading2.path = KAI;
	sample_doc(&d, "张三");
	pdf = render(&d, 1, &f, NULL);
	ck_assert_int_eq(fonts_embedded(pdf, &names), 2);
	ck_assert_msg(strstr(names, "-F0\n") != NULL &&
	    strstr(names, "-F1\n") != NULL, "%s", names);
	text = layout_text(pdf, NULL);
	assert_has(text, "政府信息公开申请答复书张三：");
	assert_has(text, d.paras[0].text);
	free(names);
	free(text);
	unrender(pdf);
	unlink(copy);
	doc_free_fields(&d);
	pdf_cache_clear();
}
END_TEST

START_TEST(test_render_edges)
{
	struct doc	 d[2];
	struct word	*w;
	char		*pdf, *text;
	size_t		 nw, i, nt = 0;
	double		 tw[8];

	/* Forced breaks, invisible characters, tabs, a long title. */
	sample_doc(&d[0], "张三");
	free(d[0].organ);
	d[0].organ = xstrdup("某某市\n自然资源和规划局");
	free(d[0].title);
	d[0].title = xstrdup("关于某某区某某街道2025年度国有建设用地使用权"
	    "出让合同及其附件的政府信息公开申请答复书");
	doc_add_para(&d[0], DOC_P_PLAIN, "第一行\n第二行\t（续）\xE2\x80\x8B。");
	/* A document with nothing but a body. */
	doc_init(&d[1]);
	doc_add_para(&d[1], DOC_P_BODY, "");
	doc_add_para(&d[1], DOC_P_BODY, "只有正文。");
	pdf = render(d, 2, NULL, NULL);
	ck_assert_int_eq(run(NULL, "qpdf --check %s", pdf), 0);
	text = layout_text(pdf, NULL);
	assert_has(text, "某某市自然资源和规划局");
	assert_has(text, "第一行第二行（续）。");
	assert_has(text, "只有正文。");
	free(text);

	/* The title: three balanced lines, centred (§7.3.1). */
	w = bbox_words(pdf, &nw);
	for (i = 0; i < nw && nt < 8; i++)
		if (w[i].page == 1 && w[i].y1 - w[i].y0 > 20 * 0.9 &&
		    w[i].y0 > MM(45) && strcmp(w[i].text, ORGAN) != 0 &&
		    strncmp(w[i].text, "一、", strlen("一、")) != 0) {
			ck_assert_msg(fabs((w[i].x0 + w[i].x1) / 2 - MM(106)) <
			    MM(1), "title line not centred: %s", w[i].text);
			tw[nt++] = w[i].x1 - w[i].x0;
		}
	ck_assert_uint_eq(nt, 3);
	for (i = 1; i < nt; i++)
		ck_assert(fabs(tw[i] - tw[0]) <= 2 * 22 + 1);
	free(w);
	unrender(pdf);
	doc_free_fields(&d[0]);
	doc_free_fields(&d[1]);
}
END_TEST

struct thread_job {
	const struct doc	*d;
	struct buf		 out;
	int			 rc;
};

static void *
thread_render(void *arg)
{
	struct thread_job	*j = arg;
	char			 err[256];
	int			 i;

	for (i = 0; i < 4 && j->rc == 0; i++) {
		buf_reset(&j->out);
		j->rc = pdf_render_docs(j->d, 1, NULL, &j->out, err,
		    sizeof(err));
	}
	return NULL;
}

START_TEST(test_render_threads)
{
	struct doc		 d;
	struct thread_job	 j[3];
	pthread_t		 t[3];
	int			 i;

	/* Same input, same bytes; renders may run in several threads
	 * (and load the fallback face concurrently, if installed). */
	sample_doc(&d, access(UMING, R_OK) == 0 ? "朱镕基" : "张三");
	for (i = 0; i < 3; i++) {
		j[i].d = &d;
		j[i].rc = 0;
		buf_init(&j[i].out);
	}
	thread_render(&j[0]);
	ck_assert_int_eq(j[0].rc, 0);
	pdf_cache_clear();
	for (i = 1; i < 3; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, thread_render,
		    &j[i]), 0);
	for (i = 1; i < 3; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_int_eq(j[i].rc, 0);
		ck_assert_uint_eq(j[i].out.len, j[0].out.len);
		ck_assert(memcmp(j[i].out.p, j[0].out.p, j[0].out.len) == 0);
	}
	for (i = 0; i < 3; i++)
		buf_clear(&j[i].out);
	doc_free_fields(&d);
	pdf_cache_clear();
}
END_TEST

Suite *
pdfgen_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("pdfgen");

	tc = tcase_create("linebreak_fit");
	tcase_add_test(tc, test_lb_fits);
	tcase_add_test(tc, test_lb_no_start);
	tcase_add_test(tc, test_lb_no_end);
	tcase_add_test(tc, test_lb_words);
	tcase_add_test(tc, test_lb_pathological);
	tcase_add_test(tc, test_lb_classes);
	suite_add_tcase(s, tc);

	tc = tcase_create("pdf_render_docs");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_render_text);
	tcase_add_test(tc, test_render_checks);
	tcase_add_test(tc, test_render_type_area);
	tcase_add_test(tc, test_render_kinsoku);
	tcase_add_test(tc, test_render_page_numbers);
	tcase_add_test(tc, test_render_missing_glyph);
	tcase_add_test(tc, test_render_fallback);
	tcase_add_test(tc, test_render_batch);
	tcase_add_test(tc, test_render_fonts);
	tcase_add_test(tc, test_render_edges);
	tcase_add_test(tc, test_render_threads);
	suite_add_tcase(s, tc);
	return s;
}
