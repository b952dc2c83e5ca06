/* SPDX-License-Identifier: ISC */
/*
 * The sign-off chain (issue 13 item 4, ops/signoff.h): a reply filed by
 * an officer walks 拟办 (the officer) → 审核 (the head of the case's
 * department) → 签发 (a reviewer) over HTTP, each signer seeing only
 * their own step; out-of-turn signatures are refused with nothing
 * changed; the last one applies the reply and stores the reply letter
 * and the 办理审批单, whose text (pdftotext) lists the three opinions in
 * order; a rejection at step 2 returns the request to the officer; the
 * default chain is the single reviewer of before; page, API and CLI
 * write the same rows; an officer's fee notice goes through a chain
 * once one is configured for it.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

Suite	*signoff_suite(void);

/* The template's users: opsfix's three, then these. */
enum { U_HEAD = OF_USERS, U_ADMIN, SO_USERS };

static const struct wf_user users[SO_USERS] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "head", "officer" },
	{ "admin", "admin" },
};

static const char *const uname[SO_USERS] = { "clerk", "officer", "reviewer",
    "head", "admin" };

#define CASE	"/cases/2026-0001"
#define APPR	CASE "/approvals/1"
#define CHAIN	"拟办=requester;审核=head;签发=role:reviewer"

static void
so_tmpl_setup(void)
{
	wf_tmpl_setup(users, SO_USERS, "in_person");
}

/* The CLI on this test's database as user (-1: no --by). */
static int
so_cli(char **out, int user, const char *fmt, ...)
{
	struct buf	 a;
	va_list		 ap;
	int		 rc;

	buf_init(&a);
	va_start(ap, fmt);
	buf_vprintf(&a, fmt, ap);
	va_end(ap);
	if (user >= 0)
		buf_printf(&a, " --by %s", uname[user]);
	rc = test_run(out, "--db '%s' %s", wf_db, buf_str(&a));
	buf_clear(&a);
	return rc;
}

/* Case 2026-0001 belongs to department 教育科, headed by "head"; the
 * reply chain is CHAIN (configured with the CLI, as an administrator
 * would). */
static void
chain_setup(void)
{
	char	*o;

	wf_sql("INSERT INTO departments (code, name, head, created_at) VALUES"
	    " ('JYK', '教育科', 'head', '2026-01-01T00:00:00Z');"
	    "UPDATE cases SET dept_id = 1, handler = 'officer'"
	    " WHERE number = '2026-0001';");
	ck_assert_msg(so_cli(&o, -1, "signoff set reply --steps '" CHAIN "'") ==
	    0, "%s", o);
	free(o);
}

/* The case page as user. */
static char *
case_page(int user)
{
	struct hres	 h;
	char		*b;

	wf_get(CASE, user, &h);
	ck_assert_int_eq(h.status, 200);
	b = xstrdup(h.body);
	hres_clear(&h);
	return b;
}

/* Whether user's case page offers the decision form of step n (1..),
 * and only that: the form, its step, and no other step's form. */
static void
sees_step(int user, int n, const char *name)
{
	char	*b = case_page(user), want[128];

	snprintf(want, sizeof(want), "待您签批：第%d步“%s”", n, name);
	ck_assert_msg(strstr(b, want) != NULL, "%s: no \"%s\"", uname[user],
	    want);
	ck_assert_ptr_nonnull(strstr(b, "name=\"decision\""));
	free(b);
}

static void
sees_no_form(int user)
{
	char	*b = case_page(user);

	ck_assert_msg(strstr(b, "name=\"decision\"") == NULL,
	    "%s sees a decision form", uname[user]);
	ck_assert_ptr_null(strstr(b, "待您签批"));
	/* The chain's progress, read-only. */
	ck_assert_ptr_nonnull(strstr(b, "class=\"ap-chain\""));
	free(b);
}

/* The request as the API shows it to user: the step due now and
 * whether user signs it. */
static void
api_sees(int user, int current, int may_sign)
{
	struct hres	 h;
	char		 want[64];

	wf_get("/api" APPR, user, &h);
	ck_assert_int_eq(h.status, 200);
	snprintf(want, sizeof(want), "\"current\":%d,\"may_sign\":%s",
	    current, may_sign ? "true" : "false");
	ck_assert_msg(strstr(h.body, want) != NULL, "%s", h.body);
	ck_assert_ptr_nonnull(strstr(h.body, "\"name\":\"拟办\","
	    "\"signer\":\"requester\",\"decision\":\"approve\","
	    "\"signed_by\":\"officer\""));
	hres_clear(&h);
}

