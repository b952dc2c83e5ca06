/* SPDX-License-Identifier: ISC */
/*
 * Appeals against a disclosure case: 行政复议 (reconsideration, 行政复议法
 * 2023) and 行政诉讼 (a suit, directly or after reconsideration, 行政诉讼法
 * arts. 45-46).  Recording one is a domain call like a case action: the
 * input is checked against the case and the dates, refused when it would
 * change the figures of a published annual report, and stored in one
 * transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "ops/appeal.h"
#include "ops/case.h"
#include "cases/report.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "ops/op.h"
#include "ops/refuse.h"
#include "ops/report.h"
#include "store/store.h"
#include "store/store_report.h"
#include "util/json.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Checks a result and its date against the filing date: a decided
 * result needs its date, a pending one must have none, and a decision
 * cannot precede the filing nor lie in the future.  Sets *dday.
 */
static const char *
check_result(const char *result, const char *decided, int fday, int today,
    int *dday)
{
	int	 r;

	*dday = DATE_NONE;
	if ((r = appeal_result_find(result)) < 0)
		return "未知的复议或诉讼结果 (unknown result: upheld corrected "
		    "other pending)";
	if (nz(decided) && date_parse(decided, dday) != 0)
		return "审结日期无效 (--decided: not a valid date)";
	if (r == AR_PENDING && *dday != DATE_NONE)
		return "尚未审结的案件不能有审结日期 (a pending appeal has no "
		    "--decided date)";
	if (r != AR_PENDING && *dday == DATE_NONE)
		return "已审结的须填写审结日期 (a result other than pending "
		    "needs --decided)";
	if (*dday != DATE_NONE && *dday < fday)
		return "审结日期不能早于申请或起诉日期 (decided before filed)";
	if (*dday != DATE_NONE && *dday > today)
		return "审结日期不能晚于今天 (the decision date is in the "
		    "future)";
	return NULL;
}

/*
 * The result an appeal shows in the table 四 of its filing year: an
 * appeal counts once, in the year it was filed, with its result as of
 * 31 December of that year (docs/report.md).
 */
static const char *
year_end_result(int fday, const char *result, int dday)
{
	if (dday == DATE_NONE || date_year(dday) != date_year(fday))
		return appeal_results[AR_PENDING].code;
	return result;
}

/*
 * Would the change of an appeal from (oresult, oday) to (result, dday)
 * alter the table 四 of a published year?  oresult NULL: a new appeal.
 * Sets *year to that year or 0.
 */
static enum cm_err
appeal_locked(struct store *st, int fday, const char *oresult, int oday,
    const char *result, int dday, int *year)
{
	int		 fy = date_year(fday), locked = 0;
	enum cm_err	 rc;

	*year = 0;
	if ((rc = report_year_locked(st, fy, &locked)) != CM_OK)
		return rc;
	if (locked && (oresult == NULL || strcmp(year_end_result(fday,
	    oresult, oday), year_end_result(fday, result, dday)) != 0))
		*year = fy;
	return CM_OK;
}

/*
 * Records an appeal against a case: kind and result are codes.md codes
 * (result defaults to pending), the filing date lies between the case's
 * receipt and today, and a result other than pending comes with the
 * date it was decided (not before the filing).  Returns the new id in
 * *id.  CM_NOTFOUND: no such case; CM_INVALID: bad input; CM_CONFLICT:
 * the appeal would change the figures of a published annual report.
 * A message goes to err.
 */
