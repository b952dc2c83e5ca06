/* SPDX-License-Identifier: ISC */
/*
 * Pages of the case list (store_case_page), kept on the connection until
 * the database changes (issue 17), as the case's events
 * (store_cache.c) and the dashboard's counts (store_dashcache.c) are:
 * the key is PRAGMA data_version, which changes when another connection
 * commits, with this connection's own commits (struct store's commits),
 * plus every part of the query (filters, order, cursor, page size), so
 * that a page is served again only from the very rows the same query
 * read in an unchanged database.  Nothing is cached or served inside a
 * write transaction, and a page is kept only when the version was the
 * same before and after reading it.
 *
 * Why: a list page's rows cost most of its time (50 rows looked up in
 * the cases table and joined to their applicants, about 0.7 us a row
 * at 100,000 cases, with no covering index), and the list and the
 * dashboard are the pages shown most often, again and again between
 * writes.  What each request still does itself: its session, the
 * clocks (as of its day, from the rows' due dates) and the HTML.
 *
 * Bounds: LC_N pages per connection, each of at most LC_MAXROWS rows
 * (a query asking for more is never cached: the register's export and
 * large API pages read through), at most LC_MAXBYTES in all; the least
 * recently used page goes first.  Part of the store module
 * (store_int.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/records.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define LC_N		8
#define LC_MAXROWS	100
#define LC_MAXBYTES	(160 * 1024)

/* The strings of a row, in the order they are copied. */
#define LC_NSTR		14

struct lc_entry {
	int64_t		 version;
	unsigned long	 commits;
	unsigned long	 used;		/* for least recently used */
	char		*key;		/* NULL: empty entry */
	struct list_row	*rows;
	size_t		 n;
	size_t		 bytes;
};

struct list_cache {
	struct lc_entry	 e[LC_N];
	unsigned long	 tick;
	int		 busy;		/* a cached page is being walked */
};

/* A page being read, its rows copied as they go to the caller. */
struct lc_rec {
	list_fn		 fn;
	void		*arg;
	struct list_row	*rows;
	size_t		 n;
	size_t		 bytes;
	int		 over;		/* more than LC_MAXROWS */
	int		 stopped;	/* the caller stopped the walk */
};

static const char **
row_str(struct list_row *r, int i)
{
	const char	**f[LC_NSTR] = {
		&r->id, &r->number, &r->state, &r->applicant,
		&r->applicant_type, &r->channel, &r->received, &r->due,
		&r->outcome, &r->closed_on, &r->handler, &r->request,
		&r->doc_number, &r->key,
	};

	return f[i];
}

/* Copies src into dst with its strings in one allocation, which starts
 * with the first string that is not NULL (see row_free). */
static size_t
row_copy(struct list_row *dst, const struct list_row *src)
{
	size_t		 len[LC_NSTR], total = 0;
	const char	*v;
	char		*p;
	int		 i;

	*dst = *src;
	dst->why = dst->extra = NULL;
	for (i = 0; i < LC_NSTR; i++) {
		v = *row_str(dst, i);
		len[i] = v != NULL ? strlen(v) : 0;
		total += v != NULL ? len[i] + 1 : 0;
	}
	if (total == 0)
		return sizeof(*dst);
	p = xmalloc(total);
	for (i = 0; i < LC_NSTR; i++) {
		if ((v = *row_str(dst, i)) == NULL)
			continue;
		memcpy(p, v, len[i] + 1);
		*row_str(dst, i) = p;
		p += len[i] + 1;
	}
	return sizeof(*dst) + total;
}

/* Frees the block of a row copied by row_copy(). */
static void
row_free(struct list_row *r)
{
	int	 i;

	for (i = 0; i < LC_NSTR; i++)
		if (*row_str(r, i) != NULL) {
			free((char *)(uintptr_t)*row_str(r, i));
			return;
		}
}

static void
rows_free(struct list_row *rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		row_free(&rows[i]);
	free(rows);
}

static void
entry_drop(struct lc_entry *e)
{
	rows_free(e->rows, e->n);
	free(e->key);
	memset(e, 0, sizeof(*e));
}

static void
key_str(struct buf *k, const char *s)
{
	/* Length-prefixed, so that no two queries share a key. */
	if (s == NULL)
		buf_puts(k, "-|");
	else
		buf_printf(k, "%zu:%s|", strlen(s), s);
}

