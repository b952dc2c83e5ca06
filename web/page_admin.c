/* SPDX-License-Identifier: ISC */
/*
 * 管理 (administrators): accounts, the agency settings every letter
 * uses, and the working-day calendar -- loaded years, an import of the
 * State Council's new year (a TSV file), the declared days of a year,
 * and warnings for missing years.  (The audit trail: page_audit.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/admin.h"
#include "ops/audit.h"
#include "ops/auth.h"
#include "cases/calendar.h"
#include "ops/case.h"
#include "ops/op.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/model.h"
#include "store/letters.h"
#include "store/store.h"
#include "ops/user.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/pages.h"

/* The text fields of the agency settings the page shows (AF_NAME ..
 * AF_COURT_ADDRESS) and their members of struct agency. */
static const char *
agency_value(const struct agency *a, int f)
{
	const char	*v[AF_COURT_ADDRESS + 1] = { a->name, a->code,
	    a->address, a->postcode, a->phone, a->review_body,
	    a->review_address, a->court, a->court_address };

	return v[f];
}

struct years {
	struct buf	*b;
	int		 first;
	int		 last;
	int		 n;
	unsigned char	 seen[LIM_YEARS];
};

static int
year_row(int year, const char *imp, const char *origin, void *arg)
{
	struct years	*y = arg;
	char		 href[64];

	if (y->first == 0)
		y->first = year;
	y->last = year;
	if (year >= LIM_YEAR_MIN && year <= LIM_YEAR_MAX)
		y->seen[year - LIM_YEAR_MIN] = 1;
	y->n++;
	snprintf(href, sizeof(href), "/admin/calendar/%d", year);
	html_raw(y->b, "<tr><td><a href=\"");
	html_text(y->b, href);
	html_raw(y->b, "\">");
	html_int(y->b, year);
	html_raw(y->b, "</a></td><td>");
	html_time(y->b, imp);
	html_raw(y->b, "</td><td>");
	html_text(y->b, origin);
	html_raw(y->b, "</td></tr>");
	return 0;
}

static void	admin_pending_letters(const struct req *, struct buf *);

