/* SPDX-License-Identifier: ISC */
/*
 * A small streaming JSON writer into a struct buf.  Keys are given for
 * members of objects and NULL for array elements or the top value.
 * Strings are escaped per RFC 8259 (control characters as \u00XX).
 */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include "util/buf.h"

#define JSON_MAXDEPTH	32

struct json {
	struct buf	*b;
	int		 depth;
	unsigned char	 used[JSON_MAXDEPTH];	/* member written at depth */
};

void	json_init(struct json *, struct buf *);
void	json_obj_open(struct json *, const char *key);
void	json_obj_close(struct json *);
void	json_arr_open(struct json *, const char *key);
void	json_arr_close(struct json *);
void	json_str(struct json *, const char *key, const char *val);
void	json_int(struct json *, const char *key, long long);
void	json_bool(struct json *, const char *key, int);
void	json_null(struct json *, const char *key);
void	json_escape(struct buf *, const char *);

#endif
