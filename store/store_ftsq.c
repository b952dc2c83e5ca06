/* SPDX-License-Identifier: ISC */
/*
 * The search index queue (issue 17 item 5; the migration at the end of
 * store/schema_since16.h).  A new case's insert trigger only queues it
 * (fts_queue); its rows in the two FTS5 indexes, case_fts (trigram)
 * and case_gram_fts (characters and pairs), are written here, for
 * every case queued, once per transaction: before the outermost commit
 * (store_commit), inside it, so that the rows commit with the cases or
 * not at all and no reader ever sees the queue non-empty.  FTS5 writes
 * its pending rows as a new segment at every savepoint's release: with
 * the rows written by the insert trigger, a batch of the server's
 * writer (one transaction, one savepoint per operation) wrote two
 * segments per intake and merged them, ~150-200 WAL pages an intake.
 *
 * A search of the indexes inside a write transaction (the Art. 44
 * grouping of a case inserted in the same transaction, by a command or
 * test that groups right after case_new() in a caller's transaction)
 * flushes first (store_fts_current), so it finds every case as before.
 * Part of the store module (store_int.h).
 */
#include <stdint.h>

#include "store/schema_fts.h"
#include "store/store.h"
#include "store/store_int.h"

enum stmt {
	STMT_ANY, STMT_FTS, STMT_GRAMS, STMT_CLEAR, STMT_COUNT, STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_ANY] = "SELECT EXISTS (SELECT 1 FROM fts_queue)",
	[STMT_FTS] = FTSQ_FLUSH_FTS,
	[STMT_GRAMS] = FTSQ_FLUSH_GRAMS,
	[STMT_CLEAR] = "DELETE FROM fts_queue",
	[STMT_COUNT] = "SELECT count(*) FROM fts_queue",
};

/*
 * Writes the index rows of every queued case and empties the queue;
 * nothing when it is empty (one probe of an empty table).  Inside a
 * write transaction: store_commit() before the outermost commit, and
 * store_fts_current().
 */
enum cm_err
store_fts_flush(struct store *s)
{
	sqlite3_stmt	**t;
	int64_t		 any = 0;
	enum cm_err	 e;

	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	if ((e = sq_ints_row(s, sq_get(t, STMT_ANY), &any, 1)) != CM_OK ||
	    any == 0)
		return e;
	if ((e = sq_exec(s, sq_get(t, STMT_FTS))) != CM_OK ||
	    (e = sq_exec(s, sq_get(t, STMT_GRAMS))) != CM_OK)
		return e;
	return sq_exec(s, sq_get(t, STMT_CLEAR));
}

/*
 * Before a search of case_fts or case_gram_fts: inside a write
 * transaction, the cases it queued are written first, so that the
 * search finds them (if a savepoint around the flush rolls back, the
 * queue comes back with the cases).  Outside one the queue is empty:
 * nothing (and no write on a reader's connection).
 */
enum cm_err
store_fts_current(struct store *s)
{
	return s->depth > 0 ? store_fts_flush(s) : CM_OK;
}

/*
 * At store_open(): cases another writer inserted and queued (the
 * sqlite3 shell, bench/mkdb_copy.sql) are written in a transaction of
 * their own; nothing to do (one probe) when the queue is empty, as
 * after every commit of this program.  Never fails the open: if the
 * write cannot be done now (another process holding the write lock
 * past the busy timeout), the next commit does it.
 */
enum cm_err
store_fts_leftover(struct store *s)
{
	sqlite3_stmt	**t;
	int64_t		 any = 0;

	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL ||
	    sq_ints_row(s, sq_get(t, STMT_ANY), &any, 1) != CM_OK ||
	    any == 0)
		return CM_OK;
	/* store_commit() flushes. */
	if (store_begin(s) != CM_OK)
		return CM_OK;
	if (store_commit(s) != CM_OK)
		store_rollback(s);
	return CM_OK;
}

/* How many cases wait in the queue (the tests: 0 after every commit). */
enum cm_err
store_fts_queued(struct store *s, int64_t *n)
{
	sqlite3_stmt	**t;

	*n = 0;
	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	return sq_ints_row(s, sq_get(t, STMT_COUNT), n, 1);
}
