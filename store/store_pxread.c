/* SPDX-License-Identifier: ISC */
/*
 * The searches of one Art. 44 grouping (store/store_proactive.h, split
 * from store_proactive.c and store_pxcount.c): the near-duplicate
 * candidates from the trigram index, the rarity of a trigram, and the
 * oldest members of a group a joining case is compared with.  Each
 * reads only the columns the grouping compares (issue 17: the member
 * rows of MEMBER_SELECT were five b-tree descents a row, most of a
 * grouping at 1,000,000 cases).  Bound parameters only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_proactive.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_FTS, STMT_GROUP_HEAD, STMT_TERM_VOCAB,
	STMT_TERM_CAPPED, STMT_FTS_TOP, STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	/* The candidates' id and texts from cases by the index's rowid,
	 * the case's (case_fts reads its content from cases: migration
	 * 34), one b-tree descent a row: joining applicants, keys and
	 * members as well cost five, half the query at 1,000,000 cases
	 * (issue 17); the caller reads only these columns.  The exclusion
	 * comes after the LIMIT, as before. */
	[STMT_FTS] =
	    "SELECT c.id, NULL, NULL, NULL, c.request, c.doc_number, NULL,"
	    " NULL, NULL, NULL, NULL, NULL, NULL, 0 FROM (SELECT rowid AS k"
	    " FROM case_fts WHERE case_fts MATCH ?1 ORDER BY rowid DESC"
	    " LIMIT ?2) f JOIN cases c ON c.rowid = f.k WHERE c.id <> ?3"
	    " ORDER BY f.k DESC",
	/* The oldest members from the index proactive_members_rank
	 * alone, which covers the columns group_admits() reads (store/
	 * schema_px.h): rank_key is the receipt, a space and the number
	 * (its order that of the two), head_request and head_doc the
	 * case's texts; reading them from cases was 400 b-tree descents
	 * (issue 17).  The score is not read (0). */
	[STMT_GROUP_HEAD] =
	    "SELECT case_id, substr(rank_key, instr(rank_key, ' ') + 1),"
	    " substr(rank_key, 1, instr(rank_key, ' ') - 1), NULL,"
	    " head_request, head_doc, NULL, NULL, NULL, NULL, NULL, NULL,"
	    " how, 0 FROM proactive_members INDEXED BY proactive_members_rank"
	    " WHERE group_id = ?1 ORDER BY rank_key LIMIT ?2",
	/* How many requests hold a trigram: the vocabulary counts every
	 * row of the term's list (1 ms a common term at 100,000 cases,
	 * 10 at 1,000,000), the MATCH only the newest rows. */
	[STMT_TERM_VOCAB] =
	    "SELECT doc FROM case_fts_vocab WHERE term = ?1 AND col = 'request'",
	/* The rows after ?2, at most ?3 of them (< 0: all): the newest
	 * row is read once per request, not by a subquery per term. */
	[STMT_TERM_CAPPED] =
	    "SELECT count(*) FROM (SELECT 1 FROM case_fts"
	    " WHERE case_fts MATCH ?1 AND rowid > ?2 LIMIT ?3)",
	[STMT_FTS_TOP] =
	    "SELECT coalesce((SELECT rowid FROM case_fts ORDER BY rowid DESC"
	    " LIMIT 1), 0)",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_PXREAD, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define GET(st, k) do {						\
	if (((st) = get(s, (k))) == NULL)				\
		return CM_SYSERR;					\
} while (0)

/*
 * Candidate cases for near-duplicate matching: the best `limit' rows of
 * the FTS5 trigram index for the MATCH expression (bm25 rank), except
 * the case itself (proactive_members_free).
 */
enum cm_err
store_px_fts(struct store *s, const char *match, int limit,
    const char *exclude, struct proactive_member **out, size_t *np)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	/* Cases this transaction queued are searched too. */
	if ((e = store_fts_current(s)) != CM_OK)
		return e;
	GET(st, STMT_FTS);
	sq_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, limit);
	sq_bind_text(st, 3, exclude);
	return px_member_rows(s, st, out, np);
}

