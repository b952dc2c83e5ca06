/* SPDX-License-Identifier: ISC */
/*
 * Archiving (issue 14) through the CLI: `case act ID archive` seals
 * the case file; its 卷内目录 lists the parts in order with the pages
 * they start on (pdftotext), the file passes `qpdf --check`, the
 * manifest's hashes are those of the parts, a changed byte makes
 * `archive verify` fail, a sealed case refuses every write except an
 * appeal and the re-handling (which seals a supplementary item), and
 * `archive export` writes the files named by 档号.
 *
 * The case: received 2026-11-02, 登记回执 on registration, extension
 * (延期答复告知书) on 11-10, reply (答复书) on 11-16: three letters; a
 * proof of delivery (a one-page PDF) and a PNG attachment.  The file
 * is 1 page of 卷内目录, then 登记表 p2, 登记回执 p3, 延期答复告知书 p4,
 * 答复书 p5, 送达凭证 p6, the PNG p7, 办理记录 p8; 档号
 * 0001-2026-D10-GK-0001 (default 全宗号 and 机构, 10年, first 件).
 */
#include <sys/wait.h>

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"
#include "tests/webfix.h"

#define DANGAN	"0001-2026-D10-GK-0001"

struct afix {
	char	*dir;
	char	 db[512];
	char	 att_sha[65];	/* the PNG attachment's */
};

/* A 2x2 red PNG. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
	0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00,
	0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
	0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14,
	0xd4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82
};

/* A one-page PDF saying PROOF OF DELIVERY (qpdf rebuilds its xref). */
static const char proof_pdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
    " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
    "4 0 obj << /Length 52 >> stream\n"
    "BT /F1 24 Tf 72 700 Td (PROOF OF DELIVERY) Tj ET\n"
    "endstream endobj\n"
    "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

static void
write_bytes(const char *path, const void *p, size_t len)
{
	FILE	*f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Runs the CLI and asserts it succeeded, showing its output if not. */
#define RUN_OK(...) do {						\
	char	*o_;							\
	int	 r_ = test_run(&o_, __VA_ARGS__);			\
	ck_assert_msg(r_ == 0, "%s", o_);				\
	free(o_);							\
} while (0)

static void
setup(struct afix *f)
{
	char	 path[600], *out, *p;

	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/a.db", f->dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --agency 示范局", f->db),
	    0);
	ck_assert_int_eq(test_run(NULL, "--db %s agency set --name 示范局 "
	    "--address 某路1号 --review-body 某市人民政府 --review-address "
	    "某路2号 --court 某区人民法院 --court-address 某路3号", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case new --received "
	    "2026-11-02 --channel in_person --applicant 张三 --applicant-type "
	    "person --request 某文件 --address 某市某路1号", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 register "
	    "--on 2026-11-02", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 review "
	    "--on 2026-11-02", f->db), 0);
	ck_assert_int_eq(test_run(NULL, "--db %s case act 2026-0001 accept "
	    "--on 2026-11-02", f->db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s case act 2026-0001 extend "
	    "--on 2026-11-10", f->db), 0);
	free(out);
	RUN_OK("--db %s case act 2026-0001 "
	    "reply --on 2026-11-16 --outcome disclosed --provided 某文件全文 "
	    "--how-to-obtain 邮寄", f->db);
	snprintf(path, sizeof(path), "%s/proof.pdf", f->dir);
	write_bytes(path, proof_pdf, sizeof(proof_pdf) - 1);
	RUN_OK("--db %s delivery add "
	    "2026-0001 --letter reply --method in_person --sent 2026-11-16 "
	    "--proof %s", f->db, path);
	snprintf(path, sizeof(path), "%s/scan.png", f->dir);
	write_bytes(path, png, sizeof(png));
	ck_assert_int_eq(test_run(&out, "--db %s case attach 2026-0001 %s "
	    "--name 申请书扫描件.png", f->db, path), 0);
	ck_assert_ptr_nonnull(p = strstr(out, "\"sha256\":\""));
	memcpy(f->att_sha, p + 10, 64);
	f->att_sha[64] = '\0';
	free(out);
	RUN_OK("--db %s case act "
	    "2026-0001 archive", f->db);
}

static void
teardown(struct afix *f)
{
	test_rmdir(f->dir);
}

