/* SPDX-License-Identifier: ISC */
/*
 * Letters an officer signs without editing (issue 11, item 6): every
 * reply outcome with demo-like texts renders on one page (GB/T 9704
 * §7.3.5.5, tighter lines rather than a page holding only the
 * signature); headings in 黑体 and the title in a heavy face; the
 * applicant addressed as 您 or 贵单位, never "你（单位）"; a quoted
 * request ending a sentence gets no second full stop; a long request is
 * quoted in part on a one-page receipt; the 送达回证 carries the served
 * letter's number and the place that fits the delivery; a date in a
 * year without holiday data says it is provisional; the 不再处理
 * letters state notice date, deadline and amount.
 *
 * With FOIDESK_LETTERS_OUT set to a directory, the PDFs rendered here
 * are also written there (scripts/letters-png.sh makes docs/letters/).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/deadline.h"
#include "cases/model.h"
#include "cases/view.h"
#include "forms/letter.h"
#include "forms/letter_ctx.h"
#include "forms/template.h"
#include "pdfgen/pdf.h"
#include "util/buf.h"
#include "util/doc.h"
#include "tests/testutil.h"

Suite	*letterfit_suite(void);

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* The demo agency (ops/demo.c) and texts as an officer would write them. */
static const char *const demo[][2] = {
	{ "third_party_objection", "该合同含有本公司报价构成，属于商业秘密" },
	{ "third_party_reasons", "该合同涉及财政资金使用，不公开可能对公共利益"
	    "造成重大影响。" },
	{ "reasons_period", "15" },
	{ "later_days", "40" },
	{ "approval_decision", "答复：予以公开" },
	{ "approval_requested", "王五，2025年5月20日" },
	{ "approval_steps", "1. 拟办：王五，同意，2025年5月20日\n"
	    "意见：拟予以公开\n2. 审核：赵六，同意，2025年5月21日\n"
	    "意见：同意\n3. 签发：李四，同意，2025年5月22日\n意见：同意签发" },
	{ "agency_name", "示范市示范区教育局" },
	{ "agency_code", "示范教公开" },
	{ "agency_address", "示范市示范区文化路1号" },
	{ "agency_postcode", "350100" },
	{ "agency_phone", "0591-12345678" },
	{ "review_body", "示范市示范区人民政府" },
	{ "review_address", "示范市示范区人民路100号（区司法局行政复议科）" },
	{ "court", "示范市示范区人民法院" },
	{ "court_address", "示范市示范区法院路8号" },
	{ "case_number", "2025-0042" },
	{ "doc_number", "示范教公开〔2025〕42号" },
	{ "applicant", "示范市宏达建筑工程有限公司" },
	{ "applicant_type", "business" },
	{ "applicant_address", "示范市高新区创业大道1号" },
	{ "request", "示范区第一中学新校区建设项目的立项批复文件。" },
	{ "received", "2025-09-29" },
	{ "due", "2025-10-31" },
	{ "reply_date_iso", "2025-10-24" },
	{ "letter_date", "2025-10-24" },
	{ "correction_items", "请明确所需信息的年份范围\n"
	    "请说明所需信息的具体名称或者文号" },
	{ "correction_deadline", "2025-10-20" },
	{ "correction_period", "15" },
	{ "extension_days", "20" },
	{ "new_due", "2025-11-28" },
	{ "consult_party", "示范市宏远建设集团有限公司" },
	{ "consult_subject", "示范区第一中学新校区建设工程施工合同" },
	{ "consult_deadline", "2025-11-05" },
	{ "fee_method", "按件" },
	{ "fee_count", "25" },
	{ "fee_computation", "（25－10）件×100元/件＝1500元" },
	{ "fee_amount", "1500.00" },
	{ "fee_pay_how", "请通过示范市非税收入统一缴款平台缴纳，缴款时注明"
	    "登记编号。" },
	{ "fee_deadline", "2025-11-21" },
	{ "reasons", "" },
	{ "provided", "新校区建设项目立项批复（示范发改〔2024〕31号）\n"
	    "项目选址意见书" },
	{ "how_to_obtain", "随本答复书附送纸质复印件。" },
	{ "withheld_items", "安保监控点位图——危及公共安全" },
	{ "published_where", "" },
	{ "responsible_agency", "" },
	{ "responsible_contact", "" },
	{ "earlier_reply", "示范教公开〔2025〕17号答复书" },
	{ "contact_person", "李明" },
	{ "contact_phone", "0591-12345678" },
	{ "service_doc", "政府信息公开申请答复书" },
	{ "service_method", "纸质文本，当面领取" },
	{ "service_place", "示范市示范区教育局（示范市示范区文化路1号）" },
};

