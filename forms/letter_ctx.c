/* SPDX-License-Identifier: ISC */
/*
 * Fills a letter's merge fields from a case.  Dates go in as ISO text
 * (the composer writes them the GB/T 9704 way).  Each notice takes its
 * date from the event it notifies: the correction notice from the
 * request-correction event, the extension notice from the extension,
 * and so on; a reply from the reply event (or today for a draft).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/deadline.h"
#include "cases/fee.h"
#include "cases/model.h"
#include "cases/view.h"
#include "forms/letter_ctx.h"
#include "forms/template.h"
#include "util/buf.h"

static const struct event_rec *
last_event(const struct case_view *v, const char *action)
{
	size_t	 i;

	for (i = v->nev; i > 0; i--)
		if (strcmp(v->ev[i - 1].action, action) == 0)
			return &v->ev[i - 1];
	return NULL;
}

static void
set_date(struct ctx *c, const char *key, int day)
{
	char	 s[DATE_STRLEN];

	if (day == DATE_NONE)
		return;
	date_format(day, s);
	ctx_set(c, key, s);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	 ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static void
set_yuan(struct ctx *c, const char *key, int64_t fen)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld.%02lld", (long long)(fen / 100),
	    (long long)(fen % 100));
	ctx_set(c, key, s);
}

/* The text of a case, or NULL. */
static const char *
text_of(const struct letter_src *s, const char *key)
{
	size_t	 i;

	for (i = 0; i < s->ntexts; i++)
		if (strcmp(s->texts[i].key, key) == 0)
			return s->texts[i].value;
	return NULL;
}

/*
 * The fee fields of a 收费通知书 from its fee-notice event (109号): the
 * method, the count, the bands recomputed from the recorded method, first
 * unit and count (cases/fee.c, the code of `fee quote`), the amount the
 * bands give, and the amount charged -- the computed one, or an override
 * printed as such with its reason.  An event recorded before fees were
 * computed (no fee in its payload) takes method and count from the case
 * texts; either way a letter whose arithmetic disagrees with the amount
 * charged is refused, never printed.
 */
static const char *
fee_fields(const struct event_rec *e, const struct letter_src *s,
    struct ctx *c)
{
	struct fee_notice	 n;
	struct fee_calc		 calc;
	struct buf		 t;
	const char		*v;
	long long		 x;
	char			*end;
	int			 rc, m;
	const char		*msg = NULL;

	if ((rc = fee_notice_parse(e->payload, &n)) < 0)
		return "收费通知记录无效 (the fee-notice record is corrupt)";
	if (rc == 0) {
		/* Before fees were computed: the texts, from the first unit. */
		if ((v = text_of(s, "fee_method")) == NULL ||
		    (m = fee_method_find(v)) < 0)
			return "缺少收费方式 (no fee method on record)";
		n.method = (enum fee_method)m;
		if ((v = text_of(s, "fee_count")) == NULL || (x = strtoll(v,
		    &end, 10)) < 1 || *end != '\0' || x > FEE_MAXCOUNT)
			return "缺少件数或页数 (no fee count on record)";
		n.count = (int)x;
		n.first = 1;
		n.computed_fen = -1;
		n.override_fen = -1;
	}
	buf_init(&t);
	memset(&calc, 0, sizeof(calc));
	if (n.first > n.count || fee_compute(n.method, n.first, n.count,
	    &calc) != 0) {
		msg = "收费通知记录无效 (the fee-notice record is corrupt)";
		goto out;
	}
	if (n.computed_fen < 0)
		n.computed_fen = calc.total * 100;
	if (calc.total * 100 != n.computed_fen ||
	    (n.override_fen < 0 && e->amount_fen != n.computed_fen) ||
	    (n.override_fen >= 0 && e->amount_fen != n.override_fen)) {
		msg = "收费金额与按件数或页数计算的金额不一致，请重新发出收费通知"
		    " (the amount disagrees with the computation)";
		goto out;
	}
	ctx_set(c, "fee_method", fee_methods[n.method]);
	buf_printf(&t, "%d", n.count);
	ctx_set(c, "fee_count", buf_str(&t));
	buf_reset(&t);
	if (n.method == FEE_ITEM && n.first > 1)
		buf_printf(&t, "本自然月第1至%d件已在此前的收费通知中计收；",
		    n.first - 1);
	fee_explain(&calc, &t);
	ctx_set(c, "fee_computation", buf_str(&t));
	set_yuan(c, "fee_computed_amount", n.computed_fen);
	set_yuan(c, "fee_amount", e->amount_fen);
	ctx_set(c, "fee_override_reason", "");
	if (n.override_fen >= 0) {
		/* One sentence: the reason ends with a full stop. */
		buf_reset(&t);
		buf_puts(&t, n.reason != NULL ? n.reason : "");
		v = buf_str(&t);
		if (*v == '\0' || (!ends_with(v, "。") && !ends_with(v, "！") &&
		    !ends_with(v, "？") && !ends_with(v, "；")))
			buf_puts(&t, "。");
		ctx_set(c, "fee_override_reason", buf_str(&t));
	}
out:
	fee_calc_clear(&calc);
	fee_notice_clear(&n);
	buf_clear(&t);
	return msg;
}

