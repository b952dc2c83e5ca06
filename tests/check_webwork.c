/* SPDX-License-Identifier: ISC */
/*
 * The web application's work over HTTP (split from check_web.c, which
 * checks access: login, roles, CSRF, limits, shutdown): intake,
 * actions, approvals, notes, attachments, letters, lists, search,
 * export, administration, the pages and the report forms, on a server
 * started in-process against a copy of the template database.
 */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"
#include "tests/webfive.h"
#include "tests/webfix.h"
#include "util/buf.h"

#define TODAY	WF_TODAY

/* ---------------------------------------------------------------- */

/* Intake: messages at each bad field, input kept, escaped; then saved. */
START_TEST(test_intake)
{
	struct hres	 h;
	char		*before = wf_dump();

	wf_get("/cases/new", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"channel\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"confirmed\""));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"arrived\""));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"" TODAY "\""));
	hres_clear(&h);
	wf_post("/cases/new", U_CLERK, "channel=in_person&applicant=%22%3E%3C"
	    "script%3Ealert(1)%3C%2Fscript%3E&applicant_type=person&request="
	    "&id_type=resident_id&id_number=110105198003120011&phone=abc",
	    0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_null(strstr(h.body, "<script>alert"));
	ck_assert_ptr_nonnull(strstr(h.body,
	    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"110105198003120011\""));
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"f-request\""));
	/* One message per bad field: request, id number, phone. */
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"field invalid\""
	    " id=\"f-request\""));
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"field invalid\""
	    " id=\"f-id_number\""));
	ck_assert_ptr_nonnull(strstr(h.body, "<div class=\"field invalid\""
	    " id=\"f-phone\""));
	hres_clear(&h);
	/* A receipt date in the future is the domain's refusal. */
	wf_post("/cases/new", U_CLERK, "channel=in_person&applicant=A&"
	    "applicant_type=person&request=R&received=2026-12-01", 0, &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);

	wf_post("/cases/new", U_CLERK, "channel=online&applicant=%E8%B5%B5%E5"
	    "%85%AD&applicant_type=person&request=%E6%9F%90%E6%96%87%E4%BB%B6"
	    "&arrived=2026-11-18&confirmed=2026-11-19", 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"),
	    "/cases/2026-0004?ok=created"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number ="
	    " '2026-0004' AND received_on = '2026-11-19' AND confirmed_on ="
	    " '2026-11-19' AND arrived_on = '2026-11-18'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases c"
	    " ON c.id = e.case_id WHERE c.number = '2026-0004' AND e.addr ="
	    " '127.0.0.1' AND e.actor = 'clerk'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE object ="
	    " '2026-0004' AND action = 'case.receive' AND actor = 'clerk'"
	    " AND addr = '127.0.0.1'"), 1);
}
END_TEST

/* The same applicant asking for similar information within 90 days. */
START_TEST(test_similar)
{
	struct hres	 h;
	const char	*f = "channel=in_person&received=2026-11-20&"
	    "applicant=%E5%BC%A0%E4%B8%89&"
	    "applicant_type=person&id_type=passport&id_number=E1234567&"
	    "request=%E7%A4%BA%E8%8C%83%E5%8C%BA%E7%AC%AC%E4%B8%80%E4%B8%AD"
	    "%E5%AD%A6%E6%96%B0%E6%A0%A1%E5%8C%BA%E5%BB%BA%E8%AE%BE%E9%A1%B9"
	    "%E7%9B%AE%E7%9A%84%E7%AB%8B%E9%A1%B9%E6%89%B9%E5%A4%8D";
	char		*before = wf_dump(), b[1024];

	wf_post("/cases/new", U_CLERK, f, 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"confirm_similar\""));
	/* No phone typed, 13800000000 on file: the page asks that too. */
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"applicant_record\""));
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	snprintf(b, sizeof(b), "%s&confirm_similar=1", f);
	wf_post("/cases/new", U_CLERK, b, 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"keep\">"));
	/* The confirmation already given is carried on. */
	ck_assert_ptr_nonnull(strstr(h.body, "<input type=\"hidden\""
	    " name=\"confirm_similar\" value=\"1\">"));
	hres_clear(&h);
	snprintf(b, sizeof(b), "%s&confirm_similar=1&applicant_record=keep",
	    f);
	wf_post("/cases/new", U_CLERK, b, 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
}
END_TEST

