/* SPDX-License-Identifier: ISC */
/*
 * bench_group DB K [rebuild]: the Art. 44 grouping of one new case as
 * the server's upkeep does it, K times on the database DB (changed: run
 * it on a copy).  Each round registers one case with grouping deferred
 * (case_new stores its keys only, as under a running server), asking
 * for the information of the oldest member of one of the 25 largest
 * groups in turn, by a new applicant, received on the latest receipt
 * day; then times
 * proactive_sync(batch 1), which groups it.  With "warm W", W such
 * rounds come first, untimed, asking for the information of other groups
 * (the smallest of the 25, W + K <= 25): the server's upkeep runs on a
 * connection it keeps, and a first grouping in a new process also pays
 * for the process (memory faulted in for SQLite's page cache: 29% of
 * it at 1,000,000 cases, perf), not for the grouping.  Prints one line
 * per timed case:
 * "group<TAB>MS<TAB>hold<TAB>MS", hold being the longest time the
 * write lock was held (where the store measures it; else the whole
 * sync, one transaction).  With "rebuild": times proactive_rebuild()
 * once and prints "rebuild<TAB>SECONDS<TAB>cases<TAB>N"; with "settle":
 * recounts the groups marked for it, untimed.
 *
 * Built against the tree it sits in, so that bench/grouping.sh can
 * build the same file against a reference commit.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "store/store.h"

static double
now_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Texts taken from the NTEXT largest groups (each group's oldest
 * member), largest first, and the latest receipt day. */
#define NTEXT	25

static size_t
pick(const char *path, char *req[NTEXT], char day[16])
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	size_t		 n = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		exit(1);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT c.request FROM"
	    " proactive_members m JOIN cases c ON c.id = m.case_id"
	    " WHERE m.group_id = g.group_id"
	    " ORDER BY c.received_on, c.number LIMIT 1)"
	    " FROM (SELECT group_id, count(*) AS n FROM proactive_members"
	    " GROUP BY group_id ORDER BY n DESC LIMIT ?1) g", -1, &st,
	    NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_int(st, 1, NTEXT);
	while (n < NTEXT && sqlite3_step(st) == SQLITE_ROW)
		req[n++] = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n == 0) {
		fprintf(stderr, "bench_group: no group in %s\n", path);
		exit(1);
	}
	if (sqlite3_prepare_v2(db, "SELECT max(received_on) FROM cases", -1,
	    &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		exit(1);
	snprintf(day, 16, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

int
main(int argc, char *argv[])
{
	struct store		*st;
	struct calendar		*cal;
	struct case_input	 in;
	char			*req[NTEXT], day[16], name[32], phone[16];
	char			 id[37], num[32], err[256];
	double			 t0, ms, hold;
	int			 k, n, grouped, pending, today, cases, groups;
	int			 warm = 0;
	size_t			 nreq;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_group DB K [rebuild|settle|"
		    "warm W]\n");
		return 2;
	}
	n = atoi(argv[2]);
	if (argc > 4 && strcmp(argv[3], "warm") == 0)
		warm = atoi(argv[4]);
	if (argc > 3 && strcmp(argv[3], "rebuild") == 0) {
		if (store_open(argv[1], &st) != CM_OK)
			return 1;
		t0 = now_ms();
		if (proactive_rebuild(st, &cases, &groups) != CM_OK) {
			fprintf(stderr, "bench_group: %s\n", store_errmsg(st));
			return 1;
		}
		printf("rebuild\t%.1f\tcases\t%d\n", (now_ms() - t0) / 1e3,
		    cases);
		store_close(st);
		return 0;
	}
	if (argc > 3 && strcmp(argv[3], "settle") == 0) {
		/* Recount the groups marked dirty (all, after an upgrade:
		 * bench/grouping.sh marks them), as a running server's
		 * first writes would. */
		if (store_open(argv[1], &st) != CM_OK ||
		    store_begin(st) != CM_OK || store_commit(st) != CM_OK)
			return 1;
		store_close(st);
		return 0;
	}
	nreq = pick(argv[1], req, day);
	if (store_open(argv[1], &st) != CM_OK)
		return 1;
	if ((cal = calendar_open(st)) == NULL)
		return 1;
	(void)date_parse(day, &today);
	proactive_defer_grouping(1);
	/* Anything waiting first, untimed. */
	while (proactive_sync(st, 200, &grouped, &pending) == CM_OK &&
	    pending > 0)
		continue;
	for (k = -warm; k < n; k++) {
		memset(&in, 0, sizeof(in));
		snprintf(name, sizeof(name), "测试%04d", k + warm);
		snprintf(phone, sizeof(phone), "1390%07d", 1000 + k + warm);
		in.received = day;
		in.channel = "online";
		in.applicant = name;
		in.applicant_type = "person";
		in.request = k < 0 ? req[nreq - (size_t)-k % nreq] :
		    req[(size_t)k % nreq];
		in.phone = phone;
		if (case_new(st, cal, &in, "clerk", today, id, num, sizeof(num),
		    err, sizeof(err)) != CM_OK) {
			fprintf(stderr, "bench_group: %s\n", err);
			return 1;
		}
#ifdef STORE_HOLD_STATS
		(void)store_hold_max_ms(st, 1);
#endif
		t0 = now_ms();
		if (proactive_sync(st, 1, &grouped, &pending) != CM_OK ||
		    grouped != 1) {
			fprintf(stderr, "bench_group: sync: %s\n",
			    store_errmsg(st));
			return 1;
		}
		ms = now_ms() - t0;
		hold = ms;
#ifdef STORE_HOLD_STATS
		hold = store_hold_max_ms(st, 1);
#endif
		if (k >= 0)
			printf("group\t%.2f\thold\t%.2f\n", ms, hold);
		fflush(stdout);
	}
	calendar_free(cal);
	store_close(st);
	return 0;
}
