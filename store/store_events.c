/* SPDX-License-Identifier: ISC */
/*
 * The event log and its hash chain: appending an event (each hash
 * covers the event and the hash before it), loading a case's events,
 * verifying the chain and its recorded head, and backfilling the hashes
 * of events written before the chain existed (at open).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/chain.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_EVENT_APPEND, STMT_EVENTS_GET, STMT_EVENT_SEQ, STMT_CHAIN_LAST,
	STMT_CHAIN_ALL, STMT_CHAIN_SET, STMT_CHAIN_HEAD_GET,
	STMT_CHAIN_HEAD_PUT, STMT_CHAIN_HEAD_SETTLE, STMT_CHAIN_MISSING,
	STMT_CASE_ALL_IDS,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_EVENT_APPEND] =
	    "INSERT INTO events (case_id, seq, action, actor, at, effective,"
	    " days, party, outcome, amount_fen, note, payload, addr, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14)",
	[STMT_EVENTS_GET] =
	    "SELECT seq, action, actor, at, effective, days, party, outcome,"
	    " amount_fen, note, payload, addr FROM events WHERE case_id = ?1"
	    " ORDER BY seq",
	[STMT_EVENT_SEQ] =
	    "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE case_id = ?1",
	[STMT_CHAIN_LAST] =
	    "SELECT hash FROM events ORDER BY id DESC LIMIT 1",
	[STMT_CHAIN_ALL] =
	    "SELECT e.id, e.case_id, e.seq, e.action, e.actor, e.at,"
	    " e.effective, e.days, e.party, e.outcome, e.amount_fen, e.note,"
	    " e.payload, e.addr, e.hash, c.number FROM events e"
	    " LEFT JOIN cases c ON c.id = e.case_id ORDER BY e.id",
	[STMT_CHAIN_SET] = "UPDATE events SET hash = ?2 WHERE id = ?1",
	[STMT_CHAIN_HEAD_GET] =
	    "SELECT value FROM settings WHERE key = 'events_chain_head'",
	[STMT_CHAIN_HEAD_PUT] =
	    "INSERT INTO settings (key, value) VALUES ('events_chain_head', ?1)"
	    " ON CONFLICT (key) DO UPDATE SET value = ?1",
	[STMT_CHAIN_HEAD_SETTLE] =
	    "INSERT INTO settings (key, value) SELECT 'events_chain_head',"
	    " id || ' ' || hash FROM events WHERE 1 ORDER BY id DESC LIMIT 1"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[STMT_CHAIN_MISSING] = "SELECT 1 FROM events WHERE hash = '' LIMIT 1",
	[STMT_CASE_ALL_IDS] = "SELECT id FROM cases ORDER BY number",
};

/* The migration that added events.hash (store/schema.c, 6). */
#define CHAIN_MIGRATION	6

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = s->tab[SM_EVENTS]) == NULL &&
	    (t = sq_table(s, SM_EVENTS, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* The hash of the newest event ("" when there is none) into out. */
static enum cm_err
chain_last(struct store *s, char out[CHAIN_HEXLEN])
{
	sqlite3_stmt	*st = get(s, STMT_CHAIN_LAST);
	int		 rc;

	out[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out, CHAIN_HEXLEN, "%s", sqlite3_column_text(st, 0));
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

/*
 * Records the chain head, "<id of the newest event> <its hash>", once
 * per transaction that appended events (store_commit(), before the
 * outermost commit): one write for a group commit's many intakes instead
 * of one per event (3% of the server's writer under intake load, perf).
 * It is read from the log itself, so that events a savepoint rolled back
 * are not named.
 */
enum cm_err
store_events_settle(struct store *s)
{
	if (!s->events_head_due)
		return CM_OK;
	s->events_head_due = 0;
	return sq_exec(s, get(s, STMT_CHAIN_HEAD_SETTLE));
}

/*
 * CM_OK when the chain head is recorded; else CM_SYSERR: events exist
 * but their head was removed, and chaining on would hide it.
 */
static enum cm_err
chain_head_present(struct store *s)
{
	sqlite3_stmt	*st = get(s, STMT_CHAIN_HEAD_GET);
	int		 rc;

	rc = sqlite3_step(st);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	snprintf(s->errmsg, sizeof(s->errmsg), "事件记录的链头缺失（可能被"
	    "篡改），已停止写入；请运行 foidesk audit verify 并报告管理员 "
	    "(events chain head missing)");
	return CM_SYSERR;
}

/*
 * Appends an event as the next of its case, chained to the newest event
 * of the whole log (call inside a transaction).
 */
enum cm_err
store_event_append(struct store *s, const char *case_id,
    const struct event_rec *in)
{
	struct event_rec e = *in;
	sqlite3_stmt	*st;
	char		 prev[CHAIN_HEXLEN], hash[CHAIN_HEXLEN];
	int		 rc;
	enum cm_err	 err;

	st = get(s, STMT_EVENT_SEQ);
	sq_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		e.seq = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc);
	if ((err = chain_last(s, prev)) != CM_OK)
		return err;
	/* (Not again in a transaction that appended: its head is written
	 * at the commit.) */
	if (prev[0] != '\0' && !s->events_head_due &&
	    (err = chain_head_present(s)) != CM_OK)
		return err;
	if (e.party == NULL)
		e.party = (char *)"";
	if (e.note == NULL)
		e.note = (char *)"";
	if (e.payload == NULL)
		e.payload = (char *)"{}";
	if (e.addr == NULL)
		e.addr = (char *)"";
	if (e.amount_fen < 0)
		e.amount_fen = -1;
	chain_hash(prev, case_id, &e, hash);
	st = get(s, STMT_EVENT_APPEND);
	sq_bind_text(st, 1, case_id);
	sqlite3_bind_int(st, 2, e.seq);
	sq_bind_text(st, 3, e.action);
	sq_bind_text(st, 4, e.actor);
	sq_bind_text(st, 5, e.at);
	sq_bind_text(st, 6, e.effective);
	sqlite3_bind_int(st, 7, e.days);
	sq_bind_text(st, 8, e.party);
	sq_bind_text(st, 9, e.outcome);
	if (e.amount_fen >= 0)
		sqlite3_bind_int64(st, 10, e.amount_fen);
	else
		sqlite3_bind_null(st, 10);
	sq_bind_text(st, 11, e.note);
	sq_bind_text(st, 12, e.payload);
	sq_bind_text(st, 13, e.addr);
	sq_bind_text(st, 14, hash);
	if ((err = sq_exec(s, st)) != CM_OK)
		return err;
	s->events_head_due = 1;
	return CM_OK;
}

static void
chain_row(sqlite3_stmt *st, struct event_rec *e)
{
	memset(e, 0, sizeof(*e));
	e->seq = sqlite3_column_int(st, 2);
	e->action = (char *)sqlite3_column_text(st, 3);
	e->actor = (char *)sqlite3_column_text(st, 4);
	e->at = (char *)sqlite3_column_text(st, 5);
	sq_col_date(st, 6, e->effective);
	e->days = sqlite3_column_int(st, 7);
	e->party = (char *)sqlite3_column_text(st, 8);
	e->outcome = (char *)sqlite3_column_text(st, 9);
	e->amount_fen = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 10);
	e->note = (char *)sqlite3_column_text(st, 11);
	e->payload = (char *)sqlite3_column_text(st, 12);
	e->addr = (char *)sqlite3_column_text(st, 13);
}

/*
 * Walks the whole event log in insertion order, recomputing each hash.
 * With fix set (only for events written before the chain existed, at
 * migration), stores the recomputed hashes instead of comparing them.
 */
static enum cm_err
chain_walk(struct store *s, int fix, struct chain_report *r)
{
	sqlite3_stmt	*st = get(s, STMT_CHAIN_ALL), *up;
	struct event_rec e;
	char		 prev[CHAIN_HEXLEN] = "", hash[CHAIN_HEXLEN];
	const char	*stored, *cid;
	int		 rc;
	enum cm_err	 err = CM_OK;
	int64_t		 probe = r->probe_id;

	memset(r, 0, sizeof(*r));
	r->probe_id = probe;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		chain_row(st, &e);
		cid = (const char *)sqlite3_column_text(st, 1);
		stored = (const char *)sqlite3_column_text(st, 14);
		chain_hash(prev, cid, &e, hash);
		r->events++;
		r->last_id = sqlite3_column_int64(st, 0);
		if (fix) {
			up = get(s, STMT_CHAIN_SET);
			sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
			sq_bind_text(up, 2, hash);
			if ((err = sq_exec(s, up)) != CM_OK)
				break;
		} else if (r->bad_id == 0 && (stored == NULL ||
		    strcmp(stored, hash) != 0)) {
			r->bad_id = sqlite3_column_int64(st, 0);
			r->bad_seq = e.seq;
			snprintf(r->bad_case, sizeof(r->bad_case), "%s",
			    sqlite3_column_text(st, 15) != NULL ?
			    (const char *)sqlite3_column_text(st, 15) : cid);
		}
		/* Chain on the recomputed hash: one edit is reported at
		 * its own event, not at every later one. */
		memcpy(prev, hash, sizeof(prev));
		if (probe != 0 && r->last_id == probe) {
			r->probe_found = 1;
			r->probe_count = r->events;
			memcpy(r->probe_hash, hash, sizeof(hash));
		}
	}
	sq_done(st);
	if (err == CM_OK && rc != SQLITE_DONE)
		err = sq_fail(s, rc);
	memcpy(r->head, prev, sizeof(prev));
	return err;
}

