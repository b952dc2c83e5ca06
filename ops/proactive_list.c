/* SPDX-License-Identifier: ISC */
/*
 * Reading the Art. 44 groups, proposals and publications, their counts
 * for the annual report, and gathering the 热点分析 of a year.
 * Read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/model.h"
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

/*
 * Loads the groups with their members, proposals and publications, most
 * applicants first, as the write operations and the upkeep thread left
 * them (reads never write: no catching up here).  Free with
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
		g.applicants = proactive_members_distinct(g.m, g.nm);
		g.status = proactive_group_status(&g);
		if (!proactive_group_wanted(&g, f)) {
			proactive_group_clear(&g);
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
	proactive_group_clear(&g);
	free(ids);
	proactive_groups_free(gv, k);
	return e;
}

/*
 * One page of the groups, by id after `after' (0: from the first), at
 * most `limit' (-1: all), from the counts stored on each group: no
 * member is loaded and nothing is computed (issue 17), whatever the
 * size of the groups.  f's status and min_applicants filter (case_id
 * and group_id are ignored: proactive_groups_load() shows one group).
 * Free with proactive_group_sums_free().
 */
enum cm_err
proactive_groups_page(struct store *s, const struct proactive_filter *f,
    int64_t after, int limit, struct px_group_sum **out, size_t *np)
{
	return store_px_group_page(s, f != NULL ? f->status : NULL,
	    f != NULL ? f->min_applicants : 0, after, limit, out, np);
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

/* Groups with an open proposal; read-only, the same as
 * proactive_open_count_now() (kept for its callers). */
enum cm_err
proactive_open_count(struct store *s, int *n)
{
	return proactive_open_count_now(s, n);
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
	if (year < LIM_YEAR_MIN || year > LIM_YEAR_MAX)
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
	if (year < LIM_YEAR_MIN || year > LIM_YEAR_MAX)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_px_publications(s, 0, from, to, out, np);
}

/* The tags of a case (a UUID or number), by tag; free each and *out. */
enum cm_err
proactive_case_tags(struct store *s, const char *case_key, char ***out,
    size_t *n)
{
	char		 id[37];
	enum cm_err	 e;

	*out = NULL;
	*n = 0;
	if ((e = store_case_id(s, case_key, id)) != CM_OK)
		return e;
	return store_px_case_tags(s, id, out, n);
}

/*
 * The 热点分析 of a year (requests received in it): all requests, by
 * officer-assigned tag, and by the nterms key terms shared across
 * request texts, each by month and by applicant type
 * (proactive_hotspots_count).  Clear h with proactive_hotspots_clear().
 */
enum cm_err
proactive_hotspots(struct store *s, int year, size_t nterms,
    struct px_hotspots *h)
{
	struct proactive_member	*m = NULL;
	struct px_tagrow	*tg = NULL;
	struct agency		 ag;
	char			**names = NULL;
	size_t			 n = 0, nt = 0, nn = 0, i;
	char			 from[DATE_STRLEN], to[DATE_STRLEN];
	enum cm_err		 e;

	memset(h, 0, sizeof(*h));
	h->year = year;
	h->all.name = xstrdup("全部申请");
	if (year < LIM_YEAR_MIN || year > LIM_YEAR_MAX)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	if ((e = store_px_year_cases(s, from, to, &m, &n)) == CM_OK &&
	    (e = store_px_year_tags(s, from, to, &tg, &nt)) == CM_OK &&
	    (e = store_px_dept_names(s, &names, &nn)) == CM_OK) {
		/* The agency's own names say nothing about a subject. */
		memset(&ag, 0, sizeof(ag));
		if (store_agency_get(s, &ag) == CM_OK) {
			names = xrealloc(names, (nn + 2) * sizeof(*names));
			names[nn++] = ag.name != NULL ? xstrdup(ag.name) : NULL;
			names[nn++] = ag.review_body != NULL ?
			    xstrdup(ag.review_body) : NULL;
		}
		agency_clear(&ag);
		proactive_hotspots_count(h, m, n, tg, nt, nterms,
		    (const char *const *)names, nn);
	}
	proactive_members_free(m, n);
	store_px_tagrows_free(tg, nt);
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	return e;
}
