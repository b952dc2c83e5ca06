/* SPDX-License-Identifier: ISC */
/*
 * What the case keeps of its letters: every generated PDF, immutable
 * (SHA-256 and timestamp; regenerating adds a version), the document
 * numbers (发文字号) allocated once per case and kind in one sequence
 * per year, and the case-specific paragraphs officers enter (reasons,
 * how to obtain, correction items ...) that the letters merge in.
 */
#ifndef STORE_LETTERS_H
#define STORE_LETTERS_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/view.h"

struct store;
struct buf;

struct letter_info {
	int64_t	 id;
	char	 kind[32];
	int	 version;
	char	*doc_number;
	char	*outcome;
	char	 sha256[65];
	int64_t	 size;
	char	*created_by;
	char	*created_at;
};

/* The keys officers may set on a case (the case-specific merge
 * fields of forms/letter.c), NULL-terminated. */
extern const char *const case_text_keys[];

int		 case_text_key_valid(const char *);
enum cm_err	 case_text_set(struct store *, const char *case_id,
		    const char *key, const char *value, const char *actor);
enum cm_err	 case_texts_get(struct store *, const char *case_id,
		    struct case_text **, size_t *);
void		 case_texts_free(struct case_text *, size_t);

enum cm_err	 docnum_get_or_alloc(struct store *, const char *case_id,
		    const char *kind, int year, const char *code,
		    char *out, size_t outlen);
enum cm_err	 letter_save(struct store *, const char *case_id,
		    const char *kind, const char *outcome,
		    const char *doc_number, const void *pdf, size_t len,
		    const char *actor, int *version, char sha256[65]);
enum cm_err	 letters_list(struct store *, const char *case_id,
		    struct letter_info **, size_t *);
void		 letter_infos_free(struct letter_info *, size_t);
enum cm_err	 letter_fetch(struct store *, const char *case_id,
		    const char *kind, int version, struct buf *pdf,
		    struct letter_info *);
void		 letter_info_clear(struct letter_info *);

enum cm_err	 setting_get(struct store *, const char *key, char **value);
enum cm_err	 setting_put(struct store *, const char *key,
		    const char *value);

#endif
