/* SPDX-License-Identifier: ISC */
/*
 * Frequently requested information → proactive disclosure (Reg. art.
 * 44).  Owns:
 *
 * - the normalisation of 文号 (issuer's code + 〔year〕 + number + 号,
 *   whatever brackets, widths, spaces and 第 the applicant typed) and of
 *   request texts (width, case, punctuation, boilerplate such as 申请公开
 *   or 政府信息);
 * - the similarity of two request texts: the Dice coefficient of their
 *   character-bigram sets after normalisation, with three vetoes that
 *   n-grams cannot see — both texts name years and share none, both
 *   cite 文号 and none agree, or aligned, they differ by a short
 *   substitution (第一中学 / 第二中学);
 * - groups of requests for the same information: a case joins the group
 *   of any case citing the same 文号, or with a near-duplicate text (FTS5
 *   trigram candidates from case_fts, scored here), or linked by an
 *   officer; an officer's unlink keeps two cases apart;
 * - the trigger: N distinct applicants within a window of M months and
 *   one reply disclosed or partial open a proposal; an applicant's own
 *   proposal (art. 44 ¶2); accept (recording the publication) or
 *   decline; the count of accepted items per year (report section 六);
 * - the tags and key terms of the 热点分析.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/case.h"
#include "cases/codes.h"
#include "store/letters.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* FTS5 candidates scored per refresh; trigrams per MATCH query, and of
 * them the rarest used when refreshing; cases grouped per automatic
 * catch-up (proactive_sync from listing pages and commands). */
#define PX_CANDIDATES	100
#define PX_QUERY_TERMS	48
#define PX_RARE_TERMS	8
#define PX_SYNC_BATCH	200
/* Code points of a group label taken from a request. */
#define PX_LABEL_CHARS	60

const char *const proactive_match_names[PX__MAX] = {
	[PX_NONE] = "none",
	[PX_DOC] = "doc",
	[PX_TEXT] = "text",
	[PX_LINK] = "link",
	[PX_PROPOSAL] = "proposal",
};

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

/*
 * Words by which applicants ask for their own records ("本人2019年教师资格
 * 认定材料"): the same words from two applicants ask for two different
 * people's information, so such texts are not grouped by similarity.
 */
static const char *const self_ref[] = {
	"本人", "我的", "我家", "我户", "本户", "我单位", "本单位", "我公司",
	"本公司", "我司", "本企业", "我企业", "我方", "我们的",
};

/* Words that may precede an issuer's code in a request: "请公开示范教发
 * 〔2024〕15号" cites 示范教发〔2024〕15号. */
static const char *const doc_lead[] = {
	"请求", "申请", "要求", "公开", "提供", "获取", "查阅", "复制", "关于",
	"印发", "转发", "根据", "依据", "按照", "请", "即", "是", "的", "及",
	"和", "与",
};

/* ---- Code points --------------------------------------------------- */

/* Decodes UTF-8 into a new array of code points (free it); a byte that
 * starts no valid sequence becomes U+FFFD. */
static size_t
u8_decode(const char *s, uint32_t **out)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, i = 0, n = 0, k, need;
	uint32_t		*v, c;

	len = s == NULL ? 0 : strlen(s);
	v = xcalloc(len + 1, sizeof(*v));
	while (i < len) {
		c = p[i];
		if (c < 0x80)
			need = 0;
		else if ((c & 0xe0) == 0xc0) {
			need = 1;
			c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2;
			c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3;
			c &= 0x07;
		} else {
			v[n++] = 0xfffd;
			i++;
			continue;
		}
		for (k = 1; k <= need; k++) {
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				break;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (k <= need) {
			v[n++] = 0xfffd;
			i++;
			continue;
		}
		v[n++] = c;
		i += need + 1;
	}
	*out = v;
	return n;
}

