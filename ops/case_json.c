/* SPDX-License-Identifier: ISC */
/*
 * The JSON shape of a case and of a list row (codes.md "JSON shapes"),
 * shared by the CLI's --json output and the HTTP API.
 */
#include <stdio.h>
#include <string.h>

#include "ops/case.h"
#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/fee.h"
#include "cases/lifecycle.h"
#include "ops/delivery.h"
#include "store/store.h"
#include "util/json.h"

static void
json_date(struct json *j, const char *key, int day)
{
	char	 s[DATE_STRLEN];

	if (day == DATE_NONE) {
		json_null(j, key);
		return;
	}
	date_format(day, s);
	json_str(j, key, s);
}

static void
json_opt(struct json *j, const char *key, const char *v)
{
	json_str(j, key, v != NULL && v[0] != '\0' ? v : NULL);
}

static void
yuan(struct json *j, const char *key, long long fen)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld.%02lld", fen / 100, fen % 100);
	json_str(j, key, s);
}

/* "fee": the 109号 computation a fee notice recorded (method, count,
 * first unit charged, computed amount, amount charged, override reason). */
static void
fee_event_json(const struct event_rec *e, struct json *j)
{
	struct fee_notice	 n;

	if (fee_notice_parse(e->payload, &n) != 1)
		return;
	json_obj_open(j, "fee");
	json_str(j, "method", fee_methods[n.method]);
	json_int(j, "count", n.count);
	json_int(j, "first", n.first);
	yuan(j, "computed", n.computed_fen);
	yuan(j, "amount", fee_notice_charged(&n));
	if (n.override_fen >= 0)
		json_str(j, "override_reason",
		    n.reason != NULL ? n.reason : "");
	json_obj_close(j);
	fee_notice_clear(&n);
}

static const char *
label(const struct code *t, int n, const char *code)
{
	int	 i;

	return (i = code_find(t, n, code)) < 0 ? NULL : t[i].label;
}

/*
 * The letters whose received date is still unknown (decision 10):
 * first each open period waiting for its notice's receipt (period:
 * fee, correction, consultation; sent null when no delivery is
 * recorded yet), then every other delivery without a received date.
 */
static void
awaiting_json(const struct case_view *v, struct json *j)
{
	static const struct {
		int		 flag;
		const char	*period, *kind;
	} p[] = {
		{ DL_AWAIT_FEE, "fee", "fee" },
		{ DL_AWAIT_CORRECTION, "correction", "correction" },
		{ DL_AWAIT_CONSULT, "consultation", "consultation" },
	};
	const struct delivery *hit;
	size_t		 i, k;
	int		 done[3] = { 0, 0, 0 };

	json_arr_open(j, "awaiting_delivery");
	for (k = 0; k < 3; k++) {
		if (!(v->dl.awaiting & p[k].flag))
			continue;
		hit = NULL;
		for (i = 0; i < v->ndv; i++)
			if (strcmp(v->dv[i].kind, p[k].kind) == 0 &&
			    v->dv[i].received[0] == '\0')
				hit = &v->dv[i];
		json_obj_open(j, NULL);
		json_str(j, "letter", p[k].kind);
		json_str(j, "period", p[k].period);
		if (hit != NULL) {
			json_int(j, "id", hit->id);
			json_int(j, "version", hit->version);
			json_str(j, "sent", hit->sent);
			done[k] = (int)(hit - v->dv) + 1;
		} else {
			json_null(j, "id");
			json_null(j, "sent");
		}
		json_obj_close(j);
	}
	for (i = 0; i < v->ndv; i++) {
		if (v->dv[i].received[0] != '\0')
			continue;
		for (k = 0; k < 3 && done[k] != (int)i + 1; k++)
			;
		if (k < 3)
			continue;
		json_obj_open(j, NULL);
		json_str(j, "letter", v->dv[i].kind);
		json_null(j, "period");
		json_int(j, "id", v->dv[i].id);
		json_int(j, "version", v->dv[i].version);
		json_str(j, "sent", v->dv[i].sent);
		json_obj_close(j);
	}
	json_arr_close(j);
}

