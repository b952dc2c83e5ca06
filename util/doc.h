/* SPDX-License-Identifier: ISC */
/*
 * A typeset-ready document: the neutral hand-over between the letter
 * texts (forms/letter.c composes one from a template and a case) and the
 * renderer (pdfgen/ lays it out per GB/T 9704).  Neither side knows the
 * other; the CLI and the web glue them.  All strings are UTF-8 and owned
 * by the document; doc_free() releases everything.
 */
#ifndef UTIL_DOC_H
#define UTIL_DOC_H

#include <stddef.h>

enum doc_para_kind {
	DOC_P_BODY,		/* ordinary body paragraph, indented 2 字 */
	DOC_P_HEADING1,		/* "一、" level heading (黑体 where available) */
	DOC_P_HEADING2,		/* "（一）" level heading (楷体 where available) */
	DOC_P_PLAIN,		/* body text, no first-line indent (lists) */
	DOC_P_ATTACHMENT,	/* 附件说明 line(s) */
	DOC_P__MAX
};

struct doc_para {
	enum doc_para_kind	 kind;
	char			*text;
};

struct doc {
	char		*organ;		/* letterhead: issuing organ (信函格式) */
	char		*doc_number;	/* 发文字号, e.g. 某某公开〔2026〕12号; may be NULL */
	char		*title;		/* 标题, e.g. 政府信息公开申请答复书 */
	char		*addressee;	/* 主送, without the trailing colon */
	struct doc_para	*paras;
	size_t		 npara;
	char		*signer;	/* 落款: organ name above the date */
	char		*date;		/* 成文日期 "2026年11月21日" */
	char		*note;		/* 附注 (contact person and phone); may be NULL */
	char		*mark;		/* e.g. "样稿" at the top of every page of a
					   draft; NULL for a letter that goes out */
};

void	doc_init(struct doc *);
void	doc_add_para(struct doc *, enum doc_para_kind, const char *text);
void	doc_free_fields(struct doc *);
struct buf;
void	doc_pack(const struct doc *, const char *const *extra, size_t nextra,
	    struct buf *);
int	doc_unpack(const void *, size_t, struct doc *, char **extra,
	    size_t nextra);

#endif
