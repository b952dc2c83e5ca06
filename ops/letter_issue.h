/* SPDX-License-Identifier: ISC */
/*
 * Issuing letters: load the case, allocate its document number, merge
 * the letter text (forms/), render it (pdfgen/pdf.c) and store the PDF
 * with the case.  The one call behind `foidesk letter` and the web's
 * letter routes.  An issued letter is immutable: a kind is issued once
 * (letter_issue), a new version only by an explicit reissue with a
 * reason (letter_reissue), under the same 文号.  The letter of a reply
 * or an extension is issued with the action itself
 * (letter_after_action); before that, a draft marked 样稿 and without
 * a 文号 is rendered in memory (letter_draft).  The intake's 登记回执 is
 * composed in the intake's transaction but typeset after its commit
 * (letter_issue_later, ops/letter_pending.h).
 */
#ifndef OPS_LETTER_ISSUE_H
#define OPS_LETTER_ISSUE_H

#include <stddef.h>

#include "cases/err.h"
#include "util/buf.h"

struct store;
struct calendar;
struct act_input;
struct pdf_fonts;

struct letter_out {
	struct buf	 pdf;
	int		 version;
	char		 sha256[65];
	char		 doc_number[96];
	char		 title[128];
};

void		 letter_out_init(struct letter_out *);
void		 letter_out_clear(struct letter_out *);
enum cm_err	 letter_issue(struct store *, const struct calendar *,
		    const char *case_key, const char *kind, const char *actor,
		    int today, struct letter_out *, char *err, size_t errlen);
enum cm_err	 letter_issue_later(struct store *, const struct calendar *,
		    const char *case_key, const char *kind, const char *actor,
		    int today, struct letter_out *, char *err, size_t errlen);
enum cm_err	 letter_reissue(struct store *, const struct calendar *,
		    const char *case_key, const char *kind, const char *reason,
		    const char *actor, int today, struct letter_out *,
		    char *err, size_t errlen);
const char	*letter_for_action(const char *action);
enum cm_err	 letter_after_action(struct store *, const struct calendar *,
		    const char *case_key, const char *action,
		    const char *actor, int today, struct letter_out *,
		    char *err, size_t errlen);
enum cm_err	 letter_after_signoff(struct store *,
		    const struct calendar *, const char *case_key,
		    const char *actor, int today, char *err, size_t errlen);
enum cm_err	 letter_draft(struct store *, const struct calendar *,
		    const char *case_key, const struct act_input *pending,
		    int today, struct letter_out *, char *err, size_t errlen);
enum cm_err	 letter_batch(struct store *, const struct calendar *,
		    const char *const *case_keys, size_t n, const char *kind,
		    const char *actor, int today, struct buf *pdf,
		    char *err, size_t errlen);
void		 letter_fonts_set(struct pdf_fonts *, const char *title,
		    const char *body, const char *fallback);
void		 letter_issue_fonts(struct store *, struct pdf_fonts *,
		    char *hold[3]);

#endif
