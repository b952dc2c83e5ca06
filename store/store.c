/* SPDX-License-Identifier: ISC */
/*
 * SQLite storage, the core: open, migrate, transactions, and the rows of
 * applicants, cases and users (the agency and the calendar:
 * store_agency.c).  SQLITE_CONSTRAINT maps to CM_CONFLICT; other
 * failures to CM_SYSERR, with the SQLite message kept for logs
 * (store_errmsg), never shown to users as is.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/schema.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_BEGIN, STMT_COMMIT, STMT_ROLLBACK, STMT_SAVEPOINT, STMT_RELEASE,
	STMT_ROLLBACK_TO, STMT_BEGIN_READ,
	STMT_APPL_FIND, STMT_APPL_INSERT,
	STMT_CASE_NEXT_SEQ, STMT_CASE_INSERT, STMT_CASE_GET, STMT_CASE_GET_NUM,
	STMT_CASE_ID, STMT_CASE_ID_NUM,
	STMT_CASE_UPDATE, STMT_CASE_LIST, STMT_CASE_OPEN_IDS,
	STMT_USER_INSERT, STMT_USER_ROLE,
	STMT__MAX
};

#define OPEN_STATES	"('received', 'registered', 'under_review'," \
			" 'awaiting_correction', 'handling', 'consulting'," \
			" 'awaiting_fee')"
#define CASE_COLS	"c.id, c.number, c.year, c.seq, c.channel," \
			" c.arrived_on, c.confirmed_on, c.received_on," \
			" c.request, c.doc_number, c.delivery, c.state," \
			" c.outcome, c.handler, c.due, c.provisional," \
			" c.closed_on, c.created_at, c.updated_at," \
			" a.id, a.type, a.name, a.id_type, a.id_number," \
			" a.phone, a.address, a.email"
#define CASE_GET	"SELECT " CASE_COLS " FROM cases c" \
			" JOIN applicants a ON a.id = c.applicant_id"

static const char *const stmts[STMT__MAX] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_SAVEPOINT] = "SAVEPOINT op",
	[STMT_RELEASE] = "RELEASE op",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO op",
	[STMT_BEGIN_READ] = "BEGIN DEFERRED",
	[STMT_APPL_FIND] =
	    "SELECT id FROM applicants WHERE id_type = ?1 AND id_number = ?2"
	    " AND on_file = 1 ORDER BY id DESC LIMIT 1",
	[STMT_APPL_INSERT] =
	    "INSERT INTO applicants (type, name, id_type, id_number, phone,"
	    " address, email, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_CASE_NEXT_SEQ] =
	    "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?1",
	[STMT_CASE_INSERT] =
	    "INSERT INTO cases (id, year, seq, number, applicant_id, channel,"
	    " arrived_on, confirmed_on, received_on, request, doc_number,"
	    " delivery, state, outcome, handler, due, provisional,"
	    " closed_on, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	    " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
	[STMT_CASE_GET] = CASE_GET " WHERE c.id = ?1",
	[STMT_CASE_GET_NUM] = CASE_GET " WHERE c.number = ?1",
	[STMT_CASE_ID] = "SELECT id FROM cases WHERE id = ?1",
	[STMT_CASE_ID_NUM] = "SELECT id FROM cases WHERE number = ?1",
	[STMT_CASE_UPDATE] =
	    "UPDATE cases SET state = ?2, outcome = ?3, handler = ?4,"
	    " due = ?5, provisional = ?6, closed_on = ?7, updated_at = ?8"
	    " WHERE id = ?1",
	[STMT_CASE_LIST] =
	    "SELECT c.id, c.number, c.state, a.name, a.type, c.channel,"
	    " c.received_on, c.due, c.provisional, c.outcome, c.closed_on"
	    " FROM cases c JOIN applicants a ON a.id = c.applicant_id"
	    " WHERE (?1 IS NULL OR c.state = ?1)"
	    " AND (?2 = 0 OR c.state IN " OPEN_STATES ")"
	    " AND (?3 IS NULL OR (c.due < ?3 AND c.state IN " OPEN_STATES "))"
	    " AND (?4 IS NULL OR (c.due <= ?4 AND c.state IN " OPEN_STATES "))"
	    " AND (?5 IS NULL OR c.due >= ?5)"
	    " ORDER BY c.due IS NULL, c.due, c.number LIMIT ?6",
	[STMT_CASE_OPEN_IDS] =
	    "SELECT id FROM cases WHERE state IN " OPEN_STATES,
	[STMT_USER_INSERT] =
	    "INSERT INTO users (name, role, pw_hash, created_at)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_USER_ROLE] =
	    "SELECT role FROM users WHERE name = ?1 AND disabled = 0",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	return sq_get(s->tab[SM_CORE], k);
}

/* The last database error, for logs only. */
const char *
store_errmsg(struct store *s)
{
	return s->errmsg;
}

