/* SPDX-License-Identifier: ISC */
/*
 * Issue 12, findings 4 and 7 (domain.md decisions 12 and 15).
 *
 * Re-handling after 纠正 (2023 行政复议法 art. 64, 责令重新作出): an
 * appeal decided `corrected` with --redo reopens the replied case in
 * handling, with a new deadline of N working days (default 20) from the
 * day the agency received the decision; the new reply is version 2 of
 * the reply letter with a new 文号; the annual report counts the
 * application once, in the year it was first concluded.
 *
 * Online reconsideration channel (2023 行政复议法 art. 22 ¶2): a reply
 * delivered online names the 复议机关's online channel; withheld.query
 * (Art 36(7)) offers reconsideration or suit, not reconsideration first.
 *
 * Dates are counted by hand on cases/cn-calendar.tsv (comments).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/report.h"
#include "ops/appeal.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/letter_issue.h"
#include "ops/op.h"
#include "ops/report.h"
#include "store/letters.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "util/buf.h"

struct rfix {
	char		*dir;
	struct store	*st;
	struct calendar	*cal;
	int		 today;
};

static void
rsetup(struct rfix *f)
{
	struct agency	 a;
	char		 err[256];

	f->today = test_day("2026-11-20");
	f->dir = test_tmpdir();
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, f->today, err,
	    sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	memset(&a, 0, sizeof(a));
	a.name = (char *)"示范市示范区教育局";
	a.code = (char *)"示范教公开";
	a.address = (char *)"示范市示范区文化路1号";
	a.phone = (char *)"0591-12345678";
	a.review_body = (char *)"示范市示范区人民政府";
	a.review_address = (char *)"示范市示范区人民路100号";
	a.court = (char *)"示范市示范区人民法院";
	a.court_address = (char *)"示范市示范区法院路8号";
	a.correction_period = 15;
	ck_assert_int_eq(store_agency_put(f->st, &a, "2026-11-20T00:00:00Z"),
	    CM_OK);
}

static void
rteardown(struct rfix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

static void
newcase(struct rfix *f, const char *received, const char *delivery,
    char id[37])
{
	struct case_input in;
	char		 num[32], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = "李四";
	in.applicant_type = "person";
	in.request = "示范区2024年教育经费预算执行情况";
	in.address = "示范市示范区建设街56号";
	in.delivery = delivery;
	ck_assert_int_eq(case_new(f->st, f->cal, &in, "clerk", f->today, id,
	    num, sizeof(num), err, sizeof(err)), CM_OK);
	ck_assert_int_eq(case_text_set(f->st, id, "reasons",
	    "该信息属于法律、行政法规禁止公开的信息。", "officer"), CM_OK);
	ck_assert_int_eq(case_text_set(f->st, id, "provided",
	    "示范区2024年教育经费预算执行情况表", "officer"), CM_OK);
	ck_assert_int_eq(case_text_set(f->st, id, "how_to_obtain",
	    "可到示范区档案馆查阅。", "officer"), CM_OK);
}

/* An action and, as op_case_act does, the letter it sends. */
static void
step(struct rfix *f, const char *id, const char *action, const char *on,
    const char *outcome, struct letter_out *o)
{
	struct act_input a;
	char		 err[512];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	a.outcome = outcome;
	ck_assert_int_eq(store_begin(f->st), CM_OK);
	ck_assert_msg(case_act(f->st, f->cal, id, &a, "officer", f->today, err,
	    sizeof(err)) == CM_OK, "%s: %s", action, err);
	ck_assert_msg(letter_after_action(f->st, f->cal, id, action, "officer",
	    f->today, o, err, sizeof(err)) == CM_OK, "%s letter: %s", action,
	    err);
	ck_assert_int_eq(store_commit(f->st), CM_OK);
}

static void
replied_case(struct rfix *f, char id[37], struct letter_out *o)
{
	/* Received Tue 2025-06-03; replied 2025-06-20, a refusal. */
	newcase(f, "2025-06-03", "纸质文本，邮寄", id);
	step(f, id, "register", "2025-06-03", NULL, NULL);
	step(f, id, "review", "2025-06-04", NULL, NULL);
	step(f, id, "accept", "2025-06-05", NULL, NULL);
	letter_out_init(o);
	step(f, id, "reply", "2025-06-20", "withheld.law", o);
}

static int64_t
appeal(struct rfix *f, const char *id)
{
	struct appeal_input in;
	int64_t		 aid = 0;
	char		 err[256];

	memset(&in, 0, sizeof(in));
	in.case_key = id;
	in.kind = "reconsideration";
	in.filed = "2025-07-10";
	in.body = "示范市示范区人民政府";
	ck_assert_msg(appeal_add(f->st, &in, "officer", f->today, &aid, err,
	    sizeof(err)) == CM_OK, "%s", err);
	return aid;
}

