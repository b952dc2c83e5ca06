/* SPDX-License-Identifier: ISC */
/*
 * Delivery (送达) of letters on the case page's 文书 section and in the
 * JSON API (domain.md decisions 10 and 11; ops/delivery.h):
 *
 *   POST /cases/{key}/deliveries            record a delivery
 *   POST /cases/{key}/deliveries/{n}/received  its received date
 *   POST /api/cases/{id}/deliveries {"letter","version","method",
 *        "tracking","sent","received","proof"} -> 201 the case
 *   POST /api/cases/{id}/deliveries/{n}/received {"on"} -> the case
 *
 * GET /api/cases/{id} carries "deliveries" and "awaiting_delivery".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/roles.h"
#include "ops/case.h"
#include "ops/delivery.h"
#include "util/json.h"
#include "web/html.h"
#include "web/http.h"
#include "web/page_case.h"
#include "web/pages.h"

/* The letter kinds as the 文书 section names them. */
static const char *
kind_cn(const char *kind)
{
	static const char *const t[][2] = {
		{ "receipt", "登记回执" }, { "correction", "补正告知书" },
		{ "extension", "延期答复告知书" },
		{ "consultation", "征求意见书（第三方）" },
		{ "consultation_agency", "征求意见函（其他机关）" },
		{ "fee", "收费通知书" }, { "reply", "答复书" },
		{ "service", "送达回证" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(kind, t[i][0]) == 0)
			return t[i][1];
	return "文书";
}

static void
kind_label(struct buf *b, const struct code *labels, int n, const char *k)
{
	html_label(b, labels, n, k);
}

/*
 * The deliveries of the case's letters, a form to record one for an
 * issued letter, and for each pending one a form for its received
 * date.  have[k] is the latest issued version of labels[k] (0: none).
 */
void
pc_deliveries_section(struct buf *b, const struct req *r,
    const struct case_view *v, const struct code *labels, int n,
    const int *have)
{
	const struct delivery *d;
	struct buf	 u;
	size_t		 i;
	int		 k, any = 0, may;
	char		 rest[64];

	may = roles_may(r->sess.role, PERM_ATTACH);
	html_raw(b, "<h3 id=\"deliveries\">送达</h3>");
	if (v->ndv == 0)
		html_raw(b, "<p class=\"empty\">尚无送达记录。</p>");
	else
		html_raw(b, "<table><thead><tr><th>文书</th><th>版本</th>"
		    "<th>送达方式</th><th>邮件单号</th><th>发出日期</th>"
		    "<th>收到日期</th><th>送达证明</th></tr></thead><tbody>");
	buf_init(&u);
	for (i = 0; i < v->ndv; i++) {
		d = &v->dv[i];
		html_raw(b, "<tr><td>");
		kind_label(b, labels, n, d->kind);
		html_raw(b, "</td><td>");
		html_int(b, d->version);
		html_raw(b, "</td><td>");
		html_text(b, delivery_method_label(d->method));
		html_raw(b, "</td><td>");
		html_text(b, d->tracking);
		html_raw(b, "</td><td>");
		html_text(b, d->sent);
		html_raw(b, "</td><td>");
		if (d->received[0] != '\0')
			html_text(b, d->received);
		else if (may) {
			html_raw(b, "<strong>待确认送达</strong>");
			snprintf(rest, sizeof(rest), "/deliveries/%lld/received",
			    (long long)d->id);
			pc_form_open(b, r, v->rec.number, rest, 0);
			pc_input_date(b, "on", "收到日期", "");
			html_raw(b, "<button type=\"submit\" class=\"secondary\">"
			    "记录收到日期</button></form>");
		} else
			html_raw(b, "<strong>待确认送达</strong>");
		html_raw(b, "</td><td>");
		if (d->proof > 0) {
			html_raw(b, "附件 ");
			html_int(b, d->proof);
		}
		html_raw(b, "</td></tr>");
	}
	if (v->ndv > 0)
		html_raw(b, "</tbody></table>");
	buf_clear(&u);
	if (!may)
		return;
	for (k = 0; k < n; k++)
		any |= have[k] > 0;
	if (!any)
		return;
	html_raw(b, "<details class=\"delivery\"><summary>记录送达</summary>");
	pc_form_open(b, r, v->rec.number, "/deliveries", 0);
	html_raw(b, "<label>文书<select name=\"letter\">");
	for (k = 0; k < n; k++) {
		if (have[k] == 0)
			continue;
		html_raw(b, "<option value=\"");
		html_text(b, labels[k].code);
		html_raw(b, "\">");
		html_text(b, labels[k].label);
		html_raw(b, "（第");
		html_int(b, have[k]);
		html_raw(b, "版）</option>");
	}
	html_raw(b, "</select></label><label>送达方式<select name=\"method\">");
	for (k = 0; delivery_methods[k] != NULL; k++) {
		html_raw(b, "<option value=\"");
		html_text(b, delivery_methods[k]);
		html_raw(b, "\">");
		html_text(b, delivery_method_label(delivery_methods[k]));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></label><label>邮件单号<input name=\"tracking\" "
	    "maxlength=\"64\"></label>");
	pc_input_date(b, "sent", "发出日期", "");
	pc_input_date(b, "received", "收到日期", "");
	html_raw(b, "<label>送达证明（附件编号）<input name=\"proof\" "
	    "inputmode=\"numeric\"></label><button type=\"submit\">保存"
	    "</button></form></details>");
}

static void
add_read(const struct req *r, struct delivery_in *in)
{
	const char	*s;
	char		*end;
	long		 l;

	memset(in, 0, sizeof(*in));
	in->case_key = r->args[0];
	in->kind = req_field(r, "letter");
	in->method = req_field(r, "method");
	in->tracking = req_field(r, "tracking");
	in->sent = req_field(r, "sent");
	in->received = req_field(r, "received");
	if ((s = req_field(r, "version")) != NULL && *s != '\0') {
		l = strtol(s, &end, 10);
		in->version = *end == '\0' && l > 0 && l < 10000 ? (int)l : -1;
	}
	if ((s = req_field(r, "proof")) != NULL && *s != '\0') {
		l = strtol(s, &end, 10);
		in->proof_id = *end == '\0' && l > 0 ? l : -1;
	}
}

static int64_t
arg_id(const struct req *r)
{
	char	*end;
	long long l;

	l = strtoll(r->args[1], &end, 10);
	return *end == '\0' && l > 0 ? l : -1;
}

/* A version or proof that is no number. */
static int
bad_number(const struct delivery_in *in, struct op_refusal *rf)
{
	op_refusal_init(rf);
	if (in->version < 0)
		op_refuse(rf, CM_INVALID, "version", "版本须为正整数");
	else if (in->proof_id < 0)
		op_refuse(rf, CM_INVALID, "proof", "送达证明须为本案附件的编号");
	else
		return 0;
	return 1;
}

/* POST /cases/{key}/deliveries */
void
page_delivery_add(struct req *r, struct resp *p)
{
	struct delivery_in in;
	struct delivery_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	add_read(r, &in);
	if (bad_number(&in, &rf)) {
		pc_refused(r, p, CM_INVALID, &rf);
		return;
	}
	pc_ctx(r, &ctx);
	if ((rc = op_delivery_add(&ctx, &in, &out, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "saved", "#deliveries");
}

/* POST /cases/{key}/deliveries/{n}/received */
void
page_delivery_received(struct req *r, struct resp *p)
{
	struct delivery_recv_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	memset(&in, 0, sizeof(in));
	in.case_key = r->args[0];
	in.id = arg_id(r);
	in.on = req_field(r, "on");
	pc_ctx(r, &ctx);
	if (in.id < 0) {
		pc_refuse(r, p, 404, "没有这条送达记录");
		return;
	}
	if ((rc = op_delivery_received(&ctx, &in, NULL, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "saved", "#deliveries");
}

/* The case as JSON after a delivery operation, or its refusal. */
static void
api_after(struct req *r, struct resp *p, enum cm_err rc,
    const struct op_refusal *rf, int status)
{
	struct case_view v;
	struct json	 j;

	buf_reset(&p->body);
	p->ctype = "application/json; charset=utf-8";
	json_init(&j, &p->body);
	if (rc != CM_OK) {
		p->status = http_status_of(rc);
		json_obj_open(&j, NULL);
		json_str(&j, "error", rc == CM_NOTFOUND ? "not_found" :
		    rc == CM_CONFLICT ? "conflict" : rc == CM_INVALID ?
		    "invalid" : rc == CM_UNAVAILABLE ? "unavailable" :
		    "internal");
		json_str(&j, "message", rc == CM_SYSERR ? "服务器内部错误" :
		    rf->msg);
		if (rf->field[0] != '\0')
			json_str(&j, "field", rf->field);
		json_obj_close(&j);
		buf_putc(&p->body, '\n');
		return;
	}
	if ((rc = case_load(r->st, r->cal, r->args[0], r->today, &v)) !=
	    CM_OK) {
		case_view_clear(&v);
		api_cm_error(p, rc, "读取失败");
		return;
	}
	p->status = status;
	case_view_json(&v, &j);
	buf_putc(&p->body, '\n');
	case_view_clear(&v);
}

/* POST /api/cases/{id}/deliveries */
void
api_delivery_add(struct req *r, struct resp *p)
{
	struct delivery_in in;
	struct delivery_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	add_read(r, &in);
	if (bad_number(&in, &rf)) {
		api_after(r, p, CM_INVALID, &rf, 0);
		return;
	}
	pc_ctx(r, &ctx);
	rc = op_delivery_add(&ctx, &in, &out, &rf);
	api_after(r, p, rc, &rf, 201);
}

/* POST /api/cases/{id}/deliveries/{n}/received {"on"} */
void
api_delivery_received(struct req *r, struct resp *p)
{
	struct delivery_recv_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	memset(&in, 0, sizeof(in));
	in.case_key = r->args[0];
	in.id = arg_id(r);
	in.on = req_field(r, "on");
	op_refusal_init(&rf);
	if (in.id < 0) {
		op_refuse(&rf, CM_NOTFOUND, NULL, "没有这条送达记录");
		api_after(r, p, CM_NOTFOUND, &rf, 0);
		return;
	}
	pc_ctx(r, &ctx);
	rc = op_delivery_received(&ctx, &in, NULL, &rf);
	api_after(r, p, rc, &rf, 200);
}

/*
 * The dashboard's list 待确认送达 (officers): letters sent whose
 * received date is not recorded, oldest dispatch first.
 */
void
dash_deliveries_section(struct buf *b, const struct req *r)
{
	struct delivery	*d;
	size_t		 n, i;

	if (r->sess.role != ROLE_OFFICER ||
	    deliveries_awaiting(r->st, &d, &n) != CM_OK)
		return;
	html_raw(b, "<section class=\"panel\" id=\"awaiting-delivery\">"
	    "<h2>待确认送达</h2>");
	if (n == 0)
		html_raw(b, "<p class=\"empty\">没有待确认送达的文书。</p>");
	else
		html_raw(b, "<table class=\"cases\"><thead><tr><th>案件</th>"
		    "<th>文书</th><th>送达方式</th><th>邮件单号</th>"
		    "<th>发出日期</th></tr></thead><tbody>");
	for (i = 0; i < n && i < 50; i++) {
		html_raw(b, "<tr><td class=\"num\"><a href=\"/cases/");
		html_text(b, d[i].number);
		html_raw(b, "#deliveries\">");
		html_text(b, d[i].number);
		html_raw(b, "</a></td><td>");
		html_text(b, kind_cn(d[i].kind));
		html_raw(b, "</td><td>");
		html_text(b, delivery_method_label(d[i].method));
		html_raw(b, "</td><td>");
		html_text(b, d[i].tracking);
		html_raw(b, "</td><td>");
		html_text(b, d[i].sent);
		html_raw(b, "</td></tr>");
	}
	if (n > 0)
		html_raw(b, "</tbody></table>");
	html_raw(b, "</section>");
	deliveries_free(d, n);
}
