/* SPDX-License-Identifier: ISC */
/*
 * The search index queue (issue 17 item 5; the migration at the end of
 * store/schema_since16.h).  A new case's insert trigger only queues it
 * (fts_queue); its rows in the two FTS5 indexes, case_fts (trigram)
 * and case_gram_fts (characters and pairs), are written here, for
 * every case queued at once, inside a write transaction, so that the
 * rows commit with the flush or not at all.  FTS5 writes its pending
 * rows as a new segment at every savepoint's release: with the rows
 * written by the insert trigger, a batch of the server's writer (one
 * transaction, one savepoint per operation) wrote two segments per
 * intake and merged them, ~150-200 WAL pages an intake.
 *
 * By default the flush runs before every outermost commit
 * (store_commit), so that the queue is empty after it.  The server's
 * writer thread defers it (store_fts_defer): its commits leave the
 * cases queued until FTS_DEFER_MAX wait, and it writes them when idle
 * (store_fts_catch_up).  A flush per batch of ~4 intakes spent most of
 * its time creating and merging two small segments; one per few
 * hundred cases costs a few microseconds a case.  Meanwhile the queued
 * cases are committed and readable, but in no index: every reader of
 * the indexes adds them by a scan of the queue (bounded by
 * FTS_DEFER_MAX: the arms on fts_queue in store_web.c and
 * store_search.c), and the Art. 44 grouping, which counts documents
 * per trigram, catches the queue up first (proactive_sync).
 *
 * A search of the indexes inside a write transaction (the Art. 44
 * grouping of a case inserted in the same transaction, by a command or
 * test that groups right after case_new() in a caller's transaction)
 * flushes first (store_fts_current), so it finds every case as before.
 * Part of the store module (store_int.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "store/schema_fts.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_ANY, STMT_FTS, STMT_GRAMS, STMT_CLEAR, STMT_COUNT, STMT_UPTO,
	STMT__MAX
};

/* The positions search_pos numbers (the migration of store/
 * schema_since16.h that creates it): GRAMSTR's grams start there. */
#define GRAM_POS_MAX	10000

/* Appends the grams of one text (GRAMSTR's, for one of its three
 * expressions) to b: each character and each pair of adjacent
 * characters starting at positions 1 to GRAM_POS_MAX, in upper-case hex,
 * separated by spaces.  Characters are counted as SQLite's length()
 * and substr() count them: the text ends at a NUL byte, a byte from
 * 0xC0 up takes the continuation bytes (10xxxxxx) after it, any other
 * byte is one character. */
static void
grams_put(struct buf *b, const unsigned char *z, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		*at, n = 0, i, k, w, e;

	at = xcalloc(len + 2, sizeof(*at));
	for (i = 0; i < len && z[i] != 0; ) {
		at[n++] = i;
		if (z[i++] >= 0xC0)
			while (i < len && (z[i] & 0xC0) == 0x80)
				i++;
	}
	at[n] = i;
	for (w = 1; w <= 2; w++)
		for (k = 0; k + w <= n && k < GRAM_POS_MAX; k++) {
			if (b->len > 0)
				buf_putc(b, ' ');
			for (e = at[k]; e < at[k + w]; e++) {
				buf_putc(b, hex[z[e] >> 4]);
				buf_putc(b, hex[z[e] & 15]);
			}
		}
	free(at);
}

/*
 * fts_grams(request, doc_number, name): the string of tokens of a case
 * in case_gram_fts, as GRAMSTR computes it in SQL for the triggers
 * (store/schema_fts.h; the same set of tokens, in another order, which
 * an FTS5 index of detail=none does not keep); NULL when there are
 * none.  The flush's (FTSQ_FLUSH_GRAMS): 14 us a case in SQL, under
 * one in C.  The tests compare the two (ftsq suite).
 */
static void
grams_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	for (i = 0; i < argc; i++)
		if (sqlite3_value_type(argv[i]) != SQLITE_NULL)
			grams_put(&b, sqlite3_value_text(argv[i]),
			    (size_t)sqlite3_value_bytes(argv[i]));
	if (b.len > 0)
		sqlite3_result_text(cx, buf_str(&b), (int)b.len,
		    SQLITE_TRANSIENT);
	else
		sqlite3_result_null(cx);
	buf_clear(&b);
}

/* Registers fts_grams() on a connection (store_open). */
enum cm_err
store_fts_register(struct store *s)
{
	int	 rc;

	rc = sqlite3_create_function(s->db, "fts_grams", 3, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, grams_fn, NULL, NULL);
	return rc == SQLITE_OK ? CM_OK : sq_fail(s, rc);
}

static const char *const stmts[STMT__MAX] = {
	[STMT_ANY] = "SELECT EXISTS (SELECT 1 FROM fts_queue)",
	[STMT_FTS] = FTSQ_FLUSH_FTS,
	[STMT_GRAMS] = FTSQ_FLUSH_GRAMS,
	[STMT_CLEAR] = "DELETE FROM fts_queue",
	[STMT_COUNT] = "SELECT count(*) FROM fts_queue",
	/* How many wait, counting no further than ?1. */
	[STMT_UPTO] =
	    "SELECT count(*) FROM (SELECT 1 FROM fts_queue LIMIT ?1)",
};