/* Backfills the hashes of events written before the chain existed. */
enum cm_err
store_chain_backfill(struct store *s)
{
	sqlite3_stmt		*st = get(s, STMT_CHAIN_MISSING), *head;
	struct chain_report	 r = { 0 };
	char			 v[128];
	int			 rc;
	enum cm_err		 e;

	/* Prepares this file's statements once, at open, so that the
	 * other functions may use get() without a check. */
	if (st == NULL)
		return CM_SYSERR;
	/* Once the head is recorded every event has its hash: only a
	 * database upgraded from before the chain (migration 6), in this
	 * very open, needs the scan.  A missing head over hashed events is
	 * tampering: never re-hash it (audit verify reports it, and
	 * store_event_append refuses). */
	if (s->from_version >= CHAIN_MIGRATION)
		return CM_OK;
	head = get(s, STMT_CHAIN_HEAD_GET);
	rc = sqlite3_step(head);
	sq_done(head);
	if (rc == SQLITE_ROW)
		return CM_OK;
	rc = sqlite3_step(st);
	sq_done(st);
	if (rc == SQLITE_DONE)
		return CM_OK;
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc);
	if ((e = store_begin(s)) != CM_OK)
		return e;
	if ((e = chain_walk(s, 1, &r)) == CM_OK) {
		snprintf(v, sizeof(v), "%lld %s", (long long)r.last_id, r.head);
		st = get(s, STMT_CHAIN_HEAD_PUT);
		sq_bind_text(st, 1, v);
		e = sq_exec(s, st);
	}
	if (e == CM_OK)
		e = store_commit(s);
	if (e != CM_OK)
		store_rollback(s);
	return e;
}

