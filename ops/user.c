/* SPDX-License-Identifier: ISC */
/*
 * User accounts.  Passwords are stored only as libsodium argon2id
 * strings (crypto_pwhash_str), which carry their own salt and cost.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include <zxcvbn.h>

#include "cases/limits.h"
#include "ops/auth.h"
#include "ops/case.h"
#include "ops/op.h"
#include "ops/refuse.h"
#include "store/store.h"
#include "ops/assign.h"
#include "ops/user.h"
#include "forms/validate.h"
#include "util/utf8.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

/*
 * argon2id with t = 5 passes over 7 MiB: one of the five settings the
 * OWASP password storage cheat sheet gives as equally strong (19 MiB
 * with t = 2, 12 with 3, 9 with 4, 7 with 5), at about the same CPU
 * time a login.  The smallest memory of the five, as a login's
 * verification is the largest allocation of the server: with 19 MiB
 * the mixed load of bench/pages.sh (logins, report pages, lists)
 * peaked at 66-71 MB against the 64 MB budget (issue 17 item 6);
 * libsodium's "interactive" preset takes 64 MiB a hash.  Verification
 * reads the parameters from the stored string, so older hashes (19
 * MiB) keep working until the password is next set.
 */
#define PW_OPSLIMIT	5
#define PW_MEMLIMIT	((size_t)7 << 20)

/* Hashes a password into out; returns 0, or -1 on failure. */
int
user_pw_hash(const char *password, size_t len, char out[USER_HASH_LEN])
{
	_Static_assert(USER_HASH_LEN >= crypto_pwhash_STRBYTES,
	    "USER_HASH_LEN too small");
	if (sodium_init() < 0 || crypto_pwhash_str(out, password, len,
	    PW_OPSLIMIT, PW_MEMLIMIT) != 0)
		return -1;
	return 0;
}

/*
 * Whether a password is hard enough to guess (issue 16): at least
 * LIM_PASSWORD_MIN_BYTES and LIM_PASSWORD_MIN_BITS of zxcvbn entropy,
 * the account name and the product's name counting as known words.
 * Returns 0, or -1 with a Chinese message in err saying why.
 */
int
user_pw_strong(const char *password, const char *name, char *err,
    size_t errlen)
{
	const char	*dict[] = { name != NULL ? name : "", "foidesk",
			    "admin", "clerk", "officer", "reviewer", NULL };
	ZxcMatch_t	*info = NULL, *m, *worst = NULL;
	const char	*why;
	size_t		 n = password != NULL ? strlen(password) : 0;
	double		 bits;

	if (n < LIM_PASSWORD_MIN_BYTES || n > LIM_PASSWORD_MAX_BYTES) {
		snprintf(err, errlen, "密码长度应为"
		    LIM_STR(LIM_PASSWORD_MIN_BYTES) "至"
		    LIM_STR(LIM_PASSWORD_MAX_BYTES) "个字符");
		return -1;
	}
	bits = ZxcvbnMatch(password, dict, &info);
	if (bits >= LIM_PASSWORD_MIN_BITS) {
		ZxcvbnFreeInfo(info);
		return 0;
	}
	/* The longest guessable part says why. */
	for (m = info; m != NULL; m = m->Next)
		if ((m->Type & ~MULTIPLE_MATCH) != BRUTE_MATCH &&
		    (worst == NULL || m->Length > worst->Length))
			worst = m;
	switch (worst != NULL ? (int)(worst->Type & ~MULTIPLE_MATCH) : -1) {
	case DICTIONARY_MATCH:
	case DICT_LEET_MATCH:
		why = "含有常见单词或常用密码";
		break;
	case USER_MATCH:
	case USER_LEET_MATCH:
		why = "含有用户名、角色名或系统名称";
		break;
	case REPEATS_MATCH:
		why = "含有重复的字符";
		break;
	case SEQUENCE_MATCH:
		why = "含有连续的字母或数字，如 123456、abcdef";
		break;
	case SPATIAL_MATCH:
		why = "含有键盘上相邻的按键，如 qwerty";
		break;
	case DATE_MATCH:
	case YEAR_MATCH:
		why = "含有日期或年份";
		break;
	default:
		why = "组合过于简单";
		break;
	}
	ZxcvbnFreeInfo(info);
	snprintf(err, errlen, "密码太容易被猜到（%s），请换一个更长、"
	    "不常见的密码，例如几个不相关的词组合", why);
	return -1;
}

