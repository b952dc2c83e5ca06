/* SPDX-License-Identifier: ISC */
/* HTML escaping and the page frame (see html.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cases/date.h"
#include "cases/roles.h"
#include "ops/user.h"
#include "web/html.h"
#include "web/http.h"

/* Appends s with & < > " ' escaped: safe in text and quoted attributes. */
void
html_text(struct buf *b, const char *s)
{
	if (s != NULL)
		html_textn(b, s, strlen(s));
}

#define PAGE_RESERVE	(16 * 1024)

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
/* Whether a byte of x is zero (the classic bit trick: exact). */
#define HASZERO(x)	(((x) - ONES) & ~(x) & HIGHS)

/* Whether one of the 8 bytes at p is & < > " or '. */
static int
special8(const char *p)
{
	uint64_t	 x;

	memcpy(&x, p, sizeof(x));
	return (HASZERO(x ^ (ONES * '&')) | HASZERO(x ^ (ONES * '<')) |
	    HASZERO(x ^ (ONES * '>')) | HASZERO(x ^ (ONES * '"')) |
	    HASZERO(x ^ (ONES * '\''))) != 0;
}

void
html_textn(struct buf *b, const char *s, size_t n)
{
	/* The bytes to escape: most text has none (special8, then one
	 * look-up a byte near one). */
	static const unsigned char special[256] = {
		['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
	};
	const char	*p, *run, *end = s + n;

	for (p = run = s; p < end; p++) {
		const char *e;

		/* Eight bytes at a time while none is special (a page
		 * escapes tens of kilobytes, most of it without any). */
		while (end - p >= 8 && !special8(p))
			p += 8;
		if (p == end)
			break;
		if (!special[(unsigned char)*p])
			continue;
		switch (*p) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		buf_put(b, run, (size_t)(p - run));
		buf_puts(b, e);
		run = p + 1;
	}
	buf_put(b, run, (size_t)(p - run));
}

/* Appends v in decimal (as "%lld", without printf: pages print many). */
void
html_int(struct buf *b, long long v)
{
	char			 s[24], *p = s + sizeof(s);
	unsigned long long	 u;

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(s + sizeof(s) - p));
}

/* The Chinese label of a code, or the code itself when unknown. */
void
html_label(struct buf *b, const struct code *t, int n, const char *code)
{
	int	 i;

	if (code == NULL)
		return;
	i = code_find(t, n, code);
	html_text(b, i >= 0 ? t[i].label : code);
}

/* <option>s for a code table; none (if not NULL) labels an empty one. */
void
html_options(struct buf *b, const struct code *t, int n,
    const char *selected, const char *none)
{
	int	 i;

	if (none != NULL) {
		html_raw(b, "<option value=\"\">");
		html_text(b, none);
		html_raw(b, "</option>");
	}
	for (i = 0; i < n; i++) {
		html_raw(b, "<option value=\"");
		html_text(b, t[i].code);
		html_raw(b, "\"");
		if (selected != NULL && strcmp(selected, t[i].code) == 0)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, t[i].label);
		html_raw(b, "</option>");
	}
}

/* The hidden CSRF field every POST form carries. */
void
html_csrf(struct buf *b, const struct req *r)
{
	html_raw(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, r->sess.csrf);
	html_raw(b, "\">");
}

/* "2026年11月20日" for an ISO date (as is when it is not one). */
void
html_date_cn(struct buf *b, const char *iso)
{
	char	 cn[64];
	int	 d;

	if (iso == NULL || iso[0] == '\0') {
		html_raw(b, "—");
		return;
	}
	if (date_parse(iso, &d) != 0) {
		html_text(b, iso);
		return;
	}
	date_format_cn(d, cn, sizeof(cn));
	html_text(b, cn);
}

