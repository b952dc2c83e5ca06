/* SPDX-License-Identifier: ISC */
/* UTF-8 checks shared by every layer that accepts text. */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stddef.h>

int	 utf8_valid(const char *, size_t len);
size_t	 utf8_count(const char *, size_t len);

#endif
