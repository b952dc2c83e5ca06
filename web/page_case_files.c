/* SPDX-License-Identifier: ISC */
/*
 * The case page's files and corrections: attachments (upload, list,
 * download), notes, and 更正登记信息 (op_case_correct).  Each POST
 * handler decodes its fields and calls the operation the JSON API and
 * the CLI call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/lifecycle.h"
#include "cases/limits.h"
#include "cases/roles.h"
#include "ops/attachment.h"
#include "ops/case.h"
#include "ops/note.h"
#include "store/store.h"
#include "web/html.h"
#include "web/http.h"
#include "web/page_case.h"
#include "web/pages.h"
#include "web/render.h"

struct note_out {
	struct buf	*b;
	int		 n;
};

static int
note_row(const struct note_rec *n, void *arg)
{
	struct note_out	*o = arg;

	html_raw(o->b, "<li><p class=\"meta\">");
	html_text(o->b, n->author);
	html_raw(o->b, " · ");
	html_time(o->b, n->at);
	html_raw(o->b, "</p><p class=\"text\">");
	html_text(o->b, n->text);
	html_raw(o->b, "</p></li>");
	o->n++;
	return 0;
}

void
pc_attachments_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct attachment_info *a = NULL;
	struct buf	 u;
	size_t		 n = 0, i;
	char		 id[32];

	html_raw(b, "<section class=\"panel\" id=\"attachments\"><h2>附件</h2>");
	if (attachments_list(r->st, v->rec.id, &a, &n) != CM_OK)
		n = 0;
	if (n == 0)
		html_raw(b, "<p class=\"empty\">没有附件。</p>");
	else
		html_raw(b, "<table><thead><tr><th>文件</th><th>大小</th>"
		    "<th>上传</th><th>SHA-256</th></tr></thead><tbody>");
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		snprintf(id, sizeof(id), "/attachments/%lld",
		    (long long)a[i].id);
		pc_case_url(&u, v->rec.number, id);
		html_raw(b, "<tr><td><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">");
		html_text(b, a[i].name);
		html_raw(b, "</a></td><td>");
		if (a[i].size >= 1024 * 1024)
			buf_printf(b, "%.1f MB", (double)a[i].size / 1048576.0);
		else
			buf_printf(b, "%.1f KB", (double)a[i].size / 1024.0);
		html_raw(b, "</td><td>");
		html_text(b, a[i].uploaded_by);
		html_raw(b, " ");
		html_time(b, a[i].uploaded_at);
		html_raw(b, "</td><td><code class=\"hash\" title=\"");
		html_text(b, a[i].sha256);
		html_raw(b, "\">");
		html_textn(b, a[i].sha256, 16);
		html_raw(b, "…</code></td></tr>");
	}
	buf_clear(&u);
	if (n > 0)
		html_raw(b, "</tbody></table>");
	attachment_infos_free(a, n);
	if (roles_may(r->sess.role, PERM_ATTACH)) {
		pc_form_open(b, r, v->rec.number, "/attachments", 1);
		html_raw(b, "<div class=\"row\"><input type=\"file\" name=\"file\""
		    " required aria-label=\"选择文件\"><button type=\"submit\""
		    " class=\"secondary\">上传</button></div><p class=\"hint\">"
		    "单个文件不超过10 MB；保存时记录SHA-256。</p></form>");
	}
	html_raw(b, "</section>");
}

/* The notes of the case and, for roles that may, a form for one more. */
void
pc_notes_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	struct note_out	 no;

	html_raw(b, "<section class=\"panel\" id=\"notes\"><h2>备注</h2>"
	    "<ul class=\"notes\">");
	no.b = b;
	no.n = 0;
	(void)notes_list(r->st, v->rec.id, note_row, &no);
	html_raw(b, "</ul>");
	if (no.n == 0)
		html_raw(b, "<p class=\"empty\">没有备注。</p>");
	if (roles_may(r->sess.role, PERM_NOTE)) {
		pc_form_open(b, r, v->rec.number, "/notes", 0);
		html_raw(b, "<label class=\"wide\">新备注<textarea name=\"text\""
		    " rows=\"2\" maxlength=\"");
		html_int(b, LIM_COMMENT_CHARS);
		html_raw(b, "\" required></textarea></label>"
		    "<button type=\"submit\" class=\"secondary\">添加备注</button>"
		    "</form>");
	}
	html_raw(b, "</section>");
}

static void
input_text(struct buf *b, const char *name, const char *label,
    const char *val)
{
	html_raw(b, "<label>");
	html_text(b, label);
	html_raw(b, "<input name=\"");
	html_text(b, name);
	html_raw(b, "\" value=\"");
	html_text(b, val);
	html_raw(b, "\"></label>");
}

/*
 * 更正登记信息: for clerks, officers and reviewers until the reply, the
 * registration as it stands (applicant, contact, request, channel and
 * dates), editable, with the reason required.  Only changed fields are
 * sent on as changes (op_case_correct compares and checks the role and
 * the state again).
 */