/* Whether s[0..n) are all ASCII digits. */
static int
digits_at(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num_at(const char *s, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Two digits of v (0 to 99). */
static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/* A UTC timestamp "2026-11-20T01:02:03Z" as "2026-11-20 09:02" (UTC+8). */
void
html_time(struct buf *b, const char *iso)
{
	int	 y, mo, d, h, mi, day;
	char	 s[32];

	/* The stored form, read without sscanf (a page shows hundreds);
	 * anything else as sscanf reads it. */
	if (iso != NULL && strlen(iso) >= 16 && digits_at(iso, 4) &&
	    iso[4] == '-' && digits_at(iso + 5, 2) && iso[7] == '-' &&
	    digits_at(iso + 8, 2) && iso[10] == 'T' &&
	    digits_at(iso + 11, 2) && iso[13] == ':' &&
	    digits_at(iso + 14, 2)) {
		y = num_at(iso, 4);
		mo = num_at(iso + 5, 2);
		d = num_at(iso + 8, 2);
		h = num_at(iso + 11, 2);
		mi = num_at(iso + 14, 2);
	} else if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &mo,
	    &d, &h, &mi) != 5) {
		html_text(b, iso);
		return;
	}
	h += 8;
	/* The same day or the next within the month, of a date that is
	 * surely valid (days 1 to 27): no calendar arithmetic. */
	if (mo < 1 || mo > 12 || d < 1 || d > 27) {
		day = date_from_ymd(y, mo, d);
		if (h >= 24) {
			h -= 24;
			day++;
		}
		date_to_ymd(day, &y, &mo, &d);
	} else if (h >= 24) {
		h -= 24;
		d++;
	}
	if (y < 0 || y > 9999 || h < 0 || h > 99 || mi < 0 || mi > 99) {
		snprintf(s, sizeof(s), "%04d-%02d-%02d %02d:%02d", y, mo, d, h,
		    mi);
		html_text(b, s);
		return;
	}
	put2(s, y / 100);
	put2(s + 2, y % 100);
	s[4] = '-';
	put2(s + 5, mo);
	s[7] = '-';
	put2(s + 8, d);
	s[10] = ' ';
	put2(s + 11, h);
	s[13] = ':';
	put2(s + 14, mi);
	buf_put(b, s, 16);
}

/*
 * Opens a box around a table that scrolls sideways on its own when the
 * table is wider than the screen, so that the page never does.  A
 * table without links or fields inside needs a label (the box is then
 * a named region in the Tab order, so that the keyboard can scroll
 * it); with label NULL the box is plain.  Close with html_scroll_end().
 */
void
html_scroll_begin(struct buf *b, const char *label)
{
	if (label == NULL) {
		html_raw(b, "<div class=\"tscroll\">");
		return;
	}
	html_raw(b, "<div class=\"tscroll\" role=\"region\" tabindex=\"0\" "
	    "aria-label=\"");
	html_text(b, label);
	html_raw(b, "\">");
}

void
html_scroll_end(struct buf *b)
{
	html_raw(b, "</div>");
}

static const struct {
	enum nav	 nav;
	const char	*href;
	const char	*label;
	enum perm	 perm;
} navs[] = {
	{ NAV_DASH, "/", "工作台", PERM_VIEW },
	{ NAV_INTAKE, "/cases/new", "登记", PERM_INTAKE },
	{ NAV_LIST, "/cases", "案件列表", PERM_VIEW },
	{ NAV_SEARCH, "/search", "搜索", PERM_VIEW },
	{ NAV_EXPORT, "/export", "台账", PERM_EXPORT },
	{ NAV_REPORT, "/reports/annual", "年报", PERM_REPORT },
	{ NAV_PROACTIVE, "/proactive", "高频申请", PERM_VIEW },
	{ NAV_HOTSPOTS, "/hotspots", "热点分析", PERM_REPORT },
	{ NAV_ADMIN, "/admin", "管理", PERM_USERS },
	{ NAV_STATS, "/stats", "统计", PERM_STATS },
};

/*
 * Starts an HTML page: head, a skip link to <main> (the first Tab
 * stop), the header with the navigation (collapsed behind a menu
 * button on narrow screens), then <main id="main">.
 */
