/* SPDX-License-Identifier: ISC */
/*
 * The agency's standard letter texts (issue 11 item 7): an
 * administrator replaces the shipped text of a letter kind or reply
 * outcome (forms/letter_text.h says which, and which placeholders),
 * every version is kept (store/store_ltexts.h), the latest is in force
 * at once for every letter composed (ops/letter_issue.c passes the
 * lookup below to forms/letter.c), and "恢复标准文本" makes the shipped
 * text apply again.  One operation each for the page /admin/texts and
 * `foidesk agency text`.
 */
#ifndef OPS_LETTER_TEXT_H
#define OPS_LETTER_TEXT_H

#include <stddef.h>

#include "cases/err.h"
#include "forms/letter_text.h"
#include "store/store_ltexts.h"

struct store;
struct buf;
struct op_ctx;
struct op_refusal;
struct template_lookup;

/* Input of the operations: kind and outcome codes as typed (input keys
 * "kind", "outcome"), the text ("text"; set and preview) and a note
 * ("note"; set and restore). */
struct letter_text_in {
	const char	*kind;
	const char	*outcome;
	const char	*text;
	const char	*note;
};

struct letter_text_out {
	int	 version;	/* the version stored */
};

enum cm_err	 op_letter_text_set(const struct op_ctx *,
		    const struct letter_text_in *, struct letter_text_out *,
		    struct op_refusal *);
enum cm_err	 op_letter_text_restore(const struct op_ctx *,
		    const struct letter_text_in *, struct letter_text_out *,
		    struct op_refusal *);
enum cm_err	 op_letter_text_preview(const struct op_ctx *,
		    const struct letter_text_in *, struct buf *pdf,
		    struct op_refusal *);

/* Reads. */
enum cm_err	 letter_text_key_read(const struct letter_text_in *,
		    struct letter_text_key *, struct op_refusal *);
enum cm_err	 letter_text_current(struct store *,
		    const struct letter_text_key *, int *version,
		    int *agency, char **text);
enum cm_err	 letter_text_versions(struct store *,
		    const struct letter_text_key *, ltext_fn *, void *);

/* The texts in force, for composing letters. */
struct letter_texts {
	char	**name;		/* template names */
	char	**body;
	size_t	  n;
	const char *over_name;	/* a preview's candidate, or NULL */
	const char *over_body;
};

enum cm_err	 letter_texts_load(struct store *, struct letter_texts *);
void		 letter_texts_clear(struct letter_texts *);
void		 letter_texts_lookup(const struct letter_texts *,
		    struct template_lookup *);

#endif