static void
demo_ctx(struct ctx *c)
{
	int	 i;

	ctx_init(c);
	for (i = 0; i < NELEM(demo); i++)
		ctx_set(c, demo[i][0], demo[i][1]);
}

/* Runs a shell command, returns its exit status, *out its stdout. */
static int
sh(char **out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
sh(char **out, const char *fmt, ...)
{
	struct buf	 cmd, res;
	va_list		 ap;
	FILE		*p;
	char		 chunk[4096];
	size_t		 n;
	int		 st;

	buf_init(&cmd);
	buf_init(&res);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	buf_puts(&cmd, " 2>/dev/null");
	p = popen(buf_str(&cmd), "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	st = pclose(p);
	buf_clear(&cmd);
	*out = buf_release(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * Composes a letter from c, renders it with the default faces into
 * dir/name.pdf (and into $FOIDESK_LETTERS_OUT when set); returns the
 * path (owned).
 */
static char *
render(const char *dir, const char *name, enum letter_kind k, int o,
    const struct ctx *c)
{
	struct doc	 d;
	struct pdf_fonts f;
	struct buf	 pdf, path;
	char		 err[512];
	const char	*outdir;
	FILE		*fp;
	enum cm_err	 rc;

	rc = letter_compose(k, o, c, &d, err, sizeof(err));
	ck_assert_msg(rc == CM_OK, "%s: %s", name, err);
	pdf_fonts_default(&f);
	buf_init(&pdf);
	ck_assert_msg(pdf_render_docs(&d, 1, &f, &pdf, err, sizeof(err)) == 0,
	    "%s: %s", name, err);
	doc_free_fields(&d);
	buf_init(&path);
	buf_printf(&path, "%s/%s.pdf", dir, name);
	ck_assert_ptr_nonnull(fp = fopen(buf_str(&path), "wb"));
	ck_assert_uint_eq(fwrite(pdf.p, 1, pdf.len, fp), pdf.len);
	fclose(fp);
	if ((outdir = getenv("FOIDESK_LETTERS_OUT")) != NULL) {
		struct buf	 ob;

		buf_init(&ob);
		buf_printf(&ob, "%s/%s.pdf", outdir, name);
		if ((fp = fopen(buf_str(&ob), "wb")) != NULL) {
			fwrite(pdf.p, 1, pdf.len, fp);
			fclose(fp);
		}
		buf_clear(&ob);
	}
	buf_clear(&pdf);
	return buf_release(&path);
}

static int
pages(const char *pdf)
{
	char	*out, *p;
	int	 n = -1;

	ck_assert_int_eq(sh(&out, "pdfinfo '%s'", pdf), 0);
	if ((p = strstr(out, "\nPages:")) != NULL)
		n = atoi(p + 7);
	free(out);
	return n;
}

/* The text of a PDF, with line breaks removed (a phrase may wrap). */
static char *
text(const char *pdf)
{
	char	*out, *r, *w;

	ck_assert_int_eq(sh(&out, "pdftotext -enc UTF-8 '%s' -", pdf), 0);
	for (r = w = out; *r != '\0'; r++)
		if (*r != '\n' && *r != '\f')
			*w++ = *r;
	*w = '\0';
	return out;
}

static char *
text2(const char *dir, const char *file)
{
	struct buf	 p;
	char		*t;

	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, file);
	t = text(buf_str(&p));
	buf_clear(&p);
	return t;
}

#define HAS(t, s)	ck_assert_msg(strstr((t), (s)) != NULL, \
			    "missing \"%s\" in:\n%s", (s), (t))
#define HASNT(t, s)	ck_assert_msg(strstr((t), (s)) == NULL, \
			    "unexpected \"%s\" in:\n%s", (s), (t))

/* Per outcome, what the officer fills beyond the demo texts. */
static void
outcome_texts(struct ctx *c, int o)
{
	/* Refusals state their reasons (Art 36(3)), as does every
	 * outcome whose letter requires them. */
	if (outcome_is_refusal((enum outcome)o) ||
	    letter_requires(LETTER_REPLY, o, "reasons"))
		ctx_set(c, "reasons", "经审查，该信息属于上述情形。");
	if (o == OUT_NP_PETITION)
		ctx_set(c, "how_to_obtain", "示范区人民政府信访局（示范市"
		    "示范区人民路100号）");
	if (o == OUT_NP_PUBLICATION || o == OUT_WITHHELD_QUERY)
		ctx_set(c, "how_to_obtain", "该信息刊载于《示范区人民政府"
		    "公报》2024年第3期，可在示范区图书馆查阅。");
}

START_TEST(test_replies_one_page)
{
	struct ctx	 c;
	char		*dir = test_tmpdir(), *pdf, *t, name[80];
	int		 o;

	for (o = 0; o < OUT__MAX; o++) {
		demo_ctx(&c);
		outcome_texts(&c, o);
		ck_assert_int_eq(letter_template_name(LETTER_REPLY, o, name,
		    sizeof(name)), 0);
		pdf = render(dir, name, LETTER_REPLY, o, &c);
		/* Every outcome, 部分公开 with its two headings too, is one
		 * page (§7.3.5.5: the grid tightens, never the type). */
		ck_assert_msg(pages(pdf) == 1, "%s has %d pages", name,
		    pages(pdf));
		t = text(pdf);
		HASNT(t, "你（单位）");
		HASNT(t, "。”。");
		/* The request ends with 。: quoted once, no stop after. */
		HAS(t, "批复文件。”");
		HAS(t, "贵单位");
		HAS(t, "特此告知");
		free(t);
		free(pdf);
		ctx_clear(&c);
	}
	test_rmdir(dir);
}
END_TEST

START_TEST(test_every_kind)
{
	struct ctx	 c;
	char		*dir = test_tmpdir(), *pdf, *t;
	int		 k;

	for (k = 0; k < LETTER__MAX; k++) {
		if (k == LETTER_REPLY)
			continue;
		demo_ctx(&c);
		/* A person this time. */
		ctx_set(&c, "applicant", "张伟");
		ctx_set(&c, "applicant_type", "person");
		/* A receipt carries no number; a proof of service names
		 * the served letter's. */
		if (k == LETTER_RECEIPT)
			ctx_set(&c, "doc_number", "");
		pdf = render(dir, letter_kind_codes[k], (enum letter_kind)k, -1,
		    &c);
		/* Every kind with the demo's texts is one page. */
		ck_assert_msg(pages(pdf) == 1, "%s has %d pages",
		    letter_kind_codes[k], pages(pdf));
		t = text(pdf);
		HASNT(t, "你（单位）");
		HASNT(t, "。”。");
		HASNT(t, "贵单位");
		if (k != LETTER_SERVICE && k != LETTER_CONSULT_THIRD &&
		    k != LETTER_CONSULT_AGENCY &&
		    k != LETTER_THIRD_PARTY_DECISION &&
		    k != LETTER_APPROVAL_FORM)
			HAS(t, "您");
		if (k == LETTER_SERVICE)
			HAS(t, "政府信息公开申请答复书（示范教公开〔2025〕42号）");
		free(t);
		free(pdf);
		ctx_clear(&c);
	}
	test_rmdir(dir);
}
END_TEST

/* Is a font whose name contains s listed by pdffonts? */
static int
has_font(const char *pdf, const char *s)
{
	char	*out;
	int	 r;

	ck_assert_int_eq(sh(&out, "pdffonts '%s'", pdf), 0);
	r = strstr(out, s) != NULL;
	free(out);
	return r;
}

START_TEST(test_faces)
{
	struct ctx	 c;
	char		*dir = test_tmpdir(), *pdf;

	demo_ctx(&c);
	/* 部分公开 has "一、" headings: 黑体 (WenQuanYi Zen Hei). */
	pdf = render(dir, "partial", LETTER_REPLY, OUT_PARTIAL, &c);
	ck_assert(has_font(pdf, "WenQuanYi"));
	ck_assert(has_font(pdf, "Bousung"));	/* AR PL SungtiL GB */
	free(pdf);
	/* No headings: the face is there for the title alone. */
	ctx_set(&c, "reasons", "该信息经审查属于上述情形。");
	pdf = render(dir, "law", LETTER_REPLY, OUT_WITHHELD_LAW, &c);
	ck_assert(has_font(pdf, "WenQuanYi"));
	free(pdf);
	ctx_clear(&c);
	test_rmdir(dir);
}
END_TEST

START_TEST(test_numbered_indent)
{
	struct ctx	 c;
	struct doc	 d;
	char		 err[256];
	size_t		 i, n = 0;

	demo_ctx(&c);
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_PARTIAL, &c, &d,
	    err, sizeof(err)), CM_OK);
	/* Numbered items are body paragraphs (indented 2 字). */
	for (i = 0; i < d.npara; i++)
		if (strncmp(d.paras[i].text, "1.", 2) == 0 ||
		    strncmp(d.paras[i].text, "2.", 2) == 0) {
			ck_assert_int_eq(d.paras[i].kind, DOC_P_BODY);
			n++;
		}
	ck_assert_uint_ge(n, 2);
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_address)
{
	struct ctx	 c;
	struct doc	 d;
	char		 err[256];
	size_t		 i;
	int		 found = 0;

	demo_ctx(&c);
	ctx_set(&c, "address_org", "你公司");
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d,
	    err, sizeof(err)), CM_OK);
	for (i = 0; i < d.npara; i++)
		if (strstr(d.paras[i].text, "你公司于") != NULL)
			found = 1;
	ck_assert(found);
	doc_free_fields(&d);
	ctx_set(&c, "applicant_type", "");
	ck_assert_int_eq(letter_compose(LETTER_RECEIPT, -1, &c, &d,
	    err, sizeof(err)), CM_OK);
	ck_assert_ptr_nonnull(strstr(d.paras[0].text, "您于"));
	doc_free_fields(&d);
	/* A consultation subject typed with its full stop: not doubled. */
	ctx_set(&c, "consult_subject", "施工合同。");
	ck_assert_int_eq(letter_compose(LETTER_CONSULT_AGENCY, -1, &c, &d,
	    err, sizeof(err)), CM_OK);
	ck_assert_ptr_nonnull(strstr(d.paras[0].text, "施工合同。经查"));
	doc_free_fields(&d);
	ctx_clear(&c);
}
END_TEST