/* An officer's reply goes to the reviewer; the reviewer approves. */
START_TEST(test_reply_approval)
{
	struct hres	 h;
	char		*before;
	int		 id;

	wf_post("/cases/2026-0001/act", U_OFFICER, "action=consult-start&"
	    "on=2026-11-10&party=third_party&consult_party=%E6%9F%90%E5%85%AC"
	    "%E5%8F%B8&consult_subject=%E5%90%88%E5%90%8C", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/cases/2026-0001/act", U_OFFICER, "action=consult-end&"
	    "on=2026-11-17", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/cases/2026-0001/act", U_OFFICER,
	    "action=reply&outcome=partial&provided=A&withheld_items=B"
	    "&reasons=%E7%90%86%E7%94%B1", 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "ok=requested"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number ="
	    " '2026-0001' AND state = 'handling'"), 1);
	id = wf_sql_int("SELECT id FROM approvals WHERE status = 'pending'");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_texts WHERE"
	    " key = 'reasons'"), 1);
	/* A second request while one is pending: 409. */
	before = wf_dump();
	wf_post("/cases/2026-0001/act", U_OFFICER, "action=extend&days=5", 0,
	    &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	/* The reviewer sees it on the dashboard and approves. */
	wf_get("/", U_REVIEWER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "待审批的答复和延期"));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0001/approvals/1", U_REVIEWER,
	    "{\"decision\":\"approve\",\"comment\":\"同意\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"state\":\"replied\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"outcome\":\"partial\""));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases c"
	    " ON c.id = e.case_id WHERE c.number = '2026-0001' AND e.action ="
	    " 'reply' AND e.actor = 'officer' AND e.payload LIKE"
	    " '%reviewer%' AND e.addr = '127.0.0.1'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE object ="
	    " '2026-0001' AND action = 'approval.approved' AND actor ="
	    " 'reviewer'"), 1);
	/* Deciding it again: 409. */
	wf_post("/cases/2026-0001/approvals/1", U_REVIEWER, "decision=reject",
	    0, &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	/* The audit trail shows on the case page. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "approval.approved"));
	ck_assert_ptr_nonnull(strstr(h.body, "127.0.0.1"));
	hres_clear(&h);
	/* Archived by the officer. */
	wf_post("/cases/2026-0001/act", U_OFFICER, "action=archive", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number ="
	    " '2026-0001' AND state = 'archived'"), 1);
}
END_TEST

/* A reviewer extends directly; nobody approves their own request. */
START_TEST(test_extension)
{
	struct hres	 h;

	wf_api_post("/api/cases/2026-0001/actions", U_OFFICER,
	    "{\"action\":\"extend\",\"days\":\"10\",\"told_on\":\"2026-11-20\"}",
	    0, &h);
	ck_assert_int_eq(h.status, 202);
	ck_assert_ptr_nonnull(strstr(h.body, "\"status\":\"pending\""));
	hres_clear(&h);
	wf_post("/cases/2026-0001/approvals/1", U_REVIEWER, "decision=reject&"
	    "comment=no", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events WHERE action ="
	    " 'extend'"), 0);
	wf_api_post("/api/cases/2026-0001/actions", U_REVIEWER,
	    "{\"action\":\"extend\",\"days\":\"10\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"extended_days\":10"));
	hres_clear(&h);
	/* Once only (Art 33): the rule's refusal is a 409. */
	wf_api_post("/api/cases/2026-0001/actions", U_REVIEWER,
	    "{\"action\":\"extend\",\"days\":\"5\"}", 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "\"error\":\"conflict\""));
	hres_clear(&h);
}
END_TEST

