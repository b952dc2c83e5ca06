/* SPDX-License-Identifier: ISC */
/*
 * The information-processing fee of Reg. art. 42 and 国办函〔2020〕109号
 * (domain.md §2).  The first half is pure band arithmetic: 109号 art. 4
 * charges per item (按件) on the count of one applicant's applications
 * in one calendar month — items 1-10 free, 11-30 at 100 yuan, then
 * bands of ten items each 100 yuan/item dearer than the one before
 * (31-40: 200, 41-50: 300, ...); art. 5 per volume (按量) on pages —
 * 1-30 free, 31-100 at 10, 101-200 at 20, 201 and above at 40 yuan a
 * page.  Both are progressive: each rate applies only to the units in
 * its band.  One method per application (art. 3).
 *
 * The second half works on the store: the per-applicant monthly
 * counter (art. 35: number and frequency of requests), fee_apply(),
 * which writes the fee texts of the 收费通知书, and the yearly totals
 * for the annual report's section 六.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/case.h"
#include "cases/fee.h"
#include "store/letters.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "store/store.h"
#include "store/store_proactive.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

const char *const fee_methods[FEE__MAX] = {
	[FEE_ITEM] = "item",
	[FEE_VOLUME] = "volume",
};

/* The unit word of the computation text: 件 or 页. */
static const char *const units[FEE__MAX] = {
	[FEE_ITEM] = "件",
	[FEE_VOLUME] = "页",
};

/* Returns enum fee_method for "item"/"volume" (or 按件/按量), else -1. */
int
fee_method_find(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "item") == 0 || strcmp(s, "按件") == 0)
		return FEE_ITEM;
	if (strcmp(s, "volume") == 0 || strcmp(s, "按量") == 0)
		return FEE_VOLUME;
	return -1;
}

/*
 * The band holding a unit (1-based): its first and last unit (last is
 * FEE_MAXCOUNT for the open-ended volume band) and its rate in yuan.
 */
static void
band_of(enum fee_method m, int unit, int *from, int *to, int64_t *rate)
{
	int	 k;

	if (m == FEE_ITEM) {
		if (unit <= FEE_FREE_ITEMS) {
			*from = 1;
			*to = FEE_FREE_ITEMS;
			*rate = 0;
		} else if (unit <= 30) {
			*from = 11;
			*to = 30;
			*rate = 100;
		} else {
			/* 109号 art. 4: from item 31, every ten items a
			 * band, each 100 yuan/item above the last. */
			k = (unit - 31) / 10;
			*from = 31 + 10 * k;
			*to = *from + 9;
			*rate = 200 + 100 * (int64_t)k;
		}
		return;
	}
	if (unit <= FEE_FREE_PAGES) {
		*from = 1;
		*to = FEE_FREE_PAGES;
		*rate = 0;
	} else if (unit <= 100) {
		*from = 31;
		*to = 100;
		*rate = 10;
	} else if (unit <= 200) {
		*from = 101;
		*to = 200;
		*rate = 20;
	} else {
		*from = 201;
		*to = FEE_MAXCOUNT;
		*rate = 40;
	}
}

/* The rate in yuan of the unit-th item or page (1-based). */
int64_t
fee_rate(enum fee_method m, int unit)
{
	int	 from, to;
	int64_t	 rate;

	band_of(m, unit, &from, &to, &rate);
	return rate;
}

/*
 * Computes the fee of units first..last (1 <= first <= last <=
 * FEE_MAXCOUNT) band by band into c (fee_calc_clear).  Free bands are
 * listed too, with rate 0.  Returns 0, or -1 for a bad range (c is then
 * empty).
 */
int
fee_compute(enum fee_method m, int first, int last, struct fee_calc *c)
{
	int	 u, from, to;
	int64_t	 rate;

	memset(c, 0, sizeof(*c));
	c->method = m;
	c->first = first;
	c->last = last;
	if ((m != FEE_ITEM && m != FEE_VOLUME) || first < 1 ||
	    last < first || last > FEE_MAXCOUNT)
		return -1;
	for (u = first; u <= last; u = to + 1) {
		band_of(m, u, &from, &to, &rate);
		if (to > last)
			to = last;
		c->band = xrealloc(c->band, (c->nband + 1) *
		    sizeof(*c->band));
		c->band[c->nband].from = u;
		c->band[c->nband].to = to;
		c->band[c->nband].rate = rate;
		c->band[c->nband].subtotal = rate * (to - u + 1);
		c->total += c->band[c->nband].subtotal;
		c->nband++;
	}
	return 0;
}

/* Frees the bands of a computation; c may be zeroed. */
void
fee_calc_clear(struct fee_calc *c)
{
	free(c->band);
	memset(c, 0, sizeof(*c));
}

/* The fee in yuan for count items (one applicant, one month) or count
 * pages; 0 for count < 1, -1 above FEE_MAXCOUNT. */