/*
 * Adds a user with an argon2id password hash.  Names are 1-32
 * characters of valid UTF-8 without spaces or control characters;
 * passwords 12-256 bytes and user_pw_strong().  CM_CONFLICT when the name is taken.
 */
enum cm_err
user_add(struct store *st, const char *name, const char *role,
    const char *password, char *err, size_t errlen)
{
	char		 hash[USER_HASH_LEN], now[32];
	const char	*m;
	size_t		 i, nl;
	enum cm_err	 rc;

	nl = strlen(name);
	if (nl == 0 || !utf8_valid(name, nl) ||
	    utf8_count(name, nl) > LIM_USER_NAME_CHARS) {
		ERR("用户名应为1至" LIM_STR(LIM_USER_NAME_CHARS)
		    "个字符 (bad user name)");
		return CM_INVALID;
	}
	for (i = 0; i < nl; i++)
		if ((unsigned char)name[i] <= 0x20 || name[i] == 0x7f) {
			ERR("用户名不能包含空格或控制字符 (bad user name)");
			return CM_INVALID;
		}
	/* Bidi, zero-width and the like: "admin\u200B" is not "admin". */
	if ((m = valid_bytes(name, nl, LIM_USER_NAME_CHARS, 0)) != NULL) {
		ERR("用户名%s (bad user name)", m);
		return CM_INVALID;
	}
	if (role_find(role) < 0) {
		ERR("角色应为 clerk、officer、reviewer 或 admin (bad role)");
		return CM_INVALID;
	}
	if (user_pw_strong(password, name, err, errlen) != 0)
		return CM_INVALID;
	if (user_pw_hash(password, strlen(password), hash) != 0) {
		ERR("无法计算密码散列 (password hashing failed)");
		return CM_SYSERR;
	}
	now_iso(now);
	rc = store_user_insert(st, name, role, hash, now);
	sodium_memzero(hash, sizeof(hash));
	if (rc == CM_CONFLICT)
		ERR("用户名已存在 (user exists)");
	else if (rc != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
	return rc;
}

/* Checks a new password; CM_OK or the refusal. */
static enum cm_err
password_check(const char *pw, const char *name, struct op_refusal *rf)
{
	size_t	 n = pw != NULL ? strlen(pw) : 0;

	char	 err[256];

	if (n < LIM_PASSWORD_MIN_BYTES || n > LIM_PASSWORD_MAX_BYTES)
		return op_refuse(rf, CM_INVALID, "password",
		    "密码长度应为%d至%d个字符", LIM_PASSWORD_MIN_BYTES, LIM_PASSWORD_MAX_BYTES);
	if (user_pw_strong(pw, name, err, sizeof(err)) != 0)
		return op_refuse(rf, CM_INVALID, "password", "%s", err);
	return CM_OK;
}

/*
 * Adds an account: a name of 1-32 characters without spaces or control
 * characters, one of the four roles, a password of 8-256 bytes.
 * CM_CONFLICT when the name is taken.
 */
enum cm_err
op_user_add(const struct op_ctx *ctx, const struct user_add_in *in,
    struct op_refusal *rf)
{
	const char	*name = in->name != NULL ? in->name : "", *m;
	char		 err[256];
	size_t		 i, nl = strlen(name);
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (nl == 0 || !utf8_valid(name, nl) ||
	    utf8_count(name, nl) > LIM_USER_NAME_CHARS)
		return op_refuse(rf, CM_INVALID, "name",
		    "用户名应为1至%d个字符", LIM_USER_NAME_CHARS);
	for (i = 0; i < nl; i++)
		if ((unsigned char)name[i] <= 0x20 || name[i] == 0x7f)
			return op_refuse(rf, CM_INVALID, "name",
			    "用户名不能包含空格或控制字符");
	if ((m = valid_bytes(name, nl, LIM_USER_NAME_CHARS, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "name", "用户名%s", m);
	if (role_find(in->role) < 0)
		return op_refuse(rf, CM_INVALID, "role",
		    "角色应为登记员、承办人、审核人或管理员");
	if ((rc = password_check(in->password, in->name, rf)) != CM_OK)
		return rc;
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = user_add(ctx->st, name, in->role, in->password, err,
	    sizeof(err))) != CM_OK) {
		store_rollback(ctx->st);
		if (rc == CM_CONFLICT)
			return op_refuse(rf, rc, "name", "用户名已存在");
		return op_refuse(rf, rc, NULL, "保存失败");
	}
	if ((rc = assign_user_org(ctx, name, in->role, in->email,
	    in->department, rf)) != CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, "保存失败");
	}
	return CM_OK;
}

