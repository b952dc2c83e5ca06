/* SPDX-License-Identifier: ISC */
/*
 * Text folding for comparing requests (docs/proactive.md): code points,
 * width and case folding, punctuation and white space, and the phrase
 * lists (boilerplate removed before comparing, words too general to be
 * a hot spot, words by which applicants ask for their own records,
 * words that may precede a 文号).  Pure.
 */
#include <pthread.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/textfold.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Boilerplate that says nothing about which information is asked for;
 * removed before comparing texts (longest first where one contains
 * another).
 */
static const char *const sim_stop[] = {
	"政府信息公开", "依申请公开", "政府信息", "信息公开", "申请公开",
	"请求公开", "要求公开", "予以公开", "请予公开", "申请人", "贵单位",
	"贵机关", "我单位", "申请", "请求", "要求", "提供", "获取", "公开",
	"相关", "有关", "关于", "本人", "贵局", "全文", "以及", "请", "的",
	"和", "及", "与", "或",
};

/*
 * Words too general to be a hot spot (热点分析 key terms), on top of the
 * boilerplate above; every removed word also splits the text, so that
 * no term spans it.
 */
static const char *const term_stop[] = {
	"中华人民共和国", "政府信息公开", "依申请公开", "政府信息", "信息公开",
	"申请公开", "请求公开", "要求公开", "予以公开", "主动公开", "请予公开",
	"申请人", "贵单位", "贵机关", "我单位", "复印件", "电子版", "以及",
	"及其", "是否", "申请", "请求", "要求", "提供", "获取", "查阅", "复制",
	"公开", "相关", "有关", "关于", "本人", "我们", "贵局", "全文", "全部",
	"情况", "信息", "文件", "资料", "材料", "内容", "具体", "依法", "根据",
	"依据", "按照", "规定", "条例", "纸质", "邮寄", "年度", "请", "的",
	"及", "和", "与", "等",
};

/* Words that may precede an issuer's code in a request: "请公开示范教发
 * 〔2024〕15号" cites 示范教发〔2024〕15号. */
static const char *const doc_lead[] = {
	"请求", "申请", "要求", "公开", "提供", "获取", "查阅", "复制", "关于",
	"印发", "转发", "根据", "依据", "按照", "请", "即", "是", "的", "及",
	"和", "与",
};

/* ---- Code points --------------------------------------------------- */

/* Decodes UTF-8 into a new array of code points (free it), through
 * the one strict decoder; a byte that starts no valid sequence (an
 * overlong form, a surrogate, a truncated sequence) becomes U+FFFD. */
size_t
px_u8_decode(const char *s, uint32_t **out)
{
	size_t		 len, i = 0, n = 0, k;
	uint32_t	*v, c;

	len = s == NULL ? 0 : strlen(s);
	v = xcalloc(len + 1, sizeof(*v));
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &c)) == 0) {
			c = 0xfffd;
			k = 1;
		}
		v[n++] = c;
		i += k;
	}
	*out = v;
	return n;
}

static void
u8_put(struct buf *b, uint32_t c)
{
	char	 t[UTF8_MAXLEN];

	buf_put(b, t, utf8_encode(c, t));
}

void
px_u8_encode(struct buf *b, const uint32_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		u8_put(b, v[i]);
}

/* Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their
 * half-width forms. */
uint32_t
px_fold_width(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		return c - 0xfee0;
	if (c == 0x3000)
		return ' ';
	return c;
}

int
px_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	    c == 0x3000 || (c >= 0x2000 && c <= 0x200b) || c == 0x202f ||
	    c == 0x205f || c == 0xfeff;
}

int
px_is_punct(uint32_t c)
{
	if (c < 0x80)
		return ispunct((int)c) != 0;
	return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
	    (c >= 0x3014 && c <= 0x301f) || c == 0x30fb || c == 0xb7 ||
	    (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) ||
	    (c >= 0xfe10 && c <= 0xfe1f) || (c >= 0xfe30 && c <= 0xfe4f) ||
	    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    c == 0xfffd;
}

int
px_is_han(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
	    c == 0x3007;
}

int
px_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Folds v[0..n) in place per PX_FOLD_* flags; returns the new length. */
size_t
px_fold_cps(uint32_t *v, size_t n, int flags)
{
	size_t		 i, k = 0;
	uint32_t	 c;

	for (i = 0; i < n; i++) {
		c = px_fold_width(v[i]);
		if ((flags & PX_FOLD_NOSPACE) && px_is_space(c))
			continue;
		if ((flags & PX_FOLD_NOPUNCT) && px_is_punct(c))
			continue;
		if ((flags & PX_FOLD_LOWER) && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((flags & PX_FOLD_UPPER) && c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		v[k++] = c;
	}
	return k;
}

/*
 * Returns a new string (free it): s with full-width ASCII and the
 * ideographic space made half-width, and per flags ASCII letters
 * lowered or raised, white space and punctuation dropped.
 */
char *
proactive_fold(const char *s, int flags)
{
	uint32_t	*v;
	size_t		 n;
	struct buf	 b;

	n = px_u8_decode(s, &v);
	n = px_fold_cps(v, n, flags);
	buf_init(&b);
	px_u8_encode(&b, v, n);
	free(v);
	return buf_release(&b);
}

_Static_assert(NELEM(sim_stop) <= NELEM(term_stop), "phrase table size");
_Static_assert(NELEM(doc_lead) <= NELEM(term_stop), "phrase table size");

_Static_assert(NELEM(term_stop) <= PX_PHRASE_MAX, "phrase table size");

/* The phrase lists, decoded once per process (threads of the web
 * server share them read-only after pthread_once). */
static struct phrases	 ph_sim, ph_term, ph_lead;
static pthread_once_t	 ph_once = PTHREAD_ONCE_INIT;

static void	phrases_init(struct phrases *, const char *const *, size_t);

static void
phrases_load(void)
{
	phrases_init(&ph_sim, sim_stop, NELEM(sim_stop));
	phrases_init(&ph_term, term_stop, NELEM(term_stop));
	phrases_init(&ph_lead, doc_lead, NELEM(doc_lead));
}

/* One of the phrase lists. */
const struct phrases *
px_phrases(enum px_phrase_list which)
{
	pthread_once(&ph_once, phrases_load);
	return which == PX_PH_SIM ? &ph_sim : which == PX_PH_TERM ?
	    &ph_term : &ph_lead;
}

static void
phrases_init(struct phrases *p, const char *const *list, size_t count)
{
	uint32_t	*v;
	size_t		 i, n;

	p->count = count;
	for (i = 0; i < count; i++) {
		n = px_u8_decode(list[i], &v);
		if (n > 8)
			n = 8;
		memcpy(p->c[i], v, n * sizeof(*v));
		p->n[i] = n;
		free(v);
	}
}

/*
 * Removes the phrases from v[0..n) in place, leftmost and then first in
 * the list; with sep, each removed phrase leaves one 0 separator.
 * Returns the new length.
 */
size_t
px_strip_phrases(uint32_t *v, size_t n, const struct phrases *p, int sep)
{
	size_t	 i = 0, k = 0, j;

	while (i < n) {
		for (j = 0; j < p->count; j++)
			if (p->n[j] > 0 && i + p->n[j] <= n &&
			    memcmp(&v[i], p->c[j], p->n[j] * sizeof(*v)) == 0)
				break;
		if (j < p->count) {
			i += p->n[j];
			if (sep && k > 0 && v[k - 1] != 0)
				v[k++] = 0;
			continue;
		}
		v[k++] = v[i++];
	}
	return k;
}
