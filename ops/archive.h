/* SPDX-License-Identifier: ISC */
/*
 * Archiving (归档, issue 14): the sealed case file of an archived case
 * (一案一档: the 卷内目录, the 登记表, every letter version, the 办理审批单,
 * the proofs of delivery, the attachments and the event log as one PDF
 * with a manifest of SHA-256s chained into the audit trail), its 档号 and
 * 保管期限, the one check that keeps a sealed case unchanged, and the
 * reads: show, verify, export.  See docs/archive.md.
 */
#ifndef OPS_ARCHIVE_H
#define OPS_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "ops/op.h"

struct archive_rec;
struct archive_case;

/* The refusal of any change to a sealed case. */
#define ARCHIVE_SEALED_MSG	"该案件已归档封存，不能修改"

/* The writes that stay allowed on a sealed case (decision 12). */
enum archive_allow { ARCHIVE_ALLOW_NONE, ARCHIVE_ALLOW_APPEAL,
    ARCHIVE_ALLOW_REDO };

enum cm_err	 archive_check(const struct op_ctx *, const char *case_key,
		    enum archive_allow, struct op_refusal *);
enum cm_err	 archive_seal(const struct op_ctx *, const char *case_id,
		    struct op_refusal *);

/* One difference archive verify found. */
struct archive_problem {
	char	 dangan[96];
	char	 number[32];
	char	 what[256];
};

struct archive_verify_out {
	size_t			 files;		/* sealed items checked */
	size_t			 parts;		/* parts re-hashed */
	struct archive_problem	*bad;
	size_t			 nbad;
};

struct archive_show_out {
	struct archive_rec	*recs;
	size_t			 n;
};

enum cm_err	 op_archive_show(const struct op_ctx *, const char *case_key,
		    struct archive_show_out *, struct op_refusal *);
void		 archive_show_clear(struct archive_show_out *);
enum cm_err	 op_archive_verify(const struct op_ctx *, const char *case_key,
		    struct archive_verify_out *, struct op_refusal *);
void		 archive_verify_clear(struct archive_verify_out *);
enum cm_err	 op_archive_export(const struct op_ctx *, int year,
		    const char *dir, size_t *files, struct op_refusal *);
struct buf;
enum cm_err	 op_archive_catalog(const struct op_ctx *, int year,
		    struct buf *, struct op_refusal *);
enum cm_err	 op_archive_list(const struct op_ctx *, int year,
		    struct archive_show_out *, struct op_refusal *);
struct buf;
enum cm_err	 op_archive_pdf(const struct op_ctx *, const char *case_key,
		    int item, struct buf *, struct archive_show_out *,
		    struct op_refusal *);
const char	*archive_retention_label(const char *code);

/* What op_archive_backfill() sealed (or would seal) and what failed. */
struct archive_backfill_out {
	struct archive_case	*cases;
	size_t			 ncases;
	struct {
		char	 number[32];
		char	 why[512];
	}			*failed;
	size_t			 nfailed;
};

enum cm_err	 op_archive_backfill(const struct op_ctx *, int dry_run,
		    struct archive_backfill_out *, struct op_refusal *);
void		 archive_backfill_clear(struct archive_backfill_out *);

#endif
