/* SPDX-License-Identifier: ISC */
/*
 * Art. 44 operations: the settings, an officer's link and unlink of two
 * requests, an applicant's own proposal (art. 44 para. 2), accepting a
 * proposal (recording the publication) or declining it, and the tags
 * of the 热点分析.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/codes.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/similarity.h"
#include "cases/textfold.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- Settings ------------------------------------------------------- */

/* Reads the three settings, with the defaults where unset or invalid. */
enum cm_err
proactive_settings_get(struct store *s, struct proactive_settings *p)
{
	char		*v = NULL, *end;
	long		 l;
	double		 d;
	enum cm_err	 e;

	p->threshold = PROACTIVE_THRESHOLD_DEFAULT;
	p->window_months = PROACTIVE_WINDOW_DEFAULT;
	p->similarity = PROACTIVE_SIMILARITY_DEFAULT;
	if ((e = setting_get(s, PROACTIVE_KEY_THRESHOLD, &v)) == CM_OK) {
		l = strtol(v, &end, 10);
		if (*end == '\0' && l >= 2 && l <= 1000)
			p->threshold = (int)l;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	if ((e = setting_get(s, PROACTIVE_KEY_WINDOW, &v)) == CM_OK) {
		l = strtol(v, &end, 10);
		if (*end == '\0' && l >= 1 && l <= 120)
			p->window_months = (int)l;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	if ((e = setting_get(s, PROACTIVE_KEY_SIMILARITY, &v)) == CM_OK) {
		d = strtod(v, &end);
		if (*end == '\0' && d >= 0.3 && d <= 1.0)
			p->similarity = d;
		free(v);
	} else if (e != CM_NOTFOUND)
		return e;
	return CM_OK;
}

/* Stores the three settings in one transaction (CM_INVALID when out of
 * range). */
enum cm_err
proactive_settings_put(struct store *s, const struct proactive_settings *p)
{
	char		 t[32];
	int		 outer;
	enum cm_err	 e;

	if (p->threshold < 2 || p->threshold > 1000 || p->window_months < 1 ||
	    p->window_months > 120 || !(p->similarity >= 0.3 &&
	    p->similarity <= 1.0))
		return CM_INVALID;
	/* One unit of work: a new window recounts every group's window
	 * count before the commit (the triggers of the stored counts). */
	if ((e = store_px_begin(s, &outer)) != CM_OK)
		return e;
	snprintf(t, sizeof(t), "%d", p->threshold);
	if ((e = setting_put(s, PROACTIVE_KEY_THRESHOLD, t)) == CM_OK) {
		snprintf(t, sizeof(t), "%d", p->window_months);
		e = setting_put(s, PROACTIVE_KEY_WINDOW, t);
	}
	if (e == CM_OK) {
		snprintf(t, sizeof(t), "%.2f", p->similarity);
		e = setting_put(s, PROACTIVE_KEY_SIMILARITY, t);
	}
	return store_px_end(s, outer, e);
}

/* Resolves two case keys to their UUIDs, in a < b order. */
static enum cm_err
two_cases(struct store *s, const char *ka, const char *kb, char a[37],
    char b[37], char *err, size_t errlen)
{
	struct proactive_member	 x, y;
	enum cm_err		 e;

	if ((e = store_px_case_row(s, ka, &x)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 %s (no such case)" :
		    "读取失败 (could not load %s)", ka);
		return e;
	}
	if ((e = store_px_case_row(s, kb, &y)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 %s (no such case)" :
		    "读取失败 (could not load %s)", kb);
		proactive_member_clear(&x);
		return e;
	}
	e = CM_OK;
	if (strcmp(x.case_id, y.case_id) == 0) {
		ERR("两个案件相同 (the two cases are the same)");
		e = CM_INVALID;
	} else if (strcmp(x.case_id, y.case_id) < 0) {
		memcpy(a, x.case_id, 37);
		memcpy(b, y.case_id, 37);
	} else {
		memcpy(a, y.case_id, 37);
		memcpy(b, x.case_id, 37);
	}
	proactive_member_clear(&x);
	proactive_member_clear(&y);
	return e;
}

/*
 * An officer's link: the two cases ask for the same information.  Puts
 * them in one group (merging their groups), records the link so that a
 * rebuild keeps it, and evaluates the trigger.
 */
enum cm_err
proactive_link(struct store *s, const char *ka, const char *kb,
    const char *actor, char *err, size_t errlen)
{
	struct proactive_settings set;
	char			 a[37], b[37], now[32];
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = two_cases(s, ka, kb, a, b, err, errlen)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = store_px_link_put(s, a, b, 0, actor, now)) != CM_OK ||
	    (e = px_refresh_one(s, &set, a, RF_GROUP, now)) != CM_OK ||
	    (e = px_refresh_one(s, &set, b, RF_TRIGGER, now)) != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	return store_px_end(s, outer, e);
}

/*
 * An officer's unlink: the two cases do not ask for the same
 * information.  Takes the second case out of the first one's group and
 * keeps them apart in every later grouping; the second case may join
 * another group it matches.
 */
enum cm_err
proactive_unlink(struct store *s, const char *ka, const char *kb,
    const char *actor, char *err, size_t errlen)
{
	struct proactive_settings set;
	struct proactive_member	 y;
	char			 a[37], b[37], now[32], how[16];
	int64_t			 ga = 0, gb = 0;
	int			 outer;
	enum cm_err		 e;

	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = two_cases(s, ka, kb, a, b, err, errlen)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = store_px_case_row(s, kb, &y)) != CM_OK)
		return store_px_end(s, outer, e);
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = store_px_link_put(s, a, b, 1, actor, now)) != CM_OK)
		goto out;
	if ((e = store_px_member_get(s, a, &ga, NULL, 0)) == CM_NOTFOUND)
		ga = 0;
	else if (e != CM_OK)
		goto out;
	if ((e = store_px_member_get(s, b, &gb, how, sizeof(how))) ==
	    CM_NOTFOUND)
		gb = 0;
	else if (e != CM_OK)
		goto out;
	e = CM_OK;
	if (ga != 0 && ga == gb) {
		if ((e = store_px_member_del(s, y.case_id)) != CM_OK ||
		    (e = px_group_tidy(s, ga)) != CM_OK ||
		    (e = px_refresh_one(s, &set, y.case_id, RF_TRIGGER, now)) !=
		    CM_OK)
			goto out;
	}
