/* SPDX-License-Identifier: ISC */
/*
 * The agency's standard letter texts (issue 11 item 7): the check of an
 * edited text (forms/letter_text.c) on every shipped text and on bad
 * ones; and, on a server, the page and the command line doing the same
 * (same rows of letter_texts, same refusals), the next letter using the
 * edited wording (pdftotext), every version kept, the restore, and the
 * pages and the preview writing nothing.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cases/codes.h"
#include "forms/letter_text.h"
#include "tests/dbdump_admin.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/web.h"

/* The shipped text of a key with from replaced by to (first match). */
static char *
edited(const struct letter_text_key *k, const char *from, const char *to)
{
	const char	*t = letter_text_default(k), *at;
	struct buf	 b;

	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(at = strstr(t, from));
	buf_init(&b);
	buf_put(&b, t, (size_t)(at - t));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	return buf_release(&b);
}

START_TEST(test_shipped_pass)
{
	struct letter_text_key	 k, k2;
	char			 msg[512], name[64];
	size_t			 i;

	ck_assert_uint_eq(letter_text_count(), LETTER__MAX - 1 + OUT__MAX);
	for (i = 0; i < letter_text_count(); i++) {
		letter_text_key_at(i, &k);
		ck_assert_int_eq(letter_text_name(&k, name, sizeof(name)), 0);
		ck_assert_int_eq(letter_text_key_of_name(name, &k2), 0);
		ck_assert_int_eq(k2.kind, k.kind);
		ck_assert_int_eq(k2.outcome, k.outcome);
		ck_assert_msg(letter_text_default(&k) != NULL, "%s", name);
		ck_assert_msg(letter_text_check(&k, letter_text_default(&k),
		    msg, sizeof(msg)) == CM_OK, "%s: %s", name, msg);
	}
	ck_assert_int_eq(letter_text_key_of_name("remedy_general", &k), -1);
	ck_assert_int_eq(letter_text_key_find("reply", NULL, &k), -2);
	ck_assert_int_eq(letter_text_key_find("receipt", "disclosed", &k), -3);
	ck_assert_int_eq(letter_text_key_find("nope", NULL, &k), -1);
}
END_TEST