void
pc_correct_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	const struct applicant *a = &v->rec.appl;
	int		 s = case_state_find(v->rec.state);

	if (!roles_may(r->sess.role, PERM_CORRECT) || s < 0 ||
	    !lifecycle_is_open((enum case_state)s))
		return;
	html_raw(b, "<section class=\"panel\" id=\"correct\"><details><summary>"
	    "<h2>更正登记信息</h2></summary><p class=\"hint\">更正登记时录入"
	    "有误的内容；每项更正连同更正前后的内容和理由记入办理记录。</p>");
	pc_form_open(b, r, v->rec.number, "/correct", 0);
	html_raw(b, "<div class=\"row\">");
	input_text(b, "applicant", "申请人", a->name);
	input_text(b, "phone", "联系电话", a->phone);
	input_text(b, "email", "电子邮箱", a->email);
	html_raw(b, "</div><div class=\"row\">");
	input_text(b, "address", "通信地址", a->address);
	html_raw(b, "<label>证件类型<select name=\"id_type\">");
	html_options(b, id_types, IDT__MAX, a->id_type, "（未提供）");
	html_raw(b, "</select></label>");
	input_text(b, "id_number", "证件号码", a->id_number);
	html_raw(b, "</div><div class=\"row\"><label>提交方式<select"
	    " name=\"channel\">");
	html_options(b, channels, CH__MAX, v->rec.channel, NULL);
	html_raw(b, "</select></label>");
	pc_input_date(b, "received", "收到日期", v->rec.received);
	pc_input_date(b, "arrived", "到达日期", v->rec.arrived);
	pc_input_date(b, "confirmed", "确认日期", v->rec.confirmed);
	html_raw(b, "</div><p class=\"hint\">平信、互联网、传真的收到日期为与申请人"
	    "确认收到之日；其他方式为到达之日（条例第三十一条）。更正收到日期后，"
	    "答复期限随之重新计算。</p>");
	pc_textarea(b, "request", "所需信息", 3, v->rec.request);
	html_raw(b, "<label class=\"wide\">更正理由<textarea name=\"reason\""
	    " rows=\"2\" required maxlength=\"");
	html_int(b, LIM_COMMENT_CHARS);
	html_raw(b, "\"></textarea></label><button type=\"submit\">"
	    "保存更正</button></form></details></section>");
}

/* Reads a correction: only the fields given (the API and the CLI) or,
 * from the page's form that sends them all, only those that differ
 * from the case as it stands -- the operation compares anyway. */
void
correct_read(const struct req *r, struct correct_in *in)
{
	memset(in, 0, sizeof(*in));
	in->case_key = r->args[0];
	in->applicant = req_field(r, "applicant");
	in->phone = req_field(r, "phone");
	in->address = req_field(r, "address");
	in->email = req_field(r, "email");
	in->id_type = req_field(r, "id_type");
	in->id_number = req_field(r, "id_number");
	in->request = req_field(r, "request");
	in->channel = req_field(r, "channel");
	in->received = req_field(r, "received");
	in->arrived = req_field(r, "arrived");
	in->confirmed = req_field(r, "confirmed");
	in->reason = req_field(r, "reason");
}

/* POST /cases/{key}/correct */
void
page_correct(struct req *r, struct resp *p)
{
	struct correct_in in;
	struct correct_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	correct_read(r, &in);
	pc_ctx(r, &ctx);
	if ((rc = op_case_correct(&ctx, &in, &out, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "corrected", "#request");
}

/* POST /cases/{key}/notes */
void
page_note(struct req *r, struct resp *p)
{
	struct note_in	 in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 rc;

	in.case_key = r->args[0];
	in.text = req_field(r, "text");
	pc_ctx(r, &ctx);
	if ((rc = op_note_add(&ctx, &in, NULL, &rf)) != CM_OK) {
		pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "noted", "#notes");
}

/* POST /cases/{key}/attachments (multipart, field "file"). */
void
page_upload(struct req *r, struct resp *p)
{
	struct attach_in in;
	struct attach_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0)
			break;
	if (i == r->nfiles) {
		pc_refuse(r, p, 422, "请选择要上传的文件");
		return;
	}
	in.case_key = r->args[0];
	in.name = r->files[i].filename;
	in.namelen = r->files[i].fnlen;
	in.data = r->files[i].data;
	in.len = r->files[i].len;
	pc_ctx(r, &ctx);
	if ((rc = op_attachment_add(&ctx, &in, &out, &rf)) != CM_OK) {
		if (rc == CM_INVALID && in.len > ATTACH_MAX_BYTES)
			pc_refuse(r, p, 413, rf.msg);
		else
			pc_refused(r, p, rc, &rf);
		return;
	}
	pc_back(r, p, "uploaded", "#attachments");
}

/* GET /cases/{key}/attachments/{id}: always a download. */
void
page_download(struct req *r, struct resp *p)
{
	struct attachment_info a;
	struct case_rec	 c;
	void		*data = NULL;
	size_t		 len = 0;
	char		*end, fb[64];
	const char	*dot;
	long long	 id;
	enum cm_err	 rc;

	id = strtoll(r->args[1], &end, 10);
	if (*end != '\0' || id <= 0 ||
	    store_case_get(r->st, r->args[0], &c) != CM_OK) {
		page_error(r, p, 404, "没有这个附件");
		return;
	}
	rc = attachment_get(r->st, c.id, id, &a, &data, &len);
	case_rec_clear(&c);
	if (rc != CM_OK) {
		page_error(r, p, 404, "没有这个附件");
		return;
	}
	p->ctype = "application/octet-stream";
	buf_reset(&p->body);
	buf_put(&p->body, data, len);
	free(data);
	dot = strrchr(a.name, '.');
	snprintf(fb, sizeof(fb), "attachment-%lld%s", id, dot != NULL &&
	    strlen(dot) <= 8 && strpbrk(dot, "\"\\;") == NULL ? dot : "");
	for (end = fb; *end != '\0'; end++)
		if ((unsigned char)*end >= 0x80)
			*end = '_';
	pc_disposition(p, "attachment", a.name, fb);
	resp_header(p, "X-Content-SHA256", a.sha256);
	attachment_info_clear(&a);
}