START_TEST(test_notes_attachments)
{
	struct hres	 h;
	struct buf	 b;
	unsigned char	 dg[crypto_hash_sha256_BYTES];
	char		 hex[65];
	const char	*sha;

	wf_post("/cases/2026-0001/notes", U_CLERK, "text=%E7%94%B5%E8%AF%9D%E7"
	    "%A1%AE%E8%AE%A4%3Cb%3E", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/cases/2026-0001/notes", U_CLERK, "text=++", 0, &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "电话确认&lt;b&gt;"));
	hres_clear(&h);

	buf_init(&b);
	buf_printf(&b, "--BND\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n\r\n%s\r\n--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"../../x/%%22evil\\\\<a>.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n%%PDF-1.4 hello\r\n"
	    "--BND--\r\n", wf_csrf[U_OFFICER]);
	wf_http("POST", "/cases/2026-0001/attachments", U_OFFICER,
	    "multipart/form-data; boundary=BND", b.p, b.len, NULL, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	buf_clear(&b);
	ck_assert_int_eq(wf_sql_int("SELECT size FROM attachments"), 14);
	wf_get("/cases/2026-0001/attachments/1", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_str_eq(wf_hdr(&h, "Content-Type"),
	    "application/octet-stream");
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Disposition"),
	    "attachment; filename=\"attachment-1.pdf\"; filename*=UTF-8''"));
	ck_assert_ptr_null(strstr(wf_hdr(&h, "Content-Disposition"), ".."));
	ck_assert_ptr_nonnull(sha = wf_hdr(&h, "X-Content-SHA256"));
	crypto_hash_sha256(dg, (const unsigned char *)"%PDF-1.4 hello", 14);
	sodium_bin2hex(hex, sizeof(hex), dg, sizeof(dg));
	ck_assert_str_eq(sha, hex);
	ck_assert_int_eq((int)h.blen, 14);
	ck_assert_int_eq(memcmp(h.body, "%PDF-1.4 hello", 14), 0);
	hres_clear(&h);
	wf_get("/cases/2026-0001/attachments/2", U_CLERK, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/cases/2026-0002/attachments/1", U_CLERK, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	/* The stored name is safe: no path, quotes or angle brackets. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM attachments WHERE"
	    " name = '_evil_<a>.pdf' OR (instr(name, '/') = 0 AND"
	    " instr(name, '\\\"') = 0 AND instr(name, '..') = 0)"), 1);
}
END_TEST

