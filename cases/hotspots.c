/* SPDX-License-Identifier: ISC */
/*
 * The 热点分析 of a year, the pure part: requests counted by month and by
 * applicant type, in all, by officer-assigned tag and by the key terms
 * shared across request texts (substrings of the folded texts, without
 * the general words of textfold.c), with its JSON and CSV.  Gathering
 * the year's rows is ops/proactive_list.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/proactive.h"
#include "cases/textfold.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/xmalloc.h"

static void
hot_count(struct px_hot_row *r, const struct proactive_member *m)
{
	int	 mon, t;

	r->total++;
	r->cases = xrealloc(r->cases, (r->ncases + 1) * sizeof(*r->cases));
	r->cmonth = xrealloc(r->cmonth, (r->ncases + 1) * sizeof(*r->cmonth));
	r->cmonth[r->ncases] = atoi(m->received + 5);
	r->cases[r->ncases++] = xstrdup(m->number != NULL ? m->number : "");
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

/*
 * The 热点分析's own stop list (issue 15), on top of textfold.c's
 * general words: words of any request that name no subject — generic
 * request words, the kinds of paper asked for, and words of time.
 * Removed from the texts (each leaves a word boundary) before terms
 * are counted; single characters are edge_chars' business.
 */
static const char *const hot_stop[] = {
	"政府", "申请", "公开", "信息", "文件", "关于", "有关", "相关",
	"情况", "请求", "要求", "提供", "获取", "查询", "查阅", "复制",
	"依法", "依据", "根据", "按照", "具体", "明细", "清单", "名单",
	"数据", "材料", "资料", "内容", "以下", "如下", "上述", "其中",
	"包括", "以及", "目前", "近年来", "近三年", "近五年", "历年",
	"每年", "全年", "本年", "今年", "去年", "年度", "年份", "期间",
	"本单位", "贵单位", "你单位", "我单位", "贵机关", "贵局", "本人",
	"我们", "是否", "哪些", "多少", "如何", "为何",
};

/* Characters a whole word neither starts nor ends with (particles,
 * conjunctions, prepositions), and units that follow a number
 * (2024年, 3月, 15日, 5号): after a digit they end the word. */
static const char edge_chars[] = "的了和与及或之其等并而对为在是由将把被向"
    "从以于";
static const char unit_chars[] = "年月日号届期";

/* Place words after which a shorter form of an agency's name starts
 * (示范市示范区教育局 is also written 示范区教育局 and 教育局). */
static const char place_chars[] = "省市区县州旗镇乡";

/* Whether c is one of the characters of the UTF-8 string set. */
static int
cp_in(uint32_t c, const char *set)
{
	uint32_t	*v;
	size_t		 n, i;
	int		 hit = 0;

	n = px_u8_decode(set, &v);
	for (i = 0; i < n && !hit; i++)
		hit = v[i] == c;
	free(v);
	return hit;
}

/* A list of phrases of any length, longest first. */
struct vphrases {
	uint32_t	**c;
	size_t		 *n;
	size_t		  count;
};

static void
vph_add(struct vphrases *p, const uint32_t *c, size_t n)
{
	size_t	 i, k;

	if (n < 2)
		return;
	for (i = 0; i < p->count; i++)
		if (p->n[i] == n && memcmp(p->c[i], c, n * sizeof(*c)) == 0)
			return;
	p->c = xrealloc(p->c, (p->count + 1) * sizeof(*p->c));
	p->n = xrealloc(p->n, (p->count + 1) * sizeof(*p->n));
	for (k = p->count; k > 0 && p->n[k - 1] < n; k--) {
		p->c[k] = p->c[k - 1];
		p->n[k] = p->n[k - 1];
	}
	p->c[k] = xcalloc(n, sizeof(*c));
	memcpy(p->c[k], c, n * sizeof(*c));
	p->n[k] = n;
	p->count++;
}

static void
vph_free(struct vphrases *p)
{
	size_t	 i;

	for (i = 0; i < p->count; i++)
		free(p->c[i]);
	free(p->c);
	free(p->n);
	memset(p, 0, sizeof(*p));
}

/*
 * The phrases removed before counting: hot_stop, and the given names
 * (the agency's, the review body's, the departments') each whole,
 * from after each place word on, and each place they name (示范市,
 * 示范区), Han characters only.
 */
