/* SPDX-License-Identifier: ISC */
/*
 * The case page's letters: the stored versions with their 文号 and
 * SHA-256, a button per kind this role may issue (POST, through
 * op_letter_issue) and, for a kind already issued, the reissue form
 * with its reason (op_letter_reissue); serving a stored version, and
 * the draft of a pending approval's letter.  Reading a letter never
 * issues one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "forms/letter.h"
#include "ops/case.h"
#include "ops/letter_pending.h"
#include "ops/signoff.h"
#include "store/letters.h"
#include "store/store.h"
#include "web/html.h"
#include "web/http.h"
#include "web/page_case.h"
#include "web/pages.h"

static const struct code letter_labels[LETTER__MAX] = {
	[LETTER_RECEIPT] = { "receipt", "登记回执", NULL },
	[LETTER_CORRECTION] = { "correction", "补正告知书", NULL },
	[LETTER_EXTENSION] = { "extension", "延期答复告知书", NULL },
	[LETTER_CONSULT_THIRD] = { "consultation", "征求意见书（第三方）",
	    NULL },
	[LETTER_CONSULT_AGENCY] = { "consultation_agency",
	    "征求意见函（其他机关）", NULL },
	[LETTER_FEE] = { "fee", "收费通知书", NULL },
	[LETTER_REPLY] = { "reply", "答复书", NULL },
	[LETTER_SERVICE] = { "service", "送达回证", NULL },
	[LETTER_THIRD_PARTY_DECISION] = { "third_party_decision",
	    "公开决定告知书（第三方）", NULL },
	[LETTER_REASONS_REQUEST] = { "reasons_request", "说明理由通知书",
	    NULL },
	[LETTER_LATER_DEADLINE] = { "later_deadline", "延迟答复告知书",
	    NULL },
	[LETTER_APPROVAL_FORM] = { "approval_form", "办理审批单", NULL },
};

void
pc_letters_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct letter_info *l = NULL;
	struct buf	 u;
	size_t		 n = 0, i;
	int		 k, have[LETTER__MAX];
	char		 ver[48];

	html_raw(b, "<section class=\"panel\" id=\"letters\"><h2>文书</h2>");
	if (letters_list_all(r->st, v->rec.id, &l, &n) != CM_OK)
		n = 0;
	if (n == 0)
		html_raw(b, "<p class=\"empty\">尚未生成文书。</p>");
	else
		html_raw(b, "<table><thead><tr><th>文书</th><th>文号</th>"
		    "<th>版本</th><th>生成</th><th>SHA-256</th></tr></thead>"
		    "<tbody>");
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		pc_case_url(&u, v->rec.number, "/letters/");
		url_param(&u, l[i].kind);
		snprintf(ver, sizeof(ver), ".pdf?v=%d", l[i].version);
		buf_puts(&u, ver);
		html_raw(b, "<tr><td><a target=\"_blank\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_label(b, letter_labels, LETTER__MAX, l[i].kind);
		html_raw(b, "</a></td><td>");
		html_text(b, l[i].doc_number);
		html_raw(b, "</td><td>");
		html_int(b, l[i].version);
		html_raw(b, "</td><td>");
		html_text(b, l[i].created_by);
		html_raw(b, " ");
		html_time(b, l[i].created_at);
		html_raw(b, "</td><td><code class=\"hash\">");
		html_textn(b, l[i].sha256, 16);
		html_raw(b, "…</code></td></tr>");
	}
	if (n > 0)
		html_raw(b, "</tbody></table>");
	for (k = 0; k < LETTER__MAX; k++)
		have[k] = 0;
	for (i = 0; i < n; i++)
		if ((k = letter_kind_find(l[i].kind)) >= 0 &&
		    l[i].version > have[k])
			have[k] = l[i].version;
	letter_infos_free(l, n);
	pc_deliveries_section(b, r, v, letter_labels, LETTER__MAX, have);
	html_raw(b, "<div class=\"row letters\">");
	for (k = 0; k < LETTER__MAX; k++) {
		if (!roles_may_letter(r->sess.role, letter_labels[k].code) ||
		    have[k] > 0)
			continue;
		/* A reply letter goes out with the reply itself. */
		if (k == LETTER_REPLY && v->rec.outcome == NULL)
			continue;
		/* The 办理审批单 once there is a chain to print. */
		if (k == LETTER_APPROVAL_FORM &&
		    !signoff_form_available(r->st, v->rec.id))
			continue;
		buf_reset(&u);
		buf_puts(&u, "/letters/");
		url_param(&u, letter_labels[k].code);
		pc_form_open(b, r, v->rec.number, buf_str(&u), 0);
		html_raw(b, "<button type=\"submit\" class=\"secondary\">生成");
		html_text(b, letter_labels[k].label);
		html_raw(b, "</button></form>");
	}
	html_raw(b, "</div>");
	/* A letter that went out is not redone: a new version only by an
	 * explicit reissue, with its reason. */
	for (k = 0; k < LETTER__MAX; k++) {
		if (!roles_may_letter(r->sess.role, letter_labels[k].code) ||
		    have[k] == 0)
			continue;
		buf_reset(&u);
		buf_puts(&u, "/letters/");
		url_param(&u, letter_labels[k].code);
		buf_puts(&u, "/reissue");
		html_raw(b, "<details class=\"reissue\"><summary>重新出具");
		html_text(b, letter_labels[k].label);
		html_raw(b, "</summary>");
		pc_form_open(b, r, v->rec.number, buf_str(&u), 0);
		html_raw(b, "<p class=\"hint\">已出具的文书不再改动。重新出具按"
		    "案件现有信息生成第");
		html_int(b, have[k] + 1);
		html_raw(b, "版，文号不变，原因记入审计记录。</p>"
		    "<label class=\"wide\">重新出具的原因<textarea"
		    " name=\"reason\" rows=\"2\" required maxlength=\"");
		html_int(b, LIM_COMMENT_CHARS);
		html_raw(b, "\"></textarea></label><button type=\"submit\">"
		    "重新出具</button></form></details>");
	}
	buf_clear(&u);
	html_raw(b, "</section>");
}

