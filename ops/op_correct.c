/* SPDX-License-Identifier: ISC */
/*
 * 登记信息更正: correcting what was typed at intake -- the applicant's
 * name, phone, address, e-mail, identity document, the request text,
 * the channel and the dates (arrival, confirmation, receipt) -- with a
 * reason (case_ops.h), by a clerk, an officer or a reviewer
 * (PERM_CORRECT), until the reply: a replied, withdrawn or archived
 * case is refused.  One transaction:
 * the fields are checked as at intake (forms/intake.c); the applicant
 * details go into a new applicant row for this case, not on file (the
 * old one may be shared with the applicant's other cases, which keep
 * theirs, and the record on file stays as it is: updating it is the
 * intake's choice, ops/case.c);
 * one event `correct` records the reason and every change with its
 * value before and after (and so the audit trail, whose triggers watch
 * the events).  A new receipt date is part of that event's payload and
 * the deadline engine takes it from there (ops/case.c, dl_events): the
 * deadline is still computed from the events alone.
 *
 * The dates follow Art 31 as at intake: for ordinary post, internet
 * and fax (and other channels with a confirmation date) the receipt
 * date is the confirmation date, not before the arrival; otherwise the
 * day of arrival.  A channel corrected alone keeps the receipt date.
 * Rules for the receipt date: not in the future, within the year the
 * case is numbered in, not after the case's first action, and never in
 * a year whose annual report is published.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/report.h"
#include "cases/roles.h"
#include "forms/intake.h"
#include "forms/validate.h"
#include "ops/case_ops.h"
#include "ops/printable.h"
#include "ops/proactive.h"
#include "ops/report.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

static const char *
sv(const char *s)
{
	return s != NULL ? s : "";
}

/* Records one change in the payload when before and after differ. */
static int
change(struct json *j, const char *key, const char *before,
    const char *after)
{
	if (after == NULL || strcmp(sv(before), after) == 0)
		return 0;
	json_obj_open(j, key);
	json_str(j, "before", sv(before));
	json_str(j, "after", after);
	json_obj_close(j);
	return 1;
}

/* Checks the new receipt date against the case; NULL or a message. */
static const char *
received_rule(const struct op_ctx *ctx, const struct case_view *v, int r)
{
	size_t	 i;
	int	 on, ly;

	if (r > ctx->today)
		return "收到日期不能晚于今天";
	if (date_year(r) != v->rec.year)
		return "收到日期不能跨年度更正（案件编号按收到年度编排）";
	for (i = 0; i < v->nev; i++) {
		if (strcmp(v->ev[i].action, "receive") == 0 ||
		    !event_is_step(v->ev[i].action))
			continue;
		if (date_parse(v->ev[i].effective, &on) == 0 && r > on)
			return "收到日期不能晚于案件的第一项办理操作";
		break;
	}
	if (report_act_locked(ctx->st, NULL, ACT_RECEIVE, r, &ly) != CM_OK)
		return "读取年报状态失败";
	if (ly != 0)
		return "该年度报告已发布，不能更正收到日期";
	return NULL;
}

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

static const char *
channel_codes(int ch)
{
	return ch >= 0 && ch < CH__MAX ? channels[ch].code : "";
}

/*
 * The Art 31 dates after the correction (intake's rules, ops/case.c):
 * the given ones, the others kept or derived.  NULL, or a message with
 * *field the intake field to show it at.
 */