/*
 * Sets a deadline counted in working days from day "from": when the
 * count runs into a year whose holidays are not loaded (decision 8) the
 * date is provisional, and the letter says so after the date.
 */
static void
set_deadline(struct ctx *c, const struct calendar *cal, const char *key,
    int from, int day)
{
	char	 s[DATE_STRLEN], cn[32], out[128];

	if (day == DATE_NONE)
		return;
	if (cal == NULL || from == DATE_NONE ||
	    !calendar_span_provisional(cal, from, day)) {
		set_date(c, key, day);
		return;
	}
	date_format(day, s);
	letter_date_cn(s, cn);
	snprintf(out, sizeof(out), "%s%s", cn, LETTER_PROVISIONAL_NOTE);
	ctx_set(c, key, out);
}

/*
 * Where the letter served goes: the agency's address when the applicant
 * collects it (当面领取), the e-mail address for e-mail, the platform
 * for an online delivery, otherwise the applicant's address.
 */
static void
set_service_place(struct ctx *c, const struct case_view *v,
    const struct agency *a)
{
	const char	*m = v->rec.delivery != NULL ? v->rec.delivery : "";
	char		 s[512];

	if (strstr(m, "当面") != NULL || strstr(m, "自取") != NULL) {
		snprintf(s, sizeof(s), "%s%s%s%s", a->name != NULL ? a->name :
		    "本机关", a->address != NULL && a->address[0] != '\0' ?
		    "（" : "", a->address != NULL ? a->address : "",
		    a->address != NULL && a->address[0] != '\0' ? "）" : "");
		ctx_set(c, "service_place", s);
	} else if (strstr(m, "电子邮件") != NULL &&
	    v->rec.appl.email != NULL && v->rec.appl.email[0] != '\0') {
		snprintf(s, sizeof(s), "电子邮箱%s", v->rec.appl.email);
		ctx_set(c, "service_place", s);
	} else if (strstr(m, "网上") != NULL)
		ctx_set(c, "service_place", "网上申请平台");
	else
		ctx_set(c, "service_place", v->rec.appl.address);
}

/*
 * Is the reply delivered online (decision 15)?  The applicant's
 * delivery preference names a platform or an online channel (网上,
 * 在线, 平台, 互联网, online), or, when no preference was given, the
 * application came in online.  E-mail is not counted: it is a message
 * to the applicant, not a filing platform.  (When delivery records
 * with a method exist, method online is the better source.)
 */
