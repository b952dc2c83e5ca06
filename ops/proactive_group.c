/* SPDX-License-Identifier: ISC */
/*
 * Groups of requests for the same information, on the store: a case
 * joins the group of any case citing the same 文号, or with a
 * near-duplicate text (FTS5 trigram candidates from case_fts, scored by
 * cases/similarity.c), or linked by an officer; an officer's unlink
 * keeps two cases apart.  Run by the write operations and the upkeep
 * thread (proactive_sync), never by a view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/similarity.h"
#include "cases/textfold.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* FTS5 candidates scored per refresh; cases grouped per automatic
 * catch-up (proactive_sync). */
#define PX_CANDIDATES	100
#define PX_SYNC_BATCH	200

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

/*
 * text_matches() during a rebuild (px_cache_on): the candidates of an
 * expression are queried once, without leaving out any case, and each
 * case leaves out itself — the query's own exclusion comes after its
 * LIMIT, so the rows are the same; texts are prepared once per case.
 * Returns 0 when something was not cached (then query as usual).
 */
static int
text_matches_cached(struct store *s, const struct proactive_settings *set,
    const char *expr, const struct case_rec *rec, const struct px_text *a,
    struct match **mv, size_t *nm, enum cm_err *e)
{
	struct proactive_member	*c = NULL;
	const struct px_cands	*pc;
	struct px_cands		*nc;
	struct {
		const struct px_text	*t;
		enum px_match		 m;
		double			 score;
	}			*seen;
	const struct px_text	*b;
	size_t			 n = 0, i, k, ns = 0;

	*e = CM_OK;
	if ((pc = px_cache_cands(px_cache_on, expr)) == NULL) {
		if ((*e = store_px_fts(s, expr, PX_CANDIDATES, "", &c, &n)) !=
		    CM_OK)
			return 1;
		nc = xcalloc(1, sizeof(*nc));
		nc->id = xcalloc(n + 1, sizeof(*nc->id));
		nc->self_ref = xcalloc(n + 1, 1);
		nc->n = n;
		for (i = 0; i < n; i++) {
			memcpy(nc->id[i], c[i].case_id, sizeof(nc->id[i]));
			nc->self_ref[i] = (unsigned char)
			    proactive_self_ref(c[i].request);
			(void)px_cache_text(px_cache_on, c[i].case_id,
			    c[i].request, c[i].doc_number);
		}
		proactive_members_free(c, n);
		px_cache_cands_put(px_cache_on, expr, nc);
		pc = nc;
	}
	for (i = 0; i < pc->n; i++)
		if (strcmp(pc->id[i], rec->id) != 0 && !pc->self_ref[i] &&
		    px_cache_text(px_cache_on, pc->id[i], NULL, NULL) == NULL)
			return 0;
	/* Candidates with the same text share one (px_cache_text): each
	 * is compared once. */
	seen = xcalloc(pc->n + 1, sizeof(*seen));
	for (i = 0; i < pc->n; i++) {
		if (strcmp(pc->id[i], rec->id) == 0 || pc->self_ref[i])
			continue;
		b = px_cache_text(px_cache_on, pc->id[i], NULL, NULL);
		for (k = 0; k < ns && seen[k].t != b; k++)
			continue;
		if (k == ns) {
			seen[ns].t = b;
			seen[ns].m = px_same_prepared(a, b, set->similarity,
			    &seen[ns].score);
			ns++;
		}
		if (seen[k].m == PX_TEXT)
			match_add(mv, nm, pc->id[i], PX_TEXT, seen[k].score,
			    NULL);
	}
	free(seen);
	return 1;
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
	if ((e = px_rare_query(s, rec->request, &q, &nq)) != CM_OK || nq == 0 ||
	    (px_cache_on != NULL && text_matches_cached(s, set, buf_str(&q),
	    rec, a, mv, nm, &e)) ||
	    (e = store_px_fts(s, buf_str(&q), PX_CANDIDATES, rec->id, &c,
	    &n)) != CM_OK) {
		buf_clear(&q);
		return e;
	}
	for (i = 0; i < n; i++) {
		if (proactive_self_ref(c[i].request))
			continue;
		px_text_init(&b, c[i].request, c[i].doc_number);
		if (px_same_prepared(a, &b, set->similarity, &score) == PX_TEXT)
			match_add(mv, nm, c[i].case_id, PX_TEXT, score, NULL);
		px_text_clear(&b);
	}
	proactive_members_free(c, n);
	buf_clear(&q);
	return CM_OK;
}

