/* SPDX-License-Identifier: ISC */
/*
 * 签批流程 (administrators, issue 13 item 4): per kind of decision the
 * steps of its approval and who may sign each, one step per line
 * "名称=签批人"; each change is the operation op_signoff_set
 * (ops/signoff.h).  GET /admin/signoff, POST /admin/signoff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/op.h"
#include "ops/signoff.h"
#include "store/signoff.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

static void
render(struct req *r, struct resp *p, const struct op_refusal *rf)
{
	struct buf		*b = &p->body;
	struct signoff_step	*v;
	const char		*kind = req_field(r, "kind");
	char			*t, who[256];
	size_t			 n, i;
	int			 k, here, configured;

	page_begin(r, p, "签批流程", NAV_ADMIN);
	html_raw(b, "<h1>签批流程</h1><p class=\"hint\">承办人提出的答复或延期"
	    "须经签批；承办人发出的收费通知，设置了签批步骤的，也须经签批。每类事项可设置若干步骤（如拟办、审核、签发），每行一步，"
	    "写成“名称=签批人”。签批人可以是：role:officer（承办人）、"
	    "role:reviewer（审核人）、head（案件承办科室负责人；未设负责人的，"
	    "由审核人签批）、requester（提请人本人，不能作为最后一步）、"
	    "users:用户名,用户名（指定用户）。各步依次签批，任何一步退回即退回"
	    "承办人；最后一步批准后出具文书并生成办理审批单。留空即恢复默认："
	    "由审核人一步审批。已提出的请求按提出时的流程办理。</p>");
	if (rf != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	for (k = 0; k < SIGNOFF_KINDS; k++) {
		here = rf != NULL && kind != NULL &&
		    strcmp(kind, signoff_kinds[k]) == 0;
		v = NULL;
		n = 0;
		configured = 0;
		if (signoff_chain(r->st, signoff_kinds[k], &v, &n,
		    &configured) != CM_OK)
			n = 0;
		html_raw(b, "<section class=\"panel\" id=\"so-");
		html_text(b, signoff_kinds[k]);
		html_raw(b, "\"><h2>");
		html_text(b, signoff_kind_labels[k]);
		html_raw(b, "</h2><ol class=\"ap-chain\">");
		for (i = 0; i < n; i++) {
			signoff_signer_label(v[i].signer, who, sizeof(who));
			html_raw(b, "<li>");
			html_text(b, v[i].name);
			html_raw(b, "：");
			html_text(b, who);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ol>");
		if (!configured)
			html_raw(b, "<p class=\"hint\">（默认流程）</p>");
		html_raw(b, "<form method=\"post\" action=\"/admin/signoff\""
		    " class=\"stack\">");
		html_csrf(b, r);
		html_raw(b, "<input type=\"hidden\" name=\"kind\" value=\"");
		html_text(b, signoff_kinds[k]);
		html_raw(b, "\"><label class=\"wide\">签批步骤<textarea"
		    " name=\"steps\" rows=\"4\"");
		if (here)
			html_raw(b, " aria-invalid=\"true\"");
		html_raw(b, ">");
		if (here && req_field(r, "steps") != NULL)
			html_text(b, req_field(r, "steps"));
		else if (configured) {
			t = signoff_steps_text(v, n);
			html_text(b, t);
			free(t);
		}
		html_raw(b, "</textarea></label><div class=\"row\"><button"
		    " type=\"submit\">保存</button></div></form></section>");
		signoff_steps_free(v, n);
	}
	page_end(r, p);
}

/* GET /admin/signoff */
void
page_signoff(struct req *r, struct resp *p)
{
	render(r, p, NULL);
}

/* POST /admin/signoff: kind, steps (empty: the default). */
void
page_signoff_set(struct req *r, struct resp *p)
{
	struct signoff_set_in	 in;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	char			 loc[96];
	enum cm_err		 rc;

	in.kind = req_field(r, "kind");
	in.steps = req_field(r, "steps");
	web_op_ctx(r, &ctx);
	if ((rc = op_signoff_set(&ctx, &in, NULL, &rf)) != CM_OK) {
		buf_reset(&p->body);
		render(r, p, &rf);
		p->status = http_status_of(rc);
		return;
	}
	snprintf(loc, sizeof(loc), "/admin/signoff?ok=saved#so-%s",
	    signoff_kind_find(in.kind) >= 0 ? in.kind : "");
	resp_redirect(p, 303, loc);
}