static struct op_ctx
ctx_of(struct rfix *f)
{
	struct op_ctx	 c;

	memset(&c, 0, sizeof(c));
	c.st = f->st;
	c.cal = f->cal;
	c.actor = "officer";
	c.role = ROLE_ADMIN;
	c.today = f->today;
	return c;
}

START_TEST(test_redo_reopens_case)
{
	struct rfix	 f;
	struct letter_out v1, v2;
	struct appeal_decide_in in;
	struct op_refusal rf;
	struct op_ctx	 c;
	struct case_view v;
	struct act_input a;
	struct letter_info *l = NULL;
	struct report	 r;
	size_t		 n = 0, i;
	int64_t		 aid;
	int		 nreply = 0;
	char		 id[37], err[256], n1[96];

	rsetup(&f);
	c = ctx_of(&f);
	replied_case(&f, id, &v1);
	ck_assert_int_eq(v1.version, 1);
	ck_assert_str_ne(v1.doc_number, "");
	snprintf(n1, sizeof(n1), "%s", v1.doc_number);
	aid = appeal(&f, id);

	/* An officer cannot reopen a case by hand. */
	act_input_init(&a);
	a.action = "redo";
	a.on = "2025-09-08";
	ck_assert_int_eq(case_act(f.st, f.cal, id, &a, "officer", f.today, err,
	    sizeof(err)), CM_CONFLICT);
	/* A redo order goes only with a corrected result. */
	memset(&in, 0, sizeof(in));
	in.id = aid;
	in.result = "upheld";
	in.decided = "2025-09-05";
	in.redo = 1;
	ck_assert_int_eq(op_appeal_decide(&c, &in, &rf), CM_INVALID);
	ck_assert_str_eq(rf.field, "redo");
	/* Nor can the decision reach the agency before it was made. */
	in.result = "corrected";
	in.received = "2025-09-04";
	ck_assert_int_eq(op_appeal_decide(&c, &in, &rf), CM_INVALID);
	ck_assert_str_eq(rf.field, "received");
	ck_assert_int_eq(case_load(f.st, f.cal, id, f.today, &v), CM_OK);
	ck_assert_str_eq(v.rec.state, "replied");
	case_view_clear(&v);

	/* Decided Fri 2025-09-05, received Mon 2025-09-08 (day 0).
	 * Working days: 09-09..12 (1-4), 15..19 (5-9), 22..26 (10-14),
	 * Sun 09-28 is a workday (15), 29 (16), 30 (17); 10-01..08 are
	 * holidays; 10-09 (18), 10-10 (19), Sat 10-11 a workday (20).
	 * New deadline 2025-10-11. */
	in.received = "2025-09-08";
	ck_assert_msg(op_appeal_decide(&c, &in, &rf) == CM_OK, "%s", rf.msg);
	ck_assert_int_eq(case_load(f.st, f.cal, id, f.today, &v), CM_OK);
	ck_assert_str_eq(v.rec.state, "handling");
	ck_assert_int_eq(v.dl.due, test_day("2025-10-11"));
	ck_assert_int_eq(v.dl.start, test_day("2025-09-08"));
	ck_assert_int_eq(v.dl.closed_on, DATE_NONE);
	/* Still concluded, for the report, on the first reply's day. */
	ck_assert_str_eq(v.rec.closed_on, "2025-06-20");
	ck_assert_str_eq(v.ev[v.nev - 1].action, "redo");
	case_view_clear(&v);

	/* The new reply: version 2 of the reply letter, a new 文号. */
	letter_out_init(&v2);
	step(&f, id, "reply", "2025-10-09", "disclosed", &v2);
	ck_assert_int_eq(v2.version, 2);
	ck_assert_str_ne(v2.doc_number, "");
	ck_assert_msg(strcmp(v2.doc_number, n1) != 0, "same 文号 %s", n1);
	ck_assert_int_eq(letters_list(f.st, id, &l, &n), CM_OK);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].kind, "reply") == 0) {
			nreply++;
			ck_assert_str_eq(l[i].doc_number, l[i].version == 1 ?
			    n1 : v2.doc_number);
		}
	ck_assert_int_eq(nreply, 2);
	letter_infos_free(l, n);
	ck_assert_int_eq(case_load(f.st, f.cal, id, f.today, &v), CM_OK);
	ck_assert_str_eq(v.rec.state, "replied");
	ck_assert_int_eq(v.dl.late, 0);		/* 10-09 <= 10-11 */
	ck_assert_str_eq(v.rec.closed_on, "2025-06-20");
	case_view_clear(&v);

	/* The 2025 report counts the application once; the appeal is a
	 * corrected reconsideration in table 四. */
	ck_assert_int_eq(report_compute(f.st, 2025, &r), CM_OK);
	ck_assert_int_eq(r.app[RR_NEW][RC_TOTAL], 1);
	ck_assert_int_eq(r.app[RR_CONCLUDED][RC_TOTAL], 1);
	ck_assert_int_eq(r.app[RR_CARRIED_OUT][RC_TOTAL], 0);
	ck_assert_int_eq(r.appeals[AK_RECONSIDERATION][AR_CORRECTED], 1);
	report_clear(&r);
	ck_assert_int_eq(report_compute(f.st, 2026, &r), CM_OK);
	ck_assert_int_eq(r.app[RR_CARRIED_IN][RC_TOTAL], 0);
	ck_assert_int_eq(r.app[RR_CONCLUDED][RC_TOTAL], 0);
	report_clear(&r);
	letter_out_clear(&v1);
	letter_out_clear(&v2);
	rteardown(&f);
}
END_TEST

