/* SPDX-License-Identifier: ISC */
/*
 * Delivery (送达) of issued letters as operations (ops/op.h convention;
 * domain.md decisions 10 and 11): recording how and when a letter went
 * out, and the day it was received.  The received dates start the
 * periods that run from the recipient's receipt (ops/case.c feeds them
 * to the deadline engine).
 */
#ifndef OPS_DELIVERY_H
#define OPS_DELIVERY_H

#include <stddef.h>
#include <stdint.h>

#include "ops/op.h"
#include "store/deliveries.h"

/* The methods of decision 11, in display order, and their labels. */
extern const char *const delivery_methods[];
const char	*delivery_method_label(const char *code);

struct delivery_in {
	const char	*case_key;	/* UUID or case number */
	const char	*kind;		/* letter kind code ("letter") */
	int		 version;	/* 0: the latest issued version */
	const char	*method;
	const char	*tracking;	/* post: the EMS/挂号 number */
	const char	*sent;		/* YYYY-MM-DD */
	const char	*received;	/* "" or NULL while unknown */
	int64_t		 proof_id;	/* an attachment of the case, or 0 */
	const char	*proof_name;	/* or a file: its name, */
	const void	*proof_data;	/* bytes */
	size_t		 proof_len;
};

struct delivery_out {
	int64_t		 id;
	int		 version;
	int64_t		 proof;
};

enum cm_err	 op_delivery_add(const struct op_ctx *,
		    const struct delivery_in *, struct delivery_out *,
		    struct op_refusal *);

/* The received date of a letter's delivery: by record id (id > 0, the
 * API) or the latest record of the letter kind. */
struct delivery_recv_in {
	const char	*case_key;
	int64_t		 id;
	const char	*kind;
	const char	*on;
};

enum cm_err	 op_delivery_received(const struct op_ctx *,
		    const struct delivery_recv_in *, void *,
		    struct op_refusal *);

struct json;

/* Writes deliveries as an array under key (the JSON of `delivery list`,
 * `case show` and the API). */
void		 delivery_json(struct json *, const char *key,
		    const struct delivery *, size_t);

#endif
