/* SPDX-License-Identifier: ISC */
/* Demo data for `foidesk init --demo`. */
#ifndef OPS_DEMO_H
#define OPS_DEMO_H

#include <stddef.h>

#include "cases/err.h"

struct store;
struct calendar;

#define DEMO_PASSWORD	"demo-pass-2026"

enum cm_err	 demo_populate(struct store *, const struct calendar *,
		    int today, int *ncases, char *err, size_t errlen);

#endif
