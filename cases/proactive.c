/* SPDX-License-Identifier: ISC */
/*
 * Frequently requested information -> proactive disclosure (Reg. art.
 * 44), the pure part: the trigger (N distinct applicants within a
 * window of M months and one reply disclosed or partial), the records
 * of groups, proposals and publications with their JSON shapes, and
 * the key terms of the 热点分析 with its JSON and CSV.  Grouping on the
 * store and the officer's operations are ops/proactive*.c; text
 * folding, 文号 and similarity are cases/textfold.c, cases/docref.c and
 * cases/similarity.c.
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

/* ---- Listing ------------------------------------------------------------ */

/* Frees a member row's strings and zeroes it. */
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

	n = px_u8_decode(s, &v);
	if (n > PX_TERM_TEXT)
		n = PX_TERM_TEXT;
	for (i = 0; i < n; i++) {
		if (px_is_han(v[i]))
			v[k++] = v[i];
		else if (k > 0 && v[k - 1] != 0)
			v[k++] = 0;
	}
	*out = v;
	return px_strip_phrases(v, k, stop, 1);
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
 * Counts the 热点分析 of h->year into h (its year and all.name set by
 * the caller) from the n requests received in the year (m, sorted here
 * by case id) and their nt tags (tg, sorted by tag): all requests, by
 * tag, and by the nterms key terms shared across request texts.
 */
void
proactive_hotspots_count(struct px_hotspots *h, struct proactive_member *m,
    size_t n, const struct px_tagrow *tg, size_t nt, size_t nterms)
{
	struct proactive_member	 key, *hit;
	const struct phrases	*stop = px_phrases(PX_PH_TERM);
	struct term		*terms = NULL;
	uint32_t		**norm = NULL;
	size_t			*nlen = NULL, i, u, nterm = 0;
	struct buf		 b;

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
		px_u8_encode(&b, terms[u].c, terms[u].n);
		h->terms[u].name = xstrdup(buf_str(&b));
		for (i = 0; i < n; i++)
			if (contains(norm[i], nlen[i], terms[u].c, terms[u].n))
				hot_count(&h->terms[u], &m[i]);
	}
	h->nterms = nterm;
	buf_clear(&b);
	if (h->nterms > 1)
		qsort(h->terms, h->nterms, sizeof(*h->terms), hot_cmp);
	for (i = 0; norm != NULL && i < n; i++)
		free(norm[i]);
	free(norm);
	free(nlen);
	free(terms);
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
