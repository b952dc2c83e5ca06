/* SPDX-License-Identifier: ISC */
/*
 * Allocation wrappers that abort on out-of-memory, so that no other code
 * needs an out-of-memory branch (house style: bad input is an error to
 * handle, OOM is not).
 */
#ifndef UTIL_XMALLOC_H
#define UTIL_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