/* Members a joining case is compared with (the oldest first). */
#define PX_ADMIT_CHECK	200

/*
 * The oldest members of one group as group_admits() compares them,
 * loaded once and kept in step while refresh_one() adds the matched
 * cases to that group one by one (issue 17: each check loaded the
 * same PX_ADMIT_CHECK members again).
 */
struct head {
	int			 doc;	/* a 文号 group: nothing compared */
	struct proactive_member	*m;	/* oldest first */
	const struct px_text	**t;	/* m's texts, prepared */
	struct px_text		**own;	/* those not in px_cache_on */
	size_t			 n;
};

/*
 * The prepared text of member m, from px_cache_on or owned.  A member
 * whose text the index lacks (head_request NULL: not kept by this
 * schema's triggers) is read from its case.
 */
static enum cm_err
head_text(struct store *s, struct head *h, size_t k,
    const struct proactive_member *m)
{
	struct proactive_member	 row;
	size_t			 j;
	enum cm_err		 e;

	h->own[k] = NULL;
	if (px_cache_on != NULL && (h->t[k] = px_cache_text(px_cache_on,
	    m->case_id, m->request, m->doc_number)) != NULL)
		return CM_OK;
	if (m->request == NULL) {
		if ((e = store_px_case_row(s, m->case_id, &row)) != CM_OK)
			return e;
		if (px_cache_on != NULL)
			h->t[k] = px_cache_text(px_cache_on, m->case_id,
			    row.request != NULL ? row.request : "",
			    row.doc_number);
		else {
			h->own[k] = xcalloc(1, sizeof(**h->own));
			px_text_init(h->own[k], row.request, row.doc_number);
			h->t[k] = h->own[k];
		}
		proactive_member_clear(&row);
		return CM_OK;
	}
	/* A copy of an older member's request shares its text (the
	 * older one owns it: head_add() drops only the newest). */
	for (j = 0; j < k; j++)
		if (h->own[j] != NULL && h->m[j].request != NULL &&
		    strcmp(h->m[j].request, m->request) == 0 &&
		    strcmp(h->m[j].doc_number != NULL ? h->m[j].doc_number : "",
		    m->doc_number != NULL ? m->doc_number : "") == 0) {
			h->t[k] = h->own[j];
			return CM_OK;
		}
	h->own[k] = xcalloc(1, sizeof(**h->own));
	px_text_init(h->own[k], m->request, m->doc_number);
	h->t[k] = h->own[k];
	return CM_OK;
}

static void
head_text_clear(struct head *h, size_t k)
{
	if (h->own[k] != NULL) {
		px_text_clear(h->own[k]);
		free(h->own[k]);
	}
	h->own[k] = NULL;
	h->t[k] = NULL;
}

static void
head_clear(struct head *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		head_text_clear(h, i);
	free(h->t);
	free(h->own);
	proactive_members_free(h->m, h->n);
	memset(h, 0, sizeof(*h));
}

static enum cm_err
head_load(struct store *s, int64_t g, struct head *h)
{
	char		*key = NULL;
	size_t		 i;
	enum cm_err	 e;

	memset(h, 0, sizeof(*h));
	if ((e = store_px_group_get(s, g, &key, NULL, NULL, NULL)) != CM_OK)
		return e;
	h->doc = strncmp(key, "doc:", 4) == 0;
	free(key);
	if (h->doc)
		return CM_OK;
	/* The oldest PX_ADMIT_CHECK only, not the whole group, from one
	 * range of an index (issue 17: reading 200 cases' rows for every
	 * case was 90% of a rebuild of 100,000 cases). */
	if ((e = store_px_group_head(s, g, PX_ADMIT_CHECK, &h->m, &h->n)) !=
	    CM_OK)
		return e;
	h->m = xrealloc(h->m, (PX_ADMIT_CHECK + 1) * sizeof(*h->m));
	h->t = xcalloc(PX_ADMIT_CHECK + 1, sizeof(*h->t));
	h->own = xcalloc(PX_ADMIT_CHECK + 1, sizeof(*h->own));
	for (i = 0, e = CM_OK; i < h->n && e == CM_OK; i++)
		e = head_text(s, h, i, &h->m[i]);
	return e;
}

/*
 * Whether the text t of a case tells it apart from a member of h's
 * oldest that joined by similarity (an officer's are not compared).
 * A text the same as one compared already (px_text_same) is not
 * compared again: the alignment of px_texts_conflict() is quadratic in
 * the length, and 200 copies of one request are common.
 */
