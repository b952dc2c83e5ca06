/* SPDX-License-Identifier: ISC */
/*
 * The annual report on the store: computing a year's figures from the
 * cases, appeals, events and the office's entries, loading a published
 * year's frozen figures, the lock on a published year, entering table
 * 二 and the sections, publishing and reopening.  A published year keeps
 * its figures frozen (report_cells) and refuses every change that would
 * alter them until it is reopened with a reason, which the audit trail
 * records together with the figures as they were published.  The
 * arithmetic is cases/report.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/appeal.h"
#include "cases/codes.h"
#include "cases/report.h"
#include "ops/audit.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "ops/report.h"
#include "store/store.h"
#include "store/store_report.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

/* Longest section text accepted, in bytes. */
#define REPORT_TEXT_MAX	(64 * 1024)

/*
 * Computes the figures of year from the cases, appeals, events and the
 * office's entries as they are now (ignoring any publication).  Texts,
 * checks and the draft are left to report_load().
 */
enum cm_err
report_compute(struct store *st, int year, struct report *r)
{
	enum cm_err	 rc;
	int		 n;

	memset(r, 0, sizeof(*r));
	r->year = year;
	if ((rc = store_report_applications(st, year, report_add_app,
	    r)) != CM_OK ||
	    (rc = store_report_monthly(st, year, r->received,
	    r->concluded)) != CM_OK ||
	    (rc = store_report_appeals(st, year, report_add_appeal,
	    r)) != CM_OK ||
	    (rc = store_report_fees(st, year, &r->fee_notices,
	    &r->fee_notice_fen, &r->fee_paid, &r->fee_paid_fen)) != CM_OK ||
	    (rc = store_report_figures(st, year, report_add_fig, r)) != CM_OK)
		return rc;
	/* Art 44: items published proactively on accepted proposals. */
	if ((rc = proactive_accepted_count(st, year, &n)) != CM_OK)
		return rc;
	r->conversions = n;
	return CM_OK;
}

/*
 * Row 四 (carried_out) of the year before r's, as published.  When that
 * year is not published, its carried_out is by definition the same set
 * of cases as r's carried_in (received before 1 January and open on it),
 * so r's own row is used instead of counting the cases again.
 */
