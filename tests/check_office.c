/* SPDX-License-Identifier: ISC */
/*
 * Issue 15, the office side: one's own password (page and API), the
 * audit log page (filters, internal rows hidden, readable details),
 * the two-step calendar import (preview, completeness of a year), the
 * 热点分析 terms linked to their cases and the tag editor on the case
 * page.  Each test starts a server on a copy of the web template
 * (tests/webfix.c); the CLI runs on a second copy where it is compared.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/dbdump_admin.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "cases/proactive.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/web.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

static char	 cli_db[600];

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

static void
setup(void)
{
	wf_start_cli(cli_db, sizeof(cli_db));
}


#define BODY_HAS(h, s) ck_assert_msg((h)->body != NULL &&		\
	strstr((h)->body, (s)) != NULL, "no '%s' in:\n%s", (s),		\
	(h)->body != NULL ? (h)->body : "")
#define BODY_LACKS(h, s) ck_assert_msg((h)->body == NULL ||		\
	strstr((h)->body, (s)) == NULL, "'%s' in:\n%s", (s), (h)->body)

static const char	 NEWPW[] = "vermilion harbour 7 lantern";

/* A second session of the officer (another browser). */
static void
other_session(void)
{
	wf_sql("INSERT INTO sessions (id, user, csrf, addr, created_at,"
	    " last_seen) VALUES ('otherbrowser', 'officer', 'c', '',"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%s', 'now'))");
}

START_TEST(test_password_refusals)
{
	struct hres	 h;
	char		*before;

	other_session();
	before = wf_dump();
	/* The page, for every role. */
	wf_get("/account/password", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "当前密码");
	BODY_HAS(&h, "确认新密码");
	hres_clear(&h);
	wf_get("/", U_CLERK, &h);
	BODY_HAS(&h, "href=\"/account/password\"");
	hres_clear(&h);
	/* Wrong current password. */
	wf_post_pairs("/account/password", U_OFFICER, &h, "current", "wrong-one",
	    "password", NEWPW, "confirm", NEWPW, NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "当前密码不正确");
	hres_clear(&h);
	/* Shorter than 12. */
	wf_post_pairs("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", "Qz8#kd", "confirm", "Qz8#kd", NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "新密码长度应为12至");
	hres_clear(&h);
	/* Long enough but weak. */
	wf_post_pairs("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", "password1234", "confirm",
	    "password1234", NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "太容易被猜到");
	hres_clear(&h);
	/* Not typed twice alike. */
	wf_post_pairs("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", NEWPW, "confirm", "something else",
	    NULL);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "确认新密码与新密码不一致");
	hres_clear(&h);
	/* The API refuses the same way, naming the field. */
	wf_api_post("/api/account/password", U_OFFICER,
	    "{\"current\":\"nope-nope-nope\",\"password\":\"x\"}", 0, &h);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "\"field\":\"current\"");
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
}
END_TEST