/* An out-of-turn signature: refused with status, nothing written. */
static void
refused(int user, int status)
{
	char	*before, *after, *b;

	before = ops_dump(wf_db);
	ck_assert_int_eq(of_page_post(APPR, user, NULL, "decision", "approve",
	    "comment", "越权", NULL), status);
	ck_assert_int_eq(of_api_post("/api" APPR, user,
	    "{\"decision\":\"approve\",\"comment\":\"越权\"}", &b), status);
	if (status == 403)
		ck_assert_msg(strstr(b, "\"error\":\"forbidden\"") != NULL &&
		    strstr(b, "\"field\":\"signer\"") != NULL, "%s", b);
	free(b);
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(before);
	free(after);
}

/* The officer files the reply (page). */
static void
file_reply(void)
{
	ck_assert_int_eq(of_page_post(CASE "/act", U_OFFICER, NULL, "action",
	    "reply", "on", "2026-11-20", "outcome", "disclosed", "provided",
	    "立项批复", "how_to_obtain", "电子邮件发送", NULL), 303);
}

/* The stored letter of kind as text, without white space. */
static char *
stored_text(const char *kind)
{
	struct buf	 b;
	char		 path[600], cmd[800], chunk[4096], *o;
	FILE		*p;
	size_t		 n, i;

	snprintf(path, sizeof(path), "%s/%s.pdf", wf_dir, kind);
	ck_assert_msg(so_cli(&o, U_OFFICER, "letter get 2026-0001 --kind %s "
	    "-o '%s'", kind, path) == 0, "%s", o);
	free(o);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' - 2>/dev/null", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		for (i = 0; i < n; i++)
			if (chunk[i] != ' ' && chunk[i] != '\n' &&
			    chunk[i] != '\r' && chunk[i] != '\t')
				buf_putc(&b, chunk[i]);
	ck_assert_int_eq(pclose(p), 0);
	return buf_release(&b);
}

START_TEST(test_three_steps)
{
	char	*t, *a, *b, *c;

	chain_setup();
	file_reply();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps"
	    " WHERE approval_id = 1 AND decision IS NULL"), 3);

	/* Step 1, 拟办: only the officer who filed it. */
	sees_step(U_OFFICER, 1, "拟办");
	sees_no_form(U_HEAD);
	sees_no_form(U_REVIEWER);
	refused(U_REVIEWER, 403);
	refused(U_HEAD, 403);
	ck_assert_int_eq(of_page_post(APPR, U_OFFICER, NULL, "decision",
	    "approve", "comment", "拟予以公开，请审核", NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals"
	    " WHERE status = 'pending'"), 1);

	/* Step 2, 审核: only the department's head. */
	api_sees(U_HEAD, 2, 1);
	api_sees(U_REVIEWER, 2, 0);
	sees_step(U_HEAD, 2, "审核");
	{
		struct hres	 h;

		wf_get("/", U_HEAD, &h);
		ck_assert_ptr_nonnull(strstr(h.body, "待我签批"));
		ck_assert_ptr_nonnull(strstr(h.body, "第2步 审核"));
		hres_clear(&h);
		wf_get("/", U_REVIEWER, &h);
		ck_assert_ptr_null(strstr(h.body, "待我签批"));
		hres_clear(&h);
	}
	sees_no_form(U_OFFICER);
	sees_no_form(U_REVIEWER);
	refused(U_REVIEWER, 403);
	refused(U_OFFICER, 403);
	ck_assert_int_eq(of_page_post(APPR, U_HEAD, NULL, "decision",
	    "approve", "comment", "同意，报签发", NULL), 303);

	/* Step 3, 签发: a reviewer; never the requester. */
	sees_step(U_REVIEWER, 3, "签发");
	sees_no_form(U_OFFICER);
	sees_no_form(U_HEAD);
	refused(U_OFFICER, 403);
	refused(U_HEAD, 403);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters"), 0);
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", "comment", "同意签发", NULL), 303);

	/* Applied with its letters, in the one transaction. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " number = '2026-0001' AND state = 'replied'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'approved' AND decided_by = 'reviewer'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases c"
	    " ON c.id = e.case_id WHERE c.number = '2026-0001'"
	    " AND e.action = 'reply' AND e.actor = 'officer'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE"
	    " kind = 'reply' AND doc_number <> ''"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE"
	    " kind = 'approval_form' AND version = 1 AND doc_number = ''"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps"
	    " WHERE approval_id = 1 AND decision = 'approve'"
	    " AND signed_at IS NOT NULL"), 3);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps"
	    " WHERE pos = 2 AND signed_by = 'head'"
	    " AND opinion = '同意，报签发'"), 1);
	/* Each signature is audited, under the case. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'approval.step' AND object = '2026-0001'"), 3);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'approval.step' AND actor = 'head'"
	    " AND json_extract(detail, '$.opinion') = '同意，报签发'"), 1);
	/* Nobody signs a settled request. */
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", NULL), 409);

	/* The 办理审批单: the case and the three opinions, in order. */
	t = stored_text("approval_form");
	ck_assert_ptr_nonnull(strstr(t, "政府信息公开申请办理审批单"));
	ck_assert_ptr_nonnull(strstr(t, "登记编号：2026-0001"));
	ck_assert_ptr_nonnull(strstr(t, "申请人：张三"));
	ck_assert_ptr_nonnull(strstr(t, "拟办结果：答复：予以公开"));
	ck_assert_ptr_nonnull(strstr(t, "收到申请日期：2026年11月2日"));
	ck_assert_ptr_null(strstr(t, "〔2026〕"));
	a = strstr(t, "拟办：officer，同意");
	b = strstr(t, "审核：head，同意");
	c = strstr(t, "签发：reviewer，同意");
	ck_assert_msg(a != NULL && b != NULL && c != NULL, "%s", t);
	ck_assert_ptr_nonnull(strstr(a, "拟予以公开，请审核"));
	ck_assert_ptr_nonnull(strstr(b, "同意，报签发"));
	ck_assert_ptr_nonnull(strstr(c, "同意签发"));
	ck_assert(strstr(t, "拟予以公开，请审核") < strstr(t, "同意，报签发"));
	ck_assert(strstr(t, "同意，报签发") < strstr(t, "同意签发"));
	ck_assert(a < b && b < c);
	free(t);
	/* It is printed through the letter routes like any letter. */
	t = stored_text("reply");
	ck_assert_ptr_nonnull(strstr(t, "立项批复"));
	free(t);
}
END_TEST

