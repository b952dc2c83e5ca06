/* SPDX-License-Identifier: ISC */
/*
 * Login, throttling and sessions (see auth.h).
 *
 * Throttling: each attempt counts against the account (when it exists)
 * and the client address, checked and counted in one transaction before
 * the password is verified; a success takes its count back.  Counts
 * reset when the window (lock_secs) since the first attempt has passed.
 * From the limit on, each attempt delays the next one: delay_secs,
 * doubling, at most delay_max_secs (a few minutes), so nobody can keep
 * an owner out for long and an administrator can lift it at once
 * (auth_user_unlock).  A delayed name or address is refused before the
 * password is looked at, and the refusal is not counted again.  Unknown names cost the
 * same argon2id verification as known ones (a dummy hash), so timing
 * does not tell which names exist.
 *
 * Sessions: the cookie carries 32 random bytes in hex; the database
 * keeps only their SHA-256, so a copy of the database does not hold
 * usable sessions.  Each session has its own random CSRF token.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/audit.h"
#include "ops/auth.h"
#include "ops/user.h"
#include "ops/case.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"


static char		 dummy_hash[USER_HASH_LEN];
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;
static int		 dummy_ok;

void
auth_policy_default(struct auth_policy *p)
{
	p->user_failures = 5;
	p->addr_failures = 20;
	p->lock_secs = 15 * 60;
	p->delay_secs = LIM_LOGIN_DELAY_SECS;
	p->delay_max_secs = LIM_LOGIN_DELAY_MAX_SECS;
	p->idle_secs = 30 * 60;
	p->session_max_secs = LIM_SESSION_MAX_SECS;
	p->touch_secs = 60;
	p->max_verify = 1;
}

static void
dummy_init(void)
{
	if (sodium_init() < 0)
		return;
	dummy_ok = user_pw_hash("foidesk-no-such-user", 20, dummy_hash) == 0;
}

/*
 * Initialises libsodium and the dummy hash used for unknown names.
 * Returns 0, or -1 when libsodium cannot start.  Safe to call from
 * several threads; the work is done once.
 */
int
auth_init(void)
{
	pthread_once(&dummy_once, dummy_init);
	return dummy_ok ? 0 : -1;
}

/* Fills out with 32 random bytes as 64 lower-case hex digits. */
void
auth_random_hex(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 r[AUTH_TOKEN_LEN / 2];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, AUTH_TOKEN_LEN + 1, r, sizeof(r));
	sodium_memzero(r, sizeof(r));
}

/* SHA-256 of a token, in hex: the session's key in the database. */
static void
token_hash(const char *token, char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, AUTH_TOKEN_LEN + 1, h, sizeof(h));
}

