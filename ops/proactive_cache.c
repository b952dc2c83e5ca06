/* SPDX-License-Identifier: ISC */
/*
 * What `proactive rebuild' and a batch of the upkeep compute once
 * instead of once per case (issue 17): how many requests hold a
 * trigram, the candidates of one MATCH expression, and each
 * candidate's prepared text.  Valid only while no text changes: the
 * rebuild holds the write lock from start to end and changes no
 * request, the upkeep searches a batch in one read snapshot; the cache
 * is exact there and used nowhere else (px_cache_on is NULL outside).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/similarity.h"
#include "ops/proactive_int.h"
#include "util/hash.h"
#include "util/xmalloc.h"

/* Prepared texts kept at most; past it the text map starts afresh. */
#define PX_CACHE_TEXTS	100000

struct slot {
	char	*k;
	void	*v;
	int	 i;
	int64_t	 at;		/* memo: the index's top row when counted */
};

struct map {
	struct slot	*s;
	size_t		 cap;	/* a power of two, or 0 */
	size_t		 n;
};

struct px_cache {
	struct map	 terms;		/* term -> docs (i) */
	struct map	 queries;	/* expression -> struct px_cands */
	struct map	 texts;		/* case id -> struct px_text in raws */
	struct map	 raws;		/* request US 文号 -> struct px_text */
};

_Thread_local struct px_cache *px_cache_on;

/* Trigram counts of a large index kept across groupings, per thread. */
static _Thread_local struct map memo;

/* Terms kept in the memo at most; past it the memo starts afresh. */
#define PX_MEMO_TERMS	50000

static struct slot *
map_find(struct map *m, const char *k)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	for (i = str_hash(k) & (m->cap - 1); m->s[i].k != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->s[i].k, k) == 0)
			return &m->s[i];
	return &m->s[i];
}

/* The slot of k, added (empty value) when missing. */
static struct slot *
map_put(struct map *m, const char *k)
{
	struct slot	*old, *x;
	size_t		 i, ocap;

	if (2 * (m->n + 1) > m->cap) {
		old = m->s;
		ocap = m->cap;
		m->cap = ocap == 0 ? 256 : 2 * ocap;
		m->s = xcalloc(m->cap, sizeof(*m->s));
		for (i = 0; i < ocap; i++)
			if (old[i].k != NULL)
				*map_find(m, old[i].k) = old[i];
		free(old);
	}
	x = map_find(m, k);
	if (x->k == NULL) {
		x->k = xstrdup(k);
		m->n++;
	}
	return x;
}

static void
map_clear(struct map *m, void (*vfree)(void *))
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		if (m->s[i].k != NULL) {
			free(m->s[i].k);
			if (vfree != NULL)
				vfree(m->s[i].v);
		}
	free(m->s);
	memset(m, 0, sizeof(*m));
}

static void
text_free(void *v)
{
	px_text_clear(v);
	free(v);
}

static void
cands_free(void *v)
{
	struct px_cands	*c = v;

	if (c != NULL) {
		free(c->id);
		free(c->self_ref);
	}
	free(c);
}

/* A new, empty cache. */
struct px_cache *
px_cache_new(void)
{
	return xcalloc(1, sizeof(struct px_cache));
}

void
px_cache_free(struct px_cache *c)
{
	if (c == NULL)
		return;
	map_clear(&c->terms, NULL);
	map_clear(&c->queries, cands_free);
	map_clear(&c->texts, NULL);
	map_clear(&c->raws, text_free);
	free(c);
}

/* The requests holding term, when cached (returns 1). */
int
px_cache_term(struct px_cache *c, const char *term, int *docs)
{
	struct slot	*x = map_find(&c->terms, term);

	if (x == NULL || x->k == NULL)
		return 0;
	*docs = x->i;
	return 1;
}

void
px_cache_term_put(struct px_cache *c, const char *term, int docs)
{
	map_put(&c->terms, term)->i = docs;
}

/* The candidates of a MATCH expression, when cached. */
const struct px_cands *
px_cache_cands(struct px_cache *c, const char *expr)
{
	struct slot	*x = map_find(&c->queries, expr);

	return x == NULL || x->k == NULL ? NULL : x->v;
}

/* Keeps the candidates of expr (taking v). */
void
px_cache_cands_put(struct px_cache *c, const char *expr, struct px_cands *v)
{
	struct slot	*x = map_put(&c->queries, expr);

	cands_free(x->v);
	x->v = v;
}

/*
 * The prepared text of a case, from the cache or prepared now from
 * request and doc_number and kept (request NULL: NULL when not
 * cached).  Cases with the same request and 文号 share one (copies of
 * one request are common in a group, and the same pointer lets the
 * callers compare it once).  Belongs to the cache, valid until
 * px_cache_trim().
 */
const struct px_text *
px_cache_text(struct px_cache *c, const char *case_id, const char *request,
    const char *doc_number)
{
	struct slot	*x = map_find(&c->texts, case_id), *r;
	struct px_text	*t;
	char		*raw;
	size_t		 n;

	if (x != NULL && x->k != NULL)
		return x->v;
	if (request == NULL)
		return NULL;
	if (doc_number == NULL)
		doc_number = "";
	n = strlen(request) + strlen(doc_number) + 24;
	raw = xmalloc(n);
	snprintf(raw, n, "%zu:%s\037%s", strlen(request), request,
	    doc_number);
	r = map_put(&c->raws, raw);
	free(raw);
	if ((t = r->v) == NULL) {
		t = xcalloc(1, sizeof(*t));
		px_text_init(t, request, doc_number);
		r->v = t;
	}
	map_put(&c->texts, case_id)->v = t;
	return t;
}

/*
 * A trigram's count (px_rare_query) on an index whose newest row is top,
 * counted before by this thread while at most `slack' rows older: the
 * rarity ranking of a large index moves slowly, and a count over the
 * newest rows is a sample anyway.  Returns 1 when there is one.
 */
int
px_memo_term(const char *term, int64_t top, int64_t slack, int *docs)
{
	struct slot	*x = map_find(&memo, term);

	if (x == NULL || x->k == NULL || x->at < top - slack || x->at > top)
		return 0;
	*docs = x->i;
	return 1;
}

void
px_memo_term_put(const char *term, int64_t top, int docs)
{
	struct slot	*x;

	if (memo.n >= PX_MEMO_TERMS)
		map_clear(&memo, NULL);
	x = map_put(&memo, term);
	x->i = docs;
	x->at = top;
}

/* Between two cases: forgets the prepared texts when there are too
 * many (pointers px_cache_text() returned are invalid after this). */
void
px_cache_trim(struct px_cache *c)
{
	if (c != NULL && c->texts.n >= PX_CACHE_TEXTS) {
		map_clear(&c->texts, NULL);
		map_clear(&c->raws, text_free);
	}
}
