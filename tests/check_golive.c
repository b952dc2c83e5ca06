/* SPDX-License-Identifier: ISC */
/*
 * Reviewers approve what goes out, and what went out stays as it was
 * (issue 11, items 2 and 3), over HTTP and the CLI:
 *   - the draft of a pending reply (样稿, no 文号) is computed on GET and
 *     writes nothing;
 *   - approval applies the reply, numbers and stores its letter in one
 *     transaction, and the download is the stored bytes (SHA-256);
 *   - a letter that cannot be made refuses the approval, and nothing
 *     changes;
 *   - a rejection shows on the officer's dashboard with the comment;
 *   - a direct reply, or a withdrawal, from the CLI stores reply v1
 *     with its 文号;
 *   - issuing a kind again is refused; a reissue needs a reason, keeps
 *     the 文号 and makes version 2.
 */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum { U_CLERK, U_OFFICER, U_OFFICER2, U_REVIEWER, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "officer2", "officer" },
	{ "reviewer", "reviewer" },
};

/* The 文号 the first numbered letter of 2026 gets (webfix's agency). */
#define DOCNUM1	"示范教公开〔2026〕1号"

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

static void
setup(void)
{
	wf_start(64 * 1024, 64 * 1024, NULL);
}

/* Percent-encodes s for a form body. */
static char *
enc(const char *s)
{
	struct buf	 b;
	const unsigned char *p;

	buf_init(&b);
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.')
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	return buf_release(&b);
}

/* The first value the query gives on the test's database, or "". */
static char *
sql_text(const char *q)
{
	char	 cmd[1024], line[512];
	FILE	*p;

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", wf_db, q);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	if (fgets(line, sizeof(line), p) == NULL)
		line[0] = '\0';
	pclose(p);
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* The text of a PDF (pdftotext), without white space. */
static char *
pdf_text(const void *pdf, size_t len)
{
	char	 path[600], cmd[800], chunk[4096];
	struct buf out;
	FILE	*fp;
	size_t	 n, i;

	ck_assert_int_ge(len, 4);
	ck_assert_int_eq(memcmp(pdf, "%PDF", 4), 0);
	snprintf(path, sizeof(path), "%s/t.pdf", wf_dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(pdf, 1, len, fp), len);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' - 2>/dev/null",
	    path);
	buf_init(&out);
	ck_assert_ptr_nonnull(fp = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		for (i = 0; i < n; i++)
			if (chunk[i] != ' ' && chunk[i] != '\n' &&
			    chunk[i] != '\f' && chunk[i] != '\r')
				buf_putc(&out, chunk[i]);
	ck_assert_int_eq(pclose(fp), 0);
	return buf_release(&out);
}

static void
sha256_hex(const void *p, size_t len, char hex[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* The officer's partial reply on 2026-0001, filed for approval; its id. */
static int
request_partial(void)
{
	struct hres	 h;
	char		*prov, *wh, *rs, form[2048];

	prov = enc("示范区第一中学新校区建设项目立项批复");
	wh = enc("项目可行性研究报告中的第三方商业信息");
	rs = enc("依据《中华人民共和国政府信息公开条例》第十五条，涉及商业秘密的"
	    "部分不予公开。");
	snprintf(form, sizeof(form), "action=reply&outcome=partial&provided=%s"
	    "&withheld_items=%s&reasons=%s", prov, wh, rs);
	free(prov);
	free(wh);
	free(rs);
	wf_post("/cases/2026-0001/act", U_OFFICER, form, 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "ok=requested"));
	hres_clear(&h);
	return wf_sql_int("SELECT id FROM approvals WHERE status = 'pending'");
}

/* The draft: 样稿, no 文号, computed on GET and HEAD, nothing written. */
START_TEST(test_draft_writes_nothing)
{
	struct hres	 h;
	char		 url[128], *before, *t;
	int		 id;

	id = request_partial();
	ck_assert_int_gt(id, 0);
	before = wf_dump();
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d/draft.pdf",
	    id);
	wf_get(url, U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_str_eq(wf_hdr(&h, "Content-Type"), "application/pdf");
	/* Our case page embeds it; nobody else may frame it. */
	ck_assert_str_eq(wf_hdr(&h, "X-Frame-Options"), "SAMEORIGIN");
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Security-Policy"),
	    "frame-ancestors 'self'"));
	t = pdf_text(h.body, h.blen);
	ck_assert_msg(strstr(t, "样稿") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "文号待签发时编定") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "〔2026〕") == NULL, "a 文号 in the draft: %s",
	    t);
	ck_assert_msg(strstr(t, "第三方商业信息") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "部分公开") != NULL || strstr(t, "不予公开") !=
	    NULL, "%s", t);
	free(t);
	hres_clear(&h);
	wf_http("HEAD", url, U_OFFICER, NULL, NULL, 0, NULL, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	snprintf(url, sizeof(url),
	    "/api/cases/2026-0001/approvals/%d/draft.pdf", id);
	wf_get(url, U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	t = pdf_text(h.body, h.blen);
	ck_assert_ptr_nonnull(strstr(t, "样稿"));
	free(t);
	hres_clear(&h);
	/* No number allocated, no letter stored, nothing else either. */
	wf_unchanged(before);
	free(before);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM doc_numbers"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE kind"
	    " = 'reply'"), 0);
	/* Another case's request, or none: 404. */
	wf_get("/cases/2026-0002/approvals/1/draft.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/api/cases/2026-0001/approvals/99/draft.pdf", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 404);
	ck_assert_ptr_nonnull(strstr(h.body, "\"error\":\"not_found\""));
	hres_clear(&h);
	/* The approval box embeds and links it; the dashboard links it. */
	wf_get("/cases/2026-0001", U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<iframe title=\"文书样稿\" src=\""
	    "/cases/2026-0001/approvals/"));
	ck_assert_ptr_nonnull(strstr(h.body, "打开样稿"));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"approve\">批准并出具"));
	hres_clear(&h);
	wf_get("/", U_REVIEWER, &h);
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d/draft.pdf\"",
	    id);
	ck_assert_ptr_nonnull(strstr(h.body, url));
	hres_clear(&h);
}
END_TEST

