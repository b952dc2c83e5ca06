/* SPDX-License-Identifier: ISC */
/*
 * Login, throttling and sessions (see auth.h).
 *
 * Throttling: each failed login counts against the user name and the
 * client address.  Counts reset when the window (lock_secs) since the
 * first failure has passed; reaching the limit locks the name or the
 * address until lock_secs from the last failure.  A locked name or
 * address is refused before the password is looked at, so a lock
 * cannot be used to guess passwords faster.  Unknown names cost the
 * same argon2id verification as known ones (a dummy hash), so timing
 * does not tell which names exist.
 *
 * Sessions: the cookie carries 32 random bytes in hex; the database
 * keeps only their SHA-256, so a copy of the database does not hold
 * usable sessions.  Each session has its own random CSRF token.
 */
#include <pthread.h>
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
	p->idle_secs = 30 * 60;
	p->touch_secs = 60;
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

static int
is_locked(struct store *st, const char *kind, const char *key, time_t now)
{
	int		 n;
	int64_t		 ws, lu;

	if (store_throttle_get(st, kind, key, &n, &ws, &lu) != CM_OK)
		return 0;
	return lu > (int64_t)now;
}

/* Counts one failure against kind/key; returns CM_OK or a store error. */
static enum cm_err
count_failure(struct store *st, const char *kind, const char *key,
    int limit, int lock_secs, time_t now)
{
	int		 n;
	int64_t		 ws, lu;
	enum cm_err	 rc;

	rc = store_throttle_get(st, kind, key, &n, &ws, &lu);
	if (rc != CM_OK && rc != CM_NOTFOUND)
		return rc;
	if (rc == CM_NOTFOUND || (int64_t)now - ws >= lock_secs) {
		n = 0;
		ws = now;
	}
	n++;
	if (n >= limit)
		lu = (int64_t)now + lock_secs;
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

/* Records a refused login: throttle counters and an audit row. */
static void
record_failure(struct store *st, const struct auth_policy *p,
    const char *user, const char *addr, const char *reason, time_t now)
{
	struct buf	 d;
	char		 at[32], obj[AUTH_USER_MAX + 8];

	buf_init(&d);
	detail_reason(&d, reason);
	now_iso(at);
	snprintf(obj, sizeof(obj), "user:%s", user);
	if (store_begin(st) != CM_OK)
		goto out;
	if (count_failure(st, "user", user, p->user_failures, p->lock_secs,
	    now) != CM_OK ||
	    count_failure(st, "addr", addr, p->addr_failures, p->lock_secs,
	    now) != CM_OK ||
	    store_audit_insert(st, at, user, addr, "login.fail", obj,
	    buf_str(&d)) != CM_OK ||
	    store_commit(st) != CM_OK)
		store_rollback(st);
out:
	buf_clear(&d);
}

/*
 * Checks a user name and password from addr at time now.  On AUTH_OK a
 * new session is stored and described in *out (with its token, which
 * only the caller now knows).  AUTH_BAD and AUTH_LOCKED say nothing
 * about whether the name exists.  Every outcome is audited.
 */
enum auth_result
auth_login(struct store *st, const struct auth_policy *p, const char *user,
    const char *password, const char *addr, time_t now, struct session *out)
{
	char		*hash = NULL, role[16], id[AUTH_TOKEN_LEN + 1];
	char		 at[32], obj[AUTH_USER_MAX + 8];
	int		 disabled = 1, r;
	size_t		 ulen, plen;
	enum cm_err	 rc;

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
	if (is_locked(st, "user", user, now) || is_locked(st, "addr", addr,
	    now)) {
		record_failure(st, p, user, addr, "locked", now);
		return AUTH_LOCKED;
	}
	rc = store_user_auth(st, user, &hash, role, sizeof(role), &disabled);
	if (rc != CM_OK && rc != CM_NOTFOUND)
		return AUTH_ERROR;
	r = crypto_pwhash_str_verify(hash != NULL && !disabled ? hash :
	    dummy_hash, password != NULL ? password : "", plen);
	if (hash != NULL) {
		sodium_memzero(hash, strlen(hash));
		free(hash);
	}
	if (rc != CM_OK || disabled || r != 0 || role_find(role) < 0) {
		record_failure(st, p, user, addr, rc != CM_OK ? "unknown" :
		    disabled ? "disabled" : "password", now);
		return AUTH_BAD;
	}

	snprintf(out->user, sizeof(out->user), "%s", user);
	out->role = (enum role)role_find(role);
	auth_random_hex(out->token);
	auth_random_hex(out->csrf);
	out->last_seen = now;
	token_hash(out->token, id);
	now_iso(at);
	snprintf(obj, sizeof(obj), "user:%s", user);
	if (store_begin(st) != CM_OK)
		return AUTH_ERROR;
	if (store_sessions_purge(st, (int64_t)now - p->idle_secs) != CM_OK ||
	    store_throttle_clear(st, "user", user) != CM_OK ||
	    store_session_insert(st, id, user, out->csrf, addr, at,
	    now) != CM_OK ||
	    store_audit_insert(st, at, user, addr, "login", obj,
	    "{}") != CM_OK ||
	    store_commit(st) != CM_OK) {
		store_rollback(st);
		memset(out, 0, sizeof(*out));
		return AUTH_ERROR;
	}
	return AUTH_OK;
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
	char		 id[AUTH_TOKEN_LEN + 1], role[16];
	int64_t		 seen;
	int		 r;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	if (!is_token(token))
		return CM_NOTFOUND;
	token_hash(token, id);
	if ((rc = store_session_get(st, id, out->user, sizeof(out->user), role,
	    sizeof(role), out->csrf, sizeof(out->csrf), &seen)) != CM_OK)
		return rc;
	if ((int64_t)now - seen > p->idle_secs) {
		(void)store_session_delete(st, id, NULL, 0);
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
		if ((rc = store_session_touch(st, id, now)) != CM_OK &&
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
 * Sets a new password (8-256 bytes) and ends the account's sessions.
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

	if (n < LIM_PASSWORD_MIN_BYTES || n > LIM_PASSWORD_MAX_BYTES) {
		snprintf(err, errlen, "密码长度应为"
		    LIM_STR(LIM_PASSWORD_MIN_BYTES) "至"
		    LIM_STR(LIM_PASSWORD_MAX_BYTES) "个字符");
		return CM_INVALID;
	}
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
