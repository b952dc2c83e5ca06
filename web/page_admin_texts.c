/* SPDX-License-Identifier: ISC */
/*
 * 文书标准文本 (administrators, issue 11 item 7): each letter kind and
 * reply outcome with the source of its text in force (标准文本 or
 * 本机关文本 vN); an editor with the text, the placeholders it may use
 * (described in Chinese, the mandatory ones marked), a preview of the
 * letter on a sample case (a POST answering with the PDF, writing
 * nothing), saving with a note, the version history, and 恢复标准文本.
 * The operations are ops/letter_text.c, as for `foidesk agency text`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "forms/letter_text.h"
#include "ops/letter_text.h"
#include "ops/op.h"
#include "store/store_ltexts.h"
#include "util/buf.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

#define FIELDS_MAX	128

/* The key behind /admin/texts/{name} (a template name); -1 if none. */
static int
key_of(const struct req *r, struct letter_text_key *k)
{
	return letter_text_key_of_name(r->args[0], k);
}

static void
href_of(struct buf *b, const struct letter_text_key *k, const char *suffix)
{
	char	 name[64];

	letter_text_name(k, name, sizeof(name));
	html_raw(b, "/admin/texts/");
	html_text(b, name);
	html_text(b, suffix);
}

/* GET /admin/texts */
void
page_admin_texts(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct letter_text_key	 k;
	char			 label[160];
	size_t			 i;
	int			 v, agency;

	page_begin(r, p, "文书标准文本", NAV_ADMIN);
	html_raw(b, "<h1>文书标准文本</h1><p class=\"hint\">各类文书的固定"
	    "表述。未修改的使用系统提供的标准文本；本机关修改后的文本保存后"
	    "立即用于此后生成的文书，每个版本都保留，可随时恢复标准文本。答复书"
	    "的救济途径段落（行政复议、行政诉讼）由系统按答复日期和办理结果"
	    "附加，不在此修改。</p><table><thead><tr><th>文书</th><th>现用文本"
	    "</th><th><span class=\"vh\">操作</span></th></tr></thead><tbody>");
	for (i = 0; i < letter_text_count(); i++) {
		letter_text_key_at(i, &k);
		letter_text_label(&k, label, sizeof(label));
		if (letter_text_current(r->st, &k, &v, &agency, NULL) != CM_OK)
			v = agency = 0;
		html_raw(b, "<tr><td>");
		html_text(b, label);
		html_raw(b, "</td><td>");
		if (agency) {
			html_raw(b, "本机关文本 v");
			html_int(b, v);
		} else
			html_raw(b, "标准文本");
		html_raw(b, "</td><td><a href=\"");
		href_of(b, &k, "");
		html_raw(b, "\">查看和修改</a></td></tr>");
	}
	html_raw(b, "</tbody></table><p><a href=\"/admin\">返回管理</a></p>");
	page_end(r, p);
}

static int
version_row(const struct ltext_row *v, void *arg)
{
	struct buf	*b = arg;

	html_raw(b, "<tr><td>v");
	html_int(b, v->version);
	html_raw(b, "</td><td>");
	html_time(b, v->at);
	html_raw(b, "</td><td>");
	html_text(b, v->actor);
	html_raw(b, "</td><td>");
	if (v->body != NULL) {
		html_raw(b, "<details><summary>本机关文本</summary><pre>");
		html_text(b, v->body);
		html_raw(b, "</pre></details>");
	} else
		html_raw(b, "恢复标准文本");
	html_raw(b, "</td><td>");
	html_text(b, v->note);
	html_raw(b, "</td></tr>");
	return 0;
}

/* A field's wrapper, marked when the refusal names it. */
static void
field_open(struct buf *b, const struct op_refusal *rf, const char *key)
{
	html_raw(b, "<div class=\"field");
	if (rf != NULL && strcmp(rf->field, key) == 0)
		html_raw(b, " invalid");
	html_raw(b, "\">");
}