/* --days sets the period; an overdue re-handling shows as overdue. */
START_TEST(test_redo_days)
{
	struct rfix	 f;
	struct letter_out v1, v2;
	struct appeal_decide_in in;
	struct op_refusal rf;
	struct op_ctx	 c;
	struct case_view v;
	char		 id[37], err[256];

	rsetup(&f);
	c = ctx_of(&f);
	replied_case(&f, id, &v1);
	memset(&in, 0, sizeof(in));
	in.id = appeal(&f, id);
	in.result = "corrected";
	in.decided = "2025-09-05";
	in.redo = 1;
	in.days = 10;
	/* Received = decided, Fri 2025-09-05 (day 0): 09-08..12 (1-5),
	 * 09-15..19 (6-10): due 2025-09-19. */
	ck_assert_msg(op_appeal_decide(&c, &in, &rf) == CM_OK, "%s", rf.msg);
	ck_assert_int_eq(case_load(f.st, f.cal, id, f.today, &v), CM_OK);
	ck_assert_int_eq(v.dl.due, test_day("2025-09-19"));
	ck_assert_int_eq(v.dl.overdue, 1);	/* today 2026-11-20 */
	case_view_clear(&v);
	/* The first reply reissued before the new one keeps its 文号. */
	ck_assert_str_ne(v1.doc_number, "");
	letter_out_init(&v2);
	ck_assert_msg(letter_reissue(f.st, f.cal, id, "reply", "补印",
	    "officer", f.today, &v2, err, sizeof(err)) == CM_OK, "%s", err);
	ck_assert_int_eq(v2.version, 2);
	ck_assert_str_eq(v2.doc_number, v1.doc_number);
	letter_out_clear(&v2);
	/* The new reply: version 3, a new 文号. */
	letter_out_init(&v2);
	step(&f, id, "reply", "2025-09-18", "disclosed", &v2);
	ck_assert_int_eq(v2.version, 3);
	ck_assert_msg(strcmp(v2.doc_number, v1.doc_number) != 0, "%s",
	    v2.doc_number);
	letter_out_clear(&v2);
	letter_out_clear(&v1);
	rteardown(&f);
}
END_TEST

/* Writes the PDF, returns its text with all white space removed. */
static char *
pdf_text(struct rfix *f, const struct buf *pdf)
{
	char	 path[600], cmd[700], chunk[4096];
	FILE	*fp, *p;
	struct buf out;
	size_t	 n, i;

	snprintf(path, sizeof(path), "%s/l.pdf", f->dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(pdf->p, 1, pdf->len, fp), pdf->len);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' - 2>/dev/null", path);
	buf_init(&out);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		for (i = 0; i < n; i++)
			if (chunk[i] != ' ' && chunk[i] != '\n' &&
			    chunk[i] != '\f' && chunk[i] != '\r')
				buf_putc(&out, chunk[i]);
	ck_assert_int_eq(pclose(p), 0);
	return buf_release(&out);
}

#define ONLINE	"https://fy.shifan.gov.cn"

/* The reply letter's text for a case delivered as delivery. */
static char *
reply_text(struct rfix *f, const char *delivery, const char *outcome)
{
	struct letter_out o;
	char		 id[37], *t;

	newcase(f, "2025-06-03", delivery, id);
	step(f, id, "register", "2025-06-03", NULL, NULL);
	step(f, id, "review", "2025-06-04", NULL, NULL);
	step(f, id, "accept", "2025-06-05", NULL, NULL);
	letter_out_init(&o);
	step(f, id, "reply", "2025-06-20", outcome, &o);
	t = pdf_text(f, &o.pdf);
	letter_out_clear(&o);
	return t;
}