START_TEST(test_long_request)
{
	struct ctx	 c;
	struct buf	 req;
	char		*dir = test_tmpdir(), *pdf, *t;
	int		 i;

	buf_init(&req);
	for (i = 0; i < 300; i++)
		buf_puts(&req, "示范区教育经费明细表");
	demo_ctx(&c);
	ctx_set(&c, "doc_number", "");
	ctx_set(&c, "request", buf_str(&req));
	pdf = render(dir, "receipt-long", LETTER_RECEIPT, -1, &c);
	ck_assert_int_eq(pages(pdf), 1);
	t = text(pdf);
	HAS(t, "详见申请");
	free(t);
	free(pdf);
	buf_clear(&req);
	ctx_clear(&c);
	test_rmdir(dir);
}
END_TEST

/* A case at hand for letter_ctx_fill(). */
struct fixture {
	struct case_view	 v;
	struct agency		 a;
	struct event_rec	 ev[2];
};

static void
fixture(struct fixture *f, const char *delivery)
{
	memset(f, 0, sizeof(*f));
	deadline_init(&f->v.dl);
	f->v.rec.number = "2025-0042";
	snprintf(f->v.rec.id, sizeof(f->v.rec.id), "x");
	snprintf(f->v.rec.received, sizeof(f->v.rec.received), "2025-09-29");
	f->v.rec.request = "示范区民办幼儿园收费标准核定文件";
	f->v.rec.delivery = (char *)delivery;
	f->v.rec.appl.name = "张伟";
	f->v.rec.appl.type = "person";
	f->v.rec.appl.address = "示范市示范区文化路12号3单元402室";
	f->v.rec.appl.email = "zw@example.cn";
	f->a.name = "示范市示范区教育局";
	f->a.address = "示范市示范区文化路1号";
	f->a.correction_period = 15;
	f->v.ev = f->ev;
}

