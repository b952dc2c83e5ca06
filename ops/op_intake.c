/* SPDX-License-Identifier: ISC */
/*
 * Intake as one operation (case_ops.h): the fields checked by the
 * intake table (forms/intake.c), the 90-day similar-request gate
 * (cases/similar.c), the case itself (case_new) and its 登记回执, all
 * in one transaction.  The same for the page, the JSON API and the
 * CLI: a similar request of the same applicant refuses the intake
 * (CM_CONFLICT, field confirm_similar, the cases in out->sim) unless
 * the input says the clerk has checked them; the receipt is issued
 * for every intake -- if it cannot be made (say, the agency settings
 * are incomplete) the case stands without it and receipt_version is 0,
 * as the page always did.
 *
 * An ID number already on file never replaces the typed details
 * (ops/case.c, case_applicant): by default the case keeps them as
 * typed; the input may say to update the record on file or to use the
 * stored details instead.  The page asks first (ask_applicant): when
 * the stored details differ from the typed ones, the intake is refused
 * with the stored record in out->stored, shown beside what was typed.
 *
 * Every refusal names its field: the Art 31 date rules name the date
 * field at fault (case_receipt_check); a receipt date more than
 * LIM_INTAKE_PAST_DAYS back needs confirm_old_date (a typo such as
 * 2019 for 2026 would make the case overdue by years); "register"
 * applies the register action in the same transaction when the Art 29
 * items (cases/art29.c) are all there -- the counter's one step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "cases/similar.h"
#include "forms/intake.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "ops/printable.h"
#include "ops/similar.h"
#include "store/store.h"

/* Cuts a trailing " (English gist)" off a message: the messages of
 * ops/case.c carry one for the log; people see the Chinese. */
char *
op_chinese(char *msg)
{
	char	*p, *q;
	size_t	 n = strlen(msg);

	if (n == 0 || msg[n - 1] != ')')
		return msg;
	if ((p = strrchr(msg, '(')) == NULL || p == msg)
		return msg;
	for (q = p; *q != '\0'; q++)
		if ((unsigned char)*q >= 0x80)
			return msg;
	while (p > msg && p[-1] == ' ')
		p--;
	*p = '\0';
	return msg;
}

void
intake_out_clear(struct intake_out *o)
{
	similar_free(o->sim, o->nsim);
	applicant_clear(&o->stored);
	memset(o, 0, sizeof(*o));
}

/*
 * Registers the case just logged (inside the intake's transaction):
 * refused for field "register", naming the Art 29 items missing from
 * the case as stored (after the applicant record choice), when any is.
 */
static enum cm_err
intake_register(const struct op_ctx *ctx, struct intake_out *out,
    struct op_refusal *rf)
{
	struct case_rec	 cr;
	struct act_input a;
	struct buf	 b;
	char		 err[512];
	enum cm_err	 rc;

	memset(&cr, 0, sizeof(cr));
	if (store_case_get(ctx->st, out->id, &cr) != CM_OK) {
		case_rec_clear(&cr);
		return op_refuse(rf, CM_SYSERR, NULL, "保存失败，请稍后再试");
	}
	out->art29_missing = art29_missing(&cr);
	case_rec_clear(&cr);
	if (out->art29_missing != 0) {
		buf_init(&b);
		art29_list(out->art29_missing, &b);
		op_refuse(rf, CM_CONFLICT, "register", "申请内容不完整，缺少%s，"
		    "不能同时登记。请补全后登记，或仅接收、审核时告知补正（条例第"
		    "三十条）。", buf_str(&b));
		buf_clear(&b);
		return CM_CONFLICT;
	}
	act_input_init(&a);
	a.action = actions[ACT_REGISTER].code;
	a.addr = ctx->addr;
	rc = case_act(ctx->st, ctx->cal, out->id, &a, ctx->actor, ctx->today,
	    err, sizeof(err));
	if (rc == CM_OK)
		rc = letter_after_action(ctx->st, ctx->cal, out->id,
		    a.action, ctx->actor, ctx->today, NULL, err,
		    sizeof(err));
	if (rc != CM_OK)
		return op_refuse(rf, rc, "register", "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(err));
	out->registered = 1;
	return CM_OK;
}

/* The transaction of an intake whose input passed the checks that need
 * no write lock (op_intake): on ctx->st, or on the writer's store
 * (intake_job). */
struct intake_job {
	struct op_ctx		 ctx;
	const struct intake_in	*in;
	struct case_input	 c;
	struct intake_out	*out;
	struct op_refusal	*rf;
};

static enum cm_err	intake_write(const struct op_ctx *,
			    const struct intake_in *, struct case_input,
			    struct intake_out *, struct op_refusal *);

static enum cm_err
intake_job_run(struct store *st, void *arg)
{
	struct intake_job	*j = arg;

	j->ctx.st = st;
	return intake_write(&j->ctx, j->in, j->c, j->out, j->rf);
}

/*
 * The checks of the input alone (fields, printable, dates, role) run
 * first, on ctx->st, without the write lock: with ctx->txn (the server)
 * outside the writer thread, which then runs only the transaction
 * (intake_write: what depends on the stored cases -- the applicant on
 * file, the similar-request gate -- and the writes).
 */
enum cm_err
op_intake(const struct op_ctx *ctx, const struct intake_in *in,
    struct intake_out *out, struct op_refusal *rf)
{
	struct case_input c = in->c;
	struct intake_job j;
	struct op_fonts	 of;
	char		 msg[512], rday_s[DATE_STRLEN];
	const char	*bad;
	int		 f, rday, lost;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_INTAKE))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能登记申请");
	c.addr = ctx->addr;
	if ((f = intake_check(&c, msg, sizeof(msg))) >= 0)
		return op_refuse(rf, CM_INVALID, intake_fields[f].name, "%s",
		    op_chinese(msg));
	/* What no letter could print (issue 16 M6): refused now, not
	 * when the reply is due. */
	op_fonts_load(ctx->st, &of);
	f = intake_check_printable(&c, op_fonts_printable, &of, msg,
	    sizeof(msg));
	op_fonts_clear(&of);
	if (f >= 0)
		return op_refuse(rf, CM_INVALID, intake_fields[f].name, "%s",
		    msg);
	/* The Art 31 dates by channel, at the field at fault. */
	if ((bad = case_receipt_check(&c, ctx->today, &rday, msg,
	    sizeof(msg))) != NULL)
		return op_refuse(rf, CM_INVALID, bad, "%s", msg);
	if (!in->confirm_old_date &&
	    ctx->today - rday > LIM_INTAKE_PAST_DAYS) {
		date_format(rday, rday_s);
		return op_refuse(rf, CM_CONFLICT, "confirm_old_date",
		    "收到日期为%s，已是%d日前（超过%d日），请核对；确系该日收到的，"
		    "请确认后登记。", rday_s, ctx->today - rday,
		    LIM_INTAKE_PAST_DAYS);
	}
	if (in->reg && roles_act(ctx->role, ACT_REGISTER) != GRANT_ALLOW)
		return op_refuse(rf, CM_CONFLICT, "register",
		    "您的角色不能登记申请，请仅接收");
	if (ctx->txn == NULL)
		return intake_write(ctx, in, c, out, rf);
	j.ctx = *ctx;
	j.in = in;
	j.c = c;
	j.out = out;
	j.rf = rf;
	rc = ctx->txn(ctx->txn_arg, intake_job_run, &j, &lost);
	if (lost) {
		/* Its batch did not commit: nothing of it stands. */
		memset(out->id, 0, sizeof(out->id));
		memset(out->number, 0, sizeof(out->number));
		out->registered = 0;
		out->receipt_version = 0;
		op_refusal_init(rf);
		rc = op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	}
	return rc;
}

