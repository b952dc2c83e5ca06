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
#include "util/buf.h"

struct store;

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

/* A letter composed but not yet typeset (store_lpending.c). */
struct letter_pending {
	char		 case_id[37];
	char		 kind[32];
	int		 version;
	char		*doc_number;
	char		*outcome;
	char		*created_by;
	char		*created_at;
	int		 attempts;
	char		*last_error;
	struct buf	 content;	/* util/doc.c doc_pack */
};

enum cm_err	 letter_pending_add(struct store *, const char *case_id,
		    const char *kind, const char *outcome,
		    const char *doc_number, const void *content, size_t len,
		    const char *actor, int *version);
enum cm_err	 letters_pending_list(struct store *, const char *case_id,
		    const char *now, size_t max, struct letter_pending **,
		    size_t *);
void		 letters_pending_track(struct store *, int on);
enum cm_err	 letters_pending_mine(struct store *, size_t max,
		    struct letter_pending **, size_t *);
enum cm_err	 letter_pending_get(struct store *, const char *case_id,
		    const char *kind, int version, struct letter_pending *);
void		 letter_pending_clear(struct letter_pending *);
void		 letter_pendings_free(struct letter_pending *, size_t);
enum cm_err	 letter_pending_settle(struct store *, const char *case_id,
		    const char *kind, int version, const void *pdf,
		    size_t len, char sha256[65], int *stored);
enum cm_err	 letter_pending_failed(struct store *, const char *case_id,
		    const char *kind, int version, const char *why,
		    const char *next_try);
enum cm_err	 letters_pending_count(struct store *, int64_t *n,
		    int64_t *failed, char **last_error);

enum cm_err	 setting_get(struct store *, const char *key, char **value);
enum cm_err	 setting_put(struct store *, const char *key,
		    const char *value);

#endif
