/* SPDX-License-Identifier: ISC */
/*
 * 工作台: what needs doing today.  Counts per state, overdue and due
 * soon (within three working days), the user's own open cases, the
 * requests waiting for a reviewer (with the draft letter of each), the
 * user's requests a reviewer sent back (被退回), and a warning while next year's
 * holiday calendar has not been imported (deadlines that run into it
 * are provisional, domain.md decision 8).
 */
#include <stdio.h>
#include <string.h>

#include "ops/signoff.h"
#include "ops/approval.h"
#include "ops/assign.h"
#include "store/assign.h"
#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/proactive.h"
#include "ops/proactive.h"
#include "ops/worklist.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/render.h"

struct tbl {
	struct buf		*b;
	const struct req	*r;
	int			 n;
};

static int
tbl_row(const struct list_row *l, void *arg)
{
	struct tbl	*t = arg;

	render_table_row(t->b, t->r, l);
	t->n++;
	return 0;
}

static void
section_id(struct req *r, struct buf *b, const char *id, const char *title,
    const char *more, struct list_query *q)
{
	struct tbl	 t = { b, r, 0 };

	html_raw(b, "<section class=\"panel\"");
	if (id != NULL) {
		html_raw(b, " id=\"");
		html_text(b, id);
		html_raw(b, "\"");
	}
	html_raw(b, "><h2>");
	html_text(b, title);
	html_raw(b, " <a class=\"more\" href=\"");
	html_text(b, more);
	html_raw(b, "\">全部</a></h2>");
	render_table_begin(b);
	q->limit = 10;
	(void)worklist_page(r->st, q, tbl_row, &t);
	render_table_end(b, t.n == 0);
	html_raw(b, "</section>");
}

static void
section(struct req *r, struct buf *b, const char *title, const char *more,
    struct list_query *q)
{
	section_id(r, b, NULL, title, more, q);
}

static void
card(struct buf *b, const char *href, const char *label, int n,
    const char *cls)
{
	html_raw(b, "<a class=\"card ");
	html_text(b, cls);
	html_raw(b, "\" href=\"");
	html_text(b, href);
	html_raw(b, "\"><span class=\"n\">");
	html_int(b, n);
	html_raw(b, "</span><span class=\"l\">");
	html_text(b, label);
	html_raw(b, "</span></a>");
}

static void	 rejected_section(struct req *, struct buf *);

/* The deadline of a case by UUID, as in every list. */
static void
due_cell(struct buf *b, const struct req *r, const char *case_id)
{
	char	 due[DATE_STRLEN];
	int	 prov;

	if (assign_case_due(r->st, case_id, due, &prov) == CM_OK)
		render_due(b, r, due, prov);
}

/* A table of assignment rows (store/assign.h): the case, its
 * department, deadline and the last 转办 or 退回 with its reason. */
struct asg_tbl {
	struct buf		*b;
	const struct req	*r;
	int			 n;
};

static int
asg_row(const struct asg_row *a, void *arg)
{
	struct asg_tbl	*t = arg;
	struct buf	*b = t->b;

	html_raw(b, "<tr><td class=\"num\">");
	render_case_link(b, a->r.number);
	html_raw(b, "</td><td>");
	html_text(b, a->r.applicant);
	html_raw(b, "</td><td class=\"req\">");
	render_excerpt(b, a->r.request, 40);
	html_raw(b, "</td><td>");
	html_text(b, a->dept_name != NULL ? a->dept_name : "未分配");
	html_raw(b, "</td><td class=\"date\">");
	render_due(b, t->r, a->r.due, a->r.provisional);
	html_raw(b, "</td><td class=\"text\">");
	if (a->last_action != NULL) {
		html_text(b, strcmp(a->last_action, "return") == 0 ?
		    "退回：" : "转办：");
		html_text(b, a->last_reason);
		html_raw(b, " <small>");
		html_text(b, a->last_by);
		html_raw(b, "</small>");
	}
	html_raw(b, "</td></tr>");
	t->n++;
	return 0;
}

