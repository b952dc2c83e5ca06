/* SPDX-License-Identifier: ISC */
/*
 * Storage of accounts, sessions, login throttling and the audit trail
 * (statement table SM_AUTH).  The first use on a connection also
 * attaches the audit triggers (see cases/audit.h), because the context
 * statement needs the temporary table they read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/records.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_USER_AUTH, STMT_THR_GET, STMT_THR_PUT, STMT_THR_CLEAR,
	STMT_SESS_INSERT, STMT_SESS_GET, STMT_SESS_TOUCH, STMT_SESS_USER,
	STMT_SESS_DELETE, STMT_SESS_PURGE, STMT_SESS_DELETE_USER,
	STMT_USERS_LIST, STMT_USER_DISABLE, STMT_USER_HASH,
	STMT_AUDIT_CTX, STMT_AUDIT_INSERT, STMT_AUDIT_ALL, STMT_AUDIT_OBJECT,
	STMT_THR_PURGE, STMT_FAIL_SEEN, STMT_THR_UNLOCK,
	STMT_SESS_DELETE_OTHERS, STMT_AUDIT_QUERY,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_USER_AUTH] =
	    "SELECT pw_hash, role, disabled FROM users WHERE name = ?1",
	[STMT_THR_GET] =
	    "SELECT failures, window_start, locked_until FROM login_throttle"
	    " WHERE kind = ?1 AND key = ?2",
	[STMT_THR_PUT] =
	    "INSERT INTO login_throttle (kind, key, failures, window_start,"
	    " locked_until) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (kind, key) DO UPDATE SET failures = ?3,"
	    " window_start = ?4, locked_until = ?5",
	[STMT_THR_CLEAR] =
	    "DELETE FROM login_throttle WHERE kind = ?1 AND key = ?2",
	[STMT_THR_PURGE] =
	    "DELETE FROM login_throttle WHERE locked_until < ?1"
	    " AND window_start < ?2",
	[STMT_FAIL_SEEN] =
	    "SELECT 1 FROM audit WHERE at >= ?3 AND action = 'login.fail'"
	    " AND actor = ?1 AND addr = ?2 LIMIT 1",
	[STMT_THR_UNLOCK] =
	    "DELETE FROM login_throttle WHERE kind = 'user' AND key = ?1",
	/* The audit page's filters (issue 15); a NULL parameter does not
	 * filter.  Internal bookkeeping (the chain heads and the calendar
	 * version counter, written by the program itself) shows only
	 * when ?8 is 1. */
	[STMT_AUDIT_QUERY] =
	    "SELECT id, at, actor, addr, action, object, detail FROM audit"
	    " WHERE id < ?1 AND (?2 IS NULL OR actor = ?2)"
	    " AND (?3 IS NULL OR object = ?3)"
	    " AND (?4 IS NULL OR action = ?4)"
	    " AND (?5 IS NULL OR substr(action, 1, length(?5)) = ?5)"
	    " AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7)"
	    " AND (?8 = 1 OR NOT (action = 'setting.set' AND object IN"
	    " ('setting:events_chain_head', 'setting:audit_chain_head',"
	    " 'setting:calendar_version')))"
	    " ORDER BY id DESC LIMIT ?9",
	[STMT_SESS_DELETE_OTHERS] =
	    "DELETE FROM sessions WHERE user = ?1 AND id <> ?2",
	[STMT_SESS_INSERT] =
	    "INSERT INTO sessions (id, user, csrf, addr, created_at,"
	    " last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_SESS_GET] =
	    "SELECT s.user, u.role, s.csrf, s.last_seen FROM sessions s"
	    " JOIN users u ON u.name = s.user"
	    " WHERE s.id = ?1 AND u.disabled = 0 AND s.created_at >= ?2",
	[STMT_SESS_TOUCH] =
	    "UPDATE sessions SET last_seen = ?2 WHERE id = ?1",
	[STMT_SESS_USER] = "SELECT user FROM sessions WHERE id = ?1",
	[STMT_SESS_DELETE] = "DELETE FROM sessions WHERE id = ?1",
	[STMT_SESS_PURGE] = "DELETE FROM sessions WHERE last_seen < ?1",
	[STMT_SESS_DELETE_USER] = "DELETE FROM sessions WHERE user = ?1",
	[STMT_USERS_LIST] =
	    "SELECT u.name, u.role, u.disabled, u.created_at,"
	    " (SELECT count(*) FROM sessions s WHERE s.user = u.name)"
	    " FROM users u ORDER BY u.role, u.name",
	[STMT_USER_DISABLE] =
	    "UPDATE users SET disabled = ?2 WHERE name = ?1",
	[STMT_USER_HASH] =
	    "UPDATE users SET pw_hash = ?2 WHERE name = ?1",
	[STMT_AUDIT_CTX] =
	    "UPDATE temp.audit_ctx SET actor = ?1, addr = ?2",
	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit (at, actor, addr, action, object, detail)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_AUDIT_ALL] =
	    "SELECT id, at, actor, addr, action, object, detail FROM audit"
	    " WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
	[STMT_AUDIT_OBJECT] =
	    "SELECT id, at, actor, addr, action, object, detail FROM audit"
	    " WHERE object = ?3 AND id < ?1 ORDER BY object, id DESC"
	    " LIMIT ?2",
};