/* Approval stores reply v1 with its 文号; the download is those bytes. */
START_TEST(test_approval_issues_the_reply)
{
	struct hres	 h;
	char		 url[128], form[256], hex[65], *sha, *t, *before;
	int		 id;

	id = request_partial();
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d", id);
	snprintf(form, sizeof(form), "decision=approve&comment=%s",
	    "%E5%90%8C%E6%84%8F");
	wf_post(url, U_REVIEWER, form, 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "ok=approved"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number ="
	    " '2026-0001' AND state = 'replied' AND outcome = 'partial'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters l JOIN cases"
	    " c ON c.id = l.case_id WHERE c.number = '2026-0001' AND l.kind ="
	    " 'reply' AND l.version = 1 AND l.doc_number = '" DOCNUM1 "'"
	    " AND l.created_by = 'reviewer'"), 1);
	sha = sql_text("SELECT sha256 FROM letters WHERE kind = 'reply'");
	ck_assert_uint_eq(strlen(sha), 64);
	wf_get("/cases/2026-0001/letters/reply.pdf", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	sha256_hex(h.body, h.blen, hex);
	ck_assert_str_eq(hex, sha);
	ck_assert_str_eq(wf_hdr(&h, "X-Content-SHA256"), sha);
	t = pdf_text(h.body, h.blen);
	ck_assert_msg(strstr(t, DOCNUM1) != NULL, "%s", t);
	ck_assert_msg(strstr(t, "样稿") == NULL, "%s", t);
	free(t);
	hres_clear(&h);
	/* The page lists it and offers only the reissue for this kind. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, DOCNUM1));
	ck_assert_ptr_nonnull(strstr(h.body, "/letters/reply/reissue"));
	ck_assert_ptr_null(strstr(h.body, "action=\"/cases/2026-0001/letters/"
	    "reply\""));
	hres_clear(&h);

	/* Issuing it again is refused and points to the reissue. */
	before = wf_dump();
	wf_post("/cases/2026-0001/letters/reply", U_OFFICER, "", 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "重新出具"));
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0001/letters/reply", U_OFFICER, "{}", 0,
	    &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	/* A reissue needs its reason. */
	wf_post("/cases/2026-0001/letters/reply/reissue", U_OFFICER,
	    "reason=", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "原因"));
	hres_clear(&h);
	wf_api_post("/api/cases/2026-0001/letters/reply/reissue", U_OFFICER,
	    "{}", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "\"field\":\"reason\""));
	hres_clear(&h);
	/* The clerk may not issue replies at all. */
	wf_post("/cases/2026-0001/letters/reply/reissue", U_CLERK,
	    "reason=x", 0, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);

	/* With a reason: version 2, the same 文号, the reason audited. */
	wf_api_post("/api/cases/2026-0001/letters/reply/reissue", U_OFFICER,
	    "{\"reason\":\"申请人通信地址有误，更正后重新出具\"}", 0, &h);
	ck_assert_int_eq(h.status, 201);
	ck_assert_ptr_nonnull(strstr(h.body, "\"version\":2"));
	ck_assert_ptr_nonnull(strstr(h.body, "\"doc_number\":\"" DOCNUM1
	    "\""));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE action ="
	    " 'letter.reissue' AND object = '2026-0001' AND actor = 'officer'"
	    " AND detail LIKE '%更正后重新出具%'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM doc_numbers"), 1);
	/* Version 1 is still the bytes that went out. */
	wf_get("/cases/2026-0001/letters/reply.pdf?v=1", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	sha256_hex(h.body, h.blen, hex);
	ck_assert_str_eq(hex, sha);
	hres_clear(&h);
	wf_post("/cases/2026-0001/letters/reply/reissue", U_REVIEWER,
	    "reason=%E7%AC%94%E8%AF%AF", 0, &h);
	ck_assert_int_eq(h.status, 303);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Location"), "ok=reissued"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT max(version) FROM letters WHERE"
	    " kind = 'reply'"), 3);
	free(sha);
}
END_TEST

