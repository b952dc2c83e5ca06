/* SPDX-License-Identifier: ISC */
/*
 * Frequently requested information → proactive disclosure (Reg. art.
 * 44): requests for the same information are grouped (the same 文号
 * after normalisation, near-duplicate request texts, or an officer's
 * link); a group that reaches N distinct applicants within a window of
 * months, with at least one disclosed or partial reply, gets a proposal
 * to publish the information proactively; an applicant's own proposal
 * (art. 44 ¶2) goes through the same review; accepted proposals record
 * where and when the information was published and are counted for
 * the annual report.  Also the tags and key terms of the 热点分析.
 * Everything declared here is pure; the store side (grouping, the
 * officer's operations, listing) is ops/proactive.h.
 */
#ifndef CASES_PROACTIVE_H
#define CASES_PROACTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/codes.h"
#include "cases/date.h"
#include "cases/err.h"

struct json;
struct buf;

/* Settings (keys of the settings table) and their defaults. */
#define PROACTIVE_KEY_THRESHOLD		"proactive_threshold"
#define PROACTIVE_KEY_WINDOW		"proactive_window_months"
#define PROACTIVE_KEY_SIMILARITY	"proactive_similarity"
#define PROACTIVE_THRESHOLD_DEFAULT	3
#define PROACTIVE_WINDOW_DEFAULT	12
#define PROACTIVE_SIMILARITY_DEFAULT	0.6

struct proactive_settings {
	int	 threshold;		/* distinct applicants, 2..1000 */
	int	 window_months;		/* 1..120 */
	double	 similarity;		/* bigram Dice, 0.3..1.0 */
};

/* How two requests were found to ask for the same information. */
enum px_match { PX_NONE, PX_DOC, PX_TEXT, PX_LINK, PX_PROPOSAL, PX__MAX };
extern const char *const proactive_match_names[PX__MAX];

/* A 文号 split into the issuer's code and "〔2024〕15号". */
struct px_docref {
	char	*prefix;	/* "示范教发"; "" when none */
	char	*tail;		/* "〔2024〕15号", or the whole cleaned text */
};

/* Who an applicant is, for "the same applicant" (similarity.h). */
struct px_ident {
	const char	*id_key;	/* normalised ID number or NULL */
	const char	*np_key;	/* normalised name|phone or NULL */
	const char	*name_key;	/* normalised name ("" when none) */
};

/* A member of a group (or any case row the module loads). */
struct proactive_member {
	char	 case_id[37];
	char	*number;
	char	 received[DATE_STRLEN];
	char	 closed_on[DATE_STRLEN];
	char	*request;
	char	*doc_number;
	char	*outcome;		/* NULL while open */
	char	*applicant;
	char	*applicant_type;
	char	*id_key;
	char	*np_key;
	char	*name_key;
	char	*how;			/* doc, text, link, proposal; NULL */
	double	 score;
};

struct proactive_proposal {
	int64_t	 id;
	int64_t	 group_id;
	char	*source;		/* trigger | applicant | officer */
	char	*case_number;		/* the proposer's case (applicant) */
	char	*reason;
	int	 applicants;		/* distinct applicants when opened */
	char	*status;		/* open | accepted | declined */
	char	*opened_at;
	char	*opened_by;
	char	*decided_at;
	char	*decided_by;
	char	*decline_reason;
	int64_t	 publication_id;	/* 0 when none */
};

/* A proactive publication recorded when a proposal is accepted. */
struct proactive_pub {
	int64_t	 id;
	int64_t	 group_id;		/* 0 when the group is gone */
	char	*title;
	char	*doc_number;
	char	*location;		/* web column or URL */
	char	 published_on[DATE_STRLEN];
	char	*recorded_by;
	char	*recorded_at;
};

struct proactive_group {
	int64_t			 id;
	char			*key;		/* doc:…, text:NUMBER, … */
	char			*label;
	char			*created_at;
	char			*updated_at;
	int			 applicants;	/* distinct */
	struct proactive_member	*m;
	size_t			 nm;
	struct proactive_proposal *p;
	size_t			 np;
	struct proactive_pub	*pub;
	size_t			 npub;
	const char		*status;	/* NULL | open | accepted | declined */
};