/* Keyset pages of the API list: every case once, in order. */
START_TEST(test_list_pages)
{
	struct hres	 h;
	char		 path[256], next[256];
	const char	*link, *s, *e;
	int		 pages = 0, rows = 0;
	char		*p;

	snprintf(path, sizeof(path), "/api/cases?limit=1&sort=number");
	for (;;) {
		wf_get(path, U_OFFICER, &h);
		ck_assert_int_eq(h.status, 200);
		ck_assert_str_eq(wf_hdr(&h, "Content-Type"),
		    "application/json; charset=utf-8");
		for (p = h.body; (p = strstr(p, "\"number\":")) != NULL; p++)
			rows++;
		pages++;
		link = wf_hdr(&h, "Link");
		if (link == NULL) {
			hres_clear(&h);
			break;
		}
		ck_assert_ptr_nonnull(s = strchr(link, '<'));
		ck_assert_ptr_nonnull(e = strchr(link, '>'));
		snprintf(next, sizeof(next), "%.*s", (int)(e - s - 1), s + 1);
		snprintf(path, sizeof(path), "%s", next);
		hres_clear(&h);
		ck_assert_int_lt(pages, 10);
	}
	ck_assert_int_eq(rows, 3);
	wf_get("/cases?sort=received&open=1", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	ck_assert_ptr_null(strstr(h.body, ">2026-0003<"));
	hres_clear(&h);
	wf_get("/cases?after=bogus", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_get("/cases?state=nope", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_get("/api/cases?state=handling", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "\"number\":\"2026-0001\""));
	ck_assert_ptr_null(strstr(h.body, "2026-0002"));
	hres_clear(&h);
}
END_TEST

/* FTS5 trigram for three characters and more, a scan below. */
START_TEST(test_search)
{
	struct hres	 h;

	wf_get("/search?q=%E7%AC%AC%E4%B8%80%E4%B8%AD", U_CLERK, &h);	/* 第一中 */
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0001<"));
	ck_assert_ptr_null(strstr(h.body, ">2026-0002<"));
	hres_clear(&h);
	wf_get("/search?q=%E6%9D%8E%E5%9B%9B", U_CLERK, &h);	/* 李四 */
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0002<"));
	ck_assert_ptr_null(strstr(h.body, ">2026-0001<"));
	hres_clear(&h);
	wf_get("/search?q=%E6%A0%A1", U_CLERK, &h);	/* 校 */
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0001<"));
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0003<"));
	hres_clear(&h);
	wf_get("/search?q=2026-0003", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0003<"));
	hres_clear(&h);
	wf_get("/search?q=%22%20OR%20x", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
}
END_TEST

START_TEST(test_export)
{
	struct hres	 h;

	wf_get("/export.csv?year=2026", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_str_eq(wf_hdr(&h, "Content-Type"), "text/csv; charset=utf-8");
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Disposition"),
	    "attachment;"));
	ck_assert_int_eq(memcmp(h.body, "\xef\xbb\xbf\"编号\"", 11), 0);
	ck_assert_ptr_nonnull(strstr(h.body, "\"2026-0003\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"予以公开\""));
	hres_clear(&h);
	wf_get("/export.csv?year=2025", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_null(strstr(h.body, "2026-"));
	hres_clear(&h);
	/* util/csv's formula guard: after leading blanks, and fullwidth. */
	wf_sql("UPDATE cases SET request = ' \t=1+1', doc_number = '＠x' "
	    "WHERE number = '2026-0003'");
	wf_get("/export.csv?year=2026", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, ",\"' \t=1+1\",\"'＠x\","));
	hres_clear(&h);
}
END_TEST

/* The JSON API end to end: login, create, act, refusals. */
START_TEST(test_api)
{
	struct hres	 h;
	char		 c[80], hd[200], *p, *before;
	const char	*body;

	wf_http("POST", "/api/login", -1, "application/json",
	    "{\"username\":\"clerk\",\"password\":\"demo-pass-2026\"}",
	    strlen("{\"username\":\"clerk\",\"password\":\"demo-pass-2026\"}"),
	    NULL, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(p = strstr(h.body, "\"csrf\":\""));
	snprintf(c, sizeof(c), "%.64s", p + 8);
	ck_assert_ptr_nonnull(p = strstr(h.head, "foidesk_session="));
	hres_clear(&h);
	wf_http("POST", "/api/login", -1, "application/json",
	    "{\"username\":\"clerk\",\"password\":\"nope-nope\"}",
	    strlen("{\"username\":\"clerk\",\"password\":\"nope-nope\"}"), NULL,
	    &h);
	ck_assert_int_eq(h.status, 401);
	ck_assert_ptr_nonnull(strstr(h.body, "{\"error\":\"unauthorized\","));
	hres_clear(&h);

	body = "{\"received\":\"2026-11-20\",\"channel\":\"in_person\","
	    "\"applicant\":\"钱七\",\"applicant_type\":\"person\","
	    "\"request\":\"某某文件\",\"doc_number\":\"示范教发〔2024〕15号\"}";
	wf_api_post("/api/cases", U_CLERK, body, 0, &h);
	ck_assert_int_eq(h.status, 201);
	ck_assert_ptr_nonnull(strstr(h.body, "\"number\":\"2026-0004\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"due\":\"2026-12-18\""));
	ck_assert_ptr_nonnull(wf_hdr(&h, "Location"));
	hres_clear(&h);
	wf_get("/api/cases/2026-0004", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"state\":\"received\""));
	ck_assert_ptr_nonnull(strstr(h.body, "\"explanation\":"));
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0004/actions", U_CLERK,
	    "{\"action\":\"register\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"state\":\"registered\""));
	hres_clear(&h);
	/* 文号 is searchable. */
	wf_get("/search?q=%E6%95%99%E5%8F%91%E3%80%94", U_CLERK, &h);
	ck_assert_ptr_nonnull(strstr(h.body, ">2026-0004<"));
	hres_clear(&h);

	before = wf_dump();
	wf_api_post("/api/cases", U_CLERK, "{\"channel\":\"in_person\"}", 0,
	    &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "\"error\":\"invalid\""));
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0004/actions", U_OFFICER,
	    "{\"action\":\"archive\"}", 0, &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0004/actions", U_OFFICER,
	    "{\"action\":\"fly\"}", 0, &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	wf_api_post("/api/cases/2099-0001/actions", U_OFFICER,
	    "{\"action\":\"review\"}", 0, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/api/cases/nope", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 404);
	ck_assert_ptr_nonnull(strstr(h.body, "\"error\":\"not_found\""));
	hres_clear(&h);
	wf_http("POST", "/api/cases", U_CLERK, "text/plain", "{}", 2, NULL, &h);
	ck_assert_int_ne(h.status, 200);
	hres_clear(&h);
	snprintf(hd, sizeof(hd), "X-CSRF-Token: %s\r\n", wf_csrf[U_CLERK]);
	wf_http("POST", "/api/cases", U_CLERK, "text/plain", "{}", 2, hd, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);

	wf_get("/api/reports/annual?year=2026", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"year\":2026"));
	hres_clear(&h);
	wf_get("/api/reports/annual?year=20x6", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_get("/api/reports/annual?year=2026", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
}
END_TEST

START_TEST(test_letters)
{
	struct hres	 h;

	wf_get("/cases/2026-0001/letters/receipt.pdf", U_CLERK, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_post("/cases/2026-0001/letters/receipt", U_CLERK, "", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_get("/cases/2026-0001/letters/receipt.pdf", U_CLERK, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_str_eq(wf_hdr(&h, "Content-Type"), "application/pdf");
	ck_assert_int_eq(memcmp(h.body, "%PDF", 4), 0);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Disposition"),
	    "2026-0001-receipt-v1.pdf"));
	hres_clear(&h);
	/* Reading a letter never issues one: GET and HEAD of a letter that
	 * was never issued answer 404 and change nothing (no version, no
	 * 文号); the API issues by POST, and a reply needs its texts. */
	wf_get("/api/cases/2026-0003/letters/reply.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	ck_assert_ptr_nonnull(strstr(h.body, "尚未生成"));
	hres_clear(&h);
	wf_http("HEAD", "/api/cases/2026-0003/letters/reply.pdf", U_REVIEWER,
	    NULL, NULL, 0, NULL, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/cases/2026-0003/letters/reply.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE kind"
	    " = 'reply'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM doc_numbers"), 0);
	wf_api_post("/api/cases/2026-0003/letters/reply", U_REVIEWER, "{}", 0,
	    &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "\"error\":\"invalid\""));
	hres_clear(&h);
	wf_post("/cases/2026-0003/texts", U_REVIEWER,
	    "provided=%E6%96%87%E4%BB%B6&how_to_obtain=", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0003/letters/reply", U_REVIEWER, "{}", 0,
	    &h);
	ck_assert_int_eq(h.status, 201);
	ck_assert_ptr_nonnull(strstr(h.body, "\"version\":1"));
	hres_clear(&h);
	wf_get("/api/cases/2026-0003/letters/reply.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_int_eq(memcmp(h.body, "%PDF", 4), 0);
	hres_clear(&h);
	wf_http("HEAD", "/api/cases/2026-0003/letters/reply.pdf", U_REVIEWER,
	    NULL, NULL, 0, NULL, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE kind"
	    " = 'reply'"), 1);
	wf_get("/api/cases/2026-0003/letters/bogus.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters"), 2);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE action ="
	    " 'letter.issue'"), 2);
}
END_TEST

