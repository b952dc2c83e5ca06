/* SPDX-License-Identifier: ISC */
/*
 * 高频申请: requests for the same information grouped (cases/proactive.c)
 * with their distinct applicants and the proposals to publish them
 * proactively (Reg. art. 44); one group with its cases, proposals and
 * publications, where a reviewer accepts (recording where and when it
 * was published) or declines, and an officer links or unlinks cases
 * or records an applicant's own proposal (art. 44 ¶2); and the earlier
 * answered requests of a case's applicant (art. 36(6)) with the button
 * that cites one in the not_processed.repeat reply.  The POST handlers
 * make one domain call each and come back with 303.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "cases/roles.h"
#include "store/store.h"
#include "forms/validate.h"
#include "ops/proactive.h"
#include "ops/repeat.h"
#include "web/html.h"
#include "web/http.h"
#include "ops/op.h"
#include "ops/proactive_ops.h"
#include "web/opctx.h"
#include "web/pages.h"
#include "web/render.h"


static const struct {
	const char	*code;
	const char	*label;
} statuses[] = {
	{ "open", "待审核" },
	{ "accepted", "已主动公开" },
	{ "declined", "不予采纳" },
	{ "none", "未触发" },
};

static const char *
status_label(const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < sizeof(statuses) /
	    sizeof(statuses[0]); i++)
		if (strcmp(statuses[i].code, code) == 0)
			return statuses[i].label;
	return "未触发";
}

static const char *
match_label(const char *how)
{
	if (how == NULL)
		return "";
	if (strcmp(how, "doc") == 0)
		return "同一文号";
	if (strcmp(how, "text") == 0)
		return "内容相近";
	if (strcmp(how, "link") == 0)
		return "人工关联";
	if (strcmp(how, "proposal") == 0)
		return "申请人建议";
	return how;
}

static void
badge(struct buf *b, const char *status)
{
	html_raw(b, "<span class=\"st px-");
	html_text(b, status != NULL ? status : "none");
	html_raw(b, "\">");
	html_text(b, status_label(status));
	html_raw(b, "</span>");
}

static void
group_url(struct buf *u, int64_t id, const char *rest)
{
	buf_printf(u, "/proactive/%lld", (long long)id);
	if (rest != NULL)
		buf_puts(u, rest);
}

static void
form_open(struct buf *b, const struct req *r, const char *action)
{
	html_raw(b, "<form method=\"post\" action=\"");
	html_text(b, action);
	html_raw(b, "\">");
	html_csrf(b, r);
}

static void
back(struct resp *p, int64_t id, const char *ok)
{
	struct buf	 u;

	buf_init(&u);
	group_url(&u, id, "?ok=");
	buf_puts(&u, ok);
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}

/* The group id of /proactive/{id}...; 0 when not a number. */
static int64_t
group_arg(const struct req *r)
{
	long long	 n;

	if (r->args[0] == NULL || valid_int(r->args[0], 1, 1000000000, &n) !=
	    NULL)
		return 0;
	return (int64_t)n;
}

static const char *
field(const struct req *r, const char *k, size_t max, int required,
    int multiline)
{
	const char	*v = req_field(r, k);

	if (v == NULL)
		v = "";
	return valid_text(v, max, required, multiline);
}

/* Groups a page of /proactive lists. */
#define PX_PAGE_GROUPS	50

/* GET /proactive[?status=open|accepted|declined|none][&after=ID]: the
 * groups from their stored counts, PX_PAGE_GROUPS a page (keyset on
 * the group id). */
