/* SPDX-License-Identifier: ISC */
/*
 * Repeat requests (Reg. art. 36(6)) on the store: the earlier, answered
 * requests of the same applicant for the same information (the keys and
 * groups of ops/proactive_group.c), and citing one of them in the
 * not_processed.repeat letter through the case text earlier_reply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/similarity.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "ops/repeat.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

static int
hit_cmp(const void *pa, const void *pb)
{
	const struct repeat_hit	*a = pa, *b = pb;
	int			 c;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if ((c = strcmp(b->received, a->received)) != 0)
		return c;
	return strcmp(b->number, a->number);
}

/* Whether earlier (received, number) comes before the case's. */
static int
before(const char *recv, const char *num, const struct case_rec *r)
{
	int	 c;

	if ((c = strcmp(recv, r->received)) != 0)
		return c < 0;
	return strcmp(num, r->number) < 0;
}

/* Whether two optional keys are both set and equal. */
static int
key_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/*
 * The cases of the same applicant keys (store_px_same_applicant) as
 * they are now: a case whose stored keys are stale is taken with its
 * keys computed in memory (store_px_stale_members), so that a view
 * finds new and corrected cases without writing their keys.
 */
enum cm_err
px_same_applicant_now(struct store *s, const char *id_key,
    const char *np_key, const char *month, struct proactive_member **out,
    size_t *np)
{
	struct proactive_member	*m = NULL, *st = NULL;
	size_t			 n = 0, ns = 0, i, j, k;
	enum cm_err		 e;

	*out = NULL;
	*np = 0;
	if ((e = store_px_same_applicant(s, id_key, np_key, month, &m,
	    &n)) != CM_OK)
		return e;
	if ((e = store_px_stale_members(s, month, &st, &ns)) != CM_OK) {
		proactive_members_free(m, n);
		return e;
	}
	/* Drops the stored rows of stale cases ... */
	for (i = k = 0; i < n; i++) {
		for (j = 0; j < ns; j++)
			if (strcmp(m[i].case_id, st[j].case_id) == 0)
				break;
		if (j < ns)
			proactive_member_clear(&m[i]);
		else
			m[k++] = m[i];
	}
	/* ... and adds them back if their keys as now still match. */
	m = xrealloc(m, (k + ns + 1) * sizeof(*m));
	for (j = 0; j < ns; j++) {
		if (key_eq(st[j].id_key, id_key) ||
		    key_eq(st[j].np_key, np_key))
			m[k++] = st[j];
		else
			proactive_member_clear(&st[j]);
	}
	free(st);
	*out = m;
	*np = k;
	return CM_OK;
}

/*
 * Lists the earlier requests of the same applicant for the same
 * information that were answered (repeat_outcome_answered), best match
 * first, with the 答复书 document number where one was issued.  For
 * intake and review: a hit means the request may be a repeat (art.
 * 36(6)); the officer decides.  Read-only: keys not yet stored are
 * computed in memory (px_same_applicant_now).  The caller frees *out
 * with repeat_hits_free().
 */
