/* SPDX-License-Identifier: ISC */
/*
 * Case operations: intake (Art 29, Art 31 receipt dates), guarded
 * actions with their events, and the cached deadline.  The deadline is
 * derived from the events and the calendar (deadline.c) every time a
 * case is loaded; the copy in cases.due exists only to index lists and
 * is rewritten on every action and every calendar import.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#include "cases/calendar.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "cases/codes.h"
#include "cases/fee.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/report.h"
#include "ops/report.h"
#include "store/assign.h"
#include "store/deliveries.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

void
act_input_init(struct act_input *a)
{
	memset(a, 0, sizeof(*a));
	a->days = -1;
	a->amount_fen = -1;
}

const char *const appl_record_codes[APPL_REC__MAX] = {
	[APPL_REC_KEEP] = "keep", [APPL_REC_UPDATE] = "update",
	[APPL_REC_USE_STORED] = "use-stored",
};

/* The enum appl_record of a code ("use_stored" too), or -1. */
int
appl_record_find(const char *code)
{
	int	 i;

	if (code == NULL)
		return -1;
	if (strcmp(code, "use_stored") == 0)
		return APPL_REC_USE_STORED;
	for (i = 0; i < APPL_REC__MAX; i++)
		if (strcmp(code, appl_record_codes[i]) == 0)
			return i;
	return -1;
}

