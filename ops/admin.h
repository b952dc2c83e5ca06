/* SPDX-License-Identifier: ISC */
/* Administration: agency settings and the calendar's declared days. */
#ifndef OPS_ADMIN_H
#define OPS_ADMIN_H

#include <stddef.h>

#include "cases/err.h"

struct store;
struct agency;

enum cm_err	 admin_agency_set(struct store *, const struct agency *,
		    char *err, size_t errlen);
enum cm_err	 admin_calendar_rows(struct store *, int year,
		    int (*)(const char *day, const char *kind,
		    const char *name, const char *source, void *), void *);

#endif
