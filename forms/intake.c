/* SPDX-License-Identifier: ISC */
/*
 * Intake validation at the edge: every field is valid UTF-8 within its
 * length, dates are real dates, codes are known, identity numbers pass
 * their check digits.  Only the applicant, the channel and the request
 * are required at intake: an application missing other Art 29 content
 * (identity proof, contact details) is still logged, and the review
 * asks for a correction (Art 30) -- see case_missing().  The receipt-
 * date rules by channel (Art 31) are the domain's.
 */
#include <stdio.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/intake.h"
#include "forms/validate.h"
#include "util/utf8.h"

const struct intake_def intake_fields[IN__MAX] = {
	[IN_RECEIVED] =		{ "received", "收到日期", 10, 0 },
	[IN_ARRIVED] =		{ "arrived", "到达日期", 10, 0 },
	[IN_CONFIRMED] =	{ "confirmed", "确认日期", 10, 0 },
	[IN_CHANNEL] =		{ "channel", "提交渠道", LIM_CODE_CHARS, 0 },
	[IN_APPLICANT] =	{ "applicant", "申请人", LIM_NAME_CHARS, 0 },
	[IN_APPLICANT_TYPE] =	{ "applicant_type", "申请人类型",
				    LIM_CODE_CHARS, 0 },
	[IN_REQUEST] =		{ "request", "所需信息", LIM_REQUEST_CHARS, 1 },
	[IN_DOC_NUMBER] =	{ "doc_number", "文号", LIM_DOC_NUMBER_CHARS,
				    0 },
	[IN_ID_TYPE] =		{ "id_type", "证件类型", LIM_CODE_CHARS, 0 },
	[IN_ID_NUMBER] =	{ "id_number", "证件号码", LIM_ID_NUMBER_CHARS,
				    0 },
	[IN_PHONE] =		{ "phone", "联系电话", LIM_PHONE_CHARS, 0 },
	[IN_ADDRESS] =		{ "address", "通信地址", LIM_ADDRESS_CHARS, 0 },
	[IN_EMAIL] =		{ "email", "电子邮箱", LIM_EMAIL_CHARS, 0 },
	[IN_DELIVERY] =		{ "delivery", "获取信息方式",
				    LIM_ADDRESS_CHARS, 0 },
};

/* The member of in that holds field f (for table-driven parsing). */
const char **
intake_slot(struct case_input *in, enum intake_field f)
{
	switch (f) {
	case IN_RECEIVED:	return &in->received;
	case IN_ARRIVED:	return &in->arrived;
	case IN_CONFIRMED:	return &in->confirmed;
	case IN_CHANNEL:	return &in->channel;
	case IN_APPLICANT:	return &in->applicant;
	case IN_APPLICANT_TYPE:	return &in->applicant_type;
	case IN_REQUEST:	return &in->request;
	case IN_DOC_NUMBER:	return &in->doc_number;
	case IN_ID_TYPE:	return &in->id_type;
	case IN_ID_NUMBER:	return &in->id_number;
	case IN_PHONE:		return &in->phone;
	case IN_ADDRESS:	return &in->address;
	case IN_EMAIL:		return &in->email;
	case IN_DELIVERY:	return &in->delivery;
	default:		return NULL;
	}
}

/*
 * The dates the form asks for by channel (Art 31): in person the
 * receipt date is the day of arrival, today at the counter; by post
 * the day the mail arrived (today, when it is opened), the receipt date
 * following from it; ordinary post, internet and fax count from the
 * day receipt was confirmed with the applicant, which the clerk types
 * (the arrival of ordinary post is today's); another channel takes the
 * receipt date, or a confirmation date when there was one.  Before a
 * channel is chosen the receipt date is today's, as at the counter.
 */
static const struct {
	int		 channel;
	unsigned	 use;
	unsigned	 today;
} date_rules[] = {
	{ CH_IN_PERSON, IN_DATE_BIT(IN_RECEIVED), IN_DATE_BIT(IN_RECEIVED) },
	{ CH_POST, IN_DATE_BIT(IN_ARRIVED), IN_DATE_BIT(IN_ARRIVED) },
	{ CH_POST_PLAIN, IN_DATE_BIT(IN_ARRIVED) | IN_DATE_BIT(IN_CONFIRMED),
	    IN_DATE_BIT(IN_ARRIVED) },
	{ CH_ONLINE, IN_DATE_BIT(IN_ARRIVED) | IN_DATE_BIT(IN_CONFIRMED), 0 },
	{ CH_FAX, IN_DATE_BIT(IN_ARRIVED) | IN_DATE_BIT(IN_CONFIRMED), 0 },
	{ CH_OTHER, IN_DATE_BIT(IN_RECEIVED) | IN_DATE_BIT(IN_CONFIRMED),
	    IN_DATE_BIT(IN_RECEIVED) },
	{ -1, IN_DATE_BIT(IN_RECEIVED), IN_DATE_BIT(IN_RECEIVED) },
};

