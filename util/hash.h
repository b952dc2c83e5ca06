/* SPDX-License-Identifier: ISC */
/*
 * FNV-1a, 64 bits, of a NUL-terminated string: the hash of the
 * in-memory open-addressing indexes (forms/template.c's merge context,
 * ops/proactive_cache.c's trigram memo).  Not for anything an outsider
 * chooses the keys of to attack.
 */
#ifndef UTIL_HASH_H
#define UTIL_HASH_H

#include <stdint.h>

static inline uint64_t
str_hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

#endif