START_TEST(test_online_channel)
{
	struct rfix	 f;
	char		*t;

	rsetup(&f);
	/* No channel configured: nothing is named. */
	t = reply_text(&f, "电子数据，网上申请平台", "disclosed");
	ck_assert_msg(strstr(t, "互联网渠道") == NULL, "%s", t);
	free(t);
	ck_assert_int_eq(setting_put(f.st, "review_online", ONLINE), CM_OK);
	/* Delivered online: the channel is named, in every remedy. */
	t = reply_text(&f, "电子数据，网上申请平台", "disclosed");
	ck_assert_msg(strstr(t, "行政复议申请也可以通过互联网渠道（" ONLINE
	    "）提交") != NULL, "%s", t);
	free(t);
	t = reply_text(&f, "在线送达", "withheld.law");
	ck_assert_msg(strstr(t, ONLINE) != NULL, "%s", t);
	ck_assert_msg(strstr(t, "应当先依法申请行政复议") != NULL, "%s", t);
	free(t);
	/* By post or e-mail: not named. */
	t = reply_text(&f, "纸质文本，邮寄", "disclosed");
	ck_assert_msg(strstr(t, ONLINE) == NULL, "%s", t);
	ck_assert_msg(strstr(t, "互联网渠道") == NULL, "%s", t);
	free(t);
	t = reply_text(&f, "电子数据，电子邮件", "disclosed");
	ck_assert_msg(strstr(t, ONLINE) == NULL, "%s", t);
	free(t);
	rteardown(&f);
}
END_TEST

/* Art 36(7) is no refusal under Arts 14-16: either route, not
 * reconsideration first (decision 15). */
START_TEST(test_query_remedy)
{
	struct rfix	 f;
	char		*t;

	rsetup(&f);
	t = reply_text(&f, "纸质文本，邮寄", "withheld.query");
	ck_assert_msg(strstr(t, "应当先") == NULL, "%s", t);
	ck_assert_msg(strstr(t, "60日内向示范市示范区人民政府") != NULL, "%s",
	    t);
	ck_assert_msg(strstr(t, "6个月内向示范市示范区人民法院") != NULL, "%s",
	    t);
	free(t);
	/* A refusal proper still says reconsideration comes first. */
	t = reply_text(&f, "纸质文本，邮寄", "withheld.law");
	ck_assert_msg(strstr(t, "应当先依法申请行政复议") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "6个月") == NULL, "%s", t);
	free(t);
	rteardown(&f);
}
END_TEST

/* The same through the command line: appeal decide --redo, agency set
 * --review-online, case show --json. */
START_TEST(test_redo_cli)
{
	struct rfix	 f;
	struct letter_out v1;
	char		 id[37], *out;
	int64_t		 aid;

	rsetup(&f);
	replied_case(&f, id, &v1);
	letter_out_clear(&v1);
	aid = appeal(&f, id);
	/* --redo goes only with corrected. */
	ck_assert_int_ne(test_run(&out, "--db '%s/f.db' appeal decide %lld"
	    " --result upheld --decided 2025-09-05 --redo", f.dir,
	    (long long)aid), 0);
	free(out);
	/* Received Wed 2025-09-10 (day 0), 15 working days: 09-11, 12
	 * (1-2), 15..19 (3-7), 22..26 (8-12), Sun 09-28 workday (13),
	 * 29 (14), 30 (15): due 2025-09-30. */
	ck_assert_int_eq(test_run(&out, "--db '%s/f.db' appeal decide %lld"
	    " --result corrected --decided 2025-09-05 --redo"
	    " --received 2025-09-10 --days 15", f.dir, (long long)aid), 0);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s/f.db' case show %s --json",
	    f.dir, id), 0);
	ck_assert_msg(strstr(out, "\"state\":\"handling\"") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "\"due\":\"2025-09-30\"") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db '%s/f.db' agency set"
	    " --review-online " ONLINE, f.dir), 0);
	free(out);
	ck_assert_int_eq(setting_get(f.st, "review_online", &out), CM_OK);
	ck_assert_str_eq(out, ONLINE);
	free(out);
	rteardown(&f);
}
END_TEST

Suite *
redo_suite(void)
{
	Suite	*s = suite_create("redo");
	TCase	*tc = tcase_create("redo");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_redo_reopens_case);
	tcase_add_test(tc, test_redo_days);
	tcase_add_test(tc, test_redo_cli);
	tcase_add_test(tc, test_online_channel);
	tcase_add_test(tc, test_query_remedy);
	suite_add_tcase(s, tc);
	return s;
}
