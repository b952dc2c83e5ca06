/* SPDX-License-Identifier: ISC */
/*
 * Guarded transitions.  Each action lists the states it may start from
 * and the state it leads to; lifecycle_check() adds the rules that
 * depend on dates and history.  Messages are Chinese for the user with
 * the English gist in brackets for logs and scripts.
 */
#include <stddef.h>

#include "cases/date.h"
#include "cases/limits.h"
#include "cases/lifecycle.h"

#define S(x)		(1u << (x))
#define OPEN_MASK	(S(ST_RECEIVED) | S(ST_REGISTERED) | \
			 S(ST_UNDER_REVIEW) | S(ST_AWAITING_CORRECTION) | \
			 S(ST_HANDLING) | S(ST_CONSULTING) | S(ST_AWAITING_FEE))
#define SAME		(-1)

static const struct {
	unsigned	 from;
	int		 to;
} transitions[ACT__MAX] = {
	[ACT_RECEIVE] =		{ 0, ST_RECEIVED },
	[ACT_REGISTER] =	{ S(ST_RECEIVED), ST_REGISTERED },
	[ACT_REVIEW] =		{ S(ST_REGISTERED), ST_UNDER_REVIEW },
	[ACT_ACCEPT] =		{ S(ST_UNDER_REVIEW), ST_HANDLING },
	[ACT_REQUEST_CORRECTION] = { S(ST_UNDER_REVIEW),
				  ST_AWAITING_CORRECTION },
	[ACT_CORRECTED] =	{ S(ST_AWAITING_CORRECTION), ST_UNDER_REVIEW },
	[ACT_CORRECTION_LAPSED] = { S(ST_AWAITING_CORRECTION), ST_REPLIED },
	[ACT_CONSULT_START] =	{ S(ST_HANDLING), ST_CONSULTING },
	[ACT_CONSULT_END] =	{ S(ST_CONSULTING), ST_HANDLING },
	[ACT_FEE_NOTICE] =	{ S(ST_HANDLING), ST_AWAITING_FEE },
	[ACT_FEE_PAID] =	{ S(ST_AWAITING_FEE), ST_HANDLING },
	[ACT_FEE_LAPSED] =	{ S(ST_AWAITING_FEE), ST_REPLIED },
	[ACT_EXTEND] =		{ S(ST_HANDLING) | S(ST_CONSULTING) |
				  S(ST_AWAITING_FEE), SAME },
	[ACT_REPLY] =		{ S(ST_REGISTERED) | S(ST_UNDER_REVIEW) |
				  S(ST_HANDLING), ST_REPLIED },
	[ACT_WITHDRAW] =	{ OPEN_MASK, ST_REPLIED },
	[ACT_ARCHIVE] =		{ S(ST_REPLIED), ST_ARCHIVED },
	/* Decision 12: only through a 纠正 decision (ops/appeal.c). */
	[ACT_REDO] =		{ S(ST_REPLIED) | S(ST_ARCHIVED), ST_HANDLING },
	/* Art 35 (decision 14): steps while handling; no clock stops. */
	[ACT_ASK_REASONS] =	{ S(ST_HANDLING), SAME },
	[ACT_REASONS_RECEIVED] = { S(ST_HANDLING), SAME },
	[ACT_SET_LATER_DEADLINE] = { S(ST_HANDLING), SAME },
};

/* The state after action a from state s, or -1 if a is not allowed. */
int
lifecycle_next(enum case_state s, enum action a)
{
	if ((transitions[a].from & S(s)) == 0)
		return -1;
	return transitions[a].to == SAME ? (int)s : transitions[a].to;
}

int
lifecycle_is_open(enum case_state s)
{
	return (OPEN_MASK & S(s)) != 0;
}

/* Bit set of the actions allowed from state s (bit i = enum action i);
 * a redo is no officer's action (it follows an appeal's decision). */
unsigned
lifecycle_allowed(enum case_state s)
{
	unsigned	 m = 0;
	int		 a;

	for (a = 0; a < ACT__MAX; a++)
		if (a != ACT_REDO && transitions[a].from & S(s))
			m |= 1u << a;
	return m;
}