/* Administration: users, agency, calendar import and reload. */
START_TEST(test_admin)
{
	struct hres	 h;

	wf_get("/admin", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "2027年尚未导入"));
	hres_clear(&h);
	wf_get("/", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "2027年节假日安排尚未导入"));
	hres_clear(&h);

	wf_post("/admin/users/clerk", U_ADMIN, "op=disable", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_get("/", U_CLERK, &h);
	ck_assert_int_eq(h.status, 302);
	hres_clear(&h);
	wf_post("/admin/users/admin", U_ADMIN, "op=disable", 0, &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	wf_post("/admin/users/nobody", U_ADMIN, "op=enable", 0, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_post("/admin/agency", U_ADMIN,
	    "name=%E6%96%B0&address=A&review_body=B&review_address=C&court=D"
	    "&court_address=E&correction_period=10",
	    0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/admin/agency", U_ADMIN, "name=X&address=A", 0, &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT correction_period FROM agency"),
	    10);

	/* Upload, preview, apply (issue 15: two steps). */
	wf_cal_import(test_cal_2027, 0, U_ADMIN, NULL, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM calendar_years WHERE"
	    " year = 2027"), 1);
	/* The running server uses the new calendar at once. */
	wf_get("/", U_OFFICER, &h);
	ck_assert_ptr_null(strstr(h.body, "2027年节假日安排尚未导入"));
	hres_clear(&h);
	wf_get("/admin/calendar/2027", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "2027-02-20"));
	hres_clear(&h);
	wf_get("/audit", U_ADMIN, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "calendar.import"));
	ck_assert_ptr_nonnull(strstr(h.body, "user.change"));
	ck_assert_ptr_nonnull(strstr(h.body, "agency.set"));
	hres_clear(&h);
}
END_TEST

