/* SPDX-License-Identifier: ISC */
/*
 * JSON routes of the sign-off chain's configuration (ops/signoff.h):
 *   GET  /api/signoff -> [{"kind","configured","steps":[{"pos","name",
 *        "signer"}]}] (administrators)
 *   POST /api/signoff {"kind","steps"} -> the same list; steps is one
 *        "NAME=SIGNER" per line or ';'-separated, "" for the default
 *   GET  /api/cases/{id}/approvals/{n} -> a request and its chain
 * The POST calls op_signoff_set, as `foidesk signoff set` and the page
 * /admin/signoff do.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/op.h"
#include "store/records.h"
#include "ops/signoff.h"
#include "store/signoff.h"
#include "util/json.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

/* Every kind's chain as JSON, with status. */
static void
chains_out(struct req *r, struct resp *p)
{
	struct signoff_step *v;
	struct json	 j;
	size_t		 n, i;
	int		 k, configured;

	p->status = 200;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(&j, &p->body);
	json_arr_open(&j, NULL);
	for (k = 0; k < SIGNOFF_KINDS; k++) {
		if (signoff_chain(r->st, signoff_kinds[k], &v, &n,
		    &configured) != CM_OK) {
			api_error(p, 500, "internal", "读取失败");
			return;
		}
		json_obj_open(&j, NULL);
		json_str(&j, "kind", signoff_kinds[k]);
		json_bool(&j, "configured", configured);
		json_arr_open(&j, "steps");
		for (i = 0; i < n; i++) {
			json_obj_open(&j, NULL);
			json_int(&j, "pos", v[i].pos);
			json_str(&j, "name", v[i].name);
			json_str(&j, "signer", v[i].signer);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		signoff_steps_free(v, n);
	}
	json_arr_close(&j);
	buf_putc(&p->body, '\n');
}

/*
 * GET /api/cases/{id}/approvals/{n} -> {"id","action","outcome","days",
 * "status","requested_by","requested_at","current","may_sign",
 * "steps":[{"pos","name","signer","decision","signed_by","signed_at",
 * "opinion"}]}: a request and its sign-off chain as the caller sees
 * it ("current": the step to sign now, 0 when none; "may_sign": the
 * caller signs it).  Reads only.
 */
void
api_approval_get(struct req *r, struct resp *p)
{
	struct approval		 ap;
	struct signoff_view	 sv;
	struct json		 j;
	char			*end;
	long long		 id;
	size_t			 i;
	enum cm_err		 rc;

	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0')
		id = 0;
	if ((rc = signoff_request_view(r->st, r->args[0], id, r->sess.user,
	    r->sess.role, &ap, &sv)) != CM_OK) {
		api_cm_error(p, rc, rc == CM_NOTFOUND ? "没有这个审批请求" :
		    "读取失败");
		return;
	}
	p->status = 200;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(&j, &p->body);
	json_obj_open(&j, NULL);
	json_int(&j, "id", (long long)ap.id);
	json_str(&j, "action", ap.action);
	if (ap.outcome != NULL)
		json_str(&j, "outcome", ap.outcome);
	else
		json_null(&j, "outcome");
	json_int(&j, "days", ap.days);
	json_str(&j, "status", ap.status);
	json_str(&j, "requested_by", ap.requested_by);
	json_str(&j, "requested_at", ap.requested_at);
	json_int(&j, "current", sv.current + 1);
	json_bool(&j, "may_sign", sv.may_sign);
	json_arr_open(&j, "steps");
	for (i = 0; i < sv.n; i++) {
		json_obj_open(&j, NULL);
		json_int(&j, "pos", sv.steps[i].pos);
		json_str(&j, "name", sv.steps[i].name);
		json_str(&j, "signer", sv.steps[i].signer);
		if (sv.steps[i].decision[0] == '\0') {
			json_null(&j, "decision");
			json_null(&j, "signed_by");
			json_null(&j, "signed_at");
			json_null(&j, "opinion");
		} else {
			json_str(&j, "decision", sv.steps[i].decision);
			json_str(&j, "signed_by", sv.steps[i].signed_by);
			json_str(&j, "signed_at", sv.steps[i].signed_at);
			json_str(&j, "opinion", sv.steps[i].opinion != NULL ?
			    sv.steps[i].opinion : "");
		}
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
	signoff_view_clear(&sv);
	approval_clear(&ap);
}

/* GET /api/signoff */
void
api_signoff(struct req *r, struct resp *p)
{
	chains_out(r, p);
}

/* POST /api/signoff {"kind","steps"} */
void
api_signoff_set(struct req *r, struct resp *p)
{
	struct signoff_set_in	 in;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	struct json		 j;
	enum cm_err		 rc;

	in.kind = req_field(r, "kind");
	in.steps = req_field(r, "steps");
	web_op_ctx(r, &ctx);
	if ((rc = op_signoff_set(&ctx, &in, NULL, &rf)) != CM_OK) {
		api_cm_error(p, rc, rf.msg);
		if (rf.field[0] == '\0' || rc == CM_SYSERR)
			return;
		buf_reset(&p->body);
		json_init(&j, &p->body);
		json_obj_open(&j, NULL);
		json_str(&j, "error", rc == CM_CONFLICT ? "conflict" :
		    "invalid");
		json_str(&j, "message", rf.msg);
		json_str(&j, "field", rf.field);
		json_obj_close(&j);
		buf_putc(&p->body, '\n');
		return;
	}
	chains_out(r, p);
}