static void
u8_put(struct buf *b, uint32_t c)
{
	char	 t[4];

	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		t[0] = (char)(0xc0 | (c >> 6));
		t[1] = (char)(0x80 | (c & 0x3f));
		buf_put(b, t, 2);
	} else if (c < 0x10000) {
		t[0] = (char)(0xe0 | (c >> 12));
		t[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		t[2] = (char)(0x80 | (c & 0x3f));
		buf_put(b, t, 3);
	} else {
		t[0] = (char)(0xf0 | (c >> 18));
		t[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		t[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		t[3] = (char)(0x80 | (c & 0x3f));
		buf_put(b, t, 4);
	}
}

static void
u8_encode(struct buf *b, const uint32_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		u8_put(b, v[i]);
}

/* Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their
 * half-width forms. */
static uint32_t
fold_width(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		return c - 0xfee0;
	if (c == 0x3000)
		return ' ';
	return c;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	    c == 0x3000 || (c >= 0x2000 && c <= 0x200b) || c == 0x202f ||
	    c == 0x205f || c == 0xfeff;
}

static int
is_punct(uint32_t c)
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

static int
is_han(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
	    c == 0x3007;
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Folds v[0..n) in place per PX_FOLD_* flags; returns the new length. */
static size_t
fold_cps(uint32_t *v, size_t n, int flags)
{
	size_t		 i, k = 0;
	uint32_t	 c;

	for (i = 0; i < n; i++) {
		c = fold_width(v[i]);
		if ((flags & PX_FOLD_NOSPACE) && is_space(c))
			continue;
		if ((flags & PX_FOLD_NOPUNCT) && is_punct(c))
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

	n = u8_decode(s, &v);
	n = fold_cps(v, n, flags);
	buf_init(&b);
	u8_encode(&b, v, n);
	free(v);
	return buf_release(&b);
}

_Static_assert(NELEM(sim_stop) <= NELEM(term_stop), "phrase table size");
_Static_assert(NELEM(doc_lead) <= NELEM(term_stop), "phrase table size");

/* A phrase list as code points. */
struct phrases {
	uint32_t	 c[NELEM(term_stop)][8];
	size_t		 n[NELEM(term_stop)];
	size_t		 count;
};

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

static const struct phrases *
phrases(const struct phrases *which)
{
	pthread_once(&ph_once, phrases_load);
	return which;
}

static void
phrases_init(struct phrases *p, const char *const *list, size_t count)
{
	uint32_t	*v;
	size_t		 i, n;

	p->count = count;
	for (i = 0; i < count; i++) {
		n = u8_decode(list[i], &v);
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
static size_t
strip_phrases(uint32_t *v, size_t n, const struct phrases *p, int sep)
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

/* ---- 文号 ------------------------------------------------------------ */

static uint32_t
doc_fold(uint32_t c)
{
	c = fold_width(c);
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	switch (c) {
	case '[': case '(': case '{': case 0x3010: case 0x3016: case 0xfe5d:
	case 0x3014: case 0xfe59: case 0x2772:
		return 0x3014;		/* 〔 */
	case ']': case ')': case '}': case 0x3011: case 0x3017: case 0xfe5e:
	case 0x3015: case 0xfe5a: case 0x2773:
		return 0x3015;		/* 〕 */
	case 0x865f:
		return 0x53f7;		/* 號 → 号 */
	default:
		return c;
	}
}

/* Half-width, upper case, brackets as 〔〕, no white space. */
static size_t
doc_clean(const char *s, uint32_t **out)
{
	uint32_t	*v;
	size_t		 n, i, k = 0;

	n = u8_decode(s, &v);
	for (i = 0; i < n; i++) {
		if (is_space(fold_width(v[i])))
			continue;
		v[k++] = doc_fold(v[i]);
	}
	*out = v;
	return k;
}

/*
 * Matches "〔YYYY〕[第]N[号]" at v[i] (v[i] is 〔).  Returns the index
 * after it and the year and number, or 0.  need_hao: the trailing 号 is
 * required (free text), else optional (the 文号 field).
 */
static size_t
doc_tail_at(const uint32_t *v, size_t n, size_t i, int need_hao, int *year,
    long *num)
{
	size_t	 k, d;
	int	 y = 0;
	long	 x = 0;

	if (i + 6 > n || v[i] != 0x3014)
		return 0;
	for (k = 1; k <= 4; k++) {
		if (!is_digit(v[i + k]))
			return 0;
		y = y * 10 + (int)(v[i + k] - '0');
	}
	if (v[i + 5] != 0x3015 || y < 1900 || y > 2099)
		return 0;
	k = i + 6;
	if (k < n && v[k] == 0x7b2c)	/* 第 */
		k++;
	for (d = 0; k < n && is_digit(v[k]) && d < 7; k++, d++)
		x = x * 10 + (long)(v[k] - '0');
	if (d == 0 || d == 7)
		return 0;
	if (k < n && v[k] == 0x53f7)	/* 号 */
		k++;
	else if (need_hao)
		return 0;
	*year = y;
	*num = x;
	return k;
}

/* The issuer's code before v[i]: the run of Han characters and ASCII
 * letters or digits (at most 16), less any leading request words. */
static void
doc_prefix(const uint32_t *v, size_t i, struct buf *b)
{
	const struct phrases *lead = phrases(&ph_lead);
	size_t		 s = i, j, cut;

	while (s > 0 && i - s < 16 && (is_han(v[s - 1]) ||
	    (v[s - 1] < 0x80 && isalnum((int)v[s - 1]))))
		s--;
	do {
		cut = 0;
		for (j = 0; j < lead->count; j++)
			if (s + lead->n[j] < i && memcmp(&v[s], lead->c[j],
			    lead->n[j] * sizeof(*v)) == 0) {
				s += lead->n[j];
				cut = 1;
				break;
			}
	} while (cut);
	u8_encode(b, &v[s], i - s);
}

static void
docref_add(struct px_docref **d, size_t *n, const char *prefix,
    const char *tail)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*d)[i].prefix, prefix) == 0 &&
		    strcmp((*d)[i].tail, tail) == 0)
			return;
	*d = xrealloc(*d, (*n + 1) * sizeof(**d));
	(*d)[*n].prefix = xstrdup(prefix);
	(*d)[*n].tail = xstrdup(tail);
	(*n)++;
}

/* Scans cleaned code points for 文号; field: the whole value is one. */
static void
doc_scan(const uint32_t *v, size_t n, int field, struct px_docref **d,
    size_t *nd)
{
	struct buf	 p, t;
	size_t		 i, end;
	int		 year, found = 0;
	long		 num;

	buf_init(&p);
	buf_init(&t);
	for (i = 0; i < n; i++) {
		if (v[i] != 0x3014 ||
		    (end = doc_tail_at(v, n, i, !field, &year, &num)) == 0)
			continue;
		buf_reset(&p);
		buf_reset(&t);
		doc_prefix(v, i, &p);
		buf_printf(&t, "〔%d〕%ld号", year, num);
		docref_add(d, nd, buf_str(&p), buf_str(&t));
		found = 1;
		if (field)
			break;
		i = end - 1;
	}
	if (field && !found && n > 0) {
		/* Not in the usual form: compare the cleaned text whole. */
		buf_reset(&t);
		u8_encode(&t, v, n);
		docref_add(d, nd, "", buf_str(&t));
	}
	buf_clear(&p);
	buf_clear(&t);
}

/*
 * The normalised 文号 of a document-number field: "示范教发[2024]15号",
 * "示范教发〔2024〕第15号" and "示范教发（2024）15 号" all give
 * "示范教发〔2024〕15号" (half-width digits, brackets as 〔〕, no spaces, no
 * 第, no leading zeros).  A value not in that form is returned cleaned.
 * NULL for an empty value; free the result.
 */
char *
proactive_doc_key(const char *doc)
{
	struct px_docref	*d = NULL;
	uint32_t		*v;
	size_t			 n, nd = 0;
	char			*key = NULL;
	struct buf		 b;

	n = doc_clean(doc, &v);
	doc_scan(v, n, 1, &d, &nd);
	free(v);
	if (nd > 0) {
		buf_init(&b);
		buf_printf(&b, "%s%s", d[0].prefix, d[0].tail);
		key = buf_release(&b);
	}
	proactive_docrefs_free(d, nd);
	return key;
}

/*
 * The 文号 a request cites: its document-number field, and every
 * "code〔year〕number号" in its text.  Returns how many (free the array
 * with proactive_docrefs_free).
 */
size_t
proactive_docrefs(const char *doc_number, const char *request,
    struct px_docref **out)
{
	struct px_docref	*d = NULL;
	uint32_t		*v;
	size_t			 n, nd = 0;

	if (doc_number != NULL && doc_number[0] != '\0') {
		n = doc_clean(doc_number, &v);
		doc_scan(v, n, 1, &d, &nd);
		free(v);
	}
	if (request != NULL && request[0] != '\0') {
		n = doc_clean(request, &v);
		doc_scan(v, n, 0, &d, &nd);
		free(v);
	}
	*out = d;
	return nd;
}

/* Frees proactive_docrefs() output; NULL is a no-op. */
void
proactive_docrefs_free(struct px_docref *d, size_t n)
{
	size_t	 i;

	for (i = 0; d != NULL && i < n; i++) {
		free(d[i].prefix);
		free(d[i].tail);
	}
	free(d);
}

/*
 * Whether two 文号 references are the same document: the same tail and
 * the same issuer's code, or one code ending the other with at least two
 * characters in common ("教发" in a request that dropped the place name
 * cites 示范教发).  Two codeless references agree on the tail alone.
 */
int
proactive_docref_match(const struct px_docref *a, const struct px_docref *b)
{
	size_t	 la, lb, ca, cb;

	if (strcmp(a->tail, b->tail) != 0)
		return 0;
	if (strcmp(a->prefix, b->prefix) == 0)
		return 1;
	la = strlen(a->prefix);
	lb = strlen(b->prefix);
	if (la == 0 || lb == 0)
		return 0;
	ca = utf8_count(a->prefix, la);
	cb = utf8_count(b->prefix, lb);
	if (la < lb)
		return ca >= 2 && strcmp(b->prefix + lb - la, a->prefix) == 0;
	return cb >= 2 && strcmp(a->prefix + la - lb, b->prefix) == 0;
}

/* ---- Similarity ----------------------------------------------------- */

/* The comparable form of a request: folded, lower case, without white
 * space, punctuation and boilerplate. */
static size_t
sim_norm(const char *s, uint32_t **out)
{
	size_t	 n;

	n = u8_decode(s, out);
	n = fold_cps(*out, n, PX_FOLD_LOWER | PX_FOLD_NOSPACE |
	    PX_FOLD_NOPUNCT);
	return strip_phrases(*out, n, phrases(&ph_sim), 0);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Packs an n-gram of up to 3 code points (21 bits each). */
static uint64_t
ngram_key(const uint32_t *v, size_t len)
{
	uint64_t	 k = 0;
	size_t		 i;

	for (i = 0; i < len; i++)
		k = (k << 21) | (v[i] & 0x1fffff);
	return k;
}

/* The sorted set of bigrams of v[0..n) that contain no separator. */
static size_t
bigram_set(const uint32_t *v, size_t n, uint64_t **out)
{
	uint64_t	*g;
	size_t		 i, k = 0, u = 0;

	g = xcalloc(n + 1, sizeof(*g));
	for (i = 0; i + 1 < n; i++)
		if (v[i] != 0 && v[i + 1] != 0)
			g[k++] = ((uint64_t)v[i] << 32) | v[i + 1];
	qsort(g, k, sizeof(*g), u64_cmp);
	for (i = 0; i < k; i++)
		if (u == 0 || g[u - 1] != g[i])
			g[u++] = g[i];
	*out = g;
	return u;
}

/* The years (1949-2099) a text names as four-digit numbers, into y[]
 * (at most max); returns how many. */
static size_t
years_of(const char *s, int *y, size_t max)
{
	uint32_t	*v;
	size_t		 n, i, j, k = 0;
	int		 x;

	n = u8_decode(s, &v);
	n = fold_cps(v, n, 0);
	for (i = 0; i < n && k < max; i = j) {
		if (!is_digit(v[i])) {
			j = i + 1;
			continue;
		}
		for (j = i, x = 0; j < n && is_digit(v[j]); j++)
			x = j - i < 5 ? x * 10 + (int)(v[j] - '0') : x;
		if (j - i == 4 && x >= 1949 && x <= 2099)
			y[k++] = x;
	}
	free(v);
	return k;
}

/* A request prepared for comparison (px_text_init / px_text_clear). */
struct px_text {
	uint32_t		*v;	/* sim_norm() */
	size_t			 n;
	uint64_t		*bg;	/* bigram set */
	size_t			 nbg;
	struct px_docref	*d;	/* 文号 cited */
	size_t			 nd;
	int			 years[16];
	size_t			 ny;
};

static void
px_text_init(struct px_text *t, const char *req, const char *doc)
{
	if (req == NULL)
		req = "";
	t->n = sim_norm(req, &t->v);
	t->nbg = bigram_set(t->v, t->n, &t->bg);
	t->nd = proactive_docrefs(doc, req, &t->d);
	t->ny = years_of(req, t->years, NELEM(t->years));
}

static void
px_text_clear(struct px_text *t)
{
	free(t->v);
	free(t->bg);
	proactive_docrefs_free(t->d, t->nd);
	memset(t, 0, sizeof(*t));
}

/* Dice of two prepared texts; *common gets the shared bigrams. */
static double
dice(const struct px_text *a, const struct px_text *b, size_t *common)
{
	size_t	 i = 0, j = 0, c = 0;

	*common = 0;
	if (a->n > 0 && a->n == b->n && memcmp(a->v, b->v, a->n *
	    sizeof(*a->v)) == 0) {
		*common = a->nbg;
		return 1.0;
	}
	while (i < a->nbg && j < b->nbg) {
		if (a->bg[i] == b->bg[j]) {
			c++;
			i++;
			j++;
		} else if (a->bg[i] < b->bg[j])
			i++;
		else
			j++;
	}
	*common = c;
	return a->nbg + b->nbg == 0 ? 0.0 : 2.0 * (double)c /
	    (double)(a->nbg + b->nbg);
}

/*
 * The similarity of two request texts in [0, 1]: the Dice coefficient
 * 2|A∩B| / (|A| + |B|) of their character-bigram sets after sim_norm().
 * Identical normalised texts score 1 even when shorter than a bigram.
 */
double
proactive_similarity(const char *a, const char *b)
{
	struct px_text	 ta, tb;
	size_t		 c;
	double		 d;

	px_text_init(&ta, a, NULL);
	px_text_init(&tb, b, NULL);
	d = dice(&ta, &tb, &c);
	px_text_clear(&ta);
	px_text_clear(&tb);
	return d;
}

/* Longest texts the substitution check aligns (code points). */
#define PX_ALIGN_MAX	256

/*
 * Whether two normalised texts differ by a substitution: aligned on
 * their longest common subsequence, a place where both texts have
 * characters of their own (rather than one text adding words the other
 * lacks) — 第一中学 / 第二中学, 食堂 / 校车, 建设路 / 和平路, 招生计划 /
 * 收费标准, 停车场 / 污水处理厂.  Such texts name different things even
 * when the rest is the same, which bigram similarity cannot see.  Two
 * requests for the same information differ by added words (年 / 年度,
 * 招生计划 / 秋季招生计划及录取分数线) or order.  The price is that a
 * synonym or a typo (情况 / 结果) also separates two requests; an
 * officer can link them.  Texts longer than PX_ALIGN_MAX are not
 * aligned.
 */
static int
substitution_conflict(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb)
{
	uint16_t	*l;
	size_t		 i, j, sa = 0, sb = 0, w = nb + 1, la, lb;
	int		 hit = 0;

	if (na > PX_ALIGN_MAX || nb > PX_ALIGN_MAX)
		return 0;
	/* l[i][j]: LCS length of a[i..] and b[j..]. */
	l = xcalloc((na + 1) * w, sizeof(*l));
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			l[i * w + j] = a[i] == b[j] ?
			    (uint16_t)(l[(i + 1) * w + j + 1] + 1) :
			    l[(i + 1) * w + j] > l[i * w + j + 1] ?
			    l[(i + 1) * w + j] : l[i * w + j + 1];
	i = j = 0;
	for (;;) {
		if (i == na || j == nb || a[i] == b[j]) {
			if (i == na || j == nb) {
				i = na;
				j = nb;
			}
			la = i - sa;
			lb = j - sb;
			if (la > 0 && lb > 0) {
				hit = 1;
				break;
			}
			if (i == na)
				break;
			sa = ++i;
			sb = ++j;
		} else if (l[(i + 1) * w + j] >= l[i * w + j + 1])
			i++;
		else
			j++;
	}
	free(l);
	return hit;
}

/* Both texts name years and none in common: about different years. */
static int
years_conflict(const struct px_text *a, const struct px_text *b)
{
	size_t	 i, j;

	if (a->ny == 0 || b->ny == 0)
		return 0;
	for (i = 0; i < a->ny; i++)
		for (j = 0; j < b->ny; j++)
			if (a->years[i] == b->years[j])
				return 0;
	return 1;
}

/* Share of a text's bigrams the other lacks, above which both texts
 * have too much of their own to be one request (neither contains the
 * other). */
#define PX_OWN_MAX	0.30

static enum px_match
same_prepared(const struct px_text *a, const struct px_text *b,
    double threshold, double *score)
{
	size_t	 i, j, common;
	double	 own_a, own_b;

	*score = 0.0;
	for (i = 0; i < a->nd; i++)
		for (j = 0; j < b->nd; j++)
			if (proactive_docref_match(&a->d[i], &b->d[j])) {
				*score = 1.0;
				return PX_DOC;
			}
	if ((a->nd > 0 && b->nd > 0) || years_conflict(a, b))
		return PX_NONE;
	*score = dice(a, b, &common);
	if (*score < threshold)
		return PX_NONE;
	if (*score == 1.0)
		return PX_TEXT;
	own_a = a->nbg == 0 ? 0.0 : 1.0 - (double)common / (double)a->nbg;
	own_b = b->nbg == 0 ? 0.0 : 1.0 - (double)common / (double)b->nbg;
	if ((own_a < own_b ? own_a : own_b) > PX_OWN_MAX ||
	    substitution_conflict(a->v, a->n, b->v, b->n))
		return PX_NONE;
	return PX_TEXT;
}

/*
 * Whether two requests ask for the same information: PX_DOC when they
 * cite the same 文号 (field or text); PX_NONE when both cite 文号 and
 * none agree, or both name years and share none; PX_TEXT when the text
 * similarity reaches threshold, one text nearly contains the other (at
 * most PX_OWN_MAX of its bigrams missing from the other) and no short
 * substitution tells them apart (substitution_conflict); else PX_NONE.
 * *score gets 1 for PX_DOC, the similarity otherwise (0 after a 文号
 * or year veto).
 */
enum px_match
proactive_same_info(const char *req_a, const char *doc_a, const char *req_b,
    const char *doc_b, double threshold, double *score)
{
	struct px_text	 a, b;
	enum px_match	 m;

	px_text_init(&a, req_a, doc_a);
	px_text_init(&b, req_b, doc_b);
	m = same_prepared(&a, &b, threshold, score);
	px_text_clear(&a);
	px_text_clear(&b);
	return m;
}

/*
 * The distinct trigrams of a request usable in an FTS5 MATCH: taken
 * from the request as typed (so that they are substrings of the indexed
 * text), ASCII lower case as the tokenizer folds it, skipping white
 * space, punctuation, double quotes and boilerplate.  Returns the
 * number of trigrams (free each and the array).
 */
static size_t
match_trigrams(const char *request, char ***out)
{
	const struct phrases *stop = phrases(&ph_sim);
	uint32_t	*v, *f;
	unsigned char	*ok;
	uint64_t	*seen;
	char		**t = NULL;
	size_t		 n, i, j, k, nt = 0;
	uint64_t	 key;
	struct buf	 b;

	n = u8_decode(request, &v);
	f = xcalloc(n + 1, sizeof(*f));
	ok = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		f[i] = fold_width(v[i]);
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] += 'a' - 'A';
		if (v[i] >= 'A' && v[i] <= 'Z')
			v[i] += 'a' - 'A';
		ok[i] = !is_space(f[i]) && !is_punct(f[i]) && v[i] != '"';
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < stop->count; j++)
			if (i + stop->n[j] <= n && memcmp(&f[i], stop->c[j],
			    stop->n[j] * sizeof(*f)) == 0) {
				for (k = 0; k < stop->n[j]; k++)
					ok[i + k] = 0;
				break;
			}
	seen = xcalloc(n + 1, sizeof(*seen));
	buf_init(&b);
	for (i = 0; i + 2 < n; i++) {
		if (!ok[i] || !ok[i + 1] || !ok[i + 2])
			continue;
		key = ngram_key(&v[i], 3);
		for (j = 0; j < nt && seen[j] != key; j++)
			continue;
		if (j < nt)
			continue;
		seen[nt] = key;
		buf_reset(&b);
		u8_encode(&b, &v[i], 3);
		t = xrealloc(t, (nt + 1) * sizeof(*t));
		t[nt++] = xstrdup(buf_str(&b));
	}
	buf_clear(&b);
	free(v);
	free(f);
	free(ok);
	free(seen);
	*out = t;
	return nt;
}

static void
trigrams_free(char **t, size_t n)
{
	size_t	 i;

	for (i = 0; t != NULL && i < n; i++)
		free(t[i]);
	free(t);
}

/* 'request : ("t1" OR "t2" ...)' of the trigrams t[0..n). */
static void
match_expr(struct buf *b, char *const *t, size_t n)
{
	size_t	 i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		buf_puts(b, i == 0 ? "request : (\"" : " OR \"");
		buf_puts(b, t[i]);
		buf_putc(b, '"');
	}
	if (n > 0)
		buf_putc(b, ')');
}

