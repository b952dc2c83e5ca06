/* SPDX-License-Identifier: ISC */
/* Operations on the annual report (see annual.h). */
#include <stdio.h>
#include <string.h>

#include "cases/chain.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/report.h"
#include "forms/validate.h"
#include "ops/annual.h"
#include "ops/op.h"
#include "ops/refuse.h"
#include "ops/report.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_report.h"
#include "util/buf.h"
#include "util/clock.h"

/* The label of section s as the report page shows it. */
static const char *
section_title(int s)
{
	return report_section_titles[s == RS_1 ? 0 : s == RS_5 ? 4 : 5];
}

/* A year the office may write: 2000 up to the current year. */
static enum cm_err
year_check(const struct op_ctx *ctx, int year, struct op_refusal *rf)
{
	if (year < LIM_YEAR_MIN || year > date_year(ctx->today))
		return op_refuse(rf, CM_INVALID, "year",
		    "年度应为%d年至今年", LIM_YEAR_MIN);
	return CM_OK;
}

/* Opens the operation's transaction. */
static enum cm_err
begin(const struct op_ctx *ctx, struct op_refusal *rf)
{
	enum cm_err	 rc;

	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	return CM_OK;
}

/* Commits, or rolls back and refuses. */
static enum cm_err
end(const struct op_ctx *ctx, enum cm_err rc, struct op_refusal *rf)
{
	if (rc == CM_OK && (rc = store_commit(ctx->st)) != CM_OK)
		op_refuse(rf, rc, NULL, "保存失败");
	if (rc != CM_OK)
		store_rollback(ctx->st);
	return rc;
}

/*
 * Enters the given figures of table 二 for a year, all or none: a
 * count (at most 10^9), or for fees.amount 万元 with up to four
 * decimals.  CM_CONFLICT when the year is published.
 */
enum cm_err
op_report_figures(const struct op_ctx *ctx,
    const struct report_figures_in *in, struct op_refusal *rf)
{
	char		 err[512];
	int		 i;
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = year_check(ctx, in->year, rf)) != CM_OK ||
	    (rc = begin(ctx, rf)) != CM_OK)
		return rc;
	for (i = 0; i < RF__MAX && rc == CM_OK; i++) {
		if (in->v[i] == NULL)
			continue;
		if ((rc = report_figure_set(ctx->st, in->year,
		    report_figs[i].key, in->v[i], ctx->actor, ctx->today, err,
		    sizeof(err))) == CM_INVALID) {
			op_refuse_msg(rf, rc, report_figs[i].key, err);
			snprintf(err, sizeof(err), "%s", rf->msg);
			op_refuse(rf, rc, report_figs[i].key, "%s · %s：%s",
			    report_figs[i].item, report_figs[i].column, err);
		} else if (rc != CM_OK)
			op_refuse_msg(rf, rc, NULL, err);
	}
	return end(ctx, rc, rf);
}

/*
 * Stores the given sections of a year's report (valid UTF-8, at most
 * 20,000 characters each; "" removes one, and 六 then falls back to
 * the generated draft), all or none.
 */
enum cm_err
op_report_texts(const struct op_ctx *ctx, const struct report_texts_in *in,
    struct op_refusal *rf)
{
	const char	*m;
	char		 err[256], key[8];
	int		 i;
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = year_check(ctx, in->year, rf)) != CM_OK)
		return rc;
	for (i = 0; i < RS__MAX; i++) {
		snprintf(key, sizeof(key), "s%d", i);
		if (in->text[i] != NULL && (m = valid_text(in->text[i],
		    ANNUAL_TEXT_CHARS, 0, 1)) != NULL)
			return op_refuse(rf, CM_INVALID, key, "%s：%s",
			    section_title(i), m);
	}
	if ((rc = begin(ctx, rf)) != CM_OK)
		return rc;
	for (i = 0; i < RS__MAX && rc == CM_OK; i++)
		if (in->text[i] != NULL && (rc = report_text_set(ctx->st,
		    in->year, report_section_codes[i], in->text[i], ctx->actor,
		    ctx->today, err, sizeof(err))) != CM_OK)
			op_refuse_msg(rf, rc, NULL, err);
	return end(ctx, rc, rf);
}

/* Notes which of sections 一, 五 and 六 have text (decision 16). */
static void
section_seen(const char *section, const char *body, void *arg)
{
	int	*have = arg;
	size_t	 i;

	for (i = 0; i < RS__MAX; i++)
		if (strcmp(section, report_section_codes[i]) == 0 &&
		    body != NULL && body[strspn(body, " \t\r\n")] != '\0')
			have[i] = 1;
}

