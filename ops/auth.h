/* SPDX-License-Identifier: ISC */
/*
 * Logging in and sessions.  Passwords are checked against their
 * argon2id strings (cases/user.c stores them); failed attempts are
 * counted per user name and per client address and lock both out for
 * a while; a session is 256 random bits, kept in the database only as
 * its SHA-256, with its own CSRF token and an idle timeout.  Times are
 * wall-clock Unix seconds passed in by the caller (no clock here).
 */
#ifndef OPS_AUTH_H
#define OPS_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cases/err.h"
#include "cases/limits.h"
#include "store/records.h"
#include "ops/user.h"

struct store;

#define AUTH_TOKEN_LEN	64	/* hex digits of 32 random bytes */
#define AUTH_USER_MAX	LIM_USER_NAME_BYTES	/* bytes, with the NUL */

struct auth_policy {
	int	 user_failures;		/* failures per user before a lock */
	int	 addr_failures;		/* failures per address before a lock */
	int	 lock_secs;		/* the counting window */
	int	 delay_secs;		/* first delay at the limit, doubling */
	int	 delay_max_secs;	/* longest delay */
	int	 idle_secs;		/* session idle timeout */
	int	 session_max_secs;	/* absolute session lifetime */
	int	 touch_secs;		/* last_seen is rewritten at most this often */
	int	 max_verify;		/* passwords verified at once */
};

struct session {
	char		 user[AUTH_USER_MAX];
	enum role	 role;
	char		 token[AUTH_TOKEN_LEN + 1];	/* only after login */
	char		 csrf[AUTH_TOKEN_LEN + 1];
	int64_t		 last_seen;
};

enum auth_result {
	AUTH_OK,
	AUTH_BAD,		/* wrong name or password */
	AUTH_LOCKED,		/* too many failures; try later */
	AUTH_ERROR,		/* database or system failure */
	AUTH_BUSY,		/* too many logins at once; try again */
	AUTH__MAX
};

void		 auth_policy_default(struct auth_policy *);
int		 auth_init(void);
enum auth_result auth_login(struct store *, const struct auth_policy *,
		    const char *user, const char *password, const char *addr,
		    time_t now, struct session *);
enum cm_err	 auth_session_get(struct store *, const struct auth_policy *,
		    const char *token, time_t now, struct session *);
enum cm_err	 auth_session_lookup(struct store *rd, struct store *wr,
		    const struct auth_policy *, const char *token, time_t now,
		    struct session *);
enum cm_err	 auth_logout(struct store *, const char *token,
		    const char *addr);
int		 auth_token_ok(const char *expected, const char *given);
void		 auth_random_hex(char out[AUTH_TOKEN_LEN + 1]);

enum cm_err	 auth_users(struct store *, struct user_info **, size_t *);
enum cm_err	 auth_user_unlock(struct store *, const char *name,
		    const char *actor, const char *addr);
void		 auth_users_free(struct user_info *, size_t);
enum cm_err	 auth_user_set_disabled(struct store *, const char *name,
		    int disabled);
enum cm_err	 auth_user_set_password(struct store *, const char *name,
		    const char *password, char *err, size_t errlen);
int		 auth_user_exists(struct store *, const char *name);
int		 auth_password_verify(struct store *,
		    const struct auth_policy *, const char *name,
		    const char *password);
enum cm_err	 auth_password_change(struct store *, const char *name,
		    const char *password, const char *keep_token);

#endif