START_TEST(test_password_change)
{
	struct hres	 h;

	other_session();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE user = 'officer'"), 2);
	wf_post_pairs("/account/password", U_OFFICER, &h, "current",
	    "demo-pass-2026", "password", NEWPW, "confirm", NEWPW, NULL);
	ck_assert_int_eq(h.status, 303);
	ck_assert_str_eq(wf_hdr(&h, "Location"),
	    "/account/password?ok=password");
	hres_clear(&h);
	/* The other browser is logged out; this one stays. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE user = 'officer'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sessions"
	    " WHERE id = 'otherbrowser'"), 0);
	wf_get("/account/password?ok=password", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "密码已修改");
	hres_clear(&h);
	/* Audited, as the officer. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'user.change' AND object = 'user:officer' AND"
	    " actor = 'officer' AND json_extract(detail,"
	    " '$.password_changed') = 1"), 1);
	/* The new password logs in, the old one no more. */
	wf_api_post("/api/login", -1, "{\"username\":\"officer\",\"password\":"
	    "\"demo-pass-2026\"}", 1, &h);
	ck_assert_int_eq(h.status, 401);
	hres_clear(&h);
	wf_api_post("/api/login", -1, "{\"username\":\"officer\",\"password\":"
	    "\"vermilion harbour 7 lantern\"}", 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	/* The API, back again. */
	wf_api_post("/api/account/password", U_OFFICER, "{\"current\":"
	    "\"vermilion harbour 7 lantern\",\"password\":"
	    "\"quiet orchard 42 beacon\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "\"ok\":true");
	hres_clear(&h);
}
END_TEST

/* The first 13 lines of a year: 元旦 and 春节 only. */
static const char cal_13[] =
    "2027-01-01\tholiday\t元旦\n2027-01-02\tholiday\t元旦\n"
    "2027-01-03\tholiday\t元旦\n"
    "2027-02-06\tholiday\t春节\n2027-02-07\tholiday\t春节\n"
    "2027-02-08\tholiday\t春节\n2027-02-09\tholiday\t春节\n"
    "2027-02-10\tholiday\t春节\n2027-02-11\tholiday\t春节\n"
    "2027-02-12\tholiday\t春节\n2027-02-20\tworkday\t春节\n"
    "2027-04-03\tholiday\t清明节\n2027-04-04\tholiday\t清明节\n";

static const char	 CAL_MISSING[] = "2027年的全国节假日安排不完整，缺少："
    "劳动节、端午节、中秋节、国庆节";

/* Uploads text as the calendar file (the preview step only). */
static void
cal_upload(const char *text, int local, struct hres *h)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "--BND\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n\r\n%s\r\n%s--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"cal.tsv\"\r\n\r\n%s\r\n--BND--\r\n",
	    wf_csrf[U_ADMIN], local ? "--BND\r\nContent-Disposition: form-data;"
	    " name=\"local\"\r\n\r\n1\r\n" : "", text);
	wf_http("POST", "/admin/calendar", U_ADMIN,
	    "multipart/form-data; boundary=BND", b.p, b.len, NULL, h);
	buf_clear(&b);
}

START_TEST(test_calendar_incomplete)
{
	struct hres	 h;
	static const char *const cal_tables[] = { "calendar",
	    "calendar_years", "settings", NULL };
	char		*before, *out, *ca, *cb, path[700];
	FILE		*f;

	before = wf_dump();
	cal_upload(cal_13, 0, &h);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, CAL_MISSING);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	/* The CLI refuses the same file with the same words. */
	snprintf(path, sizeof(path), "%s/13.tsv", wf_dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(cal_13, f);
	fclose(f);
	cb = dbdump_admin(cli_db, cal_tables);
	ck_assert_int_ne(wf_cli_run(cli_db, &out, "calendar import '%s'", path), 0);
	ck_assert_msg(strstr(out, CAL_MISSING) != NULL, "%s", out);
	free(out);
	ca = dbdump_admin(cli_db, cal_tables);
	ck_assert_str_eq(ca, cb);
	free(ca);
	free(cb);
	/* The same rows as a local adjustment are no year's notice. */
	cal_upload(cal_13, 1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
}
END_TEST

START_TEST(test_calendar_preview_apply)
{
	struct hres	 pv, h;
	char		*before;
	struct buf	 b;

	before = wf_dump();
	cal_upload(test_cal_2027, 0, &pv);
	ck_assert_int_eq(pv.status, 200);
	/* Each period with its days off and make-up days. */
	BODY_HAS(&pv, "<th scope=\"row\">国庆节</th><td>2027-10-01、2027-10-02");
	BODY_HAS(&pv, "</td><td>7</td><td>2027-09-26、2027-10-09</td>");
	BODY_HAS(&pv, "<th scope=\"row\">端午节</th><td>2027-06-09</td><td>1"
	    "</td><td>无</td>");
	BODY_HAS(&pv, "<td>2027-02-20</td><td>调休上班</td><td>春节</td>");
	BODY_HAS(&pv, "应用");
	BODY_HAS(&pv, "取消");
	hres_clear(&pv);
	/* The preview wrote nothing. */
	wf_unchanged(before);
	free(before);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM calendar_years"
	    " WHERE year = 2027"), 0);
	/* A changed file with the old hash is refused. */
	before = wf_dump();
	buf_init(&b);
	wf_form_add(&b, "apply", "1");
	wf_form_add(&b, "sha256", "00000000000000000000000000000000"
	    "00000000000000000000000000000000");
	wf_form_add(&b, "data", "323032372d30312d30310968");
	wf_post("/admin/calendar", U_ADMIN, buf_str(&b), 0, &h);
	buf_clear(&b);
	ck_assert_int_eq(h.status, 422);
	BODY_HAS(&h, "与预览时的内容不一致");
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	/* 应用 imports. */
	wf_cal_import(test_cal_2027, 0, U_ADMIN, NULL, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM calendar_years"
	    " WHERE year = 2027"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM calendar WHERE"
	    " day BETWEEN '2027-01-01' AND '2027-12-31'"), 31);
	/* Names are escaped in the preview. */
	cal_upload("2027-03-01\tholiday\t<b>停电</b>\n", 1, &pv);
	ck_assert_int_eq(pv.status, 200);
	BODY_HAS(&pv, "&lt;b&gt;停电&lt;/b&gt;");
	BODY_LACKS(&pv, "<b>停电");
	hres_clear(&pv);
}
END_TEST

