/* SPDX-License-Identifier: ISC */
/*
 * The sealed case files (ops/archive.h): show a case's 档号, retention
 * and manifest, verify the files against their hashes, export a year
 * for the archives room.  Sealing itself is `case act ID archive`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/archive.h"
#include "ops/op.h"
#include "store/archive.h"
#include "util/buf.h"
#include "util/json.h"

static const char archive_help[] =
    "usage: foidesk archive show ID|NUMBER [--json]\n"
    "       foidesk archive verify [ID|NUMBER]\n"
    "       foidesk archive export --year YYYY -o DIR\n"
    "       foidesk archive backfill [--dry-run]\n\n"
    "`case act ID archive` seals the case file (一案一档): one PDF with\n"
    "the 卷内目录 and the 归档章, the 登记表, every letter version, the\n"
    "办理审批单, the proofs of delivery, the attachments and the event\n"
    "log, and a manifest of every part's SHA-256, chained into the audit\n"
    "trail.  A sealed case can no longer be changed, except by recording\n"
    "an appeal and by the re-handling an appeal orders, which seals a\n"
    "supplementary item (补充件) in the same file.\n\n"
    "show prints the 档号 (全宗号-年度-保管期限-机构-件号), the retention\n"
    "(保管期限) and the manifest.  verify re-hashes the sealed PDFs, their\n"
    "manifests and every stored part they list, and checks the manifest's\n"
    "hash against the audit trail: exit 0 when all is intact, 3 with\n"
    "each difference printed.  export writes a year's sealed files as\n"
    "DIR/<档号>.pdf and DIR/<档号>.json (a supplementary item\n"
    "<档号>.S<n>.pdf) and DIR/归档目录.csv for transfer (移交).\n\n"
    "backfill seals every case archived before sealing existed (an\n"
    "archived case without a sealed file), oldest first, each in its own\n"
    "transaction, as archiving it now would; from then on it is locked\n"
    "like any sealed case.  --dry-run lists them and writes nothing.\n"
    "Exit 0 when every one was sealed, 3 when some could not be (each\n"
    "printed with the reason; the others are sealed).\n\n"
    "Agency settings (agency set-setting KEY VALUE ... see docs/archive.md):\n"
    "archive_fonds (全宗号, default 0001), archive_dept (机构 code of cases\n"
    "without a department, default GK), archive_retention (per outcome,\n"
    "e.g. 'default=D10;disclosed=D30'; codes Y 永久, D30 30年, D10 10年;\n"
    "a case with an appeal is kept at least 30年).\n";

static void
rec_json(struct json *j, const struct archive_rec *a)
{
	json_obj_open(j, NULL);
	json_str(j, "dangan", a->dangan);
	json_int(j, "item", a->item);
	json_str(j, "case", a->number);
	json_str(j, "fonds", a->fonds);
	json_int(j, "year", a->year);
	json_str(j, "retention", a->retention);
	json_str(j, "retention_label", archive_retention_label(a->retention));
	json_str(j, "dept", a->dept);
	json_int(j, "seq", a->seq);
	json_int(j, "pages", a->pages);
	json_int(j, "size", a->size);
	json_str(j, "pdf_sha256", a->pdf_sha256);
	json_str(j, "manifest_sha256", a->manifest_sha256);
	json_str(j, "sealed_by", a->sealed_by);
	json_str(j, "sealed_at", a->sealed_at);
	json_obj_close(j);
}

static int
show_cmd(struct cli *c, int argc, char **argv)
{
	const struct opt o[] = { { "json", NULL, &c->json } };
	struct archive_show_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct json	 j;
	struct buf	 b;
	char		*pos[1];
	size_t		 npos, i;
	int		 rc = 0;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0 ||
	    npos != 1) {
		fputs(archive_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if ((e = op_archive_show(&ctx, pos[0], &out, &rf)) != CM_OK) {
		cli_close(c);
		return cli_refused(e, &rf);
	}
	if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "files");
		for (i = 0; i < out.n; i++)
			rec_json(&j, &out.recs[i]);
		json_arr_close(&j);
		json_arr_open(&j, "manifests");
		for (i = 0; i < out.n; i++) {
			/* The manifest as sealed, verbatim. */
			json_str(&j, NULL, out.recs[i].manifest);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else
		for (i = 0; i < out.n; i++) {
			printf("档号: %s%s\n", out.recs[i].dangan,
			    out.recs[i].item > 0 ? " (补充件)" : "");
			if (out.recs[i].item > 0)
				printf("补充件: %d\n", out.recs[i].item);
			printf("案件编号: %s\n保管期限: %s\n页数: %d\n"
			    "归档: %s %s\nPDF SHA-256: %s\n清单 SHA-256: %s\n"
			    "清单: %s\n\n", out.recs[i].number,
			    archive_retention_label(out.recs[i].retention),
			    out.recs[i].pages, out.recs[i].sealed_at,
			    out.recs[i].sealed_by, out.recs[i].pdf_sha256,
			    out.recs[i].manifest_sha256,
			    out.recs[i].manifest);
		}
	archive_show_clear(&out);
	cli_close(c);
	return 0;
}

