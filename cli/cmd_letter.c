/* SPDX-License-Identifier: ISC */
/*
 * Letter commands: generate and store a letter, list a case's letters,
 * fetch a stored version, print a batch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/case.h"
#include "store/letters.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/letter.h"
#include "forms/validate.h"
#include "ops/case_ops.h"
#include "ops/letter_issue.h"
#include "ops/letter_pending.h"
#include "util/buf.h"
#include "util/json.h"


static const char letter_help[] =
    "usage: foidesk letter ID --kind KIND -o FILE.pdf [--by USER] [--json]\n"
    "       foidesk letter ID --kind KIND --reissue --reason TEXT -o FILE.pdf\n"
    "                         [--by USER] [--json]\n"
    "       foidesk letter list ID [--json]\n"
    "       foidesk letter get ID --kind KIND [--version N] -o FILE.pdf\n"
    "       foidesk letter batch --kind KIND -o FILE.pdf ID...\n"
    "       foidesk letter render\n\n"
    "KIND: receipt correction extension consultation consultation_agency\n"
    "fee reply service third_party_decision reasons_request later_deadline\n"
    "approval_form (办理审批单: the sign-off chain of the case's latest\n"
    "approval, no document number; stored by itself when a configured\n"
    "chain completes, see foidesk signoff --help).\n"
    "`letter ID` generates the letter from the case, the agency settings\n"
    "and the case texts (foidesk case text), stores it with the case as\n"
    "version 1 (SHA-256, timestamp) and writes it to FILE.  Replies and\n"
    "notices get a document number (发文字号), in sequence.  A reply or an\n"
    "extension stores its letter by itself (case act, or the approval),\n"
    "as do ask-reasons (reasons_request), set-later-deadline\n"
    "(later_deadline) and a disclosing reply over a third party's\n"
    "recorded objection (third_party_decision).\n"
    "An issued letter is immutable: `letter ID` refuses a kind already\n"
    "issued; --reissue makes the next version (重新出具) under the same\n"
    "document number, and needs --reason, which the audit trail keeps.\n"
    "`letter get` writes a stored version's exact bytes.\n"
    "`letter batch` prints one PDF with the letter of every case given\n"
    "(fonts embedded once); it stores nothing.\n"
    "A 登记回执 is typeset after the intake's commit: by the server's\n"
    "renderer, or by the command that made it before it returns.\n"
    "`letter render` typesets and stores every letter still waiting (left\n"
    "by a server that stopped, or whose typesetting failed and is due for\n"
    "a retry), as the server does, and prints {\"stored\":N,\"failed\":M};\n"
    "exit 5 when one failed (it stays pending; /admin shows why).\n";

static int
write_file(const char *path, const struct buf *b)
{
	FILE	*f;
	int	 rc = 0;

	if ((f = fopen(path, "wb")) == NULL)
		return cli_fail("无法写入 %s (%s)", path, strerror(errno));
	if (fwrite(b->p, 1, b->len, f) != b->len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0) {
		remove(path);
		return cli_fail("写入 %s 失败 (write failed)", path);
	}
	return 0;
}

/* `letter render`: every due pending letter typeset and stored. */
static int
letter_render(struct cli *c)
{
	struct buf	 b;
	struct json	 j;
	size_t		 stored, failed;
	enum cm_err	 e;
	int		 rc;

	if ((rc = cli_open(c)) != 0)
		return rc;
	if ((e = lpend_run(c->st, &stored, &failed)) != CM_OK) {
		(void)cli_fail("无法保存待生成的文书 (cannot store pending "
		    "letters: %s)", store_errmsg(c->st));
		cli_close(c);
		return EXIT_SYS;
	}
	cli_close(c);
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	json_int(&j, "stored", (long long)stored);
	json_int(&j, "failed", (long long)failed);
	json_obj_close(&j);
	cli_print_buf(buf_str(&b));
	buf_clear(&b);
	return failed > 0 ? EXIT_SYS : 0;
}

static int
letter_list(struct cli *c, const char *key)
{
	struct case_view	 v;
	struct letter_info	*l = NULL;
	size_t			 n = 0, i;
	struct buf		 b;
	struct json		 j;
	int			 rc;

	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if (case_load(c->st, c->cal, key, c->today, &v) != CM_OK) {
		case_view_clear(&v);
		cli_close(c);
		return cli_fail("没有这个案件 (no such case)");
	}
	if (letters_list_all(c->st, v.rec.id, &l, &n) != CM_OK)
		rc = cli_fail("读取失败 (%s)", store_errmsg(c->st));
	buf_init(&b);
	json_init(&j, &b);
	json_arr_open(&j, NULL);
	for (i = 0; i < n; i++) {
		json_obj_open(&j, NULL);
		json_str(&j, "kind", l[i].kind);
		json_int(&j, "version", l[i].version);
		json_str(&j, "doc_number", l[i].doc_number);
		json_str(&j, "outcome", l[i].outcome);
		json_str(&j, "sha256", l[i].sha256);
		json_int(&j, "size", l[i].size);
		json_str(&j, "created_by", l[i].created_by);
		json_str(&j, "created_at", l[i].created_at);
		json_obj_close(&j);
		if (!c->json)
			printf("%s\tv%d\t%s\t%lld bytes\t%s\t%s\n", l[i].kind,
			    l[i].version, l[i].doc_number, (long long)l[i].size,
			    l[i].created_at, l[i].sha256);
	}
	json_arr_close(&j);
	if (c->json && rc == 0)
		cli_print_buf(buf_str(&b));
	buf_clear(&b);
	letter_infos_free(l, n);
	case_view_clear(&v);
	cli_close(c);
	return rc;
}

