/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the store_*.c files: statement tables, binding and
 * reading columns, error mapping (SQLITE_CONSTRAINT -> CM_CONFLICT).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

/*
 * Process-wide SQLite set-up, once, before the first connection: no
 * memory statistics (nothing reads them), which takes a global mutex
 * out of every SQLite allocation -- the server's worker threads queued
 * on it (issue 17: the temporary b-tree of an ORDER BY allocates a
 * pager per statement).  Too late once SQLite is initialised (another
 * library opened a database first): then it stays as it was.
 */
static void
sq_config(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static pthread_once_t	 sq_once = PTHREAD_ONCE_INIT;

/* Called by every store_open*() before SQLite opens anything. */
void
sq_config_once(void)
{
	(void)pthread_once(&sq_once, sq_config);
}

/* Writes refused in read-only mode, all connections (store_read_only). */
static atomic_ulong write_refusals;

/*
 * Returns module m's statements, preparing all n of them on first use.
 * NULL when a statement does not prepare (the message is kept).
 */
sqlite3_stmt **
sq_table(struct store *s, enum store_module m, const char *const *sql,
    int n)
{
	sqlite3_stmt	**t;
	int		 i, rc;

	if (s->tab[m] != NULL)
		return s->tab[m];
	t = xcalloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++) {
		rc = sqlite3_prepare_v3(s->db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &t[i], NULL);
		if (rc != SQLITE_OK) {
			sq_fail(s, rc);
			while (i-- > 0)
				sqlite3_finalize(t[i]);
			free(t);
			return NULL;
		}
	}
	s->tab[m] = t;
	s->ntab[m] = n;
	return t;
}

/* Statement k of a table, reset and with its bindings cleared. */
sqlite3_stmt *
sq_get(sqlite3_stmt **tab, int k)
{
	sqlite3_reset(tab[k]);
	sqlite3_clear_bindings(tab[k]);
	return tab[k];
}

void
sq_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Records the error for logs; maps it to a cm_err. */
enum cm_err
sq_fail(struct store *s, int rc)
{
	const char	*why;

	why = s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	/* In read-only mode SQLITE_READONLY is PRAGMA query_only refusing
	 * a write: a bug in the caller, not a read-only disk. */
	if ((rc & 0xff) == SQLITE_READONLY && s->readonly)
		return sq_refuse_write(s, why);
	switch (rc & 0xff) {
	case SQLITE_INTERRUPT:
		/* store_deadline(): the request took too long. */
		snprintf(s->errmsg, sizeof(s->errmsg), "查询超时，请缩小范围后"
		    "重试 (deadline passed)");
		return CM_UNAVAILABLE;
	case SQLITE_CONSTRAINT:
		snprintf(s->errmsg, sizeof(s->errmsg), "%s", why);
		return CM_CONFLICT;
	case SQLITE_FULL:
		/* The user sees this one: say it plainly. */
		snprintf(s->errmsg, sizeof(s->errmsg), "磁盘空间已满，未保存，"
		    "请联系管理员 (disk full: %s)", why);
		return CM_UNAVAILABLE;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
		snprintf(s->errmsg, sizeof(s->errmsg), "数据库当前为只读，未保存，"
		    "请联系管理员 (read-only: %s)", why);
		return CM_UNAVAILABLE;
	default:
		snprintf(s->errmsg, sizeof(s->errmsg), "%s", why);
		return CM_SYSERR;
	}
}

/*
 * Refuses a write attempted in read-only mode (store_read_only): logs
 * it on standard error, counts it and returns CM_SYSERR, so that the
 * caller fails as on any database error.
 */
enum cm_err
sq_refuse_write(struct store *s, const char *what)
{
	snprintf(s->errmsg, sizeof(s->errmsg), "write refused in a "
	    "read-only request (%s)", what);
	fprintf(stderr, "foidesk: %s\n", s->errmsg);
	s->refused++;
	atomic_fetch_add(&write_refusals, 1);
	return CM_SYSERR;
}

/* How many writes read-only mode has refused in this process, on all
 * connections (for tests and monitoring). */
unsigned long
store_write_refusals(void)
{
	return atomic_load(&write_refusals);
}

/* Runs a statement that returns no rows. */
enum cm_err
sq_exec(struct store *s, sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	return CM_OK;
}

/* Runs fixed SQL text (pragmas, migrations); never user input. */
enum cm_err
sq_exec_sql(struct store *s, const char *sql)
{
	char	*msg = NULL;
	int	 rc;

	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
		sqlite3_free(msg);
		return sq_fail(s, rc);
	}
	return CM_OK;
}

/* Binds a string, or NULL for a NULL pointer. */
void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Binds a date field: "" becomes NULL. */
void
sq_bind_date(sqlite3_stmt *st, int i, const char *v)
{
	sq_bind_text(st, i, v == NULL || v[0] == '\0' ? NULL : v);
}

char *
sq_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*t;

	if ((t = sqlite3_column_text(st, i)) == NULL)
		return NULL;
	return xstrdup((const char *)t);
}

void
sq_col_date(sqlite3_stmt *st, int i, char out[DATE_STRLEN])
{
	const unsigned char	*t;
	size_t			 n;

	out[0] = '\0';
	if ((t = sqlite3_column_text(st, i)) != NULL) {
		n = (size_t)sqlite3_column_bytes(st, i);
		if (n >= DATE_STRLEN)
			n = DATE_STRLEN - 1;
		memcpy(out, t, n);
		out[n] = '\0';
	}
}