START_TEST(test_service)
{
	struct fixture		 f;
	struct letter_src	 s;
	struct ctx		 c;
	char			*dir = test_tmpdir(), *pdf, *t;

	fixture(&f, "纸质文本，当面领取");
	memset(&s, 0, sizeof(s));
	s.view = &f.v;
	s.agency = &f.a;
	s.served_doc = "政府信息公开申请答复书";
	s.served_number = "示范教公开〔2025〕42号";
	s.today = test_day("2025-10-24");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_SERVICE, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "service_place"),
	    "示范市示范区教育局（示范市示范区文化路1号）");
	pdf = render(dir, "service-face", LETTER_SERVICE, -1, &c);
	ck_assert_int_eq(pages(pdf), 1);
	t = text(pdf);
	HAS(t, "示范教公开〔2025〕42号");
	HAS(t, "送达地点：示范市示范区教育局");
	HASNT(t, "文化路12号");
	free(t);
	free(pdf);
	/* The date fields are never broken across lines. */
	ck_assert_int_eq(sh(&t, "pdftotext -layout '%s/service-face.pdf' - "
	    "| grep -c '年.*月.*日'", dir), 0);
	ck_assert_int_ge(atoi(t), 2);
	free(t);
	ck_assert_int_eq(sh(&t, "pdftotext -layout '%s/service-face.pdf' - "
	    "| grep -E '年 *$' | wc -l", dir), 0);
	ck_assert_int_eq(atoi(t), 0);
	free(t);
	ctx_clear(&c);

	fixture(&f, "纸质文本，邮寄");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_SERVICE, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "service_place"),
	    "示范市示范区文化路12号3单元402室");
	ctx_clear(&c);
	test_rmdir(dir);
}
END_TEST