int64_t
fee_quote(enum fee_method m, int count)
{
	struct fee_calc	 c;
	int64_t		 t;

	if (count < 1)
		return 0;
	if (fee_compute(m, 1, count, &c) != 0)
		return -1;
	t = c.total;
	fee_calc_clear(&c);
	return t;
}

static void
band_text(struct buf *b, const struct fee_band *f, const char *unit)
{
	if (f->from == f->to)
		buf_printf(b, "第%d%s，", f->from, unit);
	else
		buf_printf(b, "第%d至%d%s，", f->from, f->to, unit);
	buf_printf(b, "每%s%lld元，计%lld元", unit, (long long)f->rate,
	    (long long)f->subtotal);
}

/*
 * Appends the computation text of the 收费通知书 (merge field
 * fee_computation), charged bands only, e.g. "第11至25件，每件100元，计
 * 1500元".  Several bands are joined with "；" and totalled; past six
 * charged bands the item bands from the third on are summarised.
 */
void
fee_text(const struct fee_calc *c, struct buf *b)
{
	const char	*unit = units[c->method];
	size_t		 i, charged = 0, shown = 0;
	int64_t		 rest = 0;
	int		 first_rest = 0;

	for (i = 0; i < c->nband; i++)
		if (c->band[i].rate > 0)
			charged++;
	if (charged == 0) {
		buf_printf(b, "未超过免费数量（%s），不收费",
		    c->method == FEE_ITEM ? "每月10件" : "30页");
		return;
	}
	for (i = 0; i < c->nband; i++) {
		if (c->band[i].rate == 0)
			continue;
		if (charged > 6 && shown == 2) {
			/* Summarise the rest: one band per ten items. */
			first_rest = c->band[i].from;
			for (; i < c->nband; i++)
				rest += c->band[i].subtotal;
			buf_printf(b, "；第%d至%d%s，以10%s为一档，每%s%lld元至"
			    "%lld元，计%lld元", first_rest, c->last, unit, unit,
			    unit, (long long)fee_rate(c->method, first_rest),
			    (long long)fee_rate(c->method, c->last),
			    (long long)rest);
			break;
		}
		if (shown++ > 0)
			buf_puts(b, "；");
		band_text(b, &c->band[i], unit);
	}
	if (charged > 1)
		buf_printf(b, "；合计%lld元", (long long)c->total);
}

/* {"method","count","first","last","fee","bands":[{"from","to","rate",
 * "subtotal"}],"text"}: count is the last unit (the cumulative count). */
