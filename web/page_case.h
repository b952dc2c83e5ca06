/* SPDX-License-Identifier: ISC */
/*
 * Private to the case page's files: page_case.c (the view),
 * page_case_act.c (actions, approvals, case texts), page_case_letters.c
 * (letters) and page_case_files.c (attachments, notes, correction of
 * the registration).  Each POST handler decodes its fields into an
 * operation's input (ops/case_ops.h), calls it, and comes back to the
 * case page (303) or shows it again with the refusal.
 */
#ifndef WEB_PAGE_CASE_H
#define WEB_PAGE_CASE_H

#include <stddef.h>

#include "ops/case_ops.h"
#include "store/letters.h"
#include "web/http.h"

struct buf;
struct case_view;

/* page_case.c: shared pieces of markup and the way back. */
void	 pc_case_url(struct buf *, const char *number, const char *rest);
void	 pc_form_open(struct buf *, const struct req *, const char *number,
	    const char *rest, int multipart);
void	 pc_input_date(struct buf *, const char *name, const char *label,
	    const char *val);
void	 pc_textarea(struct buf *, const char *name, const char *label,
	    int rows, const char *val);
const char *pc_text_of(const struct case_text *, size_t, const char *key);
void	 pc_ctx(const struct req *, struct op_ctx *);
void	 pc_refuse(struct req *, struct resp *, int status, const char *msg);
void	 pc_refused(struct req *, struct resp *, enum cm_err,
	    const struct op_refusal *);
void	 pc_back(struct req *, struct resp *, const char *ok,
	    const char *anchor);
void	 pc_disposition(struct resp *, const char *how, const char *name,
	    const char *fallback);

/* The sections each file renders into the case page. */
void	 pc_actions_section(struct buf *, const struct req *,
	    const struct case_view *, const struct case_text *, size_t,
	    const struct op_refusal *);
void	 pc_approvals_section(struct buf *, const struct req *,
	    const struct case_view *);
void	 pc_texts_section(struct buf *, const struct req *,
	    const struct case_view *, const struct case_text *, size_t,
	    const struct op_refusal *);
void	 pc_letters_section(struct buf *, const struct req *,
	    const struct case_view *);
/* page_archive.c (issue 14) */
void	 pc_archive_section(struct buf *, struct req *,
	    const struct case_view *);
void	 pc_attachments_section(struct buf *, const struct req *,
	    const struct case_view *);
void	 pc_notes_section(struct buf *, const struct req *,
	    const struct case_view *);
void	 pc_correct_section(struct buf *, const struct req *,
	    const struct case_view *);
/* page_case_tags.c (issue 15): the 标签 of the 热点分析. */
void	 pc_tags_section(struct buf *, const struct req *,
	    const struct case_view *);
/* page_assign.c (issue 13): the 承办 section. */
void	 pc_assign_section(struct buf *, const struct req *,
	    const struct case_view *, const struct op_refusal *);
/* page_delivery.c (issue 12): the 送达 part of the 文书 section. */
struct code;
void	 pc_deliveries_section(struct buf *, const struct req *,
	    const struct case_view *, const struct code *, int n,
	    const int *have);

#endif