START_TEST(test_provisional)
{
	struct fixture		 f;
	struct letter_src	 s;
	struct ctx		 c;
	struct calendar		*cal = test_calendar();
	struct doc		 d;
	char			 err[256];
	size_t			 i;
	int			 found = 0;

	ck_assert(!calendar_year_loaded(cal, 2027));
	fixture(&f, "纸质文本，邮寄");
	snprintf(f.v.rec.received, sizeof(f.v.rec.received), "2026-12-01");
	f.ev[0].action = "extend";
	snprintf(f.ev[0].effective, sizeof(f.ev[0].effective), "2026-12-20");
	f.ev[0].days = 20;
	f.v.nev = 1;
	f.v.dl.start = test_day("2026-12-01");
	f.v.dl.due_base = test_day("2027-01-27");
	memset(&s, 0, sizeof(s));
	s.view = &f.v;
	s.agency = &f.a;
	s.cal = cal;
	s.today = test_day("2026-12-20");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_EXTENSION, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "new_due"),
	    "2027年1月27日" LETTER_PROVISIONAL_NOTE);
	ctx_set(&c, "reasons", "");
	ck_assert_int_eq(letter_compose(LETTER_EXTENSION, -1, &c, &d, err,
	    sizeof(err)), CM_OK);
	for (i = 0; i < d.npara; i++)
		if (strstr(d.paras[i].text, "至迟于2027年1月27日（如遇节假日"
		    "调整，以实际工作日为准）") != NULL)
			found = 1;
	ck_assert(found);
	doc_free_fields(&d);
	ctx_clear(&c);

	/* A date within loaded years is stated plainly. */
	f.v.dl.due_base = test_day("2026-12-29");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_EXTENSION, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "new_due"), "2026-12-29");
	ctx_clear(&c);
	calendar_free(cal);
}
END_TEST

