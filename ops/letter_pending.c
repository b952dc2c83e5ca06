/* SPDX-License-Identifier: ISC */
/*
 * Letters typeset after the write that issued them (see
 * letter_pending.h): typesetting the pending content, storing batches
 * of the bytes, and the reads that show a pending letter as stored.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/letter_issue.h"
#include "ops/letter_pending.h"
#include "pdfgen/pdf.h"
#include "store/letters.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/doc.h"
#include "util/xmalloc.h"

/* Letters per batch (one read, one short write). */
#define LPEND_BATCH	32
/* A failed render is retried after 30 s, doubling up to an hour. */
#define LPEND_RETRY_SECS	30
#define LPEND_RETRY_MAX		3600

/*
 * Typesets a pending letter from its stored content alone (the text and
 * faces fixed when it was composed): the same bytes wherever and
 * whenever it runs.  0, or -1 with err saying why.
 */
int
lpend_render(const struct letter_pending *p, struct buf *pdf, char *err,
    size_t errlen)
{
	struct pdf_fonts	 f;
	struct doc		 d;
	char			*faces[3];
	int			 rc = -1;

	doc_init(&d);
	if (doc_unpack(p->content.p, p->content.len, &d, faces, 3) != 0)
		snprintf(err, errlen, "待生成文书的内容已损坏 (bad pending "
		    "content)");
	else {
		letter_fonts_set(&f, faces[0], faces[1], faces[2]);
		rc = pdf_render_docs(&d, 1, &f, pdf, err, errlen);
	}
	free(faces[0]);
	free(faces[1]);
	free(faces[2]);
	doc_free_fields(&d);
	if (rc != 0 && errlen > 0 && err[0] == '\0')
		snprintf(err, errlen, "无法生成 PDF (render failed)");
	return rc;
}

/* The batch's PDF buffers and error texts, one per letter. */
static void
batch_ready(struct lpend_batch *b)
{
	size_t	 i;

	b->pdf = xcalloc(b->n + 1, sizeof(*b->pdf));
	b->err = xcalloc(b->n + 1, sizeof(*b->err));
	for (i = 0; i < b->n; i++)
		buf_init(&b->pdf[i]);
}

/* Reads at most max pending letters that are due (never tried, or due
 * for a retry), oldest first.  A read: nothing is written. */
enum cm_err
lpend_batch_load(struct store *st, size_t max, struct lpend_batch *b)
{
	char		 now[32];
	enum cm_err	 rc;

	memset(b, 0, sizeof(*b));
	now_iso(now);
	if ((rc = letters_pending_list(st, NULL, now, max, &b->p, &b->n)) !=
	    CM_OK)
		return rc;
	batch_ready(b);
	return CM_OK;
}

/* Reads at most max of the letters this connection composed
 * (letters_pending_track) that are still pending.  Nothing is written. */
static enum cm_err
batch_load_mine(struct store *st, size_t max, struct lpend_batch *b)
{
	enum cm_err	 rc;

	memset(b, 0, sizeof(*b));
	if ((rc = letters_pending_mine(st, max, &b->p, &b->n)) != CM_OK)
		return rc;
	batch_ready(b);
	return CM_OK;
}

/* Typesets the batch: no database, no lock (the renderer thread). */
void
lpend_batch_render(struct lpend_batch *b)
{
	size_t	 i;

	for (i = 0; i < b->n; i++) {
		b->err[i][0] = '\0';
		if (lpend_render(&b->p[i], &b->pdf[i], b->err[i],
		    sizeof(b->err[i])) != 0 && b->err[i][0] == '\0')
			snprintf(b->err[i], sizeof(b->err[i]), "render failed");
	}
}

/* The time a letter that failed attempts times is tried again. */
static void
retry_at(int attempts, char out[32])
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	long		 d = LPEND_RETRY_SECS;

	while (attempts-- > 0 && d < LPEND_RETRY_MAX)
		d *= 2;
	t += d < LPEND_RETRY_MAX ? d : LPEND_RETRY_MAX;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Stores a typeset batch in one transaction (a web_write_fn: arg is the
 * batch): each PDF under its pending identity, each failure counted for
 * a later retry.  A letter another renderer stored meanwhile is skipped
 * (same bytes).
 */