/* The output of a shell command (free()); *rc its exit status. */
static char *
sh(int *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *
sh(int *rc, const char *fmt, ...)
{
	char	 cmd[2048], chunk[4096];
	char	*res = NULL;
	size_t	 len = 0, n;
	va_list	 ap;
	FILE	*p;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		res = realloc(res, len + n + 1);
		ck_assert_ptr_nonnull(res);
		memcpy(res + len, chunk, n);
		len += n;
	}
	st = pclose(p);
	if (res == NULL)
		res = strdup("");
	else
		res[len] = '\0';
	if (rc != NULL)
		*rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return res;
}

/* Exports 2026 into DIR/out; the path of the sealed PDF. */
static void
export(struct afix *f, char *pdf, size_t len)
{

	RUN_OK("--db %s archive export "
	    "--year 2026 -o %s/out", f->db, f->dir);
	snprintf(pdf, len, "%s/out/" DANGAN ".pdf", f->dir);
}

/* The last blank-separated word of the line of text containing s. */
static void
row_last(const char *text, const char *s, char *out, size_t len)
{
	const char	*p, *e, *w;

	ck_assert_msg((p = strstr(text, s)) != NULL, "no row %s in %s", s,
	    text);
	if ((e = strchr(p, '\n')) == NULL)
		e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	for (w = e; w > p && w[-1] != ' '; w--)
		;
	snprintf(out, len, "%.*s", (int)(e - w), w);
}

START_TEST(test_seal_index)
{
	static const struct {
		const char	*row;		/* in the 卷内目录 */
		const char	*page;		/* its page number there */
		const char	*text;		/* on that page */
	} want[] = {
		{ "政府信息公开申请登记表", "2", "政府信息公开申请登记表" },
		{ "登记回执", "3", "政府信息公开申请登记回执" },
		{ "延期答复告知书", "4", "延期答复告知书" },
		{ "答复书（予以公开）", "5", "政府信息公开申请答复书" },
		{ "送达凭证：proof.pdf", "6", "PROOFOFDELIVERY" },
		{ "附件：申请书扫描件.png", "7", NULL },
		{ "办理记录", "8", "办理记录" },
	};
	struct afix	 f;
	char		 pdf[700], got[32], *toc, *page, *p, *out;
	const char	*prev;
	size_t		 i;
	int		 rc;

	setup(&f);
	export(&f, pdf, sizeof(pdf));
	out = sh(&rc, "qpdf --check '%s' 2>&1", pdf);
	ck_assert_msg(rc == 0, "qpdf --check: %s", out);
	free(out);
	out = sh(&rc, "pdfinfo '%s' | grep '^Pages:'", pdf);
	ck_assert_ptr_nonnull(strstr(out, " 8"));
	free(out);
	toc = sh(&rc, "pdftotext -layout -f 1 -l 1 '%s' -", pdf);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(toc, "卷内目录"));
	ck_assert_ptr_nonnull(strstr(toc, "档号：" DANGAN));
	/* The 归档章: 全宗号 0001, 年度 2026, 保管期限 10年, 8 pages. */
	ck_assert_ptr_nonnull(strstr(toc, "全宗号"));
	ck_assert_ptr_nonnull(strstr(toc, "10年"));
	prev = toc;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		/* In order, each with the page it starts on. */
		ck_assert_msg((p = strstr(prev, want[i].row)) != NULL,
		    "%s not after the row before", want[i].row);
		prev = p;
		row_last(p, want[i].row, got, sizeof(got));
		ck_assert_str_eq(got, want[i].page);
		if (want[i].text == NULL)
			continue;
		page = sh(&rc, "pdftotext -f %s -l %s '%s' - | tr -d ' \\n'",
		    want[i].page, want[i].page, pdf);
		ck_assert_msg(strstr(page, want[i].text) != NULL,
		    "page %s: %s", want[i].page, page);
		free(page);
	}
	/* The 文号 of the extension and the reply are listed. */
	ck_assert_ptr_nonnull(strstr(toc, "示范局〔2026〕1号"));
	ck_assert_ptr_nonnull(strstr(toc, "示范局〔2026〕2号"));
	free(toc);
	teardown(&f);
}
END_TEST

