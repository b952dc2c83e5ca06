/* SPDX-License-Identifier: ISC */
/*
 * Core benchmarks, each printed beside a reference measured in the same
 * run:
 *   - add-workdays calls per second (cumulative index) beside a naive
 *     day-by-day loop over the same calendar;
 *   - deadline computations per second for a case with five events;
 *   - intake: cases registered per second through case_new (one durable
 *     transaction each: WAL, synchronous=FULL) beside raw sqlite3
 *     inserts of the same rows, one transaction each, same pragmas.
 * Output: one line per figure, "name<TAB>value<TAB>reference<TAB>ratio".
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/deadline.h"
#include "store/store.h"

static double
now(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
row(const char *name, double v, double ref, const char *unit)
{
	printf("%-28s\t%12.0f\t%12.0f\t%6.2f\t%s\n", name, v, ref,
	    ref > 0 ? v / ref : 0, unit);
}

/* The reference: count working days one day at a time. */
static int
naive_add(const struct calendar *c, int day, int n)
{
	while (n > 0)
		if (calendar_is_workday(c, ++day))
			n--;
	return day;
}

static void
bench_workdays(const struct calendar *cal)
{
	const int	 N = 2000000;
	volatile int	 sink = 0;
	double		 t0, a, b;
	int		 i, d0;

	date_parse("2017-01-02", &d0);
	t0 = now();
	for (i = 0; i < N; i++)
		sink += calendar_add_workdays(cal, d0 + i % 3600, 20 + i % 40,
		    NULL);
	a = N / (now() - t0);
	t0 = now();
	for (i = 0; i < N / 10; i++)
		sink += naive_add(cal, d0 + i % 3600, 20 + i % 40);
	b = (N / 10) / (now() - t0);
	row("add-workdays calls/s", a, b, "vs day-by-day loop");
	(void)sink;
}

static void
bench_deadline(const struct calendar *cal)
{
	const int	 N = 500000;
	struct dl_event	 ev[5];
	struct deadline	 d;
	double		 t0;
	int		 i;

	memset(ev, 0, sizeof(ev));
	ev[0].action = ACT_RECEIVE;
	date_parse("2025-04-01", &ev[0].on);
	ev[1].action = ACT_ACCEPT;
	ev[1].on = ev[0].on + 2;
	ev[2].action = ACT_CONSULT_START;
	ev[2].on = ev[0].on + 9;
	ev[3].action = ACT_CONSULT_END;
	ev[3].on = ev[0].on + 20;
	ev[4].action = ACT_EXTEND;
	ev[4].on = ev[0].on + 30;
	ev[4].days = 20;
	deadline_init(&d);
	t0 = now();
	for (i = 0; i < N; i++)
		deadline_compute(ev, 5, cal, ev[0].on + 40, 15, &d);
	row("deadline computations/s", N / (now() - t0), 0, "(5 events)");
	deadline_clear(&d);
}

static void
bench_intake(const char *dir, const struct calendar *cal0)
{
	const int		 N = 3000;
	struct store		*st;
	struct calendar		*cal;
	struct case_input	 in;
	sqlite3			*db;
	sqlite3_stmt		*ins;
	char			 path[512], id[37], num[32], err[256];
	double			 t0, a, b;
	int			 i;

	(void)cal0;
	snprintf(path, sizeof(path), "%s/intake.db", dir);
	unlink(path);
	if (store_open(path, &st) != CM_OK ||
	    calendar_install_builtin(st, date_today(), err, sizeof(err)) !=
	    CM_OK)
		exit(1);
	cal = calendar_open(st);
	memset(&in, 0, sizeof(in));
	in.received = "2026-03-02";
	in.channel = "online";
	in.applicant = "王伟";
	in.applicant_type = "person";
	in.request = "示范区2025年征地补偿安置方案及补偿标准";
	in.phone = "13900001111";
	t0 = now();
	for (i = 0; i < N; i++)
		if (case_new(st, cal, &in, "clerk", date_today(), id, num,
		    sizeof(num), err, sizeof(err)) != CM_OK)
			exit(1);
	a = N / (now() - t0);
	calendar_free(cal);
	store_close(st);

	/* Reference: the same two rows (case + event) per transaction. */
	snprintf(path, sizeof(path), "%s/raw.db", dir);
	unlink(path);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "CREATE TABLE c (id TEXT PRIMARY KEY, number TEXT UNIQUE,"
	    " received TEXT, channel TEXT, applicant TEXT, request TEXT,"
	    " state TEXT, due TEXT) STRICT;"
	    "CREATE TABLE e (id INTEGER PRIMARY KEY, case_id TEXT, seq INTEGER,"
	    " action TEXT, at TEXT) STRICT;", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO c VALUES (?1, ?2, '2026-03-02',"
	    " 'online', ?3, ?4, 'received', '2026-03-30')", -1, &ins, NULL);
	t0 = now();
	for (i = 0; i < N; i++) {
		sqlite3_stmt *e;

		snprintf(id, sizeof(id), "%036d", i);
		snprintf(num, sizeof(num), "2026-%04d", i);
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, num, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, in.applicant, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, in.request, -1, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_prepare_v2(db, "INSERT INTO e (case_id, seq, action, at)"
		    " VALUES (?1, 1, 'receive', '2026-03-02')", -1, &e, NULL);
		sqlite3_bind_text(e, 1, id, -1, SQLITE_STATIC);
		sqlite3_step(e);
		sqlite3_finalize(e);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	b = N / (now() - t0);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	row("intake cases/s (durable)", a, b, "vs raw sqlite3 inserts");
}

int
main(int argc, char *argv[])
{
	struct calendar	*cal;
	size_t		 i;
	int		 day;
	const char	*dir = argc > 1 ? argv[1] : "/tmp";

	cal = calendar_new();
	for (i = 0; i < calendar_cn_count; i++) {
		date_parse(calendar_cn[i].date, &day);
		calendar_set_day(cal, day, strcmp(calendar_cn[i].kind,
		    "workday") == 0 ? CAL_WORKDAY : CAL_HOLIDAY);
	}
	for (day = 2017; day <= 2026; day++)
		calendar_set_loaded(cal, day);
	calendar_build(cal);
	printf("%-28s\t%12s\t%12s\t%6s\n", "benchmark", "foidesk",
	    "reference", "ratio");
	bench_workdays(cal);
	bench_deadline(cal);
	bench_intake(dir, cal);
	calendar_free(cal);
	return 0;
}