static int
head_conflicts(const struct head *h, const char *case_id,
    const struct px_text *t)
{
	const struct px_text	*seen[PX_ADMIT_CHECK + 1];
	size_t			 i, k, ns = 0;

	for (i = 0; i < h->n && !h->doc; i++) {
		if (strcmp(h->m[i].case_id, case_id) == 0 ||
		    (h->m[i].how != NULL && (strcmp(h->m[i].how, "link") == 0 ||
		    strcmp(h->m[i].how, "proposal") == 0)))
			continue;
		for (k = 0; k < ns && !px_text_same(seen[k], h->t[i]); k++)
			continue;
		if (k < ns)
			continue;
		if (px_texts_conflict(t, h->t[i]))
			return 1;
		seen[ns++] = h->t[i];
	}
	return 0;
}

/* group_admits() of a case into the group of h. */
static enum cm_err
head_admits(struct store *s, int64_t g, const struct head *h,
    const char *case_id, const struct px_text *t, int linked, int *ok)
{
	int		 veto;
	enum cm_err	 e;

	*ok = 0;
	if ((e = store_px_veto_case(s, case_id, g, &veto)) != CM_OK || veto)
		return e;
	*ok = linked || !head_conflicts(h, case_id, t);
	return CM_OK;
}

/*
 * Whether a case may join group g: no officer's unlink with a member,
 * and, joining by similarity, nothing that tells it apart from any of
 * the oldest PX_ADMIT_CHECK members that joined by similarity
 * (px_texts_conflict).  Similarity is not transitive: without this
 * "2024年 X" ~ "X" ~ "2025年 X" would chain two years into one group.
 * Groups of a 文号, and joins by an officer's link, are not checked.
 */
static enum cm_err
group_admits(struct store *s, int64_t g, const char *case_id,
    const struct px_text *t, int linked, int *ok)
{
	struct head	 h;
	int		 veto;
	enum cm_err	 e;

	*ok = 0;
	if ((e = store_px_veto_case(s, case_id, g, &veto)) != CM_OK || veto)
		return e;
	*ok = 1;
	if (linked)
		return CM_OK;
	if ((e = head_load(s, g, &h)) == CM_OK)
		*ok = !head_conflicts(&h, case_id, t);
	head_clear(&h);
	return e;
}

/* Whether member a comes before b (receipt, then case number). */
static int
head_before(const struct proactive_member *a, const struct proactive_member *b)
{
	int	 c = strcmp(a->received, b->received);

	return c != 0 ? c < 0 : strcmp(a->number != NULL ? a->number : "",
	    b->number != NULL ? b->number : "") < 0;
}

