/* SPDX-License-Identifier: ISC */
/*
 * Test helpers: the shipped calendar without a database, temporary
 * directories, running the built foidesk binary (FOIDESK_BIN) with a
 * fixed date, and dumping a database to compare before and after.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/model.h"
#include "store/deliveries.h"
#include "store/schema.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The official 2017-2026 calendar, built from the shipped table. */
struct calendar *
test_calendar(void)
{
	struct calendar	*c = calendar_new();
	size_t		 i;
	int		 day, y;

	for (i = 0; i < calendar_cn_count; i++) {
		ck_assert_int_eq(date_parse(calendar_cn[i].date, &day), 0);
		calendar_set_day(c, day, strcmp(calendar_cn[i].kind,
		    "workday") == 0 ? CAL_WORKDAY : CAL_HOLIDAY);
	}
	for (y = 2017; y <= 2026; y++)
		calendar_set_loaded(c, y);
	calendar_build(c);
	return c;
}

int
test_day(const char *iso)
{
	int	 d;

	ck_assert_msg(date_parse(iso, &d) == 0, "bad test date %s", iso);
	return d;
}

char *
test_tmpdir(void)
{
	char	 tmpl[] = "/tmp/foidesk-test-XXXXXX";
	char	*d;

	d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	return xstrdup(d);
}

void
test_rmdir(char *dir)
{
	char	 cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(dir);
}

void
test_delivered(struct store *st, const char *case_key, const char *kind,
    const char *sent, const char *received)
{
	struct case_rec	 c;
	struct delivery	 d;

	ck_assert_int_eq(store_case_get(st, case_key, &c), CM_OK);
	memset(&d, 0, sizeof(d));
	snprintf(d.case_id, sizeof(d.case_id), "%s", c.id);
	snprintf(d.kind, sizeof(d.kind), "%s", kind);
	d.version = 1;
	snprintf(d.method, sizeof(d.method), "%s",
	    received != NULL && strcmp(sent, received) == 0 ? "in_person" :
	    "post");
	d.tracking = (char *)"";
	snprintf(d.sent, sizeof(d.sent), "%s", sent);
	if (received != NULL)
		snprintf(d.received, sizeof(d.received), "%s", received);
	d.created_by = (char *)"officer";
	ck_assert_int_eq(delivery_insert(st, &d, "2025-01-01T00:00:00Z",
	    NULL), CM_OK);
	case_rec_clear(&c);
}

/* Opens (creating) dir/f.db. */
struct store *
test_store(const char *dir)
{
	struct store	*st;
	char		 path[512];

	snprintf(path, sizeof(path), "%s/f.db", dir);
	ck_assert_int_eq(store_open(path, &st), CM_OK);
	return st;
}

/*
 * Runs "$FOIDESK_BIN <args>" through sh with FOIDESK_TODAY=2026-11-20
 * and stderr merged into stdout.  Returns the exit status; *out (if
 * not NULL) gets the output (free it).
 */
int
test_run(char **out, const char *fmt, ...)
{
	const char	*bin;
	struct buf	 cmd, res;
	va_list		 ap;
	FILE		*p;
	char		 chunk[4096];
	size_t		 n;
	int		 st;

	if ((bin = getenv("FOIDESK_BIN")) == NULL)
		bin = "./foidesk";
	buf_init(&cmd);
	buf_init(&res);
	buf_printf(&cmd, "FOIDESK_TODAY=2026-11-20 %s ", bin);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	buf_puts(&cmd, " 2>&1");
	p = popen(buf_str(&cmd), "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	st = pclose(p);
	buf_clear(&cmd);
	if (out != NULL)
		*out = buf_release(&res);
	else
		buf_clear(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The SQL dump of a database (via the sqlite3 shell), to compare. */
char *
test_dump(const char *db)
{
	struct buf	 res;
	char		 cmd[600], chunk[4096];
	FILE		*p;
	size_t		 n;

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump", db);
	buf_init(&res);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	return buf_release(&res);
}

/* A complete national calendar file for 2027 (made up for the tests:
 * all seven holiday periods, make-up days on weekends), issue 15. */
const char test_cal_2027[] =
    "date\tkind\tname\n"
    "2027-01-01\tholiday\t元旦\n2027-01-02\tholiday\t元旦\n"
    "2027-01-03\tholiday\t元旦\n"
    "2027-02-06\tholiday\t春节\n2027-02-07\tholiday\t春节\n"
    "2027-02-08\tholiday\t春节\n2027-02-09\tholiday\t春节\n"
    "2027-02-10\tholiday\t春节\n2027-02-11\tholiday\t春节\n"
    "2027-02-12\tholiday\t春节\n2027-02-20\tworkday\t春节\n"
    "2027-04-03\tholiday\t清明节\n2027-04-04\tholiday\t清明节\n"
    "2027-04-05\tholiday\t清明节\n"
    "2027-04-25\tworkday\t劳动节\n2027-05-01\tholiday\t劳动节\n"
    "2027-05-02\tholiday\t劳动节\n2027-05-03\tholiday\t劳动节\n"
    "2027-05-04\tholiday\t劳动节\n2027-05-05\tholiday\t劳动节\n"
    "2027-06-09\tholiday\t端午节\n"
    "2027-09-15\tholiday\t中秋节\n"
    "2027-09-26\tworkday\t国庆节\n2027-10-01\tholiday\t国庆节\n"
    "2027-10-02\tholiday\t国庆节\n2027-10-03\tholiday\t国庆节\n"
    "2027-10-04\tholiday\t国庆节\n2027-10-05\tholiday\t国庆节\n"
    "2027-10-06\tholiday\t国庆节\n2027-10-07\tholiday\t国庆节\n"
    "2027-10-09\tworkday\t国庆节\n";

/* Stand-ins for the store's aggregates (store/store_pxcount.c), which
 * migrations of an empty database name but never call. */
static void
agg_step(sqlite3_context *c, int n, sqlite3_value **v)
{
	(void)c;
	(void)n;
	(void)v;
}

static void
agg_final(sqlite3_context *c)
{
	sqlite3_result_int(c, 0);
}

/*
 * Brings the empty database open on h to schema `version' by the
 * first migrations alone, as an older foidesk left it (upgrade tests
 * then fill it and hand it to store_open()).
 */
void
test_old_schema(struct sqlite3 *h, size_t version)
{
	size_t	 i;

	ck_assert_int_eq(sqlite3_create_function(h, "px_distinct", 3,
	    SQLITE_UTF8, NULL, NULL, agg_step, agg_final), SQLITE_OK);
	ck_assert_int_eq(sqlite3_create_function(h, "px_window", 5,
	    SQLITE_UTF8, NULL, NULL, agg_step, agg_final), SQLITE_OK);
	for (i = 0; i < version; i++)
		ck_assert_msg(sqlite3_exec(h, migrations[i], NULL, NULL,
		    NULL) == SQLITE_OK, "migration %zu: %s", i + 1,
		    sqlite3_errmsg(h));
}
