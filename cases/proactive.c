/* SPDX-License-Identifier: ISC */
/*
 * Frequently requested information -> proactive disclosure (Reg. art.
 * 44), the pure part: the trigger (N distinct applicants within a
 * window of M months and one reply disclosed or partial), the records
 * of groups, proposals and publications with their JSON shapes.
 * Grouping on the store and the officer's operations are
 * ops/proactive*.c; text folding, 文号, similarity and the 热点分析 are
 * cases/textfold.c, docref.c, similarity.c and hotspots.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/textfold.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

const char *const proactive_match_names[PX__MAX] = {
	[PX_NONE] = "none",
	[PX_DOC] = "doc",
	[PX_TEXT] = "text",
	[PX_LINK] = "link",
	[PX_PROPOSAL] = "proposal",
};

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

static void
uf_unite(size_t *p, size_t i, size_t j)
{
	size_t	 a = uf_find(p, i), b = uf_find(p, j);

	if (a != b)
		p[a] = b;
}

/* A key of one identity, for sorting identities into buckets. */
struct keyed {
	const char	*k;
	size_t		 i;
};

static int
keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed	*a = pa, *b = pb;
	int			 c = strcmp(a->k, b->k);

	return c != 0 ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* The key of identity x in pass 0 (ID number), 1 (name and phone) or 2
 * (the name alone, only when it has neither), or NULL. */
static const char *
ident_key(const struct px_ident *x, int pass)
{
	if (pass == 0)
		return x->id_key;
	if (pass == 1)
		return x->np_key;
	return x->id_key == NULL && x->np_key == NULL && x->name_key != NULL &&
	    x->name_key[0] != '\0' ? x->name_key : NULL;
}

/*
 * Unites in p (a union-find forest over 0..n-1) the identities that are
 * the same applicant, transitively, in O(n log n) instead of comparing
 * every pair.  same_loose(a, b) holds when (1) both have an ID number
 * and it is the same; (2) not both have one, both have a name and phone
 * and they are the same; (3) neither has either, and the names are the
 * same.  So: each bucket of one ID number is one class; a bucket of one
 * name and phone is one class when any member lacks an ID number (its
 * members with one are each linked to that member), and links nothing
 * otherwise; each bucket of one name among identities with neither key
 * is one class.
 */
static void
ident_classes(const struct px_ident *id, size_t n, size_t *p)
{
	struct keyed	*v;
	const char	*k;
	size_t		 i, j, m, start;
	int		 pass, lacking;

	for (i = 0; i < n; i++)
		p[i] = i;
	v = xcalloc(n + 1, sizeof(*v));
	for (pass = 0; pass < 3; pass++) {
		for (i = 0, m = 0; i < n; i++)
			if ((k = ident_key(&id[i], pass)) != NULL) {
				v[m].k = k;
				v[m++].i = i;
			}
		qsort(v, m, sizeof(*v), keyed_cmp);
		for (start = 0; start < m; start = j) {
			lacking = 0;
			for (j = start; j < m && strcmp(v[j].k, v[start].k) ==
			    0; j++)
				lacking |= id[v[j].i].id_key == NULL;
			if (pass == 1 && !lacking)
				continue;
			for (i = start + 1; i < j; i++)
				uf_unite(p, v[start].i, v[i].i);
		}
	}
	free(v);
}

/*
 * The applicant classes of n identities (proactive_same_loose,
 * transitively): p[i] gets the index of the representative of i's
 * class, the same for every member of a class; O(n log n).  The store
 * keeps each group's classes by key (store/store_pxcount.c) and
 * rebuilds them from this.
 */
void
proactive_applicant_classes(const struct px_ident *id, size_t n, size_t *p)
{
	size_t	 i;

	ident_classes(id, n, p);
	for (i = 0; i < n; i++)
		p[i] = uf_find(p, i);
}

/* Same person for counting purposes: repeat_same_applicant(), or, when
 * neither side has an ID number or a phone, the same name.  (The
 * reference relation ident_classes() computes in bulk; the tests compare
 * the two.) */
int
proactive_same_loose(const struct px_ident *a, const struct px_ident *b)
{
	if (repeat_same_applicant(a, b))
		return 1;
	return a->id_key == NULL && b->id_key == NULL && a->np_key == NULL &&
	    b->np_key == NULL && a->name_key != NULL && b->name_key != NULL &&
	    a->name_key[0] != '\0' && strcmp(a->name_key, b->name_key) == 0;
}

/*
 * The number of distinct applicants among n identities: identities that
 * are the same applicant (proactive_same_loose) are merged, transitively.
 */