void
page_begin(struct req *r, struct resp *p, const char *title, enum nav active)
{
	struct buf	*b = &p->body;
	size_t		 i;

	p->ctype = "text/html; charset=utf-8";
	/* Most pages are tens of kilobytes: grown from 256 bytes, the
	 * buffer was copied eight times on the way to 64 KiB. */
	buf_reserve(b, PAGE_RESERVE);
	html_raw(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    " initial-scale=1\">"
	    "<title>");
	html_text(b, title);
	html_raw(b, " · 政府信息公开申请办理</title>"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">"
	    "<script src=\"/static/app.js\" defer></script>"
	    "</head><body><a class=\"skip\" href=\"#main\">跳到正文</a>"
	    "<header class=\"top\">"
	    "<a class=\"brand\" href=\"/\">依申请公开办理系统</a>");
	if (r->authed) {
		/* The menu button collapses the navigation on narrow
		 * screens; app.js shows it (without script the links
		 * stay visible and wrap). */
		html_raw(b, "<button type=\"button\" class=\"menu\" "
		    "aria-controls=\"nav\" aria-expanded=\"false\" hidden>"
		    "菜单</button><nav id=\"nav\" aria-label=\"主导航\">");
		for (i = 0; i < sizeof(navs) / sizeof(navs[0]); i++) {
			if (!roles_may(r->sess.role, navs[i].perm))
				continue;
			html_raw(b, "<a href=\"");
			html_text(b, navs[i].href);
			html_raw(b, "\"");
			if (navs[i].nav == active)
				html_raw(b, " class=\"on\" aria-current=\"page\"");
			html_raw(b, ">");
			html_text(b, navs[i].label);
			html_raw(b, "</a>");
		}
		html_raw(b, "</nav><div class=\"who\"><span>");
		html_text(b, r->sess.user);
		html_raw(b, "（");
		html_text(b, role_labels[r->sess.role]);
		html_raw(b, "）</span> <a href=\"/account/password\">修改密码</a>"
		    "<form method=\"post\" action=\"/logout\">");
		html_csrf(b, r);
		html_raw(b, "<button class=\"link\">退出</button></form></div>");
	}
	/* tabindex -1: the skip link moves the focus here. */
	html_raw(b, "</header><main id=\"main\" tabindex=\"-1\">");
	page_flash(r, p);
}

void
page_end(struct req *r, struct resp *p)
{
	(void)r;
	html_raw(&p->body, "</main><footer>依据《中华人民共和国政府信息公开条例》"
	    "（2019年修订）办理 · foidesk</footer></body></html>\n");
}

/* Messages a redirect may ask for (?ok=CODE): fixed texts only, so
 * that nothing from the URL is reflected into the page. */
static const struct {
	const char	*code;
	const char	*text;
} flashes[] = {
	{ "created", "已接收，待登记。" },
	{ "acted", "操作已完成。" },
	{ "requested", "已提交审核人审批。" },
	{ "approved", "已批准并执行，文书已出具。" },
	{ "rejected", "已退回。" },
	{ "noted", "备注已保存。" },
	{ "uploaded", "附件已上传。" },
	{ "issued", "文书已生成。" },
	{ "reissued", "已重新出具，文号不变。" },
	{ "texts", "文书内容已保存。" },
	{ "saved", "已保存。" },
	{ "imported", "日历已导入，在办案件的期限已重新计算。" },
	{ "user", "用户已保存。" },
	{ "loggedout", "已退出。" },
	{ "expired", "登录已过期，请重新登录。" },
	{ "registered", "已接收并登记。" },
	{ "password", "密码已修改，您在其他设备上的登录已全部退出。" },
	{ "calcancel", "已取消，日历未导入。" },
	{ "signed", "已签批，转下一步签批。" },
};

void
page_flash(struct req *r, struct resp *p)
{
	const char	*ok = req_param(r, "ok");
	size_t		 i;

	if (ok == NULL)
		return;
	for (i = 0; i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(ok, flashes[i].code) == 0) {
			html_raw(&p->body, "<p class=\"flash\" role=\"status\">");
			html_text(&p->body, flashes[i].text);
			html_raw(&p->body, "</p>");
		}
}