void
fee_calc_json(const struct fee_calc *c, struct json *j)
{
	struct buf	 t;
	size_t		 i;

	buf_init(&t);
	fee_text(c, &t);
	json_obj_open(j, NULL);
	json_str(j, "method", fee_methods[c->method]);
	json_int(j, "count", c->last);
	json_int(j, "first", c->first);
	json_int(j, "last", c->last);
	json_int(j, "fee", (long long)c->total);
	json_arr_open(j, "bands");
	for (i = 0; i < c->nband; i++) {
		json_obj_open(j, NULL);
		json_int(j, "from", c->band[i].from);
		json_int(j, "to", c->band[i].to);
		json_int(j, "rate", (long long)c->band[i].rate);
		json_int(j, "subtotal", (long long)c->band[i].subtotal);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_str(j, "text", buf_str(&t));
	json_obj_close(j);
	buf_clear(&t);
}

/* ---- On the store ---------------------------------------------------- */

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
	if ((e = store_px_same_applicant(s, k->id_key, k->np_key, month, &m,
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
 * number or phone counts 1.  Brings the identity keys up to date first.
 */
enum cm_err
fee_month_counter(struct store *s, const char *case_key, int *upto,
    int *month_total, char month[8])
{
	struct case_rec		 r;
	struct ident_keys	 k;
	enum cm_err		 e;

	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK)
		return e;
	if ((e = store_case_get(s, case_key, &r)) != CM_OK)
		return e;
	ident_keys(&r, &k);
	e = month_counter(s, &r, &k, upto, month_total, month);
	ident_keys_clear(&k);
	case_rec_clear(&r);
	return e;
}

/*
 * Items of the month already charged by issued fee notices on the
 * applicant's other cases: the highest last item of their computations.
 */
static enum cm_err
items_covered(struct store *s, const struct case_rec *r,
    const struct ident_keys *k, const char *month, int *covered)
{
	struct px_feerow	*f = NULL;
	struct px_ident		 a, b;
	size_t			 n = 0, i;
	enum cm_err		 e;

	*covered = 0;
	if (k->id_key == NULL && k->np_key == NULL)
		return CM_OK;
	if ((e = store_px_fee_rows(s, month, k->id_key, k->np_key, r->id, &f,
	    &n)) != CM_OK)
		return e;
	a.id_key = k->id_key;
	a.np_key = k->np_key;
	a.name_key = k->name_key;
	for (i = 0; i < n; i++) {
		b.id_key = f[i].id_key;
		b.np_key = f[i].np_key;
		b.name_key = f[i].name_key;
		if (repeat_same_applicant(&a, &b) && f[i].last_unit > *covered)
			*covered = f[i].last_unit;
	}
	store_px_feerows_free(f, n);
	return CM_OK;
}

/* Frees what fee_apply() filled in; a may be zeroed. */
void
fee_applied_clear(struct fee_applied *a)
{
	fee_calc_clear(&a->calc);
	free(a->computation);
	memset(a, 0, sizeof(*a));
}

/*
 * Works out the fee of an open case and writes the case texts of its
 * 收费通知书 (fee_method, fee_count, fee_computation) with a record of
 * the computation, in one transaction.  Per item, count 0 means the
 * applicant's monthly counter up to this case (an application of
 * several items may give its own cumulative count); the items already
 * charged by earlier issued notices in the month are not charged again.
 * Per volume, count is the number of pages (required).  When nothing is
 * due nothing is written and a->stored is 0.  The amount to pass to
 * `case act fee-notice --amount` is a->calc.total (yuan).  The caller
 * clears a with fee_applied_clear().
 */
enum cm_err
fee_apply(struct store *s, const char *case_key, enum fee_method m,
    int count, const char *actor, struct fee_applied *a, char *err,
    size_t errlen)
{
	struct case_rec		 r;
	struct ident_keys	 k;
	struct buf		 t;
	char			 now[32], num[16], month[8];
	int			 outer, upto, total, first;
	enum cm_err		 e;

	memset(a, 0, sizeof(*a));
	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	buf_init(&t);
	a->method = m;
	if ((m != FEE_ITEM && m != FEE_VOLUME) || count < 0 ||
	    count > FEE_MAXCOUNT || (m == FEE_VOLUME && count < 1)) {
		ERR("计费数量无效 (--count: 1..%d; required per volume)",
		    FEE_MAXCOUNT);
		return CM_INVALID;
	}
	if ((e = store_px_begin(s, &outer)) != CM_OK) {
		ERR("数据库忙 (database busy)");
		return e;
	}
	if ((e = proactive_sync(s, -1, NULL, NULL)) != CM_OK ||
	    (e = store_case_get(s, case_key, &r)) != CM_OK) {
		ERR(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
		goto out;
	}
	if (r.outcome != NULL) {
		ERR("案件已办结，不能再收费 (the case is concluded)");
		e = CM_CONFLICT;
		goto out;
	}
	ident_keys(&r, &k);
	if ((e = month_counter(s, &r, &k, &upto, &total, month)) != CM_OK) {
		ERR("读取失败 (could not count the month's applications)");
		goto out;
	}
	a->month_count = upto;
	if (m == FEE_ITEM) {
		a->count = count > 0 ? count : upto;
		if ((e = items_covered(s, &r, &k, month, &a->covered)) !=
		    CM_OK) {
			ERR("读取失败 (could not read earlier fee notices)");
			goto out;
		}
		first = a->covered + 1;
	} else {
		a->count = count;
		first = 1;
	}
	if (first > a->count) {
		/* Everything up to this item was charged before. */
		a->calc.method = m;
		a->calc.first = first;
		a->calc.last = a->count;
		a->computation = xstrdup("本月此前的收费通知已计收，不再收费");
		e = CM_OK;
		goto out;
	}
	if (fee_compute(m, first, a->count, &a->calc) != 0) {
		ERR("计费数量无效 (bad count)");
		e = CM_INVALID;
		goto out;
	}
	if (m == FEE_ITEM && a->covered > 0)
		buf_printf(&t, "本自然月第1至%d件已在此前的收费通知中处理；",
		    a->covered);
	fee_text(&a->calc, &t);
	a->computation = buf_release(&t);
	if (a->calc.total == 0) {
		e = CM_OK;
		goto out;
	}
	now_iso(now);
	snprintf(num, sizeof(num), "%d", a->count);
	if ((e = case_text_set(s, r.id, "fee_method",
	    m == FEE_ITEM ? "按件" : "按量", actor)) != CM_OK ||
	    (e = case_text_set(s, r.id, "fee_count", num, actor)) != CM_OK ||
	    (e = case_text_set(s, r.id, "fee_computation", a->computation,
	    actor)) != CM_OK ||
	    (e = store_px_fee_put(s, r.id, fee_methods[m], a->count, first,
	    a->count, a->calc.total, a->computation, actor, now)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(s));
		goto out;
	}
	a->stored = 1;
out:
	e = store_px_end(s, outer, e);
	ident_keys_clear(&k);
	case_rec_clear(&r);
	buf_clear(&t);
	return e;
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
	if (year < 2000 || year > 2099)
		return CM_INVALID;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_px_fee_totals(s, from, to, t);
}