static int
letter_get(struct cli *c, const char *key, const char *kind,
    const char *version, const char *out)
{
	struct case_view	 v;
	struct letter_info	 info;
	struct buf		 pdf;
	long long		 ver = 0;
	const char		*m;
	int			 rc;

	if (version != NULL && (m = valid_int(version, 1, 1000000, &ver)) !=
	    NULL)
		return cli_fail("--version: %s", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	buf_init(&pdf);
	memset(&info, 0, sizeof(info));
	if (case_load(c->st, c->cal, key, c->today, &v) != CM_OK)
		rc = cli_fail("没有这个案件 (no such case)");
	else if (letter_fetch_any(c->st, v.rec.id, kind, (int)ver, &pdf,
	    &info) != CM_OK)
		rc = cli_fail("没有这份文书 (no such letter)");
	else if (write_file(out, &pdf) != 0)
		rc = EXIT_DATA;
	letter_info_clear(&info);
	buf_clear(&pdf);
	case_view_clear(&v);
	cli_close(c);
	return rc;
}

static int
letter_batch_cmd(struct cli *c, const char *kind, const char *out,
    char **ids, size_t n)
{
	struct buf	 pdf;
	char		 err[512];
	int		 rc;
	enum cm_err	 e;

	if (n == 0)
		return cli_fail("请给出案件编号 (no cases given)");
	if ((rc = cli_open(c)) != 0)
		return rc;
	buf_init(&pdf);
	e = letter_batch(c->st, c->cal, (const char *const *)ids, n, kind,
	    "cli", c->today, &pdf, err, sizeof(err));
	if (e != CM_OK)
		rc = cli_fail("%s", err);
	else if (write_file(out, &pdf) != 0)
		rc = EXIT_DATA;
	else
		fprintf(stderr, "%zu letters, %zu bytes\n", n, pdf.len);
	buf_clear(&pdf);
	cli_close(c);
	return rc != 0 ? rc : cli_err_exit(e);
}

int
cmd_letter(struct cli *c, int argc, char **argv)
{
	const char	*kind = NULL, *out = NULL, *by = NULL, *version = NULL;
	const char	*reason = NULL;
	int		 reissue = 0;
	struct opt	 o[] = {
		{ "kind", &kind, NULL },
		{ "o", &out, NULL },
		{ "output", &out, NULL },
		{ "by", &by, NULL },
		{ "version", &version, NULL },
		{ "reissue", NULL, &reissue },
		{ "reason", &reason, NULL },
		{ "json", NULL, &c->json },
	};
	struct letter_out lo;
	struct letter_in in;
	struct reissue_in rin;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	char		*pos[LIM_LETTER_BATCH + 1];
	size_t		 npos;
	int		 i, rc;
	enum cm_err	 e;

	if (cli_wants_help(argc, argv, letter_help))
		return 0;
	for (i = 0; i < argc; i++) {
		/* Accept the conventional "-o FILE". */
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--o";
	}
	if (opts_parse(argc, argv, o, NOPT(o), pos, LIM_LETTER_BATCH + 1,
	    &npos) != 0)
		return EXIT_USAGE;
	if (npos >= 2 && strcmp(pos[0], "list") == 0 && npos == 2)
		return letter_list(c, pos[1]);
	if (npos == 1 && strcmp(pos[0], "render") == 0)
		return letter_render(c);
	if (kind == NULL || letter_kind_find(kind) < 0)
		return cli_fail("--kind 应为 receipt、correction、extension、"
		    "consultation、consultation_agency、fee、reply 或 service");
	if (out == NULL || out[0] == '\0')
		return cli_fail("请用 -o 指定输出文件 (-o FILE.pdf is required)");
	if (npos >= 1 && strcmp(pos[0], "batch") == 0)
		return letter_batch_cmd(c, kind, out, pos + 1, npos - 1);
	if (npos == 2 && strcmp(pos[0], "get") == 0)
		return letter_get(c, pos[1], kind, version, out);
	if (npos != 1) {
		fputs(letter_help, stderr);
		return EXIT_USAGE;
	}
	if (reissue && reason == NULL)
		return cli_fail("重新出具须用 --reason 说明原因 (--reissue needs "
		    "--reason)");
	if (!reissue && reason != NULL)
		return cli_fail("--reason 只用于 --reissue (--reason goes with "
		    "--reissue)");
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	/* Issuing: the operation behind the pages' and the API's POST. */
	in.case_key = pos[0];
	in.kind = kind;
	letter_out_init(&lo);
	if (reissue) {
		rin.case_key = pos[0];
		rin.kind = kind;
		rin.reason = reason;
		e = op_letter_reissue(&ctx, &rin, &lo, &rf);
	} else
		e = op_letter_issue(&ctx, &in, &lo, &rf);
	if (e != CM_OK) {
		rc = cli_refused(e, &rf);
		if (!reissue && e == CM_CONFLICT &&
		    strstr(rf.msg, "重新出具") != NULL)
			fprintf(stderr, "foidesk: 重新出具：foidesk letter %s "
			    "--kind %s --reissue --reason TEXT -o FILE.pdf\n",
			    pos[0], kind);
	} else if (write_file(out, &lo.pdf) != 0)
		rc = EXIT_DATA;
	else {
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_str(&j, "file", out);
		json_str(&j, "kind", kind);
		json_str(&j, "title", lo.title);
		json_int(&j, "version", lo.version);
		json_str(&j, "doc_number", lo.doc_number[0] != '\0' ?
		    lo.doc_number : NULL);
		json_str(&j, "sha256", lo.sha256);
		json_int(&j, "bytes", (long long)lo.pdf.len);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	}
	letter_out_clear(&lo);
	cli_close(c);
	return rc != 0 ? rc : cli_err_exit(e);
}