enum cm_err
appeal_add(struct store *st, const struct appeal_input *in,
    const char *actor, int today, int64_t *id, char *err, size_t errlen)
{
	struct case_rec	 c;
	const char	*msg, *result;
	char		 now[32], filed[DATE_STRLEN], decided[DATE_STRLEN];
	int		 fday, dday, rday, ly;
	enum cm_err	 rc;

	(void)actor;
	memset(&c, 0, sizeof(c));
	if (appeal_kind_find(in->kind) < 0) {
		ERR("未知的类型 (unknown kind: reconsideration "
		    "litigation_direct litigation_after_review)");
		return CM_INVALID;
	}
	if (!nz(in->filed) || date_parse(in->filed, &fday) != 0) {
		ERR("申请或起诉日期无效 (--filed: not a valid date)");
		return CM_INVALID;
	}
	if (fday > today) {
		ERR("申请或起诉日期不能晚于今天 (--filed is in the future)");
		return CM_INVALID;
	}
	result = nz(in->result) ? in->result : appeal_results[AR_PENDING].code;
	if ((msg = check_result(result, in->decided, fday, today,
	    &dday)) != NULL) {
		ERR("%s", msg);
		return CM_INVALID;
	}
	date_format(fday, filed);
	decided[0] = '\0';
	if (dday != DATE_NONE)
		date_format(dday, decided);

	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = store_case_get(st, in->case_key, &c)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取案件失败 (could not load the case)");
		goto fail;
	}
	if (date_parse(c.received, &rday) == 0 && fday < rday) {
		ERR("申请或起诉日期早于收到申请的日期 (filed before the "
		    "request was received)");
		rc = CM_INVALID;
		goto fail;
	}
	if ((rc = appeal_locked(st, fday, NULL, DATE_NONE, result, dday,
	    &ly)) != CM_OK) {
		ERR("读取年度报告状态失败 (could not read the report lock)");
		goto fail;
	}
	if (ly != 0) {
		ERR("%d年度报告已发布，不能再改变其数字；如需更正，请先"
		    "重新开放 (the %d annual report is published: foidesk "
		    "report reopen)", ly, ly);
		rc = CM_CONFLICT;
		goto fail;
	}
	now_iso(now);
	if ((rc = store_appeal_insert(st, c.id, in->kind, filed,
	    nz(in->body), result, decided, now, id)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	case_rec_clear(&c);
	return CM_OK;
fail:
	store_rollback(st);
	case_rec_clear(&c);
	return rc;
}

/*
 * Records the result of a pending (or earlier decided) appeal, with the
 * same rules as appeal_add.  CM_NOTFOUND: no such appeal; CM_INVALID:
 * bad input; CM_CONFLICT: a published report would change.
 */
enum cm_err
appeal_decide(struct store *st, int64_t id, const char *result,
    const char *decided, const char *actor, int today, char *err,
    size_t errlen)
{
	struct appeal_rec a;
	const char	*msg;
	char		 dstr[DATE_STRLEN];
	int		 fday, dday, oday, ly;
	enum cm_err	 rc;

	(void)actor;
	memset(&a, 0, sizeof(a));
	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		return rc;
	}
	if ((rc = store_appeal_get(st, id, &a)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个复议或诉讼记录 (no such appeal)" :
		    "读取失败 (could not load the appeal)");
		goto fail;
	}
	if (date_parse(a.filed, &fday) != 0) {
		ERR("记录已损坏 (corrupt filing date)");
		rc = CM_SYSERR;
		goto fail;
	}
	if ((msg = check_result(result, decided, fday, today, &dday)) !=
	    NULL) {
		ERR("%s", msg);
		rc = CM_INVALID;
		goto fail;
	}
	if (a.decided[0] == '\0' || date_parse(a.decided, &oday) != 0)
		oday = DATE_NONE;
	if ((rc = appeal_locked(st, fday, a.result, oday, result, dday,
	    &ly)) != CM_OK) {
		ERR("读取年度报告状态失败 (could not read the report lock)");
		goto fail;
	}
	if (ly != 0) {
		ERR("%d年度报告已发布，不能再改变其数字；如需更正，请先"
		    "重新开放 (the %d annual report is published: foidesk "
		    "report reopen)", ly, ly);
		rc = CM_CONFLICT;
		goto fail;
	}
	dstr[0] = '\0';
	if (dday != DATE_NONE)
		date_format(dday, dstr);
	if ((rc = store_appeal_decide(st, id, result, dstr)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	appeal_rec_clear(&a);
	return CM_OK;
fail:
	store_rollback(st);
	appeal_rec_clear(&a);
	return rc;
}

/*
 * Loads the appeals of a case (by UUID or number), oldest first, into
 * a new array that the caller frees with appeals_free().  CM_NOTFOUND
 * for an unknown case.
 */
enum cm_err
appeal_list(struct store *st, const char *case_key, struct appeal_rec **out,
    size_t *n)
{
	struct case_rec	 c;
	enum cm_err	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_case_get(st, case_key, &c)) == CM_OK)
		rc = store_appeals_of_case(st, c.id, out, n);
	case_rec_clear(&c);
	return rc;
}

/* Checks a result code and a decision date as typed. */
static enum cm_err
op_result_check(const char *result, const char *decided,
    struct op_refusal *rf)
{
	const char	*m;

	if (nz(result) && appeal_result_find(result) < 0)
		return op_refuse(rf, CM_INVALID, "result",
		    "结果应为结果维持、结果纠正、其他结果或尚未审结");
	if (nz(decided) && (m = valid_date(decided)) != NULL)
		return op_refuse(rf, CM_INVALID, "decided", "审结日期：%s", m);
	return CM_OK;
}

/*
 * Records an appeal against a case (see appeal_add for the rules).
 * out->id gets its id.
 */