/* Is s exactly 64 lower-case hex digits? */
static int
is_token(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < AUTH_TOKEN_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/*
 * Compares a secret token with a presented one in constant time (for
 * tokens of the expected length).  Returns 1 when they match.
 */
int
auth_token_ok(const char *expected, const char *given)
{
	if (!is_token(expected) || !is_token(given))
		return 0;
	return sodium_memcmp(expected, given, AUTH_TOKEN_LEN) == 0;
}

/* Logins verifying a password now (argon2id), across all threads. */
static atomic_int	 verifying;

static int
is_locked(struct store *st, const char *kind, const char *key, time_t now)
{
	int		 n;
	int64_t		 ws, lu;

	if (store_throttle_get(st, kind, key, &n, &ws, &lu) != CM_OK)
		return 0;
	return lu > (int64_t)now;
}

/* The delay after the n-th failure in a window (limit: the first that
 * delays): delay_secs, doubling with each further failure, at most
 * delay_max_secs, so that the right password is never kept out for
 * long (issue 16 M3). */
static int64_t
delay_for(const struct auth_policy *p, int n, int limit)
{
	int64_t	 d = p->delay_secs;
	int	 k;

	if (n < limit)
		return 0;
	for (k = limit; k < n && d < p->delay_max_secs; k++)
		d *= 2;
	return d < p->delay_max_secs ? d : p->delay_max_secs;
}

/* Counts one attempt (delta 1) or takes one back (delta -1) against
 * kind/key; returns CM_OK or a store error. */
static enum cm_err
count_attempt(struct store *st, const struct auth_policy *p,
    const char *kind, const char *key, int limit, time_t now, int delta)
{
	int		 n;
	int64_t		 ws, lu, d;
	enum cm_err	 rc;

	rc = store_throttle_get(st, kind, key, &n, &ws, &lu);
	if (rc != CM_OK && rc != CM_NOTFOUND)
		return rc;
	if (rc == CM_NOTFOUND || (int64_t)now - ws >= p->lock_secs) {
		if (delta < 0)
			return CM_OK;
		n = 0;
		ws = now;
		lu = 0;
	}
	n += delta;
	if (n <= 0)
		return store_throttle_clear(st, kind, key);
	d = delay_for(p, n, limit);
	lu = d > 0 ? (int64_t)now + d : 0;
	return store_throttle_put(st, kind, key, n, ws, lu);
}

static void
detail_reason(struct buf *b, const char *reason)
{
	struct json	 j;

	json_init(&j, b);
	json_obj_open(&j, NULL);
	json_str(&j, "reason", reason);
	json_obj_close(&j);
}

/*
 * Audits a refused login, at most one row per account, address and
 * minute (issue 16 M4: a flood of refusals must not grow the database).
 * An unknown name is audited as "?": what was typed (perhaps a
 * password) is not kept.  Runs inside the caller's transaction.
 */
static enum cm_err
audit_failure(struct store *st, const char *user, const char *addr,
    const char *reason)
{
	struct buf	 d;
	char		 at[32], since[32], obj[AUTH_USER_MAX + 8];
	enum cm_err	 rc;
	int		 seen;

	now_iso(at);
	snprintf(since, sizeof(since), "%s", at);
	if (strlen(since) >= 19) {
		since[17] = '0';
		since[18] = '0';
	}
	if ((rc = store_login_fail_seen(st, user, addr, since, &seen)) !=
	    CM_OK || seen)
		return rc;
	buf_init(&d);
	detail_reason(&d, reason);
	snprintf(obj, sizeof(obj), "user:%s", user);
	rc = store_audit_insert(st, at, user, addr, "login.fail", obj,
	    buf_str(&d));
	buf_clear(&d);
	return rc;
}

/* Records a refused login after the password check (the attempt was
 * counted before it): the audit row only. */
static void
record_failure(struct store *st, const char *user, const char *addr,
    const char *reason)
{
	if (store_begin(st) != CM_OK)
		return;
	if (audit_failure(st, user, addr, reason) != CM_OK ||
	    store_commit(st) != CM_OK)
		store_rollback(st);
}

/*
 * Before the password is looked at, in one transaction (issue 16 L1:
 * checked and counted atomically, so concurrent guesses cannot all pass
 * the check): refuses a delayed account or address, else counts this
 * attempt against both (the account only when it exists: random names
 * leave no rows) and purges stale rows.  Returns AUTH_OK to go on.
 */
static enum auth_result
throttle_enter(struct store *st, const struct auth_policy *p,
    const char *known, const char *shown, const char *addr, time_t now)
{
	enum auth_result res = AUTH_OK;

	if (store_begin(st) != CM_OK)
		return AUTH_ERROR;
	if ((known != NULL && is_locked(st, "user", known, now)) ||
	    is_locked(st, "addr", addr, now)) {
		res = AUTH_LOCKED;
		if (audit_failure(st, shown, addr, "locked") != CM_OK)
			goto fail;
	} else if ((known != NULL && count_attempt(st, p, "user", known,
	    p->user_failures, now, 1) != CM_OK) ||
	    count_attempt(st, p, "addr", addr, p->addr_failures, now,
	    1) != CM_OK ||
	    store_throttle_purge(st, (int64_t)now, (int64_t)now -
	    p->lock_secs) != CM_OK)
		goto fail;
	if (store_commit(st) != CM_OK)
		goto fail;
	return res;
fail:
	store_rollback(st);
	return AUTH_ERROR;
}

/*
 * Checks a user name and password from addr at time now.  On AUTH_OK a
 * new session is stored and described in *out (with its token, which
 * only the caller now knows).  AUTH_BAD and AUTH_LOCKED say nothing
 * about whether the name exists; AUTH_BUSY when too many passwords are
 * being verified at once (the server stays responsive: issue 16 L2).
 * Every refusal is audited (aggregated per minute).
 */
enum auth_result
auth_login(struct store *st, const struct auth_policy *p, const char *user,
    const char *password, const char *addr, time_t now, struct session *out)
{
	char		*hash = NULL, role[16], id[AUTH_TOKEN_LEN + 1];
	char		 at[32], obj[AUTH_USER_MAX + 8];
	const char	*known, *shown;
	int		 disabled = 1, r, slot = 0;
	size_t		 ulen, plen;
	enum cm_err	 rc;
	enum auth_result res;

	memset(out, 0, sizeof(*out));
	if (auth_init() != 0)
		return AUTH_ERROR;
	if (addr == NULL)
		addr = "";
	ulen = user != NULL ? strlen(user) : 0;
	plen = password != NULL ? strlen(password) : 0;
	if (ulen == 0 || ulen >= AUTH_USER_MAX || !utf8_valid(user, ulen) ||
	    plen > LIM_PASSWORD_MAX_BYTES)
		return AUTH_BAD;
	/* A slot for the password check first (issue 16 L2): a login
	 * that finds them all taken is answered busy at once, before it
	 * reads or counts anything (not a guess: nothing was checked), so
	 * that logins crowding in hold no server thread and connection
	 * while one password is checked (the write pool: eight clients
	 * logging in held eight connections, 76 MB of RSS). */
	if (atomic_fetch_add(&verifying, 1) >= (p->max_verify > 0 ?
	    p->max_verify : 1)) {
		atomic_fetch_sub(&verifying, 1);
		return AUTH_BUSY;
	}
	slot = 1;
	rc = store_user_auth(st, user, &hash, role, sizeof(role), &disabled);
	if (rc != CM_OK && rc != CM_NOTFOUND) {
		res = AUTH_ERROR;
		goto out;
	}
	known = rc == CM_OK ? user : NULL;
	shown = known != NULL ? user : "?";
	if ((res = throttle_enter(st, p, known, shown, addr, now)) !=
	    AUTH_OK)
		goto out;
	r = crypto_pwhash_str_verify(hash != NULL && !disabled ? hash :
	    dummy_hash, password != NULL ? password : "", plen);
	atomic_fetch_sub(&verifying, 1);
	slot = 0;
	if (rc != CM_OK || disabled || r != 0 || role_find(role) < 0) {
		record_failure(st, shown, addr, rc != CM_OK ? "unknown" :
		    disabled ? "disabled" : "password");
		res = AUTH_BAD;
		goto out;
	}

	snprintf(out->user, sizeof(out->user), "%s", user);
	out->role = (enum role)role_find(role);
	auth_random_hex(out->token);
	auth_random_hex(out->csrf);
	out->last_seen = now;
	token_hash(out->token, id);
	now_iso(at);
	snprintf(obj, sizeof(obj), "user:%s", user);
	res = AUTH_ERROR;
	if (store_begin(st) != CM_OK)
		goto out;
	if (store_sessions_purge(st, (int64_t)now - p->idle_secs) != CM_OK ||
	    store_throttle_clear(st, "user", user) != CM_OK ||
	    count_attempt(st, p, "addr", addr, p->addr_failures, now,
	    -1) != CM_OK ||
	    store_session_insert(st, id, user, out->csrf, addr, at,
	    now) != CM_OK ||
	    store_audit_insert(st, at, user, addr, "login", obj,
	    "{}") != CM_OK ||
	    store_commit(st) != CM_OK) {
		store_rollback(st);
		memset(out, 0, sizeof(*out));
		goto out;
	}
	res = AUTH_OK;
out:
	if (slot)
		atomic_fetch_sub(&verifying, 1);
	if (hash != NULL) {
		sodium_memzero(hash, strlen(hash));
		free(hash);
	}
	return res;
}

/*
 * Lifts the login delay of an account at once (an administrator, after
 * someone locked it out by guessing); audited by actor from addr.
 * CM_NOTFOUND for an unknown name.
 */
enum cm_err
auth_user_unlock(struct store *st, const char *name, const char *actor,
    const char *addr)
{
	char		 at[32], obj[AUTH_USER_MAX + 8];
	enum cm_err	 rc;

	if (!auth_user_exists(st, name))
		return CM_NOTFOUND;
	now_iso(at);
	snprintf(obj, sizeof(obj), "user:%s", name);
	if ((rc = store_begin(st)) != CM_OK)
		return rc;
	if ((rc = store_throttle_unlock(st, name)) != CM_OK ||
	    (rc = store_audit_insert(st, at, actor != NULL ? actor : "",
	    addr, "user.unlock", obj, "{}")) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		store_rollback(st);
		return rc;
	}
	return CM_OK;
}

/*
 * Looks up the session of a cookie token at time now.  CM_NOTFOUND for
 * a malformed, unknown or idle-expired token or a disabled account (an
 * expired session is deleted).  Refreshes last_seen at most every
 * touch_secs, so that most requests write nothing.
 */
enum cm_err
auth_session_get(struct store *st, const struct auth_policy *p,
    const char *token, time_t now, struct session *out)
{
	return auth_session_lookup(st, st, p, token, now, out);
}

/*
 * auth_session_get() reading on rd and writing (the idle clock, an
 * expired session's deletion) on wr: a page's request reads its
 * session in the snapshot its page is read in (issue 17: one read
 * transaction per request, not two), and the rare write goes to the
 * connection that may write.  rd and wr may be the same.
 */
enum cm_err
auth_session_lookup(struct store *rd, struct store *wr,
    const struct auth_policy *p, const char *token, time_t now,
    struct session *out)
{
	char		 id[AUTH_TOKEN_LEN + 1], role[16], after[32];
	struct tm	 tm;
	time_t		 born;
	int64_t		 seen;
	int		 r;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	if (!is_token(token))
		return CM_NOTFOUND;
	token_hash(token, id);
	/* An absolute lifetime (issue 16 L8): a session kept busy still
	 * ends session_max_secs after its login. */
	born = (time_t)((int64_t)now - p->session_max_secs);
	gmtime_r(&born, &tm);
	strftime(after, sizeof(after), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = store_session_get(rd, id, after, out->user,
	    sizeof(out->user), role, sizeof(role), out->csrf,
	    sizeof(out->csrf), &seen)) != CM_OK)
		return rc;
	if ((int64_t)now - seen > p->idle_secs) {
		(void)store_session_delete(wr, id, NULL, 0);
		memset(out, 0, sizeof(*out));
		return CM_NOTFOUND;
	}
	if ((r = role_find(role)) < 0) {
		memset(out, 0, sizeof(*out));
		return CM_NOTFOUND;
	}
	out->role = (enum role)r;
	out->last_seen = seen;
	if ((int64_t)now - seen >= p->touch_secs) {
		out->last_seen = now;
		/* A full or read-only disk must not log everyone out: the
		 * session stays valid, only its idle clock is not moved. */
		if ((rc = store_session_touch(wr, id, now)) != CM_OK &&
		    rc != CM_UNAVAILABLE)
			return rc;
	}
	return CM_OK;
}