START_TEST(test_manifest_hashes)
{
	struct afix	 f;
	char		 pdf[700], want[80], *out, *sum, *csv;
	int		 rc;

	setup(&f);
	export(&f, pdf, sizeof(pdf));
	ck_assert_int_eq(test_run(&out, "--db %s archive show 2026-0001 "
	    "--json", f.db), 0);
	/* The file's own hash is that of the exported bytes. */
	sum = sh(&rc, "sha256sum '%s' | cut -c1-64", pdf);
	sum[64] = '\0';
	snprintf(want, sizeof(want), "\"pdf_sha256\":\"%s\"", sum);
	ck_assert_msg(strstr(out, want) != NULL, "%s not in %s", want, out);
	ck_assert_ptr_nonnull(strstr(out, "\"dangan\":\"" DANGAN "\""));
	ck_assert_ptr_nonnull(strstr(out, "\"retention\":\"D10\""));
	free(sum);
	/* The attachment's hash is in the manifest. */
	ck_assert_ptr_nonnull(strstr(out, f.att_sha));
	free(out);
	/* The manifest exported beside it is the one show prints, and its
	 * hash is the one in the audit row of the seal. */
	sum = sh(&rc, "sha256sum '%s/out/" DANGAN ".json' | cut -c1-64",
	    f.dir);
	sum[64] = '\0';
	ck_assert_int_eq(test_run(&out, "--db %s archive show 2026-0001",
	    f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, sum));
	free(out);
	out = sh(&rc, "sqlite3 '%s' \"SELECT detail FROM audit WHERE action ="
	    " 'archive.seal'\"", f.db);
	ck_assert_ptr_nonnull(strstr(out, sum));
	free(out);
	free(sum);
	csv = sh(&rc, "cat '%s/out/归档目录.csv'", f.dir);
	ck_assert_ptr_nonnull(strstr(csv, DANGAN ",0,0001,2026,10年,GK,1,"
	    "2026-0001,8,"));
	ck_assert_ptr_nonnull(strstr(csv, DANGAN ".pdf"));
	free(csv);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "完好"));
	free(out);
	teardown(&f);
}
END_TEST

START_TEST(test_verify_detects_change)
{
	struct afix	 f;
	char		 copy[600], *out;
	int		 rc;

	setup(&f);
	/* Someone with the database file changes one byte of the reply
	 * (past the triggers, which refuse it otherwise). */
	snprintf(copy, sizeof(copy), "%s/t.db", f.dir);
	out = sh(&rc, "cp '%s' '%s' && sqlite3 '%s' \"UPDATE letters SET "
	    "pdf = pdf WHERE kind = 'reply'\" 2>&1", f.db, copy, copy);
	ck_assert_int_ne(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, "该案件已归档封存，不能修改"));
	free(out);
	out = sh(&rc, "sqlite3 '%s' \"DROP TRIGGER archive_letters_update; "
	    "UPDATE letters SET pdf = CAST(substr(pdf, 1, 200) || 'X' || "
	    "substr(pdf, 202) AS BLOB) WHERE kind = 'reply'\" 2>&1", copy);
	ck_assert_msg(rc == 0, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", copy), 3);
	ck_assert_ptr_nonnull(strstr(out, "letter:"));
	ck_assert_ptr_nonnull(strstr(out, "不符"));
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify 2026-0001",
	    copy), 3);
	free(out);
	/* The sealed PDF itself, changed. */
	out = sh(&rc, "cp '%s' '%s' && sqlite3 '%s' \"DROP TRIGGER "
	    "archive_files_no_update; UPDATE archive_files SET pdf = "
	    "CAST(substr(pdf, 1, 300) || 'X' || substr(pdf, 302) AS BLOB)\" "
	    "2>&1", f.db, copy, copy);
	ck_assert_msg(rc == 0, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", copy), 3);
	ck_assert_ptr_nonnull(strstr(out, "归档PDF与封存时的SHA-256不符"));
	free(out);
	/* The original is intact. */
	ck_assert_int_eq(test_run(NULL, "--db %s archive verify", f.db), 0);
	teardown(&f);
}
END_TEST

