/* SPDX-License-Identifier: ISC */
/*
 * The case page's 标签 section (issue 15): the officer-assigned tags
 * the 热点分析 counts by, with a form to add one and a button to remove
 * each.  Both post to POST /proactive/tags, the same operation as the
 * CLI's `proactive tag` (op_proactive_tag), which comes back here.
 */
#include <stdlib.h>

#include "cases/limits.h"
#include "cases/roles.h"
#include "ops/case.h"
#include "ops/proactive.h"
#include "web/html.h"
#include "web/page_case.h"

/* A form to /proactive/tags for this case. */
static void
tag_form(struct buf *b, const struct req *r, const char *number)
{
	html_raw(b, "<form method=\"post\" action=\"/proactive/tags\""
	    " class=\"inline\">");
	html_csrf(b, r);
	html_raw(b, "<input type=\"hidden\" name=\"case\" value=\"");
	html_text(b, number);
	html_raw(b, "\">");
}

void
pc_tags_section(struct buf *b, const struct req *r,
    const struct case_view *v)
{
	char	**tags = NULL;
	size_t	  n = 0, i;
	int	  may = roles_may(r->sess.role, PERM_TEXTS);

	html_raw(b, "<section class=\"panel\" id=\"tags\"><h2>标签</h2>");
	if (proactive_case_tags(r->st, v->rec.id, &tags, &n) != CM_OK)
		n = 0;
	if (n == 0)
		html_raw(b, "<p class=\"empty\">没有标签。</p>");
	else
		html_raw(b, "<ul class=\"tags\">");
	for (i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_text(b, tags[i]);
		if (may) {
			tag_form(b, r, v->rec.number);
			html_raw(b, "<input type=\"hidden\" name=\"tag\""
			    " value=\"");
			html_text(b, tags[i]);
			html_raw(b, "\"><input type=\"hidden\" name=\"remove\""
			    " value=\"1\"><button type=\"submit\" class=\"link\""
			    " aria-label=\"删除标签 ");
			html_text(b, tags[i]);
			html_raw(b, "\">删除</button></form>");
		}
		html_raw(b, "</li>");
		free(tags[i]);
	}
	free(tags);
	if (n > 0)
		html_raw(b, "</ul>");
	if (may) {
		tag_form(b, r, v->rec.number);
		html_raw(b, "<label>新标签 <input name=\"tag\" maxlength=\""
		    LIM_STR(LIM_TAG_CHARS) "\" required></label> <button"
		    " type=\"submit\" class=\"secondary\">添加标签</button>"
		    "</form><p class=\"muted\">标签用于热点分析的“按标签”"
		    "统计。</p>");
	}
	html_raw(b, "</section>");
}