enum cm_err
repeat_find(struct store *s, const char *case_key, struct repeat_hit **out,
    size_t *np)
{
	struct proactive_settings set;
	struct case_rec		 r;
	struct proactive_member	*m = NULL;
	struct px_link		*l = NULL;
	struct repeat_hit	*h = NULL, *x;
	struct px_ident		 a, b;
	char			*id_key, *np_key, *name_key;
	size_t			 n = 0, nl = 0, nh = 0, i, k;
	int			 linked, vetoed;
	enum px_match		 how;
	double			 score;
	enum cm_err		 e;

	*out = NULL;
	*np = 0;
	if ((e = proactive_settings_get(s, &set)) != CM_OK)
		return e;
	if ((e = store_case_get(s, case_key, &r)) != CM_OK)
		return e;
	id_key = repeat_id_key(r.appl.id_number);
	np_key = repeat_np_key(r.appl.name, r.appl.phone);
	name_key = repeat_name_key(r.appl.name);
	if (id_key == NULL && np_key == NULL)
		goto done;
	if ((e = px_same_applicant_now(s, id_key, np_key, NULL, &m,
	    &n)) != CM_OK ||
	    (e = store_px_links_of(s, r.id, &l, &nl)) != CM_OK)
		goto done;
	a.id_key = id_key;
	a.np_key = np_key;
	a.name_key = name_key;
	for (i = 0; i < n; i++) {
		b.id_key = m[i].id_key;
		b.np_key = m[i].np_key;
		b.name_key = m[i].name_key;
		if (strcmp(m[i].case_id, r.id) == 0 ||
		    !repeat_same_applicant(&a, &b) ||
		    !before(m[i].received, m[i].number, &r) ||
		    !repeat_outcome_answered(m[i].outcome))
			continue;
		linked = vetoed = 0;
		for (k = 0; k < nl; k++)
			if (strcmp(l[k].other, m[i].case_id) == 0) {
				linked = !l[k].unlink;
				vetoed = l[k].unlink;
			}
		if (vetoed)
			continue;
		score = 1.0;
		how = linked ? PX_LINK : proactive_same_info(r.request,
		    r.doc_number, m[i].request, m[i].doc_number,
		    set.similarity, &score);
		if (how == PX_NONE)
			continue;
		h = xrealloc(h, (nh + 1) * sizeof(*h));
		x = &h[nh++];
		memset(x, 0, sizeof(*x));
		memcpy(x->case_id, m[i].case_id, sizeof(x->case_id));
		x->number = xstrdup(m[i].number);
		memcpy(x->received, m[i].received, DATE_STRLEN);
		memcpy(x->replied_on, m[i].closed_on, DATE_STRLEN);
		x->outcome = xstrdup(m[i].outcome);
		x->request = xstrdup(m[i].request != NULL ? m[i].request : "");
		x->how = proactive_match_names[how];
		x->score = score;
		if ((e = store_px_reply_docnum(s, x->case_id,
		    &x->reply_doc)) == CM_NOTFOUND)
			e = CM_OK;
		if (e != CM_OK)
			goto done;
	}
	if (nh > 1)
		qsort(h, nh, sizeof(*h), hit_cmp);
done:
	proactive_members_free(m, n);
	free(l);
	free(id_key);
	free(np_key);
	free(name_key);
	case_rec_clear(&r);
	if (e != CM_OK) {
		repeat_hits_free(h, nh);
		return e;
	}
	*out = h;
	*np = nh;
	return CM_OK;
}

/*
 * Fills the case text earlier_reply of a case (the not_processed.repeat
 * letter cites it: "本机关已就该申请作出答复（…）") from an earlier case
 * of the same applicant that was answered: its reply date, the 答复书
 * document number and its case number.  Refuses another applicant's
 * case, a later one, or one not answered on its substance
 * (CM_CONFLICT).  *text (if not NULL) gets the text written (free it).
 */
