/* SPDX-License-Identifier: ISC */
/*
 * User accounts.  Passwords are stored only as libsodium argon2id
 * strings (crypto_pwhash_str), which carry their own salt and cost.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cases/case.h"
#include "cases/store.h"
#include "cases/user.h"
#include "util/utf8.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)
#define PW_MIN		8
#define PW_MAX		256
#define NAME_MAX_CHARS	32

const char *const role_codes[ROLE__MAX] = {
	[ROLE_CLERK] = "clerk",
	[ROLE_OFFICER] = "officer",
	[ROLE_REVIEWER] = "reviewer",
	[ROLE_ADMIN] = "admin",
};

const char *const role_labels[ROLE__MAX] = {
	[ROLE_CLERK] = "登记员",
	[ROLE_OFFICER] = "承办人",
	[ROLE_REVIEWER] = "审核人",
	[ROLE_ADMIN] = "管理员",
};

int
role_find(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(role_codes[i], s) == 0)
			return i;
	return -1;
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
	char		 hash[crypto_pwhash_STRBYTES], now[32];
	size_t		 i, nl;
	enum cm_err	 rc;

	nl = strlen(name);
	if (nl == 0 || !utf8_valid(name, nl) ||
	    utf8_count(name, nl) > NAME_MAX_CHARS) {
		ERR("用户名应为1至32个字符 (bad user name)");
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
	if (strlen(password) < PW_MIN || strlen(password) > PW_MAX) {
		ERR("密码长度应为8至256个字符 (password must be 8-256 bytes)");
		return CM_INVALID;
	}
	if (sodium_init() < 0 || crypto_pwhash_str(hash, password,
	    strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
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