START_TEST(test_check_refusals)
{
	struct letter_text_key	 rc, rp;
	char			 msg[512], *t;

	ck_assert_int_eq(letter_text_key_find("receipt", NULL, &rc), 0);
	ck_assert_int_eq(letter_text_key_find("reply", "partial", &rp), 0);

	/* A field of another kind, and no field at all. */
	t = edited(&rc, "{{due}}", "{{due}}{{withheld_items}}");
	ck_assert_int_eq(letter_text_check(&rc, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strstr(msg, "{{withheld_items}}") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "行") != NULL, "%s", msg);
	free(t);
	t = edited(&rc, "{{due}}", "{{due}}{{no_such_field}}");
	ck_assert_int_eq(letter_text_check(&rc, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strstr(msg, "{{no_such_field}}") != NULL, "%s", msg);
	free(t);

	/* A mandatory placeholder dropped. */
	t = edited(&rc, "{{due}}", "二十个工作日后");
	ck_assert_int_eq(letter_text_check(&rc, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strstr(msg, "缺少必需的占位符{{due}}") != NULL, "%s", msg);
	free(t);
	t = edited(&rp, "{{*withheld_items}}", "（略）");
	ck_assert_int_eq(letter_text_check(&rp, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strstr(msg, "{{withheld_items}}") != NULL, "%s", msg);
	free(t);

	/* Syntax, title, emptiness, bad UTF-8. */
	t = edited(&rc, "{{due}}", "{{#due}");
	ck_assert_int_eq(letter_text_check(&rc, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strncmp(msg, "第", strlen("第")) == 0, "%s", msg);
	free(t);
	t = edited(&rc, "@title", "#title");
	ck_assert_int_eq(letter_text_check(&rc, t, msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_msg(strstr(msg, "@title") != NULL, "%s", msg);
	free(t);
	ck_assert_int_eq(letter_text_check(&rc, "  \n", msg, sizeof(msg)),
	    CM_INVALID);
	ck_assert_int_eq(letter_text_check(&rc, "@title \xff", msg,
	    sizeof(msg)), CM_INVALID);

	/* A field that is allowed but optional may go; others of the kind
	 * may come. */
	t = edited(&rc, "@note", "# @note");
	ck_assert_msg(letter_text_check(&rc, t, msg, sizeof(msg)) == CM_OK,
	    "%s", msg);
	free(t);
	t = edited(&rp, "{{reasons}}", "{{reasons}}{{applicant_address}}");
	ck_assert_msg(letter_text_check(&rp, t, msg, sizeof(msg)) == CM_OK,
	    "%s", msg);
	free(t);
	ck_assert(letter_text_field_mandatory(&rp, "withheld_items"));
	ck_assert(!letter_text_field_mandatory(&rc, "agency_phone"));
	ck_assert(letter_text_field_allowed(&rc, "agency_phone"));
	ck_assert(!letter_text_field_allowed(&rc, "withheld_items"));
}
END_TEST

/* The server and the command line. */
enum { U_CLERK, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
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

/* POSTs text (CR LF line ends, as a browser does) and note. */
static void
post_text(const char *path, const char *text, const char *note,
    struct hres *h)
{
	struct buf	 b, crlf;
	const char	*p;

	buf_init(&b);
	buf_init(&crlf);
	for (p = text; text != NULL && *p != '\0'; p++) {
		if (*p == '\n')
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, *p);
	}
	if (text != NULL)
		wf_form_add(&b, "text", buf_str(&crlf));
	if (note != NULL)
		wf_form_add(&b, "note", note);
	wf_post(path, U_ADMIN, buf_str(&b), 0, h);
	buf_clear(&b);
	buf_clear(&crlf);
}

/* Runs foidesk on db; returns the exit status. */
static int
cli(char **out, const char *db, const char *fmt, ...)
{
	struct buf	 cmd;
	va_list		 ap;
	int		 rc;

	buf_init(&cmd);
	buf_printf(&cmd, "--db '%s' ", db);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	rc = test_run(out, "%s", buf_str(&cmd));
	buf_clear(&cmd);
	return rc;
}

/* Writes text to wf_dir/name; returns the path (static). */
static const char *
file_of(const char *name, const char *text)
{
	static char	 path[700];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", wf_dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

static const char *const tables[] = { "letter_texts", NULL };

static void
same_rows(void)
{
	char	*a = dbdump_admin(wf_db, tables), *b = dbdump_admin(cli_db,
		    tables);

	ck_assert_msg(strcmp(a, b) == 0, "page:\n%s\ncli:\n%s", a, b);
	ck_assert_msg(a[0] != '\0', "no rows");
	free(a);
	free(b);
}

/* The CLI's message (after "foidesk: ") is in the page's answer. */
static void
same_refusal(const struct hres *h, int status, const char *out,
    const char *want)
{
	const char	*p;
	char		 msg[600];
	size_t		 n;

	ck_assert_int_eq(h->status, status);
	ck_assert_ptr_nonnull(p = strstr(out, "foidesk: "));
	p += strlen("foidesk: ");
	n = strcspn(p, "\n");
	ck_assert_uint_lt(n, sizeof(msg));
	memcpy(msg, p, n);
	msg[n] = '\0';
	ck_assert_msg(strstr(msg, want) != NULL, "'%s' lacks '%s'", msg, want);
	ck_assert_ptr_null(strstr(msg, "--"));
	/* At the field when it names one (the text), else atop the page. */
	ck_assert_ptr_nonnull(h->body);
	ck_assert_msg(strstr(h->body, status == 422 ? "class=\"msg\"" :
	    "class=\"error\"") != NULL, "no message where expected");
	ck_assert_msg(strstr(h->body, msg) != NULL, "page lacks '%s'", msg);
}

START_TEST(test_page_cli_same)
{
	struct letter_text_key	 k;
	struct hres		 h;
	char			*t, *t2, *out, *bp, *bc;
	const char		*path;

	ck_assert_int_eq(letter_text_key_find("reply", "withheld.law", &k), 0);
	t = edited(&k, "@title", "# 本机关修改\n@title");
	post_text("/admin/texts/reply_withheld_law", t, "统一表述", &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	path = file_of("law.tmpl", t);
	ck_assert_int_eq(cli(&out, cli_db, "agency text set reply --outcome"
	    " withheld.law --note 统一表述 --by admin < '%s'", path), 0);
	ck_assert_str_eq(out, "v1\n");
	free(out);
	same_rows();

	/* Refusals: the same message, nothing written. */
	bp = dbdump_admin(wf_db, tables);
	bc = dbdump_admin(cli_db, tables);
	free(t);
	t = edited(&k, "{{reasons}}", "{{reasons}}{{fee_count}}");
	post_text("/admin/texts/reply_withheld_law", t, "", &h);
	path = file_of("bad.tmpl", t);
	ck_assert_int_ne(cli(&out, cli_db, "agency text set reply --outcome"
	    " withheld.law --by admin < '%s'", path), 0);
	same_refusal(&h, 422, out, "占位符{{fee_count}}");
	ck_assert_ptr_nonnull(strstr(h.body, "占位符{{fee_count}}"));
	hres_clear(&h);
	free(out);
	free(t);
	t = edited(&k, "{{reasons}}", "依法不予公开。");
	post_text("/admin/texts/reply_withheld_law", t, "", &h);
	path = file_of("bad2.tmpl", t);
	ck_assert_int_ne(cli(&out, cli_db, "agency text set reply --outcome"
	    " withheld.law --by admin < '%s'", path), 0);
	same_refusal(&h, 422, out, "缺少必需的占位符{{reasons}}");
	hres_clear(&h);
	free(out);
	t2 = dbdump_admin(wf_db, tables);
	ck_assert_str_eq(t2, bp);
	free(t2);
	t2 = dbdump_admin(cli_db, tables);
	ck_assert_str_eq(t2, bc);
	free(t2);
	free(bp);
	free(bc);

	/* Restore, both ways; a second restore is refused. */
	post_text("/admin/texts/reply_withheld_law/restore", NULL, "恢复", &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(cli(&out, cli_db, "agency text restore reply"
	    " --outcome withheld.law --note 恢复 --by admin"), 0);
	free(out);
	same_rows();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letter_texts"), 2);
	post_text("/admin/texts/reply_withheld_law/restore", NULL, "", &h);
	ck_assert_int_ne(cli(&out, cli_db, "agency text restore reply"
	    " --outcome withheld.law --by admin"), 0);
	same_refusal(&h, 409, out, "已在使用标准文本");
	hres_clear(&h);
	free(out);
	ck_assert_int_ne(cli(&out, cli_db, "agency text show reply --outcome"
	    " nope"), 0);
	free(out);
	free(t);
}
END_TEST

/* Runs a shell command; returns its exit status, output in *out. */
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
	ck_assert_ptr_nonnull(p = popen(buf_str(&cmd), "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	st = pclose(p);
	buf_clear(&cmd);
	*out = buf_release(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The text of the newest receipt of case 2026-0002, lines joined. */
static char *
receipt_text(void)
{
	char	*out, pdf[700], *p, *q;

	snprintf(pdf, sizeof(pdf), "%s/r.pdf", wf_dir);
	/* Issued letters are immutable: the first time it is issued, after
	 * that a new version is a reissue with a reason. */
	if (cli(&out, wf_db, "letter 2026-0002 --kind receipt -o '%s'",
	    pdf) != 0) {
		free(out);
		ck_assert_int_eq(cli(&out, wf_db, "letter 2026-0002 --kind "
		    "receipt --reissue --reason 本机关文本已修改 -o '%s'", pdf),
		    0);
	}
	free(out);
	ck_assert_int_eq(sh(&out, "pdftotext '%s' - 2>/dev/null", pdf), 0);
	for (p = q = out; *p != '\0'; p++)
		if (*p != '\n')
			*q++ = *p;
	*q = '\0';
	return out;
}

START_TEST(test_next_letter)
{
	struct letter_text_key	 k;
	struct hres		 h;
	char			*t, *txt, *out;

	ck_assert_int_eq(letter_text_key_find("receipt", NULL, &k), 0);
	txt = receipt_text();
	ck_assert_ptr_null(strstr(txt, "本机关特别提示"));
	free(txt);
	t = edited(&k, "查询办理进度时", "本机关特别提示：查询办理进度时");
	post_text("/admin/texts/receipt", t, "加提示", &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	txt = receipt_text();
	ck_assert_msg(strstr(txt, "本机关特别提示") != NULL, "%s", txt);
	free(txt);
	/* The page lists it as the agency's v1 and keeps the history. */
	wf_get("/admin/texts", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "本机关文本 v1"));
	hres_clear(&h);
	post_text("/admin/texts/receipt/restore", NULL, "不再提示", &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	txt = receipt_text();
	ck_assert_ptr_null(strstr(txt, "本机关特别提示"));
	free(txt);
	ck_assert_int_eq(cli(&out, wf_db, "agency text show receipt"
	    " --versions"), 0);
	ck_assert_ptr_nonnull(strstr(out, "v2\t"));
	ck_assert_ptr_nonnull(strstr(out, "恢复标准文本\t不再提示"));
	ck_assert_ptr_nonnull(strstr(out, "v1\t"));
	ck_assert_ptr_nonnull(strstr(out, "加提示"));
	free(out);
	ck_assert_int_eq(cli(&out, wf_db, "agency text show receipt"), 0);
	ck_assert_str_eq(out, letter_text_default(&k));
	free(out);
	/* Versions cannot be changed or deleted. */
	ck_assert_int_ne(sh(&out, "sqlite3 '%s' 'DELETE FROM letter_texts'"
	    " 2>&1", wf_db), 0);
	free(out);
	ck_assert_int_ne(sh(&out, "sqlite3 '%s' \"UPDATE letter_texts SET"
	    " note = 'x'\" 2>&1", wf_db), 0);
	free(out);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letter_texts"), 2);
	free(t);
}
END_TEST

START_TEST(test_reads_write_nothing)
{
	struct letter_text_key	 k;
	struct hres		 h;
	char			*before, *t;

	before = wf_dump();
	wf_get("/admin/texts", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "标准文本"));
	hres_clear(&h);
	wf_get("/admin/texts/reply_withheld_state_secret", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "{{reasons}}"));
	ck_assert_ptr_nonnull(strstr(h.body, "必需"));
	hres_clear(&h);
	wf_get("/admin/texts/remedy_general", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 404);
	hres_clear(&h);
	wf_get("/admin/texts", U_CLERK, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	/* The preview: a PDF of the edited text, nothing stored. */
	ck_assert_int_eq(letter_text_key_find("extension", NULL, &k), 0);
	t = edited(&k, "@title", "@title");
	post_text("/admin/texts/extension/preview", t, NULL, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_str_eq(wf_hdr(&h, "Content-Type"), "application/pdf");
	ck_assert_int_eq(memcmp(h.body, "%PDF", 4), 0);
	hres_clear(&h);
	post_text("/admin/texts/extension/preview", "@title 无效\n{{x}}", NULL,
	    &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "{{x}}"));
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	free(t);
}
END_TEST

Suite *
ltexts_suite(void)
{
	Suite	*s = suite_create("ltexts");
	TCase	*tc;

	tc = tcase_create("check");
	tcase_add_test(tc, test_shipped_pass);
	tcase_add_test(tc, test_check_refusals);
	suite_add_tcase(s, tc);

	tc = tcase_create("web_cli");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_page_cli_same);
	tcase_add_test(tc, test_next_letter);
	tcase_add_test(tc, test_reads_write_nothing);
	suite_add_tcase(s, tc);
	return s;
}