enum cm_err
repeat_cite_earlier(struct store *s, const char *case_key,
    const char *earlier_key, const char *actor, char **text, char *err,
    size_t errlen)
{
	struct case_rec	 r, o;
	struct px_ident	 a, b;
	struct buf	 t;
	char		*ka[3], *kb[3], *doc = NULL, cn[32];
	int		 day;
	enum cm_err	 e;

	if (text != NULL)
		*text = NULL;
	memset(&o, 0, sizeof(o));
	buf_init(&t);
	if ((e = store_case_get(s, case_key, &r)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		return e;
	}
	if ((e = store_case_get(s, earlier_key, &o)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有被引用的案件 (no such earlier case)" :
		    "读取失败 (could not load the earlier case)");
		case_rec_clear(&r);
		return e;
	}
	ka[0] = repeat_id_key(r.appl.id_number);
	ka[1] = repeat_np_key(r.appl.name, r.appl.phone);
	ka[2] = repeat_name_key(r.appl.name);
	kb[0] = repeat_id_key(o.appl.id_number);
	kb[1] = repeat_np_key(o.appl.name, o.appl.phone);
	kb[2] = repeat_name_key(o.appl.name);
	a.id_key = ka[0];
	a.np_key = ka[1];
	a.name_key = ka[2];
	b.id_key = kb[0];
	b.np_key = kb[1];
	b.name_key = kb[2];
	e = CM_CONFLICT;
	if (strcmp(r.id, o.id) == 0) {
		ERR("不能引用本案 (the earlier case is this case)");
		e = CM_INVALID;
	} else if (!repeat_same_applicant(&a, &b))
		ERR("两案不是同一申请人（第三十六条第（六）项） (not the same "
		    "applicant: compare ID number, or name and phone)");
	else if (!before(o.received, o.number, &r))
		ERR("被引用的案件不早于本案 (the cited case is not earlier)");
	else if (!repeat_outcome_answered(o.outcome) ||
	    o.closed_on[0] == '\0')
		ERR("被引用的案件未作出实质答复 (the cited case was not "
		    "answered on its substance)");
	else
		e = CM_OK;
	if (e != CM_OK)
		goto out;
	if ((e = store_px_reply_docnum(s, o.id, &doc)) != CM_OK &&
	    e != CM_NOTFOUND) {
		ERR("读取失败 (could not read the reply's number)");
		goto out;
	}
	cn[0] = '\0';
	if (date_parse(o.closed_on, &day) == 0)
		date_format_cn(day, cn, sizeof(cn));
	buf_printf(&t, "%s", cn);
	if (doc != NULL)
		buf_printf(&t, "，%s", doc);
	buf_printf(&t, "，登记编号：%s", o.number);
	if ((e = case_text_set(s, r.id, "earlier_reply", buf_str(&t),
	    actor)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
		goto out;
	}
	if (text != NULL)
		*text = buf_release(&t);
out:
	free(ka[0]);
	free(ka[1]);
	free(ka[2]);
	free(kb[0]);
	free(kb[1]);
	free(kb[2]);
	free(doc);
	buf_clear(&t);
	case_rec_clear(&r);
	case_rec_clear(&o);
	return e;
}

/*
 * Brings the stored identity and 文号 keys of every case marked stale
 * (new or changed without proactive_keys_case(): a database filled by
 * SQL or by an older version) up to date, in transactions of at most
 * batch (> 0) cases each, so that the write lock is held briefly;
 * grouping stays with the upkeep (the cases stay ungrouped).  Once done,
 * the similar-request gate and the repeat checks find every case by its
 * stored keys through their indexes (px_same_applicant_now computes no
 * keys).  *done (may be NULL) gets the number of cases brought up to
 * date.
 */
enum cm_err
repeat_keys_catch_up(struct store *s, int batch, size_t *done)
{
	char		**ids = NULL;
	size_t		 n = 0, i;
	enum cm_err	 e;

	if (done != NULL)
		*done = 0;
	if (batch <= 0)
		batch = 1;
	for (;;) {
		if ((e = store_px_case_ids(s, PX_IDS_NOKEYS, batch, &ids,
		    &n)) != CM_OK)
			return e;
		if (n == 0) {
			store_px_ids_free(ids, n);
			return CM_OK;
		}
		if ((e = store_begin(s)) != CM_OK) {
			store_px_ids_free(ids, n);
			return e;
		}
		for (i = 0; i < n && e == CM_OK; i++)
			e = proactive_keys_case(s, ids[i]);
		store_px_ids_free(ids, n);
		if (e == CM_OK)
			e = store_commit(s);
		if (e != CM_OK) {
			store_rollback(s);
			return e;
		}
		if (done != NULL)
			*done += n;
		if (n < (size_t)batch)
			return CM_OK;
	}
}
