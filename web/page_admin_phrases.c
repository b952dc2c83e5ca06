/* SPDX-License-Identifier: ISC */
/*
 * 常用表述 (administrators): the phrasebook of standard wordings an
 * officer inserts into an action's texts with one click, per outcome
 * (or notice) and text -- list, edit, remove and add.  Each change is
 * the operation op_phrase_edit (ops/phrasebook.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "ops/act_check.h"
#include "ops/op.h"
#include "ops/phrasebook.h"
#include "store/phrases.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

/* The scopes in page order: the outcomes an officer chooses, then the
 * notices with texts. */
static size_t
scopes(const char **out, size_t max)
{
	size_t	 n = 0;
	int	 o, a, act;

	for (o = 0; o < OUT__MAX && n < max; o++)
		if (phrase_scope(outcomes[o].code, &act, &a))
			out[n++] = outcomes[o].code;
	if (n + 2 <= max) {
		out[n++] = actions[ACT_REQUEST_CORRECTION].code;
		out[n++] = actions[ACT_CONSULT_START].code;
	}
	return n;
}

static void
scope_label(struct buf *b, const char *scope)
{
	int	 act, o;

	if (phrase_scope(scope, &act, &o) && o >= 0) {
		html_raw(b, "答复：");
		html_text(b, outcomes[o].label);
	} else if (act >= 0)
		html_text(b, act == ACT_REQUEST_CORRECTION ? "补正告知书" :
		    "征求意见书");
}

/* The field's error, when the refusal names it for this form. */
static void
field_attrs(struct buf *b, const struct op_refusal *rf, int here,
    const char *field, const char *errid)
{
	if (rf == NULL || !here || strcmp(rf->field, field) != 0)
		return;
	html_raw(b, " aria-invalid=\"true\" aria-describedby=\"");
	html_text(b, errid);
	html_raw(b, "\"");
}

static void
field_error(struct buf *b, const struct op_refusal *rf, int here,
    const char *field, const char *errid)
{
	if (rf == NULL || !here || strcmp(rf->field, field) != 0)
		return;
	html_raw(b, "<span class=\"field-error\" id=\"");
	html_text(b, errid);
	html_raw(b, "\">");
	html_text(b, rf->msg);
	html_raw(b, "</span>");
}