int
store_schema_version(struct store *s)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Applies the migrations not yet recorded in user_version, each in
 * one transaction with its version bump. */
static enum cm_err
migrate(struct store *s)
{
	char		 sql[64];
	int		 v;
	size_t		 i;
	enum cm_err	 rc;

	if ((v = store_schema_version(s)) < 0)
		return sq_fail(s, SQLITE_ERROR);
	s->from_version = v;
	if ((size_t)v > migrations_count) {
		snprintf(s->errmsg, sizeof(s->errmsg),
		    "database schema %d is newer than this program (%zu)",
		    v, migrations_count);
		return CM_CONFLICT;
	}
	for (i = (size_t)v; i < migrations_count; i++) {
		if ((rc = sq_exec_sql(s, "BEGIN EXCLUSIVE")) != CM_OK)
			return rc;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %zu", i + 1);
		if ((rc = sq_exec_sql(s, migrations[i])) != CM_OK ||
		    (rc = sq_exec_sql(s, sql)) != CM_OK) {
			sq_exec_sql(s, "ROLLBACK");
			return rc;
		}
		if ((rc = sq_exec_sql(s, "COMMIT")) != CM_OK)
			return rc;
	}
	return CM_OK;
}

/*
 * Refuses a file at path that exists with 0 bytes: SQLite would
 * silently make a new, empty database of it.  A missing file is fine
 * (a new database).  Only stat(): opening and closing the file here
 * would drop the POSIX locks this process's other connections hold.
 */
static enum cm_err
check_file(struct store *s, const char *path)
{
	struct stat	 sb;

	if (strcmp(path, ":memory:") == 0 || stat(path, &sb) != 0 ||
	    !S_ISREG(sb.st_mode) || sb.st_size != 0)
		return CM_OK;
	snprintf(s->errmsg, sizeof(s->errmsg), "数据库文件为空（0 字节），"
	    "不是数据库，也不会被当作新数据库；请从备份恢复或删除该文件 "
	    "(empty database file)");
	return CM_SYSERR;
}

/*
 * Reads the schema once: a file that is not a database (a bad header)
 * fails here with SQLITE_NOTADB, said plainly.
 */
static enum cm_err
check_header(struct store *s)
{
	int	 rc;

	rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		return CM_OK;
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
		snprintf(s->errmsg, sizeof(s->errmsg), "数据库文件已损坏"
		    "或不是数据库（文件头不对），请从备份恢复 "
		    "(not a database: %s)", sqlite3_errmsg(s->db));
		return CM_SYSERR;
	}
	return sq_fail(s, rc);
}

/*
 * Runs PRAGMA quick_check: CM_OK when the file is sound, else
 * CM_SYSERR with the first problem in store_errmsg().
 */
enum cm_err
store_quick_check(struct store *s)
{
	sqlite3_stmt	*st;
	const char	*t;
	enum cm_err	 e = CM_OK;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1,
	    &st, NULL)) != SQLITE_OK)
		return sq_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || strcmp(t, "ok") != 0) {
			snprintf(s->errmsg, sizeof(s->errmsg), "数据库文件"
			    "已损坏，请从备份恢复 (quick_check: %s)",
			    t != NULL ? t : "?");
			e = CM_SYSERR;
		}
	} else {
		snprintf(s->errmsg, sizeof(s->errmsg), "数据库文件已损坏，"
		    "请从备份恢复 (quick_check: %s)", sqlite3_errmsg(s->db));
		e = CM_SYSERR;
	}
	sqlite3_finalize(st);
	return e;
}