static void
render_admin(struct req *r, struct resp *p, const char *error)
{
	struct buf	*b = &p->body;
	struct user_info *u = NULL;
	struct agency	 a;
	struct years	 y;
	struct buf	 href;
	size_t		 n = 0, i;
	int		 k, next;

	page_begin(r, p, "管理", NAV_ADMIN);
	html_raw(b, "<h1>管理</h1>");
	if (error != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, error);
		html_raw(b, "</p>");
	}

	/* Calendar years. */
	memset(&y, 0, sizeof(y));
	y.b = b;
	html_raw(b, "<section class=\"panel\" id=\"calendar\"><h2>节假日安排"
	    "</h2><table><thead><tr><th>年度</th><th>导入时间</th><th>来源</th>"
	    "</tr></thead><tbody>");
	(void)store_calendar_years(r->st, year_row, &y);
	html_raw(b, "</tbody></table>");
	next = date_year(r->today) + 1;
	if (!calendar_year_loaded(r->cal, next)) {
		html_raw(b, "<p class=\"warn\">");
		html_int(b, next);
		html_raw(b, "年尚未导入：跨入该年的答复期限按周末推算，标为暂定。</p>");
	}
	for (k = y.first; y.first > 0 && k < y.last; k++)
		if (k >= LIM_YEAR_MIN && k <= LIM_YEAR_MAX &&
		    !y.seen[k - LIM_YEAR_MIN]) {
			html_raw(b, "<p class=\"warn\">缺少");
			html_int(b, k);
			html_raw(b, "年的节假日安排。</p>");
		}
	html_raw(b, "<form method=\"post\" action=\"/admin/calendar\""
	    " enctype=\"multipart/form-data\" class=\"stack\">");
	html_csrf(b, r);
	html_raw(b, "<p class=\"hint\">导入国务院办公厅公布的节假日安排：每行"
	    "“日期&lt;TAB&gt;holiday或workday&lt;TAB&gt;名称”。导入某年会替换"
	    "该年的全国数据，文件须包含当年全部七个法定节日；勾选“地方调整”则只增加"
	    "本地调整，不标记年度。上传后先显示预览，确认“应用”后才导入；导入后"
	    "所有在办案件的期限立即重新计算。</p><div class=\"row\"><input type=\"file\""
	    " name=\"file\" accept=\".tsv,.txt,text/tab-separated-values\""
	    " required aria-label=\"日历文件\"><label class=\"check\"><input"
	    " type=\"checkbox\" name=\"local\" value=\"1\">地方调整</label>"
	    "<button type=\"submit\">上传并预览</button></div></form></section>");

	/* Users. */
	html_raw(b, "<section class=\"panel\" id=\"users\"><h2>用户</h2>"
	    "<table><thead><tr><th>用户名</th><th>角色</th><th>状态</th>"
	    "<th>在线会话</th><th>创建</th><th>承办科室与电子邮箱</th>"
	    "<th><span class=\"vh\">操作</span></th></tr></thead><tbody>");
	buf_init(&href);
	if (auth_users(r->st, &u, &n) != CM_OK)
		n = 0;
	for (i = 0; i < n; i++) {
		buf_reset(&href);
		buf_puts(&href, "/admin/users/");
		url_param(&href, u[i].name);
		html_raw(b, "<tr><td>");
		html_text(b, u[i].name);
		html_raw(b, "</td><td>");
		k = role_find(u[i].role);
		html_text(b, k >= 0 ? role_labels[k] : u[i].role);
		html_raw(b, "</td><td>");
		html_text(b, u[i].disabled ? "已停用" : "正常");
		html_raw(b, "</td><td>");
		html_int(b, u[i].sessions);
		html_raw(b, "</td><td>");
		html_time(b, u[i].created_at);
		html_raw(b, "</td><td>");
		admin_user_org_cell(b, r, u[i].name);
		html_raw(b, "</td><td><form method=\"post\" action=\"");
		html_text(b, buf_str(&href));
		html_raw(b, "\" class=\"inline\">");
		html_csrf(b, r);
		if (u[i].disabled)
			html_raw(b, "<button name=\"op\" value=\"enable\""
			    " class=\"secondary\">启用</button>");
		else if (strcmp(u[i].name, r->sess.user) != 0)
			html_raw(b, "<button name=\"op\" value=\"disable\""
			    " class=\"secondary\">停用</button>");
		html_raw(b, "<button name=\"op\" value=\"unlock\""
		    " class=\"secondary\" title=\"解除因密码输错而造成的登录等待\">"
		    "解除登录锁定</button>");
		html_raw(b, "<input type=\"password\" name=\"password\""
		    " minlength=\"" LIM_STR(LIM_PASSWORD_MIN_BYTES) "\""
		    " maxlength=\"" LIM_STR(LIM_PASSWORD_MAX_BYTES) "\""
		    " placeholder=\"新密码\""
		    " autocomplete=\"new-password\" aria-label=\"新密码\">"
		    "<button name=\"op\" value=\"password\" class=\"secondary\">"
		    "重设密码</button></form></td></tr>");
	}
	buf_clear(&href);
	auth_users_free(u, n);
	html_raw(b, "</tbody></table><h3>新增用户</h3>"
	    "<form method=\"post\" action=\"/admin/users\" class=\"row\">");
	html_csrf(b, r);
	html_raw(b, "<label>用户名<input name=\"name\" required maxlength=\""
	    LIM_STR(LIM_USER_NAME_CHARS) "\""
	    " autocomplete=\"off\"></label><label>角色<select name=\"role\">");
	for (k = 0; k < ROLE__MAX; k++) {
		html_raw(b, "<option value=\"");
		html_text(b, role_codes[k]);
		html_raw(b, "\">");
		html_text(b, role_labels[k]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></label>");
	admin_user_add_fields(b, r);
	html_raw(b, "<label>密码<input type=\"password\""
	    " name=\"password\" required minlength=\""
	    LIM_STR(LIM_PASSWORD_MIN_BYTES) "\" maxlength=\""
	    LIM_STR(LIM_PASSWORD_MAX_BYTES) "\""
	    " autocomplete=\"new-password\"></label><button type=\"submit\">"
	    "新增</button></form></section>");
	admin_departments_section(b, r);

	/* Agency. */
	memset(&a, 0, sizeof(a));
	if (store_agency_get(r->st, &a) != CM_OK)
		a.correction_period = LAW_CORRECTION_PERIOD_WD;
	html_raw(b, "<section class=\"panel\" id=\"agency\"><h2>机关信息</h2>"
	    "<p class=\"hint\">文书的抬头、落款和救济途径（复议机关、法院）取自"
	    "这里。</p><form method=\"post\" action=\"/admin/agency\""
	    " class=\"grid2\">");
	html_csrf(b, r);
	for (k = 0; k <= AF_COURT_ADDRESS; k++) {
		html_raw(b, "<label>");
		html_text(b, agency_fields[k].label);
		if (k == AF_CODE)
			html_raw(b, "（如“某某公开”）");
		html_raw(b, "<input name=\"");
		html_text(b, agency_fields[k].key);
		html_raw(b, "\" maxlength=\"" LIM_STR(LIM_AGENCY_TEXT_CHARS) "\"");
		if (agency_fields[k].required)
			html_raw(b, " required");
		html_raw(b, " value=\"");
		html_text(b, agency_value(&a, k));
		html_raw(b, "\"></label>");
	}
	html_raw(b, "<label>补正期限（工作日）<input type=\"number\""
	    " name=\"correction_period\" min=\""
	    LIM_STR(LIM_CORRECTION_PERIOD_MIN) "\" max=\""
	    LIM_STR(LIM_CORRECTION_PERIOD_MAX) "\" value=\"");
	html_int(b, a.correction_period);
	html_raw(b, "\"></label><label>");
	html_text(b, agency_fields[AF_ADDRESS_ORG].label);
	html_raw(b, "（空白为“贵单位”；对个人一律称“您”）<input name=\"");
	html_text(b, agency_fields[AF_ADDRESS_ORG].key);
	html_raw(b, "\" maxlength=\"" LIM_STR(LIM_ADDRESS_ORG_CHARS)
	    "\" value=\"");
	{
		char	*v = NULL;

		if ((v = agency_setting(r->st,
		    agency_fields[AF_ADDRESS_ORG].key)) != NULL)
			html_text(b, v);
		free(v);
	}
	/* Decision 15: named in the remedy of a reply delivered online. */
	html_raw(b, "\"></label><label>");
	html_text(b, agency_fields[AF_REVIEW_ONLINE].label);
	html_raw(b, "（网上送达的答复书据此告知网上申请复议的渠道）<input name=\"");
	html_text(b, agency_fields[AF_REVIEW_ONLINE].key);
	html_raw(b, "\" maxlength=\"" LIM_STR(LIM_AGENCY_TEXT_CHARS)
	    "\" value=\"");
	{
		char	*v = NULL;

		if ((v = agency_setting(r->st,
		    agency_fields[AF_REVIEW_ONLINE].key)) != NULL)
			html_text(b, v);
		free(v);
	}
	html_raw(b, "\"></label>");
	{
		char	*v = agency_setting(r->st, "reasons_period");

		/* Decision 14: the period to state reasons (Art 35). */
		html_raw(b, "<label>");
		html_text(b, agency_fields[AF_REASONS_PERIOD].label);
		html_raw(b, "<input type=\"number\" name=\"reasons_period\""
		    " min=\"" LIM_STR(LIM_REASONS_PERIOD_MIN) "\" max=\""
		    LIM_STR(LIM_REASONS_PERIOD_MAX) "\" value=\"");
		if (v != NULL && v[0] != '\0')
			html_text(b, v);
		else
			html_int(b, LAW_REASONS_PERIOD_WD);
		html_raw(b, "\"></label>");
		free(v);
		/* Decision 13: off unless chosen (minimisation). */
		v = agency_setting(r->st, "consult_names_applicant");
		html_raw(b, "<label><input type=\"checkbox\""
		    " name=\"consult_names_applicant\" value=\"on\"");
		if (v != NULL && strcmp(v, "on") == 0)
			html_raw(b, " checked");
		html_raw(b, ">");
		html_text(b, agency_fields[AF_CONSULT_NAMES_APPLICANT].label);
		html_raw(b, "（默认不写明，保护申请人个人信息）</label>");
		free(v);
	}
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">"
	    "保存机关信息</button></div></form></section>");
	agency_clear(&a);
	admin_mail_section(r, b);
	admin_pending_letters(r, b);
	html_raw(b, "<section class=\"panel\" id=\"phrases\"><h2>常用表述"
	    "</h2><p>承办人填写答复理由等内容时可一键插入的标准表述："
	    "<a href=\"/admin/phrases\">编辑常用表述</a></p></section>");
	html_raw(b, "<p><a href=\"/admin/texts\">文书标准文本</a></p>");
	html_raw(b, "<p><a href=\"/admin/signoff\">签批流程</a></p>");
	html_raw(b, "<p><a href=\"/admin/archive\">归档文件</a></p>");
	html_raw(b, "<p><a href=\"/audit\">查看全部审计记录</a></p>");
	page_end(r, p);
}