/*
 * Verifies the event chain and its recorded head.  r->bad_id names the
 * first event whose hash does not match (0: none); r->head_ok says
 * whether the stored head (count and hash) matches the log, which
 * catches events deleted from the end.
 */
enum cm_err
chain_verify(struct store *s, struct chain_report *r)
{
	sqlite3_stmt	*st;
	char		 want[128];
	int		 rc;
	enum cm_err	 e;

	if ((e = chain_walk(s, 0, r)) != CM_OK)
		return e;
	snprintf(want, sizeof(want), "%lld %s", (long long)r->last_id, r->head);
	st = get(s, STMT_CHAIN_HEAD_GET);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r->head_ok = strcmp((const char *)sqlite3_column_text(st, 0),
		    want) == 0;
	else {
		r->head_ok = r->events == 0;
		r->head_missing = r->events != 0;
	}
	sq_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}

enum cm_err
chain_anchor(struct store *s, const char *now, struct chain_report *r,
    struct audit_chain_report *ar, char out[CHAIN_ANCHOR_MAX])
{
	enum cm_err	 e;

	out[0] = '\0';
	r->probe_id = ar->probe_id = 0;
	if ((e = chain_verify(s, r)) != CM_OK ||
	    (e = audit_chain_verify(s, ar)) != CM_OK)
		return e;
	if (r->bad_id != 0 || !r->head_ok || ar->bad_id != 0 || !ar->head_ok)
		return CM_CONFLICT;
	snprintf(out, CHAIN_ANCHOR_MAX, "foidesk-anchor events=%lld last=%lld "
	    "head=%s audit=%lld audit_last=%lld audit_head=%s at=%s",
	    (long long)r->events, (long long)r->last_id, r->head,
	    (long long)ar->rows, (long long)ar->last_id, ar->head, now);
	return CM_OK;
}

