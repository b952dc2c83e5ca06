/* SPDX-License-Identifier: ISC */
/*
 * The information-processing fee on the store: the per-applicant
 * monthly counter (art. 35; the same applicant as cases/similarity.c
 * defines it), applying a fee to a case (the bands of cases/fee.c) and
 * the totals of a year for the annual report (section 六).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/fee.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/similarity.h"
#include "ops/case.h"
#include "ops/fee.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

struct ident_keys {
	char	*id_key;
	char	*np_key;
	char	*name_key;
};

static void
ident_keys(const struct case_rec *r, struct ident_keys *k)
{
	k->id_key = repeat_id_key(r->appl.id_number);
	k->np_key = repeat_np_key(r->appl.name, r->appl.phone);
	k->name_key = repeat_name_key(r->appl.name);
}

static void
ident_keys_clear(struct ident_keys *k)
{
	free(k->id_key);
	free(k->np_key);
	free(k->name_key);
}

/* Counts the loaded case's applications in its month (store side). */
static enum cm_err
month_counter(struct store *s, const struct case_rec *r,
    const struct ident_keys *k, int *upto, int *total, char month[8])
{
	struct proactive_member	*m = NULL;
	struct px_ident		 a, b;
	size_t			 n = 0, i;
	int			 seen = 0;
	enum cm_err		 e;

	snprintf(month, 8, "%.7s", r->received);
	*upto = *total = 1;
	if (k->id_key == NULL && k->np_key == NULL)
		return CM_OK;	/* nobody to compare with */
	if ((e = px_same_applicant_now(s, k->id_key, k->np_key, month, &m,
	    &n)) != CM_OK)
		return e;
	a.id_key = k->id_key;
	a.np_key = k->np_key;
	a.name_key = k->name_key;
	*upto = *total = 0;
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].case_id, r->id) == 0)
			seen = 1;
		else {
			b.id_key = m[i].id_key;
			b.np_key = m[i].np_key;
			b.name_key = m[i].name_key;
			if (!repeat_same_applicant(&a, &b))
				continue;
		}
		(*total)++;
		if (strcmp(m[i].received, r->received) < 0 ||
		    (strcmp(m[i].received, r->received) == 0 &&
		    strcmp(m[i].number, r->number) <= 0))
			(*upto)++;
	}
	if (!seen) {		/* keys not yet stored for this case */
		(*total)++;
		(*upto)++;
	}
	proactive_members_free(m, n);
	return CM_OK;
}

/*
 * The per-applicant monthly counter (Reg. art. 35; 109号 art. 4): how
 * many applications the applicant of a case — the same ID number, else
 * the same normalised name and phone — filed in the calendar month of
 * its receipt, up to and including this case (*upto) and in the whole
 * month (*month_total); month gets "YYYY-MM".  An applicant without ID
 * number or phone counts 1.  Read-only: keys not yet stored are
 * computed in memory (px_same_applicant_now).
 */
enum cm_err
fee_month_counter(struct store *s, const char *case_key, int *upto,
    int *month_total, char month[8])
{
	struct case_rec		 r;
	enum cm_err		 e;

	if ((e = store_case_get(s, case_key, &r)) != CM_OK)
		return e;
	e = fee_month_counter_rec(s, &r, upto, month_total, month);
	case_rec_clear(&r);
	return e;
}

/* fee_month_counter() of a case the caller has loaded (store_case_get
 * in the same transaction): the case page shows it beside the case it
 * has read, without reading the case again. */
