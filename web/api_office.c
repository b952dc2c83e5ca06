/* SPDX-License-Identifier: ISC */
/*
 * JSON routes of the office operations that have no page: appeals
 * against a case (行政复议, 行政诉讼).  Each decodes the JSON body, calls
 * the operation of ops/ that `foidesk appeal` calls, and renders the
 * result or the refusal ({"error", "message", "field"}).
 */
#include <stdlib.h>
#include <string.h>

#include "ops/appeal.h"
#include "ops/op.h"
#include "store/store.h"
#include "store/store_report.h"
#include "util/json.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

/* An operation's refusal as an API error. */
static void
refusal(struct resp *p, enum cm_err rc, const struct op_refusal *rf)
{
	struct json	 j;

	api_cm_error(p, rc, rf->msg);
	if ((rc != CM_NOTFOUND && rc != CM_CONFLICT && rc != CM_INVALID) ||
	    rf->field[0] == '\0')
		return;
	/* Say which field, in the object api_cm_error wrote. */
	buf_reset(&p->body);
	json_init(&j, &p->body);
	json_obj_open(&j, NULL);
	json_str(&j, "error", rc == CM_NOTFOUND ? "not_found" : rc ==
	    CM_CONFLICT ? "conflict" : "invalid");
	json_str(&j, "message", rf->msg);
	json_str(&j, "field", rf->field);
	json_obj_close(&j);
	buf_putc(&p->body, '\n');
}

/* The appeal id as JSON, with status. */
static void
appeal_out(struct req *r, struct resp *p, int status, int64_t id)
{
	struct appeal_rec a;
	struct json	 j;

	memset(&a, 0, sizeof(a));
	if (store_appeal_get(r->st, id, &a) != CM_OK) {
		appeal_rec_clear(&a);
		api_error(p, 500, "internal", "读取失败");
		return;
	}
	p->status = status;
	p->ctype = "application/json; charset=utf-8";
	buf_reset(&p->body);
	json_init(&j, &p->body);
	appeal_json(&a, &j);
	buf_putc(&p->body, '\n');
	appeal_rec_clear(&a);
}

/* POST /api/cases/{id}/appeals {"kind","filed","body","result","decided"} */
void
api_appeal_add(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct appeal_input	 in;
	struct appeal_add_out	 out;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.case_key = r->args[0];
	in.kind = req_field(r, "kind");
	in.filed = req_field(r, "filed");
	in.body = req_field(r, "body");
	in.result = req_field(r, "result");
	in.decided = req_field(r, "decided");
	if ((rc = op_appeal_add(&ctx, &in, &out, &rf)) != CM_OK) {
		refusal(p, rc, &rf);
		return;
	}
	appeal_out(r, p, 201, out.id);
}

/* POST /api/appeals/{id} {"result","decided"[,"redo":true,"received",
 * "days"]}: redo reopens the case for a new reply (decision 12). */
void
api_appeal_decide(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct appeal_decide_in	 in;
	struct op_refusal	 rf;
	const char		*v;
	char			*end;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	in.id = strtoll(r->args[0], &end, 10);
	if (*end != '\0')
		in.id = 0;
	in.result = req_field(r, "result");
	in.decided = req_field(r, "decided");
	if ((v = req_field(r, "redo")) != NULL)
		in.redo = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
	in.received = req_field(r, "received");
	if ((v = req_field(r, "days")) != NULL && v[0] != '\0') {
		in.days = (int)strtol(v, &end, 10);
		if (*end != '\0' || in.days < 1)
			in.days = -1;
	}
	if ((rc = op_appeal_decide(&ctx, &in, &rf)) != CM_OK) {
		refusal(p, rc, &rf);
		return;
	}
	appeal_out(r, p, 200, in.id);
}