/* POST /cases/{key}/letters/{kind}: issue (and store) a letter. */
void
page_letter_issue(struct req *r, struct resp *p)
{
	struct letter_in in;
	struct letter_out lo;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (letter_kind_find(r->args[1]) < 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	in.case_key = r->args[0];
	in.kind = r->args[1];
	pc_ctx(r, &ctx);
	letter_out_init(&lo);
	rc = op_letter_issue(&ctx, &in, &lo, &rf);
	letter_out_clear(&lo);
	if (rc != CM_OK) {
		if (rc == CM_NOTFOUND)
			page_error(r, p, 404, "没有这个案件");
		else
			pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "issued", "#letters");
}

/*
 * POST /cases/{key}/letters/{kind}/reissue: reason.  A new version of
 * a letter that went out, under the same 文号 (op_letter_reissue).
 */
void
page_letter_reissue(struct req *r, struct resp *p)
{
	struct reissue_in in;
	struct letter_out lo;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	if (letter_kind_find(r->args[1]) < 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	in.case_key = r->args[0];
	in.kind = r->args[1];
	in.reason = req_field(r, "reason");
	pc_ctx(r, &ctx);
	letter_out_init(&lo);
	rc = op_letter_reissue(&ctx, &in, &lo, &rf);
	letter_out_clear(&lo);
	if (rc != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "reissued", "#letters");
}

/*
 * Serves the draft of the letter a pending approval would send
 * (op_approval_draft): a PDF marked 样稿, without a 文号, computed on
 * each request and stored nowhere, so GET and HEAD change nothing.  Our
 * own case page may embed it.  Returns 0 when served, or the HTTP
 * status of the failure with rf saying why.  Shared with the API.
 */
int
serve_draft(struct req *r, struct resp *p, struct op_refusal *rf)
{
	struct draft_in	 in;
	struct letter_out lo;
	struct op_ctx	 ctx;
	char		*end, fb[96];
	long long	 id;
	enum cm_err	 rc;

	op_refusal_init(rf);
	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0) {
		snprintf(rf->msg, sizeof(rf->msg), "没有这个审批请求");
		return 404;
	}
	in.case_key = r->args[0];
	in.approval = id;
	pc_ctx(r, &ctx);
	letter_out_init(&lo);
	if ((rc = op_approval_draft(&ctx, &in, &lo, rf)) != CM_OK) {
		letter_out_clear(&lo);
		return rc == CM_NOTFOUND ? 404 : rc == CM_SYSERR ? 500 :
		    rc == CM_CONFLICT ? 409 : 422;
	}
	buf_reset(&p->body);
	buf_put(&p->body, lo.pdf.p, lo.pdf.len);
	letter_out_clear(&lo);
	p->status = 200;
	p->ctype = "application/pdf";
	p->frame_self = 1;
	snprintf(fb, sizeof(fb), "%s-draft-%lld.pdf", r->args[0], id);
	pc_disposition(p, "inline", fb, fb);
	return 0;
}

/* GET /cases/{key}/approvals/{id}/draft.pdf */
void
page_approval_draft(struct req *r, struct resp *p)
{
	struct op_refusal rf;
	int		 st;

	if ((st = serve_draft(r, p, &rf)) != 0) {
		/* Shown in the approval box's frame: why there is none. */
		page_error(r, p, st, rf.msg[0] != '\0' ? rf.msg :
		    "无法生成样稿");
		p->frame_self = 1;
	}
}

/*
 * Serves a stored letter: kind.pdf, ?v=N for a version (default the
 * newest).  Never issues one: letters are issued by POST only, so a
 * GET or HEAD changes nothing.  Returns 0 when served, or the HTTP
 * status of the failure (404: no such case, kind or stored version).
 * Shared with the API.
 */
int
serve_letter(struct req *r, struct resp *p)
{
	struct case_rec	 c;
	struct letter_info info;
	const char	*v;
	char		 kind[40], *end, fb[96], name[160];
	size_t		 n;
	long		 ver = 0;
	enum cm_err	 rc;

	n = strlen(r->args[1]);
	if (n < 5 || n - 4 >= sizeof(kind) ||
	    strcmp(r->args[1] + n - 4, ".pdf") != 0)
		return 404;
	memcpy(kind, r->args[1], n - 4);
	kind[n - 4] = '\0';
	if (letter_kind_find(kind) < 0)
		return 404;
	if ((v = req_param(r, "v")) != NULL) {
		ver = strtol(v, &end, 10);
		if (*end != '\0' || ver < 1 || ver > 100000)
			return 404;
	}
	if (store_case_get(r->st, r->args[0], &c) != CM_OK)
		return 404;
	memset(&info, 0, sizeof(info));
	buf_reset(&p->body);
	rc = letter_fetch_any(r->st, c.id, kind, (int)ver, &p->body, &info);
	if (rc != CM_OK) {
		case_rec_clear(&c);
		letter_info_clear(&info);
		buf_reset(&p->body);
		return rc == CM_NOTFOUND ? 404 : 500;
	}
	p->status = 200;
	p->ctype = "application/pdf";
	snprintf(fb, sizeof(fb), "%s-%s-v%d.pdf", c.number, kind,
	    info.version);
	snprintf(name, sizeof(name), "%s", fb);
	pc_disposition(p, "inline", name, fb);
	resp_header(p, "X-Content-SHA256", info.sha256);
	letter_info_clear(&info);
	case_rec_clear(&c);
	return 0;
}

/*
 * The answer to a letter that was never issued: 404, and for a role
 * that may issue it the button that does (a POST, like the case page's
 * 文书 section).
 */
static void
not_issued(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	struct case_rec	 c;
	struct buf	 u;
	char		 kind[40];
	size_t		 n = strlen(r->args[1]);

	if (n < 5 || n - 4 >= sizeof(kind) || req_param(r, "v") != NULL) {
		page_error(r, p, 404, "没有这份文书");
		return;
	}
	memcpy(kind, r->args[1], n - 4);
	kind[n - 4] = '\0';
	if (letter_kind_find(kind) < 0 ||
	    store_case_get(r->st, r->args[0], &c) != CM_OK) {
		page_error(r, p, 404, "没有这份文书");
		return;
	}
	buf_reset(b);
	p->status = 404;
	page_begin(r, p, "尚未生成文书", NAV_LIST);
	html_raw(b, "<section class=\"error\"><h1>尚未生成这份文书</h1><p>");
	html_text(b, c.number);
	html_raw(b, "的");
	html_label(b, letter_labels, LETTER__MAX, kind);
	html_raw(b, "还没有生成。文书只在点击“生成”时生成并保存；打开文书不会"
	    "生成新的版本。</p>");
	buf_init(&u);
	if (roles_may_letter(r->sess.role, kind)) {
		buf_puts(&u, "/letters/");
		url_param(&u, kind);
		pc_form_open(b, r, c.number, buf_str(&u), 0);
		html_raw(b, "<button type=\"submit\">生成");
		html_label(b, letter_labels, LETTER__MAX, kind);
		html_raw(b, "</button></form>");
	}
	buf_reset(&u);
	pc_case_url(&u, c.number, "#letters");
	html_raw(b, "<p><a href=\"");
	html_text(b, buf_str(&u));
	html_raw(b, "\">返回案件</a></p></section>");
	buf_clear(&u);
	page_end(r, p);
	case_rec_clear(&c);
}

/* GET /cases/{key}/letters/{kind}.pdf */
void
page_letter_get(struct req *r, struct resp *p)
{
	int	 st;

	if ((st = serve_letter(r, p)) == 404)
		not_issued(r, p);
	else if (st != 0)
		page_error(r, p, st, "读取文书失败");
}
