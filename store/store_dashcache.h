/* SPDX-License-Identifier: ISC */
/* The dashboard's counts, cached per database version (issue 17). */
#ifndef STORE_DASHCACHE_H
#define STORE_DASHCACHE_H

#include "cases/err.h"

struct store;
struct dash_counts;

enum cm_err	 store_dash_counts_cached(struct store *, const char *today,
		    const char *soon, const char *user, struct dash_counts *);

#endif