/* The other pages render for their roles. */
START_TEST(test_pages)
{
	static const struct {
		const char	*path;
		int		 user;
		const char	*needle;
	} pages[] = {
		{ "/", U_OFFICER, "工作台" },
		{ "/cases", U_CLERK, "案件列表" },
		{ "/cases?overdue=1&channel=post&applicant_type=person&year=2026",
		    U_CLERK, "案件列表" },
		{ "/cases?due_soon=1&mine=1&sort=number", U_OFFICER, "案件列表" },
		{ "/cases/2026-0001", U_REVIEWER, "答复期限" },
		{ "/cases/2026-0003", U_ADMIN, "已答复" },
		{ "/search", U_ADMIN, "搜索" },
		{ "/export", U_REVIEWER, "台账" },
		{ "/audit", U_REVIEWER, "审计记录" },
		{ "/reports/annual?year=2026", U_REVIEWER, "收到和处理政府信息公开申请情况" },
		{ "/reports/annual?year=2026", U_OFFICER,
		    "/reports/cases?year=2026&amp;row=new&amp;col=person" },
		{ "/reports/cases?year=2026&row=new&col=total", U_REVIEWER,
		    "2026-0001" },
		{ "/reports/cases?year=2026&appeal_kind=reconsideration",
		    U_REVIEWER, "年报明细" },
		{ "/reports/report.css", U_CLERK, ".report" },
		{ "/login", U_OFFICER, "" },
	};
	struct hres	 h;
	size_t		 i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		wf_get(pages[i].path, pages[i].user, &h);
		if (strcmp(pages[i].path, "/login") == 0)
			ck_assert_int_eq(h.status, 303);
		else {
			ck_assert_msg(h.status == 200, "%s: %d", pages[i].path,
			    h.status);
			ck_assert_msg(strstr(h.body, pages[i].needle) != NULL,
			    "%s", pages[i].path);
		}
		wf_security_headers(&h, 0);
		hres_clear(&h);
	}
	wf_get("/cases/2099-9999", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	/* The report: a clerk may not see it; bad keys are refused. */
	wf_get("/reports/annual", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/reports/annual?year=1999", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_get("/reports/cases?year=2026&row=bogus", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	wf_get("/reports/cases?year=2026", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
}
END_TEST

/* The office enters table 二 and the sections on the report page. */
START_TEST(test_report_forms)
{
	struct hres	 h;
	char		*before;

	wf_get("/reports/annual?year=2025", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "name=\"rules.issued\""));
	hres_clear(&h);
	before = wf_dump();
	wf_post("/reports/figures", U_OFFICER, "year=2025&rules.issued=3", 0,
	    &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_post("/reports/figures", U_REVIEWER, "year=2025&rules.issued=3", 1,
	    &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_post("/reports/figures", U_REVIEWER, "year=2025&rules.issued=-1", 0,
	    &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	wf_post("/reports/figures", U_REVIEWER,
	    "year=2025&rules.issued=3&fees.amount=1.25", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_post("/reports/texts", U_REVIEWER, "year=2025&s0=%E6%80%BB%E4%BD%93",
	    0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	/* The rule of the CLI's "report text": valid_text(), no control
	 * characters (the length, LIM_REPORT_TEXT_CHARS, is beyond this
	 * fixture's 16 KiB body). */
	before = wf_dump();
	wf_post("/reports/texts", U_REVIEWER, "year=2025&s0=a%01b", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "不能包含控制字符"));
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	wf_get("/api/reports/annual?year=2025", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"rules\":{\"issued\":3"));
	hres_clear(&h);
	wf_get("/reports/annual?year=2025", U_REVIEWER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "总体"));
	hres_clear(&h);
}
END_TEST

Suite *
webwork_suite(void)
{
	Suite	*s = suite_create("webwork");
	TCase	*tc;

	tc = tcase_create("http");
	tcase_add_unchecked_fixture(tc, webfive_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, webfive_setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_intake);
	tcase_add_test(tc, test_similar);
	tcase_add_test(tc, test_reply_approval);
	tcase_add_test(tc, test_extension);
	tcase_add_test(tc, test_notes_attachments);
	tcase_add_test(tc, test_list_pages);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_export);
	tcase_add_test(tc, test_api);
	tcase_add_test(tc, test_letters);
	tcase_add_test(tc, test_admin);
	tcase_add_test(tc, test_pages);
	tcase_add_test(tc, test_report_forms);
	suite_add_tcase(s, tc);
	return s;
}
