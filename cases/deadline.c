/* SPDX-License-Identifier: ISC */
/*
 * Statutory clocks for one case, derived from its events.
 *
 * Reply within 20 working days of receipt (OGI Regulations art. 33 ¶1;
 * 15 under the 2007 Regulations for receipts before 2019-05-15).  The
 * day of receipt is day 0 (domain.md decision 1; 民事诉讼法 art. 85,
 * 民法典 art. 201).  A correction request stops the clock; the corrected
 * application restarts a fresh 20 days (art. 30; decision 3).  Third-
 * party and inter-agency consultations (arts. 32, 34, 33 ¶3) and the
 * fee-notice wait (109号; decision 5) are suspensions: the working days
 * in (S, E] are not counted (decision 2), a consultation at most 15
 * working days after S.  One extension of up to 20 working days may be
 * added (art. 33 ¶2; decision 4).  Asking the applicant to state
 * reasons (art. 35) stops no clock -- the Regulations suspend only for
 * consultations (art. 33 ¶3) -- and a reasonable later deadline set
 * under art. 35 replaces the deadline in force: N working days from the
 * day it was set (decision 14).
 */
#include <stdarg.h>
#include <stdio.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/deadline.h"

#define REG2019_IN_FORCE	"2019-05-15"

void
deadline_init(struct deadline *d)
{
	d->received = d->start = d->due = d->due_base = DATE_NONE;
	d->internal_target = d->correction_due = DATE_NONE;
	d->correction_deadline = d->fee_due = DATE_NONE;
	d->suspended_since = d->suspension_cap = d->closed_on = DATE_NONE;
	d->concluded_on = DATE_NONE;
	d->redone = 0;
	d->period = DL_PERIOD;
	d->suspended_days = d->extended_days = d->wd_left = 0;
	d->stopped = d->due_soon = d->overdue = d->late = 0;
	d->late_correction = 0;
	d->on_the_spot = d->provisional = 0;
	d->reasons_asked = d->reasons_received = d->later_on = DATE_NONE;
	d->later_days = 0;
	d->awaiting = 0;
	d->awaiting_since = d->consult_cap_min = DATE_NONE;
	buf_init(&d->explain);
}

void
deadline_clear(struct deadline *d)
{
	buf_clear(&d->explain);
}