/*
 * Opens (creating if needed) the database at path, applies pending
 * migrations and prepares every statement.  On failure *out is still
 * set, so that store_errmsg() can say why; store_close() it.
 */
enum cm_err
store_open(const char *path, struct store **out)
{
	struct store	*s;
	int		 rc;
	enum cm_err	 e;

	sq_config_once();
	s = xcalloc(1, sizeof(*s));
	*out = s;
	if ((e = check_file(s, path)) != CM_OK)
		return e;
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if ((e = check_header(s)) != CM_OK)
		return e;
	/* WAL with synchronous=FULL: a committed case survives a crash
	 * or power loss. */
	if ((e = sq_exec_sql(s, "PRAGMA foreign_keys = ON;"
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA cache_size = -16384;"
	    "PRAGMA temp_store = MEMORY;")) != CM_OK)
		return e;
	if ((e = store_px_register(s)) != CM_OK ||
	    (e = store_fts_register(s)) != CM_OK || (e = migrate(s)) != CM_OK)
		return e;
	if (sq_table(s, SM_CORE, stmts, STMT__MAX) == NULL)
		return CM_SYSERR;
	/* Old events' hashes; cases another writer queued (store_ftsq.c). */
	if ((e = store_chain_backfill(s)) != CM_OK)
		return e;
	return store_fts_leftover(s);
}

/*
 * Opens the database at path read-only (SQLITE_OPEN_READONLY, and
 * PRAGMA query_only for the temp schema once the temporary audit table
 * exists): the connection of the server's GET and HEAD requests (see
 * store_read_only).  The schema must be the current one, migrated by a
 * read-write store_open(); nothing is created.  On failure *out is
 * still set, as with store_open().
 */
enum cm_err
store_open_readonly(const char *path, struct store **out)
{
	struct store	*s;
	int		 rc, v;
	enum cm_err	 e;

	sq_config_once();
	s = xcalloc(1, sizeof(*s));
	*out = s;
	if ((e = check_file(s, path)) != CM_OK)
		return e;
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if ((e = check_header(s)) != CM_OK)
		return e;
	/* A smaller page cache than a writer's: the server keeps one such
	 * connection per worker thread for as long as it runs, and a
	 * report that walks every case would fill a large cache on each
	 * of them (issue 17: RSS under the mixed load).  The pages stay in
	 * the operating system's cache; reading them again is cheap (at
	 * 1,000,000 cases the case page and the case list serve as many
	 * requests with 2 MiB as with 4, in turn; the mixed load's peak
	 * RSS is 58.4 MB against 63.4).  Temporary data in files, not in
	 * memory: a sort larger than the page cache (a report's GROUP BY
	 * over a year of a million cases) spills to an unlinked temporary
	 * file, whose pages the operating system keeps, instead of growing
	 * the process by the sort. */
	if ((e = sq_exec_sql(s, "PRAGMA foreign_keys = ON;"
	    "PRAGMA cache_size = -" STORE_READER_CACHE_KIB ";"
	    "PRAGMA temp_store = FILE;")) != CM_OK)
		return e;
	if ((e = store_px_register(s)) != CM_OK)
		return e;
	if ((v = store_schema_version(s)) < 0)
		return sq_fail(s, SQLITE_ERROR);
	if ((size_t)v != migrations_count) {
		snprintf(s->errmsg, sizeof(s->errmsg), "database schema %d, "
		    "this program's is %zu", v, migrations_count);
		return CM_CONFLICT;
	}
	if (sq_table(s, SM_CORE, stmts, STMT__MAX) == NULL)
		return CM_SYSERR;
	/* The temporary audit table first: then nothing may change. */
	if ((e = sq_auth_prepare(s)) != CM_OK ||
	    (e = sq_exec_sql(s, "PRAGMA query_only = 1")) != CM_OK)
		return e;
	s->readonly = 1;
	s->ro_conn = 1;
	return CM_OK;
}

