/* SPDX-License-Identifier: ISC */
/*
 * Storage for ops/proactive*.c, ops/repeat.c and ops/fee.c (the tables
 * of the proactive-disclosure migration): per-case identity and 文号
 * keys, groups and their members, officers' links, proposals,
 * publications, tags and fee computations.  Implemented in
 * store/store_proactive.c (SM_PROACTIVE) and store/store_px_pubs.c
 * (SM_PXPUB) on top of store/store_int.h.  Arrays returned here
 * belong to the caller, with the free function named in each contract.
 */
#ifndef STORE_STORE_PROACTIVE_H
#define STORE_STORE_PROACTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/date.h"
#include "cases/err.h"

struct store;
struct px_docref;
struct proactive_member;
struct proactive_proposal;
struct proactive_pub;
struct fee_totals;

/* Which case ids store_px_case_ids() lists. */
enum px_ids { PX_IDS_ALL, PX_IDS_NOKEYS, PX_IDS_UNGROUPED };

/* An officer's decision on a pair of cases. */
struct px_link {
	char	 other[37];
	int	 unlink;		/* 1: "not the same information" */
};

/* A 文号 of another case with the same tail. */
struct px_docrow {
	char	 case_id[37];
	char	*prefix;
};

/* An item-fee computation of an earlier case of the month. */
struct px_feerow {
	char	*id_key;
	char	*np_key;
	char	*name_key;
	int	 last_unit;
};

/* A member joining a group, for the incremental update of the group's
 * counts (store/store_pxcount.c). */
struct px_join {
	int64_t	 group;
	int	 apply;			/* 1: update incrementally */
	int	 n_members;		/* the group's counts before */
	int	 n_applicants;
	int	 n_window;
	char	 last_received[DATE_STRLEN];
	char	 received[DATE_STRLEN];	/* the member's */
	char	*id_key;
	char	*np_key;
	char	*name_key;
};

enum cm_err	 store_px_join_prepare(struct store *, const char *case_id,
		    int64_t group, struct px_join *);
enum cm_err	 store_px_join_apply(struct store *, struct px_join *);
void		 store_px_join_clear(struct px_join *);
unsigned long	 store_px_recounts(void);
unsigned long	 store_px_class_writes(void);

enum cm_err	 store_px_begin(struct store *, int *outer);
enum cm_err	 store_px_end(struct store *, int outer, enum cm_err);

enum cm_err	 store_px_keys_put(struct store *, const char *case_id,
		    const char *id_key, const char *np_key,
		    const char *name_key, const char *month, const char *now,
		    int grouped);
enum cm_err	 store_px_docrefs_set(struct store *, const char *case_id,
		    const struct px_docref *, size_t);
enum cm_err	 store_px_docs_by_tail(struct store *, const char *tail,
		    const char *exclude, struct px_docrow **, size_t *);
void		 store_px_docrows_free(struct px_docrow *, size_t);
enum cm_err	 store_px_fts(struct store *, const char *match, int limit,
		    const char *exclude, struct proactive_member **, size_t *);
enum cm_err	 store_px_case_ids(struct store *, enum px_ids, int limit,
		    char ***, size_t *);
enum cm_err	 store_px_ungrouped(struct store *, int *);
enum cm_err	 store_px_term_docs(struct store *, const char *term,
		    int window, int *docs);
enum cm_err	 store_px_term_count(struct store *, const char *term,
		    int64_t top, int window, int cap, int *docs);
enum cm_err	 store_px_fts_top(struct store *, int64_t *);
void		 store_px_ids_free(char **, size_t);
enum cm_err	 store_px_case_row(struct store *, const char *key,
		    struct proactive_member *);
enum cm_err	 store_px_same_applicant(struct store *, const char *id_key,
		    const char *np_key, const char *month,
		    struct proactive_member **, size_t *);
enum cm_err	 store_px_stale_members(struct store *, const char *month,
		    struct proactive_member **, size_t *);

enum cm_err	 store_px_work_waiting(struct store *, int *any);
enum cm_err	 store_px_case_grouped(struct store *, const char *case_id,
		    int *grouped);
enum cm_err	 store_px_member_get(struct store *, const char *case_id,
		    int64_t *group, char *how, size_t howlen);
enum cm_err	 store_px_member_put(struct store *, const char *case_id,
		    int64_t group, const char *how, double score,
		    const char *now);
enum cm_err	 store_px_member_del(struct store *, const char *case_id);
enum cm_err	 store_px_group_new(struct store *, const char *key,
		    const char *label, const char *now, int64_t *group);
enum cm_err	 store_px_group_set(struct store *, int64_t group,
		    const char *key, const char *label, const char *now);