static void
asg_section(struct req *r, struct buf *b, const char *id, const char *title,
    const char *hint, int unassigned, const char *who)
{
	struct asg_tbl	 t = { b, r, 0 };

	html_raw(b, "<section class=\"panel\" id=\"");
	html_text(b, id);
	html_raw(b, "\"><h2>");
	html_text(b, title);
	html_raw(b, "</h2><p class=\"hint\">");
	html_text(b, hint);
	html_raw(b, "</p><table class=\"cases\"><thead><tr><th>编号</th>"
	    "<th>申请人</th><th>所需信息</th><th>承办科室</th><th>答复期限</th>"
	    "<th>转办或退回理由</th></tr></thead><tbody>");
	if (unassigned)
		(void)assign_unassigned(r->st, who, 50, asg_row, &t);
	else
		(void)assign_newly(r->st, who, 50, asg_row, &t);
	if (t.n == 0)
		html_raw(b, "<tr><td colspan=\"6\" class=\"empty\">没有案件"
		    "</td></tr>");
	html_raw(b, "</tbody></table></section>");
}

/*
 * 待我办理 (issue 13): the officer's own work in the order it needs
 * attention -- overdue, sent back by a reviewer (with the comment),
 * due within DL_DUE_SOON working days, newly assigned, letters waiting
 * for their delivery to be confirmed -- and, for a department head or
 * the reviewer, the cases nobody handles yet.
 */
static void
my_work(struct req *r, struct buf *b, int mine)
{
	struct list_query q;
	char		 today[DATE_STRLEN], from[DATE_STRLEN];
	char		 upto[DATE_STRLEN];
	int		 heads;

	heads = assign_heads(r->st, r->sess.user);
	/* A reviewer sees their own list only while they handle cases. */
	if (r->sess.role == ROLE_OFFICER || (r->sess.role == ROLE_REVIEWER &&
	    mine > 0)) {
		date_format(r->today, today);
		memset(&q, 0, sizeof(q));
		q.handler = r->sess.user;
		q.due_before = today;
		q.open_only = 1;
		section_id(r, b, "my-overdue", "我承办的已逾期案件",
		    "/cases?mine=1&overdue=1", &q);
		rejected_section(r, b);
		memset(&q, 0, sizeof(q));
		worklist_due_soon_window(r->cal, r->today, from, upto);
		q.handler = r->sess.user;
		q.due_from = from;
		q.due_upto = upto;
		q.open_only = 1;
		section_id(r, b, "my-due-soon", "我承办的3个工作日内到期案件",
		    "/cases?mine=1&due_soon=1", &q);
		asg_section(r, b, "newly-assigned", "新分派给我的案件",
		    "别人分派给您、您尚未办理的案件。", 0, r->sess.user);
		dash_deliveries_section(b, r);
	}
	if (r->sess.role == ROLE_REVIEWER || r->sess.role == ROLE_ADMIN)
		asg_section(r, b, "unassigned", "待分派的案件",
		    "在办但没有承办人的案件（含被退回、被转办的），请分派。", 1,
		    NULL);
	else if (heads > 0)
		asg_section(r, b, "unassigned", "本科室待分派的案件",
		    "本科室在办但没有承办人的案件（含被退回、被转办的），请分派。",
		    1, r->sess.user);
}

/* For a chain of several steps (ops/signoff.h): at which step the
 * request was returned, before the comment. */
static void
rejected_step(struct req *r, struct buf *b, const struct approval *ap)
{
	struct signoff_view sv;
	size_t		 i;

	if (signoff_view_get(r->st, ap, r->sess.user, r->sess.role, &sv) !=
	    CM_OK)
		return;
	for (i = 0; sv.n > 1 && i < sv.n; i++)
		if (strcmp(sv.steps[i].decision, "reject") == 0) {
			html_raw(b, "【");
			html_text(b, sv.steps[i].name);
			html_raw(b, "】");
		}
	signoff_view_clear(&sv);
}

/*
 * 待我签批: while some request walks a configured sign-off chain
 * (signoff_in_use), the pending requests whose step due now this user
 * signs (signoff_view_get decides), with the step.  Nothing otherwise:
 * the default chain's requests are the reviewers' list below.
 */