enum cm_err
fee_month_counter_rec(struct store *s, const struct case_rec *r, int *upto,
    int *month_total, char month[8])
{
	struct store_memo_mark	 mk;
	struct ident_keys	 k;
	struct {
		int	 upto;
		int	 total;
		char	 month[8];
	}			 m;
	char			 key[256];
	enum cm_err		 e;

	/* Kept on the connection until the database changes: the case
	 * page shows it on every request (two queries over the month).
	 * The key holds everything of the case it depends on. */
	ident_keys(r, &k);
	snprintf(key, sizeof(key), "fee-month|%s|%s|%s|%s|%s", r->id,
	    r->number, r->received, k.id_key != NULL ? k.id_key : "-",
	    k.np_key != NULL ? k.np_key : "-");
	store_memo_mark(s, &mk);
	if (strlen(key) < sizeof(key) - 1 &&
	    store_memo_get(s, &mk, key, &m, sizeof(m))) {
		*upto = m.upto;
		*month_total = m.total;
		memcpy(month, m.month, sizeof(m.month));
		ident_keys_clear(&k);
		return CM_OK;
	}
	e = month_counter(s, r, &k, upto, month_total, month);
	ident_keys_clear(&k);
	if (e == CM_OK && strlen(key) < sizeof(key) - 1) {
		memset(&m, 0, sizeof(m));
		m.upto = *upto;
		m.total = *month_total;
		memcpy(m.month, month, sizeof(m.month));
		store_memo_put(s, &mk, key, &m, sizeof(m));
	}
	return e;
}

/*
 * Works out the fee of a fee notice on an open case, writing nothing but
 * (with sync) the pending identity keys of the month counter, inside the
 * caller's transaction or its own.  Per item (decision 18), the fee is
 * the band rate of this application's own ordinal among the applicant's
 * applications of the calendar month (by receipt date, then number);
 * count is 0 or that ordinal, anything else is refused; the bands are
 * those of `fee quote` (fee_compute).  Per volume, count is the
 * number of pages.  a->calc.total is 0 when nothing is due.  err gets a
 * Chinese message naming the field as the fee-notice form labels it.
 * The caller clears a with fee_applied_clear().
 */
enum cm_err
fee_work_out(struct store *s, const char *case_key, enum fee_method m,
    int count, int sync, struct fee_applied *a, char *err, size_t errlen)
{
	struct case_rec		 r;
	struct ident_keys	 k;
	struct buf		 t;
	char			 month[8];
	int			 outer = 0, upto, total, first;
	enum cm_err		 e;

	memset(a, 0, sizeof(*a));
	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	buf_init(&t);
	a->method = m;
	if (m != FEE_ITEM && m != FEE_VOLUME) {
		ERR("收费方式：请选择按件计收或按量计收");
		return CM_INVALID;
	}
	if (count < 0 || count > FEE_MAXCOUNT ||
	    (m == FEE_VOLUME && count < 1)) {
		ERR("件数或页数：应为1至%d的整数", FEE_MAXCOUNT);
		return CM_INVALID;
	}
	if (sync) {
		if ((e = store_px_begin(s, &outer)) != CM_OK) {
			ERR("数据库忙，请稍后再试");
			return e;
		}
		if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK) {
			ERR("读取失败");
			goto out;
		}
	}
	if ((e = store_case_get(s, case_key, &r)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件" : "读取案件失败");
		goto out;
	}
	if (r.outcome != NULL) {
		ERR("案件已办结，不能再收费");
		e = CM_CONFLICT;
		goto out;
	}
	ident_keys(&r, &k);
	if ((e = month_counter(s, &r, &k, &upto, &total, month)) != CM_OK) {
		ERR("读取本月申请件数失败");
		goto out;
	}
	a->month_count = upto;
	if (m == FEE_ITEM) {
		/* Decision 18 (109号 art. 4): the application's own
		 * ordinal in the applicant's month sets its fee; a notice
		 * never charges for another application. */
		if (count > 0 && count != upto) {
			ERR("件数或页数：本申请为申请人本自然月内第%d件申请"
			    "（按收到日期和登记编号排序），按件计收只计收本件，"
			    "请填写%d或不填", upto, upto);
			e = CM_INVALID;
			goto out;
		}
		a->count = upto;
		a->covered = 0;
		first = upto;
	} else {
		a->count = count;
		first = 1;
	}
	if (first > a->count) {
		/* Everything up to this item was charged before. */
		a->calc.method = m;
		a->calc.first = first;
		a->calc.last = a->count;
		a->computation = xstrdup("本自然月此前的收费通知已计收，不再收费");
		e = CM_OK;
		goto out;
	}
	if (fee_compute(m, first, a->count, &a->calc) != 0) {
		ERR("件数或页数：应为1至%d的整数", FEE_MAXCOUNT);
		e = CM_INVALID;
		goto out;
	}
	if (m == FEE_ITEM)
		buf_printf(&t, "本申请为本自然月内第%d件；", upto);
	fee_explain(&a->calc, &t);
	a->computation = buf_release(&t);
	e = CM_OK;
out:
	if (sync)
		e = store_px_end(s, outer, e);
	ident_keys_clear(&k);
	case_rec_clear(&r);
	buf_clear(&t);
	return e;
}