START_TEST(test_reject_at_step_two)
{
	char	*b;

	chain_setup();
	file_reply();
	ck_assert_int_eq(of_page_post(APPR, U_OFFICER, NULL, "decision",
	    "approve", "comment", "拟予以公开", NULL), 303);
	/* A rejection needs a comment. */
	ck_assert_int_eq(of_page_post(APPR, U_HEAD, NULL, "decision",
	    "reject", NULL), 422);
	ck_assert_int_eq(of_page_post(APPR, U_HEAD, NULL, "decision",
	    "reject", "comment", "请补充公开方式的说明", NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " status = 'rejected' AND decided_by = 'head'"
	    " AND comment = '请补充公开方式的说明'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps WHERE"
	    " pos = 2 AND decision = 'reject' AND signed_by = 'head'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps WHERE"
	    " pos = 3 AND decision IS NULL"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " number = '2026-0001' AND state = 'handling'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters"), 0);
	/* Back with the officer: 被退回, the step and the comment. */
	{
		struct hres	 h;

		wf_get("/", U_OFFICER, &h);
		ck_assert_int_eq(h.status, 200);
		b = strstr(h.body, "id=\"rejected\"");
		ck_assert_ptr_nonnull(b);
		ck_assert_ptr_nonnull(strstr(b, "【审核】请补充公开方式的说明"));
		hres_clear(&h);
	}
	/* The reviewer's turn never comes. */
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", NULL), 409);
	/* The officer files again: a new request with a new chain. */
	file_reply();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps"
	    " WHERE approval_id = 2 AND decision IS NULL"), 3);
}
END_TEST

