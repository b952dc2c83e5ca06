/* SPDX-License-Identifier: ISC */
/*
 * The deadline engine: a pure function of (events, calendar, today).
 * No I/O, no clock.  Recomputed whenever a deadline is shown.
 */
#ifndef CASES_DEADLINE_H
#define CASES_DEADLINE_H

#include <stddef.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "util/buf.h"

struct calendar;

/* Consultation parties (Art 32 third party, Art 34 other agency). */
enum party { PARTY_THIRD, PARTY_AGENCY, PARTY__MAX };

/* The facts of one event that the clock depends on. */
struct dl_event {
	enum action	 action;
	int		 on;		/* effective day */
	int		 days;		/* extend: working days added */
	enum party	 party;		/* consult-start */
	/* Notices whose period runs from the recipient's receipt
	 * (fee-notice, request-correction, a third-party consult-start;
	 * decision 10): by_receipt set, rcvd is the received day of the
	 * notice's delivery record, or DATE_NONE while unknown, and sent
	 * its dispatch day (or DATE_NONE).  by_receipt 0: the period
	 * runs from `on`. */
	int		 by_receipt;
	int		 rcvd;
	int		 sent;
};

/* Periods waiting for a received date (struct deadline.awaiting). */
#define DL_AWAIT_FEE		0x1	/* 缴费期限 */
#define DL_AWAIT_CORRECTION	0x2	/* 补正期限 */
#define DL_AWAIT_CONSULT	0x4	/* 第三方15个工作日 */

/* The statutory numbers live in cases/limits.h; these are their names
 * in the deadline engine. */
#define DL_PERIOD		LAW_REPLY_WD		/* Art 33 ¶2 (2019) */
#define DL_PERIOD_2007		LAW_REPLY_WD_2007	/* 2007 art. 24 */
#define DL_CORRECTION_NOTICE	LAW_CORRECTION_NOTICE_WD /* Art 30 */
#define DL_CONSULT_CAP		LAW_THIRD_PARTY_WD	/* Art 32, Art 34 */
#define DL_FEE_PERIOD		LAW_FEE_PAY_WD		/* 109号 */
#define DL_DUE_SOON		3

struct deadline {
	int	 received;		/* receipt day (Art 31) */
	int	 start;			/* day 0 of the running count */
	int	 period;		/* 20, or 15 before 2019-05-15 */
	int	 due;			/* deadline in force; DATE_NONE while
					   the clock is stopped */
	int	 due_base;		/* deadline ignoring an open suspension */
	int	 internal_target;	/* one working day before due */
	int	 correction_due;	/* last day for the 补正 notice */
	int	 correction_deadline;	/* applicant's correction deadline */
	int	 fee_due;		/* last day to pay the fee */
	int	 suspended_since;	/* open suspension start, or DATE_NONE */
	int	 suspension_cap;	/* latest end of an open consultation */
	int	 suspended_days;	/* working days excluded so far */
	int	 extended_days;		/* 0 or the approved extension */
	int	 closed_on;		/* reply / closure day, or DATE_NONE */
	int	 concluded_on;		/* first closure (the annual report's
					   day; a redo keeps it), or DATE_NONE */
	int	 redone;		/* redo orders so far (decision 12) */
	int	 wd_left;		/* working days from today to due */
	int	 stopped;		/* awaiting correction or suspended */
	int	 due_soon;
	int	 overdue;
	int	 late;			/* closed after due */
	int	 late_correction;	/* 补正 notice after Art 30's 7 wd */
	int	 on_the_spot;		/* replied on the day of receipt */
	int	 provisional;		/* ran into a year with no data */
	/* Art 35 (decision 14): the clock keeps running while the
	 * applicant states reasons; a later deadline replaces due. */
	int	 reasons_asked;		/* last ask-reasons day, or DATE_NONE */
	int	 reasons_received;	/* its answer's day, or DATE_NONE */
	int	 later_on;		/* set-later-deadline day, or DATE_NONE */
	int	 later_days;		/* its working days */
	int	 awaiting;		/* DL_AWAIT_* periods of open notices
					   whose received date is unknown
					   (their dates are DATE_NONE) */
	int	 awaiting_since;	/* lower bound: the latest such
					   notice's dispatch (or notice) day */
	int	 consult_cap_min;	/* awaiting a consultation letter's
					   receipt: the earliest its 15 days
					   can end (else DATE_NONE) */
	struct buf explain;		/* how due was reached, in Chinese */
};

void	 deadline_init(struct deadline *);
void	 deadline_clear(struct deadline *);
int	 deadline_compute(const struct dl_event *, size_t,
	    const struct calendar *, int today, int correction_period,
	    struct deadline *);

#endif