/*
 * Works out the fee of a fee notice for case_id (fee_work_out, inside
 * the caller's transaction) and fills the record its event carries
 * (fn->reason borrows reason); refuses, with CM_INVALID, *field the
 * input key ("count", "override_amount") and the message in err, a
 * notice with nothing due or an override not below the computed
 * amount.  override_fen -1: none.  Shared by op_case_act and the
 * approval of a fee notice filed for approval (ops/approval.c).
 */
enum cm_err
fee_notice_prepare(struct store *st, const char *case_id,
    enum fee_method method, int count, long long override_fen,
    const char *reason, struct fee_applied *fa, struct fee_notice *fn,
    const char **field, char *err, size_t errlen)
{
	enum cm_err	 rc;

	*field = NULL;
	if ((rc = fee_work_out(st, case_id, method, count, 1, fa, err,
	    errlen)) != CM_OK) {
		if (rc == CM_INVALID)
			*field = "count";
		return rc;
	}
	if (fa->calc.total <= 0) {
		*field = "count";
		snprintf(err, errlen, "件数或页数：%s，无需发出收费通知",
		    fa->covered >= fa->count ? "本自然月此前的收费通知已计收" :
		    method == FEE_ITEM ? "按件计收的，同一申请人每个自然月前10件"
		    "不收费" : "按量计收的，30页以下不收费");
		return CM_INVALID;
	}
	memset(fn, 0, sizeof(*fn));
	fn->method = method;
	fn->count = fa->count;
	fn->first = fa->calc.first;
	fn->computed_fen = fa->calc.total * 100;
	fn->override_fen = override_fen;
	fn->reason = (char *)reason;
	if (override_fen >= fn->computed_fen) {
		*field = "override_amount";
		snprintf(err, errlen, "调整金额：应低于按收费标准计算的金额"
		    "%lld.%02lld元", (long long)(fn->computed_fen / 100),
		    (long long)(fn->computed_fen % 100));
		return CM_INVALID;
	}
	return CM_OK;
}

/*
 * Records the computation of a fee notice (fee_charges: what later
 * notices of the month count as charged), inside the caller's
 * transaction, next to its fee-notice event.
 */
enum cm_err
fee_record(struct store *s, const char *case_id, const struct fee_applied *a,
    const char *actor)
{
	char	 now[32];

	now_iso(now);
	return store_px_fee_put(s, case_id, fee_methods[a->method], a->count,
	    a->calc.first, a->count, a->calc.total, a->computation, actor,
	    now);
}

/*
 * The yearly fee figures for the annual report's section 六 (domain.md
 * §2 "reporting"): fee notices issued (fee-notice events dated in the
 * year) with their amounts, fees paid in the year with the amounts of
 * the notices they answer, and lapses (other.no_fee).
 */
enum cm_err
fee_totals(struct store *s, int year, struct fee_totals *t)
{
	char	 from[DATE_STRLEN], to[DATE_STRLEN];

	memset(t, 0, sizeof(*t));
	if (year < LIM_YEAR_MIN || year > LIM_YEAR_MAX)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_px_fee_totals(s, from, to, t);
}