enum cm_err
lpend_batch_store(struct store *st, void *arg)
{
	struct lpend_batch	*b = arg;
	const struct letter_pending *p;
	char			 sha[65], next[32];
	size_t			 i, stored = 0, failed = 0;
	int			 one;
	enum cm_err		 rc;

	if (b->n == 0)
		return CM_OK;
	if ((rc = store_begin(st)) != CM_OK)
		return rc;
	for (i = 0; i < b->n; i++) {
		p = &b->p[i];
		if (b->err[i][0] == '\0') {
			rc = letter_pending_settle(st, p->case_id, p->kind,
			    p->version, b->pdf[i].p, b->pdf[i].len, sha, &one);
			stored += one;
		} else {
			retry_at(p->attempts, next);
			rc = letter_pending_failed(st, p->case_id, p->kind,
			    p->version, b->err[i], next);
			failed++;
		}
		if (rc != CM_OK) {
			store_rollback(st);
			return rc;
		}
	}
	if ((rc = store_commit(st)) != CM_OK) {
		store_rollback(st);
		return rc;
	}
	b->stored = stored;
	b->failed = failed;
	return CM_OK;
}

void
lpend_batch_clear(struct lpend_batch *b)
{
	size_t	 i;

	for (i = 0; b->pdf != NULL && i < b->n; i++)
		buf_clear(&b->pdf[i]);
	free(b->pdf);
	free(b->err);
	letter_pendings_free(b->p, b->n);
	memset(b, 0, sizeof(*b));
}

/* Loads, typesets and stores batches until load finds none. */
static enum cm_err
run(struct store *st, enum cm_err (*load)(struct store *, size_t,
    struct lpend_batch *), size_t *stored, size_t *failed)
{
	struct lpend_batch	 b;
	size_t			 rounds;
	enum cm_err		 rc = CM_OK;

	*stored = *failed = 0;
	/* A failed letter is not due again at once, so the loop ends;
	 * the bound is for a clock gone backwards. */
	for (rounds = 0; rounds < 100000; rounds++) {
		if ((rc = load(st, LPEND_BATCH, &b)) != CM_OK)
			break;
		if (b.n == 0) {
			lpend_batch_clear(&b);
			break;
		}
		lpend_batch_render(&b);
		rc = lpend_batch_store(st, &b);
		*stored += b.stored;
		*failed += b.failed;
		lpend_batch_clear(&b);
		if (rc != CM_OK)
			break;
	}
	return rc;
}

/*
 * Typesets and stores every pending letter that is due, batch by batch
 * on st (`foidesk letter render`, as the server's renderer does in its
 * own steps).  Failures stay pending for a retry; *stored and *failed
 * count them.
 */
enum cm_err
lpend_run(struct store *st, size_t *stored, size_t *failed)
{
	return run(st, lpend_batch_load, stored, failed);
}

/* A write command's connection remembers the letters it composes, for
 * lpend_run_mine() (cli_open). */
void
lpend_track(struct store *st)
{
	letters_pending_track(st, 1);
}

/*
 * lpend_run() for the letters this connection composed since
 * letters_pending_track() only (the CLI's write commands before they
 * return: `foidesk case new` leaves its receipt stored, and leaves the
 * letters others left waiting to the server's renderer).
 */
enum cm_err
lpend_run_mine(struct store *st, size_t *stored, size_t *failed)
{
	return run(st, batch_load_mine, stored, failed);
}

/*
 * For a write that needs a case's letters as bytes (issuing another,
 * sealing, a delivery record): stores the case's pending letters now,
 * inside the caller's transaction.  One indexed read when there are
 * none.  A letter that cannot be typeset refuses the write (err).
 */