/*
 * The letters typeset after their write (the intakes' 登记回执,
 * ops/letter_pending.h) that are not stored yet, when there are any:
 * normally none for more than a moment; one that failed to typeset is
 * retried by the server and named here, never dropped.
 */
static void
admin_pending_letters(const struct req *r, struct buf *b)
{
	int64_t	 n, failed;
	char	*why = NULL;

	if (letters_pending_count(r->st, &n, &failed, &why) != CM_OK ||
	    n == 0) {
		free(why);
		return;
	}
	html_raw(b, "<section class=\"panel\" id=\"pending-letters\"><h2>"
	    "待生成的文书</h2><p>");
	html_int(b, (int)n);
	html_raw(b, " 份文书（登记回执）尚待生成 PDF，案件页面可照常下载；");
	if (failed > 0) {
		html_raw(b, "其中 ");
		html_int(b, (int)failed);
		html_raw(b, " 份生成失败，系统将自动重试。最近一次错误：");
		html_text(b, why != NULL ? why : "");
	} else
		html_raw(b, "系统正在生成。");
	html_raw(b, "</p></section>");
	free(why);
}

/* GET /admin */
void
page_admin(struct req *r, struct resp *p)
{
	render_admin(r, p, NULL);
}

static void
refuse(struct req *r, struct resp *p, int status, const char *msg)
{
	buf_reset(&p->body);
	p->status = status;
	render_admin(r, p, msg);
}