/* Finalizes every statement and closes the database; NULL is a no-op. */
void
store_close(struct store *s)
{
	int	 m, i;

	if (s == NULL)
		return;
	for (m = 0; m < SM__MAX; m++) {
		for (i = 0; i < s->ntab[m]; i++)
			sqlite3_finalize(s->tab[m][i]);
		free(s->tab[m]);
	}
	sqlite3_close(s->db);
	free(s->dash);
	free(s->lp_mine);
	sq_cache_free(s);
	free(s);
}

/*
 * Opens a write transaction: BEGIN IMMEDIATE at the outermost level, a
 * savepoint inside an open one (a caller's transaction, or bulk mode),
 * so that a domain operation keeps its all-or-nothing effect and can
 * also be part of a larger one.  Refused in read-only mode
 * (store_read_only).
 *
 * Writers of one process queue on this mutex rather than on SQLite's
 * busy handler, which sleeps and retries: with several server threads
 * that polling cost most of the write throughput.  Other processes (the
 * CLI beside a running server) still meet the busy timeout.
 */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

enum cm_err
store_begin(struct store *s)
{
	enum cm_err	 e;

	if (s->readonly)
		return sq_refuse_write(s, "store_begin");
	if (s->depth == 0) {
		/* A write ends the request's read snapshot (store_read). */
		if (s->reading) {
			(void)sq_exec(s, get(s, STMT_COMMIT));
			s->reading = 0;
		}
		pthread_mutex_lock(&write_lock);
	}
	e = sq_exec(s, get(s, s->depth > 0 ? STMT_SAVEPOINT : STMT_BEGIN));
	if (e == CM_OK && s->depth == 0)
		s->tx_t0 = sq_mono_ms();
	if (e == CM_OK)
		s->depth++;
	else if (s->depth == 0)
		pthread_mutex_unlock(&write_lock);
	return e;
}

/* Commits the innermost level opened by store_begin(). */
enum cm_err
store_commit(struct store *s)
{
	enum cm_err	 e;

	if (s->depth == 0)
		return CM_OK;
	/* Before the outermost commit, or nothing commits: the index rows
	 * of cases queued (unless deferred: store_ftsq.c), counts of groups
	 * changed, the events' head, the audit rows in their chain. */
	if (s->depth == 1 && ((e = store_fts_settle(s)) != CM_OK ||
	    (e = store_px_settle(s)) != CM_OK ||
	    (e = store_events_settle(s)) != CM_OK ||
	    (e = store_audit_seal(s)) != CM_OK))
		return e;
	e = sq_exec(s, get(s, s->depth > 1 ? STMT_RELEASE : STMT_COMMIT));
	if (e == CM_OK && --s->depth == 0) {
		s->commits++;
		sq_hold_end(s);
		pthread_mutex_unlock(&write_lock);
	}
	return e;
}

/* Undoes the innermost level opened by store_begin(), if any. */
void
store_rollback(struct store *s)
{
	if (s->depth == 0)
		return;
	if (s->depth > 1) {
		(void)sq_exec(s, get(s, STMT_ROLLBACK_TO));
		(void)sq_exec(s, get(s, STMT_RELEASE));
	} else if (!sqlite3_get_autocommit(s->db))
		(void)sq_exec(s, get(s, STMT_ROLLBACK));
	if (--s->depth == 0) {
		s->events_head_due = 0;
		sq_hold_end(s);
		pthread_mutex_unlock(&write_lock);
	}
}

/*
 * Read snapshot for a request that mostly reads (a page): on opens one
 * deferred transaction, so that its many queries take the database's
 * read lock once instead of once each; off ends it.  A write inside
 * (store_begin) ends the snapshot first and then works as usual.
 */
void
store_read(struct store *s, int on)
{
	if (on && s->depth == 0 && !s->reading) {
		if (sq_exec(s, get(s, STMT_BEGIN_READ)) == CM_OK)
			s->reading = 1;
	} else if (!on && s->reading) {
		(void)sq_exec(s, get(s, STMT_COMMIT));
		s->reading = 0;
	}
}

