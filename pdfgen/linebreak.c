/* SPDX-License-Identifier: ISC */
/*
 * Chinese line breaking.  Chinese text may break between any two
 * characters, except that closing punctuation never starts a line and
 * opening punctuation never ends one (标点符号用法 GB/T 15834-2011 §5.1.7,
 * the usual 禁则).  A run of ASCII letters, digits and symbols such as
 * "2026", "010-12345678" or "www.gov.cn" is kept whole unless it is longer
 * than a line.  Lines that break early are pushed out, never squeezed:
 * the renderer spreads the slack over the line.
 */
#include <stddef.h>
#include <stdint.h>

#include "pdfgen/linebreak.h"

/* Characters after which a 禁则 push-out gives up (pathological text). */
#define LB_MAX_PUSH	5

/* Sorted lists, searched linearly: they are short. */
static const uint32_t lb_no_start[] = {
	'!', '%', ')', ',', '.', ':', ';', '?', ']', '}',
	0x00B0,		/* ° */
	0x00B7,		/* · middle dot (foreign names) */
	0x2014,		/* — em dash (——) */
	0x2019,		/* ’ */
	0x201D,		/* ” */
	0x2026,		/* … (……) */
	0x2030,		/* ‰ */
	0x2103,		/* ℃ */
	0x3001,		/* 、 */
	0x3002,		/* 。 */
	0x3005,		/* 々 */
	0x3009,		/* 〉 */
	0x300B,		/* 》 */
	0x300D,		/* 」 */
	0x300F,		/* 』 */
	0x3011,		/* 】 */
	0x3015,		/* 〕 */
	0x3017,		/* 〗 */
	0x3019,		/* 〙 */
	0x301F,		/* 〟 */
	0xFF01,		/* ！ */
	0xFF05,		/* ％ */
	0xFF09,		/* ） */
	0xFF0C,		/* ， */
	0xFF0E,		/* ． */
	0xFF1A,		/* ： */
	0xFF1B,		/* ； */
	0xFF1F,		/* ？ */
	0xFF3D,		/* ］ */
	0xFF5D,		/* ｝ */
	0xFF5E,		/* ～ */
};

static const uint32_t lb_no_end[] = {
	'$', '(', '[', '{',
	0x00A5,		/* ¥ */
	0x2018,		/* ‘ */
	0x201C,		/* “ */
	0x3008,		/* 〈 */
	0x300A,		/* 《 */
	0x300C,		/* 「 */
	0x300E,		/* 『 */
	0x3010,		/* 【 */
	0x3014,		/* 〔 */
	0x3016,		/* 〖 */
	0x3018,		/* 〘 */
	0x301D,		/* 〝 */
	0xFF04,		/* ＄ */
	0xFF08,		/* （ */
	0xFF3B,		/* ［ */
	0xFF5B,		/* ｛ */
	0xFFE5,		/* ￥ */
};

static int
lb_in(const uint32_t *list, size_t n, uint32_t c)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (list[i] == c)
			return 1;
	return 0;
}

/* Returns 1 if c must not begin a line (closing punctuation). */
int
linebreak_no_start(uint32_t c)
{
	return lb_in(lb_no_start, sizeof(lb_no_start) / sizeof(*lb_no_start),
	    c);
}

/* Returns 1 if c must not end a line (opening punctuation). */
int
linebreak_no_end(uint32_t c)
{
	return lb_in(lb_no_end, sizeof(lb_no_end) / sizeof(*lb_no_end), c);
}

/* ASCII graphic characters form unbreakable runs ("words"). */
static int
lb_is_word(uint32_t c)
{
	return c > 0x20 && c < 0x7F;
}

/*
 * Chooses the end of the line that starts at cp[0].  cp holds n code
 * points and adv their advance widths (any unit, the same as width).
 * Returns how many code points go on the line: at least 1 when n > 0,
 * even if the first one is wider than the line, and n when all fit.
 * *next (if not NULL) is set to where the next line starts: after the
 * returned count, past any ASCII spaces, which vanish at a break.
 */
size_t
linebreak_fit(const uint32_t *cp, const float *adv, size_t n, float width,
    size_t *next)
{
	size_t	 k, j, greedy, push;
	float	 w = 0;

	for (k = 0; k < n; k++) {
		/* A space that overflows is dropped at the break. */
		if (w + adv[k] > width + 1e-3f && cp[k] != ' ')
			break;
		w += adv[k];
	}
	if (k == 0 && n > 0)
		k = 1;

	greedy = k;
	for (push = 0; k < n; ) {
		if (lb_is_word(cp[k - 1]) && lb_is_word(cp[k])) {
			/* Keep an ASCII run whole unless it fills the line. */
			for (j = k - 1; j > 0 && lb_is_word(cp[j - 1]); j--)
				;
			if (j > 0) {
				k = j;
				continue;
			}
		}
		if (!linebreak_no_start(cp[k]) && !linebreak_no_end(cp[k - 1]))
			break;
		/* Push a character out to the next line. */
		if (k == 1 || ++push > LB_MAX_PUSH) {
			k = greedy;
			break;
		}
		k--;
	}

	if (next != NULL) {
		for (j = k; j < n && cp[j] == ' '; j++)
			;
		*next = j;
	}
	return k;
}