/* A letter that cannot be made: the approval is refused, nothing moves. */
START_TEST(test_failed_letter_refuses_approval)
{
	struct hres	 h;
	char		 url[128], *before;
	int		 id;

	id = request_partial();
	/* The texts its letter needs went missing meanwhile. */
	wf_sql("DELETE FROM case_texts WHERE key = 'provided'");
	before = wf_dump();
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d", id);
	wf_post(url, U_REVIEWER, "decision=approve", 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_msg(strstr(h.body, "未予批准") != NULL, "%s", h.body);
	ck_assert_ptr_null(strstr(h.body, "foidesk case"));
	hres_clear(&h);
	snprintf(url, sizeof(url), "/api/cases/2026-0001/approvals/%d", id);
	wf_api_post(url, U_REVIEWER, "{\"decision\":\"approve\"}", 0, &h);
	ck_assert_int_eq(h.status, 409);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'pending'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number ="
	    " '2026-0001' AND state = 'handling'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM doc_numbers"), 0);
	/* The draft says why as well. */
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d/draft.pdf",
	    id);
	wf_get(url, U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "无法生成文书"));
	ck_assert_str_eq(wf_hdr(&h, "X-Frame-Options"), "SAMEORIGIN");
	hres_clear(&h);
}
END_TEST

/* A rejection goes back with the comment, onto the officer's dashboard. */
START_TEST(test_rejection_on_dashboard)
{
	struct hres	 h;
	char		 url[128];
	int		 id;

	id = request_partial();
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d", id);
	/* Sent back with nothing to change: refused. */
	wf_post(url, U_REVIEWER, "decision=reject&comment=", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "退回时请填写审批意见"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'pending'"), 1);
	wf_post(url, U_REVIEWER, "decision=reject&comment=%E8%AF%B7%E8%A1%A5"
	    "%E5%85%85%E4%B8%8D%E4%BA%88%E5%85%AC%E5%BC%80%E7%9A%84%E7%90%86"
	    "%E7%94%B1", 0, &h);	/* 请补充不予公开的理由 */
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	wf_get("/", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<h2>被退回</h2>"));
	ck_assert_ptr_nonnull(strstr(h.body, "请补充不予公开的理由"));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0001"));
	ck_assert_ptr_nonnull(strstr(strstr(h.body, "<h2>被退回</h2>"),
	    "<td>reviewer</td>"));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-11-"));
	hres_clear(&h);
	/* Not another officer's business; gone once resubmitted. */
	wf_get("/", U_OFFICER2, &h);
	ck_assert_ptr_null(strstr(h.body, "被退回"));
	hres_clear(&h);
	(void)request_partial();
	wf_get("/", U_OFFICER, &h);
	ck_assert_ptr_null(strstr(h.body, "<h2>被退回</h2>"));
	hres_clear(&h);
}
END_TEST

/* An extension: its notice is the draft, then goes out on approval. */
START_TEST(test_extension_notice)
{
	struct hres	 h;
	char		 url[128], *t;
	int		 id;

	wf_api_post("/api/cases/2026-0001/actions", U_OFFICER,
	    "{\"action\":\"extend\",\"days\":\"10\",\"told_on\":"
	    "\"2026-11-20\"}", 0, &h);
	ck_assert_int_eq(h.status, 202);
	hres_clear(&h);
	id = wf_sql_int("SELECT id FROM approvals WHERE status = 'pending'");
	snprintf(url, sizeof(url), "/cases/2026-0001/approvals/%d/draft.pdf",
	    id);
	wf_get(url, U_REVIEWER, &h);
	ck_assert_int_eq(h.status, 200);
	t = pdf_text(h.body, h.blen);
	ck_assert_msg(strstr(t, "样稿") != NULL && strstr(t, "延长") != NULL &&
	    strstr(t, "10个工作日") != NULL, "%s", t);
	free(t);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events WHERE action"
	    " = 'extend'"), 0);
	snprintf(url, sizeof(url), "/api/cases/2026-0001/approvals/%d", id);
	wf_api_post(url, U_REVIEWER, "{\"decision\":\"approve\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE kind ="
	    " 'extension' AND version = 1 AND doc_number LIKE"
	    " '示范教公开〔2026〕%'"), 1);
}
END_TEST