static const char *
state_refusal(enum action a)
{
	switch (a) {
	case ACT_ARCHIVE:
		return "答复后方可归档 (archive only after a reply)";
	case ACT_REGISTER:
		return "只有已接收的申请可以登记 (register only a received case)";
	case ACT_REVIEW:
		return "只有已登记的申请可以审核 (review only a registered case)";
	case ACT_ACCEPT:
	case ACT_REQUEST_CORRECTION:
		return "只有审核中的申请可以受理或告知补正"
		    " (only a case under review)";
	case ACT_CORRECTED:
	case ACT_CORRECTION_LAPSED:
		return "该申请不在待补正状态 (not awaiting correction)";
	case ACT_CONSULT_START:
	case ACT_FEE_NOTICE:
		return "只有办理中的申请可以征求意见或发出收费通知"
		    " (only a case being handled)";
	case ACT_CONSULT_END:
		return "该申请没有正在进行的征求意见 (no consultation open)";
	case ACT_FEE_PAID:
	case ACT_FEE_LAPSED:
		return "该申请不在待缴费状态 (not awaiting a fee)";
	case ACT_EXTEND:
		return "只有办理中的申请可以延期 (extend only while handling)";
	case ACT_REPLY:
		return "该状态下不能答复 (cannot reply in this state)";
	case ACT_WITHDRAW:
		return "申请已办结 (the case is already closed)";
	case ACT_REDO:
		return "只有已答复或已归档的申请可以重新答复"
		    " (redo only a replied or archived case)";
	case ACT_ASK_REASONS:
	case ACT_REASONS_RECEIVED:
	case ACT_SET_LATER_DEADLINE:
		return "只有办理中的申请可以要求说明理由或确定延迟答复期限"
		    " (only a case being handled)";
	default:
		return "不允许的操作 (action not allowed)";
	}
}

/*
 * Checks a proposed action.  Returns NULL when it may proceed, else a
 * static message saying why not.
 */
/*
 * The Art 35 steps (decision 14): reasons are asked once at a time and
 * received only when asked; a later deadline needs the reasons (found
 * reasonable), is set once, and before the deadline in force passes
 * (decision 9: nothing but the reply ends "overdue").
 */
static const char *
art35_check(const struct lc_check *c)
{
	const struct deadline *d = c->dl;

	if (d == NULL)
		return NULL;
	switch (c->action) {
	case ACT_ASK_REASONS:
		if (d->reasons_asked != DATE_NONE &&
		    d->reasons_received == DATE_NONE)
			return "已要求申请人说明理由，尚未收到 (reasons already "
			    "asked)";
		break;
	case ACT_REASONS_RECEIVED:
		if (d->reasons_asked == DATE_NONE ||
		    d->reasons_received != DATE_NONE)
			return "尚未要求申请人说明理由 (no open request for "
			    "reasons)";
		break;
	case ACT_SET_LATER_DEADLINE:
		if (d->reasons_received == DATE_NONE)
			return "须先收到申请人的理由说明 (reasons first: "
			    "ask-reasons, reasons-received)";
		if (d->later_on != DATE_NONE)
			return "已确定延迟答复期限 (a later deadline is already "
			    "set)";
		if (c->days < 1 || c->days > LIM_LATER_DEADLINE_WD_MAX)
			return "延迟答复期限应为1至" LIM_STR(LIM_LATER_DEADLINE_WD_MAX)
			    "个工作日 (1 to " LIM_STR(LIM_LATER_DEADLINE_WD_MAX)
			    " working days)";
		if (!d->stopped && d->due != DATE_NONE && c->on > d->due)
			return "答复期限已过，不能再确定延迟答复期限 (the "
			    "deadline in force has passed)";
		break;
	default:
		break;
	}
	return NULL;
}