/* Sets a new password and ends the account's sessions. */
enum cm_err
op_user_password(const struct op_ctx *ctx, const struct user_password_in *in,
    struct op_refusal *rf)
{
	char		 err[256];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = password_check(in->password, in->name, rf)) != CM_OK)
		return rc;
	if ((rc = auth_user_set_password(ctx->st, in->name != NULL ?
	    in->name : "", in->password, err, sizeof(err))) != CM_OK)
		return op_refuse_msg(rf, rc, rc == CM_NOTFOUND ? NULL :
		    "password", err);
	return CM_OK;
}

/* Disables an account (ending its sessions; never the actor's own) or
 * enables it again. */
enum cm_err
op_user_disable(const struct op_ctx *ctx, const struct user_disable_in *in,
    struct op_refusal *rf)
{
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (in->name == NULL || !auth_user_exists(ctx->st, in->name))
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这个用户");
	if (in->disabled && ctx->actor != NULL &&
	    strcmp(in->name, ctx->actor) == 0)
		return op_refuse(rf, CM_CONFLICT, NULL, "不能停用自己的账户");
	if ((rc = auth_user_set_disabled(ctx->st, in->name, in->disabled)) !=
	    CM_OK)
		return op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ?
		    "没有这个用户" : "保存失败");
	return CM_OK;
}

/* Lifts the login delay of an account at once (issue 16 M3). */
enum cm_err
op_user_unlock(const struct op_ctx *ctx, const char *name,
    struct op_refusal *rf)
{
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (name == NULL || (rc = auth_user_unlock(ctx->st, name, ctx->actor,
	    ctx->addr)) == CM_NOTFOUND)
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这个用户");
	if (rc != CM_OK)
		return op_refuse(rf, rc, NULL, "保存失败");
	return CM_OK;
}

/*
 * A person changes their own password (every role): the current
 * password must be given and right, the new one at least
 * LIM_PASSWORD_MIN_BYTES long, strong (user_pw_strong), typed twice
 * alike and not the current one.  The account's other sessions end;
 * the one of in->keep_token stays.  The change is audited by the users
 * trigger (user.change, password_changed).  Refusals name the page's
 * fields: current 当前密码, password 新密码, confirm 确认新密码.
 */
enum cm_err
op_account_password(const struct op_ctx *ctx,
    const struct account_password_in *in, struct op_refusal *rf)
{
	struct auth_policy	 pol;
	const char		*name = ctx->actor;
	enum cm_err		 rc;
	int			 v;

	op_refusal_init(rf);
	if (name == NULL || name[0] == '\0')
		return op_refuse(rf, CM_INVALID, NULL, "请先登录");
	if (in->current == NULL || in->current[0] == '\0')
		return op_refuse(rf, CM_INVALID, "current", "请输入当前密码");
	if (in->password == NULL || in->password[0] == '\0')
		return op_refuse(rf, CM_INVALID, "password", "请输入新密码");
	if (in->confirm != NULL && strcmp(in->confirm, in->password) != 0)
		return op_refuse(rf, CM_INVALID, "confirm",
		    "确认新密码与新密码不一致");
	if (in->policy == NULL)
		auth_policy_default(&pol);
	else
		pol = *in->policy;
	if ((v = auth_password_verify(ctx->st, &pol, name, in->current)) < 0)
		return op_refuse(rf, CM_SYSERR, NULL, "系统繁忙，请稍后再试");
	if (v != 0)
		return op_refuse(rf, CM_INVALID, "current", "当前密码不正确");
	if (strcmp(in->current, in->password) == 0)
		return op_refuse(rf, CM_INVALID, "password",
		    "新密码不能与当前密码相同");
	if ((rc = password_check(in->password, name, rf)) != CM_OK) {
		/* The page labels the field 新密码. */
		size_t	 l = strlen(rf->msg), k = strlen("新");

		if (strncmp(rf->msg, "密码", strlen("密码")) == 0 &&
		    l + k < sizeof(rf->msg)) {
			memmove(rf->msg + k, rf->msg, l + 1);
			memcpy(rf->msg, "新", k);
		}
		return rc;
	}
	if ((rc = auth_password_change(ctx->st, name, in->password,
	    in->keep_token)) != CM_OK)
		return op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ?
		    "没有这个用户" : rc == CM_UNAVAILABLE ? OP_UNAVAILABLE_MSG :
		    "保存失败");
	return CM_OK;
}
