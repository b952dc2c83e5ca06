/* SPDX-License-Identifier: ISC */
/*
 * The tamper-evident event log: every event carries the SHA-256 of its
 * own fields chained with the hash of the event before it (by insertion
 * order across all cases), and the head of the chain is kept beside it.
 * Editing, inserting or deleting any event breaks the chain from that
 * point on; `foidesk audit verify` finds where.
 */
#ifndef CASES_CHAIN_H
#define CASES_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"

struct store;
struct event_rec;

#define CHAIN_HEXLEN	65

void		 chain_hash(const char *prev, const char *case_id,
		    const struct event_rec *, char out[CHAIN_HEXLEN]);

/* Result of a verification. */
struct chain_report {
	int64_t	 events;		/* events checked */
	int64_t	 last_id;		/* id of the newest event */
	int64_t	 bad_id;		/* first event whose hash fails, or 0 */
	char	 bad_case[64];		/* its case number */
	int	 bad_seq;
	int	 head_ok;		/* the stored head matches */
	int	 head_missing;		/* events exist, no head stored */
	char	 head[CHAIN_HEXLEN];	/* the recomputed head hash */
};

enum cm_err	 chain_verify(struct store *, struct chain_report *);

/*
 * The anchor of the chain, to keep outside the database: one line
 * "foidesk-anchor events=N last=ID head=HASH at=TIME" (TIME: now, ISO
 * 8601).  CM_CONFLICT (with *r saying why) when the chain is broken.
 */
#define CHAIN_ANCHOR_MAX	192
enum cm_err	 chain_anchor(struct store *, const char *now,
		    struct chain_report *r, char out[CHAIN_ANCHOR_MAX]);

#endif