const char *
lifecycle_check(const struct lc_check *c)
{
	const char	*msg;

	if (lifecycle_next(c->state, c->action) < 0)
		return state_refusal(c->action);
	if (c->on == DATE_NONE)
		return "缺少生效日期 (an effective date is needed)";
	if (c->on > c->today)
		return "生效日期不能晚于今天 (the effective date is in the future)";
	if (c->on < c->last_on)
		return "生效日期早于上一操作 (the effective date precedes the "
		    "last event)";
	if (c->action == ACT_REPLY && c->outcome < 0)
		return "答复需要选择答复结果 (a reply needs an outcome)";
	if (c->action != ACT_REPLY && c->outcome >= 0)
		return "只有答复操作可以指定答复结果 (an outcome goes only with reply)";
	if (c->action == ACT_REPLY) {
		if (c->outcome == OUT_OTHER_NO_CORRECTION ||
		    c->outcome == OUT_OTHER_NO_FEE)
			return "逾期未补正或未缴费请使用相应操作"
			    " (use correction-lapsed or fee-lapsed)";
		/* 30号 row （四）3: only after a correction round. */
		if (c->outcome == OUT_UNAVAILABLE_UNCLEAR && !c->corrected)
			return "“补正后申请内容仍不明确”须先告知补正"
			    " (unavailable.unclear needs a prior correction)";
		if (c->state == ST_REGISTERED &&
		    c->dl != NULL && c->on != c->dl->received)
			return "当场答复须在收到申请当日作出"
			    " (an on-the-spot reply is made on the day of receipt)";
	}
	if (c->action == ACT_EXTEND) {
		/* Art 33 ¶2: once, at most 20 working days, approved by
		 * the head of the office before the deadline lapses. */
		if (c->extended)
			return "已延期一次，不能再次延期 (already extended once)";
		if (c->days < 1 || (c->dl != NULL && c->days > c->dl->period))
			return "延长期限最多" LIM_STR(LAW_EXTENSION_WD)
			    "个工作日 (an extension is 1 to "
			    LIM_STR(LAW_EXTENSION_WD) " working days)";
		if (c->dl != NULL && !c->dl->stopped &&
		    c->dl->due != DATE_NONE && c->on > c->dl->due)
			return "延期须在答复期限届满前批准 (extension must be "
			    "approved before the deadline in force)";
	}
	if ((msg = art35_check(c)) != NULL)
		return msg;
	/* Decision 9: a suspension (or a correction notice, which stops
	 * the clock too) cannot start once the deadline in force has
	 * passed, so no action but the reply ends "overdue". */
	if ((c->action == ACT_CONSULT_START || c->action == ACT_FEE_NOTICE ||
	    c->action == ACT_REQUEST_CORRECTION) && c->dl != NULL &&
	    !c->dl->stopped && c->dl->due != DATE_NONE && c->on > c->dl->due)
		return "答复期限已过，不能再中止计算 (the deadline in force has "
		    "passed: no suspension may start)";
	if (c->action == ACT_FEE_NOTICE && c->amount_fen <= 0)
		return "收费通知需要金额 (fee-notice needs an amount)";
	/* Decision 10: a period from the recipient's receipt cannot
	 * lapse before its received date is recorded. */
	if (c->action == ACT_CORRECTION_LAPSED && c->dl != NULL &&
	    (c->dl->awaiting & DL_AWAIT_CORRECTION))
		return "补正告知书的收到日期尚未记录（待确认送达），无法确认补正期限"
		    "是否届满；请先记录送达 (the correction notice's "
		    "received date is not recorded)";
	if (c->action == ACT_FEE_LAPSED && c->dl != NULL &&
	    (c->dl->awaiting & DL_AWAIT_FEE))
		return "收费通知书的收到日期尚未记录（待确认送达），无法确认缴费期限"
		    "是否届满；请先记录送达 (the fee notice's received date "
		    "is not recorded)";
	if (c->action == ACT_CONSULT_END && c->dl != NULL &&
	    (c->dl->awaiting & DL_AWAIT_CONSULT) &&
	    c->dl->consult_cap_min != DATE_NONE &&
	    c->on > c->dl->consult_cap_min)
		return "征求意见书的收到日期尚未记录（待确认送达），无法确认第三方"
		    "15个工作日的期限是否届满；请先记录送达 (the consultation "
		    "letter's received date is not recorded)";
	if (c->action == ACT_CORRECTION_LAPSED && c->dl != NULL &&
	    c->dl->correction_deadline != DATE_NONE &&
	    c->on <= c->dl->correction_deadline)
		return "补正期限尚未届满 (the correction period has not lapsed)";
	if (c->action == ACT_FEE_LAPSED && c->dl != NULL &&
	    c->dl->fee_due != DATE_NONE && c->on <= c->dl->fee_due)
		return "缴费期限尚未届满 (the payment period has not lapsed)";
	return NULL;
}
