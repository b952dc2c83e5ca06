/* SPDX-License-Identifier: ISC */
/*
 * Art. 44 on the store (ops/proactive.c, proactive_group.c,
 * proactive_list.c): the settings, grouping a case (the write
 * operations and the upkeep thread), the officer's operations, and
 * reading groups, counts, publications and the 热点分析.  The pure part
 * is cases/proactive.h.
 */
#ifndef OPS_PROACTIVE_H
#define OPS_PROACTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/proactive.h"

struct store;

enum cm_err	 proactive_settings_get(struct store *,
		    struct proactive_settings *);
enum cm_err	 proactive_settings_put(struct store *,
		    const struct proactive_settings *);
enum cm_err	 proactive_refresh_case(struct store *, const char *case_id);
void		 proactive_after_outcome(struct store *, const char *case_id);
enum cm_err	 proactive_keys_case(struct store *, const char *case_id);
void		 proactive_defer_grouping(int on);
void		 proactive_after_write(struct store *, const char *case_id);
enum cm_err	 proactive_sync(struct store *, int batch, int *grouped,
		    int *pending);
enum cm_err	 proactive_pending(struct store *, int *n);
enum cm_err	 proactive_rebuild(struct store *, int *cases, int *groups);
enum cm_err	 proactive_link(struct store *, const char *a, const char *b,
		    const char *actor, char *err, size_t errlen);
enum cm_err	 proactive_unlink(struct store *, const char *a,
		    const char *b, const char *actor, char *err,
		    size_t errlen);
enum cm_err	 proactive_propose(struct store *, const char *case_key,
		    const char *reason, const char *actor, int64_t *group,
		    char *err, size_t errlen);
enum cm_err	 proactive_accept(struct store *, int64_t group,
		    const char *title, const char *doc_number,
		    const char *location, const char *on, const char *actor,
		    int64_t *publication, char *err, size_t errlen);
enum cm_err	 proactive_decline(struct store *, int64_t group,
		    const char *reason, const char *actor, char *err,
		    size_t errlen);
enum cm_err	 proactive_groups_load(struct store *,
		    const struct proactive_filter *,
		    struct proactive_group **, size_t *);
enum cm_err	 proactive_groups_page(struct store *,
		    const struct proactive_filter *, int64_t after, int limit,
		    struct px_group_sum **, size_t *);
enum cm_err	 proactive_open_count(struct store *, int *n);
enum cm_err	 proactive_open_count_now(struct store *, int *n);
enum cm_err	 proactive_accepted_count(struct store *, int year, int *n);
enum cm_err	 proactive_publications(struct store *, int year,
		    struct proactive_pub **, size_t *);
enum cm_err	 proactive_tag(struct store *, const char *case_key,
		    const char *tag, int remove, const char *actor,
		    char *err, size_t errlen);
enum cm_err	 proactive_case_tags(struct store *, const char *case_key,
		    char ***, size_t *);
enum cm_err	 proactive_hotspots(struct store *, int year, size_t nterms,
		    struct px_hotspots *);

#endif
