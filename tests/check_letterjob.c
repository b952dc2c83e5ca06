/* SPDX-License-Identifier: ISC */
/*
 * Letters end to end: a case in the database, its letter generated,
 * stored and read back with pdftotext.  Every document kind and every
 * outcome; the remedy paragraph (decision 7; 行政复议法 arts. 20, 23;
 * 行政诉讼法 art. 46); document numbers allocated once, in sequence;
 * qpdf --check and pdffonts on the output.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "store/letters.h"
#include "store/store.h"
#include "ops/letter_issue.h"
#include "tests/testutil.h"
#include "util/buf.h"

struct lfix {
	char		*dir;
	struct store	*st;
	struct calendar	*cal;
	int		 today;
};

static void
lsetup(struct lfix *f)
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
lteardown(struct lfix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

static void
newcase(struct lfix *f, char id[37])
{
	struct case_input in;
	char		 num[32], err[256];

	memset(&in, 0, sizeof(in));
	in.received = "2025-04-01";
	in.channel = "in_person";
	in.applicant = "李四";
	in.applicant_type = "person";
	in.request = "示范区2024年教育经费预算执行情况";
	in.address = "示范市示范区建设街56号";
	ck_assert_int_eq(case_new(f->st, f->cal, &in, "clerk", f->today, id,
	    num, sizeof(num), err, sizeof(err)), CM_OK);
}

static void
step(struct lfix *f, const char *id, const char *action, const char *on,
    const char *outcome)
{
	struct act_input a;
	char		 err[256];

	act_input_init(&a);
	a.action = action;
	a.on = on;
	a.outcome = outcome;
	if (strcmp(action, "fee-notice") == 0)
		a.amount_fen = 150000;
	ck_assert_msg(case_act(f->st, f->cal, id, &a, "officer", f->today, err,
	    sizeof(err)) == CM_OK, "%s: %s", action, err);
}

static void
texts(struct lfix *f, const char *id)
{
	static const char *const kv[][2] = {
		{ "reasons", "该信息涉及第三方商业秘密。" },
		{ "provided", "示范区2024年教育经费预算执行情况表" },
		{ "how_to_obtain", "可到示范区档案馆查阅。" },
		{ "withheld_items", "合同附件——涉及商业秘密" },
		{ "correction_items", "请明确所需信息的年份" },
		{ "earlier_reply", "示范教公开〔2025〕1号答复书" },
		{ "consult_party", "示范市宏达建筑工程有限公司" },
		{ "consult_subject", "示范区实验小学食堂服务承包合同" },
		{ "fee_method", "item" },
		{ "fee_count", "25" },
		{ "fee_pay_how", "请于缴费期限内通过非税收入缴款系统缴纳。" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++)
		ck_assert_int_eq(case_text_set(f->st, id, kv[i][0], kv[i][1],
		    "officer"), CM_OK);
}

/* Writes the PDF, returns its text with all white space removed. */
static char *
pdf_text(struct lfix *f, const struct buf *pdf)
{
	char	 path[600], cmd[700], chunk[4096];
	FILE	*fp, *p;
	struct buf out;
	size_t	 n, i, k;

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
	(void)k;
	return buf_release(&out);
}

static void
has(const char *text, const char *want, const char *what)
{
	ck_assert_msg(strstr(text, want) != NULL, "%s: missing \"%s\" in %s",
	    what, want, text);
}

/* Each "、"-separated part of a basis is cited. */
static void
has_each(const char *text, const char *basis, const char *what)
{
	char	 part[256];
	const char *p = basis, *q;

	while (*p != '\0') {
		if ((q = strstr(p, "、")) == NULL)
			q = p + strlen(p);
		snprintf(part, sizeof(part), "%.*s", (int)(q - p), p);
		has(text, part, what);
		p = *q != '\0' ? q + strlen("、") : q;
	}
}

static char *
issue(struct lfix *f, const char *id, const char *kind, struct letter_out *o)
{
	char	 err[512];

	letter_out_init(o);
	ck_assert_msg(letter_issue(f->st, f->cal, id, kind, "officer", f->today,
	    o, err, sizeof(err)) == CM_OK, "%s: %s", kind, err);
	return pdf_text(f, &o->pdf);
}