static int
delivered_online(const struct case_view *v)
{
	const char	*m = v->rec.delivery;
	static const char *const words[] = { "网上", "在线", "平台", "互联网",
	    "online" };
	size_t		 i;

	if (m == NULL || m[0] == '\0')
		return v->rec.channel != NULL &&
		    strcmp(v->rec.channel, "online") == 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(m, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * A 送达回证 prints from the served letter's delivery record where one
 * exists (decision 11): its method (with the postal number), place and
 * date; otherwise the blanks are filled by hand.
 */
static void
service_record(struct ctx *c, const struct letter_src *s)
{
	static const char *const m[][2] = {
		{ "in_person", "直接送达" }, { "post", "邮寄送达" },
		{ "email", "电子邮件送达" }, { "online", "在线平台送达" },
		{ "other", "其他方式送达" },
	};
	const struct case_view	*v = s->view;
	const struct delivery	*d = NULL;
	char			 t[160];
	size_t			 i;
	int			 day;

	for (i = 0; s->served_kind != NULL && i < v->ndv; i++)
		if (strcmp(v->dv[i].kind, s->served_kind) == 0)
			d = &v->dv[i];		/* the latest version */
	if (d == NULL)
		return;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(d->method, m[i][0]) == 0)
			break;
	if (i == sizeof(m) / sizeof(m[0]))
		return;
	if (strcmp(d->method, "post") == 0 && d->tracking[0] != '\0')
		snprintf(t, sizeof(t), "%s（邮件单号%s）", m[i][1], d->tracking);
	else
		snprintf(t, sizeof(t), "%s", m[i][1]);
	ctx_set(c, "service_method", t);
	if (strcmp(d->method, "post") == 0)
		ctx_set(c, "service_place", v->rec.appl.address);
	else if (strcmp(d->method, "email") == 0 && v->rec.appl.email != NULL &&
	    v->rec.appl.email[0] != '\0') {
		snprintf(t, sizeof(t), "电子邮箱%s", v->rec.appl.email);
		ctx_set(c, "service_place", t);
	} else if (strcmp(d->method, "online") == 0)
		ctx_set(c, "service_place", "网上申请平台");
	if (d->received[0] != '\0' && date_parse(d->received, &day) == 0)
		set_date(c, "service_date", day);
	else if (strcmp(d->method, "in_person") == 0 &&
	    date_parse(d->sent, &day) == 0)
		set_date(c, "service_date", day);
}

/*
 * The facts a 不再处理 letter states (Art 30, Art 42): for a lapsed
 * correction the notice date and the deadline given, for an unpaid fee
 * the notice date, the amount and the deadline to pay.
 */
static void
set_lapse_facts(struct ctx *c, const struct letter_src *s, int outcome)
{
	const struct case_view	*v = s->view;
	const struct event_rec	*e;
	char			 num[64];
	int			 on, d;

	if (outcome == OUT_OTHER_NO_CORRECTION &&
	    (e = last_event(v, "request-correction")) != NULL &&
	    date_parse(e->effective, &on) == 0) {
		set_date(c, "notice_date", on);
		d = v->dl.correction_deadline;
		if (d == DATE_NONE && s->cal != NULL)
			d = calendar_add_workdays(s->cal, on,
			    s->agency->correction_period, NULL);
		set_deadline(c, s->cal, "correction_deadline", on, d);
	}
	if (outcome == OUT_OTHER_NO_FEE &&
	    (e = last_event(v, "fee-notice")) != NULL &&
	    date_parse(e->effective, &on) == 0) {
		set_date(c, "notice_date", on);
		if (e->amount_fen > 0) {
			snprintf(num, sizeof(num), "%lld.%02lld",
			    (long long)e->amount_fen / 100,
			    (long long)e->amount_fen % 100);
			ctx_set(c, "fee_amount", num);
		}
		/* The period as counted from the notice's receipt
		 * (decision 10), else from the notice. */
		d = v->dl.fee_due;
		if (d == DATE_NONE && s->cal != NULL)
			d = calendar_add_workdays(s->cal, on, DL_FEE_PERIOD,
			    NULL);
		if (s->cal != NULL)
			set_deadline(c, s->cal, "fee_deadline", on, d);
	}
}

/*
 * The outcome a reply letter states: the case's recorded outcome, or
 * -1 when the case has none yet (then no reply letter can be made).
 */
int
letter_ctx_outcome(enum letter_kind k, const struct case_view *v)
{
	if (k != LETTER_REPLY || v->rec.outcome == NULL)
		return -1;
	return outcome_find(v->rec.outcome);
}

/*
 * Fills c for a letter of kind k.  Returns NULL, or a message saying
 * which event the letter needs and the case lacks (e.g. a correction
 * notice for a case where no correction was requested).
 */
const char *
letter_ctx_fill(enum letter_kind k, const struct letter_src *s,
    struct ctx *c)
{
	const struct case_view	*v = s->view;
	const struct agency	*a = s->agency;
	const struct event_rec	*e = NULL;
	const char		*msg;
	char			 num[64];
	int			 on, d;
	size_t			 i;

	ctx_set(c, "agency_name", a->name);
	ctx_set(c, "agency_code", a->code);
	ctx_set(c, "agency_address", a->address);
	ctx_set(c, "agency_phone", a->phone);
	ctx_set(c, "agency_postcode", a->postcode);
	ctx_set(c, "review_body", a->review_body);
	ctx_set(c, "review_address", a->review_address);
	ctx_set(c, "review_body_alt", s->review_body_alt);
	ctx_set(c, "review_address_alt", s->review_address_alt);
	ctx_set(c, "court", a->court);
	ctx_set(c, "court_address", a->court_address);
	ctx_set(c, "case_number", v->rec.number);
	ctx_set(c, "case_id", v->rec.id);
	ctx_set(c, "doc_number", s->doc_number);
	ctx_set(c, "applicant", v->rec.appl.name);
	ctx_set(c, "applicant_type", v->rec.appl.type);
	ctx_set(c, "address_org", s->address_org);
	ctx_set(c, "applicant_address", v->rec.appl.address);
	ctx_set(c, "request", v->rec.request);
	ctx_set(c, "doc_ref", v->rec.doc_number);
	ctx_set(c, "received", v->rec.received);
	set_deadline(c, s->cal, "due", v->dl.start, v->dl.due_base);
	ctx_set(c, "contact_phone", a->phone);
	ctx_set(c, "service_method", v->rec.delivery);
	/* 2023 复议法 art. 22 ¶2: an online reply names the online channel
	 * for filing a reconsideration. */
	if (s->review_online != NULL && delivered_online(v))
		ctx_set(c, "review_online", s->review_online);
	/* Officer-entered paragraphs override the defaults above. */
	for (i = 0; i < s->ntexts; i++)
		ctx_set(c, s->texts[i].key, s->texts[i].value);
	/* Art 35: a letter says reasons were asked only when they were. */
	if ((e = last_event(v, "ask-reasons")) != NULL &&
	    date_parse(e->effective, &d) == 0)
		set_date(c, "reasons_asked", d);
	/* Decision 13: the consultation names the applicant only when
	 * the agency chose so. */
	if (s->consult_names_applicant)
		ctx_set(c, "consult_applicant", v->rec.appl.name);
	e = NULL;

	on = s->today;
	switch (k) {
	case LETTER_RECEIPT:
		date_parse(v->rec.received, &on);
		if ((e = last_event(v, "register")) != NULL)
			date_parse(e->effective, &on);
		/* The deadline as stated on the day of issue: receipt plus
		 * the reply period, whatever happened to the case since. */
		if (date_parse(v->rec.received, &d) == 0 && s->cal != NULL)
			set_deadline(c, s->cal, "due", d,
			    calendar_add_workdays(s->cal, d, v->dl.period > 0 ?
			    v->dl.period : DL_PERIOD, NULL));
		break;
	case LETTER_CORRECTION:
		if ((e = last_event(v, "request-correction")) == NULL)
			return "该案件未告知补正 (no correction was requested)";
		date_parse(e->effective, &on);
		/* Decision 10: the period runs from the applicant's
		 * receipt of the notice, which states it in working days
		 * ("自收到本告知书之日起"), not as a date counted from the
		 * sending.  The date, once the receipt is recorded, for an
		 * agency's own text that names it. */
		snprintf(num, sizeof(num), "%d", a->correction_period > 0 ?
		    a->correction_period : LAW_CORRECTION_PERIOD_WD);
		ctx_set(c, "correction_period", num);
		d = v->dl.correction_deadline;
		if (d != DATE_NONE)
			set_deadline(c, s->cal, "correction_deadline", on, d);
		break;
	case LETTER_EXTENSION:
		if ((e = last_event(v, "extend")) == NULL)
			return "该案件未延期 (no extension was approved)";
		date_parse(e->effective, &on);
		snprintf(num, sizeof(num), "%d", e->days);
		ctx_set(c, "extension_days", num);
		set_deadline(c, s->cal, "new_due", v->dl.start,
		    v->dl.due_base);
		break;
	case LETTER_CONSULT_THIRD:
	case LETTER_CONSULT_AGENCY:
		if ((e = last_event(v, "consult-start")) == NULL)
			return "该案件未征求意见 (no consultation was started)";
		date_parse(e->effective, &on);
		/* Decision 10: the third party's 15 working days run from
		 * its receipt of the letter, which says so ("自收到本征求
		 * 意见书之日起"); no date counted from the sending. */
		if (k == LETTER_CONSULT_AGENCY)
			set_deadline(c, s->cal, "consult_deadline", on,
			    calendar_add_workdays(s->cal, on, DL_CONSULT_CAP,
			    NULL));
		break;
	case LETTER_FEE:
		if ((e = last_event(v, "fee-notice")) == NULL)
			return "该案件未发出收费通知 (no fee notice was recorded)";
		date_parse(e->effective, &on);
		if ((msg = fee_fields(e, s, c)) != NULL)
			return msg;
		/* Decision 10: the notice states the period from its
		 * receipt ("自收到本通知书次日起20个工作日内"), no date. */
		break;
	case LETTER_REPLY:
		if (v->rec.outcome == NULL)
			return "该案件尚未答复，请先记录答复结果 (record the "
			    "reply and its outcome first)";
		e = last_event(v, "reply");
		if (e == NULL)
			e = last_event(v, "correction-lapsed");
		if (e == NULL)
			e = last_event(v, "fee-lapsed");
		if (e == NULL)
			e = last_event(v, "withdraw");
		if (e != NULL)
			date_parse(e->effective, &on);
		set_lapse_facts(c, s, outcome_find(v->rec.outcome));
		break;
	case LETTER_THIRD_PARTY_DECISION:
		if ((e = last_event(v, "consult-start")) == NULL ||
		    strcmp(e->party != NULL ? e->party : "", "agency") == 0)
			return "该案件未征求第三方意见 (no third party was "
			    "consulted)";
		/* Dated with the disclosing reply it precedes. */
		if ((e = last_event(v, "reply")) != NULL)
			date_parse(e->effective, &on);
		break;
	case LETTER_REASONS_REQUEST:
		if ((e = last_event(v, "ask-reasons")) == NULL)
			return "该案件未要求说明理由 (no ask-reasons step)";
		date_parse(e->effective, &on);
		snprintf(num, sizeof(num), "%d", e->days > 0 ? e->days :
		    LAW_REASONS_PERIOD_WD);
		ctx_set(c, "reasons_period", num);
		break;
	case LETTER_LATER_DEADLINE:
		if ((e = last_event(v, "set-later-deadline")) == NULL)
			return "该案件未确定延迟答复期限 (no later deadline set)";
		date_parse(e->effective, &on);
		snprintf(num, sizeof(num), "%d", e->days);
		ctx_set(c, "later_days", num);
		set_deadline(c, s->cal, "new_due", on, v->dl.due_base);
		break;
	case LETTER_APPROVAL_FORM:
		if (s->approval_steps == NULL)
			return "该案件没有审批记录，无法生成办理审批单 (no "
			    "approval request)";
		ctx_set(c, "approval_decision", s->approval_decision);
		ctx_set(c, "approval_requested", s->approval_requested);
		ctx_set(c, "approval_steps", s->approval_steps);
		if (s->approval_date != NULL && s->approval_date[0] != '\0')
			date_parse(s->approval_date, &on);
		break;
	case LETTER_SERVICE:
		ctx_set(c, "service_doc", s->served_doc);
		ctx_set(c, "doc_number", s->served_number);
		set_service_place(c, v, a);
		service_record(c, s);
		break;
	default:
		return "未知的文书种类 (unknown letter kind)";
	}
	set_date(c, "letter_date", on);
	set_date(c, "reply_date_iso", on);
	return NULL;
}