/*
 * Builds an FTS5 MATCH expression that finds candidate near-duplicates
 * of a request in case_fts: an OR of at most PX_QUERY_TERMS of its
 * trigrams (match_trigrams), spread over the text.  The trigram
 * tokenizer needs three characters: a shorter request gives no
 * expression.  Returns the number of trigrams (0: do not query).
 * (Refreshing a case picks the rarest trigrams from the index instead.)
 */
size_t
proactive_match_query(const char *request, struct buf *b)
{
	char	**t, **pick;
	size_t	 nt, i, step, k = 0;

	nt = match_trigrams(request, &t);
	pick = xcalloc(nt + 1, sizeof(*pick));
	step = nt > PX_QUERY_TERMS ? (nt + PX_QUERY_TERMS - 1) /
	    PX_QUERY_TERMS : 1;
	for (i = 0; i < nt; i += step)
		pick[k++] = t[i];
	match_expr(b, pick, k);
	free(pick);
	trigrams_free(t, nt);
	return k;
}

/*
 * Whether a request asks for the applicant's own records (self_ref
 * words): such requests are grouped only by 文号 or an officer's link,
 * never by text similarity, since Art 44 is about several applicants
 * wanting the same information.
 */
int
proactive_self_ref(const char *request)
{
	size_t	 i;

	for (i = 0; request != NULL && i < NELEM(self_ref); i++)
		if (strstr(request, self_ref[i]) != NULL)
			return 1;
	return 0;
}

/* ---- The trigger (pure) ---------------------------------------------- */

/* The same calendar day `months' months before day (clamped to the end
 * of a shorter month). */
int
proactive_months_back(int day, int months)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d, last;

	date_to_ymd(day, &y, &m, &d);
	m -= months;
	while (m < 1) {
		m += 12;
		y--;
	}
	last = dim[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		last = 29;
	if (d > last)
		d = last;
	return date_from_ymd(y, m, d);
}

static size_t
uf_find(size_t *p, size_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

/* Same person for counting purposes: repeat_same_applicant(), or, when
 * neither side has an ID number or a phone, the same name. */
static int
same_loose(const struct px_ident *a, const struct px_ident *b)
{
	if (repeat_same_applicant(a, b))
		return 1;
	return a->id_key == NULL && b->id_key == NULL && a->np_key == NULL &&
	    b->np_key == NULL && a->name_key != NULL && b->name_key != NULL &&
	    a->name_key[0] != '\0' && strcmp(a->name_key, b->name_key) == 0;
}

/*
 * The number of distinct applicants among n identities: identities that
 * are the same applicant (same_loose) are merged, transitively.
 */
int
proactive_distinct_applicants(const struct px_ident *id, size_t n)
{
	size_t	*p, i, j, a, b;
	int	 count = 0;

	if (n == 0)
		return 0;
	p = xcalloc(n, sizeof(*p));
	for (i = 0; i < n; i++)
		p[i] = i;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (!same_loose(&id[i], &id[j]))
				continue;
			a = uf_find(p, i);
			b = uf_find(p, j);
			if (a != b)
				p[a] = b;
		}
	for (i = 0; i < n; i++)
		if (uf_find(p, i) == i)
			count++;
	free(p);
	return count;
}

static void
member_ident(const struct proactive_member *m, struct px_ident *id)
{
	id->id_key = m->id_key;
	id->np_key = m->np_key;
	id->name_key = m->name_key;
}

/*
 * The art. 44 trigger on a group's members: within some window of
 * window_months months — the cases received from the same calendar day
 * window_months months before a member's receipt up to that receipt,
 * both days included — at least threshold distinct applicants, and at
 * least one member replied disclosed or partial (the information can be
 * disclosed).  *applicants gets the largest distinct count of any
 * window.  Returns 1 when met.
 */
int
proactive_trigger_met(const struct proactive_member *m, size_t n,
    int threshold, int window_months, int *applicants)
{
	size_t		*p, *mark, e, i, j, a, b;
	struct px_ident	 x, y;
	int		*day, best = 0, c, disclosed = 0, from;

	*applicants = 0;
	if (n == 0)
		return 0;
	/* One class per applicant over the whole group, then count the
	 * classes present in each window. */
	p = xcalloc(n, sizeof(*p));
	mark = xcalloc(n, sizeof(*mark));
	day = xcalloc(n, sizeof(*day));
	for (i = 0; i < n; i++) {
		p[i] = i;
		if (date_parse(m[i].received, &day[i]) != 0)
			day[i] = DATE_NONE;
		if (m[i].outcome != NULL && (strcmp(m[i].outcome,
		    "disclosed") == 0 || strcmp(m[i].outcome, "partial") == 0))
			disclosed = 1;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			member_ident(&m[i], &x);
			member_ident(&m[j], &y);
			if (!same_loose(&x, &y))
				continue;
			a = uf_find(p, i);
			b = uf_find(p, j);
			if (a != b)
				p[a] = b;
		}
	for (e = 0; e < n; e++) {
		if (day[e] == DATE_NONE)
			continue;
		from = proactive_months_back(day[e], window_months);
		for (i = 0, c = 0; i < n; i++) {
			if (day[i] == DATE_NONE || day[i] < from ||
			    day[i] > day[e])
				continue;
			if (mark[a = uf_find(p, i)] != e + 1) {
				mark[a] = e + 1;
				c++;
			}
		}
		if (c > best)
			best = c;
	}
	free(p);
	free(mark);
	free(day);
	*applicants = best;
	return disclosed && best >= threshold;
}

/* ---- Settings ------------------------------------------------------- */