/* Case c joined the group of h as `how': among the oldest, if it is. */
static void
head_add(struct head *h, struct proactive_member *c, const char *how)
{
	size_t	 i, k;

	if (h->doc || (h->n == PX_ADMIT_CHECK &&
	    !head_before(c, &h->m[h->n - 1])))
		return;
	for (k = 0; k < h->n && head_before(&h->m[k], c); k++)
		continue;
	if (h->n == PX_ADMIT_CHECK) {
		head_text_clear(h, h->n - 1);
		proactive_member_clear(&h->m[--h->n]);
	}
	for (i = h->n; i > k; i--) {
		h->m[i] = h->m[i - 1];
		h->t[i] = h->t[i - 1];
		h->own[i] = h->own[i - 1];
	}
	h->m[k] = *c;
	free(h->m[k].how);
	h->m[k].how = xstrdup(how);
	(void)head_text(NULL, h, k, &h->m[k]);	/* c has its text */
	h->n++;
	memset(c, 0, sizeof(*c));	/* now h's */
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

/*
 * The matches of a case found in a read snapshot, before the write
 * lock is taken (proactive_sync): valid for the request and 文号 they
 * were found for.
 */
struct prematch {
	char		*request;
	char		*doc_number;
	struct match	*mv;
	size_t		 nm;
	int		 ok;
};

static int
same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* The cases citing the same 文号 as rec, then its near-duplicates
 * (reads only: what the grouping searches). */
static enum cm_err
case_matches(struct store *s, const struct proactive_settings *set,
    const struct case_rec *rec, struct match **mv, size_t *nm)
{
	struct px_docref	*d = NULL;
	struct px_text		 rt;
	size_t			 nd;
	enum cm_err		 e;

	nd = proactive_docrefs(rec->doc_number, rec->request, &d);
	px_text_init(&rt, rec->request, rec->doc_number);
	if ((e = doc_matches(s, rec, d, nd, mv, nm)) == CM_OK)
		e = text_matches(s, set, rec, &rt, mv, nm);
	px_text_clear(&rt);
	proactive_docrefs_free(d, nd);
	return e;
}

static enum cm_err refresh_one(struct store *,
    const struct proactive_settings *, const char *, enum refresh_mode,
    const char *, struct prematch *);

/*
 * The grouping step for one case (see proactive_refresh_case), inside
 * the caller's unit of work.
 */
enum cm_err
px_refresh_one(struct store *s, const struct proactive_settings *set,
    const char *key, enum refresh_mode mode, const char *now)
{
	return refresh_one(s, set, key, mode, now, NULL);
}

/* px_refresh_one(), with the matches found before (pre; NULL: none)
 * when the case's request and 文号 are still those they were found
 * for; else it searches now. */
static enum cm_err
refresh_one(struct store *s, const struct proactive_settings *set,
    const char *key, enum refresh_mode mode, const char *now,
    struct prematch *pre)
{
	struct case_rec		 rec;
	struct px_docref	*d = NULL;
	struct px_text		 rt, ct;
	struct head		 h;
	struct proactive_member	 c;
	struct match		*mv = NULL, *best;
	struct px_link		*l = NULL;
	int64_t			*gs = NULL, g0 = 0, surv = 0, g;
	char			*id_key, *np_key, *name_key, *lab = NULL;
	char			 month[8], how0[16] = "", gkey[600];
	size_t			 nd, nm = 0, nl = 0, ng = 0, i, k;
	int			 veto, ok, hl = 0;
	enum cm_err		 e;

	memset(&rt, 0, sizeof(rt));
	memset(&h, 0, sizeof(h));
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
	if (pre != NULL && pre->ok && same_text(pre->request, rec.request) &&
	    same_text(pre->doc_number, rec.doc_number)) {
		/* Found in the snapshot for this very text. */
		mv = pre->mv;
		nm = pre->nm;
		pre->mv = NULL;
		pre->nm = 0;
	} else if ((e = case_matches(s, set, &rec, &mv, &nm)) != CM_OK)
		goto out;
	if ((e = store_px_links_of(s, rec.id, &l, &nl)) != CM_OK)
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
			    xstrdup(best->dockey) : px_label_of(rec.request);
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
		    (e = px_group_tidy(s, g0)) != CM_OK))
			goto out;
		goto out;
	}
	if ((e = store_px_member_put(s, rec.id, surv,
	    proactive_match_names[best->how], best->score, now)) != CM_OK)
		goto out;
	for (i = 0; i < nm; i++) {
		if (mv[i].group != 0)
			continue;
		if (!hl && (e = head_load(s, surv, &h)) != CM_OK)
			goto out;
		hl = 1;
		if ((e = store_px_case_row(s, mv[i].case_id, &c)) != CM_OK)
			goto out;
		px_text_init(&ct, c.request, c.doc_number);
		e = head_admits(s, surv, &h, c.case_id, &ct,
		    mv[i].how == PX_LINK, &ok);
		px_text_clear(&ct);
		if (e == CM_OK && ok && (e = store_px_member_put(s,
		    mv[i].case_id, surv, proactive_match_names[mv[i].how],
		    mv[i].score, now)) == CM_OK)
			head_add(&h, &c, proactive_match_names[mv[i].how]);
		proactive_member_clear(&c);
		if (e != CM_OK)
			goto out;
	}
	if ((e = store_px_group_set(s, surv, NULL, NULL, now)) != CM_OK)
		goto out;
	if (g0 != 0 && g0 != surv && (e = px_group_tidy(s, g0)) != CM_OK)
		goto out;
	if (mode == RF_TRIGGER)
		e = px_group_trigger(s, set, surv, now);
out:
	head_clear(&h);
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

static void
prematch_clear(struct prematch *p)
{
	free(p->request);
	free(p->doc_number);
	matches_free(p->mv, p->nm);
	memset(p, 0, sizeof(*p));
}

/*
 * The grouping part of proactive_sync() in bounded batches, outside any
 * transaction (the server's upkeep): the searches — the cases of the
 * same 文号 and the near-duplicate texts, most of a grouping's time —
 * run in a read snapshot without the write lock; then each case is
 * grouped in a short transaction of its own, which re-reads the case
 * under the lock and uses the matches found only if its request and
 * 文号 are still those they were found for (else it searches again),
 * and reads every membership, link and group it writes under the lock.
 * A case that arrives or changes in between is grouped by a later
 * round and finds this one then, as if this one came first.
 */
