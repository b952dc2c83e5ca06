/* SPDX-License-Identifier: ISC */
/*
 * The delivery (送达) records of a case's issued letters (domain.md
 * decision 11): one per letter kind and version, with its method,
 * tracking number (post), dispatch and received dates and an optional
 * proof attachment (struct delivery, cases/view.h).  The operations
 * are in ops/delivery.h.
 */
#ifndef STORE_DELIVERIES_H
#define STORE_DELIVERIES_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/view.h"

struct store;


/* A case's deliveries (by UUID), by kind then version. */
enum cm_err	 deliveries_list(struct store *, const char *case_id,
		    struct delivery **, size_t *);
/* Every delivery whose received date is unknown, oldest dispatch
 * first, of open and closed cases alike (the dashboard list). */
enum cm_err	 deliveries_awaiting(struct store *, struct delivery **,
		    size_t *);
void		 deliveries_free(struct delivery *, size_t);
/* CM_CONFLICT when the letter version already has a record. */
enum cm_err	 delivery_insert(struct store *, const struct delivery *,
		    const char *now, int64_t *id);
/* Sets the received date of delivery id of the case; CM_NOTFOUND
 * when there is none. */
enum cm_err	 delivery_set_received(struct store *, const char *case_id,
		    int64_t id, const char *received);

#endif