static const char *
sv(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * The applicant record on file for the identity document typed in in:
 * CM_OK with it in *on (the caller clears it with applicant_clear())
 * and *differs set when the typed details (type, name, phone, address,
 * e-mail) are not the stored ones; CM_NOTFOUND when none is on file.
 */
enum cm_err
case_applicant_on_file(struct store *st, const struct case_input *in,
    struct applicant *on, int *differs)
{
	int64_t		 id;
	enum cm_err	 rc;

	memset(on, 0, sizeof(*on));
	*differs = 0;
	if (!nz(in->id_number) || !nz(in->id_type))
		return CM_NOTFOUND;
	if ((rc = store_applicant_find(st, in->id_type, in->id_number,
	    &id)) != CM_OK)
		return rc;
	if ((rc = store_applicant_get(st, id, on)) != CM_OK)
		return rc;
	*differs = strcmp(sv(on->type), sv(in->applicant_type)) != 0 ||
	    strcmp(sv(on->name), sv(in->applicant)) != 0 ||
	    strcmp(sv(on->phone), sv(in->phone)) != 0 ||
	    strcmp(sv(on->address), sv(in->address)) != 0 ||
	    strcmp(sv(on->email), sv(in->email)) != 0;
	return CM_OK;
}

/* Records one change (before, after) in a payload when they differ. */
static void
appl_change(struct json *j, const char *key, const char *before,
    const char *after)
{
	if (strcmp(sv(before), sv(after)) == 0)
		return;
	json_obj_open(j, key);
	json_str(j, "before", sv(before));
	json_str(j, "after", sv(after));
	json_obj_close(j);
}

/*
 * The applicant row of a new case.  Typed details are never replaced:
 * without an identity document on file the typed details become the
 * record on file; with one whose details are the typed ones the case
 * shares it; otherwise, by in->applicant_record, the case keeps its own
 * copy of the typed details (keep), the typed details become the record
 * on file (update: the old row stays with the cases that have it, and
 * *upd gets the event payload with the values before and after), or
 * the case takes the stored details (use-stored).
 */
static enum cm_err
case_applicant(struct store *st, const struct case_input *in,
    struct applicant *a, const char *now, struct buf *upd)
{
	struct applicant on;
	struct json	 j;
	int		 differs;
	enum cm_err	 rc;

	rc = case_applicant_on_file(st, in, &on, &differs);
	if (rc == CM_NOTFOUND) {
		applicant_clear(&on);
		return store_applicant_insert(st, a, now, &a->id);
	}
	if (rc != CM_OK) {
		applicant_clear(&on);
		return rc;
	}
	if (!differs || in->applicant_record == APPL_REC_USE_STORED)
		a->id = on.id;
	else if (in->applicant_record == APPL_REC_UPDATE) {
		if ((rc = store_applicant_retire(st, on.id)) == CM_OK)
			rc = store_applicant_insert(st, a, now, &a->id);
		json_init(&j, upd);
		json_obj_open(&j, NULL);
		json_str(&j, "reason", "登记时同时更新已存档的申请人信息");
		json_str(&j, "applicant_record", "update");
		json_obj_open(&j, "changes");
		appl_change(&j, "applicant_type", on.type, a->type);
		appl_change(&j, "applicant", on.name, a->name);
		appl_change(&j, "phone", on.phone, a->phone);
		appl_change(&j, "address", on.address, a->address);
		appl_change(&j, "email", on.email, a->email);
		json_obj_close(&j);
		json_obj_close(&j);
	} else
		rc = store_applicant_copy(st, a, now, &a->id);
	applicant_clear(&on);
	return rc;
}

/*
 * A registration correction (ops/op_correct.c) that changed the
 * receipt date carries the new date in its payload as "received": it
 * becomes the date of the case's receive event, so that the deadline
 * is still computed from the events alone.
 */
static void
corrected_receipt(const char *payload, struct dl_event *d, size_t n)
{
	static const char key[] = "\"received\":\"";
	const char	*p;
	char		 s[DATE_STRLEN];
	size_t		 i;
	int		 on;

	if (payload == NULL || (p = strstr(payload, key)) == NULL)
		return;
	p += sizeof(key) - 1;
	if (strnlen(p, DATE_STRLEN) < DATE_STRLEN ||
	    p[DATE_STRLEN - 1] != '"')
		return;
	memcpy(s, p, DATE_STRLEN - 1);
	s[DATE_STRLEN - 1] = '\0';
	if (date_parse(s, &on) != 0)
		return;
	for (i = 0; i < n; i++)
		if (d[i].action == ACT_RECEIVE)
			d[i].on = on;
}

/*
 * The letter kind whose delivery starts the period of a notice event
 * (decision 10), or NULL when its period runs from the event's date.
 */
static const char *
notice_letter(const struct dl_event *e)
{
	switch (e->action) {
	case ACT_FEE_NOTICE:
		return "fee";
	case ACT_REQUEST_CORRECTION:
		return "correction";
	case ACT_CONSULT_START:
		return e->party == PARTY_THIRD ? "consultation" : NULL;
	default:
		return NULL;
	}
}

/*
 * Sets the received and dispatch days of notice event i from the
 * deliveries of its letter sent on or after the event's day and before
 * the next event of the same action: the earliest received date among
 * them, else unknown (DATE_NONE) with the earliest dispatch.
 */
static void
notice_receipt(struct dl_event *d, size_t i, size_t n,
    const struct delivery *dv, size_t ndv)
{
	const char	*kind;
	size_t		 k;
	int		 next = DATE_NONE, sent, rcvd;

	if ((kind = notice_letter(&d[i])) == NULL)
		return;
	d[i].by_receipt = 1;
	d[i].rcvd = d[i].sent = DATE_NONE;
	for (k = i + 1; k < n && next == DATE_NONE; k++)
		if (d[k].action == d[i].action)
			next = d[k].on;
	for (k = 0; k < ndv; k++) {
		if (strcmp(dv[k].kind, kind) != 0 ||
		    date_parse(dv[k].sent, &sent) != 0 || sent < d[i].on ||
		    (next != DATE_NONE && sent >= next))
			continue;
		if (d[i].sent == DATE_NONE || sent < d[i].sent)
			d[i].sent = sent;
		if (date_parse(dv[k].received, &rcvd) == 0 &&
		    (d[i].rcvd == DATE_NONE || rcvd < d[i].rcvd))
			d[i].rcvd = rcvd;
	}
}

/* Converts stored events (and the deliveries of the case's letters) to
 * the deadline engine's input. */
static struct dl_event *
dl_events(const struct event_rec *ev, size_t n, const struct delivery *dv,
    size_t ndv)
{
	struct dl_event	*d;
	size_t		 i;
	int		 a, corr, on = DATE_NONE;

	d = xcalloc(n, sizeof(*d));
	for (i = 0; i < n; i++) {
		/* A correction is no action: no lookup in the table (with
		 * hundreds of them, the misses were a tenth of the page's
		 * clocks). */
		corr = strcmp(ev[i].action, "correct") == 0;
		a = corr ? -1 : action_find(ev[i].action);
		d[i].action = a < 0 ? ACT__MAX : (enum action)a;
		/* Runs of events on one day (200 corrections): parsed once. */
		if (i > 0 && memcmp(ev[i].effective, ev[i - 1].effective,
		    sizeof(ev[i].effective)) == 0)
			d[i].on = on;
		else if (date_parse(ev[i].effective, &d[i].on) != 0)
			d[i].on = DATE_NONE;
		on = d[i].on;
		if (corr)
			corrected_receipt(ev[i].payload, d, i);
		d[i].days = ev[i].days;
		d[i].party = ev[i].party != NULL &&
		    strcmp(ev[i].party, "agency") == 0 ? PARTY_AGENCY :
		    PARTY_THIRD;
		d[i].rcvd = d[i].sent = DATE_NONE;
	}
	for (i = 0; i < n; i++)
		notice_receipt(d, i, n, dv, ndv);
	return d;
}

static int
compute(const struct calendar *cal, const struct event_rec *ev, size_t n,
    const struct delivery *dv, size_t ndv, int today, int corr,
    struct deadline *dl)
{
	struct dl_event	*d;
	int		 rc;

	d = dl_events(ev, n, dv, ndv);
	rc = deadline_compute(d, n, cal, today, corr, dl);
	free(d);
	return rc;
}

static int
correction_period(struct store *st)
{
	int	 p;

	if (store_agency_correction_period(st, &p) != CM_OK || p <= 0)
		p = LAW_CORRECTION_PERIOD_WD;
	return p;
}

/* Copies the derived clocks into the record's cache columns. */
static void
cache_clocks(struct case_rec *c, const struct deadline *dl)
{
	int	 due;

	due = dl->closed_on != DATE_NONE ? dl->due_base : dl->due;
	if (due != DATE_NONE)
		date_format(due, c->due);
	else
		c->due[0] = '\0';
	c->provisional = dl->provisional;
	/* The report's day: the first closure, kept through a redo
	 * (decision 12: the application counts once). */
	if (dl->concluded_on != DATE_NONE)
		date_format(dl->concluded_on, c->closed_on);
	else
		c->closed_on[0] = '\0';
}

/*
 * A new case id: a UUID of version 7 (RFC 9562), the Unix time in
 * milliseconds in its first 48 bits, the rest random (libuuid's
 * generator).  Time-ordered, so that every index keyed by the case id
 * (the cases' primary key, events (case_id, seq), case_keys, the audit
 * trail's object...) takes a new case at one place, the right edge of
 * the ids written meanwhile, instead of at a random leaf page: a random
 * (version 4) id made each intake read and rewrite one page of each such
 * index, pages that at 1,000,000 cases no longer fit the writer's cache
 * (issue 17).  The text form is the same 36 characters; older cases keep
 * their version 4 ids.
 */
static void
case_id_new(char id[37])
{
	struct timespec	 ts;
	uuid_t		 u;
	uint64_t	 ms;
	int		 i;

	uuid_generate_random(u);
	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	for (i = 5; i >= 0; i--) {
		u[i] = (unsigned char)(ms & 0xff);
		ms >>= 8;
	}
	u[6] = (unsigned char)(0x70 | (u[6] & 0x0f));	/* version 7 */
	u[8] = (unsigned char)(0x80 | (u[8] & 0x3f));	/* variant 10 */
	uuid_unparse_lower(u, id);
}

/*
 * Registers a new request in state `received' (Art 29 fields, Art 31
 * receipt date) with its first event, and returns its UUID and case
 * number (year of receipt and sequence, e.g. 2026-0001).  The input is
 * expected to have passed forms/intake validation; the domain rules
 * (codes, dates) are checked here again.
 */
enum cm_err
case_new(struct store *st, const struct calendar *cal,
    const struct case_input *in, const char *actor, int today,
    char id[37], char *number, size_t numlen, char *err, size_t errlen)
{
	struct case_rec		 c;
	struct event_rec	 e;
	struct deadline		 dl;
	struct dl_event		 d;
	struct buf		 upd;
	char			 now[32], num[32];
	int			 ch, rday, ly;
	enum cm_err		 rc;

	memset(&c, 0, sizeof(c));
	buf_init(&upd);
	if ((ch = channel_find(in->channel)) < 0) {
		ERR("未知的提交渠道 (unknown channel)");
		return CM_INVALID;
	}
	if (applicant_type_find(in->applicant_type) < 0) {
		ERR("未知的申请人类型 (unknown applicant type)");
		return CM_INVALID;
	}
	if (nz(in->id_type) && id_type_find(in->id_type) < 0) {
		ERR("未知的证件类型 (unknown id type)");
		return CM_INVALID;
	}
	if (nz(in->id_number) && !nz(in->id_type)) {
		ERR("填写证件号码时须选择证件类型 (an ID number needs its type)");
		return CM_INVALID;
	}
	if (!nz(in->applicant) || !nz(in->request)) {
		ERR("申请人和所需信息为必填项 (applicant and request are "
		    "required)");
		return CM_INVALID;
	}
	if (case_receipt_dates(in, ch, today, c.arrived, c.confirmed,
	    c.received, err, errlen) != NULL)
		return CM_INVALID;

	date_parse(c.received, &rday);
	d.action = ACT_RECEIVE;
	d.on = rday;
	d.days = 0;
	d.party = PARTY_THIRD;
	d.by_receipt = 0;
	d.rcvd = d.sent = DATE_NONE;
	deadline_init(&dl);
	if (deadline_compute(&d, 1, cal, today, LAW_CORRECTION_PERIOD_WD,
	    &dl) != 0) {
		deadline_clear(&dl);
		ERR("日期超出日历范围 (date outside the calendar span)");
		return CM_INVALID;
	}

	now_iso(now);
	case_id_new(c.id);
	c.year = date_year(rday);
	c.channel = (char *)in->channel;
	c.request = (char *)in->request;
	c.doc_number = (char *)nz(in->doc_number);
	c.delivery = (char *)nz(in->delivery);
	c.state = (char *)case_states[ST_RECEIVED].code;
	c.created_at = c.updated_at = now;
	c.appl.type = (char *)in->applicant_type;
	c.appl.name = (char *)in->applicant;
	c.appl.id_type = (char *)nz(in->id_type);
	c.appl.id_number = (char *)nz(in->id_number);
	c.appl.phone = (char *)nz(in->phone);
	c.appl.address = (char *)nz(in->address);
	c.appl.email = (char *)nz(in->email);
	cache_clocks(&c, &dl);
	deadline_clear(&dl);

	memset(&e, 0, sizeof(e));
	e.action = (char *)actions[ACT_RECEIVE].code;
	e.actor = (char *)actor;
	e.at = now;
	snprintf(e.effective, sizeof(e.effective), "%s", c.received);
	e.amount_fen = -1;
	e.note = (char *)"";
	e.addr = (char *)in->addr;

	if ((rc = store_begin(st)) != CM_OK)
		goto fail;
	if ((rc = report_act_locked(st, NULL, ACT_RECEIVE, rday, &ly)) !=
	    CM_OK)
		goto fail;
	if (ly != 0) {
		store_rollback(st);
		ERR("%d年度报告已发布，不能再登记该年度收到的申请 (the %d annual "
		    "report is published)", ly, ly);
		return CM_CONFLICT;
	}
	if ((rc = case_applicant(st, in, &c.appl, now, &upd)) != CM_OK ||
	    (rc = store_case_next_seq(st, c.year, &c.seq)) != CM_OK)
		goto fail;
	snprintf(num, sizeof(num), "%d-%04d", c.year, c.seq);
	c.number = num;
	if ((rc = store_case_insert(st, &c)) != CM_OK ||
	    (rc = store_event_append(st, c.id, &e)) != CM_OK)
		goto fail;
	if (upd.len > 0) {
		/* The record on file updated: an event with both values. */
		e.action = (char *)"correct";
		date_format(today, e.effective);
		e.note = (char *)"登记时同时更新已存档的申请人信息";
		e.payload = upd.p;
		if ((rc = store_event_append(st, c.id, &e)) != CM_OK)
			goto fail;
	}
	if ((rc = proactive_keys_case(st, c.id)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK)
		goto fail;
	buf_clear(&upd);
	proactive_after_write(st, c.id);
	memcpy(id, c.id, 37);
	snprintf(number, numlen, "%s", num);
	return CM_OK;
fail:
	buf_clear(&upd);
	store_rollback(st);
	ERR("保存失败 (could not save the case: %s)", store_errmsg(st));
	return rc == CM_OK ? CM_SYSERR : rc;
}

/*
 * Loads a case by UUID or number with its events, and computes its
 * clocks as of today.  The caller clears v with case_view_clear().
 */
enum cm_err
case_load(struct store *st, const struct calendar *cal, const char *key,
    int today, struct case_view *v)
{
	enum cm_err	 rc;

	memset(v, 0, sizeof(*v));
	deadline_init(&v->dl);
	v->today = today;
	if ((rc = store_case_get(st, key, &v->rec)) != CM_OK)
		return rc;
	if ((rc = store_events_get(st, v->rec.id, &v->ev, &v->nev)) != CM_OK)
		return rc;
	if ((rc = deliveries_list(st, v->rec.id, &v->dv, &v->ndv)) != CM_OK)
		return rc;
	if ((rc = store_case_assignment(st, v->rec.id, &v->asg)) != CM_OK)
		return rc;
	if (compute(cal, v->ev, v->nev, v->dv, v->ndv, today,
	    correction_period(st), &v->dl) != 0)
		return CM_SYSERR;
	return CM_OK;
}

void
case_view_clear(struct case_view *v)
{
	case_rec_clear(&v->rec);
	events_free(v->ev, v->nev);
	deliveries_free(v->dv, v->ndv);
	case_assignment_clear(&v->asg);
	deadline_clear(&v->dl);
	memset(v, 0, sizeof(*v));
}

static void
payload_json(const struct act_input *a, int late_correction, struct buf *b)
{
	struct json	 j;

	json_init(&j, b);
	json_obj_open(&j, NULL);
	/* Decision 9: a late 补正 notice, counted on the dashboard. */
	if (late_correction)
		json_bool(&j, "late_correction", 1);
	if (nz(a->approver))
		json_str(&j, "approver", a->approver);
	if (nz(a->told_on))
		json_str(&j, "told_on", a->told_on);
	if (a->fee != NULL && strcmp(a->action, "fee-notice") == 0)
		fee_notice_json(a->fee, &j);
	json_obj_close(&j);
}

/*
 * Applies one action to a case: checks it (lifecycle.c), appends its
 * event, moves the state and refreshes the cached deadline, all in one
 * transaction.  Returns CM_NOTFOUND for an unknown case, CM_INVALID for
 * malformed input and CM_CONFLICT for an action the rules refuse.
 */
static enum cm_err case_act_do(struct store *, const struct calendar *,
    const char *, const struct act_input *, const char *, int, int, char *,
    size_t);

enum cm_err
case_act(struct store *st, const struct calendar *cal, const char *key,
    const struct act_input *in, const char *actor, int today,
    char *err, size_t errlen)
{
	return case_act_do(st, cal, key, in, actor, today, 0, err, errlen);
}

/*
 * Reopens a replied case for a new reply after a 纠正 decision that
 * orders one (decision 12): an event `redo` on the day the agency
 * received the decision (received, ISO), with the period it sets in
 * working days (days; 0 for the statutory 20).  The case goes back to
 * handling; its first conclusion stays the report's.  Runs inside the
 * caller's transaction when there is one (ops/appeal.c).
 */
enum cm_err
case_redo(struct store *st, const struct calendar *cal, const char *key,
    const char *received, int days, const char *note, const char *actor,
    int today, char *err, size_t errlen)
{
	struct act_input	 a;

	act_input_init(&a);
	a.action = actions[ACT_REDO].code;
	a.on = received;
	a.days = days > 0 ? days : LAW_REPLY_WD;
	a.note = note;
	return case_act_do(st, cal, key, &a, actor, today, 1, err, errlen);
}

/* case_act(); internal allows a redo (case_redo). */
static enum cm_err
case_act_do(struct store *st, const struct calendar *cal, const char *key,
    const struct act_input *in, const char *actor, int today, int internal,
    char *err, size_t errlen)
{
	struct case_view	 v;
	struct lc_check		 chk;
	struct event_rec	 e, *nev;
	struct deadline		 dl;
	struct buf		 payload;
	char			 now[32];
	const char		*msg;
	int			 act, st0, to, on, i, corr, ly;
	enum cm_err		 rc;

	buf_init(&payload);
	deadline_init(&dl);
	memset(&v, 0, sizeof(v));
	if ((act = action_find(in->action)) < 0 || act == ACT_RECEIVE) {
		ERR("未知的操作 (unknown action)");
		rc = CM_INVALID;
		goto out;
	}
	if (act == ACT_REDO && !internal) {
		ERR("重新答复须在复议或诉讼记录中登记“纠正”结果并责令重新答复"
		    " (use foidesk appeal decide --result corrected --redo)");
		rc = CM_CONFLICT;
		goto out;
	}
	on = today;
	if (nz(in->on) && date_parse(in->on, &on) != 0) {
		ERR("日期无效 (effective date: not a valid date)");
		rc = CM_INVALID;
		goto out;
	}
	if (nz(in->told_on) && date_parse(in->told_on, &i) != 0) {
		ERR("告知日期无效 (date told: not a valid date)");
		rc = CM_INVALID;
		goto out;
	}
	if (nz(in->party) && strcmp(in->party, "third_party") != 0 &&
	    strcmp(in->party, "agency") != 0) {
		ERR("征求意见对象应为 第三方或其他机关 (party: third_party or agency)");
		rc = CM_INVALID;
		goto out;
	}
	memset(&chk, 0, sizeof(chk));
	chk.outcome = -1;
	if (nz(in->outcome) && (chk.outcome = outcome_find(in->outcome)) < 0) {
		ERR("未知的答复结果 (unknown outcome)");
		rc = CM_INVALID;
		goto out;
	}

	if ((rc = store_begin(st)) != CM_OK) {
		ERR("数据库忙 (database busy: %s)", store_errmsg(st));
		goto out;
	}
	if ((rc = case_load(st, cal, key, on, &v)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取案件失败 (could not load the case)");
		goto fail;
	}
	/* A published annual report freezes its year (report.c); a case
	 * reopened by a redo order stays counted where it was concluded
	 * (decision 12), so only the new action's day is checked. */
	if ((rc = report_act_locked(st, act == ACT_REDO || v.dl.redone > 0 ?
	    NULL : v.rec.closed_on, act, on, &ly)) != CM_OK) {
		ERR("读取年报状态失败 (could not check the report lock)");
		goto fail;
	}
	if (ly != 0) {
		ERR("%d年度报告已发布，该案件不能再变更；如确需变更，请先"
		    "重新开放该年度 (the %d annual report is published: "
		    "foidesk report reopen)", ly, ly);
		rc = CM_CONFLICT;
		goto fail;
	}
	if ((st0 = case_state_find(v.rec.state)) < 0) {
		rc = CM_SYSERR;
		ERR("案件状态无效 (corrupt state)");
		goto fail;
	}
	chk.state = (enum case_state)st0;
	chk.dl = &v.dl;
	chk.today = today;
	chk.action = (enum action)act;
	chk.on = on;
	chk.days = in->days >= 0 ? in->days : v.dl.period;
	chk.amount_fen = in->amount_fen;
	for (i = 0; i < (int)v.nev; i++) {
		if (strcmp(v.ev[i].action, "extend") == 0)
			chk.extended = 1;
		if (strcmp(v.ev[i].action, "request-correction") == 0)
			chk.corrected = 1;
		/* Registration corrections and workflow events (assign.h)
		 * are no steps of the lifecycle. */
		if (event_is_step(v.ev[i].action))
			date_parse(v.ev[i].effective, &chk.last_on);
	}
	if ((msg = lifecycle_check(&chk)) != NULL) {
		ERR("%s", msg);
		rc = CM_CONFLICT;
		goto fail;
	}
	/* Art 35: the later deadline is later than the one in force. */
	if (act == ACT_SET_LATER_DEADLINE && v.dl.due != DATE_NONE &&
	    calendar_add_workdays(cal, on, chk.days, NULL) <= v.dl.due) {
		ERR("延迟答复期限应晚于现行答复期限 (the later deadline must "
		    "fall after the deadline in force)");
		rc = CM_CONFLICT;
		goto fail;
	}
	to = lifecycle_next(chk.state, chk.action);

	now_iso(now);
	memset(&e, 0, sizeof(e));
	e.action = (char *)actions[act].code;
	e.actor = (char *)actor;
	e.at = now;
	date_format(on, e.effective);
	e.days = act == ACT_EXTEND || act == ACT_REDO ||
	    act == ACT_SET_LATER_DEADLINE ||
	    (act == ACT_ASK_REASONS && in->days > 0) ? chk.days : 0;
	e.party = act == ACT_CONSULT_START ?
	    (char *)(nz(in->party) ? in->party : "third_party") : (char *)"";
	e.amount_fen = act == ACT_FEE_NOTICE ? in->amount_fen : -1;
	e.note = (char *)(in->note != NULL ? in->note : "");
	e.addr = (char *)in->addr;
	switch (act) {
	case ACT_REPLY:
		e.outcome = (char *)outcomes[chk.outcome].code;
		break;
	case ACT_WITHDRAW:
		e.outcome = (char *)outcomes[OUT_OTHER_OTHER].code;
		break;
	case ACT_CORRECTION_LAPSED:
		e.outcome = (char *)outcomes[OUT_OTHER_NO_CORRECTION].code;
		break;
	case ACT_FEE_LAPSED:
		e.outcome = (char *)outcomes[OUT_OTHER_NO_FEE].code;
		break;
	default:
		break;
	}
	payload_json(in, act == ACT_REQUEST_CORRECTION &&
	    v.dl.correction_due != DATE_NONE && on > v.dl.correction_due,
	    &payload);
	e.payload = payload.p;
	if ((rc = store_event_append(st, v.rec.id, &e)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}

	/* Recompute the clocks with the new event. */
	nev = xrealloc(v.ev, (v.nev + 1) * sizeof(*v.ev));
	v.ev = nev;
	memset(&v.ev[v.nev], 0, sizeof(*v.ev));
	v.ev[v.nev].action = xstrdup(e.action);
	memcpy(v.ev[v.nev].effective, e.effective, DATE_STRLEN);
	v.ev[v.nev].days = e.days;
	v.ev[v.nev].party = xstrdup(e.party);
	v.nev++;
	corr = correction_period(st);
	if (compute(cal, v.ev, v.nev, v.dv, v.ndv, today, corr, &dl) != 0) {
		rc = CM_SYSERR;
		ERR("期限计算失败 (deadline out of calendar span)");
		goto fail;
	}
	free(v.rec.state);
	v.rec.state = xstrdup(case_states[to].code);
	if (e.outcome != NULL) {
		free(v.rec.outcome);
		v.rec.outcome = xstrdup(e.outcome);
	}
	if (act == ACT_ACCEPT && v.rec.handler == NULL)
		v.rec.handler = xstrdup(actor);
	cache_clocks(&v.rec, &dl);
	free(v.rec.updated_at);
	v.rec.updated_at = xstrdup(now);
	if ((rc = store_case_update(st, &v.rec)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK) {
		ERR("保存失败 (could not save: %s)", store_errmsg(st));
		goto fail;
	}
	/* Only an outcome can change the Art. 44 trigger (a reply that
	 * discloses); the request and the applicant, which place the case
	 * in its group, are not changed by an action (issue 17: every
	 * action re-ran the whole text search). */
	if (e.outcome != NULL)
		proactive_after_outcome(st, v.rec.id);
	goto out;
fail:
	store_rollback(st);
out:
	case_view_clear(&v);
	deadline_clear(&dl);
	buf_clear(&payload);
	return rc;
}

struct refresh {
	struct store		*st;
	const struct calendar	*cal;
	int			 today;
	int			 count;
};

static int
refresh_one(const char *id, void *arg)
{
	struct refresh	*r = arg;
	struct case_view v;
	int		 rc;

	if (case_load(r->st, r->cal, id, r->today, &v) != CM_OK) {
		case_view_clear(&v);
		return -1;
	}
	cache_clocks(&v.rec, &v.dl);
	rc = store_case_update(r->st, &v.rec) == CM_OK ? 0 : -1;
	case_view_clear(&v);
	r->count++;
	return rc;
}

/*
 * Recomputes the cached deadline of every open case (after a calendar
 * change).  Runs inside the caller's transaction.
 */
enum cm_err
case_refresh_open(struct store *st, const struct calendar *cal, int today,
    int *count)
{
	struct refresh	 r = { st, cal, today, 0 };
	enum cm_err	 rc;

	rc = store_case_open_ids(st, refresh_one, &r);
	if (count != NULL)
		*count = r.count;
	return rc;
}

/* Working days left, due soon and overdue for a list row. */
void
case_row_clock(const struct calendar *cal, const struct case_row *r,
    int today, struct row_clock *k)
{
	int	 s;

	memset(k, 0, sizeof(*k));
	if (r->due == NULL || (s = case_state_find(r->state)) < 0 ||
	    !lifecycle_is_open((enum case_state)s))
		return;
	due_clock(cal, r->due, today, k);
}

/* Working days left, due soon and overdue of an open case's due date
 * (ISO; nothing when it does not parse). */
void
due_clock(const struct calendar *cal, const char *iso, int today,
    struct row_clock *k)
{
	int	 due;

	memset(k, 0, sizeof(*k));
	if (iso == NULL || date_parse(iso, &due) != 0)
		return;
	if (today <= due)
		k->wd_left = calendar_workdays_between(cal, today, due);
	else
		k->wd_left = -calendar_workdays_between(cal, due, today);
	k->overdue = today > due;
	k->due_soon = !k->overdue && k->wd_left <= DL_DUE_SOON;
}

/*
 * The case as it would be after one more action, computed in memory
 * and written nowhere: loads it as case_load() does, appends the
 * action's event (effective in->on or today, its days, party, amount
 * and outcome), moves the state and recomputes the clocks.  For a
 * preview such as the draft letter of a pending approval (reads may
 * not write).  The action is not checked against the lifecycle: that
 * is case_act()'s job when it is applied.
 */
enum cm_err
case_load_after(struct store *st, const struct calendar *cal,
    const char *key, const struct act_input *in, int today,
    struct case_view *v)
{
	struct event_rec	*e;
	const char		*outcome = NULL;
	int			 act, s, on = today;
	enum cm_err		 rc;

	if ((rc = case_load(st, cal, key, today, v)) != CM_OK)
		return rc;
	if ((act = action_find(in->action)) < 0 || act == ACT_RECEIVE ||
	    (nz(in->on) && date_parse(in->on, &on) != 0))
		return CM_INVALID;
	switch (act) {
	case ACT_REPLY:
		if (!nz(in->outcome) || outcome_find(in->outcome) < 0)
			return CM_INVALID;
		outcome = in->outcome;
		break;
	case ACT_WITHDRAW:
		outcome = outcomes[OUT_OTHER_OTHER].code;
		break;
	case ACT_CORRECTION_LAPSED:
		outcome = outcomes[OUT_OTHER_NO_CORRECTION].code;
		break;
	case ACT_FEE_LAPSED:
		outcome = outcomes[OUT_OTHER_NO_FEE].code;
		break;
	default:
		break;
	}
	v->ev = xrealloc(v->ev, (v->nev + 1) * sizeof(*v->ev));
	e = &v->ev[v->nev++];
	memset(e, 0, sizeof(*e));
	e->action = xstrdup(actions[act].code);
	e->actor = xstrdup("");
	e->at = xstrdup("");
	date_format(on, e->effective);
	e->days = act == ACT_EXTEND || act == ACT_SET_LATER_DEADLINE ?
	    (in->days >= 0 ? in->days : v->dl.period) :
	    act == ACT_ASK_REASONS && in->days > 0 ? in->days : 0;
	e->party = xstrdup(act == ACT_CONSULT_START && nz(in->party) ?
	    in->party : act == ACT_CONSULT_START ? "third_party" : "");
	e->outcome = outcome != NULL ? xstrdup(outcome) : NULL;
	e->amount_fen = act == ACT_FEE_NOTICE ? in->amount_fen : -1;
	e->note = xstrdup(in->note != NULL ? in->note : "");
	e->payload = xstrdup("{}");
	e->addr = xstrdup("");
	deadline_clear(&v->dl);
	deadline_init(&v->dl);
	if (compute(cal, v->ev, v->nev, v->dv, v->ndv, today,
	    correction_period(st), &v->dl) != 0)
		return CM_SYSERR;
	if ((s = case_state_find(v->rec.state)) >= 0 &&
	    (s = lifecycle_next((enum case_state)s, (enum action)act)) >= 0) {
		free(v->rec.state);
		v->rec.state = xstrdup(case_states[s].code);
	}
	if (outcome != NULL) {
		free(v->rec.outcome);
		v->rec.outcome = xstrdup(outcome);
	}
	return CM_OK;
}

/*
 * Folds events ev[0..n) (with the deliveries of the case's letters) into
 * dl as of today, the correction period corr (agency setting): the
 * deadline engine on stored events, for readers that load many cases'
 * events themselves (ops/stats.c).  -1 when the events give no clock.
 */
int
case_clock_fold(const struct calendar *cal, const struct event_rec *ev,
    size_t n, const struct delivery *dv, size_t ndv, int today, int corr,
    struct deadline *dl)
{
	return compute(cal, ev, n, dv, ndv, today, corr, dl);
}