static void
to_sign_section(struct req *r, struct buf *b)
{
	struct approval	*ap = NULL;
	struct signoff_view sv;
	size_t		 nap = 0, i;
	int		 n = 0;

	if (!signoff_in_use(r->st) ||
	    approvals_list(r->st, NULL, 1, 50, &ap, &nap) != CM_OK)
		return;
	for (i = 0; i < nap; i++) {
		if (signoff_view_get(r->st, &ap[i], r->sess.user, r->sess.role,
		    &sv) != CM_OK)
			continue;
		if (sv.may_sign && sv.current >= 0) {
			if (n++ == 0)
				html_raw(b, "<section class=\"panel\""
				    " id=\"to-sign\"><h2>待我签批</h2>"
				    "<table class=\"cases\"><thead><tr>"
				    "<th>案件</th><th>事项</th><th>步骤</th>"
				    "<th>提出人</th></tr></thead><tbody>");
			html_raw(b, "<tr><td class=\"num\">");
			render_case_link(b, ap[i].case_number);
			html_raw(b, "</td><td>");
			html_text(b, signoff_action_label(ap[i].action, 1));
			if (ap[i].outcome != NULL)
				html_label(b, outcomes, OUT__MAX,
				    ap[i].outcome);
			html_raw(b, "</td><td>第");
			html_int(b, sv.current + 1);
			html_raw(b, "步 ");
			html_text(b, sv.steps[sv.current].name);
			html_raw(b, "</td><td>");
			html_text(b, ap[i].requested_by);
			html_raw(b, "</td></tr>");
		}
		signoff_view_clear(&sv);
	}
	if (n > 0)
		html_raw(b, "</tbody></table></section>");
	approvals_free(ap, nap);
}

/*
 * The user's requests a reviewer sent back and that still stand (the
 * case open, nothing requested since): case, what was asked, the
 * reviewer's comment, who and when.  Nothing when there are none.
 */