out:
	if (e != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	proactive_member_clear(&y);
	return store_px_end(s, outer, e);
}


/*
 * Records an applicant's proposal (art. 44 ¶2: information that affects
 * the public interest, needs wide awareness or public participation
 * should be published proactively).  The proposal opens on the group
 * of the applicant's case (a group of its own when it has none) and
 * goes through the same review as the trigger's.  *group gets the
 * group's id.
 */
enum cm_err
proactive_propose(struct store *s, const char *case_key, const char *reason,
    const char *actor, int64_t *group, char *err, size_t errlen)
{
	struct proactive_settings set;
	struct proactive_member	 c, *m = NULL;
	char			 now[32], gkey[64], *lab = NULL;
	size_t			 n = 0;
	int			 outer;
	enum cm_err		 e;

	*group = 0;
	memset(&c, 0, sizeof(c));
	if (reason == NULL || reason[0] == '\0') {
		ERR("请填写建议理由 (--reason is required)");
		return CM_INVALID;
	}
	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_case_row(s, case_key, &c)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		goto out;
	}
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = px_refresh_one(s, &set, c.case_id, RF_GROUP, now)) != CM_OK)
		goto fail;
	e = store_px_member_get(s, c.case_id, group, NULL, 0);
	if (e == CM_NOTFOUND) {
		snprintf(gkey, sizeof(gkey), "proposal:%s", c.number);
		lab = px_label_of(c.request);
		if ((e = store_px_group_new(s, gkey, lab, now, group)) !=
		    CM_OK ||
		    (e = store_px_member_put(s, c.case_id, *group,
		    proactive_match_names[PX_PROPOSAL], 0, now)) != CM_OK)
			goto fail;
	} else if (e != CM_OK)
		goto fail;
	if ((e = store_px_group_members(s, *group, &m, &n)) != CM_OK ||
	    (e = store_px_proposal_new(s, *group, "applicant", c.case_id,
	    reason, proactive_members_distinct(m, n), actor, now,
	    NULL)) != CM_OK)
		goto fail;
	goto out;
fail:
	ERR("保存失败 (could not save: %s)", store_errmsg(s));
out:
	proactive_members_free(m, n);
	proactive_member_clear(&c);
	free(lab);
	return store_px_end(s, outer, e);
}

/*
 * Accepts the open proposals of a group: records the proactive
 * publication (title, 文号, web column or URL, date published) and marks
 * them accepted.  Without an open proposal the officer's own decision
 * is recorded as one.  *publication gets the publication's id.
 */