enum cm_err
lpend_flush_case(struct store *st, const char *case_id, char *err,
    size_t errlen)
{
	struct letter_pending	*p = NULL;
	struct buf		 pdf;
	char			 sha[65], why[256];
	size_t			 n = 0, i;
	int			 one;
	enum cm_err		 rc;

	if ((rc = letters_pending_list(st, case_id, NULL, 0, &p, &n)) !=
	    CM_OK) {
		snprintf(err, errlen, "读取文书失败 (could not read the pending "
		    "letters)");
		return rc;
	}
	for (i = 0; i < n && rc == CM_OK; i++) {
		buf_init(&pdf);
		if (lpend_render(&p[i], &pdf, why, sizeof(why)) != 0) {
			snprintf(err, errlen, "尚待生成的文书无法生成：%s", why);
			rc = CM_INVALID;
		} else if ((rc = letter_pending_settle(st, p[i].case_id,
		    p[i].kind, p[i].version, pdf.p, pdf.len, sha, &one)) !=
		    CM_OK)
			snprintf(err, errlen, "保存文书失败 (could not store the "
			    "letter: %s)", store_errmsg(st));
		buf_clear(&pdf);
	}
	letter_pendings_free(p, n);
	return rc;
}

/* The letter_info of a pending letter, typeset on the fly into pdf (its
 * digest and size; both empty when it cannot be typeset now). */
static void
pending_info(const struct letter_pending *p, struct buf *pdf,
    struct letter_info *l)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 err[256];

	memset(l, 0, sizeof(*l));
	snprintf(l->kind, sizeof(l->kind), "%s", p->kind);
	l->version = p->version;
	l->doc_number = xstrdup(p->doc_number != NULL ? p->doc_number : "");
	l->outcome = p->outcome != NULL ? xstrdup(p->outcome) : NULL;
	l->created_by = xstrdup(p->created_by);
	l->created_at = xstrdup(p->created_at);
	if (lpend_render(p, pdf, err, sizeof(err)) != 0)
		return;
	crypto_hash_sha256(h, (const unsigned char *)pdf->p, pdf->len);
	sodium_bin2hex(l->sha256, sizeof(l->sha256), h, sizeof(h));
	l->size = (int64_t)pdf->len;
}

/*
 * letters_list() with the case's pending letters after the stored ones,
 * as they will be stored (id 0 until then).  A read: the pending ones
 * are typeset in memory for their digest and size, nothing is written.
 */
enum cm_err
letters_list_all(struct store *st, const char *case_id,
    struct letter_info **out, size_t *np)
{
	struct letter_pending	*p = NULL;
	struct letter_info	*l;
	struct buf		 pdf;
	size_t			 n = 0, i;
	enum cm_err		 rc;

	if ((rc = letters_list(st, case_id, out, np)) != CM_OK)
		return rc;
	if ((rc = letters_pending_list(st, case_id, NULL, 0, &p, &n)) !=
	    CM_OK) {
		letter_infos_free(*out, *np);
		*out = NULL;
		*np = 0;
		return rc;
	}
	if (n > 0) {
		l = xrealloc(*out, (*np + n) * sizeof(*l));
		for (i = 0; i < n; i++) {
			buf_init(&pdf);
			pending_info(&p[i], &pdf, &l[*np + i]);
			buf_clear(&pdf);
		}
		*out = l;
		*np += n;
	}
	letter_pendings_free(p, n);
	return CM_OK;
}

/*
 * letter_fetch() that also serves a pending letter (always the newest
 * of its kind), typeset on the fly: the bytes it will be stored with.
 * A read.  CM_SYSERR when a pending letter cannot be typeset now.
 */
enum cm_err
letter_fetch_any(struct store *st, const char *case_id, const char *kind,
    int version, struct buf *pdf, struct letter_info *info)
{
	struct letter_pending	 p;
	enum cm_err		 rc;

	rc = letter_pending_get(st, case_id, kind, version, &p);
	if (rc == CM_NOTFOUND)
		return letter_fetch(st, case_id, kind, version, pdf, info);
	if (rc != CM_OK)
		return rc;
	pending_info(&p, pdf, info);
	letter_pending_clear(&p);
	return info->size > 0 ? CM_OK : CM_SYSERR;
}