/* Runs SQL text on the test's database through a file (no shell
 * quoting). */
static void
sql_file(const char *q)
{
	char	 path[700], cmd[1500];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/q.sql", wf_dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(q, f);
	fputs(";\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' < '%s'", wf_db, path);
	ck_assert_int_eq(system(cmd), 0);
}

/* Audit rows of known content (and one internal row). */
static void
audit_rows(void)
{
	sql_file("INSERT INTO audit (at, actor, addr, action, object, detail)"
	    " VALUES ('2026-11-18T02:00:00Z', 'officer', '127.0.0.1',"
	    " 'case.accept', '2026-0001', '{\"seq\":2,\"by\":\"officer\","
	    "\"on\":\"2026-11-18\",\"outcome\":null,\"note\":"
	    "\"<script>x</script>\",\"payload\":{\"days\":15}}'),"
	    " ('2026-11-18T02:00:01Z', 'officer', '', 'setting.set',"
	    " 'setting:events_chain_head', '{\"chars\":64}'),"
	    " ('2026-11-19T17:00:00Z', 'clerk', '', 'note.add', '2026-0002',"
	    " '{\"id\":1,\"chars\":5}')");
}

START_TEST(test_audit_filters)
{
	struct hres	 h;
	char		*before;

	audit_rows();
	before = wf_dump();
	wf_get("/audit", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	/* Readable, escaped details; no raw JSON. */
	BODY_HAS(&h, "案件：受理办理 <small class=\"code\">case.accept</small>");
	BODY_HAS(&h, "<b>说明：</b>&lt;script&gt;x&lt;/script&gt;");
	BODY_HAS(&h, "<b>内容·天数：</b>15");
	BODY_LACKS(&h, "<script>x");
	BODY_LACKS(&h, "{&quot;seq&quot;");
	/* Bookkeeping hidden by default. */
	BODY_LACKS(&h, "events_chain_head");
	BODY_HAS(&h, "显示内部记录");
	hres_clear(&h);
	wf_get("/audit?internal=1", U_ADMIN, &h);
	BODY_HAS(&h, "setting:events_chain_head");
	hres_clear(&h);
	/* By user. */
	wf_get("/audit?user=clerk", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "note.add");
	BODY_LACKS(&h, "case.accept</small>");
	hres_clear(&h);
	/* By case number. */
	wf_get("/audit?case=2026-0001", U_ADMIN, &h);
	BODY_HAS(&h, "case.accept</small>");
	BODY_LACKS(&h, "note.add</small>");
	hres_clear(&h);
	/* By action, and all case actions at once. */
	wf_get("/audit?action=note.add", U_ADMIN, &h);
	BODY_HAS(&h, "note.add</small>");
	BODY_LACKS(&h, "case.accept</small>");
	hres_clear(&h);
	wf_get("/audit?action=case.", U_ADMIN, &h);
	BODY_HAS(&h, "case.accept</small>");
	BODY_LACKS(&h, "note.add</small>");
	hres_clear(&h);
	/* Dates are days of Beijing time: 17:00Z on the 19th is the 20th. */
	wf_get("/audit?from=2026-11-20&to=2026-11-20&user=clerk", U_ADMIN,
	    &h);
	BODY_HAS(&h, "note.add</small>");
	hres_clear(&h);
	wf_get("/audit?from=2026-11-18&to=2026-11-19", U_ADMIN, &h);
	BODY_HAS(&h, "case.accept</small>");
	BODY_LACKS(&h, "note.add</small>");
	hres_clear(&h);
	/* Checked at the edge, in Chinese. */
	wf_get("/audit?from=2026-11-21&to=2026-11-20", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 400);
	BODY_HAS(&h, "起始日期不能晚于截止日期");
	hres_clear(&h);
	wf_get("/audit?from=2026-02-30", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 400);
	BODY_HAS(&h, "起始日期无效");
	hres_clear(&h);
	wf_get("/audit?action=drop%20table", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 400);
	BODY_HAS(&h, "操作类型无效");
	hres_clear(&h);
	/* The case page's audit section reads the same way. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "<b>说明：</b>&lt;script&gt;x&lt;/script&gt;");
	hres_clear(&h);
	/* Only administrators. */
	wf_get("/audit", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	/* Reads never write. */
	wf_unchanged(before);
	free(before);
}
END_TEST

/* A member of the fixture: number, received, request. */
static void
member(struct proactive_member *m, int i, const char *received,
    const char *request)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->case_id, sizeof(m->case_id), "id-%02d", i);
	m->number = xcalloc(16, 1);
	snprintf(m->number, 16, "2026-%04d", i + 1);
	snprintf(m->received, sizeof(m->received), "%s", received);
	m->request = xstrdup(request);
	m->applicant_type = xstrdup("person");
}