static const char *
new_dates(const struct case_view *v, const struct correct_in *in, int ch,
    char arr[DATE_STRLEN], char conf[DATE_STRLEN], char recv[DATE_STRLEN],
    int *field)
{
	int	 a = DATE_NONE, c = DATE_NONE, r = DATE_NONE, oa, oc, or_;

	if (date_parse(v->rec.arrived, &oa) != 0)
		oa = DATE_NONE;
	if (date_parse(v->rec.confirmed, &oc) != 0)
		oc = DATE_NONE;
	if (date_parse(v->rec.received, &or_) != 0)
		or_ = DATE_NONE;
	/* A date given as it stands counts as not given (the page sends
	 * every field). */
	if (nz(in->arrived) && strcmp(in->arrived, v->rec.arrived) != 0)
		date_parse(in->arrived, &a);
	if (nz(in->confirmed) && strcmp(in->confirmed, v->rec.confirmed) != 0)
		date_parse(in->confirmed, &c);
	if (nz(in->received) && strcmp(in->received, v->rec.received) != 0)
		date_parse(in->received, &r);
	*field = IN_RECEIVED;
	if (ch == CH_POST_PLAIN || ch == CH_ONLINE || ch == CH_FAX ||
	    (ch == CH_OTHER && (c != DATE_NONE || (oc != DATE_NONE &&
	    (!nz(in->channel) || strcmp(in->channel, v->rec.channel) ==
	    0))))) {
		/* The receipt date is the confirmation date. */
		if (c != DATE_NONE && r != DATE_NONE && c != r) {
			*field = IN_CONFIRMED;
			return "该提交方式的收到日期即确认日期";
		}
		if (c == DATE_NONE)
			c = r;
		if (c == DATE_NONE)
			c = oc != DATE_NONE ? oc : or_;
		if (a == DATE_NONE)
			a = oa != DATE_NONE && oa <= c ? oa : c;
		if (a > c) {
			*field = IN_CONFIRMED;
			return "确认日期不能早于到达日期";
		}
		r = c;
	} else {
		if (c != DATE_NONE) {
			*field = IN_CONFIRMED;
			return "该提交方式不需要确认日期";
		}
		if (a != DATE_NONE && r != DATE_NONE && a != r) {
			*field = IN_ARRIVED;
			return "当面提交或签收邮件的收到日期即到达日期";
		}
		if (r == DATE_NONE)
			r = a;
		if (r == DATE_NONE)
			r = or_;
		a = r;
	}
	date_format(a, arr);
	date_format(r, recv);
	if (c != DATE_NONE)
		date_format(c, conf);
	else
		conf[0] = '\0';
	return NULL;
}