static size_t
date_rule(const char *channel)
{
	int	 ch = channel != NULL ? channel_find(channel) : -1;
	size_t	 i;

	for (i = 0; date_rules[i].channel >= 0; i++)
		if (date_rules[i].channel == ch)
			break;
	return i;
}

/* The date fields a channel's intake uses (see date_rules). */
unsigned
intake_date_use(const char *channel)
{
	return date_rules[date_rule(channel)].use;
}

/* The date fields the form pre-fills with today for a channel. */
unsigned
intake_date_today(const char *channel)
{
	return date_rules[date_rule(channel)].today;
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/*
 * Checks every field of in.  Returns the index of the first bad field
 * with "label：problem" in msg, or -1 when all are acceptable.
 */
int
intake_check(const struct case_input *cin, char *msg, size_t msglen)
{
	struct case_input	 in = *cin;
	const char		*v, *m;
	int			 f;

	for (f = 0; f < IN__MAX; f++) {
		v = *intake_slot(&in, (enum intake_field)f);
		m = NULL;
		switch (f) {
		case IN_APPLICANT:
		case IN_REQUEST:
			m = valid_text(v != NULL ? v : "",
			    intake_fields[f].maxchars, 1,
			    intake_fields[f].multiline);
			break;
		case IN_CHANNEL:
			if (!given(v))
				m = "必须选择";
			else if (channel_find(v) < 0)
				m = "未知的代码";
			break;
		case IN_APPLICANT_TYPE:
			if (!given(v))
				m = "必须选择";
			else if (applicant_type_find(v) < 0)
				m = "未知的代码";
			break;
		case IN_ID_TYPE:
			if (given(v) && id_type_find(v) < 0)
				m = "未知的代码";
			break;
		case IN_RECEIVED:
		case IN_ARRIVED:
		case IN_CONFIRMED:
			if (given(v))
				m = valid_date(v);
			break;
		case IN_ID_NUMBER:
			if (given(v) && !given(in.id_type))
				m = "须同时选择证件类型";
			else if (given(v))
				m = valid_id_number(in.id_type, v);
			break;
		case IN_PHONE:
			if (given(v))
				m = valid_phone(v);
			break;
		case IN_EMAIL:
			if (given(v))
				m = valid_email(v);
			break;
		default:
			if (given(v))
				m = valid_text(v, intake_fields[f].maxchars, 0,
				    intake_fields[f].multiline);
			break;
		}
		if (m != NULL) {
			snprintf(msg, msglen, "%s：%s", intake_fields[f].label,
			    m);
			return f;
		}
	}
	return -1;
}

/*
 * Writes "LABEL含有无法打印的字符“X”（U+XXXX）" to msg and returns 0 when
 * the letters cannot print a character of s; else returns 1.
 */
int
text_printable_msg(const char *label, const char *s,
    intake_printable_fn *fn, void *arg, char *msg, size_t msglen)
{
	char		 ch[8];
	uint32_t	 bad = 0;
	size_t		 n;

	if (s == NULL || s[0] == '\0' || fn(s, &bad, arg))
		return 1;
	n = utf8_encode(bad, ch);
	ch[n] = '\0';
	snprintf(msg, msglen, "%s含有无法打印的字符“%s”（U+%04X），文书无法"
	    "排印，请改用常用字或删去", label, ch, (unsigned)bad);
	return 0;
}

/*
 * The fields a letter prints, checked with fn: returns the index of the
 * first field with a character the letters cannot print (msg says which
 * and names the character), or -1.
 */
int
intake_check_printable(const struct case_input *cin, intake_printable_fn *fn,
    void *arg, char *msg, size_t msglen)
{
	struct case_input	 in = *cin;
	int			 f;

	for (f = 0; f < IN__MAX; f++)
		if (!text_printable_msg(intake_fields[f].label,
		    *intake_slot(&in, (enum intake_field)f), fn, arg, msg,
		    msglen))
			return f;
	return -1;
}