static enum cm_err
intake_write(const struct op_ctx *ctx, const struct intake_in *in,
    struct case_input c, struct intake_out *out, struct op_refusal *rf)
{
	struct letter_out lo;
	char		 msg[512];
	size_t		 i, used;
	enum cm_err	 rc;

	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* The record on file for the typed ID number, for the clerk to
	 * compare; never put in place of the typed details unasked. */
	if (case_applicant_on_file(ctx->st, &c, &out->stored,
	    &out->stored_differs) != CM_OK) {
		applicant_clear(&out->stored);
		out->stored_differs = 0;
	}
	if (c.applicant_record < 0 || c.applicant_record >= APPL_REC__MAX) {
		store_rollback(ctx->st);
		return op_refuse(rf, CM_INVALID, "applicant_record",
		    "申请人信息的登记方式无效");
	}
	if (!in->confirm_similar &&
	    similar_find(ctx->st, &c, ctx->today, &out->sim, &out->nsim) ==
	    CM_OK && out->nsim > 0) {
		store_rollback(ctx->st);
		op_refuse(rf, CM_CONFLICT, "confirm_similar",
		    "该申请人在%d日内提出过相似的申请：", SIMILAR_DAYS);
		for (i = 0; i < out->nsim && i < 5; i++) {
			used = strlen(rf->msg);
			snprintf(rf->msg + used, sizeof(rf->msg) - used,
			    "%s%s（%s，相似度%d%%）", i > 0 ? "、" : "",
			    out->sim[i].number, out->sim[i].received,
			    out->sim[i].percent);
		}
		used = strlen(rf->msg);
		snprintf(rf->msg + used, sizeof(rf->msg) - used,
		    "。请核对后确认仍然登记。");
		return CM_CONFLICT;
	}
	/* After the similar gate (whose refusal keeps out->stored for the
	 * page to ask both at once). */
	if (in->ask_applicant && out->stored_differs) {
		store_rollback(ctx->st);
		return op_refuse(rf, CM_CONFLICT, "applicant_record",
		    "该证件号码已存档的申请人信息与所填不同，请核对后选择本案如何"
		    "登记申请人信息。");
	}
	rc = case_new(ctx->st, ctx->cal, &c, ctx->actor, ctx->today,
	    out->id, out->number, sizeof(out->number), msg, sizeof(msg));
	if (rc != CM_OK) {
		store_rollback(ctx->st);
		return op_refuse(rf, rc, NULL, "%s", rc == CM_SYSERR ?
		    "保存失败，请稍后再试" : op_chinese(msg));
	}
	if (in->reg && (rc = intake_register(ctx, out, rf)) != CM_OK) {
		store_rollback(ctx->st);
		memset(out->id, 0, sizeof(out->id));
		memset(out->number, 0, sizeof(out->number));
		return rc;
	}
	/* The 登记回执, in its own savepoint: the case stands without it.
	 * Composed here, typeset after the commit (ops/letter_pending.h):
	 * not on the writer thread. */
	if (store_begin(ctx->st) == CM_OK) {
		letter_out_init(&lo);
		if (letter_issue_later(ctx->st, ctx->cal, out->id, "receipt",
		    ctx->actor, ctx->today, &lo, msg, sizeof(msg)) == CM_OK &&
		    store_commit(ctx->st) == CM_OK)
			out->receipt_version = lo.version;
		else
			store_rollback(ctx->st);
		letter_out_clear(&lo);
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		store_rollback(ctx->st);
		memset(out->id, 0, sizeof(out->id));
		return op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	}
	return CM_OK;
}