enum cm_err
op_case_correct(const struct op_ctx *ctx, const struct correct_in *in,
    struct correct_out *out, struct op_refusal *rf)
{
	struct correct_in fix;
	struct case_view v;
	struct case_input ci, nc;
	struct op_fonts	 of;
	struct applicant na;
	struct event_rec e;
	struct buf	 payload;
	struct json	 j;
	const char	*m, *idt, *idn;
	char		 msg[512], now[32], recv[DATE_STRLEN], *request = NULL;
	char		 arr[DATE_STRLEN], conf[DATE_STRLEN];
	int		 f, n, appl, r, ch, s;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	memset(&v, 0, sizeof(v));
	buf_init(&payload);
	if (!roles_may(ctx->role, PERM_CORRECT))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能更正登记信息");
	if ((m = valid_text(in->reason != NULL ? in->reason : "",
	    LIM_COMMENT_CHARS, 1, 1)) != NULL)
		return op_refuse(rf, CM_INVALID, "reason", "更正理由：%s", m);
	if (nz(in->received) && (m = valid_date(in->received)) != NULL)
		return op_refuse(rf, CM_INVALID, "received", "收到日期：%s", m);
	if (nz(in->arrived) && (m = valid_date(in->arrived)) != NULL)
		return op_refuse(rf, CM_INVALID, "arrived", "到达日期：%s", m);
	if (nz(in->confirmed) && (m = valid_date(in->confirmed)) != NULL)
		return op_refuse(rf, CM_INVALID, "confirmed", "确认日期：%s",
		    m);
	if (nz(in->channel) && channel_find(in->channel) < 0)
		return op_refuse(rf, CM_INVALID, "channel", "提交方式：未知的提交方式");
	/* A browser sends a textarea's line breaks as CR LF. */
	if (in->request != NULL && strchr(in->request, '\r') != NULL) {
		const char	*p;
		char		*q;

		q = request = xstrdup(in->request);
		for (p = in->request; *p != '\0'; p++)
			if (!(p[0] == '\r' && p[1] == '\n'))
				*q++ = *p;
		*q = '\0';
		fix = *in;
		fix.request = request;
		in = &fix;
	}
	if ((rc = store_begin(ctx->st)) != CM_OK) {
		free(request);
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	}
	if ((rc = case_load(ctx->st, ctx->cal, in->case_key, ctx->today,
	    &v)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		goto fail;
	}
	s = case_state_find(v.rec.state);
	if (s < 0 || !lifecycle_is_open((enum case_state)s)) {
		rc = op_refuse(rf, CM_CONFLICT, NULL,
		    "案件已答复或已办结，不能再更正登记信息");
		goto fail;
	}
	ch = nz(in->channel) ? channel_find(in->channel) :
	    channel_find(v.rec.channel);
	if ((m = new_dates(&v, in, ch, arr, conf, recv, &f)) != NULL) {
		rc = op_refuse(rf, CM_INVALID, intake_fields[f].name, "%s", m);
		goto fail;
	}

	/* The registration as it would be, checked as at intake. */
	idt = in->id_type != NULL ? in->id_type : v.rec.appl.id_type;
	idn = in->id_number != NULL ? in->id_number : v.rec.appl.id_number;
	if (in->id_type != NULL && in->id_type[0] == '\0')
		idn = in->id_number != NULL ? in->id_number : "";
	memset(&ci, 0, sizeof(ci));
	ci.channel = channel_codes(ch);
	ci.applicant_type = v.rec.appl.type;
	ci.received = recv;
	ci.applicant = in->applicant != NULL ? in->applicant :
	    v.rec.appl.name;
	ci.request = in->request != NULL ? in->request : v.rec.request;
	ci.id_type = idt != NULL && idt[0] != '\0' ? idt : NULL;
	ci.id_number = idn != NULL && idn[0] != '\0' ? idn : NULL;
	ci.phone = in->phone != NULL ? in->phone : v.rec.appl.phone;
	ci.address = in->address != NULL ? in->address : v.rec.appl.address;
	ci.email = in->email != NULL ? in->email : v.rec.appl.email;
	if ((f = intake_check(&ci, msg, sizeof(msg))) >= 0) {
		rc = op_refuse(rf, CM_INVALID, intake_fields[f].name, "%s",
		    op_chinese(msg));
		goto fail;
	}
	/* The changed fields: can the letters print them (issue 16 M6)? */
	memset(&nc, 0, sizeof(nc));
	nc.applicant = in->applicant;
	nc.request = in->request;
	nc.address = in->address;
	nc.phone = in->phone;
	nc.email = in->email;
	op_fonts_load(ctx->st, &of);
	f = intake_check_printable(&nc, op_fonts_printable, &of, msg,
	    sizeof(msg));
	op_fonts_clear(&of);
	if (f >= 0) {
		rc = op_refuse(rf, CM_INVALID, intake_fields[f].name, "%s",
		    msg);
		goto fail;
	}
	if (ci.id_number != NULL && ci.id_type == NULL) {
		rc = op_refuse(rf, CM_INVALID, "id_type",
		    "证件类型：填写证件号码时须选择证件类型");
		goto fail;
	}
	if (strcmp(recv, v.rec.received) != 0) {
		date_parse(recv, &r);
		if ((m = received_rule(ctx, &v, r)) != NULL) {
			rc = op_refuse(rf, CM_CONFLICT, "received", "%s", m);
			goto fail;
		}
	}

	/* What changes, before and after, for the event. */
	json_init(&j, &payload);
	json_obj_open(&j, NULL);
	json_str(&j, "reason", in->reason);
	json_obj_open(&j, "changes");
	appl = 0;
	appl += change(&j, "applicant", v.rec.appl.name, in->applicant);
	appl += change(&j, "phone", v.rec.appl.phone, in->phone);
	appl += change(&j, "address", v.rec.appl.address, in->address);
	appl += change(&j, "email", v.rec.appl.email, in->email);
	appl += change(&j, "id_type", v.rec.appl.id_type,
	    in->id_type != NULL || in->id_number != NULL ? sv(ci.id_type) :
	    NULL);
	appl += change(&j, "id_number", v.rec.appl.id_number,
	    in->id_type != NULL || in->id_number != NULL ? sv(ci.id_number) :
	    NULL);
	n = appl;
	n += change(&j, "request", v.rec.request, in->request);
	n += change(&j, "channel", v.rec.channel, channel_codes(ch));
	n += change(&j, "arrived", v.rec.arrived, arr);
	n += change(&j, "confirmed", v.rec.confirmed, conf);
	r = change(&j, "received", v.rec.received, recv);
	n += r;
	json_obj_close(&j);
	if (r)
		json_str(&j, "received", recv);
	json_obj_close(&j);
	if (n == 0) {
		rc = op_refuse(rf, CM_INVALID, NULL,
		    "没有需要更正的内容（与现有登记信息相同）");
		goto fail;
	}

	now_iso(now);
	if (appl > 0) {
		memset(&na, 0, sizeof(na));
		na.type = v.rec.appl.type;
		na.name = (char *)ci.applicant;
		na.id_type = (char *)ci.id_type;
		na.id_number = (char *)ci.id_number;
		na.phone = (char *)ci.phone;
		na.address = (char *)ci.address;
		na.email = (char *)ci.email;
		if ((rc = store_applicant_copy(ctx->st, &na, now,
		    &v.rec.appl.id)) != CM_OK) {
			op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
			goto fail;
		}
	}
	if (in->request != NULL) {
		free(v.rec.request);
		v.rec.request = xstrdup(in->request);
	}
	memcpy(v.rec.arrived, arr, DATE_STRLEN);
	memcpy(v.rec.confirmed, conf, DATE_STRLEN);
	memcpy(v.rec.received, recv, DATE_STRLEN);
	free(v.rec.channel);
	v.rec.channel = xstrdup(channel_codes(ch));
	free(v.rec.updated_at);
	v.rec.updated_at = xstrdup(now);
	if ((rc = store_case_correct(ctx->st, &v.rec)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}

	memset(&e, 0, sizeof(e));
	e.action = (char *)"correct";
	e.actor = (char *)ctx->actor;
	e.at = now;
	date_format(ctx->today, e.effective);
	e.party = (char *)"";
	e.amount_fen = -1;
	e.note = (char *)in->reason;
	e.payload = payload.p;
	e.addr = (char *)ctx->addr;
	if ((rc = store_event_append(ctx->st, v.rec.id, &e)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	/* The deadline, recomputed from the events with the correction. */
	{
		struct case_view w;
		int		 due;

		if ((rc = case_load(ctx->st, ctx->cal, v.rec.id, ctx->today,
		    &w)) != CM_OK) {
			case_view_clear(&w);
			op_refuse(rf, CM_SYSERR, NULL, "期限计算失败");
			rc = CM_SYSERR;
			goto fail;
		}
		due = w.dl.closed_on != DATE_NONE ? w.dl.due_base : w.dl.due;
		if (due != DATE_NONE)
			date_format(due, w.rec.due);
		else
			w.rec.due[0] = '\0';
		w.rec.provisional = w.dl.provisional;
		rc = store_case_update(ctx->st, &w.rec);
		case_view_clear(&w);
		if (rc != CM_OK) {
			op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
			goto fail;
		}
	}
	/* The case's identity and 文号 keys (case_keys, case_docrefs) in
	 * the same transaction, so that the search box finds the case by
	 * what it says now (issue 15); grouping is left to the upkeep. */
	if (n > 0 && (rc = proactive_keys_case(ctx->st, v.rec.id)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	if ((rc = store_commit(ctx->st)) != CM_OK) {
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
		goto fail;
	}
	out->changed = n;
	case_view_clear(&v);
	buf_clear(&payload);
	free(request);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	case_view_clear(&v);
	buf_clear(&payload);
	free(request);
	return rc;
}