/*
 * The text columns of an event row (1, 2, 3, 6, 7, 9, 10, 11) copied
 * into one allocation, e->mem (a case page loads hundreds of events:
 * one allocation each instead of eight).  NULL stays NULL.
 */
static void
event_strings(sqlite3_stmt *st, struct event_rec *e)
{
	static const int	 cols[8] = { 1, 2, 3, 6, 7, 9, 10, 11 };
	char			**dst[8];
	const unsigned char	*t[8];
	size_t			 len[8], total = 0, i;
	char			*p;

	dst[0] = &e->action;
	dst[1] = &e->actor;
	dst[2] = &e->at;
	dst[3] = &e->party;
	dst[4] = &e->outcome;
	dst[5] = &e->note;
	dst[6] = &e->payload;
	dst[7] = &e->addr;
	for (i = 0; i < 8; i++) {
		t[i] = sqlite3_column_text(st, cols[i]);
		len[i] = t[i] != NULL ?
		    (size_t)sqlite3_column_bytes(st, cols[i]) : 0;
		total += len[i] + 1;
	}
	p = e->mem = xmalloc(total);
	for (i = 0; i < 8; i++) {
		if (t[i] == NULL) {
			*dst[i] = NULL;
			continue;
		}
		memcpy(p, t[i], len[i]);
		p[len[i]] = '\0';
		*dst[i] = p;
		p += len[i] + 1;
	}
}

/* Loads a case's events, oldest first, into a new array (events_free). */
static enum cm_err
events_load(struct store *s, const char *case_id,
    struct event_rec **out, size_t *np)
{
	sqlite3_stmt		*st = get(s, STMT_EVENTS_GET);
	struct event_rec	*ev = NULL, *e;
	size_t			 n = 0, cap = 0;
	int			 rc;

	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 16 : 2 * cap;
			ev = xrealloc(ev, cap * sizeof(*ev));
		}
		e = &ev[n++];
		memset(e, 0, sizeof(*e));
		e->seq = sqlite3_column_int(st, 0);
		sq_col_date(st, 4, e->effective);
		e->days = sqlite3_column_int(st, 5);
		e->amount_fen = sqlite3_column_type(st, 8) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(st, 8);
		event_strings(st, e);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		events_free(ev, n);
		return sq_fail(s, rc);
	}
	*out = ev;
	*np = n;
	return CM_OK;
}

/* events_load(), through the connection's cache (store_cache.c). */
enum cm_err
store_events_get(struct store *s, const char *case_id,
    struct event_rec **out, size_t *np)
{
	return sq_events_cached(s, case_id, out, np, events_load);
}

/*
 * Calls fn with the id of every case, by number (audit verify compares
 * each row with its events); fn returns nonzero to stop, which gives
 * CM_CONFLICT.
 */
enum cm_err
store_case_all_ids(struct store *s, int (*fn)(const char *, void *),
    void *arg)
{
	sqlite3_stmt	*st = get(s, STMT_CASE_ALL_IDS);
	char		**ids = NULL;
	size_t		 n = 0, i;
	int		 rc;
	enum cm_err	 e = CM_OK;

	if (st == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sq_col_dup(st, 0);
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		e = sq_fail(s, rc);
	for (i = 0; i < n; i++) {
		if (e == CM_OK && fn(ids[i], arg) != 0)
			e = CM_CONFLICT;
		free(ids[i]);
	}
	free(ids);
	return e;
}