START_TEST(test_default_chain)
{
	char	*o, *t;

	/* No configuration: one step, a reviewer -- as before. */
	ck_assert_int_eq(so_cli(&o, -1, "signoff show reply"), 0);
	ck_assert_ptr_nonnull(strstr(o, "审批=role:reviewer\t(default)"));
	free(o);
	/* Nothing to print before a request is filed. */
	t = case_page(U_OFFICER);
	ck_assert_ptr_null(strstr(t, "生成办理审批单"));
	free(t);
	file_reply();
	t = case_page(U_OFFICER);
	ck_assert_ptr_nonnull(strstr(t, "生成办理审批单"));
	free(t);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approval_steps"
	    " WHERE approval_id = 1 AND signer = 'role:reviewer'"), 1);
	{
		char *b = case_page(U_REVIEWER);

		ck_assert_ptr_nonnull(strstr(b, "批准并出具"));
		ck_assert_ptr_null(strstr(b, "待您签批"));
		ck_assert_ptr_null(strstr(b, "ap-chain"));
		free(b);
	}
	refused(U_OFFICER, 403);
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", "comment", "同意", NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " number = '2026-0001' AND state = 'replied'"), 1);
	/* No 办理审批单 unless a chain is configured ... */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE"
	    " kind = 'approval_form'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE"
	    " kind = 'reply'"), 1);
	/* ... but it prints at any time, through the letter routes. */
	ck_assert_int_eq(of_page_post(CASE "/letters/approval_form",
	    U_OFFICER, NULL, NULL), 303);
	t = stored_text("approval_form");
	ck_assert_msg(strstr(t, "审批：reviewer，同意") != NULL, "%s", t);
	free(t);
}
END_TEST

START_TEST(test_config)
{
	struct hres	 h;
	char		*o;

	/* Refused: a signer of no kind, an unknown user, a requester at
	 * the last step, an unknown kind; nothing stored. */
	ck_assert_int_eq(so_cli(&o, -1, "signoff set reply --steps "
	    "'审核=role:admin'"), 3);
	free(o);
	ck_assert_int_eq(so_cli(&o, -1, "signoff set reply --steps "
	    "'审核=users:nobody'"), 3);
	ck_assert_ptr_nonnull(strstr(o, "没有用户“nobody”"));
	free(o);
	ck_assert_int_eq(so_cli(&o, -1, "signoff set reply --steps "
	    "'签发=requester'"), 3);
	free(o);
	ck_assert_int_eq(so_cli(&o, -1, "signoff set fee --steps "
	    "'签发=head'"), 3);
	free(o);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM signoff_steps"), 0);

	/* The administrator's API and page, audited. */
	wf_api_post("/api/signoff", U_ADMIN, "{\"kind\":\"extend\",\"steps\":"
	    "\"审核=users:head,reviewer\\n签发=role:reviewer\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "\"kind\":\"extend\","
	    "\"configured\":true"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM signoff_steps"
	    " WHERE kind = 'extend'"), 2);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'signoff.set' AND object = 'signoff:extend'"
	    " AND actor = 'admin'"), 1);
	wf_get("/admin/signoff", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "head、reviewer"));
	hres_clear(&h);
	ck_assert_int_eq(of_page_post("/admin/signoff", U_ADMIN, NULL, "kind",
	    "extend", "steps", "", NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM signoff_steps"), 0);
	/* The agency's own wording of the form previews like any letter. */
	wf_post("/admin/texts/approval_form/preview", U_ADMIN, "", 0, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Type"),
	    "application/pdf"));
	hres_clear(&h);
	/* Only the administrator. */
	wf_api_post("/api/signoff", U_REVIEWER, "{\"kind\":\"reply\","
	    "\"steps\":\"\"}", 0, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/admin/signoff", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
}
END_TEST

START_TEST(test_fee_chain)
{
	struct hres	 h;
	char		*t;

	chain_setup();
	/* Without a chain an officer's fee notice is applied directly. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM signoff_steps"
	    " WHERE kind = 'fee_notice'"), 0);
	wf_api_post("/api/signoff", U_ADMIN, "{\"kind\":\"fee_notice\","
	    "\"steps\":\"审核=head;签发=role:reviewer\"}", 0, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	/* With one it is filed for approval, its fee not yet recorded. */
	ck_assert_int_eq(of_api_post("/api" CASE "/actions", U_OFFICER,
	    "{\"action\":\"fee-notice\",\"method\":\"volume\","
	    "\"count\":\"140\"}", NULL), 202);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals WHERE"
	    " action = 'fee-notice' AND status = 'pending'"
	    " AND json_extract(fee, '$.fee_count') = 140"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events WHERE"
	    " action = 'fee-notice'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM fee_charges"), 0);
	{
		char *b = case_page(U_HEAD);

		ck_assert_ptr_nonnull(strstr(b, "收费通知"));
		ck_assert_ptr_nonnull(strstr(b, "待您签批：第1步“审核”"));
		ck_assert_ptr_null(strstr(b, "draft.pdf"));
		free(b);
	}
	refused(U_REVIEWER, 403);
	ck_assert_int_eq(of_page_post(APPR, U_HEAD, NULL, "decision",
	    "approve", "comment", "同意收费", NULL), 303);
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", "comment", "同意", NULL), 303);
	/* Applied as a direct notice would be: the 109号 fee worked out,
	 * the event and the month's charge; and its 办理审批单. */
	ck_assert_int_eq(wf_sql_int("SELECT amount_fen FROM events WHERE"
	    " action = 'fee-notice' AND actor = 'officer'"), 150000);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM fee_charges"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
	    " number = '2026-0001' AND state = 'awaiting_fee'"), 1);
	t = stored_text("approval_form");
	ck_assert_msg(strstr(t, "拟办结果：收费通知：按量计收，140页，1500.00元")
	    != NULL, "%s", t);
	ck_assert(strstr(t, "同意收费") != NULL);
	free(t);
}
END_TEST