/* Ends the session of a token (audited); CM_NOTFOUND if there is none. */
enum cm_err
auth_logout(struct store *st, const char *token, const char *addr)
{
	char		 id[AUTH_TOKEN_LEN + 1], user[AUTH_USER_MAX];
	char		 at[32], obj[AUTH_USER_MAX + 8];
	enum cm_err	 rc;

	if (!is_token(token))
		return CM_NOTFOUND;
	token_hash(token, id);
	if ((rc = store_begin(st)) != CM_OK)
		return rc;
	if ((rc = store_session_delete(st, id, user, sizeof(user))) != CM_OK)
		goto fail;
	now_iso(at);
	snprintf(obj, sizeof(obj), "user:%s", user);
	if ((rc = store_audit_insert(st, at, user, addr, "logout", obj,
	    "{}")) != CM_OK || (rc = store_commit(st)) != CM_OK)
		goto fail;
	return CM_OK;
fail:
	store_rollback(st);
	return rc;
}

struct users_acc {
	struct user_info *v;
	size_t		  n;
};

static int
users_add(const struct user_info *u, void *arg)
{
	struct users_acc *a = arg;
	struct user_info *d;

	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	d = &a->v[a->n++];
	d->name = xstrdup(u->name != NULL ? u->name : "");
	d->role = xstrdup(u->role != NULL ? u->role : "");
	d->created_at = xstrdup(u->created_at != NULL ? u->created_at : "");
	d->disabled = u->disabled;
	d->sessions = u->sessions;
	return 0;
}