/* Reads the three settings, with the defaults where unset or invalid. */
enum cm_err
proactive_settings_get(struct store *s, struct proactive_settings *p)
{
	char		*v = NULL, *end;
	long		 l;
	double		 d;
	enum cm_err	 e;

	p->threshold = PROACTIVE_THRESHOLD_DEFAULT;
	p->window_months = PROACTIVE_WINDOW_DEFAULT;
	p->similarity = PROACTIVE_SIMILARITY_DEFAULT;
	if ((e = setting_get(s, PROACTIVE_KEY_THRESHOLD, &v)) == CM_OK) {
		l = strtol(v, &end, 10);
		if (*end == '\0' && l >= 2 && l <= 1000)
			p->threshold = (int)l;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	if ((e = setting_get(s, PROACTIVE_KEY_WINDOW, &v)) == CM_OK) {
		l = strtol(v, &end, 10);
		if (*end == '\0' && l >= 1 && l <= 120)
			p->window_months = (int)l;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	if ((e = setting_get(s, PROACTIVE_KEY_SIMILARITY, &v)) == CM_OK) {
		d = strtod(v, &end);
		if (*end == '\0' && d >= 0.3 && d <= 1.0)
			p->similarity = d;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	return CM_OK;
}

/* Stores the three settings (CM_INVALID when out of range). */
enum cm_err
proactive_settings_put(struct store *s, const struct proactive_settings *p)
{
	char		 t[32];
	enum cm_err	 e;

	if (p->threshold < 2 || p->threshold > 1000 || p->window_months < 1 ||
	    p->window_months > 120 || !(p->similarity >= 0.3 &&
	    p->similarity <= 1.0))
		return CM_INVALID;
	snprintf(t, sizeof(t), "%d", p->threshold);
	if ((e = setting_put(s, PROACTIVE_KEY_THRESHOLD, t)) != CM_OK)
		return e;
	snprintf(t, sizeof(t), "%d", p->window_months);
	if ((e = setting_put(s, PROACTIVE_KEY_WINDOW, t)) != CM_OK)
		return e;
	snprintf(t, sizeof(t), "%.2f", p->similarity);
	return setting_put(s, PROACTIVE_KEY_SIMILARITY, t);
}

/* ---- Groups on the store --------------------------------------------- */

struct match {
	char		 case_id[37];
	enum px_match	 how;
	double		 score;
	int64_t		 group;		/* 0: in no group */
	char		*dockey;	/* PX_DOC: the 文号 matched */
};

static int
match_rank(const struct match *m)
{
	return m->how == PX_LINK ? 3 : m->how == PX_DOC ? 2 : 1;
}

static void
match_add(struct match **mv, size_t *n, const char *case_id,
    enum px_match how, double score, const char *dockey)
{
	struct match	*m;
	size_t		 i;

	for (i = 0; i < *n; i++) {
		m = &(*mv)[i];
		if (strcmp(m->case_id, case_id) != 0)
			continue;
		if (how == PX_LINK || (how == PX_DOC && m->how == PX_TEXT) ||
		    (how == m->how && score > m->score)) {
			m->how = how;
			m->score = score;
			free(m->dockey);
			m->dockey = dockey != NULL ? xstrdup(dockey) : NULL;
		}
		return;
	}
	*mv = xrealloc(*mv, (*n + 1) * sizeof(**mv));
	m = &(*mv)[(*n)++];
	memset(m, 0, sizeof(*m));
	snprintf(m->case_id, sizeof(m->case_id), "%s", case_id);
	m->how = how;
	m->score = score;
	m->dockey = dockey != NULL ? xstrdup(dockey) : NULL;
}

static void
matches_free(struct match *m, size_t n)
{
	size_t	 i;

	for (i = 0; m != NULL && i < n; i++)
		free(m[i].dockey);
	free(m);
}

static int
i64_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The first PX_LABEL_CHARS characters of a request. */
static char *
label_of(const char *request)
{
	uint32_t	*v;
	size_t		 n;
	struct buf	 b;

	n = u8_decode(request, &v);
	buf_init(&b);
	u8_encode(&b, v, n > PX_LABEL_CHARS ? PX_LABEL_CHARS : n);
	if (n > PX_LABEL_CHARS)
		buf_puts(&b, "…");
	free(v);
	return buf_release(&b);
}

/*
 * Drops a group that no longer groups anything: fewer than two members
 * and no proposal (beyond an undecided trigger one) or publication.
 */
static enum cm_err
group_tidy(struct store *s, int64_t g)
{
	int		 members, props;
	enum cm_err	 e;

	if ((e = store_px_drop_stale(s, g)) != CM_OK)
		return e;
	if ((e = store_px_group_counts(s, g, &members, &props)) != CM_OK)
		return e == CM_NOTFOUND ? CM_OK : e;
	if (props == 0 && members < 2)
		return store_px_group_delete(s, g);
	return CM_OK;
}

/*
 * Evaluates the art. 44 trigger on a group and opens a proposal when it
 * is met, unless the group already has an open proposal or ever had a
 * trigger proposal (a declined one stays declined; the officer can
 * still record a publication with accept).
 */
static enum cm_err
group_trigger(struct store *s, const struct proactive_settings *set,
    int64_t g, const char *now)
{
	struct proactive_member	*m = NULL;
	struct buf		 r;
	size_t			 n = 0;
	int			 napp, trig, open;
	enum cm_err		 e;

	if ((e = store_px_group_members(s, g, &m, &n)) != CM_OK)
		return e;
	if (!proactive_trigger_met(m, n, set->threshold, set->window_months,
	    &napp)) {
		proactive_members_free(m, n);
		return CM_OK;
	}
	proactive_members_free(m, n);
	if ((e = store_px_proposal_counts(s, g, &trig, &open)) != CM_OK)
		return e;
	if (trig > 0 || open > 0)
		return CM_OK;
	buf_init(&r);
	buf_printf(&r, "%d个月内有%d位申请人申请公开同一政府信息，且已予以公开"
	    "或部分公开，建议纳入主动公开范围（《中华人民共和国政府信息公开条例》"
	    "第四十四条）", set->window_months, napp);
	e = store_px_proposal_new(s, g, "trigger", NULL, buf_str(&r), napp,
	    "system", now, NULL);
	buf_clear(&r);
	return e;
}

/* Finds the cases citing the same 文号 as rec. */
static enum cm_err
doc_matches(struct store *s, const struct case_rec *rec,
    const struct px_docref *d, size_t nd, struct match **mv, size_t *nm)
{
	struct px_docrow	*rows = NULL;
	struct px_docref	 other;
	struct buf		 key;
	size_t			 i, k, nr = 0;
	enum cm_err		 e = CM_OK;

	buf_init(&key);
	for (i = 0; i < nd; i++) {
		if ((e = store_px_docs_by_tail(s, d[i].tail, rec->id, &rows,
		    &nr)) != CM_OK)
			break;
		for (k = 0; k < nr; k++) {
			other.prefix = rows[k].prefix != NULL ? rows[k].prefix :
			    (char *)"";
			other.tail = d[i].tail;
			if (!proactive_docref_match(&d[i], &other))
				continue;
			buf_reset(&key);
			buf_printf(&key, "%s%s", d[i].prefix, d[i].tail);
			match_add(mv, nm, rows[k].case_id, PX_DOC, 1.0,
			    buf_str(&key));
		}
		store_px_docrows_free(rows, nr);
		rows = NULL;
		nr = 0;
	}
	buf_clear(&key);
	return i == nd ? CM_OK : e;
}

struct rare {
	char	*t;
	int	 docs;
};

static int
rare_cmp(const void *pa, const void *pb)
{
	const struct rare	*a = pa, *b = pb;

	return a->docs < b->docs ? -1 : a->docs > b->docs;
}

/*
 * The candidate query of a request: its PX_RARE_TERMS rarest trigrams
 * in the index (a near-duplicate shares most trigrams, the rare ones
 * too; common ones such as the district's name would make the query
 * rank half the table).  Trigrams found only in the request itself are
 * left out.  Returns the number of trigrams in q.
 */
static enum cm_err
rare_query(struct store *s, const char *request, struct buf *q, size_t *nq)
{
	struct rare	*r;
	char		**t = NULL, **pick;
	size_t		 nt, i, k = 0;
	enum cm_err	 e = CM_OK;

	*nq = 0;
	nt = match_trigrams(request, &t);
	r = xcalloc(nt + 1, sizeof(*r));
	for (i = 0; i < nt && e == CM_OK; i++) {
		if ((e = store_px_term_docs(s, t[i], &r[k].docs)) != CM_OK)
			break;
		r[k].t = t[i];
		if (r[k].docs >= 2)
			k++;
	}
	if (e == CM_OK) {
		qsort(r, k, sizeof(*r), rare_cmp);
		if (k > PX_RARE_TERMS)
			k = PX_RARE_TERMS;
		pick = xcalloc(k + 1, sizeof(*pick));
		for (i = 0; i < k; i++)
			pick[i] = r[i].t;
		match_expr(q, pick, k);
		free(pick);
		*nq = k;
	}
	free(r);
	trigrams_free(t, nt);
	return e;
}

/* Finds the near-duplicates of rec among the FTS5 candidates. */
static enum cm_err
text_matches(struct store *s, const struct proactive_settings *set,
    const struct case_rec *rec, const struct px_text *a, struct match **mv,
    size_t *nm)
{
	struct proactive_member	*c = NULL;
	struct px_text		 b;
	struct buf		 q;
	size_t			 n = 0, i, nq;
	double			 score;
	enum cm_err		 e;

	if (proactive_self_ref(rec->request))
		return CM_OK;
	buf_init(&q);
	if ((e = rare_query(s, rec->request, &q, &nq)) != CM_OK || nq == 0 ||
	    (e = store_px_fts(s, buf_str(&q), PX_CANDIDATES, rec->id, &c,
	    &n)) != CM_OK) {
		buf_clear(&q);
		return e;
	}
	for (i = 0; i < n; i++) {
		if (proactive_self_ref(c[i].request))
			continue;
		px_text_init(&b, c[i].request, c[i].doc_number);
		if (same_prepared(a, &b, set->similarity, &score) == PX_TEXT)
			match_add(mv, nm, c[i].case_id, PX_TEXT, score, NULL);
		px_text_clear(&b);
	}
	proactive_members_free(c, n);
	buf_clear(&q);
	return CM_OK;
}

/*
 * Whether two prepared texts are told apart by a veto of
 * same_prepared(): 文号 that disagree, years apart, a substitution.
 */
static int
texts_conflict(const struct px_text *a, const struct px_text *b)
{
	size_t	 i, j;

	if (a->nd > 0 && b->nd > 0) {
		for (i = 0; i < a->nd; i++)
			for (j = 0; j < b->nd; j++)
				if (proactive_docref_match(&a->d[i], &b->d[j]))
					return 0;
		return 1;
	}
	return years_conflict(a, b) ||
	    substitution_conflict(a->v, a->n, b->v, b->n);
}

/* Members a joining case is compared with (the oldest first). */
#define PX_ADMIT_CHECK	200

/*
 * Whether a case may join group g: no officer's unlink with a member,
 * and, joining by similarity, nothing that tells it apart from any
 * member that joined by similarity (texts_conflict).  Similarity is
 * not transitive: without this "2024年 X" ~ "X" ~ "2025年 X" would chain
 * two years into one group.  Groups of a 文号, and joins by an
 * officer's link, are not checked.
 */
static enum cm_err
group_admits(struct store *s, int64_t g, const char *case_id,
    const struct px_text *t, int linked, int *ok)
{
	struct proactive_member	*m = NULL;
	struct px_text		 mt;
	char			*key = NULL;
	size_t			 n = 0, i;
	int			 veto;
	enum cm_err		 e;

	*ok = 0;
	if ((e = store_px_veto_case(s, case_id, g, &veto)) != CM_OK || veto)
		return e;
	*ok = 1;
	if (linked)
		return CM_OK;
	if ((e = store_px_group_get(s, g, &key, NULL, NULL, NULL)) != CM_OK)
		return e;
	if (strncmp(key, "doc:", 4) == 0) {
		free(key);
		return CM_OK;
	}
	free(key);
	if ((e = store_px_group_members(s, g, &m, &n)) != CM_OK)
		return e;
	for (i = 0; i < n && i < PX_ADMIT_CHECK && *ok; i++) {
		/* Members an officer put there are not compared. */
		if (strcmp(m[i].case_id, case_id) == 0 || (m[i].how != NULL &&
		    (strcmp(m[i].how, "link") == 0 ||
		    strcmp(m[i].how, "proposal") == 0)))
			continue;
		px_text_init(&mt, m[i].request, m[i].doc_number);
		*ok = !texts_conflict(t, &mt);
		px_text_clear(&mt);
	}
	proactive_members_free(m, n);
	return CM_OK;
}

/* group_admits() for a matched case, loading its text. */
static enum cm_err
match_admitted(struct store *s, int64_t g, const struct match *m, int *ok)
{
	struct proactive_member	 c;
	struct px_text		 t;
	enum cm_err		 e;

	if ((e = store_px_case_row(s, m->case_id, &c)) != CM_OK)
		return e;
	px_text_init(&t, c.request, c.doc_number);
	e = group_admits(s, g, c.case_id, &t, m->how == PX_LINK, ok);
	px_text_clear(&t);
	proactive_member_clear(&c);
	return e;
}

/* Whether rec reaches group g through an officer's link. */
static int
linked_into(const struct match *mv, size_t nm, int64_t g)
{
	size_t	 i;

	for (i = 0; i < nm; i++)
		if (mv[i].group == g && mv[i].how == PX_LINK)
			return 1;
	return 0;
}

/* Whether rec reaches group g through a 文号 or a link: then it may
 * merge g into its own group; text similarity alone never merges. */
static int
bridges(const struct match *mv, size_t nm, int64_t g)
{
	size_t	 i;

	for (i = 0; i < nm; i++)
		if (mv[i].group == g && (mv[i].how == PX_LINK ||
		    mv[i].how == PX_DOC))
			return 1;
	return 0;
}

/* What refresh_one() does. */
enum refresh_mode {
	RF_KEYS,	/* identity and 文号 keys only; grouped later */
	RF_GROUP,	/* keys and the case's group */
	RF_TRIGGER	/* and the art. 44 trigger on that group */
};

/*
 * The grouping step for one case (see proactive_refresh_case), inside
 * the caller's unit of work.
 */
static enum cm_err
refresh_one(struct store *s, const struct proactive_settings *set,
    const char *key, enum refresh_mode mode, const char *now)
{
	struct case_rec		 rec;
	struct px_docref	*d = NULL;
	struct px_text		 rt;
	struct match		*mv = NULL, *best;
	struct px_link		*l = NULL;
	int64_t			*gs = NULL, g0 = 0, surv = 0, g;
	char			*id_key, *np_key, *name_key, *lab = NULL;
	char			 month[8], how0[16] = "", gkey[600];
	size_t			 nd, nm = 0, nl = 0, ng = 0, i, k;
	int			 veto, ok;
	enum cm_err		 e;

	memset(&rt, 0, sizeof(rt));
	if ((e = store_case_get(s, key, &rec)) != CM_OK)
		return e;
	id_key = repeat_id_key(rec.appl.id_number);
	np_key = repeat_np_key(rec.appl.name, rec.appl.phone);
	name_key = repeat_name_key(rec.appl.name);
	snprintf(month, sizeof(month), "%.7s", rec.received);
	nd = proactive_docrefs(rec.doc_number, rec.request, &d);
	if ((e = store_px_keys_put(s, rec.id, id_key, np_key, name_key,
	    month, now, mode != RF_KEYS)) != CM_OK ||
	    (e = store_px_docrefs_set(s, rec.id, d, nd)) != CM_OK ||
	    mode == RF_KEYS)
		goto out;
	px_text_init(&rt, rec.request, rec.doc_number);
	if ((e = doc_matches(s, &rec, d, nd, &mv, &nm)) != CM_OK ||
	    (e = text_matches(s, set, &rec, &rt, &mv, &nm)) != CM_OK ||
	    (e = store_px_links_of(s, rec.id, &l, &nl)) != CM_OK)
		goto out;
	for (i = 0; i < nl; i++)
		if (!l[i].unlink)
			match_add(&mv, &nm, l[i].other, PX_LINK, 1.0, NULL);
	/* An officer's unlink overrides any automatic match. */
	for (i = 0; i < nl; i++) {
		if (!l[i].unlink)
			continue;
		for (k = 0; k < nm; k++)
			if (strcmp(mv[k].case_id, l[i].other) == 0) {
				free(mv[k].dockey);
				mv[k] = mv[--nm];
				break;
			}
	}
	e = store_px_member_get(s, rec.id, &g0, how0, sizeof(how0));
	if (e == CM_NOTFOUND)
		g0 = 0;
	else if (e != CM_OK)
		goto out;
	best = NULL;
	for (i = 0; i < nm; i++) {
		if (best == NULL || match_rank(&mv[i]) > match_rank(best) ||
		    (match_rank(&mv[i]) == match_rank(best) &&
		    mv[i].score > best->score))
			best = &mv[i];
		e = store_px_member_get(s, mv[i].case_id, &mv[i].group,
		    NULL, 0);
		if (e == CM_NOTFOUND)
			mv[i].group = 0;
		else if (e != CM_OK)
			goto out;
		if (mv[i].group != 0) {
			gs = xrealloc(gs, (ng + 1) * sizeof(*gs));
			gs[ng++] = mv[i].group;
		}
	}
	e = CM_OK;
	if (ng > 1)
		qsort(gs, ng, sizeof(*gs), i64_cmp);
	for (i = 0; i < ng && surv == 0; i++) {
		if ((e = group_admits(s, gs[i], rec.id, &rt,
		    linked_into(mv, nm, gs[i]), &ok)) != CM_OK)
			goto out;
		if (ok)
			surv = gs[i];
	}
	for (i = 0; i < ng; i++) {
		if ((g = gs[i]) == surv || (i > 0 && gs[i - 1] == g) ||
		    !bridges(mv, nm, g))
			continue;
		if ((e = group_admits(s, g, rec.id, &rt,
		    linked_into(mv, nm, g), &ok)) != CM_OK)
			goto out;
		if (!ok)
			continue;
		if ((e = store_px_veto_groups(s, surv, g, &veto)) != CM_OK)
			goto out;
		if (!veto && (e = store_px_group_merge(s, g, surv, now)) !=
		    CM_OK)
			goto out;
		if (!veto && g == g0)
			g0 = surv;
	}
	if (surv == 0 && best != NULL) {
		for (i = 0; i < nm && mv[i].group != 0; i++)
			continue;
		if (i < nm) {
			/* Only ungrouped matches: a new group. */
			if (best->how == PX_DOC && best->dockey != NULL)
				snprintf(gkey, sizeof(gkey), "doc:%s",
				    best->dockey);
			else
				snprintf(gkey, sizeof(gkey), "%s:%s",
				    proactive_match_names[best->how], rec.number);
			lab = best->how == PX_DOC && best->dockey != NULL ?
			    xstrdup(best->dockey) : label_of(rec.request);
			if ((e = store_px_group_new(s, gkey, lab, now,
			    &surv)) != CM_OK)
				goto out;
		}
	}
	if (surv == 0) {
		/* Matches nothing: leave the old group unless the case
		 * is there as the proposer of its information. */
		if (g0 != 0 && strcmp(how0, "proposal") != 0 &&
		    ((e = store_px_member_del(s, rec.id)) != CM_OK ||
		    (e = group_tidy(s, g0)) != CM_OK))
			goto out;
		goto out;
	}
	if ((e = store_px_member_put(s, rec.id, surv, proactive_match_names[best->how],
	    best->score, now)) != CM_OK)
		goto out;
	for (i = 0; i < nm; i++) {
		if (mv[i].group != 0)
			continue;
		if ((e = match_admitted(s, surv, &mv[i], &ok)) != CM_OK)
			goto out;
		if (ok && (e = store_px_member_put(s, mv[i].case_id, surv,
		    proactive_match_names[mv[i].how], mv[i].score, now)) != CM_OK)
			goto out;
	}
	if ((e = store_px_group_set(s, surv, NULL, NULL, now)) != CM_OK)
		goto out;
	if (g0 != 0 && g0 != surv && (e = group_tidy(s, g0)) != CM_OK)
		goto out;
	if (mode == RF_TRIGGER)
		e = group_trigger(s, set, surv, now);
out:
	proactive_docrefs_free(d, nd);
	px_text_clear(&rt);
	matches_free(mv, nm);
	free(l);
	free(gs);
	free(lab);
	free(id_key);
	free(np_key);
	free(name_key);
	case_rec_clear(&rec);
	return e;
}

/*
 * Brings the grouping of one case up to date (its identity and 文号
 * keys, its group) and evaluates the art. 44 trigger on its group.
 * The hook for the lead: call it after case_new() commits, and after a
 * reply (case_act with ACT_REPLY) commits, so that a disclosure can
 * open a proposal; also when a request text or 文号 changes.  Runs in
 * its own transaction, or in a savepoint of the caller's.  A failure
 * here need not fail the intake: `proactive sync` (run by every
 * proactive and fee command) catches up.
 */
enum cm_err
proactive_refresh_case(struct store *s, const char *case_id)
{
	struct proactive_settings set;
	char			 now[32];
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK)
		return e;
	now_iso(now);
	e = refresh_one(s, &set, case_id, RF_TRIGGER, now);
	return store_px_end(s, outer, e);
}

static enum cm_err
trigger_all(struct store *s, const struct proactive_settings *set,
    const char *now)
{
	int64_t		*g = NULL;
	size_t		 n = 0, i;
	enum cm_err	 e;

	if ((e = store_px_group_ids(s, &g, &n)) != CM_OK)
		return e;
	for (i = 0; i < n && e == CM_OK; i++)
		e = group_trigger(s, set, g[i], now);
	free(g);
	return e;
}

/*
 * Catches up with cases created or changed without
 * proactive_refresh_case(): first the identity and 文号 keys of every
 * case marked stale (cheap; the monthly counter and repeat search rely
 * on them), then, unless batch < 0, the grouping and the trigger of at
 * most batch (0: all) cases marked ungrouped, oldest first — new ones,
 * changed ones and those replied disclosed or partial since (the
 * triggers of migration 9 mark them).  *grouped and *pending (either
 * may be NULL) get the cases grouped now and those still waiting.  One
 * unit of work.
 */
enum cm_err
proactive_sync(struct store *s, int batch, int *grouped, int *pending)
{
	struct proactive_settings set;
	char			**ids = NULL, now[32];
	size_t			 n = 0, i;
	int			 outer;
	enum cm_err		 e;

	if (grouped != NULL)
		*grouped = 0;
	if (pending != NULL)
		*pending = 0;
	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK)
		return e;
	now_iso(now);
	/* In batches, the keys pass is bounded too, so that the write
	 * lock is held briefly (the server's upkeep thread). */
	if ((e = store_px_case_ids(s, PX_IDS_NOKEYS, batch > 0 ? batch * 5 :
	    -1, &ids, &n)) == CM_OK)
		for (i = 0; i < n && e == CM_OK; i++)
			e = refresh_one(s, &set, ids[i], RF_KEYS, now);
	store_px_ids_free(ids, n);
	ids = NULL;
	n = 0;
	if (e != CM_OK || batch < 0)
		return store_px_end(s, outer, e);
	if ((e = store_px_case_ids(s, PX_IDS_UNGROUPED, batch > 0 ? batch :
	    -1, &ids, &n)) == CM_OK)
		for (i = 0; i < n && e == CM_OK; i++)
			e = refresh_one(s, &set, ids[i], RF_TRIGGER, now);
	store_px_ids_free(ids, n);
	if (e == CM_OK && grouped != NULL)
		*grouped = (int)n;
	if (e == CM_OK && pending != NULL)
		e = store_px_ungrouped(s, pending);
	return store_px_end(s, outer, e);
}

/* How many cases wait to be grouped (proactive_sync in batches). */
enum cm_err
proactive_pending(struct store *s, int *n)
{
	return store_px_ungrouped(s, n);
}

/* An old membership, for rebuild's id keeping. */
struct oldm {
	const char	*case_id;
	int64_t		 group;
};

static int
oldm_cmp(const void *pa, const void *pb)
{
	const struct oldm	*a = pa, *b = pb;

	return strcmp(a->case_id, b->case_id);
}

/* The old group most of a new group's members were in (0: none). */
static int64_t
old_majority(const struct oldm *o, size_t no, const struct proactive_member *m,
    size_t nm)
{
	struct oldm	 key, *hit;
	int64_t		*g, best = 0;
	size_t		 i, k = 0, run, bestrun = 0;

	g = xcalloc(nm + 1, sizeof(*g));
	for (i = 0; i < nm; i++) {
		key.case_id = m[i].case_id;
		if ((hit = bsearch(&key, o, no, sizeof(*o), oldm_cmp)) != NULL)
			g[k++] = hit->group;
	}
	qsort(g, k, sizeof(*g), i64_cmp);
	for (i = 0; i < k; i += run) {
		for (run = 1; i + run < k && g[i + run] == g[i]; run++)
			continue;
		if (run > bestrun) {
			bestrun = run;
			best = g[i];
		}
	}
	free(g);
	return best;
}

/*
 * Regroups every case from scratch (after a change of the similarity
 * setting, or to repair), keeping officers' links and unlinks,
 * proposals and publications.  A group found again keeps its id (the
 * old id most of its members had), so that proposals stay attached; an
 * applicant's proposal keeps its proposer's case in the group.  Then
 * evaluates the trigger everywhere.  One transaction.
 */
enum cm_err
proactive_rebuild(struct store *s, int *ncases, int *ngroups)
{
	struct proactive_settings set;
	struct proactive_member	*m = NULL;
	struct oldm		*o = NULL;
	char			**ids = NULL, **oc = NULL, **prop = NULL;
	char			 now[32];
	int64_t			*og = NULL, *g = NULL, maxid = 0, cur, best;
	size_t			 n = 0, no = 0, ng = 0, np = 0, nm = 0, i, k;
	int			 outer, members, props;
	enum cm_err		 e;

	*ncases = *ngroups = 0;
	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK)
		return e;
	now_iso(now);
	if ((e = store_px_memberships(s, &oc, &og, &no)) != CM_OK ||
	    (e = store_px_max_group(s, &maxid)) != CM_OK ||
	    (e = store_px_clear_derived(s)) != CM_OK ||
	    (e = store_px_case_ids(s, PX_IDS_ALL, -1, &ids, &n)) != CM_OK)
		goto out;
	o = xcalloc(no + 1, sizeof(*o));
	for (i = 0; i < no; i++) {
		o[i].case_id = oc[i];
		o[i].group = og[i];
	}
	qsort(o, no, sizeof(*o), oldm_cmp);
	for (i = 0; i < n; i++)
		if ((e = refresh_one(s, &set, ids[i], RF_GROUP, now)) != CM_OK)
			goto out;
	/* Give each new group the old id most of its members had. */
	if ((e = store_px_group_ids(s, &g, &ng)) != CM_OK)
		goto out;
	for (i = 0; i < ng; i++) {
		if (g[i] <= maxid)
			continue;
		if ((e = store_px_group_members(s, g[i], &m, &nm)) != CM_OK)
			goto out;
		best = old_majority(o, no, m, nm);
		proactive_members_free(m, nm);
		m = NULL;
		nm = 0;
		if (best == 0)
			continue;
		e = store_px_group_counts(s, best, &members, &props);
		if (e == CM_NOTFOUND || (e == CM_OK && members > 0))
			continue;	/* deleted, or already reused */
		if (e != CM_OK ||
		    (e = store_px_group_merge(s, g[i], best, now)) != CM_OK)
			goto out;
	}
	/* Proposers stay with the group of their proposal. */
	free(g);
	g = NULL;
	if ((e = store_px_group_ids(s, &g, &ng)) != CM_OK)
		goto out;
	for (i = 0; i < ng; i++) {
		if ((e = store_px_proposers(s, g[i], &prop, &np)) != CM_OK)
			goto out;
		for (k = 0; k < np; k++) {
			e = store_px_member_get(s, prop[k], &cur, NULL, 0);
			if (e == CM_NOTFOUND)
				e = store_px_member_put(s, prop[k], g[i],
				    proactive_match_names[PX_PROPOSAL], 0, now);
			if (e != CM_OK)
				goto out;
		}
		store_px_ids_free(prop, np);
		prop = NULL;
		np = 0;
	}
	for (i = 0; i < ng; i++)
		if ((e = store_px_drop_stale(s, g[i])) != CM_OK)
			goto out;
	if ((e = store_px_prune_groups(s)) != CM_OK ||
	    (e = trigger_all(s, &set, now)) != CM_OK)
		goto out;
	free(g);
	g = NULL;
	if ((e = store_px_group_ids(s, &g, &ng)) != CM_OK)
		goto out;
	*ncases = (int)n;
	*ngroups = (int)ng;
out:
	store_px_ids_free(ids, n);
	store_px_ids_free(oc, no);
	store_px_ids_free(prop, np);
	proactive_members_free(m, nm);
	free(o);
	free(og);
	free(g);
	return store_px_end(s, outer, e);
}