/* Every outcome: the reply cites its basis and carries the remedies. */
START_TEST(test_reply_every_outcome)
{
	struct lfix	 f;
	struct letter_out o;
	char		 id[37], *t;
	int		 k;

	lsetup(&f);
	for (k = 0; k < OUT__MAX; k++) {
		const char *oc = outcomes[k].code;

		newcase(&f, id);
		texts(&f, id);
		step(&f, id, "register", "2025-04-01", NULL);
		step(&f, id, "review", "2025-04-02", NULL);
		if (k == OUT_OTHER_NO_CORRECTION) {
			step(&f, id, "request-correction", "2025-04-03", NULL);
			test_delivered(f.st, id, "correction", "2025-04-03",
			    "2025-04-03");
			step(&f, id, "correction-lapsed", "2025-05-06", NULL);
		} else if (k == OUT_OTHER_NO_FEE) {
			step(&f, id, "accept", "2025-04-03", NULL);
			step(&f, id, "fee-notice", "2025-04-07", NULL);
			test_delivered(f.st, id, "fee", "2025-04-07",
			    "2025-04-07");
			step(&f, id, "fee-lapsed", "2025-05-09", NULL);
		} else if (k == OUT_OTHER_OTHER) {
			step(&f, id, "withdraw", "2025-04-08", NULL);
		} else {
			if (k == OUT_UNAVAILABLE_UNCLEAR) {
				step(&f, id, "request-correction",
				    "2025-04-03", NULL);
				step(&f, id, "corrected", "2025-04-08", NULL);
			}
			step(&f, id, "reply", "2025-04-20", oc);
		}
		t = issue(&f, id, "reply", &o);
		has(t, "示范市示范区教育局", oc);
		has(t, "李四", oc);
		has(t, "2025年4月1日", oc);
		if (k != OUT_OTHER_OTHER) {
			has(t, o.doc_number, oc);
			has(t, "示范市示范区人民政府", oc);
			has(t, "示范市示范区人民路100号", oc);
			has(t, "60日", oc);
		}
		if (outcomes[k].basis != NULL)
			has_each(t, outcomes[k].basis, oc);
		if (outcome_is_refusal((enum outcome)k)) {
			/* 行政复议法 (2023) art. 23: reconsideration first. */
			has(t, "应当先依法申请行政复议", oc);
			ck_assert_msg(strstr(t, "6个月") == NULL,
			    "%s offers a direct suit", oc);
		} else if (k != OUT_OTHER_OTHER) {
			has(t, "示范市示范区人民法院", oc);
			has(t, "示范市示范区法院路8号", oc);
			has(t, "6个月", oc);
		}
		free(t);
		letter_out_clear(&o);
	}
	lteardown(&f);
}
END_TEST

/* Every notice kind, each needing its event. */
START_TEST(test_notices)
{
	struct lfix	 f;
	struct letter_out o;
	char		 id[37], *t, err[256];

	lsetup(&f);
	newcase(&f, id);
	texts(&f, id);
	t = issue(&f, id, "receipt", &o);
	has(t, "登记回执", "receipt");
	has(t, "2025年4月29日", "receipt due");
	ck_assert_str_eq(o.doc_number, "");
	free(t);
	letter_out_clear(&o);
	/* A correction notice needs a correction request. */
	letter_out_init(&o);
	ck_assert_int_eq(letter_issue(f.st, f.cal, id, "correction", "officer",
	    f.today, &o, err, sizeof(err)), CM_CONFLICT);
	letter_out_clear(&o);
	step(&f, id, "register", "2025-04-01", NULL);
	step(&f, id, "review", "2025-04-02", NULL);
	step(&f, id, "request-correction", "2025-04-03", NULL);
	t = issue(&f, id, "correction", &o);
	has(t, "补正告知书", "correction");
	has(t, "请明确所需信息的年份", "correction item");
	/* Decision 10: counted from the applicant's receipt, which the
	 * letter cannot know: the period, not 04-03 + 15 wd. */
	has(t, "自收到本告知书之日起15个工作日内", "correction period");
	has(t, "第三十条", "correction basis");
	free(t);
	letter_out_clear(&o);
	step(&f, id, "corrected", "2025-04-08", NULL);
	step(&f, id, "accept", "2025-04-09", NULL);
	step(&f, id, "consult-start", "2025-04-10", NULL);
	t = issue(&f, id, "consultation", &o);
	has(t, "征求意见书", "consultation");
	has(t, "示范市宏达建筑工程有限公司", "consult party");
	has(t, "15个工作日", "consult period");
	has(t, "第三十二条", "consult basis");
	free(t);
	letter_out_clear(&o);
	t = issue(&f, id, "consultation_agency", &o);
	has(t, "第三十四条", "agency consult basis");
	free(t);
	letter_out_clear(&o);
	step(&f, id, "consult-end", "2025-04-21", NULL);
	step(&f, id, "extend", "2025-05-06", NULL);
	t = issue(&f, id, "extension", &o);
	has(t, "延期答复告知书", "extension");
	has(t, "20个工作日", "extension days");
	has(t, "第三十三条", "extension basis");
	free(t);
	letter_out_clear(&o);
	step(&f, id, "fee-notice", "2025-05-07", NULL);
	t = issue(&f, id, "fee", &o);
	has(t, "收费通知书", "fee");
	has(t, "1500.00元", "fee amount");
	has(t, "109号", "fee basis");
	free(t);
	letter_out_clear(&o);
	step(&f, id, "fee-paid", "2025-05-09", NULL);
	step(&f, id, "reply", "2025-05-20", "disclosed");
	t = issue(&f, id, "reply", &o);
	free(t);
	letter_out_clear(&o);
	t = issue(&f, id, "service", &o);
	has(t, "送达回证", "service");
	has(t, "政府信息公开申请答复书", "served document");
	free(t);
	letter_out_clear(&o);
	lteardown(&f);
}
END_TEST