enum cm_err
op_appeal_add(const struct op_ctx *ctx, const struct appeal_input *in,
    struct appeal_add_out *out, struct op_refusal *rf)
{
	const char	*m;
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	out->id = 0;
	if (valid_text(in->case_key, LIM_CASE_KEY_CHARS, 1, 0) != NULL)
		return op_refuse(rf, CM_INVALID, "case", "案件编号无效");
	if (appeal_kind_find(in->kind) < 0)
		return op_refuse(rf, CM_INVALID, "kind",
		    "类别应为行政复议、未经复议直接起诉或复议后起诉");
	if (!nz(in->filed))
		return op_refuse(rf, CM_INVALID, "filed",
		    "申请或起诉日期：不能为空");
	if ((m = valid_date(in->filed)) != NULL)
		return op_refuse(rf, CM_INVALID, "filed", "申请或起诉日期：%s",
		    m);
	if ((m = valid_text(in->body, APPEAL_BODY_CHARS, 0, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "body", "复议机关或法院：%s",
		    m);
	if ((rc = op_result_check(in->result, in->decided, rf)) != CM_OK)
		return rc;
	if ((rc = appeal_add(ctx->st, in, ctx->actor, ctx->today, &out->id,
	    err, sizeof(err))) != CM_OK)
		return op_refuse_msg(rf, rc, NULL, err);
	return CM_OK;
}

/* Checks the redo order of a decision (decision 12) as typed. */
static enum cm_err
op_redo_check(const struct appeal_decide_in *in, struct op_refusal *rf)
{
	const char	*m;
	int		 d, r;

	if (!in->redo) {
		if (nz(in->received) || in->days != 0)
			return op_refuse(rf, CM_INVALID, "redo",
			    "收到决定日期和重新答复期限只用于责令重新答复");
		return CM_OK;
	}
	if (strcmp(in->result, appeal_results[AR_CORRECTED].code) != 0)
		return op_refuse(rf, CM_INVALID, "redo",
		    "只有结果纠正的决定可以责令重新答复");
	if (nz(in->received) && (m = valid_date(in->received)) != NULL)
		return op_refuse(rf, CM_INVALID, "received", "收到决定日期：%s",
		    m);
	if (nz(in->received) && nz(in->decided) &&
	    date_parse(in->received, &r) == 0 &&
	    date_parse(in->decided, &d) == 0 && r < d)
		return op_refuse(rf, CM_INVALID, "received",
		    "收到决定日期不能早于审结日期");
	if (in->days < 0 || in->days > LIM_REDO_WD_MAX)
		return op_refuse(rf, CM_INVALID, "days",
		    "重新答复期限应为1至%d个工作日", LIM_REDO_WD_MAX);
	return CM_OK;
}

/*
 * Records the result of an appeal (see appeal_decide).  A `corrected`
 * result with redo set also reopens the case for a new reply (decision
 * 12, case_redo): from the day the agency received the decision
 * (default the decision's date), within days working days (default 20);
 * both in one transaction.
 */
enum cm_err
op_appeal_decide(const struct op_ctx *ctx, const struct appeal_decide_in *in,
    struct op_refusal *rf)
{
	struct appeal_rec a;
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if (in->id < 1)
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这个复议或诉讼记录");
	if (!nz(in->result))
		return op_refuse(rf, CM_INVALID, "result", "结果：不能为空");
	if ((rc = op_result_check(in->result, in->decided, rf)) != CM_OK)
		return rc;
	if ((rc = op_redo_check(in, rf)) != CM_OK)
		return rc;
	if (!in->redo) {
		if ((rc = appeal_decide(ctx->st, in->id, in->result,
		    in->decided, ctx->actor, ctx->today, err, sizeof(err))) !=
		    CM_OK)
			return op_refuse_msg(rf, rc, NULL, err);
		return CM_OK;
	}
	memset(&a, 0, sizeof(a));
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = appeal_decide(ctx->st, in->id, in->result, in->decided,
	    ctx->actor, ctx->today, err, sizeof(err))) != CM_OK ||
	    (rc = store_appeal_get(ctx->st, in->id, &a)) != CM_OK ||
	    (rc = case_redo(ctx->st, ctx->cal, a.case_id,
	    nz(in->received) ? in->received : in->decided, in->days,
	    "复议或诉讼决定纠正，责令重新答复", ctx->actor, ctx->today, err,
	    sizeof(err))) != CM_OK) {
		store_rollback(ctx->st);
		appeal_rec_clear(&a);
		return op_refuse_msg(rf, rc, NULL, err);
	}
	appeal_rec_clear(&a);
	if ((rc = store_commit(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "保存失败");
	return CM_OK;
}
