/* SPDX-License-Identifier: ISC */
/*
 * The one table of limits: every length, count, size, period and year
 * bound that the pages, the JSON API and the CLI enforce, and the
 * statutory numbers, each named once.  Lengths are in characters
 * (Unicode code points) unless the name ends in _BYTES.
 */
#ifndef CASES_LIMITS_H
#define CASES_LIMITS_H

/* Dates: the span the calendar index and every date field accept. */
#define LIM_YEAR_MIN		2000
#define LIM_YEAR_MAX		2099

/* Statutory periods, in working days unless the name says otherwise. */
#define LAW_REPLY_WD		20	/* Art 33 ¶2: reply */
#define LAW_REPLY_WD_2007	15	/* 2007 Regulations, receipt before 2019-05-15 */
#define LAW_EXTENSION_WD	20	/* Art 33 ¶2: extension at most */
#define LAW_CORRECTION_NOTICE_WD 7	/* Art 30: ask for a correction within */
#define LAW_CORRECTION_PERIOD_WD 15	/* default reasonable period to correct */
#define LAW_THIRD_PARTY_WD	15	/* Art 32: third party answers within */
#define LAW_FEE_PAY_WD		20	/* 109号: pay within, from receipt of notice */

/* Free text typed by people. */
#define LIM_COMMENT_CHARS	2000	/* approval comment, note, reason */
#define LIM_CASE_TEXT_CHARS	4000	/* one letter paragraph (case text) */
#define LIM_REQUEST_CHARS	10000	/* the information requested */

#endif
