/* SPDX-License-Identifier: ISC */
/*
 * The sealed case files (issue 14): one row per sealed item of a case
 * (item 0 the case file, 1.. the supplementary items of re-handlings),
 * with the PDF, its SHA-256, the manifest and the 档号.  Rows are only
 * ever inserted; the schema's triggers refuse any change.
 */
#ifndef STORE_ARCHIVE_H
#define STORE_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"

struct store;
struct buf;

struct archive_rec {
	int64_t	 id;
	char	 case_id[37];
	char	 number[32];		/* the case number */
	int	 item;
	int64_t	 refers;		/* 0: none */
	char	 dangan[96];
	char	 fonds[32];
	int	 year;
	char	 retention[8];		/* Y D30 D10 */
	char	 dept[32];
	int	 seq;
	int	 pages;
	char	 pdf_sha256[65];
	char	*manifest;
	char	 manifest_sha256[65];
	char	*sealed_by;
	char	*sealed_at;
	int64_t	 size;			/* of the PDF */
};

enum cm_err	 archive_insert(struct store *, const struct archive_rec *,
		    const void *pdf, size_t len, int64_t *id);
enum cm_err	 archive_list(struct store *, const char *case_id, int year,
		    struct archive_rec **, size_t *);
enum cm_err	 archive_pdf(struct store *, int64_t id, struct buf *);
enum cm_err	 archive_next_seq(struct store *, const char *fonds, int year,
		    const char *retention, const char *dept, int *seq);
enum cm_err	 archive_case_dept(struct store *, const char *case_id,
		    char *code, size_t len);
enum cm_err	 archive_case_appeals(struct store *, const char *case_id,
		    int *n);
void		 archive_recs_free(struct archive_rec *, size_t);

/* An archived case without a sealed file. */
struct archive_case {
	char	 id[37];
	char	 number[32];
};

enum cm_err	 archive_unsealed(struct store *, struct archive_case **,
		    size_t *);

#endif