void
page_proactive(struct req *r, struct resp *p)
{
	struct buf			*b = &p->body;
	struct proactive_filter		 f;
	struct proactive_settings	 set;
	struct px_group_sum		*g = NULL;
	const char			*st = req_param(r, "status");
	const char			*af = req_param(r, "after");
	struct buf			 u;
	size_t				 n = 0, i, k;
	long long			 after = 0;
	int				 pending = 0, more;

	memset(&f, 0, sizeof(f));
	for (k = 0; st != NULL && k < sizeof(statuses) / sizeof(statuses[0]);
	    k++)
		if (strcmp(st, statuses[k].code) == 0)
			f.status = statuses[k].code;
	if (af != NULL && af[0] != '\0' &&
	    valid_int(af, 0, 1000000000, &after) != NULL)
		after = 0;
	if (proactive_settings_get(r->st, &set) != CM_OK ||
	    proactive_groups_page(r->st, &f, (int64_t)after,
	    PX_PAGE_GROUPS + 1, &g, &n) != CM_OK) {
		page_error(r, p, 500, "读取高频申请失败");
		return;
	}
	page_begin(r, p, "高频申请", NAV_PROACTIVE);
	html_raw(b, "<h1>高频申请 <small>依申请公开转主动公开"
	    "（条例第四十四条）</small></h1><p class=\"muted\">");
	html_raw(b, "申请同一政府信息的案件按同一文号、内容相近（相似度≥");
	html_int(b, (long long)(set.similarity * 100 + 0.5));
	html_raw(b, "%）或人工关联归为一组。同一组在");
	html_int(b, set.window_months);
	html_raw(b, "个月内有");
	html_int(b, set.threshold);
	html_raw(b, "位以上不同申请人、且已有予以公开或部分公开的答复时，"
	    "系统提出主动公开建议，由审核人决定。");
	if (roles_may(r->sess.role, PERM_REPORT))
		html_raw(b, " <a href=\"/hotspots\">热点分析</a>");
	html_raw(b, "</p>");
	if (proactive_pending(r->st, &pending) == CM_OK && pending > 0) {
		html_raw(b, "<p class=\"warn\">尚有");
		html_int(b, pending);
		html_raw(b, "件申请待归组：服务器的后台任务会陆续归组，"
		    "本页显示的是最近一次归组的结果。</p>");
	}
	html_raw(b, "<p class=\"filters\">");
	html_raw(b, "<a href=\"/proactive\">全部</a>");
	for (k = 0; k < sizeof(statuses) / sizeof(statuses[0]); k++) {
		html_raw(b, " · <a href=\"/proactive?status=");
		html_text(b, statuses[k].code);
		html_raw(b, "\"");
		if (f.status != NULL && strcmp(f.status, statuses[k].code) == 0)
			html_raw(b, " aria-current=\"page\"");
		html_raw(b, ">");
		html_text(b, statuses[k].label);
		html_raw(b, "</a>");
	}
	html_raw(b, "</p><table class=\"cases\"><thead><tr><th>分组</th>"
	    "<th>所需信息</th><th>不同申请人</th><th>申请件数</th>"
	    "<th>最近收到</th><th>主动公开建议</th></tr></thead><tbody>");
	if ((more = n > PX_PAGE_GROUPS))
		n = PX_PAGE_GROUPS;
	buf_init(&u);
	for (i = 0; i < n; i++) {
		buf_reset(&u);
		group_url(&u, g[i].id, NULL);
		html_raw(b, "<tr><td class=\"num\"><a href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">#");
		html_int(b, (long long)g[i].id);
		html_raw(b, "</a></td><td class=\"req\">");
		render_excerpt(b, g[i].label, 50);
		html_raw(b, "</td><td>");
		html_int(b, g[i].applicants);
		html_raw(b, "</td><td>");
		html_int(b, (long long)g[i].cases);
		html_raw(b, "</td><td class=\"date\">");
		html_text(b, g[i].last_received);
		html_raw(b, "</td><td>");
		badge(b, g[i].status);
		html_raw(b, "</td></tr>");
	}
	if (n == 0)
		html_raw(b, "<tr><td colspan=\"6\" class=\"empty\">没有分组"
		    "</td></tr>");
	html_raw(b, "</tbody></table>");
	if (more) {
		buf_reset(&u);
		buf_printf(&u, "/proactive?after=%lld",
		    (long long)g[n - 1].id);
		if (f.status != NULL)
			buf_printf(&u, "&status=%s", f.status);
		html_raw(b, "<nav class=\"pager\"><a rel=\"next\" href=\"");
		html_text(b, buf_str(&u));
		html_raw(b, "\">下一页 »</a></nav>");
	}
	buf_clear(&u);
	if (roles_may(r->sess.role, PERM_TEXTS)) {
		html_raw(b, "<section class=\"panel\"><h2>记录申请人的主动公开建议"
		    "（条例第四十四条第二款）</h2>");
		form_open(b, r, "/proactive/propose");
		html_raw(b, "<label>案件编号 <input name=\"case\" required"
		    " maxlength=\"" LIM_STR(LIM_CASE_KEY_CHARS) "\"></label>"
		    "<label>建议理由 <textarea name=\"reason\" required"
		    " maxlength=\"" LIM_STR(LIM_COMMENT_CHARS) "\"></textarea>"
		    "</label><button>记录建议</button></form></section>");
	}
	proactive_group_sums_free(g, n + (more ? 1 : 0));
	page_end(r, p);
}

static void
members_table(struct buf *b, const struct req *r,
    const struct proactive_group *g)
{
	struct buf	 u;
	size_t		 i;
	int		 may = roles_may(r->sess.role, PERM_TEXTS);

	html_raw(b, "<table class=\"cases\"><thead><tr><th>编号</th>"
	    "<th>申请人</th><th>所需信息</th><th>收到日期</th><th>答复结果</th>"
	    "<th>归组依据</th>");
	if (may)
		html_raw(b, "<th><span class=\"vh\">操作</span></th>");
	html_raw(b, "</tr></thead><tbody>");
	buf_init(&u);
	for (i = 0; i < g->nm; i++) {
		html_raw(b, "<tr><td class=\"num\">");
		render_case_link(b, g->m[i].number);
		html_raw(b, "</td><td>");
		html_text(b, g->m[i].applicant);
		html_raw(b, "<br><small>");
		html_label(b, applicant_types, APPL__MAX,
		    g->m[i].applicant_type);
		html_raw(b, "</small></td><td class=\"req\">");
		render_excerpt(b, g->m[i].request, 60);
		if (g->m[i].doc_number != NULL && g->m[i].doc_number[0] != '\0') {
			html_raw(b, "<br><small>文号：");
			html_text(b, g->m[i].doc_number);
			html_raw(b, "</small>");
		}
		html_raw(b, "</td><td class=\"date\">");
		html_text(b, g->m[i].received);
		html_raw(b, "</td><td>");
		if (g->m[i].outcome != NULL)
			html_label(b, outcomes, OUT__MAX, g->m[i].outcome);
		else
			html_raw(b, "<span class=\"muted\">在办</span>");
		html_raw(b, "</td><td>");
		html_text(b, match_label(g->m[i].how));
		if (g->m[i].how != NULL && strcmp(g->m[i].how, "text") == 0) {
			html_raw(b, " <small>");
			html_int(b, (long long)(g->m[i].score * 100 + 0.5));
			html_raw(b, "%</small>");
		}
		html_raw(b, "</td>");
		if (may && g->nm > 1) {
			buf_reset(&u);
			group_url(&u, g->id, "/unlink");
			html_raw(b, "<td>");
			form_open(b, r, buf_str(&u));
			html_raw(b, "<input type=\"hidden\" name=\"case\""
			    " value=\"");
			html_text(b, g->m[i].number);
			html_raw(b, "\"><button class=\"link\">移出本组</button>"
			    "</form></td>");
		} else if (may)
			html_raw(b, "<td></td>");
		html_raw(b, "</tr>");
	}
	if (g->nm == 0)
		html_raw(b, "<tr><td colspan=\"6\" class=\"empty\">本组已没有"
		    "案件</td></tr>");
	html_raw(b, "</tbody></table>");
	buf_clear(&u);
}

static void
proposals_list(struct buf *b, const struct proactive_group *g)
{
	size_t	 i;

	html_raw(b, "<section class=\"panel\"><h2>主动公开建议</h2>");
	if (g->np == 0)
		html_raw(b, "<p class=\"empty\">尚未触发建议。</p>");
	else
		html_raw(b, "<ul class=\"events\">");
	for (i = 0; i < g->np; i++) {
		html_raw(b, "<li>");
		badge(b, g->p[i].status);
		html_raw(b, " ");
		html_text(b, strcmp(g->p[i].source, "trigger") == 0 ?
		    "系统建议" : strcmp(g->p[i].source, "applicant") == 0 ?
		    "申请人建议" : "公开工作机构决定");
		if (g->p[i].case_number != NULL) {
			html_raw(b, "（");
			html_text(b, g->p[i].case_number);
			html_raw(b, "）");
		}
		html_raw(b, " <small>");
		html_time(b, g->p[i].opened_at);
		html_raw(b, "</small><br>");
		html_text(b, g->p[i].reason);
		if (g->p[i].decided_at != NULL) {
			html_raw(b, "<br><small>");
			html_text(b, g->p[i].decided_by);
			html_raw(b, " ");
			html_time(b, g->p[i].decided_at);
			if (g->p[i].decline_reason != NULL &&
			    g->p[i].decline_reason[0] != '\0') {
				html_raw(b, " 理由：");
				html_text(b, g->p[i].decline_reason);
			}
			html_raw(b, "</small>");
		}
		html_raw(b, "</li>");
	}
	if (g->np > 0)
		html_raw(b, "</ul>");
	for (i = 0; i < g->npub; i++) {
		html_raw(b, "<p class=\"flash\">已于");
		html_date_cn(b, g->pub[i].published_on);
		html_raw(b, "主动公开：《");
		html_text(b, g->pub[i].title);
		html_raw(b, "》");
		if (g->pub[i].doc_number != NULL &&
		    g->pub[i].doc_number[0] != '\0') {
			html_raw(b, "（");
			html_text(b, g->pub[i].doc_number);
			html_raw(b, "）");
		}
		html_raw(b, "，公开位置：");
		html_text(b, g->pub[i].location);
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
}

/* GET /proactive/{id} */
void
page_proactive_group(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct proactive_filter	 f;
	struct proactive_group	*g = NULL;
	struct buf		 u;
	char			 today[DATE_STRLEN];
	size_t			 n = 0;

	memset(&f, 0, sizeof(f));
	if ((f.group_id = group_arg(r)) == 0) {
		page_error(r, p, 404, "没有这个分组");
		return;
	}
	if (proactive_groups_load(r->st, &f, &g, &n) != CM_OK || n == 0) {
		proactive_groups_free(g, n);
		page_error(r, p, 404, "没有这个分组");
		return;
	}
	page_begin(r, p, "高频申请分组", NAV_PROACTIVE);
	html_raw(b, "<p><a href=\"/proactive\">← 高频申请</a></p><h1>分组 #");
	html_int(b, (long long)g->id);
	html_raw(b, " ");
	badge(b, g->status);
	html_raw(b, "</h1><p class=\"req\">");
	html_text(b, g->label);
	html_raw(b, "</p><p>不同申请人 <b>");
	html_int(b, g->applicants);
	html_raw(b, "</b> 位，申请 <b>");
	html_int(b, (long long)g->nm);
	html_raw(b, "</b> 件。</p>");
	members_table(b, r, g);
	proposals_list(b, g);
	buf_init(&u);
	date_format(r->today, today);
	if (roles_may(r->sess.role, PERM_APPROVE)) {
		buf_reset(&u);
		group_url(&u, g->id, "/accept");
		html_raw(b, "<section class=\"panel\"><h2>纳入主动公开</h2>"
		    "<p class=\"muted\">记录已主动公开的信息：标题、文号、公开栏目或"
		    "网址、公开日期（计入年度报告第六部分）。</p>");
		form_open(b, r, buf_str(&u));
		html_raw(b, "<label>标题 <input name=\"title\" required"
		    " maxlength=\"" LIM_STR(LIM_PUB_TITLE_CHARS) "\"></label>"
		    "<label>文号 <input name=\"doc_number\" maxlength=\""
		    LIM_STR(LIM_DOC_NUMBER_CHARS) "\"></label>"
		    "<label>公开栏目或网址 <input name=\"where\" required"
		    " maxlength=\"" LIM_STR(LIM_PUB_WHERE_CHARS) "\"></label>"
		    "<label>公开日期 <input"
		    " type=\"date\" name=\"on\" required value=\"");
		html_text(b, today);
		html_raw(b, "\"></label><button>记录主动公开</button></form>");
		if (g->status != NULL && strcmp(g->status, "open") == 0) {
			buf_reset(&u);
			group_url(&u, g->id, "/decline");
			form_open(b, r, buf_str(&u));
			html_raw(b, "<label>不予采纳的理由 <textarea name=\"reason\""
			    " required maxlength=\"" LIM_STR(LIM_COMMENT_CHARS)
			    "\"></textarea></label>"
			    "<button>不予采纳</button></form>");
		}
		html_raw(b, "</section>");
	}
	if (roles_may(r->sess.role, PERM_TEXTS)) {
		buf_reset(&u);
		group_url(&u, g->id, "/link");
		html_raw(b, "<section class=\"panel\"><h2>人工关联</h2>");
		form_open(b, r, buf_str(&u));
		html_raw(b, "<p class=\"muted\">该案件与本组申请同一信息；"
		    "它所在的分组将并入本组。</p><label>案件编号 <input"
		    " name=\"case\" required maxlength=\""
		    LIM_STR(LIM_CASE_KEY_CHARS) "\"></label>"
		    "<button>关联</button></form></section>");
	}
	buf_clear(&u);
	proactive_groups_free(g, n);
	page_end(r, p);
}

/* POST /proactive/{id}/accept */
void
page_proactive_accept(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct px_accept_in	 in;
	struct px_group_out	 out;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	if ((in.group = group_arg(r)) == 0) {
		page_error(r, p, 404, "没有这个分组");
		return;
	}
	in.title = req_field(r, "title");
	in.doc_number = req_field(r, "doc_number");
	in.where = req_field(r, "where");
	in.on = req_field(r, "on");
	if ((rc = op_proactive_accept(&ctx, &in, &out, &rf)) != CM_OK) {
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	back(p, in.group, "saved");
}

/* POST /proactive/{id}/decline */
void
page_proactive_decline(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct px_decline_in	 in;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	if ((in.group = group_arg(r)) == 0) {
		page_error(r, p, 404, "没有这个分组");
		return;
	}
	in.reason = req_field(r, "reason");
	if ((rc = op_proactive_decline(&ctx, &in, &rf)) != CM_OK) {
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	back(p, in.group, "saved");
}

/*
 * POST /proactive/{id}/link and /unlink (field "case"): the case and
 * the group's first case ask (or do not ask) for the same information.
 */
static void
link_post(struct req *r, struct resp *p, int unlink)
{
	struct op_ctx		 ctx;
	struct px_link_in	 in;
	struct px_link_out	 out;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	if ((in.group = group_arg(r)) == 0) {
		page_error(r, p, 404, "没有这个分组");
		return;
	}
	in.b = req_field(r, "case");
	in.unlink = unlink;
	if ((rc = op_proactive_link(&ctx, &in, &out, &rf)) != CM_OK) {
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	/* Linking may merge two groups: go where the case is now. */
	if (out.group != 0)
		back(p, out.group, "saved");
	else
		resp_redirect(p, 303, "/proactive?ok=saved");
}

/* POST /proactive/{id}/link (field case). */
void
page_proactive_link(struct req *r, struct resp *p)
{
	link_post(r, p, 0);
}

/* POST /proactive/{id}/unlink (field case). */
void
page_proactive_unlink(struct req *r, struct resp *p)
{
	link_post(r, p, 1);
}

/* POST /proactive/propose (fields case, reason) */
void
page_proactive_propose(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct px_propose_in	 in;
	struct px_group_out	 out;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	in.case_key = req_field(r, "case");
	in.reason = req_field(r, "reason");
	if ((rc = op_proactive_propose(&ctx, &in, &out, &rf)) != CM_OK) {
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	back(p, out.group, "saved");
}

/* POST /proactive/tags (fields case, tag, remove=1): an officer's tag
 * for the 热点分析; back to the case. */
void
page_proactive_tag(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct px_tag_in	 in;
	struct op_refusal	 rf;
	struct buf		 u;
	const char		*rm = req_field(r, "remove");
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	in.case_key = req_field(r, "case");
	in.tag = req_field(r, "tag");
	in.remove = rm != NULL && strcmp(rm, "1") == 0;
	if ((rc = op_proactive_tag(&ctx, &in, &rf)) != CM_OK) {
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	buf_init(&u);
	buf_puts(&u, "/cases/");
	url_param(&u, in.case_key);
	buf_puts(&u, "?ok=saved");
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}

/* GET /proactive/repeats/{case}: earlier answered requests (art. 36(6)). */
void
page_repeats(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct repeat_hit	*h = NULL;
	struct buf		 u;
	size_t			 n = 0, i;
	enum cm_err		 rc;

	if ((rc = repeat_find(r->st, r->args[0], &h, &n)) != CM_OK) {
		page_error(r, p, rc == CM_NOTFOUND ? 404 : 500, rc ==
		    CM_NOTFOUND ? "没有这个案件" : "查找失败");
		return;
	}
	page_begin(r, p, "重复申请核查", NAV_PROACTIVE);
	html_raw(b, "<p><a href=\"/cases/");
	buf_init(&u);
	url_param(&u, r->args[0]);
	html_text(b, buf_str(&u));
	html_raw(b, "\">← 返回案件</a></p><h1>重复申请核查 <small>条例第三十六条"
	    "第（六）项</small></h1><p class=\"muted\">同一申请人（身份证件号码"
	    "相同，或姓名和电话相同）此前申请同一信息并已作出答复的案件。"
	    "是否属于重复申请由承办人判断。</p>");
	html_raw(b, "<table class=\"cases\"><thead><tr><th>编号</th>"
	    "<th>所需信息</th><th>答复日期</th><th>答复结果</th><th>答复书文号</th>"
	    "<th>依据</th><th><span class=\"vh\">操作</span></th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_raw(b, "<tr><td class=\"num\">");
		render_case_link(b, h[i].number);
		html_raw(b, "</td><td class=\"req\">");
		render_excerpt(b, h[i].request, 60);
		html_raw(b, "</td><td class=\"date\">");
		html_text(b, h[i].replied_on);
		html_raw(b, "</td><td>");
		html_label(b, outcomes, OUT__MAX, h[i].outcome);
		html_raw(b, "</td><td>");
		html_text(b, h[i].reply_doc != NULL ? h[i].reply_doc : "—");
		html_raw(b, "</td><td>");
		html_text(b, match_label(h[i].how));
		html_raw(b, "</td><td>");
		if (roles_may(r->sess.role, PERM_TEXTS)) {
			buf_reset(&u);
			buf_puts(&u, "/proactive/repeats/");
			url_param(&u, r->args[0]);
			buf_puts(&u, "/cite");
			form_open(b, r, buf_str(&u));
			html_raw(b, "<input type=\"hidden\" name=\"earlier\""
			    " value=\"");
			html_text(b, h[i].number);
			html_raw(b, "\"><button class=\"link\">在答复中引用"
			    "</button></form>");
		}
		html_raw(b, "</td></tr>");
	}
	if (n == 0)
		html_raw(b, "<tr><td colspan=\"7\" class=\"empty\">没有发现"
		    "已答复的相同申请</td></tr>");
	html_raw(b, "</tbody></table>");
	buf_clear(&u);
	repeat_hits_free(h, n);
	page_end(r, p);
}

/* POST /proactive/repeats/{case}/cite (field earlier): fills the case
 * text earlier_reply and goes back to the case's texts. */
void
page_repeat_cite(struct req *r, struct resp *p)
{
	const char	*m;
	char		 err[256];
	struct buf	 u;
	enum cm_err	 rc;

	if ((m = field(r, "earlier", 64, 1, 0)) != NULL) {
		page_error(r, p, 422, m);
		return;
	}
	rc = repeat_cite_earlier(r->st, r->args[0], req_field(r, "earlier"),
	    r->sess.user, NULL, err, sizeof(err));
	if (rc != CM_OK) {
		page_error(r, p, http_status_of(rc), err);
		return;
	}
	buf_init(&u);
	buf_puts(&u, "/cases/");
	url_param(&u, r->args[0]);
	buf_puts(&u, "?ok=texts#texts");
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
}