enum cm_err
proactive_accept(struct store *s, int64_t group, const char *title,
    const char *doc_number, const char *location, const char *on,
    const char *actor, int64_t *publication, char *err, size_t errlen)
{
	struct proactive_member	*m = NULL;
	char			 now[32];
	size_t			 n = 0;
	int			 outer, day, changed = 0;
	enum cm_err		 e;

	*publication = 0;
	if (title == NULL || title[0] == '\0' || location == NULL ||
	    location[0] == '\0') {
		ERR("请填写公开信息的标题和公开位置 (--title and --where are "
		    "required)");
		return CM_INVALID;
	}
	if (on == NULL || date_parse(on, &day) != 0) {
		ERR("公开日期无效 (--on: a date YYYY-MM-DD)");
		return CM_INVALID;
	}
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_group_get(s, group, NULL, NULL, NULL, NULL)) !=
	    CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个分组 (no such group)" :
		    "读取失败 (could not load the group)");
		goto out;
	}
	if ((e = store_px_publication_new(s, group, title, doc_number,
	    location, on, actor, now, publication)) != CM_OK ||
	    (e = store_px_proposals_decide(s, group, "accepted", actor, now,
	    NULL, *publication, &changed)) != CM_OK)
		goto fail;
	if (changed == 0) {
		if ((e = store_px_group_members(s, group, &m, &n)) != CM_OK ||
		    (e = store_px_proposal_new(s, group, "officer", NULL, "",
		    proactive_members_distinct(m, n), actor, now,
		    NULL)) != CM_OK ||
		    (e = store_px_proposals_decide(s, group, "accepted",
		    actor, now, NULL, *publication, &changed)) != CM_OK)
			goto fail;
	}
	goto out;
fail:
	ERR("保存失败 (could not save: %s)", store_errmsg(s));
out:
	proactive_members_free(m, n);
	return store_px_end(s, outer, e);
}

/* Declines the open proposals of a group with the officer's reason;
 * CM_CONFLICT when none is open. */
enum cm_err
proactive_decline(struct store *s, int64_t group, const char *reason,
    const char *actor, char *err, size_t errlen)
{
	char		 now[32];
	int		 outer, changed = 0;
	enum cm_err	 e;

	if (reason == NULL || reason[0] == '\0') {
		ERR("请填写不予采纳的理由 (--reason is required)");
		return CM_INVALID;
	}
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	now_iso(now);
	if ((e = store_px_group_get(s, group, NULL, NULL, NULL, NULL)) !=
	    CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个分组 (no such group)" :
		    "读取失败 (could not load the group)");
		return store_px_end(s, outer, e);
	}
	if ((e = store_px_proposals_decide(s, group, "declined", actor, now,
	    reason, 0, &changed)) != CM_OK)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	else if (changed == 0) {
		ERR("该分组没有待审核的主动公开建议 (no open proposal)");
		e = CM_CONFLICT;
	}
	return store_px_end(s, outer, e);
}

/* ---- 热点分析 ------------------------------------------------------------ */

/*
 * Adds (or with remove, takes away) an officer's tag on a case; tags
 * are 1-20 characters of text without control characters (checked by
 * the caller's validator).
 */
enum cm_err
proactive_tag(struct store *s, const char *case_key, const char *tag,
    int remove, const char *actor, char *err, size_t errlen)
{
	struct proactive_member	 c;
	char			 now[32];
	int			 changed = 0;
	enum cm_err		 e;

	if (tag == NULL || tag[0] == '\0' ||
	    utf8_count(tag, strlen(tag)) > LIM_TAG_CHARS) {
		ERR("标签应为1至" LIM_STR(LIM_TAG_CHARS) "个字 (a tag is 1-"
		    LIM_STR(LIM_TAG_CHARS) " characters)");
		return CM_INVALID;
	}
	if ((e = store_px_case_row(s, case_key, &c)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		return e;
	}
	now_iso(now);
	if (remove) {
		e = store_px_tag_del(s, c.case_id, tag, &changed);
		if (e == CM_OK && changed == 0) {
			ERR("该案件没有这个标签 (the case has no such tag)");
			e = CM_NOTFOUND;
		}
	} else
		e = store_px_tag_put(s, c.case_id, tag, actor, now);
	if (e != CM_OK && e != CM_NOTFOUND)
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
	proactive_member_clear(&c);
	return e;
}
