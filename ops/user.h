/* SPDX-License-Identifier: ISC */
/* User accounts and roles (clerk, officer, reviewer, admin). */
#ifndef OPS_USER_H
#define OPS_USER_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/roles.h"

struct store;
struct op_ctx;
struct op_refusal;

/* Room for an argon2id hash string (crypto_pwhash_STRBYTES). */
#define USER_HASH_LEN	128

int		 user_pw_strong(const char *password, const char *name,
		    char *err, size_t errlen);
int		 user_pw_hash(const char *password, size_t len,
		    char out[USER_HASH_LEN]);
enum cm_err	 user_add(struct store *, const char *name, const char *role,
		    const char *password, char *err, size_t errlen);

/* Operations on accounts (ops/user.c); refusals name the page's
 * fields: name 用户名, role 角色, password 密码. */
struct user_add_in {
	const char	*name;
	const char	*role;		/* role code */
	const char	*password;
};

struct user_password_in {
	const char	*name;
	const char	*password;
};

struct user_disable_in {
	const char	*name;
	int		 disabled;	/* 1 disable, 0 enable again */
};

enum cm_err	 op_user_add(const struct op_ctx *,
		    const struct user_add_in *, struct op_refusal *);
enum cm_err	 op_user_password(const struct op_ctx *,
		    const struct user_password_in *, struct op_refusal *);
enum cm_err	 op_user_disable(const struct op_ctx *,
		    const struct user_disable_in *, struct op_refusal *);

/* A person's change of their own password (op_account_password). */
struct auth_policy;
struct account_password_in {
	const char	*current;
	const char	*password;
	const char	*confirm;	/* NULL: not asked (API) */
	const char	*keep_token;	/* this session's token, kept */
	const struct auth_policy *policy;	/* NULL: the default */
};

enum cm_err	 op_account_password(const struct op_ctx *,
		    const struct account_password_in *, struct op_refusal *);
enum cm_err	 op_user_unlock(const struct op_ctx *, const char *name,
		    struct op_refusal *);

#endif