static void say(struct deadline *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends one clause of the explanation, separated by "；". */
static void
say(struct deadline *d, const char *fmt, ...)
{
	va_list	 ap;

	if (d->explain.len > 0)
		buf_puts(&d->explain, "；");
	va_start(ap, fmt);
	buf_vprintf(&d->explain, fmt, ap);
	va_end(ap);
}

/*
 * Day 0 of a period that runs from the recipient's receipt (decision
 * 10): the received day, or DATE_NONE (flagging the period `flag' as
 * awaiting, with the dispatch day as lower bound) while unknown.
 */
static int
receipt_day(const struct dl_event *e, int flag, struct deadline *d)
{
	if (!e->by_receipt)
		return e->on;
	d->awaiting &= ~flag;
	if (e->rcvd != DATE_NONE)
		return e->rcvd;
	d->awaiting |= flag;
	d->awaiting_since = e->sent != DATE_NONE ? e->sent : e->on;
	return DATE_NONE;
}

/* calendar_add_workdays() that keeps DATE_NONE. */
static int
add_wd(const struct calendar *cal, int from, int n, int *p)
{
	*p = 0;
	if (from == DATE_NONE)
		return DATE_NONE;
	return calendar_add_workdays(cal, from, n, p);
}

/*
 * Computes the clocks of a case from its events (oldest first; the first
 * must be ACT_RECEIVE) as of today, into d (deadline_init()ed by the
 * caller; its explanation is rewritten).  correction_period is the
 * agency's 补正 period in working days.  Returns 0, or -1 when a date
 * falls outside the calendar's span.
 */
int
deadline_compute(const struct dl_event *ev, size_t n,
    const struct calendar *cal, int today, int correction_period,
    struct deadline *d)
{
	size_t	 i;
	int	 prov, p, end, w, cutover, later_base = 0;
	char	 sa[DATE_STRLEN], sb[DATE_STRLEN];
	const char *e_party_label = "征求第三方意见";

	buf_reset(&d->explain);
	date_parse(REG2019_IN_FORCE, &cutover);
	prov = 0;
	for (i = 0; i < n; i++) {
		const struct dl_event *e = &ev[i];

		switch (e->action) {
		case ACT_RECEIVE:
			d->received = d->start = e->on;
			d->period = e->on < cutover ? DL_PERIOD_2007 :
			    DL_PERIOD;
			d->correction_due = calendar_add_workdays(cal, e->on,
			    DL_CORRECTION_NOTICE, &p);
			date_format(e->on, sa);
			say(d, "%s 收到申请，起算%d个工作日", sa, d->period);
			break;
		case ACT_REQUEST_CORRECTION:
			/* Art 30: accepted when late, but marked
			 * (decision 9). */
			if (d->correction_due != DATE_NONE &&
			    e->on > d->correction_due)
				d->late_correction = 1;
			d->stopped = 1;
			d->correction_deadline = add_wd(cal,
			    receipt_day(e, DL_AWAIT_CORRECTION, d),
			    correction_period, &p);
			prov |= p;
			date_format(e->on, sa);
			say(d, "%s 告知补正，答复期限中止（补正期限%d个工作日）",
			    sa, correction_period);
			break;
		case ACT_CORRECTED:
			/* Art 30: counted afresh from the corrected
			 * application's arrival. */
			d->stopped = 0;
			d->start = e->on;
			d->suspended_days = d->extended_days = 0;
			d->correction_deadline = DATE_NONE;
			d->awaiting &= ~DL_AWAIT_CORRECTION;
			date_format(e->on, sa);
			say(d, "%s 收到补正后的申请，重新起算%d个工作日", sa,
			    d->period);
			break;
		case ACT_CONSULT_START:
		case ACT_FEE_NOTICE:
			d->stopped = 1;
			d->suspended_since = e->on;
			if (e->action == ACT_CONSULT_START) {
				e_party_label = e->party == PARTY_AGENCY ?
				    "征求其他机关意见" : "征求第三方意见";
				d->suspension_cap = add_wd(cal,
				    e->party == PARTY_THIRD ? receipt_day(e,
				    DL_AWAIT_CONSULT, d) : e->on,
				    DL_CONSULT_CAP, &p);
				d->consult_cap_min = d->suspension_cap ==
				    DATE_NONE ? add_wd(cal, d->awaiting_since,
				    DL_CONSULT_CAP, &p) : DATE_NONE;
			} else {
				d->fee_due = add_wd(cal, receipt_day(e,
				    DL_AWAIT_FEE, d), DL_FEE_PERIOD, &p);
			}
			prov |= p;
			break;
		case ACT_CONSULT_END:
		case ACT_FEE_PAID:
			if (d->suspended_since == DATE_NONE)
				break;
			end = e->on;
			if (e->action == ACT_CONSULT_END &&
			    d->suspension_cap != DATE_NONE &&
			    end > d->suspension_cap)
				end = d->suspension_cap;
			w = calendar_workdays_between(cal, d->suspended_since,
			    end);
			if (w < 0)
				w = 0;
			d->suspended_days += w;
			date_format(d->suspended_since, sa);
			date_format(end, sb);
			if (e->action == ACT_FEE_PAID)
				say(d, "%s至%s等待缴纳信息处理费，不计入期限"
				    "（%d个工作日）", sa, sb, w);
			else
				say(d, "%s至%s%s，不计入期限（%d个工作日）",
				    sa, sb, e_party_label, w);
			if (e->action == ACT_CONSULT_END &&
			    ev[i].on > end)
				buf_puts(&d->explain,
				    "，被征求意见方答复期限已届满");
			d->stopped = 0;
			d->suspended_since = d->suspension_cap = DATE_NONE;
			d->fee_due = DATE_NONE;
			d->awaiting &= ~(DL_AWAIT_FEE | DL_AWAIT_CONSULT);
			d->consult_cap_min = DATE_NONE;
			break;
		case ACT_EXTEND:
			d->extended_days += e->days;
			date_format(e->on, sa);
			say(d, "%s 经批准延长答复期限%d个工作日", sa, e->days);
			break;
		case ACT_ASK_REASONS:
			/* Art 35 stops no clock: the reply period runs on
			 * while the applicant states reasons. */
			d->reasons_asked = e->on;
			d->reasons_received = DATE_NONE;
			date_format(e->on, sa);
			say(d, "%s 要求申请人说明理由（答复期限不中止）", sa);
			break;
		case ACT_REASONS_RECEIVED:
			d->reasons_received = e->on;
			date_format(e->on, sa);
			say(d, "%s 收到申请人的理由说明", sa);
			break;
		case ACT_SET_LATER_DEADLINE:
			/* The later deadline counts from its own date;
			 * suspensions and extensions after it still add. */
			d->later_on = e->on;
			d->later_days = e->days;
			later_base = d->suspended_days + d->extended_days;
			date_format(e->on, sa);
			say(d, "%s 依照条例第三十五条确定延迟答复的合理期限"
			    "%d个工作日", sa, e->days);
			break;
		case ACT_REPLY:
		case ACT_WITHDRAW:
		case ACT_CORRECTION_LAPSED:
		case ACT_FEE_LAPSED:
			d->closed_on = e->on;
			if (d->concluded_on == DATE_NONE)
				d->concluded_on = e->on;
			if (e->action == ACT_REPLY && e->on == d->received &&
			    d->redone == 0)
				d->on_the_spot = 1;
			break;
		case ACT_REDO:
			/* Decision 12: a 纠正 decision orders a new reply
			 * within e->days working days (the period the
			 * decision sets, default 20) from the day the
			 * agency received it (day 0). */
			d->redone++;
			d->closed_on = DATE_NONE;
			d->on_the_spot = 0;
			d->stopped = 0;
			d->start = e->on;
			d->period = e->days > 0 ? e->days : DL_PERIOD;
			d->suspended_days = d->extended_days = 0;
			d->suspended_since = d->suspension_cap = DATE_NONE;
			d->correction_deadline = d->fee_due = DATE_NONE;
			date_format(e->on, sa);
			say(d, "%s 收到责令重新答复的决定，重新起算%d个工作日", sa,
			    d->period);
			break;
		default:
			break;
		}
	}
	if (d->received == DATE_NONE)
		return -1;
	if (d->closed_on != DATE_NONE)
		d->awaiting = 0;

	/* Label the open suspension in the explanation. */
	if (d->suspended_since != DATE_NONE && d->closed_on == DATE_NONE) {
		char	 s[DATE_STRLEN];

		date_format(d->suspended_since, s);
		buf_printf(&d->explain, "；%s起%s，期限中止", s,
		    d->fee_due != DATE_NONE || (d->awaiting & DL_AWAIT_FEE) ?
		    "等待缴纳信息处理费" :
		    "征求意见");
	}

	if (d->later_on != DATE_NONE)
		d->due_base = calendar_add_workdays(cal, d->later_on,
		    d->later_days + d->extended_days + d->suspended_days -
		    later_base, &p);
	else
		d->due_base = calendar_add_workdays(cal, d->start,
		    d->period + d->extended_days + d->suspended_days, &p);
	if (d->due_base == DATE_NONE)
		return -1;
	prov |= p;
	d->provisional = prov;
	d->internal_target = calendar_add_workdays(cal, d->due_base, -1, NULL);
	d->due = d->stopped && d->closed_on == DATE_NONE ? DATE_NONE :
	    d->due_base;

	if (d->closed_on != DATE_NONE) {
		d->stopped = 0;
		if (d->on_the_spot) {
			buf_puts(&d->explain, "；当场答复");
		}
		d->late = d->closed_on > d->due_base;
	} else if (!d->stopped) {
		if (today <= d->due)
			d->wd_left = calendar_workdays_between(cal, today,
			    d->due);
		else
			d->wd_left = -calendar_workdays_between(cal, d->due,
			    today);
		d->overdue = today > d->due;
		d->due_soon = !d->overdue && d->wd_left <= DL_DUE_SOON;
	}
	if (!(d->stopped && d->closed_on == DATE_NONE)) {
		char	 s[DATE_STRLEN];

		date_format(d->due_base, s);
		buf_printf(&d->explain, "；答复期限%s", s);
	}
	if (d->awaiting) {
		char	 s[DATE_STRLEN];

		date_format(d->awaiting_since, s);
		buf_printf(&d->explain, "；%s：待确认送达（%s发出，期限自收到之日起"
		    "计算）", (d->awaiting & DL_AWAIT_FEE) ? "缴费期限" :
		    (d->awaiting & DL_AWAIT_CORRECTION) ? "补正期限" :
		    "第三方答复期限", s);
	}
	if (d->provisional) {
		buf_puts(&d->explain,
		    "（期限跨入尚未导入节假日安排的年份，暂按周末计算，为暂定期限）");
	}
	return 0;
}
