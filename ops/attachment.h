/* SPDX-License-Identifier: ISC */
/*
 * Files attached to a case (the application as scanned, the applicant's
 * proof of identity, a third party's opinion ...).  Kept in the
 * database with their SHA-256; names are made safe on the way in; they
 * are only ever served as downloads.
 */
#ifndef OPS_ATTACHMENT_H
#define OPS_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/limits.h"
#include "store/records.h"

struct store;

/* Kept as names of this module; the values are in cases/limits.h. */
#define ATTACH_MAX_BYTES	LIM_ATTACH_BYTES
#define ATTACH_NAME_MAX		LIM_ATTACH_NAME_BYTES	/* with the NUL */

const char	*attachment_safe_name(const char *in, size_t len, char *out,
		    size_t outlen);
const char	*attachment_mime(const char *name);
enum cm_err	 attachment_add(struct store *, const char *case_key,
		    const char *name, size_t namelen, const void *data,
		    size_t len, const char *actor, int64_t *id,
		    char sha256[65], char *err, size_t errlen);
enum cm_err	 attachments_list(struct store *, const char *case_id,
		    struct attachment_info **, size_t *);
enum cm_err	 attachment_get(struct store *, const char *case_id,
		    int64_t id, struct attachment_info *, void **data,
		    size_t *len);

#endif