START_TEST(test_sealed_refuses_writes)
{
	static const char *const writes[] = {
		"case text 2026-0001 reasons 改写",
		"case note 2026-0001 备注",
		"case act 2026-0001 withdraw --on 2026-11-20",
		"letter 2026-0001 --kind reply --reissue --reason 更正 -o "
		    "/dev/null",
		"delivery add 2026-0001 --letter extension --method post "
		    "--tracking EMS1 --sent 2026-11-18",
		"delivery received 2026-0001 --letter reply --on 2026-11-17",
	};
	struct afix	 f;
	char		 path[600], *before, *after, *out;
	size_t		 i;
	int		 rc;

	setup(&f);
	snprintf(path, sizeof(path), "%s/scan.png", f.dir);
	before = test_dump(f.db);
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		rc = test_run(&out, "--db %s %s", f.db, writes[i]);
		ck_assert_msg(rc == 3 && strstr(out, "该案件已归档封存，不能修改")
		    != NULL, "%s: %d %s", writes[i], rc, out);
		free(out);
	}
	rc = test_run(&out, "--db %s case attach 2026-0001 %s", f.db, path);
	ck_assert_msg(rc == 3 && strstr(out, "该案件已归档封存") != NULL, "%s",
	    out);
	free(out);
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* Below the operations: the triggers. */
	out = sh(&rc, "sqlite3 '%s' \"DELETE FROM events WHERE seq = 1\" "
	    "2>&1", f.db);
	ck_assert_int_ne(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, "该案件已归档封存"));
	free(out);
	out = sh(&rc, "sqlite3 '%s' \"UPDATE cases SET handler = 'x'\" 2>&1",
	    f.db);
	ck_assert_int_ne(rc, 0);
	free(out);
	/* The two allowed: an appeal, then the re-handling it orders. */
	RUN_OK("--db %s appeal add "
	    "2026-0001 --kind reconsideration --filed 2026-11-20 --body "
	    "某市人民政府", f.db);
	RUN_OK("--db %s appeal decide 1 "
	    "--result corrected --decided 2026-11-20 --redo --received "
	    "2026-11-20", f.db);
	ck_assert_int_eq(test_run(&out, "--db %s case show 2026-0001", f.db),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "handling"));
	free(out);
	RUN_OK("--db %s case act "
	    "2026-0001 reply --on 2026-11-20 --outcome disclosed", f.db);
	RUN_OK("--db %s case act "
	    "2026-0001 archive", f.db);
	/* A supplementary item with the new reply; the sealed one is as
	 * it was. */
	ck_assert_int_eq(test_run(&out, "--db %s archive show 2026-0001 "
	    "--json", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"item\":0"));
	ck_assert_ptr_nonnull(strstr(out, "\"item\":1"));
	free(out);
	out = sh(&rc, "sqlite3 '%s' \"SELECT item, refers IS NOT NULL, "
	    "dangan FROM archive_files ORDER BY item\"", f.db);
	ck_assert_str_eq(out, "0|0|" DANGAN "\n1|1|" DANGAN "\n");
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "2 份"));
	free(out);
	teardown(&f);
}
END_TEST

/* The web: the administrator's list with verify, the sealed PDF, the
 * role gate, and a sealed case's note form refused with the message. */
enum { U_OFFICER, U_ADMIN, U__MAX };

static const struct wf_user web_users[U__MAX] = {
	{ "officer", "officer" }, { "admin", "admin" },
};

static void
web_tmpl_setup(void)
{
	wf_tmpl_setup(web_users, U__MAX, "in_person");
}

static void
web_tmpl_teardown(void)
{
	wf_tmpl_teardown();
}

static void
web_setup(void)
{
	wf_start(0, 0, NULL);
}

static void
web_teardown(void)
{
	wf_teardown();
}

