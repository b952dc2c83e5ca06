/* SPDX-License-Identifier: ISC */
/*
 * JSON routes of the sign-off chain's configuration (ops/signoff.h):
 *   GET  /api/signoff -> [{"kind","configured","steps":[{"pos","name",
 *        "signer"}]}] (administrators)
 *   POST /api/signoff {"kind","steps"} -> the same list; steps is one
 *        "NAME=SIGNER" per line or ';'-separated, "" for the default
 * The POST calls op_signoff_set, as `foidesk signoff set` and the page
 * /admin/signoff do.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/op.h"
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