/* Resolves two case keys to their UUIDs, in a < b order. */
static enum cm_err
two_cases(struct store *s, const char *ka, const char *kb, char a[37],
    char b[37], char *err, size_t errlen)
{
	struct proactive_member	 x, y;
	enum cm_err		 e;

	if ((e = store_px_case_row(s, ka, &x)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 %s (no such case)" :
		    "读取失败 (could not load %s)", ka);
		return e;
	}
	if ((e = store_px_case_row(s, kb, &y)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 %s (no such case)" :
		    "读取失败 (could not load %s)", kb);
		proactive_member_clear(&x);
		return e;
	}
	e = CM_OK;
	if (strcmp(x.case_id, y.case_id) == 0) {
		ERR("两个案件相同 (the two cases are the same)");
		e = CM_INVALID;
	} else if (strcmp(x.case_id, y.case_id) < 0) {
		memcpy(a, x.case_id, 37);
		memcpy(b, y.case_id, 37);
	} else {
		memcpy(a, y.case_id, 37);
		memcpy(b, x.case_id, 37);
	}
	proactive_member_clear(&x);
	proactive_member_clear(&y);
	return e;
}

/*
 * An officer's link: the two cases ask for the same information.  Puts
 * them in one group (merging their groups), records the link so that a
 * rebuild keeps it, and evaluates the trigger.
 */