static enum cm_err
sync_snapshot(struct store *s, const struct proactive_settings *set,
    int batch, int *grouped, int *pending)
{
	struct prematch	*pre;
	struct case_rec	 rec;
	char		**ids = NULL, now[32];
	size_t		 n = 0, i;
	int		 outer, done = 0;
	enum cm_err	 e;

	store_read(s, 1);
	if ((e = store_px_case_ids(s, PX_IDS_UNGROUPED, batch, &ids, &n)) !=
	    CM_OK) {
		store_read(s, 0);
		return e;
	}
	pre = xcalloc(n + 1, sizeof(*pre));
	/* One snapshot: its counts and candidates hold for every case of
	 * the batch (proactive_cache.c). */
	px_cache_on = px_cache_new();
	for (i = 0; i < n; i++) {
		px_cache_trim(px_cache_on);
		if (store_case_get(s, ids[i], &rec) != CM_OK)
			continue;
		pre[i].request = rec.request != NULL ? xstrdup(rec.request) :
		    NULL;
		pre[i].doc_number = rec.doc_number != NULL ?
		    xstrdup(rec.doc_number) : NULL;
		pre[i].ok = case_matches(s, set, &rec, &pre[i].mv,
		    &pre[i].nm) == CM_OK;
		case_rec_clear(&rec);
	}
	px_cache_free(px_cache_on);
	px_cache_on = NULL;
	store_read(s, 0);
	for (i = 0, e = CM_OK; i < n && e == CM_OK; i++) {
		if ((e = store_px_begin(s, &outer)) != CM_OK)
			break;
		now_iso(now);
		e = store_px_end(s, outer, refresh_one(s, set, ids[i],
		    RF_TRIGGER, now, &pre[i]));
		if (e == CM_OK)
			done++;
	}
	for (i = 0; i < n; i++)
		prematch_clear(&pre[i]);
	free(pre);
	store_px_ids_free(ids, n);
	if (grouped != NULL)
		*grouped = done;
	if (e == CM_OK && pending != NULL)
		e = store_px_ungrouped(s, pending);
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
 * unit of work, except batches (batch > 0) outside a transaction: the
 * keys in one, then each case in one of its own, its matches searched
 * before without the write lock (sync_snapshot).
 */
enum cm_err
proactive_sync(struct store *s, int batch, int *grouped, int *pending)
{
	struct proactive_settings set;
	char			**ids = NULL, now[32];
	size_t			 n = 0, i;
	int			 outer, waiting;
	enum cm_err		 e;

	if (grouped != NULL)
		*grouped = 0;
	if (pending != NULL)
		*pending = 0;
	/* Nothing waiting: no transaction, no write lock (the upkeep asks
	 * every MAINT_EVERY_SECS). */
	if ((e = store_px_work_waiting(s, &waiting)) != CM_OK || !waiting)
		return e;
	/* The candidates are found, and the documents per trigram
	 * counted, through the search index: first the rows of the cases
	 * the server's writer left queued (store/store_ftsq.c), so that
	 * the grouping is the same as with each case indexed at its
	 * intake. */
	if ((e = store_fts_catch_up(s)) != CM_OK)
		return e;
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
			e = px_refresh_one(s, &set, ids[i], RF_KEYS, now);
	store_px_ids_free(ids, n);
	ids = NULL;
	n = 0;
	if (e != CM_OK || batch < 0)
		return store_px_end(s, outer, e);
	if (batch > 0 && outer) {
		if ((e = store_px_end(s, outer, e)) != CM_OK)
			return e;
		return sync_snapshot(s, &set, batch, grouped, pending);
	}
	if ((e = store_px_case_ids(s, PX_IDS_UNGROUPED, batch > 0 ? batch :
	    -1, &ids, &n)) == CM_OK)
		for (i = 0; i < n && e == CM_OK; i++)
			e = px_refresh_one(s, &set, ids[i], RF_TRIGGER, now);
	store_px_ids_free(ids, n);
	if (e == CM_OK && grouped != NULL)
		*grouped = (int)n;
	if (e == CM_OK && pending != NULL)
		e = store_px_ungrouped(s, pending);
	return store_px_end(s, outer, e);
}