/* A reprinted receipt states the deadline counted from receipt. */
START_TEST(test_receipt_due)
{
	struct fixture		 f;
	struct letter_src	 s;
	struct ctx		 c;
	struct calendar		*cal = test_calendar();

	fixture(&f, "纸质文本，邮寄");
	/* Today the case runs to a later, extended deadline. */
	f.v.dl.period = 20;
	f.v.dl.start = test_day("2025-09-29");
	f.v.dl.due_base = test_day("2025-12-16");
	memset(&s, 0, sizeof(s));
	s.view = &f.v;
	s.agency = &f.a;
	s.cal = cal;
	s.today = test_day("2025-12-01");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_RECEIPT, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "due"), "2025-11-03");
	ck_assert_str_eq(ctx_get(&c, "letter_date"), "2025-09-29");
	ctx_clear(&c);
	calendar_free(cal);
}
END_TEST

START_TEST(test_lapse_letters)
{
	struct fixture		 f;
	struct letter_src	 s;
	struct ctx		 c;
	struct calendar		*cal = test_calendar();
	struct doc		 d;
	char			 err[256];
	struct buf		 all;
	size_t			 i;

	fixture(&f, "纸质文本，邮寄");
	memset(&s, 0, sizeof(s));
	s.view = &f.v;
	s.agency = &f.a;
	s.cal = cal;
	s.today = test_day("2025-11-20");

	/* 逾期不补正. */
	f.v.rec.outcome = "other.no_correction";
	f.ev[0].action = "request-correction";
	snprintf(f.ev[0].effective, sizeof(f.ev[0].effective), "2025-10-09");
	f.ev[1].action = "correction-lapsed";
	snprintf(f.ev[1].effective, sizeof(f.ev[1].effective), "2025-11-03");
	f.v.nev = 2;
	f.v.dl.correction_deadline = test_day("2025-10-30");
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_REPLY, &s, &c));
	ck_assert_str_eq(ctx_get(&c, "notice_date"), "2025-10-09");
	ck_assert_str_eq(ctx_get(&c, "correction_deadline"), "2025-10-30");
	ctx_set(&c, "review_body", "示范市示范区人民政府");
	ctx_set(&c, "review_address", "人民路100号");
	ctx_set(&c, "court", "示范市示范区人民法院");
	ctx_set(&c, "court_address", "法院路8号");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_OTHER_NO_CORRECTION,
	    &c, &d, err, sizeof(err)), CM_OK);
	buf_init(&all);
	for (i = 0; i < d.npara; i++)
		buf_puts(&all, d.paras[i].text);
	HAS(buf_str(&all), "本机关已于2025年10月9日告知您");
	HAS(buf_str(&all), "补正期限至2025年10月30日");
	buf_clear(&all);
	doc_free_fields(&d);
	ctx_clear(&c);

	/* 逾期未缴费. */
	f.v.rec.outcome = "other.no_fee";
	f.ev[0].action = "fee-notice";
	f.ev[0].amount_fen = 150000;
	snprintf(f.ev[0].effective, sizeof(f.ev[0].effective), "2025-10-09");
	f.ev[1].action = "fee-lapsed";
	ctx_init(&c);
	ck_assert_ptr_null(letter_ctx_fill(LETTER_REPLY, &s, &c));
	ctx_set(&c, "review_body", "示范市示范区人民政府");
	ctx_set(&c, "review_address", "人民路100号");
	ctx_set(&c, "court", "示范市示范区人民法院");
	ctx_set(&c, "court_address", "法院路8号");
	ck_assert_int_eq(letter_compose(LETTER_REPLY, OUT_OTHER_NO_FEE,
	    &c, &d, err, sizeof(err)), CM_OK);
	buf_init(&all);
	for (i = 0; i < d.npara; i++)
		buf_puts(&all, d.paras[i].text);
	HAS(buf_str(&all), "本机关已于2025年10月9日向您发出");
	HAS(buf_str(&all), "人民币1500.00元");
	HAS(buf_str(&all), "缴费期限至2025年11月");
	buf_clear(&all);
	doc_free_fields(&d);
	ctx_clear(&c);
	calendar_free(cal);
}
END_TEST

