/* SPDX-License-Identifier: ISC */
/*
 * The Art 31 receipt date of an intake, worked out from the dates given
 * and the channel (case_new applies it; op_intake asks first, to refuse
 * at the field at fault).  Messages are Chinese and name the field as
 * the intake form labels it (forms/intake.c).
 */
#include <stdio.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/date.h"
#include "forms/intake.h"
#include "ops/case.h"

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The label of an intake date field, as the form shows it. */
static const char *
date_label(enum intake_field f)
{
	return intake_fields[f].label;
}

/*
 * Works out the Art 31 dates from what was given: for ordinary post,
 * online and fax submissions the receipt date is the day receipt was
 * confirmed with the applicant; otherwise the day of arrival.  Returns
 * NULL, or the intake field (IN_RECEIVED, IN_ARRIVED, IN_CONFIRMED) at
 * fault with msg saying why in Chinese, naming the field as labelled.
 */
const struct intake_def *
case_receipt_dates(const struct case_input *in, int ch, int today,
    char arrived[DATE_STRLEN], char confirmed[DATE_STRLEN],
    char received[DATE_STRLEN], char *msg, size_t msglen)
{
	int		 r = DATE_NONE, a = DATE_NONE, c = DATE_NONE, needs;
	enum intake_field rf, cf, bad;

#define BAD(f, ...) do {						\
	bad = (f);							\
	snprintf(msg, msglen, __VA_ARGS__);				\
	return &intake_fields[bad];					\
} while (0)
	needs = ch == CH_POST_PLAIN || ch == CH_ONLINE || ch == CH_FAX;
	if (nz(in->received) && date_parse(in->received, &r) != 0)
		BAD(IN_RECEIVED, "%s：日期无效", date_label(IN_RECEIVED));
	if (nz(in->arrived) && date_parse(in->arrived, &a) != 0)
		BAD(IN_ARRIVED, "%s：日期无效", date_label(IN_ARRIVED));
	if (nz(in->confirmed) && date_parse(in->confirmed, &c) != 0)
		BAD(IN_CONFIRMED, "%s：日期无效", date_label(IN_CONFIRMED));
	if (needs || (ch == CH_OTHER && c != DATE_NONE)) {
		cf = IN_CONFIRMED;
		if (c == DATE_NONE) {
			c = r;
			cf = IN_RECEIVED;
		}
		if (c == DATE_NONE)
			BAD(IN_CONFIRMED, "%s：平信、互联网、传真提交的申请，须填写与"
			    "申请人确认收到申请的日期", date_label(IN_CONFIRMED));
		if (r != DATE_NONE && r != c)
			BAD(IN_RECEIVED, "%s：以与申请人确认收到之日为收到日期，应与"
			    "%s相同，或留空", date_label(IN_RECEIVED),
			    date_label(IN_CONFIRMED));
		r = c;
		rf = cf;
		if (a == DATE_NONE)
			a = c;
		if (a > c)
			BAD(cf, "%s：不能早于%s", date_label(cf),
			    date_label(IN_ARRIVED));
	} else {
		if (c != DATE_NONE)
			BAD(IN_CONFIRMED, "%s：当面提交和邮寄签收的申请不需要确认日期，"
			    "请留空", date_label(IN_CONFIRMED));
		rf = IN_RECEIVED;
		if (r == DATE_NONE) {
			r = a;
			rf = IN_ARRIVED;
		}
		if (r == DATE_NONE)
			BAD(IN_RECEIVED, "%s：必须填写", date_label(IN_RECEIVED));
		if (a != DATE_NONE && a != r)
			BAD(IN_RECEIVED, "%s：当面提交和邮寄签收的申请以到达之日为收到"
			    "日期，应与%s相同，或留空", date_label(IN_RECEIVED),
			    date_label(IN_ARRIVED));
		a = r;
	}
	if (r > today)
		BAD(rf, "%s：不能晚于今天", date_label(rf));
#undef BAD
	date_format(a, arrived);
	date_format(r, received);
	if (c != DATE_NONE)
		date_format(c, confirmed);
	else
		confirmed[0] = '\0';
	return NULL;
}

/*
 * The Art 31 receipt date of an intake, *rday, worked out from its
 * dates and channel (case_new's rule).  Returns NULL, or the key of the
 * intake field at fault with a Chinese message in msg.
 */
const char *
case_receipt_check(const struct case_input *in, int today, int *rday,
    char *msg, size_t msglen)
{
	const struct intake_def	*bad;
	char			 a[DATE_STRLEN], c[DATE_STRLEN], r[DATE_STRLEN];
	int			 ch;

	*rday = DATE_NONE;
	if ((ch = channel_find(in->channel)) < 0) {
		snprintf(msg, msglen, "%s：未知的代码",
		    intake_fields[IN_CHANNEL].label);
		return intake_fields[IN_CHANNEL].name;
	}
	if ((bad = case_receipt_dates(in, ch, today, a, c, r, msg,
	    msglen)) != NULL)
		return bad->name;
	date_parse(r, rday);
	return NULL;
}