/* Every account, by role and name, into a new array (auth_users_free). */
enum cm_err
auth_users(struct store *st, struct user_info **out, size_t *n)
{
	struct users_acc a = { NULL, 0 };
	enum cm_err	 rc;

	rc = store_users_list(st, users_add, &a);
	if (rc != CM_OK) {
		auth_users_free(a.v, a.n);
		a.v = NULL;
		a.n = 0;
	}
	*out = a.v;
	*n = a.n;
	return rc;
}

void
auth_users_free(struct user_info *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].role);
		free(v[i].created_at);
	}
	free(v);
}

/*
 * Disables (ending its sessions) or re-enables an account.
 * CM_NOTFOUND for an unknown name.
 */
enum cm_err
auth_user_set_disabled(struct store *st, const char *name, int disabled)
{
	enum cm_err	 rc;

	if ((rc = store_begin(st)) != CM_OK)
		return rc;
	if ((rc = store_user_set_disabled(st, name, disabled)) != CM_OK ||
	    (disabled && (rc = store_sessions_delete_user(st, name)) !=
	    CM_OK) || (rc = store_commit(st)) != CM_OK) {
		store_rollback(st);
		return rc;
	}
	return CM_OK;
}

/*
 * Sets a new password (user_pw_strong) and ends the account's sessions.
 * CM_INVALID with a message for a bad password, CM_NOTFOUND for an
 * unknown name.
 */