static void
field_close(struct buf *b, const struct op_refusal *rf, const char *key)
{
	if (rf != NULL && strcmp(rf->field, key) == 0) {
		html_raw(b, "<p class=\"msg\" role=\"alert\" id=\"m-");
		html_text(b, key);
		html_raw(b, "\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

static void
invalid_attrs(struct buf *b, const struct op_refusal *rf, const char *key)
{
	if (rf != NULL && strcmp(rf->field, key) == 0) {
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"m-");
		html_text(b, key);
		html_raw(b, "\"");
	}
}

/*
 * The editor of key; text and note as typed after a refusal rf (NULL:
 * the text in force).
 */
static void
render_editor(struct req *r, struct resp *p, const struct letter_text_key *k,
    const char *text, const char *note, const struct op_refusal *rf)
{
	struct buf	*b = &p->body;
	const char	*fields[FIELDS_MAX], *d = NULL;
	char		 label[160], *cur = NULL;
	size_t		 n, i;
	int		 v = 0, agency = 0;

	letter_text_label(k, label, sizeof(label));
	(void)letter_text_current(r->st, k, &v, &agency, &cur);
	page_begin(r, p, label, NAV_ADMIN);
	html_raw(b, "<h1>");
	html_text(b, label);
	html_raw(b, "</h1><p>现用文本：");
	if (agency) {
		html_raw(b, "本机关文本 v");
		html_int(b, v);
	} else
		html_raw(b, "标准文本");
	html_raw(b, "</p>");
	if (rf == NULL && (d = req_param(r, "ok")) != NULL)
		html_raw(b, "<p class=\"flash\" role=\"status\">");
	if (rf == NULL && d != NULL) {
		if (strcmp(d, "restored") == 0)
			html_raw(b, "已恢复标准文本，此后生成的文书使用标准文本。");
		else
			html_raw(b, "已保存为新版本，此后生成的文书使用该文本。");
		html_raw(b, "</p>");
	}
	if (rf != NULL && rf->field[0] == '\0') {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	html_raw(b, "<form method=\"post\" action=\"");
	href_of(b, k, "");
	html_raw(b, "\" class=\"stack\">");
	html_csrf(b, r);
	field_open(b, rf, "text");
	html_raw(b, "<label for=\"f-text\">文本</label><textarea id=\"f-text\""
	    " name=\"text\" rows=\"24\" cols=\"80\" maxlength=\""
	    LIM_STR(LIM_LETTER_TEXT_CHARS) "\" required");
	invalid_attrs(b, rf, "text");
	html_raw(b, ">");
	html_text(b, text != NULL ? text : cur != NULL ? cur : "");
	html_raw(b, "</textarea>");
	field_close(b, rf, "text");
	field_open(b, rf, "note");
	html_raw(b, "<label for=\"f-note\">修改说明</label><input id=\"f-note\""
	    " name=\"note\" maxlength=\"" LIM_STR(LIM_COMMENT_CHARS) "\""
	    " value=\"");
	html_text(b, note != NULL ? note : "");
	html_raw(b, "\"");
	invalid_attrs(b, rf, "note");
	html_raw(b, ">");
	field_close(b, rf, "note");
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">保存为新版本"
	    "</button><button type=\"submit\" class=\"secondary\" formaction=\"");
	href_of(b, k, "/preview");
	html_raw(b, "\" formtarget=\"_blank\">在示例案件上预览（PDF）</button>"
	    "</div></form>");

	html_raw(b, "<section class=\"panel\"><h2>可用的占位符</h2><p class=\""
	    "hint\">{{字段}} 填入该字段；{{#字段}}…{{/字段}} 该字段有内容时才"
	    "显示，{{^字段}}…{{/字段}} 无内容时才显示；{{~字段}} 合为一行（用于"
	    "句中引用）；{{*字段}} 每行一项编号列出（单独成段）。以#开头的行是"
	    "注释；@title 标题行、@addressee 主送、@note 附注；空行分段，段首"
	    "@h1、@h2 为标题段，@plain 为不缩进段。标“必需”的占位符不能删除。"
	    "</p><table><thead><tr><th>占位符</th><th>含义</th><th><span class=\"vh\">操作</span></th></tr>"
	    "</thead><tbody>");
	n = letter_text_fields(k, fields, FIELDS_MAX);
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><td><code>{{");
		html_text(b, fields[i]);
		html_raw(b, "}}</code></td><td>");
		d = letter_field_label(fields[i]);
		html_text(b, d);
		html_raw(b, "</td><td>");
		if (letter_text_field_mandatory(k, fields[i]))
			html_raw(b, "必需");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></section>");

	html_raw(b, "<section class=\"panel\"><h2>版本记录</h2><table><thead>"
	    "<tr><th>版本</th><th>时间</th><th>修改人</th><th>文本</th>"
	    "<th>说明</th></tr></thead><tbody>");
	(void)letter_text_versions(r->st, k, version_row, b);
	html_raw(b, "</tbody></table>");
	if (agency) {
		html_raw(b, "<form method=\"post\" action=\"");
		href_of(b, k, "/restore");
		html_raw(b, "\" class=\"row\">");
		html_csrf(b, r);
		html_raw(b, "<input name=\"note\" maxlength=\""
		    LIM_STR(LIM_COMMENT_CHARS) "\" placeholder=\"说明\""
		    " aria-label=\"恢复说明\"><button type=\"submit\""
		    " class=\"secondary\">恢复标准文本</button></form>");
	}
	html_raw(b, "</section><p><a href=\"/admin/texts\">返回文书标准文本</a>"
	    "</p>");
	free(cur);
	page_end(r, p);
}

/* GET /admin/texts/{name} */
void
page_admin_text(struct req *r, struct resp *p)
{
	struct letter_text_key	 k;

	if (key_of(r, &k) != 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	render_editor(r, p, &k, NULL, NULL, NULL);
}

/* The input of an operation on /admin/texts/{name}. */
static void
read_in(const struct req *r, const struct letter_text_key *k,
    struct letter_text_in *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = letter_kind_codes[k->kind];
	in->outcome = letter_text_outcome_code(k);
	in->text = req_field(r, "text");
	in->note = req_field(r, "note");
}

static void
refused(struct req *r, struct resp *p, const struct letter_text_key *k,
    const struct letter_text_in *in, enum cm_err rc,
    const struct op_refusal *rf)
{
	buf_reset(&p->body);
	p->status = http_status_of(rc);
	render_editor(r, p, k, in->text, in->note, rf);
}

/* POST /admin/texts/{name}: text, note. */
void
page_admin_text_set(struct req *r, struct resp *p)
{
	struct letter_text_key	 k;
	struct letter_text_in	 in;
	struct letter_text_out	 out;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	struct buf		 to;
	enum cm_err		 rc;

	if (key_of(r, &k) != 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	web_op_ctx(r, &ctx);
	read_in(r, &k, &in);
	if ((rc = op_letter_text_set(&ctx, &in, &out, &rf)) != CM_OK) {
		refused(r, p, &k, &in, rc, &rf);
		return;
	}
	buf_init(&to);
	href_of(&to, &k, "?ok=saved");
	resp_redirect(p, 303, buf_str(&to));
	buf_clear(&to);
}

/* POST /admin/texts/{name}/restore: note. */
void
page_admin_text_restore(struct req *r, struct resp *p)
{
	struct letter_text_key	 k;
	struct letter_text_in	 in;
	struct letter_text_out	 out;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	struct buf		 to;
	enum cm_err		 rc;

	if (key_of(r, &k) != 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	web_op_ctx(r, &ctx);
	read_in(r, &k, &in);
	in.text = NULL;
	if ((rc = op_letter_text_restore(&ctx, &in, &out, &rf)) != CM_OK) {
		refused(r, p, &k, &in, rc, &rf);
		return;
	}
	buf_init(&to);
	href_of(&to, &k, "?ok=restored");
	resp_redirect(p, 303, buf_str(&to));
	buf_clear(&to);
}

/* POST /admin/texts/{name}/preview: text (none: the text in force).
 * Answers with the PDF; writes nothing. */
void
page_admin_text_preview(struct req *r, struct resp *p)
{
	struct letter_text_key	 k;
	struct letter_text_in	 in;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	enum cm_err		 rc;

	if (key_of(r, &k) != 0) {
		page_error(r, p, 404, "没有这种文书");
		return;
	}
	web_op_ctx(r, &ctx);
	read_in(r, &k, &in);
	if ((rc = op_letter_text_preview(&ctx, &in, &p->body, &rf)) !=
	    CM_OK) {
		refused(r, p, &k, &in, rc, &rf);
		return;
	}
	p->status = 200;
	p->ctype = "application/pdf";
	resp_header(p, "Content-Disposition", "inline; filename=\"preview.pdf\"");
	resp_header(p, "Cache-Control", "no-store");
}