static void
query_key(struct buf *k, const struct list_query *q)
{
	buf_printf(k, "%d|%d|%d|%d|%d|", q->open_only, q->year, (int)q->sort,
	    q->limit, q->unassigned);
	key_str(k, q->state);
	key_str(k, q->due_before);
	key_str(k, q->due_from);
	key_str(k, q->due_upto);
	key_str(k, q->handler);
	key_str(k, q->channel);
	key_str(k, q->applicant_type);
	key_str(k, q->after);
	key_str(k, q->dept);
}

static int
rec_row(const struct list_row *r, void *arg)
{
	struct lc_rec	*w = arg;

	if (!w->over) {
		if (w->n == LC_MAXROWS)
			w->over = 1;
		else {
			if (w->n % 16 == 0)
				w->rows = xrealloc(w->rows, (w->n + 16) *
				    sizeof(*w->rows));
			w->bytes += row_copy(&w->rows[w->n++], r);
		}
	}
	if (w->fn(r, w->arg) != 0) {
		w->stopped = 1;
		return 1;
	}
	return 0;
}

/*
 * store_case_page() through the cache: the rows of q as load(s, q, ...)
 * gives them, from the cache when the same query was read on this
 * connection and nothing was committed since.
 */
enum cm_err
sq_list_cached(struct store *s, const struct list_query *q, list_fn fn,
    void *arg, enum cm_err (*load)(struct store *, const struct list_query *,
    list_fn, void *))
{
	struct list_cache	*c = s->lc;
	struct lc_entry		*e, *victim, *empty, *lru;
	struct lc_rec		 w;
	struct buf		 k;
	unsigned long		 commits = s->commits;
	size_t			 i, j, total;
	int64_t			 v0, v1;
	enum cm_err		 rc;

	if (s->depth > 0 || q->limit <= 0 || q->limit > LC_MAXROWS ||
	    (c != NULL && c->busy) || sq_data_version(s, &v0) != CM_OK)
		return load(s, q, fn, arg);
	if (c == NULL)
		c = s->lc = xcalloc(1, sizeof(*c));
	buf_init(&k);
	query_key(&k, q);
	for (i = 0; i < LC_N; i++) {
		e = &c->e[i];
		if (e->key == NULL)
			continue;
		if (e->version != v0 || e->commits != commits) {
			entry_drop(e);		/* the database changed */
			continue;
		}
		if (strcmp(e->key, buf_str(&k)) != 0)
			continue;
		buf_clear(&k);
		e->used = ++c->tick;
		/* fn may read the list again (not from the cache meanwhile:
		 * this entry must stay while it is walked). */
		c->busy = 1;
		for (j = 0; j < e->n; j++)
			if (fn(&e->rows[j], arg) != 0)
				break;
		c->busy = 0;
		return CM_OK;
	}
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.arg = arg;
	c->busy = 1;
	rc = load(s, q, rec_row, &w);
	c->busy = 0;
	if (rc != CM_OK || w.over || w.stopped || w.bytes > LC_MAXBYTES ||
	    sq_data_version(s, &v1) != CM_OK || v1 != v0 ||
	    s->commits != commits) {
		rows_free(w.rows, w.n);
		buf_clear(&k);
		return rc;
	}
	/* Room for it: the least recently used pages go. */
	for (;;) {
		empty = lru = NULL;
		total = 0;
		for (i = 0; i < LC_N; i++) {
			e = &c->e[i];
			if (e->key == NULL) {
				if (empty == NULL)
					empty = e;
				continue;
			}
			total += e->bytes;
			if (lru == NULL || e->used < lru->used)
				lru = e;
		}
		if (empty != NULL && total + w.bytes <= LC_MAXBYTES)
			break;
		entry_drop(lru);	/* not NULL: w.bytes <= LC_MAXBYTES */
	}
	victim = empty;
	victim->version = v0;
	victim->commits = commits;
	victim->used = ++c->tick;
	victim->key = buf_release(&k);
	victim->rows = w.rows;
	victim->n = w.n;
	victim->bytes = w.bytes;
	return CM_OK;
}

/* Frees the connection's cached list pages (sq_cache_free). */
void
sq_list_cache_free(struct store *s)
{
	size_t	 i;

	if (s->lc == NULL)
		return;
	for (i = 0; i < LC_N; i++)
		entry_drop(&s->lc->e[i]);
	free(s->lc);
	s->lc = NULL;
}
