/* SPDX-License-Identifier: ISC */
/* User accounts and roles (clerk, officer, reviewer, admin). */
#ifndef OPS_USER_H
#define OPS_USER_H

#include <stddef.h>

#include "cases/err.h"
#include "cases/roles.h"

struct store;

/* Room for an argon2id hash string (crypto_pwhash_STRBYTES). */
#define USER_HASH_LEN	128

int		 user_pw_hash(const char *password, size_t len,
		    char out[USER_HASH_LEN]);
enum cm_err	 user_add(struct store *, const char *name, const char *role,
		    const char *password, char *err, size_t errlen);

#endif