/* Whether any case waits in the queue (one probe of its first row). */
static enum cm_err
waiting(struct store *s, int64_t *any)
{
	sqlite3_stmt	**t;

	*any = 0;
	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	return sq_ints_row(s, sq_get(t, STMT_ANY), any, 1);
}

/*
 * Writes the index rows of every queued case and empties the queue;
 * nothing when it is empty (one probe of an empty table).  Inside a
 * write transaction: store_fts_settle(), store_fts_current() and
 * store_fts_catch_up().
 */
enum cm_err
store_fts_flush(struct store *s)
{
	sqlite3_stmt	**t;
	int64_t		 any;
	enum cm_err	 e;

	if ((e = waiting(s, &any)) != CM_OK || any == 0)
		return e;
	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	if ((e = sq_exec(s, sq_get(t, STMT_FTS))) != CM_OK ||
	    (e = sq_exec(s, sq_get(t, STMT_GRAMS))) != CM_OK)
		return e;
	return sq_exec(s, sq_get(t, STMT_CLEAR));
}

/*
 * Before the outermost commit (store_commit): the flush, unless this
 * connection defers it and fewer than s->fts_defer cases wait (then
 * s->fts_behind says that some may).
 */
enum cm_err
store_fts_settle(struct store *s)
{
	sqlite3_stmt	**t, *st;
	int64_t		 n = 0;
	enum cm_err	 e;

	if (s->fts_defer <= 0)
		return store_fts_flush(s);
	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	st = sq_get(t, STMT_UPTO);
	sqlite3_bind_int(st, 1, s->fts_defer);
	if ((e = sq_ints_row(s, st, &n, 1)) != CM_OK)
		return e;
	if (n < s->fts_defer) {
		s->fts_behind = n > 0;
		return CM_OK;
	}
	s->fts_behind = 0;
	return store_fts_flush(s);
}

/*
 * Defers the flush of this connection's commits while fewer than max
 * cases wait (max <= 0: flush at every commit, the default); the
 * caller then writes them when it has time (store_fts_catch_up).  The
 * server's writer thread only: max bounds the scan every reader of the
 * indexes makes of the queue.
 */
void
store_fts_defer(struct store *s, int max)
{
	s->fts_defer = max > 0 ? max : 0;
}

/* Whether the last commit on this connection left cases queued. */
int
store_fts_behind(const struct store *s)
{
	return s->fts_behind;
}

/*
 * Writes the index rows of every queued case now, in a transaction of
 * its own (inside one, at its commit); nothing (one probe, no write
 * lock) when none waits.  The server's writer when idle; the Art. 44
 * grouping before it counts documents (proactive_sync).
 */
enum cm_err
store_fts_catch_up(struct store *s)
{
	int64_t		 any;
	enum cm_err	 e;

	if (s->depth > 0)
		return store_fts_flush(s);
	if ((e = waiting(s, &any)) != CM_OK)
		return e;
	/* Nothing waits; or, should the write fail, the cases stay
	 * queued for a later commit that finds enough of them, or the
	 * next store_open(). */
	s->fts_behind = 0;
	if (any == 0)
		return CM_OK;
	if ((e = store_begin(s)) != CM_OK)
		return e;
	if ((e = store_fts_flush(s)) != CM_OK ||
	    (e = store_commit(s)) != CM_OK)
		store_rollback(s);
	return e;
}

/*
 * Before a search of case_fts or case_gram_fts: inside a write
 * transaction, the cases it queued are written first, so that the
 * search finds them (if a savepoint around the flush rolls back, the
 * queue comes back with the cases).  Outside one, nothing: reads never
 * write, and the readers scan the cases still queued (the queue arms
 * of store_web.c and store_search.c).
 */
enum cm_err
store_fts_current(struct store *s)
{
	return s->depth > 0 ? store_fts_flush(s) : CM_OK;
}

/*
 * At store_open(): cases another writer inserted and queued (the
 * sqlite3 shell, bench/mkdb_copy.sql, a server killed with cases still
 * queued) are written in a transaction of their own; nothing to do
 * (one probe) when the queue is empty.  Never fails the open: if the
 * write cannot be done now (another process holding the write lock
 * past the busy timeout), a later flush does it.
 */
enum cm_err
store_fts_leftover(struct store *s)
{
	(void)store_fts_catch_up(s);
	return CM_OK;
}

/* How many cases wait in the queue (the tests: 0 after every commit
 * of a connection that does not defer). */
enum cm_err
store_fts_queued(struct store *s, int64_t *n)
{
	sqlite3_stmt	**t;

	*n = 0;
	if ((t = sq_table(s, SM_FTSQ, stmts, STMT__MAX)) == NULL)
		return CM_SYSERR;
	return sq_ints_row(s, sq_get(t, STMT_COUNT), n, 1);
}
