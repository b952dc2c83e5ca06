/* SPDX-License-Identifier: ISC */
/* Database migrations, applied in order by store_open(). */
#ifndef STORE_SCHEMA_H
#define STORE_SCHEMA_H

#include <stddef.h>

extern const char *const migrations[];
extern const size_t migrations_count;

#endif
