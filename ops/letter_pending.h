/* SPDX-License-Identifier: ISC */
/*
 * Letters typeset after the write that issued them (issue 17): the
 * 登记回执 of an intake.  Typesetting one (layout, font subset, deflate:
 * 6-7 ms) on the server's one writer thread capped intake at ~150/s,
 * so the intake's transaction only composes it (letter_issue_later:
 * the text, 文号 and faces fixed at intake, so that a correction a
 * moment later cannot change what the receipt says) and records it in
 * letters_pending with its identity (case, kind, version 1, created_by,
 * created_at).  The PDF is made after the commit:
 *
 *   - in the server, by a renderer thread woken after each group commit
 *     (web/receipts.c): it reads the due rows, typesets them outside
 *     any transaction and stores the bytes of the batch in one short
 *     write on the writer thread (lpend_batch_*);
 *   - by the CLI's write commands, before they return (cli_close:
 *     lpend_run_mine), so that `foidesk case new` leaves its receipt
 *     stored: only the letters the command composed, never a backlog
 *     others left; `foidesk letter render` typesets every due one
 *     (lpend_run), for a database no server runs on;
 *   - by every write that needs the bytes (issuing another letter of
 *     the case, archive sealing and its backfill, a delivery record),
 *     first thing in its own transaction (lpend_flush_case).
 *
 * Until then every read (case page, API, CLI, archive preview) shows
 * the letter as stored: letters_list_all() and letter_fetch_any()
 * typeset it on the fly from the pending content and store nothing;
 * the renderer is deterministic (no creation date, no document ID), so
 * these bytes are the bytes stored later.  A render that fails is kept
 * pending, counted (attempts, last_error) and retried with a growing
 * delay; /admin shows the pending and failed ones.
 */
#ifndef OPS_LETTER_PENDING_H
#define OPS_LETTER_PENDING_H

#include <stddef.h>

#include "cases/err.h"
#include "util/buf.h"

struct store;
struct letter_info;
struct letter_pending;

/* One batch of pending letters: loaded, typeset, stored. */
struct lpend_batch {
	struct letter_pending	*p;
	size_t			 n;
	struct buf		*pdf;		/* [n] */
	char			(*err)[256];	/* [n]: "" when typeset */
	size_t			 stored;	/* by lpend_batch_store */
	size_t			 failed;
};

int		 lpend_render(const struct letter_pending *, struct buf *pdf,
		    char *err, size_t errlen);
enum cm_err	 lpend_batch_load(struct store *, size_t max,
		    struct lpend_batch *);
void		 lpend_batch_render(struct lpend_batch *);
enum cm_err	 lpend_batch_store(struct store *, void *batch);
void		 lpend_batch_clear(struct lpend_batch *);
enum cm_err	 lpend_run(struct store *, size_t *stored, size_t *failed);
void		 lpend_track(struct store *);
enum cm_err	 lpend_run_mine(struct store *, size_t *stored,
		    size_t *failed);
enum cm_err	 lpend_flush_case(struct store *, const char *case_id,
		    char *err, size_t errlen);

enum cm_err	 letters_list_all(struct store *, const char *case_id,
		    struct letter_info **, size_t *);
enum cm_err	 letter_fetch_any(struct store *, const char *case_id,
		    const char *kind, int version, struct buf *pdf,
		    struct letter_info *);

#endif
