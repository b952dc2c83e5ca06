/* SPDX-License-Identifier: ISC */
/*
 * Appeal commands: add (行政复议 or 行政诉讼 against a case), decide (its
 * result) and list (a case's appeals, JSON).  The records feed table 四
 * of the annual report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/appeal.h"
#include "cases/limits.h"
#include "ops/appeal.h"
#include "ops/op.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "store/store_report.h"
#include "util/buf.h"
#include "util/json.h"


static const char appeal_help[] =
    "usage: foidesk appeal add CASE --kind K --filed DATE [--body NAME]\n"
    "                 [--result R --decided DATE] [--by USER]\n"
    "       foidesk appeal decide APPEAL-ID --result R --decided DATE\n"
    "                 [--redo [--received DATE] [--days N]] [--by USER]\n"
    "       foidesk appeal list CASE\n\n"
    "Records an administrative reconsideration (行政复议) or lawsuit (行政\n"
    "诉讼) against the reply to a case, for table 四 of the annual report.\n"
    "Kinds: reconsideration (行政复议), litigation_direct (未经复议直接起诉),\n"
    "litigation_after_review (复议后起诉).  Results: upheld (维持),\n"
    "corrected (纠正), other (其他结果), pending (尚未审结, the default).\n"
    "--redo (with corrected: 责令重新答复) reopens the case for a new reply\n"
    "within N working days (default 20) of --received (default --decided).\n"
    "--body names the 复议机关 or the court.  A result other than pending\n"
    "needs --decided, not before --filed; --filed is not before the case\n"
    "was received.  Both print the appeal as JSON; list prints an array.\n";

/* Prints appeal id as JSON. */
static void
print_appeal(struct cli *c, int64_t id)
{
	struct appeal_rec a;
	struct buf	 b;
	struct json	 j;

	if (store_appeal_get(c->st, id, &a) != CM_OK) {
		appeal_rec_clear(&a);
		return;
	}
	buf_init(&b);
	json_init(&j, &b);
	appeal_json(&a, &j);
	cli_print_buf(buf_str(&b));
	buf_clear(&b);
	appeal_rec_clear(&a);
}

static int
appeal_add_cmd(struct cli *c, int argc, char **argv)
{
	struct appeal_input in;
	struct appeal_add_out out;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	const char	*by = NULL, *who;
	struct opt	 o[] = {
		{ "kind", &in.kind, NULL },
		{ "filed", &in.filed, NULL },
		{ "body", &in.body, NULL },
		{ "result", &in.result, NULL },
		{ "decided", &in.decided, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char		*pos[1];
	size_t		 npos;
	int		 rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1) {
		fputs(appeal_help, stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_appeal_add(&ctx, &in, &out, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	else
		print_appeal(c, out.id);
	cli_close(c);
	return cli_err_exit(e);
}

static int
appeal_decide_cmd(struct cli *c, int argc, char **argv)
{
	struct appeal_decide_in in;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	const char	*by = NULL, *who, *m, *days = NULL;
	struct opt	 o[] = {
		{ "result", &in.result, NULL },
		{ "decided", &in.decided, NULL },
		{ "redo", NULL, &in.redo },
		{ "received", &in.received, NULL },
		{ "days", &days, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char		*pos[1];
	size_t		 npos;
	long long	 id;
	int		 rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1) {
		fputs(appeal_help, stderr);
		return EXIT_USAGE;
	}
	if ((m = valid_int(pos[0], 1, 1000000000000LL, &id)) != NULL)
		return cli_fail("APPEAL-ID: %s", m);
	in.id = (int64_t)id;
	if (days != NULL) {
		if ((m = valid_int(days, 1, LIM_REDO_WD_MAX, &id)) != NULL)
			return cli_fail("--days: %s", m);
		in.days = (int)id;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_appeal_decide(&ctx, &in, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	else
		print_appeal(c, in.id);
	cli_close(c);
	return cli_err_exit(e);
}

static int
appeal_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	struct appeal_rec *v;
	struct buf	 b;
	struct json	 j;
	char		*pos[1];
	size_t		 npos, n, i;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1) {
		fputs(appeal_help, stderr);
		return EXIT_USAGE;
	}
	if (valid_text(pos[0], LIM_CASE_KEY_CHARS, 1, 0) != NULL)
		return cli_fail("案件编号无效 (bad case id)");
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = appeal_list(c->st, pos[0], &v, &n)) != CM_OK)
		cli_fail(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the appeals)");
	else {
		buf_init(&b);
		json_init(&j, &b);
		json_arr_open(&j, NULL);
		for (i = 0; i < n; i++)
			appeal_json(&v[i], &j);
		json_arr_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
		appeals_free(v, n);
	}
	cli_close(c);
	return cli_err_exit(e);
}

/*
 * `foidesk appeal add|decide|list ...`.  Returns the exit status (0, or
 * EXIT_USAGE/DATA/NOTFOUND/SYS).
 */
int
cmd_appeal(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, appeal_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return appeal_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "decide") == 0)
		return appeal_decide_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return appeal_list_cmd(c, argc - 1, argv + 1);
	fputs(appeal_help, stderr);
	return EXIT_USAGE;
}
