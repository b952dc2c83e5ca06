/* SPDX-License-Identifier: ISC */
/*
 * "Same applicant, same information" (docs/proactive.md): the
 * similarity of two request texts -- the Dice coefficient of their
 * character-bigram sets after normalisation, with three vetoes that
 * n-grams cannot see: both texts name years and share none, both cite
 * 文号 and none agree, or aligned, they differ by a short substitution
 * (第一中学 / 第二中学) -- and the FTS5 query that finds candidates.
 * Pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/proactive.h"
#include "cases/similar.h"
#include "cases/similarity.h"
#include "cases/textfold.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Trigrams per MATCH query. */
#define PX_QUERY_TERMS	48

/*
 * Words by which applicants ask for their own records ("本人2019年教师资格
 * 认定材料"): the same words from two applicants ask for two different
 * people's information, so such texts are not grouped by similarity.
 */
static const char *const self_ref[] = {
	"本人", "我的", "我家", "我户", "本户", "我单位", "本单位", "我公司",
	"本公司", "我司", "本企业", "我企业", "我方", "我们的",
};

/* ---- Similarity ----------------------------------------------------- */

/* The comparable form of a request: folded, lower case, without white
 * space, punctuation and boilerplate. */
static size_t
sim_norm(const char *s, uint32_t **out)
{
	size_t	 n;

	n = px_u8_decode(s, out);
	n = px_fold_cps(*out, n, PX_FOLD_LOWER | PX_FOLD_NOSPACE |
	    PX_FOLD_NOPUNCT);
	return px_strip_phrases(*out, n, px_phrases(PX_PH_SIM), 0);
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

	n = px_u8_decode(s, &v);
	n = px_fold_cps(v, n, 0);
	for (i = 0; i < n && k < max; i = j) {
		if (!px_is_digit(v[i])) {
			j = i + 1;
			continue;
		}
		for (j = i, x = 0; j < n && px_is_digit(v[j]); j++)
			x = j - i < 5 ? x * 10 + (int)(v[j] - '0') : x;
		if (j - i == 4 && x >= 1949 && x <= LIM_YEAR_MAX)
			y[k++] = x;
	}
	free(v);
	return k;
}

void
px_text_init(struct px_text *t, const char *req, const char *doc)
{
	if (req == NULL)
		req = "";
	t->n = sim_norm(req, &t->v);
	t->nbg = bigram_set(t->v, t->n, &t->bg);
	t->nd = proactive_docrefs(doc, req, &t->d);
	t->ny = years_of(req, t->years, NELEM(t->years));
}

void
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