/* The first `limit' members of a group, oldest first
 * (proactive_members_free): what a joining case is compared with.
 * Only the id, number, receipt, request, 文号 and how are read. */
enum cm_err
store_px_group_head(struct store *s, int64_t group, int limit,
    struct proactive_member **out, size_t *np)
{
	sqlite3_stmt	*st;

	GET(st, STMT_GROUP_HEAD);
	sqlite3_bind_int64(st, 1, group);
	sqlite3_bind_int(st, 2, limit);
	return px_member_rows(s, st, out, np);
}

/* Whether the trigram index's case folding could change a code point
 * of t (letters of cased scripts beyond ASCII lower case): then the
 * term is counted in the vocabulary as stored, not through MATCH. */
static int
term_folds(const char *t)
{
	const unsigned char	*p = (const unsigned char *)t;
	uint32_t		 c;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p >= 'A' && *p <= 'Z')
				return 1;
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0 && p[1] != '\0') {
			c = (uint32_t)(*p & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if ((*p & 0xf0) == 0xe0 && p[1] != '\0' &&
		    p[2] != '\0') {
			c = (uint32_t)(*p & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else
			return 1;
		if (c < 0x3000 || (c >= 0xa640 && c < 0xa800) ||
		    (c >= 0xff21 && c <= 0xff5a) || c >= 0x10000)
			return 1;
	}
	return 0;
}

/*
 * How many requests the trigram index holds a term in (0 if none),
 * among the newest `window' rows of the index (window <= 0: all; all
 * too for a term the index's case folding could change, counted as
 * stored, as before).  The caller ranks terms by rarity: on an index of
 * at most `window' rows the counts are exact.
 */
enum cm_err
store_px_term_docs(struct store *s, const char *term, int window,
    int *docs)
{
	int64_t		 top = 0;
	enum cm_err	 e;

	*docs = 0;
	if (window > 0 && (e = store_px_fts_top(s, &top)) != CM_OK)
		return e;
	return store_px_term_count(s, term, top, window, 0, docs);
}

/*
 * store_px_term_docs() on an index whose newest row is top
 * (store_px_fts_top), counting at most `cap' rows (cap <= 0: all): a
 * count of cap means at least cap.  Counted in the vocabulary, the
 * count is exact whatever the cap.
 */
enum cm_err
store_px_term_count(struct store *s, const char *term, int64_t top,
    int window, int cap, int *docs)
{
	sqlite3_stmt	*st;
	char		*q;
	size_t		 n;
	int64_t		 v = 0;
	enum cm_err	 e;

	*docs = 0;
	if ((e = store_fts_current(s)) != CM_OK)
		return e;
	if (window <= 0 || term_folds(term) || strchr(term, '"') != NULL) {
		GET(st, STMT_TERM_VOCAB);
		sq_bind_text(st, 1, term);
		e = sq_ints_row(s, st, &v, 1);
		*docs = (int)v;
		return e == CM_NOTFOUND ? CM_OK : e;
	}
	GET(st, STMT_TERM_CAPPED);
	n = strlen(term) + 16;
	q = xmalloc(n);
	snprintf(q, n, "request : \"%s\"", term);
	sq_bind_text(st, 1, q);
	sqlite3_bind_int64(st, 2, top - window);
	sqlite3_bind_int(st, 3, cap > 0 ? cap : -1);
	e = sq_ints_row(s, st, &v, 1);
	free(q);
	*docs = (int)v;
	return e == CM_NOTFOUND ? CM_OK : e;
}

/* The newest row of the trigram index (0 when empty). */
enum cm_err
store_px_fts_top(struct store *s, int64_t *top)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	*top = 0;
	if ((e = store_fts_current(s)) != CM_OK)
		return e;
	GET(st, STMT_FTS_TOP);
	return sq_ints_row(s, st, top, 1);
}