static enum cm_err
previous_carried_out(struct store *st, const struct report *r, int year,
    long long out[RC__MAX], int *published)
{
	struct report	 p;
	enum cm_err	 rc;
	int		 c;

	*published = 0;
	memset(&p, 0, sizeof(p));
	rc = store_report_published(st, year, NULL, NULL, NULL);
	if (rc == CM_OK) {
		*published = 1;
		rc = store_report_cells(st, year, report_add_cell, &p);
		for (c = 0; c < RC__MAX; c++)
			out[c] = p.app[RR_CARRIED_OUT][c];
		return rc;
	}
	for (c = 0; c < RC__MAX; c++)
		out[c] = r->app[RR_CARRIED_IN][c];
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

/*
 * Loads the report of year: the frozen figures if the year is published
 * (r->published set), else the figures computed now; then the office's
 * texts, the agency name, the draft of 六 and the checks (the year
 * before as published, if it is).  The caller clears r with
 * report_clear(), also after an error.
 */
enum cm_err
report_load(struct store *st, int year, struct report *r)
{
	struct agency	 ag;
	char		 at[32], *by = NULL, *snap = NULL;
	enum cm_err	 rc;

	rc = store_report_published(st, year, at, &by, &snap);
	if (rc == CM_NOTFOUND)
		rc = report_compute(st, year, r);
	else if (rc == CM_OK) {
		memset(r, 0, sizeof(*r));
		r->year = year;
		snprintf(r->published, sizeof(r->published), "%s", at);
		r->published_by = by;
		r->snapshot = snap;
		rc = store_report_cells(st, year, report_add_cell, r);
	} else
		memset(r, 0, sizeof(*r));
	if (rc != CM_OK)
		return rc;
	if ((rc = store_report_texts(st, year, report_add_text, r)) != CM_OK)
		return rc;
	if (store_agency_get(st, &ag) == CM_OK && ag.name != NULL)
		r->agency = xstrdup(ag.name);
	agency_clear(&ag);
	report_draft6(r);
	if ((rc = previous_carried_out(st, r, year - 1, r->chk.previous,
	    &r->chk.previous_published)) != CM_OK)
		return rc;
	report_check(r);
	return CM_OK;
}

/*
 * Whether year's annual report is published (and so locked): sets
 * *locked to 1 or 0.  Works inside the caller's transaction.
 */
enum cm_err
report_year_locked(struct store *st, int year, int *locked)
{
	enum cm_err	 rc;

	*locked = 0;
	rc = store_report_published(st, year, NULL, NULL, NULL);
	if (rc == CM_OK)
		*locked = 1;
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

/*
 * The lock rule for case actions.  A case concluded in a published year
 * (closed_on, "" or NULL while open) takes no action but `archive`,
 * which changes no figure; and no action may take effect on a day (on,
 * a day number; DATE_NONE to skip) of a published year, since a
 * backdated reply, withdrawal, receipt (case new: action ACT_RECEIVE,
 * on = the receipt date) or fee event would change that year's figures.
 * Sets *year to the published year that refuses the action, or 0.
 * Works inside the caller's transaction.
 */
enum cm_err
report_act_locked(struct store *st, const char *closed_on, int action,
    int on, int *year)
{
	int		 day, locked;
	enum cm_err	 rc;

	*year = 0;
	if (action == ACT_ARCHIVE)
		return CM_OK;
	if (closed_on != NULL && closed_on[0] != '\0' &&
	    date_parse(closed_on, &day) == 0) {
		if ((rc = report_year_locked(st, date_year(day), &locked)) !=
		    CM_OK)
			return rc;
		if (locked) {
			*year = date_year(day);
			return CM_OK;
		}
	}
	if (on != DATE_NONE) {
		if ((rc = report_year_locked(st, date_year(on), &locked)) !=
		    CM_OK)
			return rc;
		if (locked)
			*year = date_year(on);
	}
	return CM_OK;
}

/*
 * Calls fn for each case counted in cell (row, col) of table 三 of year,
 * in order of receipt: the drill-down behind every number.  CM_INVALID
 * for a row or column out of range.
 */
enum cm_err
report_cell_cases(struct store *st, int year, int row, int col,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	if (row < 0 || row >= RR__MAX || col < 0 || col >= RC__MAX)
		return CM_INVALID;
	return store_report_cell_cases(st, year, report_row_key(row),
	    report_col_key(col), fn, arg);
}

/*
 * Calls fn for the case of each appeal counted in cell (kind, result)
 * of table 四 of year (result AR_TOTAL for 总计), in order of filing.
 * CM_INVALID for a kind or result out of range.
 */
enum cm_err
report_appeal_cases(struct store *st, int year, int kind, int result,
    int (*fn)(const struct case_row *, void *), void *arg)
{
	if (kind < 0 || kind >= AK__MAX || result < 0 || result > AR_TOTAL)
		return CM_INVALID;
	return store_report_appeal_cases(st, year, appeal_kinds[kind].code,
	    result == AR_TOTAL ? "total" : appeal_results[result].code, fn,
	    arg);
}

/* Refuses a change to a year that is published or not yet begun. */
static enum cm_err
editable(struct store *st, int year, int today, char *err, size_t errlen)
{
	int		 locked;
	enum cm_err	 rc;

	if (year < LIM_YEAR_MIN || year > date_year(today)) {
		ERR("年度无效 (--year: " LIM_STR(LIM_YEAR_MIN) " to the current year)");
		return CM_INVALID;
	}
	if ((rc = report_year_locked(st, year, &locked)) != CM_OK) {
		ERR("读取年度报告状态失败 (could not read the report lock)");
		return rc;
	}
	if (locked) {
		ERR("%d年度报告已发布，须先重新开放 (the %d report is "
		    "published: foidesk report reopen)", year, year);
		return CM_CONFLICT;
	}
	return CM_OK;
}

/*
 * Enters one figure of table 二 for year: key is a report_figs key,
 * value a count, or for fees.amount 万元 with up to four decimals.
 * CM_INVALID: bad key, value or year; CM_CONFLICT: the year is
 * published.
 */
enum cm_err
report_figure_set(struct store *st, int year, const char *key,
    const char *value, const char *actor, int today, char *err,
    size_t errlen)
{
	char		 now[32];
	long long	 v;
	int		 f;
	enum cm_err	 rc;

	if ((f = report_fig_find(key)) < 0) {
		ERR("未知的项目 (unknown --key; see report --help)");
		return CM_INVALID;
	}
	if (report_fig_parse(f, value, &v) != 0) {
		ERR(f == RF_FEES ? "金额应为万元，最多四位小数 (--value: 万元, "
		    "up to 4 decimals)" : "数量应为非负整数 (--value: a count)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = editable(st, year, today, err, errlen)) != CM_OK)
		goto fail;
	now_iso(now);
	if ((rc = store_report_figure_put(st, year, key, v, actor,
	    now)) != CM_OK || (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(st);
	return rc;
}

/*
 * Stores the office's text of section 一, 五 or 六 for year (an empty
 * text removes it, and 六 falls back to the generated draft).  The text
 * must be valid UTF-8 (checked at the edge); at most 64 KiB here.
 * CM_INVALID: bad section, year or size; CM_CONFLICT: published year.
 */
enum cm_err
report_text_set(struct store *st, int year, const char *section,
    const char *text, const char *actor, int today, char *err,
    size_t errlen)
{
	char		 now[32];
	int		 s;
	enum cm_err	 rc;

	if ((s = report_section_find(section)) < 0) {
		ERR("只能填写第一、五、六部分 (--section: 一, 五 or 六)");
		return CM_INVALID;
	}
	if (text == NULL || strlen(text) > REPORT_TEXT_MAX) {
		ERR("文字过长 (text longer than 64 KiB)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = editable(st, year, today, err, errlen)) != CM_OK)
		goto fail;
	now_iso(now);
	if ((rc = store_report_text_put(st, year, report_section_codes[s],
	    text, actor, now)) != CM_OK || (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	return CM_OK;
fail:
	store_rollback(st);
	return rc;
}

/* Freezes every figure of r into report_cells. */
static enum cm_err
store_cells(struct store *st, const struct report *r)
{
	char		 m[16];
	int		 a, b, y = r->year;
	enum cm_err	 rc = CM_OK;

	for (a = 0; a < RR__MAX && rc == CM_OK; a++)
		for (b = 0; b < RC__MAX && rc == CM_OK; b++)
			rc = store_report_cell_put(st, y, "applications",
			    report_row_key(a), report_col_key(b), r->app[a][b]);
	for (a = 0; a < AK__MAX && rc == CM_OK; a++)
		for (b = 0; b <= AR__MAX && rc == CM_OK; b++)
			rc = store_report_cell_put(st, y, "appeals",
			    appeal_kinds[a].code, b == AR_TOTAL ? "total" :
			    appeal_results[b].code, r->appeals[a][b]);
	for (a = 0; a < 12 && rc == CM_OK; a++) {
		snprintf(m, sizeof(m), "%02d", a + 1);
		if ((rc = store_report_cell_put(st, y, "monthly", m,
		    "received", r->received[a])) == CM_OK)
			rc = store_report_cell_put(st, y, "monthly", m,
			    "concluded", r->concluded[a]);
	}
	for (a = 0; a < RF__MAX && rc == CM_OK; a++)
		if (r->fig_set[a])
			rc = store_report_cell_put(st, y, "figures",
			    report_figs[a].key, "value", r->fig[a]);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "notices", "count",
		    r->fee_notices);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "notices", "fen",
		    r->fee_notice_fen);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "paid", "count",
		    r->fee_paid);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "paid", "fen",
		    r->fee_paid_fen);
	if (rc == CM_OK)
		rc = store_report_cell_put(st, y, "fees", "conversions",
		    "count", r->conversions);
	return rc;
}

/*
 * Publishes the report of year, which must be over: its figures are
 * frozen as computed now, with the JSON as published, and from then on
 * report_load() returns them and every change that would alter them is
 * refused (report_act_locked, appeals, table 二, texts) until
 * report_reopen().  Refused (CM_CONFLICT) when already published or
 * when a check fails: figures that do not add up are not published.
 */
enum cm_err
report_publish(struct store *st, int year, const char *actor, int today,
    char *err, size_t errlen)
{
	struct report	 r;
	struct buf	 json, detail;
	struct json	 j;
	char		 now[32], obj[32];
	enum cm_err	 rc;

	snprintf(obj, sizeof(obj), "report:%d", year);
	memset(&r, 0, sizeof(r));
	buf_init(&json);
	buf_init(&detail);
	if (year < 2000 || year >= date_year(today)) {
		ERR("只能发布已结束年度的报告 (--year: a past year)");
		return CM_INVALID;
	}
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = report_load(st, year, &r)) != CM_OK) {
		ERR("统计失败 (could not compute the report: %s)",
		    store_errmsg(st));
		goto fail;
	}
	if (r.published[0] != '\0') {
		ERR("%d年度报告已于%s发布 (already published)", year,
		    r.published);
		rc = CM_CONFLICT;
		goto fail;
	}
	if (!r.chk.balanced) {
		ERR("统计数字未通过勾稽关系检查，不能发布 (the checks fail: "
		    "identity %s, total column %s, concluded total %s, "
		    "carried in %s, appeals totals %s)",
		    r.chk.identity_all ? "ok" : "FAIL",
		    r.chk.total_column ? "ok" : "FAIL",
		    r.chk.concluded_total ? "ok" : "FAIL",
		    r.chk.carried_in ? "ok" : "FAIL",
		    r.chk.appeals_totals ? "ok" : "FAIL");
		rc = CM_CONFLICT;
		goto fail;
	}
	now_iso(now);
	snprintf(r.published, sizeof(r.published), "%s", now);
	r.published_by = xstrdup(actor);
	report_json_text(&r, &json);
	json_init(&j, &detail);
	json_obj_open(&j, NULL);
	json_int(&j, "year", year);
	json_obj_close(&j);
	if ((rc = store_report_publish(st, year, now, actor,
	    buf_str(&json))) != CM_OK ||
	    (rc = store_cells(st, &r)) != CM_OK ||
	    (rc = audit_log(st, actor, NULL, "report.publish", obj,
	    buf_str(&detail))) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	report_clear(&r);
	buf_clear(&json);
	buf_clear(&detail);
	return CM_OK;
fail:
	store_rollback(st);
	report_clear(&r);
	buf_clear(&json);
	buf_clear(&detail);
	return rc;
}

/*
 * Reopens a published year so that its figures may change again: the
 * audit trail keeps who, when, why and the figures as published (the
 * JSON snapshot), so that the published report stays reproducible.
 * The reason is required (1 to 500 characters, checked at the edge).
 * CM_NOTFOUND: the year is not published.
 */
enum cm_err
report_reopen(struct store *st, int year, const char *reason,
    const char *actor, int today, char *err, size_t errlen)
{
	struct buf	 detail;
	struct json	 j;
	char		 at[32], obj[32], *by = NULL, *snap = NULL;
	enum cm_err	 rc;

	(void)today;
	if (reason == NULL || reason[0] == '\0') {
		ERR("重新开放须说明理由 (--reason is required)");
		return CM_INVALID;
	}
	buf_init(&detail);
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = store_report_published(st, year, at, &by, &snap)) !=
	    CM_OK) {
		ERR(rc == CM_NOTFOUND ? "%d年度报告尚未发布 (not published)" :
		    "读取失败 (could not read the report: %d)", year);
		goto fail;
	}
	json_init(&j, &detail);
	json_obj_open(&j, NULL);
	json_int(&j, "year", year);
	json_str(&j, "reason", reason);
	json_str(&j, "published_at", at);
	json_str(&j, "published_by", by);
	json_str(&j, "snapshot", snap);
	json_obj_close(&j);
	snprintf(obj, sizeof(obj), "report:%d", year);
	if ((rc = audit_log(st, actor, NULL, "report.reopen", obj,
	    buf_str(&detail))) != CM_OK ||
	    (rc = store_report_unpublish(st, year)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	free(by);
	free(snap);
	buf_clear(&detail);
	return CM_OK;
fail:
	store_rollback(st);
	free(by);
	free(snap);
	buf_clear(&detail);
	return rc;
}
