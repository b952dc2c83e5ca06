/* SPDX-License-Identifier: ISC */
/*
 * The intake's 登记回执 typeset after the commit (issue 17,
 * ops/letter_pending.h): the intake records it pending with its content
 * fixed; a read typesets it on the fly, writes nothing, and gives the
 * bytes stored later; the CLI's close and the writes that need the bytes
 * (archive sealing) store it; a render that fails stays pending, is
 * counted and retried; `case new` leaves it stored.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/roles.h"
#include "ops/archive.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "ops/letter_issue.h"
#include "ops/letter_pending.h"
#include "ops/op.h"
#include "pdfgen/pdf.h"
#include "store/archive.h"
#include "store/letters.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "util/buf.h"

Suite	*receipt_suite(void);

struct rfix {
	char		*dir;
	char		 db[512];
	struct store	*st;
	struct calendar	*cal;
	struct op_ctx	 ctx;
};

static void
agency(struct rfix *f, const char *name)
{
	struct agency	 a;

	memset(&a, 0, sizeof(a));
	a.name = (char *)name;
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
rsetup(struct rfix *f)
{
	char	 err[256];

	memset(f, 0, sizeof(*f));
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, test_day("2026-11-20"),
	    err, sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	agency(f, "示范市示范区教育局");
	f->ctx.st = f->st;
	f->ctx.cal = f->cal;
	f->ctx.actor = "clerk";
	f->ctx.role = ROLE_REVIEWER;
	f->ctx.today = test_day("2026-11-20");
}

static void
rteardown(struct rfix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

/* An intake through op_intake, as the page, the API and the CLI do. */
static void
intake(struct rfix *f, const char *applicant, struct intake_out *out)
{
	struct intake_in	 in;
	struct op_refusal	 rf;

	memset(&in, 0, sizeof(in));
	in.c.received = "2026-11-19";
	in.c.channel = "in_person";
	in.c.applicant = applicant;
	in.c.applicant_type = "person";
	in.c.request = "示范区2025年教育经费预算执行情况";
	in.c.address = "示范市示范区建设街56号";
	ck_assert_msg(op_intake(&f->ctx, &in, out, &rf) == CM_OK, "%s",
	    rf.msg);
	ck_assert_int_eq(out->receipt_version, 1);
}

static size_t
npending(struct rfix *f)
{
	int64_t	 n, failed;
	char	*why;

	ck_assert_int_eq(letters_pending_count(f->st, &n, &failed, &why),
	    CM_OK);
	free(why);
	return (size_t)n;
}

/* The stored receipt (store only, no pending), or -1 when none. */
static int
stored(struct rfix *f, const char *id, struct buf *pdf,
    struct letter_info *li)
{
	memset(li, 0, sizeof(*li));
	return letter_fetch(f->st, id, "receipt", 0, pdf, li) == CM_OK ? 0 :
	    -1;
}

/*
 * Intake leaves the receipt pending; reads typeset it on the fly and
 * write nothing; the content is the intake's even after the agency
 * changes its name; the bytes stored later are the bytes read before.
 */
