/* SPDX-License-Identifier: ISC */
/* Shared by ops/proactive*.c, ops/repeat.c and ops/fee.c; not an API. */
#ifndef OPS_PROACTIVE_INT_H
#define OPS_PROACTIVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/proactive.h"

struct store;

/* What px_refresh_one() does. */
enum refresh_mode {
	RF_KEYS,	/* identity and 文号 keys only; grouped later */
	RF_GROUP,	/* keys and the case's group */
	RF_TRIGGER	/* and the art. 44 trigger on that group */
};

/* The candidates of one MATCH expression (proactive_cache.c): case
 * ids in the order the query returns them, and whether each asks for
 * the applicant's own records (proactive_self_ref). */
struct px_cands {
	char		(*id)[37];
	unsigned char	*self_ref;
	size_t		 n;
};

struct px_cache;
struct px_text;
extern _Thread_local struct px_cache *px_cache_on;

struct px_cache	*px_cache_new(void);
void		 px_cache_free(struct px_cache *);
void		 px_cache_trim(struct px_cache *);
int		 px_cache_term(struct px_cache *, const char *term, int *docs);
void		 px_cache_term_put(struct px_cache *, const char *term,
		    int docs);
const struct px_cands *px_cache_cands(struct px_cache *, const char *expr);
void		 px_cache_cands_put(struct px_cache *, const char *expr,
		    struct px_cands *);
const struct px_text *px_cache_text(struct px_cache *, const char *case_id,
		    const char *request, const char *doc_number);
int		 px_memo_term(const char *term, int64_t top, int64_t slack,
		    int *docs);
void		 px_memo_term_put(const char *term, int64_t top, int docs);

struct buf;
enum cm_err	 px_rare_query(struct store *, const char *request,
		    struct buf *, size_t *);
enum cm_err	 px_refresh_one(struct store *,
		    const struct proactive_settings *, const char *key,
		    enum refresh_mode, const char *now);
enum cm_err	 px_group_tidy(struct store *, int64_t group);
enum cm_err	 px_group_trigger(struct store *,
		    const struct proactive_settings *, int64_t group,
		    const char *now);
char		*px_label_of(const char *request);
enum cm_err	 px_same_applicant_now(struct store *, const char *id_key,
		    const char *np_key, const char *month,
		    struct proactive_member **, size_t *);

#endif