/*
 * Through the command, on the demo agency: the agency's word for an
 * organisation (贵单位 by default), a too long one refused; the 送达回证
 * names the served letter with its number.
 */
START_TEST(test_cli)
{
	char	*dir = test_tmpdir(), *out, *t;

	ck_assert_int_eq(test_run(&out, "--db %s/t.db init --demo", dir), 0);
	free(out);
	/* 2025-0002: a village committee (other_org). */
	ck_assert_int_eq(test_run(&out, "--db %s/t.db letter 2025-0002 "
	    "--kind receipt -o %s/a.pdf", dir, dir), 0);
	free(out);
	t = text2(dir, "a.pdf");
	HAS(t, "贵单位于");
	free(t);
	ck_assert_int_ne(test_run(&out, "--db %s/t.db agency set "
	    "--address-org 一二三四五六七八九", dir), 0);
	HAS(out, "对单位申请人的称呼");
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s/t.db agency set "
	    "--address-org 贵村委会", dir), 0);
	free(out);
	/* An issued letter is immutable: the new wording is a reissue. */
	ck_assert_int_eq(test_run(&out, "--db %s/t.db letter 2025-0002 "
	    "--kind receipt --reissue --reason 称呼已按本机关设置调整 "
	    "-o %s/b.pdf", dir, dir), 0);
	free(out);
	t = text2(dir, "b.pdf");
	HAS(t, "贵村委会于");
	HASNT(t, "贵单位");
	free(t);
	/* 2026-0006: 逾期未缴费; its letter (stored when the lapse was
	 * recorded), then the proof of service. */
	ck_assert_int_eq(test_run(&out, "--db %s/t.db letter get 2026-0006 "
	    "--kind reply -o %s/c.pdf", dir, dir), 0);
	free(out);
	t = text2(dir, "c.pdf");
	HAS(t, "人民币1500.00元");
	HAS(t, "本机关已于");
	free(t);
	ck_assert_int_eq(test_run(&out, "--db %s/t.db letter 2026-0006 "
	    "--kind service -o %s/d.pdf", dir, dir), 0);
	free(out);
	t = text2(dir, "d.pdf");
	HAS(t, "不再处理告知书（示范教公开〔2026〕");
	free(t);
	test_rmdir(dir);
}
END_TEST

Suite *
letterfit_suite(void)
{
	Suite	*s = suite_create("letterfit");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_replies_one_page);
	tcase_add_test(tc, test_every_kind);
	tcase_add_test(tc, test_faces);
	tcase_add_test(tc, test_numbered_indent);
	tcase_add_test(tc, test_address);
	tcase_add_test(tc, test_long_request);
	tcase_add_test(tc, test_service);
	tcase_add_test(tc, test_provisional);
	tcase_add_test(tc, test_receipt_due);
	tcase_add_test(tc, test_lapse_letters);
	tcase_add_test(tc, test_cli);
	suite_add_tcase(s, tc);
	return s;
}
