/* SPDX-License-Identifier: ISC */
/*
 * The candidate query of a request for the near-duplicate search of
 * Art. 44 grouping (split from ops/proactive_group.c): an OR of its
 * rarest trigrams in the trigram index, rarity counted among the
 * newest rows, with the counts kept by the rebuild's or snapshot's
 * cache and the thread's memo (ops/proactive_cache.c).
 */
#include <stdint.h>
#include <stdlib.h>

#include "cases/proactive.h"
#include "cases/similarity.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Of the trigrams of a query, the rarest used. */
#define PX_RARE_TERMS	8
/* The newest requests of the trigram index among which a trigram's
 * rarity is counted (issue 17: counting every request holding a common
 * trigram cost 1 ms a term at 100,000 cases, 10 at 1,000,000); on an
 * index of at most this many rows the counts are exact. */
#define PX_RARE_WINDOW	20000
/* Rows a trigram's count stops at (px_rare_query). */
#define PX_RARE_CAP	4096

struct rare {
	char	*t;
	int	 docs;
	int	 capped;	/* docs is the cap it was counted to */
	size_t	 i;		/* the term's place in the request */
};

/* Exact counts first (a capped one is at least its cap, not among the
 * rarest PX_RARE_TERMS); rarest first; in the request's order among
 * equals. */
static int
rare_cmp(const void *pa, const void *pb)
{
	const struct rare	*a = pa, *b = pb;

	if (a->capped != b->capped)
		return a->capped - b->capped;
	if (a->docs != b->docs)
		return a->docs < b->docs ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * The count of term t for px_rare_query(), at most cap (0: exact): from
 * the rebuild's or the snapshot's cache, the thread's memo of a large
 * index, or the index.  Kept negative when capped (-c: at least c).
 */
static enum cm_err
rare_count(struct store *s, struct rare *r, int64_t top, int cap)
{
	int		 v, known;
	enum cm_err	 e;

	known = px_cache_on != NULL ? px_cache_term(px_cache_on, r->t, &v) :
	    0;
	/* On an index larger than the window, a count made while the
	 * index was at most 1% of the window smaller stands (the upkeep
	 * thread's memo); on a smaller one every count is exact. */
	if (!known && top > PX_RARE_WINDOW)
		known = px_memo_term(r->t, top, PX_RARE_WINDOW / 100, &v);
	if (!known || (v < 0 && (cap == 0 || -v < cap))) {
		if ((e = store_px_term_count(s, r->t, top, PX_RARE_WINDOW, cap,
		    &v)) != CM_OK)
			return e;
		if (cap > 0 && v >= cap)
			v = -cap;
		if (px_cache_on != NULL)
			px_cache_term_put(px_cache_on, r->t, v);
		if (top > PX_RARE_WINDOW)
			px_memo_term_put(r->t, top, v);
	}
	/* An exact count the cap would have stopped at is capped too: a
	 * term is among the rarest only once counted below its cap. */
	r->docs = v < 0 ? -v : v;
	if ((r->capped = cap > 0 && r->docs >= cap))
		r->docs = cap;
	return CM_OK;
}

/*
 * The candidate query of a request: its PX_RARE_TERMS rarest trigrams
 * in the index (a near-duplicate shares most trigrams, the rare ones
 * too; common ones such as the district's name would make the query
 * rank half the table), rarity counted among the newest PX_RARE_WINDOW
 * requests.  Trigrams found only in the request itself are left out.
 * Each count stops at PX_RARE_CAP rows, and once PX_RARE_TERMS
 * trigrams count fewer, at the count of the last of them: a term that
 * reaches it is not among the rarest (ties go to the earlier term).  A
 * common trigram's count was most of the query (0.6 to 0.9 ms a term
 * at 1,000,000 cases).  When fewer than PX_RARE_TERMS trigrams count
 * less than PX_RARE_CAP, the capped ones are counted in full, so that
 * the choice is always that of exact counts.
 * Returns the number of trigrams in q.
 */
enum cm_err
px_rare_query(struct store *s, const char *request, struct buf *q,
    size_t *nq)
{
	struct rare	*r;
	char		**t = NULL, **pick;
	size_t		 nt, i, k = 0, exact = 0;
	int		 best[PX_RARE_TERMS];	/* the lowest exact counts */
	int64_t		 top = 0;
	enum cm_err	 e = CM_OK;

	*nq = 0;
	nt = px_match_trigrams(request, &t);
	r = xcalloc(nt + 1, sizeof(*r));
	if (nt > 0 && (e = store_px_fts_top(s, &top)) != CM_OK)
		nt = 0;
	for (i = 0; i < nt && e == CM_OK; i++) {
		r[i].t = t[i];
		r[i].i = i;
		/* Once PX_RARE_TERMS terms count less than the cap, a term
		 * counting as many as the last of them (best[]) is not
		 * among the rarest: it comes later in the request. */
		if ((e = rare_count(s, &r[i], top, exact < PX_RARE_TERMS ?
		    PX_RARE_CAP : best[PX_RARE_TERMS - 1])) != CM_OK ||
		    r[i].capped || r[i].docs < 2)
			continue;
		for (k = exact < PX_RARE_TERMS ? exact++ : PX_RARE_TERMS - 1;
		    k > 0 && best[k - 1] > r[i].docs; k--)
			best[k] = best[k - 1];
		best[k] = r[i].docs;
	}
	k = 0;
	for (i = 0; i < nt && e == CM_OK && exact < PX_RARE_TERMS; i++)
		if (r[i].capped)
			e = rare_count(s, &r[i], top, 0);
	if (e == CM_OK) {
		for (i = 0; i < nt; i++)
			if (r[i].docs >= 2)
				r[k++] = r[i];
		qsort(r, k, sizeof(*r), rare_cmp);
		if (k > PX_RARE_TERMS)
			k = PX_RARE_TERMS;
		pick = xcalloc(k + 1, sizeof(*pick));
		for (i = 0; i < k; i++)
			pick[i] = r[i].t;
		px_match_expr(q, pick, k);
		free(pick);
		*nq = k;
	}
	free(r);
	px_trigrams_free(t, nt);
	return e;
}