/* Copies a UUID column into out ("" when NULL). */
void
sq_col_id(sqlite3_stmt *st, int i, char out[37])
{
	const unsigned char	*t;

	out[0] = '\0';
	if ((t = sqlite3_column_text(st, i)) != NULL)
		snprintf(out, 37, "%s", (const char *)t);
}

/* Runs a statement returning one row of integers into v[0..n). */
enum cm_err
sq_ints_row(struct store *s, sqlite3_stmt *st, int64_t *v, int n)
{
	int	 rc, i;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < n; i++)
			v[i] = sqlite3_column_int64(st, i);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* A monotonic clock in milliseconds. */
double
sq_mono_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The write lock is let go: how long it was held. */
void
sq_hold_end(struct store *s)
{
	double	 ms = sq_mono_ms() - s->tx_t0;

	if (ms > s->hold_max)
		s->hold_max = ms;
}

/*
 * The longest time this connection held the write lock, from the
 * outermost store_begin() to its commit or rollback, in milliseconds
 * (bench/bench_group.c); reset starts afresh.
 */
double
store_hold_max_ms(struct store *s, int reset)
{
	double	 v = s->hold_max;

	if (reset)
		s->hold_max = 0;
	return v;
}

/* ---- checkpoints ----------------------------------------------------- */

static int
wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store	*s = arg;

	(void)db;
	(void)name;
	s->wal_fn(s->wal_arg, pages);
	return SQLITE_OK;
}

/*
 * After each commit on s, fn(arg, pages) with the pages now in the WAL,
 * in place of SQLite's automatic checkpoint (which would copy them back
 * in the committing thread, every 1,000 pages): fn decides when and
 * where to run store_checkpoint().  fn NULL: the automatic checkpoint.
 */
void
store_wal_hook(struct store *s, void (*fn)(void *, int), void *arg)
{
	s->wal_fn = fn;
	s->wal_arg = arg;
	if (fn == NULL)
		sqlite3_wal_autocheckpoint(s->db, 1000);
	else
		sqlite3_wal_hook(s->db, wal_hook, s);
}

/* A passive checkpoint: copies back what the WAL holds that no reader
 * needs, never waiting for a writer or a reader. */
enum cm_err
store_checkpoint(struct store *s)
{
	int	 rc;

	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	return rc == SQLITE_OK || rc == SQLITE_BUSY ? CM_OK : sq_fail(s, rc);
}

/*
 * For the server's writer (web/writer.c): this connection's commits no
 * longer wait for the disk (synchronous=NORMAL; still atomic, the WAL is
 * synced before every checkpoint), and *walfd gets a descriptor of the
 * WAL file, on which the caller makes each commit durable itself
 * (fdatasync) before it reports it.  The WAL file keeps its inode while
 * this connection is open: SQLite removes it only when the last
 * connection closes.  On failure nothing changed.
 */
enum cm_err
store_sync_later(struct store *s, int *walfd)
{
	const char	*wal;
	enum cm_err	 e;

	*walfd = -1;
	if ((wal = sqlite3_filename_wal(sqlite3_db_filename(s->db,
	    "main"))) == NULL || (*walfd = open(wal, O_RDONLY | O_CLOEXEC)) <
	    0) {
		snprintf(s->errmsg, sizeof(s->errmsg), "cannot open the WAL "
		    "file: %s", strerror(errno));
		return CM_SYSERR;
	}
	if ((e = sq_exec_sql(s, "PRAGMA synchronous = NORMAL")) != CM_OK) {
		close(*walfd);
		*walfd = -1;
	}
	return e;
}

/* Undoes store_sync_later(): each commit durable inside its COMMIT. */
enum cm_err
store_sync_full(struct store *s)
{
	return sq_exec_sql(s, "PRAGMA synchronous = FULL");
}

/*
 * A read-write connection that mostly waits (the server's write pool,
 * sixteen of them, each waiting for its group commit): the page cache
 * of a read-only connection instead of a writer's 16 MiB.  Its pages
 * stay in the operating system's cache.  (Not temp_store: changing it
 * drops the temporary tables, the audit context among them.)
 */
enum cm_err
store_cache_small(struct store *s)
{
	return sq_exec_sql(s, "PRAGMA cache_size = -" STORE_READER_CACHE_KIB
	    ";");
}

/* Whether a case key is a UUID (36 characters, dashes at 8, 13, 18 and
 * 23) rather than a case number (YYYY-NNNN): the statements that take
 * either look it up through the one index it can match. */
int
sq_key_is_id(const char *k)
{
	return strlen(k) == 36 && k[8] == '-' && k[13] == '-' &&
	    k[18] == '-' && k[23] == '-';
}

/*
 * The sorts and full-scan steps of the connection's statements since
 * the last call with reset (SQLITE_STMTSTATUS_SORT, _FULLSCAN_STEP,
 * _AUTOINDEX): the tests' check that a page reads through indexes only
 * (a temporary b-tree for ORDER BY cost more to set up than the few
 * rows it sorted).
 */
void
store_plan_counts(struct store *s, int reset, long *sorts, long *scans)
{
	sqlite3_stmt	*st = NULL;

	*sorts = *scans = 0;
	while ((st = sqlite3_next_stmt(s->db, st)) != NULL) {
		*sorts += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT,
		    reset) + sqlite3_stmt_status(st,
		    SQLITE_STMTSTATUS_AUTOINDEX, reset);
		*scans += sqlite3_stmt_status(st,
		    SQLITE_STMTSTATUS_FULLSCAN_STEP, reset);
	}
}