enum cm_err
proactive_link(struct store *s, const char *ka, const char *kb,
    const char *actor, char *err, size_t errlen)
{
	struct proactive_settings set;
	char			 a[37], b[37], now[32];
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = two_cases(s, ka, kb, a, b, err, errlen)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = store_px_link_put(s, a, b, 0, actor, now)) != CM_OK ||
	    (e = refresh_one(s, &set, a, RF_GROUP, now)) != CM_OK ||
	    (e = refresh_one(s, &set, b, RF_TRIGGER, now)) != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	return store_px_end(s, outer, e);
}

/*
 * An officer's unlink: the two cases do not ask for the same
 * information.  Takes the second case out of the first one's group and
 * keeps them apart in every later grouping; the second case may join
 * another group it matches.
 */
enum cm_err
proactive_unlink(struct store *s, const char *ka, const char *kb,
    const char *actor, char *err, size_t errlen)
{
	struct proactive_settings set;
	struct proactive_member	 y;
	char			 a[37], b[37], now[32], how[16];
	int64_t			 ga = 0, gb = 0;
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = two_cases(s, ka, kb, a, b, err, errlen)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = store_px_case_row(s, kb, &y)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = store_px_link_put(s, a, b, 1, actor, now)) != CM_OK)
		goto out;
	if ((e = store_px_member_get(s, a, &ga, NULL, 0)) == CM_NOTFOUND)
		ga = 0;
	else if (e != CM_OK)
		goto out;
	if ((e = store_px_member_get(s, b, &gb, how, sizeof(how))) ==
	    CM_NOTFOUND)
		gb = 0;
	else if (e != CM_OK)
		goto out;
	e = CM_OK;
	if (ga != 0 && ga == gb) {
		if ((e = store_px_member_del(s, y.case_id)) != CM_OK ||
		    (e = group_tidy(s, ga)) != CM_OK ||
		    (e = refresh_one(s, &set, y.case_id, RF_TRIGGER, now)) !=
		    CM_OK)
			goto out;
	}
out:
	if (e != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	proactive_member_clear(&y);
	return store_px_end(s, outer, e);
}

static int
distinct_of(const struct proactive_member *m, size_t n)
{
	struct px_ident	*id;
	size_t		 i;
	int		 c;

	if (n == 0)
		return 0;
	id = xcalloc(n, sizeof(*id));
	for (i = 0; i < n; i++)
		member_ident(&m[i], &id[i]);
	c = proactive_distinct_applicants(id, n);
	free(id);
	return c;
}

/*
 * Records an applicant's proposal (art. 44 ¶2: information that affects
 * the public interest, needs wide awareness or public participation
 * should be published proactively).  The proposal opens on the group
 * of the applicant's case (a group of its own when it has none) and
 * goes through the same review as the trigger's.  *group gets the
 * group's id.
 */
enum cm_err
proactive_propose(struct store *s, const char *case_key, const char *reason,
    const char *actor, int64_t *group, char *err, size_t errlen)
{
	struct proactive_settings set;
	struct proactive_member	 c, *m = NULL;
	char			 now[32], gkey[64], *lab = NULL;
	size_t			 n = 0;
	int			 outer;
	enum cm_err		 e;

	*group = 0;
	memset(&c, 0, sizeof(c));
	if (reason == NULL || reason[0] == '\0') {
		ERR("请填写建议理由 (--reason is required)");
		return CM_INVALID;
	}
	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_case_row(s, case_key, &c)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		goto out;
	}
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = refresh_one(s, &set, c.case_id, RF_GROUP, now)) != CM_OK)
		goto fail;
	e = store_px_member_get(s, c.case_id, group, NULL, 0);
	if (e == CM_NOTFOUND) {
		snprintf(gkey, sizeof(gkey), "proposal:%s", c.number);
		lab = label_of(c.request);
		if ((e = store_px_group_new(s, gkey, lab, now, group)) !=
		    CM_OK ||
		    (e = store_px_member_put(s, c.case_id, *group,
		    proactive_match_names[PX_PROPOSAL], 0, now)) != CM_OK)
			goto fail;
	} else if (e != CM_OK)
		goto fail;
	if ((e = store_px_group_members(s, *group, &m, &n)) != CM_OK ||
	    (e = store_px_proposal_new(s, *group, "applicant", c.case_id,
	    reason, distinct_of(m, n), actor, now, NULL)) != CM_OK)
		goto fail;
	goto out;
fail:
	ERR("保存失败 (could not save: %s)", store_errmsg(s));
out:
	proactive_members_free(m, n);
	proactive_member_clear(&c);
	free(lab);
	return store_px_end(s, outer, e);
}

/*
 * Accepts the open proposals of a group: records the proactive
 * publication (title, 文号, web column or URL, date published) and marks
 * them accepted.  Without an open proposal the officer's own decision
 * is recorded as one.  *publication gets the publication's id.
 */
enum cm_err
proactive_accept(struct store *s, int64_t group, const char *title,
    const char *doc_number, const char *location, const char *on,
    const char *actor, int64_t *publication, char *err, size_t errlen)
{
	struct proactive_member	*m = NULL;
	char			 now[32];
	size_t			 n = 0;
	int			 outer, day, changed = 0;
	enum cm_err		 e;

	*publication = 0;
	if (title == NULL || title[0] == '\0' || location == NULL ||
	    location[0] == '\0') {
		ERR("请填写公开信息的标题和公开位置 (--title and --where are "
		    "required)");
		return CM_INVALID;
	}
	if (on == NULL || date_parse(on, &day) != 0) {
		ERR("公开日期无效 (--on: a date YYYY-MM-DD)");
		return CM_INVALID;
	}
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_group_get(s, group, NULL, NULL, NULL, NULL)) !=
	    CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个分组 (no such group)" :
		    "读取失败 (could not load the group)");
		goto out;
	}
	if ((e = store_px_publication_new(s, group, title, doc_number,
	    location, on, actor, now, publication)) != CM_OK ||
	    (e = store_px_proposals_decide(s, group, "accepted", actor, now,
	    NULL, *publication, &changed)) != CM_OK)
		goto fail;
	if (changed == 0) {
		if ((e = store_px_group_members(s, group, &m, &n)) != CM_OK ||
		    (e = store_px_proposal_new(s, group, "officer", NULL, "",
		    distinct_of(m, n), actor, now, NULL)) != CM_OK ||
		    (e = store_px_proposals_decide(s, group, "accepted",
		    actor, now, NULL, *publication, &changed)) != CM_OK)
			goto fail;
	}
	goto out;
fail:
	ERR("保存失败 (could not save: %s)", store_errmsg(s));
out:
	proactive_members_free(m, n);
	return store_px_end(s, outer, e);
}

/* Declines the open proposals of a group with the officer's reason;
 * CM_CONFLICT when none is open. */
enum cm_err
proactive_decline(struct store *s, int64_t group, const char *reason,
    const char *actor, char *err, size_t errlen)
{
	char		 now[32];
	int		 outer, changed = 0;
	enum cm_err	 e;

	if (reason == NULL || reason[0] == '\0') {
		ERR("请填写不予采纳的理由 (--reason is required)");
		return CM_INVALID;
	}
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_group_get(s, group, NULL, NULL, NULL, NULL)) !=
	    CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个分组 (no such group)" :
		    "读取失败 (could not load the group)");
		return store_px_end(s, outer, e);
	}
	if ((e = store_px_proposals_decide(s, group, "declined", actor, now,
	    reason, 0, &changed)) != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	else if (changed == 0) {
		ERR("该分组没有待审核的主动公开建议 (no open proposal)");
		e = CM_CONFLICT;
	}
	return store_px_end(s, outer, e);
}

/* ---- Listing ------------------------------------------------------------ */

/* Frees a member row's strings and zeroes it. */
void
proactive_member_clear(struct proactive_member *m)
{
	free(m->number);
	free(m->request);
	free(m->doc_number);
	free(m->outcome);
	free(m->applicant);
	free(m->applicant_type);
	free(m->id_key);
	free(m->np_key);
	free(m->name_key);
	free(m->how);
	memset(m, 0, sizeof(*m));
}

/* Frees an array of member rows; NULL is a no-op. */
void
proactive_members_free(struct proactive_member *m, size_t n)
{
	size_t	 i;

	for (i = 0; m != NULL && i < n; i++)
		proactive_member_clear(&m[i]);
	free(m);
}

/* Frees an array of publications; NULL is a no-op. */
void
proactive_pubs_free(struct proactive_pub *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++) {
		free(p[i].title);
		free(p[i].doc_number);
		free(p[i].location);
		free(p[i].recorded_by);
		free(p[i].recorded_at);
	}
	free(p);
}

static void
group_clear(struct proactive_group *g)
{
	free(g->key);
	free(g->label);
	free(g->created_at);
	free(g->updated_at);
	proactive_members_free(g->m, g->nm);
	store_px_proposals_free(g->p, g->np);
	proactive_pubs_free(g->pub, g->npub);
	memset(g, 0, sizeof(*g));
}

/* Frees proactive_groups_load() output; NULL is a no-op. */
void
proactive_groups_free(struct proactive_group *g, size_t n)
{
	size_t	 i;

	for (i = 0; g != NULL && i < n; i++)
		group_clear(&g[i]);
	free(g);
}

/* The group's proposal state: open if any is open, else accepted if any
 * was, else declined if any was, else NULL. */
static const char *
group_status(const struct proactive_group *g)
{
	const char	*st = NULL;
	size_t		 i;

	for (i = 0; i < g->np; i++) {
		if (strcmp(g->p[i].status, "open") == 0)
			return "open";
		if (strcmp(g->p[i].status, "accepted") == 0)
			st = "accepted";
		else if (st == NULL)
			st = "declined";
	}
	return st;
}

static int
group_wanted(const struct proactive_group *g, const struct proactive_filter *f)
{
	if (g->nm < 2 && g->np == 0)
		return 0;
	if (f == NULL)
		return 1;
	if (f->min_applicants > 0 && g->applicants < f->min_applicants)
		return 0;
	if (f->status != NULL) {
		if (strcmp(f->status, "none") == 0)
			return g->status == NULL;
		return g->status != NULL && strcmp(g->status, f->status) == 0;
	}
	return 1;
}

/*
 * Loads the groups (after proactive_sync) with their members, proposals
 * and publications, most applicants first.  Free with
 * proactive_groups_free().
 */
enum cm_err
proactive_groups_load(struct store *s, const struct proactive_filter *f,
    struct proactive_group **out, size_t *np)
{
	struct proactive_group	*gv = NULL, g;
	int64_t			*ids = NULL, one;
	size_t			 n = 0, i, k = 0;
	enum cm_err		 e;

