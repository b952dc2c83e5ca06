/* SPDX-License-Identifier: ISC */
/*
 * `proactive rebuild': every case grouped again from scratch, keeping
 * officers' links and unlinks, proposals and publications (split from
 * ops/proactive_group.c).  Linear in the cases (issue 17): each case's
 * searches are bounded, and the groups' counts are recounted once, at
 * the commit, not per member.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

static int
i64_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
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
		e = px_group_trigger(s, set, g[i], now);
	free(g);
	return e;
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
	/* Nothing changes a text while the rebuild holds the lock: what
	 * the searches find is computed once (proactive_cache.c). */
	px_cache_on = px_cache_new();
	for (i = 0; i < n && e == CM_OK; i++) {
		px_cache_trim(px_cache_on);
		e = px_refresh_one(s, &set, ids[i], RF_GROUP, now);
	}
	px_cache_free(px_cache_on);
	px_cache_on = NULL;
	if (e != CM_OK)
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