static void
vph_build(struct vphrases *p, const char *const *names, size_t nnames)
{
	uint32_t	*v;
	size_t		 i, k, n, j;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < sizeof(hot_stop) / sizeof(hot_stop[0]); i++) {
		n = px_u8_decode(hot_stop[i], &v);
		vph_add(p, v, n);
		free(v);
	}
	for (i = 0; i < nnames; i++) {
		if (names[i] == NULL)
			continue;
		n = px_u8_decode(names[i], &v);
		for (k = 0, j = 0; k < n; k++)
			if (px_is_han(v[k]))
				v[j++] = v[k];
		n = j;
		vph_add(p, v, n);
		for (k = 0, j = 0; k + 1 < n; k++)
			if (cp_in(v[k], place_chars)) {
				/* 示范区教育局, and the place 示范区. */
				vph_add(p, &v[k + 1], n - k - 1);
				vph_add(p, &v[j], k + 1 - j);
				j = k + 1;
			}
		free(v);
	}
}

/* Replaces every phrase of p in v[0..n) by one separator (0), longest
 * first at each place; returns the new length. */
static size_t
vph_strip(uint32_t *v, size_t n, const struct vphrases *p)
{
	size_t	 i = 0, k = 0, j;

	while (i < n) {
		for (j = 0; j < p->count; j++)
			if (i + p->n[j] <= n && memcmp(&v[i], p->c[j],
			    p->n[j] * sizeof(*v)) == 0)
				break;
		if (j < p->count) {
			i += p->n[j];
			if (k > 0 && v[k - 1] != 0)
				v[k++] = 0;
			continue;
		}
		v[k++] = v[i++];
	}
	return k;
}

/* The comparable form for key terms: Han characters only (at most
 * PX_TERM_TEXT), with every stop word, every name of p, a unit after
 * a number (2024年) and every other character a separator (0). */
static size_t
term_norm(const char *s, const struct phrases *stop,
    const struct vphrases *p, uint32_t **out)
{
	uint32_t	*v;
	size_t		 n, i, k = 0;
	int		 digit = 0;

	n = px_u8_decode(s, &v);
	if (n > PX_TERM_TEXT)
		n = PX_TERM_TEXT;
	for (i = 0; i < n; i++) {
		uint32_t	 c = px_fold_width(v[i]);

		if (px_is_han(c) && !(digit && cp_in(c, unit_chars)))
			v[k++] = c;
		else if (k > 0 && v[k - 1] != 0)
			v[k++] = 0;
		digit = px_is_digit(c);
	}
	k = vph_strip(v, k, p);
	*out = v;
	return px_strip_phrases(v, k, stop, 1);
}

/* Whether a term could be a whole word: it neither starts nor ends
 * with a particle, conjunction or preposition, nor starts with a unit
 * of a number. */
static int
whole_word(const struct term *t)
{
	return !cp_in(t->c[0], edge_chars) && !cp_in(t->c[0], unit_chars) &&
	    !cp_in(t->c[t->n - 1], edge_chars);
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
		    m.t[i].df <= maxdf && whole_word(&m.t[i])) {
			c = xrealloc(c, (nc + 1) * sizeof(*c));
			c[nc++] = &m.t[i];
		}
	if (nc > 0)
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

static void	row_clear(struct px_hot_row *);

/* Whether case number c is among r's cases. */
static int
row_has(const struct px_hot_row *r, const char *c)
{
	size_t	 i;

	for (i = 0; i < r->ncases; i++)
		if (strcmp(r->cases[i], c) == 0)
			return 1;
	return 0;
}

/*
 * Drops each term whose every case is counted already by longer terms
 * that contain it: 教师 of 教师资格认定 and 教师招聘考试成绩 says nothing
 * the two do not (issue 15: whole terms worth reading).  A shorter term
 * found in other requests too stays.
 */