int
proactive_distinct_applicants(const struct px_ident *id, size_t n)
{
	size_t	*p, i;
	int	 count = 0;

	if (n == 0)
		return 0;
	p = xcalloc(n, sizeof(*p));
	ident_classes(id, n, p);
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

struct dated {
	int	 day;
	size_t	 i;
};

static int
dated_cmp(const void *pa, const void *pb)
{
	const struct dated	*a = pa, *b = pb;

	return a->day < b->day ? -1 : a->day > b->day;
}

/*
 * The art. 44 trigger on a group's members: within some window of
 * window_months months — the cases received from the same calendar day
 * window_months months before a member's receipt up to that receipt,
 * both days included — at least threshold distinct applicants, and at
 * least one member replied disclosed or partial (the information can be
 * disclosed).  *applicants gets the largest distinct count of any
 * window.  Returns 1 when met.
 *
 * O(n log n): the members sorted by receipt, a window sliding over them
 * (its start, proactive_months_back of its end, never moves back) with a
 * count of members per applicant class.
 */
int
proactive_trigger_met(const struct proactive_member *m, size_t n,
    int threshold, int window_months, int *applicants)
{
	struct px_ident	*id;
	struct dated	*o;
	size_t		*p, *cnt, i, no = 0, lo = 0, hi = 0;
	int		 best = 0, c = 0, disclosed = 0, from, de;

	*applicants = 0;
	if (n == 0)
		return 0;
	id = xcalloc(n, sizeof(*id));
	p = xcalloc(n, sizeof(*p));
	cnt = xcalloc(n, sizeof(*cnt));
	o = xcalloc(n, sizeof(*o));
	for (i = 0; i < n; i++) {
		member_ident(&m[i], &id[i]);
		if (date_parse(m[i].received, &o[no].day) == 0)
			o[no++].i = i;
		if (m[i].outcome != NULL && (strcmp(m[i].outcome,
		    "disclosed") == 0 || strcmp(m[i].outcome, "partial") == 0))
			disclosed = 1;
	}
	ident_classes(id, n, p);
	qsort(o, no, sizeof(*o), dated_cmp);
	for (i = 0; i < no; i++) {
		de = o[i].day;
		while (hi < no && o[hi].day <= de)
			if (cnt[uf_find(p, o[hi++].i)]++ == 0)
				c++;
		from = proactive_months_back(de, window_months);
		while (lo < hi && o[lo].day < from)
			if (--cnt[uf_find(p, o[lo++].i)] == 0)
				c--;
		if (c > best)
			best = c;
	}
	free(id);
	free(p);
	free(cnt);
	free(o);
	*applicants = best;
	return disclosed && best >= threshold;
}

/* ---- Listing ------------------------------------------------------------ */

/* Distinct applicants among n members (proactive_distinct_applicants). */
int
proactive_members_distinct(const struct proactive_member *m, size_t n)
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
proactive_proposals_free(struct proactive_proposal *p, size_t n)
{
	size_t	 i;

	for (i = 0; p != NULL && i < n; i++) {
		free(p[i].source);
		free(p[i].case_number);
		free(p[i].reason);
		free(p[i].status);
		free(p[i].opened_at);
		free(p[i].opened_by);
		free(p[i].decided_at);
		free(p[i].decided_by);
		free(p[i].decline_reason);
	}
	free(p);
}

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

void
proactive_group_clear(struct proactive_group *g)
{
	free(g->key);
	free(g->label);
	free(g->created_at);
	free(g->updated_at);
	proactive_members_free(g->m, g->nm);
	proactive_proposals_free(g->p, g->np);
	proactive_pubs_free(g->pub, g->npub);
	memset(g, 0, sizeof(*g));
}

/* Frees proactive_groups_load() output; NULL is a no-op. */
void
proactive_groups_free(struct proactive_group *g, size_t n)
{
	size_t	 i;

	for (i = 0; g != NULL && i < n; i++)
		proactive_group_clear(&g[i]);
	free(g);
}

/* The group's proposal state: open if any is open, else accepted if any
 * was, else declined if any was, else NULL. */
const char *
proactive_group_status(const struct proactive_group *g)
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

int
proactive_group_wanted(const struct proactive_group *g,
    const struct proactive_filter *f)
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

/* Frees proactive_groups_page() output; NULL is a no-op. */
void
proactive_group_sums_free(struct px_group_sum *g, size_t n)
{
	size_t	 i;

	for (i = 0; g != NULL && i < n; i++) {
		free(g[i].key);
		free(g[i].label);
	}
	free(g);
}

/*
 * One group as `proactive list --json` has it (codes.md): "id", "key",
 * "label", "applicants" (distinct count), "cases" (count), "proposal"
 * (null | "open" | "accepted" | "declined") and "last_received"; the
 * members, proposals and publications are in `proactive show GROUP`.
 */
void
proactive_group_sum_json(const struct px_group_sum *g, struct json *j)
{
	json_obj_open(j, NULL);
	json_int(j, "id", (long long)g->id);
	json_str(j, "key", g->key);
	json_str(j, "label", g->label);
	json_int(j, "applicants", g->applicants);
	json_int(j, "cases", g->cases);
	json_str(j, "proposal", g->status);
	json_str(j, "last_received", g->last_received[0] != '\0' ?
	    g->last_received : NULL);
	json_obj_close(j);
}
