/* SPDX-License-Identifier: ISC */
/*
 * The database side of a writer batch with and without the search
 * index queue (issue 17 item 5; store/store_ftsq.c), run by
 * bench/ftsq.sh: bench_ftsq DB MODE B K inserts K batches of B cases
 * into DB (a copy of a benchmark database at the current schema), each
 * batch one transaction (BEGIN IMMEDIATE, synchronous=FULL) and each
 * case in nested savepoints as the writer and case_new() open them:
 *   queue  the schema as it is: the insert trigger queues the case and
 *          the flush (FTSQ_FLUSH_*) writes the batch's index rows
 *          before the commit, as store_commit() does;
 *   trig   the insert trigger writes the case's index rows at once
 *          (the triggers before the queue), so that FTS5 writes them
 *          out at the next savepoint.
 * Prints "MODE B cpu-ms-per-case wall-ms-per-case".  Only the cases
 * row is inserted (the other rows of an intake are the same in both).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/schema_fts.h"

static const char *const trig_sql =
	"DROP TRIGGER cases_fts_queue;"
	"CREATE TRIGGER bench_fts_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_fts (rowid, " FTS_COLS ") VALUES (NEW.rowid, "
	CASE_FTS_VALS("NEW") ");"
	"  INSERT INTO case_gram_fts (rowid, g) VALUES"
	"  (NEW.year * 10000000 + NEW.seq, " CASE_GRAMSTR("NEW") ");  END;";

static void
x(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "bench_ftsq: %s: %s\n", err, sql);
		exit(1);
	}
}

static double
mono(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	sqlite3		*db;
	sqlite3_stmt	*ins, *fl[3];
	char		 id[40], num[32], req[128];
	double		 w0, w1;
	clock_t		 c0, c1;
	int		 queue, b, i, k, nb, nk, seq = 9000000;
	/* Prepared once, as the store prepares them (store_ftsq.c). */
	static const char *const flush[3] = {
		FTSQ_FLUSH_FTS, FTSQ_FLUSH_GRAMS_SQL, "DELETE FROM fts_queue"
	};

	if (argc != 5 || (strcmp(argv[2], "queue") != 0 &&
	    strcmp(argv[2], "trig") != 0)) {
		fprintf(stderr, "usage: bench_ftsq DB queue|trig B K\n");
		return 2;
	}
	queue = strcmp(argv[2], "queue") == 0;
	nb = atoi(argv[3]);
	nk = atoi(argv[4]);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	x(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;");
	if (!queue)
		x(db, trig_sql);
	/* A new case like the first one, with its own id, number, text. */
	if (sqlite3_prepare_v2(db, "INSERT INTO cases (id, year, seq, number,"
	    " applicant_id, channel, arrived_on, received_on, request, state,"
	    " due, created_at, updated_at) SELECT ?1, 2026, ?2, ?3,"
	    " applicant_id, channel, arrived_on, received_on, ?4, state, due,"
	    " created_at, updated_at FROM cases WHERE rowid = 1", -1, &ins,
	    NULL) != SQLITE_OK)
		return 1;
	for (i = 0; i < 3; i++)
		if (sqlite3_prepare_v2(db, flush[i], -1, &fl[i], NULL) !=
		    SQLITE_OK)
			return 1;
	c0 = clock();
	w0 = mono();
	for (k = 0; k < nk; k++) {
		x(db, "BEGIN IMMEDIATE");
		for (b = 0; b < nb; b++) {
			seq++;
			snprintf(id, sizeof(id),
			    "00000000-0000-4000-8000-%012d", seq);
			snprintf(num, sizeof(num), "2026-%d", seq);
			snprintf(req, sizeof(req), "示范区%d年第%d号征地补偿安置"
			    "方案及补偿标准", 2000 + seq % 26, seq);
			x(db, "SAVEPOINT op; SAVEPOINT c");
			sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_int(ins, 2, seq);
			sqlite3_bind_text(ins, 3, num, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 4, req, -1, SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE) {
				fprintf(stderr, "bench_ftsq: %s\n",
				    sqlite3_errmsg(db));
				return 1;
			}
			sqlite3_reset(ins);
			/* The event's and the keys' savepoints. */
			x(db, "SAVEPOINT e; RELEASE e; SAVEPOINT p; RELEASE p;"
			    "RELEASE c; RELEASE op");
		}
		for (i = 0; queue && i < 3; i++) {
			if (sqlite3_step(fl[i]) != SQLITE_DONE)
				return 1;
			sqlite3_reset(fl[i]);
		}
		x(db, "COMMIT");
	}
	c1 = clock();
	w1 = mono();
	printf("%s %d %.3f %.3f\n", argv[2], nb,
	    (double)(c1 - c0) * 1e3 / CLOCKS_PER_SEC / (nb * nk),
	    (w1 - w0) / (nb * nk));
	sqlite3_finalize(ins);
	for (i = 0; i < 3; i++)
		sqlite3_finalize(fl[i]);
	sqlite3_close(db);
	return 0;
}