/* Writes the whole case as one JSON object. */
void
case_view_json(const struct case_view *v, struct json *j)
{
	const struct case_rec	*c = &v->rec;
	const struct deadline	*d = &v->dl;
	unsigned		 allowed;
	int			 s, a, open;
	size_t			 i;

	s = case_state_find(c->state);
	open = s >= 0 && lifecycle_is_open((enum case_state)s);
	json_obj_open(j, NULL);
	json_str(j, "id", c->id);
	json_str(j, "number", c->number);
	json_str(j, "state", c->state);
	json_str(j, "state_label", label(case_states, ST__MAX, c->state));
	json_str(j, "channel", c->channel);
	json_str(j, "received", c->received);
	json_opt(j, "arrived", c->arrived);
	json_opt(j, "confirmed", c->confirmed);
	json_obj_open(j, "applicant");
	json_str(j, "name", c->appl.name);
	json_str(j, "type", c->appl.type);
	json_opt(j, "id_type", c->appl.id_type);
	json_opt(j, "id_number", c->appl.id_number);
	json_opt(j, "phone", c->appl.phone);
	json_opt(j, "address", c->appl.address);
	json_opt(j, "email", c->appl.email);
	json_obj_close(j);
	json_str(j, "request", c->request);
	json_opt(j, "doc_number", c->doc_number);
	json_opt(j, "delivery", c->delivery);
	/* Decision 17: the Art 29 items the application lacks. */
	json_arr_open(j, "art29_missing");
	for (a = 0; a < ART29__MAX; a++)
		if (art29_missing(c) & (1u << a))
			json_str(j, NULL, art29_codes[a]);
	json_arr_close(j);
	json_opt(j, "handler", c->handler);
	/* Issue 13: the officer, the department and its 协办. */
	json_opt(j, "assignee", c->handler);
	json_opt(j, "department", v->asg.dept_code);
	json_opt(j, "department_name", v->asg.dept_name);
	json_arr_open(j, "assists");
	for (i = 0; i < v->asg.nas; i++) {
		json_obj_open(j, NULL);
		json_str(j, "department", v->asg.as[i].dept_code);
		json_str(j, "department_name", v->asg.as[i].dept_name);
		json_str(j, "due", v->asg.as[i].due);
		json_opt(j, "note", v->asg.as[i].note);
		json_opt(j, "done_on", v->asg.as[i].done_on);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_str(j, "outcome", c->outcome);
	json_str(j, "outcome_label", c->outcome != NULL ?
	    label(outcomes, OUT__MAX, c->outcome) : NULL);
	json_date(j, "due", d->due);
	json_date(j, "internal_target", open && d->due != DATE_NONE ?
	    d->internal_target : DATE_NONE);
	json_date(j, "correction_due", d->correction_due);
	json_date(j, "correction_deadline", d->correction_deadline);
	json_date(j, "fee_due", open ? d->fee_due : DATE_NONE);
	json_date(j, "suspended_since", open ? d->suspended_since : DATE_NONE);
	json_date(j, "suspension_cap", open ? d->suspension_cap : DATE_NONE);
	json_int(j, "suspended_days", d->suspended_days);
	json_int(j, "extended_days", d->extended_days);
	if (open && d->due != DATE_NONE)
		json_int(j, "working_days_left", d->wd_left);
	else
		json_null(j, "working_days_left");
	json_bool(j, "stopped", open && d->stopped);
	json_bool(j, "due_soon", open && d->due_soon);
	json_bool(j, "overdue", open && d->overdue);
	json_bool(j, "provisional", d->provisional);
	json_date(j, "closed_on", d->closed_on);
	json_bool(j, "late", d->late);
	json_bool(j, "late_correction", d->late_correction);
	json_bool(j, "on_the_spot", d->on_the_spot);
	json_str(j, "explanation", buf_str(&d->explain));
	json_date(j, "awaiting_since", open && d->awaiting ?
	    d->awaiting_since : DATE_NONE);
	awaiting_json(v, j);
	delivery_json(j, "deliveries", v->dv, v->ndv);
	json_arr_open(j, "actions");
	allowed = s >= 0 ? lifecycle_allowed((enum case_state)s) : 0;
	for (a = 0; a < ACT__MAX; a++)
		if (allowed & (1u << a))
			json_str(j, NULL, actions[a].code);
	json_arr_close(j);
	json_arr_open(j, "events");
	for (i = 0; i < v->nev; i++) {
		const struct event_rec *e = &v->ev[i];

		json_obj_open(j, NULL);
		json_int(j, "seq", e->seq);
		json_str(j, "action", e->action);
		json_str(j, "label", workflow_event_find(e->action) >= 0 ?
		    label(workflow_events, WEV__MAX, e->action) :
		    label(actions, ACT__MAX, e->action));
		json_str(j, "actor", e->actor);
		json_str(j, "at", e->at);
		json_str(j, "on", e->effective);
		if (e->days > 0)
			json_int(j, "days", e->days);
		if (e->party != NULL && e->party[0] != '\0')
			json_str(j, "party", e->party);
		if (e->outcome != NULL)
			json_str(j, "outcome", e->outcome);
		if (e->amount_fen >= 0)
			json_int(j, "amount_fen", e->amount_fen);
		if (strcmp(e->action, "fee-notice") == 0)
			fee_event_json(e, j);
		json_opt(j, "note", e->note);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_obj_close(j);
}

/* Writes one list row as a JSON object. */
void
case_row_json(const struct case_row *r, const struct row_clock *k,
    struct json *j)
{
	json_obj_open(j, NULL);
	case_row_json_members(r, k, j);
	json_obj_close(j);
}

/* The members of case_row_json's object, in an object the caller has
 * opened (the search adds how a case matched). */
void
case_row_json_members(const struct case_row *r, const struct row_clock *k,
    struct json *j)
{
	json_str(j, "id", r->id);
	json_str(j, "number", r->number);
	json_str(j, "state", r->state);
	json_str(j, "applicant", r->applicant);
	json_str(j, "applicant_type", r->applicant_type);
	json_str(j, "channel", r->channel);
	json_str(j, "received", r->received);
	json_str(j, "due", r->due);
	if (r->outcome == NULL && r->due != NULL)
		json_int(j, "working_days_left", k->wd_left);
	else
		json_null(j, "working_days_left");
	json_bool(j, "due_soon", k->due_soon);
	json_bool(j, "overdue", k->overdue);
	json_bool(j, "provisional", r->provisional);
	json_str(j, "outcome", r->outcome);
	json_str(j, "closed_on", r->closed_on);
}