enum cm_err
auth_user_set_password(struct store *st, const char *name,
    const char *password, char *err, size_t errlen)
{
	char		 hash[USER_HASH_LEN];
	size_t		 n = strlen(password);
	enum cm_err	 rc;

	if (user_pw_strong(password, name, err, errlen) != 0)
		return CM_INVALID;
	if (user_pw_hash(password, n, hash) != 0) {
		snprintf(err, errlen, "无法计算密码散列");
		return CM_SYSERR;
	}
	if ((rc = store_begin(st)) != CM_OK)
		goto out;
	if ((rc = store_user_set_hash(st, name, hash)) != CM_OK ||
	    (rc = store_sessions_delete_user(st, name)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK)
		store_rollback(st);
out:
	sodium_memzero(hash, sizeof(hash));
	if (rc == CM_NOTFOUND)
		snprintf(err, errlen, "没有这个用户");
	else if (rc != CM_OK)
		snprintf(err, errlen, "保存失败");
	return rc;
}

/* Whether an account of this name exists (enabled or not). */
int
auth_user_exists(struct store *st, const char *name)
{
	char	*hash = NULL, role[16];
	int	 disabled;

	if (store_user_auth(st, name, &hash, role, sizeof(role), &disabled) !=
	    CM_OK)
		return 0;
	free(hash);
	return 1;
}

/*
 * Whether password is the current one of the enabled account name
 * (argon2id verify, bounded like a login).  Returns 0 when it is, 1
 * when not, -1 on a database failure or when too many passwords are
 * being verified at once.
 */
int
auth_password_verify(struct store *st, const struct auth_policy *p,
    const char *name, const char *password)
{
	char		*hash = NULL, role[16];
	size_t		 plen = password != NULL ? strlen(password) : 0;
	int		 disabled = 1, r;
	enum cm_err	 rc;

	if (auth_init() != 0 || plen > LIM_PASSWORD_MAX_BYTES)
		return plen > LIM_PASSWORD_MAX_BYTES ? 1 : -1;
	rc = store_user_auth(st, name, &hash, role, sizeof(role), &disabled);
	if (rc != CM_OK && rc != CM_NOTFOUND)
		return -1;
	if (atomic_fetch_add(&verifying, 1) >= (p->max_verify > 0 ?
	    p->max_verify : 1)) {
		atomic_fetch_sub(&verifying, 1);
		free(hash);
		return -1;
	}
	r = crypto_pwhash_str_verify(hash != NULL && !disabled ? hash :
	    dummy_hash, password != NULL ? password : "", plen);
	atomic_fetch_sub(&verifying, 1);
	if (hash != NULL) {
		sodium_memzero(hash, strlen(hash));
		free(hash);
	}
	return rc == CM_OK && !disabled && r == 0 ? 0 : 1;
}

/*
 * Sets an account's own new password (already checked for strength)
 * and ends its other sessions, keeping the one of keep_token (may be
 * NULL: all end).  CM_NOTFOUND for an unknown name.
 */
enum cm_err
auth_password_change(struct store *st, const char *name,
    const char *password, const char *keep_token)
{
	char		 hash[USER_HASH_LEN], id[AUTH_TOKEN_LEN + 1];
	enum cm_err	 rc;

	if (user_pw_hash(password, strlen(password), hash) != 0)
		return CM_SYSERR;
	id[0] = '\0';
	if (keep_token != NULL && is_token(keep_token))
		token_hash(keep_token, id);
	if ((rc = store_begin(st)) != CM_OK)
		goto out;
	if ((rc = store_user_set_hash(st, name, hash)) != CM_OK ||
	    (rc = store_sessions_delete_others(st, name, id)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK)
		store_rollback(st);
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}
