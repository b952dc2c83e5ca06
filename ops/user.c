/* SPDX-License-Identifier: ISC */
/*
 * User accounts.  Passwords are stored only as libsodium argon2id
 * strings (crypto_pwhash_str), which carry their own salt and cost.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/case.h"
#include "store/store.h"
#include "ops/user.h"
#include "util/utf8.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

/*
 * argon2id with t = 2 passes over 19 MiB: the OWASP minimum, and a
 * login's peak memory that fits the server's 64 MB budget (libsodium's
 * "interactive" preset takes 64 MiB per hash).  Verification reads the
 * parameters from the stored string, so older hashes keep working.
 */
#define PW_OPSLIMIT	2
#define PW_MEMLIMIT	((size_t)19 << 20)

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
 * Adds a user with an argon2id password hash.  Names are 1-32
 * characters of valid UTF-8 without spaces or control characters;
 * passwords 8-256 bytes.  CM_CONFLICT when the name is taken.
 */
enum cm_err
user_add(struct store *st, const char *name, const char *role,
    const char *password, char *err, size_t errlen)
{
	char		 hash[USER_HASH_LEN], now[32];
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
	if (role_find(role) < 0) {
		ERR("角色应为 clerk、officer、reviewer 或 admin (bad role)");
		return CM_INVALID;
	}
	if (strlen(password) < LIM_PASSWORD_MIN_BYTES ||
	    strlen(password) > LIM_PASSWORD_MAX_BYTES) {
		ERR("密码长度应为" LIM_STR(LIM_PASSWORD_MIN_BYTES) "至"
		    LIM_STR(LIM_PASSWORD_MAX_BYTES) "个字符 (password must be "
		    LIM_STR(LIM_PASSWORD_MIN_BYTES) "-"
		    LIM_STR(LIM_PASSWORD_MAX_BYTES) " bytes)");
		return CM_INVALID;
	}
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
