/* SPDX-License-Identifier: ISC */
/*
 * The SQL the migrations (store/schema.c, store/schema_since16.h) and
 * the search index queue (store/store_ftsq.c) share: a contentless
 * FTS5 table (case_gram_fts) forgets a row only when given exactly the
 * tokens it was given, so the triggers that delete and the flush that
 * inserts must compute the same tokens: the triggers by the SQL
 * expression CASE_GRAMSTR, the flush by the C function fts_grams()
 * (store/store_ftsq.c), which the ftsq tests hold to it.  Included by
 * those two files, the tests and bench/bench_ftsq.c.
 */
#ifndef STORE_SCHEMA_FTS_H
#define STORE_SCHEMA_FTS_H

/* The case_gram_fts rowid of the case c. */
#define C_K	"c.year * 10000000 + c.seq"

/* The characters and pairs of a case's request text, 文号 field and
 * applicant name (the three expressions), each in hex, as one string
 * of tokens for the FTS5 "ascii" tokenizer (a hex gram is one token,
 * matched exactly). */
#define GRAMSTR(req, doc, name)						\
	"(SELECT group_concat(hex(substr(t.v, p.i, w.n)), ' ') FROM"	\
	" (SELECT " req " AS v UNION ALL SELECT " doc			\
	" UNION ALL SELECT " name ") t,"				\
	" (SELECT 1 AS n UNION ALL SELECT 2) w, search_pos p"		\
	" WHERE p.i <= length(t.v) - w.n + 1)"
/* The same of the case r (a trigger's NEW or OLD row, or c). */
#define CASE_GRAMSTR(r)							\
	GRAMSTR(r ".request", r ".doc_number",				\
	    "(SELECT name FROM applicants WHERE id = " r ".applicant_id)")

/*
 * Whether the case r (OLD, or c) waits in fts_queue (issue 17 item 5):
 * it has no rows in case_fts and case_gram_fts yet, and the flush will
 * write them from its values then; the update, delete and rename
 * triggers leave it alone (a contentless 'delete' of a row never
 * inserted would corrupt case_gram_fts).
 */
#define FTS_QUEUED(r)							\
	"EXISTS (SELECT 1 FROM fts_queue WHERE case_rowid = " r ".rowid)"

/* The columns of case_fts (external content: the view case_fts_src,
 * migration 34), and their values for the case r (a trigger's NEW or
 * OLD row, or c). */
#define FTS_COLS	"case_id, number, applicant, request, doc_number"
#define CASE_FTS_VALS(r)						\
	r ".id, " r ".number, (SELECT name FROM applicants WHERE id = "	\
	r ".applicant_id), " r ".request, " r ".doc_number"

/* The flush (store_fts_flush): the queued cases' rows, in the order
 * the cases were inserted (case_fts's rowid, the case's, is the
 * newest-first order of its readers), from their current values; a
 * queued case deleted since has no row in cases and is skipped. */
#define FTSQ_FLUSH_FTS							\
	"INSERT INTO case_fts (rowid, " FTS_COLS ") SELECT c.rowid, "	\
	CASE_FTS_VALS("c") " FROM fts_queue q JOIN cases c"		\
	" ON c.rowid = q.case_rowid ORDER BY q.case_rowid"
#define FTSQ_GRAMS_OF(g)						\
	"INSERT INTO case_gram_fts (rowid, g) SELECT " C_K ", " g	\
	" FROM fts_queue q JOIN cases c ON c.rowid = q.case_rowid"	\
	" ORDER BY q.case_rowid"
/* The store's, with the C function fts_grams() (store/store_ftsq.c),
 * which yields the tokens of CASE_GRAMSTR; and the same in SQL, for a
 * connection without it (bench/bench_ftsq.c, the tests). */
#define FTSQ_FLUSH_GRAMS						\
	FTSQ_GRAMS_OF("fts_grams(c.request, c.doc_number, (SELECT name"	\
	    " FROM applicants WHERE id = c.applicant_id))")
#define FTSQ_FLUSH_GRAMS_SQL	FTSQ_GRAMS_OF(CASE_GRAMSTR("c"))

#endif