START_TEST(test_pending_then_stored)
{
	struct rfix		 f;
	struct intake_out	 out;
	struct letter_info	 a, b, s;
	struct letter_info	*l;
	struct buf		 pa, pb, ps;
	size_t			 n, i, nst, nfail;
	int			 seen = 0;

	rsetup(&f);
	intake(&f, "李四", &out);
	buf_init(&pa);
	buf_init(&pb);
	buf_init(&ps);
	ck_assert_int_eq(npending(&f), 1);
	ck_assert_int_eq(stored(&f, out.id, &ps, &s), -1);
	/* Read on the fly: a PDF, version 1, by the intake's user. */
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(letter_fetch_any(f.st, out.id, "receipt", 0, &pa,
	    &a), CM_OK);
	ck_assert_uint_gt(pa.len, 1000);
	ck_assert_int_eq(memcmp(pa.p, "%PDF-", 5), 0);
	ck_assert_int_eq(a.version, 1);
	ck_assert_str_eq(a.created_by, "clerk");
	ck_assert_int_eq(a.size, (int64_t)pa.len);
	/* The list shows it as stored, with its digest. */
	ck_assert_int_eq(letters_list_all(f.st, out.id, &l, &n), CM_OK);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].kind, "receipt") == 0) {
			ck_assert_str_eq(l[i].sha256, a.sha256);
			seen++;
		}
	letter_infos_free(l, n);
	ck_assert_int_eq(seen, 1);
	/* Reading wrote nothing. */
	ck_assert_int_eq(npending(&f), 1);
	ck_assert_int_eq(stored(&f, out.id, &ps, &s), -1);
	/* The receipt says what it said at intake. */
	agency(&f, "示范市示范区教育和体育局");
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(letter_fetch_any(f.st, out.id, "receipt", 1, &pb,
	    &b), CM_OK);
	ck_assert_uint_eq(pb.len, pa.len);
	ck_assert_int_eq(memcmp(pb.p, pa.p, pa.len), 0);
	/* Stored (as the CLI does before it returns): the same bytes and
	 * identity. */
	ck_assert_int_eq(lpend_run(f.st, &nst, &nfail), CM_OK);
	ck_assert_uint_eq(nst, 1);
	ck_assert_uint_eq(nfail, 0);
	ck_assert_int_eq(npending(&f), 0);
	ck_assert_int_eq(stored(&f, out.id, &ps, &s), 0);
	ck_assert_uint_eq(ps.len, pa.len);
	ck_assert_int_eq(memcmp(ps.p, pa.p, pa.len), 0);
	ck_assert_str_eq(s.sha256, a.sha256);
	ck_assert_int_eq(s.version, 1);
	ck_assert_str_eq(s.created_by, a.created_by);
	ck_assert_str_eq(s.created_at, a.created_at);
	/* Nothing left to do. */
	ck_assert_int_eq(lpend_run(f.st, &nst, &nfail), CM_OK);
	ck_assert_uint_eq(nst, 0);
	letter_info_clear(&a);
	letter_info_clear(&b);
	letter_info_clear(&s);
	buf_clear(&pa);
	buf_clear(&pb);
	buf_clear(&ps);
	rteardown(&f);
}
END_TEST

/* A receipt issued again for a case whose receipt is pending is refused
 * as before (version 1 stands), and issuing another letter stores the
 * pending one first. */
START_TEST(test_issue_flushes)
{
	struct rfix		 f;
	struct intake_out	 out;
	struct letter_out	 lo;
	char			 err[256];

	rsetup(&f);
	intake(&f, "王五", &out);
	letter_out_init(&lo);
	ck_assert_int_eq(letter_issue_later(f.st, f.cal, out.id, "receipt",
	    "clerk", f.ctx.today, &lo, err, sizeof(err)), CM_CONFLICT);
	ck_assert_int_eq(npending(&f), 1);
	ck_assert_int_eq(letter_issue(f.st, f.cal, out.id, "receipt", "clerk",
	    f.ctx.today, &lo, err, sizeof(err)), CM_CONFLICT);
	/* The write that needed the letters stored the pending one. */
	ck_assert_int_eq(npending(&f), 0);
	letter_out_clear(&lo);
	rteardown(&f);
}
END_TEST

/* Sealing a case whose receipt is pending stores it first and seals the
 * bytes a read showed before. */
START_TEST(test_archive_with_pending)
{
	struct rfix		 f;
	struct intake_out	 out;
	struct letter_info	 a, s;
	struct op_refusal	 rf;
	struct archive_rec	*r = NULL;
	struct buf		 pa, ps;
	size_t			 nr = 0;

	rsetup(&f);
	intake(&f, "赵六", &out);
	buf_init(&pa);
	buf_init(&ps);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(letter_fetch_any(f.st, out.id, "receipt", 0, &pa,
	    &a), CM_OK);
	ck_assert_int_eq(npending(&f), 1);
	op_refusal_init(&rf);
	ck_assert_int_eq(store_begin(f.st), CM_OK);
	ck_assert_msg(archive_seal(&f.ctx, out.id, &rf) == CM_OK, "%s",
	    rf.msg);
	ck_assert_int_eq(store_commit(f.st), CM_OK);
	ck_assert_int_eq(npending(&f), 0);
	ck_assert_int_eq(stored(&f, out.id, &ps, &s), 0);
	ck_assert_str_eq(s.sha256, a.sha256);
	/* The sealed manifest names the receipt's digest. */
	ck_assert_int_eq(archive_list(f.st, out.id, 0, &r, &nr), CM_OK);
	ck_assert_uint_eq(nr, 1);
	ck_assert_ptr_nonnull(strstr(r[0].manifest, a.sha256));
	archive_recs_free(r, nr);
	letter_info_clear(&a);
	letter_info_clear(&s);
	buf_clear(&pa);
	buf_clear(&ps);
	rteardown(&f);
}
END_TEST

/* A receipt composed with a face that is missing fails to render: it
 * stays pending, counted with its reason, is not retried before its
 * time, and is stored once the face is there and its time has come. */