enum cm_err	 store_px_group_merge(struct store *, int64_t from,
		    int64_t to, const char *now);
enum cm_err	 store_px_group_counts(struct store *, int64_t group,
		    int *members, int *proposals);
enum cm_err	 store_px_group_delete(struct store *, int64_t group);
enum cm_err	 store_px_group_get(struct store *, int64_t group, char **key,
		    char **label, char **created, char **updated);
enum cm_err	 store_px_group_members(struct store *, int64_t group,
		    struct proactive_member **, size_t *);
enum cm_err	 store_px_group_ids(struct store *, int64_t **, size_t *);
enum cm_err	 store_px_group_head(struct store *, int64_t group, int limit,
		    struct proactive_member **, size_t *);
enum cm_err	 store_px_group_window(struct store *, int64_t group, int *);
enum cm_err	 store_px_group_disclosed(struct store *, int64_t group,
		    int *);
enum cm_err	 store_px_group_page(struct store *, const char *status,
		    int min_applicants, int64_t after, int limit,
		    struct px_group_sum **, size_t *);
enum cm_err	 store_px_max_group(struct store *, int64_t *);
enum cm_err	 store_px_prune_groups(struct store *);
enum cm_err	 store_px_veto_case(struct store *, const char *case_id,
		    int64_t group, int *veto);
enum cm_err	 store_px_veto_groups(struct store *, int64_t a, int64_t b,
		    int *veto);
enum cm_err	 store_px_link_put(struct store *, const char *a,
		    const char *b, int unlink, const char *actor,
		    const char *now);
enum cm_err	 store_px_links_of(struct store *, const char *case_id,
		    struct px_link **, size_t *);
enum cm_err	 store_px_clear_derived(struct store *);
enum cm_err	 store_px_memberships(struct store *, char ***cases,
		    int64_t **groups, size_t *);
enum cm_err	 store_px_proposers(struct store *, int64_t group, char ***,
		    size_t *);

enum cm_err	 store_px_proposal_new(struct store *, int64_t group,
		    const char *source, const char *case_id,
		    const char *reason, int applicants, const char *actor,
		    const char *now, int64_t *id);
enum cm_err	 store_px_proposals(struct store *, int64_t group,
		    struct proactive_proposal **, size_t *);
void		 store_px_proposals_free(struct proactive_proposal *, size_t);
enum cm_err	 store_px_proposal_counts(struct store *, int64_t group,
		    int *trigger, int *open);
enum cm_err	 store_px_proposals_decide(struct store *, int64_t group,
		    const char *status, const char *actor, const char *now,
		    const char *reason, int64_t publication, int *changed);
enum cm_err	 store_px_open_count(struct store *, int *);
enum cm_err	 store_px_drop_stale(struct store *, int64_t group);
enum cm_err	 store_px_publication_new(struct store *, int64_t group,
		    const char *title, const char *doc_number,
		    const char *location, const char *on, const char *actor,
		    const char *now, int64_t *id);
enum cm_err	 store_px_publications(struct store *, int64_t group,
		    const char *from, const char *to,
		    struct proactive_pub **, size_t *);
enum cm_err	 store_px_publications_count(struct store *, const char *from,
		    const char *to, int *);

enum cm_err	 store_px_tag_put(struct store *, const char *case_id,
		    const char *tag, const char *actor, const char *now);
enum cm_err	 store_px_tag_del(struct store *, const char *case_id,
		    const char *tag, int *changed);
enum cm_err	 store_px_year_cases(struct store *, const char *from,
		    const char *to, struct proactive_member **, size_t *);
enum cm_err	 store_px_year_tags(struct store *, const char *from,
		    const char *to, struct px_tagrow **, size_t *);
void		 store_px_tagrows_free(struct px_tagrow *, size_t);
enum cm_err	 store_px_dept_names(struct store *, char ***, size_t *);
enum cm_err	 store_px_case_tags(struct store *, const char *case_id,
		    char ***, size_t *);

enum cm_err	 store_px_fee_put(struct store *, const char *case_id,
		    const char *method, int count, int first, int last,
		    int64_t amount, const char *computation, const char *actor,
		    const char *now);
enum cm_err	 store_px_fee_rows(struct store *, const char *month,
		    const char *id_key, const char *np_key,
		    const char *exclude, struct px_feerow **, size_t *);
void		 store_px_feerows_free(struct px_feerow *, size_t);
enum cm_err	 store_px_fee_totals(struct store *, const char *from,
		    const char *to, struct fee_totals *);
enum cm_err	 store_px_reply_docnum(struct store *, const char *case_id,
		    char **);

#endif