enum px_match
px_same_prepared(const struct px_text *a, const struct px_text *b,
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
 * Whether two prepared texts are told apart by a veto of
 * px_same_prepared(): 文号 that disagree, years apart, a substitution.
 */
int
px_texts_conflict(const struct px_text *a, const struct px_text *b)
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

/*
 * Whether two prepared texts are the same for every comparison of this
 * file: the same normalised text, 文号 and years, in the same order.
 * px_texts_conflict() of a text with either gives the same answer
 * (a group's oldest members are often copies of one request).
 */
int
px_text_same(const struct px_text *a, const struct px_text *b)
{
	size_t	 i;

	if (a == b)
		return 1;
	if (a->n != b->n || a->nd != b->nd || a->ny != b->ny ||
	    a->nbg != b->nbg || memcmp(a->v, b->v, a->n * sizeof(*a->v)) != 0 ||
	    memcmp(a->years, b->years, a->ny * sizeof(*a->years)) != 0)
		return 0;
	for (i = 0; i < a->nd; i++)
		if (strcmp(a->d[i].prefix, b->d[i].prefix) != 0 ||
		    strcmp(a->d[i].tail, b->d[i].tail) != 0)
			return 0;
	return 1;
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
	m = px_same_prepared(&a, &b, threshold, score);
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
size_t
px_match_trigrams(const char *request, char ***out)
{
	const struct phrases *stop = px_phrases(PX_PH_SIM);
	uint32_t	*v, *f;
	unsigned char	*ok;
	uint64_t	*seen;
	char		**t = NULL;
	size_t		 n, i, j, k, nt = 0;
	uint64_t	 key;
	struct buf	 b;

	n = px_u8_decode(request, &v);
	f = xcalloc(n + 1, sizeof(*f));
	ok = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		f[i] = px_fold_width(v[i]);
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] += 'a' - 'A';
		if (v[i] >= 'A' && v[i] <= 'Z')
			v[i] += 'a' - 'A';
		ok[i] = !px_is_space(f[i]) && !px_is_punct(f[i]) && v[i] != '"';
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
		px_u8_encode(&b, &v[i], 3);
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

void
px_trigrams_free(char **t, size_t n)
{
	size_t	 i;

	for (i = 0; t != NULL && i < n; i++)
		free(t[i]);
	free(t);
}

/* 'request : ("t1" OR "t2" ...)' of the trigrams t[0..n). */
void
px_match_expr(struct buf *b, char *const *t, size_t n)
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
 * trigrams (px_match_trigrams), spread over the text.  The trigram
 * tokenizer needs three characters: a shorter request gives no
 * expression.  Returns the number of trigrams (0: do not query).
 * (Refreshing a case picks the rarest trigrams from the index instead.)
 */
size_t
proactive_match_query(const char *request, struct buf *b)
{
	char	**t, **pick;
	size_t	 nt, i, step, k = 0;

	nt = px_match_trigrams(request, &t);
	pick = xcalloc(nt + 1, sizeof(*pick));
	step = nt > PX_QUERY_TERMS ? (nt + PX_QUERY_TERMS - 1) /
	    PX_QUERY_TERMS : 1;
	for (i = 0; i < nt; i += step)
		pick[k++] = t[i];
	px_match_expr(b, pick, k);
	free(pick);
	px_trigrams_free(t, nt);
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

/*
 * How much of the shorter request text the other contains, 0..1: the
 * share of its character bigrams (after the folding of sim_norm) found
 * in the other, so that "X" and "X和环评文件" count as 1.  The intake
 * gate shows it as a percentage; whether two requests ask for the same
 * information is proactive_same_info(), which also bounds it
 * (PX_OWN_MAX).
 */
double
similar_text(const char *a, const char *b)
{
	struct px_text	 ta, tb;
	size_t		 c, shorter;
	double		 r;

	px_text_init(&ta, a, NULL);
	px_text_init(&tb, b, NULL);
	(void)dice(&ta, &tb, &c);
	shorter = ta.nbg < tb.nbg ? ta.nbg : tb.nbg;
	r = shorter == 0 ? 0.0 : (double)c / (double)shorter;
	if (r > 1.0)
		r = 1.0;
	px_text_clear(&ta);
	px_text_clear(&tb);
	return r;
}

/* ---- The same applicant --------------------------------------------- */

static char *
nonempty(char *s)
{
	if (s != NULL && s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* The ID number as compared: half-width, upper case, no spaces or
 * punctuation; NULL when there is none (free the result). */
char *
repeat_id_key(const char *id)
{
	if (id == NULL)
		return NULL;
	return nonempty(proactive_fold(id, PX_FOLD_UPPER | PX_FOLD_NOSPACE |
	    PX_FOLD_NOPUNCT));
}

/* The name as compared: half-width, lower case, without spaces and
 * punctuation such as the middle dot of transliterated names; "" when
 * there is none (free the result). */
char *
repeat_name_key(const char *name)
{
	if (name == NULL)
		return xstrdup("");
	return proactive_fold(name, PX_FOLD_LOWER | PX_FOLD_NOSPACE |
	    PX_FOLD_NOPUNCT);
}

/*
 * The phone as compared: its digits, without the country code 86 (or
 * 0086) before an 11-digit mobile number; NULL when fewer than five
 * digits remain (free the result).
 */
char *
repeat_phone_key(const char *phone)
{
	char	*f, *d, *p;
	size_t	 n;

	if (phone == NULL)
		return NULL;
	f = proactive_fold(phone, 0);
	d = xmalloc(strlen(f) + 1);
	for (n = 0, p = f; *p != '\0'; p++) {
		if (*p == '\xe8' && strncmp(p, "转", strlen("转")) == 0)
			break;	/* an extension is not part of the line */
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
	}
	d[n] = '\0';
	free(f);
	if (n == 15 && strncmp(d, "0086", 4) == 0 && d[4] == '1')
		memmove(d, d + 4, n - 3);
	else if (n == 13 && strncmp(d, "86", 2) == 0 && d[2] == '1')
		memmove(d, d + 2, n - 1);
	if (strlen(d) < 5) {
		free(d);
		return NULL;
	}
	return d;
}

/* "name|phone" of an applicant, or NULL without a name or a phone. */
char *
repeat_np_key(const char *name, const char *phone)
{
	struct buf	 b;
	char		*n, *p;

	n = repeat_name_key(name);
	p = repeat_phone_key(phone);
	if (n[0] == '\0' || p == NULL) {
		free(n);
		free(p);
		return NULL;
	}
	buf_init(&b);
	buf_printf(&b, "%s|%s", n, p);
	free(n);
	free(p);
	return buf_release(&b);
}

/*
 * Whether two identities are the same applicant: both with ID numbers,
 * the same ID number; otherwise both with name and phone, the same
 * name and phone.  Anything less is not enough to treat two requests
 * as one person's (a repeat refusal or a fee depends on it).
 */
int
repeat_same_applicant(const struct px_ident *a, const struct px_ident *b)
{
	if (a->id_key != NULL && b->id_key != NULL)
		return strcmp(a->id_key, b->id_key) == 0;
	if (a->np_key != NULL && b->np_key != NULL)
		return strcmp(a->np_key, b->np_key) == 0;
	return 0;
}

/* Frees similar_find() output (the intake gate, ops/similar.c). */
void
similar_free(struct similar *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].number);
		free(v[i].received);
		free(v[i].state);
		free(v[i].request);
	}
	free(v);
}