/* The CLI: a direct reply and a withdrawal store reply v1 with a 文号. */
START_TEST(test_cli_replies_carry_letters)
{
	char	*out, *before, f[600];

	/* Without the texts its letter needs: refused, nothing changes. */
	before = wf_dump();
	ck_assert_int_eq(test_run(&out, "--db %s case act 2026-0001 reply "
	    "--outcome disclosed --by reviewer", wf_db), 3);
	free(out);
	wf_unchanged(before);
	free(before);
	ck_assert_int_eq(test_run(&out, "--db %s case act 2026-0001 reply "
	    "--outcome disclosed --provided 立项批复 --by reviewer", wf_db),
	    0);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s letter list 2026-0001",
	    wf_db), 0);
	ck_assert_msg(strstr(out, "reply\tv1\t" DOCNUM1 "\t") != NULL, "%s",
	    out);
	free(out);
	/* A withdrawal (other.other) carries the 终止处理 notice. */
	ck_assert_int_eq(test_run(&out, "--db %s case act 2026-0002 withdraw "
	    "--by officer", wf_db), 0);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s letter list 2026-0002 --json",
	    wf_db), 0);
	ck_assert_msg(strstr(out, "\"kind\":\"reply\",\"version\":1,"
	    "\"doc_number\":\"示范教公开〔2026〕2号\",\"outcome\":\"other.other\"")
	    != NULL, "%s", out);
	free(out);
	/* Issuing again is refused with the way to reissue; a reissue
	 * needs --reason. */
	snprintf(f, sizeof(f), "%s/r.pdf", wf_dir);
	ck_assert_int_eq(test_run(&out, "--db %s letter 2026-0001 --kind reply"
	    " -o %s", wf_db, f), 3);
	ck_assert_ptr_nonnull(strstr(out, "--reissue --reason"));
	free(out);
	ck_assert_int_ne(test_run(&out, "--db %s letter 2026-0001 --kind reply"
	    " --reissue -o %s", wf_db, f), 0);
	ck_assert_ptr_nonnull(strstr(out, "--reason"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s letter 2026-0001 --kind reply"
	    " --reissue --reason 笔误 -o %s --by officer", wf_db, f), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"version\":2"));
	ck_assert_ptr_nonnull(strstr(out, DOCNUM1));
	free(out);
}
END_TEST

Suite *
golive_suite(void)
{
	Suite	*s = suite_create("golive");
	TCase	*tc;

	tc = tcase_create("approve_and_issue");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_draft_writes_nothing);
	tcase_add_test(tc, test_approval_issues_the_reply);
	tcase_add_test(tc, test_failed_letter_refuses_approval);
	tcase_add_test(tc, test_rejection_on_dashboard);
	tcase_add_test(tc, test_extension_notice);
	tcase_add_test(tc, test_cli_replies_carry_letters);
	suite_add_tcase(s, tc);
	return s;
}
