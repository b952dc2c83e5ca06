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
	/* In: an anchor's last event id (0: none).  Out: whether the walk
	 * met it, the events up to and including it, and the recomputed
	 * hash there: what the anchor must still say. */
	int64_t	 probe_id;
	int	 probe_found;
	int64_t	 probe_count;
	char	 probe_hash[CHAIN_HEXLEN];
};

enum cm_err	 chain_verify(struct store *, struct chain_report *);

/*
 * The anchor of both chains, to keep outside the database: one line
 * "foidesk-anchor events=N last=ID head=HASH audit=M audit_last=ID
 * audit_head=HASH at=TIME" (TIME: now, ISO 8601).  CM_CONFLICT (with *r
 * and *ar saying why) when either chain is broken.
 */
#define CHAIN_ANCHOR_MAX	384
struct audit_chain_report;
enum cm_err	 chain_anchor(struct store *, const char *now,
		    struct chain_report *r, struct audit_chain_report *ar,
		    char out[CHAIN_ANCHOR_MAX]);

/* An anchor line read back (audit_* are 0/"" in a line written before
 * the audit chain joined it). */
struct chain_anchor {
	int64_t	 events, last;
	char	 head[CHAIN_HEXLEN];
	int64_t	 audit, audit_last;
	char	 audit_head[CHAIN_HEXLEN];
	char	 at[40];
};

/* Parses one anchor line; 0 on success, -1 when it is not one. */
int		 chain_anchor_parse(const char *, struct chain_anchor *);

/*
 * The audit table's own chain (issue 16): each audit row's hash covers
 * the previous row's hash, its id and every field; the store seals the
 * rows a transaction wrote (by its code or by the audit triggers) just
 * before the commit and records the head ("<id> <hash>") in the setting
 * audit_chain_head.  Rows after the head with no hash yet (written
 * outside the program) are counted as pending, not as damage.
 */
void		 chain_audit_hash(const char *prev, int64_t id, const char *at,
		    const char *actor, const char *addr, const char *action,
		    const char *object, const char *detail,
		    char out[CHAIN_HEXLEN]);

struct audit_chain_report {
	int64_t	 rows;			/* sealed rows checked */
	int64_t	 pending;		/* rows after the head, not sealed */
	int64_t	 last_id;		/* id of the newest sealed row */
	int64_t	 bad_id;		/* first row whose hash fails, or 0 */
	int	 head_ok;		/* the stored head matches */
	int	 head_missing;		/* sealed rows exist, no head */
	char	 head[CHAIN_HEXLEN];	/* the recomputed head hash */
	int64_t	 probe_id;		/* as in struct chain_report */
	int	 probe_found;
	int64_t	 probe_count;
	char	 probe_hash[CHAIN_HEXLEN];
};

enum cm_err	 audit_chain_verify(struct store *,
		    struct audit_chain_report *);

#endif