START_TEST(test_web_archive)
{
	struct hres	 h;
	char		*out, *before;

	/* 2026-0003 of the fixture is replied: archive (and seal) it. */
	ck_assert_msg(test_run(&out, "--db %s case act 2026-0003 archive",
	    wf_db) == 0, "%s", out);
	free(out);
	wf_get("/admin/archive?year=2026", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, ">0001-2026-D10-GK-0001</a>"));
	ck_assert_ptr_nonnull(strstr(h.body,
	    "href=\"/cases/2026-0003/archive/0.pdf\""));
	hres_clear(&h);
	wf_get("/admin/archive?year=2026&verify=1", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "核验归档文件 1 份，发现不符 0 处"));
	hres_clear(&h);
	wf_get("/cases/2026-0003/archive/0.pdf", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Type"),
	    "application/pdf"));
	ck_assert_int_eq(memcmp(h.body, "%PDF-", 5), 0);
	hres_clear(&h);
	/* The case page links the sealed file by its 档号. */
	wf_get("/cases/2026-0003", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "<a href=\"/cases/2026-0003/"
	    "archive/0.pdf\">档号 0001-2026-D10-GK-0001</a>"));
	hres_clear(&h);
	wf_get("/cases/2026-0003/archive/1.pdf", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/admin/archive?year=2026", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	/* The year's 归档目录, as `archive export` writes it. */
	wf_get("/admin/archive.csv?year=2026", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(wf_hdr(&h, "Content-Type"), "text/csv"));
	ck_assert_ptr_nonnull(strstr(h.body, "档号,补充件,全宗号"));
	ck_assert_ptr_nonnull(strstr(h.body, "0001-2026-D10-GK-0001,0,0001,"
	    "2026,"));
	ck_assert_ptr_nonnull(strstr(h.body, ",2026-0003,"));
	hres_clear(&h);
	wf_get("/admin/archive.csv?year=2026", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_get("/admin/archive.csv?year=20x6", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 400);
	hres_clear(&h);
	/* A note on the sealed case: refused, nothing changes. */
	before = wf_dump();
	wf_post("/cases/2026-0003/notes", U_OFFICER, "text=%E5%A4%87%E6%B3%A8",
	    0, &h);
	ck_assert_int_ge(h.status, 400);
	ck_assert_ptr_nonnull(strstr(h.body, "该案件已归档封存，不能修改"));
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
}
END_TEST

/*
 * `archive backfill`: the demo's cases archived without a sealed file
 * (as before sealing existed) are listed by --dry-run with nothing
 * written, then sealed, each verifiable and locked; a second run has
 * nothing left to do.
 */
START_TEST(test_backfill)
{
	char	*dir, db[512], num[32], *out, *p;
	int	 rc;

	dir = test_tmpdir();
	snprintf(db, sizeof(db), "%s/d.db", dir);
	ck_assert_int_eq(test_run(NULL, "--db %s init --demo", db), 0);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", db), 0);
	ck_assert_msg(strstr(out, "核验归档文件 0 份") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive backfill --dry-run",
	    db), 0);
	ck_assert_msg(strstr(out, "待补封") != NULL, "%s", out);
	p = strstr(out, "共 ");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_gt(atoi(p + strlen("共 ")), 0);
	ck_assert_int_eq(sscanf(out, "%31[^\t]", num), 1);
	rc = atoi(p + strlen("共 "));
	free(out);
	/* Nothing was sealed by the dry run. */
	ck_assert_int_eq(test_run(&out, "--db %s archive show %s", db, num),
	    4);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s case note %s 备注", db, num),
	    0);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive backfill", db), 0);
	ck_assert_msg(strstr(out, "已封存") != NULL, "%s", out);
	p = strstr(out, "补封 ");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(atoi(p + strlen("补封 ")), rc);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive verify", db), 0);
	ck_assert_msg(strstr(out, "发现 0 处不符") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive show %s", db, num),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "0001-"));
	free(out);
	/* Locked from now on, like any sealed case. */
	ck_assert_int_ne(test_run(&out, "--db %s case note %s 又一条备注", db,
	    num), 0);
	ck_assert_msg(strstr(out, "该案件已归档封存，不能修改") != NULL, "%s",
	    out);
	free(out);
	ck_assert_int_eq(test_run(&out, "--db %s archive backfill", db), 0);
	ck_assert_msg(strstr(out, "补封 0 件，失败 0 件") != NULL, "%s", out);
	free(out);
	test_rmdir(dir);
}
END_TEST

Suite *
archive_suite(void)
{
	Suite	*s = suite_create("archive");
	TCase	*tc = tcase_create("archive");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_seal_index);
	tcase_add_test(tc, test_manifest_hashes);
	tcase_add_test(tc, test_verify_detects_change);
	tcase_add_test(tc, test_sealed_refuses_writes);
	tcase_add_test(tc, test_backfill);
	suite_add_tcase(s, tc);
	tc = tcase_create("web");
	tcase_add_unchecked_fixture(tc, web_tmpl_setup, web_tmpl_teardown);
	tcase_add_checked_fixture(tc, web_setup, web_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_web_archive);
	suite_add_tcase(s, tc);
	return s;
}