/*
 * Refuses publishing while one of sections 一, 五 and 六 has no text
 * (decision 16; Reg. Art 50), naming the missing ones as the report
 * page labels them.
 */
static enum cm_err
sections_written(const struct op_ctx *ctx, int year, struct op_refusal *rf)
{
	struct buf	 miss;
	int		 have[RS__MAX] = { 0 }, i;
	enum cm_err	 rc;

	if ((rc = store_report_texts(ctx->st, year, section_seen, have)) !=
	    CM_OK)
		return op_refuse(rf, rc, NULL, "读取报告正文失败");
	buf_init(&miss);
	for (i = 0; i < RS__MAX; i++)
		if (!have[i])
			buf_printf(&miss, "%s“%s”", miss.len > 0 ? "、" : "",
			    section_title(i));
	if (miss.len > 0)
		rc = op_refuse(rf, CM_CONFLICT, NULL, "年度报告尚缺以下部分的"
		    "正文，填写后才能发布：%s", buf_str(&miss));
	buf_clear(&miss);
	return rc;
}

/*
 * Publishes a past year: freezes its figures, after which changes that
 * would alter them are refused until reopened.  CM_CONFLICT when it is
 * published already, its checks fail or sections 一, 五 or 六 have no
 * text (decision 16).
 */
/*
 * Stores the anchor of the event and audit chains (cases/chain.h) as of
 * the publication in the setting "chain_anchor_report_YEAR": a published
 * report fixes the log it was counted from.  A broken chain refuses the publication.
 */
static enum cm_err
publish_anchor(const struct op_ctx *ctx, int year, struct op_refusal *rf)
{
	struct chain_report	 r;
	struct audit_chain_report ar;
	char			 a[CHAIN_ANCHOR_MAX], key[64], now[32];
	enum cm_err		 rc;

	now_iso(now);
	if ((rc = chain_anchor(ctx->st, now, &r, &ar, a)) != CM_OK)
		return op_refuse(rf, rc, NULL, rc == CM_CONFLICT ?
		    "事件记录或操作日志校验未通过（链头缺失或记录被改动），"
		    "不能发布；请先运行 foidesk audit verify" : "保存失败");
	snprintf(key, sizeof(key), "chain_anchor_report_%d", year);
	if ((rc = setting_put(ctx->st, key, a)) != CM_OK)
		return op_refuse(rf, rc, NULL, "保存失败");
	return CM_OK;
}

enum cm_err
op_report_publish(const struct op_ctx *ctx, const struct report_year_in *in,
    struct report_publish_out *out, struct op_refusal *rf)
{
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	if (in->year < LIM_YEAR_MIN || in->year >= date_year(ctx->today))
		return op_refuse(rf, CM_INVALID, "year",
		    "只能发布已结束年度的报告");
	if ((rc = begin(ctx, rf)) != CM_OK)
		return rc;
	if ((rc = sections_written(ctx, in->year, rf)) != CM_OK)
		return end(ctx, rc, rf);
	if ((rc = report_publish(ctx->st, in->year, ctx->actor, ctx->today,
	    err, sizeof(err))) != CM_OK)
		op_refuse_msg(rf, rc, NULL, err);
	else if ((rc = store_report_published(ctx->st, in->year,
	    out->published_at, NULL, NULL)) != CM_OK)
		op_refuse(rf, rc, NULL, "保存失败");
	else
		rc = publish_anchor(ctx, in->year, rf);
	return end(ctx, rc, rf);
}

/* Reopens a published year with the reason, kept in the audit trail
 * with the snapshot as published. */
enum cm_err
op_report_reopen(const struct op_ctx *ctx, const struct report_year_in *in,
    struct op_refusal *rf)
{
	const char	*m;
	char		 err[512];
	enum cm_err	 rc;

	op_refusal_init(rf);
	if ((rc = year_check(ctx, in->year, rf)) != CM_OK)
		return rc;
	if ((m = valid_text(in->reason, ANNUAL_REASON_CHARS, 1, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, "reason", "重新开放的理由：%s",
		    m);
	if ((rc = begin(ctx, rf)) != CM_OK)
		return rc;
	if ((rc = report_reopen(ctx->st, in->year, in->reason, ctx->actor,
	    ctx->today, err, sizeof(err))) != CM_OK)
		op_refuse_msg(rf, rc, NULL, err);
	return end(ctx, rc, rf);
}