START_TEST(test_failure_retry)
{
	struct rfix		 f;
	struct intake_out	 out;
	struct pdf_fonts	 def;
	struct letter_info	 s;
	struct buf		 ps;
	char			 face[600], cmd[1400], *why, *o;
	int64_t			 n, failed;
	size_t			 nst, nfail;

	rsetup(&f);
	snprintf(face, sizeof(face), "%s/body.ttf", f.dir);
	ck_assert_int_eq(setting_put(f.st, "font_body", face), CM_OK);
	intake(&f, "钱七", &out);
	ck_assert_int_eq(lpend_run(f.st, &nst, &nfail), CM_OK);
	ck_assert_uint_eq(nst, 0);
	ck_assert_uint_eq(nfail, 1);
	ck_assert_int_eq(letters_pending_count(f.st, &n, &failed, &why),
	    CM_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(failed, 1);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "body.ttf") != NULL, "%s", why);
	free(why);
	/* Not due again at once. */
	ck_assert_int_eq(lpend_run(f.st, &nst, &nfail), CM_OK);
	ck_assert_uint_eq(nst + nfail, 0);
	/* The face put in place, the retry time come: stored. */
	pdf_fonts_default(&def);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", def.body.path, face);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "sqlite3 -cmd '.timeout 5000' '%s' "
	    "\"UPDATE letters_pending SET next_try = ''\"", f.db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(lpend_run(f.st, &nst, &nfail), CM_OK);
	ck_assert_uint_eq(nst, 1);
	ck_assert_uint_eq(nfail, 0);
	buf_init(&ps);
	ck_assert_int_eq(stored(&f, out.id, &ps, &s), 0);
	letter_info_clear(&s);
	buf_clear(&ps);
	/* `case new` leaves its receipt stored when it returns. */
	ck_assert_int_eq(test_run(&o, "--db '%s' case new --received "
	    "2026-11-19 --channel in_person --applicant-type person "
	    "--applicant 孙八 --request '示范区2025年校舍维修资金安排' --json",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"receipt_version\":1"));
	free(o);
	ck_assert_int_eq(npending(&f), 0);
	ck_assert_int_eq(test_run(&o, "--db '%s' letter list 2026-0002",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(o, "receipt\tv1"));
	free(o);
	rteardown(&f);
}
END_TEST

/*
 * A CLI write command stores the letters it composed, not the backlog
 * another connection left (the server's receipts after a burst): `case
 * new` beside two receipts pending from the store's own intakes leaves
 * those two pending and its own stored; `letter render` then stores the
 * two and prints the counts.  Fails if cli_close() typesets every due
 * letter again.
 */
START_TEST(test_cli_stores_its_own)
{
	struct rfix		 f;
	struct intake_out	 a, b;
	struct letter_info	 s;
	struct buf		 ps;
	char			*o;

	rsetup(&f);
	intake(&f, "周九", &a);
	intake(&f, "吴十", &b);
	ck_assert_int_eq(npending(&f), 2);
	ck_assert_int_eq(test_run(&o, "--db '%s' case new --received "
	    "2026-11-19 --channel in_person --applicant-type person "
	    "--applicant 郑一 --request '示范区2025年校舍维修资金安排' --json",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(o, "\"receipt_version\":1"));
	free(o);
	ck_assert_int_eq(npending(&f), 2);
	ck_assert_int_eq(test_run(&o, "--db '%s' letter list 2026-0003",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(o, "receipt\tv1"));
	free(o);
	buf_init(&ps);
	ck_assert_int_eq(stored(&f, a.id, &ps, &s), -1);
	ck_assert_int_eq(test_run(&o, "--db '%s' letter render", f.db), 0);
	ck_assert_str_eq(o, "{\"stored\":2,\"failed\":0}\n");
	free(o);
	ck_assert_int_eq(npending(&f), 0);
	ck_assert_int_eq(stored(&f, a.id, &ps, &s), 0);
	letter_info_clear(&s);
	buf_clear(&ps);
	ck_assert_int_eq(stored(&f, b.id, &ps, &s), 0);
	letter_info_clear(&s);
	buf_clear(&ps);
	/* Nothing left: nothing to do. */
	ck_assert_int_eq(test_run(&o, "--db '%s' letter render", f.db), 0);
	ck_assert_str_eq(o, "{\"stored\":0,\"failed\":0}\n");
	free(o);
	rteardown(&f);
}
END_TEST

Suite *
receipt_suite(void)
{
	Suite	*s = suite_create("receipt");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pending_then_stored);
	tcase_add_test(tc, test_issue_flushes);
	tcase_add_test(tc, test_archive_with_pending);
	tcase_add_test(tc, test_failure_retry);
	tcase_add_test(tc, test_cli_stores_its_own);
	suite_add_tcase(s, tc);
	return s;
}