static void
render(struct req *r, struct resp *p, const struct op_refusal *rf)
{
	struct buf	*b = &p->body;
	struct phrase	*ph = NULL;
	const char	*sc[OUT__MAX + 2], *keys[16], *pscope, *pop, *pid;
	char		 errid[64], idbuf[32];
	size_t		 nsc, nph = 0, i, j, k, nk;
	int		 act, o, here;

	page_begin(r, p, "常用表述", NAV_ADMIN);
	html_raw(b, "<h1>常用表述</h1><p class=\"hint\">承办人填写答复、补正告知"
	    "和征求意见时可一键插入的标准表述，按答复结果和栏目分列。"
	    "“……”处由承办人补充具体内容。</p>");
	if (rf != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, rf->msg);
		html_raw(b, "</p>");
	}
	pscope = req_field(r, "scope");
	pop = req_field(r, "op");
	pid = req_field(r, "id");
	(void)phrases_list(r->st, NULL, &ph, &nph);
	nsc = scopes(sc, sizeof(sc) / sizeof(sc[0]));
	html_raw(b, "<nav class=\"toc\"><ul>");
	for (i = 0; i < nsc; i++) {
		html_raw(b, "<li><a href=\"#ph-");
		html_text(b, sc[i]);
		html_raw(b, "\">");
		scope_label(b, sc[i]);
		html_raw(b, "</a></li>");
	}
	html_raw(b, "</ul></nav>");
	for (i = 0; i < nsc; i++) {
		phrase_scope(sc[i], &act, &o);
		nk = act_form_texts(act, o, keys, 16);
		html_raw(b, "<section class=\"panel\" id=\"ph-");
		html_text(b, sc[i]);
		html_raw(b, "\"><h2>");
		scope_label(b, sc[i]);
		html_raw(b, "</h2>");
		for (k = 0; k < nk; k++) {
			html_raw(b, "<h3>");
			html_text(b, act_field_label(keys[k]));
			html_raw(b, "</h3><ul class=\"phrases\">");
			for (j = 0; j < nph; j++) {
				if (strcmp(ph[j].scope, sc[i]) != 0 ||
				    strcmp(ph[j].field, keys[k]) != 0)
					continue;
				snprintf(idbuf, sizeof(idbuf), "%lld",
				    (long long)ph[j].id);
				here = pop != NULL && strcmp(pop, "edit") == 0 &&
				    pid != NULL && strcmp(pid, idbuf) == 0;
				snprintf(errid, sizeof(errid), "ph-err-%s",
				    idbuf);
				html_raw(b, "<li><form method=\"post\""
				    " action=\"/admin/phrases\" class=\"stack\">");
				html_csrf(b, r);
				html_raw(b, "<input type=\"hidden\" name=\"id\""
				    " value=\"");
				html_text(b, idbuf);
				html_raw(b, "\"><textarea name=\"text\" rows=\"2\""
				    " aria-label=\"表述内容\" maxlength=\""
				    LIM_STR(LIM_CASE_TEXT_CHARS) "\"");
				field_attrs(b, rf, here, "text", errid);
				html_raw(b, ">");
				html_text(b, here && req_field(r, "text") !=
				    NULL ? req_field(r, "text") : ph[j].text);
				html_raw(b, "</textarea>");
				field_error(b, rf, here, "text", errid);
				html_raw(b, "<div class=\"row\"><button"
				    " type=\"submit\" name=\"op\" value=\"edit\">"
				    "保存</button><button type=\"submit\""
				    " name=\"op\" value=\"delete\""
				    " class=\"secondary\">删除</button></div>"
				    "</form></li>");
			}
			html_raw(b, "</ul>");
		}
		here = pop != NULL && strcmp(pop, "add") == 0 &&
		    pscope != NULL && strcmp(pscope, sc[i]) == 0;
		snprintf(errid, sizeof(errid), "ph-err-add-%zu", i);
		html_raw(b, "<form method=\"post\" action=\"/admin/phrases\""
		    " class=\"stack\">");
		html_csrf(b, r);
		html_raw(b, "<input type=\"hidden\" name=\"op\" value=\"add\">"
		    "<input type=\"hidden\" name=\"scope\" value=\"");
		html_text(b, sc[i]);
		html_raw(b, "\"><label>栏目<select name=\"field\">");
		for (k = 0; k < nk; k++) {
			html_raw(b, "<option value=\"");
			html_text(b, keys[k]);
			html_raw(b, "\"");
			if (here && req_field(r, "field") != NULL &&
			    strcmp(req_field(r, "field"), keys[k]) == 0)
				html_raw(b, " selected");
			html_raw(b, ">");
			html_text(b, act_field_label(keys[k]));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></label><label class=\"wide\">新增表述"
		    "<textarea name=\"text\" rows=\"2\" maxlength=\""
		    LIM_STR(LIM_CASE_TEXT_CHARS) "\"");
		field_attrs(b, rf, here, "text", errid);
		html_raw(b, ">");
		if (here)
			html_text(b, req_field(r, "text"));
		html_raw(b, "</textarea></label>");
		field_error(b, rf, here, "text", errid);
		html_raw(b, "<div class=\"row\"><button type=\"submit\">添加"
		    "</button></div></form></section>");
	}
	phrases_free(ph, nph);
	page_end(r, p);
}

/* GET /admin/phrases */
void
page_phrases(struct req *r, struct resp *p)
{
	render(r, p, NULL);
}

/* POST /admin/phrases: op=add (scope, field, text) | edit (id, text) |
 * delete (id). */
void
page_phrase_edit(struct req *r, struct resp *p)
{
	struct phrase_in	 in;
	struct phrase_out	 out;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	const char		*id;
	char			*end, loc[96];
	int			 ok, act, o;
	enum cm_err		 rc;

	memset(&in, 0, sizeof(in));
	in.op = req_field(r, "op");
	in.scope = req_field(r, "scope");
	in.field = req_field(r, "field");
	in.text = req_field(r, "text");
	if ((id = req_field(r, "id")) != NULL) {
		in.id = strtoll(id, &end, 10);
		if (*end != '\0')
			in.id = 0;
	}
	web_op_ctx(r, &ctx);
	if ((rc = op_phrase_edit(&ctx, &in, &out, &rf)) != CM_OK) {
		if (rc == CM_NOTFOUND) {
			page_error(r, p, 404, rf.msg);
			return;
		}
		buf_reset(&p->body);
		render(r, p, &rf);
		p->status = http_status_of(rc);
		return;
	}
	ok = in.scope != NULL && phrase_scope(in.scope, &act, &o);
	snprintf(loc, sizeof(loc), "/admin/phrases?ok=saved%s%s",
	    ok ? "#ph-" : "", ok ? in.scope : "");
	resp_redirect(p, 303, loc);
}