START_TEST(test_hotspot_terms)
{
	static const char *const req[] = {
		"示范区教育局2024年教师招聘考试成绩",
		"请公开示范区教育局2024年教师招聘考试成绩及排名",
		"申请公开2024年教师招聘考试成绩的有关文件",
		"关于2025年教师招聘考试成绩的情况",
		"示范区教育局2023年教师资格认定名单",
		"示范区民办幼儿园收费标准",
		"申请公开示范区民办幼儿园收费标准",
		"2024年示范区民办幼儿园收费标准相关信息",
		"示范区教育局关于实验小学食堂承包合同的信息",
		"实验小学食堂承包合同全文",
		"实验小学食堂承包合同及招标文件",
		"示范区教育局年度预算",
		"示范区教育局政府信息公开工作年度报告",
		"2026年教师资格认定结果",
		"教师资格认定的公示材料",
	};
	static const char *const names[] = { "示范市示范区教育局",
	    "示范市示范区人民政府", "基础教育科" };
	struct proactive_member	 m[15];
	struct px_hotspots	 h;
	const struct px_hot_row	*r;
	size_t			 i, k;
	int			 teach = 0, kinder = 0, canteen = 0, licence = 0;

	for (i = 0; i < 15; i++)
		member(&m[i], (int)i, i < 6 ? "2026-03-02" : "2026-05-11",
		    req[i]);
	memset(&h, 0, sizeof(h));
	h.year = 2026;
	h.all.name = xstrdup("全部申请");
	proactive_hotspots_count(&h, m, 15, NULL, 0, 20, names, 3);
	ck_assert_uint_gt(h.nterms, 0);
	for (i = 0; i < h.nterms; i++) {
		const char *t = h.terms[i].name;

		/* The noise of the issue: fragments across a year, the
		 * agency's own name, generic request words. */
		ck_assert_msg(strstr(t, "年教") == NULL, "term %s", t);
		ck_assert_msg(strstr(t, "教育局") == NULL, "term %s", t);
		ck_assert_msg(strcmp(t, "示范区") != 0, "term %s", t);
		ck_assert_msg(strstr(t, "公开") == NULL &&
		    strstr(t, "信息") == NULL && strstr(t, "文件") == NULL &&
		    strstr(t, "情况") == NULL && strstr(t, "相关") == NULL,
		    "term %s", t);
		ck_assert_msg(t[0] != '\0', "empty term");
		if (strstr(t, "教师招聘考试成绩") != NULL) {
			teach = 1;
			ck_assert_int_eq(h.terms[i].total, 4);
			/* Linked: the numbers of its cases. */
			ck_assert_uint_eq(h.terms[i].ncases, 4);
			for (k = 0; k < 4; k++)
				ck_assert_str_eq(h.terms[i].cases[k],
				    m[k].number);
		}
		if (strstr(t, "民办幼儿园收费标准") != NULL) {
			kinder = 1;
			ck_assert_int_eq(h.terms[i].total, 3);
		}
		/* Every 教师 request has a longer term of its own. */
		ck_assert_msg(strcmp(t, "教师") != 0, "term %s", t);
		if (strcmp(t, "教师资格认定") == 0) {
			licence = 1;
			ck_assert_int_eq(h.terms[i].total, 3);
		}
		if (strcmp(t, "实验小学食堂承包合同") == 0) {
			canteen = 1;
			ck_assert_int_eq(h.terms[i].total, 3);
			ck_assert_int_eq(h.terms[i].month[4], 3);
		}
	}
	ck_assert_msg(teach && kinder && canteen && licence, "real terms missing (first:"
	    " %s)", h.terms[0].name);
	r = proactive_hotspots_find(&h, "term", "实验小学食堂承包合同");
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_null(proactive_hotspots_find(&h, "term", "年教"));
	proactive_hotspots_clear(&h);
	for (i = 0; i < 15; i++)
		proactive_member_clear(&m[i]);
}
END_TEST