/*
 * Read-only mode, for everything that only shows data (GET and HEAD
 * requests, the show/list/report commands): on opens one read snapshot
 * (as store_read) in which every write fails: store_begin() refuses,
 * and a statement that would change a table fails with SQLITE_READONLY
 * (on a store_open_readonly() connection because it is one; on another
 * because on sets PRAGMA query_only, which recompiles the statements of
 * the connection: fine for a command, too slow per request).  Each
 * refusal is logged on standard error and counted
 * (store_write_refusals), and the call returns CM_SYSERR.  off ends the
 * snapshot and allows writes again where they were allowed; it returns
 * CM_CONFLICT if a write was refused meanwhile, so that the caller can
 * name the request.  Not inside store_begin().
 */
enum cm_err
store_read_only(struct store *s, int on)
{
	enum cm_err	 e;

	if (on) {
		if (s->depth > 0)
			return CM_CONFLICT;
		if (!s->readonly) {
			if ((e = sq_auth_prepare(s)) != CM_OK ||
			    (e = sq_exec_sql(s, "PRAGMA query_only = 1")) !=
			    CM_OK)
				return e;
			s->readonly = 1;
		}
		s->refused = 0;
		store_read(s, 1);
		return CM_OK;
	}
	if (!s->readonly)
		return CM_OK;
	store_read(s, 0);
	/* Nothing was written: if the COMMIT failed, drop the snapshot. */
	if (!sqlite3_get_autocommit(s->db))
		(void)sq_exec(s, get(s, STMT_ROLLBACK));
	if (!s->ro_conn) {
		if ((e = sq_exec_sql(s, "PRAGMA query_only = 0")) != CM_OK)
			return e;
		s->readonly = 0;
	}
	return s->refused > 0 ? CM_CONFLICT : CM_OK;
}

/*
 * Bulk mode, for loading data (the benchmark generator): on opens one
 * transaction, with a large page cache, in which every operation is a
 * savepoint; off commits it.  Not for the server.
 */
enum cm_err
store_bulk(struct store *s, int on)
{
	enum cm_err	 e;

	if (on) {
		/* A large page cache keeps the open transaction in memory
		 * instead of spilling pages to the WAL. */
		if ((e = sq_exec_sql(s, "PRAGMA cache_size = -262144")) !=
		    CM_OK)
			return e;
		return store_begin(s);
	}
	if ((e = store_commit(s)) != CM_OK)
		return e;
	return sq_exec_sql(s, "PRAGMA cache_size = -16384");
}

/* Finds the applicant record on file for this identity document (the
 * newest row with on_file = 1; a case's own copies are not on file). */
enum cm_err
store_applicant_find(struct store *s, const char *id_type,
    const char *id_number, int64_t *id)
{
	sqlite3_stmt	*st = get(s, STMT_APPL_FIND);
	int		 rc;

	sq_bind_text(st, 1, id_type);
	sq_bind_text(st, 2, id_number);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_applicant_insert(struct store *s, const struct applicant *p,
    const char *now, int64_t *id)
{
	sqlite3_stmt	*st = get(s, STMT_APPL_INSERT);
	enum cm_err	 e;

	sq_bind_text(st, 1, p->type);
	sq_bind_text(st, 2, p->name);
	sq_bind_text(st, 3, p->id_type);
	sq_bind_text(st, 4, p->id_number);
	sq_bind_text(st, 5, p->phone != NULL ? p->phone : "");
	sq_bind_text(st, 6, p->address != NULL ? p->address : "");
	sq_bind_text(st, 7, p->email != NULL ? p->email : "");
	sq_bind_text(st, 8, now);
	if ((e = sq_exec(s, st)) == CM_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return e;
}

/* The next case sequence number of a year (call inside a transaction). */
enum cm_err
store_case_next_seq(struct store *s, int year, int *seq)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_NEXT_SEQ);
	int		 rc;

	sqlite3_bind_int(st, 1, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*seq = sqlite3_column_int(st, 0);
	sq_done(st);
	return rc == SQLITE_ROW ? CM_OK : sq_fail(s, rc);
}

static void
bind_case_state(sqlite3_stmt *st, const struct case_rec *c, int base)
{
	sq_bind_text(st, base, c->state);
	sq_bind_text(st, base + 1, c->outcome);
	sq_bind_text(st, base + 2, c->handler);
	sq_bind_date(st, base + 3, c->due);
	sqlite3_bind_int(st, base + 4, c->provisional);
	sq_bind_date(st, base + 5, c->closed_on);
}

/* Inserts a new case; c->appl.id must name an existing applicant. */
enum cm_err
store_case_insert(struct store *s, const struct case_rec *c)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_INSERT);

	sq_bind_text(st, 1, c->id);
	sqlite3_bind_int(st, 2, c->year);
	sqlite3_bind_int(st, 3, c->seq);
	sq_bind_text(st, 4, c->number);
	sqlite3_bind_int64(st, 5, c->appl.id);
	sq_bind_text(st, 6, c->channel);
	sq_bind_text(st, 7, c->arrived);
	sq_bind_date(st, 8, c->confirmed);
	sq_bind_text(st, 9, c->received);
	sq_bind_text(st, 10, c->request);
	sq_bind_text(st, 11, c->doc_number != NULL ? c->doc_number : "");
	sq_bind_text(st, 12, c->delivery != NULL ? c->delivery : "");
	bind_case_state(st, c, 13);
	sq_bind_text(st, 19, c->created_at);
	sq_bind_text(st, 20, c->updated_at);
	return sq_exec(s, st);
}