static void
drop_covered(struct px_hotspots *h)
{
	size_t	 u, w, i, k = 0;
	int	 all;

	for (u = 0; u < h->nterms; u++) {
		all = h->terms[u].ncases > 0;
		for (i = 0; i < h->terms[u].ncases && all; i++) {
			all = 0;
			for (w = 0; w < h->nterms && !all; w++)
				all = w != u && strlen(h->terms[w].name) >
				    strlen(h->terms[u].name) &&
				    strstr(h->terms[w].name,
				    h->terms[u].name) != NULL &&
				    row_has(&h->terms[w], h->terms[u].cases[i]);
		}
		h->terms[u].total = all ? -1 : h->terms[u].total;
	}
	for (u = 0; u < h->nterms; u++)
		if (h->terms[u].total < 0)
			row_clear(&h->terms[u]);
		else
			h->terms[k++] = h->terms[u];
	h->nterms = k;
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
 * Counts the 热点分析 of h->year into h (its year and all.name set by
 * the caller) from the n requests received in the year (m, sorted here
 * by case id) and their nt tags (tg, sorted by tag): all requests, by
 * tag, and by the nterms key terms shared across request texts — the
 * agency's names (names[0..nnames): agency, review body, departments)
 * and hot_stop removed, whole words only.  Each row keeps the numbers
 * of its cases, so that its figures link to them.
 */
void
proactive_hotspots_count(struct px_hotspots *h, struct proactive_member *m,
    size_t n, const struct px_tagrow *tg, size_t nt, size_t nterms,
    const char *const *names, size_t nnames)
{
	struct proactive_member	 key, *hit;
	const struct phrases	*stop = px_phrases(PX_PH_TERM);
	struct vphrases		 vp;
	struct term		*terms = NULL;
	uint32_t		**norm = NULL;
	size_t			*nlen = NULL, i, u, nterm = 0;
	struct buf		 b;

	for (i = 0; i < n; i++)
		hot_count(&h->all, &m[i]);

	/* Tags: the rows come sorted by tag. */
	if (n > 0)
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
	vph_build(&vp, names, nnames);
	for (i = 0; i < n; i++)
		nlen[i] = term_norm(m[i].request, stop, &vp, &norm[i]);
	vph_free(&vp);
	nterm = n > 0 ? pick_terms(norm, nlen, n, 2 * nterms, &terms) : 0;
	buf_init(&b);
	h->terms = xcalloc(nterm + 1, sizeof(*h->terms));
	for (u = 0; u < nterm; u++) {
		buf_reset(&b);
		px_u8_encode(&b, terms[u].c, terms[u].n);
		h->terms[u].name = xstrdup(buf_str(&b));
		for (i = 0; i < n; i++)
			if (contains(norm[i], nlen[i], terms[u].c, terms[u].n))
				hot_count(&h->terms[u], &m[i]);
	}
	h->nterms = nterm;
	buf_clear(&b);
	drop_covered(h);
	if (h->nterms > 1)
		qsort(h->terms, h->nterms, sizeof(*h->terms), hot_cmp);
	while (h->nterms > nterms)
		row_clear(&h->terms[--h->nterms]);
	for (i = 0; norm != NULL && i < n; i++)
		free(norm[i]);
	free(norm);
	free(nlen);
	free(terms);
}

static void
row_clear(struct px_hot_row *r)
{
	size_t	 i;

	free(r->name);
	for (i = 0; i < r->ncases; i++)
		free(r->cases[i]);
	free(r->cases);
	free(r->cmonth);
}

/* Frees what proactive_hotspots() filled in; h may be zeroed. */
void
proactive_hotspots_clear(struct px_hotspots *h)
{
	size_t	 i;

	row_clear(&h->all);
	for (i = 0; i < h->ntags; i++)
		row_clear(&h->tags[i]);
	free(h->tags);
	for (i = 0; i < h->nterms; i++)
		row_clear(&h->terms[i]);
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

static void
hot_row_csv(struct csv *w, const char *kind, const struct px_hot_row *r)
{
	int	 i;

	csv_text(w, kind);
	csv_text(w, r->name);
	csv_int(w, r->total);
	for (i = 0; i < 12; i++)
		csv_int(w, r->month[i]);
	for (i = 0; i < APPL__MAX; i++)
		csv_int(w, r->type[i]);
	csv_eol(w);
}

/*
 * The 热点分析 as CSV for spreadsheets: UTF-8 with a byte-order mark,
 * CRLF lines; columns kind (all | tag | term), name, total, the twelve
 * months YYYY-MM, then the six applicant-type codes.
 */
void
proactive_hotspots_csv(const struct px_hotspots *h, struct buf *b)
{
	struct csv	 w;
	char		 month[16];
	size_t		 i;
	int		 k;

	csv_init(&w, b, 0);
	csv_bom(&w);
	csv_text(&w, "kind");
	csv_text(&w, "name");
	csv_text(&w, "total");
	for (k = 1; k <= 12; k++) {
		snprintf(month, sizeof(month), "%04d-%02d", h->year, k);
		csv_text(&w, month);
	}
	for (k = 0; k < APPL__MAX; k++)
		csv_text(&w, applicant_types[k].code);
	csv_eol(&w);
	hot_row_csv(&w, "all", &h->all);
	for (i = 0; i < h->ntags; i++)
		hot_row_csv(&w, "tag", &h->tags[i]);
	for (i = 0; i < h->nterms; i++)
		hot_row_csv(&w, "term", &h->terms[i]);
}

/* The row of kind ("all", "tag" or "term") named name, or NULL. */
const struct px_hot_row *
proactive_hotspots_find(const struct px_hotspots *h, const char *kind,
    const char *name)
{
	const struct px_hot_row	*r;
	size_t			 i, n;

	if (strcmp(kind, "all") == 0)
		return &h->all;
	if (strcmp(kind, "tag") == 0) {
		r = h->tags;
		n = h->ntags;
	} else if (strcmp(kind, "term") == 0) {
		r = h->terms;
		n = h->nterms;
	} else
		return NULL;
	for (i = 0; i < n && name != NULL; i++)
		if (strcmp(r[i].name, name) == 0)
			return &r[i];
	return NULL;
}