static void
rejected_section(struct req *r, struct buf *b)
{
	struct approval	*ap = NULL;
	size_t		 nap = 0, i;

	if (approvals_rejected(r->st, r->sess.user, 20, &ap, &nap) != CM_OK ||
	    nap == 0) {
		approvals_free(ap, nap);
		return;
	}
	html_raw(b, "<section class=\"panel\" id=\"rejected\">"
	    "<h2>被退回</h2><p class=\"hint\">审核人退回的答复和延期。"
	    "请按意见修改后重新提交。</p><table class=\"cases\"><thead><tr>"
	    "<th>案件</th><th>事项</th><th>退回意见</th><th>审核人</th>"
	    "<th>退回时间</th><th>答复期限</th></tr></thead><tbody>");
	for (i = 0; i < nap; i++) {
		html_raw(b, "<tr><td class=\"num\">");
		render_case_link(b, ap[i].case_number);
		html_raw(b, "</td><td>");
		html_text(b, signoff_action_label(ap[i].action, 1));
		if (ap[i].outcome != NULL)
			html_label(b, outcomes, OUT__MAX, ap[i].outcome);
		html_raw(b, "</td><td class=\"text\">");
		rejected_step(r, b, &ap[i]);
		if (ap[i].comment != NULL && ap[i].comment[0] != '\0')
			html_text(b, ap[i].comment);
		else
			html_raw(b, "（未写意见）");
		html_raw(b, "</td><td>");
		html_text(b, ap[i].decided_by);
		html_raw(b, "</td><td>");
		html_time(b, ap[i].decided_at);
		html_raw(b, "</td><td class=\"date\">");
		due_cell(b, r, ap[i].case_id);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></section>");
	approvals_free(ap, nap);
}

/* GET / */
void
page_dashboard(struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct dash_counts	 d;
	struct list_query	 q;
	struct approval		*ap = NULL;
	struct buf		 u;
	char			 today[DATE_STRLEN], from[DATE_STRLEN];
	char			 upto[DATE_STRLEN], cn[64];
	size_t			 nap = 0, i;
	int			 next, k;

	if (worklist_dashboard(r->st, r->cal, r->today, r->sess.user, &d) !=
	    CM_OK) {
		page_error(r, p, 500, "读取统计失败");
		return;
	}
	page_begin(r, p, "工作台", NAV_DASH);
	date_format_cn(r->today, cn, sizeof(cn));
	html_raw(b, "<h1>工作台 <small>");
	html_text(b, cn);
	html_raw(b, "</small></h1>");

	next = date_year(r->today) + 1;
	if (!calendar_year_loaded(r->cal, next)) {
		html_raw(b, "<p class=\"warn\" role=\"alert\">注意：");
		html_int(b, next);
		html_raw(b, "年节假日安排尚未导入。跨入该年的答复期限只按周末推算，"
		    "标为“暂定”。国务院办公厅通知发布后，请管理员在“管理”中导入。"
		    "</p>");
	}

	html_raw(b, "<div class=\"cards\">");
	card(b, "/cases?open=1", "在办", d.open, "");
	card(b, "/cases?overdue=1", "已逾期", d.overdue, d.overdue > 0 ?
	    "bad" : "");
	card(b, "/cases?due_soon=1", "3个工作日内到期", d.due_soon,
	    d.due_soon > 0 ? "soon" : "");
	card(b, "/cases?mine=1", "我承办的在办案件", d.mine, "");
	if (roles_may(r->sess.role, PERM_APPROVE))
		card(b, "#approvals", "待审批", d.approvals, d.approvals > 0 ?
		    "soon" : "");
	/* Decision 9: 补正 notices later than Art 30's 7 working days. */
	if (d.late_correction > 0)
		card(b, "/cases", "迟延告知补正", d.late_correction, "bad");
	/* Art 44: information several applicants asked for. */
	if (d.proposals_open > 0)
		card(b, "/proactive?status=open", "建议转为主动公开",
		    d.proposals_open, "soon");
	html_raw(b, "</div>");

	my_work(r, b, d.mine);
	if (r->sess.role != ROLE_OFFICER && !(r->sess.role == ROLE_REVIEWER &&
	    d.mine > 0)) {
		rejected_section(r, b);
		dash_deliveries_section(b, r);
	}

	html_raw(b, "<section class=\"panel\"><h2>各状态案件数</h2>"
	    "<ul class=\"states\">");
	for (k = 0; k < ST__MAX; k++) {
		html_raw(b, "<li><a href=\"/cases?state=");
		html_text(b, case_states[k].code);
		html_raw(b, "\">");
		render_state(b, case_states[k].code);
		html_raw(b, " <b>");
		html_int(b, d.by_state[k]);
		html_raw(b, "</b></a></li>");
	}
	html_raw(b, "<li class=\"total\">合计 <b>");
	html_int(b, d.total);
	html_raw(b, "</b></li></ul></section>");

	to_sign_section(r, b);
	if (roles_may(r->sess.role, PERM_APPROVE) &&
	    approvals_list(r->st, NULL, 1, 50, &ap, &nap) == CM_OK) {
		buf_init(&u);
		html_raw(b, "<section class=\"panel\" id=\"approvals\">"
		    "<h2>待审批的答复和延期</h2>");
		if (nap == 0)
			html_raw(b, "<p class=\"empty\">没有待审批的请求。</p>");
		else
			html_raw(b, "<table class=\"cases\"><thead><tr>"
			    "<th>案件</th><th>事项</th><th>提出人</th>"
			    "<th>提出时间</th><th>答复期限</th><th>文书样稿</th>"
			    "</tr></thead>"
			    "<tbody>");
		for (i = 0; i < nap; i++) {
			html_raw(b, "<tr><td class=\"num\">");
			render_case_link(b, ap[i].case_number);
			html_raw(b, "</td><td>");
			html_text(b, signoff_action_label(ap[i].action, 1));
			if (ap[i].outcome != NULL)
				html_label(b, outcomes, OUT__MAX,
				    ap[i].outcome);
			html_raw(b, "</td><td>");
			html_text(b, ap[i].requested_by);
			html_raw(b, "</td><td>");
			html_time(b, ap[i].requested_at);
			html_raw(b, "</td><td class=\"date\">");
			due_cell(b, r, ap[i].case_id);
			buf_reset(&u);
			buf_puts(&u, "/cases/");
			url_param(&u, ap[i].case_number);
			snprintf(cn, sizeof(cn), "/approvals/%lld/draft.pdf",
			    (long long)ap[i].id);
			buf_puts(&u, cn);
			html_raw(b, "</td><td><a target=\"_blank\" href=\"");
			html_text(b, buf_str(&u));
			html_raw(b, "\">样稿</a></td></tr>");
		}
		buf_clear(&u);
		if (nap > 0)
			html_raw(b, "</tbody></table>");
		html_raw(b, "</section>");
		approvals_free(ap, nap);
	}

	date_format(r->today, today);
	memset(&q, 0, sizeof(q));
	q.due_before = today;
	q.open_only = 1;
	section(r, b, "已逾期", "/cases?overdue=1", &q);
	memset(&q, 0, sizeof(q));
	worklist_due_soon_window(r->cal, r->today, from, upto);
	q.due_from = from;
	q.due_upto = upto;
	q.open_only = 1;
	section(r, b, "3个工作日内到期", "/cases?due_soon=1", &q);
	memset(&q, 0, sizeof(q));
	q.handler = r->sess.user;
	q.open_only = 1;
	section(r, b, "我承办的在办案件", "/cases?mine=1", &q);
	page_end(r, p);
}