/* Loads a case by UUID or case number into c (caller clears). */
enum cm_err
store_case_get(struct store *s, const char *key, struct case_rec *c)
{
	sqlite3_stmt	*st = get(s, sq_key_is_id(key) ? STMT_CASE_GET :
			    STMT_CASE_GET_NUM);
	int		 rc;

	memset(c, 0, sizeof(*c));
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sq_done(st);
		return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
	}
	snprintf(c->id, sizeof(c->id), "%s",
	    (const char *)sqlite3_column_text(st, 0));
	c->number = sq_col_dup(st, 1);
	c->year = sqlite3_column_int(st, 2);
	c->seq = sqlite3_column_int(st, 3);
	c->channel = sq_col_dup(st, 4);
	sq_col_date(st, 5, c->arrived);
	sq_col_date(st, 6, c->confirmed);
	sq_col_date(st, 7, c->received);
	c->request = sq_col_dup(st, 8);
	c->doc_number = sq_col_dup(st, 9);
	c->delivery = sq_col_dup(st, 10);
	c->state = sq_col_dup(st, 11);
	c->outcome = sq_col_dup(st, 12);
	c->handler = sq_col_dup(st, 13);
	sq_col_date(st, 14, c->due);
	c->provisional = sqlite3_column_int(st, 15);
	sq_col_date(st, 16, c->closed_on);
	c->created_at = sq_col_dup(st, 17);
	c->updated_at = sq_col_dup(st, 18);
	c->appl.id = sqlite3_column_int64(st, 19);
	c->appl.type = sq_col_dup(st, 20);
	c->appl.name = sq_col_dup(st, 21);
	c->appl.id_type = sq_col_dup(st, 22);
	c->appl.id_number = sq_col_dup(st, 23);
	c->appl.phone = sq_col_dup(st, 24);
	c->appl.address = sq_col_dup(st, 25);
	c->appl.email = sq_col_dup(st, 26);
	sq_done(st);
	return CM_OK;
}

/* The UUID of the case with this UUID or number, from an index alone
 * (for the callers that need nothing else of the case). */
enum cm_err
store_case_id(struct store *s, const char *key, char id[37])
{
	sqlite3_stmt	*st = get(s, sq_key_is_id(key) ? STMT_CASE_ID :
			    STMT_CASE_ID_NUM);
	int		 rc;

	id[0] = '\0';
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(id, 37, "%s", (const char *)sqlite3_column_text(st,
		    0));
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/* Writes the mutable columns (state, outcome, handler, cached due,
 * provisional, closed_on, updated_at) of an existing case. */
enum cm_err
store_case_update(struct store *s, const struct case_rec *c)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_UPDATE);
	enum cm_err	 e;

	sq_bind_text(st, 1, c->id);
	bind_case_state(st, c, 2);
	sq_bind_text(st, 8, c->updated_at);
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_changes(s->db) != 1)
		return CM_NOTFOUND;
	return e;
}

/* Calls fn for each case matching f, ordered by due date; fn returning
 * non-zero stops the listing. */