START_TEST(test_tags_case_page)
{
	struct hres	 h;
	char		*out, *a, *c;
	static const char *const tag_tables[] = { "case_tags", NULL };

	/* The case page's tag form posts case and tag to the op. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "<h2>标签</h2><p class=\"empty\">没有标签。</p>");
	BODY_HAS(&h, "action=\"/proactive/tags\"");
	BODY_HAS(&h, "name=\"case\" value=\"2026-0001\"");
	BODY_HAS(&h, "<input name=\"tag\" maxlength=\"20\" required>");
	hres_clear(&h);
	wf_post_pairs("/proactive/tags", U_OFFICER, &h, "case", "2026-0001",
	    "tag", "<i>校园安全</i>", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "proactive tag 2026-0001 '<i>校园安全</i>'"
	    " --by officer"), 0);
	free(out);
	a = dbdump_admin(wf_db, tag_tables);
	c = dbdump_admin(cli_db, tag_tables);
	ck_assert_str_eq(a, c);
	ck_assert_ptr_nonnull(strstr(a, "校园安全"));
	free(a);
	free(c);
	/* Shown, escaped, with its remove button. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	BODY_HAS(&h, "<li>&lt;i&gt;校园安全&lt;/i&gt;<form");
	BODY_HAS(&h, "name=\"remove\" value=\"1\"");
	hres_clear(&h);
	/* The 热点分析 counts it, and its figures link to the case. */
	wf_get("/hotspots?year=2026", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "<td>&lt;i&gt;校园安全&lt;/i&gt;</td><td><b><a href=\""
	    "/hotspots/cases?year=2026&amp;kind=tag&amp;name=");
	hres_clear(&h);
	wf_get("/hotspots/cases?year=2026&kind=tag&name=%3Ci%3E%E6%A0%A1%E5"
	    "%9B%AD%E5%AE%89%E5%85%A8%3C%2Fi%3E", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "<a href=\"/cases/2026-0001\">2026-0001</a>");
	BODY_LACKS(&h, "2026-0002</a>");
	hres_clear(&h);
	wf_get("/hotspots/cases?year=2026&kind=all&name=x", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	BODY_HAS(&h, "2026-0002</a>");
	hres_clear(&h);
	wf_get("/hotspots/cases?year=2026&kind=tag&name=nothing", U_REVIEWER,
	    &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/hotspots/cases?year=2026&kind=bad&name=x", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	/* Removed from the case page, as from the CLI. */
	wf_post_pairs("/proactive/tags", U_OFFICER, &h, "case", "2026-0001",
	    "tag", "<i>校园安全</i>", "remove", "1", NULL);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_cli_run(cli_db, &out, "proactive tag 2026-0001 '<i>校园安全</i>'"
	    " --remove --by officer"), 0);
	free(out);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_tags"), 0);
	a = dbdump_admin(wf_db, tag_tables);
	c = dbdump_admin(cli_db, tag_tables);
	ck_assert_str_eq(a, c);
	free(a);
	free(c);
	/* A clerk sees the tags but no form. */
	wf_get("/cases/2026-0001", U_CLERK, &h);
	BODY_LACKS(&h, "action=\"/proactive/tags\"");
	hres_clear(&h);
}
END_TEST

Suite *
office_suite(void)
{
	Suite	*s = suite_create("office");
	TCase	*tc;

	tc = tcase_create("office");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_password_refusals);
	tcase_add_test(tc, test_password_change);
	tcase_add_test(tc, test_calendar_incomplete);
	tcase_add_test(tc, test_calendar_preview_apply);
	tcase_add_test(tc, test_audit_filters);
	tcase_add_test(tc, test_tags_case_page);
	suite_add_tcase(s, tc);
	tc = tcase_create("hotspot_terms");
	tcase_add_test(tc, test_hotspot_terms);
	suite_add_tcase(s, tc);
	return s;
}