/* ---- the same chain through page, API and CLI ---- */

static void
chain_page(void)
{
	chain_setup();
	file_reply();
	ck_assert_int_eq(of_page_post(APPR, U_OFFICER, NULL, "decision",
	    "approve", "comment", "拟同意", NULL), 303);
	ck_assert_int_eq(of_page_post(APPR, U_HEAD, NULL, "decision",
	    "approve", "comment", "同意", NULL), 303);
	ck_assert_int_eq(of_page_post(APPR, U_REVIEWER, NULL, "decision",
	    "approve", "comment", "签发", NULL), 303);
}

static void
chain_api(void)
{
	chain_setup();
	ck_assert_int_eq(of_api_post("/api" CASE "/actions", U_OFFICER,
	    "{\"action\":\"reply\",\"on\":\"2026-11-20\",\"outcome\":"
	    "\"disclosed\",\"provided\":\"立项批复\",\"how_to_obtain\":"
	    "\"电子邮件发送\"}", NULL), 202);
	ck_assert_int_eq(of_api_post("/api" APPR, U_OFFICER,
	    "{\"decision\":\"approve\",\"comment\":\"拟同意\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api" APPR, U_HEAD,
	    "{\"decision\":\"approve\",\"comment\":\"同意\"}", NULL), 200);
	ck_assert_int_eq(of_api_post("/api" APPR, U_REVIEWER,
	    "{\"decision\":\"approve\",\"comment\":\"签发\"}", NULL), 200);
}

static void
chain_cli(void)
{
	char	*o;

	chain_setup();
	ck_assert_int_eq(so_cli(NULL, U_OFFICER, "case act 2026-0001 reply "
	    "--on 2026-11-20 --outcome disclosed --provided 立项批复 "
	    "--how-to-obtain 电子邮件发送"), 0);
	ck_assert_int_eq(so_cli(&o, U_OFFICER, "case decide 2026-0001 1 "
	    "approve --comment 拟同意"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"status\":\"pending\",\"step\":1"));
	free(o);
	/* Out of turn: refused, exit 3. */
	ck_assert_int_eq(so_cli(&o, U_REVIEWER, "case decide 2026-0001 1 "
	    "approve --comment 签发"), 3);
	ck_assert_ptr_nonnull(strstr(o, "第2步“审核”"));
	free(o);
	ck_assert_int_eq(so_cli(NULL, U_HEAD, "case decide 2026-0001 1 "
	    "approve --comment 同意"), 0);
	ck_assert_int_eq(so_cli(&o, U_REVIEWER, "case decide 2026-0001 1 "
	    "approve --comment 签发"), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"status\":\"approved\",\"step\":3"));
	free(o);
}

START_TEST(test_same_rows)
{
	char	*d;

	d = of_same_state(chain_page, chain_api, chain_cli);
	ck_assert_ptr_nonnull(strstr(d, "state=replied"));
	ck_assert_ptr_nonnull(strstr(d, "status=approved"));
	ck_assert_ptr_nonnull(strstr(d, "kind=approval_form"));
	ck_assert_ptr_nonnull(strstr(d, "name=审核|signer=head|decision=approve"
	    "|signed_by=head"));
	free(d);
}
END_TEST

Suite *
signoff_suite(void)
{
	Suite	*s = suite_create("signoff");
	TCase	*tc = tcase_create("chain");

	tcase_add_unchecked_fixture(tc, so_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_three_steps);
	tcase_add_test(tc, test_reject_at_step_two);
	tcase_add_test(tc, test_default_chain);
	tcase_add_test(tc, test_config);
	tcase_add_test(tc, test_same_rows);
	tcase_add_test(tc, test_fee_chain);
	suite_add_tcase(s, tc);
	return s;
}