	*out = NULL;
	*np = 0;
	if ((e = proactive_sync(s, PX_SYNC_BATCH, NULL, NULL)) != CM_OK)
		return e;
	if (f != NULL && f->case_id != NULL) {
		struct proactive_member	 c;

		if ((e = store_px_case_row(s, f->case_id, &c)) != CM_OK)
			return e;
		e = store_px_member_get(s, c.case_id, &one, NULL, 0);
		proactive_member_clear(&c);
		if (e == CM_NOTFOUND)
			return CM_OK;
		if (e != CM_OK)
			return e;
		ids = xmalloc(sizeof(*ids));
		ids[0] = one;
		n = 1;
	} else if (f != NULL && f->group_id > 0) {
		ids = xmalloc(sizeof(*ids));
		ids[0] = f->group_id;
		n = 1;
	} else if ((e = store_px_group_ids(s, &ids, &n)) != CM_OK)
		return e;
	for (i = 0; i < n; i++) {
		memset(&g, 0, sizeof(g));
		g.id = ids[i];
		if ((e = store_px_group_get(s, g.id, &g.key, &g.label,
		    &g.created_at, &g.updated_at)) != CM_OK) {
			if (e == CM_NOTFOUND && n == 1)
				break;
			goto fail;
		}
		if ((e = store_px_group_members(s, g.id, &g.m, &g.nm)) !=
		    CM_OK ||
		    (e = store_px_proposals(s, g.id, &g.p, &g.np)) != CM_OK ||
		    (e = store_px_publications(s, g.id, NULL, NULL, &g.pub,
		    &g.npub)) != CM_OK)
			goto fail;
		g.applicants = distinct_of(g.m, g.nm);
		g.status = group_status(&g);
		if (!group_wanted(&g, f)) {
			group_clear(&g);
			continue;
		}
		gv = xrealloc(gv, (k + 1) * sizeof(*gv));
		gv[k++] = g;
	}
	free(ids);
	*out = gv;
	*np = k;
	return e == CM_NOTFOUND ? CM_NOTFOUND : CM_OK;
fail:
	group_clear(&g);
	free(ids);
	proactive_groups_free(gv, k);
	return e;
}

static void
proposal_json(const struct proactive_proposal *p, struct json *j)
{
	json_obj_open(j, NULL);
	json_int(j, "id", (long long)p->id);
	json_str(j, "source", p->source);
	json_str(j, "case", p->case_number);
	json_str(j, "status", p->status);
	json_int(j, "applicants", p->applicants);
	json_str(j, "reason", p->reason);
	json_str(j, "opened_at", p->opened_at);
	json_str(j, "opened_by", p->opened_by);
	json_str(j, "decided_at", p->decided_at);
	json_str(j, "decided_by", p->decided_by);
	if (p->decline_reason != NULL && p->decline_reason[0] != '\0')
		json_str(j, "decline_reason", p->decline_reason);
	if (p->publication_id > 0)
		json_int(j, "publication", (long long)p->publication_id);
	else
		json_null(j, "publication");
	json_obj_close(j);
}

/* {"id","title","doc_number","where","published_on","recorded_by"} */
void
proactive_pub_json(const struct proactive_pub *p, struct json *j)
{
	json_obj_open(j, NULL);
	json_int(j, "id", (long long)p->id);
	if (p->group_id > 0)
		json_int(j, "group", (long long)p->group_id);
	else
		json_null(j, "group");
	json_str(j, "title", p->title);
	json_str(j, "doc_number", p->doc_number);
	json_str(j, "where", p->location);
	json_str(j, "published_on", p->published_on);
	json_str(j, "recorded_by", p->recorded_by);
	json_obj_close(j);
}

/*
 * One group as codes.md has it — "applicants" (distinct count), "cases"
 * (count) and "proposal" (null | "open" | "accepted" | "declined") —
 * plus "id", "key", "label", "members", "proposals", "publications".
 */
void
proactive_group_json(const struct proactive_group *g, struct json *j)
{
	size_t	 i;

	json_obj_open(j, NULL);
	json_int(j, "id", (long long)g->id);
	json_str(j, "key", g->key);
	json_str(j, "label", g->label);
	json_int(j, "applicants", g->applicants);
	json_int(j, "cases", (long long)g->nm);
	json_str(j, "proposal", g->status);
	json_arr_open(j, "members");
	for (i = 0; i < g->nm; i++) {
		json_obj_open(j, NULL);
		json_str(j, "id", g->m[i].case_id);
		json_str(j, "number", g->m[i].number);
		json_str(j, "applicant", g->m[i].applicant);
		json_str(j, "applicant_type", g->m[i].applicant_type);
		json_str(j, "received", g->m[i].received);
		json_str(j, "outcome", g->m[i].outcome);
		json_str(j, "doc_number", g->m[i].doc_number != NULL &&
		    g->m[i].doc_number[0] != '\0' ? g->m[i].doc_number : NULL);
		json_str(j, "match", g->m[i].how);
		json_int(j, "score_pct", (long long)(g->m[i].score * 100 +
		    0.5));
		json_obj_close(j);
	}
	json_arr_close(j);
	json_arr_open(j, "proposals");
	for (i = 0; i < g->np; i++)
		proposal_json(&g->p[i], j);
	json_arr_close(j);
	json_arr_open(j, "publications");
	for (i = 0; i < g->npub; i++)
		proactive_pub_json(&g->pub[i], j);
	json_arr_close(j);
	json_obj_close(j);
}

/*
 * The open proposals as of the last grouping, without catching up (the
 * server's upkeep thread keeps the grouping current): cheap enough for
 * every dashboard view.
 */
enum cm_err
proactive_open_count_now(struct store *s, int *n)
{
	*n = 0;
	return store_px_open_count(s, n);
}

/* Groups with an open proposal (for the dashboard); after a sync. */
enum cm_err
proactive_open_count(struct store *s, int *n)
{
	enum cm_err	 e;

	*n = 0;
	if ((e = proactive_sync(s, PX_SYNC_BATCH, NULL, NULL)) != CM_OK)
		return e;
	return store_px_open_count(s, n);
}

/*
 * The number of items published proactively in a year on accepted
 * proposals (art. 44), for the annual report's section 六: publications
 * whose date falls in the year.
 */
enum cm_err
proactive_accepted_count(struct store *s, int year, int *n)
{
	char	 from[DATE_STRLEN], to[DATE_STRLEN];

	*n = 0;
	if (year < 2000 || year > 2099)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_px_publications_count(s, from, to, n);
}

/* The publications of a year (0: all), by date (proactive_pubs_free). */
enum cm_err
proactive_publications(struct store *s, int year, struct proactive_pub **out,
    size_t *np)
{
	char	 from[DATE_STRLEN], to[DATE_STRLEN];

	if (year == 0)
		return store_px_publications(s, 0, NULL, NULL, out, np);
	if (year < 2000 || year > 2099)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_px_publications(s, 0, from, to, out, np);
}

/* ---- 热点分析 ------------------------------------------------------------ */

/*
 * Adds (or with remove, takes away) an officer's tag on a case; tags
 * are 1-20 characters of text without control characters (checked by
 * the caller's validator).
 */