enum cm_err
store_case_list(struct store *s, const struct case_filter *f,
    case_row_fn fn, void *arg)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_LIST);
	struct case_row	 r;
	int		 rc;

	sq_bind_text(st, 1, f->state);
	sqlite3_bind_int(st, 2, f->open_only);
	sq_bind_text(st, 3, f->due_before);
	sq_bind_text(st, 4, f->due_upto);
	sq_bind_text(st, 5, f->due_from);
	sqlite3_bind_int(st, 6, f->limit > 0 ? f->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = (const char *)sqlite3_column_text(st, 0);
		r.number = (const char *)sqlite3_column_text(st, 1);
		r.state = (const char *)sqlite3_column_text(st, 2);
		r.applicant = (const char *)sqlite3_column_text(st, 3);
		r.applicant_type = (const char *)sqlite3_column_text(st, 4);
		r.channel = (const char *)sqlite3_column_text(st, 5);
		r.received = (const char *)sqlite3_column_text(st, 6);
		r.due = (const char *)sqlite3_column_text(st, 7);
		r.provisional = sqlite3_column_int(st, 8);
		r.outcome = (const char *)sqlite3_column_text(st, 9);
		r.closed_on = (const char *)sqlite3_column_text(st, 10);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Calls fn with the id of every open case (for deadline recomputation).
 * The ids are collected first, so fn may write to the database. */
enum cm_err
store_case_open_ids(struct store *s, int (*fn)(const char *, void *),
    void *arg)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_OPEN_IDS);
	char		**ids = NULL;
	size_t		 n = 0, i;
	int		 rc;
	enum cm_err	 e = CM_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sq_col_dup(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		e = sq_fail(s, rc);
	for (i = 0; i < n; i++) {
		if (e == CM_OK && fn(ids[i], arg) != 0)
			e = CM_SYSERR;
		free(ids[i]);
	}
	free(ids);
	return e;
}

/* Adds a user; CM_CONFLICT when the name is taken. */
enum cm_err
store_user_insert(struct store *s, const char *name, const char *role,
    const char *pw_hash, const char *now)
{
	sqlite3_stmt	*st = get(s, STMT_USER_INSERT);

	sq_bind_text(st, 1, name);
	sq_bind_text(st, 2, role);
	sq_bind_text(st, 3, pw_hash);
	sq_bind_text(st, 4, now);
	return sq_exec(s, st);
}

/* Copies an active user's role into role; CM_NOTFOUND if none. */
enum cm_err
store_user_role(struct store *s, const char *name, char *role,
    size_t rolelen)
{
	sqlite3_stmt	*st = get(s, STMT_USER_ROLE);
	int		 rc;

	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(role, rolelen, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

/*
 * Copies the database to path with SQLite's online backup API, in steps
 * of 256 pages so that writers are not blocked for long.  The copy is
 * written to path.tmp and renamed, so a failed backup leaves no partial
 * file at path.  Returns CM_OK, or CM_SYSERR with the reason kept.
 */
enum cm_err
store_backup(struct store *s, const char *path)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	char		 tmp[4096];
	int		 rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return CM_INVALID;
	remove(tmp);
	if ((rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL)) != SQLITE_OK)
		goto fail;
	if ((b = sqlite3_backup_init(dst, "main", s->db, "main")) == NULL) {
		rc = sqlite3_errcode(dst);
		goto fail;
	}
	/* All pages in one step (one read transaction, which in WAL mode
	 * holds no writer up): stepped, the copy restarted at every other
	 * connection's commit and under steady intake never ended. */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		goto fail;
	/* The copy is a self-contained rollback-journal database. */
	if ((rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL)) != SQLITE_OK)
		goto fail;
	sqlite3_close(dst);
	dst = NULL;
	if (rename(tmp, path) != 0) {
		snprintf(s->errmsg, sizeof(s->errmsg), "rename failed");
		remove(tmp);
		return CM_SYSERR;
	}
	return CM_OK;
fail:
	snprintf(s->errmsg, sizeof(s->errmsg), "%s", dst != NULL ?
	    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(dst);
	remove(tmp);
	return CM_SYSERR;
}
