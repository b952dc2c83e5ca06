/* SPDX-License-Identifier: ISC */
/*
 * Art. 44 grouping: the hooks of the write operations (group a case
 * after its commit, or leave it to the upkeep), the trigger on a group,
 * and small helpers of ops/proactive_group.c (split from it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/similarity.h"
#include "cases/textfold.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Code points of a group label taken from a request. */
#define PX_LABEL_CHARS	60

/* The first PX_LABEL_CHARS characters of a request. */
char *
px_label_of(const char *request)
{
	uint32_t	*v;
	size_t		 n;
	struct buf	 b;

	n = px_u8_decode(request, &v);
	buf_init(&b);
	px_u8_encode(&b, v, n > PX_LABEL_CHARS ? PX_LABEL_CHARS : n);
	if (n > PX_LABEL_CHARS)
		buf_puts(&b, "…");
	free(v);
	return buf_release(&b);
}

/*
 * Drops a group that no longer groups anything: fewer than two members
 * and no proposal (beyond an undecided trigger one) or publication.
 */
enum cm_err
px_group_tidy(struct store *s, int64_t g)
{
	int		 members, props;
	enum cm_err	 e;

	if ((e = store_px_drop_stale(s, g)) != CM_OK)
		return e;
	if ((e = store_px_group_counts(s, g, &members, &props)) != CM_OK)
		return e == CM_NOTFOUND ? CM_OK : e;
	if (props == 0 && members < 2)
		return store_px_group_delete(s, g);
	return CM_OK;
}

/*
 * Evaluates the art. 44 trigger on a group and opens a proposal when it
 * is met, unless the group already has an open proposal or ever had a
 * trigger proposal (a declined one stays declined; the officer can
 * still record a publication with accept).
 */
enum cm_err
px_group_trigger(struct store *s, const struct proactive_settings *set,
    int64_t g, const char *now)
{
	struct buf		 r;
	int			 napp, trig, open, disclosed;
	enum cm_err		 e;

	/* A group with a proposal needs no count (issue 17: counting a
	 * large group's applicants first was most of a grouping's time). */
	if ((e = store_px_proposal_counts(s, g, &trig, &open)) != CM_OK)
		return e;
	if (trig > 0 || open > 0)
		return CM_OK;
	/* proactive_trigger_met() on the members, from the group's stored
	 * window count (issue 17: no member is loaded). */
	if ((e = store_px_group_window(s, g, &napp)) != CM_OK)
		return e == CM_NOTFOUND ? CM_OK : e;
	if (napp < set->threshold)
		return CM_OK;
	if ((e = store_px_group_disclosed(s, g, &disclosed)) != CM_OK ||
	    !disclosed)
		return e;
	buf_init(&r);
	buf_printf(&r, "%d个月内有%d位申请人申请公开同一政府信息，且已予以公开"
	    "或部分公开，建议纳入主动公开范围（《中华人民共和国政府信息公开条例》"
	    "第四十四条）", set->window_months, napp);
	e = store_px_proposal_new(s, g, "trigger", NULL, buf_str(&r), napp,
	    "system", now, NULL);
	buf_clear(&r);
	return e;
}

/*
 * Brings the grouping of one case up to date (its identity and 文号
 * keys, its group) and evaluates the art. 44 trigger on its group.
 * The hook for the lead: call it after case_new() commits, and after a
 * reply (case_act with ACT_REPLY) commits, so that a disclosure can
 * open a proposal; also when a request text or 文号 changes.  Runs in
 * its own transaction, or in a savepoint of the caller's.  A failure
 * here need not fail the intake: `proactive sync` (run by every
 * proactive and fee command) catches up.
 */
enum cm_err
proactive_refresh_case(struct store *s, const char *case_id)
{
	struct proactive_settings set;
	char			 now[32];
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK)
		return e;
	now_iso(now);
	e = px_refresh_one(s, &set, case_id, RF_TRIGGER, now);
	return store_px_end(s, outer, e);
}

/* Set while a server's upkeep thread groups the cases (see below). */
static volatile int px_deferred;

/*
 * With on, case_new() and case_act() store the case's keys only and leave
 * its grouping to proactive_sync() in the server's upkeep thread, so that
 * intake never waits for the search (tens of milliseconds at 50,000
 * cases); with off (the command line, tests), they group the case right
 * after their commit.  Set by web_start() when the upkeep runs.
 */
void
proactive_defer_grouping(int on)
{
	px_deferred = on;
}

/*
 * The Art. 44 work of a write operation on a case, after its commit:
 * the case's group and trigger, unless deferred to the upkeep.  A
 * failure is left to proactive_sync(); it does not fail the operation.
 */
void
proactive_after_write(struct store *s, const char *case_id)
{
	if (!px_deferred)
		(void)proactive_refresh_case(s, case_id);
}

/*
 * The Art. 44 work after an action that set an outcome (a reply that
 * may disclose), after its commit: a case grouped already needs only
 * its group's trigger evaluated; any other is grouped as after a write.
 */
void
proactive_after_outcome(struct store *s, const char *case_id)
{
	struct proactive_settings set;
	char			 now[32];
	int64_t			 g = 0;
	int			 outer, grouped;
	enum cm_err		 e;

	if (px_deferred)
		return;
	if (store_px_case_grouped(s, case_id, &grouped) != CM_OK ||
	    !grouped) {
		(void)proactive_refresh_case(s, case_id);
		return;
	}
	if (proactive_settings_get(s, &set) != CM_OK ||
	    store_px_begin(s, &outer) != CM_OK)
		return;
	now_iso(now);
	e = store_px_member_get(s, case_id, &g, NULL, 0);
	if (e == CM_OK)
		e = px_group_trigger(s, &set, g, now);
	else if (e == CM_NOTFOUND)
		e = CM_OK;
	(void)store_px_end(s, outer, e);
}

/*
 * The identity and 文号 keys of one case only (cheap: no search), inside
 * the caller's transaction; the case is left ungrouped for
 * proactive_sync() (the upkeep thread) or proactive_refresh_case().
 * Called by case_new(), so that views find the case's keys stored.
 */
enum cm_err
proactive_keys_case(struct store *s, const char *case_id)
{
	struct proactive_settings set;
	char			 now[32];

	memset(&set, 0, sizeof(set));
	now_iso(now);
	return px_refresh_one(s, &set, case_id, RF_KEYS, now);
}

/* How many cases wait to be grouped (proactive_sync in batches). */
enum cm_err
proactive_pending(struct store *s, int *n)
{
	return store_px_ungrouped(s, n);
}