static int
verify_cmd(struct cli *c, int argc, char **argv)
{
	struct archive_verify_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	char		*pos[1];
	size_t		 npos, i;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, NULL, 0, pos, 1, &npos) != 0) {
		fputs(archive_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if ((e = op_archive_verify(&ctx, npos == 1 ? pos[0] : NULL, &out,
	    &rf)) != CM_OK) {
		cli_close(c);
		return cli_refused(e, &rf);
	}
	for (i = 0; i < out.nbad; i++)
		printf("不符: %s (%s): %s\n", out.bad[i].dangan,
		    out.bad[i].number, out.bad[i].what);
	printf("%s: 核验归档文件 %zu 份、所列文件 %zu 个，发现 %zu 处不符 "
	    "(%zu sealed files, %zu parts, %zu differences)\n",
	    out.nbad == 0 ? "完好" : "不符", out.files, out.parts, out.nbad,
	    out.files, out.parts, out.nbad);
	rc = out.nbad == 0 ? 0 : EXIT_DATA;
	archive_verify_clear(&out);
	cli_close(c);
	return rc;
}

static int
export_cmd(struct cli *c, int argc, char **argv)
{
	const char	*year = NULL, *dir = NULL;
	char		*end;
	const struct opt o[] = { { "year", &year, NULL },
	    { "o", &dir, NULL } };
	struct op_refusal rf;
	struct op_ctx	 ctx;
	size_t		 npos, n;
	long		 y;
	int		 rc;
	enum cm_err	 e;
	int		 i;

	for (i = 0; i < argc; i++) {
		/* Accept the conventional "-o DIR". */
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--o";
	}
	if (opts_parse(argc, argv, o, NOPT(o), NULL, 0, &npos) != 0 ||
	    year == NULL || dir == NULL) {
		fputs(archive_help, stderr);
		return EXIT_USAGE;
	}
	y = strtol(year, &end, 10);
	if (*end != '\0')
		return cli_fail("年度：应为四位年份");
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if ((e = op_archive_export(&ctx, (int)y, dir, &n, &rf)) != CM_OK) {
		cli_close(c);
		return cli_refused(e, &rf);
	}
	printf("已导出 %zu 份归档文件到 %s (exported %zu sealed files)\n", n,
	    dir, n);
	cli_close(c);
	return 0;
}

static int
backfill_cmd(struct cli *c, int argc, char **argv)
{
	int		 dry = 0;
	const struct opt o[] = { { "dry-run", NULL, &dry } };
	struct archive_backfill_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	size_t		 npos, i;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), NULL, 0, &npos) != 0) {
		fputs(archive_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = dry ? cli_open_read(c) : cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if ((e = op_archive_backfill(&ctx, dry, &out, &rf)) != CM_OK) {
		cli_close(c);
		return cli_refused(e, &rf);
	}
	for (i = 0; i < out.ncases; i++)
		printf("%s\t%s\n", out.cases[i].number,
		    dry ? "待补封 (to seal)" : "已封存 (sealed)");
	for (i = 0; i < out.nfailed; i++)
		printf("%s\t未能封存：%s\n", out.failed[i].number,
		    out.failed[i].why);
	if (dry)
		printf("共 %zu 件归档案件尚未封存 (%zu unsealed)\n",
		    out.ncases, out.ncases);
	else
		printf("补封 %zu 件，失败 %zu 件 (sealed %zu, failed %zu)\n",
		    out.ncases, out.nfailed, out.ncases, out.nfailed);
	rc = out.nfailed > 0 ? 3 : 0;
	archive_backfill_clear(&out);
	cli_close(c);
	return rc;
}

int
cmd_archive(struct cli *c, int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "help") == 0)) {
		fputs(archive_help, stdout);
		return 0;
	}
	if (cli_wants_help(argc, argv, archive_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return show_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "verify") == 0)
		return verify_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "export") == 0)
		return export_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "backfill") == 0)
		return backfill_cmd(c, argc - 1, argv + 1);
	fputs(archive_help, stderr);
	return EXIT_USAGE;
}