/* The /admin page again with the refusal msg (page_admin_mail.c). */
void
page_admin_refuse(struct req *r, struct resp *p, int status, const char *msg)
{
	refuse(r, p, status, msg);
}

/* POST /admin/users: name, role, password. */
void
page_user_add(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct user_add_in	 in;
	struct op_refusal	 rf;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	in.name = req_field(r, "name");
	in.role = req_field(r, "role");
	in.password = req_field(r, "password");
	in.email = req_field(r, "email");
	in.department = req_field(r, "department");
	if ((rc = op_user_add(&ctx, &in, &rf)) != CM_OK) {
		refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=user#users");
}

/* POST /admin/users/{name}: op=disable|enable|unlock|password. */
void
page_user_edit(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct user_disable_in	 dis;
	struct user_password_in	 pw;
	const char		*op = req_field(r, "op");
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	if (op != NULL && (strcmp(op, "disable") == 0 ||
	    strcmp(op, "enable") == 0)) {
		dis.name = r->args[0];
		dis.disabled = strcmp(op, "disable") == 0;
		rc = op_user_disable(&ctx, &dis, &rf);
	} else if (op != NULL && strcmp(op, "unlock") == 0) {
		rc = op_user_unlock(&ctx, r->args[0], &rf);
	} else if (op != NULL && strcmp(op, "password") == 0) {
		pw.name = r->args[0];
		pw.password = req_field(r, "password");
		rc = op_user_password(&ctx, &pw, &rf);
	} else {
		refuse(r, p, 422, "未知的操作");
		return;
	}
	if (rc == CM_NOTFOUND) {
		page_error(r, p, 404, rf.msg);
		return;
	}
	if (rc != CM_OK) {
		refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=user#users");
}

/* POST /admin/agency: the fields of agency_fields by key. */
void
page_agency(struct req *r, struct resp *p)
{
	struct op_ctx		 ctx;
	struct agency_in	 in;
	struct op_refusal	 rf;
	int			 f;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	/* The form replaces every text it shows: a missing one is empty. */
	for (f = 0; f <= AF_CORRECTION_PERIOD; f++)
		if ((in.v[f] = req_field(r, agency_fields[f].key)) == NULL &&
		    f != AF_CORRECTION_PERIOD)
			in.v[f] = "";
	in.v[AF_ADDRESS_ORG] = req_field(r, agency_fields[AF_ADDRESS_ORG].key);
	in.v[AF_REVIEW_ONLINE] = req_field(r,
	    agency_fields[AF_REVIEW_ONLINE].key);
	in.v[AF_REASONS_PERIOD] = req_field(r, "reasons_period");
	/* A checkbox left clear is not posted: it turns a stored "on"
	 * off and otherwise leaves the (default off) setting alone. */
	if (req_field(r, "consult_names_applicant") != NULL)
		in.v[AF_CONSULT_NAMES_APPLICANT] = "on";
	else {
		char	*was = agency_setting(r->st, "consult_names_applicant");

		if (was != NULL && strcmp(was, "on") == 0)
			in.v[AF_CONSULT_NAMES_APPLICANT] = "off";
		free(was);
	}
	if ((rc = op_agency_set(&ctx, &in, NULL, &rf)) != CM_OK) {
		refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	resp_redirect(p, 303, "/admin?ok=saved#agency");
}

/* The bytes of hex digits s (2 per byte) in out; -1 when malformed. */
static int
unhex(const char *s, struct buf *out)
{
	size_t		 i, n = s != NULL ? strlen(s) : 0;
	unsigned	 hi, lo;
	char		 c;

	if (n % 2 != 0)
		return -1;
	for (i = 0; i < n; i += 2) {
		if (sscanf(s + i, "%1x%1x", &hi, &lo) != 2 ||
		    strchr("0123456789abcdef", s[i]) == NULL ||
		    strchr("0123456789abcdef", s[i + 1]) == NULL)
			return -1;
		c = (char)(hi << 4 | lo);
		buf_put(out, &c, 1);
	}
	return 0;
}

/*
 * POST /admin/calendar: two steps (issue 15).  An upload (multipart:
 * file, local) is checked by op_calendar_preview() and shown: the
 * year's holiday periods and make-up days, with 应用 and 取消; nothing
 * is written.  应用 posts the same bytes back (apply=1, data as hex,
 * sha256 as the preview showed it, local), and op_calendar_import()
 * checks them all again, the hash included, before importing.
 */
void
page_calendar_import(struct req *r, struct resp *p)
{
	struct op_ctx			 ctx;
	struct calendar_import_in	 in;
	struct calendar_import_out	 out;
	struct calendar_preview		 pv;
	struct op_refusal		 rf;
	struct buf			 origin, data;
	const char			*local = req_field(r, "local");
	const char			*apply = req_field(r, "apply");
	size_t				 i;
	enum cm_err			 rc;

	web_op_ctx(r, &ctx);
	memset(&in, 0, sizeof(in));
	buf_init(&data);
	in.local = local != NULL && strcmp(local, "1") == 0;
	if (apply != NULL && strcmp(apply, "1") == 0) {
		if (unhex(req_field(r, "data"), &data) != 0) {
			buf_clear(&data);
			refuse(r, p, 400, "日历文件内容无效，请重新上传");
			return;
		}
		in.data = data.p;
		in.len = data.len;
		in.sha256 = req_field(r, "sha256");
		if (in.sha256 == NULL)
			in.sha256 = "";
	} else {
		for (i = 0; i < r->nfiles; i++)
			if (strcmp(r->files[i].field, "file") == 0) {
				in.data = r->files[i].data;
				in.len = r->files[i].len;
				break;
			}
		rc = op_calendar_preview(&ctx, &in, &pv, &rf);
		if (rc != CM_OK) {
			refuse(r, p, in.len > LIM_CALENDAR_FILE_BYTES ? 413 :
			    http_status_of(rc), rf.msg);
			return;
		}
		calendar_preview_page(r, p, &in, &pv);
		calendar_preview_clear(&pv);
		return;
	}
	buf_init(&origin);
	buf_printf(&origin, "web upload by %s", r->sess.user);
	in.origin = buf_str(&origin);
	rc = op_calendar_import(&ctx, &in, &out, &rf);
	buf_clear(&origin);
	buf_clear(&data);
	if (rc != CM_OK) {
		refuse(r, p, http_status_of(rc), rf.msg);
		return;
	}
	if (web_reload_calendar(r->w, r->st) != 0) {
		refuse(r, p, 500, "日历已导入，但重新载入失败；请重启服务");
		return;
	}
	resp_redirect(p, 303, "/admin?ok=imported#calendar");
}

static int
day_row(const char *day, const char *kind, const char *name,
    const char *source, void *arg)
{
	struct buf	*b = arg;

	html_raw(b, "<tr class=\"");
	html_text(b, kind);
	html_raw(b, "\"><td>");
	html_text(b, day);
	html_raw(b, "</td><td>");
	html_text(b, strcmp(kind, "workday") == 0 ? "调休上班" : "放假");
	html_raw(b, "</td><td>");
	html_text(b, name);
	html_raw(b, "</td><td>");
	html_text(b, strcmp(source, "local") == 0 ? "地方" : "全国");
	html_raw(b, "</td></tr>");
	return 0;
}

/* GET /admin/calendar/{year} */
void
page_calendar_year(struct req *r, struct resp *p)
{
	struct buf	*b = &p->body;
	char		*end, title[32];
	long		 y;

	y = strtol(r->args[0], &end, 10);
	if (*end != '\0' || y < LIM_YEAR_MIN || y > LIM_YEAR_MAX) {
		page_error(r, p, 404, "年度无效");
		return;
	}
	snprintf(title, sizeof(title), "%ld年节假日安排", y);
	page_begin(r, p, title, NAV_ADMIN);
	html_raw(b, "<h1>");
	html_text(b, title);
	html_raw(b, "</h1>");
	if (!calendar_year_loaded(r->cal, (int)y))
		html_raw(b, "<p class=\"warn\">该年度尚未导入全国节假日安排，"
		    "只按周末计算工作日。</p>");
	html_raw(b, "<table class=\"calendar\"><thead><tr><th>日期</th>"
	    "<th>类型</th><th>名称</th><th>来源</th></tr></thead><tbody>");
	(void)admin_calendar_rows(r->st, (int)y, day_row, b);
	html_raw(b, "</tbody></table><p><a href=\"/admin#calendar\">返回</a></p>");
	page_end(r, p);
}