/* A group as listed, from its stored counts (proactive_groups_page). */
struct px_group_sum {
	int64_t		 id;
	char		*key;
	char		*label;
	int		 cases;
	int		 applicants;	/* distinct */
	char		 last_received[DATE_STRLEN];	/* "" when none */
	const char	*status;	/* NULL | open | accepted | declined */
	int		 window;	/* most distinct applicants in one
					 * window of the art. 44 trigger */
};

/* Filter for proactive_groups_load(); zeroed = every group. */
struct proactive_filter {
	const char	*status;	/* open | accepted | declined | none */
	int		 min_applicants;
	int64_t		 group_id;	/* 0: all */
	const char	*case_id;	/* only the group of this case */
};

/* One row of the 热点分析: requests by month and by applicant type. */
struct px_hot_row {
	char	*name;
	int	 total;
	int	 month[12];
	int	 type[APPL__MAX];
	char	**cases;	/* the numbers of the cases counted */
	int	 *cmonth;	/* and the month each was received, 1-12 */
	size_t	 ncases;
};

/* A tag of a case in a year (hot-spot analysis). */
struct px_tagrow {
	char	 case_id[37];
	char	*tag;
};

struct px_hotspots {
	int			 year;
	struct px_hot_row	 all;
	struct px_hot_row	*tags;
	size_t			 ntags;
	struct px_hot_row	*terms;
	size_t			 nterms;
};

/* Flags of proactive_fold(). */
#define PX_FOLD_LOWER	0x01	/* ASCII letters to lower case */
#define PX_FOLD_UPPER	0x02	/* ASCII letters to upper case */
#define PX_FOLD_NOSPACE	0x04	/* drop white space */
#define PX_FOLD_NOPUNCT	0x08	/* drop punctuation (ASCII and CJK) */

/* textfold.c, docref.c, similarity.c, proactive.c: pure text functions. */
char		*proactive_fold(const char *, int flags);
char		*proactive_doc_key(const char *doc_number);
size_t		 proactive_docrefs(const char *doc_number, const char *request,
		    struct px_docref **);
void		 proactive_docrefs_free(struct px_docref *, size_t);
int		 proactive_docref_query(const char *, struct px_docref *);
int		 proactive_docref_match(const struct px_docref *,
		    const struct px_docref *);
double		 proactive_similarity(const char *a, const char *b);
enum px_match	 proactive_same_info(const char *req_a, const char *doc_a,
		    const char *req_b, const char *doc_b, double threshold,
		    double *score);
size_t		 proactive_match_query(const char *request, struct buf *);
int		 proactive_self_ref(const char *request);
int		 proactive_months_back(int day, int months);
int		 proactive_same_loose(const struct px_ident *,
		    const struct px_ident *);
int		 proactive_distinct_applicants(const struct px_ident *,
		    size_t n);
void		 proactive_applicant_classes(const struct px_ident *,
		    size_t n, size_t *p);
int		 proactive_trigger_met(const struct proactive_member *,
		    size_t n, int threshold, int window_months,
		    int *applicants);

/* proactive.c: records, JSON and CSV. */
void		 proactive_groups_free(struct proactive_group *, size_t);
void		 proactive_group_json(const struct proactive_group *,
		    struct json *);
void		 proactive_proposals_free(struct proactive_proposal *,
		    size_t);
void		 proactive_pubs_free(struct proactive_pub *, size_t);
void		 proactive_pub_json(const struct proactive_pub *,
		    struct json *);
void		 proactive_hotspots_count(struct px_hotspots *,
		    struct proactive_member *, size_t n,
		    const struct px_tagrow *, size_t nt, size_t nterms,
		    const char *const *names, size_t nnames);
void		 proactive_hotspots_clear(struct px_hotspots *);
const struct px_hot_row *proactive_hotspots_find(const struct px_hotspots *,
		    const char *kind, const char *name);
void		 proactive_hotspots_json(const struct px_hotspots *,
		    struct json *);
void		 proactive_hotspots_csv(const struct px_hotspots *,
		    struct buf *);
void		 proactive_member_clear(struct proactive_member *);
int		 proactive_members_distinct(const struct proactive_member *,
		    size_t n);
void		 proactive_group_clear(struct proactive_group *);
const char	*proactive_group_status(const struct proactive_group *);
int		 proactive_group_wanted(const struct proactive_group *,
		    const struct proactive_filter *);
void		 proactive_members_free(struct proactive_member *, size_t);
void		 proactive_group_sums_free(struct px_group_sum *, size_t);
void		 proactive_group_sum_json(const struct px_group_sum *,
		    struct json *);

#endif
