/* SPDX-License-Identifier: ISC */
/*
 * The audit table's hash chain (cases/chain.h, issue 16).  Audit rows
 * are written by the program (store_audit_insert) and by the temporary
 * audit triggers of a serving connection, which cannot hash; so the
 * store seals them: just before the outermost commit (store_commit),
 * every row after the recorded head that has no hash yet gets one,
 * chained in id order, and the head moves to the newest.  A missing
 * head while sealed rows exist is tampering: the seal refuses, so no
 * write commits until an administrator looks (audit verify).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/chain.h"
#include "store/store.h"
#include "store/store_int.h"

enum stmt {
	STMT_HEAD_GET, STMT_HEAD_PUT, STMT_ANY_SEALED, STMT_UNSEALED,
	STMT_SET, STMT_ALL,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_HEAD_GET] =
	    "SELECT value FROM settings WHERE key = 'audit_chain_head'",
	[STMT_HEAD_PUT] =
	    "INSERT INTO settings (key, value) VALUES ('audit_chain_head', ?1)"
	    " ON CONFLICT (key) DO UPDATE SET value = ?1",
	[STMT_ANY_SEALED] =
	    "SELECT 1 FROM audit WHERE hash IS NOT NULL LIMIT 1",
	[STMT_UNSEALED] =
	    "SELECT id, at, actor, addr, action, object, detail FROM audit"
	    " WHERE id > ?1 AND hash IS NULL ORDER BY id",
	[STMT_SET] = "UPDATE audit SET hash = ?2 WHERE id = ?1",
	[STMT_ALL] =
	    "SELECT id, at, actor, addr, action, object, detail, hash"
	    " FROM audit ORDER BY id",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = s->tab[SM_ACHAIN]) == NULL &&
	    (t = sq_table(s, SM_ACHAIN, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

#define TXT(st, i)	((const char *)sqlite3_column_text((st), (i)))

static void
row_hash(sqlite3_stmt *st, const char *prev, char out[CHAIN_HEXLEN])
{
	chain_audit_hash(prev, sqlite3_column_int64(st, 0), TXT(st, 1),
	    TXT(st, 2), TXT(st, 3), TXT(st, 4), TXT(st, 5), TXT(st, 6), out);
}

/*
 * Reads the head into *id and hash (0 and "" when none).  *found says
 * whether the setting exists; a malformed value reads as present but
 * matching nothing.
 */
static enum cm_err
head_get(struct store *s, int *found, int64_t *id, char hash[CHAIN_HEXLEN])
{
	sqlite3_stmt	*st = get(s, STMT_HEAD_GET);
	const char	*v, *sp;
	int		 rc;

	*found = 0;
	*id = 0;
	hash[0] = '\0';
	if (st == NULL)
		return CM_SYSERR;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		v = TXT(st, 0);
		if (v != NULL && (sp = strchr(v, ' ')) != NULL) {
			*id = strtoll(v, NULL, 10);
			snprintf(hash, CHAIN_HEXLEN, "%s", sp + 1);
		}
	}
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Whether any audit row is sealed (*yes); CM_OK or a database error. */
static enum cm_err
any_sealed(struct store *s, int *yes)
{
	sqlite3_stmt	*st = get(s, STMT_ANY_SEALED);
	int		 rc;

	rc = sqlite3_step(st);
	sq_done(st);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/* Seals the unsealed audit rows after the head (inside a transaction). */
enum cm_err
store_audit_seal(struct store *s)
{
	sqlite3_stmt	*st, *up;
	char		 prev[CHAIN_HEXLEN], hash[CHAIN_HEXLEN], v[128];
	int64_t		 hid, last = 0;
	int		 found, sealed, rc;
	enum cm_err	 e;

	if ((e = head_get(s, &found, &hid, prev)) != CM_OK)
		return e;
	if (!found) {
		if ((e = any_sealed(s, &sealed)) != CM_OK)
			return e;
		if (sealed) {
			snprintf(s->errmsg, sizeof(s->errmsg), "操作日志的"
			    "链头缺失（可能被篡改），已停止写入；请运行 "
			    "foidesk audit verify 并报告管理员 (audit chain "
			    "head missing)");
			return CM_SYSERR;
		}
	}
	st = get(s, STMT_UNSEALED);
	sqlite3_bind_int64(st, 1, hid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_hash(st, prev, hash);
		last = sqlite3_column_int64(st, 0);
		up = get(s, STMT_SET);
		sqlite3_bind_int64(up, 1, last);
		sq_bind_text(up, 2, hash);
		if ((e = sq_exec(s, up)) != CM_OK) {
			sq_done(st);
			return e;
		}
		memcpy(prev, hash, sizeof(prev));
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	if (last == 0)
		return CM_OK;
	snprintf(v, sizeof(v), "%" PRId64 " %s", last, prev);
	st = get(s, STMT_HEAD_PUT);
	sq_bind_text(st, 1, v);
	return sq_exec(s, st);
}

/*
 * Recomputes the audit chain: rows up to the head must carry the hash
 * their fields and the row before give, and the head must name the last
 * of them; rows after it must not be sealed (they are pending).
 */
enum cm_err
audit_chain_verify(struct store *s, struct audit_chain_report *r)
{
	sqlite3_stmt	*st;
	char		 prev[CHAIN_HEXLEN] = "", hash[CHAIN_HEXLEN];
	char		 hhash[CHAIN_HEXLEN];
	const char	*stored;
	int64_t		 hid, id;
	int		 found, rc;
	enum cm_err	 e;
	int64_t		 probe = r->probe_id;

	memset(r, 0, sizeof(*r));
	r->probe_id = probe;
	if ((e = head_get(s, &found, &hid, hhash)) != CM_OK)
		return e;
	st = get(s, STMT_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		stored = TXT(st, 7);
		if (!found || id > hid) {
			/* After the head: pending, unless sealed. */
			if (stored == NULL) {
				r->pending++;
				continue;
			}
			if (!found)
				r->head_missing = 1;
			if (r->bad_id == 0 && found)
				r->bad_id = id;
			continue;
		}
		row_hash(st, prev, hash);
		r->rows++;
		r->last_id = id;
		if (r->bad_id == 0 && (stored == NULL ||
		    strcmp(stored, hash) != 0))
			r->bad_id = id;
		/* Chain on the recomputed hash: an edit is reported at its
		 * own row. */
		memcpy(prev, hash, sizeof(prev));
		if (probe != 0 && id == probe) {
			r->probe_found = 1;
			r->probe_count = r->rows;
			memcpy(r->probe_hash, hash, sizeof(hash));
		}
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	memcpy(r->head, prev, sizeof(prev));
	r->head_ok = r->head_missing ? 0 : !found ? 1 :
	    r->last_id == hid && strcmp(prev, hhash) == 0;
	return CM_OK;
}