/*
 * The audit context and triggers (cases/audit.h).  Temporary triggers
 * may watch tables of the main schema and may read temp.audit_ctx;
 * statements inside them name main tables unqualified, as SQLite
 * requires.  They only add audit rows: events get their client address
 * from the domain call (act_input.addr), because it is part of the
 * event's hash (cases/chain.h) and must not change after the insert.  Case changes are filed under the case number, others
 * under "user:NAME", "agency", "setting:KEY", "calendar:YEAR".
 */
#define ACTOR(x)	"coalesce((SELECT actor FROM temp.audit_ctx), " x ")"
#define ADDR		"coalesce((SELECT addr FROM temp.audit_ctx), '')"
#define NOW		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define CASENO(x)	"(SELECT number FROM cases WHERE id = " x ")"
#define AUDIT(at, actor, action, object, detail) \
	"INSERT INTO audit (at, actor, addr, action, object, detail)" \
	" VALUES (" at ", " actor ", " ADDR ", " action ", " object ", " \
	detail ");"

/* One string per trigger: C17 guarantees string literals of only
 * 4095 characters. */
static const char *const attach_sql[] = {
    "CREATE TEMP TABLE IF NOT EXISTS audit_ctx (actor TEXT, addr TEXT);"
    "INSERT INTO temp.audit_ctx (actor, addr) SELECT NULL, ''"
    "  WHERE NOT EXISTS (SELECT 1 FROM temp.audit_ctx);"
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_events"
    "  AFTER INSERT ON main.events BEGIN "
    AUDIT("NEW.at", ACTOR("NEW.actor"), "'case.' || NEW.action",
	CASENO("NEW.case_id"), "json_object('seq', NEW.seq, 'by', NEW.actor,"
	" 'on', NEW.effective, 'outcome', NEW.outcome, 'note', NEW.note,"
	" 'payload', json(NEW.payload))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_letters"
    "  AFTER INSERT ON main.letters BEGIN "
    AUDIT(NOW, ACTOR("NEW.created_by"), "'letter.issue'",
	CASENO("NEW.case_id"), "json_object('kind', NEW.kind, 'version',"
	" NEW.version, 'doc_number', NEW.doc_number, 'sha256', NEW.sha256)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_texts_ins"
    "  AFTER INSERT ON main.case_texts BEGIN "
    AUDIT(NOW, ACTOR("NEW.updated_by"), "'case.text'",
	CASENO("NEW.case_id"), "json_object('key', NEW.key, 'chars',"
	" length(NEW.value))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_texts_upd"
    "  AFTER UPDATE ON main.case_texts BEGIN "
    AUDIT(NOW, ACTOR("NEW.updated_by"), "'case.text'",
	CASENO("NEW.case_id"), "json_object('key', NEW.key, 'chars',"
	" length(NEW.value))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_texts_del"
    "  AFTER DELETE ON main.case_texts BEGIN "
    AUDIT(NOW, ACTOR("'system'"), "'case.text'", CASENO("OLD.case_id"),
	"json_object('key', OLD.key, 'chars', 0)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_attachments"
    "  AFTER INSERT ON main.attachments BEGIN "
    AUDIT("NEW.uploaded_at", ACTOR("NEW.uploaded_by"), "'attachment.add'",
	CASENO("NEW.case_id"), "json_object('id', NEW.id, 'name', NEW.name,"
	" 'size', NEW.size, 'sha256', NEW.sha256)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_notes"
    "  AFTER INSERT ON main.notes BEGIN "
    AUDIT("NEW.at", ACTOR("NEW.author"), "'note.add'",
	CASENO("NEW.case_id"), "json_object('id', NEW.id, 'chars',"
	" length(NEW.text))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_approvals_ins"
    "  AFTER INSERT ON main.approvals BEGIN "
    AUDIT("NEW.requested_at", ACTOR("NEW.requested_by"),
	"'approval.request'", CASENO("NEW.case_id"), "json_object('id',"
	" NEW.id, 'action', NEW.action, 'outcome', NEW.outcome, 'days',"
	" NEW.days)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_approvals_upd"
    "  AFTER UPDATE OF status ON main.approvals BEGIN "
    AUDIT(NOW, ACTOR("NEW.decided_by"), "'approval.' || NEW.status",
	CASENO("NEW.case_id"), "json_object('id', NEW.id, 'action',"
	" NEW.action, 'requested_by', NEW.requested_by, 'comment',"
	" NEW.comment)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_users_ins"
    "  AFTER INSERT ON main.users BEGIN "
    AUDIT("NEW.created_at", ACTOR("'system'"), "'user.add'",
	"'user:' || NEW.name", "json_object('role', NEW.role)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_users_upd"
    "  AFTER UPDATE ON main.users BEGIN "
    AUDIT(NOW, ACTOR("'system'"), "'user.change'", "'user:' || NEW.name",
	"json_object('role', NEW.role, 'disabled', NEW.disabled,"
	" 'password_changed', NEW.pw_hash IS NOT OLD.pw_hash)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_agency_ins"
    "  AFTER INSERT ON main.agency BEGIN "
    AUDIT("NEW.updated_at", ACTOR("'system'"), "'agency.set'", "'agency'",
	"json_object('name', NEW.name)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_agency_upd"
    "  AFTER UPDATE ON main.agency BEGIN "
    AUDIT("NEW.updated_at", ACTOR("'system'"), "'agency.set'", "'agency'",
	"json_object('name', NEW.name)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_settings_ins"
    "  AFTER INSERT ON main.settings"
    "  WHEN NEW.key <> 'audit_chain_head' BEGIN "
    AUDIT(NOW, ACTOR("'system'"), "'setting.set'", "'setting:' || NEW.key",
	"json_object('chars', length(NEW.value))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_settings_upd"
    "  AFTER UPDATE ON main.settings"
    "  WHEN NEW.key <> 'audit_chain_head' BEGIN "
    AUDIT(NOW, ACTOR("'system'"), "'setting.set'", "'setting:' || NEW.key",
	"json_object('chars', length(NEW.value))")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_calyears_ins"
    "  AFTER INSERT ON main.calendar_years BEGIN "
    AUDIT("NEW.imported_at", ACTOR("'system'"), "'calendar.import'",
	"'calendar:' || NEW.year", "json_object('origin', NEW.origin)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_calyears_upd"
    "  AFTER UPDATE ON main.calendar_years BEGIN "
    AUDIT("NEW.imported_at", ACTOR("'system'"), "'calendar.import'",
	"'calendar:' || NEW.year", "json_object('origin', NEW.origin)")
    "  END;",
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_calendar_local"
    "  AFTER INSERT ON main.calendar WHEN NEW.source = 'local' BEGIN "
    AUDIT(NOW, ACTOR("'system'"), "'calendar.local'",
	"'calendar:' || substr(NEW.day, 1, 4)", "json_object('day', NEW.day,"
	" 'kind', NEW.kind, 'name', NEW.name)")
    "  END;",
    /* Issue 13 item 4: each signature of a sign-off chain. */
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_approval_steps"
    "  AFTER UPDATE OF decision ON main.approval_steps"
    "  WHEN NEW.decision IS NOT NULL BEGIN "
    AUDIT(NOW, ACTOR("NEW.signed_by"), "'approval.step'",
	CASENO("(SELECT case_id FROM approvals WHERE id = NEW.approval_id)"),
	"json_object('id', NEW.approval_id, 'step', NEW.pos, 'name',"
	" NEW.name, 'decision', NEW.decision, 'opinion', NEW.opinion)")
    "  END;",
};

/* The statements, attaching the audit triggers on first use. */
static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;
	size_t		 i;

	if ((t = s->tab[SM_AUTH]) == NULL) {
		for (i = 0; i < sizeof(attach_sql) / sizeof(attach_sql[0]);
		    i++)
			if (sq_exec_sql(s, attach_sql[i]) != CM_OK)
				return NULL;
		if ((t = sq_table(s, SM_AUTH, stmts, STMT__MAX)) == NULL)
			return NULL;
	}
	return sq_get(t, k);
}

/* Prepares the statements (attaching the temporary audit table and
 * triggers) now, before a read-only mode forbids creating them. */
enum cm_err
sq_auth_prepare(struct store *s)
{
	return get(s, STMT_AUDIT_CTX) != NULL ? CM_OK : CM_SYSERR;
}

#define GET(st, k)	do {					\
		if (((st) = get(s, (k))) == NULL)		\
			return CM_SYSERR;			\
	} while (0)

/*
 * Per connection, what the gates of every request read or set (issue 17:
 * a page's session lookup was 3-4% of the case list): the sessions
 * last found, kept until the database changes as the list pages are
 * (store_listcache.c: PRAGMA data_version plus the connection's own
 * commits, never inside a write transaction, kept only when the
 * version was the same before and after), and the audit context last
 * set outside a transaction.
 */
#define SESS_N		4
#define SESS_STR	128

struct sess_entry {
	int64_t		 version;
	unsigned long	 commits;
	unsigned long	 used;
	int		 valid;
	char		 id[SESS_STR];
	char		 after[32];
	char		 user[SESS_STR];
	char		 role[SESS_STR];
	char		 csrf[SESS_STR];
	int64_t		 last_seen;
};

struct auth_cache {
	struct sess_entry e[SESS_N];
	unsigned long	 tick;
	int		 ctx_set;	/* ctx_actor and ctx_addr are set */
	int		 ctx_null;	/* the actor is NULL */
	char		 ctx_actor[SESS_STR];
	char		 ctx_addr[SESS_STR];
};

static struct auth_cache *
auth_cache(struct store *s)
{
	if (s->ac == NULL)
		s->ac = xcalloc(1, sizeof(*s->ac));
	return s->ac;
}

/* Frees the connection's auth cache (sq_cache_free). */
void
sq_auth_cache_free(struct store *s)
{
	if (s->ac != NULL)
		explicit_bzero(s->ac, sizeof(*s->ac));
	free(s->ac);
	s->ac = NULL;
}

static void
col_copy(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const unsigned char	*t;

	t = sqlite3_column_text(st, i);
	snprintf(out, len, "%s", t != NULL ? (const char *)t : "");
}

/* Creates the audit context and triggers on this connection. */
enum cm_err
store_audit_attach(struct store *s)
{
	sqlite3_stmt	*st;

	GET(st, STMT_AUDIT_CTX);
	sq_done(st);
	return CM_OK;
}

/*
 * Sets who acts (NULL: the record's own actor) and from where, as the
 * audit triggers record them.  Outside any transaction, the context
 * last set on the connection is not written again (every request sets
 * it); inside one it always is, and what was set last is forgotten (a
 * rollback takes the row back).
 */
enum cm_err
store_audit_context(struct store *s, const char *actor, const char *addr)
{
	struct auth_cache	*c = auth_cache(s);
	sqlite3_stmt		*st;
	enum cm_err		 e;

	if (addr == NULL)
		addr = "";
	if (sqlite3_get_autocommit(s->db) && c->ctx_set &&
	    c->ctx_null == (actor == NULL) &&
	    (actor == NULL || strcmp(c->ctx_actor, actor) == 0) &&
	    strcmp(c->ctx_addr, addr) == 0)
		return CM_OK;
	c->ctx_set = 0;
	GET(st, STMT_AUDIT_CTX);
	sq_bind_text(st, 1, actor);
	sq_bind_text(st, 2, addr);
	if ((e = sq_exec(s, st)) == CM_OK && sqlite3_get_autocommit(s->db) &&
	    (actor == NULL || strlen(actor) < SESS_STR) &&
	    strlen(addr) < SESS_STR) {
		c->ctx_null = actor == NULL;
		snprintf(c->ctx_actor, sizeof(c->ctx_actor), "%s",
		    actor != NULL ? actor : "");
		snprintf(c->ctx_addr, sizeof(c->ctx_addr), "%s", addr);
		c->ctx_set = 1;
	}
	return e;
}

enum cm_err
store_audit_insert(struct store *s, const char *at, const char *actor,
    const char *addr, const char *action, const char *object,
    const char *detail)
{
	sqlite3_stmt	*st;
	enum cm_err	 e;

	/* In a transaction of its own when none is open, so that the
	 * row is sealed into the audit chain at its commit. */
	if ((e = store_begin(s)) != CM_OK)
		return e;
	if ((st = get(s, STMT_AUDIT_INSERT)) == NULL) {
		store_rollback(s);
		return CM_SYSERR;
	}
	sq_bind_text(st, 1, at);
	sq_bind_text(st, 2, actor);
	sq_bind_text(st, 3, addr != NULL ? addr : "");
	sq_bind_text(st, 4, action);
	sq_bind_text(st, 5, object != NULL ? object : "");
	sq_bind_text(st, 6, detail != NULL ? detail : "{}");
	if ((e = sq_exec(s, st)) == CM_OK)
		e = store_commit(s);
	if (e != CM_OK)
		store_rollback(s);
	return e;
}

/* Newest first, ids below before (0: from the newest), at most limit;
 * object NULL lists every row. */
enum cm_err
store_audit_list(struct store *s, const char *object, int64_t before,
    int limit, int (*fn)(const struct audit_rec *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct audit_rec r;
	int		 rc;

	GET(st, object != NULL ? STMT_AUDIT_OBJECT : STMT_AUDIT_ALL);
	sqlite3_bind_int64(st, 1, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 100);
	if (object != NULL)
		sq_bind_text(st, 3, object);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.at = (const char *)sqlite3_column_text(st, 1);
		r.actor = (const char *)sqlite3_column_text(st, 2);
		r.addr = (const char *)sqlite3_column_text(st, 3);
		r.action = (const char *)sqlite3_column_text(st, 4);
		r.object = (const char *)sqlite3_column_text(st, 5);
		r.detail = (const char *)sqlite3_column_text(st, 6);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* The audit rows that pass q, newest first (see STMT_AUDIT_QUERY). */
enum cm_err
store_audit_query(struct store *s, const struct audit_query *q,
    int (*fn)(const struct audit_rec *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct audit_rec r;
	int		 rc;

	GET(st, STMT_AUDIT_QUERY);
	sqlite3_bind_int64(st, 1, q->before > 0 ? q->before : INT64_MAX);
	sq_bind_text(st, 2, q->actor);
	sq_bind_text(st, 3, q->object);
	sq_bind_text(st, 4, q->action);
	sq_bind_text(st, 5, q->action_prefix);
	sq_bind_text(st, 6, q->at_from);
	sq_bind_text(st, 7, q->at_before);
	sqlite3_bind_int(st, 8, q->internal ? 1 : 0);
	sqlite3_bind_int(st, 9, q->limit > 0 ? q->limit : 100);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.at = (const char *)sqlite3_column_text(st, 1);
		r.actor = (const char *)sqlite3_column_text(st, 2);
		r.addr = (const char *)sqlite3_column_text(st, 3);
		r.action = (const char *)sqlite3_column_text(st, 4);
		r.object = (const char *)sqlite3_column_text(st, 5);
		r.detail = (const char *)sqlite3_column_text(st, 6);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* An account's password hash (caller frees), role and disabled flag. */
enum cm_err
store_user_auth(struct store *s, const char *name, char **hash, char *role,
    size_t rolelen, int *disabled)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_USER_AUTH);
	sq_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*hash = sq_col_dup(st, 0);
		col_copy(st, 1, role, rolelen);
		*disabled = sqlite3_column_int(st, 2);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return *hash != NULL ? CM_OK : CM_SYSERR;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_throttle_get(struct store *s, const char *kind, const char *key,
    int *failures, int64_t *window_start, int64_t *locked_until)
{
	sqlite3_stmt	*st;
	int		 rc;

	*failures = 0;
	*window_start = *locked_until = 0;
	GET(st, STMT_THR_GET);
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*failures = sqlite3_column_int(st, 0);
		*window_start = sqlite3_column_int64(st, 1);
		*locked_until = sqlite3_column_int64(st, 2);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_throttle_put(struct store *s, const char *kind, const char *key,
    int failures, int64_t window_start, int64_t locked_until)
{
	sqlite3_stmt	*st;

	GET(st, STMT_THR_PUT);
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, key);
	sqlite3_bind_int(st, 3, failures);
	sqlite3_bind_int64(st, 4, window_start);
	sqlite3_bind_int64(st, 5, locked_until);
	return sq_exec(s, st);
}

enum cm_err
store_throttle_clear(struct store *s, const char *kind, const char *key)
{
	sqlite3_stmt	*st;

	GET(st, STMT_THR_CLEAR);
	sq_bind_text(st, 1, kind);
	sq_bind_text(st, 2, key);
	return sq_exec(s, st);
}

enum cm_err
store_session_insert(struct store *s, const char *id, const char *user,
    const char *csrf, const char *addr, const char *created_at,
    int64_t last_seen)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SESS_INSERT);
	sq_bind_text(st, 1, id);
	sq_bind_text(st, 2, user);
	sq_bind_text(st, 3, csrf);
	sq_bind_text(st, 4, addr != NULL ? addr : "");
	sq_bind_text(st, 5, created_at);
	sqlite3_bind_int64(st, 6, last_seen);
	return sq_exec(s, st);
}

/* The session with this id (a token hash) of an enabled account,
 * created at or after created_after (ISO 8601 UTC; "" for any). */
static enum cm_err
session_read(struct store *s, const char *id, const char *created_after,
    char *user, size_t userlen, char *role, size_t rolelen, char *csrf,
    size_t csrflen, int64_t *last_seen)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_SESS_GET);
	sq_bind_text(st, 1, id);
	sq_bind_text(st, 2, created_after != NULL ? created_after : "");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		col_copy(st, 0, user, userlen);
		col_copy(st, 1, role, rolelen);
		col_copy(st, 2, csrf, csrflen);
		*last_seen = sqlite3_column_int64(st, 3);
	}
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
store_session_get(struct store *s, const char *id, const char *created_after,
    char *user, size_t userlen, char *role, size_t rolelen, char *csrf,
    size_t csrflen, int64_t *last_seen)
{
	struct auth_cache	*c;
	struct sess_entry	*e, *victim;
	char			 u[SESS_STR], r[SESS_STR], k[SESS_STR];
	const char		*after = created_after != NULL ?
				    created_after : "";
	unsigned long		 commits = s->commits;
	int64_t			 v0, v1, seen;
	size_t			 i;
	enum cm_err		 rc;

	if (s->depth > 0 || strlen(id) >= SESS_STR ||
	    strlen(after) >= sizeof(e->after) ||
	    sq_data_version(s, &v0) != CM_OK)
		return session_read(s, id, created_after, user, userlen, role,
		    rolelen, csrf, csrflen, last_seen);
	c = auth_cache(s);
	victim = &c->e[0];
	for (i = 0; i < SESS_N; i++) {
		e = &c->e[i];
		if (e->valid && e->version == v0 && e->commits == commits &&
		    strcmp(e->id, id) == 0 && strcmp(e->after, after) == 0) {
			e->used = ++c->tick;
			snprintf(user, userlen, "%s", e->user);
			snprintf(role, rolelen, "%s", e->role);
			snprintf(csrf, csrflen, "%s", e->csrf);
			*last_seen = e->last_seen;
			return CM_OK;
		}
		if (!e->valid || (victim->valid && e->used < victim->used))
			victim = e;
	}
	/* Read in full (the caller's buffers may be shorter). */
	if ((rc = session_read(s, id, created_after, u, sizeof(u), r,
	    sizeof(r), k, sizeof(k), &seen)) != CM_OK)
		return rc;
	snprintf(user, userlen, "%s", u);
	snprintf(role, rolelen, "%s", r);
	snprintf(csrf, csrflen, "%s", k);
	*last_seen = seen;
	if (strlen(u) >= SESS_STR - 1 || strlen(r) >= SESS_STR - 1 ||
	    strlen(k) >= SESS_STR - 1 || sq_data_version(s, &v1) != CM_OK ||
	    v1 != v0 || s->commits != commits)
		return CM_OK;
	explicit_bzero(victim, sizeof(*victim));
	victim->valid = 1;
	victim->version = v0;
	victim->commits = commits;
	victim->used = ++c->tick;
	snprintf(victim->id, sizeof(victim->id), "%s", id);
	snprintf(victim->after, sizeof(victim->after), "%s", after);
	memcpy(victim->user, u, sizeof(u));
	memcpy(victim->role, r, sizeof(r));
	memcpy(victim->csrf, k, sizeof(k));
	victim->last_seen = seen;
	return CM_OK;
}

enum cm_err
store_session_touch(struct store *s, const char *id, int64_t last_seen)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SESS_TOUCH);
	sq_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, last_seen);
	return sq_exec(s, st);
}

/* Deletes a session; user (if not NULL) gets whose it was. */
enum cm_err
store_session_delete(struct store *s, const char *id, char *user,
    size_t userlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	GET(st, STMT_SESS_USER);
	sq_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && user != NULL)
		col_copy(st, 0, user, userlen);
	sq_done(st);
	if (rc == SQLITE_DONE)
		return CM_NOTFOUND;
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc);
	GET(st, STMT_SESS_DELETE);
	sq_bind_text(st, 1, id);
	return sq_exec(s, st);
}

enum cm_err
store_sessions_purge(struct store *s, int64_t before)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SESS_PURGE);
	sqlite3_bind_int64(st, 1, before);
	return sq_exec(s, st);
}

enum cm_err
store_sessions_delete_user(struct store *s, const char *user)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SESS_DELETE_USER);
	sq_bind_text(st, 1, user);
	return sq_exec(s, st);
}

/* Ends every session of user but the one of id (a token's hash). */
enum cm_err
store_sessions_delete_others(struct store *s, const char *user,
    const char *id)
{
	sqlite3_stmt	*st;

	GET(st, STMT_SESS_DELETE_OTHERS);
	sq_bind_text(st, 1, user);
	sq_bind_text(st, 2, id);
	return sq_exec(s, st);
}

enum cm_err
store_users_list(struct store *s, int (*fn)(const struct user_info *,
    void *), void *arg)
{
	sqlite3_stmt	*st;
	struct user_info u;
	int		 rc;

	GET(st, STMT_USERS_LIST);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u.name = (char *)sqlite3_column_text(st, 0);
		u.role = (char *)sqlite3_column_text(st, 1);
		u.disabled = sqlite3_column_int(st, 2);
		u.created_at = (char *)sqlite3_column_text(st, 3);
		u.sessions = sqlite3_column_int(st, 4);
		if (fn(&u, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

static enum cm_err
changed_one(struct store *s, enum cm_err e)
{
	if (e == CM_OK && sqlite3_changes(s->db) != 1)
		return CM_NOTFOUND;
	return e;
}

enum cm_err
store_user_set_disabled(struct store *s, const char *name, int disabled)
{
	sqlite3_stmt	*st;

	GET(st, STMT_USER_DISABLE);
	sq_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, disabled != 0);
	return changed_one(s, sq_exec(s, st));
}

enum cm_err
store_user_set_hash(struct store *s, const char *name, const char *hash)
{
	sqlite3_stmt	*st;

	GET(st, STMT_USER_HASH);
	sq_bind_text(st, 1, name);
	sq_bind_text(st, 2, hash);
	return changed_one(s, sq_exec(s, st));
}

/* Deletes throttle rows no longer locked whose window began before
 * window_before (login_throttle stays small). */
enum cm_err
store_throttle_purge(struct store *s, int64_t now, int64_t window_before)
{
	sqlite3_stmt	*st;

	GET(st, STMT_THR_PURGE);
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, window_before);
	return sq_exec(s, st);
}

/* Whether a refused login of actor from addr is audited at or after
 * since (ISO 8601 UTC): *seen 1 or 0. */
enum cm_err
store_login_fail_seen(struct store *s, const char *actor, const char *addr,
    const char *since, int *seen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*seen = 0;
	GET(st, STMT_FAIL_SEEN);
	sq_bind_text(st, 1, actor);
	sq_bind_text(st, 2, addr != NULL ? addr : "");
	sq_bind_text(st, 3, since);
	rc = sqlite3_step(st);
	sq_done(st);
	if (rc == SQLITE_ROW)
		*seen = 1;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Lifts the login delay of an account (the administrator's unlock). */
enum cm_err
store_throttle_unlock(struct store *s, const char *user)
{
	sqlite3_stmt	*st;

	GET(st, STMT_THR_UNLOCK);
	sq_bind_text(st, 1, user);
	return sq_exec(s, st);
}
