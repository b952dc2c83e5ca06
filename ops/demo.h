/* SPDX-License-Identifier: ISC */
/* Demo data for `foidesk init --demo`. */
#ifndef OPS_DEMO_H
#define OPS_DEMO_H

#include <stddef.h>

#include "cases/err.h"

struct store;
struct calendar;

#define DEMO_PASSWORD	"demo-pass-2026"

struct act_input;

/* The delivery record of the notice an action sent, when its period
 * runs from the recipient's receipt (decision 10); nothing otherwise.
 * Also used by the benchmark's generator (bench/gen.c). */
enum cm_err	 demo_delivery(struct store *, const struct calendar *,
		    const char *case_id, const struct act_input *, int on,
		    int today);
enum cm_err	 demo_populate(struct store *, const struct calendar *,
		    int today, int *ncases, char *err, size_t errlen);

#endif
