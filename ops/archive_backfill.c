/* SPDX-License-Identifier: ISC */
/*
 * Sealing the cases archived before sealing existed (issue 14's
 * leftover): every archived case without a sealed file gets one, as
 * `case act ID archive` would have made it, each in its own
 * transaction, so that it is locked like any case archived since.
 * Called by `foidesk archive backfill`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/roles.h"
#include "ops/archive.h"
#include "store/archive.h"
#include "store/store.h"
#include "util/xmalloc.h"

/*
 * Seals every archived case that has no sealed file yet, oldest
 * conclusion first, each in its own transaction (archive_seal: the
 * 档号, the PDF, the manifest and its archive.seal audit row).  With
 * dry_run nothing is written and out->cases lists what would be
 * sealed.  A case that cannot be sealed is rolled back and listed in
 * out->failed with the reason; the others are sealed regardless.
 */
enum cm_err
op_archive_backfill(const struct op_ctx *ctx, int dry_run,
    struct archive_backfill_out *out, struct op_refusal *rf)
{
	struct archive_case	*v = NULL;
	struct op_refusal	 r2;
	size_t			 n = 0, i;
	enum cm_err		 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_SETTINGS))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能补封归档案件");
	if ((rc = archive_unsealed(ctx->st, &v, &n)) != CM_OK)
		return op_refuse(rf, rc, NULL, "读取归档案件失败");
	out->cases = xcalloc(n + 1, sizeof(*out->cases));
	out->failed = xcalloc(n + 1, sizeof(*out->failed));
	for (i = 0; i < n; i++) {
		if (dry_run) {
			out->cases[out->ncases++] = v[i];
			continue;
		}
		op_refusal_init(&r2);
		if ((rc = store_begin(ctx->st)) != CM_OK) {
			free(v);
			return op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		}
		if ((rc = archive_seal(ctx, v[i].id, &r2)) == CM_OK &&
		    (rc = store_commit(ctx->st)) == CM_OK) {
			out->cases[out->ncases++] = v[i];
			continue;
		}
		store_rollback(ctx->st);
		snprintf(out->failed[out->nfailed].number,
		    sizeof(out->failed[out->nfailed].number), "%s",
		    v[i].number);
		snprintf(out->failed[out->nfailed].why,
		    sizeof(out->failed[out->nfailed].why), "%s",
		    r2.msg[0] != '\0' ? r2.msg : "保存失败");
		out->nfailed++;
	}
	free(v);
	return CM_OK;
}

void
archive_backfill_clear(struct archive_backfill_out *o)
{
	free(o->cases);
	free(o->failed);
	memset(o, 0, sizeof(*o));
}