enum cm_err
proactive_tag(struct store *s, const char *case_key, const char *tag,
    int remove, const char *actor, char *err, size_t errlen)
{
	struct proactive_member	 c;
	char			 now[32];
	int			 changed = 0;
	enum cm_err		 e;

	if (tag == NULL || tag[0] == '\0' || utf8_count(tag, strlen(tag)) > 20) {
		ERR("标签应为1至20个字 (a tag is 1-20 characters)");
		return CM_INVALID;
	}
	if ((e = store_px_case_row(s, case_key, &c)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		return e;
	}
	now_iso(now);
	if (remove) {
		e = store_px_tag_del(s, c.case_id, tag, &changed);
		if (e == CM_OK && changed == 0) {
			ERR("该案件没有这个标签 (the case has no such tag)");
			e = CM_NOTFOUND;
		}
	} else
		e = store_px_tag_put(s, c.case_id, tag, actor, now);
	if (e != CM_OK && e != CM_NOTFOUND)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	proactive_member_clear(&c);
	return e;
}

static void
hot_count(struct px_hot_row *r, const struct proactive_member *m)
{
	int	 mon, t;

	r->total++;
	mon = atoi(m->received + 5);
	if (mon >= 1 && mon <= 12)
		r->month[mon - 1]++;
	if ((t = applicant_type_find(m->applicant_type)) >= 0)
		r->type[t]++;
}

/* Longest substring counted as a key-term candidate, the longest term
 * after joining overlapping candidates, and the characters of a request
 * scanned. */
#define PX_TERM_SCAN	8
#define PX_TERM_MAX	16
#define PX_TERM_TEXT	300

struct term {
	uint32_t	 c[PX_TERM_MAX];
	size_t		 n;		/* 0: empty slot */
	int		 df;		/* requests containing it */
	size_t		 last;		/* last request counted, + 1 */
	int		 gone;		/* part of a longer candidate */
};

/* Substrings of the requests with their document counts. */
struct term_map {
	struct term	*t;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

static size_t
term_slot(const struct term_map *m, const uint32_t *c, size_t n)
{
	uint64_t	 h = 1469598103934665603ULL;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ c[i]) * 1099511628211ULL;
	i = (size_t)(h >> 11) & (m->cap - 1);
	while (m->t[i].n != 0 && (m->t[i].n != n ||
	    memcmp(m->t[i].c, c, n * sizeof(*c)) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static struct term *
term_find(const struct term_map *m, const uint32_t *c, size_t n)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	i = term_slot(m, c, n);
	return m->t[i].n != 0 ? &m->t[i] : NULL;
}

/* Counts request doc (0-based) as containing c[0..n). */
static void
term_count(struct term_map *m, const uint32_t *c, size_t n, size_t doc)
{
	struct term	*old = m->t;
	size_t		 i, j, oc = m->cap;

	if (2 * (m->n + 1) > m->cap) {
		m->cap = oc == 0 ? 4096 : 2 * oc;
		m->t = xcalloc(m->cap, sizeof(*m->t));
		for (i = 0; i < oc; i++)
			if (old[i].n != 0) {
				j = term_slot(m, old[i].c, old[i].n);
				m->t[j] = old[i];
			}
		free(old);
	}
	i = term_slot(m, c, n);
	if (m->t[i].n == 0) {
		memcpy(m->t[i].c, c, n * sizeof(*c));
		m->t[i].n = n;
		m->n++;
	}
	if (m->t[i].last != doc + 1) {
		m->t[i].last = doc + 1;
		m->t[i].df++;
	}
}

/* The comparable form for key terms: Han characters only (at most
 * PX_TERM_TEXT), with every stop word and every other character a
 * separator (0). */
static size_t
term_norm(const char *s, const struct phrases *stop, uint32_t **out)
{
	uint32_t	*v;
	size_t		 n, i, k = 0;

	n = u8_decode(s, &v);
	if (n > PX_TERM_TEXT)
		n = PX_TERM_TEXT;
	for (i = 0; i < n; i++) {
		if (is_han(v[i]))
			v[k++] = v[i];
		else if (k > 0 && v[k - 1] != 0)
			v[k++] = 0;
	}
	*out = v;
	return strip_phrases(v, k, stop, 1);
}

static int
contains(const uint32_t *v, size_t n, const uint32_t *t, size_t tn)
{
	size_t	 i;

	for (i = 0; i + tn <= n; i++)
		if (v[i] == t[0] && memcmp(&v[i], t, tn * sizeof(*t)) == 0)
			return 1;
	return 0;
}

/* Requests whose normalised text contains t. */
static int
term_df(uint32_t *const *norm, const size_t *nlen, size_t ndoc,
    const uint32_t *t, size_t tn)
{
	size_t	 i;
	int	 df = 0;

	for (i = 0; i < ndoc; i++)
		df += contains(norm[i], nlen[i], t, tn);
	return df;
}

static int
term_cmp(const void *pa, const void *pb)
{
	const struct term	*a = *(const struct term *const *)pa;
	const struct term	*b = *(const struct term *const *)pb;
	size_t			 i;

	if (a->df != b->df)
		return a->df > b->df ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	for (i = 0; i < a->n; i++)
		if (a->c[i] != b->c[i])
			return a->c[i] < b->c[i] ? -1 : 1;
	return 0;
}

/* Counts within 20 % of each other: likely the same phrase. */
static int
near_df(int a, int b)
{
	return 5 * a <= 6 * b && 5 * b <= 6 * a;
}

/*
 * Joins t onto s when one ends with the other's first two or more
 * characters and the joined phrase is found in nearly as many requests;
 * returns 1 when joined.
 */
static int
term_join(struct term *s, const struct term *t, uint32_t *const *norm,
    const size_t *nlen, size_t ndoc)
{
	uint32_t	 j[2 * PX_TERM_MAX];
	size_t		 k, n;
	int		 df, side;

	for (side = 0; side < 2; side++) {
		const struct term	*a = side == 0 ? s : t;
		const struct term	*b = side == 0 ? t : s;

		for (k = b->n - 1; k >= 2; k--) {
			if (k > a->n || memcmp(&a->c[a->n - k], b->c,
			    k * sizeof(*b->c)) != 0)
				continue;
			if ((n = a->n + b->n - k) > PX_TERM_MAX)
				break;
			memcpy(j, a->c, a->n * sizeof(*j));
			memcpy(&j[a->n], &b->c[k], (b->n - k) * sizeof(*j));
			df = term_df(norm, nlen, ndoc, j, n);
			if (5 * df < 4 * (s->df < t->df ? s->df : t->df))
				break;
			memcpy(s->c, j, n * sizeof(*j));
			s->n = n;
			s->df = df;
			return 1;
		}
	}
	return 0;
}

/*
 * Picks up to `want' key terms from the requests' normalised texts:
 * substrings of 2..PX_TERM_SCAN characters found in at least mindf
 * requests and in at most half of them (a word in nearly every request,
 * such as the district's name, says nothing), most frequent first;
 * a substring is dropped for a longer one found nearly as often
 * (教育经 for 教育经费), a candidate inside a chosen term with nearly the
 * same count is dropped, and overlapping ones are joined (示范区民办幼儿 +
 * 民办幼儿园收费 → 示范区民办幼儿园收费) when the joined phrase is found
 * nearly as often.  Returns the number of terms (free *out).
 */
static size_t
pick_terms(uint32_t *const *norm, const size_t *nlen, size_t ndoc,
    size_t want, struct term **out)
{
	struct term_map	 m;
	struct term	**c = NULL, *sel = NULL, *p, *q;
	size_t		 i, k, len, nc = 0, ns = 0;
	int		 mindf, maxdf, skip;

	memset(&m, 0, sizeof(m));
	mindf = ndoc / 200 > 2 ? (int)(ndoc / 200) : 2;
	maxdf = ndoc >= 20 ? (int)(ndoc / 2) : (int)ndoc;
	/* Bigrams first, then only longer substrings made of frequent
	 * bigrams. */
	for (i = 0; i < ndoc; i++)
		for (k = 0; k + 1 < nlen[i]; k++)
			if (norm[i][k] != 0 && norm[i][k + 1] != 0)
				term_count(&m, &norm[i][k], 2, i);
	for (i = 0; i < ndoc; i++)
		for (k = 0; k + 2 < nlen[i]; k++) {
			if (norm[i][k] == 0 || norm[i][k + 1] == 0)
				continue;
			for (len = 3; len <= PX_TERM_SCAN &&
			    k + len <= nlen[i] && norm[i][k + len - 1] != 0;
			    len++) {
				p = term_find(&m, &norm[i][k + len - 2], 2);
				if (p == NULL || p->df < mindf)
					break;
				term_count(&m, &norm[i][k], len, i);
			}
		}
	for (i = 0; i < m.cap; i++) {
		q = &m.t[i];
		if (q->n < 3 || q->df < mindf)
			continue;
		if ((p = term_find(&m, q->c, q->n - 1)) != NULL &&
		    5 * q->df >= 4 * p->df)
			p->gone = 1;
		if ((p = term_find(&m, &q->c[1], q->n - 1)) != NULL &&
		    5 * q->df >= 4 * p->df)
			p->gone = 1;
	}
	for (i = 0; i < m.cap; i++)
		if (m.t[i].n != 0 && !m.t[i].gone && m.t[i].df >= mindf &&
		    m.t[i].df <= maxdf) {
			c = xrealloc(c, (nc + 1) * sizeof(*c));
			c[nc++] = &m.t[i];
		}
	qsort(c, nc, sizeof(*c), term_cmp);
	for (i = 0; i < nc; i++) {
		if (ns >= want && 5 * c[i]->df < 4 * sel[ns - 1].df)
			break;
		for (k = 0, skip = 0; k < ns && !skip; k++) {
			if (!near_df(c[i]->df, sel[k].df))
				continue;
			skip = contains(sel[k].c, sel[k].n, c[i]->c,
			    c[i]->n) || term_join(&sel[k], c[i], norm, nlen,
			    ndoc);
		}
		if (skip || ns >= want)
			continue;
		sel = xrealloc(sel, (ns + 1) * sizeof(*sel));
		sel[ns++] = *c[i];
	}
	free(c);
	free(m.t);
	*out = sel;
	return ns;
}

static int
hot_cmp(const void *pa, const void *pb)
{
	const struct px_hot_row	*a = pa, *b = pb;

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int
member_id_cmp(const void *pa, const void *pb)
{
	const struct proactive_member	*a = pa, *b = pb;

	return strcmp(a->case_id, b->case_id);
}

/*
 * The 热点分析 of a year (requests received in it): all requests, by
 * officer-assigned tag, and by the nterms key terms shared across
 * request texts, each by month and by applicant type.  Clear h with
 * proactive_hotspots_clear().
 */
enum cm_err
proactive_hotspots(struct store *s, int year, size_t nterms,
    struct px_hotspots *h)
{
	struct proactive_member	*m = NULL, key, *hit;
	struct px_tagrow	*tg = NULL;
	const struct phrases	*stop = phrases(&ph_term);
	struct term		*terms = NULL;
	uint32_t		**norm = NULL;
	size_t			*nlen = NULL, n = 0, nt = 0, i, u, nterm = 0;
	char			 from[DATE_STRLEN], to[DATE_STRLEN];
	struct buf		 b;
	enum cm_err		 e;

	memset(h, 0, sizeof(*h));
	h->year = year;
	h->all.name = xstrdup("全部申请");
	if (year < 2000 || year > 2099)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	if ((e = store_px_year_cases(s, from, to, &m, &n)) != CM_OK ||
	    (e = store_px_year_tags(s, from, to, &tg, &nt)) != CM_OK)
		goto out;
	for (i = 0; i < n; i++)
		hot_count(&h->all, &m[i]);

	/* Tags: the rows come sorted by tag. */
	qsort(m, n, sizeof(*m), member_id_cmp);
	memset(&key, 0, sizeof(key));
	for (i = 0; i < nt; i++) {
		if (h->ntags == 0 || strcmp(h->tags[h->ntags - 1].name,
		    tg[i].tag) != 0) {
			h->tags = xrealloc(h->tags, (h->ntags + 1) *
			    sizeof(*h->tags));
			memset(&h->tags[h->ntags], 0, sizeof(*h->tags));
			h->tags[h->ntags++].name = xstrdup(tg[i].tag);
		}
		memcpy(key.case_id, tg[i].case_id, sizeof(key.case_id));
		if ((hit = bsearch(&key, m, n, sizeof(*m),
		    member_id_cmp)) != NULL)
			hot_count(&h->tags[h->ntags - 1], hit);
	}
	if (h->ntags > 1)
		qsort(h->tags, h->ntags, sizeof(*h->tags), hot_cmp);

	/* Key terms. */
	norm = xcalloc(n + 1, sizeof(*norm));
	nlen = xcalloc(n + 1, sizeof(*nlen));
	for (i = 0; i < n; i++)
		nlen[i] = term_norm(m[i].request, stop, &norm[i]);
	nterm = n > 0 ? pick_terms(norm, nlen, n, nterms, &terms) : 0;
	buf_init(&b);
	h->terms = xcalloc(nterm + 1, sizeof(*h->terms));
	for (u = 0; u < nterm; u++) {
		buf_reset(&b);
		u8_encode(&b, terms[u].c, terms[u].n);
		h->terms[u].name = xstrdup(buf_str(&b));
		for (i = 0; i < n; i++)
			if (contains(norm[i], nlen[i], terms[u].c, terms[u].n))
				hot_count(&h->terms[u], &m[i]);
	}
	h->nterms = nterm;
	buf_clear(&b);
	if (h->nterms > 1)
		qsort(h->terms, h->nterms, sizeof(*h->terms), hot_cmp);
out:
	for (i = 0; norm != NULL && i < n; i++)
		free(norm[i]);
	free(norm);
	free(nlen);
	free(terms);
	proactive_members_free(m, n);
	store_px_tagrows_free(tg, nt);
	return e;
}

/* Frees what proactive_hotspots() filled in; h may be zeroed. */
void
proactive_hotspots_clear(struct px_hotspots *h)
{
	size_t	 i;

	free(h->all.name);
	for (i = 0; i < h->ntags; i++)
		free(h->tags[i].name);
	free(h->tags);
	for (i = 0; i < h->nterms; i++)
		free(h->terms[i].name);
	free(h->terms);
	memset(h, 0, sizeof(*h));
}

static void
hot_row_json(const struct px_hot_row *r, const char *key, struct json *j)
{
	int	 i;

	json_obj_open(j, NULL);
	json_str(j, key, r->name);
	json_int(j, "total", r->total);
	json_arr_open(j, "months");
	for (i = 0; i < 12; i++)
		json_int(j, NULL, r->month[i]);
	json_arr_close(j);
	json_obj_open(j, "applicant_types");
	for (i = 0; i < APPL__MAX; i++)
		json_int(j, applicant_types[i].code, r->type[i]);
	json_obj_close(j);
	json_obj_close(j);
}

/* {"year","total","months":[12],"applicant_types":{code:n},
 * "tags":[{"tag",...}],"terms":[{"term",...}]} */
void
proactive_hotspots_json(const struct px_hotspots *h, struct json *j)
{
	size_t	 i;
	int	 k;

	json_obj_open(j, NULL);
	json_int(j, "year", h->year);
	json_int(j, "total", h->all.total);
	json_arr_open(j, "months");
	for (k = 0; k < 12; k++)
		json_int(j, NULL, h->all.month[k]);
	json_arr_close(j);
	json_obj_open(j, "applicant_types");
	for (k = 0; k < APPL__MAX; k++)
		json_int(j, applicant_types[k].code, h->all.type[k]);
	json_obj_close(j);
	json_arr_open(j, "tags");
	for (i = 0; i < h->ntags; i++)
		hot_row_json(&h->tags[i], "tag", j);
	json_arr_close(j);
	json_arr_open(j, "terms");
	for (i = 0; i < h->nterms; i++)
		hot_row_json(&h->terms[i], "term", j);
	json_arr_close(j);
	json_obj_close(j);
}

/* A CSV field (RFC 4180), with a leading ' against formula injection
 * in spreadsheets. */
static void
csv_field(struct buf *b, const char *s)
{
	const char	*p;

	buf_putc(b, '"');
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void
hot_row_csv(struct buf *b, const char *kind, const struct px_hot_row *r)
{
	int	 i;

	buf_printf(b, "%s,", kind);
	csv_field(b, r->name);
	buf_printf(b, ",%d", r->total);
	for (i = 0; i < 12; i++)
		buf_printf(b, ",%d", r->month[i]);
	for (i = 0; i < APPL__MAX; i++)
		buf_printf(b, ",%d", r->type[i]);
	buf_puts(b, "\r\n");
}

/*
 * The 热点分析 as CSV for spreadsheets: UTF-8 with a byte-order mark,
 * CRLF lines; columns kind (all | tag | term), name, total, the twelve
 * months YYYY-MM, then the six applicant-type codes.
 */
void
proactive_hotspots_csv(const struct px_hotspots *h, struct buf *b)
{
	size_t	 i;
	int	 k;

	buf_puts(b, "\xef\xbb\xbf" "kind,name,total");
	for (k = 1; k <= 12; k++)
		buf_printf(b, ",%04d-%02d", h->year, k);
	for (k = 0; k < APPL__MAX; k++)
		buf_printf(b, ",%s", applicant_types[k].code);
	buf_puts(b, "\r\n");
	hot_row_csv(b, "all", &h->all);
	for (i = 0; i < h->ntags; i++)
		hot_row_csv(b, "tag", &h->tags[i]);
	for (i = 0; i < h->nterms; i++)
		hot_row_csv(b, "term", &h->terms[i]);
}