/* Numbers are allocated once per case and kind, in sequence; every
 * generation is stored as a new immutable version. */
START_TEST(test_numbers_and_versions)
{
	struct lfix	 f;
	struct letter_out o;
	struct letter_info *l;
	char		 a[37], b[37], first[96], *t, err[256];
	size_t		 n;

	lsetup(&f);
	newcase(&f, a);
	newcase(&f, b);
	step(&f, a, "register", "2025-04-01", NULL);
	step(&f, a, "reply", "2025-04-01", "not_processed.petition");
	/* A petition's reply states its reasons (Art 36(3)). */
	ck_assert_int_eq(case_text_set(f.st, a, "reasons", "属于投诉事项。",
	    "officer"), CM_OK);
	step(&f, b, "register", "2025-04-01", NULL);
	step(&f, b, "review", "2025-04-02", NULL);
	/* A refused letter (missing paragraph) uses up no number. */
	step(&f, b, "reply", "2025-04-03", "partial");
	letter_out_init(&o);
	ck_assert_int_eq(letter_issue(f.st, f.cal, b, "reply", "officer",
	    f.today, &o, err, sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "provided"));
	letter_out_clear(&o);
	t = issue(&f, a, "reply", &o);
	ck_assert_str_eq(o.doc_number, "示范教公开〔2025〕1号");
	ck_assert_int_eq(o.version, 1);
	snprintf(first, sizeof(first), "%s", o.sha256);
	free(t);
	letter_out_clear(&o);
	/* Issued letters are immutable: issuing again is refused, a new
	 * version needs the explicit reissue with a reason, and keeps the
	 * 文号. */
	letter_out_init(&o);
	ck_assert_int_eq(letter_issue(f.st, f.cal, a, "reply", "officer",
	    f.today, &o, err, sizeof(err)), CM_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err, "重新出具"));
	ck_assert_int_eq(letter_reissue(f.st, f.cal, a, "reply", "", "officer",
	    f.today, &o, err, sizeof(err)), CM_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "原因"));
	ck_assert_int_eq(letter_reissue(f.st, f.cal, b, "reply", "更正",
	    "officer", f.today, &o, err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(letter_reissue(f.st, f.cal, a, "reply",
	    "申请人地址有误，更正后重新出具", "officer", f.today, &o, err,
	    sizeof(err)), CM_OK);
	ck_assert_str_eq(o.doc_number, "示范教公开〔2025〕1号");
	ck_assert_int_eq(o.version, 2);
	letter_out_clear(&o);
	texts(&f, b);
	t = issue(&f, b, "reply", &o);
	ck_assert_str_eq(o.doc_number, "示范教公开〔2025〕2号");
	free(t);
	letter_out_clear(&o);
	ck_assert_int_eq(letters_list(f.st, a, &l, &n), CM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(l[0].sha256, first);
	ck_assert_int_eq(l[1].version, 2);
	letter_infos_free(l, n);
	lteardown(&f);
}
END_TEST

START_TEST(test_pdf_checks)
{
	struct lfix	 f;
	struct letter_out o;
	char		 id[37], path[600], cmd[800], *t;
	FILE		*fp;

	lsetup(&f);
	newcase(&f, id);
	texts(&f, id);
	step(&f, id, "register", "2025-04-01", NULL);
	step(&f, id, "review", "2025-04-02", NULL);
	step(&f, id, "reply", "2025-04-20", "partial");
	t = issue(&f, id, "reply", &o);
	free(t);
	ck_assert_uint_le(o.pdf.len, 60 * 1024);
	snprintf(path, sizeof(path), "%s/c.pdf", f.dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "wb"));
	fwrite(o.pdf.p, 1, o.pdf.len, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", path);
	ck_assert_int_eq(system(cmd), 0);
	/* Every font embedded: no line of pdffonts has "no" in the emb
	 * column (the fourth field from the end). */
	snprintf(cmd, sizeof(cmd), "pdffonts '%s' 2>/dev/null | tail -n +3 | "
	    "awk '{ if ($(NF-4) != \"yes\") bad = 1 } END { exit bad }'",
	    path);
	ck_assert_int_eq(system(cmd), 0);
	letter_out_clear(&o);
	lteardown(&f);
}
END_TEST

Suite *
letterjob_suite(void)
{
	Suite	*s = suite_create("letterjob");
	TCase	*tc;

	tc = tcase_create("letter_issue");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reply_every_outcome);
	tcase_add_test(tc, test_notices);
	tcase_add_test(tc, test_numbers_and_versions);
	tcase_add_test(tc, test_pdf_checks);
	suite_add_tcase(s, tc);
	return s;
}
