/* SPDX-License-Identifier: ISC */
/* Shared by ops/proactive*.c, ops/repeat.c and ops/fee.c; not an API. */
#ifndef OPS_PROACTIVE_INT_H
#define OPS_PROACTIVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/proactive.h"

struct store;

/* What px_refresh_one() does. */
enum refresh_mode {
	RF_KEYS,	/* identity and 文号 keys only; grouped later */
	RF_GROUP,	/* keys and the case's group */
	RF_TRIGGER	/* and the art. 44 trigger on that group */
};

enum cm_err	 px_refresh_one(struct store *,
		    const struct proactive_settings *, const char *key,
		    enum refresh_mode, const char *now);
enum cm_err	 px_group_tidy(struct store *, int64_t group);
char		*px_label_of(const char *request);
enum cm_err	 px_same_applicant_now(struct store *, const char *id_key,
		    const char *np_key, const char *month,
		    struct proactive_member **, size_t *);

#endif
